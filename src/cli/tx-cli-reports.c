/* tx-cli-reports.c — the reports and the export log on the command line
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

/* reports */

/* A report not made: the person's role says so in its own words, any other
 * problem under @key */
static int
report_failure (const GError *error,
                const char   *key)
{
  if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN))
    return tx_cli_store_failure (error);
  tx_cli_problem (key, error->message);
  return TX_CLI_EXIT_REFUSED;
}

static int
report_ledger (TxCli *cli, int argc, char **argv)
{
  g_autofree char *village = NULL, *xlsx = NULL, *search = NULL, *exit_reason = NULL;
  g_autofree char *today_iso = NULL, *tomorrow_iso = NULL;
  gboolean key_care = FALSE, all = FALSE, incomplete = FALSE, ineligible = FALSE, exited = FALSE;
  gboolean overdue = FALSE, urgent = FALSE, update_due = FALSE;
  const GOptionEntry entries[] = {
    { "key-care", 0, 0, G_OPTION_ARG_NONE, &key_care, N_("The key-care ledger (重点关爱服务对象台账)"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every record on the register, drafts and children not (yet) eligible "
                                              "too, with their status (without it: complete records of eligible "
                                              "children)"), NULL },
    { "exited", 0, 0, G_OPTION_ARG_NONE, &exited, N_("The children who left the register, with the day, the reason, "
                                                    "who recorded it and the note"), NULL },
    { "exit-reason", 0, 0, G_OPTION_ARG_STRING, &exit_reason, N_("With --exited: only this reason"), N_("REASON") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search, N_("Part of a name, pinyin initials, or digits of the identity number"), N_("TEXT") },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("Only children living in this village (or township)"), N_("CODE") },
    { "incomplete", 0, 0, G_OPTION_ARG_NONE, &incomplete, N_("Only drafts and incomplete records"), NULL },
    { "not-eligible", 0, 0, G_OPTION_ARG_NONE, &ineligible, N_("Only children not (yet) eligible"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue, N_("Only children whose home visit is overdue"), NULL },
    { "urgent", 0, 0, G_OPTION_ARG_NONE, &urgent, N_("Only children with an open urgent case"), NULL },
    { "update-due", 0, 0, G_OPTION_ARG_NONE, &update_due, N_("Only children whose information update is due"), NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the ledger to this Excel file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxChildQuery q = { 0 };
  TxReportOptions o = { 0 };
  guint n = 0;
  GDate today;
  int status;

  g_option_context_set_summary (ctx, _("Writes the ledger: one row per child with every field of the form, "
                                       "a number, the age today and the record's status. Without --all, only "
                                       "the children on the register today: complete records of eligible "
                                       "children within the age limits. With --exited, the children who left "
                                       "the register instead. The other options filter as child list does."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (xlsx == NULL || argc > 1 || (exited && all) || (exit_reason && !exited))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli report ledger [--key-care] [--all | --exited "
                                      "[--exit-reason REASON]] [--village CODE] [other filters of child list] "
                                      "--xlsx FILE"));
  if (exit_reason && !tx_exit_reason_valid (exit_reason))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) tx_exit_reasons ());
      g_autofree char *message = g_strdup_printf (_("“%s” is not a reason to leave the register; use one of %s."),
                                                  exit_reason, list);
      return tx_cli_usage_error (ctx, message);
    }
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  q.search = search;
  q.exit_reason = exit_reason;
  q.incomplete_only = incomplete;
  q.ineligible_only = ineligible;
  q.urgent_only = urgent;
  if (overdue)
    q.overdue_before = today_iso;
  if (update_due)
    {
      GDate t = today;
      /* due today counts: the update is to be made by then */
      g_date_add_days (&t, 1);
      tomorrow_iso = tx_date_format (&t);
      q.refresh_before = tomorrow_iso;
    }
  /* asking for drafts or children not eligible asks for more than the register */
  o.records = exited ? TX_REPORT_RECORDS_LEFT
            : !all && !incomplete && !ineligible ? TX_REPORT_RECORDS_REGISTERED : TX_REPORT_RECORDS_ALL;
  o.division = village;
  o.filters = &q;
  if (!tx_report_export (store, key_care ? TX_REPORT_KEY_CARE_LEDGER : TX_REPORT_LEDGER, &o, xlsx, &n, NULL, &error))
    {
      return report_failure (error, "file");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u child to %s.\n", "Wrote %u children to %s.\n", n), n, xlsx);
  return TX_CLI_EXIT_OK;
}

/* report overdue and report urgent: the lists that need acting on */
static int
report_list (TxCli *cli, int argc, char **argv)
{
  gboolean urgent = g_str_equal (argv[0], "urgent");
  g_autofree char *village = NULL, *pdf = NULL, *xlsx = NULL;
  const GOptionEntry entries[] = {
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("Only children living in this village (or township)"), N_("CODE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the list to this PDF file"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the list to this Excel file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxReportOptions o = { 0 };
  guint n = 0;
  int status;

  g_option_context_set_summary (ctx, urgent ? _("Writes the list of open urgent cases with their police reports.")
                                            : _("Writes the list of children whose home visit is overdue, "
                                                "oldest first by village."));
  g_option_context_add_main_entries (ctx, urgent ? entries + 1 : entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if ((pdf == NULL) == (xlsx == NULL) || argc > 1)
    return tx_cli_usage_error (ctx, urgent ? _("Usage: tongxing-cli report urgent --pdf FILE | --xlsx FILE")
                                           : _("Usage: tongxing-cli report overdue [--village CODE] --pdf FILE | --xlsx FILE"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  o.division = village;
  o.format = pdf ? TX_REPORT_FORMAT_PDF : TX_REPORT_FORMAT_XLSX;
  if (!tx_report_export (store, urgent ? TX_REPORT_URGENT_LIST : TX_REPORT_OVERDUE_LIST, &o, pdf ? pdf : xlsx, &n,
                         NULL, &error))
    {
      return report_failure (error, "file");
    }
  g_print (urgent ? g_dngettext (GETTEXT_PACKAGE, "Wrote %u urgent case to %s.\n", "Wrote %u urgent cases to %s.\n", n)
                  : g_dngettext (GETTEXT_PACKAGE, "Wrote %u overdue child to %s.\n", "Wrote %u overdue children to %s.\n", n),
           n, pdf ? pdf : xlsx);
  return TX_CLI_EXIT_OK;
}

static int
report_visits (TxCli *cli, int argc, char **argv)
{
  g_autofree char *month = NULL, *village = NULL, *pdf = NULL, *xlsx = NULL, *visitor = NULL;
  const GOptionEntry entries[] = {
    { "month", 0, 0, G_OPTION_ARG_STRING, &month, N_("The month of the log"), N_("YYYY-MM") },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("Only children living in this village (or township)"), N_("CODE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the log to this PDF file"), N_("FILE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the log to this Excel file"), N_("FILE") },
    { "visitor", 0, 0, G_OPTION_ARG_STRING, &visitor, N_("Only the visits this person made"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *from = NULL, *to = NULL;
  TxReportOptions o = { 0 };
  guint n = 0;
  GDate d;
  int status;

  g_option_context_set_summary (ctx, _("Writes the monthly visit log for signing: every visit of the month "
                                       "by village and date, a summary and the signature lines."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (month == NULL || (pdf == NULL) == (xlsx == NULL) || argc > 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli report visits --month YYYY-MM [--village CODE] [--visitor NAME] "
                                      "--pdf FILE | --xlsx FILE"));
  if (!tx_cli_month_range (month, &from, &to) || !tx_date_parse (from, &d))
    return tx_cli_usage_error (ctx, _("--month takes a month as YYYY-MM, for example 2026-11."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  o.division = village;
  o.visitor = visitor;
  o.year = g_date_get_year (&d);
  o.month = g_date_get_month (&d);
  o.format = pdf ? TX_REPORT_FORMAT_PDF : TX_REPORT_FORMAT_XLSX;
  if (!tx_report_export (store, TX_REPORT_VISIT_LOG, &o, pdf ? pdf : xlsx, &n, NULL, &error))
    {
      return report_failure (error, "file");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u visit to %s.\n", "Wrote %u visits to %s.\n", n), n,
           pdf ? pdf : xlsx);
  return TX_CLI_EXIT_OK;
}

static int
report_form (TxCli *cli, int argc, char **argv)
{
  g_autofree char *child = NULL, *village = NULL, *pdf = NULL;
  gboolean key_care = FALSE, blank = FALSE;
  const GOptionEntry entries[] = {
    { "child", 0, 0, G_OPTION_ARG_STRING, &child, N_("The form of this child"), N_("ID") },
    { "key-care", 0, 0, G_OPTION_ARG_NONE, &key_care, N_("The forms of all key-care children"), NULL },
    { "village", 0, 0, G_OPTION_ARG_STRING, &village, N_("The forms of the children living in this village"), N_("CODE") },
    { "blank", 0, 0, G_OPTION_ARG_NONE, &blank, N_("The blank form, for field visits"), NULL },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the forms to this PDF file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxReportOptions o = { 0 };
  guint n = 0;
  int status;

  g_option_context_set_summary (ctx, _("Prints registration forms (Appendix 1) for the paper archive, "
                                       "one child from each new page."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (pdf == NULL || argc > 1 || (child != NULL) + key_care + (village != NULL) + blank == 0 ||
      (blank && (child || key_care || village)) || (child && (key_care || village)))
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli report form --child ID | --key-care [--village CODE] | "
                                      "--village CODE | --blank --pdf FILE"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  o.child_id = child;
  o.division = village;
  if (!tx_report_export (store, blank ? TX_REPORT_BLANK_FORM : key_care ? TX_REPORT_KEY_CARE_FORMS : TX_REPORT_FORMS,
                         &o, pdf, &n, NULL, &error))
    {
      return report_failure (error, g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND) ? "child" : "file");
    }
  if (blank)
    g_print (_("Wrote the blank form to %s.\n"), pdf);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u form to %s.\n", "Wrote %u forms to %s.\n", n), n, pdf);
  return TX_CLI_EXIT_OK;
}

static int
report_stats (TxCli *cli, int argc, char **argv)
{
  g_autofree char *from = NULL, *to = NULL, *xlsx = NULL, *pdf = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("The period's first day"), N_("DATE") },
    { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_("Write the statistics to this PDF file, with bar charts"), N_("FILE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The period's last day"), N_("DATE") },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx, N_("Write the statistics to this Excel file"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  TxReportOptions o = { 0 };
  guint n = 0;
  int status;

  g_option_context_set_summary (ctx, _("Writes the statistics of a period per village and in total; no names."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (from == NULL || to == NULL || (xlsx == NULL) == (pdf == NULL) || argc > 1)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli report stats --from DATE --to DATE --xlsx FILE | --pdf FILE"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  o.from = from;
  o.to = to;
  o.format = xlsx ? TX_REPORT_FORMAT_XLSX : TX_REPORT_FORMAT_PDF;
  if (!tx_report_export (store, TX_REPORT_STATISTICS, &o, xlsx ? xlsx : pdf, &n, NULL, &error))
    {
      return report_failure (error, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? "period" : "file");
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Counted %u child into %s.\n", "Counted %u children into %s.\n", n),
           n, xlsx ? xlsx : pdf);
  return TX_CLI_EXIT_OK;
}

static int
report_log (TxCli *cli, int argc, char **argv)
{
  gboolean json = FALSE;
  int limit = 100;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Entries to show (default 100)"), N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) log = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Lists the exports and prints made here, the newest first."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || limit < 0)
    return tx_cli_usage_error (ctx, _("Usage: tongxing-cli report log [--limit N] [--json]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (!(log = tx_store_export_log (store, limit, &error)))
    return tx_cli_store_failure (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; i < log->len; i++)
        {
          TxExport *e = log->pdata[i];

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "at");
          json_builder_add_string_value (b, e->at);
          json_builder_set_member_name (b, "who");
          json_builder_add_string_value (b, e->who);
          json_builder_set_member_name (b, "what");
          json_builder_add_string_value (b, e->what);
          json_builder_set_member_name (b, "detail");
          json_builder_add_string_value (b, e->detail);
          json_builder_set_member_name (b, "children");
          json_builder_add_int_value (b, e->children);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      tx_cli_print_json (root);
      return TX_CLI_EXIT_OK;
    }
  for (guint i = 0; i < log->len; i++)
    {
      TxExport *e = log->pdata[i];
      g_print ("%s  %-12s  %-16s  %6u  %s\n", e->at, e->who ? e->who : "—", e->what, e->children,
               e->detail ? e->detail : "");
    }
  return TX_CLI_EXIT_OK;
}

int
tx_cli_report (TxCli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } subs[] = {
    { "ledger", report_ledger }, { "visits", report_visits }, { "form", report_form },
    { "stats", report_stats }, { "overdue", report_list }, { "urgent", report_list }, { "log", report_log },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].func (cli, argc - 1, argv + 1);
  return tx_cli_usage_error (NULL, _("Usage: tongxing-cli report ledger [--key-care] [--all | --exited] [--village CODE] --xlsx FILE | "
                                     "report visits --month YYYY-MM --pdf FILE | report form … --pdf FILE | "
                                     "report stats --from DATE --to DATE --xlsx FILE | report overdue|urgent --pdf|--xlsx FILE | "
                                     "report log [--json]"));
}
