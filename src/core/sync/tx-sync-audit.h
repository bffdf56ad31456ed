/* tx-sync-audit.h — a township's audit trail, carried to the county in its exchange files
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-sync-private.h"

G_BEGIN_DECLS

typedef struct _TxSyncAudit TxSyncAudit;

gboolean     tx_sync_export_audit         (TxStore          *self,
                                           const char       *recipient,
                                           gboolean          full,
                                           TxSyncLineFunc    func,
                                           gpointer          data,
                                           guint            *lines,
                                           TxSyncCounts     *counts,
                                           gint64           *audit_upto,
                                           GError          **error);
TxSyncAudit *tx_sync_audit_new            (TxStore          *store,
                                           const char       *sender,
                                           const char       *sender_name,
                                           gint64            restored,
                                           gint64            bundle_seq);
void         tx_sync_audit_free           (TxSyncAudit      *audit);
gboolean     tx_sync_audit_add_entry      (TxSyncAudit      *audit,
                                           JsonObject       *entry,
                                           GError          **error);
gboolean     tx_sync_audit_add_checkpoint (TxSyncAudit      *audit,
                                           JsonObject       *checkpoint,
                                           GError          **error);
gboolean     tx_sync_audit_forked         (TxSyncAudit      *audit);
gboolean     tx_sync_audit_finish         (TxSyncAudit      *audit,
                                           guint            *added,
                                           GError          **error);

gboolean     tx_sync_audit_bundle         (TxStore             *store,
                                           const char          *kind,
                                           const char          *station,
                                           const TxSyncCounts  *counts,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSyncAudit, tx_sync_audit_free)

G_END_DECLS
