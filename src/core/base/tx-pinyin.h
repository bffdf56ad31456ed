/* tx-pinyin.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *tx_pinyin_of          (gunichar    c,
                                   gboolean    as_surname);
char       *tx_pinyin_spelled     (const char *name);
char       *tx_pinyin_sort_key    (const char *name);
char       *tx_pinyin_initials    (const char *name);

G_END_DECLS
