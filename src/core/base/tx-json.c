/* tx-json.c — small helpers for writing JSON
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-json"

#include "config.h"

#include "tx-json.h"

/**
 * tx_json_add_string:
 * @value: (nullable): the member's value; %NULL is written as null
 *
 * Adds a member whose value is a string or null.
 */
void
tx_json_add_string (JsonBuilder *b,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

/**
 * tx_json_add_codes:
 * @value: (nullable): codes separated by commas
 *
 * Adds a member whose value is an array of the codes.
 */
void
tx_json_add_codes (JsonBuilder *b,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  if (value)
    {
      g_auto(GStrv) codes = g_strsplit (value, ",", -1);
      for (guint i = 0; codes[i]; i++)
        json_builder_add_string_value (b, codes[i]);
    }
  json_builder_end_array (b);
}

char *
tx_json_to_string (JsonNode *node,
                   gboolean  pretty)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, pretty);
  return json_generator_to_data (gen, NULL);
}
