/* tx-sync-private.h — field versions and the merge, for the store and bundles
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-store-private.h"
#include "tx-sync.h"

G_BEGIN_DECLS

/* Local changes: called by the store inside the change's transaction */
gboolean  tx_sync_touch          (TxStore            *self,
                                  const char         *tbl,
                                  const char         *uuid,
                                  const char *const  *fields,
                                  GError            **error);
gboolean  tx_sync_child_saved    (TxStore            *self,
                                  const TxRecord     *before,
                                  const TxRecord     *after,
                                  GError            **error);
gboolean  tx_sync_child_deleted  (TxStore            *self,
                                  const char         *uuid,
                                  GError            **error);

/* The payload of a bundle: one JSON object a line */
typedef gboolean (*TxSyncLineFunc) (const char  *line,
                                    gsize        len,
                                    gpointer     data,
                                    GError     **error);

gboolean  tx_sync_export_lines   (TxStore            *self,
                                  const char         *recipient,
                                  gboolean           *full,
                                  TxSyncLineFunc      func,
                                  gpointer            data,
                                  TxSyncCounts       *counts,
                                  gint64             *upto,
                                  GCancellable       *cancellable,
                                  GError            **error);

typedef struct _TxSyncApply TxSyncApply;

TxSyncApply *tx_sync_apply_new   (TxStore            *self,
                                  const char         *sender,
                                  const char         *sender_name);
typedef struct _TxSyncLine TxSyncLine;

TxSyncLine *tx_sync_line_parse   (JsonParser         *parser,
                                  const char         *line,
                                  gsize               len);
void      tx_sync_line_free      (TxSyncLine         *line);
const char *const *tx_sync_line_visit (const TxSyncLine *line);
#define TX_SYNC_VISIT_VALUES 26   /* a visit line's id and columns */
gboolean  tx_sync_apply_parsed   (TxSyncApply        *apply,
                                  const TxSyncLine   *line,
                                  GError            **error);
gboolean  tx_sync_apply_line     (TxSyncApply        *apply,
                                  const char         *line,
                                  gsize               len,
                                  GError            **error);
gboolean  tx_sync_apply_finish   (TxSyncApply        *apply,
                                  TxSyncCounts       *counts,
                                  GError            **error);
void      tx_sync_apply_free     (TxSyncApply        *apply);

/* Store-private writes the merge needs (tx-store.c) */
TxRecord *tx_store_read_record        (TxStore         *self,
                                       const char      *uuid,
                                       gint64          *rowid);
gboolean  tx_store_child_write_merged (TxStore         *self,
                                       TxRecord        *merged,
                                       gint64           rowid,
                                       const TxRecord  *before,
                                       const char      *station,
                                       const char      *editor,
                                       GError         **error);
gboolean  tx_store_children_revisited (TxStore         *self,
                                       GHashTable      *ids,
                                       GError         **error);
gboolean  tx_store_child_erase        (TxStore         *self,
                                       gint64           rowid,
                                       const char      *station,
                                       GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSyncApply, tx_sync_apply_free)

G_END_DECLS
