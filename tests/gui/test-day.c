/* test-day.c — a township supervisor's first working day, through the real window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Driven by tests/test-day.py, which kills it with SIGKILL at the end of the
 * day (a power cut) and then starts it again to see what the next morning
 * shows. Everything a person does goes through the window: real key presses
 * and clicks on the X server (XTest), Chinese put in as an input method
 * commits it; what is checked is what the screen shows. Meanwhile
 * tongxing-cli works on the same store, as a supervisor at the command line
 * would.
 *
 *   test-day first DATABASE CLI OUT    the day, from an empty database; prints
 *                                      "ready for the power cut" and waits
 *   test-day morning DATABASE CLI OUT  the window opened again after the cut
 *
 * The file choosers of Export and Print are the one step not taken by hand:
 * the views' export_to() is what a chosen file leads to.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "tx-login-view.h"
#include "../tx-test-login.h"
#include "tx-reports-view.h"
#include "tx-setup-view-private.h"
#include "tx-sync-view.h"
#include "../tx-test-login.h"

static const char *db_path, *cli_path, *out_dir;

static void
step (const char *what)
{
  /* the driver shows where a failing day stopped */
  printf ("# %s\n", what);
  fflush (stdout);
}

/* Runs tongxing-cli on the window's store, as another program */
static char *
cli (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) cli_path);
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db_path);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  /* it runs while the window's main loop waits: short commands only */
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error))
    g_error ("tongxing-cli: %s", error->message);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("tongxing-cli %s failed: %s", args[0], err);
  return out;
}

/* Waits until the screen under @root shows @text */
static void
assert_shows (GtkWidget  *root,
              const char *text)
{
  if (!tx_gui_wait_text (root, text, 10000))
    g_error ("the screen does not show “%s”", text);
}

static gboolean
roster_shows (TxWindow   *window,
              const char *text)
{
  return tx_gui_find_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)), text) != NULL;
}

static gboolean
visit_dialog_gone (gpointer data)
{
  return tx_gui_find_visit_dialog () == NULL;
}

static TxWindow *
open_window (void)
{
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);

  /* as the application opens it */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 860);
  tx_window_open_database (window, db_path);
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (300);
  return window;
}

static void
key (TxWindow        *window,
     guint            keyval,
     GdkModifierType  mods)
{
  tx_gui_x11_key (GTK_WIDGET (window), keyval, mods);
  tx_gui_wait (100);
}

/* Clicks an input of the form, scrolled to first as a person scrolls to it */
static void
click_input (TxFormView *form,
             const char *key)
{
  GtkWidget *input = tx_form_view_get_input (form, key);

  gtk_widget_grab_focus (input);
  tx_gui_wait (150);
  tx_gui_x11_click (input);
  g_assert_true (tx_gui_focus_in (TX_WINDOW (gtk_widget_get_root (input)), form, key));
}

static void
set_up (TxWindow *window)
{
  TxSetupView *setup;

  step ("first run: the setup screen");
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  setup = TX_SETUP_VIEW (tx_window_get_setup_view (window));
  /* the places, picked by typing in their lists (Alt+P, then the search) */
  key (window, GDK_KEY_p, GDK_ALT_MASK);
  if (gtk_widget_get_visible (tx_gui_dropdown_popover (tx_setup_view_get_level_dropdown (setup, 0))))
    key (window, GDK_KEY_Escape, 0);   /* the mnemonic opened the list: typing opens it again */
  tx_gui_pick_by_typing (GTK_WINDOW (window), tx_setup_view_get_level_dropdown (setup, 0), "j", "吉");
  tx_gui_pick_by_typing (GTK_WINDOW (window), tx_setup_view_get_level_dropdown (setup, 1), "c", "长");
  tx_gui_pick_by_typing (GTK_WINDOW (window), tx_setup_view_get_level_dropdown (setup, 2), "n", "南关");
  tx_gui_pick_by_typing (GTK_WINDOW (window), tx_setup_view_get_level_dropdown (setup, 3), "n", "南岭");
  g_assert_cmpstr (tx_gui_dropdown_shows (tx_setup_view_get_level_dropdown (setup, 3)), ==, "南岭街道");
  step ("the places picked");
  /* the names, clicked into and typed */
  tx_gui_x11_click (tx_setup_view_get_name_row (setup));
  tx_gui_commit_text (GTK_WINDOW (window), "南岭街道儿童督导员工作站");
  tx_gui_x11_click (tx_setup_view_get_supervisor_row (setup));
  tx_gui_commit_text (GTK_WINDOW (window), "李春梅");
  step ("the names typed");
  /* her password, twice: Alt+R, then Alt+G */
  {
    g_autofree char *password = tx_test_password ();
    TxLoginView *login = TX_LOGIN_VIEW (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_LOGIN_VIEW));

    key (window, GDK_KEY_r, GDK_ALT_MASK);
    tx_gui_x11_type (GTK_WIDGET (window), password);
    key (window, GDK_KEY_g, GDK_ALT_MASK);
    tx_gui_x11_type (GTK_WIDGET (window), password);
    step ("the password typed twice");
    /* Alt+U: Set Up; the recovery key, once, then Enter: I have kept it */
    key (window, GDK_KEY_u, GDK_ALT_MASK);
    for (int i = 0; i < 300 && g_strcmp0 (tx_login_view_get_page (login), "key") != 0; i++)
      tx_gui_wait (50);
    g_assert_cmpstr (tx_window_get_page (window), ==, "login");
    g_assert_cmpstr (tx_login_view_get_page (login), ==, "key");
    step ("the recovery key shown");
    key (window, GDK_KEY_Return, 0);
  }
  assert_shows (GTK_WIDGET (window), _("This workstation is set up. Press Ctrl+N to register a child."));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  assert_shows (GTK_WIDGET (window), _("No Children Registered Yet"));
}

static void
register_child (TxWindow *window)
{
  g_autoptr(TxRecord) paper = tx_gui_fixture ();
  TxFormView *form;
  AdwMessageDialog *dialog;
  GtkWidget *row;

  step ("Ctrl+N: the first registration form");
  key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  form = tx_window_get_form_view (window);

  /* the paper form's answers; the name and the identity number typed, the
   * phone and the child's residence permit not yet known */
  tx_gui_fill_form (form, paper);
  for (const char *const *k = (const char *const[]) { "name", "id_number", "birth_date", "gender",
                                                      "contact_phone", "child_permit", NULL }; *k; k++)
    tx_form_view_set_value (form, *k, NULL);
  click_input (form, "name");
  tx_gui_commit_text (GTK_WINDOW (window), "张小明");
  click_input (form, "id_number");
  tx_gui_x11_type (tx_form_view_get_input (form, "id_number"), "511323201805141234");
  key (window, GDK_KEY_Tab, 0);
  {
    /* the identity number gave the birth date and the gender */
    g_autoptr(TxRecord) shown = tx_form_view_collect (form);
    g_assert_cmpstr (tx_record_get_key (shown, "birth_date"), ==, "2018-05-14");
    g_assert_cmpstr (tx_record_get_key (shown, "gender"), ==, "male");
  }

  step ("Ctrl+S with two answers missing: keep editing, fix them from the problem list");
  key (window, GDK_KEY_s, GDK_CONTROL_MASK);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  key (window, GDK_KEY_Escape, 0);   /* keep editing */
  g_assert_null (tx_gui_find_dialog ());
  g_assert_cmpuint (tx_gui_n_summary_rows (form), ==, 2);
  row = tx_gui_summary_row (form, "contact_phone");
  g_assert_nonnull (row);
  tx_gui_click_row (row);
  g_assert_true (tx_gui_focus_in (window, form, "contact_phone"));
  tx_gui_x11_type (gtk_root_get_focus (GTK_ROOT (window)), "13844556677");
  tx_gui_assert_responsive ();
  g_assert_cmpuint (tx_gui_n_summary_rows (form), ==, 1);
  row = tx_gui_summary_row (form, "child_permit");
  g_assert_nonnull (row);
  tx_gui_click_row (row);
  tx_gui_assert_responsive ();
  g_assert_true (tx_gui_focus_in (window, form, "child_permit"));
  key (window, GDK_KEY_space, 0);   /* 已办理, the first choice */
  g_assert_cmpuint (tx_gui_n_summary_rows (form), ==, 0);

  step ("Ctrl+S: saved");
  key (window, GDK_KEY_s, GDK_CONTROL_MASK);
  tx_gui_wait_saved (window);
  g_assert_null (tx_gui_find_dialog ());
  g_assert_nonnull (tx_form_view_get_id (form));
  g_assert_false (tx_form_view_is_dirty (form));
  assert_shows (GTK_WIDGET (window), _("Saved"));
  /* the form now says what the record is */
  assert_shows (GTK_WIDGET (form), _("Key-care child"));
}

static void
find_child (TxWindow *window)
{
  GtkWidget *search = tx_roster_view_get_search_entry (tx_window_get_roster_view (window));

  step ("Alt+Left: back to the roster; the child is there, complete");
  key (window, GDK_KEY_Left, GDK_ALT_MASK);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_true (roster_shows (window, "张小明"));
  g_assert_true (roster_shows (window, _("Complete")));
  g_assert_false (roster_shows (window, _("Draft")));

  step ("Ctrl+F, zxm: found by the initials of the name");
  key (window, GDK_KEY_f, GDK_CONTROL_MASK);
  tx_gui_x11_type (search, "zxm");
  tx_gui_wait (300);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, "张小明"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)))),
                    ==, 1);
  /* cleared again, by keyboard */
  key (window, GDK_KEY_a, GDK_CONTROL_MASK);
  key (window, GDK_KEY_BackSpace, 0);
  tx_gui_wait (300);
  tx_gui_wait_roster (window);
}

static gboolean
roster_has_second (gpointer data)
{
  return roster_shows (data, "李可");
}

static char *
command_line_meanwhile (TxWindow *window)
{
  g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
  g_autofree char *listed = NULL, *second = NULL, *second_json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *rows;
  char *id = NULL;

  step ("tongxing-cli on the same store, the window open");
  listed = cli ((const char *const[]) { "child", "list", "--json", NULL });
  g_assert_true (json_parser_load_from_data (parser, listed, -1, NULL));
  rows = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, 0), "name"), ==, "张小明");
  id = g_strdup (json_object_get_string_member (json_array_get_object_element (rows, 0), "id"));
  /* the window's log is still the store's log */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* a second child registered from the command line shows in the window:
   * the paper form of another child, as a JSON file */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "child-complete.json", NULL);
    g_autoptr(JsonParser) paper = json_parser_new ();
    JsonObject *o;

    g_assert_true (json_parser_load_from_file (paper, path, NULL));
    o = json_node_get_object (json_parser_get_root (paper));
    json_object_set_string_member (o, "name", "李可");
    json_object_set_string_member (o, "id_number", "220102201703210021");
    json_object_set_string_member (o, "birth_date", "2017-03-21");
    json_object_set_string_member (o, "gender", "female");
    second_json = tx_json_to_string (json_parser_get_root (paper), FALSE);
  }
  second = g_build_filename (out_dir, "second.json", NULL);
  g_assert_true (g_file_set_contents (second, second_json, -1, NULL));
  g_free (cli ((const char *const[]) { "child", "add", second, NULL }));
  if (!tx_gui_wait_for (roster_has_second, window, 8000))
    g_error ("the roster does not show the child tongxing-cli registered");
  return id;
}

static void
record_visit (TxWindow   *window,
              const char *child_id)
{
  TxCalendarView *cal = tx_window_get_calendar_view (window);
  GtkWidget *overdue = tx_calendar_view_get_overdue_list (cal);
  GtkWidget *row, *button;
  TxVisitDialog *dialog;
  g_autoptr(GPtrArray) ids = NULL;
  gboolean listed = FALSE;

  step ("Alt+2: the calendar; the child is overdue (key care, every 15 days)");
  key (window, GDK_KEY_2, GDK_ALT_MASK);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 20000));
  tx_gui_wait (200);
  ids = tx_gui_list_child_ids (overdue);
  for (guint i = 0; i < ids->len; i++)
    listed |= g_str_equal (ids->pdata[i], child_id);
  g_assert_true (listed);
  row = tx_gui_find_child_row (overdue, child_id);
  g_assert_nonnull (row);
  /* told apart from a namesake: age and village on the row */
  g_assert_nonnull (tx_gui_find_text (row, "恒安社区"));
  button = tx_gui_find_button (row);
  g_assert_nonnull (button);

  step ("Record Visit: the work-log entry, Ctrl+S");
  tx_gui_x11_click (button);
  tx_gui_wait (400);
  dialog = tx_gui_find_visit_dialog ();
  g_assert_nonnull (dialog);
  /* the visitor is the supervisor the setup named */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_visit_dialog_get_row (dialog, "visitor_row"))), ==,
                   "李春梅");
  tx_gui_x11_click (tx_visit_dialog_get_row (dialog, "living_row"));
  tx_gui_commit_text (GTK_WINDOW (dialog), "住房整洁，饮食正常，按时上学");
  tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_s, GDK_CONTROL_MASK);
  g_assert_true (tx_gui_wait_for (visit_dialog_gone, NULL, 10000));
  assert_shows (GTK_WIDGET (window), _("Visit recorded"));
  /* the calendar moved on: no longer overdue */
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, cal, 20000));
  tx_gui_wait (200);
  g_assert_null (tx_gui_find_child_row (overdue, child_id));
}

static void
export_reports (TxWindow *window)
{
  TxReportsView *reports = tx_window_get_reports_view (window);
  g_autofree char *visits = g_build_filename (out_dir, "visits.pdf", NULL);
  g_autofree char *ledger = g_build_filename (out_dir, "ledger.xlsx", NULL);

  step ("Alt+3: the month's visit log and the ledger, exported");
  key (window, GDK_KEY_3, GDK_ALT_MASK);
  tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), >=, 1);
  {
    g_autoptr(GFile) file = g_file_new_for_path (visits);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_true (g_file_test (visits, G_FILE_TEST_EXISTS));
  tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (ledger);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_true (g_file_test (ledger, G_FILE_TEST_EXISTS));
}

static void
send_to_county (TxWindow *window)
{
  TxSyncView *sync = tx_window_get_sync_view (window);
  g_autofree char *county_path = g_build_filename (out_dir, "county.db", NULL);
  g_autofree char *county_file = g_build_filename (out_dir, "county.identity", NULL);
  g_autofree char *own_file = g_build_filename (out_dir, "township.identity", NULL);
  g_autofree char *bundle = g_build_filename (out_dir, "to-county.txb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStation) county_self = NULL, own = NULL;
  g_autofree char *county_text = NULL;

  step ("Alt+4: tell the county who we are, take the county's file, send to the county");
  key (window, GDK_KEY_4, GDK_ALT_MASK);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));
  /* no partner yet: the first steps are shown */
  g_assert_nonnull (tx_sync_view_get_guide (sync));
  {
    /* the county office's own PC, elsewhere */
    g_autoptr(TxStore) county = tx_test_open (county_path, &error);
    g_assert_no_error (error);
    g_assert_true (tx_station_init_workstation (county, "220102", NULL, "南关区民政局", &error));
    county_self = tx_station_self (county, &error);
    county_text = tx_station_identity_text (county, &error);
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (county_file, county_text, -1, NULL));
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path (own_file);
    tx_sync_view_save_identity (sync, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));
  g_assert_nonnull (tx_sync_view_get_result (sync, "station"));
  {
    g_autoptr(GFile) file = g_file_new_for_path (county_file);
    /* the check code, read out over the phone */
    tx_sync_view_trust_file (sync, file, county_self->fingerprint);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));
  assert_shows (GTK_WIDGET (sync), "南关区民政局");
  {
    g_autoptr(GFile) file = g_file_new_for_path (bundle);
    tx_sync_view_export_to (sync, county_self->id, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 60000));
  g_assert_true (g_file_test (bundle, G_FILE_TEST_EXISTS));
  g_assert_nonnull (tx_sync_view_get_result (sync, "partners"));
  {
    g_autoptr(TxStore) reader = tx_test_open (db_path, &error);
    own = tx_station_self (reader, &error);
    g_assert_no_error (error);
  }
  /* for the county to trust this station's file */
  printf ("fingerprint %s\n", own->fingerprint);
  fflush (stdout);
}

static void
start_typing_then_power_cut (TxWindow *window)
{
  TxFormView *form;

  step ("Ctrl+N: a third child, typing when the power goes");
  key (window, GDK_KEY_1, GDK_ALT_MASK);
  key (window, GDK_KEY_n, GDK_CONTROL_MASK);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  form = tx_window_get_form_view (window);
  click_input (form, "name");
  tx_gui_commit_text (GTK_WINDOW (window), "王小红");
  click_input (form, "contact_phone");
  tx_gui_x11_type (tx_form_view_get_input (form, "contact_phone"), "13912345678");
  g_assert_true (tx_form_view_is_dirty (form));
  /* the form keeps the typing every few seconds */
  tx_gui_wait (7000);
  printf ("ready for the power cut\n");
  fflush (stdout);
  for (;;)
    tx_gui_wait (1000);
}

static void
first_day (void)
{
  TxWindow *window = open_window ();
  g_autofree char *child_id = NULL;

  set_up (window);
  register_child (window);
  find_child (window);
  child_id = command_line_meanwhile (window);
  record_visit (window, child_id);
  export_reports (window);
  send_to_county (window);
  start_typing_then_power_cut (window);
}

static void
next_morning (void)
{
  TxWindow *window = open_window ();
  AdwMessageDialog *dialog;
  TxFormView *form = tx_window_get_form_view (window);

  step ("the next morning: 李春梅 logs in (the only name, chosen), password and Enter");
  {
    g_autofree char *password = tx_test_password ();

    g_assert_cmpstr (tx_window_get_page (window), ==, "login");
    tx_gui_x11_type (GTK_WIDGET (window), password);
    key (window, GDK_KEY_Return, 0);
  }
  step ("the typing of the form open at the power cut is offered back");
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "王小红"));
  key (window, GDK_KEY_Return, 0);   /* Restore, the default */
  tx_gui_wait (200);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "王小红");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "contact_phone"))), ==,
                   "13912345678");

  step ("the roster holds both children, the visit moved the first one on");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-draft", NULL);
  tx_gui_wait_saved (window);
  key (window, GDK_KEY_Left, GDK_ALT_MASK);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, "张小明"));
  g_assert_true (roster_shows (window, "李可"));
  g_assert_true (roster_shows (window, "王小红"));
  g_assert_true (roster_shows (window, _("Draft")));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (100);
}

int
main (int    argc,
      char **argv)
{
  if (argc != 5)
    {
      fprintf (stderr, "usage: %s first|morning DATABASE CLI OUT\n", argv[0]);
      return 2;
    }
  db_path = argv[2];
  cli_path = argv[3];
  out_dir = argv[4];
  argc = 1;
  tx_gui_test_init (&argc, &argv);
  g_assert_true (tx_gui_x11_available ());
  if (g_str_equal (argv[1], "first"))
    first_day ();
  else
    next_morning ();
  step ("done");
  return 0;
}
