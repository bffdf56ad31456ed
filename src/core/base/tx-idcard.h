/* tx-idcard.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TX_ID_ERROR (tx_id_error_quark ())

typedef enum {
  TX_ID_ERROR_LENGTH,
  TX_ID_ERROR_CHARACTERS,
  TX_ID_ERROR_LEGACY,
  TX_ID_ERROR_REGION,
  TX_ID_ERROR_BIRTH_DATE,
  TX_ID_ERROR_CHECK_DIGIT,
} TxIdError;

typedef struct {
  char     number[19];   /* normalised: upper-case X */
  char     region[7];    /* digits 1–6 */
  GDate    birth;
  gboolean male;
} TxIdInfo;

GQuark    tx_id_error_quark      (void);
char      tx_id_check_digit      (const char *first17);
char     *tx_id_normalize        (const char *text);
gboolean  tx_id_parse            (const char *text,
                                  TxIdInfo   *info,
                                  GError    **error);
char     *tx_id_upgrade_legacy   (const char *id15);
char     *tx_id_mask             (const char *number);
char     *tx_phone_mask          (const char *phone);

G_END_DECLS
