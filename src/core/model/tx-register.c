/* tx-register.c — a child's time on the register: age limits, exits
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The action plans define the register by a moment in a child's life:
 * migrant and left-behind children under 16 (不满十六周岁), distressed
 * children under 18. A child ages out on the birthday the last category
 * holding them ends; someone born on 29 February completes a year on
 * 1 March of a common year (as tx_date_age_on counts).
 */

#define G_LOG_DOMAIN "tx-register"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-date.h"
#include "tx-register.h"

void
tx_age_limits_init (TxAgeLimits *limits)
{
  limits->migrant = 16;
  limits->left_behind = 16;
  limits->distressed = 18;
}

/* The day a child born on @birth completes @years full years */
static void
birthday (const GDate *birth,
          int          years,
          GDate       *out)
{
  guint y = g_date_get_year (birth) + years;
  GDateMonth m = g_date_get_month (birth);
  GDateDay d = g_date_get_day (birth);

  g_date_clear (out, 1);
  if (m == G_DATE_FEBRUARY && d == 29 && !g_date_is_leap_year (y))
    g_date_set_dmy (out, 1, G_DATE_MARCH, y);
  else
    g_date_set_dmy (out, d, m, y);
}

/**
 * tx_register_ages_out:
 * @out: (out): the day the child leaves the register by age
 *
 * The birthday on which no category of the child's holds them any more.
 * A child without a category counts as a migrant child (the form's
 * default).
 *
 * Returns: whether the record has a birth date to work it out from
 */
gboolean
tx_register_ages_out (const TxRecord    *record,
                      const TxAgeLimits *limits,
                      GDate             *out)
{
  int f_cat = TX_F ("child_category");
  GDate birth;
  int years = 0;

  if (!tx_date_parse (record->values[TX_F ("birth_date")], &birth))
    return FALSE;
  if (tx_record_has_code (record, f_cat, "migrant"))
    years = MAX (years, limits->migrant);
  if (tx_record_has_code (record, f_cat, "left_behind"))
    years = MAX (years, limits->left_behind);
  if (tx_record_has_code (record, f_cat, "distressed"))
    years = MAX (years, limits->distressed);
  if (years == 0)
    years = limits->migrant;
  birthday (&birth, years, out);
  return TRUE;
}

char *
tx_register_ages_out_text (const TxRecord    *record,
                           const TxAgeLimits *limits)
{
  GDate d;

  return tx_register_ages_out (record, limits, &d) ? tx_date_format (&d) : NULL;
}

static const char *const reasons[] = {
  TX_EXIT_AGED_OUT, TX_EXIT_MOVED_AWAY, TX_EXIT_RETURNED, TX_EXIT_TRANSFERRED,
  TX_EXIT_NOT_ELIGIBLE, TX_EXIT_DIED, TX_EXIT_OTHER, NULL,
};

const char *const *
tx_exit_reasons (void)
{
  return reasons;
}

gboolean
tx_exit_reason_valid (const char *code)
{
  return code && g_strv_contains (reasons, code);
}

/**
 * tx_exit_reason_label:
 *
 * Returns: the reason as people read it, in the UI language
 */
const char *
tx_exit_reason_label (const char *code)
{
  if (g_strcmp0 (code, TX_EXIT_AGED_OUT) == 0)
    return _("Aged out");
  if (g_strcmp0 (code, TX_EXIT_MOVED_AWAY) == 0)
    return _("Moved away from the county");
  if (g_strcmp0 (code, TX_EXIT_RETURNED) == 0)
    return _("Returned to the place of household registration");
  if (g_strcmp0 (code, TX_EXIT_TRANSFERRED) == 0)
    return _("Moved to another township of this county");
  if (g_strcmp0 (code, TX_EXIT_NOT_ELIGIBLE) == 0)
    return _("No longer meets the definition");
  if (g_strcmp0 (code, TX_EXIT_DIED) == 0)
    return _("Died");
  if (g_strcmp0 (code, TX_EXIT_OTHER) == 0)
    return _("Other");
  return code;
}

static char *
member (JsonObject *o,
        const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (n)) : NULL;
}

/**
 * tx_register_entry_parse:
 * @value: (nullable): the child's "_register" value
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL for none or a
 *   value this version cannot read
 */
TxRegisterEntry *
tx_register_entry_parse (const char *value)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;
  JsonObject *o;
  TxRegisterEntry *e;

  if (value == NULL || *value == '\0')
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, value, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  o = json_node_get_object (root);
  e = g_new0 (TxRegisterEntry, 1);
  e->state = member (o, "state");
  e->reason = member (o, "reason");
  e->date = member (o, "date");
  e->note = member (o, "note");
  e->by = member (o, "by");
  e->at = member (o, "at");
  if (e->state == NULL)
    {
      tx_register_entry_free (e);
      return NULL;
    }
  return e;
}

/**
 * tx_register_entry_format:
 *
 * The entry as the child's "_register" value: its members always in one
 * order, so that two stations recording the same (the rule ageing a child
 * out at the township and at the county) write the same text.
 */
char *
tx_register_entry_format (const TxRegisterEntry *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  const struct { const char *name, *value; } members[] = {
    { "state", e->state }, { "reason", e->reason }, { "date", e->date },
    { "note", e->note }, { "by", e->by }, { "at", e->at },
  };

  json_builder_begin_object (b);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (members[i].value && *members[i].value)
      {
        json_builder_set_member_name (b, members[i].name);
        json_builder_add_string_value (b, members[i].value);
      }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

void
tx_register_entry_free (TxRegisterEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->state);
  g_free (e->reason);
  g_free (e->date);
  g_free (e->note);
  g_free (e->by);
  g_free (e->at);
  g_free (e);
}

/**
 * tx_register_describe:
 * @value: (nullable): a "_register" value
 *
 * A line for the history and the conflict queue: "Left the register on
 * 2026-03-01: Aged out (by the rule)", "Back on the register from
 * 2026-05-01 (王芳): came back".
 *
 * Returns: (transfer full): the line
 */
char *
tx_register_describe (const char *value)
{
  g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (value);
  g_autoptr(GString) s = g_string_new (NULL);

  if (e == NULL)
    return g_strdup (_("On the register, no exit recorded"));
  if (g_str_equal (e->state, TX_REGISTER_EXITED))
    g_string_printf (s, _("Left the register on %s: %s"), e->date ? e->date : "?",
                     tx_exit_reason_label (e->reason));
  else
    g_string_printf (s, _("Back on the register from %s"), e->date ? e->date : "?");
  if (g_strcmp0 (e->by, TX_REGISTER_BY_RULE) == 0)
    /* Translators: who recorded an exit, after the exit's line */
    g_string_append_printf (s, _(" (%s)"), _("by the rule, not by a person"));
  else if (e->by && *e->by)
    g_string_append_printf (s, _(" (%s)"), e->by);
  if (e->note && *e->note)
    g_string_append_printf (s, _(": %s"), e->note);
  return g_string_free (g_steal_pointer (&s), FALSE);
}
