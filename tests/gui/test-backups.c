/* test-backups.c — Preferences → Backups, the status line and the
 * automatic backups, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tx-backup-bar.h"
#include "tx-backups-page.h"
#include "tx-gui-test-util.h"
#include "tx-preferences-window.h"
#include "tx-restore-dialog.h"
#include "../tx-test-login.h"

static gboolean
page_idle (gpointer data)
{
  return !tx_backups_page_is_busy (data);
}

static gboolean
bar_idle (gpointer data)
{
  return !tx_backup_bar_is_busy (data);
}

static TxBackupBar *
window_bar (TxWindow *window)
{
  return TX_BACKUP_BAR (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_BACKUP_BAR));
}

static gboolean
line_shown (TxBackupBar *bar)
{
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (bar));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static const char *
line_text (TxBackupBar *bar)
{
  return gtk_label_get_text (GTK_LABEL (tx_backup_bar_get_label (bar)));
}

static GPtrArray *
backups_of (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tx_backup_list (store, NULL, &error);

  g_assert_no_error (error);
  return list;
}

/* A change in the store, as another program's (the CLI's) would be */
static void
change_something (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(JsonObject) detail = json_object_new ();

  g_assert_no_error (error);
  json_object_set_string_member (detail, "key", "test");
  g_assert_true (tx_store_begin (store, &error));
  g_assert_true (tx_store_audit (store, "settings", NULL, detail, &error));
  g_assert_true (tx_store_commit (store, &error));
}

/* The manifest's date moved back @days days, as if it had been made then */
static void
age_backup (const TxBackupInfo *info,
            int                 days)
{
  g_autofree char *manifest = g_build_filename (info->path, "manifest.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (info->created, NULL);
  g_autoptr(GDateTime) before = g_date_time_add_days (at, -days);
  g_autofree char *then = g_date_time_format_iso8601 (before);
  g_auto(GStrv) parts = NULL;
  g_autofree char *aged = NULL;

  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  parts = g_strsplit (text, info->created, -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 2);
  aged = g_strjoinv (then, parts);
  g_assert_true (g_file_set_contents (manifest, aged, -1, NULL));
}

static TxBackupsPage *
open_backups_page (TxWindow             *window,
                   TxPreferencesWindow **prefs_out)
{
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL);
  tx_gui_wait (100);
  prefs = TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE));
  g_assert_nonnull (prefs);
  page = TX_BACKUPS_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  g_assert_true (TX_IS_BACKUPS_PAGE (page));
  *prefs_out = prefs;
  return page;
}

/* No backup: the status line says so; the page makes one, which it shows,
 * and the line goes; the rotation and the second place are kept */
static void
test_page (void)
{
  TxWindow *window = tx_gui_new_window ("backups-page.db", 5);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *second = g_build_filename (g_get_user_data_dir (), "stick", NULL);
  g_autofree char *stored_second = NULL;
  GtkWidget *last;
  TxBackupKeep keep;
  gint64 on_register;

  g_assert_nonnull (bar);
  g_assert_true (line_shown (bar));
  g_assert_cmpstr (line_text (bar), ==,
                   _("This store has no backup yet: back up now, and keep a copy in a second place."));

  page = open_backups_page (window, &prefs);
  last = tx_backups_page_get_widget (page, "last_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, _("No backup yet"));

  /* every control of the page is labelled for a screen reader */
  {
    const char *spins[] = { "days_spin", "weeks_spin", "months_spin" };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        GtkWidget *spin = tx_backups_page_get_widget (page, spins[i]);
        g_assert_true (gtk_widget_get_focusable (spin) || gtk_widget_get_first_child (spin));
        g_assert_true (gtk_widget_is_visible (spin));
      }
  }

  /* the rotation: changed by its spin button, stored by the service */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_backups_page_get_widget (page, "days_spin")), 10);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  tx_store_poll_changes (store);
  tx_backup_get_keep (store, &keep);
  g_assert_cmpint (keep.days, ==, 10);

  /* a second place */
  g_assert_cmpint (g_mkdir_with_parents (second, 0700), ==, 0);
  tx_backups_page_set_second_place (page, second);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  stored_second = tx_backup_get_second_place (store);
  g_assert_cmpstr (stored_second, ==, second);
  g_assert_true (gtk_widget_get_sensitive (tx_backups_page_get_widget (page, "remove_button")));

  /* Back Up Now: into both places, shown on the page */
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (tx_backups_page_get_widget (page, "progress")));
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  g_assert_false (gtk_widget_get_visible (tx_backups_page_get_widget (page, "progress")));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 2);
  /* the roster's count: the children on the register */
  {
    TxChildQuery roster = { 0 };
    on_register = tx_store_child_count (store, &roster, NULL);
    g_assert_cmpint (on_register, >, 0);
  }
  for (guint i = 0; i < list->len; i++)
    {
      TxBackupInfo *info = list->pdata[i];
      g_assert_true (info->verified);
      g_assert_cmpint (info->children, ==, on_register);
      g_assert_cmpint (info->children_total, ==, 5);
      g_assert_false (info->automatic);
    }
  {
    g_autofree char *when = tx_date_local_time (((TxBackupInfo *) list->pdata[0])->created);
    g_autofree char *children = g_strdup_printf (g_dngettext (NULL, "%lld child", "%lld children", on_register),
                                                 (long long) on_register);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, when);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), children));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), _("check passed")));
  }
  /* the line went with it */
  g_assert_false (line_shown (bar));
  g_assert_false (gtk_widget_get_visible (tx_backups_page_get_widget (page, "failed_row")));

  /* Remove: the second place no longer set, its backups stay */
  tx_backups_page_set_second_place (page, NULL);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  g_clear_pointer (&stored_second, g_free);
  stored_second = tx_backup_get_second_place (store);
  g_assert_null (stored_second);
  g_assert_false (gtk_widget_get_sensitive (tx_backups_page_get_widget (page, "remove_button")));

  tx_gui_screenshot (GTK_WIDGET (prefs), "backups.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

/* The only backup 8 days old: the line says so and offers the page; a
 * backup made goes with it; a failed attempt brings it back */
static void
test_status_line (void)
{
  TxWindow *window = tx_gui_new_window ("backups-stale.db", 3);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;

  {
    g_autoptr(TxStore) own = tx_test_open (tx_store_get_path (store), &error);
    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  tx_store_poll_changes (store);
  tx_backup_bar_refresh (bar);
  g_assert_false (line_shown (bar));

  age_backup (made, 8);
  tx_backup_bar_refresh (bar);
  g_assert_true (line_shown (bar));
  {
    g_autoptr(TxBackupInfo) aged = tx_backup_read (made->path, &error);
    g_autofree char *when = tx_date_local_time (aged->created);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (line_text (bar), when));
  }
  /* its button opens the Backups page, whose Back Up Now ends it */
  page = open_backups_page (window, &prefs);
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (line_shown (bar));

  /* a second place that cannot be written: the attempt fails, the page and
   * the line say why */
  tx_backups_page_set_second_place (page, "/proc/tongxing-no-such-place");
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  tx_store_poll_changes (store);
  tx_backup_bar_refresh (bar);
  g_assert_true (gtk_widget_get_visible (tx_backups_page_get_widget (page, "failed_row")));
  g_assert_true (line_shown (bar));
  g_assert_nonnull (strstr (line_text (bar), "/proc/tongxing-no-such-place"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The timer's backup when one is due, none when nothing changed, and one
 * at the close after a change, the close waiting for it */
static void
test_automatic (void)
{
  TxWindow *window = tx_gui_new_window ("backups-auto.db", 3);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.tongxing.TestBackups", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  gpointer weak = window;
  g_autofree char *first = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  gtk_window_set_application (GTK_WINDOW (window), app);

  /* due: none yet */
  g_assert_true (tx_backup_bar_tick (bar));
  g_assert_true (tx_gui_wait_for (bar_idle, bar, 60000));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((TxBackupInfo *) list->pdata[0])->automatic);
  first = g_strdup (((TxBackupInfo *) list->pdata[0])->created);
  g_assert_false (line_shown (bar));
  /* not due: nothing changed */
  g_assert_false (tx_backup_bar_tick (bar));

  /* the close after a change waits for one more */
  change_something (path);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (weak);
  g_assert_true (line_shown (bar));
  g_assert_cmpstr (line_text (bar), ==, _("Backing up…"));
  g_assert_true (tx_gui_wait_for (window_gone, &weak, 60000));
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    after = backups_of (own);
    /* a newer one (rotation keeps the newest of the day) */
    g_assert_cmpuint (after->len, >=, 1);
    g_assert_cmpstr (((TxBackupInfo *) after->pdata[0])->created, >, first);
    g_assert_true (((TxBackupInfo *) after->pdata[0])->automatic);
  }
}

static gboolean
login_shown (gpointer data)
{
  TxWindow *w = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));

  return w && g_strcmp0 (tx_window_get_page (w), "login") == 0;
}

/* Restore…: the backups listed, one previewed, restored after asking; a
 * change made after it is gone, the store as it was kept as a backup, and
 * the window back at the login */
static void
test_restore (void)
{
  TxWindow *window = tx_gui_new_window ("backups-restore.db", 4);
  TxStore *store = tx_window_get_store (window);
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.tongxing.TestRestore", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  TxRestoreDialog *dialog;
  AdwMessageDialog *preview, *ask;
  GtkWidget *row, *list;
  guint n = 0;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  gtk_window_set_application (GTK_WINDOW (window), app);
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);

    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    /* a change after the backup */
    g_assert_true (tx_store_set_setting (own, TX_SETTING_SUPERVISOR, "后来的名字", &error));
  }

  page = open_backups_page (window, &prefs);
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "restore_button"), "clicked");
  tx_gui_wait (100);
  dialog = TX_RESTORE_DIALOG (tx_gui_find_window (TX_TYPE_RESTORE_DIALOG, TRUE));
  g_assert_nonnull (dialog);
  row = tx_restore_dialog_get_row (dialog, 0);
  g_assert_nonnull (row);
  {
    g_autofree char *when = tx_date_local_time (made->created);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, when);
  }
  g_assert_null (tx_restore_dialog_get_row (dialog, 1));

  /* its children, read-only */
  preview = tx_restore_dialog_preview (dialog, made->path);
  list = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), GTK_TYPE_LIST_BOX);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += ADW_IS_ACTION_ROW (c);
  g_assert_cmpuint (n, ==, 4);
  gtk_window_destroy (GTK_WINDOW (preview));

  /* asked, and restored: the window goes, a new one asks who logs in */
  ask = tx_restore_dialog_ask (dialog, made->path);
  tx_gui_respond (ask, "restore");
  g_assert_true (tx_gui_wait_for (login_shown, NULL, 60000));
  g_assert_null (tx_session_lookup (path));
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    g_autofree char *supervisor = NULL;
    g_autoptr(GPtrArray) list2 = NULL;
    gboolean kept = FALSE;

    g_assert_no_error (error);
    supervisor = tx_store_get_setting (own, TX_SETTING_SUPERVISOR);
    g_assert_cmpstr (supervisor, !=, "后来的名字");
    list2 = backups_of (own);
    for (guint i = 0; i < list2->len; i++)
      kept |= ((TxBackupInfo *) list2->pdata[i])->before_restore;
    g_assert_true (kept);
  }
  gtk_window_destroy (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));
  tx_gui_wait (50);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  /* the other widget tests turn them off */
  g_setenv ("TONGXING_AUTO_BACKUP", "1", TRUE);
  g_test_add_func ("/gui/backups/page", test_page);
  g_test_add_func ("/gui/backups/status-line", test_status_line);
  g_test_add_func ("/gui/backups/automatic", test_automatic);
  g_test_add_func ("/gui/backups/restore", test_restore);
  return g_test_run ();
}
