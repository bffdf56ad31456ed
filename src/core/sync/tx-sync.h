/* tx-sync.h — what sync leaves for a person: conflicts and possible duplicates
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* What a bundle holds, and what importing it did */
typedef struct {
  guint children;      /* records in the payload, tombstones included */
  guint visits;
  guint urgent_cases;
  guint services;
  guint tombstones;
  guint transfers;     /* moves between townships of the county */
  guint added;         /* records new here */
  guint updated;       /* records that changed here */
  guint unchanged;     /* records that brought nothing new */
  guint conflicts;     /* fields edited on both sides: one value kept, the other queued */
  guint duplicates;    /* identity numbers now on two records */
  guint deleted;       /* records deleted here by a tombstone */
  /* what an import did, as a person counts it */
  guint children_added;
  guint children_updated;
  guint children_unchanged;
  guint visits_added;
  guint urgent_changed;   /* urgent cases new or changed here */
  guint services_changed; /* entries of the service list new or changed here */
  guint transfers_changed; /* transfers new or decided here */
  guint audit;            /* entries of the sender's audit trail in the payload */
  guint audit_added;      /* of them, new here */
} TxSyncCounts;

/* The same field changed at two stations: the value every station keeps
 * (the later change) and the other, until a person settles it */
typedef struct {
  gint64  id;
  char   *tbl;        /* "child", "urgent", "service" or "transfer" */
  char   *uuid;
  char   *field;      /* the form's key, or the column */
  char   *name;       /* the child's name, or the service's */
  char   *mine;       /* this station's value before the import */
  char   *theirs;     /* the value that came */
  char   *kept;       /* "mine" or "theirs": which one the record holds */
  char   *station;    /* the station the other value came from */
  char   *at;         /* when the import found it */
} TxConflict;

/* One identity number on two records, registered at two stations */
typedef struct {
  gint64  id;
  char   *id_number;
  char   *a, *b;          /* the two children's ids */
  char   *name_a, *name_b;
  char   *at;
} TxDuplicate;

void        tx_conflict_free               (TxConflict   *conflict);
void        tx_duplicate_free              (TxDuplicate  *duplicate);
GPtrArray  *tx_store_conflicts             (TxStore      *self,
                                            GError      **error);
const char *tx_conflict_field_title        (const TxConflict *conflict);
char       *tx_conflict_value_text         (const TxConflict *conflict,
                                            const char   *value);
gboolean    tx_store_conflict_resolve      (TxStore      *self,
                                            gint64        id,
                                            gboolean      keep_mine,
                                            GError      **error);
GPtrArray  *tx_store_duplicates            (TxStore      *self,
                                            GError      **error);
gboolean    tx_store_duplicate_resolve     (TxStore      *self,
                                            gint64        id,
                                            const char   *keep,
                                            GError      **error);
char       *tx_sync_counts_summary         (const TxSyncCounts *counts);
char       *tx_sync_dump                   (TxStore      *self,
                                            GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxConflict, tx_conflict_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxDuplicate, tx_duplicate_free)

G_END_DECLS
