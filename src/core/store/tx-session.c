/* tx-session.c — who has opened a store in this process, and with what key
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person logs in once a process (the window's login screen, the command
 * line's --user and password file): the key file gives the store's key for
 * their password, and the session holds it, with their name, for every
 * connection the process then opens to that store — the window's own, its
 * workers', the exchange's. tx_store_open() finds the session by the
 * store's path; the store's account table then gives the person's role and
 * villages (tx_session_set_account()), so that nobody can give themselves
 * another role by editing the key file.
 */

#define G_LOG_DOMAIN "tx-session"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tx-session.h"
#include "tx-store.h"

struct _TxSession
{
  GObject     parent_instance;

  char       *path;        /* canonical */
  char       *name;
  TxStoreKey *key;
  TxKeyring  *keyring;
  gboolean    founding;    /* the key file was made by this session */
  gboolean    by_recovery;
  gboolean    login_told;  /* the audit trail has the login */
  TxRole      role;
  GStrv       villages;
};

G_DEFINE_FINAL_TYPE (TxSession, tx_session, G_TYPE_OBJECT)

static GMutex registry_lock;
static GHashTable *registry;   /* canonical store path → TxSession (a reference) */

static void
tx_session_finalize (GObject *object)
{
  TxSession *self = TX_SESSION (object);

  g_free (self->path);
  g_free (self->name);
  tx_store_key_free (self->key);
  tx_keyring_free (self->keyring);
  g_strfreev (self->villages);
  G_OBJECT_CLASS (tx_session_parent_class)->finalize (object);
}

static void
tx_session_class_init (TxSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_session_finalize;
}

static void
tx_session_init (TxSession *self)
{
  self->role = TX_ROLE_DIRECTOR;   /* the least, until the store says */
  self->villages = g_new0 (char *, 1);
}

const char *
tx_role_to_string (TxRole role)
{
  switch (role)
    {
    case TX_ROLE_SUPERVISOR: return "supervisor";
    case TX_ROLE_OFFICER: return "officer";
    case TX_ROLE_DIRECTOR:
    default: return "director";
    }
}

gboolean
tx_role_from_string (const char *text,
                     TxRole     *role)
{
  static const TxRole all[] = { TX_ROLE_DIRECTOR, TX_ROLE_SUPERVISOR, TX_ROLE_OFFICER };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (g_strcmp0 (text, tx_role_to_string (all[i])) == 0)
      {
        *role = all[i];
        return TRUE;
      }
  return FALSE;
}

const char *
tx_role_label (TxRole role)
{
  switch (role)
    {
    case TX_ROLE_SUPERVISOR: return _("Child supervisor");
    case TX_ROLE_OFFICER: return _("County officer");
    case TX_ROLE_DIRECTOR:
    default: return _("Child director");
    }
}

static char *
canonical (const char *path)
{
  return g_canonicalize_filename (path, NULL);
}

static TxSession *
session_new (const char *store_path,
             const char *name,
             TxStoreKey *key,
             TxKeyring  *keyring)
{
  TxSession *self = g_object_new (TX_TYPE_SESSION, NULL);

  self->path = canonical (store_path);
  self->name = g_strdup (name);
  self->key = key;
  self->keyring = keyring;
  return self;
}

/* The process's session for the store: a later login replaces an earlier */
static void
do_register (TxSession *self)
{
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_hash_table_replace (registry, g_strdup (self->path), g_object_ref (self));
  g_mutex_unlock (&registry_lock);
}

/**
 * tx_session_unlock:
 * @store_path: the database file
 *
 * Logs @name in: their password unwraps the store's key. The session is
 * then the process's for that store until tx_session_end().
 *
 * Returns: (transfer full): the session, or %NULL with @error set (a
 *   #TX_KEYRING_ERROR)
 */
TxSession *
tx_session_unlock (const char  *store_path,
                   const char  *name,
                   const char  *password,
                   GError     **error)
{
  g_autoptr(TxKeyring) keyring = tx_keyring_load (store_path, error);
  TxStoreKey *key;
  TxSession *self;

  if (keyring == NULL)
    return NULL;
  key = tx_keyring_unlock (keyring, name, password, error);
  if (key == NULL)
    return NULL;
  self = session_new (store_path, name, key, g_steal_pointer (&keyring));
  do_register (self);
  return self;
}

/**
 * tx_session_unlock_recovery:
 * @name: the person who will be given a new password
 *
 * Opens the store with its recovery key, for @name (whose account the
 * store then checks, as at a login).
 */
TxSession *
tx_session_unlock_recovery (const char  *store_path,
                            const char  *recovery_key,
                            const char  *name,
                            GError     **error)
{
  g_autoptr(TxKeyring) keyring = tx_keyring_load (store_path, error);
  TxStoreKey *key;
  TxSession *self;

  if (keyring == NULL)
    return NULL;
  key = tx_keyring_unlock_recovery (keyring, recovery_key, error);
  if (key == NULL)
    return NULL;
  self = session_new (store_path, name, key, g_steal_pointer (&keyring));
  self->by_recovery = TRUE;
  do_register (self);
  return self;
}

/**
 * tx_session_create:
 * @name: the first person: the township's supervisor, or the county's officer
 * @recovery_key: (out): to be shown once, printed and kept in the office safe
 *
 * Protects a store: a new key file with a new random key, for a new store
 * or one made before stores were encrypted (tx_store_open() then encrypts
 * it, and adds @name as the first account).
 */
TxSession *
tx_session_create (const char  *store_path,
                   const char  *name,
                   const char  *password,
                   char       **recovery_key,
                   GError     **error)
{
  TxStoreKey *key = NULL;
  TxKeyring *keyring;
  TxSession *self;

  if (name == NULL || *name == '\0' || g_utf8_strlen (name, -1) > 40 || strchr (name, '@') ||
      strchr (name, '\n'))
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_UNKNOWN_USER,
                   _("Give the person's name (up to 40 characters, without “@”)."));
      return NULL;
    }
  if (tx_store_probe_file (store_path, NULL) == TX_STORE_FILE_ENCRYPTED)
    {
      g_autofree char *keys = tx_keyring_path_for (store_path);

      /* without its key file an encrypted store cannot be told from a
       * damaged file */
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                   _("%s cannot be opened: it is damaged, or not a Tongxing store, or an encrypted "
                     "store whose key file %s is missing. If it came from another PC or a backup, copy "
                     "its key file beside it (they travel together); otherwise restore both from a "
                     "backup."), store_path, keys);
      return NULL;
    }
  keyring = tx_keyring_create (store_path, name, password, &key, recovery_key, error);
  if (keyring == NULL)
    return NULL;
  self = session_new (store_path, name, key, keyring);
  self->founding = TRUE;
  self->role = TX_ROLE_SUPERVISOR;
  do_register (self);
  return self;
}

/**
 * tx_session_lookup:
 *
 * Returns: (transfer none) (nullable): the session this process has for
 *   the store at @store_path
 */
TxSession *
tx_session_lookup (const char *store_path)
{
  g_autofree char *path = canonical (store_path);
  TxSession *self;

  g_mutex_lock (&registry_lock);
  self = registry ? g_hash_table_lookup (registry, path) : NULL;
  g_mutex_unlock (&registry_lock);
  return self;
}

/**
 * tx_session_end:
 *
 * Logs the person out of the process: stores opened from now on need a
 * new login (those open keep working until closed).
 */
void
tx_session_end (TxSession *self)
{
  g_mutex_lock (&registry_lock);
  if (registry && g_hash_table_lookup (registry, self->path) == self)
    g_hash_table_remove (registry, self->path);
  g_mutex_unlock (&registry_lock);
}

const char *
tx_session_get_path (TxSession *self)
{
  return self->path;
}

const char *
tx_session_get_name (TxSession *self)
{
  return self->name;
}

const TxStoreKey *
tx_session_get_key (TxSession *self)
{
  return self->key;
}

TxKeyring *
tx_session_get_keyring (TxSession *self)
{
  return self->keyring;
}

gboolean
tx_session_is_founding (TxSession *self)
{
  return self->founding;
}

gboolean
tx_session_by_recovery (TxSession *self)
{
  return self->by_recovery;
}

TxRole
tx_session_get_role (TxSession *self)
{
  return self->role;
}

const char *const *
tx_session_get_villages (TxSession *self)
{
  return (const char *const *) self->villages;
}

void
tx_session_set_account (TxSession         *self,
                        TxRole             role,
                        const char *const *villages)
{
  GStrv old = self->villages;

  self->role = role;
  self->villages = villages ? g_strdupv ((char **) villages) : g_new0 (char *, 1);
  g_strfreev (old);   /* @villages may be these */
}

/**
 * tx_session_take_login:
 *
 * Returns: %TRUE the first time it is asked: the audit trail is to record
 *   the login
 */
gboolean
tx_session_take_login (TxSession *self)
{
  return !g_atomic_int_exchange (&self->login_told, TRUE);
}

/**
 * tx_session_check_password:
 *
 * Whether @password is the person's (unlocking the window after the idle
 * lock); a wrong one counts as at a login.
 */
gboolean
tx_session_check_password (TxSession   *self,
                           const char  *password,
                           GError     **error)
{
  g_autoptr(TxStoreKey) key = tx_keyring_unlock (self->keyring, self->name, password, error);

  if (key == NULL)
    return FALSE;
  if (sodium_memcmp (tx_store_key_bytes (key), tx_store_key_bytes (self->key), TX_STORE_KEY_BYTES) != 0)
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_WRONG_PASSWORD,
                   _("The key file has changed: log in again."));
      return FALSE;
    }
  return TRUE;
}
