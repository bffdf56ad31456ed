/* tx-report-audit.h — the audit trail on paper
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-report.h"
#include "tx-store-audit-list.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

TxPagedList *tx_audit_list_new         (TxStore             *store,
                                        const TxAuditQuery  *query,
                                        const char          *filters,
                                        GError             **error);
gboolean     tx_audit_list_paginate    (TxPagedList         *list,
                                        GCancellable        *cancellable,
                                        GError             **error);
void         tx_audit_list_new_async   (TxStoreService      *service,
                                        const TxAuditQuery  *query,
                                        const char          *filters,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
TxPagedList *tx_audit_list_new_finish  (TxStoreService      *service,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
