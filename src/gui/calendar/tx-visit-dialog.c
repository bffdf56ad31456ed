/* tx-visit-dialog.c — recording a visit: the work-log entry
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads the inputs into a TxVisit and saves it on the store service's
 * thread; tx_visit_check() and the store decide what is wrong. An urgent
 * situation shows the police report, and without it the visit can only be
 * kept as a draft. It also puts the guardianship in question: the problem it
 * shows is ticked in the re-assessment, and a visit that leaves guardianship
 * good is saved only once the person recording it says so
 * (tx_visit_asks_reassessment()).
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
  AdwPreferencesGroup *assessment_group;
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
  char           *guardianship_now;  /* the child's assessment before the visit */
  int             key_care_days;
  gboolean        ticking;           /* problems ticked for an urgent situation */
  GPtrArray      *urgent_checks;    /* in the order of tx_visit_urgent_situations() */
  GPtrArray      *problem_checks;   /* guardianship problems */
  GPtrArray      *service_checks;   /* with "service-id" data */
  gboolean        saving;
  char           *opened;           /* the entry as it opened, to tell typing */
  gboolean        leaving;          /* the person chose to discard it */
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

/* The entry as typed, to compare */
static char *
visit_text (TxVisitDialog *self)
{
  g_autoptr(TxVisit) v = collect (self);
  g_autoptr(JsonNode) node = tx_visit_to_json (v);

  return tx_json_to_string (node, FALSE);
}

static void
close_idle_cb (gpointer data)
{
  g_autoptr(GtkWindow) self = data;

  gtk_window_close (self);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     TxVisitDialog    *self)
{
  if (!g_str_equal (response, "discard"))
    return;
  self->leaving = TRUE;
  /* once this question has gone: closing its parent from inside its answer
   * would leave it with a parent already destroyed */
  g_idle_add_once (close_idle_cb, g_object_ref (self));
}

/* Escape, Cancel or the window's close button: what was typed is not thrown
 * away without asking (the registration form asks too; the visit has no
 * autosave) */
static gboolean
tx_visit_dialog_close_request (GtkWindow *window)
{
  TxVisitDialog *self = TX_VISIT_DIALOG (window);
  g_autofree char *now = NULL;
  GtkWidget *dialog;

  if (self->leaving || self->saving || self->opened == NULL)
    return GTK_WINDOW_CLASS (tx_visit_dialog_parent_class)->close_request (window);
  now = visit_text (self);
  if (g_strcmp0 (now, self->opened) == 0)
    return GTK_WINDOW_CLASS (tx_visit_dialog_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (window, _("Discard This Visit?"),
                                   _("What was typed for this visit is not saved. If you discard it, "
                                     "it is lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
show_message (TxVisitDialog *self,
              const char    *text)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

/* The guardianship group asks for a new assessment while an urgent
 * situation is ticked */
static void
update_assessment_hint (TxVisitDialog *self)
{
  g_autofree char *codes = checked_codes (self->urgent_checks);
  g_autofree char *hint = NULL;

  if (codes)
    hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "An urgent situation puts the guardianship in question: assess it "
                                         "again. Poor guardianship, or any problem ticked below, makes the "
                                         "child a key-care child, visited every %d day.",
                                         "An urgent situation puts the guardianship in question: assess it "
                                         "again. Poor guardianship, or any problem ticked below, makes the "
                                         "child a key-care child, visited every %d days.",
                                         self->key_care_days), self->key_care_days);
  adw_preferences_group_set_description (self->assessment_group,
                                         hint ? hint : _("A new assessment changes the child's record and "
                                                         "the visit schedule at once."));
}

static GtkCheckButton *
problem_check (TxVisitDialog *self,
               const char    *code)
{
  for (guint i = 0; i < self->problem_checks->len; i++)
    if (g_strcmp0 (g_object_get_data (G_OBJECT (self->problem_checks->pdata[i]), "code"), code) == 0)
      return self->problem_checks->pdata[i];
  return NULL;
}

static void
urgent_toggled_cb (GtkCheckButton *check,
                   TxVisitDialog  *self)
{
  g_autofree char *codes = checked_codes (self->urgent_checks);
  const char *problem = tx_visit_urgent_problem (g_object_get_data (G_OBJECT (check), "code"));
  GtkCheckButton *p = problem ? problem_check (self, problem) : NULL;

  /* the police report belongs with an urgent situation */
  gtk_widget_set_visible (GTK_WIDGET (self->police_group), codes != NULL);

  /* the guardianship problem the situation shows, ticked for it, and
   * unticked with it unless another situation shows it too or the person
   * ticked it */
  if (p && gtk_check_button_get_active (check) && !gtk_check_button_get_active (p))
    {
      self->ticking = TRUE;
      gtk_check_button_set_active (p, TRUE);
      self->ticking = FALSE;
      g_object_set_data (G_OBJECT (p), "for-urgent", GINT_TO_POINTER (TRUE));
    }
  else if (p && !gtk_check_button_get_active (check) && g_object_get_data (G_OBJECT (p), "for-urgent"))
    {
      gboolean shown = FALSE;

      for (guint i = 0; i < self->urgent_checks->len; i++)
        shown |= gtk_check_button_get_active (self->urgent_checks->pdata[i]) &&
                 g_strcmp0 (tx_visit_urgent_problem (g_object_get_data (self->urgent_checks->pdata[i], "code")),
                            problem) == 0;
      if (!shown)
        {
          self->ticking = TRUE;
          gtk_check_button_set_active (p, FALSE);
          self->ticking = FALSE;
          g_object_set_data (G_OBJECT (p), "for-urgent", NULL);
        }
    }
  update_assessment_hint (self);
}

/* A problem the person ticks or unticks is theirs */
static void
problem_toggled_cb (GtkCheckButton *check,
                    TxVisitDialog  *self)
{
  if (!self->ticking)
    g_object_set_data (G_OBJECT (check), "for-urgent", NULL);
}

/* The problems are part of a new assessment: without one they are not
 * recorded, so they cannot be ticked */
static void
assessment_changed_cb (TxVisitDialog *self)
{
  guint a = adw_combo_row_get_selected (self->assessment_row);

  for (guint i = 0; i < self->problem_checks->len; i++)
    gtk_widget_set_sensitive (gtk_widget_get_ancestor (self->problem_checks->pdata[i], ADW_TYPE_ACTION_ROW),
                              a != GTK_INVALID_LIST_POSITION && a > 0);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxVisitDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = tx_store_service_save_visit_finish (TX_STORE_SERVICE (source), result, &error);

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

static void
save_now (TxVisitDialog *self,
          TxVisit       *visit,
          gboolean       draft)
{
  self->saving = TRUE;
  show_message (self, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "visit.save-draft", FALSE);
  tx_store_service_save_visit_async (self->service, visit, draft, NULL, save_done_cb, g_object_ref (self));
}

static void
reassess_response_cb (AdwMessageDialog *question,
                      const char       *response,
                      TxVisitDialog    *self)
{
  if (g_str_equal (response, "keep"))
    {
      if (!self->saving)
        save_now (self, collect (self), GPOINTER_TO_INT (g_object_get_data (G_OBJECT (question), "draft")));
    }
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->assessment_row));
}

/* Asks whether the guardianship is still as it is assessed, when an urgent
 * situation was ticked */
static void
ask_reassessment (TxVisitDialog *self,
                  const TxVisit *visit,
                  gboolean       draft)
{
  const char *code = visit->guardianship ? visit->guardianship : self->guardianship_now;
  const TxChoice *c = code ? tx_field_choice (tx_form_lookup ("guardianship"), code) : NULL;
  g_autofree char *heading = NULL, *found = NULL, *what = NULL, *body = NULL;
  GtkWidget *question;

  /* Translators: the guardianship assessment, asked after an urgent situation was ticked */
  heading = c ? g_strdup_printf (_("Guardianship Still “%s”?"), tx_choice_label (c))
              : g_strdup (_("Guardianship Not Assessed"));
  if (c)
    found = g_strdup_printf (_("An urgent situation was recorded, and the guardianship stays assessed as “%s”."),
                             tx_choice_label (c));
  else
    found = g_strdup (_("An urgent situation was recorded, and the guardianship is not assessed."));
  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "If the guardian cannot or does not guard the child, assess it as poor "
                                       "and tick the problem: the child then becomes a key-care child, visited "
                                       "every %d day.",
                                       "If the guardian cannot or does not guard the child, assess it as poor "
                                       "and tick the problem: the child then becomes a key-care child, visited "
                                       "every %d days.", self->key_care_days), self->key_care_days);
  /* Translators: what was found, then what to do; between two sentences */
  body = g_strdup_printf (_("%s %s"), found, what);
  question = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (question),
                                    "keep", _("_Keep and Save"),
                                    "assess", _("_Assess Again"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (question), "assess", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (question), "assess");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (question), "assess");
  g_object_set_data (G_OBJECT (question), "draft", GINT_TO_POINTER (draft));
  g_signal_connect_object (question, "response", G_CALLBACK (reassess_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (question));
}

/**
 * tx_visit_dialog_save:
 * @draft: whether an incomplete visit may be kept
 *
 * Saves the visit, or first asks whether the guardianship is still good
 * when an urgent situation was ticked.
 */
void
tx_visit_dialog_save (TxVisitDialog *self,
                      gboolean       draft)
{
  TxVisit *visit;

  if (self->saving)
    return;
  visit = collect (self);
  if (tx_visit_asks_reassessment (visit, self->guardianship_now))
    {
      ask_reassessment (self, visit, draft);
      tx_visit_free (visit);
      return;
    }
  save_now (self, visit, draft);
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
  g_clear_pointer (&self->guardianship_now, g_free);
  g_clear_pointer (&self->urgent_checks, g_ptr_array_unref);
  g_clear_pointer (&self->problem_checks, g_ptr_array_unref);
  g_clear_pointer (&self->service_checks, g_ptr_array_unref);
  g_clear_pointer (&self->opened, g_free);
  G_OBJECT_CLASS (tx_visit_dialog_parent_class)->dispose (object);
}

static void
tx_visit_dialog_class_init (TxVisitDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_visit_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = tx_visit_dialog_close_request;

  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-visit-dialog.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, TxVisitDialog, name)
  BIND (message_label);
  BIND (visit_group);
  BIND (assessment_group);
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
  /* the person logged in, most often the visitor too */
  g_autofree char *editor = tx_store_get_worker (store);
  g_autofree char *today = NULL;
  const TxField *g = tx_form_lookup ("guardianship");
  const TxField *problems = tx_form_lookup ("guardianship_problem");
  const TxChoice *urgent = tx_visit_urgent_situations ();
  GDate d;

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  self->child_id = g_strdup (child_id);
  self->guardianship_now = child ? g_strdup (tx_record_get_key (child, "guardianship")) : NULL;
  {
    TxScheduleSettings settings;

    tx_store_get_schedule_settings (store, &settings);
    self->key_care_days = settings.key_care_days;
  }

  adw_preferences_group_set_title (self->visit_group, child ? tx_record_get_key (child, "name") : "");
  tx_date_today (&d);
  if (child)
    {
      /* which child: two of one name are told apart; the phone in full, to
       * call the family */
      g_autofree char *details = tx_child_details (tx_record_get_key (child, "birth_date"),
                                                   tx_record_get_key (child, "residence_division"),
                                                   tx_record_get_key (child, "contact_phone"), &d, FALSE);
      adw_preferences_group_set_description (self->visit_group, details);
    }
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
    {
      adw_preferences_group_add (self->assessment_group,
                                 check_row (tx_choice_label (&problems->choices[i]), problems->choices[i].code,
                                            self->problem_checks));
      g_signal_connect (self->problem_checks->pdata[i], "toggled", G_CALLBACK (problem_toggled_cb), self);
    }
  g_signal_connect_swapped (self->assessment_row, "notify::selected", G_CALLBACK (assessment_changed_cb), self);
  assessment_changed_cb (self);
  for (guint i = 0; urgent[i].code; i++)
    {
      GtkWidget *row = check_row (tx_choice_label (&urgent[i]), urgent[i].code, self->urgent_checks);
      g_signal_connect (self->urgent_checks->pdata[i], "toggled", G_CALLBACK (urgent_toggled_cb), self);
      adw_preferences_group_add (self->urgent_group, row);
    }
  for (guint i = 0; services && i < services->len; i++)
    {
      TxService *s = services->pdata[i];
      adw_expander_row_add_row (self->services_row, check_row (tx_service_label (s), s->id, self->service_checks));
    }
  self->opened = visit_text (self);
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

GtkWidget *
tx_visit_dialog_get_problem_check (TxVisitDialog *self,
                                   const char    *code)
{
  return GTK_WIDGET (problem_check (self, code));
}
