/* test-setup.c — the first-run setup screen: filled in with the
 * supervisor's account, the recovery key shown once, and its Alt+letters,
 * driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "tx-gui-test-util.h"
#include "tx-gui-util.h"
#include "tx-calendar-view.h"
#include "tx-login-view.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"

static void
test_setup (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "fresh.db", NULL);
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);

  TxSetupView *setup;
  TxFormView *form;
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autofree char *township = NULL;
  TxLoginView *login;
  g_autofree char *key = NULL;

  /* no store, no key file, nobody to log in: the setup makes them */
  g_assert_false (tx_window_open_database (window, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (20);
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  setup = TX_SETUP_VIEW (tx_window_get_setup_view (window));
  /* no roster's title over the setup */
  g_assert_null (tx_gui_find_text (GTK_WIDGET (window), _("Children")));

  /* Set Up waits for a county */
  g_assert_false (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  g_assert_true (tx_setup_view_select_code (setup, 0, "22"));
  g_assert_true (tx_setup_view_select_code (setup, 1, "2201"));
  g_assert_false (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  g_assert_true (tx_setup_view_select_code (setup, 2, "220102"));
  g_assert_true (tx_setup_view_select_code (setup, 3, "220102001"));
  /* and the supervisor, who signs the reports */
  g_assert_false (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_supervisor_row (setup)), "  ");
  g_assert_false (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_supervisor_row (setup)), "李春梅");
  /* and her password, twice */
  g_assert_false (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_password_row (setup, FALSE)), "short");
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_password_row (setup, TRUE)), "short");
  g_assert_true (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_name_row (setup)), "南岭街道工作站");
  /* too short: said, and nothing made */
  gtk_widget_activate (tx_setup_view_get_done_button (setup));
  tx_gui_wait (100);
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  g_assert_false (tx_keyring_exists (path));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_password_row (setup, FALSE)), "nanling office 2026");
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_password_row (setup, TRUE)), "nanling office 2026");
  /* as Enter on the button does; a button shows the press before it acts */
  gtk_widget_activate (tx_setup_view_get_done_button (setup));
  login = TX_LOGIN_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOGIN_VIEW));
  for (int i = 0; i < 200 && g_strcmp0 (tx_login_view_get_page (login), "key") != 0; i++)
    tx_gui_wait (50);
  /* the recovery key, once, before the roster */
  g_assert_cmpstr (tx_window_get_page (window), ==, "login");
  g_assert_cmpstr (tx_login_view_get_page (login), ==, "key");
  key = g_strdup (gtk_label_get_text (GTK_LABEL (tx_login_view_get_widget (login, "key_label"))));
  g_assert_cmpuint (strlen (key), >=, 32 + 7);
  g_assert_true (tx_keyring_exists (path));
  g_assert_cmpstr (tx_session_get_name (tx_session_lookup (path)), ==, "李春梅");
  tx_gui_screenshot (GTK_WIDGET (window), "setup-recovery-key.png");
  gtk_widget_activate (tx_login_view_get_widget (login, "kept_button"));
  tx_gui_wait (100);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (tx_login_view_get_widget (login, "key_label"))), ==, "");

  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  township = tx_store_get_setting (tx_window_get_store (window), TX_SETTING_TOWNSHIP);
  g_assert_cmpstr (township, ==, "220102001");
  /* and the first child can be saved at once, without a restart: the
   * window's other connections see the setup too; the supervisor fills it */
  form = tx_gui_open_new_form (window);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "filler"))), ==, "李春梅");
  g_assert_false (tx_form_view_is_dirty (form));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (window), "tongxing-cli"));
  tx_gui_fill_form (form, want);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_null (tx_gui_find_dialog ());
  g_assert_nonnull (tx_form_view_get_id (form));
  g_assert_false (tx_form_view_is_dirty (form));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (window), "tongxing-cli"));
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 1);
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, "李春梅");
  tx_session_end (tx_session_lookup (path));
  tx_gui_close_window (window);
}

/* The Alt+letter of every label shown in @w, each label's with its text */
static void
collect_mnemonics (GtkWidget  *w,
                   GHashTable *seen)
{
  if (!gtk_widget_get_mapped (w))
    return;
  if (GTK_IS_LABEL (w) && gtk_label_get_use_underline (GTK_LABEL (w)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (w)));
      const char *text = gtk_label_get_label (GTK_LABEL (w));
      /* what the letter goes to: a row may show its title twice */
      GtkWidget *owner = gtk_widget_get_ancestor (w, ADW_TYPE_PREFERENCES_ROW);
      GtkWidget *other;

      if (owner == NULL)
        owner = gtk_widget_get_ancestor (w, GTK_TYPE_BUTTON);
      if (owner == NULL)
        owner = w;
      if (key != GDK_KEY_VoidSymbol)
        {
          g_test_message ("Alt+%s: %s", gdk_keyval_name (key), text);
          other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));
          if (other && other != owner)
            g_error ("Alt+%s is both “%s” and “%s”", gdk_keyval_name (key),
                     (char *) g_object_get_data (G_OBJECT (other), "tx-mnemonic-text"), text);
          g_object_set_data_full (G_OBJECT (owner), "tx-mnemonic-text", g_strdup (text), g_free);
          g_hash_table_insert (seen, GUINT_TO_POINTER (key), owner);
        }
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    collect_mnemonics (c, seen);
}

/* The setup screen by keyboard: every Alt+letter shown is unique, and the
 * places are found by typing */
static void
test_setup_keyboard (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "setup-keys.db", NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);
  TxSetupView *setup;
  GtkWidget *province, *city;

  g_assert_false (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  setup = TX_SETUP_VIEW (tx_window_get_setup_view (window));

  collect_mnemonics (GTK_WIDGET (window), seen);
  /* province, city, county, township, name, supervisor, directors, the
   * password twice, demo, set up */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 11);

  if (!tx_gui_x11_available ())
    {
      tx_gui_close_window (window);
      return;
    }
  /* Alt+P goes to the province; typing searches the list, Enter takes it */
  province = tx_setup_view_get_level_dropdown (setup, 0);
  city = tx_setup_view_get_level_dropdown (setup, 1);
  tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_p, GDK_ALT_MASK);
  tx_gui_wait (300);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), province));
  if (gtk_widget_get_visible (tx_gui_dropdown_popover (province)))
    {
      /* the mnemonic opened the list; Escape closes it */
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Escape, 0);
      tx_gui_wait (50);
      g_assert_false (gtk_widget_get_visible (tx_gui_dropdown_popover (province)));
      g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), province));
    }
  tx_gui_pick_by_typing (GTK_WINDOW (window), province, "j", "吉");
  g_assert_cmpstr (tx_gui_dropdown_shows (province), ==, "吉林省");
  tx_gui_pick_by_typing (GTK_WINDOW (window), city, "c", "长");
  g_assert_cmpstr (tx_gui_dropdown_shows (city), ==, "长春市");
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/setup/first-run", test_setup);
  g_test_add_func ("/gui/setup/keyboard", test_setup_keyboard);
  return g_test_run ();
}
