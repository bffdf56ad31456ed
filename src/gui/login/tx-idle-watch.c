/* tx-idle-watch.c — no key or pointer in a window for a while, or the
 * screen locked: time to lock the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every key, click, scroll and pointer move in the window is seen in the
 * capture phase, before any widget takes it. The idle time is the
 * machine's setting "lock-idle-minutes" (0: never); TONGXING_IDLE_SECONDS
 * overrides it (the tests). The screen's lock is GtkApplication's
 * "screensaver-active".
 */

#define G_LOG_DOMAIN "tx-idle-watch"

#include "config.h"

#include "tx-idle-watch.h"

struct _TxIdleWatch
{
  GObject       parent_instance;

  GtkWindow    *window;          /* weak */
  GtkApplication *application;   /* weak: its screensaver */
  guint         seconds;         /* 0: never */
  gboolean      active;
  gint64        last_activity;   /* monotonic, µs */
  guint         timeout_id;
};

G_DEFINE_FINAL_TYPE (TxIdleWatch, tx_idle_watch, G_TYPE_OBJECT)

enum {
  IDLE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (TxIdleWatch *self,
                      gint64       after_us);

static gboolean
timeout_cb (gpointer data)
{
  TxIdleWatch *self = data;
  gint64 idle = g_get_monotonic_time () - self->last_activity;
  gint64 limit = (gint64) self->seconds * G_USEC_PER_SEC;

  self->timeout_id = 0;
  if (!self->active || self->seconds == 0)
    return G_SOURCE_REMOVE;
  if (idle >= limit)
    g_signal_emit (self, signals[IDLE], 0);
  else
    schedule (self, limit - idle);
  return G_SOURCE_REMOVE;
}

static void
schedule (TxIdleWatch *self,
          gint64       after_us)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->active && self->seconds > 0)
    self->timeout_id = g_timeout_add ((guint) MAX (after_us / 1000, 50), timeout_cb, self);
}

static void
activity (TxIdleWatch *self)
{
  self->last_activity = g_get_monotonic_time ();
}

static gboolean
key_cb (GtkEventControllerKey *controller,
        guint                  keyval,
        guint                  keycode,
        GdkModifierType        state,
        TxIdleWatch           *self)
{
  activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
motion_cb (TxIdleWatch *self)
{
  activity (self);
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           TxIdleWatch              *self)
{
  activity (self);
  return GDK_EVENT_PROPAGATE;
}

static void
screensaver_cb (TxIdleWatch *self)
{
  gboolean locked = FALSE;

  g_object_get (self->application, "screensaver-active", &locked, NULL);
  if (locked && self->active)
    g_signal_emit (self, signals[IDLE], 0);
}

static void
tx_idle_watch_dispose (GObject *object)
{
  TxIdleWatch *self = TX_IDLE_WATCH (object);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->application)
    g_signal_handlers_disconnect_by_data (self->application, self);
  g_clear_weak_pointer (&self->application);
  g_clear_weak_pointer (&self->window);
  G_OBJECT_CLASS (tx_idle_watch_parent_class)->dispose (object);
}

static void
tx_idle_watch_class_init (TxIdleWatchClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tx_idle_watch_dispose;

  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tx_idle_watch_init (TxIdleWatch *self)
{
  const char *env = g_getenv ("TONGXING_IDLE_SECONDS");

  self->seconds = env && *env ? (guint) g_ascii_strtoull (env, NULL, 10) : 10 * 60;
  self->last_activity = g_get_monotonic_time ();
}

/**
 * tx_idle_watch_new:
 *
 * Watches @window's input (and its application's screensaver, once the
 * window has one) from now on; inactive until tx_idle_watch_set_active().
 */
TxIdleWatch *
tx_idle_watch_new (GtkWindow *window)
{
  TxIdleWatch *self = g_object_new (TX_TYPE_IDLE_WATCH, NULL);
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkGesture *click = gtk_gesture_click_new ();

  g_set_weak_pointer (&self->window, window);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), 0);
  gtk_event_controller_set_propagation_phase (key, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (click), GTK_PHASE_CAPTURE);
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_cb), self);
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (window), key);
  gtk_widget_add_controller (GTK_WIDGET (window), motion);
  gtk_widget_add_controller (GTK_WIDGET (window), scroll);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (click));
  return self;
}

/* Counting starts (from now) or stops */
void
tx_idle_watch_set_active (TxIdleWatch *self,
                          gboolean     active)
{
  GtkApplication *application = self->window ? gtk_window_get_application (self->window) : NULL;

  if (application && self->application == NULL)
    {
      g_set_weak_pointer (&self->application, application);
      g_signal_connect_swapped (application, "notify::screensaver-active", G_CALLBACK (screensaver_cb), self);
    }
  self->active = active;
  activity (self);
  schedule (self, (gint64) self->seconds * G_USEC_PER_SEC);
  if (!active)
    g_clear_handle_id (&self->timeout_id, g_source_remove);
}

/* The idle time; 0: never */
void
tx_idle_watch_set_seconds (TxIdleWatch *self,
                           guint        seconds)
{
  self->seconds = seconds;
  schedule (self, (gint64) seconds * G_USEC_PER_SEC);
}

guint
tx_idle_watch_get_seconds (TxIdleWatch *self)
{
  return self->seconds;
}
