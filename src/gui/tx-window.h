/* tx-window.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_WINDOW (tx_window_get_type ())

G_DECLARE_FINAL_TYPE (TxWindow, tx_window, TX, WINDOW, AdwApplicationWindow)

TxWindow   *tx_window_new            (GtkApplication *application,
                                      const char     *db_path);
gboolean    tx_window_open_database  (TxWindow       *self,
                                      const char     *path);
const char *tx_window_get_page       (TxWindow       *self);

G_END_DECLS
