/* tx-drive-offer.c — a USB stick (or another removable drive) plugged in
 * while the window is open: offered for a backup now, or as the second
 * place of every backup
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One TxDriveOffer per window (tx_drive_offer_watch(), the window's one
 * hook), listening to GIO's GVolumeMonitor. A drive is offered once in
 * the process's life, to a supervisor or an officer logged in (a child
 * director may not back up by hand), and not when it already holds the
 * second place: the automatic backups go there when it is plugged in.
 * Backups go into a folder "Tongxing Backups" at the drive's top.
 * tx_drive_offer_mounted() is what the monitor calls for a drive mounted;
 * the tests call it with a folder of their own, as Xvfb has no udisks.
 */

#define G_LOG_DOMAIN "tx-drive-offer"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup-task.h"
#include "tx-drive-offer.h"
#include "tx-gui-util.h"
#include "tx-lock-view.h"
#include "tx-window-private.h"

struct _TxDriveOffer
{
  GObject          parent_instance;

  GtkWindow       *window;    /* weak: the offer is the window's */
  GVolumeMonitor  *monitor;
  guint            busy;
};

G_DEFINE_FINAL_TYPE (TxDriveOffer, tx_drive_offer, G_TYPE_OBJECT)

/* The drives offered in this process, by their top folder */
static GHashTable *offered;

typedef struct
{
  TxDriveOffer *self;
  char         *name;
  char         *folder;
} Offer;

static void
offer_free (Offer *offer)
{
  g_object_unref (offer->self);
  g_free (offer->name);
  g_free (offer->folder);
  g_free (offer);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Offer, offer_free)

/**
 * tx_drive_offer_folder:
 * @root: a drive's top folder
 *
 * Returns: (transfer full): the folder of the backups on it
 */
char *
tx_drive_offer_folder (const char *root)
{
  return g_build_filename (root, "Tongxing Backups", NULL);
}

/**
 * tx_backup_place_connected:
 * @folder: a place for backups
 *
 * Whether @folder can be written to now: it is there, or the folder it is
 * in is (it is made with the first backup). A drive unplugged takes both
 * with it.
 */
gboolean
tx_backup_place_connected (const char *folder)
{
  g_autofree char *parent = g_path_get_dirname (folder);

  return g_file_test (folder, G_FILE_TEST_IS_DIR) || g_file_test (parent, G_FILE_TEST_IS_DIR);
}

static void
say (TxDriveOffer *self,
     const char   *text)
{
  GtkWidget *overlay = NULL;

  if (self->window)
    overlay = tx_gui_find_descendant (GTK_WIDGET (self->window), ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

/* The window's store, when somebody who may back up is at work in it */
static TxStore *
working_store (TxDriveOffer *self)
{
  TxWindow *window;
  TxStore *store;
  GtkWidget *lock;

  if (self->window == NULL || !TX_IS_WINDOW (self->window))
    return NULL;
  window = TX_WINDOW (self->window);
  store = tx_window_get_store (window);
  lock = tx_gui_find_descendant (GTK_WIDGET (window), TX_TYPE_LOCK_VIEW);
  if (store == NULL || tx_window_get_service (window) == NULL ||
      g_strcmp0 (tx_window_get_page (window), "login") == 0 ||
      g_strcmp0 (tx_window_get_page (window), "setup") == 0 ||
      g_strcmp0 (tx_window_get_page (window), "error") == 0 ||
      (lock && tx_lock_view_is_locked (TX_LOCK_VIEW (lock))))
    return NULL;
  if (tx_store_get_session (store) == NULL || !tx_store_can (store, TX_PERMISSION_SETTINGS))
    return NULL;
  return store;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Offer) offer = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) info = tx_backup_task_finish (result, &error);

  offer->self->busy--;
  if (info)
    {
      g_autofree char *text = g_strdup_printf (_("Backup made on %s and checked"), offer->name);
      say (offer->self, text);
    }
  else
    say (offer->self, tx_gui_error_text (error));
}

static void
back_up (Offer *offer)
{
  TxStore *store = working_store (offer->self);
  const char *folders[] = { offer->folder, NULL };

  if (store == NULL)
    {
      offer_free (offer);
      return;
    }
  offer->self->busy++;
  g_object_unref (tx_backup_task_run (tx_store_get_path (store), folders, TX_BACKUP_MANUAL, NULL,
                                      backup_done_cb, offer));
}

static gpointer
second_place_job (TxStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return tx_backup_set_second_place (store, data, error) ? TX_STORE_JOB_DONE : NULL;
}

static void
second_place_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Offer *offer = user_data;
  g_autoptr(GError) error = NULL;
  TxStore *store;

  offer->self->busy--;
  if (!tx_store_service_run_finish_boolean (TX_STORE_SERVICE (source), result, &error))
    {
      say (offer->self, tx_gui_error_text (error));
      offer_free (offer);
      return;
    }
  /* the window's connection reads what the service wrote; then the
   * first backup there */
  if ((store = working_store (offer->self)))
    tx_store_poll_changes (store);
  back_up (offer);
}

static void
use_as_second_place (Offer *offer)
{
  TxStore *store = working_store (offer->self);

  if (store == NULL)
    {
      offer_free (offer);
      return;
    }
  offer->self->busy++;
  tx_store_service_run_async (tx_window_get_service (TX_WINDOW (offer->self->window)), second_place_job,
                              g_strdup (offer->folder), g_free, NULL, NULL, second_place_done_cb, offer);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Offer *offer = user_data;

  if (g_strcmp0 (response, "backup") == 0)
    back_up (offer);
  else if (g_strcmp0 (response, "second") == 0)
    use_as_second_place (offer);
  else
    offer_free (offer);
}

/* Whether @folder is @root or inside it */
static gboolean
is_on (const char *folder,
       const char *root)
{
  g_autoptr(GFile) f = g_file_new_for_path (folder);
  g_autoptr(GFile) r = g_file_new_for_path (root);

  return g_file_equal (f, r) || g_file_has_prefix (f, r);
}

/**
 * tx_drive_offer_mounted:
 * @name: the drive's name as people see it ("KINGSTON")
 * @root: its top folder
 *
 * A removable drive was mounted: offers it, unless it was offered before,
 * nobody who may back up is at work in the window, or it already holds
 * the second place.
 *
 * Returns: (transfer none) (nullable): the offer's dialog, shown
 */
AdwMessageDialog *
tx_drive_offer_mounted (TxDriveOffer *self,
                        const char   *name,
                        const char   *root)
{
  TxStore *store = working_store (self);
  g_autofree char *second = NULL;
  g_autofree char *heading = NULL, *body = NULL, *backup = NULL, *use = NULL;
  AdwMessageDialog *dialog;
  Offer *offer;

  g_return_val_if_fail (TX_IS_DRIVE_OFFER (self), NULL);
  if (store == NULL)
    return NULL;
  if (offered == NULL)
    offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_contains (offered, root))
    return NULL;
  g_hash_table_add (offered, g_strdup (root));
  second = tx_backup_get_second_place (store);
  if (second && is_on (second, root))
    {
      g_debug ("the second place was plugged in");
      return NULL;
    }

  offer = g_new0 (Offer, 1);
  offer->self = g_object_ref (self);
  offer->name = g_strdup (name);
  offer->folder = tx_drive_offer_folder (root);
  /* Translators: %s is a USB stick's name */
  heading = g_strdup_printf (_("%s Plugged In"), name);
  body = g_strdup_printf (_("A copy of the store on %s is safe when this computer is not. Back up to it once now, "
                            "or make it the second place of every backup: they go there whenever it is plugged in."),
                          name);
  backup = g_strdup_printf (_("_Back Up to %s"), name);
  use = g_strdup_printf (_("_Use %s as the Second Place"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->window, heading, body));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Not Now"),
                                    "backup", backup,
                                    "second", use,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "second", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "second");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), offer);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* A removable drive with a folder of this computer's (not a phone's or the
 * network's) */
static void
mount_added_cb (GVolumeMonitor *monitor,
                GMount         *mount,
                TxDriveOffer   *self)
{
  g_autoptr(GDrive) drive = g_mount_get_drive (mount);
  g_autoptr(GFile) root = g_mount_get_root (mount);
  g_autofree char *path = g_file_get_path (root);
  g_autofree char *name = g_mount_get_name (mount);
  gboolean removable = g_mount_can_eject (mount) ||
                       (drive && (g_drive_is_removable (drive) || g_drive_is_media_removable (drive)));

  if (path == NULL || !removable || g_mount_is_shadowed (mount))
    return;
  tx_drive_offer_mounted (self, name, path);
}

static void
tx_drive_offer_dispose (GObject *object)
{
  TxDriveOffer *self = TX_DRIVE_OFFER (object);

  if (self->monitor)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (tx_drive_offer_parent_class)->dispose (object);
}

static void
tx_drive_offer_class_init (TxDriveOfferClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tx_drive_offer_dispose;
}

static void
tx_drive_offer_init (TxDriveOffer *self)
{
}

/**
 * tx_drive_offer_watch:
 * @window: the main window
 *
 * Watches for removable drives while @window is open.
 *
 * Returns: (transfer none): the window's offer
 */
TxDriveOffer *
tx_drive_offer_watch (GtkWindow *window)
{
  TxDriveOffer *self = g_object_new (TX_TYPE_DRIVE_OFFER, NULL);

  g_set_weak_pointer (&self->window, window);
  self->monitor = g_volume_monitor_get ();
  g_signal_connect (self->monitor, "mount-added", G_CALLBACK (mount_added_cb), self);
  g_object_set_data_full (G_OBJECT (window), "tx-drive-offer", self, g_object_unref);
  return self;
}

/**
 * tx_drive_offer_for:
 *
 * Returns: (transfer none) (nullable): @window's offer
 */
TxDriveOffer *
tx_drive_offer_for (GtkWindow *window)
{
  return g_object_get_data (G_OBJECT (window), "tx-drive-offer");
}

/* Whether a backup or a setting of the offer's is under way */
gboolean
tx_drive_offer_is_busy (TxDriveOffer *self)
{
  return self->busy > 0;
}
