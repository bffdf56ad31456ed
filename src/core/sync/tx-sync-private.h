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
                                  gint64             *audit_upto,
                                  GCancellable       *cancellable,
                                  GError            **error);

typedef struct _TxSyncApply TxSyncApply;

TxSyncApply *tx_sync_apply_new   (TxStore            *self,
                                  const char         *sender,
                                  const char         *sender_name);
void      tx_sync_apply_set_restored (TxSyncApply    *apply,
                                      gint64          restored,
                                      gint64          bundle_seq);
gboolean  tx_sync_apply_forked   (TxSyncApply        *apply);
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

/* What the export writes and the merge reads (tx-sync-export.c) */
#define VISIT_SYNC_COLUMNS \
  "created_at, updated_at, station, child, date, visitor, kind, living, guardianship_found, " \
  "medical_schooling, care_services, needs, actions, follow_up, services, guardianship, " \
  "guardianship_problem, urgent, police_reported_at, police_station, police_officer, " \
  "police_receipt, police_measures, complete, deleted"

extern const char *const tx_sync_visit_columns[TX_SYNC_VISIT_VALUES - 1];

/* A table whose rows travel with some columns fixed and some versioned */
typedef struct {
  const char        *tbl;
  const char        *table;
  const char        *key;
  const char *const *fixed;   /* written once, with the row */
  const char *const *fields;  /* versioned */
} TxSyncRowTable;

extern const TxSyncRowTable tx_sync_urgent_table;
extern const TxSyncRowTable tx_sync_service_table;
extern const TxSyncRowTable tx_sync_transfer_table;
char     *tx_sync_row_select_sql (const TxSyncRowTable *t);

/* A line of a payload as the reading thread parsed it: a visit's in the
 * shape the export writes is read here directly (nine lines in ten of a
 * county's bundle: json-glib took a third of the import to parse and free
 * them), any other line by json-glib */
struct _TxSyncLine {
  JsonNode   *node;
  gboolean    is_visit;
  const char *visit[TX_SYNC_VISIT_VALUES];
  char        text[];               /* the visit's strings, one after another */
};

/* How a field merges (tx-sync.c) */
typedef enum {
  TX_MERGE_SKIP,       /* nothing new */
  TX_MERGE_TAKE,       /* theirs follows ours */
  TX_MERGE_KEEP,       /* concurrent: ours is later; the merged vector */
  TX_MERGE_REPLACE,    /* concurrent: theirs is later */
} TxMerge;

TxMerge   tx_sync_merge_field    (const TxVersion    *l,
                                  const TxVersion    *i,
                                  TxVersion          *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSyncApply, tx_sync_apply_free)

G_END_DECLS
