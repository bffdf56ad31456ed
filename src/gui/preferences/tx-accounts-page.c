/* tx-accounts-page.c — Preferences → Accounts: the people who may open the
 * store, their roles and villages, their passwords
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A supervisor (or a county officer) adds people, changes their role and
 * villages, resets a password after typing their own, and deactivates an
 * account; a child director sees their own account and changes their
 * password. Every change goes through the store service's thread (a new
 * password is stretched there for half a second); a person's own password
 * is checked on a thread of its own, as at the login. The dialogs' buttons
 * wait until what is typed can be used, and a line under the fields says
 * what is missing.
 */

#define G_LOG_DOMAIN "tx-accounts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-accounts-page.h"
#include "tx-gui-util.h"
#include "tx-login-tasks.h"

struct _TxAccountsPage
{
  AdwPreferencesPage    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *me_group;
  AdwActionRow         *me_row;
  AdwPreferencesGroup  *people_group;
  GtkSpinner           *spinner;
  GtkButton            *add_button;
  GtkSpinButton        *idle_spin;

  /* Owned */
  GSettings            *settings;     /* the machine's: the idle time */
  TxStore              *store;
  TxStoreService       *service;
  GPtrArray            *rows;         /* the people's rows in people_group */
  GPtrArray            *accounts;     /* TxAccount, as last read */
  GCancellable         *cancellable;
  guint                 busy;
};

G_DEFINE_FINAL_TYPE (TxAccountsPage, tx_accounts_page, ADW_TYPE_PREFERENCES_PAGE)

/* What a dialog asks for */
typedef enum {
  DIALOG_ADD,
  DIALOG_CHANGE,
  DIALOG_RESET,
  DIALOG_ACTIVATE,
  DIALOG_MY_PASSWORD,
} DialogKind;

static void load (TxAccountsPage *self);

static void
say (TxAccountsPage *self,
     const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (text));
}

static void
set_busy (TxAccountsPage *self,
          gboolean        busy)
{
  self->busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (self->spinner, self->busy > 0);
}

static const TxAccount *
find_account (TxAccountsPage *self,
              const char     *name)
{
  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    {
      const TxAccount *a = self->accounts->pdata[i];
      if (g_str_equal (a->name, name))
        return a;
    }
  return NULL;
}

static char *
villages_text (const TxAccount *a)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint i = 0; a->villages && a->villages[i]; i++)
    {
      const char *name = tx_division_name (a->villages[i]);
      g_strv_builder_add (b, name ? name : a->villages[i]);
    }
  names = g_strv_builder_end (b);
  /* TRANSLATORS: between the names of villages */
  return g_strjoinv (_(", "), names);
}

/* "Child director · 新村, 东村 · deactivated" */
static char *
account_subtitle (const TxAccount *a)
{
  GString *s = g_string_new (tx_role_label (a->role));

  if (a->role == TX_ROLE_DIRECTOR)
    {
      g_autofree char *villages = villages_text (a);
      g_string_append_printf (s, " · %s", *villages ? villages : _("no village"));
    }
  if (!a->active)
    g_string_append_printf (s, " · %s", _("deactivated"));
  return g_string_free (s, FALSE);
}

/* The people */

static GtkWidget *
account_row_new (TxAccountsPage  *self,
                 const TxAccount *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = account_subtitle (a);
  g_autofree char *tip = g_strdup_printf (_("Change %s's account"), a->name);
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *button = gtk_menu_button_new ();
  struct { const char *label, *action; gboolean shown; } items[] = {
    { _("Change Role and Villages…"), "accounts.change", a->active },
    { _("Reset Password…"), "accounts.reset", a->active },
    { _("Deactivate…"), "accounts.deactivate", a->active },
    { _("Activate Again…"), "accounts.activate", !a->active },
  };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), a->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), adw_avatar_new (32, a->name, TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    if (items[i].shown)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (items[i].label, NULL);
        g_menu_item_set_action_and_target_value (item, items[i].action, g_variant_new_string (a->name));
        g_menu_append_item (menu, item);
      }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);
  if (!a->active)
    gtk_widget_add_css_class (row, "dim-label");
  g_object_set_data_full (G_OBJECT (row), "tx-name", g_strdup (a->name), g_free);
  return row;
}

static void
show_accounts (TxAccountsPage *self)
{
  TxSession *session = tx_store_get_session (self->store);
  const TxAccount *me = session ? find_account (self, tx_session_get_name (session)) : NULL;
  g_autofree char *subtitle = me ? account_subtitle (me) : NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->people_group, self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  if (session)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->me_row), tx_session_get_name (session));
      adw_action_row_set_subtitle (self->me_row, subtitle ? subtitle : tx_role_label (tx_session_get_role (session)));
    }
  if (!tx_store_can (self->store, TX_PERMISSION_ACCOUNTS))
    return;
  for (guint i = 0; self->accounts && i < self->accounts->len; i++)
    {
      GtkWidget *row = account_row_new (self, self->accounts->pdata[i]);
      adw_preferences_group_add (self->people_group, row);
      g_ptr_array_add (self->rows, row);
    }
}

static void
accounts_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TxAccountsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = tx_store_service_accounts_finish (TX_STORE_SERVICE (source), result, &error);

  if (tx_gui_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (accounts == NULL)
    {
      say (self, tx_gui_error_text (error));
      return;
    }
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  self->accounts = g_steal_pointer (&accounts);
  show_accounts (self);
}

static void
load (TxAccountsPage *self)
{
  set_busy (self, TRUE);
  tx_store_service_accounts_async (self->service, self->cancellable, accounts_done_cb, g_object_ref (self));
}

/* A change made, or why not */

typedef struct {
  TxAccountsPage *self;
  char           *done;   /* the toast when it worked */
} Pending;

static void
change_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Pending *p = user_data;
  g_autoptr(TxAccountsPage) self = p->self;
  g_autofree char *done = p->done;
  g_autoptr(GError) error = NULL;

  g_free (p);
  if (!tx_store_service_change_account_finish (TX_STORE_SERVICE (source), result, &error) &&
      tx_gui_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  say (self, error ? tx_gui_error_text (error) : done);
  load (self);
}

static void
change (TxAccountsPage  *self,
        TxAccountChange *c,
        char            *done)
{
  Pending *p = g_new0 (Pending, 1);

  p->self = g_object_ref (self);
  p->done = done;
  set_busy (self, TRUE);
  tx_store_service_change_account_async (self->service, c, self->cancellable, change_done_cb, p);
}

/* The dialogs: an AdwMessageDialog whose extra child holds the fields, each
 * named for tx_accounts_dialog_find() */

static const char *
field_text (AdwMessageDialog *dialog,
            const char       *name)
{
  GtkWidget *w = tx_accounts_dialog_find (dialog, name);

  return w ? gtk_editable_get_text (GTK_EDITABLE (w)) : NULL;
}

static GStrv
checked_villages (AdwMessageDialog *dialog)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (dialog), "tx-villages");
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (guint i = 0; checks && i < checks->len; i++)
    if (gtk_check_button_get_active (checks->pdata[i]))
      g_strv_builder_add (b, g_object_get_data (G_OBJECT (checks->pdata[i]), "tx-code"));
  return g_strv_builder_end (b);
}

static TxRole
chosen_role (AdwMessageDialog *dialog)
{
  GtkWidget *role = tx_accounts_dialog_find (dialog, "role");
  static const TxRole roles[] = { TX_ROLE_DIRECTOR, TX_ROLE_SUPERVISOR, TX_ROLE_OFFICER };
  guint i = role ? adw_combo_row_get_selected (ADW_COMBO_ROW (role)) : 0;

  return roles[MIN (i, G_N_ELEMENTS (roles) - 1)];
}

/* What still keeps the dialog's button waiting, or %NULL */
static char *
dialog_problem (AdwMessageDialog *dialog)
{
  const char *name = field_text (dialog, "name");
  const char *own = field_text (dialog, "own-password");
  const char *password = field_text (dialog, "password");
  const char *again = field_text (dialog, "again");
  g_autofree char *stripped = name ? g_strstrip (g_strdup (name)) : NULL;
  g_autoptr(GError) error = NULL;

  if (stripped && *stripped == '\0')
    return g_strdup (_("Type the person's name."));
  if (tx_accounts_dialog_find (dialog, "role") && chosen_role (dialog) == TX_ROLE_DIRECTOR)
    {
      g_auto(GStrv) villages = checked_villages (dialog);
      if (villages[0] == NULL)
        return g_strdup (_("Choose the villages of the child director."));
    }
  if (own && *own == '\0')
    return g_strdup (_("Type your own password first."));
  if (password && !tx_login_passwords_ok (password, again, &error))
    return g_strdup (*password ? error->message : _("Type the new password twice."));
  return NULL;
}

static void
validate_cb (AdwMessageDialog *dialog)
{
  const char *response = g_object_get_data (G_OBJECT (dialog), "tx-response");
  g_autofree char *problem = NULL;
  GtkWidget *hint = tx_accounts_dialog_find (dialog, "hint");

  /* still being built */
  if (response == NULL || hint == NULL)
    return;
  problem = dialog_problem (dialog);
  adw_message_dialog_set_response_enabled (dialog, response, problem == NULL);
  gtk_label_set_text (GTK_LABEL (hint), problem ? problem : "");
}

static void
role_changed_cb (AdwMessageDialog *dialog)
{
  GtkWidget *villages = tx_accounts_dialog_find (dialog, "villages");

  if (villages)
    gtk_widget_set_sensitive (villages, chosen_role (dialog) == TX_ROLE_DIRECTOR);
  validate_cb (dialog);
}

static GtkWidget *
add_entry (AdwMessageDialog *dialog,
           GtkWidget        *list,
           const char       *name,
           const char       *title,
           gboolean          password)
{
  GtkWidget *row = password ? adw_password_entry_row_new () : adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  g_signal_connect_object (row, "changed", G_CALLBACK (validate_cb), dialog, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* The role and, for a child director, the township's villages to tick */
static void
add_role (TxAccountsPage   *self,
          AdwMessageDialog *dialog,
          GtkWidget        *list,
          const TxAccount  *a)
{
  const char *labels[] = { tx_role_label (TX_ROLE_DIRECTOR), tx_role_label (TX_ROLE_SUPERVISOR),
                           tx_role_label (TX_ROLE_OFFICER), NULL };
  g_autofree char *township = tx_store_get_setting (self->store, TX_SETTING_TOWNSHIP);
  g_autoptr(GPtrArray) villages = township ? tx_division_children (township) : NULL;
  GPtrArray *checks = g_ptr_array_new ();
  GtkWidget *role = adw_combo_row_new ();
  GtkWidget *expander = adw_expander_row_new ();

  gtk_widget_set_name (role, "role");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (role), _("_Role"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (role), TRUE);
  adw_combo_row_set_model (ADW_COMBO_ROW (role), G_LIST_MODEL (gtk_string_list_new (labels)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (role), a ? (a->role == TX_ROLE_SUPERVISOR ? 1 : a->role == TX_ROLE_OFFICER ? 2 : 0) : 0);
  g_signal_connect_object (role, "notify::selected", G_CALLBACK (role_changed_cb), dialog, G_CONNECT_SWAPPED);
  gtk_list_box_append (GTK_LIST_BOX (list), role);

  gtk_widget_set_name (expander, "villages");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("_Villages"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (expander), TRUE);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Whose children the child director sees"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  for (guint i = 0; villages && i < villages->len; i++)
    {
      const TxDivision *d = villages->pdata[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), d->name);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, d->name, -1);
      gtk_widget_set_name (check, d->code);
      g_object_set_data_full (G_OBJECT (check), "tx-code", g_strdup (d->code), g_free);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   a && a->villages && g_strv_contains ((const char *const *) a->villages, d->code));
      g_signal_connect_object (check, "toggled", G_CALLBACK (validate_cb), dialog, G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
      g_ptr_array_add (checks, check);
    }
  g_object_set_data_full (G_OBJECT (dialog), "tx-villages", checks, (GDestroyNotify) g_ptr_array_unref);
  gtk_list_box_append (GTK_LIST_BOX (list), expander);
  role_changed_cb (dialog);
}

static void dialog_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                TxAccountsPage   *self);

static AdwMessageDialog *
dialog_new (TxAccountsPage *self,
            DialogKind      kind,
            const char     *name)
{
  const TxAccount *a = name ? find_account (self, name) : NULL;
  TxSession *session = tx_store_get_session (self->store);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *hint = gtk_label_new (NULL);
  const char *response = NULL, *label = NULL;
  g_autofree char *own = NULL;

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_box_append (GTK_BOX (box), list);
  switch (kind)
    {
    case DIALOG_ADD:
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("Add a Person"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("They log in with their name and this first password, and can change it."));
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "name", _("_Name"), FALSE);
      add_role (self, ADW_MESSAGE_DIALOG (dialog), list, NULL);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "password", _("First _password"), TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "again", _("Password _again"), TRUE);
      response = "add", label = _("_Add");
      break;
    case DIALOG_CHANGE:
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("%s's Role and Villages"), name);
      add_role (self, ADW_MESSAGE_DIALOG (dialog), list, a);
      response = "change", label = _("_Change");
      break;
    case DIALOG_RESET:
      own = g_strdup_printf (_("_Your own password (%s)"), session ? tx_session_get_name (session) : "");
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("A New Password for %s"), name);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("First type your own password, then the new password twice. Tell the "
                                     "person their new password; they can change it."));
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "own-password", own, TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "password", _("_New password"), TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "again", _("New password _again"), TRUE);
      response = "reset", label = _("_Reset Password");
      break;
    case DIALOG_ACTIVATE:
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Activate %s Again?"), name);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("They log in again with a new password."));
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "password", _("_New password"), TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "again", _("New password _again"), TRUE);
      response = "activate", label = _("_Activate");
      break;
    case DIALOG_MY_PASSWORD:
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (dialog), _("Change My Password"));
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "own-password", _("_Current password"), TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "password", _("_New password"), TRUE);
      add_entry (ADW_MESSAGE_DIALOG (dialog), list, "again", _("New password _again"), TRUE);
      response = "change", label = _("_Change Password");
      name = session ? tx_session_get_name (session) : NULL;
      break;
    }
  gtk_widget_set_name (hint, "hint");
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_box_append (GTK_BOX (box), hint);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "tx-response", (gpointer) response);
  g_object_set_data (G_OBJECT (dialog), "tx-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (dialog), "tx-name", g_strdup (name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (dialog_response_cb), self, 0);
  validate_cb (ADW_MESSAGE_DIALOG (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

/* A reset or one's own new password: one's own password checked first */

typedef struct {
  TxAccountsPage  *self;
  TxAccountChange *change;
  char            *done;
} Checking;

static void
own_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Checking *c = user_data;
  g_autoptr(TxAccountsPage) self = c->self;
  g_autoptr(TxAccountChange) ch = c->change;
  g_autofree char *done = c->done;
  g_autoptr(GError) error = NULL;

  g_free (c);
  if (!tx_login_check_finish (result, &error) && tx_gui_is_cancelled (error))
    return;
  set_busy (self, FALSE);
  if (error)
    {
      say (self, tx_gui_error_text (error));
      return;
    }
  change (self, g_steal_pointer (&ch), g_steal_pointer (&done));
}

static void
dialog_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TxAccountsPage   *self)
{
  DialogKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "tx-kind"));
  const char *name = g_object_get_data (G_OBJECT (dialog), "tx-name");
  g_autofree char *typed = NULL;
  g_autofree char *problem = dialog_problem (dialog);
  TxAccountChange *c;
  Checking *check;

  if (!g_str_equal (response, g_object_get_data (G_OBJECT (dialog), "tx-response")) || problem)
    return;
  switch (kind)
    {
    case DIALOG_ADD:
      typed = g_strstrip (g_strdup (field_text (dialog, "name")));
      c = tx_account_change_new (TX_ACCOUNT_CHANGE_ADD, typed);
      c->role = chosen_role (dialog);
      c->villages = c->role == TX_ROLE_DIRECTOR ? checked_villages (dialog) : NULL;
      c->password = g_strdup (field_text (dialog, "password"));
      change (self, c, g_strdup_printf (_("%s can log in now"), typed));
      return;
    case DIALOG_CHANGE:
      c = tx_account_change_new (TX_ACCOUNT_CHANGE_UPDATE, name);
      c->role = chosen_role (dialog);
      c->villages = c->role == TX_ROLE_DIRECTOR ? checked_villages (dialog) : NULL;
      change (self, c, g_strdup_printf (_("%s's role and villages changed"), name));
      return;
    case DIALOG_ACTIVATE:
      c = tx_account_change_new (TX_ACCOUNT_CHANGE_ACTIVATE, name);
      c->password = g_strdup (field_text (dialog, "password"));
      change (self, c, g_strdup_printf (_("%s can log in again"), name));
      return;
    case DIALOG_RESET:
    case DIALOG_MY_PASSWORD:
      c = tx_account_change_new (TX_ACCOUNT_CHANGE_PASSWORD, name);
      c->password = g_strdup (field_text (dialog, "password"));
      check = g_new0 (Checking, 1);
      check->self = g_object_ref (self);
      check->change = c;
      check->done = kind == DIALOG_RESET ? g_strdup_printf (_("%s's password reset"), name)
                                         : g_strdup (_("Your password changed"));
      set_busy (self, TRUE);
      tx_login_check_async (tx_store_get_session (self->store), field_text (dialog, "own-password"),
                            self->cancellable, own_checked_cb, check);
      return;
    }
}

static void
deactivate_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        TxAccountsPage   *self)
{
  const char *name = g_object_get_data (G_OBJECT (dialog), "tx-name");

  if (g_str_equal (response, "deactivate"))
    change (self, tx_account_change_new (TX_ACCOUNT_CHANGE_DEACTIVATE, name),
            g_strdup_printf (_("%s can no longer log in"), name));
}

/* Actions of a person's row */

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  TxAccountsPage *self = TX_ACCOUNTS_PAGE (widget);
  const char *name = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog;

  if (find_account (self, name) == NULL)
    return;
  if (g_str_equal (action_name, "accounts.change"))
    dialog_new (self, DIALOG_CHANGE, name);
  else if (g_str_equal (action_name, "accounts.reset"))
    dialog_new (self, DIALOG_RESET, name);
  else if (g_str_equal (action_name, "accounts.activate"))
    dialog_new (self, DIALOG_ACTIVATE, name);
  else
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), NULL, NULL);
      adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Deactivate %s?"), name);
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                   _("Their password no longer opens the store, and their name leaves the "
                                     "login screen. What they recorded stays, with their name. They can be "
                                     "activated again with a new password."));
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                        "deactivate", _("_Deactivate"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "deactivate",
                                                  ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
      g_object_set_data_full (G_OBJECT (dialog), "tx-name", g_strdup (name), g_free);
      g_signal_connect_object (dialog, "response", G_CALLBACK (deactivate_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
add_clicked_cb (TxAccountsPage *self)
{
  dialog_new (self, DIALOG_ADD, NULL);
}

static void
my_password_clicked_cb (TxAccountsPage *self)
{
  dialog_new (self, DIALOG_MY_PASSWORD, NULL);
}

static void
tx_accounts_page_dispose (GObject *object)
{
  TxAccountsPage *self = TX_ACCOUNTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_ACCOUNTS_PAGE);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->accounts, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (tx_accounts_page_parent_class)->dispose (object);
}

static void
tx_accounts_page_class_init (TxAccountsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_accounts_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tongxing/Tongxing/ui/tx-accounts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, me_group);
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, me_row);
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, people_group);
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, TxAccountsPage, idle_spin);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, my_password_clicked_cb);

  gtk_widget_class_install_action (widget_class, "accounts.change", "s", row_action);
  gtk_widget_class_install_action (widget_class, "accounts.reset", "s", row_action);
  gtk_widget_class_install_action (widget_class, "accounts.deactivate", "s", row_action);
  gtk_widget_class_install_action (widget_class, "accounts.activate", "s", row_action);
}

static void
tx_accounts_page_init (TxAccountsPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  /* an uninstalled build may run without the compiled schema */
  if (schema)
    {
      self->settings = g_settings_new (APP_ID);
      g_settings_bind (self->settings, "lock-idle-minutes", self->idle_spin, "value", G_SETTINGS_BIND_DEFAULT);
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->idle_spin), FALSE);
}

/**
 * tx_accounts_page_new:
 *
 * The people of @store; a supervisor's or an officer's page changes them,
 * a child director's shows their own account only.
 */
TxAccountsPage *
tx_accounts_page_new (TxStore        *store,
                      TxStoreService *service)
{
  TxAccountsPage *self = g_object_new (TX_TYPE_ACCOUNTS_PAGE, NULL);
  gboolean manager = tx_store_can (store, TX_PERMISSION_ACCOUNTS);

  self->store = g_object_ref (store);
  self->service = g_object_ref (service);
  gtk_widget_set_visible (GTK_WIDGET (self->people_group), manager);
  load (self);
  return self;
}

gboolean
tx_accounts_page_is_busy (TxAccountsPage *self)
{
  return self->busy > 0;
}

/* The row of @name, as last read */
GtkWidget *
tx_accounts_page_get_row (TxAccountsPage *self,
                          const char     *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    if (g_strcmp0 (g_object_get_data (self->rows->pdata[i], "tx-name"), name) == 0)
      return self->rows->pdata[i];
  return NULL;
}

GtkWidget *
tx_accounts_page_get_widget (TxAccountsPage *self,
                             const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_ACCOUNTS_PAGE, name));
}

static GtkWidget *
find_named (GtkWidget  *w,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (w), name) == 0)
    return w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found)
        return found;
    }
  return NULL;
}

/* A field of an accounts dialog by its name: "name", "role", "villages",
 * a village's code, "own-password", "password", "again", "hint" */
GtkWidget *
tx_accounts_dialog_find (AdwMessageDialog *dialog,
                         const char       *name)
{
  return find_named (GTK_WIDGET (dialog), name);
}
