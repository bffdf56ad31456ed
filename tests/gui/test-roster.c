/* test-roster.c — the roster: finding, hearing changes, deleting, the
 * keyboard, its words for what is late, its model over 200,000 children,
 * exporting, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>
#include <string.h>

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
search (TxWindow   *window,
        const char *text)
{
  GtkWidget *entry = tx_roster_view_get_search_entry (tx_window_get_roster_view (window));

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the search entry waits a moment for more typing */
  tx_gui_wait (250);
  tx_gui_wait_roster (window);
}

/* What a row of the roster shows, as the cells on screen show it */
static gboolean
roster_shows (TxWindow   *window,
              const char *text)
{
  return tx_gui_find_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)), text) != NULL;
}

/* The views hear of changes from the store, whoever made them: a draft
 * completed shows as complete in the roster and in a search, and a change
 * another program made shows within seconds */
static void
test_roster_hears_changes (void)
{
  TxWindow *window = tx_gui_new_window ("hears.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = tx_gui_open_new_form (window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "hears.db", NULL);
  g_autofree char *id = NULL;
  const char *draft = _("Draft"), *complete = _("Complete");
  AdwMessageDialog *dialog;

  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "contact_phone", NULL);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  tx_gui_respond (dialog, "draft");
  tx_gui_wait_saved (window);
  id = g_strdup (tx_form_view_get_id (form));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, "张小明"));
  g_assert_true (roster_shows (window, draft));

  /* the draft completed */
  g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated", id);
  tx_gui_wait (20);
  tx_form_view_set_value (form, "contact_phone", "13844556677");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_null (tx_gui_find_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, complete));
  g_assert_false (roster_shows (window, draft));
  search (window, "张小明");
  g_assert_true (roster_shows (window, complete));
  g_assert_false (roster_shows (window, draft));
  g_assert_true (roster_shows (window, _("Average")));

  /* another program renames the child: the window finds out by itself */
  search (window, "");
  {
    sqlite3 *db;
    g_assert_cmpint (tx_test_sqlite_open (path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE child SET f_name = '张小亮'", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (tx_gui_wait_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)),
                                   "张小亮", 6000));
  tx_gui_close_window (window);
}

/* The rows' ids in the roster's order, the first @n */
static GArray *
shown_rowids (TxRosterView *roster,
              guint         n)
{
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < MIN (n, g_list_model_get_n_items (model)); i++)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (model, i);
      gint64 id = tx_roster_item_get_rowid (item);
      g_array_append_val (ids, id);
    }
  return ids;
}

/* A click on a column's header sorts the roster by that column, each way
 * (the walk of issue #18 found the rows staying in name order) */
static void
test_roster_sort (void)
{
  TxWindow *window = tx_gui_new_window ("sort.db", 300);
  TxRosterView *roster = tx_window_get_roster_view (window);
  GtkColumnView *cv = GTK_COLUMN_VIEW (tx_roster_view_get_column_view (roster));
  GListModel *columns = gtk_column_view_get_columns (cv);
  GtkColumnViewColumn *age = NULL;
  g_autoptr(GArray) by_name = NULL;

  tx_gui_wait_roster (window);
  by_name = shown_rowids (roster, 50);
  for (guint i = 0; i < g_list_model_get_n_items (columns) && age == NULL; i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);
      if (g_strcmp0 (gtk_column_view_column_get_title (c), "Age") == 0)
        age = c;
    }
  g_assert_nonnull (age);

  for (int desc = 0; desc < 2; desc++)
    {
      g_autoptr(GArray) shown = NULL;
      g_autoptr(GArray) expected = NULL;

      gtk_column_view_sort_by_column (cv, age, desc ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      tx_gui_wait (100);
      tx_gui_wait_roster (window);
      shown = shown_rowids (roster, 50);
      expected = tx_store_child_rowids (tx_gui_writer (window), &(TxChildQuery) { .order = TX_CHILD_ORDER_AGE,
                                                                                 .descending = desc }, NULL);
      g_assert_cmpuint (shown->len, ==, 50);
      g_assert_cmpmem (shown->data, shown->len * sizeof (gint64), expected->data, shown->len * sizeof (gint64));
      g_assert_false (memcmp (shown->data, by_name->data, 50 * sizeof (gint64)) == 0);
    }
}

static void
test_roster_find (void)
{
  TxWindow *window = tx_gui_new_window ("roster.db", 300);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  TxRosterView *roster = tx_window_get_roster_view (window);
  GListModel *model;
  g_autofree char *of_all = NULL;
  gint64 on_register;

  g_assert_nonnull (tx_store_child_add (tx_gui_writer (window), r, FALSE, NULL, NULL));
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  /* the demo's children on the register (those who aged out left it) and the new one */
  on_register = tx_store_child_count (tx_gui_writer (window), &(TxChildQuery) { 0 }, NULL);
  of_all = g_strdup_printf ("of %" G_GINT64_FORMAT, on_register);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, on_register);
  g_assert_cmpint (on_register, >, 250);

  search (window, "张小明");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (tx_gui_roster_has (window, "张小明"));
  search (window, "1234");
  g_assert_true (tx_gui_roster_has (window, "张小明"));
  search (window, "zxm");
  g_assert_true (tx_gui_roster_has (window, "张小明"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_roster_view_get_status_label (roster))), of_all));

  /* a filter: the fixture child is a key-care child in 恒安社区 */
  search (window, "");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_true (tx_gui_roster_has (window, "张小明"));
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { .key_care_only = TRUE }, NULL));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 1);  /* 华阳社区 */
  tx_gui_wait_roster (window);
  g_assert_false (tx_gui_roster_has (window, "张小明"));

  /* overdue home visits: the filter agrees with the store, and the column says so in words */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "overdue")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window),
                                         &(TxChildQuery) { .overdue_before = "2026-11-25" }, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *next = NULL;
    g_object_get (item, "next-visit", &next, NULL);
    g_assert_nonnull (strstr (next, "overdue"));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "overdue")), FALSE);

  /* information updates due, apart from the visits */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window),
                                         &(TxChildQuery) { .refresh_before = "2026-11-26" }, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *update = NULL;
    g_object_get (item, "info-update", &update, NULL);
    g_assert_nonnull (strstr (update, "due"));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), FALSE);

  /* identity numbers are masked until asked for */
  search (window, "张小明");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 0);
  tx_gui_wait_roster (window);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *shown = NULL;
    g_object_get (item, "id-number", &shown, NULL);
    g_assert_cmpstr (shown, ==, "511323********1234");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "reveal")), TRUE);
  }
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *shown = NULL;
    g_object_get (item, "id-number", &shown, NULL);
    g_assert_cmpstr (shown, ==, "511323201805141234");
  }
  tx_gui_close_window (window);
}

static gboolean
roster_emptied (gpointer roster)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (roster))) == 0;
}

static void
test_roster_delete (void)
{
  TxWindow *window = tx_gui_new_window ("delete.db", 0);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  TxRosterView *roster = tx_window_get_roster_view (window);
  AdwMessageDialog *dialog;

  g_assert_nonnull (tx_store_child_add (tx_gui_writer (window), r, FALSE, NULL, NULL));
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_assert_nonnull (tx_roster_view_get_selected_id (roster));
  if (tx_gui_x11_available ())
    {
      /* by keyboard, as a person does it: Down from the search to the row,
       * then the Delete key (the search field, which takes what is typed on
       * the list, swallowed it) */
      tx_roster_view_focus_search (roster);
      tx_gui_wait (50);
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Delete, 0);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (roster), "roster.delete", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "delete");
  g_assert_true (tx_gui_wait_for (roster_emptied, roster, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (roster))), ==, 0);
  tx_gui_close_window (window);
}

/* A key pressed where the focus is, as GTK 4.8 delivers it to the roster:
 * the roster's own key controllers on the way from the window to the
 * focused widget (capture phase), and, if none takes it, the window's
 * default: the arrows move the focus in their direction */
static void
press_key (TxWindow *window,
           guint     keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean handled = FALSE;

  for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; i < path->len && !handled; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (path->pdata[i]);

      for (guint c = 0; c < g_list_model_get_n_items (controllers) && !handled; c++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
          const char *name = gtk_event_controller_get_name (controller);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && name && g_str_has_prefix (name, "roster-"))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
        }
    }
  if (!handled)
    gtk_widget_child_focus (GTK_WIDGET (window), keyval == GDK_KEY_Down ? GTK_DIR_DOWN : GTK_DIR_UP);
  tx_gui_wait (50);
}

/* The position of the roster row that holds the focus, or -1 */
static int
focused_row (TxWindow *window)
{
  GtkWidget *cv = tx_roster_view_get_column_view (tx_window_get_roster_view (window));
  GtkWidget *rows = gtk_widget_get_last_child (cv);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  while (focus && gtk_widget_get_parent (focus) != rows)
    focus = gtk_widget_get_parent (focus);
  for (GtkWidget *w = focus; w; w = gtk_widget_get_first_child (w))
    if (g_object_get_data (G_OBJECT (w), "list-item"))
      return gtk_list_item_get_position (g_object_get_data (G_OBJECT (w), "list-item"));
  return -1;
}

/* Down from the search field goes to the first match, Up from the first
 * row back to the search, as in GNOME's lists */
/* No child yet: the empty roster offers the first form and the import of
 * an existing ledger, whose button opens the import dialog */
static void
test_roster_empty (void)
{
  TxWindow *window = tx_gui_new_window ("roster-empty.db", 0);
  TxRosterView *roster = tx_window_get_roster_view (window);
  GtkWidget *import;
  GtkWidget *button;
  GListModel *toplevels = gtk_window_get_toplevels ();
  gboolean opened = FALSE;

  tx_gui_wait_roster (window);
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (roster), "Ctrl+I", 5000));
  import = tx_gui_find_text (GTK_WIDGET (roster), "Ctrl+N");
  g_assert_nonnull (import);
  button = tx_gui_find_text (GTK_WIDGET (roster), _("Import Ledger…"));
  g_assert_nonnull (button);
  button = gtk_widget_get_ancestor (button, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.import-ledger");
  g_signal_emit_by_name (button, "clicked");
  tx_gui_wait (200);
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w))
        gtk_dialog_response (GTK_DIALOG (w), GTK_RESPONSE_CANCEL);
      else if (g_str_equal (G_OBJECT_TYPE_NAME (w), "TxImportDialog") && gtk_widget_get_visible (GTK_WIDGET (w)))
        opened = TRUE;
    }
  g_assert_true (opened);
  tx_gui_wait (100);
  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "TxImportDialog"))
        gtk_window_destroy (GTK_WINDOW (w));
    }
  tx_gui_close_window (window);
}

static void
test_roster_keyboard (void)
{
  TxWindow *window = tx_gui_new_window ("roster-keys.db", 120);
  TxRosterView *roster = tx_window_get_roster_view (window);
  GtkWidget *entry = tx_roster_view_get_search_entry (roster);
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  g_autoptr(TxRosterItem) first = NULL;

  /* the demo's children on the register: those who aged out left it */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==,
                    tx_store_child_count (tx_gui_writer (window), &(TxChildQuery) { 0 }, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 100);

  /* from a row further down, to the search, a search typed, then Down */
  gtk_widget_grab_focus (tx_roster_view_get_column_view (roster));
  press_key (window, GDK_KEY_Down);
  press_key (window, GDK_KEY_Down);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), >, 0);
  tx_roster_view_focus_search (roster);
  search (window, "李");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  first = g_list_model_get_item (model, 0);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, 0);
  /* the first match is the one Enter opens and Delete deletes */
  g_assert_cmpstr (tx_roster_view_get_selected_id (roster), ==, tx_roster_item_get_id (first));

  /* Down again moves in the list; Up from the second row to the first */
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, 1);
  press_key (window, GDK_KEY_Up);
  g_assert_cmpint (focused_row (window), ==, 0);
  /* and Up from the first back to the search, the text kept */
  press_key (window, GDK_KEY_Up);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "李");

  /* nothing found: Down stays in the search */
  search (window, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, -1);
  tx_gui_close_window (window);
}

/* A past information update is "overdue" as a past visit is, in the same
 * words; on its day it is "due" */
static void
test_roster_update_words (void)
{
  TxWindow *window = tx_gui_new_window ("update-words.db", 200);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  const char *overdue = zh ? " 已逾期" : " overdue";
  const char *due = zh ? " 到期" : " due";
  TxRosterView *roster = tx_window_get_roster_view (window);
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  TxStore *store = tx_gui_writer (window);   /* the window's own only reads */
  guint past = 0, visits_overdue = 0;

  /* one child's update falls due today */
  {
    g_autoptr(GPtrArray) rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 1, NULL);
    const char *id = ((TxChildRow *) rows->pdata[0])->id;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "UPDATE child SET info_refresh_due = "
                                         "'2026-11-25' WHERE uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *update = NULL, *next = NULL, *code = NULL;

      g_object_get (item, "info-update", &update, "next-visit", &next, "visit-code", &code, NULL);
      if (g_str_has_prefix (update, "2026-11-25"))
        g_assert_true (g_str_has_suffix (update, due));
      else
        {
          g_assert_cmpstr (update, <, "2026-11-25");
          g_assert_true (g_str_has_suffix (update, overdue));
          past++;
        }
      /* a past visit says the same */
      if (g_str_equal (code, "overdue"))
        {
          g_assert_true (g_str_has_suffix (next, overdue));
          visits_overdue++;
        }
    }
  g_assert_cmpuint (past, >, 0);
  g_assert_cmpuint (visits_overdue, >, 0);
  tx_gui_close_window (window);
}

static char *
first_item_text (TxWindow   *window,
                 const char *property)
{
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));
  g_autoptr(GObject) item = g_list_model_get_item (model, 0);
  char *text = NULL;

  g_object_get (item, property, &text, NULL);
  return text;
}

/* A refresh after the data changed shows the new data, though the same
 * children are listed; and after midnight the words move on */
static void
test_roster_reread (void)
{
  TxWindow *window = tx_gui_new_window ("reread.db", 0);
  TxStore *store = tx_gui_writer (window);   /* the window's own only reads */
  TxRosterView *roster = tx_window_get_roster_view (window);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *next = NULL, *update = NULL;
  sqlite3_stmt *stmt;

  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  next = first_item_text (window, "next-visit");
  g_assert_cmpstr (next, ==, "2026-10-15 overdue");

  /* a home visit today (from the calendar, or another program) */
  {
    g_autoptr(TxVisit) v = tx_visit_new ();
    g_autofree char *visit_id = NULL;

    v->child_id = g_strdup (id);
    v->date = g_strdup ("2026-11-25");
    v->kind = g_strdup ("home");
    v->visitor = g_strdup ("王芳");
    visit_id = tx_store_visit_add (store, v, FALSE, NULL, &error);
    g_assert_no_error (error);
  }
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_clear_pointer (&next, g_free);
  next = first_item_text (window, "next-visit");
  g_assert_null (strstr (next, "overdue"));
  g_assert_cmpstr (next, >, "2026-11-25");

  /* the information update due today, then the day after */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "UPDATE child SET info_refresh_due = '2026-11-25' "
                                       "WHERE uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  update = first_item_text (window, "info-update");
  g_assert_cmpstr (update, ==, "2026-11-25 due");
  g_setenv ("TONGXING_TODAY", "2026-11-26", TRUE);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_clear_pointer (&update, g_free);
  update = first_item_text (window, "info-update");
  g_setenv ("TONGXING_TODAY", "2026-11-25", TRUE);
  g_assert_cmpstr (update, ==, "2026-11-25 overdue");
  tx_gui_close_window (window);
}

/* The roster and the calendar read again just past midnight */
static void
test_seconds_to_midnight (void)
{
  guint seconds = tx_gui_seconds_to_midnight ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);
  g_autoptr(GDateTime) before = g_date_time_add_seconds (now, (double) seconds - 4);

  g_assert_cmpuint (seconds, >=, 2);
  g_assert_cmpuint (seconds, <=, 24 * 3600 + 2);
  g_assert_cmpint (g_date_time_get_day_of_year (then), !=, g_date_time_get_day_of_year (now));
  if (seconds > 4)
    g_assert_cmpint (g_date_time_get_day_of_year (before), ==, g_date_time_get_day_of_year (now));
}

/* 200,000 rows written straight into the table: the model must page them */
static void
test_model_200k (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "big.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  TxWindow *window;
  GListModel *model;
  static const guint probes[] = { 0, 1, 63, 64, 99999, 100000, 150001, 199998, 199999 };

  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
  g_assert_true (tx_store_exec (store,
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999) "
      "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, sort_key, "
      "f_birth_date, f_residence_division, f_key_care, f_gender) "
      "SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-01-01T00:00:00Z', "
      "'2026-01-01T00:00:00Z', 'test', 1, 1, printf('儿童%06d', i), printf('ertong%06d', i), "
      "'2015-06-01', '220102001001', 'no', 'male' FROM n", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  window = tx_gui_new_window ("big.db", 0);
  model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 200000);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (model, probes[i]);
      g_autofree char *want = g_strdup_printf ("儿童%06u", probes[i]);
      g_assert_cmpstr (tx_roster_item_get_name (item), ==, want);
    }
  g_assert_null (g_list_model_get_item (model, 200000));
  /* only a few pages are held, never the table */
  g_assert_cmpuint (tx_roster_model_get_cached_pages (tx_roster_view_get_model (tx_window_get_roster_view (window))), <=, 32);
  tx_gui_close_window (window);
}

typedef struct {
  guint changes;
  guint largest;   /* the most rows one change added or removed among the first 256 */
} Announced;

static void
announced_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              Announced  *a)
{
  a->changes++;
  if (position < 256)
    a->largest = MAX (a->largest, MIN (MAX (removed, added), 256 - position));
}

static GArray *
rowid_range (gint64 first,
             guint  n)
{
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = first + i;
      g_array_append_val (a, id);
    }
  return a;
}

/* A result that shrinks to a few rows, or grows back, is told to the list a
 * few rows at a time near the top (GTK 4.8 builds or destroys a row's
 * widgets as soon as it hears of it); the rows on their way out show nothing,
 * the rows that stay show their new children at once */
static void
test_model_steps (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "steps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxRosterModel) model = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) few = NULL;
  g_autoptr(TxRosterItem) first = NULL;
  g_autoptr(TxRosterItem) leaving = NULL;
  Announced a = { 0 };

  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
  g_assert_true (tx_store_exec (store,
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
      "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, sort_key, "
      "f_birth_date, f_residence_division, f_key_care, f_gender) "
      "SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-01-01T00:00:00Z', "
      "'2026-01-01T00:00:00Z', 'test', 1, 1, printf('儿童%06d', i), printf('ertong%06d', i), "
      "'2015-06-01', '220102001001', 'no', 'male' FROM n", &error));
  g_assert_no_error (error);

  model = tx_roster_model_new (store);
  all = rowid_range (1, 3000);
  few = rowid_range (2001, 3);
  tx_roster_model_set_rowids (model, all);
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  /* the list has seen the first rows */
  for (guint i = 0; i < 300; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  leaving = g_list_model_get_item (G_LIST_MODEL (model), 100);
  g_assert_cmpstr (tx_roster_item_get_name (leaving), ==, "儿童000100");

  g_signal_connect (model, "items-changed", G_CALLBACK (announced_cb), &a);
  tx_roster_model_set_rowids (model, few);
  /* the rows that stay show the new children in the same items */
  g_assert_cmpstr (tx_roster_item_get_name (first), ==, "儿童002000");
  g_assert_false (tx_roster_model_is_settled (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 3);
  g_assert_cmpstr (tx_roster_item_get_name (leaving), ==, "");
  g_assert_cmpstr (tx_roster_item_get_id (leaving), ==, "");
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (a.largest, <=, 16);
  g_assert_cmpuint (a.changes, >, 10);
  {
    g_autoptr(TxRosterItem) third = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (tx_roster_item_get_name (third), ==, "儿童002002");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  }

  /* and back: every row again, the first ones a few at a time */
  a = (Announced) { 0 };
  tx_roster_model_set_rowids (model, all);
  g_assert_cmpstr (tx_roster_item_get_name (first), ==, "儿童000000");
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  g_assert_cmpuint (a.largest, <=, 16);
  for (guint i = 0; i < 3000; i += 97)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *want = g_strdup_printf ("儿童%06u", i);
      g_assert_cmpstr (tx_roster_item_get_name (item), ==, want);
    }
  g_signal_handlers_disconnect_by_func (model, announced_cb, &a);
}

static gboolean
roster_exported (gpointer data)
{
  return !tx_roster_view_is_exporting (data);
}

/* The roster exports the children it lists, with its filters: the ledger
 * and their registration forms */
static void
test_roster_export (void)
{
  TxWindow *window = tx_gui_new_window ("roster-export.db", 60);
  TxStore *store = tx_window_get_store (window);
  TxRosterView *roster = tx_window_get_roster_view (window);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "roster-exports", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "listed.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "listed.pdf", NULL);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key_care = tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL);

  g_mkdir_with_parents (dir, 0700);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), TRUE);
  tx_gui_wait_roster (window);
  {
    g_autoptr(GFile) file = g_file_new_for_path (xlsx);
    tx_roster_view_export (roster, FALSE, file);
  }
  g_assert_true (tx_gui_wait_for (roster_exported, roster, 20000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    tx_roster_view_export (roster, TRUE, file);
  }
  g_assert_true (tx_gui_wait_for (roster_exported, roster, 20000));
  tx_gui_assert_file_starts (xlsx, "PK");
  tx_gui_assert_file_starts (pdf, "%PDF");
  log = tx_store_export_log (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "forms");
  g_assert_cmpint (((TxExport *) log->pdata[0])->children, ==, key_care);
  g_assert_cmpstr (((TxExport *) log->pdata[1])->what, ==, "ledger");
  g_assert_cmpint (((TxExport *) log->pdata[1])->children, ==, key_care);
  g_assert_cmpint (key_care, <, 60);
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/roster/find", test_roster_find);
  g_test_add_func ("/gui/roster/sort", test_roster_sort);
  g_test_add_func ("/gui/roster/hears-changes", test_roster_hears_changes);
  g_test_add_func ("/gui/roster/delete", test_roster_delete);
  g_test_add_func ("/gui/roster/empty", test_roster_empty);
  g_test_add_func ("/gui/roster/keyboard", test_roster_keyboard);
  g_test_add_func ("/gui/roster/update-words", test_roster_update_words);
  g_test_add_func ("/gui/roster/reread", test_roster_reread);
  g_test_add_func ("/gui/roster/seconds-to-midnight", test_seconds_to_midnight);
  g_test_add_func ("/gui/roster/model-200k", test_model_200k);
  g_test_add_func ("/gui/roster/model-steps", test_model_steps);
  g_test_add_func ("/gui/roster/export", test_roster_export);
  return g_test_run ();
}
