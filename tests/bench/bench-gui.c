/* bench-gui.c — the window with a county's roster: first frame, typing, memory
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: xvfb-run -a bench-gui --db PATH [--children N]
 *
 * Opens the window on a store of N demo children (made first if the store
 * has fewer; bench-store --db PATH --keep makes one), then prints:
 * - the time from creating the window to its first frame, and to the first
 *   frame that shows rows;
 * - while a search is typed a character at a time, the longest time the
 *   main loop could not run (a 1 ms timer's longest gap) and the longest
 *   interval between frames;
 * - memory with the roster open and after scrolling;
 * - the visit calendar: from asking for a month (or a day) to the frame that
 *   shows it, and the longest main-loop stall meanwhile.
 *
 * BENCH_VERBOSE=1 prints (on stderr) the stall after each keystroke, and each
 * day's time from asking to the frame that shows it.
 * Each stall says when it was, in CLOCK_MONOTONIC microseconds, so that a
 * profile taken with `perf record -k CLOCK_MONOTONIC` can be cut to it
 * (tests/bench/stall-profile.py).
 */

#include "config.h"

#include "tx-bench-util.h"

#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "../tx-test-login.h"

static gint64 t0, first_frame, first_rows;
static guint paints;
static gint64 last_tick, worst_gap, worst_gap_end, last_paint, worst_paint;
static gboolean measuring;
static TxWindow *window;


static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  gint64 now = g_get_monotonic_time ();
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));

  paints++;
  if (first_frame == 0)
    first_frame = now;
  if (first_rows == 0 && model && g_list_model_get_n_items (model) > 0)
    first_rows = now;
  if (measuring && last_paint)
    worst_paint = MAX (worst_paint, now - last_paint);
  last_paint = now;
}

static gboolean
tick_cb (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  if (measuring && last_tick && now - last_tick > worst_gap)
    {
      worst_gap = now - last_tick;
      worst_gap_end = now;
    }
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static void
print_times (const char *what,
             GArray     *ms)
{
  g_array_sort (ms, cmp_double);
  printf ("  %-42s p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms\n", what,
          g_array_index (ms, double, ms->len / 2), g_array_index (ms, double, (ms->len * 95) / 100),
          g_array_index (ms, double, ms->len - 1));
}

/* until the calendar has its answer on screen: idle, then one more frame */
static double
until_shown (TxCalendarView *cal,
             gint64          start,
             GArray         *ready)
{
  guint seen;

  while (tx_calendar_view_is_busy (cal))
    g_main_context_iteration (NULL, TRUE);
  if (ready)
    {
      double t = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (ready, t);
    }
  seen = paints;
  /* the answer queued its own redraw; this makes sure a frame follows even
   * when that one was painted already */
  gtk_widget_queue_draw (GTK_WIDGET (cal));
  while (paints == seen)
    g_main_context_iteration (NULL, TRUE);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
realize_cb (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

int
main (int argc, char *argv[])
{
  int children = 200000;
  g_autofree char *db = NULL;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &children, "Children in the store", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The store (made if it has fewer children)", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  static const char *const typed[] = { "张", "张小", "张小明", "张小", "张", "", "z", "zx", "zxm",
                                       "zx", "z", "", "1", "12", "123", "1234", "123", "12", "1", "" };
  GtkWidget *entry;
  long rss_open;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || db == NULL)
    {
      fprintf (stderr, "usage: bench-gui --db PATH [--children N]\n");
      return 2;
    }
  tx_core_init ();

  {
    g_autoptr(TxStore) store = tx_test_open (db, &error);
    gint64 have;

    g_assert_no_error (error);
    if (!tx_store_is_set_up (store))
      tx_station_init_workstation (store, "220102", "220102001", NULL, &error);
    /* the demo's children who left the register too */
    have = tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_ALL }, NULL);
    if (have < children)
      {
        printf ("making %" G_GINT64_FORMAT " demo children first…\n", children - have);
        tx_demo_generate (store, children - have, 1, NULL, NULL, &error);
        g_assert_no_error (error);
      }
  }

  setvbuf (stdout, NULL, _IOLBF, 0);
  gtk_init ();
  adw_init ();
  printf ("Tongxing window benchmark: %d children\n", children);

  t0 = g_get_monotonic_time ();
  window = g_object_new (TX_TYPE_WINDOW, "default-width", 1280, "default-height", 800, NULL);
  g_signal_connect (window, "realize", G_CALLBACK (realize_cb), NULL);
  tx_window_open_database (window, db);
  gtk_window_present (GTK_WINDOW (window));
  while (first_rows == 0 && g_get_monotonic_time () - t0 < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  printf ("window created → first frame                 %8.1f ms\n", (first_frame - t0) / 1000.0);
  printf ("window created → first frame with rows       %8.1f ms\n", (first_rows - t0) / 1000.0);
  tx_gui_wait (500);
  rss_open = tx_bench_status_kb ("VmRSS:");

  g_timeout_add (1, tick_cb, NULL);
  entry = tx_roster_view_get_search_entry (tx_window_get_roster_view (window));
  gtk_widget_grab_focus (entry);
  tx_gui_wait (200);
  printf ("typing a search (%u keystrokes, 200 ms apart):\n", (guint) G_N_ELEMENTS (typed));
  for (int round = 0; round < 2; round++)
    {
      worst_gap = worst_paint = 0;
      last_tick = last_paint = 0;
      measuring = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
        {
          gint64 before = worst_gap;
          worst_gap = 0;
          gtk_editable_set_text (GTK_EDITABLE (entry), typed[i]);
          /* people type about five characters a second */
          tx_gui_wait (200);
          if (g_getenv ("BENCH_VERBOSE"))
            g_printerr ("    “%s”: %u rows, stall %.1f ms (monotonic %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT " µs)\n",
                        typed[i],
                        g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)))),
                        worst_gap / 1000.0, worst_gap_end - worst_gap, worst_gap_end);
          worst_gap = MAX (worst_gap, before);
        }
      tx_gui_wait_roster (window);
      measuring = FALSE;
      /* the first round includes the first use of the Chinese font and the
       * empty-result page; the second is every later search */
      printf ("  %s longest main-loop stall       %8.1f ms\n", round ? "later:" : "first:", worst_gap / 1000.0);
      printf ("  %s longest interval between frames %6.1f ms\n", round ? "later:" : "first:", worst_paint / 1000.0);
    }

  /* scroll through the roster a page at a time */
  {
    GtkWidget *cv = tx_roster_view_get_column_view (tx_window_get_roster_view (window));
    GtkScrollable *scrollable = GTK_SCROLLABLE (gtk_widget_get_parent (cv) ? cv : cv);
    GtkAdjustment *adj = gtk_scrollable_get_vadjustment (scrollable);

    worst_gap = worst_paint = 0;
    last_tick = last_paint = 0;
    measuring = TRUE;
    for (int i = 0; i < 60 && adj; i++)
      {
        gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj) * i / 60.0);
        tx_gui_wait (50);
      }
    measuring = FALSE;
    printf ("jumping through the roster (60 positions):\n");
    printf ("  longest main-loop stall                     %8.1f ms\n", worst_gap / 1000.0);
    printf ("  longest interval between frames             %8.1f ms\n", worst_paint / 1000.0);
  }
  /* the visit calendar, month after month, then day after day */
  {
    TxCalendarView *cal = tx_window_get_calendar_view (window);
    g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) days = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) months_ready = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) days_ready = g_array_new (FALSE, FALSE, sizeof (double));

    gint64 opened = g_get_monotonic_time ();
    double first;

    gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
    first = until_shown (cal, opened, NULL);
    worst_gap = worst_paint = 0;
    last_tick = last_paint = 0;
    measuring = TRUE;
    for (int i = 0; i < 24; i++)
      {
        gint64 start = g_get_monotonic_time ();
        double t;

        tx_calendar_view_show_month (cal, 2025 + i / 12, 1 + i % 12);
        t = until_shown (cal, start, months_ready);
        g_array_append_val (months, t);
      }
    tx_calendar_view_show_month (cal, 2026, 11);
    until_shown (cal, g_get_monotonic_time (), NULL);
    for (int d = 1; d <= 30; d++)
      {
        gint64 start = g_get_monotonic_time ();
        double t;

        tx_calendar_view_select_day (cal, d);
        t = until_shown (cal, start, days_ready);
        g_array_append_val (days, t);
        if (g_getenv ("BENCH_VERBOSE"))
          g_printerr ("    “2026-11-%02d”: %u rows, stall %.1f ms (monotonic %" G_GINT64_FORMAT " to %" G_GINT64_FORMAT
                      " µs), %.1f ms read and set\n", d,
                      g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (
                        GTK_LIST_VIEW (tx_calendar_view_get_day_list (cal))))),
                      t, start, start + (gint64) (t * 1000),
                      g_array_index (days_ready, double, days_ready->len - 1));
      }
    measuring = FALSE;
    printf ("the visit calendar (asked → on screen):\n");
    printf ("  first shown: the month, the overdue, urgent and staff lists %7.1f ms\n", first);
    print_times ("a month (24 months of 2025–2026)", months);
    print_times ("  of which: read and set in the widgets", months_ready);
    print_times ("a day's list (30 days of November 2026)", days);
    print_times ("  of which: read and set in the widgets", days_ready);
    printf ("  longest main-loop stall                     %8.1f ms\n", worst_gap / 1000.0);
  }

  printf ("memory: RSS with the roster open %.1f MB, after typing and scrolling %.1f MB, peak %.1f MB\n",
          rss_open / 1024.0, tx_bench_status_kb ("VmRSS:") / 1024.0, tx_bench_status_kb ("VmHWM:") / 1024.0);
  /* what of it is malloc's: in use, and freed but kept (every thread's arenas) */
  {
    struct mallinfo2 mi = mallinfo2 ();

    printf ("  of which: anonymous %.1f MB, files mapped %.1f MB, shared %.1f MB; malloc: %.1f MB in use, "
            "%.1f MB free but kept, %.1f MB in mmap'd blocks\n",
            tx_bench_status_kb ("RssAnon:") / 1024.0, tx_bench_status_kb ("RssFile:") / 1024.0,
            tx_bench_status_kb ("RssShmem:") / 1024.0,
            mi.uordblks / 1048576.0, mi.fordblks / 1048576.0, mi.hblkhd / 1048576.0);
  }
  return 0;
}
