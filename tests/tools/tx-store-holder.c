/* tx-store-holder.c — a program that holds a store open as the window does
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For tests of two processes on one store (tests/test-processes.py): opens
 * the store three times, as the window opens its own connection and its two
 * workers' ones, then reads commands from standard input, one a line:
 *
 *   add NAME   registers a draft child called NAME through the second
 *              connection and prints "saved ID" once it is committed
 *   count      prints "count N", the children the first connection sees
 *   look       looks at every file of the store's folder as a file chooser
 *              does (GIO reads the first bytes of each to tell its type, with
 *              a descriptor of its own that it then closes), prints "looked"
 *   quit       closes the store
 *
 * The test kills it with SIGKILL between commands, as a power cut would.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tx-core.h"
#include "../tx-test-login.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) main_store = NULL;
  g_autoptr(TxStore) worker = NULL;
  g_autoptr(TxStore) reports = NULL;
  char line[256];

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATABASE\n", argv[0]);
      return 2;
    }
  tx_core_init ();
  if (!(main_store = tx_test_open (argv[1], &error)) ||
      !(worker = tx_test_open (argv[1], &error)) ||
      !(reports = tx_test_open (argv[1], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);

  while (fgets (line, sizeof line, stdin))
    {
      g_strchomp (line);
      if (g_str_has_prefix (line, "add "))
        {
          g_autoptr(TxRecord) r = tx_record_new ();
          g_autofree char *id = NULL;

          tx_record_set_key (r, "name", line + 4);
          id = tx_store_child_add (worker, r, TRUE, NULL, &error);
          if (id == NULL)
            {
              printf ("error %s\n", error->message);
              g_clear_error (&error);
            }
          else
            printf ("saved %s\n", id);
        }
      else if (g_str_equal (line, "count"))
        printf ("count %" G_GINT64_FORMAT "\n",
                tx_store_child_count (main_store, &(TxChildQuery) { 0 }, NULL));
      else if (g_str_equal (line, "look"))
        {
          g_autofree char *dir = g_path_get_dirname (argv[1]);
          g_autoptr(GFile) folder = g_file_new_for_path (dir);
          g_autoptr(GFileEnumerator) e = g_file_enumerate_children (folder, "standard::name",
                                                                    G_FILE_QUERY_INFO_NONE, NULL, NULL);
          GFileInfo *info;

          while (e && (info = g_file_enumerator_next_file (e, NULL, NULL)))
            {
              g_autoptr(GFile) f = g_file_get_child (folder, g_file_info_get_name (info));
              g_autoptr(GFileInfo) typed = g_file_query_info (f, "standard::content-type",
                                                              G_FILE_QUERY_INFO_NONE, NULL, NULL);
              g_object_unref (info);
            }
          printf ("looked\n");
        }
      else if (g_str_equal (line, "quit"))
        break;
      fflush (stdout);
    }
  return 0;
}
