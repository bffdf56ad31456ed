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
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view.h"
#include "tx-gui-util.h"
#include "tx-visit-dialog.h"

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

typedef enum {
  ENTRY_NO_ACTION,
  ENTRY_RECORD_VISIT,
  ENTRY_CLOSE_CASE,
} EntryAction;

struct _TxCalendarEntry
{
  GObject      parent_instance;
  char        *child_id;
  char        *title;
  char        *details;      /* age, village, phone: two children of one name apart */
  char        *subtitle;
  EntryAction  action;       /* what the row's button does */
};

G_DEFINE_FINAL_TYPE (TxCalendarEntry, tx_calendar_entry, G_TYPE_OBJECT)

enum { PROP_ENTRY_0, PROP_CHILD_ID, N_ENTRY_PROPS };

static void
tx_calendar_entry_finalize (GObject *object)
{
  TxCalendarEntry *self = TX_CALENDAR_ENTRY (object);

  g_free (self->child_id);
  g_free (self->title);
  g_free (self->details);
  g_free (self->subtitle);
  G_OBJECT_CLASS (tx_calendar_entry_parent_class)->finalize (object);
}

static void
tx_calendar_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TxCalendarEntry *self = TX_CALENDAR_ENTRY (object);

  switch (prop_id)
    {
    case PROP_CHILD_ID:
      g_value_set_string (value, self->child_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static guint entry_changed_signal;

static void
tx_calendar_entry_class_init (TxCalendarEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  entry_changed_signal = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  object_class->finalize = tx_calendar_entry_finalize;
  object_class->get_property = tx_calendar_entry_get_property;
  g_object_class_install_property (object_class, PROP_CHILD_ID,
      g_param_spec_string ("child-id", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
tx_calendar_entry_init (TxCalendarEntry *self)
{
}

/* Takes the values of @other, and says so to the row showing the entry */
static void
tx_calendar_entry_take (TxCalendarEntry *self,
                        TxCalendarEntry *other)
{
  if (g_strcmp0 (self->child_id, other->child_id) == 0 && g_strcmp0 (self->title, other->title) == 0 &&
      g_strcmp0 (self->details, other->details) == 0 &&
      g_strcmp0 (self->subtitle, other->subtitle) == 0 &&
      self->action == other->action)
    return;
  g_free (self->child_id);
  g_free (self->title);
  g_free (self->details);
  g_free (self->subtitle);
  self->child_id = g_steal_pointer (&other->child_id);
  self->title = g_steal_pointer (&other->title);
  self->details = g_steal_pointer (&other->details);
  self->subtitle = g_steal_pointer (&other->subtitle);
  self->action = other->action;
  g_signal_emit (self, entry_changed_signal, 0);
}

/* @details: (transfer full) */
static TxCalendarEntry *
tx_calendar_entry_new (const char *child_id,
                       const char *title,
                       char       *details,
                       const char *subtitle,
                       EntryAction action)
{
  TxCalendarEntry *self = g_object_new (TX_TYPE_CALENDAR_ENTRY, NULL);

  self->child_id = g_strdup (child_id);
  self->title = g_strdup (title && *title ? title : "—");
  self->details = details;
  self->subtitle = g_strdup (subtitle);
  self->action = action;
  return self;
}

/* The entries of a list, in an array. A new list is taken into the entries
 * already there, which tell their rows: a list view then keeps its row
 * widgets, where replacing the items made it build new ones (25 ms a list). */

#define TX_TYPE_CALENDAR_LIST (tx_calendar_list_get_type ())
G_DECLARE_FINAL_TYPE (TxCalendarList, tx_calendar_list, TX, CALENDAR_LIST, GObject)

struct _TxCalendarList
{
  GObject    parent_instance;
  GPtrArray *entries;
};

static GType
tx_calendar_list_get_item_type (GListModel *model)
{
  return TX_TYPE_CALENDAR_ENTRY;
}

static guint
tx_calendar_list_get_n_items (GListModel *model)
{
  return TX_CALENDAR_LIST (model)->entries->len;
}

static gpointer
tx_calendar_list_get_item (GListModel *model,
                           guint       position)
{
  TxCalendarList *self = TX_CALENDAR_LIST (model);

  if (position >= self->entries->len)
    return NULL;
  return g_object_ref (self->entries->pdata[position]);
}

static void
tx_calendar_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tx_calendar_list_get_item_type;
  iface->get_n_items = tx_calendar_list_get_n_items;
  iface->get_item = tx_calendar_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TxCalendarList, tx_calendar_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, tx_calendar_list_model_init))

static void
tx_calendar_list_finalize (GObject *object)
{
  g_ptr_array_unref (TX_CALENDAR_LIST (object)->entries);
  G_OBJECT_CLASS (tx_calendar_list_parent_class)->finalize (object);
}

static void
tx_calendar_list_class_init (TxCalendarListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tx_calendar_list_finalize;
}

static void
tx_calendar_list_init (TxCalendarList *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

/* @entries: (transfer full) (element-type TxCalendarEntry): the new entries */
static void
tx_calendar_list_replace (TxCalendarList *self,
                          GPtrArray      *entries)
{
  guint old = self->entries->len;
  guint same = MIN (old, entries->len);

  for (guint i = 0; i < same; i++)
    tx_calendar_entry_take (self->entries->pdata[i], entries->pdata[i]);
  if (old > same)
    g_ptr_array_remove_range (self->entries, same, old - same);
  for (guint i = same; i < entries->len; i++)
    g_ptr_array_add (self->entries, g_object_ref (entries->pdata[i]));
  g_ptr_array_unref (entries);
  if (old != self->entries->len)
    g_list_model_items_changed (G_LIST_MODEL (self), same, old - same, self->entries->len - same);
}

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
  GtkLabel       *day_empty;
  GtkLabel       *day_more;
  GtkLabel       *overdue_title;
  GtkListView    *overdue_list;
  GtkLabel       *overdue_more;
  GtkLabel       *urgent_title;
  GtkListView    *urgent_list;

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
  guint           month_generation;
  guint           day_generation;
  guint           lists_generation;
  guint           busy;
  gboolean        stale;       /* to be read again when next shown */
  guint           midnight_id;
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

/* The month */

typedef struct {
  guint          year, month;
  char          *division;
  char          *visitor;
  TxDayCounts  days[31];
} MonthData;

static void
month_data_free (MonthData *d)
{
  g_free (d->division);
  g_free (d->visitor);
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

  out->year = d->year;
  out->month = d->month;
  if (!tx_store_calendar_month (store, d->year, d->month, d->division, d->visitor, out->days, error))
    {
      month_data_free (out);
      return NULL;
    }
  return out;
}

/* The side lists: staff, overdue and urgent children, whatever the month */

typedef struct {
  char          *division;
  GPtrArray     *staff;
  GPtrArray     *overdue;
  GPtrArray     *overdue_entries;  /* TxCalendarEntry, made on the worker */
  guint          overdue_total;
  GPtrArray     *urgent;
} ListsData;

static void
lists_data_free (ListsData *d)
{
  g_free (d->division);
  g_clear_pointer (&d->staff, g_ptr_array_unref);
  g_clear_pointer (&d->overdue, g_ptr_array_unref);
  g_clear_pointer (&d->overdue_entries, g_ptr_array_unref);
  g_clear_pointer (&d->urgent, g_ptr_array_unref);
  g_free (d);
}

static gpointer
lists_job (TxStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListsData *d = data;
  ListsData *out = g_new0 (ListsData, 1);
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
      !(out->overdue = tx_store_due_page (store, NULL, yesterday, d->division, OVERDUE_SHOWN,
                                          &out->overdue_total, error)) ||
      /* few and never to be missed: every open case, whatever the filter */
      !(out->urgent = tx_store_urgent_open (store, error)))
    {
      lists_data_free (out);
      return NULL;
    }
  /* the rows made here: a county has tens of thousands overdue */
  tx_date_today (&day);
  out->overdue_entries = g_ptr_array_new_full (out->overdue->len, g_object_unref);
  for (guint i = 0; i < out->overdue->len; i++)
    {
      TxDueRow *r = out->overdue->pdata[i];
      g_autofree char *subtitle = g_strdup_printf (_("Due %s"), r->due_date);
      char *details = tx_gui_child_details (r->birth_date, r->residence_division, r->phone, &day, TRUE);

      g_ptr_array_add (out->overdue_entries, tx_calendar_entry_new (r->id, r->name, details, subtitle,
                                                                    ENTRY_RECORD_VISIT));
    }
  return out;
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
entry_clicked_cb (GtkButton      *button,
                  TxCalendarView *self)
{
  GtkListItem *item = g_object_get_data (G_OBJECT (button), "list-item");
  TxCalendarEntry *entry = gtk_list_item_get_item (item);

  if (entry && entry->action == ENTRY_RECORD_VISIT)
    tx_calendar_view_record_visit (self, entry->child_id, NULL);
  else if (entry && entry->action == ENTRY_CLOSE_CASE)
    tx_calendar_view_close_urgent (self, entry->child_id, entry->title);
}

static void
entry_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                TxCalendarView           *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  /* an inscription: it changes with every day shown, in each of the rows
   * GTK 4.8 keeps (a couple of hundred), and costs a fraction of a label to
   * lay out */
  GtkWidget *details = gtk_inscription_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_inscription_set_xalign (GTK_INSCRIPTION (details), 0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (details), 8);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (details), 28);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (details), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), details);
  gtk_box_append (GTK_BOX (texts), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "list-item", item);
  g_signal_connect (button, "clicked", G_CALLBACK (entry_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), texts);
  gtk_box_append (GTK_BOX (row), button);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_widget_set_margin_start (row, 6);
  gtk_widget_set_margin_end (row, 6);
  g_object_set_data (G_OBJECT (row), "title", title);
  g_object_set_data (G_OBJECT (row), "details", details);
  g_object_set_data (G_OBJECT (row), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (row), "button", button);
  gtk_list_item_set_child (item, row);
}

static void
entry_show (TxCalendarEntry *entry,
            GtkWidget       *row)
{
  GtkWidget *button = g_object_get_data (G_OBJECT (row), "button");
  g_autofree char *a11y = NULL;

  GtkWidget *details = g_object_get_data (G_OBJECT (row), "details");

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), entry->title);
  gtk_inscription_set_text (GTK_INSCRIPTION (details), entry->details);
  /* GTK 4.8's inscription does not name itself to screen readers yet */
  gtk_accessible_update_property (GTK_ACCESSIBLE (details), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  entry->details ? entry->details : "", -1);
  gtk_widget_set_visible (details, entry->details && *entry->details);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "subtitle"), entry->subtitle);
  gtk_widget_set_visible (button, entry->action != ENTRY_NO_ACTION);
  if (entry->action == ENTRY_CLOSE_CASE)
    {
      gtk_button_set_label (GTK_BUTTON (button), _("Close Case"));
      a11y = g_strdup_printf (_("Close the urgent case of %s"), entry->title);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (button), _("Record Visit"));
      a11y = g_strdup_printf (_("Record a visit to %s"), entry->title);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
  g_object_set_data_full (G_OBJECT (row), "child-id", g_strdup (entry->child_id), g_free);
}

static void
entry_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               TxCalendarView           *self)
{
  TxCalendarEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  entry_show (entry, row);
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_show), row, 0);
}

static void
entry_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 TxCalendarView           *self)
{
  TxCalendarEntry *entry = gtk_list_item_get_item (item);

  if (entry)
    g_signal_handlers_disconnect_by_func (entry, entry_show, gtk_list_item_get_child (item));
}

static void
entry_activated_cb (GtkListView    *list,
                    guint           position,
                    TxCalendarView *self)
{
  g_autoptr(TxCalendarEntry) entry = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (list)),
                                                            position);

  if (entry && entry->child_id)
    g_signal_emit (self, signals[CHILD_ACTIVATED], 0, entry->child_id);
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
      g_signal_emit (self, signals[TOAST], 0, tx_gui_error_text (error));
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

static TxCalendarEntry *
urgent_entry (TxUrgentCase *c,
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
  return tx_calendar_entry_new (c->child_id, c->name,
                                tx_gui_child_details (c->birth_date, c->residence_division, c->phone, today, TRUE),
                                subtitle, ENTRY_CLOSE_CASE);
}

typedef struct {
  TxCalendarView *self;
  guint           generation;
} Pending;

/* A job's result, or %NULL when it failed (said in a toast) or when a newer
 * job of its kind was asked for meanwhile (@current is then past
 * @generation); frees @p */
static gpointer
take_result (GObject        *source,
             GAsyncResult   *result,
             Pending        *p,
             const guint    *current,
             GDestroyNotify  free_func)
{
  TxCalendarView *self = p->self;
  g_autoptr(GError) error = NULL;
  gpointer d = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  gboolean latest = p->generation == *current;

  g_free (p);
  self->busy--;
  if (d && latest)
    return d;
  if (d)
    free_func (d);
  else if (latest && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_signal_emit (self, signals[TOAST], 0, error->message);
  return NULL;
}

static void staff_changed_cb (TxCalendarView *self);

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
  Pending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  MonthData *d = take_result (source, result, p, &self->month_generation, (GDestroyNotify) month_data_free);
  GDate today;

  if (d == NULL)
    return;
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

  month_data_free (d);
}

static void
lists_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  ListsData *d = take_result (source, result, p, &self->lists_generation, (GDestroyNotify) lists_data_free);
  g_autofree char *title = NULL;

  if (d == NULL)
    return;
  update_staff (self, d->staff);

  {
    GPtrArray *urgent = g_ptr_array_new_with_free_func (g_object_unref);
    GDate today;

    tx_date_today (&today);
    /* the newest first: a case reported today needs the supervisor now */
    for (guint i = d->urgent->len; i > 0; i--)
      g_ptr_array_add (urgent, urgent_entry (d->urgent->pdata[i - 1], &today));
    tx_calendar_list_replace (self->urgent_entries, urgent);
  }
  {
    g_autofree char *urgent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u urgent case open",
                                                            "%u urgent cases open", d->urgent->len),
                                               d->urgent->len);
    gtk_label_set_text (self->urgent_title, urgent);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_title), d->urgent->len > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_list), d->urgent->len > 0);
  }

  tx_calendar_list_replace (self->overdue_entries, g_steal_pointer (&d->overdue_entries));
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child overdue", "%u children overdue",
                                        d->overdue_total), d->overdue_total);
  gtk_label_set_text (self->overdue_title, title);
  if (d->overdue_total > d->overdue->len)
    {
      g_autofree char *more = g_strdup_printf (_("The %u oldest are listed. The roster’s “Overdue” filter "
                                                 "lists them all."), d->overdue->len);
      gtk_label_set_text (self->overdue_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_more), d->overdue_total > d->overdue->len);
  lists_data_free (d);
}

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
  Pending *p = user_data;
  g_autoptr(TxCalendarView) self = p->self;
  DayData *d = take_result (source, result, p, &self->day_generation, (GDestroyNotify) day_data_free);
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

/* Asks for the month's counts, and the selected day's children */
static void
load_month (TxCalendarView *self)
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

/* Asks for the staff, the overdue and the urgent children */
static void
load_lists (TxCalendarView *self)
{
  ListsData *d;
  Pending *p;

  if (self->service == NULL)
    return;
  d = g_new0 (ListsData, 1);
  d->division = division_filter (self);
  p = g_new0 (Pending, 1);
  p->self = g_object_ref (self);
  p->generation = ++self->lists_generation;
  self->busy++;
  tx_store_service_run_async (self->service, lists_job, d, (GDestroyNotify) lists_data_free,
                              (GDestroyNotify) lists_data_free, NULL, lists_done_cb, p);
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
  load_lists (self);
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
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_CALENDAR_VIEW);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  g_clear_object (&self->day_entries);
  g_clear_object (&self->overdue_entries);
  g_clear_object (&self->urgent_entries);
  G_OBJECT_CLASS (tx_calendar_view_parent_class)->dispose (object);
}

static void
tx_calendar_view_class_init (TxCalendarViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_calendar_view_dispose;
  widget_class->map = tx_calendar_view_map;

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
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_empty);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, day_more);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_more);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_title);
  gtk_widget_class_bind_template_child (widget_class, TxCalendarView, urgent_list);
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

        g_signal_connect (factory, "setup", G_CALLBACK (entry_setup_cb), self);
        g_signal_connect (factory, "bind", G_CALLBACK (entry_bind_cb), self);
        g_signal_connect (factory, "unbind", G_CALLBACK (entry_unbind_cb), self);
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
tx_calendar_view_get_staff_dropdown (TxCalendarView *self)
{
  return GTK_WIDGET (self->staff_dropdown);
}
