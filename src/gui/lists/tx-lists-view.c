/* tx-lists-view.c — the Lists view: departments' lists kept, comparison
 * rounds run and listed
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything is read and written on the store service's thread
 * (tx-lists-service.h); a list is imported in its own dialog
 * (tx-list-import-dialog.c). The round shown, its findings and what is
 * done with them are in tx-lists-view-round.c. The view reads again when
 * the store's monitor says lists or rounds changed, here or elsewhere.
 */

#define G_LOG_DOMAIN "tx-lists-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-list-import-dialog.h"
#include "tx-lists-view-private.h"

G_DEFINE_FINAL_TYPE (TxListsView, tx_lists_view, ADW_TYPE_BIN)

guint tx_lists_view_signals[TX_LISTS_VIEW_N_SIGNALS];

void
tx_lists_view_toast (TxListsView *self,
                     const char  *text)
{
  g_signal_emit (self, tx_lists_view_signals[TX_LISTS_VIEW_TOAST], 0, text);
}

/* An ISO 8601 UTC time as the clock on the wall shows it */
char *
tx_lists_view_local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "—");
}

static void
clear_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))))
    gtk_list_box_remove (box, child);
}

/* A row that says there is nothing */
static void
add_empty_row (GtkListBox *box,
               const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_append (box, row);
}

void
tx_lists_view_update_actions (TxListsView *self)
{
  gboolean working = self->work_cancellable != NULL;
  gboolean lists = self->state && self->state->lists->len > 0;
  gboolean round = self->state && self->state->rounds->len > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.import", self->service != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.compare", self->service && lists && !working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.cancel", working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.print", round && !working);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lists.export", round && !working);
}

/* Work with a progress bar and Cancel: a round, an export */

static gboolean
pulse_cb (gpointer data)
{
  TxListsView *self = data;
  int p = g_atomic_int_get (&self->progress);

  if (p > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, p / 1000.0);
  else
    gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

void
tx_lists_view_work_started (TxListsView *self,
                            const char  *text,
                            gboolean     pulse)
{
  g_atomic_int_set (&self->progress, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), TRUE);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  self->busy++;
  tx_lists_view_update_actions (self);
}

void
tx_lists_view_work_ended (TxListsView *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->work_cancellable);
  self->busy--;
  /* the window closed while the work ran */
  if (self->progress_box == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  tx_lists_view_update_actions (self);
}

/* The lists */

static GtkWidget *
list_row (const TxDeptList *l)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *when = tx_lists_view_local_time (l->imported_at);
  g_autofree char *about = NULL, *label = NULL;

  g_autofree char *entries = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", l->rows),
                                              l->rows);
  /* Translators: a department's list: its department, its date, its entries, and when it was imported
   * (and by whom, in the second) */
  about = l->who ? g_strdup_printf (_("%s · dated %s · %s · imported on %s by %s"),
                                    tx_department_label (l->department), l->date ? l->date : "—", entries, when,
                                    l->who)
                 : g_strdup_printf (_("%s · dated %s · %s · imported on %s"),
                                    tx_department_label (l->department), l->date ? l->date : "—", entries, when);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), l->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), about);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  label = g_strdup_printf (_("Remove the list “%s”"), l->name);
  gtk_widget_set_tooltip_text (remove, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "lists.remove");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", l->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
  return row;
}

static GtkWidget *
round_row (TxListsView          *self,
           const TxCompareRound *r,
           gboolean              shown)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");
  g_autofree char *when = tx_lists_view_local_time (r->at);
  const char *where = r->division ? tx_division_name (r->division) : NULL;
  g_autofree char *title = NULL, *about = NULL;

  /* Translators: a comparison round: when, and the village or township compared */
  title = g_strdup_printf (_("%s · %s"), when, where ? where : _("the whole register"));
  /* Translators: a comparison round's counts */
  about = g_strdup_printf (_("%u not registered · %u with differences · %u possible matches · %u on no list · "
                             "%u found"),
                           r->counts[TX_COMPARE_NOT_REGISTERED], r->counts[TX_COMPARE_DIFFERENCE],
                           r->counts[TX_COMPARE_POSSIBLE], r->counts[TX_COMPARE_ON_NO_LIST],
                           r->counts[TX_COMPARE_FOUND]);
  if (r->who)
    {
      /* Translators: a comparison round's counts, and who ran it */
      g_autofree char *by = g_strdup_printf (_("%s · run by %s"), about, r->who);
      g_free (about);
      about = g_steal_pointer (&by);
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), about);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_opacity (check, shown ? 1 : 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown ? _("Shown below") : "", -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (row), "round-id", g_memdup2 (&r->id, sizeof r->id), g_free);
  return row;
}

/* The round shown: the one chosen, else the latest */
static const TxCompareRound *
shown_round (TxListsView *self)
{
  for (guint i = 0; self->state && i < self->state->rounds->len; i++)
    {
      const TxCompareRound *r = self->state->rounds->pdata[i];
      if (r->id == self->round)
        return r;
    }
  return self->state && self->state->rounds->len ? self->state->rounds->pdata[0] : NULL;
}

static void
show_state (TxListsView *self)
{
  const TxCompareRound *shown = shown_round (self);

  clear_box (self->lists_box);
  clear_box (self->rounds_box);
  for (guint i = 0; i < self->state->lists->len; i++)
    gtk_list_box_append (self->lists_box, list_row (self->state->lists->pdata[i]));
  if (self->state->lists->len == 0)
    add_empty_row (self->lists_box, _("No lists yet. Import the lists the county received from the "
                                      "departments."));
  for (guint i = 0; i < self->state->rounds->len; i++)
    {
      const TxCompareRound *r = self->state->rounds->pdata[i];
      gtk_list_box_append (self->rounds_box, round_row (self, r, r == shown));
    }
  if (self->state->rounds->len == 0)
    add_empty_row (self->rounds_box, _("No comparison yet."));
  tx_lists_view_update_actions (self);
  tx_lists_view_show_round (self);
}

static void
state_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;
  TxListsState *state = tx_lists_state_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (state == NULL)
    {
      tx_lists_view_toast (self, tx_gui_error_text (error));
      return;
    }
  g_clear_pointer (&self->state, tx_lists_state_free);
  self->state = state;
  show_state (self);
}

/* Reads the lists and the rounds again, and the round shown */
void
tx_lists_view_refresh (TxListsView *self)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_lists_state_async (self->service, tx_gui_renew_cancellable (&self->state_cancellable), state_done_cb,
                        g_object_ref (self));
}

static void
round_activated_cb (TxListsView   *self,
                    GtkListBoxRow *row)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "round-id");

  if (id == NULL)
    return;
  self->round = *id;
  self->kind = -1;
  show_state (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->kinds_box));
}

/* Importing, removing */

static void
imported_cb (TxListsView *self,
             gint64       list)
{
  tx_lists_view_refresh (self);
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  TxListImportDialog *dialog;

  if (self->service == NULL)
    return;
  dialog = tx_list_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->service);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->import_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TxListsView      *self)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "list");

  if (!g_str_equal (response, "remove") || self->service == NULL)
    return;
  self->busy++;
  tx_list_remove_async (self->service, *id, NULL, tx_lists_view_written_cb, g_object_ref (self));
}

static const TxDeptList *
find_list (TxListsView *self,
           gint64       id)
{
  for (guint i = 0; self->state && i < self->state->lists->len; i++)
    {
      const TxDeptList *l = self->state->lists->pdata[i];
      if (l->id == id)
        return l;
    }
  return NULL;
}

static void
remove_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  gint64 id = g_variant_get_int64 (param);
  const TxDeptList *l = find_list (self, id);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (l == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Remove This List?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The list “%s” and its %u entries are removed. The rounds it was "
                                    "compared in keep what they found."), l->name, l->rows);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "list", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Comparing */

static void
compare_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 round = tx_compare_run_finish (TX_STORE_SERVICE (source), result, &error);

  tx_lists_view_work_ended (self);
  if (round == 0)
    {
      tx_lists_view_toast (self, tx_gui_is_cancelled (error) ? _("The comparison was cancelled: no round was kept.")
                                                             : tx_gui_error_text (error));
      return;
    }
  self->round = round;
  self->kind = -1;
  tx_lists_view_toast (self, _("Comparison done"));
  tx_lists_view_refresh (self);
}

static void
compare_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  guint i = adw_combo_row_get_selected (self->village_row);
  const char *village = self->villages && i < self->villages->len ? self->villages->pdata[i] : NULL;
  g_autofree char *township = tx_store_get_setting (self->store, TX_SETTING_TOWNSHIP);

  if (self->service == NULL || self->work_cancellable)
    return;
  self->work_cancellable = g_cancellable_new ();
  tx_lists_view_work_started (self, _("Comparing the lists with the register…"), FALSE);
  tx_compare_run_async (self->service, village ? village : township, NULL, 0, &self->progress,
                        self->work_cancellable,
                        compare_done_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);

  if (self->work_cancellable)
    g_cancellable_cancel (self->work_cancellable);
}

static void
lists_changed_cb (TxListsView *self)
{
  tx_lists_view_refresh (self);
}

static void
tx_lists_view_dispose (GObject *object)
{
  TxListsView *self = TX_LISTS_VIEW (object);

  if (self->work_cancellable)
    g_cancellable_cancel (self->work_cancellable);
  g_clear_object (&self->work_cancellable);
  g_cancellable_cancel (self->state_cancellable);
  g_clear_object (&self->state_cancellable);
  g_cancellable_cancel (self->items_cancellable);
  g_clear_object (&self->items_cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_weak_pointer (&self->import_dialog);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_LISTS_VIEW);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  g_clear_pointer (&self->state, tx_lists_state_free);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (tx_lists_view_parent_class)->dispose (object);
}

static void
tx_lists_view_class_init (TxListsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_lists_view_dispose;

  tx_lists_view_signals[TX_LISTS_VIEW_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING);
  /**
   * TxListsView::child-activated:
   * @id: a registered child's id, to open its form
   */
  tx_lists_view_signals[TX_LISTS_VIEW_CHILD_ACTIVATED] =
    g_signal_new ("child-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TxListsView::register-entry:
   * @item: the finding of an entry not registered
   * @record: (type TxRecord): the record the entry gives, for the form; the
   *   handler copies it
   *
   * Once the form is saved, the window calls
   * tx_lists_view_entry_registered() with the new child.
   */
  tx_lists_view_signals[TX_LISTS_VIEW_REGISTER_ENTRY] =
    g_signal_new ("register-entry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-lists-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxListsView, lists_box);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, village_row);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, rounds_box);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, round_group);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, kinds_box);
  gtk_widget_class_bind_template_child (widget_class, TxListsView, items_box);
  gtk_widget_class_bind_template_callback (widget_class, round_activated_cb);

  gtk_widget_class_install_action (widget_class, "lists.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "lists.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "lists.compare", NULL, compare_action);
  gtk_widget_class_install_action (widget_class, "lists.cancel", NULL, cancel_action);
  tx_lists_view_install_round_actions (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "lists.import", NULL);
}

static void
tx_lists_view_init (TxListsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->kind = -1;
  tx_lists_view_update_actions (self);
}

/**
 * tx_lists_view_set_store:
 *
 * Shows the lists and rounds of @store, read through @service.
 */
void
tx_lists_view_set_store (TxListsView    *self,
                         TxStore        *store,
                         TxStoreService *service)
{
  g_autoptr(GtkStringList) villages = NULL;

  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  if (self->villages == NULL)
    self->villages = g_ptr_array_new_with_free_func (g_free);
  villages = tx_gui_village_filter (store, self->villages);
  adw_combo_row_set_model (self->village_row, G_LIST_MODEL (villages));
  g_signal_connect_object (tx_store_get_monitor (store), "lists-changed", G_CALLBACK (lists_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (tx_store_get_monitor (store), "children-changed",
                           G_CALLBACK (tx_lists_view_load_items), self, G_CONNECT_SWAPPED);
  self->round = 0;
  self->kind = -1;
  tx_lists_view_refresh (self);
}

/**
 * tx_lists_view_show_item:
 * @round: the round, 0 for the latest
 * @item: the finding to scroll to, or 0
 * @kind: its kind, whose findings are shown
 *
 * Shows a round's findings of a kind, as the calendar's tasks ask.
 */
void
tx_lists_view_show_item (TxListsView   *self,
                         gint64         round,
                         gint64         item,
                         TxCompareKind  kind)
{
  self->round = round;
  self->kind = kind;
  self->focus_item = item;
  tx_lists_view_refresh (self);
}

/**
 * tx_lists_view_get_import_dialog:
 *
 * Returns: (transfer none) (nullable): the import dialog open, for tests
 */
GtkWidget *
tx_lists_view_get_import_dialog (TxListsView *self)
{
  return self->import_dialog;
}

/**
 * tx_lists_view_get_round:
 *
 * Returns: the round shown, or 0 when there is none
 */
gint64
tx_lists_view_get_round (TxListsView *self)
{
  const TxCompareRound *r = shown_round (self);

  return r ? r->id : 0;
}

/**
 * tx_lists_view_is_busy:
 *
 * Returns: whether the view waits for the store service
 */
gboolean
tx_lists_view_is_busy (TxListsView *self)
{
  return self->busy > 0;
}

GtkWidget *
tx_lists_view_get_widget (TxListsView *self,
                          const char  *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_LISTS_VIEW, name));
}
