/* tx-audit-tamper.c — a program that rewrites a store's audit trail, as an intruder with the key would
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests/test-audit.py: logs in to the store (tests/tx-test-login.h),
 * drops the triggers that refuse UPDATE and DELETE on the trail, and
 *
 *   change SEQ            changes the person of entry SEQ (its hash left)
 *   rehash SEQ            changes the person of entry SEQ and makes its hash anew
 *   delete SEQ            removes entry SEQ
 *   swap SEQ              swaps entries SEQ and SEQ + 1 (their numbers)
 *   remote STATION SEQ    changes the person of entry SEQ of another station's trail
 *
 * so that the test can check that `audit verify` names the entry.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static gboolean
run (sqlite3    *db,
     const char *sql,
     gint64      seq,
     const char *station)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, station, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* entry @seq with another person, and its hash made again for it */
static gboolean
rehash (TxStore *store,
        gint64   seq)
{
  sqlite3 *db = tx_store_get_db (store);
  sqlite3_stmt *stmt;
  TxAuditEntry e = { 0 };
  gboolean ok = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT at, station, person, kind, child, detail, prev FROM audit WHERE seq = ?1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      e.seq = seq;
      e.at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      e.station = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e.person = g_strdup ("入侵者");
      e.kind = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      e.child = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      e.detail = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      memcpy (e.prev, sqlite3_column_blob (stmt, 6), TX_AUDIT_HASH_BYTES);
      ok = TRUE;
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;
  tx_audit_entry_hash (&e, e.hash);
  ok = sqlite3_prepare_v2 (db, "UPDATE audit SET person = ?2, hash = ?3 WHERE seq = ?1", -1, &stmt, NULL) == SQLITE_OK;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, seq);
      sqlite3_bind_text (stmt, 2, e.person, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 3, e.hash, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_finalize (stmt);
    }
  g_free (e.at);
  g_free (e.station);
  g_free (e.person);
  g_free (e.kind);
  g_free (e.child);
  g_free (e.detail);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  const char *what = argc >= 3 ? argv[2] : "";
  gboolean remote = g_str_equal (what, "remote");
  gint64 seq;
  sqlite3 *db;
  gboolean ok;

  if (argc != (remote ? 5 : 4))
    {
      fprintf (stderr, "usage: %s DATABASE change|rehash|delete|swap SEQ | remote STATION SEQ\n", argv[0]);
      return 2;
    }
  seq = g_ascii_strtoll (argv[remote ? 4 : 3], NULL, 10);
  tx_core_init ();
  if (!(store = tx_test_open (argv[1], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  db = tx_store_get_db (store);
  /* the intruder's statements are not the program's (TONGXING_SQL_RECORD) */
  tx_store_record_stop (db);
  if (!run (db, "DROP TRIGGER IF EXISTS audit_no_update", 0, NULL) ||
      !run (db, "DROP TRIGGER IF EXISTS audit_no_delete", 0, NULL) ||
      !run (db, "DROP TRIGGER IF EXISTS audit_remote_no_update", 0, NULL) ||
      !run (db, "DROP TRIGGER IF EXISTS audit_remote_no_delete", 0, NULL))
    {
      fprintf (stderr, "%s\n", sqlite3_errmsg (db));
      return 1;
    }
  if (g_str_equal (what, "change"))
    ok = run (db, "UPDATE audit SET person = '入侵者' WHERE seq = ?1", seq, NULL);
  else if (g_str_equal (what, "rehash"))
    ok = rehash (store, seq);
  else if (g_str_equal (what, "delete"))
    ok = run (db, "DELETE FROM audit WHERE seq = ?1", seq, NULL);
  else if (g_str_equal (what, "swap"))
    ok = run (db, "UPDATE audit SET seq = -1 WHERE seq = ?1", seq, NULL) &&
         run (db, "UPDATE audit SET seq = ?1 WHERE seq = ?1 + 1", seq, NULL) &&
         run (db, "UPDATE audit SET seq = ?1 + 1 WHERE seq = -1", seq, NULL);
  else if (remote)
    ok = run (db, "UPDATE audit_remote SET person = '入侵者' WHERE seq = ?1 AND station = ?2", seq, argv[3]);
  else
    {
      fprintf (stderr, "unknown change %s\n", what);
      return 2;
    }
  if (!ok || sqlite3_changes (db) == 0)
    {
      fprintf (stderr, "entry %s not changed: %s\n", argv[remote ? 4 : 3], sqlite3_errmsg (db));
      return 1;
    }
  printf ("tampered\n");
  return 0;
}
