/* tx-keyring.h — the store's key, wrapped for each person and for recovery
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TX_STORE_KEY_BYTES 32

/* SQLite3 Multiple Ciphers' AEGIS-256: authenticated, and with the
 * processor's AES instructions as fast as no encryption on a full scan
 * (ChaCha20-Poly1305 took 2-3 times as long: docs/benchmarks.md) */
#define TX_STORE_CIPHER "aegis"

/* The store's key in locked memory (sodium_malloc): never swapped out,
 * wiped when freed */
typedef struct _TxStoreKey TxStoreKey;

TxStoreKey   *tx_store_key_new_random  (void);
TxStoreKey   *tx_store_key_copy        (const TxStoreKey *key);
const guint8 *tx_store_key_bytes       (const TxStoreKey *key);
void          tx_store_key_free        (TxStoreKey       *key);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxStoreKey, tx_store_key_free)

#define TX_KEYRING_ERROR (tx_keyring_error_quark ())
GQuark tx_keyring_error_quark (void);

typedef enum
{
  TX_KEYRING_ERROR_MISSING,        /* no key file: the store is not protected yet */
  TX_KEYRING_ERROR_CORRUPT,        /* the key file cannot be read */
  TX_KEYRING_ERROR_UNKNOWN_USER,   /* no such person (or removed) */
  TX_KEYRING_ERROR_WRONG_PASSWORD,
  TX_KEYRING_ERROR_WRONG_RECOVERY_KEY,
  TX_KEYRING_ERROR_THROTTLED,      /* too many wrong passwords: wait */
  TX_KEYRING_ERROR_EXISTS,         /* the person has a password already */
  TX_KEYRING_ERROR_WEAK_PASSWORD,
  TX_KEYRING_ERROR_IO,
} TxKeyringError;

/* A failed login the key file keeps until the next person logs in and the
 * store's audit trail takes it */
typedef struct
{
  char *name;
  char *at;       /* ISO 8601, UTC */
  char *how;      /* "password" or "recovery-key" */
} TxKeyringFailure;

void tx_keyring_failure_free (TxKeyringFailure *failure);

typedef struct _TxKeyring TxKeyring;

char       *tx_keyring_path_for     (const char  *store_path);
gboolean    tx_keyring_exists       (const char  *store_path);
TxKeyring  *tx_keyring_load         (const char  *store_path,
                                     GError     **error);
void        tx_keyring_free         (TxKeyring   *keyring);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxKeyring, tx_keyring_free)

TxKeyring  *tx_keyring_create       (const char  *store_path,
                                     const char  *name,
                                     const char  *password,
                                     TxStoreKey **key,
                                     char       **recovery_key,
                                     GError     **error);
GStrv       tx_keyring_get_names    (TxKeyring   *keyring);
gboolean    tx_keyring_has_name     (TxKeyring   *keyring,
                                     const char  *name);
TxStoreKey *tx_keyring_unlock       (TxKeyring   *keyring,
                                     const char  *name,
                                     const char  *password,
                                     GError     **error);
TxStoreKey *tx_keyring_unlock_recovery (TxKeyring   *keyring,
                                        const char  *recovery_key,
                                        GError     **error);
gboolean    tx_keyring_set_password (TxKeyring        *keyring,
                                     const TxStoreKey *key,
                                     const char       *name,
                                     const char       *password,
                                     GError          **error);
gboolean    tx_keyring_remove       (TxKeyring   *keyring,
                                     const char  *name,
                                     GError     **error);
GPtrArray  *tx_keyring_take_failures (TxKeyring  *keyring,
                                      GError    **error);
const char *tx_keyring_get_cipher   (TxKeyring   *keyring);
gboolean    tx_keyring_check_password_quality (const char  *password,
                                               GError     **error);

G_END_DECLS
