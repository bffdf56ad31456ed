/* fuzz-xls.c — the spreadsheet reader against any bytes, from an Excel 97-2003 workbook (OLE2, BIFF)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (meson -Dfuzzing=true, with clang): the bytes are
 * opened as a workbook (its format found from them, whatever the corpus
 * it came from) and every row of every sheet is read. Built without
 * libFuzzer it replays the files given: the test suite runs it over
 * tests/fuzz/xls-corpus.
 */

#include "config.h"

#include "tx-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  tx_fuzz_sheets (data, size, "fuzz.xls");
  return 0;
}
