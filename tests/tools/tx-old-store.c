/* tx-old-store.c — makes a store of an earlier schema version
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the tests in Python of what a migration does to a store people have
 * (tests/test-register.py): creates DATABASE with the migrations up to
 * VERSION only, as that version of Tongxing made it, and closes it. The
 * test then writes its rows straight into the tables, as that version
 * did, and opens the store with tongxing-cli, which migrates it.
 *
 *   tx-old-store DATABASE VERSION
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tx-core.h"
#include "tx-store-private.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  gint64 version;

  if (argc != 3 || !g_ascii_string_to_signed (argv[2], 10, 1, TX_STORE_SCHEMA_VERSION, &version, NULL))
    {
      fprintf (stderr, "usage: %s DATABASE VERSION (1 to %d)\n", argv[0], TX_STORE_SCHEMA_VERSION);
      return 2;
    }
  tx_core_init ();
  if (!(store = tx_store_open_at_version (argv[1], version, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("schema %d\n", tx_store_get_schema_version (store));
  return 0;
}
