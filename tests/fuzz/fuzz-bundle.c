/* fuzz-bundle.c — the bundle reader against any bytes
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target (meson -Dfuzzing=true, with clang): the bytes are a
 * bundle file, inspected (which parses the header of any bundle, trusted
 * or not) and imported by a station that trusts the station whose key
 * signed the corpus's bundles. Built without libFuzzer it replays the files
 * given on the command line, or every file of the folders given: the test
 * suite runs it over tests/fuzz/bundle-corpus.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>

#include "tx-core.h"
#include "tx-fuzz.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static TxStore *store;
  static char *path;
  g_autoptr(TxBundleInfo) info = NULL;
  g_autoptr(TxBundleInfo) imported = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;

  if (store == NULL)
    {
      store = tx_fuzz_store ("bundle");
      path = g_build_filename (g_get_tmp_dir (), "tongxing-fuzz-input.txb", NULL);
    }
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;
  info = tx_bundle_inspect (store, path, NULL, &error);
  g_assert ((info == NULL) == (error != NULL));
  imported = tx_bundle_import (store, path, NULL, &error2);
  g_assert ((imported == NULL) == (error2 != NULL));
  g_unlink (path);
  return 0;
}
