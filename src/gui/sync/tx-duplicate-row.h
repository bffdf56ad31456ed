/* tx-duplicate-row.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_DUPLICATE_ROW (tx_duplicate_row_get_type ())

G_DECLARE_FINAL_TYPE (TxDuplicateRow, tx_duplicate_row, TX, DUPLICATE_ROW, AdwActionRow)

GtkWidget  *tx_duplicate_row_new              (const TxDuplicate *duplicate);
gint64      tx_duplicate_row_get_duplicate_id (TxDuplicateRow    *self);

G_END_DECLS
