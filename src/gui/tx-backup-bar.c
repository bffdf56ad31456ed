/* tx-backup-bar.c — the window's automatic backups and their status line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While a store is open in the window, a timer asks every few minutes
 * whether a backup is due (something changed and the newest is an hour
 * old) and makes one, automatic, on a thread of its own (tx-backup-task.c)
 * into the folder beside the store and the second place when it is set
 * and present. When the window closes after a change since the newest
 * backup, the close waits for one more, the line saying "Backing up…" and
 * the application held meanwhile; if it fails, the window still closes,
 * the log says so and the failure, recorded by tx_backup_make(), is in
 * this line at the next start.
 *
 * The line itself, at the foot of the window, shows when the newest backup
 * is older than a week, there is none, or the last attempt failed, with a
 * button to the Backups page (the action win.backups).
 *
 * TONGXING_AUTO_BACKUP=0 turns the timer's and the close's backups and the
 * line off (the widget tests set it, and turn it on where they test it);
 * TONGXING_BACKUP_MINUTES sets the timer's period (5).
 */

#define G_LOG_DOMAIN "tx-backup-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-backup-bar.h"
#include "tx-backup-task.h"
#include "tx-gui-util.h"

struct _TxBackupBar
{
  AdwBin        parent_instance;

  GtkRevealer  *revealer;
  GtkLabel     *label;
  GtkButton    *button;

  TxStore      *store;
  guint         timer_id;
  GCancellable *cancellable;
  gboolean      backing_up;
  GtkWindow    *closing;     /* the window waiting for the quit's backup */
  gboolean      quit_done;   /* the quit's backup made, or failed */
};

G_DEFINE_FINAL_TYPE (TxBackupBar, tx_backup_bar, ADW_TYPE_BIN)

static gboolean
automatic_on (void)
{
  return g_strcmp0 (g_getenv ("TONGXING_AUTO_BACKUP"), "0") != 0;
}

static void
show_line (TxBackupBar *self,
           const char  *text,
           gboolean     button)
{
  gtk_label_set_text (self->label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->button), button);
  gtk_revealer_set_reveal_child (self->revealer, text != NULL);
}

/**
 * tx_backup_bar_refresh:
 *
 * Shows the line when the newest backup is older than a week, there is
 * none, or the last attempt failed; hides it otherwise.
 */
void
tx_backup_bar_refresh (TxBackupBar *self)
{
  g_autofree char *text = NULL;
  TxBackupAttempt attempt = { 0 };
  gboolean stale = FALSE;

  if (self->backing_up && self->closing)
    {
      show_line (self, _("Backing up…"), FALSE);
      return;
    }
  /* off with the automatic backups: the widget tests' windows keep their size */
  if (self->store == NULL || tx_store_get_session (self->store) == NULL || !automatic_on ())
    {
      show_line (self, NULL, FALSE);
      return;
    }
  tx_backup_is_due (self->store, NULL, G_TIME_SPAN_HOUR, &stale);
  if (!stale)
    {
      show_line (self, NULL, FALSE);
      return;
    }
  tx_backup_get_last_attempt (self->store, &attempt);
  if (attempt.at && !attempt.ok)
    text = g_strdup_printf (_("The last backup failed: %s"), attempt.message ? attempt.message : "");
  else
    {
      g_autofree char *folder = tx_backup_default_folder (tx_store_get_path (self->store));
      const char *const folders[] = { folder, NULL };
      g_autoptr(GPtrArray) list = tx_backup_list (self->store, folders, NULL);
      const TxBackupInfo *newest = NULL;

      for (guint i = 0; list && i < list->len && newest == NULL; i++)
        if (((TxBackupInfo *) list->pdata[i])->unusable == NULL)
          newest = list->pdata[i];
      if (newest)
        {
          g_autofree char *when = tx_gui_backup_when (newest->created);
          text = g_strdup_printf (_("The newest backup is from %s, more than a week ago: "
                                    "back up now, and keep a copy in a second place."), when);
        }
      else
        text = g_strdup (_("This store has no backup yet: back up now, and keep a copy in a second place."));
    }
  tx_backup_attempt_clear (&attempt);
  show_line (self, text, tx_store_can (self->store, TX_PERMISSION_SETTINGS));
}

/* The places of an automatic backup: a second place that is not there (a
 * USB stick unplugged) is left out */
static GStrv
present_places (TxBackupBar *self)
{
  g_auto(GStrv) places = tx_backup_get_places (self->store);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; places[i]; i++)
    if (i == 0 || g_file_test (places[i], G_FILE_TEST_IS_DIR))
      g_strv_builder_add (b, places[i]);
  return g_strv_builder_end (b);
}

static void start_backup (TxBackupBar *self);

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxBackupBar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) info = tx_backup_task_finish (result, &error);
  GtkWindow *window = g_steal_pointer (&self->closing);

  self->backing_up = FALSE;
  if (info == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* the message names a place, never a person */
    g_message ("the automatic backup failed: %s", error->message);
  if (window)
    {
      GApplication *app = G_APPLICATION (gtk_window_get_application (window));

      self->quit_done = TRUE;
      gtk_window_close (window);
      if (app)
        g_application_release (app);
      g_object_unref (window);
      return;
    }
  if (self->store)
    {
      tx_store_poll_changes (self->store);
      tx_backup_bar_refresh (self);
    }
}

static void
start_backup (TxBackupBar *self)
{
  g_auto(GStrv) folders = present_places (self);
  g_autoptr(GAsyncResult) task = NULL;

  self->backing_up = TRUE;
  task = tx_backup_task_run (tx_store_get_path (self->store), (const char *const *) folders,
                             TX_BACKUP_AUTOMATIC, self->cancellable, backup_done_cb, g_object_ref (self));
}

/**
 * tx_backup_bar_tick:
 *
 * What the timer does: a backup when one is due.
 *
 * Returns: whether one was started
 */
gboolean
tx_backup_bar_tick (TxBackupBar *self)
{
  if (self->store == NULL || self->backing_up || tx_store_get_session (self->store) == NULL ||
      tx_backup_task_running ())
    return FALSE;
  tx_store_poll_changes (self->store);
  if (!tx_backup_is_due (self->store, NULL, G_TIME_SPAN_HOUR, NULL))
    return FALSE;
  start_backup (self);
  return TRUE;
}

static gboolean
timer_cb (gpointer data)
{
  TxBackupBar *self = data;

  if (automatic_on ())
    tx_backup_bar_tick (self);
  tx_backup_bar_refresh (self);
  return G_SOURCE_CONTINUE;
}

/**
 * tx_backup_bar_close_request:
 * @window: the window closing
 *
 * The window's close: a backup first when anything changed since the
 * newest (see the top of the file).
 *
 * Returns: %TRUE when the close waits for it
 */
gboolean
tx_backup_bar_close_request (TxBackupBar *self,
                             GtkWindow   *window)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (window));

  if (self->closing)
    return TRUE;
  if (self->quit_done || !automatic_on () || self->store == NULL || tx_store_get_session (self->store) == NULL)
    return FALSE;
  tx_store_poll_changes (self->store);
  if (!self->backing_up && !tx_backup_is_due (self->store, NULL, 1, NULL))
    return FALSE;
  self->closing = g_object_ref (window);
  if (app)
    g_application_hold (app);
  /* the timer's backup, if one is being made, does for the quit's */
  if (!self->backing_up)
    start_backup (self);
  tx_backup_bar_refresh (self);
  return TRUE;
}

/**
 * tx_backup_bar_set_store:
 * @store: (nullable): the store open in the window; %NULL: closed (to
 *   restore a backup, or the window going)
 */
void
tx_backup_bar_set_store (TxBackupBar *self,
                         TxStore     *store)
{
  const char *minutes = g_getenv ("TONGXING_BACKUP_MINUTES");
  guint period = minutes ? (guint) MAX (g_ascii_strtod (minutes, NULL) * 60, 1) : 5 * 60;

  g_set_object (&self->store, store);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  if (store)
    self->timer_id = g_timeout_add_seconds (period, timer_cb, self);
  tx_backup_bar_refresh (self);
}

gboolean
tx_backup_bar_is_busy (TxBackupBar *self)
{
  return self->backing_up;
}

GtkWidget *
tx_backup_bar_get_label (TxBackupBar *self)
{
  return GTK_WIDGET (self->label);
}

static void
made_cb (TxBackupBar *self)
{
  /* the Backups page's, made or failed: the line may go, or come (the
   * attempt was recorded through another connection) */
  if (self->store)
    {
      tx_store_poll_changes (self->store);
      tx_backup_bar_refresh (self);
    }
}

static void
tx_backup_bar_dispose (GObject *object)
{
  TxBackupBar *self = TX_BACKUP_BAR (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_object (&self->store);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (tx_backup_bar_parent_class)->dispose (object);
}

static void
tx_backup_bar_class_init (TxBackupBarClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tx_backup_bar_dispose;
}

static void
tx_backup_bar_init (TxBackupBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *vbox = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->cancellable = g_cancellable_new ();
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  self->button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Backups…")));
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "win.backups");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Open Preferences → Backups"));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));
  gtk_box_append (GTK_BOX (vbox), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (vbox), box);
  gtk_widget_add_css_class (vbox, "warning");
  gtk_revealer_set_child (self->revealer, vbox);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
  g_signal_connect_object (tx_backup_task_notifier (), "tx-backup-made", G_CALLBACK (made_cb), self,
                           G_CONNECT_SWAPPED);
}
