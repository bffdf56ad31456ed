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
 *
 * At the end of each session the station signs the last entry's hash
 * (a checkpoint, tx_store_audit_checkpoint(), with a signing function of
 * sync/, which holds the keys), so that an entry cut off the end before
 * it shows too. This file writes, lists and exports the trail;
 * tx-store-audit-verify.c checks it.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "tx-form.h"
#include "tx-keyring.h"
#include "tx-session.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

#define ENTRY_COLUMNS "seq, at, station, person, kind, child, detail, prev, hash"
/* the newest entry of the trail: the row of its largest number, not a walk from the end that
 * the plan cannot tell from a walk of the whole (test-query-plans) */
#define LAST_ENTRY "SELECT seq, hash FROM audit WHERE seq = (SELECT max (seq) FROM audit)"

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

void
tx_audit_checkpoint_free (TxAuditCheckpoint *checkpoint)
{
  if (checkpoint == NULL)
    return;
  g_free (checkpoint->at);
  g_free (checkpoint->station);
  g_free (checkpoint);
}

/* @size bytes of a blob column, or zeros */
static void
column_blob (sqlite3_stmt *stmt,
             int           col,
             guint8       *out,
             gsize         size)
{
  if ((gsize) sqlite3_column_bytes (stmt, col) == size)
    memcpy (out, sqlite3_column_blob (stmt, col), size);
  else
    memset (out, 0, size);
}

/* a row of ENTRY_COLUMNS */
static gpointer
entry_from_row (sqlite3_stmt *stmt)
{
  TxAuditEntry *e = g_new0 (TxAuditEntry, 1);

  e->seq = sqlite3_column_int64 (stmt, 0);
  e->at = tx_store_column_text (stmt, 1);
  e->station = tx_store_column_text (stmt, 2);
  e->person = tx_store_column_text (stmt, 3);
  e->kind = tx_store_column_text (stmt, 4);
  e->child = tx_store_column_text (stmt, 5);
  e->detail = tx_store_column_text (stmt, 6);
  column_blob (stmt, 7, e->prev, TX_AUDIT_HASH_BYTES);
  column_blob (stmt, 8, e->hash, TX_AUDIT_HASH_BYTES);
  return e;
}

/* a row of seq, at, station, hash, key_id, signature */
static gpointer
checkpoint_from_row (sqlite3_stmt *stmt)
{
  TxAuditCheckpoint *c = g_new0 (TxAuditCheckpoint, 1);

  c->seq = sqlite3_column_int64 (stmt, 0);
  c->at = tx_store_column_text (stmt, 1);
  c->station = tx_store_column_text (stmt, 2);
  column_blob (stmt, 3, c->hash, TX_AUDIT_HASH_BYTES);
  column_blob (stmt, 4, c->key_id, TX_STATION_KEY_ID_BYTES);
  column_blob (stmt, 5, c->signature, TX_AUDIT_SIGNATURE_BYTES);
  return c;
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

/**
 * tx_audit_checkpoint_text:
 *
 * Returns: (transfer full): what a checkpoint signs: "tongxing audit
 *   checkpoint 1", the station, the entry's number and its hash in hex,
 *   each on a line
 */
char *
tx_audit_checkpoint_text (const char   *station,
                          gint64        seq,
                          const guint8 *hash)
{
  char hex[TX_AUDIT_HASH_BYTES * 2 + 1];

  sodium_bin2hex (hex, sizeof hex, hash, TX_AUDIT_HASH_BYTES);
  return g_strdup_printf ("tongxing audit checkpoint 1\n%s\n%" G_GINT64_FORMAT "\n%s", station, seq, hex);
}

/**
 * tx_audit_checkpoint_valid:
 * @sign_pk: the station's Ed25519 public key
 *
 * Returns: whether @checkpoint was signed by @sign_pk's secret key
 */
gboolean
tx_audit_checkpoint_valid (const TxAuditCheckpoint *checkpoint,
                           const guint8            *sign_pk)
{
  guint8 digest[crypto_generichash_BYTES];
  g_autofree char *text = NULL;

  if (sign_pk == NULL || checkpoint->station == NULL)
    return FALSE;
  /* the key's id, as minisign names it (sync/tx-station.c) */
  crypto_generichash (digest, sizeof digest, sign_pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
  if (memcmp (digest, checkpoint->key_id, TX_STATION_KEY_ID_BYTES) != 0)
    return FALSE;
  text = tx_audit_checkpoint_text (checkpoint->station, checkpoint->seq, checkpoint->hash);
  return crypto_sign_verify_detached (checkpoint->signature, (const guint8 *) text, strlen (text), sign_pk) == 0;
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

  stmt = tx_store_prepare (self, LAST_ENTRY, error);
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
 * (or one of its own); nothing within a bulk change (tx_store_audit_bulk()).
 */
gboolean
tx_store_audit (TxStore     *self,
                const char  *kind,
                const char  *child,
                JsonObject  *detail,
                GError     **error)
{
  g_autofree char *text = NULL;
  int depth = tx_store_get_depth (self);

  if (self->audit_bulk)
    return TRUE;
  text = detail_text (detail);
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
  int depth = tx_store_get_depth (self);

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
  /* a commit that failed has rolled itself back already */
  tx_store_rollback_to (self, depth);
  return FALSE;
}

/**
 * tx_store_audit_file:
 * @kind: "export" or "print"
 * @what: what was written: "ledger", "visits", "stats", …
 * @file: (nullable): the file; only its name is kept, not its folder
 * @rows: how many rows (children, visits) it holds
 *
 * Appends an entry for a file written or a report printed, in the
 * caller's transaction.
 */
gboolean
tx_store_audit_file (TxStore     *self,
                     const char  *kind,
                     const char  *what,
                     const char  *file,
                     gint64       rows,
                     GError     **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "kind", what);
  if (file)
    {
      g_autofree char *base = g_path_get_basename (file);
      json_object_set_string_member (detail, "file", base);
    }
  json_object_set_int_member (detail, "rows", rows);
  return tx_store_audit (self, kind, NULL, detail, error);
}

/**
 * tx_store_audit_count_of:
 * @key: the detail's member that holds @count ("children", "rows", …)
 *
 * Appends an entry whose detail is a count: one entry for a whole run or
 * import, not one a child.
 */
gboolean
tx_store_audit_count_of (TxStore     *self,
                         const char  *kind,
                         const char  *child,
                         const char  *key,
                         gint64       count,
                         GError     **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_int_member (detail, key, count);
  return tx_store_audit (self, kind, child, detail, error);
}

/* The first moment of a local day, in the trail's UTC text; @next: of the
 * day after */
static char *
day_bound (const char *date,
           gboolean    next)
{
  int y, m, d;
  g_autoptr(GDateTime) local = NULL, utc = NULL;

  if (date == NULL || sscanf (date, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  local = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (local == NULL)
    return NULL;
  if (next)
    {
      GDateTime *after = g_date_time_add_days (local, 1);
      g_date_time_unref (local);
      local = after;
    }
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The statement of @filter: @head, the conditions of what it asks (?1
 * station, ?2 person, ?3 child, ?4 kind, ?5 from, ?6 before) and @tail.
 * Only those it asks: "?2 IS NULL OR person = ?2" keeps SQLite from the
 * trail's indexes, and a page of one person's entries read all of them */
static char *
audit_sql (const char          *head,
           const TxAuditFilter *q,
           const char          *tail)
{
  g_autofree char *from = day_bound (q->from, FALSE);
  g_autofree char *before = day_bound (q->to, TRUE);
  const char *const conditions[] = {
    q->station ? "station = ?1" : NULL,
    q->person ? "person = ?2" : NULL,
    q->child ? "child = ?3" : NULL,
    /* the kind, or its kinds: "child" is child.add, child.update, … */
    q->kind && *q->kind ? "(kind = ?4 OR (kind >= ?4 || '.' AND kind < ?4 || '/'))" : NULL,
    from ? "at >= ?5" : NULL,
    before ? "at < ?6" : NULL,
  };

  return tx_store_sql_where (head, conditions, G_N_ELEMENTS (conditions), tail);
}

/* Binds what audit_sql() put in (a parameter it left out is not there) */
static void
bind_query (sqlite3_stmt        *stmt,
            const TxAuditFilter *q)
{
  g_autofree char *from = day_bound (q->from, FALSE);
  g_autofree char *before = day_bound (q->to, TRUE);
  const char *const values[] = { q->station, q->person, q->child, q->kind && *q->kind ? q->kind : NULL,
                                 from, before };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i])
      tx_store_bind_text (stmt, i + 1, values[i]);
}

/**
 * tx_store_audit_find:
 * @filter: which entries: this station's own, or another station's as it
 *   sent them; by person, child, kind and period; a page
 *
 * Returns: (transfer container) (element-type TxAuditEntry): the entries,
 *   newest first, or %NULL with @error set
 */
GPtrArray *
tx_store_audit_find (TxStore              *self,
                     const TxAuditFilter  *filter,
                     GError              **error)
{
  g_autofree char *sql = audit_sql (filter->station ? "SELECT " ENTRY_COLUMNS " FROM audit_remote"
                                                    : "SELECT " ENTRY_COLUMNS " FROM audit",
                                    filter, " ORDER BY seq DESC LIMIT ?7 OFFSET ?8");
  sqlite3_stmt *stmt = tx_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  bind_query (stmt, filter);
  sqlite3_bind_int64 (stmt, 7, filter->limit ? (gint64) filter->limit : -1);
  sqlite3_bind_int64 (stmt, 8, filter->offset);
  return tx_store_collect (self, stmt, entry_from_row, (GDestroyNotify) tx_audit_entry_free, error);
}

/**
 * tx_store_audit_find_count:
 * @count: (out): how many entries @filter finds without its page
 */
gboolean
tx_store_audit_find_count (TxStore              *self,
                           const TxAuditFilter  *filter,
                           gint64               *count,
                           GError              **error)
{
  g_autofree char *sql = audit_sql (filter->station ? "SELECT count(*) FROM audit_remote"
                                                    : "SELECT count(*) FROM audit", filter, "");
  sqlite3_stmt *stmt;
  int rc;

  *count = 0;
  stmt = tx_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_query (stmt, filter);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_audit_checkpoints:
 * @station: (nullable): whose checkpoints; %NULL for this station's
 * @after: only those of entries after this one
 *
 * Returns: (transfer container) (element-type TxAuditCheckpoint): the
 *   checkpoints in the order of their entries, or %NULL with @error set
 */
GPtrArray *
tx_store_audit_checkpoints (TxStore     *self,
                            const char  *station,
                            gint64       after,
                            GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT seq, at, station, hash, key_id, signature "
                                               "FROM audit_checkpoint WHERE station = ?1 AND seq > ?2 "
                                               "ORDER BY seq", error);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, station ? station : tx_store_get_station_id (self));
  sqlite3_bind_int64 (stmt, 2, after);
  return tx_store_collect (self, stmt, checkpoint_from_row, (GDestroyNotify) tx_audit_checkpoint_free, error);
}

/**
 * tx_store_audit_checkpoint:
 * @sign: signs the checkpoint's text with the station's key
 * @made: (out) (optional): whether a checkpoint was made
 *
 * Signs the trail up to its last entry, unless this station signed it
 * there already: at the end of each session.
 */
gboolean
tx_store_audit_checkpoint (TxStore          *self,
                           TxAuditSignFunc   sign,
                           gpointer          data,
                           gboolean         *made,
                           GError          **error)
{
  const char *station = tx_store_get_station_id (self);
  TxAuditCheckpoint c = { 0 };
  g_autofree char *text = NULL, *now = NULL;
  sqlite3_stmt *stmt;
  gint64 signed_upto = 0;
  int depth = tx_store_get_depth (self);

  if (made)
    *made = FALSE;
  if (station == NULL)
    return TRUE;
  if (!tx_store_begin (self, error))
    return FALSE;
  stmt = tx_store_prepare (self, LAST_ENTRY, error);
  if (stmt == NULL)
    goto fail;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      c.seq = sqlite3_column_int64 (stmt, 0);
      column_blob (stmt, 1, c.hash, TX_AUDIT_HASH_BYTES);
    }
  sqlite3_reset (stmt);
  stmt = tx_store_prepare (self, "SELECT max (seq) FROM audit_checkpoint WHERE station = ?1", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, station);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    signed_upto = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (c.seq == 0 || c.seq <= signed_upto)
    {
      tx_store_rollback_to (self, depth);
      return TRUE;
    }

  text = tx_audit_checkpoint_text (station, c.seq, c.hash);
  if (!sign (text, strlen (text), c.key_id, c.signature, data, error))
    goto fail;
  now = tx_store_now_iso ();
  stmt = tx_store_prepare (self, "INSERT INTO audit_checkpoint (seq, at, station, hash, key_id, signature) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, c.seq);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, station);
  sqlite3_bind_blob (stmt, 4, c.hash, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 5, c.key_id, TX_STATION_KEY_ID_BYTES, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, c.signature, TX_AUDIT_SIGNATURE_BYTES, SQLITE_TRANSIENT);
  if (!tx_store_step_done (self, stmt, error) || !tx_store_commit (self, error))
    goto fail;
  if (made)
    *made = TRUE;
  return TRUE;

fail:
  tx_store_rollback_to (self, depth);
  return FALSE;
}

static void
take_hex (JsonObject   *o,
          const char   *member,
          const guint8 *data,
          gsize         len)
{
  g_autofree char *text = g_malloc (len * 2 + 1);

  sodium_bin2hex (text, len * 2 + 1, data, len);
  json_object_set_string_member (o, member, text);
}

/**
 * tx_audit_entry_to_json:
 *
 * Returns: (transfer full): the entry as an export's line has it: seq, at,
 *   station, person, kind, child, detail (an object), prev and hash (hex)
 */
JsonNode *
tx_audit_entry_to_json (const TxAuditEntry *e)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonNode *detail = NULL;

  json_object_set_int_member (o, "seq", e->seq);
  json_object_set_string_member (o, "at", e->at);
  json_object_set_string_member (o, "station", e->station);
  json_object_set_string_member (o, "person", e->person);
  json_object_set_string_member (o, "kind", e->kind);
  if (e->child)
    json_object_set_string_member (o, "child", e->child);
  else
    json_object_set_null_member (o, "child");
  if (e->detail && json_parser_load_from_data (parser, e->detail, -1, NULL) && json_parser_get_root (parser))
    detail = json_node_copy (json_parser_get_root (parser));
  /* a detail that is not JSON (the file was edited) travels as a string */
  json_object_set_member (o, "detail", detail ? detail : json_node_init_string (json_node_alloc (), e->detail));
  take_hex (o, "prev", e->prev, TX_AUDIT_HASH_BYTES);
  take_hex (o, "hash", e->hash, TX_AUDIT_HASH_BYTES);
  json_node_take_object (node, o);
  return node;
}

/**
 * tx_audit_checkpoint_to_json:
 *
 * Returns: (transfer full): {"checkpoint": {seq, at, station, hash (hex),
 *   key_id (hex), signature (base64)}}
 */
JsonNode *
tx_audit_checkpoint_to_json (const TxAuditCheckpoint *c)
{
  JsonObject *outer = json_object_new ();
  JsonObject *o = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *signature = g_base64_encode (c->signature, TX_AUDIT_SIGNATURE_BYTES);

  json_object_set_int_member (o, "seq", c->seq);
  json_object_set_string_member (o, "at", c->at);
  json_object_set_string_member (o, "station", c->station);
  take_hex (o, "hash", c->hash, TX_AUDIT_HASH_BYTES);
  take_hex (o, "key_id", c->key_id, TX_STATION_KEY_ID_BYTES);
  json_object_set_string_member (o, "signature", signature);
  json_object_set_object_member (outer, "checkpoint", o);
  json_node_take_object (node, outer);
  return node;
}

static void
append_line (GString  *s,
             JsonNode *node)
{
  g_autofree char *text = json_to_string (node, FALSE);

  g_string_append (s, text);
  g_string_append_c (s, '\n');
  json_node_unref (node);
}

/* The station's public signing key, in base64: this station's, or one
 * trusted here */
static char *
sign_pk_of (TxStore    *self,
            const char *station)
{
  guint8 sign_pk[TX_STATION_PK_BYTES], box_pk[TX_STATION_PK_BYTES];

  if (station == NULL || g_strcmp0 (station, tx_store_get_station_id (self)) == 0)
    return tx_store_get_setting (self, TX_SETTING_SIGN_PK);
  if (!tx_store_station_public_keys (self, station, sign_pk, box_pk))
    return NULL;
  return g_base64_encode (sign_pk, sizeof sign_pk);
}

/**
 * tx_store_audit_export:
 * @station: (nullable): whose trail: this station's own, or one another
 *   station sent
 * @path: the file to write (only its owner may read it)
 * @entries: (out) (optional): how many entries it holds
 *
 * Writes the trail as one JSON object a line: a header naming the station
 * and its public signing key, then the entries in order, each checkpoint
 * after the entry it signs (tx_audit_entry_to_json(),
 * tx_audit_checkpoint_to_json()).
 */
gboolean
tx_store_audit_export (TxStore     *self,
                       const char  *station,
                       const char  *path,
                       gint64      *entries,
                       GError     **error)
{
  const char *whose = station ? station : tx_store_get_station_id (self);
  TxAuditFilter filter = { .station = station };
  g_autoptr(GPtrArray) list = NULL, checkpoints = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *sign_pk = sign_pk_of (self, station);
  JsonObject *header = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint next = 0;

  list = tx_store_audit_find (self, &filter, error);
  if (list == NULL || !(checkpoints = tx_store_audit_checkpoints (self, whose, 0, error)))
    {
      json_object_unref (header);
      json_node_unref (node);
      return FALSE;
    }
  json_object_set_int_member (header, "tongxing_audit", 1);
  json_object_set_string_member (header, "station", whose);
  json_object_set_string_member (header, "sign_pk", sign_pk);
  json_node_take_object (node, header);
  append_line (s, node);
  /* the list is newest first */
  for (guint i = list->len; i-- > 0; )
    {
      TxAuditEntry *e = list->pdata[i];

      append_line (s, tx_audit_entry_to_json (e));
      for (; next < checkpoints->len && ((TxAuditCheckpoint *) checkpoints->pdata[next])->seq <= e->seq; next++)
        append_line (s, tx_audit_checkpoint_to_json (checkpoints->pdata[next]));
    }
  /* checkpoints past the last entry: the entries after it were cut off */
  for (; next < checkpoints->len; next++)
    append_line (s, tx_audit_checkpoint_to_json (checkpoints->pdata[next]));
  if (entries)
    *entries = list->len;
  /* the export is in the trail too, after what it holds */
  return g_file_set_contents_full (path, s->str, s->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error) &&
         tx_store_audit_file (self, "export", "audit", path, list->len, error);
}

/**
 * tx_store_audit_bulk:
 *
 * Makes the open transaction one bulk change (a ledger's import, the demo):
 * what it does is not audited entry by entry; the caller writes one entry
 * with the count after tx_store_audit_bulk_end(), or the transaction's end
 * ends it.
 */
void
tx_store_audit_bulk (TxStore *self)
{
  g_return_if_fail (self->depth > 0);
  self->audit_bulk = TRUE;
}

/**
 * tx_store_audit_bulk_end:
 *
 * Audits entry by entry again, for the bulk change's own entry.
 */
void
tx_store_audit_bulk_end (TxStore *self)
{
  self->audit_bulk = FALSE;
}

/**
 * tx_store_audit_record:
 * @kind: "child.add", "child.update", …
 * @before: (nullable): the record before, %NULL for a new one
 * @after: the record now
 *
 * Appends an entry naming the fields that changed — their keys, never
 * their values — in the caller's transaction; nothing for a change
 * without a changed field, or within a bulk change.
 */
gboolean
tx_store_audit_record (TxStore         *self,
                       const char      *kind,
                       const TxRecord  *before,
                       const TxRecord  *after,
                       GError         **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonObject) detail = json_object_new ();
  JsonArray *fields = json_array_new ();

  for (guint i = 0; i < form->n_fields; i++)
    if (before ? g_strcmp0 (before->values[i], after->values[i]) != 0 : after->values[i] != NULL)
      json_array_add_string_element (fields, form->fields[i].key);
  if (self->audit_bulk || (before && json_array_get_length (fields) == 0))
    {
      json_array_unref (fields);
      return TRUE;
    }
  json_object_set_array_member (detail, "fields", fields);
  if (after->draft)
    json_object_set_boolean_member (detail, "draft", TRUE);
  return tx_store_audit (self, kind, after->id, detail, error);
}

/* The row readers, for the branches of a trail (tx-store-audit-fork.c) */
gpointer
tx_audit_entry_from_row (sqlite3_stmt *stmt)
{
  return entry_from_row (stmt);
}

gpointer
tx_audit_checkpoint_from_row (sqlite3_stmt *stmt)
{
  return checkpoint_from_row (stmt);
}
