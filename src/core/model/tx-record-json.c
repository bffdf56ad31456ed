/* tx-record-json.c — records in the public JSON form
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON objects are keyed by the form's keys. Choices are written as codes
 * and read as codes or labels; multi choices are arrays; dates ISO strings.
 */

#define G_LOG_DOMAIN "tx-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-record-json.h"
#include "tx-register.h"

/* Keys that records carry in JSON output; accepted and ignored on input so
 * that the output of `child get` can be edited and given back */
static const char *const output_only[] = {
  "id", "created_at", "updated_at", "station", "draft", "deleted", "age",
  "age_at_registration", "eligible", "eligible_from", "complete", "problems", "migration_scope",
  "key_care", "status", "next_visit_due", "info_refresh_due", "last_home_visit", "urgent",
  "register", "exit_reason", "exit_date", "exit_note", "exit_by", "ages_out", "transfer", NULL
};

static void
input_problem_free (gpointer data)
{
  TxInputProblem *p = data;

  g_free (p->key);
  g_free (p->message);
  g_free (p);
}

GPtrArray *
tx_input_problems_new (void)
{
  return g_ptr_array_new_with_free_func (input_problem_free);
}

void
tx_input_problem_add (GPtrArray  *problems,
                      const char *key,
                      const char *message)
{
  TxInputProblem *p = g_new0 (TxInputProblem, 1);

  p->key = g_strdup (key);
  p->message = g_strdup (message);
  g_ptr_array_add (problems, p);
}

static char *
scalar_text (JsonNode *node)
{
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "yes" : "no");
    default:
      return NULL;
    }
}

/**
 * tx_json_apply_object:
 * @object: keys of the form and their values; null clears a value
 * @record: the record to change
 * @problems: (element-type TxInputProblem): where problems of the input go
 *
 * Returns: %TRUE if every key was understood
 */
gboolean
tx_json_apply_object (JsonObject *object,
                      TxRecord   *record,
                      GPtrArray  *problems)
{
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean ok = TRUE;

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      const TxField *field = tx_form_lookup (key);
      g_autofree char *text = NULL;

      if (field == NULL || field->derived)
        {
          if (!g_strv_contains (output_only, key) && field == NULL)
            {
              g_autofree char *msg = g_strdup_printf (
                  _("“%s” is not a field of the registration form; see “tongxing-cli form "
                    "describe” for the keys."), key);
              tx_input_problem_add (problems, key, msg);
              ok = FALSE;
            }
          continue;
        }

      if (JSON_NODE_HOLDS_NULL (node))
        text = NULL;
      else if (JSON_NODE_HOLDS_ARRAY (node) && field->type == TX_FIELD_MULTI)
        {
          JsonArray *arr = json_node_get_array (node);
          GString *s = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (arr); i++)
            {
              JsonNode *e = json_array_get_element (arr, i);
              g_autofree char *t = JSON_NODE_HOLDS_VALUE (e) ? scalar_text (e) : NULL;

              if (t == NULL)
                {
                  tx_input_problem_add (problems, key,
                                        _("The list may hold only texts; give the codes or "
                                          "labels of the ticked choices."));
                  ok = FALSE;
                  continue;
                }
              if (s->len)
                g_string_append_c (s, ',');
              g_string_append (s, t);
            }
          text = g_string_free (s, FALSE);
        }
      else if (JSON_NODE_HOLDS_VALUE (node))
        text = scalar_text (node);

      if (text == NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          tx_input_problem_add (problems, key,
                                field->type == TX_FIELD_MULTI
                                  ? _("Give a list of codes or labels, or a text with them "
                                      "separated by commas.")
                                  : _("Give a text value."));
          ok = FALSE;
          continue;
        }
      tx_record_take (record, field->index, tx_record_input_value (field, text));
    }
  return ok;
}

void
tx_json_add_problems (JsonBuilder   *b,
                      const TxCheck *check)
{
  const TxForm *form = tx_form_get ();

  json_builder_set_member_name (b, "problems");
  json_builder_begin_array (b);
  for (guint i = 0; check && i < check->problems->len; i++)
    {
      TxProblem *p = g_ptr_array_index (check->problems, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "field");
      json_builder_add_string_value (b, p->field >= 0 ? form->fields[p->field].key : "record");
      json_builder_set_member_name (b, "severity");
      json_builder_add_string_value (b, tx_severity_name (p->severity));
      json_builder_set_member_name (b, "message");
      json_builder_add_string_value (b, p->message);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/**
 * tx_json_from_record:
 * @check: the rules' verdict on @record
 *
 * Returns: (transfer full): every field, the bookkeeping and the derived values
 */
JsonNode *
tx_json_from_record (const TxRecord *record,
                     const TxCheck  *check)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tx_json_add_string (b, "id", record->id);
  tx_json_add_string (b, "created_at", record->created_at);
  tx_json_add_string (b, "updated_at", record->updated_at);
  tx_json_add_string (b, "station", record->station);
  json_builder_set_member_name (b, "draft");
  json_builder_add_boolean_value (b, record->draft);

  for (guint i = 0; i < form->n_fields; i++)
    {
      const TxField *f = &form->fields[i];

      if (g_str_equal (f->key, "key_care"))
        continue;
      if (f->type == TX_FIELD_MULTI)
        tx_json_add_codes (b, f->key, record->values[i]);
      else
        tx_json_add_string (b, f->key, record->values[i]);
    }

  json_builder_set_member_name (b, "age");
  if (check->age >= 0)
    json_builder_add_int_value (b, check->age);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "age_at_registration");
  if (check->age_at_registration >= 0)
    json_builder_add_int_value (b, check->age_at_registration);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "eligible");
  json_builder_add_boolean_value (b, check->eligible);
  tx_json_add_string (b, "eligible_from", check->eligible_from);
  json_builder_set_member_name (b, "key_care");
  json_builder_add_boolean_value (b, g_strcmp0 (tx_record_get_key (record, "key_care"), "yes") == 0);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, check->complete);
  json_builder_set_member_name (b, "status");
  json_builder_add_string_value (b, tx_status_code (tx_status_of (record->draft, check->complete, check->eligible,
                                                                  record->ages_out)));
  tx_json_add_string (b, "next_visit_due", record->next_visit_due);
  tx_json_add_string (b, "info_refresh_due", record->info_refresh_due);
  tx_json_add_string (b, "last_home_visit", record->last_home_visit);
  json_builder_set_member_name (b, "urgent");
  json_builder_add_boolean_value (b, record->urgent);
  {
    g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (record->register_value);
    gboolean exited = g_strcmp0 (record->register_state, TX_REGISTER_EXITED) == 0;

    tx_json_add_string (b, "register", record->register_state ? record->register_state : TX_REGISTER_ACTIVE);
    tx_json_add_string (b, "exit_reason", record->exit_reason);
    tx_json_add_string (b, "exit_date", record->exit_date);
    tx_json_add_string (b, "exit_note", exited && e ? e->note : NULL);
    tx_json_add_string (b, "exit_by", exited && e ? e->by : NULL);
    tx_json_add_string (b, "ages_out", record->ages_out);
  }
  tx_json_add_problems (b, check);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}
