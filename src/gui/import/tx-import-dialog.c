/* tx-import-dialog.c — the window's way to bring an existing ledger in:
 * the file, its columns, the dry run, the import and its undoing
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One modal window, one page at a time in a stack, as the command line's
 * `import ledger` does it in one go: the file is opened and its header
 * found, the person confirms or changes the columns, sees what each row
 * would do (new, update, possible duplicate, refused), chooses, imports,
 * and may undo. Everything that reads the file or the store runs on the
 * store service's thread (tx-intake-service.h); the long parts show a
 * progress bar and can be cancelled. The rows of the mapping and of the
 * dry run are made in tx-import-dialog-rows.c.
 */

#define G_LOG_DOMAIN "tx-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-import-dialog-private.h"

G_DEFINE_FINAL_TYPE (TxImportDialog, tx_import_dialog, ADW_TYPE_WINDOW)

static const char *
page (TxImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->pages);
}

static gboolean
on_page (TxImportDialog *self,
         const char     *name)
{
  return g_strcmp0 (page (self), name) == 0;
}

/**
 * tx_import_dialog_update_buttons:
 *
 * The header's buttons for the page shown: Cancel (or Close), Back, and
 * the next step, the window's default.
 */
void
tx_import_dialog_update_buttons (TxImportDialog *self)
{
  GtkWidget *w = GTK_WIDGET (self);
  const char *next = NULL;
  gboolean back = FALSE, can_next = TRUE, done = on_page (self, "done");

  if (on_page (self, "start"))
    next = _("_Open a Ledger…");
  else if (on_page (self, "error"))
    next = _("Choose _Another File…");
  else if (on_page (self, "mapping"))
    next = _("Check the _Rows"), back = TRUE;
  else if (on_page (self, "plan"))
    {
      next = _("_Import");
      back = TRUE;
      can_next = self->plan && tx_import_plan_n_chosen (self->plan) > 0;
    }
  else if (done)
    next = _("_Close");

  gtk_widget_set_visible (self->next_button, next != NULL);
  if (next)
    gtk_button_set_label (GTK_BUTTON (self->next_button), next);
  gtk_widget_set_visible (self->back_button, back);
  gtk_widget_set_visible (self->cancel_button, !self->busy && !done);
  gtk_widget_action_set_enabled (w, "import.next", next != NULL && can_next && !self->busy);
  gtk_widget_action_set_enabled (w, "import.back", back && !self->busy);
  /* the dry run's Import is no default: an Enter meant for the mapping
   * page must not import unseen; it is reached by Tab, or clicked */
  gtk_window_set_default_widget (GTK_WINDOW (self),
                                 next && !on_page (self, "plan") ? self->next_button : NULL);
}

/**
 * tx_import_dialog_show_page:
 * @name: the stack's page
 *
 * Shows a page, with its buttons.
 */
void
tx_import_dialog_show_page (TxImportDialog *self,
                            const char     *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
  tx_import_dialog_update_buttons (self);
  if (on_page (self, "plan"))
    gtk_widget_grab_focus (self->filter_buttons[0]);
  else if (gtk_widget_get_visible (self->next_button) && gtk_widget_get_sensitive (self->next_button))
    gtk_widget_grab_focus (self->next_button);
}

/* Work on the service's thread: a progress bar, and Cancel */

static gboolean
pulse_cb (gpointer data)
{
  TxImportDialog *self = data;
  int progress = g_atomic_int_get (&self->progress);

  if (progress > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (progress, 1000) / 1000.0);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

/**
 * tx_import_dialog_start_work:
 * @from: the page a cancel goes back to
 *
 * Shows the busy page.
 *
 * Returns: (transfer none): the work's cancellable
 */
GCancellable *
tx_import_dialog_start_work (TxImportDialog *self,
                             const char     *title,
                             const char     *text,
                             const char     *from)
{
  self->busy = TRUE;
  self->busy_from = from;
  g_atomic_int_set (&self->progress, 0);
  adw_status_page_set_title (self->busy_page, title);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  tx_import_dialog_show_page (self, "busy");
  return tx_gui_renew_cancellable (&self->cancellable);
}

/**
 * tx_import_dialog_end_work:
 *
 * Returns: whether the dialog is still there to show the result
 */
gboolean
tx_import_dialog_end_work (TxImportDialog *self)
{
  self->busy = FALSE;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  return self->pages != NULL;
}

static void
show_error (TxImportDialog *self,
            const char     *title,
            const GError   *error)
{
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, tx_gui_error_text (error));
  tx_import_dialog_show_page (self, "error");
}

/* Opening the file */

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(TxImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxIntakeOpened) opened = tx_intake_open_finish (TX_STORE_SERVICE (source), result, &error);

  if (!tx_import_dialog_end_work (self))
    return;
  if (opened == NULL && self->source && !tx_gui_is_cancelled (error))
    {
      GtkStringObject *sheet = adw_combo_row_get_selected_item (self->sheet_row);
      g_autofree char *text = NULL;

      /* another sheet of the file, without a header: say so, keep this one;
       * the core's words name --map, the command line's way */
      if (g_error_matches (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_HEADER) && sheet)
        text = g_strdup_printf (_("Sheet “%s” has no header in its first rows: no row names two fields of "
                                  "the form (such as 姓名 and 出生日期). Choose the sheet that lists the "
                                  "children."), gtk_string_object_get_string (sheet));
      gtk_label_set_text (self->mapping_error, text ? text : tx_gui_error_text (error));
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), TRUE);
      tx_import_dialog_show_sheet (self);
      tx_import_dialog_show_page (self, "mapping");
      return;
    }
  if (opened == NULL)
    {
      if (tx_gui_is_cancelled (error))
        tx_import_dialog_show_page (self, self->source ? "mapping" : "start");
      else if (g_error_matches (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_HEADER))
        {
          g_autoptr(GError) no_header = g_error_new_literal (TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_HEADER,
              _("No sheet of this file has a header in its first rows: no row names two fields of the form "
                "(such as 姓名 and 出生日期). Check that it is the ledger of the children, or add a header row "
                "in Excel or WPS, save, and choose the file again."));

          show_error (self, _("This File Cannot Be Imported"), no_header);
        }
      else
        show_error (self, _("This File Cannot Be Imported"), error);
      return;
    }
  tx_import_dialog_clear_plan (self);
  g_clear_pointer (&self->source, tx_intake_source_free);
  self->source = g_steal_pointer (&opened->source);
  adw_window_title_set_subtitle (self->window_title, tx_intake_source_file_name (self->source));
  tx_import_dialog_fill_mapping (self, (const char *const *) opened->sheets,
                                 (const char *const *) opened->samples);
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), FALSE);
  tx_import_dialog_show_page (self, "mapping");
}

/**
 * tx_import_dialog_open_sheet:
 * @sheet: the sheet's index, or -1 for the first with a header
 *
 * Reads the file again for another sheet's header and columns.
 */
void
tx_import_dialog_open_sheet (TxImportDialog *self,
                             int             sheet)
{
  GCancellable *cancellable = tx_import_dialog_start_work (self, _("Reading the Ledger"), _("Finding the header…"),
                                          self->source ? "mapping" : "start");

  tx_intake_open_async (self->service, self->path, sheet, cancellable, opened_cb, g_object_ref (self));
}

/**
 * tx_import_dialog_open_file:
 *
 * Opens a ledger, as choosing it does.
 */
void
tx_import_dialog_open_file (TxImportDialog *self,
                            GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("The file is not on this computer's disks. Copy it to "
                                                       "a folder here, then choose it again."));
      show_error (self, _("This File Cannot Be Imported"), error);
      return;
    }
  g_clear_pointer (&self->source, tx_intake_source_free);
  tx_import_dialog_clear_plan (self);
  g_free (self->path);
  self->path = g_steal_pointer (&path);
  tx_import_dialog_open_sheet (self, -1);
}

static void
chooser_cb (GtkNativeDialog *chooser,
            int              response,
            gpointer         data)
{
  g_autoptr(TxImportDialog) self = data;

  if (response == GTK_RESPONSE_ACCEPT && self->pages)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file)
        tx_import_dialog_open_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * tx_import_dialog_choose:
 *
 * Asks for the ledger in the desktop's own file dialog.
 */
void
tx_import_dialog_choose (TxImportDialog *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose a Ledger"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) sheets = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (sheets, _("Ledgers (.xlsx, .xls, .csv)"));
  gtk_file_filter_add_suffix (sheets, "xlsx");
  gtk_file_filter_add_suffix (sheets, "xls");
  gtk_file_filter_add_suffix (sheets, "csv");
  gtk_file_filter_add_suffix (sheets, "txt");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), sheets);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The dry run */

static void
planned_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(TxImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxImportPlan) plan = tx_import_plan_finish (TX_STORE_SERVICE (source), result, &error);

  if (!tx_import_dialog_end_work (self))
    return;
  if (plan == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->mapping_error), !tx_gui_is_cancelled (error));
      if (g_error_matches (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_NAMES))
        {
          /* no column holds the names: the core's words name --map */
          g_autofree char *text = g_strdup_printf (_("No column is set to the children's names. Choose “%s” "
                                                     "for the column that holds them."),
                                                   tx_field_label (tx_form_lookup ("name")));

          gtk_label_set_text (self->mapping_error, text);
        }
      else if (!tx_gui_is_cancelled (error))
        gtk_label_set_text (self->mapping_error, tx_gui_error_text (error));
      tx_import_dialog_show_page (self, "mapping");
      return;
    }
  tx_import_dialog_clear_plan (self);
  self->plan = g_steal_pointer (&plan);
  tx_import_dialog_fill_plan (self);
  tx_import_dialog_show_page (self, "plan");
}

static void
dry_run (TxImportDialog *self)
{
  GCancellable *cancellable = tx_import_dialog_start_work (self, _("Checking Every Row"),
                                          _("Reading the rows and looking for the children registered…"),
                                          "mapping");

  tx_import_plan_async (self->service, self->source, &self->progress, cancellable, planned_cb,
                        g_object_ref (self));
}

/* The import */

static void
show_done (TxImportDialog *self)
{
  g_autofree char *added = NULL;
  GString *text = g_string_new (NULL);
  guint refused = 0, left_out = 0, drafts = 0, imported = 0;

  for (guint i = 0; self->plan && i < self->plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (self->plan->rows, i);

      refused += r->action == TX_IMPORT_REFUSED;
      left_out += r->action == TX_IMPORT_DUPLICATE && !r->chosen;
      imported += r->chosen && r->action != TX_IMPORT_REFUSED && !(r->action == TX_IMPORT_UPDATE && r->unchanged);
      drafts += r->chosen && r->action != TX_IMPORT_REFUSED && r->draft;
    }
  added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child added", "%u children added",
                                        self->batch->added), self->batch->added);
  /* Translators: "3 children added, 1 updated." */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%s, %u updated.", "%s, %u updated.",
                                             self->batch->updated), added, self->batch->updated);
  if (drafts > 0 && drafts == imported)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, drafts == 1 ? _("It is a draft: open it from the roster to fill in the values "
                                             "missing.")
                                         : _("All of them are drafts: open them from the roster to fill in "
                                             "the values missing."));
    }
  else if (drafts > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u of them is a draft: open it from the roster to fill in "
                                                 "the values missing.",
                                                 "%u of them are drafts: open them from the roster to fill in "
                                                 "the values missing.", drafts), drafts);
    }
  if (refused > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u row was refused and not imported: correct it in the file "
                                                 "and import the file again.",
                                                 "%u rows were refused and not imported: correct them in the "
                                                 "file and import the file again.", refused), refused);
    }
  if (left_out > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u possible duplicate was left out.",
                                                 "%u possible duplicates were left out.", left_out), left_out);
    }
  adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
  adw_status_page_set_title (self->done_page, _("Ledger Imported"));
  adw_status_page_set_description (self->done_page, text->str);
  g_string_free (text, TRUE);
  gtk_widget_set_visible (self->undo_button, self->batch->id > 0);
  tx_import_dialog_show_page (self, "done");
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(TxImportDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxImportBatch) batch = tx_import_apply_finish (TX_STORE_SERVICE (source), result, &error);

  if (!tx_import_dialog_end_work (self))
    return;
  if (batch == NULL)
    {
      tx_import_dialog_update_status (self);
      if (tx_gui_is_cancelled (error))
        gtk_label_set_text (self->status_label, _("The import was cancelled: nothing was written."));
      else
        gtk_label_set_text (self->status_label, tx_gui_error_text (error));
      tx_import_dialog_show_page (self, "plan");
      return;
    }
  g_clear_pointer (&self->batch, tx_import_batch_free);
  self->batch = g_steal_pointer (&batch);
  show_done (self);
}

static void
apply (TxImportDialog *self)
{
  GCancellable *cancellable = tx_import_dialog_start_work (self, _("Importing"),
                                          _("Writing the children; all of them or none…"), "plan");

  tx_import_apply_async (self->service, self->plan, &self->progress, cancellable, applied_cb,
                         g_object_ref (self));
}

/* Actions */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);

  if (on_page (self, "start") || on_page (self, "error"))
    tx_import_dialog_choose (self);
  else if (on_page (self, "mapping"))
    dry_run (self);
  else if (on_page (self, "plan"))
    apply (self);
  else if (on_page (self, "done"))
    gtk_window_close (GTK_WINDOW (self));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);

  if (on_page (self, "plan"))
    tx_import_dialog_show_page (self, "mapping");
  else if (on_page (self, "mapping"))
    tx_import_dialog_show_page (self, "start");
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);

  /* Cancel stops the work in progress; otherwise it closes */
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

/* Escape: stops the work, goes back a page, or closes from the first
 * page, an error or the last */
static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);

  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  else if (on_page (self, "plan") || on_page (self, "mapping"))
    back_action (widget, "import.back", NULL);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (widget);

  if (self->batch && self->batch->id > 0)
    tx_import_dialog_ask_undo (self, self->batch);
}

static void
show_roster_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (parent)
    gtk_widget_activate_action (GTK_WIDGET (parent), "win.children", NULL);
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
tx_import_dialog_close_request (GtkWindow *window)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (window);

  /* a dry run or an import cancelled writes nothing */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (tx_import_dialog_parent_class)->close_request (window);
}

static void
tx_import_dialog_dispose (GObject *object)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (object);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  if (self->batches_cancellable)
    g_cancellable_cancel (self->batches_cancellable);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->batch_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_IMPORT_DIALOG);
  self->pages = NULL;
  G_OBJECT_CLASS (tx_import_dialog_parent_class)->dispose (object);
}

static void
tx_import_dialog_finalize (GObject *object)
{
  TxImportDialog *self = TX_IMPORT_DIALOG (object);

  tx_import_dialog_clear_plan (self);
  g_clear_object (&self->items);
  g_clear_object (&self->filter);
  g_clear_pointer (&self->source, tx_intake_source_free);
  g_clear_pointer (&self->batch, tx_import_batch_free);
  g_clear_pointer (&self->batches, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->batches_cancellable);
  g_clear_object (&self->service);
  g_free (self->path);
  G_OBJECT_CLASS (tx_import_dialog_parent_class)->finalize (object);
}

static void
tx_import_dialog_class_init (TxImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_import_dialog_dispose;
  object_class->finalize = tx_import_dialog_finalize;
  window_class->close_request = tx_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, pages);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, start_page);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, batches_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, busy_page);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, sheet_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, mapping_error);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, filter_box);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, drafts_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, rows_view);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, TxImportDialog, roster_button);

  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "import.show-roster", NULL, show_roster_action);
  gtk_widget_class_install_action (widget_class, "import.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.escape", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "import.back", NULL);
}

static void
tx_import_dialog_init (TxImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = -1;
  tx_import_dialog_setup_rows (self);
  tx_import_dialog_show_page (self, "start");
}

/**
 * tx_import_dialog_new:
 * @parent: the main window: the dialog is modal over it
 * @service: where the file and the store are read and written
 *
 * Returns: (transfer none): the dialog, on its first page, kept by GTK's
 *   list of windows until it is closed; present it, then
 *   tx_import_dialog_choose() or tx_import_dialog_open_file()
 */
TxImportDialog *
tx_import_dialog_new (GtkWindow      *parent,
                      TxStoreService *service)
{
  TxImportDialog *self = g_object_new (TX_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->service = g_object_ref (service);
  tx_import_dialog_load_batches (self);
  return self;
}
