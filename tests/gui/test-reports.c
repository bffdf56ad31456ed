/* test-reports.c — the reports view: every report made and printed, and the
 * staff offered once visits are recorded, driven through the real widgets
 * under Xvfb
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

/* Pages of a PDF written by Cairo (page objects, not the page tree) */
static guint
pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* memmem(): the file has binary streams */
  for (const char *p = contents; (p = memmem (p, len - (p - contents), "/Type /Page", 11)); p++)
    n += p[11] != 's';
  return n;
}

/* The labels under @widget that are on screen, leaving out popovers unless @into_popovers */
static void
collect_labels (GtkWidget *widget,
                gboolean   into_popovers,
                GPtrArray *labels)
{
  if (!into_popovers && GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, into_popovers, labels);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_popover (c);
      if (found)
        return found;
    }
  return NULL;
}

/* No label of @widget cut short with "…" */
static guint
assert_whole_labels (GtkWidget *widget,
                     gboolean   into_popovers)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, into_popovers, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is cut short", gtk_label_get_text (label));
    }
  return labels->len;
}

/* The Reports view: the month's visit log previewed page by page, exported
 * and printed with the same drawing; the ledger exported; all logged */
typedef struct {
  TxReportsView *reports;
  const char    *visitor;
} StaffWait;

static gboolean
staff_offers_cb (gpointer data)
{
  StaffWait *w = data;
  GListModel *staff = adw_combo_row_get_model (ADW_COMBO_ROW (tx_reports_view_get_widget (w->reports, "staff_row")));

  for (guint i = 0; staff && i < g_list_model_get_n_items (staff); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (staff), i), w->visitor))
      return TRUE;
  return FALSE;
}

/* A visit recorded elsewhere (another connection: the calendar's worker, an
 * import) reaches the Reports view: its preview is laid out again with the
 * visit, and its staff list offers the new visitor */
static void
test_reports_hear_visits (void)
{
  TxWindow *window = tx_gui_new_window ("reports-hear.db", 30);
  TxReportsView *reports = tx_window_get_reports_view (window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "reports-hear.db", NULL);
  g_autoptr(TxStore) other = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TxVisit) v = tx_visit_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *id = NULL;
  GtkWidget *about = tx_reports_view_get_widget (reports, "about_label");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  before = g_strdup (gtk_label_get_text (GTK_LABEL (about)));
  g_assert_false (staff_offers_cb (&(StaffWait) { reports, "新来的社工" }));

  other = tx_test_open (path, &error);
  g_assert_no_error (error);
  rows = tx_store_child_list (other, &(TxChildQuery) { 0 }, 0, 1, &error);
  v->child_id = g_strdup (((TxChildRow *) rows->pdata[0])->id);
  v->date = g_strdup ("2026-11-24");
  v->kind = g_strdup ("home");
  v->visitor = g_strdup ("新来的社工");
  v->living = g_strdup ("住房整洁，饮食正常");
  id = tx_store_visit_add (other, v, FALSE, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (tx_gui_wait_for (staff_offers_cb, &(StaffWait) { reports, "新来的社工" }, 5000));
  tx_gui_wait (100);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (about)), !=, before);
  tx_gui_close_window (window);
}

static void
test_reports (void)
{
  TxWindow *window = tx_gui_new_window ("reports.db", 200);
  TxStore *store = tx_window_get_store (window);
  TxReportsView *reports = tx_window_get_reports_view (window);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *pdf = g_build_filename (dir, "visits.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "ledger.xlsx", NULL);
  g_autofree char *forms = g_build_filename (dir, "forms.pdf", NULL);
  g_autofree char *forms_printed = g_build_filename (dir, "forms-printed.pdf", NULL);
  g_autofree char *stats = g_build_filename (dir, "stats.xlsx", NULL);
  g_autofree char *xlsx_all = g_build_filename (dir, "ledger-all.xlsx", NULL);
  g_autofree char *xlsx_left = g_build_filename (dir, "ledger-left.xlsx", NULL);
  g_autofree char *printed_again = g_build_filename (dir, "printed-again.pdf", NULL);
  g_autofree char *printed_twice = g_build_filename (dir, "printed-twice.pdf", NULL);
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "tongxing", "reports.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 registered = tx_store_child_count (store, &(TxChildQuery) { .registered_on = "2026-11-25" }, NULL);
  guint pages;

  g_mkdir_with_parents (dir, 0700);
  /* a store set up without naming its editor: its supervisor makes the reports */
  {
    g_autoptr(TxStore) other = tx_test_open (db_path, &error);
    g_assert_no_error (error);
    g_assert_true (tx_store_set_setting (other, TX_SETTING_SUPERVISOR, "李春梅", &error));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  pages = tx_reports_view_get_n_pages (reports);
  g_assert_cmpuint (pages, >, 1);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (tx_reports_view_get_preview (reports))));

  /* Page Down shows the next page */
  gtk_widget_activate_action (GTK_WIDGET (reports), "reports.next-page", NULL);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), ==, pages);

  /* exported on the store's thread; printed through GTK into a PDF */
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (pdf, "%PDF");
  /* laid out on the store's thread first, then printed through GTK: the
   * same pages as the exported file */
  tx_reports_view_print (reports, printed);
  g_assert_true (tx_reports_view_is_busy (reports));
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (printed, "%PDF");
  g_assert_cmpuint (pdf_pages (printed), ==, pdf_pages (pdf));
  g_assert_cmpuint (pdf_pages (printed), ==, pages);

  /* the ledger, to Excel */
  tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), ==, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (xlsx);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (xlsx, "PK");

  /* the key-care children's forms: previewed in portrait, exported, printed */
  tx_reports_view_choose (reports, TX_REPORT_KEY_CARE_FORMS, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), >, 1);
  {
    GdkPaintable *page = gtk_picture_get_paintable (GTK_PICTURE (tx_reports_view_get_preview (reports)));
    g_assert_nonnull (page);
    g_assert_cmpint (gdk_paintable_get_intrinsic_height (page), >, gdk_paintable_get_intrinsic_width (page));
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path (forms);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (forms, "%PDF");
  tx_reports_view_print (reports, forms_printed);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (forms_printed, "%PDF");
  g_assert_cmpuint (pdf_pages (forms_printed), ==, pdf_pages (forms));

  /* the month's statistics, to Excel */
  tx_reports_view_choose (reports, TX_REPORT_STATISTICS, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (stats);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  tx_gui_assert_file_starts (stats, "PK");

  /* each export and print, in the log, the newest first */
  log = tx_store_export_log (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "statistics");
  g_assert_cmpstr (((TxExport *) log->pdata[1])->what, ==, "forms_print");
  g_assert_cmpstr (((TxExport *) log->pdata[2])->what, ==, "forms");
  g_assert_cmpuint (((TxExport *) log->pdata[2])->children, ==,
                    tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL));
  /* by default the ledger holds the children on the register: not drafts,
   * not children not (yet) eligible, not those 16 or over */
  g_assert_cmpstr (((TxExport *) log->pdata[3])->what, ==, "ledger");
  g_assert_cmpuint (((TxExport *) log->pdata[3])->children, ==, registered);
  g_assert_cmpint (registered, <, 200);
  g_assert_cmpstr (((TxExport *) log->pdata[4])->what, ==, "visit_log_print");
  g_assert_cmpstr (((TxExport *) log->pdata[4])->detail, ==, "printed.pdf");
  /* the person logged in, not the supervisor set up */
  g_assert_cmpstr (((TxExport *) log->pdata[4])->who, ==, tx_test_user ());
  g_assert_cmpstr (((TxExport *) log->pdata[5])->what, ==, "visit_log");

  /* the log, viewable in the window: a row each, the newest first, in words */
  {
    GtkWidget *dialog = tx_reports_view_show_log (reports);
    GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "log");
    GtkWidget *first = gtk_widget_get_first_child (list);
    guint rows = 0;

    for (GtkWidget *r = first; r; r = gtk_widget_get_next_sibling (r))
      rows++;
    g_assert_cmpuint (rows, ==, 6);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Statistics");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), "stats.xlsx"));
    /* who, how many of what, which file or printer: in words, not "— · 2000" */
    for (GtkWidget *r = first; r; r = gtk_widget_get_next_sibling (r))
      {
        const char *what = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r));
        const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (r));

        g_autofree char *by = g_strconcat ("by ", tx_test_user (), NULL);

        g_assert_nonnull (strstr (subtitle, by));
        g_assert_null (strstr (subtitle, "—"));
        if (g_str_equal (what, "Monthly visit log, printed"))
          {
            g_autofree char *printed_visits = g_strdup_printf ("%u visits · printer printed.pdf",
                                                               ((TxExport *) log->pdata[4])->children);
            g_assert_nonnull (strstr (subtitle, printed_visits));
          }
        if (g_str_equal (what, "Ledger"))
          {
            g_autofree char *children = g_strdup_printf ("%" G_GINT64_FORMAT " children · file ledger.xlsx", registered);
            g_assert_nonnull (strstr (subtitle, children));
          }
      }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  /* the list of reports, and the report chosen, show whole names */
  {
    GtkWidget *row = tx_reports_view_get_widget (reports, "report_row");
    GtkWidget *popover;

    tx_reports_view_choose (reports, TX_REPORT_KEY_CARE_FORMS, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    tx_gui_wait (100);
    assert_whole_labels (row, FALSE);
    gtk_widget_activate (row);
    tx_gui_wait (300);
    popover = find_popover (row);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_mapped (popover));
    g_assert_cmpuint (assert_whole_labels (popover, TRUE), >=, 6);
    gtk_popover_popdown (GTK_POPOVER (popover));
    tx_gui_wait (100);
  }

  /* the ledger of the children who left the register: the demo's who moved away or aged out */
  {
    GtkWidget *records = tx_reports_view_get_widget (reports, "records_row");
    GtkLabel *about = GTK_LABEL (tx_reports_view_get_widget (reports, "about_label"));
    g_autoptr(GFile) file = g_file_new_for_path (xlsx_left);
    gint64 left = tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_LEFT }, NULL);
    g_autofree char *left_text = g_strdup_printf ("%" G_GINT64_FORMAT " children", left);

    g_assert_cmpint (left, >, 0);
    tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    adw_combo_row_set_selected (ADW_COMBO_ROW (records), TX_REPORT_RECORDS_LEFT);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_nonnull (strstr (gtk_label_get_text (about), "who left the register"));
    g_assert_nonnull (strstr (gtk_label_get_text (about), left_text));
    tx_reports_view_export_to (reports, file);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    tx_gui_assert_file_starts (xlsx_left, "PK");
    log = tx_store_export_log (store, 1, &error);
    g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "left_ledger");
    g_assert_cmpuint (((TxExport *) log->pdata[0])->children, ==, left);
    g_clear_pointer (&log, g_ptr_array_unref);
    adw_combo_row_set_selected (ADW_COMBO_ROW (records), TX_REPORT_RECORDS_REGISTERED);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  }

  /* the ledger of every record, with the status of each: as many as the roster */
  {
    GtkWidget *records = tx_reports_view_get_widget (reports, "records_row");
    GtkLabel *about = GTK_LABEL (tx_reports_view_get_widget (reports, "about_label"));
    g_autoptr(GFile) file = g_file_new_for_path (xlsx_all);
    g_autofree char *all_text = NULL;
    gint64 all;

    tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_sensitive (records));
    tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_true (gtk_widget_is_sensitive (records));
    g_assert_nonnull (strstr (gtk_label_get_text (about), "on the register today"));
    /* every record of the children on the register: the demo's who aged
     * out left it when the window started */
    all = tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL);
    all_text = g_strdup_printf ("%" G_GINT64_FORMAT " children", all);
    g_assert_cmpint (all, >, 150);
    adw_combo_row_set_selected (ADW_COMBO_ROW (records), 1);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_nonnull (strstr (gtk_label_get_text (about), all_text));
    tx_reports_view_export_to (reports, file);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    log = tx_store_export_log (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "ledger");
    g_assert_cmpuint (((TxExport *) log->pdata[0])->children, ==, all);
    g_clear_pointer (&log, g_ptr_array_unref);
  }


  /* a print the export log cannot take: written on the store's thread, the
   * failure said on screen, and the print recorded once it can be */
  {
    GtkWidget *problem = tx_reports_view_get_widget (reports, "log_error_label");
    sqlite3 *db = NULL;

    g_assert_cmpint (tx_test_sqlite_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER no_log BEFORE INSERT ON export_log "
                                       "BEGIN SELECT RAISE(ABORT, 'no room in the log'); END", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_visible (problem));
    tx_reports_view_print (reports, printed_again);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    tx_gui_assert_file_starts (printed_again, "%PDF");
    g_assert_true (gtk_widget_is_visible (problem));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "no room in the log"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "Record Again"));
    log = tx_store_export_log (store, 1, &error);
    g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "ledger");
    g_clear_pointer (&log, g_ptr_array_unref);
    /* a second print the log cannot take either: both wait */
    tx_reports_view_print (reports, printed_twice);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_true (gtk_widget_is_visible (problem));

    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER no_log", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    gtk_widget_activate_action (GTK_WIDGET (reports), "reports.record-again", NULL);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_visible (problem));
    log = tx_store_export_log (store, 2, &error);
    g_assert_cmpuint (log->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (((TxExport *) log->pdata[i])->what, ==, "visit_log_print");
    g_assert_true ((g_str_equal (((TxExport *) log->pdata[0])->detail, "printed-again.pdf") &&
                    g_str_equal (((TxExport *) log->pdata[1])->detail, "printed-twice.pdf")) ||
                   (g_str_equal (((TxExport *) log->pdata[1])->detail, "printed-again.pdf") &&
                    g_str_equal (((TxExport *) log->pdata[0])->detail, "printed-twice.pdf")));
  }
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/reports", test_reports);
  g_test_add_func ("/gui/reports/hear-visits", test_reports_hear_visits);
  return g_test_run ();
}
