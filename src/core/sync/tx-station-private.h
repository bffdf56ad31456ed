/* tx-station-private.h — the keys, for bundles
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sodium.h>

#include "tx-station.h"

G_BEGIN_DECLS

#define TX_KEY_ID_BYTES TX_STATION_KEY_ID_BYTES
G_STATIC_ASSERT (crypto_sign_PUBLICKEYBYTES == TX_STATION_PK_BYTES);
G_STATIC_ASSERT (crypto_box_PUBLICKEYBYTES == TX_STATION_PK_BYTES);
G_STATIC_ASSERT (crypto_generichash_BYTES == TX_STATION_HASH_BYTES);

typedef struct {
  guchar sign_sk[crypto_sign_SECRETKEYBYTES];
  guchar sign_pk[crypto_sign_PUBLICKEYBYTES];
  guchar box_sk[crypto_box_SECRETKEYBYTES];
  guchar box_pk[crypto_box_PUBLICKEYBYTES];
  guchar key_id[TX_KEY_ID_BYTES];
} TxStationKeys;

/* A station's public keys, as trusted here */
typedef struct {
  guchar sign_pk[crypto_sign_PUBLICKEYBYTES];
  guchar box_pk[crypto_box_PUBLICKEYBYTES];
} TxStationPublic;

gboolean  tx_station_load_keys   (TxStore          *store,
                                  TxStationKeys    *keys,
                                  GError          **error);
TxStation *tx_station_by_key_id  (TxStore          *store,
                                  const guchar     *key_id,
                                  TxStationPublic  *pub,
                                  GError          **error);
gboolean  tx_station_public      (TxStore          *store,
                                  const char       *id,
                                  TxStationPublic  *pub);
void      tx_station_key_id      (const guchar     *sign_pk,
                                  guchar           *key_id);

G_END_DECLS
