/* tx-sheet-row.c — a spreadsheet row's cells, read by the mapping
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-sheet.h"

const TxCell *
tx_sheet_row_cell (const TxSheetRow *row,
                   guint             column)
{
  return row && column < row->n_cells ? &row->cells[column] : NULL;
}

const char *
tx_sheet_row_text (const TxSheetRow *row,
                   guint             column)
{
  const TxCell *cell = tx_sheet_row_cell (row, column);

  return cell && cell->kind != TX_CELL_EMPTY && cell->text ? cell->text : "";
}

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
