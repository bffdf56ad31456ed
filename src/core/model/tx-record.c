/* tx-record.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-idcard.h"
#include "tx-record.h"

TxRecord *
tx_record_new (void)
{
  TxRecord *r = g_new0 (TxRecord, 1);

  r->values = g_new0 (char *, tx_form_get ()->n_fields + 1);
  return r;
}

/**
 * tx_record_new_defaults:
 *
 * Returns: (transfer full): an empty record with the declared default values
 */
TxRecord *
tx_record_new_defaults (void)
{
  const TxForm *form = tx_form_get ();
  TxRecord *r = tx_record_new ();

  for (guint i = 0; i < form->n_fields; i++)
    if (form->fields[i].default_code)
      tx_record_set (r, i, form->fields[i].default_code);
  return r;
}

TxRecord *
tx_record_copy (const TxRecord *record)
{
  const TxForm *form = tx_form_get ();
  TxRecord *r = tx_record_new ();

  r->id = g_strdup (record->id);
  r->created_at = g_strdup (record->created_at);
  r->updated_at = g_strdup (record->updated_at);
  r->station = g_strdup (record->station);
  r->draft = record->draft;
  r->deleted = record->deleted;
  r->next_visit_due = g_strdup (record->next_visit_due);
  r->info_refresh_due = g_strdup (record->info_refresh_due);
  r->last_home_visit = g_strdup (record->last_home_visit);
  r->urgent = record->urgent;
  r->complete = record->complete;
  r->eligible = record->eligible;
  r->register_value = g_strdup (record->register_value);
  r->register_state = g_strdup (record->register_state);
  r->exit_reason = g_strdup (record->exit_reason);
  r->exit_date = g_strdup (record->exit_date);
  r->ages_out = g_strdup (record->ages_out);
  for (guint i = 0; i < form->n_fields; i++)
    r->values[i] = g_strdup (record->values[i]);
  return r;
}

void
tx_record_free (TxRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->id);
  g_free (record->created_at);
  g_free (record->updated_at);
  g_free (record->station);
  g_free (record->next_visit_due);
  g_free (record->info_refresh_due);
  g_free (record->last_home_visit);
  g_free (record->register_value);
  g_free (record->register_state);
  g_free (record->exit_reason);
  g_free (record->exit_date);
  g_free (record->ages_out);
  /* not g_strfreev(): the array has holes */
  for (guint i = 0; i < tx_form_get ()->n_fields; i++)
    g_free (record->values[i]);
  g_free (record->values);
  g_free (record);
}

const char *
tx_record_get (const TxRecord *record,
               int             field)
{
  g_return_val_if_fail (field >= 0 && (guint) field < tx_form_get ()->n_fields, NULL);
  return record->values[field];
}

const char *
tx_record_get_key (const TxRecord *record,
                   const char     *key)
{
  int i = tx_form_index (key);

  g_return_val_if_fail (i >= 0, NULL);
  return record->values[i];
}

/* Takes ownership of @value; an empty string is stored as no value */
void
tx_record_take (TxRecord *record,
                int       field,
                char     *value)
{
  g_return_if_fail (field >= 0 && (guint) field < tx_form_get ()->n_fields);
  if (value && value[0] == 0)
    g_clear_pointer (&value, g_free);
  g_free (record->values[field]);
  record->values[field] = value;
}

void
tx_record_set (TxRecord   *record,
               int         field,
               const char *value)
{
  tx_record_take (record, field, g_strdup (value));
}

gboolean
tx_record_set_key (TxRecord   *record,
                   const char *key,
                   const char *value)
{
  int i = tx_form_index (key);

  if (i < 0)
    return FALSE;
  tx_record_set (record, i, value);
  return TRUE;
}

gboolean
tx_record_has_code (const TxRecord *record,
                    int             field,
                    const char     *code)
{
  const char *v = record->values[field];
  gsize len = strlen (code);

  if (v == NULL)
    return FALSE;
  for (const char *p = v; p; p = strchr (p, ','), p = p ? p + 1 : NULL)
    if (strncmp (p, code, len) == 0 && (p[len] == ',' || p[len] == 0))
      return TRUE;
  return FALSE;
}

gboolean
tx_record_equal_values (const TxRecord *a,
                        const TxRecord *b)
{
  const TxForm *form = tx_form_get ();

  for (guint i = 0; i < form->n_fields; i++)
    if (g_strcmp0 (a->values[i], b->values[i]) != 0)
      return FALSE;
  return TRUE;
}

/**
 * tx_multi_join:
 * @codes: codes in any order, possibly repeated; unknown ones are kept at the end
 *
 * Returns: (transfer full) (nullable): the codes in declaration order, comma separated
 */
char *
tx_multi_join (const TxField      *field,
               const char *const  *codes)
{
  GString *s = g_string_new (NULL);

  for (guint c = 0; c < field->n_choices; c++)
    if (g_strv_contains (codes, field->choices[c].code))
      {
        if (s->len)
          g_string_append_c (s, ',');
        g_string_append (s, field->choices[c].code);
      }
  for (guint i = 0; codes[i]; i++)
    if (codes[i][0] && tx_field_choice (field, codes[i]) == NULL)
      {
        if (s->len)
          g_string_append_c (s, ',');
        g_string_append (s, codes[i]);
      }
  if (s->len == 0)
    {
      g_string_free (s, TRUE);
      return NULL;
    }
  return g_string_free (s, FALSE);
}

/**
 * tx_record_input_value:
 * @field: the field
 * @text: a value as a person or another program gives it
 *
 * Brings a value to its storage form where it can be understood: choices
 * given by Chinese or English label become codes, multi choices separated by
 * commas or 、 are ordered, dates in the usual spellings become ISO dates,
 * identity numbers lose spaces and get an upper-case X. A value that cannot
 * be understood is kept as given, for the rules to name the problem.
 *
 * Returns: (transfer full) (nullable): the value to store
 */
char *
tx_record_input_value (const TxField *field,
                       const char    *text)
{
  g_autofree char *s = NULL;

  if (text == NULL)
    return NULL;
  /* digits, letters and punctuation typed with a Chinese input method come
   * full width (１２３，－): NFKC makes them ASCII where that is what the
   * field holds */
  if (field->type == TX_FIELD_DATE || field->type == TX_FIELD_ID18 ||
      field->type == TX_FIELD_PHONE || field->type == TX_FIELD_DIVISION)
    s = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  if (s == NULL)
    s = g_strdup (text);
  g_strstrip (s);
  if (s[0] == 0)
    return NULL;

  switch (field->type)
    {
    case TX_FIELD_CHOICE:
      {
        const TxChoice *c = tx_field_choice_parse (field, s);
        return g_strdup (c ? c->code : s);
      }
    case TX_FIELD_MULTI:
      {
        g_autoptr(GString) norm = g_string_new (s);
        g_auto(GStrv) parts = NULL;

        g_string_replace (norm, "、", ",", 0);
        g_string_replace (norm, "，", ",", 0);
        g_string_replace (norm, ";", ",", 0);
        parts = g_strsplit (norm->str, ",", -1);
        for (guint i = 0; parts[i]; i++)
          {
            const TxChoice *c;

            g_strstrip (parts[i]);
            c = tx_field_choice_parse (field, parts[i]);
            if (c)
              {
                g_free (parts[i]);
                parts[i] = g_strdup (c->code);
              }
          }
        return tx_multi_join (field, (const char * const *) parts);
      }
    case TX_FIELD_DATE:
      {
        char *d = tx_date_normalize (s);
        return d ? d : g_steal_pointer (&s);
      }
    case TX_FIELD_ID18:
      return tx_id_normalize (s);
    case TX_FIELD_PHONE:
      {
        GString *p = g_string_new (NULL);
        for (const char *c = s; *c; c++)
          if (*c != ' ')
            g_string_append_c (p, *c);
        return g_string_free (p, FALSE);
      }
    case TX_FIELD_DIVISION:
    case TX_FIELD_TEXT:
    default:
      return g_steal_pointer (&s);
    }
}

/**
 * tx_record_display_value:
 *
 * Returns: (transfer full): the value as a person reads it in the UI language:
 *   labels for choices (joined with 、), names for divisions
 */
char *
tx_record_display_value (const TxRecord *record,
                         int             field)
{
  const TxField *f = &tx_form_get ()->fields[field];
  const char *v = record->values[field];

  if (v == NULL)
    return g_strdup ("");
  switch (f->type)
    {
    case TX_FIELD_CHOICE:
      {
        const TxChoice *c = tx_field_choice (f, v);
        return g_strdup (c ? tx_choice_label (c) : v);
      }
    case TX_FIELD_MULTI:
      return tx_choice_labels (f->choices, v, tx_ui_is_chinese () ? "、" : ", ");
    case TX_FIELD_DIVISION:
      {
        char *name = tx_division_full_name (v);
        return name ? name : g_strdup (v);
      }
    default:
      return g_strdup (v);
    }
}

/**
 * tx_child_details:
 * @birth_date: (nullable): the child's, ISO
 * @residence_division: (nullable): the village the child lives in
 * @phone: (nullable): the contact phone
 * @today: the day the age is counted on
 * @mask_phone: whether the phone is masked, as lists show it
 *
 * What tells a child from another of the same name, in a line: age,
 * village and contact phone ("8 岁 · 恒安社区 · 138****6677"). Lists mask
 * the phone as they mask identity numbers; the visit dialog, about one
 * child whose family the supervisor may call, shows it in full. The
 * calendar's rows are made with it on the store service's thread.
 *
 * Returns: (transfer full): the line, "" when nothing is known
 */
char *
tx_child_details (const char  *birth_date,
                  const char  *residence_division,
                  const char  *phone,
                  const GDate *today,
                  gboolean     mask_phone)
{
  GString *s = g_string_new (NULL);
  const char *village = tx_division_name (residence_division);
  GDate birth;

  if (tx_date_parse (birth_date, &birth) && tx_date_age_on (&birth, today) >= 0)
    g_string_append_printf (s, _("Age %d"), tx_date_age_on (&birth, today));
  if (village)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", village);
  if (phone && *phone)
    {
      g_autofree char *shown = mask_phone ? tx_phone_mask (phone) : g_strdup (phone);
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", shown);
    }
  return g_string_free (s, FALSE);
}
