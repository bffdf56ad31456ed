/* tx-sync-export.c — the payload of a bundle: one JSON object a line
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-form.h"
#include "tx-rules.h"
#include "tx-sync-audit.h"
#include "tx-sync-private.h"

/* Export: one JSON object a line */

static void
json_string (GString    *s,
             const char *text)
{
  if (text == NULL)
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  for (const unsigned char *p = (const unsigned char *) text; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, *p);
        }
      else if (*p < 0x20)
        g_string_append_printf (s, "\\u%04x", *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/* value, or [value,hlc,"station","vv"] */
static void
json_versioned (GString    *s,
                const char *value,
                const TxVersion  *v)
{
  if (v == NULL)
    {
      json_string (s, value);
      return;
    }
  g_string_append_c (s, '[');
  json_string (s, value);
  g_string_append_printf (s, ",%" G_GINT64_FORMAT ",", v->hlc);
  json_string (s, v->station);
  g_string_append_c (s, ',');
  json_string (s, v->vv);
  g_string_append_c (s, ']');
}

static void
json_field (GString    *s,
            gboolean   *first,
            const char *key,
            const char *value,
            const TxVersion  *v)
{
  if (!*first)
    g_string_append_c (s, ',');
  *first = FALSE;
  json_string (s, key);
  g_string_append_c (s, ':');
  json_versioned (s, value, v);
}

static void
json_fields (GString    *s,
             GHashTable *versions,
             const char *key,
             const char *value,
             gboolean   *first)
{
  const TxVersion *v = g_hash_table_lookup (versions, key);

  /* a field travels when it has a value or was changed (perhaps emptied) */
  if (value != NULL || v != NULL)
    json_field (s, first, key, value, v);
}

/* A child's line from its record as read here (select_sql's columns) */
static void
export_record (TxStore       *self,
               TxRecord      *r,
               GString       *s,
               TxSyncCounts  *counts)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GHashTable) versions = tx_store_load_versions (self, "child", r->id);
  const TxVersion *d;
  gboolean first = TRUE;

  g_string_append (s, "{\"t\":\"child\",\"id\":");
  json_string (s, r->id);
  g_string_append (s, ",\"c\":");
  json_string (s, r->created_at);
  if ((d = g_hash_table_lookup (versions, "_deleted")))
    {
      g_string_append (s, ",\"d\":");
      json_versioned (s, NULL, d);
    }
  g_string_append (s, ",\"f\":{");
  if (!r->deleted)
    {
      for (guint i = 0; i < form->n_fields; i++)
        if (tx_field_synced (&form->fields[i]))
          json_fields (s, versions, form->fields[i].key, r->values[i], &first);
      json_fields (s, versions, "_draft", r->draft ? "1" : "0", &first);
      /* the last exit or reopening; what a station makes of it is its own */
      json_fields (s, versions, "_register", r->register_value, &first);
    }
  g_string_append (s, "}}");
  counts->children++;
  counts->tombstones += r->deleted;
}

static gboolean
export_child (TxStore         *self,
              const char      *uuid,
              GString         *s,
              TxSyncCounts    *counts)
{
  g_autoptr(TxRecord) r = tx_store_read_record (self, uuid, NULL);

  if (r == NULL)
    return FALSE;
  export_record (self, r, s, counts);
  return TRUE;
}

/* its size is checked against the declaration in tx-sync-private.h */
const char *const tx_sync_visit_columns[] = {
  "created_at", "updated_at", "station", "child", "date", "visitor", "kind", "living",
  "guardianship_found", "medical_schooling", "care_services", "needs", "actions", "follow_up",
  "services", "guardianship", "guardianship_problem", "urgent", "police_reported_at",
  "police_station", "police_officer", "police_receipt", "police_measures", "complete", "deleted",
};

/* A visit's line from the current row of @stmt: its id, then its columns
 * (VISIT_SYNC_COLUMNS) */
static void
export_visit_row (sqlite3_stmt  *stmt,
                  GString       *s,
                  TxSyncCounts  *counts)
{
  /* the columns in a fixed order: an array reads back faster than an object */
  g_string_append (s, "{\"t\":\"visit\",\"id\":");
  json_string (s, (const char *) sqlite3_column_text (stmt, 0));
  g_string_append (s, ",\"r\":[");
  for (guint i = 0; i < G_N_ELEMENTS (tx_sync_visit_columns); i++)
    {
      if (i)
        g_string_append_c (s, ',');
      json_string (s, (const char *) sqlite3_column_text (stmt, i + 1));
    }
  g_string_append (s, "]}");
  counts->visits++;
}

static gboolean
export_visit (TxStore      *self,
              const char   *uuid,
              GString      *s,
              TxSyncCounts *counts)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT uuid, " VISIT_SYNC_COLUMNS " FROM visit WHERE uuid = ?1",
                                         NULL);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, uuid);
  if ((found = sqlite3_step (stmt) == SQLITE_ROW))
    export_visit_row (stmt, s, counts);
  sqlite3_reset (stmt);
  return found;
}

/* A table whose rows change field by field: urgent cases (closed with a
 * note), the care services (renamed, retired) and transfers (offered by a
 * township, decided by the county) */
static const char *const urgent_fixed[] = { "child", "visit", "situations", "opened_at", "station", NULL };
static const char *const urgent_fields[] = { "closed_at", "closed_by", "note", NULL };
static const char *const service_fixed[] = { "updated_at", "station", NULL };
static const char *const service_fields[] = { "grp", "zh", "en", "retired", "position", NULL };
static const char *const transfer_fixed[] = { "child", "from_township", "to_township", "date", "offered_at",
                                              "offered_by", "offer_note", "station", NULL };
static const char *const transfer_fields[] = { "state", "decided_at", "decided_by", "note", NULL };

const TxSyncRowTable tx_sync_urgent_table = { "urgent", "urgent_case", "uuid", urgent_fixed, urgent_fields };
const TxSyncRowTable tx_sync_service_table = { "service", "service", "id", service_fixed, service_fields };
const TxSyncRowTable tx_sync_transfer_table = { "transfer", "transfer", "uuid", transfer_fixed, transfer_fields };

char *
tx_sync_row_select_sql (const TxSyncRowTable *t)
{
  GString *s = g_string_new ("SELECT ");

  for (guint i = 0; t->fixed[i]; i++)
    g_string_append_printf (s, "%s, ", t->fixed[i]);
  for (guint i = 0; t->fields[i]; i++)
    g_string_append_printf (s, "%s%s", i ? ", " : "", t->fields[i]);
  g_string_append_printf (s, " FROM %s WHERE %s = ?1", t->table, t->key);
  return g_string_free (s, FALSE);
}

static gboolean
export_row (TxStore        *self,
            const TxSyncRowTable *t,
            const char     *uuid,
            GString        *s,
            guint          *count,
            gboolean        dump)
{
  g_autofree char *sql = tx_sync_row_select_sql (t);
  sqlite3_stmt *stmt = tx_store_prepare (self, sql, NULL);
  g_autoptr(GHashTable) versions = NULL;
  gboolean first = TRUE;
  guint n_fixed = g_strv_length ((char **) t->fixed);

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, uuid);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  versions = tx_store_load_versions (self, t->tbl, uuid);
  g_string_append_printf (s, "{\"t\":\"%s\",\"id\":", t->tbl);
  json_string (s, uuid);
  g_string_append (s, ",\"r\":{");
  /* a service's last change is this station's own bookkeeping */
  for (guint i = 0; t->fixed[i] && !(dump && t == &tx_sync_service_table); i++)
    json_fields (s, versions, t->fixed[i], (const char *) sqlite3_column_text (stmt, i), &first);
  g_string_append (s, "},\"f\":{");
  first = TRUE;
  for (guint i = 0; t->fields[i]; i++)
    json_fields (s, versions, t->fields[i], (const char *) sqlite3_column_text (stmt, n_fixed + i), &first);
  g_string_append (s, "}}");
  sqlite3_reset (stmt);
  (*count)++;
  return TRUE;
}

/**
 * tx_sync_export_lines:
 * @recipient: the station the bundle is for
 * @full: (inout): everything, not only what changed since @recipient's
 *   last acknowledgement; set when the bundle holds everything anyway
 * @upto: (out): the local change counter the bundle reaches
 * @audit_upto: (out): the last entry of this station's audit trail it
 *   carries (tx_sync_export_audit())
 *
 * Calls @func with each record's line: the services, the children (with
 * their tombstones), the visits, the urgent cases, the transfers (after
 * the children they move, so that an import knows the child first), and
 * for a county, this township's audit trail.
 */
gboolean
tx_sync_export_lines (TxStore         *self,
                      const char      *recipient,
                      gboolean        *full_inout,
                      TxSyncLineFunc   func,
                      gpointer         data,
                      TxSyncCounts    *counts,
                      gint64          *upto,
                      gint64          *audit_upto,
                      GCancellable    *cancellable,
                      GError         **error)
{
  /* Everything, or what changed here since the recipient's acknowledgement
   * (and did not come from it). A township gets the children living there
   * (with their visits and urgent cases), every tombstone, which carries
   * nothing personal, the transfers from it and those to it the county
   * accepted (not one it refused: the child never came); a county gets
   * everything. ?1 is the township's first code (its nine digits), ?2 the
   * first after it, ?3 the acknowledged change, ?4 the recipient. */
#define CHANGED(t) " " t ".sync_seq > ?3 AND (" t ".sync_origin IS NULL OR " t ".sync_origin != ?4)"
#define LIVES(c) " (?1 IS NULL OR " c ".deleted = 1 OR (" c ".f_residence_division >= ?1 AND " c ".f_residence_division < ?2))"
#define MOVES(t) " (?1 IS NULL OR " t ".from_township = ?1 OR (" t ".to_township = ?1 AND " t ".state = 'accepted'))"
  /* ?4 in a bundle of everything nobody asked for: the recipient's, which
   * it has (or a later version), are left out */
#define NOT_FROM(t) " AND (?4 IS NULL OR " t ".sync_origin IS NULL OR " t ".sync_origin != ?4)"
  static const char *const all[] = {
    "SELECT s.id FROM service s WHERE 1" NOT_FROM ("s") " ORDER BY s.position, s.id",
    "SELECT c.uuid FROM child c WHERE" LIVES ("c") NOT_FROM ("c") " ORDER BY c.rowid",
    "SELECT v.uuid, " VISIT_SYNC_COLUMNS " FROM visit v WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM child c WHERE c.uuid = v.child AND"
    LIVES ("c") "))" NOT_FROM ("v") " ORDER BY v.rowid",
    "SELECT u.uuid FROM urgent_case u WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM child c WHERE c.uuid = u.child AND"
    LIVES ("c") "))" NOT_FROM ("u") " ORDER BY u.opened_at, u.uuid",
    "SELECT t.uuid FROM transfer t WHERE" MOVES ("t") NOT_FROM ("t") " ORDER BY t.offered_at, t.uuid",
  };
  static const char *const changed[] = {
    "SELECT s.id FROM service s WHERE" CHANGED ("s") " ORDER BY s.sync_seq",
    "SELECT c.uuid FROM child c WHERE" CHANGED ("c") " AND" LIVES ("c") " ORDER BY c.sync_seq",
    "SELECT v.uuid, " VISIT_SYNC_COLUMNS " FROM visit v WHERE" CHANGED ("v")
    " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM child c WHERE c.uuid = v.child AND" LIVES ("c") ")) ORDER BY v.sync_seq",
    "SELECT u.uuid FROM urgent_case u WHERE" CHANGED ("u")
    " AND (?1 IS NULL OR EXISTS (SELECT 1 FROM child c WHERE c.uuid = u.child AND" LIVES ("c") ")) ORDER BY u.sync_seq",
    "SELECT t.uuid FROM transfer t WHERE" CHANGED ("t") " AND" MOVES ("t") " ORDER BY t.sync_seq",
  };
#undef CHANGED
#undef LIVES
#undef MOVES
#undef NOT_FROM
  g_autoptr(GString) s = g_string_sized_new (4096);
  g_autofree char *township = NULL, *township_end = NULL;
  gint64 acked = 0;
  sqlite3_stmt *stmt;
  gboolean full, asked;
  guint n = 0;

  memset (counts, 0, sizeof *counts);
  *upto = tx_store_get_setting_int (self, "sync_seq");
  stmt = tx_store_prepare (self, "SELECT acked_upto, township FROM station WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, recipient);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      acked = sqlite3_column_int64 (stmt, 0);
      township = tx_store_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  township_end = tx_store_division_end (township);
  /* before the first acknowledgement the recipient gets everything, but
   * what came from it: a township rebuilt from the county's file sends it
   * only what it changed itself (docs/recovery.md). After it said it was
   * restored from an older backup (-1, tx-sync-restore.c), what came from
   * it too: it lost that */
  asked = *full_inout || acked < 0;
  full = *full_inout = *full_inout || acked <= 0;

  for (guint k = 0; k < G_N_ELEMENTS (all); k++)
    {
      int rc;

      const char *sql = full ? all[k] : changed[k];
      g_autofree char *with_columns = NULL;

      /* a child's and a visit's line are made from the row stepped to, in
       * the table's order, not each looked up again by its random id (ten
       * million visits at a district) */
      if (k == 1)
        sql = with_columns = g_strconcat ("SELECT ", self->record_columns, sql + strlen ("SELECT c.uuid"), NULL);
      /* stepped while each record's versions are read by other statements:
       * the ids are never all in memory */
      stmt = tx_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_bind_parameter_count (stmt) >= 1)
        tx_store_bind_text (stmt, 1, township);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        tx_store_bind_text (stmt, 2, township_end);
      if (!full)
        sqlite3_bind_int64 (stmt, 3, acked);
      if (!asked)
        tx_store_bind_text (stmt, 4, recipient);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *id = k == 1 || k == 2 ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          gboolean ok = TRUE;

          g_string_truncate (s, 0);
          if (k == 0)
            ok = export_row (self, &tx_sync_service_table, id, s, &counts->services, FALSE);
          else if (k == 1)
            {
              g_autoptr(TxRecord) r = tx_store_record_from_row (stmt);
              export_record (self, r, s, counts);
            }
          else if (k == 2)
            export_visit_row (stmt, s, counts);
          else if (k == 3)
            ok = export_row (self, &tx_sync_urgent_table, id, s, &counts->urgent_cases, FALSE);
          else
            ok = export_row (self, &tx_sync_transfer_table, id, s, &counts->transfers, FALSE);
          if (!ok)
            continue;
          g_string_append_c (s, '\n');
          if (!func (s->str, s->len, data, error) ||
              (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error)))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return tx_store_set_error (self, rc, error);
    }
  if (!tx_sync_export_audit (self, recipient, full, func, data, &n, counts, audit_upto, error))
    return FALSE;
  /* the last line says how many came before it: a payload cut short shows */
  g_string_printf (s, "{\"t\":\"end\",\"n\":%u}\n", n);
  return func (s->str, s->len, data, error);
}

/**
 * tx_sync_dump:
 *
 * Everything that sync carries, one line a record in a fixed order, with
 * the versions: two stations that converged print the same text.
 *
 * Returns: (transfer full) (nullable): the text
 */
char *
tx_sync_dump (TxStore  *self,
              GError  **error)
{
  static const char *const sql[] = {
    "SELECT id FROM service ORDER BY id", "SELECT uuid FROM child ORDER BY uuid",
    "SELECT uuid FROM visit ORDER BY uuid", "SELECT uuid FROM urgent_case ORDER BY uuid",
    "SELECT uuid FROM transfer ORDER BY uuid",
  };
  GString *out = g_string_new (NULL);
  TxSyncCounts counts = { 0 };

  for (guint k = 0; k < G_N_ELEMENTS (sql); k++)
    {
      sqlite3_stmt *stmt = tx_store_prepare (self, sql[k], error);
      g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

      if (stmt == NULL)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      for (guint i = 0; i < ids->len; i++)
        {
          gsize before = out->len;
          gboolean ok = k == 0 ? export_row (self, &tx_sync_service_table, ids->pdata[i], out, &counts.services, TRUE)
                      : k == 1 ? export_child (self, ids->pdata[i], out, &counts)
                      : k == 2 ? export_visit (self, ids->pdata[i], out, &counts)
                      : k == 3 ? export_row (self, &tx_sync_urgent_table, ids->pdata[i], out, &counts.urgent_cases, TRUE)
                      : export_row (self, &tx_sync_transfer_table, ids->pdata[i], out, &counts.transfers, TRUE);
          if (ok)
            g_string_append_c (out, '\n');
          else
            g_string_truncate (out, before);
        }
    }
  return g_string_free (out, FALSE);
}
