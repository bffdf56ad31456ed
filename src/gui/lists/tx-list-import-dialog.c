/* tx-list-import-dialog.c — a department's list imported: its file, its
 * department, name and date, its columns mapped, then the import with
 * progress and Cancel, and what was kept and refused
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is opened and the import runs on the store service's thread
 * (tx-lists-service.h); the dialog only keeps the opened file between the
 * two, and hands it to the import, which owns it from then on.
 */

#define G_LOG_DOMAIN "tx-list-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-list-import-dialog.h"

#define MAX_REFUSED_SHOWN 200

struct _TxListImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkButton            *cancel_button;
  AdwPreferencesGroup  *list_group;
  AdwActionRow         *file_row;
  AdwComboRow          *department_row;
  AdwEntryRow          *name_row;
  AdwEntryRow          *date_row;
  AdwPreferencesGroup  *columns_group;
  GtkProgressBar       *progress_bar;
  GtkLabel             *result_label;
  GtkWidget            *refused_group;
  GtkListBox           *refused_list;

  /* Owned */
  TxStoreService  *service;
  TxIntakeSource  *source;        /* the file opened, until the import takes it */
  GPtrArray       *column_rows;   /* of AdwComboRow, one per column of the map */
  GArray          *fields;        /* int: the form's fields a column can fill, by position - 1 */
  GCancellable    *cancellable;   /* the file being opened or the import */
  char            *list_about;    /* the list group's description, when no date is wrong */
  guint            pulse_id;
  int              progress;      /* thousandths, set on the service's thread */
  gboolean         importing;
  gboolean         done;
};

G_DEFINE_FINAL_TYPE (TxListImportDialog, tx_list_import_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (TxListImportDialog *self)
{
  gboolean settings = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "settings") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import", settings && self->source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", settings);
  gtk_button_set_label (self->cancel_button, self->done ? _("_Close") : _("_Cancel"));
}

/* The columns: a combo row each, the field it fills chosen */

/* The fields a column can fill, by their names; a name the form has more
 * than once (the father's and the mother's 姓名) with its section */
static GListModel *
field_names (TxListImportDialog *self)
{
  const TxForm *form = tx_form_get ();
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->fields->len; i++)
    {
      const char *label = tx_field_label (&form->fields[g_array_index (self->fields, int, i)]);
      g_hash_table_insert (seen, (gpointer) label,
                           GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (seen, label)) + 1));
    }
  gtk_string_list_append (names, _("Not imported"));
  for (guint i = 0; i < self->fields->len; i++)
    {
      const TxField *f = &form->fields[g_array_index (self->fields, int, i)];
      const char *label = tx_field_label (f);
      /* Translators: a field of the form offered for a column: its section and its name */
      g_autofree char *name = GPOINTER_TO_INT (g_hash_table_lookup (seen, label)) > 1
        ? g_strdup_printf (_("%s · %s"), tx_section_label (&form->sections[f->section]), label)
        : g_strdup (label);
      gtk_string_list_append (names, name);
    }
  return G_LIST_MODEL (names);
}

static void
clear_columns (TxListImportDialog *self)
{
  for (guint i = 0; i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_ptr_array_set_size (self->column_rows, 0);
}

static void
show_columns (TxListImportDialog *self)
{
  TxColumnMap *map = tx_intake_source_get_map (self->source);
  g_autoptr(GListModel) names = field_names (self);
  g_autofree char *about = NULL;

  clear_columns (self);
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *where = g_strdup_printf (_("Column %s"), c->letter);
      guint selected = 0;

      for (guint j = 0; j < self->fields->len && c->field >= 0; j++)
        if (g_array_index (self->fields, int, j) == c->field)
          selected = j + 1;
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->header && *c->header ? c->header : where);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), where);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), names);
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  if (map->header_last > map->header_first)
    about = g_strdup_printf (_("The header is rows %u to %u; %u columns fill a field of the form. Check each "
                               "and change what is wrong; columns not imported are left out."),
                             map->header_first, map->header_last, tx_column_map_n_mapped (map));
  else
    about = g_strdup_printf (_("The header is row %u; %u columns fill a field of the form. Check each and "
                               "change what is wrong; columns not imported are left out."),
                             map->header_first, tx_column_map_n_mapped (map));
  adw_preferences_group_set_description (self->columns_group, about);
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group), TRUE);
}

/* The person's choices into the map, before the import */
static gboolean
apply_columns (TxListImportDialog *self,
               GError            **error)
{
  TxColumnMap *map = tx_intake_source_get_map (self->source);
  const TxForm *form = tx_form_get ();

  for (guint i = 0; i < self->column_rows->len && i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);
      guint p = adw_combo_row_get_selected (self->column_rows->pdata[i]);
      int field = p > 0 && p <= self->fields->len ? g_array_index (self->fields, int, p - 1) : -1;

      if (field != c->field &&
          !tx_column_map_set (map, c->letter, field >= 0 ? form->fields[field].key : NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Opening the file */

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxListImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  TxIntakeSource *opened = tx_list_source_open_finish (TX_STORE_SERVICE (source), result, &error);

  if (tx_gui_is_cancelled (error))
    return;
  g_clear_pointer (&self->source, tx_intake_source_free);
  self->source = opened;
  if (opened == NULL)
    {
      adw_action_row_set_subtitle (self->file_row, tx_gui_error_text (error));
      clear_columns (self);
      gtk_widget_set_visible (GTK_WIDGET (self->columns_group), FALSE);
    }
  else
    {
      const char *sheet = tx_intake_source_sheet_name (opened);
      const char *file = tx_intake_source_file_name (opened);
      /* a CSV file's one sheet is the file */
      gboolean csv = g_str_has_suffix (file, ".csv") || g_str_has_suffix (file, ".CSV");
      g_autofree char *about = sheet && *sheet && !csv
        ? g_strdup_printf (_("%s, sheet “%s”"), tx_intake_source_file_name (opened), sheet)
        : g_strdup (tx_intake_source_file_name (opened));

      adw_action_row_set_subtitle (self->file_row, about);
      show_columns (self);
    }
  update_actions (self);
}

/**
 * tx_list_import_dialog_open_file:
 *
 * Opens a list's file, as choosing it does: its name becomes the list's
 * (unless one was typed) and its columns are shown mapped.
 */
void
tx_list_import_dialog_open_file (TxListImportDialog *self,
                                 GFile              *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *base = g_file_get_basename (file);
  char *dot = strrchr (base, '.');
  GCancellable *cancellable = tx_gui_renew_cancellable (&self->cancellable);

  if (dot && dot != base)
    *dot = '\0';
  if (*gtk_editable_get_text (GTK_EDITABLE (self->name_row)) == '\0' ||
      g_object_get_data (G_OBJECT (self->name_row), "from-file"))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), base);
      g_object_set_data (G_OBJECT (self->name_row), "from-file", GINT_TO_POINTER (TRUE));
    }
  {
    TxDepartment guessed;

    if (tx_department_guess (base, &guessed))
      adw_combo_row_set_selected (self->department_row, guessed);
  }
  adw_action_row_set_subtitle (self->file_row, _("Reading the file…"));
  g_clear_pointer (&self->source, tx_intake_source_free);
  update_actions (self);
  tx_list_source_open_async (self->service, path, cancellable, open_done_cb, g_object_ref (self));
}

static void
file_chosen_cb (GtkWidget *widget,
                GFile     *file,
                gpointer   data)
{
  tx_list_import_dialog_open_file (TX_LIST_IMPORT_DIALOG (widget), file);
}

static void
choose_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  tx_gui_ask_file (widget, _("Choose the List's File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL, NULL,
                   file_chosen_cb, NULL);
}

static void
name_changed_cb (TxListImportDialog *self)
{
  /* typed by the person: a file chosen later keeps it */
  g_object_set_data (G_OBJECT (self->name_row), "from-file", NULL);
}

/* Importing */

static gboolean
pulse_cb (gpointer data)
{
  TxListImportDialog *self = data;
  int p = g_atomic_int_get (&self->progress);

  gtk_progress_bar_set_fraction (self->progress_bar, p / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
show_result (TxListImportDialog *self,
             const TxListImport *r)
{
  g_autofree char *text = NULL;
  GtkWidget *child;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "“%s”: %u entry kept of %u rows, %u refused.",
                                       "“%s”: %u entries kept of %u rows, %u refused.", r->imported),
                          r->name, r->imported, r->rows, r->refused->len);
  gtk_label_set_text (self->result_label, text);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->refused_list))))
    gtk_list_box_remove (self->refused_list, child);
  for (guint i = 0; i < r->refused->len && i < MAX_REFUSED_SHOWN; i++)
    {
      const TxRowProblem *q = g_ptr_array_index (r->refused, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a row of a list refused: its row number and its column's header */
      g_autofree char *title = g_strdup_printf (_("Row %u, %s"), q->row, q->column ? q->column : "—");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), q->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->refused_list, row);
    }
  if (r->refused->len > MAX_REFUSED_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("And %u rows more, not shown here."),
                                               r->refused->len - MAX_REFUSED_SHOWN);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->refused_list, row);
    }
  gtk_widget_set_visible (self->refused_group, r->refused->len > 0);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxListImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxListImport) r = tx_list_import_finish (TX_STORE_SERVICE (source), result, &error);

  self->importing = FALSE;
  /* closed meanwhile: the import was stopped, and there is nothing to show it in */
  if (self->stack == NULL)
    return;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);
  self->done = TRUE;
  if (r == NULL)
    {
      gtk_label_set_text (self->result_label, tx_gui_is_cancelled (error)
                          ? _("The import was cancelled: nothing of the list was kept.")
                          : tx_gui_error_text (error));
      gtk_widget_set_visible (self->refused_group, FALSE);
    }
  else
    {
      show_result (self, r);
      g_signal_emit (self, signals[IMPORTED], 0, r->list);
    }
  gtk_stack_set_visible_child_name (self->stack, "result");
  update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListImportDialog *self = TX_LIST_IMPORT_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  const char *list_name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->date_row));
  GCancellable *cancellable;
  GDate day;

  if (self->source == NULL)
    return;
  /* said here, before the file goes to the import */
  gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
  adw_preferences_group_set_description (self->list_group, self->list_about);
  if (*date && !tx_date_parse (date, &day))
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a date. Give the list's date like 2026-06-30."),
                                                  date);

      adw_preferences_group_set_description (self->list_group, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->date_row));
      return;
    }
  if (!apply_columns (self, &error))
    {
      adw_preferences_group_set_description (self->columns_group, error->message);
      return;
    }
  cancellable = tx_gui_renew_cancellable (&self->cancellable);
  self->importing = TRUE;
  g_atomic_int_set (&self->progress, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  update_actions (self);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  tx_list_import_async (self->service, g_steal_pointer (&self->source),
                        (TxDepartment) adw_combo_row_get_selected (self->department_row),
                        *list_name ? list_name : NULL, *date ? date : NULL, &self->progress, cancellable,
                        import_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListImportDialog *self = TX_LIST_IMPORT_DIALOG (widget);

  if (self->importing)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static gboolean
tx_list_import_dialog_close_request (GtkWindow *window)
{
  TxListImportDialog *self = TX_LIST_IMPORT_DIALOG (window);

  /* the import is stopped, not left running behind a closed dialog */
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (tx_list_import_dialog_parent_class)->close_request (window);
}

static void
tx_list_import_dialog_dispose (GObject *object)
{
  TxListImportDialog *self = TX_LIST_IMPORT_DIALOG (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_pointer (&self->source, tx_intake_source_free);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->list_about, g_free);
  g_clear_object (&self->service);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_LIST_IMPORT_DIALOG);
  G_OBJECT_CLASS (tx_list_import_dialog_parent_class)->dispose (object);
}

static void
tx_list_import_dialog_class_init (TxListImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_list_import_dialog_dispose;
  window_class->close_request = tx_list_import_dialog_close_request;

  /**
   * TxListImportDialog::imported:
   * @list: the new list's id
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                    NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tongxing/Tongxing/ui/tx-list-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, list_group);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, result_label);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, refused_group);
  gtk_widget_class_bind_template_child (widget_class, TxListImportDialog, refused_list);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "import.choose", NULL);
}

static void
tx_list_import_dialog_init (TxListImportDialog *self)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GtkStringList) departments = gtk_string_list_new (NULL);
  GDate today;
  char iso[16];

  gtk_widget_init_template (GTK_WIDGET (self));
  self->list_about = g_strdup (adw_preferences_group_get_description (self->list_group));
  self->column_rows = g_ptr_array_new ();
  self->fields = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = 0; i < form->n_fields; i++)
    if (!form->fields[i].derived)
      g_array_append_val (self->fields, form->fields[i].index);
  for (guint d = 0; d < TX_N_DEPARTMENTS; d++)
    gtk_string_list_append (departments, tx_department_label (d));
  adw_combo_row_set_model (self->department_row, G_LIST_MODEL (departments));
  tx_date_today (&today);
  g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &today);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), iso);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (name_changed_cb), self);
  update_actions (self);
}

/**
 * tx_list_import_dialog_new:
 *
 * Returns: (transfer floating): the dialog, to present
 */
TxListImportDialog *
tx_list_import_dialog_new (GtkWindow      *parent,
                           TxStoreService *service)
{
  TxListImportDialog *self = g_object_new (TX_TYPE_LIST_IMPORT_DIALOG, "transient-for", parent, NULL);

  self->service = g_object_ref (service);
  return self;
}

GtkWidget *
tx_list_import_dialog_get_widget (TxListImportDialog *self,
                                  const char         *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_LIST_IMPORT_DIALOG, name));
}
