/* test-register.c — a child's time on the register in the window: the
 * roster's "Left the register" and "Ages out this month", the list of the
 * children who aged out at start (once), the calendar's ageing out, the
 * county's transfers, the age limits in Preferences; driven through the
 * real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Today" is 2026-11-25 (TONGXING_TODAY). Set TX_SCREENSHOTS to a folder
 * to have the screens saved there, named with the language.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "tx-preferences-window.h"
#include "tx-roster-item.h"
#include "tx-store-private.h"
#include "tx-sync-view.h"
#include "tx-transfers-group.h"
#include "../tx-test-login.h"

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("TX_SCREENSHOTS");
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *file = NULL, *path = NULL;

  if (dir == NULL)
    return;
  tx_gui_wait (300);
  file = g_strdup_printf ("%s-%s.png", name, language && *language ? language : "en");
  path = g_build_filename (dir, file, NULL);
  g_assert_true (tx_gui_save_png (widget, path));
  g_test_message ("%s", path);
}

/* A registered child of the fixture's family, born on @birth, living in
 * @village, registered on @registered */
static char *
add_child (TxStore    *store,
           const char *name,
           const char *birth,
           const char *village,
           const char *registered,
           guint       seq)
{
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *digits = g_strdup_printf ("511323%.4s%.2s%.2s%03u", birth, birth + 5, birth + 8, seq);
  g_autofree char *id_number = g_strdup_printf ("%s%c", digits, tx_id_check_digit (digits));
  char *id;

  tx_record_set_key (r, "name", name);
  tx_record_set_key (r, "birth_date", birth);
  tx_record_set_key (r, "id_number", id_number);
  tx_record_set_key (r, "residence_division", village);
  tx_record_set_key (r, "registration_date", registered);
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static TxStore *
new_store (const char *name,
           const char *township)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
  g_autoptr(GError) error = NULL;
  TxStore *store = tx_test_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", township, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static guint
roster_count (TxWindow *window)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window))));
}

static gboolean
roster_shows (TxWindow   *window,
              const char *text)
{
  return tx_gui_find_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)), text) != NULL;
}

/* Whether the roster's cell showing @text shows a tooltip when the pointer
 * rests on it: the cell answers GTK's question (query-tooltip), as GTK
 * asks it then. @chars: set to the length of the cell's whole line */
static gboolean
roster_tooltip (TxWindow   *window,
                const char *text,
                glong      *chars)
{
  GtkWidget *cell = tx_gui_find_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)), text);
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_assert_nonnull (cell);
  if (chars)
    *chars = g_utf8_strlen (GTK_IS_INSCRIPTION (cell) ? gtk_inscription_get_text (GTK_INSCRIPTION (cell))
                                                      : gtk_label_get_text (GTK_LABEL (cell)), -1);
  g_signal_emit_by_name (cell, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  return shown;
}

static const char *
roster_status (TxWindow *window)
{
  return gtk_label_get_text (GTK_LABEL (tx_roster_view_get_status_label (tx_window_get_roster_view (window))));
}

static guint
register_shown (TxWindow *window)
{
  return gtk_drop_down_get_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (tx_window_get_roster_view (window),
                                                                               "register")));
}

/* Picks the roster's place on the register by the keyboard: the drop-down
 * opens with Enter, Home goes to the first choice, the arrows move, Enter
 * picks */
static void
pick_register (TxWindow         *window,
               TxRosterRegister  which)
{
  GtkWidget *dd = tx_roster_view_get_filter (tx_window_get_roster_view (window), "register");

  gtk_widget_grab_focus (dd);
  tx_gui_x11_key (dd, GDK_KEY_Return, 0);
  tx_gui_wait (100);
  g_assert_true (gtk_widget_get_visible (tx_gui_dropdown_popover (dd)));
  tx_gui_x11_key (dd, GDK_KEY_Home, 0);
  for (guint i = 0; i < which; i++)
    tx_gui_x11_key (dd, GDK_KEY_Down, 0);
  tx_gui_x11_key (dd, GDK_KEY_Return, 0);
  tx_gui_wait (100);
  g_assert_false (gtk_widget_get_visible (tx_gui_dropdown_popover (dd)));
  tx_gui_wait_roster (window);
  g_assert_cmpuint (register_shown (window), ==, which);
}

static gboolean
ageing_done (gpointer window)
{
  return !tx_window_is_ageing_out (window);
}

/* The window's run at start has finished, and what it shows is up */
static void
wait_ageing (TxWindow *window)
{
  g_assert_true (tx_gui_wait_for (ageing_done, window, 20000));
  tx_gui_wait (100);
}

static const char *
register_of (TxStore    *store,
             const char *id)
{
  static char state[16];
  g_autoptr(TxRecord) r = tx_store_child_get (store, id, NULL);

  g_assert_nonnull (r);
  g_strlcpy (state, r->register_state ? r->register_state : "", sizeof state);
  return state;
}

/* The children of the roster tests: on the register, ageing out this month
 * and the next, moved away, aged out on 3 and 20 November, transferred away */
typedef struct {
  char *active, *this_month, *next_month, *moved, *aged, *aged_too, *transferred;
} Children;

static void
children_clear (Children *c)
{
  g_free (c->active);
  g_free (c->this_month);
  g_free (c->next_month);
  g_free (c->moved);
  g_free (c->aged);
  g_free (c->aged_too);
  g_free (c->transferred);
}

static void
make_children (const char *db,
               Children   *c)
{
  g_autoptr(TxStore) store = new_store (db, "220102001");
  g_autoptr(GError) error = NULL;
  g_autofree char *transfer = NULL;

  c->active = add_child (store, "王一", "2012-03-01", "220102001002", "2026-09-15", 101);
  c->this_month = add_child (store, "李二", "2010-11-28", "220102001002", "2026-09-15", 103);
  c->next_month = add_child (store, "赵三", "2010-12-10", "220102001001", "2026-09-15", 105);
  c->moved = add_child (store, "钱四", "2013-06-01", "220102001002", "2026-09-15", 107);
  c->aged = add_child (store, "孙五", "2010-11-20", "220102001002", "2026-09-15", 109);
  c->aged_too = add_child (store, "蒋小雨", "2010-11-03", "220102001001", "2026-09-15", 123);
  c->transferred = add_child (store, "周六", "2014-02-02", "220102001002", "2026-09-15", 111);
  g_assert_true (tx_store_child_exit (store, c->moved, TX_EXIT_MOVED_AWAY, "2026-10-01", "随父母迁往广州", &error));
  g_assert_no_error (error);
  transfer = tx_store_child_transfer (store, c->transferred, "220102002", "2026-11-01", "搬到自强街道", &error);
  g_assert_no_error (error);
  g_assert_nonnull (transfer);
}

/* At the first start after a birthday that ends a child's time on the
 * register, the window lists who aged out, once; Show in Roster lists
 * them under "Left the register"; the filters show the right children and
 * say when and why they left; the next start tells nothing again */
static void
test_aged_out_at_start (void)
{
  Children c = { 0 };
  g_autoptr(GError) error = NULL;
  TxWindow *window;
  TxRosterView *roster;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL, *left = NULL, *transferred = NULL, *status = NULL;

  make_children ("start.db", &c);
  window = tx_gui_new_window ("start.db", 0);
  roster = tx_window_get_roster_view (window);

  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  wait_ageing (window);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Child Left the Register by Age",
                                          "%u Children Left the Register by Age", 2), 2);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  /* name, village, birth date and the day, each child once */
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "蒋小雨"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "2026-11-03"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "孙五"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), tx_division_name ("220102001002")));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "2010-11-20"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "2026-11-20"));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (dialog), "李二"));
  g_assert_cmpstr (register_of (tx_gui_writer (window), c.aged), ==, TX_REGISTER_EXITED);
  screenshot (GTK_WIDGET (dialog), "aged-out");

  /* Show in Roster: those who left by age */
  tx_gui_respond (dialog, "show");
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_cmpuint (register_shown (window), ==, TX_ROSTER_REGISTER_LEFT);
  g_assert_cmpstr (tx_gui_dropdown_shows (tx_roster_view_get_filter (roster, "register")), ==, _("Left the register"));
  /* filters of due dates match nobody who left: they go meanwhile */
  g_assert_false (gtk_widget_get_visible (tx_roster_view_get_filter (roster, "overdue")));
  g_assert_cmpstr (tx_gui_dropdown_shows (tx_roster_view_get_filter (roster, "reason")), ==,
                   tx_exit_reason_label (TX_EXIT_AGED_OUT));
  g_assert_cmpuint (roster_count (window), ==, 2);
  g_assert_true (tx_gui_roster_has (window, "孙五"));
  g_assert_true (tx_gui_roster_has (window, "蒋小雨"));
  left = g_strdup_printf (_("Left %s: %s"), "2026-11-20", tx_exit_reason_label (TX_EXIT_AGED_OUT));
  g_assert_true (roster_shows (window, left));
  /* the whole of a line longer than the column when the pointer rests on
   * it (more than 20 characters: in English, not in Chinese); a name has none */
  {
    glong chars = 0;
    gboolean shown = roster_tooltip (window, left, &chars);

    g_assert_cmpint (shown, ==, chars > 20);
    g_assert_false (roster_tooltip (window, "孙五", NULL));
  }

  /* any reason: moved away and transferred too, in words; the count follows */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "reason")), 0);
  tx_gui_wait_roster (window);
  g_assert_cmpuint (roster_count (window), ==, 4);
  g_assert_true (tx_gui_roster_has (window, "钱四"));
  g_assert_true (tx_gui_roster_has (window, "周六"));
  g_assert_false (tx_gui_roster_has (window, "王一"));
  g_clear_pointer (&left, g_free);
  left = g_strdup_printf (_("Left %s: %s"), "2026-10-01", tx_exit_reason_label (TX_EXIT_MOVED_AWAY));
  g_assert_true (roster_shows (window, left));
  transferred = g_strdup_printf (_("Transferred to %s on %s"), tx_division_name ("220102002"), "2026-11-01");
  g_assert_true (roster_shows (window, transferred));
  status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child left the register · %lld key care",
                                         "%u children left the register · %lld key care", 4), 4, (long long) 0);
  /* the number of those who left, whatever the key-care count after it */
  *strstr (status, " · ") = 0;
  g_assert_true (g_str_has_prefix (roster_status (window), status));
  screenshot (GTK_WIDGET (window), "roster-exited");

  /* an exited child's form opens as any other */
  {
    GtkWidget *view = tx_roster_view_get_column_view (roster);
    g_autoptr(TxRosterItem) first = g_list_model_get_item (G_LIST_MODEL (tx_roster_view_get_model (roster)), 0);

    g_signal_emit_by_name (view, "activate", 0);
    tx_gui_wait (50);
    g_assert_cmpstr (tx_window_get_page (window), ==, "form");
    g_assert_cmpstr (tx_form_view_get_id (tx_window_get_form_view (window)), ==, tx_roster_item_get_id (first));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
    tx_gui_wait_roster (window);
  }

  /* by the keyboard: who ages out this month */
  pick_register (window, TX_ROSTER_REGISTER_AGES_OUT);
  g_assert_false (gtk_widget_get_visible (tx_roster_view_get_filter (roster, "reason")));
  g_assert_true (gtk_widget_get_visible (tx_roster_view_get_filter (roster, "overdue")));
  g_assert_cmpuint (roster_count (window), ==, 1);
  g_assert_true (tx_gui_roster_has (window, "李二"));

  /* the register today: who ages out within a month is said quietly */
  pick_register (window, TX_ROSTER_REGISTER_ACTIVE);
  g_assert_cmpuint (roster_count (window), ==, 3);
  g_assert_true (tx_gui_roster_has (window, "王一") && tx_gui_roster_has (window, "李二"));
  g_assert_true (tx_gui_roster_has (window, "赵三"));
  {
    g_autofree char *soon = g_strdup_printf (_("Ages out on %s"), "2026-11-28");
    g_autofree char *later = g_strdup_printf (_("Ages out on %s"), "2026-12-10");

    g_assert_true (roster_shows (window, soon));
    g_assert_true (roster_shows (window, later));
    g_assert_true (roster_tooltip (window, soon, NULL));
    screenshot (GTK_WIDGET (window), "roster-ageing");
  }
  /* those who left, again, of any reason */
  pick_register (window, TX_ROSTER_REGISTER_LEFT);
  g_assert_cmpuint (roster_count (window), ==, 4);

  /* the township's own transfer, read only, in the Sync view */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  tx_gui_wait_for (tx_gui_sync_idle, tx_window_get_sync_view (window), 20000);
  {
    TxTransfersGroup *transfers = tx_sync_view_get_transfers (tx_window_get_sync_view (window));
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (tx_transfers_group_get_list (transfers, "waiting"), 0));

    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (transfers)));
    g_assert_nonnull (row);
    g_assert_null (g_object_get_data (G_OBJECT (row), "accept"));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), _("waiting for the county")));
  }
  tx_gui_close_window (window);

  /* the next start: nobody new to tell of */
  window = tx_gui_new_window ("start.db", 0);
  wait_ageing (window);
  g_assert_null (tx_gui_find_dialog ());
  tx_gui_close_window (window);
  children_clear (&c);
}

/* The calendar: the children who age out this month are one entry that
 * opens the roster's filter, and a child due in the month of their
 * birthday says so in the day's list */
static void
test_calendar (void)
{
  Children c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) late = NULL;
  g_autofree char *late_id = NULL, *subtitle = NULL, *ages = NULL;
  TxWindow *window;
  TxCalendarView *calendar;
  GDate due;

  make_children ("calendar.db", &c);
  {
    g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "calendar.db", NULL);
    g_autoptr(TxStore) store = tx_test_open (path, &error);

    /* registered on the 20th: due in December, the month of the birthday */
    late_id = add_child (store, "吴七", "2010-12-28", "220102001002", "2026-11-20", 113);
    late = tx_store_child_get (store, late_id, &error);
    g_assert_no_error (error);
  }
  window = tx_gui_new_window ("calendar.db", 0);
  wait_ageing (window);
  tx_gui_respond (tx_gui_wait_dialog (), "close");
  calendar = tx_window_get_calendar_view (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  tx_calendar_view_refresh (calendar);
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, calendar, 20000));

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child leaves the register by age before %s",
                                           "%u children leave the register by age before %s", 1), 1, "2026-12-01");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (tx_calendar_view_get_ageing_row (calendar))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (tx_calendar_view_get_ageing_row (calendar))), ==,
                   subtitle);
  screenshot (GTK_WIDGET (window), "calendar-ageing");

  /* the day of 吴七's first visit, in December */
  g_assert_true (tx_date_parse (late->next_visit_due, &due));
  g_assert_cmpuint (g_date_get_month (&due), ==, 12);
  tx_calendar_view_show_month (calendar, 2026, 12);
  tx_calendar_view_select_day (calendar, g_date_get_day (&due));
  g_assert_true (tx_gui_wait_for (tx_gui_calendar_idle, calendar, 20000));
  ages = g_strdup_printf (_("%s · ages out on %s"), _("Home visit due"), "2026-12-28");
  g_assert_true (tx_gui_wait_text (tx_calendar_view_get_day_list (calendar), ages, 5000));

  /* the entry opens the roster's "Ages out this month", by the keyboard */
  gtk_widget_grab_focus (tx_calendar_view_get_ageing_row (calendar));
  tx_gui_x11_key (tx_calendar_view_get_ageing_row (calendar), GDK_KEY_Return, 0);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  g_assert_cmpuint (register_shown (window), ==, TX_ROSTER_REGISTER_AGES_OUT);
  g_assert_cmpuint (roster_count (window), ==, 1);
  g_assert_true (tx_gui_roster_has (window, "李二"));
  tx_gui_close_window (window);
  children_clear (&c);
}

/* A transfer offered by a township, as it reaches the county in the
 * township's exchange file */
static char *
offer (TxStore    *county,
       const char *child,
       const char *to,
       const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  sql = g_strdup_printf ("INSERT INTO transfer (uuid, child, from_township, to_township, date, offered_at, "
                         "offered_by, offer_note, station, state) VALUES ('%s', '%s', '220102001', '%s', "
                         "'2026-11-10', '2026-11-12T02:00:00Z', '李春梅', '%s', 'township-1', 'offered')",
                         uuid, child, to, note);
  g_assert_true (tx_store_exec (county, sql, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&uuid);
}

static GtkWidget *
transfer_row (TxTransfersGroup *group,
              const char       *which,
              const char       *id)
{
  GtkListBox *list = tx_transfers_group_get_list (group, which);

  for (int i = 0; gtk_list_box_get_row_at_index (list, i); i++)
    {
      GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (list, i));
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "transfer-id"), id) == 0)
        return row;
    }
  return NULL;
}

/* The county's transfers: those waiting first, with Accept and Refuse…;
 * accepting gives the child to the new township, refusing asks why */
static void
test_county_transfers (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *ta = NULL, *tb = NULL;
  g_autoptr(TxTransfer) accepted = NULL;
  g_autoptr(TxTransfer) refused = NULL;
  g_autoptr(TxRecord) moved = NULL;
  TxWindow *window;
  TxSyncView *sync;
  TxTransfersGroup *group;
  GtkWidget *row, *refuse, *entry;
  AdwMessageDialog *dialog;

  {
    g_autoptr(TxStore) county = new_store ("county.db", NULL);

    g_assert_true (tx_store_set_setting (county, TX_SETTING_EDITOR, "王科长", &error));

    a = add_child (county, "刘八", "2015-04-04", "220102001002", "2026-09-15", 115);
    b = add_child (county, "陈九", "2016-05-05", "220102001001", "2026-09-15", 117);
    c = add_child (county, "褚十二", "2017-06-06", "220102001002", "2026-09-15", 125);
    ta = offer (county, a, "220102002", "随奶奶搬家");
    tb = offer (county, b, "220102002", "");
    g_free (offer (county, c, "220102003", "父母换了工作"));
  }
  window = tx_gui_new_window ("county.db", 0);
  wait_ageing (window);
  sync = tx_window_get_sync_view (window);
  group = tx_sync_view_get_transfers (sync);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (group)));
  row = transfer_row (group, "waiting", ta);
  g_assert_nonnull (row);
  g_assert_nonnull (transfer_row (group, "waiting", tb));
  g_assert_nonnull (tx_gui_find_text (row, "刘八"));
  g_assert_nonnull (tx_gui_find_text (row, tx_division_name ("220102002")));
  g_assert_nonnull (tx_gui_find_text (row, "随奶奶搬家"));
  g_assert_nonnull (tx_gui_find_text (row, "李春梅"));

  /* Accept, by the keyboard: the child goes to the new township */
  gtk_widget_grab_focus (g_object_get_data (G_OBJECT (row), "accept"));
  tx_gui_x11_key (row, GDK_KEY_Return, 0);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));
  accepted = tx_store_transfer_get (tx_gui_writer (window), ta, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (accepted->state, ==, TX_TRANSFER_ACCEPTED);
  moved = tx_store_child_get (tx_gui_writer (window), a, &error);
  g_assert_cmpstr (tx_record_get_key (moved, "residence_division"), ==, "220102002000");
  g_assert_null (transfer_row (group, "waiting", ta));
  g_assert_nonnull (transfer_row (group, "decided", ta));
  screenshot (GTK_WIDGET (group), "transfers");

  /* Refuse…: a reason is asked for, and needed */
  row = transfer_row (group, "waiting", tb);
  refuse = g_object_get_data (G_OBJECT (row), "refuse");
  gtk_widget_grab_focus (refuse);
  tx_gui_x11_key (refuse, GDK_KEY_Return, 0);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "refuse"));
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (dialog)),
                                                                         entry));
  tx_gui_commit_text (GTK_WINDOW (dialog), "自强街道无此住址");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "refuse"));
  tx_gui_respond (dialog, "refuse");
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 20000));
  refused = tx_store_transfer_get (tx_gui_writer (window), tb, &error);
  g_assert_cmpstr (refused->state, ==, TX_TRANSFER_REFUSED);
  g_assert_cmpstr (refused->note, ==, "自强街道无此住址");
  g_assert_nonnull (transfer_row (group, "decided", tb));
  g_assert_nonnull (tx_gui_find_text (transfer_row (group, "decided", tb), "自强街道无此住址"));
  g_assert_nonnull (tx_gui_find_text (transfer_row (group, "decided", tb), tx_test_user ()));
  /* 褚十二's still waits, alone */
  g_assert_nonnull (gtk_list_box_get_row_at_index (tx_transfers_group_get_list (group, "waiting"), 0));
  g_assert_null (gtk_list_box_get_row_at_index (tx_transfers_group_get_list (group, "waiting"), 1));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (tx_transfers_group_get_list (group, "waiting")), "褚十二"));
  tx_gui_close_window (window);
}

static gboolean
preferences_idle (gpointer prefs)
{
  return !tx_preferences_window_is_busy (prefs);
}

/* Age limits in Preferences: saved, then the children past them leave at
 * once and are listed as at start; Show in Roster lists them */
static void
test_age_limits (void)
{
  g_autofree char *young = NULL, *old = NULL, *heading = NULL;
  TxWindow *window;
  TxPreferencesWindow *prefs;
  GtkWidget *migrant, *button;
  AdwMessageDialog *dialog;
  TxAgeLimits limits;

  {
    g_autoptr(TxStore) store = new_store ("limits.db", "220102001");

    young = add_child (store, "郑十", "2012-02-02", "220102001002", "2026-09-15", 119);
    old = add_child (store, "冯十一", "2011-03-01", "220102001002", "2026-09-15", 121);
  }
  window = tx_gui_new_window ("limits.db", 0);
  wait_ageing (window);
  g_assert_null (tx_gui_find_dialog ());

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  tx_gui_wait (100);
  prefs = TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE));
  g_assert_nonnull (prefs);
  migrant = tx_preferences_window_get_widget (prefs, "migrant_spin");
  button = tx_preferences_window_get_widget (prefs, "ages_button");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (migrant)), ==, 16);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
    GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "left_behind_spin"))), ==, 16);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (
    GTK_SPIN_BUTTON (tx_preferences_window_get_widget (prefs, "distressed_spin"))), ==, 18);
  g_assert_false (gtk_widget_get_sensitive (button));
  screenshot (GTK_WIDGET (prefs), "age-limits");

  /* migrant children under 15: 冯十一, 15 since March, leaves */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (migrant), 15);
  g_assert_true (gtk_widget_get_sensitive (button));
  /* by the keyboard: the button is below the fold of the page */
  gtk_widget_grab_focus (button);
  tx_gui_x11_key (button, GDK_KEY_Return, 0);
  g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 20000));
  tx_store_get_age_limits (tx_gui_writer (window), &limits);
  g_assert_cmpint (limits.migrant, ==, 15);
  g_assert_cmpint (limits.distressed, ==, 18);
  g_assert_cmpstr (register_of (tx_gui_writer (window), old), ==, TX_REGISTER_EXITED);
  g_assert_cmpstr (register_of (tx_gui_writer (window), young), ==, TX_REGISTER_ACTIVE);

  /* told as at start, though the birthday is long past */
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Child Left the Register by Age",
                                          "%u Children Left the Register by Age", 1), 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "冯十一"));
  g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (dialog), "2026-03-01"));
  tx_gui_respond (dialog, "show");
  tx_gui_wait (100);
  tx_gui_wait_roster (window);
  g_assert_null (TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE)));
  g_assert_cmpuint (register_shown (window), ==, TX_ROSTER_REGISTER_LEFT);
  g_assert_cmpuint (roster_count (window), ==, 1);
  g_assert_true (tx_gui_roster_has (window, "冯十一"));
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/register/aged-out-at-start", test_aged_out_at_start);
  g_test_add_func ("/gui/register/calendar", test_calendar);
  g_test_add_func ("/gui/register/county-transfers", test_county_transfers);
  g_test_add_func ("/gui/register/age-limits", test_age_limits);
  return g_test_run ();
}
