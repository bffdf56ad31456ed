/* tx-lists-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_LISTS_VIEW (tx_lists_view_get_type ())

G_DECLARE_FINAL_TYPE (TxListsView, tx_lists_view, TX, LISTS_VIEW, AdwBin)

void       tx_lists_view_set_store        (TxListsView    *self,
                                           TxStore        *store,
                                           TxStoreService *service);
void       tx_lists_view_show_item        (TxListsView    *self,
                                           gint64          round,
                                           gint64          item,
                                           TxCompareKind   kind);
void       tx_lists_view_entry_registered (TxListsView    *self,
                                           gint64          item,
                                           const char     *child_id);
void       tx_lists_view_export_to        (TxListsView    *self,
                                           GFile          *file,
                                           gboolean        pdf);
GtkWidget *tx_lists_view_get_import_dialog (TxListsView   *self);
gint64     tx_lists_view_get_round        (TxListsView    *self);
gboolean   tx_lists_view_is_busy          (TxListsView    *self);
GtkWidget *tx_lists_view_get_widget       (TxListsView    *self,
                                           const char     *name);

G_END_DECLS
