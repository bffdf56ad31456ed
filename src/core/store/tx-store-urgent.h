/* tx-store-urgent.h — urgent cases (tx-store-urgent.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"
#include "tx-visit.h"

G_BEGIN_DECLS

/* An urgent situation that is not settled yet */
typedef struct {
  char *id;
  char *child_id;
  char *name;
  char *visit_id;
  char *situations;  /* codes, comma separated */
  char *opened_at;
  char *birth_date;          /* the child's */
  char *residence_division;
  char *phone;
} TxUrgentCase;

GPtrArray   *tx_store_urgent_open          (TxStore        *self,
                                            GError        **error);
gboolean     tx_store_urgent_close         (TxStore        *self,
                                            const char     *child_id,
                                            const char     *note,
                                            const char     *closed_by,
                                            GError        **error);
void         tx_urgent_case_free           (TxUrgentCase   *urgent_case);

G_END_DECLS
