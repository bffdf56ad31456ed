/* tx-store-json.h — a roster row in the public JSON form
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-store.h"

G_BEGIN_DECLS

JsonNode  *tx_json_from_row       (const TxChildRow *row,
                                   const GDate      *today);

G_END_DECLS
