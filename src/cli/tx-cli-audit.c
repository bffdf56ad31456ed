/* tx-cli-audit.c — audit list, export and verify: reading the audit trail
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * After “audit list”, --user NAME is the person whose entries are listed;
 * the person logging in is then given before the command or in
 * TONGXING_USER (tx-cli.c leaves that --user to the command).
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tx-cli-private.h"

/* The store, opened by a person who may read the trail */
static TxStore *
open_for_audit (TxCli *cli)
{
  g_autoptr(TxStore) store = tx_cli_open_store (cli);
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return NULL;
  if (!tx_store_require (store, TX_PERMISSION_AUDIT, &error))
    {
      tx_cli_store_failure (error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static JsonNode *
entry_json (const TxAuditEntry *e)
{
  JsonNode *node = tx_audit_entry_to_json (e);
  JsonObject *o = json_node_get_object (node);

  /* the chain's hashes are for audit export and verify */
  json_object_remove_member (o, "prev");
  json_object_remove_member (o, "hash");
  return node;
}

static char *
local_time (const char *at)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
}

static gboolean
valid_date (const char *text)
{
  int y, m, d;

  return text == NULL || (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && strlen (text) == 10 &&
                          g_date_valid_dmy (d, m, y));
}

static int
audit_list (TxCli *cli, int argc, char **argv)
{
  g_autofree char *person = NULL, *child = NULL, *kind = NULL, *from = NULL, *to = NULL, *station = NULL;
  gboolean json = FALSE;
  int limit = 0, offset = 0;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("One JSON array"), NULL },
    { "user", 0, 0, G_OPTION_ARG_STRING, &person, N_("Only what this person did"), N_("NAME") },
    { "person", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &person, N_("Only what this person did"), N_("NAME") },
    { "child", 0, 0, G_OPTION_ARG_STRING, &child, N_("Only what was done to this child"), N_("ID") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("Only entries of this kind: “child” takes child.add, child.update, …"), N_("KIND") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("Only from this day"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("Only up to this day"), N_("DATE") },
    { "station", 0, 0, G_OPTION_ARG_STRING, &station,
      N_("The trail another station sent in its exchange files, not this station's"), N_("ID") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N entries, the newest"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the N newest"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TxAuditFilter filter = { 0 };
  int status;

  g_option_context_set_summary (ctx, _("Lists the audit trail, newest first."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("audit list takes no arguments besides its options."));
  if (!valid_date (from) || !valid_date (to))
    return tx_cli_usage_error (ctx, _("Give --from and --to as dates like 2026-03-01."));
  if (limit < 0 || offset < 0)
    return tx_cli_usage_error (ctx, _("--limit and --offset cannot be negative."));
  if (!(store = open_for_audit (cli)))
    return TX_CLI_EXIT_REFUSED;
  filter.station = station;
  filter.person = person;
  filter.child = child;
  filter.kind = kind;
  filter.from = from;
  filter.to = to;
  filter.limit = limit;
  filter.offset = offset;
  if (!(list = tx_store_audit_find (store, &filter, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
      JsonArray *arr = json_array_new ();

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (arr, entry_json (g_ptr_array_index (list, i)));
      json_node_take_array (root, arr);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TxAuditEntry *e = g_ptr_array_index (list, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *at = local_time (e->at);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);

      tx_cli_append_cell (line, seq, 6);
      tx_cli_append_cell (line, at, 19);
      tx_cli_append_cell (line, *e->person ? e->person : "—", 12);
      tx_cli_append_cell (line, e->kind, 16);
      tx_cli_append_cell (line, e->child ? e->child : "", 36);
      g_string_append (line, g_strcmp0 (e->detail, "{}") != 0 ? e->detail : "");
      g_strchomp (line->str);
      g_print ("%s\n", line->str);
    }
  return TX_CLI_EXIT_OK;
}

/* The options of export and verify: --station ID. Returns the context,
 * or NULL with *status set */
static GOptionContext *
parse_station (int          *argc,
               char       ***argv,
               const char   *params,
               const char   *summary,
               char        **station,
               int          *status)
{
  const GOptionEntry entries[] = {
    { "station", 0, 0, G_OPTION_ARG_STRING, station,
      N_("The trail another station sent in its exchange files, not this station's"), N_("ID") },
    { NULL }
  };
  GOptionContext *ctx = g_option_context_new (params);

  g_option_context_set_summary (ctx, summary);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, argc, argv, status))
    g_clear_pointer (&ctx, g_option_context_free);
  return ctx;
}

/* A failure to read or write a file, or the store */
static int
failure (const GError *error)
{
  if (error->domain == TX_STORE_ERROR)
    return tx_cli_store_failure (error);
  tx_cli_problem ("file", error->message);
  return TX_CLI_EXIT_REFUSED;
}

static int
audit_export (TxCli *cli, int argc, char **argv)
{
  g_autofree char *station = NULL;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n = 0;
  int status;

  ctx = parse_station (&argc, &argv, _("FILE"), _("Writes the audit trail to FILE, one JSON object a line, with its "
                                                  "hashes and signed checkpoints."), &station, &status);
  if (ctx == NULL)
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli audit export FILE"));
  if (!(store = open_for_audit (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_audit_export (store, station, argv[1], &n, &error))
    return failure (error);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%lld entry of the audit trail written to %s.\n",
                        "%lld entries of the audit trail written to %s.\n", n), (long long) n, argv[1]);
  return TX_CLI_EXIT_OK;
}

/* The branches another station's trail took here, each after a restore
 * from a backup, and what each left */
static gboolean
print_forks (TxStore     *store,
             const char  *station,
             GError     **error)
{
  g_autoptr(GPtrArray) forks = tx_store_audit_forks (store, station, error);

  if (forks == NULL)
    return FALSE;
  if (forks->len == 0)
    return TRUE;
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "It has %u branch: the station was restored from a backup and went on from an earlier "
                        "entry. The entries it had sent after that one are kept as they came.\n",
                        "It has %u branches: the station was restored from a backup and went on from an earlier "
                        "entry each time. The entries it had sent after that one are kept as they came.\n",
                        forks->len), forks->len);
  for (guint i = 0; i < forks->len; i++)
    {
      TxAuditFork *f = forks->pdata[i];

      g_print (_("Branch %lld: from entry %lld of branch %lld (which reached entry %lld), %lld entries since; "
                 "said in exchange file %lld, received on %.10s.\n"),
               (long long) f->branch, (long long) f->at_seq, (long long) f->parent, (long long) f->left_upto,
               (long long) f->entries, (long long) f->bundle_seq, f->received_at);
    }
  return TRUE;
}

static int
audit_verify (TxCli *cli, int argc, char **argv)
{
  g_autofree char *station = NULL;
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxAuditVerdict) verdict = NULL;
  g_autofree char *text = NULL;
  int status;

  ctx = parse_station (&argc, &argv, _("[FILE]"),
                       _("Proves the audit trail unbroken — this station's, another station's (--station), or an "
                         "exported FILE — or names its first broken entry."), &station, &status);
  if (ctx == NULL)
    return status;
  if (argc > 2 || (argc == 2 && station))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli audit verify [FILE | --station ID]"));
  if (!(store = open_for_audit (cli)))
    return TX_CLI_EXIT_REFUSED;
  verdict = argc == 2 ? tx_store_audit_verify_file (store, argv[1], &error)
                      : tx_store_audit_verify (store, station, &error);
  if (verdict == NULL)
    return failure (error);
  text = tx_audit_verdict_describe (verdict);
  if (verdict->broken != TX_AUDIT_UNBROKEN)
    {
      tx_cli_problem ("audit", text);
      return TX_CLI_EXIT_REFUSED;
    }
  g_print ("%s\n", text);
  if (station && !print_forks (store, station, &error))
    return failure (error);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_audit (TxCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return audit_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return audit_export (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "verify"))
    return audit_verify (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli audit list [--json] [--user NAME] [--child ID] "
                                     "[--kind KIND] [--from DATE] [--to DATE] [--limit N] | audit export FILE | "
                                     "audit verify [FILE]"));
}
