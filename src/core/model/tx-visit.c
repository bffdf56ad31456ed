/* tx-visit.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a visit records follows the action plans (domain.md): living
 * security, family guardianship, medical care and schooling, care services;
 * the needs raised, what was done, the services given or referred, and the
 * follow-up. A visit may re-assess guardianship. One of the four urgent
 * situations demands that the police were told, with the details, before the
 * visit counts as complete.
 */

#define G_LOG_DOMAIN "tx-visit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-json.h"
#include "tx-record.h"
#include "tx-visit.h"

static const TxChoice kinds[] = {
  { "home",   "入户走访", N_("Home visit") },
  { "phone",  "电话",     N_("Telephone") },
  { "school", "到校",     N_("At school") },
  { "other",  "其他",     N_("Other") },
  { NULL }
};

static const TxChoice urgent[] = {
  { "alone_or_missing",  "脱离监护单独居住生活或失踪", N_("Living alone out of guardianship, or missing") },
  { "guardian_unable",   "监护人丧失监护能力或不履行监护责任", N_("Guardian unable or unwilling to guard") },
  { "domestic_violence", "疑似遭受家庭暴力", N_("Suspected domestic violence") },
  { "injury_or_harm",    "疑似遭受意外伤害或不法侵害", N_("Suspected accidental injury or unlawful harm") },
  { NULL }
};

const TxChoice *
tx_visit_kinds (void)
{
  return kinds;
}

const TxChoice *
tx_visit_urgent_situations (void)
{
  return urgent;
}

/**
 * tx_visit_urgent_problem:
 * @situation: the code of an urgent situation
 *
 * The guardianship problem an urgent situation shows (form.md, 监护问题): a
 * child alone or missing, or a guardian who cannot or does not guard, is
 * guardianship absent (监护缺失); domestic violence is guardianship abuse
 * (监护侵害). An injury or unlawful harm may come from outside the family,
 * so it names none.
 *
 * Returns: (nullable): the guardianship_problem code
 */
const char *
tx_visit_urgent_problem (const char *situation)
{
  if (g_strcmp0 (situation, "alone_or_missing") == 0 || g_strcmp0 (situation, "guardian_unable") == 0)
    return "absent";
  if (g_strcmp0 (situation, "domestic_violence") == 0)
    return "abuse";
  return NULL;
}

/**
 * tx_visit_asks_reassessment:
 * @visit: the visit as it would be recorded
 * @current: (nullable): the child's guardianship assessment before it
 *
 * An urgent situation puts the child's guardianship in question, and the
 * assessment sets how soon the child is visited again: poor guardianship,
 * or a guardianship problem, makes the child a key-care child, visited
 * every 15 days by default rather than in one or three months. A visit
 * that raises one and assesses the guardianship as good, or does not assess
 * it again (while it is not poor already), is to be confirmed by the person
 * recording it. An assessment of average or poor made with the visit is a
 * judgement made.
 *
 * Returns: whether to ask before the visit is saved
 */
gboolean
tx_visit_asks_reassessment (const TxVisit *visit,
                            const char    *current)
{
  if (visit->urgent == NULL)
    return FALSE;
  if (visit->guardianship)
    return g_str_equal (visit->guardianship, "good");
  return g_strcmp0 (current, "poor") != 0;
}

TxVisit *
tx_visit_new (void)
{
  return g_new0 (TxVisit, 1);
}

void
tx_visit_free (TxVisit *v)
{
  /* before the addresses below are taken */
  if (v == NULL)
    return;

  char **fields[] = {
    &v->id, &v->created_at, &v->updated_at, &v->station, &v->child_id, &v->date, &v->visitor,
    &v->kind, &v->living, &v->guardianship_found, &v->medical_schooling, &v->care_services,
    &v->needs, &v->actions, &v->follow_up, &v->services, &v->guardianship,
    &v->guardianship_problem, &v->urgent, &v->police_reported_at, &v->police_station,
    &v->police_officer, &v->police_receipt, &v->police_measures,
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_free (*fields[i]);
  g_free (v);
}

static const TxChoice *
find_choice (const TxChoice *list,
             const char     *text)
{
  for (guint i = 0; list[i].code; i++)
    if (g_str_equal (list[i].code, text) || g_str_equal (list[i].zh, text) ||
        g_ascii_strcasecmp (list[i].en, text) == 0)
      return &list[i];
  return NULL;
}

static void
problem (GPtrArray  *problems,
         const char *key,
         TxSeverity  severity,
         const char *message)
{
  TxVisitProblem *p = g_new0 (TxVisitProblem, 1);

  p->key = g_strdup (key);
  p->severity = severity;
  p->message = g_strdup (message);
  g_ptr_array_add (problems, p);
}

static void
visit_problem_free (gpointer data)
{
  TxVisitProblem *p = data;

  g_free (p->key);
  g_free (p->message);
  g_free (p);
}

/* A text, a list of texts, or null, as one comma-separated string */
static gboolean
json_text (JsonNode   *node,
           char      **out)
{
  g_clear_pointer (out, g_free);
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      *out = *s ? g_strstrip (g_strdup (s)) : NULL;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *arr = json_node_get_array (node);
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (arr); i++)
        {
          JsonNode *e = json_array_get_element (arr, i);
          if (!JSON_NODE_HOLDS_VALUE (e) || json_node_get_value_type (e) != G_TYPE_STRING)
            {
              g_string_free (s, TRUE);
              return FALSE;
            }
          if (s->len)
            g_string_append_c (s, ',');
          g_string_append (s, json_node_get_string (e));
        }
      *out = s->len ? g_string_free (s, FALSE) : (g_string_free (s, TRUE), NULL);
      return TRUE;
    }
  return FALSE;
}

/**
 * tx_visit_apply_json:
 * @problems: (element-type TxVisitProblem): where input problems go
 *
 * Reads the public JSON form of a visit: child_id, date, visitor, kind,
 * findings {living, guardianship, medical_schooling, services}, needs,
 * actions, follow_up, services [ids], guardianship, guardianship_problem,
 * urgent [codes], police_report {reported_at, station, officer, receipt,
 * measures}.
 *
 * Returns: %TRUE if every key was understood
 */
gboolean
tx_visit_apply_json (TxVisit    *v,
                     JsonObject *object,
                     GPtrArray  *problems)
{
  static const char *const ignored[] = { "id", "created_at", "updated_at", "station", "complete",
                                         "problems", NULL };
  struct { const char *key; char **field; } plain[] = {
    { "child_id", &v->child_id }, { "date", &v->date }, { "visitor", &v->visitor },
    { "kind", &v->kind }, { "needs", &v->needs }, { "actions", &v->actions },
    { "follow_up", &v->follow_up }, { "services", &v->services },
    { "guardianship", &v->guardianship }, { "guardianship_problem", &v->guardianship_problem },
    { "urgent", &v->urgent },
  };
  struct { const char *key; char **field; } findings[] = {
    { "living", &v->living }, { "guardianship", &v->guardianship_found },
    { "medical_schooling", &v->medical_schooling }, { "services", &v->care_services },
  };
  struct { const char *key; char **field; } police[] = {
    { "reported_at", &v->police_reported_at }, { "station", &v->police_station },
    { "officer", &v->police_officer }, { "receipt", &v->police_receipt },
    { "measures", &v->police_measures },
  };
  g_autoptr(GList) members = json_object_get_members (object);
  gboolean ok = TRUE;

  for (GList *l = members; l; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (object, key);
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (plain); i++)
        if (g_str_equal (key, plain[i].key))
          {
            known = TRUE;
            if (!json_text (node, plain[i].field))
              {
                problem (problems, key, TX_SEVERITY_ERROR, _("Give a text, or a list of texts."));
                ok = FALSE;
              }
          }
      if ((g_str_equal (key, "findings") || g_str_equal (key, "police_report")) &&
          JSON_NODE_HOLDS_OBJECT (node))
        {
          gboolean is_findings = g_str_equal (key, "findings");
          JsonObject *sub = json_node_get_object (node);
          g_autoptr(GList) sub_members = json_object_get_members (sub);

          known = TRUE;
          for (GList *m = sub_members; m; m = m->next)
            {
              gboolean sub_known = FALSE;
              guint n = is_findings ? G_N_ELEMENTS (findings) : G_N_ELEMENTS (police);

              for (guint i = 0; i < n; i++)
                {
                  const char *k = is_findings ? findings[i].key : police[i].key;
                  char **field = is_findings ? findings[i].field : police[i].field;

                  if (g_str_equal (m->data, k))
                    {
                      sub_known = TRUE;
                      if (!json_text (json_object_get_member (sub, m->data), field))
                        {
                          problem (problems, key, TX_SEVERITY_ERROR, _("Give a text."));
                          ok = FALSE;
                        }
                    }
                }
              if (!sub_known)
                {
                  g_autofree char *msg = g_strdup_printf (_("“%s” is not part of %s."),
                                                          (char *) m->data, key);
                  problem (problems, key, TX_SEVERITY_ERROR, msg);
                  ok = FALSE;
                }
            }
        }
      if (!known && !g_strv_contains (ignored, key))
        {
          g_autofree char *msg = g_strdup_printf (_("“%s” is not a part of a visit record."), key);
          problem (problems, key, TX_SEVERITY_ERROR, msg);
          ok = FALSE;
        }
    }

  /* codes given by their labels become codes */
  if (v->kind)
    {
      const TxChoice *c = find_choice (kinds, v->kind);
      if (c)
        g_free (v->kind), v->kind = g_strdup (c->code);
    }
  if (v->urgent)
    {
      g_auto(GStrv) parts = g_strsplit (v->urgent, ",", -1);
      for (guint i = 0; parts[i]; i++)
        {
          const TxChoice *c = find_choice (urgent, g_strstrip (parts[i]));
          if (c)
            g_free (parts[i]), parts[i] = g_strdup (c->code);
        }
      g_free (v->urgent);
      v->urgent = g_strjoinv (",", parts);
    }
  if (v->guardianship)
    {
      char *g = tx_record_input_value (tx_form_lookup ("guardianship"), v->guardianship);
      g_free (v->guardianship);
      v->guardianship = g;
    }
  if (v->guardianship_problem)
    {
      char *g = tx_record_input_value (tx_form_lookup ("guardianship_problem"), v->guardianship_problem);
      g_free (v->guardianship_problem);
      v->guardianship_problem = g;
    }
  if (v->date)
    {
      char *d = tx_date_normalize (v->date);
      if (d)
        g_free (v->date), v->date = d;
    }
  return ok;
}

static void
add_list (JsonBuilder *b,
          const char  *key,
          const char  *value)
{
  g_auto(GStrv) parts = value ? g_strsplit (value, ",", -1) : NULL;

  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; parts && parts[i]; i++)
    json_builder_add_string_value (b, parts[i]);
  json_builder_end_array (b);
}

/**
 * tx_visit_to_json:
 *
 * Returns: (transfer full): the visit in its public JSON form
 */
JsonNode *
tx_visit_to_json (const TxVisit *v)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  tx_json_add_string (b, "id", v->id);
  tx_json_add_string (b, "created_at", v->created_at);
  tx_json_add_string (b, "updated_at", v->updated_at);
  tx_json_add_string (b, "station", v->station);
  tx_json_add_string (b, "child_id", v->child_id);
  tx_json_add_string (b, "date", v->date);
  tx_json_add_string (b, "visitor", v->visitor);
  tx_json_add_string (b, "kind", v->kind);
  json_builder_set_member_name (b, "findings");
  json_builder_begin_object (b);
  tx_json_add_string (b, "living", v->living);
  tx_json_add_string (b, "guardianship", v->guardianship_found);
  tx_json_add_string (b, "medical_schooling", v->medical_schooling);
  tx_json_add_string (b, "services", v->care_services);
  json_builder_end_object (b);
  tx_json_add_string (b, "needs", v->needs);
  tx_json_add_string (b, "actions", v->actions);
  tx_json_add_string (b, "follow_up", v->follow_up);
  add_list (b, "services", v->services);
  tx_json_add_string (b, "guardianship", v->guardianship);
  add_list (b, "guardianship_problem", v->guardianship_problem);
  add_list (b, "urgent", v->urgent);
  json_builder_set_member_name (b, "police_report");
  json_builder_begin_object (b);
  tx_json_add_string (b, "reported_at", v->police_reported_at);
  tx_json_add_string (b, "station", v->police_station);
  tx_json_add_string (b, "officer", v->police_officer);
  tx_json_add_string (b, "receipt", v->police_receipt);
  tx_json_add_string (b, "measures", v->police_measures);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "complete");
  json_builder_add_boolean_value (b, v->complete);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * tx_visit_problems_new:
 *
 * Returns: (transfer full) (element-type TxVisitProblem): an empty list
 */
GPtrArray *
tx_visit_problems_new (void)
{
  return g_ptr_array_new_with_free_func (visit_problem_free);
}

/**
 * tx_visit_check:
 * @today: no visit is recorded before it happens
 *
 * Checks the visit on its own (the store checks the child and the
 * services) and sets its complete flag.
 *
 * Returns: (transfer full) (element-type TxVisitProblem): the problems
 */
GPtrArray *
tx_visit_check (TxVisit     *v,
                const GDate *today)
{
  GPtrArray *problems = tx_visit_problems_new ();
  GDate d;

  if (v->child_id == NULL)
    problem (problems, "child_id", TX_SEVERITY_ERROR, _("Say which child was visited: give the child's id."));
  if (v->date == NULL)
    problem (problems, "date", TX_SEVERITY_ERROR, _("Give the date of the visit."));
  else if (!tx_date_parse (v->date, &d))
    problem (problems, "date", TX_SEVERITY_ERROR, _("The date of the visit is not a date; write it as 2026-11-25."));
  else if (g_date_compare (&d, today) > 0)
    problem (problems, "date", TX_SEVERITY_ERROR, _("The date of the visit is in the future; record a visit once it has happened."));
  if (v->kind == NULL)
    problem (problems, "kind", TX_SEVERITY_ERROR, _("Say how the child was visited: home, phone, school or other."));
  else if (find_choice (kinds, v->kind) == NULL)
    problem (problems, "kind", TX_SEVERITY_ERROR, _("The kind of visit is one of home, phone, school and other."));
  if (v->visitor == NULL)
    problem (problems, "visitor", TX_SEVERITY_MISSING, _("Give the name of who made the visit."));
  else if (g_utf8_strlen (v->visitor, -1) > 30)
    problem (problems, "visitor", TX_SEVERITY_ERROR, _("The visitor's name is too long: at most 30 characters."));

  if (v->guardianship && !tx_field_choice (tx_form_lookup ("guardianship"), v->guardianship))
    problem (problems, "guardianship", TX_SEVERITY_ERROR, _("A re-assessment is good, average or poor."));
  if (g_strcmp0 (v->guardianship, "poor") == 0 && v->guardianship_problem == NULL)
    problem (problems, "guardianship_problem", TX_SEVERITY_ERROR,
             _("Guardianship assessed as poor needs at least one guardianship problem."));
  if (v->guardianship_problem)
    {
      g_auto(GStrv) parts = g_strsplit (v->guardianship_problem, ",", -1);
      for (guint i = 0; parts[i]; i++)
        if (!tx_field_choice (tx_form_lookup ("guardianship_problem"), parts[i]))
          problem (problems, "guardianship_problem", TX_SEVERITY_ERROR,
                   _("A guardianship problem is one of insufficient, improper, absent and abuse."));
    }

  if (v->urgent)
    {
      g_auto(GStrv) parts = g_strsplit (v->urgent, ",", -1);
      gboolean bad = FALSE;

      for (guint i = 0; parts[i]; i++)
        bad |= find_choice (urgent, parts[i]) == NULL;
      if (bad)
        problem (problems, "urgent", TX_SEVERITY_ERROR,
                 _("An urgent situation is one of alone_or_missing, guardian_unable, domestic_violence and injury_or_harm."));
      /* report to the police at once: the visit is complete only with the report */
      if (v->police_reported_at == NULL || v->police_station == NULL || v->police_officer == NULL ||
          v->police_receipt == NULL || v->police_measures == NULL)
        problem (problems, "police_report", TX_SEVERITY_MISSING,
                 _("An urgent situation must be reported to the police at once: give when it was "
                   "reported, the police station, the officer, the case or receipt number and the "
                   "measures taken."));
    }

  v->complete = TRUE;
  for (guint i = 0; i < problems->len; i++)
    {
      TxVisitProblem *p = problems->pdata[i];
      if (p->severity == TX_SEVERITY_ERROR || p->severity == TX_SEVERITY_MISSING)
        v->complete = FALSE;
    }
  return problems;
}

gboolean
tx_visit_problems_block (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    if (((TxVisitProblem *) problems->pdata[i])->severity == TX_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}
