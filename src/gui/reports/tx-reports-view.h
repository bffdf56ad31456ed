/* tx-reports-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_REPORTS_VIEW (tx_reports_view_get_type ())

G_DECLARE_FINAL_TYPE (TxReportsView, tx_reports_view, TX, REPORTS_VIEW, AdwBin)

void       tx_reports_view_set_store     (TxReportsView  *self,
                                          TxStore        *store,
                                          TxStoreService *service);
void       tx_reports_view_choose        (TxReportsView  *self,
                                          TxReportKind    kind,
                                          guint           year,
                                          guint           month);
void       tx_reports_view_export_to     (TxReportsView  *self,
                                          GFile          *file);
void       tx_reports_view_print         (TxReportsView  *self,
                                          const char     *export_filename);
gboolean   tx_reports_view_is_busy       (TxReportsView  *self);
GtkWidget *tx_reports_view_show_log      (TxReportsView  *self);
guint      tx_reports_view_get_n_pages   (TxReportsView  *self);
GtkWidget *tx_reports_view_get_preview   (TxReportsView  *self);
GtkWidget *tx_reports_view_get_widget    (TxReportsView  *self,
                                          const char     *name);

G_END_DECLS
