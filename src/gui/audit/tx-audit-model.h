/* tx-audit-model.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_TYPE_AUDIT_ITEM (tx_audit_item_get_type ())

G_DECLARE_FINAL_TYPE (TxAuditItem, tx_audit_item, TX, AUDIT_ITEM, GObject)

gint64       tx_audit_item_get_seq    (TxAuditItem *self);
const char  *tx_audit_item_get_time   (TxAuditItem *self);
const char  *tx_audit_item_get_person (TxAuditItem *self);
const char  *tx_audit_item_get_what   (TxAuditItem *self);

#define TX_TYPE_AUDIT_MODEL (tx_audit_model_get_type ())

G_DECLARE_FINAL_TYPE (TxAuditModel, tx_audit_model, TX, AUDIT_MODEL, GObject)

TxAuditModel *tx_audit_model_new          (TxStore      *store);
void          tx_audit_model_set_seqs     (TxAuditModel *self,
                                           GArray       *seqs);
gboolean      tx_audit_model_is_settled   (TxAuditModel *self);
guint         tx_audit_model_get_cached_pages (TxAuditModel *self);

G_END_DECLS
