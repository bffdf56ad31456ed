/* tx-sheet-csv.c — reading a CSV text file: its encoding (UTF-8 with or
 * without a byte-order mark, else GB18030) and its delimiter (a comma, a
 * semicolon or a tab) found from its start, its records streamed with
 * RFC 4180 quoting
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sheet"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-sheet-private.h"

#define HEAD_BYTES   (64 * 1024)
#define BUFFER_BYTES (64 * 1024)
#define SNIFF_LINES  20

static const char bom[] = "\xEF\xBB\xBF";

typedef struct {
  const char *encoding;
  char        delimiter;
} Csv;

typedef struct {
  GInputStream *base;       /* the file's bytes */
  GInputStream *in;         /* as UTF-8 */
  goffset       size;
  char         *buf;
  gsize         pos, len;
  gboolean      eof, done;
  guint         record;
  GString      *field;
} CsvSheet;

/* Whether a text has control characters no CSV file holds */
static gboolean
has_binary (const guint8 *p,
            gsize         len)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' && p[i] != '\f' && p[i] != 0x1A)
      return TRUE;
  return FALSE;
}

/* Whether the bytes from p on are the start of one UTF-8 character */
static gboolean
utf8_cut (const guint8 *p,
          gsize         left)
{
  gsize need;

  if (left == 0 || left > 3)
    return FALSE;
  need = p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
  if (need == 0 || p[0] > 0xF4 || left >= need)
    return FALSE;
  for (gsize i = 1; i < left; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

static gboolean
is_gb18030 (const guint8 *head,
            gsize         len,
            gboolean      whole)
{
  GIConv cd = g_iconv_open ("UTF-8", "GB18030");
  char out[4096];
  gchar *in = (gchar *) head;
  gsize in_left = len;
  gboolean ok = TRUE;

  if (cd == (GIConv) -1)
    return FALSE;
  while (in_left > 0)
    {
      gchar *o = out;
      gsize out_left = sizeof out;

      if (g_iconv (cd, &in, &in_left, &o, &out_left) == (gsize) -1 && errno != E2BIG)
        {
          /* a character cut at the end of what was read */
          ok = errno == EINVAL && !whole && in_left < 4;
          break;
        }
    }
  g_iconv_close (cd);
  return ok;
}

const char *
tx_sheet_csv_sniff (const guint8 *head,
                    gsize         len,
                    gboolean      whole)
{
  const char *end;

  if (len >= 3 && memcmp (head, bom, 3) == 0)
    return has_binary (head, len) ? NULL : "UTF-8 (BOM)";
  if (has_binary (head, len))
    return NULL;
  if (g_utf8_validate ((const char *) head, len, &end)
      || (!whole && utf8_cut ((const guint8 *) end, len - (gsize) (end - (const char *) head))))
    return "UTF-8";
  if (is_gb18030 (head, len, whole))
    return "GB18030";
  return NULL;
}

/* The delimiter the first records use most: on most lines, then most
 * often; a comma when none is there. The bytes may be GB18030, whose
 * multi-byte characters hold none of these. */
static char
find_delimiter (const guint8 *head,
                gsize         len)
{
  static const char candidates[] = { ',', ';', '\t' };
  guint lines[3] = { 0 }, total[3] = { 0 }, in_line[3] = { 0 };
  gboolean quoted = FALSE;
  guint n_lines = 0;
  int best = 0;

  for (gsize i = 0; i < len && n_lines < SNIFF_LINES; i++)
    {
      char c = (char) head[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r' || i + 1 == len))
        {
          for (int k = 0; k < 3; k++)
            {
              lines[k] += in_line[k] > 0;
              total[k] += in_line[k];
              in_line[k] = 0;
            }
          n_lines++;
        }
      else if (!quoted)
        for (int k = 0; k < 3; k++)
          in_line[k] += c == candidates[k];
    }
  for (int k = 1; k < 3; k++)
    if (lines[k] > lines[best] || (lines[k] == lines[best] && total[k] > total[best]))
      best = k;
  return candidates[best];
}

/* The bytes of the start of the workbook, and their count */
static gboolean
read_head (TxWorkbook *book,
           guint8     *head,
           gsize      *len,
           GError    **error)
{
  if (book->bytes)
    {
      gsize n;
      const guint8 *data = g_bytes_get_data (book->bytes, &n);

      *len = MIN (n, HEAD_BYTES);
      if (*len)
        memcpy (head, data, *len);
      return TRUE;
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (book->path);
      g_autoptr(GFileInputStream) in = g_file_read (file, NULL, error);

      return in && g_input_stream_read_all (G_INPUT_STREAM (in), head, HEAD_BYTES, len, NULL, error);
    }
}

static gboolean
csv_open (TxWorkbook *book,
          GError    **error)
{
  g_autofree guint8 *head = g_malloc (HEAD_BYTES);
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  Csv *csv = g_new0 (Csv, 1);
  char *dot;
  char *name;

  book->data = csv;
  if (!read_head (book, head, &len, &local))
    {
      g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_IO,
                   _("“%s” cannot be read (%s). Check that the file is still there and can be opened."),
                   book->name, local->message);
      return FALSE;
    }
  csv->encoding = tx_sheet_csv_sniff (head, len, len < HEAD_BYTES);
  if (csv->encoding == NULL)
    {
      tx_sheet_set_not_a_sheet (error, book->name);
      return FALSE;
    }
  csv->delimiter = find_delimiter (head, len);
  /* the sheet is named after the file, as a spreadsheet program names it */
  name = g_utf8_make_valid (book->name, -1);
  dot = strrchr (name, '.');
  if (dot && dot != name)
    *dot = '\0';
  g_ptr_array_add (book->sheet_names, name[0] ? name : (g_free (name), g_strdup ("CSV")));
  return TRUE;
}

static void
csv_close (TxWorkbook *book)
{
  g_free (book->data);
  book->data = NULL;
}

const char *
tx_sheet_csv_encoding (TxWorkbook *book)
{
  Csv *csv = book->data;

  return csv ? csv->encoding : NULL;
}

static gboolean
csv_reader_new (TxSheetReader *reader,
                GError       **error)
{
  TxWorkbook *book = reader->book;
  Csv *csv = book->data;
  CsvSheet *sheet = g_new0 (CsvSheet, 1);
  g_autoptr(GError) local = NULL;

  reader->data = sheet;
  sheet->buf = g_malloc (BUFFER_BYTES);
  sheet->field = g_string_new (NULL);
  if (book->bytes)
    {
      sheet->base = g_memory_input_stream_new_from_bytes (book->bytes);
      sheet->size = (goffset) g_bytes_get_size (book->bytes);
    }
  else
    {
      g_autoptr(GFile) file = g_file_new_for_path (book->path);
      g_autoptr(GFileInfo) info = NULL;

      sheet->base = G_INPUT_STREAM (g_file_read (file, NULL, &local));
      if (sheet->base)
        info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (sheet->base),
                                               G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
      if (info)
        sheet->size = g_file_info_get_size (info);
    }
  if (sheet->base == NULL)
    {
      g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_IO,
                   _("“%s” cannot be read (%s). Check that the file is still there and can be opened."),
                   book->name, local->message);
      return FALSE;
    }
  if (strcmp (csv->encoding, "UTF-8 (BOM)") == 0)
    g_input_stream_skip (sheet->base, 3, NULL, NULL);
  if (strcmp (csv->encoding, "GB18030") == 0)
    {
      g_autoptr(GCharsetConverter) conv = g_charset_converter_new ("UTF-8", "GB18030", NULL);

      if (conv == NULL)
        {
          tx_sheet_set_damaged (error, book, NULL, 0, "GB18030");
          return FALSE;
        }
      g_charset_converter_set_use_fallback (conv, TRUE);
      sheet->in = g_converter_input_stream_new (sheet->base, G_CONVERTER (conv));
    }
  else
    sheet->in = g_object_ref (sheet->base);
  return TRUE;
}

/* The next byte of the text, or -1 at the end or on an error (set) */
static int
next_byte (CsvSheet *sheet,
           GError  **error)
{
  if (sheet->pos == sheet->len)
    {
      gssize n;

      if (sheet->eof)
        return -1;
      n = g_input_stream_read (sheet->in, sheet->buf, BUFFER_BYTES, NULL, error);
      if (n <= 0)
        {
          sheet->eof = TRUE;
          return -1;
        }
      sheet->pos = 0;
      sheet->len = (gsize) n;
    }
  return (guchar) sheet->buf[sheet->pos++];
}

static int
peek_byte (CsvSheet *sheet,
           GError  **error)
{
  int c = next_byte (sheet, error);

  if (c >= 0)
    sheet->pos--;
  return c;
}

static void
end_field (TxSheetReader *reader,
           CsvSheet      *sheet,
           guint          column)
{
  tx_sheet_reader_set_cell (reader, column, TX_CELL_TEXT,
                            g_utf8_make_valid (sheet->field->str, (gssize) sheet->field->len), 0);
  g_string_truncate (sheet->field, 0);
}

static gboolean
csv_next (TxSheetReader *reader,
          GError       **error)
{
  Csv *csv = reader->book->data;
  CsvSheet *sheet = reader->data;
  g_autoptr(GError) local = NULL;
  gboolean quoted = FALSE, any = FALSE;
  guint column = 0;
  int c;

  if (sheet->done)
    return FALSE;
  for (;;)
    {
      c = next_byte (sheet, &local);
      if (c < 0)
        break;
      any = TRUE;
      if (quoted)
        {
          if (c == '"')
            {
              if (peek_byte (sheet, &local) == '"')
                next_byte (sheet, &local);
              else
                {
                  quoted = FALSE;
                  continue;
                }
            }
        }
      else if (c == '"' && sheet->field->len == 0)
        {
          quoted = TRUE;
          continue;
        }
      else if (c == csv->delimiter)
        {
          end_field (reader, sheet, column);
          column += column < TX_SHEET_MAX_COLUMNS;
          continue;
        }
      else if (c == '\r' || c == '\n')
        {
          if (c == '\r' && peek_byte (sheet, &local) == '\n')
            next_byte (sheet, &local);
          break;
        }
      if (c != '\0' && sheet->field->len < TX_SHEET_MAX_TEXT)
        g_string_append_c (sheet->field, (char) c);
    }
  if (local)
    {
      sheet->done = TRUE;
      tx_sheet_set_damaged (error, reader->book, reader->book->sheet_names->pdata[0], sheet->record,
                            local->message);
      return FALSE;
    }
  if (!any)
    {
      sheet->done = TRUE;
      return FALSE;
    }
  end_field (reader, sheet, column);
  if (sheet->record >= TX_SHEET_MAX_ROWS)
    {
      sheet->done = TRUE;
      tx_sheet_set_damaged (error, reader->book, reader->book->sheet_names->pdata[0], sheet->record,
                            "over 1048576 rows");
      return FALSE;
    }
  reader->row.number = ++sheet->record;
  return TRUE;
}

static double
csv_fraction (TxSheetReader *reader)
{
  CsvSheet *sheet = reader->data;

  if (sheet == NULL || sheet->base == NULL)
    return 0;
  if (sheet->done)
    return 1;
  return sheet->size > 0 ? (double) g_seekable_tell (G_SEEKABLE (sheet->base)) / (double) sheet->size : 1;
}

static void
csv_reader_free (TxSheetReader *reader)
{
  CsvSheet *sheet = reader->data;

  if (sheet == NULL)
    return;
  g_clear_object (&sheet->in);
  g_clear_object (&sheet->base);
  g_string_free (sheet->field, TRUE);
  g_free (sheet->buf);
  g_free (sheet);
}

const TxSheetFormatOps tx_sheet_csv_ops = {
  csv_open,
  csv_close,
  csv_reader_new,
  csv_next,
  csv_fraction,
  csv_reader_free,
};
