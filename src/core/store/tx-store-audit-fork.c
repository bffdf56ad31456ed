/* tx-store-audit-fork.c — another station's audit trail that forked when it was restored from a backup
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A township restored from a backup older than the last exchange file the
 * county imported from it goes on from an earlier entry of its trail
 * than the county holds. The county keeps the entries it had, as they
 * came (branch 0 in audit_remote, or an earlier branch), and takes the new
 * branch from the last entry both share (sync/tx-sync-audit.c checks and
 * writes it). Here: the forks of a station, the head of the branch it goes
 * on with, the hash of an entry along that branch's line, and the proof
 * of every branch, each from the entry it left from, with its checkpoints
 * signed by the station's key.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-store-audit-fork.h"
#include "tx-store-private.h"

void
tx_audit_fork_free (TxAuditFork *fork)
{
  if (fork == NULL)
    return;
  g_free (fork->received_at);
  g_free (fork);
}

static gpointer
fork_from_row (sqlite3_stmt *stmt)
{
  TxAuditFork *f = g_new0 (TxAuditFork, 1);

  f->branch = sqlite3_column_int64 (stmt, 0);
  f->parent = sqlite3_column_int64 (stmt, 1);
  f->at_seq = sqlite3_column_int64 (stmt, 2);
  f->left_upto = sqlite3_column_int64 (stmt, 3);
  f->bundle_seq = sqlite3_column_int64 (stmt, 4);
  f->received_at = tx_store_column_text (stmt, 5);
  f->entries = sqlite3_column_int64 (stmt, 6);
  return f;
}

/**
 * tx_store_audit_forks:
 * @station: a station whose trail came in its exchange files
 *
 * Returns: (transfer container) (element-type TxAuditFork): its forks, in
 *   the order they came, or %NULL with @error set
 */
GPtrArray *
tx_store_audit_forks (TxStore     *self,
                      const char  *station,
                      GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT branch, parent, at_seq, left_upto, bundle_seq, received_at, (SELECT count(*) FROM audit_fork_entry e "
      "WHERE e.station = f.station AND e.branch = f.branch) FROM audit_fork f WHERE station = ?1 ORDER BY branch",
      error);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, station);
  return tx_store_collect (self, stmt, fork_from_row, (GDestroyNotify) tx_audit_fork_free, error);
}

/* seq and hash of the first row of @stmt, bound and stepped here */
static gboolean
step_seq_hash (TxStore      *self,
               sqlite3_stmt *stmt,
               gint64       *seq,
               guint8       *hash,
               gboolean     *found,
               GError      **error)
{
  int rc = sqlite3_step (stmt);

  *found = rc == SQLITE_ROW;
  if (*found)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      if (hash && sqlite3_column_bytes (stmt, 1) == TX_AUDIT_HASH_BYTES)
        memcpy (hash, sqlite3_column_blob (stmt, 1), TX_AUDIT_HASH_BYTES);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* The branch @branch left from, and the entry it goes on from */
static gboolean
fork_of (TxStore     *self,
         const char  *station,
         gint64       branch,
         gint64      *parent,
         gint64      *at_seq)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT parent, at_seq FROM audit_fork WHERE station = ?1 "
                                               "AND branch = ?2", NULL);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, station);
  sqlite3_bind_int64 (stmt, 2, branch);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *parent = sqlite3_column_int64 (stmt, 0);
      *at_seq = sqlite3_column_int64 (stmt, 1);
      ok = TRUE;
    }
  sqlite3_reset (stmt);
  return ok;
}

/**
 * tx_store_audit_lineage_hash:
 * @branch: the branch whose line is followed: its own entries after the
 *   one it left from, then those of the branch it left, back to branch 0
 * @hash: (out caller-allocates): the entry's hash
 *
 * Returns: whether the line has entry @seq
 */
gboolean
tx_store_audit_lineage_hash (TxStore     *self,
                             const char  *station,
                             gint64       branch,
                             gint64       seq,
                             guint8      *hash)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  gint64 got = 0;

  /* a branch's parent is always an earlier one: the walk ends */
  while (branch > 0)
    {
      gint64 parent = 0, at_seq = 0;

      if (!fork_of (self, station, branch, &parent, &at_seq) || parent >= branch)
        return FALSE;
      if (seq > at_seq)
        break;
      branch = parent;
    }
  stmt = branch > 0
    ? tx_store_prepare (self, "SELECT seq, hash FROM audit_fork_entry WHERE station = ?1 AND seq = ?2 "
                              "AND branch = ?3", NULL)
    : tx_store_prepare (self, "SELECT seq, hash FROM audit_remote WHERE station = ?1 AND seq = ?2", NULL);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, station);
  sqlite3_bind_int64 (stmt, 2, seq);
  if (branch > 0)
    sqlite3_bind_int64 (stmt, 3, branch);
  return step_seq_hash (self, stmt, &got, hash, &found, NULL) && found;
}

/**
 * tx_store_audit_head:
 * @branch: (out): the branch the station goes on with (its latest fork),
 *   0 while its trail never forked
 * @branches: (out): how many forks there are
 * @seq: (out): the last entry of that branch's line, 0 for none
 * @hash: (out caller-allocates): its hash, zeros for none
 */
gboolean
tx_store_audit_head (TxStore     *self,
                     const char  *station,
                     gint64      *branch,
                     gint64      *branches,
                     gint64      *seq,
                     guint8      *hash,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  *branch = *branches = *seq = 0;
  memset (hash, 0, TX_AUDIT_HASH_BYTES);
  stmt = tx_store_prepare (self, "SELECT coalesce (max (branch), 0) FROM audit_fork WHERE station = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, station);
  if (!step_seq_hash (self, stmt, branches, NULL, &found, error))
    return FALSE;
  *branch = *branches;
  stmt = *branch > 0
    ? tx_store_prepare (self, "SELECT seq, hash FROM audit_fork_entry WHERE station = ?1 AND branch = ?2 "
                              "ORDER BY seq DESC LIMIT 1", error)
    : tx_store_prepare (self, "SELECT seq, hash FROM audit_remote WHERE station = ?1 ORDER BY seq DESC LIMIT 1",
                        error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, station);
  if (*branch > 0)
    sqlite3_bind_int64 (stmt, 2, *branch);
  if (!step_seq_hash (self, stmt, seq, hash, &found, error))
    return FALSE;
  if (!found && *branch > 0)
    {
      /* a branch without entries yet goes on from where it left */
      gint64 parent = 0;

      if (fork_of (self, station, *branch, &parent, seq) && *seq > 0)
        tx_store_audit_lineage_hash (self, station, parent, *seq, hash);
    }
  return TRUE;
}

/**
 * tx_store_audit_verify_forks:
 * @sign_pk: (nullable): the station's public signing key
 * @verdict: (transfer full): the verdict on branch 0
 *
 * Proves each branch of @station's trail after the one its trail first
 * came in: each from the entry it left from, with its checkpoints.
 *
 * Returns: (transfer full): @verdict with the branches' entries and
 *   checkpoints counted, or the first broken branch's verdict; %NULL with
 *   @error set if the store cannot be read
 */
TxAuditVerdict *
tx_store_audit_verify_forks (TxStore         *self,
                             const char      *station,
                             const guint8    *sign_pk,
                             TxAuditVerdict  *verdict,
                             GError         **error)
{
  g_autoptr(TxAuditVerdict) v = verdict;
  g_autoptr(GPtrArray) forks = NULL;

  if (v->broken != TX_AUDIT_UNBROKEN)
    return g_steal_pointer (&v);
  if (!(forks = tx_store_audit_forks (self, station, error)))
    return NULL;
  for (guint i = 0; i < forks->len; i++)
    {
      TxAuditFork *f = forks->pdata[i];
      guint8 at_hash[TX_AUDIT_HASH_BYTES] = { 0 };
      g_autoptr(TxAuditChain) chain = NULL;
      g_autoptr(TxAuditVerdict) b = NULL;
      g_autoptr(GPtrArray) entries = NULL, checkpoints = NULL;
      sqlite3_stmt *stmt;

      if (f->at_seq > 0 && !tx_store_audit_lineage_hash (self, station, f->parent, f->at_seq, at_hash))
        {
          /* the entry the branch goes on from is not here */
          b = g_new0 (TxAuditVerdict, 1);
          b->station = g_strdup (station);
          b->broken = TX_AUDIT_MISSING;
          b->seq = f->at_seq;
          b->message = g_strdup_printf (_("Entry %lld of the audit trail of station %s is missing: it was "
                                          "removed."), (long long) f->at_seq, station);
          return g_steal_pointer (&b);
        }
      chain = tx_audit_chain_new (station, sign_pk, f->at_seq, at_hash);
      stmt = tx_store_prepare (self, "SELECT seq, at, station, person, kind, child, detail, prev, hash "
                                     "FROM audit_fork_entry WHERE station = ?1 AND branch = ?2 ORDER BY seq", error);
      if (stmt == NULL)
        return NULL;
      tx_store_bind_text (stmt, 1, station);
      sqlite3_bind_int64 (stmt, 2, f->branch);
      if (!(entries = tx_store_collect (self, stmt, tx_audit_entry_from_row, (GDestroyNotify) tx_audit_entry_free,
                                        error)))
        return NULL;
      stmt = tx_store_prepare (self, "SELECT seq, at, station, hash, key_id, signature FROM audit_fork_checkpoint "
                                     "WHERE station = ?1 AND branch = ?2 ORDER BY seq", error);
      if (stmt == NULL)
        return NULL;
      tx_store_bind_text (stmt, 1, station);
      sqlite3_bind_int64 (stmt, 2, f->branch);
      if (!(checkpoints = tx_store_collect (self, stmt, tx_audit_checkpoint_from_row,
                                            (GDestroyNotify) tx_audit_checkpoint_free, error)))
        return NULL;
      for (guint k = 0; k < entries->len; k++)
        tx_audit_chain_add_entry (chain, g_steal_pointer (&entries->pdata[k]));
      for (guint k = 0; k < checkpoints->len; k++)
        tx_audit_chain_add_checkpoint (chain, g_steal_pointer (&checkpoints->pdata[k]));
      b = tx_audit_chain_verify (chain);
      if (b->broken != TX_AUDIT_UNBROKEN)
        return g_steal_pointer (&b);
      v->entries += b->entries;
      v->checkpoints += b->checkpoints;
    }
  return g_steal_pointer (&v);
}
