/* tx-import.h — a ledger imported: the dry run, then the rows chosen
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-intake.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* What importing a row would do */
typedef enum {
  TX_IMPORT_NEW,        /* a child not registered yet */
  TX_IMPORT_UPDATE,     /* a registered child: the same identity number */
  TX_IMPORT_DUPLICATE,  /* maybe a registered child: the same name (or its pinyin) and birth date */
  TX_IMPORT_REFUSED,    /* cannot be imported; the problems say why and what to do */
} TxImportAction;

/* A value an update changes */
typedef struct {
  int   field;
  char *old_value;   /* as stored: codes, ISO dates */
  char *new_value;
} TxImportChange;

typedef struct {
  guint           row;         /* as the sheet numbers it */
  TxImportAction  action;
  TxRecord       *record;      /* the row's values; the columns not mapped are empty */
  char           *child_id;    /* an update's child, or a duplicate's possible one */
  char           *match;       /* a duplicate: why it may be the same child */
  gboolean        draft;       /* values are missing: imported as a draft */
  gboolean        unchanged;   /* an update that changes no value: nothing is written */
  GPtrArray      *changes;     /* an update's TxImportChange, in the form's order; else empty */
  gboolean        chosen;      /* imported when the plan is carried out */
  GPtrArray      *problems;    /* of TxRowProblem: a refusal's reasons, or what a draft misses */
  char           *note;        /* an update of a child who left the register: what that means */
} TxImportRow;

typedef struct {
  char        *path;
  char        *file;       /* its name, without the folder */
  char        *sheet;
  TxColumnMap *map;
  GPtrArray   *rows;       /* of TxImportRow, in the sheet's order */
  guint        counts[4];  /* by TxImportAction */
} TxImportPlan;

const char   *tx_import_action_code     (TxImportAction   action);
char         *tx_import_change_text     (const TxImportChange *change);
const char   *tx_import_action_label    (TxImportAction   action);
TxImportPlan *tx_import_plan_new        (TxStore         *store,
                                         TxIntakeSource  *source,
                                         GFileProgressCallback progress,
                                         gpointer         progress_data,
                                         GCancellable    *cancellable,
                                         GError         **error);
void          tx_import_plan_free       (TxImportPlan    *plan);
guint         tx_import_plan_n_chosen   (const TxImportPlan *plan);
gboolean      tx_import_plan_apply      (TxStore         *store,
                                         TxImportPlan    *plan,
                                         gint64          *batch,
                                         GFileProgressCallback progress,
                                         gpointer         progress_data,
                                         GCancellable    *cancellable,
                                         GError         **error);
char         *tx_import_plan_to_json    (const TxImportPlan *plan,
                                         gboolean         dry_run,
                                         gint64           batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxImportPlan, tx_import_plan_free)

G_END_DECLS
