/* tx-store-services.c — the care-service list (the service table)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"
#include "tx-visit.h"

/* The six headings of the provinces' base lists of care services */
static const TxChoice groups[] = {
  { "early_childhood", "幼有所育", N_("Care of the very young") },
  { "education",       "学有所教", N_("Education") },
  { "health",          "病有所医", N_("Health care") },
  { "housing",         "住有所居", N_("Housing") },
  { "vulnerable",      "弱有所扶", N_("Support for the vulnerable") },
  { "development",     "发展保障", N_("Development") },
  { NULL }
};

/* The examples the seeds name; a township adds its own and retires old ones */
static const struct { const char *id, *group, *zh, *en; } seed_services[] = {
  { "childcare_places", "early_childhood", "普惠性托育服务和学前教育学位", "Inclusive childcare and kindergarten places" },
  { "family_education", "early_childhood", "家庭教育指导", "Family-education guidance" },
  { "school_enrolment", "education", "义务教育阶段入学", "Compulsory-school enrolment" },
  { "dropout_return", "education", "控辍保学、劝返复学", "Bringing dropouts back to school" },
  { "education_aid", "education", "教育资助", "Education aid" },
  { "vaccination", "health", "国家免疫规划疫苗接种", "National-programme vaccination" },
  { "resident_insurance", "health", "居住地参加城乡居民医保及异地就医直接结算", "Residents' insurance at the place of residence and cross-region settlement" },
  { "medical_assistance", "health", "医疗救助", "Medical assistance" },
  { "rehab_assistance", "health", "残疾儿童康复救助", "Rehabilitation assistance for disabled children" },
  { "rent_support", "housing", "公租房保障或租赁补贴", "Public rental housing or rent subsidy" },
  { "temporary_assistance", "vulnerable", "临时救助", "Temporary assistance" },
  { "orphan_allowance", "vulnerable", "孤儿和事实无人抚养儿童基本生活保障", "Living allowance for orphans and de-facto unsupported children" },
  { "disability_subsidies", "vulnerable", "残疾人两项补贴", "Two disability subsidies" },
  { "psychological_care", "vulnerable", "心理关爱和转介", "Psychological care and referral" },
  { "legal_aid", "vulnerable", "法律援助", "Legal aid" },
  { "cultural_venues", "development", "博物馆、图书馆等公共文化场馆免费开放", "Free museums, libraries and cultural venues" },
  { "city_integration", "development", "城市融入活动", "City-integration activities" },
  { "safety_education", "development", "安全教育", "Safety education" },
};

const TxChoice *
tx_service_groups (void)
{
  return groups;
}

/* Migration 5 puts the base list in */
gboolean
tx_store_seed_services (TxStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *now = tx_store_now_iso ();
  int rc = SQLITE_OK;

  if (sqlite3_prepare_v2 (tx_store_get_db (self),
                          "INSERT OR IGNORE INTO service (id, grp, zh, en, position, updated_at, station) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'seed')", -1, &stmt, NULL) != SQLITE_OK)
    return tx_store_set_error (self, sqlite3_errcode (tx_store_get_db (self)), error);
  for (guint i = 0; i < G_N_ELEMENTS (seed_services) && rc != SQLITE_ERROR; i++)
    {
      tx_store_bind_text (stmt, 1, seed_services[i].id);
      tx_store_bind_text (stmt, 2, seed_services[i].group);
      tx_store_bind_text (stmt, 3, seed_services[i].zh);
      tx_store_bind_text (stmt, 4, seed_services[i].en);
      sqlite3_bind_int (stmt, 5, i);
      tx_store_bind_text (stmt, 6, now);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

void
tx_service_free (TxService *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->group);
  g_free (s->zh);
  g_free (s->en);
  g_free (s);
}

/**
 * tx_service_label:
 *
 * Returns: the service's name in the language shown: Chinese, or English
 *   when the service has an English name
 */
const char *
tx_service_label (const TxService *s)
{
  return tx_ui_is_chinese () || s->en == NULL || *s->en == 0 ? s->zh : s->en;
}

static gpointer
read_service (sqlite3_stmt *stmt)
{
  TxService *s = g_new0 (TxService, 1);
  s->id = tx_store_column_text (stmt, 0);
  s->group = tx_store_column_text (stmt, 1);
  s->zh = tx_store_column_text (stmt, 2);
  s->en = tx_store_column_text (stmt, 3);
  s->retired = sqlite3_column_int (stmt, 4);
  return s;
}

/**
 * tx_store_services:
 * @retired: whether to list retired services too
 *
 * Returns: (transfer full) (element-type TxService): the list, by heading
 */
GPtrArray *
tx_store_services (TxStore   *self,
                   gboolean   retired,
                   GError   **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT id, grp, zh, en, retired FROM service WHERE retired = 0 OR ?1 "
      "ORDER BY CASE grp WHEN 'early_childhood' THEN 0 WHEN 'education' THEN 1 WHEN 'health' THEN 2 "
      "WHEN 'housing' THEN 3 WHEN 'vulnerable' THEN 4 ELSE 5 END, position, id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, retired);
  return tx_store_collect (self, stmt, (TxRowReader) read_service,
                           (GDestroyNotify) tx_service_free, error);
}

gboolean
tx_store_care_service_usable (TxStore    *self,
                              const char *id)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT retired FROM service WHERE id = ?1", NULL);
  gboolean ok = FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ok = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return ok;
}

static gboolean
known_group (const char *group)
{
  for (guint i = 0; groups[i].code; i++)
    if (g_strcmp0 (groups[i].code, group) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
check_service_name (const char  *zh,
                    GError     **error)
{
  if (zh == NULL || *zh == 0 || g_utf8_strlen (zh, -1) > 60)
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                           _("A service needs a name of at most 60 characters."));
      return FALSE;
    }
  return TRUE;
}

/**
 * tx_store_care_service_add:
 * @group: one of tx_service_groups()
 * @zh: the name printed on forms and reports
 * @en: (nullable): the name in English
 *
 * Returns: (transfer full) (nullable): the new service's id
 */
char *
tx_store_care_service_add (TxStore     *self,
                      const char  *group,
                      const char  *zh,
                      const char  *en,
                      GError     **error)
{
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt;

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return NULL;

  if (!known_group (group))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("“%s” is not one of the six headings: early_childhood, education, health, "
                     "housing, vulnerable, development."), group ? group : "");
      return NULL;
    }
  if (!check_service_name (zh, error))
    return NULL;
  stmt = tx_store_prepare (self, "INSERT INTO service (id, grp, zh, en, position, updated_at, station) "
                                 "VALUES (?1, ?2, ?3, ?4, (SELECT coalesce (max (position), 0) + 1 FROM service), "
                                 "?5, ?6)", error);
  if (stmt == NULL)
    return NULL;
  tx_store_changed (self, TX_STORE_CHANGE_SETTINGS);
  tx_store_bind_text (stmt, 1, id);
  tx_store_bind_text (stmt, 2, group);
  tx_store_bind_text (stmt, 3, zh);
  tx_store_bind_text (stmt, 4, en ? en : "");
  tx_store_bind_text (stmt, 5, now);
  tx_store_bind_text (stmt, 6, tx_store_get_station_id (self));
  if (!tx_store_step_done (self, stmt, error) || !tx_store_touch (self, "service", id, NULL, error))
    return NULL;
  return g_steal_pointer (&id);
}

static gboolean
change_service (TxStore            *self,
                const char         *sql,
                const char         *id,
                const char         *a,
                const char         *b,
                int                 flag,
                const char *const  *fields,
                GError            **error)
{
  g_autofree char *now = tx_store_now_iso ();
  sqlite3_stmt *stmt = tx_store_prepare (self, sql, error);

  tx_store_changed (self, TX_STORE_CHANGE_SETTINGS);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  tx_store_bind_text (stmt, 2, a);
  tx_store_bind_text (stmt, 3, b);
  sqlite3_bind_int (stmt, 4, flag);
  tx_store_bind_text (stmt, 5, now);
  tx_store_bind_text (stmt, 6, tx_store_get_station_id (self));
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (tx_store_get_db (self)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No service with id %s is in the list; see “services list --all”."), id);
      return FALSE;
    }
  return tx_store_touch (self, "service", id, fields, error);
}

/**
 * tx_store_care_service_rename:
 * @en: (nullable): the name in English, or %NULL to keep it
 */
gboolean
tx_store_care_service_rename (TxStore     *self,
                         const char  *id,
                         const char  *zh,
                         const char  *en,
                         GError     **error)
{
  static const char *const fields[] = { "zh", "en", NULL };

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (!check_service_name (zh, error))
    return FALSE;
  return change_service (self, "UPDATE service SET zh = ?2, en = coalesce (?3, en), updated_at = ?5, "
                               "station = ?6 WHERE id = ?1", id, zh, en, 0, fields, error);
}

/**
 * tx_store_care_service_retire:
 * @retired: %TRUE to retire, %FALSE to bring back
 *
 * A retired service keeps its place in the visits that gave it; new visits
 * cannot choose it.
 */
gboolean
tx_store_care_service_retire (TxStore     *self,
                         const char  *id,
                         gboolean     retired,
                         GError     **error)
{
  static const char *const fields[] = { "retired", NULL };

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  return change_service (self, "UPDATE service SET retired = ?4, updated_at = ?5, station = ?6 "
                               "WHERE id = ?1", id, NULL, NULL, retired, fields, error);
}

/**
 * tx_store_care_service_delete:
 *
 * Removes a service that no visit has recorded; a used one can only be retired.
 */
gboolean
tx_store_care_service_delete (TxStore     *self,
                         const char  *id,
                         GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT 1 FROM visit WHERE instr (',' || services || ',', ',' || ?1 || ',') > 0 LIMIT 1", error);
  gboolean used;

  if (!tx_store_require (self, TX_PERMISSION_SETTINGS, error))
    return FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  used = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (used)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("Visits have recorded this service, so it stays in the list: retire it "
                     "instead (services retire %s)."), id);
      return FALSE;
    }
  stmt = tx_store_prepare (self, "DELETE FROM service WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (tx_store_get_db (self)) == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No service with id %s is in the list; see “services list --all”."), id);
      return FALSE;
    }
  return TRUE;
}
