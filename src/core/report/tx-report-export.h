/* tx-report-export.h — which report a kind means, and making it: one
 * place for the window and the command line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "tx-report.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

/* The reports. The first six are the reports view's list, in its order */
typedef enum {
  TX_REPORT_VISIT_LOG,        /* a month's visits, by village and date: PDF or Excel */
  TX_REPORT_LEDGER,           /* 流动儿童信息台账: Excel */
  TX_REPORT_KEY_CARE_LEDGER,  /* 重点关爱服务对象台账: Excel */
  TX_REPORT_KEY_CARE_FORMS,   /* the registration forms of the key-care children: PDF */
  TX_REPORT_BLANK_FORM,       /* the blank registration form: PDF */
  TX_REPORT_STATISTICS,       /* a period in numbers: Excel or PDF */
  TX_REPORT_FORMS,            /* the registration forms of one child, or of a village's children: PDF */
  TX_REPORT_OVERDUE_LIST,     /* children whose home visit is overdue: PDF or Excel */
  TX_REPORT_URGENT_LIST,      /* open urgent cases: PDF or Excel */
} TxReportKind;

typedef enum {
  TX_REPORT_FORMAT_DEFAULT,   /* the kind's first: PDF, or Excel for the ledgers and statistics */
  TX_REPORT_FORMAT_PDF,
  TX_REPORT_FORMAT_XLSX,
} TxReportFormat;

/* Which children a ledger lists */
typedef enum {
  TX_REPORT_RECORDS_REGISTERED,  /* on the register today: complete, eligible, within the age limits */
  TX_REPORT_RECORDS_ALL,         /* every record on the register, with its status */
  TX_REPORT_RECORDS_INCOMPLETE,  /* drafts and incomplete records */
  TX_REPORT_RECORDS_INELIGIBLE,  /* children not (yet) eligible */
  TX_REPORT_RECORDS_LEFT,        /* children who left the register, with the day and the reason */
} TxReportRecords;

/**
 * TxReportOptions:
 * @format: PDF or Excel, where the kind has both
 * @year: the month of the visit log, and of the statistics without @from
 * @month: (1 to 12)
 * @from: (nullable): the statistics' first day, ISO
 * @to: (nullable): the statistics' last day, ISO
 * @division: (nullable): only the children living in this village or township
 * @visitor: (nullable): the visit log: only this person's visits
 * @child_id: (nullable): %TX_REPORT_FORMS: this child's form only
 * @records: the ledgers: which children
 * @filters: (nullable): the ledgers: more of the roster's filters (search,
 *   overdue, urgent, update due); its division and key care are not used
 *
 * What a report covers. Zero-initialized, it is the whole workstation.
 */
typedef struct {
  TxReportFormat      format;
  guint               year;
  guint               month;
  const char         *from;
  const char         *to;
  const char         *division;
  const char         *visitor;
  const char         *child_id;
  TxReportRecords     records;
  const TxChildQuery *filters;
} TxReportOptions;

gboolean tx_report_kind_is_paged (TxReportKind            kind);

gboolean tx_report_export        (TxStore                *store,
                                  TxReportKind            kind,
                                  const TxReportOptions  *options,
                                  const char             *path,
                                  guint                  *n,
                                  GCancellable           *cancellable,
                                  GError                **error);

/* A paged report laid out as it is printed: the visit log, the lists and
 * the registration forms, drawn page by page into a preview or a printer */
typedef struct _TxReportDoc TxReportDoc;

TxReportDoc *tx_report_doc_new            (TxStore                *store,
                                           TxReportKind            kind,
                                           const TxReportOptions  *options,
                                           GCancellable           *cancellable,
                                           GError                **error);
TxReportKind tx_report_doc_get_kind       (TxReportDoc            *doc);
gboolean     tx_report_doc_is_landscape   (TxReportDoc            *doc);
void         tx_report_doc_get_page_size  (TxReportDoc            *doc,
                                           double                 *width,
                                           double                 *height);
guint        tx_report_doc_get_n_pages    (TxReportDoc            *doc);
guint        tx_report_doc_get_count      (TxReportDoc            *doc);
void         tx_report_doc_draw_page      (TxReportDoc            *doc,
                                           cairo_t                *cr,
                                           guint                   page);
void         tx_report_doc_free           (TxReportDoc            *doc);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxReportDoc, tx_report_doc_free)

/* A page of a paged report, drawn into an image for a preview */
typedef struct {
  GBytes *pixels;    /* ARGB32, premultiplied, native endian */
  int     width;
  int     height;
  int     stride;
  guint   page;      /* the page drawn, from 1 */
  guint   n_pages;
  guint   count;     /* the visits, rows or children the report holds */
} TxReportPage;

void tx_report_page_free (TxReportPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxReportPage, tx_report_page_free)

/* The report a preview shows, kept laid out on the store service's thread
 * for the pages that follow */
typedef struct _TxReportPreview TxReportPreview;

TxReportPreview *tx_report_preview_new        (void);
TxReportPreview *tx_report_preview_ref        (TxReportPreview *preview);
void             tx_report_preview_unref      (TxReportPreview *preview);
void             tx_report_preview_invalidate (TxReportPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxReportPreview, tx_report_preview_unref)

/* Reports */

void          tx_report_export_async       (TxStoreService         *service,
                                            TxReportKind            kind,
                                            const TxReportOptions  *options,
                                            const char             *path,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean      tx_report_export_finish      (TxStoreService         *service,
                                            GAsyncResult           *result,
                                            guint                  *n,
                                            GError                **error);
void          tx_report_count_async        (TxStoreService         *service,
                                            TxReportKind            kind,
                                            const TxReportOptions  *options,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gint64        tx_report_count_finish       (TxStoreService         *service,
                                            GAsyncResult           *result,
                                            GError                **error);
void          tx_report_doc_new_async      (TxStoreService         *service,
                                            TxReportKind            kind,
                                            const TxReportOptions  *options,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
TxReportDoc  *tx_report_doc_new_finish     (TxStoreService         *service,
                                            GAsyncResult           *result,
                                            GError                **error);
void          tx_report_preview_page_async (TxStoreService         *service,
                                            TxReportPreview        *preview,
                                            TxReportKind            kind,
                                            const TxReportOptions  *options,
                                            guint                   page,
                                            double                  scale,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
TxReportPage *tx_report_preview_page_finish (TxStoreService        *service,
                                             GAsyncResult          *result,
                                             GError               **error);

G_END_DECLS
