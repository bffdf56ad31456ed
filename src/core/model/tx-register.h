/* tx-register.h — a child's time on the register: age limits, exits
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tx-record.h"

G_BEGIN_DECLS

/* The register states a station shows (child.register) */
#define TX_REGISTER_ACTIVE      "active"
#define TX_REGISTER_EXITED      "exited"
#define TX_REGISTER_TRANSFERRED "transferred"

/* The reasons a child leaves (the CLI's --reason) */
#define TX_EXIT_AGED_OUT     "aged-out"
#define TX_EXIT_MOVED_AWAY   "moved-away"
#define TX_EXIT_RETURNED     "returned-home"
#define TX_EXIT_TRANSFERRED  "transferred"
#define TX_EXIT_NOT_ELIGIBLE "not-eligible"
#define TX_EXIT_DIED         "died"
#define TX_EXIT_OTHER        "other"

/* Who recorded an exit the rule made */
#define TX_REGISTER_BY_RULE  "rule"

/* The age each category holds a child until, in full years (settings) */
typedef struct {
  int migrant;      /* 流动儿童: under 16 */
  int left_behind;  /* 留守儿童: under 16 */
  int distressed;   /* 困境儿童: children, under 18 */
} TxAgeLimits;

/* A change of a child's place on the register: an exit or a reopening.
 * Travels between stations as the child's field "_register" (JSON). */
typedef struct {
  char *state;   /* "exited" or "active" (reopened) */
  char *reason;  /* an exit's reason code */
  char *date;    /* ISO date of the exit, or of the reopening */
  char *note;
  char *by;      /* the person, or TX_REGISTER_BY_RULE */
  char *at;      /* ISO 8601 UTC time it was recorded; none for the rule's */
} TxRegisterEntry;

void              tx_age_limits_init         (TxAgeLimits           *limits);
gboolean          tx_register_ages_out       (const TxRecord        *record,
                                              const TxAgeLimits     *limits,
                                              GDate                 *out);
char             *tx_register_ages_out_text  (const TxRecord        *record,
                                              const TxAgeLimits     *limits);

const char *const *tx_exit_reasons           (void);
gboolean          tx_exit_reason_valid       (const char            *code);
const char       *tx_exit_reason_label       (const char            *code);

TxRegisterEntry  *tx_register_entry_parse    (const char            *value);
char             *tx_register_entry_format   (const TxRegisterEntry *entry);
void              tx_register_entry_free     (TxRegisterEntry       *entry);
char             *tx_register_describe       (const char            *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRegisterEntry, tx_register_entry_free)

G_END_DECLS
