/* tx-roster-item.c — one row of the roster, as the columns show it
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-roster-item"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-core.h"
#include "tx-roster-item.h"

struct _TxRosterItem
{
  GObject  parent_instance;

  gint64   rowid;
  char    *id;
  char    *name;
  char    *gender;
  char    *age;
  char    *id_number;
  char    *village;
  char    *category;
  char    *guardianship;
  char    *key_care;
  char    *status;
  char    *status_code;
  char    *next_visit;
  char    *visit_code;    /* "", "overdue" or "urgent" */
  char    *info_update;   /* the information update's due date, "due" on the day, "overdue" after */
  char    *update_code;   /* "", "due" or "overdue" */
  char    *ages_out;      /* "Ages out on …" within a month, shown quietly after the next visit */
};

G_DEFINE_FINAL_TYPE (TxRosterItem, tx_roster_item, G_TYPE_OBJECT)

static void clear_fields (TxRosterItem *self);

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_GENDER,
  PROP_AGE,
  PROP_ID_NUMBER,
  PROP_VILLAGE,
  PROP_CATEGORY,
  PROP_GUARDIANSHIP,
  PROP_KEY_CARE,
  PROP_STATUS,
  PROP_STATUS_CODE,
  PROP_NEXT_VISIT,
  PROP_VISIT_CODE,
  PROP_INFO_UPDATE,
  PROP_UPDATE_CODE,
  PROP_AGES_OUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tx_roster_item_finalize (GObject *object)
{
  TxRosterItem *self = TX_ROSTER_ITEM (object);

  clear_fields (self);

  G_OBJECT_CLASS (tx_roster_item_parent_class)->finalize (object);
}

static void
tx_roster_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TxRosterItem *self = TX_ROSTER_ITEM (object);
  const char *v[] = {
    [PROP_ID] = self->id, [PROP_NAME] = self->name, [PROP_GENDER] = self->gender,
    [PROP_AGE] = self->age, [PROP_ID_NUMBER] = self->id_number, [PROP_VILLAGE] = self->village,
    [PROP_CATEGORY] = self->category, [PROP_GUARDIANSHIP] = self->guardianship,
    [PROP_KEY_CARE] = self->key_care, [PROP_STATUS] = self->status,
    [PROP_STATUS_CODE] = self->status_code,
    [PROP_NEXT_VISIT] = self->next_visit, [PROP_VISIT_CODE] = self->visit_code,
    [PROP_INFO_UPDATE] = self->info_update, [PROP_UPDATE_CODE] = self->update_code,
    [PROP_AGES_OUT] = self->ages_out,
  };

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, v[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
tx_roster_item_class_init (TxRosterItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *const names[] = {
    [PROP_ID] = "id", [PROP_NAME] = "name", [PROP_GENDER] = "gender", [PROP_AGE] = "age",
    [PROP_ID_NUMBER] = "id-number", [PROP_VILLAGE] = "village", [PROP_CATEGORY] = "category",
    [PROP_GUARDIANSHIP] = "guardianship", [PROP_KEY_CARE] = "key-care", [PROP_STATUS] = "status",
    [PROP_STATUS_CODE] = "status-code", [PROP_NEXT_VISIT] = "next-visit",
    [PROP_VISIT_CODE] = "visit-code", [PROP_INFO_UPDATE] = "info-update",
    [PROP_UPDATE_CODE] = "update-code", [PROP_AGES_OUT] = "ages-out",
  };

  object_class->finalize = tx_roster_item_finalize;
  object_class->get_property = tx_roster_item_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TxRosterItem::changed:
   *
   * The item shows another child now.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tx_roster_item_init (TxRosterItem *self)
{
}

static char *
choice_label (const char *key,
              const char *code)
{
  const TxChoice *c = code ? tx_field_choice (tx_form_lookup (key), code) : NULL;

  return g_strdup (c ? tx_choice_label (c) : "");
}

static char *
multi_label (const char *key,
             const char *codes)
{
  g_auto(GStrv) parts = NULL;
  GString *s = g_string_new (NULL);

  if (codes == NULL)
    return g_string_free (s, FALSE);
  parts = g_strsplit (codes, ",", -1);
  for (guint i = 0; parts[i]; i++)
    {
      g_autofree char *l = choice_label (key, parts[i]);
      if (s->len)
        g_string_append (s, tx_ui_is_chinese () ? "、" : ", ");
      g_string_append (s, l);
    }
  return g_string_free (s, FALSE);
}

static void
clear_fields (TxRosterItem *self)
{
  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->gender, g_free);
  g_clear_pointer (&self->age, g_free);
  g_clear_pointer (&self->id_number, g_free);
  g_clear_pointer (&self->village, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->guardianship, g_free);
  g_clear_pointer (&self->key_care, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->status_code, g_free);
  g_clear_pointer (&self->next_visit, g_free);
  g_clear_pointer (&self->visit_code, g_free);
  g_clear_pointer (&self->info_update, g_free);
  g_clear_pointer (&self->update_code, g_free);
  g_clear_pointer (&self->ages_out, g_free);
}

/* A child off the register shows when and why in place of a next visit */
static char *
left_text (const TxChildRow *row,
           const char       *transferred_to)
{
  const char *day = row->exit_date ? row->exit_date : "?";

  if (g_strcmp0 (row->register_state, TX_REGISTER_TRANSFERRED) == 0)
    /* Translators: in the roster's column of next visits: the township a child moved to, and the day */
    return g_strdup_printf (_("Transferred to %s on %s"), transferred_to ? transferred_to : "?", day);
  /* Translators: in the roster's column of next visits: the day a child left the register, and why */
  return g_strdup_printf (_("Left %s: %s"), day, tx_exit_reason_label (row->exit_reason));
}

/* An active child who leaves the register by age within a month, or is
 * past the age limit and held by an open urgent case */
static char *
ages_out_text (const TxChildRow *row,
               const GDate      *today)
{
  GDate day;
  int days;

  if (row->ages_out == NULL || !tx_date_parse (row->ages_out, &day))
    return g_strdup ("");
  days = g_date_days_between (today, &day);
  if (days > 31)
    return g_strdup ("");
  if (days <= 0)
    return g_strdup_printf (_("Past the age limit since %s"), row->ages_out);
  return g_strdup_printf (_("Ages out on %s"), row->ages_out);
}

/**
 * tx_roster_item_set_row:
 * @transferred_to: (nullable): the township a child transferred away
 *   moved to, in words
 * @today: the day ages are counted on
 * @reveal_id: whether the identity number is shown in full
 *
 * Shows another child in the same item: the list keeps its row widget and
 * the cells bound to the item follow TxRosterItem::changed.
 */
void
tx_roster_item_set_row (TxRosterItem     *self,
                        const TxChildRow *row,
                        const char       *transferred_to,
                        const GDate      *today,
                        gboolean          reveal_id)
{
  const char *village = tx_division_name (row->residence_division);
  GDate birth;

  clear_fields (self);
  self->rowid = row->rowid;
  self->id = g_strdup (row->id);
  self->name = g_strdup (row->name ? row->name : "");
  self->gender = choice_label ("gender", row->gender);
  self->age = tx_date_parse (row->birth_date, &birth) && tx_date_age_on (&birth, today) >= 0
                ? g_strdup_printf ("%d", tx_date_age_on (&birth, today)) : g_strdup ("");
  self->id_number = reveal_id ? g_strdup (row->id_number ? row->id_number : "")
                              : (row->id_number ? tx_id_mask (row->id_number) : g_strdup (""));
  self->village = g_strdup (village ? village : "");
  self->category = multi_label ("child_category", row->category);
  self->guardianship = choice_label ("guardianship", row->guardianship);
  self->key_care = g_strdup (row->key_care ? _("Key care") : "");
  {
    /* worked out on today: a child ages out while the record stays as it was */
    TxStatus status = tx_status_of (row->draft, row->complete, row->eligible, row->ages_out);

    self->status = g_strdup (tx_status_label (status));
    /* the style classes name them with hyphens */
    self->status_code = g_strdelimit (g_strdup (tx_status_code (status)), "_", '-');
  }

  /* the next home visit, and whether it is late or the child urgent: in
   * words, not colour alone */
  {
    g_autofree char *today_iso = tx_date_format (today);
    gboolean overdue = row->next_visit_due && strcmp (row->next_visit_due, today_iso) < 0;
    const char *due = row->next_visit_due ? row->next_visit_due : "";
    gboolean left = row->register_state && !g_str_equal (row->register_state, TX_REGISTER_ACTIVE);

    self->ages_out = left ? g_strdup ("") : ages_out_text (row, today);
    if (left)
      self->next_visit = left_text (row, transferred_to), self->visit_code = g_strdup ("");
    else if (row->urgent)
      self->next_visit = g_strdup_printf (_("Urgent · %s"), due), self->visit_code = g_strdup ("urgent");
    else if (overdue)
      self->next_visit = g_strdup_printf (_("%s overdue"), due), self->visit_code = g_strdup ("overdue");
    else
      self->next_visit = g_strdup (due), self->visit_code = g_strdup ("");

    /* the information update, apart from the visits: due today, and past
     * its day overdue, in the visits' words */
    if (row->info_refresh_due && strcmp (row->info_refresh_due, today_iso) < 0)
      self->info_update = g_strdup_printf (_("%s overdue"), row->info_refresh_due),
      self->update_code = g_strdup ("overdue");
    else if (row->info_refresh_due && strcmp (row->info_refresh_due, today_iso) == 0)
      self->info_update = g_strdup_printf (_("%s due"), row->info_refresh_due), self->update_code = g_strdup ("due");
    else
      self->info_update = g_strdup (row->info_refresh_due ? row->info_refresh_due : ""),
      self->update_code = g_strdup ("");
  }
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * tx_roster_item_clear:
 *
 * Shows nothing: a row on its way out of the list (see TxRosterModel).
 */
void
tx_roster_item_clear (TxRosterItem *self)
{
  char **fields[] = {
    &self->id, &self->name, &self->gender, &self->age, &self->id_number, &self->village,
    &self->category, &self->guardianship, &self->key_care, &self->status, &self->status_code,
    &self->next_visit, &self->visit_code, &self->info_update, &self->update_code, &self->ages_out,
  };

  clear_fields (self);
  self->rowid = 0;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    *fields[i] = g_strdup ("");
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * tx_roster_item_new_blank:
 *
 * Returns: (transfer full): an item that shows nothing
 */
TxRosterItem *
tx_roster_item_new_blank (void)
{
  TxRosterItem *self = g_object_new (TX_TYPE_ROSTER_ITEM, NULL);

  tx_roster_item_clear (self);
  return self;
}

/**
 * tx_roster_item_new:
 *
 * Returns: (transfer full): the item
 */
TxRosterItem *
tx_roster_item_new (const TxChildRow *row,
                    const char       *transferred_to,
                    const GDate      *today,
                    gboolean          reveal_id)
{
  TxRosterItem *self = g_object_new (TX_TYPE_ROSTER_ITEM, NULL);

  tx_roster_item_set_row (self, row, transferred_to, today, reveal_id);
  return self;
}

const char *
tx_roster_item_get_id (TxRosterItem *self)
{
  return self->id;
}

const char *
tx_roster_item_get_name (TxRosterItem *self)
{
  return self->name;
}

gint64
tx_roster_item_get_rowid (TxRosterItem *self)
{
  return self->rowid;
}
