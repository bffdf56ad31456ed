/* tx-intake-service.c — ledgers opened, planned, imported and undone on the
 * store service's thread
 *
 * The window's import dialog calls these, never the store or the file on
 * its own thread: opening a workbook reads its zip directory, a dry run
 * reads every row and looks each child up, and an import writes them all
 * in one transaction. Progress is told as tx_bundle_import_async() tells
 * it, in thousandths through an int the caller keeps and reads.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-intake"

#include "config.h"

#include <string.h>

#include "tx-idcard.h"
#include "tx-intake-service.h"

void
tx_intake_opened_free (TxIntakeOpened *opened)
{
  if (opened == NULL)
    return;
  g_clear_pointer (&opened->source, tx_intake_source_free);
  g_strfreev (opened->sheets);
  g_strfreev (opened->samples);
  g_free (opened);
}

/* A request: what the job reads, kept by the caller until its callback
 * (the source, the plan) or by the request (the path) */
typedef struct {
  char           *path;
  int             sheet;
  TxIntakeSource *source;
  TxImportPlan   *plan;
  gint64          batch;
  int            *progress;
} Request;

static void
request_free (Request *r)
{
  g_free (r->path);
  g_free (r);
}

static void
progress_cb (goffset  current,
             goffset  total,
             gpointer data)
{
  Request *r = data;

  if (r->progress && total > 0)
    g_atomic_int_set (r->progress, (int) (current * 1000 / total));
}

/* The first rows under the header, for the mapping page's subtitles */
typedef struct {
  const TxColumnMap *map;
  GPtrArray         *values;   /* by column: a GString */
  guint              rows;
} Samples;

#define N_SAMPLE_ROWS 3

static gboolean
sample_row (const TxSheetRow *row,
            TxRecord         *record,
            GPtrArray        *problems,
            gpointer          data)
{
  Samples *s = data;

  for (guint i = 0; i < s->map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (s->map->columns, i);
      const TxCell *cell = c->column < row->n_cells ? &row->cells[c->column] : NULL;
      g_autofree char *text = cell && cell->kind != TX_CELL_EMPTY ? g_strstrip (g_strdup (cell->text)) : NULL;
      GString *joined = s->values->pdata[i];
      gsize len = text ? strlen (text) : 0;

      if (len == 0)
        continue;
      /* an identity number shows as the roster shows it */
      if (len >= 15 && len <= 18 && strspn (text, "0123456789Xx") == len)
        {
          char *masked = tx_id_mask (text);

          g_free (text);
          text = masked;
        }
      if (joined->len)
        /* Chinese text is listed with the enumeration comma */
        g_string_append (joined, g_utf8_get_char (text) >= 0x2E80 ? "、" : ", ");
      g_string_append (joined, text);
    }
  return ++s->rows < N_SAMPLE_ROWS;
}

static GStrv
read_samples (TxIntakeSource  *source,
              GCancellable    *cancellable,
              GError         **error)
{
  const TxColumnsContext ctx = { 0 };
  g_autoptr(GStrvBuilder) out = g_strv_builder_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  Samples s = { tx_intake_source_get_map (source), values, 0 };
  gboolean ok;

  for (guint i = 0; i < s.map->columns->len; i++)
    g_ptr_array_add (values, g_string_new (NULL));
  ok = tx_intake_source_foreach (source, &ctx, sample_row, &s, NULL, NULL, cancellable, error);
  for (guint i = 0; i < values->len; i++)
    {
      g_strv_builder_add (out, ((GString *) values->pdata[i])->str);
      g_string_free (values->pdata[i], TRUE);
    }
  return ok ? g_strv_builder_end (out) : NULL;
}

static gpointer
open_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *r = data;
  g_autoptr(TxIntakeOpened) opened = g_new0 (TxIntakeOpened, 1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  TxWorkbook *book;

  if (!(opened->source = tx_intake_source_open (r->path, r->sheet, error)))
    return NULL;
  book = tx_intake_source_workbook (opened->source);
  for (guint s = 0; s < tx_workbook_n_sheets (book); s++)
    g_strv_builder_add (names, tx_workbook_sheet_name (book, s));
  opened->sheets = g_strv_builder_end (names);
  if (!(opened->samples = read_samples (opened->source, cancellable, error)))
    return NULL;
  return g_steal_pointer (&opened);
}

/**
 * tx_intake_open_async:
 * @sheet: the sheet's index, or -1 for the first sheet with a header
 *
 * Opens a ledger and finds its header and columns, as
 * tx_intake_source_open() does. The store is not read.
 */
void
tx_intake_open_async (TxStoreService      *service,
                      const char          *path,
                      int                  sheet,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);

  r->path = g_strdup (path);
  r->sheet = sheet;
  tx_store_service_run_async (service, open_job, r, (GDestroyNotify) request_free,
                              (GDestroyNotify) tx_intake_opened_free, cancellable, callback, user_data);
}

/**
 * tx_intake_open_finish:
 *
 * Returns: (transfer full) (nullable): the source, its sheets' names and
 *   a few values of each column from the first rows under the header, or %NULL with @error set: the message names the problem and the fix
 */
TxIntakeOpened *
tx_intake_open_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
plan_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *r = data;

  return tx_import_plan_new (store, r->source, progress_cb, r, cancellable, error);
}

/**
 * tx_import_plan_async:
 * @source: kept, and left alone, by the caller until the callback
 * @progress: (nullable): where the dry run says how far it is, in
 *   thousandths of the sheet read; the caller's, read with g_atomic_int_get()
 *
 * The dry run on the store service's thread, as tx_import_plan_new() does
 * it: reads the store, writes nothing.
 */
void
tx_import_plan_async (TxStoreService      *service,
                      TxIntakeSource      *source,
                      int                 *progress,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);

  r->source = source;
  r->progress = progress;
  tx_store_service_run_async (service, plan_job, r, (GDestroyNotify) request_free,
                              (GDestroyNotify) tx_import_plan_free, cancellable, callback, user_data);
}

/**
 * tx_import_plan_finish:
 *
 * Returns: (transfer full) (nullable): the plan, or %NULL with @error set
 */
TxImportPlan *
tx_import_plan_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
apply_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;
  g_autoptr(GPtrArray) batches = NULL;
  gint64 id = 0;

  if (!tx_import_plan_apply (store, r->plan, &id, progress_cb, r, cancellable, error))
    return NULL;
  if (id == 0)
    return g_new0 (TxImportBatch, 1);
  if (!(batches = tx_store_import_batches (store, error)))
    return NULL;
  for (guint i = 0; i < batches->len; i++)
    {
      TxImportBatch *b = batches->pdata[i];

      if (b->id == id)
        return g_ptr_array_steal_index (batches, i);
    }
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
               "import %" G_GINT64_FORMAT " is not in the store", id);
  return NULL;
}

/**
 * tx_import_apply_async:
 * @plan: the dry run, its rows chosen; kept, and left alone, by the caller
 *   until the callback
 * @progress: (nullable): as tx_import_plan_async()'s, in thousandths of
 *   the rows chosen
 *
 * Imports the rows chosen, all or none, as tx_import_plan_apply() does.
 * Cancelled, nothing is written.
 */
void
tx_import_apply_async (TxStoreService      *service,
                       TxImportPlan        *plan,
                       int                 *progress,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);

  r->plan = plan;
  r->progress = progress;
  tx_store_service_run_async (service, apply_job, r, (GDestroyNotify) request_free,
                              (GDestroyNotify) tx_import_batch_free, cancellable, callback, user_data);
}

/**
 * tx_import_apply_finish:
 *
 * Returns: (transfer full) (nullable): the import as the store keeps it
 *   (its id is 0 when no row was chosen: nothing was written), or %NULL
 *   with @error set
 */
TxImportBatch *
tx_import_apply_finish (TxStoreService  *service,
                        GAsyncResult    *result,
                        GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
undo_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *r = data;

  return tx_store_import_undo (store, r->batch, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_import_undo_async:
 *
 * Undoes an import, as tx_store_import_undo() does: refused, with the
 * reason, once one of its children has been edited.
 */
void
tx_import_undo_async (TxStoreService      *service,
                      gint64               batch,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);

  r->batch = batch;
  tx_store_service_run_async (service, undo_job, r, (GDestroyNotify) request_free, NULL, cancellable,
                              callback, user_data);
}

gboolean
tx_import_undo_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
batches_job (TxStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  return tx_store_import_batches (store, error);
}

/**
 * tx_import_batches_async:
 *
 * The imports made, the newest first.
 */
void
tx_import_batches_async (TxStoreService      *service,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  tx_store_service_run_async (service, batches_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref, cancellable,
                              callback, user_data);
}

/**
 * tx_import_batches_finish:
 *
 * Returns: (transfer full) (element-type TxImportBatch) (nullable): the
 *   imports, or %NULL with @error set
 */
GPtrArray *
tx_import_batches_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}
