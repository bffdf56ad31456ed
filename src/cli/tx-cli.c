/* tx-cli.c — the commands of tongxing-cli
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status 0 on success, 1 when the work was refused (with one
 * “key: message” line per problem on stderr and nothing written), 2 for a
 * command line that cannot be understood.
 */

#define G_LOG_DOMAIN "tx-cli"

#include "config.h"

#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-cli-private.h"

void
problem (const char *key,
         const char *message)
{
  g_printerr ("%s: %s\n", key, message);
}

int
usage_error (GOptionContext *ctx,
             const char     *message)
{
  g_printerr ("%s\n", message);
  if (ctx)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return EXIT_USAGE;
}

gboolean
parse_options (GOptionContext  *ctx,
               int             *argc,
               char          ***argv,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *status = usage_error (ctx, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Only init creates a database; the other commands refuse a missing one
 * rather than leave an empty file behind */
static TxStore *
open_store_full (Cli *cli, gboolean create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : tx_store_default_path ();
  TxStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("There is no database at %s. Set up the "
                                                "workstation first with “tongxing-cli init”, "
                                                "or give the right file with --db."), path);
      problem ("database", msg);
      return NULL;
    }
  store = tx_store_open (path, &error);

  if (store == NULL)
    problem ("database", error->message);
  return store;
}

TxStore *
open_store (Cli *cli)
{
  return open_store_full (cli, FALSE);
}

/* Prints a store error under the key it concerns */
int
store_failure (const GError *error)
{
  const char *key = "error";

  if (error->domain == TX_STORE_ERROR)
    switch (error->code)
      {
      case TX_STORE_ERROR_DUPLICATE: key = "id_number"; break;
      case TX_STORE_ERROR_NOT_FOUND: key = "id"; break;
      case TX_STORE_ERROR_NOT_SET_UP:
        /* the core's message names no command: the window shows it too */
        problem ("workstation", error->message);
        problem ("workstation", _("Set it up with “tongxing-cli init --county CODE --township CODE”."));
        return EXIT_REFUSED;
      case TX_STORE_ERROR_SETTINGS: key = "workstation"; break;
      case TX_STORE_ERROR_NO_NAME: key = "name"; break;
      case TX_STORE_ERROR_INVALID:
      case TX_STORE_ERROR_INCOMPLETE: key = "record"; break;
      default: key = "database"; break;
      }
  problem (key, error->message);
  return EXIT_REFUSED;
}

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
          problem (key, p->message);
          break;
        case TX_SEVERITY_MISSING:
          /* a draft may lack values: then they are not failures */
          if (failed)
            problem (key, p->message);
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

/* Reads a JSON object from a file, or from stdin for "-" or no file */
static JsonObject *
read_json_object (const char *file,
                  JsonParser *parser)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (file == NULL || g_str_equal (file, "-"))
    {
      g_autoptr(GInputStream) in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
      ok = json_parser_load_from_stream (parser, in, NULL, &error);
    }
  else
    ok = json_parser_load_from_file (parser, file, &error);

  if (!ok)
    {
      g_autofree char *msg = g_strdup_printf (_("The input is not valid JSON (%s). Give one "
                                                "object keyed by the form's field keys."),
                                              error->message);
      problem ("input", msg);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      problem ("input", _("The input must be one JSON object keyed by the form's field keys, "
                          "like {\"name\": \"张小明\"}."));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
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
      problem (p->key, p->message);
    }
  return FALSE;
}

void
print_json (JsonNode *node)
{
  g_autofree char *text = tx_json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

/* init */

static int
cmd_init (Cli *cli, int argc, char **argv)
{
  g_autofree char *county = NULL, *township = NULL, *name = NULL, *supervisor = NULL, *directors = NULL;
  const GOptionEntry entries[] = {
    { "county", 0, 0, G_OPTION_ARG_STRING, &county, N_("Six-digit code of the county"), N_("CODE") },
    { "township", 0, 0, G_OPTION_ARG_STRING, &township, N_("Nine-digit code of the township (none for a county office)"), N_("CODE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name of this workstation"), N_("TEXT") },
    { "supervisor", 0, 0, G_OPTION_ARG_STRING, &supervisor,
      N_("The child supervisor, who makes the reports and is named on them"), N_("NAME") },
    { "directors", 0, 0, G_OPTION_ARG_STRING, &directors, N_("The child directors, separated by commas"),
      N_("NAMES") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Sets the reporting unit of this workstation."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (county == NULL)
    return usage_error (ctx, _("init needs --county CODE."));
  if (argc > 1)
    return usage_error (ctx, _("init takes no arguments besides its options."));

  if (!(store = open_store_full (cli, TRUE)))
    return EXIT_REFUSED;
  /* as the window's first run: all of it or nothing */
  if (!tx_store_begin (store, &error))
    return store_failure (error);
  if (!tx_station_init_workstation (store, county, township, name, &error) ||
      (supervisor && (!tx_store_set_setting (store, "supervisor", supervisor, &error) ||
                      !tx_store_set_setting (store, "editor", supervisor, &error))) ||
      (directors && !tx_store_set_setting (store, "directors", directors, &error)))
    {
      tx_store_rollback (store);
      return store_failure (error);
    }
  if (!tx_store_commit (store, &error))   /* rolled back */
    return store_failure (error);

  {
    g_autofree char *unit = tx_division_full_name (township ? township : county);
    g_autofree char *station_name = tx_store_get_setting (store, "station_name");
    g_print (_("Workstation “%s” set up for %s.\n"), station_name, unit);
  }
  return EXIT_OK;
}

/* form */

static int
cmd_form (Cli *cli, int argc, char **argv)
{
  g_autofree char *json = NULL;

  if (argc != 2 || !g_str_equal (argv[1], "describe"))
    return usage_error (NULL, _("Usage: tongxing-cli form describe"));
  json = tx_form_describe_json ();
  g_print ("%s\n", json);
  return EXIT_OK;
}

/* child */

static int
child_add (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return usage_error (ctx, _("Give at most one file."));

  if (!(obj = read_json_object (argc == 2 ? argv[1] : NULL, parser)))
    return EXIT_REFUSED;
  if (!apply_input (obj, record))
    return EXIT_REFUSED;
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;

  id = tx_store_child_add (store, record, draft, &check, &error);
  print_check (check, id == NULL && !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME));
  if (id == NULL)
    {
      /* the problems above say what is wrong; this line says what happened */
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return store_failure (error);
      return EXIT_REFUSED;
    }
  g_print ("%s\n", id);
  return EXIT_OK;
}

static int
child_get (Cli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autoptr(TxCheck) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  TxRulesContext ctx;

  if (argc != 2)
    return usage_error (NULL, _("Usage: tongxing-cli child get ID"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(record = tx_store_child_get (store, argv[1], &error)))
    return store_failure (error);
  tx_store_rules_context (store, &ctx);
  check = tx_rules_apply (record, &ctx);
  node = tx_json_from_record (record, check);
  print_json (node);
  return EXIT_OK;
}

static int
child_update (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc < 2 || argc > 3)
    return usage_error (ctx, _("Give the id of the child, then at most one file."));

  if (!(obj = read_json_object (argc == 3 ? argv[2] : NULL, parser)))
    return EXIT_REFUSED;
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(record = tx_store_child_get (store, argv[1], &error)))
    return store_failure (error);
  if (!apply_input (obj, record))
    return EXIT_REFUSED;

  /* a draft stays acceptable as a draft */
  if (!tx_store_child_update (store, record, draft || record->draft, &check, &error))
    {
      print_check (check, !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NO_NAME));
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return store_failure (error);
      return EXIT_REFUSED;
    }
  print_check (check, FALSE);
  return EXIT_OK;
}

static int
child_delete (Cli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    return usage_error (NULL, _("Usage: tongxing-cli child delete ID"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!tx_store_child_delete (store, argv[1], &error))
    return store_failure (error);
  return EXIT_OK;
}

static const char *
status_label (const TxChildRow *row,
              int               age)
{
  switch (tx_status_of (row->draft, row->complete, row->eligible, age))
    {
    case TX_STATUS_DRAFT: return _("draft");
    case TX_STATUS_INCOMPLETE: return _("incomplete");
    case TX_STATUS_AGED_OUT: return _("16 or over");
    case TX_STATUS_NOT_ELIGIBLE: return _("not yet eligible");
    case TX_STATUS_COMPLETE:
    default: return _("complete");
    }
}

/* Pads a cell to a display width, counting CJK characters as two columns */
static void
append_cell (GString    *line,
             const char *text,
             int         width)
{
  int w = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    w += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  g_string_append (line, text);
  for (; w < width; w++)
    g_string_append_c (line, ' ');
  g_string_append (line, "  ");
}

static int
child_list (Cli *cli, int argc, char **argv)
{
  g_autofree char *search = NULL, *village = NULL;
  gboolean key_care = FALSE, incomplete = FALSE, ineligible = FALSE, json = FALSE, reveal = FALSE;
  gboolean overdue = FALSE, urgent = FALSE, update_due = FALSE;
  g_autofree char *today_iso = NULL, *tomorrow_iso = NULL;
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
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Rows to show (default 100)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Rows to skip"), N_("N") },
    { "reveal-ids", 0, 0, G_OPTION_ARG_NONE, &reveal, N_("Show identity numbers in full"), NULL },
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (ctx, _("child list takes no arguments besides its options."));
  if (limit < 0 || offset < 0)
    return usage_error (ctx, _("--limit and --offset take numbers of zero or more."));

  q.search = search;
  q.division = village;
  q.key_care_only = key_care;
  q.incomplete_only = incomplete;
  q.ineligible_only = ineligible;
  q.urgent_only = urgent;
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

  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(rows = tx_store_child_list (store, &q, offset, limit, &error)) ||
      (total = tx_store_child_count (store, &q, &error)) < 0)
    return store_failure (error);
  tx_date_today (&today);

  if (json)
    {
      g_autoptr(JsonArray) arr = json_array_new ();
      g_autoptr(JsonNode) root = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < rows->len; i++)
        {
          TxChildRow *row = rows->pdata[i];
          JsonNode *n = tx_json_from_row (row, &today);

          if (!reveal && row->id_number)
            {
              g_autofree char *masked = tx_id_mask (row->id_number);
              json_object_set_string_member (json_node_get_object (n), "id_number", masked);
            }
          json_array_add_element (arr, n);
        }
      json_node_set_array (root, arr);
      print_json (root);
      return EXIT_OK;
    }

  if (rows->len > 0)
    {
      g_autoptr(GString) head = g_string_new (NULL);

      append_cell (head, _("Id"), 36);
      append_cell (head, _("Name"), 12);
      append_cell (head, _("Gender"), 6);
      append_cell (head, _("Age"), 3);
      append_cell (head, _("Identity number"), 18);
      append_cell (head, _("Village or community"), 20);
      append_cell (head, _("Key care"), 8);
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

      append_cell (line, row->id, 36);
      append_cell (line, row->name ? row->name : "", 12);
      append_cell (line, g ? tx_choice_label (g) : "", 6);
      append_cell (line, age, 3);
      append_cell (line, idn, 18);
      append_cell (line, village_name ? village_name : "", 20);
      append_cell (line, row->key_care ? _("key care") : "", 8);
      g_string_append (line, status_label (row, years));
      g_print ("%s\n", line->str);
    }
  /* Translators: shown under a list of children: 100 of 2,345 children */
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u of %lld child\n", "%u of %lld children\n", total),
              rows->len, (long long) total);
  return EXIT_OK;
}

static int
cmd_child (Cli *cli, int argc, char **argv)
{
  static const struct { const char *name; CommandFunc func; } subs[] = {
    { "add", child_add }, { "get", child_get }, { "update", child_update },
    { "delete", child_delete }, { "list", child_list },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return usage_error (NULL, _("Usage: tongxing-cli child add|get|update|delete|list …"));
}

/* check-id */

static int
cmd_check_id (Cli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  TxIdInfo info;
  const char *region_name;
  g_autofree char *region_full = NULL;

  if (argc != 2)
    return usage_error (NULL, _("Usage: tongxing-cli check-id NUMBER"));
  if (!tx_id_parse (argv[1], &info, &error))
    {
      problem ("id_number", error->message);
      return EXIT_REFUSED;
    }
  birth = tx_date_format (&info.birth);
  region_full = tx_division_full_name (info.region);
  if (region_full == NULL)
    {
      /* the county may have been renamed or merged since the number was issued */
      char city[5], prov[3];
      g_strlcpy (city, info.region, sizeof city);
      g_strlcpy (prov, info.region, sizeof prov);
      region_full = tx_division_full_name (city);
      if (region_full == NULL)
        region_full = tx_division_full_name (prov);
      if (region_full)
        {
          char *t = g_strdup_printf (_("%s (county code %s no longer in use)"), region_full, info.region);
          g_free (region_full);
          region_full = t;
        }
    }
  region_name = region_full ? region_full : _("unknown region");

  g_print (_("Valid identity number %s\n"), info.number);
  g_print (_("Date of birth: %s\n"), birth);
  g_print (_("Gender: %s\n"), info.male ? _("male") : _("female"));
  g_print (_("Region: %s (%s)\n"), region_name, info.region);
  return EXIT_OK;
}

/* demo */

static void
demo_progress (guint done, guint total, gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%u / %u", done, total);
}

static int
cmd_demo (Cli *cli, int argc, char **argv)
{
  int children = -1, seed = 1;
  const GOptionEntry entries[] = {
    { "children", 0, 0, G_OPTION_ARG_INT, &children, N_("How many children to add"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("Seed of the generator (the same seed gives the same children)"), N_("S") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_set_summary (ctx, _("Adds synthetic children for trying Tongxing out."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (children < 0 || argc > 1)
    return usage_error (ctx, _("demo needs --children N."));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!tx_demo_generate (store, children, seed, demo_progress, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return store_failure (error);
    }
  if (isatty (STDERR_FILENO) && children >= 1000)
    g_printerr ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %d demo child.\n", "Added %d demo children.\n", children),
           children);
  return EXIT_OK;
}

/* visits */

static gboolean
month_range (const char *month,
             char      **from,
             char      **to)
{
  GDate d;
  g_autofree char *first = g_strconcat (month, "-01", NULL);

  if (strlen (month) != 7 || !tx_date_parse (first, &d))
    return FALSE;
  *from = tx_date_format (&d);
  g_date_set_day (&d, g_date_get_days_in_month (g_date_get_month (&d), g_date_get_year (&d)));
  *to = tx_date_format (&d);
  return TRUE;
}

static int
visits_due (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || (month && on) || (!month && !on && !overdue))
    return usage_error (ctx, _("Give --month YYYY-MM or --on DATE, or --overdue."));
  if (month && !month_range (month, &from, &to))
    return usage_error (ctx, _("--month takes a month as YYYY-MM, such as 2026-11."));
  if (on)
    {
      from = tx_date_normalize (on);
      if (from == NULL)
        return usage_error (ctx, _("--on takes a date, such as 2026-11-25."));
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

  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(rows = tx_store_visits_due (store, from, to, &error)))
    return store_failure (error);

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
      print_json (root);
      return EXIT_OK;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      TxDueRow *r = rows->pdata[i];
      g_autoptr(GString) line = g_string_new (NULL);
      const char *village = tx_division_name (r->residence_division);

      append_cell (line, r->due_date, 10);
      append_cell (line, strcmp (r->due_date, today_iso) < 0 ? _("overdue") : "", 8);
      append_cell (line, r->name ? r->name : "", 12);
      append_cell (line, village ? village : "", 20);
      append_cell (line, r->key_care ? _("key care") : "", 8);
      g_string_append (line, r->id);
      g_print ("%s\n", line->str);
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u child due\n", "%u children due\n", rows->len), rows->len);
  return EXIT_OK;
}

static void
print_visit_problems (GPtrArray *problems,
                      gboolean   failed)
{
  for (guint i = 0; problems && i < problems->len; i++)
    {
      TxVisitProblem *p = problems->pdata[i];

      if (p->severity == TX_SEVERITY_ERROR || (p->severity == TX_SEVERITY_MISSING && failed))
        problem (p->key, p->message);
      else
        g_printerr ("%s: %s: %s\n", p->key, _("note"), p->message);
    }
}

static int
visit_add (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 2)
    return usage_error (ctx, _("Give at most one file."));
  if (!(obj = read_json_object (argc == 2 ? argv[1] : NULL, parser)))
    return EXIT_REFUSED;

  {
    g_autoptr(GPtrArray) bad = tx_visit_problems_new ();
    if (!tx_visit_apply_json (visit, obj, bad))
      {
        print_visit_problems (bad, TRUE);
        return EXIT_REFUSED;
      }
  }
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  id = tx_store_visit_add (store, visit, draft, &problems, &error);
  print_visit_problems (problems, id == NULL);
  if (id == NULL)
    {
      if (!g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) &&
          !g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE))
        return store_failure (error);
      return EXIT_REFUSED;
    }
  g_print ("%s\n", id);
  return EXIT_OK;
}

static int
visit_get (Cli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxVisit) visit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (argc != 2)
    return usage_error (NULL, _("Usage: tongxing-cli visit get ID"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(visit = tx_store_visit_get (store, argv[1], &error)))
    return store_failure (error);
  node = tx_visit_to_json (visit);
  print_json (node);
  return EXIT_OK;
}

static int
visit_list (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || (!child && !month))
    return usage_error (ctx, _("Give --child ID or --month YYYY-MM."));
  if (month && !month_range (month, &from, &to))
    return usage_error (ctx, _("--month takes a month as YYYY-MM, such as 2026-11."));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(visits = tx_store_visit_list (store, child, from, to, &error)))
    return store_failure (error);
  for (guint i = 0; i < visits->len; i++)
    json_array_add_element (arr, tx_visit_to_json (visits->pdata[i]));
  json_node_set_array (root, arr);
  print_json (root);
  return EXIT_OK;
}

static int
cmd_visit (Cli *cli, int argc, char **argv)
{
  static const struct { const char *name; CommandFunc func; } subs[] = {
    { "add", visit_add }, { "get", visit_get }, { "list", visit_list },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subs); i++)
      if (g_str_equal (argv[1], subs[i].name))
        return subs[i].func (cli, argc - 1, argv + 1);
  return usage_error (NULL, _("Usage: tongxing-cli visit add|get|list …"));
}

static int
services_change (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "";
  if ((g_str_equal (verb, "add") && (argc != 2 || !group || !name)) ||
      (g_str_equal (verb, "rename") && (argc != 3 || !name)) ||
      ((g_str_equal (verb, "retire") || g_str_equal (verb, "restore") || g_str_equal (verb, "delete")) && argc != 3))
    return usage_error (ctx, _("services add --group GROUP --name TEXT, services rename ID --name TEXT, "
                               "services retire|restore|delete ID"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;

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
      problem ("service", error->message);
      return EXIT_REFUSED;
    }
  return EXIT_OK;
}

static int
cmd_services (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 2 || !g_str_equal (argv[1], "list"))
    return usage_error (ctx, _("Usage: tongxing-cli services list [--json] [--all]"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(services = tx_store_services (store, all, &error)))
    return store_failure (error);

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
      print_json (root);
      return EXIT_OK;
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
  return EXIT_OK;
}

static int
cmd_urgent (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (!((argc == 2 && g_str_equal (argv[1], "list")) || (argc == 3 && g_str_equal (argv[1], "close"))))
    return usage_error (ctx, _("Usage: tongxing-cli urgent list [--json] | urgent close CHILD_ID --note TEXT [--by NAME]"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;

  if (g_str_equal (argv[1], "close"))
    {
      g_autofree char *editor = by ? g_strdup (by) : tx_store_get_setting (store, "editor");
      if (!tx_store_urgent_close (store, argv[2], note, editor, &error))
        {
          problem (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID) ? "note" : "id",
                   error->message);
          return EXIT_REFUSED;
        }
      return EXIT_OK;
    }
  {
    g_autoptr(GPtrArray) cases = tx_store_urgent_open (store, &error);
    g_autoptr(JsonBuilder) b = json_builder_new ();
    g_autoptr(JsonNode) root = NULL;

    if (cases == NULL)
      return store_failure (error);
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
        return EXIT_OK;
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
    print_json (root);
  }
  return EXIT_OK;
}

static int
cmd_visits (Cli *cli, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "due"))
    return visits_due (cli, argc - 1, argv + 1);
  return usage_error (NULL, _("Usage: tongxing-cli visits due --month YYYY-MM | --on DATE [--overdue] [--json]"));
}

/* division */

static int
cmd_division (Cli *cli, int argc, char **argv)
{
  static const struct { const char *name; TxDivisionLevel level; } levels[] = {
    { "province", TX_DIVISION_PROVINCE }, { "city", TX_DIVISION_CITY },
    { "county", TX_DIVISION_COUNTY }, { "township", TX_DIVISION_TOWNSHIP },
    { "village", TX_DIVISION_VILLAGE },
  };
  g_autofree char *level_name = NULL;
  const GOptionEntry entries[] = {
    { "level", 0, 0, G_OPTION_ARG_STRING, &level_name, N_("province, city, county (default), township or village"), N_("LEVEL") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("search TEXT | children CODE"));
  g_autoptr(GPtrArray) found = NULL;
  TxDivisionLevel level = TX_DIVISION_COUNTY;
  int status;

  g_option_context_set_summary (ctx, _("Looks up GB/T 2260 divisions by name or code."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return usage_error (ctx, _("Give search TEXT or children CODE."));
  if (level_name)
    {
      gboolean ok = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        if (g_str_equal (level_name, levels[i].name))
          level = levels[i].level, ok = TRUE;
      if (!ok)
        return usage_error (ctx, _("--level takes province, city, county, township or village."));
    }

  if (g_str_equal (argv[1], "search"))
    {
      /* villages are searched within the province a code names */
      if (level == TX_DIVISION_VILLAGE && strspn (argv[2], "0123456789") < 2)
        return usage_error (ctx, _("Search villages by code: give at least the province's two digits."));
      found = tx_division_search (argv[2], level, 200);
    }
  else if (g_str_equal (argv[1], "children"))
    found = tx_division_children (argv[2]);
  else
    return usage_error (ctx, _("Give search TEXT or children CODE."));

  for (guint i = 0; i < found->len; i++)
    {
      const TxDivision *d = found->pdata[i];
      g_autofree char *full = tx_division_full_name (d->code);
      g_print ("%s\t%s\n", d->code, full ? full : d->name);
    }
  if (found->len == 0)
    {
      problem ("division", _("Nothing matches; try part of the name or the first digits of the code."));
      return EXIT_REFUSED;
    }
  return EXIT_OK;
}

/* schedule and staff */

static int
cmd_schedule (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return usage_error (ctx, _("Usage: tongxing-cli schedule [--good-months N] [--average-months N] "
                               "[--key-care-days N] [--first-visit-days N]"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
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
        return store_failure (error);
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
  return EXIT_OK;
}

/* reports */

static int
report_ledger (Cli *cli, int argc, char **argv)
{
  g_autofree char *village = NULL, *xlsx = NULL, *search = NULL;
  g_autofree char *today_iso = NULL, *tomorrow_iso = NULL;
  gboolean key_care = FALSE, all = FALSE, incomplete = FALSE, ineligible = FALSE;
  gboolean overdue = FALSE, urgent = FALSE, update_due = FALSE;
  const GOptionEntry entries[] = {
    { "key-care", 0, 0, G_OPTION_ARG_NONE, &key_care, N_("The key-care ledger (重点关爱服务对象台账)"), NULL },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Every record, drafts and children not (yet) eligible or 16 and over "
                                              "too, with their status (without it: the children on the register)"), NULL },
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
  guint n = 0;
  GDate today;
  int status;

  g_option_context_set_summary (ctx, _("Writes the ledger: one row per child with every field of the form, "
                                       "a number, the age today and the record's status. Without --all, only "
                                       "the children on the register today: complete records of eligible "
                                       "children under 16. The other options filter as child list does."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (xlsx == NULL || argc > 1)
    return usage_error (ctx, _("Usage: tongxing-cli report ledger [--key-care] [--all] [--village CODE] "
                               "[other filters of child list] --xlsx FILE"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  q.search = search;
  q.division = village;
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
  if (!all && !incomplete && !ineligible)
    q.registered_on = today_iso;
  if (!tx_report_ledger_xlsx (store, key_care ? TX_LEDGER_KEY_CARE : TX_LEDGER_ALL, &q, xlsx, &n, NULL, &error))
    {
      g_printerr ("file: %s\n", error->message);
      return EXIT_REFUSED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u child to %s.\n", "Wrote %u children to %s.\n", n), n, xlsx);
  return EXIT_OK;
}

/* Writes @log (taken) as a workbook; %FALSE with @error set if it is %NULL */
static gboolean
write_list_xlsx (TxStore     *store,
                 TxPagedList  *log,
                 const char  *path,
                 guint       *n,
                 GError     **error)
{
  g_autoptr(TxPagedList) owned = log;

  if (log == NULL)
    return FALSE;
  *n = tx_paged_list_get_n_rows (log);
  return tx_paged_list_write_xlsx (log, store, path, error);
}

/* report overdue and report urgent: the lists that need acting on */
static int
report_list (Cli *cli, int argc, char **argv)
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
  TxPagedList *list;
  guint n = 0;
  gboolean ok;
  int status;

  g_option_context_set_summary (ctx, urgent ? _("Writes the list of open urgent cases with their police reports.")
                                            : _("Writes the list of children whose home visit is overdue, "
                                                "oldest first by village."));
  g_option_context_add_main_entries (ctx, urgent ? entries + 1 : entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if ((pdf == NULL) == (xlsx == NULL) || argc > 1)
    return usage_error (ctx, urgent ? _("Usage: tongxing-cli report urgent --pdf FILE | --xlsx FILE")
                                    : _("Usage: tongxing-cli report overdue [--village CODE] --pdf FILE | --xlsx FILE"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  list = urgent ? tx_urgent_list_new (store, &error) : tx_overdue_list_new (store, village, &error);
  if (pdf)
    {
      g_autoptr(TxPagedList) owned = list;
      ok = list && tx_paged_list_write_pdf (list, store, pdf, NULL, &error);
      n = list ? tx_paged_list_get_n_rows (list) : 0;
    }
  else
    ok = write_list_xlsx (store, list, xlsx, &n, &error);
  if (!ok)
    {
      g_printerr ("file: %s\n", error->message);
      return EXIT_REFUSED;
    }
  g_print (urgent ? g_dngettext (GETTEXT_PACKAGE, "Wrote %u urgent case to %s.\n", "Wrote %u urgent cases to %s.\n", n)
                  : g_dngettext (GETTEXT_PACKAGE, "Wrote %u overdue child to %s.\n", "Wrote %u overdue children to %s.\n", n),
           n, pdf ? pdf : xlsx);
  return EXIT_OK;
}

static int
report_visits (Cli *cli, int argc, char **argv)
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
  guint n = 0;
  GDate d;
  int status;

  g_option_context_set_summary (ctx, _("Writes the monthly visit log for signing: every visit of the month "
                                       "by village and date, a summary and the signature lines."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (month == NULL || (pdf == NULL) == (xlsx == NULL) || argc > 1)
    return usage_error (ctx, _("Usage: tongxing-cli report visits --month YYYY-MM [--village CODE] [--visitor NAME] "
                               "--pdf FILE | --xlsx FILE"));
  if (!month_range (month, &from, &to) || !tx_date_parse (from, &d))
    return usage_error (ctx, _("--month takes a month as YYYY-MM, for example 2026-11."));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (pdf ? !tx_report_visit_log_pdf (store, g_date_get_year (&d), g_date_get_month (&d), village, visitor, pdf,
                                      &n, NULL, &error)
          : !write_list_xlsx (store, tx_visit_log_new (store, g_date_get_year (&d), g_date_get_month (&d), village,
                                                       visitor, &error), xlsx, &n, &error))
    {
      g_printerr ("file: %s\n", error->message);
      return EXIT_REFUSED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u visit to %s.\n", "Wrote %u visits to %s.\n", n), n,
           pdf ? pdf : xlsx);
  return EXIT_OK;
}

static int
report_form (Cli *cli, int argc, char **argv)
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
  TxChildQuery q = { 0 };
  guint n = 0;
  int status;

  g_option_context_set_summary (ctx, _("Prints registration forms (Appendix 1) for the paper archive, "
                                       "one child from each new page."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (pdf == NULL || argc > 1 || (child != NULL) + key_care + (village != NULL) + blank == 0 ||
      (blank && (child || key_care || village)) || (child && (key_care || village)))
    return usage_error (ctx, _("Usage: tongxing-cli report form --child ID | --key-care [--village CODE] | "
                               "--village CODE | --blank --pdf FILE"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  q.key_care_only = key_care;
  q.division = village;
  if (!tx_report_forms_pdf (store, child, blank ? NULL : &q, pdf, &n, NULL, &error))
    {
      g_printerr ("%s: %s\n", g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND) ? "child" : "file",
                  error->message);
      return EXIT_REFUSED;
    }
  if (blank)
    g_print (_("Wrote the blank form to %s.\n"), pdf);
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u form to %s.\n", "Wrote %u forms to %s.\n", n), n, pdf);
  return EXIT_OK;
}

static int
report_stats (Cli *cli, int argc, char **argv)
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
  guint n = 0;
  int status;

  g_option_context_set_summary (ctx, _("Writes the statistics of a period per village and in total; no names."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (from == NULL || to == NULL || (xlsx == NULL) == (pdf == NULL) || argc > 1)
    return usage_error (ctx, _("Usage: tongxing-cli report stats --from DATE --to DATE --xlsx FILE | --pdf FILE"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (xlsx ? !tx_report_stats_xlsx (store, from, to, xlsx, &n, NULL, &error)
           : !tx_report_stats_pdf (store, from, to, pdf, &n, NULL, &error))
    {
      g_printerr ("%s: %s\n", g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? "period" : "file",
                  error->message);
      return EXIT_REFUSED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Counted %u child into %s.\n", "Counted %u children into %s.\n", n),
           n, xlsx ? xlsx : pdf);
  return EXIT_OK;
}

static int
report_log (Cli *cli, int argc, char **argv)
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
  if (!parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc > 1 || limit < 0)
    return usage_error (ctx, _("Usage: tongxing-cli report log [--limit N] [--json]"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (!(log = tx_store_export_log (store, limit, &error)))
    return store_failure (error);
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
      print_json (root);
      return EXIT_OK;
    }
  for (guint i = 0; i < log->len; i++)
    {
      TxExport *e = log->pdata[i];
      g_print ("%s  %-12s  %-16s  %6u  %s\n", e->at, e->who ? e->who : "—", e->what, e->children,
               e->detail ? e->detail : "");
    }
  return EXIT_OK;
}

static int
cmd_report (Cli *cli, int argc, char **argv)
{
  static const struct { const char *name; CommandFunc func; } subs[] = {
    { "ledger", report_ledger }, { "visits", report_visits }, { "form", report_form },
    { "stats", report_stats }, { "overdue", report_list }, { "urgent", report_list }, { "log", report_log },
  };

  for (guint i = 0; argc > 1 && i < G_N_ELEMENTS (subs); i++)
    if (g_str_equal (argv[1], subs[i].name))
      return subs[i].func (cli, argc - 1, argv + 1);
  return usage_error (NULL, _("Usage: tongxing-cli report ledger [--key-care] [--all] [--village CODE] --xlsx FILE | "
                              "report visits --month YYYY-MM --pdf FILE | report form … --pdf FILE | "
                              "report stats --from DATE --to DATE --xlsx FILE | report overdue|urgent --pdf|--xlsx FILE | "
                              "report log [--json]"));
}

static int
cmd_holidays (Cli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL;

  if (!(argc == 1 || (argc == 3 && g_str_equal (argv[1], "load"))))
    return usage_error (NULL, _("Usage: tongxing-cli holidays [load FILE]"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  if (argc == 3)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (argv[2], &contents, &len, &error))
        {
          g_printerr ("file: %s\n", error->message);
          return EXIT_REFUSED;
        }
      if (!tx_store_load_holidays (store, contents, len, &error))
        {
          g_printerr ("file: %s: %s\n", argv[2], error->message);
          return EXIT_REFUSED;
        }
    }
  /* the years the working-day rule knows; others fall back to weekends */
  years = tx_holidays_years ();
  for (guint i = 0; i < years->len; i++)
    g_print ("%u\n", g_array_index (years, guint, i));
  return EXIT_OK;
}

static int
cmd_staff (Cli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_auto(GStrv) staff = NULL;

  if (argc > 1)
    return usage_error (NULL, _("Usage: tongxing-cli staff"));
  if (!(store = open_store (cli)))
    return EXIT_REFUSED;
  staff = tx_store_get_staff (store);
  for (guint i = 0; staff[i]; i++)
    g_print ("%s\n", staff[i]);
  return EXIT_OK;
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: tongxing-cli [--db PATH] COMMAND …"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  init --county CODE [--township CODE] [--name TEXT] [--supervisor NAME] [--directors NAMES]\n");
  g_print ("  form describe\n");
  g_print ("  child add [FILE|-] [--draft]\n");
  g_print ("  child get ID\n");
  g_print ("  child update ID [FILE|-] [--draft]\n");
  g_print ("  child delete ID\n");
  g_print ("  child list [--search TEXT] [--village CODE] [--key-care] [--incomplete]\n"
           "             [--not-eligible] [--overdue] [--urgent] [--update-due] [--limit N] [--offset N]\n"
           "             [--reveal-ids] [--json]\n");
  g_print ("  check-id NUMBER\n");
  g_print ("  demo --children N [--seed S]\n");
  g_print ("  visit add [FILE|-] [--draft]\n");
  g_print ("  visit get ID\n");
  g_print ("  visit list --child ID | --month YYYY-MM\n");
  g_print ("  visits due --month YYYY-MM | --on DATE [--overdue] [--json]\n");
  g_print ("  services list [--json] [--all]\n");
  g_print ("  services add --group GROUP --name TEXT [--en TEXT] | rename ID --name TEXT | retire|restore|delete ID\n");
  g_print ("  urgent list [--json] | urgent close CHILD_ID --note TEXT [--by NAME]\n");
  g_print ("  schedule [--good-months N] [--average-months N] [--key-care-days N] [--first-visit-days N]\n");
  g_print ("  staff\n");
  g_print ("  holidays [load FILE]\n");
  g_print ("  report ledger [--key-care] [--all] [--village CODE] [--search TEXT] [--incomplete] [--not-eligible]\n"
           "                [--overdue] [--urgent] [--update-due] --xlsx FILE\n");
  g_print ("  report visits --month YYYY-MM [--village CODE] [--visitor NAME] --pdf FILE | --xlsx FILE\n");
  g_print ("  report form --child ID | --key-care [--village CODE] | --village CODE | --blank --pdf FILE\n");
  g_print ("  report stats --from DATE --to DATE --xlsx FILE | --pdf FILE\n");
  g_print ("  report overdue [--village CODE] --pdf FILE | --xlsx FILE\n");
  g_print ("  report urgent --pdf FILE | --xlsx FILE\n");
  g_print ("  report log [--limit N] [--json]\n");
  g_print ("  station show [--json] | list [--json] | revoke ID\n");
  g_print ("  station export-identity OUT [--minisign-pub PUBFILE]\n");
  g_print ("  station trust FILE --fingerprint FP\n");
  g_print ("  bundle export --to STATION [--full] --out FILE\n");
  g_print ("  bundle import FILE\n");
  g_print ("  bundle inspect FILE [--extract DIR] [--json]\n");
  g_print ("  conflicts list [--json] | conflicts resolve ID --keep mine|theirs\n");
  g_print ("  duplicates list [--json] | duplicates resolve ID --keep CHILD_ID\n");
  g_print ("  sync dump\n");
  g_print ("  division search TEXT [--level LEVEL] | division children CODE\n\n");
  g_print ("%s\n", _("The database is --db PATH, or $TONGXING_DB, or tongxing.db in the user's data folder."));
  g_print ("%s\n", _("Add --help after a command for its options."));
}

int
tx_cli_run (int argc, char **argv)
{
  static const struct { const char *name; CommandFunc func; } commands[] = {
    { "init", cmd_init }, { "form", cmd_form }, { "child", cmd_child },
    { "check-id", cmd_check_id }, { "demo", cmd_demo }, { "division", cmd_division },
    { "visits", cmd_visits }, { "visit", cmd_visit }, { "services", cmd_services },
    { "urgent", cmd_urgent }, { "schedule", cmd_schedule }, { "staff", cmd_staff },
    { "holidays", cmd_holidays }, { "report", cmd_report },
    { "station", tx_cli_station }, { "bundle", tx_cli_bundle }, { "conflicts", tx_cli_conflicts },
    { "duplicates", tx_cli_duplicates }, { "sync", tx_cli_sync },
  };
  Cli cli = { 0 };
  int i = 1, status = EXIT_USAGE;

  /* global options come before the command */
  while (i < argc && argv[i][0] == '-')
    {
      if (g_str_equal (argv[i], "--db") && i + 1 < argc)
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i + 1]);
          i += 2;
        }
      else if (g_str_has_prefix (argv[i], "--db="))
        {
          g_free (cli.db_path);
          cli.db_path = g_strdup (argv[i] + 5);
          i++;
        }
      else if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_help ();
          g_free (cli.db_path);
          return EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("tongxing-cli %s\n", PACKAGE_VERSION);
          g_free (cli.db_path);
          return EXIT_OK;
        }
      else
        {
          g_printerr (_("Unknown option %s.\n"), argv[i]);
          print_help ();
          g_free (cli.db_path);
          return EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help ();
      g_free (cli.db_path);
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        status = commands[c].func (&cli, argc - i, argv + i);
        g_free (cli.db_path);
        return status;
      }

  g_printerr (_("Unknown command “%s”.\n"), argv[i]);
  print_help ();
  g_free (cli.db_path);
  return EXIT_USAGE;
}
