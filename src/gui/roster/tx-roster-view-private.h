/* tx-roster-view-private.h — for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-roster-model.h"
#include "tx-roster-view.h"

G_BEGIN_DECLS

GtkWidget     *tx_roster_view_get_search_entry (TxRosterView *self);
GtkWidget     *tx_roster_view_get_column_view  (TxRosterView *self);
GtkWidget     *tx_roster_view_get_status_label (TxRosterView *self);
GtkWidget     *tx_roster_view_get_filter       (TxRosterView *self,
                                                const char   *name);
TxRosterModel *tx_roster_view_get_model        (TxRosterView *self);
gboolean       tx_roster_view_is_busy          (TxRosterView *self);

G_END_DECLS
