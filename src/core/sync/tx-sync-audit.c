/* tx-sync-audit.c — a township's audit trail, carried to the county in its exchange files
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A township's bundle for the county carries the entries of its own trail
 * after those the county has acknowledged (all of them in a full bundle),
 * and its signed checkpoints, as lines {"t":"audit","e":{…}} and
 * {"t":"audit_cp","c":{…}} in the shape of an exported trail
 * (store/tx-store-audit.c). The county keeps them as they came
 * (audit_remote; the checkpoints in audit_checkpoint under the township's
 * station) after checking them: the entries continue what it had, the
 * chain is unbroken, every checkpoint is signed by the township's key as
 * trusted here. A trail that does not prove itself refuses the whole
 * import, naming the station and the entry.
 *
 * A township restored from a backup older than the last exchange file the
 * county imported from it says so in its next file's header ("restored":
 * the last entry of its trail the backup held). When its entries after
 * that one differ from those the county has, the county keeps its own and
 * takes the new ones as a branch of the trail from that entry
 * (store/tx-store-audit-fork.c), proved like any other: chained from the
 * entry both share and signed by the township's key.
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tx-station-private.h"
#include "tx-store-audit.h"
#include "tx-store-audit-fork.h"
#include "tx-sync-audit.h"

struct _TxSyncAudit
{
  TxStore      *store;
  char         *sender;
  char         *sender_name;
  gint64        have;        /* the last entry of the sender's here */
  guint8        have_hash[TX_AUDIT_HASH_BYTES];
  gint64        branch;      /* the branch of its trail the sender goes on with (0: never forked) */
  gint64        branches;    /* how many forks its trail has here */
  gint64        restored;    /* the entry its bundle says it went on from after a restore, or 0 */
  gint64        bundle_seq;
  gboolean      forking;     /* its entries after @restored leave those here: a new branch */
  gint64        base;        /* entries up to this one are the county's already; the chain follows it */
  guint8        sign_pk[TX_STATION_PK_BYTES];
  gboolean      have_pk;
  TxAuditChain *chain;
  GPtrArray    *entries;      /* the new ones, to insert */
  GPtrArray    *checkpoints;  /* the new ones, to insert */
};

static gboolean
emit (JsonNode        *inner,
      const char      *t,
      const char      *member,
      TxSyncLineFunc   func,
      gpointer         data,
      GError         **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *o = json_object_new ();
  g_autofree char *text = NULL, *line = NULL;

  json_object_set_string_member (o, "t", t);
  json_object_set_member (o, member, inner);
  json_node_take_object (node, o);
  text = json_to_string (node, FALSE);
  line = g_strconcat (text, "\n", NULL);
  return func (line, strlen (line), data, error);
}

/**
 * tx_sync_export_audit:
 * @recipient: the station the bundle is for: only a county gets the trail
 * @full: every entry, not only those after the recipient's acknowledgement
 * @lines: (inout): the payload's lines, counted on
 * @audit_upto: (out): the last entry of this station's trail the bundle
 *   reaches (what the recipient's acknowledgement of it will mean)
 *
 * Calls @func with a line for each entry of this station's trail the
 * county does not have yet, and each of its checkpoints.
 */
gboolean
tx_sync_export_audit (TxStore         *self,
                      const char      *recipient,
                      gboolean         full,
                      TxSyncLineFunc   func,
                      gpointer         data,
                      guint           *lines,
                      TxSyncCounts    *counts,
                      gint64          *audit_upto,
                      GError         **error)
{
  g_autofree char *own_township = tx_store_get_setting (self, TX_SETTING_TOWNSHIP);
  g_autoptr(TxStation) to = tx_store_station_get (self, recipient, NULL);
  g_autoptr(GPtrArray) entries = NULL, checkpoints = NULL;
  TxAuditFilter filter = { 0 };
  gint64 acked = 0;
  sqlite3_stmt *stmt;
  guint next = 0;

  *audit_upto = 0;
  /* a township's trail goes to its county, not the other way */
  if (own_township == NULL || *own_township == '\0' || to == NULL || (to->township && *to->township))
    return TRUE;
  stmt = tx_store_prepare (self, "SELECT audit_acked FROM station WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, recipient);
  if (sqlite3_step (stmt) == SQLITE_ROW && !full)
    acked = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* newest first: read back to front */
  entries = tx_store_audit_find (self, &filter, error);
  if (entries == NULL || !(checkpoints = tx_store_audit_checkpoints (self, NULL, acked, error)))
    return FALSE;
  if (entries->len)
    *audit_upto = ((TxAuditEntry *) entries->pdata[0])->seq;
  for (guint i = entries->len; i-- > 0; )
    {
      TxAuditEntry *e = entries->pdata[i];

      if (e->seq <= acked)
        continue;
      if (!emit (tx_audit_entry_to_json (e), "audit", "e", func, data, error))
        return FALSE;
      (*lines)++;
      counts->audit++;
      for (; next < checkpoints->len && ((TxAuditCheckpoint *) checkpoints->pdata[next])->seq <= e->seq; next++)
        {
          JsonNode *c = tx_audit_checkpoint_to_json (checkpoints->pdata[next]);
          JsonNode *inner = json_node_copy (json_object_get_member (json_node_get_object (c), "checkpoint"));

          json_node_unref (c);
          if (!emit (inner, "audit_cp", "c", func, data, error))
            return FALSE;
          (*lines)++;
        }
    }
  return TRUE;
}

/**
 * tx_sync_audit_new:
 * @sender: the station whose bundle is being imported
 * @restored: the entry of its trail its bundle says it went on from after
 *   a restore from a backup, or 0
 * @bundle_seq: the bundle's number
 *
 * Returns: (transfer full): the state of its trail's import
 */
TxSyncAudit *
tx_sync_audit_new (TxStore    *store,
                   const char *sender,
                   const char *sender_name,
                   gint64      restored,
                   gint64      bundle_seq)
{
  TxSyncAudit *a = g_new0 (TxSyncAudit, 1);
  guint8 box_pk[TX_STATION_PK_BYTES];

  a->store = g_object_ref (store);
  a->sender = g_strdup (sender);
  a->sender_name = g_strdup (sender_name ? sender_name : sender);
  a->have_pk = tx_store_station_public_keys (store, sender, a->sign_pk, box_pk);
  tx_store_audit_head (store, sender, &a->branch, &a->branches, &a->have, a->have_hash, NULL);
  a->restored = restored > 0 && restored < a->have ? restored : 0;
  a->bundle_seq = bundle_seq;
  a->base = a->have;
  a->chain = tx_audit_chain_new (sender, a->have_pk ? a->sign_pk : NULL, a->have, a->have_hash);
  a->entries = g_ptr_array_new ();
  a->checkpoints = g_ptr_array_new ();
  return a;
}

void
tx_sync_audit_free (TxSyncAudit *a)
{
  if (a == NULL)
    return;
  g_object_unref (a->store);
  g_free (a->sender);
  g_free (a->sender_name);
  tx_audit_chain_free (a->chain);   /* owns the entries and checkpoints */
  g_ptr_array_unref (a->entries);
  g_ptr_array_unref (a->checkpoints);
  g_free (a);
}

static gboolean
refuse (TxSyncAudit  *a,
        const char   *why,
        GError      **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The exchange file from %s is refused: its audit trail does not prove itself. %s "
                 "Nothing was imported. Keep the file and tell the township's supervisor; if this "
                 "county's store was restored from a backup, ask the township for a full exchange "
                 "file (bundle export --full)."), a->sender_name, why);
  return FALSE;
}

static gboolean
refuse_entry (TxSyncAudit   *a,
              TxAuditBreak   how,
              gint64         seq,
              GError       **error)
{
  g_autofree char *why = NULL;

  if (how == TX_AUDIT_BAD_SIGNATURE)
    why = g_strdup_printf (_("The checkpoint at entry %lld of the audit trail of station %s is not "
                             "signed with the station's key."), (long long) seq, a->sender);
  else
    why = g_strdup_printf (_("Entry %lld of the audit trail of station %s was changed after it was "
                             "written."), (long long) seq, a->sender);
  return refuse (a, why, error);
}

/* The hash of an entry the county has of the sender, along the branch it
 * goes on with */
static gboolean
stored_hash (TxSyncAudit *a,
             gint64       seq,
             guint8      *hash)
{
  return tx_store_audit_lineage_hash (a->store, a->sender, a->branch, seq, hash);
}

/* An entry of the sender that is not the county's entry of that number:
 * after a restore the sender declared (its backup held its trail up to
 * @restored, and the entries since, a login and the restore's own, are
 * new), the first such entry that follows the county's entry before it
 * starts a new branch, chained from that one. The checkpoints that came
 * before it sign entries both branches share, checked already. */
static gboolean
fork_at (TxSyncAudit        *a,
         const TxAuditEntry *e)
{
  guint8 hash[TX_AUDIT_HASH_BYTES] = { 0 };

  if (a->restored == 0 || a->forking || e->seq - 1 > a->restored)
    return FALSE;
  if (e->seq > 1 && !stored_hash (a, e->seq - 1, hash))
    return FALSE;
  if (sodium_memcmp (hash, e->prev, TX_AUDIT_HASH_BYTES) != 0)
    return FALSE;
  a->forking = TRUE;
  a->restored = e->seq - 1;
  a->base = a->restored;
  g_ptr_array_set_size (a->checkpoints, 0);
  tx_audit_chain_free (a->chain);
  a->chain = tx_audit_chain_new (a->sender, a->have_pk ? a->sign_pk : NULL, a->restored, hash);
  return TRUE;
}

/**
 * tx_sync_audit_add_entry:
 * @o: the line's "e"
 *
 * Takes an entry of the sender's trail: one the county has must be the
 * same, a new one goes into the chain checked at the end.
 */
gboolean
tx_sync_audit_add_entry (TxSyncAudit  *a,
                         JsonObject   *o,
                         GError      **error)
{
  TxAuditEntry *e = o ? tx_audit_entry_from_json (o) : NULL;
  guint8 hash[TX_AUDIT_HASH_BYTES];
  gint64 seq = 0;

  if (e == NULL)
    {
      g_autofree char *why = g_strdup_printf (_("An entry of the audit trail of station %s cannot be read."),
                                              a->sender);
      return refuse (a, why, error);
    }
  seq = e->seq;
  if (g_strcmp0 (e->station, a->sender) != 0)
    {
      tx_audit_entry_free (e);
      return refuse_entry (a, TX_AUDIT_CHANGED, seq, error);
    }
  if (seq <= a->base)
    {
      gboolean same = stored_hash (a, seq, hash) && sodium_memcmp (hash, e->hash, TX_AUDIT_HASH_BYTES) == 0;

      if (same || !fork_at (a, e))
        {
          tx_audit_entry_free (e);
          return same || refuse_entry (a, TX_AUDIT_CHANGED, seq, error);
        }
    }
  g_ptr_array_add (a->entries, e);
  tx_audit_chain_add_entry (a->chain, e);
  return TRUE;
}

/**
 * tx_sync_audit_add_checkpoint:
 * @o: the line's "c"
 */
gboolean
tx_sync_audit_add_checkpoint (TxSyncAudit  *a,
                              JsonObject   *o,
                              GError      **error)
{
  TxAuditCheckpoint *c = o ? tx_audit_checkpoint_from_json (o) : NULL;
  guint8 hash[TX_AUDIT_HASH_BYTES];
  gint64 seq;

  if (c == NULL || g_strcmp0 (c->station, a->sender) != 0)
    {
      seq = c ? c->seq : a->have + 1;
      tx_audit_checkpoint_free (c);
      return refuse_entry (a, TX_AUDIT_BAD_SIGNATURE, seq, error);
    }
  seq = c->seq;
  if (seq <= a->base)
    {
      /* a checkpoint of entries the county had: checked now */
      if (!stored_hash (a, seq, hash) || sodium_memcmp (hash, c->hash, TX_AUDIT_HASH_BYTES) != 0)
        {
          tx_audit_checkpoint_free (c);
          return refuse_entry (a, TX_AUDIT_CHANGED, seq, error);
        }
      if (!tx_audit_checkpoint_valid (c, a->have_pk ? a->sign_pk : NULL))
        {
          tx_audit_checkpoint_free (c);
          return refuse_entry (a, TX_AUDIT_BAD_SIGNATURE, seq, error);
        }
      /* kept apart from the chain, which checks only those after what was here;
       * a branch's are those after the entry it left from */
      if (a->branch == 0 && !a->forking)
        g_ptr_array_add (a->checkpoints, c);
      tx_audit_chain_add_checkpoint (a->chain, c);
      return TRUE;
    }
  g_ptr_array_add (a->checkpoints, c);
  tx_audit_chain_add_checkpoint (a->chain, c);
  return TRUE;
}

/* The sender's new branch, from the entry it went on from after its
 * restore, and this station's own entry saying so */
static gboolean
record_fork (TxSyncAudit  *a,
             const char   *now,
             gint64       *branch,
             GError      **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  sqlite3_stmt *stmt = tx_store_prepare (a->store, "INSERT INTO audit_fork (station, branch, parent, at_seq, "
                                                   "left_upto, bundle_seq, received_at) VALUES (?1, ?2, ?3, ?4, "
                                                   "?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  *branch = a->branches + 1;
  tx_store_bind_text (stmt, 1, a->sender);
  sqlite3_bind_int64 (stmt, 2, *branch);
  sqlite3_bind_int64 (stmt, 3, a->branch);
  sqlite3_bind_int64 (stmt, 4, a->restored);
  sqlite3_bind_int64 (stmt, 5, a->have);
  sqlite3_bind_int64 (stmt, 6, a->bundle_seq);
  tx_store_bind_text (stmt, 7, now);
  if (!tx_store_step_done (a->store, stmt, error))
    return FALSE;
  json_object_set_string_member (detail, "station", a->sender);
  json_object_set_int_member (detail, "branch", *branch);
  json_object_set_int_member (detail, "from_entry", a->restored);
  json_object_set_int_member (detail, "left_upto", a->have);
  json_object_set_int_member (detail, "bundle", a->bundle_seq);
  return tx_store_audit (a->store, "audit.fork", NULL, detail, error);
}

/**
 * tx_sync_audit_forked:
 *
 * Returns: whether the sender's trail goes on from an earlier entry than
 *   this station had (a new branch, written by tx_sync_audit_finish())
 */
gboolean
tx_sync_audit_forked (TxSyncAudit *a)
{
  return a->forking;
}

/**
 * tx_sync_audit_finish:
 * @added: (out): how many entries were new here
 *
 * Checks the chain the new entries make after what the county had, and
 * writes them with their checkpoints, in the import's transaction.
 */
gboolean
tx_sync_audit_finish (TxSyncAudit  *a,
                      guint        *added,
                      GError      **error)
{
  g_autoptr(TxAuditVerdict) v = tx_audit_chain_verify (a->chain);
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt;

  gint64 branch = a->branch;

  *added = 0;
  if (v->broken != TX_AUDIT_UNBROKEN)
    return refuse (a, v->message, error);
  /* a branch is taken only signed by the station's key: the export signs
   * the trail up to its last entry before it writes it */
  if (a->forking && v->checkpoints == 0)
    return refuse_entry (a, TX_AUDIT_BAD_SIGNATURE,
                         a->entries->len ? ((TxAuditEntry *) a->entries->pdata[a->entries->len - 1])->seq
                                         : a->restored + 1, error);
  if (a->forking && !record_fork (a, now, &branch, error))
    return FALSE;
  stmt = branch > 0
    ? tx_store_prepare (a->store, "INSERT INTO audit_fork_entry (station, seq, at, person, kind, child, detail, "
                                  "prev, hash, received_at, branch) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                        error)
    : tx_store_prepare (a->store, "INSERT INTO audit_remote (station, seq, at, person, kind, child, detail, "
                                  "prev, hash, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < a->entries->len; i++)
    {
      TxAuditEntry *e = a->entries->pdata[i];

      tx_store_bind_text (stmt, 1, a->sender);
      sqlite3_bind_int64 (stmt, 2, e->seq);
      tx_store_bind_text (stmt, 3, e->at);
      tx_store_bind_text (stmt, 4, e->person);
      tx_store_bind_text (stmt, 5, e->kind);
      tx_store_bind_text (stmt, 6, e->child);
      tx_store_bind_text (stmt, 7, e->detail);
      sqlite3_bind_blob (stmt, 8, e->prev, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 9, e->hash, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
      tx_store_bind_text (stmt, 10, now);
      if (branch > 0)
        sqlite3_bind_int64 (stmt, 11, branch);
      if (!tx_store_step_done (a->store, stmt, error))
        return FALSE;
    }
  stmt = branch > 0
    ? tx_store_prepare (a->store, "INSERT OR IGNORE INTO audit_fork_checkpoint (seq, at, station, hash, key_id, "
                                  "signature, branch) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)
    : tx_store_prepare (a->store, "INSERT OR IGNORE INTO audit_checkpoint (seq, at, station, hash, key_id, "
                                  "signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < a->checkpoints->len; i++)
    {
      TxAuditCheckpoint *c = a->checkpoints->pdata[i];

      sqlite3_bind_int64 (stmt, 1, c->seq);
      tx_store_bind_text (stmt, 2, c->at);
      tx_store_bind_text (stmt, 3, a->sender);
      sqlite3_bind_blob (stmt, 4, c->hash, TX_AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 5, c->key_id, TX_STATION_KEY_ID_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 6, c->signature, TX_AUDIT_SIGNATURE_BYTES, SQLITE_TRANSIENT);
      if (branch > 0)
        sqlite3_bind_int64 (stmt, 7, branch);
      if (!tx_store_step_done (a->store, stmt, error))
        return FALSE;
    }
  *added = a->entries->len;
  return TRUE;
}

/**
 * tx_sync_audit_bundle:
 * @kind: "bundle.export" or "bundle.import"
 * @station: the station the bundle was for, or came from
 *
 * Appends the audit entry of a bundle made or imported, with its counts,
 * in the caller's transaction.
 */
gboolean
tx_sync_audit_bundle (TxStore             *store,
                      const char          *kind,
                      const char          *station,
                      const TxSyncCounts  *counts,
                      GError             **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "station", station);
  json_object_set_int_member (detail, "children", counts->children);
  json_object_set_int_member (detail, "visits", counts->visits);
  json_object_set_int_member (detail, "urgent_cases", counts->urgent_cases);
  json_object_set_int_member (detail, "transfers", counts->transfers);
  json_object_set_int_member (detail, "audit", counts->audit);
  return tx_store_audit (store, kind, NULL, detail, error);
}
