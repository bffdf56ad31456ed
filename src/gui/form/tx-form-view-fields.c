/* tx-form-view-fields.c — the form's inputs, made from the form declaration:
 * entries, dates with a calendar, boxes to tick, drop-downs and division
 * pickers; reading and writing their values; following the focus
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

#define GRID_COLUMNS 3

/* Reading and writing inputs */

char *
tx_form_editor_get (TxFormEditor *e)
{
  const TxField *f = e->field;

  if (e->read_only)
    return NULL;
  if (e->entry)
    return tx_record_input_value (f, gtk_editable_get_text (GTK_EDITABLE (e->entry)));
  if (e->checks)
    {
      g_autoptr(GPtrArray) codes = g_ptr_array_new ();
      for (guint i = 0; i < e->checks->len; i++)
        if (gtk_check_button_get_active (e->checks->pdata[i]))
          g_ptr_array_add (codes, (gpointer) f->choices[i].code);
      if (codes->len == 0)
        return NULL;
      if (f->type == TX_FIELD_CHOICE)
        return g_strdup (codes->pdata[0]);
      g_ptr_array_add (codes, NULL);
      return tx_multi_join (f, (const char * const *) codes->pdata);
    }
  if (e->dd_levels > 0)
    {
      /* only a complete place counts: the deepest level */
      GtkDropDown *dd = GTK_DROP_DOWN (e->dd[e->dd_levels - 1]);
      guint pos = gtk_drop_down_get_selected (dd);
      GPtrArray *codes = e->dd_codes[e->dd_levels - 1];

      if (pos == GTK_INVALID_LIST_POSITION || pos == 0 || codes == NULL || pos >= codes->len)
        return NULL;
      return g_strdup (codes->pdata[pos]);
    }
  if (GTK_IS_DROP_DOWN (e->input))
    {
      guint pos = gtk_drop_down_get_selected (GTK_DROP_DOWN (e->input));
      if (pos == GTK_INVALID_LIST_POSITION || pos == 0 || pos > f->n_choices)
        return NULL;
      return g_strdup (f->choices[pos - 1].code);
    }
  return NULL;
}

static void
fill_dropdown (TxFormEditor *e,
               int           level,
               const char   *parent)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) children = NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  gtk_string_list_append (list, "—");
  g_ptr_array_add (codes, NULL);
  if (parent || level == 0)
    {
      children = tx_division_children (parent);
      for (guint i = 0; i < children->len; i++)
        {
          const TxDivision *d = children->pdata[i];
          gtk_string_list_append (list, d->name);
          g_ptr_array_add (codes, g_strdup (d->code));
        }
    }
  g_clear_pointer (&e->dd_codes[level], g_ptr_array_unref);
  e->dd_codes[level] = codes;
  gtk_drop_down_set_model (GTK_DROP_DOWN (e->dd[level]), G_LIST_MODEL (list));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (e->dd[level]), 0);
  gtk_widget_set_sensitive (e->dd[level], codes->len > 1);
}

static void
select_code (TxFormEditor *e,
             int           level,
             const char   *code)
{
  GPtrArray *codes = e->dd_codes[level];

  for (guint i = 1; codes && i < codes->len; i++)
    if (g_str_equal (codes->pdata[i], code))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (e->dd[level]), i);
        return;
      }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (e->dd[level]), 0);
}

/* The code lengths of each drop-down of a division input */
static const int *
division_lengths (TxFormEditor *e)
{
  static const int hukou[] = { 2, 4, 6 };
  static const int village[] = { 12 };
  static const int town_village[] = { 9, 12 };

  if (e->field->max_len == 6)
    return hukou;
  return e->dd_levels == 1 ? village : town_village;
}

void
tx_form_editor_set (TxFormEditor *e,
                    const char   *value)
{
  const TxField *f = e->field;

  if (e->read_only)
    return;
  if (e->entry)
    gtk_editable_set_text (GTK_EDITABLE (e->entry), value ? value : "");
  else if (e->checks)
    for (guint i = 0; i < e->checks->len; i++)
      {
        gboolean on = FALSE;
        if (value && f->type == TX_FIELD_CHOICE)
          on = g_str_equal (value, f->choices[i].code);
        else if (value)
          {
            g_auto(GStrv) codes = g_strsplit (value, ",", -1);
            on = g_strv_contains ((const char * const *) codes, f->choices[i].code);
          }
        gtk_check_button_set_active (e->checks->pdata[i], on);
      }
  else if (e->dd_levels > 0)
    {
      const int *lens = division_lengths (e);
      for (int l = 0; l < e->dd_levels; l++)
        {
          if (value && (int) strlen (value) >= lens[l])
            {
              g_autofree char *part = g_strndup (value, lens[l]);
              select_code (e, l, part);
            }
          else
            gtk_drop_down_set_selected (GTK_DROP_DOWN (e->dd[l]), 0);
        }
    }
  else if (GTK_IS_DROP_DOWN (e->input))
    {
      int pos = value ? tx_field_choice_position (f, value) : -1;
      gtk_drop_down_set_selected (GTK_DROP_DOWN (e->input), pos < 0 ? 0 : pos + 1);
    }
}

/* Change handlers */

static void
changed_cb (TxFormView *self)
{
  if (!self->populating)
    tx_form_view_update (self);
}

static void
division_changed_cb (GtkDropDown *dd,
                     GParamSpec  *pspec,
                     TxFormView  *self)
{
  TxFormEditor *e = g_object_get_data (G_OBJECT (dd), "editor");
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dd), "level"));
  guint pos = gtk_drop_down_get_selected (dd);
  const char *code = NULL;

  if (pos != GTK_INVALID_LIST_POSITION && pos > 0 && pos < e->dd_codes[level]->len)
    code = e->dd_codes[level]->pdata[pos];
  /* the levels below follow the one chosen */
  for (int l = level + 1; l < e->dd_levels; l++)
    fill_dropdown (e, l, l == level + 1 ? code : NULL);
  changed_cb (self);
}

static void
id_changed_cb (GtkEditable *entry,
               TxFormView  *self)
{
  TxIdInfo info;
  g_autofree char *text = NULL;
  TxFormEditor *birth = &self->editors[TX_F ("birth_date")];
  TxFormEditor *gender = &self->editors[TX_F ("gender")];

  if (self->populating)
    return;
  text = tx_record_input_value (tx_form_lookup ("id_number"), gtk_editable_get_text (entry));
  /* the number fills the birth date and gender when they are empty; when
   * they are not, the rules compare them */
  if (text && tx_id_parse (text, &info, NULL))
    {
      g_autofree char *b = tx_form_editor_get (birth);
      g_autofree char *g = tx_form_editor_get (gender);
      self->populating = TRUE;
      if (b == NULL)
        {
          g_autofree char *iso = tx_date_format (&info.birth);
          tx_form_editor_set (birth, iso);
        }
      if (g == NULL)
        tx_form_editor_set (gender, info.male ? "male" : "female");
      self->populating = FALSE;
    }
  changed_cb (self);
}

/* A date typed 20160409, 2016-4-9, 2016/04/09 or 2016.4.9 is shown as it
 * is stored, 2016-04-09 */
static void
normalize_date (TxFormEditor *e)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (e->entry));
  g_autofree char *value = tx_record_input_value (e->field, text);
  GDate d;

  if (value && tx_date_parse (value, &d) && !g_str_equal (value, text))
    gtk_editable_set_text (GTK_EDITABLE (e->entry), value);
}

static gboolean
update_idle_cb (gpointer data)
{
  TxFormView *self = data;

  self->update_id = 0;
  for (guint i = 0; i < self->n_editors; i++)
    if (self->editors[i].left)
      {
        self->editors[i].left = FALSE;
        if (self->editors[i].field->type == TX_FIELD_DATE && self->editors[i].entry)
          normalize_date (&self->editors[i]);
      }
  tx_form_view_update (self);
  return G_SOURCE_REMOVE;
}

/* Updates once the current focus change or activation is over: the problem
 * list must not lose a row while GTK moves the focus to it */
void
tx_form_view_queue_update (TxFormView *self)
{
  if (self->update_id == 0)
    self->update_id = g_idle_add (update_idle_cb, self);
}

#define REVEAL_MARGIN 12

/* Scrolls so the whole field with the focus shows, its caption and its
 * message too, not only the input GTK scrolls to. Positions are taken in
 * the scrolled content, on the frame after the focus moved, once the layout
 * has taken in the messages the move showed or hid. */
static gboolean
reveal_focused_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       data)
{
  TxFormView *self = TX_FORM_VIEW (widget);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (self->scroller);
  GtkWidget *viewport = gtk_scrolled_window_get_child (self->scroller);
  GtkWidget *content = GTK_IS_VIEWPORT (viewport) ? gtk_viewport_get_child (GTK_VIEWPORT (viewport)) : NULL;
  double value = gtk_adjustment_get_value (adj);
  double page = gtk_adjustment_get_page_size (adj);
  graphene_rect_t r;

  if (self->reveal_frames-- > 0)
    return G_SOURCE_CONTINUE;
  self->reveal_id = 0;
  if (self->focused == NULL || content == NULL ||
      !gtk_widget_compute_bounds (self->focused->cell, content, &r))
    return G_SOURCE_REMOVE;
  if (r.size.height > page - 2 * REVEAL_MARGIN)
    {
      /* a field taller than the view (many boxes to tick on a small
       * screen): the box with the focus shows, and as much above it as fits */
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
      graphene_rect_t f;

      if (focus && gtk_widget_is_ancestor (focus, self->focused->cell) &&
          gtk_widget_compute_bounds (focus, content, &f))
        r = f;
    }
  if (r.origin.y + r.size.height > value + page - REVEAL_MARGIN)
    value = r.origin.y + r.size.height - page + REVEAL_MARGIN;
  if (r.origin.y < value + REVEAL_MARGIN)
    value = r.origin.y - REVEAL_MARGIN;
  gtk_adjustment_set_value (adj, value);
  return G_SOURCE_REMOVE;
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                TxFormEditor            *e)
{
  TxFormView *self = g_object_get_data (G_OBJECT (controller), "form-view");

  self->focused = e;
  self->reveal_frames = 1;
  if (self->reveal_id == 0)
    self->reveal_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), reveal_focused_cb, NULL, NULL);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                TxFormEditor            *e)
{
  TxFormView *self = g_object_get_data (G_OBJECT (controller), "form-view");

  e->touched = TRUE;
  e->left = TRUE;
  tx_form_view_queue_update (self);
}

static void
calendar_day_selected_cb (GtkCalendar  *calendar,
                          TxFormEditor *e)
{
  g_autoptr(GDateTime) dt = gtk_calendar_get_date (calendar);
  g_autofree char *iso = g_date_time_format (dt, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  gtk_editable_set_text (GTK_EDITABLE (e->entry), iso);
  if (popover)
    gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_widget_grab_focus (e->entry);
}

static void
calendar_show_cb (GtkPopover   *popover,
                  TxFormEditor *e)
{
  GDate d;

  if (tx_date_parse (gtk_editable_get_text (GTK_EDITABLE (e->entry)), &d))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&d), g_date_get_month (&d),
                                                       g_date_get_day (&d), 0, 0, 0);
      gtk_calendar_select_day (GTK_CALENDAR (e->calendar), dt);
    }
}

/* Building the inputs from the declaration */

static void
label_input (GtkWidget  *input,
             GtkWidget  *caption)
{
  gtk_accessible_update_relation (GTK_ACCESSIBLE (input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, caption, NULL, -1);
}

static GtkWidget *
make_entry (TxFormView   *self,
            TxFormEditor *e)
{
  GtkWidget *entry = gtk_entry_new ();
  const TxField *f = e->field;

  if (f->type == TX_FIELD_TEXT)
    gtk_entry_set_max_length (GTK_ENTRY (entry), f->max_len);
  else if (f->type == TX_FIELD_ID18)
    {
      gtk_entry_set_max_length (GTK_ENTRY (entry), 22);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 20);
    }
  else if (f->type == TX_FIELD_PHONE)
    {
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PHONE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
    }
  gtk_widget_set_hexpand (entry, TRUE);
  e->entry = entry;
  if (g_str_equal (f->key, "id_number"))
    g_signal_connect (entry, "changed", G_CALLBACK (id_changed_cb), self);
  else
    g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  label_input (entry, e->caption);
  return entry;
}

static GtkWidget *
make_date (TxFormView   *self,
           TxFormEditor *e)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();

  gtk_widget_add_css_class (box, "linked");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "2015-03-02");
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 11);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_tooltip_text (button, _("Choose from a calendar"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Choose from a calendar"), -1);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_box_append (GTK_BOX (box), button);

  e->entry = entry;
  e->calendar = calendar;
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (entry, "activate", G_CALLBACK (normalize_date), e);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), e);
  g_signal_connect (popover, "show", G_CALLBACK (calendar_show_cb), e);
  label_input (entry, e->caption);
  return box;
}

static int cell_span (const TxField *f);

static GtkWidget *
make_checks (TxFormView   *self,
             TxFormEditor *e)
{
  const TxField *f = e->field;
  GtkWidget *grid = gtk_grid_new ();
  GtkCheckButton *group = NULL;
  int widest = 1, per_row;

  /* as many per row as fit in the cell, about 30 columns of text per grid
   * column (a CJK character is two), so no group widens the form */
  for (guint i = 0; i < f->n_choices; i++)
    {
      int w = 0;
      for (const char *p = tx_choice_label (&f->choices[i]); *p; p = g_utf8_next_char (p))
        w += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
      widest = MAX (widest, w + 4);
    }
  per_row = CLAMP (30 * cell_span (f) / widest, 1, 4);
  per_row = MIN (per_row, (int) f->n_choices);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  e->checks = g_ptr_array_new ();
  for (guint i = 0; i < f->n_choices; i++)
    {
      GtkWidget *check = gtk_check_button_new_with_label (tx_choice_label (&f->choices[i]));

      if (f->type == TX_FIELD_CHOICE)
        {
          if (group)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
          else
            group = GTK_CHECK_BUTTON (check);
        }
      if (f->choices[i].flags & TX_CHOICE_DERIVED)
        gtk_widget_set_tooltip_text (check, _("Ticked automatically while its cause holds"));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (changed_cb), self);
      gtk_grid_attach (GTK_GRID (grid), check, i % per_row, i / per_row, 1, 1);
      g_ptr_array_add (e->checks, check);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tx_field_label (f), -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  e->caption, NULL, -1);
  return grid;
}

static void
ellipsize_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 6);
  gtk_list_item_set_child (item, label);
}

static void
plain_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
string_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *s = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (s));
}

/* A long choice must not make the whole form wider than the screen: the
 * button shows it shortened, the list in full */
static void
compact_dropdown (GtkDropDown *dd)
{
  GtkListItemFactory *button = gtk_signal_list_item_factory_new ();
  GtkListItemFactory *list = gtk_signal_list_item_factory_new ();

  g_signal_connect (button, "setup", G_CALLBACK (ellipsize_setup_cb), NULL);
  g_signal_connect (button, "bind", G_CALLBACK (string_bind_cb), NULL);
  g_signal_connect (list, "setup", G_CALLBACK (plain_setup_cb), NULL);
  g_signal_connect (list, "bind", G_CALLBACK (string_bind_cb), NULL);
  gtk_drop_down_set_factory (dd, button);
  gtk_drop_down_set_list_factory (dd, list);
  g_object_unref (button);
  g_object_unref (list);
}

static GtkWidget *
make_dropdown (TxFormView   *self,
               TxFormEditor *e)
{
  const TxField *f = e->field;
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dd;

  gtk_string_list_append (list, "—");
  for (guint i = 0; i < f->n_choices; i++)
    gtk_string_list_append (list, tx_choice_label (&f->choices[i]));
  dd = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (list)), NULL);
  if (f->n_choices > 12)
    tx_gui_dropdown_set_searchable (GTK_DROP_DOWN (dd));
  gtk_widget_set_hexpand (dd, TRUE);
  compact_dropdown (GTK_DROP_DOWN (dd));
  g_signal_connect_swapped (dd, "notify::selected", G_CALLBACK (changed_cb), self);
  label_input (dd, e->caption);
  return dd;
}

static GtkWidget *
make_division (TxFormView   *self,
               TxFormEditor *e)
{
  static const char *level_names[] = { N_("Province"), N_("City"), N_("County") };
  static const char *town_names[] = { N_("Township"), N_("Village or community") };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *const *names;
  gboolean hukou = e->field->max_len == 6;

  e->dd_levels = hukou ? 3 : (self->township ? 1 : 2);
  names = hukou ? level_names : (self->township ? &town_names[1] : town_names);
  for (int l = 0; l < e->dd_levels; l++)
    {
      GtkWidget *dd = gtk_drop_down_new (NULL, NULL);
      g_autofree char *label = g_strdup_printf ("%s: %s", tx_field_label (e->field), _(names[l]));

      gtk_widget_set_hexpand (dd, TRUE);
      compact_dropdown (GTK_DROP_DOWN (dd));
      tx_gui_dropdown_set_searchable (GTK_DROP_DOWN (dd));
      gtk_widget_set_tooltip_text (dd, _(names[l]));
      gtk_accessible_update_property (GTK_ACCESSIBLE (dd), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (dd), "editor", e);
      g_object_set_data (G_OBJECT (dd), "level", GINT_TO_POINTER (l));
      e->dd[l] = dd;
      gtk_box_append (GTK_BOX (box), dd);
    }
  if (hukou)
    fill_dropdown (e, 0, NULL);
  else if (self->township)
    fill_dropdown (e, 0, self->township);
  else
    fill_dropdown (e, 0, self->county);
  for (int l = 1; l < e->dd_levels; l++)
    fill_dropdown (e, l, NULL);
  for (int l = 0; l < e->dd_levels; l++)
    g_signal_connect (e->dd[l], "notify::selected", G_CALLBACK (division_changed_cb), self);
  return box;
}

static int
cell_span (const TxField *f)
{
  if (f->derived || g_str_has_prefix (f->key, "reporting_"))
    return 1;
  if (f->type == TX_FIELD_MULTI && f->n_choices > 4)
    return GRID_COLUMNS;
  if (f->type == TX_FIELD_DIVISION && f->max_len == 6)
    return 2;
  if (f->type == TX_FIELD_TEXT && f->max_len >= 100)
    return GRID_COLUMNS;
  if (f->type == TX_FIELD_CHOICE && f->n_choices <= 3 && f->n_choices > 0)
    return 1;
  return 1;
}

static void
build_editor (TxFormView   *self,
              TxFormEditor *e)
{
  const TxField *f = e->field;
  g_autofree char *caption = NULL;
  GtkEventController *focus;

  e->cell = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (e->cell, TRUE);
  caption = g_strdup_printf ("%s%s", tx_field_label (f), f->required ? " *" : "");
  e->caption = gtk_label_new (caption);
  gtk_widget_set_tooltip_text (e->caption, _("* required for a complete record"));
  gtk_label_set_xalign (GTK_LABEL (e->caption), 0);
  gtk_label_set_wrap (GTK_LABEL (e->caption), TRUE);
  gtk_widget_add_css_class (e->caption, "caption-heading");
  if (f->note)
    gtk_widget_set_tooltip_text (e->caption, _(f->note));
  gtk_box_append (GTK_BOX (e->cell), e->caption);

  if (f->derived || g_str_has_prefix (f->key, "reporting_"))
    {
      e->read_only = TRUE;
      e->input = gtk_label_new ("—");
      gtk_label_set_xalign (GTK_LABEL (e->input), 0);
      gtk_label_set_selectable (GTK_LABEL (e->input), FALSE);
      label_input (e->input, e->caption);
    }
  else
    switch (f->type)
      {
      case TX_FIELD_TEXT:
      case TX_FIELD_ID18:
      case TX_FIELD_PHONE:
        e->input = make_entry (self, e);
        if (g_str_equal (f->key, "id_number"))
          e->input = tx_form_view_make_id_input (self, e->input);
        break;
      case TX_FIELD_DATE:
        e->input = make_date (self, e);
        break;
      case TX_FIELD_CHOICE:
        e->input = f->n_choices <= 3 ? make_checks (self, e) : make_dropdown (self, e);
        break;
      case TX_FIELD_MULTI:
        e->input = make_checks (self, e);
        break;
      case TX_FIELD_DIVISION:
        e->input = make_division (self, e);
        break;
      default:
        g_assert_not_reached ();
      }
  gtk_box_append (GTK_BOX (e->cell), e->input);

  e->message = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (e->message), 0);
  gtk_label_set_wrap (GTK_LABEL (e->message), TRUE);
  gtk_widget_add_css_class (e->message, "caption");
  gtk_widget_set_visible (e->message, FALSE);
  gtk_box_append (GTK_BOX (e->cell), e->message);
  if (!e->read_only)
    gtk_accessible_update_relation (GTK_ACCESSIBLE (e->entry ? e->entry : e->input),
                                    GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, e->message, NULL, -1);

  focus = gtk_event_controller_focus_new ();
  g_object_set_data (G_OBJECT (focus), "form-view", self);
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), e);
  g_signal_connect (focus, "enter", G_CALLBACK (focus_enter_cb), e);
  gtk_widget_add_controller (e->input, focus);
}

void
tx_form_view_build_form (TxFormView *self)
{
  const TxForm *form = tx_form_get ();
  GtkWidget *child;

  /* rebuilt when the workstation changes: the residence picker depends on it */
  while ((child = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (self->sections_box)))))
    gtk_box_remove (self->sections_box, child);
  for (guint i = 0; i < self->n_editors; i++)
    {
      TxFormEditor *e = &self->editors[i];
      g_clear_pointer (&e->checks, g_ptr_array_unref);
      for (int l = 0; l < 3; l++)
        g_clear_pointer (&e->dd_codes[l], g_ptr_array_unref);
    }
  self->focused = NULL;
  g_free (self->editors);
  self->n_editors = form->n_fields;
  self->editors = g_new0 (TxFormEditor, form->n_fields);

  for (guint s = 0; s < form->n_sections; s++)
    {
      GtkWidget *heading = gtk_label_new (tx_section_label (&form->sections[s]));
      GtkWidget *grid = gtk_grid_new ();
      int col = 0, row = 0;

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "title-4");
      gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
      gtk_box_append (self->sections_box, heading);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
      gtk_grid_set_row_spacing (GTK_GRID (grid), 10);
      gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
      gtk_box_append (self->sections_box, grid);

      for (guint i = 0; i < form->n_fields; i++)
        {
          TxFormEditor *e = &self->editors[i];
          int span;

          if (form->fields[i].section != (int) s)
            continue;
          e->field = &form->fields[i];
          build_editor (self, e);
          span = cell_span (e->field);
          if (col + span > GRID_COLUMNS)
            {
              col = 0;
              row++;
            }
          gtk_grid_attach (GTK_GRID (grid), e->cell, col, row, span, 1);
          col += span;
        }
    }
}

GtkWidget *
tx_form_editor_focus_target (TxFormEditor *e)
{
  return e->entry ? e->entry : e->dd[0] ? e->dd[0] : e->checks ? e->checks->pdata[0] : e->input;
}
