/* tx-sheet-xls.c — reading an Excel 97–2003 workbook (.xls, BIFF in an
 * OLE2 compound file) by libfreexl, which holds the whole workbook
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sheet"

#include "config.h"

#include <freexl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-sheet-private.h"

typedef struct {
  const void *handle;
  gboolean    date1904;
} Xls;

typedef struct {
  unsigned int   rows;
  unsigned short columns;
  unsigned int   next;      /* 0-based index of the next row */
} XlsSheet;

static const char *
freexl_detail (int ret)
{
  switch (ret)
    {
    case FREEXL_INSUFFICIENT_MEMORY:
      return "out of memory";
    case FREEXL_BIFF_INVALID_SST:
    case FREEXL_BIFF_ILLEGAL_SST_INDEX:
      return "BIFF shared strings";
    case FREEXL_BIFF_WORKBOOK_NOT_FOUND:
      return "no BIFF workbook";
    case FREEXL_CRAFTED_FILE:
      return "crafted file";
    default:
      return ret <= FREEXL_INVALID_CFBF_HEADER && ret >= FREEXL_CFBF_ILLEGAL_FAT_ENTRY ? "OLE2 container" : "BIFF";
    }
}

static gboolean
xls_open (TxWorkbook *book,
          GError    **error)
{
  g_autofree char *tmp = NULL;
  const char *path = book->path;
  Xls *x = g_new0 (Xls, 1);
  unsigned int info = 0;
  int ret;

  book->data = x;
  /* freexl reads a file only: the bytes go to a file of their own, gone
   * once it is read */
  if (book->bytes)
    {
      g_autoptr(GError) local = NULL;
      gsize len;
      const char *data = g_bytes_get_data (book->bytes, &len);
      int fd = g_file_open_tmp ("tongxing-sheet-XXXXXX.xls", &tmp, &local);

      if (fd < 0 || !g_file_set_contents (tmp, data, len, &local))
        {
          if (fd >= 0)
            g_close (fd, NULL);
          g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_IO,
                       _("“%s” cannot be read (%s). Check that the file is still there and can be opened."),
                       book->name, local->message);
          return FALSE;
        }
      g_close (fd, NULL);
      path = tmp;
    }
  ret = freexl_open (path, &x->handle);
  if (tmp)
    g_unlink (tmp);
#ifdef FREEXL_CRYPTED_FILE
  if (ret == FREEXL_CRYPTED_FILE)
    {
      tx_sheet_set_encrypted (error, book->name);
      return FALSE;
    }
#endif
  if (ret != FREEXL_OK)
    {
      tx_sheet_set_damaged (error, book, NULL, 0, freexl_detail (ret));
      return FALSE;
    }
  if (freexl_get_info (x->handle, FREEXL_BIFF_PASSWORD, &info) == FREEXL_OK && info == FREEXL_BIFF_OBFUSCATED)
    {
      tx_sheet_set_encrypted (error, book->name);
      return FALSE;
    }
  if (freexl_get_info (x->handle, FREEXL_BIFF_DATEMODE, &info) == FREEXL_OK)
    x->date1904 = info == FREEXL_BIFF_DATEMODE_1904;
  if (freexl_get_info (x->handle, FREEXL_BIFF_SHEET_COUNT, &info) != FREEXL_OK || info == 0)
    {
      tx_sheet_set_damaged (error, book, NULL, 0, "no sheet");
      return FALSE;
    }
  for (unsigned int i = 0; i < info && i < G_MAXUINT16; i++)
    {
      const char *name = NULL;

      if (freexl_get_worksheet_name (x->handle, (unsigned short) i, &name) != FREEXL_OK || name == NULL)
        name = "";
      g_ptr_array_add (book->sheet_names, g_utf8_make_valid (name, -1));
    }
  return TRUE;
}

static void
xls_close (TxWorkbook *book)
{
  Xls *x = book->data;

  if (x->handle)
    freexl_close (x->handle);
  g_free (x);
  book->data = NULL;
}

static gboolean
xls_reader_new (TxSheetReader *reader,
                GError       **error)
{
  TxWorkbook *book = reader->book;
  Xls *x = book->data;
  XlsSheet *sheet = g_new0 (XlsSheet, 1);
  int ret;

  reader->data = sheet;
  ret = freexl_select_active_worksheet (x->handle, (unsigned short) reader->index);
  if (ret == FREEXL_OK)
    ret = freexl_worksheet_dimensions (x->handle, &sheet->rows, &sheet->columns);
  if (ret != FREEXL_OK)
    {
      tx_sheet_set_damaged (error, book, book->sheet_names->pdata[reader->index], 0, freexl_detail (ret));
      return FALSE;
    }
  sheet->rows = MIN (sheet->rows, TX_SHEET_MAX_ROWS);
  sheet->columns = MIN (sheet->columns, TX_SHEET_MAX_COLUMNS);
  return TRUE;
}

static void
set_value (TxSheetReader          *reader,
           Xls                    *x,
           unsigned short          column,
           const FreeXL_CellValue *value)
{
  double serial = 0;

  switch (value->type)
    {
    case FREEXL_CELL_INT:
      tx_sheet_reader_set_cell (reader, column, TX_CELL_NUMBER, g_strdup_printf ("%d", value->value.int_value),
                                value->value.int_value);
      break;
    case FREEXL_CELL_DOUBLE:
      tx_sheet_reader_set_cell (reader, column, TX_CELL_NUMBER, tx_sheet_number_text (value->value.double_value),
                                value->value.double_value);
      break;
    case FREEXL_CELL_TEXT:
    case FREEXL_CELL_SST_TEXT:
    case FREEXL_CELL_TIME:
      if (value->value.text_value)
        tx_sheet_reader_set_cell (reader, column, TX_CELL_TEXT, g_utf8_make_valid (value->value.text_value, -1), 0);
      break;
    case FREEXL_CELL_DATE:
    case FREEXL_CELL_DATETIME:
      if (value->value.text_value && tx_sheet_date_serial (value->value.text_value, x->date1904, &serial))
        tx_sheet_reader_set_cell (reader, column, TX_CELL_DATE, g_strndup (value->value.text_value, 10), serial);
      else if (value->value.text_value)
        tx_sheet_reader_set_cell (reader, column, TX_CELL_TEXT, g_utf8_make_valid (value->value.text_value, -1), 0);
      break;
    default:
      break;
    }
}

static gboolean
xls_next (TxSheetReader *reader,
          GError       **error)
{
  Xls *x = reader->book->data;
  XlsSheet *sheet = reader->data;
  unsigned int row = sheet->next;

  if (row >= sheet->rows)
    return FALSE;
  sheet->next++;
  reader->row.number = row + 1;
  for (unsigned short c = 0; c < sheet->columns; c++)
    {
      FreeXL_CellValue value;

      if (freexl_get_cell_value (x->handle, row, c, &value) == FREEXL_OK)
        set_value (reader, x, c, &value);
    }
  return TRUE;
}

static double
xls_fraction (TxSheetReader *reader)
{
  XlsSheet *sheet = reader->data;

  return sheet && sheet->rows ? (double) sheet->next / sheet->rows : 1;
}

static void
xls_reader_free (TxSheetReader *reader)
{
  g_free (reader->data);
}

const TxSheetFormatOps tx_sheet_xls_ops = {
  xls_open,
  xls_close,
  xls_reader_new,
  xls_next,
  xls_fraction,
  xls_reader_free,
};
