/* tx-store-audit.h — the audit trail: who did what, hash-chained
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_AUDIT_HASH_BYTES 32

typedef struct
{
  gint64  seq;
  char   *at;        /* ISO 8601, UTC */
  char   *station;
  char   *person;
  char   *kind;      /* "login", "child.update", "export", … */
  char   *child;     /* the child's uuid, if the entry is about one */
  char   *detail;    /* a JSON object */
  guint8  prev[TX_AUDIT_HASH_BYTES];
  guint8  hash[TX_AUDIT_HASH_BYTES];
} TxAuditEntry;

void     tx_audit_entry_free   (TxAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditEntry, tx_audit_entry_free)

void     tx_audit_entry_hash   (const TxAuditEntry *entry,
                                guint8             *hash);

gboolean tx_store_audit        (TxStore     *self,
                                const char  *kind,
                                const char  *child,
                                JsonObject  *detail,
                                GError     **error);
gboolean tx_store_audit_login  (TxStore     *self,
                                GError     **error);

G_END_DECLS
