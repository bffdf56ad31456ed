/* tx-window-private.h — for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-core.h"
#include "tx-form-view.h"
#include "tx-roster-view.h"
#include "tx-window.h"

G_BEGIN_DECLS

TxRosterView   *tx_window_get_roster_view  (TxWindow *self);
TxFormView     *tx_window_get_form_view    (TxWindow *self);
struct _TxCalendarView *tx_window_get_calendar_view (TxWindow *self);
struct _TxReportsView  *tx_window_get_reports_view  (TxWindow *self);
struct _TxSyncView     *tx_window_get_sync_view     (TxWindow *self);
struct _TxListsView    *tx_window_get_lists_view    (TxWindow *self);
struct _TxAuditView    *tx_window_get_audit_view    (TxWindow *self);
TxStore        *tx_window_get_store        (TxWindow *self);
TxStoreService *tx_window_get_service      (TxWindow *self);
GtkWidget      *tx_window_get_setup_view   (TxWindow *self);
gboolean        tx_window_is_ageing_out    (TxWindow *self);
void            tx_window_restore_backup   (TxWindow   *self,
                                            const char *backup);
char           *tx_window_restore_notice   (const TxBackupInfo *from,
                                            const char         *aside);
void            tx_window_set_notice       (TxWindow   *self,
                                            const char *notice);
/* tx-window-damage.c */
gboolean        tx_window_check_damage     (TxWindow     *self,
                                            const char   *path,
                                            const GError *open_error);

G_END_DECLS
