/* tx-store-service.c — store work off the main thread
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As Epiphany's history service does: one worker thread owns its own
 * connection and runs jobs in the order they were queued; each job completes
 * a GTask back in the caller's main context. Searches over the whole roster,
 * saves (with their fsyncs) and autosaves go through here, so a frame never
 * waits for SQLite.
 *
 * The views call the typed _async/_finish pairs at the end of this file, one
 * section a view; tx_store_service_run_async() is what they are built on.
 */

#define G_LOG_DOMAIN "tx-store-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-demo.h"
#include "tx-divisions.h"
#include "tx-idcard.h"
#include "tx-store-exports.h"
#include "tx-store-private.h"
#include "tx-store-service.h"
#include "tx-store-services.h"
#include "tx-store-urgent.h"
#include "tx-store-visits.h"

struct _TxStoreService
{
  GObject      parent_instance;

  TxStore     *store;   /* used on the worker thread only */
  GThreadPool *pool;    /* one thread, first in first out */
  GMutex       idle_lock;
  GCond        idle_cond;
  guint        pending;
};

G_DEFINE_FINAL_TYPE (TxStoreService, tx_store_service, G_TYPE_OBJECT)

typedef struct {
  TxStoreJobFunc func;
  gpointer       data;
  GDestroyNotify data_destroy;
  GDestroyNotify result_destroy;
} Job;

static void
job_free (Job *job)
{
  if (job->data_destroy)
    job->data_destroy (job->data);
  g_free (job);
}

/* SQLite's progress handler: a statement of a job whose caller gave up (a
 * search overtaken by the next keystroke) stops at once instead of
 * keeping the worker from the next job; GTask then returns the job as
 * cancelled */
static int
stop_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static void
worker (gpointer data,
        gpointer user_data)
{
  g_autoptr(GTask) task = data;
  TxStoreService *self = user_data;
  Job *job = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  gpointer result;

  if (!g_task_return_error_if_cancelled (task))
    {
      if (cancellable)
        sqlite3_progress_handler (tx_store_get_db (self->store), 1000, stop_if_cancelled, cancellable);
      result = job->func (self->store, job->data, cancellable, &error);
      if (cancellable)
        sqlite3_progress_handler (tx_store_get_db (self->store), 0, NULL, NULL);
      if (error)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, result, job->result_destroy);
    }

  g_mutex_lock (&self->idle_lock);
  self->pending--;
  g_cond_broadcast (&self->idle_cond);
  g_mutex_unlock (&self->idle_lock);
}

static void
tx_store_service_dispose (GObject *object)
{
  TxStoreService *self = TX_STORE_SERVICE (object);

  /* let queued work finish: a save must not be dropped on the way out */
  if (self->pool)
    {
      g_thread_pool_free (self->pool, FALSE, TRUE);
      self->pool = NULL;
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tx_store_service_parent_class)->dispose (object);
}

static void
tx_store_service_finalize (GObject *object)
{
  TxStoreService *self = TX_STORE_SERVICE (object);

  g_mutex_clear (&self->idle_lock);
  g_cond_clear (&self->idle_cond);
  G_OBJECT_CLASS (tx_store_service_parent_class)->finalize (object);
}

static void
tx_store_service_class_init (TxStoreServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tx_store_service_dispose;
  object_class->finalize = tx_store_service_finalize;
}

static void
tx_store_service_init (TxStoreService *self)
{
  g_mutex_init (&self->idle_lock);
  g_cond_init (&self->idle_cond);
}

/**
 * tx_store_service_new:
 * @path: the database file
 *
 * Returns: (transfer full): the service, or %NULL if the store cannot be opened
 */
TxStoreService *
tx_store_service_new (const char  *path,
                      GError     **error)
{
  g_autoptr(TxStoreService) self = g_object_new (TX_TYPE_STORE_SERVICE, NULL);

  /* opened here, used only on the worker from now on */
  self->store = tx_store_open (path, error);
  if (self->store == NULL)
    return NULL;
  /* off the main thread a write may wait for another connection's long
   * transaction (a county's import takes a minute) rather than fail */
  tx_store_set_busy_timeout (self->store, 5 * 60 * 1000);
  self->pool = g_thread_pool_new (worker, self, 1, TRUE, error);
  if (self->pool == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * tx_store_service_run_async:
 * @func: (scope async): the work
 * @data_destroy: (nullable): frees @data after the work
 * @result_destroy: (nullable): frees a result nobody collected
 *
 * Queues @func; @callback runs in the thread-default main context of the caller.
 */
void
tx_store_service_run_async (TxStoreService      *self,
                            TxStoreJobFunc       func,
                            gpointer             data,
                            GDestroyNotify       data_destroy,
                            GDestroyNotify       result_destroy,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (task, tx_store_service_run_async);
  job->func = func;
  job->data = data;
  job->data_destroy = data_destroy;
  job->result_destroy = result_destroy;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  g_mutex_lock (&self->idle_lock);
  self->pending++;
  g_mutex_unlock (&self->idle_lock);
  g_thread_pool_push (self->pool, task, NULL);
}

gpointer
tx_store_service_run_finish (TxStoreService  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tx_store_service_wait_idle:
 *
 * Blocks until every queued job has run (their callbacks still need the
 * main loop). For tests and for shutting down.
 */
void
tx_store_service_wait_idle (TxStoreService *self)
{
  g_mutex_lock (&self->idle_lock);
  while (self->pending > 0)
    g_cond_wait (&self->idle_cond, &self->idle_lock);
  g_mutex_unlock (&self->idle_lock);
}

/**
 * tx_store_service_run_finish_boolean:
 *
 * The _finish() of a job that returns %TX_STORE_JOB_DONE or fails.
 *
 * Returns: whether the job succeeded
 */
gboolean
tx_store_service_run_finish_boolean (TxStoreService  *self,
                                     GAsyncResult    *result,
                                     GError         **error)
{
  return tx_store_service_run_finish (self, result, error) != NULL;
}

/* Form */

/**
 * tx_store_service_set_autosave_async:
 * @autosave: (nullable): the form as typed so far, or %NULL to remove it
 *
 * Keeps the form's unsaved typing, to be offered back at the next start.
 */
void
tx_store_service_set_autosave_async (TxStoreService      *self,
                                     const char          *autosave,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  /* kept as a setting is */
  TxPreferenceChange *c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SETTING);

  c->setting = TX_SETTING_AUTOSAVE;
  c->value = g_strdup (autosave);
  tx_store_service_change_preference_async (self, c, cancellable, callback, user_data);
}

/**
 * tx_store_service_set_autosave_finish:
 *
 * Returns: whether the typing is kept
 */
gboolean
tx_store_service_set_autosave_finish (TxStoreService  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/* What the form and the visit dialog save: a record or a visit, and
 * whether it may be a draft */
typedef struct {
  gpointer       item;
  GDestroyNotify item_free;
  gboolean       draft;
} Saving;

static Saving *
saving_new (gpointer       item,
            GDestroyNotify item_free,
            gboolean       draft)
{
  Saving *s = g_new0 (Saving, 1);

  s->item = item;
  s->item_free = item_free;
  s->draft = draft;
  return s;
}

static void
saving_free (Saving *s)
{
  s->item_free (s->item);
  g_free (s);
}

static gpointer
save_child_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Saving *d = data;
  g_autoptr(TxRecord) record = tx_record_copy (d->item);
  g_autoptr(TxCheck) check = NULL;
  gboolean ok;

  /* the record and the end of its autosaved copy are one change: a copy
   * left behind would be offered back at the next start */
  if (!tx_store_begin (store, error))
    return NULL;
  if (record->id == NULL)
    {
      g_autofree char *id = tx_store_child_add (store, record, d->draft, &check, error);
      ok = id != NULL;
    }
  else
    ok = tx_store_child_update (store, record, d->draft, &check, error);
  ok = ok && tx_store_set_setting (store, TX_SETTING_AUTOSAVE, NULL, error);
  if (!ok)
    tx_store_rollback (store);
  else if (!tx_store_commit (store, error))   /* rolled back */
    ok = FALSE;
  return ok ? g_steal_pointer (&record) : NULL;
}

/**
 * tx_store_service_save_child_async:
 * @record: the child's record: without an id it is added, with one the
 *   stored record is updated
 * @draft: whether missing required values are acceptable
 *
 * Saves @record and removes the autosaved copy of the form, in one
 * transaction.
 */
void
tx_store_service_save_child_async (TxStoreService      *self,
                                   const TxRecord      *record,
                                   gboolean             draft,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Saving *d = saving_new (tx_record_copy (record), (GDestroyNotify) tx_record_free, draft);

  tx_store_service_run_async (self, save_child_job, d, (GDestroyNotify) saving_free,
                              (GDestroyNotify) tx_record_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_save_child_finish:
 *
 * Returns: (transfer full) (nullable): the record as saved, with its id,
 *   timestamps and derived values
 */
TxRecord *
tx_store_service_save_child_finish (TxStoreService  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

/* Visit dialog */

static gpointer
save_visit_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  Saving *d = data;
  g_autoptr(GPtrArray) problems = NULL;
  char *id = tx_store_visit_add (store, d->item, d->draft, &problems, error);

  if (id == NULL && problems && problems->len)
    {
      /* the problems say more than the error: hand them over in its message */
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < problems->len; i++)
        {
          TxVisitProblem *p = problems->pdata[i];
          if (s->len)
            g_string_append_c (s, '\n');
          g_string_append (s, p->message);
        }
      if (error && *error)
        {
          g_free ((*error)->message);
          (*error)->message = g_string_free (s, FALSE);
        }
      else
        g_string_free (s, TRUE);
    }
  return id;
}

/**
 * tx_store_service_save_visit_async:
 * @visit: (transfer full): the new visit
 * @draft: whether it may be incomplete
 *
 * Records a visit. When the visit is wrong, the error's message is what is
 * wrong with it, a problem a line.
 */
void
tx_store_service_save_visit_async (TxStoreService      *self,
                                   TxVisit             *visit,
                                   gboolean             draft,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  tx_store_service_run_async (self, save_visit_job, saving_new (visit, (GDestroyNotify) tx_visit_free, draft),
                              (GDestroyNotify) saving_free, g_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_save_visit_finish:
 *
 * Returns: (transfer full) (nullable): the id of the visit recorded
 */
char *
tx_store_service_save_visit_finish (TxStoreService  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

/* Window */

static gpointer
delete_child_job (TxStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return tx_store_child_delete (store, data, error) ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_store_service_delete_child_async:
 * @id: the child whose registration and history are erased
 */
void
tx_store_service_delete_child_async (TxStoreService      *self,
                                     const char          *id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  tx_store_service_run_async (self, delete_child_job, g_strdup (id), g_free, NULL,
                              cancellable, callback, user_data);
}

/**
 * tx_store_service_delete_child_finish:
 *
 * Returns: whether the child is deleted
 */
gboolean
tx_store_service_delete_child_finish (TxStoreService  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/* Preferences */

static gpointer
change_preference_job (TxStore       *store,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  TxPreferenceChange *c = data;
  gboolean ok = FALSE;

  switch (c->kind)
    {
    case TX_PREFERENCE_CHANGE_SETTING:
      ok = tx_store_set_setting (store, c->setting, c->value, error);
      break;
    case TX_PREFERENCE_CHANGE_SCHEDULE:
      ok = tx_store_set_schedule_settings (store, &c->schedule, error);
      break;
    case TX_PREFERENCE_CHANGE_AGE_LIMITS:
      ok = tx_store_set_age_limits (store, &c->age_limits, error);
      break;
    case TX_PREFERENCE_CHANGE_SERVICE_ADD:
      {
        g_autofree char *id = tx_store_care_service_add (store, c->key, c->value, c->value_en, error);
        ok = id != NULL;
      }
      break;
    case TX_PREFERENCE_CHANGE_SERVICE_RENAME:
      ok = tx_store_care_service_rename (store, c->key, c->value, c->value_en, error);
      break;
    case TX_PREFERENCE_CHANGE_SERVICE_RETIRE:
      ok = tx_store_care_service_retire (store, c->key, c->flag, error);
      break;
    case TX_PREFERENCE_CHANGE_HOLIDAYS:
      ok = tx_store_load_holidays (store, c->value, -1, error);
      if (!ok)
        g_prefix_error (error, "%s: ", c->key);
      break;
    }
  return ok ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_preference_change_new:
 *
 * Returns: (transfer full): an empty change of @kind
 */
TxPreferenceChange *
tx_preference_change_new (TxPreferenceChangeKind kind)
{
  TxPreferenceChange *c = g_new0 (TxPreferenceChange, 1);

  c->kind = kind;
  return c;
}

void
tx_preference_change_free (TxPreferenceChange *c)
{
  g_free (c->key);
  g_free (c->value);
  g_free (c->value_en);
  g_free (c);
}

/**
 * tx_store_service_change_preference_async:
 * @change: (transfer full): what changes
 */
void
tx_store_service_change_preference_async (TxStoreService      *self,
                                          TxPreferenceChange  *change,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  tx_store_service_run_async (self, change_preference_job, change, (GDestroyNotify) tx_preference_change_free,
                              NULL, cancellable, callback, user_data);
}

/**
 * tx_store_service_change_preference_finish:
 *
 * Returns: whether the change is made
 */
gboolean
tx_store_service_change_preference_finish (TxStoreService  *self,
                                           GAsyncResult    *result,
                                           GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/* Reports */

typedef struct {
  char  *what;
  char  *detail;
  guint  count;
} LogExport;

static gpointer
log_export_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  LogExport *l = data;

  return tx_store_log_export (store, l->what, l->detail, l->count, error) ? TX_STORE_JOB_DONE : NULL;
}

static void
log_export_free (LogExport *l)
{
  g_free (l->what);
  g_free (l->detail);
  g_free (l);
}

/**
 * tx_store_service_log_export_async:
 * @what: the report's code, as tx_store_log_export() takes it
 * @detail: (nullable): the file or the printer it went to
 * @count: how many children, visits or cases it holds
 *
 * Writes a line into the export log on the worker thread, like every write
 * (a print, which no report function logs).
 */
void
tx_store_service_log_export_async (TxStoreService      *self,
                                   const char          *what,
                                   const char          *detail,
                                   guint                count,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  LogExport *l = g_new0 (LogExport, 1);

  l->what = g_strdup (what);
  l->detail = g_strdup (detail);
  l->count = count;
  tx_store_service_run_async (self, log_export_job, l, (GDestroyNotify) log_export_free, NULL, cancellable,
                              callback, user_data);
}

gboolean
tx_store_service_log_export_finish (TxStoreService  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/* Roster */

void
tx_search_result_free (TxSearchResult *result)
{
  g_clear_pointer (&result->rowids, g_array_unref);
  g_free (result);
}

static gpointer
search_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  TxChildQuery *q = data;
  g_autoptr(TxSearchResult) r = g_new0 (TxSearchResult, 1);
  TxChildQuery kc = *q;

  r->rowids = tx_store_child_rowids (store, q, error);
  if (r->rowids == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  r->total = tx_store_child_count (store, &(TxChildQuery) { 0 }, error);
  if (r->total < 0)
    return NULL;
  kc.key_care_only = TRUE;
  r->key_care = q->key_care_only ? r->rowids->len : tx_store_child_count (store, &kc, error);
  if (r->key_care < 0)
    return NULL;
  return g_steal_pointer (&r);
}

/**
 * tx_store_service_search_async:
 * @query: the search, filters and order; copied
 *
 * Finds the children @query says, in its order, and counts the children
 * in the store and the key-care ones found: what the roster lists and its
 * status line says. A newer search cancels @cancellable: the count is then
 * not made.
 */
void
tx_store_service_search_async (TxStoreService      *self,
                               const TxChildQuery  *query,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  tx_store_service_run_async (self, search_job, tx_child_query_copy (query), (GDestroyNotify) tx_child_query_free,
                              (GDestroyNotify) tx_search_result_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_search_finish:
 *
 * Returns: (transfer full): the children found and the counts, or %NULL
 *   with @error set
 */
TxSearchResult *
tx_store_service_search_finish (TxStoreService  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}
