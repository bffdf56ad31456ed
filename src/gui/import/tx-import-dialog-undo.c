/* tx-import-dialog-undo.c — the import dialog's earlier imports, listed on
 * its first page, and an import's undoing, asked first
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is undone as a whole: the children it added are deleted, those
 * it updated get their earlier values back. The store keeps every import,
 * so one can be undone after the dialog that made it was closed, as long as
 * none of its children was edited since (the core refuses then, and says
 * which child).
 */

#define G_LOG_DOMAIN "tx-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-import-dialog-private.h"

/* "3 children added, 1 updated" */
static char *
counts_text (guint added,
             guint updated)
{
  g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child added", "%u children added",
                                                     added), added);

  /* Translators: "3 children added, 1 updated" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u updated", "%s, %u updated", updated), a,
                          updated);
}

/* an ISO 8601 time in UTC, as the clock on the wall shows it */
static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (at ? at : "");
}

static void
undo_clicked_cb (GtkButton      *button,
                 TxImportDialog *self)
{
  const TxImportBatch *batch = g_object_get_data (G_OBJECT (button), "batch");

  if (batch && !self->busy)
    tx_import_dialog_ask_undo (self, batch);
}

static GtkWidget *
batch_row (TxImportDialog      *self,
           const TxImportBatch *b)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = local_time (b->at);
  g_autofree char *counts = counts_text (b->added, b->updated);
  g_autofree char *title = NULL;
  GString *subtitle = g_string_new (when);

  /* Translators: a file imported, and its sheet */
  title = b->sheet && *b->sheet ? g_strdup_printf (_("%s, sheet %s"), b->file, b->sheet) : g_strdup (b->file);
  if (b->who && *b->who)
    g_string_append_printf (subtitle, " · %s", b->who);
  g_string_append_printf (subtitle, " · %s", counts);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  g_string_free (subtitle, TRUE);
  if (b->undone_at)
    {
      GtkWidget *label = gtk_label_new (_("Undone"));

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  else
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo…"));
      g_autofree char *name = g_strdup_printf (_("Undo the import of %s"), b->file);

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      g_object_set_data (G_OBJECT (button), "batch", (gpointer) b);
      g_signal_connect (button, "clicked", G_CALLBACK (undo_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

static void
batches_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(TxImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = tx_import_batches_finish (TX_STORE_SERVICE (source), result, &error);

  if (self->pages == NULL || tx_gui_is_cancelled (error))
    return;
  if (batches == NULL)
    {
      g_warning ("earlier imports: %s", error->message);
      return;
    }
  for (guint i = 0; self->batch_rows && i < self->batch_rows->len; i++)
    adw_preferences_group_remove (self->batches_group, self->batch_rows->pdata[i]);
  g_clear_pointer (&self->batch_rows, g_ptr_array_unref);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  self->batches = g_steal_pointer (&batches);
  self->batch_rows = g_ptr_array_new ();
  /* the newest first, as the store lists them */
  for (guint i = 0; i < self->batches->len; i++)
    {
      GtkWidget *row = batch_row (self, self->batches->pdata[i]);

      adw_preferences_group_add (self->batches_group, row);
      g_ptr_array_add (self->batch_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->batches_group), self->batches->len > 0);
}

/**
 * tx_import_dialog_load_batches:
 *
 * The start page lists the earlier imports, read again from the store.
 */
void
tx_import_dialog_load_batches (TxImportDialog *self)
{
  tx_import_batches_async (self->service, tx_gui_renew_cancellable (&self->batches_cancellable), batches_cb,
                           g_object_ref (self));
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(TxImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = tx_import_undo_finish (TX_STORE_SERVICE (source), result, &error);

  if (!tx_import_dialog_end_work (self))
    return;
  if (!ok && tx_gui_is_cancelled (error))
    {
      tx_import_dialog_show_page (self, self->busy_from);
      return;
    }
  if (!ok)
    {
      /* the core says which child was edited since, and what to do */
      adw_status_page_set_icon_name (self->done_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->done_page, _("The Import Cannot Be Undone"));
      adw_status_page_set_description (self->done_page, tx_gui_error_text (error));
    }
  else
    {
      g_autofree char *deleted = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                               "%u child it added was deleted",
                                                               "%u children it added were deleted",
                                                               self->undoing_added), self->undoing_added);
      g_autofree char *text = NULL;

      /* Translators: "3 children it added were deleted; 1 it updated has its earlier values back." */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s; %u it updated has its earlier values back.",
                                           "%s; %u it updated have their earlier values back.",
                                           self->undoing_updated), deleted, self->undoing_updated);
      adw_status_page_set_icon_name (self->done_page, "edit-undo-symbolic");
      adw_status_page_set_title (self->done_page, _("Import Undone"));
      adw_status_page_set_description (self->done_page, text);
    }
  gtk_widget_set_visible (self->undo_button, FALSE);
  tx_import_dialog_load_batches (self);
  tx_import_dialog_show_page (self, "done");
}

static void
undo_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  TxImportDialog   *self)
{
  GCancellable *cancellable;

  if (!g_str_equal (response, "undo") || self->busy || self->pages == NULL)
    return;
  cancellable = tx_import_dialog_start_work (self, _("Undoing the Import"), _("Removing the children it added…"),
                                             gtk_stack_get_visible_child_name (self->pages));
  tx_import_undo_async (self->service, self->undoing, cancellable, undone_cb, g_object_ref (self));
}

/**
 * tx_import_dialog_ask_undo:
 * @batch: an import, made now or earlier
 *
 * Asks whether to undo @batch, saying what undoing it does, and undoes it
 * if the person says so.
 */
void
tx_import_dialog_ask_undo (TxImportDialog      *self,
                           const TxImportBatch *batch)
{
  g_autofree char *heading = g_strdup_printf (_("Undo the Import of %s?"), batch->file);
  g_autofree char *added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "%u child added by it will be deleted",
                                                         "%u children added by it will be deleted",
                                                         batch->added), batch->added);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  self->undoing = batch->id;
  self->undoing_added = batch->added;
  self->undoing_updated = batch->updated;
  /* Translators: "3 children added by it will be deleted; 1 updated will get its earlier values back. …" */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s; %u updated will get its earlier values back. If one of its children "
                                       "was edited since, nothing is undone.",
                                       "%s; %u updated will get their earlier values back. If one of its "
                                       "children was edited since, nothing is undone.", batch->updated),
                          added, batch->updated);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "undo", _("_Undo Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "undo", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (undo_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
