/* tx-roster-model.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ROSTER_MODEL (tx_roster_model_get_type ())

G_DECLARE_FINAL_TYPE (TxRosterModel, tx_roster_model, TX, ROSTER_MODEL, GObject)

TxRosterModel *tx_roster_model_new             (TxStore       *store);
void           tx_roster_model_set_rowids      (TxRosterModel *self,
                                                GArray        *rowids);
gboolean       tx_roster_model_has_rowids      (TxRosterModel *self,
                                                GArray        *rowids);
void           tx_roster_model_set_reveal_ids  (TxRosterModel *self,
                                                gboolean       reveal);
gboolean       tx_roster_model_get_reveal_ids  (TxRosterModel *self);
void           tx_roster_model_invalidate      (TxRosterModel *self);
gboolean       tx_roster_model_is_settled      (TxRosterModel *self);
guint          tx_roster_model_get_cached_pages (TxRosterModel *self);
int            tx_roster_model_find_rowid      (TxRosterModel *self,
                                                gint64         rowid);

G_END_DECLS
