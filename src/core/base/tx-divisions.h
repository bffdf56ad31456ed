/* tx-divisions.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Levels are named by the length of their codes */
typedef enum {
  TX_DIVISION_PROVINCE = 2,
  TX_DIVISION_CITY     = 4,
  TX_DIVISION_COUNTY   = 6,
  TX_DIVISION_TOWNSHIP = 9,
  TX_DIVISION_VILLAGE  = 12,
} TxDivisionLevel;

typedef struct {
  char  code[13];
  char *name;
} TxDivision;

const TxDivision *tx_division_lookup            (const char *code);
const char       *tx_division_name              (const char *code);
const TxDivision *tx_division_placeholder_township (const char *code);
char             *tx_division_full_name         (const char *code);
char             *tx_division_path_name         (const char *code,
                                                 TxDivisionLevel from);
GPtrArray        *tx_division_children          (const char *parent);
GPtrArray        *tx_division_search            (const char *text,
                                                 TxDivisionLevel level,
                                                 guint       limit);
gboolean          tx_division_is_city_district  (const char *county);
gboolean          tx_division_is_municipality   (const char *code);

G_END_DECLS
