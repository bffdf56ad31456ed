/* tx-window-newpc.c — a new PC set up from a backup: the setup's restore
 * leads to the login of the restored store, and a backup's store file
 * opened with --db is refused before any login, offering to restore it
 * as this PC's store when there is none yet
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-window-newpc"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tx-gui-util.h"
#include "tx-window-fields.h"
#include "tx-window-newpc.h"

/**
 * tx_window_backup_restored:
 * @notice: which backup was restored, for the login
 *
 * The setup's "backup-restored": the backup's people log in.
 */
void
tx_window_backup_restored (TxWindow   *self,
                           const char *notice)
{
  tx_window_set_notice (self, notice);
  tx_window_start_login_at (self, self->path);
}

/* A local date and time to the second, of an ISO 8601 UTC moment */
static char *
to_the_second (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M:%S") : g_strdup (iso ? iso : "?");
}

/* No store and no key file: a new PC's place */
static gboolean
place_is_empty (const char *path)
{
  GStatBuf st;

  return !tx_keyring_exists (path) && (g_stat (path, &st) != 0 || st.st_size == 0);
}

typedef struct {
  TxWindow *window;
  char     *store;
  char     *when;
} NewPc;

static void
newpc_free (NewPc *n)
{
  g_clear_object (&n->window);
  g_free (n->store);
  g_free (n->when);
  g_free (n);
}

static void
restored_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  NewPc *n = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *button = adw_status_page_get_child (n->window->error_page);

  if (tx_backup_restore_finish (result, NULL, &error))
    {
      g_autofree char *notice =
        g_strdup_printf (_("Restored the backup of %s. Log in with a name and password that were valid when it "
                           "was made, or with the recovery key."), n->when);

      g_free (n->window->path);
      n->window->path = g_strdup (n->store);
      adw_status_page_set_child (n->window->error_page, NULL);
      tx_window_backup_restored (n->window, notice);
    }
  else if (!tx_gui_is_cancelled (error))
    {
      adw_status_page_set_description (n->window->error_page, tx_gui_error_text (error));
      if (button)
        gtk_widget_set_sensitive (button, TRUE);
    }
  newpc_free (n);
}

static void
restore_clicked_cb (GtkButton *button,
                    TxWindow  *self)
{
  g_autofree char *backup = g_path_get_dirname (self->path);
  g_autoptr(TxBackupInfo) info = tx_backup_read (backup, NULL);
  NewPc *n = g_new0 (NewPc, 1);

  n->window = g_object_ref (self);
  n->store = tx_store_default_path ();
  n->when = to_the_second (info ? info->created : NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  tx_backup_restore_async (n->store, backup, NULL, restored_cb, n);
}

/**
 * tx_window_refuse_backup:
 * @path: the store the window is to open
 *
 * A backup's store file (tongxing --db COPY/tongxing.db) is not opened,
 * nor asked a password for: opening it would change it. The window says
 * so, and when this PC has no store yet, offers to restore the backup as
 * its store.
 *
 * Returns: whether @path was refused
 */
gboolean
tx_window_refuse_backup (TxWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *store = tx_store_default_path ();
  g_autofree char *text = NULL, *when = NULL;
  g_autoptr(TxBackupInfo) info = NULL;
  gboolean offer;

  if (tx_store_check_not_backup (path, &error))
    return FALSE;
  info = tx_backup_read (folder, NULL);
  when = to_the_second (info ? info->created : NULL);
  offer = info && info->unusable == NULL && g_strcmp0 (store, path) != 0 && place_is_empty (store);
  if (offer)
    text = g_strdup_printf (_("%s is in the backup of %s, a copy that must not be worked in: opening it would "
                              "change it. This PC has no database yet: restore this backup as its database, then "
                              "log in with a name and password that were valid when it was made, or with the "
                              "recovery key."), path, when);
  else
    text = g_strdup_printf (_("%s is in the backup of %s, a copy that must not be worked in: opening it would "
                              "change it. To restore it, start Tongxing without --db: on a new PC, choose Restore "
                              "From a Backup… on the first screen; otherwise log in and choose Preferences → "
                              "Backups → Restore…."), path, when);
  adw_status_page_set_title (self->error_page, _("This Is a Backup"));
  adw_status_page_set_description (self->error_page, text);
  if (offer)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore This Backup"));

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, 0);
      adw_status_page_set_child (self->error_page, button);
    }
  tx_window_show_page (self, "error");
  return TRUE;
}
