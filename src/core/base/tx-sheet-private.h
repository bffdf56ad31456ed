/* tx-sheet-private.h — what the spreadsheet readers of each format share
 * with tx-sheet.c: the workbook, the reader and the building of a row
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gsf/gsf.h>

#include "tx-sheet.h"

G_BEGIN_DECLS

/* libgsf 1.14 declares none */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)

/* Bounds on hostile input: Excel's own sheet size */
#define TX_SHEET_MAX_COLUMNS 16384
#define TX_SHEET_MAX_ROWS    1048576
/* A cell's text is cut here (Excel holds 32,767 characters) */
#define TX_SHEET_MAX_TEXT    (1024 * 1024)

typedef struct _TxSheetFormatOps TxSheetFormatOps;

struct _TxWorkbook {
  TxSheetFormat format;
  const TxSheetFormatOps *ops;
  char         *name;        /* the file's name, for messages */
  char         *path;        /* NULL when opened from bytes */
  GBytes       *bytes;       /* the content when opened from bytes */
  GPtrArray    *sheet_names;
  gboolean      busy;        /* a reader is open */
  gpointer      data;        /* the format's own */
};

struct _TxSheetReader {
  TxWorkbook *book;
  guint       index;
  TxSheetRow  row;
  GArray     *cells;         /* TxCell, the row being built */
  gpointer    data;          /* the format's own */
};

struct _TxSheetFormatOps {
  /* fills book->sheet_names and book->data */
  gboolean          (*open)        (TxWorkbook    *book,
                                    GError       **error);
  void              (*close)       (TxWorkbook    *book);
  gboolean          (*reader_new)  (TxSheetReader *reader,
                                    GError       **error);
  /* builds the next row in reader->cells and reader->row.number; FALSE at
   * the end (error unset) or on an error */
  gboolean          (*next)        (TxSheetReader *reader,
                                    GError       **error);
  double            (*fraction)    (TxSheetReader *reader);
  void              (*reader_free) (TxSheetReader *reader);
};

extern const TxSheetFormatOps tx_sheet_xlsx_ops;
extern const TxSheetFormatOps tx_sheet_xls_ops;
extern const TxSheetFormatOps tx_sheet_csv_ops;

/* The row being built: empties it, and sets a cell (taking the text) */
void      tx_sheet_reader_clear_cells (TxSheetReader *reader);
void      tx_sheet_reader_set_cell    (TxSheetReader *reader,
                                       guint          column,
                                       TxCellKind     kind,
                                       char          *text,
                                       double         number);

/* A number's text: integers of up to 15 digits exactly, else the shortest
 * form that reads back to the same double */
char     *tx_sheet_number_text        (double         value);
/* A date serial as ISO "YYYY-MM-DD" (Excel's 1900 system with its
 * 1900-02-29, or the 1904 system), NULL when out of range */
char     *tx_sheet_serial_date        (double         serial,
                                       gboolean       date1904);

/* The workbook's bytes as a libgsf input (a file or memory) */
GsfInput *tx_sheet_book_input         (TxWorkbook    *book,
                                       GError       **error);

/* An ISO date's ("2015-03-02", "2015-03-02T08:00:00") serial number */
gboolean  tx_sheet_date_serial        (const char    *iso,
                                       gboolean       date1904,
                                       double        *serial);

/* The errors every format gives */
void      tx_sheet_set_damaged        (GError       **error,
                                       TxWorkbook    *book,
                                       const char    *sheet,
                                       guint          row,
                                       const char    *detail);
void      tx_sheet_set_encrypted      (GError       **error,
                                       const char    *name);
void      tx_sheet_set_not_a_sheet    (GError       **error,
                                       const char    *name);

/* The CSV reader's guess of a text's encoding: "UTF-8 (BOM)", "UTF-8",
 * "GB18030", or NULL when the bytes are not text */
const char *tx_sheet_csv_sniff        (const guint8  *head,
                                       gsize          len,
                                       gboolean       whole);
const char *tx_sheet_csv_encoding     (TxWorkbook    *book);

G_END_DECLS
