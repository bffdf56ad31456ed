/* test-sheet.c — the spreadsheet readers against the fixtures of
 * tests/tools/make-sheets.py in tests/data/sheets: an openpyxl ledger, a
 * WPS-style workbook, rich text, the same ledger as .xls, CSV files in
 * three encodings, and damaged, encrypted and foreign files
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-sheet.h"
#include "tx-test-util.h"

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "sheets", name, NULL);
}

static TxWorkbook *
open_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  TxWorkbook *book = tx_workbook_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (book);
  return book;
}

/* Every row of a sheet, copied */
static GPtrArray *
read_sheet (TxWorkbook *book,
            guint       index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxSheetReader) reader = tx_sheet_reader_new (book, index, &error);
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_sheet_row_free);
  const TxSheetRow *row;

  g_assert_no_error (error);
  g_assert_cmpfloat (tx_sheet_reader_fraction (reader), <=, 1.0);
  while ((row = tx_sheet_reader_next (reader, &error)))
    {
      g_assert_cmpuint (row->n_cells, >, 0);
      g_assert_cmpint (row->cells[row->n_cells - 1].kind, !=, TX_CELL_EMPTY);
      g_ptr_array_add (rows, tx_sheet_row_copy (row));
    }
  g_assert_no_error (error);
  g_assert_cmpfloat (tx_sheet_reader_fraction (reader), ==, 1.0);
  return rows;
}

static void
assert_cell (const TxSheetRow *row,
             guint             column,
             TxCellKind        kind,
             const char       *text)
{
  const TxCell *cell = tx_sheet_row_cell (row, column);

  g_assert_cmpstr (tx_sheet_row_text (row, column), ==, text);
  g_assert_cmpint (cell->kind, ==, kind);
}

static const TxSheetRow *
row_at (GPtrArray *rows,
        guint      i)
{
  g_assert_cmpuint (i, <, rows->len);
  return rows->pdata[i];
}

/* The ledger as openpyxl writes it, and as LibreOffice turns it into .xls:
 * the rows a spreadsheet shows, the same cells both ways */
static void
check_ledger (TxWorkbook *book,
              gboolean    xls)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) note = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  const TxSheetRow *r;
  guint numbers[] = { 1, 2, 3, 4, 5, 7, 9 };

  g_assert_cmpuint (tx_workbook_n_sheets (book), ==, 3);
  g_assert_cmpstr (tx_workbook_sheet_name (book, 0), ==, "留守儿童台账");
  g_assert_cmpstr (tx_workbook_sheet_name (book, 1), ==, "说明");
  g_assert_cmpstr (tx_workbook_sheet_name (book, 2), ==, "Sheet3");
  g_assert_null (tx_workbook_encoding (book));

  rows = read_sheet (book, 0);
  /* rows 6 and 8 are blank (8 holds spaces alone), 10 is empty */
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (numbers));
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (row_at (rows, i)->number, ==, numbers[i]);

  r = row_at (rows, 0);
  g_assert_cmpuint (r->n_cells, ==, 1);
  assert_cell (r, 0, TX_CELL_TEXT, "城关镇2015年留守儿童信息台账");
  /* merged section cells: the text in the first, empty cells after it */
  r = row_at (rows, 1);
  assert_cell (r, 0, TX_CELL_TEXT, "基本信息");
  assert_cell (r, 1, TX_CELL_EMPTY, "");
  assert_cell (r, 4, TX_CELL_TEXT, "日期");
  assert_cell (r, 7, TX_CELL_TEXT, "联系");
  g_assert_cmpuint (r->n_cells, ==, 8);
  assert_cell (row_at (rows, 2), 8, TX_CELL_TEXT, "备注");

  r = row_at (rows, 3);
  assert_cell (r, 0, TX_CELL_NUMBER, "1");
  assert_cell (r, 1, TX_CELL_TEXT, "张三");
  /* the ID number typed into a General cell: a number, its last digits
   * lost as openpyxl wrote it (16 digits; Excel keeps 15) */
  assert_cell (r, 2, TX_CELL_NUMBER, "5.113232005030212e+17");
  g_assert_cmpfloat (tx_sheet_row_cell (r, 2)->number, ==, 5.113232005030212e+17);
  assert_cell (r, 3, TX_CELL_DATE, "2015-03-02");
  g_assert_cmpfloat (tx_sheet_row_cell (r, 3)->number, ==, 42065);
  assert_cell (r, 4, TX_CELL_TEXT, "2015/3/2");
  assert_cell (r, 5, TX_CELL_TEXT, "2015.03.02");
  assert_cell (r, 6, TX_CELL_NUMBER, "20150302");
  assert_cell (r, 7, TX_CELL_NUMBER, "13800138000");

  r = row_at (rows, 4);
  assert_cell (r, 2, TX_CELL_TEXT, "511323200503021234");
  assert_cell (r, 3, TX_CELL_TEXT, "2015年3月2日");
  /* a date cell in a yyyy"年"m"月"d"日" format, a serial in format 14,
   * a serial in General */
  assert_cell (r, 4, TX_CELL_DATE, "2015-03-02");
  assert_cell (r, 5, TX_CELL_DATE, "2015-03-02");
  assert_cell (r, 6, TX_CELL_NUMBER, "42065");
  assert_cell (r, 7, TX_CELL_TEXT, "13800138000");
  if (!xls)
    assert_cell (r, 8, TX_CELL_BOOL, "TRUE");

  r = row_at (rows, 5);
  assert_cell (r, 1, TX_CELL_TEXT, "王　五");
  assert_cell (r, 2, TX_CELL_TEXT, "５１１３２３２００５０３０２１２３４");
  assert_cell (r, 3, TX_CELL_TEXT, "２０１５－０３－０２");
  assert_cell (r, 4, TX_CELL_TEXT, " 2015-03-02 ");
  assert_cell (r, 6, TX_CELL_NUMBER, "3.5");
  g_assert_cmpfloat (tx_sheet_row_cell (r, 6)->number, ==, 3.5);

  r = row_at (rows, 6);
  assert_cell (r, 0, TX_CELL_TEXT, "合计");
  assert_cell (r, 1, TX_CELL_TEXT, "3人");
  assert_cell (r, 2, TX_CELL_EMPTY, "");
  assert_cell (r, 20000, TX_CELL_EMPTY, "");

  note = read_sheet (book, 1);
  g_assert_cmpuint (note->len, ==, 1);
  assert_cell (row_at (note, 0), 0, TX_CELL_TEXT, "本表由镇民政办填报");
  empty = read_sheet (book, 2);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_xlsx_openpyxl (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("ledger.xlsx");

  g_assert_cmpint (tx_workbook_format (book), ==, TX_SHEET_XLSX);
  check_ledger (book, FALSE);
}

static void
test_xls (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("ledger.xls");

  g_assert_cmpint (tx_workbook_format (book), ==, TX_SHEET_XLS);
  check_ledger (book, TRUE);
}

/* Inline strings, x: prefixes, an absolute and a relative target, no
 * shared strings, a custom date format and an elapsed-time one */
static void
test_xlsx_wps (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("wps.xlsx");
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) summary = NULL;
  const TxSheetRow *r;

  g_assert_cmpuint (tx_workbook_n_sheets (book), ==, 2);
  g_assert_cmpstr (tx_workbook_sheet_name (book, 0), ==, "花名册");
  g_assert_cmpstr (tx_workbook_sheet_name (book, 1), ==, "汇总");
  rows = read_sheet (book, 0);
  g_assert_cmpuint (rows->len, ==, 3);
  r = row_at (rows, 0);
  g_assert_cmpuint (r->number, ==, 1);
  assert_cell (r, 3, TX_CELL_TEXT, "人数");
  r = row_at (rows, 1);
  g_assert_cmpuint (r->number, ==, 2);
  assert_cell (r, 1, TX_CELL_TEXT, "51132320050302123X");
  assert_cell (r, 2, TX_CELL_DATE, "2015-03-02");
  assert_cell (r, 3, TX_CELL_NUMBER, "2");
  r = row_at (rows, 2);
  g_assert_cmpuint (r->number, ==, 5);
  assert_cell (r, 0, TX_CELL_EMPTY, "");
  assert_cell (r, 1, TX_CELL_TEXT, "钱七");
  assert_cell (r, 2, TX_CELL_NUMBER, "42065.5");
  assert_cell (r, 3, TX_CELL_TEXT, "公式");
  assert_cell (r, 4, TX_CELL_TEXT, "#N/A");
  assert_cell (r, 5, TX_CELL_BOOL, "FALSE");

  summary = read_sheet (book, 1);
  g_assert_cmpuint (summary->len, ==, 1);
  g_assert_cmpuint (row_at (summary, 0)->number, ==, 2);
  assert_cell (row_at (summary, 0), 1, TX_CELL_TEXT, "共");
  assert_cell (row_at (summary, 0), 2, TX_CELL_NUMBER, "2");
}

/* Rich-text runs joined, phonetic runs left out, the 1904 system, rows
 * and cells counted on without r, a shared string index out of range */
static void
test_xlsx_rich (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("rich.xlsx");
  g_autoptr(GPtrArray) rows = read_sheet (book, 0);
  const TxSheetRow *r;

  g_assert_cmpuint (rows->len, ==, 4);
  r = row_at (rows, 0);
  g_assert_cmpuint (r->number, ==, 1);
  assert_cell (r, 0, TX_CELL_TEXT, "留守儿童 名单");
  r = row_at (rows, 1);
  g_assert_cmpuint (r->number, ==, 2);
  assert_cell (r, 0, TX_CELL_TEXT, "孙八");
  /* 40237 in the 1904 system (format 57, a Chinese-locale date) */
  assert_cell (r, 1, TX_CELL_DATE, "2014-03-01");
  assert_cell (r, 2, TX_CELL_EMPTY, "");
  assert_cell (r, 3, TX_CELL_EMPTY, "");
  assert_cell (r, 4, TX_CELL_NUMBER, "0.1");
  r = row_at (rows, 2);
  g_assert_cmpuint (r->number, ==, 5);
  assert_cell (r, 2, TX_CELL_NUMBER, "-12.5");
  assert_cell (r, 3, TX_CELL_NUMBER, "1e+20");
  g_assert_cmpuint (row_at (rows, 3)->number, ==, 6);
}

static void
check_csv (const char *name,
           const char *encoding)
{
  g_autoptr(TxWorkbook) book = open_fixture (name);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *sheet = g_strndup (name, strcspn (name, "."));

  g_assert_cmpint (tx_workbook_format (book), ==, TX_SHEET_CSV);
  g_assert_cmpstr (tx_workbook_encoding (book), ==, encoding);
  g_assert_cmpuint (tx_workbook_n_sheets (book), ==, 1);
  g_assert_cmpstr (tx_workbook_sheet_name (book, 0), ==, sheet);
  rows = read_sheet (book, 0);
  g_assert_cmpuint (rows->len, ==, 3);
  assert_cell (row_at (rows, 0), 0, TX_CELL_TEXT, "姓名");
  assert_cell (row_at (rows, 0), 3, TX_CELL_TEXT, "备注");
  g_assert_cmpuint (row_at (rows, 1)->number, ==, 2);
  assert_cell (row_at (rows, 1), 1, TX_CELL_TEXT, "511323200503021234");
  assert_cell (row_at (rows, 1), 3, TX_CELL_TEXT, "父母在广东务工");
  /* the blank third line is skipped, the numbers stay the file's */
  g_assert_cmpuint (row_at (rows, 2)->number, ==, 4);
  assert_cell (row_at (rows, 2), 2, TX_CELL_TEXT, "2015/3/2");
  g_assert_cmpuint (row_at (rows, 2)->n_cells, ==, 3);
}

static void
test_csv_encodings (void)
{
  check_csv ("utf8-bom.csv", "UTF-8 (BOM)");
  check_csv ("utf8.csv", "UTF-8");
  check_csv ("gb18030.csv", "GB18030");
}

/* Semicolons, quotes around a line end and around "", CRLF, a lone CR,
 * no line end at the end; a tab-separated GB18030 text */
static void
test_csv_quotes (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("semicolon.csv");
  g_autoptr(TxWorkbook) tab = open_fixture ("tab.txt");
  g_autoptr(GPtrArray) rows = read_sheet (book, 0);
  g_autoptr(GPtrArray) tab_rows = NULL;

  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (row_at (rows, 1)->number, ==, 2);
  assert_cell (row_at (rows, 1), 0, TX_CELL_TEXT, "周九");
  assert_cell (row_at (rows, 1), 1, TX_CELL_TEXT, "四川省\r\n南充市");
  assert_cell (row_at (rows, 1), 2, TX_CELL_TEXT, "说\"已走访\"");
  g_assert_cmpuint (row_at (rows, 2)->number, ==, 4);
  assert_cell (row_at (rows, 2), 0, TX_CELL_TEXT, "吴十");
  assert_cell (row_at (rows, 2), 1, TX_CELL_EMPTY, "");
  assert_cell (row_at (rows, 2), 2, TX_CELL_TEXT, "a;b");
  g_assert_cmpuint (row_at (rows, 3)->number, ==, 5);
  g_assert_cmpuint (row_at (rows, 3)->n_cells, ==, 2);
  assert_cell (row_at (rows, 3), 1, TX_CELL_TEXT, "成都");

  g_assert_cmpstr (tx_workbook_encoding (tab), ==, "GB18030");
  tab_rows = read_sheet (tab, 0);
  g_assert_cmpuint (tab_rows->len, ==, 2);
  assert_cell (row_at (tab_rows, 1), 0, TX_CELL_TEXT, "陈一");
  assert_cell (row_at (tab_rows, 1), 1, TX_CELL_TEXT, "9");
}

/* The same bytes from memory read as from the file */
static void
test_open_bytes (void)
{
  const char *names[] = { "ledger.xlsx", "ledger.xls", "gb18030.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autofree char *data = NULL;
      gsize len;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(TxWorkbook) book = NULL;
      g_autoptr(TxWorkbook) file = open_fixture (names[i]);
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;

      g_assert_true (g_file_get_contents (path, &data, &len, NULL));
      bytes = g_bytes_new (data, len);
      book = tx_workbook_open_bytes (bytes, names[i], &error);
      g_assert_no_error (error);
      g_assert_cmpint (tx_workbook_format (book), ==, tx_workbook_format (file));
      a = read_sheet (book, 0);
      b = read_sheet (file, 0);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint k = 0; k < a->len; k++)
        {
          const TxSheetRow *ra = a->pdata[k], *rb = b->pdata[k];

          g_assert_cmpuint (ra->number, ==, rb->number);
          g_assert_cmpuint (ra->n_cells, ==, rb->n_cells);
          for (guint c = 0; c < ra->n_cells; c++)
            g_assert_cmpstr (tx_sheet_row_text (ra, c), ==, tx_sheet_row_text (rb, c));
        }
    }
}

static void
assert_open_fails (const char *name,
                   int         code,
                   const char *part)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxWorkbook) book = tx_workbook_open (path, &error);

  g_assert_null (book);
  g_assert_error (error, TX_SHEET_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
  g_assert_nonnull (strstr (error->message, part));
}

static void
test_errors (void)
{
  g_autoptr(TxWorkbook) book = open_fixture ("broken.xlsx");
  g_autoptr(TxWorkbook) csv = open_fixture ("utf8.csv");
  g_autoptr(TxSheetReader) reader = tx_sheet_reader_new (book, 0, NULL);
  g_autoptr(GError) error = NULL;
  const TxSheetRow *row;
  guint last = 0;

  assert_open_fails ("truncated.xlsx", TX_SHEET_ERROR_FORMAT, "damaged");
  assert_open_fails ("random.bin", TX_SHEET_ERROR_FORMAT, ".xlsx, .xls");
  assert_open_fails ("encrypted.xlsx", TX_SHEET_ERROR_ENCRYPTED, "remove the password");
  assert_open_fails ("no-such-file.xlsx", TX_SHEET_ERROR_IO, "cannot be read");

  /* a sheet that breaks in row 40: the rows before it, then an error
   * naming the file, the sheet and the last row read */
  while ((row = tx_sheet_reader_next (reader, &error)))
    {
      g_assert_cmpuint (row->number, ==, last + 1);
      last = row->number;
    }
  g_assert_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_FORMAT);
  g_assert_cmpuint (last, >, 30);
  g_assert_cmpuint (last, <, 40);
  {
    g_autofree char *where = g_strdup_printf ("row %u", last);

    g_assert_nonnull (strstr (error->message, "broken.xlsx"));
    g_assert_nonnull (strstr (error->message, "“Sheet1”"));
    g_assert_nonnull (strstr (error->message, where));
  }
  g_assert_null (tx_sheet_reader_next (reader, NULL));

  g_clear_error (&error);
  g_assert_null (tx_sheet_reader_new (csv, 1, &error));
  g_assert_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_NO_SHEET);
}

/* Hostile bytes from memory: a zip of nothing, an empty file, text with
 * a control character, a lone quote running to the end */
static void
test_hostile (void)
{
  struct {
    const char *bytes;
    gsize       len;
    int         code;  /* -1: opens */
  } cases[] = {
    { "PK\3\4", 4, TX_SHEET_ERROR_FORMAT },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, TX_SHEET_ERROR_FORMAT },
    { "", 0, -1 },
    { "a,b\x01,c", 7, TX_SHEET_ERROR_FORMAT },
    { "a,\"b\nc,d\n", 9, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].bytes, cases[i].len);
      g_autoptr(GError) error = NULL;
      g_autoptr(TxWorkbook) book = tx_workbook_open_bytes (bytes, "hostile", &error);

      if (cases[i].code >= 0)
        {
          g_assert_error (error, TX_SHEET_ERROR, cases[i].code);
          continue;
        }
      g_assert_no_error (error);
      {
        g_autoptr(GPtrArray) rows = read_sheet (book, 0);

        g_assert_cmpuint (rows->len, <=, 1);
        if (rows->len)
          assert_cell (row_at (rows, 0), 1, TX_CELL_TEXT, "b\nc,d\n");
      }
    }
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/sheet/xlsx-openpyxl", test_xlsx_openpyxl);
  g_test_add_func ("/sheet/xlsx-wps", test_xlsx_wps);
  g_test_add_func ("/sheet/xlsx-rich", test_xlsx_rich);
  g_test_add_func ("/sheet/xls", test_xls);
  g_test_add_func ("/sheet/csv-encodings", test_csv_encodings);
  g_test_add_func ("/sheet/csv-quotes", test_csv_quotes);
  g_test_add_func ("/sheet/open-bytes", test_open_bytes);
  g_test_add_func ("/sheet/errors", test_errors);
  g_test_add_func ("/sheet/hostile", test_hostile);
  return g_test_run ();
}
