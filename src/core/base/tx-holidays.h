/* tx-calendar.h — working days of the official calendar
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TX_HOLIDAYS_ERROR (tx_holidays_error_quark ())

typedef enum {
  TX_HOLIDAYS_ERROR_INVALID,
} TxHolidaysError;

GQuark    tx_holidays_error_quark     (void);
gboolean  tx_holidays_is_working_day  (const GDate *date);
gboolean  tx_holidays_has_year        (guint        year);
gboolean  tx_holidays_load_data       (const char  *json,
                                       gsize        length,
                                       GError     **error);
gboolean  tx_holidays_load_file       (const char  *path,
                                       GError     **error);
gboolean  tx_holidays_check_data      (const char  *json,
                                       gsize        length,
                                       GError     **error);
GArray   *tx_holidays_years           (void);

G_END_DECLS
