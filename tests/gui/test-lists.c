/* test-lists.c — the Lists view: a department's list imported through its
 * dialog, a comparison round run, a possible match decided, an entry not
 * registered registered through the prefilled form, the round printed and
 * exported, the roster's filter and the calendar's tasks; real widgets
 * under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The county is made up with known answers (as tests/test-compare.py's):
 * three children registered; a police list (CSV, written here) with one of
 * them as the register has it, one at another address, one entry nobody
 * registered, one 章小明 the register spells 张晓明 and a row with neither
 * name nor identity number. With TX_SCREENSHOTS=DIR the view, the round
 * and the import dialog are saved there as PNG.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "tx-list-import-dialog.h"
#include "tx-lists-view-private.h"
#include "tx-roster-item.h"

#define NEW_ID "220102201701010317"

static const char police_csv[] =
  "姓名,性别,出生日期,公民身份证号码,现居住详细地址\n"
  "张小明,男,2018-05-14,511323201805141234,恒安社区12号楼3单元502室\n"
  "李华,女,2017-03-02,220102201703020228,华阳社区8号楼101室\n"
  "孙小圣,男,2017-01-01," NEW_ID ",百屹社区1号\n"
  "章小明,男,2019-01-20,,\n"
  ",男,2018-02-02,,\n";

static gboolean
lists_idle (gpointer view)
{
  return !tx_lists_view_is_busy (view);
}

static void
wait_lists (TxListsView *view)
{
  tx_gui_wait (50);
  g_assert_true (tx_gui_wait_for (lists_idle, view, 20000));
  tx_gui_wait (50);
}

static char *
add_child (TxWindow   *window,
           const char *name,
           const char *birth,
           const char *id_number)
{
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  char *saved;

  if (name)
    {
      tx_record_set_key (r, "name", name);
      tx_record_set_key (r, "birth_date", birth);
      tx_record_set_key (r, "id_number", id_number);
      /* digit 17 says the gender */
      tx_record_set_key (r, "gender", (id_number[16] - '0') % 2 ? "male" : "female");
    }
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GError) error = NULL;

  saved = tx_store_child_add (tx_gui_writer (window), r, FALSE, &check, &error);
  if (saved == NULL && check)
    for (guint i = 0; i < check->problems->len; i++)
      g_printerr ("# %s\n", ((TxProblem *) check->problems->pdata[i])->message);
  g_assert_no_error (error);
  g_assert_nonnull (saved);
  return saved;
}

/* The button under @root whose label is @label */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_get_mapped (root))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
import_settled (gpointer data)
{
  GtkWidget *dialog = data;

  return gtk_widget_get_visible (tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog),
                                                                   "columns_group"));
}

static gboolean
import_done (gpointer data)
{
  GtkStack *stack = GTK_STACK (tx_list_import_dialog_get_widget (data, "stack"));

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), "result") == 0;
}

/* The combo row of the column headed @header */
static AdwComboRow *
column_row (GtkWidget  *dialog,
            const char *header)
{
  GtkWidget *label = tx_gui_find_text (tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog),
                                                                         "columns_group"), header);

  g_assert_nonnull (label);
  return ADW_COMBO_ROW (gtk_widget_get_ancestor (label, ADW_TYPE_COMBO_ROW));
}

static void
import_list (TxWindow    *window,
             TxListsView *view,
             const char  *csv)
{
  g_autoptr(GFile) file = g_file_new_for_path (csv);
  GtkWidget *dialog, *refused;
  AdwComboRow *name_column;
  const char *result;

  gtk_widget_activate_action (GTK_WIDGET (view), "lists.import", NULL);
  tx_gui_wait (50);
  dialog = tx_lists_view_get_import_dialog (view);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  tx_list_import_dialog_open_file (TX_LIST_IMPORT_DIALOG (dialog), file);
  g_assert_true (tx_gui_wait_for (import_settled, dialog, 10000));
  tx_gui_wait (50);
  /* the name is the file's, the date today's, the columns found by their headers */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_list_import_dialog_get_widget (
                     TX_LIST_IMPORT_DIALOG (dialog), "name_row"))), ==, "police");
  g_assert_cmpuint (strlen (gtk_editable_get_text (GTK_EDITABLE (tx_list_import_dialog_get_widget (
                      TX_LIST_IMPORT_DIALOG (dialog), "date_row")))), ==, 10);
  name_column = column_row (dialog, "公民身份证号码");
  g_assert_cmpuint (adw_combo_row_get_selected (name_column), >, 0);
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (name_column)), !=,
                   _("Not imported"));
  tx_gui_screenshot (dialog, "lists-import.png");
  {
    /* a date that is none is said before anything is imported */
    GtkWidget *date = tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog), "date_row");
    g_autofree char *today = g_strdup (gtk_editable_get_text (GTK_EDITABLE (date)));
    g_autofree char *message = g_strdup_printf (_("“%s” is not a date. Give the list's date like 2026-06-30."),
                                                "2026-13-45");

    gtk_editable_set_text (GTK_EDITABLE (date), "2026-13-45");
    g_assert_true (gtk_widget_activate_action (dialog, "import.import", NULL));
    tx_gui_wait (50);
    g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (
                       tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog), "list_group"))), ==,
                     message);
    g_assert_true (gtk_widget_has_css_class (date, "error"));
    g_assert_false (import_done (dialog));
    gtk_editable_set_text (GTK_EDITABLE (date), today);
  }
  g_assert_true (gtk_widget_activate_action (dialog, "import.import", NULL));
  g_assert_true (tx_gui_wait_for (import_done, dialog, 20000));
  tx_gui_wait (50);
  result = gtk_label_get_text (GTK_LABEL (tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog),
                                                                             "result_label")));
  g_assert_nonnull (strstr (result, "4"));
  g_assert_nonnull (strstr (result, "5"));
  /* the row of nobody refused, with its row and column named */
  refused = tx_list_import_dialog_get_widget (TX_LIST_IMPORT_DIALOG (dialog), "refused_list");
  {
    g_autofree char *row6 = g_strdup_printf (_("Row %u, %s"), 6, "姓名");
    g_assert_nonnull (tx_gui_find_text (refused, row6));
  }
  tx_gui_screenshot (dialog, "lists-import-result.png");
  gtk_widget_activate_action (dialog, "import.cancel", NULL);   /* Close */
  tx_gui_wait (50);
  g_assert_null (dialog);
}

static void
show_kind (TxListsView  *view,
           TxCompareKind kind)
{
  gtk_toggle_button_set_active (view->kind_buttons[kind], TRUE);
  wait_lists (view);
}

static gboolean
form_shown (gpointer window)
{
  return g_strcmp0 (tx_window_get_page (window), "form") == 0;
}

static void
test_lists (void)
{
  TxWindow *window = tx_gui_new_window ("lists.db", 0);
  TxListsView *view = tx_window_get_lists_view (window);
  TxStore *writer = tx_gui_writer (window);
  g_autofree char *zhang = add_child (window, NULL, NULL, NULL);
  g_autofree char *li = add_child (window, "李华", "2017-03-02", "220102201703020228");
  g_autofree char *zhang2 = add_child (window, "张晓明", "2019-01-20", "220102201901200131");
  g_autofree char *dir = g_dir_make_tmp ("tx-lists-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "police.csv", NULL);
  g_autoptr(TxCompareRound) round = NULL;
  g_autoptr(GPtrArray) possible = NULL;
  g_autoptr(GPtrArray) unregistered = NULL;
  g_autoptr(TxCompareItem) decided = NULL, registered = NULL;
  g_autoptr(TxRecord) prefilled = NULL;
  g_autoptr(GError) error = NULL;
  TxFormView *form;
  GtkWidget *button, *items;

  g_assert_true (g_file_set_contents (csv, police_csv, -1, NULL));

  /* Alt+5 is the Lists view, and Ctrl+I its import */
  if (tx_gui_x11_available ())
    tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_5, GDK_ALT_MASK);
  else
    gtk_widget_activate_action (GTK_WIDGET (window), "win.lists", NULL);
  wait_lists (view);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));
  if (tx_gui_x11_available ())
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      GtkWidget *dialog;

      g_assert_true (focus && gtk_widget_is_ancestor (focus, GTK_WIDGET (view)));
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK);
      dialog = tx_lists_view_get_import_dialog (view);
      g_assert_nonnull (dialog);
      /* Escape closes it */
      tx_gui_x11_key (dialog, GDK_KEY_Escape, 0);
      tx_gui_wait (50);
      g_assert_null (tx_lists_view_get_import_dialog (view));
    }
  g_assert_nonnull (tx_gui_find_text (tx_lists_view_get_widget (view, "lists_box"),
                                      _("No lists yet. Import the lists the county received from the departments.")));

  import_list (window, view, csv);
  wait_lists (view);
  g_assert_nonnull (tx_gui_find_text (tx_lists_view_get_widget (view, "lists_box"), "police"));

  /* a round of the township */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "lists.compare", NULL));
  wait_lists (view);
  g_assert_cmpint (tx_lists_view_get_round (view), >, 0);
  round = tx_store_compare_round_get (writer, tx_lists_view_get_round (view), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (round->counts[TX_COMPARE_NOT_REGISTERED], ==, 1);
  g_assert_cmpuint (round->counts[TX_COMPARE_FOUND], ==, 1);
  g_assert_cmpuint (round->counts[TX_COMPARE_DIFFERENCE], ==, 1);
  g_assert_cmpuint (round->counts[TX_COMPARE_POSSIBLE], ==, 1);
  g_assert_cmpuint (round->counts[TX_COMPARE_ON_NO_LIST], ==, 0);
  /* the counts on the categories' buttons */
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    {
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), tx_compare_kind_label (k), round->counts[k]);
      g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (view->kind_buttons[k])), ==, label);
    }
  items = tx_lists_view_get_widget (view, "items_box");

  /* a difference names both values: the list's and the register's */
  show_kind (view, TX_COMPARE_DIFFERENCE);
  g_assert_nonnull (tx_gui_find_text (items, "李华"));
  {
    GtkWidget *row = gtk_widget_get_ancestor (tx_gui_find_text (items, "李华"), ADW_TYPE_ACTION_ROW);
    const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
    g_assert_nonnull (strstr (text, "华阳社区8号楼101室"));
    g_assert_nonnull (strstr (text, "恒安社区12号楼3单元502室"));
    g_assert_nonnull (strstr (text, tx_match_rule_label (TX_MATCH_ID_NUMBER)));
  }

  /* a possible match decided: the same child */
  show_kind (view, TX_COMPARE_POSSIBLE);
  g_assert_nonnull (tx_gui_find_text (items, "章小明"));
  tx_gui_screenshot (GTK_WIDGET (window), "lists-round.png");
  possible = tx_store_compare_items (writer, round->id, TX_COMPARE_POSSIBLE, &error);
  g_assert_no_error (error);
  button = find_button (items, _("Same Child"));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_focusable (button));
  gtk_widget_activate (button);
  wait_lists (view);
  decided = tx_store_compare_item_get (writer, ((TxCompareItem *) possible->pdata[0])->id, &error);
  g_assert_cmpstr (decided->decision, ==, "same");
  g_assert_null (find_button (items, _("Same Child")));

  /* the entry nobody registered: the form, prefilled from the list */
  show_kind (view, TX_COMPARE_NOT_REGISTERED);
  unregistered = tx_store_compare_items (writer, round->id, TX_COMPARE_NOT_REGISTERED, &error);
  g_assert_cmpuint (unregistered->len, ==, 1);
  button = find_button (items, _("Register…"));
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  g_assert_true (tx_gui_wait_for (form_shown, window, 10000));
  form = tx_window_get_form_view (window);
  prefilled = tx_form_view_collect (form);
  g_assert_cmpstr (tx_record_get_key (prefilled, "name"), ==, "孙小圣");
  g_assert_cmpstr (tx_record_get_key (prefilled, "birth_date"), ==, "2017-01-01");
  g_assert_cmpstr (tx_record_get_key (prefilled, "id_number"), ==, NEW_ID);
  g_assert_cmpstr (tx_record_get_key (prefilled, "gender"), ==, "male");
  {
    /* the rest as a visit finds it */
    g_autoptr(TxRecord) rest = tx_gui_fixture ();
    tx_record_set_key (rest, "name", "孙小圣");
    tx_record_set_key (rest, "birth_date", "2017-01-01");
    tx_record_set_key (rest, "id_number", NEW_ID);
    tx_record_set_key (rest, "residence_address", "百屹社区1号");
    tx_gui_fill_form (form, rest);
  }
  tx_form_view_save (form, FALSE);
  tx_gui_wait_saved (window);
  wait_lists (view);
  registered = tx_store_compare_item_get (writer, ((TxCompareItem *) unregistered->pdata[0])->id, &error);
  g_assert_no_error (error);
  g_assert_true (registered->done);
  g_assert_nonnull (registered->child_id);
  {
    g_autoptr(TxRecord) child = tx_store_child_get (writer, registered->child_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tx_record_get_key (child, "id_number"), ==, NEW_ID);
  }

  /* the task is gone: no Register… left */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lists", NULL);
  wait_lists (view);
  show_kind (view, TX_COMPARE_NOT_REGISTERED);
  g_assert_null (find_button (items, _("Register…")));

  /* the same child, decided, is a difference of the name to look at:
   * marked checked, 李华's is the one task left */
  show_kind (view, TX_COMPARE_DIFFERENCE);
  {
    GtkWidget *row = gtk_widget_get_ancestor (tx_gui_find_text (items, "章小明"), ADW_TYPE_ACTION_ROW);
    const char *text = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

    g_assert_nonnull (strstr (text, "张晓明"));
    button = find_button (row, _("Mark Checked"));
    g_assert_nonnull (button);
    gtk_widget_activate (button);
    wait_lists (view);
  }
  {
    guint total = 0;
    g_autoptr(GPtrArray) tasks = tx_store_compare_tasks (writer, 0, &total, &error);
    g_assert_cmpuint (total, ==, 1);
    g_assert_cmpstr (((TxCompareItem *) tasks->pdata[0])->child_id, ==, li);
  }

  /* printed and exported */
  {
    g_autofree char *pdf = g_build_filename (dir, "round.pdf", NULL);
    g_autofree char *xlsx = g_build_filename (dir, "round.xlsx", NULL);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf);
    g_autoptr(GFile) xlsx_file = g_file_new_for_path (xlsx);
    g_autofree char *text = NULL;
    int status = 0;

    tx_lists_view_export_to (view, pdf_file, TRUE);
    wait_lists (view);
    tx_lists_view_export_to (view, xlsx_file, FALSE);
    wait_lists (view);
    tx_gui_assert_file_starts (pdf, "%PDF");
    tx_gui_assert_file_starts (xlsx, "PK");
    {
      const char *argv[] = { "pdftotext", pdf, "-", NULL };
      if (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                        &text, NULL, &status, NULL) && status == 0)
        {
          g_assert_nonnull (strstr (text, "孙小圣"));
          g_assert_nonnull (strstr (text, "章小明"));
        }
    }
  }

  /* the roster's filter: the children with an open task */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.children", NULL);
  tx_gui_wait_roster (window);
  {
    TxRosterView *roster = tx_window_get_roster_view (window);
    GtkWidget *toggle = tx_roster_view_get_filter (roster, "compare-task");
    GListModel *model;

    g_assert_nonnull (toggle);
    g_assert_true (gtk_widget_get_focusable (toggle));
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
    tx_gui_wait_roster (window);
    model = G_LIST_MODEL (tx_roster_view_get_model (roster));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, 0);
      g_assert_cmpstr (tx_roster_item_get_id ((TxRosterItem *) item), ==, li);
    }
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), FALSE);
    tx_gui_wait_roster (window);
  }

  /* the calendar's side list: one task, 李华's; choosing it opens her form */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  {
    TxCalendarView *calendar = tx_window_get_calendar_view (window);
    GtkWidget *tasks = tx_calendar_view_get_tasks_list (calendar);
    g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comparison task",
                                                           "%u comparison tasks", 1), 1);
    GtkListBoxRow *row;

    g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, calendar, 20000));
    tx_gui_wait (50);
    g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (calendar), title));
    g_assert_nonnull (tx_gui_find_text (tasks, "李华"));
    tx_gui_screenshot (GTK_WIDGET (window), "calendar-tasks.png");
    row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (tasks), 0);
    g_signal_emit_by_name (tasks, "row-activated", row);
    tx_gui_wait (100);
    g_assert_cmpstr (tx_window_get_page (window), ==, "form");
    g_assert_cmpstr (tx_form_view_get_id (tx_window_get_form_view (window)), ==, li);
  }
  (void) zhang;
  (void) zhang2;
  tx_gui_close_window (window);
}

/* Keeps the store service busy until *data is 0 */
static gpointer
hold_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  while (g_atomic_int_get ((int *) data))
    g_usleep (1000);
  return TX_STORE_JOB_DONE;
}

/* A round cancelled keeps nothing; removing a list asks first, and the
 * round keeps what it found */
static void
test_lists_remove (void)
{
  int held = 1;
  TxWindow *window = tx_gui_new_window ("lists-remove.db", 0);
  TxListsView *view = tx_window_get_lists_view (window);
  g_autofree char *dir = g_dir_make_tmp ("tx-lists-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "police.csv", NULL);
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *remove;
  g_autofree char *label = NULL;

  g_assert_true (g_file_set_contents (csv, police_csv, -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lists", NULL);
  wait_lists (view);
  import_list (window, view, csv);
  wait_lists (view);

  /* a round cancelled keeps nothing (the service held busy meanwhile, so
   * that the round is cancelled before it runs, not after it is kept) */
  tx_store_service_run_async (tx_window_get_service (window), hold_job, &held, NULL, NULL, NULL, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "lists.compare", NULL));
  g_assert_true (gtk_widget_get_visible (tx_lists_view_get_widget (view, "progress_box")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "lists.cancel", NULL));
  g_atomic_int_set (&held, 0);
  wait_lists (view);
  g_assert_false (gtk_widget_get_visible (tx_lists_view_get_widget (view, "progress_box")));
  {
    g_autoptr(GPtrArray) rounds = tx_store_compare_rounds (tx_gui_writer (window), &error);
    g_assert_cmpuint (rounds->len, ==, 0);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "lists.compare", NULL));
  wait_lists (view);
  tx_gui_screenshot (GTK_WIDGET (window), "lists-view.png");

  label = g_strdup_printf (_("Remove the list “%s”"), "police");
  remove = tx_gui_find_button (tx_lists_view_get_widget (view, "lists_box"));
  g_assert_nonnull (remove);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, label);
  gtk_widget_activate (remove);
  dialog = tx_gui_wait_dialog ();
  tx_gui_respond (dialog, "cancel");
  lists = tx_store_lists (tx_gui_writer (window), &error);
  g_assert_cmpuint (lists->len, ==, 1);
  g_clear_pointer (&lists, g_ptr_array_unref);

  gtk_widget_activate (remove);
  dialog = tx_gui_wait_dialog ();
  tx_gui_respond (dialog, "remove");
  wait_lists (view);
  lists = tx_store_lists (tx_gui_writer (window), &error);
  g_assert_cmpuint (lists->len, ==, 0);
  /* the round is still there, with its findings */
  g_assert_cmpint (tx_lists_view_get_round (view), >, 0);
  g_assert_nonnull (tx_gui_find_text (tx_lists_view_get_widget (view, "items_box"), "孙小圣"));
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/lists/compare", test_lists);
  g_test_add_func ("/gui/lists/remove", test_lists_remove);
  return g_test_run ();
}
