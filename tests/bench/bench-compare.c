/* bench-compare.c — figures for docs/benchmarks.md: a county's police list
 * imported and compared with its register
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-compare [--children N] [--rows N] [--keep]
 *
 * Writes N children (200,000 by default) straight into a new store (the
 * columns the comparison reads: a name, a valid identity number, a birth
 * date, a gender, a village, an address, a residence permit), and a police
 * list of M rows (200,000) as CSV: nine in ten of the register's children
 * (one in twenty of them at another address, one in fifty without an
 * identity number), the rest children not registered. Then times the
 * list's import and the comparison, and prints the round's counts and the
 * peak memory. Asserts nothing but that it ran.
 */

#include "config.h"

#include "tx-bench-util.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include <sqlite3.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static const char *const surnames[] = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                        "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗" };
static const char *const given[] = { "小", "明", "华", "丽", "强", "芳", "伟", "静", "磊", "敏", "洋", "艳",
                                     "杰", "娟", "涛", "军", "超", "霞", "平", "刚", "桂", "英", "子", "涵",
                                     "浩", "宇", "欣", "怡", "梓", "萱", "俊", "博" };

typedef struct {
  char name[32];
  char birth[11];
  char id[19];
  gboolean male;
  int village;
  int house;
} Child;

/* The child @n: born on one of 5,840 days from 2010 on, the sequence of
 * the identity number counting the children born that day */
static void
make_child (GRand *rand,
            guint  n,
            Child *c)
{
  char first[18];
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, 1, 2010);
  g_date_add_days (&day, n % 5840);
  g_snprintf (c->name, sizeof c->name, "%s%s%s", surnames[g_rand_int_range (rand, 0, G_N_ELEMENTS (surnames))],
              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))],
              given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
  g_snprintf (c->birth, sizeof c->birth, "%04d-%02d-%02d", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day));
  c->male = g_rand_boolean (rand);
  g_snprintf (first, sizeof first, "220102%04d%02d%02d%03u", g_date_get_year (&day), g_date_get_month (&day),
              g_date_get_day (&day), (n / 5840) * 2 + c->male);
  g_snprintf (c->id, sizeof c->id, "%s%c", first, tx_id_check_digit (first));
  c->village = g_rand_int_range (rand, 1, 10);
  c->house = g_rand_int_range (rand, 1, 400);
}

static void
fill_register (TxStore *store,
               Child   *children,
               guint    n)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  g_autofree char *now = tx_store_now_iso ();

  g_assert_true (tx_store_begin (store, &error));
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
      "INSERT INTO child (uuid, created_at, updated_at, station, sort_key, f_name, f_birth_date, f_id_number, "
      "f_gender, f_residence_division, f_residence_address, f_child_permit, f_schooling) "
      "VALUES (?1, ?2, ?2, 'bench', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 'primary')", -1, &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < n; i++)
    {
      Child *c = &children[i];
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *key = tx_pinyin_sort_key (c->name);
      g_autofree char *village = g_strdup_printf ("220102001%03d", c->village);
      g_autofree char *address = g_strdup_printf ("%d号", c->house);

      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, c->name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, c->birth, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, c->id, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 7, c->male ? "male" : "female", -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 8, village, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 9, address, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, i % 3 ? "issued" : "not_issued", -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_true (tx_store_commit (store, &error));
}

static void
write_list (const char *path,
            Child      *children,
            guint       n_children,
            guint       rows,
            GRand      *rand)
{
  FILE *f = g_fopen (path, "w");

  g_assert_nonnull (f);
  fprintf (f, "姓名,性别,出生日期,公民身份证号码,现居住详细地址\n");
  for (guint i = 0; i < rows; i++)
    {
      Child other, *c;
      int house;

      if (i < rows / 10 * 9 && i < n_children)
        c = &children[i];
      else
        {
          make_child (rand, 1000000 + i, &other);
          /* a county the register does not have */
          memcpy (other.id, "220103", 6);
          other.id[17] = tx_id_check_digit (other.id);
          c = &other;
        }
      house = i % 20 == 0 ? c->house + 1 : c->house;
      fprintf (f, "%s,%s,%s,%s,%d号\n", c->name, c->male ? "男" : "女", c->birth, i % 50 == 1 ? "" : c->id, house);
    }
  g_assert_cmpint (fclose (f), ==, 0);
}

int
main (int argc, char *argv[])
{
  int n_children = 200000, rows = 200000;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &n_children, "Children in the register", "N" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Rows of the police list", "N" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the store and the list afterwards", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxIntakeSource) source = NULL;
  g_autoptr(TxListImport) imported = NULL;
  g_autoptr(TxCompareRound) round = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);
  g_autofree char *tmpdir = NULL, *db = NULL, *list = NULL;
  g_autofree Child *children = NULL;
  gint64 id;

  tx_core_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  tmpdir = g_dir_make_tmp ("tongxing-bench-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmpdir, "bench.db", NULL);
  list = g_build_filename (tmpdir, "police.csv", NULL);
  printf ("Tongxing comparison benchmark: %d children, a police list of %d rows\n", n_children, rows);

  store = tx_test_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_init_workstation (store, "220102", "220102001", NULL, &error));
  children = g_new0 (Child, n_children);
  for (int i = 0; i < n_children; i++)
    make_child (rand, i, &children[i]);
  g_timer_start (timer);
  fill_register (store, children, n_children);
  printf ("register written (straight SQL)          %7.2f s\n", g_timer_elapsed (timer, NULL));
  write_list (list, children, n_children, rows, rand);

  g_timer_start (timer);
  source = tx_intake_source_open (list, -1, &error);
  g_assert_no_error (error);
  imported = tx_list_import (store, source, TX_DEPARTMENT_POLICE, NULL, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("lists import (%u entries, %u refused)    %7.2f s\n", imported->imported, imported->refused->len,
          g_timer_elapsed (timer, NULL));

  g_timer_start (timer);
  id = tx_compare_run (store, NULL, NULL, 0, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  printf ("compare (one round, all written)         %7.2f s\n", g_timer_elapsed (timer, NULL));
  round = tx_store_compare_round_get (store, id, &error);
  g_assert_no_error (error);
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    printf ("  %-16s %7u\n", tx_compare_kind_code (k), round->counts[k]);
  printf ("peak RSS                                 %7ld MB\n", tx_bench_status_kb ("VmHWM:") / 1024);

  g_clear_object (&store);
  if (keep)
    printf ("kept %s and %s\n", db, list);
  else
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL), *shm = g_strconcat (db, "-shm", NULL);

      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (list);
      g_rmdir (tmpdir);
    }
  return 0;
}
