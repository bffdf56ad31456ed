/* tx-list-import-dialog.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_LIST_IMPORT_DIALOG (tx_list_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TxListImportDialog, tx_list_import_dialog, TX, LIST_IMPORT_DIALOG, AdwWindow)

TxListImportDialog *tx_list_import_dialog_new       (GtkWindow          *parent,
                                                     TxStoreService     *service);
void                tx_list_import_dialog_open_file (TxListImportDialog *self,
                                                     GFile              *file);
GtkWidget          *tx_list_import_dialog_get_widget (TxListImportDialog *self,
                                                      const char         *name);

G_END_DECLS
