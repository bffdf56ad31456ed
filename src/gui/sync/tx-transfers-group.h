/* tx-transfers-group.h — the transfers of children between townships of the county
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_TRANSFERS_GROUP (tx_transfers_group_get_type ())

G_DECLARE_FINAL_TYPE (TxTransfersGroup, tx_transfers_group, TX, TRANSFERS_GROUP, AdwBin)

void        tx_transfers_group_set_store    (TxTransfersGroup *self,
                                             TxStore          *store,
                                             TxStoreService   *service);
void        tx_transfers_group_refresh      (TxTransfersGroup *self);
GtkWidget  *tx_transfers_group_ask_refusal  (TxTransfersGroup *self,
                                             GtkWidget        *button);
gboolean    tx_transfers_group_is_busy      (TxTransfersGroup *self);
GtkListBox *tx_transfers_group_get_list     (TxTransfersGroup *self,
                                             const char       *which);

G_END_DECLS
