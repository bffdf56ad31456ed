/* tx-store-versions.c — change tracking: field versions and clocks
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change of a field at a station gives the field a version: a hybrid
 * logical clock (milliseconds << 16 | a counter, never going back, moved
 * past every version an import brings), the station, and a version vector
 * (for each station, the clock of its last change of the field that this
 * version has seen). A field never changed since its record was made has
 * the empty version (0, "", {}). The store versions every change it makes,
 * in the change's transaction; the merge of bundles (sync/tx-sync-merge.c)
 * compares and combines the versions.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <string.h>

#include "tx-store-versions.h"

/* Versions */

void
tx_version_clear (TxVersion *v)
{
  g_clear_pointer (&v->station, g_free);
  g_clear_pointer (&v->vv, g_free);
  v->hlc = 0;
}

void
tx_version_set (TxVersion        *v,
         gint64      hlc,
         const char *station,
         const char *vv)
{
  char *s = g_strdup (station ? station : ""), *w = g_strdup (vv ? vv : "");

  tx_version_clear (v);
  v->hlc = hlc;
  v->station = s;
  v->vv = w;
}

void
tx_version_free (TxVersion *v)
{
  tx_version_clear (v);
  g_free (v);
}

void
tx_version_copy (TxVersion       *to,
          const TxVersion *from)
{
  tx_version_set (to, from->hlc, from->station, from->vv);
}

int
tx_version_compare (const TxVersion *a,
         const TxVersion *b)
{
  if (a->hlc != b->hlc)
    return a->hlc < b->hlc ? -1 : 1;
  return strcmp (a->station ? a->station : "", b->station ? b->station : "");
}

/* station → clock of a version vector */
GHashTable *
tx_vv_parse (const char *vv)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) parts = NULL;

  if (vv == NULL || *vv == 0)
    return t;
  parts = g_strsplit (vv, ";", -1);
  for (guint i = 0; parts[i]; i++)
    {
      char *eq = strchr (parts[i], '=');
      gint64 h;

      if (eq == NULL)
        continue;
      *eq = 0;
      h = g_ascii_strtoll (eq + 1, NULL, 10);
      g_hash_table_insert (t, g_strdup (parts[i]), (gpointer) (gintptr) h);
    }
  return t;
}

char *
tx_vv_format (GHashTable *t)
{
  g_autoptr(GList) keys = g_list_sort (g_hash_table_get_keys (t), (GCompareFunc) strcmp);
  GString *s = g_string_new (NULL);

  for (GList *l = keys; l; l = l->next)
    g_string_append_printf (s, "%s%s=%" G_GINT64_FORMAT, s->len ? ";" : "", (char *) l->data,
                            (gint64) (gintptr) g_hash_table_lookup (t, l->data));
  return g_string_free (s, FALSE);
}

/* whether every entry of @a is covered by @b */
gboolean
tx_vv_leq (const char *a,
        const char *b)
{
  g_autoptr(GHashTable) ta = NULL, tb = NULL;
  GHashTableIter it;
  gpointer k, v;

  if (a == NULL || *a == 0)
    return TRUE;
  if (g_strcmp0 (a, b) == 0)
    return TRUE;
  ta = tx_vv_parse (a);
  tb = tx_vv_parse (b);
  g_hash_table_iter_init (&it, ta);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      gpointer have;
      if (!g_hash_table_lookup_extended (tb, k, NULL, &have) || (gintptr) have < (gintptr) v)
        return FALSE;
    }
  return TRUE;
}

char *
tx_vv_merge (const char *a,
          const char *b)
{
  g_autoptr(GHashTable) t = tx_vv_parse (a);
  g_autoptr(GHashTable) tb = tx_vv_parse (b);
  GHashTableIter it;
  gpointer k, v;

  g_hash_table_iter_init (&it, tb);
  while (g_hash_table_iter_next (&it, &k, &v))
    {
      gpointer have;
      if (!g_hash_table_lookup_extended (t, k, NULL, &have) || (gintptr) have < (gintptr) v)
        g_hash_table_insert (t, g_strdup (k), v);
    }
  return tx_vv_format (t);
}

char *
tx_vv_add (const char *vv,
        const char *station,
        gint64      hlc)
{
  g_autoptr(GHashTable) t = tx_vv_parse (vv);

  g_hash_table_insert (t, g_strdup (station), (gpointer) (gintptr) hlc);
  return tx_vv_format (t);
}

gint64
tx_store_get_setting_int (TxStore    *self,
             const char *key)
{
  g_autofree char *v = tx_store_get_setting_by_key (self, key);

  return v ? g_ascii_strtoll (v, NULL, 10) : 0;
}

gboolean
tx_store_set_setting_int (TxStore     *self,
                 const char  *key,
                 gint64       value,
                 GError     **error)
{
  g_autofree char *v = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return tx_store_set_setting_by_key (self, key, v, error);
}

/* The next clock reading: physical milliseconds, never behind what was seen */
gint64
tx_store_hlc_tick (TxStore *self)
{
  gint64 last = tx_store_get_setting_int (self, "sync_hlc");
  gint64 now = (g_get_real_time () / 1000) << 16;

  return MAX (now, last + 1);
}

static gint64
next_seq (TxStore  *self,
          GError  **error)
{
  gint64 seq = tx_store_get_setting_int (self, "sync_seq") + 1;

  return tx_store_set_setting_int (self, "sync_seq", seq, error) ? seq : 0;
}

/* Marks a record changed: its local change counter, and the station the
 * change came from (NULL when made here, or when it merged two stations'),
 * so that it is not sent back there */
gboolean
tx_store_mark_changed_at (TxStore     *self,
                 const char  *tbl,
                 const char  *uuid,
                 const char  *origin,
                 gint64       seq,
                 GError     **error)
{
  static const struct { const char *tbl, *sql; } marks[] = {
    { "child", "UPDATE child SET sync_seq = ?2, sync_origin = ?3 WHERE uuid = ?1" },
    { "visit", "UPDATE visit SET sync_seq = ?2, sync_origin = ?3 WHERE uuid = ?1" },
    { "urgent", "UPDATE urgent_case SET sync_seq = ?2, sync_origin = ?3 WHERE uuid = ?1" },
    { "service", "UPDATE service SET sync_seq = ?2, sync_origin = ?3 WHERE id = ?1" },
    { "transfer", "UPDATE transfer SET sync_seq = ?2, sync_origin = ?3 WHERE uuid = ?1" },
  };
  sqlite3_stmt *stmt = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (g_str_equal (tbl, marks[i].tbl))
      stmt = tx_store_prepare (self, marks[i].sql, error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, seq);
  tx_store_bind_text (stmt, 3, origin);
  return tx_store_step_done (self, stmt, error);
}

static gboolean
mark_changed (TxStore     *self,
              const char  *tbl,
              const char  *uuid,
              const char  *origin,
              GError     **error)
{
  gint64 seq = next_seq (self, error);

  return seq != 0 && tx_store_mark_changed_at (self, tbl, uuid, origin, seq, error);
}

static gboolean
load_version (TxStore    *self,
              const char *tbl,
              const char *uuid,
              const char *field,
              TxVersion        *out)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT hlc, station, vv FROM field_version "
                                               "WHERE tbl = ?1 AND uuid = ?2 AND field = ?3", NULL);
  gboolean found = FALSE;

  tx_version_clear (out);
  out->station = g_strdup ("");
  out->vv = g_strdup ("");
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  tx_store_bind_text (stmt, 3, field);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      tx_version_set (out, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 2));
      found = TRUE;
    }
  sqlite3_reset (stmt);
  return found;
}

/* field → TxVersion of a record's changed fields */
GHashTable *
tx_store_load_versions (TxStore    *self,
               const char *tbl,
               const char *uuid)
{
  GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) tx_version_free);
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT field, hlc, station, vv FROM field_version "
                                               "WHERE tbl = ?1 AND uuid = ?2", NULL);

  if (stmt == NULL)
    return t;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      TxVersion *v = g_new0 (TxVersion, 1);
      tx_version_set (v, sqlite3_column_int64 (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
               (const char *) sqlite3_column_text (stmt, 3));
      g_hash_table_insert (t, g_strdup ((const char *) sqlite3_column_text (stmt, 0)), v);
    }
  sqlite3_reset (stmt);
  return t;
}

gboolean
tx_store_save_version (TxStore     *self,
              const char  *tbl,
              const char  *uuid,
              const char  *field,
              const TxVersion   *v,
              GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO field_version (tbl, uuid, field, hlc, station, vv) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
      "ON CONFLICT (tbl, uuid, field) DO UPDATE SET hlc = ?4, station = ?5, vv = ?6", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  tx_store_bind_text (stmt, 3, field);
  sqlite3_bind_int64 (stmt, 4, v->hlc);
  tx_store_bind_text (stmt, 5, v->station);
  tx_store_bind_text (stmt, 6, v->vv);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_touch:
 * @tbl: "child", "visit", "urgent" or "service"
 * @fields: (nullable) (array zero-terminated=1): the fields this change set
 *
 * Gives each of @fields a new version of this station and marks the record
 * as changed here, for the next bundles. In the caller's transaction.
 */
gboolean
tx_store_touch (TxStore            *self,
               const char         *tbl,
               const char         *uuid,
               const char *const  *fields,
               GError            **error)
{
  const char *station = tx_store_get_station_id (self);
  gint64 hlc = 0;

  for (guint i = 0; fields && fields[i]; i++)
    {
      TxVersion v = { 0 };
      g_autofree char *vv = NULL;

      if (hlc == 0)
        {
          hlc = tx_store_hlc_tick (self);
          if (!tx_store_set_setting_int (self, "sync_hlc", hlc, error))
            return FALSE;
        }
      load_version (self, tbl, uuid, fields[i], &v);
      vv = tx_vv_add (v.vv, station, hlc);
      tx_version_set (&v, hlc, station, vv);
      if (!tx_store_save_version (self, tbl, uuid, fields[i], &v, error))
        {
          tx_version_clear (&v);
          return FALSE;
        }
      tx_version_clear (&v);
    }
  return mark_changed (self, tbl, uuid, NULL, error);
}

/* The fields of the form that travel: what people type, not what the rules
 * work out from it (every station works that out alike) */
gboolean
tx_field_synced (const TxField *f)
{
  return !f->derived;
}

/**
 * tx_store_version_child_saved:
 * @before: (nullable): the record as it was; %NULL for a new one
 *
 * Versions the fields a save changed.
 */
gboolean
tx_store_version_child_saved (TxStore         *self,
                     const TxRecord  *before,
                     const TxRecord  *after,
                     GError         **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();

  /* a new record's fields have the empty version: nobody else has it */
  if (before != NULL)
    {
      for (guint i = 0; i < form->n_fields; i++)
        if (tx_field_synced (&form->fields[i]) && g_strcmp0 (before->values[i], after->values[i]) != 0)
          g_ptr_array_add (changed, (gpointer) form->fields[i].key);
      if (!before->draft != !after->draft)
        g_ptr_array_add (changed, (gpointer) "_draft");
    }
  g_ptr_array_add (changed, NULL);
  return tx_store_touch (self, "child", after->id, (const char *const *) changed->pdata, error);
}

gboolean
tx_store_forget_fields (TxStore     *self,
               const char  *tbl,
               const char  *uuid,
               GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "DELETE FROM field_version WHERE tbl = ?1 AND uuid = ?2 "
                                               "AND field != '_deleted'", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  /* the values of a deleted child are not kept in the conflict queue either */
  stmt = tx_store_prepare (self, "DELETE FROM conflict WHERE tbl = ?1 AND uuid = ?2", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, tbl);
  tx_store_bind_text (stmt, 2, uuid);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_version_child_deleted:
 *
 * Versions a deletion: the tombstone's version, and the fields' versions
 * gone with the values.
 */
gboolean
tx_store_version_child_deleted (TxStore     *self,
                       const char  *uuid,
                       GError     **error)
{
  static const char *const deleted[] = { "_deleted", NULL };

  return tx_store_forget_fields (self, "child", uuid, error) &&
         tx_store_touch (self, "child", uuid, deleted, error);
}
