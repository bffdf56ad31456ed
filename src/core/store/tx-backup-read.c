/* tx-backup-read.c — reading backups: listed, verified again, previewed, and whether one is due
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The copies are opened read-only and immutable (tx_backup_open_copy()):
 * nothing is written beside them, and the store is not touched.
 */

#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-backup.h"
#include "tx-backup-private.h"
#include "tx-idcard.h"
#include "tx-register.h"
#include "tx-store-accounts.h"
#include "tx-store-private.h"

static void
child_free (TxBackupChild *c)
{
  g_free (c->name);
  g_free (c->id_masked);
  g_free (c->village);
  g_free (c->birth_date);
  g_free (c->register_state);
  g_free (c->exit_date);
  g_free (c);
}

/* Reading them */

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const TxBackupInfo *x = *(TxBackupInfo **) a, *y = *(TxBackupInfo **) b;

  return -g_strcmp0 (x->created, y->created);
}

/* Every backup in @folders, read from its manifest, newest first */
GPtrArray *
tx_backup_list_folders (const char *const *folders)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_backup_info_free);

  for (guint f = 0; folders && folders[f]; f++)
    {
      g_autoptr(GDir) dir = g_dir_open (folders[f], 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (folders[f], name, NULL);
          TxBackupInfo *info;

          if (!g_file_test (path, G_FILE_TEST_IS_DIR))
            continue;
          if ((info = tx_backup_read (path, NULL)))
            g_ptr_array_add (out, info);
        }
    }
  g_ptr_array_sort (out, newest_first);
  return out;
}

/**
 * tx_backup_list:
 * @folders: (nullable) (array zero-terminated=1): where to look; %NULL:
 *   tx_backup_get_places()
 *
 * Every backup there, newest first, the unusable ones with their reason;
 * who made the last changes is read from each copy that opens.
 *
 * Returns: (transfer full) (element-type TxBackupInfo)
 */
GPtrArray *
tx_backup_list (TxStore            *store,
                const char *const  *folders,
                GError            **error)
{
  g_auto(GStrv) places = folders ? NULL : tx_backup_get_places (store);
  GPtrArray *out = tx_backup_list_folders (folders ? folders : (const char *const *) places);
  TxSession *session = tx_store_get_session (store);

  for (guint i = 0; session && i < out->len; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (out, i);
      sqlite3 *db;

      if (info->unusable || !(db = tx_backup_open_copy (info->store_file, session, NULL)))
        continue;
      info->who = tx_backup_read_who (db);
      sqlite3_close_v2 (db);
    }
  return out;
}

/**
 * tx_backup_verify:
 * @path: a backup's folder, or the store file in it
 * @info: (out) (optional) (transfer full): what its manifest says
 *
 * Checks a backup again: it opens with the store's key, passes
 * integrity_check, and holds the counts and schema its manifest says.
 *
 * Returns: %FALSE with @error naming the problem
 */
gboolean
tx_backup_verify (TxStore       *store,
                  const char    *path,
                  TxBackupInfo **info,
                  GError       **error)
{
  return tx_backup_verify_with (tx_store_get_session (store), path, info, error);
}

/* tx_backup_verify() with the key of @session (the store may not open) */
gboolean
tx_backup_verify_with (TxSession     *session,
                       const char    *path,
                       TxBackupInfo **info,
                       GError       **error)
{
  g_autoptr(TxBackupInfo) found = tx_backup_read (path, error);
  g_autofree char *problem = NULL;
  sqlite3 *db;

  if (found == NULL)
    return FALSE;
  if (found->unusable)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s cannot be used: %s. Choose another backup."), found->path, found->unusable);
      return FALSE;
    }
  if (!(db = tx_backup_open_copy (found->store_file, session, error)))
    return FALSE;
  problem = tx_backup_check_copy (db, found);
  if (problem == NULL)
    found->who = tx_backup_read_who (db);
  sqlite3_close_v2 (db);
  if (problem)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The backup %s is damaged: %s. Do not restore it; choose another backup."),
                   found->path, problem);
      return FALSE;
    }
  if (info)
    *info = g_steal_pointer (&found);
  return TRUE;
}

static TxBackupChild *
read_child (sqlite3_stmt *stmt)
{
  TxBackupChild *c = g_new0 (TxBackupChild, 1);
  const char *id = (const char *) sqlite3_column_text (stmt, 1);

  c->name = tx_store_column_text (stmt, 0);
  c->id_masked = id ? tx_id_mask (id) : NULL;
  c->village = tx_store_column_text (stmt, 2);
  c->birth_date = tx_store_column_text (stmt, 3);
  c->register_state = tx_store_column_text (stmt, 4);
  c->exit_date = tx_store_column_text (stmt, 5);
  return c;
}

/**
 * tx_backup_preview:
 * @path: a backup's folder, or the store file in it
 *
 * The children a backup holds (identity numbers masked), read from the copy
 * opened read-only and immutable: nothing is written to the backup's
 * folder, and the store is not touched. Supervisors and officers only.
 * The children on the register come first (their count, on_register, is
 * the roster's and the backup list's), then those who left the register
 * with their state and day: a supervisor may be looking for one of them.
 *
 * Returns: (transfer full) (nullable)
 */
TxBackupPreview *
tx_backup_preview (TxStore     *store,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(TxBackupPreview) preview = g_new0 (TxBackupPreview, 1);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  int rc;

  if (!tx_store_require (store, TX_PERMISSION_ALL_CHILDREN, error))
    return NULL;
  if (!(preview->info = tx_backup_read (path, error)))
    return NULL;
  if (preview->info->unusable)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s cannot be used: %s. Choose another backup."), preview->info->path, preview->info->unusable);
      return NULL;
    }
  if (!(db = tx_backup_open_copy (preview->info->store_file, tx_store_get_session (store), error)))
    return NULL;
  preview->info->who = tx_backup_read_who (db);
  preview->visits = tx_store_count_of (db, "SELECT count(*) FROM visit WHERE deleted = 0");
  preview->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
  rc = sqlite3_prepare_v2 (db, "SELECT f_name, f_id_number, f_residence_division, f_birth_date, register, "
                               "exit_date FROM child WHERE deleted = 0 "
                               "ORDER BY register <> 'active', f_residence_division, sort_key, rowid",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT f_name, f_id_number, f_residence_division, f_birth_date, NULL, NULL "
                                 "FROM child WHERE deleted = 0 ORDER BY f_residence_division, rowid",
                             -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TxBackupChild *c = read_child (stmt);

      if (c->register_state == NULL || g_str_equal (c->register_state, TX_REGISTER_ACTIVE))
        preview->on_register++;
      g_ptr_array_add (preview->children, c);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The backup %s cannot be read (%s). Check it with “backup verify”, or choose "
                     "another backup."), preview->info->path, sqlite3_errmsg (db));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_close_v2 (db);
  return g_steal_pointer (&preview);
}

/**
 * tx_backup_is_due:
 * @now: (nullable): now
 * @interval: how long after the newest backup the next is due when the
 *   store has changed since; 0: an hour
 * @stale: (out) (optional): for the status line: the newest backup is older
 *   than a week, there is none, or the last attempt failed
 *
 * Whether the window's timer should make a backup: the store changed since
 * the newest backup beside it and that one is older than @interval.
 */
gboolean
tx_backup_is_due (TxStore   *store,
                  GDateTime *now,
                  GTimeSpan  interval,
                  gboolean  *stale)
{
  g_autofree char *folder = tx_backup_default_folder (tx_store_get_path (store));
  const char *const folders[] = { folder, NULL };
  g_autoptr(GPtrArray) list = tx_backup_list_folders (folders);
  g_autoptr(GDateTime) current = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr(GDateTime) newest_at = NULL;
  TxBackupInfo *newest = NULL;
  TxBackupAttempt attempt = { 0 };
  gint64 marker;

  for (guint i = 0; i < list->len && newest == NULL; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (list, i);

      if (!info->unusable && g_strcmp0 (info->station, tx_store_get_station_id (store)) == 0)
        newest = info;
    }
  if (newest)
    newest_at = g_date_time_new_from_iso8601 (newest->created, NULL);
  if (stale)
    {
      tx_backup_get_last_attempt (store, &attempt);
      *stale = newest_at == NULL || g_date_time_difference (current, newest_at) > 7 * G_TIME_SPAN_DAY ||
               (attempt.at && !attempt.ok);
      tx_backup_attempt_clear (&attempt);
    }
  marker = MAX (tx_store_count_of (tx_store_get_db (store), "SELECT coalesce(max(seq), 0) FROM audit WHERE " CHANGE_KINDS), 0);
  if (newest_at == NULL)
    return TRUE;
  if (marker == newest->change_seq)
    return FALSE;
  return g_date_time_difference (current, newest_at) >= (interval > 0 ? interval : G_TIME_SPAN_HOUR);
}
