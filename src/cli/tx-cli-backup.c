/* tx-cli-backup.c — backup now, list, verify, preview and restore
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FILE is a backup's folder or the store file in it. A restore asks on a
 * terminal unless --yes is given; elsewhere it needs --yes.
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"


#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-cli-private.h"
#include "tx-divisions.h"
#include "tx-register.h"

static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = at ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at ? at : "");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static int
failure (const GError *error)
{
  if (error->domain == TX_STORE_ERROR &&
      (error->code == TX_STORE_ERROR_CORRUPT || error->code == TX_STORE_ERROR_FULL ||
       error->code == TX_STORE_ERROR_IO || error->code == TX_STORE_ERROR_NOT_FOUND))
    {
      tx_cli_problem ("backup", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (error->domain == TX_STORE_ERROR)
    return tx_cli_store_failure (error);
  tx_cli_problem ("backup", error->message);
  return TX_CLI_EXIT_REFUSED;
}

static void
progress_cb (double   fraction,
             gpointer data)
{
  g_printerr ("\r%3d %%", (int) (fraction * 100));
}

static GOptionContext *
parse (int           *argc,
       char        ***argv,
       const char    *params,
       const char    *summary,
       const GOptionEntry *entries,
       int           *status)
{
  GOptionContext *ctx = g_option_context_new (params);

  g_option_context_set_summary (ctx, summary);
  if (entries)
    g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, argc, argv, status))
    g_clear_pointer (&ctx, g_option_context_free);
  return ctx;
}

/* A command of one FILE or none, whose only option is --json (@json NULL:
 * no option): parsed, and the store opened. NULL with *status set */
static TxStore *
open_for (TxCli        *cli,
          int          *argc,
          char       ***argv,
          const char   *params,
          const char   *summary,
          const char   *usage,
          gboolean     *json,
          int          *status)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = parse (argc, argv, params, summary, json ? entries : NULL, status);
  TxStore *store;

  if (ctx == NULL)
    return NULL;
  if (*argc != (params ? 2 : 1))
    {
      *status = tx_cli_usage_error (ctx, usage);
      return NULL;
    }
  if (!(store = tx_cli_open_store (cli)))
    *status = TX_CLI_EXIT_REFUSED;
  return store;
}

static int
backup_now (TxCli *cli, int argc, char **argv)
{
  g_autofree char *to = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to, N_("Into this folder, not the places set"), N_("DIR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON array of the backups made"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(TxStore) store = NULL;
  g_auto(GStrv) places = NULL;
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  JsonArray *made = json_array_new ();
  int status = TX_CLI_EXIT_OK;

  json_node_take_array (root, made);
  if (!(ctx = parse (&argc, &argv, NULL, _("Makes a verified backup of the store: beside it, and in the second "
                                            "place if one is set."), entries, &status)))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli backup now [--to DIR] [--json]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  places = to ? g_strdupv ((char *[]) { to, NULL }) : tx_backup_get_places (store);
  for (guint i = 0; places[i]; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TxBackupInfo) info = NULL;
      gboolean tty = isatty (STDERR_FILENO);

      info = tx_backup_make (store, places[i], TX_BACKUP_MANUAL, tty ? progress_cb : NULL, NULL, NULL, &error);
      if (tty)
        g_printerr ("\r");
      if (info == NULL)
        {
          status = failure (error);
          continue;
        }
      if (json)
        json_array_add_element (made, tx_backup_info_to_json (info));
      else
        g_print (_("Backed up to %s: %lld children, %lld visits, checked.\n"), info->path,
                 (long long) info->children, (long long) info->visits);
    }
  if (json)
    tx_cli_print_json (root);
  return status;
}

static int
backup_list (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!(store = open_for (cli, &argc, &argv, NULL, _("Lists the backups, newest first."),
                          _("Usage: tongxing-cli backup list [--json]"), &json, &status)))
    return status;
  if (!(list = tx_backup_list (store, NULL, &error)))
    return failure (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (arr, tx_backup_info_to_json (g_ptr_array_index (list, i)));
      json_node_take_array (root, arr);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  if (list->len == 0)
    g_print ("%s\n", _("No backups yet: make one with “tongxing-cli backup now”."));
  for (guint i = 0; i < list->len; i++)
    {
      TxBackupInfo *info = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *at = local_time (info->created);
      g_autofree char *size = g_format_size (info->size);

      if (info->unusable)
        {
          g_print (_("%s  unusable: %s\n"), info->path, info->unusable);
          continue;
        }
      tx_cli_append_cell (line, at, 19);
      g_string_append_printf (line, _("%6lld children %7lld visits"), (long long) info->children,
                              (long long) info->visits);
      g_string_append (line, "  ");
      tx_cli_append_cell (line, size, 9);
      tx_cli_append_cell (line, info->before_restore ? _("before restore") : info->verified ? _("checked") : "", 14);
      g_string_append (line, info->path);
      g_print ("%s\n", line->str);
    }
  return TX_CLI_EXIT_OK;
}

static int
backup_verify (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxBackupInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  int status;

  if (!(store = open_for (cli, &argc, &argv, _("FILE"), _("Checks a backup again: it opens with the store's key, "
                                                          "is whole, and holds what its manifest says."),
                          _("Usage: tongxing-cli backup verify FILE"), NULL, &status)))
    return status;
  if (!tx_backup_verify (store, argv[1], &info, &error))
    return failure (error);
  at = local_time (info->created);
  g_print (_("%s is sound: made %s, %lld children, %lld visits.\n"), info->path, at,
           (long long) info->children, (long long) info->visits);
  return TX_CLI_EXIT_OK;
}

/* “left the register 2026-03-01” for a child of a preview who left it, or "" */
static char *
child_state (const TxBackupChild *c)
{
  if (c->register_state == NULL || g_str_equal (c->register_state, TX_REGISTER_ACTIVE))
    return g_strdup ("");
  return g_strchomp (g_strdup_printf ("%s %s", g_str_equal (c->register_state, TX_REGISTER_TRANSFERRED)
                                               ? _("transferred away") : _("left the register"),
                                      c->exit_date ? c->exit_date : ""));
}

static int
backup_preview (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxBackupPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!(store = open_for (cli, &argc, &argv, _("FILE"), _("Lists the children a backup holds, read-only."),
                          _("Usage: tongxing-cli backup preview FILE [--json]"), &json, &status)))
    return status;
  if (!(preview = tx_backup_preview (store, argv[1], &error)))
    return failure (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
      JsonObject *o = json_object_new ();
      JsonArray *arr = json_array_new ();

      json_object_set_member (o, "backup", tx_backup_info_to_json (preview->info));
      json_object_set_int_member (o, "visits", preview->visits);
      /* the roster's count, as backup list says, and the children who left the register */
      json_object_set_int_member (o, "on_register", preview->on_register);
      json_object_set_int_member (o, "left", preview->children->len - preview->on_register);
      for (guint i = 0; i < preview->children->len; i++)
        {
          TxBackupChild *c = g_ptr_array_index (preview->children, i);
          JsonObject *row = json_object_new ();
          const char *village = c->village ? tx_division_name (c->village) : NULL;

          json_object_set_string_member (row, "name", c->name);
          json_object_set_string_member (row, "id_number", c->id_masked);
          json_object_set_string_member (row, "village", c->village);
          json_object_set_string_member (row, "village_name", village);
          json_object_set_string_member (row, "birth_date", c->birth_date);
          json_object_set_string_member (row, "register", c->register_state ? c->register_state
                                                                            : TX_REGISTER_ACTIVE);
          json_object_set_string_member (row, "exit_date", c->exit_date);
          json_array_add_object_element (arr, row);
        }
      json_object_set_array_member (o, "children", arr);
      json_node_take_object (root, o);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  {
    g_autofree char *at = local_time (preview->info->created);
    guint left = preview->children->len - preview->on_register;
    g_autofree char *children = g_strdup_printf (g_dngettext (NULL, "%u child on the register",
                                                              "%u children on the register",
                                                              preview->on_register), preview->on_register);
    g_autofree char *visits = g_strdup_printf (g_dngettext (NULL, "%lld visit", "%lld visits", preview->visits),
                                               (long long) preview->visits);

    if (left)
      /* Translators: the backup's date, its children on the register, those who left it, its visits */
      g_print (_("Backup of %s: %s and %u who left the register (listed after them, marked), %s.\n"),
               at, children, left, visits);
    else
      /* Translators: the backup's date, its children, its visits */
      g_print (_("Backup of %s: %s, %s.\n"), at, children, visits);
  }
  for (guint i = 0; i < preview->children->len; i++)
    {
      TxBackupChild *c = g_ptr_array_index (preview->children, i);
      g_autoptr(GString) line = g_string_new (NULL);
      const char *village = c->village ? tx_division_name (c->village) : NULL;
      g_autofree char *state = child_state (c);

      tx_cli_append_cell (line, c->name ? c->name : "", 12);
      tx_cli_append_cell (line, c->id_masked ? c->id_masked : "", 19);
      tx_cli_append_cell (line, c->birth_date ? c->birth_date : "", 11);
      tx_cli_append_cell (line, village ? village : c->village ? c->village : "", 20);
      g_string_append (line, state);
      g_strchomp (line->str);
      g_print ("%s\n", line->str);
    }
  return TX_CLI_EXIT_OK;
}

/* Asks on a terminal whether to go on */
static gboolean
confirm (const TxBackupInfo *info,
         const char         *path)
{
  g_autofree char *at = local_time (info->created);
  char answer[16];

  g_printerr (_("Put the backup of %s (%lld children, %lld visits) in the place of %s? The store as it is now "
                "is kept as a backup first. [y/N] "), at, (long long) info->children, (long long) info->visits, path);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;
  g_strstrip (answer);
  return g_ascii_strcasecmp (answer, "y") == 0 || g_ascii_strcasecmp (answer, "yes") == 0 ||
         g_str_equal (answer, "是") || g_str_equal (answer, "y是");
}

static int
backup_restore (TxCli *cli, int argc, char **argv)
{
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_("Do not ask"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(TxBackupInfo) info = NULL, kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : tx_store_default_path ();
  g_autofree char *at = NULL;
  const char *env_user = g_getenv ("TONGXING_USER");
  gboolean new_pc;
  int status;

  if (!(ctx = parse (&argc, &argv, _("FILE"), _("Puts a backup in the place of the store, keeping the store as it "
                                                  "is as a backup first."), entries, &status)))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli backup restore FILE [--yes]"));
  /* never into a backup's folder (--db naming a backup's copy) */
  if (!tx_store_check_not_backup (path, &error) || !(info = tx_backup_read (argv[1], &error)))
    return failure (error);
  if (info->unusable)
    {
      g_autofree char *msg = g_strdup_printf (_("%s cannot be used: %s. Choose another backup."),
                                              info->path, info->unusable);
      tx_cli_problem ("backup", msg);
      return TX_CLI_EXIT_REFUSED;
    }
  /* a store that is gone, or without its key file: the backup's own (a
   * new PC), whose people were not asked for yet */
  new_pc = !(g_file_test (path, G_FILE_TEST_EXISTS) && tx_keyring_exists (path));
  if (new_pc && tx_session_lookup (info->store_file) == NULL && cli->user == NULL &&
      (env_user == NULL || *env_user == '\0') && !isatty (STDIN_FILENO))
    {
      tx_cli_problem ("user", _("Restoring a backup on a PC without a database needs the name and password of an "
                                "account that was valid when the backup was made: give --user NAME and "
                                "--password-file FILE (or TONGXING_USER and TONGXING_PASSWORD_FILE). A forgotten "
                                "password: the Tongxing window’s Restore From a Backup… on its first screen needs "
                                "no login, and the recovery key then logs in."));
      return TX_CLI_EXIT_REFUSED;
    }
  if (!tx_cli_login (cli, new_pc ? info->store_file : path, NULL, TRUE))
    return TX_CLI_EXIT_REFUSED;
  if (!yes)
    {
      if (!isatty (STDIN_FILENO))
        return tx_cli_usage_error (NULL, _("Give --yes to restore without being asked."));
      if (!confirm (info, path))
        {
          g_print ("%s\n", _("Nothing was changed."));
          return TX_CLI_EXIT_REFUSED;
        }
    }
  if (!tx_backup_restore (path, argv[1], &kept, NULL, &error))
    return failure (error);
  if (kept)
    g_print (_("The store as it was is kept in %s.\n"), kept->path);
  at = local_time (info->created);
  g_print (_("Restored the backup of %s (%lld children, %lld visits) to %s.\n"), at,
           (long long) info->children, (long long) info->visits, path);
  if (tx_session_lookup (path) && cli->opened == NULL)
    cli->opened = g_strdup (path);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_backup (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "now", backup_now }, { "list", backup_list }, { "verify", backup_verify },
    { "preview", backup_preview }, { "restore", backup_restore },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli backup now|list|verify|preview|restore"));
}
