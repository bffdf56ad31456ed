/* tx-store-service-accounts.h — the window's calls for the people who may
 * open the store
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store-service.h"
#include "tx-store-accounts.h"

G_BEGIN_DECLS

typedef enum {
  TX_ACCOUNT_CHANGE_ADD,         /* name, role, villages, password (the first) */
  TX_ACCOUNT_CHANGE_UPDATE,      /* name, role, villages */
  TX_ACCOUNT_CHANGE_PASSWORD,    /* name, password (a reset, or one's own) */
  TX_ACCOUNT_CHANGE_DEACTIVATE,  /* name */
  TX_ACCOUNT_CHANGE_ACTIVATE,    /* name, password (a new one) */
} TxAccountChangeKind;

typedef struct {
  TxAccountChangeKind  kind;
  char                *name;
  TxRole               role;
  GStrv                villages;
  char                *password;   /* wiped when freed */
} TxAccountChange;

TxAccountChange *tx_account_change_new  (TxAccountChangeKind  kind,
                                         const char          *name);
void             tx_account_change_free (TxAccountChange     *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAccountChange, tx_account_change_free)

/* the people of the store (TxAccount), by name */
void        tx_store_service_accounts_async         (TxStoreService      *self,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray  *tx_store_service_accounts_finish        (TxStoreService      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

/* a person added, changed, given a password, deactivated or activated
 * again; the error says why not (and what to do) */
void        tx_store_service_change_account_async   (TxStoreService      *self,
                                                     TxAccountChange     *change,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean    tx_store_service_change_account_finish  (TxStoreService      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

char       *tx_store_plain_setting                  (const char          *path,
                                                     TxSetting            setting);
gboolean    tx_store_file_is_encrypted              (const char          *path);

G_END_DECLS
