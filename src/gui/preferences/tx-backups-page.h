/* tx-backups-page.h — Preferences → Backups
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_BACKUPS_PAGE (tx_backups_page_get_type ())

G_DECLARE_FINAL_TYPE (TxBackupsPage, tx_backups_page, TX, BACKUPS_PAGE, AdwPreferencesPage)

TxBackupsPage *tx_backups_page_new        (TxStore        *store,
                                           TxStoreService *service);
gboolean       tx_backups_page_is_busy    (TxBackupsPage  *self);
void           tx_backups_page_set_second_place (TxBackupsPage *self,
                                                 const char    *folder);
GtkWidget     *tx_backups_page_get_widget (TxBackupsPage  *self,
                                           const char     *name);

G_END_DECLS
