/* test-migrations.c — a store of every earlier schema version opens and keeps its data
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tx-store-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

static void
exec_bound (TxStore *store, const char *sql, const char *a, const char *b, const char *c,
            const char *d, const char *e)
{
  const char *v[] = { a, b, c, d, e };
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < 5; i++)
    sqlite3_bind_text (stmt, i + 1, v[i], -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* Writes a child the way a store of @version did: straight into its
 * columns, and from version 2 on with its search columns and name grams */
static void
insert_old_child (TxStore *store, int version, const char *uuid, const char *name,
                  const char *id_number)
{
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
      "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, "
      "f_birth_date, f_id_number, f_residence_division, f_key_care, f_gender) "
      "VALUES (?1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'old-station', 1, 1, ?2, "
      "'2018-05-14', ?3, '220102001002', 'no', 'male')", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, id_number, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  if (version >= 2)
    {
      g_autofree char *key = tx_pinyin_sort_key (name);
      g_autofree char *ini = tx_pinyin_initials (name);
      g_autofree char *rev = id_number ? g_strreverse (g_strdup (id_number)) : NULL;

      exec_bound (store, "UPDATE child SET sort_key = ?2, initials = ?3, given_initials = ?4, "
                  "id_rev = ?5 WHERE uuid = ?1", uuid, key, ini, ini + 1, rev);
      for (const char *p = name; *p; p = g_utf8_next_char (p))
        {
          const char *q = g_utf8_next_char (p);
          g_autofree char *one = g_strndup (p, q - p);
          g_autofree char *two = *q ? g_strndup (p, g_utf8_next_char (q) - p) : NULL;

          exec_bound (store, "INSERT INTO name_gram (gram, sort_key, child) SELECT ?2, ?3, rowid FROM child "
                      "WHERE uuid = ?1 AND ?4 IS NULL AND ?5 IS NULL", uuid, one, key, NULL, NULL);
          if (two)
            exec_bound (store, "INSERT INTO name_gram (gram, sort_key, child) SELECT ?2, ?3, rowid FROM child "
                        "WHERE uuid = ?1 AND ?4 IS NULL AND ?5 IS NULL", uuid, two, key, NULL, NULL);
        }
    }
}

static void
test_from_version (gconstpointer data)
{
  int version = GPOINTER_TO_INT (data);
  g_autofree char *name = g_strdup_printf ("v%d.db", version);
  g_autofree char *path = tx_test_db_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  /* from schema 17 on a store is encrypted: its person logs in first */
  if (version >= 17)
    g_assert_true (tx_test_login (path, &error));
  old = tx_store_open_at_version (path, version, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (old), ==, version);
  g_assert_true (tx_store_exec (old, "INSERT INTO settings VALUES ('county', '220102'), "
                                     "('township', '220102001')", &error));
  insert_old_child (old, version, "0b7a3c1e-0000-4000-8000-000000000001", "张小明", "511323201805141234");
  insert_old_child (old, version, "0b7a3c1e-0000-4000-8000-000000000002", "李明", NULL);
  if (version == 10)
    /* a change that came from another station, due to go to a third */
    exec_bound (old, "INSERT INTO sync_record (tbl, uuid, seq, origin) VALUES ('child', ?1, 42, ?2)",
                "0b7a3c1e-0000-4000-8000-000000000001", "00000000-0000-4000-8000-0000000000aa", NULL, NULL, NULL);
  g_clear_object (&old);

  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, TX_STORE_SCHEMA_VERSION);

  /* migration 11 moved the change counters onto the records */
  if (version == 10)
    {
      sqlite3_stmt *stmt;

      g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT uuid, sync_seq, sync_origin FROM child "
                                           "WHERE sync_seq IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "0b7a3c1e-0000-4000-8000-000000000001");
      g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 42);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "00000000-0000-4000-8000-0000000000aa");
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_finalize (stmt);
    }

  r = tx_store_child_get (store, "0b7a3c1e-0000-4000-8000-000000000001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_record_get_key (r, "name"), ==, "张小明");
  g_assert_cmpstr (tx_record_get_key (r, "id_number"), ==, "511323201805141234");
  /* migration 4 worked out when the child is due: the inserted rows have no
   * registration date, so nothing; the upgraded store computes it on save */
  g_assert_null (r->next_visit_due);

  /* search works on the migrated rows */
  rows = tx_store_child_list (store, &(TxChildQuery) { .search = "明" }, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (((TxChildRow *) rows->pdata[0])->name, ==, "李明");
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "1234" }, NULL), ==, 1);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "zxm" }, NULL), ==, 1);
  /* migration 22 counted the children on the register for its tally */
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, 2);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL), ==, 0);

  /* and the upgraded store takes changes */
  tx_record_set_key (r, "contact_phone", "13812345678");
  tx_record_set_key (r, "registration_date", "2026-09-15");
  g_assert_true (tx_store_child_update (store, r, TRUE, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&r, tx_record_free);
  r = tx_store_child_get (store, "0b7a3c1e-0000-4000-8000-000000000001", &error);
  g_assert_cmpstr (r->next_visit_due, ==, "2026-10-15");
  /* the save put back the name's grams it took away, by their key */
  {
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT group_concat (gram, ' ') FROM "
                                         "(SELECT gram FROM name_gram g JOIN child c ON c.rowid = g.child "
                                         "WHERE c.uuid = '0b7a3c1e-0000-4000-8000-000000000001' ORDER BY gram)",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "小 小明 张 张小 明");
    sqlite3_finalize (stmt);
  }
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, 2);
}

/* A version 11 store kept eligibility as it was on the day of the save:
 * migration 12 works it out again, to be counted against today */
static void
insert_v11_record (TxStore *store, const char *uuid, const char *registered, const char *arrived)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GString) cols = g_string_new ("uuid, created_at, updated_at, station, complete, eligible");
  g_autoptr(GString) vals = g_string_new ("?1, '2026-09-15T02:00:00Z', '2026-09-15T02:00:00Z', 'old', 1, 0");
  g_autoptr(GPtrArray) bound = g_ptr_array_new ();
  sqlite3_stmt *stmt;

  tx_record_set_key (r, "registration_date", registered);
  tx_record_set_key (r, "arrival_date", arrived);
  tx_record_set_key (r, "id_number", NULL);
  tx_record_set_key (r, "id_type", "none");
  for (guint i = 0; i < form->n_fields; i++)
    if (r->values[i])
      {
        g_string_append_printf (cols, ", f_%s", form->fields[i].key);
        g_ptr_array_add (bound, r->values[i]);
        g_string_append_printf (vals, ", ?%u", bound->len + 1);
      }
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO child (%s) VALUES (%s)", cols->str, vals->str);
    g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  }
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  for (guint i = 0; i < bound->len; i++)
    sqlite3_bind_text (stmt, i + 2, bound->pdata[i], -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_eligibility_against_today (void)
{
  g_autofree char *path = tx_test_db_path ("v11-eligible.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = tx_store_open_at_version (path, 11, &error);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_no_error (error);
  g_assert_true (tx_store_exec (old, "INSERT INTO settings VALUES ('county', '220102'), "
                                     "('township', '220102001')", &error));
  /* registered after five months and thirty days: six since 2026-09-16 */
  insert_v11_record (old, "0b7a3c1e-0000-4000-8000-000000000011", "2026-09-15", "2026-03-16");
  /* still waiting on the tests' today, 2026-11-25 */
  insert_v11_record (old, "0b7a3c1e-0000-4000-8000-000000000012", "2026-11-20", "2026-06-01");
  g_clear_object (&old);

  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  waiting = tx_store_child_list (store, &(TxChildQuery) { .ineligible_only = TRUE }, 0, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  g_assert_cmpstr (((TxChildRow *) waiting->pdata[0])->id, ==, "0b7a3c1e-0000-4000-8000-000000000012");
  g_assert_cmpstr (((TxChildRow *) waiting->pdata[0])->eligible_from, ==, "2026-12-01");
  g_assert_false (((TxChildRow *) waiting->pdata[0])->eligible);
  all = tx_store_child_list (store, &(TxChildQuery) { .order = TX_CHILD_ORDER_STATUS }, 0, 10, &error);
  g_assert_cmpuint (all->len, ==, 2);
  for (guint i = 0; i < all->len; i++)
    {
      TxChildRow *row = all->pdata[i];
      g_assert_true (row->complete);
      g_assert_nonnull (row->next_visit_due);
      if (g_str_equal (row->id, "0b7a3c1e-0000-4000-8000-000000000011"))
        {
          g_assert_true (row->eligible);
          g_assert_cmpstr (row->eligible_from, ==, "2026-09-16");
        }
    }
  /* ordered by status, the one still waiting comes first */
  g_assert_cmpstr (((TxChildRow *) all->pdata[0])->id, ==, "0b7a3c1e-0000-4000-8000-000000000012");
}

/* Migration 12: the parents' key-care situations for the children stored
 * before, and their next visit */
static void
test_key_care_parents (void)
{
  g_autofree char *path = tx_test_db_path ("v11-parents.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = tx_store_open_at_version (path, 11, &error);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) rehab = NULL, normal = NULL;
  g_autoptr(GPtrArray) history = NULL;
  const char *const ids[] = { "0b7a3c1e-0000-4000-8000-000000000011", "0b7a3c1e-0000-4000-8000-000000000012" };
  gboolean found = FALSE;

  g_assert_no_error (error);
  g_assert_true (tx_store_exec (old, "INSERT INTO settings VALUES ('county', '220102'), "
                                     "('township', '220102001'), ('station_id', 'a1b2c3d4-0000-4000-8000-000000000001')",
                                &error));
  /* both parents in compulsory drug rehabilitation, guardianship typed
   * 较好: stored as no key-care child, visited every three months */
  insert_old_child (old, 11, ids[0], "张小明", "511323201805141234");
  insert_old_child (old, 11, ids[1], "李明", NULL);
  exec_bound (old, "UPDATE child SET f_registration_date = '2026-09-15', f_guardianship = 'good', "
              "f_father_status = ?2, f_mother_status = ?2, f_key_care = 'no', f_key_care_reasons = NULL, "
              "last_home_visit = '2026-10-12', next_visit_due = '2027-01-12' WHERE uuid = ?1",
              ids[0], "drug_rehab", NULL, NULL, NULL);
  /* parents who look after the child, a situation ticked by hand: as it was */
  exec_bound (old, "UPDATE child SET f_registration_date = '2026-09-15', f_guardianship = 'good', "
              "f_father_status = ?2, f_mother_status = ?2, f_key_care = 'yes', f_key_care_reasons = 'psychological', "
              "last_home_visit = '2026-10-12', next_visit_due = '2026-10-27' WHERE uuid = ?1",
              ids[1], "normal", NULL, NULL, NULL);
  g_clear_object (&old);

  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, TX_STORE_SCHEMA_VERSION);

  rehab = tx_store_child_get (store, ids[0], &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_record_get_key (rehab, "key_care_reasons"), ==, "unsupported,parent_detained");
  g_assert_cmpstr (tx_record_get_key (rehab, "key_care"), ==, "yes");
  g_assert_cmpstr (rehab->next_visit_due, ==, "2026-10-27");   /* the key-care interval, 15 days */
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL), ==, 2);
  history = tx_store_child_history (store, ids[0], &error);
  g_assert_no_error (error);
  for (guint i = 0; i < history->len; i++)
    {
      TxChange *c = history->pdata[i];
      if (g_str_equal (c->field, "key_care_reasons") && c->old_value == NULL &&
          g_strcmp0 (c->new_value, "unsupported,parent_detained") == 0)
        found = TRUE;
    }
  g_assert_true (found);

  normal = tx_store_child_get (store, ids[1], &error);
  g_assert_cmpstr (tx_record_get_key (normal, "key_care_reasons"), ==, "psychological");
  g_assert_cmpstr (normal->next_visit_due, ==, "2026-10-27");
}

static void
test_too_new (void)
{
  g_autofree char *path = tx_test_db_path ("new.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxStore) again = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", TX_STORE_SCHEMA_VERSION + 1);

  g_assert_true (tx_store_exec (store, sql, &error));
  g_clear_object (&store);
  again = tx_test_open (path, &error);
  g_assert_null (again);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW);
}

/* Schema 26: a deleted child's conflicts, settled ones too, are found by
 * the record (conflict_record), not by reading the whole queue; a store of
 * 25 with conflicts gets the index and keeps them */
static void
test_conflict_record (void)
{
  g_autofree char *path = tx_test_db_path ("conflicts-v25.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *plan = NULL;

  g_assert_true (tx_test_login (path, &error));
  old = tx_store_open_at_version (path, 25, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_exec (old, "INSERT INTO conflict (tbl, uuid, field, mine, theirs, kept, station, at, "
                                     "resolved_at) VALUES "
                                     "('child', 'c1', 'f_name', 'a', 'b', 'mine', 's', '2026-11-01', NULL), "
                                     "('child', 'c1', 'f_phone', 'a', 'b', 'mine', 's', '2026-11-01', '2026-11-02'), "
                                     "('child', 'c2', 'f_name', 'a', 'b', 'mine', 's', '2026-11-01', NULL)", &error));
  g_clear_object (&old);
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_schema_version (store), ==, TX_STORE_SCHEMA_VERSION);
  plan = tx_test_plan (store, "DELETE FROM conflict WHERE tbl = ?1 AND uuid = ?2");
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "SEARCH conflict USING INDEX conflict_record (tbl=? AND uuid=?)"));
  g_assert_true (tx_store_exec (store, "DELETE FROM conflict WHERE tbl = 'child' AND uuid = 'c1'", &error));
  g_assert_cmpint (tx_store_count_of (tx_store_get_db (store), "SELECT count(*) FROM conflict"), ==, 1);
}

/* Schemas 27 and 28: the grams of a child who left and of a key-care
 * child, marked by their keys, so that a search of a character counts
 * them among those who left only, and among the key-care children */
static void
test_gram_register (void)
{
  g_autofree char *path = tx_test_db_path ("grams-v26.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = NULL;
  g_autoptr(TxStore) store = NULL;

  g_assert_true (tx_test_login (path, &error));
  old = tx_store_open_at_version (path, 26, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_exec (old, "INSERT INTO settings VALUES ('county', '220102'), "
                                     "('township', '220102001')", &error));
  insert_old_child (old, 26, "0b7a3c1e-0000-4000-8000-000000000001", "张小明", "511323201805141234");
  insert_old_child (old, 26, "0b7a3c1e-0000-4000-8000-000000000002", "李明", NULL);
  g_assert_true (tx_store_exec (old, "UPDATE child SET register = 'exited', exit_reason = 'moved-away', "
                                     "exit_date = '2026-10-01' WHERE uuid = '0b7a3c1e-0000-4000-8000-000000000002';"
                                     "UPDATE child SET f_key_care = 'yes' "
                                     "WHERE uuid = '0b7a3c1e-0000-4000-8000-000000000001'",
                                &error));
  g_clear_object (&old);
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "明" }, NULL), ==, 1);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "李" }, NULL), ==, 0);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "李",
                                                                  .register_filter = TX_REGISTER_FILTER_LEFT },
                                         NULL), ==, 1);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "明",
                                                                  .register_filter = TX_REGISTER_FILTER_ALL },
                                         NULL), ==, 2);
  /* schema 28: the key-care child's grams marked */
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "明", .key_care_only = TRUE },
                                         NULL), ==, 1);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "李", .key_care_only = TRUE,
                                                                  .register_filter = TX_REGISTER_FILTER_ALL },
                                         NULL), ==, 0);
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  for (int v = 1; v < TX_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *name = g_strdup_printf ("/migrations/from-v%d", v);
      g_test_add_data_func (name, GINT_TO_POINTER (v), test_from_version);
    }
  g_test_add_func ("/migrations/eligibility-against-today", test_eligibility_against_today);
  g_test_add_func ("/migrations/key-care-parents", test_key_care_parents);
  g_test_add_func ("/migrations/conflict-record", test_conflict_record);
  g_test_add_func ("/migrations/gram-register", test_gram_register);
  g_test_add_func ("/migrations/too-new", test_too_new);
  return g_test_run ();
}
