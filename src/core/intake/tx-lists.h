/* tx-lists.h — a department's list imported: its rows kept as entries
 * for the comparison (tx-lists.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-intake.h"
#include "tx-store-lists.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

/* What importing a list did */
typedef struct {
  gint64     list;      /* the list's id */
  char      *name;
  guint      rows;      /* rows read under the header */
  guint      imported;  /* entries kept */
  GPtrArray *refused;   /* of TxRowProblem: the rows not kept, and why */
} TxListImport;

TxListImport *tx_list_import          (TxStore               *store,
                                       TxIntakeSource        *source,
                                       TxDepartment           department,
                                       const char            *name,
                                       const char            *date,
                                       GFileProgressCallback  progress,
                                       gpointer               progress_data,
                                       GCancellable          *cancellable,
                                       GError               **error);
char         *tx_list_import_to_json  (const TxListImport    *result);

/* The same on the store service's thread, for the window */
void          tx_list_import_async    (TxStoreService        *service,
                                       TxIntakeSource        *source,
                                       TxDepartment           department,
                                       const char            *name,
                                       const char            *date,
                                       int                   *progress,
                                       GCancellable          *cancellable,
                                       GAsyncReadyCallback    callback,
                                       gpointer               user_data);
TxListImport *tx_list_import_finish   (TxStoreService        *service,
                                       GAsyncResult          *result,
                                       GError               **error);
void          tx_lists_progress_thousandths (goffset          current,
                                             goffset          total,
                                             gpointer         data);
void          tx_list_import_free     (TxListImport          *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxListImport, tx_list_import_free)

G_END_DECLS
