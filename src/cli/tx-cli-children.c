/* tx-cli-children.c — child add, get, update, delete and list on the command line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "tx-cli-private.h"

static void
print_check (const TxCheck *check,
             gboolean       failed)
{
  const TxForm *form = tx_form_get ();

  if (check == NULL)
    return;
  for (guint i = 0; i < check->problems->len; i++)
    {
      TxProblem *p = g_ptr_array_index (check->problems, i);
      const char *key = p->field >= 0 ? form->fields[p->field].key : "record";

      switch (p->severity)
        {
        case TX_SEVERITY_ERROR:
          tx_cli_problem (key, p->message);
          break;
        case TX_SEVERITY_MISSING:
          /* a draft may lack values: then they are not failures */
          if (failed)
            tx_cli_problem (key, p->message);
          else
            g_printerr ("%s: %s: %s\n", key, _("note"), p->message);
          break;
        case TX_SEVERITY_WARNING:
          g_printerr ("%s: %s: %s\n", key, _("warning"), p->message);
          break;
        case TX_SEVERITY_INELIGIBLE:
          g_printerr ("%s: %s: %s\n", key, _("note"), p->message);
          break;
        default:
          break;
        }
    }
}

static gboolean
apply_input (JsonObject *obj,
             TxRecord   *record)
{
  g_autoptr(GPtrArray) problems = tx_input_problems_new ();

  if (tx_json_apply_object (obj, record, problems))
    return TRUE;
  for (guint i = 0; i < problems->len; i++)
    {
      TxInputProblem *p = problems->pdata[i];
      tx_cli_problem (p->key, p->message);
    }
  return FALSE;
}

/* Identity numbers are shown masked (220102********123X) unless revealed */
static void
mask_id_number (JsonObject *obj,
                gboolean    revealed)
{
  const char *number = json_object_get_string_member_with_default (obj, "id_number", NULL);

  if (!revealed && number)
    {
      g_autofree char *masked = tx_id_mask (number);
      json_object_set_string_member (obj, "id_number", masked);
    }
}

/* child */

static int
child_add (TxCli *cli, int argc, char **argv)
{
  gboolean draft = FALSE;
  const GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Accept a record with required values missing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("[FILE|-]"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxRecord) record = tx_record_new_defaults ();
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  JsonObject *obj;
  int status;

  g_option_context_set_summary (ctx, _("Registers a child from a JSON object keyed by the form's field keys."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return tx_cli_usage_error (ctx, _("Give at most one file."));

  if (!(obj = tx_cli_read_json_object (argc == 2 ? argv[1] : NULL, parser)))
    return TX_CLI_EXIT_REFUSED;
  if (!apply_input (obj, record))
    return TX_CLI_EXIT_REFUSED;
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;

  id = tx_store_child_add (store, record, draft, &check, &error);
  print_check (check, id == NULL && !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME));
  if (id == NULL)
    {
      /* the problems above say what is wrong; this line says what happened */
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_REFUSED;
    }
  g_print ("%s\n", id);
  return TX_CLI_EXIT_OK;
}

static int
child_history (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (argc != 2)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli child history ID"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(changes = tx_store_child_history (store, argv[1], &error)))
    return tx_cli_store_failure (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < changes->len; i++)
    {
      const TxChange *c = g_ptr_array_index (changes, i);

      json_builder_begin_object (b);
      tx_json_add_string (b, "at", c->at);
      tx_json_add_string (b, "station", c->station);
      tx_json_add_string (b, "editor", c->editor);
      tx_json_add_string (b, "field", c->field);
      /* an identity number changed: both masked, as everywhere */
      if (g_strcmp0 (c->field, "id_number") == 0)
        {
          g_autofree char *old_masked = c->old_value ? tx_id_mask (c->old_value) : NULL;
          g_autofree char *new_masked = c->new_value ? tx_id_mask (c->new_value) : NULL;

          tx_json_add_string (b, "old", old_masked);
          tx_json_add_string (b, "new", new_masked);
        }
      else
        {
          tx_json_add_string (b, "old", c->old_value);
          tx_json_add_string (b, "new", c->new_value);
        }
      /* an exit or a reopening: its value is JSON; say it in words too */
      if (g_strcmp0 (c->field, "_register") == 0)
        {
          g_autofree char *text = tx_register_describe (c->new_value);
          tx_json_add_string (b, "summary", text);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  tx_cli_print_json (root);
  return TX_CLI_EXIT_OK;
}

static int
child_get (TxCli *cli, int argc, char **argv)
{
  gboolean reveal = FALSE;
  const GOptionEntry entries[] = {
    { "reveal-id", 0, 0, G_OPTION_ARG_NONE, &reveal,
      N_("Show the identity number in full (supervisors and county officers; written to the audit trail)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *number = NULL;
  TxRulesContext rules;
  int status;

  g_option_context_set_summary (ctx, _("Prints a child's record as JSON, the identity number masked unless "
                                       "--reveal-id is given."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli child get ID [--reveal-id]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(record = tx_store_child_get (store, argv[1], &error)))
    return tx_cli_store_failure (error);
  /* the number in full only once its reveal is in the audit trail */
  if (reveal && !tx_store_child_reveal_id (store, argv[1], &number, &error))
    return tx_cli_store_failure (error);
  tx_store_rules_context (store, &rules);
  check = tx_rules_apply (record, &rules);
  node = tx_json_from_record (record, check);
  mask_id_number (json_node_get_object (node), reveal);
  /* a child who moved within the county: where to, and how far it went */
  {
    g_autoptr(TxTransfer) t = tx_store_transfer_of_child (store, record->id);
    if (t)
      json_object_set_member (json_node_get_object (node), "transfer", tx_cli_transfer_json (t));
  }
  tx_cli_print_json (node);
  return TX_CLI_EXIT_OK;
}

static int
child_update (TxCli *cli, int argc, char **argv)
{
  gboolean draft = FALSE;
  const GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Accept a record with required values missing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("ID [FILE|-]"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *obj;
  int status;

  g_option_context_set_summary (ctx, _("Changes the fields given in a JSON object; the others stay."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2 || argc > 3)
    return tx_cli_usage_error (ctx, _("Give the id of the child, then at most one file."));

  if (!(obj = tx_cli_read_json_object (argc == 3 ? argv[2] : NULL, parser)))
    return TX_CLI_EXIT_REFUSED;
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(record = tx_store_child_get (store, argv[1], &error)))
    return tx_cli_store_failure (error);
  /* the output of get, given back, holds the number masked: it stays */
  {
    const char *given = json_object_get_string_member_with_default (obj, "id_number", NULL);
    g_autofree char *masked = tx_id_mask (record->values[TX_F ("id_number")]);

    if (given && record->values[TX_F ("id_number")] && g_str_equal (given, masked))
      json_object_remove_member (obj, "id_number");
  }
  if (!apply_input (obj, record))
    return TX_CLI_EXIT_REFUSED;

  /* a draft stays acceptable as a draft */
  if (!tx_store_child_update (store, record, draft || record->draft, &check, &error))
    {
      print_check (check, !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME));
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_REFUSED;
    }
  print_check (check, FALSE);
  return TX_CLI_EXIT_OK;
}

static int
child_delete (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli child delete ID"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!tx_store_child_delete (store, argv[1], &error))
    return tx_cli_store_failure (error);
  return TX_CLI_EXIT_OK;
}

static const char *
status_label (const TxChildRow *row)
{
  switch (tx_status_of (row->draft, row->complete, row->eligible, row->ages_out))
    {
    case TX_STATUS_DRAFT: return _("draft");
    case TX_STATUS_INCOMPLETE: return _("incomplete");
    case TX_STATUS_AGED_OUT: return _("past the age limit");
    case TX_STATUS_NOT_ELIGIBLE: return _("not yet eligible");
    case TX_STATUS_COMPLETE:
    default: return _("complete");
    }
}

static int
child_list (TxCli *cli, int argc, char **argv)
{
  g_autofree char *search = NULL, *village = NULL;
  gboolean key_care = FALSE, incomplete = FALSE, ineligible = FALSE, json = FALSE, reveal = FALSE;
  gboolean overdue = FALSE, urgent = FALSE, update_due = FALSE, compare_task = FALSE;
  gboolean exited = FALSE, all = FALSE;
  g_autofree char *today_iso = NULL, *tomorrow_iso = NULL, *ages_out_before = NULL, *exit_reason = NULL;
  g_autofree char *after = NULL;
  int limit = 100, offset = 0;
  const GOptionEntry entries[] = {
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Part of a name, pinyin initials, or digits of the identity number"), N_("TEXT") },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("Only children living in this village (or township)"), N_("CODE") },
    { "key-care", 0, 0, G_OPTION_ARG_NONE, &key_care, N_("Only key-care children"), NULL },
    { "incomplete", 0, 0, G_OPTION_ARG_NONE, &incomplete, N_("Only drafts and incomplete records"), NULL },
    { "not-eligible", 0, 0, G_OPTION_ARG_NONE, &ineligible, N_("Only children not (yet) eligible"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only children whose home visit is overdue"), NULL },
    { "urgent", 0, 0, G_OPTION_ARG_NONE, &urgent, N_("Only children with an open urgent case"), NULL },
    { "update-due", 0, 0, G_OPTION_ARG_NONE, &update_due, N_("Only children whose information update is due"), NULL },
    { "compare-task", 0, 0, G_OPTION_ARG_NONE, &compare_task,
      N_("Only children with an open task of the latest comparison round"), NULL },
    { "exited", 0, 0, G_OPTION_ARG_NONE, &exited,
      N_("Only children who left the register (exited, transferred away), with the reason"), NULL },
    { "exit-reason", 0, 0, G_OPTION_ARG_STRING, &exit_reason, N_("With --exited: only this reason"), N_("REASON") },
    { "ages-out-before", 0, 0, G_OPTION_ARG_STRING, &ages_out_before,
      N_("Only children on the register who age out before this day"), N_("DATE") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Children on the register and those who left it"), NULL },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Rows to show (default 100)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Rows to skip"), N_("N") },
    { "after", 0, 0, G_OPTION_ARG_STRING, &after,
      N_("Only the children after this one (an id the list printed): the next page, as fast far down the "
         "list as at its top, where --offset reads every row it skips"), N_("ID") },
    { "reveal-ids", 0, 0, G_OPTION_ARG_NONE, &reveal,
      N_("Show identity numbers in full (supervisors and county officers; each child shown is written to the audit trail)"),
      NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  TxChildQuery q = { 0 };
  gint64 total;
  GDate today;
  int status;

  g_option_context_set_summary (ctx, _("Lists children in pinyin order of their names."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("child list takes no arguments besides its options."));
  if (limit < 0 || offset < 0)
    return tx_cli_usage_error (ctx, _("--limit and --offset take numbers of zero or more."));

  q.search = search;
  q.division = village;
  q.key_care_only = key_care;
  q.incomplete_only = incomplete;
  q.ineligible_only = ineligible;
  q.urgent_only = urgent;
  q.compare_task = compare_task;
  q.register_filter = exited ? TX_REGISTER_FILTER_LEFT : all ? TX_REGISTER_FILTER_ALL : TX_REGISTER_FILTER_ACTIVE;
  q.exit_reason = exit_reason;
  if (ages_out_before)
    {
      GDate d;
      if (!tx_date_parse (ages_out_before, &d))
        return tx_cli_usage_error (ctx, _("--ages-out-before takes a date such as 2026-12-31."));
      q.ages_out_before = ages_out_before;
    }
  if (overdue)
    {
      GDate t;
      tx_date_today (&t);
      today_iso = tx_date_format (&t);
      q.overdue_before = today_iso;
    }
  if (update_due)
    {
      GDate t;
      /* due today counts: the update is to be made by then */
      tx_date_today (&t);
      g_date_add_days (&t, 1);
      tomorrow_iso = tx_date_format (&t);
      q.refresh_before = tomorrow_iso;
    }

  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (after)
    {
      g_autoptr(TxRecord) from = tx_store_child_get (store, after, NULL);

      if (from == NULL)
        return tx_cli_usage_error (ctx, _("--after takes the id of a child the list printed; no child has "
                                          "this id."));
    }
  {
    TxChildQuery page = q;

    page.after = after;
    if (!(rows = tx_store_child_list (store, &page, offset, limit, &error)) ||
        (total = tx_store_child_count (store, &q, &error)) < 0)
      return tx_cli_store_failure (error);
  }
  /* full numbers: an audit entry for each child shown, before they are */
  if (reveal)
    {
      g_autoptr(GPtrArray) ids = g_ptr_array_new ();

      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (ids, ((TxChildRow *) rows->pdata[i])->id);
      if (!tx_store_children_reveal_ids (store, (const char *const *) ids->pdata, ids->len, "list", &error))
        return tx_cli_store_failure (error);
    }
  tx_date_today (&today);

  if (json)
    {
      g_autoptr(JsonArray) arr = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < rows->len; i++)
        {
          TxChildRow *row = rows->pdata[i];
          JsonNode *n = tx_json_from_row (row, &today);

          mask_id_number (json_node_get_object (n), reveal);
          json_array_add_element (arr, n);
        }
      json_node_set_array (root, arr);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }

  if (rows->len > 0)
    {
      g_autoptr(GString) head = g_string_new (NULL);

      tx_cli_append_cell (head, _("Id"), 36);
      tx_cli_append_cell (head, _("Name"), 12);
      tx_cli_append_cell (head, _("Gender"), 6);
      tx_cli_append_cell (head, _("Age"), 3);
      tx_cli_append_cell (head, _("Identity number"), 18);
      tx_cli_append_cell (head, _("Village or community"), 20);
      tx_cli_append_cell (head, _("Key care"), 8);
      g_string_append (head, _("Status"));
      g_print ("%s\n", head->str);
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TxChildRow *row = rows->pdata[i];
      g_autoptr(GString) line = g_string_new (NULL);
      g_autofree char *idn = reveal ? g_strdup (row->id_number ? row->id_number : "")
                                    : tx_id_mask (row->id_number);
      const char *village_name = tx_division_name (row->residence_division);
      const TxChoice *g = tx_field_choice (tx_form_lookup ("gender"), row->gender);
      GDate birth;
      int years = tx_date_parse (row->birth_date, &birth) ? tx_date_age_on (&birth, &today) : -1;
      g_autofree char *age = years >= 0 ? g_strdup_printf ("%d", years) : g_strdup ("");

      tx_cli_append_cell (line, row->id, 36);
      tx_cli_append_cell (line, row->name ? row->name : "", 12);
      tx_cli_append_cell (line, g ? tx_choice_label (g) : "", 6);
      tx_cli_append_cell (line, age, 3);
      tx_cli_append_cell (line, idn, 18);
      tx_cli_append_cell (line, village_name ? village_name : "", 20);
      tx_cli_append_cell (line, row->key_care ? _("key care") : "", 8);
      g_string_append (line, status_label (row));
      if (g_strcmp0 (row->register_state, TX_REGISTER_TRANSFERRED) == 0)
        g_string_append_printf (line, " · %s %s", _("transferred away"), row->exit_date ? row->exit_date : "");
      else if (g_strcmp0 (row->register_state, TX_REGISTER_EXITED) == 0)
        g_string_append_printf (line, " · %s %s: %s", _("left"), row->exit_date ? row->exit_date : "",
                                tx_exit_reason_label (row->exit_reason));
      g_print ("%s\n", line->str);
    }
  /* Translators: shown under a list of children: 100 of 2,345 children */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u of %lld child\n", "%u of %lld children\n", total),
              rows->len, (long long) total);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_child (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "add", child_add }, { "get", child_get }, { "update", child_update },
    { "delete", child_delete }, { "list", child_list }, { "history", child_history },
    { "exit", tx_cli_child_exit }, { "reopen", tx_cli_child_reopen }, { "transfer", tx_cli_child_transfer },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli child add|get|update|delete|list|history|exit|reopen|transfer …"));
}
