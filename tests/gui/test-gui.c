/* test-gui.c — the window, the roster and the registration form, driven
 * through their real widgets under Xvfb
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
#include "tx-gui-util.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-visit-dialog.h"
#include "tx-roster-item.h"
#include "tx-setup-view-private.h"
#include "tx-store-private.h"

/* A window on a new store set up for the test township */
static TxWindow *
new_window (const char *name,
            guint       demo_children)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (path, &error);
  TxWindow *window;

  g_assert_no_error (error);
  if (!tx_store_is_set_up (store))
    {
      g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
      if (demo_children)
        g_assert_true (tx_demo_generate (store, demo_children, 3, NULL, NULL, &error));
    }
  g_clear_object (&store);
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_true (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait_roster (window);
  return window;
}

/* Another connection to the window's store, for a test to write as another
 * part of the program (a worker, an import) would: the window's own only
 * reads */
static TxStore *
writer (TxWindow *window)
{
  TxStore *w = g_object_get_data (G_OBJECT (window), "test-writer");

  if (w == NULL)
    {
      g_autoptr(GError) error = NULL;

      w = tx_store_open (tx_store_get_path (tx_window_get_store (window)), &error);
      g_assert_no_error (error);
      g_object_set_data_full (G_OBJECT (window), "test-writer", w, g_object_unref);
    }
  return w;
}

static void
close_window (TxWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (20);
}

static TxFormView *
open_new_form (TxWindow *window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-child", NULL);
  tx_gui_wait (20);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  return tx_window_get_form_view (window);
}

static void
test_fill_save_reopen (void)
{
  TxWindow *window = new_window ("fill.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) stored = NULL;
  g_autoptr(TxRecord) shown = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TxFormView *form = open_new_form (window);
  const TxForm *f = tx_form_get ();
  TxStore *store = tx_window_get_store (window);

  tx_gui_fill_form (form, want);
  g_assert_true (tx_form_view_is_dirty (form));
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_null (tx_gui_find_dialog ());
  g_assert_false (tx_form_view_is_dirty (form));
  g_assert_nonnull (tx_form_view_get_id (form));

  stored = tx_store_child_get (store, tx_form_view_get_id (form), NULL);
  g_assert_nonnull (stored);
  for (guint i = 0; i < f->n_fields; i++)
    {
      const char *key = f->fields[i].key;
      if (f->fields[i].derived || g_str_has_prefix (key, "reporting_") || g_str_equal (key, "key_care_reasons"))
        continue;
      if (g_strcmp0 (stored->values[i], want->values[i]) != 0)
        g_error ("%s: stored %s, typed %s", key, stored->values[i], want->values[i]);
    }
  g_assert_cmpstr (tx_record_get_key (stored, "key_care_reasons"), ==, "insufficient,psychological");

  /* back to the roster, find the child, open the form again */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 10, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated",
                         ((TxChildRow *) rows->pdata[0])->id);
  tx_gui_wait (20);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  {
    /* the first field has the focus, with nothing selected: a keystroke
     * adds to it instead of replacing it */
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

    g_assert_true (tx_gui_focus_in (window, form, "registration_date"));
    while (focus && !GTK_IS_EDITABLE (focus))
      focus = gtk_widget_get_parent (focus);
    g_assert_nonnull (focus);
    g_assert_false (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), NULL, NULL));
  }
  shown = tx_form_view_collect (form);
  for (guint i = 0; i < f->n_fields; i++)
    if (!f->fields[i].derived)
      g_assert_cmpstr (shown->values[i], ==, stored->values[i]);
  close_window (window);
}

static void
test_id_fills_birth_and_gender (void)
{
  TxWindow *window = new_window ("idfill.db", 0);
  TxFormView *form = open_new_form (window);
  g_autoptr(TxRecord) r = NULL;

  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "id_number")), "110105201202290039");
  tx_gui_wait (10);
  r = tx_form_view_collect (form);
  g_assert_cmpstr (tx_record_get_key (r, "birth_date"), ==, "2012-02-29");
  g_assert_cmpstr (tx_record_get_key (r, "gender"), ==, "male");
  close_window (window);
}

static void
test_wrong_check_digit (void)
{
  TxWindow *window = new_window ("checkdigit.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = open_new_form (window);
  GtkWidget *message;

  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "id_number", "511323201805141235");
  message = tx_form_view_get_message (form, "id_number");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)),
                            g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh")
                              ? "校验码" : "check digit"));

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait (50);
  g_assert_false (tx_form_view_is_saving (form));
  g_assert_null (tx_gui_find_dialog ());
  g_assert_nonnull (gtk_widget_get_first_child (tx_form_view_get_summary (form)));
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 0);
  /* the typing is all still there */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "张小明");
  g_assert_true (tx_form_view_is_dirty (form));
  close_window (window);
}

static void
test_draft (void)
{
  TxWindow *window = new_window ("draft.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(GPtrArray) rows = NULL;
  TxFormView *form = open_new_form (window);
  AdwMessageDialog *dialog;

  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "contact_phone", NULL);
  tx_form_view_set_value (form, "vaccination", NULL);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "draft"));
  tx_gui_respond (dialog, "draft");
  tx_gui_wait_saved (window);

  rows = tx_store_child_list (tx_window_get_store (window), &(TxChildQuery) { .incomplete_only = TRUE }, 0, 10, NULL);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_true (((TxChildRow *) rows->pdata[0])->draft);
  g_assert_false (tx_form_view_is_dirty (form));
  close_window (window);
}

static void
test_duplicate_id (void)
{
  TxWindow *window = new_window ("dup.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) first = tx_record_copy (want);
  g_autofree char *first_id = NULL;
  TxFormView *form;
  AdwMessageDialog *dialog;

  first_id = tx_store_child_add (writer (window), first, FALSE, NULL, NULL);
  g_assert_nonnull (first_id);

  form = open_new_form (window);
  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "name", "张晓明");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "张小明"));
  /* the offer to open the existing record, which first asks about the typing */
  tx_gui_respond (dialog, "open");
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "discard");
  g_assert_cmpstr (tx_form_view_get_id (form), ==, first_id);
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 1);
  close_window (window);
}

static void
test_same_name_birth (void)
{
  TxWindow *window = new_window ("same.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) first = tx_record_copy (want);
  g_autofree char *first_id = NULL;
  TxFormView *form;
  AdwMessageDialog *dialog;

  first_id = tx_store_child_add (writer (window), first, FALSE, NULL, NULL);
  form = open_new_form (window);
  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "id_type", "none");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  tx_gui_respond (dialog, "save");  /* a different child after all */
  tx_gui_wait_saved (window);
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 2);
  close_window (window);
}

/* The key-care situation ticked in the form, by its label */
static GtkCheckButton *
reason_check (TxFormView *form,
              const char *code)
{
  GtkWidget *grid = tx_form_view_get_input (form, "key_care_reasons");
  const TxChoice *choice = tx_field_choice (tx_form_lookup ("key_care_reasons"), code);

  for (GtkWidget *c = gtk_widget_get_first_child (grid); c; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_CHECK_BUTTON (c) &&
        g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (c)), tx_choice_label (choice)) == 0)
      return GTK_CHECK_BUTTON (c);
  g_error ("no check button for %s", code);
}

/* 事实无人抚养 follows the parents, and only while a disability or an
 * illness may make it hold can a person tick it (issue 12 item 7) */
static void
test_unsupported_by_hand (void)
{
  TxWindow *window = new_window ("unsupported.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) shown = NULL;
  TxFormView *form = open_new_form (window);
  GtkCheckButton *unsupported, *detained;

  tx_gui_fill_form (form, want);
  unsupported = reason_check (form, "unsupported");
  detained = reason_check (form, "parent_detained");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (unsupported)));

  /* both parents in compulsory drug rehabilitation: ticked, not by hand */
  tx_form_view_set_value (form, "father_status", "drug_rehab");
  tx_form_view_set_value (form, "mother_status", "drug_rehab");
  g_assert_true (gtk_check_button_get_active (unsupported));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (unsupported)));
  g_assert_true (gtk_check_button_get_active (detained));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (detained)));

  /* the mother disabled: may be, a warning, and a person may tick it */
  tx_form_view_set_value (form, "father_status", "imprisoned");
  tx_form_view_set_value (form, "mother_status", "disabled");
  g_assert_false (gtk_check_button_get_active (unsupported));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (unsupported)));
  g_assert_true (gtk_widget_get_visible (tx_form_view_get_message (form, "key_care_reasons")));
  gtk_check_button_set_active (unsupported, TRUE);
  tx_gui_wait (20);
  g_assert_true (gtk_check_button_get_active (unsupported));
  shown = tx_form_view_collect (form);
  g_assert_true (tx_record_has_code (shown, tx_form_index ("key_care_reasons"), "unsupported"));

  /* saved, and opened again from the roster (after the form of another
   * child): the person's tick is still there, and the form not changed */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-draft", NULL);
  tx_gui_wait_saved (window);
  {
    g_autofree char *id = g_strdup (tx_form_view_get_id (form));
    g_autoptr(TxRecord) again = NULL;

    g_assert_nonnull (id);
    open_new_form (window);
    g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated", id);
    tx_gui_wait (50);
    g_assert_cmpstr (tx_form_view_get_id (form), ==, id);
    g_assert_true (gtk_check_button_get_active (unsupported));
    g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (unsupported)));
    g_assert_false (tx_form_view_is_dirty (form));
    again = tx_form_view_collect (form);
    g_assert_true (tx_record_has_code (again, tx_form_index ("key_care_reasons"), "unsupported"));
  }

  /* the mother recovers: the tick goes, and cannot be made */
  tx_form_view_set_value (form, "mother_status", "normal");
  g_assert_false (gtk_check_button_get_active (unsupported));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (unsupported)));
  tx_form_view_discard (form);
  close_window (window);
}

static void
test_unsaved_guard (void)
{
  TxWindow *window = new_window ("guard.db", 0);
  TxFormView *form = open_new_form (window);
  AdwMessageDialog *dialog;

  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "name")), "王小红");
  tx_gui_wait (10);
  g_assert_true (tx_form_view_is_dirty (form));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "cancel");
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "王小红");

  /* closing the window asks too */
  gtk_window_close (GTK_WINDOW (window));
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  dialog = tx_gui_wait_dialog ();
  tx_gui_respond (dialog, "discard");
  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");

  /* closing with typing, Discard: the window goes, and its dialog cleanly
   * before it (closed from inside the dialog's answer, the dialog outlived
   * its window: a critical on quitting) */
  form = open_new_form (window);
  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "name")), "王小红");
  tx_gui_wait (10);
  {
    GtkWidget *gone = GTK_WIDGET (window);

    g_object_add_weak_pointer (G_OBJECT (gone), (gpointer *) &gone);
    gtk_window_close (GTK_WINDOW (window));
    dialog = tx_gui_wait_dialog ();
    g_assert_nonnull (dialog);
    tx_gui_respond (dialog, "discard");
    tx_gui_wait (100);
    g_assert_null (gone);
  }
  g_assert_null (tx_gui_find_dialog ());
}


/* The row of @key in the problem list names its field, and not twice over
 * (“疫苗接种情况：疫苗接种情况为必填项”) */
static void
assert_row_names_field_once (TxFormView *form,
                             const char *key)
{
  GtkWidget *row = tx_gui_summary_row (form, key);
  const char *label = tx_field_label (tx_form_lookup (key));
  const char *text, *rest;

  g_assert_nonnull (row);
  text = gtk_label_get_text (GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row))));
  g_assert_nonnull (strstr (text, label));
  if (g_str_has_prefix (text, label))
    {
      rest = text + strlen (label);
      if ((g_str_has_prefix (rest, ": ") || g_str_has_prefix (rest, "：")))
        {
          g_autofree char *folded_rest = g_utf8_casefold (rest, -1);
          g_autofree char *folded_label = g_utf8_casefold (label, -1);
          if (strstr (folded_rest, folded_label))
            g_error ("the problem list says “%s”", text);
        }
    }
}







/* Fixing problems one after the other from the problem list, by mouse and by
 * keyboard: the list shrinks as they are fixed, and the next one clicked
 * still takes the user to its field (it froze the window) */
static void
test_problem_list (void)
{
  TxWindow *window = new_window ("problems.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = open_new_form (window);
  GtkWidget *list = tx_form_view_get_summary (form);
  AdwMessageDialog *dialog;
  GtkWidget *row, *focus;
  guint n;

  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "contact_phone", NULL);
  tx_form_view_set_value (form, "child_permit", NULL);
  tx_form_view_set_value (form, "vaccination", NULL);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-draft", NULL);
  tx_gui_wait_saved (window);

  /* Save, then keep editing: the list shows what is missing */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "cancel");
  n = tx_gui_n_summary_rows (form);
  g_assert_cmpuint (n, ==, 3);
  assert_row_names_field_once (form, "contact_phone");
  assert_row_names_field_once (form, "child_permit");
  assert_row_names_field_once (form, "vaccination");

  /* click the phone, type the number */
  row = tx_gui_summary_row (form, "contact_phone");
  g_assert_nonnull (row);
  tx_gui_click_row (row);
  tx_gui_wait (20);
  g_assert_true (tx_gui_focus_in (window, form, "contact_phone"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  if (tx_gui_x11_available ())
    tx_gui_x11_type (focus, "13844556677");
  else
    for (const char *c = "13844556677"; *c; c++)
      {
        int pos = gtk_editable_get_position (GTK_EDITABLE (focus));
        gtk_editable_insert_text (GTK_EDITABLE (focus), c, 1, &pos);
        gtk_editable_set_position (GTK_EDITABLE (focus), pos);
        tx_gui_wait (2);
      }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "contact_phone"))), ==,
                   "13844556677");
  g_assert_cmpuint (tx_gui_n_summary_rows (form), ==, n - 1);
  g_assert_null (tx_gui_summary_row (form, "contact_phone"));

  /* click the next problem */
  row = tx_gui_summary_row (form, "child_permit");
  g_assert_nonnull (row);
  tx_gui_click_row (row);
  tx_gui_wait (20);
  tx_gui_assert_responsive ();
  g_assert_true (tx_gui_focus_in (window, form, "child_permit"));
  /* tick it, as the space bar does */
  gtk_widget_activate (gtk_root_get_focus (GTK_ROOT (window)));
  tx_gui_wait (20);
  g_assert_cmpuint (tx_gui_n_summary_rows (form), ==, n - 2);

  /* by keyboard: Tab into the list, Enter on the first row */
  g_assert_true (gtk_widget_child_focus (list, GTK_DIR_TAB_FORWARD));
  tx_gui_wait (20);
  tx_gui_assert_responsive ();
  row = tx_gui_summary_row (form, "vaccination");
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_has_focus (row));
  g_signal_emit_by_name (list, "activate-cursor-row");
  tx_gui_wait (20);
  tx_gui_assert_responsive ();
  g_assert_true (tx_gui_focus_in (window, form, "vaccination"));

  /* invalid values, whether their message names the field or not */
  tx_form_view_set_value (form, "contact_phone", "12345");
  tx_form_view_set_value (form, "arrival_date", "20161399");
  tx_form_view_set_value (form, "name", "张小明2");
  assert_row_names_field_once (form, "contact_phone");
  assert_row_names_field_once (form, "arrival_date");
  assert_row_names_field_once (form, "name");
  tx_form_view_set_value (form, "contact_phone", "13844556677");
  tx_form_view_set_value (form, "arrival_date", "2024-03-01");
  tx_form_view_set_value (form, "name", "张小明");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save-draft", NULL);
  tx_gui_wait_saved (window);
  close_window (window);
}

/* A date typed in any usual spelling is shown as 2016-04-09 once the focus
 * leaves it, or on Enter */
static void
test_date_shown_iso (void)
{
  TxWindow *window = new_window ("dates.db", 0);
  TxFormView *form = open_new_form (window);
  GtkWidget *birth = tx_form_view_get_input (form, "birth_date");
  GtkWidget *arrival = tx_form_view_get_input (form, "arrival_date");
  const char *typed[] = { "20160409", "2016-4-9", "2016/04/09", "2016.4.9", "２０１６０４０９" };

  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      gtk_widget_grab_focus (birth);
      gtk_editable_set_text (GTK_EDITABLE (birth), typed[i]);
      tx_gui_wait (10);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, typed[i]);
      gtk_widget_grab_focus (arrival);
      tx_gui_wait (20);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "2016-04-09");
    }
  /* Enter */
  gtk_editable_set_text (GTK_EDITABLE (arrival), "2024.3.1");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), arrival));
  g_signal_emit_by_name (gtk_root_get_focus (GTK_ROOT (window)), "activate");
  tx_gui_wait (10);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (arrival)), ==, "2024-03-01");
  /* what is no date stays as typed, for its message */
  gtk_widget_grab_focus (birth);
  gtk_editable_set_text (GTK_EDITABLE (birth), "2016-13-09");
  gtk_widget_grab_focus (arrival);
  tx_gui_wait (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (birth)), ==, "2016-13-09");
  g_assert_true (gtk_widget_get_visible (tx_form_view_get_message (form, "birth_date")));
  close_window (window);
}





static void
test_dropdown_search (void)
{
  TxWindow *window;
  TxFormView *form;
  GtkWidget *ethnicity, *hukou, *province, *city;
  g_autoptr(TxRecord) r = NULL;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }
  window = new_window ("search.db", 0);
  form = open_new_form (window);
  ethnicity = tx_form_view_get_input (form, "ethnicity");
  tx_gui_pick_by_typing (GTK_WINDOW (window), ethnicity, "ti", NULL);
  g_assert_cmpstr (tx_gui_dropdown_shows (ethnicity), ==, "Tibetan");
  /* opened with Enter, the list takes typing too */
  gtk_widget_grab_focus (ethnicity);
  tx_gui_x11_key (ethnicity, GDK_KEY_Return, 0);
  tx_gui_wait (300);
  g_assert_true (gtk_widget_get_visible (tx_gui_dropdown_popover (ethnicity)));
  tx_gui_x11_type (ethnicity, "ko");
  tx_gui_x11_key (ethnicity, GDK_KEY_Return, 0);
  g_assert_false (gtk_widget_get_visible (tx_gui_dropdown_popover (ethnicity)));
  g_assert_cmpstr (tx_gui_dropdown_shows (ethnicity), ==, "Korean");
  /* several matches: Down from the search to them, Down again, Enter */
  gtk_widget_grab_focus (ethnicity);
  tx_gui_x11_type (ethnicity, "h");
  tx_gui_wait (200);
  tx_gui_x11_key (ethnicity, GDK_KEY_Down, 0);
  tx_gui_x11_key (ethnicity, GDK_KEY_Down, 0);
  tx_gui_x11_key (ethnicity, GDK_KEY_Return, 0);
  tx_gui_wait (20);
  g_assert_false (gtk_widget_get_visible (tx_gui_dropdown_popover (ethnicity)));
  g_assert_cmpstr (tx_gui_dropdown_shows (ethnicity), ==, "Hui");
  tx_gui_pick_by_typing (GTK_WINDOW (window), ethnicity, "ti", NULL);

  /* the places: typing reaches the search, Enter takes the match */
  hukou = tx_form_view_get_input (form, "hukou_division");
  province = gtk_widget_get_first_child (hukou);
  city = gtk_widget_get_next_sibling (province);
  tx_gui_pick_by_typing (GTK_WINDOW (window), province, "j", "吉");
  g_assert_cmpstr (tx_gui_dropdown_shows (province), ==, "吉林省");
  tx_gui_pick_by_typing (GTK_WINDOW (window), city, "c", "长");
  g_assert_cmpstr (tx_gui_dropdown_shows (city), ==, "长春市");
  r = tx_form_view_collect (form);
  g_assert_cmpstr (tx_record_get_key (r, "ethnicity"), ==, "04");
  close_window (window);
}

/* The cell of a field's input: its caption, the input and its message */
static GtkWidget *
field_cell (TxFormView *form,
            const char *key)
{
  GtkWidget *w = tx_form_view_get_input (form, key);

  while (gtk_widget_get_parent (w) && !GTK_IS_GRID (gtk_widget_get_parent (w)))
    w = gtk_widget_get_parent (w);
  return w;
}

/* Whether the whole of @cell shows in the form's scrolled area */
static gboolean
cell_in_view (GtkWidget *cell,
              char     **where)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (cell, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t r;

  g_assert_true (gtk_widget_compute_bounds (cell, scroller, &r));
  /* a field taller than the view cannot show whole: the box with the
   * focus must */
  if (r.size.height > gtk_widget_get_height (scroller))
    {
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (cell));
      g_assert_true (focus && gtk_widget_is_ancestor (focus, cell));
      g_assert_true (gtk_widget_compute_bounds (focus, scroller, &r));
    }
  *where = g_strdup_printf ("%.0f to %.0f of 0 to %d", r.origin.y, r.origin.y + r.size.height,
                            gtk_widget_get_height (scroller));
  return r.origin.y >= 0 && r.origin.y + r.size.height <= gtk_widget_get_height (scroller);
}

/* Tab through the form: the field with the focus shows whole, caption,
 * input and message, above the bottom bar */
static void
test_focus_in_view (void)
{
  TxWindow *window = new_window ("inview.db", 0);
  TxFormView *form = open_new_form (window);
  const TxForm *f = tx_form_get ();
  int last = -1;

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_respond (tx_gui_wait_dialog (), "cancel");   /* every message shown */
  gtk_widget_grab_focus (tx_form_view_get_input (form, "registration_date"));
  for (int step = 0; step < 400; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

      for (guint i = 0; focus && i < f->n_fields; i++)
        {
          GtkWidget *input = tx_form_view_get_input (form, f->fields[i].key);
          g_autofree char *where = NULL;

          if ((int) i == last || !(focus == input || gtk_widget_is_ancestor (focus, input)))
            continue;
          last = i;
          tx_gui_wait (60);
          if (!cell_in_view (field_cell (form, f->fields[i].key), &where))
            g_error ("%s has the focus but shows only in part: %s", f->fields[i].key, where);
          break;
        }
      if (!gtk_widget_child_focus (GTK_WIDGET (form), GTK_DIR_TAB_FORWARD))
        break;
    }
  g_assert_cmpint (last, >, TX_F ("remarks") - 1);

  /* and from the problem list */
  gtk_widget_grab_focus (tx_form_view_get_input (form, "name"));
  tx_gui_wait (100);
  tx_gui_click_row (tx_gui_summary_row (form, "income"));
  tx_gui_wait (100);
  g_assert_true (tx_gui_focus_in (window, form, "income"));
  {
    g_autofree char *where = NULL;
    if (!cell_in_view (field_cell (form, "income"), &where))
      g_error ("income, reached from the problem list, shows only in part: %s", where);
  }
  close_window (window);
}

static gboolean
autosaved (gpointer data)
{
  g_autofree char *v = tx_store_get_setting (data, "autosave");
  return v != NULL;
}

/* An autosave that cannot be written (a full disk, here a trigger that
 * refuses it) is told to the person, who still has the typing; the save
 * that follows works and leaves no copy behind */
static void
test_autosave_failure_told (void)
{
  TxWindow *window = new_window ("autosave-fails.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  TxFormView *form;
  g_autofree char *left = NULL;

  g_assert_true (tx_store_exec (writer (window),
      "CREATE TRIGGER refuse_autosave BEFORE INSERT ON settings WHEN NEW.key = 'autosave' "
      "BEGIN SELECT RAISE (ABORT, 'disk I/O error'); END", &error));
  g_assert_no_error (error);
  form = open_new_form (window);
  tx_gui_fill_form (form, want);
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (window), _("cannot be kept safe"), 12000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "张小明");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_nonnull (tx_form_view_get_id (form));
  left = tx_store_get_setting (writer (window), "autosave");
  g_assert_null (left);
  close_window (window);
}

static void
test_autosave_restore (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "autosave.db", NULL);
  TxWindow *window = new_window ("autosave.db", 0);
  TxFormView *form = open_new_form (window);
  g_autoptr(TxStore) reader = tx_store_open (path, NULL);
  AdwMessageDialog *dialog;
  g_autoptr(TxRecord) r = NULL;

  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "name")), "刘小草");
  /* the autosave runs every few seconds while a form has changes */
  g_assert_true (tx_gui_wait_for (autosaved, reader, 12000));
  /* a crash: the window goes without asking */
  g_object_run_dispose (G_OBJECT (window));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (20);

  window = new_window ("autosave.db", 0);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "restore");
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  r = tx_form_view_collect (tx_window_get_form_view (window));
  g_assert_cmpstr (tx_record_get_key (r, "name"), ==, "刘小草");
  g_assert_true (tx_form_view_is_dirty (tx_window_get_form_view (window)));
  close_window (window);
}

static gboolean
roster_has (TxWindow   *window,
            const char *name)
{
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (model, i);
      if (g_str_equal (tx_roster_item_get_name (item), name))
        return TRUE;
    }
  return FALSE;
}

static void
search (TxWindow   *window,
        const char *text)
{
  GtkWidget *entry = tx_roster_view_get_search_entry (tx_window_get_roster_view (window));

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the search entry waits a moment for more typing */
  tx_gui_wait (250);
  tx_gui_wait_roster (window);
}

/* What a row of the roster shows, as the cells on screen show it */
static gboolean
roster_shows (TxWindow   *window,
              const char *text)
{
  return tx_gui_find_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)), text) != NULL;
}

/* The views hear of changes from the store, whoever made them: a draft
 * completed shows as complete in the roster and in a search, and a change
 * another program made shows within seconds */
static void
test_roster_hears_changes (void)
{
  TxWindow *window = new_window ("hears.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = open_new_form (window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "hears.db", NULL);
  g_autofree char *id = NULL;
  const char *draft = _("Draft"), *complete = _("Complete");
  AdwMessageDialog *dialog;

  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "contact_phone", NULL);
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  tx_gui_respond (dialog, "draft");
  tx_gui_wait_saved (window);
  id = g_strdup (tx_form_view_get_id (form));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, "张小明"));
  g_assert_true (roster_shows (window, draft));

  /* the draft completed */
  g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated", id);
  tx_gui_wait (20);
  tx_form_view_set_value (form, "contact_phone", "13844556677");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_null (tx_gui_find_dialog ());
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  tx_gui_wait_roster (window);
  g_assert_true (roster_shows (window, complete));
  g_assert_false (roster_shows (window, draft));
  search (window, "张小明");
  g_assert_true (roster_shows (window, complete));
  g_assert_false (roster_shows (window, draft));
  g_assert_true (roster_shows (window, _("Average")));

  /* another program renames the child: the window finds out by itself */
  search (window, "");
  {
    sqlite3 *db;
    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    sqlite3_busy_timeout (db, 5000);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE child SET f_name = '张小亮'", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  g_assert_true (tx_gui_wait_text (tx_roster_view_get_column_view (tx_window_get_roster_view (window)),
                                   "张小亮", 6000));
  close_window (window);
}

static void
test_roster_find (void)
{
  TxWindow *window = new_window ("roster.db", 300);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  TxRosterView *roster = tx_window_get_roster_view (window);
  GListModel *model;

  g_assert_nonnull (tx_store_child_add (writer (window), r, FALSE, NULL, NULL));
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 301);

  search (window, "张小明");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_true (roster_has (window, "张小明"));
  search (window, "1234");
  g_assert_true (roster_has (window, "张小明"));
  search (window, "zxm");
  g_assert_true (roster_has (window, "张小明"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_roster_view_get_status_label (roster))), "of 301"));

  /* a filter: the fixture child is a key-care child in 恒安社区 */
  search (window, "");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_true (roster_has (window, "张小明"));
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { .key_care_only = TRUE }, NULL));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 1);  /* 华阳社区 */
  tx_gui_wait_roster (window);
  g_assert_false (roster_has (window, "张小明"));

  /* overdue home visits: the filter agrees with the store, and the column says so in words */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "overdue")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window),
                                         &(TxChildQuery) { .overdue_before = "2026-11-25" }, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *next = NULL;
    g_object_get (item, "next-visit", &next, NULL);
    g_assert_nonnull (strstr (next, "overdue"));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "overdue")), FALSE);

  /* information updates due, apart from the visits */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpint (g_list_model_get_n_items (model), ==,
                   tx_store_child_count (tx_window_get_store (window),
                                         &(TxChildQuery) { .refresh_before = "2026-11-26" }, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *update = NULL;
    g_object_get (item, "info-update", &update, NULL);
    g_assert_nonnull (strstr (update, "due"));
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), FALSE);

  /* identity numbers are masked until asked for */
  search (window, "张小明");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (tx_roster_view_get_filter (roster, "village")), 0);
  tx_gui_wait_roster (window);
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *shown = NULL;
    g_object_get (item, "id-number", &shown, NULL);
    g_assert_cmpstr (shown, ==, "511323********1234");
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "reveal")), TRUE);
  }
  {
    g_autoptr(GObject) item = g_list_model_get_item (model, 0);
    g_autofree char *shown = NULL;
    g_object_get (item, "id-number", &shown, NULL);
    g_assert_cmpstr (shown, ==, "511323201805141234");
  }
  close_window (window);
}

static gboolean
roster_emptied (gpointer roster)
{
  return g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (roster))) == 0;
}

static void
test_roster_delete (void)
{
  TxWindow *window = new_window ("delete.db", 0);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  TxRosterView *roster = tx_window_get_roster_view (window);
  AdwMessageDialog *dialog;

  g_assert_nonnull (tx_store_child_add (writer (window), r, FALSE, NULL, NULL));
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_assert_nonnull (tx_roster_view_get_selected_id (roster));
  if (tx_gui_x11_available ())
    {
      /* by keyboard, as a person does it: Down from the search to the row,
       * then the Delete key (the search field, which takes what is typed on
       * the list, swallowed it) */
      tx_roster_view_focus_search (roster);
      tx_gui_wait (50);
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Down, 0);
      tx_gui_x11_key (GTK_WIDGET (window), GDK_KEY_Delete, 0);
    }
  else
    gtk_widget_activate_action (GTK_WIDGET (roster), "roster.delete", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "delete");
  g_assert_true (tx_gui_wait_for (roster_emptied, roster, 10000));
  tx_gui_wait_roster (window);
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (roster))), ==, 0);
  close_window (window);
}

/* A key pressed where the focus is, as GTK 4.8 delivers it to the roster:
 * the roster's own key controllers on the way from the window to the
 * focused widget (capture phase), and, if none takes it, the window's
 * default: the arrows move the focus in their direction */
static void
press_key (TxWindow *window,
           guint     keyval)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autoptr(GPtrArray) path = g_ptr_array_new ();
  gboolean handled = FALSE;

  for (GtkWidget *w = focus; w; w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);
  for (guint i = 0; i < path->len && !handled; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (path->pdata[i]);

      for (guint c = 0; c < g_list_model_get_n_items (controllers) && !handled; c++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, c);
          const char *name = gtk_event_controller_get_name (controller);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && name && g_str_has_prefix (name, "roster-"))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
        }
    }
  if (!handled)
    gtk_widget_child_focus (GTK_WIDGET (window), keyval == GDK_KEY_Down ? GTK_DIR_DOWN : GTK_DIR_UP);
  tx_gui_wait (50);
}

/* The position of the roster row that holds the focus, or -1 */
static int
focused_row (TxWindow *window)
{
  GtkWidget *cv = tx_roster_view_get_column_view (tx_window_get_roster_view (window));
  GtkWidget *rows = gtk_widget_get_last_child (cv);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  while (focus && gtk_widget_get_parent (focus) != rows)
    focus = gtk_widget_get_parent (focus);
  for (GtkWidget *w = focus; w; w = gtk_widget_get_first_child (w))
    if (g_object_get_data (G_OBJECT (w), "list-item"))
      return gtk_list_item_get_position (g_object_get_data (G_OBJECT (w), "list-item"));
  return -1;
}

/* Down from the search field goes to the first match, Up from the first
 * row back to the search, as in GNOME's lists */
static void
test_roster_keyboard (void)
{
  TxWindow *window = new_window ("roster-keys.db", 120);
  TxRosterView *roster = tx_window_get_roster_view (window);
  GtkWidget *entry = tx_roster_view_get_search_entry (roster);
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  g_autoptr(TxRosterItem) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 120);

  /* from a row further down, to the search, a search typed, then Down */
  gtk_widget_grab_focus (tx_roster_view_get_column_view (roster));
  press_key (window, GDK_KEY_Down);
  press_key (window, GDK_KEY_Down);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), >, 0);
  tx_roster_view_focus_search (roster);
  search (window, "李");
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  first = g_list_model_get_item (model, 0);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, 0);
  /* the first match is the one Enter opens and Delete deletes */
  g_assert_cmpstr (tx_roster_view_get_selected_id (roster), ==, tx_roster_item_get_id (first));

  /* Down again moves in the list; Up from the second row to the first */
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, 1);
  press_key (window, GDK_KEY_Up);
  g_assert_cmpint (focused_row (window), ==, 0);
  /* and Up from the first back to the search, the text kept */
  press_key (window, GDK_KEY_Up);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "李");

  /* nothing found: Down stays in the search */
  search (window, "zzzz");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  press_key (window, GDK_KEY_Down);
  g_assert_cmpint (focused_row (window), ==, -1);
  close_window (window);
}

/* A past information update is "overdue" as a past visit is, in the same
 * words; on its day it is "due" */
static void
test_roster_update_words (void)
{
  TxWindow *window = new_window ("update-words.db", 200);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  const char *overdue = zh ? " 已逾期" : " overdue";
  const char *due = zh ? " 到期" : " due";
  TxRosterView *roster = tx_window_get_roster_view (window);
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (roster));
  TxStore *store = writer (window);   /* the window's own only reads */
  guint past = 0, visits_overdue = 0;

  /* one child's update falls due today */
  {
    g_autoptr(GPtrArray) rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 1, NULL);
    const char *id = ((TxChildRow *) rows->pdata[0])->id;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "UPDATE child SET info_refresh_due = "
                                         "'2026-11-25' WHERE uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "update-due")), TRUE);
  tx_gui_wait_roster (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 1);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *update = NULL, *next = NULL, *code = NULL;

      g_object_get (item, "info-update", &update, "next-visit", &next, "visit-code", &code, NULL);
      if (g_str_has_prefix (update, "2026-11-25"))
        g_assert_true (g_str_has_suffix (update, due));
      else
        {
          g_assert_cmpstr (update, <, "2026-11-25");
          g_assert_true (g_str_has_suffix (update, overdue));
          past++;
        }
      /* a past visit says the same */
      if (g_str_equal (code, "overdue"))
        {
          g_assert_true (g_str_has_suffix (next, overdue));
          visits_overdue++;
        }
    }
  g_assert_cmpuint (past, >, 0);
  g_assert_cmpuint (visits_overdue, >, 0);
  close_window (window);
}

static char *
first_item_text (TxWindow   *window,
                 const char *property)
{
  GListModel *model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));
  g_autoptr(GObject) item = g_list_model_get_item (model, 0);
  char *text = NULL;

  g_object_get (item, property, &text, NULL);
  return text;
}

/* A refresh after the data changed shows the new data, though the same
 * children are listed; and after midnight the words move on */
static void
test_roster_reread (void)
{
  TxWindow *window = new_window ("reread.db", 0);
  TxStore *store = writer (window);   /* the window's own only reads */
  TxRosterView *roster = tx_window_get_roster_view (window);
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *next = NULL, *update = NULL;
  sqlite3_stmt *stmt;

  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  next = first_item_text (window, "next-visit");
  g_assert_cmpstr (next, ==, "2026-10-15 overdue");

  /* a home visit today (from the calendar, or another program) */
  {
    g_autoptr(TxVisit) v = tx_visit_new ();
    g_autofree char *visit_id = NULL;

    v->child_id = g_strdup (id);
    v->date = g_strdup ("2026-11-25");
    v->kind = g_strdup ("home");
    v->visitor = g_strdup ("王芳");
    visit_id = tx_store_visit_add (store, v, FALSE, NULL, &error);
    g_assert_no_error (error);
  }
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_clear_pointer (&next, g_free);
  next = first_item_text (window, "next-visit");
  g_assert_null (strstr (next, "overdue"));
  g_assert_cmpstr (next, >, "2026-11-25");

  /* the information update due today, then the day after */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "UPDATE child SET info_refresh_due = '2026-11-25' "
                                       "WHERE uuid = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  update = first_item_text (window, "info-update");
  g_assert_cmpstr (update, ==, "2026-11-25 due");
  g_setenv ("TONGXING_TODAY", "2026-11-26", TRUE);
  tx_roster_view_refresh (roster);
  tx_gui_wait_roster (window);
  g_clear_pointer (&update, g_free);
  update = first_item_text (window, "info-update");
  g_setenv ("TONGXING_TODAY", "2026-11-25", TRUE);
  g_assert_cmpstr (update, ==, "2026-11-25 overdue");
  close_window (window);
}

/* The roster and the calendar read again just past midnight */
static void
test_seconds_to_midnight (void)
{
  guint seconds = tx_gui_seconds_to_midnight ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, seconds);
  g_autoptr(GDateTime) before = g_date_time_add_seconds (now, (double) seconds - 4);

  g_assert_cmpuint (seconds, >=, 2);
  g_assert_cmpuint (seconds, <=, 24 * 3600 + 2);
  g_assert_cmpint (g_date_time_get_day_of_year (then), !=, g_date_time_get_day_of_year (now));
  if (seconds > 4)
    g_assert_cmpint (g_date_time_get_day_of_year (before), ==, g_date_time_get_day_of_year (now));
}

/* 200,000 rows written straight into the table: the model must page them */
static void
test_model_200k (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "big.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (path, &error);
  TxWindow *window;
  GListModel *model;
  static const guint probes[] = { 0, 1, 63, 64, 99999, 100000, 150001, 199998, 199999 };

  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
  g_assert_true (tx_store_exec (store,
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 199999) "
      "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, sort_key, "
      "f_birth_date, f_residence_division, f_key_care, f_gender) "
      "SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-01-01T00:00:00Z', "
      "'2026-01-01T00:00:00Z', 'test', 1, 1, printf('儿童%06d', i), printf('ertong%06d', i), "
      "'2015-06-01', '220102001001', 'no', 'male' FROM n", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  window = new_window ("big.db", 0);
  model = G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 200000);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (model, probes[i]);
      g_autofree char *want = g_strdup_printf ("儿童%06u", probes[i]);
      g_assert_cmpstr (tx_roster_item_get_name (item), ==, want);
    }
  g_assert_null (g_list_model_get_item (model, 200000));
  /* only a few pages are held, never the table */
  g_assert_cmpuint (tx_roster_model_get_cached_pages (tx_roster_view_get_model (tx_window_get_roster_view (window))), <=, 32);
  close_window (window);
}

typedef struct {
  guint changes;
  guint largest;   /* the most rows one change added or removed among the first 256 */
} Announced;

static void
announced_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              Announced  *a)
{
  a->changes++;
  if (position < 256)
    a->largest = MAX (a->largest, MIN (MAX (removed, added), 256 - position));
}

static GArray *
rowid_range (gint64 first,
             guint  n)
{
  GArray *a = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);

  for (guint i = 0; i < n; i++)
    {
      gint64 id = first + i;
      g_array_append_val (a, id);
    }
  return a;
}

/* A result that shrinks to a few rows, or grows back, is told to the list a
 * few rows at a time near the top (GTK 4.8 builds or destroys a row's
 * widgets as soon as it hears of it); the rows on their way out show nothing,
 * the rows that stay show their new children at once */
static void
test_model_steps (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "steps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (path, &error);
  g_autoptr(TxRosterModel) model = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) few = NULL;
  g_autoptr(TxRosterItem) first = NULL;
  g_autoptr(TxRosterItem) leaving = NULL;
  Announced a = { 0 };

  g_assert_true (tx_station_init_workstation (store, "220102", "220102001", NULL, &error));
  g_assert_true (tx_store_exec (store,
      "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999) "
      "INSERT INTO child (uuid, created_at, updated_at, station, complete, eligible, f_name, sort_key, "
      "f_birth_date, f_residence_division, f_key_care, f_gender) "
      "SELECT printf('00000000-0000-4000-8000-%012d', i), '2026-01-01T00:00:00Z', "
      "'2026-01-01T00:00:00Z', 'test', 1, 1, printf('儿童%06d', i), printf('ertong%06d', i), "
      "'2015-06-01', '220102001001', 'no', 'male' FROM n", &error));
  g_assert_no_error (error);

  model = tx_roster_model_new (store);
  all = rowid_range (1, 3000);
  few = rowid_range (2001, 3);
  tx_roster_model_set_rowids (model, all);
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  /* the list has seen the first rows */
  for (guint i = 0; i < 300; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (model), i));
  first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  leaving = g_list_model_get_item (G_LIST_MODEL (model), 100);
  g_assert_cmpstr (tx_roster_item_get_name (leaving), ==, "儿童000100");

  g_signal_connect (model, "items-changed", G_CALLBACK (announced_cb), &a);
  tx_roster_model_set_rowids (model, few);
  /* the rows that stay show the new children in the same items */
  g_assert_cmpstr (tx_roster_item_get_name (first), ==, "儿童002000");
  g_assert_false (tx_roster_model_is_settled (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 3);
  g_assert_cmpstr (tx_roster_item_get_name (leaving), ==, "");
  g_assert_cmpstr (tx_roster_item_get_id (leaving), ==, "");
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  g_assert_cmpuint (a.largest, <=, 16);
  g_assert_cmpuint (a.changes, >, 10);
  {
    g_autoptr(TxRosterItem) third = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (tx_roster_item_get_name (third), ==, "儿童002002");
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), 3));
  }

  /* and back: every row again, the first ones a few at a time */
  a = (Announced) { 0 };
  tx_roster_model_set_rowids (model, all);
  g_assert_cmpstr (tx_roster_item_get_name (first), ==, "儿童000000");
  while (!tx_roster_model_is_settled (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3000);
  g_assert_cmpuint (a.largest, <=, 16);
  for (guint i = 0; i < 3000; i += 97)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *want = g_strdup_printf ("儿童%06u", i);
      g_assert_cmpstr (tx_roster_item_get_name (item), ==, want);
    }
  g_signal_handlers_disconnect_by_func (model, announced_cb, &a);
}


static guint
list_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

/* The button of a row whose accessible label starts with @prefix */
static GtkButton *
row_button_labelled (GtkWidget  *row,
                     const char *label)
{
  for (GtkWidget *w = row; w; )
    {
      if (GTK_IS_BUTTON (w) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (w)), label) == 0)
        return GTK_BUTTON (w);
      if (gtk_widget_get_first_child (w))
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w && w != row && !gtk_widget_get_next_sibling (w))
            w = gtk_widget_get_parent (w);
          if (w == NULL || w == row)
            break;
          w = gtk_widget_get_next_sibling (w);
        }
    }
  return NULL;
}

/* Every text the view shows now: the labels that are on screen (a closed
 * expander's are not) */
static void
shown_text (GtkWidget *w,
            GString   *out)
{
  if (!gtk_widget_get_mapped (w))
    return;
  if (GTK_IS_LABEL (w))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    shown_text (c, out);
}

static GtkExpander *
find_expander (GtkWidget *w)
{
  if (GTK_IS_EXPANDER (w))
    return GTK_EXPANDER (w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkExpander *e = find_expander (c);
      if (e)
        return e;
    }
  return NULL;
}

#define assert_contains(haystack, needle) \
  G_STMT_START { \
    const char *h_ = (haystack); \
    if (h_ == NULL || strstr (h_, needle) == NULL) \
      g_error ("“%s” is not in “%s”", needle, h_ ? h_ : "(nothing)"); \
  } G_STMT_END

/* The Sync view, as a township office reads it (run in English and, by
 * test-gui-zh-sync, in Chinese): the first steps until a partner is added,
 * a wrong check code refused without showing the right one, each action's
 * result under its own heading, the import counted in children and visits,
 * a conflict that says which value is in use, the technical details only
 * under Advanced */
static void
test_sync (void)
{
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  g_autofree char *other_path = g_build_filename (g_get_user_data_dir (), "tongxing", "sync-other.db", NULL);
  g_autofree char *exports = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *other_identity = g_build_filename (exports, "other.identity", NULL);
  g_autofree char *my_identity = g_build_filename (exports, "here.identity", NULL);
  g_autofree char *bundle1 = g_build_filename (exports, "one.txb", NULL);
  g_autofree char *bundle2 = g_build_filename (exports, "two.txb", NULL);
  g_autofree char *back = g_build_filename (exports, "back.txb", NULL);
  g_autofree char *bad = g_build_filename (exports, "bad.txb", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) other = tx_store_open (other_path, &error);
  g_autoptr(TxRecord) child = tx_gui_fixture ();
  g_autoptr(TxStation) other_self = NULL, here = NULL;
  g_autoptr(TxBundleInfo) info = NULL;
  g_autofree char *text = NULL, *child_id = NULL, *imported = NULL;
  TxWindow *window;
  TxSyncView *view;
  TxStore *store;
  gsize len;

  g_assert_no_error (error);
  g_mkdir_with_parents (exports, 0700);
  /* another workstation of the township, with children */
  g_assert_true (tx_station_init_workstation (other, "220102", "220102001", "南岭街道二号机", &error));
  child_id = tx_store_child_add (other, child, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (tx_demo_generate (other, 4, 9, NULL, NULL, &error));
  other_self = tx_station_self (other, &error);
  text = tx_station_identity_text (other, &error);
  g_assert_true (g_file_set_contents (other_identity, text, -1, NULL));
  g_clear_pointer (&text, g_free);

  window = new_window ("sync-here.db", 0);
  store = tx_window_get_store (window);
  here = tx_station_self (store, &error);
  text = tx_station_identity_text (store, &error);
  g_assert_true (tx_station_trust (other, text, strlen (text), here->fingerprint, &error) != NULL);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
  view = tx_window_get_sync_view (window);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (view)));

  /* no partner yet: the first steps, in a township's words; no engineer's
   * words and no UUID on screen, until Advanced is opened */
  {
    g_autoptr(GString) shown = g_string_new (NULL);
    GtkExpander *advanced = find_expander (GTK_WIDGET (view));

    assert_contains (tx_sync_view_get_guide (view), zh ? "1. 让县民政局认识本工作站" : "1. Tell the county who you are");
    assert_contains (tx_sync_view_get_guide (view), zh ? "2. 把数据发送给县民政局" : "2. Send your data to the county");
    assert_contains (tx_sync_view_get_guide (view), zh ? "3. 导入县里的文件" : "3. Take the county's file");
    shown_text (GTK_WIDGET (view), shown);
    assert_contains (shown->str, here->fingerprint);
    assert_contains (shown->str, zh ? "核对码" : "Check Code");
    g_assert_null (strstr (shown->str, here->id));
    g_assert_null (strstr (shown->str, here->key_id));
    g_assert_null (strstr (shown->str, ".minisign.pub"));
    if (zh)
      for (const char *const *w = (const char *const[]) { "指纹", "数据包", "身份文件", "密钥", NULL }; *w; w++)
        if (strstr (shown->str, *w))
          g_error ("the Sync view says %s:\n%s", *w, shown->str);
    g_assert_nonnull (advanced);
    gtk_expander_set_expanded (advanced, TRUE);
    tx_gui_wait (50);
    g_string_truncate (shown, 0);
    shown_text (GTK_WIDGET (view), shown);
    assert_contains (shown->str, here->id);
    assert_contains (shown->str, here->key_id);
    assert_contains (shown->str, ".minisign.pub");
    gtk_expander_set_expanded (advanced, FALSE);
  }

  /* the station file saved: said under This Workstation, with the code to
   * read out, and the .minisign.pub beside it explained */
  {
    g_autoptr(GFile) f = g_file_new_for_path (my_identity);
    g_autofree char *pub = g_strconcat (my_identity, ".minisign.pub", NULL);

    tx_sync_view_save_identity (view, f);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    assert_contains (tx_sync_view_get_result (view, "station"), here->fingerprint);
    assert_contains (tx_sync_view_get_result (view, "station"), zh ? "高级" : "Advanced");
    g_assert_true (g_file_test (pub, G_FILE_TEST_EXISTS));
  }

  /* a wrong check code adds nothing, and never shows the right one; the
   * right one does */
  {
    g_autoptr(GFile) f = g_file_new_for_path (other_identity);
    g_autoptr(GPtrArray) list = NULL;
    g_auto(GStrv) groups = g_strsplit (other_self->fingerprint, "-", -1);
    const char *said;

    tx_sync_view_trust_file (view, f, "AAAA-BBBB-CCCC-DDDD");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    list = tx_station_list (store, &error);
    g_assert_cmpuint (list->len, ==, 0);
    said = tx_sync_view_get_result (view, "partners");
    assert_contains (said, zh ? "核对码与这个工作站信息文件不符" : "The check code does not match");
    assert_contains (said, zh ? "打电话" : "Phone the other station");
    for (guint i = 0; groups[i]; i++)
      g_assert_null (strstr (said, groups[i]));
    g_assert_nonnull (tx_sync_view_get_guide (view));

    tx_sync_view_trust_file (view, f, other_self->fingerprint);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 10000));
    g_assert_cmpuint (list_rows (tx_sync_view_get_list (view, "stations")), ==, 1);
    assert_contains (tx_sync_view_get_result (view, "partners"), zh ? "已成为往来工作站" : "is a partner station now");
    g_assert_null (tx_sync_view_get_guide (view));
  }

  /* its exchange file comes in, counted in children and visits, under
   * Receive; the roster shows the children */
  info = tx_bundle_export (other, here->id, FALSE, bundle1, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, tx_bundle_info_free);
  {
    g_autoptr(GFile) f = g_file_new_for_path (bundle1);
    tx_sync_view_import_file (view, f);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
  assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "新增儿童 5 名" : "5 new children");
  assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "新增走访记录" : "new visit records");
  g_assert_null (strstr (tx_sync_view_get_result (view, "receive"), zh ? "条，未变" : "unchanged"));
  tx_gui_wait_roster (window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window)))), ==, 5);

  /* the same remark changed on both: a conflict to settle; heading and row
   * agree on what the record holds meanwhile (the later change, here's) */
  {
    g_autoptr(TxRecord) there = tx_store_child_get (other, child_id, &error);
    g_autoptr(TxRecord) mine = tx_store_child_get (store, child_id, &error);
    GtkListBox *conflicts = tx_sync_view_get_list (view, "conflicts");
    GtkWidget *group;
    GtkButton *take;

    tx_record_set_key (there, "remarks", "二号机写的备注");
    g_assert_true (tx_store_child_update (other, there, TRUE, NULL, &error));
    tx_record_set_key (mine, "remarks", "这台机器写的备注");
    g_assert_true (tx_store_child_update (writer (window), mine, TRUE, NULL, &error));
    info = tx_bundle_export (other, here->id, FALSE, bundle2, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&info, tx_bundle_info_free);
    {
      g_autoptr(GFile) f = g_file_new_for_path (bundle2);
      tx_sync_view_import_file (view, f);
    }
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "有 1 处冲突待处理" : "1 conflict to settle");
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "下方" : "below");
    g_assert_cmpuint (list_rows (conflicts), ==, 1);
    group = gtk_widget_get_parent (gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (conflicts))));
    g_assert_true (gtk_widget_get_visible (group));
    assert_contains (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)),
                     zh ? "两站都暂用较晚的那次修改" : "both use the later of the two changes");
    assert_contains (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_widget_get_first_child (GTK_WIDGET (conflicts)))),
                     zh ? "目前采用：这台机器写的备注（较晚的修改）" : "in use for now: 这台机器写的备注 (the later change)");
    imported = g_strdup (tx_sync_view_get_result (view, "receive"));
    take = row_button_labelled (gtk_widget_get_first_child (GTK_WIDGET (conflicts)), zh ? "采用传来的值(_T)" : "Take _Theirs");
    g_assert_nonnull (take);
    g_signal_emit_by_name (take, "clicked");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    tx_gui_wait (50);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    g_assert_cmpuint (list_rows (conflicts), ==, 0);
    g_clear_pointer (&mine, tx_record_free);
    mine = tx_store_child_get (store, child_id, &error);
    g_assert_cmpstr (tx_record_get_key (mine, "remarks"), ==, "二号机写的备注");
  }

  /* a file back: said under Partner Stations, the import's result stays
   * under Receive; the other station takes it */
  {
    g_autoptr(GFile) f = g_file_new_for_path (back);
    tx_sync_view_export_to (view, other_self->id, f);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
  assert_contains (tx_sync_view_get_result (view, "partners"), zh ? "交换文件已保存" : "saved");
  g_assert_cmpstr (tx_sync_view_get_result (view, "receive"), ==, imported);
  info = tx_bundle_import (other, back, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&info, tx_bundle_info_free);

  /* a changed file is refused, with the reason */
  {
    g_autofree char *data = NULL;
    g_autoptr(GFile) f = g_file_new_for_path (bad);

    g_assert_true (g_file_get_contents (bundle2, &data, &len, NULL));
    data[len / 2] ^= 1;
    g_assert_true (g_file_set_contents (bad, data, len, NULL));
    tx_sync_view_import_file (view, f);
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    assert_contains (tx_sync_view_get_result (view, "receive"), zh ? "交换文件被拒绝" : "refused");
  }

  /* stopping the exchange with a station asks first */
  {
    GtkListBox *stations = tx_sync_view_get_list (view, "stations");
    GtkButton *stop = row_button_labelled (gtk_widget_get_first_child (GTK_WIDGET (stations)),
                                           zh ? "停止往来(_R)" : "_Revoke");
    AdwMessageDialog *question;
    g_autoptr(TxStation) still = NULL;

    g_assert_nonnull (stop);
    g_signal_emit_by_name (stop, "clicked");
    question = tx_gui_wait_dialog ();
    g_assert_nonnull (question);
    tx_gui_respond (question, "cancel");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    still = tx_station_get (store, other_self->id, NULL);
    g_assert_null (still->revoked_at);
    g_clear_pointer (&still, tx_station_free);
    g_signal_emit_by_name (stop, "clicked");
    question = tx_gui_wait_dialog ();
    tx_gui_respond (question, "revoke");
    g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, view, 20000));
    tx_gui_wait (100);
    still = tx_station_get (store, other_self->id, NULL);
    g_assert_nonnull (still->revoked_at);
  }
  close_window (window);
}

static void
check_labelled (GtkWidget *w)
{
  if (!gtk_test_accessible_has_relation (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_RELATION_LABELLED_BY) &&
      !gtk_test_accessible_has_property (GTK_ACCESSIBLE (w), GTK_ACCESSIBLE_PROPERTY_LABEL) &&
      !(GTK_IS_CHECK_BUTTON (w) && gtk_check_button_get_label (GTK_CHECK_BUTTON (w))) &&
      !(GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w))) &&
      !(GTK_IS_MENU_BUTTON (w) && gtk_menu_button_get_label (GTK_MENU_BUTTON (w))))
    g_error ("%s has no accessible label", G_OBJECT_TYPE_NAME (w));
}

/* Every input of the form and the roster can be named by a screen reader */
static void
walk_inputs (GtkWidget *w,
             guint     *n)
{
  if (!gtk_widget_get_visible (w))
    return;
  if (GTK_IS_ENTRY (w) || GTK_IS_DROP_DOWN (w) || GTK_IS_CHECK_BUTTON (w) ||
      GTK_IS_SEARCH_ENTRY (w) || GTK_IS_TOGGLE_BUTTON (w) || GTK_IS_MENU_BUTTON (w))
    {
      check_labelled (w);
      (*n)++;
      if (!GTK_IS_MENU_BUTTON (w))
        return;
    }
  if (GTK_IS_DROP_DOWN (w))
    return;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    walk_inputs (c, n);
}

static void
test_accessible_labels (void)
{
  TxWindow *window = new_window ("a11y.db", 20);
  guint n = 0;

  walk_inputs (GTK_WIDGET (tx_window_get_roster_view (window)), &n);
  g_assert_cmpuint (n, >=, 8);
  open_new_form (window);
  n = 0;
  walk_inputs (GTK_WIDGET (tx_window_get_form_view (window)), &n);
  /* every field has at least one input */
  g_assert_cmpuint (n, >=, tx_form_get ()->n_fields);
  close_window (window);
}

static void
test_keyboard_order (void)
{
  TxWindow *window = new_window ("keys.db", 0);
  TxFormView *form = open_new_form (window);
  GtkWidget *reg = tx_form_view_get_input (form, "registration_date");
  GtkWidget *name = tx_form_view_get_input (form, "name");
  GtkWidget *focus;

  /* the first field has the focus, and Tab moves forward in paper order */
  g_assert_true (gtk_widget_has_focus (reg) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), reg));
  gtk_widget_grab_focus (name);
  gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  /* after the name comes the gender (a radio group) */
  g_assert_true (gtk_widget_is_ancestor (focus, tx_form_view_get_input (form, "gender")));
  close_window (window);
}

/* The calendar's counts on a known month match the core's, day by day */
static void
test_calendar (void)
{
  TxWindow *window = new_window ("calendar.db", 200);
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
  close_window (window);
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
  TxWindow *window = new_window ("visit.db", 200);
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
  close_window (window);
}

/* An urgent situation puts the guardianship in question: the problem it
 * shows is ticked for the re-assessment, and saving while the guardianship
 * stays good asks first. Assessed poor, the child becomes a key-care child,
 * visited again in 15 days, and today's cell counts the case */
static void
test_urgent_reassessment (void)
{
  TxWindow *window = new_window ("reassess.db", 0);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxStore *store = writer (window);   /* the window's own only reads */
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
  close_window (window);
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
  TxWindow *window = new_window ("namesakes.db", 60);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxStore *store = writer (window);   /* the window's own only reads */
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
  close_window (window);
}

/* An urgent case opened at 01:30 in Beijing, 17:30 UTC the day before, was
 * opened "since" the local day */
static void
test_urgent_since_local (void)
{
  TxWindow *window = new_window ("urgent-since.db", 0);
  TxStore *store = writer (window);   /* the window's own only reads */
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
  close_window (window);
}

static TxPreferencesWindow *
find_preferences (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (TX_IS_PREFERENCES_WINDOW (w))
        return TX_PREFERENCES_WINDOW (w);
    }
  return NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

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
  TxWindow *window = new_window ("prefs.db", 30);
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
  prefs = find_preferences ();
  g_assert_nonnull (prefs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (prefs)) == GTK_WINDOW (window));

  /* staff: typed, applied, stored */
  directors = tx_preferences_window_get_widget (prefs, "directors_row");
  gtk_editable_set_text (GTK_EDITABLE (directors), "王建国，张丽");
  g_signal_emit_by_name (directors, "apply");
  g_assert_true (tx_gui_wait_for (preferences_idle, prefs, 10000));
  saved = tx_store_get_setting (store, "directors");
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
    question = find_message_dialog ();
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
  close_window (window);
}

static void
assert_file_starts (const char *path,
                    const char *magic)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, strlen (magic));
  g_assert_true (memcmp (contents, magic, strlen (magic)) == 0);
}

/* Pages of a PDF written by Cairo (page objects, not the page tree) */
static guint
pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  /* memmem(): the file has binary streams */
  for (const char *p = contents; (p = memmem (p, len - (p - contents), "/Type /Page", 11)); p++)
    n += p[11] != 's';
  return n;
}

/* The labels under @widget that are on screen, leaving out popovers unless @into_popovers */
static void
collect_labels (GtkWidget *widget,
                gboolean   into_popovers,
                GPtrArray *labels)
{
  if (!into_popovers && GTK_IS_POPOVER (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (labels, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, into_popovers, labels);
}

static GtkWidget *
find_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_popover (c);
      if (found)
        return found;
    }
  return NULL;
}

/* No label of @widget cut short with "…" */
static guint
assert_whole_labels (GtkWidget *widget,
                     gboolean   into_popovers)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect_labels (widget, into_popovers, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];

      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        g_error ("“%s” is cut short", gtk_label_get_text (label));
    }
  return labels->len;
}

/* The Reports view: the month's visit log previewed page by page, exported
 * and printed with the same drawing; the ledger exported; all logged */
typedef struct {
  TxReportsView *reports;
  const char    *visitor;
} StaffWait;

static gboolean
staff_offers_cb (gpointer data)
{
  StaffWait *w = data;
  GListModel *staff = adw_combo_row_get_model (ADW_COMBO_ROW (tx_reports_view_get_widget (w->reports, "staff_row")));

  for (guint i = 0; staff && i < g_list_model_get_n_items (staff); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (staff), i), w->visitor))
      return TRUE;
  return FALSE;
}

/* A visit recorded elsewhere (another connection: the calendar's worker, an
 * import) reaches the Reports view: its preview is laid out again with the
 * visit, and its staff list offers the new visitor */
static void
test_reports_hear_visits (void)
{
  TxWindow *window = new_window ("reports-hear.db", 30);
  TxReportsView *reports = tx_window_get_reports_view (window);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "reports-hear.db", NULL);
  g_autoptr(TxStore) other = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TxVisit) v = tx_visit_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *id = NULL;
  GtkWidget *about = tx_reports_view_get_widget (reports, "about_label");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  before = g_strdup (gtk_label_get_text (GTK_LABEL (about)));
  g_assert_false (staff_offers_cb (&(StaffWait) { reports, "新来的社工" }));

  other = tx_store_open (path, &error);
  g_assert_no_error (error);
  rows = tx_store_child_list (other, &(TxChildQuery) { 0 }, 0, 1, &error);
  v->child_id = g_strdup (((TxChildRow *) rows->pdata[0])->id);
  v->date = g_strdup ("2026-11-24");
  v->kind = g_strdup ("home");
  v->visitor = g_strdup ("新来的社工");
  v->living = g_strdup ("住房整洁，饮食正常");
  id = tx_store_visit_add (other, v, FALSE, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (tx_gui_wait_for (staff_offers_cb, &(StaffWait) { reports, "新来的社工" }, 5000));
  tx_gui_wait (100);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (about)), !=, before);
  close_window (window);
}

static void
test_reports (void)
{
  TxWindow *window = new_window ("reports.db", 200);
  TxStore *store = tx_window_get_store (window);
  TxReportsView *reports = tx_window_get_reports_view (window);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  g_autofree char *pdf = g_build_filename (dir, "visits.pdf", NULL);
  g_autofree char *printed = g_build_filename (dir, "printed.pdf", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "ledger.xlsx", NULL);
  g_autofree char *forms = g_build_filename (dir, "forms.pdf", NULL);
  g_autofree char *forms_printed = g_build_filename (dir, "forms-printed.pdf", NULL);
  g_autofree char *stats = g_build_filename (dir, "stats.xlsx", NULL);
  g_autofree char *xlsx_all = g_build_filename (dir, "ledger-all.xlsx", NULL);
  g_autofree char *printed_again = g_build_filename (dir, "printed-again.pdf", NULL);
  g_autofree char *printed_twice = g_build_filename (dir, "printed-twice.pdf", NULL);
  g_autofree char *db_path = g_build_filename (g_get_user_data_dir (), "tongxing", "reports.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  gint64 registered = tx_store_child_count (store, &(TxChildQuery) { .registered_on = "2026-11-25" }, NULL);
  guint pages;

  g_mkdir_with_parents (dir, 0700);
  /* a store set up without naming its editor: its supervisor makes the reports */
  {
    g_autoptr(TxStore) other = tx_store_open (db_path, &error);
    g_assert_no_error (error);
    g_assert_true (tx_store_set_setting (other, "supervisor", "李春梅", &error));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.reports", NULL);
  tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  pages = tx_reports_view_get_n_pages (reports);
  g_assert_cmpuint (pages, >, 1);
  g_assert_nonnull (gtk_picture_get_paintable (GTK_PICTURE (tx_reports_view_get_preview (reports))));

  /* Page Down shows the next page */
  gtk_widget_activate_action (GTK_WIDGET (reports), "reports.next-page", NULL);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), ==, pages);

  /* exported on the store's thread; printed through GTK into a PDF */
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (pdf, "%PDF");
  /* laid out on the store's thread first, then printed through GTK: the
   * same pages as the exported file */
  tx_reports_view_print (reports, printed);
  g_assert_true (tx_reports_view_is_busy (reports));
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (printed, "%PDF");
  g_assert_cmpuint (pdf_pages (printed), ==, pdf_pages (pdf));
  g_assert_cmpuint (pdf_pages (printed), ==, pages);

  /* the ledger, to Excel */
  tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), ==, 0);
  {
    g_autoptr(GFile) file = g_file_new_for_path (xlsx);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (xlsx, "PK");

  /* the key-care children's forms: previewed in portrait, exported, printed */
  tx_reports_view_choose (reports, TX_REPORT_KEY_CARE_FORMS, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  g_assert_cmpuint (tx_reports_view_get_n_pages (reports), >, 1);
  {
    GdkPaintable *page = gtk_picture_get_paintable (GTK_PICTURE (tx_reports_view_get_preview (reports)));
    g_assert_nonnull (page);
    g_assert_cmpint (gdk_paintable_get_intrinsic_height (page), >, gdk_paintable_get_intrinsic_width (page));
  }
  {
    g_autoptr(GFile) file = g_file_new_for_path (forms);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (forms, "%PDF");
  tx_reports_view_print (reports, forms_printed);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (forms_printed, "%PDF");
  g_assert_cmpuint (pdf_pages (forms_printed), ==, pdf_pages (forms));

  /* the month's statistics, to Excel */
  tx_reports_view_choose (reports, TX_REPORT_STATISTICS, 2026, 11);
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (stats);
    tx_reports_view_export_to (reports, file);
  }
  g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
  assert_file_starts (stats, "PK");

  /* each export and print, in the log, the newest first */
  log = tx_store_export_log (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 6);
  g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "statistics");
  g_assert_cmpstr (((TxExport *) log->pdata[1])->what, ==, "forms_print");
  g_assert_cmpstr (((TxExport *) log->pdata[2])->what, ==, "forms");
  g_assert_cmpuint (((TxExport *) log->pdata[2])->children, ==,
                    tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL));
  /* by default the ledger holds the children on the register: not drafts,
   * not children not (yet) eligible, not those 16 or over */
  g_assert_cmpstr (((TxExport *) log->pdata[3])->what, ==, "ledger");
  g_assert_cmpuint (((TxExport *) log->pdata[3])->children, ==, registered);
  g_assert_cmpint (registered, <, 200);
  g_assert_cmpstr (((TxExport *) log->pdata[4])->what, ==, "visit_log_print");
  g_assert_cmpstr (((TxExport *) log->pdata[4])->detail, ==, "printed.pdf");
  g_assert_cmpstr (((TxExport *) log->pdata[4])->who, ==, "李春梅");
  g_assert_cmpstr (((TxExport *) log->pdata[5])->what, ==, "visit_log");

  /* the log, viewable in the window: a row each, the newest first, in words */
  {
    GtkWidget *dialog = tx_reports_view_show_log (reports);
    GtkWidget *list = g_object_get_data (G_OBJECT (dialog), "log");
    GtkWidget *first = gtk_widget_get_first_child (list);
    guint rows = 0;

    for (GtkWidget *r = first; r; r = gtk_widget_get_next_sibling (r))
      rows++;
    g_assert_cmpuint (rows, ==, 6);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==, "Statistics");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), "stats.xlsx"));
    /* who, how many of what, which file or printer: in words, not "— · 2000" */
    for (GtkWidget *r = first; r; r = gtk_widget_get_next_sibling (r))
      {
        const char *what = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (r));
        const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (r));

        g_assert_nonnull (strstr (subtitle, "by 李春梅"));
        g_assert_null (strstr (subtitle, "—"));
        if (g_str_equal (what, "Monthly visit log, printed"))
          {
            g_autofree char *printed_visits = g_strdup_printf ("%u visits · printer printed.pdf",
                                                               ((TxExport *) log->pdata[4])->children);
            g_assert_nonnull (strstr (subtitle, printed_visits));
          }
        if (g_str_equal (what, "Ledger"))
          {
            g_autofree char *children = g_strdup_printf ("%" G_GINT64_FORMAT " children · file ledger.xlsx", registered);
            g_assert_nonnull (strstr (subtitle, children));
          }
      }
    gtk_window_destroy (GTK_WINDOW (dialog));
  }
  g_clear_pointer (&log, g_ptr_array_unref);

  /* the list of reports, and the report chosen, show whole names */
  {
    GtkWidget *row = tx_reports_view_get_widget (reports, "report_row");
    GtkWidget *popover;

    tx_reports_view_choose (reports, TX_REPORT_KEY_CARE_FORMS, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    tx_gui_wait (100);
    assert_whole_labels (row, FALSE);
    gtk_widget_activate (row);
    tx_gui_wait (300);
    popover = find_popover (row);
    g_assert_nonnull (popover);
    g_assert_true (gtk_widget_get_mapped (popover));
    g_assert_cmpuint (assert_whole_labels (popover, TRUE), >=, 6);
    gtk_popover_popdown (GTK_POPOVER (popover));
    tx_gui_wait (100);
  }

  /* the ledger of every record, with the status of each: as many as the roster */
  {
    GtkWidget *records = tx_reports_view_get_widget (reports, "records_row");
    GtkLabel *about = GTK_LABEL (tx_reports_view_get_widget (reports, "about_label"));
    g_autoptr(GFile) file = g_file_new_for_path (xlsx_all);

    tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_sensitive (records));
    tx_reports_view_choose (reports, TX_REPORT_LEDGER, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_true (gtk_widget_is_sensitive (records));
    g_assert_nonnull (strstr (gtk_label_get_text (about), "on the register today"));
    adw_combo_row_set_selected (ADW_COMBO_ROW (records), 1);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_nonnull (strstr (gtk_label_get_text (about), "200 children"));
    tx_reports_view_export_to (reports, file);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    log = tx_store_export_log (store, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "ledger");
    g_assert_cmpuint (((TxExport *) log->pdata[0])->children, ==, 200);
    g_clear_pointer (&log, g_ptr_array_unref);
  }

  /* a print the export log cannot take: written on the store's thread, the
   * failure said on screen, and the print recorded once it can be */
  {
    GtkWidget *problem = tx_reports_view_get_widget (reports, "log_error_label");
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TRIGGER no_log BEFORE INSERT ON export_log "
                                       "BEGIN SELECT RAISE(ABORT, 'no room in the log'); END", NULL, NULL, NULL),
                     ==, SQLITE_OK);
    tx_reports_view_choose (reports, TX_REPORT_VISIT_LOG, 2026, 11);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_visible (problem));
    tx_reports_view_print (reports, printed_again);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    assert_file_starts (printed_again, "%PDF");
    g_assert_true (gtk_widget_is_visible (problem));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "no room in the log"));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "Record Again"));
    log = tx_store_export_log (store, 1, &error);
    g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "ledger");
    g_clear_pointer (&log, g_ptr_array_unref);
    /* a second print the log cannot take either: both wait */
    tx_reports_view_print (reports, printed_twice);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_true (gtk_widget_is_visible (problem));

    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER no_log", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    gtk_widget_activate_action (GTK_WIDGET (reports), "reports.record-again", NULL);
    g_assert_true (tx_gui_wait_for (tx_gui_reports_idle, reports, 20000));
    g_assert_false (gtk_widget_is_visible (problem));
    log = tx_store_export_log (store, 2, &error);
    g_assert_cmpuint (log->len, ==, 2);
    for (guint i = 0; i < 2; i++)
      g_assert_cmpstr (((TxExport *) log->pdata[i])->what, ==, "visit_log_print");
    g_assert_true ((g_str_equal (((TxExport *) log->pdata[0])->detail, "printed-again.pdf") &&
                    g_str_equal (((TxExport *) log->pdata[1])->detail, "printed-twice.pdf")) ||
                   (g_str_equal (((TxExport *) log->pdata[1])->detail, "printed-again.pdf") &&
                    g_str_equal (((TxExport *) log->pdata[0])->detail, "printed-twice.pdf")));
  }
  close_window (window);
}

static gboolean
roster_exported (gpointer data)
{
  return !tx_roster_view_is_exporting (data);
}

/* The roster exports the children it lists, with its filters: the ledger
 * and their registration forms */
static void
test_roster_export (void)
{
  TxWindow *window = new_window ("roster-export.db", 60);
  TxStore *store = tx_window_get_store (window);
  TxRosterView *roster = tx_window_get_roster_view (window);
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "roster-exports", NULL);
  g_autofree char *xlsx = g_build_filename (dir, "listed.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "listed.pdf", NULL);
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  gint64 key_care = tx_store_child_count (store, &(TxChildQuery) { .key_care_only = TRUE }, NULL);

  g_mkdir_with_parents (dir, 0700);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tx_roster_view_get_filter (roster, "key-care")), TRUE);
  tx_gui_wait_roster (window);
  {
    g_autoptr(GFile) file = g_file_new_for_path (xlsx);
    tx_roster_view_export (roster, FALSE, file);
  }
  g_assert_true (tx_gui_wait_for (roster_exported, roster, 20000));
  {
    g_autoptr(GFile) file = g_file_new_for_path (pdf);
    tx_roster_view_export (roster, TRUE, file);
  }
  g_assert_true (tx_gui_wait_for (roster_exported, roster, 20000));
  assert_file_starts (xlsx, "PK");
  assert_file_starts (pdf, "%PDF");
  log = tx_store_export_log (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log->len, ==, 2);
  g_assert_cmpstr (((TxExport *) log->pdata[0])->what, ==, "forms");
  g_assert_cmpint (((TxExport *) log->pdata[0])->children, ==, key_care);
  g_assert_cmpstr (((TxExport *) log->pdata[1])->what, ==, "ledger");
  g_assert_cmpint (((TxExport *) log->pdata[1])->children, ==, key_care);
  g_assert_cmpint (key_care, <, 60);
  close_window (window);
}

/* Tab from the first field to the end of the form: every input that applies
 * is reached, in the order of the paper form */
static void
test_tab_through_form (void)
{
  TxWindow *window = new_window ("tab.db", 0);
  TxFormView *form = open_new_form (window);
  const TxForm *f = tx_form_get ();
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (int));
  int last = -1;

  gtk_widget_grab_focus (tx_form_view_get_input (form, "registration_date"));
  for (int step = 0; step < 600; step++)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
      int field = -1;

      for (guint i = 0; focus && i < f->n_fields; i++)
        {
          GtkWidget *input = tx_form_view_get_input (form, f->fields[i].key);
          if (focus == input || gtk_widget_is_ancestor (focus, input))
            {
              field = i;
              break;
            }
        }
      if (field >= 0 && field != last)
        {
          g_assert_cmpint (field, >, last);  /* never backwards */
          g_array_append_val (seen, field);
          last = field;
        }
      if (!gtk_widget_child_focus (GTK_WIDGET (tx_window_get_form_view (window)), GTK_DIR_TAB_FORWARD))
        break;
    }

  /* every field that can be typed or ticked in a new form was reached */
  for (guint i = 0; i < f->n_fields; i++)
    {
      const TxField *field = &f->fields[i];
      gboolean reached = FALSE;
      GtkWidget *input = tx_form_view_get_input (form, field->key);

      if (field->derived || g_str_has_prefix (field->key, "reporting_") || !gtk_widget_is_sensitive (input))
        continue;
      for (guint k = 0; k < seen->len; k++)
        reached |= g_array_index (seen, int, k) == (int) i;
      if (!reached)
        g_error ("Tab never reaches %s", field->key);
    }
  close_window (window);
}

/* The window follows the language of the environment */
static void
test_language (void)
{
  TxWindow *window = new_window ("lang.db", 0);
  gboolean zh = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
  TxFormView *form = open_new_form (window);
  GtkWidget *caption = gtk_widget_get_prev_sibling (tx_form_view_get_input (form, "name"));
  g_autofree char *title = tx_form_view_dup_title (form);

  g_assert_true (GTK_IS_LABEL (caption));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (caption)), ==, zh ? "姓名 *" : "Name *");
  g_assert_cmpstr (title, ==, zh ? "新登记" : "New Registration");
  tx_form_view_set_value (form, "id_number", "511323201805141235");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_form_view_get_message (form, "id_number"))),
                            zh ? "校验码不符" : "check digit does not match"));
  close_window (window);
}

static void
test_setup (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "fresh.db", NULL);
  TxWindow *window = g_object_new (TX_TYPE_WINDOW, NULL);

  TxSetupView *setup;
  TxFormView *form;
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autofree char *township = NULL;

  g_assert_true (tx_window_open_database (window, path));
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
  g_assert_true (gtk_widget_get_sensitive (tx_setup_view_get_done_button (setup)));
  gtk_editable_set_text (GTK_EDITABLE (tx_setup_view_get_name_row (setup)), "南岭街道工作站");
  /* as Enter on the button does; a button shows the press before it acts */
  gtk_widget_activate (tx_setup_view_get_done_button (setup));
  tx_gui_wait (400);
  tx_gui_wait_roster (window);

  g_assert_cmpstr (tx_window_get_page (window), ==, "roster");
  township = tx_store_get_setting (tx_window_get_store (window), "township");
  g_assert_cmpstr (township, ==, "220102001");
  /* and the first child can be saved at once, without a restart: the
   * window's other connections see the setup too; the supervisor fills it */
  form = open_new_form (window);
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
  close_window (window);
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

  g_assert_true (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "setup");
  setup = TX_SETUP_VIEW (tx_window_get_setup_view (window));

  collect_mnemonics (GTK_WIDGET (window), seen);
  /* province, city, county, township, name, supervisor, directors, demo, set up */
  g_assert_cmpuint (g_hash_table_size (seen), >=, 9);

  if (!tx_gui_x11_available ())
    {
      close_window (window);
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
  close_window (window);
}

static void
collect_toast (GObject    *view,
               const char *message,
               GPtrArray  *toasts)
{
  g_ptr_array_add (toasts, g_strdup (message));
}

/* A message the window shows tells what to do in the window, never a
 * command to run */
static void
assert_no_command (const char *message)
{
  g_assert_nonnull (message);
  if (strstr (message, "tongxing-cli") || strstr (message, "run ") || strstr (message, "“child list”") ||
      strstr (message, "--"))
    g_error ("the window says “%s”", message);
}

/* What the core says for the command line (“run tongxing-cli init”, “see
 * child list”) is said in the window's words */
static void
test_no_commands (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "bare.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_store_open (path, &error);
  g_autoptr(TxStoreService) service = tx_store_service_new (path, &error);
  g_autoptr(GPtrArray) toasts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(TxRecord) child = tx_gui_fixture ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  TxSyncView *sync = g_object_new (TX_TYPE_SYNC_VIEW, NULL);
  TxFormView *form = g_object_new (TX_TYPE_FORM_VIEW, NULL);
  AdwMessageDialog *dialog;
  GError not_found = { TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND, (char *) "No child with id x is registered here; check the id with “child list”." };

  g_assert_no_error (error);
  g_assert_false (tx_store_is_set_up (store));
  gtk_widget_set_vexpand (GTK_WIDGET (form), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (sync));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form));
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_window_present (GTK_WINDOW (window));

  /* the sync view reads this station, which has no keys before a set-up */
  g_signal_connect (sync, "toast", G_CALLBACK (collect_toast), toasts);
  tx_sync_view_set_store (sync, store, service);
  g_assert_true (tx_gui_wait_for (tx_gui_sync_idle, sync, 10000));
  g_assert_cmpuint (toasts->len, >, 0);
  for (guint i = 0; i < toasts->len; i++)
    assert_no_command (toasts->pdata[i]);

  /* a save the store refuses for the same reason */
  tx_form_view_set_store (form, store, service);
  g_assert_true (tx_form_view_load (form, NULL, NULL));
  tx_gui_fill_form (form, child);
  tx_form_view_save (form, TRUE);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("The Record Was Not Saved"));
  assert_no_command (adw_message_dialog_get_body (dialog));
  tx_gui_respond (dialog, "close");

  /* a record gone meanwhile */
  assert_no_command (tx_gui_error_text (&not_found));

  gtk_window_destroy (GTK_WINDOW (window));
  tx_store_service_wait_idle (service);
  tx_gui_wait (20);
}

/* The visit's entry is not thrown away without asking; from an overdue
 * child's row it is dated today (the day of the visit), not the day the
 * child was due */
static void
test_visit_discard_asks (void)
{
  TxWindow *window = new_window ("visit-discard.db", 200);
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
  close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/setup/first-run", test_setup);
  g_test_add_func ("/gui/setup/keyboard", test_setup_keyboard);
  g_test_add_func ("/gui/form/fill-save-reopen", test_fill_save_reopen);
  g_test_add_func ("/gui/form/id-fills-birth-gender", test_id_fills_birth_and_gender);
  g_test_add_func ("/gui/form/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/gui/form/draft", test_draft);
  g_test_add_func ("/gui/form/duplicate-id", test_duplicate_id);
  g_test_add_func ("/gui/form/same-name-birth", test_same_name_birth);
  g_test_add_func ("/gui/form/unsaved-guard", test_unsaved_guard);
  g_test_add_func ("/gui/form/unsupported-by-hand", test_unsupported_by_hand);
  g_test_add_func ("/gui/form/autosave-restore", test_autosave_restore);
  g_test_add_func ("/gui/form/autosave-failure-told", test_autosave_failure_told);
  g_test_add_func ("/gui/form/keyboard-order", test_keyboard_order);
  g_test_add_func ("/gui/form/problem-list", test_problem_list);
  g_test_add_func ("/gui/form/date-shown-iso", test_date_shown_iso);
  g_test_add_func ("/gui/form/dropdown-search", test_dropdown_search);
  g_test_add_func ("/gui/form/focus-in-view", test_focus_in_view);
  g_test_add_func ("/gui/roster/find", test_roster_find);
  g_test_add_func ("/gui/roster/hears-changes", test_roster_hears_changes);
  g_test_add_func ("/gui/roster/delete", test_roster_delete);
  g_test_add_func ("/gui/roster/keyboard", test_roster_keyboard);
  g_test_add_func ("/gui/roster/update-words", test_roster_update_words);
  g_test_add_func ("/gui/roster/reread", test_roster_reread);
  g_test_add_func ("/gui/roster/seconds-to-midnight", test_seconds_to_midnight);
  g_test_add_func ("/gui/roster/model-200k", test_model_200k);
  g_test_add_func ("/gui/roster/model-steps", test_model_steps);
  g_test_add_func ("/gui/a11y/labels", test_accessible_labels);
  g_test_add_func ("/gui/keyboard/tab-through-form", test_tab_through_form);
  g_test_add_func ("/gui/language", test_language);
  g_test_add_func ("/gui/calendar/counts", test_calendar);
  g_test_add_func ("/gui/calendar/record-visit", test_record_visit);
  g_test_add_func ("/gui/calendar/visit-discard-asks", test_visit_discard_asks);
  g_test_add_func ("/gui/calendar/two-of-one-name", test_two_of_one_name);
  g_test_add_func ("/gui/calendar/urgent-reassessment", test_urgent_reassessment);
  g_test_add_func ("/gui/calendar/urgent-since-local", test_urgent_since_local);
  g_test_add_func ("/gui/preferences", test_preferences);
  g_test_add_func ("/gui/reports", test_reports);
  g_test_add_func ("/gui/reports/hear-visits", test_reports_hear_visits);
  g_test_add_func ("/gui/roster/export", test_roster_export);
  g_test_add_func ("/gui/sync", test_sync);
  g_test_add_func ("/gui/messages/no-commands", test_no_commands);
  return g_test_run ();
}
