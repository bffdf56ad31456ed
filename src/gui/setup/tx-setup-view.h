/* tx-setup-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_SETUP_VIEW (tx_setup_view_get_type ())

G_DECLARE_FINAL_TYPE (TxSetupView, tx_setup_view, TX, SETUP_VIEW, AdwBin)

/* Returns: (transfer full) (nullable): the backup's folder or store file */
typedef char *(*TxSetupChooserHook) (TxSetupView *self,
                                     gpointer     data);

void  tx_setup_view_set_service       (TxSetupView    *self,
                                       TxStoreService *service);
void  tx_setup_view_set_path          (TxSetupView    *self,
                                       const char     *path);
char *tx_setup_view_take_recovery_key (TxSetupView    *self);

G_END_DECLS
