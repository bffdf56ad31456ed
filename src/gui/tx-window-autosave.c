/* tx-window-autosave.c — a form that had unsaved changes when Tongxing
 * stopped, offered back when the window opens the store
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-window-fields.h"

static void
restore_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TxWindow         *self)
{
  TxRecord *r = g_object_get_data (G_OBJECT (dialog), "record");

  if (g_str_equal (response, "restore"))
    {
      tx_form_view_load_record (self->form_view, r, TRUE);
      tx_window_show_page (self, "form");
      tx_form_view_focus_first (self->form_view);
    }
  else
    tx_form_view_discard (self->form_view);
}

/* An autosaved form means Tongxing stopped with a form open and changed */
void
tx_window_offer_autosaved (TxWindow *self)
{
  g_autofree char *json = tx_store_get_setting (self->store, TX_SETTING_AUTOSAVE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxRecord) r = NULL;
  JsonObject *root, *values;
  GtkWidget *dialog;
  const char *name;
  g_autoptr(GList) members = NULL;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  root = json_node_get_object (json_parser_get_root (parser));
  values = json_object_get_object_member (root, "values");
  if (values == NULL)
    return;
  r = tx_record_new ();
  if (json_object_has_member (root, "id") && !json_object_get_null_member (root, "id"))
    r->id = g_strdup (json_object_get_string_member (root, "id"));
  members = json_object_get_members (values);
  for (GList *l = members; l; l = l->next)
    tx_record_set_key (r, l->data, json_object_get_string_member (values, l->data));

  name = tx_record_get_key (r, "name");
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore the Unsaved Form?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Tongxing stopped while the form of %s had unsaved changes. "
                                    "They were kept."), name ? name : _("a new child"));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_object_set_data_full (G_OBJECT (dialog), "record", g_steal_pointer (&r), (GDestroyNotify) tx_record_free);
  g_signal_connect (dialog, "response", G_CALLBACK (restore_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

