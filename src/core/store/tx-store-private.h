/* tx-store-private.h — for the store's own modules and its tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tx-store.h"
#include "tx-store-monitor.h"
#include "tx-visit.h"

G_BEGIN_DECLS

#define TX_STORE_SCHEMA_VERSION 12

TxStore      *tx_store_open_at_version  (const char  *path,
                                         int          version,
                                         GError     **error);
sqlite3      *tx_store_get_db           (TxStore     *self);
void          tx_store_rollback_to      (TxStore       *self,
                                         int            depth);
int           tx_store_get_depth        (TxStore       *self);
void          tx_store_changed          (TxStore       *self,
                                         TxStoreChange  what);
sqlite3_stmt *tx_store_prepare          (TxStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      tx_store_exec             (TxStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      tx_store_set_error        (TxStore     *self,
                                         int          rc,
                                         GError     **error);
void          tx_store_bind_text        (sqlite3_stmt *stmt,
                                         int           pos,
                                         const char   *text);
char         *tx_store_column_text      (sqlite3_stmt *stmt,
                                         int           col);
gboolean      tx_store_step_done        (TxStore      *self,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
char         *tx_store_now_iso          (void);
char         *tx_store_division_end     (const char   *division);
gboolean      tx_store_step_count       (TxStore      *self,
                                         sqlite3_stmt *stmt,
                                         guint        *count,
                                         GError      **error);

/* Makes one object of the current row of a statement */
typedef gpointer (*TxRowReader) (sqlite3_stmt *stmt);

GPtrArray    *tx_store_collect          (TxStore        *self,
                                         sqlite3_stmt   *stmt,
                                         TxRowReader     read,
                                         GDestroyNotify  free_func,
                                         GError        **error);
GPtrArray    *tx_store_collect_page     (TxStore        *self,
                                         sqlite3_stmt   *page,
                                         int             limit_param,
                                         sqlite3_stmt   *count,
                                         TxRowReader     read,
                                         GDestroyNotify  free_func,
                                         guint           limit,
                                         guint          *total,
                                         GError        **error);
gboolean      tx_store_add_urgent_case  (TxStore        *self,
                                         const char     *case_id,
                                         const TxVisit  *visit,
                                         const char     *opened_at,
                                         const char     *closed_at,
                                         const char     *closed_by,
                                         const char     *note,
                                         GError        **error);
GPtrArray    *tx_store_indexes_drop     (TxStore            *self,
                                         const char         *table,
                                         const char *const  *keep,
                                         GError            **error);
gboolean      tx_store_indexes_create   (TxStore            *self,
                                         GPtrArray          *definitions,
                                         GError            **error);
gboolean      tx_store_seed_services    (TxStore      *self,
                                         GError      **error);
gboolean      tx_store_child_visited    (TxStore      *self,
                                         const char   *id,
                                         const char   *last_home_visit,
                                         GError      **error);

/* Writes the merge of bundles needs (tx-store.c) */
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

G_END_DECLS
