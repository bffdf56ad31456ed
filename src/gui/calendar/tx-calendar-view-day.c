/* tx-calendar-view-day.c — the calendar's selected day: the children due and the visits made
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view-private.h"
#include "tx-gui-util.h"

/* The selected day */

typedef struct {
  char      *day;
  char      *division;
  char      *visitor;
  GPtrArray *entries;   /* TxCalendarEntry: the due children, then the visits */
  guint      hidden;    /* children due and visits not listed */
} DayData;

static void
day_data_free (DayData *d)
{
  g_free (d->day);
  g_free (d->division);
  g_free (d->visitor);
  g_clear_pointer (&d->entries, g_ptr_array_unref);
  g_free (d);
}

/* Reads the day and makes its rows here, off the main thread: a county's
 * busy day has thousands */
static gpointer
day_job (TxStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  DayData *in = data;
  DayData *out = g_new0 (DayData, 1);
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  guint due_total = 0, visits_total = 0;
  const TxChoice *kinds = tx_visit_kinds ();
  GDate today;
  g_autofree char *today_iso = NULL;
  out->day = g_strdup (in->day);
  if (!(due = tx_store_due_page (store, in->day, in->day, in->division, DAY_SHOWN, &due_total, error)) ||
      !(visits = tx_store_visit_rows (store, in->day, in->division, in->visitor, DAY_SHOWN,
                                      &visits_total, error)))
    {
      day_data_free (out);
      return NULL;
    }
  out->hidden = (due_total - due->len) + (visits_total - visits->len);

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  /* a child due on a day gone by and still listed there has not been
   * visited since: the visit recorded from the row is made today (seen in
   * the new-user walk: the dialog put the overdue day, which back-dated the
   * visit and hid that it was late) */
  out->entries = g_ptr_array_new_full (due->len + visits->len, g_object_unref);
  for (guint i = 0; i < due->len; i++)
    {
      TxDueRow *r = due->pdata[i];
      gboolean overdue = strcmp (r->due_date, today_iso) < 0;

      g_ptr_array_add (out->entries, tx_calendar_entry_new (r->id, r->name,
                                                            tx_gui_child_details (r->birth_date,
                                                                                  r->residence_division,
                                                                                  r->phone, &today, TRUE),
                                                            overdue ? _("Home visit overdue")
                                                                    : _("Home visit due"),
                                                            ENTRY_RECORD_VISIT));
    }
  for (guint i = 0; i < visits->len; i++)
    {
      TxVisitRow *v = visits->pdata[i];
      const TxChoice *k = tx_choice_find (kinds, v->kind);
      const char *kind = k ? tx_choice_label (k) : v->kind;
      g_autofree char *subtitle = NULL;

      subtitle = v->urgent ? g_strdup_printf (_("Visited: %s · %s · urgent situation"), kind, v->visitor ? v->visitor : "")
                           : g_strdup_printf (_("Visited: %s · %s"), kind, v->visitor ? v->visitor : "");
      g_ptr_array_add (out->entries, tx_calendar_entry_new (v->child_id, v->name,
                                                            tx_gui_child_details (v->birth_date,
                                                                                  v->residence_division,
                                                                                  v->phone, &today, TRUE),
                                                            subtitle, ENTRY_NO_ACTION));
    }
  return out;
}

static void
day_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TxCalendarPending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  DayData *d = tx_calendar_view_take_result (source, result, p, &self->day_generation, (GDestroyNotify) day_data_free);
  guint n;

  if (d == NULL)
    return;
  n = d->entries->len;
  /* an empty day hides the list and keeps its rows: the next full day then
   * takes them over, where building the rows anew cost a 35 ms frame */
  if (n > 0)
    tx_calendar_list_replace (self->day_entries, g_steal_pointer (&d->entries));
  gtk_widget_set_visible (GTK_WIDGET (self->day_empty), n == 0);
  if (d->hidden)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more is not listed; choose a village to narrow the list.",
                                                            "%u more are not listed; choose a village to narrow the list.",
                                                            d->hidden), d->hidden);
      gtk_label_set_text (self->day_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->day_more), d->hidden > 0);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->day_list)), n > 0);
  day_data_free (d);
}

void
tx_calendar_view_select_day (TxCalendarView *self,
                             guint           day)
{
  DayData *d;
  TxCalendarPending *p;
  g_autofree char *title = NULL;

  if (self->service == NULL || day == 0)
    return;
  self->selected = day;
  d = g_new0 (DayData, 1);
  d->day = g_strdup_printf ("%04u-%02u-%02u", self->year, self->month, day);
  d->division = tx_calendar_view_division_filter (self);
  d->visitor = tx_calendar_view_staff_filter (self);
  title = g_strdup_printf (_("%s: children due and visited"), d->day);
  gtk_label_set_text (self->day_title, title);
  p = g_new0 (TxCalendarPending, 1);
  p->self = g_object_ref (self);
  p->generation = ++self->day_generation;
  self->busy++;
  tx_store_service_run_async (self->service, day_job, d, (GDestroyNotify) day_data_free,
                              (GDestroyNotify) day_data_free, NULL, day_done_cb, p);
}
