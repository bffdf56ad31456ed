/* tx-preferences-window.c — the workstation's staff, the visit intervals,
 * the age limits and the list of care services
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change is written on the store service's thread; the window reads
 * back what was written and says so in a toast, or says why not. New visit
 * intervals reschedule every child, which takes seconds in a county: the
 * button waits with a spinner meanwhile, and the window emits
 * "schedule-changed" when it is done so the views show the new dates.
 * New age limits are followed by the ageing out, whose children are listed
 * as at the window's start.
 */

#define G_LOG_DOMAIN "tx-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-accounts-page.h"
#include "tx-aged-out-dialog.h"
#include "tx-backups-page.h"
#include "tx-gui-util.h"
#include "tx-preferences-window.h"

struct _TxPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *supervisor_row;
  AdwEntryRow          *directors_row;
  GtkSpinButton        *good_spin;
  GtkSpinButton        *average_spin;
  GtkSpinButton        *key_care_spin;
  GtkSpinButton        *first_spin;
  GtkSpinner           *schedule_spinner;
  GtkButton            *schedule_button;
  GtkSpinButton        *migrant_spin;
  GtkSpinButton        *left_behind_spin;
  GtkSpinButton        *distressed_spin;
  GtkSpinner           *ages_spinner;
  GtkButton            *ages_button;
  AdwActionRow         *holidays_row;
  AdwPreferencesPage   *services_page;
  AdwPreferencesPage   *workstation_page;

  /* Owned */
  TxStore              *store;
  TxStoreService       *service;
  GPtrArray            *groups;     /* AdwPreferencesGroup, one per heading */
  GPtrArray            *rows;       /* the service rows, with "service-id" data */
  guint                 busy;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (TxPreferencesWindow, tx_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  SCHEDULE_CHANGED,
  SHOW_AGED_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Changes, made on the worker */

static void load_services (TxPreferencesWindow *self);
static void load_settings (TxPreferencesWindow *self);
static void age_limits_applied (TxPreferencesWindow *self,
                                gboolean             ok);

typedef struct {
  TxPreferencesWindow    *self;
  TxPreferenceChangeKind  kind;
  const char             *done;   /* the toast when it worked */
} Pending;

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(TxPreferencesWindow) self = p->self;
  TxPreferenceChangeKind kind = p->kind;
  const char *done = p->done;
  g_autoptr(GError) error = NULL;
  gboolean ok = tx_store_service_change_preference_finish (TX_STORE_SERVICE (source), result, &error);

  g_free (p);
  self->busy--;
  if (kind == TX_PREFERENCE_CHANGE_SCHEDULE)
    {
      gtk_spinner_stop (self->schedule_spinner);
      gtk_widget_set_sensitive (GTK_WIDGET (self->good_spin), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->average_spin), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->key_care_spin), TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->first_spin), TRUE);
    }
  if (kind == TX_PREFERENCE_CHANGE_AGE_LIMITS)
    age_limits_applied (self, ok);
  if (!ok)
    {
      /* what was typed stays; the reason goes in a toast */
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (tx_gui_error_text (error)));
      if (kind == TX_PREFERENCE_CHANGE_SCHEDULE)
        gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), TRUE);
      else if (kind != TX_PREFERENCE_CHANGE_SETTING && kind != TX_PREFERENCE_CHANGE_HOLIDAYS &&
               kind != TX_PREFERENCE_CHANGE_AGE_LIMITS)
        load_services (self);
      return;
    }
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (done));
  if (kind == TX_PREFERENCE_CHANGE_SCHEDULE || kind == TX_PREFERENCE_CHANGE_HOLIDAYS)
    g_signal_emit (self, signals[SCHEDULE_CHANGED], 0);
  if (kind == TX_PREFERENCE_CHANGE_HOLIDAYS)
    load_settings (self);
  else if (kind != TX_PREFERENCE_CHANGE_SETTING && kind != TX_PREFERENCE_CHANGE_AGE_LIMITS)
    load_services (self);
}

/* @c: (transfer full); @done: the toast when it worked, a static string */
static void
run_change (TxPreferencesWindow *self,
            TxPreferenceChange  *c,
            const char          *done)
{
  Pending *p = g_new0 (Pending, 1);

  p->self = g_object_ref (self);
  p->kind = c->kind;
  p->done = done;
  self->busy++;
  tx_store_service_change_preference_async (self->service, c, NULL, change_done_cb, p);
}

/* Staff */

static void
staff_apply_cb (TxPreferencesWindow *self,
                AdwEntryRow         *row)
{
  TxPreferenceChange *c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SETTING);
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  c->setting = row == self->supervisor_row ? TX_SETTING_SUPERVISOR : TX_SETTING_DIRECTORS;
  c->value = *text ? g_steal_pointer (&text) : NULL;
  run_change (self, c, _("Staff saved"));
}

/* Intervals */

static void
schedule_changed_cb (TxPreferencesWindow *self)
{
  if (!self->loading)
    gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), TRUE);
}

static void
schedule_apply_cb (TxPreferencesWindow *self)
{
  TxPreferenceChange *c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SCHEDULE);

  c->schedule.good_months = gtk_spin_button_get_value_as_int (self->good_spin);
  c->schedule.average_months = gtk_spin_button_get_value_as_int (self->average_spin);
  c->schedule.key_care_days = gtk_spin_button_get_value_as_int (self->key_care_spin);
  c->schedule.first_visit_days = gtk_spin_button_get_value_as_int (self->first_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->good_spin), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->average_spin), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_care_spin), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->first_spin), FALSE);
  gtk_spinner_start (self->schedule_spinner);
  run_change (self, c, _("New intervals applied: every child's next visit is worked out again"));
}

/* Age limits */

static void
ages_changed_cb (TxPreferencesWindow *self)
{
  if (!self->loading)
    gtk_widget_set_sensitive (GTK_WIDGET (self->ages_button), TRUE);
}

static void
set_ages_sensitive (TxPreferencesWindow *self,
                    gboolean             sensitive)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->migrant_spin), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->left_behind_spin), sensitive);
  gtk_widget_set_sensitive (GTK_WIDGET (self->distressed_spin), sensitive);
}

static void
ages_apply_cb (TxPreferencesWindow *self)
{
  TxPreferenceChange *c = tx_preference_change_new (TX_PREFERENCE_CHANGE_AGE_LIMITS);

  c->age_limits.migrant = gtk_spin_button_get_value_as_int (self->migrant_spin);
  c->age_limits.left_behind = gtk_spin_button_get_value_as_int (self->left_behind_spin);
  c->age_limits.distressed = gtk_spin_button_get_value_as_int (self->distressed_spin);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ages_button), FALSE);
  set_ages_sensitive (self, FALSE);
  gtk_spinner_start (self->ages_spinner);
  run_change (self, c, _("New age limits applied: the day each child leaves the register is worked out again"));
}

static void
show_aged_out_idle_cb (gpointer data)
{
  g_autoptr(TxPreferencesWindow) self = data;

  /* the roster is behind this window */
  g_signal_emit (self, signals[SHOW_AGED_OUT], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
aged_out_response_cb (AdwMessageDialog    *dialog,
                      const char          *response,
                      TxPreferencesWindow *self)
{
  /* after the dialog has gone: this window is its parent */
  if (g_str_equal (response, "show"))
    g_idle_add_once (show_aged_out_idle_cb, g_object_ref (self));
}

static void
ageing_out_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TxPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tx_store_service_ageing_out_finish (TX_STORE_SERVICE (source), result, &error);
  GtkWidget *dialog;

  self->busy--;
  /* closed meanwhile: the roster's "Left the register" lists them */
  if (self->ages_spinner == NULL)
    return;
  gtk_spinner_stop (self->ages_spinner);
  set_ages_sensitive (self, TRUE);
  if (rows == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (tx_gui_error_text (error)));
      return;
    }
  if (rows->len == 0)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("No child is past the new age limits")));
      return;
    }
  dialog = tx_aged_out_dialog_new (GTK_WINDOW (self), rows);
  g_signal_connect_object (dialog, "response", G_CALLBACK (aged_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The limits are stored: the children past them leave now, and are listed
 * as at the window's start */
static void
age_limits_applied (TxPreferencesWindow *self,
                    gboolean             ok)
{
  if (!ok)
    {
      gtk_spinner_stop (self->ages_spinner);
      set_ages_sensitive (self, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->ages_button), TRUE);
      return;
    }
  self->busy++;
  tx_store_service_ageing_out_async (self->service, NULL, ageing_out_done_cb, g_object_ref (self));
}

/**
 * tx_preferences_window_load_holidays:
 * @file: a holiday calendar
 *
 * Loads a newer holiday calendar into the store, as the Load button does
 * with the file chosen.
 */
void
tx_preferences_window_load_holidays (TxPreferencesWindow *self,
                                     GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  TxPreferenceChange *c;

  /* a calendar is a few kilobytes; anything big is not one */
  if (!g_file_load_contents (file, NULL, &contents, NULL, NULL, &error))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      return;
    }
  c = tx_preference_change_new (TX_PREFERENCE_CHANGE_HOLIDAYS);
  c->key = g_steal_pointer (&name);
  c->value = g_steal_pointer (&contents);
  run_change (self, c, _("Holiday calendar loaded: every child's next visit is worked out again"));
}

static void
holidays_chosen_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    TxPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file)
        tx_preferences_window_load_holidays (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
holidays_clicked_cb (TxPreferencesWindow *self)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (_("Load a Holiday Calendar"), GTK_WINDOW (self),
                                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"),
                                                               _("_Cancel"));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Holiday calendars (JSON)"));
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (holidays_chosen_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
load_settings (TxPreferencesWindow *self)
{
  g_autofree char *supervisor = tx_store_get_setting (self->store, TX_SETTING_SUPERVISOR);
  g_autofree char *directors = tx_store_get_setting (self->store, TX_SETTING_DIRECTORS);
  TxScheduleSettings s;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->supervisor_row), supervisor ? supervisor : "");
  gtk_editable_set_text (GTK_EDITABLE (self->directors_row), directors ? directors : "");
  tx_store_get_schedule_settings (self->store, &s);
  gtk_spin_button_set_value (self->good_spin, s.good_months);
  gtk_spin_button_set_value (self->average_spin, s.average_months);
  gtk_spin_button_set_value (self->key_care_spin, s.key_care_days);
  gtk_spin_button_set_value (self->first_spin, s.first_visit_days);
  gtk_widget_set_sensitive (GTK_WIDGET (self->schedule_button), FALSE);
  {
    TxAgeLimits limits;

    tx_store_get_age_limits (self->store, &limits);
    gtk_spin_button_set_value (self->migrant_spin, limits.migrant);
    gtk_spin_button_set_value (self->left_behind_spin, limits.left_behind);
    gtk_spin_button_set_value (self->distressed_spin, limits.distressed);
    gtk_widget_set_sensitive (GTK_WIDGET (self->ages_button), FALSE);
  }
  {
    g_autoptr(GArray) years = tx_holidays_years ();
    g_autoptr(GString) list = g_string_new (NULL);
    g_autofree char *subtitle = NULL;

    for (guint i = 0; i < years->len; i++)
      g_string_append_printf (list, "%s%u", i ? ", " : "", g_array_index (years, guint, i));
    /* Translators: the years with holiday data */
    subtitle = g_strdup_printf (_("Known for %s; other years count weekends only."), list->str);
    adw_action_row_set_subtitle (self->holidays_row, subtitle);
  }
  self->loading = FALSE;
}

/* Services */

typedef struct {
  TxPreferencesWindow *self;
  char                *group;    /* for a new service */
  char                *id;       /* for a renamed one */
} NameQuestion;

static void
name_question_free (gpointer  data,
                    GClosure *closure)
{
  NameQuestion *q = data;

  g_object_unref (q->self);
  g_free (q->group);
  g_free (q->id);
  g_free (q);
}

static void
name_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "save", *name != 0);
}

static void
name_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  NameQuestion     *q)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  TxPreferenceChange *c;
  const char *done;

  if (!g_str_equal (response, "save") || *name == 0)
    return;
  if (q->id)
    {
      c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SERVICE_RENAME);
      c->key = g_strdup (q->id);
      /* the name in the language shown is the one changed */
      if (tx_ui_is_chinese ())
        c->value = g_steal_pointer (&name);
      else
        {
          g_autoptr(GPtrArray) all = tx_store_services (q->self->store, TRUE, NULL);

          for (guint i = 0; all && i < all->len; i++)
            if (g_str_equal (((TxService *) all->pdata[i])->id, q->id))
              c->value = g_strdup (((TxService *) all->pdata[i])->zh);
          c->value_en = g_steal_pointer (&name);
        }
      done = _("Service renamed");
    }
  else
    {
      c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SERVICE_ADD);
      c->key = g_strdup (q->group);
      c->value_en = tx_ui_is_chinese () ? NULL : g_strdup (name);
      c->value = g_steal_pointer (&name);
      done = _("Service added");
    }
  run_change (q->self, c, done);
}

/* Asks for a service's name: a new one under @group, or @id's new name */
static GtkWidget *
ask_name (TxPreferencesWindow *self,
          const char          *group,
          const char          *id,
          const char          *current)
{
  NameQuestion *q = g_new0 (NameQuestion, 1);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), id ? _("Rename Service") : _("Add Service"),
                                              id ? _("The new name shows on visits already recorded too.")
                                                 : _("The service can then be ticked on visits."));
  GtkWidget *entry = gtk_entry_new ();

  q->self = g_object_ref (self);
  q->group = g_strdup (group);
  q->id = g_strdup (id);
  gtk_editable_set_text (GTK_EDITABLE (entry), current ? current : "");
  gtk_entry_set_max_length (GTK_ENTRY (entry), 60);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name of the service"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", id ? _("_Rename") : _("_Add"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  name_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect (entry, "changed", G_CALLBACK (name_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (name_response_cb), q,
                         name_question_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

static void
rename_clicked_cb (GtkButton           *button,
                   TxPreferencesWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);

  ask_name (self, NULL, g_object_get_data (G_OBJECT (row), "service-id"),
            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
}

static void
add_clicked_cb (GtkButton           *button,
                TxPreferencesWindow *self)
{
  ask_name (self, g_object_get_data (G_OBJECT (button), "group"), NULL, NULL);
}

static void
offered_cb (GtkSwitch           *sw,
            GParamSpec          *pspec,
            TxPreferencesWindow *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (sw), ADW_TYPE_ACTION_ROW);
  TxPreferenceChange *c;

  if (self->loading)
    return;
  c = tx_preference_change_new (TX_PREFERENCE_CHANGE_SERVICE_RETIRE);
  c->key = g_strdup (g_object_get_data (G_OBJECT (row), "service-id"));
  c->flag = !gtk_switch_get_active (sw);
  run_change (self, c, c->flag ? _("Service retired: it is no longer offered on new visits")
                               : _("Service offered again"));
}

static GtkWidget *
service_row (TxPreferencesWindow *self,
             const TxService     *s)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *rename = gtk_button_new_from_icon_name ("document-edit-symbolic");
  GtkWidget *sw = gtk_switch_new ();
  const char *name = tx_service_label (s);
  g_autofree char *rename_label = g_strdup_printf (_("Rename %s"), name);
  g_autofree char *offered_label = g_strdup_printf (_("Offer %s on new visits"), name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (s->retired)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Retired: kept on the visits that list it"));
  g_object_set_data_full (G_OBJECT (row), "service-id", g_strdup (s->id), g_free);

  gtk_widget_set_valign (rename, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (rename, "flat");
  gtk_widget_set_tooltip_text (rename, _("Rename"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (rename), GTK_ACCESSIBLE_PROPERTY_LABEL, rename_label, -1);
  g_signal_connect (rename, "clicked", G_CALLBACK (rename_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), rename);

  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (sw), !s->retired);
  gtk_widget_set_tooltip_text (sw, _("Offered on new visits"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (sw), GTK_ACCESSIBLE_PROPERTY_LABEL, offered_label, -1);
  g_signal_connect (sw, "notify::active", G_CALLBACK (offered_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  g_object_set_data (G_OBJECT (row), "switch", sw);
  return row;
}

static void
load_services (TxPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) services = tx_store_services (self->store, TRUE, &error);
  const TxChoice *groups = tx_service_groups ();

  self->loading = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = self->rows->pdata[i];
      adw_preferences_group_remove (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP)),
                                    row);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (services == NULL)
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
      self->loading = FALSE;
      return;
    }
  for (guint i = 0; i < services->len; i++)
    {
      TxService *s = services->pdata[i];

      for (guint g = 0; groups[g].code; g++)
        if (g_str_equal (groups[g].code, s->group))
          {
            GtkWidget *row = service_row (self, s);
            adw_preferences_group_add (self->groups->pdata[g], row);
            g_ptr_array_add (self->rows, row);
          }
    }
  self->loading = FALSE;
}

static void
tx_preferences_window_dispose (GObject *object)
{
  TxPreferencesWindow *self = TX_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (tx_preferences_window_parent_class)->dispose (object);
}

static void
tx_preferences_window_class_init (TxPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_preferences_window_dispose;

  /**
   * TxPreferencesWindow::schedule-changed:
   *
   * Every child's next visit was worked out again with new intervals.
   */
  signals[SCHEDULE_CHANGED] = g_signal_new ("schedule-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * TxPreferencesWindow::show-aged-out:
   *
   * New age limits took children off the register, and Show in Roster
   * was chosen in their list: the window is closing.
   */
  signals[SHOW_AGED_OUT] = g_signal_new ("show-aged-out", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, supervisor_row);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, directors_row);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, good_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, average_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, key_care_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, first_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, schedule_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, migrant_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, left_behind_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, distressed_spin);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, ages_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, ages_button);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, services_page);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, workstation_page);
  gtk_widget_class_bind_template_child (widget_class, TxPreferencesWindow, holidays_row);
  gtk_widget_class_bind_template_callback (widget_class, holidays_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, schedule_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, ages_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, ages_apply_cb);
}

static void
tx_preferences_window_init (TxPreferencesWindow *self)
{
  const TxChoice *groups = tx_service_groups ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  for (guint g = 0; groups[g].code; g++)
    {
      GtkWidget *group = adw_preferences_group_new ();
      GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
      g_autofree char *label = g_strdup_printf (_("Add a service under “%s”"), tx_choice_label (&groups[g]));

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), tx_choice_label (&groups[g]));
      gtk_widget_add_css_class (add, "flat");
      gtk_widget_set_tooltip_text (add, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (add), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (add), "group", (gpointer) groups[g].code);
      g_signal_connect (add, "clicked", G_CALLBACK (add_clicked_cb), self);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), add);
      adw_preferences_page_add (self->services_page, ADW_PREFERENCES_GROUP (group));
      g_ptr_array_add (self->groups, group);
    }
}

/**
 * tx_preferences_window_new:
 * @store: the window's store, read on the main thread
 * @service: where changes are written
 *
 * Returns: (transfer full): the window, not shown yet
 */
TxPreferencesWindow *
tx_preferences_window_new (GtkWindow      *parent,
                           TxStore        *store,
                           TxStoreService *service)
{
  TxPreferencesWindow *self = g_object_new (TX_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  /* the workstation, the schedule and the age limits are not a child
   * director's to change: the page is not offered */
  gtk_widget_set_visible (GTK_WIDGET (self->workstation_page), tx_store_can (store, TX_PERMISSION_SETTINGS));
  load_settings (self);
  load_services (self);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tx_accounts_page_new (store, service)));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (tx_backups_page_new (store, service)));
  return self;
}

gboolean
tx_preferences_window_is_busy (TxPreferencesWindow *self)
{
  return self->busy > 0;
}

/* For tests: the widgets of the template by name */
GtkWidget *
tx_preferences_window_get_widget (TxPreferencesWindow *self,
                                  const char          *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_PREFERENCES_WINDOW, name));
}

/* For tests: the row of a service, with its "switch" data */
GtkWidget *
tx_preferences_window_get_service_row (TxPreferencesWindow *self,
                                       const char          *id)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (self->rows->pdata[i], "service-id"), id) == 0)
      return self->rows->pdata[i];
  return NULL;
}

/**
 * tx_preferences_window_add_service:
 * @group: one of tx_service_groups()
 *
 * Asks for the name of a new service under @group, as the heading's add
 * button does.
 *
 * Returns: (transfer none): the question, shown
 */
GtkWidget *
tx_preferences_window_add_service (TxPreferencesWindow *self,
                                   const char          *group)
{
  return ask_name (self, group, NULL, NULL);
}
