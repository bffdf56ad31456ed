/* tx-store-service-accounts.c — the window's calls for the people who may
 * open the store
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run on the store service's thread, like every other write of the window:
 * a new password is stretched there (Argon2id, half a second), never on a
 * frame.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "tx-store-private.h"
#include "tx-store-service-accounts.h"

TxAccountChange *
tx_account_change_new (TxAccountChangeKind  kind,
                       const char          *name)
{
  TxAccountChange *c = g_new0 (TxAccountChange, 1);

  c->kind = kind;
  c->name = g_strdup (name);
  c->role = TX_ROLE_DIRECTOR;
  return c;
}

void
tx_account_change_free (TxAccountChange *c)
{
  if (c == NULL)
    return;
  if (c->password)
    sodium_memzero (c->password, strlen (c->password));
  g_free (c->password);
  g_free (c->name);
  g_strfreev (c->villages);
  g_free (c);
}

static gpointer
accounts_job (TxStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  return tx_store_account_list (store, error);
}

void
tx_store_service_accounts_async (TxStoreService      *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  tx_store_service_run_async (self, accounts_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                              cancellable, callback, user_data);
}

/**
 * tx_store_service_accounts_finish:
 *
 * Returns: (transfer full) (element-type TxAccount): the people, or %NULL
 *   with @error set
 */
GPtrArray *
tx_store_service_accounts_finish (TxStoreService  *self,
                                  GAsyncResult    *result,
                                  GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

static gpointer
change_account_job (TxStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  TxAccountChange *c = data;
  const char *const *villages = (const char *const *) c->villages;
  gboolean ok = FALSE;

  switch (c->kind)
    {
    case TX_ACCOUNT_CHANGE_ADD:
      ok = tx_store_account_add (store, c->name, c->role, villages, c->password, error);
      break;
    case TX_ACCOUNT_CHANGE_UPDATE:
      ok = tx_store_account_update (store, c->name, c->role, villages, error);
      break;
    case TX_ACCOUNT_CHANGE_PASSWORD:
      ok = tx_store_account_set_password (store, c->name, c->password, error);
      break;
    case TX_ACCOUNT_CHANGE_DEACTIVATE:
    case TX_ACCOUNT_CHANGE_ACTIVATE:
      ok = tx_store_account_set_active (store, c->name, c->kind == TX_ACCOUNT_CHANGE_ACTIVATE,
                                        c->password, error);
      break;
    }
  return ok ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_store_service_change_account_async:
 * @change: (transfer full): what changes
 */
void
tx_store_service_change_account_async (TxStoreService      *self,
                                       TxAccountChange     *change,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  tx_store_service_run_async (self, change_account_job, change, (GDestroyNotify) tx_account_change_free,
                              NULL, cancellable, callback, user_data);
}

gboolean
tx_store_service_change_account_finish (TxStoreService  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/**
 * tx_store_plain_setting:
 * @path: a store made before stores were encrypted
 *
 * A setting of a plain store, read before it is protected (the name of its
 * supervisor, who is asked to protect it).
 *
 * Returns: (transfer full) (nullable): the value; %NULL for an encrypted
 *   store, one without it, or one that cannot be read
 */
char *
tx_store_plain_setting (const char *path,
                        TxSetting   setting)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  gboolean opened = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK;

  if (opened)
    tx_store_record_connection (db);
  if (opened && sqlite3_prepare_v2 (db, "SELECT value FROM settings WHERE key = ?1", -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, tx_setting_key (setting), -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0))
        value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);
  return value;
}

/**
 * tx_store_file_is_encrypted:
 *
 * Returns: whether the file at @path cannot be read without a key (a
 *   protected store; not a plain one, a new one or a missing one)
 */
gboolean
tx_store_file_is_encrypted (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
  sqlite3_close_v2 (db);
  return (rc & 0xff) == SQLITE_NOTADB;
}
