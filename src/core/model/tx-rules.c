/* tx-rules.c — the rules of the policy documents
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tx_rules_apply() is the one place that decides what a record means:
 * it drops values of fields that do not apply, derives the migration scope
 * and the key-care situations, and lists every problem with the field it
 * concerns. The GUI, the CLI, imports and the store all call it.
 */

#define G_LOG_DOMAIN "tx-rules"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-idcard.h"
#include "tx-rules.h"

void
tx_rules_context_init (TxRulesContext *ctx,
                       const char     *county,
                       const char     *township)
{
  tx_date_today (&ctx->today);
  ctx->county = county;
  ctx->township = township;
  tx_age_limits_init (&ctx->limits);
}

static void
problem_free (gpointer data)
{
  TxProblem *p = data;

  g_free (p->message);
  g_free (p);
}

void
tx_check_free (TxCheck *check)
{
  if (check == NULL)
    return;
  g_ptr_array_unref (check->problems);
  g_free (check->eligible_from);
  g_free (check);
}

const char *
tx_severity_name (TxSeverity severity)
{
  switch (severity)
    {
    case TX_SEVERITY_ERROR: return "error";
    case TX_SEVERITY_MISSING: return "missing";
    case TX_SEVERITY_WARNING: return "warning";
    case TX_SEVERITY_INELIGIBLE: return "ineligible";
    default: g_assert_not_reached ();
    }
}

G_GNUC_PRINTF (4, 5)
static void
add_problem (TxCheck    *check,
             int         field,
             TxSeverity  severity,
             const char *format,
             ...)
{
  TxProblem *p = g_new0 (TxProblem, 1);
  va_list args;

  /* one problem per field and severity is enough for a person to act on */
  for (guint i = 0; i < check->problems->len; i++)
    {
      TxProblem *q = g_ptr_array_index (check->problems, i);
      if (q->field == field && q->severity == severity && field >= 0 &&
          severity != TX_SEVERITY_INELIGIBLE && severity != TX_SEVERITY_WARNING)
        {
          g_free (p);
          return;
        }
    }

  p->field = field;
  p->severity = severity;
  va_start (args, format);
  p->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (check->problems, p);
}

static gboolean
condition_holds (const TxRecord    *record,
                 const TxCondition *cond)
{
  const char *v = record->values[cond->field];

  if (v == NULL)
    return FALSE;
  switch (cond->op)
    {
    case TX_COND_EQ:
      return g_str_equal (v, cond->codes[0]);
    case TX_COND_IN:
      return g_strv_contains ((const char * const *) cond->codes, v);
    case TX_COND_HAS:
      return tx_record_has_code (record, cond->field, cond->codes[0]);
    default:
      g_assert_not_reached ();
    }
}

gboolean
tx_field_applies (const TxRecord *record,
                  const TxField  *field)
{
  return field->applies == NULL || condition_holds (record, field->applies);
}

gboolean
tx_field_required (const TxRecord *record,
                   const TxField  *field)
{
  if (!tx_field_applies (record, field))
    return FALSE;
  return field->required || (field->required_if && condition_holds (record, field->required_if));
}

gboolean
tx_check_blocks_save (const TxCheck *check)
{
  for (guint i = 0; i < check->problems->len; i++)
    if (((TxProblem *) g_ptr_array_index (check->problems, i))->severity == TX_SEVERITY_ERROR)
      return TRUE;
  return FALSE;
}

static gboolean
get_date (const TxRecord *r,
          int             field,
          GDate          *out)
{
  return tx_date_parse (r->values[field], out);
}

static gboolean
valid_name_text (const char *s)
{
  for (const char *p = s; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isalpha (c) || g_unichar_ismark (c) || c == 0x00B7 /* · */ || c == ' ')
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
valid_phone (const char *s)
{
  gsize len = strlen (s);
  const char *dash;

  if (len == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' &&
      strspn (s, "0123456789") == len)
    return TRUE;

  /* landline: 0 + 2–3 digit area code, optional '-', 7–8 digits, optional '-' extension */
  if (s[0] != '0')
    return FALSE;
  dash = strchr (s, '-');
  if (dash)
    {
      gsize area = dash - s;
      const char *num = dash + 1;
      const char *ext = strchr (num, '-');
      gsize nlen = ext ? (gsize) (ext - num) : strlen (num);

      if (area < 3 || area > 4 || strspn (s, "0123456789") != area)
        return FALSE;
      if (nlen < 7 || nlen > 8 || strspn (num, "0123456789") != nlen)
        return FALSE;
      if (ext && (strlen (ext + 1) < 1 || strlen (ext + 1) > 6 ||
                  strspn (ext + 1, "0123456789") != strlen (ext + 1)))
        return FALSE;
      return TRUE;
    }
  return len >= 10 && len <= 12 && strspn (s, "0123456789") == len;
}

/* Checks one value on its own, by the type of its field */
static void
check_value (const TxRecord *r,
             const TxField  *f,
             TxCheck        *check)
{
  const char *v = r->values[f->index];
  const char *label = tx_field_label (f);

  switch (f->type)
    {
    case TX_FIELD_TEXT:
      if ((guint) g_utf8_strlen (v, -1) > f->max_len)
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("%s is too long: at most %u characters; shorten it."),
                     label, f->max_len);
      else if (g_str_equal (f->key, "name") || g_str_has_suffix (f->key, "_name") ||
               g_str_equal (f->key, "filler") || g_str_equal (f->key, "reviewer") ||
               g_str_equal (f->key, "unit_head"))
        {
          if (!valid_name_text (v))
            add_problem (check, f->index, TX_SEVERITY_ERROR,
                         _("%s may contain only letters and the middle dot · of minority "
                           "names; remove digits and punctuation."), label);
        }
      break;

    case TX_FIELD_DATE:
      {
        GDate d;
        if (!tx_date_parse (v, &d))
          add_problem (check, f->index, TX_SEVERITY_ERROR,
                       _("“%s” is not a date; write it as 2015-03-02 or 20150302."), v);
      }
      break;

    case TX_FIELD_CHOICE:
      if (tx_field_choice (f, v) == NULL)
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("“%s” is not one of the choices for %s; pick one of the listed "
                       "choices."), v, label);
      break;

    case TX_FIELD_MULTI:
      {
        g_auto(GStrv) codes = g_strsplit (v, ",", -1);
        for (guint i = 0; codes[i]; i++)
          if (tx_field_choice (f, codes[i]) == NULL)
            add_problem (check, f->index, TX_SEVERITY_ERROR,
                         _("“%s” is not one of the choices for %s; tick only listed "
                           "choices."), codes[i], label);
      }
      break;

    case TX_FIELD_DIVISION:
      if (strlen (v) != f->max_len || strspn (v, "0123456789") != f->max_len)
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("%s must be a division code of %u digits; pick it from the list."),
                     label, f->max_len);
      else if (tx_division_lookup (v) == NULL && g_str_equal (f->key, "residence_division") &&
               tx_division_placeholder_township (v))
        /* the county moved the child to a township: the village is for it to pick */
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("%s: the child was transferred to %s; pick the village or community where "
                       "the child lives now."), label, tx_division_placeholder_township (v)->name);
      else if (tx_division_lookup (v) == NULL)
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("%s: code %s is not in the division table; pick the place from the "
                       "list."), label, v);
      break;

    case TX_FIELD_ID18:
      {
        g_autoptr(GError) error = NULL;
        if (!tx_id_parse (v, NULL, &error))
          add_problem (check, f->index, TX_SEVERITY_ERROR, "%s", error->message);
      }
      break;

    case TX_FIELD_PHONE:
      if (!valid_phone (v))
        add_problem (check, f->index, TX_SEVERITY_ERROR,
                     _("%s is not a phone number: give an 11-digit mobile number or a "
                       "landline with its area code, such as 0431-88886666."), label);
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
set_code (TxRecord   *r,
          int         field,
          const char *code)
{
  tx_record_set (r, field, code);
}

/* A parent who cannot look after the child: the situations of form.md
 * rule 7 (seed 004's list, less the ones the form has no choice for) */
static gboolean
parent_cannot_guard (const char *status)
{
  static const char *const set[] = { "deceased", "missing", "imprisoned", "drug_rehab", "revoked", NULL };

  return status && g_strv_contains (set, status);
}

/* Disabled or ill: counts only when severe (重残、重病), which the form
 * does not say */
static gboolean
parent_maybe_cannot_guard (const char *status)
{
  return g_strcmp0 (status, "disabled") == 0 || g_strcmp0 (status, "seriously_ill") == 0;
}

typedef struct {
  gboolean detained;     /* 服刑和戒毒人员子女 */
  gboolean orphan;       /* 孤儿 */
  gboolean unsupported;  /* 事实无人抚养, derived */
  gboolean maybe;        /* 事实无人抚养 only if a disability or illness is severe */
  gboolean no_guardian;  /* neither parent can guard, and no other guardian is named */
} Parents;

static void
parents_situation (const TxRecord *r,
                   Parents        *p)
{
  static int f_father = -1, f_mother, f_support, f_other;
  const char *father, *mother;
  gboolean pair;

  if (f_father < 0)
    {
      f_mother = TX_F ("mother_status");
      f_support = TX_F ("support");
      f_other = TX_F ("other_guardian_name");
      f_father = TX_F ("father_status");
    }
  father = r->values[f_father];
  mother = r->values[f_mother];
  pair = parent_cannot_guard (father) && parent_cannot_guard (mother);

  p->detained = g_strcmp0 (father, "imprisoned") == 0 || g_strcmp0 (father, "drug_rehab") == 0 ||
                g_strcmp0 (mother, "imprisoned") == 0 || g_strcmp0 (mother, "drug_rehab") == 0;
  p->orphan = (g_strcmp0 (father, "deceased") == 0 && g_strcmp0 (mother, "deceased") == 0) ||
              tx_record_has_code (r, f_support, "orphan");
  p->unsupported = (!p->orphan && pair) || tx_record_has_code (r, f_support, "unsupported");
  p->maybe = !p->orphan && !p->unsupported &&
             (parent_cannot_guard (father) || parent_maybe_cannot_guard (father)) &&
             (parent_cannot_guard (mother) || parent_maybe_cannot_guard (mother)) &&
             (parent_maybe_cannot_guard (father) || parent_maybe_cannot_guard (mother));
  p->no_guardian = pair && r->values[f_other] == NULL;
}

/**
 * tx_rules_reason_by_hand:
 * @record: a record the rules have been applied to
 * @code: a code of the key-care situations
 *
 * Whether a person may tick or untick the situation now: the ones that
 * never follow from the form always; 事实无人抚养 also while the parents'
 * situation makes it only possible (a disability or an illness that may be
 * severe); the others follow their cause.
 */
gboolean
tx_rules_reason_by_hand (const TxRecord *record,
                         const char     *code)
{
  const TxField *reasons = tx_form_lookup ("key_care_reasons");
  const TxChoice *choice = tx_field_choice (reasons, code);
  Parents p;

  if (choice == NULL)
    return FALSE;
  if (!(choice->flags & TX_CHOICE_DERIVED))
    return TRUE;
  if (!(choice->flags & TX_CHOICE_BY_HAND_IF_WARNED))
    return FALSE;
  parents_situation (record, &p);
  return p.maybe;
}

/* The derived key-care situations, each with the cause that ticks it;
 * @check, if given, takes the warnings about them */
static void
derive_key_care (TxRecord *r,
                 int       age_at_registration,
                 TxCheck  *check)
{
  static int f_reasons = -1, f_key_care, f_family, f_problem, f_hukou, f_school,
             f_serious, f_health, f_living, f_guardianship;
  const TxField *reasons;
  GPtrArray *codes = g_ptr_array_new ();
  const char *schooling;
  Parents parents;

  if (f_reasons < 0)
    {
      f_key_care = TX_F ("key_care");
      f_family = TX_F ("family_structure");
      f_problem = TX_F ("guardianship_problem");
      f_hukou = TX_F ("hukou_registered");
      f_school = TX_F ("schooling");
      f_serious = TX_F ("serious_illness");
      f_health = TX_F ("health");
      f_living = TX_F ("living_difficulty");
      f_guardianship = TX_F ("guardianship");
      f_reasons = TX_F ("key_care_reasons");
    }
  reasons = &tx_form_get ()->fields[f_reasons];
  parents_situation (r, &parents);

  /* reasons ticked by hand stay; 事实无人抚养 only while it may hold */
  for (guint c = 0; c < reasons->n_choices; c++)
    if (tx_record_has_code (r, f_reasons, reasons->choices[c].code) &&
        (!(reasons->choices[c].flags & TX_CHOICE_DERIVED) ||
         ((reasons->choices[c].flags & TX_CHOICE_BY_HAND_IF_WARNED) && parents.maybe)))
      g_ptr_array_add (codes, (gpointer) reasons->choices[c].code);

  if (g_strcmp0 (r->values[f_family], "single_parent") == 0)
    g_ptr_array_add (codes, "single_parent");
  for (const char *const *p = (const char *const[]) { "insufficient", "improper", "absent", "abuse", NULL }; *p; p++)
    if (tx_record_has_code (r, f_problem, *p))
      g_ptr_array_add (codes, (gpointer) *p);
  if (parents.orphan)
    g_ptr_array_add (codes, "orphan");
  if (parents.unsupported)
    g_ptr_array_add (codes, "unsupported");
  if (parents.detained)
    g_ptr_array_add (codes, "parent_detained");
  if (g_strcmp0 (r->values[f_hukou], "no") == 0)
    g_ptr_array_add (codes, "no_hukou");
  schooling = r->values[f_school];
  if (g_strcmp0 (schooling, "dropped_out") == 0 ||
      (age_at_registration >= 6 && age_at_registration < 16 &&
       (g_strcmp0 (schooling, "home") == 0 || g_strcmp0 (schooling, "not_in_school") == 0)))
    g_ptr_array_add (codes, "out_of_school");
  if (tx_record_has_code (r, f_health, "ill") && g_strcmp0 (r->values[f_serious], "yes") == 0)
    g_ptr_array_add (codes, "serious_illness");
  if (tx_record_has_code (r, f_health, "disabled"))
    g_ptr_array_add (codes, "disability");
  if (g_strcmp0 (r->values[f_living], "yes") == 0)
    g_ptr_array_add (codes, "living_difficulty");

  g_ptr_array_add (codes, NULL);
  tx_record_take (r, f_reasons, tx_multi_join (reasons, (const char * const *) codes->pdata));
  set_code (r, f_key_care, r->values[f_reasons] ? "yes" : "no");
  g_ptr_array_free (codes, TRUE);

  if (check == NULL)
    return;
  if (parents.maybe && !tx_record_has_code (r, f_reasons, "unsupported"))
    add_problem (check, f_reasons, TX_SEVERITY_WARNING,
                 _("The child may be a de-facto unsupported child: neither parent may be "
                   "able to look after the child, but a disability or illness counts only when it is "
                   "severe. If it is, tick “De-facto unsupported child” by hand."));
  if (parents.no_guardian && g_strcmp0 (r->values[f_guardianship], "good") == 0)
    add_problem (check, f_guardianship, TX_SEVERITY_WARNING,
                 _("Guardianship is assessed as good, but neither parent can look after the child and "
                   "no other guardian is named. Name the person who looks after the child, or assess "
                   "the guardianship again."));
}

static const char *
migration_scope (const char *hukou_county,
                 const char *residence)
{
  if (strncmp (hukou_county, residence, 2) != 0)
    return "inter_province";
  /* the municipalities' city-level codes (01 districts, 02 counties) are one city */
  if (!tx_division_is_municipality (residence) && strncmp (hukou_county, residence, 4) != 0)
    return "inter_city";
  if (strncmp (hukou_county, residence, 6) != 0)
    return "inter_county";
  return NULL;
}

/**
 * tx_rules_apply:
 * @record: the record; its derived fields are updated and values of fields
 *   that do not apply are removed
 * @ctx: today's date and the workstation
 *
 * Returns: (transfer full): what the record means and what is wrong with it
 */
TxCheck *
tx_rules_apply (TxRecord             *record,
                const TxRulesContext *ctx)
{
  const TxForm *form = tx_form_get ();
  TxCheck *check = g_new0 (TxCheck, 1);
  GDate birth, reg, arrival;
  gboolean have_birth, have_reg, have_arrival;
  const char *v;
  int f_reg = TX_F ("registration_date"), f_birth = TX_F ("birth_date"),
      f_arrival = TX_F ("arrival_date"), f_id = TX_F ("id_number"),
      f_gender = TX_F ("gender"), f_hukou_div = TX_F ("hukou_division"),
      f_res = TX_F ("residence_division"), f_scope = TX_F ("migration_scope"),
      f_cat = TX_F ("child_category"), f_health = TX_F ("health"),
      f_managed = TX_F ("health_managed"), f_rehab = TX_F ("rehab"),
      f_support = TX_F ("support");

  check->problems = g_ptr_array_new_with_free_func (problem_free);
  check->age = check->age_at_registration = -1;
  check->eligible = FALSE;

  /* The workstation fills the header */
  if (ctx->county && record->values[TX_F ("reporting_county")] == NULL)
    tx_record_set (record, TX_F ("reporting_county"), ctx->county);
  if (ctx->township && record->values[TX_F ("reporting_township")] == NULL)
    tx_record_set (record, TX_F ("reporting_township"), ctx->township);

  /* Values of fields that do not apply are not kept. Conditions only test
   * fields that have no condition of their own, so one pass is enough. */
  for (guint i = 0; i < form->n_fields; i++)
    {
      const TxField *f = &form->fields[i];
      if (record->values[i] && !tx_field_applies (record, f))
        {
          add_problem (check, i, TX_SEVERITY_WARNING,
                       _("%s does not apply to this child and was left out."),
                       tx_field_label (f));
          tx_record_take (record, i, NULL);
        }
    }

  /* Values on their own */
  for (guint i = 0; i < form->n_fields; i++)
    if (record->values[i] && !form->fields[i].derived)
      check_value (record, &form->fields[i], check);

  have_birth = get_date (record, f_birth, &birth);
  have_reg = get_date (record, f_reg, &reg);
  have_arrival = get_date (record, f_arrival, &arrival);

  if (have_birth)
    check->age = tx_date_age_on (&birth, &ctx->today);
  if (have_birth && have_reg)
    check->age_at_registration = tx_date_age_on (&birth, &reg);

  /* Dates against each other */
  if (have_reg && tx_date_compare (&reg, &ctx->today) > 0)
    add_problem (check, f_reg, TX_SEVERITY_ERROR,
                 _("The registration date is in the future; enter the day the form was filled."));
  if (have_birth && tx_date_compare (&birth, &ctx->today) > 0)
    add_problem (check, f_birth, TX_SEVERITY_ERROR,
                 _("The date of birth is in the future; check the year."));
  else if (have_birth && have_reg && tx_date_compare (&birth, &reg) > 0)
    add_problem (check, f_birth, TX_SEVERITY_ERROR,
                 _("The date of birth is after the registration date; check both dates."));
  if (have_arrival && have_reg && tx_date_compare (&arrival, &reg) > 0)
    add_problem (check, f_arrival, TX_SEVERITY_ERROR,
                 _("The child cannot have arrived after the registration date; check the "
                   "arrival date."));
  if (have_arrival && have_birth && tx_date_compare (&arrival, &birth) < 0)
    add_problem (check, f_arrival, TX_SEVERITY_ERROR,
                 _("The arrival date is before the date of birth; for a child born here, "
                   "enter the date of birth."));

  /* The identity number decides birth date and gender */
  if ((v = record->values[f_id]))
    {
      TxIdInfo info;
      if (tx_id_parse (v, &info, NULL))
        {
          g_autofree char *id_birth = tx_date_format (&info.birth);

          if (have_birth && tx_date_compare (&birth, &info.birth) != 0)
            add_problem (check, f_birth, TX_SEVERITY_ERROR,
                         _("The date of birth does not agree with the identity number, which "
                           "says %s; correct one of them."), id_birth);
          if (record->values[f_gender] &&
              g_strcmp0 (record->values[f_gender], info.male ? "male" : "female") != 0 &&
              tx_field_choice (&form->fields[f_gender], record->values[f_gender]))
            add_problem (check, f_gender, TX_SEVERITY_ERROR,
                         info.male
                           ? _("The gender does not agree with the identity number, which is a "
                               "boy's (digit 17 is odd); correct one of them.")
                           : _("The gender does not agree with the identity number, which is a "
                               "girl's (digit 17 is even); correct one of them."));
        }
    }

  /* Exclusive ticks */
  if (tx_record_has_code (record, f_health, "healthy") &&
      (tx_record_has_code (record, f_health, "disabled") || tx_record_has_code (record, f_health, "ill")))
    add_problem (check, f_health, TX_SEVERITY_ERROR,
                 _("“Healthy” cannot be ticked together with “Disabled” or “Ill”; untick one."));
  if (tx_record_has_code (record, f_support, "none") &&
      strchr (record->values[f_support], ',') != NULL)
    add_problem (check, f_support, TX_SEVERITY_ERROR,
                 _("“None” cannot be ticked together with a kind of support; untick one."));

  /* Health management of 0–6 year olds */
  if (g_strcmp0 (record->values[f_managed], "not_applicable") == 0 &&
      check->age_at_registration >= 0 && check->age_at_registration <= 6)
    add_problem (check, f_managed, TX_SEVERITY_ERROR,
                 _("Children of six and younger are in the 0–6 health management: answer Yes "
                   "or No, not “Not applicable”."));

  /* Rehabilitation assistance is for disabled children */
  if ((v = record->values[f_rehab]))
    {
      gboolean disabled = tx_record_has_code (record, f_health, "disabled");
      if (disabled && g_str_equal (v, "not_applicable"))
        add_problem (check, f_rehab, TX_SEVERITY_ERROR,
                     _("The child is disabled, so rehabilitation assistance applies: choose "
                       "whether it is received, applied for or not applied for."));
      else if (!disabled && record->values[f_health] && !g_str_equal (v, "not_applicable"))
        add_problem (check, f_rehab, TX_SEVERITY_ERROR,
                     _("Rehabilitation assistance is only for disabled children: choose “Not "
                       "applicable”, or tick “Disabled” under Health."));
    }

  /* Residence must be in the reporting township */
  if ((v = record->values[f_res]) && ctx->township && strlen (v) == 12 &&
      !g_str_has_prefix (v, ctx->township))
    add_problem (check, f_res, TX_SEVERITY_ERROR,
                 _("The place of residence is not in this workstation's township; pick a "
                   "village or community of %s."),
                 tx_division_name (ctx->township) ? tx_division_name (ctx->township) : ctx->township);

  /* Migration scope and the county boundary */
  tx_record_take (record, f_scope, NULL);
  {
    const char *h = record->values[f_hukou_div], *res = record->values[f_res];
    gboolean migrant = tx_record_has_code (record, f_cat, "migrant");

    if (h && res && strlen (h) == 6 && strlen (res) == 12 &&
        tx_division_lookup (h) && (tx_division_lookup (res) || tx_division_placeholder_township (res)))
      {
        const char *scope = migration_scope (h, res);

        if (scope)
          set_code (record, f_scope, scope);
        else if (migrant)
          add_problem (check, f_hukou_div, TX_SEVERITY_ERROR,
                       _("The household registration is in the county where the child lives, "
                         "so this is not a migrant child: correct the place, or untick "
                         "“Migrant child” under Category."));
        if (scope && g_str_equal (scope, "inter_county") && migrant &&
            tx_division_is_city_district (h) && tx_division_is_city_district (res))
          add_problem (check, f_hukou_div, TX_SEVERITY_WARNING,
                       _("Both places are districts of the same city. Moves between the "
                         "central-city districts do not make a migrant child; check whether "
                         "these districts are central."));
      }
  }

  derive_key_care (record, check->age_at_registration, check);

  /* Eligibility: under the age limit of the child's categories on the
   * registration date (16; 18 for a distressed child), six months since
   * arrival. The six months are counted to today, not to the registration:
   * a child registered after four months here is eligible two months later
   * without a new form. */
  check->eligible_in_time = TRUE;
  {
    GDate limit;

    if (check->age_at_registration < 0)
      check->eligible_in_time = FALSE;
    else if (have_reg && tx_register_ages_out (record, &ctx->limits, &limit) && tx_date_compare (&reg, &limit) >= 0)
      {
        g_autofree char *day = tx_date_format (&limit);

        check->eligible_in_time = FALSE;
        add_problem (check, f_birth, TX_SEVERITY_INELIGIBLE,
                     _("Not eligible: the child was %d on the registration date, past the age limit of "
                       "the categories ticked (reached on %s)."), check->age_at_registration, day);
      }
  }
  check->eligible = check->eligible_in_time;
  if (have_arrival && have_reg && tx_date_compare (&arrival, &reg) <= 0 &&
      tx_record_has_code (record, f_cat, "migrant"))
    {
      GDate six = arrival;
      tx_date_add_months (&six, 6);
      if (tx_date_compare (&six, &reg) > 0)
        check->eligible_from = tx_date_format (&six);
      if (tx_date_compare (&six, &ctx->today) > 0)
        {
          g_autofree char *from = tx_date_format (&six);
          check->eligible = FALSE;
          add_problem (check, f_arrival, TX_SEVERITY_INELIGIBLE,
                       _("Not yet eligible: the child has lived here less than six months. "
                         "The record is kept and counted apart; it becomes eligible on %s."),
                       from);
        }
    }
  else if (!have_arrival && tx_record_has_code (record, f_cat, "migrant"))
    check->eligible = check->eligible_in_time = FALSE;

  /* Required values */
  for (guint i = 0; i < form->n_fields; i++)
    {
      const TxField *f = &form->fields[i];
      if (!f->derived && record->values[i] == NULL && tx_field_required (record, f))
        add_problem (check, i, TX_SEVERITY_MISSING,
                     _("%s is required for a complete record; fill it in, or save the record "
                       "as a draft."), tx_field_label (f));
    }

  check->complete = TRUE;
  for (guint i = 0; i < check->problems->len; i++)
    {
      TxProblem *p = g_ptr_array_index (check->problems, i);
      if (p->severity == TX_SEVERITY_ERROR || p->severity == TX_SEVERITY_MISSING)
        check->complete = FALSE;
    }

  return check;
}

/**
 * tx_status_of:
 * @eligible: whether the child meets the definition today (six months here)
 * @ages_out: (nullable): the day the child leaves the register by age
 *   (tx_register_ages_out(): 16 for migrant and left-behind children, 18
 *   for distressed ones), %NULL if unknown
 *
 * A child past the age limit of their categories is off the register,
 * whatever the record says (the definition counts the age on the day; the
 * ageing out records it); a draft and an incomplete record are said first,
 * as they need work whatever the child's age.
 */
TxStatus
tx_status_of (gboolean    draft,
              gboolean    complete,
              gboolean    eligible,
              const char *ages_out)
{
  GDate today, limit;

  if (draft)
    return TX_STATUS_DRAFT;
  if (!complete)
    return TX_STATUS_INCOMPLETE;
  tx_date_today (&today);
  if (tx_date_parse (ages_out, &limit) && g_date_compare (&today, &limit) >= 0)
    return TX_STATUS_AGED_OUT;
  if (!eligible)
    return TX_STATUS_NOT_ELIGIBLE;
  return TX_STATUS_COMPLETE;
}

/* For JSON and style classes; stable */
const char *
tx_status_code (TxStatus status)
{
  static const char *const codes[] = { "draft", "incomplete", "aged_out", "not_eligible", "complete" };

  return codes[status];
}

const char *
tx_status_label (TxStatus status)
{
  switch (status)
    {
    case TX_STATUS_DRAFT: return _("Draft");
    case TX_STATUS_INCOMPLETE: return _("Incomplete");
    case TX_STATUS_AGED_OUT: return _("Past the age limit");
    case TX_STATUS_NOT_ELIGIBLE: return _("Not yet eligible");
    case TX_STATUS_COMPLETE:
    default: return _("Complete");
    }
}
