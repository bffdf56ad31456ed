/* tx-store-urgent.c — urgent cases (the urgent_case table)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"
#include "tx-visit.h"

static gpointer
read_urgent_case (sqlite3_stmt *stmt)
{
  TxUrgentCase *c = g_new0 (TxUrgentCase, 1);
  c->id = tx_store_column_text (stmt, 0);
  c->child_id = tx_store_column_text (stmt, 1);
  c->name = tx_store_column_text (stmt, 2);
  c->visit_id = tx_store_column_text (stmt, 3);
  c->situations = tx_store_column_text (stmt, 4);
  c->opened_at = tx_store_column_text (stmt, 5);
  c->birth_date = tx_store_column_text (stmt, 6);
  c->residence_division = tx_store_column_text (stmt, 7);
  c->phone = tx_store_column_text (stmt, 8);
  return c;
}

/**
 * tx_store_add_urgent_case:
 * @case_id: the new case's id
 * @visit: the visit that raised it
 * @opened_at: when, ISO 8601 UTC
 * @closed_at: (nullable): when it was closed, for a case closed already
 * @closed_by: (nullable): who closed it
 * @note: (nullable): how it was settled
 *
 * Writes an urgent case in the caller's transaction; an open one marks the
 * child urgent until it is closed.
 */
gboolean
tx_store_add_urgent_case (TxStore        *self,
                          const char     *case_id,
                          const TxVisit  *visit,
                          const char     *opened_at,
                          const char     *closed_at,
                          const char     *closed_by,
                          const char     *note,
                          GError        **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO urgent_case (uuid, child, visit, situations, opened_at, closed_at, closed_by, note, "
      "station) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  tx_store_changed (self, TX_STORE_CHANGE_VISITS);
  tx_store_bind_text (stmt, 1, case_id);
  tx_store_bind_text (stmt, 2, visit->child_id);
  tx_store_bind_text (stmt, 3, visit->id);
  tx_store_bind_text (stmt, 4, visit->urgent);
  tx_store_bind_text (stmt, 5, opened_at);
  tx_store_bind_text (stmt, 6, closed_at);
  tx_store_bind_text (stmt, 7, closed_by);
  tx_store_bind_text (stmt, 8, note);
  tx_store_bind_text (stmt, 9, visit->station ? visit->station : tx_store_get_station_id (self));
  if (!tx_store_step_done (self, stmt, error) || !tx_store_touch (self, "urgent", case_id, NULL, error))
    return FALSE;
  if (closed_at)
    return TRUE;
  stmt = tx_store_prepare (self, "UPDATE child SET urgent = 1 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, visit->child_id);
  return tx_store_step_done (self, stmt, error);
}

void
tx_urgent_case_free (TxUrgentCase *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->child_id);
  g_free (c->name);
  g_free (c->visit_id);
  g_free (c->situations);
  g_free (c->opened_at);
  g_free (c->birth_date);
  g_free (c->residence_division);
  g_free (c->phone);
  g_free (c);
}

/**
 * tx_store_urgent_open:
 *
 * Returns: (transfer full) (element-type TxUrgentCase): the open cases, oldest first
 */
GPtrArray *
tx_store_urgent_open (TxStore  *self,
                      GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT u.uuid, u.child, c.f_name, u.visit, u.situations, u.opened_at, c.f_birth_date, "
      "c.f_residence_division, c.f_contact_phone FROM urgent_case u "
      "JOIN child c ON c.uuid = u.child WHERE u.closed_at IS NULL AND c.deleted = 0"
      TX_MINE ("c.f_residence_division", 1) " ORDER BY u.opened_at", error);
  g_autofree char *mine = tx_store_villages_json (self);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, mine);
  return tx_store_collect (self, stmt, (TxRowReader) read_urgent_case,
                           (GDestroyNotify) tx_urgent_case_free, error);
}

/**
 * tx_store_urgent_close:
 * @child_id: the child whose open urgent cases are closed
 * @note: what was done; required
 * @closed_by: (nullable): the supervisor's name
 *
 * Closes the child's open urgent cases and takes the urgent mark off.
 */
gboolean
tx_store_urgent_close (TxStore     *self,
                       const char  *child_id,
                       const char  *note,
                       const char  *closed_by,
                       GError     **error)
{
  static const char *const closed_fields[] = { "closed_at", "closed_by", "note", NULL };
  g_autofree char *now = tx_store_now_iso ();
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *worker = NULL;
  sqlite3_stmt *stmt;

  if (!tx_store_require_child (self, child_id, error))
    return FALSE;
  /* closed by the person logged in, unless the caller names who settled it */
  if (closed_by == NULL || *closed_by == '\0')
    closed_by = worker = tx_store_get_worker (self);
  if (note == NULL || *note == 0)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("Say how the case was settled: closing an urgent case needs a note."));
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  /* each case closed is a change that travels */
  stmt = tx_store_prepare (self, "SELECT uuid FROM urgent_case WHERE child = ?1 AND closed_at IS NULL", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, child_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (cases, tx_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  for (guint i = 0; i < cases->len; i++)
    if (!tx_store_touch (self, "urgent", cases->pdata[i], closed_fields, error))
      goto fail;
  tx_store_changed (self, TX_STORE_CHANGE_VISITS);
  stmt = tx_store_prepare (self, "UPDATE urgent_case SET closed_at = ?2, closed_by = ?3, note = ?4 "
                                 "WHERE child = ?1 AND closed_at IS NULL", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, child_id);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, closed_by);
  tx_store_bind_text (stmt, 4, note);
  if (!tx_store_step_done (self, stmt, error))
    goto fail;
  if (sqlite3_changes (tx_store_get_db (self)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("The child with id %s has no open urgent case; see “urgent list”."), child_id);
      goto fail;
    }
  stmt = tx_store_prepare (self, "UPDATE child SET urgent = 0 WHERE uuid = ?1", error);
  if (stmt == NULL)
    goto fail;
  tx_store_bind_text (stmt, 1, child_id);
  if (!tx_store_step_done (self, stmt, error) ||
      !tx_store_audit_count_of (self, "urgent.close", child_id, "cases", cases->len, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}
