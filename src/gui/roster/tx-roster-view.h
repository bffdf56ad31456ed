/* tx-roster-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_ROSTER_VIEW (tx_roster_view_get_type ())

G_DECLARE_FINAL_TYPE (TxRosterView, tx_roster_view, TX, ROSTER_VIEW, AdwBin)

/* The children the roster lists by their place on the register, in the
 * order of its drop-down */
typedef enum {
  TX_ROSTER_REGISTER_ACTIVE,    /* on it today */
  TX_ROSTER_REGISTER_AGES_OUT,  /* on it, and leaving by age this month */
  TX_ROSTER_REGISTER_LEFT,      /* left it: aged out, moved away, transferred… */
} TxRosterRegister;

void        tx_roster_view_set_store      (TxRosterView   *self,
                                           TxStore        *store,
                                           TxStoreService *service);
void        tx_roster_view_refresh        (TxRosterView   *self);
void        tx_roster_view_focus_search   (TxRosterView   *self);
const char *tx_roster_view_get_selected_id (TxRosterView  *self);
void        tx_roster_view_select_after_refresh (TxRosterView *self,
                                                 const char   *id);
void        tx_roster_view_show_register  (TxRosterView     *self,
                                           TxRosterRegister  which,
                                           const char       *reason,
                                           const char       *division);

void      tx_roster_view_export        (TxRosterView   *self,
                                        gboolean        forms,
                                        GFile          *file);
gboolean  tx_roster_view_is_exporting  (TxRosterView   *self);

G_END_DECLS
