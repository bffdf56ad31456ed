/* tx-calendar-view-day.c — the calendar's selected day: the children due and the visits made
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The children due on the day chosen and the visits made on it, read and
 * made into rows on the store service's thread
 * (tx_store_service_calendar_day_async()), shown in the day list.
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view-private.h"
#include "tx-gui-util.h"

/* The selected day */

static void
day_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCalendarDay) d = tx_store_service_calendar_day_finish (TX_STORE_SERVICE (source), result, &error);
  guint n;

  self->busy--;
  if (d == NULL)
    {
      tx_calendar_view_failed (self, error);
      return;
    }
  n = d->rows->len;
  /* another day's list starts at its top (the day before may have been
   * scrolled to its end: the rows then on screen were of the list's end,
   * and a click meant for the first rows met others); the same day read
   * again after a visit keeps its place */
  if (g_strcmp0 (self->listed_day, d->day) != 0)
    {
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->day_list)), 0);
      g_free (self->listed_day);
      self->listed_day = g_strdup (d->day);
    }
  /* an empty day hides the list and keeps its rows: the next full day then
   * takes them over, where building the rows anew cost a 35 ms frame */
  if (n > 0)
    tx_calendar_list_replace (self->day_entries, g_steal_pointer (&d->rows));
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
  /* the overdue list keeps to a few rows beside a day's list, and takes
   * its place when the day has nobody */
  {
    GtkScrolledWindow *overdue = GTK_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self->overdue_list)));

    gtk_scrolled_window_set_propagate_natural_height (overdue, n > 0);
    gtk_widget_set_vexpand (GTK_WIDGET (overdue), n == 0);
  }
}

void
tx_calendar_view_select_day (TxCalendarView *self,
                             guint           day)
{
  g_autofree char *iso = NULL, *division = NULL, *visitor = NULL;
  g_autofree char *title = NULL;

  if (self->service == NULL || day == 0)
    return;
  self->selected = day;
  iso = g_strdup_printf ("%04u-%02u-%02u", self->year, self->month, day);
  division = tx_calendar_view_division_filter (self);
  visitor = tx_calendar_view_staff_filter (self);
  title = g_strdup_printf (_("%s: children due and visited"), iso);
  gtk_label_set_text (self->day_title, title);
  self->busy++;
  tx_store_service_calendar_day_async (self->service, iso, division, visitor, DAY_SHOWN,
                                       tx_gui_renew_cancellable (&self->day_cancellable),
                                       day_done_cb, g_object_ref (self));
}
