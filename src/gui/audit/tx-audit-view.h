/* tx-audit-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_AUDIT_VIEW (tx_audit_view_get_type ())

G_DECLARE_FINAL_TYPE (TxAuditView, tx_audit_view, TX, AUDIT_VIEW, AdwBin)

void        tx_audit_view_set_store      (TxAuditView    *self,
                                          TxStore        *store,
                                          TxStoreService *service);
void        tx_audit_view_refresh        (TxAuditView    *self);
void        tx_audit_view_print          (TxAuditView    *self,
                                          const char     *export_filename);

/* For tests */
gboolean    tx_audit_view_is_busy        (TxAuditView    *self);
GListModel *tx_audit_view_get_model      (TxAuditView    *self);
GtkWidget  *tx_audit_view_get_widget     (TxAuditView    *self,
                                          const char     *name);
const char *tx_audit_view_get_chain_text (TxAuditView    *self);

G_END_DECLS
