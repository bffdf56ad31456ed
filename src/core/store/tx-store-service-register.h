/* tx-store-service-register.h — the window's calls for a child's time on the register
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store-service.h"
#include "tx-store-register.h"

G_BEGIN_DECLS

typedef enum {
  TX_REGISTER_CHANGE_EXIT,      /* id: the child; reason, date, note */
  TX_REGISTER_CHANGE_REOPEN,    /* id: the child; note */
  TX_REGISTER_CHANGE_TRANSFER,  /* id: the child; township, date, note */
  TX_REGISTER_CHANGE_ACCEPT,    /* id: the transfer; note */
  TX_REGISTER_CHANGE_REFUSE,    /* id: the transfer; note (the reason) */
} TxRegisterChangeKind;

typedef struct {
  TxRegisterChangeKind  kind;
  char                 *id;
  char                 *reason;
  char                 *date;
  char                 *note;
  char                 *township;
} TxRegisterChange;

TxRegisterChange *tx_register_change_new  (TxRegisterChangeKind  kind,
                                           const char           *id);
void              tx_register_change_free (TxRegisterChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRegisterChange, tx_register_change_free)

/* an exit, a reopening, a transfer or the county's decision on one; the
 * error says why it cannot be done */
void        tx_store_service_change_register_async  (TxStoreService      *self,
                                                     TxRegisterChange    *change,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean    tx_store_service_change_register_finish (TxStoreService      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

GPtrArray  *tx_store_ageing_out_tell                (TxStore             *store,
                                                     const GDate         *today,
                                                     GError             **error);

/* what the window does when it starts: the children past the age limit
 * leave the register; the result lists (TxChildRow) those who aged out
 * since the window last told of them, and they count as told */
void        tx_store_service_ageing_out_async       (TxStoreService      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray  *tx_store_service_ageing_out_finish      (TxStoreService      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* the transfers known here (TxTransfer), in one state or all (%NULL) */
void        tx_store_service_transfers_async        (TxStoreService      *self,
                                                     const char          *state,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray  *tx_store_service_transfers_finish       (TxStoreService      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
