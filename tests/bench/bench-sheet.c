/* bench-sheet.c — how fast the spreadsheet reader goes, in how much memory,
 * and LibreOffice for scale
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * bench-sheet [--rows N]... [--no-libreoffice] writes a ledger of N rows (5,000 and 200,000
 * unless told) with libxlsxwriter, as Excel keeps one (shared strings, date
 * cells, numbers), in a child process so that its memory is not counted;
 * then reads every row of it with tx_sheet_reader_next() and prints rows
 * per second and the peak resident memory (getrusage). When LibreOffice is
 * installed (and --no-libreoffice is not given) it times `soffice --headless --convert-to csv` on the same
 * file, and the ratio; the CSV it makes is read too. Figures, not tests:
 * nothing fails.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "tx-sheet.h"

static const char *villages[] = { "城关村", "河西村", "新华村", "红星村", "柳树湾村", "石桥村" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static long
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

/* A ledger of n rows: a title, a header, then a child a row */
static int
write_ledger (const char *path,
              guint       n)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *ws = workbook_add_worksheet (wb, "台账");
  lxw_format *date = workbook_add_format (wb);
  const char *header[] = { "序号", "姓名", "身份证号", "出生日期", "性别", "村（社区）", "联系电话", "备注" };
  GRand *rand = g_rand_new_with_seed (14);

  format_set_num_format (date, "yyyy\"年\"m\"月\"d\"日\"");
  worksheet_write_string (ws, 0, 0, "2026年留守儿童信息台账", NULL);
  for (guint c = 0; c < G_N_ELEMENTS (header); c++)
    worksheet_write_string (ws, 1, c, header[c], NULL);
  for (guint i = 0; i < n; i++)
    {
      lxw_datetime birth = { 2008 + g_rand_int_range (rand, 0, 16), g_rand_int_range (rand, 1, 13),
                             g_rand_int_range (rand, 1, 29), 0, 0, 0 };
      char name[32], id[32], phone[16];
      lxw_row_t row = i + 2;

      g_snprintf (name, sizeof name, "儿童%06u", i);
      g_snprintf (id, sizeof id, "511323%04d%02d%02d%03u%c", birth.year, birth.month, birth.day, i % 1000,
                  "0123456789X"[i % 11]);
      g_snprintf (phone, sizeof phone, "138%08u", g_rand_int_range (rand, 0, 100000000));
      worksheet_write_number (ws, row, 0, i + 1, NULL);
      worksheet_write_string (ws, row, 1, name, NULL);
      worksheet_write_string (ws, row, 2, id, NULL);
      worksheet_write_datetime (ws, row, 3, &birth, date);
      worksheet_write_string (ws, row, 4, i % 2 ? "女" : "男", NULL);
      worksheet_write_string (ws, row, 5, villages[i % G_N_ELEMENTS (villages)], NULL);
      worksheet_write_string (ws, row, 6, phone, NULL);
      if (i % 7 == 0)
        worksheet_write_string (ws, row, 7, "父母均在外务工，由祖父母照看", NULL);
    }
  g_rand_free (rand);
  return workbook_close (wb) == LXW_NO_ERROR ? 0 : 1;
}

/* Reads every row; the count of rows, or -1 */
static long
read_all (const char *path,
          double     *seconds)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(TxWorkbook) book = tx_workbook_open (path, &error);
  g_autoptr(TxSheetReader) reader = NULL;
  long n = 0;

  if (book)
    reader = tx_sheet_reader_new (book, 0, &error);
  if (reader == NULL)
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return -1;
    }
  while (tx_sheet_reader_next (reader, &error))
    n++;
  if (error)
    {
      fprintf (stderr, "%s: %s\n", path, error->message);
      return -1;
    }
  *seconds = seconds_since (start);
  return n;
}

static double
run_soffice (const char *soffice,
             const char *input,
             const char *outdir)
{
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", outdir);
  const char *argv[] = { soffice, profile, "--headless", "--convert-to", "csv", "--outdir", outdir, input, NULL };
  gint64 start = g_get_monotonic_time ();
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) || !g_spawn_check_wait_status (status, NULL))
    return -1;
  return seconds_since (start);
}

static void
bench (const char *tmp,
       guint       n,
       const char *soffice)
{
  g_autofree char *base = g_strdup_printf ("ledger-%u", n);
  g_autofree char *xlsx_name = g_strconcat (base, ".xlsx", NULL);
  g_autofree char *csv_name = g_strconcat (base, ".csv", NULL);
  g_autofree char *xlsx = g_build_filename (tmp, xlsx_name, NULL);
  g_autofree char *csv = g_build_filename (tmp, csv_name, NULL);
  GStatBuf st;
  double t = 0, t_csv = 0, t_lo;
  long rows, csv_rows, rss_before;
  pid_t pid;
  int status = 0;

  /* written in a child, so that its memory is not this process's peak */
  pid = fork ();
  if (pid == 0)
    _exit (write_ledger (xlsx, n));
  if (pid < 0 || waitpid (pid, &status, 0) < 0 || !WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      fprintf (stderr, "cannot write %s\n", xlsx);
      return;
    }
  g_stat (xlsx, &st);
  rss_before = peak_rss_kb ();
  rows = read_all (xlsx, &t);
  if (rows < 0)
    return;
  printf ("xlsx, %u children (%.1f MiB): %ld rows in %.3f s, %.0f rows/s; peak RSS %.1f MiB (%.1f MiB before)\n",
          n, st.st_size / 1048576.0, rows, t, rows / t, peak_rss_kb () / 1024.0, rss_before / 1024.0);
  if (soffice == NULL)
    {
      printf ("  LibreOffice is not installed: no comparison\n");
      return;
    }
  t_lo = run_soffice (soffice, xlsx, tmp);
  if (t_lo < 0)
    {
      printf ("  soffice --convert-to csv failed\n");
      return;
    }
  csv_rows = read_all (csv, &t_csv);
  printf ("  soffice --headless --convert-to csv: %.2f s, %.0fx our read; its CSV read back: %ld rows in %.3f s, "
          "%.0f rows/s\n", t_lo, t_lo / t, csv_rows, t_csv, csv_rows / t_csv);
}

int
main (int argc, char *argv[])
{
  g_auto(GStrv) counts = NULL;
  gboolean no_soffice = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_STRING_ARRAY, &counts, "The ledger's children (5000 and 200000 unless told)", "N" },
    { "no-libreoffice", 0, 0, G_OPTION_ARG_NONE, &no_soffice, "Leave LibreOffice out", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *soffice = NULL;
  const char *defaults[] = { "5000", "200000", NULL };

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    {
      fprintf (stderr, "usage: bench-sheet [--rows N]... [--no-libreoffice]\n");
      return 2;
    }
  if (!no_soffice)
    soffice = g_find_program_in_path ("soffice");
  tmp = g_dir_make_tmp ("tongxing-bench-XXXXXX", &error);
  g_assert_no_error (error);
  for (const char **c = counts ? (const char **) counts : defaults; *c; c++)
    bench (tmp, (guint) g_ascii_strtoull (*c, NULL, 10), soffice);
  {
    /* the files and LibreOffice's profile */
    const char *rm[] = { "rm", "-rf", tmp, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  return 0;
}
