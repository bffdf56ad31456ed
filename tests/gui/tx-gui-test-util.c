/* tx-gui-test-util.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <gdk/x11/gdkx.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "tx-roster-item.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "../tx-test-login.h"

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
 * tx_gui_screenshot:
 * @name: the file's name
 *
 * With TX_SCREENSHOTS=DIR in the environment, saves @widget as it is on
 * screen into DIR/@name, for the README; otherwise does nothing.
 */
void
tx_gui_screenshot (GtkWidget  *widget,
                   const char *name)
{
  const char *dir = g_getenv ("TX_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  tx_gui_wait (300);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (tx_gui_save_png (widget, path));
}

/**
 * tx_gui_find_text:
 * @root: a widget, usually a window
 * @text: what to look for
 *
 * Looks for @text in every label and inscription on screen (the roster's
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

  /* on screen: a page of a stack not shown is visible but not mapped */
  if (!gtk_widget_get_mapped (root))
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

/* Real input: key presses and clicks made by the X server's XTest
 * extension, so they reach GTK as a person's keyboard and mouse do (GTK 4
 * has no way to make an event). libXtst is loaded when first asked for. */

typedef int (*FakeKey) (Display *dpy, unsigned int keycode, int press, unsigned long delay);
typedef int (*FakeButton) (Display *dpy, unsigned int button, int press, unsigned long delay);
typedef int (*FakeMotion) (Display *dpy, int screen, int x, int y, unsigned long delay);

static struct {
  gboolean   tried;
  FakeKey    key;
  FakeButton button;
  FakeMotion motion;
} xtest;

gboolean
tx_gui_x11_available (void)
{
  if (!xtest.tried)
    {
      void *lib = dlopen ("libXtst.so.6", RTLD_NOW);

      xtest.tried = TRUE;
      if (lib && GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
        {
          xtest.key = (FakeKey) dlsym (lib, "XTestFakeKeyEvent");
          xtest.button = (FakeButton) dlsym (lib, "XTestFakeButtonEvent");
          xtest.motion = (FakeMotion) dlsym (lib, "XTestFakeMotionEvent");
        }
    }
  return xtest.key && xtest.button && xtest.motion;
}

static Display *
x11_display (void)
{
  return gdk_x11_display_get_xdisplay (gdk_display_get_default ());
}

/* Moves the pointer to (x, y) of @widget and gives its window the X focus */
static void
x11_point_at (GtkWidget *widget,
              double     x,
              double     y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  Display *dpy = x11_display ();
  Window xid = gdk_x11_surface_get_xid (gtk_native_get_surface (native));
  graphene_point_t p;
  double sx, sy;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &GRAPHENE_POINT_INIT (x, y), &p));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, xid, DefaultRootWindow (dpy), (int) (p.x + sx), (int) (p.y + sy),
                         &rx, &ry, &child);
  xtest.motion (dpy, -1, rx, ry, 0);
  XSync (dpy, False);
}

static void
x11_focus_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  Display *dpy = x11_display ();

  XSetInputFocus (dpy, gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (root))),
                  RevertToParent, CurrentTime);
  XSync (dpy, False);
}

static void
x11_key_event (KeySym sym,
               gboolean press)
{
  Display *dpy = x11_display ();
  KeyCode code = XKeysymToKeycode (dpy, sym);

  g_assert_cmpuint (code, !=, 0);
  xtest.key (dpy, code, press, 0);
}

/**
 * tx_gui_x11_key:
 * @widget: a widget in the window that gets the key
 * @keyval: the key, as GDK names it
 * @modifiers: Shift, Control or Alt held down with it
 *
 * Presses and releases a key, as a keyboard does.
 */
void
tx_gui_x11_key (GtkWidget       *widget,
                guint            keyval,
                GdkModifierType  modifiers)
{
  Display *dpy = x11_display ();

  g_assert_true (tx_gui_x11_available ());
  x11_focus_window (widget);
  if (modifiers & GDK_SHIFT_MASK)
    x11_key_event (XK_Shift_L, TRUE);
  if (modifiers & GDK_CONTROL_MASK)
    x11_key_event (XK_Control_L, TRUE);
  if (modifiers & GDK_ALT_MASK)
    x11_key_event (XK_Alt_L, TRUE);
  x11_key_event (keyval, TRUE);
  x11_key_event (keyval, FALSE);
  if (modifiers & GDK_ALT_MASK)
    x11_key_event (XK_Alt_L, FALSE);
  if (modifiers & GDK_CONTROL_MASK)
    x11_key_event (XK_Control_L, FALSE);
  if (modifiers & GDK_SHIFT_MASK)
    x11_key_event (XK_Shift_L, FALSE);
  XSync (dpy, False);
  tx_gui_wait (30);
}

/* Types lower-case letters, digits and punctuation of a US keyboard */
void
tx_gui_x11_type (GtkWidget  *widget,
                 const char *text)
{
  for (const char *c = text; *c; c++)
    tx_gui_x11_key (widget, gdk_unicode_to_keyval ((guchar) *c), 0);
}

/**
 * tx_gui_x11_click:
 *
 * Clicks the middle of @widget with the first button, as a mouse does.
 */
void
tx_gui_x11_click (GtkWidget *widget)
{
  Display *dpy = x11_display ();

  g_assert_true (tx_gui_x11_available ());
  /* the pointer comes in and rests a moment, as a hand's does */
  x11_point_at (widget, gtk_widget_get_width (widget) / 2.0 - 4, gtk_widget_get_height (widget) / 2.0);
  tx_gui_wait (100);
  x11_point_at (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0);
  tx_gui_wait (100);
  /* press and release reach GTK together: a loaded machine stalling
   * between them past the double-click time would make GTK forget the
   * press (GtkGestureClick resets when that time runs out) */
  xtest.button (dpy, 1, TRUE, 0);
  xtest.button (dpy, 1, FALSE, 0);
  XSync (dpy, False);
  tx_gui_wait (40);
}

/* Helpers shared by the widget tests and the day-in-the-life test */

/* The row of the problem list that names @key's field, or NULL */
GtkWidget *
tx_gui_summary_row (TxFormView *form,
             const char *key)
{
  const char *label = tx_field_label (tx_form_lookup (key));

  for (GtkWidget *row = gtk_widget_get_first_child (tx_form_view_get_summary (form)); row;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *text = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
      if (GTK_IS_LABEL (text) && strstr (gtk_label_get_text (GTK_LABEL (text)), label))
        return row;
    }
  return NULL;
}

guint
tx_gui_n_summary_rows (TxFormView *form)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (tx_form_view_get_summary (form)); row;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* A click on a row: a real one through the X server where it can be made,
 * else as GtkListBox handles a click: the row takes the focus, then it is
 * activated */
void
tx_gui_click_row (GtkWidget *row)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  if (tx_gui_x11_available ())
    {
      /* scrolled to, as a person scrolls the list to see the row */
      GtkWidget *scroller = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
      graphene_rect_t r;

      if (scroller && gtk_widget_compute_bounds (row, list, &r))
        {
          GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
          gtk_adjustment_clamp_page (adj, r.origin.y, r.origin.y + r.size.height);
          tx_gui_wait (50);
        }
      tx_gui_x11_click (row);
      return;
    }
  g_object_ref (row);
  gtk_widget_grab_focus (row);
  /* the row outlives the focus it took */
  g_assert_true (gtk_widget_get_parent (row) == list);
  gtk_widget_activate (row);
  g_object_unref (row);
}

/* Whether the focus is in the input of @key */
gboolean
tx_gui_focus_in (TxWindow   *window,
          TxFormView *form,
          const char *key)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *input = tx_form_view_get_input (form, key);

  return focus && (focus == input || gtk_widget_is_ancestor (focus, input));
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* The main loop still turns: a timeout added now fires */
void
tx_gui_assert_responsive (void)
{
  gboolean fired = FALSE;

  g_timeout_add (5, set_flag, &fired);
  g_assert_true (tx_gui_wait_for (flag_set, &fired, 2000));
}

/* The first button inside @row, depth first */
GtkWidget *
tx_gui_find_button (GtkWidget *row)
{
  for (GtkWidget *w = row; w; )
    {
      if (GTK_IS_BUTTON (w))
        return w;
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != row && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          w = w == row ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

/* The child ids a calendar list view holds, in order */
GPtrArray *
tx_gui_list_child_ids (GtkWidget *list)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      char *id = NULL;

      g_object_get (item, "child-id", &id, NULL);
      g_ptr_array_add (ids, id);
    }
  return ids;
}

/* The row widget on screen that shows @child_id */
GtkWidget *
tx_gui_find_child_row (GtkWidget  *widget,
                const char *child_id)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (widget), "child-id"), child_id) == 0)
    return widget;
  for (GtkWidget *w = gtk_widget_get_first_child (widget); w; w = gtk_widget_get_next_sibling (w))
    {
      GtkWidget *found = tx_gui_find_child_row (w, child_id);
      if (found)
        return found;
    }
  return NULL;
}

/**
 * tx_gui_find_window:
 * @type: a type of window
 * @visible: only a window shown
 *
 * Returns: (transfer none) (nullable): the first window of @type
 */
GtkWindow *
tx_gui_find_window (GType    type,
                    gboolean visible)
{
  GListModel *tops = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && (!visible || gtk_widget_get_visible (GTK_WIDGET (w))))
        return GTK_WINDOW (w);
    }
  return NULL;
}

TxVisitDialog *
tx_gui_find_visit_dialog (void)
{
  return (TxVisitDialog *) tx_gui_find_window (TX_TYPE_VISIT_DIALOG, FALSE);
}

GtkWidget *
tx_gui_find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = tx_gui_find_child_of_type (c, type);
      if (found)
        return found;
    }
  return NULL;
}

/* The list of a drop-down, when it is open */
GtkWidget *
tx_gui_dropdown_popover (GtkWidget *dd)
{
  for (GtkWidget *c = gtk_widget_get_first_child (dd); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER (c))
      return c;
  return NULL;
}

const char *
tx_gui_dropdown_shows (GtkWidget *dd)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (dd));

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* Typing on a searchable drop-down opens its list with the search holding
 * what was typed; Enter picks the match. @typed is typed on the keyboard,
 * @committed then put in the search as an input method commits Chinese */
void
tx_gui_pick_by_typing (GtkWindow  *window,
                GtkWidget  *dd,
                const char *typed,
                const char *committed)
{
  GtkWidget *popover = tx_gui_dropdown_popover (dd);
  GtkWidget *search = tx_gui_find_child_of_type (popover, GTK_TYPE_SEARCH_ENTRY);

  gtk_widget_grab_focus (dd);
  tx_gui_wait (20);
  g_assert_false (gtk_widget_get_visible (popover));
  tx_gui_x11_type (dd, typed);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, typed);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search));
  if (committed)
    {
      gtk_editable_set_text (GTK_EDITABLE (search), committed);
      tx_gui_wait (20);
    }
  tx_gui_x11_key (dd, GDK_KEY_Return, 0);
  tx_gui_wait (20);
  g_assert_false (gtk_widget_get_visible (popover));
  /* the focus is back on the drop-down, for Tab to go on */
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), dd));
}

/**
 * tx_gui_commit_text:
 * @window: the window with the focus
 * @text: a word, in Chinese
 *
 * Puts @text at the cursor of the input with the focus, as an input method
 * commits the word a person picked (there is none under Xvfb; letters and
 * digits go through tx_gui_x11_type()).
 */
void
tx_gui_commit_text (GtkWindow  *window,
                    const char *text)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  int pos;

  while (focus && !GTK_IS_EDITABLE (focus))
    focus = gtk_widget_get_parent (focus);
  g_assert_nonnull (focus);
  pos = gtk_editable_get_position (GTK_EDITABLE (focus));
  gtk_editable_insert_text (GTK_EDITABLE (focus), text, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (focus), pos);
  tx_gui_wait (20);
}

/**
 * tx_gui_fixture:
 *
 * Returns: (transfer full): the complete registration of
 *   tests/data/child-complete.json, as a paper form would fill it
 */
TxRecord *
tx_gui_fixture (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "child-complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = tx_input_problems_new ();
  TxRecord *r = tx_record_new ();

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  g_assert_true (tx_json_apply_object (json_node_get_object (json_parser_get_root (parser)), r, problems));
  return r;
}

/* For tx_gui_wait_for(): a view that has finished its work */

gboolean
tx_gui_calendar_idle (gpointer calendar_view)
{
  return !tx_calendar_view_is_busy (calendar_view);
}

gboolean
tx_gui_reports_idle (gpointer reports_view)
{
  return !tx_reports_view_is_busy (reports_view);
}

gboolean
tx_gui_sync_idle (gpointer sync_view)
{
  return !tx_sync_view_is_busy (sync_view);
}

typedef struct {
  GtkWidget  *root;
  const char *text;
} Shows;

static gboolean
shows_cb (gpointer data)
{
  Shows *s = data;
  return tx_gui_find_text (s->root, s->text) != NULL;
}

/**
 * tx_gui_wait_text:
 *
 * Waits until the screen under @root shows @text (a toast, a row, a
 * heading), as a person waits for it to appear.
 *
 * Returns: whether it appeared within @timeout_ms
 */
gboolean
tx_gui_wait_text (GtkWidget  *root,
                  const char *text,
                  guint       timeout_ms)
{
  return tx_gui_wait_for (shows_cb, &(Shows) { root, text }, timeout_ms);
}

/* A window on a new store set up for the test township */
TxWindow *
tx_gui_new_window (const char *name,
                   guint       demo_children)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  TxWindow *window;

  g_assert_no_error (error);
  if (!tx_store_is_set_up (store))
    {
      g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
      if (demo_children)
        {
          g_autoptr(GPtrArray) told = NULL;
          GDate today;

          g_assert_true (tx_demo_generate (store, demo_children, 3, NULL, NULL, &error));
          /* a workstation in use: its window told of the children who aged
           * out already (the list of a first start is test-register's) */
          tx_date_today (&today);
          told = tx_store_ageing_out_tell (store, &today, &error);
          g_assert_no_error (error);
        }
    }
  g_clear_object (&store);
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_true (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait_roster (window);
  return window;
}

/* Whether the roster lists a child of this name, as far as it has read */
gboolean
tx_gui_roster_has (TxWindow   *window,
                   const char *name)
{
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (model, i);
      if (g_str_equal (tx_roster_item_get_name (item), name))
        return TRUE;
    }
  return FALSE;
}

/* Another connection to the window's store, for a test to write as another
 * part of the program (a worker, an import) would: the window's own only
 * reads */
TxStore *
tx_gui_writer (TxWindow *window)
{
  TxStore *w = g_object_get_data (G_OBJECT (window), "test-writer");

  if (w == NULL)
    {
      g_autoptr(GError) error = NULL;

      w = tx_test_open (tx_store_get_path (tx_window_get_store (window)), &error);
      g_assert_no_error (error);
      g_object_set_data_full (G_OBJECT (window), "test-writer", w, g_object_unref);
    }
  return w;
}

void
tx_gui_close_window (TxWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (20);
}

TxFormView *
tx_gui_open_new_form (TxWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-child", NULL);
  tx_gui_wait (20);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  return tx_window_get_form_view (window);
}

void
tx_gui_assert_file_starts (const char *path,
                           const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, strlen (magic));
  g_assert_true (memcmp (contents, magic, strlen (magic)) == 0);
}
