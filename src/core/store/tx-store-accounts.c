/* tx-store-accounts.c — the people who may open the store, and what each may do
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The account table says who a person is (role, villages, active); the key
 * file holds their password's wrap of the store's key. Both change in one
 * step: the key file is written while the store's write transaction holds
 * the lock, and the transaction commits only if it was written (a failure
 * after it leaves a wrap nobody can use: no account, no login).
 *
 * Roles (the action plans' division of work): a village's child director
 * sees and edits the children of their villages and records visits; the
 * township's child supervisor does everything at the township; a county
 * officer everything at the county station. Only supervisors and officers
 * see full identity numbers.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-keyring.h"
#include "tx-session.h"
#include "tx-store-accounts.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

void
tx_account_free (TxAccount *a)
{
  if (a == NULL)
    return;
  g_free (a->name);
  g_strfreev (a->villages);
  g_free (a->created_at);
  g_free (a->created_by);
  g_free (a->changed_at);
  g_free (a->changed_by);
  g_free (a);
}

static TxRole
role_of (TxStore *self)
{
  /* no session: the store's own tools (a migration test) */
  return self->session ? tx_session_get_role (self->session) : TX_ROLE_SUPERVISOR;
}

gboolean
tx_store_can (TxStore      *self,
              TxPermission  permission)
{
  return role_of (self) != TX_ROLE_DIRECTOR;
}

static const char *
permission_text (TxPermission permission)
{
  switch (permission)
    {
    case TX_PERMISSION_ALL_CHILDREN: return _("see children of other villages");
    case TX_PERMISSION_ACCOUNTS: return _("manage the accounts");
    case TX_PERMISSION_EXPORT: return _("export, print or make reports");
    case TX_PERMISSION_IMPORT: return _("import ledgers and lists");
    case TX_PERMISSION_SYNC: return _("exchange data with other stations");
    case TX_PERMISSION_SETTINGS: return _("change the workstation's settings");
    case TX_PERMISSION_REVEAL: return _("see full identity numbers");
    case TX_PERMISSION_AUDIT: return _("read the audit trail");
    case TX_PERMISSION_DELETE: return _("delete records");
    default: return "";
    }
}

/**
 * tx_store_require:
 *
 * Returns: whether the person logged in may do it; if not, @error says
 *   who may
 */
gboolean
tx_store_require (TxStore       *self,
                  TxPermission   permission,
                  GError       **error)
{
  if (tx_store_can (self, permission))
    return TRUE;
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN,
               _("A child director may not %s. Ask the township's child supervisor."),
               permission_text (permission));
  return FALSE;
}

/**
 * tx_store_may_see_village:
 * @village: a child's village code (the residence division)
 *
 * Returns: whether the person logged in may open a child of that village
 */
gboolean
tx_store_may_see_village (TxStore    *self,
                          const char *village)
{
  const char *const *mine;

  if (role_of (self) != TX_ROLE_DIRECTOR)
    return TRUE;
  mine = tx_session_get_villages (self->session);
  return village && g_strv_contains (mine, village);
}

/**
 * tx_store_split_villages:
 * @text: the account table's villages ("code,code")
 *
 * Returns: (transfer full): the codes, without blanks
 */
GStrv
tx_store_split_villages (const char *text)
{
  g_auto(GStrv) list = g_strsplit (text ? text : "", ",", -1);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; list[i]; i++)
    if (*g_strstrip (list[i]))
      g_strv_builder_add (b, list[i]);
  return g_strv_builder_end (b);
}

static TxAccount *
account_from_row (TxStore      *self,
                  sqlite3_stmt *stmt,
                  TxKeyring    *keyring)
{
  TxAccount *a = g_new0 (TxAccount, 1);
  g_autofree char *role = tx_store_column_text (stmt, 1);
  g_autofree char *villages = tx_store_column_text (stmt, 2);

  a->name = tx_store_column_text (stmt, 0);
  if (!tx_role_from_string (role, &a->role))
    a->role = TX_ROLE_DIRECTOR;
  a->villages = tx_store_split_villages (villages);
  a->active = sqlite3_column_int (stmt, 3) != 0;
  a->created_at = tx_store_column_text (stmt, 4);
  a->created_by = tx_store_column_text (stmt, 5);
  a->changed_at = tx_store_column_text (stmt, 6);
  a->changed_by = tx_store_column_text (stmt, 7);
  a->has_password = keyring && tx_keyring_has_name (keyring, a->name);
  return a;
}

#define ACCOUNT_COLUMNS "name, role, villages, active, created_at, created_by, changed_at, changed_by"

/**
 * tx_store_account_list:
 *
 * Returns: (transfer full) (element-type TxAccount): everybody, the
 *   deactivated too, supervisors and officers first
 */
GPtrArray *
tx_store_account_list (TxStore  *self,
                       GError  **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_account_free);
  g_autoptr(TxKeyring) keyring = tx_keyring_load (self->path, NULL);
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account "
                                               "ORDER BY active DESC, role = 'director', name", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (out, account_from_row (self, stmt, keyring));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

TxAccount *
tx_store_account_get (TxStore     *self,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(TxKeyring) keyring = tx_keyring_load (self->path, NULL);
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ACCOUNT_COLUMNS " FROM account WHERE name = ?1", error);
  TxAccount *a = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    a = account_from_row (self, stmt, keyring);
  sqlite3_reset (stmt);
  if (a == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("There is no account called “%s”. “user list” shows the accounts."), name);
  return a;
}

static gboolean
is_county_station (TxStore *self)
{
  return self->township == NULL || *self->township == '\0';
}

/* The role fits the station, a director has villages of this township */
static gboolean
check_role (TxStore            *self,
            TxRole              role,
            const char *const  *villages,
            GError            **error)
{
  if (is_county_station (self) ? role != TX_ROLE_OFFICER : role == TX_ROLE_OFFICER)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   is_county_station (self)
                   ? _("A county station's people are county officers.")
                   : _("A township's people are child supervisors and child directors; county "
                       "officers work at the county station."));
      return FALSE;
    }
  if (role == TX_ROLE_DIRECTOR && (villages == NULL || villages[0] == NULL))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("A child director looks after one or more villages: give their codes "
                     "(12 digits, separated by commas)."));
      return FALSE;
    }
  for (guint i = 0; role == TX_ROLE_DIRECTOR && villages[i]; i++)
    if (strlen (villages[i]) != 12 || !g_str_has_prefix (villages[i], self->township) ||
        strspn (villages[i], "0123456789") != 12)
      {
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                     _("%s is not a village of this township (%s): a village's code has 12 digits "
                       "and begins with the township's."), villages[i], self->township);
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *bare = name ? g_strstrip (g_strdup (name)) : NULL;

  if (bare == NULL || *bare == '\0' || g_utf8_strlen (name, -1) > 40 ||
      strchr (name, '@') || strchr (name, '\n') || strchr (name, ','))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("Give the person's name (up to 40 characters, without “@” or commas)."));
      return FALSE;
    }
  return TRUE;
}

static char *
now_text (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
run (TxStore       *self,
     sqlite3_stmt  *stmt,
     GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

static gboolean
audit_account (TxStore            *self,
               const char         *kind,
               const char         *name,
               TxRole              role,
               const char *const  *villages,
               GError            **error)
{
  g_autoptr(JsonObject) d = json_object_new ();
  g_autofree char *v = villages ? g_strjoinv (",", (char **) villages) : NULL;

  json_object_set_string_member (d, "name", name);
  if ((int) role >= 0)
    json_object_set_string_member (d, "role", tx_role_to_string (role));
  if (v && *v)
    json_object_set_string_member (d, "villages", v);
  return tx_store_audit (self, kind, NULL, d, error);
}

/* Counts the active supervisors or officers other than @name */
static gint64
other_managers (TxStore    *self,
                const char *name)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT count(*) FROM account WHERE active AND "
                                               "role <> 'director' AND name <> ?1", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

static TxKeyring *
keyring_of (TxStore  *self,
            GError  **error)
{
  return tx_keyring_load (self->path, error);
}

/**
 * tx_store_account_add:
 * @villages: (nullable): a director's village codes
 * @password: the first password, which the person changes
 *
 * Adds a person (supervisors and officers only).
 */
gboolean
tx_store_account_add (TxStore            *self,
                      const char         *name,
                      TxRole              role,
                      const char *const  *villages,
                      const char         *password,
                      GError            **error)
{
  g_autoptr(TxKeyring) keyring = NULL;
  g_autofree char *at = now_text ();
  g_autofree char *v = NULL;
  g_autoptr(TxAccount) existing = NULL;
  sqlite3_stmt *stmt;

  if (!tx_store_require (self, TX_PERMISSION_ACCOUNTS, error) || !check_name (name, error) ||
      !check_role (self, role, villages, error) || !tx_keyring_check_password_quality (password, error))
    return FALSE;
  if (self->session == NULL)
    return tx_store_set_error (self, SQLITE_AUTH, error);
  v = role == TX_ROLE_DIRECTOR ? g_strjoinv (",", (char **) villages) : g_strdup ("");
  if (!tx_store_begin (self, error))
    return FALSE;
  existing = tx_store_account_get (self, name, NULL);
  if (existing)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE,
                   existing->active ? _("There is an account called “%s” already.")
                                    : _("There is a deactivated account called “%s”: activate it "
                                        "again instead."), name);
      goto fail;
    }
  stmt = tx_store_prepare (self, "INSERT INTO account (name, role, villages, created_at, created_by) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tx_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, tx_store_get_person (self), -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error) ||
      !audit_account (self, "account.add", name, role, villages, error) ||
      !(keyring = keyring_of (self, error)) ||
      !tx_keyring_set_password (keyring, tx_session_get_key (self->session), name, password, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_account_update:
 *
 * Changes a person's role and villages.
 */
gboolean
tx_store_account_update (TxStore            *self,
                         const char         *name,
                         TxRole              role,
                         const char *const  *villages,
                         GError            **error)
{
  g_autofree char *at = now_text ();
  g_autofree char *v = NULL;
  g_autoptr(TxAccount) a = NULL;
  sqlite3_stmt *stmt;

  if (!tx_store_require (self, TX_PERMISSION_ACCOUNTS, error) || !check_role (self, role, villages, error))
    return FALSE;
  v = role == TX_ROLE_DIRECTOR ? g_strjoinv (",", (char **) villages) : g_strdup ("");
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(a = tx_store_account_get (self, name, error)))
    goto fail;
  if (a->role != TX_ROLE_DIRECTOR && role == TX_ROLE_DIRECTOR && other_managers (self, name) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("%s is the only supervisor: add another before making them a director."), name);
      goto fail;
    }
  stmt = tx_store_prepare (self, "UPDATE account SET role = ?2, villages = ?3, changed_at = ?4, "
                                 "changed_by = ?5 WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, tx_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, v, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, tx_store_get_person (self), -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error) || !audit_account (self, "account.change", name, role, villages, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_account_set_password:
 *
 * A new password for @name: one's own, or anybody's by a supervisor (a
 * reset). The store is not encrypted again: the key is wrapped anew.
 */
gboolean
tx_store_account_set_password (TxStore     *self,
                               const char  *name,
                               const char  *password,
                               GError     **error)
{
  g_autoptr(TxKeyring) keyring = NULL;
  g_autoptr(TxAccount) a = NULL;
  g_autofree char *at = now_text ();
  gboolean own = g_strcmp0 (name, tx_store_get_person (self)) == 0;
  sqlite3_stmt *stmt;

  if (self->session == NULL)
    return tx_store_set_error (self, SQLITE_AUTH, error);
  if (!own && !tx_store_require (self, TX_PERMISSION_ACCOUNTS, error))
    return FALSE;
  if (!tx_keyring_check_password_quality (password, error))
    return FALSE;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(a = tx_store_account_get (self, name, error)))
    goto fail;
  if (!a->active)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_ACCOUNT,
                   _("%s's account is deactivated: activate it again, with a new password."), name);
      goto fail;
    }
  stmt = tx_store_prepare (self, "UPDATE account SET changed_at = ?2, changed_by = ?3 WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, tx_store_get_person (self), -1, SQLITE_TRANSIENT);
  {
    g_autoptr(JsonObject) d = json_object_new ();

    json_object_set_string_member (d, "name", name);
    json_object_set_string_member (d, "by", tx_session_by_recovery (self->session) ? "recovery-key"
                                            : own ? "self" : "supervisor");
    if (!run (self, stmt, error) || !tx_store_audit (self, own ? "account.password" : "account.reset", NULL, d, error))
      goto fail;
  }
  if (!(keyring = keyring_of (self, error)) ||
      !tx_keyring_set_password (keyring, tx_session_get_key (self->session), name, password, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_account_set_active:
 * @password: (nullable): activating: the person's new password
 *
 * Deactivates a person (their password no longer opens the store: the
 * wrap is removed) or activates them again with a new password.
 */
gboolean
tx_store_account_set_active (TxStore     *self,
                             const char  *name,
                             gboolean     active,
                             const char  *password,
                             GError     **error)
{
  g_autoptr(TxKeyring) keyring = NULL;
  g_autoptr(TxAccount) a = NULL;
  g_autofree char *at = now_text ();
  sqlite3_stmt *stmt;

  if (!tx_store_require (self, TX_PERMISSION_ACCOUNTS, error))
    return FALSE;
  if (self->session == NULL)
    return tx_store_set_error (self, SQLITE_AUTH, error);
  if (active && !tx_keyring_check_password_quality (password, error))
    return FALSE;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!(a = tx_store_account_get (self, name, error)))
    goto fail;
  if (!active && g_strcmp0 (name, tx_store_get_person (self)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("You cannot deactivate your own account: another supervisor can."));
      goto fail;
    }
  if (!active && a->role != TX_ROLE_DIRECTOR && other_managers (self, name) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("%s is the only supervisor: add another before deactivating them."), name);
      goto fail;
    }
  stmt = tx_store_prepare (self, "UPDATE account SET active = ?2, changed_at = ?3, changed_by = ?4 "
                                 "WHERE name = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, active ? 1 : 0);
  sqlite3_bind_text (stmt, 3, at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, tx_store_get_person (self), -1, SQLITE_TRANSIENT);
  if (!run (self, stmt, error) ||
      !audit_account (self, active ? "account.activate" : "account.deactivate", name, a->role, NULL, error) ||
      !(keyring = keyring_of (self, error)))
    goto fail;
  if (active ? !tx_keyring_set_password (keyring, tx_session_get_key (self->session), name, password, error)
             : !tx_keyring_remove (keyring, name, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}
