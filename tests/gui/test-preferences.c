/* test-preferences.c — the preferences window, driven through the real
 * widgets under Xvfb
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
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"

static gboolean
preferences_idle (gpointer data)
{
  return !tx_preferences_window_is_busy (data);
}

/* Ctrl+, opens the preferences: staff saved, a service added and retired,
 * new intervals reschedule the children; the visit dialog offers the staff */
static void
test_preferences (void)
{
  TxWindow *window = tx_gui_new_window ("prefs.db", 30);
  TxStore *store = tx_window_get_store (window);
  g_autoptr(GError) error = NULL;
  TxPreferencesWindow *prefs;
  GtkWidget *directors;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autofree char *supervisor = NULL, *saved = NULL, *new_id = NULL;
  g_auto(GStrv) staff = NULL;
  TxScheduleSettings settings;
  const char *child;
  g_autofree char *due_before = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  tx_gui_wait (100);
  prefs = TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE));
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));

  /* staff: typed, applied, stored */
  directors = tx_preferences_window_get_widget (prefs, "directors_row");
  gtk_editable_set_text (GTK_EDITABLE (directors), "王建国，张丽");
  g_signal_emit_by_name (directors, "apply");
  g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 10000));
  saved = tx_store_get_setting (store, TX_SETTING_DIRECTORS);
  g_assert_cmpstr (saved, ==, "王建国，张丽");
  staff = tx_store_get_staff (store);
  g_assert_cmpuint (g_strv_length (staff), ==, 2);

  /* every service has a row, under its heading */
  services = tx_store_services (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (services->len, >, 6);
  for (guint i = 0; i < services->len; i++)
    g_assert_nonnull (tx_preferences_window_get_service_row (prefs, ((TxService *) services->pdata[i])->id));

  /* a new service: asked for its name, which cannot be empty */
  {
    AdwMessageDialog *question;
    GtkWidget *entry;

    tx_preferences_window_add_service (prefs, "health");
    tx_gui_wait (50);
    question = ADW_MESSAGE_DIALOG (tx_gui_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE));
    g_assert_nonnull (question);
    g_assert_false (adw_message_dialog_get_response_enabled (question, "save"));
    entry = adw_message_dialog_get_extra_child (question);
    gtk_editable_set_text (GTK_EDITABLE (entry), "Eyesight screening");
    g_assert_true (adw_message_dialog_get_response_enabled (question, "save"));
    /* as the button does: the response, then the dialog closes */
    adw_message_dialog_response (question, "save");
    gtk_window_destroy (GTK_WINDOW (question));
    tx_gui_wait (50);
    g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 10000));
  }
  g_clear_pointer (&services, g_ptr_array_unref);
  services = tx_store_services (store, TRUE, &error);
  for (guint i = 0; i < services->len; i++)
    if (g_str_equal (((TxService *) services->pdata[i])->en ? ((TxService *) services->pdata[i])->en : "",
                     "Eyesight screening"))
      new_id = g_strdup (((TxService *) services->pdata[i])->id);
  g_assert_nonnull (new_id);
  g_assert_nonnull (tx_preferences_window_get_service_row (prefs, new_id));

  /* retired by its switch: still listed, no longer offered on visits */
  {
    GtkWidget *sw = g_object_get_data (G_OBJECT (tx_preferences_window_get_service_row (prefs, new_id)), "switch");
    g_autoptr(GPtrArray) offered = NULL;

    g_assert_true (gtk_switch_get_active (GTK_SWITCH (sw)));
    gtk_switch_set_active (GTK_SWITCH (sw), FALSE);
    g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 10000));
    offered = tx_store_services (store, FALSE, &error);
    for (guint i = 0; i < offered->len; i++)
      g_assert_cmpstr (((TxService *) offered->pdata[i])->id, !=, new_id);
    g_assert_nonnull (tx_preferences_window_get_service_row (prefs, new_id));
  }

  /* new intervals: the button applies them, and every child moves */
  children = tx_store_visits_due (store, NULL, NULL, &error);
  g_assert_cmpuint (children->len, >, 0);
  child = ((TxDueRow *) children->pdata[0])->id;
  {
    g_autoptr(TxRecord) r = tx_store_child_get (store, child, &error);
    due_before = g_strdup (r->next_visit_due);
  }
  g_assert_false (gtk_widget_get_sensitive (tx_preferences_window_get_widget (prefs, "schedule_button")));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "good_spin")), 6);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "average_spin")), 2);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "key_care_spin")), 30);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "first_spin")), 60);
  g_assert_true (gtk_widget_get_sensitive (tx_preferences_window_get_widget (prefs, "schedule_button")));
  gtk_widget_activate (tx_preferences_window_get_widget (prefs, "schedule_button"));
  tx_gui_wait (400);
  g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 20000));
  tx_store_get_schedule_settings (store, &settings);
  g_assert_cmpint (settings.good_months, ==, 6);
  g_assert_cmpint (settings.average_months, ==, 2);
  g_assert_cmpint (settings.key_care_days, ==, 30);
  g_assert_cmpint (settings.first_visit_days, ==, 60);
  {
    g_autoptr(TxRecord) r = tx_store_child_get (store, child, &error);
    g_assert_cmpstr (r->next_visit_due, >, due_before);
  }
  /* a newer holiday calendar: loaded, kept in the store, the years shown */
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "2027.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkWidget *row = tx_preferences_window_get_widget (prefs, "holidays_row");
    g_autofree char *stored = NULL;

    g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2027"));
    g_assert_true (g_file_set_contents (path, "{\"holidays\": {\"2027-06-30\": \"Test,测试,1\"}}", -1, &error));
    tx_preferences_window_load_holidays (prefs, file);
    g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 20000));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2027"));
    g_assert_true (tx_holidays_has_year (2027));
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  tx_gui_wait (50);

  /* the visit dialog offers the staff in its visitor row's menu */
  {
    TxCalendarView *cal = tx_window_get_calendar_view (window);
    GtkWidget *dialog = tx_calendar_view_record_visit (cal, child, NULL);
    GtkWidget *visitor = tx_visit_dialog_get_row (TX_VISIT_DIALOG (dialog), "visitor_row");
    GtkWidget *menu = g_object_get_data (G_OBJECT (visitor), "staff-button");

    g_assert_true (gtk_widget_get_visible (menu));
    gtk_widget_activate_action (dialog, "visit.visitor", "s", "张丽");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (visitor)), ==, "张丽");
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/preferences", test_preferences);
  return g_test_run ();
}
