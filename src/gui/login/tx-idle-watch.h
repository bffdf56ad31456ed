/* tx-idle-watch.h — no key or pointer in a window for a while, or the
 * screen locked: time to lock the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TX_TYPE_IDLE_WATCH (tx_idle_watch_get_type ())

G_DECLARE_FINAL_TYPE (TxIdleWatch, tx_idle_watch, TX, IDLE_WATCH, GObject)

TxIdleWatch *tx_idle_watch_new         (GtkWindow   *window);
void         tx_idle_watch_set_active  (TxIdleWatch *self,
                                        gboolean     active);
void         tx_idle_watch_set_seconds (TxIdleWatch *self,
                                        guint        seconds);
guint        tx_idle_watch_get_seconds (TxIdleWatch *self);

G_END_DECLS
