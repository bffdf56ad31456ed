/* tx-test-util.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-store-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

#include <sqlite3.h>

void
tx_test_init (int    *argc,
              char ***argv)
{
  /* fresh XDG folders in a temporary directory for every test */
  g_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  tx_core_init ();
}

char *
tx_test_db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "tongxing", name, NULL);
}

/**
 * tx_test_store_new:
 *
 * Returns: (transfer full): a new store set up for the test township
 */
TxStore *
tx_test_store_new (const char *name)
{
  g_autofree char *path = tx_test_db_path (name);
  g_autoptr(GError) error = NULL;
  TxStore *store = tx_test_open (path, &error);

  g_assert_no_error (error);
  tx_station_init_workstation (store, TX_TEST_COUNTY, TX_TEST_TOWNSHIP, NULL, &error);
  g_assert_no_error (error);
  return store;
}

/**
 * tx_test_fixture_record:
 *
 * Returns: (transfer full): the complete registration in tests/data/child-complete.json
 */
TxRecord *
tx_test_fixture_record (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "child-complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) problems = tx_input_problems_new ();
  g_autoptr(GError) error = NULL;
  TxRecord *r = tx_record_new ();

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_json_apply_object (json_node_get_object (json_parser_get_root (parser)), r, problems));
  g_assert_cmpuint (problems->len, ==, 0);
  return r;
}

/**
 * tx_test_check:
 *
 * Applies the rules as the test workstation would.
 *
 * Returns: (transfer full): the verdict
 */
TxCheck *
tx_test_check (TxRecord *record)
{
  TxRulesContext ctx;

  tx_rules_context_init (&ctx, TX_TEST_COUNTY, TX_TEST_TOWNSHIP);
  return tx_rules_apply (record, &ctx);
}

gboolean
tx_test_check_has (const TxCheck *check,
                   const char    *key,
                   TxSeverity     severity)
{
  int field = key ? tx_form_index (key) : -1;

  for (guint i = 0; i < check->problems->len; i++)
    {
      TxProblem *p = g_ptr_array_index (check->problems, i);
      if (p->field == field && p->severity == severity)
        return TRUE;
    }
  return FALSE;
}

/* A date from its ISO form, for tests that compute with dates */
GDate
tx_test_date (const char *iso)
{
  GDate d;

  g_assert_true (tx_date_parse (iso, &d));
  return d;
}

/* The plan SQLite chooses for @sql on @store, one line a step, with every
 * parameter bound to "x" */
char *
tx_test_plan (TxStore    *store,
              const char *sql)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *plan = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), explain, -1, &plan, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= sqlite3_bind_parameter_count (plan); i++)
    sqlite3_bind_text (plan, i, "x", -1, SQLITE_STATIC);
  while (sqlite3_step (plan) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (plan, 3));
  sqlite3_finalize (plan);
  return g_string_free (out, FALSE);
}
