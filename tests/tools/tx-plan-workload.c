/* tx-plan-workload.c — every shape of the roster's queries and the single-record operations, for the plan guard
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   tx-plan-workload DB N   makes DB with N demo children (kept), then runs
 *                           each search kind, each order, each filter of
 *                           TxChildQuery (list, count, row ids), the visits
 *                           due and overdue, the calendar, and a save, a
 *                           visit, an exit, a reopening, a transfer and a
 *                           deletion of one child
 *
 * tests/test-query-plans.py runs it with TONGXING_SQL_RECORD set, beside
 * the unit and CLI tests: the statements the roster builds for each
 * search, order and filter are many texts, and the tests do not make
 * them all. It asserts only that each call works; the plans are
 * tx-plan-check's. DB is then the store whose statistics the check
 * scales up to a district.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tx-core.h"
#include "tx-store-private.h"
#include "../tx-test-login.h"

static void
fail_if (GError *error, const char *what)
{
  if (error)
    {
      fprintf (stderr, "tx-plan-workload: %s: %s\n", what, error->message);
      exit (1);
    }
}

/* One query as the roster asks it: the first page, a page further down,
 * the count for the status line and the row ids of the whole list */
static void
roster (TxStore *store, const TxChildQuery *q)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = tx_store_child_list (store, q, 0, 100, &error);
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GArray) ids = NULL;

  fail_if (error, "list");
  later = tx_store_child_list (store, q, 200, 100, &error);
  fail_if (error, "list at an offset");
  tx_store_child_count (store, q, &error);
  fail_if (error, "count");
  ids = tx_store_child_rowids (store, q, &error);
  fail_if (error, "row ids");
  if (ids->len > 0)
    {
      g_autoptr(GPtrArray) rows = tx_store_child_rows_by_rowid (store, &g_array_index (ids, gint64, 0),
                                                                MIN (ids->len, 100), &error);
      fail_if (error, "rows by row id");
    }
}

static gboolean
count_one (TxRecord *record, gpointer data)
{
  (*(guint *) data)++;
  return TRUE;
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(GPtrArray) sample = NULL;
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_free);
  const char *month_from = "2026-11-01", *month_to = "2026-11-30", *today = "2026-11-25";
  static const TxChildOrder orders[] = {
    TX_CHILD_ORDER_NAME, TX_CHILD_ORDER_AGE, TX_CHILD_ORDER_GENDER, TX_CHILD_ORDER_ID_NUMBER,
    TX_CHILD_ORDER_VILLAGE, TX_CHILD_ORDER_CATEGORY, TX_CHILD_ORDER_GUARDIANSHIP,
    TX_CHILD_ORDER_KEY_CARE, TX_CHILD_ORDER_STATUS, TX_CHILD_ORDER_NEXT_VISIT, TX_CHILD_ORDER_INFO_REFRESH,
  };
  TxChildRow *one, *other;
  TxDueRow *due_one = NULL;
  guint n;

  if (argc != 3)
    {
      fprintf (stderr, "usage: tx-plan-workload DB N\n");
      return 2;
    }
  tx_core_init ();
  store = tx_test_open (argv[1], &error);
  fail_if (error, "open");
  if (!tx_store_is_set_up (store))
    tx_station_init_workstation (store, "220102", "220102001", NULL, &error);
  fail_if (error, "set up");
  tx_demo_generate (store, (guint) atoi (argv[2]), 1, NULL, NULL, &error);
  fail_if (error, "demo");

  sample = tx_store_child_list (store, &(TxChildQuery) { 0 }, 50, 2, &error);
  fail_if (error, "sample");
  g_assert (sample->len == 2);
  one = sample->pdata[0];
  other = sample->pdata[1];

  /* every kind of search: a name's first character, two characters, the
   * whole name (three and more: the gram and instr), pinyin initials,
   * the first digits of an identity number and its last ones */
  {
    const char *second = g_utf8_next_char (one->name);
    g_autofree char *initials = tx_pinyin_initials (one->name);

    g_ptr_array_add (searches, g_strndup (one->name, second - one->name));
    g_ptr_array_add (searches, g_strndup (one->name, g_utf8_next_char (second) - one->name));
    g_ptr_array_add (searches, g_strdup (one->name));
    g_ptr_array_add (searches, g_strndup (initials, 2));
    g_ptr_array_add (searches, g_strdup (initials));
    g_ptr_array_add (searches, g_strndup (one->id_number, 6));
    g_ptr_array_add (searches, g_strdup (one->id_number + 14));
  }

  for (guint s = 0; s <= searches->len; s++)
    for (guint o = 0; o < G_N_ELEMENTS (orders); o++)
      for (int desc = 0; desc < 2; desc++)
        roster (store, &(TxChildQuery) { .search = s < searches->len ? searches->pdata[s] : NULL,
                                         .order = orders[o], .descending = desc });

  /* each filter alone, and with a search */
  for (guint s = 0; s < 2; s++)
    {
      const char *search = s ? searches->pdata[0] : NULL;
      g_autofree char *village = g_strdup (one->residence_division);
      const TxChildQuery filters[] = {
        { .division = village },
        { .division = "220102001" },
        { .category = "left_behind" },
        { .guardianship = "poor" },
        { .key_care_only = TRUE },
        { .incomplete_only = TRUE },
        { .ineligible_only = TRUE },
        { .overdue_before = today },
        { .urgent_only = TRUE },
        { .compare_task = TRUE },
        { .refresh_before = today },
        { .registered_on = "2026-06-30" },
        { .register_filter = TX_REGISTER_FILTER_LEFT },
        { .register_filter = TX_REGISTER_FILTER_LEFT, .exit_reason = TX_EXIT_MOVED_AWAY },
        { .register_filter = TX_REGISTER_FILTER_LEFT, .exited_after = "2026-01-01" },
        { .register_filter = TX_REGISTER_FILTER_ALL },
        { .ages_out_before = "2027-12-31" },
        { .division = village, .key_care_only = TRUE, .overdue_before = today },
      };

      for (guint f = 0; f < G_N_ELEMENTS (filters); f++)
        {
          TxChildQuery q = filters[f];

          q.search = search;
          roster (store, &q);
          q.order = TX_CHILD_ORDER_NEXT_VISIT;
          roster (store, &q);
        }
    }
  n = 0;
  tx_store_child_foreach (store, &(TxChildQuery) { .division = one->residence_division }, count_one, &n,
                          NULL, &error);
  fail_if (error, "foreach");

  /* visits due and overdue, the calendar */
  {
    g_autoptr(GPtrArray) due = tx_store_visits_due (store, month_from, month_to, &error);
    g_autoptr(GPtrArray) overdue = NULL, page = NULL, village_page = NULL, staff = NULL, day = NULL;
    g_autoptr(GPtrArray) day_village = NULL, log = NULL;
    TxDayCounts days[31];
    guint total;

    fail_if (error, "visits due");
    overdue = tx_store_visits_due (store, NULL, today, &error);
    fail_if (error, "overdue");
    if (due->len > 0)
      due_one = due->pdata[0];
    page = tx_store_due_page (store, month_from, month_to, NULL, 100, &total, &error);
    fail_if (error, "due page");
    village_page = tx_store_due_page (store, NULL, today, one->residence_division, 100, &total, &error);
    fail_if (error, "due page of a village");
    tx_store_calendar_month (store, 2026, 11, NULL, NULL, days, &error);
    fail_if (error, "month");
    tx_store_calendar_month (store, 2026, 11, one->residence_division, NULL, days, &error);
    fail_if (error, "month of a village");
    tx_store_calendar_month (store, 2026, 10, NULL, TX_DEMO_SUPERVISOR, days, &error);
    fail_if (error, "month of a visitor");
    staff = tx_store_visitors (store, "2026-01-01", &error);
    fail_if (error, "visitors");
    day = tx_store_visit_rows (store, "2026-10-15", NULL, NULL, 100, &total, &error);
    fail_if (error, "a day's visits");
    day_village = tx_store_visit_rows (store, "2026-10-15", one->residence_division, TX_DEMO_SUPERVISOR, 100,
                                       &total, &error);
    fail_if (error, "a day's visits of a village and visitor");
    log = tx_store_visit_log (store, month_from, month_to, NULL, NULL, &error);
    fail_if (error, "visit log");
    g_clear_pointer (&log, g_ptr_array_unref);
    log = tx_store_visit_log (store, month_from, month_to, one->residence_division, TX_DEMO_SUPERVISOR, &error);
    fail_if (error, "visit log of a village and visitor");
    (void) due_one;
  }

  /* one child: read, find, save, visit, history */
  {
    g_autoptr(TxRecord) record = tx_store_child_get (store, one->id, &error);
    g_autoptr(GPtrArray) same = NULL, pinyin = NULL, history = NULL, visits = NULL;
    g_autoptr(TxVisit) visit = tx_visit_new ();
    g_autoptr(TxVisit) urgent = tx_visit_new ();
    g_autofree char *found = NULL, *visit_id = NULL, *urgent_id = NULL;
    g_autoptr(TxVisit) read_back = NULL;

    fail_if (error, "get");
    found = tx_store_child_find_id_number (store, one->id_number, NULL);
    same = tx_store_child_same_person (store, one->name, one->birth_date, one->id);
    pinyin = tx_store_child_same_pinyin (store, one->name, one->birth_date, one->id);
    tx_record_set_key (record, "remarks", "复查");
    tx_store_child_update (store, record, TRUE, NULL, &error);
    fail_if (error, "save");
    history = tx_store_child_history (store, one->id, &error);
    fail_if (error, "history");

    visit->child_id = g_strdup (one->id);
    visit->date = g_strdup (today);
    visit->kind = g_strdup ("home");
    visit->visitor = g_strdup (TX_DEMO_SUPERVISOR);
    visit->living = g_strdup ("住房整洁");
    visit_id = tx_store_visit_add (store, visit, TRUE, NULL, &error);
    fail_if (error, "visit");
    read_back = tx_store_visit_get (store, visit_id, &error);
    fail_if (error, "visit read back");
    visits = tx_store_visit_list (store, one->id, NULL, NULL, &error);
    fail_if (error, "the child's visits");

    urgent->child_id = g_strdup (other->id);
    urgent->date = g_strdup (today);
    urgent->kind = g_strdup ("home");
    urgent->visitor = g_strdup (TX_DEMO_SUPERVISOR);
    urgent->urgent = g_strdup ("domestic_violence");
    urgent_id = tx_store_visit_add (store, urgent, TRUE, NULL, &error);
    fail_if (error, "urgent visit");
    {
      g_autoptr(GPtrArray) open = tx_store_urgent_open (store, &error);
      fail_if (error, "urgent cases");
    }
    tx_store_urgent_close (store, other->id, "已安置", TX_DEMO_SUPERVISOR, &error);
    fail_if (error, "urgent case closed");
  }

  /* the window's audit view: a page, the numbers of all the entries asked
   * for, each filter; the people and the children it offers; the sync
   * view's queues of conflicts and possible duplicates */
  {
    const char *const children[] = { one->id, NULL };
    const char *const kinds[] = { "child", NULL };
    const TxAuditQuery audits[] = {
      { 0 },
      { .person = tx_store_get_person (store) },
      { .children = children },
      { .kinds = kinds },
      { .from = "2026-11-01" },
      { .to = "2026-11-30" },
      { .from = "2026-11-01", .to = "2026-11-30" },
      { .person = tx_store_get_person (store), .kinds = kinds, .from = "2026-11-01", .to = "2026-11-30" },
    };
    g_autoptr(TxAuditEntry) entry = NULL;
    g_autoptr(GPtrArray) conflicts = NULL, duplicates = NULL;
    g_auto(GStrv) people = NULL, named = NULL;
    g_autofree char *name = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (audits); i++)
      {
        g_autoptr(GPtrArray) page = tx_store_audit_list (store, &audits[i], 0, 100, &error);
        g_autoptr(GArray) seqs = NULL;

        fail_if (error, "audit page");
        seqs = tx_store_audit_seqs (store, &audits[i], &error);
        fail_if (error, "audit entries' numbers");
        if (i == 0 && seqs->len > 0)
          entry = tx_store_audit_get (store, g_array_index (seqs, gint64, 0), &error);
        fail_if (error, "audit entry");
      }
    tx_store_audit_count_all (store, &error);
    fail_if (error, "audit count");
    people = tx_store_audit_people (store, &error);
    fail_if (error, "audit people");
    named = tx_store_audit_children_named (store, searches->pdata[0], &error);
    fail_if (error, "audit children named");
    name = tx_store_audit_child_name (store, one->id);
    conflicts = tx_store_conflicts (store, &error);
    fail_if (error, "conflicts");
    duplicates = tx_store_duplicates (store, &error);
    fail_if (error, "duplicates");
  }

  /* one child added, one leaving and coming back, one transferred, one deleted */
  {
    g_autoptr(TxRecord) record = tx_record_new ();
    g_autofree char *added = NULL, *transfer = NULL;
    g_autoptr(GPtrArray) transfers = NULL;
    g_autoptr(TxTransfer) of_child = NULL;
    TxChildRow *third, *fourth;
    g_autoptr(GPtrArray) more = tx_store_child_list (store, &(TxChildQuery) { 0 }, 80, 2, &error);

    fail_if (error, "more");
    third = more->pdata[0];
    fourth = more->pdata[1];
    tx_record_set_key (record, "name", "计划测");
    added = tx_store_child_add (store, record, TRUE, NULL, &error);
    fail_if (error, "add");
    tx_store_child_exit (store, one->id, TX_EXIT_MOVED_AWAY, today, NULL, &error);
    fail_if (error, "exit");
    tx_store_child_reopen (store, one->id, "回来了", &error);
    fail_if (error, "reopen");
    transfer = tx_store_child_transfer (store, third->id, "220102002", today, NULL, &error);
    fail_if (error, "transfer");
    transfers = tx_store_transfers_list (store, NULL, &error);
    fail_if (error, "transfers");
    g_clear_pointer (&transfers, g_ptr_array_unref);
    transfers = tx_store_transfers_list (store, TX_TRANSFER_OFFERED, &error);
    fail_if (error, "transfers offered");
    of_child = tx_store_transfer_of_child (store, third->id);
    tx_store_register_refresh (store, fourth->id, &error);
    fail_if (error, "register refresh");
    tx_store_child_delete (store, added, &error);
    fail_if (error, "delete");
  }
  return 0;
}
