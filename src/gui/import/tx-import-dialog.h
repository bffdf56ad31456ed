/* tx-import-dialog.h — the window's way to bring an existing ledger in
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_IMPORT_DIALOG (tx_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TxImportDialog, tx_import_dialog, TX, IMPORT_DIALOG, AdwWindow)

TxImportDialog *tx_import_dialog_new        (GtkWindow      *parent,
                                             TxStoreService *service);
void            tx_import_dialog_choose     (TxImportDialog *self);
void            tx_import_dialog_open_file  (TxImportDialog *self,
                                             GFile          *file);

G_END_DECLS
