/* tx-test-util.h — shared helpers of the unit tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TEST_COUNTY   "220102"
#define TX_TEST_TOWNSHIP "220102001"

void      tx_test_init             (int        *argc,
                                    char     ***argv);
char     *tx_test_db_path          (const char *name);
TxStore  *tx_test_store_new        (const char *name);
char     *tx_test_plan             (TxStore    *store,
                                    const char *sql);
TxRecord *tx_test_fixture_record   (void);
TxCheck  *tx_test_check            (TxRecord   *record);
GDate     tx_test_date             (const char *iso);
gboolean  tx_test_check_has        (const TxCheck *check,
                                    const char *key,
                                    TxSeverity  severity);

G_END_DECLS
