/* tx-import-dialog-rows.c — the import dialog's rows: one drop-down a column
 * on the mapping page, and the dry run's rows with their counts and filter
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ledger of a county has thousands of rows: the dry run's rows are a
 * GtkListView over a list of small items, each pointing at its row of the
 * plan, so that only the rows on screen have widgets.
 */

#define G_LOG_DOMAIN "tx-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-import-dialog-private.h"

/* A row of the dry run, for the list's model: the plan owns the row */

#define TX_TYPE_IMPORT_ITEM (tx_import_item_get_type ())
G_DECLARE_FINAL_TYPE (TxImportItem, tx_import_item, TX, IMPORT_ITEM, GObject)

struct _TxImportItem
{
  GObject      parent_instance;
  TxImportRow *row;
};

G_DEFINE_FINAL_TYPE (TxImportItem, tx_import_item, G_TYPE_OBJECT)

static void
tx_import_item_class_init (TxImportItemClass *klass)
{
}

static void
tx_import_item_init (TxImportItem *self)
{
}

/* The mapping */

/* the fields a column can fill: those typed, not those the rules work out */
static GPtrArray *
importable_fields (void)
{
  static GPtrArray *fields;

  if (g_once_init_enter (&fields))
    {
      const TxForm *form = tx_form_get ();
      GPtrArray *list = g_ptr_array_new ();

      for (guint i = 0; i < form->n_fields; i++)
        if (!form->fields[i].derived)
          g_ptr_array_add (list, (gpointer) &form->fields[i]);
      g_once_init_leave (&fields, list);
    }
  return fields;
}

/* "Not imported", then the fields; a label the form has twice (the
 * father's and the mother's name) says its section */
static GtkStringList *
fields_model (void)
{
  GPtrArray *fields = importable_fields ();
  const TxForm *form = tx_form_get ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      const char *label = tx_field_label (fields->pdata[i]);

      g_hash_table_insert (seen, (gpointer) label, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (seen, label)) + 1));
    }
  gtk_string_list_append (list, _("Not imported"));
  for (guint i = 0; i < fields->len; i++)
    {
      const TxField *f = fields->pdata[i];
      const char *label = tx_field_label (f);

      if (GPOINTER_TO_INT (g_hash_table_lookup (seen, label)) > 1)
        {
          /* Translators: a field of the form and its section, where two share a name */
          g_autofree char *both = g_strdup_printf (_("%s (%s)"), label,
                                                   tx_section_label (&form->sections[f->section]));
          gtk_string_list_append (list, both);
        }
      else
        gtk_string_list_append (list, label);
    }
  return list;
}

static guint
position_of_field (int field)
{
  GPtrArray *fields = importable_fields ();

  for (guint i = 0; field >= 0 && i < fields->len; i++)
    if (((const TxField *) fields->pdata[i])->index == field)
      return i + 1;
  return 0;
}

/* the rows show the map: a field chosen again has left its other column */
static void
sync_rows (TxImportDialog *self)
{
  TxColumnMap *map = tx_intake_source_get_map (self->source);

  self->syncing = TRUE;
  for (guint i = 0; i < self->column_rows->len && i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);

      adw_combo_row_set_selected (self->column_rows->pdata[i], position_of_field (c->field));
    }
  self->syncing = FALSE;
}

static void
column_changed_cb (AdwComboRow    *row,
                   GParamSpec     *pspec,
                   TxImportDialog *self)
{
  TxColumnMap *map;
  const TxColumn *c;
  guint selected = adw_combo_row_get_selected (row);
  const TxField *f;
  g_autoptr(GError) error = NULL;

  if (self->syncing || self->source == NULL)
    return;
  map = tx_intake_source_get_map (self->source);
  c = g_ptr_array_index (map->columns, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column")));
  f = selected > 0 && selected != GTK_INVALID_LIST_POSITION ? importable_fields ()->pdata[selected - 1] : NULL;
  if (!tx_column_map_set (map, c->letter, f ? f->key : "", &error))
    g_warning ("column %s: %s", c->letter, error->message);
  sync_rows (self);
}

/* Enter or Space on a drop-down opens its list, not the window's default
 * (the dry run), and the list shows the current choice */
static gboolean
combo_key_cb (GtkEventControllerKey *controller,
              guint                  keyval,
              guint                  keycode,
              GdkModifierType        state,
              gpointer               data)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  if (keyval != GDK_KEY_Return && keyval != GDK_KEY_KP_Enter && keyval != GDK_KEY_ISO_Enter &&
      keyval != GDK_KEY_space && keyval != GDK_KEY_KP_Space)
    return FALSE;
  g_signal_emit_by_name (row, "activate");
  return TRUE;
}

static GtkWidget *
find_list_view (GtkWidget *w)
{
  if (GTK_IS_LIST_VIEW (w))
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_list_view (c);

      if (found)
        return found;
    }
  return NULL;
}

/* the list opened shows the field chosen, not the top of the list */
static void
show_choice_cb (AdwActionRow *row,
                gpointer      data)
{
  GtkWidget *list = find_list_view (GTK_WIDGET (row));
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row));

  if (list && selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
}

static void
open_on_keys (GtkWidget *row)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  g_signal_connect (keys, "key-pressed", G_CALLBACK (combo_key_cb), NULL);
  gtk_widget_add_controller (row, keys);
}

static void
sheet_changed_cb (AdwComboRow    *row,
                  GParamSpec     *pspec,
                  TxImportDialog *self)
{
  guint sheet = adw_combo_row_get_selected (row);

  if (self->syncing || self->source == NULL || sheet == GTK_INVALID_LIST_POSITION ||
      sheet == tx_intake_source_sheet (self->source))
    return;
  tx_import_dialog_open_sheet (self, sheet);
}

/**
 * tx_import_dialog_show_sheet:
 *
 * The sheet switcher shows the sheet whose columns the page shows.
 */
void
tx_import_dialog_show_sheet (TxImportDialog *self)
{
  self->syncing = TRUE;
  adw_combo_row_set_selected (self->sheet_row, tx_intake_source_sheet (self->source));
  self->syncing = FALSE;
}

/**
 * tx_import_dialog_fill_mapping:
 * @sheets: the workbook's sheets' names
 * @samples: (nullable): a few values of each column, by the map's columns
 *
 * The mapping page for the source opened: the sheet, where its header is,
 * and one drop-down a column, set to the field found for it, with the
 * column's first values under its name.
 */
void
tx_import_dialog_fill_mapping (TxImportDialog     *self,
                               const char *const  *sheets,
                               const char *const  *samples)
{
  TxColumnMap *map = tx_intake_source_get_map (self->source);
  g_autoptr(GtkStringList) names = gtk_string_list_new (sheets);
  g_autoptr(GtkStringList) fields = fields_model ();
  g_autofree char *where = NULL;

  self->syncing = TRUE;
  adw_combo_row_set_model (self->sheet_row, G_LIST_MODEL (names));
  self->syncing = FALSE;
  tx_import_dialog_show_sheet (self);
  gtk_widget_set_visible (self->sheet_group, g_strv_length ((char **) sheets) > 1);

  if (map->header_first == map->header_last)
    where = g_strdup_printf (_("Header found on row %u of sheet “%s”. Choose the field each column fills; "
                               "the columns not imported are left out."),
                             map->header_first, tx_intake_source_sheet_name (self->source));
  else
    where = g_strdup_printf (_("Header found on rows %u–%u of sheet “%s”. Choose the field each column "
                               "fills; the columns not imported are left out."),
                             map->header_first, map->header_last, tx_intake_source_sheet_name (self->source));
  adw_preferences_group_set_description (self->columns_group, where);

  for (guint i = 0; self->column_rows && i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, self->column_rows->pdata[i]);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  self->column_rows = g_ptr_array_new ();
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *letter = g_strdup_printf (_("Column %s"), c->letter);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      const char *sample = samples && i < g_strv_length ((char **) samples) ? samples[i] : "";
      g_autofree char *subtitle = NULL;

      if (*c->header)
        /* Translators: a column's letter, and its first values */
        subtitle = *sample ? g_strdup_printf (_("%s · %s"), letter, sample) : g_strdup (letter);
      else
        subtitle = g_strdup (*sample ? sample : _("No header"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *c->header ? c->header : letter);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      g_signal_connect (row, "activated", G_CALLBACK (show_choice_cb), NULL);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (fields));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      open_on_keys (row);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->column_rows, row);
    }
  sync_rows (self);
  for (guint i = 0; i < self->column_rows->len; i++)
    g_signal_connect (self->column_rows->pdata[i], "notify::selected", G_CALLBACK (column_changed_cb), self);
}

/* The dry run's rows */

static char *
row_title (const TxImportRow *r)
{
  const char *name = r->record->values[tx_form_index ("name")];
  const char *birth = r->record->values[tx_form_index ("birth_date")];
  const char *id = r->record->values[tx_form_index ("id_number")];
  g_autofree char *masked = id && *id ? tx_id_mask (id) : NULL;
  GString *s = g_string_new (NULL);

  /* Translators: a row of the spreadsheet, by its number */
  g_string_append_printf (s, _("Row %u"), r->row);
  g_string_append_printf (s, " · %s", name && *name ? name : "—");
  if (birth && *birth)
    g_string_append_printf (s, " · %s", birth);
  if (masked)
    g_string_append_printf (s, " · %s", masked);
  return g_string_free (s, FALSE);
}

/* the first few of a list, then how many more */
static void
append_few (GString    *s,
            GPtrArray  *items,
            const char *separator)
{
  const guint few = 3;

  for (guint i = 0; i < items->len && i < few; i++)
    {
      if (i > 0)
        g_string_append (s, separator);
      g_string_append (s, items->pdata[i]);
    }
  if (items->len > few && g_str_equal (separator, "\n"))
    {
      g_string_append (s, separator);
      /* Translators: on its own line, after the first few values of a list */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", items->len - few),
                              items->len - few);
    }
  else if (items->len > few)
    /* Translators: right after the first few values of a list, without a comma:
     * "Draft: 23 values missing: date, county, village and 20 more" */
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", items->len - few),
                            items->len - few);
}

static char *
row_detail (const TxImportRow *r)
{
  GString *s = g_string_new (NULL);

  switch (r->action)
    {
    case TX_IMPORT_REFUSED:
      for (guint i = 0; i < r->problems->len; i++)
        {
          const TxRowProblem *q = g_ptr_array_index (r->problems, i);

          if (s->len)
            g_string_append_c (s, '\n');
          if (q->column)
            /* Translators: a column's header, and what is wrong with the row's value in it */
            g_string_append_printf (s, _("%s: %s"), q->column, q->message);
          else
            g_string_append (s, q->message);
        }
      return g_string_free (s, FALSE);
    case TX_IMPORT_DUPLICATE:
      g_string_append_printf (s, _("Perhaps a child registered already: %s. Not imported unless you say it "
                                   "is another child."), r->match ? r->match : "");
      break;
    case TX_IMPORT_UPDATE:
      if (r->unchanged || r->changes == NULL || r->changes->len == 0)
        g_string_append (s, _("The same as the registered child with this identity number: nothing changes."));
      else
        {
          g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

          for (guint i = 0; i < r->changes->len; i++)
            g_ptr_array_add (texts, tx_import_change_text (r->changes->pdata[i]));
          g_string_append (s, _("Updates the registered child with this identity number:"));
          g_string_append_c (s, '\n');
          append_few (s, texts, "\n");
        }
      break;
    case TX_IMPORT_NEW:
    default:
      break;
    }
  if (r->note)
    {
      if (s->len)
        g_string_append_c (s, '\n');
      g_string_append (s, r->note);
    }
  if (r->draft && r->problems->len)
    {
      g_autoptr(GPtrArray) missing = g_ptr_array_new ();

      for (guint i = 0; i < r->problems->len; i++)
        {
          const TxRowProblem *q = g_ptr_array_index (r->problems, i);
          const TxField *f = q->key ? tx_form_lookup (q->key) : NULL;

          if (f)
            g_ptr_array_add (missing, (gpointer) tx_field_label (f));
        }
      if (s->len)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Draft: %u value missing",
                                              "Draft: %u values missing", r->problems->len),
                              r->problems->len);
      if (missing->len)
        {
          /* Translators: before the fields a draft misses */
          g_string_append (s, _(": "));
          append_few (s, missing, _(", "));
        }
    }
  return g_string_free (s, FALSE);
}

static void
anyway_toggled_cb (GtkCheckButton *check,
                   TxImportDialog *self)
{
  TxImportItem *item = g_object_get_data (G_OBJECT (check), "item");

  if (item == NULL)
    return;
  item->row->chosen = gtk_check_button_get_active (check);
  tx_import_dialog_update_status (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          TxImportDialog           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *action = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *check = gtk_check_button_new_with_mnemonic (_("Import as a new c_hild anyway"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_wrap (GTK_LABEL (detail), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (detail), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (action, "caption-heading");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), action);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_box_append (GTK_BOX (box), check);
  g_signal_connect (check, "toggled", G_CALLBACK (anyway_toggled_cb), self);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "action", action);
  g_object_set_data (G_OBJECT (box), "detail", detail);
  g_object_set_data (G_OBJECT (box), "check", check);
  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         TxImportDialog           *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  TxImportItem *item = gtk_list_item_get_item (list_item);
  const TxImportRow *r = item->row;
  GtkWidget *action = g_object_get_data (G_OBJECT (box), "action");
  GtkWidget *detail = g_object_get_data (G_OBJECT (box), "detail");
  GtkWidget *check = g_object_get_data (G_OBJECT (box), "check");
  g_autofree char *title = row_title (r);
  g_autofree char *text = row_detail (r);
  static const char *classes[] = { "success", "accent", "warning", "error" };

  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), title);
  gtk_label_set_text (GTK_LABEL (action), r->action == TX_IMPORT_UPDATE && r->unchanged
                                          ? _("Unchanged") : tx_import_action_label (r->action));
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (action, classes[i]);
  gtk_widget_remove_css_class (action, "dim-label");
  gtk_widget_add_css_class (action, r->action == TX_IMPORT_UPDATE && r->unchanged ? "dim-label"
                                                                                  : classes[r->action]);
  gtk_label_set_text (GTK_LABEL (detail), text);
  gtk_widget_set_visible (detail, *text != 0);
  g_object_set_data (G_OBJECT (check), "item", NULL);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), r->chosen);
  gtk_widget_set_visible (check, r->action == TX_IMPORT_DUPLICATE);
  g_object_set_data (G_OBJECT (check), "item", item);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           TxImportDialog           *self)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);

  g_object_set_data (g_object_get_data (G_OBJECT (box), "check"), "item", NULL);
}

static gboolean
filter_func (gpointer item,
             gpointer data)
{
  TxImportDialog *self = data;

  return self->shown < 0 || (int) TX_IMPORT_ITEM (item)->row->action == self->shown;
}

static void
filter_toggled_cb (GtkToggleButton *button,
                   TxImportDialog  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  self->shown = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "action"));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * tx_import_dialog_setup_rows:
 *
 * The dry run's list and its filter buttons, made once.
 */
void
tx_import_dialog_setup_rows (TxImportDialog *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->items = g_list_store_new (TX_TYPE_IMPORT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                        GTK_FILTER (g_object_ref (self->filter)));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), self);
  gtk_list_view_set_factory (self->rows_view, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (filtered));
  gtk_list_view_set_model (self->rows_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect (self->sheet_row, "notify::selected", G_CALLBACK (sheet_changed_cb), self);
  open_on_keys (GTK_WIDGET (self->sheet_row));
  g_object_unref (factory);

  for (int i = 0; i < (int) G_N_ELEMENTS (self->filter_buttons); i++)
    {
      GtkWidget *b = gtk_toggle_button_new ();

      gtk_button_set_use_underline (GTK_BUTTON (b), TRUE);
      g_object_set_data (G_OBJECT (b), "action", GINT_TO_POINTER (i - 1));
      if (i > 0)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (b), GTK_TOGGLE_BUTTON (self->filter_buttons[0]));
      g_signal_connect (b, "toggled", G_CALLBACK (filter_toggled_cb), self);
      gtk_box_append (self->filter_box, b);
      self->filter_buttons[i] = b;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->filter_buttons[0]), TRUE);
}

/**
 * tx_import_dialog_update_status:
 *
 * The line under the rows: how many children the import will bring in.
 */
void
tx_import_dialog_update_status (TxImportDialog *self)
{
  guint n = self->plan ? tx_import_plan_n_chosen (self->plan) : 0;
  g_autofree char *text = NULL;

  if (n == 0)
    text = g_strdup (_("No child will be imported: every row is refused, a possible duplicate, or the same as "
                       "the registered child."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child will be imported.",
                                         "%u children will be imported.", n), n);
  gtk_label_set_text (self->status_label, text);
  tx_import_dialog_update_buttons (self);
}

/**
 * tx_import_dialog_fill_plan:
 *
 * The dry run page for the plan made: the counts, which filter the rows,
 * and the rows.
 */
void
tx_import_dialog_fill_plan (TxImportDialog *self)
{
  const TxImportPlan *plan = self->plan;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint drafts = 0, unchanged = 0;

  for (guint i = 0; i < plan->rows->len; i++)
    unchanged += ((TxImportRow *) plan->rows->pdata[i])->action == TX_IMPORT_UPDATE &&
                 ((TxImportRow *) plan->rows->pdata[i])->unchanged;
  for (guint i = 0; i < G_N_ELEMENTS (self->filter_buttons); i++)
    {
      guint n = i == 0 ? plan->rows->len : plan->counts[i - 1];
      g_autofree char *label = NULL;

      /* Translators: the filters of the dry run's rows, each with its count */
      switch (i)
        {
        case 0:
          label = g_strdup_printf (_("_All %u"), n);
          break;
        case 1 + TX_IMPORT_NEW:
          label = g_strdup_printf (_("_New %u"), n);
          break;
        case 1 + TX_IMPORT_UPDATE:
          /* an update that changes nothing writes nothing: counted apart */
          if (unchanged)
            label = g_strdup_printf (_("_Updates %u · unchanged %u"), n - unchanged, unchanged);
          else
            label = g_strdup_printf (_("_Updates %u"), n);
          break;
        case 1 + TX_IMPORT_DUPLICATE:
          label = g_strdup_printf (_("Possible _duplicates %u"), n);
          break;
        default:
          label = g_strdup_printf (_("_Refused %u"), n);
          break;
        }
      gtk_button_set_label (GTK_BUTTON (self->filter_buttons[i]), label);
    }

  for (guint i = 0; i < plan->rows->len; i++)
    {
      TxImportRow *r = g_ptr_array_index (plan->rows, i);
      TxImportItem *item = g_object_new (TX_TYPE_IMPORT_ITEM, NULL);

      item->row = r;
      drafts += r->action != TX_IMPORT_REFUSED && r->draft;
      g_ptr_array_add (items, item);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)), items->pdata,
                       items->len);
  if (drafts)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u row misses values the form requires: it is "
                                                            "imported as a draft, to be completed.",
                                                            "%u rows miss values the form requires: they are "
                                                            "imported as drafts, to be completed.", drafts),
                                               drafts);

      gtk_label_set_text (self->drafts_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->drafts_label), drafts > 0);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->filter_buttons[0]), TRUE);
  tx_import_dialog_update_status (self);
}

/**
 * tx_import_dialog_clear_plan:
 *
 * Drops the dry run, and the list's items that point into it.
 */
void
tx_import_dialog_clear_plan (TxImportDialog *self)
{
  if (self->items)
    g_list_store_remove_all (self->items);
  g_clear_pointer (&self->plan, tx_import_plan_free);
}
