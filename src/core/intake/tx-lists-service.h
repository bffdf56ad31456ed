/* tx-lists-service.h — departments' lists and comparison rounds on the
 * store service's thread, for the window (tx-lists-service.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-compare.h"
#include "tx-lists.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

/* The lists kept and the rounds run, newest first */
typedef struct {
  GPtrArray *lists;   /* of TxDeptList */
  GPtrArray *rounds;  /* of TxCompareRound */
} TxListsState;

void tx_lists_state_free (TxListsState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxListsState, tx_lists_state_free)

/* The comparison's open tasks: the first few, and how many there are */
typedef struct {
  GPtrArray *items;   /* of TxCompareItem */
  guint      total;
} TxCompareTasks;

void tx_compare_tasks_free (TxCompareTasks *tasks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCompareTasks, tx_compare_tasks_free)

void            tx_lists_state_async            (TxStoreService         *service,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxListsState   *tx_lists_state_finish           (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_list_source_open_async       (TxStoreService         *service,
                                                 const char             *path,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxIntakeSource *tx_list_source_open_finish      (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_list_import_async            (TxStoreService         *service,
                                                 TxIntakeSource         *source,
                                                 TxDepartment            department,
                                                 const char             *name,
                                                 const char             *date,
                                                 int                    *progress,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxListImport   *tx_list_import_finish           (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_list_remove_async            (TxStoreService         *service,
                                                 gint64                  list,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean        tx_list_remove_finish           (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_run_async            (TxStoreService         *service,
                                                 const char             *division,
                                                 int                    *progress,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gint64          tx_compare_run_finish           (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_items_async          (TxStoreService         *service,
                                                 gint64                  round,
                                                 int                     kind,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
GPtrArray      *tx_compare_items_finish         (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_decide_async         (TxStoreService         *service,
                                                 gint64                  item,
                                                 gboolean                same,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean        tx_compare_decide_finish        (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_set_done_async       (TxStoreService         *service,
                                                 gint64                  item,
                                                 const char             *child_id,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean        tx_compare_set_done_finish      (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_tasks_async          (TxStoreService         *service,
                                                 guint                   limit,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxCompareTasks *tx_compare_tasks_finish         (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_entry_record_async   (TxStoreService         *service,
                                                 gint64                  list,
                                                 guint                   row,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxRecord       *tx_compare_entry_record_finish  (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);

G_END_DECLS
