/* tx-backup-restore.c — putting a backup in the store's place, and a store found damaged
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A restore is refused while another program has the store open (its
 * SQLite locks and the in-use locks of tx-store-lock.c tell). The store as
 * it is becomes a backup first, marked "before restore"; then the backup's
 * store and key file are copied beside the store as temporary files,
 * synced, the old log and shared memory removed, and both renamed into
 * place. The store key never changes, so either key file opens either
 * store: a power cut between the two renames leaves a store that opens.
 * The restored store is checked and its audit trail says, after the
 * restore, from which backup.
 *
 * A store that would not open is classified by tx_backup_diagnose(), moved
 * aside by tx_backup_set_aside(), and the newest good backup offered
 * (tx_backup_newest_good()); nothing is done to it without being asked.
 */

#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-backup-private.h"
#include "tx-store-accounts.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

#define SQLITE_SHARED_FIRST (0x40000000 + 2)   /* as tx-store-lock.c */
#define SQLITE_SHARED_SIZE  510
#define SQLITE_SHM_DMS      128

/* Whether another open file description holds a lock that a write lock on
 * the range would conflict with (a POSIX lock of another process's SQLite,
 * or an in-use lock). Only called when this process has no connection to
 * the store: closing the descriptor would drop this process's locks. */
static gboolean
held_elsewhere (const char *path,
                off_t       start,
                off_t       len)
{
  struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean held;

  if (fd < 0)
    return FALSE;
  held = fcntl (fd, F_OFD_GETLK, &fl) == 0 && fl.l_type != F_UNLCK;
  close (fd);
  return held;
}

/* The name of a program that has one of the store's files open, from /proc */
static char *
program_holding (const char *store_path)
{
  g_autofree char *real = realpath (store_path, NULL);
  g_autoptr(GDir) proc = g_dir_open ("/proc", 0, NULL);
  g_autofree char *self = g_strdup_printf ("%d", (int) getpid ());
  const char *pid;

  if (real == NULL)
    return NULL;
  while (proc && (pid = g_dir_read_name (proc)))
    {
      g_autofree char *fds = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *fd;

      if (!g_ascii_isdigit (pid[0]) || g_str_equal (pid, self))
        continue;
      fds = g_build_filename ("/proc", pid, "fd", NULL);
      dir = g_dir_open (fds, 0, NULL);
      while (dir && (fd = g_dir_read_name (dir)))
        {
          g_autofree char *link = g_build_filename (fds, fd, NULL);
          g_autofree char *target = g_file_read_link (link, NULL);

          if (target && g_str_has_prefix (target, real) &&
              (target[strlen (real)] == '\0' || g_str_equal (target + strlen (real), "-wal") ||
               g_str_equal (target + strlen (real), "-shm")))
            {
              g_autofree char *comm_path = g_build_filename ("/proc", pid, "comm", NULL);
              g_autofree char *comm = NULL;

              if (g_file_get_contents (comm_path, &comm, NULL, NULL))
                return g_strdup (g_strstrip (comm));
              return g_strdup_printf ("%s", pid);
            }
        }
    }
  return NULL;
}

/**
 * tx_backup_check_not_in_use:
 *
 * Whether another program has the store open; call it when this process
 * has no connection to it.
 *
 * Returns: %FALSE with @error naming the program to close
 */
gboolean
tx_backup_check_not_in_use (const char  *store_path,
                            GError     **error)
{
  g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);
  g_autofree char *program = NULL;
  const char *who;

  if (!held_elsewhere (store_path, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE) &&
      !held_elsewhere (shm, SQLITE_SHM_DMS, 1))
    return TRUE;
  program = program_holding (store_path);
  if (g_strcmp0 (program, "tongxing") == 0)
    who = _("the Tongxing window");
  else if (program)
    who = program;
  else
    who = _("another Tongxing window or tongxing-cli");
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
               _("%s is open in another program (%s). Close it, then restore again; nothing was changed."),
               store_path, who);
  return FALSE;
}

static gboolean
audit_restore (TxStore            *store,
               const TxBackupInfo *from,
               const TxBackupInfo *before,
               GError            **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *name = g_path_get_basename (from->path);

  json_object_set_string_member (detail, "backup", name);
  json_object_set_string_member (detail, "created", from->created);
  if (before)
    {
      g_autofree char *kept = g_path_get_basename (before->path);
      json_object_set_string_member (detail, "kept", kept);
    }
  if (!tx_store_begin (store, error))
    return FALSE;
  if (!tx_store_audit (store, "backup.restore", NULL, detail, error) || !tx_store_commit (store, error))
    {
      tx_store_rollback_to (store, 0);
      return FALSE;
    }
  return TRUE;
}

static void
remove_beside (const char *store_path,
               const char *suffix)
{
  g_autofree char *path = g_strconcat (store_path, suffix, NULL);

  g_unlink (path);
}

/* The backup's files beside the store, then renamed over it */
static gboolean
put_in_place (const char          *store_path,
              const TxBackupInfo  *from,
              GError             **error)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *keys = tx_keyring_path_for (store_path);
  g_autofree char *keys_from = tx_keyring_path_for (from->store_file);
  g_autofree char *tmp_store = g_strconcat (store_path, ".restoring", NULL);
  g_autofree char *tmp_keys = g_strconcat (keys, ".restoring", NULL);
  int err;

  g_unlink (tmp_store);
  g_unlink (tmp_keys);
  if ((err = tx_backup_copy_file (from->store_file, tmp_store)) != 0 ||
      (err = tx_backup_copy_file (keys_from, tmp_keys)) != 0)
    {
      g_autofree char *size = g_format_size (from->size);

      g_unlink (tmp_store);
      g_unlink (tmp_keys);
      if (err == ENOSPC || err == EDQUOT)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL,
                     _("The disk holding %s is full: restoring needs about %s free there. Free some space "
                       "and restore again; the store is as it was."), dir, size);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                     _("The backup could not be copied to %s (%s). Check the disk and restore again; the "
                       "store is as it was."), dir, g_strerror (err));
      return FALSE;
    }
  /* nobody has the store open: its log is no longer the store's */
  remove_beside (store_path, "-wal");
  remove_beside (store_path, "-shm");
  remove_beside (store_path, "-journal");
  if (g_rename (tmp_keys, keys) != 0 || g_rename (tmp_store, store_path) != 0)
    {
      int saved = errno;

      g_unlink (tmp_store);
      g_unlink (tmp_keys);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("The backup could not be put in the place of %s (%s). Check that the folder is "
                     "writable and restore again."), store_path, g_strerror (saved));
      return FALSE;
    }
  tx_backup_sync_path (dir);
  return TRUE;
}

/* A restored store that failed its check gives its place back: the store
 * as it was, from its backup made first (copied and renamed, as a
 * restore), or the damaged one set aside (renamed back) */
static gboolean
put_back (const char         *store_path,
          const TxBackupInfo *before,
          const char         *aside)
{
  g_autoptr(GError) error = NULL;
  const char *const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autofree char *keys = tx_keyring_path_for (store_path);
  g_autofree char *keys_aside = aside ? tx_keyring_path_for (aside) : NULL;
  g_autofree char *dir = g_path_get_dirname (store_path);

  if (before)
    {
      if (put_in_place (store_path, before, &error))
        return TRUE;
      g_debug ("the store as it was could not be put back: %s", error->message);
      return FALSE;
    }
  if (aside == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (aside, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (store_path, suffixes[i], NULL);

      g_unlink (to);
      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  if ((g_file_test (keys_aside, G_FILE_TEST_EXISTS) && g_rename (keys_aside, keys) != 0) ||
      g_rename (aside, store_path) != 0)
    return FALSE;
  tx_backup_sync_path (dir);
  return TRUE;
}

/* A new PC: nothing in the store's place (no store, or an empty file, and
 * no key file), so nothing can be lost and nobody need be logged in */
static gboolean
place_is_empty (const char *store_path)
{
  GStatBuf st;

  if (tx_keyring_exists (store_path))
    return FALSE;
  return g_stat (store_path, &st) != 0 || st.st_size == 0;
}

/* What can be checked of a backup without its key: its manifest and files,
 * the copy's size as the manifest says, an encrypted store, a key file
 * that reads. Its pages are checked when somebody logs in to it. */
static gboolean
check_without_key (const TxBackupInfo  *from,
                   GError             **error)
{
  g_autoptr(TxKeyring) keyring = NULL;
  g_autoptr(GError) local = NULL;
  const char *problem = NULL;
  GStatBuf st;

  if (from->unusable)
    problem = from->unusable;
  else if (g_stat (from->store_file, &st) != 0 || (from->size > 0 && st.st_size != from->size))
    problem = _("its database is not the size its manifest says");
  else if (tx_store_probe_file (from->store_file, NULL) != TX_STORE_FILE_ENCRYPTED)
    problem = _("its database is not a Tongxing database");
  else if (!(keyring = tx_keyring_load (from->store_file, &local)))
    problem = _("its key file cannot be read");
  if (problem == NULL)
    return TRUE;
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
               _("%s cannot be restored: %s. Choose a backup’s folder (named by its date, as 2026-11-30_101500, in "
                 "tongxing.db.backups); nothing was changed."), from->path, problem);
  return FALSE;
}

/* A new PC: the data folder may not be there yet (as the store's opening
 * makes it) */
static gboolean
make_folder (const char  *store_path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  int saved;

  if (g_mkdir_with_parents (dir, 0700) == 0)
    return TRUE;
  saved = errno;
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
               _("The folder %s cannot be created (%s). Choose another place for the database."), dir,
               g_strerror (saved));
  return FALSE;
}

/* The backup put in an empty place, its data folder made first */
static gboolean
restore_into_empty (const char          *store_path,
                    const TxBackupInfo  *from,
                    GError             **error)
{
  if (!check_without_key (from, error) || !make_folder (store_path, error))
    return FALSE;
  if (!tx_backup_check_not_in_use (store_path, error) || !put_in_place (store_path, from, error))
    return FALSE;
  g_debug ("a backup was restored into an empty place");
  return TRUE;
}

/**
 * tx_backup_restore:
 * @store_path: the store; this process must have closed its connections
 *   to it (the window its views' and workers')
 * @path: a backup's folder, or the store file in it
 * @kept: (out) (optional) (transfer full): the backup of the store as it
 *   was, made first; %NULL if the store would not open (it is then moved
 *   aside, see tx_backup_set_aside())
 *
 * Puts the backup in the store's place (see the top of the file), for a
 * supervisor or a county officer logged in to the store (or, when the
 * store would not open, to the backup's own store file). On a new PC,
 * where the store's place is empty (no store, no key file), nobody need
 * be logged in: the data folder is made, the backup checked as far as it
 * can be without its key (see check_without_key()) and put in place; the
 * people of the backup then log in to it.
 */
gboolean
tx_backup_restore (const char     *store_path,
                   const char     *path,
                   TxBackupInfo  **kept,
                   GCancellable   *cancellable,
                   GError        **error)
{
  return tx_backup_restore_full (store_path, path, kept, NULL, cancellable, error);
}

/**
 * tx_backup_restore_full:
 * @aside: (out) (optional) (transfer full): where a store that would not
 *   open was set aside (see tx_backup_set_aside()), or %NULL
 *
 * tx_backup_restore(), saying where a damaged store went.
 */
gboolean
tx_backup_restore_full (const char     *store_path,
                        const char     *path,
                        TxBackupInfo  **kept,
                        char          **aside_out,
                        GCancellable   *cancellable,
                        GError        **error)
{
  g_autoptr(TxBackupInfo) from = NULL, before = NULL;
  g_autoptr(TxStore) store = NULL, restored = NULL;
  g_autoptr(GError) open_error = NULL, local = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *aside = NULL;
  TxSession *session = tx_session_lookup (store_path);
  sqlite3 *db;

  if (!(from = tx_backup_read (path, error)))
    return FALSE;
  if (session == NULL && from->store_file)
    session = tx_session_lookup (from->store_file);
  /* a new PC: nothing there to keep or check against; the backup's people
   * log in to it afterwards */
  if (session == NULL && place_is_empty (store_path))
    return restore_into_empty (store_path, from, error);
  if (session == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_LOCKED,
                   _("%s is protected: log in with your name and password first."), store_path);
      return FALSE;
    }
  if (!tx_backup_check_not_in_use (store_path, error))
    return FALSE;

  store = g_file_test (store_path, G_FILE_TEST_EXISTS) ? tx_store_open (store_path, &open_error) : NULL;
  if (store)
    {
      if (!tx_store_require (store, TX_PERMISSION_SETTINGS, error) ||
          !tx_backup_verify (store, path, NULL, error))
        return FALSE;
      before = tx_backup_make (store, NULL, TX_BACKUP_BEFORE_RESTORE, NULL, NULL, cancellable, &open_error);
      g_clear_object (&store);
      /* a store that opens but whose pages are damaged is set aside below */
      if (before == NULL && !g_error_matches (open_error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT))
        {
          g_propagate_error (error, g_steal_pointer (&open_error));
          return FALSE;
        }
    }
  if (before == NULL && open_error && open_error->domain == TX_STORE_ERROR &&
      (open_error->code == TX_STORE_ERROR_LOCKED || open_error->code == TX_STORE_ERROR_ACCOUNT ||
       open_error->code == TX_STORE_ERROR_NOT_PROTECTED || open_error->code == TX_STORE_ERROR_TOO_NEW))
    {
      /* not damage: the person, or a newer program */
      g_propagate_error (error, g_steal_pointer (&open_error));
      return FALSE;
    }
  if (before == NULL)
    {
      /* damaged or missing: kept aside, never removed */
      if (!tx_backup_verify_with (session, path, NULL, error))
        return FALSE;
      if (g_file_test (store_path, G_FILE_TEST_EXISTS) && !(aside = tx_backup_set_aside (store_path, error)))
        return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!make_folder (store_path, error) || !tx_backup_check_not_in_use (store_path, error) ||
      !put_in_place (store_path, from, error))
    return FALSE;

  /* the result: whole, and opened with the key */
  if ((db = tx_backup_open_copy (store_path, session, &local)))
    {
      problem = tx_backup_integrity_problem (db);
      sqlite3_close_v2 (db);
    }
  else
    {
      g_debug ("the restored store does not open: %s", local->message);
      g_clear_error (&local);
      problem = g_strdup (_("unreadable"));
    }
  if (problem && put_back (store_path, before, aside))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The restored store %s did not pass its check (%s): a disk error or a damaged "
                     "backup. The store as it was is back in its place. Have the disk checked and "
                     "restore another backup."), store_path, problem);
      return FALSE;
    }
  if (problem)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The restored store %s did not pass its check (%s): a disk error or a damaged "
                     "backup. Have the disk checked and restore another backup; the store as it was is "
                     "kept in %s."), store_path, problem,
                   before ? before->path : _("the backup folder"));
      return FALSE;
    }
  /* the trail says so, when the person has an account in the backup */
  restored = tx_store_open (store_path, &local);
  if (restored == NULL || !audit_restore (restored, from, before, &local))
    g_debug ("the restore is not in the restored store's audit trail (the person has no account there)");
  g_debug ("a backup was restored");
  if (kept)
    *kept = g_steal_pointer (&before);
  if (aside_out)
    *aside_out = g_steal_pointer (&aside);
  return TRUE;
}

/**
 * tx_backup_diagnose:
 * @detail: (out) (optional) (transfer full): what SQLite said
 *
 * What is wrong with a store that would not open or failed its check. The
 * integrity is checked only with a session (the store's key); without one,
 * a store whose key file is there comes back as sound.
 */
TxBackupStoreState
tx_backup_diagnose (const char  *store_path,
                    char       **detail)
{
  g_autofree char *keys = tx_keyring_path_for (store_path);
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  TxSession *session = tx_session_lookup (store_path);
  TxStoreFileKind kind;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *result = NULL;
  int rc;

  if (detail)
    *detail = NULL;
  if (!g_file_test (store_path, G_FILE_TEST_EXISTS))
    return TX_BACKUP_STORE_MISSING;
  kind = tx_store_probe_file (store_path, &error);
  if (kind == TX_STORE_FILE_UNREADABLE)
    {
      if (detail)
        *detail = g_strdup (error->message);
      return TX_BACKUP_STORE_NOT_A_STORE;
    }
  if (kind == TX_STORE_FILE_ENCRYPTED && !g_file_test (keys, G_FILE_TEST_EXISTS))
    return TX_BACKUP_STORE_KEYS_MISSING;
  if (session == NULL || kind != TX_STORE_FILE_ENCRYPTED)
    return TX_BACKUP_STORE_SOUND;

  rc = sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = tx_store_key_connection (db, session);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_OK;
    }
  if (detail)
    *detail = g_strdup (result ? result : db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  if ((rc & 0xff) == SQLITE_NOTADB)
    return TX_BACKUP_STORE_NOT_A_STORE;
  if (rc == SQLITE_OK && g_strcmp0 (result, "ok") == 0)
    return TX_BACKUP_STORE_SOUND;
  /* a log's shared memory without its log: the log went after a crash */
  if (g_file_test (shm, G_FILE_TEST_EXISTS) && !g_file_test (wal, G_FILE_TEST_EXISTS))
    return TX_BACKUP_STORE_LOG_MISSING;
  return TX_BACKUP_STORE_DAMAGED;
}

/**
 * tx_backup_set_aside:
 *
 * Renames a damaged store, with its log, shared memory and key file, to
 * "DB.damaged-YYYYMMDD-HHMMSS" (and "-wal", "-shm", ".keys"), so that a
 * backup can take its place and nothing is lost.
 *
 * Returns: (transfer full) (nullable): the new name of the store file
 */
char *
tx_backup_set_aside (const char  *store_path,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strconcat (store_path, ".damaged-", stamp, NULL);
  g_autofree char *keys = tx_keyring_path_for (store_path);
  g_autofree char *keys_aside = tx_keyring_path_for (aside);
  const char *const suffixes[] = { "-wal", "-shm", "-journal" };

  if (g_rename (store_path, aside) != 0)
    {
      int saved = errno;
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s could not be moved aside (%s). Check that its folder is writable."),
                   store_path, g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (store_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }
  if (g_file_test (keys, G_FILE_TEST_EXISTS))
    g_rename (keys, keys_aside);
  {
    g_autofree char *dir = g_path_get_dirname (store_path);
    tx_backup_sync_path (dir);
  }
  return g_steal_pointer (&aside);
}

/**
 * tx_backup_newest_good:
 * @folders: (nullable) (array zero-terminated=1): where to look; %NULL:
 *   the folder beside the store
 *
 * The newest usable backup (its check passed when it was made), to offer
 * when the store is damaged: its date and counts say what would be lost.
 *
 * Returns: (transfer full) (nullable)
 */
TxBackupInfo *
tx_backup_newest_good (const char         *store_path,
                       const char *const  *folders)
{
  g_autofree char *folder = tx_backup_default_folder (store_path);
  const char *const beside[] = { folder, NULL };
  g_autoptr(GPtrArray) list = tx_backup_list_folders (folders ? folders : beside);

  for (guint i = 0; i < list->len; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (list, i);

      if (info->unusable == NULL && info->verified)
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

/* Whether @path's log went: its shared memory is there without it, and no
 * program has the store open. A clean close removes both; a crash leaves
 * both. -wal is checked first: while this process has the store open it
 * exists, and tx_backup_check_not_in_use() must not run then. */
static gboolean
log_went (const char *store_path)
{
  g_autofree char *wal = g_strconcat (store_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (store_path, "-shm", NULL);

  return g_file_test (shm, G_FILE_TEST_EXISTS) && !g_file_test (wal, G_FILE_TEST_EXISTS) &&
         tx_backup_check_not_in_use (store_path, NULL);
}

/**
 * tx_backup_diagnose_quick:
 * @detail: (out) (optional) (transfer full): what SQLite said
 *
 * The checks a window's start can afford, in milliseconds at any size:
 * the file's header (a store, or bytes SQLite cannot read) and its key
 * file; and, when somebody is logged in to the store (its key is in the
 * session), that its first page opens with the key. Damage further in is
 * for tx_backup_diagnose()'s integrity_check, which reads every page (see
 * docs/backups.md); it runs here only when the log went after a crash
 * (rare, and a lost log is damage only if the store is not whole).
 */
TxBackupStoreState
tx_backup_diagnose_quick (const char  *store_path,
                          char       **detail)
{
  g_autofree char *keys = tx_keyring_path_for (store_path);
  g_autoptr(GError) error = NULL;
  TxSession *session = tx_session_lookup (store_path);
  TxStoreFileKind kind;
  sqlite3 *db = NULL;
  int rc;

  if (detail)
    *detail = NULL;
  kind = tx_store_probe_file (store_path, &error);
  if (kind == TX_STORE_FILE_MISSING)
    return TX_BACKUP_STORE_MISSING;
  if (kind == TX_STORE_FILE_UNREADABLE)
    {
      if (detail)
        *detail = g_strdup (error->message);
      return TX_BACKUP_STORE_NOT_A_STORE;
    }
  if (kind != TX_STORE_FILE_ENCRYPTED)
    return TX_BACKUP_STORE_SOUND;
  if (!g_file_test (keys, G_FILE_TEST_EXISTS))
    return TX_BACKUP_STORE_KEYS_MISSING;
  if (session == NULL)
    return TX_BACKUP_STORE_SOUND;
  if (log_went (store_path))
    return tx_backup_diagnose (store_path, detail);

  rc = sqlite3_open_v2 (store_path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = tx_store_key_connection (db, session);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (detail && rc != SQLITE_OK)
    *detail = g_strdup (db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_close_v2 (db);
  if ((rc & 0xff) == SQLITE_NOTADB)
    return TX_BACKUP_STORE_NOT_A_STORE;
  if ((rc & 0xff) == SQLITE_CORRUPT)
    return TX_BACKUP_STORE_DAMAGED;
  /* busy, or a read the disk failed: not the store's damage */
  return TX_BACKUP_STORE_SOUND;
}

/**
 * tx_backup_find_set_aside:
 *
 * The newest store tx_backup_set_aside() moved away from @store_path, for
 * a start that finds no store where one was damaged.
 *
 * Returns: (transfer full) (nullable): its path
 */
char *
tx_backup_find_set_aside (const char *store_path)
{
  g_autofree char *dir = g_path_get_dirname (store_path);
  g_autofree char *base = g_path_get_basename (store_path);
  g_autofree char *prefix = g_strconcat (base, ".damaged-", NULL);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autofree char *newest = NULL;
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      const char *stamp = name + strlen (prefix);

      /* DB.damaged-YYYYMMDD-HHMMSS, not its -wal, -shm or .keys */
      if (!g_str_has_prefix (name, prefix) || strlen (stamp) != 15 || stamp[8] != '-')
        continue;
      if (newest == NULL || strcmp (name, newest) > 0)
        {
          g_free (newest);
          newest = g_strdup (name);
        }
    }
  return newest ? g_build_filename (dir, newest, NULL) : NULL;
}

/**
 * tx_backup_restore_damaged:
 * @store_path: where the store was; it is not there (set aside, see
 *   tx_backup_set_aside(), or gone)
 * @path: a backup's folder, or the store file in it
 *
 * Puts a backup in the place of a store that is gone, without a login
 * (the damaged store's key may be what was lost): the backup must be
 * whole by its manifest (its check passed when it was made, its copy the
 * size the manifest says). Its key file comes with it; the person logs in
 * to the restored store next, and the window checks it whole then.
 */
gboolean
tx_backup_restore_damaged (const char  *store_path,
                           const char  *path,
                           GError     **error)
{
  g_autoptr(TxBackupInfo) from = tx_backup_read (path, error);
  GStatBuf st;

  if (from == NULL)
    return FALSE;
  if (from->unusable || !from->verified || g_stat (from->store_file, &st) != 0 || st.st_size != from->size)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The backup %s is not whole. Choose another backup."), from->path);
      return FALSE;
    }
  if (g_file_test (store_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s is there again: another program put a file in its place. Close other "
                     "programs, then start Tongxing again; nothing was changed."), store_path);
      return FALSE;
    }
  if (!tx_backup_check_not_in_use (store_path, error))
    return FALSE;
  if (!put_in_place (store_path, from, error))
    return FALSE;
  g_debug ("a backup was restored in the place of a damaged store");
  return TRUE;
}
