/* test-date.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static void
assert_parses (const char *text, const char *iso)
{
  g_autofree char *n = tx_date_normalize (text);
  g_assert_cmpstr (n, ==, iso);
}

static void
test_parse (void)
{
  assert_parses ("2015-03-02", "2015-03-02");
  assert_parses ("20150302", "2015-03-02");
  assert_parses ("2015/3/2", "2015-03-02");
  assert_parses ("2015.03.02", "2015-03-02");
  assert_parses ("2015年3月2日", "2015-03-02");
  assert_parses (" 2015-3-2 ", "2015-03-02");
  assert_parses ("2016-02-29", "2016-02-29");
  assert_parses ("2015-02-29", NULL);
  assert_parses ("2015-13-01", NULL);
  assert_parses ("15-03-02", NULL);
  assert_parses ("2015-03", NULL);
  assert_parses ("201503021", NULL);
  assert_parses ("yesterday", NULL);
  assert_parses ("", NULL);
  assert_parses (NULL, NULL);
}

static void
test_age (void)
{
  GDate b = tx_test_date ("2010-06-15"), on;

  on = tx_test_date ("2026-06-14");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 15);
  on = tx_test_date ("2026-06-15");  /* the 16th birthday itself */
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 16);
  on = tx_test_date ("2010-06-15");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 0);
  on = tx_test_date ("2010-06-14");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, -1);
}

static void
test_age_leap_day (void)
{
  GDate b = tx_test_date ("2012-02-29"), on;

  on = tx_test_date ("2013-02-28");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 0);
  on = tx_test_date ("2013-03-01");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 1);
  on = tx_test_date ("2028-02-28");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 15);
  on = tx_test_date ("2028-02-29");
  g_assert_cmpint (tx_date_age_on (&b, &on), ==, 16);
}

static void
test_add_months (void)
{
  GDate x = tx_test_date ("2026-01-31");
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  tx_date_add_months (&x, 1);
  a = tx_date_format (&x);
  g_assert_cmpstr (a, ==, "2026-02-28");
  x = tx_test_date ("2024-01-31");
  tx_date_add_months (&x, 1);
  b = tx_date_format (&x);
  g_assert_cmpstr (b, ==, "2024-02-29");
  x = tx_test_date ("2025-08-31");
  tx_date_add_months (&x, 6);
  c = tx_date_format (&x);
  g_assert_cmpstr (c, ==, "2026-02-28");
}

static void
test_today_override (void)
{
  GDate t;
  g_autofree char *s = NULL;

  g_setenv ("TONGXING_TODAY", "2030-01-02", TRUE);
  tx_date_today (&t);
  s = tx_date_format (&t);
  g_assert_cmpstr (s, ==, "2030-01-02");
}

/* without the override: the local date, the same when asked again at once
 * (it is kept for a second) */
static gpointer
today_in_thread (gpointer data)
{
  tx_date_today (data);
  return NULL;
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = NULL;
  GDate t, again, other;

  g_unsetenv ("TONGXING_TODAY");
  tx_date_today (&t);
  now = g_date_time_new_now_local ();
  g_assert_true (g_date_valid (&t));
  /* a test run at midnight may see the day change in between */
  if (g_date_time_get_hour (now) == 0 && g_date_time_get_minute (now) == 0)
    return;
  g_assert_cmpint (g_date_get_year (&t), ==, g_date_time_get_year (now));
  g_assert_cmpint (g_date_get_month (&t), ==, g_date_time_get_month (now));
  g_assert_cmpint (g_date_get_day (&t), ==, g_date_time_get_day_of_month (now));
  tx_date_today (&again);
  g_assert_cmpint (g_date_compare (&t, &again), ==, 0);
  /* another thread works it out itself */
  g_thread_join (g_thread_new ("today", today_in_thread, &other));
  g_assert_true (g_date_valid (&other));
  g_assert_cmpint (g_date_compare (&t, &other), ==, 0);
}

/* The store keeps times in UTC; a day shown is the day it was here */
static void
test_local_day (void)
{
  g_autofree char *evening = tx_date_local_day ("2026-11-24T17:30:00Z");  /* 01:30 in Shanghai */
  g_autofree char *noon = tx_date_local_day ("2026-11-24T04:00:00Z");
  g_autofree char *bad = tx_date_local_day ("2026-11-24");
  g_autofree char *none = tx_date_local_day (NULL);

  g_assert_cmpstr (evening, ==, "2026-11-25");
  g_assert_cmpstr (noon, ==, "2026-11-24");
  g_assert_cmpstr (bad, ==, "2026-11-24");
  g_assert_cmpstr (none, ==, "");
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/date/local-day", test_local_day);
  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/age", test_age);
  g_test_add_func ("/date/age-leap-day", test_age_leap_day);
  g_test_add_func ("/date/add-months", test_add_months);
  g_test_add_func ("/date/today-override", test_today_override);
  g_test_add_func ("/date/today", test_today);
  return g_test_run ();
}
