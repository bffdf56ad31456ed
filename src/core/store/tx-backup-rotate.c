/* tx-backup-rotate.c — which backups rotation keeps, and removing the others
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The newest backup of each of the last 7 days, of each of the last 8
 * weeks (Monday to Sunday) and of each of the last 12 months, in local
 * time; the newest of all always; a backup dated after now (a clock set
 * wrong) is kept rather than guessed about. The three counts are store
 * settings (tx_backup_get_keep()). The backups made before a restore are
 * left for the person to remove.
 */

#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include <glib/gstdio.h>

#include "tx-backup.h"
#include "tx-store-private.h"

typedef struct
{
  gint64 time;
  guint  index;
} Dated;

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const Dated *x = a, *y = b;

  return x->time < y->time ? 1 : x->time > y->time ? -1 : (int) x->index - (int) y->index;
}

static int
newest_created_first (gconstpointer a,
                      gconstpointer b)
{
  const TxBackupInfo *x = *(TxBackupInfo **) a, *y = *(TxBackupInfo **) b;

  return -g_strcmp0 (x->created, y->created);
}

/* The local day, week and month of a time, as counts from a fixed start */
static void
buckets (gint64     time,
         GTimeZone *tz,
         gint64    *day,
         gint64    *week,
         gint64    *month)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
  int y, m, d;
  GDate date;

  g_date_time_get_ymd (local, &y, &m, &d);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  *day = g_date_get_julian (&date);
  /* day 1 of the Julian count, 1 January of year 1, was a Monday */
  *week = (*day - 1) / 7;
  *month = (gint64) y * 12 + (m - 1);
}

/**
 * tx_backup_rotate_decide:
 * @times: (array length=n): when each backup was made, Unix seconds
 * @keep: how many days, weeks and months
 * @now: Unix seconds
 * @tz: (nullable): the time zone of days, weeks and months; local if %NULL
 *
 * A pure function: which of the backups rotation keeps.
 *
 * Returns: (transfer full) (array length=n): %TRUE for each backup kept
 */
gboolean *
tx_backup_rotate_decide (const gint64       *times,
                         guint               n,
                         const TxBackupKeep *keep,
                         gint64              now,
                         GTimeZone          *tz)
{
  g_autoptr(GTimeZone) local = tz ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autofree Dated *order = g_new (Dated, MAX (n, 1));
  gboolean *kept = g_new0 (gboolean, MAX (n, 1));
  gint64 now_day, now_week, now_month;
  gint64 last_day = G_MININT64, last_week = G_MININT64, last_month = G_MININT64;

  if (n == 0)
    return kept;
  buckets (now, local, &now_day, &now_week, &now_month);
  for (guint i = 0; i < n; i++)
    order[i] = (Dated) { times[i], i };
  qsort (order, n, sizeof *order, newest_first);
  /* the newest of all, and the newest not dated after now */
  kept[order[0].index] = TRUE;
  for (guint i = 0; i < n; i++)
    if (order[i].time <= now)
      {
        kept[order[i].index] = TRUE;
        break;
      }

  for (guint i = 0; i < n; i++)
    {
      gint64 day, week, month;
      guint at = order[i].index;

      if (order[i].time > now)
        {
          kept[at] = TRUE;
          continue;
        }
      /* every backup of the last 24 hours: the one made by hand before a
       * risky change stays there after the automatic ones of the day */
      if (now - order[i].time < 24 * 60 * 60)
        kept[at] = TRUE;
      buckets (order[i].time, local, &day, &week, &month);
      /* the newest of its day, week or month: the first one met of it */
      if (day != last_day && now_day - day < keep->days)
        kept[at] = TRUE;
      if (week != last_week && now_week - week < keep->weeks)
        kept[at] = TRUE;
      if (month != last_month && now_month - month < keep->months)
        kept[at] = TRUE;
      last_day = day;
      last_week = week;
      last_month = month;
    }
  return kept;
}

/* Removes a folder and what it holds (a backup, a half-made one) */
gboolean
tx_backup_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        tx_backup_remove_tree (child);
      else
        g_unlink (child);
    }
  return g_rmdir (path) == 0;
}

/**
 * tx_backup_rotate:
 * @folder: a folder of backups
 * @station: (nullable): only this station's backups are rotated (a
 *   second place may hold another store's)
 * @now: (nullable): now, or the time given
 *
 * Removes the backups rotation does not keep; unusable folders and
 * backups of other stores are left alone.
 *
 * Returns: how many were removed
 */
guint
tx_backup_rotate (const char         *folder,
                  const char         *station,
                  const TxBackupKeep *keep,
                  GDateTime          *now)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_backup_info_free);
  g_autofree gint64 *times = NULL;
  g_autofree gboolean *kept = NULL;
  const char *name;
  guint removed = 0;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);
      TxBackupInfo *info;

      if (name[0] == '.')
        continue;
      info = tx_backup_read (path, NULL);
      /* the store as it was before a restore is not rotated away */
      if (info == NULL || info->unusable || !info->verified || info->before_restore ||
          (station && g_strcmp0 (info->station, station) != 0))
        {
          tx_backup_info_free (info);
          continue;
        }
      g_ptr_array_add (infos, info);
    }
  if (infos->len == 0)
    return 0;
  /* newest first, to the microsecond: of two made in one second, the
   * first in the list is the newer (tx_backup_rotate_decide() keeps the
   * first of equal times) */
  g_ptr_array_sort (infos, newest_created_first);
  times = g_new (gint64, infos->len);
  for (guint i = 0; i < infos->len; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (info->created, NULL);

      times[i] = at ? g_date_time_to_unix (at) : G_MAXINT64;
    }
  {
    g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();

    kept = tx_backup_rotate_decide (times, infos->len, keep, g_date_time_to_unix (current), NULL);
  }
  for (guint i = 0; i < infos->len; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (infos, i);

      if (!kept[i] && tx_backup_remove_tree (info->path))
        removed++;
    }
  return removed;
}
