/* tx-application.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_APPLICATION (tx_application_get_type ())

G_DECLARE_FINAL_TYPE (TxApplication, tx_application, TX, APPLICATION, AdwApplication)

TxApplication *tx_application_new (void);

G_END_DECLS
