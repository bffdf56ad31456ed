/* tx-store-accounts.h — the people who may open the store, and what each may do
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *name;
  TxRole    role;
  GStrv     villages;     /* a director's village codes */
  gboolean  active;
  char     *created_at;
  char     *created_by;
  char     *changed_at;
  char     *changed_by;
  gboolean  has_password; /* a wrap in the key file */
} TxAccount;

void       tx_account_free  (TxAccount *account);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAccount, tx_account_free)

/* What a person's role allows beyond the children of their villages */
typedef enum
{
  TX_PERMISSION_ALL_CHILDREN,  /* every child of the station, not a director's villages only */
  TX_PERMISSION_ACCOUNTS,      /* add people, reset passwords, deactivate */
  TX_PERMISSION_EXPORT,        /* spreadsheets, PDFs, printing */
  TX_PERMISSION_IMPORT,        /* ledgers, department lists */
  TX_PERMISSION_SYNC,          /* exchange files, stations */
  TX_PERMISSION_SETTINGS,      /* the workstation, schedule, age limits */
  TX_PERMISSION_REVEAL,        /* full identity numbers (every reveal is audited) */
  TX_PERMISSION_AUDIT,         /* read and print the audit trail */
  TX_PERMISSION_DELETE,        /* delete a record, undo an import */
} TxPermission;

gboolean   tx_store_can              (TxStore       *self,
                                      TxPermission   permission);
gboolean   tx_store_require          (TxStore       *self,
                                      TxPermission   permission,
                                      GError       **error);
gboolean   tx_store_may_see_village  (TxStore       *self,
                                      const char    *village);

GPtrArray *tx_store_account_list     (TxStore       *self,
                                      GError       **error);
TxAccount *tx_store_account_get      (TxStore       *self,
                                      const char    *name,
                                      GError       **error);
gboolean   tx_store_account_add      (TxStore            *self,
                                      const char         *name,
                                      TxRole              role,
                                      const char *const  *villages,
                                      const char         *password,
                                      GError            **error);
gboolean   tx_store_account_update   (TxStore            *self,
                                      const char         *name,
                                      TxRole              role,
                                      const char *const  *villages,
                                      GError            **error);
gboolean   tx_store_account_set_password (TxStore     *self,
                                          const char  *name,
                                          const char  *password,
                                          GError     **error);
gboolean   tx_store_account_set_active (TxStore     *self,
                                        const char  *name,
                                        gboolean     active,
                                        const char  *password,
                                        GError     **error);

G_END_DECLS
