/* tx-form-view-save.c — saving the form on the store service's thread, and
 * the questions on the way: a draft, a possible duplicate
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

/* Saving */

void
tx_form_view_show_message (TxFormView *self,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void duplicate_dialog (TxFormView *self, const char *other_id, gboolean same_number, gboolean draft);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxFormView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) saved = tx_store_service_save_child_finish (TX_STORE_SERVICE (source), result, &error);

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-draft", !self->locked);
  if (saved == NULL)
    {
      /* nothing is lost: the inputs still hold what was typed */
      if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE))
        {
          g_autoptr(TxRecord) typed = tx_form_view_collect (self);
          g_autofree char *other = tx_store_child_find_id_number (self->store,
                                                                  tx_record_get_key (typed, "id_number"),
                                                                  self->loaded ? self->loaded->id : NULL);
          if (other)
            {
              duplicate_dialog (self, other, TRUE, FALSE);
              return;
            }
        }
      tx_form_view_show_message (self, _("The Record Was Not Saved"), tx_gui_error_text (error));
      return;
    }

  tx_record_free (self->loaded);
  self->loaded = tx_record_copy (saved);
  tx_record_free (self->baseline);
  self->baseline = tx_form_view_collect (self);
  self->show_all = FALSE;
  for (guint i = 0; i < self->n_editors; i++)
    self->editors[i].touched = FALSE;
  tx_form_view_update (self);
  tx_form_view_update_register (self);
  g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0,
                 saved->draft ? _("Saved as a draft") : _("Saved"));
  g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_SAVED], 0, saved->id);
}

static void
do_save (TxFormView *self,
         gboolean    draft)
{
  g_autoptr(TxRecord) record = tx_form_view_collect (self);

  /* the inputs stay as they are, so focus stays where the user was */
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-draft", FALSE);
  tx_store_service_save_child_async (self->service, record, draft, NULL, save_done_cb, g_object_ref (self));
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TxFormView       *self)
{
  const char *other = g_object_get_data (G_OBJECT (dialog), "other-id");
  gboolean draft = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "draft"));

  if (g_str_equal (response, "open"))
    g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_OPEN_CHILD], 0, other);
  else if (g_str_equal (response, "save"))
    do_save (self, draft);
}

static void
duplicate_dialog (TxFormView *self,
                  const char *other_id,
                  gboolean    same_number,
                  gboolean    draft)
{
  g_autoptr(TxRecord) other = tx_store_child_get (self->store, other_id, NULL);
  const char *name = other ? tx_record_get_key (other, "name") : NULL;
  const char *birth = other ? tx_record_get_key (other, "birth_date") : NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (same_number)
    body = g_strdup_printf (_("%s, born %s, is registered with this identity number already. "
                              "A child is registered once: open that record to correct it."),
                            name ? name : "?", birth ? birth : "?");
  else
    body = g_strdup_printf (_("%s, born %s, is registered already. If this is the same child, "
                              "open that record instead of registering the child again."),
                            name ? name : "?", birth ? birth : "?");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   same_number ? _("Identity Number Already Registered")
                                               : _("Possibly the Same Child"),
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (!same_number)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save Anyway"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("_Open That Record"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "other-id", g_strdup (other_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "draft", GINT_TO_POINTER (draft));
  g_signal_connect (dialog, "response", G_CALLBACK (duplicate_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TxFormView       *self)
{
  if (g_str_equal (response, "draft"))
    tx_form_view_save (self, TRUE);
}

static void
focus_first_problem (TxFormView    *self,
                     const TxCheck *check)
{
  for (guint i = 0; i < self->n_editors; i++)
    {
      const TxProblem *p = tx_form_view_worst_problem (check, i);
      if (p && (p->severity == TX_SEVERITY_ERROR || p->severity == TX_SEVERITY_MISSING))
        {
          TxFormEditor *e = &self->editors[i];
          gtk_widget_grab_focus (tx_form_editor_focus_target (e));
          return;
        }
    }
}

/**
 * tx_form_view_save:
 * @draft: whether missing values are acceptable
 *
 * Checks the form and saves it on the store service's thread. Invalid values
 * stop it with their messages shown; missing ones ask whether to save a
 * draft; a possible duplicate asks first.
 */
void
tx_form_view_save (TxFormView *self,
                   gboolean    draft)
{
  g_autoptr(TxRecord) r = tx_form_view_collect (self);
  g_autoptr(TxRecord) judged = tx_record_copy (r);
  g_autoptr(TxCheck) check = tx_form_view_judge (self, judged);
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *dup = NULL;
  const char *own_id = self->loaded ? self->loaded->id : NULL;

  if (self->saving || self->service == NULL || self->locked)
    return;
  if (tx_check_blocks_save (check))
    {
      self->show_all = TRUE;
      tx_form_view_update (self);
      focus_first_problem (self, check);
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0,
                     _("Correct the marked fields, then save again"));
      return;
    }
  if (!check->complete && !draft)
    {
      GtkWidget *dialog;
      guint missing = 0;

      for (guint i = 0; i < check->problems->len; i++)
        missing += ((TxProblem *) check->problems->pdata[i])->severity == TX_SEVERITY_MISSING;
      self->show_all = TRUE;
      tx_form_view_update (self);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _("Save as a Draft?"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%u required field is empty. A draft is kept and listed as a draft until it is complete.",
                                                   "%u required fields are empty. A draft is kept and listed as a draft until it is complete.",
                                                   missing), missing);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep Editing"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "draft", _("Save as _Draft"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "draft");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (draft_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dup = tx_store_child_find_id_number (self->store, tx_record_get_key (judged, "id_number"), own_id);
  if (dup)
    {
      duplicate_dialog (self, dup, TRUE, draft);
      return;
    }
  /* the same name and birth date: ask once, when the record is new or they changed */
  if (own_id == NULL || !self->baseline ||
      g_strcmp0 (tx_record_get_key (r, "name"), tx_record_get_key (self->baseline, "name")) != 0 ||
      g_strcmp0 (tx_record_get_key (r, "birth_date"), tx_record_get_key (self->baseline, "birth_date")) != 0)
    {
      same = tx_store_child_same_person (self->store, tx_record_get_key (judged, "name"),
                                         tx_record_get_key (judged, "birth_date"), own_id);
      if (same->len > 0)
        {
          duplicate_dialog (self, same->pdata[0], FALSE, draft);
          return;
        }
    }
  do_save (self, draft);
}

void
tx_form_view_save_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  tx_form_view_save (TX_FORM_VIEW (widget), g_str_equal (action_name, "form.save-draft"));
}
