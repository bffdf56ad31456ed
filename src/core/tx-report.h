/* tx-report.h — reports for paper archives and the county: the ledger
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

typedef enum {
  TX_LEDGER_ALL,       /* 流动儿童信息台账: every field of the form */
  TX_LEDGER_KEY_CARE,  /* 重点关爱服务对象台账: key-care children, with their visits */
} TxLedgerKind;

gboolean tx_report_ledger_xlsx (TxStore             *store,
                                TxLedgerKind         kind,
                                const TxChildQuery  *query,
                                const char          *path,
                                guint               *n_children,
                                GCancellable        *cancellable,
                                GError             **error);

gboolean tx_report_visit_log_pdf (TxStore       *store,
                                  guint          year,
                                  guint          month,
                                  const char    *division,
                                  const char    *path,
                                  guint         *n_visits,
                                  GCancellable  *cancellable,
                                  GError       **error);

G_END_DECLS
