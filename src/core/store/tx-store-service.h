/* tx-store-service.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-store.h"

G_BEGIN_DECLS

/**
 * TxStoreJobFunc:
 * @store: the service's own store, used only on its worker thread
 *
 * Work done on the worker thread.
 *
 * Returns: (nullable): the result handed to the callback
 */
typedef gpointer (*TxStoreJobFunc) (TxStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

#define TX_TYPE_STORE_SERVICE (tx_store_service_get_type ())

G_DECLARE_FINAL_TYPE (TxStoreService, tx_store_service, TX, STORE_SERVICE, GObject)

TxStoreService *tx_store_service_new        (const char          *path,
                                             GError             **error);
void            tx_store_service_run_async  (TxStoreService      *self,
                                             TxStoreJobFunc       func,
                                             gpointer             data,
                                             GDestroyNotify       data_destroy,
                                             GDestroyNotify       result_destroy,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer        tx_store_service_run_finish (TxStoreService      *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void            tx_store_service_wait_idle  (TxStoreService      *self);

/* Reports */

void            tx_store_service_log_export_async  (TxStoreService      *self,
                                                    const char          *what,
                                                    const char          *detail,
                                                    guint                count,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        tx_store_service_log_export_finish (TxStoreService      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
