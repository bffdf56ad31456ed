/* test-login.c — the login screen, protecting an old store, the idle lock
 * and Preferences → Accounts, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "tx-gui-test-util.h"
#include "tx-accounts-page.h"
#include "tx-lock-view.h"
#include "tx-login-view.h"
#include "tx-preferences-window.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

#define DIRECTOR_PASSWORD "wang jianguo 2026"

/* A store of the test township with one child and a director, nobody
 * logged in to it afterwards */
static char *
make_store (const char *name)
{
  char *path = g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(TxRecord) child = tx_gui_fixture ();
  g_autofree char *id = NULL;
  const char *villages[] = { "220102001001", NULL };

  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", "南岭街道工作站", &error));
  id = tx_store_child_add (store, child, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_account_add (store, "王建国", TX_ROLE_DIRECTOR, villages, DIRECTOR_PASSWORD, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  tx_session_end (tx_session_lookup (path));
  return path;
}

static gboolean
shown (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
login_idle (gpointer view)
{
  return !tx_login_view_is_busy (view);
}

static gboolean
lock_idle (gpointer view)
{
  return !tx_lock_view_is_busy (view);
}

static TxLoginView *
login_view_of (TxWindow *window)
{
  return TX_LOGIN_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOGIN_VIEW));
}

/* Types @password and presses Enter (Log In is the default) */
static void
type_password (TxWindow   *window,
               GtkWidget  *row,
               const char *password)
{
  gtk_widget_grab_focus (row);
  tx_gui_wait (50);
  if (tx_gui_x11_available ())
    {
      tx_gui_x11_type (GTK_WIDGET (window), password);
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Return, 0);
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (row), password);
      gtk_widget_activate_default (row);
    }
  tx_gui_wait (100);
}

/* The login screen lists the people; a wrong password says so and shows
 * nothing of the children; the right one opens the roster */
static void
test_login (void)
{
  g_autofree char *path = make_store ("login.db");
  g_autofree char *password = tx_test_password ();
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);
  TxLoginView *login;
  GtkWidget *error_label;
  g_auto(GStrv) names = NULL;

  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  login = login_view_of (window);
  names = tx_login_view_dup_names (login);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) names, tx_test_user ()));
  g_assert_true (g_strv_contains ((const char *const *) names, "王建国"));
  g_assert_null (tx_window_get_store (window));
  tx_gui_screenshot (GTK_WIDGET (window), "login.png");

  /* a wrong password: the message, and the roster stays closed */
  g_assert_true (tx_login_view_select (login, tx_test_user ()));
  type_password (window, tx_login_view_get_widget (login, "password_row"), "not the password");
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
  error_label = tx_login_view_get_widget (login, "login_error");
  g_assert_true (tx_gui_wait_for (shown, error_label, 10000));
  g_test_message ("wrong password: %s", gtk_label_get_text (GTK_LABEL (error_label)));
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  g_assert_null (tx_window_get_store (window));
  g_assert_null (tx_session_lookup (path));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (window), "张小明"));
  tx_gui_screenshot (GTK_WIDGET (window), "login-wrong.png");

  type_password (window, tx_login_view_get_widget (login, "password_row"), password);
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_true (tx_gui_roster_has (window, "张小明"));
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, tx_test_user ());
  tx_gui_close_window (window);
}

/* A director logs in: the roster, and their account (not the others') in
 * Preferences */
static void
test_director (void)
{
  g_autofree char *path = make_store ("director.db");
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);
  TxLoginView *login;

  tx_window_open_database (window, path);
  gtk_window_present (GTK_WINDOW (window));
  login = login_view_of (window);
  g_assert_true (tx_login_view_select (login, "王建国"));
  type_password (window, tx_login_view_get_widget (login, "password_row"), DIRECTOR_PASSWORD);
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, "王建国");
  tx_session_end (tx_session_lookup (path));
  tx_gui_close_window (window);
}

/* A forgotten password: the recovery key from the printed sheet (typed
 * in small letters, with spaces) and a new password log the person in */
static void
test_recover (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "recover.db", NULL);
  g_autofree char *key = NULL;
  g_autofree char *typed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxSession) session = NULL;
  g_autoptr(TxStore) store = NULL;
  TxWindow *window;
  TxLoginView *login;

  g_mkdir_with_parents (g_path_get_dirname (path), 0700);
  session = tx_session_create (path, "李春梅", "forgotten long ago", &key, &error);
  g_assert_no_error (error);
  store = tx_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
  g_clear_object (&store);
  tx_session_end (session);

  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  login = login_view_of (window);
  /* one person: chosen already, Forgot the password? at hand */
  g_assert_true (gtk_widget_get_sensitive (tx_login_view_get_widget (login, "forgot_button")));
  gtk_widget_activate (tx_login_view_get_widget (login, "forgot_button"));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_login_view_get_page (login), ==, "recover");
  /* a wrong key */
  gtk_editable_set_text (GTK_EDITABLE (tx_login_view_get_widget (login, "recovery_key_row")),
                         "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH");
  gtk_editable_set_text (GTK_EDITABLE (tx_login_view_get_widget (login, "recover_password_row")), "a new one 2026");
  type_password (window, tx_login_view_get_widget (login, "recover_repeat_row"), "a new one 2026");
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
  g_assert_true (tx_gui_wait_for (shown, tx_login_view_get_widget (login, "recover_error"), 10000));
  g_assert_null (tx_session_lookup (path));
  /* the right one, as typed from the paper */
  typed = g_ascii_strdown (key, -1);
  g_strdelimit (typed, "-", ' ');
  gtk_editable_set_text (GTK_EDITABLE (tx_login_view_get_widget (login, "recovery_key_row")), typed);
  gtk_widget_activate (tx_login_view_get_widget (login, "recover_button"));
  g_assert_true (tx_gui_wait_for (login_idle, login, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, "李春梅");
  tx_session_end (tx_session_lookup (path));
  tx_gui_close_window (window);
  /* the new password opens it */
  g_clear_object (&session);
  session = tx_session_unlock (path, "李春梅", "a new one 2026", &error);
  g_assert_no_error (error);
  tx_session_end (session);
}

/* A store made before encryption: protected with the supervisor's
 * password, converted, its children there, the recovery key shown once */
static void
test_protect (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) old = NULL;
  TxWindow *window;
  TxLoginView *login;
  const char *password = "nanling old store";

  g_mkdir_with_parents (g_path_get_dirname (path), 0700);
  old = tx_store_open_at_version (path, 16, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (old),
                   "INSERT INTO settings VALUES ('county', '220102'), ('township', '220102001'), "
                   "('supervisor', '李春梅'), ('station_name', '南岭街道工作站');"
                   "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, "
                   "f_birth_date, f_child_category, f_registration_date, f_residence_division, f_gender, "
                   "f_key_care, next_visit_due) VALUES ('0b7a3c1e-0000-4000-8000-000000000001', "
                   "'2025-09-15T02:00:00Z', '2025-09-15T02:00:00Z', 'old-station', 1, 1, '赵旧档', "
                   "'2018-05-14', 'migrant', '2025-09-15', '220102001002', 'male', 'no', '2026-12-01')",
                   NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&old);
  g_assert_false (tx_store_file_is_encrypted (path));

  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  login = login_view_of (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  g_assert_cmpstr (tx_login_view_get_page (login), ==, "protect");
  /* the supervisor's name from the store */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_login_view_get_widget (login, "protect_name_row"))),
                   ==, "李春梅");
  tx_gui_screenshot (GTK_WIDGET (window), "protect.png");
  gtk_editable_set_text (GTK_EDITABLE (tx_login_view_get_widget (login, "protect_password_row")), password);
  /* two passwords that differ: said, nothing done */
  type_password (window, tx_login_view_get_widget (login, "protect_repeat_row"), "nanling old stor");
  /* the key presses arrive when the X server delivers them: wait for what they do */
  g_assert_true (tx_gui_wait_for (shown, tx_login_view_get_widget (login, "protect_error"), 10000));
  g_assert_false (tx_keyring_exists (path));
  gtk_editable_set_text (GTK_EDITABLE (tx_login_view_get_widget (login, "protect_repeat_row")), "");
  type_password (window, tx_login_view_get_widget (login, "protect_repeat_row"), password);
  g_assert_true (tx_gui_wait_for (login_idle, login, 30000));
  g_assert_cmpstr (tx_login_view_get_page (login), ==, "key");
  g_assert_true (tx_store_file_is_encrypted (path));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (tx_login_view_get_widget (login, "key_label")))),
                    >=, 32);
  tx_gui_screenshot (GTK_WIDGET (window), "recovery-key.png");
  /* what the printed sheet says */
  {
    g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "key.pdf", NULL);
    tx_login_view_print_key (login, pdf);
    tx_gui_assert_file_starts (pdf, "%PDF");
  }
  gtk_widget_activate (tx_login_view_get_widget (login, "kept_button"));
  tx_gui_wait_roster (window);
  /* shown once: gone from the screen */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tx_login_view_get_widget (login, "key_label"))), ==, "");
  g_assert_true (tx_gui_roster_has (window, "赵旧档"));
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, "李春梅");
  tx_session_end (tx_session_lookup (path));
  tx_gui_close_window (window);
}

static gboolean
is_locked (gpointer window)
{
  TxLockView *lock = TX_LOCK_VIEW (tx_gui_find_child_of_type (window, TX_TYPE_LOCK_VIEW));
  return tx_lock_view_is_locked (lock);
}

/* Nobody at the keyboard for the idle time (1 s here): the window locks,
 * nothing of the form shows; the password brings it back, typing kept */
static void
test_idle_lock (void)
{
  g_autofree char *password = tx_test_password ();
  TxWindow *window;
  TxFormView *form;
  TxLockView *lock;

  window = tx_gui_new_window ("lock.db", 0);
  lock = TX_LOCK_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOCK_VIEW));
  form = tx_gui_open_new_form (window);
  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "name")), "钱未存");
  tx_gui_wait (50);
  g_assert_true (tx_form_view_is_dirty (form));
  g_assert_true (gtk_widget_get_mapped (tx_form_view_get_input (form, "name")));
  /* as the setting does, in seconds */
  tx_lock_view_set_idle_seconds (lock, 1);
  g_assert_true (tx_gui_wait_for (is_locked, window, 5000));
  tx_gui_wait (50);
  /* hidden, not covered: the form is not on screen at all */
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (form)));
  g_assert_false (gtk_widget_get_mapped (tx_form_view_get_input (form, "name")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (lock)));
  /* Ctrl+N does nothing (it would ask about the unsaved form) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-child", NULL);
  tx_gui_wait (50);
  g_assert_null (tx_gui_find_dialog ());
  tx_gui_screenshot (GTK_WIDGET (window), "lock.png");

  /* a wrong password keeps it locked */
  type_password (window, tx_lock_view_get_widget (lock, "password_row"), "not the password");
  g_assert_true (tx_gui_wait_for (lock_idle, lock, 10000));
  g_assert_true (tx_lock_view_is_locked (lock));
  g_assert_true (tx_gui_wait_for (shown, tx_lock_view_get_widget (lock, "error_label"), 10000));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (form)));

  tx_lock_view_set_idle_seconds (lock, 600);
  type_password (window, tx_lock_view_get_widget (lock, "password_row"), password);
  g_assert_true (tx_gui_wait_for (lock_idle, lock, 10000));
  g_assert_false (tx_lock_view_is_locked (lock));
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  g_assert_true (tx_form_view_is_dirty (form));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "钱未存");
  g_assert_true (gtk_widget_get_mapped (tx_form_view_get_input (form, "name")));
  tx_form_view_discard (form);
  tx_gui_close_window (window);
}

static gboolean
accounts_idle (gpointer page)
{
  return !tx_accounts_page_is_busy (page);
}

static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  /* the dialog closes itself (destroying it as well upsets its entry rows) */
  adw_message_dialog_response (dialog, response);
  tx_gui_wait (50);
}

static void
set_field (AdwMessageDialog *dialog,
           const char       *name,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (tx_accounts_dialog_find (dialog, name)), text);
}

/* The supervisor adds a director with villages, resets a password with
 * their own, and deactivates an account: gone from the login list */
static void
test_accounts (void)
{
  g_autofree char *password = tx_test_password ();
  TxWindow *window = tx_gui_new_window ("accounts.db", 0);
  const char *path = tx_store_get_path (tx_window_get_store (window));
  TxPreferencesWindow *prefs;
  TxAccountsPage *page;
  AdwMessageDialog *dialog;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxKeyring) keyring = NULL;
  g_autoptr(TxStoreKey) key = NULL;
  g_autoptr(TxAccount) account = NULL;
  g_auto(GStrv) names = NULL;
  TxLoginView *login;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.account", NULL);
  tx_gui_wait (100);
  prefs = TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE));
  g_assert_nonnull (prefs);
  page = TX_ACCOUNTS_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  g_assert_true (TX_IS_ACCOUNTS_PAGE (page));
  g_assert_true (tx_gui_wait_for (accounts_idle, page, 10000));
  g_assert_nonnull (tx_accounts_page_get_row (page, tx_test_user ()));

  /* Add…: a director of two villages; the button waits for the villages
   * and for two equal passwords */
  gtk_widget_activate (tx_accounts_page_get_widget (page, "add_button"));
  dialog = tx_gui_wait_dialog ();
  set_field (dialog, "name", "张丽");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_accounts_dialog_find (dialog, "220102001001")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_accounts_dialog_find (dialog, "220102001002")), TRUE);
  set_field (dialog, "password", "zhang li 2026");
  set_field (dialog, "again", "zhang li 2027");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  set_field (dialog, "again", "zhang li 2026");
  tx_gui_screenshot (GTK_WIDGET (dialog), "accounts-add.png");
  respond (dialog, "add");
  g_assert_true (tx_gui_wait_for (accounts_idle, page, 10000));
  g_assert_nonnull (tx_accounts_page_get_row (page, "张丽"));
  account = tx_store_account_get (tx_gui_writer (window), "张丽", &error);
  g_assert_no_error (error);
  g_assert_cmpint (account->role, ==, TX_ROLE_DIRECTOR);
  g_assert_cmpstr (account->villages[0], ==, "220102001001");
  g_assert_cmpstr (account->villages[1], ==, "220102001002");
  tx_gui_screenshot (GTK_WIDGET (prefs), "accounts.png");

  /* Reset Password…: a wrong own password changes nothing */
  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.reset", "s", "张丽");
  dialog = tx_gui_wait_dialog ();
  set_field (dialog, "own-password", "not my password");
  set_field (dialog, "password", "zhang li new one");
  set_field (dialog, "again", "zhang li new one");
  respond (dialog, "reset");
  g_assert_true (tx_gui_wait_for (accounts_idle, page, 10000));
  keyring = tx_keyring_load (path, &error);
  key = tx_keyring_unlock (keyring, "张丽", "zhang li new one", NULL);
  g_assert_null (key);
  g_clear_pointer (&keyring, tx_keyring_free);
  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.reset", "s", "张丽");
  dialog = tx_gui_wait_dialog ();
  set_field (dialog, "own-password", password);
  set_field (dialog, "password", "zhang li new one");
  set_field (dialog, "again", "zhang li new one");
  respond (dialog, "reset");
  g_assert_true (tx_gui_wait_for (accounts_idle, page, 10000));
  keyring = tx_keyring_load (path, &error);
  key = tx_keyring_unlock (keyring, "张丽", "zhang li new one", &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_clear_pointer (&keyring, tx_keyring_free);

  /* Deactivate…: no longer on the login screen */
  gtk_widget_activate_action (GTK_WIDGET (page), "accounts.deactivate", "s", "张丽");
  dialog = tx_gui_wait_dialog ();
  respond (dialog, "deactivate");
  g_assert_true (tx_gui_wait_for (accounts_idle, page, 10000));
  g_clear_pointer (&account, tx_account_free);
  account = tx_store_account_get (tx_gui_writer (window), "张丽", &error);
  g_assert_false (account->active);
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* Log Out: a new window asks who logs in */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.log-out", NULL);
  tx_gui_wait (100);
  window = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  login = login_view_of (window);
  names = tx_login_view_dup_names (login);
  g_assert_true (g_strv_contains ((const char *const *) names, tx_test_user ()));
  g_assert_false (g_strv_contains ((const char *const *) names, "张丽"));
  g_assert_null (tx_session_lookup (path));
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/login/people", test_login);
  g_test_add_func ("/gui/login/director", test_director);
  g_test_add_func ("/gui/login/recover", test_recover);
  g_test_add_func ("/gui/login/protect", test_protect);
  g_test_add_func ("/gui/login/idle-lock", test_idle_lock);
  g_test_add_func ("/gui/login/accounts", test_accounts);
  return g_test_run ();
}
