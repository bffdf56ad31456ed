/* tx-lock-view.h — the window locked: the person's password to go on, or
 * someone else's login
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_LOCK_VIEW (tx_lock_view_get_type ())

G_DECLARE_FINAL_TYPE (TxLockView, tx_lock_view, TX, LOCK_VIEW, AdwBin)

void        tx_lock_view_watch      (TxLockView *self,
                                     GtkWindow  *window,
                                     GtkWidget  *cover,
                                     GSettings  *settings);
void        tx_lock_view_set_session (TxLockView *self,
                                      TxSession  *session);
void        tx_lock_view_lock       (TxLockView *self);
void        tx_lock_view_set_idle_seconds (TxLockView *self,
                                           guint       seconds);
gboolean    tx_lock_view_is_locked  (TxLockView *self);
GtkWidget  *tx_lock_view_get_widget (TxLockView *self,
                                     const char *name);
gboolean    tx_lock_view_is_busy    (TxLockView *self);

G_END_DECLS
