/* tx-sql.c — reads an encrypted store with one SELECT, for the tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is encrypted, so a test cannot read its tables with the
 * sqlite3 module. This tool logs in as $TONGXING_USER (tests/tx-test-login.h),
 * runs one read-only statement given on the command line and prints each
 * row as a JSON array, one a line (a blob in hex). A statement that would
 * write is refused.
 *
 *   tx-sql DATABASE "SELECT person, kind, child FROM audit ORDER BY seq"
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (argc != 3)
    {
      fprintf (stderr, "usage: %s DATABASE SELECT\n", argv[0]);
      return 2;
    }
  tx_core_init ();
  if (!(store = tx_test_open (argv[1], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (sqlite3_prepare_v2 (tx_store_get_db (store), argv[2], -1, &stmt, NULL) != SQLITE_OK ||
      !sqlite3_stmt_readonly (stmt))
    {
      fprintf (stderr, "not a read-only statement: %s\n", sqlite3_errmsg (tx_store_get_db (store)));
      sqlite3_finalize (stmt);
      return 2;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(JsonArray) row = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *text = NULL;

      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        switch (sqlite3_column_type (stmt, i))
          {
          case SQLITE_NULL:
            json_array_add_null_element (row);
            break;
          case SQLITE_INTEGER:
            json_array_add_int_element (row, sqlite3_column_int64 (stmt, i));
            break;
          case SQLITE_BLOB:
            {
              const guint8 *blob = sqlite3_column_blob (stmt, i);
              g_autoptr(GString) hex = g_string_new (NULL);

              for (int b = 0; b < sqlite3_column_bytes (stmt, i); b++)
                g_string_append_printf (hex, "%02x", blob[b]);
              json_array_add_string_element (row, hex->str);
            }
            break;
          default:
            json_array_add_string_element (row, (const char *) sqlite3_column_text (stmt, i));
            break;
          }
      json_node_set_array (node, row);
      text = json_to_string (node, FALSE);
      printf ("%s\n", text);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fprintf (stderr, "%s\n", sqlite3_errmsg (tx_store_get_db (store)));
      return 1;
    }
  return 0;
}
