/* tx-date.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  tx_date_parse       (const char  *text,
                               GDate       *out);
char     *tx_date_normalize   (const char  *text);
char     *tx_date_format      (const GDate *date);
char     *tx_date_local_day   (const char  *iso);
char     *tx_date_local_time  (const char  *iso);
void      tx_date_today       (GDate       *out);
int       tx_date_age_on      (const GDate *birth,
                               const GDate *on);
void      tx_date_add_months  (GDate       *date,
                               int          months);
int       tx_date_compare     (const GDate *a,
                               const GDate *b);

G_END_DECLS
