/* tx-visit.h — a home visit and its work-log entry (走访记录)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-form.h"
#include "tx-rules.h"

G_BEGIN_DECLS

typedef struct {
  char *id;
  char *created_at;
  char *updated_at;
  char *station;
  char *child_id;
  char *date;
  char *visitor;
  char *kind;                /* home, phone, school, other */
  char *living;              /* findings: 生活保障 */
  char *guardianship_found;  /* 家庭监护 */
  char *medical_schooling;   /* 就医就学 */
  char *care_services;       /* 关爱服务 */
  char *needs;
  char *actions;
  char *follow_up;
  char *services;            /* service ids, comma separated */
  char *guardianship;        /* a re-assessment, or NULL */
  char *guardianship_problem;
  char *urgent;              /* urgent situation codes, comma separated */
  char *police_reported_at;
  char *police_station;
  char *police_officer;
  char *police_receipt;
  char *police_measures;
  gboolean complete;
} TxVisit;

/* A problem of a visit, named by its public key */
typedef struct {
  char       *key;
  TxSeverity  severity;
  char       *message;
} TxVisitProblem;

const TxChoice *tx_visit_kinds               (void);
const TxChoice *tx_visit_urgent_situations   (void);
const char     *tx_visit_urgent_problem      (const char    *situation);
gboolean        tx_visit_asks_reassessment   (const TxVisit *visit,
                                              const char    *current);
TxVisit        *tx_visit_new                 (void);
void            tx_visit_free                (TxVisit       *visit);
gboolean        tx_visit_apply_json          (TxVisit       *visit,
                                              JsonObject    *object,
                                              GPtrArray     *problems);
JsonNode       *tx_visit_to_json             (const TxVisit *visit);
GPtrArray      *tx_visit_problems_new        (void);
GPtrArray      *tx_visit_check               (TxVisit       *visit,
                                              const GDate   *today);
gboolean        tx_visit_problems_block      (GPtrArray     *problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxVisit, tx_visit_free)

G_END_DECLS
