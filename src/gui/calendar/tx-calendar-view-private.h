/* tx-calendar-view-private.h — what the files of the calendar view share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tx-calendar-view.c: the class, the filters and the month grid;
 * tx-calendar-view-lists.c: the rows, and the staff, overdue and urgent lists;
 * tx-calendar-view-day.c: the selected day's list.
 */

#pragma once

#include "tx-calendar-view.h"

G_BEGIN_DECLS

#define N_CELLS 42
/* the oldest overdue children listed; the roster's filter lists them all */
#define OVERDUE_SHOWN 200
/* due, and visited, listed under a day: a village's day in full. A list
 * view's items-changed costs GTK 4.8 time per item (25 ms for a county's
 * 7,000), so a county's busy day lists the first ones and the count. */
#define DAY_SHOWN 500

/* A row of the day and overdue lists */

#define TX_TYPE_CALENDAR_ENTRY (tx_calendar_entry_get_type ())
G_DECLARE_FINAL_TYPE (TxCalendarEntry, tx_calendar_entry, TX, CALENDAR_ENTRY, GObject)

struct _TxCalendarEntry
{
  GObject      parent_instance;
  char        *child_id;
  char        *title;
  char        *details;      /* age, village, phone: two children of one name apart */
  char        *subtitle;
  TxCalendarRowAction action; /* what the row's button does */
};

#define TX_TYPE_CALENDAR_LIST (tx_calendar_list_get_type ())
G_DECLARE_FINAL_TYPE (TxCalendarList, tx_calendar_list, TX, CALENDAR_LIST, GObject)

struct _TxCalendarList
{
  GObject    parent_instance;
  GPtrArray *entries;
};

struct _TxCalendarView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkLabel       *month_label;
  GtkLabel       *legend_label;
  GtkDropDown    *village_dropdown;
  GtkDropDown    *staff_dropdown;
  GtkGrid        *month_grid;
  GtkLabel       *day_title;
  GtkListView    *day_list;
  char           *listed_day;  /* the day whose children the day list shows, ISO */
  GtkLabel       *day_empty;
  GtkLabel       *day_more;
  GtkLabel       *overdue_title;
  GtkListView    *overdue_list;
  GtkLabel       *overdue_more;
  GtkLabel       *urgent_title;
  GtkListView    *urgent_list;
  GtkLabel       *tasks_title;
  GtkListBox     *tasks_list;
  GtkListBox     *ageing_list;
  AdwActionRow   *ageing_row;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  GPtrArray      *villages;
  GtkWidget      *cells[N_CELLS];
  GtkWidget      *numbers[N_CELLS];
  GtkWidget      *counts[N_CELLS];
  TxCalendarList *day_entries;
  TxCalendarList *overdue_entries;
  TxCalendarList *urgent_entries;
  GDate           first;       /* the first day shown (a Monday) */
  guint           year;
  guint           month;
  guint           selected;    /* day of the month, 0 for none */
  GCancellable   *month_cancellable;  /* the latest request of each kind */
  GCancellable   *day_cancellable;
  GCancellable   *lists_cancellable;
  GCancellable   *tasks_cancellable;
  GCancellable   *ageing_cancellable;
  GPtrArray      *tasks;       /* of TxCompareItem: the comparison's tasks shown */
  guint           busy;
  gboolean        stale;       /* to be read again when next shown */
  guint           midnight_id;
};

enum {
  CHILD_ACTIVATED,
  VISIT_RECORDED,
  URGENT_CLOSED,
  COMPARE_TASK_ACTIVATED,
  AGEING_OUT_ACTIVATED,
  TOAST,
  N_SIGNALS
};

extern guint tx_calendar_view_signals[N_SIGNALS];

/* tx-calendar-view.c */
char            *tx_calendar_view_staff_filter    (TxCalendarView *self);
char            *tx_calendar_view_division_filter (TxCalendarView *self);
void             tx_calendar_view_failed          (TxCalendarView *self,
                                                   const GError   *error);
void             tx_calendar_view_update_staff    (TxCalendarView *self,
                                                   GPtrArray      *staff);

/* tx-calendar-view-tasks.c */
void             tx_calendar_view_load_tasks      (TxCalendarView *self);
void             tx_calendar_view_task_activated_cb (TxCalendarView *self,
                                                     GtkListBoxRow  *row);
void             tx_calendar_view_ageing_activated_cb (TxCalendarView *self,
                                                       GtkListBoxRow  *row);

/* tx-calendar-view-lists.c */
void             tx_calendar_list_replace         (TxCalendarList *self,
                                                   GPtrArray      *rows);
void             tx_calendar_view_load_lists      (TxCalendarView *self);
void             tx_calendar_view_entry_setup_cb  (GtkSignalListItemFactory *factory,
                                                   GtkListItem              *item,
                                                   TxCalendarView           *self);
void             tx_calendar_view_entry_bind_cb   (GtkSignalListItemFactory *factory,
                                                   GtkListItem              *item,
                                                   TxCalendarView           *self);
void             tx_calendar_view_entry_unbind_cb (GtkSignalListItemFactory *factory,
                                                   GtkListItem              *item,
                                                   TxCalendarView           *self);

G_END_DECLS
