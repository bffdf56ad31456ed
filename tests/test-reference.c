/* test-reference.c — shipped divisions, holidays and pinyin
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static void
test_lookup (void)
{
  g_autofree char *full = tx_division_full_name ("220102001002");
  g_autofree char *bj = tx_division_full_name ("110105");

  g_assert_cmpstr (tx_division_name ("22"), ==, "吉林省");
  g_assert_cmpstr (tx_division_name ("2201"), ==, "长春市");
  g_assert_cmpstr (tx_division_name ("220102"), ==, "南关区");
  g_assert_cmpstr (tx_division_name ("220102001"), ==, "南岭街道");
  g_assert_cmpstr (full, ==, "吉林省长春市南关区南岭街道恒安社区");
  g_assert_cmpstr (bj, ==, "北京市朝阳区");
  g_assert_null (tx_division_lookup ("999999"));
  g_assert_null (tx_division_lookup ("2201x2"));
  g_assert_null (tx_division_lookup ("22010"));
}

static void
test_children (void)
{
  g_autoptr(GPtrArray) provinces = tx_division_children (NULL);
  g_autoptr(GPtrArray) counties = tx_division_children ("2201");
  g_autoptr(GPtrArray) villages = tx_division_children ("220102001");

  g_assert_cmpuint (provinces->len, ==, 31);
  g_assert_cmpuint (counties->len, >, 10);
  g_assert_cmpstr (((TxDivision *) counties->pdata[0])->code, ==, "220102");
  g_assert_cmpuint (villages->len, >=, 3);
  for (guint i = 0; i < villages->len; i++)
    g_assert_true (g_str_has_prefix (((TxDivision *) villages->pdata[i])->code, "220102001"));
}

static void
test_search (void)
{
  g_autoptr(GPtrArray) by_name = tx_division_search ("南关", TX_DIVISION_COUNTY, 10);
  g_autoptr(GPtrArray) by_code = tx_division_search ("2201", TX_DIVISION_COUNTY, 100);
  g_autoptr(GPtrArray) towns = tx_division_search ("南岭", TX_DIVISION_TOWNSHIP, 100);

  g_assert_cmpuint (by_name->len, >=, 1);
  g_assert_cmpstr (((TxDivision *) by_name->pdata[0])->code, ==, "220102");
  for (guint i = 0; i < by_code->len; i++)
    g_assert_true (g_str_has_prefix (((TxDivision *) by_code->pdata[i])->code, "2201"));
  g_assert_cmpuint (towns->len, >=, 1);
}

static void
test_city_district (void)
{
  g_assert_true (tx_division_is_city_district ("220102"));
  g_assert_false (tx_division_is_city_district ("220122"));
  g_assert_false (tx_division_is_city_district ("220182"));
  g_assert_true (tx_division_is_municipality ("500101"));
  g_assert_false (tx_division_is_municipality ("220102"));
}

static void
test_holidays (void)
{
  GDate x;

  x = tx_test_date ("2026-10-01");  /* National Day */
  g_assert_false (tx_holidays_is_working_day (&x));
  x = tx_test_date ("2026-09-30");
  g_assert_true (tx_holidays_is_working_day (&x));
  x = tx_test_date ("2026-02-14");  /* a Saturday worked for the Spring Festival */
  g_assert_true (tx_holidays_is_working_day (&x));
  x = tx_test_date ("2026-11-28");  /* an ordinary Saturday */
  g_assert_false (tx_holidays_is_working_day (&x));
  g_assert_true (tx_holidays_has_year (2024));
  g_assert_true (tx_holidays_has_year (2026));
  /* a year without data: weekends only */
  g_assert_false (tx_holidays_has_year (2031));
  x = tx_test_date ("2031-10-01");  /* a Wednesday */
  g_assert_true (tx_holidays_is_working_day (&x));
}

static void
test_holidays_load (void)
{
  static const char year[] = "{\"holidays\":{\"2031-10-01\":\"National Day,国庆节,7\"},"
                             "\"workdays\":{\"2031-09-28\":\"National Day,国庆节,7\"}}";
  g_autoptr(GError) error = NULL;
  GDate x;

  g_assert_false (tx_holidays_load_data ("{\"nothing\": 1}", -1, &error));
  g_assert_error (error, TX_HOLIDAYS_ERROR, TX_HOLIDAYS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (tx_holidays_load_data ("{\"holidays\":{\"2031-13-01\":\"x\"}}", -1, &error));
  g_clear_error (&error);
  g_assert_false (tx_holidays_has_year (2031));

  g_assert_true (tx_holidays_load_data (year, -1, &error));
  g_assert_no_error (error);
  g_assert_true (tx_holidays_has_year (2031));
  x = tx_test_date ("2031-10-01");
  g_assert_false (tx_holidays_is_working_day (&x));
  x = tx_test_date ("2031-09-28");  /* a Sunday worked */
  g_assert_true (tx_holidays_is_working_day (&x));
}

static void
test_pinyin (void)
{
  g_autofree char *a = tx_pinyin_initials ("张小明");
  g_autofree char *b = tx_pinyin_initials ("曾小红");
  g_autofree char *c = tx_pinyin_initials ("阿依古丽·买买提");
  g_autofree char *e = tx_pinyin_initials ("Anna Li");
  g_autofree char *k = tx_pinyin_sort_key ("单田芳");

  g_assert_cmpstr (a, ==, "zxm");
  g_assert_cmpstr (b, ==, "zxh");
  g_assert_cmpstr (c, ==, "ayglmmt");
  g_assert_cmpstr (e, ==, "al");
  g_assert_true (g_str_has_prefix (k, "shantianfang"));
  g_assert_cmpstr (tx_pinyin_of (0x7EFF /* 绿 */, FALSE), ==, "lv");
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/divisions/lookup", test_lookup);
  g_test_add_func ("/divisions/children", test_children);
  g_test_add_func ("/divisions/search", test_search);
  g_test_add_func ("/divisions/city-district", test_city_district);
  g_test_add_func ("/calendar/holidays", test_holidays);
  g_test_add_func ("/calendar/load", test_holidays_load);
  g_test_add_func ("/pinyin/initials", test_pinyin);
  return g_test_run ();
}
