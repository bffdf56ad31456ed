/* tx-cli-register.c — exits, reopenings, transfers and ageing out on the command line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-cli-private.h"

int
tx_cli_child_exit (TxCli *cli, int argc, char **argv)
{
  g_autofree char *reason = NULL, *date = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("aged-out, moved-away, returned-home, transferred, not-eligible, died or other"), N_("REASON") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day the child left"), N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What happened (needed for “other”)"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Takes a child off the active register, keeping the record, "
                                       "its visits and its history."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || reason == NULL || date == NULL)
    return tx_cli_usage_error (ctx, _("child exit needs the child's ID, --reason and --date."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_child_exit (store, argv[1], reason, date, note, &error))
    return tx_cli_store_failure (error);
  g_print (_("%s left the register on %s: %s.\n"), argv[1], date, tx_exit_reason_label (reason));
  return TX_CLI_EXIT_OK;
}

int
tx_cli_child_reopen (TxCli *cli, int argc, char **argv)
{
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Why: the child came back, or the exit was a mistake"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Puts an exited child back on the register from today; "
                                       "the schedule of visits starts again."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || note == NULL)
    return tx_cli_usage_error (ctx, _("child reopen needs the child's ID and --note."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_child_reopen (store, argv[1], note, &error))
    return tx_cli_store_failure (error);
  r = tx_store_child_get (store, argv[1], NULL);
  g_print (_("%s is back on the register; next home visit due %s.\n"), argv[1],
           r && r->next_visit_due ? r->next_visit_due : "—");
  return TX_CLI_EXIT_OK;
}

int
tx_cli_child_transfer (TxCli *cli, int argc, char **argv)
{
  g_autofree char *township = NULL, *date = NULL, *note = NULL, *id = NULL;
  const GOptionEntry entries[] = {
    { "township", 0, 0, G_OPTION_ARG_STRING, &township, N_("Nine-digit code of the township the child moved to"), N_("CODE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the move"), N_("DATE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("For the county and the new township"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Offers a child who moved to another township of this county "
                                       "to the county office, which hands the record on."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || township == NULL || date == NULL)
    return tx_cli_usage_error (ctx, _("child transfer needs the child's ID, --township and --date."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(id = tx_store_child_transfer (store, argv[1], township, date, note, &error)))
    return tx_cli_store_failure (error);
  g_print ("%s\n", id);
  {
    g_autofree char *own = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
    g_printerr (own ? _("Transfer offered; the county office accepts it from the next bundle.\n")
                    : _("Transfer accepted; the township gets the record in its next bundle.\n"));
  }
  return TX_CLI_EXIT_OK;
}

JsonNode *
tx_cli_transfer_json (const TxTransfer *t)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tx_json_add_string (b, "id", t->id);
  tx_json_add_string (b, "child", t->child);
  tx_json_add_string (b, "name", t->child_name);
  tx_json_add_string (b, "from_township", t->from_township);
  tx_json_add_string (b, "from_name", tx_division_name (t->from_township));
  tx_json_add_string (b, "to_township", t->to_township);
  tx_json_add_string (b, "to_name", tx_division_name (t->to_township));
  tx_json_add_string (b, "date", t->date);
  tx_json_add_string (b, "state", t->state);
  tx_json_add_string (b, "offered_at", t->offered_at);
  tx_json_add_string (b, "offered_by", t->offered_by);
  tx_json_add_string (b, "offer_note", t->offer_note);
  tx_json_add_string (b, "decided_at", t->decided_at);
  tx_json_add_string (b, "decided_by", t->decided_by);
  tx_json_add_string (b, "note", t->note);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static const char *
transfer_state_label (const char *state)
{
  if (g_strcmp0 (state, TX_TRANSFER_OFFERED) == 0)
    return _("waiting for the county");
  if (g_strcmp0 (state, TX_TRANSFER_ACCEPTED) == 0)
    return _("accepted");
  if (g_strcmp0 (state, TX_TRANSFER_REFUSED) == 0)
    return _("refused");
  return state;
}

static int
transfers_list (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *state = NULL;
  const GOptionEntry entries[] = {
    { "state", 0, 0, G_OPTION_ARG_STRING, &state, N_("Only offered, accepted or refused transfers"), N_("STATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Lists the transfers of children between townships of the county, "
                                       "the newest first."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("transfers list takes no arguments besides its options."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(list = tx_store_transfers_list (store, state, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonArray) arr = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < list->len; i++)
        json_array_add_element (arr, tx_cli_transfer_json (list->pdata[i]));
      json_node_set_array (root, arr);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < list->len; i++)
    {
      TxTransfer *t = list->pdata[i];
      const char *from = tx_division_name (t->from_township), *to = tx_division_name (t->to_township);

      /* Translators: id, child, from township → to township, the day of the move, state */
      g_print (_("%s  %s  %s → %s  moved %s  %s\n"), t->id, t->child_name ? t->child_name : t->child,
               from ? from : t->from_township, to ? to : t->to_township, t->date,
               transfer_state_label (t->state));
      if (t->note && *t->note)
        g_print ("    %s\n", t->note);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u transfer\n", "%u transfers\n", list->len), list->len);
  return TX_CLI_EXIT_OK;
}

static int
transfers_decide (TxCli *cli, int argc, char **argv, gboolean accept)
{
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note; to refuse, the reason"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, accept ? _("Accepts a transfer: the child's record goes to the new "
                                                "township in its next bundle.")
                                            : _("Refuses a transfer: the child goes back to the old "
                                                "township's register, with the reason."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Give the transfer's ID (see “transfers list”)."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_transfer_decide (store, argv[1], accept, note, &error))
    return tx_cli_store_failure (error);
  g_print (accept ? _("Transfer %s accepted.\n") : _("Transfer %s refused.\n"), argv[1]);
  return TX_CLI_EXIT_OK;
}

static int
transfers_accept (TxCli *cli, int argc, char **argv)
{
  return transfers_decide (cli, argc, argv, TRUE);
}

static int
transfers_refuse (TxCli *cli, int argc, char **argv)
{
  return transfers_decide (cli, argc, argv, FALSE);
}

int
tx_cli_transfers (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "list", transfers_list }, { "accept", transfers_accept }, { "refuse", transfers_refuse },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli transfers list|accept|refuse …"));
}

static int
ageing_out_run (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was done as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) exited = NULL, held = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  int status;

  g_option_context_set_summary (ctx, _("Takes off the register every child who aged out (what the "
                                       "window does when it starts). Running it again changes nothing."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("ageing-out run takes no arguments besides its options."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  tx_date_today (&today);
  if (!tx_store_ageing_out_run (store, &today, &exited, &held, &error))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "exited");
      json_builder_begin_array (b);
      for (guint i = 0; i < exited->len; i++)
        json_builder_add_string_value (b, exited->pdata[i]);
      json_builder_end_array (b);
      json_builder_set_member_name (b, "held_by_urgent_case");
      json_builder_begin_array (b);
      for (guint i = 0; i < held->len; i++)
        json_builder_add_string_value (b, held->pdata[i]);
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < exited->len; i++)
    {
      g_autoptr(TxRecord) r = tx_store_child_get (store, exited->pdata[i], NULL);
      g_print (_("%s  %s  aged out on %s\n"), (char *) exited->pdata[i],
               r && r->values[TX_F ("name")] ? r->values[TX_F ("name")] : "",
               r && r->exit_date ? r->exit_date : "");
    }
  for (guint i = 0; i < held->len; i++)
    g_printerr (_("%s is past the age limit but stays on the register while an urgent case is open.\n"),
                (char *) held->pdata[i]);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u child aged out.\n", "%u children aged out.\n", exited->len),
              exited->len);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_ageing_out (TxCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "run"))
    return ageing_out_run (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli ageing-out run [--json]"));
}

int
tx_cli_age_limits (TxCli *cli, int argc, char **argv)
{
  int migrant = -1, left_behind = -1, distressed = -1;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "migrant", 0, 0, G_OPTION_ARG_INT, &migrant, N_("Migrant children are on the register under this age (16)"), N_("YEARS") },
    { "left-behind", 0, 0, G_OPTION_ARG_INT, &left_behind, N_("Left-behind children under this age (16)"), N_("YEARS") },
    { "distressed", 0, 0, G_OPTION_ARG_INT, &distressed, N_("Distressed children under this age (18)"), N_("YEARS") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the limits as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxAgeLimits limits;
  int status;

  g_option_context_set_summary (ctx, _("Shows or sets the age until which each category holds a child "
                                       "on the register."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("age-limits takes no arguments besides its options."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  tx_store_get_age_limits (store, &limits);
  if (migrant >= 0 || left_behind >= 0 || distressed >= 0)
    {
      if (migrant >= 0)
        limits.migrant = migrant;
      if (left_behind >= 0)
        limits.left_behind = left_behind;
      if (distressed >= 0)
        limits.distressed = distressed;
      if (!tx_store_set_age_limits (store, &limits, &error))
        return tx_cli_store_failure (error);
    }
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "migrant");
      json_builder_add_int_value (b, limits.migrant);
      json_builder_set_member_name (b, "left_behind");
      json_builder_add_int_value (b, limits.left_behind);
      json_builder_set_member_name (b, "distressed");
      json_builder_add_int_value (b, limits.distressed);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  g_print (_("Migrant children: under %d\nLeft-behind children: under %d\nDistressed children: under %d\n"),
           limits.migrant, limits.left_behind, limits.distressed);
  return TX_CLI_EXIT_OK;
}
