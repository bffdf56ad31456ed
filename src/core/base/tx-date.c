/* tx-date.c — calendar dates as the forms use them
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tx-date.h"

/**
 * tx_date_parse:
 * @text: a date as typed: 2015-03-02, 2015-3-2, 20150302, 2015/03/02, 2015.03.02
 *   or 2015年3月2日
 * @out: (out): the date
 *
 * Returns: %TRUE if @text is a valid calendar date
 */
gboolean
tx_date_parse (const char *text,
               GDate      *out)
{
  g_autoptr(GString) s = NULL;
  g_auto(GStrv) parts = NULL;
  guint v[3];

  g_date_clear (out, 1);
  if (text == NULL)
    return FALSE;

  /* 年 and 月 separate like '-', a final 日 is dropped */
  s = g_string_new (text);
  g_strstrip (s->str);
  g_string_set_size (s, strlen (s->str));
  g_string_replace (s, "年", "-", 0);
  g_string_replace (s, "月", "-", 0);
  if (g_str_has_suffix (s->str, "日"))
    g_string_truncate (s, s->len - strlen ("日"));
  g_strdelimit (s->str, "/.", '-');

  if (s->len == 8 && strspn (s->str, "0123456789") == 8)
    {
      guint n = atoi (s->str);
      v[0] = n / 10000;
      v[1] = (n / 100) % 100;
      v[2] = n % 100;
    }
  else
    {
      parts = g_strsplit (s->str, "-", -1);
      if (g_strv_length (parts) != 3)
        return FALSE;
      for (int i = 0; i < 3; i++)
        {
          gsize len = strlen (parts[i]);

          if (len == 0 || strspn (parts[i], "0123456789") != len ||
              (i == 0 && len != 4) || (i > 0 && len > 2))
            return FALSE;
          v[i] = atoi (parts[i]);
        }
    }

  if (v[0] < 1900 || v[0] > 2999 || !g_date_valid_dmy (v[2], v[1], v[0]))
    return FALSE;
  g_date_set_dmy (out, v[2], v[1], v[0]);
  return TRUE;
}

/**
 * tx_date_normalize:
 *
 * Returns: (transfer full) (nullable): @text as YYYY-MM-DD, or %NULL if it is no date
 */
char *
tx_date_normalize (const char *text)
{
  GDate d;

  if (!tx_date_parse (text, &d))
    return NULL;
  return tx_date_format (&d);
}

char *
tx_date_format (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date),
                          g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * tx_date_today:
 *
 * The local date. `TONGXING_TODAY=YYYY-MM-DD` in the environment fixes it,
 * for tests and for reproducing a user's report.
 */
void
tx_date_today (GDate *out)
{
  /* the local time zone is looked up again each time (a stat of
   * /etc/localtime): an import asks for every child it writes, so the date
   * is kept for a second, by each thread */
  static _Thread_local gint64 known_at = 0;   /* 0: not known yet */
  static _Thread_local GDate known;
  const char *fixed = g_getenv ("TONGXING_TODAY");
  gint64 now_us = g_get_monotonic_time ();
  g_autoptr(GDateTime) now = NULL;

  if (fixed && tx_date_parse (fixed, out))
    return;
  if (known_at != 0 && now_us - known_at < G_USEC_PER_SEC)
    {
      *out = known;
      return;
    }
  now = g_date_time_new_now_local ();
  g_date_clear (out, 1);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
  known = *out;
  known_at = now_us;
}

/**
 * tx_date_age_on:
 *
 * Age in full years (周岁) on @on, counting a year on the birthday itself.
 * Someone born on 29 February completes a year on 1 March of a common year.
 *
 * Returns: the age, negative if @on is before @birth
 */
int
tx_date_age_on (const GDate *birth,
                const GDate *on)
{
  int age = g_date_get_year (on) - g_date_get_year (birth);
  guint bm = g_date_get_month (birth), bd = g_date_get_day (birth);
  guint om = g_date_get_month (on), od = g_date_get_day (on);

  if (g_date_compare (on, birth) < 0)
    return -1;
  if (om < bm || (om == bm && od < bd))
    age--;
  return age;
}

/**
 * tx_date_add_months:
 *
 * Calendar months: 31 January + 1 month is the last day of February.
 */
void
tx_date_add_months (GDate *date,
                    int    months)
{
  if (months >= 0)
    g_date_add_months (date, months);
  else
    g_date_subtract_months (date, -months);
}

int
tx_date_compare (const GDate *a,
                 const GDate *b)
{
  return g_date_compare (a, b);
}

/**
 * tx_date_local_day:
 * @iso: (nullable): a time in ISO 8601 with its offset, as the store keeps
 *   them (UTC)
 *
 * Returns: (transfer full): the day it was here, yyyy-mm-dd, or the first
 *   ten characters of @iso if it is not a time
 */
char *
tx_date_local_day (const char *iso)
{
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  if (local == NULL)
    return g_strndup (iso ? iso : "", 10);
  return g_date_time_format (local, "%Y-%m-%d");
}

/**
 * tx_date_local_time:
 * @iso: (nullable): a moment, ISO 8601 UTC as the store keeps it
 *
 * Returns: (transfer full): the moment as a person reads it here:
 *   "2026-11-30 19:56"
 */
char *
tx_date_local_time (const char *iso)
{
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}
