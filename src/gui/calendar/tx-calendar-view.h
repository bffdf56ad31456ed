/* tx-calendar-view.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

#define TX_TYPE_CALENDAR_VIEW (tx_calendar_view_get_type ())

G_DECLARE_FINAL_TYPE (TxCalendarView, tx_calendar_view, TX, CALENDAR_VIEW, AdwBin)

void      tx_calendar_view_set_store   (TxCalendarView *self,
                                        TxStore        *store,
                                        TxStoreService *service);
void      tx_calendar_view_refresh     (TxCalendarView *self);
void      tx_calendar_view_show_month  (TxCalendarView *self,
                                        guint           year,
                                        guint           month);
gboolean  tx_calendar_view_is_busy     (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_day_cell (TxCalendarView *self,
                                          guint           day);
GtkWidget *tx_calendar_view_get_day_list (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_overdue_list (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_tasks_list  (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_ageing_row  (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_urgent_list (TxCalendarView *self);
GtkWidget *tx_calendar_view_get_staff_dropdown (TxCalendarView *self);
GtkWidget *tx_calendar_view_close_urgent (TxCalendarView *self,
                                          const char     *child_id,
                                          const char     *name);
void      tx_calendar_view_select_day  (TxCalendarView *self,
                                        guint           day);
GtkWidget *tx_calendar_view_record_visit (TxCalendarView *self,
                                          const char     *child_id,
                                          const char     *day);

G_END_DECLS
