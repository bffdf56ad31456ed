/* test-backup-rotate.c — which backups rotation keeps (tx_backup_rotate_decide)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static const TxBackupKeep usual = { 7, 8, 12 };

/* Unix seconds of a local time in Beijing */
static gint64
at (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static gboolean *
decide (const char *const *isos,
        const TxBackupKeep *keep,
        const char         *now)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier ("+08:00");
  guint n = g_strv_length ((char **) isos);
  g_autofree gint64 *times = g_new (gint64, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    times[i] = at (isos[i]);
  return tx_backup_rotate_decide (times, n, keep, at (now), tz);
}

static void
test_empty_and_one (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "2020-01-01T10:00:00", NULL };
  g_autofree gboolean *a = decide (none, &usual, "2026-11-25T12:00:00");
  g_autofree gboolean *b = decide (one, &usual, "2026-11-25T12:00:00");

  g_assert_nonnull (a);
  /* a backup years old, the only one: never removed */
  g_assert_true (b[0]);
}

static void
test_newest_of_each_day (void)
{
  /* yesterday three, the day before two, 9 days ago one (still the newest
   * of its week); all over 24 hours old */
  const char *isos[] = {
    "2026-11-25T09:00:00", "2026-11-25T11:00:00", "2026-11-25T10:00:00",
    "2026-11-24T08:00:00", "2026-11-24T23:59:59",
    "2026-11-17T12:00:00", NULL };
  g_autofree gboolean *k = decide (isos, &usual, "2026-11-26T12:00:00");

  g_assert_false (k[0]);
  g_assert_true (k[1]);
  g_assert_false (k[2]);
  g_assert_false (k[3]);
  g_assert_true (k[4]);
  g_assert_true (k[5]);
}

static void
test_days_in_local_time (void)
{
  /* 23:30 and 00:30 Beijing time are two days (in UTC the same one) */
  const char *isos[] = { "2026-11-24T23:30:00", "2026-11-25T00:30:00", "2026-11-25T00:10:00", NULL };
  g_autofree gboolean *k = decide (isos, &usual, "2026-11-26T12:00:00");

  g_assert_true (k[0]);
  g_assert_true (k[1]);
  g_assert_false (k[2]);
}

static void
test_last_day_kept_whole (void)
{
  /* a backup made by hand at 09:10 before a risky change, then the
   * automatic ones of the day: none of today's goes, nor last evening's;
   * of the day before yesterday, only its newest */
  const char *isos[] = {
    "2026-11-25T09:10:00", "2026-11-25T10:00:00", "2026-11-25T11:00:00",
    "2026-11-24T18:00:00", "2026-11-23T09:00:00", "2026-11-23T17:00:00", NULL };
  g_autofree gboolean *k = decide (isos, &usual, "2026-11-25T12:00:00");

  for (guint i = 0; i < 4; i++)
    g_assert_true (k[i]);
  g_assert_false (k[4]);
  g_assert_true (k[5]);
}

static void
test_weeks_and_months (void)
{
  const TxBackupKeep keep = { 1, 2, 3 };
  /* now: Wednesday 2026-11-25. This week (Mon 23rd on), last week, the one
   * before; this month, October, September, August */
  const char *isos[] = {
    "2026-11-25T08:00:00",   /* today: kept */
    "2026-11-23T08:00:00",   /* this week, not newest of it, but newest of nothing else */
    "2026-11-20T08:00:00",   /* newest of last week */
    "2026-11-16T08:00:00",   /* last week, older */
    "2026-11-12T08:00:00",   /* two weeks ago: past the 2 weeks, and November's newest is kept */
    "2026-10-30T08:00:00",   /* newest of October */
    "2026-10-01T08:00:00",
    "2026-09-15T08:00:00",   /* newest of September */
    "2026-08-31T08:00:00",   /* August: past the 3 months */
    NULL };
  g_autofree gboolean *k = decide (isos, &keep, "2026-11-25T12:00:00");

  g_assert_true (k[0]);
  g_assert_false (k[1]);
  g_assert_true (k[2]);
  g_assert_false (k[3]);
  g_assert_false (k[4]);
  g_assert_true (k[5]);
  g_assert_false (k[6]);
  g_assert_true (k[7]);
  g_assert_false (k[8]);
}

static void
test_year_boundary_week (void)
{
  const TxBackupKeep keep = { 1, 2, 0 };
  /* Monday 2024-12-30 to Sunday 2025-01-05 is one week across the year */
  const char *isos[] = { "2024-12-30T08:00:00", "2025-01-02T08:00:00", "2024-12-29T08:00:00", NULL };
  g_autofree gboolean *k = decide (isos, &keep, "2025-01-08T12:00:00");

  g_assert_false (k[0]);   /* the same week as the 2nd, older */
  g_assert_true (k[1]);
  g_assert_false (k[2]);   /* the week before that: two weeks ago */
}

static void
test_newest_always_and_future_kept (void)
{
  const TxBackupKeep keep = { 1, 0, 0 };
  /* everything old, and one from a clock set a year ahead */
  const char *isos[] = { "2025-01-01T08:00:00", "2024-01-01T08:00:00", "2027-11-25T08:00:00", NULL };
  g_autofree gboolean *k = decide (isos, &keep, "2026-11-25T12:00:00");

  g_assert_true (k[0]);    /* the newest of those not in the future */
  g_assert_false (k[1]);
  g_assert_true (k[2]);
}

static void
test_same_second (void)
{
  /* a day later (the last 24 hours keep both): one of the two */
  const char *isos[] = { "2026-11-25T08:00:00", "2026-11-25T08:00:00", NULL };
  g_autofree gboolean *k = decide (isos, &usual, "2026-11-26T12:00:00");

  g_assert_true (k[0] != k[1]);
}

int
main (int argc, char **argv)
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/backup-rotate/empty-and-one", test_empty_and_one);
  g_test_add_func ("/backup-rotate/newest-of-each-day", test_newest_of_each_day);
  g_test_add_func ("/backup-rotate/days-in-local-time", test_days_in_local_time);
  g_test_add_func ("/backup-rotate/last-day-kept-whole", test_last_day_kept_whole);
  g_test_add_func ("/backup-rotate/weeks-and-months", test_weeks_and_months);
  g_test_add_func ("/backup-rotate/year-boundary-week", test_year_boundary_week);
  g_test_add_func ("/backup-rotate/newest-always-and-future-kept", test_newest_always_and_future_kept);
  g_test_add_func ("/backup-rotate/same-second", test_same_second);
  return g_test_run ();
}
