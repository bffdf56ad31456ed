/* tx-store-children.c — the child table: saving, reading, deleting a record, and its history
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-register.h"
#include "tx-store-accounts.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-roles.h"
#include "tx-store-versions.h"

/* Children */

char *
tx_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static gboolean
check_set_up (TxStore  *self,
              GError  **error)
{
  tx_store_refresh_unit (self);
  if (self->county)
    return TRUE;
  /* the window sets up in its first screen, the command line with init:
   * each says how in its own words (TX_STORE_ERROR_NOT_SET_UP) */
  g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP,
                       _("This workstation is not set up yet: its county and township must be "
                         "given first."));
  return FALSE;
}

static gint64
rowid_of (TxStore    *self,
          const char *id,
          gboolean   *deleted)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT rowid, deleted FROM child WHERE uuid = ?1", NULL);
  gint64 rowid = 0;

  if (stmt == NULL)
    return 0;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      if (deleted)
        *deleted = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rowid;
}

/**
 * tx_store_child_find_id_number:
 * @except_id: (nullable): a record to leave out
 *
 * Returns: (transfer full) (nullable): the id of the living record with this
 *   identity number
 */
char *
tx_store_child_find_id_number (TxStore    *self,
                               const char *id_number,
                               const char *except_id)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT uuid FROM child WHERE f_id_number = ?1 AND deleted = 0 "
      "AND uuid IS NOT ?2", NULL);
  char *found = NULL;

  if (stmt == NULL || id_number == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id_number);
  tx_store_bind_text (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

/**
 * tx_store_child_same_person:
 *
 * Returns: (transfer full) (element-type utf8): ids of living records with
 *   the same name and date of birth
 */
GPtrArray *
tx_store_child_same_person (TxStore    *self,
                            const char *name,
                            const char *birth_date,
                            const char *except_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (name == NULL || birth_date == NULL)
    return out;
  stmt = tx_store_prepare (self,
      "SELECT uuid FROM child WHERE f_name = ?1 AND f_birth_date = ?2 AND deleted = 0 "
      "AND uuid IS NOT ?3 LIMIT 10", NULL);
  if (stmt == NULL)
    return out;
  tx_store_bind_text (stmt, 1, name);
  tx_store_bind_text (stmt, 2, birth_date);
  tx_store_bind_text (stmt, 3, except_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, tx_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}

/**
 * tx_store_child_same_pinyin:
 *
 * The children born on @birth_date whose names sound like @name (张晓明
 * and 章小明), other than @except_id: the key's pinyin part is a range of
 * the sort-key index.
 *
 * Returns: (transfer full) (element-type utf8): their ids, at most 10
 */
GPtrArray *
tx_store_child_same_pinyin (TxStore    *self,
                            const char *name,
                            const char *birth_date,
                            const char *except_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *spelled = NULL, *low = NULL, *high = NULL;
  sqlite3_stmt *stmt;

  if (name == NULL || birth_date == NULL)
    return out;
  spelled = tx_pinyin_spelled (name);
  if (*spelled == 0)
    return out;
  low = g_strconcat (spelled, "\x01", NULL);
  high = g_strconcat (spelled, "\x02", NULL);
  stmt = tx_store_prepare (self,
      "SELECT uuid FROM child WHERE sort_key > ?1 AND sort_key < ?2 AND deleted = 0 "
      "AND f_birth_date = ?3 AND uuid IS NOT ?4 LIMIT 10", NULL);
  if (stmt == NULL)
    return out;
  tx_store_bind_text (stmt, 1, low);
  tx_store_bind_text (stmt, 2, high);
  tx_store_bind_text (stmt, 3, birth_date);
  tx_store_bind_text (stmt, 4, except_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, tx_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}

/* A record from the current row of a statement of select_sql's columns */
TxRecord *
tx_store_record_from_row (sqlite3_stmt *stmt)
{
  const TxForm *form = tx_form_get ();
  TxRecord *r = tx_record_new ();

  r->id = tx_store_column_text (stmt, 0);
  r->created_at = tx_store_column_text (stmt, 1);
  r->updated_at = tx_store_column_text (stmt, 2);
  r->station = tx_store_column_text (stmt, 3);
  r->deleted = sqlite3_column_int (stmt, 4);
  r->draft = sqlite3_column_int (stmt, 5);
  for (guint i = 0; i < form->n_fields; i++)
    r->values[i] = tx_store_column_text (stmt, N_META + i);
  r->next_visit_due = tx_store_column_text (stmt, N_META + form->n_fields);
  r->info_refresh_due = tx_store_column_text (stmt, N_META + form->n_fields + 1);
  r->last_home_visit = tx_store_column_text (stmt, N_META + form->n_fields + 2);
  r->urgent = sqlite3_column_int (stmt, N_META + form->n_fields + 3);
  r->complete = sqlite3_column_int (stmt, N_META + form->n_fields + 4);
  r->eligible = sqlite3_column_int (stmt, N_META + form->n_fields + 5);
  if (g_strcmp0 (sqlite3_column_name (stmt, N_META + form->n_fields + 6), "register_value") == 0)
    {
      r->register_value = tx_store_column_text (stmt, N_META + form->n_fields + 6);
      r->register_state = tx_store_column_text (stmt, N_META + form->n_fields + 7);
      r->exit_reason = tx_store_column_text (stmt, N_META + form->n_fields + 8);
      r->exit_date = tx_store_column_text (stmt, N_META + form->n_fields + 9);
      r->ages_out = tx_store_column_text (stmt, N_META + form->n_fields + 10);
    }
  return r;
}

TxRecord *
tx_store_read_record_at (TxStore  *self,
                         const char *id,
                         gint64   *rowid)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, self->select_sql, NULL);
  TxRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = tx_store_record_from_row (stmt);
  sqlite3_reset (stmt);
  if (r && rowid)
    *rowid = rowid_of (self, id, NULL);
  return r;
}

/* Works out the record's due dates from its values, its last home visit,
 * and @updated, the (local) day its information was last brought up to
 * date: the day it is saved */
void
tx_store_schedule_record (TxStore     *self,
                          TxRecord    *r,
                          const GDate *updated_on)
{
  TxScheduleSettings settings;
  GDate reg, visit, updated, due;
  gboolean have_visit = tx_date_parse (r->last_home_visit, &visit);

  g_clear_pointer (&r->next_visit_due, g_free);
  g_clear_pointer (&r->info_refresh_due, g_free);
  if (r->deleted || !tx_date_parse (r->values[TX_F ("registration_date")], &reg))
    return;
  /* off the register: no visit is due */
  if (r->register_state && !g_str_equal (r->register_state, TX_REGISTER_ACTIVE))
    return;
  tx_store_register_schedule_base (r->register_value, &reg, &visit, &have_visit);

  tx_store_get_schedule_settings (self, &settings);
  tx_schedule_next_visit (&settings, r->values[TX_F ("guardianship")],
                          g_strcmp0 (r->values[TX_F ("key_care")], "yes") == 0,
                          &reg, have_visit ? &visit : NULL, &due);
  r->next_visit_due = tx_date_format (&due);

  updated = reg;
  if (updated_on && g_date_compare (updated_on, &updated) > 0)
    updated = *updated_on;
  tx_schedule_info_refresh (r->values[TX_F ("child_category")], &updated, &due);
  r->info_refresh_due = tx_date_format (&due);
}

static gboolean
write_record (TxStore    *self,
              TxRecord   *r,
              gboolean    is_new,
              gboolean    complete,
              gboolean    eligible,
              const char *eligible_from,
              gint64     *rowid,
              GError    **error)
{
  const TxForm *form = tx_form_get ();
  sqlite3_stmt *stmt = tx_store_prepare (self, is_new ? self->insert_sql : self->update_sql, error);
  const char *name = r->values[TX_F ("name")];
  g_autofree char *key = tx_pinyin_sort_key (name);
  g_autofree char *ini = tx_pinyin_initials (name);
  g_autofree char *id_rev = tx_store_reversed (r->values[TX_F ("id_number")]);
  int rc;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, r->id);
  tx_store_bind_text (stmt, 2, r->created_at);
  tx_store_bind_text (stmt, 3, r->updated_at);
  tx_store_bind_text (stmt, 4, r->station);
  sqlite3_bind_int (stmt, 5, r->deleted);
  sqlite3_bind_int (stmt, 6, r->draft);
  sqlite3_bind_int (stmt, 7, complete);
  sqlite3_bind_int (stmt, 8, eligible);
  tx_store_bind_text (stmt, 9, key);
  tx_store_bind_text (stmt, 10, ini);
  tx_store_bind_text (stmt, 11, ini[0] ? g_utf8_next_char (ini) : ini);
  tx_store_bind_text (stmt, 12, id_rev);
  /* the record outlives the step: its values are not copied (an import
   * writes a county's children one after another) */
  for (guint i = 0; i < form->n_fields; i++)
    sqlite3_bind_text (stmt, 13 + i, r->values[i], -1, SQLITE_STATIC);
  tx_store_register_resolve (self, r);
  {
    GDate today;
    tx_date_today (&today);
    tx_store_schedule_record (self, r, &today);
  }
  tx_store_bind_text (stmt, 13 + form->n_fields, r->next_visit_due);
  tx_store_bind_text (stmt, 14 + form->n_fields, r->info_refresh_due);
  tx_store_bind_text (stmt, 15 + form->n_fields, eligible_from);
  tx_store_bind_text (stmt, 16 + form->n_fields, r->register_value);
  tx_store_bind_text (stmt, 17 + form->n_fields, r->register_state);
  tx_store_bind_text (stmt, 18 + form->n_fields, r->exit_reason);
  tx_store_bind_text (stmt, 19 + form->n_fields, r->exit_date);
  tx_store_bind_text (stmt, 20 + form->n_fields, r->ages_out);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  if (is_new)
    *rowid = sqlite3_last_insert_rowid (self->db);
  return name == NULL || tx_store_insert_grams (self, *rowid, name, key, error);
}

static gboolean
record_history (TxStore        *self,
                gint64          rowid,
                const TxRecord *before,
                const TxRecord *after,
                const char     *editor,
                GError        **error)
{
  const TxForm *form = tx_form_get ();
  sqlite3_stmt *stmt = before == NULL ? NULL : tx_store_prepare (self,
      "INSERT INTO child_change (child, at, station, editor, field, old_value, new_value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  /* a new record's history starts with its created_at; changes come after */
  if (before == NULL)
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *old = before->values[i];

      if (g_strcmp0 (old, after->values[i]) == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, rowid);
      tx_store_bind_text (stmt, 2, after->updated_at);
      tx_store_bind_text (stmt, 3, after->station);
      tx_store_bind_text (stmt, 4, editor);
      tx_store_bind_text (stmt, 5, form->fields[i].key);
      tx_store_bind_text (stmt, 6, old);
      tx_store_bind_text (stmt, 7, after->values[i]);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  /* an exit or a reopening that came from another station */
  if (g_strcmp0 (before->register_value, after->register_value) != 0)
    {
      sqlite3_bind_int64 (stmt, 1, rowid);
      tx_store_bind_text (stmt, 2, after->updated_at);
      tx_store_bind_text (stmt, 3, after->station);
      tx_store_bind_text (stmt, 4, editor);
      tx_store_bind_text (stmt, 5, "_register");
      tx_store_bind_text (stmt, 6, before->register_value);
      tx_store_bind_text (stmt, 7, after->register_value);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_child (TxStore   *self,
            TxRecord  *record,
            gboolean   is_new,
            gboolean   draft,
            TxCheck  **check_out,
            GError   **error)
{
  TxRulesContext ctx;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(TxRecord) before = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *dup = NULL;
  g_autofree char *new_id = NULL;
  /* the history names the person logged in */
  g_autofree char *editor = tx_store_get_worker (self);
  gint64 rowid = 0;
  int depth;
  const char *id_number, *name;

  if (!check_set_up (self, error))
    return FALSE;
  /* a director keeps the children of their villages: the record as it was
   * and as it is to be */
  if ((!is_new && !tx_store_require_child (self, record->id, error)) ||
      !tx_store_require_village (self, record->values[TX_F ("residence_division")], error))
    return FALSE;

  if (!is_new)
    {
      before = tx_store_read_record_at (self, record->id, &rowid);
      if (before == NULL || before->deleted)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                       _("No child with id %s is registered here; check the id with "
                         "“child list”."), record->id);
          return FALSE;
        }
      if (g_strcmp0 (before->register_state, TX_REGISTER_TRANSFERRED) == 0)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                       _("%s was transferred to another township on %s; this copy is kept for "
                         "the records and cannot be changed here."),
                       before->values[TX_F ("name")] ? before->values[TX_F ("name")] : "?",
                       before->exit_date ? before->exit_date : "?");
          return FALSE;
        }
    }

  tx_store_rules_context (self, &ctx);
  check = tx_rules_apply (record, &ctx);

  id_number = record->values[TX_F ("id_number")];
  name = record->values[TX_F ("name")];
  same = tx_store_child_same_person (self, name, record->values[TX_F ("birth_date")],
                                     is_new ? NULL : record->id);
  if (same->len > 0)
    {
      TxProblem *p = g_new0 (TxProblem, 1);
      p->field = TX_F ("name");
      p->severity = TX_SEVERITY_WARNING;
      p->message = g_strdup_printf (_("A child with the same name and date of birth is "
                                      "registered already (id %s); make sure this is not the "
                                      "same child."), (char *) same->pdata[0]);
      g_ptr_array_add (check->problems, p);
    }

  if (tx_check_blocks_save (check))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("The record has errors; correct them and save again."));
      goto out;
    }
  if (!check->complete && !draft)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE,
                           _("Required values are missing; fill them in, or save the record "
                             "as a draft."));
      goto out;
    }
  /* a draft is a child to come back to: without a name nobody finds it
   * again (seen in the new-user walk: a nameless row stayed in the roster) */
  if (name == NULL || !*name)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME,
                           _("Even a draft needs the child's name, to be found again; type the name "
                             "and save again."));
      goto out;
    }

  depth = self->depth;
  if (!tx_store_begin (self, error))
    goto out;

  if (id_number && (dup = tx_store_child_find_id_number (self, id_number, is_new ? NULL : record->id)))
    {
      g_autoptr(TxRecord) other = tx_store_read_record_at (self, dup, NULL);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE,
                   _("This identity number is registered already for %s (id %s); open that "
                     "record instead of adding the child again."),
                   other && other->values[TX_F ("name")] ? other->values[TX_F ("name")] : "?",
                   dup);
      tx_store_rollback (self);
      goto out;
    }

  g_free (record->updated_at);
  record->updated_at = tx_store_now_iso ();
  g_free (record->station);
  record->station = g_strdup (self->station_id);
  record->draft = draft && !check->complete;
  record->deleted = FALSE;
  if (is_new)
    {
      new_id = g_uuid_string_random ();
      g_free (record->id);
      record->id = g_strdup (new_id);
      g_free (record->created_at);
      record->created_at = g_strdup (record->updated_at);
    }
  else if (!tx_store_delete_grams (self, rowid, error))
    {
      tx_store_rollback (self);
      goto out;
    }
  /* the visits are the store's to know, whatever the caller's copy says */
  g_free (record->last_home_visit);
  record->last_home_visit = is_new ? NULL : g_strdup (before->last_home_visit);
  /* so is the place on the register: exits and reopenings have their own calls */
  g_free (record->register_value);
  record->register_value = is_new ? NULL : g_strdup (before->register_value);

  if (!write_record (self, record, is_new, check->complete, check->eligible_in_time,
                     check->eligible_from, &rowid, error) ||
      !record_history (self, rowid, before, record, editor, error) ||
      !tx_store_version_child_saved (self, before, record, error) ||
      !tx_store_audit_record (self, is_new ? "child.add" : "child.update", before, record, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      if (is_new)
        g_clear_pointer (&record->id, g_free);
      goto out;
    }

  if (check_out)
    *check_out = g_steal_pointer (&check);
  return TRUE;

out:
  if (check_out)
    *check_out = g_steal_pointer (&check);
  return FALSE;
}

/**
 * tx_store_child_add:
 * @record: the new record; on success it holds its id, timestamps and
 *   derived values
 * @draft: whether missing required values are acceptable
 * @check: (out) (optional) (transfer full): the rules' verdict, also on failure
 *
 * Returns: (transfer full) (nullable): the id of the new record
 */
char *
tx_store_child_add (TxStore   *self,
                    TxRecord  *record,
                    gboolean   draft,
                    TxCheck  **check,
                    GError   **error)
{
  if (!save_child (self, record, TRUE, draft, check, error))
    return NULL;
  return g_strdup (record->id);
}

/**
 * tx_store_child_update:
 * @record: the whole record, with the id of the stored one
 */
gboolean
tx_store_child_update (TxStore   *self,
                       TxRecord  *record,
                       gboolean   draft,
                       TxCheck  **check,
                       GError   **error)
{
  g_return_val_if_fail (record->id != NULL, FALSE);
  return save_child (self, record, FALSE, draft, check, error);
}

/**
 * tx_store_child_get:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL if there is no
 *   living record with that id
 */
TxRecord *
tx_store_child_get (TxStore     *self,
                    const char  *id,
                    GError     **error)
{
  TxRecord *r;
  int rc;

  if (!tx_store_require_child (self, id, error))
    return NULL;
  r = tx_store_read_record_at (self, id, NULL);
  /* a read the disk failed is not a child missing */
  rc = sqlite3_errcode (self->db);
  if (r == NULL && rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  if (r == NULL || r->deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   r ? _("The child with id %s was deleted.")
                     : _("No child with id %s is registered here; check the id with "
                         "“child list”."), id);
      tx_record_free (r);
      return NULL;
    }
  return r;
}

/**
 * tx_store_child_delete:
 *
 * Deletes the record, leaving a tombstone: the id, the time and the
 * workstation, so that the deletion travels to other stores. The personal
 * data and the history of changes are erased.
 */
gboolean
tx_store_child_delete (TxStore     *self,
                       const char  *id,
                       GError     **error)
{
  gboolean deleted = FALSE;
  gint64 rowid;

  if (!tx_store_require (self, TX_PERMISSION_DELETE, error))
    return FALSE;
  rowid = rowid_of (self, id, &deleted);
  if (rowid == 0 || deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_child_erase (self, rowid, self->station_id, error) ||
      !tx_store_version_child_deleted (self, id, error) ||
      !tx_store_audit (self, "child.delete", id, NULL, error))
    {
      tx_store_rollback (self);
      return FALSE;
    }
  return tx_store_commit (self, error);
}

/**
 * tx_store_child_erase:
 * @station: the station the deletion came from
 *
 * Turns a record into its tombstone, in the caller's transaction: the
 * personal data and the history of changes are erased.
 */
gboolean
tx_store_child_erase (TxStore     *self,
                      gint64       rowid,
                      const char  *station,
                      GError     **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GString) sql = g_string_new ("UPDATE child SET deleted = 1, draft = 0, complete = 0, "
                                         "eligible = 0, urgent = 0, sort_key = '', initials = '', "
                                         "given_initials = '', id_rev = NULL, next_visit_due = NULL, "
                                         "info_refresh_due = NULL, last_home_visit = NULL, updated_at = ?2, "
                                         "station = ?3");
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < form->n_fields; i++)
    g_string_append_printf (sql, ", f_%s = NULL", form->fields[i].key);
  g_string_append (sql, " WHERE rowid = ?1");

  if (!tx_store_delete_grams (self, rowid, error))
    return FALSE;
  if (!(stmt = tx_store_prepare (self, "DELETE FROM child_change WHERE child = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = tx_store_prepare (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, station);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_read_record:
 * @rowid: (out) (optional): the row, 0 when there is none
 *
 * Returns: (transfer full) (nullable): the record, a tombstone too
 */
TxRecord *
tx_store_read_record (TxStore    *self,
                      const char *uuid,
                      gint64     *rowid)
{
  if (rowid)
    *rowid = 0;
  return tx_store_read_record_at (self, uuid, rowid);
}

/**
 * tx_store_child_write_merged:
 * @merged: the record as an import merged it; its derived values are
 *   worked out here
 * @rowid: the row to replace, or 0 for a new one
 * @before: (nullable): the record as it was here, for its history
 * @station: the sending station's id
 * @editor: who the change is recorded as (the sending station's name)
 *
 * Writes a record that came in a bundle, in the caller's transaction:
 * without the checks of a save (the sending station made them; a record
 * does not stop an import) and without new versions. Its next visit is
 * worked out from the last home visit it had here; the caller works out the
 * last home visit, the next visit and the urgent mark again with
 * tx_store_children_revisited() once the bundle's visits are in.
 */
gboolean
tx_store_child_write_merged (TxStore         *self,
                             TxRecord        *merged,
                             gint64           rowid,
                             const TxRecord  *before,
                             const char      *station,
                             const char      *editor,
                             GError         **error)
{
  TxRulesContext ctx;
  g_autoptr(TxCheck) check = NULL;

  /* the rules work out what follows from the values; the header is the
   * sending station's, not this one's */
  tx_store_rules_context (self, &ctx);
  ctx.county = NULL;
  ctx.township = NULL;
  check = tx_rules_apply (merged, &ctx);
  merged->draft = merged->draft && !check->complete;

  g_free (merged->updated_at);
  merged->updated_at = tx_store_now_iso ();
  g_free (merged->station);
  merged->station = g_strdup (station);

  if (rowid && !tx_store_delete_grams (self, rowid, error))
    return FALSE;
  return write_record (self, merged, rowid == 0, check->complete && !merged->deleted,
                       check->eligible_in_time && !merged->deleted, check->eligible_from,
                       &rowid, error) &&
         record_history (self, rowid, before, merged, editor, error);
}

static gpointer
read_change (sqlite3_stmt *stmt)
{
  TxChange *c = g_new0 (TxChange, 1);
  c->at = tx_store_column_text (stmt, 0);
  c->station = tx_store_column_text (stmt, 1);
  c->editor = tx_store_column_text (stmt, 2);
  c->field = tx_store_column_text (stmt, 3);
  c->old_value = tx_store_column_text (stmt, 4);
  c->new_value = tx_store_column_text (stmt, 5);
  return c;
}

void
tx_change_free (TxChange *change)
{
  if (change == NULL)
    return;
  g_free (change->at);
  g_free (change->station);
  g_free (change->editor);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

/**
 * tx_store_child_history:
 *
 * Returns: (transfer full) (element-type TxChange): the changes to the
 *   record, newest first
 */
GPtrArray *
tx_store_child_history (TxStore     *self,
                        const char  *id,
                        GError     **error)
{
  gboolean deleted = FALSE;
  gint64 rowid = rowid_of (self, id, &deleted);
  sqlite3_stmt *stmt;

  if (!tx_store_require_child (self, id, error))
    return NULL;
  if (rowid == 0 || deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return NULL;
    }
  stmt = tx_store_prepare (self, "SELECT at, station, editor, field, old_value, new_value "
                                 "FROM child_change WHERE child = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return tx_store_collect (self, stmt, (TxRowReader) read_change,
                           (GDestroyNotify) tx_change_free, error);
}
