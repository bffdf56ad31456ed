/* tx-calendar-view-tasks.c — the calendar's side lists of tasks: the
 * comparison's (the latest round's open findings, the first few and their
 * number) and the children who age out this month
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A task is an entry of a department's list to screen, a possible match
 * to decide, a difference to look at or a child on no list to check on
 * the next visit. Choosing one emits ::compare-task-activated: the window
 * opens the child's form, or the Lists view at the finding. The children
 * who leave the register by age before next month are one entry with their
 * number; choosing it emits ::ageing-out-activated, and the window lists
 * them in the roster.
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view-private.h"
#include "tx-gui-util.h"

#define TASKS_SHOWN 5

static GtkWidget *
task_row (const TxCompareItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->name ? item->name : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), tx_compare_kind_label (item->kind));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  return row;
}

static void
tasks_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxComparePage) t = tx_compare_tasks_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *title = NULL;
  GtkWidget *child;

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (t == NULL)
    {
      tx_calendar_view_failed (self, error);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tasks_list))))
    gtk_list_box_remove (self->tasks_list, child);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  self->tasks = g_steal_pointer (&t->items);
  for (guint i = 0; i < self->tasks->len; i++)
    gtk_list_box_append (self->tasks_list, task_row (self->tasks->pdata[i]));
  if (t->total > self->tasks->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("%u more in the Lists view"), t->total - self->tasks->len);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_append (self->tasks_list, row);
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u comparison task", "%u comparison tasks", t->total),
                           t->total);
  gtk_label_set_text (self->tasks_title, title);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_title), t->total > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->tasks_list), t->total > 0);
}

static void
ageing_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxSearchResult) r = tx_store_service_search_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *next = tx_gui_next_month ();
  g_autofree char *subtitle = NULL;
  guint n;

  self->busy--;
  if (r == NULL)
    {
      tx_calendar_view_failed (self, error);
      return;
    }
  n = r->rowids->len;
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child leaves the register by age before %s",
                                           "%u children leave the register by age before %s", n), n, next);
  adw_action_row_set_subtitle (self->ageing_row, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->ageing_list), n > 0);
}

/* Counts the children of the village chosen who age out this month */
static void
load_ageing (TxCalendarView *self)
{
  g_autoptr(TxChildQuery) q = g_new0 (TxChildQuery, 1);

  q->ages_out_before = tx_gui_next_month ();
  q->division = tx_calendar_view_division_filter (self);
  self->busy++;
  tx_store_service_search_async (self->service, q, tx_gui_renew_cancellable (&self->ageing_cancellable),
                                 ageing_done_cb, g_object_ref (self));
}

/* Asks for the comparison's open tasks and the children ageing out */
void
tx_calendar_view_load_tasks (TxCalendarView *self)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_compare_tasks_async (self->service, TASKS_SHOWN, tx_gui_renew_cancellable (&self->tasks_cancellable),
                          tasks_done_cb, g_object_ref (self));
  load_ageing (self);
}

void
tx_calendar_view_ageing_activated_cb (TxCalendarView *self,
                                      GtkListBoxRow  *row)
{
  g_autofree char *division = tx_calendar_view_division_filter (self);

  g_signal_emit (self, tx_calendar_view_signals[AGEING_OUT_ACTIVATED], 0, division);
}

void
tx_calendar_view_task_activated_cb (TxCalendarView *self,
                                    GtkListBoxRow  *row)
{
  int i = gtk_list_box_row_get_index (row);
  TxCompareItem all = { 0 };

  if (self->tasks == NULL || i < 0)
    return;
  if ((guint) i < self->tasks->len)
    g_signal_emit (self, tx_calendar_view_signals[COMPARE_TASK_ACTIVATED], 0, self->tasks->pdata[i]);
  else
    {
      /* "more": the latest round's findings to screen */
      all.kind = TX_COMPARE_NOT_REGISTERED;
      g_signal_emit (self, tx_calendar_view_signals[COMPARE_TASK_ACTIVATED], 0, &all);
    }
}
