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
 */

#define G_LOG_DOMAIN "tx-store-service"

#include "config.h"

#include "tx-store-exports.h"
#include "tx-store-service.h"

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

static void
worker (gpointer data,
        gpointer user_data)
{
  g_autoptr(GTask) task = data;
  TxStoreService *self = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;
  gpointer result;

  if (!g_task_return_error_if_cancelled (task))
    {
      result = job->func (self->store, job->data, g_task_get_cancellable (task), &error);
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

  return tx_store_log_export (store, l->what, l->detail, l->count, error) ? GINT_TO_POINTER (TRUE) : NULL;
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
  return tx_store_service_run_finish (self, result, error) != NULL;
}
