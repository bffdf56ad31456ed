/* tx-report-compare.h — a comparison round printed and exported
 * (tx-report-compare.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store-service.h"

G_BEGIN_DECLS

gboolean tx_report_compare_pdf  (TxStore       *store,
                                 gint64         round,
                                 const char    *path,
                                 guint         *n_items,
                                 GCancellable  *cancellable,
                                 GError       **error);
gboolean tx_report_compare_xlsx (TxStore       *store,
                                 gint64         round,
                                 const char    *path,
                                 guint         *n_items,
                                 GCancellable  *cancellable,
                                 GError       **error);

/* Either, on the store service's thread: PDF if @pdf, else xlsx */
void     tx_report_compare_export_async  (TxStoreService      *service,
                                          gint64               round,
                                          gboolean             pdf,
                                          const char          *path,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean tx_report_compare_export_finish (TxStoreService      *service,
                                          GAsyncResult        *result,
                                          guint               *n_items,
                                          GError             **error);

G_END_DECLS
