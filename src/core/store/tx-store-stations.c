/* tx-store-stations.c — the stations trusted here (the station table)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows, and the bookkeeping of the bundles exchanged with each station
 * (their sequence numbers and hashes, bundle_out and bundle_in); the keys
 * are checked, made and used in sync/tx-station.c, the bundles written and
 * read in sync/tx-bundle*.c.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-stations.h"

void
tx_station_free (TxStation *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->name);
  g_free (s->unit);
  g_free (s->county);
  g_free (s->township);
  g_free (s->fingerprint);
  g_free (s->key_id);
  g_free (s->trusted_at);
  g_free (s->revoked_at);
  g_free (s->in_at);
  g_free (s->out_at);
  g_free (s->replaces);
  g_free (s->replaced_by);
  g_free (s);
}

/* As minisign prints a key id: the eight bytes as a little-endian number */
char *
tx_station_key_id_hex (const guchar *key_id)
{
  GString *s = g_string_new (NULL);

  for (int i = TX_STATION_KEY_ID_BYTES - 1; i >= 0; i--)
    g_string_append_printf (s, "%02X", key_id[i]);
  return g_string_free (s, FALSE);
}

static gpointer
read_station (sqlite3_stmt *stmt)
{
  TxStation *s = g_new0 (TxStation, 1);
  const guchar *key_id = sqlite3_column_blob (stmt, 6);

  s->id = tx_store_column_text (stmt, 0);
  s->name = tx_store_column_text (stmt, 1);
  s->unit = tx_store_column_text (stmt, 2);
  s->county = tx_store_column_text (stmt, 3);
  s->township = tx_store_column_text (stmt, 4);
  s->fingerprint = tx_store_column_text (stmt, 5);
  s->key_id = key_id && sqlite3_column_bytes (stmt, 6) == TX_STATION_KEY_ID_BYTES ? tx_station_key_id_hex (key_id) : g_strdup ("");
  s->trusted_at = tx_store_column_text (stmt, 7);
  s->revoked_at = tx_store_column_text (stmt, 8);
  s->in_seq = sqlite3_column_int64 (stmt, 9);
  s->in_at = tx_store_column_text (stmt, 10);
  s->out_seq = sqlite3_column_int64 (stmt, 11);
  s->out_at = tx_store_column_text (stmt, 12);
  s->replaces = tx_store_column_text (stmt, 13);
  s->replaced_by = tx_store_column_text (stmt, 14);
  return s;
}

#define STATION_SELECT \
  "SELECT id, name, unit, county, township, fingerprint, key_id, trusted_at, revoked_at, in_seq, in_at, " \
  "out_seq, out_at, replaces, replaced_by FROM station "

/* Steps @stmt, a change to the stations trusted, with its audit entry;
 * @must_change: refused when it changed no station */
static gboolean
step_audited (TxStore       *store,
              sqlite3_stmt  *stmt,
              const char    *kind,
              const char    *id,
              gboolean       must_change,
              GError       **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  int depth = tx_store_get_depth (store);

  json_object_set_string_member (detail, "station", id);
  if (!tx_store_begin (store, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (!tx_store_step_done (store, stmt, error))
    goto fail;
  if (must_change && sqlite3_changes (tx_store_get_db (store)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No station %s is trusted here; see “station list”."), id);
      goto fail;
    }
  if (!tx_store_audit (store, kind, NULL, detail, error) || !tx_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tx_store_rollback_to (store, depth);
  return FALSE;
}

/* Refuses @id if another station was trusted in place of it: its old keys
 * are never trusted again */
static gboolean
not_replaced (TxStore     *store,
              const char  *id,
              GError     **error)
{
  g_autoptr(TxStation) s = tx_store_station_get (store, id, NULL);
  g_autoptr(TxStation) by = NULL;

  if (s == NULL || s->replaced_by == NULL)
    return TRUE;
  by = tx_store_station_get (store, s->replaced_by, NULL);
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
               _("%s was replaced by %s (%s), which is trusted in its place; its old identity is "
                 "never trusted again. Exchange files with the station that replaced it."),
               s->name, by ? by->name : s->replaced_by, s->replaced_by);
  return FALSE;
}

/* ?1 to ?10 of an insert of @row, trusted @now */
static void
bind_record (sqlite3_stmt          *stmt,
             const TxStationRecord *row,
             const char            *now)
{
  tx_store_bind_text (stmt, 1, row->id);
  tx_store_bind_text (stmt, 2, row->name);
  tx_store_bind_text (stmt, 3, row->unit);
  tx_store_bind_text (stmt, 4, row->county);
  tx_store_bind_text (stmt, 5, row->township);
  sqlite3_bind_blob (stmt, 6, row->sign_pk, TX_STATION_PK_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 7, row->box_pk, TX_STATION_PK_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 8, row->key_id, TX_STATION_KEY_ID_BYTES, SQLITE_TRANSIENT);
  tx_store_bind_text (stmt, 9, row->fingerprint);
  tx_store_bind_text (stmt, 10, now);
}

/**
 * tx_store_station_put:
 *
 * Trusts a station: adds it, or gives one trusted before (even revoked)
 * the keys and names of @row and trusts it again from now.
 */
gboolean
tx_store_station_put (TxStore                *store,
                      const TxStationRecord  *row,
                      GError                **error)
{
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt;

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error) || !not_replaced (store, row->id, error))
    return FALSE;

  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  stmt = tx_store_prepare (store,
      "INSERT INTO station (id, name, unit, county, township, sign_pk, box_pk, key_id, fingerprint, trusted_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE SET name = ?2, unit = ?3, "
      "county = ?4, township = ?5, sign_pk = ?6, box_pk = ?7, key_id = ?8, fingerprint = ?9, trusted_at = ?10, "
      "revoked_at = NULL", error);
  if (stmt == NULL)
    return FALSE;
  bind_record (stmt, row, now);
  return step_audited (store, stmt, "station.trust", row->id, FALSE, error);
}

/**
 * tx_store_station_list:
 *
 * Returns: (transfer full) (element-type TxStation): the stations trusted
 *   or once trusted, by name
 */
GPtrArray *
tx_store_station_list (TxStore  *store,
                       GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, STATION_SELECT "ORDER BY name, id", error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (store, stmt, read_station, (GDestroyNotify) tx_station_free, error);
}

/**
 * tx_store_station_get:
 *
 * Returns: (transfer full) (nullable): a station trusted or once trusted here
 */
TxStation *
tx_store_station_get (TxStore     *store,
                      const char  *id,
                      GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, STATION_SELECT "WHERE id = ?1", error);
  TxStation *s = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    s = read_station (stmt);
  sqlite3_reset (stmt);
  /* a read the disk failed is not a station missing */
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tx_store_set_error (store, rc, error);
  else if (s == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No station %s is trusted here; see “station list”."), id);
  return s;
}

/**
 * tx_store_station_revoke:
 *
 * Stops trusting a station: its bundles are refused from now on, and none
 * are made for it.
 */
gboolean
tx_store_station_revoke (TxStore     *store,
                         const char  *id,
                         GError     **error)
{
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt = tx_store_prepare (store, "UPDATE station SET revoked_at = ?2 WHERE id = ?1 "
                                                "AND revoked_at IS NULL", error);

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error))
    return FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  tx_store_bind_text (stmt, 2, now);
  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  return step_audited (store, stmt, "station.revoke", id, TRUE, error);
}

/**
 * tx_store_station_replace:
 * @old_id: a station trusted here, or once trusted, that lost its store
 * @row: the station set up in its place, of the same county and township
 *
 * Trusts @row in place of @old_id, in one transaction: @row is trusted
 * from now, as a new station (its first exchange file holds everything),
 * and the trust in @old_id is revoked, if it was not yet, so that
 * exchange files signed with its keys are refused. Each row says which
 * replaced which (replaces, replaced_by), and the audit trail says who did.
 * A station restored from a backup keeps its identity and needs none of
 * this.
 */
gboolean
tx_store_station_replace (TxStore                *store,
                          const char             *old_id,
                          const TxStationRecord  *row,
                          GError                **error)
{
  g_autofree char *now = tx_store_now_iso ();
  g_autoptr(TxStation) old = NULL, have = NULL;
  g_autoptr(JsonObject) detail = json_object_new ();
  sqlite3_stmt *stmt;
  int depth;

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error))
    return FALSE;
  if (!(old = tx_store_station_get (store, old_id, error)) || !not_replaced (store, old_id, error))
    return FALSE;
  if (g_str_equal (row->id, old->id))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("This station file is the identity of %s itself, not a new one: the station was "
                     "restored from a backup and keeps its identity. Nothing is to be replaced; make it an "
                     "exchange file of everything with “bundle export --full”."), old->name);
      return FALSE;
    }
  if (g_strcmp0 (row->county, old->county) != 0 || g_strcmp0 (row->township, old->township) != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The new station is of %s, but %s was of %s: a station is replaced only by one of "
                     "the same township. Check that you chose the new station file of %s, and that it "
                     "was set up with the same township."),
                   row->unit && *row->unit ? row->unit : row->id, old->name, old->unit, old->unit);
      return FALSE;
    }
  if ((have = tx_store_station_get (store, row->id, NULL)))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("%s is trusted here already, so it cannot replace %s. Set the new workstation up "
                     "afresh (“init”) and use its station file."), have->name, old->name);
      return FALSE;
    }

  depth = tx_store_get_depth (store);
  if (!tx_store_begin (store, error))
    return FALSE;
  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  stmt = tx_store_prepare (store,
      "INSERT INTO station (id, name, unit, county, township, sign_pk, box_pk, key_id, fingerprint, trusted_at, "
      "replaces) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);
  if (stmt == NULL)
    goto fail;
  bind_record (stmt, row, now);
  tx_store_bind_text (stmt, 11, old->id);
  if (!tx_store_step_done (store, stmt, error))
    goto fail;
  stmt = tx_store_prepare (store, "UPDATE station SET revoked_at = coalesce (revoked_at, ?2), replaced_by = ?3 "
                                  "WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, old->id);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, row->id);
  if (!tx_store_step_done (store, stmt, error))
    goto fail;
  json_object_set_string_member (detail, "station", row->id);
  json_object_set_string_member (detail, "replaces", old->id);
  if (!tx_store_audit (store, "station.replace", NULL, detail, error) || !tx_store_commit (store, error))
    goto fail;
  return TRUE;

fail:
  tx_store_rollback_to (store, depth);
  return FALSE;
}

/* A key or hash read from @col of the current row, if it has @size bytes */
static gboolean
column_bytes (sqlite3_stmt *stmt,
              int           col,
              guchar       *out,
              int           size)
{
  if (sqlite3_column_bytes (stmt, col) != size)
    return FALSE;
  memcpy (out, sqlite3_column_blob (stmt, col), size);
  return TRUE;
}

/**
 * tx_store_station_public_keys:
 * @sign_pk: (out caller-allocates): the station's signing key
 * @box_pk: (out caller-allocates): its encryption key
 *
 * Returns: whether @id is a station trusted here, or once trusted
 */
gboolean
tx_store_station_public_keys (TxStore     *store,
                              const char  *id,
                              guchar      *sign_pk,
                              guchar      *box_pk)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT sign_pk, box_pk FROM station WHERE id = ?1", NULL);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = column_bytes (stmt, 0, sign_pk, TX_STATION_PK_BYTES) && column_bytes (stmt, 1, box_pk, TX_STATION_PK_BYTES);
  sqlite3_reset (stmt);
  return ok;
}

/**
 * tx_store_station_by_key_id:
 * @error: set when the stations cannot be read (a disk error), not when
 *   no station has the key
 *
 * Returns: (transfer full) (nullable): the id of the station, revoked or
 *   not, whose signing key has @key_id
 */
char *
tx_store_station_by_key_id (TxStore      *store,
                            const guchar *key_id,
                            GError      **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT id FROM station WHERE key_id = ?1", error);
  char *id = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_blob (stmt, 1, key_id, TX_STATION_KEY_ID_BYTES, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    tx_store_set_error (store, rc, error);
  return id;
}

/* Bundles exchanged */

/**
 * tx_store_station_out_hash:
 * @hash: (out caller-allocates): the hash of the last bundle made for @id
 * @found: (out): whether there was one
 *
 * Returns: %FALSE with @error set if the store cannot be read
 */
gboolean
tx_store_station_out_hash (TxStore     *store,
                           const char  *id,
                           guchar      *hash,
                           gboolean    *found,
                           GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT out_hash FROM station WHERE id = ?1", error);

  *found = FALSE;
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *found = column_bytes (stmt, 0, hash, TX_STATION_HASH_BYTES);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * tx_store_station_bundle_sent:
 * @upto: the local change counter the bundle's payload reaches
 * @audit_upto: the last entry of this station's audit trail it carries
 * @at: when it was made, ISO 8601 UTC
 *
 * Records a bundle made for @id, in the caller's transaction, before the
 * file takes its name: a bundle never made is never counted.
 */
gboolean
tx_store_station_bundle_sent (TxStore       *store,
                              const char    *id,
                              gint64         seq,
                              gint64         upto,
                              gint64         audit_upto,
                              const guchar  *hash,
                              const char    *at,
                              GError       **error)
{
  sqlite3_stmt *stmt;

  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  stmt = tx_store_prepare (store, "UPDATE station SET out_seq = ?2, out_hash = ?3, out_at = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_blob (stmt, 3, hash, TX_STATION_HASH_BYTES, SQLITE_TRANSIENT);
  tx_store_bind_text (stmt, 4, at);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  stmt = tx_store_prepare (store, "INSERT OR REPLACE INTO bundle_out (station, seq, upto, hash, at, audit_upto) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_int64 (stmt, 3, upto);
  sqlite3_bind_blob (stmt, 4, hash, TX_STATION_HASH_BYTES, SQLITE_TRANSIENT);
  tx_store_bind_text (stmt, 5, at);
  sqlite3_bind_int64 (stmt, 6, audit_upto);
  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_store_station_out_restored:
 * @seq: the last of this station's bundles @id imported, as its bundle
 *   says: more than this store made, restored from an older backup
 *
 * Numbers the next bundle for @id after @seq, in the caller's
 * transaction. The last one made is not known here: the next one follows
 * none (its "prev" is empty).
 */
gboolean
tx_store_station_out_restored (TxStore     *store,
                               const char  *id,
                               gint64       seq,
                               GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "UPDATE station SET out_seq = ?2, out_hash = NULL "
                                                "WHERE id = ?1 AND out_seq < ?2", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  tx_store_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, seq);
  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_store_station_resend_all:
 *
 * The next bundle for @id holds everything this station has for it, the
 * records that came from @id included (@id was restored from an older
 * backup and lost them), in the caller's transaction: its acknowledgement
 * is -1 until it acknowledges that bundle.
 */
gboolean
tx_store_station_resend_all (TxStore     *store,
                             const char  *id,
                             GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "UPDATE station SET acked_upto = -1 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  tx_store_bind_text (stmt, 1, id);
  return tx_store_step_done (store, stmt, error);
}

/**
 * tx_store_bundle_imported_at:
 * @at: (out) (transfer full) (nullable): when the bundle of @hash was
 *   imported here, or %NULL if it never was
 *
 * Returns: %FALSE with @error set if the store cannot be read
 */
gboolean
tx_store_bundle_imported_at (TxStore       *store,
                             const guchar  *hash,
                             char         **at,
                             GError       **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT at FROM bundle_in WHERE hash = ?1", error);

  *at = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, TX_STATION_HASH_BYTES, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    *at = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * tx_store_station_in:
 * @in_seq: (out): the last bundle imported from @id, 0 for none
 * @in_hash: (out caller-allocates): its hash
 * @has_hash: (out): whether @in_hash was set
 *
 * Returns: %FALSE with @error set if the store cannot be read
 */
gboolean
tx_store_station_in (TxStore     *store,
                     const char  *id,
                     gint64      *in_seq,
                     guchar      *in_hash,
                     gboolean    *has_hash,
                     GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, "SELECT in_seq, in_hash FROM station WHERE id = ?1", error);

  *in_seq = 0;
  *has_hash = FALSE;
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *in_seq = sqlite3_column_int64 (stmt, 0);
      *has_hash = column_bytes (stmt, 1, in_hash, TX_STATION_HASH_BYTES);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * tx_store_station_bundle_received:
 * @ack: the last of our bundles the sender had imported when it made this one
 * @summary: what the import did, in words
 *
 * Records a bundle imported from @id, in the caller's transaction: its
 * number, hash and time, and how far the sender has our changes.
 */
gboolean
tx_store_station_bundle_received (TxStore       *store,
                                  const char    *id,
                                  gint64         seq,
                                  const guchar  *hash,
                                  const char    *at,
                                  gint64         ack,
                                  const char    *summary,
                                  GError       **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store,
      "UPDATE station SET in_seq = max (in_seq, ?2), in_hash = ?3, in_at = ?4, "
      "acked_upto = max (acked_upto, coalesce ((SELECT upto FROM bundle_out WHERE station = ?1 AND seq = ?5), 0)), "
      "audit_acked = max (audit_acked, coalesce ((SELECT audit_upto FROM bundle_out WHERE station = ?1 AND seq = ?5), 0)) "
      "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, seq);
  sqlite3_bind_blob (stmt, 3, hash, TX_STATION_HASH_BYTES, SQLITE_TRANSIENT);
  tx_store_bind_text (stmt, 4, at);
  sqlite3_bind_int64 (stmt, 5, ack);
  if (!tx_store_step_done (store, stmt, error))
    return FALSE;
  tx_store_changed (store, TX_STORE_CHANGE_SYNC);
  stmt = tx_store_prepare (store, "INSERT INTO bundle_in (hash, station, seq, at, summary) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, hash, TX_STATION_HASH_BYTES, SQLITE_TRANSIENT);
  tx_store_bind_text (stmt, 2, id);
  sqlite3_bind_int64 (stmt, 3, seq);
  tx_store_bind_text (stmt, 4, at);
  tx_store_bind_text (stmt, 5, summary);
  return tx_store_step_done (store, stmt, error);
}
