/* tx-store-json.c — a roster row in the public JSON form
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-json"

#include "config.h"

#include "tx-date.h"
#include "tx-json.h"
#include "tx-store-json.h"

/**
 * tx_json_from_row:
 * @today: the day ages are counted on
 *
 * Returns: (transfer full): a roster row with its derived values
 */
JsonNode *
tx_json_from_row (const TxChildRow *row,
                  const GDate      *today)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GDate birth;
  int age = tx_date_parse (row->birth_date, &birth) ? tx_date_age_on (&birth, today) : -1;

  json_builder_begin_object (b);
  tx_json_add_string (b, "id", row->id);
  tx_json_add_string (b, "name", row->name);
  tx_json_add_string (b, "gender", row->gender);
  tx_json_add_string (b, "birth_date", row->birth_date);
  tx_json_add_string (b, "id_number", row->id_number);
  tx_json_add_string (b, "residence_division", row->residence_division);
  tx_json_add_codes (b, "child_category", row->category);
  tx_json_add_string (b, "guardianship", row->guardianship);
  json_builder_set_member_name (b, "age");
  if (age >= 0)
    json_builder_add_int_value (b, age);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "eligible");
  json_builder_add_boolean_value (b, row->eligible);
  tx_json_add_string (b, "eligible_from", row->eligible_from);
  tx_json_add_string (b, "migration_scope", row->migration_scope);
  json_builder_set_member_name (b, "key_care");
  json_builder_add_boolean_value (b, row->key_care);
  tx_json_add_codes (b, "key_care_reasons", row->key_care_reasons);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, row->complete);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, tx_status_code (tx_status_of (row->draft, row->complete, row->eligible, row->ages_out)));
  tx_json_add_string (b, "next_visit_due", row->next_visit_due);
  tx_json_add_string (b, "info_refresh_due", row->info_refresh_due);
  json_builder_set_member_name (b, "urgent");
  json_builder_add_boolean_value (b, row->urgent);
  tx_json_add_string (b, "register", row->register_state ? row->register_state : "active");
  tx_json_add_string (b, "exit_reason", row->exit_reason);
  tx_json_add_string (b, "exit_date", row->exit_date);
  tx_json_add_string (b, "ages_out", row->ages_out);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
