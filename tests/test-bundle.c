/* test-bundle.c — bundles through the C interface: what the CLI cannot drive
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI tests (test-sync.py) cover the format, the checks and the merge.
 * Here: an import cancelled while the payload is being read and applied
 * (the reading thread and the store stop together and nothing is kept),
 * and the visits' lines read without json-glib.
 */

#include "config.h"

#include <glib/gstdio.h>

#include <sqlite3.h>

#include "tx-sync-private.h"
#include "tx-test-util.h"
#include "tx-test-login.h"

typedef struct {
  TxStore *township;
  TxStore *county;
  char    *bundle;
  guint    children;
} Stations;

static void
trust (TxStore *store,
       TxStore *other)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = tx_station_identity_text (other, &error);
  g_autoptr(TxStation) self = tx_station_self (other, &error);
  g_autoptr(TxStation) trusted = NULL;

  g_assert_no_error (error);
  trusted = tx_station_trust (store, text, strlen (text), self->fingerprint, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trusted);
}

static void
stations_setup (Stations      *s,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *county_path = tx_test_db_path ("county.db");
  g_autoptr(TxStation) county = NULL;
  g_autoptr(TxBundleInfo) out = NULL;

  s->children = GPOINTER_TO_UINT (data);
  s->township = tx_test_store_new ("township.db");
  g_assert_true (tx_station_ensure_keys (s->township, &error));
  g_assert_true (tx_demo_generate (s->township, s->children, 7, NULL, NULL, &error));
  g_assert_no_error (error);

  s->county = tx_test_open (county_path, &error);
  g_assert_no_error (error);
  g_assert_true (tx_station_init_workstation (s->county, TX_TEST_COUNTY, NULL, NULL, &error));
  g_assert_true (tx_station_ensure_keys (s->county, &error));
  trust (s->township, s->county);
  trust (s->county, s->township);

  county = tx_station_self (s->county, &error);
  s->bundle = g_build_filename (g_get_user_data_dir (), "county.txb", NULL);
  out = tx_bundle_export (s->township, county->id, TRUE, s->bundle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out->counts.children, ==, s->children);
}

static void
stations_teardown (Stations      *s,
                   gconstpointer  data)
{
  g_clear_object (&s->township);
  g_clear_object (&s->county);
  g_unlink (s->bundle);
  g_free (s->bundle);
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (30 * 1000);
  g_cancellable_cancel (data);
  return NULL;
}

static void
test_cancel (Stations      *s,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TxBundleInfo) in = NULL;
  g_autofree char *before = tx_sync_dump (s->county, &error);
  g_autofree char *after = NULL;
  TxChildQuery all = { .register_filter = TX_REGISTER_FILTER_ALL };
  GThread *thread;
  gint64 start;

  g_assert_no_error (error);

  /* cancelled before it starts */
  g_cancellable_cancel (cancellable);
  in = tx_bundle_import (s->county, s->bundle, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (in);
  g_clear_error (&error);

  /* cancelled while the lines are read and applied: the import of these
   * children takes about a second, ten times longer under the sanitizers */
  g_cancellable_reset (cancellable);
  thread = g_thread_new ("cancel", cancel_later, cancellable);
  start = g_get_monotonic_time ();
  in = tx_bundle_import (s->county, s->bundle, cancellable, &error);
  g_thread_join (thread);
  g_test_message ("cancelled after %.3f s", (g_get_monotonic_time () - start) / 1e6);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (in);
  g_clear_error (&error);

  after = tx_sync_dump (s->county, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (tx_store_child_count (s->county, &all, NULL), ==, 0);

  /* and the same bundle imports whole afterwards: nothing of it was kept */
  in = tx_bundle_import (s->county, s->bundle, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (in->seq, ==, 1);
  g_assert_cmpuint (in->counts.added, >, s->children);
  g_assert_cmpint (tx_store_child_count (s->county, &all, NULL), ==, s->children);
}

typedef struct {
  int       progress;
  int       done;
  GArray   *seen;
} Watch;

static gpointer
watch_progress (gpointer data)
{
  Watch *w = data;

  while (!g_atomic_int_get (&w->done))
    {
      int now = g_atomic_int_get (&w->progress);
      g_array_append_val (w->seen, now);
      g_usleep (500);
    }
  return NULL;
}

/* An import says how far it is, in thousandths, never going back, read
 * from another thread as the Sync view does */
static void
test_progress (Stations      *s,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBundleInfo) in = NULL;
  Watch w = { -1, 0, g_array_new (FALSE, FALSE, sizeof (int)) };
  GThread *thread = g_thread_new ("watch", watch_progress, &w);
  guint between = 0;

  in = tx_bundle_import_full (s->county, s->bundle, NULL, &w.progress, &error);
  g_atomic_int_set (&w.done, 1);
  g_thread_join (thread);
  g_assert_no_error (error);
  g_assert_cmpint (w.progress, ==, 1000);
  for (guint i = 1; i < w.seen->len; i++)
    {
      int before = g_array_index (w.seen, int, i - 1), now = g_array_index (w.seen, int, i);
      g_assert_cmpint (now, >=, before);
      between += now > 0 && now < 1000;
    }
  g_test_message ("%u readings, %u between the ends", w.seen->len, between);
  g_assert_cmpuint (between, >, 0);
  g_array_unref (w.seen);
}

/* The rows of a query, one a line */
static char *
query_text (TxStore    *store,
            const char *sql)
{
  sqlite3_stmt *stmt;
  GString *s = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (s, "%s ", sqlite3_column_text (stmt, i));
      g_string_append_c (s, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (s, FALSE);
}

/* An import that touches more children than it lists (a county's first)
 * works out every child again at the end (tx_store_children_revisited
 * without a list): the same as the sender has */
static void
test_revisit_all (Stations      *s,
                  gconstpointer  data)
{
  /* the children with a home visit: their last and next visit; every
   * child: the urgent mark */
  const char *visited = "SELECT uuid, last_home_visit, next_visit_due FROM child WHERE uuid IN "
                        "(SELECT child FROM visit WHERE kind = 'home' AND deleted = 0) ORDER BY uuid";
  const char *urgent = "SELECT uuid, urgent FROM child ORDER BY uuid";
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBundleInfo) in = tx_bundle_import (s->county, s->bundle, NULL, &error);
  g_autofree char *want_visited = query_text (s->township, visited);
  g_autofree char *want_urgent = query_text (s->township, urgent);
  g_autofree char *wiped = NULL, *got_visited = NULL, *got_urgent = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (strlen (want_visited), >, 1000);
  g_assert_nonnull (strstr (want_urgent, " 1 \n"));

  g_assert_true (tx_store_begin (s->county, &error));
  g_assert_true (tx_store_exec (s->county, "UPDATE child SET last_home_visit = NULL, next_visit_due = NULL, "
                                           "urgent = 0", &error));
  wiped = query_text (s->county, visited);
  g_assert_cmpstr (wiped, !=, want_visited);
  g_assert_true (tx_store_children_revisited (s->county, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_commit (s->county, &error));
  got_visited = query_text (s->county, visited);
  got_urgent = query_text (s->county, urgent);
  g_assert_cmpstr (got_visited, ==, want_visited);
  g_assert_cmpstr (got_urgent, ==, want_urgent);
}

/* tests/fuzz/payload-corpus/visits.jsonl: the first three lines are read
 * directly, every other by json-glib, and what is read directly reads as
 * json-glib reads it */
static void
test_visit_lines (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fuzz", "payload-corpus", "visits.jsonl", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, ==, 11);   /* nine visits, the end, and after the last newline nothing */
  for (guint i = 0; i < 9; i++)
    {
      TxSyncLine *line = tx_sync_line_parse (parser, lines[i], strlen (lines[i]));
      const char *const *visit = tx_sync_line_visit (line);

      g_test_message ("line %u", i + 1);
      if (i >= 3)
        g_assert_null (visit);
      else
        {
          JsonObject *o;
          JsonArray *r;

          g_assert_nonnull (visit);
          g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
          o = json_node_get_object (json_parser_get_root (parser));
          g_assert_cmpstr (visit[0], ==, json_object_get_string_member (o, "id"));
          r = json_object_get_array_member (o, "r");
          for (guint k = 1; k < TX_SYNC_VISIT_VALUES; k++)
            {
              JsonNode *node = json_array_get_element (r, k - 1);
              g_assert_cmpstr (visit[k], ==, JSON_NODE_HOLDS_NULL (node) ? NULL : json_node_get_string (node));
            }
        }
      if (i == 0)
        g_assert_cmpstr (visit[8], ==, "引号\"反斜杠\\斜杠/ 换行\n制表\t回车\r退格\b换页\f控制\x01");
      if (i == 1)
        g_assert_cmpstr (visit[9], ==, "𠀀𝄞 emoji 😀 中文");
      if (i == 2)
        g_assert_cmpstr (visit[10], ==, "aA");
      tx_sync_line_free (line);
    }
}

int
main (int   argc,
      char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/bundle/visit-lines", test_visit_lines);
  g_test_add ("/bundle/progress", Stations, GUINT_TO_POINTER (2000), stations_setup, test_progress,
              stations_teardown);
  g_test_add ("/bundle/revisit-all", Stations, GUINT_TO_POINTER (500), stations_setup, test_revisit_all,
              stations_teardown);
  g_test_add ("/bundle/cancel", Stations, GUINT_TO_POINTER (2000), stations_setup, test_cancel,
              stations_teardown);
  return g_test_run ();
}
