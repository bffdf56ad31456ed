/* tx-fuzz.h — what the fuzz targets share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-core.h"

TxStore *tx_fuzz_store (const char *name);
