/* tx-report-export.c — which report a kind means, and making it
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window and the command line ask for a report by its kind and what it
 * covers (TxReportOptions); this file alone decides which children, which
 * month and which writer that means. The paged reports are also laid out
 * here for the window's preview and printer (TxReportDoc), and the typed
 * calls at the end run all of it on the store service's thread.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <cairo-pdf.h>

#include "tx-date.h"
#include "tx-report-export.h"

/**
 * tx_report_kind_is_paged:
 *
 * Returns: whether @kind is laid out in pages (previewed and printed), not
 *   only written as a workbook
 */
gboolean
tx_report_kind_is_paged (TxReportKind kind)
{
  switch (kind)
    {
    case TX_REPORT_VISIT_LOG:
    case TX_REPORT_KEY_CARE_FORMS:
    case TX_REPORT_BLANK_FORM:
    case TX_REPORT_FORMS:
    case TX_REPORT_OVERDUE_LIST:
    case TX_REPORT_URGENT_LIST:
      return TRUE;
    case TX_REPORT_LEDGER:
    case TX_REPORT_KEY_CARE_LEDGER:
    case TX_REPORT_STATISTICS:
    default:
      return FALSE;
    }
}

static char *
today_iso (void)
{
  GDate today;

  tx_date_today (&today);
  return tx_date_format (&today);
}

/* The roster's query for a ledger: @today_iso is kept by the caller */
static void
ledger_query (TxChildQuery          *q,
              TxReportKind           kind,
              const TxReportOptions *options,
              const char            *today)
{
  *q = options->filters ? *options->filters : (TxChildQuery) { 0 };
  q->division = options->division;
  q->key_care_only = kind == TX_REPORT_KEY_CARE_LEDGER;
  if (options->records == TX_REPORT_RECORDS_REGISTERED)
    q->registered_on = today;
  if (options->records == TX_REPORT_RECORDS_INCOMPLETE)
    q->incomplete_only = TRUE;
  if (options->records == TX_REPORT_RECORDS_INELIGIBLE)
    q->ineligible_only = TRUE;
  if (options->records == TX_REPORT_RECORDS_LEFT)
    q->register_filter = TX_REGISTER_FILTER_LEFT;
}

/* Which children's forms: %NULL for the blank form */
static const TxChildQuery *
forms_query (TxChildQuery          *q,
             TxReportKind           kind,
             const TxReportOptions *options)
{
  if (kind == TX_REPORT_BLANK_FORM)
    return NULL;
  *q = (TxChildQuery) { .division = options->division, .key_care_only = kind == TX_REPORT_KEY_CARE_FORMS };
  return q;
}

/* The lists: the month's visits, the overdue children, the urgent cases */
static TxPagedList *
paged_list_new (TxStore                *store,
                TxReportKind            kind,
                const TxReportOptions  *options,
                GError                **error)
{
  if (kind == TX_REPORT_URGENT_LIST)
    return tx_urgent_list_new (store, error);
  if (kind == TX_REPORT_OVERDUE_LIST)
    return tx_overdue_list_new (store, options->division, error);
  return tx_visit_log_new (store, options->year, options->month, options->division, options->visitor, error);
}

/* Writes @list (taken) as a workbook; %FALSE with @error set if it is %NULL */
static gboolean
write_list_xlsx (TxStore      *store,
                 TxPagedList  *list,
                 const char   *path,
                 guint        *n,
                 GError      **error)
{
  g_autoptr(TxPagedList) owned = list;

  if (list == NULL)
    return FALSE;
  *n = tx_paged_list_get_n_rows (list);
  return tx_paged_list_write_xlsx (list, store, path, error);
}

/**
 * tx_report_export:
 * @kind: the report
 * @options: what it covers, and PDF or Excel
 * @path: the file to write; replaced only once it is complete
 * @n: (out): how many visits, rows or children it holds
 *
 * Writes a report, and its line in the export log.
 */
gboolean
tx_report_export (TxStore                *store,
                  TxReportKind            kind,
                  const TxReportOptions  *options,
                  const char             *path,
                  guint                  *n,
                  GCancellable           *cancellable,
                  GError                **error)
{
  gboolean xlsx = options->format == TX_REPORT_FORMAT_XLSX;
  gboolean pdf = options->format == TX_REPORT_FORMAT_PDF;
  TxChildQuery q;
  guint dummy = 0;

  if (n == NULL)
    n = &dummy;
  switch (kind)
    {
    case TX_REPORT_VISIT_LOG:
      if (xlsx)
        return write_list_xlsx (store, paged_list_new (store, kind, options, error), path, n, error);
      return tx_report_visit_log_pdf (store, options->year, options->month, options->division, options->visitor,
                                      path, n, cancellable, error);

    case TX_REPORT_OVERDUE_LIST:
    case TX_REPORT_URGENT_LIST:
      if (xlsx)
        return write_list_xlsx (store, paged_list_new (store, kind, options, error), path, n, error);
      {
        g_autoptr(TxPagedList) list = paged_list_new (store, kind, options, error);
        gboolean ok = list && tx_paged_list_write_pdf (list, store, path, cancellable, error);

        *n = list ? tx_paged_list_get_n_rows (list) : 0;
        return ok;
      }

    case TX_REPORT_LEDGER:
    case TX_REPORT_KEY_CARE_LEDGER:
      {
        g_autofree char *today = today_iso ();

        g_return_val_if_fail (!pdf, FALSE);
        ledger_query (&q, kind, options, today);
        return tx_report_ledger_xlsx (store, kind == TX_REPORT_KEY_CARE_LEDGER ? TX_LEDGER_KEY_CARE : TX_LEDGER_ALL,
                                      &q, path, n, cancellable, error);
      }

    case TX_REPORT_KEY_CARE_FORMS:
    case TX_REPORT_BLANK_FORM:
    case TX_REPORT_FORMS:
      g_return_val_if_fail (!xlsx, FALSE);
      return tx_report_forms_pdf (store, kind == TX_REPORT_FORMS ? options->child_id : NULL,
                                  forms_query (&q, kind, options), path, n, cancellable, error);

    case TX_REPORT_STATISTICS:
      {
        /* a period, or else the month chosen */
        g_autofree char *from = options->from ? g_strdup (options->from)
                                              : g_strdup_printf ("%04u-%02u-01", options->year, options->month);
        g_autofree char *to = options->to ? g_strdup (options->to)
                                          : g_strdup_printf ("%04u-%02u-%02u", options->year, options->month,
                                                             g_date_get_days_in_month (options->month,
                                                                                       options->year));

        if (pdf)
          return tx_report_stats_pdf (store, from, to, path, n, cancellable, error);
        return tx_report_stats_xlsx (store, from, to, path, n, cancellable, error);
      }

    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Paged reports */

struct _TxReportDoc {
  TxReportKind  kind;
  TxPagedList  *list;
  TxFormsDoc   *forms;
};

void
tx_report_doc_free (TxReportDoc *doc)
{
  if (doc == NULL)
    return;
  g_clear_pointer (&doc->list, tx_paged_list_free);
  g_clear_pointer (&doc->forms, tx_forms_doc_free);
  g_free (doc);
}

void
tx_report_doc_get_page_size (TxReportDoc *doc,
                             double      *width,
                             double      *height)
{
  *width = doc->list ? TX_PAGED_LIST_PAGE_WIDTH : TX_FORMS_PAGE_WIDTH;
  *height = doc->list ? TX_PAGED_LIST_PAGE_HEIGHT : TX_FORMS_PAGE_HEIGHT;
}

static guint
doc_paginate (TxReportDoc  *doc,
              cairo_t      *cr,
              GCancellable *cancellable)
{
  return doc->list ? tx_paged_list_paginate (doc->list, cr, cancellable)
                   : tx_forms_doc_paginate (doc->forms, cr, cancellable);
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/* Lays @doc out as the exported PDF and the printer will have it: on a PDF
 * surface, whose unhinted metrics are the same as the printer's vector
 * output, so that the preview, the file and the paper break pages alike.
 * Returns %FALSE when cancelled. */
static gboolean
doc_paginate_as_printed (TxReportDoc   *doc,
                         GCancellable  *cancellable,
                         GError       **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;
  guint pages;

  tx_report_doc_get_page_size (doc, &w, &h);
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, w, h);
  cr = cairo_create (surface);
  pages = doc_paginate (doc, cr, cancellable);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return pages > 0 || !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * tx_report_doc_new:
 * @kind: a paged report (tx_report_kind_is_paged())
 *
 * Reads the report and lays it out as it is printed. Slow for a county:
 * call it on the store service's thread (tx_report_doc_new_async()).
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
TxReportDoc *
tx_report_doc_new (TxStore                *store,
                   TxReportKind            kind,
                   const TxReportOptions  *options,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(TxReportDoc) doc = g_new0 (TxReportDoc, 1);
  TxChildQuery q;

  g_return_val_if_fail (tx_report_kind_is_paged (kind), NULL);
  doc->kind = kind;
  if (kind == TX_REPORT_VISIT_LOG || kind == TX_REPORT_OVERDUE_LIST || kind == TX_REPORT_URGENT_LIST)
    doc->list = paged_list_new (store, kind, options, error);
  else
    doc->forms = tx_forms_doc_new (store, kind == TX_REPORT_FORMS ? options->child_id : NULL,
                                   forms_query (&q, kind, options), NULL, error);
  if (doc->list == NULL && doc->forms == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !doc_paginate_as_printed (doc, cancellable, error))
    return NULL;
  return g_steal_pointer (&doc);
}

TxReportKind
tx_report_doc_get_kind (TxReportDoc *doc)
{
  return doc->kind;
}

/* The lists are on landscape pages, the forms on portrait ones */
gboolean
tx_report_doc_is_landscape (TxReportDoc *doc)
{
  return doc->list != NULL;
}

guint
tx_report_doc_get_n_pages (TxReportDoc *doc)
{
  return doc->list ? tx_paged_list_get_n_pages (doc->list) : tx_forms_doc_get_n_pages (doc->forms);
}

/* How many visits or rows a list holds, how many children's forms */
guint
tx_report_doc_get_count (TxReportDoc *doc)
{
  return doc->list ? tx_paged_list_get_n_rows (doc->list) : tx_forms_doc_get_n_children (doc->forms);
}

/* Draws @page (from 1) at its size in points */
void
tx_report_doc_draw_page (TxReportDoc *doc,
                         cairo_t     *cr,
                         guint        page)
{
  if (doc->list)
    tx_paged_list_draw_page (doc->list, cr, page);
  else
    tx_forms_doc_draw_page (doc->forms, cr, page);
}

void
tx_report_page_free (TxReportPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->pixels, g_bytes_unref);
  g_free (page);
}

/* Draws @page of @doc into an image @scale times its size in points */
static TxReportPage *
doc_draw_image (TxReportDoc *doc,
                guint        page,
                double       scale)
{
  TxReportPage *pp = g_new0 (TxReportPage, 1);
  cairo_surface_t *surface;
  cairo_t *cr;
  double w, h;

  pp->n_pages = tx_report_doc_get_n_pages (doc);
  pp->count = tx_report_doc_get_count (doc);
  pp->page = CLAMP (page, 1, pp->n_pages);
  tx_report_doc_get_page_size (doc, &w, &h);
  pp->width = w * scale;
  pp->height = h * scale;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pp->width, pp->height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  tx_report_doc_draw_page (doc, cr, pp->page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pp->stride = cairo_image_surface_get_stride (surface);
  pp->pixels = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) pp->stride * pp->height);
  cairo_surface_destroy (surface);
  return pp;
}

/* The document a preview shows, used on the store service's thread only;
 * @stamp changes when the store's data does */
struct _TxReportPreview {
  char        *key;
  TxReportDoc *doc;
  gint         stamp;
};

static void
preview_clear (TxReportPreview *preview)
{
  g_clear_pointer (&preview->key, g_free);
  g_clear_pointer (&preview->doc, tx_report_doc_free);
}

TxReportPreview *
tx_report_preview_new (void)
{
  return g_rc_box_new0 (TxReportPreview);
}

TxReportPreview *
tx_report_preview_ref (TxReportPreview *preview)
{
  return g_rc_box_acquire (preview);
}

void
tx_report_preview_unref (TxReportPreview *preview)
{
  g_rc_box_release_full (preview, (GDestroyNotify) preview_clear);
}

/**
 * tx_report_preview_invalidate:
 *
 * Says the store's data changed: the next page asked for lays the report
 * out again. Called on the main thread.
 */
void
tx_report_preview_invalidate (TxReportPreview *preview)
{
  g_atomic_int_inc (&preview->stamp);
}

/* Reports */

/* The options of a request, kept until its work is done */
typedef struct {
  TxReportKind     kind;
  TxReportOptions  options;
  TxChildQuery    *filters;   /* options.filters, copied */
  GPtrArray       *strings;
  char            *path;
  guint            page;
  double           scale;
  gint             stamp;
  TxReportPreview *preview;
  guint            n;
} Request;

static const char *
keep (Request    *r,
      const char *s)
{
  if (s == NULL)
    return NULL;
  g_ptr_array_add (r->strings, g_strdup (s));
  return r->strings->pdata[r->strings->len - 1];
}

static void
request_free (Request *r)
{
  g_ptr_array_unref (r->strings);
  g_clear_pointer (&r->filters, tx_child_query_free);
  g_free (r->path);
  g_clear_pointer (&r->preview, tx_report_preview_unref);
  g_free (r);
}

static Request *
request_new (TxReportKind           kind,
             const TxReportOptions *options)
{
  Request *r = g_new0 (Request, 1);
  TxReportOptions *o = &r->options;

  r->kind = kind;
  r->strings = g_ptr_array_new_with_free_func (g_free);
  *o = *options;
  o->from = keep (r, options->from);
  o->to = keep (r, options->to);
  o->division = keep (r, options->division);
  o->visitor = keep (r, options->visitor);
  o->child_id = keep (r, options->child_id);
  if (options->filters)
    o->filters = r->filters = tx_child_query_copy (options->filters);
  return r;
}

static gpointer
export_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *r = data;

  if (!tx_report_export (store, r->kind, &r->options, r->path, &r->n, cancellable, error))
    return NULL;
  return g_memdup2 (&r->n, sizeof r->n);
}

/**
 * tx_report_export_async:
 *
 * Writes a report on the store service's thread, as tx_report_export()
 * does; a cancelled export leaves no file.
 */
void
tx_report_export_async (TxStoreService         *service,
                        TxReportKind            kind,
                        const TxReportOptions  *options,
                        const char             *path,
                        GCancellable           *cancellable,
                        GAsyncReadyCallback     callback,
                        gpointer                user_data)
{
  Request *r = request_new (kind, options);

  r->path = g_strdup (path);
  tx_store_service_run_async (service, export_job, r, (GDestroyNotify) request_free, g_free, cancellable,
                              callback, user_data);
}

/**
 * tx_report_export_finish:
 * @n: (out) (optional): how many visits, rows or children it holds
 *
 * Returns: whether the report was written
 */
gboolean
tx_report_export_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         guint           *n,
                         GError         **error)
{
  g_autofree guint *count = tx_store_service_run_finish (service, result, error);

  if (count && n)
    *n = *count;
  return count != NULL;
}

static gpointer
count_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;
  g_autofree char *today = today_iso ();
  TxChildQuery q;
  gint64 n;

  ledger_query (&q, r->kind, &r->options, today);
  if ((n = tx_store_child_count (store, &q, error)) < 0)
    return NULL;
  return g_memdup2 (&n, sizeof n);
}

/**
 * tx_report_count_async:
 * @kind: a ledger
 *
 * Counts the children the ledger would list, on the store service's
 * thread (a county's filter reads every child).
 */
void
tx_report_count_async (TxStoreService         *service,
                       TxReportKind            kind,
                       const TxReportOptions  *options,
                       GCancellable           *cancellable,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  tx_store_service_run_async (service, count_job, request_new (kind, options), (GDestroyNotify) request_free,
                              g_free, cancellable, callback, user_data);
}

/**
 * tx_report_count_finish:
 *
 * Returns: how many children, or -1 with @error set
 */
gint64
tx_report_count_finish (TxStoreService  *service,
                        GAsyncResult    *result,
                        GError         **error)
{
  g_autofree gint64 *n = tx_store_service_run_finish (service, result, error);

  return n ? *n : -1;
}

static gpointer
doc_job (TxStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Request *r = data;

  return tx_report_doc_new (store, r->kind, &r->options, cancellable, error);
}

/**
 * tx_report_doc_new_async:
 *
 * Reads and lays out a paged report on the store service's thread, as
 * tx_report_doc_new() does (the key-care forms of a county are thousands
 * of pages).
 */
void
tx_report_doc_new_async (TxStoreService         *service,
                         TxReportKind            kind,
                         const TxReportOptions  *options,
                         GCancellable           *cancellable,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  tx_store_service_run_async (service, doc_job, request_new (kind, options), (GDestroyNotify) request_free,
                              (GDestroyNotify) tx_report_doc_free, cancellable, callback, user_data);
}

/**
 * tx_report_doc_new_finish:
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
TxReportDoc *
tx_report_doc_new_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
preview_job (TxStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *r = data;
  TxReportPreview *preview = r->preview;
  const TxReportOptions *o = &r->options;
  g_autofree char *key = g_strdup_printf ("%d-%u-%u-%s-%s-%s-%d", r->kind, o->year, o->month,
                                          o->division ? o->division : "", o->visitor ? o->visitor : "",
                                          o->child_id ? o->child_id : "", r->stamp);

  if (preview->doc == NULL || g_strcmp0 (preview->key, key) != 0)
    {
      preview_clear (preview);
      preview->doc = tx_report_doc_new (store, r->kind, o, cancellable, error);
      if (preview->doc == NULL)
        return NULL;
      preview->key = g_steal_pointer (&key);
    }
  return doc_draw_image (preview->doc, r->page, r->scale);
}

/**
 * tx_report_preview_page_async:
 * @preview: the report laid out for the pages before; kept until the work is done
 * @page: the page, from 1 (the last one if beyond it)
 * @scale: the image's pixels to a point
 *
 * Draws a page of a paged report into an image, on the store service's
 * thread. The report is read and laid out only when it is not the one
 * @preview holds, or the store's data changed since.
 */
void
tx_report_preview_page_async (TxStoreService         *service,
                              TxReportPreview        *preview,
                              TxReportKind            kind,
                              const TxReportOptions  *options,
                              guint                   page,
                              double                  scale,
                              GCancellable           *cancellable,
                              GAsyncReadyCallback     callback,
                              gpointer                user_data)
{
  Request *r = request_new (kind, options);

  r->preview = tx_report_preview_ref (preview);
  r->stamp = g_atomic_int_get (&preview->stamp);
  r->page = page;
  r->scale = scale;
  tx_store_service_run_async (service, preview_job, r, (GDestroyNotify) request_free,
                              (GDestroyNotify) tx_report_page_free, cancellable, callback, user_data);
}

/**
 * tx_report_preview_page_finish:
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with @error set
 */
TxReportPage *
tx_report_preview_page_finish (TxStoreService  *service,
                               GAsyncResult    *result,
                               GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}
