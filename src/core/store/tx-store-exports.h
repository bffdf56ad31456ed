/* tx-store-exports.h — the export log (tx-store-exports.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* An export or print, as the log keeps it */
typedef struct {
  char  *at;        /* ISO 8601 UTC */
  char  *who;
  char  *what;      /* ledger, key_care_ledger, … */
  char  *detail;    /* the file written, or the printer */
  guint  children;
} TxExport;

gboolean     tx_store_log_export           (TxStore        *self,
                                            const char     *what,
                                            const char     *detail,
                                            guint           children,
                                            GError        **error);
GPtrArray   *tx_store_export_log           (TxStore        *self,
                                            guint           limit,
                                            GError        **error);
void         tx_export_free                (TxExport       *entry);

G_END_DECLS
