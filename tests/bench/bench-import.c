/* bench-import.c — how long bringing a township's ledger in takes
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-import [--children N] makes a demo store of N children (default
 * 5,000), writes its ledger (every field of the form, as a township's
 * ledger is) to xlsx, then times on a fresh store: opening the ledger and
 * finding its header, the dry run, and the import of every row (new
 * children); and on the demo store again, the dry run of the same ledger
 * (every row an update of a registered child). The peak memory is printed
 * with each. When LibreOffice is installed, its conversion of the same
 * xlsx to CSV is timed for scale. Figures, not tests: nothing fails.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "tx-bench-util.h"
#include "tx-core.h"
#include "../tx-test-login.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static TxStore *
new_store (const char  *dir,
           const char  *name,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  TxStore *store = tx_test_open (path, error);

  if (store && !tx_store_init_workstation (store, "220102", "220102001", NULL, error))
    g_clear_object (&store);
  return store;
}

/* Opens, plans and (when @apply) imports; prints the figures */
static gboolean
run (TxStore    *store,
     const char *ledger,
     gboolean    apply,
     const char *what,
     GError    **error)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(TxIntakeSource) source = tx_intake_source_open (ledger, -1, error);
  g_autoptr(TxImportPlan) plan = NULL;
  double t_open, t_plan, t_apply = 0;
  gint64 batch = 0;

  if (source == NULL)
    return FALSE;
  t_open = seconds_since (start);
  start = g_get_monotonic_time ();
  if (!(plan = tx_import_plan_new (store, source, NULL, NULL, NULL, error)))
    return FALSE;
  t_plan = seconds_since (start);
  if (apply)
    {
      start = g_get_monotonic_time ();
      if (!tx_import_plan_apply (store, plan, &batch, NULL, NULL, NULL, error))
        return FALSE;
      t_apply = seconds_since (start);
    }
  printf ("%s: %u rows (%u new, %u updates, %u possible duplicates, %u refused)\n", what, plan->rows->len,
          plan->counts[TX_IMPORT_NEW], plan->counts[TX_IMPORT_UPDATE], plan->counts[TX_IMPORT_DUPLICATE],
          plan->counts[TX_IMPORT_REFUSED]);
  printf ("  open and find the header %.2f s · dry run %.2f s (%.0f rows/s)", t_open, t_plan,
          plan->rows->len / MAX (t_plan, 1e-6));
  if (apply)
    printf (" · import %.2f s · dry run and import %.2f s", t_apply, t_plan + t_apply);
  printf (" · peak RSS %ld MB\n", tx_bench_status_kb ("VmHWM:") / 1024);
  return TRUE;
}

int
main (int argc, char *argv[])
{
  int children = 5000;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &children, "Children in the ledger (default 5000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) demo = NULL;
  g_autoptr(TxStore) fresh = NULL;
  g_autofree char *tmp = NULL, *ledger = NULL, *soffice = NULL;
  TxChildQuery everyone = { 0 };
  guint n = 0;
  GStatBuf st;
  gint64 start;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "usage: bench-import [--children N]\n");
      return 2;
    }
  tx_core_init ();
  tmp = g_dir_make_tmp ("tongxing-bench-XXXXXX", &error);
  ledger = g_build_filename (tmp, "ledger.xlsx", NULL);
  start = g_get_monotonic_time ();
  if (!(demo = new_store (tmp, "demo.db", &error)) ||
      !tx_demo_generate (demo, children, 7, NULL, NULL, &error) ||
      !tx_report_ledger_xlsx (demo, TX_LEDGER_ALL, &everyone, ledger, &n, NULL, &error))
    goto failed;
  g_stat (ledger, &st);
  printf ("the ledger of a demo of %u children: %.1f MB, %d columns (made in %.1f s)\n", n,
          st.st_size / 1e6, tx_form_get ()->n_fields + 6, seconds_since (start));

  if (!(fresh = new_store (tmp, "fresh.db", &error)) ||
      !run (fresh, ledger, TRUE, "into an empty store", &error) ||
      !run (demo, ledger, FALSE, "onto the store it came from", &error))
    goto failed;

  if ((soffice = g_find_program_in_path ("soffice")))
    {
      g_autofree char *profile = g_strconcat ("-env:UserInstallation=file://", tmp, "/lo", NULL);
      const char *args[] = { soffice, "--headless", profile, "--convert-to", "csv", "--outdir", tmp, ledger, NULL };
      int status = 0;
      double t;

      start = g_get_monotonic_time ();
      if (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, NULL, NULL, &status, NULL) && g_spawn_check_wait_status (status, NULL))
        {
          t = seconds_since (start);
          printf ("LibreOffice converting the same xlsx to CSV: %.2f s\n", t);
        }
    }
  g_clear_object (&demo);
  g_clear_object (&fresh);
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmp);
    (void) system (cmd);
  }
  return 0;

failed:
  fprintf (stderr, "bench-import: %s\n", error ? error->message : "failed");
  return 1;
}
