/* tx-store-private.h — for the store's own modules and its tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tx-store.h"
#include "tx-session.h"
#include "tx-store-accounts.h"
#include "tx-store-roles.h"
#include "tx-register.h"
#include "tx-store-monitor.h"
#include "tx-store-exports.h"
#include "tx-store-services.h"
#include "tx-store-urgent.h"
#include "tx-store-visits.h"
#include "tx-visit.h"

G_BEGIN_DECLS

/* Shared by the store's table files (tx-store-*.c), as GNOME Text Editor
 * shares EditorWindow across editor-window-*.c */
struct _TxStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  TxSession   *session;      /* the person who opened it, and the key */
  gboolean     in_use;       /* holds a share of the process's in-use locks */
  GHashTable  *statements;   /* SQL text → sqlite3_stmt */
  int          depth;        /* transaction nesting */
  gboolean     audit_bulk;   /* the open transaction is one bulk change, audited as one entry */
  char        *station_id;
  char        *county;
  char        *township;
  gint64       settings_version;  /* PRAGMA data_version they were read at */

  /* Change notification */
  TxStoreMonitor *monitor;      /* shared by this process's connections to the file */
  TxStoreChange   changing;     /* what the open transaction has changed */
  gint64          seen_version; /* tx_store_poll_changes(): data_version … */
  guint64         seen_local;   /* … and the local commits at the last poll */

  /* SQL built from the form declaration */
  char        *insert_sql;
  char        *update_sql;
  char        *select_sql;
  char        *record_columns;   /* select_sql's columns, of child c */
};

/* Whether a child meets the definition today: the six months here may have
 * passed since the record was saved (tx_today() is today's date, or
 * TONGXING_TODAY's) */
#define ELIGIBLE_NOW "(c.eligible AND (c.eligible_from IS NULL OR c.eligible_from <= tx_today()))"

#define ROW_COLUMNS \
  "c.rowid, c.uuid, c.f_name, c.f_gender, c.f_birth_date, c.f_id_number, " \
  "c.f_residence_division, c.f_child_category, c.f_guardianship, c.f_migration_scope, " \
  "c.f_key_care_reasons, c.f_key_care, c.complete, " ELIGIBLE_NOW ", c.draft, c.next_visit_due, " \
  "c.urgent, c.info_refresh_due, c.eligible_from, c.register, c.exit_reason, c.exit_date, c.ages_out"

/* Meta columns read before the form's columns by select_sql */
#define META_COLUMNS "uuid, created_at, updated_at, station, deleted, draft"
#define N_META 6

#define TX_STORE_SCHEMA_VERSION 30

TxStore      *tx_store_open_at_version  (const char  *path,
                                         int          version,
                                         GError     **error);
sqlite3      *tx_store_get_db           (TxStore     *self);
gboolean      tx_store_apply_key        (TxStore     *self,
                                         gboolean     allow_plain,
                                         GError     **error);
gint64        tx_store_count_of         (sqlite3     *db,
                                         const char  *sql);
int           tx_store_key_connection   (sqlite3     *db,
                                         TxSession   *session);
gboolean      tx_store_load_account     (TxStore     *self,
                                         GError     **error);
GStrv         tx_store_split_villages   (const char  *text);
GBytes       *tx_store_get_secret       (TxStore     *self,
                                         const char  *name);
gboolean      tx_store_set_secret       (TxStore     *self,
                                         const char  *name,
                                         const void  *value,
                                         gsize        len,
                                         GError     **error);
void          tx_store_changed          (TxStore       *self,
                                         TxStoreChange  what);
sqlite3_stmt *tx_store_prepare          (TxStore     *self,
                                         const char  *sql,
                                         GError     **error);
gboolean      tx_store_exec             (TxStore     *self,
                                         const char  *sql,
                                         GError     **error);
int           tx_store_file_errno       (sqlite3     *db);
/* tx-store-record.c: TONGXING_SQL_RECORD, the statements run, for the query-plan guard */
void          tx_store_record_connection (sqlite3     *db);
void          tx_store_record_stop      (sqlite3     *db);
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
char         *tx_store_sql_where        (const char         *head,
                                         const char *const  *conditions,
                                         guint               n,
                                         const char         *tail);
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
gint64        tx_store_table_count      (TxStore            *self,
                                         const char         *table,
                                         GError            **error);
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

/* Settings by their key, for those without a TxSetting: the schedule's,
 * the holidays', the sync clock's (tx-store-settings.c) */
/* An int member of a settings struct, kept as a setting within bounds */
typedef struct {
  const char *key;
  gsize       offset;
  int         min, max;
} TxIntSetting;

void                tx_store_read_int_settings         (TxStore             *self,
                                                        const TxIntSetting  *keys,
                                                        guint                n_keys,
                                                        gpointer             values);
const TxIntSetting *tx_store_int_setting_out_of_bounds (const TxIntSetting  *keys,
                                                        guint                n_keys,
                                                        gconstpointer        values);
gboolean            tx_store_write_int_settings        (TxStore             *self,
                                                        const TxIntSetting  *keys,
                                                        guint                n_keys,
                                                        gconstpointer        values,
                                                        GError             **error);

char     *tx_store_get_setting_by_key (TxStore     *self,
                                       const char  *key);
gboolean  tx_store_set_setting_by_key (TxStore     *self,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);

/* Shared between the store's own files */
/* tx-store.c */
gint64 tx_store_data_version (TxStore *self);

/* tx-store-children.c */
TxRecord *tx_store_record_from_row (sqlite3_stmt *stmt);
TxRecord *tx_store_read_record_at (TxStore  *self,
                                   const char *id,
                                   gint64   *rowid);
void tx_store_register_resolve (TxStore  *self,
                                TxRecord *record);
gboolean tx_store_register_ages_out_all (TxStore            *self,
                                         const TxAgeLimits  *limits,
                                         GError            **error);
void tx_store_register_schedule_base (const char *register_value,
                                      GDate      *registration,
                                      GDate      *last_home_visit,
                                      gboolean   *have_visit);
void tx_store_schedule_record (TxStore     *self,
                               TxRecord    *r,
                               const GDate *updated_on);

/* tx-backup-rotate.c */
gboolean tx_backup_remove_tree (const char *path);

/* tx-store-lock.c */
void tx_store_in_use_hold (const char *path);
void tx_store_in_use_release (const char *path);

/* tx-store-schema.c */
gboolean tx_store_migrate (TxStore  *self,
                           int       target,
                           GError  **error);
void tx_store_build_sql (TxStore *self);

/* tx-store-search.c */
char *tx_store_reversed (const char *s);
gboolean tx_store_insert_grams (TxStore     *self,
                                gint64       rowid,
                                const char  *name,
                                const char  *sort_key,
                                GError     **error);
gboolean tx_store_mark_grams   (TxStore     *self,
                                gint64       rowid,
                                GError     **error);
gboolean tx_store_delete_grams (TxStore     *self,
                                gint64       rowid,
                                GError     **error);
gboolean tx_store_index_names (TxStore   *self,
                               GError   **error);

/* tx-store-settings.c */
gboolean tx_store_read_holidays (TxStore  *self,
                                 GError  **error);
void tx_store_read_unit (TxStore *self);
void tx_store_refresh_unit (TxStore *self);
gboolean tx_store_load_settings (TxStore  *self,
                                 GError  **error);

/* tx-store-roles.c: a director's villages, bound to the parameter of
 * TX_MINE(); NULL (everybody else) makes the condition true */
char *tx_store_villages_json (TxStore *self);
/* " AND <column> is one of the director's villages", the villages' JSON
 * bound to parameter n (a number literal) */
#define TX_MINE(column, n) " AND (?" #n " IS NULL OR " column " IN (SELECT value FROM json_each(?" #n ")))"
/* " AND <column>, a child's id, is one of a director's children": their
 * villages' children through child_village (CROSS JOIN keeps json_each
 * outside; the other way round walked every child) */
#define TX_MINE_CHILD(column, n) " AND (?" #n " IS NULL OR " column " IN (SELECT c.uuid FROM " \
  "json_each (?" #n ") j CROSS JOIN child c ON c.f_residence_division = j.value WHERE c.deleted = 0))"

/* tx-store-services.c */
gboolean tx_store_care_service_usable (TxStore    *self,
                                       const char *id);

/* tx-store-audit.c: rows of the trail, for its branches (tx-store-audit-fork.c) */
gpointer tx_audit_entry_from_row      (sqlite3_stmt *stmt);
gpointer tx_audit_checkpoint_from_row (sqlite3_stmt *stmt);

G_END_DECLS
