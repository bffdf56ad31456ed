/* test-register-core.c — a child's time on the register: age limits, exits, reopening, transfers
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * TONGXING_TODAY is 2026-11-25 (tests/meson.build).
 */

#include "config.h"

#include "tx-test-util.h"

static char *
ages_out (const char *birth,
          const char *categories,
          const TxAgeLimits *limits)
{
  g_autoptr(TxRecord) r = tx_record_new ();
  TxAgeLimits defaults;

  tx_age_limits_init (&defaults);
  tx_record_set_key (r, "birth_date", birth);
  tx_record_set_key (r, "child_category", categories);
  return tx_register_ages_out_text (r, limits ? limits : &defaults);
}

#define ASSERT_AGES_OUT(birth, cats, limits, want) G_STMT_START {      \
    g_autofree char *got = ages_out (birth, cats, limits);               \
    g_assert_cmpstr (got, ==, want);                                     \
  } G_STMT_END

static void
test_age_limits (void)
{
  TxAgeLimits fifteen = { 15, 15, 18 };

  /* migrant and left-behind children: under 16; distressed: under 18 */
  ASSERT_AGES_OUT ("2010-05-01", "migrant", NULL, "2026-05-01");
  ASSERT_AGES_OUT ("2010-05-01", "left_behind", NULL, "2026-05-01");
  ASSERT_AGES_OUT ("2010-05-01", "distressed", NULL, "2028-05-01");
  /* the last category to hold the child decides */
  ASSERT_AGES_OUT ("2010-05-01", "migrant,distressed", NULL, "2028-05-01");
  /* no category: the form's default, a migrant child */
  ASSERT_AGES_OUT ("2010-05-01", NULL, NULL, "2026-05-01");
  /* 29 February in a common year: a year is complete on 1 March */
  ASSERT_AGES_OUT ("2008-02-29", "distressed", NULL, "2026-03-01");
  ASSERT_AGES_OUT ("2012-02-29", "migrant", &fifteen, "2027-03-01");
  ASSERT_AGES_OUT ("2012-02-29", "migrant", NULL, "2028-02-29");
  /* no birth date: nothing to work out */
  ASSERT_AGES_OUT (NULL, "migrant", NULL, NULL);
}

/* A distressed child is one until 18: registered at 17, eligible; a
 * migrant child only of 17 is past the limit (seen in the new-user walk) */
static void
test_distressed_eligible_until_18 (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) both = NULL, migrant = NULL;
  GString *number = g_string_new ("51132320090610123");
  char check = tx_id_check_digit (number->str);

  g_string_append_c (number, check);
  tx_record_set_key (r, "birth_date", "2009-06-10");
  tx_record_set_key (r, "id_number", number->str);
  tx_record_set_key (r, "schooling", "senior");
  tx_record_set_key (r, "health_managed", "not_applicable");
  tx_record_set_key (r, "child_category", "migrant,distressed");
  both = tx_test_check (r);
  g_assert_true (both->eligible_in_time);
  g_assert_false (tx_test_check_has (both, "birth_date", TX_SEVERITY_INELIGIBLE));
  tx_record_set_key (r, "child_category", "migrant");
  migrant = tx_test_check (r);
  g_assert_false (migrant->eligible_in_time);
  g_assert_true (tx_test_check_has (migrant, "birth_date", TX_SEVERITY_INELIGIBLE));
  g_string_free (number, TRUE);
}

static void
test_entry_text (void)
{
  g_autoptr(TxRegisterEntry) e = g_new0 (TxRegisterEntry, 1);
  g_autoptr(TxRegisterEntry) back = NULL;
  g_autofree char *text = NULL, *again = NULL, *line = NULL;

  e->state = g_strdup (TX_REGISTER_EXITED);
  e->reason = g_strdup (TX_EXIT_AGED_OUT);
  e->date = g_strdup ("2026-03-01");
  e->by = g_strdup (TX_REGISTER_BY_RULE);
  text = tx_register_entry_format (e);
  /* two stations ageing a child out write the same text */
  g_assert_cmpstr (text, ==, "{\"state\":\"exited\",\"reason\":\"aged-out\",\"date\":\"2026-03-01\",\"by\":\"rule\"}");
  back = tx_register_entry_parse (text);
  again = tx_register_entry_format (back);
  g_assert_cmpstr (again, ==, text);
  line = tx_register_describe (text);
  g_assert_nonnull (strstr (line, "2026-03-01"));
  g_assert_nonnull (strstr (line, "by the rule"));
  g_assert_null (tx_register_entry_parse ("not json"));
  g_assert_null (tx_register_entry_parse ("{}"));
  g_assert_true (tx_exit_reason_valid ("moved-away"));
  g_assert_false (tx_exit_reason_valid ("moved"));
}

/* @id_number: the three digits before the check digit (odd: a boy) */
static char *
add_child (TxStore    *store,
           const char *birth,
           const char *id_number)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(GError) error = NULL;
  char *id;

  if (birth)
    {
      /* an identity number that agrees with the birth date */
      g_autoptr(GString) number = g_string_new ("511323");
      char check;

      for (const char *p = birth; *p; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (number, *p);
      g_string_append (number, id_number ? id_number : "123");
      check = tx_id_check_digit (number->str);
      g_string_append_c (number, check);
      tx_record_set_key (r, "birth_date", birth);
      tx_record_set_key (r, "id_number", number->str);
    }
  id = tx_store_child_add (store, r, TRUE, NULL, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
active_count (TxStore *store)
{
  TxChildQuery q = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 n = tx_store_child_count (store, &q, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_exit_and_reopen (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("r1.db");
  g_autofree char *child = add_child (store, NULL, NULL);
  g_autoptr(TxRecord) before = tx_store_child_get (store, child, NULL);
  g_autoptr(TxRecord) gone = NULL, back = NULL, edited = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  TxChildQuery left = { .register_filter = TX_REGISTER_FILTER_LEFT };

  g_assert_cmpstr (before->register_state, ==, TX_REGISTER_ACTIVE);
  g_assert_nonnull (before->next_visit_due);
  g_assert_cmpint (active_count (store), ==, 1);

  /* refused: an unknown reason, a day to come, "other" without a note */
  g_assert_false (tx_store_child_exit (store, child, "gone", "2026-11-20", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tx_store_child_exit (store, child, "moved-away", "2026-12-20", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tx_store_child_exit (store, child, "other", "2026-11-20", "  ", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (active_count (store), ==, 1);

  g_assert_true (tx_store_child_exit (store, child, "moved-away", "2026-11-20", "搬到广州", &error));
  g_assert_no_error (error);
  gone = tx_store_child_get (store, child, NULL);
  g_assert_cmpstr (gone->register_state, ==, TX_REGISTER_EXITED);
  g_assert_cmpstr (gone->exit_reason, ==, "moved-away");
  g_assert_cmpstr (gone->exit_date, ==, "2026-11-20");
  g_assert_null (gone->next_visit_due);
  g_assert_null (gone->info_refresh_due);
  g_assert_cmpint (active_count (store), ==, 0);
  g_assert_cmpint (tx_store_child_count (store, &left, NULL), ==, 1);
  /* once is enough */
  g_assert_false (tx_store_child_exit (store, child, "died", "2026-11-21", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER);
  g_clear_error (&error);

  /* a visit written up late is kept; none after the child left */
  {
    g_autoptr(TxVisit) late = tx_visit_new ();
    g_autoptr(TxVisit) after = NULL;
    g_autofree char *kept = NULL, *refused = NULL;

    TxVisit *both[] = { late, after = tx_visit_new () };

    for (guint i = 0; i < G_N_ELEMENTS (both); i++)
      {
        both[i]->child_id = g_strdup (child);
        both[i]->date = g_strdup (i == 0 ? "2026-11-10" : "2026-11-22");
        both[i]->kind = g_strdup ("home");
        both[i]->visitor = g_strdup ("李春梅");
        both[i]->living = g_strdup ("住房整洁");
      }
    kept = tx_store_visit_add (store, late, TRUE, NULL, &error);
    g_assert_no_error (error);
    refused = tx_store_visit_add (store, after, TRUE, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
    g_clear_error (&error);
    {
      g_autoptr(TxRecord) r = tx_store_child_get (store, child, NULL);
      g_assert_cmpstr (r->last_home_visit, ==, "2026-11-10");
      g_assert_null (r->next_visit_due);
    }
  }

  /* the record can still be corrected; it stays off the register */
  edited = tx_record_copy (gone);
  tx_record_set_key (edited, "remarks", "已迁往广州市");
  g_assert_true (tx_store_child_update (store, edited, TRUE, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(TxRecord) r = tx_store_child_get (store, child, NULL);
    g_assert_cmpstr (r->register_state, ==, TX_REGISTER_EXITED);
    g_assert_null (r->next_visit_due);
  }

  g_assert_false (tx_store_child_reopen (store, child, "", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (tx_store_child_reopen (store, child, "回来了", &error));
  g_assert_no_error (error);
  back = tx_store_child_get (store, child, NULL);
  g_assert_cmpstr (back->register_state, ==, TX_REGISTER_ACTIVE);
  g_assert_null (back->exit_reason);
  /* the schedule starts again from the reopening day: the first visit after it */
  g_assert_nonnull (back->next_visit_due);
  g_assert_cmpstr (back->next_visit_due, >, "2026-11-25");
  g_assert_cmpint (active_count (store), ==, 1);

  history = tx_store_child_history (store, child, &error);
  g_assert_no_error (error);
  {
    guint registers = 0;
    for (guint i = 0; i < history->len; i++)
      registers += g_strcmp0 (((TxChange *) history->pdata[i])->field, "_register") == 0;
    g_assert_cmpuint (registers, ==, 2);
  }
}

static void
test_urgent_case_blocks (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("r2.db");
  g_autofree char *child = add_child (store, "2010-11-20", NULL);
  g_autoptr(TxVisit) v = tx_visit_new ();
  g_autoptr(GPtrArray) exited = NULL, held = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *visit = NULL;
  GDate today = tx_test_date ("2026-11-25");

  v->child_id = g_strdup (child);
  v->date = g_strdup ("2026-11-01");
  v->kind = g_strdup ("home");
  v->visitor = g_strdup ("李春梅");
  v->living = g_strdup ("住房整洁");
  v->urgent = g_strdup ("domestic_violence");
  v->police_reported_at = g_strdup ("2026-11-01 10:30");
  v->police_station = g_strdup ("南岭派出所");
  v->police_officer = g_strdup ("王警官");
  v->police_receipt = g_strdup ("220102-2026-1101-017");
  v->police_measures = g_strdup ("民警上门调查");
  visit = tx_store_visit_add (store, v, TRUE, NULL, &error);
  g_assert_no_error (error);

  g_assert_false (tx_store_child_exit (store, child, "moved-away", "2026-11-20", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_URGENT_OPEN);
  g_clear_error (&error);
  /* sixteen on 2026-11-20, but held while the case is open */
  g_assert_true (tx_store_ageing_out_run (store, &today, &exited, &held, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exited->len, ==, 0);
  g_assert_cmpuint (held->len, ==, 1);
  g_clear_pointer (&exited, g_ptr_array_unref);
  g_clear_pointer (&held, g_ptr_array_unref);

  g_assert_true (tx_store_urgent_close (store, child, "已安置在外祖母家", "李春梅", &error));
  g_assert_no_error (error);
  g_assert_true (tx_store_ageing_out_run (store, &today, &exited, &held, &error));
  g_assert_cmpuint (exited->len, ==, 1);
  {
    g_autoptr(TxRecord) r = tx_store_child_get (store, child, NULL);
    g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (r->register_value);
    g_assert_cmpstr (r->exit_reason, ==, TX_EXIT_AGED_OUT);
    g_assert_cmpstr (r->exit_date, ==, "2026-11-20");
    g_assert_cmpstr (e->by, ==, TX_REGISTER_BY_RULE);
  }
  /* an aged-out child still past the limit is not reopened */
  g_assert_false (tx_store_child_reopen (store, child, "回来了", &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER);
  g_clear_error (&error);
  /* and running it again changes nothing */
  g_clear_pointer (&exited, g_ptr_array_unref);
  g_assert_true (tx_store_ageing_out_run (store, &today, &exited, NULL, &error));
  g_assert_cmpuint (exited->len, ==, 0);
}

static void
test_transfer_at_a_township (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("r3.db");
  g_autofree char *child = add_child (store, NULL, NULL);
  g_autofree char *transfer = NULL;
  g_autoptr(TxRecord) r = NULL;
  g_autoptr(TxTransfer) t = NULL;
  g_autoptr(GError) error = NULL;

  /* not a township of this county, or this township itself */
  g_assert_null (tx_store_child_transfer (store, child, "110101001", "2026-11-20", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tx_store_child_transfer (store, child, TX_TEST_TOWNSHIP, "2026-11-20", NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID);
  g_clear_error (&error);

  transfer = tx_store_child_transfer (store, child, "220102002", "2026-11-20", "随父母搬到自强街道", &error);
  g_assert_no_error (error);
  r = tx_store_child_get (store, child, NULL);
  g_assert_cmpstr (r->register_state, ==, TX_REGISTER_TRANSFERRED);
  g_assert_cmpstr (r->exit_reason, ==, TX_EXIT_TRANSFERRED);
  g_assert_null (r->next_visit_due);
  g_assert_cmpint (active_count (store), ==, 0);
  /* read-only here */
  g_assert_false (tx_store_child_update (store, r, TRUE, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER);
  g_clear_error (&error);
  /* only the county decides */
  g_assert_false (tx_store_transfer_decide (store, transfer, TRUE, NULL, &error));
  g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_REGISTER);
  g_clear_error (&error);
  t = tx_store_transfer_of_child (store, child);
  g_assert_cmpstr (t->id, ==, transfer);
  g_assert_cmpstr (t->state, ==, TX_TRANSFER_OFFERED);
  g_assert_cmpstr (t->to_township, ==, "220102002");
}

int
main (int argc, char **argv)
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/register/age-limits", test_age_limits);
  g_test_add_func ("/register/entry-text", test_entry_text);
  g_test_add_func ("/register/distressed-eligible-until-18", test_distressed_eligible_until_18);
  g_test_add_func ("/register/exit-and-reopen", test_exit_and_reopen);
  g_test_add_func ("/register/urgent-case-blocks", test_urgent_case_blocks);
  g_test_add_func ("/register/transfer-at-a-township", test_transfer_at_a_township);
  return g_test_run ();
}
