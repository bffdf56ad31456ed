/* tx-window-restore.c — a backup restored from the window: its own
 * connections closed first, then the backup put in place, then the login
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tx_backup_restore() refuses while the store is open, in this process or
 * another: the window, Preferences and the Restore dialog (which hold the
 * store, its service and workers, and the monitors) are destroyed first,
 * the application held meanwhile. The restore runs on a thread; then the
 * person's session ends (the people and passwords are now the backup's)
 * and a new window asks who logs in. If it is refused (another program
 * has the store open) or fails, the store is as it was: a new window opens
 * it again, logged in, and says why.
 */

#define G_LOG_DOMAIN "tx-window-restore"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-window-fields.h"

typedef struct {
  GtkApplication *app;
  char           *store_path;
  char           *backup;
  char           *notice;    /* what the restore did, for the next login */
} Restore;

static void
restore_free (gpointer data)
{
  Restore *r = data;

  g_clear_object (&r->app);
  g_free (r->store_path);
  g_free (r->backup);
  g_free (r->notice);
  g_free (r);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Restore *r = data;
  GError *error = NULL;
  g_autoptr(TxBackupInfo) kept = NULL;
  g_autoptr(TxBackupInfo) from = tx_backup_read (r->backup, NULL);
  g_autofree char *aside = NULL;

  if (tx_backup_restore_full (r->store_path, r->backup, &kept, &aside, cancellable, &error))
    {
      r->notice = tx_window_restore_notice (from, aside);
      g_task_return_boolean (task, TRUE);
    }
  else
    g_task_return_error (task, error);
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Restore *r = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  TxWindow *next;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    {
      TxSession *session = tx_session_lookup (r->store_path);

      g_message ("backup restored");
      /* the backup's people log in again */
      if (session)
        tx_session_end (session);
    }
  next = tx_window_new (r->app, r->store_path);
  if (r->notice)
    tx_window_set_notice (next, r->notice);
  gtk_window_present (GTK_WINDOW (next));
  if (error)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (next), _("The Backup Was Not Restored"),
                                                  tx_gui_error_text (error));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_application_release (G_APPLICATION (r->app));
}

static void
start_cb (gpointer data)
{
  GTask *task = data;

  g_task_run_in_thread (task, restore_thread);
  g_object_unref (task);
}

/**
 * tx_window_restore_notice:
 * @from: (nullable): the backup restored
 * @aside: (nullable): where the store that would not open was set aside
 *
 * What a restore did, for the login and the window after it.
 */
char *
tx_window_restore_notice (const TxBackupInfo *from,
                          const char         *aside)
{
  g_autofree char *when = from ? tx_gui_backup_when (from->created) : NULL;
  g_autofree char *name = aside ? g_path_get_basename (aside) : NULL;

  if (when == NULL)
    return g_strdup (_("The backup was restored."));
  if (name)
    return g_strdup_printf (_("Restored the backup of %s; the damaged store was set aside as %s."), when, name);
  return g_strdup_printf (_("Restored the backup of %s; the store as it was is kept as a backup."), when);
}

/**
 * tx_window_set_notice:
 * @notice: (nullable): what a restore did
 *
 * Said on the login page and, once somebody has logged in, in a toast.
 */
void
tx_window_set_notice (TxWindow   *self,
                      const char *notice)
{
  g_free (self->notice);
  self->notice = g_strdup (notice);
  tx_login_view_set_notice (self->login_view, notice);
}

/* Whether @window is @main or belongs to it (Preferences, its dialogs) */
static gboolean
belongs_to (GtkWindow *window,
            GtkWindow *main)
{
  for (guint depth = 0; window && depth < 8; depth++, window = gtk_window_get_transient_for (window))
    if (window == main)
      return TRUE;
  return FALSE;
}

/**
 * tx_window_restore_backup:
 * @backup: a backup's folder
 *
 * Restores @backup in the place of the window's store (see the top of the
 * file); the window goes.
 */
void
tx_window_restore_backup (TxWindow   *self,
                          const char *backup)
{
  TxStore *store = tx_window_get_store (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) doomed = g_ptr_array_new_with_free_func (g_object_unref);
  Restore *r;
  GTask *task;

  g_return_if_fail (store != NULL && app != NULL);
  r = g_new0 (Restore, 1);
  r->app = g_object_ref (app);
  r->store_path = g_strdup (tx_store_get_path (store));
  r->backup = g_strdup (backup);
  g_application_hold (G_APPLICATION (app));

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (w != GTK_WINDOW (self) && belongs_to (w, GTK_WINDOW (self)))
        g_ptr_array_add (doomed, g_object_ref (w));
    }
  for (guint i = 0; i < doomed->len; i++)
    gtk_window_destroy (doomed->pdata[i]);
  gtk_window_destroy (GTK_WINDOW (self));

  task = g_task_new (NULL, NULL, restore_done_cb, NULL);
  g_task_set_task_data (task, r, restore_free);
  /* once the windows' disposal has let go of their connections */
  g_idle_add_once (start_cb, task);
}
