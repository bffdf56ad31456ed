/* tx-store-service.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-store.h"
#include "tx-store-visits.h"

G_BEGIN_DECLS

/**
 * TxStoreJobFunc:
 * @store: the service's own store, used only on its worker thread
 *
 * Work done on the worker thread.
 *
 * Returns: (nullable): the result handed to the callback
 */
typedef gpointer (*TxStoreJobFunc) (TxStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

#define TX_TYPE_STORE_SERVICE (tx_store_service_get_type ())

G_DECLARE_FINAL_TYPE (TxStoreService, tx_store_service, TX, STORE_SERVICE, GObject)

TxStoreService *tx_store_service_new        (const char          *path,
                                             GError             **error);
void            tx_store_service_run_async  (TxStoreService      *self,
                                             TxStoreJobFunc       func,
                                             gpointer             data,
                                             GDestroyNotify       data_destroy,
                                             GDestroyNotify       result_destroy,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer        tx_store_service_run_finish (TxStoreService      *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void            tx_store_service_wait_idle  (TxStoreService      *self);

/* Form */

/* the form's unsaved typing kept, or dropped with %NULL */
void             tx_store_service_set_autosave_async  (TxStoreService      *self,
                                                       const char          *autosave,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         tx_store_service_set_autosave_finish (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* a child's record saved, and the autosaved form dropped with it */
void             tx_store_service_save_child_async    (TxStoreService      *self,
                                                       const TxRecord      *record,
                                                       gboolean             draft,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TxRecord        *tx_store_service_save_child_finish   (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Visit dialog */

/* a visit recorded; the error says what is wrong with it */
void             tx_store_service_save_visit_async    (TxStoreService      *self,
                                                       TxVisit             *visit,
                                                       gboolean             draft,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char            *tx_store_service_save_visit_finish   (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Window */

/* a child deleted */
void             tx_store_service_delete_child_async  (TxStoreService      *self,
                                                       const char          *id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         tx_store_service_delete_child_finish (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);


/* Preferences */

/**
 * TxPreferenceChangeKind:
 * @TX_PREFERENCE_CHANGE_SETTING: a setting: @key, @value
 * @TX_PREFERENCE_CHANGE_SCHEDULE: the visit intervals: @schedule
 * @TX_PREFERENCE_CHANGE_SERVICE_ADD: a care service: @key its group, @value
 *   and @value_en its names
 * @TX_PREFERENCE_CHANGE_SERVICE_RENAME: @key the service's id, @value and
 *   @value_en its names
 * @TX_PREFERENCE_CHANGE_SERVICE_RETIRE: @key the service's id, @flag retired
 * @TX_PREFERENCE_CHANGE_HOLIDAYS: a holiday calendar: @key the file's name
 *   (it prefixes an error), @value its JSON
 */
typedef enum {
  TX_PREFERENCE_CHANGE_SETTING,
  TX_PREFERENCE_CHANGE_SCHEDULE,
  TX_PREFERENCE_CHANGE_SERVICE_ADD,
  TX_PREFERENCE_CHANGE_SERVICE_RENAME,
  TX_PREFERENCE_CHANGE_SERVICE_RETIRE,
  TX_PREFERENCE_CHANGE_HOLIDAYS,
} TxPreferenceChangeKind;

/**
 * TxPreferenceChange:
 *
 * One change made in the preferences; which members count depends on @kind.
 */
typedef struct {
  TxPreferenceChangeKind  kind;
  char                   *key;      /* setting key, service group or service id */
  char                   *value;    /* setting value or service name */
  char                   *value_en; /* the service's name in English, if it changes */
  gboolean                flag;     /* retired */
  TxScheduleSettings      schedule;
} TxPreferenceChange;

TxPreferenceChange *tx_preference_change_new  (TxPreferenceChangeKind  kind);
void                tx_preference_change_free (TxPreferenceChange     *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPreferenceChange, tx_preference_change_free)

void             tx_store_service_change_preference_async  (TxStoreService      *self,
                                                            TxPreferenceChange  *change,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean         tx_store_service_change_preference_finish (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Reports */

void            tx_store_service_log_export_async  (TxStoreService      *self,
                                                    const char          *what,
                                                    const char          *detail,
                                                    guint                count,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        tx_store_service_log_export_finish (TxStoreService      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
