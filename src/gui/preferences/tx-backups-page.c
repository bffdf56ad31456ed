/* tx-backups-page.c — Preferences → Backups: where backups go, how many
 * are kept, the last one and its check, "Back Up Now" and "Restore…"
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor or a county officer sees the whole page; a child director
 * sees the last backup, and in words why there is no more (tx_backup_make()
 * refuses them a backup of their own, tx_backup_restore() a restore, and
 * the places are the workstation's). The settings are
 * written on the store service's thread (the window's own connection only
 * reads); a backup is made on a thread of its own (tx-backup-task.c),
 * with a progress bar and a Stop button, and a toast says when it is done
 * or why not.
 */

#define G_LOG_DOMAIN "tx-backups-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup-task.h"
#include "tx-backups-page.h"
#include "tx-drive-offer.h"
#include "tx-gui-util.h"
#include "tx-restore-dialog.h"

struct _TxBackupsPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *last_group;
  AdwActionRow         *last_row;
  AdwActionRow         *failed_row;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress;
  GtkButton            *cancel_button;
  GtkButton            *backup_button;
  GtkButton            *restore_button;
  GtkLabel             *refusal_label;
  AdwPreferencesGroup  *places_group;
  AdwActionRow         *beside_row;
  AdwActionRow         *second_row;
  GtkButton            *remove_button;
  GtkButton            *choose_button;
  AdwPreferencesGroup  *keep_group;
  GtkSpinButton        *days_spin;
  GtkSpinButton        *weeks_spin;
  GtkSpinButton        *months_spin;

  /* Owned */
  TxStore              *store;
  TxStoreService       *service;
  GCancellable         *cancellable;   /* the page's work, cancelled when it goes */
  GCancellable         *backup_cancellable;
  GAsyncResult         *backup;        /* the backup being made, for its progress */
  guint                 progress_id;
  guint                 busy;
  gboolean              loading;
  char                 *skipped;       /* the second place left out of the backup: not connected */
  guint                 listing;       /* lists being read */
  gboolean              listed_once;
};

G_DEFINE_FINAL_TYPE (TxBackupsPage, tx_backups_page, ADW_TYPE_PREFERENCES_PAGE)

static void
say (TxBackupsPage *self,
     const char    *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
set_busy (TxBackupsPage *self,
          gboolean       busy)
{
  self->busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
}

/* "12 children, 30 visits · check passed · automatic" */
static char *
info_subtitle (const TxBackupInfo *info)
{
  g_autofree char *children = g_strdup_printf (g_dngettext (NULL, "%lld child", "%lld children", info->children),
                                               (long long) info->children);
  g_autofree char *visits = g_strdup_printf (g_dngettext (NULL, "%lld visit", "%lld visits", info->visits),
                                             (long long) info->visits);
  GString *s = g_string_new (NULL);

  /* Translators: "12 children, 30 visits" */
  g_string_printf (s, _("%s, %s"), children, visits);
  g_string_append_printf (s, " · %s", info->verified ? _("check passed") : _("check failed"));
  if (info->automatic)
    g_string_append_printf (s, " · %s", _("automatic"));
  if (info->before_restore)
    g_string_append_printf (s, " · %s", _("the store before a restore"));
  if (info->unusable)
    g_string_append_printf (s, " · %s", info->unusable);
  return g_string_free (s, FALSE);
}

/* The places: beside the store, and the second place when it is set and
 * connected (a USB stick unplugged is left out; @skipped says which) */
static GStrv
places (TxBackupsPage  *self,
        char          **skipped)
{
  g_auto(GStrv) all = tx_backup_get_places (self->store);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; all[i]; i++)
    if (i == 0 || tx_backup_place_connected (all[i]))
      g_strv_builder_add (b, all[i]);
    else if (skipped && *skipped == NULL)
      *skipped = g_strdup (all[i]);
  return g_strv_builder_end (b);
}

/* The newest backup, from the list read on a thread: the newest that
 * exists, the one kept before a restore too (not the one the restored
 * copy remembers) */
static void
show_newest (TxBackupsPage *self,
             GPtrArray     *list,
             const GError  *error)
{
  TxBackupInfo *newest = NULL;

  for (guint i = 0; list && i < list->len && newest == NULL; i++)
    {
      TxBackupInfo *info = list->pdata[i];
      if (info->unusable == NULL)
        newest = info;
    }
  if (newest)
    {
      g_autofree char *when = tx_gui_backup_when (newest->created);
      g_autofree char *subtitle = info_subtitle (newest);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), when);
      adw_action_row_set_subtitle (self->last_row, subtitle);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), _("No backup yet"));
      adw_action_row_set_subtitle (self->last_row, list ? _("Back up now, before anything can go wrong with this computer.")
                                                        : tx_gui_error_text (error));
    }
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TxBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = tx_backup_list_finish (result, &error);
  if (self->store == NULL)
    return;   /* the page went */
  set_busy (self, FALSE);
  /* the last listing under way shows (a backup made meanwhile starts another) */
  if (--self->listing == 0)
    show_newest (self, list, error);
}

static void
load (TxBackupsPage *self)
{
  g_auto(GStrv) folders = places (self, NULL);
  g_autofree char *beside = tx_backup_default_folder (tx_store_get_path (self->store));
  g_autofree char *second = tx_backup_get_second_place (self->store);
  TxBackupAttempt attempt = { 0 };
  TxBackupKeep keep;

  self->loading = TRUE;
  /* the list opens every copy to read who made its last changes: on a
   * thread, the row saying so meanwhile */
  if (self->listing++ == 0 && !self->listed_once)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->last_row), _("Reading the backups…"));
      adw_action_row_set_subtitle (self->last_row, "");
    }
  self->listed_once = TRUE;
  set_busy (self, TRUE);
  tx_backup_list_async (tx_store_get_path (self->store), (const char *const *) folders, self->cancellable,
                        listed_cb, g_object_ref (self));
  tx_backup_get_last_attempt (self->store, &attempt);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_row), attempt.at && !attempt.ok);
  if (attempt.at && !attempt.ok)
    {
      g_autofree char *when = tx_gui_backup_when (attempt.at);
      g_autofree char *title = g_strdup_printf (_("The last attempt failed (%s)"), when);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->failed_row), title);
      adw_action_row_set_subtitle (self->failed_row, attempt.message ? attempt.message : "");
    }
  tx_backup_attempt_clear (&attempt);

  adw_action_row_set_subtitle (self->beside_row, beside);
  if (second && !tx_backup_place_connected (second))
    {
      /* Translators: %s is a folder on a USB stick unplugged */
      g_autofree char *text = g_strdup_printf (_("%s — not connected: plug the drive in, and backups go there "
                                                 "again"), second);
      adw_action_row_set_subtitle (self->second_row, text);
    }
  else
    adw_action_row_set_subtitle (self->second_row,
                                 second ? second : _("None: choose a folder on another disk or a USB stick"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove_button), second != NULL);
  tx_backup_get_keep (self->store, &keep);
  gtk_spin_button_set_value (self->days_spin, keep.days);
  gtk_spin_button_set_value (self->weeks_spin, keep.weeks);
  gtk_spin_button_set_value (self->months_spin, keep.months);
  self->loading = FALSE;
}

/* Settings, written on the service's thread */

typedef struct {
  gboolean     keep_change;
  TxBackupKeep keep;
  char        *second;     /* the second place, or NULL: none */
} Change;

static void
change_free (gpointer data)
{
  Change *c = data;

  g_free (c->second);
  g_free (c);
}

static gpointer
change_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  Change *c = data;

  if (c->keep_change)
    return tx_backup_set_keep (store, &c->keep, error) ? TX_STORE_JOB_DONE : NULL;
  return tx_backup_set_second_place (store, c->second, error) ? TX_STORE_JOB_DONE : NULL;
}

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tx_store_service_run_finish_boolean (TX_STORE_SERVICE (source), result, &error) &&
      tx_gui_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  /* the window's connection reads what the service wrote */
  tx_store_poll_changes (self->store);
  if (error)
    say (self, tx_gui_error_text (error));
  load (self);
}

static void
run_change (TxBackupsPage *self,
            Change        *c)
{
  set_busy (self, TRUE);
  tx_store_service_run_async (self->service, change_job, c, change_free, NULL, self->cancellable,
                              change_done_cb, g_object_ref (self));
}

static void
keep_changed_cb (TxBackupsPage *self)
{
  Change *c;

  if (self->loading)
    return;
  c = g_new0 (Change, 1);
  c->keep_change = TRUE;
  c->keep.days = gtk_spin_button_get_value_as_int (self->days_spin);
  c->keep.weeks = gtk_spin_button_get_value_as_int (self->weeks_spin);
  c->keep.months = gtk_spin_button_get_value_as_int (self->months_spin);
  run_change (self, c);
}

/**
 * tx_backups_page_set_second_place:
 * @folder: (nullable): the second place; %NULL: none
 *
 * As "Choose…" does with the folder chosen, or "Remove".
 */
void
tx_backups_page_set_second_place (TxBackupsPage *self,
                                  const char    *folder)
{
  Change *c = g_new0 (Change, 1);

  c->second = g_strdup (folder);
  run_change (self, c);
}

static void
remove_clicked_cb (TxBackupsPage *self)
{
  tx_backups_page_set_second_place (self, NULL);
}

static void
folder_chosen_cb (GtkNativeDialog *chooser,
                  int              response,
                  TxBackupsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path)
        tx_backups_page_set_second_place (self, path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_clicked_cb (TxBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Choose the Second Place for Backups"),
                                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                                               _("_Choose"), _("_Cancel"));

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Back Up Now */

static void
show_backing_up (TxBackupsPage *self,
                 gboolean       backing_up)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress), backing_up);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), backing_up);
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_button), !backing_up);
  gtk_widget_set_sensitive (GTK_WIDGET (self->restore_button), !backing_up);
  gtk_progress_bar_set_fraction (self->progress, 0);
}

static gboolean
progress_cb (gpointer data)
{
  TxBackupsPage *self = data;

  if (self->backup)
    gtk_progress_bar_set_fraction (self->progress, tx_backup_task_progress (self->backup));
  return G_SOURCE_CONTINUE;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxBackupsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) info = tx_backup_task_finish (result, &error);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->backup);
  set_busy (self, FALSE);
  if (self->store == NULL)
    return;
  show_backing_up (self, FALSE);
  tx_store_poll_changes (self->store);
  if (info && self->skipped)
    {
      g_autofree char *text = g_strdup_printf (_("Backup made and checked; %s is not connected and has no copy"),
                                               self->skipped);
      say (self, text);
    }
  else if (info)
    say (self, _("Backup made and checked"));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    say (self, _("Backup stopped: nothing of it was kept"));
  else
    say (self, tx_gui_error_text (error));
  load (self);
}

static void
backup_clicked_cb (TxBackupsPage *self)
{
  g_auto(GStrv) folders = NULL;

  g_clear_pointer (&self->skipped, g_free);
  folders = places (self, &self->skipped);
  show_backing_up (self, TRUE);
  set_busy (self, TRUE);
  g_clear_object (&self->backup_cancellable);
  self->backup_cancellable = g_cancellable_new ();
  g_clear_object (&self->backup);
  self->backup = tx_backup_task_run (tx_store_get_path (self->store), (const char *const *) folders,
                                     TX_BACKUP_MANUAL, self->backup_cancellable, backup_done_cb,
                                     g_object_ref (self));
  if (self->progress_id == 0)
    self->progress_id = g_timeout_add (100, progress_cb, self);
}

static void
cancel_clicked_cb (TxBackupsPage *self)
{
  g_cancellable_cancel (self->backup_cancellable);
}

static void
restore_clicked_cb (TxBackupsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_window_present (GTK_WINDOW (tx_restore_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                         self->store)));
}

static void
made_cb (TxBackupsPage *self)
{
  /* a backup made elsewhere in the window (the timer's) */
  if (self->store && self->busy == 0)
    load (self);
}

static void
tx_backups_page_dispose (GObject *object)
{
  TxBackupsPage *self = TX_BACKUPS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->backup_cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->backup);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->backup_cancellable);
  g_clear_pointer (&self->skipped, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_BACKUPS_PAGE);

  G_OBJECT_CLASS (tx_backups_page_parent_class)->dispose (object);
}

static void
tx_backups_page_class_init (TxBackupsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_backups_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-backups-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, last_group);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, last_row);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, failed_row);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, progress);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, backup_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, places_group);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, beside_row);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, second_row);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, choose_button);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, keep_group);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, TxBackupsPage, months_spin);
  gtk_widget_class_bind_template_callback (widget_class, keep_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
}

static void
tx_backups_page_init (TxBackupsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (tx_backup_task_notifier (), "tx-backup-made", G_CALLBACK (made_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * tx_backups_page_new:
 *
 * The backups of @store; a supervisor's or an officer's page makes and
 * restores them and sets where they go, a child director's shows the last
 * one only.
 */
TxBackupsPage *
tx_backups_page_new (TxStore        *store,
                     TxStoreService *service)
{
  TxBackupsPage *self = g_object_new (TX_TYPE_BACKUPS_PAGE, NULL);
  gboolean manager = tx_store_can (store, TX_PERMISSION_SETTINGS);

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  gtk_widget_set_visible (GTK_WIDGET (self->places_group), manager);
  gtk_widget_set_visible (GTK_WIDGET (self->keep_group), manager);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->backup_button)), manager);
  /* a child director is told in words what is not theirs, not shown dead buttons */
  gtk_widget_set_visible (GTK_WIDGET (self->refusal_label), !manager);
  load (self);
  return self;
}

gboolean
tx_backups_page_is_busy (TxBackupsPage *self)
{
  return self->busy > 0;
}

GtkWidget *
tx_backups_page_get_widget (TxBackupsPage *self,
                            const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_BACKUPS_PAGE, name));
}
