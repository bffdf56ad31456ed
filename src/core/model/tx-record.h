/* tx-record.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tx-form.h"

G_BEGIN_DECLS

/**
 * TxRecord:
 *
 * One registration form: a value (or %NULL) per field of the declaration,
 * in the storage form (codes for choices, comma-separated codes for multi
 * choices, ISO dates), plus the bookkeeping every stored record carries.
 */
typedef struct {
  char      *id;          /* UUID, NULL until stored */
  char      *created_at;  /* ISO 8601 UTC */
  char      *updated_at;
  char      *station;     /* workstation that made the last change */
  gboolean   draft;       /* saved knowingly incomplete */
  gboolean   deleted;     /* tombstone */
  char      *next_visit_due;    /* worked out by the store when saved */
  char      *info_refresh_due;
  char      *last_home_visit;
  gboolean   urgent;            /* an urgent case is open */
  gboolean   complete;          /* as the store worked them out at the last save */
  gboolean   eligible;
  char      *register_value;    /* the last exit or reopening ("_register", JSON) */
  char      *register_state;    /* as this station sees it: active, exited, transferred */
  char      *exit_reason;       /* while not active */
  char      *exit_date;
  char      *ages_out;          /* the day the child leaves the register by age */
  char     **values;      /* one per field of tx_form_get() */
} TxRecord;

TxRecord    *tx_record_new            (void);
TxRecord    *tx_record_new_defaults   (void);
TxRecord    *tx_record_copy           (const TxRecord *record);
void         tx_record_free           (TxRecord       *record);
const char  *tx_record_get            (const TxRecord *record,
                                       int             field);
const char  *tx_record_get_key        (const TxRecord *record,
                                       const char     *key);
void         tx_record_set            (TxRecord       *record,
                                       int             field,
                                       const char     *value);
void         tx_record_take           (TxRecord       *record,
                                       int             field,
                                       char           *value);
gboolean     tx_record_set_key        (TxRecord       *record,
                                       const char     *key,
                                       const char     *value);
gboolean     tx_record_has_code       (const TxRecord *record,
                                       int             field,
                                       const char     *code);
gboolean     tx_record_equal_values   (const TxRecord *a,
                                       const TxRecord *b);
char        *tx_record_input_value    (const TxField  *field,
                                       const char     *text);
char        *tx_multi_join            (const TxField  *field,
                                       const char *const *codes);
char        *tx_record_display_value  (const TxRecord *record,
                                       int             field);

/* A child told apart from another of the same name, in a line */
char      *tx_child_details       (const char        *birth_date,
                                   const char        *residence_division,
                                   const char        *phone,
                                   const GDate       *today,
                                   gboolean           mask_phone);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxRecord, tx_record_free)

G_END_DECLS
