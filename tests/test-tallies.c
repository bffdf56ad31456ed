/* test-tallies.c — the counts the store keeps as rows change (issue #18)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The children on the register and the key-care ones (child_tally, kept by
 * triggers, schema 22) and the marks on the name grams that let a search
 * of a character count from the grams alone (schemas 27 and 28), against
 * the rows they stand for, after every kind of change; the day of an open
 * urgent case's visit on the case (schema 30). The calendar's other
 * tallies are checked in test-visits.
 */

#include "config.h"

#include <sqlite3.h>

#include "tx-store-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

/* Runs @sql as a sync merge or another process might, or fails the test */
static void
exec (TxStore    *store,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (store->db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* The count the triggers keep (schema 22) and the count of the rows */
static void
assert_tally (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 on_register, key_care;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                   "SELECT count(*), count(*) FILTER (WHERE f_key_care = 'yes') FROM child "
                   "WHERE deleted = 0 AND register = 'active'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  on_register = sqlite3_column_int64 (stmt, 0);
  key_care = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, &error), ==, on_register);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, &error), ==, key_care);
  g_assert_no_error (error);
}

/* A one-character search counted from the grams alone (schema 27) and
 * from the children's rows, for those on the register and those who left */
static void
assert_gram_counts (TxStore    *store,
                    const char *name)
{
  g_autofree char *first = g_strndup (name, g_utf8_next_char (name) - name);
  const char *const sql[] = {
    "SELECT count(*) FROM name_gram g JOIN child c ON c.rowid = g.child WHERE g.gram = ?1 "
    "AND c.deleted = 0 AND c.register = 'active'",
    "SELECT count(*) FROM name_gram g JOIN child c ON c.rowid = g.child WHERE g.gram = ?1 "
    "AND c.deleted = 0 AND c.register <> 'active'",
  };
  const TxRegisterFilter filters[] = { TX_REGISTER_FILTER_ACTIVE, TX_REGISTER_FILTER_LEFT };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      TxChildQuery q = { .search = first, .register_filter = filters[i] };
      g_autoptr(GArray) ids = tx_store_child_rowids (store, &q, NULL);
      g_autoptr(GPtrArray) rows = tx_store_child_list (store, &q, 0, 100000, NULL);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (store->db, sql[i], -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (tx_store_child_count (store, &q, NULL), ==, sqlite3_column_int (stmt, 0));
      g_assert_cmpuint (ids->len, ==, sqlite3_column_int (stmt, 0));
      g_assert_cmpuint (rows->len, ==, ids->len);
      sqlite3_finalize (stmt);
      /* and the key-care children among them */
      q.key_care_only = TRUE;
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = tx_store_child_list (store, &q, 0, 100000, NULL);
      g_assert_cmpint (tx_store_child_count (store, &q, NULL), ==, rows->len);
      for (guint r = 0; r < rows->len; r++)
        g_assert_true (((TxChildRow *) rows->pdata[r])->key_care);
    }
}

/* The children on the register and the key-care ones among them are
 * counted by triggers, whatever changes a row: the demo (adds, exits,
 * ageing out), an edit of key care, an exit and a reopening, a deletion */
static void
test_tally (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("tally.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TxRecord) rec = NULL;
  TxChildRow *row;
  gint64 before;

  assert_tally (store);
  g_assert_true (tx_demo_generate (store, 300, 5, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_tally (store);
  before = tx_store_child_count (store, &(TxChildQuery) { 0 }, &error);
  g_assert_cmpint (before, <, 300);   /* some left */
  g_assert_cmpint (before, ==, tx_store_child_count (store, &(TxChildQuery) { .order = TX_CHILD_ORDER_AGE,
                                                                             .search = " " }, &error));

  rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 10, &error);
  row = rows->pdata[0];
  rec = tx_store_child_get (store, row->id, &error);
  tx_record_set_key (rec, "remarks", "复查");
  g_assert_true (tx_store_child_update (store, rec, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_tally (store);
  /* key care as a sync merge or a rule's change may set it */
  exec (store, "UPDATE child SET f_key_care = CASE f_key_care WHEN 'yes' "
               "THEN 'no' ELSE 'yes' END WHERE rowid IN (SELECT rowid FROM child "
               "WHERE deleted = 0 LIMIT 40)");
  assert_tally (store);
  /* the grams' marks are the writing code's (write_record, write_register),
   * not a trigger's: this UPDATE is the test's own, so it marks them as
   * that code does */
  for (gint64 rowid = 1; rowid <= 300; rowid++)
    g_assert_true (tx_store_mark_grams (store, rowid, &error));

  assert_gram_counts (store, ((TxChildRow *) rows->pdata[1])->name);
  g_assert_true (tx_store_child_exit (store, ((TxChildRow *) rows->pdata[1])->id, "moved-away", "2026-11-20",
                                      "搬到广州", &error));
  g_assert_no_error (error);
  assert_tally (store);
  assert_gram_counts (store, ((TxChildRow *) rows->pdata[1])->name);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, before - 1);
  g_assert_true (tx_store_child_reopen (store, ((TxChildRow *) rows->pdata[1])->id, "回来了", &error));
  g_assert_no_error (error);
  assert_tally (store);
  assert_gram_counts (store, ((TxChildRow *) rows->pdata[1])->name);
  g_assert_true (tx_store_child_delete (store, ((TxChildRow *) rows->pdata[2])->id, &error));
  g_assert_no_error (error);
  assert_tally (store);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, before - 1);
}

/* The calendar's urgent children of each day of the months around today
 * (due that day and urgent, or with an open case raised by a visit made
 * that day) against the cases' visits themselves, as the month read them
 * before schema 30; and each open case's day against its visit's */
static void
assert_urgent_days (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  GDate today;

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                   "SELECT count(*) FROM urgent_case u WHERE closed_at IS NULL AND visit_day IS NOT "
                   "(SELECT date FROM visit v WHERE v.uuid = u.visit AND v.deleted = 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (store->db,
                   "SELECT (SELECT count(*) FROM child WHERE deleted = 0 AND urgent = 1 AND next_visit_due = ?1) + "
                   "(SELECT count(DISTINCT u.child) FROM urgent_case u JOIN visit v ON v.uuid = u.visit "
                   "JOIN child c ON c.uuid = u.child WHERE u.closed_at IS NULL AND v.deleted = 0 AND v.date = ?1 "
                   "AND c.deleted = 0 AND v.date IS NOT c.next_visit_due)", -1, &stmt, NULL), ==, SQLITE_OK);
  tx_date_today (&today);
  g_date_subtract_months (&today, 2);
  for (int m = 0; m < 4; m++, g_date_add_months (&today, 1))
    {
      TxDayCounts days[31];

      g_assert_true (tx_store_calendar_month (store, g_date_get_year (&today), g_date_get_month (&today),
                                              NULL, NULL, days, &error));
      g_assert_no_error (error);
      for (guint d = 1; d <= g_date_get_days_in_month (g_date_get_month (&today), g_date_get_year (&today)); d++)
        {
          g_autofree char *iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&today),
                                                  g_date_get_month (&today), d);

          sqlite3_bind_text (stmt, 1, iso, -1, SQLITE_TRANSIENT);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          if ((guint) sqlite3_column_int (stmt, 0) != days[d - 1].urgent)
            g_error ("%s: %u urgent, the cases say %d", iso, days[d - 1].urgent, sqlite3_column_int (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  sqlite3_finalize (stmt);
}

/* The day of an open urgent case's visit is kept on the case (schema 30),
 * whatever changes: a visit's day edited, a visit deleted and undeleted,
 * a case closed and reopened (as a sync merge may), a case that comes
 * before its visit (as a bundle may bring them) */
static void
test_urgent_days (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("urgent-days.db");
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *child = NULL;
  gint open;
  GDate today;
  g_autofree char *yesterday = NULL;
  g_autofree char *sql = NULL;

  assert_urgent_days (store);
  g_assert_true (tx_demo_generate (store, 1500, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (store->db, "SELECT count(*), min(child) FROM urgent_case WHERE closed_at IS NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  open = sqlite3_column_int (stmt, 0);
  child = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  g_test_message ("%d open urgent cases", open);
  g_assert_cmpint (open, >=, 2);
  assert_urgent_days (store);

  /* a visit's day edited, and a visit deleted and brought back */
  exec (store, "UPDATE visit SET date = date(date, '-3 days') WHERE uuid = "
               "(SELECT visit FROM urgent_case WHERE closed_at IS NULL ORDER BY uuid LIMIT 1)");
  assert_urgent_days (store);
  exec (store, "UPDATE visit SET deleted = 1 WHERE uuid = "
               "(SELECT visit FROM urgent_case WHERE closed_at IS NULL ORDER BY uuid LIMIT 1 OFFSET 1)");
  assert_urgent_days (store);
  exec (store, "UPDATE visit SET deleted = 0 WHERE deleted = 1 AND uuid IN (SELECT visit FROM urgent_case)");
  assert_urgent_days (store);

  /* a case closed, and reopened as a merge may */
  g_assert_true (tx_store_urgent_close (store, child, "已接回", "李春梅", &error));
  g_assert_no_error (error);
  assert_urgent_days (store);
  exec (store, "UPDATE visit SET date = date(date, '-1 days') WHERE uuid IN (SELECT visit FROM urgent_case "
               "WHERE closed_at IS NOT NULL)");
  exec (store, "UPDATE urgent_case SET closed_at = NULL, closed_by = NULL, note = NULL "
               "WHERE closed_at IS NOT NULL");
  assert_urgent_days (store);

  /* a case before its visit, as a bundle may bring them */
  tx_date_today (&today);
  g_date_subtract_days (&today, 1);
  yesterday = tx_date_format (&today);
  {
    TxVisit v = { .id = (char *) "0000visit-first-case", .child_id = child, .urgent = (char *) "alone_or_missing" };

    g_assert_true (tx_store_add_urgent_case (store, "0000case-before-visit", &v, "2026-01-01T00:00:00Z",
                                             NULL, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  assert_urgent_days (store);
  sql = g_strdup_printf ("INSERT INTO visit (uuid, created_at, updated_at, station, child, date, kind, urgent) "
                         "VALUES ('0000visit-first-case', '2026-01-01', '2026-01-01', 'x', '%s', '%s', 'home', "
                         "'alone_or_missing')", child, yesterday);
  exec (store, sql);
  assert_urgent_days (store);
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/tallies/register", test_tally);
  g_test_add_func ("/tallies/urgent-days", test_urgent_days);
  return g_test_run ();
}
