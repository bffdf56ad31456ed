/* tx-pinyin-private.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#define TX_PINYIN_FIRST 0x3400
#define TX_PINYIN_LAST  0x9FFF

extern const char *const tx_pinyin_syllables[];
extern const guint16     tx_pinyin_table[];
