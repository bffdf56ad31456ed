/* test-damage.c — a damaged store at the window's start: set aside, the
 * newest good backup offered in words, restored, the login saying so and
 * the roster holding the backup's rows; driven through the real window
 * under Xvfb (in English, and in Chinese as test-gui-zh-damage)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-gui-test-util.h"
#include "tx-backup-bar.h"
#include "tx-backup-task.h"
#include "tx-gui-util.h"
#include "tx-login-view.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

/* A store with a few children and a backup of it, then one child more
 * (the change the restore loses); nobody logged in */
static char *
make_store (const char    *name,
            TxBackupInfo **backup,
            char         **first_child)
{
  char *path = g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxRecord) later = tx_gui_fixture ();
  g_autoptr(TxBackupPreview) preview = NULL;
  g_autofree char *id = NULL;

  *first_child = NULL;
  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", "南岭街道工作站", &error));
  g_assert_true (tx_demo_generate (store, 4, 3, NULL, NULL, &error));
  *backup = tx_backup_make (store, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  preview = tx_backup_preview (store, (*backup)->path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->children->len, ==, 4);
  /* the backup counts the roster's children, on the register */
  {
    TxChildQuery roster = { 0 };
    g_assert_cmpint ((*backup)->children, ==, tx_store_child_count (store, &roster, NULL));
    g_assert_cmpint ((*backup)->children_total, ==, 4);
  }
  /* one on the register, as the roster lists them */
  for (guint i = 0; i < preview->children->len && *first_child == NULL; i++)
    {
      TxBackupChild *c = preview->children->pdata[i];

      if (g_strcmp0 (c->register_state, "active") == 0)
        *first_child = g_strdup (c->name);
    }
  g_assert_nonnull (*first_child);
  id = tx_store_child_add (store, later, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  tx_session_end (tx_session_lookup (path));
  return path;
}

/* Bytes in the middle of the first page changed, as a failing disk or a
 * copy made while the store was open leaves them */
static void
damage_first_page (const char *path)
{
  FILE *f = fopen (path, "r+b");
  char junk[512];

  memset (junk, 0x5a, sizeof junk);
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 1024, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, f), ==, sizeof junk);
  fclose (f);
}

static TxLoginView *
login_view_of (TxWindow *window)
{
  return TX_LOGIN_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOGIN_VIEW));
}

static gboolean
login_idle (gpointer view)
{
  return !tx_login_view_is_busy (view);
}

static gboolean
on_page (gpointer data)
{
  TxWindow *window = data;

  return g_strcmp0 (tx_window_get_page (window), "login") == 0;
}

static void
log_in (TxWindow *window)
{
  TxLoginView *login = login_view_of (window);
  g_autofree char *password = tx_test_password ();
  GtkWidget *row = tx_login_view_get_widget (login, "password_row");

  g_assert_true (tx_login_view_select (login, tx_test_user ()));
  gtk_editable_set_text (GTK_EDITABLE (row), password);
  gtk_widget_activate_default (row);
  tx_gui_wait (100);
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
}

/* The dialog's text: what is wrong, where the store went (@aside; %NULL:
 * its key file is missing and it stays where it is), the backup's date and
 * time to the second, as the restore list says it (tx_gui_backup_when()), what it holds and what
 * is lost */
static void
assert_offer (AdwMessageDialog   *dialog,
              const TxBackupInfo *backup,
              const char         *aside)
{
  const char *body = adw_message_dialog_get_body (dialog);
  g_autofree char *aside_name = aside ? g_path_get_basename (aside) : NULL;
  g_autofree char *when = tx_gui_backup_when (backup->created);
  g_autofree char *last = tx_gui_backup_when (backup->last_change ? backup->last_change : backup->created);
  int n = (int) backup->children;
  g_autofree char *children = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d child", "%d children", n), n);
  g_autofree char *zh = g_strdup_printf ("%d 名儿童", n);

  g_test_message ("%s", body);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==,
                   aside ? _("The Store Is Damaged") : _("The Key File Is Missing"));
  g_assert_true (aside_name == NULL || strstr (body, aside_name));
  /* the seconds: what the restore list names the backup by */
  g_assert_nonnull (strstr (when, ":"));
  g_assert_cmpuint (strlen (strrchr (when, ':')), ==, 3);
  g_assert_nonnull (strstr (body, when));
  g_assert_nonnull (strstr (body, last));
  g_assert_nonnull (strstr (body, children));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "quit"));
  /* a key file put back is the better fix */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, aside ? "restore" : "quit");
  if (g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh"))
    {
      g_assert_nonnull (strstr (body, "移到一旁"));
      g_assert_nonnull (strstr (body, zh));
    }
  else
    g_assert_nonnull (strstr (body, "changes made after"));
}

/* The first page damaged: the login, then the dialog; Restore This Backup
 * brings the login of the restored store, saying what happened, and the
 * roster of the backup */
static void
test_first_page (void)
{
  g_autoptr(TxBackupInfo) backup = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = make_store ("damage-page.db", &backup, &first);
  g_autofree char *aside = NULL;
  g_autofree char *notice = NULL;
  TxWindow *window;
  AdwMessageDialog *dialog;
  GtkWidget *label;

  damage_first_page (path);
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  /* nothing tells before the key is there: the login */
  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  log_in (window);

  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  aside = tx_backup_find_set_aside (path);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, path));
  assert_offer (dialog, backup, aside);
  g_assert_null (tx_session_lookup (path));
  tx_gui_screenshot (GTK_WIDGET (dialog), "damaged-store.png");

  tx_gui_respond (dialog, "restore");
  g_assert_true (tx_gui_wait_for (on_page, window, 60000));
  label = tx_login_view_get_widget (login_view_of (window), "notice_label");
  g_assert_true (gtk_widget_get_visible (label));
  notice = tx_window_restore_notice (backup, aside);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, notice);
  g_test_message ("%s", notice);
  /* the damaged store kept, with its key file */
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  {
    g_autofree char *keys = tx_keyring_path_for (aside);
    g_assert_true (g_file_test (keys, G_FILE_TEST_EXISTS));
  }

  log_in (window);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_true (tx_gui_roster_has (window, first));
  /* the child added after the backup is not in it */
  {
    g_autoptr(TxRecord) later = tx_gui_fixture ();
    g_assert_false (tx_gui_roster_has (window, tx_record_get_key (later, "name")));
  }
  tx_gui_close_window (window);
}

/* The key file gone: said before the login, in the window's front, as a
 * missing key file (not a damaged store: the store stays where it is, and
 * putting the key file back is the fix); Quit changes nothing and the next
 * start says the same; the backup restored without one (its own key file
 * comes with it), the store set aside only then */
static void
test_keys_missing (void)
{
  g_autoptr(TxBackupInfo) backup = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = make_store ("damage-keys.db", &backup, &first);
  g_autofree char *keys = tx_keyring_path_for (path);
  g_autofree char *aside = NULL;
  TxWindow *window;
  AdwMessageDialog *dialog;

  g_autofree char *keys_name = g_path_get_basename (keys);
  g_autofree char *digest = NULL;
  GtkWidget *label;

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (path, &bytes, &len, &error));
    digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
  }
  g_assert_cmpint (g_unlink (keys), ==, 0);
  for (guint start = 0; start < 2; start++)
    {
      g_autofree char *bytes = NULL;
      g_autofree char *now = NULL;
      gsize len;

      window = g_object_new (TX_TYPE_WINDOW, NULL);
      g_assert_false (tx_window_open_database (window, path));
      gtk_window_present (GTK_WINDOW (window));
      dialog = tx_gui_wait_dialog ();
      g_assert_nonnull (dialog);
      g_test_message ("%s", adw_message_dialog_get_body (dialog));
      /* in front of the window, which it belongs to */
      g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (dialog)));
      /* not set aside; the key file named, and what to do with it */
      g_assert_null (tx_backup_find_set_aside (path));
      g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
      now = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, len);
      g_assert_cmpstr (now, ==, digest);
      g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), keys_name));
      assert_offer (dialog, backup, NULL);
      if (!g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh"))
        g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "put it back beside the store"));
      if (start == 0)
        {
          /* Quit: everything as it was, and the next start says the same */
          tx_gui_respond (dialog, "quit");
          tx_gui_wait (100);
        }
    }
  tx_gui_respond (dialog, "restore");
  g_assert_true (tx_gui_wait_for (on_page, window, 60000));
  /* set aside now, with the restore */
  aside = tx_backup_find_set_aside (path);
  g_assert_nonnull (aside);
  label = tx_login_view_get_widget (login_view_of (window), "notice_label");
  g_test_message ("%s", gtk_label_get_text (GTK_LABEL (label)));
  {
    g_autofree char *aside_name = g_path_get_basename (aside);
    g_autofree char *when = tx_gui_backup_when (backup->created);

    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), aside_name));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), when));
  }
  log_in (window);
  tx_gui_wait_roster (window);
  g_assert_true (tx_gui_roster_has (window, first));
  tx_gui_close_window (window);
}

/* A backup's folder (files only) removed */
static void
remove_backup (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);
      g_assert_cmpint (g_unlink (file), ==, 0);
    }
  g_assert_cmpint (g_rmdir (folder), ==, 0);
}

/* No backup: said so, with what to do */
static void
test_no_backup (void)
{
  g_autoptr(TxBackupInfo) backup = NULL;
  g_autofree char *first = NULL;
  g_autofree char *path = make_store ("damage-none.db", &backup, &first);
  g_autofree char *keys = tx_keyring_path_for (path);
  TxWindow *window;
  AdwMessageDialog *dialog;

  remove_backup (backup->path);
  g_assert_cmpint (g_unlink (keys), ==, 0);
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_false (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "setup"));
  g_assert_true (strstr (adw_message_dialog_get_body (dialog), "county officer") ||
                 strstr (adw_message_dialog_get_body (dialog), "县级工作人员"));
  tx_gui_respond (dialog, "setup");
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
new_window_at_login (gpointer data)
{
  TxWindow *w = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));

  return w && w != data && g_strcmp0 (tx_window_get_page (w), "login") == 0;
}

/* Waits for the window's toast saying @text */
static gboolean
toast_shown (gpointer data)
{
  TxWindow *w = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));

  return w && tx_gui_find_text (GTK_WIDGET (w), data) != NULL;
}

/* A restore as Preferences → Backups makes it: the login, then a toast in
 * the window, say which backup and that the store as it was is kept */
static void
test_restore_told (void)
{
  TxWindow *window = tx_gui_new_window ("damage-told.db", 3);
  g_autofree char *path = g_strdup (tx_store_get_path (tx_window_get_store (window)));
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.tongxing.TestDamage", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  g_autofree char *notice = NULL;
  GtkWidget *label;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  gtk_window_set_application (GTK_WINDOW (window), app);
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);

    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  tx_window_restore_backup (window, made->path);
  g_assert_true (tx_gui_wait_for (new_window_at_login, window, 60000));
  window = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));
  notice = tx_window_restore_notice (made, NULL);
  g_test_message ("%s", notice);
  label = tx_login_view_get_widget (login_view_of (window), "notice_label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, notice);
  if (g_strcmp0 (g_getenv ("LANGUAGE"), "") == 0 || g_getenv ("LANGUAGE") == NULL)
    g_assert_nonnull (strstr (notice, "kept as a backup"));

  log_in (window);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_true (tx_gui_wait_for (toast_shown, notice, 5000));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
line_shown (TxBackupBar *bar)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_first_child (GTK_WIDGET (bar))));
}

static void
task_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **failed = data;
  g_autoptr(TxBackupInfo) info = tx_backup_task_finish (result, failed);

  g_assert_null (info);
}

static gboolean
task_over (gpointer data)
{
  return *(GError **) data != NULL;
}

/* A page of a table nobody reads but a backup (made for the test)
 * overwritten: the window opens the store, a backup of it fails */
static void
damage_a_page (const char *path,
               gint64      page)
{
  FILE *f = fopen (path, "r+b");
  char junk[1024];

  memset (junk, 0x5a, sizeof junk);
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, (page - 1) * 4096 + 512, SEEK_SET), ==, 0);
  g_assert_cmpuint (fwrite (junk, 1, sizeof junk, f), ==, sizeof junk);
  fclose (f);
}

/* A backup of a damaged store fails (Back Up Now on the Backups page):
 * the line at the foot of the window comes, in words without SQLite's
 * English and without the command line, naming the problem and the fix */
static void
test_backup_failed (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "damage-failed.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) good = NULL;
  g_autoptr(GAsyncResult) task = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  gint64 page;
  g_autoptr(GError) failed = NULL;
  TxWindow *window;
  TxBackupBar *bar;
  const char *text;

  {
    g_autoptr(TxStore) store = tx_test_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
    g_assert_true (tx_demo_generate (store, 40, 3, NULL, NULL, &error));
    good = tx_backup_make (store, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    db = tx_store_get_db (store);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE test_filler (x); "
                                       "INSERT INTO test_filler SELECT randomblob (3000) FROM "
                                       "(WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                                       "WHERE i < 20) SELECT i FROM n)", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM pragma_page_size) "
                                             "FROM sqlite_master WHERE name = 'test_filler'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    page = sqlite3_column_int64 (stmt, 0);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 4096);
    sqlite3_finalize (stmt);
  }
  damage_a_page (path, page);
  g_setenv ("TONGXING_AUTO_BACKUP", "1", TRUE);
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_true (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (200);
  bar = TX_BACKUP_BAR (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_BACKUP_BAR));
  /* a good backup of today: no line */
  g_assert_false (line_shown (bar));

  /* Back Up Now on the Backups page (its task): failed, and the line says so */
  task = tx_backup_task_run (path, NULL, TX_BACKUP_MANUAL, NULL, task_done_cb, &failed);
  g_assert_true (tx_gui_wait_for (task_over, &failed, 60000));
  g_test_message ("%s", failed->message);
  tx_gui_wait (100);
  g_assert_true (line_shown (bar));
  text = gtk_label_get_text (GTK_LABEL (tx_backup_bar_get_label (bar)));
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "tongxing-cli"));
  g_assert_null (strstr (text, "malformed"));
  g_assert_null (strstr (text, "database"));
  g_assert_null (strstr (text, "btree"));
  g_unsetenv ("TONGXING_AUTO_BACKUP");
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/damage/first-page", test_first_page);
  g_test_add_func ("/gui/damage/keys-missing", test_keys_missing);
  g_test_add_func ("/gui/damage/no-backup", test_no_backup);
  g_test_add_func ("/gui/damage/restore-told", test_restore_told);
  g_test_add_func ("/gui/damage/backup-failed", test_backup_failed);
  return g_test_run ();
}
