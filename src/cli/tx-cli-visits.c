/* tx-cli-visits.c — visits, visits due, care services, urgent cases and the schedule
 *   on the command line
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

/* visits */

static int
visits_due (TxCli *cli, int argc, char **argv)
{
  g_autofree char *month = NULL, *on = NULL, *from = NULL, *to = NULL, *today_iso = NULL;
  gboolean overdue = FALSE, json = FALSE;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("Children due in this month"), N_("YYYY-MM") },
    { "on", 0, 0, G_OPTION_ARG_STRING, &on, N_("Children due on this day"), N_("DATE") },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only visits due before today (all of them without --month or --on)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  GDate today;
  int status;

  g_option_context_set_summary (ctx, _("Lists the children due for a home visit, by due date."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || (month && on) || (!month && !on && !overdue))
    return tx_cli_usage_error (ctx, _("Give --month YYYY-MM or --on DATE, or --overdue."));
  if (month && !tx_cli_month_range (month, &from, &to))
    return tx_cli_usage_error (ctx, _("--month takes a month as YYYY-MM, such as 2026-11."));
  if (on)
    {
      from = tx_date_normalize (on);
      if (from == NULL)
        return tx_cli_usage_error (ctx, _("--on takes a date, such as 2026-11-25."));
      to = g_strdup (from);
    }
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  if (overdue)
    {
      /* the day before today at the latest */
      GDate y = today;
      g_date_subtract_days (&y, 1);
      if (to == NULL || strcmp (to, today_iso) >= 0)
        {
          g_free (to);
          to = tx_date_format (&y);
        }
    }

  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(rows = tx_store_visits_due (store, from, to, &error)))
    return tx_cli_store_failure (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < rows->len; i++)
        {
          TxDueRow *r = rows->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "child_id");
          json_builder_add_string_value (b, r->id);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, r->name ? r->name : "");
          json_builder_set_member_name (b, "due_date");
          json_builder_add_string_value (b, r->due_date);
          json_builder_set_member_name (b, "overdue");
          json_builder_add_boolean_value (b, strcmp (r->due_date, today_iso) < 0);
          json_builder_set_member_name (b, "residence_division");
          json_builder_add_string_value (b, r->residence_division ? r->residence_division : "");
          json_builder_set_member_name (b, "guardianship");
          if (r->guardianship)
            json_builder_add_string_value (b, r->guardianship);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "key_care");
          json_builder_add_boolean_value (b, r->key_care);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TxDueRow *r = rows->pdata[i];
      g_autoptr(GString) line = g_string_new (NULL);
      const char *village = tx_division_name (r->residence_division);

      tx_cli_append_cell (line, r->due_date, 10);
      tx_cli_append_cell (line, strcmp (r->due_date, today_iso) < 0 ? _("overdue") : "", 8);
      tx_cli_append_cell (line, r->name ? r->name : "", 12);
      tx_cli_append_cell (line, village ? village : "", 20);
      tx_cli_append_cell (line, r->key_care ? _("key care") : "", 8);
      g_string_append (line, r->id);
      g_print ("%s\n", line->str);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u child due\n", "%u children due\n", rows->len), rows->len);
  return TX_CLI_EXIT_OK;
}

static void
print_visit_problems (GPtrArray *problems,
                      gboolean   failed)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      TxVisitProblem *p = problems->pdata[i];

      if (p->severity == TX_SEVERITY_ERROR || (p->severity == TX_SEVERITY_MISSING && failed))
        tx_cli_problem (p->key, p->message);
      else
        g_printerr ("%s: %s: %s\n", p->key, _("note"), p->message);
    }
}

static int
visit_add (TxCli *cli, int argc, char **argv)
{
  gboolean draft = FALSE;
  const GOptionEntry entries[] = {
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Accept a visit that is not complete yet (an urgent situation without the police report)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("[FILE|-]"));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxVisit) visit = tx_visit_new ();

  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  JsonObject *obj;
  int status;

  g_option_context_set_summary (ctx, _("Records a visit from a JSON object (child_id, date, visitor, kind, findings, …)."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return tx_cli_usage_error (ctx, _("Give at most one file."));
  if (!(obj = tx_cli_read_json_object (argc == 2 ? argv[1] : NULL, parser)))
    return TX_CLI_EXIT_REFUSED;

  {
    g_autoptr(GPtrArray) bad = tx_visit_problems_new ();
    if (!tx_visit_apply_json (visit, obj, bad))
      {
        print_visit_problems (bad, TRUE);
        return TX_CLI_EXIT_REFUSED;
      }
  }
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  id = tx_store_visit_add (store, visit, draft, &problems, &error);
  print_visit_problems (problems, id == NULL);
  if (id == NULL)
    {
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return tx_cli_store_failure (error);
      return TX_CLI_EXIT_REFUSED;
    }
  g_print ("%s\n", id);
  return TX_CLI_EXIT_OK;
}

static int
visit_get (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (argc != 2)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli visit get ID"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(visit = tx_store_visit_get (store, argv[1], &error)))
    return tx_cli_store_failure (error);
  node = tx_visit_to_json (visit);
  tx_cli_print_json (node);
  return TX_CLI_EXIT_OK;
}

static int
visit_list (TxCli *cli, int argc, char **argv)
{
  g_autofree char *child = NULL, *month = NULL, *from = NULL, *to = NULL;
  const GOptionEntry entries[] = {
    { "child", 0, 0, G_OPTION_ARG_STRING, &child, N_("The visits of this child"), N_("ID") },
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The visits of this month"), N_("YYYY-MM") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) visits = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) arr = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);
  int status;

  g_option_context_set_summary (ctx, _("Lists visits as a JSON array, by date."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || (!child && !month))
    return tx_cli_usage_error (ctx, _("Give --child ID or --month YYYY-MM."));
  if (month && !tx_cli_month_range (month, &from, &to))
    return tx_cli_usage_error (ctx, _("--month takes a month as YYYY-MM, such as 2026-11."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(visits = tx_store_visit_list (store, child, from, to, &error)))
    return tx_cli_store_failure (error);
  for (guint i = 0; i < visits->len; i++)
    json_array_add_element (arr, tx_visit_to_json (visits->pdata[i]));
  json_node_set_array (root, arr);
  tx_cli_print_json (root);
  return TX_CLI_EXIT_OK;
}

int
tx_cli_visit (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "add", visit_add }, { "get", visit_get }, { "list", visit_list },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli visit add|get|list …"));
}

static int
services_change (TxCli *cli, int argc, char **argv)
{
  g_autofree char *group = NULL, *name = NULL, *en = NULL;
  const GOptionEntry entries[] = {
    { "group", 0, 0, G_OPTION_ARG_STRING, &group, N_("Heading: early_childhood, education, health, housing, vulnerable or development"), N_("GROUP") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The name printed on forms and reports"), N_("TEXT") },
    { "en", 0, 0, G_OPTION_ARG_STRING, &en, N_("The name in English"), N_("TEXT") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("add | rename ID | retire ID | restore ID | delete ID"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb;
  gboolean ok;
  int status;

  g_option_context_set_summary (ctx, _("Changes the list of care services. A service that visits have "
                                       "recorded can be retired, not deleted."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "";
  if ((g_str_equal (verb, "add") && (argc != 2 || !group || !name)) ||
      (g_str_equal (verb, "rename") && (argc != 3 || !name)) ||
      ((g_str_equal (verb, "retire") || g_str_equal (verb, "restore") || g_str_equal (verb, "delete")) && argc != 3))
    return tx_cli_usage_error (ctx, _("services add --group GROUP --name TEXT, services rename ID --name TEXT, "
                                      "services retire|restore|delete ID"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;

  if (g_str_equal (verb, "add"))
    {
      g_autofree char *id = tx_store_care_service_add (store, group, name, en, &error);
      if (id)
        g_print ("%s\n", id);
      ok = id != NULL;
    }
  else if (g_str_equal (verb, "rename"))
    ok = tx_store_care_service_rename (store, argv[2], name, en, &error);
  else if (g_str_equal (verb, "delete"))
    ok = tx_store_care_service_delete (store, argv[2], &error);
  else
    ok = tx_store_care_service_retire (store, argv[2], g_str_equal (verb, "retire"), &error);
  if (!ok)
    {
      if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN))
        return tx_cli_store_failure (error);
      tx_cli_problem ("service", error->message);
      return TX_CLI_EXIT_REFUSED;
    }
  return TX_CLI_EXIT_OK;
}

int
tx_cli_services (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE, all = FALSE;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Retired services too"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) services = NULL;
  g_autoptr(GError) error = NULL;
  const TxChoice *groups = tx_service_groups ();
  int status;

  if (argc >= 2 && !g_str_equal (argv[1], "list") && argv[1][0] != '-')
    return services_change (cli, argc, argv);
  ctx = g_option_context_new (_("list"));
  g_option_context_set_summary (ctx, _("Lists the care services (关爱服务清单) under their six headings."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || !g_str_equal (argv[1], "list"))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli services list [--json] [--all]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(services = tx_store_services (store, all, &error)))
    return tx_cli_store_failure (error);

  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < services->len; i++)
        {
          TxService *s = services->pdata[i];
          json_builder_begin_object (b);
          json_builder_set_member_name (b, "id");
          json_builder_add_string_value (b, s->id);
          json_builder_set_member_name (b, "group");
          json_builder_add_string_value (b, s->group);
          json_builder_set_member_name (b, "zh");
          json_builder_add_string_value (b, s->zh);
          json_builder_set_member_name (b, "en");
          json_builder_add_string_value (b, s->en);
          json_builder_set_member_name (b, "retired");
          json_builder_add_boolean_value (b, s->retired);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }

  for (guint g = 0; groups[g].code; g++)
    {
      g_print ("%s\n", tx_choice_label (&groups[g]));
      for (guint i = 0; i < services->len; i++)
        {
          TxService *s = services->pdata[i];
          if (g_str_equal (s->group, groups[g].code))
            g_print ("  %-22s %s%s\n", s->id, tx_service_label (s),
                     s->retired ? _(" (retired)") : "");
        }
    }
  return TX_CLI_EXIT_OK;
}

int
tx_cli_urgent (TxCli *cli, int argc, char **argv)
{
  g_autofree char *note = NULL, *by = NULL;
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("How the case was settled"), N_("TEXT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Who closes the case"), N_("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("list | close CHILD_ID --note TEXT"));
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Lists the open urgent cases, or closes a child's with a note."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (!((argc == 2 && g_str_equal (argv[1], "list")) || (argc == 3 && g_str_equal (argv[1], "close"))))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli urgent list [--json] | urgent close CHILD_ID --note TEXT [--by NAME]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;

  if (g_str_equal (argv[1], "close"))
    {
      /* closed by the person logged in, unless --by names who settled it */
      if (!tx_store_urgent_close (store, argv[2], note, by, &error))
        {
          if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
              !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
            return tx_cli_store_failure (error);
          tx_cli_problem (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) ? "note" : "id",
                          error->message);
          return TX_CLI_EXIT_REFUSED;
        }
      g_print (_("%s: the urgent case is closed; the child is no longer marked urgent.\n"), argv[2]);
      return TX_CLI_EXIT_OK;
    }
  {
    g_autoptr(GPtrArray) cases = tx_store_urgent_open (store, &error);
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    if (cases == NULL)
      return tx_cli_store_failure (error);
    if (!json)
      {
        for (guint i = 0; i < cases->len; i++)
          {
            TxUrgentCase *c = cases->pdata[i];
            g_autofree char *day = tx_date_local_day (c->opened_at);  /* kept in UTC */
            g_print ("%s  %-12s  %s  %s\n", day, c->name ? c->name : "", c->situations, c->child_id);
          }
        g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u open urgent case\n", "%u open urgent cases\n", cases->len),
                    cases->len);
        return TX_CLI_EXIT_OK;
      }
    json_builder_begin_array (b);
    for (guint i = 0; i < cases->len; i++)
      {
        TxUrgentCase *c = cases->pdata[i];
        g_auto(GStrv) codes = g_strsplit (c->situations, ",", -1);

        json_builder_begin_object (b);
        json_builder_set_member_name (b, "child_id");
        json_builder_add_string_value (b, c->child_id);
        json_builder_set_member_name (b, "name");
        json_builder_add_string_value (b, c->name ? c->name : "");
        json_builder_set_member_name (b, "visit_id");
        json_builder_add_string_value (b, c->visit_id);
        json_builder_set_member_name (b, "opened_at");
        json_builder_add_string_value (b, c->opened_at);
        json_builder_set_member_name (b, "urgent");
        json_builder_begin_array (b);
        for (guint k = 0; codes[k]; k++)
          json_builder_add_string_value (b, codes[k]);
        json_builder_end_array (b);
        json_builder_end_object (b);
      }
    json_builder_end_array (b);
    root = json_builder_get_root (b);
    tx_cli_print_json (root);
  }
  return TX_CLI_EXIT_OK;
}

int
tx_cli_visits (TxCli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "due"))
    return visits_due (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli visits due --month YYYY-MM | --on DATE [--overdue] [--json]"));
}

/* schedule */

int
tx_cli_schedule (TxCli *cli, int argc, char **argv)
{
  int good = -1, average = -1, key_care = -1, first = -1;
  const GOptionEntry entries[] = {
    { "good-months", 0, 0, G_OPTION_ARG_INT, &good, N_("Months between home visits when guardianship is good (default 3)"), N_("N") },
    { "average-months", 0, 0, G_OPTION_ARG_INT, &average, N_("Months between home visits when guardianship is average (default 1)"), N_("N") },
    { "key-care-days", 0, 0, G_OPTION_ARG_INT, &key_care, N_("Days between home visits to key-care children (default 15)"), N_("N") },
    { "first-visit-days", 0, 0, G_OPTION_ARG_INT, &first, N_("Days from registration to the first home visit (default 30)"), N_("N") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxScheduleSettings settings;
  int status;

  g_option_context_set_summary (ctx, _("Shows the intervals between home visits; with options, changes them "
                                       "and works out every child's next visit again."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli schedule [--good-months N] [--average-months N] "
                                      "[--key-care-days N] [--first-visit-days N]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  tx_store_get_schedule_settings (store, &settings);
  if (good >= 0 || average >= 0 || key_care >= 0 || first >= 0)
    {
      if (good >= 0)
        settings.good_months = good;
      if (average >= 0)
        settings.average_months = average;
      if (key_care >= 0)
        settings.key_care_days = key_care;
      if (first >= 0)
        settings.first_visit_days = first;
      if (!tx_store_set_schedule_settings (store, &settings, &error))
        return tx_cli_store_failure (error);
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Home visits when guardianship is good: every %d month\n",
                        "Home visits when guardianship is good: every %d months\n", settings.good_months),
           settings.good_months);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Home visits when guardianship is average: every %d month\n",
                        "Home visits when guardianship is average: every %d months\n", settings.average_months),
           settings.average_months);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Home visits to key-care children: every %d day\n",
                        "Home visits to key-care children: every %d days\n", settings.key_care_days),
           settings.key_care_days);
  g_print (g_dngettext (GETTEXT_PACKAGE, "First home visit: within %d day of registration\n",
                        "First home visit: within %d days of registration\n", settings.first_visit_days),
           settings.first_visit_days);
  return TX_CLI_EXIT_OK;
}
