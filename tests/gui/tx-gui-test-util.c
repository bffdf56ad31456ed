/* tx-gui-test-util.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tx-gui-test-util.h"

void
tx_gui_test_init (int    *argc,
                  char ***argv)
{
  g_autofree char *tmp = g_dir_make_tmp ("tongxing-gui-test-XXXXXX", NULL);
  g_autofree char *data = g_build_filename (tmp, "data", NULL);
  g_autofree char *config = g_build_filename (tmp, "config", NULL);
  g_autofree char *cache = g_build_filename (tmp, "cache", NULL);

  /* Own folders for the user's data, but the system's XDG_DATA_DIRS stay:
   * G_TEST_OPTION_ISOLATE_DIRS would hide the MIME database, and GTK could
   * not load its SVG icons. The folder is left for the OS to clean. */
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  g_test_init (argc, argv, NULL);
  tx_core_init ();
  gtk_init ();
  adw_init ();
  {
    /* what AdwApplication would load from the resource base path */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/tongxing/Tongxing/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/tongxing/Tongxing/icons");
  }
}

void
tx_gui_wait (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

gboolean
tx_gui_wait_for (gboolean (*cond) (gpointer),
                 gpointer   data,
                 guint      timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (cond (data))
        return TRUE;
      g_usleep (2000);
    }
  return cond (data);
}

static gboolean
roster_idle (gpointer data)
{
  return !tx_roster_view_is_busy (tx_window_get_roster_view (data));
}

void
tx_gui_wait_roster (TxWindow *window)
{
  tx_gui_wait (20);
  g_assert_true (tx_gui_wait_for (roster_idle, window, 20000));
  tx_gui_wait (20);
}

static gboolean
form_idle (gpointer data)
{
  return !tx_form_view_is_saving (tx_window_get_form_view (data));
}

void
tx_gui_wait_saved (TxWindow *window)
{
  g_assert_true (tx_gui_wait_for (form_idle, window, 20000));
  tx_gui_wait (20);
}

/**
 * tx_gui_find_dialog:
 *
 * Returns: (transfer none) (nullable): the visible message dialog
 */
AdwMessageDialog *
tx_gui_find_dialog (void)
{
  g_autoptr(GList) tops = gtk_window_list_toplevels ();

  for (GList *l = tops; l; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static gboolean
has_dialog (gpointer data)
{
  return tx_gui_find_dialog () != NULL;
}

AdwMessageDialog *
tx_gui_wait_dialog (void)
{
  tx_gui_wait_for (has_dialog, NULL, 5000);
  return tx_gui_find_dialog ();
}

void
tx_gui_respond (AdwMessageDialog *dialog,
                const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_wait (20);
}

/* Fills every input of the form from @record, field by field, through the widgets */
void
tx_gui_fill_form (TxFormView     *form,
                  const TxRecord *record)
{
  const TxForm *f = tx_form_get ();

  for (guint i = 0; i < f->n_fields; i++)
    {
      const TxField *field = &f->fields[i];
      if (field->derived || g_str_has_prefix (field->key, "reporting_"))
        continue;
      tx_form_view_set_value (form, field->key, record->values[i]);
    }
}

/**
 * tx_gui_save_png:
 *
 * Renders @widget as it is on screen into a PNG file.
 */
gboolean
tx_gui_save_png (GtkWidget  *widget,
                 const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL || renderer == NULL)
    return FALSE;
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  return gdk_texture_save_to_png (texture, path);
}

/**
 * tx_gui_find_text:
 * @root: a widget, usually a window
 * @text: what to look for
 *
 * Looks for @text in every visible label and inscription (the roster's
 * cells) under @root — toasts, banners, rows — as a person reading the
 * screen would.
 *
 * Returns: (transfer none) (nullable): the first widget that shows @text
 */
GtkWidget *
tx_gui_find_text (GtkWidget  *root,
                  const char *text)
{
  const char *shown = NULL;

  if (!gtk_widget_get_visible (root))
    return NULL;
  if (GTK_IS_LABEL (root))
    shown = gtk_label_get_text (GTK_LABEL (root));
  else if (GTK_IS_INSCRIPTION (root))
    shown = gtk_inscription_get_text (GTK_INSCRIPTION (root));
  if (shown && strstr (shown, text))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = tx_gui_find_text (c, text);
      if (found)
        return found;
    }
  return NULL;
}
