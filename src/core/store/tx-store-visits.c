/* tx-store-visits.c — home visits (the visit table), the calendar month, the visit log
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
#include "tx-store-roles.h"
#include "tx-store-versions.h"
#include "tx-visit.h"

#define VISIT_COLUMNS \
  "uuid, created_at, updated_at, station, child, date, visitor, kind, living, guardianship_found, " \
  "medical_schooling, care_services, needs, actions, follow_up, services, guardianship, " \
  "guardianship_problem, urgent, police_reported_at, police_station, police_officer, " \
  "police_receipt, police_measures, complete"

#define N_VISIT_FIELDS 24

/* The text fields of a visit in the order of VISIT_COLUMNS */
static void
visit_fields (TxVisit *v,
              char   **fields[N_VISIT_FIELDS])
{
  char **list[] = {
    &v->id, &v->created_at, &v->updated_at, &v->station, &v->child_id, &v->date, &v->visitor,
    &v->kind, &v->living, &v->guardianship_found, &v->medical_schooling, &v->care_services,
    &v->needs, &v->actions, &v->follow_up, &v->services, &v->guardianship,
    &v->guardianship_problem, &v->urgent, &v->police_reported_at, &v->police_station,
    &v->police_officer, &v->police_receipt, &v->police_measures,
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (list) == N_VISIT_FIELDS);
  memcpy (fields, list, sizeof list);
}

static TxVisit *
read_visit (sqlite3_stmt *stmt)
{
  TxVisit *v = tx_visit_new ();
  char **fields[N_VISIT_FIELDS];

  visit_fields (v, fields);
  for (guint i = 0; i < N_VISIT_FIELDS; i++)
    *fields[i] = tx_store_column_text (stmt, i);
  v->complete = sqlite3_column_int (stmt, N_VISIT_FIELDS);
  return v;
}

static void
add_problem (GPtrArray  *problems,
             const char *key,
             const char *message)
{
  TxVisitProblem *p = g_new0 (TxVisitProblem, 1);

  p->key = g_strdup (key);
  p->severity = TX_SEVERITY_ERROR;
  p->message = g_strdup (message);
  g_ptr_array_add (problems, p);
}

/**
 * tx_store_visit_add:
 * @visit: the visit; on success it holds its id and bookkeeping
 * @draft: whether an incomplete visit (an urgent situation without the
 *   police report) may be saved
 * @problems: (out) (optional) (transfer full) (element-type TxVisitProblem):
 *   what is wrong with it, also on failure
 *
 * Records the visit. A home visit moves the child's next visit; a
 * re-assessment changes the child's guardianship (kept in its history) and
 * reschedules at once. All in one transaction.
 *
 * Returns: (transfer full) (nullable): the id of the new visit
 */
/* the visit's entry, and the urgent case's it opened */
static gboolean
audit_visit (TxStore        *self,
             const TxVisit  *v,
             GError        **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "visit", v->id);
  json_object_set_string_member (detail, "kind", v->kind);
  if (!v->complete)
    json_object_set_boolean_member (detail, "draft", TRUE);
  return tx_store_audit (self, "visit.add", v->child_id, detail, error) &&
         (!v->urgent || tx_store_audit (self, "urgent.open", v->child_id, detail, error));
}

char *
tx_store_visit_add (TxStore    *self,
                    TxVisit    *v,
                    gboolean    draft,
                    GPtrArray **problems_out,
                    GError    **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TxRecord) child = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  GDate today;
  char **fields[N_VISIT_FIELDS];

  /* a director visits the children of their villages */
  if (v->child_id && !tx_store_require_child (self, v->child_id, error))
    return NULL;
  tx_date_today (&today);
  problems = tx_visit_check (v, &today);
  if (v->child_id)
    {
      g_autoptr(GError) local = NULL;

      child = tx_store_child_get (self, v->child_id, &local);
      /* the disk's error is not a problem of the visit's */
      if (child == NULL && !g_error_matches (local, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND) &&
          !g_error_matches (local, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (child == NULL)
        add_problem (problems, "child_id", _("No child with this id is registered here; check the id "
                                             "with “child list”."));
      /* a visit after the child left is to a child not on the register;
       * one made before (written up late) is kept with the record */
      else if (g_strcmp0 (child->register_state, "active") != 0 && v->date && child->exit_date &&
               g_strcmp0 (v->date, child->exit_date) > 0)
        {
          g_autofree char *msg = g_strdup_printf (_("The child left the register on %s; a visit after that "
                                                    "day is not recorded. Reopen the record first if the "
                                                    "child is back."), child->exit_date);
          add_problem (problems, "date", msg);
        }
    }
  if (v->services)
    {
      g_auto(GStrv) ids = g_strsplit (v->services, ",", -1);
      for (guint i = 0; ids[i]; i++)
        if (!tx_store_care_service_usable (self, ids[i]))
          {
            g_autofree char *msg = g_strdup_printf (_("“%s” is not a service of the list, or it is "
                                                      "retired; see “services list”."), ids[i]);
            add_problem (problems, "services", msg);
          }
    }
  if (child && v->complete)
    {
      for (guint i = 0; i < problems->len; i++)
        if (((TxVisitProblem *) problems->pdata[i])->severity == TX_SEVERITY_ERROR)
          v->complete = FALSE;
    }

  if (tx_visit_problems_block (problems))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("The visit has errors; correct them and save again."));
      goto fail;
    }
  if (!v->complete && !draft)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE,
                           _("The visit is not complete; give what is missing, or save it as a draft."));
      goto fail;
    }

  if (!tx_store_begin (self, error))
    goto fail;
  now = tx_store_now_iso ();
  g_free (v->id);
  v->id = g_uuid_string_random ();
  g_free (v->created_at);
  v->created_at = g_strdup (now);
  g_free (v->updated_at);
  v->updated_at = g_strdup (now);
  g_free (v->station);
  v->station = g_strdup (tx_store_get_station_id (self));

  stmt = tx_store_prepare (self, "INSERT INTO visit (" VISIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                 "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, "
                                 "?22, ?23, ?24, ?25)", error);
  if (stmt == NULL)
    goto rollback;
  visit_fields (v, fields);
  for (guint i = 0; i < N_VISIT_FIELDS; i++)
    tx_store_bind_text (stmt, i + 1, *fields[i]);
  sqlite3_bind_int (stmt, N_VISIT_FIELDS + 1, v->complete);
  if (!tx_store_step_done (self, stmt, error) || !tx_store_touch (self, "visit", v->id, NULL, error))
    goto rollback;

  /* an urgent situation opens a case and marks the child until it is closed */
  if (v->urgent)
    {
      g_autofree char *case_id = g_uuid_string_random ();

      if (!tx_store_add_urgent_case (self, case_id, v, now, NULL, NULL, NULL, error))
        goto rollback;
    }

  if (g_str_equal (v->kind, "home"))
    {
      stmt = tx_store_prepare (self, "UPDATE child SET last_home_visit = ?2 WHERE uuid = ?1 "
                                     "AND (last_home_visit IS NULL OR last_home_visit < ?2)", error);
      if (stmt == NULL)
        goto rollback;
      tx_store_bind_text (stmt, 1, v->child_id);
      tx_store_bind_text (stmt, 2, v->date);
      if (!tx_store_step_done (self, stmt, error))
        goto rollback;
    }

  /* the child's record: a re-assessment, and the next visit worked out again */
  if (v->guardianship)
    {
      tx_record_set_key (child, "guardianship", v->guardianship);
      tx_record_set_key (child, "guardianship_problem", v->guardianship_problem);
    }
  if (!tx_store_child_update (self, child, TRUE, NULL, error))
    {
      g_prefix_error (error, _("The child's record could not take the visit: "));
      goto rollback;
    }
  if (!audit_visit (self, v, error))
    goto rollback;
  if (!tx_store_commit (self, error))
    goto fail;
  if (problems_out)
    *problems_out = g_steal_pointer (&problems);
  return g_strdup (v->id);

rollback:
  tx_store_rollback (self);
  g_clear_pointer (&v->id, g_free);
fail:
  if (problems_out)
    *problems_out = g_steal_pointer (&problems);
  return NULL;
}

/**
 * tx_store_visit_get:
 *
 * Returns: (transfer full) (nullable): the visit
 */
TxVisit *
tx_store_visit_get (TxStore     *self,
                    const char  *id,
                    GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " VISIT_COLUMNS " FROM visit "
                                               "WHERE uuid = ?1 AND deleted = 0", error);
  TxVisit *v = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = read_visit (stmt);
  sqlite3_reset (stmt);
  if (v == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("No visit with id %s is recorded here."), id);
  else if (!tx_store_require_child (self, v->child_id, error))
    g_clear_pointer (&v, tx_visit_free);
  return v;
}

/**
 * tx_store_visit_list:
 * @child_id: (nullable): only this child's visits
 * @from: (nullable): the first date, ISO
 * @to: (nullable): the last date, ISO
 *
 * Returns: (transfer full) (element-type TxVisit): visits by date
 */
GPtrArray *
tx_store_visit_list (TxStore     *self,
                     const char  *child_id,
                     const char  *from,
                     const char  *to,
                     GError     **error)
{
  /* one child's visits through visit_child, a period's through visit_date
   * ("?1 IS NULL OR child = ?1" read the period's index for one child) */
  sqlite3_stmt *stmt = tx_store_prepare (self, child_id ?
      "SELECT " VISIT_COLUMNS " FROM visit WHERE deleted = 0 AND child = ?1 "
      "AND date >= ?2 AND date <= ?3" TX_MINE_CHILD ("child", 4) " ORDER BY date, created_at" :
      "SELECT " VISIT_COLUMNS " FROM visit WHERE deleted = 0 AND ?1 IS NULL "
      "AND date >= ?2 AND date <= ?3" TX_MINE_CHILD ("child", 4) " ORDER BY date, created_at", error);
  g_autofree char *mine = tx_store_villages_json (self);

  if (stmt == NULL || (child_id && !tx_store_require_child (self, child_id, error)))
    return NULL;
  tx_store_bind_text (stmt, 4, mine);
  tx_store_bind_text (stmt, 1, child_id);
  tx_store_bind_text (stmt, 2, from ? from : "0000-00-00");
  tx_store_bind_text (stmt, 3, to ? to : "9999-99-99");
  return tx_store_collect (self, stmt, (TxRowReader) read_visit,
                           (GDestroyNotify) tx_visit_free, error);
}

static gpointer
read_first_text (sqlite3_stmt *stmt)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/**
 * tx_store_visitors:
 * @since: (nullable): only visits on or after this day (YYYY-MM-DD)
 *
 * The people who made visits, for the calendar's staff filter, read from
 * the visit_visitor index only.
 *
 * Returns: (transfer full) (element-type utf8): the names, sorted
 */
GPtrArray *
tx_store_visitors (TxStore     *self,
                   const char  *since,
                   GError     **error)
{
  /* a loose index scan: from one name to the next through visit_visitor,
   * a few lookups per person however many visits there are */
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "WITH RECURSIVE name (v) AS ("
      "  SELECT min(visitor) FROM visit WHERE deleted = 0 AND visitor > '' "
      "  UNION ALL "
      "  SELECT (SELECT min(visitor) FROM visit WHERE deleted = 0 AND visitor > name.v) "
      "  FROM name WHERE name.v IS NOT NULL) "
      "SELECT v FROM name WHERE v IS NOT NULL AND EXISTS (SELECT 1 FROM visit "
      "  WHERE deleted = 0 AND visitor = name.v AND date >= coalesce(?1, '')) ORDER BY v", error);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, since);
  return tx_store_collect (self, stmt, read_first_text, g_free, error);
}

/**
 * tx_store_calendar_month:
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only visits made by this person
 * @days: (out caller-allocates): the month's days, the first at index 0
 *
 * The counts the visit calendar shows: the children due from the tally of
 * due days (a row a day and village), the visits made from the visit-date
 * index: it reads the month's rows, not every visit.
 */
gboolean
tx_store_calendar_month (TxStore        *self,
                         guint           year,
                         guint           month,
                         const char     *division,
                         const char     *visitor,
                         TxDayCounts   days[31],
                         GError        **error)
{
  g_autofree char *from = g_strdup_printf ("%04u-%02u-01", year, month);
  g_autofree char *to = g_strdup_printf ("%04u-%02u-31", year, month);
  g_autofree char *end = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *mine = tx_store_villages_json (self);
  sqlite3_stmt *stmt;
  GDate today;
  int rc;

  memset (days, 0, 31 * sizeof (TxDayCounts));
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  end = tx_store_division_end (division);

  /* the tally by day and village the triggers keep (schema 24) */
  stmt = tx_store_prepare (self,
      "SELECT day, sum(n), sum(n) * (day < ?3), sum(urgent) FROM due_tally "
      "WHERE day >= ?1 AND day <= ?2 "
      "AND (?4 IS NULL OR (village >= ?4 AND village < ?5))"
      TX_MINE ("village", 6) " GROUP BY day", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, from);
  tx_store_bind_text (stmt, 2, to);
  tx_store_bind_text (stmt, 3, today_iso);
  tx_store_bind_text (stmt, 4, end ? division : NULL);
  tx_store_bind_text (stmt, 5, end);
  tx_store_bind_text (stmt, 6, mine);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      int d = atoi (day + 8) - 1;

      if (d >= 0 && d < 31)
        {
          days[d].due = sqlite3_column_int (stmt, 1);
          days[d].overdue = sqlite3_column_int (stmt, 2);
          days[d].urgent = sqlite3_column_int (stmt, 3);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);

  /* the visits made: for everybody's children from the tally by day and
   * visitor (schema 25); for a village's or a director's, through those
   * children and each one's visits of the month (visit_child), not every
   * visit of the month looked up for its child */
  if (end == NULL && mine == NULL)
    stmt = tx_store_prepare (self,
        "SELECT date, sum(n) FROM visit_tally WHERE date >= ?1 AND date <= ?2 "
        "AND (?3 IS NULL OR visitor = ?3) GROUP BY date", error);
  else
    {
      /* the conditions named, not "?4 IS NULL OR …": the village's range
       * and a director's villages are then child_village's to serve */
#define DONE_BY_CHILDREN(where) \
      "SELECT v.date, count(*) FROM child c CROSS JOIN visit v ON v.child = c.uuid " \
      "WHERE c.deleted = 0 AND v.deleted = 0 AND v.date >= ?1 AND v.date <= ?2 " \
      "AND (?3 IS NULL OR v.visitor = ?3)" where " GROUP BY v.date"
#define IN_RANGE " AND c.f_residence_division >= ?4 AND c.f_residence_division < ?5"
#define IN_MINE " AND c.f_residence_division IN (SELECT value FROM json_each (?6))"
      stmt = tx_store_prepare (self, end && mine ? DONE_BY_CHILDREN (IN_RANGE IN_MINE)
                                     : end ? DONE_BY_CHILDREN (IN_RANGE)
                                     : DONE_BY_CHILDREN (IN_MINE), error);
#undef IN_MINE
#undef IN_RANGE
#undef DONE_BY_CHILDREN
    }
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, from);
  tx_store_bind_text (stmt, 2, to);
  tx_store_bind_text (stmt, 3, visitor);
  if (end)
    {
      tx_store_bind_text (stmt, 4, division);
      tx_store_bind_text (stmt, 5, end);
    }
  if (mine)
    tx_store_bind_text (stmt, 6, mine);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      int d = atoi (day + 8) - 1;

      if (d >= 0 && d < 31)
        days[d].done = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);

  /* urgent, besides the urgent children due: the children with an open
   * case raised by a visit on the day (the visit moved the child's next
   * visit away from it), each once. The open cases raised in the month,
   * by the day of their visit that they hold (schema 30), not every open
   * case looking for its visit; CROSS JOIN keeps that order. */
  stmt = tx_store_prepare (self,
      "SELECT u.visit_day, count(DISTINCT u.child) FROM urgent_case u INDEXED BY urgent_open_day "
      "CROSS JOIN child c ON c.uuid = u.child "
      "WHERE u.closed_at IS NULL AND u.visit_day >= ?1 AND u.visit_day <= ?2 AND c.deleted = 0 "
      "AND u.visit_day IS NOT c.next_visit_due "
      "AND (?3 IS NULL OR (c.f_residence_division >= ?3 AND c.f_residence_division < ?4))"
      TX_MINE ("c.f_residence_division", 5) " GROUP BY u.visit_day", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, from);
  tx_store_bind_text (stmt, 2, to);
  tx_store_bind_text (stmt, 3, end ? division : NULL);
  tx_store_bind_text (stmt, 4, end);
  tx_store_bind_text (stmt, 5, mine);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 0);
      int d = atoi (day + 8) - 1;

      if (d >= 0 && d < 31)
        days[d].urgent += sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

void
tx_visit_row_free (TxVisitRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->child_id);
  g_free (row->name);
  g_free (row->kind);
  g_free (row->visitor);
  g_free (row->birth_date);
  g_free (row->residence_division);
  g_free (row->phone);
  g_free (row);
}

static gpointer
read_visit_row (sqlite3_stmt *stmt)
{
  TxVisitRow *row = g_new0 (TxVisitRow, 1);

  row->id = tx_store_column_text (stmt, 0);
  row->child_id = tx_store_column_text (stmt, 1);
  row->name = tx_store_column_text (stmt, 2);
  row->kind = tx_store_column_text (stmt, 3);
  row->visitor = tx_store_column_text (stmt, 4);
  row->urgent = sqlite3_column_bytes (stmt, 5) > 0;
  row->birth_date = tx_store_column_text (stmt, 6);
  row->residence_division = tx_store_column_text (stmt, 7);
  row->phone = tx_store_column_text (stmt, 8);
  return row;
}

/**
 * tx_store_visit_rows:
 * @day: the day, ISO
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only visits made by this person
 * @limit: at most this many, 0 for all
 * @total: (out) (optional): how many there are in all
 *
 * The visits made on a day with the names of the children visited, in the
 * order they were recorded here (the date index's order, so a page reads a
 * page): what the calendar lists under a day.
 *
 * Returns: (transfer full) (element-type TxVisitRow): the visits
 */
GPtrArray *
tx_store_visit_rows (TxStore     *self,
                     const char  *day,
                     const char  *division,
                     const char  *visitor,
                     guint        limit,
                     guint       *total,
                     GError     **error)
{
  g_autofree char *end = tx_store_division_end (division);
  g_autofree char *mine = tx_store_villages_json (self);
  sqlite3_stmt *stmts[2] = {
    tx_store_prepare (self,
        "SELECT v.uuid, v.child, c.f_name, v.kind, v.visitor, v.urgent, c.f_birth_date, "
        "c.f_residence_division, c.f_contact_phone FROM visit v "
        "JOIN child c ON c.uuid = v.child "
        "WHERE v.deleted = 0 AND v.date = ?1 AND (?2 IS NULL OR v.visitor = ?2) "
        "AND (?3 IS NULL OR (c.f_residence_division >= ?3 AND c.f_residence_division < ?4))"
        TX_MINE ("c.f_residence_division", 6) " ORDER BY v.rowid LIMIT ?5", error),
    /* without a village, a director's count reads the visits alone,
     * not each child; for everybody, the tally by day and visitor (schema
     * 25: a busy day at a million has 20,000 visits) */
    tx_store_prepare (self, end ?
        "SELECT count(*) FROM visit v JOIN child c ON c.uuid = v.child "
        "WHERE v.deleted = 0 AND v.date = ?1 AND (?2 IS NULL OR v.visitor = ?2) "
        "AND c.f_residence_division >= ?3 AND c.f_residence_division < ?4"
        TX_MINE ("c.f_residence_division", 6) : mine ?
        "SELECT count(*) FROM visit v WHERE v.deleted = 0 AND v.date = ?1 AND (?2 IS NULL OR v.visitor = ?2) "
        "AND ?3 IS NULL AND ?4 IS NULL" TX_MINE_CHILD ("v.child", 6) :
        "SELECT ifnull (sum(n), 0) FROM visit_tally WHERE date = ?1 AND (?2 IS NULL OR visitor = ?2) "
        "AND ?3 IS NULL AND ?4 IS NULL AND ?6 IS NULL", error),
  };

  if (stmts[0] == NULL || stmts[1] == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    {
      tx_store_bind_text (stmts[i], 1, day);
      tx_store_bind_text (stmts[i], 2, visitor);
      tx_store_bind_text (stmts[i], 3, end ? division : NULL);
      tx_store_bind_text (stmts[i], 4, end);
      tx_store_bind_text (stmts[i], 6, mine);
    }
  return tx_store_collect_page (self, stmts[0], 5, stmts[1], read_visit_row,
                                (GDestroyNotify) tx_visit_row_free, limit, total, error);
}

/* The monthly visit log */

void
tx_log_row_free (TxLogRow *row)
{
  if (row == NULL)
    return;
  tx_visit_free (row->visit);
  g_free (row->name);
  g_free (row->residence);
  g_free (row->next_visit_due);
  g_free (row);
}

static gpointer
read_log_row (sqlite3_stmt *stmt)
{
  TxLogRow *row = g_new0 (TxLogRow, 1);

  row->visit = read_visit (stmt);
  row->name = tx_store_column_text (stmt, N_VISIT_FIELDS + 1);
  row->residence = tx_store_column_text (stmt, N_VISIT_FIELDS + 2);
  row->next_visit_due = tx_store_column_text (stmt, N_VISIT_FIELDS + 3);
  return row;
}

/**
 * tx_store_visit_log:
 * @from: the first day, ISO
 * @to: the last day, ISO
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only the visits this person made
 *
 * The visits of a period as the monthly log prints them: by village, then
 * by date, with each child's name, village and next home visit due.
 *
 * Returns: (transfer full) (element-type TxLogRow): the visits
 */
GPtrArray *
tx_store_visit_log (TxStore     *self,
                    const char  *from,
                    const char  *to,
                    const char  *division,
                    const char  *visitor,
                    GError     **error)
{
  g_autofree char *end = tx_store_division_end (division);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " VISIT_COLUMNS ", child_name, residence, next_due FROM ("
      "  SELECT v.*, c.f_name AS child_name, c.f_residence_division AS residence, "
      "    c.next_visit_due AS next_due FROM visit v JOIN child c ON c.uuid = v.child "
      "  WHERE v.deleted = 0 AND v.date >= ?1 AND v.date <= ?2 "
      "  AND (?3 IS NULL OR (c.f_residence_division >= ?3 AND c.f_residence_division < ?4)) "
      "  AND (?5 IS NULL OR v.visitor = ?5)" TX_MINE ("c.f_residence_division", 6) ") "
      "ORDER BY residence, date, rowid", error);
  g_autofree char *mine = tx_store_villages_json (self);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, from);
  tx_store_bind_text (stmt, 2, to);
  tx_store_bind_text (stmt, 3, end ? division : NULL);
  tx_store_bind_text (stmt, 4, end);
  tx_store_bind_text (stmt, 5, visitor);
  tx_store_bind_text (stmt, 6, mine);
  return tx_store_collect (self, stmt, read_log_row, (GDestroyNotify) tx_log_row_free, error);
}
