/* tx-screenshot.c — renders the main screens for the README
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: tx-screenshot OUTDIR FIXTURE.json
 * Run under Xvfb (tools/screenshots.sh). Makes a demo township in a
 * temporary folder and writes setup.png (the first run), roster.png,
 * form-empty.png, form-errors.png, form-filled.png, form-problems.png and
 * the other views' pictures in the UI language of the environment.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "tx-gui-test-util.h"
#include "tx-calendar-view.h"
#include "tx-visit-dialog.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-setup-view-private.h"
#include "tx-sync-view.h"
#include "../tx-test-login.h"

static TxRecord *
load_fixture (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = tx_input_problems_new ();
  TxRecord *r = tx_record_new ();

  if (!json_parser_load_from_file (parser, path, NULL))
    g_error ("cannot read %s", path);
  tx_json_apply_object (json_node_get_object (json_parser_get_root (parser)), r, problems);
  return r;
}

static void
shoot (GtkWidget  *window,
       const char *dir,
       const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  tx_gui_wait (400);
  if (!tx_gui_save_png (window, path))
    g_error ("could not render %s", path);
  g_print ("%s\n", path);
}

int
main (int argc, char *argv[])
{
  g_autofree char *tmp = NULL, *db = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) fixture = NULL;
  g_autoptr(GError) error = NULL;
  TxWindow *window;
  TxFormView *form;

  if (argc != 3)
    {
      g_printerr ("usage: %s OUTDIR FIXTURE.json\n", argv[0]);
      return 2;
    }
  tx_core_init ();
  gtk_init ();
  adw_init ();
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
    gtk_css_provider_load_from_resource (css, "/io/github/tongxing/Tongxing/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                      "/io/github/tongxing/Tongxing/icons");
  }
  g_mkdir_with_parents (argv[1], 0755);
  fixture = load_fixture (argv[2]);

  tmp = g_dir_make_tmp ("tongxing-shots-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (tmp, "demo.db", NULL);
  store = tx_test_open (db, &error);
  g_assert_no_error (error);
  tx_station_init_workstation (store, "220102", "220102001", "南岭街道儿童督导员工作站", &error);
  tx_store_set_setting (store, TX_SETTING_EDITOR, "李春梅", &error);
  tx_store_set_setting (store, TX_SETTING_SUPERVISOR, "李春梅", &error);
  tx_store_set_setting (store, TX_SETTING_DIRECTORS, "王建国，张丽，刘洪", &error);
  tx_demo_generate (store, 2000, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) told = NULL;
    GDate today;

    /* told already: the screens, not the list of a first start */
    tx_date_today (&today);
    told = tx_store_ageing_out_tell (store, &today, &error);
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  /* the first run, on an empty database: the places picked by typing */
  {
    g_autofree char *fresh = g_build_filename (tmp, "fresh.db", NULL);
    TxWindow *first = g_object_new (TX_TYPE_WINDOW, "default-width", 1280, "default-height", 820, NULL);
    TxSetupView *setup;

    tx_window_open_database (first, fresh);
    gtk_window_present (GTK_WINDOW (first));
    tx_gui_wait (200);
    setup = TX_SETUP_VIEW (tx_window_get_setup_view (first));
    tx_setup_view_select_code (setup, 0, "22");
    tx_setup_view_select_code (setup, 1, "2201");
    tx_setup_view_select_code (setup, 2, "220102");
    tx_setup_view_select_code (setup, 3, "220102001");
    gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_name_row (setup)), "南岭街道儿童督导员工作站");
    gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_supervisor_row (setup)), "李春梅");
    shoot (GTK_WIDGET (first), argv[1], "setup.png");
    gtk_window_destroy (GTK_WINDOW (first));
    tx_gui_wait (50);
    {
      g_autofree char *wal = g_strconcat (fresh, "-wal", NULL);
      g_autofree char *shm = g_strconcat (fresh, "-shm", NULL);
      g_unlink (fresh);
      g_unlink (wal);
      g_unlink (shm);
    }
  }

  window = g_object_new (TX_TYPE_WINDOW, "default-width", 1280, "default-height", 820, NULL);
  tx_window_open_database (window, db);
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait_roster (window);
  shoot (GTK_WIDGET (window), argv[1], "roster.png");

  form = tx_window_get_form_view (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-child", NULL);
  tx_gui_wait (100);
  shoot (GTK_WIDGET (window), argv[1], "form-empty.png");

  tx_gui_fill_form (form, fixture);
  tx_form_view_set_value (form, "id_number", "511323201805141235");
  tx_form_view_set_value (form, "arrival_date", "2026-10-01");
  tx_form_view_set_value (form, "contact_phone", "1384455667");
  tx_form_view_save (form, FALSE);
  shoot (GTK_WIDGET (window), argv[1], "form-errors.png");

  tx_form_view_set_value (form, "id_number", "511323201805141234");
  tx_form_view_set_value (form, "arrival_date", "2024-03-01");
  tx_form_view_set_value (form, "contact_phone", "13844556677");
  tx_form_view_save (form, FALSE);
  tx_gui_wait_saved (window);
  shoot (GTK_WIDGET (window), argv[1], "form-filled.png");

  /* a draft: Save, Keep Editing, and the problem list leads to each field */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-child", NULL);
  tx_gui_wait (100);
  {
    AdwMessageDialog *dialog;
    GtkWidget *row;

    tx_gui_fill_form (form, fixture);
    tx_form_view_set_value (form, "name", "王小红");
    tx_form_view_set_value (form, "id_type", "none");
    tx_form_view_set_value (form, "contact_phone", NULL);
    tx_form_view_set_value (form, "child_permit", NULL);
    tx_form_view_set_value (form, "vaccination", NULL);
    tx_form_view_set_value (form, "guardianship", NULL);
    tx_form_view_save (form, FALSE);
    dialog = tx_gui_wait_dialog ();
    tx_gui_respond (dialog, "cancel");
    row = gtk_widget_get_first_child (tx_form_view_get_summary (form));
    row = gtk_widget_get_next_sibling (row);
    gtk_widget_grab_focus (row);
    gtk_widget_activate (row);
    /* the toasts of the shots before go (five seconds each) */
    tx_gui_wait (10600);
    shoot (GTK_WIDGET (window), argv[1], "form-problems.png");
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
    dialog = tx_gui_wait_dialog ();
    tx_gui_respond (dialog, "discard");
    tx_gui_wait_roster (window);
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.calendar", NULL);
  /* the form's toasts go (five seconds each), so the calendar shows its own */
  tx_gui_wait (10600);
  shoot (GTK_WIDGET (window), argv[1], "calendar.png");

  {
    TxCalendarView *cal = tx_window_get_calendar_view (window);
    GListModel *overdue = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (tx_calendar_view_get_overdue_list (cal))));
    g_autoptr(GObject) first = g_list_model_get_item (overdue, 0);
    g_autofree char *child_id = NULL;
    GtkWidget *dialog;

    g_object_get (first, "child-id", &child_id, NULL);
    dialog = tx_calendar_view_record_visit (cal, child_id, NULL);

    gtk_editable_set_text (GTK_EDITABLE (tx_visit_dialog_get_row (TX_VISIT_DIALOG (dialog), "living_row")),
                           "奶奶照顾饮食起居，家中取暖正常");
    gtk_check_button_set_active (GTK_CHECK_BUTTON (tx_visit_dialog_get_urgent_check (TX_VISIT_DIALOG (dialog),
                                                                                     "guardian_unable")), TRUE);
    tx_gui_wait (400);
    shoot (dialog, argv[1], "visit-dialog.png");
    /* the re-assessment the urgent situation asks for, and the question
     * when the visit is saved without it */
    {
      GtkWidget *group = tx_visit_dialog_get_row (TX_VISIT_DIALOG (dialog), "assessment_group");
      GtkWidget *scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t at;

      if (gtk_widget_compute_point (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                    &GRAPHENE_POINT_INIT (0, 0), &at))
        gtk_adjustment_set_value (adj, at.y - 12);
      shoot (dialog, argv[1], "visit-reassess.png");
    }
    tx_visit_dialog_save (TX_VISIT_DIALOG (dialog), FALSE);
    {
      AdwMessageDialog *question = tx_gui_wait_dialog ();

      if (question)
        {
          shoot (GTK_WIDGET (question), argv[1], "visit-question.png");
          gtk_window_destroy (GTK_WINDOW (question));
        }
    }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  tx_reports_view_choose (tx_window_get_reports_view (window), TX_REPORT_VISIT_LOG, 2026, 11);
  tx_gui_wait_for (tx_gui_reports_idle, tx_window_get_reports_view (window), 20000);
  tx_gui_wait (300);
  shoot (GTK_WIDGET (window), argv[1], "reports.png");

  /* the Sync view, after the county's bundle brought a conflict */
  {
    g_autofree char *county_path = g_build_filename (tmp, "county.db", NULL);
    g_autofree char *to_county = g_build_filename (tmp, "to-county.txb", NULL);
    g_autofree char *from_county = g_build_filename (tmp, "from-county.txb", NULL);
    g_autoptr(TxStore) county = tx_test_open (county_path, &error);
    /* written as a worker of the window would: the window's own connection only reads */
    g_autoptr(TxStore) here = tx_test_open (tx_store_get_path (tx_window_get_store (window)), &error);
    g_autoptr(TxStation) here_self = NULL, county_self = NULL;
    g_autofree char *here_id = NULL, *county_id = NULL;
    g_autoptr(TxBundleInfo) b1 = NULL, b2 = NULL, b3 = NULL;
    g_autoptr(GPtrArray) rows = NULL;
    TxChildQuery all = { .key_care_only = TRUE };
    TxSyncView *sync = tx_window_get_sync_view (window);

    /* the first time: no partner yet, the first steps */
    gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
    tx_sync_view_refresh (sync);
    tx_gui_wait_for (tx_gui_sync_idle, sync, 20000);
    tx_gui_wait (300);
    shoot (GTK_WIDGET (window), argv[1], "sync-first.png");

    tx_station_init_workstation (county, "220102", NULL, "南关区民政局", &error);
    here_self = tx_station_self (here, &error);
    county_self = tx_station_self (county, &error);
    here_id = tx_station_identity_text (here, &error);
    county_id = tx_station_identity_text (county, &error);
    tx_station_free (tx_station_trust (here, county_id, strlen (county_id), county_self->fingerprint, &error));
    g_assert_no_error (error);
    tx_station_free (tx_station_trust (county, here_id, strlen (here_id), here_self->fingerprint, &error));
    b1 = tx_bundle_export (here, county_self->id, FALSE, to_county, NULL, &error);
    b2 = tx_bundle_import (county, to_county, NULL, &error);
    g_assert_no_error (error);
    rows = tx_store_child_list (here, &all, 0, 2, &error);
    for (guint i = 0; rows && i < rows->len; i++)
      {
        const char *id = ((TxChildRow *) rows->pdata[i])->id;
        g_autoptr(TxRecord) mine = tx_store_child_get (here, id, NULL);
        g_autoptr(TxRecord) theirs = tx_store_child_get (county, id, NULL);

        tx_record_set_key (mine, "contact_phone", "13911112222");
        tx_store_child_update (here, mine, TRUE, NULL, NULL);
        tx_record_set_key (theirs, "contact_phone", "13833334444");
        tx_store_child_update (county, theirs, TRUE, NULL, NULL);
      }
    b3 = tx_bundle_export (county, here_self->id, FALSE, from_county, NULL, &error);
    g_assert_no_error (error);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
    {
      g_autoptr(GFile) f = g_file_new_for_path (from_county);
      tx_sync_view_import_file (sync, f);
    }
    tx_gui_wait_for (tx_gui_sync_idle, sync, 20000);
    tx_gui_wait (10600);
    tx_gui_wait_for (tx_gui_sync_idle, sync, 20000);
    shoot (GTK_WIDGET (window), argv[1], "sync.png");
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  tx_gui_wait (300);
  {
    GListModel *tops = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
      {
        g_autoptr(GObject) w = g_list_model_get_item (tops, i);

        if (TX_IS_PREFERENCES_WINDOW (w))
          {
            shoot (GTK_WIDGET (w), argv[1], "preferences.png");
            adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (w),
                ADW_PREFERENCES_PAGE (tx_preferences_window_get_widget (TX_PREFERENCES_WINDOW (w), "services_page")));
            tx_gui_wait (300);
            shoot (GTK_WIDGET (w), argv[1], "services.png");
            gtk_window_destroy (GTK_WINDOW (w));
            break;
          }
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (tmp);
  }
  return 0;
}
