/* tx-form.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * TxFieldType:
 *
 * What kind of value a field of the registration form holds.
 */
typedef enum {
  TX_FIELD_TEXT,      /* free text of at most max_len characters */
  TX_FIELD_DATE,      /* ISO 8601 date, YYYY-MM-DD */
  TX_FIELD_CHOICE,    /* exactly one code of the choices */
  TX_FIELD_MULTI,     /* any codes of the choices, stored comma separated in declaration order */
  TX_FIELD_DIVISION,  /* GB/T 2260 code of max_len digits */
  TX_FIELD_ID18,      /* 18-character resident identity number */
  TX_FIELD_PHONE,     /* mainland mobile or landline with area code */
} TxFieldType;

typedef enum {
  TX_CHOICE_MANUAL  = 0,
  TX_CHOICE_DERIVED = 1 << 0,  /* ticked by a rule, never by hand */
  TX_CHOICE_BY_HAND_IF_WARNED = 1 << 1,  /* derived, and may also be ticked by hand while the
                                          * rules warn that it may hold */
} TxChoiceFlags;

typedef struct {
  const char    *code;  /* stable public code, used in JSON and storage */
  const char    *zh;
  const char    *en;
  TxChoiceFlags  flags;
} TxChoice;

typedef enum {
  TX_COND_EQ,   /* FIELD = CODE */
  TX_COND_IN,   /* FIELD in CODE|CODE|… */
  TX_COND_HAS,  /* FIELD has CODE (a multi field includes the code) */
} TxConditionOp;

typedef struct {
  TxConditionOp   op;
  int             field;   /* index of the field tested */
  char          **codes;   /* NULL-terminated */
} TxCondition;

typedef struct {
  const char *key;
  const char *zh;
  const char *en;
} TxSection;

typedef struct _TxField TxField;

struct _TxField {
  const char     *key;
  const char     *zh;
  const char     *en;
  TxFieldType     type;
  guint           max_len;        /* characters of text, digits of a division */
  const TxChoice *choices;        /* terminated by a choice with a NULL code */
  gboolean        required;       /* required for a complete record */
  gboolean        derived;        /* computed by the rules, never typed */
  const char     *applies_when;   /* condition text, or NULL: always applies */
  const char     *required_when;  /* condition text that makes it required, or NULL */
  const char     *default_code;   /* value of a new record, or NULL */
  const char     *note;           /* English explanation for the user (translated) */

  /* Filled in by tx_form_get() */
  int             index;
  int             section;
  guint           n_choices;
  TxCondition    *applies;
  TxCondition    *required_if;
};

typedef struct {
  const TxSection *sections;
  guint            n_sections;
  const TxField   *fields;
  guint            n_fields;
} TxForm;

const TxForm    *tx_form_get              (void);
const TxField   *tx_form_lookup           (const char     *key);
int              tx_form_index            (const char     *key);
const TxChoice  *tx_field_choice          (const TxField  *field,
                                           const char     *code);
const TxChoice  *tx_field_choice_parse    (const TxField  *field,
                                           const char     *text);
int              tx_field_choice_position (const TxField  *field,
                                           const char     *code);
const char      *tx_field_label           (const TxField  *field);
const char      *tx_choice_label          (const TxChoice *choice);
const TxChoice  *tx_choice_find           (const TxChoice *choices,
                                           const char     *code);
char            *tx_choice_labels         (const TxChoice *choices,
                                           const char     *codes,
                                           const char     *separator);
const char      *tx_section_label         (const TxSection *section);
const char      *tx_field_type_name       (TxFieldType     type);
gboolean         tx_ui_is_chinese         (void);
char            *tx_form_describe_json    (void);

/* Frequently used field indexes, resolved once */
#define TX_F(key) (tx_form_index (key))

G_END_DECLS
