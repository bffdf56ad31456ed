/* tx-window-damage.c — a damaged store found when the window opens it: set
 * aside, and the newest good backup offered in the person's words
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before the login the window can afford only the cheap checks
 * (tx_backup_diagnose_quick(): the file's header, its key file, a log gone
 * after a crash); after it, the store's first page opened with the key,
 * and a store that will not open for damage (TX_STORE_ERROR_CORRUPT).
 * docs/backups.md says why the integrity_check that reads every page is
 * not among them. A damaged store is renamed aside at once (nothing is
 * deleted), so a start that finds the store gone and a set-aside one
 * beside it offers the backup again. Restoring needs no login (the
 * damaged store's key file may be what was lost): the backup's store and
 * key file are put in place, and the login of the restored store says
 * what happened.
 */

#define G_LOG_DOMAIN "tx-window-damage"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-window-fields.h"

/* The status page with @text */
static void
show_status (TxWindow   *self,
             const char *text)
{
  adw_status_page_set_description (self->error_page, text);
  tx_window_show_page (self, "error");
}

typedef struct {
  char *path;      /* the store */
  char *backup;    /* the backup offered, or NULL */
  char *aside;     /* the damaged store's new name */
  char *when;      /* the backup's date and time, local */
} Damage;

static void
damage_free (gpointer data)
{
  Damage *d = data;

  g_free (d->path);
  g_free (d->backup);
  g_free (d->aside);
  g_free (d->when);
  g_free (d);
}

/* What is wrong, in the person's words */
static char *
what_is_wrong (TxBackupStoreState state,
               const char        *path)
{
  g_autofree char *name = g_path_get_basename (path);

  switch (state)
    {
    case TX_BACKUP_STORE_NOT_A_STORE:
      return g_strdup_printf (_("The store %s cannot be read: its beginning is damaged, or another "
                                "file was put in its place."), name);
    case TX_BACKUP_STORE_LOG_MISSING:
      return g_strdup_printf (_("The store %s lost its log after Tongxing stopped unexpectedly: its "
                                "latest changes are missing and it may be inconsistent."), name);
    case TX_BACKUP_STORE_KEYS_MISSING:
      return g_strdup_printf (_("The key file beside the store %s is missing: without it the store "
                                "cannot be opened."), name);
    case TX_BACKUP_STORE_MISSING:
      return g_strdup_printf (_("The store %s was found damaged and set aside when Tongxing last "
                                "started; no backup has taken its place yet."), name);
    case TX_BACKUP_STORE_DAMAGED:
    case TX_BACKUP_STORE_SOUND:
    default:
      return g_strdup_printf (_("The store %s is damaged: some of its pages cannot be read. A disk "
                                "error, or a copy made while it was open, does this."), name);
    }
}

/* The backup: when, what it holds, what restoring it loses */
static char *
what_the_backup_holds (const TxBackupInfo *info)
{
  g_autofree char *when = tx_date_local_time (info->created);
  g_autofree char *last = tx_date_local_time (info->last_change ? info->last_change : info->created);
  g_autofree char *children = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d child", "%d children",
                                                            (gulong) info->children),
                                               (int) info->children);
  g_autofree char *visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits",
                                                          (gulong) info->visits),
                                             (int) info->visits);

  return g_strdup_printf (_("The newest good backup is of %s. It holds %s and %s. Restoring it "
                            "loses the changes made after %s."), when, children, visits, last);
}

/* Quit: once the dialog has answered */
static void
quit_cb (gpointer data)
{
  g_autoptr(TxWindow) self = data;

  gtk_window_destroy (GTK_WINDOW (self));
}

static void damage_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                TxWindow         *self);

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxWindow) self = user_data;
  Damage *d = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) from = tx_backup_read (d->backup, NULL);
  g_autofree char *notice = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Backup Was Not Restored"),
                                                  tx_gui_error_text (error));

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"), NULL);
      g_signal_connect (dialog, "response", G_CALLBACK (damage_response_cb), self);
      show_status (self, tx_gui_error_text (error));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  g_message ("a backup was restored in the place of a damaged store");
  notice = tx_window_restore_notice (from, d->aside);
  tx_window_set_notice (self, notice);
  tx_window_start_login_at (self, self->path);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Damage *d = data;
  GError *error = NULL;

  if (tx_backup_restore_damaged (d->path, d->backup, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
damage_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TxWindow         *self)
{
  Damage *d = g_object_get_data (G_OBJECT (dialog), "damage");

  if (g_str_equal (response, "restore") && d)
    {
      g_autofree char *text = g_strdup_printf (_("Restoring the backup of %s…"), d->when);
      GTask *task = g_task_new (NULL, NULL, restore_done_cb, g_object_ref (self));

      show_status (self, text);
      g_task_set_task_data (task, g_object_steal_data (G_OBJECT (dialog), "damage"), damage_free);
      g_task_run_in_thread (task, restore_thread);
      g_object_unref (task);
    }
  else if (g_str_equal (response, "setup"))
    tx_window_start_login_at (self, self->path);
  else
    g_idle_add_once (quit_cb, g_object_ref (self));
}

static void
offer (TxWindow           *self,
       TxBackupStoreState  state,
       const char         *path,
       const char         *aside)
{
  g_autoptr(TxBackupInfo) good = tx_backup_newest_good (path, NULL);
  g_autofree char *wrong = what_is_wrong (state, path);
  g_autofree char *aside_name = g_path_get_basename (aside);
  g_autofree char *dir = g_path_get_dirname (aside);
  g_autofree char *set_aside = g_strdup_printf (_("It was set aside as %s in %s; nothing was deleted."),
                                                aside_name, dir);
  g_autofree char *rest = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (good)
    rest = what_the_backup_holds (good);
  else
    rest = g_strdup (_("There is no good backup beside it. Ask the county officer to rebuild this "
                       "township's store from the county's data (see “Rebuilding a township from the "
                       "county” in the manual): set up a new store first."));
  body = g_strjoin ("\n\n", wrong, set_aside, rest, NULL);
  show_status (self, wrong);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Store Is Damaged"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"), NULL);
  if (good)
    {
      Damage *d = g_new0 (Damage, 1);

      d->path = g_strdup (path);
      d->backup = g_strdup (good->path);
      d->aside = g_strdup (aside);
      d->when = tx_date_local_time (good->created);
      g_object_set_data_full (G_OBJECT (dialog), "damage", d, damage_free);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "restore", _("_Restore This Backup"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "restore");
    }
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "setup", _("_Set Up a New Store"), NULL);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (damage_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * tx_window_check_damage:
 * @open_error: (nullable): why the store would not open, if it was tried
 *
 * Whether the store at @path is damaged (see the top of the file): if so
 * it is set aside, the window says so and offers the newest good backup.
 *
 * Returns: %TRUE when the store is not to be opened
 */
gboolean
tx_window_check_damage (TxWindow     *self,
                        const char   *path,
                        const GError *open_error)
{
  g_autofree char *detail = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GError) error = NULL;
  TxBackupStoreState state = tx_backup_diagnose_quick (path, &detail);
  TxSession *session = tx_session_lookup (path);

  if (state == TX_BACKUP_STORE_SOUND && open_error)
    state = TX_BACKUP_STORE_DAMAGED;
  if (state == TX_BACKUP_STORE_MISSING)
    {
      g_autofree char *keys = tx_keyring_path_for (path);

      /* a store set aside at an earlier start, and none made since */
      if (session || g_file_test (keys, G_FILE_TEST_EXISTS) || !(aside = tx_backup_find_set_aside (path)))
        return FALSE;
    }
  else if (state == TX_BACKUP_STORE_SOUND)
    return FALSE;
  else
    {
      g_debug ("the store is damaged (%d): %s", state, detail ? detail : "");
      if (!(aside = tx_backup_set_aside (path, &error)))
        {
          show_status (self, error->message);
          return TRUE;
        }
    }
  /* the person logs in to the restored store, or sets up a new one */
  if (session)
    tx_session_end (session);
  offer (self, state, path, aside);
  return TRUE;
}
