/* tx-store-settings.c — the settings table: the reporting unit, the schedule, the holidays, the staff
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-register.h"
#include "tx-store-versions.h"

/* The holiday calendars loaded into this store, newer than the shipped ones */
gboolean
tx_store_read_holidays (TxStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT key, value FROM settings "
                                               "WHERE key >= 'holidays:' AND key < 'holidays;'", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GError) bad = NULL;

      /* checked when it was loaded; a bad one is left out, not fatal */
      if (!tx_holidays_load_data ((const char *) sqlite3_column_text (stmt, 1),
                                  sqlite3_column_bytes (stmt, 1), &bad))
        g_warning ("holiday calendar %s: %s", sqlite3_column_text (stmt, 0), bad->message);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}


/* The reporting unit, as this connection last read it */
void
tx_store_read_unit (TxStore *self)
{
  self->settings_version = tx_store_data_version (self);
  g_free (self->county);
  self->county = tx_store_get_setting (self, TX_SETTING_COUNTY);
  g_free (self->township);
  self->township = tx_store_get_setting (self, TX_SETTING_TOWNSHIP);
}

/* Another connection (the first-run setup on another thread, tongxing-cli
 * init) may have set the workstation up since this one read it. Inside a
 * transaction nothing can change under it. */
void
tx_store_refresh_unit (TxStore *self)
{
  if (self->depth == 0 && tx_store_data_version (self) != self->settings_version)
    tx_store_read_unit (self);
}

gboolean
tx_store_load_settings (TxStore  *self,
                        GError  **error)
{
  g_free (self->station_id);
  self->station_id = tx_store_get_setting (self, TX_SETTING_STATION_ID);
  if (self->station_id == NULL)
    {
      g_autofree char *fresh = g_uuid_string_random ();
      sqlite3_stmt *stmt = tx_store_prepare (self, "INSERT INTO settings (key, value) VALUES "
                                                   "('station_id', ?1) ON CONFLICT (key) DO NOTHING",
                                             error);

      /* two connections may make a new file at once: the first id stays */
      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, fresh);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
      self->station_id = tx_store_get_setting (self, TX_SETTING_STATION_ID);
    }
  tx_store_read_unit (self);
  return tx_store_read_holidays (self, error);
}

/* Change notification. SQLite tells of every row written to a table with
 * row ids; the tables without them (settings, services, stations, urgent
 * cases) are marked by the functions that write them, with tx_store_changed().
 * Once a commit is durable the WAL hook hands what it changed to the
 * monitor. */

/* Settings */

static const char *const setting_keys[] = {
  [TX_SETTING_COUNTY] = "county",
  [TX_SETTING_TOWNSHIP] = "township",
  [TX_SETTING_STATION_NAME] = "station_name",
  [TX_SETTING_STATION_ID] = "station_id",
  [TX_SETTING_SUPERVISOR] = "supervisor",
  [TX_SETTING_DIRECTORS] = "directors",
  [TX_SETTING_EDITOR] = "editor",
  [TX_SETTING_AUTOSAVE] = "autosave",
  [TX_SETTING_SIGN_PK] = "sign_pk",
  [TX_SETTING_BOX_PK] = "box_pk",
};

G_STATIC_ASSERT (G_N_ELEMENTS (setting_keys) == TX_SETTING_BOX_PK + 1);

/**
 * tx_setting_key:
 *
 * Returns: the key @setting is kept under in the settings table
 */
const char *
tx_setting_key (TxSetting setting)
{
  g_return_val_if_fail (setting < G_N_ELEMENTS (setting_keys), NULL);
  return setting_keys[setting];
}

/**
 * tx_store_get_setting:
 *
 * Returns: (transfer full) (nullable): the setting's value; %NULL when it
 *   was never given
 */
char *
tx_store_get_setting (TxStore   *self,
                      TxSetting  setting)
{
  return tx_store_get_setting_by_key (self, tx_setting_key (setting));
}

/**
 * tx_store_set_setting:
 * @value: (nullable): the new value; %NULL removes it
 *
 * Sets a setting, in the caller's transaction if there is one.
 */
gboolean
tx_store_set_setting (TxStore     *self,
                      TxSetting    setting,
                      const char  *value,
                      GError     **error)
{
  /* the form's autosave is everybody's; the workstation's settings are not */
  if (setting != TX_SETTING_AUTOSAVE && setting != TX_SETTING_EDITOR &&
      !tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;
  return tx_store_set_setting_by_key (self, tx_setting_key (setting), value, error);
}

/* Any setting by its key: the schedule's, the holidays', the sync clock's */
char *
tx_store_get_setting_by_key (TxStore    *self,
                             const char *key)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", NULL);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Writes a setting a person changes with its audit entry, which names the
 * key, not the value; a value written again as it was is no change */
static gboolean
audit_setting (TxStore       *self,
               sqlite3_stmt  *stmt,
               const char    *key,
               const char    *value,
               GError       **error)
{
  g_autofree char *before = tx_store_get_setting_by_key (self, key);
  g_autoptr(JsonObject) detail = NULL;
  int depth = tx_store_get_depth (self);

  if (g_strcmp0 (before, value) == 0)
    return tx_store_step_done (self, stmt, error);
  detail = json_object_new ();
  json_object_set_string_member (detail, "key", key);
  if (!tx_store_begin (self, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  if (!tx_store_step_done (self, stmt, error) || !tx_store_audit (self, "settings.change", NULL, detail, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}

gboolean
tx_store_set_setting_by_key (TxStore     *self,
                             const char  *key,
                             const char  *value,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  if (value == NULL)
    stmt = tx_store_prepare (self, "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = tx_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?1, ?2) "
                                   "ON CONFLICT (key) DO UPDATE SET value = ?2", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, key);
  if (value)
    tx_store_bind_text (stmt, 2, value);
  /* the form's autosave and the sync clock and counter change with every
   * keystroke or record, the last backup's result with every backup:
   * nobody else's business */
  if (g_str_equal (key, "autosave") || g_str_has_prefix (key, "sync_") || g_str_equal (key, "backup_last"))
    return tx_store_step_done (self, stmt, error);
  tx_store_changed (self, TX_STORE_CHANGE_SETTINGS);
  return audit_setting (self, stmt, key, value, error);
}

const char *
tx_store_get_station_id (TxStore *self)
{
  return self->station_id;
}

gboolean
tx_store_is_set_up (TxStore *self)
{
  tx_store_refresh_unit (self);
  return self->county != NULL;
}

void
tx_store_rules_context (TxStore        *self,
                        TxRulesContext *ctx)
{
  tx_store_refresh_unit (self);
  tx_rules_context_init (ctx, self->county, self->township);
  tx_store_get_age_limits (self, &ctx->limits);
}

/**
 * tx_store_init_workstation:
 * @county: six-digit county code
 * @township: (nullable): nine-digit township code in @county; %NULL for a county office
 * @name: (nullable): the workstation's name
 *
 * Sets the reporting unit. A store that holds children keeps its county.
 * Setting a workstation up also makes its keys: use
 * tx_station_init_workstation(), which does both.
 */
gboolean
tx_store_init_workstation (TxStore     *self,
                           const char  *county,
                           const char  *township,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *default_name = NULL;
  int depth;

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (county == NULL || strlen (county) != 6 || tx_division_lookup (county) == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("“%s” is not a county code of GB/T 2260. Give the six-digit code of the "
                     "county, district or county-level city, such as 220102."),
                   county ? county : "");
      return FALSE;
    }
  if (township && (strlen (township) != 9 || tx_division_lookup (township) == NULL))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("“%s” is not a township code of GB/T 2260. Give the nine-digit code of "
                     "the township or street, such as 220102001."), township);
      return FALSE;
    }
  if (township && !g_str_has_prefix (township, county))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("Township %s (%s) does not belong to county %s (%s)."),
                   township, tx_division_name (township), county, tx_division_name (county));
      return FALSE;
    }
  if (self->county && !g_str_equal (self->county, county) &&
      tx_store_child_count (self, &(TxChildQuery) { 0 }, NULL) > 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_SETTINGS,
                   _("This database holds children registered for county %s; it cannot be "
                     "moved to another county. Use a new database for county %s."),
                   self->county, county);
      return FALSE;
    }

  if (name == NULL)
    name = default_name = tx_division_path_name (township ? township : county, TX_DIVISION_COUNTY);

  depth = self->depth;
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_set_setting (self, TX_SETTING_COUNTY, county, error) ||
      !tx_store_set_setting (self, TX_SETTING_TOWNSHIP, township, error) ||
      !tx_store_set_setting (self, TX_SETTING_STATION_NAME, name, error) ||
      /* the people who run the station: a county's are county officers, a
       * township's supervisors (the first account is made before the
       * station knows which it is) */
      !tx_store_exec (self, township && *township
                                  ? "UPDATE account SET role = 'supervisor' WHERE role = 'officer'"
                                  : "UPDATE account SET role = 'officer' WHERE role = 'supervisor'", error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  if (self->session && tx_session_get_role (self->session) != TX_ROLE_DIRECTOR)
    tx_session_set_account (self->session, township && *township ? TX_ROLE_SUPERVISOR : TX_ROLE_OFFICER,
                            tx_session_get_villages (self->session));
  return tx_store_load_settings (self, error);
}

/**
 * tx_store_read_int_settings:
 * @values: a struct of ints, holding the defaults
 *
 * Reads each of @keys into its member of @values; a setting that is not a
 * number within its bounds keeps the default.
 */
void
tx_store_read_int_settings (TxStore             *self,
                            const TxIntSetting  *keys,
                            guint                n_keys,
                            gpointer             values)
{
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *v = tx_store_get_setting_by_key (self, keys[i].key);
      gint64 n;

      if (v && g_ascii_string_to_signed (v, 10, keys[i].min, keys[i].max, &n, NULL))
        G_STRUCT_MEMBER (int, values, keys[i].offset) = n;
    }
}

/**
 * tx_store_int_setting_out_of_bounds:
 *
 * Returns: (nullable): the first of @keys whose member of @values is out
 *   of its bounds, for the caller to say so; %NULL if none is
 */
const TxIntSetting *
tx_store_int_setting_out_of_bounds (const TxIntSetting  *keys,
                                    guint                n_keys,
                                    gconstpointer        values)
{
  for (guint i = 0; i < n_keys; i++)
    {
      int v = G_STRUCT_MEMBER (int, values, keys[i].offset);

      if (v < keys[i].min || v > keys[i].max)
        return &keys[i];
    }
  return NULL;
}

/* Writes each of @keys from its member of @values, in the caller's
 * transaction */
gboolean
tx_store_write_int_settings (TxStore             *self,
                             const TxIntSetting  *keys,
                             guint                n_keys,
                             gconstpointer        values,
                             GError             **error)
{
  for (guint i = 0; i < n_keys; i++)
    {
      g_autofree char *v = g_strdup_printf ("%d", G_STRUCT_MEMBER (int, values, keys[i].offset));

      if (!tx_store_set_setting_by_key (self, keys[i].key, v, error))
        return FALSE;
    }
  return TRUE;
}

/* The bounds of each schedule setting, in its unit */
static const TxIntSetting schedule_keys[] = {
  { "visit_good_months", G_STRUCT_OFFSET (TxScheduleSettings, good_months), 1, 12 },
  { "visit_average_months", G_STRUCT_OFFSET (TxScheduleSettings, average_months), 1, 12 },
  { "visit_key_care_days", G_STRUCT_OFFSET (TxScheduleSettings, key_care_days), 1, 90 },
  { "first_visit_days", G_STRUCT_OFFSET (TxScheduleSettings, first_visit_days), 1, 90 },
};

void
tx_store_get_schedule_settings (TxStore            *self,
                                TxScheduleSettings *settings)
{
  tx_schedule_settings_init (settings);
  tx_store_read_int_settings (self, schedule_keys, G_N_ELEMENTS (schedule_keys), settings);
}

/* Works out every child's next home visit again, in the caller's transaction */
static gboolean
reschedule_all (TxStore                  *self,
                const TxScheduleSettings *settings,
                GError                  **error)
{
  sqlite3_stmt *read, *write;
  int rc;

  read = tx_store_prepare (self,
      "SELECT rowid, f_guardianship, f_key_care, f_registration_date, last_home_visit, register_value "
      "FROM child WHERE deleted = 0 AND register = 'active' AND f_registration_date IS NOT NULL", error);
  if (read == NULL)
    return FALSE;
  write = tx_store_prepare (self, "UPDATE child SET next_visit_due = ?2 WHERE rowid = ?1", NULL);
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *registered = (const char *) sqlite3_column_text (read, 3);
      const char *visited = (const char *) sqlite3_column_text (read, 4);
      GDate reg, visit, due;
      gboolean have_visit = visited && tx_date_parse (visited, &visit);
      char due_iso[11];

      if (!tx_date_parse (registered, &reg))
        continue;
      tx_store_register_schedule_base ((const char *) sqlite3_column_text (read, 5), &reg, &visit, &have_visit);
      tx_schedule_next_visit (settings, (const char *) sqlite3_column_text (read, 1),
                              g_strcmp0 ((const char *) sqlite3_column_text (read, 2), "yes") == 0,
                              &reg, have_visit ? &visit : NULL, &due);
      g_snprintf (due_iso, sizeof due_iso, "%04u-%02u-%02u", g_date_get_year (&due),
                  g_date_get_month (&due), g_date_get_day (&due));
      sqlite3_bind_int64 (write, 1, sqlite3_column_int64 (read, 0));
      sqlite3_bind_text (write, 2, due_iso, -1, SQLITE_TRANSIENT);
      if (!tx_store_step_done (self, write, error))
        {
          sqlite3_reset (read);
          return FALSE;
        }
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_set_schedule_settings:
 * @settings: the new intervals
 *
 * Stores the intervals between visits and works out every child's next
 * visit again with them, in one transaction: either everyone follows the
 * new intervals or nothing changed.
 *
 * Returns: %TRUE if saved
 */
gboolean
tx_store_set_schedule_settings (TxStore                  *self,
                                const TxScheduleSettings *settings,
                                GError                  **error)
{
  const TxIntSetting *bad = tx_store_int_setting_out_of_bounds (schedule_keys, G_N_ELEMENTS (schedule_keys),
                                                                settings);

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (bad)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   /* Translators: a schedule setting, its value and its bounds */
                   _("%s must be between %d and %d, not %d."), bad->key,
                   bad->min, bad->max, G_STRUCT_MEMBER (int, settings, bad->offset));
      return FALSE;
    }

  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_write_int_settings (self, schedule_keys, G_N_ELEMENTS (schedule_keys), settings, error))
    goto fail;

  if (!reschedule_all (self, settings, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_load_holidays:
 * @json: a holiday calendar in the shipped format (a year's holidays,
 *   make-up working days and days in lieu)
 * @length: its length, or -1
 *
 * Adds a newer official holiday calendar: kept in the store, so it holds
 * for every later start, and every child's next visit worked out again
 * with it. A file that is not a holiday calendar changes nothing.
 */
gboolean
tx_store_load_holidays (TxStore     *self,
                        const char  *json,
                        gssize       length,
                        GError     **error)
{
  g_autofree char *key = NULL;
  g_autofree char *copy = NULL;
  TxScheduleSettings settings;

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (length < 0)
    length = strlen (json);
  copy = g_strndup (json, length);
  /* checked before anything is stored */
  if (!tx_holidays_check_data (copy, length, error))
    return FALSE;
  {
    g_autofree char *sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, copy, length);
    key = g_strconcat ("holidays:", sum, NULL);
  }
  if (!tx_store_begin (self, error))
    return FALSE;
  /* the days are needed to reschedule; should the transaction fail, this
   * process keeps them until it ends, the store does not */
  if (!tx_store_set_setting_by_key (self, key, copy, error) || !tx_holidays_load_data (copy, length, error))
    goto fail;
  tx_store_get_schedule_settings (self, &settings);
  if (!reschedule_all (self, &settings, error))
    goto fail;
  return tx_store_commit (self, error);

fail:
  tx_store_rollback (self);
  return FALSE;
}

/**
 * tx_store_get_worker:
 *
 * Who is at work at this workstation, for a record of what was done
 * (an export, an import, a list, a comparison): the person logged in.
 *
 * Returns: (transfer full) (nullable): the name, possibly ""
 */
char *
tx_store_get_worker (TxStore *self)
{
  g_autofree char *editor = NULL;

  /* the person logged in */
  if (self->session)
    return g_strdup (tx_session_get_name (self->session));
  editor = tx_store_get_setting (self, TX_SETTING_EDITOR);
  return editor && *editor ? g_steal_pointer (&editor) : tx_store_get_setting (self, TX_SETTING_SUPERVISOR);
}

/**
 * tx_store_get_staff:
 *
 * The people of this workstation who visit children: the supervisor, then
 * the directors, as set up (names separated by commas, 、 or spaces).
 *
 * Returns: (transfer full): the names, none twice
 */
GStrv
tx_store_get_staff (TxStore *self)
{
  g_autofree char *supervisor = tx_store_get_setting (self, TX_SETTING_SUPERVISOR);
  g_autofree char *directors = tx_store_get_setting (self, TX_SETTING_DIRECTORS);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *all = g_strjoin (",", supervisor ? supervisor : "", directors ? directors : "", NULL);
  g_auto(GStrv) names = g_regex_split_simple ("[,，、;；\\s]+", all, 0, 0);

  for (guint i = 0; names[i]; i++)
    {
      if (*names[i] == 0 || g_ptr_array_find_with_equal_func (seen, names[i], g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, g_strdup (names[i]));
      g_strv_builder_add (builder, names[i]);
    }
  return g_strv_builder_end (builder);
}
