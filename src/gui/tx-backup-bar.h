/* tx-backup-bar.h — the window's automatic backups and their status line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_BACKUP_BAR (tx_backup_bar_get_type ())

G_DECLARE_FINAL_TYPE (TxBackupBar, tx_backup_bar, TX, BACKUP_BAR, AdwBin)

void        tx_backup_bar_set_store     (TxBackupBar *self,
                                         TxStore     *store);
void        tx_backup_bar_refresh       (TxBackupBar *self);
gboolean    tx_backup_bar_tick          (TxBackupBar *self);
gboolean    tx_backup_bar_close_request (TxBackupBar *self,
                                         GtkWindow   *window);
gboolean    tx_backup_bar_is_busy       (TxBackupBar *self);
GtkWidget  *tx_backup_bar_get_label     (TxBackupBar *self);

G_END_DECLS
