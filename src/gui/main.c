/* main.c — tongxing
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-application.h"
#include "tx-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(TxApplication) app = NULL;

  tx_core_init ();
  app = tx_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
