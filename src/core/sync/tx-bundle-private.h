/* tx-bundle-private.h — shared by the bundle's writer and reader
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <sodium.h>

#include "tx-bundle.h"
#include "tx-station-private.h"
#include "tx-store-private.h"
#include "tx-store-stations.h"
#include "tx-sync-private.h"

G_BEGIN_DECLS

#define MAGIC           "TXBUNDLE"
#define END_MAGIC       "TXBNDEND"
#define FORMAT_VERSION  1
#define HEAD_BYTES      16            /* magic, version, header length */
#define TRAILER_BYTES   12            /* signature length, END_MAGIC */
#define MAX_HEADER      (64 * 1024)
#define MAX_SIGNATURE   4096
#define MAX_BUNDLE      ((gint64) 4 << 30)
#define CHUNK           (64 * 1024)   /* plaintext per secretstream message */
#define MAX_LINE        (16 << 20)
#define SEALED_BYTES    (crypto_box_SEALBYTES + crypto_secretstream_xchacha20poly1305_KEYBYTES)

typedef struct {
  const char *name;
  gsize       offset;   /* of a guint in TxSyncCounts */
  gboolean    later;    /* added after the first bundles: 0 when a header has none */
} TxBundleCountName;
#define TX_BUNDLE_N_COUNTS 6
extern const TxBundleCountName tx_bundle_count_names[TX_BUNDLE_N_COUNTS];

char *tx_bundle_hex (const guchar *data,
                     gsize         len);
guint32 tx_bundle_get_u32 (const guchar *p);
guint64 tx_bundle_get_u64 (const guchar *p);
gboolean tx_bundle_io_error (GError    **error,
                             const char *path);
gint64 tx_bundle_get_int (JsonObject *o,
                          const char *name,
                          gboolean   *ok);
const char *tx_bundle_get_str (JsonObject *o,
                               const char *name,
                               gboolean   *ok,
                               gboolean    nullable);
char *tx_bundle_trusted_comment (const TxBundleInfo *i);

G_END_DECLS
