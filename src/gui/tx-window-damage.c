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
 * beside it offers the backup again. A store whose key file is missing is
 * not damaged: the key file may be on a USB stick, and putting it back is
 * the fix, so the store is left where it is until the person chooses to
 * restore the backup (Quit changes nothing; the next start asks again). Restoring needs no login (the
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
  char *aside;     /* the damaged store's new name; NULL: not set aside yet */
  char *when;      /* the backup's date and time, local */
  TxBackupStoreState state;
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
      {
        g_autofree char *keys = tx_keyring_path_for (path);
        g_autofree char *keys_name = g_path_get_basename (keys);
        g_autofree char *dir = g_path_get_dirname (path);

        return g_strdup_printf (_("The key file %s is missing from %s: the store %s cannot be opened without "
                                  "it. The store itself was not changed. If the key file was moved (to a USB "
                                  "stick, say), put it back beside the store and start Tongxing again."),
                                keys_name, dir, name);
      }
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

/* The backup: when, what it holds, what restoring it loses: one moment,
 * the backup's, and the changes it holds said as such */
static char *
what_the_backup_holds (const TxBackupInfo *info)
{
  g_autofree char *when = tx_gui_backup_when (info->created);
  g_autofree char *last = info->last_change ? tx_gui_backup_when (info->last_change) : NULL;
  g_autofree char *children = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d child", "%d children",
                                                            (gulong) info->children),
                                               (int) info->children);
  g_autofree char *visits = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d visit", "%d visits",
                                                          (gulong) info->visits),
                                             (int) info->visits);

  /* one moment when the last change is of the backup's second */
  if (last == NULL || g_str_equal (last, when))
    return g_strdup_printf (_("The newest good backup was made on %s. It holds %s and %s. Restoring it "
                              "loses the changes made after it was made."), when, children, visits);
  /* Translators: the backup's moment, its counts, the moment of the last change it holds */
  return g_strdup_printf (_("The newest good backup was made on %s. It holds %s and %s, with every change "
                            "up to %s; restoring it loses the changes made after that."),
                          when, children, visits, last);
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
  if (d->state == TX_BACKUP_STORE_KEYS_MISSING)
    {
      g_autofree char *when = tx_gui_backup_when (from ? from->created : NULL);
      g_autofree char *name = g_path_get_basename (d->aside);

      notice = g_strdup_printf (_("Restored the backup of %s; the store without its key file was set aside "
                                  "as %s."), when, name);
    }
  else
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

  /* a store without its key file is set aside only now, when asked */
  if (d->aside == NULL && !(d->aside = tx_backup_set_aside (d->path, &error)))
    g_task_return_error (task, error);
  else if (tx_backup_restore_damaged (d->path, d->backup, &error))
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

  if (g_str_equal (response, "restore") && d && d->backup)
    {
      g_autofree char *text = g_strdup_printf (_("Restoring the backup of %s…"), d->when);
      GTask *task = g_task_new (NULL, NULL, restore_done_cb, g_object_ref (self));

      show_status (self, text);
      g_task_set_task_data (task, g_object_steal_data (G_OBJECT (dialog), "damage"), damage_free);
      g_task_run_in_thread (task, restore_thread);
      g_object_unref (task);
    }
  else if (g_str_equal (response, "setup"))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *aside = NULL;

      /* a store without its key file is set aside only now, when asked */
      if (d && d->aside == NULL && !(aside = tx_backup_set_aside (d->path, &error)))
        {
          show_status (self, error->message);
          return;
        }
      tx_window_start_login_at (self, self->path);
    }
  else
    g_idle_add_once (quit_cb, g_object_ref (self));
}

/* The dialog in front of the window once the window is on the screen (a
 * dialog presented before it is mapped can open behind it) */
static void
present_cb (GtkWidget *window,
            GtkWindow *dialog)
{
  g_signal_handlers_disconnect_by_func (window, present_cb, dialog);
  gtk_window_present (dialog);
  g_object_unref (dialog);
}

static void
present_over (TxWindow  *self,
              GtkWidget *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_window_present (GTK_WINDOW (dialog));
  else
    g_signal_connect (self, "map", G_CALLBACK (present_cb), g_object_ref (dialog));
}

/* @aside: (nullable): where the store was set aside; %NULL: it was not
 * (its key file is missing) */
static void
offer (TxWindow           *self,
       TxBackupStoreState  state,
       const char         *path,
       const char         *aside)
{
  g_autoptr(TxBackupInfo) good = tx_backup_newest_good (path, NULL);
  g_autofree char *wrong = what_is_wrong (state, path);
  g_autofree char *set_aside = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *body = NULL;
  gboolean keys = state == TX_BACKUP_STORE_KEYS_MISSING;
  GtkWidget *dialog;
  Damage *d = g_new0 (Damage, 1);

  if (aside)
    {
      g_autofree char *aside_name = g_path_get_basename (aside);
      g_autofree char *dir = g_path_get_dirname (aside);

      set_aside = g_strdup_printf (_("It was set aside as %s in %s; nothing was deleted."), aside_name, dir);
    }
  if (good && keys)
    {
      g_autofree char *holds = what_the_backup_holds (good);

      rest = g_strdup_printf (_("If the key file is lost, restore the newest good backup instead: the store "
                                "without its key file is then set aside, not deleted. %s"), holds);
    }
  else if (good)
    rest = what_the_backup_holds (good);
  else
    rest = g_strdup (_("There is no good backup beside it. Ask the county officer to rebuild this "
                       "township's store from the county's data (see “Rebuilding a township from the "
                       "county” in the manual): set up a new store first."));
  body = g_strjoin ("\n\n", wrong, set_aside ? set_aside : rest, set_aside ? rest : NULL, NULL);
  show_status (self, wrong);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), keys ? _("The Key File Is Missing") : _("The Store Is Damaged"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"), NULL);
  d->path = g_strdup (path);
  d->aside = g_strdup (aside);
  d->state = state;
  if (good)
    {
      d->backup = g_strdup (good->path);
      d->when = tx_gui_backup_when (good->created);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "restore", _("_Restore This Backup"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                                  keys ? ADW_RESPONSE_DESTRUCTIVE : ADW_RESPONSE_SUGGESTED);
      /* a key file put back is the better fix: Quit is the default then */
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), keys ? "quit" : "restore");
    }
  else
    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "setup", _("_Set Up a New Store"), NULL);
  g_object_set_data_full (G_OBJECT (dialog), "damage", d, damage_free);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (damage_response_cb), self);
  present_over (self, dialog);
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
  else if (state != TX_BACKUP_STORE_KEYS_MISSING)
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
