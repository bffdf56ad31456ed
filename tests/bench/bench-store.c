/* bench-store.c — figures for docs/benchmarks.md
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-store [--children N] [--db PATH] [--keep]
 *
 * Fills a store with N demo children (200,000 by default: a county), then
 * times searches, pages and memory. Prints figures; asserts nothing.
 */

#include "config.h"

#include "tx-bench-util.h"

#include <stdio.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"


static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms, double p)
{
  guint i;

  g_array_sort (ms, cmp_double);
  i = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, i);
}

static void
report (const char *what, GArray *ms)
{
  printf ("%-44s n=%-4u p50 %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", what, ms->len,
          percentile (ms, 0.5), percentile (ms, 0.95), percentile (ms, 1.0));
}

int
main (int argc, char *argv[])
{
  int children = 200000;
  g_autofree char *db = NULL;
  gboolean keep = FALSE;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &children, "Children in the store", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "Use (or create) this store", "PATH" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the store afterwards", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 total;
  long rss_open;

  tx_core_init ();
  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (db == NULL)
    {
      tmpdir = g_dir_make_tmp ("tongxing-bench-XXXXXX", &error);
      g_assert_no_error (error);
      db = g_build_filename (tmpdir, "bench.db", NULL);
    }

  printf ("Tongxing store benchmark: %d children\n", children);
  /* an older store is upgraded here: the time its migrations take */
  g_timer_start (timer);
  store = tx_test_open (db, &error);
  g_assert_no_error (error);
  printf ("%-44s %7.2f ms\n", "first open (with any migrations)", g_timer_elapsed (timer, NULL) * 1000);
  if (!tx_store_is_set_up (store))
    {
      tx_station_init_workstation (store, "220102", "220102001", NULL, &error);
      g_assert_no_error (error);
    }
  /* the demo's children who left the register too */
  total = tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_ALL }, NULL);
  if (total < children)
    {
      g_timer_start (timer);
      tx_demo_generate (store, children - total, 1, NULL, NULL, &error);
      g_assert_no_error (error);
      printf ("demo --children %-28" G_GINT64_FORMAT " %7.2f s\n", children - total,
              g_timer_elapsed (timer, NULL));
    }
  g_clear_object (&store);

  /* a fresh open, as the app and the CLI do */
  g_timer_start (timer);
  store = tx_test_open (db, &error);
  g_assert_no_error (error);
  total = tx_store_child_count (store, &(TxChildQuery) { 0 }, NULL);
  printf ("open + count (%" G_GINT64_FORMAT " children)%*s %7.2f ms\n", total, 14, "",
          g_timer_elapsed (timer, NULL) * 1000);
  rss_open = tx_bench_status_kb ("VmRSS:");

  /* queries drawn from the data, as people type them */
  sample = tx_store_child_list (store, &(TxChildQuery) { 0 }, total / 3, 40, &error);
  for (guint i = 0; i < sample->len; i++)
    {
      TxChildRow *r = sample->pdata[i];
      const char *second = g_utf8_next_char (r->name);
      g_autofree char *ini = tx_pinyin_initials (r->name);

      g_ptr_array_add (queries, g_strndup (r->name, second - r->name));           /* 张 */
      g_ptr_array_add (queries, g_strndup (second, g_utf8_next_char (second) - second)); /* 小 */
      g_ptr_array_add (queries, g_strdup (second));                               /* 小明 */
      g_ptr_array_add (queries, g_strdup (r->name));                              /* 张小明 */
      g_ptr_array_add (queries, g_strndup (ini, 2));                              /* zx */
      g_ptr_array_add (queries, g_strdup (ini));                                  /* zxm */
      g_ptr_array_add (queries, g_strdup (r->id_number + 14));                    /* last 4 */
      g_ptr_array_add (queries, g_strndup (r->id_number, 6));                     /* county */
      g_ptr_array_add (queries, g_strndup (r->id_number, 10));                    /* county + year */
    }

  {
    static const char *const kinds[] = { "first char", "second char", "given name", "full name",
                                         "2 initials", "all initials", "ID last 4", "ID first 6",
                                         "ID first 10" };
    g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (double));

    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *label = g_strdup_printf ("search first page (100), %s", kinds[k]);
        g_array_set_size (ms, 0);
        for (guint i = k; i < queries->len; i += G_N_ELEMENTS (kinds))
          {
            g_autoptr(GPtrArray) rows = NULL;
            double t;

            g_timer_start (timer);
            rows = tx_store_child_list (store, &(TxChildQuery) { .search = queries->pdata[i] }, 0, 100, &error);
            t = g_timer_elapsed (timer, NULL) * 1000;
            g_assert_no_error (error);
            g_assert_cmpuint (rows->len, >, 0);
            g_array_append_val (ms, t);
            g_array_append_val (all, t);
          }
        report (label, ms);
      }
    report ("search first page (100), all kinds", all);

    g_array_set_size (all, 0);
    for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
      {
        g_autofree char *label = g_strdup_printf ("search count, %s", kinds[k]);

        g_array_set_size (ms, 0);
        for (guint i = k; i < queries->len; i += G_N_ELEMENTS (kinds))
          {
            double t;
            g_timer_start (timer);
            g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .search = queries->pdata[i] }, NULL), >, 0);
            t = g_timer_elapsed (timer, NULL) * 1000;
            g_array_append_val (ms, t);
            g_array_append_val (all, t);
          }
        report (label, ms);
      }
    report ("search count (status line), all kinds", all);
  }

  /* pages of 100 anywhere in the roster */
  g_array_set_size (ms, 0);
  for (int i = 0; i < 100; i++)
    {
      guint off = g_rand_int_range (rand, 0, MAX (1, total - 100));
      g_autoptr(GPtrArray) rows = NULL;
      double t;

      g_timer_start (timer);
      rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, off, 100, &error);
      t = g_timer_elapsed (timer, NULL) * 1000;
      g_array_append_val (ms, t);
    }
  report ("page of 100 by OFFSET, random position", ms);

  /* the same pages by the child before them (the CLI's --after) */
  g_array_set_size (ms, 0);
  for (int i = 0; i < 100; i++)
    {
      guint off = g_rand_int_range (rand, 0, MAX (1, total - 100));
      g_autoptr(GPtrArray) before = tx_store_child_list (store, &(TxChildQuery) { 0 }, off, 1, &error);
      g_autoptr(GPtrArray) rows = NULL;
      double t;

      g_assert_cmpuint (before->len, ==, 1);
      g_timer_start (timer);
      rows = tx_store_child_list (store, &(TxChildQuery) { .after = ((TxChildRow *) before->pdata[0])->id }, 0, 100,
                                  &error);
      t = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_cmpuint (rows->len, ==, 100);
      g_array_append_val (ms, t);
    }
  report ("page of 100 after a child (--after)", ms);

  {
    g_autoptr(GArray) ids = NULL;
    double t;

    g_timer_start (timer);
    ids = tx_store_child_rowids (store, &(TxChildQuery) { 0 }, &error);
    t = g_timer_elapsed (timer, NULL) * 1000;
    printf ("%-44s %7.2f ms (%u ids, %.1f MB)\n", "row ids of the whole roster, in order", t,
            ids->len, ids->len * 8 / 1e6);
    g_array_set_size (ms, 0);
    for (int i = 0; i < 100; i++)
      {
        guint off = g_rand_int_range (rand, 0, MAX (1, (int) ids->len - 100));
        g_autoptr(GPtrArray) rows = NULL;

        g_timer_start (timer);
        rows = tx_store_child_rows_by_rowid (store, &g_array_index (ids, gint64, off), 100, &error);
        t = g_timer_elapsed (timer, NULL) * 1000;
        g_array_append_val (ms, t);
      }
    report ("page of 100 by row ids, random position", ms);
  }

  {
    g_autoptr(TxRecord) r = NULL;
    TxChildRow *row = sample->pdata[0];
    double t;

    g_array_set_size (ms, 0);
    for (int i = 0; i < 50; i++)
      {
        g_autoptr(TxRecord) rec = tx_store_child_get (store, row->id, &error);
        g_timer_start (timer);
        tx_record_set_key (rec, "remarks", i % 2 ? "复查" : "回访");
        g_assert_true (tx_store_child_update (store, rec, TRUE, NULL, &error));
        t = g_timer_elapsed (timer, NULL) * 1000;
        g_array_append_val (ms, t);
      }
    report ("save an edited record (synchronous=FULL)", ms);
  }

  /* visits: who is due this month, and recording one */
  {
    GDate today;
    char from[11], to[11];
    g_autoptr(GPtrArray) due = NULL;
    gint64 n_visits = 0;
    sqlite3_stmt *stmt;
    double t;

    if (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT count(*) FROM visit", -1, &stmt, NULL) == SQLITE_OK)
      {
        if (sqlite3_step (stmt) == SQLITE_ROW)
          n_visits = sqlite3_column_int64 (stmt, 0);
        sqlite3_finalize (stmt);
      }
    tx_date_today (&today);
    g_snprintf (from, sizeof from, "%04u-%02u-01", g_date_get_year (&today), g_date_get_month (&today));
    g_snprintf (to, sizeof to, "%04u-%02u-31", g_date_get_year (&today), g_date_get_month (&today));
    g_timer_start (timer);
    due = tx_store_visits_due (store, from, to, &error);
    t = g_timer_elapsed (timer, NULL) * 1000;
    g_assert_no_error (error);
    printf ("%-44s %7.2f ms (%u children; %" G_GINT64_FORMAT " visits stored)\n",
            "visits due this month, the whole list", t, due->len, n_visits);
    g_clear_pointer (&due, g_ptr_array_unref);
    g_timer_start (timer);
    due = tx_store_visits_due (store, NULL, from, &error);
    t = g_timer_elapsed (timer, NULL) * 1000;
    printf ("%-44s %7.2f ms (%u children)\n", "visits overdue, the whole list", t, due->len);

    /* what a person waits for: the calendar's lists, a page and a count */
    {
      guint n = 0;
      g_autoptr(GPtrArray) page = NULL;

      g_timer_start (timer);
      page = tx_store_due_page (store, from, to, NULL, 100, &n, &error);
      t = g_timer_elapsed (timer, NULL) * 1000;
      g_assert_no_error (error);
      printf ("%-44s %7.2f ms (%u of %u children)\n", "due this month: first 100 + count", t, page->len, n);
      g_clear_pointer (&page, g_ptr_array_unref);
      g_timer_start (timer);
      page = tx_store_due_page (store, NULL, from, NULL, 100, &n, &error);
      t = g_timer_elapsed (timer, NULL) * 1000;
      printf ("%-44s %7.2f ms (%u of %u children)\n", "overdue: first 100 + count", t, page->len, n);
    }

    {
      TxDayCounts days[31];

      g_array_set_size (ms, 0);
      for (int i = 0; i < 20; i++)
        {
          g_timer_start (timer);
          g_assert_true (tx_store_calendar_month (store, g_date_get_year (&today), 1 + i % 12,
                                                  NULL, NULL, days, &error));
          t = g_timer_elapsed (timer, NULL) * 1000;
          g_array_append_val (ms, t);
        }
      report ("calendar month counts (due, overdue, done)", ms);

      g_array_set_size (ms, 0);
      for (int i = 0; i < 20; i++)
        {
          g_autoptr(GPtrArray) staff = NULL;

          g_timer_start (timer);
          staff = tx_store_visitors (store, from, &error);
          g_assert_nonnull (staff);
          t = g_timer_elapsed (timer, NULL) * 1000;
          g_array_append_val (ms, t);
        }
      report ("calendar staff list (visitors since a date)", ms);
    }

    g_array_set_size (ms, 0);
    for (int i = 0; i < 20; i++)
      {
        TxChildRow *row = sample->pdata[i + 1];
        g_autoptr(TxVisit) v = tx_visit_new ();
        g_autofree char *id = NULL;

        v->child_id = g_strdup (row->id);
        v->date = g_strdup (from);
        v->kind = g_strdup ("home");
        v->visitor = g_strdup ("李春梅");
        v->living = g_strdup ("住房整洁");
        g_timer_start (timer);
        id = tx_store_visit_add (store, v, TRUE, NULL, &error);
        t = g_timer_elapsed (timer, NULL) * 1000;
        g_assert_no_error (error);
        g_array_append_val (ms, t);
      }
    report ("record a home visit, with rescheduling", ms);
  }

  printf ("memory: RSS after open %.1f MB, now %.1f MB, peak %.1f MB\n",
          rss_open / 1024.0, tx_bench_status_kb ("VmRSS:") / 1024.0, tx_bench_status_kb ("VmHWM:") / 1024.0);

  g_clear_object (&store);
  if (tmpdir && !keep)
    {
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (tmpdir);
    }
  return 0;
}
