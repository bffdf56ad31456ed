/* tx-visit-dialog.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_VISIT_DIALOG (tx_visit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TxVisitDialog, tx_visit_dialog, TX, VISIT_DIALOG, AdwWindow)

TxVisitDialog *tx_visit_dialog_new        (GtkWindow      *parent,
                                           TxStore        *store,
                                           TxStoreService *service,
                                           const char     *child_id,
                                           const char     *date);
void           tx_visit_dialog_save       (TxVisitDialog  *self,
                                           gboolean        draft);
gboolean       tx_visit_dialog_is_saving  (TxVisitDialog  *self);
GtkWidget     *tx_visit_dialog_get_row    (TxVisitDialog  *self,
                                           const char     *name);
GtkWidget     *tx_visit_dialog_get_urgent_check (TxVisitDialog *self,
                                                 const char    *code);
GtkWidget     *tx_visit_dialog_get_problem_check (TxVisitDialog *self,
                                                 const char    *code);

G_END_DECLS
