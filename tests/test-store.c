/* test-store.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "tx-store-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

static char *
add_fixture (TxStore *store, TxRecord *r)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCheck) check = NULL;
  char *id = tx_store_child_add (store, r, FALSE, &check, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static void
test_round_trip (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("rt.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  const TxForm *form = tx_form_get ();
  guint filled = 0;

  id = add_fixture (store, r);
  back = tx_store_child_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->id, ==, id);
  g_assert_nonnull (back->created_at);
  g_assert_cmpstr (back->station, ==, tx_store_get_station_id (store));
  for (guint i = 0; i < form->n_fields; i++)
    {
      g_assert_cmpstr (back->values[i], ==, r->values[i]);
      filled += back->values[i] != NULL;
    }
  /* the fixture fills every field but the other guardian's and the disability/illness ones */
  g_assert_cmpuint (filled, >=, form->n_fields - 10);
}

static void
test_every_field_round_trip (void)
{
  /* a record with a value in every field, including the conditional ones */
  g_autoptr(TxStore) store = tx_test_store_new ("every.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autofree char *id = NULL;
  const TxForm *form = tx_form_get ();
  static const char *const extra[][2] = {
    { "health", "disabled,ill" }, { "disability_kind", "physical" }, { "disability_grade", "2" },
    { "disability_certificate", "yes" }, { "illness", "哮喘" }, { "serious_illness", "no" },
    { "rehab", "applied" }, { "other_guardian_name", "王秀兰" },
    { "other_guardian_relation", "maternal_grandparents" },
    { "other_guardian_id", "22010219850302211X" }, { "other_guardian_phone", "13512345678" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    tx_record_set_key (r, extra[i][0], extra[i][1]);
  id = tx_store_child_add (store, r, FALSE, &check, &error);
  g_assert_no_error (error);
  back = tx_store_child_get (store, id, &error);
  for (guint i = 0; i < form->n_fields; i++)
    {
      if (back->values[i] == NULL)
        g_error ("field %s was not stored", form->fields[i].key);
      g_assert_cmpstr (back->values[i], ==, r->values[i]);
    }
}

static void
test_duplicate_id (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("dup.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) r2 = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autofree char *id = add_fixture (store, r);
  g_autofree char *id2 = NULL;

  tx_record_set_key (r2, "name", "张小亮");
  id2 = tx_store_child_add (store, r2, FALSE, &check, &error);
  g_assert_null (id2);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, 1);
}

static void
test_same_name_birth_warns (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("same.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) r2 = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autofree char *id = add_fixture (store, r);
  g_autofree char *id2 = NULL;

  tx_record_set_key (r2, "id_type", "none");
  tx_record_set_key (r2, "id_number", NULL);
  id2 = tx_store_child_add (store, r2, FALSE, &check, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id2);
  g_assert_true (tx_test_check_has (check, "name", TX_SEVERITY_WARNING));
}

static void
test_draft (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("draft.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCheck) check = NULL, check2 = NULL;
  g_autofree char *id = NULL, *id2 = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  tx_record_set_key (r, "contact_phone", NULL);
  id = tx_store_child_add (store, r, FALSE, &check, &error);
  g_assert_null (id);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE);
  g_clear_error (&error);

  id2 = tx_store_child_add (store, r, TRUE, &check2, &error);
  g_assert_no_error (error);
  g_assert_true (r->draft);
  rows = tx_store_child_list (store, &(TxChildQuery) { .incomplete_only = TRUE }, 0, 10, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (((TxChildRow *) rows->pdata[0])->draft);

  /* an invalid value is refused even for a draft */
  tx_record_set_key (r, "contact_phone", "12");
  g_assert_false (tx_store_child_update (store, r, TRUE, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
}

static void
test_update_and_history (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("upd.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_fixture (store, r);
  sqlite3_stmt *stmt;

  tx_record_set_key (r, "contact_phone", "13912345678");
  g_assert_true (tx_store_child_update (store, r, FALSE, NULL, &error));
  g_assert_no_error (error);
  back = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (tx_record_get_key (back, "contact_phone"), ==, "13912345678");

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT field, old_value, new_value FROM child_change", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "contact_phone");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "13844556677");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "13912345678");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* a new name: the old name's grams go (deleted by their key, issue #18)
   * and the search finds the child by the new one only */
  tx_record_set_key (r, "name", "欧阳晓雨");
  g_assert_true (tx_store_child_update (store, r, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = tx_record_get_key (back, "name") },
                                         NULL), ==, 0);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "晓雨" }, NULL), ==, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT count(*), count(DISTINCT child) "
                                       "FROM name_gram", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 7);   /* 欧 阳 晓 雨 欧阳 阳晓 晓雨 */
  g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 1);
  sqlite3_finalize (stmt);
}

static void
test_delete_tombstone (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("del.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) r2 = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_fixture (store, r);
  g_autofree char *id2 = NULL;
  sqlite3_stmt *stmt;

  g_assert_true (tx_store_child_delete (store, id, &error));
  g_assert_no_error (error);
  g_assert_null (tx_store_child_get (store, id, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (tx_store_child_delete (store, id, &error));
  g_clear_error (&error);

  /* the tombstone keeps the id and when, not the child */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT deleted, f_name, f_id_number, updated_at FROM child WHERE uuid = ?1",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  g_assert_null (sqlite3_column_text (stmt, 1));
  g_assert_null (sqlite3_column_text (stmt, 2));
  g_assert_nonnull (sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "张" }, NULL), ==, 0);
  /* the identity number is free again */
  id2 = add_fixture (store, r2);
  g_assert_nonnull (id2);
}

static void
test_file_mode_and_pragmas (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("mode.db");
  g_autofree char *path = tx_test_db_path ("mode.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autofree char *id = add_fixture (store, r);
  struct stat st;
  static const struct { const char *pragma; const char *value; } pragmas[] = {
    { "PRAGMA journal_mode", "wal" }, { "PRAGMA synchronous", "2" },
    { "PRAGMA foreign_keys", "1" }, { "PRAGMA secure_delete", "1" },
    { "PRAGMA trusted_schema", "0" },
  };

  g_assert_cmpint (stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      sqlite3_stmt *stmt;
      g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), pragmas[i].pragma, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, pragmas[i].value);
      sqlite3_finalize (stmt);
    }
  g_assert_cmpint (tx_store_get_schema_version (store), ==, TX_STORE_SCHEMA_VERSION);
}

static void
test_not_set_up (void)
{
  g_autofree char *path = tx_test_db_path ("bare.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxRecord) r = tx_test_fixture_record ();

  g_assert_no_error (error);
  g_assert_false (tx_store_is_set_up (store));
  g_assert_null (tx_store_child_add (store, r, FALSE, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP);
}

static void
test_init_workstation (void)
{
  g_autofree char *path = tx_test_db_path ("init.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autofree char *name = NULL;

  g_assert_false (tx_store_init_workstation (store, "999999", NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (tx_store_init_workstation (store, "220102", "220103001", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (tx_store_init_workstation (store, "220102", "220102999", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS);
  g_clear_error (&error);
  g_assert_false (tx_store_is_set_up (store));

  /* a county office names no township */
  g_assert_true (tx_store_init_workstation (store, "220102", NULL, NULL, &error));
  g_assert_no_error (error);
  name = tx_store_get_setting (store, TX_SETTING_STATION_NAME);
  g_assert_cmpstr (name, ==, "南关区");
  g_assert_null (tx_store_get_setting (store, TX_SETTING_TOWNSHIP));
}

static void
test_reopen_keeps_station (void)
{
  g_autofree char *path = tx_test_db_path ("station.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) a = tx_test_open (path, &error);
  g_autofree char *first = g_strdup (tx_store_get_station_id (a));
  g_autoptr(TxStore) b = NULL;

  g_clear_object (&a);
  b = tx_test_open (path, &error);
  g_assert_cmpstr (tx_store_get_station_id (b), ==, first);
  g_assert_true (g_uuid_string_is_valid (first));
}

static void
test_corrupt_file (void)
{
  g_autofree char *path = tx_test_db_path ("corrupt.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "this is a spreadsheet, not a database, and it is long enough to look like a header", -1, NULL));
  store = tx_test_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT);
}

/* SQLite answers SQLITE_FULL when a file reaches max_page_count, just as
 * when the disk is full: the failed change must leave everything as it was */
static void
test_disk_full (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("full.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_fixture (store, r);
  g_autofree char *limit = NULL;
  sqlite3_stmt *stmt;
  int pages;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "PRAGMA page_count", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  pages = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  limit = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
  g_assert_true (tx_store_exec (store, limit, &error));

  g_assert_false (tx_demo_generate (store, 300, 5, NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  /* which disk, what is free there and how much to free */
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, " free)"));
  g_assert_nonnull (strstr (error->message, "Free at least "));
  g_clear_error (&error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, 1);

  /* add children one by one until the file is full: the failed one keeps
   * everything that was typed, and the store keeps everything saved before */
  for (guint n = 0; n < 300; n++)
    {
      g_autoptr(TxRecord) next = tx_record_copy (r);
      g_autoptr(TxRecord) typed = NULL;
      g_autofree char *new_id = NULL;
      char number[19];

      g_snprintf (number, sizeof number, "51132320180514%03u", 301 + 2 * n);
      number[17] = tx_id_check_digit (number);
      number[18] = 0;
      tx_record_set_key (next, "id_number", number);
      tx_record_set_key (next, "remarks", "一段较长的备注，用来更快地填满数据库文件的最后几页。");
      g_clear_pointer (&next->id, g_free);
      typed = tx_record_copy (next);
      new_id = tx_store_child_add (store, next, FALSE, NULL, &error);
      if (new_id == NULL)
        {
          g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL);
          g_assert_null (next->id);
          g_assert_true (tx_record_equal_values (next, typed));
          g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, n + 1);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Search */

static TxStore *
search_store (void)
{
  static const char *const names[] = {
    "张小明", "张晓明", "王小明", "李明", "张三", "欧阳娜娜", "曾小红", "明天", "Anna Li",
  };
  TxStore *store = tx_test_store_new ("search.db");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(TxRecord) r = tx_test_fixture_record ();
      char id[19];
      g_autofree char *new_id = NULL;

      g_snprintf (id, sizeof id, "51132320180514%03u", 101 + 2 * i);
      id[17] = tx_id_check_digit (id);
      id[18] = 0;
      tx_record_set_key (r, "name", names[i]);
      tx_record_set_key (r, "id_number", id);
      new_id = tx_store_child_add (store, r, FALSE, NULL, &error);
      g_assert_no_error (error);
    }
  return store;
}

static char *
search_names (TxStore *store, const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tx_store_child_list (store, &(TxChildQuery) { .search = text }, 0, 100, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = text }, NULL), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      if (i)
        g_string_append_c (s, ' ');
      g_string_append (s, ((TxChildRow *) rows->pdata[i])->name);
    }
  return g_string_free (s, FALSE);
}

#define ASSERT_SEARCH(store, q, expected) G_STMT_START { \
    g_autofree char *got = search_names (store, q);      \
    g_assert_cmpstr (got, ==, expected);                 \
  } G_STMT_END

static void
test_search (void)
{
  g_autoptr(TxStore) store = search_store ();

  /* names in pinyin order; 曾 is read zeng as a surname */
  ASSERT_SEARCH (store, "", "Anna Li 李明 明天 欧阳娜娜 王小明 曾小红 张三 张小明 张晓明");
  ASSERT_SEARCH (store, "明", "李明 明天 王小明 张小明 张晓明");
  ASSERT_SEARCH (store, "小明", "王小明 张小明");
  ASSERT_SEARCH (store, "张小明", "张小明");
  ASSERT_SEARCH (store, "张", "张三 张小明 张晓明");
  ASSERT_SEARCH (store, "欧阳", "欧阳娜娜");
  ASSERT_SEARCH (store, "阳娜娜", "欧阳娜娜");
  ASSERT_SEARCH (store, "zxm", "张小明 张晓明");
  ASSERT_SEARCH (store, "ZXM", "张小明 张晓明");
  ASSERT_SEARCH (store, "xm", "王小明 张小明 张晓明");
  ASSERT_SEARCH (store, "zxh", "曾小红");
  ASSERT_SEARCH (store, "zhang", "张三 张小明 张晓明");
  ASSERT_SEARCH (store, "anna", "Anna Li");
  ASSERT_SEARCH (store, "赵", "");
  /* what input methods give: spaces, full-width letters and digits */
  ASSERT_SEARCH (store, " 张 小明 ", "张小明");
  ASSERT_SEARCH (store, "ｚｘｍ", "张小明 张晓明");
  ASSERT_SEARCH (store, "５１１３２３２０１８０５１４１０１", "张小明");
  /* identity numbers: prefix and last digits */
  ASSERT_SEARCH (store, "511323", "Anna Li 李明 明天 欧阳娜娜 王小明 曾小红 张三 张小明 张晓明");
  ASSERT_SEARCH (store, "51132320180514101", "张小明");
  {
    char id[19];
    g_autofree char *last4 = NULL;

    g_snprintf (id, sizeof id, "51132320180514103");
    id[17] = tx_id_check_digit (id);
    id[18] = 0;
    last4 = g_strdup (id + 14);
    ASSERT_SEARCH (store, last4, "张晓明");
  }
}

static void
test_search_filters (void)
{
  g_autoptr(TxStore) store = search_store ();
  g_autoptr(GError) error = NULL;

  /* every fixture child is key care (insufficient guardianship) and lives in 恒安社区 */
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, &error), ==, 9);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .division = "220102001002" }, &error), ==, 9);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .division = "220102001001" }, &error), ==, 0);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "明", .division = "220102001" }, &error), ==, 5);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .guardianship = "good" }, &error), ==, 0);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .category = "migrant" }, &error), ==, 9);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .incomplete_only = TRUE }, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_paging (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("paging.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) all = NULL;
  /* the demo's children who left the register too */
  const TxChildQuery everyone = { .register_filter = TX_REGISTER_FILTER_ALL };

  g_assert_true (tx_demo_generate (store, 500, 7, NULL, NULL, &error));
  g_assert_no_error (error);
  all = tx_store_child_list (store, &everyone, 0, 1000, &error);
  g_assert_cmpuint (all->len, ==, 500);
  ids = tx_store_child_rowids (store, &everyone, &error);
  g_assert_cmpuint (ids->len, ==, 500);

  for (guint off = 0; off < 500; off += 100)
    {
      g_autoptr(GPtrArray) page = tx_store_child_list (store, &everyone, off, 100, &error);
      g_autoptr(GPtrArray) by_id = tx_store_child_rows_by_rowid (store, &g_array_index (ids, gint64, off), 100, &error);

      g_assert_cmpuint (page->len, ==, 100);
      for (guint i = 0; i < 100; i++)
        {
          TxChildRow *a = page->pdata[i], *b = all->pdata[off + i], *c = by_id->pdata[i];
          g_assert_cmpstr (a->id, ==, b->id);
          g_assert_cmpstr (c->id, ==, b->id);
        }
    }
  /* pinyin order */
  for (guint i = 1; i < all->len; i++)
    {
      g_autofree char *k1 = tx_pinyin_sort_key (((TxChildRow *) all->pdata[i - 1])->name);
      g_autofree char *k2 = tx_pinyin_sort_key (((TxChildRow *) all->pdata[i])->name);
      g_assert_cmpint (strcmp (k1, k2), <=, 0);
    }
}

/* The plan SQLite chose for the last statement the store prepared whose
 * text starts with @start, one line a step */
static char *
plan_of (TxStore    *store,
         const char *start)
{
  sqlite3_stmt *stmt = NULL;

  for (stmt = sqlite3_next_stmt (store->db, NULL); stmt; stmt = sqlite3_next_stmt (store->db, stmt))
    if (g_str_has_prefix (sqlite3_sql (stmt), start))
      break;
  g_assert_nonnull (stmt);
  return tx_test_plan (store, sqlite3_sql (stmt));
}

/* The roster as it opens (the children on the register in name order) and
 * a page far down it read one index and not the children's rows: a
 * county's 200,000 in 25 ms rather than a second (schema 19) */
static void
test_roster_from_index (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("roster-index.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *plan = NULL;

  g_assert_true (tx_demo_generate (store, 300, 3, NULL, NULL, &error));
  g_assert_no_error (error);
  ids = tx_store_child_rowids (store, &(TxChildQuery) { 0 }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, <, 300);   /* some have left the register */
  g_assert_cmpuint (ids->len, ==, tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL));

  plan = plan_of (store, "SELECT c.rowid FROM child c");
  g_test_message ("%s", plan);
  g_assert_nonnull (strstr (plan, "SCAN c USING INDEX child_roster"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));   /* the order is the index's */

  /* a name's character: its grams alone (schema 27) */
  {
    g_autofree char *gram_plan = NULL;

    g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = "王" }, NULL), >, 0);
    gram_plan = plan_of (store, "SELECT count(*) FROM name_gram g WHERE g.gram = ? AND g.active = 1");
    g_test_message ("%s", gram_plan);
    g_assert_nonnull (strstr (gram_plan, "SEARCH g USING PRIMARY KEY (gram=?)"));
    g_assert_null (strstr (gram_plan, "child"));
  }

  /* a search's count and row ids ask child_state, not each child's row,
   * whether a child found is on the register (schema 23), and give what
   * the rows would */
  {
    static const char *const searches[] = { "王", "明", "wx", "2201", "1234" };

    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        TxChildQuery q = { .search = searches[i] };
        TxChildQuery kc = { .search = searches[i], .key_care_only = TRUE };
        g_autoptr(GArray) found = tx_store_child_rowids (store, &q, &error);
        g_autoptr(GPtrArray) rows = tx_store_child_list (store, &q, 0, 1000, &error);
        g_autoptr(GPtrArray) key_care = tx_store_child_list (store, &kc, 0, 1000, &error);
        g_autofree char *count_plan = NULL;

        g_assert_no_error (error);
        g_assert_cmpint (tx_store_child_count (store, &q, NULL), ==, found->len);
        g_assert_cmpuint (rows->len, ==, found->len);
        for (guint r = 0; r < rows->len; r++)
          {
            g_assert_cmpint (((TxChildRow *) rows->pdata[r])->rowid, ==, g_array_index (found, gint64, r));
            g_assert_cmpstr (((TxChildRow *) rows->pdata[r])->register_state, ==, "active");
          }
        g_assert_cmpint (tx_store_child_count (store, &kc, NULL), ==, key_care->len);
        for (guint r = 0; r < key_care->len; r++)
          g_assert_true (((TxChildRow *) key_care->pdata[r])->key_care);
        /* a name's character and its key-care children: the grams alone
         * (schemas 27 and 28); letters: child_state; digits: the identity
         * number's two indexes alone (schema 29) */
        if (g_utf8_get_char (searches[i]) >= 128)
          {
            count_plan = plan_of (store, "SELECT count(*) FROM name_gram g WHERE g.gram = ? AND g.active = 1 "
                                         "AND g.key_care = 1");
            g_test_message ("%s: %s", searches[i], count_plan);
            g_assert_null (strstr (count_plan, "child"));
          }
        else if (g_ascii_isdigit (searches[i][0]))
          {
            count_plan = plan_of (store, "SELECT count(*) FROM (SELECT rowid, register");
            g_test_message ("%s: %s", searches[i], count_plan);
            g_assert_nonnull (strstr (count_plan, "COVERING INDEX child_id_number"));
            g_assert_nonnull (strstr (count_plan, "COVERING INDEX child_id_rev"));
            g_assert_null (strstr (count_plan, "child_state"));
          }
        else
          {
            count_plan = plan_of (store, "SELECT count(*) FROM child c INDEXED BY child_state");
            g_test_message ("%s: %s", searches[i], count_plan);
            g_assert_nonnull (strstr (count_plan, "INDEX child_state"));
          }
        /* the children who left, and one village, backwards: the same
         * children in the same order as their rows say */
        {
          TxChildQuery left = { .search = searches[i], .register_filter = TX_REGISTER_FILTER_LEFT,
                                .descending = TRUE };
          TxChildQuery village = { .search = searches[i], .division = "220102001" };
          const TxChildQuery *more[] = { &left, &village };

          for (guint m = 0; m < G_N_ELEMENTS (more); m++)
            {
              g_autoptr(GArray) some = tx_store_child_rowids (store, more[m], &error);
              g_autoptr(GPtrArray) their = tx_store_child_list (store, more[m], 0, 1000, &error);

              g_assert_no_error (error);
              g_assert_cmpint (tx_store_child_count (store, more[m], NULL), ==, some->len);
              g_assert_cmpuint (their->len, ==, some->len);
              for (guint r = 0; r < their->len; r++)
                g_assert_cmpint (((TxChildRow *) their->pdata[r])->rowid, ==, g_array_index (some, gint64, r));
            }
        }
      }
  }
}

static void
test_orders (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("order.db");
  g_autoptr(GError) error = NULL;
  static const TxChildOrder orders[] = {
    TX_CHILD_ORDER_NAME, TX_CHILD_ORDER_AGE, TX_CHILD_ORDER_GENDER, TX_CHILD_ORDER_ID_NUMBER,
    TX_CHILD_ORDER_VILLAGE, TX_CHILD_ORDER_CATEGORY, TX_CHILD_ORDER_GUARDIANSHIP,
    TX_CHILD_ORDER_KEY_CARE, TX_CHILD_ORDER_STATUS,
  };

  g_assert_true (tx_demo_generate (store, 300, 9, NULL, NULL, &error));
  for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
    for (int desc = 0; desc < 2; desc++)
      {
        TxChildQuery q = { .order = orders[o], .descending = desc, .register_filter = TX_REGISTER_FILTER_ALL };
        TxChildQuery qs = { .order = orders[o], .descending = desc, .search = "王" };
        g_autoptr(GPtrArray) rows = tx_store_child_list (store, &q, 0, 1000, &error);
        g_autoptr(GPtrArray) found = tx_store_child_list (store, &qs, 0, 1000, &error);
        g_autoptr(GArray) ids = tx_store_child_rowids (store, &q, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, 300);
        g_assert_cmpuint (ids->len, ==, 300);
        g_assert_cmpuint (found->len, >, 0);
        for (guint i = 0; i < rows->len; i++)
          g_assert_cmpint (((TxChildRow *) rows->pdata[i])->rowid, ==, g_array_index (ids, gint64, i));
        for (guint i = 1; i < rows->len; i++)
          {
            TxChildRow *a = rows->pdata[i - 1], *b = rows->pdata[i];
            int c = 0;

            switch (orders[o])
              {
              case TX_CHILD_ORDER_AGE:
                c = -g_strcmp0 (a->birth_date, b->birth_date);
                break;
              case TX_CHILD_ORDER_VILLAGE:
                c = g_strcmp0 (a->residence_division, b->residence_division);
                break;
              case TX_CHILD_ORDER_KEY_CARE:
                c = (int) b->key_care - (int) a->key_care;
                break;
              default:
                break;
              }
            if (desc)
              c = -c;
            g_assert_cmpint (c, <=, 0);
          }
      }
}

static void
test_history (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("history.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = add_fixture (store, r);
  g_autoptr(GPtrArray) none = tx_store_child_history (store, id, &error);
  g_autoptr(GPtrArray) two = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  /* the history names the person logged in, whatever the editor setting says */
  g_assert_true (tx_store_set_setting (store, TX_SETTING_EDITOR, "李春梅", &error));
  tx_record_set_key (r, "remarks", "已复查");
  g_assert_true (tx_store_child_update (store, r, FALSE, NULL, &error));
  tx_record_set_key (r, "contact_phone", "13700000000");
  g_assert_true (tx_store_child_update (store, r, FALSE, NULL, &error));
  two = tx_store_child_history (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (((TxChange *) two->pdata[0])->field, ==, "contact_phone");
  g_assert_cmpstr (((TxChange *) two->pdata[1])->field, ==, "remarks");
  g_assert_cmpstr (((TxChange *) two->pdata[1])->old_value, ==, "父母在外务工时间长");
  g_assert_cmpstr (((TxChange *) two->pdata[1])->editor, ==, tx_test_user ());
  g_assert_cmpstr (((TxChange *) two->pdata[1])->station, ==, tx_store_get_station_id (store));
}

static void
test_due_dates (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("due.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxRecord) back = NULL;
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  /* registered 2026-09-15 and not visited yet: the first visit within 30
   * days, 2026-10-15; the information again in six months from today
   * (TONGXING_TODAY=2026-11-25) */
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  back = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (back->next_visit_due, ==, "2026-10-15");
  g_assert_cmpstr (back->info_refresh_due, ==, "2027-05-25");

  /* a left-behind child too: every quarter; 2027-02-25 is a Thursday */
  tx_record_set_key (back, "child_category", "migrant,left_behind");
  g_assert_true (tx_store_child_update (store, back, FALSE, NULL, &error));
  g_clear_pointer (&back, tx_record_free);
  back = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (back->info_refresh_due, ==, "2027-02-25");

  due = tx_store_visits_due (store, "2026-10-01", "2026-10-31", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, 1);
  g_assert_cmpstr (((TxDueRow *) due->pdata[0])->id, ==, id);
  g_clear_pointer (&due, g_ptr_array_unref);
  due = tx_store_visits_due (store, "2026-11-01", "2026-11-30", &error);
  g_assert_cmpuint (due->len, ==, 0);

  /* a shorter first-visit setting counts for the next save */
  g_assert_true (tx_store_set_setting_by_key (store, "first_visit_days", "7", &error));
  g_assert_true (tx_store_child_update (store, back, FALSE, NULL, &error));
  g_clear_pointer (&back, tx_record_free);
  back = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (back->next_visit_due, ==, "2026-09-22");

  /* a nonsense setting keeps the default */
  g_assert_true (tx_store_set_setting_by_key (store, "first_visit_days", "many", &error));
  g_assert_true (tx_store_child_update (store, back, FALSE, NULL, &error));
  g_clear_pointer (&back, tx_record_free);
  back = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (back->next_visit_due, ==, "2026-10-15");
}

static void
test_demo_deterministic (void)
{
  g_autoptr(TxStore) a = tx_test_store_new ("demo-a.db");
  g_autoptr(TxStore) b = tx_test_store_new ("demo-b.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ra = NULL, rb = NULL;
  const TxChildQuery everyone = { .register_filter = TX_REGISTER_FILTER_ALL };
  guint key_care = 0, drafts = 0, ineligible = 0, left = 0, aged_out = 0, moved = 0;
  GDate today;

  tx_date_today (&today);
  g_assert_true (tx_demo_generate (a, 300, 42, NULL, NULL, &error));
  g_assert_true (tx_demo_generate (b, 300, 42, NULL, NULL, &error));
  g_assert_no_error (error);
  ra = tx_store_child_list (a, &everyone, 0, 300, &error);
  rb = tx_store_child_list (b, &everyone, 0, 300, &error);
  g_assert_cmpuint (ra->len, ==, 300);
  g_assert_cmpuint (rb->len, ==, 300);
  for (guint i = 0; i < 300; i++)
    {
      TxChildRow *x = ra->pdata[i], *y = rb->pdata[i];
      TxIdInfo info;

      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->id_number, ==, y->id_number);
      g_assert_true (tx_id_parse (x->id_number, &info, NULL));
      g_assert_true (g_str_has_prefix (x->residence_division, TX_TEST_TOWNSHIP));
      key_care += x->key_care;
      drafts += x->draft;
      ineligible += !x->eligible;
      /* the same children left, on the same days, for the same reasons */
      g_assert_cmpstr (x->register_state, ==, y->register_state);
      g_assert_cmpstr (x->exit_reason, ==, y->exit_reason);
      g_assert_cmpstr (x->exit_date, ==, y->exit_date);
      if (g_str_equal (x->register_state, TX_REGISTER_ACTIVE))
        {
          GDate ages_out;

          /* nobody past the age limit is left on the register */
          g_assert_true (tx_date_parse (x->ages_out, &ages_out));
          g_assert_cmpint (g_date_compare (&ages_out, &today), >, 0);
          continue;
        }
      left++;
      aged_out += g_str_equal (x->exit_reason, TX_EXIT_AGED_OUT);
      moved += g_str_equal (x->exit_reason, TX_EXIT_MOVED_AWAY) || g_str_equal (x->exit_reason, TX_EXIT_RETURNED);
      /* a child who left has nothing due, and no urgent case open */
      g_assert_null (x->next_visit_due);
      g_assert_false (x->urgent);
      if (!g_str_equal (x->exit_reason, TX_EXIT_AGED_OUT))
        {
          g_autoptr(TxRecord) r = tx_store_child_get (a, x->id, &error);
          g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (r->register_value);
          GDate left_on, reg, year_ago = today;

          /* in the last year, after the registration, with a note */
          g_assert_nonnull (e);
          g_assert_nonnull (e->note);
          g_assert_true (tx_date_parse (x->exit_date, &left_on));
          g_assert_true (tx_date_parse (tx_record_get_key (r, "registration_date"), &reg));
          g_date_subtract_days (&year_ago, 365);
          g_assert_cmpint (g_date_compare (&left_on, &reg), >, 0);
          g_assert_cmpint (g_date_compare (&left_on, &year_ago), >=, 0);
          g_assert_cmpint (g_date_compare (&left_on, &today), <=, 0);
        }
    }
  /* realistic shares: some key-care children, some drafts, some not yet
   * eligible; some aged out, a few moved away or went home */
  g_assert_cmpuint (key_care, >, 10);
  g_assert_cmpuint (key_care, <, 150);
  g_assert_cmpuint (drafts, >, 0);
  g_assert_cmpuint (ineligible, >, 0);
  g_assert_cmpuint (aged_out, >, 0);
  g_assert_cmpuint (moved, >, 0);
  g_assert_cmpuint (left, <, 60);
  g_assert_cmpint (tx_store_child_count (a, &(TxChildQuery) { 0 }, NULL), ==, 300 - left);
}

/* The first-run setup writes through one connection; the window's others
 * (its workers) must see the workstation set up at once, not after a restart */
static void
test_setup_reaches_every_connection (void)
{
  g_autofree char *path = tx_test_db_path ("setup-seen.db");
  g_autoptr(TxStore) setup = tx_test_open (path, NULL);
  g_autoptr(TxStore) worker = tx_test_open (path, NULL);
  g_autoptr(TxStore) reader = tx_test_open (path, NULL);
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  TxRulesContext ctx;

  g_assert_false (tx_store_is_set_up (worker));
  g_assert_true (tx_store_init_workstation (setup, TX_TEST_COUNTY, TX_TEST_TOWNSHIP, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_is_set_up (worker));
  id = tx_store_child_add (worker, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  tx_store_rules_context (reader, &ctx);
  g_assert_cmpstr (ctx.township, ==, TX_TEST_TOWNSHIP);
  /* all three write as one station */
  g_assert_cmpstr (tx_store_get_station_id (setup), ==, tx_store_get_station_id (worker));
  g_assert_cmpstr (tx_store_get_station_id (reader), ==, tx_store_get_station_id (worker));
}

typedef struct {
  guint children, visits, settings, exports, changed;
} Heard;

static void heard_children_cb (TxStoreMonitor *m, Heard *h) { h->children++; }
static void heard_settings_cb (TxStoreMonitor *m, Heard *h) { h->settings++; }
static void heard_visits_cb (TxStoreMonitor *m, Heard *h) { h->visits++; }
static void heard_changed_cb (TxStoreMonitor *m, guint what, Heard *h) { h->changed++; }

static gpointer
add_in_thread (gpointer data)
{
  TxStore *store = data;
  g_autoptr(TxRecord) r = tx_record_new ();

  tx_record_set_key (r, "name", "线程");
  return tx_store_child_add (store, r, TRUE, NULL, NULL);
}

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Whatever connection or thread commits, every listener hears of it on the
 * main thread, once per burst; a rolled-back change is not told */
static void
test_change_notification (void)
{
  g_autofree char *path = tx_test_db_path ("monitor.db");
  g_autoptr(TxStore) main_store = tx_test_store_new ("monitor.db");
  g_autoptr(TxStore) worker = tx_test_open (path, NULL);
  g_autoptr(TxStore) other = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) r = tx_record_new ();
  g_autofree char *id = NULL, *id2 = NULL;
  TxStoreMonitor *monitor = tx_store_get_monitor (main_store);
  Heard h = { 0 };

  g_assert_nonnull (monitor);
  g_assert_true (monitor == tx_store_get_monitor (worker));
  drain ();
  g_signal_connect (monitor, "children-changed", G_CALLBACK (heard_children_cb), &h);
  g_signal_connect (monitor, "settings-changed", G_CALLBACK (heard_settings_cb), &h);
  g_signal_connect (monitor, "visits-changed", G_CALLBACK (heard_visits_cb), &h);
  g_signal_connect (monitor, "changed", G_CALLBACK (heard_changed_cb), &h);

  /* a save on a worker thread */
  thread = g_thread_new ("writer", add_in_thread, worker);
  id = g_thread_join (g_steal_pointer (&thread));
  g_assert_nonnull (id);
  g_assert_cmpuint (h.children, ==, 0);   /* told on the main thread, not before */
  drain ();
  g_assert_cmpuint (h.children, ==, 1);
  g_assert_cmpuint (h.visits, ==, 0);
  g_assert_cmpuint (h.settings, ==, 0);

  /* three saves in a row are heard once */
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(TxRecord) d = tx_record_new ();
      g_autofree char *did = NULL;
      tx_record_set_key (d, "name", "草稿");
      did = tx_store_child_add (worker, d, TRUE, NULL, &error);
      g_assert_no_error (error);
    }
  drain ();
  g_assert_cmpuint (h.children, ==, 2);
  g_assert_cmpuint (h.changed, ==, 2);

  /* a setting (not the form's autosave) */
  g_assert_true (tx_store_set_setting (worker, TX_SETTING_SUPERVISOR, "李春梅", &error));
  g_assert_true (tx_store_set_setting (worker, TX_SETTING_AUTOSAVE, "{}", &error));
  drain ();
  g_assert_cmpuint (h.settings, ==, 1);
  g_assert_cmpuint (h.children, ==, 2);

  /* rolled back: nothing to tell */
  g_assert_true (tx_store_begin (worker, &error));
  tx_record_set_key (r, "name", "撤销");
  id2 = tx_store_child_add (worker, r, TRUE, NULL, &error);
  g_assert_nonnull (id2);
  tx_store_rollback (worker);
  drain ();
  g_assert_cmpuint (h.children, ==, 2);

  /* another program's change is found by polling; this process's own is not
   * told twice, nor its commits that change nothing shown (an autosave):
   * their signal makes them the poll's starting point, as the window does */
  g_signal_connect_swapped (monitor, "committed", G_CALLBACK (tx_store_rebase_changes), main_store);
  g_assert_false (tx_store_poll_changes (main_store));
  {
    g_autoptr(TxRecord) d = tx_record_new ();
    g_autofree char *did = NULL;
    tx_record_set_key (d, "name", "本进程");
    did = tx_store_child_add (worker, d, TRUE, NULL, &error);
  }
  g_assert_false (tx_store_poll_changes (main_store));
  drain ();
  g_assert_cmpuint (h.children, ==, 3);
  g_assert_false (tx_store_poll_changes (main_store));
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *typed = g_strdup_printf ("{\"n\": %d}", i);
      g_assert_true (tx_store_set_setting (worker, TX_SETTING_AUTOSAVE, typed, &error));
      drain ();
      g_assert_false (tx_store_poll_changes (main_store));
    }
  g_assert_cmpuint (h.changed, ==, 4);
  {
    /* as another program would: a plain connection of its own */
    sqlite3 *db;
    g_assert_cmpint (tx_test_sqlite_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE settings SET value = 'x' WHERE key = 'supervisor'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (tx_store_poll_changes (main_store));
  drain ();
  g_assert_cmpuint (h.children, ==, 4);
  g_assert_cmpuint (h.settings, ==, 2);
  g_assert_false (tx_store_poll_changes (main_store));

  /* another program's change right after one of this process's: still told */
  g_assert_true (tx_store_set_setting (worker, TX_SETTING_AUTOSAVE, "{}", &error));
  drain ();
  {
    sqlite3 *db;
    g_assert_cmpint (tx_test_sqlite_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE settings SET value = 'y' WHERE key = 'supervisor'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (tx_store_poll_changes (main_store));

  g_signal_handlers_disconnect_by_data (monitor, &h);
  g_signal_handlers_disconnect_by_data (monitor, main_store);
}

/* The window's own connection only reads: a write through it fails at once */
static void
test_read_only_connection (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("readonly.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  g_assert_true (tx_store_set_read_only (store, TRUE, &error));
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_null (id);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL), ==, 0);
}

/* An export must never be written over the store or its companions */
static void
test_store_files_known (void)
{
  g_autofree char *path = tx_test_db_path ("known.db");
  g_autoptr(TxStore) store = tx_test_store_new ("known.db");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *key = g_strconcat (path, ".key", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *other = g_build_filename (dir, "ledger.xlsx", NULL);
  g_autofree char *dotted = g_build_filename (dir, ".", "known.db", NULL);

  g_assert_true (tx_store_monitor_is_store_file (path));
  g_assert_true (tx_store_monitor_is_store_file (dotted));
  g_assert_true (tx_store_monitor_is_store_file (wal));
  g_assert_true (tx_store_monitor_is_store_file (key));
  g_assert_true (tx_store_monitor_is_store_file (journal));
  g_assert_false (tx_store_monitor_is_store_file (other));
  g_clear_object (&store);
  g_assert_false (tx_store_monitor_is_store_file (path));
}

/* "Not yet eligible" ends on its day, without saving the record again */
static void
test_eligible_when_due (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("eligible-due.db");
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GPtrArray) rows = NULL, later = NULL;
  g_autofree char *id = NULL;
  g_autofree char *today = g_strdup (g_getenv ("TONGXING_TODAY"));

  tx_record_set_key (r, "registration_date", "2026-11-20");
  tx_record_set_key (r, "arrival_date", "2026-06-01");
  id = add_fixture (store, r);
  rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 10, NULL);
  g_assert_false (((TxChildRow *) rows->pdata[0])->eligible);
  g_assert_cmpstr (((TxChildRow *) rows->pdata[0])->eligible_from, ==, "2026-12-01");
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .ineligible_only = TRUE }, NULL), ==, 1);

  g_setenv ("TONGXING_TODAY", "2026-12-01", TRUE);
  later = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 10, NULL);
  g_assert_true (((TxChildRow *) later->pdata[0])->eligible);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .ineligible_only = TRUE }, NULL), ==, 0);
  if (today)
    g_setenv ("TONGXING_TODAY", today, TRUE);
  else
    g_unsetenv ("TONGXING_TODAY");
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/store/round-trip", test_round_trip);
  g_test_add_func ("/store/roster-from-index", test_roster_from_index);
  g_test_add_func ("/store/every-field", test_every_field_round_trip);
  g_test_add_func ("/store/duplicate-id", test_duplicate_id);
  g_test_add_func ("/store/same-name-birth", test_same_name_birth_warns);
  g_test_add_func ("/store/draft", test_draft);
  g_test_add_func ("/store/eligible-when-due", test_eligible_when_due);
  g_test_add_func ("/store/update-history", test_update_and_history);
  g_test_add_func ("/store/delete-tombstone", test_delete_tombstone);
  g_test_add_func ("/store/file-mode-pragmas", test_file_mode_and_pragmas);
  g_test_add_func ("/store/not-set-up", test_not_set_up);
  g_test_add_func ("/store/setup-reaches-every-connection", test_setup_reaches_every_connection);
  g_test_add_func ("/store/change-notification", test_change_notification);
  g_test_add_func ("/store/read-only-connection", test_read_only_connection);
  g_test_add_func ("/store/store-files-known", test_store_files_known);
  g_test_add_func ("/store/init-workstation", test_init_workstation);
  g_test_add_func ("/store/station-id", test_reopen_keeps_station);
  g_test_add_func ("/store/corrupt", test_corrupt_file);
  g_test_add_func ("/store/disk-full", test_disk_full);
  g_test_add_func ("/store/search", test_search);
  g_test_add_func ("/store/search-filters", test_search_filters);
  g_test_add_func ("/store/paging", test_paging);
  g_test_add_func ("/store/demo", test_demo_deterministic);
  g_test_add_func ("/store/orders", test_orders);
  g_test_add_func ("/store/history", test_history);
  g_test_add_func ("/store/due-dates", test_due_dates);
  return g_test_run ();
}
