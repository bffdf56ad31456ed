/* tx-test-login.h — the tests' person logged in to their stores
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every store is encrypted and opened by a person. The tests (and the
 * benchmarks and test tools) log in as $TONGXING_USER with the password in
 * $TONGXING_PASSWORD_FILE, as tongxing-cli does, protecting a new store
 * the first time (that person is its first supervisor). meson test sets
 * both, and TONGXING_KDF=test so that a key file is made in milliseconds.
 */

#pragma once

#include <sqlite3.h>
#include <string.h>

#include "tx-core.h"

#define TX_TEST_USER     "测试督导员"
#define TX_TEST_PASSWORD "tongxing test password"

static inline char *
tx_test_password (void)
{
  const char *file = g_getenv ("TONGXING_PASSWORD_FILE");
  char *text = NULL;

  if (file && *file && g_file_get_contents (file, &text, NULL, NULL))
    {
      text[strcspn (text, "\r\n")] = '\0';
      return text;
    }
  return g_strdup (TX_TEST_PASSWORD);
}

static inline const char *
tx_test_user (void)
{
  const char *user = g_getenv ("TONGXING_USER");

  return user && *user ? user : TX_TEST_USER;
}

/* Logs the test's person in to @path, protecting a new store */
static inline gboolean
tx_test_login (const char  *path,
               GError     **error)
{
  g_autofree char *password = NULL;
  g_autofree char *recovery = NULL;
  TxSession *session;

  if (tx_session_lookup (path))
    return TRUE;
  password = tx_test_password ();
  if (tx_keyring_exists (path))
    session = tx_session_unlock (path, tx_test_user (), password, error);
  else
    session = tx_session_create (path, tx_test_user (), password, &recovery, error);
  if (session == NULL)
    return FALSE;
  g_object_unref (session);   /* the process's registry keeps it */
  return TRUE;
}

static inline TxStore *
tx_test_open (const char  *path,
              GError     **error)
{
  return tx_test_login (path, error) ? tx_store_open (path, error) : NULL;
}

/* Opens a connection of SQLite's own to a test's store, keyed with the
 * store's key as the store's connections are (a test writing as another
 * program would) */
static inline int
tx_test_sqlite_open (const char  *path,
                     sqlite3    **db)
{
  TxSession *session;
  guint8 raw[4 + TX_STORE_KEY_BYTES];
  int rc;

  if (!tx_test_login (path, NULL) || (session = tx_session_lookup (path)) == NULL)
    return SQLITE_AUTH;
  rc = sqlite3_open (path, db);
  if (rc != SQLITE_OK)
    return rc;
  memcpy (raw, "raw:", 4);
  memcpy (raw + 4, tx_store_key_bytes (tx_session_get_key (session)), TX_STORE_KEY_BYTES);
  sqlite3mc_config (*db, "cipher",
                    sqlite3mc_cipher_index (tx_keyring_get_cipher (tx_session_get_keyring (session))));
  rc = sqlite3_key_v2 (*db, "main", raw, sizeof raw);
  memset (raw, 0, sizeof raw);
  return rc;
}
