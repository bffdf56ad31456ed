/* tx-report-private.h — what the reports share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-report.h"

G_BEGIN_DECLS

char     *tx_report_make_temp (const char  *path,
                               GError     **error);
char     *tx_report_unit      (TxStore     *store);
gboolean  tx_report_finish    (TxStore     *store,
                               gboolean     ok,
                               const char  *tmp,
                               const char  *path,
                               const char  *what,
                               guint        children,
                               GError     **error);

G_END_DECLS
