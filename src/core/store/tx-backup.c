/* tx-backup.c — backups of the store: made on a connection of their own, verified, listed, previewed
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is a folder, "<backups>/YYYY-MM-DD_HHMMSS", holding the store's
 * copy under the store's own file name, a copy of its key file (NAME.keys:
 * the backup opens on a new PC with a password valid when it was taken, or
 * with the recovery key) and manifest.json (when, the schema, the counts of
 * children and visits, the change marker, the station; nothing about
 * people). The copy is encrypted with the store's key like the store: it
 * is made with SQLite's online backup API from an encrypted connection
 * into a connection keyed the same way (SQLite3MC copies page by page
 * between two codecs of one page size and reserve), in slices, inside one
 * read transaction of the source, so the copy is one snapshot and a writer
 * in another process goes on meanwhile (WAL). It is made in a temporary
 * folder, checked (integrity_check, the snapshot's counts, the schema),
 * synced, and renamed into place; then the folder is rotated
 * (tx-backup-rotate.c). Restoring is in tx-backup-restore.c.
 */

#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "tx-backup.h"
#include "tx-backup-private.h"
#include "tx-idcard.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

#define MANIFEST "manifest.json"
#define PAGES_PER_STEP 256

void
tx_backup_info_free (TxBackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_free (info->store_file);
  g_free (info->created);
  g_free (info->last_change);
  g_free (info->station);
  g_free (info->county);
  g_free (info->township);
  g_free (info->unusable);
  g_strfreev (info->who);
  g_free (info);
}

void
tx_backup_attempt_clear (TxBackupAttempt *attempt)
{
  g_clear_pointer (&attempt->at, g_free);
  g_clear_pointer (&attempt->message, g_free);
}

void
tx_backup_preview_free (TxBackupPreview *preview)
{
  if (preview == NULL)
    return;
  tx_backup_info_free (preview->info);
  g_clear_pointer (&preview->children, g_ptr_array_unref);
  g_free (preview);
}

/**
 * tx_backup_default_folder:
 *
 * Returns: (transfer full): "DB.backups" beside the store "DB"
 */
char *
tx_backup_default_folder (const char *store_path)
{
  return g_strconcat (store_path, ".backups", NULL);
}

/* Settings */

char *
tx_backup_get_second_place (TxStore *store)
{
  char *place = tx_store_get_setting_by_key (store, "backup_place");

  if (place && *place == '\0')
    g_clear_pointer (&place, g_free);
  return place;
}

/**
 * tx_backup_set_second_place:
 * @folder: (nullable): another disk's or a USB stick's folder; %NULL: none
 *
 * Supervisors and officers only.
 */
gboolean
tx_backup_set_second_place (TxStore     *store,
                            const char  *folder,
                            GError     **error)
{
  if (!tx_store_require (store, TX_PERMISSION_SETTINGS, error))
    return FALSE;
  return tx_store_set_setting_by_key (store, "backup_place", folder && *folder ? folder : NULL, error);
}

/**
 * tx_backup_get_places:
 *
 * Returns: (transfer full): the folder beside the store, and the second
 *   place if one is set
 */
GStrv
tx_backup_get_places (TxStore *store)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree char *first = tx_backup_default_folder (tx_store_get_path (store));
  g_autofree char *second = tx_backup_get_second_place (store);

  g_strv_builder_add (b, first);
  if (second)
    g_strv_builder_add (b, second);
  return g_strv_builder_end (b);
}

static const TxIntSetting keep_keys[] = {
  { "backup_keep_days", G_STRUCT_OFFSET (TxBackupKeep, days), 1, 366 },
  { "backup_keep_weeks", G_STRUCT_OFFSET (TxBackupKeep, weeks), 0, 520 },
  { "backup_keep_months", G_STRUCT_OFFSET (TxBackupKeep, months), 0, 1200 },
};

void
tx_backup_get_keep (TxStore      *store,
                    TxBackupKeep *keep)
{
  *keep = (TxBackupKeep) { 7, 8, 12 };
  tx_store_read_int_settings (store, keep_keys, G_N_ELEMENTS (keep_keys), keep);
}

gboolean
tx_backup_set_keep (TxStore             *store,
                    const TxBackupKeep  *keep,
                    GError             **error)
{
  const TxIntSetting *bad;

  if (!tx_store_require (store, TX_PERMISSION_SETTINGS, error))
    return FALSE;
  if ((bad = tx_store_int_setting_out_of_bounds (keep_keys, G_N_ELEMENTS (keep_keys), keep)))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("Backups are kept for %d to %d (%s). Give a number in that range."),
                   bad->min, bad->max, bad->key);
      return FALSE;
    }
  return tx_store_write_int_settings (store, keep_keys, G_N_ELEMENTS (keep_keys), keep, error);
}

/* The last attempt of this process per store, for when the store could
 * not record it (a damaged store's write fails too) */
static GMutex unrecorded_lock;
static GHashTable *unrecorded;   /* store path → JSON text */

void
tx_backup_get_last_attempt (TxStore         *store,
                            TxBackupAttempt *attempt)
{
  g_autofree char *text = tx_store_get_setting_by_key (store, "backup_last");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *o;

  g_mutex_lock (&unrecorded_lock);
  if (unrecorded && g_hash_table_contains (unrecorded, tx_store_get_path (store)))
    {
      g_free (text);
      text = g_strdup (g_hash_table_lookup (unrecorded, tx_store_get_path (store)));
    }
  g_mutex_unlock (&unrecorded_lock);
  node = text ? json_from_string (text, NULL) : NULL;
  o = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  attempt->at = o ? g_strdup (json_object_get_string_member_with_default (o, "at", NULL)) : NULL;
  attempt->ok = o ? json_object_get_boolean_member_with_default (o, "ok", FALSE) : FALSE;
  attempt->message = o ? g_strdup (json_object_get_string_member_with_default (o, "message", NULL)) : NULL;
}

static void
record_attempt (TxStore      *store,
                const GError *failure)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *at = tx_store_now_iso ();
  g_autofree char *text = NULL;
  gboolean recorded;

  json_object_set_string_member (o, "at", at);
  json_object_set_boolean_member (o, "ok", failure == NULL);
  if (failure)
    json_object_set_string_member (o, "message", failure->message);
  json_node_set_object (node, o);
  text = json_to_string (node, FALSE);
  recorded = tx_store_set_setting_by_key (store, "backup_last", text, NULL);
  g_mutex_lock (&unrecorded_lock);
  if (!recorded)
    {
      g_debug ("the last backup's result could not be recorded in the store");
      if (unrecorded == NULL)
        unrecorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (unrecorded, g_strdup (tx_store_get_path (store)), g_steal_pointer (&text));
    }
  else if (unrecorded)
    g_hash_table_remove (unrecorded, tx_store_get_path (store));
  g_mutex_unlock (&unrecorded_lock);
}

/* Files */

/* Syncs a file or folder of a backup (never the store's own files: closing
 * a descriptor of them would drop this process's locks) */
gboolean
tx_backup_sync_path (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Writes @len bytes to a new file @path, 0600, synced; errno on failure */
int
tx_backup_write_file (const char   *path,
                      const void   *data,
                      gsize         len)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  const char *p = data;
  int saved = 0;

  if (fd < 0)
    return errno;
  while (len > 0)
    {
      ssize_t n = write (fd, p, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : ENOSPC;
          break;
        }
      p += n;
      len -= n;
    }
  if (saved == 0 && fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0)
    saved = errno;
  if (saved)
    g_unlink (path);
  return saved;
}

/* Copies a file (a key file, a backup's store) into a new file @to, 0600,
 * synced; errno on failure, and @to removed */
int
tx_backup_copy_file (const char *from,
                     const char *to)
{
  g_autofree char *buf = g_malloc (1 << 20);
  int in = g_open (from, O_RDONLY | O_CLOEXEC, 0);
  int out, saved = 0;

  if (in < 0)
    return errno;
  out = g_open (to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (out < 0)
    {
      saved = errno;
      close (in);
      return saved;
    }
  for (;;)
    {
      ssize_t n = read (in, buf, 1 << 20), done = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          saved = n < 0 ? errno : 0;
          break;
        }
      while (done < n && saved == 0)
        {
          ssize_t w = write (out, buf + done, n - done);

          if (w < 0 && errno == EINTR)
            continue;
          if (w <= 0)
            saved = w < 0 ? errno : ENOSPC;
          else
            done += w;
        }
      if (saved)
        break;
    }
  close (in);
  if (saved == 0 && fsync (out) != 0)
    saved = errno;
  if (close (out) != 0 && saved == 0)
    saved = errno;
  if (saved)
    g_unlink (to);
  return saved;
}

/* Connections */

/* Opens a store file of a backup read-only, as it is (immutable: no log,
 * no shared memory, nothing written beside it), keyed with @session */
sqlite3 *
tx_backup_open_copy (const char  *file,
                     TxSession   *session,
                     GError     **error)
{
  g_autofree char *escaped = g_uri_escape_string (file, "/", FALSE);
  g_autofree char *uri = g_strconcat ("file:", escaped, "?mode=ro&immutable=1", NULL);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    rc = tx_store_key_connection (db, session);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      /* SQLite3 Multiple Ciphers reports a first page the disk failed to
       * read as a wrong key; the VFS's errno tells the two apart */
      int err = db ? tx_store_file_errno (db) : 0;

      if ((rc & 0xff) == SQLITE_NOTADB && err == 0)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                     _("The backup %s does not open with this store's key: it is damaged, or it is "
                       "another station's backup. Choose another backup."), file);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                     _("The backup %s cannot be read (%s): its disk reported an error. Check the disk it "
                       "is on, or choose another backup."), file,
                     err ? g_strerror (err) : db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

char *
tx_backup_text_of (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *out = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW &&
      sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

/* What a backup's manifest says of the store, read in the caller's
 * transaction (the snapshot being copied) */
static void
read_snapshot (sqlite3      *db,
               TxBackupInfo *info)
{
  info->schema = (int) tx_store_count_of (db, "PRAGMA user_version");
  info->children_total = tx_store_count_of (db, "SELECT count(*) FROM child WHERE deleted = 0");
  /* the roster's count: the children on the register */
  info->children = tx_store_count_of (db, "SELECT count(*) FROM child WHERE deleted = 0 AND register = 'active'");
  if (info->children < 0)
    info->children = info->children_total;
  info->visits = tx_store_count_of (db, "SELECT count(*) FROM visit WHERE deleted = 0");
  info->change_seq = MAX (tx_store_count_of (db, "SELECT coalesce(max(seq), 0) FROM audit WHERE " CHANGE_KINDS), 0);
  info->last_change = tx_backup_text_of (db, "SELECT at FROM audit WHERE " CHANGE_KINDS " ORDER BY seq DESC LIMIT 1");
  info->station = tx_backup_text_of (db, "SELECT value FROM settings WHERE key = 'station_id'");
  info->county = tx_backup_text_of (db, "SELECT value FROM settings WHERE key = 'county'");
  info->township = tx_backup_text_of (db, "SELECT value FROM settings WHERE key = 'township'");
}

/* The people who made the last changes, newest first */
GStrv
tx_backup_read_who (sqlite3 *db)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT person FROM audit WHERE " CHANGE_KINDS " AND person != '' "
                              "GROUP BY person ORDER BY max(seq) DESC LIMIT 3", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (b);
}

/* What integrity_check finds wrong with @db, in words (its findings, in
 * SQLite's English, hundreds of lines for a damaged file, go to the debug
 * output: the first one), or NULL when it is sound */
char *
tx_backup_integrity_problem (sqlite3 *db)
{
  g_autofree char *result = tx_backup_text_of (db, "PRAGMA integrity_check");
  g_auto(GStrv) lines = NULL;

  if (g_strcmp0 (result, "ok") == 0)
    return NULL;
  if (result == NULL)
    return g_strdup (_("unreadable"));
  lines = g_strsplit (result, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (*g_strstrip (lines[i]) && !g_str_has_prefix (lines[i], "***"))
      {
        g_debug ("integrity_check: %s", lines[i]);
        break;
      }
  return g_strdup (_("some of its pages are damaged"));
}

/* The check of a copy against what its manifest (or snapshot) says: NULL
 * when it is sound, else what is wrong, in words */
char *
tx_backup_check_copy (sqlite3            *db,
            const TxBackupInfo *expected)
{
  g_autofree char *result = tx_backup_integrity_problem (db);
  TxBackupInfo found = { 0 };
  char *problem = NULL;

  if (result)
    return g_strdup_printf (_("its integrity check failed: %s"), result);
  read_snapshot (db, &found);
  if (found.schema != expected->schema)
    problem = g_strdup_printf (_("its schema is version %d, not %d"), found.schema, expected->schema);
  else if (found.children_total != (expected->children_total >= 0 ? expected->children_total : expected->children))
    problem = g_strdup_printf (_("it holds %lld children, not %lld"), (long long) found.children_total,
                               (long long) (expected->children_total >= 0 ? expected->children_total
                                                                          : expected->children));
  else if (expected->children_total >= 0 && found.children != expected->children)
    problem = g_strdup_printf (_("it holds %lld children, not %lld"),
                               (long long) found.children, (long long) expected->children);
  else if (found.visits != expected->visits)
    problem = g_strdup_printf (_("it holds %lld visits, not %lld"),
                               (long long) found.visits, (long long) expected->visits);
  g_free (found.last_change);
  g_free (found.station);
  g_free (found.county);
  g_free (found.township);
  return problem;
}

/* Manifests */

/**
 * tx_backup_info_to_json:
 *
 * Returns: (transfer full): @info as a JSON object: path, file, created,
 *   schema, children, visits, change_seq, last_change, station, county,
 *   township, size, verified, before_restore, automatic, unusable, who
 */
JsonNode *
tx_backup_info_to_json (const TxBackupInfo *info)
{
  JsonObject *o = json_object_new ();
  JsonArray *who = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (o, "path", info->path);
  json_object_set_string_member (o, "file", info->store_file);
  json_object_set_string_member (o, "created", info->created);
  json_object_set_int_member (o, "schema", info->schema);
  json_object_set_int_member (o, "children", info->children);
  json_object_set_int_member (o, "children_total", info->children_total >= 0 ? info->children_total : info->children);
  json_object_set_int_member (o, "visits", info->visits);
  json_object_set_int_member (o, "change_seq", info->change_seq);
  json_object_set_string_member (o, "last_change", info->last_change);
  json_object_set_string_member (o, "station", info->station);
  json_object_set_string_member (o, "county", info->county);
  json_object_set_string_member (o, "township", info->township);
  json_object_set_int_member (o, "size", info->size);
  json_object_set_boolean_member (o, "verified", info->verified && info->unusable == NULL);
  json_object_set_boolean_member (o, "before_restore", info->before_restore);
  json_object_set_boolean_member (o, "automatic", info->automatic);
  json_object_set_string_member (o, "unusable", info->unusable);
  for (guint i = 0; info->who && info->who[i]; i++)
    json_array_add_string_element (who, info->who[i]);
  json_object_set_array_member (o, "who", who);
  json_node_take_object (node, o);
  return node;
}

/* The manifest: nothing about people, and the store's file name only */
static char *
manifest_text (const TxBackupInfo *info,
               const char         *file)
{
  g_autoptr(JsonNode) node = tx_backup_info_to_json (info);
  JsonObject *o = json_node_get_object (node);

  json_object_remove_member (o, "path");
  json_object_remove_member (o, "who");
  json_object_remove_member (o, "unusable");
  json_object_remove_member (o, "verified");
  json_object_set_int_member (o, "format", 1);
  json_object_set_string_member (o, "file", file);
  json_object_set_string_member (o, "check", info->verified ? "ok" : "failed");
  json_object_set_string_member (o, "program", PACKAGE_VERSION);
  return json_to_string (node, TRUE);
}

static char *
member_text (JsonObject *o,
             const char *name)
{
  return g_strdup (json_object_get_string_member_with_default (o, name, NULL));
}

/**
 * tx_backup_read:
 * @path: a backup's folder, or the store's copy in it
 *
 * What the manifest says, and whether the backup is usable: a folder that
 * is half-made, or lacks its manifest, its store or its key file, comes back
 * with @unusable saying so. Opens nothing.
 *
 * Returns: (transfer full) (nullable): %NULL with @error set if @path is
 *   not a folder nor a file in one
 */
TxBackupInfo *
tx_backup_read (const char  *path,
                GError     **error)
{
  g_autoptr(TxBackupInfo) info = g_new0 (TxBackupInfo, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *manifest = NULL, *base = NULL, *keys = NULL;
  JsonObject *o;
  const char *file;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    info->path = g_strdup (path);
  else if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    info->path = g_path_get_dirname (path);
  else
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no backup at %s. Give a backup's folder, or the store file in it "
                     "(tongxing-cli backup list shows them)."), path);
      return NULL;
    }
  base = g_path_get_basename (info->path);
  if (base[0] == '.')
    {
      info->unusable = g_strdup (_("half-made: a backup that was interrupted"));
      return g_steal_pointer (&info);
    }
  manifest = g_build_filename (info->path, MANIFEST, NULL);
  if (!json_parser_load_from_file (parser, manifest, &local) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      info->unusable = g_strdup (_("not a backup: it has no readable manifest.json"));
      return g_steal_pointer (&info);
    }
  o = json_node_get_object (json_parser_get_root (parser));
  file = json_object_get_string_member_with_default (o, "file", NULL);
  if (file == NULL || strchr (file, '/') || file[0] == '.')
    {
      info->unusable = g_strdup (_("not a backup: its manifest names no store"));
      return g_steal_pointer (&info);
    }
  info->store_file = g_build_filename (info->path, file, NULL);
  info->created = member_text (o, "created");
  info->schema = (int) json_object_get_int_member_with_default (o, "schema", 0);
  info->children = json_object_get_int_member_with_default (o, "children", -1);
  /* a manifest made before the roster's count was kept: its "children"
   * were every child not deleted */
  info->children_total = json_object_get_int_member_with_default (o, "children_total", -1);
  info->visits = json_object_get_int_member_with_default (o, "visits", -1);
  info->change_seq = json_object_get_int_member_with_default (o, "change_seq", 0);
  info->last_change = member_text (o, "last_change");
  info->station = member_text (o, "station");
  info->county = member_text (o, "county");
  info->township = member_text (o, "township");
  info->size = json_object_get_int_member_with_default (o, "size", 0);
  info->verified = g_strcmp0 (json_object_get_string_member_with_default (o, "check", NULL), "ok") == 0;
  info->before_restore = json_object_get_boolean_member_with_default (o, "before_restore", FALSE);
  info->automatic = json_object_get_boolean_member_with_default (o, "automatic", FALSE);
  keys = tx_keyring_path_for (info->store_file);
  if (info->created == NULL)
    info->unusable = g_strdup (_("not a backup: its manifest has no date"));
  else if (!g_file_test (info->store_file, G_FILE_TEST_IS_REGULAR))
    info->unusable = g_strdup_printf (_("the store's copy %s is missing"), file);
  else if (!g_file_test (keys, G_FILE_TEST_IS_REGULAR))
    info->unusable = g_strdup_printf (_("the key file %s.keys is missing"), file);
  else if (!info->verified)
    info->unusable = g_strdup (_("its check failed when it was made"));
  return g_steal_pointer (&info);
}

/* Making one */

static char *
new_name (const char *folder,
          GDateTime  *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (now);
  g_autofree char *stamp = g_date_time_format (local, "%Y-%m-%d_%H%M%S");
  char *name = g_strdup (stamp);

  for (int i = 2; ; i++)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        return name;
      g_free (name);
      name = g_strdup_printf ("%s-%d", stamp, i);
    }
}

/* The errno behind a failed statement on @db: a full disk, even when SQLite
 * calls it an I/O error (a write that failed with ENOSPC), else EIO */
static int
errno_of (sqlite3 *db,
          int      code)
{
  if ((code & 0xff) == SQLITE_FULL || (db && sqlite3_system_errno (db) == ENOSPC))
    return ENOSPC;
  return EIO;
}

static gboolean
io_failure (const char  *folder,
            gint64       needed,
            int          err,
            const char  *detail,
            GError     **error)
{
  g_autofree char *size = g_format_size (MAX (needed, 0) * 2);

  if (err == ENOSPC || err == EDQUOT)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FULL,
                 _("The disk holding %s is full: the backup needs about %s free there. Free some space "
                   "or choose another place; nothing was left behind and the store is as it was."),
                 folder, size);
  else
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                 _("The backup could not be written to %s (%s). Check that the folder is writable and the "
                   "disk is in place, or choose another place; nothing was left behind and the store is "
                   "as it was."), folder, detail ? detail : g_strerror (err));
  return FALSE;
}

/* Copies the snapshot @src is reading, page slices at a time, into @file */
static gboolean
copy_pages (sqlite3          *src,
            TxSession        *session,
            const char       *file,
            const char       *folder,
            gint64            size,
            TxBackupProgress  progress,
            gpointer          data,
            GCancellable     *cancellable,
            GError          **error)
{
  sqlite3 *dest = NULL;
  sqlite3_backup *bk;
  /* made 0600 before SQLite opens it (its log takes the mode of the file) */
  int fd = g_open (file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  int rc;

  if (fd < 0)
    return io_failure (folder, size, errno, NULL, error);
  close (fd);
  rc = sqlite3_open_v2 (file, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
                                             SQLITE_OPEN_EXRESCODE, NULL);
  if (rc == SQLITE_OK)
    rc = tx_store_key_connection (dest, session);
  if (rc != SQLITE_OK)
    {
      g_autofree char *detail = g_strdup (dest ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      int err = errno_of (dest, rc);

      sqlite3_close_v2 (dest);
      return io_failure (folder, size, err, detail, error);
    }
  bk = sqlite3_backup_init (dest, "main", src, "main");
  if (bk == NULL)
    {
      g_autofree char *detail = g_strdup (sqlite3_errmsg (dest));
      int err = errno_of (dest, sqlite3_extended_errcode (dest));

      sqlite3_close_v2 (dest);
      return io_failure (folder, size, err, detail, error);
    }
  do
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          rc = SQLITE_OK;
          break;
        }
      rc = sqlite3_backup_step (bk, PAGES_PER_STEP);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
      if (progress && sqlite3_backup_pagecount (bk) > 0)
        progress (1.0 - (double) sqlite3_backup_remaining (bk) / sqlite3_backup_pagecount (bk), data);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish (bk);
  if (rc == SQLITE_OK)
    {
      sqlite3_close_v2 (dest);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The backup was cancelled; nothing was left behind."));
      return FALSE;
    }
  if (rc == SQLITE_DONE)
    /* a file of its own, without a log beside it */
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      g_autofree char *detail = g_strdup (sqlite3_errmsg (dest));
      int err = errno_of (dest, sqlite3_extended_errcode (dest));

      sqlite3_close_v2 (dest);
      if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB)
        {
          /* the store's pages, not the backup's folder; SQLite's English
           * is for the debug output, not the person */
          g_debug ("the store could not be read to back it up: %s", detail);
          g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                       _("%s cannot be read to back it up: some of its pages are damaged, or its disk "
                         "reported an error. Copy the store and its .keys file elsewhere and have the disk "
                         "checked, then restore the newest good backup."),
                       sqlite3_db_filename (src, "main"));
          return FALSE;
        }
      return io_failure (folder, size, err, detail, error);
    }
  if (sqlite3_close_v2 (dest) != SQLITE_OK)
    return io_failure (folder, size, EIO, NULL, error);
  return TRUE;
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* The backup itself, into the temporary folder @tmp */
static gboolean
make_in (TxStore          *store,
         const char       *tmp,
         const char       *folder,
         TxBackupInfo     *info,
         TxBackupProgress  progress,
         gpointer          data,
         GCancellable     *cancellable,
         GError          **error)
{
  const char *path = tx_store_get_path (store);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *file = g_build_filename (tmp, base, NULL);
  g_autofree char *keys_from = tx_keyring_path_for (path);
  g_autofree char *keys_to = tx_keyring_path_for (file);
  g_autofree char *manifest_path = g_build_filename (tmp, MANIFEST, NULL);
  g_autofree char *manifest = NULL, *problem = NULL;
  g_autoptr(TxStore) own = NULL;
  TxSession *session = tx_store_get_session (store);
  gint64 size = file_size (path);
  sqlite3 *src, *copy;
  gboolean ok;
  int err;

  /* a connection of its own, keyed like every one */
  if (!(own = tx_store_open (path, error)))
    return FALSE;
  src = tx_store_get_db (own);
  if (sqlite3_exec (src, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return tx_store_set_error (own, sqlite3_errcode (src), error);
  /* the snapshot starts at the first read and lasts to the COMMIT */
  read_snapshot (src, info);
  ok = copy_pages (src, session, file, folder, size, progress, data, cancellable, error);
  sqlite3_exec (src, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return FALSE;

  if ((err = tx_backup_copy_file (keys_from, keys_to)) != 0)
    return io_failure (folder, size, err, NULL, error);

  /* the check: it opens with the key, is whole, holds the snapshot */
  if (!(copy = tx_backup_open_copy (file, session, error)))
    return FALSE;
  problem = tx_backup_check_copy (copy, info);
  sqlite3_close_v2 (copy);
  if (problem)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("The backup made in %s did not pass its check: %s, a disk error there or here. "
                     "Nothing was kept; have the disk checked, or choose another place."), folder, problem);
      return FALSE;
    }
  info->verified = TRUE;
  info->size = file_size (file);
  manifest = manifest_text (info, base);
  if ((err = tx_backup_write_file (manifest_path, manifest, strlen (manifest))) != 0)
    return io_failure (folder, size, err, NULL, error);
  if (!tx_backup_sync_path (file) || !tx_backup_sync_path (tmp))
    return io_failure (folder, size, errno, NULL, error);
  return TRUE;
}

static gboolean
audit_made (TxStore            *store,
            const TxBackupInfo *info,
            GError            **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  g_autofree char *name = g_path_get_basename (info->path);

  json_object_set_string_member (detail, "backup", name);
  json_object_set_int_member (detail, "children", info->children);
  json_object_set_int_member (detail, "visits", info->visits);
  if (info->automatic)
    json_object_set_boolean_member (detail, "automatic", TRUE);
  if (info->before_restore)
    json_object_set_boolean_member (detail, "before_restore", TRUE);
  if (!tx_store_begin (store, error))
    return FALSE;
  if (!tx_store_audit (store, "backup.made", NULL, detail, error) || !tx_store_commit (store, error))
    {
      tx_store_rollback_to (store, 0);
      return FALSE;
    }
  return TRUE;
}

/**
 * tx_backup_make:
 * @store: a store opened by a person (the backup opens its own connection
 *   beside it; call it on a thread of its own, with a TxStore of that thread)
 * @folder: (nullable): where; %NULL: the folder beside the store
 * @flags: %TX_BACKUP_AUTOMATIC for the timer's (anybody logged in); else
 *   only supervisors and officers
 * @progress: (nullable) (scope call): the copy's progress
 * @cancellable: (nullable): stops the copy; nothing is left behind
 *
 * Makes a verified backup (see the top of the file), records the attempt
 * for the status line, writes the audit entry and rotates the folder.
 *
 * Returns: (transfer full) (nullable): the new backup
 */
TxBackupInfo *
tx_backup_make (TxStore          *store,
                const char       *folder,
                TxBackupFlags     flags,
                TxBackupProgress  progress,
                gpointer          data,
                GCancellable     *cancellable,
                GError          **error)
{
  g_autoptr(TxBackupInfo) info = g_new0 (TxBackupInfo, 1);
  g_autofree char *where = folder ? g_strdup (folder) : tx_backup_default_folder (tx_store_get_path (store));
  g_autofree char *template = NULL, *tmp = NULL, *name = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local = NULL;

  if (!(flags & TX_BACKUP_AUTOMATIC) && !tx_store_require (store, TX_PERMISSION_SETTINGS, error))
    return NULL;
  if (tx_store_get_session (store) == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_LOCKED,
                   _("%s is protected: log in with your name and password first."), tx_store_get_path (store));
      return NULL;
    }
  info->created = g_date_time_format_iso8601 (now);
  info->before_restore = (flags & TX_BACKUP_BEFORE_RESTORE) != 0;
  info->automatic = (flags & TX_BACKUP_AUTOMATIC) != 0;

  if (g_mkdir_with_parents (where, 0700) != 0)
    {
      io_failure (where, file_size (tx_store_get_path (store)), errno, NULL, &local);
      goto failed;
    }
  template = g_build_filename (where, ".partial-XXXXXX", NULL);
  tmp = g_mkdtemp_full (g_strdup (template), 0700);
  if (tmp == NULL)
    {
      io_failure (where, file_size (tx_store_get_path (store)), errno, NULL, &local);
      goto failed;
    }
  if (!make_in (store, tmp, where, info, progress, data, cancellable, &local))
    {
      tx_backup_remove_tree (tmp);
      goto failed;
    }
  name = new_name (where, now);
  info->path = g_build_filename (where, name, NULL);
  if (g_rename (tmp, info->path) != 0)
    {
      int saved = errno;

      tx_backup_remove_tree (tmp);
      io_failure (where, info->size, saved, NULL, &local);
      goto failed;
    }
  tx_backup_sync_path (where);
  {
    g_autofree char *base = g_path_get_basename (tx_store_get_path (store));
    info->store_file = g_build_filename (info->path, base, NULL);
  }
  g_debug ("backup made: %lld children, %lld visits", (long long) info->children, (long long) info->visits);

  if (!audit_made (store, info, &local))
    g_clear_error (&local);   /* the backup is made; the trail says so next time it can */
  record_attempt (store, NULL);
  if (!(flags & (TX_BACKUP_NO_ROTATE | TX_BACKUP_BEFORE_RESTORE)))
    {
      TxBackupKeep keep;

      tx_backup_get_keep (store, &keep);
      tx_backup_rotate (where, info->station, &keep, now);
    }
  return g_steal_pointer (&info);

failed:
  if (!g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    record_attempt (store, local);
  g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}
