/* tx-setup-view-private.h — for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-setup-view.h"

G_BEGIN_DECLS

/* level: 0 province, 1 city, 2 county, 3 township */
GtkWidget   *tx_setup_view_get_level_dropdown (TxSetupView *self,
                                                 int          level);
gboolean     tx_setup_view_select_code     (TxSetupView *self,
                                            int          level,
                                            const char  *code);
GtkWidget   *tx_setup_view_get_name_row    (TxSetupView *self);
GtkWidget   *tx_setup_view_get_supervisor_row (TxSetupView *self);
GtkWidget   *tx_setup_view_get_done_button (TxSetupView *self);
GtkWidget   *tx_setup_view_get_password_row (TxSetupView *self,
                                             gboolean     again);
GtkWidget   *tx_setup_view_get_restore_button (TxSetupView *self);
GtkWidget   *tx_setup_view_get_error_label (TxSetupView *self);
void         tx_setup_view_set_chooser_hook (TxSetupView        *self,
                                             TxSetupChooserHook  hook,
                                             gpointer            data);
gboolean     tx_setup_view_is_restoring    (TxSetupView *self);

G_END_DECLS
