/* tx-store-monitor.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * TxStoreChange:
 * @TX_STORE_CHANGE_CHILDREN: children's records (and what is worked out on them:
 *   next visits, urgent marks, the tasks of a comparison round)
 * @TX_STORE_CHANGE_VISITS: visits and urgent cases
 * @TX_STORE_CHANGE_SETTINGS: the workstation's settings, staff, schedule, services
 * @TX_STORE_CHANGE_SYNC: trusted stations, bundles, conflicts, possible duplicates
 * @TX_STORE_CHANGE_EXPORTS: the log of exports and prints
 * @TX_STORE_CHANGE_LISTS: departments' lists and comparison rounds, their findings decided or done
 *
 * What a committed change touched.
 */
typedef enum {
  TX_STORE_CHANGE_CHILDREN = 1 << 0,
  TX_STORE_CHANGE_VISITS   = 1 << 1,
  TX_STORE_CHANGE_SETTINGS = 1 << 2,
  TX_STORE_CHANGE_SYNC     = 1 << 3,
  TX_STORE_CHANGE_EXPORTS  = 1 << 4,
  TX_STORE_CHANGE_LISTS    = 1 << 5,
} TxStoreChange;

#define TX_STORE_CHANGE_ALL (TX_STORE_CHANGE_CHILDREN | TX_STORE_CHANGE_VISITS | \
                             TX_STORE_CHANGE_SETTINGS | TX_STORE_CHANGE_SYNC | \
                             TX_STORE_CHANGE_EXPORTS | TX_STORE_CHANGE_LISTS)

#define TX_TYPE_STORE_MONITOR (tx_store_monitor_get_type ())

G_DECLARE_FINAL_TYPE (TxStoreMonitor, tx_store_monitor, TX, STORE_MONITOR, GObject)

TxStoreMonitor *tx_store_monitor_for_file  (const char     *path);
void            tx_store_monitor_post      (TxStoreMonitor *self,
                                            TxStoreChange   what,
                                            gboolean        local);
guint64         tx_store_monitor_get_local_commits (TxStoreMonitor *self);
gboolean        tx_store_monitor_is_store_file (const char *path);

G_END_DECLS
