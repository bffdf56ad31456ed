/* test-visits.c — recording visits, rescheduling, urgent situations, services
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"
#include "tx-report.h"
#include "tx-store-private.h"

#include <sqlite3.h>

/* The fixture child, not key care: guardianship good, no problems, no manual reasons */
static char *
add_child (TxStore *store)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  char *id;

  tx_record_set_key (r, "guardianship", "good");
  tx_record_set_key (r, "guardianship_problem", NULL);
  tx_record_set_key (r, "key_care_reasons", NULL);
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static TxVisit *
visit (const char *child, const char *date, const char *kind)
{
  TxVisit *v = tx_visit_new ();

  v->child_id = g_strdup (child);
  v->date = g_strdup (date);
  v->kind = g_strdup (kind);
  v->visitor = g_strdup ("李春梅");
  v->living = g_strdup ("住房整洁，饮食正常");
  return v;
}

static char *
due_of (TxStore *store, const char *child)
{
  g_autoptr(TxRecord) r = tx_store_child_get (store, child, NULL);
  return g_strdup (r->next_visit_due);
}

static void
test_home_visit_reschedules (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v1.db");
  g_autofree char *child = add_child (store);
  g_autofree char *d0 = due_of (store, child);
  g_autofree char *d1 = NULL, *d2 = NULL, *id = NULL, *id2 = NULL;
  g_autoptr(TxVisit) v = visit (child, "2026-10-12", "home");
  g_autoptr(TxVisit) phone = visit (child, "2026-11-02", "phone");
  g_autoptr(TxVisit) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (d0, ==, "2026-10-15");  /* the first visit */
  id = tx_store_visit_add (store, v, FALSE, NULL, &error);
  g_assert_no_error (error);
  d1 = due_of (store, child);
  g_assert_cmpstr (d1, ==, "2027-01-12");  /* good: three months later, a Tuesday */

  /* a phone call is no home visit: the schedule stays */
  id2 = tx_store_visit_add (store, phone, FALSE, NULL, &error);
  g_assert_no_error (error);
  d2 = due_of (store, child);
  g_assert_cmpstr (d2, ==, "2027-01-12");

  back = tx_store_visit_get (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->child_id, ==, child);
  g_assert_cmpstr (back->living, ==, "住房整洁，饮食正常");
  g_assert_true (back->complete);
}

static void
test_reassessment (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v2.db");
  g_autofree char *child = add_child (store);
  g_autoptr(TxVisit) v = visit (child, "2026-11-02", "home");
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *due = NULL;

  /* the visit finds guardianship average with a problem: key care now */
  v->guardianship = g_strdup ("average");
  v->guardianship_problem = g_strdup ("insufficient");
  id = tx_store_visit_add (store, v, FALSE, NULL, &error);
  g_assert_no_error (error);
  r = tx_store_child_get (store, child, NULL);
  g_assert_cmpstr (tx_record_get_key (r, "guardianship"), ==, "average");
  g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
  due = g_strdup (r->next_visit_due);
  g_assert_cmpstr (due, ==, "2026-11-17");  /* 15 days, at once */

  /* the assessments stay in the record's history */
  history = tx_store_child_history (store, child, &error);
  g_assert_nonnull (history);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < history->len; i++)
      {
        TxChange *c = history->pdata[i];
        if (g_str_equal (c->field, "guardianship"))
          {
            g_assert_cmpstr (c->old_value, ==, "good");
            g_assert_cmpstr (c->new_value, ==, "average");
            found = TRUE;
          }
      }
    g_assert_true (found);
  }
}

static void
test_urgent_needs_police (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v3.db");
  g_autofree char *child = add_child (store);
  g_autoptr(TxVisit) v = visit (child, "2026-11-20", "home");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *draft_id = NULL, *done_id = NULL;
  g_autoptr(GPtrArray) listed = NULL;

  v->urgent = g_strdup ("domestic_violence");
  id = tx_store_visit_add (store, v, FALSE, &problems, &error);
  g_assert_null (id);
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INCOMPLETE);
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_cmpstr (((TxVisitProblem *) problems->pdata[0])->key, ==, "police_report");
  g_clear_error (&error);
  listed = tx_store_visit_list (store, child, NULL, NULL, &error);
  g_assert_cmpuint (listed->len, ==, 0);  /* nothing was written */

  draft_id = tx_store_visit_add (store, v, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (v->complete);

  v->police_reported_at = g_strdup ("2026-11-20 10:30");
  v->police_station = g_strdup ("南岭派出所");
  v->police_officer = g_strdup ("王警官");
  v->police_receipt = g_strdup ("220102-2026-1120-017");
  v->police_measures = g_strdup ("民警上门调查，儿童暂由外祖母照料");
  done_id = tx_store_visit_add (store, v, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (v->complete);

  /* the child is urgent until a supervisor closes the cases with a note */
  {
    g_autoptr(TxRecord) r = tx_store_child_get (store, child, NULL);
    g_autoptr(TxRecord) after = NULL;
    g_autoptr(GPtrArray) open = tx_store_urgent_open (store, &error);
    g_autoptr(GPtrArray) none = NULL;

    g_assert_true (r->urgent);
    g_assert_cmpuint (open->len, ==, 2);  /* the draft's and the complete visit's */
    g_assert_cmpstr (((TxUrgentCase *) open->pdata[0])->situations, ==, "domestic_violence");
    g_assert_cmpstr (((TxUrgentCase *) open->pdata[0])->birth_date, ==, "2018-05-14");
    g_assert_cmpstr (((TxUrgentCase *) open->pdata[0])->residence_division, ==, "220102001002");
    g_assert_cmpstr (((TxUrgentCase *) open->pdata[0])->phone, ==, "13844556677");
    g_assert_false (tx_store_urgent_close (store, child, "", "王建国", &error));
    g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_true (tx_store_urgent_close (store, child, "公安机关已处置，儿童由外祖母监护", "王建国", &error));
    g_assert_no_error (error);
    after = tx_store_child_get (store, child, NULL);
    g_assert_false (after->urgent);
    none = tx_store_urgent_open (store, &error);
    g_assert_cmpuint (none->len, ==, 0);
    g_assert_false (tx_store_urgent_close (store, child, "再次关闭", NULL, &error));
    g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
  }
}

/* An urgent situation shows a guardianship problem, and saving it while
 * the guardianship stays good is to be confirmed */
static void
test_urgent_reassessment (void)
{
  g_autoptr(TxVisit) v = tx_visit_new ();

  g_assert_cmpstr (tx_visit_urgent_problem ("alone_or_missing"), ==, "absent");
  g_assert_cmpstr (tx_visit_urgent_problem ("guardian_unable"), ==, "absent");
  g_assert_cmpstr (tx_visit_urgent_problem ("domestic_violence"), ==, "abuse");
  g_assert_null (tx_visit_urgent_problem ("injury_or_harm"));
  for (guint i = 0; tx_visit_urgent_situations ()[i].code; i++)
    {
      const char *p = tx_visit_urgent_problem (tx_visit_urgent_situations ()[i].code);
      g_assert_true (p == NULL || tx_field_choice (tx_form_lookup ("guardianship_problem"), p));
    }

  /* no urgent situation: nothing to ask */
  g_assert_false (tx_visit_asks_reassessment (v, "good"));
  g_assert_false (tx_visit_asks_reassessment (v, NULL));
  v->urgent = g_strdup ("domestic_violence");
  /* not assessed again: asked, unless poor already */
  g_assert_true (tx_visit_asks_reassessment (v, "good"));
  g_assert_true (tx_visit_asks_reassessment (v, "average"));
  g_assert_true (tx_visit_asks_reassessment (v, NULL));
  g_assert_false (tx_visit_asks_reassessment (v, "poor"));
  /* assessed good again: asked; average or poor: a judgement made */
  v->guardianship = g_strdup ("good");
  g_assert_true (tx_visit_asks_reassessment (v, "poor"));
  g_free (v->guardianship);
  v->guardianship = g_strdup ("average");
  g_assert_false (tx_visit_asks_reassessment (v, "good"));
  g_free (v->guardianship);
  v->guardianship = g_strdup ("poor");
  g_assert_false (tx_visit_asks_reassessment (v, "good"));
}

static void
test_refused (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v4.db");
  g_autofree char *child = add_child (store);
  static const struct { const char *child, *date, *kind, *service, *key; } cases[] = {
    { NULL, "2026-11-20", "home", NULL, "child_id" },
    { "00000000-0000-4000-8000-000000000000", "2026-11-20", "home", NULL, "child_id" },
    { "", "2026-11-26", "home", NULL, "date" },          /* tomorrow */
    { "", "2026-02-30", "home", NULL, "date" },
    { "", "2026-11-20", "by letter", NULL, "kind" },
    { "", "2026-11-20", "home", "free_ponies", "services" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxVisit) v = visit (cases[i].child && !*cases[i].child ? child : cases[i].child,
                                    cases[i].date, cases[i].kind);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = NULL;
      gboolean named = FALSE;

      v->services = g_strdup (cases[i].service);
      id = tx_store_visit_add (store, v, TRUE, &problems, &error);
      g_assert_null (id);
      g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
      for (guint k = 0; k < problems->len; k++)
        named |= g_str_equal (((TxVisitProblem *) problems->pdata[k])->key, cases[i].key);
      if (!named)
        g_error ("case %u: no problem named %s", i, cases[i].key);
    }
  {
    g_autoptr(GPtrArray) none = tx_store_visit_list (store, NULL, NULL, NULL, NULL);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_services (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v5.db");
  g_autoptr(GPtrArray) services = tx_store_services (store, FALSE, NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (services->len, >=, 15);
  for (guint i = 0; i < services->len; i++)
    g_hash_table_add (groups, ((TxService *) services->pdata[i])->group);
  /* every one of the six headings has its examples */
  g_assert_cmpuint (g_hash_table_size (groups), ==, 6);
  g_assert_cmpstr (((TxService *) services->pdata[0])->group, ==, "early_childhood");
}

static void
test_edit_services (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v6.db");
  g_autofree char *child = add_child (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *sid = NULL, *unused = NULL, *vid = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(TxVisit) v = visit (child, "2026-11-02", "home");
  g_autoptr(TxVisit) later = visit (child, "2026-11-03", "phone");

  g_assert_null (tx_store_care_service_add (store, "ponies", "小马", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tx_store_care_service_add (store, "health", "", NULL, &error));
  g_clear_error (&error);

  sid = tx_store_care_service_add (store, "health", "儿童近视筛查", "Eyesight screening", &error);
  g_assert_no_error (error);
  g_assert_true (tx_store_care_service_rename (store, sid, "儿童视力筛查", NULL, &error));
  v->services = g_strdup (sid);
  vid = tx_store_visit_add (store, v, FALSE, NULL, &error);
  g_assert_no_error (error);

  /* used: it cannot be deleted, only retired; retired, no new visit takes it */
  g_assert_false (tx_store_care_service_delete (store, sid, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tx_store_care_service_retire (store, sid, TRUE, &error));
  later->services = g_strdup (sid);
  g_assert_null (tx_store_visit_add (store, later, TRUE, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);

  all = tx_store_services (store, TRUE, &error);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < all->len; i++)
      {
        TxService *s = all->pdata[i];
        if (g_str_equal (s->id, sid))
          {
            g_assert_cmpstr (s->zh, ==, "儿童视力筛查");
            g_assert_cmpstr (s->en, ==, "Eyesight screening");
            g_assert_true (s->retired);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* an unused one can go */
  unused = tx_store_care_service_add (store, "development", "亲子阅读", NULL, &error);
  g_assert_true (tx_store_care_service_delete (store, unused, &error));
  g_assert_false (tx_store_care_service_delete (store, unused, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND);
}

static void
test_calendar_month (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("v7.db");
  g_autofree char *a = add_child (store);
  g_autoptr(GError) error = NULL;
  TxDayCounts days[31];
  g_autoptr(GArray) overdue = NULL;

  /* a: due 2026-10-15 (first visit), overdue on 2026-11-25 */
  g_assert_true (tx_store_calendar_month (store, 2026, 10, NULL, NULL, days, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (days[14].due, ==, 1);
  g_assert_cmpuint (days[14].overdue, ==, 1);
  g_assert_cmpuint (days[13].due, ==, 0);

  /* a home visit on 2026-11-02 by 李春梅: done that day, next due in January */
  {
    g_autoptr(TxVisit) v = visit (a, "2026-11-02", "home");
    g_autofree char *id = tx_store_visit_add (store, v, FALSE, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  g_assert_cmpuint (days[1].done, ==, 1);
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, "王建国", days, &error));
  g_assert_cmpuint (days[1].done, ==, 0);
  g_assert_true (tx_store_calendar_month (store, 2026, 11, "220102001001", NULL, days, &error));
  g_assert_cmpuint (days[1].done, ==, 0);  /* the child lives in 220102001002 */
  g_assert_true (tx_store_calendar_month (store, 2026, 10, NULL, NULL, days, &error));
  g_assert_cmpuint (days[14].due, ==, 0);  /* rescheduled */

  /* the roster's overdue filter and next-visit order */
  overdue = tx_store_child_rowids (store, &(TxChildQuery) { .overdue_before = "2026-11-25" }, &error);
  g_assert_cmpuint (overdue->len, ==, 0);
  g_clear_pointer (&overdue, g_array_unref);
  overdue = tx_store_child_rowids (store, &(TxChildQuery) { .overdue_before = "2027-12-31",
                                                            .order = TX_CHILD_ORDER_NEXT_VISIT }, &error);
  g_assert_cmpuint (overdue->len, ==, 1);
}

/* Another child like the fixture's, registered on @registered */
static char *
add_other_child (TxStore    *store,
                 const char *name,
                 const char *id_number,
                 const char *registered)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  char *id;

  tx_record_set_key (r, "name", name);
  tx_record_set_key (r, "id_number", id_number);
  tx_record_set_key (r, "registration_date", registered);
  tx_record_set_key (r, "guardianship", "good");
  tx_record_set_key (r, "guardianship_problem", NULL);
  tx_record_set_key (r, "key_care_reasons", NULL);
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
report_to_police (TxVisit    *v,
                  const char *situation)
{
  v->urgent = g_strdup (situation);
  v->police_reported_at = g_strdup ("2026-11-25 10:30");
  v->police_station = g_strdup ("南岭派出所");
  v->police_officer = g_strdup ("王警官");
  v->police_receipt = g_strdup ("220102-2026-1125-003");
  v->police_measures = g_strdup ("民警上门调查，儿童暂由外祖母照料");
}

/* The day cell's "urgent": a case opened today shows on today, though the
 * visit that opened it moved the child's next visit away from today; a
 * child due on the day it was found urgent counts once; a closed case no
 * longer shows */
static void
test_calendar_urgent_today (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("urgent-day.db");
  g_autofree char *a = add_child (store);
  /* b is due on 2026-10-15, c on 2026-11-25: today */
  g_autofree char *b = add_other_child (store, "李可", "511323201805141218", "2026-09-15");
  g_autofree char *c = add_other_child (store, "王可", "511323201805141250", "2026-10-26");
  g_autoptr(GError) error = NULL;
  TxDayCounts days[31];
  const char *ids[] = { a, b, c };
  const char *kinds[] = { "home", "phone", "phone" };

  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  g_assert_cmpuint (days[24].due, ==, 1);
  g_assert_cmpuint (days[24].urgent, ==, 0);

  /* today's visits raise an urgent situation for each */
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(TxVisit) v = visit (ids[i], "2026-11-25", kinds[i]);
      g_autofree char *id = NULL;

      report_to_police (v, "domestic_violence");
      id = tx_store_visit_add (store, v, FALSE, NULL, &error);
      g_assert_no_error (error);
    }
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (days[24].done, ==, 3);
  g_assert_cmpuint (days[24].urgent, ==, 3);
  g_assert_cmpuint (days[23].urgent, ==, 0);
  /* the village filter: all three live in 220102001002 */
  g_assert_true (tx_store_calendar_month (store, 2026, 11, "220102001001", NULL, days, &error));
  g_assert_cmpuint (days[24].urgent, ==, 0);
  g_assert_true (tx_store_calendar_month (store, 2026, 11, "220102001002", NULL, days, &error));
  g_assert_cmpuint (days[24].urgent, ==, 3);
  /* b is still due on 2026-10-15 (a phone call moves no home visit): urgent there too */
  g_assert_true (tx_store_calendar_month (store, 2026, 10, NULL, NULL, days, &error));
  g_assert_cmpuint (days[14].urgent, ==, 1);

  /* a's case closed: two left */
  g_assert_true (tx_store_urgent_close (store, a, "公安机关已处置", "王建国", &error));
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  g_assert_cmpuint (days[24].urgent, ==, 2);
}

/* The calendar's pages: the first rows of the full lists, and the totals */
/* The calendar's tally of due days (schema 24) against the children's
 * rows, day by day and village by village */
static void
assert_due_tally (TxStore *store)
{
  sqlite3_stmt *stmt;
  g_autofree char *rows = NULL, *tally = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT group_concat (d, ' ') FROM (SELECT next_visit_due || '/' || "
                   "ifnull (f_residence_division, '') || '/' || count(*) || '/' || sum(urgent) d FROM child "
                   "WHERE deleted = 0 AND next_visit_due IS NOT NULL GROUP BY next_visit_due, "
                   "ifnull (f_residence_division, '') ORDER BY 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rows = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT group_concat (d, ' ') FROM (SELECT day || '/' || village || '/' || n || '/' || "
                   "urgent d FROM due_tally ORDER BY 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  tally = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (tally, ==, rows);
  g_clear_pointer (&rows, g_free);
  g_clear_pointer (&tally, g_free);

  /* the visits made, by day and visitor (schema 25) */
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT group_concat (d, ' ') FROM (SELECT date || '/' || ifnull (visitor, '') || '/' || "
                   "count(*) d FROM visit WHERE deleted = 0 GROUP BY date, ifnull (visitor, '') ORDER BY 1)",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  rows = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store),
                   "SELECT group_concat (d, ' ') FROM (SELECT date || '/' || visitor || '/' || n d "
                   "FROM visit_tally WHERE n <> 0 ORDER BY 1)", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  tally = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpstr (tally, ==, rows);
}

static void
test_due_tally (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("tally.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(TxVisit) v = NULL;
  g_autoptr(TxRecord) moved = NULL;
  g_autofree char *id = NULL;
  TxDayCounts days[31];
  guint due = 0, all_there = 0;

  assert_due_tally (store);
  g_assert_true (tx_demo_generate (store, 300, 4, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_due_tally (store);
  rows = tx_store_child_list (store, &(TxChildQuery) { 0 }, 0, 10, &error);

  /* a home visit moves the next one */
  v = visit (((TxChildRow *) rows->pdata[0])->id, "2026-11-20", "home");
  id = tx_store_visit_add (store, v, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_due_tally (store);
  /* a child moves to another village; another leaves; another is deleted */
  moved = tx_store_child_get (store, ((TxChildRow *) rows->pdata[1])->id, &error);
  tx_record_set_key (moved, "residence_division",
                     g_str_equal (tx_record_get_key (moved, "residence_division"), "220102001001")
                     ? "220102001002" : "220102001001");
  g_assert_true (tx_store_child_update (store, moved, TRUE, NULL, &error));
  g_assert_no_error (error);
  assert_due_tally (store);
  g_assert_true (tx_store_child_exit (store, ((TxChildRow *) rows->pdata[2])->id, "moved-away", "2026-11-20",
                                      "搬到广州", &error));
  g_assert_no_error (error);
  assert_due_tally (store);
  g_assert_true (tx_store_child_delete (store, ((TxChildRow *) rows->pdata[3])->id, &error));
  g_assert_no_error (error);
  assert_due_tally (store);
  /* urgent, as a visit's case sets it and a closing clears it */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), "UPDATE child SET urgent = 1 - urgent "
                                 "WHERE rowid IN (SELECT rowid FROM child WHERE next_visit_due IS NOT NULL LIMIT 30)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_due_tally (store);

  /* a visit's day and visitor changed, another deleted, as a sync merge
   * may write them */
  g_assert_cmpint (sqlite3_exec (tx_store_get_db (store), "UPDATE visit SET date = '2026-11-03', visitor = '张丽' "
                                 "WHERE rowid IN (SELECT rowid FROM visit LIMIT 20);"
                                 "UPDATE visit SET deleted = 1 WHERE rowid IN (SELECT rowid FROM visit "
                                 "WHERE deleted = 0 ORDER BY rowid DESC LIMIT 5);"
                                 "DELETE FROM visit WHERE rowid = (SELECT max(rowid) FROM visit)",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  assert_due_tally (store);

  /* and the month's counts are the children due and the visits made, for
   * everybody (from the tallies) and for one village (from its children) */
  for (guint month = 10; month <= 12; month++)
    {
      TxDayCounts village[31];
      const char *code = ((TxChildRow *) rows->pdata[5])->residence_division;
      guint made = 0, made_there = 0;
      sqlite3_stmt *stmt;
      g_autofree char *from = g_strdup_printf ("2026-%02u-01", month);
      g_autofree char *to = g_strdup_printf ("2026-%02u-31", month);
      g_autoptr(GPtrArray) visits = NULL;

      g_assert_true (tx_store_calendar_month (store, 2026, month, NULL, NULL, days, &error));
      g_assert_true (tx_store_calendar_month (store, 2026, month, code, NULL, village, &error));
      g_assert_no_error (error);
      visits = tx_store_visit_list (store, NULL, from, to, &error);
      g_assert_no_error (error);
      for (int d = 0; d < 31; d++)
        made += days[d].done, made_there += village[d].done;
      g_assert_cmpuint (made, ==, visits->len);
      g_assert_cmpint (sqlite3_prepare_v2 (tx_store_get_db (store), "SELECT count(*) FROM visit v JOIN child c "
                                           "ON c.uuid = v.child WHERE v.deleted = 0 AND c.deleted = 0 AND "
                                           "c.f_residence_division = ?1 AND v.date BETWEEN ?2 AND ?3",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, to, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpuint (made_there, ==, sqlite3_column_int (stmt, 0));
      sqlite3_finalize (stmt);
      g_assert_cmpuint (made_there, <=, made);
      all_there += made_there;
    }
  g_assert_cmpuint (all_there, >, 0);

  /* a day's visits: the count of a page (from the tally) is the list's */
  for (guint day = 1; day <= 30; day++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-11-%02u", day);
      g_autoptr(GPtrArray) every = tx_store_visit_rows (store, iso, NULL, NULL, 0, NULL, &error);
      g_autoptr(GPtrArray) page = NULL;
      guint total = 0;

      g_assert_no_error (error);
      page = tx_store_visit_rows (store, iso, NULL, NULL, 1, &total, &error);
      g_assert_cmpuint (total, ==, every->len);
    }
  g_assert_true (tx_store_calendar_month (store, 2026, 12, NULL, NULL, days, &error));
  for (int d = 0; d < 31; d++)
    due += days[d].due;
  g_assert_cmpuint (due, >, 0);
  g_assert_cmpuint (due, ==, tx_store_visits_due (store, "2026-12-01", "2026-12-31", &error)->len);
}

static void
test_calendar_pages (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("pages.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GPtrArray) village = NULL;
  const char *busiest = NULL;
  guint total = 0, most = 0;
  TxDayCounts days[31];

  g_assert_true (tx_demo_generate (store, 600, 11, NULL, NULL, &error));
  g_assert_no_error (error);

  /* overdue: the oldest first, a page and the count of all */
  all = tx_store_visits_due (store, NULL, "2026-11-24", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, >, 20);
  page = tx_store_due_page (store, NULL, "2026-11-24", NULL, 20, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 20);
  g_assert_cmpuint (total, ==, all->len);
  for (guint i = 0; i < page->len; i++)
    {
      TxDueRow *r = page->pdata[i];
      g_autoptr(TxRecord) child = tx_store_child_get (store, r->id, &error);

      g_assert_cmpstr (r->id, ==, ((TxDueRow *) all->pdata[i])->id);
      g_assert_cmpstr (r->birth_date, ==, tx_record_get_key (child, "birth_date"));
      g_assert_cmpstr (r->phone, ==, tx_record_get_key (child, "contact_phone"));
    }
  g_clear_pointer (&page, g_ptr_array_unref);

  /* one village: only its children, counted alike */
  {
    const char *code = ((TxDueRow *) all->pdata[0])->residence_division;
    guint expected = 0;

    for (guint i = 0; i < all->len; i++)
      expected += g_strcmp0 (((TxDueRow *) all->pdata[i])->residence_division, code) == 0;
    village = tx_store_due_page (store, NULL, "2026-11-24", code, 0, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (village->len, ==, expected);
    g_assert_cmpuint (total, ==, expected);
    for (guint i = 0; i < village->len; i++)
      g_assert_cmpstr (((TxDueRow *) village->pdata[i])->residence_division, ==, code);
  }

  /* a day's visits: the busiest day of the month, in pages, with names */
  g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error));
  for (guint d = 0; d < 25; d++)
    if (days[d].done > most)
      most = days[d].done;
  g_assert_cmpuint (most, >, 2);
  for (guint d = 0; d < 25 && !busiest; d++)
    if (days[d].done == most)
      {
        g_autofree char *day = g_strdup_printf ("2026-11-%02u", d + 1);
        g_autoptr(GPtrArray) rows = tx_store_visit_rows (store, day, NULL, NULL, 0, &total, &error);
        g_autoptr(GPtrArray) first = tx_store_visit_rows (store, day, NULL, NULL, 2, &total, &error);
        g_autoptr(GPtrArray) visits = tx_store_visit_list (store, NULL, day, day, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (rows->len, ==, most);
        g_assert_cmpuint (visits->len, ==, most);
        g_assert_cmpuint (first->len, ==, 2);
        g_assert_cmpuint (total, ==, most);
        for (guint i = 0; i < rows->len; i++)
          {
            TxVisitRow *r = rows->pdata[i];
            g_autoptr(TxRecord) child = tx_store_child_get (store, r->child_id, &error);

            g_assert_nonnull (child);
            g_assert_cmpstr (r->name, ==, tx_record_get_key (child, "name"));
            /* what tells two children of one name apart */
            g_assert_cmpstr (r->birth_date, ==, tx_record_get_key (child, "birth_date"));
            g_assert_cmpstr (r->residence_division, ==, tx_record_get_key (child, "residence_division"));
            g_assert_cmpstr (r->phone, ==, tx_record_get_key (child, "contact_phone"));
            g_assert_nonnull (r->kind);
          }
        g_assert_cmpstr (((TxVisitRow *) first->pdata[1])->id, ==, ((TxVisitRow *) rows->pdata[1])->id);

        /* by one visitor: as the calendar counts them */
        {
          const char *who = ((TxVisitRow *) rows->pdata[0])->visitor;
          g_autoptr(GPtrArray) theirs = tx_store_visit_rows (store, day, NULL, who, 1, &total, &error);

          g_assert_true (tx_store_calendar_month (store, 2026, 11, NULL, who, days, &error));
          g_assert_cmpuint (total, ==, days[d].done);
        }
        busiest = "found";
      }
  g_assert_nonnull (busiest);
}

/* New intervals reschedule every child at once; bad ones change nothing */
/* A county's month of visits takes a minute to lay out: a preview or an
 * export that is no longer wanted stops in the middle and leaves no file */
static void
test_report_cancelled (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("cancel.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(TxPagedList) log = NULL;
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "cancelled.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n = 0;

  g_assert_true (tx_demo_generate (store, 300, 11, NULL, NULL, &error));
  g_assert_no_error (error);
  g_cancellable_cancel (cancelled);

  log = tx_visit_log_new (store, 2026, 11, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tx_paged_list_get_n_rows (log), >, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cr = cairo_create (surface);
  g_assert_cmpuint (tx_paged_list_paginate (log, cr, cancelled), ==, 0);
  g_assert_cmpuint (tx_paged_list_paginate (log, cr, NULL), >, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_assert_false (tx_report_visit_log_pdf (store, 2026, 11, NULL, NULL, pdf, &n, cancelled, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_true (tx_report_visit_log_pdf (store, 2026, 11, NULL, NULL, pdf, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

static void
test_schedule_settings (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("settings.db");
  g_autofree char *a = add_child (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  TxScheduleSettings settings, now;

  {
    g_autoptr(TxVisit) v = visit (a, "2026-11-02", "home");
    g_autofree char *id = tx_store_visit_add (store, v, FALSE, NULL, &error);
    g_assert_no_error (error);
  }
  before = due_of (store, a);
  g_assert_cmpstr (before, ==, "2027-02-02");   /* good guardianship: three months */

  tx_store_get_schedule_settings (store, &settings);
  settings.good_months = 1;
  g_assert_true (tx_store_set_schedule_settings (store, &settings, &error));
  g_assert_no_error (error);
  after = due_of (store, a);
  g_assert_cmpstr (after, ==, "2026-12-02");
  tx_store_get_schedule_settings (store, &now);
  g_assert_cmpint (now.good_months, ==, 1);

  /* out of bounds: refused, named, nothing changed */
  settings.key_care_days = 0;
  settings.good_months = 6;
  g_assert_false (tx_store_set_schedule_settings (store, &settings, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "visit_key_care_days"));
  g_clear_pointer (&after, g_free);
  after = due_of (store, a);
  g_assert_cmpstr (after, ==, "2026-12-02");
  tx_store_get_schedule_settings (store, &now);
  g_assert_cmpint (now.good_months, ==, 1);
  g_assert_cmpint (now.key_care_days, ==, 15);
}

/* The staff: the supervisor, then the directors, however they were typed */
static void
test_staff (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("staff.db");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) none = NULL;
  g_auto(GStrv) staff = NULL;

  none = tx_store_get_staff (store);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_true (tx_store_set_setting (store, TX_SETTING_SUPERVISOR, "李春梅", &error));
  g_assert_true (tx_store_set_setting (store, TX_SETTING_DIRECTORS, "王建国，张丽、刘洪, 李春梅 ", &error));
  staff = tx_store_get_staff (store);
  g_assert_cmpuint (g_strv_length (staff), ==, 4);
  g_assert_cmpstr (staff[0], ==, "李春梅");
  g_assert_cmpstr (staff[1], ==, "王建国");
  g_assert_cmpstr (staff[2], ==, "张丽");
  g_assert_cmpstr (staff[3], ==, "刘洪");
}

static void
test_json (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxVisit) v = tx_visit_new ();
  g_autoptr(GPtrArray) problems = tx_visit_problems_new ();
  g_autoptr(JsonNode) out = NULL;
  g_autofree char *text = NULL;

  g_assert_true (json_parser_load_from_data (parser,
      "{\"child_id\": \"x\", \"date\": \"20261120\", \"kind\": \"入户走访\", \"visitor\": \"李春梅\","
      " \"findings\": {\"living\": \"好\", \"medical_schooling\": \"按时上学\"},"
      " \"services\": [\"vaccination\"], \"guardianship\": \"一般\", \"guardianship_problem\": [\"监护不足\"],"
      " \"urgent\": [\"疑似遭受家庭暴力\"], \"police_report\": {\"station\": \"南岭派出所\"}}", -1, NULL));
  g_assert_true (tx_visit_apply_json (v, json_node_get_object (json_parser_get_root (parser)), problems));
  g_assert_cmpstr (v->date, ==, "2026-11-20");
  g_assert_cmpstr (v->kind, ==, "home");
  g_assert_cmpstr (v->guardianship, ==, "average");
  g_assert_cmpstr (v->guardianship_problem, ==, "insufficient");
  g_assert_cmpstr (v->urgent, ==, "domestic_violence");
  g_assert_cmpstr (v->police_station, ==, "南岭派出所");
  g_assert_cmpstr (v->medical_schooling, ==, "按时上学");
  out = tx_visit_to_json (v);
  text = tx_json_to_string (out, FALSE);
  g_assert_nonnull (strstr (text, "\"medical_schooling\":\"按时上学\""));

  g_assert_true (json_parser_load_from_data (parser, "{\"when\": \"today\"}", -1, NULL));
  g_assert_false (tx_visit_apply_json (v, json_node_get_object (json_parser_get_root (parser)), problems));
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/visits/home-visit-reschedules", test_home_visit_reschedules);
  g_test_add_func ("/visits/reassessment", test_reassessment);
  g_test_add_func ("/visits/urgent-needs-police", test_urgent_needs_police);
  g_test_add_func ("/visits/urgent-reassessment", test_urgent_reassessment);
  g_test_add_func ("/visits/refused", test_refused);
  g_test_add_func ("/visits/services", test_services);
  g_test_add_func ("/visits/json", test_json);
  g_test_add_func ("/visits/report-cancelled", test_report_cancelled);
  g_test_add_func ("/visits/edit-services", test_edit_services);
  g_test_add_func ("/visits/calendar-month", test_calendar_month);
  g_test_add_func ("/visits/calendar-pages", test_calendar_pages);
  g_test_add_func ("/visits/due-tally", test_due_tally);
  g_test_add_func ("/visits/calendar-urgent-today", test_calendar_urgent_today);
  g_test_add_func ("/visits/schedule-settings", test_schedule_settings);
  g_test_add_func ("/visits/staff", test_staff);
  return g_test_run ();
}
