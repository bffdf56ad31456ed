/* tx-cli-private.h — what the commands of tongxing-cli share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-cli.h"
#include "tx-core.h"

G_BEGIN_DECLS

enum { TX_CLI_EXIT_OK = 0, TX_CLI_EXIT_REFUSED = 1, TX_CLI_EXIT_USAGE = 2 };

typedef struct {
  char *db_path;
  char *user;            /* --user */
  char *password_file;   /* --password-file */
  char *opened;          /* the store a command opened: signed at exit */
} TxCli;

typedef int (*TxCliCommandFunc) (TxCli *cli, int argc, char **argv);

void        tx_cli_problem          (const char      *key,
                                     const char      *message);
int         tx_cli_usage_error      (GOptionContext  *ctx,
                                     const char      *message);
gboolean    tx_cli_parse_options    (GOptionContext  *ctx,
                                     int             *argc,
                                     char          ***argv,
                                     int             *status);
TxStore    *tx_cli_open_store       (TxCli           *cli);
int         tx_cli_store_failure    (const GError    *error);
void        tx_cli_print_json       (JsonNode        *node);
JsonObject *tx_cli_read_json_object (const char      *file,
                                     JsonParser      *parser);
void        tx_cli_append_cell      (GString         *line,
                                     const char      *text,
                                     int              width);
gboolean    tx_cli_month_range      (const char      *month,
                                     char           **from,
                                     char           **to);

/* tx-cli-audit.c */
int       tx_cli_audit       (TxCli *cli, int argc, char **argv);

/* tx-cli-backup.c */
int       tx_cli_backup      (TxCli *cli, int argc, char **argv);
/* tx-cli-auth.c */
char     *tx_cli_read_password (const char *file,
                                const char *env,
                                const char *question);
gboolean  tx_cli_login       (TxCli      *cli,
                              const char *path,
                              const char *founder,
                              gboolean    recovery_to_stderr);
int       tx_cli_user        (TxCli *cli, int argc, char **argv);
int       tx_cli_recover     (TxCli *cli, int argc, char **argv);

/* tx-cli-children.c */
int       tx_cli_child       (TxCli *cli, int argc, char **argv);

/* tx-cli-register.c */
int       tx_cli_child_exit     (TxCli *cli, int argc, char **argv);
int       tx_cli_child_reopen   (TxCli *cli, int argc, char **argv);
int       tx_cli_child_transfer (TxCli *cli, int argc, char **argv);
int       tx_cli_transfers      (TxCli *cli, int argc, char **argv);
int       tx_cli_ageing_out     (TxCli *cli, int argc, char **argv);
int       tx_cli_age_limits     (TxCli *cli, int argc, char **argv);
JsonNode *tx_cli_transfer_json  (const TxTransfer *transfer);

/* tx-cli-visits.c */
int       tx_cli_visit       (TxCli *cli, int argc, char **argv);
int       tx_cli_visits      (TxCli *cli, int argc, char **argv);
int       tx_cli_services    (TxCli *cli, int argc, char **argv);
int       tx_cli_urgent      (TxCli *cli, int argc, char **argv);
int       tx_cli_schedule    (TxCli *cli, int argc, char **argv);

/* tx-cli-import.c */
int       tx_cli_import      (TxCli *cli, int argc, char **argv);

/* tx-cli-reports.c */
int       tx_cli_report      (TxCli *cli, int argc, char **argv);

/* tx-cli-lists.c */
int       tx_cli_lists       (TxCli *cli, int argc, char **argv);
int       tx_cli_compare     (TxCli *cli, int argc, char **argv);

/* tx-cli-sync.c */
int       tx_cli_station     (TxCli *cli, int argc, char **argv);
int       tx_cli_bundle      (TxCli *cli, int argc, char **argv);
int       tx_cli_conflicts   (TxCli *cli, int argc, char **argv);
int       tx_cli_duplicates  (TxCli *cli, int argc, char **argv);
int       tx_cli_sync        (TxCli *cli, int argc, char **argv);

G_END_DECLS
