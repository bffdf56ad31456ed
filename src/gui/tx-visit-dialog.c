/* tx-visit-dialog.c — recording a visit: the work-log entry
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the inputs into a TxVisit and saves it on the store service's
 * thread; tx_visit_check() and the store decide what is wrong. An urgent
 * situation shows the police report, and without it the visit can only be
 * kept as a draft.
 */

#define G_LOG_DOMAIN "tx-visit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-visit-dialog.h"

struct _TxVisitDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkLabel       *message_label;
  AdwPreferencesGroup *visit_group;
  AdwPreferencesGroup *urgent_group;
  AdwPreferencesGroup *police_group;
  AdwEntryRow    *date_row;
  AdwEntryRow    *visitor_row;
  AdwComboRow    *kind_row;
  AdwEntryRow    *living_row;
  AdwEntryRow    *guardianship_found_row;
  AdwEntryRow    *medical_schooling_row;
  AdwEntryRow    *care_services_row;
  AdwEntryRow    *needs_row;
  AdwEntryRow    *actions_row;
  AdwExpanderRow *services_row;
  AdwEntryRow    *follow_up_row;
  AdwComboRow    *assessment_row;
  AdwEntryRow    *police_time_row;
  AdwEntryRow    *police_station_row;
  AdwEntryRow    *police_officer_row;
  AdwEntryRow    *police_receipt_row;
  AdwEntryRow    *police_measures_row;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  char           *child_id;
  GPtrArray      *urgent_checks;    /* in the order of tx_visit_urgent_situations() */
  GPtrArray      *problem_checks;   /* guardianship problems */
  GPtrArray      *service_checks;   /* with "service-id" data */
  gboolean        saving;
};

G_DEFINE_FINAL_TYPE (TxVisitDialog, tx_visit_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
text_of (AdwEntryRow *row)
{
  g_autofree char *s = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *s ? g_steal_pointer (&s) : NULL;
}

static char *
checked_codes (GPtrArray *checks)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      {
        if (s->len)
          g_string_append_c (s, ',');
        g_string_append (s, g_object_get_data (G_OBJECT (checks->pdata[i]), "code"));
      }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

static TxVisit *
collect (TxVisitDialog *self)
{
  TxVisit *v = tx_visit_new ();
  const TxChoice *kinds = tx_visit_kinds ();
  const TxField *g = tx_form_lookup ("guardianship");
  guint k = adw_combo_row_get_selected (self->kind_row);
  guint a = adw_combo_row_get_selected (self->assessment_row);

  v->child_id = g_strdup (self->child_id);
  v->date = text_of (self->date_row);
  if (v->date)
    {
      char *d = tx_date_normalize (v->date);
      if (d)
        g_free (v->date), v->date = d;
    }
  v->visitor = text_of (self->visitor_row);
  v->kind = g_strdup (kinds[k == GTK_INVALID_LIST_POSITION ? 0 : k].code);
  v->living = text_of (self->living_row);
  v->guardianship_found = text_of (self->guardianship_found_row);
  v->medical_schooling = text_of (self->medical_schooling_row);
  v->care_services = text_of (self->care_services_row);
  v->needs = text_of (self->needs_row);
  v->actions = text_of (self->actions_row);
  v->follow_up = text_of (self->follow_up_row);
  v->services = checked_codes (self->service_checks);
  if (a != GTK_INVALID_LIST_POSITION && a > 0 && a <= g->n_choices)
    {
      v->guardianship = g_strdup (g->choices[a - 1].code);
      v->guardianship_problem = checked_codes (self->problem_checks);
    }
  v->urgent = checked_codes (self->urgent_checks);
  if (v->urgent)
    {
      v->police_reported_at = text_of (self->police_time_row);
      v->police_station = text_of (self->police_station_row);
      v->police_officer = text_of (self->police_officer_row);
      v->police_receipt = text_of (self->police_receipt_row);
      v->police_measures = text_of (self->police_measures_row);
    }
  return v;
}

static void
show_message (TxVisitDialog *self,
              const char    *text)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static void
urgent_toggled_cb (TxVisitDialog *self)
{
  g_autofree char *codes = checked_codes (self->urgent_checks);

  /* the police report belongs with an urgent situation */
  gtk_widget_set_visible (GTK_WIDGET (self->police_group), codes != NULL);
}

typedef struct {
  TxVisit  *visit;
  gboolean  draft;
} SaveData;

static void
save_data_free (SaveData *d)
{
  tx_visit_free (d->visit);
  g_free (d);
}

static gpointer
save_job (TxStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveData *d = data;
  g_autoptr(GPtrArray) problems = NULL;
  char *id = tx_store_visit_add (store, d->visit, d->draft, &problems, error);

  if (id == NULL && problems && problems->len)
    {
      /* the problems say more than the error: hand them over in its message */
      GString *s = g_string_new (NULL);
      for (guint i = 0; i < problems->len; i++)
        {
          TxVisitProblem *p = problems->pdata[i];
          if (s->len)
            g_string_append_c (s, '\n');
          g_string_append (s, p->message);
        }
      if (error && *error)
        {
          g_free ((*error)->message);
          (*error)->message = g_string_free (s, FALSE);
        }
      else
        g_string_free (s, TRUE);
    }
  return id;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxVisitDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tx_store_service_run_finish (TX_STORE_SERVICE (source), result, &error);

  self->saving = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save-draft", TRUE);
  if (id == NULL)
    {
      /* nothing typed is lost: the dialog stays as it was */
      show_message (self, tx_gui_error_text (error));
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, self->child_id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/**
 * tx_visit_dialog_save:
 * @draft: whether an incomplete visit may be kept
 */
void
tx_visit_dialog_save (TxVisitDialog *self,
                      gboolean       draft)
{
  SaveData *d;

  if (self->saving)
    return;
  d = g_new0 (SaveData, 1);
  d->visit = collect (self);
  d->draft = draft;
  self->saving = TRUE;
  show_message (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save-draft", FALSE);
  tx_store_service_run_async (self->service, save_job, d, (GDestroyNotify) save_data_free, g_free,
                              NULL, save_done_cb, g_object_ref (self));
}

/* One of the workstation's staff, chosen from the visitor row's menu */
static void
visitor_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  TxVisitDialog *self = TX_VISIT_DIALOG (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->visitor_row), g_variant_get_string (parameter, NULL));
  gtk_widget_grab_focus (GTK_WIDGET (self->visitor_row));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tx_visit_dialog_save (TX_VISIT_DIALOG (widget), g_str_equal (action_name, "visit.save-draft"));
}

static GtkWidget *
check_row (const char *title,
           const char *code,
           GPtrArray  *into)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), "code", g_strdup (code), g_free);
  g_ptr_array_add (into, check);
  return row;
}

static GListModel *
labels_of (const TxChoice *choices,
           const char     *first)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  if (first)
    gtk_string_list_append (list, first);
  for (guint i = 0; choices[i].code; i++)
    gtk_string_list_append (list, tx_choice_label (&choices[i]));
  return G_LIST_MODEL (list);
}

static void
tx_visit_dialog_dispose (GObject *object)
{
  TxVisitDialog *self = TX_VISIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_VISIT_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->child_id, g_free);
  g_clear_pointer (&self->urgent_checks, g_ptr_array_unref);
  g_clear_pointer (&self->problem_checks, g_ptr_array_unref);
  g_clear_pointer (&self->service_checks, g_ptr_array_unref);
  G_OBJECT_CLASS (tx_visit_dialog_parent_class)->dispose (object);
}

static void
tx_visit_dialog_class_init (TxVisitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_visit_dialog_dispose;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-visit-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TxVisitDialog, name)
  BIND (message_label);
  BIND (visit_group);
  BIND (urgent_group);
  BIND (police_group);
  BIND (date_row);
  BIND (visitor_row);
  BIND (kind_row);
  BIND (living_row);
  BIND (guardianship_found_row);
  BIND (medical_schooling_row);
  BIND (care_services_row);
  BIND (needs_row);
  BIND (actions_row);
  BIND (services_row);
  BIND (follow_up_row);
  BIND (assessment_row);
  BIND (police_time_row);
  BIND (police_station_row);
  BIND (police_officer_row);
  BIND (police_receipt_row);
  BIND (police_measures_row);
#undef BIND

  gtk_widget_class_install_action (widget_class, "visit.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "visit.visitor", "s", visitor_action);
  gtk_widget_class_install_action (widget_class, "visit.save-draft", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "visit.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "visit.save-draft", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_visit_dialog_init (TxVisitDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->urgent_checks = g_ptr_array_new ();
  self->problem_checks = g_ptr_array_new ();
  self->service_checks = g_ptr_array_new ();
}

/**
 * tx_visit_dialog_new:
 * @child_id: the child visited
 * @date: (nullable): the day of the visit, today if %NULL
 *
 * Returns: (transfer full): the dialog, not shown yet
 */
TxVisitDialog *
tx_visit_dialog_new (GtkWindow      *parent,
                     TxStore        *store,
                     TxStoreService *service,
                     const char     *child_id,
                     const char     *date)
{
  TxVisitDialog *self = g_object_new (TX_TYPE_VISIT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(TxRecord) child = tx_store_child_get (store, child_id, NULL);
  g_autoptr(GPtrArray) services = tx_store_services (store, FALSE, NULL);
  g_autofree char *editor = tx_store_get_setting (store, "editor");
  g_autofree char *today = NULL;
  const TxField *g = tx_form_lookup ("guardianship");
  const TxField *problems = tx_form_lookup ("guardianship_problem");
  const TxChoice *urgent = tx_visit_urgent_situations ();
  GDate d;

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  self->child_id = g_strdup (child_id);

  adw_preferences_group_set_title (self->visit_group, child ? tx_record_get_key (child, "name") : "");
  tx_date_today (&d);
  today = tx_date_format (&d);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), date ? date : today);
  gtk_editable_set_text (GTK_EDITABLE (self->visitor_row), editor ? editor : "");
  {
    /* the staff, a click or a keystroke away; anyone else can be typed */
    g_auto(GStrv) staff = tx_store_get_staff (store);
    g_autoptr(GMenu) menu = g_menu_new ();
    GtkWidget *button = gtk_menu_button_new ();

    for (guint i = 0; staff[i]; i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (staff[i], NULL);
        g_menu_item_set_action_and_target_value (item, "visit.visitor", g_variant_new_string (staff[i]));
        g_menu_append_item (menu, item);
      }
    gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "system-users-symbolic");
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
    gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (button, "flat");
    gtk_widget_set_tooltip_text (button, _("Choose one of the staff"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("Choose one of the staff"), -1);
    gtk_widget_set_visible (button, staff[0] != NULL);
    adw_entry_row_add_suffix (self->visitor_row, button);
    g_object_set_data (G_OBJECT (self->visitor_row), "staff-button", button);
  }
  adw_combo_row_set_model (self->kind_row, labels_of (tx_visit_kinds (), NULL));
  adw_combo_row_set_model (self->assessment_row, labels_of (g->choices, _("No new assessment")));

  for (guint i = 0; i < problems->n_choices; i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (GTK_WIDGET (self->assessment_row),
                                                                               ADW_TYPE_PREFERENCES_GROUP)),
                               check_row (tx_choice_label (&problems->choices[i]), problems->choices[i].code,
                                          self->problem_checks));
  for (guint i = 0; urgent[i].code; i++)
    {
      GtkWidget *row = check_row (tx_choice_label (&urgent[i]), urgent[i].code, self->urgent_checks);
      g_signal_connect_swapped (self->urgent_checks->pdata[i], "toggled", G_CALLBACK (urgent_toggled_cb), self);
      adw_preferences_group_add (self->urgent_group, row);
    }
  for (guint i = 0; services && i < services->len; i++)
    {
      TxService *s = services->pdata[i];
      adw_expander_row_add_row (self->services_row, check_row (tx_service_label (s), s->id, self->service_checks));
    }
  return self;
}

gboolean
tx_visit_dialog_is_saving (TxVisitDialog *self)
{
  return self->saving;
}

/* For tests: the input rows by the names of the template */
GtkWidget *
tx_visit_dialog_get_row (TxVisitDialog *self,
                         const char    *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_VISIT_DIALOG, name));
}

GtkWidget *
tx_visit_dialog_get_urgent_check (TxVisitDialog *self,
                                  const char    *code)
{
  for (guint i = 0; i < self->urgent_checks->len; i++)
    if (g_str_equal (g_object_get_data (G_OBJECT (self->urgent_checks->pdata[i]), "code"), code))
      return self->urgent_checks->pdata[i];
  return NULL;
}
