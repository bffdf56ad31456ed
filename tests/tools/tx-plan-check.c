/* tx-plan-check.c — the query-plan guard: SQLite's plan of every statement recorded, at a district's size
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tx-plan-check DB ALLOWED RECORD…
 *
 * DB is a demo store (tx-plan-workload makes it). Its statistics are taken
 * (ANALYZE) and scaled to a district of 1,000,000 children: every row
 * count of a table that grows with the data is multiplied by 1,000,000 /
 * the children in DB. The rows a key value has on average are kept (a
 * district is many townships like the demo's one: more children, more
 * villages, visitors, sort keys), but for a flag (two values at the most
 * in the demo: complete or not, key care or not), whose values do not
 * grow. A growing table the demo leaves (nearly) empty, under 10,000 rows
 * once scaled, gets no statistics: SQLite then takes it for a table of
 * about a million rows, as it may be in a district. Then every statement of the RECORD files
 * (TONGXING_SQL_RECORD, tx-store-record.c) is asked EXPLAIN QUERY PLAN,
 * and a full walk of a table that grows with the data is a violation:
 * "SCAN t" or "SCAN t USING [COVERING] INDEX i" (the whole index, in its
 * order), or an automatic index (a walk of the whole table to build it).
 * A statement with "?N IS NULL OR" whose plan searches a range of a
 * growing table is printed as a note to read (the plan cannot say whether
 * the range's bounds are open). A statement that matches an entry of ALLOWED
 * (tests/query-plans-allowed.txt, which says the format) is allowed, with
 * the entry's reason. Prints what it checked, what was allowed and why,
 * and each violation with its statement and plan; exits 1 on a violation
 * or a malformed allow-list. TX_PLANS_VERBOSE=1 prints every allowed
 * statement too, with its plan and the entry that allowed it.
 *
 * The tables that may be walked are the few small ones below; any other
 * table, a new one too, grows with the data until this file says not.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

#define DISTRICT_CHILDREN 1000000.0

/* Tables whose size does not follow the children's: walking one is cheap
 * at any size of the district */
static const char *const small_tables[] = {
  "settings",       /* the station's settings: a row a key */
  "station",        /* the stations this one trusts: a county's townships */
  "account",        /* the people who log in */
  "service",        /* the list of care services */
  "secret",         /* the station's keys */
  "bundle_in",      /* an exchange file a row: one a week a township */
  "bundle_out",
  "dept_list",      /* a department's list a row, not its entries */
  "compare_round",  /* a comparison round a row */
  "import_batch",   /* an imported ledger a row, not its children */
  "audit_fork",     /* a township restored from an old backup: a row each time */
};

/* Statements whose plans say nothing: transactions, settings of the
 * connection, the schema's own changes */
static const char *const skipped_starts[] = {
  "BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "PRAGMA", "CREATE", "DROP", "ALTER",
  "ANALYZE", "VACUUM", "REINDEX", "ATTACH", "DETACH", "EXPLAIN",
};

typedef struct {
  char    *section;   /* the "## " heading the entry is under */
  char    *reason;    /* its comment */
  char    *pattern;
  GRegex  *regex;
  guint    used;
} Allowed;

static void
allowed_free (gpointer data)
{
  Allowed *a = data;

  g_free (a->section);
  g_free (a->reason);
  g_free (a->pattern);
  g_clear_pointer (&a->regex, g_regex_unref);
  g_free (a);
}

/* The allow-list: each pattern line needs the comment right above it
 * (lines of "# "; a pattern right below another shares its comment); a
 * "## " line starts a section; a blank line ends a comment */
static GPtrArray *
read_allowed (const char *path, GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (allowed_free);
  g_autofree char *section = g_strdup ("");
  GString *reason = g_string_new (NULL);
  gboolean reason_taken = FALSE;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strstrip (lines[i]);

      if (*line == '\0')
        {
          g_string_truncate (reason, 0);
          reason_taken = FALSE;
        }
      else if (g_str_has_prefix (line, "##"))
        {
          g_free (section);
          section = g_strdup (g_strstrip (line + 2));
          g_string_truncate (reason, 0);
          reason_taken = FALSE;
        }
      else if (*line == '#')
        {
          if (reason_taken)
            {
              g_string_truncate (reason, 0);
              reason_taken = FALSE;
            }
          g_string_append_printf (reason, "%s%s", reason->len ? " " : "", g_strstrip (line + 1));
        }
      else
        {
          Allowed *a;

          if (reason->len == 0)
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "%s:%u: an entry without a comment saying why its full walk is right", path, i + 1);
              g_string_free (reason, TRUE);
              return NULL;
            }
          a = g_new0 (Allowed, 1);
          a->section = g_strdup (section);
          a->reason = g_strdup (reason->str);
          a->pattern = g_strdup (line);
          a->regex = g_regex_new (line, G_REGEX_OPTIMIZE, 0, error);
          g_ptr_array_add (out, a);
          if (a->regex == NULL)
            {
              g_prefix_error (error, "%s:%u: ", path, i + 1);
              g_string_free (reason, TRUE);
              return NULL;
            }
          reason_taken = TRUE;
        }
    }
  g_string_free (reason, TRUE);
  return g_steal_pointer (&out);
}

static gboolean
is_small (const char *table)
{
  return g_strv_contains (small_tables, table) || g_str_has_prefix (table, "sqlite_");
}

static gboolean
run (sqlite3 *db, const char *sql)
{
  char *err = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &err) != SQLITE_OK)
    {
      fprintf (stderr, "tx-plan-check: %s: %s\n", sql, err);
      sqlite3_free (err);
      return FALSE;
    }
  return TRUE;
}

/* One sqlite_stat1 row's stat, at the district's size */
static char *
scale_stat (const char *stat, double factor)
{
  g_auto(GStrv) parts = g_strsplit (stat, " ", -1);
  GString *out = g_string_new (NULL);
  double rows = g_ascii_strtod (parts[0], NULL);

  for (guint i = 0; parts[i]; i++)
    {
      char *end = NULL;
      double v = g_ascii_strtod (parts[i], &end);

      if (out->len)
        g_string_append_c (out, ' ');
      if (end == parts[i] || *end != '\0')
        g_string_append (out, parts[i]);             /* unordered, sz=, noskipscan */
      else if (i == 0 || (v > 0 && rows / v <= 2))
        g_string_append_printf (out, "%.0f", MAX (1, v * factor));   /* rows; a flag's */
      else
        g_string_append (out, parts[i]);             /* a key of many values */
    }
  return g_string_free (out, FALSE);
}

/* ANALYZE, then every growing table's statistics scaled up; returns the
 * factor */
static double
district_statistics (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL, *update = NULL, *forget = NULL;
  g_autoptr(GHashTable) largest = g_hash_table_new (g_str_hash, g_str_equal);   /* table → its largest count */
  double children = tx_store_count_of (db, "SELECT count(*) FROM child");
  double factor = DISTRICT_CHILDREN / MAX (children, 1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!run (db, "ANALYZE"))
    return 0;
  sqlite3_prepare_v2 (db, "SELECT tbl, coalesce (idx, ''), stat FROM sqlite_stat1", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 4);

      for (int i = 0; i < 3; i++)
        row[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      guint n = (guint) g_ascii_strtod (row[2], NULL);

      if (n > GPOINTER_TO_UINT (g_hash_table_lookup (largest, row[0])))
        g_hash_table_insert (largest, row[0], GUINT_TO_POINTER (n));
    }
  sqlite3_prepare_v2 (db, "UPDATE sqlite_stat1 SET stat = ?3 WHERE tbl = ?1 AND coalesce (idx, '') = ?2", -1,
                      &update, NULL);
  sqlite3_prepare_v2 (db, "DELETE FROM sqlite_stat1 WHERE tbl = ?1", -1, &forget, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      g_autofree char *scaled = NULL;

      if (is_small (row[0]))
        continue;
      if (GPOINTER_TO_UINT (g_hash_table_lookup (largest, row[0])) * factor < 10000)
        {
          /* nearly empty in the demo: SQLite's default of a large table */
          sqlite3_bind_text (forget, 1, row[0], -1, SQLITE_STATIC);
          sqlite3_step (forget);
          sqlite3_reset (forget);
          continue;
        }
      scaled = scale_stat (row[2], factor);
      sqlite3_bind_text (update, 1, row[0], -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 2, row[1], -1, SQLITE_STATIC);
      sqlite3_bind_text (update, 3, scaled, -1, SQLITE_STATIC);
      sqlite3_step (update);
      sqlite3_reset (update);
    }
  sqlite3_finalize (update);
  sqlite3_finalize (forget);
  /* the planner reads the statistics again */
  if (!run (db, "ANALYZE sqlite_schema"))
    return 0;
  return factor;
}

typedef struct {
  GHashTable *tables;    /* name → name */
  GHashTable *indexes;   /* index → its table */
} Schema;

static void
read_schema (sqlite3 *db, Schema *schema)
{
  sqlite3_stmt *stmt = NULL;

  schema->tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  schema->indexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')", -1,
                      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *table = (const char *) sqlite3_column_text (stmt, 2);

      g_hash_table_insert (g_str_equal (type, "table") ? schema->tables : schema->indexes,
                           g_ascii_strdown (name, -1), g_ascii_strdown (table, -1));
    }
  sqlite3_finalize (stmt);
}

/* The statement's words, lowered: names, and punctuation one character a
 * word; strings and numbers left out */
static GPtrArray *
words_of (const char *sql)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = sql;

  while (*p)
    {
      if (g_ascii_isalpha (*p) || *p == '_')
        {
          const char *start = p;
          while (g_ascii_isalnum (*p) || *p == '_')
            p++;
          g_ptr_array_add (words, g_ascii_strdown (start, p - start));
        }
      else if (*p == '"')
        {
          const char *start = ++p;
          while (*p && *p != '"')
            p++;
          g_ptr_array_add (words, g_ascii_strdown (start, p - start));
          if (*p)
            p++;
        }
      else if (*p == '\'')
        {
          for (p++; *p && !(*p == '\'' && p[1] != '\''); p += *p == '\'' ? 2 : 1)
            ;
          if (*p)
            p++;
        }
      else if (g_ascii_isdigit (*p))
        {
          while (g_ascii_isalnum (*p) || *p == '.')
            p++;
        }
      else if (g_ascii_isspace (*p))
        p++;
      else
        g_ptr_array_add (words, g_strndup (p++, 1));
    }
  return words;
}

/* The tables an alias of @sql stands for: "FROM child c", "JOIN visit AS
 * v", ", name_gram g" (one alias may stand for two tables in two parts of
 * a statement: both count) */
static GHashTable *
aliases_of (const char *sql, const Schema *schema)
{
  static const char *const not_aliases[] = {
    "where", "on", "join", "left", "right", "inner", "outer", "cross", "natural", "full", "using", "group",
    "order", "limit", "set", "values", "window", "union", "except", "intersect", "indexed", "not", "having",
    "returning", "default", "select", "as", "from", "and", "or", NULL,
  };
  static const char *const before_table[] = { "from", "join", ",", "update", "into", NULL };
  g_autoptr(GPtrArray) w = words_of (sql);
  GHashTable *aliases = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 1; i + 1 < w->len; i++)
    {
      const char *table = w->pdata[i];
      const char *alias;
      GPtrArray *tables;

      if (!g_hash_table_contains (schema->tables, table) || !g_strv_contains (before_table, w->pdata[i - 1]))
        continue;
      alias = w->pdata[i + 1];
      if (g_str_equal (alias, "as") && i + 2 < w->len)
        alias = w->pdata[i + 2];
      if (!(g_ascii_isalpha (*alias) || *alias == '_') || g_strv_contains (not_aliases, alias))
        continue;
      tables = g_hash_table_lookup (aliases, alias);
      if (tables == NULL)
        {
          tables = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (aliases, g_strdup (alias), tables);
        }
      g_ptr_array_add (tables, g_strdup (table));
    }
  return aliases;
}

/* The growing table a line of a plan walks whole, or %NULL; with @ranges,
 * the growing table a line searches by a range instead */
static char *
walked_table (const char *detail, const char *sql, const Schema *schema, gboolean ranges)
{
  g_auto(GStrv) w = g_strsplit (detail, " ", -1);
  gboolean automatic = strstr (detail, "USING AUTOMATIC") != NULL;
  g_autofree char *name = NULL;
  const char *index = NULL;
  g_autoptr(GHashTable) aliases = NULL;
  GPtrArray *tables;

  if (w[0] == NULL || w[1] == NULL)
    return NULL;
  if (ranges)
    {
      if (!g_str_equal (w[0], "SEARCH") || automatic || !(strstr (detail, ">?") || strstr (detail, "<?")))
        return NULL;
    }
  else if (!g_str_equal (w[0], "SCAN") && !(g_str_equal (w[0], "SEARCH") && automatic))
    return NULL;
  if (strstr (detail, "VIRTUAL TABLE") || g_str_equal (w[1], "CONSTANT") || w[1][0] == '(')
    return NULL;
  name = g_ascii_strdown (w[1], -1);
  for (guint i = 2; w[i]; i++)
    if (g_str_equal (w[i], "INDEX") && w[i + 1] && !automatic)
      index = w[i + 1];
  if (index)
    {
      g_autofree char *lower = g_ascii_strdown (index, -1);
      const char *table = g_hash_table_lookup (schema->indexes, lower);

      if (table)
        return is_small (table) ? NULL : g_strdup (table);
    }
  if (w[2] && g_str_equal (w[2], "AS") && w[3])
    {
      /* "SCAN child AS c" */
      return g_hash_table_contains (schema->tables, name) && !is_small (name) ? g_strdup (name) : NULL;
    }
  aliases = aliases_of (sql, schema);
  tables = g_hash_table_lookup (aliases, name);
  if (tables)
    {
      for (guint i = 0; i < tables->len; i++)
        if (!is_small (tables->pdata[i]))
          return g_strdup (tables->pdata[i]);
      return NULL;
    }
  if (g_hash_table_contains (schema->tables, name))
    return is_small (name) ? NULL : g_strdup (name);
  return NULL;   /* a CTE, a subquery's name */
}

typedef struct {
  char      *sql;
  GPtrArray *programs;
} Recorded;

static void
recorded_free (gpointer data)
{
  Recorded *r = data;

  g_free (r->sql);
  g_ptr_array_unref (r->programs);
  g_free (r);
}

static gboolean
read_records (const char *path, GHashTable *statements, GError **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *o;
      const char *sql, *program;
      Recorded *r;

      if (*lines[i] == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        continue;
      o = json_node_get_object (json_parser_get_root (parser));
      sql = json_object_get_string_member_with_default (o, "sql", NULL);
      program = json_object_get_string_member_with_default (o, "program", "");
      if (sql == NULL)
        continue;
      r = g_hash_table_lookup (statements, sql);
      if (r == NULL)
        {
          r = g_new0 (Recorded, 1);
          r->sql = g_strdup (sql);
          r->programs = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (statements, r->sql, r);
        }
      if (!g_ptr_array_find_with_equal_func (r->programs, program, g_str_equal, NULL))
        g_ptr_array_add (r->programs, g_strdup (program));
    }
  return TRUE;
}

/* The plan, indented by its tree, and the growing tables it walks whole */
static char *
plan_of (sqlite3 *db, const char *sql, const Schema *schema, GPtrArray *walked, GPtrArray *ranged,
         char **failure)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  g_autoptr(GHashTable) depth = g_hash_table_new (g_direct_hash, g_direct_equal);
  sqlite3_stmt *plan = NULL;
  GString *out;

  if (sqlite3_prepare_v2 (db, explain, -1, &plan, NULL) != SQLITE_OK)
    {
      *failure = g_strdup (sqlite3_errmsg (db));
      return NULL;
    }
  out = g_string_new (NULL);
  while (sqlite3_step (plan) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (plan, 0), parent = sqlite3_column_int (plan, 1);
      const char *detail = (const char *) sqlite3_column_text (plan, 3);
      guint d = GPOINTER_TO_UINT (g_hash_table_lookup (depth, GINT_TO_POINTER (parent))) + 1;
      char *table = walked_table (detail, sql, schema, FALSE);
      char *range = walked_table (detail, sql, schema, TRUE);

      g_hash_table_insert (depth, GINT_TO_POINTER (id), GUINT_TO_POINTER (d));
      g_string_append_printf (out, "      %*s%s%s\n", (int) (2 * (d - 1)), "", detail, table ? "   <--" : "");
      if (table && !g_ptr_array_find_with_equal_func (walked, table, g_str_equal, NULL))
        g_ptr_array_add (walked, table);
      else
        g_free (table);
      if (range)
        g_ptr_array_add (ranged, range);
    }
  sqlite3_finalize (plan);
  return g_string_free (out, FALSE);
}

static int
compare_sql (gconstpointer a, gconstpointer b)
{
  return strcmp ((*(Recorded *const *) a)->sql, (*(Recorded *const *) b)->sql);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) allowed = NULL;
  g_autoptr(GHashTable) statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, recorded_free);
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) skipped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) violations = g_string_new (NULL);
  g_autoptr(GString) unprepared = g_string_new (NULL);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(GString) allowed_walks = g_string_new (NULL);
  gboolean verbose = g_getenv ("TX_PLANS_VERBOSE") != NULL;
  guint n_notes = 0;
  guint n_checked = 0, n_allowed = 0, n_violations = 0, n_unprepared = 0, n_skipped = 0;
  Schema schema;
  sqlite3 *db;
  double factor;

  if (argc < 4)
    {
      fprintf (stderr, "usage: tx-plan-check DB ALLOWED RECORD…\n");
      return 2;
    }
  tx_core_init ();
  g_unsetenv ("TONGXING_SQL_RECORD");
  if (!(allowed = read_allowed (argv[2], &error)))
    {
      fprintf (stderr, "tx-plan-check: %s\n", error->message);
      return 1;
    }
  for (int i = 3; i < argc; i++)
    if (!read_records (argv[i], statements, &error))
      {
        fprintf (stderr, "tx-plan-check: %s\n", error->message);
        return 1;
      }
  if (!(store = tx_test_open (argv[1], &error)))
    {
      fprintf (stderr, "tx-plan-check: %s\n", error->message);
      return 1;
    }
  db = tx_store_get_db (store);
  read_schema (db, &schema);

  sorted = g_ptr_array_new ();
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, statements);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (sorted, value);
  }
  g_ptr_array_sort (sorted, compare_sql);
  /* twice: as a store is (SQLite keeps no statistics of it: nothing runs
   * ANALYZE, and the planner guesses), then with a district's statistics */
  for (int pass = 0; pass < 2; pass++)
  {
  const char *as = pass == 0 ? "without statistics, as a store is" : "with a district's statistics";

  if (pass == 1)
    {
      factor = district_statistics (db);
      if (factor == 0)
        return 1;
      printf ("Query plans at %.0f children (the demo's statistics × %.0f), and without statistics; "
              "%u statements recorded\n", DISTRICT_CHILDREN, factor, g_hash_table_size (statements));
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      Recorded *r = sorted->pdata[i];
      g_autoptr(GPtrArray) walked = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) ranged = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *plan = NULL, *failure = NULL, *first = NULL, *programs = NULL;
      const char *start = r->sql + strspn (r->sql, " \t\n(");
      Allowed *match = NULL;

      first = g_ascii_strup (start, strcspn (start, " \t\n;("));
      if (g_strv_contains (skipped_starts, first))
        {
          if (pass == 1)
            {
              g_hash_table_replace (skipped, g_strdup (first),
                                    GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (skipped, first)) + 1));
              n_skipped++;
            }
          continue;
        }
      g_ptr_array_add (r->programs, NULL);
      programs = g_strjoinv (", ", (char **) r->programs->pdata);
      g_ptr_array_remove_index (r->programs, r->programs->len - 1);
      plan = plan_of (db, r->sql, &schema, walked, ranged, &failure);
      if (plan == NULL)
        {
          /* an older schema's statement (a migration's, a test tool's old store) */
          if (pass == 1)
            {
              n_unprepared++;
              g_string_append_printf (unprepared, "  %s\n      (%s; %s)\n", r->sql, failure, programs);
            }
          continue;
        }
      n_checked += pass;
      /* "?N IS NULL OR col = ?N" keeps that column's index out: a range
       * searched instead may be the whole index when its bounds are open
       * (one child's visits by the date index, from 0000 to 9999). The
       * plan cannot say; a note for a person to read */
      if (walked->len == 0 && ranged->len > 0 && g_regex_match_simple ("\\?[0-9]+ IS NULL OR", r->sql, 0, 0))
        {
          n_notes++;
          g_string_append_printf (notes, "  searches a range of %s, %s (run by %s):\n    %s\n%s\n",
                                  (char *) ranged->pdata[0], as, programs, r->sql, plan);
        }
      if (walked->len == 0)
        continue;
      for (guint k = 0; k < allowed->len && !match; k++)
        if (g_regex_match (((Allowed *) allowed->pdata[k])->regex, r->sql, 0, NULL))
          match = allowed->pdata[k];
      if (match)
        {
          match->used++;
          n_allowed++;
          if (verbose)
            g_string_append_printf (allowed_walks, "  [%s] %s\n    %s\n%s\n", match->section, match->pattern,
                                    r->sql, plan);
          continue;
        }
      n_violations++;
      g_ptr_array_add (walked, NULL);
      {
        g_autofree char *names = g_strjoinv (", ", (char **) walked->pdata);
        g_string_append_printf (violations, "  walks %s whole, %s (run by %s):\n    %s\n%s\n", names, as,
                                programs, r->sql, plan);
      }
    }
  }

  printf ("%u statements checked, %u without a plan (", n_checked, n_skipped);
  {
    GHashTableIter iter;
    gpointer key, value;
    gboolean first_kind = TRUE;

    g_hash_table_iter_init (&iter, skipped);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        printf ("%s%s %u", first_kind ? "" : ", ", (char *) key, GPOINTER_TO_UINT (value));
        first_kind = FALSE;
      }
  }
  printf ("), %u allowed to walk a table, %u violations\n", n_allowed, n_violations);
  if (n_unprepared)
    printf ("\n%u statements do not prepare on the current schema (not checked):\n%s", n_unprepared,
            unprepared->str);
  printf ("\nAllowed (%s):\n", argv[2]);
  for (guint k = 0; k < allowed->len; k++)
    {
      Allowed *a = allowed->pdata[k];
      printf ("  %3u × [%s] %s\n        %s\n", a->used, a->section, a->pattern, a->reason);
    }
  if (verbose && allowed_walks->len)
    printf ("\nThe allowed walks, each with its entry (TX_PLANS_VERBOSE):\n%s", allowed_walks->str);
  if (n_notes)
    printf ("\nTo read (not a failure): %u statements with \"?N IS NULL OR …\" search a range of a growing "
            "table; with open bounds that range is the whole index:\n%s", n_notes, notes->str);
  if (n_violations)
    printf ("\nVIOLATIONS: a full walk of a table that grows with the data. Give the statement an index or a "
            "better query; only a walk that is right at any size (a migration, a full export) goes on the "
            "allow-list, with its reason.\n%s", violations->str);
  g_hash_table_unref (schema.tables);
  g_hash_table_unref (schema.indexes);
  return n_violations ? 1 : 0;
}
