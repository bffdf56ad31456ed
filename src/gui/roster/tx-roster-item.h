/* tx-roster-item.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_ROSTER_ITEM (tx_roster_item_get_type ())

G_DECLARE_FINAL_TYPE (TxRosterItem, tx_roster_item, TX, ROSTER_ITEM, GObject)

TxRosterItem     *tx_roster_item_new        (const TxChildRow *row,
                                             const char       *transferred_to,
                                             const GDate      *today,
                                             gboolean          reveal_id);
void              tx_roster_item_set_row    (TxRosterItem     *self,
                                             const TxChildRow *row,
                                             const char       *transferred_to,
                                             const GDate      *today,
                                             gboolean          reveal_id);
TxRosterItem     *tx_roster_item_new_blank  (void);
void              tx_roster_item_clear      (TxRosterItem     *self);
const char       *tx_roster_item_get_id     (TxRosterItem     *self);
const char       *tx_roster_item_get_name   (TxRosterItem     *self);
gint64            tx_roster_item_get_rowid  (TxRosterItem     *self);

G_END_DECLS
