/* tx-reports-view-private.h — what the files of the reports view share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-reports-view.h"

G_BEGIN_DECLS

struct _TxReportsView
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwComboRow    *report_row;
  AdwComboRow    *month_row;
  AdwComboRow    *village_row;
  AdwComboRow    *staff_row;
  AdwComboRow    *records_row;
  GtkLabel       *about_label;
  GtkBox         *log_error_box;
  GtkLabel       *log_error_label;
  GtkLabel       *page_label;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkSpinner     *preview_spinner;
  GtkPicture     *preview;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  GPtrArray      *villages;     /* codes; index 0 is NULL, everyone */
  GArray         *months;       /* guint year * 100 + month */
  TxReportPreview *laid_out;    /* the previewed report, kept on the service's thread */
  GCancellable   *export_cancel;
  GCancellable   *preview_cancellable; /* the latest preview or count asked for */
  char           *export_path;
  TxReportKind    export_kind;
  TxReportDoc    *print_doc;
  guint           page;
  guint           n_pages;
  guint           busy;
  guint           pulse_id;
  gboolean        stale;        /* a preview asked for while hidden */
  GPtrArray      *unlogged;     /* of PrintLog: prints the export log could not take yet */
};

enum {
  TOAST,
  N_SIGNALS
};

extern guint tx_reports_view_signals[N_SIGNALS];

struct PrintLog;

/* tx-reports-view.c */
TxReportKind tx_reports_view_chosen_kind     (TxReportsView    *self);
void         tx_reports_view_chosen_month    (TxReportsView    *self,
                                              guint            *year,
                                              guint            *month);
void         tx_reports_view_chosen_options  (TxReportsView    *self,
                                              TxReportOptions  *o);
void         tx_reports_view_update_actions  (TxReportsView    *self);

/* tx-reports-view-export.c */
void         tx_reports_view_export_action       (GtkWidget   *widget,
                                                  const char  *name,
                                                  GVariant    *param);
void         tx_reports_view_cancel_action       (GtkWidget   *widget,
                                                  const char  *name,
                                                  GVariant    *param);
void         tx_reports_view_print_action        (GtkWidget   *widget,
                                                  const char  *name,
                                                  GVariant    *param);
void         tx_reports_view_log_action          (GtkWidget   *widget,
                                                  const char  *name,
                                                  GVariant    *param);
void         tx_reports_view_record_again_action (GtkWidget   *widget,
                                                  const char  *name,
                                                  GVariant    *param);
void         tx_reports_view_print_log_free      (struct PrintLog *l);

G_END_DECLS
