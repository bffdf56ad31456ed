/* tx-form-view-autosave.c — the form's autosave: what is typed survives a
 * crash or a power cut
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

#define AUTOSAVE_SECONDS 5

/* Autosave: what is typed survives a crash or a power cut */

static void
autosave_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TxFormView) self = user_data;
  g_autoptr(GError) error = NULL;

  tx_store_service_set_autosave_finish (TX_STORE_SERVICE (source), result, &error);
  /* the typing is not lost (the form still holds it), but it would be in a
   * power cut: say so once, not every few seconds */
  if (error && !self->autosave_failed)
    {
      g_autofree char *text = g_strdup_printf (_("What you type cannot be kept safe against a power "
                                                 "cut: %s Save the form as soon as you can."),
                                               tx_gui_error_text (error));
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0, text);
    }
  self->autosave_failed = error != NULL;
}

static char *
record_to_autosave (TxRecord *r)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  if (r->id)
    json_builder_add_string_value (b, r->id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "values");
  json_builder_begin_object (b);
  for (guint i = 0; i < form->n_fields; i++)
    if (r->values[i])
      {
        json_builder_set_member_name (b, form->fields[i].key);
        json_builder_add_string_value (b, r->values[i]);
      }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return tx_json_to_string (root, FALSE);
}

void
tx_form_view_write_autosave (TxFormView *self,
                             gboolean    clear)
{
  g_autofree char *json = NULL;

  if (self->service == NULL)
    return;
  if (!clear)
    {
      g_autoptr(TxRecord) r = tx_form_view_collect (self);
      json = record_to_autosave (r);
    }
  tx_store_service_set_autosave_async (self->service, json, NULL, autosave_done_cb, g_object_ref (self));
}

static gboolean
autosave_tick_cb (gpointer user_data)
{
  TxFormView *self = user_data;

  if (self->dirty && !self->saving)
    tx_form_view_write_autosave (self, FALSE);
  return G_SOURCE_CONTINUE;
}

/* Writes the typing every few seconds while it differs from what is stored */
void
tx_form_view_start_autosave (TxFormView *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, autosave_tick_cb, self);
}
