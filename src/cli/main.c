/* main.c — tongxing-cli
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-cli.h"
#include "tx-core.h"

int
main (int   argc,
      char *argv[])
{
  tx_core_init ();
  return tx_cli_run (argc, argv);
}
