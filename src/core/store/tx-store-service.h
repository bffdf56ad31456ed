/* tx-store-service.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-store.h"
#include "tx-store-visits.h"
#include "tx-store-register.h"

G_BEGIN_DECLS

/**
 * TxStoreJobFunc:
 * @store: the service's own store, used only on its worker thread
 *
 * Work done on the worker thread.
 *
 * Returns: (nullable): the result handed to the callback
 */
typedef gpointer (*TxStoreJobFunc) (TxStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

#define TX_TYPE_STORE_SERVICE (tx_store_service_get_type ())

G_DECLARE_FINAL_TYPE (TxStoreService, tx_store_service, TX, STORE_SERVICE, GObject)

TxStoreService *tx_store_service_new        (const char          *path,
                                             GError             **error);
void            tx_store_service_run_async  (TxStoreService      *self,
                                             TxStoreJobFunc       func,
                                             gpointer             data,
                                             GDestroyNotify       data_destroy,
                                             GDestroyNotify       result_destroy,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gpointer        tx_store_service_run_finish (TxStoreService      *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* What a job that succeeds without a result hands back; its _finish()
 * is then tx_store_service_run_finish_boolean() */
#define TX_STORE_JOB_DONE GINT_TO_POINTER (TRUE)

gboolean        tx_store_service_run_finish_boolean (TxStoreService  *self,
                                                     GAsyncResult    *result,
                                                     GError         **error);
void            tx_store_service_wait_idle  (TxStoreService      *self);

/* Form */

/* the form's unsaved typing kept, or dropped with %NULL */
void             tx_store_service_set_autosave_async  (TxStoreService      *self,
                                                       const char          *autosave,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         tx_store_service_set_autosave_finish (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* a child's record saved, and the autosaved form dropped with it */
void             tx_store_service_save_child_async    (TxStoreService      *self,
                                                       const TxRecord      *record,
                                                       gboolean             draft,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
TxRecord        *tx_store_service_save_child_finish   (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Visit dialog */

/* a visit recorded; the error says what is wrong with it */
void             tx_store_service_save_visit_async    (TxStoreService      *self,
                                                       TxVisit             *visit,
                                                       gboolean             draft,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char            *tx_store_service_save_visit_finish   (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

/* Window */

/* a child deleted */
void             tx_store_service_delete_child_async  (TxStoreService      *self,
                                                       const char          *id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean         tx_store_service_delete_child_finish (TxStoreService      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);


/* Preferences */

/**
 * TxPreferenceChangeKind:
 * @TX_PREFERENCE_CHANGE_SETTING: a setting: @setting, @value
 * @TX_PREFERENCE_CHANGE_SCHEDULE: the visit intervals: @schedule
 * @TX_PREFERENCE_CHANGE_SERVICE_ADD: a care service: @key its group, @value
 *   and @value_en its names
 * @TX_PREFERENCE_CHANGE_SERVICE_RENAME: @key the service's id, @value and
 *   @value_en its names
 * @TX_PREFERENCE_CHANGE_SERVICE_RETIRE: @key the service's id, @flag retired
 * @TX_PREFERENCE_CHANGE_HOLIDAYS: a holiday calendar: @key the file's name
 *   (it prefixes an error), @value its JSON
 */
typedef enum {
  TX_PREFERENCE_CHANGE_SETTING,
  TX_PREFERENCE_CHANGE_SCHEDULE,
  TX_PREFERENCE_CHANGE_SERVICE_ADD,
  TX_PREFERENCE_CHANGE_SERVICE_RENAME,
  TX_PREFERENCE_CHANGE_SERVICE_RETIRE,
  TX_PREFERENCE_CHANGE_HOLIDAYS,
  TX_PREFERENCE_CHANGE_AGE_LIMITS,
} TxPreferenceChangeKind;

/**
 * TxPreferenceChange:
 *
 * One change made in the preferences; which members count depends on @kind.
 */
typedef struct {
  TxPreferenceChangeKind  kind;
  TxSetting               setting;
  char                   *key;      /* service group or id, holiday file name */
  char                   *value;    /* setting value or service name */
  char                   *value_en; /* the service's name in English, if it changes */
  gboolean                flag;     /* retired */
  TxScheduleSettings      schedule;
  TxAgeLimits             age_limits;
} TxPreferenceChange;

TxPreferenceChange *tx_preference_change_new  (TxPreferenceChangeKind  kind);
void                tx_preference_change_free (TxPreferenceChange     *change);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxPreferenceChange, tx_preference_change_free)

void             tx_store_service_change_preference_async  (TxStoreService      *self,
                                                            TxPreferenceChange  *change,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean         tx_store_service_change_preference_finish (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Reports */

void            tx_store_service_log_export_async  (TxStoreService      *self,
                                                    const char          *what,
                                                    const char          *detail,
                                                    guint                count,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean        tx_store_service_log_export_finish (TxStoreService      *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* Calendar */

/**
 * TxCalendarMonth:
 * @year: the year of the month counted
 * @month: the month, 1 to 12
 * @days: the counts of its days, the first of the month at 0
 *
 * A month of the visit calendar, from tx_store_service_calendar_month_finish().
 */
typedef struct {
  guint       year;
  guint       month;
  TxDayCounts days[31];
} TxCalendarMonth;

/**
 * TxCalendarRowAction:
 * @TX_CALENDAR_ROW_NO_ACTION: nothing to do (a visit made)
 * @TX_CALENDAR_ROW_RECORD_VISIT: a visit to record (a child due or overdue)
 * @TX_CALENDAR_ROW_CLOSE_CASE: an urgent case to close
 *
 * What the button of a calendar row does.
 */
typedef enum {
  TX_CALENDAR_ROW_NO_ACTION,
  TX_CALENDAR_ROW_RECORD_VISIT,
  TX_CALENDAR_ROW_CLOSE_CASE,
} TxCalendarRowAction;

/**
 * TxCalendarRow:
 * @child_id: the child's id
 * @title: the child's name, "—" when there is none
 * @details: age, village and masked phone: two children of one name apart
 * @subtitle: why the child is listed (due, overdue, visited, urgent since)
 * @action: what the row's button does
 *
 * A row of the calendar's day, overdue and urgent lists, its texts made on
 * the service's thread: a county's busy day has thousands.
 */
typedef struct {
  char                *child_id;
  char                *title;
  char                *details;
  char                *subtitle;
  TxCalendarRowAction  action;
} TxCalendarRow;

/**
 * TxCalendarLists:
 * @staff: (element-type utf8): who recorded a visit in the last year, for
 *   the staff filter
 * @overdue: (element-type TxCalendarRow): the oldest children overdue, at
 *   most the number asked for
 * @overdue_total: how many children are overdue in all
 * @urgent: (element-type TxCalendarRow): every open urgent case, whatever
 *   the village, the newest first
 *
 * The calendar's side lists, which depend on the data and the village, not
 * on the month: from tx_store_service_calendar_lists_finish().
 */
typedef struct {
  GPtrArray *staff;
  GPtrArray *overdue;
  guint      overdue_total;
  GPtrArray *urgent;
} TxCalendarLists;

/**
 * TxCalendarDay:
 * @day: the day, ISO
 * @rows: (element-type TxCalendarRow): the children due on the day, then
 *   the visits made on it
 * @hidden: the children due and the visits not listed
 *
 * A day of the visit calendar, from tx_store_service_calendar_day_finish().
 */
typedef struct {
  char      *day;
  GPtrArray *rows;
  guint      hidden;
} TxCalendarDay;

void             tx_calendar_month_free                    (TxCalendarMonth   *month);
void             tx_calendar_row_free                      (TxCalendarRow     *row);
void             tx_calendar_lists_free                    (TxCalendarLists   *lists);
void             tx_calendar_day_free                      (TxCalendarDay     *day);

void             tx_store_service_calendar_month_async     (TxStoreService      *self,
                                                            guint                year,
                                                            guint                month,
                                                            const char          *division,
                                                            const char          *visitor,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TxCalendarMonth *tx_store_service_calendar_month_finish    (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void             tx_store_service_calendar_lists_async     (TxStoreService      *self,
                                                            const char          *division,
                                                            guint                overdue_max,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TxCalendarLists *tx_store_service_calendar_lists_finish    (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void             tx_store_service_calendar_day_async       (TxStoreService      *self,
                                                            const char          *day,
                                                            const char          *division,
                                                            const char          *visitor,
                                                            guint                max_rows,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TxCalendarDay   *tx_store_service_calendar_day_finish      (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
void             tx_store_service_close_urgent_async       (TxStoreService      *self,
                                                            const char          *child_id,
                                                            const char          *note,
                                                            const char          *closed_by,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
char            *tx_store_service_close_urgent_finish      (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCalendarMonth, tx_calendar_month_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCalendarLists, tx_calendar_lists_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCalendarDay, tx_calendar_day_free)

/* Roster */

/**
 * TxSearchResult:
 * @rowids: (element-type gint64): the row ids of the children the query
 *   finds, in its order
 * @total: the children in the store, whatever the query
 * @key_care: of the children found, the key-care ones
 *
 * A search of the roster, from tx_store_service_search_finish().
 */
typedef struct {
  GArray *rowids;
  gint64  total;
  gint64  key_care;
} TxSearchResult;

void             tx_search_result_free                     (TxSearchResult      *result);

void             tx_store_service_search_async             (TxStoreService      *self,
                                                            const TxChildQuery  *query,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
TxSearchResult  *tx_store_service_search_finish            (TxStoreService      *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxSearchResult, tx_search_result_free)

G_END_DECLS
