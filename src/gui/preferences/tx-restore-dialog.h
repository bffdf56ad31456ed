/* tx-restore-dialog.h — the backups listed, previewed and restored
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_RESTORE_DIALOG (tx_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TxRestoreDialog, tx_restore_dialog, TX, RESTORE_DIALOG, AdwWindow)

TxRestoreDialog  *tx_restore_dialog_new       (GtkWindow       *parent,
                                               TxStore         *store);
GtkWidget        *tx_restore_dialog_get_row   (TxRestoreDialog *self,
                                               guint            i);
AdwMessageDialog *tx_restore_dialog_preview   (TxRestoreDialog *self,
                                               const char      *path);
AdwMessageDialog *tx_restore_dialog_ask       (TxRestoreDialog *self,
                                               const char      *path);
gboolean          tx_restore_dialog_is_loading (TxRestoreDialog *self);
gboolean          tx_restore_dialog_child_matches (const TxBackupChild *c,
                                                   const char          *search);

G_END_DECLS
