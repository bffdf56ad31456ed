/* tx-calendar-view.c — the visit calendar: who is due, overdue, visited, urgent
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month grid, Monday first. Each day says in words and numbers how many
 * children are due, how many of those are overdue, how many visits were
 * made and how many urgent children are due, each in its own colour. The
 * counts, the selected day's children and the overdue list are read on the
 * store service's thread. The side lists depend on the data and the village,
 * not on the month, so moving through the months reads only the counts; the
 * day and overdue lists are list views, which make widgets for the rows on
 * screen only, so a county's busy day costs no more than a quiet one.
 *
 * This file holds the class, the filters and the month grid; the rows and
 * the side lists are in tx-calendar-view-lists.c, the selected day in
 * tx-calendar-view-day.c (tx-calendar-view-private.h has what they share).
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view-private.h"
#include "tx-gui-util.h"

G_DEFINE_FINAL_TYPE (TxCalendarView, tx_calendar_view, ADW_TYPE_BIN)

guint tx_calendar_view_signals[N_SIGNALS];

/* The staff member chosen, or %NULL for everybody */
char *
tx_calendar_view_staff_filter (TxCalendarView *self)
{
  guint v = gtk_drop_down_get_selected (self->staff_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->staff_dropdown);

  if (model == NULL || v == GTK_INVALID_LIST_POSITION || v == 0 || v >= g_list_model_get_n_items (model))
    return NULL;
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), v));
}

char *
tx_calendar_view_division_filter (TxCalendarView *self)
{
  guint v = gtk_drop_down_get_selected (self->village_dropdown);

  if (self->villages && v != GTK_INVALID_LIST_POSITION && v > 0 && v < self->villages->len)
    return g_strdup (self->villages->pdata[v]);
  return NULL;
}

/* The month */

/* Says why a request failed, unless a newer one of its kind took its place
 * or the view went away */
void
tx_calendar_view_failed (TxCalendarView *self,
                         const GError   *error)
{
  if (!tx_gui_is_cancelled (error))
    g_signal_emit (self, tx_calendar_view_signals[TOAST], 0, error->message);
}

static void staff_changed_cb (TxCalendarView *self);

/* A new list of staff keeps the person chosen, and does not refresh */
void
tx_calendar_view_update_staff (TxCalendarView *self,
                               GPtrArray      *staff)
{
  GListModel *model = gtk_drop_down_get_model (self->staff_dropdown);
  g_autofree char *chosen = tx_calendar_view_staff_filter (self);
  g_autoptr(GtkStringList) list = NULL;
  guint selected = 0;

  if (model && g_list_model_get_n_items (model) == staff->len + 1)
    {
      gboolean same = TRUE;
      for (guint i = 0; same && i < staff->len; i++)
        same = g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), staff->pdata[i]);
      if (same)
        return;
    }
  list = gtk_string_list_new (NULL);
  gtk_string_list_append (list, _("All staff"));
  for (guint i = 0; i < staff->len; i++)
    {
      gtk_string_list_append (list, staff->pdata[i]);
      if (g_strcmp0 (chosen, staff->pdata[i]) == 0)
        selected = i + 1;
    }
  g_signal_handlers_block_by_func (self->staff_dropdown, staff_changed_cb, self);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->staff_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->staff_dropdown, staff_changed_cb, self);
}

static void
month_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCalendarMonth) d = tx_store_service_calendar_month_finish (TX_STORE_SERVICE (source), result,
                                                                         &error);
  GDate today;

  self->busy--;
  if (d == NULL)
    {
      tx_calendar_view_failed (self, error);
      return;
    }
  tx_date_today (&today);

  for (guint i = 0; i < N_CELLS; i++)
    {
      GDate day = self->first;
      gboolean in_month;
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *number = NULL, *a11y = NULL;

      g_date_add_days (&day, i);
      in_month = g_date_get_month (&day) == self->month;
      number = g_strdup_printf ("%u", g_date_get_day (&day));
      gtk_label_set_text (GTK_LABEL (self->numbers[i]), number);
      gtk_widget_set_sensitive (self->cells[i], in_month);
      if (g_date_compare (&day, &today) == 0)
        gtk_widget_add_css_class (self->cells[i], "tx-today");
      else
        gtk_widget_remove_css_class (self->cells[i], "tx-today");

      if (in_month)
        {
          const TxDayCounts *c = &d->days[g_date_get_day (&day) - 1];
          guint due = c->due - c->overdue;

          /* words with the numbers: colour is never the only sign */
          if (c->overdue)
            g_string_append_printf (text, "<span foreground=\"#c01c28\">%s %u</span>\n", _("Overdue"), c->overdue);
          if (due)
            g_string_append_printf (text, "<span foreground=\"#1c71d8\">%s %u</span>\n", _("Due"), due);
          if (c->done)
            g_string_append_printf (text, "<span foreground=\"#26a269\">%s %u</span>\n", _("Visited"), c->done);
          if (c->urgent)
            g_string_append_printf (text, "<span foreground=\"#c01c28\" weight=\"bold\">%s %u</span>\n", _("Urgent"), c->urgent);
          if (text->len)
            g_string_truncate (text, text->len - 1);
          a11y = g_strdup_printf (_("%u %s: %u overdue, %u due, %u visited, %u urgent"),
                                  g_date_get_day (&day), gtk_label_get_text (self->month_label),
                                  c->overdue, due, c->done, c->urgent);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->cells[i]), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
        }
      gtk_label_set_markup (GTK_LABEL (self->counts[i]), text->str);
    }
}

static void
entry_activated_cb (GtkListView    *list,
                    guint           position,
                    TxCalendarView *self)
{
  g_autoptr(TxCalendarEntry) entry = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)),
                                                            position);

  if (entry && entry->child_id)
    g_signal_emit (self, tx_calendar_view_signals[CHILD_ACTIVATED], 0, entry->child_id);
}

/* Asks for the month's counts, and the selected day's children */
static void
load_month (TxCalendarView *self)
{
  g_autofree char *division = NULL, *visitor = NULL;
  GDate first;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *label = NULL;

  if (self->service == NULL)
    return;
  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, self->month, self->year);
  self->first = first;
  /* back to the Monday on or before the first */
  g_date_subtract_days (&self->first, g_date_get_weekday (&first) - G_DATE_MONDAY);
  dt = g_date_time_new_local (self->year, self->month, 1, 0, 0, 0);
  /* Translators: the month shown by the calendar, as g_date_time_format() writes it */
  label = g_date_time_format (dt, _("%B %Y"));
  gtk_label_set_text (self->month_label, label);

  division = tx_calendar_view_division_filter (self);
  visitor = tx_calendar_view_staff_filter (self);
  self->busy++;
  tx_store_service_calendar_month_async (self->service, self->year, self->month, division, visitor,
                                         tx_gui_renew_cancellable (&self->month_cancellable),
                                         month_done_cb, g_object_ref (self));
  if (self->selected)
    tx_calendar_view_select_day (self, MIN (self->selected,
                                            g_date_get_days_in_month (self->month, self->year)));
}

/**
 * tx_calendar_view_refresh:
 *
 * Reads everything again, for when the data changed.
 */
void
tx_calendar_view_refresh (TxCalendarView *self)
{
  /* hidden, it reads nothing: the roster's first page goes first at start */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  load_month (self);
  tx_calendar_view_load_lists (self);
  tx_calendar_view_load_tasks (self);
}

/**
 * tx_calendar_view_show_month:
 *
 * Shows another month; the side lists, which do not depend on the month,
 * stay as they are.
 */
void
tx_calendar_view_show_month (TxCalendarView *self,
                             guint           year,
                             guint           month)
{
  self->year = year;
  self->month = month;
  load_month (self);
}

static void
move_month (TxCalendarView *self,
            int             delta)
{
  int m = (int) self->month + delta;
  guint y = self->year;

  if (m < 1)
    m = 12, y--;
  else if (m > 12)
    m = 1, y++;
  tx_calendar_view_show_month (self, y, m);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_month (TX_CALENDAR_VIEW (widget), -1);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  move_month (TX_CALENDAR_VIEW (widget), 1);
}

static void
today_action (GtkWidget *widget, const char *name, GVariant *param)
{
  TxCalendarView *self = TX_CALENDAR_VIEW (widget);
  GDate today;

  tx_date_today (&today);
  self->selected = g_date_get_day (&today);
  tx_calendar_view_show_month (self, g_date_get_year (&today), g_date_get_month (&today));
}

static void
cell_clicked_cb (GtkButton      *button,
                 TxCalendarView *self)
{
  guint i = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cell"));
  GDate day = self->first;

  g_date_add_days (&day, i);
  if (g_date_get_month (&day) == self->month)
    tx_calendar_view_select_day (self, g_date_get_day (&day));
}

/* The village changes the counts and every list */
static void
filter_changed_cb (TxCalendarView *self)
{
  tx_calendar_view_refresh (self);
}

/* The staff member changes the counts and the day's visits */
static void
staff_changed_cb (TxCalendarView *self)
{
  load_month (self);
}

/* Overdue is worked out on today: a new day reads everything again */
static gboolean
midnight_cb (gpointer data)
{
  TxCalendarView *self = data;

  self->midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), midnight_cb, self);
  tx_calendar_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
tx_calendar_view_map (GtkWidget *widget)
{
  TxCalendarView *self = TX_CALENDAR_VIEW (widget);

  GTK_WIDGET_CLASS (tx_calendar_view_parent_class)->map (widget);
  if (self->stale)
    tx_calendar_view_refresh (self);
}

static void
tx_calendar_view_dispose (GObject *object)
{
  TxCalendarView *self = TX_CALENDAR_VIEW (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_cancellable_cancel (self->month_cancellable);
  g_cancellable_cancel (self->day_cancellable);
  g_cancellable_cancel (self->lists_cancellable);
  g_clear_object (&self->month_cancellable);
  g_clear_object (&self->day_cancellable);
  g_clear_pointer (&self->listed_day, g_free);
  g_clear_object (&self->lists_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CALENDAR_VIEW);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  g_clear_object (&self->day_entries);
  g_clear_object (&self->overdue_entries);
  g_clear_object (&self->urgent_entries);
  g_cancellable_cancel (self->tasks_cancellable);
  g_clear_object (&self->tasks_cancellable);
  g_cancellable_cancel (self->ageing_cancellable);
  g_clear_object (&self->ageing_cancellable);
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  G_OBJECT_CLASS (tx_calendar_view_parent_class)->dispose (object);
}

static void
tx_calendar_view_class_init (TxCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_calendar_view_dispose;
  widget_class->map = tx_calendar_view_map;

  tx_calendar_view_signals[CHILD_ACTIVATED] = g_signal_new ("child-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  tx_calendar_view_signals[URGENT_CLOSED] = g_signal_new ("urgent-closed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TxCalendarView::compare-task-activated:
   * @item: (type TxCompareItem): the comparison's finding chosen
   */
  tx_calendar_view_signals[COMPARE_TASK_ACTIVATED] =
    g_signal_new ("compare-task-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);
  /**
   * TxCalendarView::ageing-out-activated:
   * @division: (nullable): the village chosen, or %NULL for all
   *
   * The entry of the children who age out this month was chosen.
   */
  tx_calendar_view_signals[AGEING_OUT_ACTIVATED] =
    g_signal_new ("ageing-out-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  tx_calendar_view_signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  tx_calendar_view_signals[VISIT_RECORDED] = g_signal_new ("visit-recorded", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-calendar-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, month_label);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, legend_label);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, village_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, staff_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, month_grid);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_empty);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_more);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_more);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, tasks_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, tasks_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, ageing_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, ageing_row);
  gtk_widget_class_bind_template_callback_full (widget_class, "ageing_activated_cb",
                                                G_CALLBACK (tx_calendar_view_ageing_activated_cb));
  gtk_widget_class_bind_template_callback_full (widget_class, "task_activated_cb",
                                                G_CALLBACK (tx_calendar_view_task_activated_cb));
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "calendar.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "calendar.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "calendar.today", NULL, today_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "calendar.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "calendar.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK, "calendar.today", NULL);
}

static void
tx_calendar_view_init (TxCalendarView *self)
{
  static const char *const weekdays[] = { N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
                                          N_("Sat"), N_("Sun") };
  g_autofree char *legend = NULL;
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->day_entries = g_object_new (TX_TYPE_CALENDAR_LIST, NULL);
  self->overdue_entries = g_object_new (TX_TYPE_CALENDAR_LIST, NULL);
  self->urgent_entries = g_object_new (TX_TYPE_CALENDAR_LIST, NULL);
  {
    GtkListView *lists[] = { self->day_list, self->overdue_list, self->urgent_list };
    TxCalendarList *stores[] = { self->day_entries, self->overdue_entries, self->urgent_entries };

    for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
        GtkNoSelection *selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (stores[i])));

        g_signal_connect (factory, "setup", G_CALLBACK (tx_calendar_view_entry_setup_cb), self);
        g_signal_connect (factory, "bind", G_CALLBACK (tx_calendar_view_entry_bind_cb), self);
        g_signal_connect (factory, "unbind", G_CALLBACK (tx_calendar_view_entry_unbind_cb), self);
        gtk_list_view_set_factory (lists[i], factory);
        gtk_list_view_set_model (lists[i], GTK_SELECTION_MODEL (selection));
        g_object_unref (factory);
        g_object_unref (selection);
      }
  }
  for (guint c = 0; c < 7; c++)
    {
      GtkWidget *label = gtk_label_new (_(weekdays[c]));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (self->month_grid, label, c, 0, 1, 1);
    }
  for (guint i = 0; i < N_CELLS; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      self->cells[i] = gtk_button_new ();
      self->numbers[i] = gtk_label_new (NULL);
      self->counts[i] = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (self->numbers[i]), 0);
      gtk_label_set_xalign (GTK_LABEL (self->counts[i]), 0);
      gtk_label_set_yalign (GTK_LABEL (self->counts[i]), 0);
      gtk_widget_set_vexpand (self->counts[i], TRUE);
      gtk_widget_add_css_class (self->numbers[i], "heading");
      gtk_widget_add_css_class (self->counts[i], "caption");
      gtk_box_append (GTK_BOX (box), self->numbers[i]);
      gtk_box_append (GTK_BOX (box), self->counts[i]);
      gtk_button_set_child (GTK_BUTTON (self->cells[i]), box);
      gtk_widget_add_css_class (self->cells[i], "tx-day");
      gtk_widget_set_vexpand (self->cells[i], TRUE);
      g_object_set_data (G_OBJECT (self->cells[i]), "cell", GUINT_TO_POINTER (i));
      g_signal_connect (self->cells[i], "clicked", G_CALLBACK (cell_clicked_cb), self);
      gtk_grid_attach (self->month_grid, self->cells[i], i % 7, 1 + i / 7, 1, 1);
    }
  legend = g_strdup_printf ("%s · %s · %s · %s", _("Overdue"), _("Due"), _("Visited"), _("Urgent"));
  gtk_label_set_text (self->legend_label, legend);
  self->villages = g_ptr_array_new_with_free_func (g_free);
  tx_date_today (&today);
  self->year = g_date_get_year (&today);
  self->month = g_date_get_month (&today);
  self->selected = g_date_get_day (&today);
  self->midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), midnight_cb, self);
}

/* A visit recorded, a child saved or deleted, a case closed, an import,
 * another program: the counts and lists are read again (when shown) */
static void
store_changed_cb (TxCalendarView *self,
                  guint           what)
{
  if (what & (TX_STORE_CHANGE_CHILDREN | TX_STORE_CHANGE_VISITS))
    tx_calendar_view_refresh (self);
  else if (what & TX_STORE_CHANGE_LISTS)
    tx_calendar_view_load_tasks (self);
}

void
tx_calendar_view_set_store (TxCalendarView *self,
                            TxStore        *store,
                            TxStoreService *service)
{
  g_autoptr(GtkStringList) villages = tx_gui_village_filter (store, self->villages);

  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_signal_connect_object (tx_store_get_monitor (store), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_handlers_block_by_func (self->village_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (self->village_dropdown, G_LIST_MODEL (villages));
  gtk_drop_down_set_selected (self->village_dropdown, 0);
  g_signal_handlers_unblock_by_func (self->village_dropdown, filter_changed_cb, self);
  tx_calendar_view_refresh (self);
}

gboolean
tx_calendar_view_is_busy (TxCalendarView *self)
{
  return self->busy > 0;
}

/**
 * tx_calendar_view_get_day_cell:
 * @day: a day of the month shown
 *
 * Returns: (transfer none) (nullable): the cell's label of counts
 */
GtkWidget *
tx_calendar_view_get_day_cell (TxCalendarView *self,
                               guint           day)
{
  for (guint i = 0; i < N_CELLS; i++)
    {
      GDate d = self->first;
      g_date_add_days (&d, i);
      if (g_date_get_month (&d) == self->month && g_date_get_day (&d) == day)
        return self->counts[i];
    }
  return NULL;
}

GtkWidget *
tx_calendar_view_get_day_list (TxCalendarView *self)
{
  return GTK_WIDGET (self->day_list);
}

GtkWidget *
tx_calendar_view_get_overdue_list (TxCalendarView *self)
{
  return GTK_WIDGET (self->overdue_list);
}

GtkWidget *
tx_calendar_view_get_urgent_list (TxCalendarView *self)
{
  return GTK_WIDGET (self->urgent_list);
}

GtkWidget *
tx_calendar_view_get_tasks_list (TxCalendarView *self)
{
  return GTK_WIDGET (self->tasks_list);
}

GtkWidget *
tx_calendar_view_get_ageing_row (TxCalendarView *self)
{
  return GTK_WIDGET (self->ageing_row);
}

GtkWidget *
tx_calendar_view_get_staff_dropdown (TxCalendarView *self)
{
  return GTK_WIDGET (self->staff_dropdown);
}
