/* tx-conflict-row.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_CONFLICT_ROW (tx_conflict_row_get_type ())

G_DECLARE_FINAL_TYPE (TxConflictRow, tx_conflict_row, TX, CONFLICT_ROW, AdwActionRow)

GtkWidget  *tx_conflict_row_new             (const TxConflict *conflict);
gint64      tx_conflict_row_get_conflict_id (TxConflictRow    *self);

G_END_DECLS
