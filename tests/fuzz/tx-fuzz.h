/* tx-fuzz.h — what the fuzz targets share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdint.h>

#include "tx-core.h"
#include "tx-sheet.h"

TxStore *tx_fuzz_store (const char *name);

/* Opens the bytes as a workbook and reads every row of every sheet */
void tx_fuzz_sheets (const uint8_t *data,
                     size_t         size,
                     const char    *name);
