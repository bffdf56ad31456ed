/* tx-store-revisit.c — the revisit pass: the derived values of children after visits and merges
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
#include "tx-store-private.h"
#include "tx-store-versions.h"

/* A living child, as tx_store_children_revisited reads it */
typedef struct {
  gint64  rowid;
  char   *uuid, *guardianship, *key_care, *registered, *register_value;
} Revisit;

#define REVISIT_SELECT "SELECT rowid, uuid, f_guardianship, f_key_care, f_registration_date, register_value FROM child "

static Revisit
revisit_read (sqlite3_stmt *stmt)
{
  return (Revisit) { sqlite3_column_int64 (stmt, 0), tx_store_column_text (stmt, 1),
                     tx_store_column_text (stmt, 2), tx_store_column_text (stmt, 3),
                     tx_store_column_text (stmt, 4), tx_store_column_text (stmt, 5) };
}

static void
revisit_clear (gpointer data)
{
  Revisit *r = data;

  g_free (r->uuid);
  g_free (r->guardianship);
  g_free (r->key_care);
  g_free (r->registered);
  g_free (r->register_value);
}

/* The child's last home visit, next visit and urgent mark, worked out
 * again from what is stored */
static gboolean
revisit (TxStore                  *self,
         const TxScheduleSettings *settings,
         const Revisit            *r,
         GError                  **error)
{
  g_autofree char *last = NULL, *due_iso = NULL;
  sqlite3_stmt *stmt;
  GDate reg, visit, due;
  int rc;

  stmt = tx_store_prepare (self, "SELECT max (date) FROM visit WHERE child = ?1 AND kind = 'home' "
                                 "AND deleted = 0", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, r->uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    last = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  if (last && tx_date_parse (r->registered, &reg) && tx_date_parse (last, &visit))
    {
      gboolean have_visit = TRUE;

      tx_store_register_schedule_base (r->register_value, &reg, &visit, &have_visit);
      tx_schedule_next_visit (settings, r->guardianship, g_strcmp0 (r->key_care, "yes") == 0, &reg,
                              have_visit ? &visit : NULL, &due);
      due_iso = tx_date_format (&due);
    }
  stmt = tx_store_prepare (self, "UPDATE child SET last_home_visit = coalesce (?2, last_home_visit), "
                                 "next_visit_due = CASE WHEN register = 'active' THEN coalesce (?3, next_visit_due) END, "
                                 "urgent = EXISTS (SELECT 1 FROM urgent_case u WHERE u.child = ?4 "
                                 "AND u.closed_at IS NULL) WHERE rowid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->rowid);
  tx_store_bind_text (stmt, 2, due_iso ? last : NULL);
  tx_store_bind_text (stmt, 3, due_iso);
  sqlite3_bind_text (stmt, 4, r->uuid, -1, SQLITE_STATIC);
  return tx_store_step_done (self, stmt, error);
}

/* Works out the children read so far, and empties @page */
static gboolean
revisit_page (TxStore                  *self,
              const TxScheduleSettings *settings,
              GArray                   *page,
              GError                  **error)
{
  for (guint i = 0; i < page->len; i++)
    if (!revisit (self, settings, &g_array_index (page, Revisit, i), error))
      return FALSE;
  g_array_set_size (page, 0);
  return TRUE;
}

/**
 * tx_store_children_revisited:
 * @ids: (element-type utf8 utf8) (nullable): the ids of the children whose
 *   record, visits or urgent cases changed, as a set; %NULL for every child
 *
 * Works out each living child's last home visit, next visit and urgent
 * mark again from what is stored, in the caller's transaction: for what
 * came in a bundle (a county's first is every child, so the settings are
 * read once, and many children are read in the table's order, a page of
 * rows at a time, rather than each by its id). A child deleted here, or
 * not here, is left alone.
 */
gboolean
tx_store_children_revisited (TxStore     *self,
                             GHashTable  *ids,
                             GError     **error)
{
  g_autoptr(GArray) page = g_array_new (FALSE, TRUE, sizeof (Revisit));
  TxScheduleSettings settings;
  sqlite3_stmt *stmt;
  gint64 after = 0;
  guint rows;
  int rc;

  tx_store_get_schedule_settings (self, &settings);
  g_array_set_clear_func (page, revisit_clear);
  if (ids && g_hash_table_size (ids) < 10000)
    {
      GHashTableIter it;
      gpointer key;

      g_hash_table_iter_init (&it, ids);
      while (g_hash_table_iter_next (&it, &key, NULL))
        {
          if (!(stmt = tx_store_prepare (self, REVISIT_SELECT "WHERE uuid = ?1 AND deleted = 0", error)))
            return FALSE;
          tx_store_bind_text (stmt, 1, key);
          if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              Revisit r = revisit_read (stmt);
              g_array_append_val (page, r);
            }
          sqlite3_reset (stmt);
          if (rc != SQLITE_ROW && rc != SQLITE_DONE)
            return tx_store_set_error (self, rc, error);
        }
      return revisit_page (self, &settings, page, error);
    }

  do
    {
      if (!(stmt = tx_store_prepare (self, REVISIT_SELECT "WHERE rowid > ?1 AND deleted = 0 "
                                           "ORDER BY rowid LIMIT 512", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, after);
      for (rows = 0; (rc = sqlite3_step (stmt)) == SQLITE_ROW; rows++)
        {
          after = sqlite3_column_int64 (stmt, 0);
          if (ids == NULL || g_hash_table_contains (ids, sqlite3_column_text (stmt, 1)))
            {
              Revisit r = revisit_read (stmt);
              g_array_append_val (page, r);
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return tx_store_set_error (self, rc, error);
      if (!revisit_page (self, &settings, page, error))
        return FALSE;
    }
  while (rows > 0);
  return TRUE;
}

/**
 * tx_store_child_visited:
 * @id: the child
 * @last_home_visit: the date of the child's last home visit
 *
 * For bulk loads (the demo data): sets the last home visit and works out
 * the next visit again, without going through a whole save.
 */
gboolean
tx_store_child_visited (TxStore     *self,
                        const char  *id,
                        const char  *last_home_visit,
                        GError     **error)
{
  g_autoptr(TxRecord) r = tx_store_read_record_at (self, id, NULL);
  TxScheduleSettings settings;
  GDate reg, visit, due;
  g_autofree char *due_iso = NULL;
  sqlite3_stmt *stmt;

  if (r == NULL || !tx_date_parse (r->values[TX_F ("registration_date")], &reg) ||
      !tx_date_parse (last_home_visit, &visit))
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No child with id %s is registered here; check the id with "
                     "“child list”."), id);
      return FALSE;
    }
  tx_store_get_schedule_settings (self, &settings);
  tx_schedule_next_visit (&settings, r->values[TX_F ("guardianship")],
                          g_strcmp0 (r->values[TX_F ("key_care")], "yes") == 0, &reg, &visit, &due);
  due_iso = tx_date_format (&due);
  stmt = tx_store_prepare (self, "UPDATE child SET last_home_visit = ?2, "
                                 "next_visit_due = CASE WHEN register = 'active' THEN ?3 END "
                                 "WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  tx_store_bind_text (stmt, 2, last_home_visit);
  tx_store_bind_text (stmt, 3, due_iso);
  return tx_store_step_done (self, stmt, error);
}
