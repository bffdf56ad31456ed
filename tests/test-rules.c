/* test-rules.c — the rules of form.md and domain.md
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts from the complete fixture (registered 2026-09-15, today
 * 2026-11-25 by TONGXING_TODAY) and changes what it tests.
 */

#include "config.h"

#include "tx-test-util.h"

static void
set (TxRecord *r, const char *key, const char *value)
{
  const TxField *f = tx_form_lookup (key);
  g_assert_nonnull (f);
  tx_record_take (r, f->index, tx_record_input_value (f, value));
}

static void
test_fixture_complete (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = tx_test_check (r);

  for (guint i = 0; i < c->problems->len; i++)
    g_test_message ("%s", ((TxProblem *) c->problems->pdata[i])->message);
  g_assert_cmpuint (c->problems->len, ==, 0);
  g_assert_true (c->complete);
  g_assert_true (c->eligible);
  g_assert_cmpint (c->age_at_registration, ==, 8);
  g_assert_cmpstr (tx_record_get_key (r, "migration_scope"), ==, "inter_province");
  g_assert_cmpstr (tx_record_get_key (r, "reporting_county"), ==, TX_TEST_COUNTY);
}

static void
test_id_check_digit (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "id_number", "511323201805141235");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "id_number", TX_SEVERITY_ERROR));
  g_assert_true (tx_check_blocks_save (c));
  g_assert_false (c->complete);
}

static void
test_id_lower_x (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  /* a girl born 1949-12-31 is no child, but the number itself is read right */
  set (r, "id_number", "11010519491231002x");
  g_assert_cmpstr (tx_record_get_key (r, "id_number"), ==, "11010519491231002X");
  c = tx_test_check (r);
  g_assert_false (tx_test_check_has (c, "id_number", TX_SEVERITY_ERROR));
  g_assert_true (tx_test_check_has (c, "birth_date", TX_SEVERITY_ERROR));
  g_assert_true (tx_test_check_has (c, "gender", TX_SEVERITY_ERROR));
}

static void
test_id_legacy (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "id_number", "110105491231002");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "id_number", TX_SEVERITY_ERROR));
}

static void
test_id_birth_mismatch (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "birth_date", "2018-05-15");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "birth_date", TX_SEVERITY_ERROR));
  g_assert_true (tx_check_blocks_save (c));
}

static void
test_id_gender_mismatch (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "gender", "女");  /* by Chinese label */
  g_assert_cmpstr (tx_record_get_key (r, "gender"), ==, "female");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "gender", TX_SEVERITY_ERROR));
}

static void
test_id_not_required_without_card (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "id_type", "none");
  c = tx_test_check (r);
  /* the number does not apply and is dropped, with a warning */
  g_assert_null (tx_record_get_key (r, "id_number"));
  g_assert_true (tx_test_check_has (c, "id_number", TX_SEVERITY_WARNING));
  g_assert_true (c->complete);
}

/* Birth date and identity number for a child born on @birth (YYYYMMDD) */
static void
set_birth (TxRecord *r, const char *birth)
{
  char id[19];

  g_snprintf (id, sizeof id, "511323%s123", birth);
  id[17] = tx_id_check_digit (id);
  id[18] = 0;
  set (r, "id_number", id);
  set (r, "birth_date", birth);
}

static void
test_sixteenth_birthday (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL, c2 = NULL;

  set_birth (r, "20100915");  /* 16 on the registration date 2026-09-15 */
  set (r, "schooling", "junior");
  c = tx_test_check (r);
  g_assert_cmpint (c->age_at_registration, ==, 16);
  g_assert_false (c->eligible);
  g_assert_true (tx_test_check_has (c, "birth_date", TX_SEVERITY_INELIGIBLE));
  g_assert_true (c->complete);  /* kept and counted apart, not an error */

  set_birth (r, "20100916");  /* one day short of 16 */
  c2 = tx_test_check (r);
  g_assert_cmpint (c2->age_at_registration, ==, 15);
  g_assert_true (c2->eligible);
}

static void
test_arrival_six_months (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL, c2 = NULL, c3 = NULL, c4 = NULL;

  /* registered 2026-11-20 after 5 months and 19 days here; today (the tests'
   * 2026-11-25) still short of six */
  set (r, "registration_date", "2026-11-20");
  set (r, "arrival_date", "2026-06-01");
  c = tx_test_check (r);
  g_assert_false (c->eligible);
  g_assert_true (c->eligible_in_time);
  g_assert_cmpstr (c->eligible_from, ==, "2026-12-01");
  g_assert_true (tx_test_check_has (c, "arrival_date", TX_SEVERITY_INELIGIBLE));
  g_assert_true (c->complete);

  set (r, "arrival_date", "2026-05-20");  /* exactly six months at registration */
  c2 = tx_test_check (r);
  g_assert_true (c2->eligible);
  g_assert_null (c2->eligible_from);

  /* the six months are counted to today: registered 2026-09-15 after five
   * months and thirty days, eligible since 2026-09-16, without a new form */
  set (r, "registration_date", "2026-09-15");
  set (r, "arrival_date", "2026-03-16");
  c3 = tx_test_check (r);
  g_assert_true (c3->eligible);
  g_assert_cmpstr (c3->eligible_from, ==, "2026-09-16");
  g_assert_false (tx_test_check_has (c3, "arrival_date", TX_SEVERITY_INELIGIBLE));

  /* a child too old at registration is not eligible in time either */
  set (r, "arrival_date", "2026-06-01");
  set (r, "registration_date", "2026-11-20");
  set (r, "birth_date", "2010-09-15");
  set (r, "id_number", NULL);
  set (r, "id_type", "none");
  c4 = tx_test_check (r);
  g_assert_false (c4->eligible);
  g_assert_false (c4->eligible_in_time);
}

static void
test_arrival_after_registration (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "arrival_date", "2026-10-01");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "arrival_date", TX_SEVERITY_ERROR));
}

static void
test_registration_in_future (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "registration_date", "2026-11-26");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "registration_date", TX_SEVERITY_ERROR));
}

static void
test_leap_day_birthday (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set_birth (r, "20120229");
  set (r, "registration_date", "2026-02-28");
  set (r, "arrival_date", "2020-01-01");
  set (r, "schooling", "junior");
  c = tx_test_check (r);
  g_assert_false (tx_test_check_has (c, "birth_date", TX_SEVERITY_ERROR));
  g_assert_cmpint (c->age_at_registration, ==, 13);  /* the 14th year is complete on 1 March */
  g_assert_true (c->eligible);
}

static void
test_same_county (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL, c2 = NULL;

  set (r, "hukou_division", "220102");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "hukou_division", TX_SEVERITY_ERROR));
  g_assert_null (tx_record_get_key (r, "migration_scope"));

  /* a left-behind child at home is no contradiction */
  set (r, "child_category", "left_behind");
  c2 = tx_test_check (r);
  g_assert_false (tx_test_check_has (c2, "hukou_division", TX_SEVERITY_ERROR));
}

static void
test_two_city_districts (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "hukou_division", "220104");  /* 朝阳区 of 长春 → 南关区 of 长春 */
  c = tx_test_check (r);
  g_assert_cmpstr (tx_record_get_key (r, "migration_scope"), ==, "inter_county");
  g_assert_true (tx_test_check_has (c, "hukou_division", TX_SEVERITY_WARNING));
  g_assert_false (tx_check_blocks_save (c));
}

static void
test_migration_scope (void)
{
  static const struct { const char *hukou; const char *scope; } cases[] = {
    { "511323", "inter_province" },
    { "220202", "inter_city" },     /* 吉林市昌邑区 */
    { "220122", "inter_county" },   /* 农安县, 长春 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxRecord) r = tx_test_fixture_record ();
      g_autoptr(TxCheck) c = NULL;

      set (r, "hukou_division", cases[i].hukou);
      c = tx_test_check (r);
      g_assert_cmpstr (tx_record_get_key (r, "migration_scope"), ==, cases[i].scope);
      g_assert_false (tx_test_check_has (c, "hukou_division", TX_SEVERITY_WARNING));
    }
}

/* The county moved the child to a township: the place of residence is the
 * township's code and "000" until the township picks the village. Said so,
 * and named by the township wherever the village's name is shown */
static void
test_transferred_residence (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;
  g_autofree char *full = NULL;
  const char *said = NULL;

  set (r, "residence_division", "220102001000");
  c = tx_test_check (r);
  for (guint i = 0; i < c->problems->len; i++)
    {
      TxProblem *p = g_ptr_array_index (c->problems, i);
      if (p->field == TX_F ("residence_division"))
        said = p->message;
    }
  g_assert_nonnull (said);
  g_assert_nonnull (strstr (said, "the child was transferred to 南岭街道; pick the village or community"));
  g_assert_false (c->complete);
  g_assert_cmpstr (tx_record_get_key (r, "migration_scope"), ==, "inter_province");

  g_assert_null (tx_division_lookup ("220102001000"));
  g_assert_cmpstr (tx_division_placeholder_township ("220102001000")->code, ==, "220102001");
  g_assert_cmpstr (tx_division_name ("220102001000"), ==, "南岭街道");
  full = tx_division_full_name ("220102001000");
  g_assert_cmpstr (full, ==, "吉林省长春市南关区南岭街道");
  /* a village is itself; an unknown code stays unknown */
  g_assert_null (tx_division_placeholder_township ("220102001002"));
  g_assert_cmpstr (tx_division_name ("220102001002"), !=, "南岭街道");
  g_assert_null (tx_division_name ("220102001999"));
  g_assert_null (tx_division_name ("220102999000"));
}

static void
test_key_care_derived (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL, c2 = NULL;

  set (r, "family_structure", "single_parent");
  set (r, "living_difficulty", "yes");
  set (r, "hukou_registered", "no");
  set (r, "schooling", "dropped_out");
  set (r, "health", "disabled,ill");
  set (r, "disability_kind", "physical");
  set (r, "disability_grade", "2");
  set (r, "disability_certificate", "yes");
  set (r, "illness", "白血病");
  set (r, "serious_illness", "yes");
  set (r, "rehab", "receiving");
  set (r, "guardianship_problem", "insufficient,abuse");
  c = tx_test_check (r);
  g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==,
                   "single_parent,insufficient,abuse,no_hukou,out_of_school,serious_illness,"
                   "disability,psychological,living_difficulty");
  g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
  /* school fields do not apply to a dropout */
  g_assert_null (tx_record_get_key (r, "school_name"));

  /* causes gone: derived reasons go, the one ticked by hand stays; a derived
   * reason ticked by hand without its cause does not stick */
  set (r, "family_structure", "two_parent");
  set (r, "living_difficulty", "no");
  set (r, "hukou_registered", "yes");
  set (r, "schooling", "primary");
  set (r, "health", "healthy");
  set (r, "rehab", "not_applicable");
  set (r, "guardianship_problem", NULL);
  set (r, "key_care_reasons", "psychological,单亲家庭");
  c2 = tx_test_check (r);
  g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==, "psychological");
  set (r, "key_care_reasons", NULL);
  tx_check_free (tx_test_check (r));
  g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "no");
}

/* The fixture with no key-care situation of its own, and the parents given */
static TxRecord *
parents_record (const char *father,
                const char *mother)
{
  TxRecord *r = tx_test_fixture_record ();

  set (r, "guardianship", "average");
  set (r, "guardianship_problem", NULL);
  set (r, "key_care_reasons", NULL);
  set (r, "father_status", father);
  set (r, "mother_status", mother);
  return r;
}

static gboolean
has_reason (TxRecord *r, const char *code)
{
  return tx_record_has_code (r, tx_form_index ("key_care_reasons"), code);
}

static void
test_key_care_parent_detained (void)
{
  const char *cases[][2] = { { "imprisoned", "normal" }, { "normal", "drug_rehab" }, { "drug_rehab", "imprisoned" } };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxRecord) r = parents_record (cases[i][0], cases[i][1]);
      g_autoptr(TxCheck) c = tx_test_check (r);

      g_assert_true (has_reason (r, "parent_detained"));
      g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
      g_assert_false (has_reason (r, "orphan"));
    }
  {
    g_autoptr(TxRecord) r = parents_record ("normal", "missing");
    g_autoptr(TxCheck) c = tx_test_check (r);

    g_assert_null (tx_record_get_key (r, "key_care_reasons"));
    g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "no");
  }
}

static void
test_key_care_orphan (void)
{
  g_autoptr(TxRecord) r = parents_record ("deceased", "deceased");
  g_autoptr(TxCheck) c = tx_test_check (r);
  g_autoptr(TxCheck) c2 = NULL, c3 = NULL;

  /* an orphan is not also counted as de-facto unsupported */
  g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==, "orphan");
  g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
  g_assert_false (tx_rules_reason_by_hand (r, "orphan"));

  /* the orphan allowance says so whatever the parents' column says */
  set (r, "father_status", "unknown");
  set (r, "mother_status", "unknown");
  set (r, "support", "orphan");
  c2 = tx_test_check (r);
  g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==, "orphan");

  /* and the cause gone, the reason goes */
  set (r, "support", "none");
  c3 = tx_test_check (r);
  g_assert_null (tx_record_get_key (r, "key_care_reasons"));
  g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "no");
}

static void
test_key_care_unsupported (void)
{
  const char *cases[][2] = {
    { "deceased", "missing" }, { "missing", "missing" }, { "imprisoned", "revoked" },
    { "drug_rehab", "drug_rehab" }, { "revoked", "deceased" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxRecord) r = parents_record (cases[i][0], cases[i][1]);
      g_autoptr(TxCheck) c = tx_test_check (r);

      g_test_message ("%s + %s", cases[i][0], cases[i][1]);
      g_assert_true (has_reason (r, "unsupported"));
      g_assert_false (has_reason (r, "orphan"));
      g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
      /* derived: it cannot be unticked while the cause holds */
      g_assert_false (tx_rules_reason_by_hand (r, "unsupported"));
      set (r, "key_care_reasons", "psychological");
      tx_check_free (tx_test_check (r));
      g_assert_true (has_reason (r, "unsupported"));
      g_assert_true (has_reason (r, "psychological"));
      g_assert_false (tx_test_check_has (c, "key_care_reasons", TX_SEVERITY_WARNING));
    }

  /* one parent who can look after the child: not unsupported */
  {
    g_autoptr(TxRecord) r = parents_record ("deceased", "normal");
    g_autoptr(TxCheck) c = tx_test_check (r);

    g_assert_false (has_reason (r, "unsupported"));
    g_assert_false (tx_test_check_has (c, "key_care_reasons", TX_SEVERITY_WARNING));
  }
  /* the allowance says so */
  {
    g_autoptr(TxRecord) r = parents_record ("normal", "normal");
    g_autoptr(TxCheck) c = NULL;

    set (r, "support", "unsupported,dibao");
    c = tx_test_check (r);
    g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==, "unsupported");
  }
}

/* A parent disabled or seriously ill completes the pair only if it is
 * severe, which the form does not say: a warning, and the tick by hand */
static void
test_key_care_unsupported_maybe (void)
{
  const char *cases[][2] = {
    { "imprisoned", "disabled" }, { "seriously_ill", "deceased" }, { "disabled", "seriously_ill" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(TxRecord) r = parents_record (cases[i][0], cases[i][1]);
      g_autoptr(TxCheck) c = tx_test_check (r);
      g_autoptr(TxCheck) c2 = NULL;

      g_test_message ("%s + %s", cases[i][0], cases[i][1]);
      g_assert_false (has_reason (r, "unsupported"));
      g_assert_true (tx_test_check_has (c, "key_care_reasons", TX_SEVERITY_WARNING));
      g_assert_true (tx_rules_reason_by_hand (r, "unsupported"));
      /* ticked by hand, it stays, and the warning has been acted on */
      set (r, "key_care_reasons", "unsupported");
      c2 = tx_test_check (r);
      g_assert_true (has_reason (r, "unsupported"));
      g_assert_cmpstr (tx_record_get_key (r, "key_care"), ==, "yes");
      g_assert_false (tx_test_check_has (c2, "key_care_reasons", TX_SEVERITY_WARNING));
      /* the other parent recovers: no longer possible, the tick goes */
      set (r, "mother_status", "normal");
      set (r, "father_status", "normal");
      tx_check_free (tx_test_check (r));
      g_assert_false (has_reason (r, "unsupported"));
      g_assert_false (tx_rules_reason_by_hand (r, "unsupported"));
    }

  /* ticked by hand where nothing suggests it: it does not stick */
  {
    g_autoptr(TxRecord) r = parents_record ("normal", "disabled");
    g_autoptr(TxCheck) c = NULL;

    set (r, "key_care_reasons", "unsupported,orphan,parent_detained,vagrancy");
    c = tx_test_check (r);
    g_assert_cmpstr (tx_record_get_key (r, "key_care_reasons"), ==, "vagrancy");
    g_assert_false (tx_test_check_has (c, "key_care_reasons", TX_SEVERITY_WARNING));
    g_assert_false (tx_rules_reason_by_hand (r, "unsupported"));
    g_assert_false (tx_rules_reason_by_hand (r, "orphan"));
    g_assert_true (tx_rules_reason_by_hand (r, "vagrancy"));
  }
}

/* 较好 while nobody can look after the child */
static void
test_key_care_good_without_guardian (void)
{
  g_autoptr(TxRecord) r = parents_record ("drug_rehab", "drug_rehab");
  g_autoptr(TxCheck) c = NULL, c2 = NULL, c3 = NULL, c4 = NULL;

  set (r, "guardianship", "good");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "guardianship", TX_SEVERITY_WARNING));
  g_assert_true (c->complete);

  /* the grandmother who looks after the child is named */
  set (r, "other_guardian_name", "王桂兰");
  c2 = tx_test_check (r);
  g_assert_false (tx_test_check_has (c2, "guardianship", TX_SEVERITY_WARNING));

  /* or the assessment says what it is */
  set (r, "other_guardian_name", NULL);
  set (r, "guardianship", "average");
  c3 = tx_test_check (r);
  g_assert_false (tx_test_check_has (c3, "guardianship", TX_SEVERITY_WARNING));

  /* a parent who can guard: 较好 is no surprise */
  set (r, "guardianship", "good");
  set (r, "mother_status", "normal");
  c4 = tx_test_check (r);
  g_assert_false (tx_test_check_has (c4, "guardianship", TX_SEVERITY_WARNING));
}

/* Issue 12 item 7: both parents in compulsory drug rehabilitation and
 * guardianship typed 较好 — a key-care child, visited as one */
static void
test_key_care_drug_rehab_visits (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("rules-visits.db");
  g_autoptr(TxRecord) r = parents_record ("drug_rehab", "drug_rehab");
  g_autoptr(TxRecord) normal = parents_record ("normal", "normal");
  g_autoptr(TxRecord) got = NULL, got_normal = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL, *id_normal = NULL;

  set (r, "guardianship", "good");
  set (normal, "guardianship", "good");
  set (normal, "id_number", NULL);
  set (normal, "id_type", "none");
  set (normal, "name", "张小红");
  id = tx_store_child_add (store, r, FALSE, NULL, &error);
  g_assert_no_error (error);
  id_normal = tx_store_child_add (store, normal, FALSE, NULL, &error);
  g_assert_no_error (error);
  /* a home visit to each on 2026-10-12 */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(TxVisit) v = tx_visit_new ();
      g_autofree char *visit_id = NULL;

      v->child_id = g_strdup (i ? id_normal : id);
      v->date = g_strdup ("2026-10-12");
      v->kind = g_strdup ("home");
      v->visitor = g_strdup ("李春梅");
      v->living = g_strdup ("住房整洁，饮食正常");
      visit_id = tx_store_visit_add (store, v, FALSE, NULL, &error);
      g_assert_no_error (error);
    }

  got = tx_store_child_get (store, id, &error);
  g_assert_cmpstr (tx_record_get_key (got, "key_care"), ==, "yes");
  g_assert_cmpstr (tx_record_get_key (got, "key_care_reasons"), ==, "unsupported,parent_detained");
  g_assert_cmpstr (got->next_visit_due, ==, "2026-10-27");   /* every 15 days */
  got_normal = tx_store_child_get (store, id_normal, &error);
  g_assert_cmpstr (tx_record_get_key (got_normal, "key_care"), ==, "no");
  g_assert_cmpstr (got_normal->next_visit_due, ==, "2027-01-12");   /* every three months */
}

static void
test_out_of_school_by_age (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "schooling", "not_in_school");  /* 8 years old and not in school */
  c = tx_test_check (r);
  g_assert_true (tx_record_has_code (r, tx_form_index ("key_care_reasons"), "out_of_school"));
}

static void
test_health_exclusive (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "health", "健康、患病");
  set (r, "illness", "哮喘");
  set (r, "serious_illness", "no");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "health", TX_SEVERITY_ERROR));
}

static void
test_conditional_fields (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  /* disabled: kind, grade and certificate become required */
  set (r, "health", "disabled");
  set (r, "rehab", "applied");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "disability_kind", TX_SEVERITY_MISSING));
  g_assert_true (tx_test_check_has (c, "disability_grade", TX_SEVERITY_MISSING));
  g_assert_false (c->complete);
  g_assert_false (tx_check_blocks_save (c));  /* a draft may be saved */
}

static void
test_poor_needs_problem (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "guardianship", "差");
  set (r, "guardianship_problem", NULL);
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "guardianship_problem", TX_SEVERITY_MISSING));
}

static void
test_other_guardian_required (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "accompanied_by", "随其他监护人");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "other_guardian_name", TX_SEVERITY_MISSING));
}

static void
test_health_managed_age (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set_birth (r, "20210101");
  set (r, "arrival_date", "2022-01-01");
  set (r, "schooling", "kindergarten");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "health_managed", TX_SEVERITY_ERROR));
}

static void
test_rehab_vs_disability (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  set (r, "rehab", "receiving");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "rehab", TX_SEVERITY_ERROR));
}

static void
test_values_by_type (void)
{
  static const struct { const char *key; const char *value; } bad[] = {
    { "contact_phone", "1384455667" },
    { "contact_phone", "23844556677" },
    { "mother_phone", "431-88886666" },
    { "name", "张小明2" },
    { "name", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一" },
    { "birth_date", "2018-02-30" },
    { "ethnicity", "99" },
    { "gender", "unknown" },
    { "needs", "education,flying" },
    { "hukou_division", "51132" },
    { "hukou_division", "519999" },
    { "residence_division", "110105001001" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(TxRecord) r = tx_test_fixture_record ();
      g_autoptr(TxCheck) c = NULL;

      set (r, bad[i].key, bad[i].value);
      c = tx_test_check (r);
      if (!tx_test_check_has (c, bad[i].key, TX_SEVERITY_ERROR))
        g_error ("%s = %s was not refused", bad[i].key, bad[i].value);
    }
}

static void
test_good_values (void)
{
  static const struct { const char *key; const char *value; } good[] = {
    { "contact_phone", "138 4455 6677" },
    { "mother_phone", "043188886666" },
    { "mother_phone", "010-12345678-123" },
    { "name", "阿依古丽·买买提" },
    { "ethnicity", "汉族" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(TxRecord) r = tx_test_fixture_record ();
      g_autoptr(TxCheck) c = NULL;

      set (r, good[i].key, good[i].value);
      c = tx_test_check (r);
      if (tx_test_check_has (c, good[i].key, TX_SEVERITY_ERROR))
        g_error ("%s = %s was refused", good[i].key, good[i].value);
    }
}

static void
test_missing_required (void)
{
  g_autoptr(TxRecord) r = tx_record_new_defaults ();
  g_autoptr(TxCheck) c = tx_test_check (r);
  const TxForm *form = tx_form_get ();

  g_assert_false (c->complete);
  for (guint i = 0; i < form->n_fields; i++)
    if (form->fields[i].required && !form->fields[i].derived && !form->fields[i].default_code)
      g_assert_true (tx_test_check_has (c, form->fields[i].key, TX_SEVERITY_MISSING));
  g_assert_false (tx_check_blocks_save (c));
}

static void
test_messages_translated (void)
{
  g_autoptr(TxRecord) r = tx_test_fixture_record ();
  g_autoptr(TxCheck) c = NULL;

  /* GLib decides once per process whether to translate, so this runs as its
   * own meson test (test-rules-zh) with LANGUAGE=zh_CN from the start */
  if (!g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "zh"))
    {
      g_test_skip ("run with LANGUAGE=zh_CN");
      return;
    }
  set (r, "arrival_date", "2026-10-01");
  c = tx_test_check (r);
  g_assert_true (tx_test_check_has (c, "arrival_date", TX_SEVERITY_ERROR));
  for (guint i = 0; i < c->problems->len; i++)
    {
      TxProblem *p = c->problems->pdata[i];
      /* every message of the Chinese UI has Chinese in it */
      gboolean cjk = FALSE;
      for (const char *s = p->message; *s; s = g_utf8_next_char (s))
        if (g_utf8_get_char (s) >= 0x4E00 && g_utf8_get_char (s) <= 0x9FFF)
          cjk = TRUE;
      if (!cjk)
        g_error ("untranslated: %s", p->message);
    }
  g_assert_true (tx_ui_is_chinese ());
  g_assert_cmpstr (tx_field_label (tx_form_lookup ("arrival_date")), ==, "来本地居住时间");
}

/* Where a record stands today: the same words in the roster, the ledger and
 * the command line; a child past the age limit of their categories (the day
 * the record says they age out) has left the register. Today is 2026-11-25. */
static void
test_status_today (void)
{
  g_assert_cmpint (tx_status_of (TRUE, FALSE, TRUE, "2026-01-01"), ==, TX_STATUS_DRAFT);
  g_assert_cmpint (tx_status_of (FALSE, FALSE, TRUE, "2033-01-01"), ==, TX_STATUS_INCOMPLETE);
  g_assert_cmpint (tx_status_of (FALSE, TRUE, TRUE, "2026-11-25"), ==, TX_STATUS_AGED_OUT);
  g_assert_cmpint (tx_status_of (FALSE, TRUE, FALSE, "2026-11-01"), ==, TX_STATUS_AGED_OUT);
  g_assert_cmpint (tx_status_of (FALSE, TRUE, FALSE, "2026-11-26"), ==, TX_STATUS_NOT_ELIGIBLE);
  g_assert_cmpint (tx_status_of (FALSE, TRUE, TRUE, "2026-11-26"), ==, TX_STATUS_COMPLETE);
  g_assert_cmpint (tx_status_of (FALSE, TRUE, TRUE, NULL), ==, TX_STATUS_COMPLETE);
  g_assert_cmpstr (tx_status_code (TX_STATUS_AGED_OUT), ==, "aged_out");
  g_assert_cmpstr (tx_status_code (TX_STATUS_NOT_ELIGIBLE), ==, "not_eligible");
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/rules/status-today", test_status_today);
  g_test_add_func ("/rules/fixture-complete", test_fixture_complete);
  g_test_add_func ("/rules/id/check-digit", test_id_check_digit);
  g_test_add_func ("/rules/id/lower-x", test_id_lower_x);
  g_test_add_func ("/rules/id/legacy-15", test_id_legacy);
  g_test_add_func ("/rules/id/birth-mismatch", test_id_birth_mismatch);
  g_test_add_func ("/rules/id/gender-mismatch", test_id_gender_mismatch);
  g_test_add_func ("/rules/id/no-card", test_id_not_required_without_card);
  g_test_add_func ("/rules/age/sixteenth-birthday", test_sixteenth_birthday);
  g_test_add_func ("/rules/age/leap-day", test_leap_day_birthday);
  g_test_add_func ("/rules/arrival/six-months", test_arrival_six_months);
  g_test_add_func ("/rules/arrival/after-registration", test_arrival_after_registration);
  g_test_add_func ("/rules/registration-in-future", test_registration_in_future);
  g_test_add_func ("/rules/county/same", test_same_county);
  g_test_add_func ("/rules/county/two-city-districts", test_two_city_districts);
  g_test_add_func ("/rules/county/scope", test_migration_scope);
  g_test_add_func ("/rules/transferred-residence", test_transferred_residence);
  g_test_add_func ("/rules/key-care/derived", test_key_care_derived);
  g_test_add_func ("/rules/key-care/out-of-school-by-age", test_out_of_school_by_age);
  g_test_add_func ("/rules/key-care/parent-detained", test_key_care_parent_detained);
  g_test_add_func ("/rules/key-care/orphan", test_key_care_orphan);
  g_test_add_func ("/rules/key-care/unsupported", test_key_care_unsupported);
  g_test_add_func ("/rules/key-care/unsupported-maybe", test_key_care_unsupported_maybe);
  g_test_add_func ("/rules/key-care/good-without-guardian", test_key_care_good_without_guardian);
  g_test_add_func ("/rules/key-care/drug-rehab-visits", test_key_care_drug_rehab_visits);
  g_test_add_func ("/rules/health-exclusive", test_health_exclusive);
  g_test_add_func ("/rules/conditional-fields", test_conditional_fields);
  g_test_add_func ("/rules/poor-needs-problem", test_poor_needs_problem);
  g_test_add_func ("/rules/other-guardian-required", test_other_guardian_required);
  g_test_add_func ("/rules/health-managed-age", test_health_managed_age);
  g_test_add_func ("/rules/rehab-vs-disability", test_rehab_vs_disability);
  g_test_add_func ("/rules/bad-values", test_values_by_type);
  g_test_add_func ("/rules/good-values", test_good_values);
  g_test_add_func ("/rules/missing-required", test_missing_required);
  g_test_add_func ("/rules/messages-translated", test_messages_translated);
  return g_test_run ();
}
