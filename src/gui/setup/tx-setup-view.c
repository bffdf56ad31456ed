/* tx-setup-view.c — first run: which township this workstation serves, and
 * the supervisor's account that protects the new store; or, on a new PC,
 * a backup restored in the new store's place
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-setup-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-setup-view-private.h"
#include "tx-gui-util.h"
#include "tx-login-tasks.h"

struct _TxSetupView
{
  AdwBin        parent_instance;

  /* Template widgets */
  AdwActionRow *province_row;
  AdwActionRow *city_row;
  AdwActionRow *county_row;
  AdwActionRow *township_row;
  GtkDropDown  *province_dropdown;
  GtkDropDown  *city_dropdown;
  GtkDropDown  *county_dropdown;
  GtkDropDown  *township_dropdown;
  AdwEntryRow  *name_row;
  AdwEntryRow  *supervisor_row;
  AdwEntryRow  *directors_row;
  AdwPreferencesGroup *password_group;
  AdwPasswordEntryRow *password_row;
  AdwPasswordEntryRow *repeat_row;
  GtkLabel     *error_label;
  GtkButton    *done_button;
  GtkButton    *restore_button;
  GtkSpinner   *restore_spinner;

  /* Owned */
  TxStoreService *service;   /* the setup is written on its thread */
  GPtrArray    *codes[4];   /* codes behind each row's items; index 0 = none */
  gboolean      filling;
  char         *path;       /* a first run: the store to make, no account yet */
  char         *recovery_key;  /* of the account just made, until taken */
  GCancellable *cancellable;
  char         *restoring;  /* the backup chosen, while it is restored */
  GtkNativeDialog *chooser;
  TxSetupChooserHook chooser_hook;  /* tests: the folder "chosen" */
  gpointer      chooser_data;
};

G_DEFINE_FINAL_TYPE (TxSetupView, tx_setup_view, ADW_TYPE_BIN)

enum {
  DONE,
  DEMO_READY,
  ACCOUNT_CREATED,
  BACKUP_RESTORED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static AdwActionRow *
row_at (TxSetupView *self,
        int          level)
{
  AdwActionRow *rows[] = { self->province_row, self->city_row, self->county_row, self->township_row };
  return rows[level];
}

static GtkDropDown *
dropdown_at (TxSetupView *self,
             int          level)
{
  GtkDropDown *dropdowns[] = { self->province_dropdown, self->city_dropdown, self->county_dropdown,
                               self->township_dropdown };
  return dropdowns[level];
}

static const char *
selected_code (TxSetupView *self,
               int          level)
{
  guint pos = gtk_drop_down_get_selected (dropdown_at (self, level));
  GPtrArray *codes = self->codes[level];

  if (codes == NULL || pos == GTK_INVALID_LIST_POSITION || pos == 0 || pos >= codes->len)
    return NULL;
  return codes->pdata[pos];
}

static void
fill_level (TxSetupView *self,
            int          level,
            const char  *parent)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) children = NULL;

  g_clear_pointer (&self->codes[level], g_ptr_array_unref);
  self->codes[level] = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (list, level == 3 ? _("None (county office)") : "—");
  g_ptr_array_add (self->codes[level], NULL);
  if (parent || level == 0)
    {
      children = tx_division_children (parent);
      for (guint i = 0; i < children->len; i++)
        {
          const TxDivision *d = children->pdata[i];
          gtk_string_list_append (list, d->name);
          g_ptr_array_add (self->codes[level], g_strdup (d->code));
        }
    }
  gtk_drop_down_set_model (dropdown_at (self, level), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (dropdown_at (self, level), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (row_at (self, level)), parent != NULL || level == 0);
}

/* Set Up waits for a county and the supervisor's name: reports and every
 * change are signed with it (seen in the new-user walk: a workstation set up
 * without one printed 制表人：— on its reports) */
static void
update_done (TxSetupView *self)
{
  g_autofree char *supervisor = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->supervisor_row))));

  gboolean passwords = self->path == NULL ||
                       (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) &&
                        *gtk_editable_get_text (GTK_EDITABLE (self->repeat_row)));

  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button),
                            selected_code (self, 2) != NULL && *supervisor && passwords);
}

static void
supervisor_changed_cb (TxSetupView *self)
{
  update_done (self);
}

static void
level_changed_cb (TxSetupView *self,
                  GParamSpec  *pspec,
                  GtkDropDown *dropdown)
{
  int level;

  if (self->filling)
    return;
  for (level = 0; level < 4 && dropdown_at (self, level) != dropdown; level++)
    ;
  self->filling = TRUE;
  for (int l = level + 1; l < 4; l++)
    fill_level (self, l, l == level + 1 ? selected_code (self, level) : NULL);
  self->filling = FALSE;
  update_done (self);
}

static void
setup_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxSetupView) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), TRUE);
  if (!tx_station_set_up_finish (TX_STORE_SERVICE (source), result, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  g_signal_emit (self, signals[DONE], 0);
}

static char *
text_or_null (GtkWidget *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void set_up (TxSetupView *self);

static void
show_error (TxSetupView  *self,
            const GError *error)
{
  gtk_label_set_text (self->error_label, error ? tx_gui_error_text (error) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

/* The account made: the window opens the new store (and hands this view
 * its service), and the setup goes on */
static void
account_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxSetupView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = tx_login_protect_finish (result, &error);

  if (key == NULL && tx_gui_is_cancelled (error))
    return;
  if (key == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), TRUE);
      show_error (self, error);
      return;
    }
  self->recovery_key = g_steal_pointer (&key);
  g_clear_pointer (&self->path, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->repeat_row), "");
  g_signal_emit (self, signals[ACCOUNT_CREATED], 0);
  if (self->service)
    set_up (self);
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), TRUE);
}

static void
done_clicked_cb (TxSetupView *self)
{
  g_autoptr(GError) error = NULL;

  if (selected_code (self, 2) == NULL)
    return;
  if (self->path && self->service == NULL)
    {
      g_autofree char *supervisor = text_or_null (GTK_WIDGET (self->supervisor_row));
      const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

      if (!tx_login_passwords_ok (password, gtk_editable_get_text (GTK_EDITABLE (self->repeat_row)), &error))
        {
          show_error (self, error);
          gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
          return;
        }
      show_error (self, NULL);
      gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), FALSE);
      tx_login_protect_async (self->path, supervisor, password, self->cancellable, account_done_cb,
                              g_object_ref (self));
      return;
    }
  set_up (self);
}

static void
set_up (TxSetupView *self)
{
  g_autofree char *name = NULL, *supervisor = NULL, *directors = NULL;

  if (self->service == NULL || selected_code (self, 2) == NULL)
    return;
  name = text_or_null (GTK_WIDGET (self->name_row));
  supervisor = text_or_null (GTK_WIDGET (self->supervisor_row));
  directors = text_or_null (GTK_WIDGET (self->directors_row));
  /* not twice: the button waits while it is written (the whole screen made
   * insensitive would take the keyboard focus from under the typing) */
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), FALSE);
  tx_station_set_up_async (self->service, selected_code (self, 2), selected_code (self, 3),
                           name, supervisor, directors, NULL, setup_done_cb, g_object_ref (self));
}

/* The demo: a store of its own, protected with its made-up supervisor's
 * password and filled on a service of its own (the window has no store
 * open at a first run); "demo-ready" then opens it, or its people log in */

static void
demo_made_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxSetupView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tx_station_make_demo_finish (TX_STORE_SERVICE (source), result, &error);

  gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
  show_error (self, error);
  if (path)
    g_signal_emit (self, signals[DEMO_READY], 0, path);
}

static void
make_demo (TxSetupView *self,
           const char  *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStoreService) service = tx_store_service_new (path, &error);

  if (service == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      show_error (self, error);
      return;
    }
  tx_station_make_demo_async (service, path, self->cancellable, demo_made_cb, g_object_ref (self));
}

static void
demo_protected_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TxSetupView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = tx_login_protect_finish (result, &error);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "demo.db", NULL);

  if (key == NULL && tx_gui_is_cancelled (error))
    return;
  if (key == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self), TRUE);
      show_error (self, error);
      return;
    }
  make_demo (self, path);
}

static void
demo_clicked_cb (TxSetupView *self)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "tongxing", "demo.db", NULL);

  if (tx_keyring_exists (path) && tx_session_lookup (path) == NULL)
    {
      g_signal_emit (self, signals[DEMO_READY], 0, path);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
  if (tx_session_lookup (path))
    make_demo (self, path);
  else
    tx_login_protect_async (path, TX_DEMO_SUPERVISOR, TX_DEMO_PASSWORD, self->cancellable, demo_protected_cb,
                            g_object_ref (self));
}

/* A new PC: a backup chosen (its folder, or the store file in it) and put
 * in the new store's place on a thread (tx_backup_restore_async: nobody
 * need log in to an empty place); then "backup-restored" and the login of
 * its people. A folder that is not a backup, or one that fails its check,
 * is said here, nothing changed, and another can be chosen. */

static void
set_restoring (TxSetupView *self,
               const char  *path)
{
  g_free (self->restoring);
  self->restoring = g_strdup (path);
  gtk_widget_set_sensitive (GTK_WIDGET (self), path == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_spinner), path != NULL);
  gtk_spinner_set_spinning (self->restore_spinner, path != NULL);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TxSetupView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) from = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(GDateTime) utc = NULL, local = NULL;
  g_autofree char *when = NULL;

  if (!tx_backup_restore_finish (result, NULL, &error))
    {
      if (tx_gui_is_cancelled (error))
        return;
      set_restoring (self, NULL);
      show_error (self, error);
      return;
    }
  from = tx_backup_read (self->restoring, NULL);
  set_restoring (self, NULL);
  utc = from && from->created ? g_date_time_new_from_iso8601 (from->created, NULL) : NULL;
  local = utc ? g_date_time_to_local (utc) : NULL;
  when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup ("?");
  notice = g_strdup_printf (_("Restored the backup of %s. Log in with a name and password that were valid "
                              "when it was made, or with the recovery key."), when);
  g_clear_pointer (&self->path, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), FALSE);
  g_signal_emit (self, signals[BACKUP_RESTORED], 0, notice);
}

static void
restore_from (TxSetupView *self,
              const char  *backup)
{
  if (self->path == NULL || backup == NULL)
    return;
  show_error (self, NULL);
  set_restoring (self, backup);
  tx_backup_restore_async (self->path, backup, self->cancellable, restored_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     TxSetupView     *self)
{
  g_autoptr(GFile) folder = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = folder ? g_file_get_path (folder) : NULL;
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
  restore_from (self, path);
}

static void
restore_clicked_cb (TxSetupView *self)
{
  GtkFileChooserNative *chooser;

  if (self->chooser_hook)
    {
      g_autofree char *path = self->chooser_hook (self, self->chooser_data);

      restore_from (self, path);
      return;
    }
  if (self->chooser)
    return;
  chooser = gtk_file_chooser_native_new (_("Choose the Backup’s Folder"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Restore"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (self->chooser);
}

static void
tx_setup_view_dispose (GObject *object)
{
  TxSetupView *self = TX_SETUP_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->recovery_key)
    explicit_bzero (self->recovery_key, strlen (self->recovery_key));
  g_clear_pointer (&self->recovery_key, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->restoring, g_free);
  if (self->chooser)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (self->chooser);
      g_clear_object (&self->chooser);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_SETUP_VIEW);
  for (int l = 0; l < 4; l++)
    g_clear_pointer (&self->codes[l], g_ptr_array_unref);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (tx_setup_view_parent_class)->dispose (object);
}

static void
tx_setup_view_class_init (TxSetupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_setup_view_dispose;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the demo's store made (or to be logged in to): its path */
  signals[DEMO_READY] = g_signal_new ("demo-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* the first run's account made: the store can be opened */
  signals[ACCOUNT_CREATED] = g_signal_new ("account-created", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* a new PC: a backup put in the store's place; what to tell at its login */
  signals[BACKUP_RESTORED] = g_signal_new ("backup-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                           NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-setup-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, province_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, city_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, county_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, township_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, province_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, city_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, county_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, township_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, name_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, supervisor_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, directors_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, password_group);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, password_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, error_label);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, done_button);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, restore_button);
  gtk_widget_class_bind_template_child (widget_class, TxSetupView, restore_spinner);
  gtk_widget_class_bind_template_callback (widget_class, level_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, supervisor_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
}

static void
tx_setup_view_init (TxSetupView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* the places are found by typing, as in the form */
  for (int l = 0; l < 4; l++)
    tx_gui_dropdown_set_searchable (dropdown_at (self, l));
  self->filling = TRUE;
  fill_level (self, 0, NULL);
  for (int l = 1; l < 4; l++)
    fill_level (self, l, NULL);
  self->filling = FALSE;
}

void
tx_setup_view_set_service (TxSetupView    *self,
                           TxStoreService *service)
{
  g_set_object (&self->service, service);
}

/**
 * tx_setup_view_set_path:
 * @path: a store that does not exist yet
 *
 * A first run: the setup asks for the supervisor's password too, and
 * makes the store and its first account with it.
 */
void
tx_setup_view_set_path (TxSetupView *self,
                        const char  *path)
{
  g_free (self->path);
  self->path = g_strdup (path);
  gtk_widget_set_visible (GTK_WIDGET (self->password_group), path != NULL);
  /* a backup goes only into an empty place: a first run's */
  gtk_widget_set_visible (GTK_WIDGET (self->restore_button), path != NULL);
  update_done (self);
}

/**
 * tx_setup_view_take_recovery_key:
 *
 * Returns: (transfer full) (nullable): the recovery key of the account the
 *   first run made, to be shown once
 */
char *
tx_setup_view_take_recovery_key (TxSetupView *self)
{
  return g_steal_pointer (&self->recovery_key);
}

GtkWidget *
tx_setup_view_get_password_row (TxSetupView *self,
                                gboolean     again)
{
  return GTK_WIDGET (again ? self->repeat_row : self->password_row);
}

GtkWidget *
tx_setup_view_get_level_dropdown (TxSetupView *self,
                                  int          level)
{
  return GTK_WIDGET (dropdown_at (self, level));
}

/* Picks a division in a row by its code, as a person picks it from the list */
gboolean
tx_setup_view_select_code (TxSetupView *self,
                           int          level,
                           const char  *code)
{
  GPtrArray *codes = self->codes[level];

  for (guint i = 1; codes && i < codes->len; i++)
    if (g_str_equal (codes->pdata[i], code))
      {
        gtk_drop_down_set_selected (dropdown_at (self, level), i);
        return TRUE;
      }
  return FALSE;
}

GtkWidget *
tx_setup_view_get_name_row (TxSetupView *self)
{
  return GTK_WIDGET (self->name_row);
}

GtkWidget *
tx_setup_view_get_supervisor_row (TxSetupView *self)
{
  return GTK_WIDGET (self->supervisor_row);
}

GtkWidget *
tx_setup_view_get_done_button (TxSetupView *self)
{
  return GTK_WIDGET (self->done_button);
}

GtkWidget *
tx_setup_view_get_restore_button (TxSetupView *self)
{
  return GTK_WIDGET (self->restore_button);
}

GtkWidget *
tx_setup_view_get_error_label (TxSetupView *self)
{
  return GTK_WIDGET (self->error_label);
}

/* Tests: the folder "chosen" when Restore From a Backup… is pressed,
 * instead of the file chooser */
void
tx_setup_view_set_chooser_hook (TxSetupView        *self,
                                TxSetupChooserHook  hook,
                                gpointer            data)
{
  self->chooser_hook = hook;
  self->chooser_data = data;
}

gboolean
tx_setup_view_is_restoring (TxSetupView *self)
{
  return self->restoring != NULL;
}
