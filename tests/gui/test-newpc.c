/* test-newpc.c — a new PC set up from a backup in the window: the setup's
 * Restore From a Backup… (a folder that is not a backup and a damaged
 * backup said on the setup screen, nothing made; the backup's store file
 * restored, its login saying which backup, its people logging in), and a
 * backup's store file opened with --db refused before any login, offering
 * the restore; driven through the real window under Xvfb (in English, and
 * in Chinese as test-gui-zh-newpc)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-gui-test-util.h"
#include "tx-login-view.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"
#include "tx-window-fields.h"
#include "../tx-test-login.h"

/* The old PC: a station with children, backed up; nobody logged in */
static TxBackupInfo *
old_pc_backup (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, "tongxing.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (path);
  TxBackupInfo *backup;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", "南岭街道工作站", &error));
  g_assert_true (tx_demo_generate (store, 5, 2, NULL, NULL, &error));
  backup = tx_backup_make (store, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (backup->children, >, 0);
  g_clear_object (&store);
  tx_session_end (tx_session_lookup (path));
  return backup;
}

static char *chosen;

static char *
choose_cb (TxSetupView *setup,
           gpointer     data)
{
  return g_strdup (chosen);
}

static gboolean
not_restoring (gpointer setup)
{
  return !tx_setup_view_is_restoring (setup);
}

static gboolean
on_login (gpointer window)
{
  return g_strcmp0 (tx_window_get_page (window), "login") == 0;
}

static TxLoginView *
login_of (TxWindow *window)
{
  return TX_LOGIN_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOGIN_VIEW));
}

static gboolean
login_done (gpointer login)
{
  return !tx_login_view_is_busy (login);
}

/* The login says which backup, to the second; its people log in, and the
 * roster holds the backup's children */
static void
log_in_to_restored (TxWindow           *window,
                    const TxBackupInfo *backup)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (backup->created, NULL);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
  g_autofree char *password = tx_test_password ();
  TxLoginView *login = login_of (window);
  GtkWidget *notice = tx_login_view_get_widget (login, "notice_label");
  GtkWidget *row = tx_login_view_get_widget (login, "password_row");
  TxChildQuery roster = { 0 };
  const char *text;

  g_assert_true (tx_gui_wait_for (on_login, window, 60000));
  text = gtk_label_get_text (GTK_LABEL (notice));
  g_test_message ("%s", text);
  g_assert_true (gtk_widget_get_visible (notice));
  g_assert_nonnull (strstr (text, when));
  if (g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh"))
    g_assert_nonnull (strstr (text, "恢复密钥"));
  else
    g_assert_nonnull (strstr (text, "recovery key"));
  g_assert_true (tx_login_view_select (login, tx_test_user ()));
  gtk_editable_set_text (GTK_EDITABLE (row), password);
  gtk_widget_activate_default (row);
  tx_gui_wait (100);
  g_assert_true (tx_gui_wait_for (login_done, login, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &roster, NULL), ==, backup->children);
}

/* Chooses @folder and waits for the setup to say why it was not restored */
static void
refused (TxWindow    *window,
         TxSetupView *setup,
         const char  *folder,
         const char  *path,
         const char  *why)
{
  GtkWidget *label = tx_setup_view_get_error_label (setup);
  const char *text;

  g_free (chosen);
  chosen = g_strdup (folder);
  /* a button shows the press before it acts */
  gtk_widget_activate (tx_setup_view_get_restore_button (setup));
  tx_gui_wait (400);
  g_assert_true (tx_gui_wait_for (not_restoring, setup, 60000));
  text = gtk_label_get_text (GTK_LABEL (label));
  g_test_message ("%s (page %s)", text, tx_window_get_page (window));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (text, folder));
  g_assert_nonnull (strstr (text, why));
  /* nothing changed; the screen takes another try */
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (tx_keyring_exists (path));
  g_assert_true (gtk_widget_get_sensitive (tx_setup_view_get_restore_button (setup)));
}

static void
test_restore_on_setup (void)
{
  g_autoptr(TxBackupInfo) backup = old_pc_backup ("old-pc");
  /* a new PC: not even the data folder is there */
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "new-pc", "data", "tongxing.db", NULL);
  g_autofree char *empty = g_build_filename (g_get_user_data_dir (), "not-a-backup", NULL);
  g_autofree char *damaged = g_build_filename (g_get_user_data_dir (), "damaged-backup", NULL);
  g_autofree char *copy = NULL;
  g_autofree char *command = g_strdup_printf ("cp -a '%s' '%s'", backup->path, damaged);
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);
  TxSetupView *setup;

  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (20);
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  setup = TX_SETUP_VIEW (tx_window_get_setup_view (window));
  g_assert_true (gtk_widget_get_visible (tx_setup_view_get_restore_button (setup)));
  tx_setup_view_set_chooser_hook (setup, choose_cb, NULL);

  /* a folder that is not a backup */
  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  refused (window, setup, empty, path, "manifest.json");
  /* a backup whose copy lost its end on the way */
  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
  copy = g_build_filename (damaged, "tongxing.db", NULL);
  g_assert_cmpint (truncate (copy, backup->size / 2), ==, 0);
  refused (window, setup, damaged, path, _("its database is not the size its manifest says"));

  /* the backup's store file chosen: put in place, its data folder made */
  g_free (chosen);
  chosen = g_strdup (backup->store_file);
  gtk_widget_activate (tx_setup_view_get_restore_button (setup));
  log_in_to_restored (window, backup);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (tx_keyring_exists (path));
  g_clear_pointer (&chosen, g_free);
  tx_gui_close_window (window);
}

/* tongxing --db BACKUP/tongxing.db: refused before the login, the file
 * untouched; this PC has no store, so the restore is offered */
static void
test_backup_file_refused (void)
{
  g_autoptr(TxBackupInfo) backup = old_pc_backup ("stick");
  g_autofree char *store = tx_store_default_path ();
  g_autofree char *wal = g_strconcat (backup->store_file, "-wal", NULL);
  g_autofree char *before = NULL, *after = NULL;
  gsize n_before, n_after;
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);
  AdwStatusPage *page;
  GtkWidget *button;

  g_assert_true (g_file_get_contents (backup->store_file, &before, &n_before, NULL));
  g_assert_false (g_file_test (store, G_FILE_TEST_EXISTS));
  g_assert_false (tx_window_open_database (window, backup->store_file));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "error");
  page = window->error_page;
  g_test_message ("%s", adw_status_page_get_description (page));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, _("This Is a Backup"));
  g_assert_nonnull (strstr (adw_status_page_get_description (page), backup->store_file));
  g_assert_null (tx_session_lookup (backup->store_file));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  button = adw_status_page_get_child (page);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, _("_Restore This Backup"));
  gtk_widget_activate (button);
  log_in_to_restored (window, backup);
  g_assert_true (tx_keyring_exists (store));
  /* the backup as it was */
  g_assert_true (g_file_get_contents (backup->store_file, &after, &n_after, NULL));
  g_assert_cmpmem (before, n_before, after, n_after);
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/newpc/restore-on-setup", test_restore_on_setup);
  g_test_add_func ("/gui/newpc/backup-file-refused", test_backup_file_refused);
  return g_test_run ();
}
