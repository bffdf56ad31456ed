/* tx-sync.c — the payload of a bundle, and the merge
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Field versions (store/tx-store-versions.c) say which change of a field
 * came after which.
 *
 * Merging a field is then:
 * - the incoming version is known here (its vector is covered by ours):
 *   nothing to do;
 * - it follows ours (its vector covers ours): take it;
 * - neither: the same field was changed at two stations. The later version
 *   (clock, then station id) is kept everywhere, whatever the order of the
 *   imports, with the merged vector; the other value goes to the conflict
 *   queue for a person to settle.
 * A deletion is the field "_deleted": a record is deleted when that version
 * is later than every version of its fields, so a tombstone wins over older
 * edits and loses to newer ones. Visits never change once written; they
 * travel whole.
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-form.h"
#include "tx-rules.h"
#include "tx-store-register.h"
#include "tx-sync-audit.h"
#include "tx-sync-private.h"

/* Import */

struct _TxSyncApply {
  TxStore       *store;
  JsonParser    *parser;
  char          *visit_sql;
  gint64         seq;       /* the local change counter, written back at the end */
  char          *sender;
  char          *sender_name;
  char          *now;
  gint64         max_hlc;
  guint          lines;
  gboolean       ended;
  GHashTable    *visited;   /* children whose record, visits or urgent cases came;
                             * NULL once they are too many to list: all, then */
  TxSyncCounts   counts;
  TxSyncAudit   *audit;     /* the sender's audit trail, checked at the end */
  gint64         restored;  /* the entry of its trail the sender went on from after a restore, or 0 */
  gint64         bundle_seq;
};

TxSyncApply *
tx_sync_apply_new (TxStore    *store,
                   const char *sender,
                   const char *sender_name)
{
  TxSyncApply *a = g_new0 (TxSyncApply, 1);

  a->store = g_object_ref (store);
  a->parser = json_parser_new ();
  {
    GString *sql = g_string_new ("INSERT OR IGNORE INTO visit (uuid, " VISIT_SYNC_COLUMNS
                                 ", sync_seq, sync_origin) VALUES (?1");
    /* ?1 the id, then the columns, then the change counter and the sender */
    for (guint i = 2; i <= G_N_ELEMENTS (tx_sync_visit_columns) + 3; i++)
      g_string_append_printf (sql, ", ?%u", i);
    g_string_append_c (sql, ')');
    a->visit_sql = g_string_free (sql, FALSE);
  }
  a->seq = tx_store_get_setting_int (store, "sync_seq");
  a->sender = g_strdup (sender);
  a->sender_name = g_strdup (sender_name);
  a->now = tx_store_now_iso ();
  a->visited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return a;
}

/**
 * tx_sync_apply_set_restored:
 * @restored: the last entry of the sender's audit trail its backup held,
 *   as its bundle's header says, or 0
 * @bundle_seq: the bundle's number
 *
 * The sender was restored from a backup: its trail may go on from an
 * earlier entry than this station has (tx-sync-audit.c).
 */
void
tx_sync_apply_set_restored (TxSyncApply *a,
                            gint64       restored,
                            gint64       bundle_seq)
{
  a->restored = restored;
  a->bundle_seq = bundle_seq;
}

/**
 * tx_sync_apply_forked:
 *
 * Returns: whether the sender's audit trail went on, after a restore, from
 *   an earlier entry than this station had
 */
gboolean
tx_sync_apply_forked (TxSyncApply *a)
{
  return a->audit && tx_sync_audit_forked (a->audit);
}

void
tx_sync_apply_free (TxSyncApply *a)
{
  if (a == NULL)
    return;
  g_object_unref (a->store);
  g_object_unref (a->parser);
  g_free (a->visit_sql);
  g_free (a->sender);
  g_free (a->sender_name);
  g_free (a->now);
  g_clear_pointer (&a->visited, g_hash_table_unref);
  g_clear_pointer (&a->audit, tx_sync_audit_free);
  g_free (a);
}

/* Notes a child to work out again at the end. Beyond 50,000 (a county's
 * first bundle) every child is: memory stays the same whatever the
 * bundle's size */
static void
revisit_later (TxSyncApply *a,
               const char  *child)
{
  if (a->visited == NULL || child == NULL || g_hash_table_contains (a->visited, child))
    return;
  if (g_hash_table_size (a->visited) >= 50000)
    g_clear_pointer (&a->visited, g_hash_table_unref);
  else
    g_hash_table_add (a->visited, g_strdup (child));
}

static gboolean
bad_line (TxSyncApply  *a,
          GError      **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("Record %u of the bundle cannot be read. The bundle is damaged or was made by a "
                 "newer version of Tongxing; nothing was imported."), a->lines);
  return FALSE;
}

/* A field as it came: a plain value (the empty version) or [value, hlc,
 * station, vv] */
static gboolean
read_field (JsonNode    *node,
            const char **value,
            TxVersion         *v)
{
  /* most fields come without a version: the empty one, kept if it is */
  if (v->station && !*v->station && v->vv && !*v->vv)
    v->hlc = 0;
  else
    tx_version_set (v, 0, "", "");
  *value = NULL;
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *value = json_node_get_string (node);
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);
      JsonNode *n0, *n1, *n2, *n3;

      if (json_array_get_length (arr) != 4)
        return FALSE;
      n0 = json_array_get_element (arr, 0);
      n1 = json_array_get_element (arr, 1);
      n2 = json_array_get_element (arr, 2);
      n3 = json_array_get_element (arr, 3);
      if (!(JSON_NODE_HOLDS_NULL (n0) || (JSON_NODE_HOLDS_VALUE (n0) && json_node_get_value_type (n0) == G_TYPE_STRING)) ||
          !JSON_NODE_HOLDS_VALUE (n1) || json_node_get_value_type (n1) != G_TYPE_INT64 ||
          !JSON_NODE_HOLDS_VALUE (n2) || json_node_get_value_type (n2) != G_TYPE_STRING ||
          !JSON_NODE_HOLDS_VALUE (n3) || json_node_get_value_type (n3) != G_TYPE_STRING)
        return FALSE;
      *value = JSON_NODE_HOLDS_NULL (n0) ? NULL : json_node_get_string (n0);
      tx_version_set (v, json_node_get_int (n1), json_node_get_string (n2), json_node_get_string (n3));
      return v->hlc >= 0;
    }
  return FALSE;
}

/**
 * tx_sync_merge_field:
 * @l: the field's version here
 * @i: the incoming version
 * @out: (out caller-allocates): the version the field ends with
 *
 * Decides one field. A pure function of the two versions, so that every
 * station, whatever the order of its imports, ends with the same version.
 */
TxMerge
tx_sync_merge_field (const TxVersion  *l,
                     const TxVersion  *i,
                     TxVersion        *out)
{
  g_autofree char *vv = NULL;

  if (tx_vv_leq (i->vv, l->vv) && tx_version_compare (i, l) <= 0)
    {
      tx_version_copy (out, l);
      return TX_MERGE_SKIP;
    }
  if (tx_vv_leq (l->vv, i->vv))
    {
      tx_version_copy (out, i);
      return TX_MERGE_TAKE;
    }
  vv = tx_vv_merge (l->vv, i->vv);
  if (tx_version_compare (i, l) > 0)
    {
      tx_version_set (out, i->hlc, i->station, vv);
      return TX_MERGE_REPLACE;
    }
  tx_version_set (out, l->hlc, l->station, vv);
  return TX_MERGE_KEEP;
}

static gboolean
queue_conflict (TxSyncApply  *a,
                const char   *tbl,
                const char   *uuid,
                const char   *field,
                const char   *mine,
                const char   *theirs,
                gboolean      kept_mine,
                GError      **error)
{
  sqlite3_stmt *stmt;

  if (g_strcmp0 (mine, theirs) == 0)
    return TRUE;
  stmt = tx_store_prepare (a->store,
      "INSERT INTO conflict (tbl, uuid, field, mine, theirs, kept, station, at) "
      "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 WHERE NOT EXISTS (SELECT 1 FROM conflict WHERE tbl = ?1 "
      "AND uuid = ?2 AND field = ?3 AND resolved_at IS NULL AND mine IS ?4 AND theirs IS ?5)", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  tx_store_bind_text (stmt, 3, field);
  tx_store_bind_text (stmt, 4, mine);
  tx_store_bind_text (stmt, 5, theirs);
  tx_store_bind_text (stmt, 6, kept_mine ? "mine" : "theirs");
  tx_store_bind_text (stmt, 7, a->sender);
  tx_store_bind_text (stmt, 8, a->now);
  if (!tx_store_step_done (a->store, stmt, error))
    return FALSE;
  a->counts.conflicts += sqlite3_changes (tx_store_get_db (a->store)) > 0;
  return TRUE;
}

/* A newer version settled the field here: the conflicts about it are over */
static gboolean
close_conflicts (TxSyncApply  *a,
                 const char   *tbl,
                 const char   *uuid,
                 const char   *field,
                 GError      **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (a->store,
      "UPDATE conflict SET resolved_at = ?4, resolution = 'superseded' "
      "WHERE tbl = ?1 AND uuid = ?2 AND field = ?3 AND resolved_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  tx_store_bind_text (stmt, 3, field);
  tx_store_bind_text (stmt, 4, a->now);
  return tx_store_step_done (a->store, stmt, error);
}

static void
see_hlc (TxSyncApply *a,
         const TxVersion   *v)
{
  a->max_hlc = MAX (a->max_hlc, v->hlc);
}

/* One field of a record that exists here: merges, records the version,
 * queues a conflict. *@value is set to the value the field ends with when
 * it changes; @diverged when the record here now differs from the sender's. */
static gboolean
merge_one (TxSyncApply  *a,
           const char   *tbl,
           const char   *uuid,
           const char   *field,
           const char   *mine,
           GHashTable   *versions,
           JsonNode     *node,
           const char  **value,
           gboolean     *changed,
           gboolean     *diverged,
           GError      **error)
{
  TxVersion empty = { 0, (char *) "", (char *) "" };
  const TxVersion *l = g_hash_table_lookup (versions, field);
  TxVersion i = { 0 }, out = { 0 };
  const char *theirs;
  gboolean ok = TRUE;
  TxMerge m;

  *value = mine;
  if (!read_field (node, &theirs, &i))
    {
      tx_version_clear (&i);
      return bad_line (a, error);
    }
  see_hlc (a, &i);
  m = tx_sync_merge_field (l ? l : &empty, &i, &out);
  switch (m)
    {
    case TX_MERGE_SKIP:
      /* what came is older than what is here */
      if (tx_version_compare (&i, l ? l : &empty) != 0 || g_strcmp0 (mine, theirs) != 0)
        *diverged = TRUE;
      break;
    case TX_MERGE_TAKE:
      *value = theirs;
      *changed = *changed || g_strcmp0 (mine, theirs) != 0;
      ok = (i.hlc == 0 || tx_store_save_version (a->store, tbl, uuid, field, &out, error)) &&
           close_conflicts (a, tbl, uuid, field, error);
      break;
    case TX_MERGE_REPLACE:
      *value = theirs;
      *changed = *changed || g_strcmp0 (mine, theirs) != 0;
      *diverged = TRUE;
      ok = tx_store_save_version (a->store, tbl, uuid, field, &out, error) &&
           queue_conflict (a, tbl, uuid, field, mine, theirs, FALSE, error);
      break;
    case TX_MERGE_KEEP:
      *diverged = TRUE;
      ok = tx_store_save_version (a->store, tbl, uuid, field, &out, error) &&
           queue_conflict (a, tbl, uuid, field, mine, theirs, TRUE, error);
      break;
    }
  /* the record's versions as they are now, for what the caller decides next */
  if (ok && m != TX_MERGE_SKIP && out.hlc > 0)
    {
      TxVersion *now = g_new0 (TxVersion, 1);
      *now = out;
      g_hash_table_insert (versions, g_strdup (field), now);
    }
  else
    tx_version_clear (&out);
  tx_version_clear (&i);
  return ok;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static JsonObject *
member_object (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && JSON_NODE_HOLDS_OBJECT (n) ? json_node_get_object (n) : NULL;
}

static gboolean
plausible_id (const char *id)
{
  if (id == NULL || strlen (id) < 8 || strlen (id) > 64)
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* The later of the versions of a record's fields */
static void
latest_field (GHashTable *versions,
              TxVersion        *latest)
{
  GHashTableIter it;
  gpointer k, v;

  tx_version_set (latest, 0, "", "");
  g_hash_table_iter_init (&it, versions);
  while (g_hash_table_iter_next (&it, &k, &v))
    if (!g_str_equal (k, "_deleted") && tx_version_compare (v, latest) > 0)
      tx_version_copy (latest, v);
}

static gboolean
flag_duplicates (TxSyncApply  *a,
                 const char   *uuid,
                 const char   *id_number,
                 GError      **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);

  if (id_number == NULL)
    return TRUE;
  stmt = tx_store_prepare (a->store, "SELECT uuid FROM child WHERE f_id_number = ?1 AND deleted = 0 "
                                     "AND uuid != ?2", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id_number);
  tx_store_bind_text (stmt, 2, uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (others, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  for (guint i = 0; i < others->len; i++)
    {
      const char *o = others->pdata[i];
      gboolean first = strcmp (uuid, o) < 0;

      stmt = tx_store_prepare (a->store, "INSERT OR IGNORE INTO duplicate (id_number, a, b, at) "
                                         "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, id_number);
      tx_store_bind_text (stmt, 2, first ? uuid : o);
      tx_store_bind_text (stmt, 3, first ? o : uuid);
      tx_store_bind_text (stmt, 4, a->now);
      if (!tx_store_step_done (a->store, stmt, error))
        return FALSE;
      a->counts.duplicates += sqlite3_changes (tx_store_get_db (a->store)) > 0;
    }
  return TRUE;
}

static gboolean
apply_child (TxSyncApply  *a,
             JsonObject   *o,
             GError      **error)
{
  const char *uuid = member_string (o, "id");
  const char *created = member_string (o, "c");
  JsonObject *f = member_object (o, "f");
  JsonNode *dnode = json_object_get_member (o, "d");
  g_autoptr(TxRecord) local = NULL;
  g_autoptr(TxRecord) merged = NULL;
  g_autoptr(GHashTable) versions = NULL;
  TxVersion d_here = { 0 }, d_came = { 0 }, latest = { 0 }, came = { 0 };
  gboolean alive_here, dead = FALSE, changed = FALSE, diverged = FALSE, ok = FALSE;
  gint64 rowid = 0;
  JsonObjectIter members;
  const char *key;
  JsonNode *node;

  if (!plausible_id (uuid) || created == NULL || f == NULL)
    return bad_line (a, error);
  a->counts.children++;
  local = tx_store_read_record (a->store, uuid, &rowid);
  alive_here = local && !local->deleted;
  versions = tx_store_load_versions (a->store, "child", uuid);
  merged = local ? tx_record_copy (local) : tx_record_new ();
  if (!local)
    {
      merged->id = g_strdup (uuid);
      merged->created_at = g_strdup (created);
    }

  /* the tombstone: the later of the two */
  {
    const TxVersion *dl = g_hash_table_lookup (versions, "_deleted");
    const char *unused;

    tx_version_set (&d_here, 0, "", "");
    if (dl)
      tx_version_copy (&d_here, dl);
    tx_version_set (&d_came, 0, "", "");
    if (dnode && !read_field (dnode, &unused, &d_came))
      goto bad;
    see_hlc (a, &d_came);
    if (tx_version_compare (&d_came, &d_here) > 0)
      {
        g_autofree char *vv = tx_vv_merge (d_here.vv, d_came.vv);
        tx_version_set (&d_here, d_came.hlc, d_came.station, vv);
        if (!tx_store_save_version (a->store, "child", uuid, "_deleted", &d_here, error))
          goto out;
        changed = TRUE;
      }
    else if (dl && tx_version_compare (&d_came, &d_here) < 0)
      diverged = TRUE;
  }
  if (d_came.hlc)
    a->counts.tombstones++;

  /* in the line's order, without a list of the members copied for each
   * child (a million at a district's first import) */
  json_object_iter_init_ordered (&members, f);
  while (json_object_iter_next_ordered (&members, &key, &node))
    {
      int idx = -1;
      const char *value, *mine;

      if (!g_str_equal (key, "_draft") && !g_str_equal (key, "_register"))
        {
          idx = TX_F (key);
          /* a field this version does not know, or works out itself */
          if (idx < 0 || !tx_field_synced (&tx_form_get ()->fields[idx]))
            continue;
        }
      mine = idx >= 0 ? merged->values[idx]
           : g_str_equal (key, "_draft") ? (merged->draft ? "1" : "0")
           : merged->register_value;
      if (!alive_here)
        {
          /* nothing here to merge with: what came is the record */
          if (!read_field (node, &value, &came))
            goto bad;
          see_hlc (a, &came);
          if (came.hlc > 0)
            {
              TxVersion *copy = g_new0 (TxVersion, 1);
              tx_version_copy (copy, &came);
              g_hash_table_insert (versions, g_strdup (key), copy);
            }
        }
      else if (!merge_one (a, "child", uuid, key, mine, versions, node, &value, &changed, &diverged, error))
        goto out;
      if (idx >= 0)
        tx_record_set (merged, idx, value);
      else if (g_str_equal (key, "_draft"))
        merged->draft = g_strcmp0 (value, "1") == 0;
      else if (value != merged->register_value)
        {
          /* the last exit or reopening: the register's state, the exit and
           * the schedule follow from it when the record is written */
          g_free (merged->register_value);
          merged->register_value = g_strdup (value);
        }
    }

  /* dead when the tombstone is later than every field */
  if (!alive_here)
    {
      /* the versions that came are those of the record now */
      GHashTableIter it;
      gpointer k, v;
      g_hash_table_iter_init (&it, versions);
      while (g_hash_table_iter_next (&it, &k, &v))
        if (!g_str_equal (k, "_deleted") && !tx_store_save_version (a->store, "child", uuid, k, v, error))
          goto out;
    }
  latest_field (versions, &latest);
  dead = d_here.hlc > 0 && tx_version_compare (&d_here, &latest) > 0;

  if (dead)
    {
      if (alive_here)
        {
          if (!tx_store_child_erase (a->store, rowid, a->sender, error) ||
              !tx_store_forget_fields (a->store, "child", uuid, error))
            goto out;
          a->counts.deleted++;
        }
      else if (local == NULL)
        {
          /* a tombstone for a child never seen here: kept, so the deletion
           * stands against older edits that may still come */
          g_autoptr(TxRecord) tomb = tx_record_new ();
          tomb->id = g_strdup (uuid);
          tomb->created_at = g_strdup (created);
          tomb->deleted = TRUE;
          if (!tx_store_child_write_merged (a->store, tomb, 0, NULL, a->sender, a->sender_name, error) ||
              !tx_store_forget_fields (a->store, "child", uuid, error))
            goto out;
          /* a record, but no child for a person */
          a->counts.added++;
        }
      else if (!tx_store_forget_fields (a->store, "child", uuid, error))
        goto out;
      else
        a->counts.unchanged++;
    }
  else if (changed || !alive_here)
    {
      merged->deleted = FALSE;
      if (!tx_store_child_write_merged (a->store, merged, local ? rowid : 0,
                                        alive_here ? local : NULL, a->sender, a->sender_name, error) ||
          !flag_duplicates (a, uuid, merged->values[TX_F ("id_number")], error))
        goto out;
      revisit_later (a, uuid);
      if (alive_here)
        {
          a->counts.updated++;
          a->counts.children_updated++;
        }
      else
        {
          a->counts.added++;
          a->counts.children_added++;
        }
    }
  else
    {
      a->counts.unchanged++;
      a->counts.children_unchanged++;
    }

  if ((changed || diverged || !local || (!alive_here && !dead)) &&
      !(tx_store_mark_changed_at (a->store, "child", uuid, diverged ? NULL : a->sender, ++a->seq, error)))
    goto out;
  ok = TRUE;
  goto out;

bad:
  ok = bad_line (a, error);
out:
  tx_version_clear (&d_here);
  tx_version_clear (&d_came);
  tx_version_clear (&latest);
  tx_version_clear (&came);
  return ok;
}

/* A visit as its line holds it: its id, then its columns (NULL for null) */
G_STATIC_ASSERT (TX_SYNC_VISIT_VALUES == TX_SYNC_VISIT_VALUES);

static gboolean
apply_visit_values (TxSyncApply        *a,
                    const char *const  *line,
                    GError            **error)
{
  const char *uuid = line[0];
  const char *const *values = line + 1;
  const char *child;
  sqlite3_stmt *stmt;
  gboolean ok;

  if (!plausible_id (uuid))
    return bad_line (a, error);
  /* created_at, updated_at, station, child, date, kind: never empty */
  if (!values[0] || !values[1] || !values[2] || !(child = values[3]) || !values[4] || !values[6])
    return bad_line (a, error);
  /* the children came before the first visit: how long they took */
  if (a->counts.visits++ == 0)
    g_debug ("import: the first visit, after %u children", a->counts.children);
  stmt = tx_store_prepare (a->store, a->visit_sql, error);
  if (stmt == NULL)
    return FALSE;
  /* the parsed line outlives the statement's step: no copies of the text
   * (a county's bundle has millions of visits) */
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  for (guint i = 0; i < G_N_ELEMENTS (tx_sync_visit_columns); i++)
    {
      if (i >= G_N_ELEMENTS (tx_sync_visit_columns) - 2)   /* complete, deleted */
        sqlite3_bind_int (stmt, i + 2, values[i] && g_str_equal (values[i], "1"));
      else if (values[i])
        sqlite3_bind_text (stmt, i + 2, values[i], -1, SQLITE_STATIC);
      else
        sqlite3_bind_null (stmt, i + 2);
    }
  /* marked changed as it is written, should it be new */
  sqlite3_bind_int64 (stmt, G_N_ELEMENTS (tx_sync_visit_columns) + 2, a->seq + 1);
  sqlite3_bind_text (stmt, G_N_ELEMENTS (tx_sync_visit_columns) + 3, a->sender, -1, SQLITE_STATIC);
  ok = tx_store_step_done (a->store, stmt, error);
  if (!ok)
    return FALSE;
  if (sqlite3_changes (tx_store_get_db (a->store)) > 0)
    {
      a->seq++;
      a->counts.added++;
      a->counts.visits_added++;
      revisit_later (a, child);
      return TRUE;
    }
  a->counts.unchanged++;
  return TRUE;
}

static gboolean
apply_visit (TxSyncApply  *a,
             JsonObject   *o,
             GError      **error)
{
  JsonNode *rn = json_object_get_member (o, "r");
  JsonArray *r = rn && JSON_NODE_HOLDS_ARRAY (rn) ? json_node_get_array (rn) : NULL;
  const char *line[TX_SYNC_VISIT_VALUES];

  line[0] = member_string (o, "id");
  if (r == NULL || json_array_get_length (r) != G_N_ELEMENTS (tx_sync_visit_columns))
    return bad_line (a, error);
  for (guint i = 0; i < G_N_ELEMENTS (tx_sync_visit_columns); i++)
    {
      JsonNode *n = json_array_get_element (r, i);

      if (JSON_NODE_HOLDS_NULL (n))
        line[i + 1] = NULL;
      else if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
        line[i + 1] = json_node_get_string (n);
      else
        return bad_line (a, error);
    }
  return apply_visit_values (a, line, error);
}

/* A row of @t came new or changed: what follows from it here. An urgent
 * case marks its child; a transfer decides where the child is on the
 * register here (the old township's copy becomes "transferred", a refusal
 * gives it back), and @decided says it came new or with its decision */
static gboolean
row_changed (TxSyncApply           *a,
             const TxSyncRowTable  *t,
             const char            *uuid,
             JsonObject            *r,
             gboolean               decided,
             GError               **error)
{
  if (t == &tx_sync_urgent_table)
    {
      a->counts.urgent_changed++;
      revisit_later (a, member_string (r, "child"));
      return TRUE;
    }
  if (t == &tx_sync_transfer_table)
    {
      a->counts.transfers_changed++;
      return tx_store_transfer_synced (a->store, uuid, decided, error);
    }
  a->counts.services_changed++;
  return TRUE;
}

static gboolean
apply_row (TxSyncApply     *a,
           const TxSyncRowTable  *t,
           JsonObject      *o,
           guint           *count,
           GError         **error)
{
  const char *uuid = member_string (o, "id");
  JsonObject *r = member_object (o, "r");
  JsonObject *f = member_object (o, "f");
  g_autofree char *sql = tx_sync_row_select_sql (t);
  g_autoptr(GHashTable) versions = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean exists, changed = FALSE, diverged = FALSE, state_changed = FALSE;
  guint n_fixed = g_strv_length ((char **) t->fixed);

  if (!plausible_id (uuid) || r == NULL || f == NULL)
    return bad_line (a, error);
  (*count)++;
  if (!(stmt = tx_store_prepare (a->store, sql, error)))
    return FALSE;
  tx_store_bind_text (stmt, 1, uuid);
  exists = sqlite3_step (stmt) == SQLITE_ROW;
  for (guint i = 0; exists && t->fields[i]; i++)
    g_ptr_array_add (values, tx_store_column_text (stmt, n_fixed + i));
  sqlite3_reset (stmt);

  if (!exists)
    {
      /* a new row: written whole */
      GString *ins = g_string_new (NULL), *params = g_string_new (NULL);
      guint p = 1;
      gboolean ok;

      g_string_printf (ins, "INSERT INTO %s (%s", t->table, t->key);
      g_string_append (params, "?1");
      for (guint i = 0; t->fixed[i]; i++, p++)
        {
          g_string_append_printf (ins, ", %s", t->fixed[i]);
          g_string_append_printf (params, ", ?%u", p + 1);
        }
      for (guint i = 0; t->fields[i]; i++, p++)
        {
          g_string_append_printf (ins, ", %s", t->fields[i]);
          g_string_append_printf (params, ", ?%u", p + 1);
        }
      g_string_append_printf (ins, ") VALUES (%s)", params->str);
      g_string_free (params, TRUE);
      stmt = tx_store_prepare (a->store, ins->str, error);
      g_string_free (ins, TRUE);
      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, uuid);
      p = 2;
      for (guint i = 0; t->fixed[i]; i++, p++)
        {
          const char *v = member_string (r, t->fixed[i]);
          if (v == NULL && json_object_has_member (r, t->fixed[i]) &&
              !JSON_NODE_HOLDS_NULL (json_object_get_member (r, t->fixed[i])))
            return bad_line (a, error);
          tx_store_bind_text (stmt, p, v);
        }
      for (guint i = 0; t->fields[i]; i++, p++)
        {
          JsonNode *node = json_object_get_member (f, t->fields[i]);
          const char *v = NULL;
          TxVersion ver = { 0 };

          if (node && !read_field (node, &v, &ver))
            {
              tx_version_clear (&ver);
              return bad_line (a, error);
            }
          see_hlc (a, &ver);
          tx_store_bind_text (stmt, p, v);
          if (ver.hlc > 0 && !tx_store_save_version (a->store, t->tbl, uuid, t->fields[i], &ver, error))
            {
              tx_version_clear (&ver);
              return FALSE;
            }
          tx_version_clear (&ver);
        }
      /* a row that breaks the table's rules (a missing name) is refused */
      ok = tx_store_step_done (a->store, stmt, error);
      if (!ok)
        return FALSE;
      a->counts.added++;
      return row_changed (a, t, uuid, r, TRUE, error) &&
             tx_store_mark_changed_at (a->store, t->tbl, uuid, a->sender, ++a->seq, error);
    }

  versions = tx_store_load_versions (a->store, t->tbl, uuid);
  for (guint i = 0; t->fields[i]; i++)
    {
      JsonNode *node = json_object_get_member (f, t->fields[i]);
      const char *value;
      gboolean field_changed = FALSE;

      if (node == NULL)
        continue;
      if (!merge_one (a, t->tbl, uuid, t->fields[i], values->pdata[i], versions, node, &value,
                      &field_changed, &diverged, error))
        return FALSE;
      state_changed = state_changed || (field_changed && g_str_equal (t->fields[i], "state"));
      if (field_changed)
        {
          g_autofree char *upd = g_strdup_printf ("UPDATE %s SET %s = ?2 WHERE %s = ?1", t->table,
                                                  t->fields[i], t->key);
          stmt = tx_store_prepare (a->store, upd, error);
          if (stmt == NULL)
            return FALSE;
          tx_store_bind_text (stmt, 1, uuid);
          tx_store_bind_text (stmt, 2, value);
          if (!tx_store_step_done (a->store, stmt, error))
            return FALSE;
          changed = TRUE;
        }
    }
  if (changed)
    {
      a->counts.updated++;
      if (!row_changed (a, t, uuid, r, state_changed, error))
        return FALSE;
    }
  else
    a->counts.unchanged++;
  if ((changed || diverged) && !tx_store_mark_changed_at (a->store, t->tbl, uuid, diverged ? NULL : a->sender, ++a->seq, error))
    return FALSE;
  return TRUE;
}

/**
 * tx_sync_apply_parsed:
 * @line: a line as tx_sync_line_parse() parsed it
 *
 * Applies one line of a payload, in the caller's transaction.
 */
gboolean
tx_sync_apply_parsed (TxSyncApply       *a,
                      const TxSyncLine  *line,
                      GError           **error)
{
  JsonNode *root = line->node;
  JsonObject *o;
  const char *t;

  a->lines++;
  if (!a->ended && line->is_visit)
    return apply_visit_values (a, line->visit, error);
  if (a->ended || root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_line (a, error);
  o = json_node_get_object (root);
  t = member_string (o, "t");
  if (t == NULL)
    return bad_line (a, error);
  if (g_str_equal (t, "child"))
    return apply_child (a, o, error);
  if (g_str_equal (t, "visit"))
    return apply_visit (a, o, error);
  if (g_str_equal (t, "urgent"))
    return apply_row (a, &tx_sync_urgent_table, o, &a->counts.urgent_cases, error);
  if (g_str_equal (t, "service"))
    return apply_row (a, &tx_sync_service_table, o, &a->counts.services, error);
  if (g_str_equal (t, "transfer"))
    return apply_row (a, &tx_sync_transfer_table, o, &a->counts.transfers, error);
  if (g_str_equal (t, "audit") || g_str_equal (t, "audit_cp"))
    {
      JsonNode *inner = json_object_get_member (o, g_str_equal (t, "audit") ? "e" : "c");
      JsonObject *io = inner && JSON_NODE_HOLDS_OBJECT (inner) ? json_node_get_object (inner) : NULL;

      if (a->audit == NULL)
        a->audit = tx_sync_audit_new (a->store, a->sender, a->sender_name, a->restored, a->bundle_seq);
      if (g_str_equal (t, "audit"))
        {
          a->counts.audit++;
          return tx_sync_audit_add_entry (a->audit, io, error);
        }
      return tx_sync_audit_add_checkpoint (a->audit, io, error);
    }
  if (g_str_equal (t, "end"))
    {
      JsonNode *n = json_object_get_member (o, "n");
      if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 ||
          json_node_get_int (n) != (gint64) a->lines - 1)
        return bad_line (a, error);
      a->ended = TRUE;
      return TRUE;
    }
  /* a kind of record of a newer version: left alone */
  return TRUE;
}

/**
 * tx_sync_apply_line:
 *
 * Parses and applies one line of a payload, in the caller's transaction.
 */
gboolean
tx_sync_apply_line (TxSyncApply  *a,
                    const char   *line,
                    gsize         len,
                    GError      **error)
{
  TxSyncLine *parsed = tx_sync_line_parse (a->parser, line, len);
  gboolean ok = tx_sync_apply_parsed (a, parsed, error);

  tx_sync_line_free (parsed);
  return ok;
}

/**
 * tx_sync_apply_finish:
 * @counts: (out): what the import did
 *
 * Checks that the payload ended where it said, works out what depends on
 * the visits, and moves the clock past every version that came.
 */
gboolean
tx_sync_apply_finish (TxSyncApply   *a,
                      TxSyncCounts  *counts,
                      GError       **error)
{
  if (!a->ended)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The bundle ends before its last record: it was cut short, perhaps when "
                             "it was copied. Copy it again from the sending station; nothing was imported."));
      return FALSE;
    }
  if (a->audit && !tx_sync_audit_finish (a->audit, &a->counts.audit_added, error))
    return FALSE;
  if (!tx_store_children_revisited (a->store, a->visited, error))
    return FALSE;
  if (a->max_hlc > tx_store_get_setting_int (a->store, "sync_hlc") &&
      !tx_store_set_setting_int (a->store, "sync_hlc", a->max_hlc, error))
    return FALSE;
  if (!tx_store_set_setting_int (a->store, "sync_seq", a->seq, error))
    return FALSE;
  *counts = a->counts;
  return TRUE;
}


/* One figure of a summary, left out when nothing; @format is a
 * translation with one %u */
static void
part (GString    *s,
      const char *separator,
      guint       n,
      const char *format)
{
  if (n == 0)
    return;
  if (s->len)
    g_string_append (s, separator);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_append_printf (s, format, n);
#pragma GCC diagnostic pop
}

char *
tx_sync_counts_summary (const TxSyncCounts *c)
{
  const char *comma = tx_ui_is_chinese () ? "，" : ", ";
  const char *semicolon = tx_ui_is_chinese () ? "；" : "; ";
  GString *s = g_string_new (NULL);

  /* in children and visits, as a person counts them, not in records */
  if (c->children_added || c->children_updated || c->deleted)
    {
      GString *children = g_string_new (NULL);

      part (children, comma, c->children_added,
            g_dngettext (GETTEXT_PACKAGE, "%u new child", "%u new children", c->children_added));
      part (children, comma, c->children_updated,
            g_dngettext (GETTEXT_PACKAGE, "%u child updated", "%u children updated", c->children_updated));
      part (children, comma, c->deleted,
            g_dngettext (GETTEXT_PACKAGE, "%u child deleted", "%u children deleted", c->deleted));
      g_string_append (s, children->str);
      g_string_free (children, TRUE);
    }
  part (s, semicolon, c->visits_added,
        g_dngettext (GETTEXT_PACKAGE, "%u new visit record", "%u new visit records", c->visits_added));
  part (s, semicolon, c->urgent_changed,
        g_dngettext (GETTEXT_PACKAGE, "%u urgent case new or changed", "%u urgent cases new or changed",
                     c->urgent_changed));
  part (s, semicolon, c->transfers_changed,
        g_dngettext (GETTEXT_PACKAGE, "%u transfer new or decided", "%u transfers new or decided",
                     c->transfers_changed));
  part (s, semicolon, c->services_changed,
        g_dngettext (GETTEXT_PACKAGE, "%u change to the service list", "%u changes to the service list",
                     c->services_changed));
  part (s, semicolon, c->children_unchanged,
        g_dngettext (GETTEXT_PACKAGE, "%u child unchanged", "%u children unchanged", c->children_unchanged));
  part (s, semicolon, c->conflicts,
        g_dngettext (GETTEXT_PACKAGE, "%u conflict to settle", "%u conflicts to settle",
                     c->conflicts));
  part (s, semicolon, c->duplicates,
        g_dngettext (GETTEXT_PACKAGE, "%u possible duplicate to check",
                     "%u possible duplicates to check", c->duplicates));
  if (s->len == 0)
    g_string_append (s, _("nothing new"));
  return g_string_free (s, FALSE);
}
