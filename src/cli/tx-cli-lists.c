/* tx-cli-lists.c — departments' lists and the comparison on the command line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "tx-cli-private.h"
#include "tx-report-compare.h"

/* Reads a positive id from an argument, or says what is wrong */
static gboolean
parse_id (const char *text,
          gboolean    list,
          gint64     *id)
{
  char *end = NULL;
  gint64 v = g_ascii_strtoll (text, &end, 10);

  if (end == text || *end || v <= 0)
    {
      g_autofree char *msg = g_strdup_printf (list ? _("“%s” is not the number of a list; “lists list” shows them.")
                                                   : _("“%s” is not the number of a finding; “compare show” shows "
                                                       "them as “item”."), text);
      tx_cli_problem ("id", msg);
      return FALSE;
    }
  *id = v;
  return TRUE;
}

/* lists import */

static int
lists_import (TxCli *cli, int argc, char **argv)
{
  g_autofree char *department_code = NULL, *name = NULL, *date = NULL;
  g_auto(GStrv) maps = NULL;
  gboolean json = FALSE;
  int sheet = 0;
  const GOptionEntry entries[] = {
    { "department", 0, 0, G_OPTION_ARG_STRING, &department_code,
      N_("The department the list comes from: police, education, health, cdc or other"), N_("DEPARTMENT") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("What to call the list (the file's name if not given)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The list's date (today if not given)"), N_("DATE") },
    { "sheet", 0, 0, G_OPTION_ARG_INT, &sheet, N_("The sheet to read, from 1 (the first with a header if not given)"),
      N_("N") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps,
      N_("Map a column to a field of the form, as 出生年月=birth_date; HEADER= leaves a column out"),
      N_("HEADER=KEY") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print what was imported as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxIntakeSource) source = NULL;
  g_autoptr(TxListImport) result = NULL;
  g_autoptr(GError) error = NULL;
  TxDepartment department;
  int status;

  g_option_context_set_summary (ctx, _("Imports a department's list (xlsx, xls or csv) to compare with the "
                                       "register. Its columns are mapped to the form's fields by their "
                                       "headers; a list need not have every field. Rows with neither a name "
                                       "nor an identity number, and rows with a value that cannot be read, are "
                                       "refused with the reason; the list and its entries are kept in one "
                                       "transaction."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli lists import --department DEPARTMENT FILE [--name TEXT] "
                                      "[--date DATE] [--map HEADER=KEY …] [--json]"));
  if (department_code == NULL || !tx_department_parse (department_code, &department))
    return tx_cli_usage_error (ctx, _("--department takes police, education, health, cdc or other."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  /* a child director's refusal before the file is read */
  if (!tx_store_require (store, TX_PERMISSION_IMPORT, &error))
    return tx_cli_store_failure (error);
  if (!(source = tx_intake_source_open (argv[1], sheet - 1, &error)) ||
      !tx_intake_source_map_args (source, (const char *const *) maps, &error))
    {
      tx_cli_problem ("file", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (!(result = tx_list_import (store, source, department, name, date, NULL, NULL, NULL, &error)))
    {
      if (error->domain == TX_STORE_ERROR)
        return tx_cli_store_failure (error);
      tx_cli_problem (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_INVALID_ARGUMENT ? "date" : "file",
                      error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (json)
    {
      g_autofree char *text = tx_list_import_to_json (result);
      g_print ("%s\n", text);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < result->refused->len; i++)
    {
      const TxRowProblem *q = g_ptr_array_index (result->refused, i);

      /* Translators: a row of a list not imported: its row, its column's header, why */
      g_printerr (_("row %u, %s: %s\n"), q->row, q->column ? q->column : "—", q->message);
    }
  g_print (_("List %lld “%s”: %u entries of %u rows imported, %u rows refused.\n"),
           (long long) result->list, result->name, result->imported, result->rows, result->refused->len);
  return TX_CLI_EXIT_OK;
}

/* lists list */

static int
lists_list (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the lists as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) lists = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Lists the departments' lists kept, by date."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli lists list [--json]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(lists = tx_store_lists (store, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonArray) a = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < lists->len; i++)
        {
          const TxDeptList *l = g_ptr_array_index (lists, i);
          JsonObject *o = json_object_new ();
          JsonArray *keys = json_array_new ();

          json_object_set_int_member (o, "id", l->id);
          json_object_set_string_member (o, "department", tx_department_code (l->department));
          json_object_set_string_member (o, "name", l->name);
          json_object_set_string_member (o, "date", l->date);
          json_object_set_string_member (o, "file", l->file);
          json_object_set_string_member (o, "sheet", l->sheet ? l->sheet : "");
          for (guint k = 0; l->keys[k]; k++)
            json_array_add_string_element (keys, l->keys[k]);
          json_object_set_array_member (o, "keys", keys);
          json_object_set_int_member (o, "rows", l->rows);
          json_object_set_string_member (o, "imported_at", l->imported_at);
          json_object_set_string_member (o, "who", l->who ? l->who : "");
          json_array_add_object_element (a, o);
        }
      json_node_set_array (node, a);
      tx_cli_print_json (node);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < lists->len; i++)
    {
      const TxDeptList *l = g_ptr_array_index (lists, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%u\n", l->id, l->date, tx_department_label (l->department),
               l->name, l->rows);
    }
  return TX_CLI_EXIT_OK;
}

/* lists entry: the record a list's entry gives, to register a child from it */
static int
lists_entry (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  TxRulesContext ctx;
  gint64 list, row;

  if (argc != 3)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli lists entry LIST ROW"));
  if (!parse_id (argv[1], TRUE, &list) || !parse_id (argv[2], TRUE, &row) || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(record = tx_compare_entry_record (store, list, row, &error)))
    return tx_cli_store_failure (error);
  tx_store_rules_context (store, &ctx);
  check = tx_rules_apply (record, &ctx);
  node = tx_json_from_record (record, check);
  tx_cli_print_json (node);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_lists (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return lists_import (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return lists_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "entry"))
    return lists_entry (cli, argc - 1, argv + 1);
  if (argc != 3 || !g_str_equal (argv[1], "remove"))
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli lists import --department DEPARTMENT FILE [options] | "
                                       "lists list [--json] | lists entry LIST ROW | lists remove ID"));
  if (!parse_id (argv[2], TRUE, &id) || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_list_remove (store, id, &error))
    return tx_cli_store_failure (error);
  g_print (_("List %lld removed.\n"), (long long) id);
  return TX_CLI_EXIT_OK;
}

/* compare */

static int
compare_run (TxCli *cli, int argc, char **argv)
{
  g_autofree char *village = NULL;
  g_auto(GStrv) list_ids = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "village", 0, 0, G_OPTION_ARG_STRING, &village,
      N_("Only the children of this village (or township, or county) are compared"), N_("CODE") },
    { "list", 0, 0, G_OPTION_ARG_STRING_ARRAY, &list_ids, N_("Compare this list (all of them if not given)"),
      N_("ID") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the round's findings as JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(TxCompareRound) r = NULL;
  g_autoptr(GError) error = NULL;
  gint64 round;
  int status;

  g_option_context_set_summary (ctx, _("Runs a comparison round: each entry of the departments' lists is "
                                       "matched against the register (identity number, then name and date of "
                                       "birth, then pinyin and date of birth, then the birth date and gender "
                                       "in an identity number), and the round keeps the entries not registered, "
                                       "the children found (with their differences), the possible matches and "
                                       "the registered children on no list."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare [--village CODE] [--list ID …] [--json]"));
  for (guint i = 0; list_ids && list_ids[i]; i++)
    {
      gint64 id;

      if (!parse_id (list_ids[i], TRUE, &id))
        return TX_CLI_EXIT_REFUSED;
      g_array_append_val (ids, id);
    }
  if (village && (strspn (village, "0123456789") != strlen (village) || !tx_division_lookup (village)))
    {
      tx_cli_problem ("village", _("--village takes the code of a division, as “tongxing-cli division search” "
                                   "shows it."));
      return TX_CLI_EXIT_REFUSED;
    }
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(round = tx_compare_run (store, village, (const gint64 *) ids->data, ids->len, NULL, NULL, NULL, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autofree char *text = tx_compare_round_to_json (store, round, &error);

      if (text == NULL)
        return tx_cli_store_failure (error);
      g_print ("%s\n", text);
      return TX_CLI_EXIT_OK;
    }
  if (!(r = tx_store_compare_round_get (store, round, &error)))
    return tx_cli_store_failure (error);
  g_print (_("Comparison round %lld:\n"), (long long) round);
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    g_print ("  %s: %u\n", tx_compare_kind_label (k), r->counts[k]);
  return TX_CLI_EXIT_OK;
}

static int
compare_show (TxCli *cli, int argc, char **argv)
{
  gint64 round = 0;
  gboolean json = TRUE;
  const GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_INT64, &round, N_("The round (the latest if not given)"), N_("ID") },
    /* as `compare --json` is written; a round is always shown as JSON */
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (always)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Prints a comparison round's findings as JSON, as they stand now."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare show [--round ID]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(text = tx_compare_round_to_json (store, round, &error)))
    return tx_cli_store_failure (error);
  g_print ("%s\n", text);
  return TX_CLI_EXIT_OK;
}

static int
compare_decide (TxCli *cli, int argc, char **argv)
{
  gboolean same = FALSE, not_same = FALSE;
  const GOptionEntry entries[] = {
    { "same", 0, 0, G_OPTION_ARG_NONE, &same, N_("The entry is the registered child"), NULL },
    { "not-same", 0, 0, G_OPTION_ARG_NONE, &not_same, N_("The entry is another child: to be screened"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ITEM"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item;
  int status;

  g_option_context_set_summary (ctx, _("Decides a possible match of the comparison."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || same == not_same)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare decide ITEM --same | --not-same"));
  if (!parse_id (argv[1], FALSE, &item) || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_compare_item_decide (store, item, same, &error))
    return tx_cli_store_failure (error);
  return TX_CLI_EXIT_OK;
}

static int
compare_done (TxCli *cli, int argc, char **argv)
{
  g_autofree char *child = NULL;
  const GOptionEntry entries[] = {
    { "child", 0, 0, G_OPTION_ARG_STRING, &child, N_("The child registered from the entry"), N_("ID") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ITEM"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 item;
  int status;

  g_option_context_set_summary (ctx, _("Marks a task of the comparison done: an entry screened (and the child "
                                       "registered), a difference looked at, a child on no list checked."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare done ITEM [--child ID]"));
  if (!parse_id (argv[1], FALSE, &item) || !(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_compare_item_set_done (store, item, child, &error))
    return tx_cli_store_failure (error);
  return TX_CLI_EXIT_OK;
}

static int
compare_tasks (TxCli *cli, int argc, char **argv)
{
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most this many"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) tasks = NULL;
  g_autoptr(GError) error = NULL;
  guint total = 0;
  int status;

  g_option_context_set_summary (ctx, _("Lists the open tasks of the latest comparison round: entries to be "
                                       "screened, differences to look at, possible matches to decide, children "
                                       "on no list to check."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 1 || limit < 0)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare tasks [--limit N]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(tasks = tx_store_compare_tasks (store, limit, &total, &error)))
    return tx_cli_store_failure (error);
  for (guint i = 0; i < tasks->len; i++)
    {
      const TxCompareItem *t = g_ptr_array_index (tasks, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", t->id, tx_compare_kind_code (t->kind),
               t->name ? t->name : "—", t->child_id ? t->child_id : "");
    }
  g_print (_("%u open tasks.\n"), total);
  return TX_CLI_EXIT_OK;
}

static int
compare_report (TxCli *cli, int argc, char **argv)
{
  g_autofree char *pdf = NULL, *xlsx = NULL;
  gint64 round = 0;
  const GOptionEntry entries[] = {
    { "round", 0, 0, G_OPTION_ARG_INT64, &round, N_("The round (the latest if not given)"), N_("ID") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the round as a PDF"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the round as an Excel workbook"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;
  int status;
  gboolean ok;

  g_option_context_set_summary (ctx, _("Writes a comparison round for the county office's half-year report: "
                                       "its counts, then its findings by category."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 1 || (pdf == NULL) == (xlsx == NULL))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli compare report [--round ID] --pdf FILE | --xlsx FILE"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  ok = pdf ? tx_report_compare_pdf (store, round, pdf, &n, NULL, &error)
           : tx_report_compare_xlsx (store, round, xlsx, &n, NULL, &error);
  if (!ok)
    {
      if (error->domain == TX_STORE_ERROR)
        return tx_cli_store_failure (error);
      tx_cli_problem ("file", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %s with %u finding.\n", "Wrote %s with %u findings.\n", n),
           pdf ? pdf : xlsx, n);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_compare (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "show", compare_show }, { "decide", compare_decide }, { "done", compare_done },
    { "tasks", compare_tasks }, { "report", compare_report },
  };

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].func (cli, argc - 1, argv + 1);
  return compare_run (cli, argc, argv);
}
