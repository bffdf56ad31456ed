/* tx-store-stations.h — the stations trusted here (the station table)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

#define TX_STATION_PK_BYTES     32   /* Ed25519 and X25519 public keys */
#define TX_STATION_KEY_ID_BYTES 8    /* as minisign names a key */
#define TX_STATION_HASH_BYTES   32   /* BLAKE2b-256 of a bundle */

typedef struct {
  char     *id;
  char     *name;
  char     *unit;         /* the township, or the county of a county office */
  char     *county;
  char     *township;     /* NULL for a county office */
  char     *fingerprint;  /* XXXX-XXXX-XXXX-XXXX: read it over the phone */
  char     *key_id;       /* the signing key's id, as minisign prints it */
  char     *trusted_at;
  char     *revoked_at;
  gint64    in_seq;       /* the last bundle imported from it */
  char     *in_at;
  gint64    out_seq;      /* the last bundle made for it */
  char     *out_at;
  char     *replaces;     /* the station it was trusted in place of, or NULL */
  char     *replaced_by;  /* the station trusted in place of it, or NULL */
} TxStation;

/* A station as it is trusted: names and public keys */
typedef struct {
  const char   *id;
  const char   *name;
  const char   *unit;
  const char   *county;
  const char   *township;      /* NULL for a county office */
  const guchar *sign_pk;       /* TX_STATION_PK_BYTES */
  const guchar *box_pk;        /* TX_STATION_PK_BYTES */
  const guchar *key_id;        /* TX_STATION_KEY_ID_BYTES */
  const char   *fingerprint;
} TxStationRecord;

void        tx_station_free              (TxStation             *station);
char       *tx_station_key_id_hex        (const guchar          *key_id);
gboolean    tx_store_station_put         (TxStore               *store,
                                          const TxStationRecord *row,
                                          GError               **error);
GPtrArray  *tx_store_station_list        (TxStore               *store,
                                          GError               **error);
TxStation  *tx_store_station_get         (TxStore               *store,
                                          const char            *id,
                                          GError               **error);
gboolean    tx_store_station_revoke      (TxStore               *store,
                                          const char            *id,
                                          GError               **error);
gboolean    tx_store_station_replace     (TxStore               *store,
                                          const char            *old_id,
                                          const TxStationRecord *row,
                                          GError               **error);
gboolean    tx_store_station_public_keys (TxStore               *store,
                                          const char            *id,
                                          guchar                *sign_pk,
                                          guchar                *box_pk);
char       *tx_store_station_by_key_id   (TxStore               *store,
                                          const guchar          *key_id,
                                          GError               **error);

/* The bundles exchanged with each station */
gboolean    tx_store_station_out_hash    (TxStore               *store,
                                          const char            *id,
                                          guchar                *hash,
                                          gboolean              *found,
                                          GError               **error);
gboolean    tx_store_station_bundle_sent (TxStore               *store,
                                          const char            *id,
                                          gint64                 seq,
                                          gint64                 upto,
                                          gint64                 audit_upto,
                                          const guchar          *hash,
                                          const char            *at,
                                          GError               **error);
gboolean    tx_store_station_out_restored (TxStore              *store,
                                           const char           *id,
                                           gint64                seq,
                                           GError              **error);
gboolean    tx_store_station_resend_all  (TxStore               *store,
                                          const char            *id,
                                          GError               **error);
gboolean    tx_store_bundle_imported_at  (TxStore               *store,
                                          const guchar          *hash,
                                          char                 **at,
                                          GError               **error);
gboolean    tx_store_station_in          (TxStore               *store,
                                          const char            *id,
                                          gint64                *in_seq,
                                          guchar                *in_hash,
                                          gboolean              *has_hash,
                                          GError               **error);
gboolean    tx_store_station_bundle_received (TxStore           *store,
                                              const char        *id,
                                              gint64             seq,
                                              const guchar      *hash,
                                              const char        *at,
                                              gint64             ack,
                                              const char        *summary,
                                              GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxStation, tx_station_free)

G_END_DECLS
