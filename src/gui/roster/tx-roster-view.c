/* tx-roster-view.c — the children's roster
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Searching and filtering run on the store service's thread and hand back
 * the row ids of the matches in order; the list then reads only the rows it
 * shows (TxRosterModel). A newer search makes the result of an older one
 * moot, so typing never waits for a query.
 */

#define G_LOG_DOMAIN "tx-roster-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-roster-item.h"
#include "tx-roster-model.h"
#include "tx-roster-view-private.h"

struct _TxRosterView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown    *village_dropdown;
  GtkDropDown    *category_dropdown;
  GtkDropDown    *guardianship_dropdown;
  GtkToggleButton *key_care_toggle;
  GtkToggleButton *incomplete_toggle;
  GtkToggleButton *ineligible_toggle;
  GtkToggleButton *overdue_toggle;
  GtkToggleButton *compare_toggle;
  GtkDropDown    *register_dropdown;  /* TxRosterRegister */
  GtkDropDown    *reason_dropdown;
  GtkToggleButton *update_toggle;
  GtkToggleButton *reveal_toggle;
  GtkWidget       *export_button;
  GtkStack       *content_stack;
  GtkColumnView  *column_view;
  AdwStatusPage  *empty_page;
  GtkWidget      *empty_import_button;
  GtkLabel       *status_label;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  TxRosterModel  *model;
  GtkSingleSelection *selection;
  GPtrArray      *villages;        /* codes, index 0 = all */
  GCancellable   *cancellable;     /* of the latest search */
  gboolean        busy;
  guint           exporting;
  int             probe_column;
  TxRosterItem   *probe_item;
  TxRosterItem   *probe_other;   /* gtk_sorter_compare() of an item with itself asks no sorter */
  char           *select_after;    /* id to select when the next result arrives */
  TxChildOrder    order;           /* of the last search */
  gboolean        descending;
  guint           midnight_id;
  gboolean        resetting;       /* the filters set at once: one search at the end */
  GtkColumnViewColumn *next_column; /* its title says what the rows of children who left show */
};

G_DEFINE_FINAL_TYPE (TxRosterView, tx_roster_view, ADW_TYPE_BIN)

enum {
  CHILD_ACTIVATED,
  DELETE_REQUESTED,
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char   *title;
  const char   *property;
  TxChildOrder  order;
  gboolean      expand;
  guint         chars;   /* natural width in characters */
} columns[] = {
  { N_("Name"), "name", TX_CHILD_ORDER_NAME, TRUE, 10 },
  { N_("Gender"), "gender", TX_CHILD_ORDER_GENDER, FALSE, 4 },
  { N_("Age"), "age", TX_CHILD_ORDER_AGE, FALSE, 3 },
  { N_("Identity number"), "id-number", TX_CHILD_ORDER_ID_NUMBER, FALSE, 18 },
  { N_("Village or community"), "village", TX_CHILD_ORDER_VILLAGE, TRUE, 14 },
  { N_("Category"), "category", TX_CHILD_ORDER_CATEGORY, FALSE, 10 },
  { N_("Guardianship"), "guardianship", TX_CHILD_ORDER_GUARDIANSHIP, FALSE, 6 },
  { N_("Key care"), "key-care", TX_CHILD_ORDER_KEY_CARE, FALSE, 6 },
  { N_("Status"), "status", TX_CHILD_ORDER_STATUS, FALSE, 10 },
  /* wide enough for a due date and, quietly, the day a child ages out */
  { N_("Next visit"), "next-visit", TX_CHILD_ORDER_NEXT_VISIT, FALSE, 30 },
  { N_("Information update"), "info-update", TX_CHILD_ORDER_INFO_REFRESH, FALSE, 18 },
};

/* the column whose rows say when and why a child left, for those who did */
#define NEXT_VISIT_COLUMN 9

static const char *const category_codes[] = { NULL, "migrant", "left_behind", "distressed" };
static const char *const guardianship_codes[] = { NULL, "good", "average", "poor" };

/* Querying */

static void
select_position (TxRosterView *self,
                 guint         position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", position);
}

/* Which children the register filter asks for */
static gboolean
showing (TxRosterView     *self,
         TxRosterRegister  which)
{
  return gtk_drop_down_get_selected (self->register_dropdown) == (guint) which;
}

static void
query_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxRosterView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxSearchResult) r = tx_store_service_search_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *status = NULL;
  gboolean filtered;

  if (r == NULL)
    {
      /* cancelled: a search that has been typed over since */
      if (!tx_gui_is_cancelled (error))
        {
          self->busy = FALSE;
          gtk_label_set_text (self->status_label, error->message);
        }
      return;
    }
  self->busy = FALSE;

  /* a new result starts at the top: then the rows GTK tracks (the anchor,
   * the selection) are among the kept first rows, not in the changing rest */
  if (!tx_roster_model_has_rowids (self->model, r->rowids))
    {
      gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view)), 0);
      if (gtk_single_selection_get_selected (self->selection) >= 512 &&
          gtk_single_selection_get_selected (self->selection) != GTK_INVALID_LIST_POSITION)
        gtk_single_selection_set_selected (self->selection, 0);
    }
  /* the memory of a large result given back once typing stops */
  if (MAX (r->rowids->len, g_list_model_get_n_items (G_LIST_MODEL (self->model))) > 100000)
    tx_gui_trim_memory_soon ();
  /* the same children read again in place after a change, or a new result */
  tx_roster_model_set_rowids (self->model, r->rowids);
  filtered = r->rowids->len != (guint) r->total;
  if (showing (self, TX_ROSTER_REGISTER_LEFT))
    /* Translators: the status line of the roster when it lists the children who left the register */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child left the register · %lld key care",
                                           "%u children left the register · %lld key care", r->rowids->len),
                              r->rowids->len, (long long) r->key_care);
  else if (filtered)
    /* Translators: the status line of the roster: 12 of 2,000 children shown, 3 of them key care */
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %lld child shown · %lld key care",
                                           "%u of %lld children shown · %lld key care", r->total),
                              r->rowids->len, (long long) r->total, (long long) r->key_care);
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lld child · %lld key care",
                                           "%lld children · %lld key care", r->total),
                              (long long) r->total, (long long) r->key_care);
  gtk_label_set_text (self->status_label, status);

  if (r->rowids->len == 0)
    {
      gboolean left = showing (self, TX_ROSTER_REGISTER_LEFT);
      const char *title = left ? _("Nobody Left the Register")
                               : r->total == 0 ? _("No Children Registered Yet") : _("No Matches");

      /* only what changes is set: every change lays the page out again */
      if (g_strcmp0 (adw_status_page_get_title (self->empty_page), title) != 0)
        {
          adw_status_page_set_title (self->empty_page, title);
          adw_status_page_set_description (self->empty_page, left
            ? _("Children who age out, move away, are transferred to another township or leave for another "
                "reason are listed here, with the day and the reason, if they match the search and filters.")
            : r->total == 0
            ? _("Press Ctrl+N to enter the first registration form, or import an existing ledger (Ctrl+I).")
            : _("Try part of the name, pinyin initials such as zxm, or the last digits of the "
                "identity number."));
        }
      gtk_widget_set_visible (self->empty_import_button, r->total == 0 && !left);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "list");

  if (self->select_after)
    {
      for (guint i = 0; i < r->rowids->len; i++)
        {
          g_autoptr(TxRosterItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
          if (g_strcmp0 (tx_roster_item_get_id (item), self->select_after) == 0)
            {
              select_position (self, i);
              break;
            }
          if (i > 2000)
            break;  /* not worth paging the whole roster to find it */
        }
      g_clear_pointer (&self->select_after, g_free);
    }
}

/* Which column header was clicked last, and which way: GTK 4.8 has no call
 * for it, so ask the column view's sorter to compare two items and see
 * which column's sorter answers */
static void
read_order (TxRosterView *self,
            TxChildOrder *order,
            gboolean     *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering o;

  self->probe_column = -1;
  o = gtk_sorter_compare (sorter, self->probe_item, self->probe_other);
  *order = self->probe_column >= 0 ? columns[self->probe_column].order : TX_CHILD_ORDER_NAME;
  *descending = self->probe_column >= 0 && o == GTK_ORDERING_LARGER;
}

static void run_query (TxRosterView *self);

/* The column view's sorter also announces changes that change no order */
static void
sorter_changed_cb (TxRosterView *self)
{
  TxChildOrder order;
  gboolean descending;

  /* the columns go, and announce it, when the view is disposed */
  if (self->column_view == NULL)
    return;
  read_order (self, &order, &descending);
  if (order != self->order || descending != self->descending)
    run_query (self);
}

/* The query the widgets say: the search and every filter, with its own
 * strings (tx_child_query_free()) */
static TxChildQuery *
query_new (TxRosterView *self)
{
  TxChildQuery *q = g_new0 (TxChildQuery, 1);
  guint v;

  q->search = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  v = gtk_drop_down_get_selected (self->village_dropdown);
  if (v != GTK_INVALID_LIST_POSITION && v > 0 && v < self->villages->len)
    q->division = g_strdup (self->villages->pdata[v]);
  v = gtk_drop_down_get_selected (self->category_dropdown);
  q->category = g_strdup (v < G_N_ELEMENTS (category_codes) ? category_codes[v] : NULL);
  v = gtk_drop_down_get_selected (self->guardianship_dropdown);
  q->guardianship = g_strdup (v < G_N_ELEMENTS (guardianship_codes) ? guardianship_codes[v] : NULL);
  q->key_care_only = gtk_toggle_button_get_active (self->key_care_toggle);
  q->incomplete_only = gtk_toggle_button_get_active (self->incomplete_toggle);
  q->ineligible_only = gtk_toggle_button_get_active (self->ineligible_toggle);
  if (gtk_toggle_button_get_active (self->overdue_toggle))
    {
      GDate today;
      tx_date_today (&today);
      q->overdue_before = tx_date_format (&today);
    }
  q->compare_task = gtk_toggle_button_get_active (self->compare_toggle);
  if (showing (self, TX_ROSTER_REGISTER_LEFT))
    {
      const char *const *reasons = tx_exit_reasons ();

      q->register_filter = TX_REGISTER_FILTER_LEFT;
      v = gtk_drop_down_get_selected (self->reason_dropdown);
      if (v != GTK_INVALID_LIST_POSITION && v > 0 && v <= g_strv_length ((char **) reasons))
        q->exit_reason = g_strdup (reasons[v - 1]);
    }
  if (showing (self, TX_ROSTER_REGISTER_AGES_OUT))
    q->ages_out_before = tx_gui_next_month ();
  if (gtk_toggle_button_get_active (self->update_toggle))
    {
      GDate tomorrow;
      /* due on or before today */
      tx_date_today (&tomorrow);
      g_date_add_days (&tomorrow, 1);
      q->refresh_before = tx_date_format (&tomorrow);
    }

  return q;
}

/* Runs the search and filters the widgets say */
static void
run_query (TxRosterView *self)
{
  g_autoptr(TxChildQuery) q = NULL;

  if (self->service == NULL || self->column_view == NULL)
    return;

  q = query_new (self);
  read_order (self, &self->order, &self->descending);
  q->order = self->order;
  q->descending = self->descending;

  self->busy = TRUE;
  tx_store_service_search_async (self->service, q, tx_gui_renew_cancellable (&self->cancellable),
                                 query_done_cb, g_object_ref (self));
}

/**
 * tx_roster_view_refresh:
 *
 * Searches again, for when the data changed: the rows listed are read again
 * even when the same children match (a visit moved a next visit, a draft
 * was completed), and their words are worked out on today.
 */
void
tx_roster_view_refresh (TxRosterView *self)
{
  if (self->model)
    tx_roster_model_invalidate (self->model);
  run_query (self);
}

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  TxRosterView *self = g_object_get_data (G_OBJECT (a), "roster-view");

  if (self)
    self->probe_column = GPOINTER_TO_INT (user_data);
  return GTK_ORDERING_SMALLER;
}

/* Callbacks */

static void
filters_changed_cb (TxRosterView *self)
{
  if (!self->resetting)
    run_query (self);
}

/* The children who left have no next visit nor information update due:
 * those filters go while they are listed (which also keeps the bar as
 * wide as before with the reasons shown), and the column of next visits
 * says when and why they left */
static void
register_changed_cb (TxRosterView *self)
{
  gboolean left = showing (self, TX_ROSTER_REGISTER_LEFT);
  GtkToggleButton *due[] = { self->overdue_toggle, self->update_toggle, self->compare_toggle };
  gboolean was = self->resetting;

  self->resetting = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (due); i++)
    {
      if (left)
        gtk_toggle_button_set_active (due[i], FALSE);
      gtk_widget_set_visible (GTK_WIDGET (due[i]), !left);
    }
  self->resetting = was;
  gtk_widget_set_visible (GTK_WIDGET (self->reason_dropdown), left);
  if (self->next_column)
    {
      gtk_column_view_column_set_title (self->next_column,
                                        left ? _("Left the register") : _(columns[NEXT_VISIT_COLUMN].title));
      /* room for the day and the reason, taken from the village's column */
      gtk_column_view_column_set_fixed_width (self->next_column, left ? 320 : -1);
    }
  filters_changed_cb (self);
}

static void
reveal_toggled_cb (TxRosterView *self)
{
  if (self->model)
    tx_roster_model_set_reveal_ids (self->model, gtk_toggle_button_get_active (self->reveal_toggle));
}

static void
search_activate_cb (TxRosterView *self)
{
  /* Enter in the search field opens the first match */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      g_autoptr(TxRosterItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), 0);
      if (*tx_roster_item_get_id (item))
        g_signal_emit (self, signals[CHILD_ACTIVATED], 0, tx_roster_item_get_id (item));
    }
}

static void
search_stop_cb (TxRosterView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* The list item of a row of the column view (a GtkListItemWidget in GTK
 * 4.8): its first cell's, which setup_cell_cb() keeps on the cell */
static GtkListItem *
row_list_item (GtkWidget *row)
{
  for (GtkWidget *w = row; w; w = gtk_widget_get_first_child (w))
    if (g_object_get_data (G_OBJECT (w), "list-item"))
      return g_object_get_data (G_OBJECT (w), "list-item");
  return NULL;
}

/* The row widget that shows @position, made on the way if need be */
static GtkWidget *
row_widget_at (TxRosterView *self,
               guint         position)
{
  /* the rows' list view comes after the header */
  GtkWidget *rows = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));

  gtk_widget_activate_action (rows, "list.scroll-to-item", "u", position);
  for (GtkWidget *row = gtk_widget_get_first_child (rows); row; row = gtk_widget_get_next_sibling (row))
    {
      GtkListItem *item = row_list_item (row);

      if (item && gtk_list_item_get_position (item) == position)
        return row;
    }
  return NULL;
}

/* Down from the search field: the first row, selected and focused, as in
 * GNOME's lists (the default went to the filter buttons below) */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       TxRosterView          *self)
{
  GtkWidget *row;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 ||
      self->model == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, 0);
  row = row_widget_at (self, 0);
  return row && gtk_widget_grab_focus (row);
}

/* Up from the first row: back to the search field */
static gboolean
list_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     TxRosterView          *self)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *rows = gtk_widget_get_last_child (GTK_WIDGET (self->column_view));
  GtkListItem *item;
  gboolean up = keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up;
  gboolean delete = keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete;

  if (!(up || delete) || (state & (GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK)) != 0 || focus == NULL)
    return FALSE;
  /* the focused row: the list's child that holds the focus */
  while (focus && gtk_widget_get_parent (focus) != rows)
    focus = gtk_widget_get_parent (focus);
  item = focus ? row_list_item (focus) : NULL;
  if (item == NULL)
    return FALSE;
  if (delete)
    {
      /* Delete on a row asks to delete that row's child (before the search
       * field, which takes what is typed on the list, swallows the key);
       * the row with the focus, which arrow keys move without the selection */
      gtk_single_selection_set_selected (self->selection, gtk_list_item_get_position (item));
      gtk_widget_activate_action (GTK_WIDGET (self), "roster.delete", NULL);
      return TRUE;
    }
  if (gtk_list_item_get_position (item) != 0)
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
row_activated_cb (TxRosterView *self,
                  guint         position)
{
  g_autoptr(TxRosterItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item && *tx_roster_item_get_id (item))
    g_signal_emit (self, signals[CHILD_ACTIVATED], 0, tx_roster_item_get_id (item));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  TxRosterView *self = TX_ROSTER_VIEW (widget);
  TxRosterItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item && *tx_roster_item_get_id (item))
    g_signal_emit (self, signals[DELETE_REQUESTED], 0, tx_roster_item_get_id (item),
                   tx_roster_item_get_name (item));
}

/* GtkInscription, not GtkLabel: GTK 4.8 keeps a few hundred rows of nine
 * cells realized, and an inscription costs a fraction of a label to make,
 * fill and lay out (it was made for list cells) */
static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_min_chars (GTK_INSCRIPTION (cell), 2);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), GPOINTER_TO_UINT (user_data));
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  g_object_set_data (G_OBJECT (cell), "list-item", list_item);
  gtk_list_item_set_child (list_item, cell);
}

/* The next visit's cell shows its whole line as a tooltip when asked:
 * setting a widget's tooltip text makes GTK ask the X server where the
 * pointer is, at once (gtk_widget_trigger_tooltip_query()), and a search
 * that changed the first rows did that for every row — the longest stalls
 * while typing (a perf profile of bench-gui, issue #18) */
static gboolean
query_tooltip_cb (GtkWidget  *cell,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  const char *text = g_object_get_data (G_OBJECT (cell), "tx-tooltip");

  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
set_tooltip (GtkWidget  *cell,
             const char *text)
{
  if (!gtk_widget_get_has_tooltip (cell))
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
    }
  g_object_set_data_full (G_OBJECT (cell), "tx-tooltip", g_strdup (text), g_free);
}

static void
show_cell (GtkWidget    *cell,
           GObject      *item,
           const char   *property)
{
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;
  g_autofree char *visit = NULL;

  g_object_get (item, property, &text, "status-code", &code, "visit-code", &visit, NULL);
  if (g_str_equal (property, "info-update"))
    {
      g_free (visit);
      g_object_get (item, "update-code", &visit, NULL);
      if (visit && *visit)
        {
          g_free (visit);
          visit = g_strdup ("overdue");
        }
    }
  if (g_str_equal (property, "next-visit"))
    {
      g_autofree char *ages_out = NULL;

      g_object_get (item, "ages-out", &ages_out, NULL);
      /* the whole of a long line (the day and the reason a child left) */
      set_tooltip (cell, text && g_utf8_strlen (text, -1) > 20 ? text : NULL);
      if (ages_out && *ages_out)
        {
          /* after the next visit, quietly: the day the child leaves by age */
          g_autofree char *markup = g_markup_printf_escaped ("%s%s<span alpha=\"60%%\">%s</span>", text,
                                                             *text ? " · " : "", ages_out);
          g_autofree char *plain = g_strconcat (text, *text ? " · " : "", ages_out, NULL);

          gtk_inscription_set_markup (GTK_INSCRIPTION (cell), markup);
          set_tooltip (cell, plain);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
          g_clear_pointer (&text, g_free);
        }
    }
  if (text)
    {
      /* the quiet span of a child who ages out was set as attributes */
      gtk_inscription_set_attributes (GTK_INSCRIPTION (cell), NULL);
      gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
      /* GTK 4.8's inscription does not name itself to screen readers yet */
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
    }

  /* badges: colour with text, never colour alone */
  gtk_widget_remove_css_class (cell, "tx-badge-key-care");
  gtk_widget_remove_css_class (cell, "tx-status-draft");
  gtk_widget_remove_css_class (cell, "tx-status-incomplete");
  gtk_widget_remove_css_class (cell, "tx-status-not-eligible");
  gtk_widget_remove_css_class (cell, "tx-status-aged-out");
  gtk_widget_remove_css_class (cell, "tx-visit-overdue");
  gtk_widget_remove_css_class (cell, "tx-visit-urgent");
  if ((g_str_equal (property, "next-visit") || g_str_equal (property, "info-update")) && visit && *visit)
    {
      g_autofree char *cls = g_strconcat ("tx-visit-", visit, NULL);
      gtk_widget_add_css_class (cell, cls);
    }
  if (g_str_equal (property, "key-care") && text && *text)
    gtk_widget_add_css_class (cell, "tx-badge-key-care");
  if (g_str_equal (property, "status") && code && !g_str_equal (code, "complete"))
    {
      g_autofree char *cls = g_strconcat ("tx-status-", code, NULL);
      gtk_widget_add_css_class (cell, cls);
    }
}

static void
item_changed_cb (GObject     *item,
                 GtkListItem *list_item)
{
  show_cell (gtk_list_item_get_child (list_item), item,
             g_object_get_data (G_OBJECT (list_item), "property"));
}

/* An item may show another child later (the first rows of the roster are
 * kept across searches), so the cell follows it while bound */
static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GObject *item = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "property", user_data);
  show_cell (gtk_list_item_get_child (list_item), item, user_data);
  g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), list_item, 0);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), item_changed_cb, list_item);
}

static void
build_columns (TxRosterView *self)
{
  GtkColumnViewColumn *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, GINT_TO_POINTER (i), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (columns[i].chars));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) columns[i].property);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->column_view, column);
      if (i == 0)
        first = column;
      if (i == NEXT_VISIT_COLUMN)
        self->next_column = column;
      g_object_unref (sorter);
      g_object_unref (column);
    }
  gtk_column_view_sort_by_column (self->column_view, first, GTK_SORT_ASCENDING);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);
}

static GListModel *
string_model (const char *first,
              const char *field_key)
{
  GtkStringList *list = gtk_string_list_new (NULL);
  const TxField *f = field_key ? tx_form_lookup (field_key) : NULL;

  gtk_string_list_append (list, first);
  for (guint i = 0; f && i < f->n_choices; i++)
    gtk_string_list_append (list, tx_choice_label (&f->choices[i]));
  return G_LIST_MODEL (list);
}

/* Overdue and due are worked out on today: a new day reads the rows again */
static gboolean
midnight_cb (gpointer data)
{
  TxRosterView *self = data;

  self->midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), midnight_cb, self);
  tx_roster_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
tx_roster_view_dispose (GObject *object)
{
  TxRosterView *self = TX_ROSTER_VIEW (object);

  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ROSTER_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_object (&self->probe_item);
  g_clear_object (&self->probe_other);
  g_clear_pointer (&self->villages, g_ptr_array_unref);
  g_clear_pointer (&self->select_after, g_free);

  G_OBJECT_CLASS (tx_roster_view_parent_class)->dispose (object);
}

/* Exporting the listed children: the ledger or their registration forms */

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxRosterView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  self->exporting--;
  if (!tx_report_listed_export_finish (TX_STORE_SERVICE (source), result, &n, &error))
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u listed child exported", "%u listed children exported",
                                         n), n);
  g_signal_emit (self, signals[TOAST], 0, text);
}

/**
 * tx_roster_view_export:
 * @forms: the registration forms as a PDF, or else the ledger as a workbook
 * @file: where it goes
 *
 * Exports the children the roster lists, with its search and filters, in
 * its order, on the store service's thread.
 */
void
tx_roster_view_export (TxRosterView *self,
                       gboolean      forms,
                       GFile        *file)
{
  g_autoptr(TxChildQuery) q = query_new (self);
  g_autofree char *path = g_file_get_path (file);

  read_order (self, &q->order, &q->descending);
  self->exporting++;
  tx_report_listed_export_async (self->service, forms, q, path, NULL, export_done_cb, g_object_ref (self));
}

gboolean
tx_roster_view_is_exporting (TxRosterView *self)
{
  return self->exporting > 0;
}

static void
export_chosen (GtkWidget *widget,
               GFile     *file,
               gpointer   forms)
{
  tx_roster_view_export (TX_ROSTER_VIEW (widget), GPOINTER_TO_INT (forms), file);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  gboolean forms = g_str_equal (name, "roster.export-forms");

  tx_gui_ask_save_file (widget, forms ? _("Print the Listed Children's Forms") : _("Export the Listed Children"),
                        forms ? _("forms.pdf") : _("ledger.xlsx"), export_chosen, GINT_TO_POINTER (forms));
}

static void
tx_roster_view_class_init (TxRosterViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_roster_view_dispose;

  /**
   * TxRosterView::child-activated:
   * @id: the record's id
   *
   * The user asked to open a child's registration form.
   */
  signals[CHILD_ACTIVATED] = g_signal_new ("child-activated", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * TxRosterView::delete-requested:
   * @id: the record's id
   * @name: the child's name, for the question
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[DELETE_REQUESTED] = g_signal_new ("delete-requested", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-roster-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, village_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, guardianship_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, key_care_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, incomplete_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, ineligible_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, overdue_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, compare_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, register_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, update_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, reveal_toggle);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, export_button);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, column_view);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, empty_import_button);
  gtk_widget_class_bind_template_child (widget_class, TxRosterView, status_label);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reveal_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "roster.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "roster.export-ledger", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "roster.export-forms", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "roster.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "roster.delete", NULL);
}

static void
tx_roster_view_init (TxRosterView *self)
{
  TxChildRow probe = { .id = (char *) "", .complete = TRUE, .eligible = TRUE };
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));
  tx_date_today (&today);
  self->probe_item = tx_roster_item_new (&probe, NULL, &today, FALSE);
  g_object_set_data (G_OBJECT (self->probe_item), "roster-view", self);
  self->probe_other = tx_roster_item_new (&probe, NULL, &today, FALSE);
  g_object_set_data (G_OBJECT (self->probe_other), "roster-view", self);
  self->villages = g_ptr_array_new_with_free_func (g_free);

  gtk_drop_down_set_model (self->category_dropdown, string_model (_("All categories"), "child_category"));
  gtk_drop_down_set_model (self->guardianship_dropdown, string_model (_("Any guardianship"), "guardianship"));
  {
    /* in the order of TxRosterRegister */
    const char *places[] = { _("On the register"), _("Ages out this month"), _("Left the register"), NULL };
    g_autoptr(GtkStringList) register_list = gtk_string_list_new (places);
    g_autoptr(GtkStringList) reasons = gtk_string_list_new (NULL);

    gtk_drop_down_set_model (self->register_dropdown, G_LIST_MODEL (register_list));

    gtk_string_list_append (reasons, _("Any reason"));
    for (const char *const *r = tx_exit_reasons (); *r; r++)
      gtk_string_list_append (reasons, tx_exit_reason_label (*r));
    gtk_drop_down_set_model (self->reason_dropdown, G_LIST_MODEL (reasons));
  }
  build_columns (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  self->midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), midnight_cb, self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_name (keys, "roster-search-keys");
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
    keys = gtk_event_controller_key_new ();
    gtk_event_controller_set_name (keys, "roster-list-keys");
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (list_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  }
}

/* A save, a visit, an import, another program: whatever changed children,
 * the list reads them again (TxStoreMonitor) */
static void
children_changed_cb (TxRosterView *self)
{
  /* the rows are read again even for the same children */
  tx_roster_view_refresh (self);
}

/**
 * tx_roster_view_set_store:
 * @store: the main thread's store, for reading rows
 * @service: the worker that runs the searches
 */
void
tx_roster_view_set_store (TxRosterView   *self,
                          TxStore        *store,
                          TxStoreService *service)
{
  g_autoptr(GtkStringList) villages = NULL;

  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  /* what the person logged in may not do is not offered: a child director
   * neither exports, deletes nor sees identity numbers in full */
  {
    gboolean reveal = tx_store_can (store, TX_PERMISSION_REVEAL);
    gboolean export = tx_store_can (store, TX_PERMISSION_EXPORT);

    if (!reveal)
      gtk_toggle_button_set_active (self->reveal_toggle, FALSE);
    gtk_widget_set_visible (GTK_WIDGET (self->reveal_toggle), reveal);
    gtk_widget_set_visible (self->export_button, export);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export-ledger", export);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.export-forms", export);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "roster.delete", tx_store_can (store, TX_PERMISSION_DELETE));
  }
  g_signal_connect_object (tx_store_get_monitor (store), "children-changed",
                           G_CALLBACK (children_changed_cb), self, G_CONNECT_SWAPPED);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  self->model = tx_roster_model_new (store);
  tx_roster_model_set_reveal_ids (self->model, gtk_toggle_button_get_active (self->reveal_toggle));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* villages of the township; a county office filters by township */
  villages = tx_gui_village_filter (store, self->villages);
  gtk_drop_down_set_model (self->village_dropdown, G_LIST_MODEL (villages));
  gtk_drop_down_set_selected (self->village_dropdown, 0);

  tx_roster_view_refresh (self);
}

void
tx_roster_view_focus_search (TxRosterView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * tx_roster_view_get_selected_id:
 *
 * Returns: (nullable): the id of the selected child
 */
const char *
tx_roster_view_get_selected_id (TxRosterView *self)
{
  TxRosterItem *item = self->selection ? gtk_single_selection_get_selected_item (self->selection) : NULL;

  return item && *tx_roster_item_get_id (item) ? tx_roster_item_get_id (item) : NULL;
}

void
tx_roster_view_select_after_refresh (TxRosterView *self,
                                     const char   *id)
{
  g_free (self->select_after);
  self->select_after = g_strdup (id);
}

/**
 * tx_roster_view_show_register:
 * @which: the children on the register, those who left it, or those who
 *   age out this month
 * @reason: (nullable): with %TX_ROSTER_REGISTER_LEFT, only those who left
 *   for this reason (TX_EXIT_*)
 * @division: (nullable): only those living in this village, if the
 *   village filter has it
 *
 * Lists the children @which says, every other filter and the search
 * cleared, for the window's "Show in Roster" and the calendar's entry.
 */
void
tx_roster_view_show_register (TxRosterView     *self,
                              TxRosterRegister  which,
                              const char       *reason,
                              const char       *division)
{
  GtkToggleButton *toggles[] = {
    self->key_care_toggle, self->incomplete_toggle, self->ineligible_toggle, self->overdue_toggle,
    self->compare_toggle, self->update_toggle,
  };
  const char *const *reasons = tx_exit_reasons ();
  guint village = 0, r = 0;

  for (guint i = 1; division && self->villages && i < self->villages->len; i++)
    if (g_str_equal (self->villages->pdata[i], division))
      village = i;
  for (guint i = 0; reason && reasons[i]; i++)
    if (g_str_equal (reasons[i], reason))
      r = i + 1;
  self->resetting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->village_dropdown, village);
  gtk_drop_down_set_selected (self->category_dropdown, 0);
  gtk_drop_down_set_selected (self->guardianship_dropdown, 0);
  for (guint i = 0; i < G_N_ELEMENTS (toggles); i++)
    gtk_toggle_button_set_active (toggles[i], FALSE);
  gtk_drop_down_set_selected (self->reason_dropdown, r);
  gtk_drop_down_set_selected (self->register_dropdown, which);
  self->resetting = FALSE;
  run_query (self);
}

GtkWidget *
tx_roster_view_get_search_entry (TxRosterView *self)
{
  return GTK_WIDGET (self->search_entry);
}

GtkWidget *
tx_roster_view_get_column_view (TxRosterView *self)
{
  return GTK_WIDGET (self->column_view);
}

GtkWidget *
tx_roster_view_get_status_label (TxRosterView *self)
{
  return GTK_WIDGET (self->status_label);
}

GtkWidget *
tx_roster_view_get_filter (TxRosterView *self,
                           const char   *name)
{
  if (g_str_equal (name, "village"))
    return GTK_WIDGET (self->village_dropdown);
  if (g_str_equal (name, "category"))
    return GTK_WIDGET (self->category_dropdown);
  if (g_str_equal (name, "guardianship"))
    return GTK_WIDGET (self->guardianship_dropdown);
  if (g_str_equal (name, "key-care"))
    return GTK_WIDGET (self->key_care_toggle);
  if (g_str_equal (name, "incomplete"))
    return GTK_WIDGET (self->incomplete_toggle);
  if (g_str_equal (name, "not-eligible"))
    return GTK_WIDGET (self->ineligible_toggle);
  if (g_str_equal (name, "overdue"))
    return GTK_WIDGET (self->overdue_toggle);
  if (g_str_equal (name, "compare-task"))
    return GTK_WIDGET (self->compare_toggle);
  if (g_str_equal (name, "update-due"))
    return GTK_WIDGET (self->update_toggle);
  if (g_str_equal (name, "register"))
    return GTK_WIDGET (self->register_dropdown);
  if (g_str_equal (name, "reason"))
    return GTK_WIDGET (self->reason_dropdown);
  if (g_str_equal (name, "reveal"))
    return GTK_WIDGET (self->reveal_toggle);
  if (g_str_equal (name, "export"))
    return self->export_button;
  return NULL;
}

TxRosterModel *
tx_roster_view_get_model (TxRosterView *self)
{
  return self->model;
}

gboolean
tx_roster_view_is_busy (TxRosterView *self)
{
  /* no store yet (a login page, a first run): not ready */
  return self->busy || self->model == NULL || !tx_roster_model_is_settled (self->model);
}
