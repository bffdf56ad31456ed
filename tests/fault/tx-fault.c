/* tests/fault/tx-fault.c — an LD_PRELOAD shim that fails the Nth write, sync or read on purpose
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loaded into tongxing-cli (or any test program) with LD_PRELOAD, it wraps the C library's
 * write, pwrite, pwrite64, writev, fsync, fdatasync, read, pread, pread64. Only descriptors of
 * files under TX_FAULT_DIR count (never stdout, stderr, pipes or sockets): the shim asks
 * /proc/self/fd/N where each descriptor leads, at each call, so a descriptor closed and reused
 * by any means is never mistaken.
 *
 *   TX_FAULT_DIR=DIR      the folder whose files count (required)
 *   TX_FAULT_OP=OP        write, sync or read: the calls counted for TX_FAULT_N
 *   TX_FAULT_N=N          the Nth such call (from 1) fails: -1 with errno, nothing done
 *   TX_FAULT_ERRNO=E      EIO (default) or ENOSPC
 *   TX_FAULT_KILL=1       SIGKILL the process at the Nth call instead, before it is done
 *   TX_FAULT_COUNT=FILE   at exit, write "writes W\nsyncs S\nreads R\nfaults F\n" to FILE
 *
 * SQLite (SQLite3 Multiple Ciphers, linked statically) calls these through the PLT like any
 * other code, so the shim sees its I/O. Calls made inside the C library itself (fwrite,
 * fclose) are not seen.
 */

/* pwrite and pwrite64 are two symbols here: not one renamed to the other */
#undef _FILE_OFFSET_BITS
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum { OP_NONE, OP_WRITE, OP_SYNC, OP_READ };

static char fault_dir[PATH_MAX];
static size_t fault_dir_len;
static int fault_op = OP_NONE;
static long fault_n;
static int fault_errno = EIO;
static int fault_kill;
static char count_file[PATH_MAX];

static atomic_long n_writes, n_syncs, n_reads, n_faults;

static ssize_t (*real_write) (int, const void *, size_t);
static ssize_t (*real_pwrite) (int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64) (int, const void *, size_t, off64_t);
static ssize_t (*real_writev) (int, const struct iovec *, int);
static int (*real_fsync) (int);
static int (*real_fdatasync) (int);
static ssize_t (*real_read) (int, void *, size_t);
static ssize_t (*real_pread) (int, void *, size_t, off_t);
static ssize_t (*real_pread64) (int, void *, size_t, off64_t);

#define RESOLVE(name) \
  do { if (!real_##name) real_##name = dlsym (RTLD_NEXT, #name); } while (0)

static void
write_counts (void)
{
  char buf[256];
  int fd, len;

  if (!count_file[0])
    return;
  len = snprintf (buf, sizeof buf, "writes %ld\nsyncs %ld\nreads %ld\nfaults %ld\n",
                  atomic_load (&n_writes), atomic_load (&n_syncs), atomic_load (&n_reads),
                  atomic_load (&n_faults));
  /* the raw system calls: the shim's own file is never counted */
  fd = (int) syscall (SYS_openat, AT_FDCWD, count_file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    return;
  syscall (SYS_write, fd, buf, (size_t) len);
  syscall (SYS_close, fd);
}

__attribute__((constructor)) static void
fault_init (void)
{
  const char *dir = getenv ("TX_FAULT_DIR");
  const char *op = getenv ("TX_FAULT_OP");
  const char *n = getenv ("TX_FAULT_N");
  const char *e = getenv ("TX_FAULT_ERRNO");
  const char *kill = getenv ("TX_FAULT_KILL");
  const char *count = getenv ("TX_FAULT_COUNT");

  if (!dir || !*dir || !realpath (dir, fault_dir))
    return;
  fault_dir_len = strlen (fault_dir);
  if (op && strcmp (op, "write") == 0)
    fault_op = OP_WRITE;
  else if (op && strcmp (op, "sync") == 0)
    fault_op = OP_SYNC;
  else if (op && strcmp (op, "read") == 0)
    fault_op = OP_READ;
  fault_n = n ? strtol (n, NULL, 10) : 0;
  if (e && strcmp (e, "ENOSPC") == 0)
    fault_errno = ENOSPC;
  fault_kill = kill && strcmp (kill, "1") == 0;
  if (count && *count && strlen (count) < sizeof count_file)
    {
      strcpy (count_file, count);
      atexit (write_counts);
    }
}

/* Whether @fd leads to a file under TX_FAULT_DIR (a deleted one too) */
static int
watched (int fd)
{
  char link[64], target[PATH_MAX];
  ssize_t len;

  if (!fault_dir_len || fd < 0)
    return 0;
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  len = readlink (link, target, sizeof target - 1);
  if (len <= (ssize_t) fault_dir_len || target[0] != '/')
    return 0;
  target[len] = '\0';
  return strncmp (target, fault_dir, fault_dir_len) == 0 && target[fault_dir_len] == '/';
}

/* Counts a call of kind @op on @fd; returns nonzero (errno set) when it is to fail */
static int
fault (int fd, int op)
{
  int saved = errno;
  long seen;

  if (!watched (fd))
    {
      errno = saved;
      return 0;
    }
  switch (op)
    {
    case OP_WRITE: seen = atomic_fetch_add (&n_writes, 1) + 1; break;
    case OP_SYNC: seen = atomic_fetch_add (&n_syncs, 1) + 1; break;
    default: seen = atomic_fetch_add (&n_reads, 1) + 1; break;
    }
  if (op != fault_op || seen != fault_n)
    {
      errno = saved;
      return 0;
    }
  atomic_fetch_add (&n_faults, 1);
  if (fault_kill)
    {
      syscall (SYS_kill, getpid (), SIGKILL);
      for (;;)
        pause ();
    }
  errno = fault_errno;
  return 1;
}

ssize_t
write (int fd, const void *buf, size_t count)
{
  RESOLVE (write);
  if (fault (fd, OP_WRITE))
    return -1;
  return real_write (fd, buf, count);
}

ssize_t
pwrite (int fd, const void *buf, size_t count, off_t offset)
{
  RESOLVE (pwrite);
  if (fault (fd, OP_WRITE))
    return -1;
  return real_pwrite (fd, buf, count, offset);
}

ssize_t
pwrite64 (int fd, const void *buf, size_t count, off64_t offset)
{
  RESOLVE (pwrite64);
  if (fault (fd, OP_WRITE))
    return -1;
  return real_pwrite64 (fd, buf, count, offset);
}

ssize_t
writev (int fd, const struct iovec *iov, int iovcnt)
{
  RESOLVE (writev);
  if (fault (fd, OP_WRITE))
    return -1;
  return real_writev (fd, iov, iovcnt);
}

int
fsync (int fd)
{
  RESOLVE (fsync);
  if (fault (fd, OP_SYNC))
    return -1;
  return real_fsync (fd);
}

int
fdatasync (int fd)
{
  RESOLVE (fdatasync);
  if (fault (fd, OP_SYNC))
    return -1;
  return real_fdatasync (fd);
}

ssize_t
read (int fd, void *buf, size_t count)
{
  RESOLVE (read);
  if (fault (fd, OP_READ))
    return -1;
  return real_read (fd, buf, count);
}

ssize_t
pread (int fd, void *buf, size_t count, off_t offset)
{
  RESOLVE (pread);
  if (fault (fd, OP_READ))
    return -1;
  return real_pread (fd, buf, count, offset);
}

ssize_t
pread64 (int fd, void *buf, size_t count, off64_t offset)
{
  RESOLVE (pread64);
  if (fault (fd, OP_READ))
    return -1;
  return real_pread64 (fd, buf, count, offset);
}
