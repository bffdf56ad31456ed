/* tx-backup-task.h — a backup made on a thread of its own, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-core.h"

G_BEGIN_DECLS

GAsyncResult *tx_backup_task_run      (const char          *store_path,
                                       const char *const   *folders,
                                       TxBackupFlags        flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
TxBackupInfo *tx_backup_task_finish   (GAsyncResult        *result,
                                       GError             **error);
double        tx_backup_task_progress (GAsyncResult        *result);
gboolean      tx_backup_task_running  (void);

/* Emits "tx-backup-made" (no arguments) on the main thread after every backup made
 * in this process, for the pages and the status line to read again */
GObject      *tx_backup_task_notifier (void);
void          tx_backup_task_notify   (void);

G_END_DECLS
