/* tx-sync-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_SYNC_VIEW (tx_sync_view_get_type ())

G_DECLARE_FINAL_TYPE (TxSyncView, tx_sync_view, TX, SYNC_VIEW, AdwBin)

void         tx_sync_view_set_store      (TxSyncView     *self,
                                          TxStore        *store,
                                          TxStoreService *service);
void         tx_sync_view_refresh        (TxSyncView     *self);
void         tx_sync_view_import_file    (TxSyncView     *self,
                                          GFile          *file);
void         tx_sync_view_export_to      (TxSyncView     *self,
                                          const char     *station,
                                          GFile          *file);
void         tx_sync_view_trust_file     (TxSyncView     *self,
                                          GFile          *file,
                                          const char     *fingerprint);
void         tx_sync_view_save_identity  (TxSyncView     *self,
                                          GFile          *file);
gboolean     tx_sync_view_is_busy        (TxSyncView     *self);
const char  *tx_sync_view_get_result     (TxSyncView     *self,
                                          const char     *which);
const char  *tx_sync_view_get_guide      (TxSyncView     *self);
GtkListBox  *tx_sync_view_get_list       (TxSyncView     *self,
                                          const char     *which);
struct _TxTransfersGroup *tx_sync_view_get_transfers (TxSyncView *self);

G_END_DECLS
