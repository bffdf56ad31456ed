/* tx-calendar-view.c — the visit calendar: who is due, overdue, visited, urgent
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A month grid, Monday first. Each day says in words and numbers how many
 * children are due, how many of those are overdue, how many visits were
 * made and how many urgent children are due, each in its own colour. The
 * counts, the selected day's children and the overdue list are read on the
 * store service's thread.
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view.h"
#include "tx-visit-dialog.h"

#define N_CELLS 42
#define OVERDUE_SHOWN 50
/* a county's busy day has thousands; a list of rows beyond this costs frames */
#define DAY_SHOWN 50

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
  GtkListBox     *day_list;
  GtkLabel       *overdue_title;
  GtkListBox     *overdue_list;
  GtkLabel       *urgent_title;
  GtkListBox     *urgent_list;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  GPtrArray      *villages;
  GtkWidget      *cells[N_CELLS];
  GtkWidget      *numbers[N_CELLS];
  GtkWidget      *counts[N_CELLS];
  GDate           first;       /* the first day shown (a Monday) */
  guint           year;
  guint           month;
  guint           selected;    /* day of the month, 0 for none */
  guint           month_generation;
  guint           day_generation;
  guint           busy;
};

G_DEFINE_FINAL_TYPE (TxCalendarView, tx_calendar_view, ADW_TYPE_BIN)

enum {
  CHILD_ACTIVATED,
  VISIT_RECORDED,
  URGENT_CLOSED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The staff member chosen, or %NULL for everybody */
static char *
staff_filter (TxCalendarView *self)
{
  guint v = gtk_drop_down_get_selected (self->staff_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->staff_dropdown);

  if (model == NULL || v == GTK_INVALID_LIST_POSITION || v == 0 || v >= g_list_model_get_n_items (model))
    return NULL;
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), v));
}

static char *
division_filter (TxCalendarView *self)
{
  guint v = gtk_drop_down_get_selected (self->village_dropdown);

  if (self->villages && v != GTK_INVALID_LIST_POSITION && v > 0 && v < self->villages->len)
    return g_strdup (self->villages->pdata[v]);
  return NULL;
}

/* Drops the children of @due (TxDueRow) who live outside @division */
static void
keep_in_division (GPtrArray  *due,
                  const char *division)
{
  if (division == NULL)
    return;
  for (guint i = due->len; i > 0; i--)
    {
      TxDueRow *r = due->pdata[i - 1];
      if (!r->residence_division || !g_str_has_prefix (r->residence_division, division))
        g_ptr_array_remove_index (due, i - 1);
    }
}

/* The month */

typedef struct {
  guint          year, month;
  char          *division;
  char          *visitor;
  GPtrArray     *staff;
  TxCalendarDay  days[31];
  GPtrArray     *overdue;
  guint          overdue_total;
  GPtrArray     *urgent;
} MonthData;

static void
month_data_free (MonthData *d)
{
  g_free (d->division);
  g_free (d->visitor);
  g_clear_pointer (&d->staff, g_ptr_array_unref);
  g_clear_pointer (&d->overdue, g_ptr_array_unref);
  g_clear_pointer (&d->urgent, g_ptr_array_unref);
  g_free (d);
}

static gpointer
month_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  MonthData *d = data;
  MonthData *out = g_new0 (MonthData, 1);
  GDate yesterday;
  g_autofree char *to = NULL;

  out->year = d->year;
  out->month = d->month;
  if (!tx_store_calendar_month (store, d->year, d->month, d->division, d->visitor, out->days, error))
    goto fail;
  /* who visited in the last year, for the staff filter */
  tx_date_today (&yesterday);
  g_date_subtract_days (&yesterday, 365);
  {
    g_autofree char *since = tx_date_format (&yesterday);
    out->staff = tx_store_visitors (store, since, error);
    if (out->staff == NULL)
      goto fail;
  }
  tx_date_today (&yesterday);
  g_date_subtract_days (&yesterday, 1);
  to = tx_date_format (&yesterday);
  out->overdue = tx_store_visits_due (store, NULL, to, error);
  if (out->overdue == NULL)
    goto fail;
  keep_in_division (out->overdue, d->division);
  out->overdue_total = out->overdue->len;
  /* few and never to be missed: every open case, whatever the filter */
  out->urgent = tx_store_urgent_open (store, error);
  if (out->urgent == NULL)
    goto fail;
  if (out->overdue->len > OVERDUE_SHOWN)
    g_ptr_array_set_size (out->overdue, OVERDUE_SHOWN);
  return out;

fail:
  month_data_free (out);
  return NULL;
}

static void
visit_saved_cb (TxCalendarView *self,
                const char     *child_id)
{
  tx_calendar_view_refresh (self);
  g_signal_emit (self, signals[VISIT_RECORDED], 0, child_id);
}

/**
 * tx_calendar_view_record_visit:
 * @child_id: the child visited
 * @day: (nullable): the day of the visit, today if %NULL
 *
 * Opens the visit dialog; the calendar refreshes when the visit is saved.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
tx_calendar_view_record_visit (TxCalendarView *self,
                               const char     *child_id,
                               const char     *day)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  TxVisitDialog *dialog = tx_visit_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               self->store, self->service, child_id, day);

  g_signal_connect_object (dialog, "saved", G_CALLBACK (visit_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return GTK_WIDGET (dialog);
}

static void
record_clicked_cb (GtkButton      *button,
                   TxCalendarView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  const char *day = g_object_get_data (G_OBJECT (button), "day");

  tx_calendar_view_record_visit (self, g_object_get_data (G_OBJECT (row), "child-id"), day);
}

/* @self: when set, the row gets a button that records a visit to the child */
static GtkWidget *
child_row (const char     *name,
           const char     *subtitle,
           const char     *id,
           TxCalendarView *self,
           const char     *day)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name && *name ? name : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "child-id", g_strdup (id), g_free);
  if (self)
    {
      GtkWidget *button = gtk_button_new_with_label (_("Record Visit"));
      g_autofree char *a11y = g_strdup_printf (_("Record a visit to %s"), name ? name : "");

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      g_object_set_data_full (G_OBJECT (button), "day", g_strdup (day), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (record_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

/* Closing an urgent case */

typedef struct {
  char *child_id;
  char *note;
  char *closed_by;
} CloseData;

static void
close_data_free (CloseData *d)
{
  g_free (d->child_id);
  g_free (d->note);
  g_free (d->closed_by);
  g_free (d);
}

static gpointer
close_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CloseData *d = data;

  if (!tx_store_urgent_close (store, d->child_id, d->note, d->closed_by, error))
    return NULL;
  return g_strdup (d->child_id);
}

static void
close_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (id == NULL)
    {
      g_signal_emit (self, signals[TOAST], 0, error->message);
      return;
    }
  tx_calendar_view_refresh (self);
  g_signal_emit (self, signals[URGENT_CLOSED], 0, id);
  g_signal_emit (self, signals[TOAST], 0, _("Urgent case closed"));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TxCalendarView   *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "note");
  CloseData *d;

  if (!g_str_equal (response, "close"))
    return;
  d = g_new0 (CloseData, 1);
  d->child_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "child-id"));
  d->note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  d->closed_by = tx_store_get_setting (self->store, "editor");
  self->busy++;
  tx_store_service_run_async (self->service, close_job, d, (GDestroyNotify) close_data_free, g_free,
                              NULL, close_done_cb, g_object_ref (self));
}

static void
note_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  /* a case is closed with a word on how it was settled */
  adw_message_dialog_set_response_enabled (dialog, "close", *note != 0);
}

/**
 * tx_calendar_view_close_urgent:
 * @child_id: the child whose urgent case is closed
 * @name: the child's name, for the question
 *
 * Asks for the note that closes the case, then closes it.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
tx_calendar_view_close_urgent (TxCalendarView *self,
                               const char     *child_id,
                               const char     *name)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *heading = g_strdup_printf (_("Close the Urgent Case of %s?"), name ? name : "");
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                              _("Say how the case was settled. The note stays with the "
                                                "child's visits, and the child is no longer marked urgent."));
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("How the case was settled"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("How the case was settled"), -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "close", _("C_lose Case"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "close", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "child-id", g_strdup (child_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "note", entry);
  g_signal_connect (entry, "changed", G_CALLBACK (note_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

static void
close_clicked_cb (GtkButton      *button,
                  TxCalendarView *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  tx_calendar_view_close_urgent (self, g_object_get_data (G_OBJECT (row), "child-id"),
                                 adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static GtkWidget *
urgent_row (TxCalendarView *self,
            TxUrgentCase   *c)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_label (_("Close Case"));
  const TxChoice *situations = tx_visit_urgent_situations ();
  g_auto(GStrv) codes = g_strsplit (c->situations ? c->situations : "", ",", -1);
  g_autofree char *a11y = g_strdup_printf (_("Close the urgent case of %s"), c->name ? c->name : "");
  g_autofree char *since = g_strndup (c->opened_at ? c->opened_at : "", 10);
  g_autofree char *subtitle = NULL;
  GString *what = g_string_new (NULL);

  for (guint i = 0; codes[i]; i++)
    for (guint k = 0; situations[k].code; k++)
      if (g_str_equal (situations[k].code, codes[i]))
        {
          if (what->len)
            /* Translators: between the urgent situations of one case */
            g_string_append (what, _(", "));
          g_string_append (what, tx_choice_label (&situations[k]));
        }
  /* Translators: the urgent situations of a case, and the day it was opened */
  subtitle = g_strdup_printf (_("%s · since %s"), what->str, since);
  g_string_free (what, TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name && *c->name ? c->name : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "child-id", g_strdup (c->child_id), g_free);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_signal_connect (button, "clicked", G_CALLBACK (close_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

typedef struct {
  TxCalendarView *self;
  guint           generation;
} Pending;

static void filter_changed_cb (TxCalendarView *self);

/* A new list of staff keeps the person chosen, and does not refresh */
static void
update_staff (TxCalendarView *self,
              GPtrArray      *staff)
{
  GListModel *model = gtk_drop_down_get_model (self->staff_dropdown);
  g_autofree char *chosen = staff_filter (self);
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
  g_signal_handlers_block_by_func (self->staff_dropdown, filter_changed_cb, self);
  gtk_drop_down_set_model (self->staff_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->staff_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->staff_dropdown, filter_changed_cb, self);
}

static void
month_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  guint generation = p->generation;
  g_autoptr(GError) error = NULL;
  MonthData *d = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  GDate today;
  g_autofree char *title = NULL;

  g_free (p);
  self->busy--;
  if (d == NULL || generation != self->month_generation)
    {
      if (d)
        month_data_free (d);
      return;
    }
  update_staff (self, d->staff);
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
          const TxCalendarDay *c = &d->days[g_date_get_day (&day) - 1];
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

  clear_list (self->urgent_list);
  for (guint i = 0; i < d->urgent->len; i++)
    gtk_list_box_append (self->urgent_list, urgent_row (self, d->urgent->pdata[i]));
  {
    g_autofree char *urgent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u urgent case open",
                                                            "%u urgent cases open", d->urgent->len),
                                               d->urgent->len);
    gtk_label_set_text (self->urgent_title, urgent);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_title), d->urgent->len > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_list), d->urgent->len > 0);
  }

  clear_list (self->overdue_list);
  for (guint i = 0; i < d->overdue->len; i++)
    {
      TxDueRow *r = d->overdue->pdata[i];
      const char *village = tx_division_name (r->residence_division);
      g_autofree char *subtitle = g_strdup_printf (_("Due %s · %s"), r->due_date, village ? village : "");
      gtk_list_box_append (self->overdue_list, child_row (r->name, subtitle, r->id, self, NULL));
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child overdue", "%u children overdue",
                                        d->overdue_total), d->overdue_total);
  gtk_label_set_text (self->overdue_title, title);
  month_data_free (d);
}

/* The selected day */

typedef struct {
  char      *day;
  char      *division;
  char      *visitor;
  guint      hidden;     /* due or visited children not listed */
  GPtrArray *due;
  GPtrArray *visits;
  GPtrArray *names;
} DayData;

static void
day_data_free (DayData *d)
{
  g_free (d->day);
  g_free (d->division);
  g_free (d->visitor);
  g_clear_pointer (&d->due, g_ptr_array_unref);
  g_clear_pointer (&d->visits, g_ptr_array_unref);
  g_clear_pointer (&d->names, g_ptr_array_unref);
  g_free (d);
}

static gpointer
day_job (TxStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  DayData *in = data;
  DayData *out = g_new0 (DayData, 1);

  out->day = g_strdup (in->day);
  out->due = tx_store_visits_due (store, in->day, in->day, error);
  out->visits = out->due ? tx_store_visit_list (store, NULL, in->day, in->day, error) : NULL;
  if (out->visits == NULL)
    {
      day_data_free (out);
      return NULL;
    }
  out->names = g_ptr_array_new_with_free_func (g_free);
  {
    /* one child record read per visit kept, and none past the list's end */
    GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_visit_free);

    for (guint i = 0; i < out->visits->len; i++)
      {
        TxVisit *v = out->visits->pdata[i];
        g_autoptr(TxRecord) r = NULL;
        const char *res;

        if (in->visitor && g_strcmp0 (v->visitor, in->visitor) != 0)
          continue;
        if (kept->len >= DAY_SHOWN && !in->division)
          {
            out->hidden++;
            continue;
          }
        r = tx_store_child_get (store, v->child_id, NULL);
        res = r ? tx_record_get_key (r, "residence_division") : NULL;
        if (in->division && (!res || !g_str_has_prefix (res, in->division)))
          continue;
        if (kept->len >= DAY_SHOWN)
          {
            out->hidden++;
            continue;
          }
        g_ptr_array_add (out->names, g_strdup (r ? tx_record_get_key (r, "name") : ""));
        g_ptr_array_add (kept, g_steal_pointer (&out->visits->pdata[i]));
      }
    g_ptr_array_unref (out->visits);
    out->visits = kept;
  }
  keep_in_division (out->due, in->division);
  if (out->due->len > DAY_SHOWN)
    {
      out->hidden += out->due->len - DAY_SHOWN;
      g_ptr_array_set_size (out->due, DAY_SHOWN);
    }
  return out;
}

static void
day_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  guint generation = p->generation;
  g_autoptr(GError) error = NULL;
  DayData *d = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  GDate today;
  g_autofree char *today_iso = NULL;

  g_free (p);
  self->busy--;
  if (d == NULL || generation != self->day_generation)
    {
      if (d)
        day_data_free (d);
      return;
    }
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  clear_list (self->day_list);
  for (guint i = 0; i < d->due->len; i++)
    {
      TxDueRow *r = d->due->pdata[i];
      gboolean overdue = strcmp (r->due_date, today_iso) < 0;
      /* a visit is recorded on the day it was made: today for a day still to come */
      gtk_list_box_append (self->day_list, child_row (r->name, overdue ? _("Home visit overdue")
                                                                         : _("Home visit due"), r->id,
                                                      self, strcmp (d->day, today_iso) <= 0 ? d->day : NULL));
    }
  for (guint i = 0; i < d->visits->len; i++)
    {
      TxVisit *v = d->visits->pdata[i];
      const TxChoice *kinds = tx_visit_kinds ();
      const char *kind = v->kind;
      g_autofree char *subtitle = NULL;

      for (guint k = 0; kinds[k].code; k++)
        if (g_strcmp0 (kinds[k].code, v->kind) == 0)
          kind = tx_choice_label (&kinds[k]);
      subtitle = v->urgent ? g_strdup_printf (_("Visited: %s · %s · urgent situation"), kind, v->visitor ? v->visitor : "")
                           : g_strdup_printf (_("Visited: %s · %s"), kind, v->visitor ? v->visitor : "");
      gtk_list_box_append (self->day_list, child_row (d->names->pdata[i], subtitle, v->child_id, NULL, NULL));
    }
  if (d->hidden)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more child is not listed; choose a village to see them all.",
                                                            "%u more children are not listed; choose a village to see them all.",
                                                            d->hidden), d->hidden);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_list_box_append (self->day_list, row);
    }
  if (d->due->len == 0 && d->visits->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nobody is due and no visit was made on this day."));
      gtk_list_box_append (self->day_list, row);
    }
  day_data_free (d);
}

void
tx_calendar_view_select_day (TxCalendarView *self,
                             guint           day)
{
  DayData *d;
  Pending *p;
  g_autofree char *title = NULL;

  if (self->service == NULL || day == 0)
    return;
  self->selected = day;
  d = g_new0 (DayData, 1);
  d->day = g_strdup_printf ("%04u-%02u-%02u", self->year, self->month, day);
  d->division = division_filter (self);
  d->visitor = staff_filter (self);
  title = g_strdup_printf (_("%s: children due and visited"), d->day);
  gtk_label_set_text (self->day_title, title);
  p = g_new0 (Pending, 1);
  p->self = g_object_ref (self);
  p->generation = ++self->day_generation;
  self->busy++;
  tx_store_service_run_async (self->service, day_job, d, (GDestroyNotify) day_data_free,
                              (GDestroyNotify) day_data_free, NULL, day_done_cb, p);
}

void
tx_calendar_view_refresh (TxCalendarView *self)
{
  MonthData *d;
  Pending *p;
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

  d = g_new0 (MonthData, 1);
  d->year = self->year;
  d->month = self->month;
  d->division = division_filter (self);
  d->visitor = staff_filter (self);
  p = g_new0 (Pending, 1);
  p->self = g_object_ref (self);
  p->generation = ++self->month_generation;
  self->busy++;
  tx_store_service_run_async (self->service, month_job, d, (GDestroyNotify) month_data_free,
                              (GDestroyNotify) month_data_free, NULL, month_done_cb, p);
  if (self->selected)
    tx_calendar_view_select_day (self, MIN (self->selected,
                                            g_date_get_days_in_month (self->month, self->year)));
}

void
tx_calendar_view_show_month (TxCalendarView *self,
                             guint           year,
                             guint           month)
{
  self->year = year;
  self->month = month;
  tx_calendar_view_refresh (self);
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

static void
filter_changed_cb (TxCalendarView *self)
{
  tx_calendar_view_refresh (self);
}

static void
row_activated_cb (TxCalendarView *self,
                  GtkListBoxRow  *row)
{
  const char *id = g_object_get_data (G_OBJECT (row), "child-id");

  if (id)
    g_signal_emit (self, signals[CHILD_ACTIVATED], 0, id);
}

static void
tx_calendar_view_dispose (GObject *object)
{
  TxCalendarView *self = TX_CALENDAR_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CALENDAR_VIEW);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  G_OBJECT_CLASS (tx_calendar_view_parent_class)->dispose (object);
}

static void
tx_calendar_view_class_init (TxCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_calendar_view_dispose;

  signals[CHILD_ACTIVATED] = g_signal_new ("child-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[URGENT_CLOSED] = g_signal_new ("urgent-closed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass),
                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[VISIT_RECORDED] = g_signal_new ("visit-recorded", G_TYPE_FROM_CLASS (klass),
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
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

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
}

void
tx_calendar_view_set_store (TxCalendarView *self,
                            TxStore        *store,
                            TxStoreService *service)
{
  g_autofree char *township = tx_store_get_setting (store, "township");
  g_autofree char *county = tx_store_get_setting (store, "county");
  g_autoptr(GtkStringList) villages = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) list = NULL;

  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_ptr_array_set_size (self->villages, 0);
  g_ptr_array_add (self->villages, NULL);
  gtk_string_list_append (villages, township ? _("All villages") : _("All townships"));
  list = tx_division_children (township ? township : county);
  for (guint i = 0; list && i < list->len; i++)
    {
      const TxDivision *d = list->pdata[i];
      g_ptr_array_add (self->villages, g_strdup (d->code));
      gtk_string_list_append (villages, d->name);
    }
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
tx_calendar_view_get_staff_dropdown (TxCalendarView *self)
{
  return GTK_WIDGET (self->staff_dropdown);
}
