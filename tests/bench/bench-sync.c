/* bench-sync.c — bundles of a township and of a county: time, size, memory
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-sync [--children N] [--db PATH]
 *
 * Makes (or opens, with --db) a station with N demo children and their
 * visits, a second station that trusts it, then times a full bundle from
 * the first to the second, its import, and `sha256sum` over the same
 * bytes, and prints the ratios and the memory: the peak before, after the
 * export and after the import (a streamed bundle does not grow it).
 */

#include "config.h"

#include "tx-bench-util.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tx-core.h"
#include "../tx-test-login.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static TxStore *
open_station (const char *path,
              const char *township,
              int         children)
{
  g_autoptr(GError) error = NULL;
  TxStore *store = tx_test_open (path, &error);
  TxChildQuery all = { .register_filter = TX_REGISTER_FILTER_ALL };
  gint64 have;

  g_assert_no_error (error);
  if (!tx_store_is_set_up (store))
    g_assert_true (tx_station_init_workstation (store, "220102", township, NULL, &error));
  g_assert_true (tx_station_ensure_keys (store, &error));
  have = tx_store_child_count (store, &all, NULL);
  if (children > have)
    {
      printf ("making %" G_GINT64_FORMAT " demo children first…\n", children - have);
      g_assert_true (tx_demo_generate (store, children - have, 1, NULL, NULL, &error));
    }
  return store;
}

static void
trust (TxStore *store,
       TxStore *other)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tx_station_identity_text (other, &error);
  g_autoptr(TxStation) s = tx_station_self (other, &error);
  g_autoptr(TxStation) t = tx_station_trust (store, text, strlen (text), s->fingerprint, &error);

  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int children = 5000;
  g_autofree char *db = NULL;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &children, "Children in the sending station", "N" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The sending station (made if it has fewer children)", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("tongxing-bench-sync-XXXXXX", NULL);
  g_autofree char *to_path = g_build_filename (tmp, "county.db", NULL);
  g_autofree char *bundle = g_build_filename (tmp, "bundle.txb", NULL);
  g_autofree char *from_path = NULL;
  g_autoptr(TxStore) from = NULL, to = NULL;
  g_autoptr(TxStation) to_self = NULL;
  g_autoptr(TxBundleInfo) out = NULL, in = NULL;
  g_autofree char *cmd = NULL;
  GStatBuf st;
  gint64 t;
  double t_export, t_import, t_sha;
  long hwm_start, hwm_export, hwm_import;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  tx_core_init ();
  from_path = db ? g_strdup (db) : g_build_filename (tmp, "township.db", NULL);
  from = open_station (from_path, "220102001", children);
  to = open_station (to_path, NULL, 0);
  trust (from, to);
  trust (to, from);
  to_self = tx_station_self (to, &error);
  {
    TxChildQuery all = { .register_filter = TX_REGISTER_FILTER_ALL };
    printf ("Tongxing bundle benchmark: %" G_GINT64_FORMAT " children\n", tx_store_child_count (from, &all, NULL));
  }

  hwm_start = tx_bench_status_kb ("VmHWM:");
  t = g_get_monotonic_time ();
  out = tx_bundle_export (from, to_self->id, TRUE, bundle, NULL, &error);
  g_assert_no_error (error);
  t_export = seconds_since (t);
  hwm_export = tx_bench_status_kb ("VmHWM:");
  g_stat (bundle, &st);

  cmd = g_strdup_printf ("sha256sum '%s' > /dev/null", bundle);
  t = g_get_monotonic_time ();
  g_assert_cmpint (system (cmd), ==, 0);
  t_sha = seconds_since (t);

  t = g_get_monotonic_time ();
  in = tx_bundle_import (to, bundle, NULL, &error);
  g_assert_no_error (error);
  t_import = seconds_since (t);
  hwm_import = tx_bench_status_kb ("VmHWM:");

  printf ("  bundle: %u children, %u visits, %u urgent cases, %u services; %.1f MB\n",
          out->counts.children, out->counts.visits, out->counts.urgent_cases, out->counts.services,
          st.st_size / 1e6);
  printf ("  export (full)        %8.2f s   %6.1f× sha256sum\n", t_export, t_export / t_sha);
  printf ("  import               %8.2f s   %6.1f× sha256sum\n", t_import, t_import / t_sha);
  printf ("  sha256sum            %8.3f s\n", t_sha);
  printf ("  peak RSS: before %.0f MB, after export %.0f MB, after import %.0f MB\n",
          hwm_start / 1024.0, hwm_export / 1024.0, hwm_import / 1024.0);
  printf ("  import result: %u new, %u updated, %u unchanged\n", in->counts.added, in->counts.updated,
          in->counts.unchanged);

  g_clear_object (&to);
  g_unlink (bundle);
  g_unlink (to_path);
  g_autofree char *key = g_strconcat (to_path, ".key", NULL);
  g_unlink (key);
  if (!db)
    {
      g_autofree char *fkey = g_strconcat (from_path, ".key", NULL);
      g_clear_object (&from);
      g_unlink (from_path);
      g_unlink (fkey);
    }
  return 0;
}
