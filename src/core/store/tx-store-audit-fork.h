/* tx-store-audit-fork.h — another station's audit trail that forked when it was restored from a backup
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store-audit.h"

G_BEGIN_DECLS

/* A branch of another station's trail: the station went on from entry
 * @at_seq of branch @parent after a restore, leaving @left_upto */
typedef struct
{
  gint64  branch;        /* 1, 2, …; branch 0 is the trail as it first came */
  gint64  parent;
  gint64  at_seq;        /* the last entry the branches share */
  gint64  left_upto;     /* how far the branch it left had reached here */
  gint64  bundle_seq;    /* the exchange file that declared it */
  char   *received_at;
  gint64  entries;       /* the branch's entries here */
} TxAuditFork;

void        tx_audit_fork_free           (TxAuditFork   *fork);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditFork, tx_audit_fork_free)

GPtrArray  *tx_store_audit_forks         (TxStore       *self,
                                          const char    *station,
                                          GError       **error);
gboolean    tx_store_audit_head          (TxStore       *self,
                                          const char    *station,
                                          gint64        *branch,
                                          gint64        *branches,
                                          gint64        *seq,
                                          guint8        *hash,
                                          GError       **error);
gboolean    tx_store_audit_lineage_hash  (TxStore       *self,
                                          const char    *station,
                                          gint64         branch,
                                          gint64         seq,
                                          guint8        *hash);
TxAuditVerdict *tx_store_audit_verify_forks (TxStore       *self,
                                             const char    *station,
                                             const guint8  *sign_pk,
                                             TxAuditVerdict *verdict,
                                             GError       **error);

G_END_DECLS
