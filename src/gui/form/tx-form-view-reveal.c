/* tx-form-view-reveal.c — the form's identity number, masked on a saved
 * record until a supervisor shows it, which the audit trail records
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved record opens with its identity number masked (first 6 digits,
 * eight stars, last 4), not to be changed: the masked text is not read
 * back, the record keeps its number. Beside it, for those who may
 * (TX_PERMISSION_REVEAL: supervisors and county officers), a Show button
 * asks the store on its service's thread, which writes the "reveal" entry
 * of the audit trail; the number then shows, and can be corrected, for as
 * long as the form shows that record. A child director sees the masked
 * number and no button. A new form's number is typed, and shown, as it
 * is: it is not a reveal.
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

static TxFormEditor *
id_editor (TxFormView *self)
{
  return &self->editors[TX_F ("id_number")];
}

static void
show_number (TxFormView *self,
             const char *text,
             gboolean    masked)
{
  TxFormEditor *e = id_editor (self);
  gboolean was = self->populating;

  self->id_masked = masked;
  self->populating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (e->entry), text ? text : "");
  self->populating = was;
  gtk_editable_set_editable (GTK_EDITABLE (e->entry), !masked && !self->locked);
  gtk_widget_set_tooltip_text (e->entry, !masked ? NULL
                               : self->store && tx_store_can (self->store, TX_PERMISSION_REVEAL)
                               ? _("Shown in part: the button beside it shows the full number, to read or correct.")
                               : _("Shown in part: only the child supervisor or a county officer can see or "
                                   "correct the full number."));
}

/* The store checks the person may see it (role, village), writes the
 * reveal into the audit trail and hands the number */
static gpointer
reveal_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  char *number = NULL;

  if (!tx_store_child_reveal_id (store, data, &number, error))
    return NULL;
  return number ? number : g_strdup ("");
}

static void
reveal_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxFormView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  const char *kept;

  if (tx_gui_is_cancelled (error))
    return;
  gtk_widget_set_sensitive (self->reveal_button, TRUE);
  if (number == NULL)
    {
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0, tx_gui_error_text (error));
      return;
    }
  /* the form's own value (a restored form may hold a number typed since),
   * unless the store handed the form a masked one */
  kept = self->loaded ? tx_record_get_key (self->loaded, "id_number") : NULL;
  show_number (self, kept && !strchr (kept, '*') ? kept : number, FALSE);
  gtk_widget_set_visible (self->reveal_button, FALSE);
  gtk_widget_grab_focus (id_editor (self)->entry);
}

static void
reveal_clicked_cb (TxFormView *self)
{
  const char *id = tx_form_view_get_id (self);

  if (id == NULL || self->service == NULL || !self->id_masked)
    return;
  gtk_widget_set_sensitive (self->reveal_button, FALSE);
  tx_store_service_run_async (self->service, reveal_job, g_strdup (id), g_free, g_free,
                              tx_gui_renew_cancellable (&self->reveal_cancellable),
                              reveal_done_cb, g_object_ref (self));
}

/**
 * tx_form_view_make_id_input:
 * @entry: the identity number's entry
 *
 * Returns: (transfer floating): the entry with the Show button beside it
 */
GtkWidget *
tx_form_view_make_id_input (TxFormView *self,
                            GtkWidget  *entry)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *button = gtk_button_new_from_icon_name ("view-reveal-symbolic");

  gtk_widget_add_css_class (box, "linked");
  gtk_box_append (GTK_BOX (box), entry);
  gtk_widget_set_tooltip_text (button, _("Show the identity number in full (the audit trail records it)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Show the identity number in full"), -1);
  gtk_widget_set_visible (button, FALSE);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (reveal_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), button);
  self->reveal_button = button;
  return box;
}

/**
 * tx_form_view_mask_id:
 * @record: the record the form shows now
 *
 * A saved record's number shows masked, with the Show button for those
 * who may; a new form's as it is typed.
 */
void
tx_form_view_mask_id (TxFormView     *self,
                      const TxRecord *record)
{
  const char *number = record->values[TX_F ("id_number")];
  gboolean saved = record->id != NULL && number && *number;

  /* a reveal asked for the record shown before is not shown on this one */
  g_cancellable_cancel (self->reveal_cancellable);
  gtk_widget_set_sensitive (self->reveal_button, TRUE);
  if (saved)
    {
      g_autofree char *masked = tx_id_mask (number);
      show_number (self, masked, TRUE);
    }
  else
    {
      self->id_masked = FALSE;
      gtk_editable_set_editable (GTK_EDITABLE (id_editor (self)->entry), TRUE);
    }
  gtk_widget_set_visible (self->reveal_button,
                          saved && self->store && tx_store_can (self->store, TX_PERMISSION_REVEAL));
}

/* Whether the number shows masked: then it is not read back */
gboolean
tx_form_view_id_is_masked (TxFormView *self)
{
  return self->id_masked;
}

GtkWidget *
tx_form_view_get_reveal_button (TxFormView *self)
{
  return self->reveal_button;
}
