/* test-intake.c — a ledger opened once and checked again after the person
 * changed it in Excel; the values read as people type them
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "tx-test-util.h"

/* A ledger of @n children under a one-row header, and a signature row */
static void
write_ledger (const char *path,
              guint       n,
              const char *extra_header)
{
  static const char *names[] = { "王小明", "李小红", "赵小刚", "钱多多", "孙小空" };
  lxw_workbook *book = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (book, "台账");

  worksheet_write_string (sheet, 0, 0, "序号", NULL);
  worksheet_write_string (sheet, 0, 1, "姓名", NULL);
  worksheet_write_string (sheet, 0, 2, "出生日期", NULL);
  worksheet_write_string (sheet, 0, 3, extra_header, NULL);
  for (guint i = 0; i < n; i++)
    {
      worksheet_write_number (sheet, i + 1, 0, i + 1, NULL);
      worksheet_write_string (sheet, i + 1, 1, names[i % G_N_ELEMENTS (names)], NULL);
      worksheet_write_string (sheet, i + 1, 2, "2015/3/2", NULL);
      worksheet_write_string (sheet, i + 1, 3, "备注", NULL);
    }
  worksheet_write_string (sheet, n + 2, 0, "填表人：李红梅", NULL);
  worksheet_write_string (sheet, n + 2, 2, "审核人：张国庆", NULL);
  g_assert_cmpint (workbook_close (book), ==, LXW_NO_ERROR);
}

static void
test_checked_again_after_a_change (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("intake-again");
  g_autofree char *dir = g_dir_make_tmp ("tongxing-intake-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "台账.xlsx", NULL);
  g_autoptr(TxIntakeSource) source = NULL;
  g_autoptr(TxImportPlan) first = NULL;
  g_autoptr(TxImportPlan) second = NULL;
  g_autoptr(GError) error = NULL;

  write_ledger (path, 5, "说明");
  source = tx_intake_source_open (path, -1, &error);
  g_assert_no_error (error);
  /* the person names the fourth column: remarks */
  g_assert_true (tx_column_map_set (tx_intake_source_get_map (source), "说明", "remarks", &error));
  first = tx_import_plan_new (store, source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* the signature row at the foot is not a child */
  g_assert_cmpuint (first->rows->len, ==, 5);
  g_assert_cmpstr (tx_record_get_key (((TxImportRow *) first->rows->pdata[0])->record, "remarks"), ==, "备注");

  /* fixed in Excel: two rows deleted, the file written anew; a second
   * later, so that the file's time differs */
  g_usleep (G_USEC_PER_SEC / 100);
  g_unlink (path);
  write_ledger (path, 3, "说明");
  second = tx_import_plan_new (store, source, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->rows->len, ==, 3);
  /* the person's choice for the column stays */
  g_assert_cmpstr (tx_record_get_key (((TxImportRow *) second->rows->pdata[0])->record, "remarks"), ==, "备注");
  g_unlink (path);
  g_rmdir (dir);
}

static char *
read_as (const char *key,
         const char *text)
{
  TxCell cell = { TX_CELL_TEXT, (char *) text, 0 };
  TxColumnsContext ctx = { "220102", "220102001" };
  g_autofree char *message = NULL;
  char *value = tx_columns_read_value (tx_form_lookup (key), &cell, &ctx, &message);

  return value ? value : g_strconcat ("!", message, NULL);
}

static void
test_values_as_typed (void)
{
  struct { const char *key, *typed, *stored; } cases[] = {
    { "name", "刘 宇轩", "刘宇轩" },
    { "name", "Anna  Li", "Anna  Li" },
    { "birth_date", "2015年3月2日", "2015-03-02" },
    { "birth_date", "２０１５．０３．０２", "2015-03-02" },
    { "child_permit", "√", "issued" },
    { "child_permit", "×", "not_issued" },
    { "vaccination_card", "是", "yes" },
    { "ethnicity", "汉", "01" },
    { "schooling", "散居", "home" },
    { "child_category", "流动儿童、困境儿童", "migrant,distressed" },
    { "contact_phone", "138 0013 8000", "13800138000" },
    { "hukou_division", "天津市河东区", "120102" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = read_as (cases[i].key, cases[i].typed);

      g_assert_cmpstr (got, ==, cases[i].stored);
    }
  /* a header office write for the child's number, and not a parent's */
  g_assert_cmpint (tx_columns_match_header ("公民身份证号"), ==, tx_form_index ("id_number"));
  g_assert_cmpint (tx_columns_match_header ("儿童身份证号码（18位）"), ==, tx_form_index ("id_number"));
  g_assert_cmpint (tx_columns_match_header ("监护人身份证"), !=, tx_form_index ("id_number"));
  /* a list's department from its file's name */
  {
    TxDepartment d = TX_DEPARTMENT_OTHER;

    g_assert_true (tx_department_guess ("教育局流动学生名单.csv", &d));
    g_assert_cmpint (d, ==, TX_DEPARTMENT_EDUCATION);
    g_assert_true (tx_department_guess ("公安居住证名单.xlsx", &d));
    g_assert_cmpint (d, ==, TX_DEPARTMENT_POLICE);
    g_assert_true (tx_department_guess ("区疾控中心接种名单.xls", &d));
    g_assert_cmpint (d, ==, TX_DEPARTMENT_CDC);
    g_assert_false (tx_department_guess ("名单.xlsx", &d));
  }
  /* a signature row's text is masked by characters, never cut */
  {
    g_autofree char *masked = tx_id_mask ("审核人：张国庆");

    g_assert_true (g_utf8_validate (masked, -1, NULL));
    g_assert_cmpstr (masked, ==, "审*****庆");
  }
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/intake/checked-again-after-a-change", test_checked_again_after_a_change);
  g_test_add_func ("/intake/values-as-typed", test_values_as_typed);
  return g_test_run ();
}
