/* tx-lists-service.c — departments' lists and comparison rounds on the
 * store service's thread, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each call is a job on the service's thread that completes on the main
 * thread. A list's import and a round's run are tx_list_import_async()
 * (tx-lists.c) and tx_compare_run_async() (tx-compare.c).
 */

#define G_LOG_DOMAIN "tx-lists-service"

#include "config.h"

#include "tx-lists-service.h"

typedef struct {
  char           *text;      /* the path, or a child's id */
  gint64          id;        /* a list, a round or an item */
  guint           row;
  int             kind;
  gboolean        same;
  guint           limit;
} Request;

static void
request_free (Request *r)
{
  g_free (r->text);
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
 * tx_compare_page_free:
 */
void
tx_compare_page_free (TxComparePage *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
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
items_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Request *r = data;
  g_autoptr(TxComparePage) p = g_new0 (TxComparePage, 1);

  if (!(p->items = tx_store_compare_items_page (store, r->id, r->kind, 0, r->limit, &p->total, error)))
    return NULL;
  return g_steal_pointer (&p);
}

/**
 * tx_compare_items_async:
 * @kind: a #TxCompareKind, or -1 for all
 * @limit: at most this many, 0 for all
 *
 * Reads a round's first findings of a kind, in the order the round found
 * them, and how many it has.
 */
void
tx_compare_items_async (TxStoreService      *service,
                        gint64               round,
                        int                  kind,
                        guint                limit,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Request *r = request_new (round, NULL);

  r->kind = kind;
  r->limit = limit;
  run (service, items_job, r, (GDestroyNotify) tx_compare_page_free, cancellable, callback, user_data);
}

/**
 * tx_compare_items_finish:
 *
 * Returns: (transfer full): the findings and their number, or %NULL with
 *   @error set
 */
TxComparePage *
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
  g_autoptr(TxComparePage) t = g_new0 (TxComparePage, 1);

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
  run (service, tasks_job, r, (GDestroyNotify) tx_compare_page_free, cancellable, callback, user_data);
}

/**
 * tx_compare_tasks_finish:
 *
 * Returns: (transfer full): the first tasks and their number, or %NULL
 *   with @error set
 */
TxComparePage *
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
