/* tx-report-private.h — what the reports share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>
#include <stdio.h>

#include "tx-report.h"
#include "tx-store-accounts.h"

/* The face of printed reports: one with the Chinese characters */
#define TX_REPORT_FONT "WenQuanYi Micro Hei, Noto Sans CJK SC, sans"

G_BEGIN_DECLS

char     *tx_report_make_temp (const char  *path,
                               GError     **error);
char     *tx_report_unit      (TxStore     *store);
char     *tx_report_maker     (TxStore     *store);
gboolean  tx_report_finish    (TxStore     *store,
                               gboolean     ok,
                               const char  *tmp,
                               const char  *path,
                               const char  *what,
                               guint        children,
                               GError     **error);

PangoLayout   *tx_report_layout       (cairo_t        *cr,
                                      const char     *text,
                                      double          width,
                                      double          size,
                                      gboolean        bold);
double         tx_report_text_height  (cairo_t        *cr,
                                      const char     *text,
                                      double          width,
                                      double          size,
                                      gboolean        bold);
void           tx_report_show         (cairo_t        *cr,
                                      double          x,
                                      double          y,
                                      const char     *text,
                                      double          width,
                                      double          size,
                                      gboolean        bold,
                                      PangoAlignment  align);
cairo_status_t tx_report_write_cb     (void                *closure,
                                      const unsigned char *data,
                                      unsigned int         length);

/* returns 0 pages when @cancellable was cancelled meanwhile */
typedef guint (*TxReportPaginate) (gpointer doc, cairo_t *cr, GCancellable *cancellable);
typedef void  (*TxReportDrawPage) (gpointer doc, cairo_t *cr, guint page);

gboolean       tx_report_write_pdf    (TxStore          *store,
                                      const char       *path,
                                      double            width,
                                      double            height,
                                      const char       *title,
                                      TxReportPaginate  paginate,
                                      TxReportDrawPage  draw_page,
                                      gpointer          doc,
                                      const char       *what,
                                      const guint      *children,
                                      GCancellable     *cancellable,
                                      GError          **error);

/* A column of a paged list (tx-report-pdf.c) */
typedef enum {
  TX_LIST_COLUMN_SHORT,   /* as wide as its longest text, up to its most */
  TX_LIST_COLUMN_TEXT,    /* free text: the room the short ones leave */
  TX_LIST_COLUMN_GROUP,   /* the village: on paper the heading of its rows, in a workbook a column */
} TxListColumnKind;

typedef struct {
  const char       *label;
  double            width;   /* in a workbook, in points */
  TxListColumnKind  kind;
  double            most;    /* a short column's widest, 0 for no limit */
} TxListColumn;

TxPagedList   *tx_paged_list_new_plain   (TxStore            *store,
                                          const TxListColumn *columns,
                                          const char         *what,
                                          char               *title,
                                          char               *summary);
void           tx_paged_list_add_heading (TxPagedList        *list,
                                          const char         *text);
void           tx_paged_list_add_row     (TxPagedList        *list,
                                          char              **cells,
                                          guint               n);
void           tx_paged_list_end         (TxPagedList        *list,
                                          const char         *none);

G_END_DECLS
