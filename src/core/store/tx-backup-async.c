/* tx-backup-async.c — making and restoring a backup on a thread, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The work runs in a GTask's thread on a TxStore of that thread (opened
 * there on the store's path, in the session of the person logged in); the
 * progress is handed to the caller's main context, and the result comes
 * back there as usual.
 */

#define G_LOG_DOMAIN "tx-backup"

#include "config.h"

#include "tx-backup.h"

typedef struct
{
  char             *store_path;
  char             *path;       /* the folder to back up into, or the backup to restore */
  TxBackupFlags     flags;
  TxBackupProgress  progress;
  gpointer          data;
  GMainContext     *context;
} Job;

typedef struct
{
  TxBackupProgress progress;
  gpointer         data;
  double           fraction;
} Step;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->path);
  g_main_context_unref (job->context);
  g_free (job);
}

static gboolean
step_cb (gpointer user_data)
{
  Step *step = user_data;

  step->progress (step->fraction, step->data);
  return G_SOURCE_REMOVE;
}

/* On the thread: the progress, to the caller's context */
static void
thread_progress (double   fraction,
                 gpointer data)
{
  Job *job = data;
  Step *step = g_new (Step, 1);

  *step = (Step) { job->progress, job->data, fraction };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, step_cb, step, g_free);
}

static void
make_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TxStore) store = NULL;
  GError *error = NULL;
  TxBackupInfo *info = NULL;

  store = tx_store_open (job->store_path, &error);
  if (store)
    info = tx_backup_make (store, job->path, job->flags, job->progress ? thread_progress : NULL, job,
                           cancellable, &error);
  if (info)
    g_task_return_pointer (task, info, (GDestroyNotify) tx_backup_info_free);
  else
    g_task_return_error (task, error);
}

static Job *
job_new (const char       *store_path,
         const char       *path,
         TxBackupFlags     flags,
         TxBackupProgress  progress,
         gpointer          data)
{
  Job *job = g_new0 (Job, 1);

  job->store_path = g_strdup (store_path);
  job->path = g_strdup (path);
  job->flags = flags;
  job->progress = progress;
  job->data = data;
  job->context = g_main_context_ref_thread_default ();
  return job;
}

/**
 * tx_backup_make_async:
 * @store_path: the store, which the person logged in has open
 * @folder: (nullable): where; %NULL: beside the store
 * @progress: (nullable): called in the caller's main context; @data must
 *   live until @callback is called
 *
 * tx_backup_make() on a thread of its own, with a connection of its own.
 */
void
tx_backup_make_async (const char          *store_path,
                      const char          *folder,
                      TxBackupFlags        flags,
                      TxBackupProgress     progress,
                      gpointer             data,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tx_backup_make_async);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, job_new (store_path, folder, flags, progress, data), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, make_thread);
}

/**
 * tx_backup_make_finish:
 *
 * Returns: (transfer full) (nullable): the backup made
 */
TxBackupInfo *
tx_backup_make_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
restore_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  TxBackupInfo *kept = NULL;
  GError *error = NULL;

  if (tx_backup_restore (job->store_path, job->path, &kept, cancellable, &error))
    g_task_return_pointer (task, kept ? kept : g_new0 (TxBackupInfo, 1), (GDestroyNotify) tx_backup_info_free);
  else
    g_task_return_error (task, error);
}

/**
 * tx_backup_restore_async:
 * @store_path: the store; the caller has closed its connections to it (the
 *   window its views' and workers')
 * @path: the backup's folder, or the store file in it
 *
 * tx_backup_restore() on a thread of its own.
 */
void
tx_backup_restore_async (const char          *store_path,
                         const char          *path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tx_backup_restore_async);
  g_task_set_task_data (task, job_new (store_path, path, 0, NULL, NULL), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * tx_backup_restore_finish:
 * @kept: (out) (optional) (transfer full) (nullable): the backup of the
 *   store as it was; %NULL if it was damaged and set aside
 */
gboolean
tx_backup_restore_finish (GAsyncResult  *result,
                          TxBackupInfo **kept,
                          GError       **error)
{
  g_autoptr(TxBackupInfo) info = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  info = g_task_propagate_pointer (G_TASK (result), error);
  if (info == NULL)
    return FALSE;
  if (kept)
    *kept = info->path ? g_steal_pointer (&info) : NULL;
  return TRUE;
}
