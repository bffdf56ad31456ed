/* tx-lists-service.h — departments' lists and comparison rounds on the
 * store service's thread, for the window (tx-lists-service.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-compare.h"
#include "tx-lists.h"

G_BEGIN_DECLS

/* The lists kept and the rounds run, newest first */
typedef struct {
  GPtrArray *lists;   /* of TxDeptList */
  GPtrArray *rounds;  /* of TxCompareRound */
} TxListsState;

void tx_lists_state_free (TxListsState *state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxListsState, tx_lists_state_free)

/* A page of a round's findings, or of the open tasks: the first few, and
 * how many there are in all */
typedef struct {
  GPtrArray *items;   /* of TxCompareItem */
  guint      total;
} TxComparePage;

void tx_compare_page_free (TxComparePage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxComparePage, tx_compare_page_free)

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
void            tx_list_remove_async            (TxStoreService         *service,
                                                 gint64                  list,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
gboolean        tx_list_remove_finish           (TxStoreService         *service,
                                                 GAsyncResult           *result,
                                                 GError                **error);
void            tx_compare_items_async          (TxStoreService         *service,
                                                 gint64                  round,
                                                 int                     kind,
                                                 guint                   limit,
                                                 GCancellable           *cancellable,
                                                 GAsyncReadyCallback     callback,
                                                 gpointer                user_data);
TxComparePage  *tx_compare_items_finish         (TxStoreService         *service,
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
TxComparePage  *tx_compare_tasks_finish         (TxStoreService         *service,
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
