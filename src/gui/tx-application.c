/* tx-application.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-application.h"
#include "tx-window.h"

struct _TxApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
};

G_DEFINE_FINAL_TYPE (TxApplication, tx_application, ADW_TYPE_APPLICATION)

static int
tx_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  TxApplication *self = TX_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("tongxing %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (db);
      self->db_path = g_file_get_path (file);
    }
  return -1;
}

static void
tx_application_activate (GApplication *app)
{
  TxApplication *self = TX_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (tx_window_new (GTK_APPLICATION (app), self->db_path));
  gtk_window_present (window);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  const char *developers[] = { "The Tongxing authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Tongxing"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Tongxing authors"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Registering migrant children and keeping their records, "
                                       "for township child supervisors and village child directors."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  /* closing goes through the window's unsaved-changes guard */
  if (window)
    gtk_window_close (window);
  else
    g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "quit", quit_action },
};

static void
tx_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (tx_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit",
                                         (const char *[]) { "<Primary>q", NULL });
  gtk_window_set_default_icon_name (APP_ID);
}

static void
tx_application_finalize (GObject *object)
{
  g_free (TX_APPLICATION (object)->db_path);
  G_OBJECT_CLASS (tx_application_parent_class)->finalize (object);
}

static void
tx_application_class_init (TxApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = tx_application_finalize;
  app_class->handle_local_options = tx_application_handle_local_options;
  app_class->activate = tx_application_activate;
  app_class->startup = tx_application_startup;
}

static void
tx_application_init (TxApplication *self)
{
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open this database instead of the usual one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

TxApplication *
tx_application_new (void)
{
  return g_object_new (TX_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", "/io/github/tongxing/Tongxing",
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       /* the session's state: the window locks with the screen */
                       "register-session", TRUE,
                       NULL);
}
