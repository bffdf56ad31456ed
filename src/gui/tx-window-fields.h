/* tx-window-fields.h — the main window's fields, shared by tx-window*.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-audit-view.h"
#include "tx-backup-bar.h"
#include "tx-calendar-view.h"
#include "tx-form-view.h"
#include "tx-lists-view.h"
#include "tx-lock-view.h"
#include "tx-login-view.h"
#include "tx-reports-view.h"
#include "tx-roster-view.h"
#include "tx-setup-view.h"
#include "tx-sync-view.h"
#include "tx-window-private.h"

G_BEGIN_DECLS

struct _TxWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkWidget       *back_button;
  GtkWidget       *new_button;
  GtkWidget       *history_button;
  GtkWidget       *visits_button;
  AdwWindowTitle  *window_title;
  GtkStack        *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack    *views;
  TxCalendarView  *calendar_view;
  TxReportsView   *reports_view;
  TxListsView     *lists_view;
  TxSyncView      *sync_view;
  TxAuditView     *audit_view;
  AdwViewStackPage *reports_page;  /* the pages a role may not see */
  AdwViewStackPage *lists_page;
  AdwViewStackPage *sync_page;
  AdwViewStackPage *audit_page;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  TxSetupView     *setup_view;
  TxRosterView    *roster_view;
  TxFormView      *form_view;
  TxLoginView     *login_view;
  TxLockView      *lock_view;
  TxBackupBar     *backup_bar;
  GMenu           *account_section;

  /* Owned */
  TxStore         *store;      /* main thread: single records, pages of rows */
  TxStoreService  *service;    /* worker: searches and writes */
  TxStoreService  *reports_service; /* worker of the Reports view: a county's
                                     * month of visits takes it for a minute */
  GSettings       *settings;
  guint            poll_id;    /* looks for other programs' changes */
  GCallback        after_save; /* what to do once the form is saved */
  char            *after_save_arg;
  gint64           registering;  /* the comparison's finding the form registers, or 0 */
  gboolean         closing;
  GCancellable    *ageing_cancellable;  /* the ageing out run at start and each midnight */
  guint            ageing_midnight_id;
  char            *path;       /* the store, open or waiting for a login */
  char            *notice;     /* what a restore did, told at the login and after */
};

/* tx-window.c, for its other files */
void tx_window_show_page      (TxWindow   *self,
                               const char *name);
void tx_window_start_login_at (TxWindow   *self,
                               const char *path);
/* tx-window-autosave.c */
void tx_window_offer_autosaved (TxWindow *self);

G_END_DECLS
