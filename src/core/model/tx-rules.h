/* tx-rules.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tx-record.h"
#include "tx-register.h"

G_BEGIN_DECLS

typedef enum {
  TX_SEVERITY_ERROR,       /* an invalid value: the record cannot be saved */
  TX_SEVERITY_MISSING,     /* a required value is missing: saved only as a draft */
  TX_SEVERITY_WARNING,     /* worth a look, does not block anything */
  TX_SEVERITY_INELIGIBLE,  /* why the child does not (yet) meet the definition */
} TxSeverity;

typedef struct {
  int         field;     /* index into the form, -1 for the record as a whole */
  TxSeverity  severity;
  char       *message;   /* translated; says what is wrong and how to fix it */
} TxProblem;

typedef struct {
  GDate       today;
  const char *county;    /* the workstation's county, or NULL */
  const char *township;  /* the workstation's township, or NULL */
  TxAgeLimits limits;    /* the age each category holds a child until */
} TxRulesContext;

typedef struct {
  int         age;                  /* today, in full years; -1 if unknown */
  int         age_at_registration;  /* -1 if unknown */
  gboolean    eligible;             /* today */
  gboolean    eligible_in_time;     /* eligible, or will be on eligible_from */
  char       *eligible_from;        /* ISO date the six months here are up, if
                                     * they were not at registration; or NULL */
  gboolean    complete;
  GPtrArray  *problems;             /* of TxProblem */
} TxCheck;

/* Where a record stands today, in the words the roster, the ledger and the
 * command line all use */
typedef enum {
  TX_STATUS_DRAFT,
  TX_STATUS_INCOMPLETE,
  TX_STATUS_AGED_OUT,       /* past the age limit of the categories today: off the register */
  TX_STATUS_NOT_ELIGIBLE,   /* not (yet) meeting the definition */
  TX_STATUS_COMPLETE,
} TxStatus;

TxStatus     tx_status_of           (gboolean        draft,
                                     gboolean        complete,
                                     gboolean        eligible,
                                     const char     *ages_out);
const char  *tx_status_code         (TxStatus        status);
const char  *tx_status_label        (TxStatus        status);

void         tx_rules_context_init  (TxRulesContext *ctx,
                                     const char     *county,
                                     const char     *township);
TxCheck     *tx_rules_apply         (TxRecord       *record,
                                     const TxRulesContext *ctx);
gboolean     tx_field_applies       (const TxRecord *record,
                                     const TxField  *field);
gboolean     tx_field_required      (const TxRecord *record,
                                     const TxField  *field);
gboolean     tx_check_blocks_save   (const TxCheck  *check);
gboolean     tx_rules_reason_by_hand (const TxRecord *record,
                                     const char     *code);
const char  *tx_severity_name       (TxSeverity      severity);
void         tx_check_free          (TxCheck        *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCheck, tx_check_free)

G_END_DECLS
