/* tx-store-cipher.c — the store encrypted at rest, opened by a person
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every page of the database and of its write-ahead log is encrypted and
 * authenticated by SQLite3 Multiple Ciphers (AEGIS-256, the tag in each
 * page's reserved bytes) with the store's random key, which the
 * person's session holds (tx-session.c). Temporary tables and sorts stay in
 * memory (the library is built with SQLITE_TEMP_STORE=3), so no file the
 * store leaves holds a child's data in plain text.
 *
 * A store made before this (plain) is encrypted on its first opening by a
 * person: a copy first, then SQLite3MC's rekey in one transaction of a
 * rollback journal, then a check that it reads back whole and holds what
 * the copy holds; the copy is removed only then. A power cut during the
 * rekey leaves the plain store (the journal rolls it back), which the next
 * opening encrypts again.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <unistd.h>

#include "tx-session.h"
#include "tx-store-private.h"
#include "tx-store-audit.h"

typedef TxStoreFileKind FileKind;
#define FILE_NEW       TX_STORE_FILE_NEW
#define FILE_PLAIN     TX_STORE_FILE_PLAIN
#define FILE_ENCRYPTED TX_STORE_FILE_ENCRYPTED

/* What the file is, asked of SQLite through a connection of its own (never
 * by reading the file: closing a descriptor of it would drop this
 * process's locks, see tx-store.c) */
static gboolean
probe (const char  *path,
       FileKind    *kind,
       GError     **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);

  if (rc == SQLITE_OK)
    {
      tx_store_record_connection (db);
      sqlite3_busy_timeout (db, 5000);
      rc = sqlite3_prepare_v2 (db, "SELECT (SELECT count(*) FROM sqlite_master), "
                                   "(SELECT page_count FROM pragma_page_count)", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *kind = sqlite3_column_int64 (stmt, 1) == 0 ? FILE_NEW : FILE_PLAIN;
      rc = SQLITE_OK;
    }
  else if ((rc & 0xff) == SQLITE_NOTADB)
    {
      *kind = FILE_ENCRYPTED;
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    g_set_error (error, TX_STORE_ERROR, (rc & 0xff) == SQLITE_BUSY ? TX_STORE_ERROR_IO : TX_STORE_ERROR_CORRUPT,
                 _("%s cannot be read (%s). Restore it from a backup, or open another file."),
                 path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return rc == SQLITE_OK;
}

/* SQLite3MC's raw key: "raw:" and the 32 bytes, no key derivation (the key
 * is random; the passwords are stretched where they unwrap it) */
static int
set_key (sqlite3   *db,
         TxSession *session,
         gboolean   rekey)
{
  guint8 *raw = sodium_malloc (4 + TX_STORE_KEY_BYTES);
  int rc;

  tx_store_record_connection (db);
  memcpy (raw, "raw:", 4);
  memcpy (raw + 4, tx_store_key_bytes (tx_session_get_key (session)), TX_STORE_KEY_BYTES);
  sqlite3mc_config (db, "cipher", sqlite3mc_cipher_index (tx_keyring_get_cipher (tx_session_get_keyring (session))));
  rc = rekey ? sqlite3_rekey_v2 (db, "main", raw, 4 + TX_STORE_KEY_BYTES)
             : sqlite3_key_v2 (db, "main", raw, 4 + TX_STORE_KEY_BYTES);
  sodium_free (raw);
  return rc;
}

/**
 * tx_store_key_connection:
 *
 * Keys a connection of the caller's own (a backup's copy) with the store
 * key of @session, before anything is read or written through it.
 *
 * Returns: SQLite's result code
 */
int
tx_store_key_connection (sqlite3   *db,
                         TxSession *session)
{
  return set_key (db, session, FALSE);
}

static gboolean
not_logged_in (const char  *path,
               FileKind     kind,
               GError     **error)
{
  if (kind == FILE_PLAIN)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_PROTECTED,
                 _("%s was made before Tongxing protected its stores with passwords. Log in as its "
                   "supervisor to protect it: it is encrypted then, after a copy is made."), path);
  else
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_LOCKED,
                 _("%s is protected: log in with your name and password first."), path);
  return FALSE;
}

/* The first column of the first row of @sql, or -1 */
gint64
tx_store_count_of (sqlite3    *db,
                   const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static const char *const counted[] = {
  "SELECT count(*) FROM sqlite_master",
  "SELECT count(*) FROM child",
  "SELECT count(*) FROM visit",
  "SELECT count(*) FROM child_change",
};

/* Encrypts the plain store open in @self->db (see the top of the file) */
static gboolean
encrypt_plain (TxStore    *self,
               TxSession  *session,
               GError    **error)
{
  g_autofree char *copy = g_strconcat (self->path, ".before-encryption", NULL);
  g_autofree char *vacuum = NULL;
  gint64 before[G_N_ELEMENTS (counted)];
  sqlite3 *check = NULL;
  sqlite3_stmt *stmt;
  char *err = NULL;
  int rc, fd;
  gboolean ok = TRUE;

  /* nobody else may have it open: the journal mode changes */
  if (tx_store_count_of (self->db, "SELECT count(*) FROM sqlite_master") < 0)
    return tx_store_set_error (self, sqlite3_errcode (self->db), error);
  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  stmt = NULL;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW ||
      g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") != 0)
    {
      sqlite3_finalize (stmt);
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("%s is open in another program. Close every other Tongxing window and "
                     "tongxing-cli, then log in again to protect it."), self->path);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  (void) rc;

  /* the copy first, 0600 like the store */
  g_unlink (copy);
  fd = g_open (copy, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_IO,
                   _("A copy of %s cannot be made before it is encrypted (%s). Free some space "
                     "on the disk and try again."), self->path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  vacuum = sqlite3_mprintf ("VACUUM INTO %Q", copy);
  rc = sqlite3_exec (self->db, vacuum, NULL, NULL, &err);
  sqlite3_free (vacuum);
  vacuum = NULL;
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TX_STORE_ERROR, (rc & 0xff) == SQLITE_FULL ? TX_STORE_ERROR_FULL : TX_STORE_ERROR_IO,
                   _("A copy of %s cannot be made before it is encrypted (%s). Free some space "
                     "on the disk and try again; nothing was changed."), self->path, err);
      sqlite3_free (err);
      g_unlink (copy);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    before[i] = tx_store_count_of (self->db, counted[i]);

  /* one transaction: all or nothing */
  rc = set_key (self->db, session, TRUE);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TX_STORE_ERROR, (rc & 0xff) == SQLITE_FULL ? TX_STORE_ERROR_FULL : TX_STORE_ERROR_IO,
                   _("%s could not be encrypted (%s) and was left as it was. Free some space on "
                     "the disk and log in again; a copy is at %s."),
                   self->path, sqlite3_errmsg (self->db), copy);
      return FALSE;
    }
  if (sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL) != SQLITE_OK)
    ok = FALSE;

  /* read it back whole through a connection of its own */
  if (ok && sqlite3_open_v2 (self->path, &check, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
      set_key (check, session, FALSE) == SQLITE_OK)
    {
      g_autofree char *result = NULL;

      stmt = NULL;
      if (sqlite3_prepare_v2 (check, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
          sqlite3_step (stmt) == SQLITE_ROW)
        result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      ok = g_strcmp0 (result, "ok") == 0;
      for (guint i = 0; ok && i < G_N_ELEMENTS (counted); i++)
        ok = tx_store_count_of (check, counted[i]) == before[i];
    }
  else
    ok = FALSE;
  sqlite3_close_v2 (check);
  if (!ok)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s did not read back whole after it was encrypted. Do not use it: the copy "
                     "made before, %s, holds everything. Rename the copy to %s and ask for help."),
                   self->path, copy, self->path);
      return FALSE;
    }
  /* the plain copy is not left beside the encrypted store */
  g_unlink (copy);
  g_message ("the store was encrypted");
  return TRUE;
}

/**
 * tx_store_probe_file:
 *
 * What is at @path: nothing, an empty file, a plain store made before
 * stores were encrypted, or an encrypted one. For the window's first page
 * (set up, protect, or log in).
 */
TxStoreFileKind
tx_store_probe_file (const char  *path,
                     GError     **error)
{
  FileKind kind = FILE_NEW;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TX_STORE_FILE_MISSING;
  if (!probe (path, &kind, error))
    return TX_STORE_FILE_UNREADABLE;
  return kind;
}

/**
 * tx_store_apply_key:
 *
 * Called on a new connection before anything is read: keys it with the
 * session of the person logged in, encrypting a plain store or a new one.
 * @allow_plain: opening at a schema before 17 (tx_store_open_at_version(),
 * for the tests' old stores): without a session the file stays plain.
 */
gboolean
tx_store_apply_key (TxStore  *self,
                    gboolean  allow_plain,
                    GError  **error)
{
  TxSession *session = tx_session_lookup (self->path);
  FileKind kind = FILE_NEW;
  int rc;

  if (!probe (self->path, &kind, error))
    return FALSE;
  /* a store of an older schema, as an older Tongxing made it (the tests'
   * stores to convert and migrate) */
  if (session == NULL && allow_plain && kind != FILE_ENCRYPTED)
    return TRUE;
  if (session == NULL)
    return not_logged_in (self->path, kind, error);
  g_set_object (&self->session, session);
  if (kind == FILE_PLAIN)
    return encrypt_plain (self, session, error);

  rc = set_key (self->db, session, FALSE);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  /* the key fails, or the disk failed to read page 1 (tx_store_file_errno()) */
  if ((rc & 0xff) == SQLITE_NOTADB && tx_store_file_errno (self->db) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s cannot be opened with its key file (%s): they do not belong together, or "
                     "the store is damaged. Restore both from the same backup."),
                   self->path, tx_keyring_path_for (self->path));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* The station's secret keys were in "DB.key" before the store was
 * encrypted: into the store with them, and the file goes */
static gboolean
take_key_file (TxStore  *self,
               GError  **error)
{
  g_autofree char *path = g_strconcat (self->path, ".key", NULL);
  g_autofree char *text = NULL;
  gsize len;
  gboolean ok;

  if (!g_file_get_contents (path, &text, &len, NULL))
    return TRUE;
  ok = tx_store_set_secret (self, "station-keys", text, len, error);
  sodium_memzero (text, len);
  if (ok)
    g_unlink (path);
  return ok;
}

/**
 * tx_store_load_account:
 *
 * After the schema is up to date: the person's account (role, villages),
 * or the first account for the person who protected the store. A person
 * without an active account is refused.
 */
gboolean
tx_store_load_account (TxStore  *self,
                       GError  **error)
{
  TxSession *session = self->session;
  sqlite3_stmt *stmt;
  g_autofree char *role_text = NULL, *villages = NULL;
  gboolean found = FALSE, active = FALSE;
  TxRole role;
  int rc;

  if (session == NULL)
    return TRUE;
  if (tx_session_is_founding (session))
    {
      gint64 n;

      stmt = tx_store_prepare (self, "SELECT count(*) FROM account", error);
      if (stmt == NULL)
        return FALSE;
      n = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
      sqlite3_reset (stmt);
      if (n == 0)
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
          g_autofree char *at = g_date_time_format_iso8601 (now);
          /* a county station's first person is a county officer */
          g_autofree char *township = tx_store_get_setting (self, TX_SETTING_TOWNSHIP);
          g_autofree char *county = tx_store_get_setting (self, TX_SETTING_COUNTY);
          TxRole first = county && *county && !(township && *township) ? TX_ROLE_OFFICER : TX_ROLE_SUPERVISOR;

          if (!tx_store_begin (self, error))
            return FALSE;
          stmt = tx_store_prepare (self, "INSERT INTO account (name, role, created_at, created_by) "
                                         "VALUES (?1, ?2, ?3, ?1)", error);
          if (stmt == NULL)
            {
              tx_store_rollback (self);
              return FALSE;
            }
          sqlite3_bind_text (stmt, 1, tx_session_get_name (session), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, tx_role_to_string (first), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              tx_store_set_error (self, sqlite3_errcode (self->db), error);
              sqlite3_reset (stmt);
              tx_store_rollback (self);
              return FALSE;
            }
          sqlite3_reset (stmt);
          g_autoptr(JsonObject) detail = json_object_new ();

          json_object_set_string_member (detail, "name", tx_session_get_name (session));
          json_object_set_string_member (detail, "role", tx_role_to_string (first));
          json_object_set_boolean_member (detail, "first", TRUE);
          if (!tx_store_audit (self, "account.add", NULL, detail, error))
            {
              tx_store_rollback (self);
              return FALSE;
            }
          /* a commit that failed has rolled itself back already */
          if (!tx_store_commit (self, error))
            return FALSE;
        }
    }

  stmt = tx_store_prepare (self, "SELECT role, villages, active FROM account WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tx_session_get_name (session), -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      role_text = tx_store_column_text (stmt, 0);
      villages = tx_store_column_text (stmt, 1);
      active = sqlite3_column_int (stmt, 2) != 0;
    }
  sqlite3_reset (stmt);
  /* a disk that failed to read the account is not a missing account */
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  if (!found || !active || !tx_role_from_string (role_text, &role))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_ACCOUNT,
                   found ? _("%s's account is deactivated. Ask the supervisor to activate it again.")
                         : _("%s has no account in this store. Ask the supervisor to add you."),
                   tx_session_get_name (session));
      return FALSE;
    }
  {
    g_auto(GStrv) list = tx_store_split_villages (villages);

    tx_session_set_account (session, role, (const char *const *) list);
  }
  /* the station's keys, in "DB.key" before the store was encrypted, go
   * into it at the first login */
  {
    g_autofree char *key_file = g_strconcat (self->path, ".key", NULL);

    if (g_file_test (key_file, G_FILE_TEST_EXISTS))
      {
        if (!tx_store_begin (self, error))
          return FALSE;
        if (!take_key_file (self, error))
          {
            tx_store_rollback (self);
            return FALSE;
          }
        /* a commit that failed has rolled itself back already */
        if (!tx_store_commit (self, error))
          return FALSE;
      }
  }
  return TRUE;
}

/**
 * tx_store_get_secret:
 *
 * Returns: (transfer full) (nullable): a secret kept in the (encrypted)
 *   store, wiped with sodium_memzero() by the caller after use
 */
GBytes *
tx_store_get_secret (TxStore    *self,
                     const char *name)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT value FROM secret WHERE name = ?1", NULL);
  GBytes *out = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_reset (stmt);
  return out;
}

gboolean
tx_store_set_secret (TxStore     *self,
                     const char  *name,
                     const void  *value,
                     gsize        len,
                     GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "INSERT OR REPLACE INTO secret (name, value) VALUES (?1, ?2)", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, value, (int) len, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_get_session:
 *
 * Returns: (transfer none) (nullable): the session the store was opened in
 */
TxSession *
tx_store_get_session (TxStore *self)
{
  return self->session;
}

/**
 * tx_store_get_person:
 *
 * Returns: (transfer none): the name of the person who opened the store
 */
const char *
tx_store_get_person (TxStore *self)
{
  return self->session ? tx_session_get_name (self->session) : "";
}
