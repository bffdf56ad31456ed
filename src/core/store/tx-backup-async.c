/* tx-backup-async.c — making, listing and restoring backups on a thread, for the window
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
  char             *path;       /* the backup to restore */
  GStrv             folders;    /* where to back up, each in turn, or to look */
  TxBackupFlags     flags;
  TxBackupProgress  progress;
  gpointer          data;
  GMainContext     *context;
  guint             done;       /* folders finished */
} Job;

typedef struct
{
  GTask           *task;
  double           fraction;
} Step;

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->path);
  g_strfreev (job->folders);
  g_main_context_unref (job->context);
  g_free (job);
}

static void
step_free (gpointer data)
{
  Step *step = data;

  g_object_unref (step->task);
  g_free (step);
}

static gboolean
step_cb (gpointer user_data)
{
  Step *step = user_data;
  Job *job = g_task_get_task_data (step->task);

  /* none after the result: the caller's data may be gone */
  if (!g_task_get_completed (step->task))
    job->progress (step->fraction, job->data);
  return G_SOURCE_REMOVE;
}

/* On the thread: the progress of the whole, to the caller's context */
static void
thread_progress (double   fraction,
                 gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  Step *step = g_new (Step, 1);
  guint n = MAX (g_strv_length (job->folders), 1);

  *step = (Step) { g_object_ref (task), (job->done + CLAMP (fraction, 0, 1)) / n };
  g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, step_cb, step, step_free);
}

/* Each folder in turn: the first backup made is the result, the first
 * failure the error; a stop ends it at once */
static void
make_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxBackupInfo) first = NULL;
  GError *failed = NULL;

  store = tx_store_open (job->store_path, &failed);
  for (guint i = 0; store && job->folders[i]; i++)
    {
      GError *error = NULL;
      TxBackupInfo *info = tx_backup_make (store, job->folders[i], job->flags,
                                           job->progress ? thread_progress : NULL, task, cancellable, &error);

      job->done = i + 1;
      if (info && first == NULL)
        first = info;
      else if (info)
        tx_backup_info_free (info);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&failed);
          failed = error;
          break;
        }
      else if (failed == NULL)
        failed = error;
      else
        g_error_free (error);
    }
  if (failed)
    g_task_return_error (task, failed);
  else
    g_task_return_pointer (task, g_steal_pointer (&first), (GDestroyNotify) tx_backup_info_free);
}

static Job *
job_new (const char         *store_path,
         const char         *path,
         const char *const  *folders,
         TxBackupFlags       flags,
         TxBackupProgress    progress,
         gpointer            data)
{
  Job *job = g_new0 (Job, 1);

  job->store_path = g_strdup (store_path);
  job->path = g_strdup (path);
  job->folders = g_strdupv ((char **) folders);
  job->flags = flags;
  job->progress = progress;
  job->data = data;
  job->context = g_main_context_ref_thread_default ();
  return job;
}

/* Runs @job (taken) in @thread as a task tagged @tag */
static void
run_job (Job                 *job,
         gpointer             tag,
         GTaskThreadFunc      thread,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, thread);
}

/**
 * tx_backup_make_each_async:
 * @store_path: the store, which the person logged in has open
 * @folders: (nullable) (array zero-terminated=1): where, each in turn;
 *   %NULL or empty: the folder beside the store
 * @progress: (nullable): the whole's, called in the caller's main context
 *   until @callback is; @data must live until then
 *
 * tx_backup_make() into each folder in turn, on a thread of its own with a
 * connection of its own. The first backup made is the result; a failure in
 * any folder is the error (the others are still made); a stop ends it.
 */
void
tx_backup_make_each_async (const char          *store_path,
                           const char *const   *folders,
                           TxBackupFlags        flags,
                           TxBackupProgress     progress,
                           gpointer             data,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autofree char *beside = tx_backup_default_folder (store_path);
  const char *const just_beside[] = { beside, NULL };

  run_job (job_new (store_path, NULL, folders && folders[0] ? folders : just_beside, flags, progress, data),
           tx_backup_make_each_async, make_thread, cancellable, callback, user_data);
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
  const char *const folders[] = { folder, NULL };

  tx_backup_make_each_async (store_path, folders, flags, progress, data, cancellable, callback, user_data);
}

/**
 * tx_backup_make_finish:
 *
 * Of tx_backup_make_async() and tx_backup_make_each_async().
 *
 * Returns: (transfer full) (nullable): the (first) backup made
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
  run_job (job_new (store_path, path, NULL, 0, NULL, NULL), tx_backup_restore_async, restore_thread,
           cancellable, callback, user_data);
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

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(TxStore) store = NULL;
  GError *error = NULL;
  GPtrArray *list = NULL;

  store = tx_store_open (job->store_path, &error);
  if (store)
    list = tx_backup_list (store, (const char *const *) job->folders, &error);
  if (list)
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
  else
    g_task_return_error (task, error);
}

/**
 * tx_backup_list_async:
 * @store_path: the store, which the person logged in has open
 * @folders: (nullable) (array zero-terminated=1): where to look; %NULL:
 *   tx_backup_get_places()
 *
 * tx_backup_list() on a thread of its own (it opens every copy to read who
 * made its last changes).
 */
void
tx_backup_list_async (const char          *store_path,
                      const char *const   *folders,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  run_job (job_new (store_path, NULL, folders, 0, NULL, NULL), tx_backup_list_async, list_thread,
           cancellable, callback, user_data);
}

/**
 * tx_backup_list_finish:
 *
 * Returns: (transfer full) (element-type TxBackupInfo) (nullable): the
 *   backups, newest first
 */
GPtrArray *
tx_backup_list_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
