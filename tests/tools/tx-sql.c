/* tx-sql.c — SQL on an encrypted store, for the tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests read (and now and then write) a store's tables directly, as
 * they did with Python's sqlite3 module before the stores were encrypted:
 *
 *   tx-sql DB SQL [PARAM…]   one JSON array a row on stdout; parameters
 *                            bound as text (or null for "\N")
 *   tx-sql --digest DB       a SHA-256 of every table's rows except the
 *                            audit trail's, to check a refused command
 *                            changed nothing
 *
 * It logs in as the tests do (tests/tx-test-login.h). A backup's copy of a
 * store (tx_store_check_not_backup()) is read as the backups' own code
 * reads it: read-only and immutable, nothing written beside it.
 */

#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "tx-backup-private.h"
#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static JsonNode *
column_json (sqlite3_stmt *stmt,
             int           i)
{
  JsonNode *n = json_node_new (JSON_NODE_VALUE);

  switch (sqlite3_column_type (stmt, i))
    {
    case SQLITE_NULL:
      json_node_init_null (n);
      break;
    case SQLITE_INTEGER:
      json_node_set_int (n, sqlite3_column_int64 (stmt, i));
      break;
    case SQLITE_FLOAT:
      json_node_set_double (n, sqlite3_column_double (stmt, i));
      break;
    case SQLITE_BLOB:
      {
        g_autofree char *hex = NULL;
        const guint8 *b = sqlite3_column_blob (stmt, i);
        int len = sqlite3_column_bytes (stmt, i);
        GString *s = g_string_new (NULL);

        for (int k = 0; k < len; k++)
          g_string_append_printf (s, "%02x", b[k]);
        hex = g_string_free (s, FALSE);
        json_node_set_string (n, hex);
      }
      break;
    default:
      json_node_set_string (n, (const char *) sqlite3_column_text (stmt, i));
      break;
    }
  return n;
}

static int
run_sql (sqlite3 *db, const char *sql, int n_params, char **params, GChecksum *digest)
{
  sqlite3_stmt *stmt = NULL;
  const char *tail = sql;
  int rc;

  while (tail && *tail)
    {
      if (sqlite3_prepare_v2 (db, tail, -1, &stmt, &tail) != SQLITE_OK)
        {
          fprintf (stderr, "tx-sql: %s\n", sqlite3_errmsg (db));
          return 1;
        }
      if (stmt == NULL)
        break;
      for (int i = 0; i < n_params && i < sqlite3_bind_parameter_count (stmt); i++)
        {
          if (g_str_equal (params[i], "\\N"))
            sqlite3_bind_null (stmt, i + 1);
          else
            sqlite3_bind_text (stmt, i + 1, params[i], -1, SQLITE_STATIC);
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autoptr(JsonNode) row = json_node_new (JSON_NODE_ARRAY);
          JsonArray *a = json_array_new ();
          g_autofree char *text = NULL;

          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            json_array_add_element (a, column_json (stmt, i));
          json_node_take_array (row, a);
          text = json_to_string (row, FALSE);
          if (digest)
            g_checksum_update (digest, (const guchar *) text, -1);
          else
            printf ("%s\n", text);
        }
      if (rc != SQLITE_DONE)
        {
          fprintf (stderr, "tx-sql: %s\n", sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          return 1;
        }
      sqlite3_finalize (stmt);
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  sqlite3 *db = NULL;
  gboolean digest = argc >= 3 && g_str_equal (argv[1], "--digest");
  const char *path = digest ? argv[2] : argv[1];

  if (argc < 3)
    {
      fprintf (stderr, "usage: tx-sql DB SQL [PARAM…] | --digest DB\n");
      return 2;
    }
  tx_core_init ();
  if (!tx_store_check_not_backup (path, NULL))
    {
      if (tx_test_login (path, &error))
        db = tx_backup_open_copy (path, tx_session_lookup (path), &error);
    }
  else if ((store = tx_test_open (path, &error)))
    db = tx_store_get_db (store);
  if (db == NULL)
    {
      fprintf (stderr, "tx-sql: %s\n", error->message);
      return 1;
    }
  /* the tests' own statements are not the program's (TONGXING_SQL_RECORD) */
  tx_store_record_stop (db);
  if (digest)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      sqlite3_stmt *tables = NULL;

      sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'audit%' "
                              "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &tables, NULL);
      while (sqlite3_step (tables) == SQLITE_ROW)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1",
                                                  (const char *) sqlite3_column_text (tables, 0));
          g_checksum_update (sum, sqlite3_column_text (tables, 0), -1);
          if (run_sql (db, sql, 0, NULL, sum) != 0)
            return 1;
        }
      sqlite3_finalize (tables);
      printf ("%s\n", g_checksum_get_string (sum));
      return 0;
    }
  return run_sql (db, argv[2], argc - 3, argv + 3, NULL);
}
