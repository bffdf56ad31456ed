/* tx-cli-import.c — ledgers imported on the command line: a dry run, the
 * import, the imports made and their undoing
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "tx-cli-private.h"

static void
print_plan (const TxImportPlan *plan,
            gboolean            dry_run,
            gint64              batch)
{
  g_autofree char *columns = tx_column_map_describe (plan->map);
  guint drafts = 0, unchanged = 0;

  if (plan->map->header_first == plan->map->header_last)
    g_print (_("%s, sheet %s: the header is on row %u.\n"), plan->file, plan->sheet, plan->map->header_first);
  else
    g_print (_("%s, sheet %s: the header is on rows %u–%u.\n"), plan->file, plan->sheet,
             plan->map->header_first, plan->map->header_last);
  g_print ("%s", columns);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (plan->rows, i);

      drafts += r->chosen && r->action != TX_IMPORT_REFUSED && r->draft;
      unchanged += r->unchanged;
      if (r->action == TX_IMPORT_DUPLICATE)
        /* Translators: a row of the sheet may be a child registered already; %s says why */
        g_print (_("Row %u: possibly child %s, by %s; not imported.\n"), r->row,
                 r->child_id ? r->child_id : "—", r->match);
      else if (r->action == TX_IMPORT_REFUSED)
        for (guint k = 0; k < r->problems->len; k++)
          {
            const TxRowProblem *q = g_ptr_array_index (r->problems, k);

            g_print (_("Row %u, %s: %s\n"), q->row, q->column ? q->column : "—", q->message);
          }
    }
  g_print (_("%u rows: %u new, %u updates, %u possible duplicates, %u refused; %u would be drafts.\n"),
           plan->rows->len, plan->counts[TX_IMPORT_NEW], plan->counts[TX_IMPORT_UPDATE],
           plan->counts[TX_IMPORT_DUPLICATE], plan->counts[TX_IMPORT_REFUSED], drafts);
  if (unchanged)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u update changes nothing and is left out.\n",
                          "%u updates change nothing and are left out.\n", unchanged), unchanged);
  if (batch)
    g_print (_("Imported as import %lld; `tongxing-cli import undo %lld` undoes it while none of its "
               "children is edited.\n"), (long long) batch, (long long) batch);
  else if (dry_run)
    g_print ("%s\n", _("Dry run: nothing was written."));
  else
    g_print ("%s\n", _("Nothing was imported: every row is refused, a possible duplicate, or the same as the "
                        "registered child."));
}

static int
import_ledger (TxCli        *cli,
               const char   *file,
               int           sheet,
               char        **maps,
               gboolean      dry_run,
               gboolean      json)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxIntakeSource) source = NULL;
  g_autoptr(TxImportPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 batch = 0;

  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_is_set_up (store))
    {
      tx_cli_problem ("store", _("This workstation is not set up yet; run `tongxing-cli init` first."));
      return TX_CLI_EXIT_REFUSED;
    }
  /* a child director's refusal before the file is read */
  if (!tx_store_require (store, TX_PERMISSION_IMPORT, &error))
    return tx_cli_store_failure (error);
  /* each refusal a "key: message" line, as the other commands' */
  if (!(source = tx_intake_source_open (file, sheet - 1, &error)))
    {
      tx_cli_problem ("file", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (!tx_intake_source_map_args (source, (const char *const *) maps, &error))
    {
      tx_cli_problem ("map", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (!(plan = tx_import_plan_new (store, source, NULL, NULL, NULL, &error)))
    {
      if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN))
        return tx_cli_store_failure (error);
      tx_cli_problem ("file", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  if (!dry_run && tx_import_plan_n_chosen (plan) > 0 &&
      !tx_import_plan_apply (store, plan, &batch, NULL, NULL, NULL, &error))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autofree char *text = tx_import_plan_to_json (plan, dry_run, batch);

      g_print ("%s\n", text);
    }
  else
    print_plan (plan, dry_run, batch);
  return TX_CLI_EXIT_OK;
}

static int
import_list (TxCli    *cli,
             gboolean  json)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) batches = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(batches = tx_store_import_batches (store, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < batches->len; i++)
        {
          const TxImportBatch *m = g_ptr_array_index (batches, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_int_value (b, m->id);
          tx_json_add_string (b, "at", m->at);
          tx_json_add_string (b, "who", m->who);
          tx_json_add_string (b, "file", m->file);
          tx_json_add_string (b, "sheet", m->sheet);
          json_builder_set_member_name (b, "added");
          json_builder_add_int_value (b, m->added);
          json_builder_set_member_name (b, "updated");
          json_builder_add_int_value (b, m->updated);
          tx_json_add_string (b, "undone_at", m->undone_at);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  if (batches->len == 0)
    g_print ("%s\n", _("No ledger has been imported."));
  for (guint i = 0; i < batches->len; i++)
    {
      const TxImportBatch *m = g_ptr_array_index (batches, i);

      g_autofree char *at = tx_date_local_time (m->at);

      g_print (_("%lld  %s  %s (%s)  %u new, %u updated  %s%s\n"), (long long) m->id, at, m->file,
               m->sheet ? m->sheet : "—", m->added, m->updated, m->who ? m->who : "—",
               m->undone_at ? _("  undone") : "");
    }
  return TX_CLI_EXIT_OK;
}

int
tx_cli_import (TxCli *cli,
               int    argc,
               char **argv)
{
  gboolean json = FALSE, dry_run = FALSE;
  int sheet = 0;
  g_auto(GStrv) maps = NULL;
  const GOptionEntry entries[] = {
    { "sheet", 0, 0, G_OPTION_ARG_INT, &sheet, N_("The sheet, counted from 1 (else the first with a header)"), N_("N") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &maps, N_("The column with this header fills the field KEY (KEY empty: the column is not imported)"), N_("HEADER=KEY") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what the import would do, and write nothing"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ledger FILE | list | undo ID"));
  const char *usage = _("Usage: tongxing-cli import ledger FILE [--sheet N] [--map HEADER=KEY …] [--dry-run] [--json] "
                        "| import list [--json] | import undo ID");
  int status;

  g_option_context_set_summary (ctx, _("Brings the children of an existing ledger (xlsx, xls or csv) into the register. "
                                       "A dry run first says, row by row, what would be new, updated, a possible "
                                       "duplicate, or refused and why."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc == 3 && g_str_equal (argv[1], "ledger"))
    return import_ledger (cli, argv[2], sheet, maps, dry_run, json);
  if (argc == 2 && g_str_equal (argv[1], "list"))
    return import_list (cli, json);
  if (argc == 3 && g_str_equal (argv[1], "undo"))
    {
      g_autoptr(TxStore) store = NULL;
      g_autoptr(GError) error = NULL;
      char *end = NULL;
      gint64 id = g_ascii_strtoll (argv[2], &end, 10);

      if (end == argv[2] || *end || id <= 0)
        return tx_cli_usage_error (ctx, usage);
      if (!(store = tx_cli_open_store (cli)))
        return TX_CLI_EXIT_REFUSED;
      if (!tx_store_import_undo (store, id, &error))
        return tx_cli_store_failure (error);
      g_print (_("Import %lld undone.\n"), (long long) id);
      return TX_CLI_EXIT_OK;
    }
  return tx_cli_usage_error (ctx, usage);
}
