/* tx-session.h — who has opened a store in this process, and with what key
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "tx-keyring.h"

G_BEGIN_DECLS

typedef enum
{
  TX_ROLE_DIRECTOR,     /* a village's child director: the children of their villages */
  TX_ROLE_SUPERVISOR,   /* the township's child supervisor: everything at the township */
  TX_ROLE_OFFICER,      /* a county officer: the county's data */
} TxRole;

const char *tx_role_to_string   (TxRole       role);
gboolean    tx_role_from_string (const char  *text,
                                 TxRole      *role);
const char *tx_role_label       (TxRole       role);

#define TX_TYPE_SESSION (tx_session_get_type ())
G_DECLARE_FINAL_TYPE (TxSession, tx_session, TX, SESSION, GObject)

TxSession        *tx_session_unlock          (const char  *store_path,
                                              const char  *name,
                                              const char  *password,
                                              GError     **error);
TxSession        *tx_session_unlock_recovery (const char  *store_path,
                                              const char  *recovery_key,
                                              const char  *name,
                                              GError     **error);
TxSession        *tx_session_create          (const char  *store_path,
                                              const char  *name,
                                              const char  *password,
                                              char       **recovery_key,
                                              GError     **error);
TxSession        *tx_session_lookup          (const char  *store_path);
void              tx_session_end             (TxSession   *self);

const char       *tx_session_get_path        (TxSession   *self);
const char       *tx_session_get_name        (TxSession   *self);
const TxStoreKey *tx_session_get_key         (TxSession   *self);
TxKeyring        *tx_session_get_keyring     (TxSession   *self);
gboolean          tx_session_is_founding     (TxSession   *self);
gboolean          tx_session_by_recovery     (TxSession   *self);
gboolean          tx_session_take_login      (TxSession   *self);
TxRole            tx_session_get_role        (TxSession   *self);
const char *const *tx_session_get_villages   (TxSession   *self);
void              tx_session_set_account     (TxSession          *self,
                                              TxRole              role,
                                              const char *const  *villages);
gboolean          tx_session_check_password  (TxSession   *self,
                                              const char  *password,
                                              GError     **error);

G_END_DECLS
