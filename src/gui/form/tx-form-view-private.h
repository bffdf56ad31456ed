/* tx-form-view-private.h — for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-form-view.h"

G_BEGIN_DECLS

/* The input of a field: GtkEntry, GtkDropDown, or a box of check buttons
 * (choices with few options and multi choices, in the order of the codes),
 * or for divisions a box of drop-downs from the top level down */
GtkWidget *tx_form_view_get_input    (TxFormView *self,
                                      const char *key);
GtkWidget *tx_form_view_get_message  (TxFormView *self,
                                      const char *key);
GtkWidget *tx_form_view_get_summary  (TxFormView *self);
TxRecord  *tx_form_view_collect      (TxFormView *self);
void       tx_form_view_set_value    (TxFormView *self,
                                      const char *key,
                                      const char *value);
gboolean   tx_form_view_is_saving    (TxFormView *self);
char      *tx_form_view_problem_text (const TxProblem *problem);

G_END_DECLS
