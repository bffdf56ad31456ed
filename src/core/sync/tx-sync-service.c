/* tx-sync-service.c — stations, conflicts and bundles on the store service's
 * thread, as typed _async/_finish pairs
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync layer sits above the store, so its calls on the store service
 * live here, built on tx_store_service_run_async(): each worker function
 * runs on the service's own connection and its result comes back typed in
 * the caller's main context.
 */

#define G_LOG_DOMAIN "tx-sync-service"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-demo.h"
#include "tx-sync-service.h"

/* Overview */

/**
 * tx_sync_overview_free:
 */
void
tx_sync_overview_free (TxSyncOverview *overview)
{
  g_clear_pointer (&overview->self_station, tx_station_free);
  g_clear_pointer (&overview->stations, g_ptr_array_unref);
  g_clear_pointer (&overview->conflicts, g_ptr_array_unref);
  g_clear_pointer (&overview->duplicates, g_ptr_array_unref);
  g_free (overview);
}

static gpointer
overview_job (TxStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(TxSyncOverview) o = g_new0 (TxSyncOverview, 1);

  if (!(o->self_station = tx_station_self (store, error)) ||
      !(o->stations = tx_store_station_list (store, error)) ||
      !(o->conflicts = tx_store_conflicts (store, error)) ||
      !(o->duplicates = tx_store_duplicates (store, error)))
    return NULL;
  return g_steal_pointer (&o);
}

/**
 * tx_sync_overview_async:
 *
 * Reads this station, the partner stations, the conflicts and the possible
 * duplicates.
 */
void
tx_sync_overview_async (TxStoreService      *service,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  tx_store_service_run_async (service, overview_job, NULL, NULL, (GDestroyNotify) tx_sync_overview_free,
                              cancellable, callback, user_data);
}

/**
 * tx_sync_overview_finish:
 *
 * Returns: (transfer full): what was read, or %NULL with @error set
 */
TxSyncOverview *
tx_sync_overview_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

/* Stations */

typedef struct {
  GBytes *identity;
  char   *fingerprint;
} TrustData;

static void
trust_data_free (TrustData *d)
{
  g_bytes_unref (d->identity);
  g_free (d->fingerprint);
  g_free (d);
}

static gpointer
trust_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  TrustData *d = data;
  gsize length;
  const char *identity = g_bytes_get_data (d->identity, &length);

  return tx_station_trust (store, identity, length, d->fingerprint, error);
}

/**
 * tx_station_trust_async:
 * @identity: the text of the other station's station file
 * @fingerprint: the check code its people read out
 *
 * tx_station_trust() on the service's thread.
 */
void
tx_station_trust_async (TxStoreService      *service,
                        const char          *identity,
                        gsize                length,
                        const char          *fingerprint,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  TrustData *d = g_new0 (TrustData, 1);

  d->identity = g_bytes_new (identity, length);
  d->fingerprint = g_strdup (fingerprint);
  tx_store_service_run_async (service, trust_job, d, (GDestroyNotify) trust_data_free,
                              (GDestroyNotify) tx_station_free, cancellable, callback, user_data);
}

/**
 * tx_station_trust_finish:
 *
 * Returns: (transfer full): the station now trusted, or %NULL with @error set
 */
TxStation *
tx_station_trust_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
revoke_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  return tx_store_station_revoke (store, data, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_station_revoke_async:
 * @id: a partner station's id
 *
 * tx_station_revoke() on the service's thread.
 */
void
tx_station_revoke_async (TxStoreService      *service,
                         const char          *id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  tx_store_service_run_async (service, revoke_job, g_strdup (id), g_free, NULL, cancellable, callback, user_data);
}

gboolean
tx_station_revoke_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
save_identity_job (TxStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const char *path = data;
  g_autofree char *text = tx_station_identity_text (store, error);
  g_autofree char *pub = text ? tx_station_minisign_pubkey (store, error) : NULL;
  g_autofree char *pub_path = g_strconcat (path, ".minisign.pub", NULL);

  if (pub == NULL ||
      !tx_store_check_output (path, error) || !tx_store_check_output (pub_path, error) ||
      !g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error) ||
      !g_file_set_contents_full (pub_path, pub, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error))
    return NULL;
  return TX_STORE_JOB_DONE;
}

/**
 * tx_station_save_identity_async:
 * @path: where the station file goes
 *
 * Writes this station's station file at @path, and beside it
 * (@path.minisign.pub) its signing key for minisign.
 */
void
tx_station_save_identity_async (TxStoreService      *service,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  tx_store_service_run_async (service, save_identity_job, g_strdup (path), g_free, NULL, cancellable, callback,
                              user_data);
}

gboolean
tx_station_save_identity_finish (TxStoreService  *service,
                                 GAsyncResult    *result,
                                 GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

/* Conflicts and duplicates */

typedef struct {
  gint64    id;
  gboolean  keep_mine;
  char     *keep;
} Resolve;

static void
resolve_free (Resolve *r)
{
  g_free (r->keep);
  g_free (r);
}

static gpointer
conflict_job (TxStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  Resolve *r = data;

  return tx_store_conflict_resolve (store, r->id, r->keep_mine, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_conflict_resolve_async:
 *
 * tx_store_conflict_resolve() on the service's thread.
 */
void
tx_conflict_resolve_async (TxStoreService      *service,
                           gint64               id,
                           gboolean             keep_mine,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Resolve *r = g_new0 (Resolve, 1);

  r->id = id;
  r->keep_mine = keep_mine;
  tx_store_service_run_async (service, conflict_job, r, (GDestroyNotify) resolve_free, NULL, cancellable, callback,
                              user_data);
}

gboolean
tx_conflict_resolve_finish (TxStoreService  *service,
                            GAsyncResult    *result,
                            GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

static gpointer
duplicate_job (TxStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  Resolve *r = data;

  return tx_store_duplicate_resolve (store, r->id, r->keep, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_duplicate_resolve_async:
 * @keep: the id of the child whose record stays
 *
 * tx_store_duplicate_resolve() on the service's thread.
 */
void
tx_duplicate_resolve_async (TxStoreService      *service,
                            gint64               id,
                            const char          *keep,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Resolve *r = g_new0 (Resolve, 1);

  r->id = id;
  r->keep = g_strdup (keep);
  tx_store_service_run_async (service, duplicate_job, r, (GDestroyNotify) resolve_free, NULL, cancellable, callback,
                              user_data);
}

gboolean
tx_duplicate_resolve_finish (TxStoreService  *service,
                             GAsyncResult    *result,
                             GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}

/* Bundles */

typedef struct {
  char *recipient;   /* NULL for an import */
  char *path;
  int  *progress;    /* the caller's, which outlives the job */
} BundleData;

static void
bundle_data_free (BundleData *d)
{
  g_free (d->recipient);
  g_free (d->path);
  g_free (d);
}

static gpointer
import_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  BundleData *d = data;

  return tx_bundle_import_full (store, d->path, cancellable, d->progress, error);
}

/**
 * tx_bundle_import_async:
 * @path: the exchange file
 * @progress: (nullable): where the import says how far it is, in
 *   thousandths (read it with g_atomic_int_get()); it must outlive the call
 * @cancellable: cancels the import without effect
 *
 * tx_bundle_import_full() on the service's thread.
 */
void
tx_bundle_import_async (TxStoreService      *service,
                        const char          *path,
                        int                 *progress,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  BundleData *d = g_new0 (BundleData, 1);

  d->path = g_strdup (path);
  d->progress = progress;
  tx_store_service_run_async (service, import_job, d, (GDestroyNotify) bundle_data_free,
                              (GDestroyNotify) tx_bundle_info_free, cancellable, callback, user_data);
}

/**
 * tx_bundle_import_finish:
 *
 * Returns: (transfer full): what the bundle held and what its import did,
 *   or %NULL with @error set
 */
TxBundleInfo *
tx_bundle_import_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

static gpointer
export_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  BundleData *d = data;

  return tx_bundle_export (store, d->recipient, FALSE, d->path, cancellable, error);
}

/**
 * tx_bundle_export_async:
 * @recipient: the id of a partner station
 * @path: where the exchange file goes
 * @cancellable: cancels the export, leaving no file
 *
 * tx_bundle_export() (not a full one) on the service's thread.
 */
void
tx_bundle_export_async (TxStoreService      *service,
                        const char          *recipient,
                        const char          *path,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  BundleData *d = g_new0 (BundleData, 1);

  d->recipient = g_strdup (recipient);
  d->path = g_strdup (path);
  tx_store_service_run_async (service, export_job, d, (GDestroyNotify) bundle_data_free,
                              (GDestroyNotify) tx_bundle_info_free, cancellable, callback, user_data);
}

/**
 * tx_bundle_export_finish:
 *
 * Returns: (transfer full): what the bundle holds, or %NULL with @error set
 */
TxBundleInfo *
tx_bundle_export_finish (TxStoreService  *service,
                         GAsyncResult    *result,
                         GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

/* Setup and the demo: a workstation set up with its keys */

static gpointer
make_demo_job (TxStore       *unused,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  const char *path = data;
  g_autoptr(TxStore) demo = tx_store_open (path, error);

  if (demo == NULL)
    return NULL;
  if (!tx_store_is_set_up (demo))
    {
      if (!tx_station_init_workstation (demo, "220102", "220102001", _("Demo township"), error) ||
          !tx_store_set_setting (demo, TX_SETTING_SUPERVISOR, "李春梅", error) ||
          !tx_store_set_setting (demo, TX_SETTING_EDITOR, "李春梅", error) ||
          !tx_demo_generate (demo, 500, 1, NULL, NULL, error))
        return NULL;
    }
  return g_strdup (path);
}

/**
 * tx_station_make_demo_async:
 * @path: the demo database: made, set up and filled with 500 made-up
 *   children unless it is set up already
 *
 * Runs on the service's thread, in its turn, but on a store of its own.
 */
void
tx_station_make_demo_async (TxStoreService      *service,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  tx_store_service_run_async (service, make_demo_job, g_strdup (path), g_free, g_free,
                              cancellable, callback, user_data);
}

/**
 * tx_station_make_demo_finish:
 *
 * Returns: (transfer full) (nullable): the path of the demo database
 */
char *
tx_station_make_demo_finish (TxStoreService  *service,
                             GAsyncResult    *result,
                             GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}

typedef struct {
  char *county;
  char *township;
  char *name;
  char *supervisor;
  char *directors;
} SetUp;

static void
set_up_free (SetUp *s)
{
  g_free (s->county);
  g_free (s->township);
  g_free (s->name);
  g_free (s->supervisor);
  g_free (s->directors);
  g_free (s);
}

static gpointer
set_up_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SetUp *s = data;
  int depth = tx_store_get_depth (store);

  /* all or nothing: a failed setup leaves the store as it was */
  if (!tx_store_begin (store, error))
    return NULL;
  if (!tx_station_init_workstation (store, s->county, s->township, s->name, error) ||
      !tx_store_set_setting (store, TX_SETTING_SUPERVISOR, s->supervisor, error) ||
      !tx_store_set_setting (store, TX_SETTING_DIRECTORS, s->directors, error) ||
      !tx_store_set_setting (store, TX_SETTING_EDITOR, s->supervisor, error) ||
      !tx_store_commit (store, error))
    {
      /* a commit that failed has rolled itself back already */
      tx_store_rollback_to (store, depth);
      return NULL;
    }
  return TX_STORE_JOB_DONE;
}

/**
 * tx_station_set_up_async:
 * @county: the county's code
 * @township: (nullable): the township's code
 * @name: (nullable): the workstation's name
 * @supervisor: (nullable): the child supervisor, who also fills the forms in
 * @directors: (nullable): the children's directors
 *
 * Sets the workstation up, all or nothing.
 */
void
tx_station_set_up_async (TxStoreService      *service,
                         const char          *county,
                         const char          *township,
                         const char          *name,
                         const char          *supervisor,
                         const char          *directors,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SetUp *s = g_new0 (SetUp, 1);

  s->county = g_strdup (county);
  s->township = g_strdup (township);
  s->name = g_strdup (name);
  s->supervisor = g_strdup (supervisor);
  s->directors = g_strdup (directors);
  tx_store_service_run_async (service, set_up_job, s, (GDestroyNotify) set_up_free, NULL,
                              cancellable, callback, user_data);
}

/**
 * tx_station_set_up_finish:
 *
 * Returns: whether the workstation is set up
 */
gboolean
tx_station_set_up_finish (TxStoreService  *service,
                          GAsyncResult    *result,
                          GError         **error)
{
  return tx_store_service_run_finish_boolean (service, result, error);
}
