/* tx-login-tasks.h — logging in, recovering, protecting a store and checking
 * a password, off the main thread
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-core.h"

G_BEGIN_DECLS

void      tx_login_unlock_async   (const char          *path,
                                   const char          *name,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  tx_login_unlock_finish  (GAsyncResult        *result,
                                   GError             **error);

void      tx_login_recover_async  (const char          *path,
                                   const char          *recovery_key,
                                   const char          *name,
                                   const char          *new_password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  tx_login_recover_finish (GAsyncResult        *result,
                                   GError             **error);

void      tx_login_protect_async  (const char          *path,
                                   const char          *name,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
char     *tx_login_protect_finish (GAsyncResult        *result,
                                   GError             **error);

void      tx_login_check_async    (TxSession           *session,
                                   const char          *password,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean  tx_login_check_finish   (GAsyncResult        *result,
                                   GError             **error);

gboolean  tx_login_passwords_ok   (const char          *password,
                                   const char          *repeated,
                                   GError             **error);
char     *tx_login_format_key     (const char          *recovery_key);

G_END_DECLS
