/* tx-aged-out-dialog.h — the children who left the register by age, told in a list
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

GtkWidget *tx_aged_out_dialog_new (GtkWindow *parent,
                                   GPtrArray *rows);

G_END_DECLS
