/* tx-bundle.h — signed, encrypted bundles between stations
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-station.h"
#include "tx-sync.h"

G_BEGIN_DECLS

#define TX_BUNDLE_ERROR (tx_bundle_error_quark ())

typedef enum {
  TX_BUNDLE_ERROR_NOT_A_BUNDLE,   /* not a Tongxing bundle at all */
  TX_BUNDLE_ERROR_TOO_LARGE,
  TX_BUNDLE_ERROR_TRUNCATED,      /* cut short */
  TX_BUNDLE_ERROR_SIGNATURE,      /* the signature does not verify: changed after signing */
  TX_BUNDLE_ERROR_UNKNOWN_KEY,    /* signed by a station not trusted here */
  TX_BUNDLE_ERROR_REVOKED,        /* signed by a station whose trust was revoked */
  TX_BUNDLE_ERROR_MALFORMED,      /* signed, but not as this version writes bundles */
  TX_BUNDLE_ERROR_WRONG_RECIPIENT,
  TX_BUNDLE_ERROR_REPLAYED,       /* imported already, or older than one imported */
  TX_BUNDLE_ERROR_DAMAGED,        /* the payload does not decrypt or decompress */
  TX_BUNDLE_ERROR_NOT_TRUSTED,    /* a bundle for a station not trusted here */
} TxBundleError;

typedef struct {
  char         *sender;
  char         *sender_name;
  char         *sender_unit;
  char         *recipient;
  char         *recipient_name;
  char         *created;
  gint64        seq;
  char         *prev_hash;      /* hex, NULL for the first */
  gint64        ack;            /* the last bundle from the recipient the sender imported */
  gboolean      full;
  gint64        payload_size;
  char         *payload_hash;   /* hex BLAKE2b-256 */
  char         *hash;           /* hex BLAKE2b-256 of the signed bytes */
  char         *key_id;         /* as minisign prints it */
  char         *signature;      /* "valid", "invalid", "unknown key", "revoked" */
  char         *warning;        /* a gap in the sequence, said but not fatal */
  gint64        restored;       /* the sender was restored from a backup that held its audit
                                 * trail up to this entry (0: not since the recipient's last
                                 * acknowledgement) */
  TxSyncCounts  counts;         /* what it holds; after an import, what it did */
} TxBundleInfo;

GQuark         tx_bundle_error_quark  (void);
void           tx_bundle_info_free    (TxBundleInfo  *info);
TxBundleInfo  *tx_bundle_export       (TxStore       *store,
                                       const char    *recipient,
                                       gboolean       full,
                                       const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error);
TxBundleInfo  *tx_bundle_import       (TxStore       *store,
                                       const char    *path,
                                       GCancellable  *cancellable,
                                       GError       **error);
TxBundleInfo  *tx_bundle_import_full  (TxStore       *store,
                                       const char    *path,
                                       GCancellable  *cancellable,
                                       int           *progress,
                                       GError       **error);
TxBundleInfo  *tx_bundle_inspect      (TxStore       *store,
                                       const char    *path,
                                       const char    *extract_dir,
                                       GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxBundleInfo, tx_bundle_info_free)

G_END_DECLS
