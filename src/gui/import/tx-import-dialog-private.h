/* tx-import-dialog-private.h — the import dialog's parts, for its two
 * files (tx-import-dialog.c: the pages and the work; tx-import-dialog-rows.c:
 * the mapping's rows and the dry run's rows; tx-import-dialog-undo.c: the
 * earlier imports and their undoing) and for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-import-dialog.h"

G_BEGIN_DECLS

struct _TxImportDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkWidget      *cancel_button;
  GtkWidget      *back_button;
  GtkWidget      *next_button;
  GtkStack       *pages;
  AdwStatusPage  *start_page;
  AdwPreferencesGroup *batches_group;
  AdwStatusPage  *error_page;
  AdwStatusPage  *busy_page;
  GtkProgressBar *progress_bar;
  GtkWidget      *sheet_group;
  AdwComboRow    *sheet_row;
  GtkLabel       *mapping_error;
  AdwPreferencesGroup *columns_group;
  GtkBox         *filter_box;
  GtkLabel       *drafts_label;
  GtkListView    *rows_view;
  GtkLabel       *status_label;
  AdwStatusPage  *done_page;
  GtkWidget      *undo_button;
  GtkWidget      *roster_button;

  /* Owned */
  TxStoreService *service;
  GCancellable   *cancellable;   /* the work in progress */
  char           *path;
  TxIntakeSource *source;        /* the file opened: its columns mapped */
  TxImportPlan   *plan;          /* the dry run */
  TxImportBatch  *batch;         /* the import made */
  GPtrArray      *batches;       /* the earlier imports, of TxImportBatch, newest first */
  GPtrArray      *batch_rows;    /* their rows on the start page */
  GCancellable   *batches_cancellable;
  gint64          undoing;       /* the import being undone, and what it did */
  guint           undoing_added;
  guint           undoing_updated;
  GPtrArray      *column_rows;   /* the mapping's AdwComboRows, by column */
  GListStore     *items;         /* the dry run's rows */
  GtkCustomFilter *filter;
  GtkWidget      *filter_buttons[5];  /* all, then by TxImportAction */
  int             shown;         /* the action shown, or -1: all */
  int             progress;      /* thousandths, set on the store's thread */
  guint           pulse_id;
  gboolean        busy;
  gboolean        syncing;       /* the rows are being set from the map */
  const char     *busy_from;     /* the page a cancel goes back to */
};

/* tx-import-dialog-rows.c */
void tx_import_dialog_fill_mapping   (TxImportDialog *self,
                                      const char *const *sheets,
                                      const char *const *samples);
void tx_import_dialog_show_sheet     (TxImportDialog *self);
void tx_import_dialog_fill_plan      (TxImportDialog *self);
void tx_import_dialog_clear_plan     (TxImportDialog *self);
void tx_import_dialog_update_status  (TxImportDialog *self);
void tx_import_dialog_setup_rows     (TxImportDialog *self);

/* tx-import-dialog-undo.c */
void tx_import_dialog_load_batches   (TxImportDialog *self);
void tx_import_dialog_ask_undo       (TxImportDialog      *self,
                                      const TxImportBatch *batch);

/* tx-import-dialog.c */
void tx_import_dialog_open_sheet     (TxImportDialog *self,
                                      int             sheet);
void tx_import_dialog_update_buttons (TxImportDialog *self);
void tx_import_dialog_show_page      (TxImportDialog *self,
                                      const char     *name);
GCancellable *tx_import_dialog_start_work (TxImportDialog *self,
                                           const char     *title,
                                           const char     *text,
                                           const char     *from);
gboolean tx_import_dialog_end_work   (TxImportDialog *self);

G_END_DECLS
