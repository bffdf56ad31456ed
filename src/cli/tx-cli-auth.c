/* tx-cli-auth.c — who runs tongxing-cli: logging in, the accounts, recovery
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The person is --user NAME or $TONGXING_USER; the password is the first
 * line of --password-file FILE or $TONGXING_PASSWORD_FILE, or typed at the
 * terminal without echo. Never an argument: the process list shows those
 * to everybody at the PC.
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include <termios.h>
#include <unistd.h>

#include "tx-cli-private.h"

/* The first line of a file, without its line end */
static char *
read_secret_file (const char  *path,
                  const char  *what,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize len;
  char *nl;

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The %s file %s cannot be read (%s)."), what, path, local->message);
      return NULL;
    }
  nl = strpbrk (text, "\r\n");
  if (nl)
    *nl = '\0';
  {
    char *line = g_strdup (text);
    sodium_memzero (text, len);
    return line;
  }
}

static char *
prompt (const char *question,
        gboolean    secret)
{
  struct termios old, quiet;
  char buf[512];
  gboolean hidden = FALSE;
  char *nl;

  if (!isatty (STDIN_FILENO))
    return NULL;
  g_printerr ("%s", question);
  if (secret && tcgetattr (STDIN_FILENO, &old) == 0)
    {
      quiet = old;
      quiet.c_lflag &= ~(ECHO);
      hidden = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
  if (fgets (buf, sizeof buf, stdin) == NULL)
    buf[0] = '\0';
  if (hidden)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &old);
      g_printerr ("\n");
    }
  nl = strpbrk (buf, "\r\n");
  if (nl)
    *nl = '\0';
  {
    char *out = g_strdup (buf);
    sodium_memzero (buf, sizeof buf);
    return out;
  }
}

/**
 * tx_cli_read_password:
 * @file: (nullable): the option's file, else the environment's, else the
 *   terminal
 *
 * Returns: (transfer full) (nullable): the password, or %NULL after
 *   saying why
 */
char *
tx_cli_read_password (const char *file,
                      const char *env,
                      const char *question)
{
  g_autoptr(GError) error = NULL;
  const char *path = file ? file : (env ? g_getenv (env) : NULL);
  char *password;

  if (path && *path)
    {
      password = read_secret_file (path, _("password"), &error);
      if (password == NULL)
        tx_cli_problem ("password", error->message);
      return password;
    }
  password = prompt (question, TRUE);
  if (password == NULL)
    tx_cli_problem ("password", _("Give the password in a file with --password-file FILE (or "
                                  "TONGXING_PASSWORD_FILE), or run the command at a terminal to type it."));
  return password;
}

static void
free_password (char *password)
{
  if (password)
    {
      sodium_memzero (password, strlen (password));
      g_free (password);
    }
}
typedef char char_secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_secret, free_password)

/* The person: --user, $TONGXING_USER, or asked */
static char *
user_name (TxCli *cli)
{
  const char *env = g_getenv ("TONGXING_USER");
  char *name;

  if (cli->user)
    return g_strdup (cli->user);
  if (env && *env)
    return g_strdup (env);
  name = prompt (_("Your name: "), FALSE);
  if (name && *name)
    return name;
  g_free (name);
  tx_cli_problem ("user", _("Give your name with --user NAME (or TONGXING_USER)."));
  return NULL;
}

static void
print_recovery_key (const char *recovery,
                    const char *path,
                    gboolean    to_stderr)
{
  g_autofree char *text =
    g_strdup_printf (_("Recovery key of %s:\n\n    %s\n\n"
                       "Print it or write it down now and keep it in the office safe. It opens the "
                       "store when every password is forgotten (tongxing-cli recover); it is shown "
                       "only this once and nobody, not even Tongxing's authors, can make another.\n"),
                     path, recovery);

  if (to_stderr)
    g_printerr ("%s", text);
  else
    g_print ("%s", text);
}

/**
 * tx_cli_login:
 * @path: the store
 * @founder: (nullable): for a store without a key file (a new one, or one
 *   made before encryption): the first person's name; %NULL refuses such
 *   a store
 *
 * Logs the person in to @path for the rest of the process: one line and
 * %FALSE if the name or password is wrong (nothing opened or written).
 */
gboolean
tx_cli_login (TxCli      *cli,
              const char *path,
              const char *founder,
              gboolean    recovery_to_stderr)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autoptr(char_secret) password = NULL;
  g_autoptr(TxSession) session = NULL;

  if (tx_session_lookup (path))
    return TRUE;
  if (!tx_keyring_exists (path))
    {
      g_autofree char *recovery = NULL;

      name = founder ? g_strdup (founder) : user_name (cli);
      if (name == NULL)
        return FALSE;
      password = tx_cli_read_password (cli->password_file, "TONGXING_PASSWORD_FILE",
                                       _("New password: "));
      if (password == NULL)
        return FALSE;
      session = tx_session_create (path, name, password, &recovery, &error);
      if (session == NULL)
        {
          tx_cli_problem ("password", error->message);
          return FALSE;
        }
      print_recovery_key (recovery, path, recovery_to_stderr);
      sodium_memzero (recovery, strlen (recovery));
      return TRUE;
    }
  name = user_name (cli);
  if (name == NULL)
    return FALSE;
  {
    g_autofree char *question = g_strdup_printf (_("Password for %s: "), name);
    password = tx_cli_read_password (cli->password_file, "TONGXING_PASSWORD_FILE", question);
  }
  if (password == NULL)
    return FALSE;
  session = tx_session_unlock (path, name, password, &error);
  if (session == NULL)
    {
      tx_cli_problem ("login", error->message);
      return FALSE;
    }
  return TRUE;
}

/* user */

static JsonNode *
account_json (const TxAccount *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, a->name);
  json_builder_set_member_name (b, "role");
  json_builder_add_string_value (b, tx_role_to_string (a->role));
  json_builder_set_member_name (b, "villages");
  json_builder_begin_array (b);
  for (guint i = 0; a->villages[i]; i++)
    json_builder_add_string_value (b, a->villages[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "active");
  json_builder_add_boolean_value (b, a->active);
  json_builder_set_member_name (b, "has_password");
  json_builder_add_boolean_value (b, a->has_password);
  json_builder_set_member_name (b, "created_at");
  json_builder_add_string_value (b, a->created_at);
  json_builder_set_member_name (b, "created_by");
  json_builder_add_string_value (b, a->created_by);
  json_builder_set_member_name (b, "changed_at");
  json_builder_add_string_value (b, a->changed_at);
  json_builder_set_member_name (b, "changed_by");
  json_builder_add_string_value (b, a->changed_by);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static GStrv
parse_villages (const char *text)
{
  return text ? g_regex_split_simple ("[,，、\\s]+", text, 0, 0) : NULL;
}

static int
user_add (TxCli *cli, int argc, char **argv)
{
  g_autofree char *role_text = NULL, *villages = NULL, *initial = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("director, supervisor or officer"), N_("ROLE") },
    { "villages", 0, 0, G_OPTION_ARG_STRING, &villages, N_("A director's villages (12-digit codes, separated by commas)"), N_("CODES") },
    { "initial-password-file", 0, 0, G_OPTION_ARG_FILENAME, &initial, N_("The first password, in a file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("NAME"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_secret) password = NULL;
  g_auto(GStrv) list = NULL;
  TxRole role;
  int status;

  g_option_context_set_summary (ctx, _("Adds a person who may open the store."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("user add needs the person's name."));
  if (role_text == NULL || !tx_role_from_string (role_text, &role))
    return tx_cli_usage_error (ctx, _("user add needs --role director, supervisor or officer."));
  password = tx_cli_read_password (initial, NULL, _("First password: "));
  if (password == NULL || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  list = parse_villages (villages);
  if (!tx_store_account_add (store, argv[1], role, (const char *const *) list, password, &error))
    return tx_cli_store_failure (error);
  g_print (_("%s was added as %s. They log in with the first password and should change it "
             "(user passwd).\n"), argv[1], tx_role_label (role));
  return TX_CLI_EXIT_OK;
}

static int
user_list (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) accounts = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Lists the people who may open the store."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_require (store, TX_PERMISSION_ACCOUNTS, &error) ||
      !(accounts = tx_store_account_list (store, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < accounts->len; i++)
        json_array_add_element (arr, account_json (g_ptr_array_index (accounts, i)));
      json_node_take_array (root, arr);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < accounts->len; i++)
    {
      TxAccount *a = g_ptr_array_index (accounts, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *v = g_strjoinv (",", a->villages);

      tx_cli_append_cell (line, a->name, 12);
      tx_cli_append_cell (line, tx_role_label (a->role), 14);
      tx_cli_append_cell (line, a->active ? _("active") : _("deactivated"), 10);
      g_string_append (line, v);
      g_print ("%s\n", line->str);
    }
  return TX_CLI_EXIT_OK;
}

static int
user_passwd (TxCli *cli, int argc, char **argv)
{
  g_autofree char *file = NULL;
  const GOptionEntry entries[] = {
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The new password, in a file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("NAME"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_secret) password = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Sets a new password: your own, or (a supervisor) anybody's."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("user passwd needs the person's name."));
  password = tx_cli_read_password (file, NULL, _("New password: "));
  if (password == NULL || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_account_set_password (store, argv[1], password, &error))
    return tx_cli_store_failure (error);
  g_print (_("%s has a new password.\n"), argv[1]);
  return TX_CLI_EXIT_OK;
}

static int
user_set_active (TxCli *cli, int argc, char **argv, gboolean active)
{
  g_autofree char *file = NULL;
  const GOptionEntry entries[] = {
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &file, N_("The new password, in a file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("NAME"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(char_secret) password = NULL;
  int status;

  g_option_context_set_summary (ctx, active ? _("Lets a deactivated person open the store again, with a new password.")
                                            : _("Deactivates a person: their password no longer opens the store."));
  if (active)
    g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Give the person's name."));
  if (active && !(password = tx_cli_read_password (file, NULL, _("New password: "))))
    return TX_CLI_EXIT_REFUSED;
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_account_set_active (store, argv[1], active, password, &error))
    return tx_cli_store_failure (error);
  g_print (active ? _("%s may open the store again.\n") : _("%s is deactivated.\n"), argv[1]);
  return TX_CLI_EXIT_OK;
}

static int
user_change (TxCli *cli, int argc, char **argv)
{
  g_autofree char *role_text = NULL, *villages = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_("director, supervisor or officer"), N_("ROLE") },
    { "villages", 0, 0, G_OPTION_ARG_STRING, &villages, N_("A director's villages (12-digit codes, separated by commas)"), N_("CODES") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("NAME"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxAccount) a = NULL;
  g_auto(GStrv) list = NULL;
  TxRole role;
  int status;

  g_option_context_set_summary (ctx, _("Changes a person's role or villages."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Give the person's name."));
  if (role_text && !tx_role_from_string (role_text, &role))
    return tx_cli_usage_error (ctx, _("The role is director, supervisor or officer."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(a = tx_store_account_get (store, argv[1], &error)))
    return tx_cli_store_failure (error);
  if (!role_text)
    role = a->role;
  list = villages ? parse_villages (villages) : g_strdupv (a->villages);
  if (!tx_store_account_update (store, argv[1], role, (const char *const *) list, &error))
    return tx_cli_store_failure (error);
  g_print (_("%s is %s.\n"), argv[1], tx_role_label (role));
  return TX_CLI_EXIT_OK;
}

int
tx_cli_user (TxCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return user_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return user_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "passwd"))
    return user_passwd (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "change"))
    return user_change (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "disable"))
    return user_set_active (cli, argc - 1, argv + 1, FALSE);
  if (argc >= 2 && g_str_equal (argv[1], "enable"))
    return user_set_active (cli, argc - 1, argv + 1, TRUE);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli user add NAME --role ROLE [--villages CODES] "
                                     "--initial-password-file FILE | list [--json] | passwd NAME "
                                     "--new-password-file FILE | change NAME [--role ROLE] [--villages CODES] | "
                                     "disable NAME | enable NAME --new-password-file FILE"));
}

/* recover */

int
tx_cli_recover (TxCli *cli, int argc, char **argv)
{
  g_autofree char *key_file = NULL, *new_file = NULL;
  const GOptionEntry entries[] = {
    { "recovery-key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file, N_("The recovery key, in a file"), N_("FILE") },
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file, N_("The new password, in a file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : tx_store_default_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(char_secret) recovery = NULL;
  g_autoptr(char_secret) password = NULL;
  g_autoptr(TxSession) session = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autofree char *name = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Sets a new password for --user NAME with the store's recovery key, "
                                       "when no supervisor can log in."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("recover takes no arguments besides its options."));
  if (!(name = user_name (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (key_file)
    {
      recovery = read_secret_file (key_file, _("recovery key"), &error);
      if (recovery == NULL)
        {
          tx_cli_problem ("recovery_key", error->message);
          return TX_CLI_EXIT_REFUSED;
        }
    }
  else if (!(recovery = prompt (_("Recovery key: "), TRUE)))
    {
      tx_cli_problem ("recovery_key", _("Give the recovery key in a file with --recovery-key-file FILE."));
      return TX_CLI_EXIT_REFUSED;
    }
  if (!(password = tx_cli_read_password (new_file, NULL, _("New password: "))))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_keyring_check_password_quality (password, &error))
    {
      tx_cli_problem ("password", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  session = tx_session_unlock_recovery (path, recovery, name, &error);
  if (session == NULL)
    {
      tx_cli_problem ("recovery_key", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (!(store = tx_store_open (path, &error)) ||
      !tx_store_account_set_password (store, name, password, &error))
    return tx_cli_store_failure (error);
  g_print (_("%s has a new password. Log in with it now.\n"), name);
  return TX_CLI_EXIT_OK;
}
