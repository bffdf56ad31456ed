/* test-import.c — the import dialog: a ledger an office made, its columns,
 * the dry run, the import and its undoing, driven through the real widgets
 * under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Set TX_TEST_SHOTS to a folder to keep pictures of the mapping, dry-run
 * and done pages (in the language of the run).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tx-gui-test-util.h"
#include "tx-import-dialog-private.h"

/* the 18th character of an identity number, from the first 17 */
static char *
id_number (const char *first17)
{
  return g_strdup_printf ("%s%c", first17, tx_id_check_digit (first17));
}

/* A ledger as a township keeps it in WPS and saves as CSV: GB18030, a
 * title row, a two-row header with a merged section, a 合计 row. Row 5's
 * identity number has a wrong check digit; row 6 is a child registered
 * already, without her identity number. */
static char *
write_ledger (const char *dir)
{
  g_autofree char *a = id_number ("22010220160504001");
  g_autofree char *b = id_number ("22010220170302002");
  g_autofree char *d = id_number ("22010220180105003");
  g_autofree char *text = NULL, *gb = NULL;
  char *path = g_build_filename (dir, "台账.csv", NULL);
  gsize len = 0;

  b[17] = b[17] == '1' ? '2' : '1';
  text = g_strdup_printf ("2024年某镇流动儿童信息台账,,,,,,,\r\n"
                          "序号,儿童基本信息,,,,父亲,,备注\r\n"
                          ",姓名,性别,出生日期,身份证号码,姓名,联系电话,\r\n"
                          "1,王小明,男,2016-05-04,%s,王大明,13800000001,\r\n"
                          "2,李小红,女,2017/3/2,%s,李大红,13800000002,\r\n"
                          "3,张丽丽,女,2015-08-09,,,,\r\n"
                          "4,赵小刚,男,2018年1月5日,%s,,,父母在外务工\r\n"
                          "合计,,,,,,,\r\n", a, b, d);
  gb = g_convert (text, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (gb);
  g_assert_true (g_file_set_contents (path, gb, len, NULL));
  return path;
}

/* A county's ledger: many rows, for Cancel */
static char *
write_big_ledger (const char *dir,
                  guint       n)
{
  static const char given[] = "明华强丽军平芳敏静伟刚勇艳杰娟涛超秀霞磊洋燕玲桂兰英梅鹏飞宇浩然子轩欣怡梓涵一诺佳琪雨";
  g_autoptr(GString) s = g_string_new ("姓名,性别,出生日期\n");
  char *path = g_build_filename (dir, "big.csv", NULL);
  glong n_given = g_utf8_strlen (given, -1);

  for (guint i = 0; i < n; i++)
    {
      const char *a = g_utf8_offset_to_pointer (given, i % n_given);
      const char *b = g_utf8_offset_to_pointer (given, (i / n_given) % n_given);

      g_string_append_printf (s, "王%.*s%.*s,男,20%02u-%02u-%02u\n", (int) (g_utf8_next_char (a) - a), a,
                              (int) (g_utf8_next_char (b) - b), b, 12 + i % 7, 1 + i % 12, 1 + i % 28);
    }
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  return path;
}

static gint64
n_children (TxWindow *window)
{
  g_autoptr(GError) error = NULL;
  TxChildQuery q = { 0 };
  gint64 n = tx_store_child_count (tx_gui_writer (window), &q, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
dialog_idle (gpointer data)
{
  return !TX_IMPORT_DIALOG (data)->busy;
}

static gboolean
dialog_busy_or_planned (gpointer data)
{
  return TX_IMPORT_DIALOG (data)->busy || TX_IMPORT_DIALOG (data)->plan;
}

static void
wait_page (TxImportDialog *dialog,
           const char     *name)
{
  g_assert_true (tx_gui_wait_for (dialog_idle, dialog, 30000));
  tx_gui_wait (50);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, name);
}

/* a button clicked; gtk_widget_activate() would click it a moment later */
static void
click (GtkWidget *button)
{
  g_assert_true (gtk_widget_is_sensitive (button) && gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
shoot (gpointer    dialog,
       const char *name)
{
  const char *dir = g_getenv ("TX_TEST_SHOTS");
  g_autofree char *path = NULL;
  const char *language = g_getenv ("LANGUAGE");

  if (dir == NULL)
    return;
  path = g_strdup_printf ("%s/import-%s-%s.png", dir, name, language && *language ? language : "en");
  tx_gui_wait (300);
  g_assert_true (tx_gui_save_png (GTK_WIDGET (dialog), path));
  g_test_message ("%s", path);
}

static AdwComboRow *
column_row (TxImportDialog *dialog,
            const char     *letter)
{
  TxColumnMap *map = tx_intake_source_get_map (dialog->source);

  for (guint i = 0; i < map->columns->len; i++)
    if (g_str_equal (((TxColumn *) map->columns->pdata[i])->letter, letter))
      return dialog->column_rows->pdata[i];
  g_assert_not_reached ();
}

static const char *
combo_shows (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item ? gtk_string_object_get_string (item) : NULL;
}

/* a column's drop-down set to a field, as a person picks it by its label */
static void
select_field (AdwComboRow *row,
              const char  *key)
{
  GListModel *model = adw_combo_row_get_model (row);
  const char *label = tx_field_label (tx_form_lookup (key));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), label))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static int
field_of (TxImportDialog *dialog,
          const char     *letter)
{
  TxColumnMap *map = tx_intake_source_get_map (dialog->source);

  for (guint i = 0; i < map->columns->len; i++)
    if (g_str_equal (((TxColumn *) map->columns->pdata[i])->letter, letter))
      return ((TxColumn *) map->columns->pdata[i])->field;
  g_assert_not_reached ();
}

static GtkWidget *
find_check (GtkWidget *w)
{
  if (GTK_IS_CHECK_BUTTON (w) && gtk_widget_get_mapped (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_check (c);
      if (found)
        return found;
    }
  return NULL;
}

static TxImportDialog *
find_import_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (TX_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return TX_IMPORT_DIALOG (w);
    }
  return NULL;
}

static void
batches_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(GPtrArray **) data = tx_import_batches_finish (TX_STORE_SERVICE (source), result, &error);
  g_assert_no_error (error);
}

static gboolean
got_batches (gpointer data)
{
  return *(GPtrArray **) data != NULL;
}

/* Undo Import asks first, saying what undoing does */
static void
confirm_undo (const char *file,
              guint       added)
{
  AdwMessageDialog *ask = tx_gui_wait_dialog ();
  g_autofree char *heading = g_strdup_printf (_("Undo the Import of %s?"), file);
  g_autofree char *deleted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u child added by it will be deleted",
                                                           "%u children added by it will be deleted", added),
                                              added);

  g_assert_nonnull (ask);
  g_assert_cmpstr (adw_message_dialog_get_heading (ask), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ask), deleted));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (ask, "undo"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpstr (adw_message_dialog_get_default_response (ask), ==, "cancel");
  shoot (ask, "undo-ask");
  tx_gui_respond (ask, "undo");
}

/* The menu's Import Ledger… opens the dialog over the window, and asks for
 * the file at once */
static void
test_import_opens (void)
{
  TxWindow *window = tx_gui_new_window ("import-opens.db", 0);
  TxImportDialog *dialog;
  GListModel *toplevels;

  /* Ctrl+I anywhere in the window, as a person types it: here in the calendar */
  if (tx_gui_x11_available ())
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL));
      tx_gui_wait (100);
      g_assert_true (gtk_widget_has_focus (GTK_WIDGET (tx_window_get_calendar_view (window))) ||
                     gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                             GTK_WIDGET (tx_window_get_calendar_view (window))));
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_i, GDK_CONTROL_MASK);
    }
  else
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-ledger", NULL));
  tx_gui_wait (200);
  dialog = find_import_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "start");
  /* the desktop's file dialog (GTK's own, without a portal) is over it */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (w))
        gtk_dialog_response (GTK_DIALOG (w), GTK_RESPONSE_CANCEL);
    }
  tx_gui_wait (100);
  /* Escape closes it */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  tx_gui_wait (100);
  g_assert_null (find_import_dialog ());
  tx_gui_close_window (window);
}

/* A file that is not a ledger: the core's reason on the error page, and
 * another file can be chosen */
static void
test_import_bad_file (void)
{
  TxWindow *window = tx_gui_new_window ("import-bad.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "notes.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (g_file_set_contents (path, "not a workbook", -1, NULL));
  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "error");
  shoot (dialog, "error");
  g_assert_nonnull (adw_status_page_get_description (dialog->error_page));
  g_assert_cmpuint (strlen (adw_status_page_get_description (dialog->error_page)), >, 20);
  g_assert_true (gtk_widget_get_visible (dialog->next_button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dialog->next_button)), ==, _("Choose _Another File…"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

static void
test_import_ledger (void)
{
  TxWindow *window = tx_gui_new_window ("import.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_ledger (g_get_user_cache_dir ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(TxRecord) registered = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *row5 = NULL, *refusal = NULL, *two = NULL, *three = NULL, *done = NULL;
  g_autofree char *added = NULL, *letter = NULL, *sample = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  GtkWidget *check;
  gint64 before;

  /* 张丽丽 is registered already */
  tx_record_set_key (registered, "name", "张丽丽");
  tx_record_set_key (registered, "birth_date", "2015-08-09");
  tx_record_set_key (registered, "id_number", NULL);
  id = tx_store_child_add (tx_gui_writer (window), registered, TRUE, NULL, &error);
  g_assert_no_error (error);
  tx_gui_wait_roster (window);
  before = n_children (window);

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");

  /* the header found under the title, and each column's field */
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (dialog), "2–3", 2000));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (column_row (dialog, "B"))), ==,
                   "儿童基本信息 · 姓名");
  g_assert_cmpstr (combo_shows (column_row (dialog, "B")), ==, tx_field_label (tx_form_lookup ("name")));
  /* each column's letter and its first values, identity numbers masked */
  letter = g_strdup_printf (_("Column %s"), "B");
  sample = g_strdup_printf (_("%s · %s"), letter, "王小明、李小红、张丽丽");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (column_row (dialog, "B"))), ==, sample);
  g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (column_row (dialog, "E"))), "0504001"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (column_row (dialog, "E"))), "2201"));
  g_assert_cmpstr (combo_shows (column_row (dialog, "A")), ==, _("Not imported"));
  g_assert_cmpstr (combo_shows (column_row (dialog, "H")), ==, tx_field_label (tx_form_lookup ("remarks")));
  g_assert_false (gtk_widget_get_visible (dialog->sheet_group));
  shoot (dialog, "mapping");

  /* the remarks are left out; a field chosen again leaves its other column */
  adw_combo_row_set_selected (column_row (dialog, "H"), 0);
  g_assert_cmpint (field_of (dialog, "H"), ==, -1);
  adw_combo_row_set_selected (column_row (dialog, "A"),
                              adw_combo_row_get_selected (column_row (dialog, "G")));
  g_assert_cmpint (field_of (dialog, "A"), ==, tx_form_index ("father_phone"));
  g_assert_cmpstr (combo_shows (column_row (dialog, "G")), ==, _("Not imported"));
  adw_combo_row_set_selected (column_row (dialog, "G"), adw_combo_row_get_selected (column_row (dialog, "A")));
  g_assert_cmpint (field_of (dialog, "A"), ==, -1);
  g_assert_cmpint (field_of (dialog, "G"), ==, tx_form_index ("father_phone"));

  /* Enter on a column's drop-down opens its list, and runs no dry run;
   * Escape closes the list, not the dialog */
  if (tx_gui_x11_available ())
    {
      int sex = field_of (dialog, "C");

      gtk_widget_grab_focus (GTK_WIDGET (column_row (dialog, "C")));
      tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Return, 0);
      tx_gui_wait (300);
      g_assert_false (dialog->busy);
      g_assert_null (dialog->plan);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "mapping");
      g_assert_false (gtk_widget_has_focus (dialog->next_button));
      tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
      tx_gui_wait (200);
      g_assert_nonnull (find_import_dialog ());
      g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "mapping");
      g_assert_cmpint (field_of (dialog, "C"), ==, sex);
    }

  /* the dry run, by Enter: the default button */
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == dialog->next_button);
  if (tx_gui_x11_available ())
    {
      gtk_widget_grab_focus (dialog->next_button);
      tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Return, 0);
      g_assert_true (tx_gui_wait_for (dialog_busy_or_planned, dialog, 5000));
    }
  else
    click (dialog->next_button);
  wait_page (dialog, "plan");
  /* a second Enter does not import: Import is no default, the filter has the focus */
  g_assert_null (gtk_window_get_default_widget (GTK_WINDOW (dialog)));
  g_assert_true (gtk_widget_has_focus (dialog->filter_buttons[0]));
  /* Escape goes back to the columns, not out of the dialog */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.escape", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  g_assert_cmpuint (dialog->plan->counts[TX_IMPORT_NEW], ==, 2);
  g_assert_cmpuint (dialog->plan->counts[TX_IMPORT_DUPLICATE], ==, 1);
  g_assert_cmpuint (dialog->plan->counts[TX_IMPORT_REFUSED], ==, 1);
  two = g_strdup_printf (_("_New %u"), 2);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dialog->filter_buttons[1 + TX_IMPORT_NEW])), ==, two);
  row5 = g_strdup_printf (_("Row %u"), 5);
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (dialog), row5, 2000));
  refusal = g_strdup_printf (_("%s: %s"), "儿童基本信息 · 身份证号码", "");
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), refusal));
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child will be imported.",
                                        "%u children will be imported.", 2), 2);
  g_assert_cmpstr (gtk_label_get_text (dialog->status_label), ==, added);
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "张丽丽"));
  shoot (dialog, "plan");

  /* the refused rows alone */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog->filter_buttons[1 + TX_IMPORT_REFUSED]), TRUE);
  tx_gui_wait (100);
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), row5));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (dialog), "王小明"));

  /* the possible duplicate is another child after all */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog->filter_buttons[1 + TX_IMPORT_DUPLICATE]), TRUE);
  tx_gui_wait (100);
  check = find_check (GTK_WIDGET (dialog->rows_view));
  g_assert_nonnull (check);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  three = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child will be imported.",
                                        "%u children will be imported.", 3), 3);
  g_assert_cmpstr (gtk_label_get_text (dialog->status_label), ==, three);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog->filter_buttons[0]), TRUE);

  /* nothing written yet */
  g_assert_cmpint (n_children (window), ==, before);
  click (dialog->next_button);
  wait_page (dialog, "done");
  g_assert_cmpint (n_children (window), ==, before + 3);
  g_assert_cmpuint (dialog->batch->added, ==, 3);
  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child added", "%u children added", 3), 3);
  g_assert_nonnull (strstr (adw_status_page_get_description (dialog->done_page), done));
  shoot (dialog, "done");

  /* the store keeps the import, to be undone */
  tx_import_batches_async (tx_window_get_service (window), NULL, batches_cb, &batches);
  g_assert_true (tx_gui_wait_for (got_batches, &batches, 5000));
  g_assert_cmpuint (batches->len, ==, 1);
  g_assert_cmpint (((TxImportBatch *) batches->pdata[0])->id, ==, dialog->batch->id);
  g_assert_cmpstr (((TxImportBatch *) batches->pdata[0])->file, ==, "台账.csv");
  g_assert_cmpuint (((TxImportBatch *) batches->pdata[0])->added, ==, 3);

  /* the roster shows them */
  tx_gui_wait_roster (window);
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (tx_window_get_roster_view (window)), "王小明", 5000));

  /* undone as a whole, once asked */
  click (dialog->undo_button);
  confirm_undo ("台账.csv", 3);
  wait_page (dialog, "done");
  g_assert_cmpstr (adw_status_page_get_title (dialog->done_page), ==, _("Import Undone"));
  g_assert_nonnull (strstr (adw_status_page_get_description (dialog->done_page), "3"));
  g_assert_cmpint (n_children (window), ==, before);
  g_assert_false (gtk_widget_get_visible (dialog->undo_button));
  tx_gui_wait (2500);
  tx_gui_wait_roster (window);
  g_assert_null (tx_gui_find_text (GTK_WIDGET (tx_window_get_roster_view (window)), "王小明"));

  /* Show in Roster closes the dialog */
  click (dialog->roster_button);
  tx_gui_wait (100);
  g_assert_null (find_import_dialog ());
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  tx_gui_close_window (window);
}

/* The history of an imported child says where it came from */
static void
test_import_history (void)
{
  TxWindow *window = tx_gui_new_window ("import-history.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_ledger (g_get_user_cache_dir ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *source = NULL;
  g_autofree char *child = NULL;
  g_autofree char *first = id_number ("22010220160504001");
  AdwMessageDialog *history;

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  click (dialog->next_button);
  wait_page (dialog, "done");
  click (dialog->next_button);
  tx_gui_wait (100);
  g_assert_null (find_import_dialog ());

  child = tx_store_child_find_id_number (tx_gui_writer (window), first, NULL);
  g_assert_nonnull (child);
  tx_gui_wait_roster (window);
  g_assert_true (tx_form_view_load (tx_window_get_form_view (window), child, NULL));
  gtk_widget_activate_action (GTK_WIDGET (tx_window_get_form_view (window)), "form.history", NULL);
  history = tx_gui_wait_dialog ();
  source = g_strdup_printf (_("Imported from %s, sheet %s, row %u"), "台账.csv", "台账", 4);
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (history), source));
  tx_gui_respond (history, "close");
  tx_gui_close_window (window);
}

/* A workbook of several sheets: the sheet is chosen; one without a header
 * says so and keeps the columns of the other */
static void
test_import_sheets (void)
{
  TxWindow *window = tx_gui_new_window ("import-sheets.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "sheets", "ledger.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  g_assert_true (gtk_widget_get_visible (dialog->sheet_group));
  g_assert_cmpstr (combo_shows (dialog->sheet_row), ==, "留守儿童台账");
  adw_combo_row_set_selected (dialog->sheet_row, 1);
  wait_page (dialog, "mapping");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->mapping_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->mapping_error), "说明"));
  g_assert_null (strstr (gtk_label_get_text (dialog->mapping_error), "--map"));
  g_assert_cmpstr (combo_shows (dialog->sheet_row), ==, "留守儿童台账");
  g_assert_cmpstr (tx_intake_source_sheet_name (dialog->source), ==, "留守儿童台账");
  shoot (dialog, "sheets");

  /* without the names' column, the dry run says which field to choose */
  adw_combo_row_set_selected (column_row (dialog, "B"), 0);
  click (dialog->next_button);
  wait_page (dialog, "mapping");
  g_assert_nonnull (strstr (gtk_label_get_text (dialog->mapping_error), tx_field_label (tx_form_lookup ("name"))));
  g_assert_null (strstr (gtk_label_get_text (dialog->mapping_error), "--map"));
  select_field (column_row (dialog, "B"), "name");
  g_assert_cmpint (field_of (dialog, "B"), ==, tx_form_index ("name"));
  click (dialog->next_button);
  wait_page (dialog, "plan");
  g_assert_cmpuint (dialog->plan->rows->len, >, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

/* An import cannot be undone once one of its children is edited: the
 * core's reason is shown */
static void
test_import_undo_refused (void)
{
  TxWindow *window = tx_gui_new_window ("import-undo.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_ledger (g_get_user_cache_dir ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first = id_number ("22010220160504001");
  g_autofree char *child = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gint64 after;

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  click (dialog->next_button);
  wait_page (dialog, "done");
  after = n_children (window);

  child = tx_store_child_find_id_number (tx_gui_writer (window), first, NULL);
  record = tx_store_child_get (tx_gui_writer (window), child, &error);
  g_assert_no_error (error);
  tx_record_set_key (record, "remarks", "已走访");
  g_assert_true (tx_store_child_update (tx_gui_writer (window), record, TRUE, NULL, &error));
  g_assert_no_error (error);

  click (dialog->undo_button);
  confirm_undo ("台账.csv", 3);
  wait_page (dialog, "done");
  g_assert_cmpstr (adw_status_page_get_title (dialog->done_page), ==, _("The Import Cannot Be Undone"));
  g_assert_cmpuint (strlen (adw_status_page_get_description (dialog->done_page)), >, 20);
  g_assert_cmpint (n_children (window), ==, after);
  shoot (dialog, "undo-refused");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

static GtkWidget *
find_button (gpointer w)
{
  if (GTK_IS_BUTTON (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c);
      if (found)
        return found;
    }
  return NULL;
}

static gboolean
batch_undone (gpointer data)
{
  TxImportDialog *dialog = data;

  return dialog->batches && dialog->batches->len == 1 &&
         ((TxImportBatch *) dialog->batches->pdata[0])->undone_at != NULL;
}

/* The start page lists the earlier imports: one is undone after its dialog
 * was closed, once asked, and then says so */
static void
test_import_earlier (void)
{
  TxWindow *window = tx_gui_new_window ("import-earlier.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_ledger (g_get_user_cache_dir ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *title = NULL, *counts = NULL, *added = NULL;
  GtkWidget *undo;
  gint64 before = n_children (window);

  gtk_window_present (GTK_WINDOW (dialog));
  tx_gui_wait (200);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->batches_group)));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  click (dialog->next_button);
  wait_page (dialog, "done");
  click (dialog->next_button);
  tx_gui_wait (100);
  g_assert_null (find_import_dialog ());
  g_assert_cmpint (n_children (window), ==, before + 3);

  /* another day, the dialog again: the import is listed with its undo */
  dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (dialog->batches_group), "台账.csv", 5000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->batches_group)));
  g_assert_cmpuint (dialog->batch_rows->len, ==, 1);
  title = g_strdup_printf (_("%s, sheet %s"), "台账.csv", "台账");
  g_assert_cmpstr (adw_preferences_row_get_title (dialog->batch_rows->pdata[0]), ==, title);
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child added", "%u children added", 3), 3);
  counts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u updated", "%s, %u updated", 0), added, 0);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (dialog->batch_rows->pdata[0]), counts));
  undo = find_button (dialog->batch_rows->pdata[0]);
  g_assert_nonnull (undo);
  shoot (dialog, "start");

  /* asked first: Cancel keeps the children */
  g_signal_emit_by_name (undo, "clicked");
  tx_gui_respond (tx_gui_wait_dialog (), "cancel");
  g_assert_cmpint (n_children (window), ==, before + 3);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "start");
  g_signal_emit_by_name (undo, "clicked");
  confirm_undo ("台账.csv", 3);
  wait_page (dialog, "done");
  g_assert_cmpstr (adw_status_page_get_title (dialog->done_page), ==, _("Import Undone"));
  g_assert_cmpint (n_children (window), ==, before);
  /* the list says it is undone, without an undo */
  g_assert_true (tx_gui_wait_for (batch_undone, dialog, 5000));
  g_assert_cmpuint (dialog->batch_rows->len, ==, 1);
  g_assert_null (find_button (dialog->batch_rows->pdata[0]));
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

/* the ledger again, a father's phone changed in the first child's row */
static void
change_ledger (const char *path)
{
  g_autofree char *gb = NULL, *text = NULL;
  g_autoptr(GString) changed = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &gb, &len, NULL));
  text = g_convert (gb, len, "UTF-8", "GB18030", NULL, NULL, NULL);
  g_assert_nonnull (strstr (text, "13800000001"));
  changed = g_string_new (text);
  g_string_replace (changed, "13800000001", "13900000001", 0);
  g_free (gb);
  gb = g_convert (changed->str, -1, "GB18030", "UTF-8", NULL, &len, NULL);
  g_assert_true (g_file_set_contents (path, gb, len, NULL));
}

/* A ledger imported again after a value changed: the dry run shows what an
 * update changes, counts the rows unchanged apart, and names what a draft
 * misses; the done page says what was left out */
static void
test_import_again (void)
{
  TxWindow *window = tx_gui_new_window ("import-again.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_ledger (g_get_user_cache_dir ());
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *refused = NULL, *updates = NULL, *change = NULL, *missing = NULL;
  const TxImportRow *update = NULL, *draft = NULL;
  guint unchanged = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  click (dialog->next_button);
  wait_page (dialog, "done");
  /* the refused row is told, and that the children are drafts */
  refused = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u row was refused and not imported: correct it in the file "
                                          "and import the file again.",
                                          "%u rows were refused and not imported: correct them in the "
                                          "file and import the file again.", 1), 1);
  g_assert_nonnull (strstr (adw_status_page_get_description (dialog->done_page), refused));
  g_assert_nonnull (strstr (adw_status_page_get_description (dialog->done_page),
                            _("All of them are drafts: open them from the roster to fill in the values "
                              "missing.")));
  shoot (dialog, "done-told");
  gtk_window_destroy (GTK_WINDOW (dialog));

  change_ledger (path);
  dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  click (dialog->next_button);
  wait_page (dialog, "plan");
  for (guint i = 0; i < dialog->plan->rows->len; i++)
    {
      const TxImportRow *r = dialog->plan->rows->pdata[i];

      if (r->action == TX_IMPORT_UPDATE && r->unchanged)
        unchanged++;
      else if (r->action == TX_IMPORT_UPDATE)
        update = r;
      if (r->action != TX_IMPORT_REFUSED && r->draft && draft == NULL)
        draft = r;
    }
  g_assert_nonnull (update);
  g_assert_nonnull (draft);
  g_assert_cmpuint (unchanged, >=, 1);
  updates = g_strdup_printf (_("_Updates %u · unchanged %u"),
                             dialog->plan->counts[TX_IMPORT_UPDATE] - unchanged, unchanged);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (dialog->filter_buttons[1 + TX_IMPORT_UPDATE])), ==, updates);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog->filter_buttons[1 + TX_IMPORT_UPDATE]), TRUE);
  tx_gui_wait (200);
  /* the value it changes, and the rows that change nothing said so */
  g_assert_cmpuint (update->changes->len, ==, 1);
  change = tx_import_change_text (update->changes->pdata[0]);
  g_assert_nonnull (strstr (change, "13900000001"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog->rows_view), change));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog->rows_view), _("Unchanged")));
  /* a draft names the first of the fields it misses */
  missing = g_strdup_printf ("%s%s", _(": "),
                             tx_field_label (tx_form_lookup (((TxRowProblem *) draft->problems->pdata[0])->key)));
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (dialog->rows_view), missing, 2000));
  shoot (dialog, "plan-again");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

/* Cancel during a dry run and during an import of a long file: nothing
 * is written */
static void
test_import_cancel (void)
{
  TxWindow *window = tx_gui_new_window ("import-cancel.db", 0);
  TxImportDialog *dialog = tx_import_dialog_new (GTK_WINDOW (window), tx_window_get_service (window));
  g_autofree char *path = write_big_ledger (g_get_user_cache_dir (), 20000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gint64 before = n_children (window);

  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_open_file (dialog, file);
  wait_page (dialog, "mapping");
  /* a realized button's activation clicks it a moment later: the action at once */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "busy");
  g_assert_false (gtk_widget_get_visible (dialog->next_button));
  tx_gui_wait (50);
  tx_gui_assert_responsive ();
  shoot (dialog, "progress");
  /* Escape stops it */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  wait_page (dialog, "mapping");
  g_assert_null (dialog->plan);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->mapping_error)));

  /* the dry run to its end, then the import cancelled */
  click (dialog->next_button);
  wait_page (dialog, "plan");
  g_assert_cmpuint (dialog->plan->rows->len, ==, 20000);
  g_assert_cmpuint (tx_import_plan_n_chosen (dialog->plan), >, 10000);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->pages), ==, "busy");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  wait_page (dialog, "plan");
  g_assert_cmpstr (gtk_label_get_text (dialog->status_label), ==, _("The import was cancelled: nothing was written."));
  g_assert_cmpint (n_children (window), ==, before);
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/import/opens", test_import_opens);
  g_test_add_func ("/gui/import/bad-file", test_import_bad_file);
  g_test_add_func ("/gui/import/ledger", test_import_ledger);
  g_test_add_func ("/gui/import/history", test_import_history);
  g_test_add_func ("/gui/import/sheets", test_import_sheets);
  g_test_add_func ("/gui/import/undo-refused", test_import_undo_refused);
  g_test_add_func ("/gui/import/earlier", test_import_earlier);
  g_test_add_func ("/gui/import/again", test_import_again);
  g_test_add_func ("/gui/import/cancel", test_import_cancel);
  return g_test_run ();
}
