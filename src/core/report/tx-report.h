/* tx-report.h — reports for paper archives and the county: the ledger
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "tx-store.h"
#include "tx-store-service.h"

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

/* A paged list, laid out once and drawn page by page into a PDF, a
 * preview, a printer or a spreadsheet: the monthly visit log, and in the
 * same frame the lists of overdue children and of open urgent cases */
typedef struct _TxPagedList TxPagedList;

TxPagedList *tx_visit_log_new          (TxStore       *store,
                                        guint          year,
                                        guint          month,
                                        const char    *division,
                                        const char    *visitor,
                                        GError       **error);
TxPagedList *tx_overdue_list_new       (TxStore       *store,
                                        const char    *division,
                                        GError       **error);
TxPagedList *tx_urgent_list_new        (TxStore       *store,
                                        GError       **error);
guint        tx_paged_list_paginate    (TxPagedList   *list,
                                        cairo_t       *cr,
                                        GCancellable  *cancellable);
void         tx_paged_list_draw_page   (TxPagedList   *list,
                                        cairo_t       *cr,
                                        guint          page);
gboolean     tx_paged_list_write_pdf   (TxPagedList   *list,
                                        TxStore       *store,
                                        const char    *path,
                                        GCancellable  *cancellable,
                                        GError       **error);
gboolean     tx_paged_list_write_xlsx  (TxPagedList   *list,
                                        TxStore       *store,
                                        const char    *path,
                                        GError       **error);
guint        tx_paged_list_get_n_pages (TxPagedList   *list);
guint        tx_paged_list_get_n_rows  (TxPagedList   *list);
void         tx_paged_list_free        (TxPagedList   *list);

#define TX_PAGED_LIST_PAGE_WIDTH  841.89   /* A4 landscape, points */
#define TX_PAGED_LIST_PAGE_HEIGHT 595.28

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPagedList, tx_paged_list_free)

/* Roster: the children it lists, exported on the store service's thread */

void         tx_report_listed_export_async  (TxStoreService      *service,
                                             gboolean             forms,
                                             const TxChildQuery  *query,
                                             const char          *path,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean     tx_report_listed_export_finish (TxStoreService      *service,
                                             GAsyncResult        *result,
                                             guint               *n_children,
                                             GError             **error);

G_END_DECLS
