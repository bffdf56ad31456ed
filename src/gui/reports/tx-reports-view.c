/* tx-reports-view.c — pick a report and see it
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows that choose a report, and its preview: a paged report (the
 * monthly visit log, the registration forms) is read, laid out and a page
 * drawn into an image on the store service's thread (kept there between
 * pages, tx_report_preview_page_async()), and shown as a texture; only the
 * latest request's page is shown. A ledger is not previewed: its children
 * are counted. Exporting, printing and the export log are in
 * tx-reports-view-export.c.
 */

#define G_LOG_DOMAIN "tx-reports-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-reports-view-private.h"

#define PREVIEW_SCALE 1.5
#define N_MONTHS      24

G_DEFINE_FINAL_TYPE (TxReportsView, tx_reports_view, ADW_TYPE_BIN)

guint tx_reports_view_signals[N_SIGNALS];

TxReportKind
tx_reports_view_chosen_kind (TxReportsView *self)
{
  return (TxReportKind) adw_combo_row_get_selected (self->report_row);
}

void
tx_reports_view_chosen_month (TxReportsView *self,
                              guint         *year,
                              guint         *month)
{
  guint i = adw_combo_row_get_selected (self->month_row);
  guint ym = i < self->months->len ? g_array_index (self->months, guint, i) : 0;

  *year = ym / 100;
  *month = ym % 100;
}

/* The staff member whose visits the log holds, or %NULL for everyone's */
static const char *
chosen_staff (TxReportsView *self)
{
  guint i = adw_combo_row_get_selected (self->staff_row);
  GListModel *model = adw_combo_row_get_model (self->staff_row);

  if (model == NULL || i == 0 || i == GTK_INVALID_LIST_POSITION || i >= g_list_model_get_n_items (model))
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (model), i);
}

static const char *
chosen_village (TxReportsView *self)
{
  guint i = adw_combo_row_get_selected (self->village_row);

  return self->villages && i < self->villages->len ? self->villages->pdata[i] : NULL;
}

static TxReportRecords
chosen_records (TxReportsView *self)
{
  guint i = adw_combo_row_get_selected (self->records_row);

  return i <= TX_REPORT_RECORDS_LEFT ? (TxReportRecords) i : TX_REPORT_RECORDS_REGISTERED;
}

static gboolean
is_ledger (TxReportKind kind)
{
  return kind == TX_REPORT_LEDGER || kind == TX_REPORT_KEY_CARE_LEDGER;
}

/* What the rows choose: the strings stay the rows' */
void
tx_reports_view_chosen_options (TxReportsView   *self,
                                TxReportOptions *o)
{
  *o = (TxReportOptions) { 0 };
  tx_reports_view_chosen_month (self, &o->year, &o->month);
  o->division = chosen_village (self);
  o->visitor = chosen_staff (self);
  o->records = chosen_records (self);
}

/* Preview */

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxReportPage) j = tx_report_preview_page_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  gtk_spinner_stop (self->preview_spinner);
  if (j == NULL)
    {
      g_signal_emit (self, tx_reports_view_signals[TOAST], 0, error->message);
      return;
    }
  {
    g_autoptr(GdkTexture) texture = gdk_memory_texture_new (j->width, j->height, GDK_MEMORY_DEFAULT, j->pixels,
                                                            j->stride);
    g_autofree char *label = g_strdup_printf (_("Page %u of %u"), j->page, j->n_pages);
    TxReportKind kind = tx_reports_view_chosen_kind (self);
    g_autofree char *about = kind == TX_REPORT_VISIT_LOG
      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u visit on %u pages, by village and date, with the "
                                      "month's summary and the signature lines.",
                                      "%u visits on %u pages, by village and date, with the "
                                      "month's summary and the signature lines.",
                                      j->count), j->count, j->n_pages)
      : kind == TX_REPORT_BLANK_FORM
      ? g_strdup (_("The blank registration form, to fill in on a visit."))
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The registration form of %u key-care child, from a new page each, "
                                      "for the paper file.",
                                      "The registration forms of %u key-care children, from a new page each, "
                                      "for the paper file.", j->count), j->count);

    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
    gtk_label_set_text (self->page_label, label);
    gtk_label_set_text (self->about_label, about);
    self->page = j->page;
    self->n_pages = j->n_pages;
  }
  tx_reports_view_update_actions (self);
}

/* The ledger is not previewed: how many children it holds is counted on
 * the store's thread (a county's filter reads every child) */
static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxReportsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = tx_report_count_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *count = NULL, *about = NULL;
  const char *scope;

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (n < 0)
    {
      gtk_label_set_text (self->about_label, error->message);
      return;
    }
  switch (chosen_records (self))
    {
    case TX_REPORT_RECORDS_ALL:
      scope = _("Every record on the register: drafts and children not (yet) eligible too; "
                "the Status column says which.");
      break;
    case TX_REPORT_RECORDS_LEFT:
      scope = _("The children who left the register, with the day, the reason, who recorded it and the "
                "note; their records as they were.");
      break;
    case TX_REPORT_RECORDS_INCOMPLETE:
      scope = _("Only drafts and incomplete records.");
      break;
    case TX_REPORT_RECORDS_INELIGIBLE:
      scope = _("Only children not (yet) eligible.");
      break;
    case TX_REPORT_RECORDS_REGISTERED:
    default:
      scope = _("The children on the register today: complete records of eligible children within the age "
                "limits. Drafts, children not (yet) eligible and those who left are under “Which children”.");
      break;
    }
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%lld child, one row each: a number, the status, the age today and every "
                                        "field of the form. Export it to open it in a spreadsheet.",
                                        "%lld children, one row each: a number, the status, the age today and every "
                                        "field of the form. Export it to open it in a spreadsheet.",
                                        n), (long long) n);
  about = g_strconcat (scope, "\n", count, NULL);
  gtk_label_set_text (self->about_label, about);
}

static void
show_preview (TxReportsView *self)
{
  TxReportKind kind = tx_reports_view_chosen_kind (self);
  GCancellable *cancellable;
  TxReportOptions o;

  if (self->service == NULL)
    return;
  /* hidden, it lays out nothing: a county's month of visits takes the
   * store's thread for seconds, and the roster's searches wait behind it */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  /* a county's month takes a while to lay out: a newer choice stops it */
  cancellable = tx_gui_renew_cancellable (&self->preview_cancellable);
  if (kind == TX_REPORT_STATISTICS)
    {
      gtk_label_set_text (self->about_label, _("The month in numbers, per village and in total, with a chart: "
                                               "the children on the register at the month's end by category, "
                                               "age and gender, schooling, permits, health and insurance, "
                                               "guardianship and key care; the visits; and the children who "
                                               "left the register in the month, by reason. No names."));
      gtk_picture_set_paintable (self->preview, NULL);
      gtk_label_set_text (self->page_label, "");
      self->n_pages = 0;
      tx_reports_view_update_actions (self);
      return;
    }
  tx_reports_view_chosen_options (self, &o);
  if (!tx_report_kind_is_paged (kind))
    {
      gtk_picture_set_paintable (self->preview, NULL);
      gtk_label_set_text (self->page_label, "");
      self->n_pages = 0;
      tx_reports_view_update_actions (self);
      self->busy++;
      tx_report_count_async (self->service, kind, &o, cancellable, count_done_cb, g_object_ref (self));
      return;
    }
  self->busy++;
  gtk_spinner_start (self->preview_spinner);
  tx_report_preview_page_async (self->service, self->laid_out, kind, &o, MAX (self->page, 1), PREVIEW_SCALE,
                                cancellable, preview_done_cb, g_object_ref (self));
}

static void
params_changed_cb (TxReportsView *self)
{
  self->page = 1;
  show_preview (self);
}

static void
page_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);

  if (g_str_equal (name, "reports.next-page") && self->page < self->n_pages)
    self->page++;
  else if (g_str_equal (name, "reports.previous-page") && self->page > 1)
    self->page--;
  else
    return;
  show_preview (self);
}

void
tx_reports_view_update_actions (TxReportsView *self)
{
  TxReportKind kind = tx_reports_view_chosen_kind (self);
  gboolean exporting = self->export_cancel != NULL;
  gboolean log = kind == TX_REPORT_VISIT_LOG;
  gboolean paged = tx_report_kind_is_paged (kind);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", !exporting && self->service);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.print", !exporting && paged && self->service);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel", exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.previous-page", paged && self->page > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.next-page", paged && self->page < self->n_pages);
  gtk_widget_set_sensitive (GTK_WIDGET (self->month_row), log || kind == TX_REPORT_STATISTICS);
  gtk_widget_set_sensitive (GTK_WIDGET (self->staff_row), log);
  gtk_widget_set_sensitive (GTK_WIDGET (self->records_row), is_ledger (kind));
  gtk_widget_set_sensitive (GTK_WIDGET (self->village_row), kind != TX_REPORT_BLANK_FORM && kind != TX_REPORT_STATISTICS);
}

/* A list item of a combo row's popup: the whole name, wrapped if it must
 * be, and a check mark on the one chosen */
static void
whole_name_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
whole_name_check_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected (row) == gtk_list_item_get_position (item) ? 1 : 0);
}

static void
whole_name_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    AdwComboRow              *row)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (name));
  g_signal_connect (row, "notify::selected", G_CALLBACK (whole_name_check_cb), item);
  whole_name_check_cb (row, NULL, item);
}

static void
whole_name_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      AdwComboRow              *row)
{
  g_signal_handlers_disconnect_by_func (row, whole_name_check_cb, item);
}

/* The name chosen, on the row itself: whole too, wrapped if it must be */
static void
chosen_name_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      gpointer                  data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_list_item_set_child (item, label);
}

static void
chosen_name_bind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

static void
show_whole_names (AdwComboRow *row)
{
  g_autoptr(GtkListItemFactory) chosen = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list = gtk_signal_list_item_factory_new ();

  g_signal_connect (chosen, "setup", G_CALLBACK (chosen_name_setup_cb), NULL);
  g_signal_connect (chosen, "bind", G_CALLBACK (chosen_name_bind_cb), NULL);
  adw_combo_row_set_factory (row, chosen);
  g_signal_connect (list, "setup", G_CALLBACK (whole_name_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (whole_name_bind_cb), row);
  g_signal_connect (list, "unbind", G_CALLBACK (whole_name_unbind_cb), row);
  adw_combo_row_set_list_factory (row, list);
}

static GListModel *
strings (const char *const *items)
{
  return G_LIST_MODEL (gtk_string_list_new (items));
}

static void
tx_reports_view_map (GtkWidget *widget)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);

  GTK_WIDGET_CLASS (tx_reports_view_parent_class)->map (widget);
  if (self->stale)
    show_preview (self);
}

static void
tx_reports_view_unmap (GtkWidget *widget)
{
  TxReportsView *self = TX_REPORTS_VIEW (widget);

  /* a preview still being laid out is stopped, and made again when shown
   * (a finished one is kept on the store's thread and only drawn again) */
  g_cancellable_cancel (self->preview_cancellable);
  self->stale = TRUE;
  GTK_WIDGET_CLASS (tx_reports_view_parent_class)->unmap (widget);
}

static void
tx_reports_view_dispose (GObject *object)
{
  TxReportsView *self = TX_REPORTS_VIEW (object);

  if (self->export_cancel)
    g_cancellable_cancel (self->export_cancel);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_REPORTS_VIEW);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->print_doc, tx_report_doc_free);
  g_clear_pointer (&self->export_path, g_free);
  g_clear_pointer (&self->unlogged, g_ptr_array_unref);
  g_clear_pointer (&self->laid_out, tx_report_preview_unref);
  G_OBJECT_CLASS (tx_reports_view_parent_class)->dispose (object);
}

static void
tx_reports_view_class_init (TxReportsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_reports_view_dispose;
  widget_class->map = tx_reports_view_map;
  widget_class->unmap = tx_reports_view_unmap;

  tx_reports_view_signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-reports-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, report_row);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, month_row);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, village_row);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, staff_row);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, records_row);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, log_error_box);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, log_error_label);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, about_label);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, page_label);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, preview_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxReportsView, preview);
  gtk_widget_class_bind_template_callback (widget_class, params_changed_cb);

  gtk_widget_class_install_action (widget_class, "reports.export", NULL, tx_reports_view_export_action);
  gtk_widget_class_install_action (widget_class, "reports.print", NULL, tx_reports_view_print_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, tx_reports_view_cancel_action);
  gtk_widget_class_install_action (widget_class, "reports.log", NULL, tx_reports_view_log_action);
  gtk_widget_class_install_action (widget_class, "reports.record-again", NULL, tx_reports_view_record_again_action);
  gtk_widget_class_install_action (widget_class, "reports.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "reports.next-page", NULL, page_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "reports.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "reports.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "reports.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "reports.next-page", NULL);
}

static void
tx_reports_view_init (TxReportsView *self)
{
  self->unlogged = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_reports_view_print_log_free);
  const char *const kinds[] = { _("Monthly visit log (PDF)"), _("Ledger of migrant children (Excel)"),
                                _("Ledger of key-care children (Excel)"),
                                _("Registration forms of key-care children (PDF)"),
                                _("Blank registration form (PDF)"), _("Statistics of the month (Excel)"), NULL };
  const char *const records[] = { _("On the register"), _("All records, with their status"),
                                  _("Drafts and incomplete records"), _("Not (yet) eligible"),
                                  _("Left the register, with the reason"), NULL };
  g_autoptr(GtkStringList) months = gtk_string_list_new (NULL);
  GDate d;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->laid_out = tx_report_preview_new ();
  self->months = g_array_new (FALSE, FALSE, sizeof (guint));
  self->page = 1;

  g_signal_handlers_block_by_func (self->report_row, params_changed_cb, self);
  g_signal_handlers_block_by_func (self->month_row, params_changed_cb, self);
  g_signal_handlers_block_by_func (self->records_row, params_changed_cb, self);
  adw_combo_row_set_model (self->report_row, strings (kinds));
  adw_combo_row_set_model (self->records_row, strings (records));
  /* the lists show whole names, however long */
  show_whole_names (self->report_row);
  show_whole_names (self->month_row);
  show_whole_names (self->staff_row);
  show_whole_names (self->village_row);
  show_whole_names (self->records_row);
  /* this month and the two years before it */
  tx_date_today (&d);
  g_date_set_day (&d, 1);
  for (guint i = 0; i < N_MONTHS; i++)
    {
      guint ym = g_date_get_year (&d) * 100 + g_date_get_month (&d);
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d), 1, 0, 0, 0);
      /* Translators: a month in the reports' list, as g_date_time_format() writes it */
      g_autofree char *label = g_date_time_format (dt, _("%B %Y"));

      g_array_append_val (self->months, ym);
      gtk_string_list_append (months, label);
      g_date_subtract_months (&d, 1);
    }
  adw_combo_row_set_model (self->month_row, G_LIST_MODEL (months));
  g_signal_handlers_unblock_by_func (self->report_row, params_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->month_row, params_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->records_row, params_changed_cb, self);
  tx_reports_view_update_actions (self);
}

/* Whoever visited in the last two years, as the months offered; the one
 * chosen stays chosen */
static void
load_staff (TxReportsView *self)
{
  g_autoptr(GtkStringList) staff = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) visitors = NULL;
  g_autofree char *since = NULL;
  g_autofree char *chosen = g_strdup (chosen_staff (self));
  guint selected = 0;
  GDate d;

  tx_date_today (&d);
  g_date_subtract_months (&d, N_MONTHS);
  since = tx_date_format (&d);
  visitors = tx_store_visitors (self->store, since, NULL);
  gtk_string_list_append (staff, _("All staff"));
  for (guint i = 0; visitors && i < visitors->len; i++)
    {
      gtk_string_list_append (staff, visitors->pdata[i]);
      if (g_strcmp0 (chosen, visitors->pdata[i]) == 0)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (self->staff_row, params_changed_cb, self);
  adw_combo_row_set_model (self->staff_row, G_LIST_MODEL (staff));
  adw_combo_row_set_selected (self->staff_row, selected);
  g_signal_handlers_unblock_by_func (self->staff_row, params_changed_cb, self);
}

/* A visit recorded, a child saved, an import, another program: the preview
 * is laid out again (when shown) and the staff list read again */
static void
store_changed_cb (TxReportsView *self,
                  guint          what)
{
  if (!(what & (TX_STORE_CHANGE_CHILDREN | TX_STORE_CHANGE_VISITS | TX_STORE_CHANGE_SETTINGS)))
    return;
  tx_report_preview_invalidate (self->laid_out);
  if (what & TX_STORE_CHANGE_VISITS)
    load_staff (self);
  show_preview (self);
}

void
tx_reports_view_set_store (TxReportsView  *self,
                           TxStore        *store,
                           TxStoreService *service)
{
  g_autoptr(GtkStringList) villages = NULL;

  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_signal_connect_object (tx_store_get_monitor (store), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  if (self->villages == NULL)
    self->villages = g_ptr_array_new_with_free_func (g_free);
  villages = tx_gui_village_filter (store, self->villages);
  g_signal_handlers_block_by_func (self->village_row, params_changed_cb, self);
  adw_combo_row_set_model (self->village_row, G_LIST_MODEL (villages));
  adw_combo_row_set_selected (self->village_row, 0);
  g_signal_handlers_unblock_by_func (self->village_row, params_changed_cb, self);
  load_staff (self);
  tx_reports_view_update_actions (self);
  show_preview (self);
}

/**
 * tx_reports_view_choose:
 *
 * Picks a report and a month, as the rows do.
 */
void
tx_reports_view_choose (TxReportsView *self,
                        TxReportKind   kind,
                        guint          year,
                        guint          month)
{
  for (guint i = 0; i < self->months->len; i++)
    if (g_array_index (self->months, guint, i) == year * 100 + month)
      adw_combo_row_set_selected (self->month_row, i);
  adw_combo_row_set_selected (self->report_row, kind);
  params_changed_cb (self);
}

gboolean
tx_reports_view_is_busy (TxReportsView *self)
{
  return self->busy > 0;
}

guint
tx_reports_view_get_n_pages (TxReportsView *self)
{
  return self->n_pages;
}

GtkWidget *
tx_reports_view_get_preview (TxReportsView *self)
{
  return GTK_WIDGET (self->preview);
}

/* For tests: a widget of the template, by its id */
GtkWidget *
tx_reports_view_get_widget (TxReportsView *self,
                            const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_REPORTS_VIEW, name));
}
