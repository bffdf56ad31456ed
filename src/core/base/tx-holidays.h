/* tx-calendar.h — working days of the official calendar
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TX_CALENDAR_ERROR (tx_calendar_error_quark ())

typedef enum {
  TX_CALENDAR_ERROR_INVALID,
} TxCalendarError;

GQuark    tx_calendar_error_quark     (void);
gboolean  tx_calendar_is_working_day  (const GDate *date);
gboolean  tx_calendar_has_year        (guint        year);
gboolean  tx_calendar_load_data       (const char  *json,
                                       gsize        length,
                                       GError     **error);
gboolean  tx_calendar_load_file       (const char  *path,
                                       GError     **error);
gboolean  tx_calendar_check_data      (const char  *json,
                                       gsize        length,
                                       GError     **error);
GArray   *tx_calendar_years           (void);

G_END_DECLS
