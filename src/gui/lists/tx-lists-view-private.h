/* tx-lists-view-private.h — the Lists view's parts, shared by its files:
 * tx-lists-view.c (the lists, the rounds, running one) and
 * tx-lists-view-round.c (a round's findings and what is done with them)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-lists-view.h"

G_BEGIN_DECLS

struct _TxListsView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkListBox          *lists_box;
  AdwComboRow         *village_row;
  GtkBox              *progress_box;
  GtkProgressBar      *progress_bar;
  GtkListBox          *rounds_box;
  AdwPreferencesGroup *round_group;
  GtkFlowBox          *kinds_box;
  GtkListBox          *items_box;

  /* Owned */
  TxStore             *store;
  TxStoreService      *service;
  GPtrArray           *villages;           /* codes; index 0 is NULL, the township */
  TxListsState        *state;              /* the lists and rounds shown */
  GPtrArray           *items;              /* of TxCompareItem: the findings shown */
  GtkToggleButton     *kind_buttons[TX_N_COMPARE_KINDS];
  gint64               round;              /* the round shown, 0 for the latest */
  int                  kind;               /* the findings shown, -1 before a round is */
  gint64               focus_item;         /* to scroll to once shown */
  gint64               registering;        /* the finding whose entry the form is asked for */
  GCancellable        *state_cancellable;
  GCancellable        *items_cancellable;
  GCancellable        *work_cancellable;   /* a round running, or an export */
  GtkWidget           *import_dialog;      /* weak */
  guint                pulse_id;
  int                  progress;           /* thousandths, set on the service's thread */
  guint                busy;
};

enum {
  TX_LISTS_VIEW_TOAST,
  TX_LISTS_VIEW_CHILD_ACTIVATED,
  TX_LISTS_VIEW_REGISTER_ENTRY,
  TX_LISTS_VIEW_N_SIGNALS
};

extern guint tx_lists_view_signals[TX_LISTS_VIEW_N_SIGNALS];

/* tx-lists-view.c */
void tx_lists_view_toast          (TxListsView  *self,
                                   const char   *text);
void tx_lists_view_refresh        (TxListsView  *self);
void tx_lists_view_update_actions (TxListsView  *self);
void tx_lists_view_work_started   (TxListsView  *self,
                                   const char   *text,
                                   gboolean      pulse);
void tx_lists_view_work_ended     (TxListsView  *self);
char *tx_lists_view_local_time    (const char   *iso);

/* tx-lists-view-round.c */
void tx_lists_view_show_round     (TxListsView  *self);
void tx_lists_view_load_items     (TxListsView  *self);
void tx_lists_view_install_round_actions (GtkWidgetClass *widget_class);
void tx_lists_view_written_cb     (GObject      *source,
                                   GAsyncResult *result,
                                   gpointer      user_data);

G_END_DECLS
