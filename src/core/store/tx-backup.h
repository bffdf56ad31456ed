/* tx-backup.h — backups of the store: made, verified, listed, rotated, restored
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tx-store.h"

G_BEGIN_DECLS

/* One backup: a folder holding the store's copy, its key file and a
 * manifest (manifest.json: nothing about people) */
typedef struct
{
  char      *path;           /* the backup's folder */
  char      *store_file;     /* the store's copy inside it */
  char      *created;        /* ISO 8601, UTC */
  int        schema;
  gint64     children;       /* on the register, as the roster counts them */
  gint64     children_total; /* not deleted, on the register or not: the check's */
  gint64     visits;         /* not deleted */
  gint64     change_seq;     /* the store's change marker when it was taken */
  char      *last_change;    /* ISO 8601 UTC of that change, or NULL */
  char      *station;
  char      *county;
  char      *township;
  gint64     size;           /* bytes of the store's copy */
  gboolean   verified;       /* its check passed when it was made */
  gboolean   before_restore; /* the store as it was before a restore */
  gboolean   automatic;
  char      *unusable;       /* NULL, or why it cannot be restored (half-made, files missing) */
  GStrv      who;            /* the people of the last changes, read from the copy (list only) */
} TxBackupInfo;

void      tx_backup_info_free    (TxBackupInfo       *info);
JsonNode *tx_backup_info_to_json (const TxBackupInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxBackupInfo, tx_backup_info_free)

typedef enum
{
  TX_BACKUP_MANUAL         = 0,
  TX_BACKUP_AUTOMATIC      = 1 << 0,  /* the timer's or the quit's: anybody logged in */
  TX_BACKUP_BEFORE_RESTORE = 1 << 1,  /* the store kept before a restore */
  TX_BACKUP_NO_ROTATE      = 1 << 2,
} TxBackupFlags;

/* @fraction: 0 to 1 of the copy; called on the thread making the backup */
typedef void (*TxBackupProgress) (double   fraction,
                                  gpointer data);

/* How many backups rotation keeps: the newest of each day, week, month */
typedef struct
{
  int days;     /* 7 */
  int weeks;    /* 8 */
  int months;   /* 12 */
} TxBackupKeep;

/* The last attempt, for the status line */
typedef struct
{
  char     *at;       /* ISO 8601 UTC, or NULL: never */
  gboolean  ok;
  char     *message;  /* the failure's, or NULL */
} TxBackupAttempt;

void tx_backup_attempt_clear (TxBackupAttempt *attempt);

/* What is wrong with a store that would not open */
typedef enum
{
  TX_BACKUP_STORE_SOUND,
  TX_BACKUP_STORE_MISSING,        /* no file */
  TX_BACKUP_STORE_NOT_A_STORE,    /* not a Tongxing store, or not readable with its key */
  TX_BACKUP_STORE_DAMAGED,        /* integrity_check fails */
  TX_BACKUP_STORE_LOG_MISSING,    /* damaged, and its log went after a crash */
  TX_BACKUP_STORE_KEYS_MISSING,   /* the key file beside it is gone */
} TxBackupStoreState;

/* A roster row of a backup's preview */
typedef struct
{
  char *name;
  char *id_masked;
  char *village;      /* the code */
  char *birth_date;
  char *register_state;  /* active, exited, transferred; NULL: on the register */
  char *exit_date;       /* when the child left the register, or NULL */
} TxBackupChild;

typedef struct
{
  TxBackupInfo *info;
  GPtrArray    *children;   /* TxBackupChild: on the register first, then who left */
  guint         on_register; /* the first of them: the roster's count, as the list says */
  gint64        visits;
} TxBackupPreview;

void tx_backup_preview_free (TxBackupPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxBackupPreview, tx_backup_preview_free)

/* Places and settings */
char         *tx_backup_default_folder (const char          *store_path);
GStrv         tx_backup_get_places     (TxStore             *store);
char         *tx_backup_get_second_place (TxStore           *store);
gboolean      tx_backup_set_second_place (TxStore           *store,
                                          const char        *folder,
                                          GError           **error);
void          tx_backup_get_keep       (TxStore             *store,
                                        TxBackupKeep        *keep);
gboolean      tx_backup_set_keep       (TxStore             *store,
                                        const TxBackupKeep  *keep,
                                        GError             **error);
void          tx_backup_get_last_attempt (TxStore           *store,
                                          TxBackupAttempt   *attempt);

/* Making one (on a thread of the caller's: it opens its own connection) */
TxBackupInfo *tx_backup_make           (TxStore             *store,
                                        const char          *folder,
                                        TxBackupFlags        flags,
                                        TxBackupProgress     progress,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GError             **error);
void          tx_backup_make_async     (const char          *store_path,
                                        const char          *folder,
                                        TxBackupFlags        flags,
                                        TxBackupProgress     progress,
                                        gpointer             data,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
void          tx_backup_make_each_async (const char         *store_path,
                                         const char *const  *folders,
                                         TxBackupFlags       flags,
                                         TxBackupProgress    progress,
                                         gpointer            data,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
TxBackupInfo *tx_backup_make_finish    (GAsyncResult        *result,
                                        GError             **error);
gboolean      tx_backup_is_due         (TxStore             *store,
                                        GDateTime           *now,
                                        GTimeSpan            interval,
                                        gboolean            *stale);

/* Reading them */
GPtrArray    *tx_backup_list           (TxStore             *store,
                                        const char *const   *folders,
                                        GError             **error);
void          tx_backup_list_async     (const char          *store_path,
                                        const char *const   *folders,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray    *tx_backup_list_finish    (GAsyncResult        *result,
                                        GError             **error);
TxBackupInfo *tx_backup_read           (const char          *path,
                                        GError             **error);
gboolean      tx_backup_verify         (TxStore             *store,
                                        const char          *path,
                                        TxBackupInfo       **info,
                                        GError             **error);
TxBackupPreview *tx_backup_preview     (TxStore             *store,
                                        const char          *path,
                                        GError             **error);

/* Restoring one: the caller has closed its own connections to the store */
gboolean      tx_backup_check_not_in_use (const char        *store_path,
                                          GError           **error);
gboolean      tx_backup_restore        (const char          *store_path,
                                        const char          *path,
                                        TxBackupInfo       **kept,
                                        GCancellable        *cancellable,
                                        GError             **error);
gboolean      tx_backup_restore_full   (const char          *store_path,
                                        const char          *path,
                                        TxBackupInfo       **kept,
                                        char               **aside,
                                        GCancellable        *cancellable,
                                        GError             **error);

void          tx_backup_restore_async  (const char          *store_path,
                                        const char          *path,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean      tx_backup_restore_finish (GAsyncResult        *result,
                                        TxBackupInfo       **kept,
                                        GError             **error);

/* A store that would not open */
TxBackupStoreState tx_backup_diagnose  (const char          *store_path,
                                        char               **detail);
char         *tx_backup_set_aside      (const char          *store_path,
                                        GError             **error);
TxBackupInfo *tx_backup_newest_good    (const char          *store_path,
                                        const char *const   *folders);
TxBackupStoreState tx_backup_diagnose_quick (const char     *store_path,
                                        char               **detail);
char         *tx_backup_find_set_aside (const char          *store_path);
gboolean      tx_backup_restore_damaged (const char         *store_path,
                                        const char          *path,
                                        GError             **error);

/* Rotation (tx-backup-rotate.c) */
gboolean     *tx_backup_rotate_decide  (const gint64        *times,
                                        guint                n,
                                        const TxBackupKeep  *keep,
                                        gint64               now,
                                        GTimeZone           *tz);
guint         tx_backup_rotate         (const char          *folder,
                                        const char          *station,
                                        const TxBackupKeep  *keep,
                                        GDateTime           *now);

G_END_DECLS
