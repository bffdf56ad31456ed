/* tx-store.c — the local SQLite store
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One file per workstation, opened with WAL and full synchronisation. Every
 * statement binds its parameters; statements are prepared once and cached.
 * The child table has a column "f_<key>" per field of the form declaration;
 * columns for newly declared fields are added when the store is opened.
 *
 * A TxStore is used from one thread at a time. A program that reads from a
 * worker thread opens a second TxStore on the same file (WAL lets readers and
 * the writer go on side by side).
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-store-monitor.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"

struct _TxStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  gboolean     in_use;       /* holds a share of the process's in-use locks */
  GHashTable  *statements;   /* SQL text → sqlite3_stmt */
  int          depth;        /* transaction nesting */
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

G_DEFINE_FINAL_TYPE (TxStore, tx_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tx-store-error-quark, tx_store_error)

/* held while a store's file may be created and opened: see tx_store_open_at_version() */
static GMutex create_lock;

/* Whether a child meets the definition today: the six months here may have
 * passed since the record was saved (tx_today() is today's date, or
 * TONGXING_TODAY's) */
#define ELIGIBLE_NOW "(c.eligible AND (c.eligible_from IS NULL OR c.eligible_from <= tx_today()))"

#define ROW_COLUMNS \
  "c.rowid, c.uuid, c.f_name, c.f_gender, c.f_birth_date, c.f_id_number, " \
  "c.f_residence_division, c.f_child_category, c.f_guardianship, c.f_migration_scope, " \
  "c.f_key_care_reasons, c.f_key_care, c.complete, " ELIGIBLE_NOW ", c.draft, c.next_visit_due, " \
  "c.urgent, c.info_refresh_due, c.eligible_from"

/* Meta columns read before the form's columns by select_sql */
#define META_COLUMNS "uuid, created_at, updated_at, station, deleted, draft"
#define N_META 6

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void in_use_release (const char *path);

static void
tx_store_finalize (GObject *object)
{
  TxStore *self = TX_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->in_use)
    in_use_release (self->path);
  if (self->db)
    {
      sqlite3_wal_hook (self->db, NULL, NULL);
      sqlite3_update_hook (self->db, NULL, NULL);
      sqlite3_rollback_hook (self->db, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_clear_object (&self->monitor);
  g_free (self->path);
  g_free (self->station_id);
  g_free (self->county);
  g_free (self->township);
  g_free (self->insert_sql);
  g_free (self->update_sql);
  g_free (self->select_sql);
  g_free (self->record_columns);

  G_OBJECT_CLASS (tx_store_parent_class)->finalize (object);
}

static void
tx_store_class_init (TxStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_store_finalize;
}

/* The statement cache is keyed by the SQL text, some of it kilobytes long
 * (a child's insert names every field) and looked up for every record an
 * import writes: hashed by its length and its first and last 32 bytes
 * (g_str_hash went through every byte, 5 % of an import); equal texts are
 * still compared whole */
static guint
sql_hash (gconstpointer key)
{
  const char *sql = key;
  gsize len = strlen (sql);
  guint h = len;

  for (gsize i = 0; i < MIN (len, 32); i++)
    h = h * 31 + (guchar) sql[i];
  for (gsize i = len > 64 ? len - 32 : MIN (len, 32); i < len; i++)
    h = h * 31 + (guchar) sql[i];
  return h;
}

static void
tx_store_init (TxStore *self)
{
  self->statements = g_hash_table_new_full (sql_hash, g_str_equal, g_free, finalize_stmt);
}

/**
 * tx_store_default_path:
 *
 * `$TONGXING_DB`, or tongxing.db in the user's data directory.
 *
 * Returns: (transfer full): the path of the store to open
 */
char *
tx_store_default_path (void)
{
  const char *env = g_getenv ("TONGXING_DB");

  if (env && *env)
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "tongxing", "tongxing.db", NULL);
}

gboolean
tx_store_set_error (TxStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL,
                   _("The disk holding %s is full. Free some space and try again; "
                     "nothing has been changed."), self->path);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s is damaged or is not a Tongxing database (%s). Restore it from "
                     "a backup, or open another file."), self->path, detail);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s cannot be opened for writing (%s). Check that the file and its "
                     "folder are yours and writable."), self->path, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s is busy in another program. Close the other program and try "
                     "again."), self->path);
      break;
    default:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("The database %s reported an error: %s."), self->path, detail);
      break;
    }
  return FALSE;
}

/**
 * tx_store_prepare:
 *
 * Returns: (transfer none): a reset statement from the cache
 */
sqlite3_stmt *
tx_store_prepare (TxStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
tx_store_exec (TxStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

sqlite3 *
tx_store_get_db (TxStore *self)
{
  return self->db;
}

const char *
tx_store_get_path (TxStore *self)
{
  return self->path;
}

void
tx_store_bind_text (sqlite3_stmt *stmt,
           int           pos,
           const char   *text)
{
  if (text)
    sqlite3_bind_text (stmt, pos, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, pos);
}

char *
tx_store_column_text (sqlite3_stmt *stmt,
             int           col)
{
  const unsigned char *t = sqlite3_column_text (stmt, col);

  return t ? g_strdup ((const char *) t) : NULL;
}

/**
 * tx_store_collect:
 * @stmt: a prepared, bound statement
 * @read: makes an object of a row
 * @free_func: frees one
 *
 * Steps through the statement and resets it.
 *
 * Returns: (transfer full) (nullable): the objects, or %NULL with @error set
 */
GPtrArray *
tx_store_collect (TxStore         *self,
                  sqlite3_stmt    *stmt,
                  TxRowReader      read,
                  GDestroyNotify   free_func,
                  GError         **error)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, read (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (out);
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return out;
}

/**
 * tx_store_collect_page:
 * @page: a statement whose last parameter, @limit_param, is its LIMIT
 * @count: (nullable): a statement bound like @page whose one row counts
 *   every row @page would list without the limit
 * @limit: at most this many rows, 0 for all
 * @total: (out) (optional): how many rows there are in all
 *
 * A page of rows, and the count of all of them only when the page is full.
 */
GPtrArray *
tx_store_collect_page (TxStore         *self,
                       sqlite3_stmt    *page,
                       int              limit_param,
                       sqlite3_stmt    *count,
                       TxRowReader      read,
                       GDestroyNotify   free_func,
                       guint            limit,
                       guint           *total,
                       GError         **error)
{
  g_autoptr(GPtrArray) rows = NULL;

  sqlite3_bind_int64 (page, limit_param, limit ? (gint64) limit : -1);
  rows = tx_store_collect (self, page, read, free_func, error);
  if (rows == NULL || total == NULL)
    return g_steal_pointer (&rows);
  if (limit == 0 || rows->len < limit || count == NULL)
    {
      *total = rows->len;
      return g_steal_pointer (&rows);
    }
  if (!tx_store_step_count (self, count, total, error))
    return NULL;
  return g_steal_pointer (&rows);
}

/* Runs a statement that returns nothing, then resets it */
gboolean
tx_store_step_done (TxStore       *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static gint64 data_version (TxStore *self);
static void read_unit (TxStore *self);

gboolean
tx_store_begin (TxStore  *self,
                GError  **error)
{
  if (self->depth == 0 && !tx_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* what this transaction reads is what others have committed: the
   * workstation may have been set up again meanwhile */
  if (self->depth == 0 && data_version (self) != self->settings_version)
    read_unit (self);
  if (self->depth > 0 && !tx_store_exec (self, "SAVEPOINT nested", error))
    return FALSE;
  self->depth++;
  return TRUE;
}

gboolean
tx_store_commit (TxStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (self->depth > 0, FALSE);
  if (!tx_store_exec (self, self->depth == 1 ? "COMMIT" : "RELEASE nested", error))
    {
      tx_store_rollback (self);
      return FALSE;
    }
  self->depth--;
  return TRUE;
}

/**
 * tx_store_rollback_to:
 * @depth: the nesting the caller found before its tx_store_begin()
 *
 * Undoes what the caller began, if a failed commit has not already: a
 * commit that fails rolls its own level back, and a second rollback would
 * undo the level of the caller's caller too.
 */
void
tx_store_rollback_to (TxStore *self,
                      int      depth)
{
  while (self->depth > depth)
    tx_store_rollback (self);
}

int
tx_store_get_depth (TxStore *self)
{
  return self->depth;
}

void
tx_store_rollback (TxStore *self)
{
  g_return_if_fail (self->depth > 0);
  if (self->depth == 1)
    {
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      /* settings read inside it (a setup that failed) are read again */
      self->settings_version = -1;
    }
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  self->depth--;
}

/**
 * tx_store_indexes_drop:
 * @table: a table
 * @keep: (array zero-terminated=1): indexes the caller still needs
 *
 * Drops @table's indexes (those migrations made, not the ones of its keys
 * and unique columns), in the caller's transaction, for a bulk load that
 * builds them again at the end with tx_store_indexes_create(): one sort
 * each instead of an insert at a random place for every row.
 *
 * Returns: (transfer full) (nullable) (element-type utf8): the dropped
 *   indexes' definitions, as the schema holds them
 */
GPtrArray *
tx_store_indexes_drop (TxStore            *self,
                       const char         *table,
                       const char *const  *keep,
                       GError            **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) definitions = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = tx_store_prepare (self, "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 "
                                 "AND sql IS NOT NULL ORDER BY name", error);
  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, table);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (keep && g_strv_contains (keep, name))
        continue;
      g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_add (definitions, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  for (guint i = 0; i < names->len; i++)
    {
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", (const char *) names->pdata[i]);
      gboolean ok = tx_store_exec (self, sql, error);

      sqlite3_free (sql);
      if (!ok)
        return NULL;
    }
  return g_steal_pointer (&definitions);
}

/**
 * tx_store_indexes_create:
 * @definitions: (element-type utf8): what tx_store_indexes_drop() returned
 *
 * Builds the dropped indexes again, in the caller's transaction.
 */
gboolean
tx_store_indexes_create (TxStore    *self,
                         GPtrArray  *definitions,
                         GError    **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *restore = NULL;
  gboolean ok = TRUE;

  /* the sorts take memory by the page cache's size: the usual one while
   * they run, spilling to temporary files beyond it */
  stmt = tx_store_prepare (self, "PRAGMA cache_size", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    restore = g_strdup_printf ("PRAGMA cache_size = %lld", (long long) sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (!tx_store_exec (self, "PRAGMA cache_size = -16000", error))
    return FALSE;
  for (guint i = 0; ok && i < definitions->len; i++)
    ok = tx_store_exec (self, definitions->pdata[i], error);
  if (restore)
    tx_store_exec (self, restore, NULL);
  return ok;
}

/* Schema and migrations */

static const char *const migrations[] = {
  /* 1: settings and the children, with bookkeeping for sync */
  "CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE child ("
  "  rowid INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  station TEXT NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  draft INTEGER NOT NULL DEFAULT 0,"
  "  complete INTEGER NOT NULL DEFAULT 0,"
  "  eligible INTEGER NOT NULL DEFAULT 0,"
  "  f_name TEXT, f_birth_date TEXT, f_id_number TEXT, f_residence_division TEXT,"
  "  f_key_care TEXT);"
  "CREATE UNIQUE INDEX child_id_number ON child (f_id_number)"
  "  WHERE deleted = 0 AND f_id_number IS NOT NULL;",

  /* 2: search — pinyin sort key and initials, reversed identity number for
   * search by its last digits, and one- and two-character grams of names */
  "ALTER TABLE child ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN initials TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN given_initials TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE child ADD COLUMN id_rev TEXT;"
  "CREATE TABLE name_gram (gram TEXT NOT NULL, sort_key TEXT NOT NULL,"
  "  child INTEGER NOT NULL, PRIMARY KEY (gram, sort_key, child)) WITHOUT ROWID;"
  "CREATE INDEX child_sort ON child (sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_initials ON child (initials, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_given_initials ON child (given_initials, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_id_rev ON child (id_rev) WHERE deleted = 0;"
  "CREATE INDEX child_name_birth ON child (f_name, f_birth_date) WHERE deleted = 0;"
  "CREATE INDEX child_village ON child (f_residence_division, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_key_care ON child (f_key_care, sort_key) WHERE deleted = 0;"
  "CREATE INDEX child_complete ON child (complete, sort_key) WHERE deleted = 0;",

  /* 3: history of changes to each record: who, when, what */
  "CREATE TABLE child_change ("
  "  id INTEGER PRIMARY KEY,"
  "  child INTEGER NOT NULL REFERENCES child (rowid),"
  "  at TEXT NOT NULL,"
  "  station TEXT NOT NULL,"
  "  editor TEXT,"
  "  field TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT);"
  "CREATE INDEX child_change_child ON child_change (child, id);",

  /* 4: when each child is due for a home visit and an information update;
   * indexed, so "who is due this month" reads only those children */
  "ALTER TABLE child ADD COLUMN next_visit_due TEXT;"
  "ALTER TABLE child ADD COLUMN info_refresh_due TEXT;"
  "ALTER TABLE child ADD COLUMN last_home_visit TEXT;"
  "CREATE INDEX child_next_visit ON child (next_visit_due) WHERE deleted = 0;"
  "CREATE INDEX child_info_refresh ON child (info_refresh_due) WHERE deleted = 0;",

  /* 5: visits and the list of care services (关爱服务清单) */
  "CREATE TABLE service ("
  "  id TEXT PRIMARY KEY, grp TEXT NOT NULL, zh TEXT NOT NULL, en TEXT NOT NULL DEFAULT '',"
  "  retired INTEGER NOT NULL DEFAULT 0, position INTEGER NOT NULL DEFAULT 0,"
  "  updated_at TEXT NOT NULL, station TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE TABLE visit ("
  "  rowid INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL, station TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,"
  "  child TEXT NOT NULL, date TEXT NOT NULL, visitor TEXT, kind TEXT NOT NULL,"
  "  living TEXT, guardianship_found TEXT, medical_schooling TEXT, care_services TEXT,"
  "  needs TEXT, actions TEXT, follow_up TEXT, services TEXT,"
  "  guardianship TEXT, guardianship_problem TEXT, urgent TEXT,"
  "  police_reported_at TEXT, police_station TEXT, police_officer TEXT, police_receipt TEXT,"
  "  police_measures TEXT, complete INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX visit_child ON visit (child, date) WHERE deleted = 0;"
  "CREATE INDEX visit_date ON visit (date) WHERE deleted = 0;",

  /* 6: urgent situations: a case per visit that raised one, open until a
   * supervisor closes it with a note; the child is marked urgent meanwhile */
  "ALTER TABLE child ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE urgent_case ("
  "  uuid TEXT PRIMARY KEY, child TEXT NOT NULL, visit TEXT NOT NULL, situations TEXT NOT NULL,"
  "  opened_at TEXT NOT NULL, closed_at TEXT, closed_by TEXT, note TEXT,"
  "  station TEXT NOT NULL) WITHOUT ROWID;"
  "CREATE INDEX urgent_open ON urgent_case (child) WHERE closed_at IS NULL;"
  "CREATE INDEX child_urgent ON child (urgent) WHERE deleted = 0 AND urgent = 1;",

  /* 7: the calendar's staff filter lists who visited, by this index alone */
  "CREATE INDEX visit_visitor ON visit (visitor, date) WHERE deleted = 0;",

  /* 8: the calendar reads the due-date index alone: a month's counts with
   * the urgent flag and the village in it (a month of 70,000 children due
   * took 126 ms in row lookups), a day's first page in name order */
  "DROP INDEX child_next_visit;"
  "CREATE INDEX child_next_visit ON child (next_visit_due, sort_key, urgent, f_residence_division) "
  "WHERE deleted = 0;",

  /* 9: every export and print: who, when, what and how many children */
  "CREATE TABLE export_log (rowid INTEGER PRIMARY KEY, at TEXT NOT NULL, station TEXT NOT NULL,"
  "  who TEXT, what TEXT NOT NULL, detail TEXT, children INTEGER NOT NULL);",

  /* 10: sync by signed bundles (docs/bundle-format.md). The stations this
   * one trusts, with the sequence and hash of the bundles exchanged; the
   * version of every field changed since the record was made (hybrid
   * logical clock, station, version vector); a local change counter per
   * record for incremental bundles; the conflicts and possible duplicates
   * that imports found, for a person to settle. An identity number may now
   * stand on two records, flagged, when two stations registered one child:
   * the store itself still refuses a second one (tx_store_child_find_id_number). */
  "CREATE TABLE station (id TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL DEFAULT '',"
  "  county TEXT, township TEXT, sign_pk BLOB NOT NULL, box_pk BLOB NOT NULL, key_id BLOB NOT NULL,"
  "  fingerprint TEXT NOT NULL, trusted_at TEXT NOT NULL, revoked_at TEXT,"
  "  in_seq INTEGER NOT NULL DEFAULT 0, in_hash BLOB, in_at TEXT,"
  "  out_seq INTEGER NOT NULL DEFAULT 0, out_hash BLOB, out_at TEXT,"
  "  acked_upto INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
  "CREATE TABLE bundle_out (station TEXT NOT NULL, seq INTEGER NOT NULL, upto INTEGER NOT NULL,"
  "  hash BLOB NOT NULL, at TEXT NOT NULL, PRIMARY KEY (station, seq)) WITHOUT ROWID;"
  "CREATE TABLE bundle_in (hash BLOB PRIMARY KEY, station TEXT NOT NULL, seq INTEGER NOT NULL,"
  "  at TEXT NOT NULL, summary TEXT) WITHOUT ROWID;"
  "CREATE TABLE field_version (tbl TEXT NOT NULL, uuid TEXT NOT NULL, field TEXT NOT NULL,"
  "  hlc INTEGER NOT NULL, station TEXT NOT NULL, vv TEXT NOT NULL,"
  "  PRIMARY KEY (tbl, uuid, field)) WITHOUT ROWID;"
  "CREATE TABLE sync_record (tbl TEXT NOT NULL, uuid TEXT NOT NULL, seq INTEGER NOT NULL, origin TEXT,"
  "  PRIMARY KEY (tbl, uuid)) WITHOUT ROWID;"
  "CREATE INDEX sync_record_seq ON sync_record (seq);"
  "CREATE TABLE conflict (id INTEGER PRIMARY KEY, tbl TEXT NOT NULL, uuid TEXT NOT NULL,"
  "  field TEXT NOT NULL, mine TEXT, theirs TEXT, kept TEXT NOT NULL, station TEXT NOT NULL,"
  "  at TEXT NOT NULL, resolved_at TEXT, resolution TEXT);"
  "CREATE INDEX conflict_open ON conflict (tbl, uuid, field) WHERE resolved_at IS NULL;"
  "CREATE TABLE duplicate (id INTEGER PRIMARY KEY, id_number TEXT NOT NULL, a TEXT NOT NULL,"
  "  b TEXT NOT NULL, at TEXT NOT NULL, resolved_at TEXT, kept TEXT, UNIQUE (a, b));"
  "DROP INDEX child_id_number;"
  "CREATE INDEX child_id_number ON child (f_id_number) WHERE deleted = 0 AND f_id_number IS NOT NULL;",

  /* 11: a record's local change counter and where the change came from now
   * stand on the record's own row, not in a table of their own keyed by its
   * random id: a county's first bundle wrote 2.4 million rows at random
   * places of that table (a fifth of the import; 360 MB of a 1.8 GB store).
   * The counter's indexes fill in order. */
  "ALTER TABLE child ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE child ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE visit ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE visit ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE urgent_case ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE urgent_case ADD COLUMN sync_origin TEXT;"
  "ALTER TABLE service ADD COLUMN sync_seq INTEGER;"
  "ALTER TABLE service ADD COLUMN sync_origin TEXT;"
  "UPDATE child SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'child' AND r.uuid = child.uuid;"
  "UPDATE visit SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'visit' AND r.uuid = visit.uuid;"
  "UPDATE urgent_case SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'urgent' AND r.uuid = urgent_case.uuid;"
  "UPDATE service SET sync_seq = r.seq, sync_origin = r.origin FROM sync_record r "
  "  WHERE r.tbl = 'service' AND r.uuid = service.id;"
  "DROP TABLE sync_record;"
  "CREATE INDEX child_sync ON child (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX visit_sync ON visit (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX urgent_sync ON urgent_case (sync_seq) WHERE sync_seq IS NOT NULL;"
  "CREATE INDEX service_sync ON service (sync_seq) WHERE sync_seq IS NOT NULL;",

  /* 12: the day a child's six months here are up, when they were not at
   * registration: whether the child meets the definition is worked out
   * against today (ELIGIBLE_NOW), not kept from the day of the save. Every
   * child's derived values are worked out again (rederive_children): the
   * eligibility, and the key-care situations of the parents (孤儿,
   * 事实无人抚养, 服刑和戒毒人员子女) with the next visit they bring. */
  "ALTER TABLE child ADD COLUMN eligible_from TEXT;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == TX_STORE_SCHEMA_VERSION);

static int
user_version (TxStore *self)
{
  sqlite3_stmt *stmt;
  int v = -1;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK)
    {
      if (sqlite3_step (stmt) == SQLITE_ROW)
        v = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
    }
  return v;
}

int
tx_store_get_schema_version (TxStore *self)
{
  return user_version (self);
}

/* Adds a column for each declared field the child table lacks */
static gboolean
ensure_form_columns (TxStore  *self,
                     GError  **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA table_info(child)", -1, &stmt, NULL) != SQLITE_OK)
    return tx_store_set_error (self, sqlite3_errcode (self->db), error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (have, tx_store_column_text (stmt, 1));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < form->n_fields; i++)
    {
      g_autofree char *col = g_strconcat ("f_", form->fields[i].key, NULL);
      g_autofree char *sql = NULL;

      if (g_hash_table_contains (have, col))
        continue;
      /* column names come from the compiled-in declaration, never from input */
      sql = g_strdup_printf ("ALTER TABLE child ADD COLUMN %s TEXT", col);
      if (!tx_store_exec (self, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean index_names (TxStore *self, GError **error);
static gboolean load_holidays (TxStore *self, GError **error);
static gboolean schedule_all (TxStore *self, GError **error);
static gboolean rederive_children (TxStore *self, GError **error);

static gboolean
migrate (TxStore  *self,
         int       target,
         GError  **error)
{
  int from = user_version (self);

  if (from > TX_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer version of Tongxing (database version %d, "
                     "this program knows %d). Update Tongxing to open it."),
                   self->path, from, TX_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (from >= target)
    return ensure_form_columns (self, error);

  if (!tx_store_begin (self, error))
    return FALSE;
  /* another program may have upgraded the file while this one waited for
   * the lock (the window and tongxing-cli opening an old store together) */
  from = user_version (self);
  if (from >= target)
    return tx_store_commit (self, error) && ensure_form_columns (self, error);
  for (int v = from; v < target; v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!tx_store_exec (self, migrations[v], error))
        goto fail;
      if (v + 1 == 1 && !ensure_form_columns (self, error))
        goto fail;
      if (v + 1 == 2 && !index_names (self, error))
        goto fail;
      if (v + 1 == 4 && !schedule_all (self, error))
        goto fail;
      if (v + 1 == 5 && !tx_store_seed_services (self, error))
        goto fail;
      if (v + 1 == 12 && !rederive_children (self, error))
        goto fail;
      if (!tx_store_exec (self, pragma, error))
        goto fail;
    }
  if (!ensure_form_columns (self, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  g_prefix_error (error, _("Upgrading the database failed, and it was left as it was: "));
  tx_store_rollback (self);
  return FALSE;
}

static void
build_sql (TxStore *self)
{
  const TxForm *form = tx_form_get ();

  if (self->insert_sql)
    return;   /* built for a migration already */
  GString *ins = g_string_new ("INSERT INTO child (uuid, created_at, updated_at, station, "
                               "deleted, draft, complete, eligible, sort_key, initials, "
                               "given_initials, id_rev");
  GString *vals = g_string_new ("?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12");
  GString *upd = g_string_new ("UPDATE child SET updated_at = ?3, station = ?4, deleted = ?5, "
                               "draft = ?6, complete = ?7, eligible = ?8, sort_key = ?9, "
                               "initials = ?10, given_initials = ?11, id_rev = ?12");
  GString *sel = g_string_new ("SELECT " META_COLUMNS);
  GString *cols = g_string_new ("c.uuid, c.created_at, c.updated_at, c.station, c.deleted, c.draft");

  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *k = form->fields[i].key;
      g_string_append_printf (ins, ", f_%s", k);
      g_string_append_printf (vals, ", ?%u", 13 + i);
      g_string_append_printf (upd, ", f_%s = ?%u", k, 13 + i);
      g_string_append_printf (sel, ", f_%s", k);
      g_string_append_printf (cols, ", c.f_%s", k);
    }
  g_string_append_printf (ins, ", next_visit_due, info_refresh_due, eligible_from");
  g_string_append_printf (vals, ", ?%u, ?%u, ?%u", 13 + form->n_fields, 14 + form->n_fields,
                          15 + form->n_fields);
  g_string_append_printf (upd, ", next_visit_due = ?%u, info_refresh_due = ?%u, eligible_from = ?%u",
                          13 + form->n_fields, 14 + form->n_fields, 15 + form->n_fields);
  g_string_append (sel, ", next_visit_due, info_refresh_due, last_home_visit, urgent, complete, "
                        "(eligible AND (eligible_from IS NULL OR eligible_from <= tx_today()))");
  g_string_append (cols, ", c.next_visit_due, c.info_refresh_due, c.last_home_visit, c.urgent, c.complete, "
                         ELIGIBLE_NOW);
  self->record_columns = g_string_free (cols, FALSE);
  g_string_append_printf (ins, ") VALUES (%s)", vals->str);
  g_string_append (upd, " WHERE uuid = ?1");
  g_string_append (sel, " FROM child WHERE uuid = ?1");
  g_string_free (vals, TRUE);

  self->insert_sql = g_string_free (ins, FALSE);
  self->update_sql = g_string_free (upd, FALSE);
  self->select_sql = g_string_free (sel, FALSE);
}

/* The holiday calendars loaded into this store, newer than the shipped ones */
static gboolean
load_holidays (TxStore  *self,
               GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT key, value FROM settings "
                                               "WHERE key >= 'holidays:' AND key < 'holidays;'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) bad = NULL;

      /* checked when it was loaded; a bad one is left out, not fatal */
      if (!tx_holidays_load_data ((const char *) sqlite3_column_text (stmt, 1),
                                  sqlite3_column_bytes (stmt, 1), &bad))
        g_warning ("holiday calendar %s: %s", sqlite3_column_text (stmt, 0), bad->message);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static gint64 data_version (TxStore *self);

/* The reporting unit, as this connection last read it */
static void
read_unit (TxStore *self)
{
  self->settings_version = data_version (self);
  g_free (self->county);
  self->county = tx_store_get_setting (self, "county");
  g_free (self->township);
  self->township = tx_store_get_setting (self, "township");
}

/* Another connection (the first-run setup on another thread, tongxing-cli
 * init) may have set the workstation up since this one read it. Inside a
 * transaction nothing can change under it. */
static void
refresh_unit (TxStore *self)
{
  if (self->depth == 0 && data_version (self) != self->settings_version)
    read_unit (self);
}

static gboolean
load_settings (TxStore  *self,
               GError  **error)
{
  g_free (self->station_id);
  self->station_id = tx_store_get_setting (self, "station_id");
  if (self->station_id == NULL)
    {
      g_autofree char *fresh = g_uuid_string_random ();
      sqlite3_stmt *stmt = tx_store_prepare (self, "INSERT INTO settings (key, value) VALUES "
                                                   "('station_id', ?1) ON CONFLICT (key) DO NOTHING",
                                             error);

      /* two connections may make a new file at once: the first id stays */
      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, fresh);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
      self->station_id = tx_store_get_setting (self, "station_id");
    }
  read_unit (self);
  return load_holidays (self, error);
}

/* Change notification. SQLite tells of every row written to a table with
 * row ids; the tables without them (settings, services, stations, urgent
 * cases) are marked by the functions that write them, with tx_store_changed().
 * Once a commit is durable the WAL hook hands what it changed to the
 * monitor. */

static TxStoreChange
change_of_table (const char *table)
{
  switch (table[0])
    {
    case 'c':
      if (g_str_equal (table, "child") || g_str_equal (table, "child_change"))
        return TX_STORE_CHANGE_CHILDREN;
      if (g_str_equal (table, "conflict"))
        return TX_STORE_CHANGE_SYNC;
      break;
    case 'v':
      if (g_str_equal (table, "visit"))
        return TX_STORE_CHANGE_VISITS;
      break;
    case 'd':
      if (g_str_equal (table, "duplicate"))
        return TX_STORE_CHANGE_SYNC;
      break;
    case 'e':
      if (g_str_equal (table, "export_log"))
        return TX_STORE_CHANGE_EXPORTS;
      break;
    default:
      break;
    }
  return 0;
}

static void
update_cb (void          *data,
           int            op,
           const char    *db,
           const char    *table,
           sqlite3_int64  rowid)
{
  TxStore *self = data;

  self->changing |= change_of_table (table);
}

static void
rollback_cb (void *data)
{
  TxStore *self = data;

  self->changing = 0;
}

static int
wal_cb (void       *data,
        sqlite3    *db,
        const char *name,
        int         frames)
{
  TxStore *self = data;

  /* every commit, even one that changed nothing a view shows (an
   * autosave): the poll for other programs' changes counts them */
  tx_store_monitor_post (self->monitor, self->changing, TRUE);
  self->changing = 0;
  /* what SQLite's own hook, which this one replaces, does: a passive
   * checkpoint once the log holds 1000 pages */
  if (frames >= 1000)
    sqlite3_wal_checkpoint (db, name);
  return SQLITE_OK;
}

/**
 * tx_store_changed:
 * @what: what the caller wrote
 *
 * Marks a change to a table SQLite does not report (one without row ids);
 * the monitor hears of it when the transaction commits.
 */
void
tx_store_changed (TxStore       *self,
                  TxStoreChange  what)
{
  self->changing |= what;
}

/**
 * tx_store_check_output:
 * @path: a file an export, a bundle or a station file is about to be written to
 *
 * Refuses to write over a database this program has open, its log, its
 * shared memory or its key file: a report saved under the store's name
 * would replace the children's records.
 *
 * Returns: %FALSE with @error set if @path is one of them
 */
gboolean
tx_store_check_output (const char  *path,
                       GError     **error)
{
  if (!tx_store_monitor_is_store_file (path))
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("%s is Tongxing's own database (or a file that belongs to it) and must not be "
                 "written over. Choose another name or folder."), path);
  return FALSE;
}

/**
 * tx_store_get_monitor:
 *
 * Returns: (transfer none): the monitor of this store's file, shared by
 *   all of this process's connections to it
 */
TxStoreMonitor *
tx_store_get_monitor (TxStore *self)
{
  return self->monitor;
}

static gint64
data_version (TxStore *self)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 v = -1;

  if (stmt && sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return v;
}

/**
 * tx_store_poll_changes:
 *
 * Finds out whether another program (tongxing-cli, a backup) has changed
 * the file since the last call, and if so tells the monitor that anything
 * may have changed. This process's own commits are told as they happen;
 * the monitor's TxStoreMonitor::committed then calls
 * tx_store_rebase_changes(), so that only other programs' changes are left
 * for the poll. (A change another program makes in the moment between one
 * of this process's commits and that signal is not told.) Cheap: call it
 * every few seconds.
 *
 * Returns: whether another program's change was found
 */
gboolean
tx_store_poll_changes (TxStore *self)
{
  guint64 local = tx_store_monitor_get_local_commits (self->monitor);
  gint64 v = data_version (self);
  gboolean other = FALSE;

  if (self->seen_version == 0)
    {
      tx_store_rebase_changes (self);
      return FALSE;
    }
  /* a commit of this process's not yet taken as the starting point: wait
   * for its signal, which does */
  if (local != self->seen_local)
    return FALSE;
  if (v != self->seen_version)
    {
      other = TRUE;
      tx_store_monitor_post (self->monitor, TX_STORE_CHANGE_ALL, FALSE);
    }
  self->seen_version = v;
  return other;
}

/**
 * tx_store_rebase_changes:
 *
 * Takes the file as it is now, with this process's commits so far, as what
 * tx_store_poll_changes() compares with.
 */
void
tx_store_rebase_changes (TxStore *self)
{
  self->seen_local = tx_store_monitor_get_local_commits (self->monitor);
  self->seen_version = data_version (self);
}

/**
 * tx_store_set_read_only:
 *
 * Makes every write through this connection fail at once (PRAGMA
 * query_only): the window's own connection on the main thread only reads,
 * so that no frame ever waits for a lock a writer holds.
 */
gboolean
tx_store_set_read_only (TxStore   *self,
                        gboolean   read_only,
                        GError   **error)
{
  return tx_store_exec (self, read_only ? "PRAGMA query_only = 1" : "PRAGMA query_only = 0", error);
}

/**
 * tx_store_set_busy_timeout:
 * @ms: how long a write waits for another connection's transaction
 *
 * A worker thread may wait for an import that holds the store for a
 * minute; a command line waits the default five seconds.
 */
void
tx_store_set_busy_timeout (TxStore *self,
                           int      ms)
{
  sqlite3_busy_timeout (self->db, ms);
}

/* "In use" locks. Other code of this process may open and close a
 * descriptor of the store's files without knowing it: a file chooser shows
 * the store's folder, and GIO reads the first bytes of every file there to
 * tell its type. Closing that descriptor drops all of this process's POSIX
 * locks on the file, SQLite's included (SQLite's "How To Corrupt" §2.2), and
 * another program (tongxing-cli) then takes itself for the last user: it
 * deletes the log, or starts the shared memory afresh, under the window.
 * So while this process has the store open it also holds open file
 * description locks (Linux's F_OFD_SETLK, which conflict with POSIX locks
 * but belong to a descriptor of their own, which is never closed): a read
 * lock on the database's SHARED range, which keeps any other program from
 * the EXCLUSIVE lock a last user takes, and one on the shared memory's
 * "dead man switch" byte, which keeps it from starting the shared memory
 * afresh. They are given up when this process's last connection to the file
 * closes, so that it can checkpoint and remove the log as usual. */

#define SQLITE_SHARED_FIRST (0x40000000 + 2)   /* PENDING_BYTE + 2, os_unix.c */
#define SQLITE_SHARED_SIZE  510
#define SQLITE_SHM_DMS      128                /* UNIX_SHM_DMS, os_unix.c */

typedef struct {
  int   db_fd;     /* kept open for the life of the process */
  int   shm_fd;
  guint users;     /* connections of this process open on the file */
} InUse;

static GMutex in_use_lock;
static GHashTable *in_use;   /* "dev:ino" of the database → InUse */

static gboolean
ofd_lock (int    fd,
          short  type,
          off_t  start,
          off_t  len)
{
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

  return fd >= 0 && fcntl (fd, F_OFD_SETLK, &fl) == 0;
}

static void
in_use_set (InUse *u,
            short  type)
{
  if (!ofd_lock (u->db_fd, type, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE) && type != F_UNLCK)
    g_debug ("could not mark the database in use: %s", g_strerror (errno));
  if (!ofd_lock (u->shm_fd, type, SQLITE_SHM_DMS, 1) && type != F_UNLCK)
    g_debug ("could not mark the shared memory in use: %s", g_strerror (errno));
}

static char *
in_use_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%llu:%llu", (unsigned long long) st.st_dev, (unsigned long long) st.st_ino);
}

/* A connection of this process to @path opened (after its log and shared
 * memory are in place) */
static void
in_use_hold (const char *path)
{
  g_autofree char *key = in_use_key (path);
  InUse *u;

  if (key == NULL)
    return;
  g_mutex_lock (&in_use_lock);
  if (in_use == NULL)
    in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  u = g_hash_table_lookup (in_use, key);
  if (u == NULL)
    {
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      /* never closed: closing them would drop this process's locks */
      u = g_new0 (InUse, 1);
      u->db_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      u->shm_fd = g_open (shm, O_RDONLY | O_CLOEXEC, 0);
      g_hash_table_insert (in_use, g_steal_pointer (&key), u);
    }
  if (u->users++ == 0)
    in_use_set (u, F_RDLCK);
  g_mutex_unlock (&in_use_lock);
}

/* ...and closing: the last one gives the locks up first */
static void
in_use_release (const char *path)
{
  g_autofree char *key = in_use_key (path);
  InUse *u;

  if (key == NULL)
    return;
  g_mutex_lock (&in_use_lock);
  u = in_use ? g_hash_table_lookup (in_use, key) : NULL;
  if (u && u->users > 0 && --u->users == 0)
    in_use_set (u, F_UNLCK);
  g_mutex_unlock (&in_use_lock);
}

/* tx_today(): today's date in SQL, as tx_date_today() has it. Asked for
 * every row a roster page reads: the text is kept, by each thread, until
 * the date changes */
static void
today_fn (sqlite3_context  *ctx,
          int               argc,
          sqlite3_value   **argv)
{
  static _Thread_local GDate known;
  static _Thread_local char text[11];
  GDate today;

  tx_date_today (&today);
  if (!g_date_valid (&known) || g_date_compare (&today, &known) != 0)
    {
      g_autofree char *iso = tx_date_format (&today);
      g_strlcpy (text, iso, sizeof text);
      known = today;
    }
  sqlite3_result_text (ctx, text, -1, SQLITE_TRANSIENT);
}

TxStore *
tx_store_open_at_version (const char  *path,
                          int          version,
                          GError     **error)
{
  g_autoptr(TxStore) self = g_object_new (TX_TYPE_STORE, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  GStatBuf st;
  int fd, rc;

  self->path = g_strdup (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("The folder %s cannot be created (%s). Choose another place for the "
                     "database."), dir, g_strerror (saved));
      return NULL;
    }

  /* children's personal data: the file is made 0600 by us, and SQLite
   * gives the -wal and -shm files the mode of the database. Never open and
   * close a descriptor of a database that may be open already: closing any
   * descriptor of a file drops all of this process's POSIX locks on it, the
   * other connections' included, and another program then takes itself for
   * the last user and deletes the log this process writes into (SQLite's
   * "How To Corrupt An SQLite Database File" §2.2). So the file is created
   * only when it does not exist, exclusively, under a lock that keeps this
   * process's other connections from opening it meanwhile. */
  g_mutex_lock (&create_lock);
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0)
    close (fd);   /* new and empty: nobody can have it open */
  else if (errno != EEXIST)
    {
      int saved = errno;
      g_mutex_unlock (&create_lock);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s cannot be opened (%s). Check that the file and its folder are "
                     "yours and writable."), path, g_strerror (saved));
      return NULL;
    }
  else if (g_stat (path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 077) != 0 &&
           st.st_uid == getuid ())
    g_chmod (path, st.st_mode & 0700);  /* by name, no descriptor */

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE, NULL);
  g_mutex_unlock (&create_lock);
  if (rc != SQLITE_OK)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);

  if (!tx_store_exec (self,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA secure_delete = ON;"
                      "PRAGMA trusted_schema = OFF;"
                      /* a county's first bundle writes 1.5 GB of log: cut
                       * back once it is copied into the store, not kept on
                       * disk (with the children's data in it) while the
                       * application runs */
                      "PRAGMA journal_size_limit = 67108864;"
                      "PRAGMA cache_size = -16000;",
                      error))
    return NULL;

  /* "deterministic": SQLite works it out once a statement run, not once a
   * row (a statement is never run across midnight long enough to matter;
   * no index or constraint uses it) */
  sqlite3_create_function_v2 (self->db, "tx_today", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
                              NULL, today_fn, NULL, NULL, NULL);
  self->monitor = tx_store_monitor_for_file (path);
  if (self->monitor == NULL)
    {
      /* the file went between its opening and now */
      tx_store_set_error (self, SQLITE_CANTOPEN, error);
      return NULL;
    }
  sqlite3_update_hook (self->db, update_cb, self);
  sqlite3_rollback_hook (self->db, rollback_cb, self);
  sqlite3_wal_hook (self->db, wal_cb, self);

  if (!migrate (self, version, error))
    return NULL;
  /* the log and the shared memory are there now */
  in_use_hold (path);
  self->in_use = TRUE;
  if (version == TX_STORE_SCHEMA_VERSION)
    {
      build_sql (self);
      if (!load_settings (self, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * tx_store_open:
 * @path: the database file; created, with its folder, if missing
 *
 * Opens the store and brings its schema up to date.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
TxStore *
tx_store_open (const char  *path,
               GError     **error)
{
  return tx_store_open_at_version (path, TX_STORE_SCHEMA_VERSION, error);
}

/* Settings */

char *
tx_store_get_setting (TxStore    *self,
                      const char *key)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

gboolean
tx_store_set_setting (TxStore     *self,
                      const char  *key,
                      const char  *value,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = tx_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = tx_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                   "ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, key);
  if (value)
    tx_store_bind_text (stmt, 2, value);
  /* the form's autosave and the sync clock and counter change with every
   * keystroke or record: nobody else's business */
  if (!g_str_equal (key, "autosave") && !g_str_has_prefix (key, "sync_"))
    tx_store_changed (self, TX_STORE_CHANGE_SETTINGS);
  return tx_store_step_done (self, stmt, error);
}

const char *
tx_store_get_station_id (TxStore *self)
{
  return self->station_id;
}

gboolean
tx_store_is_set_up (TxStore *self)
{
  refresh_unit (self);
  return self->county != NULL;
}

void
tx_store_rules_context (TxStore        *self,
                        TxRulesContext *ctx)
{
  refresh_unit (self);
  tx_rules_context_init (ctx, self->county, self->township);
}

/**
 * tx_store_init_workstation:
 * @county: six-digit county code
 * @township: (nullable): nine-digit township code in @county; %NULL for a county office
 * @name: (nullable): the workstation's name
 *
 * Sets the reporting unit. A store that holds children keeps its county.
 * Setting a workstation up also makes its keys: use
 * tx_station_init_workstation(), which does both.
 */
gboolean
tx_store_init_workstation (TxStore     *self,
                           const char  *county,
                           const char  *township,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *default_name = NULL;
  int depth;

  if (county == NULL || strlen (county) != 6 || tx_division_lookup (county) == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("“%s” is not a county code of GB/T 2260. Give the six-digit code of the "
                     "county, district or county-level city, such as 220102."),
                   county ? county : "");
      return FALSE;
    }
  if (township && (strlen (township) != 9 || tx_division_lookup (township) == NULL))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("“%s” is not a township code of GB/T 2260. Give the nine-digit code of "
                     "the township or street, such as 220102001."), township);
      return FALSE;
    }
  if (township && !g_str_has_prefix (township, county))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("Township %s (%s) does not belong to county %s (%s)."),
                   township, tx_division_name (township), county, tx_division_name (county));
      return FALSE;
    }
  if (self->county && !g_str_equal (self->county, county) &&
      tx_store_child_count (self, &(TxChildQuery) { 0 }, NULL) > 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("This database holds children registered for county %s; it cannot be "
                     "moved to another county. Use a new database for county %s."),
                   self->county, county);
      return FALSE;
    }

  if (name == NULL)
    name = default_name = tx_division_path_name (township ? township : county, TX_DIVISION_COUNTY);

  depth = self->depth;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_set_setting (self, "county", county, error) ||
      !tx_store_set_setting (self, "township", township, error) ||
      !tx_store_set_setting (self, "station_name", name, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return load_settings (self, error);
}

/* Children */

char *
tx_store_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

static char *
reversed (const char *s)
{
  return s ? g_strreverse (g_strdup (s)) : NULL;
}

static gboolean
insert_grams (TxStore     *self,
              gint64       rowid,
              const char  *name,
              const char  *sort_key,
              GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT OR IGNORE INTO name_gram (gram, sort_key, child) VALUES (?1, ?2, ?3)", error);
  const char *p;

  if (stmt == NULL)
    return FALSE;
  for (p = name; p && *p; p = g_utf8_next_char (p))
    {
      const char *q = g_utf8_next_char (p);
      const char *r = *q ? g_utf8_next_char (q) : q;

      /* every character, and every pair of neighbouring characters */
      for (int len = 0; len < 2; len++)
        {
          const char *end = len == 0 ? q : r;
          if (len == 1 && *q == 0)
            break;
          sqlite3_bind_text (stmt, 1, p, end - p, SQLITE_TRANSIENT);
          tx_store_bind_text (stmt, 2, sort_key);
          sqlite3_bind_int64 (stmt, 3, rowid);
          if (!tx_store_step_done (self, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
delete_grams (TxStore     *self,
              gint64       rowid,
              GError     **error)
{
  /* the grams of one name are few; find them through the child's sort key */
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "DELETE FROM name_gram WHERE child = ?1 AND sort_key = "
      "(SELECT sort_key FROM child WHERE rowid = ?1)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return tx_store_step_done (self, stmt, error);
}

/* Fills the search columns and grams of every record; used by migration 2 */
static gboolean
index_names (TxStore   *self,
             GError   **error)
{
  sqlite3_stmt *sel = NULL, *upd = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, f_name, f_id_number FROM child "
                          "WHERE deleted = 0", -1, &sel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE child SET sort_key = ?2, initials = ?3, "
                          "given_initials = ?4, id_rev = ?5 WHERE rowid = ?1",
                          -1, &upd, NULL) != SQLITE_OK)
    {
      rc = sqlite3_errcode (self->db);
      sqlite3_finalize (sel);
      sqlite3_finalize (upd);
      return tx_store_set_error (self, rc, error);
    }

  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (sel, 0);
      const char *name = (const char *) sqlite3_column_text (sel, 1);
      g_autofree char *key = tx_pinyin_sort_key (name);
      g_autofree char *ini = tx_pinyin_initials (name);
      g_autofree char *id_rev = reversed ((const char *) sqlite3_column_text (sel, 2));

      sqlite3_bind_int64 (upd, 1, rowid);
      tx_store_bind_text (upd, 2, key);
      tx_store_bind_text (upd, 3, ini);
      tx_store_bind_text (upd, 4, ini[0] ? g_utf8_next_char (ini) : ini);
      tx_store_bind_text (upd, 5, id_rev);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
      if (name && !insert_grams (self, rowid, name, key, error))
        {
          sqlite3_finalize (sel);
          sqlite3_finalize (upd);
          return FALSE;
        }
    }
  sqlite3_finalize (sel);
  sqlite3_finalize (upd);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
check_set_up (TxStore  *self,
              GError  **error)
{
  refresh_unit (self);
  if (self->county)
    return TRUE;
  /* the window sets up in its first screen, the command line with init:
   * each says how in its own words (TX_STORE_ERROR_NOT_SET_UP) */
  g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP,
                       _("This workstation is not set up yet: its county and township must be "
                         "given first."));
  return FALSE;
}

static gint64
rowid_of (TxStore    *self,
          const char *id,
          gboolean   *deleted)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT rowid, deleted FROM child WHERE uuid = ?1", NULL);
  gint64 rowid = 0;

  if (stmt == NULL)
    return 0;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      rowid = sqlite3_column_int64 (stmt, 0);
      if (deleted)
        *deleted = sqlite3_column_int (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rowid;
}

/**
 * tx_store_child_find_id_number:
 * @except_id: (nullable): a record to leave out
 *
 * Returns: (transfer full) (nullable): the id of the living record with this
 *   identity number
 */
char *
tx_store_child_find_id_number (TxStore    *self,
                               const char *id_number,
                               const char *except_id)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT uuid FROM child WHERE f_id_number = ?1 AND deleted = 0 "
      "AND uuid IS NOT ?2", NULL);
  char *found = NULL;

  if (stmt == NULL || id_number == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id_number);
  tx_store_bind_text (stmt, 2, except_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    found = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

/* The bounds of each schedule setting, in its unit */
static const struct {
  const char *key;
  gsize       offset;
  int         min, max;
} schedule_keys[] = {
  { "visit_good_months", G_STRUCT_OFFSET (TxScheduleSettings, good_months), 1, 12 },
  { "visit_average_months", G_STRUCT_OFFSET (TxScheduleSettings, average_months), 1, 12 },
  { "visit_key_care_days", G_STRUCT_OFFSET (TxScheduleSettings, key_care_days), 1, 90 },
  { "first_visit_days", G_STRUCT_OFFSET (TxScheduleSettings, first_visit_days), 1, 90 },
};

/**
 * tx_store_child_same_person:
 *
 * Returns: (transfer full) (element-type utf8): ids of living records with
 *   the same name and date of birth
 */
GPtrArray *
tx_store_child_same_person (TxStore    *self,
                            const char *name,
                            const char *birth_date,
                            const char *except_id)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (name == NULL || birth_date == NULL)
    return out;
  stmt = tx_store_prepare (self,
      "SELECT uuid FROM child WHERE f_name = ?1 AND f_birth_date = ?2 AND deleted = 0 "
      "AND uuid IS NOT ?3 LIMIT 10", NULL);
  if (stmt == NULL)
    return out;
  tx_store_bind_text (stmt, 1, name);
  tx_store_bind_text (stmt, 2, birth_date);
  tx_store_bind_text (stmt, 3, except_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (out, tx_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}

/* A record from the current row of a statement of select_sql's columns */
static TxRecord *
record_from_row (sqlite3_stmt *stmt)
{
  const TxForm *form = tx_form_get ();
  TxRecord *r = tx_record_new ();

  r->id = tx_store_column_text (stmt, 0);
  r->created_at = tx_store_column_text (stmt, 1);
  r->updated_at = tx_store_column_text (stmt, 2);
  r->station = tx_store_column_text (stmt, 3);
  r->deleted = sqlite3_column_int (stmt, 4);
  r->draft = sqlite3_column_int (stmt, 5);
  for (guint i = 0; i < form->n_fields; i++)
    r->values[i] = tx_store_column_text (stmt, N_META + i);
  r->next_visit_due = tx_store_column_text (stmt, N_META + form->n_fields);
  r->info_refresh_due = tx_store_column_text (stmt, N_META + form->n_fields + 1);
  r->last_home_visit = tx_store_column_text (stmt, N_META + form->n_fields + 2);
  r->urgent = sqlite3_column_int (stmt, N_META + form->n_fields + 3);
  r->complete = sqlite3_column_int (stmt, N_META + form->n_fields + 4);
  r->eligible = sqlite3_column_int (stmt, N_META + form->n_fields + 5);
  return r;
}

static TxRecord *
read_record (TxStore  *self,
             const char *id,
             gint64   *rowid)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, self->select_sql, NULL);
  TxRecord *r = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    r = record_from_row (stmt);
  sqlite3_reset (stmt);
  if (r && rowid)
    *rowid = rowid_of (self, id, NULL);
  return r;
}

void
tx_store_get_schedule_settings (TxStore            *self,
                                TxScheduleSettings *settings)
{
  tx_schedule_settings_init (settings);
  for (guint i = 0; i < G_N_ELEMENTS (schedule_keys); i++)
    {
      g_autofree char *v = tx_store_get_setting (self, schedule_keys[i].key);
      gint64 n;

      /* a setting that is not a sensible number keeps the default */
      if (v && g_ascii_string_to_signed (v, 10, schedule_keys[i].min, schedule_keys[i].max, &n, NULL))
        G_STRUCT_MEMBER (int, settings, schedule_keys[i].offset) = n;
    }
}

/* Works out every child's next home visit again, in the caller's transaction */
static gboolean
reschedule_all (TxStore                  *self,
                const TxScheduleSettings *settings,
                GError                  **error)
{
  sqlite3_stmt *read, *write;
  int rc;

  read = tx_store_prepare (self,
      "SELECT rowid, f_guardianship, f_key_care, f_registration_date, last_home_visit "
      "FROM child WHERE deleted = 0 AND f_registration_date IS NOT NULL", error);
  if (read == NULL)
    return FALSE;
  write = tx_store_prepare (self, "UPDATE child SET next_visit_due = ?2 WHERE rowid = ?1", NULL);
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *registered = (const char *) sqlite3_column_text (read, 3);
      const char *visited = (const char *) sqlite3_column_text (read, 4);
      GDate reg, visit, due;
      gboolean have_visit = visited && tx_date_parse (visited, &visit);
      char due_iso[11];

      if (!tx_date_parse (registered, &reg))
        continue;
      tx_schedule_next_visit (settings, (const char *) sqlite3_column_text (read, 1),
                              g_strcmp0 ((const char *) sqlite3_column_text (read, 2), "yes") == 0,
                              &reg, have_visit ? &visit : NULL, &due);
      g_snprintf (due_iso, sizeof due_iso, "%04u-%02u-%02u", g_date_get_year (&due),
                  g_date_get_month (&due), g_date_get_day (&due));
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_text (write, 2, due_iso, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (self, write, error))
        {
          sqlite3_reset (read);
          return FALSE;
        }
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_set_schedule_settings:
 * @settings: the new intervals
 *
 * Stores the intervals between visits and works out every child's next
 * visit again with them, in one transaction: either everyone follows the
 * new intervals or nothing changed.
 *
 * Returns: %TRUE if saved
 */
gboolean
tx_store_set_schedule_settings (TxStore                  *self,
                                const TxScheduleSettings *settings,
                                GError                  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (schedule_keys); i++)
    {
      int v = G_STRUCT_MEMBER (int, settings, schedule_keys[i].offset);

      if (v < schedule_keys[i].min || v > schedule_keys[i].max)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                       /* Translators: a schedule setting, its value and its bounds */
                       _("%s must be between %d and %d, not %d."), schedule_keys[i].key,
                       schedule_keys[i].min, schedule_keys[i].max, v);
          return FALSE;
        }
    }

  if (!tx_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schedule_keys); i++)
    {
      g_autofree char *v = g_strdup_printf ("%d", G_STRUCT_MEMBER (int, settings, schedule_keys[i].offset));

      if (!tx_store_set_setting (self, schedule_keys[i].key, v, error))
        goto fail;
    }

  if (!reschedule_all (self, settings, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_load_holidays:
 * @json: a holiday calendar in the shipped format (a year's holidays,
 *   make-up working days and days in lieu)
 * @length: its length, or -1
 *
 * Adds a newer official holiday calendar: kept in the store, so it holds
 * for every later start, and every child's next visit worked out again
 * with it. A file that is not a holiday calendar changes nothing.
 */
gboolean
tx_store_load_holidays (TxStore     *self,
                        const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *copy = NULL;
  TxScheduleSettings settings;

  if (length < 0)
    length = strlen (json);
  copy = g_strndup (json, length);
  /* checked before anything is stored */
  if (!tx_holidays_check_data (copy, length, error))
    return FALSE;
  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, copy, length);
    key = g_strconcat ("holidays:", sum, NULL);
  }
  if (!tx_store_begin (self, error))
    return FALSE;
  /* the days are needed to reschedule; should the transaction fail, this
   * process keeps them until it ends, the store does not */
  if (!tx_store_set_setting (self, key, copy, error) || !tx_holidays_load_data (copy, length, error))
    goto fail;
  tx_store_get_schedule_settings (self, &settings);
  if (!reschedule_all (self, &settings, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_get_staff:
 *
 * The people of this workstation who visit children: the supervisor, then
 * the directors, as set up (names separated by commas, 、 or spaces).
 *
 * Returns: (transfer full): the names, none twice
 */
GStrv
tx_store_get_staff (TxStore *self)
{
  g_autofree char *supervisor = tx_store_get_setting (self, "supervisor");
  g_autofree char *directors = tx_store_get_setting (self, "directors");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = g_strjoin (",", supervisor ? supervisor : "", directors ? directors : "", NULL);
  g_auto(GStrv) names = g_regex_split_simple ("[,，、;；\\s]+", all, 0, 0);

  for (guint i = 0; names[i]; i++)
    {
      if (*names[i] == 0 || g_ptr_array_find_with_equal_func (seen, names[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, g_strdup (names[i]));
      g_strv_builder_add (builder, names[i]);
    }
  return g_strv_builder_end (builder);
}

/* Works out the record's due dates from its values, its last home visit,
 * and @updated, the (local) day its information was last brought up to
 * date: the day it is saved */
static void
schedule_record (TxStore     *self,
                 TxRecord    *r,
                 const GDate *updated_on)
{
  TxScheduleSettings settings;
  GDate reg, visit, updated, due;
  gboolean have_visit = tx_date_parse (r->last_home_visit, &visit);

  g_clear_pointer (&r->next_visit_due, g_free);
  g_clear_pointer (&r->info_refresh_due, g_free);
  if (r->deleted || !tx_date_parse (r->values[TX_F ("registration_date")], &reg))
    return;

  tx_store_get_schedule_settings (self, &settings);
  tx_schedule_next_visit (&settings, r->values[TX_F ("guardianship")],
                          g_strcmp0 (r->values[TX_F ("key_care")], "yes") == 0,
                          &reg, have_visit ? &visit : NULL, &due);
  r->next_visit_due = tx_date_format (&due);

  updated = reg;
  if (updated_on && g_date_compare (updated_on, &updated) > 0)
    updated = *updated_on;
  tx_schedule_info_refresh (r->values[TX_F ("child_category")], &updated, &due);
  r->info_refresh_due = tx_date_format (&due);
}

static gboolean
write_record (TxStore    *self,
              TxRecord   *r,
              gboolean    is_new,
              gboolean    complete,
              gboolean    eligible,
              const char *eligible_from,
              gint64     *rowid,
              GError    **error)
{
  const TxForm *form = tx_form_get ();
  sqlite3_stmt *stmt = tx_store_prepare (self, is_new ? self->insert_sql : self->update_sql, error);
  const char *name = r->values[TX_F ("name")];
  g_autofree char *key = tx_pinyin_sort_key (name);
  g_autofree char *ini = tx_pinyin_initials (name);
  g_autofree char *id_rev = reversed (r->values[TX_F ("id_number")]);
  int rc;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, r->id);
  tx_store_bind_text (stmt, 2, r->created_at);
  tx_store_bind_text (stmt, 3, r->updated_at);
  tx_store_bind_text (stmt, 4, r->station);
  sqlite3_bind_int (stmt, 5, r->deleted);
  sqlite3_bind_int (stmt, 6, r->draft);
  sqlite3_bind_int (stmt, 7, complete);
  sqlite3_bind_int (stmt, 8, eligible);
  tx_store_bind_text (stmt, 9, key);
  tx_store_bind_text (stmt, 10, ini);
  tx_store_bind_text (stmt, 11, ini[0] ? g_utf8_next_char (ini) : ini);
  tx_store_bind_text (stmt, 12, id_rev);
  /* the record outlives the step: its values are not copied (an import
   * writes a county's children one after another) */
  for (guint i = 0; i < form->n_fields; i++)
    sqlite3_bind_text (stmt, 13 + i, r->values[i], -1, SQLITE_STATIC);
  {
    GDate today;
    tx_date_today (&today);
    schedule_record (self, r, &today);
  }
  tx_store_bind_text (stmt, 13 + form->n_fields, r->next_visit_due);
  tx_store_bind_text (stmt, 14 + form->n_fields, r->info_refresh_due);
  tx_store_bind_text (stmt, 15 + form->n_fields, eligible_from);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  if (is_new)
    *rowid = sqlite3_last_insert_rowid (self->db);
  return name == NULL || insert_grams (self, *rowid, name, key, error);
}

static gboolean
record_history (TxStore        *self,
                gint64          rowid,
                const TxRecord *before,
                const TxRecord *after,
                const char     *editor,
                GError        **error)
{
  const TxForm *form = tx_form_get ();
  sqlite3_stmt *stmt = before == NULL ? NULL : tx_store_prepare (self,
      "INSERT INTO child_change (child, at, station, editor, field, old_value, new_value) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  /* a new record's history starts with its created_at; changes come after */
  if (before == NULL)
    return TRUE;
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *old = before->values[i];

      if (g_strcmp0 (old, after->values[i]) == 0)
        continue;
      sqlite3_bind_int64 (stmt, 1, rowid);
      tx_store_bind_text (stmt, 2, after->updated_at);
      tx_store_bind_text (stmt, 3, after->station);
      tx_store_bind_text (stmt, 4, editor);
      tx_store_bind_text (stmt, 5, form->fields[i].key);
      tx_store_bind_text (stmt, 6, old);
      tx_store_bind_text (stmt, 7, after->values[i]);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_child (TxStore   *self,
            TxRecord  *record,
            gboolean   is_new,
            gboolean   draft,
            TxCheck  **check_out,
            GError   **error)
{
  TxRulesContext ctx;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(TxRecord) before = NULL;
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *dup = NULL;
  g_autofree char *new_id = NULL;
  g_autofree char *editor = tx_store_get_setting (self, "editor");
  gint64 rowid = 0;
  int depth;
  const char *id_number, *name;

  if (!check_set_up (self, error))
    return FALSE;

  if (!is_new)
    {
      before = read_record (self, record->id, &rowid);
      if (before == NULL || before->deleted)
        {
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                       _("No child with id %s is registered here; check the id with "
                         "“child list”."), record->id);
          return FALSE;
        }
    }

  tx_store_rules_context (self, &ctx);
  check = tx_rules_apply (record, &ctx);

  id_number = record->values[TX_F ("id_number")];
  name = record->values[TX_F ("name")];
  same = tx_store_child_same_person (self, name, record->values[TX_F ("birth_date")],
                                     is_new ? NULL : record->id);
  if (same->len > 0)
    {
      TxProblem *p = g_new0 (TxProblem, 1);
      p->field = TX_F ("name");
      p->severity = TX_SEVERITY_WARNING;
      p->message = g_strdup_printf (_("A child with the same name and date of birth is "
                                      "registered already (id %s); make sure this is not the "
                                      "same child."), (char *) same->pdata[0]);
      g_ptr_array_add (check->problems, p);
    }

  if (tx_check_blocks_save (check))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("The record has errors; correct them and save again."));
      goto out;
    }
  if (!check->complete && !draft)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE,
                           _("Required values are missing; fill them in, or save the record "
                             "as a draft."));
      goto out;
    }
  /* a draft is a child to come back to: without a name nobody finds it
   * again (seen in the new-user walk: a nameless row stayed in the roster) */
  if (name == NULL || !*name)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME,
                           _("Even a draft needs the child's name, to be found again; type the name "
                             "and save again."));
      goto out;
    }

  depth = self->depth;
  if (!tx_store_begin (self, error))
    goto out;

  if (id_number && (dup = tx_store_child_find_id_number (self, id_number, is_new ? NULL : record->id)))
    {
      g_autoptr(TxRecord) other = read_record (self, dup, NULL);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE,
                   _("This identity number is registered already for %s (id %s); open that "
                     "record instead of adding the child again."),
                   other && other->values[TX_F ("name")] ? other->values[TX_F ("name")] : "?",
                   dup);
      tx_store_rollback (self);
      goto out;
    }

  g_free (record->updated_at);
  record->updated_at = tx_store_now_iso ();
  g_free (record->station);
  record->station = g_strdup (self->station_id);
  record->draft = draft && !check->complete;
  record->deleted = FALSE;
  if (is_new)
    {
      new_id = g_uuid_string_random ();
      g_free (record->id);
      record->id = g_strdup (new_id);
      g_free (record->created_at);
      record->created_at = g_strdup (record->updated_at);
    }
  else if (!delete_grams (self, rowid, error))
    {
      tx_store_rollback (self);
      goto out;
    }
  /* the visits are the store's to know, whatever the caller's copy says */
  g_free (record->last_home_visit);
  record->last_home_visit = is_new ? NULL : g_strdup (before->last_home_visit);

  if (!write_record (self, record, is_new, check->complete, check->eligible_in_time,
                     check->eligible_from, &rowid, error) ||
      !record_history (self, rowid, before, record, editor, error) ||
      !tx_store_version_child_saved (self, before, record, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      if (is_new)
        g_clear_pointer (&record->id, g_free);
      goto out;
    }

  if (check_out)
    *check_out = g_steal_pointer (&check);
  return TRUE;

out:
  if (check_out)
    *check_out = g_steal_pointer (&check);
  return FALSE;
}

/**
 * tx_store_child_add:
 * @record: the new record; on success it holds its id, timestamps and
 *   derived values
 * @draft: whether missing required values are acceptable
 * @check: (out) (optional) (transfer full): the rules' verdict, also on failure
 *
 * Returns: (transfer full) (nullable): the id of the new record
 */
char *
tx_store_child_add (TxStore   *self,
                    TxRecord  *record,
                    gboolean   draft,
                    TxCheck  **check,
                    GError   **error)
{
  if (!save_child (self, record, TRUE, draft, check, error))
    return NULL;
  return g_strdup (record->id);
}

/**
 * tx_store_child_update:
 * @record: the whole record, with the id of the stored one
 */
gboolean
tx_store_child_update (TxStore   *self,
                       TxRecord  *record,
                       gboolean   draft,
                       TxCheck  **check,
                       GError   **error)
{
  g_return_val_if_fail (record->id != NULL, FALSE);
  return save_child (self, record, FALSE, draft, check, error);
}

/**
 * tx_store_child_get:
 *
 * Returns: (transfer full) (nullable): the record, or %NULL if there is no
 *   living record with that id
 */
TxRecord *
tx_store_child_get (TxStore     *self,
                    const char  *id,
                    GError     **error)
{
  TxRecord *r = read_record (self, id, NULL);

  if (r == NULL || r->deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   r ? _("The child with id %s was deleted.")
                     : _("No child with id %s is registered here; check the id with "
                         "“child list”."), id);
      tx_record_free (r);
      return NULL;
    }
  return r;
}

/**
 * tx_store_child_delete:
 *
 * Deletes the record, leaving a tombstone: the id, the time and the
 * workstation, so that the deletion travels to other stores. The personal
 * data and the history of changes are erased.
 */
gboolean
tx_store_child_delete (TxStore     *self,
                       const char  *id,
                       GError     **error)
{
  gboolean deleted = FALSE;
  gint64 rowid;

  rowid = rowid_of (self, id, &deleted);
  if (rowid == 0 || deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return FALSE;
    }
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_child_erase (self, rowid, self->station_id, error) ||
      !tx_store_version_child_deleted (self, id, error))
    {
      tx_store_rollback (self);
      return FALSE;
    }
  return tx_store_commit (self, error);
}

/**
 * tx_store_child_erase:
 * @station: the station the deletion came from
 *
 * Turns a record into its tombstone, in the caller's transaction: the
 * personal data and the history of changes are erased.
 */
gboolean
tx_store_child_erase (TxStore     *self,
                      gint64       rowid,
                      const char  *station,
                      GError     **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GString) sql = g_string_new ("UPDATE child SET deleted = 1, draft = 0, complete = 0, "
                                         "eligible = 0, urgent = 0, sort_key = '', initials = '', "
                                         "given_initials = '', id_rev = NULL, next_visit_due = NULL, "
                                         "info_refresh_due = NULL, last_home_visit = NULL, updated_at = ?2, "
                                         "station = ?3");
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < form->n_fields; i++)
    g_string_append_printf (sql, ", f_%s = NULL", form->fields[i].key);
  g_string_append (sql, " WHERE rowid = ?1");

  if (!delete_grams (self, rowid, error))
    return FALSE;
  if (!(stmt = tx_store_prepare (self, "DELETE FROM child_change WHERE child = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = tx_store_prepare (self, sql->str, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  tx_store_bind_text (stmt, 2, now);
  tx_store_bind_text (stmt, 3, station);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_read_record:
 * @rowid: (out) (optional): the row, 0 when there is none
 *
 * Returns: (transfer full) (nullable): the record, a tombstone too
 */
TxRecord *
tx_store_read_record (TxStore    *self,
                      const char *uuid,
                      gint64     *rowid)
{
  if (rowid)
    *rowid = 0;
  return read_record (self, uuid, rowid);
}

/**
 * tx_store_child_write_merged:
 * @merged: the record as an import merged it; its derived values are
 *   worked out here
 * @rowid: the row to replace, or 0 for a new one
 * @before: (nullable): the record as it was here, for its history
 * @station: the sending station's id
 * @editor: who the change is recorded as (the sending station's name)
 *
 * Writes a record that came in a bundle, in the caller's transaction:
 * without the checks of a save (the sending station made them; a record
 * does not stop an import) and without new versions. Its next visit is
 * worked out from the last home visit it had here; the caller works out the
 * last home visit, the next visit and the urgent mark again with
 * tx_store_children_revisited() once the bundle's visits are in.
 */
gboolean
tx_store_child_write_merged (TxStore         *self,
                             TxRecord        *merged,
                             gint64           rowid,
                             const TxRecord  *before,
                             const char      *station,
                             const char      *editor,
                             GError         **error)
{
  TxRulesContext ctx;
  g_autoptr(TxCheck) check = NULL;

  /* the rules work out what follows from the values; the header is the
   * sending station's, not this one's */
  tx_store_rules_context (self, &ctx);
  ctx.county = NULL;
  ctx.township = NULL;
  check = tx_rules_apply (merged, &ctx);
  merged->draft = merged->draft && !check->complete;

  g_free (merged->updated_at);
  merged->updated_at = tx_store_now_iso ();
  g_free (merged->station);
  merged->station = g_strdup (station);

  if (rowid && !delete_grams (self, rowid, error))
    return FALSE;
  return write_record (self, merged, rowid == 0, check->complete && !merged->deleted,
                       check->eligible_in_time && !merged->deleted, check->eligible_from,
                       &rowid, error) &&
         record_history (self, rowid, before, merged, editor, error);
}

/* Queries */

void
tx_child_row_free (TxChildRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->gender);
  g_free (row->birth_date);
  g_free (row->id_number);
  g_free (row->residence_division);
  g_free (row->category);
  g_free (row->guardianship);
  g_free (row->migration_scope);
  g_free (row->key_care_reasons);
  g_free (row->next_visit_due);
  g_free (row->info_refresh_due);
  g_free (row->eligible_from);
  g_free (row);
}

static TxChildRow *
read_row (sqlite3_stmt *stmt)
{
  TxChildRow *row = g_new0 (TxChildRow, 1);
  const unsigned char *kc;

  row->rowid = sqlite3_column_int64 (stmt, 0);
  row->id = tx_store_column_text (stmt, 1);
  row->name = tx_store_column_text (stmt, 2);
  row->gender = tx_store_column_text (stmt, 3);
  row->birth_date = tx_store_column_text (stmt, 4);
  row->id_number = tx_store_column_text (stmt, 5);
  row->residence_division = tx_store_column_text (stmt, 6);
  row->category = tx_store_column_text (stmt, 7);
  row->guardianship = tx_store_column_text (stmt, 8);
  row->migration_scope = tx_store_column_text (stmt, 9);
  row->key_care_reasons = tx_store_column_text (stmt, 10);
  kc = sqlite3_column_text (stmt, 11);
  row->key_care = kc && g_str_equal ((const char *) kc, "yes");
  row->complete = sqlite3_column_int (stmt, 12);
  row->eligible = sqlite3_column_int (stmt, 13);
  row->draft = sqlite3_column_int (stmt, 14);
  row->next_visit_due = tx_store_column_text (stmt, 15);
  row->urgent = sqlite3_column_int (stmt, 16);
  row->info_refresh_due = tx_store_column_text (stmt, 17);
  row->eligible_from = tx_store_column_text (stmt, 18);
  return row;
}

/* The exclusive upper bound of the strings starting with @prefix */
static char *
prefix_end (const char *prefix)
{
  char *end = g_strdup (prefix);
  gsize len = strlen (end);

  if (len > 0)
    end[len - 1]++;
  return end;
}

typedef enum { SEARCH_NONE, SEARCH_ID, SEARCH_LETTERS, SEARCH_GRAM } SearchKind;

typedef struct {
  GString   *sql;
  GPtrArray *params;   /* strings, bound in order */
} Query;

static void
param (Query      *q,
       const char *value)
{
  g_ptr_array_add (q->params, g_strdup (value));
}

static SearchKind
classify (const char *text)
{
  gsize len = text ? strlen (text) : 0;
  gboolean digits = TRUE, letters = TRUE;

  if (len == 0)
    return SEARCH_NONE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!g_ascii_isdigit (c) && !(c == 'X' || c == 'x'))
        digits = FALSE;
      if (!g_ascii_isalpha (c))
        letters = FALSE;
    }
  /* a lone x is a letter, 1234x is the end of an identity number */
  if (digits && g_ascii_isdigit (text[0]))
    return SEARCH_ID;
  if (letters)
    return SEARCH_LETTERS;
  return SEARCH_GRAM;
}

/*
 * Builds the query for @q. @what is the column list, or "count(*)".
 * Searches by name go through the gram table, whose primary key already
 * orders by sort key, so the first page needs no sort.
 */
/* Full-width characters become ASCII (NFKC) and spaces go: “张 小明”,
 * “ｚｘｍ” and “１２３４” are what an input method may give */
static char *
normalize_search (const char *text)
{
  g_autofree char *nfkc = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *s;

  if (nfkc == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static void
build_query (const TxChildQuery *cq,
             const char         *what,
             gboolean            ordered,
             Query              *q)
{
  g_autofree char *search = normalize_search (cq->search);
  SearchKind kind = classify (search);
  /* each order's first key, and whether it runs backwards by nature (the
   * youngest have the latest birth dates); ties are broken by name, then
   * by row, so the order is total */
  static const struct { const char *expr; gboolean reversed; } keys[] = {
    [TX_CHILD_ORDER_NAME] = { NULL, FALSE },
    [TX_CHILD_ORDER_AGE] = { "c.f_birth_date", TRUE },
    [TX_CHILD_ORDER_GENDER] = { "c.f_gender", FALSE },
    [TX_CHILD_ORDER_ID_NUMBER] = { "c.f_id_number", FALSE },
    [TX_CHILD_ORDER_VILLAGE] = { "c.f_residence_division", FALSE },
    [TX_CHILD_ORDER_CATEGORY] = { "c.f_child_category", FALSE },
    [TX_CHILD_ORDER_GUARDIANSHIP] = { "CASE c.f_guardianship WHEN 'good' THEN 0 WHEN 'average' "
                                      "THEN 1 WHEN 'poor' THEN 2 ELSE 3 END", FALSE },
    [TX_CHILD_ORDER_KEY_CARE] = { "c.f_key_care = 'yes'", TRUE },
    [TX_CHILD_ORDER_STATUS] = { "CASE WHEN c.draft THEN 0 WHEN NOT c.complete THEN 1 "
                                "WHEN NOT " ELIGIBLE_NOW " THEN 2 ELSE 3 END", FALSE },
    [TX_CHILD_ORDER_NEXT_VISIT] = { "c.next_visit_due", FALSE },
    [TX_CHILD_ORDER_INFO_REFRESH] = { "c.info_refresh_due", FALSE },
  };
  const char *order = "c.sort_key, c.rowid";

  q->sql = g_string_new (NULL);
  q->params = g_ptr_array_new_with_free_func (g_free);

  if (kind == SEARCH_GRAM)
    {
      g_autofree char *gram = NULL;
      const char *second = g_utf8_next_char (search);
      const char *third = *second ? g_utf8_next_char (second) : second;

      gram = g_strndup (search, third - search);
      g_string_printf (q->sql, "SELECT %s FROM name_gram g CROSS JOIN child c "
                       "ON c.rowid = g.child WHERE g.gram = ? AND c.deleted = 0", what);
      param (q, gram);
      if (*third)
        {
          g_string_append (q->sql, " AND instr(c.f_name, ?) > 0");
          param (q, search);
        }
      order = "g.sort_key, g.child";
    }
  else
    {
      g_string_printf (q->sql, "SELECT %s FROM child c WHERE c.deleted = 0", what);
      if (kind == SEARCH_ID)
        {
          g_autofree char *up = g_ascii_strup (search, -1);
          g_autofree char *rev = reversed (up);
          g_autofree char *up_end = prefix_end (up);
          g_autofree char *rev_end = prefix_end (rev);

          g_string_append (q->sql, " AND c.rowid IN ("
                           "SELECT rowid FROM child WHERE deleted = 0 AND f_id_number >= ? AND f_id_number < ? "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND id_rev >= ? AND id_rev < ?)");
          param (q, up);
          param (q, up_end);
          param (q, rev);
          param (q, rev_end);
        }
      else if (kind == SEARCH_LETTERS)
        {
          g_autofree char *low = g_ascii_strdown (search, -1);
          g_autofree char *low_end = prefix_end (low);

          g_string_append (q->sql, " AND c.rowid IN ("
                           "SELECT rowid FROM child WHERE deleted = 0 AND initials >= ?1x AND initials < ?2x "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND given_initials >= ?1x AND given_initials < ?2x "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND sort_key >= ?1x AND sort_key < ?2x)");
          /* positional parameters only: repeat the values */
          g_string_replace (q->sql, "?1x", "?", 0);
          g_string_replace (q->sql, "?2x", "?", 0);
          for (int i = 0; i < 3; i++)
            {
              param (q, low);
              param (q, low_end);
            }
        }
    }

  if (cq->division && *cq->division)
    {
      g_autofree char *end = prefix_end (cq->division);
      g_string_append (q->sql, " AND c.f_residence_division >= ? AND c.f_residence_division < ?");
      param (q, cq->division);
      param (q, end);
    }
  if (cq->category && *cq->category)
    {
      g_string_append (q->sql, " AND instr(',' || c.f_child_category || ',', ',' || ? || ',') > 0");
      param (q, cq->category);
    }
  if (cq->guardianship && *cq->guardianship)
    {
      g_string_append (q->sql, " AND c.f_guardianship = ?");
      param (q, cq->guardianship);
    }
  if (cq->key_care_only)
    g_string_append (q->sql, " AND c.f_key_care = 'yes'");
  if (cq->incomplete_only)
    g_string_append (q->sql, " AND c.complete = 0");
  if (cq->ineligible_only)
    g_string_append (q->sql, " AND NOT " ELIGIBLE_NOW);
  if (cq->overdue_before && *cq->overdue_before)
    {
      g_string_append (q->sql, " AND c.next_visit_due < ?");
      param (q, cq->overdue_before);
    }
  if (cq->urgent_only)
    g_string_append (q->sql, " AND c.urgent = 1");
  if (cq->refresh_before && *cq->refresh_before)
    {
      g_string_append (q->sql, " AND c.info_refresh_due < ?");
      param (q, cq->refresh_before);
    }
  if (cq->registered_on && *cq->registered_on)
    {
      g_autofree char *born_after = NULL;
      GDate on;

      /* under 16 that day: born after the day 16 years before (as tx_date_age_on counts) */
      if (!tx_date_parse (cq->registered_on, &on))
        g_date_set_dmy (&on, 1, 1, 1900);
      g_date_subtract_years (&on, 16);
      born_after = tx_date_format (&on);
      /* and eligible by that day: six months here by then */
      g_string_append (q->sql, " AND c.draft = 0 AND c.complete = 1 AND c.eligible = 1 AND c.f_birth_date > ?"
                               " AND (c.eligible_from IS NULL OR c.eligible_from <= ?)");
      param (q, born_after);
      param (q, cq->registered_on);
    }
  if (ordered)
    {
      TxChildOrder o = (guint) cq->order < G_N_ELEMENTS (keys) ? cq->order : TX_CHILD_ORDER_NAME;

      if (o == TX_CHILD_ORDER_NAME && cq->descending)
        {
          /* the name order itself, every key reversed */
          g_auto(GStrv) parts = g_strsplit (order, ", ", -1);
          g_autofree char *joined = g_strjoinv (" DESC, ", parts);
          g_string_append_printf (q->sql, " ORDER BY %s DESC", joined);
        }
      else if (o == TX_CHILD_ORDER_NAME)
        g_string_append_printf (q->sql, " ORDER BY %s", order);
      else
        {
          gboolean backwards = keys[o].reversed != cq->descending;
          /* children without a value come last either way */
          g_string_append_printf (q->sql, " ORDER BY %s IS NULL, %s%s, %s", keys[o].expr,
                                  keys[o].expr, backwards ? " DESC" : "", order);
        }
    }
}

static void
query_clear (Query *q)
{
  g_string_free (q->sql, TRUE);
  g_ptr_array_unref (q->params);
}

static sqlite3_stmt *
prepare_query (TxStore  *self,
               Query    *q,
               GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, q->sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < q->params->len; i++)
    tx_store_bind_text (stmt, i + 1, q->params->pdata[i]);
  return stmt;
}

static gpointer
read_change (sqlite3_stmt *stmt)
{
  TxChange *c = g_new0 (TxChange, 1);
  c->at = tx_store_column_text (stmt, 0);
  c->station = tx_store_column_text (stmt, 1);
  c->editor = tx_store_column_text (stmt, 2);
  c->field = tx_store_column_text (stmt, 3);
  c->old_value = tx_store_column_text (stmt, 4);
  c->new_value = tx_store_column_text (stmt, 5);
  return c;
}

static gpointer
read_due_row (sqlite3_stmt *stmt)
{
  TxDueRow *row = g_new0 (TxDueRow, 1);
  const unsigned char *kc = sqlite3_column_text (stmt, 5);

  row->id = tx_store_column_text (stmt, 0);
  row->name = tx_store_column_text (stmt, 1);
  row->due_date = tx_store_column_text (stmt, 2);
  row->residence_division = tx_store_column_text (stmt, 3);
  row->guardianship = tx_store_column_text (stmt, 4);
  row->key_care = kc && g_str_equal ((const char *) kc, "yes");
  row->birth_date = tx_store_column_text (stmt, 6);
  row->phone = tx_store_column_text (stmt, 7);
  return row;
}

/**
 * tx_store_child_list:
 * @query: what to look for; an all-zero query lists everyone
 *
 * Rows in pinyin order of the names.
 *
 * Returns: (transfer full) (element-type TxChildRow): a page of rows
 */
GPtrArray *
tx_store_child_list (TxStore             *self,
                     const TxChildQuery  *query,
                     guint                offset,
                     guint                limit,
                     GError             **error)
{
  Query q;
  sqlite3_stmt *stmt;

  build_query (query, ROW_COLUMNS, TRUE, &q);
  g_string_append (q.sql, " LIMIT ? OFFSET ?");
  stmt = prepare_query (self, &q, error);
  if (stmt == NULL)
    {
      query_clear (&q);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, q.params->len + 1, limit);
  sqlite3_bind_int64 (stmt, q.params->len + 2, offset);
  query_clear (&q);

  return tx_store_collect (self, stmt, (TxRowReader) read_row,
                           (GDestroyNotify) tx_child_row_free, error);
}

gint64
tx_store_child_count (TxStore             *self,
                      const TxChildQuery  *query,
                      GError             **error)
{
  Query q;
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  build_query (query, "count(*)", FALSE, &q);
  stmt = prepare_query (self, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tx_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return n;
}

/**
 * tx_store_child_rowids:
 *
 * The row ids of every match in list order: what a roster needs to page
 * rows on demand (8 bytes a child) without reading them.
 *
 * Returns: (transfer full) (element-type gint64): the row ids
 */
GArray *
tx_store_child_rowids (TxStore             *self,
                       const TxChildQuery  *query,
                       GError             **error)
{
  Query q;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  build_query (query, "c.rowid", TRUE, &q);
  stmt = prepare_query (self, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return ids;
}

/**
 * tx_store_child_foreach:
 * @query: which children, in which order; an all-zero query is everyone
 * @func: called with each record, which it may keep; returns %FALSE to stop
 * @cancellable: (nullable): stops the walk with %G_IO_ERROR_CANCELLED
 *
 * Walks the full records of the children a query finds, one statement
 * stepping through them, so a county's 200,000 cost one record at a time.
 *
 * Returns: %FALSE with @error set if reading failed or was cancelled
 */
gboolean
tx_store_child_foreach (TxStore              *self,
                        const TxChildQuery   *query,
                        TxChildFunc           func,
                        gpointer              user_data,
                        GCancellable         *cancellable,
                        GError              **error)
{
  Query q;
  sqlite3_stmt *stmt;
  int rc;
  guint n = 0;

  build_query (query, self->record_columns, TRUE, &q);
  stmt = prepare_query (self, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = record_from_row (stmt);

      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (!func (r, user_data))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * tx_store_child_rows_by_rowid:
 *
 * Returns: (transfer full) (element-type TxChildRow): the rows, in the order
 *   asked; a row deleted meanwhile is left out
 */
GPtrArray *
tx_store_child_rows_by_rowid (TxStore       *self,
                              const gint64  *rowids,
                              guint          n,
                              GError       **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ROW_COLUMNS " FROM child c "
                                         "WHERE c.rowid = ?1 AND c.deleted = 0", error);
  GPtrArray *rows;

  if (stmt == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_child_row_free);
  for (guint i = 0; i < n; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (rows, read_row (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          g_ptr_array_unref (rows);
          tx_store_set_error (self, rc, error);
          return NULL;
        }
    }
  return rows;
}

void
tx_change_free (TxChange *change)
{
  if (change == NULL)
    return;
  g_free (change->at);
  g_free (change->station);
  g_free (change->editor);
  g_free (change->field);
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

/**
 * tx_store_child_history:
 *
 * Returns: (transfer full) (element-type TxChange): the changes to the
 *   record, newest first
 */
GPtrArray *
tx_store_child_history (TxStore     *self,
                        const char  *id,
                        GError     **error)
{
  gboolean deleted = FALSE;
  gint64 rowid = rowid_of (self, id, &deleted);
  sqlite3_stmt *stmt;

  if (rowid == 0 || deleted)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return NULL;
    }
  stmt = tx_store_prepare (self, "SELECT at, station, editor, field, old_value, new_value "
                                 "FROM child_change WHERE child = ?1 ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, rowid);
  return tx_store_collect (self, stmt, (TxRowReader) read_change,
                           (GDestroyNotify) tx_change_free, error);
}

/* Fills the due dates of every record; used by migration 4 */
/* The local day of an ISO 8601 UTC time */
static gboolean
local_day (const char *iso,
           GDate      *day)
{
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  if (local == NULL)
    return FALSE;
  g_date_clear (day, 1);
  g_date_set_dmy (day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

/* Works out again what the rules derive for every living child (a new rule,
 * or a value now kept that was not), in the migration's transaction: the
 * derived columns, completeness, eligibility and the due dates. The values
 * typed are left as they are. */
static gboolean
rederive_children (TxStore  *self,
                   GError  **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GString) update = g_string_new ("UPDATE child SET complete = ?2, eligible = ?3, "
                                            "eligible_from = ?4, next_visit_due = ?5, "
                                            "info_refresh_due = ?6");
  g_autofree char *all = NULL;
  g_autofree char *county = NULL, *township = NULL;
  g_autoptr(GArray) derived = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *station = NULL, *now = NULL;
  int f_reasons = TX_F ("key_care_reasons");
  sqlite3_stmt *sel, *upd, *hist;
  TxRulesContext ctx;
  int rc = SQLITE_DONE;

  if (!ensure_form_columns (self, error))
    return FALSE;
  /* the due dates move off the holidays this store knows */
  if (!load_holidays (self, error))
    return FALSE;
  build_sql (self);
  for (guint i = 0; i < form->n_fields; i++)
    if (form->fields[i].derived || g_str_equal (form->fields[i].key, "key_care_reasons"))
      {
        int f = i;
        g_array_append_val (derived, f);
        g_string_append_printf (update, ", f_%s = ?%u", form->fields[i].key, 6 + derived->len);
      }
  g_string_append (update, " WHERE rowid = ?1");
  /* select_sql reads one child by id; this reads them all, with the row id */
  {
    g_autofree char *columns = g_strndup (self->select_sql,
                                          strstr (self->select_sql, " FROM child") - self->select_sql);
    all = g_strconcat (columns, ", rowid FROM child WHERE deleted = 0", NULL);
  }

  county = tx_store_get_setting (self, "county");
  township = tx_store_get_setting (self, "township");
  tx_rules_context_init (&ctx, county, township);

  if (!(sel = tx_store_prepare (self, all, error)) || !(upd = tx_store_prepare (self, update->str, error)) ||
      !(hist = tx_store_prepare (self, "INSERT INTO child_change (child, at, station, field, old_value, "
                                       "new_value) VALUES (?1, ?2, ?3, 'key_care_reasons', ?4, ?5)", error)))
    return FALSE;
  station = tx_store_get_setting (self, "station_id");
  now = tx_store_now_iso ();
  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = record_from_row (sel);
      g_autoptr(TxCheck) check = NULL;
      g_autofree char *reasons = g_strdup (r->values[f_reasons]);
      gint64 rowid = sqlite3_column_int64 (sel, sqlite3_column_count (sel) - 1);
      GDate day;
      gboolean have_day = local_day (r->updated_at, &day);

      check = tx_rules_apply (r, &ctx);
      /* the history says what a new rule changed, and when */
      if (g_strcmp0 (reasons, r->values[f_reasons]) != 0)
        {
          sqlite3_bind_int64 (hist, 1, rowid);
          tx_store_bind_text (hist, 2, now);
          tx_store_bind_text (hist, 3, station ? station : r->station);
          tx_store_bind_text (hist, 4, reasons);
          tx_store_bind_text (hist, 5, r->values[f_reasons]);
          rc = sqlite3_step (hist);
          sqlite3_reset (hist);
          if (rc != SQLITE_DONE)
            break;
        }
      schedule_record (self, r, have_day ? &day : NULL);
      sqlite3_bind_int64 (upd, 1, rowid);
      sqlite3_bind_int (upd, 2, check->complete);
      sqlite3_bind_int (upd, 3, check->eligible_in_time);
      tx_store_bind_text (upd, 4, check->eligible_from);
      tx_store_bind_text (upd, 5, r->next_visit_due);
      tx_store_bind_text (upd, 6, r->info_refresh_due);
      for (guint i = 0; i < derived->len; i++)
        tx_store_bind_text (upd, 7 + i, r->values[g_array_index (derived, int, i)]);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_reset (sel);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
schedule_all (TxStore  *self,
              GError  **error)
{
  sqlite3_stmt *sel = NULL, *upd = NULL;
  TxScheduleSettings settings;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, f_registration_date, f_guardianship, f_key_care, "
                          "f_child_category, updated_at FROM child WHERE deleted = 0",
                          -1, &sel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE child SET next_visit_due = ?2, info_refresh_due = ?3 "
                          "WHERE rowid = ?1", -1, &upd, NULL) != SQLITE_OK)
    {
      rc = sqlite3_errcode (self->db);
      sqlite3_finalize (sel);
      sqlite3_finalize (upd);
      return tx_store_set_error (self, rc, error);
    }
  tx_store_get_schedule_settings (self, &settings);

  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = tx_record_new ();

      tx_record_set (r, TX_F ("registration_date"), (const char *) sqlite3_column_text (sel, 1));
      tx_record_set (r, TX_F ("guardianship"), (const char *) sqlite3_column_text (sel, 2));
      tx_record_set (r, TX_F ("key_care"), (const char *) sqlite3_column_text (sel, 3));
      tx_record_set (r, TX_F ("child_category"), (const char *) sqlite3_column_text (sel, 4));
      {
        /* the local day of the last change */
        g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (sel, 5), NULL);
        g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;
        GDate day;

        if (local)
          g_date_set_dmy (&day, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                          g_date_time_get_year (local));
        schedule_record (self, r, local ? &day : NULL);
      }
      sqlite3_bind_int64 (upd, 1, sqlite3_column_int64 (sel, 0));
      tx_store_bind_text (upd, 2, r->next_visit_due);
      tx_store_bind_text (upd, 3, r->info_refresh_due);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_finalize (sel);
  sqlite3_finalize (upd);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

void
tx_due_row_free (TxDueRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->due_date);
  g_free (row->residence_division);
  g_free (row->guardianship);
  g_free (row->birth_date);
  g_free (row->phone);
  g_free (row);
}

/**
 * tx_store_visits_due:
 * @from: (nullable): the first due date listed, ISO; %NULL for no limit
 * @to: (nullable): the last due date listed, ISO; %NULL for no limit
 *
 * Children whose next home visit falls between the two dates, by due date
 * then name. Reads only those children, through the due-date index.
 *
 * Returns: (transfer full) (element-type TxDueRow): the children
 */
GPtrArray *
tx_store_visits_due (TxStore     *self,
                     const char  *from,
                     const char  *to,
                     GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT uuid, f_name, next_visit_due, f_residence_division, f_guardianship, f_key_care, "
      "f_birth_date, f_contact_phone "
      "FROM child WHERE deleted = 0 AND next_visit_due >= ?1 AND next_visit_due <= ?2 "
      "ORDER BY next_visit_due, sort_key", error);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, from ? from : "0000-00-00");
  tx_store_bind_text (stmt, 2, to ? to : "9999-99-99");
  return tx_store_collect (self, stmt, (TxRowReader) read_due_row,
                           (GDestroyNotify) tx_due_row_free, error);
}

/**
 * tx_store_division_end:
 * @division: (nullable): a division code, as a prefix of residence codes
 *
 * The first code past every code that starts with @division, so that
 * `code >= division AND code < end` reads the prefix through an index.
 *
 * Returns: (transfer full) (nullable): the end, %NULL for no division
 */
char *
tx_store_division_end (const char *division)
{
  char *end;

  if (division == NULL || *division == 0)
    return NULL;
  end = g_strdup (division);
  end[strlen (end) - 1]++;
  return end;
}

/**
 * tx_store_due_page:
 * @from: (nullable): the first due date listed, ISO; %NULL for no limit
 * @to: (nullable): the last due date listed, ISO; %NULL for no limit
 * @division: (nullable): only children living in this village or township
 * @limit: at most this many rows, 0 for all
 * @total: (out) (optional): how many children there are in all
 *
 * The first page of tx_store_visits_due(), read through the due-date index:
 * the oldest due first, so a county's thousands of overdue children cost a
 * page and a count, not a list.
 *
 * Returns: (transfer full) (element-type TxDueRow): the children
 */
GPtrArray *
tx_store_due_page (TxStore     *self,
                   const char  *from,
                   const char  *to,
                   const char  *division,
                   guint        limit,
                   guint       *total,
                   GError     **error)
{
  g_autofree char *end = tx_store_division_end (division);
  sqlite3_stmt *stmts[2] = {
    tx_store_prepare (self,
        "SELECT uuid, f_name, next_visit_due, f_residence_division, f_guardianship, f_key_care, "
        "f_birth_date, f_contact_phone "
        "FROM child WHERE deleted = 0 AND next_visit_due >= ?1 AND next_visit_due <= ?2 "
        "AND (?3 IS NULL OR (f_residence_division >= ?3 AND f_residence_division < ?4)) "
        "ORDER BY next_visit_due, sort_key LIMIT ?5", error),
    tx_store_prepare (self,
        "SELECT count(*) FROM child WHERE deleted = 0 AND next_visit_due >= ?1 AND next_visit_due <= ?2 "
        "AND (?3 IS NULL OR (f_residence_division >= ?3 AND f_residence_division < ?4))", error),
  };

  if (stmts[0] == NULL || stmts[1] == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    {
      tx_store_bind_text (stmts[i], 1, from ? from : "0000-00-00");
      tx_store_bind_text (stmts[i], 2, to ? to : "9999-99-99");
      tx_store_bind_text (stmts[i], 3, end ? division : NULL);
      tx_store_bind_text (stmts[i], 4, end);
    }
  return tx_store_collect_page (self, stmts[0], 5, stmts[1], (TxRowReader) read_due_row,
                                (GDestroyNotify) tx_due_row_free, limit, total, error);
}

/**
 * tx_store_step_count:
 * @stmt: a statement whose one row is a count
 * @count: (out): the count
 *
 * Steps and resets @stmt.
 */
gboolean
tx_store_step_count (TxStore       *self,
                     sqlite3_stmt  *stmt,
                     guint         *count,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return tx_store_set_error (self, rc, error);
    }
  *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* A living child, as tx_store_children_revisited reads it */
typedef struct {
  gint64  rowid;
  char   *uuid, *guardianship, *key_care, *registered;
} Revisit;

#define REVISIT_SELECT "SELECT rowid, uuid, f_guardianship, f_key_care, f_registration_date FROM child "

static Revisit
revisit_read (sqlite3_stmt *stmt)
{
  return (Revisit) { sqlite3_column_int64 (stmt, 0), tx_store_column_text (stmt, 1),
                     tx_store_column_text (stmt, 2), tx_store_column_text (stmt, 3),
                     tx_store_column_text (stmt, 4) };
}

static void
revisit_clear (gpointer data)
{
  Revisit *r = data;

  g_free (r->uuid);
  g_free (r->guardianship);
  g_free (r->key_care);
  g_free (r->registered);
}

/* The child's last home visit, next visit and urgent mark, worked out
 * again from what is stored */
static gboolean
revisit (TxStore                  *self,
         const TxScheduleSettings *settings,
         const Revisit            *r,
         GError                  **error)
{
  g_autofree char *last = NULL, *due_iso = NULL;
  sqlite3_stmt *stmt;
  GDate reg, visit, due;
  int rc;

  stmt = tx_store_prepare (self, "SELECT max (date) FROM visit WHERE child = ?1 AND kind = 'home' "
                                 "AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  if (last && tx_date_parse (r->registered, &reg) && tx_date_parse (last, &visit))
    {
      tx_schedule_next_visit (settings, r->guardianship, g_strcmp0 (r->key_care, "yes") == 0, &reg, &visit, &due);
      due_iso = tx_date_format (&due);
    }
  stmt = tx_store_prepare (self, "UPDATE child SET last_home_visit = coalesce (?2, last_home_visit), "
                                 "next_visit_due = coalesce (?3, next_visit_due), "
                                 "urgent = EXISTS (SELECT 1 FROM urgent_case u WHERE u.child = ?4 "
                                 "AND u.closed_at IS NULL) WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->rowid);
  tx_store_bind_text (stmt, 2, due_iso ? last : NULL);
  tx_store_bind_text (stmt, 3, due_iso);
  sqlite3_bind_text (stmt, 4, r->uuid, -1, SQLITE_STATIC);
  return tx_store_step_done (self, stmt, error);
}

/* Works out the children read so far, and empties @page */
static gboolean
revisit_page (TxStore                  *self,
              const TxScheduleSettings *settings,
              GArray                   *page,
              GError                  **error)
{
  for (guint i = 0; i < page->len; i++)
    if (!revisit (self, settings, &g_array_index (page, Revisit, i), error))
      return FALSE;
  g_array_set_size (page, 0);
  return TRUE;
}

/**
 * tx_store_children_revisited:
 * @ids: (element-type utf8 utf8) (nullable): the ids of the children whose
 *   record, visits or urgent cases changed, as a set; %NULL for every child
 *
 * Works out each living child's last home visit, next visit and urgent
 * mark again from what is stored, in the caller's transaction: for what
 * came in a bundle (a county's first is every child, so the settings are
 * read once, and many children are read in the table's order, a page of
 * rows at a time, rather than each by its id). A child deleted here, or
 * not here, is left alone.
 */
gboolean
tx_store_children_revisited (TxStore     *self,
                             GHashTable  *ids,
                             GError     **error)
{
  g_autoptr(GArray) page = g_array_new (FALSE, TRUE, sizeof (Revisit));
  TxScheduleSettings settings;
  sqlite3_stmt *stmt;
  gint64 after = 0;
  guint rows;
  int rc;

  tx_store_get_schedule_settings (self, &settings);
  g_array_set_clear_func (page, revisit_clear);
  if (ids && g_hash_table_size (ids) < 10000)
    {
      GHashTableIter it;
      gpointer key;

      g_hash_table_iter_init (&it, ids);
      while (g_hash_table_iter_next (&it, &key, NULL))
        {
          if (!(stmt = tx_store_prepare (self, REVISIT_SELECT "WHERE uuid = ?1 AND deleted = 0", error)))
            return FALSE;
          tx_store_bind_text (stmt, 1, key);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              Revisit r = revisit_read (stmt);
              g_array_append_val (page, r);
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return tx_store_set_error (self, rc, error);
        }
      return revisit_page (self, &settings, page, error);
    }

  do
    {
      if (!(stmt = tx_store_prepare (self, REVISIT_SELECT "WHERE rowid > ?1 AND deleted = 0 "
                                           "ORDER BY rowid LIMIT 512", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, after);
      for (rows = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; rows++)
        {
          after = sqlite3_column_int64 (stmt, 0);
          if (ids == NULL || g_hash_table_contains (ids, sqlite3_column_text (stmt, 1)))
            {
              Revisit r = revisit_read (stmt);
              g_array_append_val (page, r);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return tx_store_set_error (self, rc, error);
      if (!revisit_page (self, &settings, page, error))
        return FALSE;
    }
  while (rows > 0);
  return TRUE;
}

/**
 * tx_store_child_visited:
 * @id: the child
 * @last_home_visit: the date of the child's last home visit
 *
 * For bulk loads (the demo data): sets the last home visit and works out
 * the next visit again, without going through a whole save.
 */
gboolean
tx_store_child_visited (TxStore     *self,
                        const char  *id,
                        const char  *last_home_visit,
                        GError     **error)
{
  g_autoptr(TxRecord) r = read_record (self, id, NULL);
  TxScheduleSettings settings;
  GDate reg, visit, due;
  g_autofree char *due_iso = NULL;
  sqlite3_stmt *stmt;

  if (r == NULL || !tx_date_parse (r->values[TX_F ("registration_date")], &reg) ||
      !tx_date_parse (last_home_visit, &visit))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return FALSE;
    }
  tx_store_get_schedule_settings (self, &settings);
  tx_schedule_next_visit (&settings, r->values[TX_F ("guardianship")],
                          g_strcmp0 (r->values[TX_F ("key_care")], "yes") == 0, &reg, &visit, &due);
  due_iso = tx_date_format (&due);
  stmt = tx_store_prepare (self, "UPDATE child SET last_home_visit = ?2, next_visit_due = ?3 "
                                 "WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  tx_store_bind_text (stmt, 2, last_home_visit);
  tx_store_bind_text (stmt, 3, due_iso);
  return tx_store_step_done (self, stmt, error);
}
