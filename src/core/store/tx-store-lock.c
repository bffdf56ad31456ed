/* tx-store-lock.c — "in use" locks on the store's files, held while this process has it open
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"

/* "In use" locks. Other code of this process may open and close a
 * descriptor of the store's files without knowing it: a file chooser shows
 * the store's folder, and GIO reads the first bytes of every file there to
 * tell its type. Closing that descriptor drops all of this process's POSIX
 * locks on the file, SQLite's included (SQLite's "How To Corrupt" §2.2), and
 * another program (tongxing-cli) then takes itself for the last user: it
 * deletes the log, or starts the shared memory afresh, under the window.
 * So while this process has the store open it also holds open file
 * description locks (Linux's F_OFD_SETLK, which conflict with POSIX locks
 * but belong to a descriptor of their own, which is never closed): a read
 * lock on the database's SHARED range, which keeps any other program from
 * the EXCLUSIVE lock a last user takes, and one on the shared memory's
 * "dead man switch" byte, which keeps it from starting the shared memory
 * afresh. They are given up when this process's last connection to the file
 * closes, so that it can checkpoint and remove the log as usual. */

#define SQLITE_SHARED_FIRST (0x40000000 + 2)   /* PENDING_BYTE + 2, os_unix.c */
#define SQLITE_SHARED_SIZE  510
#define SQLITE_SHM_DMS      128                /* UNIX_SHM_DMS, os_unix.c */

typedef struct {
  int   db_fd;     /* kept open for the life of the process */
  int   shm_fd;
  guint users;     /* connections of this process open on the file */
} InUse;

static GMutex in_use_lock;
static GHashTable *in_use;   /* "dev:ino" of the database → InUse */

static gboolean
ofd_lock (int    fd,
          short  type,
          off_t  start,
          off_t  len)
{
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };

  return fd >= 0 && fcntl (fd, F_OFD_SETLK, &fl) == 0;
}

static void
in_use_set (InUse *u,
            short  type)
{
  if (!ofd_lock (u->db_fd, type, SQLITE_SHARED_FIRST, SQLITE_SHARED_SIZE) && type != F_UNLCK)
    g_debug ("could not mark the database in use: %s", g_strerror (errno));
  if (!ofd_lock (u->shm_fd, type, SQLITE_SHM_DMS, 1) && type != F_UNLCK)
    g_debug ("could not mark the shared memory in use: %s", g_strerror (errno));
}

static char *
in_use_key (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_strdup_printf ("%llu:%llu", (unsigned long long) st.st_dev, (unsigned long long) st.st_ino);
}

/* A connection of this process to @path opened (after its log and shared
 * memory are in place) */
void
tx_store_in_use_hold (const char *path)
{
  g_autofree char *key = in_use_key (path);
  InUse *u;

  if (key == NULL)
    return;
  g_mutex_lock (&in_use_lock);
  if (in_use == NULL)
    in_use = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  u = g_hash_table_lookup (in_use, key);
  if (u == NULL)
    {
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      /* never closed: closing them would drop this process's locks */
      u = g_new0 (InUse, 1);
      u->db_fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      u->shm_fd = g_open (shm, O_RDONLY | O_CLOEXEC, 0);
      g_hash_table_insert (in_use, g_steal_pointer (&key), u);
    }
  if (u->users++ == 0)
    in_use_set (u, F_RDLCK);
  g_mutex_unlock (&in_use_lock);
}

/* ...and closing: the last one gives the locks up first */
void
tx_store_in_use_release (const char *path)
{
  g_autofree char *key = in_use_key (path);
  InUse *u;

  if (key == NULL)
    return;
  g_mutex_lock (&in_use_lock);
  u = in_use ? g_hash_table_lookup (in_use, key) : NULL;
  if (u && u->users > 0 && --u->users == 0)
    in_use_set (u, F_UNLCK);
  g_mutex_unlock (&in_use_lock);
}
