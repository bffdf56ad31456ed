/* tx-form-view-history.c — the dialogs of a child's past: the visits with
 * their assessments, and the history of changes to the record (its exits,
 * reopenings and transfers among them)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

/* "home" → 入户走访, in the language shown */
static const char *
choice_text (const TxChoice *choices,
             const char     *code)
{
  const TxChoice *c = tx_choice_find (choices, code);

  return c ? tx_choice_label (c) : code ? code : "";
}

/**
 * tx_form_view_show_visits:
 *
 * Shows the child's visits, the newest first, with the assessments of
 * guardianship they made and the urgent situations they raised: the
 * assessment history the visit records keep.
 *
 * Returns: (transfer none) (nullable): the dialog, shown
 */
GtkWidget *
tx_form_view_show_visits (TxFormView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  const TxField *g = tx_form_lookup ("guardianship");
  const TxField *problem = tx_form_lookup ("guardianship_problem");
  g_autoptr(TxRecord) now = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list;
  guint assessments = 0;

  if (self->loaded == NULL || self->loaded->id == NULL)
    return NULL;
  visits = tx_store_visit_list (self->store, self->loaded->id, NULL, NULL, &error);
  if (visits == NULL)
    {
      tx_form_view_show_message (self, _("No Visits"), tx_gui_error_text (error));
      return NULL;
    }
  now = tx_store_child_get (self->store, self->loaded->id, NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Visits to the child, the newest first"), -1);
  for (guint i = visits->len; i > 0; i--)
    {
      TxVisit *v = visits->pdata[i - 1];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) details = g_string_new (NULL);
      g_autofree char *title = NULL;

      /* Translators: a visit: its date, kind and who made it */
      title = g_strdup_printf (_("%s · %s · %s"), v->date, choice_text (tx_visit_kinds (), v->kind),
                               v->visitor ? v->visitor : "");
      if (v->guardianship)
        {
          assessments++;
          g_string_append_printf (details, _("Guardianship assessed: %s"), choice_text (g->choices, v->guardianship));
          if (v->guardianship_problem)
            g_string_append_printf (details, " (%s)", choice_text (problem->choices, v->guardianship_problem));
          g_string_append_c (details, '\n');
        }
      if (v->urgent)
        g_string_append_printf (details, "%s\n", _("Urgent situation reported to the police"));
      if (!v->complete)
        g_string_append_printf (details, "%s\n", _("Draft: not complete yet"));
      if (v->living && *v->living)
        g_string_append_printf (details, "%s\n", v->living);
      if (v->actions && *v->actions)
        g_string_append_printf (details, "%s\n", v->actions);
      if (details->len)
        g_string_truncate (details, details->len - 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details->str);
      g_object_set_data_full (G_OBJECT (row), "visit-id", g_strdup (v->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* what holds now, then how it came to be */
  {
    const char *level = now ? tx_record_get_key (now, "guardianship") : NULL;
    g_autofree char *assessed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit, %u re-assessment.",
                                                              "%u visits, %u re-assessments.", visits->len),
                                                 visits->len, assessments);

    body = g_strdup_printf (_("Guardianship now: %s. Next home visit due %s. %s"),
                            level ? choice_text (g->choices, level) : _("not assessed"),
                            now && now->next_visit_due ? now->next_visit_due : "—", assessed);
  }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Visits and Assessments"), body);
  if (visits->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  else
    g_object_ref_sink (list), g_object_unref (list);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_object_set_data (G_OBJECT (dialog), "visits", list);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

void
tx_form_view_visits_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  tx_form_view_show_visits (TX_FORM_VIEW (widget));
}

void
tx_form_view_history_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TxFormView *self = TX_FORM_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GtkWidget *dialog, *list = NULL, *scroller;

  if (self->loaded == NULL || self->loaded->id == NULL)
    return;
  changes = tx_store_child_history (self->store, self->loaded->id, &error);
  if (changes == NULL)
    {
      tx_form_view_show_message (self, _("No History"), tx_gui_error_text (error));
      return;
    }

  if (changes->len > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
    }
  for (guint i = 0; i < changes->len; i++)
    {
      TxChange *c = changes->pdata[i];
      const TxField *f = tx_form_lookup (c->field);
      g_autoptr(TxRecord) before = tx_record_new ();
      g_autoptr(TxRecord) after = tx_record_new ();
      g_autofree char *old_text = NULL, *new_text = NULL, *title = NULL, *subtitle = NULL;
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (c->at, NULL);
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
      g_autofree char *at = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (c->at);
      GtkWidget *row;

      /* where the record came from: "Imported from FILE, sheet S, row N",
       * in the language it was imported in */
      if (g_strcmp0 (c->field, TX_CHANGE_SOURCE) == 0)
        title = g_strdup (c->new_value ? c->new_value : "");
      /* an exit or a reopening, read out (the value is JSON); a transfer's
       * line is written as it reads */
      else if (g_strcmp0 (c->field, "_register") == 0)
        title = tx_register_describe (c->new_value);
      else if (g_strcmp0 (c->field, "_transfer") == 0)
        title = g_strdup (c->new_value ? c->new_value : "");
      else if (f == NULL)
        continue;
      else
        {
          tx_record_set (before, f->index, c->old_value);
          tx_record_set (after, f->index, c->new_value);
          old_text = tx_record_display_value (before, f->index);
          new_text = tx_record_display_value (after, f->index);
          title = g_strdup_printf ("%s: %s → %s", tx_field_label (f), *old_text ? old_text : "—",
                                   *new_text ? new_text : "—");
        }
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      subtitle = c->editor ? g_strdup_printf ("%s · %s", at, c->editor) : g_strdup (at);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("History of Changes"),
                                   changes->len == 0 ? _("The record has not been changed since it was "
                                                         "registered.") : NULL);
  if (changes->len > 0)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
