/* tx-reports-view-export.c — the reports view's export, printing and
 * export log
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports run on the store service's thread with a progress bar and
 * Cancel; a cancelled export leaves no file. Printing lays the pages out on
 * that thread and draws them through GtkPrintOperation; each print goes
 * into the export log, and one the log could not take waits its turn.
 */

#define G_LOG_DOMAIN "tx-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-reports-view-private.h"

/* Export */

static gboolean
pulse_cb (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok = tx_report_export_finish (TX_STORE_SERVICE (source), result, &n, &error);
  g_autofree char *path = g_steal_pointer (&self->export_path);

  self->busy--;
  g_clear_object (&self->export_cancel);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  tx_reports_view_update_actions (self);
  if (!ok)
    {
      g_signal_emit (self, tx_reports_view_signals[TOAST], 0,
                     tx_gui_is_cancelled (error)
                       ? _("Export cancelled; no file was written.") : error->message);
      return;
    }
  {
    g_autofree char *name = g_path_get_basename (path);
    g_autofree char *done = self->export_kind == TX_REPORT_BLANK_FORM
      ? g_strdup_printf (_("The blank form exported to %s"), name)
      : self->export_kind == TX_REPORT_STATISTICS
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child counted into %s", "%u children counted into %s",
                                      n), n, name)
      : self->export_kind == TX_REPORT_KEY_CARE_FORMS
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u form exported to %s", "%u forms exported to %s", n),
                         n, name)
      : self->export_kind == TX_REPORT_VISIT_LOG
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit exported to %s", "%u visits exported to %s", n),
                         n, name)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child exported to %s", "%u children exported to %s", n),
                         n, name);
    g_signal_emit (self, tx_reports_view_signals[TOAST], 0, done);
  }
}

/**
 * tx_reports_view_export_to:
 * @file: where the report goes
 *
 * Exports the chosen report, as the Export button does after its dialog.
 */
void
tx_reports_view_export_to (TxReportsView *self,
                           GFile         *file)
{
  TxReportOptions o;

  tx_reports_view_chosen_options (self, &o);
  self->export_kind = tx_reports_view_chosen_kind (self);
  g_free (self->export_path);
  self->export_path = g_file_get_path (file);
  self->export_cancel = g_cancellable_new ();
  self->busy++;
  gtk_progress_bar_set_text (self->progress_bar, _("Exporting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), TRUE);
  self->pulse_id = g_timeout_add (100, pulse_cb, self->progress_bar);
  tx_reports_view_update_actions (self);
  tx_report_export_async (self->service, self->export_kind, &o, self->export_path, self->export_cancel,
                          export_done_cb, g_object_ref (self));
}

static void
export_chosen (GtkWidget *widget,
               GFile     *file,
               gpointer   data)
{
  tx_reports_view_export_to (TX_REPORTS_VIEW (widget), file);
}

void
tx_reports_view_export_action (GtkWidget  *widget,
                               const char *name,
                               GVariant   *param)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);
  TxReportKind kind = tx_reports_view_chosen_kind (self);
  g_autofree char *suggested = NULL;
  guint year, month;

  tx_reports_view_chosen_month (self, &year, &month);
  if (kind == TX_REPORT_VISIT_LOG)
    /* Translators: the file name suggested for a month's visit log */
    suggested = g_strdup_printf (_("visits-%04u-%02u.pdf"), year, month);
  else if (kind == TX_REPORT_KEY_CARE_FORMS)
    suggested = g_strdup (_("key-care-forms.pdf"));
  else if (kind == TX_REPORT_STATISTICS)
    /* Translators: the file name suggested for a month's statistics */
    suggested = g_strdup_printf (_("statistics-%04u-%02u.xlsx"), year, month);
  else if (kind == TX_REPORT_BLANK_FORM)
    suggested = g_strdup (_("blank-form.pdf"));
  else if (kind == TX_REPORT_KEY_CARE_LEDGER)
    suggested = g_strdup (_("key-care-ledger.xlsx"));
  else
    suggested = g_strdup (_("ledger.xlsx"));
  tx_gui_ask_save_file (widget, _("Export Report"), suggested, export_chosen, NULL);
}

void
tx_reports_view_cancel_action (GtkWidget  *widget,
                               const char *name,
                               GVariant   *param)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);

  if (self->export_cancel)
    g_cancellable_cancel (self->export_cancel);
}

/* Printing: the same pages through GTK's print dialog. The document is
 * read and laid out on the store's thread first (the key-care forms of a
 * county are thousands of pages); GTK then only draws the pages. */

static void
begin_print_cb (GtkPrintOperation *op,
                GtkPrintContext   *context,
                TxReportsView     *self)
{
  gtk_print_operation_set_n_pages (op, tx_report_doc_get_n_pages (self->print_doc));
}

static void
draw_page_cb (GtkPrintOperation *op,
              GtkPrintContext   *context,
              int                page,
              TxReportsView     *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double w, h, sx, sy;

  tx_report_doc_get_page_size (self->print_doc, &w, &h);
  sx = gtk_print_context_get_width (context) / w;
  sy = gtk_print_context_get_height (context) / h;
  cairo_scale (cr, MIN (sx, sy), MIN (sx, sy));
  tx_report_doc_draw_page (self->print_doc, cr, page + 1);
}

/* A print for the export log: written on the store's thread, like every
 * write; one that fails is kept and offered again */
typedef struct PrintLog {
  char  *what;
  char  *detail;
  guint  count;
} PrintLog;

void
tx_reports_view_print_log_free (PrintLog *l)
{
  if (l == NULL)
    return;
  g_free (l->what);
  g_free (l->detail);
  g_free (l);
}

typedef struct {
  TxReportsView *self;
  PrintLog      *job;
} Logging;

static void
log_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Logging *l = user_data;
  g_autoptr(TxReportsView) self = l->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = tx_store_service_log_export_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (ok)
    {
      tx_reports_view_print_log_free (l->job);
      /* the message stays while another print waits to be logged */
      gtk_widget_set_visible (GTK_WIDGET (self->log_error_box), self->unlogged && self->unlogged->len > 0);
    }
  else if (self->unlogged == NULL)
    tx_reports_view_print_log_free (l->job);   /* the view has gone */
  else
    {
      /* Translators: a print the export log could not take; the message says why and what to do */
      g_autofree char *text = g_strdup_printf (_("The print was sent, but it is not in the history of exports "
                                                 "and prints yet: %s Then press “Record Again”."),
                                               error->message);

      /* each print waits its turn: one logged later does not take an
       * earlier one's place */
      g_ptr_array_add (self->unlogged, l->job);
      gtk_label_set_text (self->log_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->log_error_box), TRUE);
    }
  g_free (l);
  tx_reports_view_update_actions (self);
}

/* Writes @job (taken) into the export log on the store's thread */
static void
log_print (TxReportsView *self,
           PrintLog      *job)
{
  Logging *l = g_new0 (Logging, 1);

  l->self = g_object_ref (self);
  l->job = job;
  self->busy++;
  tx_store_service_log_export_async (self->service, job->what, job->detail, job->count, NULL, log_done_cb, l);
}

void
tx_reports_view_record_again_action (GtkWidget  *widget,
                                     const char *name,
                                     GVariant   *param)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);

  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->unlogged);

  self->unlogged = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_reports_view_print_log_free);
  for (guint i = 0; i < waiting->len; i++)
    log_print (self, g_ptr_array_steal_index (waiting, i--));
}

/* Sends the laid-out @doc to the print dialog, or into @export_filename */
static void
run_print (TxReportsView *self,
           TxReportDoc   *doc,
           const char    *export_filename)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkPrintOperationResult result;

  gboolean log = tx_report_doc_get_kind (doc) == TX_REPORT_VISIT_LOG;

  self->print_doc = doc;
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, tx_report_doc_is_landscape (doc) ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (op, setup);
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (op, log ? _("Monthly visit log") : _("Registration forms"));
  g_signal_connect (op, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (export_filename)
    {
      gtk_print_operation_set_export_filename (op, export_filename);
      result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
    }
  else
    result = gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    g_signal_emit (self, tx_reports_view_signals[TOAST], 0, error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      /* printed: into the log, with the printer or the file it went to */
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (op);
      PrintLog *j = g_new0 (PrintLog, 1);

      j->what = g_strdup (log ? "visit_log_print" : "forms_print");
      j->detail = export_filename ? g_path_get_basename (export_filename)
                                  : g_strdup (settings ? gtk_print_settings_get_printer (settings) : NULL);
      j->count = tx_report_doc_get_count (doc);
      log_print (self, j);
    }
  g_clear_pointer (&self->print_doc, tx_report_doc_free);
}

static void
print_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  TxReportDoc *doc = tx_report_doc_new_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *export_filename = g_steal_pointer (&self->export_path);

  g_clear_object (&self->export_cancel);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  tx_reports_view_update_actions (self);
  if (doc == NULL)
    g_signal_emit (self, tx_reports_view_signals[TOAST], 0,
                   tx_gui_is_cancelled (error)
                     ? _("Printing cancelled; nothing was sent to the printer.") : error->message);
  else
    run_print (self, doc, export_filename);
  self->busy--;
}

/**
 * tx_reports_view_print:
 * @export_filename: (nullable): print into this PDF instead of asking
 *
 * Prints the chosen document (the month's visit log or registration forms)
 * through the print dialog, once it has been laid out on the store's thread
 * with a progress bar and Cancel. The view is busy until the dialog closes.
 */
void
tx_reports_view_print (TxReportsView *self,
                       const char    *export_filename)
{
  TxReportOptions o;

  if (self->export_cancel || !tx_report_kind_is_paged (tx_reports_view_chosen_kind (self)))
    return;
  tx_reports_view_chosen_options (self, &o);
  g_free (self->export_path);
  self->export_path = g_strdup (export_filename);
  self->export_cancel = g_cancellable_new ();
  self->busy++;
  gtk_progress_bar_set_text (self->progress_bar, _("Laying out the pages for printing…"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), TRUE);
  self->pulse_id = g_timeout_add (100, pulse_cb, self->progress_bar);
  tx_reports_view_update_actions (self);
  tx_report_doc_new_async (self->service, tx_reports_view_chosen_kind (self), &o, self->export_cancel, print_done_cb,
                           g_object_ref (self));
}

void
tx_reports_view_print_action (GtkWidget  *widget,
                              const char *name,
                              GVariant   *param)
{
  tx_reports_view_print (TX_REPORTS_VIEW (widget), NULL);
}

/* What the export log calls a report, in words */
static const char *
what_label (const char *what)
{
  static const struct { const char *code, *label; } whats[] = {
    { "visit_log", N_("Monthly visit log") }, { "visit_log_print", N_("Monthly visit log, printed") },
    { "ledger", N_("Ledger") }, { "key_care_ledger", N_("Key-care ledger") },
    { "left_ledger", N_("Ledger of children who left the register") },
    { "forms", N_("Registration forms") }, { "forms_print", N_("Registration forms, printed") },
    { "blank_form", N_("Blank registration form") }, { "statistics", N_("Statistics") },
    { "overdue_list", N_("Children overdue for a home visit") }, { "urgent_list", N_("Urgent cases open") },
    { "comparison", N_("Comparison with the departments' lists") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    if (g_strcmp0 (whats[i].code, what) == 0)
      return _(whats[i].label);
  return what;
}

/* An entry of the export log in words: when, who, how many of what, where */
static char *
export_subtitle (const TxExport *e)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (e->at, NULL);
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gboolean printed = e->what && g_str_has_suffix (e->what, "_print");

  g_ptr_array_add (parts, local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (e->at));
  /* Translators: who made an export, in the history of exports and prints */
  g_ptr_array_add (parts, e->who && *e->who ? g_strdup_printf (_("by %s"), e->who)
                                            : g_strdup (_("maker not recorded")));
  if (g_strcmp0 (e->what, "blank_form") == 0)
    ;
  else if (e->what && g_str_has_prefix (e->what, "visit_log"))
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit", "%u visits", e->children),
                                             e->children));
  else if (g_strcmp0 (e->what, "urgent_list") == 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u urgent case", "%u urgent cases",
                                                          e->children), e->children));
  else if (g_strcmp0 (e->what, "comparison") == 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings",
                                                          e->children), e->children));
  else
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child", "%u children", e->children),
                                             e->children));
  if (e->detail && *e->detail)
    /* Translators: where an export went: a file, or (printed) a printer */
    g_ptr_array_add (parts, g_strdup_printf (printed ? _("printer %s") : _("file %s"), e->detail));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}

/**
 * tx_reports_view_show_log:
 *
 * Shows the exports and prints made at this workstation, the newest first:
 * who, when, what and how many children.
 *
 * Returns: (transfer none) (nullable): the dialog, shown
 */
GtkWidget *
tx_reports_view_show_log (TxReportsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = tx_store_export_log (self->store, 500, &error);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog, *list;

  if (log == NULL)
    {
      g_signal_emit (self, tx_reports_view_signals[TOAST], 0, error->message);
      return NULL;
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Exports and Prints Made"),
                                   log->len == 0 ? _("Nothing has been exported or printed here yet.") : NULL);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Exports and prints, the newest first"), -1);
  for (guint i = 0; i < log->len; i++)
    {
      TxExport *e = log->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = export_subtitle (e);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), what_label (e->what));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (log->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 480);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  else
    g_object_ref_sink (list), g_object_unref (list);
  g_object_set_data (G_OBJECT (dialog), "log", list);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
tx_reports_view_log_action (GtkWidget  *widget,
                            const char *name,
                            GVariant   *param)
{
  tx_reports_view_show_log (TX_REPORTS_VIEW (widget));
}
