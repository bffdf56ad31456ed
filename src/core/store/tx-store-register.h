/* tx-store-register.h — exits, reopenings, age limits and transfers
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-register.h"
#include "tx-store.h"

G_BEGIN_DECLS

/* The states of a transfer */
#define TX_TRANSFER_OFFERED  "offered"
#define TX_TRANSFER_ACCEPTED "accepted"
#define TX_TRANSFER_REFUSED  "refused"

/* A move to another township of the county: offered by the old township,
 * accepted or refused by the county */
typedef struct {
  char *id;
  char *child;
  char *child_name;      /* as this station has the record, if it has it */
  char *from_township;   /* nine-digit codes */
  char *to_township;
  char *date;            /* the day the child moved */
  char *offered_at;
  char *offered_by;
  char *offer_note;
  char *state;           /* offered, accepted, refused */
  char *decided_at;
  char *decided_by;
  char *note;            /* the county's note; a refusal's reason */
} TxTransfer;

void        tx_transfer_free               (TxTransfer        *transfer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxTransfer, tx_transfer_free)

void        tx_store_get_age_limits        (TxStore           *self,
                                            TxAgeLimits       *limits);
gboolean    tx_store_set_age_limits        (TxStore           *self,
                                            const TxAgeLimits *limits,
                                            GError           **error);

gboolean    tx_store_child_exit            (TxStore           *self,
                                            const char        *id,
                                            const char        *reason,
                                            const char        *date,
                                            const char        *note,
                                            GError           **error);
gboolean    tx_store_child_reopen          (TxStore           *self,
                                            const char        *id,
                                            const char        *note,
                                            GError           **error);
char       *tx_store_child_transfer        (TxStore           *self,
                                            const char        *id,
                                            const char        *township,
                                            const char        *date,
                                            const char        *note,
                                            GError           **error);
GPtrArray  *tx_store_transfers_list        (TxStore           *self,
                                            const char        *state,
                                            GError           **error);
TxTransfer *tx_store_transfer_get          (TxStore           *self,
                                            const char        *id,
                                            GError           **error);
TxTransfer *tx_store_transfer_of_child     (TxStore           *self,
                                            const char        *child);
gboolean    tx_store_transfer_decide       (TxStore           *self,
                                            const char        *id,
                                            gboolean           accept,
                                            const char        *note,
                                            GError           **error);
gboolean    tx_store_ageing_out_run        (TxStore           *self,
                                            const GDate       *today,
                                            GPtrArray        **exited,
                                            GPtrArray        **held,
                                            GError           **error);
gboolean    tx_store_register_refresh      (TxStore           *self,
                                            const char        *child,
                                            GError           **error);
gboolean    tx_store_register_set_value    (TxStore           *self,
                                            const char        *id,
                                            const char        *value,
                                            GError           **error);
gboolean    tx_store_transfer_synced       (TxStore           *self,
                                            const char        *id,
                                            gboolean           decided,
                                            GError           **error);

G_END_DECLS
