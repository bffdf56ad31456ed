/* tx-sync-restore.h — exchange files after a station was restored from an older backup
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-bundle.h"

G_BEGIN_DECLS

gboolean tx_sync_restored_since    (TxStore          *store,
                                    const TxStation  *to,
                                    gint64           *restored,
                                    GError          **error);
gboolean tx_sync_restored_ack      (TxStore          *store,
                                    TxBundleInfo     *info,
                                    GError          **error);
gboolean tx_sync_restored_sender   (TxStore          *store,
                                    TxBundleInfo     *info,
                                    gboolean          behind,
                                    GError          **error);

G_END_DECLS
