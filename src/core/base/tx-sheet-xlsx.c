/* tx-sheet-xlsx.c — reading an Excel 2007+ workbook (.xlsx, Office Open
 * XML): the zip container by libgsf, each part streamed through libxml2's
 * reader; the workbook's sheets and their relationships, the shared
 * strings, the styles that make a number a date, and the sheet's rows
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sheet"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gsf/gsf.h>
#include <libxml/xmlreader.h>
#include <stdlib.h>
#include <string.h>

#include "tx-sheet-private.h"

/* Shared strings held at most (a zip bomb's are refused past this) */
#define MAX_SHARED_BYTES (256u * 1024 * 1024)
#define MAX_STYLES       (1u << 20)
#define MAX_SHEETS       4096

typedef struct {
  GsfInfile *zip;
  GPtrArray *sheet_parts;   /* "xl/worksheets/sheet1.xml" by sheet */
  GString   *strings;       /* the shared strings, each ending in a NUL */
  GArray    *string_starts; /* gsize offsets into strings */
  GByteArray *xf_is_date;   /* by cellXfs index */
  gboolean   date1904;
} Xlsx;

/* One part streamed through libxml2 */
typedef struct {
  GsfInput        *input;
  xmlTextReaderPtr xml;
  char            *error;   /* libxml2's first message */
} Part;

typedef struct {
  Part     part;
  guint    last_row;        /* the number of the last row started */
  guint    good_row;        /* and of the last row read whole */
  int      column;          /* the last cell's column in the row */
  gboolean in_row, in_cell, in_v, in_is, in_t, in_rph, done;
  int      cell_column;
  char     cell_type[12];
  guint    cell_style;
  GString *text;
} Sheet;

static int
part_read (void *context,
           char *buffer,
           int   len)
{
  GsfInput *input = context;
  gsf_off_t left = gsf_input_remaining (input);
  size_t n = (size_t) MIN ((gsf_off_t) len, left);

  if (n == 0)
    return 0;
  if (gsf_input_read (input, n, (guint8 *) buffer) == NULL)
    return -1;
  return (int) n;
}

static int
part_close (void *context)
{
  return 0;
}

static void
part_error (void *context, xmlErrorPtr err)
{
  Part *part = context;

  if (part->error == NULL && err && err->message)
    part->error = g_strstrip (g_strdup_printf ("%s, line %d", g_strchomp (err->message), err->line));
}

static gboolean
part_open (Part       *part,
           GsfInfile  *zip,
           const char *path)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);

  memset (part, 0, sizeof *part);
  part->input = gsf_infile_child_by_aname (zip, (const char **) names);
  if (part->input == NULL)
    return FALSE;
  part->xml = xmlReaderForIO (part_read, part_close, part->input, path, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (part->xml == NULL)
    {
      g_clear_object (&part->input);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (part->xml, part_error, part);
  return TRUE;
}

static void
part_clear (Part *part)
{
  g_clear_pointer (&part->xml, xmlFreeTextReader);
  g_clear_object (&part->input);
  g_clear_pointer (&part->error, g_free);
}

static const char *
part_detail (Part *part)
{
  return part->error ? part->error : "XML";
}

static gboolean
name_is (xmlTextReaderPtr xml,
         const char      *local)
{
  const xmlChar *name = xmlTextReaderConstLocalName (xml);

  return name && strcmp ((const char *) name, local) == 0;
}

/* An attribute wanted by its local name (any prefix), copied into value */
typedef struct {
  const char *name;
  char       *value;
  gsize       size;
} Attr;

/* Fills the attributes wanted (ending in a NULL name): "" when absent */
static void
get_attrs (xmlTextReaderPtr xml,
           Attr            *attrs)
{
  for (Attr *a = attrs; a->name; a++)
    a->value[0] = '\0';
  if (xmlTextReaderMoveToFirstAttribute (xml) != 1)
    return;
  do
    {
      const xmlChar *local = xmlTextReaderConstLocalName (xml);

      if (xmlTextReaderIsNamespaceDecl (xml) == 1 || local == NULL)
        continue;
      for (Attr *a = attrs; a->name; a++)
        if (a->value[0] == '\0' && strcmp ((const char *) local, a->name) == 0)
          {
            const xmlChar *v = xmlTextReaderConstValue (xml);

            g_strlcpy (a->value, v ? (const char *) v : "", a->size);
          }
    }
  while (xmlTextReaderMoveToNextAttribute (xml) == 1);
  xmlTextReaderMoveToElement (xml);
}

#define ATTR(n, buf) { n, buf, sizeof buf }

static gboolean
is_text_node (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA
         || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE || type == XML_READER_TYPE_WHITESPACE;
}

static void
append_text (GString *s, xmlTextReaderPtr xml)
{
  const xmlChar *v = xmlTextReaderConstValue (xml);

  if (v && s->len < TX_SHEET_MAX_TEXT)
    g_string_append_len (s, (const char *) v, MIN (strlen ((const char *) v), TX_SHEET_MAX_TEXT - s->len));
}

/* "xl/" + "worksheets/sheet1.xml", "/xl/worksheets/sheet1.xml" or
 * "../xl/worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml" */
static char *
resolve_target (const char *target)
{
  g_autofree char *joined = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
  g_auto(GStrv) parts = g_strsplit (joined, "/", -1);
  g_autoptr(GPtrArray) out = g_ptr_array_new ();

  for (guint i = 0; parts[i]; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (out->len > 0)
            g_ptr_array_set_size (out, out->len - 1);
          continue;
        }
      g_ptr_array_add (out, parts[i]);
    }
  g_ptr_array_add (out, NULL);
  return g_strjoinv ("/", (char **) out->pdata);
}

/* xl/_rels/workbook.xml.rels: relationship id → part */
static GHashTable *
read_rels (GsfInfile *zip)
{
  GHashTable *rels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Part part;
  char id[256], target[1024];
  Attr attrs[] = { ATTR ("Id", id), ATTR ("Target", target), { NULL } };

  if (!part_open (&part, zip, "xl/_rels/workbook.xml.rels"))
    return rels;
  while (xmlTextReaderRead (part.xml) == 1)
    if (xmlTextReaderNodeType (part.xml) == XML_READER_TYPE_ELEMENT && name_is (part.xml, "Relationship")
        && g_hash_table_size (rels) < MAX_SHEETS * 4)
      {
        get_attrs (part.xml, attrs);
        if (id[0] && target[0])
          g_hash_table_replace (rels, g_strdup (id), resolve_target (target));
      }
  part_clear (&part);
  return rels;
}

static gboolean
read_workbook (TxWorkbook *book,
               Xlsx       *x,
               GError    **error)
{
  g_autoptr(GHashTable) rels = read_rels (x->zip);
  Part part;
  char name[1024], id[256], d1904[16];
  Attr sheet_attrs[] = { ATTR ("name", name), ATTR ("id", id), { NULL } };
  Attr pr_attrs[] = { ATTR ("date1904", d1904), { NULL } };
  int ret;

  if (!part_open (&part, x->zip, "xl/workbook.xml"))
    {
      tx_sheet_set_not_a_sheet (error, book->name);
      return FALSE;
    }
  while ((ret = xmlTextReaderRead (part.xml)) == 1)
    {
      if (xmlTextReaderNodeType (part.xml) != XML_READER_TYPE_ELEMENT)
        continue;
      if (name_is (part.xml, "workbookPr"))
        {
          get_attrs (part.xml, pr_attrs);
          x->date1904 = strcmp (d1904, "1") == 0 || g_ascii_strcasecmp (d1904, "true") == 0;
        }
      else if (name_is (part.xml, "sheet") && book->sheet_names->len < MAX_SHEETS)
        {
          const char *target;

          get_attrs (part.xml, sheet_attrs);
          target = g_hash_table_lookup (rels, id);
          g_ptr_array_add (book->sheet_names, g_utf8_make_valid (name, -1));
          g_ptr_array_add (x->sheet_parts,
                           target ? g_strdup (target)
                                  : g_strdup_printf ("xl/worksheets/sheet%u.xml", book->sheet_names->len));
        }
    }
  if (ret < 0)
    tx_sheet_set_damaged (error, book, NULL, 0, part_detail (&part));
  else if (book->sheet_names->len == 0)
    tx_sheet_set_damaged (error, book, NULL, 0, "xl/workbook.xml");
  ret = ret < 0 || book->sheet_names->len == 0;
  part_clear (&part);
  return !ret;
}

static gboolean
read_shared_strings (TxWorkbook *book,
                     Xlsx       *x,
                     GError    **error)
{
  Part part;
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean in_si = FALSE, in_t = FALSE, in_rph = FALSE;
  int ret;

  if (!part_open (&part, x->zip, "xl/sharedStrings.xml"))
    return TRUE;
  while ((ret = xmlTextReaderRead (part.xml)) == 1)
    {
      int type = xmlTextReaderNodeType (part.xml);

      if (type == XML_READER_TYPE_ELEMENT && !xmlTextReaderIsEmptyElement (part.xml))
        {
          if (name_is (part.xml, "si"))
            {
              in_si = TRUE;
              g_string_truncate (s, 0);
            }
          else if (name_is (part.xml, "t"))
            in_t = TRUE;
          else if (name_is (part.xml, "rPh"))
            in_rph = TRUE;
        }
      else if (type == XML_READER_TYPE_ELEMENT && name_is (part.xml, "si"))
        {
          g_array_append_val (x->string_starts, x->strings->len);
          g_string_append_c (x->strings, '\0');
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (part.xml, "t"))
            in_t = FALSE;
          else if (name_is (part.xml, "rPh"))
            in_rph = FALSE;
          else if (name_is (part.xml, "si") && in_si)
            {
              in_si = FALSE;
              if (x->strings->len + s->len >= MAX_SHARED_BYTES)
                {
                  tx_sheet_set_damaged (error, book, NULL, 0, "xl/sharedStrings.xml: too large");
                  part_clear (&part);
                  return FALSE;
                }
              g_array_append_val (x->string_starts, x->strings->len);
              g_string_append_len (x->strings, s->str, s->len);
              g_string_append_c (x->strings, '\0');
            }
        }
      else if (in_si && in_t && !in_rph && is_text_node (type))
        append_text (s, part.xml);
    }
  if (ret < 0)
    tx_sheet_set_damaged (error, book, NULL, 0, part_detail (&part));
  part_clear (&part);
  return ret >= 0;
}

/* Whether a number format's code shows a date: a y, m or d outside quoted
 * text, [brackets] and escaped characters ("yyyy\"年\"m\"月\"d\"日\"",
 * "yyyy/m/d", "[$-804]yyyy-mm-dd"), an m that is not a minute ("h:mm") */
static gboolean
format_is_date (const char *code)
{
  gboolean month = FALSE;
  char prev = 0;

  for (const char *p = code; *p; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == '"')
        {
          p = strchr (p + 1, '"');
          if (p == NULL)
            break;
          continue;
        }
      if (c == '[')
        {
          p = strchr (p + 1, ']');
          if (p == NULL)
            break;
          continue;
        }
      if ((c == '\\' || c == '_' || c == '*') && p[1])
        {
          p++;
          continue;
        }
      if (c == ';')
        break;
      if (c == 'y' || c == 'd' || c == 'e')
        return TRUE;
      if (c == 'm' && prev != 'h' && prev != ':' && p[1] != ':' && g_ascii_tolower (p[1]) != 's')
        month = TRUE;
      if (c != 'm')
        prev = c;
    }
  return month;
}

static gboolean
builtin_is_date (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47)
         || (id >= 50 && id <= 58);
}

static void
read_styles (Xlsx *x)
{
  Part part;
  g_autoptr(GHashTable) custom = g_hash_table_new (NULL, NULL);
  char fmt_id[32], code[1024];
  Attr attrs[] = { ATTR ("numFmtId", fmt_id), ATTR ("formatCode", code), { NULL } };
  gboolean in_cell_xfs = FALSE;

  if (!part_open (&part, x->zip, "xl/styles.xml"))
    return;
  while (xmlTextReaderRead (part.xml) == 1)
    {
      int type = xmlTextReaderNodeType (part.xml);

      if (type == XML_READER_TYPE_END_ELEMENT && name_is (part.xml, "cellXfs"))
        in_cell_xfs = FALSE;
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (name_is (part.xml, "numFmt"))
        {
          get_attrs (part.xml, attrs);
          if (fmt_id[0] && format_is_date (code))
            g_hash_table_add (custom, GUINT_TO_POINTER ((guint) strtoul (fmt_id, NULL, 10)));
        }
      else if (name_is (part.xml, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (part.xml);
      else if (in_cell_xfs && name_is (part.xml, "xf") && x->xf_is_date->len < MAX_STYLES)
        {
          guint id;
          guint8 is_date;

          get_attrs (part.xml, attrs);
          id = (guint) strtoul (fmt_id, NULL, 10);
          is_date = builtin_is_date (id) || g_hash_table_contains (custom, GUINT_TO_POINTER (id));
          g_byte_array_append (x->xf_is_date, &is_date, 1);
        }
    }
  part_clear (&part);
}

static void
xlsx_free (Xlsx *x)
{
  g_clear_object (&x->zip);
  g_clear_pointer (&x->sheet_parts, g_ptr_array_unref);
  if (x->strings)
    g_string_free (x->strings, TRUE);
  g_clear_pointer (&x->string_starts, g_array_unref);
  g_clear_pointer (&x->xf_is_date, g_byte_array_unref);
  g_free (x);
}

static gboolean
xlsx_open (TxWorkbook *book,
           GError    **error)
{
  g_autoptr(GsfInput) input = tx_sheet_book_input (book, error);
  g_autoptr(GError) local = NULL;
  Xlsx *x;

  if (input == NULL)
    return FALSE;
  x = g_new0 (Xlsx, 1);
  book->data = x;
  x->sheet_parts = g_ptr_array_new_with_free_func (g_free);
  x->strings = g_string_new (NULL);
  x->string_starts = g_array_new (FALSE, FALSE, sizeof (gsize));
  x->xf_is_date = g_byte_array_new ();
  x->zip = gsf_infile_zip_new (input, &local);
  if (x->zip == NULL)
    {
      tx_sheet_set_damaged (error, book, NULL, 0, local ? local->message : "zip");
      return FALSE;
    }
  if (!read_workbook (book, x, error) || !read_shared_strings (book, x, error))
    return FALSE;
  read_styles (x);
  return TRUE;
}

static void
xlsx_close (TxWorkbook *book)
{
  xlsx_free (book->data);
  book->data = NULL;
}

static gboolean
xlsx_reader_new (TxSheetReader *reader,
                 GError       **error)
{
  TxWorkbook *book = reader->book;
  Xlsx *x = book->data;
  Sheet *sheet = g_new0 (Sheet, 1);

  reader->data = sheet;
  sheet->text = g_string_new (NULL);
  if (!part_open (&sheet->part, x->zip, x->sheet_parts->pdata[reader->index]))
    {
      tx_sheet_set_damaged (error, book, book->sheet_names->pdata[reader->index], 0,
                            (const char *) x->sheet_parts->pdata[reader->index]);
      return FALSE;
    }
  return TRUE;
}

/* "C7" → column 2 and row 7; FALSE when it is not a cell reference */
static gboolean
parse_ref (const char *ref,
           int        *column,
           guint      *row)
{
  const char *p = ref;
  guint64 col = 0, r = 0;

  for (; g_ascii_isalpha (*p) && col <= TX_SHEET_MAX_COLUMNS; p++)
    col = col * 26 + (guint) (g_ascii_toupper (*p) - 'A' + 1);
  if (col == 0 || col > TX_SHEET_MAX_COLUMNS)
    return FALSE;
  if (*p == '$')
    p++;
  for (; g_ascii_isdigit (*p) && r <= TX_SHEET_MAX_ROWS; p++)
    r = r * 10 + (guint) (*p - '0');
  *column = (int) col - 1;
  *row = (guint) r;
  return TRUE;
}

static char *
shared_string (Xlsx       *x,
               const char *index)
{
  char *end;
  guint64 i = g_ascii_strtoull (index, &end, 10);

  if (end == index || i >= x->string_starts->len)
    return NULL;
  return g_strdup (x->strings->str + g_array_index (x->string_starts, gsize, i));
}

static void
finish_cell (TxSheetReader *reader,
             Sheet         *sheet)
{
  Xlsx *x = reader->book->data;
  const char *t = sheet->cell_type;
  const char *text = sheet->text->str;

  if (sheet->cell_column < 0 || sheet->cell_column >= TX_SHEET_MAX_COLUMNS)
    return;
  if (strcmp (t, "s") == 0)
    tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_TEXT, shared_string (x, text), 0);
  else if (strcmp (t, "inlineStr") == 0 || strcmp (t, "str") == 0 || strcmp (t, "e") == 0)
    tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_TEXT, g_utf8_make_valid (text, -1), 0);
  else if (strcmp (t, "b") == 0)
    {
      gboolean value = g_strstrip (sheet->text->str)[0] == '1' || g_ascii_strcasecmp (text, "true") == 0;

      if (text[0])
        tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_BOOL,
                                  g_strdup (value ? "TRUE" : "FALSE"), value);
    }
  else if (strcmp (t, "d") == 0)
    {
      double serial;

      if (tx_sheet_date_serial (text, x->date1904, &serial))
        tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_DATE, g_strndup (text, 10), serial);
      else
        tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_TEXT, g_utf8_make_valid (text, -1), 0);
    }
  else
    {
      char *end;
      double value;
      char *date = NULL;

      g_strstrip (sheet->text->str);
      if (sheet->text->str[0] == '\0')
        return;
      value = g_ascii_strtod (text, &end);
      if (*end != '\0')
        {
          tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_TEXT, g_utf8_make_valid (text, -1), 0);
          return;
        }
      if (sheet->cell_style < x->xf_is_date->len && x->xf_is_date->data[sheet->cell_style])
        date = tx_sheet_serial_date (value, x->date1904);
      if (date)
        tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_DATE, date, value);
      else
        tx_sheet_reader_set_cell (reader, sheet->cell_column, TX_CELL_NUMBER, tx_sheet_number_text (value),
                                  value);
    }
}

static void
start_cell (Sheet *sheet)
{
  char r[32], t[12], s[16];
  Attr attrs[] = { ATTR ("r", r), ATTR ("t", t), ATTR ("s", s), { NULL } };
  guint row;

  get_attrs (sheet->part.xml, attrs);
  if (!(r[0] && parse_ref (r, &sheet->cell_column, &row)))
    sheet->cell_column = sheet->column + 1;
  sheet->column = sheet->cell_column;
  g_strlcpy (sheet->cell_type, t, sizeof sheet->cell_type);
  sheet->cell_style = (guint) strtoul (s, NULL, 10);
  g_string_truncate (sheet->text, 0);
}

/* A row's start: its number from r="7", else the one after the last */
static gboolean
start_row (TxSheetReader *reader,
           Sheet         *sheet,
           GError       **error)
{
  char r[32];
  Attr attrs[] = { ATTR ("r", r), { NULL } };
  guint64 number = sheet->last_row + 1;

  get_attrs (sheet->part.xml, attrs);
  if (r[0])
    {
      char *end;
      guint64 n = g_ascii_strtoull (r, &end, 10);

      if (*end == '\0' && n > 0)
        number = n;
    }
  if (number > TX_SHEET_MAX_ROWS)
    {
      tx_sheet_set_damaged (error, reader->book, reader->book->sheet_names->pdata[reader->index],
                            sheet->good_row, "row number over 1048576");
      return FALSE;
    }
  reader->row.number = sheet->last_row = (guint) number;
  sheet->column = -1;
  return TRUE;
}

static gboolean
xlsx_next (TxSheetReader *reader,
           GError       **error)
{
  Sheet *sheet = reader->data;
  xmlTextReaderPtr xml = sheet->part.xml;
  int ret;

  if (sheet->done)
    return FALSE;
  while ((ret = xmlTextReaderRead (xml)) == 1)
    {
      int type = xmlTextReaderNodeType (xml);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml);

          if (name_is (xml, "row"))
            {
              if (!start_row (reader, sheet, error))
                {
                  sheet->done = TRUE;
                  return FALSE;
                }
              sheet->in_row = !empty;
              if (empty)
                {
                  sheet->good_row = sheet->last_row;
                  return TRUE;
                }
            }
          else if (sheet->in_row && name_is (xml, "c"))
            {
              start_cell (sheet);
              sheet->in_cell = !empty;
              sheet->in_v = sheet->in_is = sheet->in_t = sheet->in_rph = FALSE;
            }
          else if (sheet->in_cell && !empty)
            {
              if (name_is (xml, "v"))
                sheet->in_v = TRUE;
              else if (name_is (xml, "is"))
                sheet->in_is = TRUE;
              else if (name_is (xml, "t"))
                sheet->in_t = TRUE;
              else if (name_is (xml, "rPh"))
                sheet->in_rph = TRUE;
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (name_is (xml, "c") && sheet->in_cell)
            {
              sheet->in_cell = FALSE;
              finish_cell (reader, sheet);
            }
          else if (name_is (xml, "row") && sheet->in_row)
            {
              sheet->in_row = sheet->in_cell = FALSE;
              sheet->good_row = sheet->last_row;
              return TRUE;
            }
          else if (name_is (xml, "v"))
            sheet->in_v = FALSE;
          else if (name_is (xml, "is"))
            sheet->in_is = FALSE;
          else if (name_is (xml, "t"))
            sheet->in_t = FALSE;
          else if (name_is (xml, "rPh"))
            sheet->in_rph = FALSE;
          else if (name_is (xml, "sheetData"))
            break;
        }
      else if (sheet->in_cell && is_text_node (type)
               && (sheet->in_v || (sheet->in_is && sheet->in_t && !sheet->in_rph)))
        append_text (sheet->text, xml);
    }
  sheet->done = TRUE;
  if (ret < 0)
    {
      TxWorkbook *book = reader->book;

      tx_sheet_set_damaged (error, book, book->sheet_names->pdata[reader->index],
                            sheet->good_row, part_detail (&sheet->part));
      return FALSE;
    }
  /* a row left open at the end of the part */
  if (sheet->in_row)
    {
      sheet->in_row = FALSE;
      return TRUE;
    }
  return FALSE;
}

static double
xlsx_fraction (TxSheetReader *reader)
{
  Sheet *sheet = reader->data;
  gsf_off_t size;

  if (sheet == NULL || sheet->part.input == NULL)
    return 0;
  if (sheet->done)
    return 1;
  size = gsf_input_size (sheet->part.input);
  return size > 0 ? (double) gsf_input_tell (sheet->part.input) / (double) size : 1;
}

static void
xlsx_reader_free (TxSheetReader *reader)
{
  Sheet *sheet = reader->data;

  if (sheet == NULL)
    return;
  part_clear (&sheet->part);
  g_string_free (sheet->text, TRUE);
  g_free (sheet);
}

const TxSheetFormatOps tx_sheet_xlsx_ops = {
  xlsx_open,
  xlsx_close,
  xlsx_reader_new,
  xlsx_next,
  xlsx_fraction,
  xlsx_reader_free,
};
