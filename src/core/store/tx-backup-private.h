/* tx-backup-private.h — what the backup's files share (tx-backup*.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "tx-backup.h"
#include "tx-session.h"

G_BEGIN_DECLS

/* Audit kinds that change nothing a backup would keep */
#define CHANGE_KINDS \
  "kind NOT IN ('login', 'login.failed', 'backup.made', 'backup.restore', 'reveal') " \
  "AND kind NOT LIKE 'export%' AND kind NOT LIKE 'print%'"

gboolean  tx_backup_sync_path  (const char  *path);
int       tx_backup_write_file (const char  *path,
                                const void  *data,
                                gsize        len);
int       tx_backup_copy_file  (const char  *from,
                                const char  *to);
sqlite3  *tx_backup_open_copy  (const char  *file,
                                TxSession   *session,
                                GError     **error);

char      *tx_backup_text_of      (sqlite3            *db,
                                   const char         *sql);
GStrv      tx_backup_read_who     (sqlite3            *db);
char      *tx_backup_integrity_problem (sqlite3     *db);
char      *tx_backup_check_copy   (sqlite3            *db,
                                   const TxBackupInfo *expected);
GPtrArray *tx_backup_list_folders (const char *const *folders);
gboolean   tx_backup_verify_with  (TxSession          *session,
                                   const char         *path,
                                   TxBackupInfo      **info,
                                   GError            **error);

G_END_DECLS
