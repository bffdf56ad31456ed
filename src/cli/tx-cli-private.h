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

enum { EXIT_OK = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2 };

typedef struct {
  char *db_path;
} Cli;

typedef int (*CommandFunc) (Cli *cli, int argc, char **argv);

void      problem        (const char      *key,
                          const char      *message);
int       usage_error    (GOptionContext  *ctx,
                          const char      *message);
gboolean  parse_options  (GOptionContext  *ctx,
                          int             *argc,
                          char          ***argv,
                          int             *status);
TxStore  *open_store     (Cli             *cli);
int       store_failure  (const GError    *error);
void      print_json     (JsonNode        *node);
JsonObject *tx_cli_read_json_object (const char  *file,
                                     JsonParser  *parser);
void      tx_cli_append_cell (GString     *line,
                              const char  *text,
                              int          width);
gboolean  tx_cli_month_range (const char  *month,
                              char       **from,
                              char       **to);

/* tx-cli-children.c */
int       tx_cli_child       (Cli *cli, int argc, char **argv);

/* tx-cli-visits.c */
int       tx_cli_visit       (Cli *cli, int argc, char **argv);
int       tx_cli_visits      (Cli *cli, int argc, char **argv);
int       tx_cli_services    (Cli *cli, int argc, char **argv);
int       tx_cli_urgent      (Cli *cli, int argc, char **argv);
int       tx_cli_schedule    (Cli *cli, int argc, char **argv);

/* tx-cli-reports.c */
int       tx_cli_report      (Cli *cli, int argc, char **argv);

/* tx-cli-sync.c */
int       tx_cli_station     (Cli *cli, int argc, char **argv);
int       tx_cli_bundle      (Cli *cli, int argc, char **argv);
int       tx_cli_conflicts   (Cli *cli, int argc, char **argv);
int       tx_cli_duplicates  (Cli *cli, int argc, char **argv);
int       tx_cli_sync        (Cli *cli, int argc, char **argv);

G_END_DECLS
