/* tx-sync-service.h — the sync layer's calls on the store service's thread
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-bundle.h"
#include "tx-station.h"
#include "tx-store-service.h"
#include "tx-sync.h"

G_BEGIN_DECLS

/* Overview */

/**
 * TxSyncOverview:
 * @self_station: this workstation
 * @stations: (element-type TxStation): the partner stations, revoked ones too
 * @conflicts: (element-type TxConflict): what imports left for a person to settle
 * @duplicates: (element-type TxDuplicate): identity numbers registered at two stations
 *
 * What the Sync view shows, read in one go.
 */
typedef struct {
  TxStation *self_station;
  GPtrArray *stations;
  GPtrArray *conflicts;
  GPtrArray *duplicates;
} TxSyncOverview;

void            tx_sync_overview_free          (TxSyncOverview  *overview);
void            tx_sync_overview_async         (TxStoreService  *service,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
TxSyncOverview *tx_sync_overview_finish        (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);

/* Stations */

void            tx_station_trust_async         (TxStoreService  *service,
                                                const char      *identity,
                                                gsize            length,
                                                const char      *fingerprint,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
TxStation      *tx_station_trust_finish        (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);
void            tx_station_revoke_async        (TxStoreService  *service,
                                                const char      *id,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean        tx_station_revoke_finish       (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);
void            tx_station_save_identity_async (TxStoreService  *service,
                                                const char      *path,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean        tx_station_save_identity_finish (TxStoreService *service,
                                                GAsyncResult    *result,
                                                GError         **error);

/* Conflicts and duplicates */

void            tx_conflict_resolve_async      (TxStoreService  *service,
                                                gint64           id,
                                                gboolean         keep_mine,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean        tx_conflict_resolve_finish     (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);
void            tx_duplicate_resolve_async     (TxStoreService  *service,
                                                gint64           id,
                                                const char      *keep,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean        tx_duplicate_resolve_finish    (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);

/* Bundles */

void            tx_bundle_import_async         (TxStoreService  *service,
                                                const char      *path,
                                                int             *progress,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
TxBundleInfo   *tx_bundle_import_finish        (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);
void            tx_bundle_export_async         (TxStoreService  *service,
                                                const char      *recipient,
                                                const char      *path,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
TxBundleInfo   *tx_bundle_export_finish        (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);

/* Setup and the demo: a workstation set up with its keys */

/* the demo database made (if it is not) and its path handed back */
void            tx_station_make_demo_async     (TxStoreService  *service,
                                                const char      *path,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
char           *tx_station_make_demo_finish    (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);
/* the workstation set up, all or nothing */
void            tx_station_set_up_async        (TxStoreService  *service,
                                                const char      *county,
                                                const char      *township,
                                                const char      *name,
                                                const char      *supervisor,
                                                const char      *directors,
                                                GCancellable    *cancellable,
                                                GAsyncReadyCallback callback,
                                                gpointer         user_data);
gboolean        tx_station_set_up_finish       (TxStoreService  *service,
                                                GAsyncResult    *result,
                                                GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSyncOverview, tx_sync_overview_free)

G_END_DECLS
