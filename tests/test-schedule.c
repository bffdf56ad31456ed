/* test-schedule.c — visit and information-update rhythms
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static char *
next_visit (const TxScheduleSettings *s,
            const char *guardianship,
            gboolean    key_care,
            const char *registration,
            const char *last)
{
  GDate reg = tx_test_date (registration), visit, due;

  if (last)
    visit = tx_test_date (last);
  tx_schedule_next_visit (s, guardianship, key_care, &reg, last ? &visit : NULL, &due);
  return tx_date_format (&due);
}

#define ASSERT_DUE(s, g, kc, reg, last, want) G_STMT_START {           \
    g_autofree char *got = next_visit (s, g, kc, reg, last);           \
    g_assert_cmpstr (got, ==, want);                                   \
  } G_STMT_END

static void
test_intervals (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  /* good: every three months; 2026-04-15 is a Wednesday */
  ASSERT_DUE (&s, "good", FALSE, "2025-12-01", "2026-01-15", "2026-04-15");
  /* average: every month; 2026-03-16 is a Monday */
  ASSERT_DUE (&s, "average", FALSE, "2025-12-01", "2026-02-16", "2026-03-16");
  /* key care: every 15 days, whatever the assessment */
  ASSERT_DUE (&s, "good", TRUE, "2025-12-01", "2026-03-02", "2026-03-17");
  /* poor guardianship is visited as often as key care */
  ASSERT_DUE (&s, "poor", FALSE, "2025-12-01", "2026-03-02", "2026-03-17");
  /* not assessed yet: monthly */
  ASSERT_DUE (&s, NULL, FALSE, "2025-12-01", "2026-03-02", "2026-04-02");
}

static void
test_key_care_setting (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  s.key_care_days = 10;
  ASSERT_DUE (&s, "average", TRUE, "2025-12-01", "2026-03-02", "2026-03-12");
  s.good_months = 2;
  ASSERT_DUE (&s, "good", FALSE, "2025-12-01", "2026-01-15", "2026-03-13");  /* 03-15 is a Sunday */
}

static void
test_reassessment (void)
{
  TxScheduleSettings s;

  /* a visit on 2026-03-02 finds guardianship worse than before: the next
   * visit follows the new assessment, counted from that visit */
  tx_schedule_settings_init (&s);
  ASSERT_DUE (&s, "good", FALSE, "2025-12-01", "2026-03-02", "2026-06-02");
  ASSERT_DUE (&s, "average", FALSE, "2025-12-01", "2026-03-02", "2026-04-02");
  ASSERT_DUE (&s, "average", TRUE, "2025-12-01", "2026-03-02", "2026-03-17");
}

static void
test_month_end (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  /* 31 January + 1 month = 28 February 2026, a Saturday, but one worked
   * for the Spring Festival (调休): it stays */
  ASSERT_DUE (&s, "average", FALSE, "2025-12-01", "2026-01-31", "2026-02-28");
  /* 31 January 2027 + 1 month = 28 February 2027, a Sunday (no holiday data
   * for 2027 is shipped): Friday the 26th */
  ASSERT_DUE (&s, "average", FALSE, "2026-12-01", "2027-01-31", "2027-02-26");
  /* 30 November + 3 months = 28 February 2025 (a Friday) */
  ASSERT_DUE (&s, "good", FALSE, "2024-10-01", "2024-11-30", "2025-02-28");
  /* leap year: 31 January 2024 + 1 month = 29 February 2024, a Thursday */
  ASSERT_DUE (&s, "average", FALSE, "2023-12-01", "2024-01-31", "2024-02-29");
}

static void
test_holidays (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  /* due on National Day 2026-10-01: the working day before the holiday */
  ASSERT_DUE (&s, "average", FALSE, "2026-01-01", "2026-09-01", "2026-09-30");
  /* due on 2026-02-15, in the Spring Festival holiday: Saturday the 14th is a
   * make-up working day (调休) */
  ASSERT_DUE (&s, "average", FALSE, "2025-12-01", "2026-01-15", "2026-02-14");
  /* due on 2026-05-04, in the Labour Day holiday (1–5 May): 30 April */
  ASSERT_DUE (&s, "average", FALSE, "2026-01-01", "2026-04-04", "2026-04-30");
}

static void
test_year_without_data (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  g_assert_false (tx_holidays_has_year (2031));
  /* 2031-10-01 is a Wednesday: with no calendar, only weekends move */
  ASSERT_DUE (&s, "average", FALSE, "2031-01-01", "2031-09-01", "2031-10-01");
  /* 2031-11-01 is a Saturday: Friday */
  ASSERT_DUE (&s, "average", FALSE, "2031-01-01", "2031-10-01", "2031-10-31");
}

static void
test_first_visit (void)
{
  TxScheduleSettings s;

  tx_schedule_settings_init (&s);
  /* within 30 days of registration; 2026-10-15 is a Thursday */
  ASSERT_DUE (&s, "good", FALSE, "2026-09-15", NULL, "2026-10-15");
  /* 2026-09-01 + 30 days = 2026-10-01, National Day: 30 September */
  ASSERT_DUE (&s, "good", FALSE, "2026-09-01", NULL, "2026-09-30");
  s.first_visit_days = 7;
  ASSERT_DUE (&s, "good", TRUE, "2026-09-15", NULL, "2026-09-22");
}

static void
test_info_refresh (void)
{
  GDate last = tx_test_date ("2026-03-10"), due;
  g_autofree char *migrant = NULL, *left = NULL, *distressed = NULL;

  tx_schedule_info_refresh ("migrant", &last, &due);
  migrant = tx_date_format (&due);
  g_assert_cmpstr (migrant, ==, "2026-09-10");
  tx_schedule_info_refresh ("migrant,left_behind", &last, &due);
  left = tx_date_format (&due);
  g_assert_cmpstr (left, ==, "2026-06-10");
  last = tx_test_date ("2026-07-01");
  tx_schedule_info_refresh ("distressed", &last, &due);
  distressed = tx_date_format (&due);
  g_assert_cmpstr (distressed, ==, "2026-09-30");  /* 10-01 is National Day */
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/schedule/intervals", test_intervals);
  g_test_add_func ("/schedule/key-care-setting", test_key_care_setting);
  g_test_add_func ("/schedule/reassessment", test_reassessment);
  g_test_add_func ("/schedule/month-end", test_month_end);
  g_test_add_func ("/schedule/holidays", test_holidays);
  g_test_add_func ("/schedule/year-without-data", test_year_without_data);
  g_test_add_func ("/schedule/first-visit", test_first_visit);
  g_test_add_func ("/schedule/info-refresh", test_info_refresh);
  return g_test_run ();
}
