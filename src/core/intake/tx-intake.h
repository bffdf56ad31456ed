/* tx-intake.h — a ledger or a department's list, opened for its rows
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-columns.h"
#include "tx-sheet.h"

G_BEGIN_DECLS

typedef struct _TxIntakeSource TxIntakeSource;

/* One row of the sheet under the header, read as the form's values.
 * Return FALSE to stop. The row, the record and the problems belong to
 * the source; take a copy to keep them. */
typedef gboolean (*TxIntakeRowFunc) (const TxSheetRow *row,
                                     TxRecord         *record,
                                     GPtrArray        *problems,
                                     gpointer          user_data);

TxIntakeSource *tx_intake_source_open        (const char             *path,
                                              int                     sheet,
                                              GError                **error);
void            tx_intake_source_free        (TxIntakeSource         *source);
const char     *tx_intake_source_path        (TxIntakeSource         *source);
const char     *tx_intake_source_file_name   (TxIntakeSource         *source);
const char     *tx_intake_source_sheet_name  (TxIntakeSource         *source);
guint           tx_intake_source_sheet       (TxIntakeSource         *source);
TxWorkbook     *tx_intake_source_workbook    (TxIntakeSource         *source);
TxColumnMap    *tx_intake_source_get_map     (TxIntakeSource         *source);
void            tx_intake_source_set_map     (TxIntakeSource         *source,
                                              const TxColumnMap      *map);
gboolean        tx_intake_source_map_args    (TxIntakeSource         *source,
                                              const char *const      *args,
                                              GError                **error);
gboolean        tx_intake_source_foreach     (TxIntakeSource         *source,
                                              const TxColumnsContext *ctx,
                                              TxIntakeRowFunc         func,
                                              gpointer                user_data,
                                              GFileProgressCallback   progress,
                                              gpointer                progress_data,
                                              GCancellable           *cancellable,
                                              GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxIntakeSource, tx_intake_source_free)

G_END_DECLS
