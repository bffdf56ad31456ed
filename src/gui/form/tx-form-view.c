/* tx-form-view.c — the registration form on one screen
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every input is made from the form declaration (tx-form.c): sections in the
 * order of the paper, a dense grid of captioned inputs, each chosen by the
 * field's type. After every change the record is read back from the inputs
 * and run through tx_rules_apply(), which decides what is derived, what
 * applies and what is wrong; this file only shows the verdict.
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

#define GRID_COLUMNS 3
#define AUTOSAVE_SECONDS 5

typedef struct {
  const TxField *field;
  GtkWidget     *cell;
  GtkWidget     *caption;
  GtkWidget     *input;
  GtkWidget     *entry;
  GtkWidget     *calendar;
  GPtrArray     *checks;
  GtkWidget     *dd[3];
  GPtrArray     *dd_codes[3];
  int            dd_levels;
  GtkWidget     *message;
  gboolean       touched;
  gboolean       read_only;
  gboolean       left;      /* the focus left it: show the date as stored */
} TxFormEditor;

struct _TxFormView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkRevealer    *summary_revealer;
  GtkLabel       *summary_title;
  GtkListBox     *summary_list;
  GtkScrolledWindow *scroller;
  GtkBox         *sections_box;
  GtkLabel       *derived_label;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  TxFormEditor         *editors;
  guint           n_editors;
  TxRecord       *loaded;      /* id and bookkeeping of the record shown */
  TxRecord       *baseline;    /* values as loaded or last saved */
  char           *county;
  char           *township;
  guint           autosave_id;
  gboolean        autosave_failed; /* told once, until an autosave works again */
  guint           update_id;   /* an update waiting for the focus to settle */
  guint           reveal_id;   /* showing the focused field whole */
  int             reveal_frames;
  TxFormEditor         *focused;
  gboolean        activating;  /* a row of the problem list is being activated */
  gboolean        show_all;
  gboolean        populating;
  gboolean        saving;
  gboolean        dirty;
};

G_DEFINE_FINAL_TYPE (TxFormView, tx_form_view, ADW_TYPE_BIN)

enum {
  TX_FORM_VIEW_SAVED,
  TX_FORM_VIEW_OPEN_CHILD,
  TX_FORM_VIEW_TOAST,
  TX_FORM_VIEW_N_SIGNALS
};

static guint tx_form_view_signals[TX_FORM_VIEW_N_SIGNALS];

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void tx_form_view_update (TxFormView *self);

/* Reading and writing inputs */

static char *
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

static void
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
static void
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

static void
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

/* Verdict */

TxRecord *
tx_form_view_collect (TxFormView *self)
{
  TxRecord *r = self->loaded ? tx_record_copy (self->loaded) : tx_record_new ();

  for (guint i = 0; i < self->n_editors; i++)
    if (!self->editors[i].read_only)
      tx_record_take (r, i, tx_form_editor_get (&self->editors[i]));
  return r;
}

static TxCheck *
tx_form_view_judge (TxFormView *self,
                    TxRecord   *record)
{
  TxRulesContext ctx;

  tx_rules_context_init (&ctx, self->county, self->township);
  return tx_rules_apply (record, &ctx);
}

static const TxProblem *
tx_form_view_worst_problem (const TxCheck *check,
                            int            field)
{
  static const int rank[] = { [TX_SEVERITY_ERROR] = 4, [TX_SEVERITY_MISSING] = 3,
                              [TX_SEVERITY_INELIGIBLE] = 2, [TX_SEVERITY_WARNING] = 1 };
  const TxProblem *best = NULL;

  for (guint i = 0; i < check->problems->len; i++)
    {
      const TxProblem *p = check->problems->pdata[i];
      if (p->field == field && (!best || rank[p->severity] > rank[best->severity]))
        best = p;
    }
  return best;
}

static GtkWidget *
tx_form_editor_focus_target (TxFormEditor *e)
{
  return e->entry ? e->entry : e->dd[0] ? e->dd[0] : e->checks ? e->checks->pdata[0] : e->input;
}

static void
summary_row_activated_cb (TxFormView    *self,
                          GtkListBoxRow *row)
{
  TxFormEditor *e = &self->editors[GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "field"))];

  /* the focus leaving an input updates the form: not before the
   * activation is over */
  self->activating = TRUE;
  gtk_widget_grab_focus (tx_form_editor_focus_target (e));
  self->activating = FALSE;
}

/* The problem of a field the list shows: an invalid value, or once the
 * user has tried to save, a missing one */
static const TxProblem *
summary_problem (TxFormView    *self,
                 const TxCheck *check,
                 int            field)
{
  const TxProblem *p = tx_form_view_worst_problem (check, field);

  if (p == NULL || p->severity == TX_SEVERITY_WARNING || p->severity == TX_SEVERITY_INELIGIBLE)
    return NULL;
  if (p->severity == TX_SEVERITY_MISSING && !self->show_all)
    return NULL;
  return p;
}

/* Whether @message names the field already (“The date of birth is…”) */
static gboolean
names_field (const char *message,
             const char *label)
{
  g_autofree char *m = g_utf8_casefold (message, -1);
  g_autofree char *l = g_utf8_casefold (label, -1);

  return strstr (m, l) != NULL;
}

/**
 * tx_form_view_problem_text:
 *
 * What the problem list says of a problem: its field once, then what is
 * wrong; only "required" for a missing value, which the field's own message
 * explains.
 *
 * Returns: (transfer full): the text
 */
char *
tx_form_view_problem_text (const TxProblem *p)
{
  const char *label = tx_field_label (&tx_form_get ()->fields[p->field]);

  if (p->severity == TX_SEVERITY_MISSING)
    /* Translators: a required field left empty, in the list of problems */
    return g_strdup_printf (_("%s: required"), label);
  if (names_field (p->message, label))
    return g_strdup (p->message);
  /* Translators: a problem in the summary: the field, then what is wrong */
  return g_strdup_printf (_("%s: %s"), label, p->message);
}

static GtkWidget *
summary_row_new (int field)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "field", GINT_TO_POINTER (field));
  return row;
}

static int
summary_row_field (GtkWidget *row)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "field"));
}

/* The rows are one per field, in the order of the form, and are updated in
 * place: a row stays while its field has a problem, so the row a user clicks
 * or tabs to is never destroyed under the focus or the click */
static void
update_summary (TxFormView    *self,
                const TxCheck *check)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->summary_list));
  int focused = -1, pos = 0;
  guint n = 0;

  if (self->activating)
    {
      tx_form_view_queue_update (self);
      return;
    }
  for (guint i = 0; i < self->n_editors || row; )
    {
      const TxProblem *p = NULL;
      int have = row ? summary_row_field (row) : G_MAXINT;

      while (i < self->n_editors && !(p = summary_problem (self, check, i)))
        i++;
      if (p == NULL && row == NULL)
        break;
      if (p && (int) i < have)
        {
          /* a new problem: its row goes before the row of a later field */
          row = summary_row_new (i);
          gtk_list_box_insert (self->summary_list, row, pos);
        }
      else if (p == NULL || (int) i > have)
        {
          /* this field has no problem now */
          GtkWidget *next = gtk_widget_get_next_sibling (row);
          if (gtk_widget_has_focus (row))
            focused = pos;
          gtk_list_box_remove (self->summary_list, row);
          row = next;
          continue;
        }
      {
        g_autofree char *text = tx_form_view_problem_text (p);
        GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));
        if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
          gtk_label_set_text (GTK_LABEL (label), text);
      }
      row = gtk_widget_get_next_sibling (row);
      pos++;
      n++;
      i++;
    }
  /* a keyboard user keeps a place in the list */
  if (focused >= 0 && n > 0)
    gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->summary_list,
                                                                     MIN (focused, (int) n - 1))));
  if (n > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u problem — select it to go to the field",
                                                             "%u problems — select one to go to its field", n), n);
      gtk_label_set_text (self->summary_title, title);
    }
  gtk_revealer_set_reveal_child (self->summary_revealer, n > 0);
}

static void
tx_form_view_update (TxFormView *self)
{
  g_autoptr(TxRecord) r = tx_form_view_collect (self);
  g_autoptr(TxRecord) judged = tx_record_copy (r);
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GString) derived = g_string_new (NULL);
  int f_reasons = TX_F ("key_care_reasons");
  gboolean dirty;

  /* a key-care situation the rules ticked is theirs, not a person's: the
   * rules judge without it, so that it goes with its cause (事实无人抚养
   * from both parents missing becomes a warning, not a tick by hand, when
   * a parent is only disabled) */
  {
    TxFormEditor *e = &self->editors[f_reasons];
    g_autoptr(GPtrArray) codes = g_ptr_array_new ();

    for (guint c = 0; e->checks && c < e->checks->len; c++)
      if (gtk_check_button_get_active (e->checks->pdata[c]) &&
          (!(e->field->choices[c].flags & TX_CHOICE_DERIVED) || gtk_widget_get_sensitive (e->checks->pdata[c])))
        g_ptr_array_add (codes, (gpointer) e->field->choices[c].code);
    g_ptr_array_add (codes, NULL);
    tx_record_take (judged, f_reasons, tx_multi_join (e->field, (const char *const *) codes->pdata));
  }
  check = tx_form_view_judge (self, judged);

  for (guint i = 0; i < self->n_editors; i++)
    {
      TxFormEditor *e = &self->editors[i];
      const TxProblem *p = tx_form_view_worst_problem (check, i);
      gboolean applies = tx_field_applies (judged, e->field);
      gboolean show;

      if (e->read_only)
        {
          g_autofree char *text = tx_record_display_value (judged, i);
          gtk_label_set_text (GTK_LABEL (e->input), *text ? text : "—");
        }
      gtk_widget_set_sensitive (e->cell, applies);
      /* required now, given the other answers (the number of an identity card…) */
      {
        g_autofree char *caption = g_strdup_printf ("%s%s", tx_field_label (e->field),
                                                    tx_field_required (judged, e->field) ? " *" : "");
        gtk_label_set_text (GTK_LABEL (e->caption), caption);
      }

      show = p && (p->severity == TX_SEVERITY_WARNING || p->severity == TX_SEVERITY_INELIGIBLE ||
                   e->touched || self->show_all ||
                   (p->severity == TX_SEVERITY_ERROR && e->field->type == TX_FIELD_ID18 && e->entry &&
                    strlen (gtk_editable_get_text (GTK_EDITABLE (e->entry))) >= 18));
      gtk_widget_set_visible (e->message, show);
      gtk_widget_remove_css_class (e->message, "error");
      gtk_widget_remove_css_class (e->message, "warning");
      if (show)
        {
          gtk_label_set_text (GTK_LABEL (e->message), p->message);
          gtk_widget_add_css_class (e->message, p->severity == TX_SEVERITY_ERROR ||
                                                p->severity == TX_SEVERITY_MISSING ? "error" : "warning");
        }
      gtk_accessible_update_state (GTK_ACCESSIBLE (e->entry ? e->entry : e->input),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   show && p->severity == TX_SEVERITY_ERROR
                                     ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }

  /* key-care situations that follow from the form are ticked by the rules */
  {
    TxFormEditor *e = &self->editors[f_reasons];
    self->populating = TRUE;
    for (guint c = 0; e->checks && c < e->checks->len; c++)
      if (e->field->choices[c].flags & TX_CHOICE_DERIVED)
        {
          gtk_check_button_set_active (e->checks->pdata[c],
                                       tx_record_has_code (judged, f_reasons, e->field->choices[c].code));
          gtk_widget_set_sensitive (e->checks->pdata[c],
                                    tx_rules_reason_by_hand (judged, e->field->choices[c].code));
        }
    self->populating = FALSE;
  }

  if (check->age_at_registration >= 0)
    g_string_append_printf (derived, _("Age %d"), check->age >= 0 ? check->age : check->age_at_registration);
  if (tx_record_get_key (judged, "migration_scope"))
    {
      g_autofree char *scope = tx_record_display_value (judged, TX_F ("migration_scope"));
      g_string_append_printf (derived, "%s%s", derived->len ? " · " : "", scope);
    }
  g_string_append_printf (derived, "%s%s", derived->len ? " · " : "",
                          check->complete ? (check->eligible ? _("Eligible") : _("Not yet eligible"))
                                          : _("Incomplete"));
  if (g_strcmp0 (tx_record_get_key (judged, "key_care"), "yes") == 0)
    g_string_append_printf (derived, " · %s", _("Key-care child"));
  gtk_label_set_text (self->derived_label, derived->str);

  update_summary (self, check);

  dirty = self->baseline && !tx_record_equal_values (r, self->baseline);
  if (dirty != self->dirty)
    {
      self->dirty = dirty;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
    }
}

/* Autosave: what is typed survives a crash or a power cut */

static gpointer
autosave_job (TxStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  tx_store_set_setting (store, "autosave", data, error);
  return NULL;
}

static void
autosave_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TxFormView) self = user_data;
  g_autoptr(GError) error = NULL;

  tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);
  /* the typing is not lost (the form still holds it), but it would be in a
   * power cut: say so once, not every few seconds */
  if (error && !self->autosave_failed)
    {
      g_autofree char *text = g_strdup_printf (_("What you type cannot be kept safe against a power "
                                                 "cut: %s Save the form as soon as you can."),
                                               tx_gui_error_text (error));
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0, text);
    }
  self->autosave_failed = error != NULL;
}

static char *
record_to_autosave (TxRecord *r)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  if (r->id)
    json_builder_add_string_value (b, r->id);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "values");
  json_builder_begin_object (b);
  for (guint i = 0; i < form->n_fields; i++)
    if (r->values[i])
      {
        json_builder_set_member_name (b, form->fields[i].key);
        json_builder_add_string_value (b, r->values[i]);
      }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return tx_json_to_string (root, FALSE);
}

static void
tx_form_view_write_autosave (TxFormView *self,
                             gboolean    clear)
{
  char *json = NULL;

  if (self->service == NULL)
    return;
  if (!clear)
    {
      g_autoptr(TxRecord) r = tx_form_view_collect (self);
      json = record_to_autosave (r);
    }
  tx_store_service_run_async (self->service, autosave_job, json, g_free, NULL, NULL,
                              autosave_done_cb, g_object_ref (self));
}

static gboolean
tx_form_view_autosave_tick_cb (gpointer user_data)
{
  TxFormView *self = user_data;

  if (self->dirty && !self->saving)
    tx_form_view_write_autosave (self, FALSE);
  return G_SOURCE_CONTINUE;
}

/* Saving */

typedef struct {
  TxRecord *record;
  gboolean  is_new;
  gboolean  draft;
} SaveData;

typedef struct {
  TxRecord *record;
  TxCheck  *check;
} SaveResult;

static void
save_data_free (SaveData *d)
{
  tx_record_free (d->record);
  g_free (d);
}

static void
save_result_free (SaveResult *r)
{
  tx_record_free (r->record);
  tx_check_free (r->check);
  g_free (r);
}

static gpointer
save_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveData *d = data;
  SaveResult *r = g_new0 (SaveResult, 1);
  gboolean ok;

  r->record = tx_record_copy (d->record);
  /* the record and the end of its autosaved copy are one change: a copy
   * left behind would be offered back at the next start */
  if (!tx_store_begin (store, error))
    {
      save_result_free (r);
      return NULL;
    }
  if (d->is_new)
    {
      g_autofree char *id = tx_store_child_add (store, r->record, d->draft, &r->check, error);
      ok = id != NULL;
    }
  else
    ok = tx_store_child_update (store, r->record, d->draft, &r->check, error);
  ok = ok && tx_store_set_setting (store, "autosave", NULL, error);
  if (!ok)
    tx_store_rollback (store);
  else if (!tx_store_commit (store, error))   /* rolled back */
    ok = FALSE;
  if (!ok)
    {
      save_result_free (r);
      return NULL;
    }
  return r;
}

static void
tx_form_view_show_message (TxFormView *self,
                           const char *heading,
                           const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void duplicate_dialog (TxFormView *self, const char *other_id, gboolean same_number, gboolean draft);

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxFormView) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveResult *r = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-draft", TRUE);
  if (r == NULL)
    {
      /* nothing is lost: the inputs still hold what was typed */
      if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_DUPLICATE))
        {
          g_autoptr(TxRecord) typed = tx_form_view_collect (self);
          g_autofree char *other = tx_store_child_find_id_number (self->store,
                                                                  tx_record_get_key (typed, "id_number"),
                                                                  self->loaded ? self->loaded->id : NULL);
          if (other)
            {
              duplicate_dialog (self, other, TRUE, FALSE);
              return;
            }
        }
      tx_form_view_show_message (self, _("The Record Was Not Saved"), tx_gui_error_text (error));
      return;
    }

  tx_record_free (self->loaded);
  self->loaded = tx_record_copy (r->record);
  tx_record_free (self->baseline);
  self->baseline = tx_form_view_collect (self);
  self->show_all = FALSE;
  for (guint i = 0; i < self->n_editors; i++)
    self->editors[i].touched = FALSE;
  tx_form_view_update (self);
  g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0,
                 r->record->draft ? _("Saved as a draft") : _("Saved"));
  g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_SAVED], 0, r->record->id);
  save_result_free (r);
}

static void
do_save (TxFormView *self,
         gboolean    draft)
{
  SaveData *d = g_new0 (SaveData, 1);

  d->record = tx_form_view_collect (self);
  d->is_new = self->loaded == NULL || self->loaded->id == NULL;
  d->draft = draft;
  /* the inputs stay as they are, so focus stays where the user was */
  self->saving = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save-draft", FALSE);
  tx_store_service_run_async (self->service, save_job, d, (GDestroyNotify) save_data_free,
                              (GDestroyNotify) save_result_free, NULL, save_done_cb,
                              g_object_ref (self));
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       TxFormView       *self)
{
  const char *other = g_object_get_data (G_OBJECT (dialog), "other-id");
  gboolean draft = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "draft"));

  if (g_str_equal (response, "open"))
    g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_OPEN_CHILD], 0, other);
  else if (g_str_equal (response, "save"))
    do_save (self, draft);
}

static void
duplicate_dialog (TxFormView *self,
                  const char *other_id,
                  gboolean    same_number,
                  gboolean    draft)
{
  g_autoptr(TxRecord) other = tx_store_child_get (self->store, other_id, NULL);
  const char *name = other ? tx_record_get_key (other, "name") : NULL;
  const char *birth = other ? tx_record_get_key (other, "birth_date") : NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (same_number)
    body = g_strdup_printf (_("%s, born %s, is registered with this identity number already. "
                              "A child is registered once: open that record to correct it."),
                            name ? name : "?", birth ? birth : "?");
  else
    body = g_strdup_printf (_("%s, born %s, is registered already. If this is the same child, "
                              "open that record instead of registering the child again."),
                            name ? name : "?", birth ? birth : "?");
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   same_number ? _("Identity Number Already Registered")
                                               : _("Possibly the Same Child"),
                                   body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  if (!same_number)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", _("_Save Anyway"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "open", _("_Open That Record"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "open", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "open");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "other-id", g_strdup (other_id), g_free);
  g_object_set_data (G_OBJECT (dialog), "draft", GINT_TO_POINTER (draft));
  g_signal_connect (dialog, "response", G_CALLBACK (duplicate_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
draft_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TxFormView       *self)
{
  if (g_str_equal (response, "draft"))
    tx_form_view_save (self, TRUE);
}

static void
focus_first_problem (TxFormView    *self,
                     const TxCheck *check)
{
  for (guint i = 0; i < self->n_editors; i++)
    {
      const TxProblem *p = tx_form_view_worst_problem (check, i);
      if (p && (p->severity == TX_SEVERITY_ERROR || p->severity == TX_SEVERITY_MISSING))
        {
          TxFormEditor *e = &self->editors[i];
          gtk_widget_grab_focus (tx_form_editor_focus_target (e));
          return;
        }
    }
}

/**
 * tx_form_view_save:
 * @draft: whether missing values are acceptable
 *
 * Checks the form and saves it on the store service's thread. Invalid values
 * stop it with their messages shown; missing ones ask whether to save a
 * draft; a possible duplicate asks first.
 */
void
tx_form_view_save (TxFormView *self,
                   gboolean    draft)
{
  g_autoptr(TxRecord) r = tx_form_view_collect (self);
  g_autoptr(TxRecord) judged = tx_record_copy (r);
  g_autoptr(TxCheck) check = tx_form_view_judge (self, judged);
  g_autoptr(GPtrArray) same = NULL;
  g_autofree char *dup = NULL;
  const char *own_id = self->loaded ? self->loaded->id : NULL;

  if (self->saving || self->service == NULL)
    return;
  if (tx_check_blocks_save (check))
    {
      self->show_all = TRUE;
      tx_form_view_update (self);
      focus_first_problem (self, check);
      g_signal_emit (self, tx_form_view_signals[TX_FORM_VIEW_TOAST], 0,
                     _("Correct the marked fields, then save again"));
      return;
    }
  if (!check->complete && !draft)
    {
      GtkWidget *dialog;
      guint missing = 0;

      for (guint i = 0; i < check->problems->len; i++)
        missing += ((TxProblem *) check->problems->pdata[i])->severity == TX_SEVERITY_MISSING;
      self->show_all = TRUE;
      tx_form_view_update (self);
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       _("Save as a Draft?"), NULL);
      adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                      g_dngettext (GETTEXT_PACKAGE,
                                                   "%u required field is empty. A draft is kept and listed as a draft until it is complete.",
                                                   "%u required fields are empty. A draft is kept and listed as a draft until it is complete.",
                                                   missing), missing);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep Editing"));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "draft", _("Save as _Draft"));
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "draft");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_signal_connect (dialog, "response", G_CALLBACK (draft_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  dup = tx_store_child_find_id_number (self->store, tx_record_get_key (judged, "id_number"), own_id);
  if (dup)
    {
      duplicate_dialog (self, dup, TRUE, draft);
      return;
    }
  /* the same name and birth date: ask once, when the record is new or they changed */
  if (own_id == NULL || !self->baseline ||
      g_strcmp0 (tx_record_get_key (r, "name"), tx_record_get_key (self->baseline, "name")) != 0 ||
      g_strcmp0 (tx_record_get_key (r, "birth_date"), tx_record_get_key (self->baseline, "birth_date")) != 0)
    {
      same = tx_store_child_same_person (self->store, tx_record_get_key (judged, "name"),
                                         tx_record_get_key (judged, "birth_date"), own_id);
      if (same->len > 0)
        {
          duplicate_dialog (self, same->pdata[0], FALSE, draft);
          return;
        }
    }
  do_save (self, draft);
}

static void
tx_form_view_save_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  tx_form_view_save (TX_FORM_VIEW (widget), g_str_equal (action_name, "form.save-draft"));
}

/* "home" → 入户走访, in the language shown */
static const char *
choice_text (const TxChoice *choices,
             const char     *code)
{
  const TxChoice *c = tx_choice_find (choices, code);

  return c ? tx_choice_label (c) : code ? code : "";
}

/**
 * tx_form_view_show_visits:
 *
 * Shows the child's visits, the newest first, with the assessments of
 * guardianship they made and the urgent situations they raised: the
 * assessment history the visit records keep.
 *
 * Returns: (transfer none) (nullable): the dialog, shown
 */
GtkWidget *
tx_form_view_show_visits (TxFormView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  const TxField *g = tx_form_lookup ("guardianship");
  const TxField *problem = tx_form_lookup ("guardianship_problem");
  g_autoptr(TxRecord) now = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog, *list;
  guint assessments = 0;

  if (self->loaded == NULL || self->loaded->id == NULL)
    return NULL;
  visits = tx_store_visit_list (self->store, self->loaded->id, NULL, NULL, &error);
  if (visits == NULL)
    {
      tx_form_view_show_message (self, _("No Visits"), tx_gui_error_text (error));
      return NULL;
    }
  now = tx_store_child_get (self->store, self->loaded->id, NULL);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Visits to the child, the newest first"), -1);
  for (guint i = visits->len; i > 0; i--)
    {
      TxVisit *v = visits->pdata[i - 1];
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) details = g_string_new (NULL);
      g_autofree char *title = NULL;

      /* Translators: a visit: its date, kind and who made it */
      title = g_strdup_printf (_("%s · %s · %s"), v->date, choice_text (tx_visit_kinds (), v->kind),
                               v->visitor ? v->visitor : "");
      if (v->guardianship)
        {
          assessments++;
          g_string_append_printf (details, _("Guardianship assessed: %s"), choice_text (g->choices, v->guardianship));
          if (v->guardianship_problem)
            g_string_append_printf (details, " (%s)", choice_text (problem->choices, v->guardianship_problem));
          g_string_append_c (details, '\n');
        }
      if (v->urgent)
        g_string_append_printf (details, "%s\n", _("Urgent situation reported to the police"));
      if (!v->complete)
        g_string_append_printf (details, "%s\n", _("Draft: not complete yet"));
      if (v->living && *v->living)
        g_string_append_printf (details, "%s\n", v->living);
      if (v->actions && *v->actions)
        g_string_append_printf (details, "%s\n", v->actions);
      if (details->len)
        g_string_truncate (details, details->len - 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details->str);
      g_object_set_data_full (G_OBJECT (row), "visit-id", g_strdup (v->id), g_free);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  /* what holds now, then how it came to be */
  {
    const char *level = now ? tx_record_get_key (now, "guardianship") : NULL;
    g_autofree char *assessed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u visit, %u re-assessment.",
                                                              "%u visits, %u re-assessments.", visits->len),
                                                 visits->len, assessments);

    body = g_strdup_printf (_("Guardianship now: %s. Next home visit due %s. %s"),
                            level ? choice_text (g->choices, level) : _("not assessed"),
                            now && now->next_visit_due ? now->next_visit_due : "—", assessed);
  }
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Visits and Assessments"), body);
  if (visits->len > 0)
    {
      GtkWidget *scroller = gtk_scrolled_window_new ();

      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  else
    g_object_ref_sink (list), g_object_unref (list);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  g_object_set_data (G_OBJECT (dialog), "visits", list);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
tx_form_view_visits_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  tx_form_view_show_visits (TX_FORM_VIEW (widget));
}

static void
tx_form_view_history_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  TxFormView *self = TX_FORM_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  GtkWidget *dialog, *list = NULL, *scroller;

  if (self->loaded == NULL || self->loaded->id == NULL)
    return;
  changes = tx_store_child_history (self->store, self->loaded->id, &error);
  if (changes == NULL)
    {
      tx_form_view_show_message (self, _("No History"), tx_gui_error_text (error));
      return;
    }

  if (changes->len > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
    }
  for (guint i = 0; i < changes->len; i++)
    {
      TxChange *c = changes->pdata[i];
      const TxField *f = tx_form_lookup (c->field);
      g_autoptr(TxRecord) before = tx_record_new ();
      g_autoptr(TxRecord) after = tx_record_new ();
      g_autofree char *old_text = NULL, *new_text = NULL, *title = NULL, *subtitle = NULL;
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (c->at, NULL);
      g_autoptr(GDateTime) local = when ? g_date_time_to_local (when) : NULL;
      g_autofree char *at = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (c->at);
      GtkWidget *row = adw_action_row_new ();

      if (f == NULL)
        continue;
      tx_record_set (before, f->index, c->old_value);
      tx_record_set (after, f->index, c->new_value);
      old_text = tx_record_display_value (before, f->index);
      new_text = tx_record_display_value (after, f->index);
      title = g_strdup_printf ("%s: %s → %s", tx_field_label (f), *old_text ? old_text : "—",
                               *new_text ? new_text : "—");
      subtitle = c->editor ? g_strdup_printf ("%s · %s", at, c->editor) : g_strdup (at);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), _("History of Changes"),
                                   changes->len == 0 ? _("The record has not been changed since it was "
                                                         "registered.") : NULL);
  if (changes->len > 0)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 520);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Object */

static void
tx_form_view_dispose (GObject *object)
{
  TxFormView *self = TX_FORM_VIEW (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->update_id, g_source_remove);
  if (self->reveal_id)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->reveal_id);
  self->reveal_id = 0;
  self->focused = NULL;
  for (guint i = 0; i < self->n_editors; i++)
    {
      g_clear_pointer (&self->editors[i].checks, g_ptr_array_unref);
      for (int l = 0; l < 3; l++)
        g_clear_pointer (&self->editors[i].dd_codes[l], g_ptr_array_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_FORM_VIEW);
  g_clear_pointer (&self->editors, g_free);
  self->n_editors = 0;
  g_clear_pointer (&self->loaded, tx_record_free);
  g_clear_pointer (&self->baseline, tx_record_free);
  g_clear_pointer (&self->county, g_free);
  g_clear_pointer (&self->township, g_free);
  g_clear_object (&self->store);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (tx_form_view_parent_class)->dispose (object);
}

static void
tx_form_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_DIRTY:
      g_value_set_boolean (value, TX_FORM_VIEW (object)->dirty);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tx_form_view_class_init (TxFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_form_view_dispose;
  object_class->get_property = tx_form_view_get_property;

  properties[PROP_DIRTY] = g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                                                 G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                 G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  tx_form_view_signals[TX_FORM_VIEW_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  tx_form_view_signals[TX_FORM_VIEW_OPEN_CHILD] =
    g_signal_new ("open-child", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  tx_form_view_signals[TX_FORM_VIEW_TOAST] =
    g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-form-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxFormView, summary_revealer);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, summary_title);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, summary_list);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, scroller);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, derived_label);
  gtk_widget_class_bind_template_callback (widget_class, summary_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, tx_form_view_save_action);
  gtk_widget_class_install_action (widget_class, "form.save-draft", NULL, tx_form_view_save_action);
  gtk_widget_class_install_action (widget_class, "form.history", NULL, tx_form_view_history_action);
  gtk_widget_class_install_action (widget_class, "form.visits", NULL, tx_form_view_visits_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "form.save-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "form.history", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "form.visits", NULL);
}

static void
tx_form_view_init (TxFormView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
tx_form_view_set_store (TxFormView     *self,
                        TxStore        *store,
                        TxStoreService *service)
{
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_free (self->county);
  self->county = tx_store_get_setting (store, "county");
  g_free (self->township);
  self->township = tx_store_get_setting (store, "township");
  tx_form_view_build_form (self);
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->autosave_id = g_timeout_add_seconds (AUTOSAVE_SECONDS, tx_form_view_autosave_tick_cb, self);
}

/**
 * tx_form_view_load_record:
 * @record: values to show; its id, if any, is the record they belong to
 * @dirty: whether they differ from what is stored (a restored autosave)
 */
void
tx_form_view_load_record (TxFormView     *self,
                          const TxRecord *record,
                          gboolean        dirty)
{
  self->populating = TRUE;
  g_clear_pointer (&self->loaded, tx_record_free);
  self->loaded = tx_record_copy (record);
  for (guint i = 0; i < self->n_editors; i++)
    {
      self->editors[i].touched = record->id != NULL;
      tx_form_editor_set (&self->editors[i], record->values[i]);
    }
  {
    /* which derived situations are the person's to tick, as the record
     * stands: a tick stored by hand (事实无人抚养 where a parent is only
     * disabled) stays a person's tick; the previous form's say nothing */
    TxFormEditor *e = &self->editors[TX_F ("key_care_reasons")];
    for (guint c = 0; e->checks && c < e->checks->len; c++)
      if (e->field->choices[c].flags & TX_CHOICE_DERIVED)
        gtk_widget_set_sensitive (e->checks->pdata[c],
                                  tx_rules_reason_by_hand (record, e->field->choices[c].code));
  }
  self->populating = FALSE;
  self->show_all = FALSE;

  g_clear_pointer (&self->baseline, tx_record_free);
  if (dirty && record->id)
    self->baseline = tx_store_child_get (self->store, record->id, NULL);
  if (self->baseline == NULL)
    self->baseline = dirty ? tx_record_new () : tx_form_view_collect (self);
  if (record->id == NULL)
    g_clear_pointer (&self->loaded->id, g_free);
  self->dirty = FALSE;
  tx_form_view_update (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

/**
 * tx_form_view_load:
 * @id: (nullable): the child to show, or %NULL for a new, empty form
 */
gboolean
tx_form_view_load (TxFormView  *self,
                   const char  *id,
                   GError     **error)
{
  g_autoptr(TxRecord) r = NULL;

  if (id)
    {
      r = tx_store_child_get (self->store, id, error);
      if (r == NULL)
        return FALSE;
    }
  else
    {
      GDate today;
      r = tx_record_new_defaults ();
      tx_date_today (&today);
      tx_record_take (r, TX_F ("registration_date"), tx_date_format (&today));
      tx_record_set (r, TX_F ("reporting_county"), self->county);
      tx_record_set (r, TX_F ("reporting_township"), self->township);
      {
        /* the person at the workstation fills the form in (seen in the
         * new-user walk: 填表人 left empty on every form) */
        g_autofree char *editor = tx_store_get_setting (self->store, "editor");
        if (editor)
          tx_record_set (r, TX_F ("filler"), editor);
      }
    }
  tx_form_view_load_record (self, r, FALSE);
  return TRUE;
}

gboolean
tx_form_view_is_dirty (TxFormView *self)
{
  return self->dirty;
}

const char *
tx_form_view_get_id (TxFormView *self)
{
  return self->loaded ? self->loaded->id : NULL;
}

char *
tx_form_view_dup_title (TxFormView *self)
{
  g_autoptr(TxRecord) r = tx_form_view_collect (self);
  const char *name = tx_record_get_key (r, "name");

  if (self->loaded && self->loaded->id)
    return g_strdup (name ? name : _("Registration Form"));
  return g_strdup (_("New Registration"));
}

/**
 * tx_form_view_discard:
 *
 * Forgets the changes: the inputs go back to the stored record and the
 * autosaved copy is removed.
 */
void
tx_form_view_discard (TxFormView *self)
{
  tx_form_view_write_autosave (self, TRUE);
  if (self->baseline)
    {
      g_autoptr(TxRecord) back = tx_record_copy (self->baseline);
      if (self->loaded)
        {
          g_free (back->id);
          back->id = g_strdup (self->loaded->id);
        }
      tx_form_view_load_record (self, back, FALSE);
    }
}

void
tx_form_view_focus_first (TxFormView *self)
{
  for (guint i = 0; i < self->n_editors; i++)
    {
      TxFormEditor *e = &self->editors[i];
      if (!e->read_only && gtk_widget_is_sensitive (e->cell))
        {
          GtkWidget *target = tx_form_editor_focus_target (e);

          gtk_widget_grab_focus (target);
          /* the cursor at the end, nothing selected: a first keystroke
           * must not replace what is there (seen in the new-user walk: the
           * registration date typed over) */
          if (GTK_IS_EDITABLE (target))
            gtk_editable_set_position (GTK_EDITABLE (target), -1);
          return;
        }
    }
}

GtkWidget *
tx_form_view_get_input (TxFormView *self,
                        const char *key)
{
  int i = tx_form_index (key);
  TxFormEditor *e;

  g_return_val_if_fail (i >= 0, NULL);
  e = &self->editors[i];
  return e->entry ? e->entry : e->input;
}

GtkWidget *
tx_form_view_get_message (TxFormView *self,
                          const char *key)
{
  return self->editors[tx_form_index (key)].message;
}

GtkWidget *
tx_form_view_get_summary (TxFormView *self)
{
  return GTK_WIDGET (self->summary_list);
}

/* Sets a field through its input widgets, as typing or clicking would */
void
tx_form_view_set_value (TxFormView *self,
                        const char *key,
                        const char *value)
{
  TxFormEditor *e = &self->editors[tx_form_index (key)];

  tx_form_editor_set (e, value);
  e->touched = TRUE;
  tx_form_view_update (self);
}

gboolean
tx_form_view_is_saving (TxFormView *self)
{
  return self->saving;
}
