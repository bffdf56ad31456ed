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

G_END_DECLS
