/* test-form.c — the registration form: saving and reopening, what the
 * identity number fills in, drafts, duplicates, the unsaved guard, autosave,
 * the problem list, dates, drop-downs and the keyboard, driven through the
 * real widgets under Xvfb
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
#include "../tx-test-login.h"

static void
test_fill_save_reopen (void)
{
  TxWindow *window = tx_gui_new_window ("fill.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) stored = NULL;
  g_autoptr(TxRecord) shown = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static void
test_id_fills_birth_and_gender (void)
{
  TxWindow *window = tx_gui_new_window ("idfill.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
  g_autoptr(TxRecord) r = NULL;

  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "id_number")), "110105201202290039");
  tx_gui_wait (10);
  r = tx_form_view_collect (form);
  g_assert_cmpstr (tx_record_get_key (r, "birth_date"), ==, "2012-02-29");
  g_assert_cmpstr (tx_record_get_key (r, "gender"), ==, "male");
  tx_gui_close_window (window);
}

static void
test_wrong_check_digit (void)
{
  TxWindow *window = tx_gui_new_window ("checkdigit.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static void
test_draft (void)
{
  TxWindow *window = tx_gui_new_window ("draft.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(GPtrArray) rows = NULL;
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static void
test_duplicate_id (void)
{
  TxWindow *window = tx_gui_new_window ("dup.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) first = tx_record_copy (want);
  g_autofree char *first_id = NULL;
  TxFormView *form;
  AdwMessageDialog *dialog;

  first_id = tx_store_child_add (tx_gui_writer (window), first, FALSE, NULL, NULL);
  g_assert_nonnull (first_id);

  form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static void
test_same_name_birth (void)
{
  TxWindow *window = tx_gui_new_window ("same.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) first = tx_record_copy (want);
  g_autofree char *first_id = NULL;
  TxFormView *form;
  AdwMessageDialog *dialog;

  first_id = tx_store_child_add (tx_gui_writer (window), first, FALSE, NULL, NULL);
  form = tx_gui_open_new_form (window);
  tx_gui_fill_form (form, want);
  tx_form_view_set_value (form, "id_type", "none");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "open"));
  tx_gui_respond (dialog, "save");  /* a different child after all */
  tx_gui_wait_saved (window);
  g_assert_cmpint (tx_store_child_count (tx_window_get_store (window), &(TxChildQuery) { 0 }, NULL), ==, 2);
  tx_gui_close_window (window);
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
  TxWindow *window = tx_gui_new_window ("unsupported.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(TxRecord) shown = NULL;
  TxFormView *form = tx_gui_open_new_form (window);
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
    tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static void
test_unsaved_guard (void)
{
  TxWindow *window = tx_gui_new_window ("guard.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
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
  form = tx_gui_open_new_form (window);
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
  TxWindow *window = tx_gui_new_window ("problems.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

/* A date typed in any usual spelling is shown as 2016-04-09 once the focus
 * leaves it, or on Enter */
static void
test_date_shown_iso (void)
{
  TxWindow *window = tx_gui_new_window ("dates.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
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
  window = tx_gui_new_window ("search.db", 0);
  form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
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
  TxWindow *window = tx_gui_new_window ("inview.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

static gboolean
autosaved (gpointer data)
{
  g_autofree char *v = tx_store_get_setting (data, TX_SETTING_AUTOSAVE);
  return v != NULL;
}

/* An autosave that cannot be written (a full disk, here a trigger that
 * refuses it) is told to the person, who still has the typing; the save
 * that follows works and leaves no copy behind */
static void
test_autosave_failure_told (void)
{
  TxWindow *window = tx_gui_new_window ("autosave-fails.db", 0);
  g_autoptr(TxRecord) want = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  TxFormView *form;
  g_autofree char *left = NULL;

  g_assert_true (tx_store_exec (tx_gui_writer (window),
      "CREATE TRIGGER refuse_autosave BEFORE INSERT ON settings WHEN NEW.key = 'autosave' "
      "BEGIN SELECT RAISE (ABORT, 'disk I/O error'); END", &error));
  g_assert_no_error (error);
  form = tx_gui_open_new_form (window);
  tx_gui_fill_form (form, want);
  g_assert_true (tx_gui_wait_text (GTK_WIDGET (window), _("cannot be kept safe"), 12000));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_form_view_get_input (form, "name"))), ==, "张小明");

  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait_saved (window);
  g_assert_nonnull (tx_form_view_get_id (form));
  left = tx_store_get_setting (tx_gui_writer (window), TX_SETTING_AUTOSAVE);
  g_assert_null (left);
  tx_gui_close_window (window);
}

static void
test_autosave_restore (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "autosave.db", NULL);
  TxWindow *window = tx_gui_new_window ("autosave.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
  g_autoptr(TxStore) reader = tx_test_open (path, NULL);
  AdwMessageDialog *dialog;
  g_autoptr(TxRecord) r = NULL;

  gtk_editable_set_text (GTK_EDITABLE (tx_form_view_get_input (form, "name")), "刘小草");
  /* the autosave runs every few seconds while a form has changes */
  g_assert_true (tx_gui_wait_for (autosaved, reader, 12000));
  /* a crash: the window goes without asking */
  g_object_run_dispose (G_OBJECT (window));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (20);

  window = tx_gui_new_window ("autosave.db", 0);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "restore");
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  r = tx_form_view_collect (tx_window_get_form_view (window));
  g_assert_cmpstr (tx_record_get_key (r, "name"), ==, "刘小草");
  g_assert_true (tx_form_view_is_dirty (tx_window_get_form_view (window)));
  tx_gui_close_window (window);
}

static void
test_keyboard_order (void)
{
  TxWindow *window = tx_gui_new_window ("keys.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);
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
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
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
  return g_test_run ();
}
