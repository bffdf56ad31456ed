/* tx-schedule.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The visit frequencies of the action plans (domain.md, "Key-care children
 * and visits"): one home visit every three months when guardianship is
 * good, every month when it is average, more often for key-care children
 * (the documents set no number: a setting, 15 days by default). Migrant
 * children's information is updated every half year, left-behind and
 * distressed children's every quarter. A due date that falls on a day off
 * moves to the working day before it.
 */

#define G_LOG_DOMAIN "tx-schedule"

#include "config.h"

#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-schedule.h"

void
tx_schedule_settings_init (TxScheduleSettings *settings)
{
  settings->good_months = 3;
  settings->average_months = 1;
  settings->key_care_days = 15;
  settings->first_visit_days = 30;
}

/**
 * tx_schedule_previous_working_day:
 *
 * Moves @date back to a working day of the official calendar (weekends,
 * holidays and make-up working days; weekends alone in a year without data).
 * A working day stays as it is.
 */
void
tx_schedule_previous_working_day (GDate *date)
{
  /* the longest run of days off is the Spring Festival's nine days */
  for (int i = 0; i < 31 && !tx_holidays_is_working_day (date); i++)
    g_date_subtract_days (date, 1);
}

static gboolean
has_code (const char *codes,
          const char *code)
{
  gsize len = strlen (code);

  for (const char *p = codes; p; p = strchr (p, ','), p = p ? p + 1 : NULL)
    if (strncmp (p, code, len) == 0 && (p[len] == ',' || p[len] == 0))
      return TRUE;
  return FALSE;
}

/**
 * tx_schedule_next_visit:
 * @guardianship: (nullable): the current assessment: good, average or poor
 * @key_care: whether the child is a key-care child now
 * @registration: the registration date
 * @last_home_visit: (nullable): the last home visit, if any
 * @due: (out): when the next home visit is due
 *
 * The interval follows the current assessment, so a re-assessment
 * reschedules at once. A child with poor guardianship is visited as often
 * as a key-care child, which such a child nearly always is.
 */
void
tx_schedule_next_visit (const TxScheduleSettings *settings,
                        const char               *guardianship,
                        gboolean                  key_care,
                        const GDate              *registration,
                        const GDate              *last_home_visit,
                        GDate                    *due)
{
  if (last_home_visit == NULL)
    {
      *due = *registration;
      g_date_add_days (due, settings->first_visit_days);
    }
  else
    {
      *due = *last_home_visit;
      if (key_care || g_strcmp0 (guardianship, "poor") == 0)
        g_date_add_days (due, settings->key_care_days);
      else if (g_strcmp0 (guardianship, "good") == 0)
        tx_date_add_months (due, settings->good_months);
      else
        /* average, or not assessed yet: the closer of the two rhythms */
        tx_date_add_months (due, settings->average_months);
    }
  tx_schedule_previous_working_day (due);
}

/**
 * tx_schedule_info_refresh:
 * @categories: (nullable): the child_category codes, comma separated
 * @last_update: the last time the information was brought up to date
 * @due: (out): when it is due again
 */
void
tx_schedule_info_refresh (const char  *categories,
                          const GDate *last_update,
                          GDate       *due)
{
  gboolean quarterly = categories &&
                       (has_code (categories, "left_behind") || has_code (categories, "distressed"));

  *due = *last_update;
  tx_date_add_months (due, quarterly ? 3 : 6);
  tx_schedule_previous_working_day (due);
}
