/* tx-accounts-page.h — Preferences → Accounts: the people who may open the
 * store, their roles and villages, their passwords
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_ACCOUNTS_PAGE (tx_accounts_page_get_type ())

G_DECLARE_FINAL_TYPE (TxAccountsPage, tx_accounts_page, TX, ACCOUNTS_PAGE, AdwPreferencesPage)

TxAccountsPage *tx_accounts_page_new       (TxStore          *store,
                                            TxStoreService   *service);
gboolean        tx_accounts_page_is_busy   (TxAccountsPage   *self);
GtkWidget      *tx_accounts_page_get_row   (TxAccountsPage   *self,
                                            const char       *name);
GtkWidget      *tx_accounts_page_get_widget (TxAccountsPage  *self,
                                             const char      *name);
GtkWidget      *tx_accounts_dialog_find    (AdwMessageDialog *dialog,
                                            const char       *name);

G_END_DECLS
