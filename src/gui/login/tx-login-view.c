/* tx-login-view.c — before a store opens: who logs in, a forgotten password,
 * protecting a store made before encryption, the recovery key shown once
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The people of the office PC are few: their names are a list to click,
 * as on the GNOME login screen. Every password is stretched on a thread of
 * its own (tx-login-tasks.c) while a spinner turns.
 */

#define G_LOG_DOMAIN "tx-login-view"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "tx-gui-util.h"
#include "tx-login-tasks.h"
#include "tx-login-view.h"

struct _TxLoginView
{
  AdwBin                parent_instance;

  /* Template widgets (the bin's own child, a stack of pages, is not bound:
   * AdwBin unparents it itself) */
  AdwStatusPage        *people_page;
  GtkLabel             *people_label;
  GtkListBox           *people_list;
  AdwPasswordEntryRow  *password_row;
  GtkLabel             *login_error;
  GtkSpinner           *login_spinner;
  GtkButton            *login_button;
  GtkButton            *forgot_button;
  AdwActionRow         *recover_name_row;
  AdwEntryRow          *recovery_key_row;
  AdwPasswordEntryRow  *recover_password_row;
  AdwPasswordEntryRow  *recover_repeat_row;
  GtkLabel             *recover_error;
  GtkSpinner           *recover_spinner;
  GtkButton            *recover_button;
  AdwEntryRow          *protect_name_row;
  AdwPasswordEntryRow  *protect_password_row;
  AdwPasswordEntryRow  *protect_repeat_row;
  GtkLabel             *protect_error;
  GtkSpinner           *protect_spinner;
  GtkButton            *protect_button;
  GtkLabel             *key_label;
  GtkButton            *kept_button;
  GtkLabel             *notice_label;  /* what a restore did: above the names */

  /* Owned */
  char                 *path;
  char                 *station;
  char                 *recovery_key;  /* shown once, wiped when kept */
  gboolean              then_log_in;   /* the key of a store just protected */
  GCancellable         *cancellable;
  guint                 busy;
};

G_DEFINE_FINAL_TYPE (TxLoginView, tx_login_view, ADW_TYPE_BIN)

enum {
  LOGGED_IN,
  KEY_KEPT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkStack *
pages_of (TxLoginView *self)
{
  return GTK_STACK (adw_bin_get_child (ADW_BIN (self)));
}

static void
wipe_key (TxLoginView *self)
{
  if (self->recovery_key)
    explicit_bzero (self->recovery_key, strlen (self->recovery_key));
  g_clear_pointer (&self->recovery_key, g_free);
  gtk_label_set_text (self->key_label, "");
}

static void
clear_entry (gpointer row)
{
  gtk_editable_set_text (GTK_EDITABLE (row), "");
}

static void
show_error (GtkLabel     *label,
            const GError *error)
{
  gtk_label_set_text (label, error ? tx_gui_error_text (error) : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
}

/* A job runs: its button waits and its spinner turns (the page stays
 * sensitive, so that the focus stays where the typing was) */
static void
set_busy (TxLoginView *self,
          GtkSpinner  *spinner,
          GtkButton   *button,
          gboolean     busy)
{
  self->busy += busy ? 1 : -1;
  gtk_spinner_set_spinning (spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (button), !busy);
}

static char *
selected_name (TxLoginView *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->people_list);

  return row ? g_strdup (g_object_get_data (G_OBJECT (row), "tx-name")) : NULL;
}

static void
update_login_button (TxLoginView *self)
{
  g_autofree char *name = selected_name (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->forgot_button), name != NULL);
}

/* The people's list */

static GtkWidget *
person_row_new (const char *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, name, TRUE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "tx-name", g_strdup (name), g_free);
  return row;
}

static void
fill_people (TxLoginView *self,
             GStrv        names)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))))
    gtk_list_box_remove (self->people_list, child);
  for (guint i = 0; names && names[i]; i++)
    gtk_list_box_append (self->people_list, person_row_new (names[i]));
  /* one person: nothing to choose */
  if (names && names[0] && !names[1])
    gtk_list_box_select_row (self->people_list, gtk_list_box_get_row_at_index (self->people_list, 0));
  update_login_button (self);
}

static void
person_selected_cb (TxLoginView *self)
{
  show_error (self->login_error, NULL);
  update_login_button (self);
}

/* Clicking a name (or Enter on it) chooses it: the password next */
static void
person_activated_cb (TxLoginView   *self,
                     GtkListBoxRow *row)
{
  gtk_list_box_select_row (self->people_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
password_changed_cb (TxLoginView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

/* Logging in */

static void
logged_in (TxLoginView *self)
{
  clear_entry (self->password_row);
  clear_entry (self->recovery_key_row);
  clear_entry (self->recover_password_row);
  clear_entry (self->recover_repeat_row);
  g_signal_emit (self, signals[LOGGED_IN], 0);
}

static void
unlock_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxLoginView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tx_login_unlock_finish (result, &error) && tx_gui_is_cancelled (error))
    return;
  set_busy (self, self->login_spinner, self->login_button, FALSE);
  if (error)
    {
      show_error (self->login_error, error);
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      clear_entry (self->password_row);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  show_error (self->login_error, NULL);
  logged_in (self);
}

static void
login_clicked_cb (TxLoginView *self)
{
  g_autofree char *name = selected_name (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (self->busy)
    return;
  if (name == NULL)
    {
      gtk_label_set_text (self->login_error, _("Choose your name in the list first."));
      gtk_widget_set_visible (GTK_WIDGET (self->login_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->people_list));
      return;
    }
  if (*password == '\0')
    {
      gtk_label_set_text (self->login_error, _("Type your password, then press Enter."));
      gtk_widget_set_visible (GTK_WIDGET (self->login_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }
  set_busy (self, self->login_spinner, self->login_button, TRUE);
  tx_login_unlock_async (self->path, name, password, self->cancellable, unlock_done_cb, g_object_ref (self));
}

/* A forgotten password: the recovery key and a new one */

static void
forgot_clicked_cb (TxLoginView *self)
{
  g_autofree char *name = selected_name (self);

  if (name == NULL)
    return;
  adw_action_row_set_subtitle (self->recover_name_row, name);
  show_error (self->recover_error, NULL);
  gtk_stack_set_visible_child_name (pages_of (self), "recover");
  gtk_window_set_default_widget (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 GTK_WIDGET (self->recover_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->recovery_key_row));
}

static void
set_default (TxLoginView *self,
             GtkButton   *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_default_widget (GTK_WINDOW (root), GTK_WIDGET (button));
}

static void
back_clicked_cb (TxLoginView *self)
{
  gtk_stack_set_visible_child_name (pages_of (self), "people");
  set_default (self, self->login_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
recover_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxLoginView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tx_login_recover_finish (result, &error) && tx_gui_is_cancelled (error))
    return;
  set_busy (self, self->recover_spinner, self->recover_button, FALSE);
  show_error (self->recover_error, error);
  if (error == NULL)
    logged_in (self);
}

static void
recover_clicked_cb (TxLoginView *self)
{
  g_autofree char *name = selected_name (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->recover_password_row));
  g_autoptr(GError) error = NULL;

  if (self->busy || name == NULL)
    return;
  if (!tx_login_passwords_ok (password, gtk_editable_get_text (GTK_EDITABLE (self->recover_repeat_row)), &error))
    {
      show_error (self->recover_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->recover_password_row));
      return;
    }
  set_busy (self, self->recover_spinner, self->recover_button, TRUE);
  tx_login_recover_async (self->path, gtk_editable_get_text (GTK_EDITABLE (self->recovery_key_row)), name,
                          password, self->cancellable, recover_done_cb, g_object_ref (self));
}

/* Protecting a plain store */

static void
protect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(TxLoginView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = tx_login_protect_finish (result, &error);

  if (key == NULL && tx_gui_is_cancelled (error))
    return;
  set_busy (self, self->protect_spinner, self->protect_button, FALSE);
  show_error (self->protect_error, error);
  if (key == NULL)
    return;
  clear_entry (self->protect_password_row);
  clear_entry (self->protect_repeat_row);
  tx_login_view_show_recovery_key (self, key, TRUE);
  explicit_bzero (key, strlen (key));
}

static void
protect_clicked_cb (TxLoginView *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->protect_name_row))));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->protect_password_row));
  g_autoptr(GError) error = NULL;

  if (self->busy)
    return;
  if (*name == '\0')
    {
      gtk_label_set_text (self->protect_error, _("Give the supervisor's name: it is the first account."));
      gtk_widget_set_visible (GTK_WIDGET (self->protect_error), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->protect_name_row));
      return;
    }
  if (!tx_login_passwords_ok (password, gtk_editable_get_text (GTK_EDITABLE (self->protect_repeat_row)), &error))
    {
      show_error (self->protect_error, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->protect_password_row));
      return;
    }
  show_error (self->protect_error, NULL);
  set_busy (self, self->protect_spinner, self->protect_button, TRUE);
  tx_login_protect_async (self->path, name, password, self->cancellable, protect_done_cb, g_object_ref (self));
}

/* The recovery key */

static void
kept_clicked_cb (TxLoginView *self)
{
  gboolean then_log_in = self->then_log_in;

  wipe_key (self);
  gtk_stack_set_visible_child_name (pages_of (self), "people");
  g_signal_emit (self, then_log_in ? signals[LOGGED_IN] : signals[KEY_KEPT], 0);
}

static void
print_clicked_cb (TxLoginView *self)
{
  tx_login_view_print_key (self, NULL);
}

static void
tx_login_view_dispose (GObject *object)
{
  TxLoginView *self = TX_LOGIN_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->recovery_key)
    explicit_bzero (self->recovery_key, strlen (self->recovery_key));
  g_clear_pointer (&self->recovery_key, g_free);
  /* the list's rows go with it: no selection to follow then */
  if (self->people_list)
    g_signal_handlers_disconnect_by_data (self->people_list, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_LOGIN_VIEW);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->station, g_free);
  G_OBJECT_CLASS (tx_login_view_parent_class)->dispose (object);
}

static void
tx_login_view_class_init (TxLoginViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_login_view_dispose;

  signals[LOGGED_IN] = g_signal_new ("logged-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[KEY_KEPT] = g_signal_new ("key-kept", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-login-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, people_page);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, people_label);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, people_list);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, password_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, login_error);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, login_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, login_button);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, forgot_button);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_name_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recovery_key_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_password_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_error);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, recover_button);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_name_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_password_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_repeat_row);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_error);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_spinner);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, protect_button);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, key_label);
  gtk_widget_class_bind_template_child (widget_class, TxLoginView, kept_button);
  gtk_widget_class_bind_template_callback (widget_class, person_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, password_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, login_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, forgot_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, recover_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, protect_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, kept_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, print_clicked_cb);
}

static void
tx_login_view_init (TxLoginView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->notice_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->notice_label, TRUE);
  gtk_label_set_xalign (self->notice_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->notice_label), "success");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), FALSE);
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->people_label))),
                   GTK_WIDGET (self->notice_label));
}

/**
 * tx_login_view_set_notice:
 * @notice: (nullable): what happened to the store (a backup restored), or
 *   %NULL
 *
 * Said above the names until somebody logs in.
 */
void
tx_login_view_set_notice (TxLoginView *self,
                          const char  *notice)
{
  gtk_label_set_text (self->notice_label, notice ? notice : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), notice != NULL);
}

/* The station's name of each store, kept on the machine for the login
 * screen (the store cannot be read before it); an uninstalled build may
 * run without the compiled schema */
static GSettings *
machine_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  return schema ? g_settings_new (APP_ID) : NULL;
}

static char *
known_station (const char *path)
{
  g_autoptr(GSettings) settings = machine_settings ();
  g_autoptr(GVariant) names = settings ? g_settings_get_value (settings, "station-names") : NULL;
  g_autofree char *full = g_canonicalize_filename (path, NULL);
  char *name = NULL;

  if (names)
    g_variant_lookup (names, full, "s", &name);
  return name;
}

/* Keeps the name of @store's station for its next login screen */
void
tx_login_view_remember_station (TxStore *store)
{
  g_autoptr(GSettings) settings = machine_settings ();
  g_autofree char *station = tx_store_get_setting (store, TX_SETTING_STATION_NAME);
  g_autofree char *path = g_canonicalize_filename (tx_store_get_path (store), NULL);
  g_autoptr(GVariant) names = NULL;
  GVariantBuilder b;
  GVariantIter iter;
  const char *key, *value;

  if (settings == NULL || station == NULL)
    return;
  names = g_settings_get_value (settings, "station-names");
  g_variant_builder_init (&b, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, names);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, path))
      g_variant_builder_add (&b, "{ss}", key, value);
  g_variant_builder_add (&b, "{ss}", path, station);
  g_settings_set_value (settings, "station-names", g_variant_builder_end (&b));
}

/**
 * tx_login_view_start:
 * @path: the store's file
 *
 * Shows what the store at @path needs before it opens: its people and a
 * password, or the page that protects a plain store.
 *
 * Returns: what the store needs; for %TX_LOGIN_FIRST_RUN the window's
 *   setup makes the store and its first account
 */
TxLoginMode
tx_login_view_start (TxLoginView *self,
                     const char  *path)
{
  g_autofree char *station = known_station (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxKeyring) keyring = NULL;
  g_auto(GStrv) names = NULL;
  GStatBuf st;

  g_free (self->path);
  self->path = g_strdup (path);
  g_free (self->station);
  self->station = g_strdup (station);
  adw_status_page_set_title (self->people_page, station && *station ? station : _("Log In"));
  show_error (self->login_error, NULL);
  clear_entry (self->password_row);

  if (!tx_keyring_exists (path))
    {
      g_autofree char *supervisor = NULL;

      if (g_stat (path, &st) != 0 || st.st_size == 0)
        return TX_LOGIN_FIRST_RUN;
      supervisor = tx_store_plain_setting (path, TX_SETTING_SUPERVISOR);
      gtk_editable_set_text (GTK_EDITABLE (self->protect_name_row), supervisor ? supervisor : "");
      show_error (self->protect_error, NULL);
      gtk_stack_set_visible_child_name (pages_of (self), "protect");
      set_default (self, self->protect_button);
      gtk_widget_grab_focus (supervisor ? GTK_WIDGET (self->protect_password_row)
                                         : GTK_WIDGET (self->protect_name_row));
      return TX_LOGIN_PROTECT;
    }

  keyring = tx_keyring_load (path, &error);
  names = keyring ? tx_keyring_get_names (keyring) : NULL;
  fill_people (self, names);
  show_error (self->login_error, error);
  gtk_stack_set_visible_child_name (pages_of (self), "people");
  set_default (self, self->login_button);
  if (gtk_list_box_get_selected_row (self->people_list))
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->people_list));
  return TX_LOGIN_PEOPLE;
}

/**
 * tx_login_view_show_recovery_key:
 * @then_log_in: "I have kept it" emits ::logged-in (a store just
 *   protected), otherwise ::key-kept (the first run's setup)
 */
void
tx_login_view_show_recovery_key (TxLoginView *self,
                                 const char  *recovery_key,
                                 gboolean     then_log_in)
{
  g_autofree char *shown = tx_login_format_key (recovery_key);

  wipe_key (self);
  self->recovery_key = g_strdup (recovery_key);
  self->then_log_in = then_log_in;
  gtk_label_set_text (self->key_label, shown);
  explicit_bzero (shown, strlen (shown));
  gtk_stack_set_visible_child_name (pages_of (self), "key");
  set_default (self, self->kept_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->kept_button));
}

const char *
tx_login_view_get_page (TxLoginView *self)
{
  return gtk_stack_get_visible_child_name (pages_of (self));
}

/**
 * tx_login_view_dup_names:
 *
 * Returns: (transfer full): the names the list shows, in its order
 */
GStrv
tx_login_view_dup_names (TxLoginView *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->people_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "tx-name"))
      g_strv_builder_add (b, g_object_get_data (G_OBJECT (row), "tx-name"));
  return g_strv_builder_end (b);
}

/* Chooses @name in the list as a click does */
gboolean
tx_login_view_select (TxLoginView *self,
                      const char  *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->people_list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "tx-name"), name) == 0)
      {
        g_signal_emit_by_name (self->people_list, "row-activated", row);
        return TRUE;
      }
  return FALSE;
}

/* A template widget by its id, or "notice_label", for the tests */
GtkWidget *
tx_login_view_get_widget (TxLoginView *self,
                          const char  *name)
{
  if (g_str_equal (name, "notice_label"))
    return GTK_WIDGET (self->notice_label);
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), TX_TYPE_LOGIN_VIEW, name));
}

gboolean
tx_login_view_is_busy (TxLoginView *self)
{
  return self->busy > 0;
}

/* Printing the recovery key: one page with the station, the day and the
 * key, in the language of the window */

/**
 * tx_login_draw_key_page:
 * @width: of the page's printable area, in the context's units
 */
void
tx_login_draw_key_page (cairo_t    *cr,
                        double      width,
                        const char *station,
                        const char *recovery_key)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* TRANSLATORS: the day on the printed recovery key, a strftime format */
  g_autofree char *day = g_date_time_format (now, _("%B %-d, %Y"));
  g_autofree char *key = tx_login_format_key (recovery_key);
  g_autofree char *intro = g_strdup_printf (_("Station: %s\nMade on: %s"), station && *station ? station : "—", day);
  struct { const char *text; const char *font; double gap; } blocks[] = {
    { _("Tongxing — Recovery Key"), "Sans Bold 20", 18 },
    { intro, "Sans 12", 24 },
    { key, "Monospace Bold 22", 24 },
    { _("This key opens the store when every password is forgotten: whoever holds it can read every "
        "child's record. Keep this sheet in the office safe, never beside the computer. To use it, "
        "choose “Forgot the password?” on the login screen."), "Sans 11", 0 },
  };
  double y = 0;

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    {
      g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
      PangoFontDescription *font = pango_font_description_from_string (blocks[i].font);
      int h;

      pango_layout_set_font_description (layout, font);
      pango_font_description_free (font);
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_text (layout, blocks[i].text, -1);
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, layout);
      pango_layout_get_pixel_size (layout, NULL, &h);
      y += h + blocks[i].gap;
    }
  explicit_bzero (key, strlen (key));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              TxLoginView       *self)
{
  tx_login_draw_key_page (gtk_print_context_get_cairo_context (context), gtk_print_context_get_width (context),
                          self->station, self->recovery_key ? self->recovery_key : "");
}

/**
 * tx_login_view_print_key:
 * @pdf_path: (nullable): a PDF file to write instead of asking for a
 *   printer (the tests)
 */
void
tx_login_view_print_key (TxLoginView *self,
                         const char  *pdf_path)
{
  g_autoptr(GtkPrintOperation) op = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->recovery_key == NULL)
    return;
  gtk_print_operation_set_n_pages (op, 1);
  gtk_print_operation_set_job_name (op, _("Recovery key"));
  gtk_print_operation_set_unit (op, GTK_UNIT_POINTS);
  g_signal_connect (op, "draw-page", G_CALLBACK (draw_page_cb), self);
  if (pdf_path)
    gtk_print_operation_set_export_filename (op, pdf_path);
  if (gtk_print_operation_run (op, pdf_path ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                            : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_message ("The recovery key could not be printed: %s", error->message);
}
