/* tx-lock-view.c — the window locked: the person's password to go on, or
 * someone else's login
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window shows this page instead of everything else: the rest is
 * hidden, not just covered, and so are the window's dialogs (the
 * preferences) until the unlock. The view locks by itself when nobody
 * works in the window (tx-idle-watch.c) or the screen locks. The password
 * is checked on a thread, as at the login.
 */

#define G_LOG_DOMAIN "tx-lock-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-idle-watch.h"
#include "tx-lock-view.h"
#include "tx-login-tasks.h"

struct _TxLockView
{
  AdwBin                parent_instance;

  /* Template widgets (the bin's own child, the status page, is not bound:
   * AdwBin unparents it itself) */
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *error_label;
  GtkSpinner           *spinner;
  GtkButton            *unlock_button;
  GtkButton            *switch_button;

  /* Owned */
  TxSession            *session;    /* the person logged in; %NULL: nothing to lock */
  GCancellable         *cancellable;
  gboolean              busy;
  gboolean              locked;
  TxIdleWatch          *idle;
  GSettings            *settings;
  GtkWindow            *window;     /* weak */
  GtkWidget            *cover;      /* weak: what the lock hides */
  GPtrArray            *hidden;     /* the window's dialogs hidden while locked */
};

G_DEFINE_FINAL_TYPE (TxLockView, tx_lock_view, ADW_TYPE_BIN)

enum {
  LOCKED,
  UNLOCKED,
  SWITCH_USER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_busy (TxLockView *self,
          gboolean    busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unlock_button), !busy);
}

static void
password_changed_cb (TxLockView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxLockView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tx_login_check_finish (result, &error) && tx_gui_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_label_set_text (self->error_label, error ? tx_gui_error_text (error) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  self->locked = FALSE;
  if (self->window)
    gtk_window_set_default_widget (self->window, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (self->cover)
    gtk_widget_set_visible (self->cover, TRUE);
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_window_present (self->hidden->pdata[i]);
  g_ptr_array_set_size (self->hidden, 0);
  tx_idle_watch_set_active (self->idle, TRUE);
  g_signal_emit (self, signals[UNLOCKED], 0);
}

static void
unlock_clicked_cb (TxLockView *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy || self->session == NULL || *password == '\0')
    return;
  set_busy (self, TRUE);
  tx_login_check_async (self->session, password, self->cancellable, check_done_cb, g_object_ref (self));
}

/* The window closes with its store: so do its dialogs */
static void
switch_clicked_cb (TxLockView *self)
{
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_window_destroy (self->hidden->pdata[i]);
  g_ptr_array_set_size (self->hidden, 0);
  g_signal_emit (self, signals[SWITCH_USER], 0);
}

static void
idle_cb (TxLockView *self)
{
  tx_lock_view_lock (self);
}

static void
idle_minutes_changed_cb (TxLockView *self)
{
  tx_idle_watch_set_seconds (self->idle, 60 * (guint) g_settings_get_int (self->settings, "lock-idle-minutes"));
}

static void
tx_lock_view_dispose (GObject *object)
{
  TxLockView *self = TX_LOCK_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->idle);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->hidden, g_ptr_array_unref);
  g_clear_weak_pointer (&self->window);
  g_clear_weak_pointer (&self->cover);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_LOCK_VIEW);
  G_OBJECT_CLASS (tx_lock_view_parent_class)->dispose (object);
}

static void
tx_lock_view_class_init (TxLockViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_lock_view_dispose;

  signals[LOCKED] = g_signal_new ("locked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SWITCH_USER] = g_signal_new ("switch-user", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-lock-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxLockView, password_row);
  gtk_widget_class_bind_template_child (widget_class, TxLockView, error_label);
  gtk_widget_class_bind_template_child (widget_class, TxLockView, spinner);
  gtk_widget_class_bind_template_child (widget_class, TxLockView, unlock_button);
  gtk_widget_class_bind_template_child (widget_class, TxLockView, switch_button);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlock_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, switch_clicked_cb);
}

static void
tx_lock_view_init (TxLockView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->hidden = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tx_lock_view_watch:
 * @window: whose keys and pointer are watched
 * @cover: what the lock hides (the window's pages)
 * @settings: (nullable): the machine's settings, with "lock-idle-minutes"
 */
void
tx_lock_view_watch (TxLockView *self,
                    GtkWindow  *window,
                    GtkWidget  *cover,
                    GSettings  *settings)
{
  g_set_weak_pointer (&self->window, window);
  g_set_weak_pointer (&self->cover, cover);
  self->idle = tx_idle_watch_new (window);
  g_signal_connect_object (self->idle, "idle", G_CALLBACK (idle_cb), self, G_CONNECT_SWAPPED);
  /* the environment's idle time (the tests') before the machine's */
  if (settings && !g_getenv ("TONGXING_IDLE_SECONDS"))
    {
      self->settings = g_object_ref (settings);
      idle_minutes_changed_cb (self);
      g_signal_connect_object (settings, "changed::lock-idle-minutes", G_CALLBACK (idle_minutes_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

/* The person logged in (%NULL: none, nothing to lock); idle time counts
 * from now */
void
tx_lock_view_set_session (TxLockView *self,
                          TxSession  *session)
{
  g_set_object (&self->session, session);
  if (self->idle)
    tx_idle_watch_set_active (self->idle, session != NULL && !self->locked);
}

/* The idle time, in seconds (the setting is in minutes); 0: never */
void
tx_lock_view_set_idle_seconds (TxLockView *self,
                               guint       seconds)
{
  tx_idle_watch_set_seconds (self->idle, seconds);
}

gboolean
tx_lock_view_is_locked (TxLockView *self)
{
  return self->locked;
}

/* Locks the window: shows the lock for the person logged in, the password
 * field focused, and hides everything else */
void
tx_lock_view_lock (TxLockView *self)
{
  g_autofree char *text = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  if (self->locked || self->session == NULL)
    return;
  self->locked = TRUE;
  tx_idle_watch_set_active (self->idle, FALSE);
  for (guint i = 0; self->window && i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
      if (gtk_window_get_transient_for (w) == self->window && gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (self->hidden, g_object_ref (w));
    }
  for (guint i = 0; i < self->hidden->len; i++)
    gtk_widget_set_visible (self->hidden->pdata[i], FALSE);
  if (self->cover)
    gtk_widget_set_visible (self->cover, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  text = g_strdup_printf (_("%s is logged in. Type your password to go on."),
                          tx_session_get_name (self->session));
  adw_status_page_set_description (ADW_STATUS_PAGE (adw_bin_get_child (ADW_BIN (self))), text);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  if (GTK_IS_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))))
    gtk_window_set_default_widget (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   GTK_WIDGET (self->unlock_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  g_signal_emit (self, signals[LOCKED], 0);
}

GtkWidget *
tx_lock_view_get_widget (TxLockView *self,
                         const char *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_LOCK_VIEW, name));
}

gboolean
tx_lock_view_is_busy (TxLockView *self)
{
  return self->busy;
}
