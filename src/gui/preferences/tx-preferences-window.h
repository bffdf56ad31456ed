/* tx-preferences-window.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_PREFERENCES_WINDOW (tx_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TxPreferencesWindow, tx_preferences_window, TX, PREFERENCES_WINDOW, AdwPreferencesWindow)

TxPreferencesWindow *tx_preferences_window_new          (GtkWindow           *parent,
                                                         TxStore             *store,
                                                         TxStoreService      *service);
gboolean             tx_preferences_window_is_busy      (TxPreferencesWindow *self);
GtkWidget           *tx_preferences_window_get_widget   (TxPreferencesWindow *self,
                                                         const char          *name);
GtkWidget           *tx_preferences_window_get_service_row (TxPreferencesWindow *self,
                                                            const char          *id);
GtkWidget           *tx_preferences_window_add_service  (TxPreferencesWindow *self,
                                                         const char          *group);

void                 tx_preferences_window_load_holidays (TxPreferencesWindow *self,
                                                          GFile               *file);

G_END_DECLS
