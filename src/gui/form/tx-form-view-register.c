/* tx-form-view-register.c — the child's place on the register, in the form:
 * the menu's exit, reopening and transfer, the banner of a child off the
 * register, and the read-only copy of a child transferred away
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The changes are written by the store (tx-store-register.c) on the store
 * service's thread, through TxRegisterDialog; the form then reads the
 * record again. What the banner says comes from the record's "_register"
 * value and, for a transfer, the transfer known here.
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"
#include "tx-register-dialog.h"

/* How far ahead an active child's ageing out is told */
#define AGES_OUT_SOON_DAYS 31

/* "Left the register on DATE: REASON (recorded by WHO) — NOTE" */
static char *
exit_text (const TxRecord *r)
{
  g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (r->register_value);
  const char *date = e && e->date ? e->date : r->exit_date;
  const char *reason = e && e->reason ? e->reason : r->exit_reason;
  g_autofree char *what = g_strdup_printf (_("Left the register on %s: %s"), date ? date : "?",
                                           reason ? tx_exit_reason_label (reason) : "?");
  g_autofree char *who = NULL;
  g_autofree char *line = NULL;

  if (e && g_strcmp0 (e->by, TX_REGISTER_BY_RULE) == 0)
    who = g_strdup (_("by the rule"));
  else if (e && e->by && *e->by)
    /* Translators: who recorded an exit, in brackets after it */
    who = g_strdup_printf (_("recorded by %s"), e->by);
  /* Translators: something, then a word on it in brackets */
  line = who ? g_strdup_printf (_("%s (%s)"), what, who) : g_steal_pointer (&what);
  if (e && e->note && *e->note)
    /* Translators: an exit, then the note written with it */
    return g_strdup_printf (_("%s — %s"), line, e->note);
  return g_steal_pointer (&line);
}

/* "Transferred to TOWNSHIP on DATE; kept for the records", and whether the
 * county has still to accept it */
static char *
transfer_text (TxFormView     *self,
               const TxRecord *r)
{
  g_autoptr(TxTransfer) t = tx_store_transfer_of_child (self->store, r->id);
  const char *to = t ? tx_division_name (t->to_township) : NULL;
  const char *date = t && t->date ? t->date : r->exit_date;

  to = to ? to : t ? t->to_township : "?";
  if (t && g_str_equal (t->state, TX_TRANSFER_OFFERED))
    return g_strdup_printf (_("Transferred to %s on %s, waiting for the county to accept it; kept for the "
                              "records"), to, date ? date : "?");
  return g_strdup_printf (_("Transferred to %s on %s; kept for the records"), to, date ? date : "?");
}

/* A transferred copy is the new township's to change: every input is
 * insensitive and there is nothing to save */
static void
set_locked (TxFormView *self,
            gboolean    locked)
{
  self->locked = locked;
  for (guint i = 0; i < self->n_editors; i++)
    if (!self->editors[i].read_only)
      gtk_widget_set_sensitive (self->editors[i].input, !locked);
  gtk_widget_set_visible (self->save_button, !locked);
  gtk_widget_set_visible (self->draft_button, !locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", !locked && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-draft", !locked && !self->saving);
}

static void
update_ages_out (TxFormView     *self,
                 const TxRecord *r,
                 gboolean        active)
{
  GDate today, out;
  gboolean soon = FALSE;

  tx_date_today (&today);
  if (active && r->ages_out && tx_date_parse (r->ages_out, &out))
    {
      int days = g_date_days_between (&today, &out);
      soon = days >= 0 && days <= AGES_OUT_SOON_DAYS;
    }
  if (soon)
    {
      g_autofree char *text = g_strdup_printf (_("Ages out on %s: leaves the register by the rule that day"),
                                               r->ages_out);
      gtk_label_set_text (self->ages_out_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->ages_out_label), soon);
}

/**
 * tx_form_view_update_register:
 *
 * Shows the loaded record's place on the register: the banner, the quiet
 * line of an ageing out soon, which of the menu's actions apply, and a
 * transferred copy read-only.
 */
void
tx_form_view_update_register (TxFormView *self)
{
  g_autoptr(TxRecord) stored = NULL;
  const TxRecord *r = self->loaded;
  gboolean saved = r && r->id;
  const char *state = NULL;
  gboolean exited, transferred, active;

  /* a restored autosave holds values only: its place on the register is
   * the stored record's */
  if (saved && r->register_state == NULL && (stored = tx_store_child_get (self->store, r->id, NULL)))
    r = stored;
  if (saved)
    state = r->register_state ? r->register_state : TX_REGISTER_ACTIVE;
  exited = g_strcmp0 (state, TX_REGISTER_EXITED) == 0;
  transferred = g_strcmp0 (state, TX_REGISTER_TRANSFERRED) == 0;
  active = g_strcmp0 (state, TX_REGISTER_ACTIVE) == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->register_button), saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.exit", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.transfer", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.reopen", exited);

  if (exited || transferred)
    {
      g_autofree char *text = exited ? exit_text (r) : transfer_text (self, r);
      gtk_label_set_text (self->banner_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->banner_button), exited);
  if (transferred)
    gtk_widget_add_css_class (GTK_WIDGET (self->banner), "tx-banner-transferred");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->banner), "tx-banner-transferred");
  gtk_widget_set_visible (GTK_WIDGET (self->banner), exited || transferred);

  update_ages_out (self, r, active);
  set_locked (self, transferred);
}

static void open_dialog (TxFormView *self, TxRegisterDialogKind kind, TxRegisterDialog *from);

static void
register_done_cb (TxFormView       *self,
                  TxRegisterDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup (tx_register_dialog_get_child_id (dialog));
  g_autofree char *township = NULL;
  const char *text = NULL;

  /* the form moved on to another child meanwhile */
  if (g_strcmp0 (id, tx_form_view_get_id (self)) != 0)
    return;
  if (!tx_form_view_load (self, id, &error))
    {
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0, tx_gui_error_text (error));
      return;
    }
  switch (tx_register_dialog_get_kind (dialog))
    {
    case TX_REGISTER_DIALOG_EXIT:
      text = _("Exit recorded: the child has left the register");
      break;
    case TX_REGISTER_DIALOG_REOPEN:
      text = _("The child is back on the register");
      break;
    case TX_REGISTER_DIALOG_TRANSFER:
      township = tx_store_get_setting (self->store, TX_SETTING_TOWNSHIP);
      text = township ? _("Transfer offered: it goes to the county in the next bundle")
                           : _("Transferred: the new township receives the record in its next bundle");
      break;
    }
  g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0, text);
}

static void
transfer_instead_cb (TxFormView       *self,
                     TxRegisterDialog *from)
{
  open_dialog (self, TX_REGISTER_DIALOG_TRANSFER, from);
}

static void
open_dialog (TxFormView           *self,
             TxRegisterDialogKind  kind,
             TxRegisterDialog     *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) child = NULL;
  TxRegisterDialog *dialog;

  if (self->loaded == NULL || self->loaded->id == NULL || self->service == NULL)
    return;
  if (self->dirty)
    {
      /* the record is read again once the change is written: typing
       * would be lost */
      tx_form_view_show_message (self, _("The Form Has Unsaved Changes"),
                                 _("Save the changes to the form, or discard them, first; then record the "
                                   "child's exit, reopening or transfer."));
      return;
    }
  child = tx_store_child_get (self->store, self->loaded->id, &error);
  if (child == NULL)
    {
      tx_form_view_show_message (self, _("The Record Cannot Be Read"), tx_gui_error_text (error));
      return;
    }
  dialog = tx_register_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->store,
                                   self->service, child, kind);
  if (from)
    tx_register_dialog_take_typing (dialog, from);
  g_signal_connect_object (dialog, "done", G_CALLBACK (register_done_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "transfer-instead", G_CALLBACK (transfer_instead_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
tx_form_view_register_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  TxRegisterDialogKind kind = g_str_equal (action_name, "form.exit") ? TX_REGISTER_DIALOG_EXIT
                                : g_str_equal (action_name, "form.reopen") ? TX_REGISTER_DIALOG_REOPEN
                                : TX_REGISTER_DIALOG_TRANSFER;

  open_dialog (TX_FORM_VIEW (widget), kind, NULL);
}

GtkWidget *
tx_form_view_get_banner (TxFormView *self)
{
  return GTK_WIDGET (self->banner);
}

GtkWidget *
tx_form_view_get_ages_out_label (TxFormView *self)
{
  return GTK_WIDGET (self->ages_out_label);
}

gboolean
tx_form_view_is_locked (TxFormView *self)
{
  return self->locked;
}
