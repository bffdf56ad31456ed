/* tx-demo.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* The demo store's supervisor and password (made-up children: the
 * password is no secret; tools/demo.sh and the window's demo use it) */
#define TX_DEMO_SUPERVISOR "李春梅"
#define TX_DEMO_PASSWORD   "nanling-demo-2026"

typedef void (*TxDemoProgress) (guint done, guint total, gpointer user_data);

gboolean tx_demo_generate (TxStore        *store,
                           guint           n_children,
                           guint32         seed,
                           TxDemoProgress  progress,
                           gpointer        user_data,
                           GError        **error);

G_END_DECLS
