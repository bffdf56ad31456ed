/* tx-columns.h — a spreadsheet's columns mapped to the form's fields, and
 * its cells read as the form's values
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-record.h"
#include "tx-sheet.h"

G_BEGIN_DECLS

#define TX_COLUMNS_ERROR (tx_columns_error_quark ())

typedef enum {
  TX_COLUMNS_ERROR_NO_HEADER,   /* no row of the top names two fields of the form */
  TX_COLUMNS_ERROR_NO_NAMES,    /* no column holds the children's names */
  TX_COLUMNS_ERROR_NO_COLUMN,   /* a column asked for is not in the sheet */
  TX_COLUMNS_ERROR_NO_FIELD,    /* a key asked for is not a field of the form */
} TxColumnsError;

/* A column of the sheet and the field it fills */
typedef struct {
  guint     column;    /* 0-based */
  char     *letter;    /* "A", "AB" */
  char     *header;    /* as the sheet shows it: "父亲 · 姓名" for a two-row header */
  int       field;     /* index into the form, or -1: not imported */
  gboolean  by_user;   /* set by the person (--map, the mapping page), not found */
} TxColumn;

typedef struct {
  guint      header_first;  /* sheet row numbers of the header, 1-based */
  guint      header_last;
  GPtrArray *columns;       /* of TxColumn, by column */
} TxColumnMap;

/* A value that cannot be taken, or a row that cannot be: the row as the
 * sheet numbers it, the column's header, the field, the reason */
typedef struct {
  guint  row;
  char  *column;     /* the header, or NULL for the row as a whole */
  char  *key;        /* the field's key, or NULL */
  char  *message;    /* translated: what is wrong and how to fix it */
} TxRowProblem;

/* Where the values are read: divisions named without their county are
 * looked up in the workstation's township and county */
typedef struct {
  const char *county;
  const char *township;
} TxColumnsContext;

GQuark       tx_columns_error_quark    (void);
TxColumnMap *tx_column_map_detect      (GPtrArray          *rows,
                                        GError            **error);
TxColumnMap *tx_column_map_copy        (const TxColumnMap  *map);
void         tx_column_map_free        (TxColumnMap        *map);
gboolean     tx_column_map_set         (TxColumnMap        *map,
                                        const char         *column,
                                        const char         *key,
                                        GError            **error);
int          tx_column_map_find_field  (const TxColumnMap  *map,
                                        int                 field);
guint        tx_column_map_n_mapped    (const TxColumnMap  *map);
char        *tx_column_map_describe    (const TxColumnMap  *map);
int          tx_columns_match_header   (const char         *header);

gboolean     tx_columns_is_total_row   (const TxSheetRow   *row);
TxRecord    *tx_columns_read_row       (const TxColumnMap  *map,
                                        const TxSheetRow   *row,
                                        const TxColumnsContext *ctx,
                                        GPtrArray          *problems);
char        *tx_columns_read_value     (const TxField      *field,
                                        const TxCell       *cell,
                                        const TxColumnsContext *ctx,
                                        char              **message);

TxRowProblem *tx_row_problem_new       (guint               row,
                                        const char         *column,
                                        const char         *key,
                                        const char         *message);
void         tx_row_problem_free       (TxRowProblem       *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxColumnMap, tx_column_map_free)

G_END_DECLS
