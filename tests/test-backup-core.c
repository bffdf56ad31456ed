/* test-backup-core.c — a backup's progress and cancelling, when one is due, a store found damaged
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's side of the backups (tests/test-backup.py has the command
 * line's): the progress reaches 1, a cancelled backup leaves nothing, a
 * backup is due after a change and the interval, the status line's
 * "stale"; a damaged store, a missing key file and a file that is not a
 * store are told apart, set aside, and the newest good backup restored.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "tx-test-login.h"
#include "tx-test-util.h"

static void
progress_cb (double   fraction,
             gpointer data)
{
  double *last = data;

  g_assert_cmpfloat (fraction, >=, *last);
  *last = fraction;
}

static guint
entries (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  while (dir && g_dir_read_name (dir))
    n++;
  return n;
}

static void
add_child (TxStore    *store,
           const char *name)
{
  g_autoptr(TxRecord) r = tx_record_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  tx_record_set_key (r, "name", name);
  id = tx_store_child_add (store, r, TRUE, NULL, &error);
  g_assert_no_error (error);
}

static void
test_progress_cancel_due (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("backup-due.db");
  g_autofree char *folder = tx_backup_default_folder (tx_store_get_path (store));
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) info = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autoptr(GDateTime) week = g_date_time_add_days (now, 8);
  TxBackupAttempt attempt = { 0 };
  gboolean stale = FALSE;
  double last = 0;

  add_child (store, "甲");
  g_assert_true (tx_backup_is_due (store, now, 0, &stale));
  g_assert_true (stale);

  /* cancelled: nothing left, and not a failure for the status line */
  g_cancellable_cancel (cancel);
  g_assert_null (tx_backup_make (store, NULL, TX_BACKUP_AUTOMATIC, NULL, NULL, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (entries (folder), ==, 0);

  info = tx_backup_make (store, NULL, TX_BACKUP_AUTOMATIC, progress_cb, &last, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
  g_assert_true (info->verified);
  g_assert_true (info->automatic);
  g_assert_cmpint (info->children, ==, 1);
  tx_backup_get_last_attempt (store, &attempt);
  g_assert_nonnull (attempt.at);
  g_assert_true (attempt.ok);
  tx_backup_attempt_clear (&attempt);

  /* nothing changed since: not due, however long after */
  g_assert_false (tx_backup_is_due (store, later, 0, &stale));
  g_assert_false (stale);
  g_assert_false (tx_backup_is_due (store, week, 0, &stale));
  g_assert_true (stale);   /* but a week old for the status line */

  /* a change: due once the hour is over */
  add_child (store, "乙");
  g_assert_false (tx_backup_is_due (store, now, 0, NULL));
  g_assert_true (tx_backup_is_due (store, later, 0, NULL));
  g_assert_false (tx_backup_is_due (store, later, 3 * G_TIME_SPAN_HOUR, NULL));
}

static void
flip_bytes (const char *path,
            gsize       at)
{
  g_autofree char *data = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (at + 256, <, len);
  for (gsize i = at; i < at + 256; i++)
    data[i] ^= 0x5a;
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static void
test_damaged_store (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("backup-damaged.db");
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autofree char *keys = tx_keyring_path_for (path);
  g_autofree char *keys_away = g_strconcat (keys, ".away", NULL);
  g_autofree char *detail = NULL, *aside = NULL, *aside_keys = NULL;
  g_autoptr(TxBackupInfo) made = NULL, good = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  add_child (store, "甲");
  add_child (store, "乙");
  made = tx_backup_make (store, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  add_child (store, "丙");
  g_assert_cmpint (tx_backup_diagnose (path, NULL), ==, TX_BACKUP_STORE_SOUND);
  g_clear_object (&store);

  /* the key file gone */
  g_assert_cmpint (g_rename (keys, keys_away), ==, 0);
  g_assert_cmpint (tx_backup_diagnose (path, NULL), ==, TX_BACKUP_STORE_KEYS_MISSING);
  g_assert_cmpint (g_rename (keys_away, keys), ==, 0);

  /* bytes flipped in the middle: damaged, and what SQLite said */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  flip_bytes (path, st.st_size / 2);
  g_assert_cmpint (tx_backup_diagnose (path, &detail), ==, TX_BACKUP_STORE_DAMAGED);
  g_assert_nonnull (detail);
  /* the first page: not readable as a store with its key */
  flip_bytes (path, 100);
  g_assert_cmpint (tx_backup_diagnose (path, NULL), ==, TX_BACKUP_STORE_NOT_A_STORE);

  /* set aside with its key file; the newest good backup offered */
  aside = tx_backup_set_aside (path, &error);
  g_assert_no_error (error);
  g_assert_true (strstr (aside, ".damaged-") != NULL);
  aside_keys = tx_keyring_path_for (aside);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside_keys, G_FILE_TEST_EXISTS));
  g_assert_cmpint (tx_backup_diagnose (path, NULL), ==, TX_BACKUP_STORE_MISSING);
  good = tx_backup_newest_good (path, NULL);
  g_assert_nonnull (good);
  g_assert_cmpstr (good->path, ==, made->path);
  g_assert_cmpint (good->children, ==, 2);

  /* and restored in its place: the store opens with the two children */
  g_assert_true (tx_backup_restore (path, good->path, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_backup_diagnose (path, NULL), ==, TX_BACKUP_STORE_SOUND);
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_ALL }, NULL),
                   ==, 2);
}

typedef struct
{
  GThread      *main_thread;
  double        last;
  guint         steps;
  TxBackupInfo *info;
  gboolean      restored;
  TxBackupInfo *kept;
  GError       *error;
  gboolean      done;
} Async;

static void
async_progress (double   fraction,
                gpointer data)
{
  Async *a = data;

  /* handed to the main context, in order */
  g_assert_true (g_thread_self () == a->main_thread);
  g_assert_cmpfloat (fraction, >=, a->last);
  a->last = fraction;
  a->steps++;
}

static void
made_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Async *a = data;

  a->info = tx_backup_make_finish (result, &a->error);
  a->done = TRUE;
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Async *a = data;

  a->restored = tx_backup_restore_finish (result, &a->kept, &a->error);
  a->done = TRUE;
}

static void
test_async (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("backup-async.db");
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autoptr(GError) error = NULL;
  Async a = { .main_thread = g_thread_self () };

  add_child (store, "甲");
  tx_backup_make_async (path, NULL, TX_BACKUP_AUTOMATIC, async_progress, &a, NULL, made_cb, &a);
  while (!a.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (a.error);
  g_assert_nonnull (a.info);
  /* the progress before the result */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpfloat (a.last, ==, 1.0);
  g_assert_cmpuint (a.steps, >=, 1);
  g_assert_cmpint (a.info->children, ==, 1);

  add_child (store, "乙");
  /* the window closes its connections first */
  g_clear_object (&store);
  a.done = FALSE;
  tx_backup_restore_async (path, a.info->path, NULL, restored_cb, &a);
  while (!a.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (a.error);
  g_assert_true (a.restored);
  g_assert_nonnull (a.kept);
  g_assert_true (a.kept->before_restore);
  g_assert_cmpint (a.kept->children, ==, 2);
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_ALL }, NULL),
                   ==, 1);
  tx_backup_info_free (a.info);
  tx_backup_info_free (a.kept);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GPtrArray **out = data;

  *out = tx_backup_list_finish (result, NULL);
}

/* Several places in turn on one thread: the first's backup is the result,
 * a failure in any is the error (the others are still made), the progress
 * of the whole goes up to 1; the list read on a thread is the list */
static void
test_async_each (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("backup-each.db");
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autofree char *first = g_strconcat (path, ".first", NULL);
  g_autofree char *second = g_strconcat (path, ".second", NULL);
  const char *both[] = { first, second, NULL };
  const char *one_bad[] = { "/proc/tongxing-no-such-place", first, NULL };
  g_autoptr(GPtrArray) in_second = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GError) error = NULL;
  Async a = { .main_thread = g_thread_self () };

  add_child (store, "甲");
  tx_backup_make_each_async (path, both, TX_BACKUP_MANUAL, async_progress, &a, NULL, made_cb, &a);
  while (!a.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (a.error);
  g_assert_nonnull (a.info);
  g_assert_true (g_str_has_prefix (a.info->path, first));
  g_assert_cmpfloat (a.last, ==, 1.0);
  in_second = tx_backup_list (store, (const char *const[]) { second, NULL }, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (in_second->len, ==, 1);
  g_assert_true (((TxBackupInfo *) in_second->pdata[0])->verified);
  g_clear_pointer (&a.info, tx_backup_info_free);

  /* the first place fails: the error names it, the next one is made */
  a = (Async) { .main_thread = g_thread_self () };
  tx_backup_make_each_async (path, one_bad, TX_BACKUP_MANUAL, NULL, NULL, NULL, made_cb, &a);
  while (!a.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (a.error);
  g_assert_nonnull (strstr (a.error->message, "/proc/tongxing-no-such-place"));
  g_assert_null (a.info);
  g_clear_error (&a.error);

  tx_backup_list_async (path, both, NULL, listed_cb, &listed);
  while (listed == NULL)
    g_main_context_iteration (NULL, TRUE);
  expected = tx_backup_list (store, both, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  g_assert_cmpuint (listed->len, ==, expected->len);
  for (guint i = 0; i < listed->len; i++)
    g_assert_cmpstr (((TxBackupInfo *) listed->pdata[i])->path, ==, ((TxBackupInfo *) expected->pdata[i])->path);
}

/* A new PC: nothing in the store's place, nobody logged in; the backup is
 * checked without its key and put in place, the data folder made. Into a
 * place that holds a store, nobody logged in is still refused. */
static void
test_new_pc (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("backup-old-pc.db");
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *fresh = g_build_filename (dir, "new-pc", "data", "tongxing.db", NULL);
  g_autofree char *bad = NULL, *bad_keys = NULL;
  g_autoptr(TxBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  add_child (store, "甲");
  info = tx_backup_make (store, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  tx_session_end (tx_session_lookup (path));

  /* a store there: a login first */
  g_assert_false (tx_backup_restore (path, info->path, NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* a key file that does not read: nothing made */
  bad = g_build_filename (dir, "bad-backup", NULL);
  g_assert_cmpint (g_mkdir (bad, 0700), ==, 0);
  for (const char *const *f = (const char *const[]) { "manifest.json", "backup-old-pc.db", NULL }; *f; f++)
    {
      g_autofree char *from = g_build_filename (info->path, *f, NULL);
      g_autofree char *to = g_build_filename (bad, *f, NULL);
      g_autofree char *bytes = NULL;
      gsize n;

      g_assert_true (g_file_get_contents (from, &bytes, &n, NULL));
      g_assert_true (g_file_set_contents (to, bytes, n, NULL));
    }
  bad_keys = g_build_filename (bad, "backup-old-pc.db.keys", NULL);
  g_assert_true (g_file_set_contents (bad_keys, "{ not json", -1, NULL));
  g_assert_false (tx_backup_restore (fresh, bad, NULL, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT);
  g_test_message ("%s", error->message);
  g_clear_error (&error);
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));

  /* the sound one, by its store file: in place, the folder made */
  g_assert_true (tx_backup_restore (fresh, info->store_file, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_keyring_exists (fresh));
  store = tx_test_open (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_child_count (store, &(TxChildQuery) { .register_filter = TX_REGISTER_FILTER_ALL }, NULL),
                   ==, 1);
}

int
main (int argc, char **argv)
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/backup/progress-cancel-due", test_progress_cancel_due);
  g_test_add_func ("/backup/damaged-store", test_damaged_store);
  g_test_add_func ("/backup/async", test_async);
  g_test_add_func ("/backup/async-each", test_async_each);
  g_test_add_func ("/backup/new-pc", test_new_pc);
  return g_test_run ();
}
