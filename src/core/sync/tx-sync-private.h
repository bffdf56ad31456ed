/* tx-sync-private.h — field versions and the merge, for the store and bundles
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-store-private.h"
#include "tx-store-versions.h"
#include "tx-sync.h"

G_BEGIN_DECLS

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSyncApply, tx_sync_apply_free)

G_END_DECLS
