/* tx-form-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_FORM_VIEW (tx_form_view_get_type ())

G_DECLARE_FINAL_TYPE (TxFormView, tx_form_view, TX, FORM_VIEW, AdwBin)

void        tx_form_view_set_store    (TxFormView     *self,
                                       TxStore        *store,
                                       TxStoreService *service);
gboolean    tx_form_view_load         (TxFormView     *self,
                                       const char     *id,
                                       GError        **error);
void        tx_form_view_load_record  (TxFormView     *self,
                                       const TxRecord *record,
                                       gboolean        dirty);
gboolean    tx_form_view_is_dirty     (TxFormView     *self);
const char *tx_form_view_get_id       (TxFormView     *self);
char       *tx_form_view_dup_title    (TxFormView     *self);
void        tx_form_view_save         (TxFormView     *self,
                                       gboolean        draft);
void        tx_form_view_discard      (TxFormView     *self);
void        tx_form_view_focus_first  (TxFormView     *self);

GtkWidget   *tx_form_view_show_visits     (TxFormView     *self);

G_END_DECLS
