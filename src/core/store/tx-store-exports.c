/* tx-store-exports.c — the export log (the export_log table)
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
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"
#include "tx-visit.h"

/* The export log */

void
tx_export_free (TxExport *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->what);
  g_free (entry->detail);
  g_free (entry);
}

static gpointer
read_export (sqlite3_stmt *stmt)
{
  TxExport *e = g_new0 (TxExport, 1);

  e->at = tx_store_column_text (stmt, 0);
  e->who = tx_store_column_text (stmt, 1);
  e->what = tx_store_column_text (stmt, 2);
  e->detail = tx_store_column_text (stmt, 3);
  e->children = sqlite3_column_int (stmt, 4);
  return e;
}

/**
 * tx_store_log_export:
 * @what: the report: ledger, key_care_ledger, …
 * @detail: (nullable): where it went: the file's name, the printer
 * @children: how many children's data it holds
 *
 * Records an export or a print, under the person at the workstation, in
 * the export log and the audit trail ("export", or "print" for a @what
 * that ends in "_print").
 */
gboolean
tx_store_log_export (TxStore     *self,
                     const char  *what,
                     const char  *detail,
                     guint        children,
                     GError     **error)
{
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO export_log (at, station, who, what, detail, children) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
      error);

  if (!tx_store_require (self, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, now);
  tx_store_bind_text (stmt, 2, tx_store_get_station_id (self));
  tx_store_bind_text (stmt, 3, who);
  tx_store_bind_text (stmt, 4, what);
  tx_store_bind_text (stmt, 5, detail);
  sqlite3_bind_int (stmt, 6, children);
  return tx_store_step_done (self, stmt, error) &&
         tx_store_audit_file (self, g_str_has_suffix (what, "_print") ? "print" : "export", what, detail,
                              children, error);
}

/**
 * tx_store_export_log:
 * @limit: at most this many entries, 0 for all
 *
 * Returns: (transfer full) (element-type TxExport): the exports and prints,
 *   the newest first
 */
GPtrArray *
tx_store_export_log (TxStore  *self,
                     guint     limit,
                     GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT at, who, what, detail, children FROM export_log ORDER BY rowid DESC LIMIT ?1", error);

  if (!tx_store_require (self, TX_PERMISSION_EXPORT, error))
    return NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit ? (gint64) limit : -1);
  return tx_store_collect (self, stmt, read_export, (GDestroyNotify) tx_export_free, error);
}
