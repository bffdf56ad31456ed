/* tx-intake-service.h — ledgers opened, planned, imported and undone on the
 * store service's thread: the window's typed calls (tx-intake-service.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-import.h"
#include "tx-store-imports.h"
#include "tx-store-service.h"

G_BEGIN_DECLS

/* A file opened for the mapping page: its sheet's columns found, the
 * names of its sheets for a switcher, and a few values of each column */
typedef struct {
  TxIntakeSource *source;
  GStrv           sheets;
  GStrv           samples;   /* by the map's columns: the values of the first
                              * rows under the header, joined by "、" or ", ";
                              * identity numbers masked */
} TxIntakeOpened;

void            tx_intake_opened_free   (TxIntakeOpened *opened);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxIntakeOpened, tx_intake_opened_free)

void            tx_intake_open_async    (TxStoreService       *service,
                                         const char           *path,
                                         int                   sheet,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
TxIntakeOpened *tx_intake_open_finish   (TxStoreService       *service,
                                         GAsyncResult         *result,
                                         GError              **error);
void            tx_import_plan_async    (TxStoreService       *service,
                                         TxIntakeSource       *source,
                                         int                  *progress,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
TxImportPlan   *tx_import_plan_finish   (TxStoreService       *service,
                                         GAsyncResult         *result,
                                         GError              **error);
void            tx_import_apply_async   (TxStoreService       *service,
                                         TxImportPlan         *plan,
                                         int                  *progress,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
TxImportBatch  *tx_import_apply_finish  (TxStoreService       *service,
                                         GAsyncResult         *result,
                                         GError              **error);
void            tx_import_undo_async    (TxStoreService       *service,
                                         gint64                batch,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean        tx_import_undo_finish   (TxStoreService       *service,
                                         GAsyncResult         *result,
                                         GError              **error);
void            tx_import_batches_async (TxStoreService       *service,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GPtrArray      *tx_import_batches_finish (TxStoreService      *service,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
