/* tx-store-monitor.c — who hears of a change to the store
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every connection of this process to one database file shares one monitor.
 * A connection tells it what each commit changed, from whatever thread the
 * commit ran on, once the commit is durable; the monitor emits its signals
 * on the main thread (the default main context), a burst of commits as one
 * emission. Views listen to the signals and read again, instead of being
 * told by whoever wrote. Changes made by other programs (tongxing-cli, a
 * backup) are found by tx_store_poll_changes() and posted as changing
 * everything.
 */

#define G_LOG_DOMAIN "tx-store-monitor"

#include "config.h"

#include <glib/gstdio.h>

#include "tx-store-monitor.h"

struct _TxStoreMonitor
{
  GObject       parent_instance;

  char         *key;       /* device and inode of the database file */
  char         *path;

  GMutex        lock;
  TxStoreChange pending;   /* posted, not emitted yet */
  gboolean      pending_local; /* a commit of this process's, not told yet */
  GSource      *idle;      /* the emission waiting in the main context */
  guint64       local_commits;
};

G_DEFINE_FINAL_TYPE (TxStoreMonitor, tx_store_monitor, G_TYPE_OBJECT)

enum {
  COMMITTED,
  CHANGED,
  CHILDREN_CHANGED,
  VISITS_CHANGED,
  SETTINGS_CHANGED,
  SYNC_CHANGED,
  EXPORTS_CHANGED,
  LISTS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The monitors of this process, by file: weak references, so a monitor
 * goes with the last connection that holds it */
static GMutex registry_lock;
static GHashTable *registry;  /* key → GWeakRef */

static char *
file_key (const char *path)
{
  GStatBuf st;

  /* by name: a descriptor of the database must never be opened and closed
   * here (closing it would drop this process's locks on it) */
  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%llu:%llu", (unsigned long long) st.st_dev, (unsigned long long) st.st_ino);
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static void
tx_store_monitor_finalize (GObject *object)
{
  TxStoreMonitor *self = TX_STORE_MONITOR (object);

  g_mutex_lock (&registry_lock);
  if (registry && self->key)
    {
      GWeakRef *ref = g_hash_table_lookup (registry, self->key);
      GObject *still = ref ? g_weak_ref_get (ref) : NULL;

      /* a newer monitor of the same file may stand there already */
      if (ref && still == NULL)
        g_hash_table_remove (registry, self->key);
      g_mutex_unlock (&registry_lock);
      g_clear_object (&still);
    }
  else
    g_mutex_unlock (&registry_lock);

  if (self->idle)
    {
      g_source_destroy (self->idle);
      g_source_unref (self->idle);
    }
  g_mutex_clear (&self->lock);
  g_free (self->key);
  g_free (self->path);
  G_OBJECT_CLASS (tx_store_monitor_parent_class)->finalize (object);
}

static void
tx_store_monitor_class_init (TxStoreMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tx_store_monitor_finalize;

  /**
   * TxStoreMonitor::committed:
   *
   * Emitted on the main thread after one or more commits of this
   * process's connections, whatever they changed (the form's autosave
   * too), before the signals of what changed: for a poll of other
   * programs' changes to take this process's as its new starting point.
   */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * TxStoreMonitor::changed:
   * @what: a #TxStoreChange of what the commits touched
   *
   * Emitted on the main thread after one or more commits; followed by the
   * signal of each thing changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[CHILDREN_CHANGED] = g_signal_new ("children-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[VISITS_CHANGED] = g_signal_new ("visits-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SETTINGS_CHANGED] = g_signal_new ("settings-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SYNC_CHANGED] = g_signal_new ("sync-changed", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[EXPORTS_CHANGED] = g_signal_new ("exports-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LISTS_CHANGED] = g_signal_new ("lists-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tx_store_monitor_init (TxStoreMonitor *self)
{
  g_mutex_init (&self->lock);
}

/**
 * tx_store_monitor_for_file:
 * @path: a database file that exists
 *
 * Returns: (transfer full) (nullable): the monitor all of this process's
 *   connections to @path share; %NULL if the file cannot be found
 */
TxStoreMonitor *
tx_store_monitor_for_file (const char *path)
{
  g_autofree char *key = file_key (path);
  TxStoreMonitor *monitor = NULL;
  g_autoptr(TxStoreMonitor) stale = NULL;   /* dropped after the lock */
  GWeakRef *ref;

  if (key == NULL)
    return NULL;
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) weak_ref_free);
  ref = g_hash_table_lookup (registry, key);
  if (ref)
    monitor = g_weak_ref_get (ref);
  if (monitor)
    {
      /* a file deleted while a monitor of it lived on: a new file may have
       * its inode now */
      g_autofree char *still = file_key (monitor->path);
      if (g_strcmp0 (still, key) != 0)
        stale = g_steal_pointer (&monitor);
    }
  if (monitor == NULL)
    {
      monitor = g_object_new (TX_TYPE_STORE_MONITOR, NULL);
      monitor->key = g_strdup (key);
      monitor->path = g_strdup (path);
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, monitor);
      g_hash_table_replace (registry, g_steal_pointer (&key), ref);
    }
  g_mutex_unlock (&registry_lock);
  return monitor;
}

static gboolean
emit_cb (gpointer data)
{
  TxStoreMonitor *self = data;
  TxStoreChange what;
  gboolean local;

  g_mutex_lock (&self->lock);
  what = self->pending;
  local = self->pending_local;
  self->pending = 0;
  self->pending_local = FALSE;
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);

  g_object_ref (self);
  if (local)
    g_signal_emit (self, signals[COMMITTED], 0);
  if (what == 0)
    {
      g_object_unref (self);
      return G_SOURCE_REMOVE;
    }
  g_signal_emit (self, signals[CHANGED], 0, (guint) what);
  if (what & TX_STORE_CHANGE_SETTINGS)
    g_signal_emit (self, signals[SETTINGS_CHANGED], 0);
  if (what & TX_STORE_CHANGE_CHILDREN)
    g_signal_emit (self, signals[CHILDREN_CHANGED], 0);
  if (what & TX_STORE_CHANGE_VISITS)
    g_signal_emit (self, signals[VISITS_CHANGED], 0);
  if (what & TX_STORE_CHANGE_SYNC)
    g_signal_emit (self, signals[SYNC_CHANGED], 0);
  if (what & TX_STORE_CHANGE_EXPORTS)
    g_signal_emit (self, signals[EXPORTS_CHANGED], 0);
  if (what & TX_STORE_CHANGE_LISTS)
    g_signal_emit (self, signals[LISTS_CHANGED], 0);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gboolean
listened (TxStoreMonitor *self)
{
  for (guint i = 0; i < N_SIGNALS; i++)
    if (g_signal_has_handler_pending (self, signals[i], 0, FALSE))
      return TRUE;
  return FALSE;
}

/**
 * tx_store_monitor_post:
 * @what: what a commit changed, maybe nothing a view shows
 * @local: whether a connection of this process made it (every such commit
 *   is posted, so that other programs' can be told apart)
 *
 * Thread-safe. The signals follow on the main thread.
 */
void
tx_store_monitor_post (TxStoreMonitor *self,
                       TxStoreChange   what,
                       gboolean        local)
{
  g_mutex_lock (&self->lock);
  if (local)
    {
      self->local_commits++;
      self->pending_local = TRUE;
    }
  self->pending |= what;
  /* nobody listens in a command line: nothing to schedule */
  if (!listened (self))
    {
      self->pending = 0;
      self->pending_local = FALSE;
    }
  if ((self->pending || self->pending_local) && self->idle == NULL)
    {
      self->idle = g_idle_source_new ();
      g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
      g_source_set_name (self->idle, "[tongxing] store changed");
      /* the source holds the monitor until it has run */
      g_source_set_callback (self->idle, emit_cb, g_object_ref (self), g_object_unref);
      g_source_attach (self->idle, g_main_context_default ());
    }
  g_mutex_unlock (&self->lock);
}

/* Commits this process's connections made so far */
guint64
tx_store_monitor_get_local_commits (TxStoreMonitor *self)
{
  guint64 n;

  g_mutex_lock (&self->lock);
  n = self->local_commits;
  g_mutex_unlock (&self->lock);
  return n;
}

/**
 * tx_store_monitor_is_store_file:
 * @path: a file about to be written
 *
 * Whether @path is a database this process has open, or its log, its
 * shared memory or its key file: an export written over one of them would
 * destroy the store.
 */
gboolean
tx_store_monitor_is_store_file (const char *path)
{
  static const char *const suffixes[] = { "-wal", "-shm", "-journal", ".key", ".keys", ".before-encryption" };
  g_autofree char *key = NULL;
  gboolean found = FALSE;
  GHashTableIter iter;
  gpointer value;
  g_autoptr(GPtrArray) open = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *canon = g_canonicalize_filename (path, NULL);

  key = file_key (path);
  /* references are dropped after the lock: a last one finalizes a monitor,
   * which takes the lock */
  g_mutex_lock (&registry_lock);
  if (registry)
    {
      g_hash_table_iter_init (&iter, registry);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          TxStoreMonitor *m = g_weak_ref_get (value);
          if (m)
            g_ptr_array_add (open, m);
        }
    }
  g_mutex_unlock (&registry_lock);

  for (guint i = 0; !found && i < open->len; i++)
    {
      TxStoreMonitor *m = open->pdata[i];

      found = key && g_str_equal (key, m->key);
      /* the companions of an open database, existing or not yet */
      for (guint j = 0; !found && j < G_N_ELEMENTS (suffixes); j++)
        {
          g_autofree char *companion = g_strconcat (m->path, suffixes[j], NULL);
          g_autofree char *canon_companion = g_canonicalize_filename (companion, NULL);
          g_autofree char *companion_key = key ? file_key (companion) : NULL;

          found = g_str_equal (canon, canon_companion) ||
                  (companion_key && g_str_equal (key, companion_key));
        }
    }
  return found;
}
