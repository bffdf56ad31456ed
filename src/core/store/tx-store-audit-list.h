/* tx-store-audit-list.h — reading the audit trail: filters, pages, words
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store-audit.h"

G_BEGIN_DECLS

/**
 * TxAuditQuery:
 * @person: (nullable): only this person's entries
 * @children: (nullable) (array zero-terminated=1): only entries about one
 *   of these children (uuids); an empty array matches nothing
 * @kinds: (nullable) (array zero-terminated=1): only these kinds, each a
 *   kind ("export") or the part before a dot of several ("child" for
 *   "child.add", "child.update", …)
 * @from: (nullable): the first day, local time, ISO (2026-11-01)
 * @to: (nullable): the last day, local time, ISO, itself included
 *
 * Which entries of the audit trail to read. Zero-initialized, all of them.
 */
typedef struct {
  const char        *person;
  const char *const *children;
  const char *const *kinds;
  const char        *from;
  const char        *to;
} TxAuditQuery;

/* A query with its own strings, for another thread */
TxAuditQuery *tx_audit_query_copy          (const TxAuditQuery *query);
void          tx_audit_query_free          (TxAuditQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditQuery, tx_audit_query_free)

GPtrArray    *tx_store_audit_list          (TxStore            *self,
                                            const TxAuditQuery *query,
                                            guint               offset,
                                            guint               limit,
                                            GError            **error);
GArray       *tx_store_audit_seqs          (TxStore            *self,
                                            const TxAuditQuery *query,
                                            GError            **error);
TxAuditEntry *tx_store_audit_get           (TxStore            *self,
                                            gint64              seq,
                                            GError            **error);
gint64        tx_store_audit_count_all     (TxStore            *self,
                                            GError            **error);
GStrv         tx_store_audit_children_named (TxStore           *self,
                                             const char        *text,
                                             GError           **error);
char         *tx_store_audit_child_name    (TxStore            *self,
                                            const char         *uuid);
GStrv         tx_store_audit_people        (TxStore            *self,
                                            GError            **error);

char         *tx_audit_entry_describe      (TxStore            *store,
                                            const TxAuditEntry *entry);
char         *tx_audit_entry_local_time    (const TxAuditEntry *entry);

G_END_DECLS
