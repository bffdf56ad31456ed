/* tx-store-register.c — exits, reopenings, ageing out and transfers
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child's place on the register travels between stations as one field
 * of the record, "_register": the last exit or reopening, merged like
 * every other field (a later one wins; two made at once go to the conflict
 * queue). What a station shows (child.register) follows from it and from
 * the transfers it knows: the old township of an accepted or pending
 * transfer keeps its copy as "transferred", read-only; the county and the
 * new township have the child on their register.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-register.h"
#include "tx-store-versions.h"

static const TxIntSetting limit_keys[] = {
  { "age_limit_migrant", G_STRUCT_OFFSET (TxAgeLimits, migrant), 1, 18 },
  { "age_limit_left_behind", G_STRUCT_OFFSET (TxAgeLimits, left_behind), 1, 18 },
  { "age_limit_distressed", G_STRUCT_OFFSET (TxAgeLimits, distressed), 1, 18 },
};

void
tx_store_get_age_limits (TxStore     *self,
                         TxAgeLimits *limits)
{
  tx_age_limits_init (limits);
  tx_store_read_int_settings (self, limit_keys, G_N_ELEMENTS (limit_keys), limits);
}

/**
 * tx_store_register_ages_out_all:
 *
 * Works out the day every child ages out by @limits, in the caller's
 * transaction (a migration, new age limits).
 */
gboolean
tx_store_register_ages_out_all (TxStore            *self,
                                const TxAgeLimits  *limits,
                                GError            **error)
{
  sqlite3_stmt *sel, *upd;
  int rc;

  if (!(sel = tx_store_prepare (self, "SELECT rowid, f_birth_date, f_child_category FROM child "
                                      "WHERE deleted = 0", error)) ||
      !(upd = tx_store_prepare (self, "UPDATE child SET ages_out = ?2 WHERE rowid = ?1", error)))
    return FALSE;
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = tx_record_new ();
      g_autofree char *day = NULL;

      tx_record_set (r, TX_F ("birth_date"), (const char *) sqlite3_column_text (sel, 1));
      tx_record_set (r, TX_F ("child_category"), (const char *) sqlite3_column_text (sel, 2));
      day = tx_register_ages_out_text (r, limits);
      sqlite3_bind_int64 (upd, 1, sqlite3_column_int64 (sel, 0));
      tx_store_bind_text (upd, 2, day);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_set_age_limits:
 *
 * Stores the age each category holds a child until and works out again
 * the day every child ages out, in one transaction. Children past the new
 * limits leave at the next tx_store_ageing_out_run().
 */
gboolean
tx_store_set_age_limits (TxStore           *self,
                         const TxAgeLimits *limits,
                         GError           **error)
{
  const TxIntSetting *bad = tx_store_int_setting_out_of_bounds (limit_keys, G_N_ELEMENTS (limit_keys), limits);

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (bad)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("An age limit must be between %d and %d years, not %d."), bad->min, bad->max,
                   G_STRUCT_MEMBER (int, limits, bad->offset));
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_write_int_settings (self, limit_keys, G_N_ELEMENTS (limit_keys), limits, error) ||
      !tx_store_register_ages_out_all (self, limits, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/* Transfers */

#define TRANSFER_COLUMNS \
  "t.uuid, t.child, c.f_name, t.from_township, t.to_township, t.date, t.offered_at, t.offered_by, " \
  "t.offer_note, t.state, t.decided_at, t.decided_by, t.note"

static gpointer
read_transfer (sqlite3_stmt *stmt)
{
  TxTransfer *t = g_new0 (TxTransfer, 1);

  t->id = tx_store_column_text (stmt, 0);
  t->child = tx_store_column_text (stmt, 1);
  t->child_name = tx_store_column_text (stmt, 2);
  t->from_township = tx_store_column_text (stmt, 3);
  t->to_township = tx_store_column_text (stmt, 4);
  t->date = tx_store_column_text (stmt, 5);
  t->offered_at = tx_store_column_text (stmt, 6);
  t->offered_by = tx_store_column_text (stmt, 7);
  t->offer_note = tx_store_column_text (stmt, 8);
  t->state = tx_store_column_text (stmt, 9);
  t->decided_at = tx_store_column_text (stmt, 10);
  t->decided_by = tx_store_column_text (stmt, 11);
  t->note = tx_store_column_text (stmt, 12);
  return t;
}

void
tx_transfer_free (TxTransfer *t)
{
  if (t == NULL)
    return;
  g_free (t->id);
  g_free (t->child);
  g_free (t->child_name);
  g_free (t->from_township);
  g_free (t->to_township);
  g_free (t->date);
  g_free (t->offered_at);
  g_free (t->offered_by);
  g_free (t->offer_note);
  g_free (t->state);
  g_free (t->decided_at);
  g_free (t->decided_by);
  g_free (t->note);
  g_free (t);
}

/**
 * tx_store_transfers_list:
 * @state: (nullable): only transfers in this state
 *
 * Returns: (transfer full) (element-type TxTransfer): the transfers this
 *   station knows, the newest first
 */
GPtrArray *
tx_store_transfers_list (TxStore     *self,
                         const char  *state,
                         GError     **error)
{
  /* those in one state through the transfer_state index ("?1 IS NULL OR"
   * would read every transfer for the county's few open offers) */
  sqlite3_stmt *stmt = tx_store_prepare (self, state
      ? "SELECT " TRANSFER_COLUMNS " FROM transfer t LEFT JOIN child c ON c.uuid = t.child "
        "WHERE t.state = ?1 ORDER BY t.offered_at DESC, t.uuid"
      : "SELECT " TRANSFER_COLUMNS " FROM transfer t LEFT JOIN child c ON c.uuid = t.child "
        "ORDER BY t.offered_at DESC, t.uuid", error);

  if (!tx_store_require (self, TX_PERMISSION_SYNC, error))
    return NULL;

  if (stmt == NULL)
    return NULL;
  if (state)
    tx_store_bind_text (stmt, 1, state);
  return tx_store_collect (self, stmt, read_transfer, (GDestroyNotify) tx_transfer_free, error);
}

TxTransfer *
tx_store_transfer_get (TxStore     *self,
                       const char  *id,
                       GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " TRANSFER_COLUMNS " FROM transfer t LEFT JOIN child c ON c.uuid = t.child "
      "WHERE t.uuid = ?1", error);
  TxTransfer *t = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    t = read_transfer (stmt);
  sqlite3_reset (stmt);
  if (t == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No transfer with id %s is known here; check the id with “transfers list”."), id);
  return t;
}

/**
 * tx_store_transfer_of_child:
 *
 * Returns: (transfer full) (nullable): the child's latest transfer that was
 *   not refused, if any
 */
TxTransfer *
tx_store_transfer_of_child (TxStore    *self,
                            const char *child)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " TRANSFER_COLUMNS " FROM transfer t LEFT JOIN child c ON c.uuid = t.child "
      "WHERE t.child = ?1 AND t.state <> 'refused' ORDER BY t.offered_at DESC, t.uuid DESC LIMIT 1", NULL);
  TxTransfer *t = NULL;

  if (stmt == NULL || child == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, child);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    t = read_transfer (stmt);
  sqlite3_reset (stmt);
  return t;
}

/* The record's place on the register as this station sees it, from its
 * "_register" value and the transfers known here */
void
tx_store_register_resolve (TxStore  *self,
                           TxRecord *r)
{
  g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (r->register_value);
  g_autoptr(TxTransfer) t = NULL;
  TxAgeLimits limits;

  g_clear_pointer (&r->register_state, g_free);
  g_clear_pointer (&r->exit_reason, g_free);
  g_clear_pointer (&r->exit_date, g_free);
  g_clear_pointer (&r->ages_out, g_free);

  tx_store_get_age_limits (self, &limits);
  r->ages_out = tx_register_ages_out_text (r, &limits);

  /* the old township's copy of a child who moved within the county */
  if (self->township && r->id && (t = tx_store_transfer_of_child (self, r->id)) &&
      g_strcmp0 (t->from_township, self->township) == 0)
    {
      r->register_state = g_strdup (TX_REGISTER_TRANSFERRED);
      r->exit_reason = g_strdup (TX_EXIT_TRANSFERRED);
      r->exit_date = g_strdup (t->date);
    }
  else if (e && g_str_equal (e->state, TX_REGISTER_EXITED))
    {
      r->register_state = g_strdup (TX_REGISTER_EXITED);
      r->exit_reason = g_strdup (e->reason);
      r->exit_date = g_strdup (e->date);
    }
  else
    r->register_state = g_strdup (TX_REGISTER_ACTIVE);
}

/**
 * tx_store_register_schedule_base:
 * @register_value: (nullable): the child's "_register"
 * @registration: (inout): the day the schedule counts from
 * @last_home_visit: (inout): the last home visit, if @have_visit
 *
 * A child back on the register is scheduled as if registered on the
 * reopening day: the visits before it no longer count.
 */
void
tx_store_register_schedule_base (const char *register_value,
                                 GDate      *registration,
                                 GDate      *last_home_visit,
                                 gboolean   *have_visit)
{
  g_autoptr(TxRegisterEntry) e = register_value ? tx_register_entry_parse (register_value) : NULL;
  GDate back;

  if (e && g_str_equal (e->state, TX_REGISTER_ACTIVE) && tx_date_parse (e->date, &back) &&
      g_date_compare (&back, registration) > 0)
    {
      *registration = back;
      if (*have_visit && g_date_compare (last_home_visit, &back) < 0)
        *have_visit = FALSE;
    }
}

static gboolean
add_history (TxStore     *self,
             gint64       rowid,
             const char  *field,
             const char  *old_value,
             const char  *new_value,
             const char  *editor,
             GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO child_change (child, at, station, editor, field, old_value, new_value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  g_autofree char *now = tx_store_now_iso ();

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, self->station_id);
  tx_store_bind_text (stmt, 4, editor);
  tx_store_bind_text (stmt, 5, field);
  tx_store_bind_text (stmt, 6, old_value);
  tx_store_bind_text (stmt, 7, new_value);
  return tx_store_step_done (self, stmt, error);
}

/* Writes what follows from the record's place on the register: its state,
 * exit, the day it ages out and its due dates (none off the register; from
 * the reopening day when it came back) */
static gboolean
write_register (TxStore   *self,
                gint64     rowid,
                TxRecord  *r,
                gboolean   touched,
                GError   **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "UPDATE child SET register_value = ?2, register = ?3, exit_reason = ?4, exit_date = ?5, "
      "ages_out = ?6, next_visit_due = ?7, info_refresh_due = ?8, updated_at = coalesce (?9, updated_at), "
      "station = coalesce (?10, station) WHERE rowid = ?1", error);
  g_autofree char *now = touched ? tx_store_now_iso () : NULL;
  GDate today;

  if (stmt == NULL)
    return FALSE;
  tx_store_register_resolve (self, r);
  tx_date_today (&today);
  tx_store_schedule_record (self, r, &today);
  sqlite3_bind_int64 (stmt, 1, rowid);
  tx_store_bind_text (stmt, 2, r->register_value);
  tx_store_bind_text (stmt, 3, r->register_state);
  tx_store_bind_text (stmt, 4, r->exit_reason);
  tx_store_bind_text (stmt, 5, r->exit_date);
  tx_store_bind_text (stmt, 6, r->ages_out);
  tx_store_bind_text (stmt, 7, r->next_visit_due);
  tx_store_bind_text (stmt, 8, r->info_refresh_due);
  tx_store_bind_text (stmt, 9, now);
  tx_store_bind_text (stmt, 10, touched ? self->station_id : NULL);
  /* the name's grams say whether the child is on the register (a search
   * of one or two characters counts them alone) */
  return tx_store_step_done (self, stmt, error) && tx_store_mark_grams (self, rowid, error);
}

/**
 * tx_store_register_refresh:
 * @child: a child's id; nothing happens if it is not here
 *
 * Works out again what this station makes of the child's place on the
 * register (after a transfer came in a bundle), in the caller's
 * transaction.
 */
gboolean
tx_store_register_refresh (TxStore     *self,
                           const char  *child,
                           GError     **error)
{
  gint64 rowid = 0;
  g_autoptr(TxRecord) r = tx_store_read_record_at (self, child, &rowid);

  if (r == NULL || r->deleted || rowid == 0)
    return TRUE;
  return write_register (self, rowid, r, FALSE, error);
}

static TxRecord *
read_child (TxStore     *self,
            const char  *id,
            gint64      *rowid,
            GError     **error)
{
  TxRecord *r = tx_store_read_record_at (self, id, rowid);

  if (r == NULL || r->deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with “child list”."), id);
      g_clear_pointer (&r, tx_record_free);
    }
  return r;
}

/* A child a person exits, reopens or transfers: a director's villages only
 * (the ageing out by the rule takes every child, whoever runs it) */
static TxRecord *
read_child_of_person (TxStore     *self,
                      const char  *id,
                      gint64      *rowid,
                      GError     **error)
{
  return tx_store_require_child (self, id, error) ? read_child (self, id, rowid, error) : NULL;
}

static const char *
name_of (const TxRecord *r)
{
  const char *name = r->values[TX_F ("name")];

  return name && *name ? name : "?";
}

static char *
township_name (const char *code)
{
  const char *name = code ? tx_division_name (code) : NULL;

  return g_strdup (name ? name : code ? code : "?");
}

/* Says why the child is not on the register here, or returns TRUE */
static gboolean
check_active (TxStore         *self,
              const TxRecord  *r,
              GError         **error)
{
  if (g_strcmp0 (r->register_state, TX_REGISTER_TRANSFERRED) == 0)
    {
      g_autoptr(TxTransfer) t = tx_store_transfer_of_child (self, r->id);
      g_autofree char *to = township_name (t ? t->to_township : NULL);

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   _("%s was transferred to %s on %s; this copy is kept for the records and "
                     "cannot be changed here. The new township keeps the child's record now."),
                   name_of (r), to, r->exit_date ? r->exit_date : "?");
      return FALSE;
    }
  if (g_strcmp0 (r->register_state, TX_REGISTER_EXITED) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   _("%s left the register on %s (%s); reopen the record first if the child is "
                     "back."), name_of (r), r->exit_date ? r->exit_date : "?",
                   tx_exit_reason_label (r->exit_reason));
      return FALSE;
    }
  return TRUE;
}

/* An open urgent case keeps a child on the register: a child in danger is
 * not taken off the list while nobody has settled it */
static gboolean
check_no_urgent (TxStore         *self,
                 const TxRecord  *r,
                 GError         **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT opened_at FROM urgent_case "
                                               "WHERE child = ?1 AND closed_at IS NULL "
                                               "ORDER BY opened_at LIMIT 1", error);
  g_autofree char *opened = NULL;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, r->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    opened = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (opened)
    {
      g_autofree char *day = tx_date_local_day (opened);

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_URGENT_OPEN,
                   _("An urgent case of %s opened on %s is still open. A child in danger stays on "
                     "the register until the case is settled: close it with what was done "
                     "(the calendar's urgent list, or “urgent close”), then try again."),
                   name_of (r), day ? day : opened);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_date (const char  *date,
            const char  *what,
            GDate       *out,
            GError     **error)
{
  GDate today;

  if (!tx_date_parse (date, out))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   /* Translators: the first %s is "exit date" or "date of the move" */
                   _("The %s “%s” is not a date; write it as 2026-03-01."), what, date ? date : "");
      return FALSE;
    }
  tx_date_today (&today);
  if (g_date_compare (out, &today) > 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The %s %s is in the future; record it on the day or after."), what, date);
      return FALSE;
    }
  return TRUE;
}

/* Sets the record's "_register" to @value (taken) and writes it with its
 * history, recorded as @editor's, and its new version, in the caller's
 * transaction */
static gboolean
set_register_value (TxStore     *self,
                    gint64       rowid,
                    TxRecord    *r,
                    char        *value,
                    const char  *editor,
                    GError     **error)
{
  static const char *const fields[] = { "_register", NULL };
  g_autofree char *old = g_steal_pointer (&r->register_value);

  r->register_value = value;
  return write_register (self, rowid, r, TRUE, error) &&
         add_history (self, rowid, "_register", old, r->register_value, editor, error) &&
         tx_store_touch (self, "child", r->id, fields, error);
}

static gboolean
set_register (TxStore          *self,
              gint64            rowid,
              TxRecord         *r,
              TxRegisterEntry  *e,
              GError          **error)
{
  return set_register_value (self, rowid, r, tx_register_entry_format (e),
                             g_strcmp0 (e->by, TX_REGISTER_BY_RULE) == 0 ? NULL : e->by, error);
}

/**
 * tx_store_register_set_value:
 * @value: (nullable): a "_register" value as it travels
 *
 * Gives the child's "_register" @value as a change of this station (a
 * person kept it to settle a conflict), and works out again the child's
 * state on the register and the schedule, in the caller's transaction.
 */
gboolean
tx_store_register_set_value (TxStore     *self,
                             const char  *id,
                             const char  *value,
                             GError     **error)
{
  g_autoptr(TxRecord) r = NULL;
  g_autofree char *who = NULL;
  gint64 rowid = 0;

  if (!(r = read_child (self, id, &rowid, error)))
    return FALSE;
  who = tx_store_get_worker (self);
  return set_register_value (self, rowid, r, g_strdup (value), who, error);
}

/* An exit or a reopening a person records: signed with who and when,
 * written, and the transaction opened by the caller ended */
static gboolean
set_register_by_person (TxStore          *self,
                        gint64            rowid,
                        TxRecord         *r,
                        TxRegisterEntry  *e,
                        GError          **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  e->by = tx_store_get_worker (self);
  e->at = tx_store_now_iso ();
  if (e->reason)
    json_object_set_string_member (detail, "reason", e->reason);
  if (set_register (self, rowid, r, e, error) &&
      tx_store_audit (self, g_str_equal (e->state, TX_REGISTER_ACTIVE) ? "child.reopen" : "child.exit", r->id,
                      detail, error))
    return tx_store_commit (self, error);
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_child_exit:
 * @reason: one of tx_exit_reasons()
 * @date: the day the child left, ISO
 * @note: (nullable): required for "other"
 *
 * Takes the child off the active register with a reason and a date. The
 * record, its visits and its history are kept; it leaves the roster, the
 * calendar, the due lists and the ledger of active children.
 */
gboolean
tx_store_child_exit (TxStore     *self,
                     const char  *id,
                     const char  *reason,
                     const char  *date,
                     const char  *note,
                     GError     **error)
{
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(TxRegisterEntry) e = g_new0 (TxRegisterEntry, 1);
  g_autofree char *clean_note = note ? g_strstrip (g_strdup (note)) : NULL;
  gint64 rowid = 0;
  GDate day, reg;

  if (!tx_exit_reason_valid (reason))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) tx_exit_reasons ());
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not a reason to leave the register; use one of %s."),
                   reason ? reason : "", list);
      return FALSE;
    }
  if (g_str_equal (reason, TX_EXIT_OTHER) && (clean_note == NULL || *clean_note == '\0'))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("An exit for another reason needs a note saying what happened; "
                             "write it and try again."));
      return FALSE;
    }
  if (!check_date (date, _("exit date"), &day, error))
    return FALSE;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(r = read_child_of_person (self, id, &rowid, error)) || !check_active (self, r, error) ||
      !check_no_urgent (self, r, error))
    goto fail;
  if (tx_date_parse (r->values[TX_F ("registration_date")], &reg) && g_date_compare (&day, &reg) < 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The exit date %s is before %s was registered (%s); check the date."),
                   date, name_of (r), r->values[TX_F ("registration_date")]);
      goto fail;
    }
  e->state = g_strdup (TX_REGISTER_EXITED);
  e->reason = g_strdup (reason);
  e->date = tx_date_format (&day);
  e->note = g_steal_pointer (&clean_note);
  return set_register_by_person (self, rowid, r, e, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_child_reopen:
 * @note: why: the child came back, or the exit was a mistake
 *
 * Puts an exited child back on the register from today; the schedule of
 * visits starts again from this day.
 */
gboolean
tx_store_child_reopen (TxStore     *self,
                       const char  *id,
                       const char  *note,
                       GError     **error)
{
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(TxRegisterEntry) e = g_new0 (TxRegisterEntry, 1);
  g_autofree char *clean_note = note ? g_strstrip (g_strdup (note)) : NULL;
  gint64 rowid = 0;
  GDate today, ages_out;

  if (clean_note == NULL || *clean_note == '\0')
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Say why the child is back on the register (came back, or the exit "
                             "was a mistake) in a note, and try again."));
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(r = read_child_of_person (self, id, &rowid, error)))
    goto fail;
  if (g_strcmp0 (r->register_state, TX_REGISTER_TRANSFERRED) == 0)
    {
      g_autoptr(TxTransfer) t = tx_store_transfer_of_child (self, r->id);
      g_autofree char *to = township_name (t ? t->to_township : NULL);

      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   _("%s was transferred to %s; if the child has come back, the township there "
                     "transfers the child back through the county."), name_of (r), to);
      goto fail;
    }
  if (g_strcmp0 (r->register_state, TX_REGISTER_EXITED) != 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   _("%s is on the register already; there is nothing to reopen."), name_of (r));
      goto fail;
    }
  tx_date_today (&today);
  if (tx_date_parse (r->ages_out, &ages_out) && g_date_compare (&ages_out, &today) <= 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   _("By the birth date %s and the categories ticked, %s left the register by age "
                     "on %s. If the birth date is wrong, correct it first, then reopen."),
                   r->values[TX_F ("birth_date")] ? r->values[TX_F ("birth_date")] : "?",
                   name_of (r), r->ages_out);
      goto fail;
    }
  e->state = g_strdup (TX_REGISTER_ACTIVE);
  e->date = tx_date_format (&today);
  e->note = g_steal_pointer (&clean_note);
  return set_register_by_person (self, rowid, r, e, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_ageing_out_run:
 * @today: the day to age children out by
 * @exited: (out) (optional) (transfer full) (element-type utf8): the ids of
 *   the children who left now
 * @held: (out) (optional) (transfer full) (element-type utf8): the ids of
 *   those past the age limit kept on the register by an open urgent case
 *
 * Takes off the register every child who aged out by @today, on their
 * birthday, recorded by the rule. Idempotent: what two stations record is
 * the same value, so their bundles do not disagree.
 */
gboolean
tx_store_ageing_out_run (TxStore      *self,
                         const GDate  *today,
                         GPtrArray   **exited,
                         GPtrArray   **held,
                         GError      **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *day = tx_date_format (today);
  sqlite3_stmt *stmt;
  int rc;

  if (!tx_store_begin (self, error))
    return FALSE;
  stmt = tx_store_prepare (self, "SELECT uuid FROM child WHERE deleted = 0 AND register = 'active' "
                                 "AND ages_out <= ?1 ORDER BY ages_out, sort_key", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, day);
  ids = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (ids, tx_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      goto fail;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(TxRecord) r = NULL;
      g_autoptr(TxRegisterEntry) e = NULL;
      g_autoptr(GError) urgent = NULL;
      gint64 rowid = 0;

      if (!(r = read_child (self, ids->pdata[i], &rowid, error)))
        goto fail;
      if (!check_no_urgent (self, r, &urgent))
        {
          if (!g_error_matches (urgent, TX_STORE_ERROR, TX_STORE_ERROR_URGENT_OPEN))
            {
              g_propagate_error (error, g_steal_pointer (&urgent));
              goto fail;
            }
          g_ptr_array_add (kept, g_strdup (r->id));
          continue;
        }
      e = g_new0 (TxRegisterEntry, 1);
      e->state = g_strdup (TX_REGISTER_EXITED);
      e->reason = g_strdup (TX_EXIT_AGED_OUT);
      e->date = g_strdup (r->ages_out);
      e->by = g_strdup (TX_REGISTER_BY_RULE);
      if (!set_register (self, rowid, r, e, error))
        goto fail;
      g_ptr_array_add (out, g_strdup (r->id));
    }
  /* one entry for the run, with its count */
  if (out->len && !tx_store_audit_count_of (self, "ageing-out.run", NULL, "children", out->len, error))
    goto fail;
  if (!tx_store_commit (self, error))
    return FALSE;
  if (exited)
    *exited = g_steal_pointer (&out);
  if (held)
    *held = g_steal_pointer (&kept);
  return TRUE;

fail:
  tx_store_rollback (self);
  return FALSE;
}

/* The township a child lives in, by the record's place of residence */
static char *
child_township (const TxRecord *r)
{
  const char *res = r->values[TX_F ("residence_division")];

  return res && strlen (res) >= 9 ? g_strndup (res, 9) : NULL;
}

static gboolean
write_transfer_decision (TxStore     *self,
                         const char  *uuid,
                         const char  *state,
                         const char  *note,
                         GError     **error)
{
  static const char *const fields[] = { "state", "decided_at", "decided_by", "note", NULL };
  sqlite3_stmt *stmt = tx_store_prepare (self, "UPDATE transfer SET state = ?2, decided_at = ?3, "
                                               "decided_by = ?4, note = ?5 WHERE uuid = ?1", error);
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, uuid);
  tx_store_bind_text (stmt, 2, state);
  tx_store_bind_text (stmt, 3, now);
  tx_store_bind_text (stmt, 4, who);
  tx_store_bind_text (stmt, 5, note);
  return tx_store_step_done (self, stmt, error) &&
         tx_store_touch (self, "transfer", uuid, fields, error);
}

/* The county hands the child to the new township: the place of residence
 * becomes the township (its village is for the new township to fill in),
 * so the child, its visits and urgent cases go in that township's next
 * bundle, every one of them marked changed again for it */
static gboolean
hand_over (TxStore           *self,
           const TxTransfer  *t,
           GError           **error)
{
  static const char *const fields[] = { "residence_division", "reporting_township", "residence_address", NULL };
  g_autoptr(TxRecord) before = NULL;
  g_autoptr(TxRecord) after = NULL;
  g_autofree char *editor = tx_store_get_worker (self);
  g_autofree char *residence = g_strconcat (t->to_township, "000", NULL);
  gint64 rowid = 0, seq;
  sqlite3_stmt *stmt;

  if (!(before = read_child (self, t->child, &rowid, NULL)))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("The record of the child to be transferred has not reached the county yet; "
                     "import the latest bundle of the township that offered the transfer, then "
                     "accept it."));
      return FALSE;
    }
  after = tx_record_copy (before);
  tx_record_set (after, TX_F ("residence_division"), residence);
  /* the new township reports the child; the old address is no longer where
   * the child lives, for the new township to fill in with the village */
  tx_record_set (after, TX_F ("reporting_township"), t->to_township);
  tx_record_set (after, TX_F ("residence_address"), NULL);
  if (!tx_store_child_write_merged (self, after, rowid, before, self->station_id, editor, error) ||
      !tx_store_touch (self, "child", t->child, fields, error))
    return FALSE;
  seq = tx_store_get_setting_int (self, "sync_seq") + 1;
  if (!tx_store_set_setting_int (self, "sync_seq", seq, error))
    return FALSE;
  for (guint k = 0; k < 2; k++)
    {
      stmt = tx_store_prepare (self, k == 0 ? "UPDATE visit SET sync_seq = ?2, sync_origin = NULL WHERE child = ?1"
                                            : "UPDATE urgent_case SET sync_seq = ?2, sync_origin = NULL WHERE child = ?1",
                               error);
      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, t->child);
      sqlite3_bind_int64 (stmt, 2, seq);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_county (TxStore  *self,
              GError  **error)
{
  if (self->township)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                           _("Only the county office accepts or refuses a transfer; this workstation "
                             "is a township's. The transfer goes to the county in the next bundle."));
      return FALSE;
    }
  return TRUE;
}

/* A transfer's entry: where to, not who */
static gboolean
audit_transfer (TxStore           *self,
                const char        *kind,
                const TxTransfer  *t,
                GError           **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "transfer", t->id);
  json_object_set_string_member (detail, "to_township", t->to_township);
  return tx_store_audit (self, kind, t->child, detail, error);
}

/**
 * tx_store_child_transfer:
 * @township: the nine-digit code of the township of this county the child
 *   moved to
 * @date: the day of the move
 * @note: (nullable)
 *
 * Offers the child to the county for the other township. The copy here
 * becomes read-only "transferred to …" at once; a refusal gives it back.
 * At the county office the transfer is offered and accepted in one step.
 *
 * Returns: (transfer full) (nullable): the transfer's id
 */
char *
tx_store_child_transfer (TxStore     *self,
                         const char  *id,
                         const char  *township,
                         const char  *date,
                         const char  *note,
                         GError     **error)
{
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(TxTransfer) t = g_new0 (TxTransfer, 1);
  g_autofree char *from = NULL, *to_name = NULL, *line = NULL;
  g_autofree char *clean_note = note ? g_strstrip (g_strdup (note)) : NULL;
  sqlite3_stmt *stmt;
  gint64 rowid = 0;
  GDate day;

  if (!check_date (date, _("date of the move"), &day, error))
    return NULL;
  if (township == NULL || strlen (township) != 9 || strspn (township, "0123456789") != 9 ||
      tx_division_lookup (township) == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not the code of a township; give its nine digits, as the division "
                     "list has them."), township ? township : "");
      return NULL;
    }
  if (self->county == NULL || !g_str_has_prefix (township, self->county))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("%s (%s) is not in this county: a child who moved out of the county leaves "
                     "the register with the reason “moved away”."),
                   tx_division_name (township), township);
      return NULL;
    }
  if (!tx_store_begin (self, error))
    return NULL;
  if (!(r = read_child_of_person (self, id, &rowid, error)) || !check_active (self, r, error) ||
      !check_no_urgent (self, r, error))
    goto fail;
  from = self->township ? g_strdup (self->township) : child_township (r);
  if (g_strcmp0 (from, township) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("%s lives in %s already; a move within the township is a change of "
                     "address: edit the record."), name_of (r), tx_division_name (township));
      goto fail;
    }
  if (from == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("The record of %s has no place of residence, so the township the child "
                     "leaves is not known; fill it in first."), name_of (r));
      goto fail;
    }
  t->id = g_uuid_string_random ();
  t->child = g_strdup (r->id);
  t->from_township = g_strdup (from);
  t->to_township = g_strdup (township);
  t->date = tx_date_format (&day);
  t->offered_at = tx_store_now_iso ();
  t->offered_by = tx_store_get_worker (self);
  t->offer_note = g_steal_pointer (&clean_note);
  stmt = tx_store_prepare (self, "INSERT INTO transfer (uuid, child, from_township, to_township, date, "
                                 "offered_at, offered_by, offer_note, station) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, t->id);
  tx_store_bind_text (stmt, 2, t->child);
  tx_store_bind_text (stmt, 3, t->from_township);
  tx_store_bind_text (stmt, 4, t->to_township);
  tx_store_bind_text (stmt, 5, t->date);
  tx_store_bind_text (stmt, 6, t->offered_at);
  tx_store_bind_text (stmt, 7, t->offered_by);
  tx_store_bind_text (stmt, 8, t->offer_note);
  tx_store_bind_text (stmt, 9, self->station_id);
  if (!tx_store_step_done (self, stmt, error) || !tx_store_touch (self, "transfer", t->id, NULL, error))
    goto fail;
  to_name = township_name (township);
  line = g_strdup_printf (_("Transfer to %s offered, moved on %s"), to_name, t->date);
  if (!add_history (self, rowid, "_transfer", NULL, line, t->offered_by, error))
    goto fail;
  /* the county moves the child in one step */
  if (self->township == NULL && (!write_transfer_decision (self, t->id, TX_TRANSFER_ACCEPTED, NULL, error) ||
                                 !hand_over (self, t, error)))
    goto fail;
  if (!tx_store_register_refresh (self, r->id, error) || !audit_transfer (self, "transfer.offer", t, error) ||
      !tx_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&t->id);

fail:
  tx_store_rollback (self);
  return NULL;
}

/**
 * tx_store_transfer_decide:
 * @accept: accept the transfer, or refuse it
 * @note: (nullable): required to refuse: the reason, for the old township
 *
 * At the county office: accepting hands the child to the new township;
 * refusing gives the child back to the old township's register.
 */
gboolean
tx_store_transfer_decide (TxStore     *self,
                          const char  *id,
                          gboolean     accept,
                          const char  *note,
                          GError     **error)
{
  g_autoptr(TxTransfer) t = NULL;
  g_autoptr(TxRecord) r = NULL;
  g_autofree char *clean_note = note ? g_strstrip (g_strdup (note)) : NULL;
  g_autofree char *line = NULL, *to = NULL, *who = NULL;
  gint64 rowid = 0;

  if (!tx_store_require (self, TX_PERMISSION_SYNC, error))
    return FALSE;

  if (!check_county (self, error))
    return FALSE;
  if (!accept && (clean_note == NULL || *clean_note == '\0'))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Give the reason for refusing the transfer in a note: the township "
                             "that offered it reads it."));
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(t = tx_store_transfer_get (self, id, error)))
    goto fail;
  if (!g_str_equal (t->state, TX_TRANSFER_OFFERED))
    {
      g_autofree char *day = tx_date_local_day (t->decided_at);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER,
                   g_str_equal (t->state, TX_TRANSFER_ACCEPTED)
                   ? _("This transfer was accepted on %s already.")
                   : _("This transfer was refused on %s already."), day ? day : "?");
      goto fail;
    }
  if (!write_transfer_decision (self, t->id, accept ? TX_TRANSFER_ACCEPTED : TX_TRANSFER_REFUSED,
                                clean_note, error) ||
      (accept && !hand_over (self, t, error)))
    goto fail;
  r = tx_store_read_record_at (self, t->child, &rowid);
  if (r && rowid)
    {
      to = township_name (t->to_township);
      who = tx_store_get_worker (self);
      line = accept ? g_strdup_printf (_("Transfer to %s accepted by the county"), to)
                    : g_strdup_printf (_("Transfer to %s refused by the county: %s"), to, clean_note);
      if (!add_history (self, rowid, "_transfer", NULL, line, who, error) ||
          !tx_store_register_refresh (self, t->child, error))
        goto fail;
    }
  if (!audit_transfer (self, accept ? "transfer.accept" : "transfer.refuse", t, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_transfer_synced:
 * @id: a transfer that came in a bundle, new or changed here
 * @decided: it came new, or with a new state
 *
 * Works out again the place on the register here of the transfer's child,
 * in the caller's transaction: the old township's copy becomes
 * "transferred", a refusal gives it back with its schedule. At the new
 * township, a child who came by an accepted transfer has it said in the
 * history.
 */
gboolean
tx_store_transfer_synced (TxStore     *self,
                          const char  *id,
                          gboolean     decided,
                          GError     **error)
{
  g_autoptr(TxTransfer) t = tx_store_transfer_get (self, id, NULL);
  g_autoptr(TxRecord) r = NULL;
  g_autofree char *from = NULL, *line = NULL;
  gint64 rowid = 0;

  if (t == NULL)
    return TRUE;
  if (!tx_store_register_refresh (self, t->child, error))
    return FALSE;
  if (!decided || self->township == NULL)
    return TRUE;
  r = tx_store_read_record_at (self, t->child, &rowid);
  if (r == NULL || r->deleted || rowid == 0)
    return TRUE;
  /* the new township: where the child came from; the old one: the county's
   * refusal and its reason, with the record it gives back */
  if (g_strcmp0 (t->state, TX_TRANSFER_ACCEPTED) == 0 && g_strcmp0 (t->to_township, self->township) == 0)
    {
      from = township_name (t->from_township);
      line = g_strdup_printf (_("Received by transfer from %s"), from);
    }
  else if (g_strcmp0 (t->state, TX_TRANSFER_REFUSED) == 0 && g_strcmp0 (t->from_township, self->township) == 0)
    {
      g_autofree char *to = township_name (t->to_township);
      line = g_strdup_printf (_("Transfer to %s refused by the county: %s"), to, t->note ? t->note : "");
    }
  else
    return TRUE;
  return add_history (self, rowid, "_transfer", NULL, line, t->decided_by, error);
}
