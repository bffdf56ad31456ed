/* tx-store-service-calendar.c — the visit calendar's typed calls on the store service
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month's counts, the side lists (staff, overdue, urgent), a day's
 * children and closing an urgent case, each read or written on the
 * service's thread; the rows' texts are made there too, so that the view
 * only puts them on screen.
 */

#define G_LOG_DOMAIN "tx-store-service"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-store-service.h"
#include "tx-store-urgent.h"
#include "tx-store-visits.h"

void
tx_calendar_month_free (TxCalendarMonth *month)
{
  g_free (month);
}

void
tx_calendar_row_free (TxCalendarRow *row)
{
  g_free (row->child_id);
  g_free (row->title);
  g_free (row->details);
  g_free (row->subtitle);
  g_free (row);
}

void
tx_calendar_lists_free (TxCalendarLists *lists)
{
  g_clear_pointer (&lists->staff, g_ptr_array_unref);
  g_clear_pointer (&lists->overdue, g_ptr_array_unref);
  g_clear_pointer (&lists->urgent, g_ptr_array_unref);
  g_free (lists);
}

void
tx_calendar_day_free (TxCalendarDay *day)
{
  g_free (day->day);
  g_clear_pointer (&day->rows, g_ptr_array_unref);
  g_free (day);
}

/* @details: (transfer full) */
static TxCalendarRow *
calendar_row_new (const char          *child_id,
                  const char          *title,
                  char                *details,
                  const char          *subtitle,
                  TxCalendarRowAction  action)
{
  TxCalendarRow *row = g_new0 (TxCalendarRow, 1);

  row->child_id = g_strdup (child_id);
  row->title = g_strdup (title && *title ? title : "—");
  row->details = details;
  row->subtitle = g_strdup (subtitle);
  row->action = action;
  return row;
}

/* What a request of the calendar carries to the worker */
typedef struct {
  guint  year, month;
  char  *division;
  char  *visitor;
  char  *day;
  guint  max_rows;
  char  *child_id;   /* closing an urgent case: whose, how settled, by whom */
  char  *note;
  char  *closed_by;
} CalendarQuery;

static void
calendar_query_free (CalendarQuery *q)
{
  g_free (q->division);
  g_free (q->visitor);
  g_free (q->day);
  g_free (q->child_id);
  g_free (q->note);
  g_free (q->closed_by);
  g_free (q);
}

static gpointer
calendar_month_job (TxStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CalendarQuery *q = data;
  g_autoptr(TxCalendarMonth) out = g_new0 (TxCalendarMonth, 1);

  out->year = q->year;
  out->month = q->month;
  if (!tx_store_calendar_month (store, q->year, q->month, q->division, q->visitor, out->days, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * tx_store_service_calendar_month_async:
 * @division: (nullable): a village, or %NULL for all
 * @visitor: (nullable): the staff member whose visits count, or %NULL for all
 *
 * Counts the children due, overdue, visited and urgent on each day of a month.
 */
void
tx_store_service_calendar_month_async (TxStoreService      *self,
                                       guint                year,
                                       guint                month,
                                       const char          *division,
                                       const char          *visitor,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CalendarQuery *q = g_new0 (CalendarQuery, 1);

  q->year = year;
  q->month = month;
  q->division = g_strdup (division);
  q->visitor = g_strdup (visitor);
  tx_store_service_run_async (self, calendar_month_job, q, (GDestroyNotify) calendar_query_free,
                              (GDestroyNotify) tx_calendar_month_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_calendar_month_finish:
 *
 * Returns: (transfer full): the month, or %NULL with @error set
 */
TxCalendarMonth *
tx_store_service_calendar_month_finish (TxStoreService  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

static TxCalendarRow *
urgent_row (TxUrgentCase *c,
            const GDate  *today)
{
  /* Translators: between the urgent situations of one case */
  g_autofree char *what = tx_choice_labels (tx_visit_urgent_situations (), c->situations, _(", "));
  g_autofree char *since = NULL;
  g_autofree char *subtitle = NULL;

  /* opened_at is UTC: the day it was opened here, in local time */
  since = tx_date_local_day (c->opened_at);
  /* Translators: the urgent situations of a case, and the day it was opened */
  subtitle = g_strdup_printf (_("%s · since %s"), what, since);
  return calendar_row_new (c->child_id, c->name,
                           tx_child_details (c->birth_date, c->residence_division, c->phone, today, TRUE),
                           subtitle, TX_CALENDAR_ROW_CLOSE_CASE);
}

static gpointer
calendar_lists_job (TxStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  CalendarQuery *q = data;
  g_autoptr(TxCalendarLists) out = g_new0 (TxCalendarLists, 1);
  g_autoptr(GPtrArray) overdue = NULL;
  g_autoptr(GPtrArray) urgent = NULL;
  GDate day;
  g_autofree char *since = NULL, *yesterday = NULL;

  /* who visited in the last year, for the staff filter */
  tx_date_today (&day);
  g_date_subtract_days (&day, 365);
  since = tx_date_format (&day);
  tx_date_today (&day);
  g_date_subtract_days (&day, 1);
  yesterday = tx_date_format (&day);
  if (!(out->staff = tx_store_visitors (store, since, error)) ||
      !(overdue = tx_store_due_page (store, NULL, yesterday, q->division, q->max_rows,
                                     &out->overdue_total, error)) ||
      /* few and never to be missed: every open case, whatever the filter */
      !(urgent = tx_store_urgent_open (store, error)))
    return NULL;
  /* the rows made here: a county has tens of thousands overdue */
  tx_date_today (&day);
  out->overdue = g_ptr_array_new_full (overdue->len, (GDestroyNotify) tx_calendar_row_free);
  for (guint i = 0; i < overdue->len; i++)
    {
      TxDueRow *r = overdue->pdata[i];
      g_autofree char *subtitle = g_strdup_printf (_("Due %s"), r->due_date);
      char *details = tx_child_details (r->birth_date, r->residence_division, r->phone, &day, TRUE);

      g_ptr_array_add (out->overdue, calendar_row_new (r->id, r->name, details, subtitle,
                                                       TX_CALENDAR_ROW_RECORD_VISIT));
    }
  /* the newest first: a case reported today needs the supervisor now */
  out->urgent = g_ptr_array_new_full (urgent->len, (GDestroyNotify) tx_calendar_row_free);
  for (guint i = urgent->len; i > 0; i--)
    g_ptr_array_add (out->urgent, urgent_row (urgent->pdata[i - 1], &day));
  return g_steal_pointer (&out);
}

/**
 * tx_store_service_calendar_lists_async:
 * @division: (nullable): a village, or %NULL for all
 * @overdue_max: how many overdue children to list, the oldest first
 *
 * Reads the staff who visited in the last year, the children overdue and
 * the open urgent cases, and makes the rows of the overdue and urgent lists.
 */
void
tx_store_service_calendar_lists_async (TxStoreService      *self,
                                       const char          *division,
                                       guint                overdue_max,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  CalendarQuery *q = g_new0 (CalendarQuery, 1);

  q->division = g_strdup (division);
  q->max_rows = overdue_max;
  tx_store_service_run_async (self, calendar_lists_job, q, (GDestroyNotify) calendar_query_free,
                              (GDestroyNotify) tx_calendar_lists_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_calendar_lists_finish:
 *
 * Returns: (transfer full): the lists, or %NULL with @error set
 */
TxCalendarLists *
tx_store_service_calendar_lists_finish (TxStoreService  *self,
                                        GAsyncResult    *result,
                                        GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

/* Reads the day and makes its rows here, off the main thread: a county's
 * busy day has thousands */
static gpointer
calendar_day_job (TxStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CalendarQuery *q = data;
  g_autoptr(TxCalendarDay) out = g_new0 (TxCalendarDay, 1);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  guint due_total = 0, visits_total = 0;
  const TxChoice *kinds = tx_visit_kinds ();
  GDate today;
  g_autofree char *today_iso = NULL;

  out->day = g_strdup (q->day);
  if (!(due = tx_store_due_page (store, q->day, q->day, q->division, q->max_rows, &due_total, error)) ||
      !(visits = tx_store_visit_rows (store, q->day, q->division, q->visitor, q->max_rows,
                                      &visits_total, error)))
    return NULL;
  out->hidden = (due_total - due->len) + (visits_total - visits->len);

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  /* a child due on a day gone by and still listed there has not been
   * visited since: the visit recorded from the row is made today (seen in
   * the new-user walk: the dialog put the overdue day, which back-dated the
   * visit and hid that it was late) */
  out->rows = g_ptr_array_new_full (due->len + visits->len, (GDestroyNotify) tx_calendar_row_free);
  for (guint i = 0; i < due->len; i++)
    {
      TxDueRow *r = due->pdata[i];
      gboolean overdue = strcmp (r->due_date, today_iso) < 0;
      const char *why = overdue ? _("Home visit overdue") : _("Home visit due");
      g_autofree char *subtitle = NULL;

      /* the month shown is the day's: a child who leaves the register by
       * age in it says so, the last visits before the birthday */
      if (r->ages_out && strncmp (r->ages_out, q->day, 7) == 0)
        /* Translators: why a child is listed on a day, and the day the child leaves the register by age */
        subtitle = g_strdup_printf (_("%s · ages out on %s"), why, r->ages_out);
      g_ptr_array_add (out->rows, calendar_row_new (r->id, r->name,
                                                    tx_child_details (r->birth_date, r->residence_division,
                                                                      r->phone, &today, TRUE),
                                                    subtitle ? subtitle : why, TX_CALENDAR_ROW_RECORD_VISIT));
    }
  for (guint i = 0; i < visits->len; i++)
    {
      TxVisitRow *v = visits->pdata[i];
      const TxChoice *k = tx_choice_find (kinds, v->kind);
      const char *kind = k ? tx_choice_label (k) : v->kind;
      g_autofree char *subtitle = NULL;

      subtitle = v->urgent ? g_strdup_printf (_("Visited: %s · %s · urgent situation"), kind, v->visitor ? v->visitor : "")
                           : g_strdup_printf (_("Visited: %s · %s"), kind, v->visitor ? v->visitor : "");
      g_ptr_array_add (out->rows, calendar_row_new (v->child_id, v->name,
                                                    tx_child_details (v->birth_date, v->residence_division,
                                                                      v->phone, &today, TRUE),
                                                    subtitle, TX_CALENDAR_ROW_NO_ACTION));
    }
  return g_steal_pointer (&out);
}

/**
 * tx_store_service_calendar_day_async:
 * @day: the day, ISO
 * @division: (nullable): a village, or %NULL for all
 * @visitor: (nullable): the staff member whose visits are listed, or %NULL for all
 * @max_rows: how many children due, and how many visits, to list at most
 *
 * Reads the children due on a day and the visits made on it, and makes
 * their rows.
 */
void
tx_store_service_calendar_day_async (TxStoreService      *self,
                                     const char          *day,
                                     const char          *division,
                                     const char          *visitor,
                                     guint                max_rows,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CalendarQuery *q = g_new0 (CalendarQuery, 1);

  q->day = g_strdup (day);
  q->division = g_strdup (division);
  q->visitor = g_strdup (visitor);
  q->max_rows = max_rows;
  tx_store_service_run_async (self, calendar_day_job, q, (GDestroyNotify) calendar_query_free,
                              (GDestroyNotify) tx_calendar_day_free, cancellable, callback, user_data);
}

/**
 * tx_store_service_calendar_day_finish:
 *
 * Returns: (transfer full): the day, or %NULL with @error set
 */
TxCalendarDay *
tx_store_service_calendar_day_finish (TxStoreService  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

static gpointer
close_urgent_job (TxStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CalendarQuery *c = data;

  if (!tx_store_urgent_close (store, c->child_id, c->note, c->closed_by, error))
    return NULL;
  return g_strdup (c->child_id);
}

/**
 * tx_store_service_close_urgent_async:
 * @child_id: the child whose urgent case is closed
 * @note: how the case was settled
 * @closed_by: (nullable): who closed it
 *
 * Closes a child's open urgent case with a note (tx_store_urgent_close()).
 */
void
tx_store_service_close_urgent_async (TxStoreService      *self,
                                     const char          *child_id,
                                     const char          *note,
                                     const char          *closed_by,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  CalendarQuery *c = g_new0 (CalendarQuery, 1);

  c->child_id = g_strdup (child_id);
  c->note = g_strdup (note);
  c->closed_by = g_strdup (closed_by);
  tx_store_service_run_async (self, close_urgent_job, c, (GDestroyNotify) calendar_query_free, g_free,
                              cancellable, callback, user_data);
}

/**
 * tx_store_service_close_urgent_finish:
 *
 * Returns: (transfer full): the id of the child whose case was closed, or
 *   %NULL with @error set
 */
char *
tx_store_service_close_urgent_finish (TxStoreService  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}
