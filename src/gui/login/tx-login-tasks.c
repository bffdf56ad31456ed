/* tx-login-tasks.c — logging in, recovering, protecting a store and checking
 * a password, off the main thread
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A password is stretched by Argon2id for about half a second, and a plain
 * store is copied and encrypted when it is protected: both on a thread of
 * their own, so that no frame waits. Each job opens the store once on its
 * thread as well: the account is checked there (a deactivated person is
 * told at once) and a store to convert or migrate is done with before the
 * window opens it.
 */

#define G_LOG_DOMAIN "tx-login"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-login-tasks.h"

typedef struct
{
  char      *path;
  char      *name;
  char      *password;
  char      *recovery_key;
  char      *new_password;
  TxSession *session;
} LoginData;

static void
wipe_free (char *secret)
{
  if (secret)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
login_data_free (LoginData *d)
{
  g_free (d->path);
  g_free (d->name);
  wipe_free (d->password);
  wipe_free (d->recovery_key);
  wipe_free (d->new_password);
  g_clear_object (&d->session);
  g_free (d);
}

/* Runs @thread with @d (owned) on a thread of its own */
static void
run_login (gpointer             source_tag,
           LoginData           *d,
           GTaskThreadFunc      thread,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, d, (GDestroyNotify) login_data_free);
  g_task_run_in_thread (task, thread);
}

static LoginData *
login_data_new (const char *path,
                const char *name,
                const char *password)
{
  LoginData *d = g_new0 (LoginData, 1);

  d->path = g_strdup (path);
  d->name = g_strdup (name);
  d->password = g_strdup (password);
  return d;
}

/* The store opened once with the new session; if it cannot be, the person
 * is logged out again, unless it is damaged: the password was right, and
 * the window, with the key, tells the damage and offers a backup
 * (tx-window-damage.c) */
static gboolean
open_once (TxSession  *session,
           const char *path,
           GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(TxStore) store = tx_store_open (path, &local);

  if (store == NULL && g_error_matches (local, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT))
    return TRUE;
  if (store == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      tx_session_end (session);
      return FALSE;
    }
  return TRUE;
}

static void
unlock_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  LoginData *d = data;
  g_autoptr(TxSession) session = NULL;
  GError *error = NULL;

  session = tx_session_unlock (d->path, d->name, d->password, &error);
  if (session == NULL || !open_once (session, d->path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tx_login_unlock_async:
 *
 * Logs @name in to the store at @path with @password; the session is then
 * the process's (tx_session_lookup()).
 */
void
tx_login_unlock_async (const char          *path,
                       const char          *name,
                       const char          *password,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  run_login (tx_login_unlock_async, login_data_new (path, name, password), unlock_thread,
             cancellable, callback, user_data);
}

gboolean
tx_login_unlock_finish (GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
recover_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  LoginData *d = data;
  g_autoptr(TxSession) session = NULL;
  g_autoptr(TxStore) store = NULL;
  GError *error = NULL;

  if (!tx_keyring_check_password_quality (d->new_password, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  session = tx_session_unlock_recovery (d->path, d->recovery_key, d->name, &error);
  if (session)
    store = tx_store_open (d->path, &error);
  if (store && tx_store_account_set_password (store, d->name, d->new_password, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (session)
    tx_session_end (session);
  g_task_return_error (task, error);
}

/**
 * tx_login_recover_async:
 *
 * Opens the store with its recovery key and gives @name a new password; the
 * person is logged in then.
 */
void
tx_login_recover_async (const char          *path,
                        const char          *recovery_key,
                        const char          *name,
                        const char          *new_password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  LoginData *d = login_data_new (path, name, NULL);

  d->recovery_key = g_strdup (recovery_key);
  d->new_password = g_strdup (new_password);
  run_login (tx_login_recover_async, d, recover_thread, cancellable, callback, user_data);
}

gboolean
tx_login_recover_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
protect_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  LoginData *d = data;
  g_autoptr(TxSession) session = NULL;
  g_autofree char *recovery = NULL;
  GError *error = NULL;

  session = tx_session_create (d->path, d->name, d->password, &recovery, &error);
  if (session && open_once (session, d->path, &error))
    {
      g_task_return_pointer (task, g_steal_pointer (&recovery), g_free);
      return;
    }
  /* the conversion is all or nothing: a store still plain has no use for
   * the key file made for it, and a later try makes a new one */
  if (session && !tx_store_file_is_encrypted (d->path))
    {
      g_autofree char *keys = tx_keyring_path_for (d->path);
      g_unlink (keys);
    }
  g_task_return_error (task, error);
}

/**
 * tx_login_protect_async:
 * @name: the first person, the township's supervisor
 *
 * Protects a new store, or one made before stores were encrypted (which is
 * copied and then encrypted), with @name as its first account.
 */
void
tx_login_protect_async (const char          *path,
                        const char          *name,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  run_login (tx_login_protect_async, login_data_new (path, name, password), protect_thread,
             cancellable, callback, user_data);
}

/**
 * tx_login_protect_finish:
 *
 * Returns: (transfer full): the recovery key, to be shown once
 */
char *
tx_login_protect_finish (GAsyncResult  *result,
                         GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  LoginData *d = data;
  GError *error = NULL;

  if (tx_session_check_password (d->session, d->password, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The lock screen's password: is it the person's? */
void
tx_login_check_async (TxSession           *session,
                      const char          *password,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  LoginData *d = login_data_new (NULL, NULL, password);

  d->session = g_object_ref (session);
  run_login (tx_login_check_async, d, check_thread, cancellable, callback, user_data);
}

gboolean
tx_login_check_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A new password typed twice: strong enough, and the same both times */
gboolean
tx_login_passwords_ok (const char  *password,
                       const char  *repeated,
                       GError     **error)
{
  if (!tx_keyring_check_password_quality (password, error))
    return FALSE;
  if (g_strcmp0 (password, repeated) != 0)
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_WEAK_PASSWORD,
                   _("The two passwords differ. Type the same password in both fields."));
      return FALSE;
    }
  return TRUE;
}

/* The recovery key as it is shown and printed: its groups of four, two
 * lines of four groups */
char *
tx_login_format_key (const char *recovery_key)
{
  g_auto(GStrv) groups = g_strsplit (recovery_key, "-", -1);
  GString *s = g_string_new (NULL);

  for (guint i = 0; groups[i]; i++)
    {
      if (i)
        g_string_append (s, i % 4 == 0 ? "\n" : "  ");
      g_string_append (s, groups[i]);
    }
  return g_string_free (s, FALSE);
}
