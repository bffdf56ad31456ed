/* tx-report.h — reports for paper archives and the county: the ledger
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

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
                                  const char    *visitor,
                                  const char    *path,
                                  guint         *n_visits,
                                  GCancellable  *cancellable,
                                  GError       **error);

gboolean tx_report_forms_pdf     (TxStore             *store,
                                  const char          *child_id,
                                  const TxChildQuery  *query,
                                  const char          *path,
                                  guint               *n_children,
                                  GCancellable        *cancellable,
                                  GError             **error);

gboolean tx_report_stats_xlsx    (TxStore             *store,
                                  const char          *from,
                                  const char          *to,
                                  const char          *path,
                                  guint               *n_children,
                                  GCancellable        *cancellable,
                                  GError             **error);

gboolean tx_report_stats_pdf     (TxStore             *store,
                                  const char          *from,
                                  const char          *to,
                                  const char          *path,
                                  guint               *n_children,
                                  GCancellable        *cancellable,
                                  GError             **error);

/* Registration forms, laid out once and drawn page by page */
typedef struct _TxFormsDoc TxFormsDoc;

TxFormsDoc *tx_forms_doc_new            (TxStore             *store,
                                         const char          *child_id,
                                         const TxChildQuery  *query,
                                         GCancellable        *cancellable,
                                         GError             **error);
guint       tx_forms_doc_paginate       (TxFormsDoc          *doc,
                                         cairo_t             *cr,
                                         GCancellable        *cancellable);
void        tx_forms_doc_draw_page      (TxFormsDoc          *doc,
                                         cairo_t             *cr,
                                         guint                page);
gboolean    tx_forms_doc_write_pdf      (TxFormsDoc          *doc,
                                         TxStore             *store,
                                         const char          *path,
                                         GCancellable        *cancellable,
                                         GError             **error);
guint       tx_forms_doc_get_n_children (TxFormsDoc          *doc);
guint       tx_forms_doc_get_n_pages    (TxFormsDoc          *doc);
void        tx_forms_doc_free           (TxFormsDoc          *doc);

#define TX_FORMS_PAGE_WIDTH  595.28   /* A4 portrait, points */
#define TX_FORMS_PAGE_HEIGHT 841.89

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxFormsDoc, tx_forms_doc_free)

/* The monthly visit log, laid out once and drawn page by page: into a
 * PDF, a preview or a printer */
typedef struct _TxVisitLog TxVisitLog;

TxVisitLog *tx_visit_log_new         (TxStore       *store,
                                      guint          year,
                                      guint          month,
                                      const char    *division,
                                      const char    *visitor,
                                      GError       **error);
guint       tx_visit_log_paginate    (TxVisitLog    *log,
                                      cairo_t       *cr,
                                      GCancellable  *cancellable);
void        tx_visit_log_draw_page   (TxVisitLog    *log,
                                      cairo_t       *cr,
                                      guint          page);
gboolean    tx_visit_log_write_pdf   (TxVisitLog    *log,
                                      TxStore       *store,
                                      const char    *path,
                                      GCancellable  *cancellable,
                                      GError       **error);
gboolean    tx_visit_log_write_xlsx  (TxVisitLog    *log,
                                      TxStore       *store,
                                      const char    *path,
                                      GError       **error);
/* The same frame for the lists of overdue children and open urgent cases */
TxVisitLog *tx_overdue_list_new      (TxStore       *store,
                                      const char    *division,
                                      GError       **error);
TxVisitLog *tx_urgent_list_new       (TxStore       *store,
                                      GError       **error);
guint       tx_visit_log_get_n_pages (TxVisitLog    *log);
guint       tx_visit_log_get_n_visits (TxVisitLog   *log);
void        tx_visit_log_free        (TxVisitLog    *log);

#define TX_VISIT_LOG_PAGE_WIDTH  841.89   /* A4 landscape, points */
#define TX_VISIT_LOG_PAGE_HEIGHT 595.28

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxVisitLog, tx_visit_log_free)

G_END_DECLS
