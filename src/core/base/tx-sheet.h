/* tx-sheet.h — reading the rows of a spreadsheet: xlsx, xls, csv
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TX_SHEET_ERROR (tx_sheet_error_quark ())

typedef enum {
  TX_SHEET_ERROR_IO,         /* the file cannot be read */
  TX_SHEET_ERROR_FORMAT,     /* not a spreadsheet we read, or damaged */
  TX_SHEET_ERROR_ENCRYPTED,  /* a workbook protected by a password */
  TX_SHEET_ERROR_NO_SHEET,   /* the sheet asked for is not in the workbook */
} TxSheetError;

typedef enum {
  TX_SHEET_XLSX,
  TX_SHEET_XLS,
  TX_SHEET_CSV,
} TxSheetFormat;

typedef enum {
  TX_CELL_EMPTY,
  TX_CELL_TEXT,     /* text as stored (a shared or inline string, a CSV field) */
  TX_CELL_NUMBER,   /* a number; text is its shortest round-trip form ("511323200503021234"
                     * when exact, "5.11323E+17"-like digits are kept as Excel stored them) */
  TX_CELL_DATE,     /* a number formatted as a date, or a date cell: text is ISO "YYYY-MM-DD" */
  TX_CELL_BOOL,     /* text is "TRUE" or "FALSE" */
} TxCellKind;

typedef struct {
  TxCellKind  kind;
  char       *text;    /* UTF-8, never NULL except for TX_CELL_EMPTY */
  double      number;  /* for TX_CELL_NUMBER and TX_CELL_DATE (the serial) */
} TxCell;

/* One row of a sheet: its number as the spreadsheet shows it (1-based),
 * and its cells by column (0-based); trailing empty cells are dropped */
typedef struct {
  guint   number;
  guint   n_cells;
  TxCell *cells;
} TxSheetRow;

typedef struct _TxWorkbook TxWorkbook;
typedef struct _TxSheetReader TxSheetReader;

GQuark         tx_sheet_error_quark       (void);

/* Opens a workbook; the format is found from the content, not the name.
 * A CSV file's encoding is found too: UTF-8 with or without a byte-order
 * mark, else GB18030 (which GBK is a part of). */
TxWorkbook    *tx_workbook_open           (const char     *path,
                                           GError        **error);
/* The same from memory (the fuzz targets); the bytes are kept */
TxWorkbook    *tx_workbook_open_bytes     (GBytes         *bytes,
                                           const char     *name,
                                           GError        **error);
void           tx_workbook_free           (TxWorkbook     *book);
TxSheetFormat  tx_workbook_format         (TxWorkbook     *book);
/* "UTF-8", "UTF-8 (BOM)" or "GB18030" for a CSV file, NULL otherwise */
const char    *tx_workbook_encoding       (TxWorkbook     *book);
guint          tx_workbook_n_sheets       (TxWorkbook     *book);
const char    *tx_workbook_sheet_name     (TxWorkbook     *book,
                                           guint           index);

/* Reads a sheet row by row, in constant memory for xlsx and csv (the sheet
 * is streamed; an xlsx file's shared strings are held). Only one reader of
 * a workbook at a time. */
TxSheetReader *tx_sheet_reader_new        (TxWorkbook     *book,
                                           guint           index,
                                           GError        **error);
/* Returns: the next row that has a cell, or NULL at the end or on an error
 * (set). The row belongs to the reader until the next call. A row whose
 * cells hold nothing but white space (spaces, full-width spaces) is
 * skipped as blank, as are empty ones; its cells keep their text. */
const TxSheetRow *tx_sheet_reader_next    (TxSheetReader  *reader,
                                           GError        **error);
/* How far the reader is, 0 to 1, by bytes read of the sheet */
double         tx_sheet_reader_fraction   (TxSheetReader  *reader);
void           tx_sheet_reader_free       (TxSheetReader  *reader);

/* A cell's text, "" for an empty or missing cell */
const char    *tx_sheet_row_text          (const TxSheetRow *row,
                                           guint             column);
const TxCell  *tx_sheet_row_cell          (const TxSheetRow *row,
                                           guint             column);
/* A row of one's own, kept after the reader moved on (the header rows) */
TxSheetRow    *tx_sheet_row_copy          (const TxSheetRow *row);
void           tx_sheet_row_free          (TxSheetRow       *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxWorkbook, tx_workbook_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSheetReader, tx_sheet_reader_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSheetRow, tx_sheet_row_free)

G_END_DECLS
