/* tx-station.h — this station's keys and the stations it trusts
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"
#include "tx-store-stations.h"

G_BEGIN_DECLS

gboolean    tx_station_init_workstation (TxStore      *store,
                                         const char   *county,
                                         const char   *township,
                                         const char   *name,
                                         GError      **error);
gboolean    tx_station_ensure_keys      (TxStore      *store,
                                         GError      **error);
char       *tx_station_key_path         (TxStore      *store);
TxStation  *tx_station_self             (TxStore      *store,
                                         GError      **error);
char       *tx_station_identity_text    (TxStore      *store,
                                         GError      **error);
char       *tx_station_minisign_pubkey  (TxStore      *store,
                                         GError      **error);
TxStation  *tx_station_trust            (TxStore      *store,
                                         const char   *identity,
                                         gsize         length,
                                         const char   *fingerprint,
                                         GError      **error);
TxStation  *tx_station_replace          (TxStore      *store,
                                         const char   *old_id,
                                         const char   *identity,
                                         gsize         length,
                                         const char   *fingerprint,
                                         GError      **error);
char       *tx_station_normalize_fingerprint (const char *text);
gboolean    tx_station_audit_checkpoint (TxStore      *store,
                                         GError      **error);


G_END_DECLS
