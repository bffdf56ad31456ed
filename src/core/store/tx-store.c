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
#include <sys/statvfs.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-store-monitor.h"
#include "tx-store-private.h"
#include "tx-store-audit.h"
#include "tx-store-versions.h"

G_DEFINE_FINAL_TYPE (TxStore, tx_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (tx-store-error-quark, tx_store_error)

/* held while a store's file may be created and opened: see tx_store_open_at_version() */
static GMutex create_lock;

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}


static void
tx_store_finalize (GObject *object)
{
  TxStore *self = TX_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->in_use)
    tx_store_in_use_release (self->path);
  if (self->db)
    {
      sqlite3_wal_hook (self->db, NULL, NULL);
      sqlite3_update_hook (self->db, NULL, NULL);
      sqlite3_rollback_hook (self->db, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  g_clear_object (&self->monitor);
  g_clear_object (&self->session);
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

/**
 * tx_store_file_errno:
 * @db: a connection to a store
 *
 * The errno of the last system call that failed on the store's file or on
 * its log, as SQLite's unix VFS keeps it for each open file; 0 when none
 * has. SQLite3 Multiple Ciphers 2.4.0 does not pass a failed read on: it
 * decrypts the buffer the read left as it was, and reports the failed
 * check (SQLITE_NOTADB for page 1, SQLITE_CORRUPT for another page) in
 * the read's place (mcIoRead, fixed upstream after 2.4.0). What the disk
 * said is still here.
 */
int
tx_store_file_errno (sqlite3 *db)
{
  sqlite3_file *log = NULL;
  int e = 0;

  if (db == NULL)
    return 0;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK && e != 0)
    return e;
  e = 0;
  if (sqlite3_file_control (db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &log) == SQLITE_OK &&
      log && log->pMethods && log->pMethods->xFileControl (log, SQLITE_FCNTL_LAST_ERRNO, &e) == SQLITE_OK)
    return e;
  return 0;
}

/* What a write into the store may need on its disk: its log can grow by
 * every page a change touches before the checkpoint gives the room back,
 * so a quarter of the store (a large import rewrites that much) plus the
 * log as it is, and never less than 64 MB */
static guint64
full_disk_need (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;
  guint64 need = 0;

  if (g_stat (path, &st) == 0)
    need += (guint64) st.st_size / 4;
  if (g_stat (wal, &st) == 0)
    need += (guint64) st.st_size;
  return MAX (need, (guint64) 64 * 1000 * 1000);
}

gboolean
tx_store_set_error (TxStore  *self,
                    int       rc,
                    GError  **error)
{
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  /* the system's errno of an I/O error: a full disk may come as one (the
   * shared-memory index growing, a file being extended) */
  int sys = self->db && (rc & 0xff) == SQLITE_IOERR ? sqlite3_system_errno (self->db) : 0;
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *name = g_path_get_basename (self->path);

  /* a page the disk failed to read, reported as a damaged one (above) */
  if (((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) && (sys = tx_store_file_errno (self->db)))
    {
      rc = SQLITE_IOERR;
      detail = g_strerror (sys);
    }
  if (sys == ENOSPC || sys == EDQUOT)
    rc = SQLITE_FULL;
  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      {
        g_autofree char *free_text = NULL, *need_text = NULL;
        guint64 need = full_disk_need (self->path);
        struct statvfs fs;

        free_text = g_format_size (statvfs (folder, &fs) == 0 ? (guint64) fs.f_bavail * fs.f_frsize : 0);
        need_text = g_format_size (need);
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL,
                     _("The disk holding the folder %s is full (%s free). Free at least %s on that disk (move "
                       "or delete files you do not need) and try again; nothing has been changed."),
                     folder, free_text, need_text);
      }
      break;
    case SQLITE_IOERR:
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("The disk holding the folder %s reported an error with %s (%s). Copy that file and its "
                     ".keys file to another disk now, and have the disk checked."), folder, name, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      /* SQLite reports a read the disk failed (EIO) as a damaged file too */
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s is damaged, is not a Tongxing database, or the disk reported an error reading it "
                     "(%s). Copy it and its .keys file to another disk and have the disk checked; if it "
                     "still does not open, restore it from a backup, or open another file."),
                   self->path, detail);
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
 * tx_store_sql_where:
 * @conditions: (array length=n): conditions, %NULL for one not asked
 *
 * @head, the conditions asked joined by WHERE and AND, and @tail: only
 * those asked, since "?1 IS NULL OR col = ?1" keeps SQLite from the
 * column's index.
 *
 * Returns: (transfer full): the statement's text
 */
char *
tx_store_sql_where (const char         *head,
                    const char *const  *conditions,
                    guint               n,
                    const char         *tail)
{
  GString *sql = g_string_new (head);
  const char *word = " WHERE ";

  for (guint i = 0; i < n; i++)
    if (conditions[i])
      {
        g_string_append (sql, word);
        g_string_append (sql, conditions[i]);
        word = " AND ";
      }
  g_string_append (sql, tail);
  return g_string_free (sql, FALSE);
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


gboolean
tx_store_begin (TxStore  *self,
                GError  **error)
{
  if (self->depth == 0 && !tx_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  /* what this transaction reads is what others have committed: the
   * workstation may have been set up again meanwhile */
  if (self->depth == 0 && tx_store_data_version (self) != self->settings_version)
    tx_store_read_unit (self);
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
  if (self->depth == 0)
    self->audit_bulk = FALSE;
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
  if (self->depth == 0)
    self->audit_bulk = FALSE;
}

/**
 * tx_store_table_count:
 * @table: one of the store's tables, by its name in the schema (never text
 *   from outside: a name cannot be a bound parameter)
 *
 * Returns: the rows in @table, or -1 with @error set
 */
gint64
tx_store_table_count (TxStore     *self,
                      const char  *table,
                      GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM %s", table);
  sqlite3_stmt *stmt = tx_store_prepare (self, sql, error);
  guint n;

  if (stmt == NULL || !tx_store_step_count (self, stmt, &n, error))
    return -1;
  return n;
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
      /* a comparison round's findings: the roster's compare-task filter and the
       * calendar's tasks (children), and the Lists view (lists) */
      if (g_str_equal (table, "compare_item") || g_str_equal (table, "compare_round"))
        return TX_STORE_CHANGE_CHILDREN | TX_STORE_CHANGE_LISTS;
      break;
    case 'v':
      if (g_str_equal (table, "visit"))
        return TX_STORE_CHANGE_VISITS;
      break;
    case 'd':
      if (g_str_equal (table, "duplicate"))
        return TX_STORE_CHANGE_SYNC;
      if (g_str_equal (table, "dept_list"))
        return TX_STORE_CHANGE_LISTS;
      break;
    case 'e':
      if (g_str_equal (table, "export_log"))
        return TX_STORE_CHANGE_EXPORTS;
      break;
    case 't':
      /* a transfer offered, decided or come in a bundle: the Sync view's
       * list of transfers, and the child's place on the register */
      if (g_str_equal (table, "transfer"))
        return TX_STORE_CHANGE_SYNC | TX_STORE_CHANGE_CHILDREN;
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
 * tx_store_check_not_backup:
 * @path: a store file, which need not exist
 *
 * Refuses the store's copy in a backup's folder (the file the manifest.json
 * beside it names, see tx-backup.c): opened as a store it would take a log,
 * a shared-memory file and a login's entry in its trail, and no longer be
 * what its manifest says. A backup is restored, or looked at read-only
 * (tx_backup_preview()), never worked in.
 *
 * Returns: %FALSE with @error set (%TX_STORE_ERROR_BACKUP) for a backup
 */
gboolean
tx_store_check_not_backup (const char  *path,
                           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *manifest = g_build_filename (dir, "manifest.json", NULL);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *named = NULL, *when = NULL;
  g_autoptr(TxBackupInfo) info = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (!g_file_test (manifest, G_FILE_TEST_IS_REGULAR) || !(info = tx_backup_read (dir, NULL)) ||
      info->store_file == NULL)
    return TRUE;
  named = g_path_get_basename (info->store_file);
  if (!g_str_equal (named, name))
    return TRUE;
  utc = info->created ? g_date_time_new_from_iso8601 (info->created, NULL) : NULL;
  if (utc)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);
      when = g_date_time_format (local, "%Y-%m-%d %H:%M");
    }
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_BACKUP,
               _("%s is a backup made on %s, not a store to work in: opening it would change it, and it would "
                 "no longer match its manifest. To use it, restore it: Preferences → Backups → Restore…, or "
                 "“tongxing-cli backup restore %s”; to look at it, “tongxing-cli backup preview %s”."),
               path, when ? when : info->created ? info->created : "?", dir, dir);
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

gint64
tx_store_data_version (TxStore *self)
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
  gint64 v = tx_store_data_version (self);
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
  self->seen_version = tx_store_data_version (self);
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

  /* a backup's copy is never opened to be worked in */
  if (!tx_store_check_not_backup (path, error))
    return NULL;
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
  tx_store_record_connection (self->db);
  sqlite3_busy_timeout (self->db, 5000);

  /* encrypted: nothing is read before the person's key is given */
  if (!tx_store_apply_key (self, version < 17, error))
    return NULL;

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

  if (!tx_store_migrate (self, version, error))
    return NULL;
  /* the log and the shared memory are there now */
  tx_store_in_use_hold (path);
  self->in_use = TRUE;
  if (version == TX_STORE_SCHEMA_VERSION)
    {
      tx_store_build_sql (self);
      if (!tx_store_load_settings (self, error) ||
          !tx_store_load_account (self, error) ||
          !tx_store_audit_login (self, error))
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
