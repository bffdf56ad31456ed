/* tx-store-imports.h — imports of ledgers, kept to be undone (tx-store-imports.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* An import of a ledger, as the store keeps it */
typedef struct {
  gint64  id;
  char   *at;          /* ISO 8601 UTC */
  char   *who;
  char   *file;        /* the file's name, without its folder */
  char   *sheet;
  guint   added;
  guint   updated;
  char   *undone_at;   /* or NULL */
} TxImportBatch;

/* The history's entry that says where a record came from */
#define TX_CHANGE_SOURCE "@source"

gint64     tx_store_import_batch_new   (TxStore        *self,
                                        const char     *file,
                                        const char     *sheet,
                                        GError        **error);
gboolean   tx_store_import_note_child  (TxStore        *self,
                                        gint64          batch,
                                        const char     *child_id,
                                        guint           row,
                                        const TxRecord *before,
                                        const char     *source,
                                        GError        **error);
gboolean   tx_store_import_batch_done  (TxStore        *self,
                                        gint64          batch,
                                        guint           added,
                                        guint           updated,
                                        GError        **error);
GPtrArray *tx_store_import_batches     (TxStore        *self,
                                        GError        **error);
gboolean   tx_store_import_undo        (TxStore        *self,
                                        gint64          batch,
                                        GError        **error);
void       tx_import_batch_free        (TxImportBatch  *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxImportBatch, tx_import_batch_free)

G_END_DECLS
