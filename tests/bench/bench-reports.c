/* bench-reports.c — how long the reports take, and LibreOffice for scale
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-reports --db PATH [--month YYYY-MM] [--village CODE] times, on a
 * store of a county's children (the one bench-store --keep leaves):
 *
 * - the ledger of every child to xlsx, with the peak memory it took;
 * - the monthly visit log of a village to PDF;
 * - the registration forms of 1,000 children to one PDF (a demo store of
 *   1,000 made for it);
 *
 * then, when LibreOffice is installed, LibreOffice making the same ledger
 * from CSV and the same log as PDF from CSV (`soffice --headless
 * --convert-to`), and the ratios. Figures, not tests: nothing fails.
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

/* The CSV LibreOffice is given: the same rows and columns as our file */
static gboolean
write_csv_row (TxRecord *r,
               gpointer  user_data)
{
  GString *csv = user_data;
  const TxForm *form = tx_form_get ();

  for (guint i = 0; i < form->n_fields; i++)
    {
      g_autofree char *v = tx_record_display_value (r, i);
      g_autofree char *quoted = NULL;
      g_auto(GStrv) parts = g_strsplit (v, "\"", -1);

      quoted = g_strjoinv ("\"\"", parts);
      g_string_append_printf (csv, "%s\"%s\"", i ? "," : "", quoted);
    }
  g_string_append_c (csv, '\n');
  return TRUE;
}

static double
run_soffice (const char *soffice,
             const char *format,
             const char *input,
             const char *outdir)
{
  const char *argv[] = { soffice, "--headless", "--convert-to", format, "--outdir", outdir, input, NULL };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error) || !g_spawn_check_wait_status (status, NULL))
    return -1;
  return seconds_since (start);
}

int
main (int argc, char *argv[])
{
  g_autofree char *db = NULL, *month = NULL, *village = NULL;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The store of a county (bench-store --keep)", "PATH" },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, "The visit log's month (default 2025-01)", "YYYY-MM" },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, "The visit log's village (default the first)", "CODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *tmp = NULL, *ledger = NULL, *log = NULL, *forms = NULL, *soffice = NULL;
  TxChildQuery everyone = { 0 };
  guint year = 2025, mon = 1, n = 0;
  double t_ledger, t_log, t_forms;
  long hwm_before;
  gint64 start;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || db == NULL)
    {
      fprintf (stderr, "usage: bench-reports --db PATH [--month YYYY-MM] [--village CODE]\n");
      return 2;
    }
  if (month && sscanf (month, "%u-%u", &year, &mon) != 2)
    return 2;
  tx_core_init ();
  tmp = g_dir_make_tmp ("tongxing-bench-XXXXXX", &error);
  g_assert_no_error (error);
  ledger = g_build_filename (tmp, "ledger.xlsx", NULL);
  log = g_build_filename (tmp, "visits.pdf", NULL);
  forms = g_build_filename (tmp, "forms.pdf", NULL);
  store = tx_test_open (db, &error);
  g_assert_no_error (error);
  if (village == NULL)
    {
      g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
      g_autoptr(GPtrArray) villages = tx_division_children (township);
      village = g_strdup (villages && villages->len ? ((TxDivision *) villages->pdata[0])->code : "");
    }

  printf ("Tongxing reports benchmark: %s\n", db);
  hwm_before = tx_bench_status_kb ("VmHWM:");
  start = g_get_monotonic_time ();
  g_assert_true (tx_report_ledger_xlsx (store, TX_LEDGER_ALL, &everyone, ledger, &n, NULL, &error));
  t_ledger = seconds_since (start);
  printf ("ledger of %u children to xlsx            %7.2f s, peak RSS %ld MB (before: %ld MB)\n", n, t_ledger,
          tx_bench_status_kb ("VmHWM:") / 1024, hwm_before / 1024);

  start = g_get_monotonic_time ();
  g_assert_true (tx_report_visit_log_pdf (store, year, mon, village, NULL, log, &n, NULL, &error));
  t_log = seconds_since (start);
  printf ("visit log of %u visits (%04u-%02u, %s) to PDF %7.2f s\n", n, year, mon, village, t_log);

  {
    g_autofree char *small = g_build_filename (tmp, "forms.db", NULL);
    g_autoptr(TxStore) s = tx_test_open (small, &error);

    g_assert_true (tx_station_init_workstation (s, "220102", "220102001", NULL, &error));
    g_assert_true (tx_demo_generate (s, 1000, 5, NULL, NULL, &error));
    start = g_get_monotonic_time ();
    g_assert_true (tx_report_forms_pdf (s, NULL, &everyone, forms, &n, NULL, &error));
    t_forms = seconds_since (start);
    printf ("registration forms of %u children to PDF  %7.2f s\n", n, t_forms);
  }

  soffice = g_find_program_in_path ("soffice");
  if (soffice == NULL)
    printf ("LibreOffice: not installed, no comparison (apt-get install libreoffice-calc)\n");
  else
    {
      g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF");
      g_autofree char *ledger_csv = g_build_filename (tmp, "ledger-lo.csv", NULL);
      g_autofree char *log_csv = g_build_filename (tmp, "visits-lo.csv", NULL);
      g_autofree char *from = g_strdup_printf ("%04u-%02u-01", year, mon);
      g_autofree char *to = g_strdup_printf ("%04u-%02u-31", year, mon);
      g_autoptr(GPtrArray) rows = tx_store_visit_log (store, from, to, village, NULL, &error);
      g_autoptr(GString) vcsv = g_string_new ("\xEF\xBB\xBF");
      double lo_ledger, lo_log;

      g_assert_true (tx_store_child_foreach (store, &everyone, write_csv_row, csv, NULL, &error));
      g_assert_true (g_file_set_contents (ledger_csv, csv->str, csv->len, &error));
      for (guint i = 0; rows && i < rows->len; i++)
        {
          TxLogRow *r = rows->pdata[i];
          g_string_append_printf (vcsv, "\"%s\",\"%s\",\"%s\",\"%s\",\"%s\",\"%s\"\n", r->visit->date, r->name,
                                  r->visit->visitor ? r->visit->visitor : "", r->visit->kind,
                                  r->visit->living ? r->visit->living : "", r->next_visit_due ? r->next_visit_due : "");
        }
      g_assert_true (g_file_set_contents (log_csv, vcsv->str, vcsv->len, &error));
      lo_ledger = run_soffice (soffice, "xlsx", ledger_csv, tmp);
      lo_log = run_soffice (soffice, "pdf", log_csv, tmp);
      printf ("LibreOffice: ledger from CSV to xlsx     %7.2f s (%.1f× ours)\n", lo_ledger, lo_ledger / t_ledger);
      printf ("LibreOffice: visit log from CSV to PDF   %7.2f s (%.1f× ours)\n", lo_log, lo_log / t_log);
    }

  {
    const char *names[] = { "ledger.xlsx", "visits.pdf", "forms.pdf", "forms.db", "forms.db-wal", "forms.db-shm",
                            "ledger-lo.csv", "visits-lo.csv", "ledger-lo.xlsx", "visits-lo.pdf" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *p = g_build_filename (tmp, names[i], NULL);
        g_unlink (p);
      }
    g_rmdir (tmp);
  }
  return 0;
}
