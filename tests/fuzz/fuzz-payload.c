/* fuzz-payload.c — the merge against any payload lines
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target: the bytes are the decrypted payload of a bundle (one
 * JSON record a line), applied by the merge in a transaction that is rolled
 * back. Built without libFuzzer it replays files, as fuzz-bundle does.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "tx-core.h"
#include "tx-fuzz.h"
#include "tx-store-private.h"
#include "tx-sync-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static TxStore *store;
  g_autoptr(TxSyncApply) apply = NULL;
  g_autoptr(GError) error = NULL;
  TxSyncCounts counts;
  gsize start = 0;
  gboolean ok = TRUE;

  if (store == NULL)
    store = tx_fuzz_store ("payload");
  if (!tx_store_begin (store, NULL))
    return 0;
  apply = tx_sync_apply_new (store, "00000000-0000-4000-8000-000000000001", "fuzz");
  for (gsize i = 0; ok && i < size; i++)
    if (data[i] == '\n')
      {
        ok = tx_sync_apply_line (apply, (const char *) data + start, i - start, &error);
        g_assert (ok == (error == NULL));
        start = i + 1;
      }
  if (ok)
    {
      ok = tx_sync_apply_finish (apply, &counts, &error);
      g_assert (ok == (error == NULL));
    }
  tx_store_rollback (store);
  return 0;
}
