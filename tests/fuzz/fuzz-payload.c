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

/* A visit's line read without json-glib must read as json-glib reads it */
static void
check_visit_line (const char *line,
                  gsize       len)
{
  static JsonParser *parser;
  TxSyncLine *parsed;
  const char *const *visit;

  if (parser == NULL)
    parser = json_parser_new_immutable ();
  parsed = tx_sync_line_parse (parser, line, len);
  visit = tx_sync_line_visit (parsed);
  if (visit)
    {
      JsonObject *o;
      JsonArray *r;

      g_assert (json_parser_load_from_data (parser, line, len, NULL));
      o = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (o, "t"), ==, "visit");
      g_assert_cmpstr (json_object_get_string_member (o, "id"), ==, visit[0]);
      r = json_object_get_array_member (o, "r");
      g_assert_cmpuint (json_array_get_length (r), ==, TX_SYNC_VISIT_VALUES - 1);
      for (guint i = 1; i < TX_SYNC_VISIT_VALUES; i++)
        {
          JsonNode *n = json_array_get_element (r, i - 1);
          g_assert (JSON_NODE_HOLDS_NULL (n) == (visit[i] == NULL));
          if (visit[i])
            g_assert_cmpstr (json_node_get_string (n), ==, visit[i]);
        }
    }
  tx_sync_line_free (parsed);
}

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
  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n')
      {
        check_visit_line ((const char *) data + start, i - start);
        if (ok)
          {
            ok = tx_sync_apply_line (apply, (const char *) data + start, i - start, &error);
            g_assert (ok == (error == NULL));
          }
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
