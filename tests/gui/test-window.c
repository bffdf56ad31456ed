/* test-window.c — the whole window: accessible labels, Tab through the form,
 * the language, and messages without commands, driven through the real
 * widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "tx-gui-test-util.h"
#include "tx-gui-util.h"
#include "tx-calendar-view.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static void
check_labelled (GtkWidget *w)
{
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !(GTK_IS_CHECK_BUTTON (w) && gtk_check_button_get_label (GTK_CHECK_BUTTON (w))) &&
      !(GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w))) &&
      !(GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_label (GTK_MENU_BUTTON (w))))
    g_error ("%s has no accessible label", G_OBJECT_TYPE_NAME (w));
}

/* Every input of the form and the roster can be named by a screen reader */
static void
walk_inputs (GtkWidget *w,
             guint     *n)
{
  if (!gtk_widget_get_visible (w))
    return;
  if (GTK_IS_ENTRY (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_CHECK_BUTTON (w) ||
      GTK_IS_SEARCH_ENTRY (w) || GTK_IS_TOGGLE_BUTTON (w) || GTK_IS_MENU_BUTTON (w))
    {
      check_labelled (w);
      (*n)++;
      if (!GTK_IS_MENU_BUTTON (w))
        return;
    }
  if (GTK_IS_DROP_DOWN (w))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    walk_inputs (c, n);
}

static void
test_accessible_labels (void)
{
  TxWindow *window = tx_gui_new_window ("a11y.db", 20);
  guint n = 0;

  walk_inputs (GTK_WIDGET (tx_window_get_roster_view (window)), &n);
  g_assert_cmpuint (n, >=, 8);
  tx_gui_open_new_form (window);
  n = 0;
  walk_inputs (GTK_WIDGET (tx_window_get_form_view (window)), &n);
  /* every field has at least one input */
  g_assert_cmpuint (n, >=, tx_form_get ()->n_fields);
  tx_gui_close_window (window);
}

/* Tab from the first field to the end of the form: every input that applies
 * is reached, in the order of the paper form */
static void
test_tab_through_form (void)
{
  TxWindow *window = tx_gui_new_window ("tab.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
  const TxForm *f = tx_form_get ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  int last = -1;

  gtk_widget_grab_focus (tx_form_view_get_input (form, "registration_date"));
  for (int step = 0; step < 600; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      int field = -1;

      for (guint i = 0; focus && i < f->n_fields; i++)
        {
          GtkWidget *input = tx_form_view_get_input (form, f->fields[i].key);
          if (focus == input || gtk_widget_is_ancestor (focus, input))
            {
              field = i;
              break;
            }
        }
      if (field >= 0 && field != last)
        {
          g_assert_cmpint (field, >, last);  /* never backwards */
          g_array_append_val (seen, field);
          last = field;
        }
      if (!gtk_widget_child_focus (GTK_WIDGET (tx_window_get_form_view (window)), GTK_DIR_TAB_FORWARD))
        break;
    }

  /* every field that can be typed or ticked in a new form was reached */
  for (guint i = 0; i < f->n_fields; i++)
    {
      const TxField *field = &f->fields[i];
      gboolean reached = FALSE;
      GtkWidget *input = tx_form_view_get_input (form, field->key);

      if (field->derived || g_str_has_prefix (field->key, "reporting_") || !gtk_widget_is_sensitive (input))
        continue;
      for (guint k = 0; k < seen->len; k++)
        reached |= g_array_index (seen, int, k) == (int) i;
      if (!reached)
        g_error ("Tab never reaches %s", field->key);
    }
  tx_gui_close_window (window);
}

/* The window follows the language of the environment */
static void
test_language (void)
{
  TxWindow *window = tx_gui_new_window ("lang.db", 0);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxFormView *form = tx_gui_open_new_form (window);
  GtkWidget *caption = gtk_widget_get_prev_sibling (tx_form_view_get_input (form, "name"));
  g_autofree char *title = tx_form_view_dup_title (form);

  g_assert_true (GTK_IS_LABEL (caption));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==, zh ? "姓名 *" : "Name *");
  g_assert_cmpstr (title, ==, zh ? "新登记" : "New Registration");
  tx_form_view_set_value (form, "id_number", "511323201805141235");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_form_view_get_message (form, "id_number"))),
                            zh ? "校验码不符" : "check digit does not match"));
  tx_gui_close_window (window);
}

static void
collect_toast (GObject    *view,
               const char *message,
               GPtrArray  *toasts)
{
  g_ptr_array_add (toasts, g_strdup (message));
}

/* A message the window shows tells what to do in the window, never a
 * command to run */
static void
assert_no_command (const char *message)
{
  g_assert_nonnull (message);
  if (strstr (message, "tongxing-cli") || strstr (message, "run ") || strstr (message, "“child list”") ||
      strstr (message, "--"))
    g_error ("the window says “%s”", message);
}

/* What the core says for the command line (“run tongxing-cli init”, “see
 * child list”) is said in the window's words */
static void
test_no_commands (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "bare.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxStoreService) service = tx_store_service_new (path, &error);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TxRecord) child = tx_gui_fixture ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  TxSyncView *sync = g_object_new (TX_TYPE_SYNC_VIEW, NULL);
  TxFormView *form = g_object_new (TX_TYPE_FORM_VIEW, NULL);
  AdwMessageDialog *dialog;
  GError not_found = { TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND, (char *) "No child with id x is registered here; check the id with “child list”." };

  g_assert_no_error (error);
  g_assert_false (tx_store_is_set_up (store));
  gtk_widget_set_vexpand (GTK_WIDGET (form), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (sync));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* the sync view reads this station, which has no keys before a set-up */
  g_signal_connect (sync, "toast", G_CALLBACK (collect_toast), toasts);
  tx_sync_view_set_store (sync, store, service);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 10000));
  g_assert_cmpuint (toasts->len, >, 0);
  for (guint i = 0; i < toasts->len; i++)
    assert_no_command (toasts->pdata[i]);

  /* a save the store refuses for the same reason */
  tx_form_view_set_store (form, store, service);
  g_assert_true (tx_form_view_load (form, NULL, NULL));
  tx_gui_fill_form (form, child);
  tx_form_view_save (form, TRUE);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("The Record Was Not Saved"));
  assert_no_command (adw_message_dialog_get_body (dialog));
  tx_gui_respond (dialog, "close");

  /* a record gone meanwhile */
  assert_no_command (tx_gui_error_text (&not_found));

  gtk_window_destroy (GTK_WINDOW (window));
  tx_store_service_wait_idle (service);
  tx_gui_wait (20);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/a11y/labels", test_accessible_labels);
  g_test_add_func ("/gui/keyboard/tab-through-form", test_tab_through_form);
  g_test_add_func ("/gui/language", test_language);
  g_test_add_func ("/gui/messages/no-commands", test_no_commands);
  return g_test_run ();
}
