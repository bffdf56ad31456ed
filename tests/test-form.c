/* test-form.c — the declaration covers form.md and is consistent
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"

static void
test_covers_form_md (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "form-keys.txt", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      if (lines[i][0] == 0 || lines[i][0] == '#')
        continue;
      if (tx_form_lookup (lines[i]) == NULL)
        g_error ("form.md field %s is not declared", lines[i]);
      n++;
    }
  g_assert_cmpuint (n, ==, 67);
}

static void
test_describe_json (void)
{
  g_autofree char *json = tx_form_describe_json ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *sections;
  const TxForm *form = tx_form_get ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  sections = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "sections");
  g_assert_cmpuint (json_array_get_length (sections), ==, 12);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 1), "zh"), ==, "一、儿童基本信息");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (sections, 10), "zh"), ==, "十、重点关爱情形与需求");
  for (guint s = 0; s < json_array_get_length (sections); s++)
    {
      JsonArray *fields = json_object_get_array_member (json_array_get_object_element (sections, s), "fields");
      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          JsonObject *f = json_array_get_object_element (fields, i);
          g_assert_true (json_object_has_member (f, "zh"));
          g_assert_true (json_object_has_member (f, "en"));
          g_assert_true (json_object_has_member (f, "type"));
          g_assert_true (json_object_has_member (f, "required"));
          g_hash_table_add (seen, (gpointer) json_object_get_string_member (f, "key"));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, form->n_fields);
}

static void
test_choices (void)
{
  const TxForm *form = tx_form_get ();
  const TxField *eth = tx_form_lookup ("ethnicity");

  for (guint i = 0; i < form->n_fields; i++)
    {
      const TxField *f = &form->fields[i];
      g_autoptr(GHashTable) codes = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpint (tx_form_index (f->key), ==, (int) i);
      g_assert_true ((f->type == TX_FIELD_CHOICE || f->type == TX_FIELD_MULTI) == (f->choices != NULL));
      for (guint c = 0; c < f->n_choices; c++)
        {
          g_assert_false (g_hash_table_contains (codes, f->choices[c].code));
          g_hash_table_add (codes, (gpointer) f->choices[c].code);
          g_assert_nonnull (f->choices[c].zh);
          g_assert_nonnull (f->choices[c].en);
        }
      if (f->default_code)
        g_assert_nonnull (tx_field_choice (f, f->default_code));
    }

  /* GB 3304: 56 nationalities, other, and of foreign origin */
  g_assert_cmpuint (eth->n_choices, ==, 58);
  g_assert_cmpstr (tx_field_choice (eth, "01")->zh, ==, "汉族");
  g_assert_cmpstr (tx_field_choice (eth, "56")->zh, ==, "基诺族");
  g_assert_cmpstr (tx_field_choice (eth, "98")->zh, ==, "外国血统中国籍人士");
  g_assert_cmpstr (tx_field_choice_parse (eth, "朝鲜族")->code, ==, "10");
  g_assert_cmpstr (tx_field_choice_parse (tx_form_lookup ("schooling"), "散居（未入园）")->code, ==, "home");
}

static void
test_sections_in_paper_order (void)
{
  const TxForm *form = tx_form_get ();
  int last = 0;

  g_assert_cmpint (tx_form_lookup ("registration_date")->section, ==, 0);
  g_assert_cmpint (tx_form_lookup ("name")->section, ==, 1);
  g_assert_cmpint (tx_form_lookup ("schooling")->section, ==, 2);
  g_assert_cmpint (tx_form_lookup ("mother_status")->section, ==, 8);
  g_assert_cmpint (tx_form_lookup ("remarks")->section, ==, 10);
  for (guint i = 0; i < form->n_fields; i++)
    {
      g_assert_cmpint (form->fields[i].section, >=, last);
      last = form->fields[i].section;
    }
}

static void
test_record_input (void)
{
  g_autofree char *a = tx_record_input_value (tx_form_lookup ("health"), "患病、残疾");
  g_autofree char *b = tx_record_input_value (tx_form_lookup ("health"), "ill, disabled, ill");
  g_autofree char *c = tx_record_input_value (tx_form_lookup ("birth_date"), "20180514");
  g_autofree char *d = tx_record_input_value (tx_form_lookup ("name"), "  ");

  g_assert_cmpstr (a, ==, "disabled,ill");
  g_assert_cmpstr (b, ==, "disabled,ill");
  g_assert_cmpstr (c, ==, "2018-05-14");
  g_assert_null (d);
  {
    g_autofree char *id = tx_record_input_value (tx_form_lookup ("id_number"), "５１１３２３２０１８０５１４１２３ｘ");
    g_autofree char *date = tx_record_input_value (tx_form_lookup ("birth_date"), "２０１８年５月１４日");
    g_autofree char *phone = tx_record_input_value (tx_form_lookup ("contact_phone"), "１３８ ４４５５ ６６７７");

    g_assert_cmpstr (id, ==, "51132320180514123X");
    g_assert_cmpstr (date, ==, "2018-05-14");
    g_assert_cmpstr (phone, ==, "13844556677");
  }
}

int
main (int argc, char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/form/covers-form-md", test_covers_form_md);
  g_test_add_func ("/form/describe-json", test_describe_json);
  g_test_add_func ("/form/choices", test_choices);
  g_test_add_func ("/form/sections", test_sections_in_paper_order);
  g_test_add_func ("/form/record-input", test_record_input);
  return g_test_run ();
}
