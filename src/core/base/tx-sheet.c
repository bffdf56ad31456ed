/* tx-sheet.c — opening a spreadsheet by its content, the rows a reader
 * gives, and what the xlsx, xls and csv readers share (numbers, dates,
 * errors)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/parser.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tx-sheet-private.h"

G_DEFINE_QUARK (tx-sheet-error-quark, tx_sheet_error)

#define SNIFF_BYTES (64 * 1024)

static const guint8 zip_magic[] = { 'P', 'K', 3, 4 };
static const guint8 ole_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

void
tx_sheet_set_damaged (GError    **error,
                      TxWorkbook *book,
                      const char *sheet,
                      guint       row,
                      const char *detail)
{
  if (sheet && row > 0)
    g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_FORMAT,
                 _("“%s” is damaged: sheet “%s” cannot be read past row %u (%s). Open the file in Excel "
                   "or WPS, save it again, and choose it again."), book->name, sheet, row, detail);
  else if (sheet)
    g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_FORMAT,
                 _("“%s” is damaged: sheet “%s” cannot be read (%s). Open the file in Excel or WPS, save "
                   "it again, and choose it again."), book->name, sheet, detail);
  else
    g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_FORMAT,
                 _("“%s” is damaged and cannot be read (%s). Open the file in Excel or WPS, save it again, "
                   "and choose it again."), book->name, detail);
}

void
tx_sheet_set_encrypted (GError    **error,
                        const char *name)
{
  g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_ENCRYPTED,
               _("“%s” is protected by a password. Open it in Excel or WPS, remove the password, save it, "
                 "and choose it again."), name);
}

void
tx_sheet_set_not_a_sheet (GError    **error,
                          const char *name)
{
  g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_FORMAT,
               _("“%s” is not a spreadsheet that can be read: Excel workbooks (.xlsx, .xls) and CSV "
                 "text files (UTF-8 or GB18030) are. Save it as one of these and choose it again."), name);
}

GsfInput *
tx_sheet_book_input (TxWorkbook *book,
                     GError    **error)
{
  GsfInput *input;
  g_autoptr(GError) local = NULL;

  if (book->bytes)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (book->bytes, &len);

      return gsf_input_memory_new (data, len, FALSE);
    }
  input = gsf_input_stdio_new (book->path, &local);
  if (input == NULL)
    g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_IO,
                 _("“%s” cannot be read (%s). Check that the file is still there and can be opened."),
                 book->name, local ? local->message : g_strerror (EIO));
  return input;
}

/* An OLE2 compound file that holds an "EncryptedPackage" stream is an
 * xlsx workbook protected by a password (ECMA-376 agile or standard
 * encryption); Excel and WPS both write it so */
static gboolean
ole_is_encrypted_package (TxWorkbook *book)
{
  g_autoptr(GsfInput) input = tx_sheet_book_input (book, NULL);
  g_autoptr(GsfInfile) ole = NULL;
  g_autoptr(GsfInput) child = NULL;

  if (input == NULL)
    return FALSE;
  ole = gsf_infile_msole_new (input, NULL);
  if (ole == NULL)
    return FALSE;
  child = gsf_infile_child_by_name (ole, "EncryptedPackage");
  return child != NULL;
}

static TxWorkbook *
open_sniffed (TxWorkbook   *book,
              const guint8 *head,
              gsize         len,
              gboolean      whole,
              GError      **error)
{
  static gsize initialized;

  /* once, before any thread reads: libxml2's tables, libgsf's types */
  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      gsf_init ();
      g_once_init_leave (&initialized, 1);
    }
  if (len >= sizeof zip_magic && memcmp (head, zip_magic, sizeof zip_magic) == 0)
    {
      book->format = TX_SHEET_XLSX;
      book->ops = &tx_sheet_xlsx_ops;
    }
  else if (len >= sizeof ole_magic && memcmp (head, ole_magic, sizeof ole_magic) == 0)
    {
      if (ole_is_encrypted_package (book))
        {
          tx_sheet_set_encrypted (error, book->name);
          tx_workbook_free (book);
          return NULL;
        }
      book->format = TX_SHEET_XLS;
      book->ops = &tx_sheet_xls_ops;
    }
  else if (tx_sheet_csv_sniff (head, len, whole))
    {
      book->format = TX_SHEET_CSV;
      book->ops = &tx_sheet_csv_ops;
    }
  else
    {
      tx_sheet_set_not_a_sheet (error, book->name);
      tx_workbook_free (book);
      return NULL;
    }
  book->sheet_names = g_ptr_array_new_with_free_func (g_free);
  if (!book->ops->open (book, error))
    {
      tx_workbook_free (book);
      return NULL;
    }
  return book;
}

/**
 * tx_workbook_open:
 *
 * Returns: (transfer full) (nullable): the workbook, NULL with @error set
 */
TxWorkbook *
tx_workbook_open (const char *path,
                  GError    **error)
{
  TxWorkbook *book;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree guint8 *head = g_malloc (SNIFF_BYTES);
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  book = g_new0 (TxWorkbook, 1);
  book->path = g_strdup (path);
  book->name = g_path_get_basename (path);
  file = g_file_new_for_path (path);
  in = g_file_read (file, NULL, &local);
  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), head, SNIFF_BYTES, &len, NULL, &local))
    {
      g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_IO,
                   _("“%s” cannot be read (%s). Check that the file is still there and can be opened."),
                   book->name, local->message);
      tx_workbook_free (book);
      return NULL;
    }
  return open_sniffed (book, head, len, len < SNIFF_BYTES, error);
}

/**
 * tx_workbook_open_bytes:
 *
 * Returns: (transfer full) (nullable): the workbook, NULL with @error set
 */
TxWorkbook *
tx_workbook_open_bytes (GBytes     *bytes,
                        const char *name,
                        GError    **error)
{
  TxWorkbook *book;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  book = g_new0 (TxWorkbook, 1);
  book->bytes = g_bytes_ref (bytes);
  book->name = g_strdup (name ? name : "");
  return open_sniffed (book, data ? data : (const guint8 *) "", MIN (len, SNIFF_BYTES),
                       len <= SNIFF_BYTES, error);
}

void
tx_workbook_free (TxWorkbook *book)
{
  if (book == NULL)
    return;
  g_return_if_fail (!book->busy);
  if (book->ops && book->data)
    book->ops->close (book);
  g_clear_pointer (&book->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&book->bytes, g_bytes_unref);
  g_free (book->path);
  g_free (book->name);
  g_free (book);
}

TxSheetFormat
tx_workbook_format (TxWorkbook *book)
{
  return book->format;
}

const char *
tx_workbook_encoding (TxWorkbook *book)
{
  return book->format == TX_SHEET_CSV ? tx_sheet_csv_encoding (book) : NULL;
}

guint
tx_workbook_n_sheets (TxWorkbook *book)
{
  return book->sheet_names->len;
}

const char *
tx_workbook_sheet_name (TxWorkbook *book,
                        guint       index)
{
  g_return_val_if_fail (index < book->sheet_names->len, NULL);
  return book->sheet_names->pdata[index];
}

static void
cell_clear (gpointer data)
{
  TxCell *cell = data;

  g_clear_pointer (&cell->text, g_free);
}

/**
 * tx_sheet_reader_new:
 *
 * Returns: (transfer full) (nullable): a reader of sheet @index
 */
TxSheetReader *
tx_sheet_reader_new (TxWorkbook *book,
                     guint       index,
                     GError    **error)
{
  TxSheetReader *reader;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (!book->busy, NULL);

  if (index >= book->sheet_names->len)
    {
      g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_NO_SHEET,
                   _("“%s” has no sheet number %u: it has %u. Choose one of its sheets."),
                   book->name, index + 1, book->sheet_names->len);
      return NULL;
    }
  reader = g_new0 (TxSheetReader, 1);
  reader->book = book;
  reader->index = index;
  reader->cells = g_array_new (FALSE, TRUE, sizeof (TxCell));
  g_array_set_clear_func (reader->cells, cell_clear);
  book->busy = TRUE;
  if (!book->ops->reader_new (reader, error))
    {
      tx_sheet_reader_free (reader);
      return NULL;
    }
  return reader;
}

void
tx_sheet_reader_clear_cells (TxSheetReader *reader)
{
  g_array_set_size (reader->cells, 0);
}

void
tx_sheet_reader_set_cell (TxSheetReader *reader,
                          guint          column,
                          TxCellKind     kind,
                          char          *text,
                          double         number)
{
  TxCell *cell;

  if (column >= TX_SHEET_MAX_COLUMNS || kind == TX_CELL_EMPTY || text == NULL || text[0] == '\0')
    {
      g_free (text);
      return;
    }
  if (column >= reader->cells->len)
    g_array_set_size (reader->cells, column + 1);
  cell = &g_array_index (reader->cells, TxCell, column);
  g_free (cell->text);
  cell->kind = kind;
  cell->text = text;
  cell->number = number;
}

/* Whether a cell holds more than white space (a space, a full-width
 * space, a tab): rows of such cells alone are blank in a spreadsheet */
static gboolean
cell_is_blank (const TxCell *cell)
{
  if (cell->kind == TX_CELL_EMPTY)
    return TRUE;
  for (const char *p = cell->text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/**
 * tx_sheet_reader_next:
 *
 * Returns: (transfer none) (nullable): the next row with a cell that is
 * not blank, NULL at the end or on an error
 */
const TxSheetRow *
tx_sheet_reader_next (TxSheetReader *reader,
                      GError       **error)
{
  TxWorkbook *book = reader->book;

  for (;;)
    {
      gboolean blank = TRUE;
      guint n;

      tx_sheet_reader_clear_cells (reader);
      if (!book->ops->next (reader, error))
        return NULL;
      n = reader->cells->len;
      for (guint i = 0; i < n && blank; i++)
        blank = cell_is_blank (&g_array_index (reader->cells, TxCell, i));
      if (blank)
        continue;
      while (n > 0 && g_array_index (reader->cells, TxCell, n - 1).kind == TX_CELL_EMPTY)
        n--;
      reader->row.n_cells = n;
      reader->row.cells = (TxCell *) (gpointer) reader->cells->data;
      return &reader->row;
    }
}

double
tx_sheet_reader_fraction (TxSheetReader *reader)
{
  double f = reader->book->ops->fraction (reader);

  return CLAMP (f, 0.0, 1.0);
}

void
tx_sheet_reader_free (TxSheetReader *reader)
{
  if (reader == NULL)
    return;
  reader->book->ops->reader_free (reader);
  reader->book->busy = FALSE;
  g_array_unref (reader->cells);
  g_free (reader);
}

const TxCell *
tx_sheet_row_cell (const TxSheetRow *row,
                   guint             column)
{
  static const TxCell empty = { TX_CELL_EMPTY, NULL, 0 };

  if (row == NULL || column >= row->n_cells)
    return &empty;
  return &row->cells[column];
}

const char *
tx_sheet_row_text (const TxSheetRow *row,
                   guint             column)
{
  const TxCell *cell = tx_sheet_row_cell (row, column);

  return cell->text ? cell->text : "";
}

/**
 * tx_sheet_row_copy:
 *
 * Returns: (transfer full): a copy of @row
 */
TxSheetRow *
tx_sheet_row_copy (const TxSheetRow *row)
{
  TxSheetRow *copy = g_new0 (TxSheetRow, 1);

  copy->number = row->number;
  copy->n_cells = row->n_cells;
  copy->cells = g_new0 (TxCell, MAX (row->n_cells, 1));
  for (guint i = 0; i < row->n_cells; i++)
    {
      copy->cells[i] = row->cells[i];
      copy->cells[i].text = g_strdup (row->cells[i].text);
    }
  return copy;
}

void
tx_sheet_row_free (TxSheetRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n_cells; i++)
    g_free (row->cells[i].text);
  g_free (row->cells);
  g_free (row);
}

char *
tx_sheet_number_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!isfinite (value))
    return g_strdup ("#NUM!");
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value == 0 ? 0.0 : value);
  for (int precision = 15; precision <= 17; precision++)
    {
      g_ascii_formatd (buf, sizeof buf, precision == 15 ? "%.15g" : precision == 16 ? "%.16g" : "%.17g",
                       value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

char *
tx_sheet_serial_date (double   serial,
                      gboolean date1904)
{
  g_autoptr(GDate) date = NULL;
  double days = floor (serial);

  /* 9999-12-31 is Excel's last day */
  if (!isfinite (serial) || days < 0 || days > 2958465)
    return NULL;
  date = g_date_new_dmy (1, G_DATE_JANUARY, 1904);
  if (!date1904)
    {
      /* Excel counts 1900-02-29, which never was: day 60 */
      if (days == 60)
        return g_strdup ("1900-02-29");
      g_date_set_dmy (date, 31, G_DATE_DECEMBER, 1899);
      if (days > 60)
        days--;
    }
  g_date_add_days (date, (guint) days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

gboolean
tx_sheet_date_serial (const char *iso,
                      gboolean    date1904,
                      double     *serial)
{
  unsigned y, m, d;
  GDate date, epoch;
  int days;

  if (sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, d, m, y);
  if (date1904)
    g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1904);
  else
    g_date_set_dmy (&epoch, 31, G_DATE_DECEMBER, 1899);
  days = g_date_days_between (&epoch, &date);
  /* the 1900 system's day 60 is the 1900-02-29 that never was */
  if (!date1904 && days >= 60)
    days++;
  *serial = days;
  return days >= 0;
}
