/* tx-calendar.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The State Council's holidays and make-up working days (调休) for the years
 * shipped in data/holidays, plus any year file the user loads. A year without
 * data falls back to plain weekends.
 */

#define G_LOG_DOMAIN "tx-calendar"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-holidays.h"
#include "tx-data-resources.h"
#include "tx-date.h"

#define RESOURCE_DIR "/io/github/tongxing/Tongxing/data/holidays/"

G_DEFINE_QUARK (tx-holidays-error-quark, tx_holidays_error)

typedef enum { DAY_OFF = 1, DAY_WORK = 2 } DayKind;

static GMutex lock;
static GHashTable *days;    /* julian day → DayKind */
static GHashTable *years;   /* year → TRUE */

static gboolean
parse_into (const char  *json,
            gsize        length,
            GHashTable  *out_days,
            GHashTable  *out_years,
            GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const struct { const char *member; DayKind kind; } maps[] = {
    { "holidays", DAY_OFF }, { "inLieuDays", DAY_OFF }, { "workdays", DAY_WORK },
  };
  JsonObject *root;

  if (!json_parser_load_from_data (parser, json, length, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      !json_object_has_member ((root = json_node_get_object (json_parser_get_root (parser))), "holidays"))
    {
      g_set_error_literal (error, TX_HOLIDAYS_ERROR, TX_HOLIDAYS_ERROR_INVALID,
                           _("This is not a holiday calendar: it has no “holidays” map."));
      return FALSE;
    }
  for (guint m = 0; m < G_N_ELEMENTS (maps); m++)
    {
      JsonObject *map;
      g_autoptr(GList) members = NULL;

      if (!json_object_has_member (root, maps[m].member))
        continue;
      map = json_object_get_object_member (root, maps[m].member);
      if (map == NULL)
        continue;
      members = json_object_get_members (map);
      for (GList *l = members; l; l = l->next)
        {
          GDate d;
          if (!tx_date_parse (l->data, &d))
            {
              g_set_error (error, TX_HOLIDAYS_ERROR, TX_HOLIDAYS_ERROR_INVALID,
                           _("“%s” in the holiday calendar is not a date."), (char *) l->data);
              return FALSE;
            }
          g_hash_table_insert (out_days, GUINT_TO_POINTER (g_date_get_julian (&d)),
                               GUINT_TO_POINTER (maps[m].kind));
          g_hash_table_add (out_years, GUINT_TO_POINTER (g_date_get_year (&d)));
        }
    }
  return TRUE;
}

static int
compare_years (const guint *a,
               const guint *b)
{
  return (int) *a - (int) *b;
}

static void
ensure_loaded (void)
{
  g_auto(GStrv) names = NULL;

  if (days)
    return;
  days = g_hash_table_new (NULL, NULL);
  years = g_hash_table_new (NULL, NULL);
  names = g_resource_enumerate_children (tx_data_get_resource (), RESOURCE_DIR, 0, NULL);
  for (guint i = 0; names && names[i]; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_DIR, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resource_lookup_data (tx_data_get_resource (), path, 0, NULL);
      g_autoptr(GError) error = NULL;

      if (bytes && !parse_into (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                days, years, &error))
        g_critical ("shipped holiday file %s is bad: %s", names[i], error->message);
    }
}

gboolean
tx_holidays_is_working_day (const GDate *date)
{
  gpointer kind;
  GDateWeekday wd = g_date_get_weekday (date);

  g_mutex_lock (&lock);
  ensure_loaded ();
  kind = g_hash_table_lookup (days, GUINT_TO_POINTER (g_date_get_julian (date)));
  g_mutex_unlock (&lock);

  if (GPOINTER_TO_UINT (kind) == DAY_OFF)
    return FALSE;
  if (GPOINTER_TO_UINT (kind) == DAY_WORK)
    return TRUE;
  return wd != G_DATE_SATURDAY && wd != G_DATE_SUNDAY;
}

gboolean
tx_holidays_has_year (guint year)
{
  gboolean has;

  g_mutex_lock (&lock);
  ensure_loaded ();
  has = g_hash_table_contains (years, GUINT_TO_POINTER (year));
  g_mutex_unlock (&lock);
  return has;
}

/**
 * tx_holidays_check_data:
 * @json: a year file in the shipped format
 *
 * Whether @json is a holiday calendar, without loading it.
 */
gboolean
tx_holidays_check_data (const char  *json,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(GHashTable) new_days = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) new_years = g_hash_table_new (NULL, NULL);

  return parse_into (json, length, new_days, new_years, error);
}

/**
 * tx_holidays_years:
 *
 * Returns: (transfer full): the years with holiday data, in order
 */
GArray *
tx_holidays_years (void)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  GHashTableIter iter;
  gpointer k;

  g_mutex_lock (&lock);
  ensure_loaded ();
  g_hash_table_iter_init (&iter, years);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    {
      guint y = GPOINTER_TO_UINT (k);
      g_array_append_val (out, y);
    }
  g_mutex_unlock (&lock);
  g_array_sort (out, (GCompareFunc) compare_years);
  return out;
}

/**
 * tx_holidays_load_data:
 * @json: a year file in the shipped format
 *
 * Adds the file's days to the calendar; nothing changes if it is invalid.
 */
gboolean
tx_holidays_load_data (const char  *json,
                       gsize        length,
                       GError     **error)
{
  g_autoptr(GHashTable) new_days = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) new_years = g_hash_table_new (NULL, NULL);
  GHashTableIter iter;
  gpointer k, v;

  if (!parse_into (json, length, new_days, new_years, error))
    return FALSE;
  g_mutex_lock (&lock);
  ensure_loaded ();
  g_hash_table_iter_init (&iter, new_days);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (days, k, v);
  g_hash_table_iter_init (&iter, new_years);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_add (years, k);
  g_mutex_unlock (&lock);
  return TRUE;
}

gboolean
tx_holidays_load_file (const char  *path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, error))
    return FALSE;
  if (!tx_holidays_load_data (contents, len, error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}
