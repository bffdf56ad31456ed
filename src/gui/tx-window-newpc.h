/* tx-window-newpc.h — a new PC set up from a backup (tx-window-newpc.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-window.h"

G_BEGIN_DECLS

void     tx_window_backup_restored (TxWindow   *self,
                                    const char *notice);
gboolean tx_window_refuse_backup   (TxWindow   *self,
                                    const char *path);

G_END_DECLS
