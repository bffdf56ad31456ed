/* tx-calendar-view-lists.c — the calendar's rows, and its side lists: staff, overdue, urgent
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of the day, overdue and urgent lists (TxCalendarEntry) and the
 * array model that holds them (TxCalendarList); the row widgets and their
 * buttons (record a visit, close an urgent case); the staff, overdue and
 * urgent lists, which depend on the data and the village, not on the month.
 */

#define G_LOG_DOMAIN "tx-calendar-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-calendar-view-private.h"
#include "tx-gui-util.h"
#include "tx-visit-dialog.h"

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
                        TxCalendarRow   *other)
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

/* An entry with the values of @row, which it takes */
static TxCalendarEntry *
tx_calendar_entry_new (TxCalendarRow *row)
{
  TxCalendarEntry *self = g_object_new (TX_TYPE_CALENDAR_ENTRY, NULL);

  self->child_id = g_steal_pointer (&row->child_id);
  self->title = g_steal_pointer (&row->title);
  self->details = g_steal_pointer (&row->details);
  self->subtitle = g_steal_pointer (&row->subtitle);
  self->action = row->action;
  return self;
}

/* The entries of a list, in an array. A new list is taken into the entries
 * already there, which tell their rows: a list view then keeps its row
 * widgets, where replacing the items made it build new ones (25 ms a list). */

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

/* @rows: (transfer full) (element-type TxCalendarRow): the new rows, whose
 * values the entries take */
void
tx_calendar_list_replace (TxCalendarList *self,
                          GPtrArray      *rows)
{
  guint old = self->entries->len;
  guint same = MIN (old, rows->len);

  for (guint i = 0; i < same; i++)
    tx_calendar_entry_take (self->entries->pdata[i], rows->pdata[i]);
  if (old > same)
    g_ptr_array_remove_range (self->entries, same, old - same);
  for (guint i = same; i < rows->len; i++)
    g_ptr_array_add (self->entries, tx_calendar_entry_new (rows->pdata[i]));
  g_ptr_array_unref (rows);
  if (old != self->entries->len)
    g_list_model_items_changed (G_LIST_MODEL (self), same, old - same, self->entries->len - same);
}

static void
visit_saved_cb (TxCalendarView *self,
                const char     *child_id)
{
  tx_calendar_view_refresh (self);
  g_signal_emit (self, tx_calendar_view_signals[VISIT_RECORDED], 0, child_id);
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

  if (entry && entry->action == TX_CALENDAR_ROW_RECORD_VISIT)
    tx_calendar_view_record_visit (self, entry->child_id, NULL);
  else if (entry && entry->action == TX_CALENDAR_ROW_CLOSE_CASE)
    tx_calendar_view_close_urgent (self, entry->child_id, entry->title);
}

void
tx_calendar_view_entry_setup_cb (GtkSignalListItemFactory *factory,
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
  gtk_widget_set_visible (button, entry->action != TX_CALENDAR_ROW_NO_ACTION);
  if (entry->action == TX_CALENDAR_ROW_CLOSE_CASE)
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

void
tx_calendar_view_entry_bind_cb (GtkSignalListItemFactory *factory,
                                GtkListItem              *item,
                                TxCalendarView           *self)
{
  TxCalendarEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);

  entry_show (entry, row);
  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_show), row, 0);
}

void
tx_calendar_view_entry_unbind_cb (GtkSignalListItemFactory *factory,
                                  GtkListItem              *item,
                                  TxCalendarView           *self)
{
  TxCalendarEntry *entry = gtk_list_item_get_item (item);

  if (entry)
    g_signal_handlers_disconnect_by_func (entry, entry_show, gtk_list_item_get_child (item));
}

/* Closing an urgent case */

static void
close_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tx_store_service_close_urgent_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (id == NULL)
    {
      g_signal_emit (self, tx_calendar_view_signals[TOAST], 0, tx_gui_error_text (error));
      return;
    }
  tx_calendar_view_refresh (self);
  g_signal_emit (self, tx_calendar_view_signals[URGENT_CLOSED], 0, id);
  g_signal_emit (self, tx_calendar_view_signals[TOAST], 0, _("Urgent case closed"));
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TxCalendarView   *self)
{
  g_autofree char *note = NULL, *closed_by = NULL;

  if (!g_str_equal (response, "close"))
    return;
  note = tx_gui_note_dialog_get_note (dialog);
  closed_by = tx_store_get_worker (self->store);
  self->busy++;
  tx_store_service_close_urgent_async (self->service, g_object_get_data (G_OBJECT (dialog), "child-id"), note,
                                       closed_by, NULL, close_done_cb, g_object_ref (self));
}

/**
 * tx_calendar_view_close_urgent:
 * @child_id: the child whose urgent case is closed
 * @name: the child's name, for the question
 *
 * Asks for the note that closes the case (a case is closed with a word on
 * how it was settled), then closes it.
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
tx_calendar_view_close_urgent (TxCalendarView *self,
                               const char     *child_id,
                               const char     *name)
{
  g_autofree char *heading = g_strdup_printf (_("Close the Urgent Case of %s?"), name ? name : "");
  GtkWidget *dialog = tx_gui_note_dialog_new (GTK_WIDGET (self), heading,
                                              _("Say how the case was settled. The note stays with the "
                                                "child's visits, and the child is no longer marked urgent."),
                                              _("How the case was settled"), "close", _("C_lose Case"),
                                              ADW_RESPONSE_SUGGESTED);

  g_object_set_data_full (G_OBJECT (dialog), "child-id", g_strdup (child_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  return dialog;
}

static void
lists_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxCalendarView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxCalendarLists) d = tx_store_service_calendar_lists_finish (TX_STORE_SERVICE (source), result,
                                                                         &error);
  g_autofree char *title = NULL;
  guint n_urgent, n_overdue;

  self->busy--;
  if (d == NULL)
    {
      tx_calendar_view_failed (self, error);
      return;
    }
  tx_calendar_view_update_staff (self, d->staff);

  n_urgent = d->urgent->len;
  tx_calendar_list_replace (self->urgent_entries, g_steal_pointer (&d->urgent));
  {
    g_autofree char *urgent = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u urgent case open",
                                                            "%u urgent cases open", n_urgent),
                                               n_urgent);
    gtk_label_set_text (self->urgent_title, urgent);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_title), n_urgent > 0);
    gtk_widget_set_visible (GTK_WIDGET (self->urgent_list), n_urgent > 0);
  }

  n_overdue = d->overdue->len;
  tx_calendar_list_replace (self->overdue_entries, g_steal_pointer (&d->overdue));
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child overdue", "%u children overdue",
                                        d->overdue_total), d->overdue_total);
  gtk_label_set_text (self->overdue_title, title);
  if (d->overdue_total > n_overdue)
    {
      g_autofree char *more = g_strdup_printf (_("The %u oldest are listed. The roster’s “Overdue” filter "
                                                 "lists them all."), n_overdue);
      gtk_label_set_text (self->overdue_more, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->overdue_more), d->overdue_total > n_overdue);
}

/* Asks for the staff, the overdue and the urgent children */
void
tx_calendar_view_load_lists (TxCalendarView *self)
{
  g_autofree char *division = NULL;

  if (self->service == NULL)
    return;
  division = tx_calendar_view_division_filter (self);
  self->busy++;
  tx_store_service_calendar_lists_async (self->service, division, OVERDUE_SHOWN,
                                         tx_gui_renew_cancellable (&self->lists_cancellable),
                                         lists_done_cb, g_object_ref (self));
}
