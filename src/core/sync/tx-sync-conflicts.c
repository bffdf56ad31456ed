/* tx-sync-conflicts.c — the conflict and duplicate queues, for a person to settle
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-form.h"
#include "tx-rules.h"
#include "tx-register.h"
#include "tx-store-register.h"
#include "tx-sync-private.h"

/* Conflicts and duplicates, for a person */

void
tx_conflict_free (TxConflict *c)
{
  if (c == NULL)
    return;
  g_free (c->tbl);
  g_free (c->uuid);
  g_free (c->field);
  g_free (c->name);
  g_free (c->mine);
  g_free (c->theirs);
  g_free (c->kept);
  g_free (c->station);
  g_free (c->at);
  g_free (c);
}

static gpointer
read_conflict (sqlite3_stmt *stmt)
{
  TxConflict *c = g_new0 (TxConflict, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->tbl = tx_store_column_text (stmt, 1);
  c->uuid = tx_store_column_text (stmt, 2);
  c->field = tx_store_column_text (stmt, 3);
  c->mine = tx_store_column_text (stmt, 4);
  c->theirs = tx_store_column_text (stmt, 5);
  c->kept = tx_store_column_text (stmt, 6);
  c->station = tx_store_column_text (stmt, 7);
  c->at = tx_store_column_text (stmt, 8);
  c->name = tx_store_column_text (stmt, 9);
  return c;
}

/**
 * tx_conflict_field_title:
 *
 * Returns: (transfer none): the conflict's field as a person knows it: the
 *   form's label, or what a field of the record's own is
 */
const char *
tx_conflict_field_title (const TxConflict *c)
{
  const TxField *f = g_str_equal (c->tbl, "child") ? tx_form_lookup (c->field) : NULL;

  if (f)
    return tx_field_label (f);
  if (g_str_equal (c->field, "_draft"))
    return _("Draft");
  if (g_str_equal (c->field, "_register"))
    return _("Place on the register");
  return c->field;
}

/**
 * tx_conflict_value_text:
 * @value: (nullable): the conflict's mine or theirs
 *
 * A value in words: a choice by its label, an exit or a reopening as a
 * line ("Left the register on 2026-03-01: Moved away (王芳)").
 *
 * Returns: (transfer full) (nullable): the text, %NULL for no value
 */
char *
tx_conflict_value_text (const TxConflict *c,
                        const char       *value)
{
  const TxField *f = g_str_equal (c->tbl, "child") ? tx_form_lookup (c->field) : NULL;

  if (g_str_equal (c->tbl, "child") && g_str_equal (c->field, "_register"))
    return tx_register_describe (value);
  if (value == NULL || *value == '\0')
    return NULL;
  if (f && f->choices)
    return tx_choice_labels (f->choices, value, tx_ui_is_chinese () ? "、" : ", ");
  return g_strdup (value);
}

#define CONFLICT_SELECT \
  "SELECT c.id, c.tbl, c.uuid, c.field, c.mine, c.theirs, c.kept, coalesce (s.name, c.station), c.at, " \
  "coalesce ((SELECT f_name FROM child WHERE uuid = c.uuid AND c.tbl = 'child'), " \
  "(SELECT zh FROM service WHERE id = c.uuid AND c.tbl = 'service'), " \
  "(SELECT f_name FROM child WHERE uuid = (SELECT child FROM transfer WHERE uuid = c.uuid) " \
  "AND c.tbl = 'transfer'), '') " \
  "FROM conflict c LEFT JOIN station s ON s.id = c.station "

/**
 * tx_store_conflicts:
 *
 * Returns: (transfer full) (element-type TxConflict): the open conflicts,
 *   oldest first
 */
GPtrArray *
tx_store_conflicts (TxStore  *self,
                    GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, CONFLICT_SELECT "WHERE c.resolved_at IS NULL ORDER BY c.id", error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (self, stmt, read_conflict, (GDestroyNotify) tx_conflict_free, error);
}

/**
 * tx_store_conflict_resolve:
 * @keep_mine: keep this station's value rather than the one that came
 *
 * Settles a conflict. The value chosen becomes a change of this station,
 * later than both, so every station takes it with the next bundles.
 */
gboolean
tx_store_conflict_resolve (TxStore     *self,
                           gint64       id,
                           gboolean     keep_mine,
                           GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, CONFLICT_SELECT "WHERE c.id = ?1 AND c.resolved_at IS NULL", error);
  g_autoptr(TxConflict) c = NULL;
  g_autofree char *now = tx_store_now_iso ();
  const char *chosen;

  if (!tx_store_require (self, TX_PERMISSION_SYNC, error))
    return FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    c = read_conflict (stmt);
  sqlite3_reset (stmt);
  if (c == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no open conflict %lld; see “conflicts list”."), (long long) id);
      return FALSE;
    }
  chosen = keep_mine ? c->mine : c->theirs;
  if (!tx_store_begin (self, error))
    return FALSE;

  if (g_str_equal (c->tbl, "child"))
    {
      g_autoptr(TxRecord) r = tx_store_child_get (self, c->uuid, error);
      const char *now_value;

      if (r == NULL)
        goto fail;
      now_value = g_str_equal (c->field, "_draft") ? (r->draft ? "1" : "0")
                : g_str_equal (c->field, "_register") ? r->register_value
                : tx_record_get_key (r, c->field);
      if (g_strcmp0 (now_value, chosen) != 0 && g_str_equal (c->field, "_register"))
        {
          /* an exit or a reopening: the state and the schedule follow */
          if (!tx_store_register_set_value (self, c->uuid, chosen, error))
            goto fail;
        }
      else if (g_strcmp0 (now_value, chosen) != 0)
        {
          if (g_str_equal (c->field, "_draft"))
            r->draft = g_strcmp0 (chosen, "1") == 0;
          else
            tx_record_set_key (r, c->field, chosen);
          if (!tx_store_child_update (self, r, TRUE, NULL, error))
            goto fail;
        }
      else
        {
          /* the record holds it already; this station's word makes it final */
          const char *fields[] = { c->field, NULL };
          if (!tx_store_touch (self, "child", c->uuid, fields, error))
            goto fail;
        }
    }
  else
    {
      const TxSyncRowTable *t = g_str_equal (c->tbl, "urgent") ? &tx_sync_urgent_table
                              : g_str_equal (c->tbl, "transfer") ? &tx_sync_transfer_table
                              : &tx_sync_service_table;
      g_autofree char *upd = NULL;
      const char *fields[] = { c->field, NULL };
      gboolean known = FALSE;

      for (guint i = 0; t->fields[i]; i++)
        known = known || g_str_equal (t->fields[i], c->field);
      if (!known)
        {
          g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                               _("This conflict names a field this version does not know."));
          goto fail;
        }
      upd = g_strdup_printf ("UPDATE %s SET %s = ?2 WHERE %s = ?1", t->table, c->field, t->key);
      if (!(stmt = tx_store_prepare (self, upd, error)))
        goto fail;
      tx_store_bind_text (stmt, 1, c->uuid);
      tx_store_bind_text (stmt, 2, chosen);
      if (!tx_store_step_done (self, stmt, error) || !tx_store_touch (self, c->tbl, c->uuid, fields, error) ||
          (t == &tx_sync_transfer_table && !tx_store_transfer_synced (self, c->uuid, FALSE, error)))
        goto fail;
    }

  stmt = tx_store_prepare (self, "UPDATE conflict SET resolved_at = ?2, resolution = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, keep_mine ? "mine" : "theirs");
  if (!tx_store_step_done (self, stmt, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

void
tx_duplicate_free (TxDuplicate *d)
{
  if (d == NULL)
    return;
  g_free (d->id_number);
  g_free (d->a);
  g_free (d->b);
  g_free (d->name_a);
  g_free (d->name_b);
  g_free (d->at);
  g_free (d);
}

static gpointer
read_duplicate (sqlite3_stmt *stmt)
{
  TxDuplicate *d = g_new0 (TxDuplicate, 1);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->id_number = tx_store_column_text (stmt, 1);
  d->a = tx_store_column_text (stmt, 2);
  d->b = tx_store_column_text (stmt, 3);
  d->at = tx_store_column_text (stmt, 4);
  d->name_a = tx_store_column_text (stmt, 5);
  d->name_b = tx_store_column_text (stmt, 6);
  return d;
}

/**
 * tx_store_duplicates:
 *
 * Returns: (transfer full) (element-type TxDuplicate): identity numbers on
 *   two living records, not settled yet
 */
GPtrArray *
tx_store_duplicates (TxStore  *self,
                     GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT d.id, d.id_number, d.a, d.b, d.at, ca.f_name, cb.f_name FROM duplicate d "
      "JOIN child ca ON ca.uuid = d.a AND ca.deleted = 0 JOIN child cb ON cb.uuid = d.b AND cb.deleted = 0 "
      "WHERE d.resolved_at IS NULL ORDER BY d.id", error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (self, stmt, read_duplicate, (GDestroyNotify) tx_duplicate_free, error);
}

/**
 * tx_store_duplicate_resolve:
 * @keep: the id of the record to keep; the other is deleted
 *
 * Settles a possible duplicate as the same child: the other record is
 * deleted here, and its tombstone goes to every station.
 */
gboolean
tx_store_duplicate_resolve (TxStore     *self,
                            gint64       id,
                            const char  *keep,
                            GError     **error)
{
  g_autoptr(GPtrArray) open = tx_store_duplicates (self, error);
  g_autofree char *now = tx_store_now_iso ();
  TxDuplicate *d = NULL;
  const char *other;
  sqlite3_stmt *stmt;

  if (!tx_store_require (self, TX_PERMISSION_SYNC, error))
    return FALSE;

  if (open == NULL)
    return FALSE;
  for (guint i = 0; i < open->len; i++)
    if (((TxDuplicate *) open->pdata[i])->id == id)
      d = open->pdata[i];
  if (d == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no open possible duplicate %lld; see “duplicates list”."), (long long) id);
      return FALSE;
    }
  if (g_strcmp0 (keep, d->a) != 0 && g_strcmp0 (keep, d->b) != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("Keep one of the two records: %s or %s."), d->a, d->b);
      return FALSE;
    }
  other = g_str_equal (keep, d->a) ? d->b : d->a;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_child_delete (self, other, error))
    goto fail;
  stmt = tx_store_prepare (self, "UPDATE duplicate SET resolved_at = ?2, kept = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, keep);
  if (!tx_store_step_done (self, stmt, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}
