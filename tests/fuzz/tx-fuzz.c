/* tx-fuzz.c — a station for the fuzz targets, and the replay of a corpus
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include "tx-fuzz.h"
#include "../tx-test-login.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* A township station with a few children, trusting the township whose
 * identity is in the corpus folder ($TX_FUZZ_IDENTITY, with its
 * fingerprint in $TX_FUZZ_FINGERPRINT) */
TxStore *
tx_fuzz_store (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("tongxing-fuzz-XXXXXX", NULL);
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  const char *identity = g_getenv ("TX_FUZZ_IDENTITY");
  g_autoptr(GError) error = NULL;
  TxStore *store;

  g_setenv ("TONGXING_TODAY", "2026-11-25", TRUE);
  tx_core_init ();
  store = tx_test_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (store, "220102", "220102002", NULL, &error));
  g_assert_true (tx_demo_generate (store, 20, 7, NULL, NULL, &error));
  if (identity)
    {
      g_autofree char *text = NULL;
      gsize len;
      g_autoptr(TxStation) s = NULL;

      g_assert_true (g_file_get_contents (identity, &text, &len, &error));
      s = tx_station_trust (store, text, len, g_getenv ("TX_FUZZ_FINGERPRINT"), &error);
      g_assert_no_error (error);
    }
  return store;
}

void
tx_fuzz_sheets (const uint8_t *data,
                size_t         size,
                const char    *name)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxWorkbook) book = tx_workbook_open_bytes (bytes, name, &error);

  g_assert ((book == NULL) == (error != NULL));
  if (book == NULL)
    return;
  for (guint i = 0; i < tx_workbook_n_sheets (book); i++)
    {
      g_autoptr(TxSheetReader) reader = tx_sheet_reader_new (book, i, &error);
      const TxSheetRow *row;

      g_assert ((reader == NULL) == (error != NULL));
      g_clear_error (&error);
      if (reader == NULL)
        continue;
      g_assert_nonnull (tx_workbook_sheet_name (book, i));
      while ((row = tx_sheet_reader_next (reader, &error)))
        {
          g_assert (row->number >= 1 && row->number <= 1048576);
          g_assert (row->n_cells >= 1 && row->n_cells <= 16384);
          for (guint c = 0; c < row->n_cells; c++)
            g_assert (row->cells[c].kind == TX_CELL_EMPTY || g_utf8_validate (row->cells[c].text, -1, NULL));
          g_assert (tx_sheet_reader_fraction (reader) >= 0 && tx_sheet_reader_fraction (reader) <= 1);
        }
      g_clear_error (&error);
    }
}

#ifndef TX_LIBFUZZER
static void
replay (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    g_error ("cannot read %s", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
}

/* Replays every file given, and every file of every folder given */
int
main (int argc, char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) d = g_dir_open (argv[i], 0, NULL);
          const char *entry;
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          while (d && (entry = g_dir_read_name (d)))
            g_ptr_array_add (names, g_build_filename (argv[i], entry, NULL));
          g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
          for (guint k = 0; k < names->len; k++, n++)
            replay (names->pdata[k]);
        }
      else
        {
          replay (argv[i]);
          n++;
        }
    }
  printf ("%u inputs replayed, none crashed\n", n);
  return 0;
}
#endif
