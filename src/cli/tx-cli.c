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
tx_cli_problem (const char *key,
                const char *message)
{
  g_printerr ("%s: %s\n", key, message);
}

int
tx_cli_usage_error (GOptionContext *ctx,
                    const char     *message)
{
  g_printerr ("%s\n", message);
  if (ctx)
    {
      g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return TX_CLI_EXIT_USAGE;
}

gboolean
tx_cli_parse_options (GOptionContext  *ctx,
                      int             *argc,
                      char          ***argv,
                      int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      *status = tx_cli_usage_error (ctx, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Only init creates a database; the other commands refuse a missing one
 * rather than leave an empty file behind */
static TxStore *
open_store_full (TxCli *cli, gboolean create);

static TxStore *
open_store_full (TxCli *cli, gboolean create)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : tx_store_default_path ();
  TxStore *store;

  if (!create && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *msg = g_strdup_printf (_("There is no database at %s. Set up the "
                                                "workstation first with “tongxing-cli init”, "
                                                "or give the right file with --db."), path);
      tx_cli_problem ("database", msg);
      return NULL;
    }
  /* a backup's copy: said before anybody is asked for a password */
  if (!tx_store_check_not_backup (path, &error))
    {
      tx_cli_problem ("database", error->message);
      return NULL;
    }
  /* a store without a key file: made before encryption (the person
   * logging in protects it, and is its first supervisor) */
  if (!tx_cli_login (cli, path, NULL, TRUE))
    return NULL;
  store = tx_store_open (path, &error);

  if (store == NULL)
    tx_cli_problem ("database", error->message);
  else if (cli->opened == NULL)
    cli->opened = g_strdup (path);
  return store;
}

TxStore *
tx_cli_open_store (TxCli *cli)
{
  return open_store_full (cli, FALSE);
}

/* Prints a store error under the key it concerns */
int
tx_cli_store_failure (const GError *error)
{
  const char *key = "error";

  if (error->domain == TX_STORE_ERROR)
    switch (error->code)
      {
      case TX_STORE_ERROR_DUPLICATE: key = "id_number"; break;
      case TX_STORE_ERROR_NOT_FOUND: key = "id"; break;
      case TX_STORE_ERROR_NOT_SET_UP:
        /* the core's message names no command: the window shows it too */
        tx_cli_problem ("workstation", error->message);
        tx_cli_problem ("workstation", _("Set it up with “tongxing-cli init --county CODE --township CODE”."));
        return TX_CLI_EXIT_REFUSED;
      case TX_STORE_ERROR_SETTINGS: key = "workstation"; break;
      case TX_STORE_ERROR_NO_NAME: key = "name"; break;
      case TX_STORE_ERROR_INVALID:
      case TX_STORE_ERROR_INCOMPLETE: key = "record"; break;
      case TX_STORE_ERROR_REGISTER: key = "register"; break;
      case TX_STORE_ERROR_URGENT_OPEN: key = "urgent_case"; break;
      /* the person's role, their account, the login: one line, exit 1 */
      case TX_STORE_ERROR_FORBIDDEN: key = "permission"; break;
      case TX_STORE_ERROR_ACCOUNT: key = "account"; break;
      case TX_STORE_ERROR_LOCKED:
      case TX_STORE_ERROR_NOT_PROTECTED: key = "login"; break;
      default: key = "database"; break;
      }
  tx_cli_problem (key, error->message);
  return TX_CLI_EXIT_REFUSED;
}

/* Reads a JSON object from a file, or from stdin for "-" or no file */
JsonObject *
tx_cli_read_json_object (const char *file,
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
      tx_cli_problem ("input", msg);
      return NULL;
    }
  /* empty input has no root at all */
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      tx_cli_problem ("input", _("The input must be one JSON object keyed by the form's field keys, "
                                 "like {\"name\": \"张小明\"}."));
      return NULL;
    }
  return json_node_get_object (json_parser_get_root (parser));
}

void
tx_cli_print_json (JsonNode *node)
{
  g_autofree char *text = tx_json_to_string (node, TRUE);

  g_print ("%s\n", text);
}

/* init */

static int
cmd_init (TxCli *cli, int argc, char **argv)
{
  g_autofree char *county = NULL, *township = NULL, *name = NULL, *supervisor = NULL, *directors = NULL;
  g_autofree char *admin = NULL;
  const GOptionEntry entries[] = {
    { "admin", 0, 0, G_OPTION_ARG_STRING, &admin,
      N_("The first person, who logs in with --password-file: the township's supervisor, or the county's officer"),
      N_("NAME") },
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
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (county == NULL)
    return tx_cli_usage_error (ctx, _("init needs --county CODE."));
  if (argc > 1)
    return tx_cli_usage_error (ctx, _("init takes no arguments besides its options."));

  {
    g_autofree char *path = cli->db_path ? g_strdup (cli->db_path) : tx_store_default_path ();
    const char *first = admin ? admin : cli->user ? cli->user : g_getenv ("TONGXING_USER");

    if (!tx_keyring_exists (path))
      {
        if (first == NULL || *first == '\0')
          first = supervisor;
        if (first == NULL || *first == '\0')
          return tx_cli_usage_error (ctx, _("init needs --admin NAME, the first person, with --password-file FILE."));
        /* the recovery key on the standard output, once */
        if (!tx_cli_login (cli, path, first, FALSE))
          return TX_CLI_EXIT_REFUSED;
      }
  }
  if (!(store = open_store_full (cli, TRUE)))
    return TX_CLI_EXIT_REFUSED;
  /* as the window's first run: all of it or nothing */
  if (!tx_store_begin (store, &error))
    return tx_cli_store_failure (error);
  if (!tx_station_init_workstation (store, county, township, name, &error) ||
      (supervisor && (!tx_store_set_setting (store, TX_SETTING_SUPERVISOR, supervisor, &error) ||
                      !tx_store_set_setting (store, TX_SETTING_EDITOR, supervisor, &error))) ||
      (directors && !tx_store_set_setting (store, TX_SETTING_DIRECTORS, directors, &error)))
    {
      tx_store_rollback (store);
      return tx_cli_store_failure (error);
    }
  if (!tx_store_commit (store, &error))   /* rolled back */
    return tx_cli_store_failure (error);

  {
    g_autofree char *unit = tx_division_full_name (township ? township : county);
    g_autofree char *station_name = tx_store_get_setting (store, TX_SETTING_STATION_NAME);
    g_print (_("Workstation “%s” set up for %s.\n"), station_name, unit);
  }
  return TX_CLI_EXIT_OK;
}

/* form */

static int
cmd_form (TxCli *cli, int argc, char **argv)
{
  g_autofree char *json = NULL;

  if (argc != 2 || !g_str_equal (argv[1], "describe"))
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli form describe"));
  json = tx_form_describe_json ();
  g_print ("%s\n", json);
  return TX_CLI_EXIT_OK;
}

/* Pads a cell to a display width, counting CJK characters as two columns */
void
tx_cli_append_cell (GString    *line,
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

/* check-id */

static int
cmd_check_id (TxCli *cli, int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *birth = NULL;
  TxIdInfo info;
  const char *region_name;
  g_autofree char *region_full = NULL;

  if (argc != 2)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli check-id NUMBER"));
  if (!tx_id_parse (argv[1], &info, &error))
    {
      tx_cli_problem ("id_number", error->message);
      return TX_CLI_EXIT_REFUSED;
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
  return TX_CLI_EXIT_OK;
}

/* demo */

static void
demo_progress (guint done, guint total, gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%u / %u", done, total);
}

static int
cmd_demo (TxCli *cli, int argc, char **argv)
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
  TxChildQuery left = { .register_filter = TX_REGISTER_FILTER_LEFT };
  gint64 left_before;
  int status;

  g_option_context_set_summary (ctx, _("Adds synthetic children for trying Tongxing out. Some of them have "
                                       "left the register since: moved away, gone home, aged out."));
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (children < 0 || argc > 1)
    return tx_cli_usage_error (ctx, _("demo needs --children N."));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  left_before = tx_store_child_count (store, &left, NULL);
  if (!tx_demo_generate (store, children, seed, demo_progress, NULL, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      return tx_cli_store_failure (error);
    }
  if (isatty (STDERR_FILENO) && children >= 1000)
    g_printerr ("\n");
  g_print (g_dngettext (GETTEXT_PACKAGE, "Added %d demo child.\n", "Added %d demo children.\n", children),
           children);
  {
    gint64 n = tx_store_child_count (store, &left, NULL) - MAX (left_before, 0);

    if (n > 0)
      g_print (g_dngettext (GETTEXT_PACKAGE, "%lld child has left the register since (child list --exited).\n",
                            "%lld children have left the register since (child list --exited).\n", n),
               (long long) n);
  }
  return TX_CLI_EXIT_OK;
}

gboolean
tx_cli_month_range (const char  *month,
                    char       **from,
                    char       **to)
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
cmd_division (TxCli *cli, int argc, char **argv)
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
  if (!tx_cli_parse_options (ctx, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return tx_cli_usage_error (ctx, _("Give search TEXT or children CODE."));
  if (level_name)
    {
      gboolean ok = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
        if (g_str_equal (level_name, levels[i].name))
          level = levels[i].level, ok = TRUE;
      if (!ok)
        return tx_cli_usage_error (ctx, _("--level takes province, city, county, township or village."));
    }

  if (g_str_equal (argv[1], "search"))
    {
      /* villages are searched within the province a code names */
      if (level == TX_DIVISION_VILLAGE && strspn (argv[2], "0123456789") < 2)
        return tx_cli_usage_error (ctx, _("Search villages by code: give at least the province's two digits."));
      found = tx_division_search (argv[2], level, 200);
    }
  else if (g_str_equal (argv[1], "children"))
    found = tx_division_children (argv[2]);
  else
    return tx_cli_usage_error (ctx, _("Give search TEXT or children CODE."));

  for (guint i = 0; i < found->len; i++)
    {
      const TxDivision *d = found->pdata[i];
      g_autofree char *full = tx_division_full_name (d->code);
      g_print ("%s\t%s\n", d->code, full ? full : d->name);
    }
  if (found->len == 0)
    {
      tx_cli_problem ("division", _("Nothing matches; try part of the name or the first digits of the code."));
      return TX_CLI_EXIT_REFUSED;
    }
  return TX_CLI_EXIT_OK;
}

static int
cmd_holidays (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = NULL;

  if (!(argc == 1 || (argc == 3 && g_str_equal (argv[1], "load"))))
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli holidays [load FILE]"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  if (argc == 3)
    {
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_file_get_contents (argv[2], &contents, &len, &error))
        {
          g_printerr ("file: %s\n", error->message);
          return TX_CLI_EXIT_REFUSED;
        }
      if (!tx_store_load_holidays (store, contents, len, &error))
        {
          if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN))
            return tx_cli_store_failure (error);
          g_printerr ("file: %s: %s\n", argv[2], error->message);
          return TX_CLI_EXIT_REFUSED;
        }
    }
  /* the years the working-day rule knows; others fall back to weekends */
  years = tx_holidays_years ();
  for (guint i = 0; i < years->len; i++)
    g_print ("%u\n", g_array_index (years, guint, i));
  return TX_CLI_EXIT_OK;
}

static int
cmd_staff (TxCli *cli, int argc, char **argv)
{
  g_autoptr(TxStore) store = NULL;
  g_auto(GStrv) staff = NULL;

  if (argc > 1)
    return tx_cli_usage_error (NULL, _("Usage: tongxing-cli staff"));
  if (!(store = tx_cli_open_store (cli)))
    return TX_CLI_EXIT_REFUSED;
  staff = tx_store_get_staff (store);
  for (guint i = 0; staff[i]; i++)
    g_print ("%s\n", staff[i]);
  return TX_CLI_EXIT_OK;
}

static void
print_help (void)
{
  g_print ("%s\n\n", _("Usage: tongxing-cli [--db PATH] [--user NAME] [--password-file FILE] COMMAND …"));
  g_print ("%s\n", _("Commands:"));
  g_print ("  init --county CODE [--township CODE] [--name TEXT] [--admin NAME] [--supervisor NAME] [--directors NAMES]\n");
  g_print ("  user add NAME --role director|supervisor|officer [--villages CODE,…] --initial-password-file FILE\n"
           "  user list [--json] | user passwd NAME --new-password-file FILE | user change NAME [--role R] [--villages C]\n"
           "  user disable NAME | user enable NAME --new-password-file FILE\n"
           "  recover --recovery-key-file FILE --user NAME --new-password-file FILE\n");
  g_print ("  form describe\n");
  g_print ("  child add [FILE|-] [--draft]\n");
  g_print ("  child get ID [--reveal-id]\n");
  g_print ("  child update ID [FILE|-] [--draft]\n");
  g_print ("  child delete ID\n");
  g_print ("  child history ID\n");
  g_print ("  child list [--search TEXT] [--village CODE] [--key-care] [--incomplete]\n"
           "             [--not-eligible] [--overdue] [--urgent] [--update-due] [--compare-task] [--limit N]\n"
           "             [--offset N | --after ID] [--exited [--exit-reason REASON]] [--ages-out-before DATE] [--all]\n"
           "             [--reveal-ids] [--json]\n");
  g_print ("  child exit ID --reason aged-out|moved-away|returned-home|transferred|not-eligible|died|other\n"
           "             --date DATE [--note TEXT]\n"
           "  child reopen ID --note TEXT\n"
           "  child transfer ID --township CODE --date DATE [--note TEXT]\n"
           "  transfers list [--state offered|accepted|refused] [--json] | transfers accept|refuse ID [--note TEXT]\n"
           "  ageing-out run [--json]\n"
           "  age-limits [--migrant YEARS] [--left-behind YEARS] [--distressed YEARS] [--json]\n");
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
  g_print ("  report ledger [--key-care] [--all | --exited [--exit-reason REASON]] [--village CODE] [--search TEXT]\n"
           "                [--incomplete] [--not-eligible] [--overdue] [--urgent] [--update-due] --xlsx FILE\n");
  g_print ("  report visits --month YYYY-MM [--village CODE] [--visitor NAME] --pdf FILE | --xlsx FILE\n");
  g_print ("  report form --child ID | --key-care [--village CODE] | --village CODE | --blank --pdf FILE\n");
  g_print ("  report stats --from DATE --to DATE --xlsx FILE | --pdf FILE\n");
  g_print ("  report overdue [--village CODE] --pdf FILE | --xlsx FILE\n");
  g_print ("  report urgent --pdf FILE | --xlsx FILE\n");
  g_print ("  report log [--limit N] [--json]\n");
  g_print ("  station show [--json] | list [--json] | revoke ID\n");
  g_print ("  station export-identity OUT [--minisign-pub PUBFILE]\n");
  g_print ("  station trust FILE --fingerprint FP\n");
  g_print ("  station replace OLD_ID FILE --fingerprint FP\n");
  g_print ("  bundle export --to STATION [--full] --out FILE\n");
  g_print ("  bundle import FILE\n");
  g_print ("  bundle inspect FILE [--extract DIR] [--json]\n");
  g_print ("  conflicts list [--json] | conflicts resolve ID --keep mine|theirs\n");
  g_print ("  duplicates list [--json] | duplicates resolve ID --keep CHILD_ID\n");
  g_print ("  sync dump\n");
  g_print ("  import ledger FILE [--sheet N] [--map HEADER=KEY …] [--dry-run] [--json] | import list [--json] | import undo ID\n");
  g_print ("  division search TEXT [--level LEVEL] | division children CODE\n");
  g_print ("  audit list [--json] [--user NAME] [--child ID] [--kind KIND] [--from DATE] [--to DATE] [--limit N]\n"
           "             [--offset N] [--station ID]\n"
           "  audit export FILE [--station ID] | audit verify [FILE | --station ID]\n");
  g_print ("  backup now [--to DIR] [--json] | backup list [--json] | backup verify FILE\n"
           "  backup preview FILE [--json] | backup restore FILE [--yes]\n");
  g_print ("  lists import --department police|education|health|cdc|other FILE [--name TEXT] [--date DATE]\n"
           "               [--sheet N] [--map HEADER=KEY …] [--json] | lists list [--json]\n"
           "  lists entry LIST ROW | lists remove ID\n"
           "  compare [--village CODE] [--list ID …] [--json] | compare show [--round ID]\n"
           "  compare decide ITEM --same|--not-same | compare done ITEM [--child ID] | compare tasks [--limit N]\n"
           "  compare report [--round ID] --pdf FILE | --xlsx FILE\n\n");
  g_print ("%s\n", _("The database is --db PATH, or $TONGXING_DB, or tongxing.db in the user's data folder."));
  g_print ("%s\n", _("Add --help after a command for its options."));
}

/* The end of the session: the audit trail of the store a command opened
 * is signed up to its last entry (with the station's key, once set up) */
static void
sign_session (TxCli *cli)
{
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GError) error = NULL;

  if (cli->opened == NULL || tx_session_lookup (cli->opened) == NULL)
    goto out;
  store = tx_store_open (cli->opened, &error);
  if (store == NULL || !tx_station_audit_checkpoint (store, &error))
    {
      g_autofree char *msg = g_strdup_printf (_("The audit trail could not be signed at the end of the "
                                                "session (%s). The next command signs it."), error->message);
      tx_cli_problem ("audit", msg);
    }
out:
  g_clear_pointer (&cli->opened, g_free);
}

int
tx_cli_run (int argc, char **argv)
{
  static const struct { const char *name; TxCliCommandFunc func; } commands[] = {
    { "init", cmd_init }, { "form", cmd_form }, { "child", tx_cli_child },
    { "check-id", cmd_check_id }, { "demo", cmd_demo }, { "division", cmd_division },
    { "visits", tx_cli_visits }, { "visit", tx_cli_visit }, { "services", tx_cli_services },
    { "urgent", tx_cli_urgent }, { "schedule", tx_cli_schedule }, { "staff", cmd_staff },
    { "holidays", cmd_holidays }, { "report", tx_cli_report },
    { "station", tx_cli_station }, { "bundle", tx_cli_bundle }, { "conflicts", tx_cli_conflicts },
    { "duplicates", tx_cli_duplicates }, { "sync", tx_cli_sync }, { "import", tx_cli_import },
    { "lists", tx_cli_lists }, { "compare", tx_cli_compare },
    { "transfers", tx_cli_transfers }, { "ageing-out", tx_cli_ageing_out }, { "age-limits", tx_cli_age_limits },
    { "user", tx_cli_user }, { "recover", tx_cli_recover }, { "audit", tx_cli_audit },
    { "backup", tx_cli_backup },
  };
  TxCli cli = { 0 };
  gboolean audit_list = FALSE;
  int i = 1, status = TX_CLI_EXIT_USAGE;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  /* who: --user NAME and --password-file FILE, anywhere on the line;
   * after "audit list", --user is whose entries to list */
  for (int a = 0; a < argc; a++)
    {
      if (a >= 2 && g_str_equal (argv[a - 1], "list") && g_str_equal (argv[a - 2], "audit"))
        audit_list = TRUE;
      if (audit_list && (g_str_equal (argv[a], "--user") || g_str_has_prefix (argv[a], "--user=")))
        g_ptr_array_add (args, argv[a]);
      else if ((g_str_equal (argv[a], "--user") || g_str_equal (argv[a], "--password-file")) && a + 1 < argc)
        {
          char **slot = g_str_equal (argv[a], "--user") ? &cli.user : &cli.password_file;
          g_free (*slot);
          *slot = g_strdup (argv[++a]);
        }
      else if (g_str_has_prefix (argv[a], "--user="))
        {
          g_free (cli.user);
          cli.user = g_strdup (argv[a] + 7);
        }
      else if (g_str_has_prefix (argv[a], "--password-file="))
        {
          g_free (cli.password_file);
          cli.password_file = g_strdup (argv[a] + 16);
        }
      else
        g_ptr_array_add (args, argv[a]);
    }
  g_ptr_array_add (args, NULL);
  argc = args->len - 1;
  argv = (char **) args->pdata;

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
          g_free (cli.user);
          g_free (cli.password_file);
          return TX_CLI_EXIT_OK;
        }
      else if (g_str_equal (argv[i], "--version"))
        {
          g_print ("tongxing-cli %s\n", PACKAGE_VERSION);
          g_free (cli.db_path);
          g_free (cli.user);
          g_free (cli.password_file);
          return TX_CLI_EXIT_OK;
        }
      else
        {
          g_printerr (_("Unknown option %s.\n"), argv[i]);
          print_help ();
          g_free (cli.db_path);
          g_free (cli.user);
          g_free (cli.password_file);
          return TX_CLI_EXIT_USAGE;
        }
    }

  if (i >= argc)
    {
      print_help ();
      g_free (cli.db_path);
          g_free (cli.user);
          g_free (cli.password_file);
      return TX_CLI_EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    if (g_str_equal (argv[i], commands[c].name))
      {
        status = commands[c].func (&cli, argc - i, argv + i);
        sign_session (&cli);
        g_free (cli.db_path);
          g_free (cli.user);
          g_free (cli.password_file);
        return status;
      }

  g_printerr (_("Unknown command “%s”.\n"), argv[i]);
  print_help ();
  g_free (cli.db_path);
          g_free (cli.user);
          g_free (cli.password_file);
  return TX_CLI_EXIT_USAGE;
}
