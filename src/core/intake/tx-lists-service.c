/* tx-lists-service.c — departments' lists and comparison rounds on the
 * store service's thread, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each call is a job on the service's thread that completes on the main
 * thread. An import and a comparison say how far they are in the caller's
 * int, in thousandths (g_atomic_int_get() it from a timeout, as the Sync
 * view does for a bundle); the int must outlive the call. Cancelled, they
 * leave the store as it was: each writes in one transaction.
 */

#define G_LOG_DOMAIN "tx-lists-service"

#include "config.h"

#include "tx-lists-service.h"

typedef struct {
  TxIntakeSource *source;
  TxDepartment    department;
  char           *text;      /* the path, the list's name or the division */
  char           *date;
  int            *progress;  /* the caller's */
  gint64          id;        /* a list, a round or an item */
  guint           row;
  int             kind;
  gboolean        same;
  guint           limit;
} Request;

static void
request_free (Request *r)
{
  g_clear_pointer (&r->source, tx_intake_source_free);
  g_free (r->text);
  g_free (r->date);
  g_free (r);
}

static Request *
request_new (gint64      id,
             const char *text)
{
  Request *r = g_new0 (Request, 1);

  r->id = id;
  r->text = g_strdup (text);
  return r;
}

static void
run (TxStoreService      *service,
     TxStoreJobFunc       job,
     Request             *r,
     GDestroyNotify       result_free,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  tx_store_service_run_async (service, job, r, (GDestroyNotify) request_free, result_free, cancellable,
                              callback, user_data);
}

/* GFileProgressCallback: thousandths in the caller's int */
static void
progress_cb (goffset  current,
             goffset  total,
             gpointer data)
{
  if (data && total > 0)
    g_atomic_int_set ((int *) data, (int) MIN (1000, current * 1000 / total));
}

static gpointer
boxed_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/**
 * tx_lists_state_free:
 */
void
tx_lists_state_free (TxListsState *state)
{
  g_clear_pointer (&state->lists, g_ptr_array_unref);
  g_clear_pointer (&state->rounds, g_ptr_array_unref);
  g_free (state);
}

/**
 * tx_compare_tasks_free:
 */
void
tx_compare_tasks_free (TxCompareTasks *tasks)
{
  g_clear_pointer (&tasks->items, g_ptr_array_unref);
  g_free (tasks);
}

static gpointer
state_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(TxListsState) s = g_new0 (TxListsState, 1);

  if (!(s->lists = tx_store_lists (store, error)) || !(s->rounds = tx_store_compare_rounds (store, error)))
    return NULL;
  return g_steal_pointer (&s);
}

/**
 * tx_lists_state_async:
 *
 * Reads the lists kept and the comparison rounds run.
 */
void
tx_lists_state_async (TxStoreService      *service,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  run (service, state_job, request_new (0, NULL), (GDestroyNotify) tx_lists_state_free, cancellable,
       callback, user_data);
}

/**
 * tx_lists_state_finish:
 *
 * Returns: (transfer full): the lists and the rounds, or %NULL with @error set
 */
TxListsState *
tx_lists_state_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
open_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *r = data;

  return tx_intake_source_open (r->text, -1, error);
}

/**
 * tx_list_source_open_async:
 * @path: an xlsx, xls or csv file
 *
 * Opens a list's file and finds its header and its columns' fields
 * (tx_intake_source_open() on the first sheet with a header), off the
 * main thread: a workbook is unpacked to be read.
 */
void
tx_list_source_open_async (TxStoreService      *service,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  run (service, open_job, request_new (0, path), (GDestroyNotify) tx_intake_source_free, cancellable,
       callback, user_data);
}

/**
 * tx_list_source_open_finish:
 *
 * Returns: (transfer full): the file opened, its columns mapped
 *   (tx_intake_source_get_map()), or %NULL with @error set
 */
TxIntakeSource *
tx_list_source_open_finish (TxStoreService  *service,
                            GAsyncResult    *result,
                            GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
import_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *r = data;

  return tx_list_import (store, r->source, r->department, r->text, r->date, progress_cb, r->progress,
                         cancellable, error);
}

/**
 * tx_list_import_async:
 * @source: (transfer full): the file, opened by tx_list_source_open_async()
 *   and mapped; the job owns it from now on
 * @name: (nullable): the list's name, the file's if %NULL
 * @date: (nullable): the list's date, ISO; today if %NULL
 * @progress: (nullable): where the import says how far it is, in
 *   thousandths; it must outlive the call
 * @cancellable: cancels the import: nothing is kept
 *
 * tx_list_import() on the service's thread.
 */
void
tx_list_import_async (TxStoreService      *service,
                      TxIntakeSource      *source,
                      TxDepartment         department,
                      const char          *name,
                      const char          *date,
                      int                 *progress,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Request *r = request_new (0, name);

  r->source = source;
  r->department = department;
  r->date = g_strdup (date);
  r->progress = progress;
  run (service, import_job, r, (GDestroyNotify) tx_list_import_free, cancellable, callback, user_data);
}

/**
 * tx_list_import_finish:
 *
 * Returns: (transfer full): what the import kept and refused, or %NULL
 *   with @error set
 */
TxListImport *
tx_list_import_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
remove_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *r = data;

  return tx_store_list_remove (store, r->id, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_list_remove_async:
 *
 * Removes a list and its entries; the rounds keep what they found.
 */
void
tx_list_remove_async (TxStoreService      *service,
                      gint64               list,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  run (service, remove_job, request_new (list, NULL), NULL, cancellable, callback, user_data);
}

/**
 * tx_list_remove_finish:
 *
 * Returns: whether the list was removed
 */
gboolean
tx_list_remove_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
compare_job (TxStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  Request *r = data;
  gint64 round = tx_compare_run (store, r->text, NULL, 0, progress_cb, r->progress, cancellable, error);

  return round > 0 ? boxed_id (round) : NULL;
}

/**
 * tx_compare_run_async:
 * @division: (nullable): the village, township or county compared; %NULL
 *   for the whole register
 * @progress: (nullable): where the round says how far it is, in
 *   thousandths; it must outlive the call
 * @cancellable: cancels the round: nothing is kept
 *
 * Runs a comparison round of every list kept, tx_compare_run() on the
 * service's thread.
 */
void
tx_compare_run_async (TxStoreService      *service,
                      const char          *division,
                      int                 *progress,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  Request *r = request_new (0, division);

  r->progress = progress;
  run (service, compare_job, r, g_free, cancellable, callback, user_data);
}

/**
 * tx_compare_run_finish:
 *
 * Returns: the new round's id, or 0 with @error set
 */
gint64
tx_compare_run_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  g_autofree gint64 *round = tx_store_service_run_finish (service, result, error);

  return round ? *round : 0;
}

static gpointer
items_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;

  return tx_store_compare_items (store, r->id, r->kind, error);
}

/**
 * tx_compare_items_async:
 * @kind: a #TxCompareKind, or -1 for all
 *
 * Reads a round's findings of a kind, in the order the round found them.
 */
void
tx_compare_items_async (TxStoreService      *service,
                        gint64               round,
                        int                  kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Request *r = request_new (round, NULL);

  r->kind = kind;
  run (service, items_job, r, (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * tx_compare_items_finish:
 *
 * Returns: (transfer full) (element-type TxCompareItem): the findings, or
 *   %NULL with @error set
 */
GPtrArray *
tx_compare_items_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
decide_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Request *r = data;

  return tx_store_compare_item_decide (store, r->id, r->same, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_compare_decide_async:
 * @item: a possible match
 * @same: whether the entry is the child matched
 *
 * A person's decision on a possible match.
 */
void
tx_compare_decide_async (TxStoreService      *service,
                         gint64               item,
                         gboolean             same,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Request *r = request_new (item, NULL);

  r->same = same;
  run (service, decide_job, r, NULL, cancellable, callback, user_data);
}

/**
 * tx_compare_decide_finish:
 *
 * Returns: whether the decision was kept
 */
gboolean
tx_compare_decide_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
done_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Request *r = data;

  return tx_store_compare_item_set_done (store, r->id, r->text, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_compare_set_done_async:
 * @child_id: (nullable): the child registered from an entry not registered
 *
 * Marks a finding's task done: the entry screened, the difference or the
 * child on no list checked.
 */
void
tx_compare_set_done_async (TxStoreService      *service,
                           gint64               item,
                           const char          *child_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  run (service, done_job, request_new (item, child_id), NULL, cancellable, callback, user_data);
}

/**
 * tx_compare_set_done_finish:
 *
 * Returns: whether the task was marked done
 */
gboolean
tx_compare_set_done_finish (TxStoreService  *service,
                            GAsyncResult    *result,
                            GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
tasks_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;
  g_autoptr(TxCompareTasks) t = g_new0 (TxCompareTasks, 1);

  if (!(t->items = tx_store_compare_tasks (store, r->limit, &t->total, error)))
    return NULL;
  return g_steal_pointer (&t);
}

/**
 * tx_compare_tasks_async:
 * @limit: at most this many, 0 for all
 *
 * Reads the open tasks of the latest round (tx_store_compare_tasks()).
 */
void
tx_compare_tasks_async (TxStoreService      *service,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Request *r = request_new (0, NULL);

  r->limit = limit;
  run (service, tasks_job, r, (GDestroyNotify) tx_compare_tasks_free, cancellable, callback, user_data);
}

/**
 * tx_compare_tasks_finish:
 *
 * Returns: (transfer full): the first tasks and their number, or %NULL
 *   with @error set
 */
TxCompareTasks *
tx_compare_tasks_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
entry_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;

  return tx_compare_entry_record (store, r->id, r->row, error);
}

/**
 * tx_compare_entry_record_async:
 * @list: the list
 * @row: the entry's row, as the sheet numbers it
 *
 * The record a list's entry gives, to open the form prefilled
 * (tx_compare_entry_record()).
 */
void
tx_compare_entry_record_async (TxStoreService      *service,
                               gint64               list,
                               guint                row,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Request *r = request_new (list, NULL);

  r->row = row;
  run (service, entry_job, r, (GDestroyNotify) tx_record_free, cancellable, callback, user_data);
}

/**
 * tx_compare_entry_record_finish:
 *
 * Returns: (transfer full): a new record (no id) with the entry's values,
 *   or %NULL with @error set
 */
TxRecord *
tx_compare_entry_record_finish (TxStoreService  *service,
                                GAsyncResult    *result,
                                GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}
