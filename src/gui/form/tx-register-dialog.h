/* tx-register-dialog.h — recording a child's exit, reopening, or transfer
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

typedef enum {
  TX_REGISTER_DIALOG_EXIT,
  TX_REGISTER_DIALOG_REOPEN,
  TX_REGISTER_DIALOG_TRANSFER,
} TxRegisterDialogKind;

#define TX_TYPE_REGISTER_DIALOG (tx_register_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TxRegisterDialog, tx_register_dialog, TX, REGISTER_DIALOG, AdwWindow)

TxRegisterDialog     *tx_register_dialog_new        (GtkWindow            *parent,
                                                     TxStore              *store,
                                                     TxStoreService       *service,
                                                     const TxRecord       *child,
                                                     TxRegisterDialogKind  kind);
TxRegisterDialogKind  tx_register_dialog_get_kind   (TxRegisterDialog     *self);
const char           *tx_register_dialog_get_child_id (TxRegisterDialog   *self);
void                  tx_register_dialog_take_typing (TxRegisterDialog    *self,
                                                      TxRegisterDialog    *from);

/* For tests: the inputs and the message shown in place */
GtkWidget            *tx_register_dialog_get_reason   (TxRegisterDialog *self);
GtkWidget            *tx_register_dialog_get_date     (TxRegisterDialog *self);
GtkWidget            *tx_register_dialog_get_township (TxRegisterDialog *self);
GtkWidget            *tx_register_dialog_get_note     (TxRegisterDialog *self);
GtkWidget            *tx_register_dialog_get_message  (TxRegisterDialog *self);
GtkWidget            *tx_register_dialog_get_transfer_button (TxRegisterDialog *self);
const char           *tx_register_dialog_reason_code  (TxRegisterDialog *self,
                                                       guint             position);
const char           *tx_register_dialog_township_code (TxRegisterDialog *self,
                                                        guint             position);

G_END_DECLS
