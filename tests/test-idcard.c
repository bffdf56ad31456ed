/* test-idcard.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static void
test_check_digit (void)
{
  /* the example of GB 11643-1999 */
  g_assert_cmpint (tx_id_check_digit ("11010519491231002"), ==, 'X');
  g_assert_cmpint (tx_id_check_digit ("51132320180514123"), ==, '4');
  g_assert_cmpint (tx_id_check_digit ("22010220100229001"), ==, '4');
}

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  TxIdInfo info;

  g_assert_true (tx_id_parse ("511323201805141234", &info, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (info.number, ==, "511323201805141234");
  g_assert_cmpstr (info.region, ==, "511323");
  g_assert_cmpuint (g_date_get_year (&info.birth), ==, 2018);
  g_assert_cmpuint (g_date_get_month (&info.birth), ==, 5);
  g_assert_cmpuint (g_date_get_day (&info.birth), ==, 14);
  g_assert_true (info.male);
}

static void
test_lower_x (void)
{
  TxIdInfo info;
  g_autofree char *norm = tx_id_normalize (" 11010519491231002x ");

  g_assert_cmpstr (norm, ==, "11010519491231002X");
  g_assert_true (tx_id_parse ("11010519491231002x", &info, NULL));
  g_assert_cmpstr (info.number, ==, "11010519491231002X");
  g_assert_false (info.male);
}

static void
test_wrong_check_digit (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (tx_id_parse ("511323201805141235", NULL, &error));
  g_assert_error (error, TX_ID_ERROR, TX_ID_ERROR_CHECK_DIGIT);
  g_clear_error (&error);
  /* one wrong digit in the middle */
  g_assert_false (tx_id_parse ("511323201805142234", NULL, &error));
  g_assert_error (error, TX_ID_ERROR, TX_ID_ERROR_CHECK_DIGIT);
}

static void
test_legacy_15 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *up = tx_id_upgrade_legacy ("110105491231002");

  g_assert_cmpstr (up, ==, "11010519491231002X");
  g_assert_false (tx_id_parse ("110105491231002", NULL, &error));
  g_assert_error (error, TX_ID_ERROR, TX_ID_ERROR_LEGACY);
  g_assert_nonnull (strstr (error->message, "11010519491231002X"));
}

static void
test_malformed (void)
{
  static const struct { const char *id; int code; } cases[] = {
    { "51132320180514123", TX_ID_ERROR_LENGTH },
    { "5113232018051412345", TX_ID_ERROR_LENGTH },
    { "", TX_ID_ERROR_LENGTH },
    { "5113232018051412A4", TX_ID_ERROR_CHARACTERS },
    { "X11323201805141234", TX_ID_ERROR_CHARACTERS },
    { "001323201805141234", TX_ID_ERROR_REGION },
    { "511323201802301234", TX_ID_ERROR_BIRTH_DATE },  /* 30 February */
    { "511323201813011234", TX_ID_ERROR_BIRTH_DATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_false (tx_id_parse (cases[i].id, NULL, &error));
      g_assert_error (error, TX_ID_ERROR, cases[i].code);
    }
}

static void
test_leap_day (void)
{
  TxIdInfo info;

  g_assert_false (tx_id_parse ("220102201002290014", &info, NULL)); /* 2010 is no leap year */
  g_assert_true (tx_id_parse ("110105201202290039", &info, NULL));
  g_assert_cmpuint (g_date_get_day (&info.birth), ==, 29);
}

static void
test_mask (void)
{
  g_autofree char *m = tx_id_mask ("22010219850302211X");

  g_assert_cmpstr (m, ==, "220102********211X");
}

/* a phone in a list: enough to tell two children apart, not to call */
static void
test_phone_mask (void)
{
  g_autofree char *mobile = tx_phone_mask ("13812345678");
  g_autofree char *landline = tx_phone_mask ("0431-85551234");
  g_autofree char *none = tx_phone_mask (NULL);

  g_assert_cmpstr (mobile, ==, "138****5678");
  g_assert_cmpstr (landline, ==, "0431-****1234");
  g_assert_cmpstr (none, ==, "");
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/idcard/check-digit", test_check_digit);
  g_test_add_func ("/idcard/valid", test_valid);
  g_test_add_func ("/idcard/lower-x", test_lower_x);
  g_test_add_func ("/idcard/wrong-check-digit", test_wrong_check_digit);
  g_test_add_func ("/idcard/legacy-15", test_legacy_15);
  g_test_add_func ("/idcard/malformed", test_malformed);
  g_test_add_func ("/idcard/leap-day", test_leap_day);
  g_test_add_func ("/idcard/mask", test_mask);
  g_test_add_func ("/idcard/phone-mask", test_phone_mask);
  return g_test_run ();
}
