/* tx-station.h — this station's keys and the stations it trusts
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

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
} TxStation;

void        tx_station_free             (TxStation    *station);
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
GPtrArray  *tx_station_list             (TxStore      *store,
                                         GError      **error);
TxStation  *tx_station_get              (TxStore      *store,
                                         const char   *id,
                                         GError      **error);
gboolean    tx_station_revoke           (TxStore      *store,
                                         const char   *id,
                                         GError      **error);
char       *tx_station_normalize_fingerprint (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxStation, tx_station_free)

G_END_DECLS
