/* test-form-register.c — a child's place on the register in the form: an
 * exit recorded through its dialog, the refusal of an open urgent case,
 * reopening, a transfer that leaves a read-only copy, the banner and the
 * history, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With TX_SCREENSHOTS=DIR the exit dialog (filled in, asking for a note,
 * refused for an urgent case), the banner of an exited child, the transfer
 * dialog and a transferred record are saved there as PNG.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-test-util.h"
#include "tx-register-dialog.h"
#include "../tx-test-login.h"

#define TODAY "2026-11-25"

static gboolean
zh (void)
{
  return g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh");
}

static TxRegisterDialog *
find_register_dialog (void)
{
  return (TxRegisterDialog *) tx_gui_find_window (TX_TYPE_REGISTER_DIALOG, TRUE);
}

static gboolean
has_register_dialog (gpointer data)
{
  return find_register_dialog () != NULL;
}

static gboolean
no_register_dialog (gpointer data)
{
  return find_register_dialog () == NULL;
}

/* The dialog @action of the form opens, the first input with the focus */
static TxRegisterDialog *
open_dialog (TxFormView *form,
             const char *action,
             TxRegisterDialogKind kind)
{
  TxRegisterDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (form), action, NULL);
  g_assert_true (tx_gui_wait_for (has_register_dialog, NULL, 5000));
  dialog = find_register_dialog ();
  g_assert_cmpint (tx_register_dialog_get_kind (dialog), ==, kind);
  tx_gui_wait (100);
  return dialog;
}

/* An action of the form that does not apply opens nothing */
static void
assert_action_off (TxFormView *form,
                   const char *action)
{
  gtk_widget_activate_action (GTK_WIDGET (form), action, NULL);
  tx_gui_wait (100);
  if (find_register_dialog ())
    g_error ("%s opened its dialog where it does not apply", action);
}

static gboolean
has_focus_in (TxRegisterDialog *dialog,
              GtkWidget        *input)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (dialog));

  return focus && (focus == input || gtk_widget_is_ancestor (focus, input));
}

/* Every input of the dialog shown is named by its label, for a screen reader */
static void
assert_labelled (GtkWidget *input)
{
  if (gtk_widget_is_visible (input) &&
      !gtk_test_accessible_has_relation (GTK_ACCESSIBLE (input), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    g_error ("%s has no label", G_OBJECT_TYPE_NAME (input));
}

static gboolean
answered (gpointer data)
{
  TxRegisterDialog *dialog = data;

  return find_register_dialog () != dialog || gtk_widget_get_visible (tx_register_dialog_get_message (dialog));
}

/* Enter in @input, as the keyboard gives it: the dialog's default button.
 * Waits for the answer: the dialog closed, or a message in it (the one of
 * an earlier try goes when the dialog tries again) */
static void
press_enter_in (TxRegisterDialog *dialog,
                GtkWidget        *input)
{
  gtk_widget_grab_focus (input);
  tx_gui_wait (20);
  gtk_widget_set_visible (tx_register_dialog_get_message (dialog), FALSE);
  tx_gui_x11_key (input, GDK_KEY_Return, 0);
  g_assert_true (tx_gui_wait_for (answered, dialog, 20000));
  tx_gui_wait (50);
}

/* Types @text into an entry, over what it held */
static void
type_into (TxRegisterDialog *dialog,
           GtkWidget        *entry,
           const char       *ascii,
           const char       *committed)
{
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  tx_gui_wait (20);
  if (ascii)
    tx_gui_x11_type (entry, ascii);
  if (committed)
    tx_gui_commit_text (GTK_WINDOW (dialog), committed);
}

static void
select_code (TxRegisterDialog *dialog,
             const char       *code)
{
  GtkWidget *dd = tx_register_dialog_get_reason (dialog);
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dd));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (tx_register_dialog_reason_code (dialog, i), code) == 0)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dd), i);
        tx_gui_wait (20);
        return;
      }
  g_error ("no reason %s to choose", code);
}

static const char *
message_of (TxRegisterDialog *dialog)
{
  GtkWidget *message = tx_register_dialog_get_message (dialog);

  return gtk_widget_get_visible (message) ? gtk_label_get_text (GTK_LABEL (message)) : NULL;
}

/* A child of the test township, stored by another part of the program */
static char *
add_child (TxWindow   *window,
           const char *name,
           const char *birth)
{
  g_autoptr(TxRecord) r = tx_gui_fixture ();
  g_autoptr(GError) error = NULL;
  char *id;

  /* no identity number: the children of a test are told apart by name */
  tx_record_set_key (r, "name", name);
  tx_record_set_key (r, "id_type", "none");
  tx_record_set_key (r, "id_number", NULL);
  if (birth)
    tx_record_set_key (r, "birth_date", birth);
  id = tx_store_child_add (tx_gui_writer (window), r, TRUE, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static TxFormView *
open_child (TxWindow   *window,
            const char *id)
{
  g_signal_emit_by_name (tx_window_get_roster_view (window), "child-activated", id);
  tx_gui_wait (50);
  g_assert_cmpstr (tx_window_get_page (window), ==, "form");
  g_assert_cmpstr (tx_form_view_get_id (tx_window_get_form_view (window)), ==, id);
  return tx_window_get_form_view (window);
}

static const char *
banner_text (TxFormView *form)
{
  GtkWidget *banner = tx_form_view_get_banner (form);
  GtkWidget *label = gtk_widget_get_first_child (banner);

  return gtk_widget_get_visible (banner) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static char *
register_of (TxWindow   *window,
             const char *id)
{
  g_autoptr(TxRecord) r = tx_store_child_get (tx_gui_writer (window), id, NULL);

  g_assert_nonnull (r);
  return g_strdup (r->register_state);
}

static guint
roster_rows (TxWindow *window)
{
  tx_gui_wait_roster (window);
  return g_list_model_get_n_items (G_LIST_MODEL (tx_roster_view_get_model (tx_window_get_roster_view (window))));
}

/* Whether the history dialog of the form shows @line; closes it */
static gboolean
history_shows (TxFormView *form,
               const char *line)
{
  AdwMessageDialog *dialog;
  gboolean found;

  gtk_widget_activate_action (GTK_WIDGET (form), "form.history", NULL);
  dialog = tx_gui_wait_dialog ();
  g_assert_nonnull (dialog);
  found = tx_gui_wait_text (GTK_WIDGET (dialog), line, 2000);
  tx_gui_respond (dialog, "close");
  return found;
}

static void
set_editor (TxWindow *window)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tx_store_set_setting (tx_gui_writer (window), TX_SETTING_EDITOR, "李春梅", &error));
  g_assert_no_error (error);
}

/* An exit through the dialog: the reasons a person gives, the note "Other"
 * needs asked for in place, then the banner, the store and the roster */
static void
test_exit (void)
{
  TxWindow *window;
  g_autofree char *id = NULL, *state = NULL, *want = NULL;
  g_autoptr(TxRecord) stored = NULL;
  g_autofree char *line = NULL;
  TxRegisterDialog *dialog;
  TxFormView *form;
  GListModel *reasons;
  guint before;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }
  window = tx_gui_new_window ("exit.db", 0);
  set_editor (window);
  id = add_child (window, "张小明", NULL);
  g_free (add_child (window, "王小红", NULL));
  before = roster_rows (window);
  g_assert_cmpuint (before, ==, 2);

  form = open_child (window, id);
  g_assert_null (banner_text (form));
  assert_action_off (form, "form.reopen");
  dialog = open_dialog (form, "form.exit", TX_REGISTER_DIALOG_EXIT);

  /* the first input has the focus; every input is named */
  g_assert_true (has_focus_in (dialog, tx_register_dialog_get_reason (dialog)));
  assert_labelled (tx_register_dialog_get_reason (dialog));
  assert_labelled (tx_register_dialog_get_date (dialog));
  assert_labelled (tx_register_dialog_get_note (dialog));
  g_assert_false (gtk_widget_is_visible (tx_register_dialog_get_township (dialog)));
  /* today, as the date is written */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_date (dialog))), ==, TODAY);

  /* ageing out is the rule's; a move within the county is a transfer,
   * offered by the line below the reasons */
  reasons = gtk_drop_down_get_model (GTK_DROP_DOWN (tx_register_dialog_get_reason (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (reasons), ==, 6);
  for (guint i = 0; i < g_list_model_get_n_items (reasons); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (reasons, i);
      const char *shown = gtk_string_object_get_string (item);
      g_assert_cmpstr (shown, !=, tx_exit_reason_label (TX_EXIT_AGED_OUT));
      g_assert_cmpstr (shown, !=, tx_exit_reason_label (TX_EXIT_TRANSFERRED));
    }
  g_assert_true (gtk_widget_get_visible (tx_register_dialog_get_transfer_button (dialog)));

  select_code (dialog, TX_EXIT_OTHER);
  type_into (dialog, tx_register_dialog_get_date (dialog), "2026-11-20", NULL);
  tx_gui_screenshot (GTK_WIDGET (dialog), "exit-dialog-other.png");

  /* Enter with no note: the store asks for one, in the dialog, and what
   * was typed stays */
  press_enter_in (dialog, tx_register_dialog_get_date (dialog));
  g_assert_true (find_register_dialog () == dialog);
  g_assert_nonnull (message_of (dialog));
  g_assert_nonnull (strstr (message_of (dialog), zh () ? "备注" : "note"));
  g_assert_cmpstr (tx_register_dialog_reason_code (dialog, gtk_drop_down_get_selected (
                     GTK_DROP_DOWN (tx_register_dialog_get_reason (dialog)))), ==, TX_EXIT_OTHER);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_date (dialog))), ==, "2026-11-20");
  state = register_of (window, id);
  g_assert_cmpstr (state, ==, TX_REGISTER_ACTIVE);
  g_clear_pointer (&state, g_free);
  tx_gui_screenshot (GTK_WIDGET (dialog), "exit-dialog-note.png");

  type_into (dialog, tx_register_dialog_get_note (dialog), NULL, "随父母出国");
  press_enter_in (dialog, tx_register_dialog_get_note (dialog));
  g_assert_true (tx_gui_wait_for (no_register_dialog, NULL, 5000));

  /* the store has the exit; the form read the record again */
  stored = tx_store_child_get (tx_gui_writer (window), id, NULL);
  g_assert_cmpstr (stored->register_state, ==, TX_REGISTER_EXITED);
  g_assert_cmpstr (stored->exit_reason, ==, TX_EXIT_OTHER);
  g_assert_cmpstr (stored->exit_date, ==, "2026-11-20");
  g_assert_cmpstr (tx_form_view_get_id (form), ==, id);
  g_assert_false (tx_form_view_is_dirty (form));

  /* the banner: when, why, who, and the note */
  want = g_strdup_printf (_("Left the register on %s: %s"), "2026-11-20", tx_exit_reason_label (TX_EXIT_OTHER));
  g_assert_nonnull (banner_text (form));
  g_assert_true (g_str_has_prefix (banner_text (form), want));
  /* the person logged in */
  g_assert_nonnull (strstr (banner_text (form), tx_test_user ()));
  g_assert_nonnull (strstr (banner_text (form), "随父母出国"));
  if (zh ())
    g_assert_nonnull (strstr (banner_text (form), "退出台账"));
  tx_gui_screenshot (GTK_WIDGET (window), "exited-banner.png");

  /* exit and transfer no longer apply; an exited record is still corrected */
  assert_action_off (form, "form.exit");
  assert_action_off (form, "form.transfer");
  g_assert_false (tx_form_view_is_locked (form));
  g_assert_true (gtk_widget_is_sensitive (tx_form_view_get_input (form, "name")));

  /* the history reads the exit out, not as JSON */
  line = tx_register_describe (stored->register_value);
  g_assert_true (history_shows (form, line));

  /* the roster lists one child fewer */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_cmpuint (roster_rows (window), ==, before - 1);
  tx_gui_close_window (window);
}

/* An open urgent case keeps the child on the register: the dialog says why
 * and what to do, and keeps what was typed; Escape closes it */
static void
test_urgent_refused (void)
{
  TxWindow *window;
  g_autofree char *id = NULL, *state = NULL;
  g_autoptr(TxVisit) v = tx_visit_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *visit = NULL;
  TxRegisterDialog *dialog;
  TxFormView *form;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }
  window = tx_gui_new_window ("urgent.db", 0);
  id = add_child (window, "刘小草", NULL);
  v->child_id = g_strdup (id);
  v->date = g_strdup ("2026-11-20");
  v->kind = g_strdup ("home");
  v->visitor = g_strdup ("李春梅");
  v->urgent = g_strdup ("domestic_violence");
  v->police_reported_at = g_strdup ("2026-11-20 10:30");
  v->police_station = g_strdup ("南岭派出所");
  v->police_officer = g_strdup ("王警官");
  v->police_receipt = g_strdup ("220102-2026-1120-017");
  v->police_measures = g_strdup ("民警上门调查");
  visit = tx_store_visit_add (tx_gui_writer (window), v, FALSE, NULL, &error);
  g_assert_no_error (error);

  form = open_child (window, id);
  dialog = open_dialog (form, "form.exit", TX_REGISTER_DIALOG_EXIT);
  select_code (dialog, TX_EXIT_MOVED_AWAY);
  type_into (dialog, tx_register_dialog_get_date (dialog), "2026-11-22", NULL);
  type_into (dialog, tx_register_dialog_get_note (dialog), NULL, "全家搬回老家");
  gtk_widget_grab_focus (tx_register_dialog_get_reason (dialog));
  tx_gui_screenshot (GTK_WIDGET (dialog), "exit-dialog.png");
  press_enter_in (dialog, tx_register_dialog_get_note (dialog));

  g_assert_true (find_register_dialog () == dialog);
  g_assert_nonnull (message_of (dialog));
  /* why, and what to do */
  g_assert_nonnull (strstr (message_of (dialog), "刘小草"));
  g_assert_nonnull (strstr (message_of (dialog), zh () ? "紧急情况尚未办结" : "urgent case"));
  g_assert_nonnull (strstr (message_of (dialog), zh () ? "结案" : "Close Case"));
  /* the window's words, not the command line's */
  g_assert_null (strstr (message_of (dialog), "urgent close"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_note (dialog))), ==, "全家搬回老家");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_date (dialog))), ==, "2026-11-22");
  g_assert_cmpstr (tx_register_dialog_reason_code (dialog, gtk_drop_down_get_selected (
                     GTK_DROP_DOWN (tx_register_dialog_get_reason (dialog)))), ==, TX_EXIT_MOVED_AWAY);
  state = register_of (window, id);
  g_assert_cmpstr (state, ==, TX_REGISTER_ACTIVE);
  tx_gui_screenshot (GTK_WIDGET (dialog), "exit-dialog-urgent.png");

  /* Escape closes it, nothing written */
  gtk_widget_grab_focus (tx_register_dialog_get_note (dialog));
  tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
  g_assert_true (tx_gui_wait_for (no_register_dialog, NULL, 5000));
  g_assert_null (banner_text (form));
  tx_gui_close_window (window);
}

/* Reopening from the banner's button: a note is needed; then the child is
 * back. A child aged out says so, by the rule; one ageing out soon shows
 * the day */
static void
test_reopen (void)
{
  TxWindow *window;
  g_autofree char *id = NULL, *old = NULL, *soon = NULL, *state = NULL;
  g_autoptr(GError) error = NULL;
  TxRegisterDialog *dialog;
  TxFormView *form;
  GtkWidget *button;
  GDate today;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }
  window = tx_gui_new_window ("reopen.db", 0);
  id = add_child (window, "陈小雨", NULL);
  g_assert_true (tx_store_child_exit (tx_gui_writer (window), id, TX_EXIT_MOVED_AWAY, "2026-11-01", "搬走了",
                                      &error));
  g_assert_no_error (error);

  form = open_child (window, id);
  g_assert_nonnull (banner_text (form));
  g_assert_nonnull (strstr (banner_text (form), tx_exit_reason_label (TX_EXIT_MOVED_AWAY)));
  assert_action_off (form, "form.exit");
  assert_action_off (form, "form.transfer");

  /* the banner's button, clicked */
  button = tx_gui_find_button (tx_form_view_get_banner (form));
  g_assert_nonnull (button);
  tx_gui_x11_click (button);
  g_assert_true (tx_gui_wait_for (has_register_dialog, NULL, 5000));
  dialog = find_register_dialog ();
  g_assert_cmpint (tx_register_dialog_get_kind (dialog), ==, TX_REGISTER_DIALOG_REOPEN);
  tx_gui_wait (100);
  g_assert_true (has_focus_in (dialog, tx_register_dialog_get_note (dialog)));
  assert_labelled (tx_register_dialog_get_note (dialog));
  g_assert_false (gtk_widget_is_visible (tx_register_dialog_get_date (dialog)));
  g_assert_false (gtk_widget_is_visible (tx_register_dialog_get_reason (dialog)));

  /* no note: asked for in place */
  press_enter_in (dialog, tx_register_dialog_get_note (dialog));
  g_assert_true (find_register_dialog () == dialog);
  g_assert_nonnull (message_of (dialog));
  type_into (dialog, tx_register_dialog_get_note (dialog), NULL, "又搬回来了");
  press_enter_in (dialog, tx_register_dialog_get_note (dialog));
  g_assert_true (tx_gui_wait_for (no_register_dialog, NULL, 5000));
  state = register_of (window, id);
  g_assert_cmpstr (state, ==, TX_REGISTER_ACTIVE);
  g_assert_null (banner_text (form));
  assert_action_off (form, "form.reopen");
  g_assert_true (history_shows (form, "又搬回来了"));

  /* aged out by the rule: said so; reopening it is refused, with why */
  old = add_child (window, "赵大龙", "2010-11-01");
  {
    GDate d;
    tx_date_today (&d);
    g_assert_true (tx_store_ageing_out_run (tx_gui_writer (window), &d, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  form = open_child (window, old);
  g_assert_nonnull (banner_text (form));
  g_assert_nonnull (strstr (banner_text (form), _("by the rule")));
  g_assert_nonnull (strstr (banner_text (form), "2026-11-01"));
  g_assert_nonnull (strstr (banner_text (form), tx_exit_reason_label (TX_EXIT_AGED_OUT)));
  dialog = open_dialog (form, "form.reopen", TX_REGISTER_DIALOG_REOPEN);
  type_into (dialog, tx_register_dialog_get_note (dialog), NULL, "回来了");
  press_enter_in (dialog, tx_register_dialog_get_note (dialog));
  g_assert_true (find_register_dialog () == dialog);
  g_assert_nonnull (message_of (dialog));
  g_assert_nonnull (strstr (message_of (dialog), "2010-11-01"));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (tx_gui_wait_for (no_register_dialog, NULL, 5000));

  /* ageing out within the month: a quiet line with the day */
  tx_date_today (&today);
  soon = add_child (window, "孙小溪", "2010-12-10");
  form = open_child (window, soon);
  g_assert_null (banner_text (form));
  g_assert_true (gtk_widget_get_visible (tx_form_view_get_ages_out_label (form)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (tx_form_view_get_ages_out_label (form))), "2026-12-10"));
  /* not for a child far from it */
  form = open_child (window, id);
  g_assert_false (gtk_widget_get_visible (tx_form_view_get_ages_out_label (form)));
  tx_gui_close_window (window);
}

/* From the exit dialog's line to the transfer dialog, a township picked by
 * typing; then the copy here is read-only, waiting for the county */
static void
test_transfer (void)
{
  TxWindow *window;
  g_autofree char *id = NULL, *state = NULL, *want = NULL, *line = NULL;
  g_autoptr(GPtrArray) townships = tx_division_children ("220102");
  TxRegisterDialog *dialog;
  TxFormView *form;
  GtkWidget *dd;
  GListModel *model;
  const TxDivision *to = NULL;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no XTest to type with");
      return;
    }
  window = tx_gui_new_window ("transfer.db", 0);
  set_editor (window);
  id = add_child (window, "周小舟", NULL);
  form = open_child (window, id);

  /* begun as an exit: the line below the reasons, clicked */
  dialog = open_dialog (form, "form.exit", TX_REGISTER_DIALOG_EXIT);
  type_into (dialog, tx_register_dialog_get_date (dialog), "2026-11-18", NULL);
  type_into (dialog, tx_register_dialog_get_note (dialog), NULL, "随母亲搬家");
  tx_gui_x11_click (tx_register_dialog_get_transfer_button (dialog));
  tx_gui_wait (200);
  g_assert_true (tx_gui_wait_for (has_register_dialog, NULL, 5000));
  dialog = find_register_dialog ();
  g_assert_cmpint (tx_register_dialog_get_kind (dialog), ==, TX_REGISTER_DIALOG_TRANSFER);
  tx_gui_wait (100);
  /* what was typed came along */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_date (dialog))), ==, "2026-11-18");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tx_register_dialog_get_note (dialog))), ==, "随母亲搬家");
  dd = tx_register_dialog_get_township (dialog);
  g_assert_true (has_focus_in (dialog, dd));
  assert_labelled (dd);
  assert_labelled (tx_register_dialog_get_date (dialog));
  assert_labelled (tx_register_dialog_get_note (dialog));

  /* the other townships of the county, not this one */
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dd));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, townships->len);  /* "—" and all but one */
  for (guint i = 1; i < g_list_model_get_n_items (model); i++)
    g_assert_cmpstr (tx_register_dialog_township_code (dialog, i), !=, "220102001");
  for (guint i = 0; i < townships->len && !to; i++)
    if (!g_str_equal (((TxDivision *) townships->pdata[i])->code, "220102001"))
      to = townships->pdata[i];
  g_assert_nonnull (to);

  /* none chosen: said in place */
  press_enter_in (dialog, tx_register_dialog_get_date (dialog));
  g_assert_true (find_register_dialog () == dialog);
  g_assert_nonnull (message_of (dialog));

  /* typed: the list opens at what was typed, Enter takes the match */
  {
    g_autofree char *start = g_utf8_substring (to->name, 0, 2);
    tx_gui_pick_by_typing (GTK_WINDOW (dialog), dd, "n", start);
  }
  g_assert_cmpstr (tx_gui_dropdown_shows (dd), ==, to->name);
  tx_gui_screenshot (GTK_WIDGET (dialog), "transfer-dialog.png");
  press_enter_in (dialog, tx_register_dialog_get_date (dialog));
  g_assert_true (tx_gui_wait_for (no_register_dialog, NULL, 5000));

  /* the copy here: transferred, waiting for the county, read-only */
  state = register_of (window, id);
  g_assert_cmpstr (state, ==, TX_REGISTER_TRANSFERRED);
  want = g_strdup_printf (_("Transferred to %s on %s, waiting for the county to accept it; kept for the "
                            "records"), to->name, "2026-11-18");
  g_assert_cmpstr (banner_text (form), ==, want);
  if (zh ())
    g_assert_nonnull (strstr (banner_text (form), "县级"));
  g_assert_true (tx_form_view_is_locked (form));
  g_assert_false (gtk_widget_is_sensitive (tx_form_view_get_input (form, "name")));
  g_assert_false (gtk_widget_is_sensitive (tx_form_view_get_input (form, "birth_date")));
  g_assert_false (gtk_widget_is_sensitive (tx_form_view_get_input (form, "residence_division")));
  g_assert_null (tx_gui_find_text (GTK_WIDGET (form), zh () ? "保存" : "Save"));
  /* no action applies, and saving does nothing */
  assert_action_off (form, "form.exit");
  assert_action_off (form, "form.reopen");
  assert_action_off (form, "form.transfer");
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  tx_gui_wait (50);
  g_assert_false (tx_form_view_is_saving (form));
  g_assert_null (tx_gui_find_dialog ());
  tx_gui_screenshot (GTK_WIDGET (window), "transferred.png");

  /* the history has the transfer's line as it was written */
  line = g_strdup_printf (_("Transfer to %s offered, moved on %s"), to->name, "2026-11-18");
  g_assert_true (history_shows (form, line));

  /* another record after it is editable again */
  {
    g_autofree char *other = add_child (window, "吴小林", NULL);
    form = open_child (window, other);
    g_assert_false (tx_form_view_is_locked (form));
    g_assert_true (gtk_widget_is_sensitive (tx_form_view_get_input (form, "name")));
    g_assert_nonnull (tx_gui_find_text (GTK_WIDGET (form), zh () ? "保存" : "Save"));
  }
  tx_gui_close_window (window);
}

/* A new form has no place on the register yet: no menu, no action */
static void
test_new_record (void)
{
  TxWindow *window = tx_gui_new_window ("new.db", 0);
  TxFormView *form = tx_gui_open_new_form (window);

  g_assert_null (banner_text (form));
  assert_action_off (form, "form.exit");
  assert_action_off (form, "form.reopen");
  assert_action_off (form, "form.transfer");
  tx_gui_close_window (window);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  g_test_add_func ("/gui/form-register/exit", test_exit);
  g_test_add_func ("/gui/form-register/urgent-refused", test_urgent_refused);
  g_test_add_func ("/gui/form-register/reopen", test_reopen);
  g_test_add_func ("/gui/form-register/transfer", test_transfer);
  g_test_add_func ("/gui/form-register/new-record", test_new_record);
  return g_test_run ();
}
