/* tx-lists-view-round.c — the Lists view's round: its findings by
 * category, and what is done with each (register, decide, open, mark
 * checked), printed and exported
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A category is a toggle button with its count; only its findings are
 * read (a county's round holds thousands). Each finding is a row: the
 * list's entry and the registered child, the rule that matched them, the
 * differences naming both sources, and buttons for what is left to do.
 * Registering an entry opens the form prefilled (the window's part); once
 * saved, tx_lists_view_entry_registered() marks the finding done.
 */

#define G_LOG_DOMAIN "tx-lists-view"

/* A county's round holds thousands: the first are shown, the printed round
 * and the workbook have them all */
#define ITEMS_SHOWN 500

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-lists-view-private.h"

/* The categories, in the order they are shown: the work first */
static const TxCompareKind kinds[] = {
  TX_COMPARE_NOT_REGISTERED, TX_COMPARE_DIFFERENCE, TX_COMPARE_POSSIBLE, TX_COMPARE_ON_NO_LIST, TX_COMPARE_FOUND,
};

static const TxCompareRound *
find_round (TxListsView *self,
            gint64       id)
{
  for (guint i = 0; self->state && i < self->state->rounds->len; i++)
    {
      const TxCompareRound *r = self->state->rounds->pdata[i];
      if (r->id == id)
        return r;
    }
  return NULL;
}

static const TxCompareItem *
find_item (TxListsView *self,
           gint64       id)
{
  for (guint i = 0; self->items && i < self->items->len; i++)
    {
      const TxCompareItem *item = self->items->pdata[i];
      if (item->id == id)
        return item;
    }
  return NULL;
}

/* A finding */

static void
add_button (GtkWidget           *box,
            const TxCompareItem *item,
            const char          *label,
            const char          *action,
            GVariant            *target,
            gboolean             suggested)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  /* Translators: a finding's button, for a screen reader: what it does, and to whom */
  g_autofree char *accessible = g_strdup_printf (_("%s: %s"), label, item->name ? item->name : "—");

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (suggested)
    gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), button);
}

static char *
item_text (const TxCompareItem *item)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *masked = item->id_number ? tx_id_mask (item->id_number) : NULL;
  g_autofree char *differences = item->differences ? tx_compare_differences_text (item->differences) : NULL;

  if (item->list)
    /* Translators: a list's entry: the list (name and department), and the entry's row */
    g_string_append_printf (s, _("%s, row %u"), item->list_name ? item->list_name : "—", item->row);
  else
    g_string_append (s, _("On no list of the round"));
  g_string_append_printf (s, "\n%s %s · %s %s", _("Born"), item->birth_date ? item->birth_date : "—",
                          _("Identity number"), masked ? masked : "—");
  if (item->child_id)
    {
      const char *village = item->residence_division ? tx_division_name (item->residence_division) : NULL;
      g_string_append_c (s, '\n');
      /* Translators: the registered child a finding is about, and the village it lives in */
      g_string_append_printf (s, _("In the register: %s, %s"), item->child_name ? item->child_name : "—",
                              village ? village : "—");
    }
  if (item->rule != TX_MATCH_NONE)
    g_string_append_printf (s, "\n%s", tx_match_rule_label (item->rule));
  if (differences && *differences)
    g_string_append_printf (s, "\n%s", differences);
  if (item->note && *item->note)
    g_string_append_printf (s, "\n%s", item->note);
  if (item->decision)
    {
      g_autofree char *when = tx_lists_view_local_time (item->decided_at);
      g_string_append_c (s, '\n');
      g_string_append_printf (s, g_str_equal (item->decision, "same")
                              ? _("Decided the same child, by %s on %s")
                              : _("Decided not the same child, by %s on %s: to be screened"),
                              item->decided_by ? item->decided_by : "—", when);
    }
  if (item->done)
    {
      g_autofree char *when = tx_lists_view_local_time (item->done_at);
      g_string_append_c (s, '\n');
      g_string_append_printf (s, _("Done, by %s on %s"), item->done_by ? item->done_by : "—", when);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static GtkWidget *
item_row (const TxCompareItem *item)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *text = item_text (item);
  gboolean open = !item->done;
  gboolean undecided = item->kind == TX_COMPARE_POSSIBLE && item->decision == NULL;
  gboolean to_screen = item->kind == TX_COMPARE_NOT_REGISTERED ||
                       (item->kind == TX_COMPARE_POSSIBLE && g_strcmp0 (item->decision, "not_same") == 0);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->name ? item->name : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  if (open && undecided)
    {
      add_button (box, item, _("Same Child"), "lists.decide", g_variant_new ("(xb)", item->id, TRUE), FALSE);
      add_button (box, item, _("Not the Same"), "lists.decide", g_variant_new ("(xb)", item->id, FALSE), FALSE);
    }
  if (open && to_screen && item->list)
    add_button (box, item, _("Register…"), "lists.register", g_variant_new_int64 (item->id), TRUE);
  if (item->child_id && !to_screen)
    add_button (box, item, _("Open Record"), "lists.open", g_variant_new_string (item->child_id), FALSE);
  if (open && (item->kind == TX_COMPARE_DIFFERENCE || item->kind == TX_COMPARE_ON_NO_LIST))
    add_button (box, item, _("Mark Checked"), "lists.done", g_variant_new_int64 (item->id), FALSE);
  if (gtk_widget_get_first_child (box))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  else
    {
      g_object_ref_sink (box);
      g_object_unref (box);
    }
  g_object_set_data_full (G_OBJECT (row), "item", g_memdup2 (&item->id, sizeof item->id), g_free);
  return row;
}

static void
items_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxComparePage) page = tx_compare_items_finish (TX_STORE_SERVICE (source), result, &error);
  GtkWidget *child, *focus = NULL;
  GPtrArray *items;

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (page == NULL)
    {
      tx_lists_view_toast (self, tx_gui_error_text (error));
      return;
    }
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = items = g_steal_pointer (&page->items);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->items_box))))
    gtk_list_box_remove (self->items_box, child);
  for (guint i = 0; i < items->len; i++)
    {
      const TxCompareItem *item = items->pdata[i];
      GtkWidget *row = item_row (item);

      gtk_list_box_append (self->items_box, row);
      if (item->id == self->focus_item)
        focus = row;
    }
  if (page->total > items->len)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *more = g_strdup_printf (_("The first %u of %u are shown; the printed round and the "
                                                 "workbook have them all."), items->len, page->total);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), more);
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->items_box, row);
    }
  if (items->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Nothing in this category."));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->items_box, row);
    }
  if (focus)
    {
      self->focus_item = 0;
      gtk_widget_grab_focus (focus);
    }
}

/* Reads the findings of the category shown */
void
tx_lists_view_load_items (TxListsView *self)
{
  gint64 round = tx_lists_view_get_round (self);

  if (self->service == NULL || round == 0 || self->kind < 0)
    return;
  self->busy++;
  tx_compare_items_async (self->service, round, self->kind, ITEMS_SHOWN,
                          tx_gui_renew_cancellable (&self->items_cancellable), items_done_cb, g_object_ref (self));
}

static void
kind_toggled_cb (GtkToggleButton *button,
                 TxListsView     *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "kind"));
  tx_lists_view_load_items (self);
}

/* The round chosen (or the latest): its title, its categories as toggle
 * buttons with their counts, and the findings of the one chosen */
void
tx_lists_view_show_round (TxListsView *self)
{
  const TxCompareRound *r = find_round (self, tx_lists_view_get_round (self));
  g_autofree char *when = NULL, *title = NULL, *about = NULL;
  const char *where;
  GtkToggleButton *group = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->kinds_box))))
    gtk_flow_box_remove (self->kinds_box, child);
  memset (self->kind_buttons, 0, sizeof self->kind_buttons);
  gtk_widget_set_visible (GTK_WIDGET (self->round_group), r != NULL);
  if (r == NULL)
    return;
  when = tx_lists_view_local_time (r->at);
  where = r->division ? tx_division_name (r->division) : NULL;
  /* Translators: the title of the round shown, with its date */
  title = g_strdup_printf (_("Round of %s"), when);
  /* Translators: the scope of the round shown, and the children it compared */
  about = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %u registered child compared.",
                                        "%s: %u registered children compared.", r->children),
                           where ? where : _("The whole register"), r->children);
  adw_preferences_group_set_title (self->round_group, title);
  adw_preferences_group_set_description (self->round_group, about);
  if (self->kind < 0)
    {
      self->kind = TX_COMPARE_NOT_REGISTERED;
      for (int k = G_N_ELEMENTS (kinds) - 1; k >= 0; k--)
        if (r->counts[kinds[k]] > 0)
          self->kind = kinds[k];
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      /* Translators: a category of a round's findings, and how many */
      g_autofree char *label = g_strdup_printf (_("%s (%u)"), tx_compare_kind_label (kinds[k]), r->counts[kinds[k]]);
      GtkWidget *button = gtk_toggle_button_new_with_label (label);

      g_object_set_data (G_OBJECT (button), "kind", GINT_TO_POINTER (kinds[k]));
      if (group)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), group);
      else
        group = GTK_TOGGLE_BUTTON (button);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), (int) kinds[k] == self->kind);
      g_signal_connect (button, "toggled", G_CALLBACK (kind_toggled_cb), self);
      gtk_flow_box_append (self->kinds_box, button);
      /* the buttons take the focus, not their places in the box */
      gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
      self->kind_buttons[kinds[k]] = GTK_TOGGLE_BUTTON (button);
    }
  tx_lists_view_load_items (self);
}

/* What is done with a finding */

/* The answer to a change (a list removed, a finding decided or done):
 * what the store says now is read again */
void
tx_lists_view_written_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;

  self->busy--;
  if (!tx_store_service_run_finish_boolean (TX_STORE_SERVICE (source), result, &error))
    {
      tx_lists_view_toast (self, tx_gui_error_text (error));
      return;
    }
  tx_lists_view_refresh (self);
}

static void
decide_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  gint64 item;
  gboolean same;

  g_variant_get (param, "(xb)", &item, &same);
  self->busy++;
  tx_compare_decide_async (self->service, item, same, NULL, tx_lists_view_written_cb, g_object_ref (self));
}

static void
done_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);

  self->busy++;
  tx_compare_set_done_async (self->service, g_variant_get_int64 (param), NULL, NULL, tx_lists_view_written_cb,
                             g_object_ref (self));
}

static void
open_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  g_signal_emit (widget, tx_lists_view_signals[TX_LISTS_VIEW_CHILD_ACTIVATED], 0,
                 g_variant_get_string (param, NULL));
}

static void
record_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxRecord) record = tx_compare_entry_record_finish (TX_STORE_SERVICE (source), result, &error);
  gint64 item = self->registering;

  self->busy--;
  if (self->service == NULL)   /* the window closed meanwhile */
    return;
  if (record == NULL)
    {
      tx_lists_view_toast (self, tx_gui_error_text (error));
      return;
    }
  self->registering = 0;
  g_signal_emit (self, tx_lists_view_signals[TX_LISTS_VIEW_REGISTER_ENTRY], 0, item, record);
}

static void
register_action (GtkWidget  *widget,
                 const char *name,
                 GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  const TxCompareItem *item = find_item (self, g_variant_get_int64 (param));

  if (item == NULL || item->list == 0)
    return;
  self->registering = item->id;
  self->busy++;
  tx_compare_entry_record_async (self->service, item->list, item->row, NULL, record_done_cb, g_object_ref (self));
}

/**
 * tx_lists_view_entry_registered:
 * @item: the finding the form was opened from
 * @child_id: the child saved
 *
 * Marks the finding of an entry not registered done, with the child
 * registered from it.
 */
void
tx_lists_view_entry_registered (TxListsView *self,
                                gint64       item,
                                const char  *child_id)
{
  if (self->service == NULL || item == 0)
    return;
  self->busy++;
  tx_compare_set_done_async (self->service, item, child_id, NULL, tx_lists_view_written_cb, g_object_ref (self));
  tx_lists_view_toast (self, _("Registered: the finding is done"));
}

/* Print and export */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxListsView) self = user_data;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok = tx_report_compare_export_finish (TX_STORE_SERVICE (source), result, &n, &error);

  tx_lists_view_work_ended (self);
  if (!ok)
    {
      tx_lists_view_toast (self, tx_gui_is_cancelled (error) ? _("Export cancelled: no file was written.")
                                                             : tx_gui_error_text (error));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported: %u finding",
                                                          "Exported: %u findings", n), n);
    tx_lists_view_toast (self, text);
  }
}

/**
 * tx_lists_view_export_to:
 * @pdf: the printed round (PDF) if %TRUE, else the workbook (xlsx)
 *
 * Writes the round shown into @file, with progress and Cancel.
 */
void
tx_lists_view_export_to (TxListsView *self,
                         GFile       *file,
                         gboolean     pdf)
{
  g_autofree char *path = g_file_get_path (file);
  gint64 round = tx_lists_view_get_round (self);

  if (self->service == NULL || round == 0 || self->work_cancellable || path == NULL)
    return;
  self->work_cancellable = g_cancellable_new ();
  tx_lists_view_work_started (self, pdf ? _("Printing the round to PDF…") : _("Exporting the round…"), TRUE);
  tx_report_compare_export_async (self->service, round, pdf, path, self->work_cancellable, export_done_cb,
                                  g_object_ref (self));
}

static void
file_chosen_cb (GtkWidget *widget,
                GFile     *file,
                gpointer   data)
{
  tx_lists_view_export_to (TX_LISTS_VIEW (widget), file, GPOINTER_TO_INT (data));
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxListsView *self = TX_LISTS_VIEW (widget);
  gboolean pdf = g_str_equal (name, "lists.print");
  const TxCompareRound *r = find_round (self, tx_lists_view_get_round (self));
  g_autofree char *when = r ? tx_lists_view_local_time (r->at) : NULL;
  g_autofree char *day = when ? g_strndup (when, 10) : NULL;
  /* Translators: the file name offered for a comparison round; keep the %s (its date) */
  g_autofree char *suggested = g_strdup_printf (_("comparison-%s.%s"), day ? day : "", pdf ? "pdf" : "xlsx");

  if (r == NULL)
    return;
  tx_gui_ask_file (widget, pdf ? _("Print the Round to PDF") : _("Export the Round"), GTK_FILE_CHOOSER_ACTION_SAVE,
                   pdf ? _("_Save") : _("_Export"), suggested, NULL, file_chosen_cb, GINT_TO_POINTER (pdf));
}

void
tx_lists_view_install_round_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "lists.decide", "(xb)", decide_action);
  gtk_widget_class_install_action (widget_class, "lists.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "lists.open", "s", open_action);
  gtk_widget_class_install_action (widget_class, "lists.register", "x", register_action);
  gtk_widget_class_install_action (widget_class, "lists.print", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "lists.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "lists.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "lists.export", NULL);
}
