/* tx-backup-task.c — a backup made on a thread of its own, for the window
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built on the core's tx_backup_make_each_async(): the places (the folder
 * beside the store, a second place) one after the other on a thread with
 * a connection of its own, so that neither the window's reading
 * connection nor the store service's queue of saves waits for the copy;
 * the first place's backup is the result, and the first failure is the
 * error. This adds what the window needs: the progress kept for the
 * page's bar to read, whether a backup is running in the process, and the
 * "tx-backup-made" notifier after each.
 */

#define G_LOG_DOMAIN "tx-backup-task"

#include "config.h"

#include "tx-backup-task.h"

typedef struct {
  double fraction;   /* the whole task's progress, 0 to 1 */
} Job;

static guint running;

static void
progress_cb (double   fraction,
             gpointer data)
{
  Job *job = data;

  job->fraction = fraction;
}

static void
made_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *outer = user_data;
  GError *error = NULL;
  TxBackupInfo *info = tx_backup_make_finish (result, &error);

  running--;
  /* the outer task is completed with the core's outcome */
  if (info)
    g_task_return_pointer (outer, info, (GDestroyNotify) tx_backup_info_free);
  else
    g_task_return_error (outer, error);
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
  GTask *outer = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  g_task_set_source_tag (outer, tx_backup_task_run);
  /* the outer task lives until the core's callback: so does the job */
  g_task_set_task_data (outer, job, g_free);
  running++;
  tx_backup_make_each_async (store_path, folders, flags, progress_cb, job, cancellable, made_cb,
                             g_object_ref (outer));
  return G_ASYNC_RESULT (outer);
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

  return job ? job->fraction : 0;
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
