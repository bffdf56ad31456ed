/* tx-station-row.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_STATION_ROW (tx_station_row_get_type ())

G_DECLARE_FINAL_TYPE (TxStationRow, tx_station_row, TX, STATION_ROW, AdwActionRow)

GtkWidget  *tx_station_row_new            (const TxStation *station);
const char *tx_station_row_get_station_id (TxStationRow    *self);
const char *tx_station_row_get_name       (TxStationRow    *self);

G_END_DECLS
