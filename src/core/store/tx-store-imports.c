/* tx-store-imports.c — imports of ledgers, kept to be undone (the
 * import_batch and import_child tables)
 *
 * An import writes its children through tx_store_child_add() and
 * tx_store_child_update() like the form does, in one transaction the
 * caller holds; this file keeps which children each import added or
 * updated, from which row, with an updated child's values before, and
 * the history's entry that says where the record came from. Undoing an
 * import erases the children it added and puts back the values of those
 * it updated, while none of them has been edited since.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-form.h"
#include "tx-store-imports.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"

void
tx_import_batch_free (TxImportBatch *batch)
{
  if (batch == NULL)
    return;
  g_free (batch->at);
  g_free (batch->who);
  g_free (batch->file);
  g_free (batch->sheet);
  g_free (batch->undone_at);
  g_free (batch);
}

/**
 * tx_store_import_batch_new:
 * @file: the file's name, without its folder
 *
 * Starts the bookkeeping of an import, in the caller's transaction.
 *
 * Returns: the import's id, 0 on an error
 */
gint64
tx_store_import_batch_new (TxStore     *self,
                           const char  *file,
                           const char  *sheet,
                           GError     **error)
{
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO import_batch (at, station, who, file, sheet) VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return 0;

  if (stmt == NULL)
    return 0;
  tx_store_bind_text (stmt, 1, now);
  tx_store_bind_text (stmt, 2, tx_store_get_station_id (self));
  tx_store_bind_text (stmt, 3, who);
  tx_store_bind_text (stmt, 4, file);
  tx_store_bind_text (stmt, 5, sheet);
  if (!tx_store_step_done (self, stmt, error))
    return 0;
  /* one audit entry for the import (tx_store_import_batch_done()) */
  tx_store_audit_bulk (self);
  return sqlite3_last_insert_rowid (tx_store_get_db (self));
}

static char *
values_json (const TxRecord *record)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  for (guint i = 0; i < form->n_fields; i++)
    if (record->values[i])
      {
        json_builder_set_member_name (b, form->fields[i].key);
        json_builder_add_string_value (b, record->values[i]);
      }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

/* The history's entry that says where a record came from, or what became
 * of its import, under the person at work */
static gboolean
note_source (TxStore     *self,
             gint64       rowid,
             const char  *at,
             const char  *text,
             GError     **error)
{
  g_autofree char *who = tx_store_get_worker (self);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO child_change (child, at, station, editor, field, old_value, new_value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  tx_store_bind_text (stmt, 2, at);
  tx_store_bind_text (stmt, 3, tx_store_get_station_id (self));
  tx_store_bind_text (stmt, 4, who);
  tx_store_bind_text (stmt, 5, TX_CHANGE_SOURCE);
  tx_store_bind_text (stmt, 6, text);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_import_note_child:
 * @child_id: the child the row added or updated, saved already
 * @row: the row of the sheet
 * @before: (nullable): an updated child's record before the import, or
 *   %NULL for a child the import added
 * @source: where the record came from, for its history: file, sheet, row
 *
 * In the caller's transaction, after the child was saved.
 */
gboolean
tx_store_import_note_child (TxStore         *self,
                            gint64           batch,
                            const char      *child_id,
                            guint            row,
                            const TxRecord  *before,
                            const char      *source,
                            GError         **error)
{
  gint64 rowid = 0;
  g_autoptr(TxRecord) now = tx_store_read_record_at (self, child_id, &rowid);
  g_autofree char *json = before ? values_json (before) : NULL;
  sqlite3_stmt *stmt;

  if (now == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with “child list”."), child_id);
      return FALSE;
    }
  if (!(stmt = tx_store_prepare (self,
          "INSERT OR REPLACE INTO import_child (batch, child, row, before, before_draft, after_updated, "
          "before_updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  tx_store_bind_text (stmt, 2, child_id);
  sqlite3_bind_int (stmt, 3, row);
  tx_store_bind_text (stmt, 4, json);
  sqlite3_bind_int (stmt, 5, before && before->draft);
  tx_store_bind_text (stmt, 6, now->updated_at);
  tx_store_bind_text (stmt, 7, before ? before->updated_at : NULL);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;

  return note_source (self, rowid, now->updated_at, source, error);
}

/* The import's entry: the file's name, the batch and its counts */
static gboolean
audit_import (TxStore     *self,
              const char  *kind,
              gint64       batch,
              const char  *key1,
              guint        n1,
              const char  *key2,
              guint        n2,
              GError     **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT file FROM import_batch WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
    {
      g_autofree char *base = g_path_get_basename ((const char *) sqlite3_column_text (stmt, 0));
      json_object_set_string_member (detail, "file", base);
    }
  sqlite3_reset (stmt);
  json_object_set_int_member (detail, "batch", batch);
  json_object_set_int_member (detail, key1, n1);
  if (key2)
    json_object_set_int_member (detail, key2, n2);
  return tx_store_audit (self, kind, NULL, detail, error);
}

gboolean
tx_store_import_batch_done (TxStore     *self,
                            gint64       batch,
                            guint        added,
                            guint        updated,
                            GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "UPDATE import_batch SET added = ?2, updated = ?3 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  sqlite3_bind_int (stmt, 2, added);
  sqlite3_bind_int (stmt, 3, updated);
  tx_store_audit_bulk_end (self);
  return tx_store_step_done (self, stmt, error) && audit_import (self, "import.ledger", batch, "added", added, "updated", updated, error);
}

static gpointer
read_batch (sqlite3_stmt *stmt)
{
  TxImportBatch *b = g_new0 (TxImportBatch, 1);

  b->id = sqlite3_column_int64 (stmt, 0);
  b->at = tx_store_column_text (stmt, 1);
  b->who = tx_store_column_text (stmt, 2);
  b->file = tx_store_column_text (stmt, 3);
  b->sheet = tx_store_column_text (stmt, 4);
  b->added = sqlite3_column_int (stmt, 5);
  b->updated = sqlite3_column_int (stmt, 6);
  b->undone_at = tx_store_column_text (stmt, 7);
  return b;
}

/**
 * tx_store_import_batches:
 *
 * Returns: (transfer full) (element-type TxImportBatch): the imports,
 *   newest first
 */
GPtrArray *
tx_store_import_batches (TxStore  *self,
                         GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT id, at, who, file, sheet, added, updated, undone_at FROM import_batch ORDER BY id DESC",
      error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (self, stmt, read_batch, (GDestroyNotify) tx_import_batch_free, error);
}

typedef struct {
  char     *child;
  guint     row;
  char     *before;
  gboolean  before_draft;
  char     *after_updated;
  char     *before_updated;
} Noted;

static void
noted_free (gpointer data)
{
  Noted *n = data;

  g_free (n->child);
  g_free (n->before);
  g_free (n->after_updated);
  g_free (n->before_updated);
  g_free (n);
}

static gpointer
read_noted (sqlite3_stmt *stmt)
{
  Noted *n = g_new0 (Noted, 1);

  n->child = tx_store_column_text (stmt, 0);
  n->row = sqlite3_column_int (stmt, 1);
  n->before = tx_store_column_text (stmt, 2);
  n->before_draft = sqlite3_column_int (stmt, 3);
  n->after_updated = tx_store_column_text (stmt, 4);
  n->before_updated = tx_store_column_text (stmt, 5);
  return n;
}

static gboolean
put_back (TxStore     *self,
          const Noted *n,
          GError     **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(TxRecord) record = tx_store_child_get (self, n->child, error);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *values;

  if (record == NULL)
    return FALSE;
  if (!json_parser_load_from_data (parser, n->before, -1, error))
    return FALSE;
  values = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; i < form->n_fields; i++)
    tx_record_set (record, i, json_object_has_member (values, form->fields[i].key)
                                ? json_object_get_string_member (values, form->fields[i].key) : NULL);
  if (!tx_store_child_update (self, record, TRUE, NULL, error))
    return FALSE;
  return TRUE;
}

/* After an updated child got its values back: an earlier import that
 * left the child as this one found it may be undone again, and the
 * history says what happened */
static gboolean
note_undone (TxStore     *self,
             gint64       batch,
             const Noted *n,
             const char  *file,
             GError     **error)
{
  gint64 rowid = 0;
  g_autoptr(TxRecord) now = tx_store_read_record_at (self, n->child, &rowid);
  g_autofree char *text = g_strdup_printf (_("Import of %s undone"), file);
  sqlite3_stmt *stmt;

  if (now == NULL)
    return TRUE;
  if (n->before_updated)
    {
      if (!(stmt = tx_store_prepare (self, "UPDATE import_child SET after_updated = ?1 "
                                           "WHERE child = ?2 AND after_updated = ?3 AND batch <> ?4", error)))
        return FALSE;
      tx_store_bind_text (stmt, 1, now->updated_at);
      tx_store_bind_text (stmt, 2, n->child);
      tx_store_bind_text (stmt, 3, n->before_updated);
      sqlite3_bind_int64 (stmt, 4, batch);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  return note_source (self, rowid, now->updated_at, text, error);
}

/**
 * tx_store_import_undo:
 *
 * Undoes an import as a whole: the children it added are erased, those
 * it updated get their values back. Refused once one of them has been
 * edited since, or when the import was undone already.
 */
gboolean
tx_store_import_undo (TxStore  *self,
                      gint64    batch,
                      GError  **error)
{
  g_autoptr(GPtrArray) noted = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *undone = NULL;
  g_autofree char *file = NULL;
  g_autofree char *now = NULL;
  gboolean found = FALSE;
  int depth;

  if (!tx_store_require (self, TX_PERMISSION_DELETE, error))
    return FALSE;

  if (!(stmt = tx_store_prepare (self, "SELECT undone_at, file FROM import_batch WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      undone = tx_store_column_text (stmt, 0);
      file = tx_store_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (!found || undone)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   found ? _("Import %lld was undone already.")
                         : _("There is no import %lld; `tongxing-cli import list` shows them."),
                   (long long) batch);
      return FALSE;
    }
  if (!(stmt = tx_store_prepare (self, "SELECT child, row, before, before_draft, after_updated, before_updated "
                                       "FROM import_child WHERE batch = ?1 ORDER BY row", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch);
  if (!(noted = tx_store_collect (self, stmt, read_noted, noted_free, error)))
    return FALSE;

  depth = tx_store_get_depth (self);
  if (!tx_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < noted->len; i++)
    {
      const Noted *n = g_ptr_array_index (noted, i);
      gint64 rowid = 0;
      g_autoptr(TxRecord) current = tx_store_read_record_at (self, n->child, &rowid);

      if (current == NULL || current->deleted || g_strcmp0 (current->updated_at, n->after_updated) != 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       _("The child of row %u (%s) was changed or deleted after the import, so the import "
                         "can no longer be undone as a whole. Correct the records one by one instead."),
                       n->row, current && current->values[TX_F ("name")] ? current->values[TX_F ("name")] : "—");
          tx_store_rollback_to (self, depth);
          return FALSE;
        }
      if (n->before == NULL
          ? !(tx_store_child_erase (self, rowid, tx_store_get_station_id (self), error) &&
              tx_store_version_child_deleted (self, n->child, error))
          : !(put_back (self, n, error) && note_undone (self, batch, n, file, error)))
        {
          tx_store_rollback_to (self, depth);
          return FALSE;
        }
    }
  now = tx_store_now_iso ();
  if (!(stmt = tx_store_prepare (self, "UPDATE import_batch SET undone_at = ?2 WHERE id = ?1", error)))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, batch);
  tx_store_bind_text (stmt, 2, now);
  if (!tx_store_step_done (self, stmt, error) ||
      !audit_import (self, "import.undo", batch, "children", noted->len, NULL, 0, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}
