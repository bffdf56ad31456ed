/* tx-compare.h — the comparison of departments' lists with the register
 * (tx-compare.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-record.h"
#include "tx-store-lists.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

gint64    tx_compare_run                (TxStore               *store,
                                         const char            *division,
                                         const gint64          *lists,
                                         guint                  n_lists,
                                         GFileProgressCallback  progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         GError               **error);
/* The same on the store service's thread, for the window */
void      tx_compare_run_async          (TxStoreService        *service,
                                         const char            *division,
                                         const gint64          *lists,
                                         guint                  n_lists,
                                         int                   *progress,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data);
gint64    tx_compare_run_finish         (TxStoreService        *service,
                                         GAsyncResult          *result,
                                         GError               **error);
char     *tx_compare_round_to_json      (TxStore               *store,
                                         gint64                 round,
                                         GError               **error);
TxRecord *tx_compare_entry_record       (TxStore               *store,
                                         gint64                 list,
                                         guint                  row,
                                         GError               **error);
char     *tx_compare_value_text         (const char            *key,
                                         const char            *value);
char     *tx_compare_differences_text   (const char            *differences);

G_END_DECLS
