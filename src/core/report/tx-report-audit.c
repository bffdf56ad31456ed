/* tx-report-audit.c — the audit trail on paper: the entries a filter
 * chose, as a paged list like the visit log
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header names the unit and station, the period and filters (as the
 * window says them), and the mark who printed it and when; each row is an
 * entry: its number, local time, the person and what was done, in the
 * language of the user interface, newest first.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "tx-report-audit.h"
#include "tx-store-accounts.h"
#include "tx-report-private.h"
#include "tx-store-audit-list.h"

static const TxListColumn audit_columns[] = {
  { N_("No."), 50, TX_LIST_COLUMN_SHORT, 0 }, { N_("Time"), 90, TX_LIST_COLUMN_SHORT, 0 },
  { N_("Person"), 90, TX_LIST_COLUMN_SHORT, 120 }, { N_("What was done"), 539.89, TX_LIST_COLUMN_TEXT, 0 },
  { NULL, 0, 0, 0 }
};

/**
 * tx_audit_list_new:
 * @query: (nullable): which entries; %NULL for the whole trail
 * @filters: (nullable): the period and filters in words, for the header
 *
 * Reads the entries and makes the list's rows; lay it out with
 * tx_audit_list_paginate() or write it with tx_paged_list_write_pdf().
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with @error set
 */
TxPagedList *
tx_audit_list_new (TxStore             *store,
                   const TxAuditQuery  *query,
                   const char          *filters,
                   GError             **error)
{
  g_autoptr(GPtrArray) entries = tx_store_audit_list (store, query, 0, 0, error);
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *station = tx_store_get_setting (store, TX_SETTING_STATION_NAME);
  TxPagedList *list;

  if (entries == NULL)
    return NULL;
  /* the station's own name, when it says more than the unit */
  if (station && *station && !g_str_equal (station, unit))
    {
      char *both = g_strdup_printf ("%s · %s", unit, station);
      g_free (unit);
      unit = both;
    }
  list = tx_paged_list_new_plain (store, audit_columns, "audit",
                                  /* Translators: the title of the printed audit trail: the unit and station */
                                  g_strdup_printf (_("%s · audit trail"), unit),
                                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry.", "%u entries.",
                                                                entries->len), entries->len));
  tx_paged_list_add_heading (list, filters && *filters ? filters : _("The whole audit trail"));
  for (guint i = 0; i < entries->len; i++)
    {
      TxAuditEntry *e = entries->pdata[i];
      char *cells[4];

      cells[0] = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
      cells[1] = tx_audit_entry_local_time (e);
      cells[2] = g_strdup (e->person && *e->person ? e->person : "—");
      cells[3] = tx_audit_entry_describe (store, e);
      tx_paged_list_add_row (list, cells, G_N_ELEMENTS (cells));
    }
  tx_paged_list_end (list, _("No entry of the audit trail matches the filters."));
  return list;
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

/**
 * tx_audit_list_paginate:
 *
 * Lays @list out as the printer will have it, on a PDF surface whose
 * unhinted metrics are a printer's, for tx_paged_list_draw_page().
 *
 * Returns: %FALSE when @cancellable was cancelled meanwhile
 */
gboolean
tx_audit_list_paginate (TxPagedList   *list,
                        GCancellable  *cancellable,
                        GError       **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, TX_PAGED_LIST_PAGE_WIDTH,
                                                                  TX_PAGED_LIST_PAGE_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint pages = tx_paged_list_paginate (list, cr, cancellable);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return pages > 0 || !g_cancellable_set_error_if_cancelled (cancellable, error);
}

typedef struct {
  TxAuditQuery *query;
  char         *filters;
} AuditJob;

static void
audit_job_free (AuditJob *job)
{
  tx_audit_query_free (job->query);
  g_free (job->filters);
  g_free (job);
}

static gpointer
audit_list_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  AuditJob *job = data;
  g_autoptr(TxPagedList) list = NULL;

  if (!tx_store_require (store, TX_PERMISSION_AUDIT, error) ||
      !(list = tx_audit_list_new (store, job->query, job->filters, error)) ||
      !tx_audit_list_paginate (list, cancellable, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * tx_audit_list_new_async:
 * @query: (nullable): which entries
 * @filters: (nullable): the period and filters in words, for the header
 *
 * Reads and lays out the printed trail on the service's thread.
 */
void
tx_audit_list_new_async (TxStoreService      *service,
                         const TxAuditQuery  *query,
                         const char          *filters,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  AuditJob *job = g_new0 (AuditJob, 1);

  job->query = tx_audit_query_copy (query);
  job->filters = g_strdup (filters);
  tx_store_service_run_async (service, audit_list_job, job, (GDestroyNotify) audit_job_free,
                              (GDestroyNotify) tx_paged_list_free, cancellable, callback, user_data);
}

/**
 * tx_audit_list_new_finish:
 *
 * Returns: (transfer full) (nullable): the list, laid out, or %NULL with
 *   @error set
 */
TxPagedList *
tx_audit_list_new_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}
