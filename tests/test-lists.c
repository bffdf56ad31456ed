/* test-lists.c — the lists and comparison API the window uses: the
 * import and the round on the store service's thread, a round's findings
 * page by page, the record an entry gives, the tasks
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The categories on a made-up county are asserted by test-compare.py
 * through the command line; this test holds the calls.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tx-store-private.h"
#include "tx-test-util.h"

static char *
write_csv (const char *name,
           const char *text)
{
  char *path = tx_test_db_path (name);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
add_child (TxStore    *store,
           const char *name,
           const char *birth,
           const char *id_number,
           const char *gender)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  tx_record_set_key (r, "name", name);
  tx_record_set_key (r, "birth_date", birth);
  tx_record_set_key (r, "id_number", id_number);
  tx_record_set_key (r, "gender", gender);
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_api (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("compare.db");
  g_autoptr(TxStoreService) service = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxIntakeSource) source = NULL;
  g_autoptr(TxListImport) imported = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(TxRecord) prefill = NULL;
  g_autoptr(TxCompareRound) round = NULL;
  g_autofree char *csv = NULL;
  TxChildQuery q = { .compare_task = TRUE };
  gint64 id;
  guint total = 0;
  int progress = 0;

  add_child (store, "张小明", "2018-05-14", "220102201805140116", "male");
  add_child (store, "李华", "2017-03-02", "220102201703020228", "female");
  csv = write_csv ("police.csv",
                   "姓名,性别,出生日期,公民身份证号码,现居住详细地址\n"
                   "张小明,男,2018-05-14,220102201805140116,恒安社区12号楼3单元502室\n"
                   "孙小圣,男,2017-01-01,220102201701010317,百屹社区1号\n"
                   "周末,男,2010-01-01,,百屹社区2号\n");
  service = tx_store_service_new (tx_store_get_path (store), &error);
  g_assert_no_error (error);

  /* the import, on the service's thread */
  source = tx_intake_source_open (csv, -1, &error);
  g_assert_no_error (error);
  tx_list_import_async (service, g_steal_pointer (&source), TX_DEPARTMENT_POLICE, "公安名单", "2026-06-30",
                        &progress, NULL, done_cb, &result);
  imported = tx_list_import_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->imported, ==, 3);
  g_assert_cmpint (g_atomic_int_get (&progress), ==, 1000);
  g_clear_object (&result);

  /* the round */
  tx_compare_run_async (service, NULL, NULL, 0, NULL, NULL, done_cb, &result);
  id = tx_compare_run_finish (service, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  tx_store_poll_changes (store);
  round = tx_store_compare_round_get (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (round->id, ==, id);
  g_assert_cmpuint (round->counts[TX_COMPARE_FOUND], ==, 1);
  g_assert_cmpuint (round->counts[TX_COMPARE_NOT_REGISTERED], ==, 2);
  g_assert_cmpuint (round->counts[TX_COMPARE_ON_NO_LIST], ==, 1);
  g_assert_cmpuint (round->children, ==, 2);

  /* a page of a category, and the count of all of it */
  page = tx_store_compare_items_page (store, id, TX_COMPARE_NOT_REGISTERED, 1, 5, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (page->len, ==, 1);
  g_assert_cmpstr (((TxCompareItem *) page->pdata[0])->name, ==, "周末");
  g_assert_cmpuint (((TxCompareItem *) page->pdata[0])->row, ==, 4);

  /* the form opens prefilled from the entry: a police list's permit too */
  prefill = tx_compare_entry_record (store, ((TxCompareItem *) page->pdata[0])->list, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tx_record_get_key (prefill, "name"), ==, "孙小圣");
  g_assert_cmpstr (tx_record_get_key (prefill, "id_number"), ==, "220102201701010317");
  g_assert_cmpstr (tx_record_get_key (prefill, "residence_address"), ==, "百屹社区1号");
  g_assert_cmpstr (tx_record_get_key (prefill, "child_permit"), ==, "issued");
  g_assert_cmpstr (tx_record_get_key (prefill, "id_type"), ==, "resident_id");   /* the form's default */

  /* the calendar's side list and the roster's filter */
  tasks = tx_store_compare_tasks (store, 2, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  g_assert_cmpuint (total, ==, 3);
  g_assert_cmpint (tx_store_child_count (store, &q, &error), ==, 1);   /* 李华, on no list */
  g_assert_true (tx_store_compare_item_set_done (store, ((TxCompareItem *) tasks->pdata[0])->id, NULL, &error));
  g_clear_pointer (&tasks, g_ptr_array_unref);
  tasks = tx_store_compare_tasks (store, 0, &total, &error);
  g_assert_cmpuint (total, ==, 2);

  /* a list that cannot be read changes nothing */
  g_clear_pointer (&csv, g_free);
  csv = write_csv ("empty.csv", "学校,班级\n南岭小学,一班\n");
  source = tx_intake_source_open (csv, -1, &error);
  if (source)
    {
      g_autoptr(TxListImport) none = tx_list_import (store, source, TX_DEPARTMENT_EDUCATION, NULL, NULL, NULL,
                                                     NULL, NULL, &error);
      g_assert_null (none);
    }
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autoptr(GPtrArray) lists = tx_store_lists (store, &error);
    g_assert_cmpuint (lists->len, ==, 1);
  }
  g_clear_object (&service);
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/lists/api", test_api);
  return g_test_run ();
}
