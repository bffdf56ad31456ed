/* test-calendar.c — the visit calendar and the visit dialog: the counts,
 * recording a visit, two children of one name, urgent cases and re-
 * assessment, driven through the real widgets under Xvfb
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
#include "tx-calendar-view-private.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

/* The calendar's counts on a known month match the core's, day by day */
static void
test_calendar (void)
{
  TxWindow *window = tx_gui_new_window ("calendar.db", 200);
  TxStore *store = tx_window_get_store (window);
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  TxDayCounts days[31];
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_calendar_view_show_month (cal, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  for (guint d = 1; d <= 30; d++)
    {
      GtkWidget *cell = tx_calendar_view_get_day_cell (cal, d);
      const char *text = gtk_label_get_text (GTK_LABEL (cell));
      g_autofree char *visited = g_strdup_printf ("Visited %u", days[d - 1].done);
      g_autofree char *overdue = g_strdup_printf ("Overdue %u", days[d - 1].overdue);

      if (days[d - 1].done)
        {
          g_assert_nonnull (strstr (text, visited));
          checked++;
        }
      else
        g_assert_null (strstr (text, "Visited"));
      if (days[d - 1].overdue)
        g_assert_nonnull (strstr (text, overdue));
    }
  g_assert_cmpuint (checked, >, 0);

  /* a day's list names the children visited that day */
  for (guint d = 1; d <= 25; d++)
    if (days[d - 1].done)
      {
        GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (tx_calendar_view_get_day_list (cal))));

        tx_calendar_view_select_day (cal, d);
        g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
        /* every child due and every visit, listed in full */
        g_assert_cmpuint (g_list_model_get_n_items (rows), ==, days[d - 1].due + days[d - 1].done);
        break;
      }

  /* the staff filter: the visitors of the last year; choosing one counts
   * only their visits, as the core does */
  {
    GtkDropDown *staff = GTK_DROP_DOWN (tx_calendar_view_get_staff_dropdown (cal));
    GListModel *names = gtk_drop_down_get_model (staff);
    g_autoptr(GPtrArray) visitors = tx_store_visitors (store, "2025-11-25", &error);
    const char *who;

    g_assert_no_error (error);
    g_assert_nonnull (names);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, visitors->len + 1);
    g_assert_cmpuint (visitors->len, >, 1);
    who = gtk_string_list_get_string (GTK_STRING_LIST (names), 1);
    g_assert_cmpstr (who, ==, visitors->pdata[0]);
    gtk_drop_down_set_selected (staff, 1);
    g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
    g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, who, days, &error));
    checked = 0;
    for (guint d = 1; d <= 30; d++)
      {
        const char *text = gtk_label_get_text (GTK_LABEL (tx_calendar_view_get_day_cell (cal, d)));
        g_autofree char *visited = g_strdup_printf ("Visited %u", days[d - 1].done);

        if (days[d - 1].done)
          {
            g_assert_nonnull (strstr (text, visited));
            checked++;
          }
        else
          g_assert_null (strstr (text, "Visited"));
      }
    g_assert_cmpuint (checked, >, 0);
    /* the list kept the choice through the refresh */
    g_assert_cmpuint (gtk_drop_down_get_selected (staff), ==, 1);
  }
  tx_gui_close_window (window);
}

/* The children a list's rows show, by the id each row holds: the rows on
 * screen and the others GTK keeps, ready to be scrolled to */
static void
shown_children (GtkWidget  *widget,
                GHashTable *ids)
{
  const char *id = g_object_get_data (G_OBJECT (widget), "child-id");

  if (id)
    g_hash_table_add (ids, g_strdup (id));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    shown_children (c, ids);
}

/* A long day's list after another: every entry is the day's, every row
 * GTK keeps shows a child of that day (the entries already there take the
 * new day's values and tell their rows), and the list starts at its top
 * again, wherever the day before was scrolled to */
static void
test_long_day (void)
{
  TxWindow *window = tx_gui_new_window ("long-day.db", 400);
  TxStore *store = tx_window_get_store (window);
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  GtkWidget *list = tx_calendar_view_get_day_list (cal);
  GListModel *rows = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
  const guint picked[] = { 10, 12 };
  g_autoptr(GError) error = NULL;

  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "long-day.db", NULL);
  g_autoptr(TxStore) writer = tx_test_open (path, &error);

  /* 150 children due on each of two days, none on both (written as
   * another process would, the window's store reads) */
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (writer->db,
                   "UPDATE child SET next_visit_due = '2026-11-10' WHERE rowid IN (SELECT rowid FROM child "
                   "WHERE deleted = 0 AND register = 'active' ORDER BY rowid LIMIT 150);"
                   "UPDATE child SET next_visit_due = '2026-11-12' WHERE rowid IN (SELECT rowid FROM child "
                   "WHERE deleted = 0 AND register = 'active' ORDER BY rowid LIMIT 150 OFFSET 150);",
                   NULL, NULL, NULL), ==, SQLITE_OK);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_calendar_view_show_month (cal, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  for (guint k = 0; k < G_N_ELEMENTS (picked); k++)
    {
      TxDayCounts days[31];
      g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      gpointer id;
      guint n;

      g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
      n = days[picked[k] - 1].due + days[picked[k] - 1].done;
      g_assert_cmpuint (n, >=, 150);
      tx_calendar_view_select_day (cal, picked[k]);
      g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
      tx_gui_wait (100);
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
      /* at the top, though the day before was left at its end */
      g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list))), ==, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TxCalendarEntry) entry = g_list_model_get_item (rows, i);
          g_hash_table_add (listed, g_strdup (entry->child_id));
        }
      /* the rows GTK keeps, scrolled to the end and back */
      shown_children (list, shown);
      gtk_widget_activate_action (list, "list.scroll-to-item", "u", n - 1);
      tx_gui_wait (100);
      shown_children (list, shown);
      g_assert_cmpuint (g_hash_table_size (shown), >, 100);
      g_hash_table_iter_init (&iter, shown);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (listed, id))
          g_error ("2026-11-%02u: a row still shows a child who is not listed that day", picked[k]);
    }

  /* a day with nobody: the overdue list takes the day list's place */
  {
    GtkWidget *overdue = gtk_widget_get_parent (tx_calendar_view_get_overdue_list (cal));
    int beside = gtk_widget_get_height (overdue);

    g_assert_cmpint (beside, <=, 150);
    tx_calendar_view_select_day (cal, 14);   /* a Saturday */
    g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
    tx_gui_wait (200);
    g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (list)));
    g_assert_cmpint (gtk_widget_get_height (overdue), >, beside + 100);
    tx_calendar_view_select_day (cal, picked[0]);
    g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
    tx_gui_wait (200);
    g_assert_cmpint (gtk_widget_get_height (overdue), ==, beside);
  }
  tx_gui_close_window (window);
}

static gboolean
dialog_idle (gpointer data)
{
  return !tx_visit_dialog_is_saving (data);
}

static void
type_into (TxVisitDialog *dialog,
           const char    *row,
           const char    *text)
{
  gtk_editable_set_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, row)), text);
}

/* Recording a visit from the overdue list: an urgent situation without the
 * police report is refused with the reason and keeps the typing; with the
 * report it is saved, the child is an urgent case and the calendar moves on;
 * the urgent panel closes the case only with a note */
static void
test_record_visit (void)
{
  TxWindow *window = tx_gui_new_window ("visit.db", 200);
  /* run in English and, by test-gui-zh, in Chinese */
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  g_autofree char *due_before = NULL;
  TxStore *store = tx_window_get_store (window);
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) urgent = NULL;
  GtkWidget *overdue_row = NULL;
  GtkWidget *button = NULL;
  TxVisitDialog *dialog;
  GtkWidget *message;
  g_autofree char *child_id = NULL;
  gboolean found = FALSE;
  GDate today;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_date_today (&today);
  tx_calendar_view_show_month (cal, g_date_get_year (&today), g_date_get_month (&today));
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));

  /* the first child of the overdue list, and its Record Visit button */
  {
    g_autoptr(GPtrArray) ids = tx_gui_list_child_ids (tx_calendar_view_get_overdue_list (cal));

    g_assert_cmpuint (ids->len, >, 0);
    child_id = g_strdup (ids->pdata[0]);
  }
  overdue_row = tx_gui_find_child_row (tx_calendar_view_get_overdue_list (cal), child_id);
  g_assert_nonnull (overdue_row);
  {
    g_autoptr(TxRecord) child = tx_store_child_get (store, child_id, &error);
    due_before = g_strdup (child->next_visit_due);
    g_assert_cmpstr (due_before, <, "2026-11-25");
  }
  button = tx_gui_find_button (overdue_row);
  g_assert_nonnull (button);
  before = tx_store_visit_list (store, child_id, NULL, NULL, &error);
  g_assert_no_error (error);

  /* by keyboard: the row focused, Tab goes to its button */
  {
    GtkWidget *item = gtk_widget_get_parent (overdue_row);

    g_assert_true (gtk_widget_grab_focus (item));
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
    g_assert_true (gtk_root_get_focus (GTK_ROOT (window)) == button);
  }

  /* as Enter on the focused button does; GtkButton clicks after its 250 ms press animation */
  gtk_widget_activate (button);
  tx_gui_wait (400);
  dialog = tx_gui_find_visit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));

  /* every input of the dialog has a name a screen reader can read */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (tx_visit_dialog_get_row (dialog, "visitor_row"))),
                   !=, "");
  type_into (dialog, "visitor_row", "王芳");
  type_into (dialog, "living_row", "Has food and a warm room");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_visit_dialog_get_urgent_check (dialog, "alone_or_missing")), TRUE);
  g_assert_true (gtk_widget_get_visible (tx_visit_dialog_get_row (dialog, "police_group")));

  /* without a new assessment, the dialog asks whether the guardianship is
   * still as it was; kept, the visit goes to be saved */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL);
  {
    AdwMessageDialog *question = tx_gui_wait_dialog ();

    g_assert_nonnull (question);
    g_assert_nonnull (strstr (adw_message_dialog_get_heading (question), zh ? "监护状况" : "Guardianship"));
    tx_gui_respond (question, "keep");
  }
  /* without the police report: refused, the reason shown, the typing kept */
  g_assert_true (tx_gui_wait_for (dialog_idle, dialog, 10000));
  g_assert_true (tx_gui_find_visit_dialog () == dialog);
  message = tx_visit_dialog_get_row (dialog, "message_label");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), zh ? "公安机关" : "police"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, "living_row"))),
                   ==, "Has food and a warm room");
  after = tx_store_visit_list (store, child_id, NULL, NULL, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  g_clear_pointer (&after, g_ptr_array_unref);

  /* with the report: saved, the dialog closes */
  type_into (dialog, "police_time_row", "2026-11-25 09:30");
  type_into (dialog, "police_station_row", "南关派出所");
  type_into (dialog, "police_officer_row", "李警官");
  type_into (dialog, "police_receipt_row", "JJ20261125001");
  type_into (dialog, "police_measures_row", "Child placed with the aunt for the night");
  /* and a re-assessment: guardianship average (the second choice after "no new assessment") */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tx_visit_dialog_get_row (dialog, "assessment_row")), 2);
  g_object_ref (dialog);   /* kept alive to be asked when it is done */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL);
  g_assert_true (tx_gui_wait_for (dialog_idle, dialog, 10000));
  g_object_unref (dialog);
  tx_gui_wait (50);
  g_assert_null (tx_gui_find_visit_dialog ());
  after = tx_store_visit_list (store, child_id, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 1);
  {
    g_autoptr(TxRecord) child = tx_store_child_get (store, child_id, &error);
    g_assert_cmpstr (tx_record_get_key (child, "guardianship"), ==, "average");
    /* the next home visit moved on from the overdue date, past today */
    g_assert_cmpstr (child->next_visit_due, >, due_before);
    g_assert_cmpstr (child->next_visit_due, >, "2026-11-25");
  }

  urgent = tx_store_urgent_open (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < urgent->len; i++)
    found |= g_strcmp0 (((TxUrgentCase *) urgent->pdata[i])->child_id, child_id) == 0;
  g_assert_true (found);

  /* the calendar refreshed: the child left the overdue list */
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  {
    g_autoptr(GPtrArray) ids = tx_gui_list_child_ids (tx_calendar_view_get_overdue_list (cal));

    g_assert_cmpuint (ids->len, >, 0);
    for (guint i = 0; i < ids->len; i++)
      g_assert_cmpstr (ids->pdata[i], !=, child_id);
  }

  /* the urgent panel lists the case; closing it asks for a note */
  {
    GtkWidget *row = NULL;
    GtkWidget *close_button;
    AdwMessageDialog *question = NULL;
    GtkWidget *note;
    GListModel *tops;

    /* the newest case first */
    {
      g_autoptr(GPtrArray) ids = tx_gui_list_child_ids (tx_calendar_view_get_urgent_list (cal));

      g_assert_cmpuint (ids->len, >, 0);
      g_assert_cmpstr (ids->pdata[0], ==, child_id);
    }
    row = tx_gui_find_child_row (tx_calendar_view_get_urgent_list (cal), child_id);
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_visible (tx_calendar_view_get_urgent_list (cal)));
    close_button = tx_gui_find_button (row);
    g_assert_nonnull (close_button);
    gtk_widget_activate (close_button);
    tx_gui_wait (400);
    tops = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (tops, i);
        if (ADW_IS_MESSAGE_DIALOG (w))
          question = ADW_MESSAGE_DIALOG (w);
      }
    g_assert_nonnull (question);
    /* no note, no closing */
    g_assert_false (adw_message_dialog_get_response_enabled (question, "close"));
    note = adw_message_dialog_get_extra_child (question);
    gtk_editable_set_text (GTK_EDITABLE (note), "Placed with the aunt; the mother came back on 27 November");
    g_assert_true (adw_message_dialog_get_response_enabled (question, "close"));
    adw_message_dialog_response (question, "close");
    gtk_window_destroy (GTK_WINDOW (question));
    tx_gui_wait (50);
    g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));

    g_clear_pointer (&urgent, g_ptr_array_unref);
    urgent = tx_store_urgent_open (store, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < urgent->len; i++)
      g_assert_cmpstr (((TxUrgentCase *) urgent->pdata[i])->child_id, !=, child_id);
    {
      g_autoptr(GPtrArray) ids = tx_gui_list_child_ids (tx_calendar_view_get_urgent_list (cal));

      for (guint i = 0; i < ids->len; i++)
        g_assert_cmpstr (ids->pdata[i], !=, child_id);
    }
  }

  /* the child's form lists the visits, the newest first, with the assessment */
  g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated", child_id);
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  {
    GtkWidget *visits = tx_form_view_show_visits (tx_window_get_form_view (window));
    GtkWidget *list = g_object_get_data (G_OBJECT (visits), "visits");
    GtkWidget *first = gtk_widget_get_first_child (list);
    guint rows = 0;
    g_autofree char *today_iso = tx_date_format (&today);

    g_assert_nonnull (first);
    for (GtkWidget *r = first; r; r = gtk_widget_get_next_sibling (r))
      rows++;
    g_assert_cmpuint (rows, ==, after->len);
    g_assert_true (g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), today_iso));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)),
                              zh ? "监护评估：一般" : "Guardianship assessed: Average"));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (visits)),
                              zh ? "目前监护状况：一般" : "Guardianship now: Average"));
    gtk_window_destroy (GTK_WINDOW (visits));
  }
  tx_gui_close_window (window);
}

/* An urgent situation puts the guardianship in question: the problem it
 * shows is ticked for the re-assessment, and saving while the guardianship
 * stays good asks first. Assessed poor, the child becomes a key-care child,
 * visited again in 15 days, and today's cell counts the case */
static void
test_urgent_reassessment (void)
{
  TxWindow *window = tx_gui_new_window ("reassess.db", 0);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxStore *store = tx_gui_writer (window);   /* the window's own only reads */
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  TxVisitDialog *dialog;
  AdwMessageDialog *question;
  GtkWidget *abuse;
  const char *hint;

  tx_record_set_key (r, "guardianship", "good");
  tx_record_set_key (r, "guardianship_problem", NULL);
  tx_record_set_key (r, "key_care_reasons", NULL);
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_calendar_view_show_month (cal, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (tx_calendar_view_get_day_cell (cal, 25))),
                         zh ? "紧急" : "Urgent"));

  dialog = TX_VISIT_DIALOG (tx_calendar_view_record_visit (cal, id, NULL));
  tx_gui_wait (100);
  type_into (dialog, "visitor_row", "王芳");
  type_into (dialog, "guardianship_found_row", "Father hit the child; the mother is away");
  /* no assessment chosen: its problems cannot be ticked */
  abuse = tx_visit_dialog_get_problem_check (dialog, "abuse");
  g_assert_true (GTK_IS_CHECK_BUTTON (abuse));
  g_assert_false (gtk_widget_is_sensitive (abuse));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (abuse)));

  /* domestic violence: the re-assessment is asked for, abuse ticked */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_visit_dialog_get_urgent_check (dialog, "domestic_violence")),
                               TRUE);
  hint = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (tx_visit_dialog_get_row (dialog,
                                                                                                "assessment_group")));
  g_assert_nonnull (strstr (hint, zh ? "重新评估" : "assess it again"));
  g_assert_nonnull (strstr (hint, "15"));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (abuse)));
  /* unticked, the situation takes its problem with it; ticked again, back */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_visit_dialog_get_urgent_check (dialog, "domestic_violence")),
                               FALSE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (abuse)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_visit_dialog_get_urgent_check (dialog, "domestic_violence")),
                               TRUE);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (abuse)));
  type_into (dialog, "police_time_row", "2026-11-25 09:30");
  type_into (dialog, "police_station_row", "南关派出所");
  type_into (dialog, "police_officer_row", "李警官");
  type_into (dialog, "police_receipt_row", "JJ20261125002");
  type_into (dialog, "police_measures_row", "Child placed with the grandmother");

  /* saved with the guardianship still good: asked first, nothing saved */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL);
  question = tx_gui_wait_dialog ();
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==,
                   zh ? "监护状况仍为“较好”吗？" : "Guardianship Still “Good”?");
  g_assert_cmpstr (adw_message_dialog_get_default_response (question), ==, "assess");
  tx_gui_respond (question, "assess");
  g_assert_false (tx_visit_dialog_is_saving (dialog));
  g_assert_true (tx_gui_find_visit_dialog () == dialog);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                         tx_visit_dialog_get_row (dialog, "assessment_row")) ||
                 gtk_root_get_focus (GTK_ROOT (dialog)) == tx_visit_dialog_get_row (dialog, "assessment_row"));
  visits = tx_store_visit_list (store, id, NULL, NULL, &error);
  g_assert_cmpuint (visits->len, ==, 0);

  /* assessed poor, with the problem ticked: saved without a question */
  adw_combo_row_set_selected (ADW_COMBO_ROW (tx_visit_dialog_get_row (dialog, "assessment_row")), 3);
  g_assert_true (gtk_widget_is_sensitive (abuse));
  g_object_ref (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "visit.save", NULL);
  g_assert_null (tx_gui_find_dialog ());
  g_assert_true (tx_gui_wait_for (dialog_idle, dialog, 10000));
  g_object_unref (dialog);
  tx_gui_wait (50);
  g_assert_null (tx_gui_find_visit_dialog ());
  {
    g_autoptr(TxRecord) child = tx_store_child_get (store, id, &error);

    g_assert_cmpstr (tx_record_get_key (child, "guardianship"), ==, "poor");
    g_assert_cmpstr (tx_record_get_key (child, "guardianship_problem"), ==, "abuse");
    g_assert_cmpstr (tx_record_get_key (child, "key_care"), ==, "yes");
    g_assert_cmpstr (child->next_visit_due, ==, "2026-12-10");  /* 15 days */
    g_assert_true (child->urgent);
  }
  /* today's cell counts the case opened today */
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_calendar_view_get_day_cell (cal, 25))),
                            zh ? "紧急 1" : "Urgent 1"));
  tx_gui_close_window (window);
}

/* The text of a calendar row's line (title, details, subtitle) */
static const char *
row_line (GtkWidget  *row,
          const char *line)
{
  GtkWidget *w = g_object_get_data (G_OBJECT (row), line);

  return GTK_IS_INSCRIPTION (w) ? gtk_inscription_get_text (GTK_INSCRIPTION (w)) : gtk_label_get_text (GTK_LABEL (w));
}

/* Two children called 李可 due on one day: each row of the day's list says
 * age, village and phone (masked, as lists mask identity numbers), and the
 * visit dialog says them with the phone in full */
static void
test_two_of_one_name (void)
{
  TxWindow *window = tx_gui_new_window ("namesakes.db", 60);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxStore *store = tx_gui_writer (window);   /* the window's own only reads */
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) a = tx_gui_fixture ();
  g_autoptr(TxRecord) b = tx_gui_fixture ();
  g_autofree char *a_id = NULL, *b_id = NULL;
  GtkWidget *a_row, *b_row;
  TxVisitDialog *dialog;
  const char *details;

  /* both registered on 2026-10-26: the first visit is due today, 2026-11-25 */
  tx_record_set_key (a, "name", "李可");
  tx_record_set_key (a, "id_number", "511323201805141218");
  tx_record_set_key (a, "registration_date", "2026-10-26");
  tx_record_set_key (b, "name", "李可");
  tx_record_set_key (b, "id_number", "511323201503021237");
  tx_record_set_key (b, "birth_date", "2015-03-02");
  tx_record_set_key (b, "registration_date", "2026-10-26");
  tx_record_set_key (b, "residence_division", "220102001001");
  tx_record_set_key (b, "contact_phone", "13911112222");
  a_id = tx_store_child_add (store, a, FALSE, NULL, &error);
  g_assert_no_error (error);
  b_id = tx_store_child_add (store, b, FALSE, NULL, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_calendar_view_show_month (cal, 2026, 11);
  tx_calendar_view_select_day (cal, 25);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  a_row = tx_gui_find_child_row (tx_calendar_view_get_day_list (cal), a_id);
  b_row = tx_gui_find_child_row (tx_calendar_view_get_day_list (cal), b_id);
  g_assert_nonnull (a_row);
  g_assert_nonnull (b_row);
  g_assert_cmpstr (row_line (a_row, "title"), ==, row_line (b_row, "title"));
  g_assert_cmpstr (row_line (a_row, "details"), ==, zh ? "8 岁 · 恒安社区 · 138****6677" : "Age 8 · 恒安社区 · 138****6677");
  g_assert_cmpstr (row_line (b_row, "details"), ==, zh ? "11 岁 · 华阳社区 · 139****2222" : "Age 11 · 华阳社区 · 139****2222");

  /* the overdue list says the same of its children */
  {
    g_autoptr(GPtrArray) ids = tx_gui_list_child_ids (tx_calendar_view_get_overdue_list (cal));
    GtkWidget *row;

    g_assert_cmpuint (ids->len, >, 0);
    row = tx_gui_find_child_row (tx_calendar_view_get_overdue_list (cal), ids->pdata[0]);
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row_line (row, "details"), "****"));
    g_assert_true (g_str_has_prefix (row_line (row, "subtitle"), zh ? "应于 2026-" : "Due 2026-"));
  }

  /* Record Visit on the second: the dialog's heading says which 李可 */
  gtk_widget_activate (tx_gui_find_button (b_row));
  tx_gui_wait (400);
  dialog = tx_gui_find_visit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (tx_visit_dialog_get_row (dialog, "visit_group"))),
                   ==, "李可");
  details = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (tx_visit_dialog_get_row (dialog, "visit_group")));
  g_assert_cmpstr (details, ==, zh ? "11 岁 · 华阳社区 · 13911112222" : "Age 11 · 华阳社区 · 13911112222");
  gtk_window_destroy (GTK_WINDOW (dialog));
  tx_gui_close_window (window);
}

/* An urgent case opened at 01:30 in Beijing, 17:30 UTC the day before, was
 * opened "since" the local day */
static void
test_urgent_since_local (void)
{
  TxWindow *window = tx_gui_new_window ("urgent-since.db", 0);
  TxStore *store = tx_gui_writer (window);   /* the window's own only reads */
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autoptr(TxVisit) v = tx_visit_new ();
  GtkWidget *row;

  g_assert_cmpstr (g_getenv ("TZ"), ==, "Asia/Shanghai");
  v->child_id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  v->id = g_strdup ("00000000-0000-4000-8000-000000000001");
  v->urgent = g_strdup ("alone_or_missing");
  g_assert_true (tx_store_begin (store, &error));
  g_assert_true (tx_store_add_urgent_case (store, "00000000-0000-4000-8000-000000000002", v,
                                           "2026-11-24T17:30:00Z", NULL, NULL, NULL, &error));
  g_assert_true (tx_store_commit (store, &error));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  row = tx_gui_find_child_row (tx_calendar_view_get_urgent_list (cal), v->child_id);
  g_assert_nonnull (row);
  g_assert_true (g_str_has_suffix (row_line (row, "subtitle"), "2026-11-25"));
  tx_gui_close_window (window);
}

/* The visit's entry is not thrown away without asking; from an overdue
 * child's row it is dated today (the day of the visit), not the day the
 * child was due */
static void
test_visit_discard_asks (void)
{
  TxWindow *window = tx_gui_new_window ("visit-discard.db", 200);
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  GtkWidget *overdue, *row, *button;
  TxVisitDialog *dialog;
  AdwMessageDialog *question;
  g_autoptr(GPtrArray) ids = NULL;
  GDate today;
  g_autofree char *today_iso = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 10000));
  overdue = tx_calendar_view_get_overdue_list (cal);
  ids = tx_gui_list_child_ids (overdue);
  g_assert_cmpuint (ids->len, >, 0);
  row = tx_gui_find_child_row (overdue, ids->pdata[0]);
  button = tx_gui_find_button (row);
  gtk_widget_activate (button);
  tx_gui_wait (400);
  dialog = tx_gui_find_visit_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, "date_row"))), ==,
                   today_iso);

  /* nothing typed: Escape closes at once */
  gtk_window_close (GTK_WINDOW (dialog));
  tx_gui_wait (50);
  g_assert_null (tx_gui_find_visit_dialog ());
  g_assert_null (tx_gui_find_dialog ());

  /* typed: asks; Keep Editing keeps it, Discard throws it away */
  gtk_widget_activate (button);
  tx_gui_wait (400);
  dialog = tx_gui_find_visit_dialog ();
  gtk_editable_set_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, "living_row")), "孩子由奶奶照看");
  gtk_window_close (GTK_WINDOW (dialog));
  question = tx_gui_wait_dialog ();
  g_assert_nonnull (question);
  tx_gui_respond (question, "cancel");
  g_assert_true (tx_gui_find_visit_dialog () == dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, "living_row"))), ==,
                   "孩子由奶奶照看");
  gtk_window_close (GTK_WINDOW (dialog));
  question = tx_gui_wait_dialog ();
  tx_gui_respond (question, "discard");
  tx_gui_wait (100);
  g_assert_null (tx_gui_find_visit_dialog ());
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/calendar/counts", test_calendar);
  g_test_add_func ("/gui/calendar/long-day", test_long_day);
  g_test_add_func ("/gui/calendar/record-visit", test_record_visit);
  g_test_add_func ("/gui/calendar/visit-discard-asks", test_visit_discard_asks);
  g_test_add_func ("/gui/calendar/two-of-one-name", test_two_of_one_name);
  g_test_add_func ("/gui/calendar/urgent-reassessment", test_urgent_reassessment);
  g_test_add_func ("/gui/calendar/urgent-since-local", test_urgent_since_local);
  return g_test_run ();
}
