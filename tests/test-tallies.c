/* test-tallies.c — the counts the store keeps as rows change (issue #18)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The children on the register and the key-care ones (child_tally, kept by
 * triggers, schema 22) and the marks on the name grams that let a search
 * of a character count from the grams alone (schemas 27 and 28), against
 * the rows they stand for, after every kind of change. The calendar's
 * tallies are checked in test-visits.
 */

#include "config.h"

#include <sqlite3.h>

#include "tx-store-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

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
  g_assert_cmpint (sqlite3_exec (store->db, "UPDATE child SET f_key_care = CASE f_key_care WHEN 'yes' "
                                 "THEN 'no' ELSE 'yes' END WHERE rowid IN (SELECT rowid FROM child "
                                 "WHERE deleted = 0 LIMIT 40)", NULL, NULL, NULL), ==, SQLITE_OK);
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

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/tallies/register", test_tally);
  return g_test_run ();
}
