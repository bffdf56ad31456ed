/* tx-backup-task.c — a backup made on a thread of its own, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tx_backup_make() opens its own connection beside the store and writes
 * its audit entry through the TxStore it is given, which must be used on
 * one thread only: the task opens a TxStore of its own on the main thread
 * (the person's session is the process's) and hands it to a GTask's
 * thread, so that neither the window's reading connection nor the store
 * service's queue of saves waits for the copy. Several places (the folder
 * beside the store, a second place) are made one after the other; the
 * first one's backup is the result, and the first failure is the error.
 * The copy's progress is kept in an atomic for the page's bar to read.
 */

#define G_LOG_DOMAIN "tx-backup-task"

#include "config.h"

#include "tx-backup-task.h"

typedef struct {
  TxStore       *store;
  GStrv          folders;
  TxBackupFlags  flags;
  guint          n_folders;
  guint          done;         /* folders finished */
  gint           per_mille;    /* atomic: the whole task's progress */
} Job;

static guint running;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->store);
  g_strfreev (job->folders);
  g_free (job);
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  Job *job = data;
  double whole = (job->done + CLAMP (fraction, 0, 1)) / MAX (job->n_folders, 1);

  g_atomic_int_set (&job->per_mille, (int) (whole * 1000));
}

static void
job_thread (GTask        *task,
            gpointer      source,
            gpointer      data,
            GCancellable *cancellable)
{
  Job *job = data;
  g_autoptr(TxBackupInfo) first = NULL;
  g_autoptr(GError) failed = NULL;

  for (guint i = 0; i < job->n_folders; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxBackupInfo) info = tx_backup_make (job->store, job->folders[i], job->flags, progress_cb, job,
                                                     cancellable, &error);

      job->done = i + 1;
      if (info == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          if (failed == NULL)
            failed = g_steal_pointer (&error);
          continue;
        }
      if (first == NULL)
        first = g_steal_pointer (&info);
    }
  if (failed)
    g_task_return_error (task, g_steal_pointer (&failed));
  else
    g_task_return_pointer (task, g_steal_pointer (&first), (GDestroyNotify) tx_backup_info_free);
}

static void
task_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *outer = user_data;

  running--;
  /* the outer task is completed with the inner's outcome */
  {
    GError *error = NULL;
    TxBackupInfo *info = g_task_propagate_pointer (G_TASK (result), &error);

    if (info)
      g_task_return_pointer (outer, info, (GDestroyNotify) tx_backup_info_free);
    else
      g_task_return_error (outer, error);
  }
  tx_backup_task_notify ();
  g_object_unref (outer);
}

/**
 * tx_backup_task_run:
 * @store_path: the store; somebody is logged in to it in this process
 * @folders: (nullable): where, each in turn; %NULL: the folder beside it
 *
 * Makes a backup on a thread (see the top of the file).
 *
 * Returns: (transfer full): the task, whose progress
 *   tx_backup_task_progress() reads
 */
GAsyncResult *
tx_backup_task_run (const char          *store_path,
                    const char *const   *folders,
                    TxBackupFlags        flags,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Job *job;
  const char *const beside[] = { NULL, NULL };

  g_task_set_source_tag (outer, tx_backup_task_run);
  job = g_new0 (Job, 1);
  job->store = tx_store_open (store_path, &error);
  if (job->store == NULL)
    {
      job_free (job);
      g_task_return_error (outer, g_steal_pointer (&error));
      return G_ASYNC_RESULT (g_steal_pointer (&outer));
    }
  job->folders = g_strdupv ((char **) (folders && folders[0] ? folders : beside));
  job->n_folders = MAX (g_strv_length (job->folders), 1);
  job->flags = flags;
  g_task_set_task_data (outer, job, job_free);
  task = g_task_new (NULL, cancellable, task_done_cb, g_object_ref (outer));
  g_task_set_task_data (task, job, NULL);
  running++;
  g_task_run_in_thread (task, job_thread);
  return G_ASYNC_RESULT (g_steal_pointer (&outer));
}

TxBackupInfo *
tx_backup_task_finish (GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* 0 to 1 */
double
tx_backup_task_progress (GAsyncResult *result)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  return job ? g_atomic_int_get (&job->per_mille) / 1000.0 : 0;
}

/* Whether a backup is being made in this process */
gboolean
tx_backup_task_running (void)
{
  return running > 0;
}

/* The notifier: an object of its own type, for its one signal */
typedef struct { GObject parent_instance; } TxBackupNotifier;
typedef struct { GObjectClass parent_class; } TxBackupNotifierClass;

G_DEFINE_TYPE (TxBackupNotifier, tx_backup_notifier, G_TYPE_OBJECT)

static guint made_signal;

static void
tx_backup_notifier_class_init (TxBackupNotifierClass *klass)
{
  made_signal = g_signal_new ("tx-backup-made", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                              NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tx_backup_notifier_init (TxBackupNotifier *self)
{
}

GObject *
tx_backup_task_notifier (void)
{
  static GObject *notifier;

  /* the main thread's only */
  if (notifier == NULL)
    notifier = g_object_new (tx_backup_notifier_get_type (), NULL);
  return notifier;
}

void
tx_backup_task_notify (void)
{
  g_signal_emit (tx_backup_task_notifier (), made_signal, 0);
}
