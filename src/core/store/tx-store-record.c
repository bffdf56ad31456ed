/* tx-store-record.c — the statements a program runs, written down for the query-plan guard
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With TONGXING_SQL_RECORD=FILE in the environment, every connection the
 * store opens (tx_store_record_connection()) appends each statement it
 * runs to FILE, once a process, one JSON object a line:
 *
 *   {"sql": "SELECT … WHERE uuid = ?1", "program": "tongxing-cli"}
 *
 * The text is the statement as prepared, its parameters as ?N: never the
 * bound values, so nothing personal is written (a statement never has a
 * value formatted into it, HACKING.md). Trigger programs ("-- TRIGGER …")
 * are the schema's and not recorded. The file is made 0600 and written
 * with one write() of a whole line in append mode, so that the processes
 * of a test suite can share it. tests/test-query-plans.py runs the tests
 * with it set and asks SQLite for the plan of every statement recorded.
 *
 * Without the variable nothing is registered: no cost at all.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "tx-store-private.h"

static GMutex record_lock;
static GHashTable *recorded;   /* the texts this process has written */
static int record_fd = -1;
static gboolean record_failed;

/* The file named by TONGXING_SQL_RECORD, read once; %NULL when unset */
static const char *
record_file (void)
{
  static char *file;
  static gsize read_once;

  if (g_once_init_enter (&read_once))
    {
      const char *env = g_getenv ("TONGXING_SQL_RECORD");

      file = env && *env ? g_strdup (env) : NULL;
      g_once_init_leave (&read_once, 1);
    }
  return file;
}

/* Appends one line for @sql; called with record_lock held */
static void
record_write (const char *sql)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL, *line = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname () ? g_get_prgname ()
                                                                    : program_invocation_short_name);

  if (record_fd < 0 && !record_failed)
    {
      record_fd = open (record_file (), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (record_fd < 0)
        {
          int saved = errno;
          record_failed = TRUE;
          g_warning ("TONGXING_SQL_RECORD: %s cannot be opened for appending (%s); no statement is recorded",
                     record_file (), g_strerror (saved));
        }
    }
  if (record_fd < 0)
    return;
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sql");
  json_builder_add_string_value (builder, sql);
  json_builder_set_member_name (builder, "program");
  json_builder_add_string_value (builder, program);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json = json_to_string (root, FALSE);
  line = g_strconcat (json, "\n", NULL);
  /* one write of the whole line: appended lines of several processes do
   * not mix. A short write leaves a line the reader skips */
  if (write (record_fd, line, strlen (line)) < 0)
    g_debug ("TONGXING_SQL_RECORD: a write failed (%s)", g_strerror (errno));
}

static int
trace_cb (unsigned  type,
          void     *data,
          void     *p,
          void     *x)
{
  const char *text = x;
  const char *sql;

  if (type != SQLITE_TRACE_STMT || (text && g_str_has_prefix (text, "--")))
    return 0;
  sql = sqlite3_sql (p);
  if (sql == NULL || *sql == '\0')
    return 0;
  g_mutex_lock (&record_lock);
  if (recorded == NULL)
    recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!g_hash_table_contains (recorded, sql))
    {
      g_hash_table_add (recorded, g_strdup (sql));
      record_write (sql);
    }
  g_mutex_unlock (&record_lock);
  return 0;
}

/**
 * tx_store_record_connection:
 * @db: a connection the store has just opened (its own, a backup's copy,
 *   a check of a file)
 *
 * Records the statements @db runs when TONGXING_SQL_RECORD names a file
 * (see the top of this file); does nothing otherwise.
 */
void
tx_store_record_connection (sqlite3 *db)
{
  if (db == NULL || record_file () == NULL)
    return;
  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, trace_cb, NULL);
}

/**
 * tx_store_record_stop:
 * @db: a connection
 *
 * Records no more of @db's statements: a test tool's own SQL on a store
 * (tests/tools/tx-sql.c) is not the program's.
 */
void
tx_store_record_stop (sqlite3 *db)
{
  if (db)
    sqlite3_trace_v2 (db, 0, NULL, NULL);
}
