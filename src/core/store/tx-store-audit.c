/* tx-store-audit.c — the audit trail: who did what, hash-chained
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every entry holds the hash of the one before it (BLAKE2b-256 over the
 * previous hash and the entry's fields, each with its length), so that
 * changing, removing or reordering an entry breaks the chain from there
 * on. The entry is written in the same transaction as what it records:
 * both are kept or neither. The table's triggers refuse UPDATE and DELETE.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tx-keyring.h"
#include "tx-session.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

void
tx_audit_entry_free (TxAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->station);
  g_free (entry->person);
  g_free (entry->kind);
  g_free (entry->child);
  g_free (entry->detail);
  g_free (entry);
}

static void
hash_field (crypto_generichash_state *st,
            const char               *text)
{
  guint32 len = text ? (guint32) strlen (text) : 0;
  guint8 be[4] = { len >> 24, len >> 16, len >> 8, len };

  crypto_generichash_update (st, be, 4);
  if (len)
    crypto_generichash_update (st, (const guint8 *) text, len);
}

/**
 * tx_audit_entry_hash:
 *
 * The entry's hash: BLAKE2b-256 of "tongxing audit 1", the previous
 * entry's hash, then seq, at, station, person, kind, child and detail,
 * each as a 4-byte big-endian length and its UTF-8 bytes.
 */
void
tx_audit_entry_hash (const TxAuditEntry *e,
                     guint8             *hash)
{
  crypto_generichash_state st;
  char seq[32];

  g_snprintf (seq, sizeof seq, "%" G_GINT64_FORMAT, e->seq);
  crypto_generichash_init (&st, NULL, 0, TX_AUDIT_HASH_BYTES);
  hash_field (&st, "tongxing audit 1");
  crypto_generichash_update (&st, e->prev, TX_AUDIT_HASH_BYTES);
  hash_field (&st, seq);
  hash_field (&st, e->at);
  hash_field (&st, e->station);
  hash_field (&st, e->person);
  hash_field (&st, e->kind);
  hash_field (&st, e->child);
  hash_field (&st, e->detail);
  crypto_generichash_final (&st, hash, TX_AUDIT_HASH_BYTES);
}

static gboolean
append (TxStore     *self,
        const char  *person,
        const char  *kind,
        const char  *child,
        const char  *detail,
        const char  *at,
        GError     **error)
{
  TxAuditEntry e = { 0 };
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      e.seq = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == TX_AUDIT_HASH_BYTES)
        memcpy (e.prev, sqlite3_column_blob (stmt, 1), TX_AUDIT_HASH_BYTES);
    }
  else
    e.seq = 1;
  sqlite3_reset (stmt);
  e.at = (char *) (at ? at : now_text);
  e.station = (char *) (tx_store_get_station_id (self) ? tx_store_get_station_id (self) : "");
  e.person = (char *) (person ? person : "");
  e.kind = (char *) kind;
  e.child = (char *) child;
  e.detail = (char *) (detail ? detail : "{}");
  tx_audit_entry_hash (&e, e.hash);

  stmt = tx_store_prepare (self, "INSERT INTO audit (seq, at, station, person, kind, child, detail, prev, hash) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e.seq);
  sqlite3_bind_text (stmt, 2, e.at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, e.station, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, e.person, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, e.kind, -1, SQLITE_TRANSIENT);
  if (e.child)
    sqlite3_bind_text (stmt, 6, e.child, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);
  sqlite3_bind_text (stmt, 7, e.detail, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, e.prev, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 9, e.hash, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static char *
detail_text (JsonObject *detail)
{
  g_autoptr(JsonNode) node = NULL;

  if (detail == NULL)
    return g_strdup ("{}");
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, detail);
  return json_to_string (node, FALSE);
}

/**
 * tx_store_audit:
 * @kind: what was done ("child.update", "visit.add", "export", "reveal", …)
 * @child: (nullable): the child's uuid, if it was done to one
 * @detail: (nullable): what else tells it (field names, a file, a count);
 *   no identity numbers
 *
 * Appends an entry by the person logged in, in the caller's transaction
 * (or one of its own).
 */
gboolean
tx_store_audit (TxStore     *self,
                const char  *kind,
                const char  *child,
                JsonObject  *detail,
                GError     **error)
{
  g_autofree char *text = detail_text (detail);
  int depth = tx_store_get_depth (self);

  if (!tx_store_begin (self, error))
    return FALSE;
  if (!append (self, tx_store_get_person (self), kind, child, text, NULL, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}

/**
 * tx_store_audit_login:
 *
 * The session's login, once a session, with the failed logins the key
 * file kept since the last one.
 */
gboolean
tx_store_audit_login (TxStore  *self,
                      GError  **error)
{
  TxSession *session = tx_store_get_session (self);
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *text = NULL;

  if (session == NULL || !tx_session_take_login (session))
    return TRUE;
  failed = tx_keyring_take_failures (tx_session_get_keyring (session), NULL);
  if (!tx_store_begin (self, error))
    return FALSE;
  for (guint i = 0; failed && i < failed->len; i++)
    {
      TxKeyringFailure *f = g_ptr_array_index (failed, i);
      g_autoptr(JsonObject) d = json_object_new ();
      g_autofree char *dt = NULL;

      json_object_set_string_member (d, "with", f->how);
      dt = detail_text (d);
      if (!append (self, g_str_equal (f->name, "@recovery") ? "" : f->name, "login.failed", NULL, dt, f->at, error))
        goto fail;
    }
  json_object_set_string_member (detail, "with", tx_session_by_recovery (session) ? "recovery-key" : "password");
  text = detail_text (detail);
  if (!append (self, tx_session_get_name (session), "login", NULL, text, NULL, error) ||
      !tx_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  tx_store_rollback (self);
  return FALSE;
}
