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
 *
 * This file holds the class, the verdict (the messages, the problem list,
 * what is derived), loading a record and the public calls. The inputs are
 * in tx-form-view-fields.c, the autosave in tx-form-view-autosave.c, saving
 * and its questions in tx-form-view-save.c, the visits and history dialogs
 * in tx-form-view-history.c, the child's place on the register (exit,
 * reopening, transfer, the banner) in tx-form-view-register.c; they share
 * struct _TxFormView through tx-form-view-private.h.
 */

#define G_LOG_DOMAIN "tx-form-view"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-form-view-private.h"
#include "tx-gui-util.h"

G_DEFINE_FINAL_TYPE (TxFormView, tx_form_view, ADW_TYPE_BIN)

guint tx_form_view_signals[TX_FORM_VIEW_N_SIGNALS];

enum {
  PROP_0,
  PROP_DIRTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Verdict */

TxRecord *
tx_form_view_collect (TxFormView *self)
{
  TxRecord *r = self->loaded ? tx_record_copy (self->loaded) : tx_record_new ();

  for (guint i = 0; i < self->n_editors; i++)
    if (!self->editors[i].read_only && !(self->id_masked && i == (guint) TX_F ("id_number")))
      tx_record_take (r, i, tx_form_editor_get (&self->editors[i]));
  return r;
}

TxCheck *
tx_form_view_judge (TxFormView *self,
                    TxRecord   *record)
{
  TxRulesContext ctx;

  tx_rules_context_init (&ctx, self->county, self->township);
  return tx_rules_apply (record, &ctx);
}

const TxProblem *
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

void
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

/* Object */

static void
tx_form_view_dispose (GObject *object)
{
  TxFormView *self = TX_FORM_VIEW (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_cancellable_cancel (self->reveal_cancellable);
  g_clear_object (&self->reveal_cancellable);
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
  gtk_widget_class_bind_template_child (widget_class, TxFormView, banner);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, banner_label);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, banner_button);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, ages_out_label);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, register_button);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, save_button);
  gtk_widget_class_bind_template_child (widget_class, TxFormView, draft_button);
  gtk_widget_class_bind_template_callback (widget_class, summary_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, tx_form_view_save_action);
  gtk_widget_class_install_action (widget_class, "form.save-draft", NULL, tx_form_view_save_action);
  gtk_widget_class_install_action (widget_class, "form.history", NULL, tx_form_view_history_action);
  gtk_widget_class_install_action (widget_class, "form.visits", NULL, tx_form_view_visits_action);
  gtk_widget_class_install_action (widget_class, "form.exit", NULL, tx_form_view_register_action);
  gtk_widget_class_install_action (widget_class, "form.reopen", NULL, tx_form_view_register_action);
  gtk_widget_class_install_action (widget_class, "form.transfer", NULL, tx_form_view_register_action);
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
  self->county = tx_store_get_setting (store, TX_SETTING_COUNTY);
  g_free (self->township);
  self->township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  tx_form_view_build_form (self);
  tx_form_view_start_autosave (self);
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
  tx_form_view_mask_id (self, record);
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
  tx_form_view_update_register (self);
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
        /* the person logged in fills the form in (seen in the new-user
         * walk: 填表人 left empty on every form) */
        g_autofree char *editor = tx_store_get_worker (self->store);
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
      GtkWidget *target = e->read_only ? NULL : tx_form_editor_focus_target (e);

      /* nothing to focus in a transferred copy, read-only */
      if (target && gtk_widget_is_sensitive (target))
        {
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
