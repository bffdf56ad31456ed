/* tx-sync-restore.c — exchange files after a station was restored from an older backup
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A township restored from a backup older than the last exchange file the
 * county imported from it keeps its identity; its store is back where the
 * backup was (docs/recovery.md):
 *
 * - Its numbering. The county's files say which of the township's files
 *   the county imported last (the header's "ack"). One that says more
 *   than the township made (by its restored store) tells it: its next
 *   file takes the number after the county's, so that the county takes it
 *   (tx_sync_restored_ack()), and the import says so in words.
 * - Its trail. Its files to the county say, until the county has its
 *   trail past the restore, that it was restored and from which entry on
 *   its trail may be new ("restored" in the header,
 *   tx_sync_restored_since()); the county takes it as a branch
 *   (tx-sync-audit.c).
 * - What it lost. The county, told by such a file that the township is
 *   behind it, sends it everything in its next file, what the township
 *   itself had sent included (tx_sync_restored_sender()).
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-sync-restore.h"

/* the first value of a one-row query of @id, or 0 */
static gboolean
query_int (TxStore     *store,
           const char  *sql,
           const char  *id,
           gint64      *value,
           GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store, sql, error);
  int rc;

  *value = 0;
  if (stmt == NULL)
    return FALSE;
  if (id)
    tx_store_bind_text (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tx_store_set_error (store, rc, error);
  return TRUE;
}

/**
 * tx_sync_restored_since:
 * @to: the station a bundle is being made for
 * @restored: (out): for a township's bundle to its county, when the
 *   township was restored from a backup after the last entry of its trail
 *   the county acknowledged: the entry before the restore's (its trail
 *   from the backup reaches no further); else 0
 */
gboolean
tx_sync_restored_since (TxStore          *store,
                        const TxStation  *to,
                        gint64           *restored,
                        GError          **error)
{
  g_autofree char *own_township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  gint64 acked = 0, restore = 0;

  *restored = 0;
  /* a township's trail goes to its county only (tx-sync-audit.c) */
  if (own_township == NULL || *own_township == '\0' || (to->township && *to->township))
    return TRUE;
  if (!query_int (store, "SELECT audit_acked FROM station WHERE id = ?1", to->id, &acked, error) ||
      !query_int (store, "SELECT coalesce (max (seq), 0) FROM audit WHERE kind = 'backup.restore'", NULL,
                  &restore, error))
    return FALSE;
  if (restore > acked && restore > 1)
    *restored = restore - 1;
  return TRUE;
}

/**
 * tx_sync_restored_ack:
 * @info: the header of a bundle being imported, in the import's
 *   transaction; its warning is set when this station was restored
 *
 * A bundle whose sender imported more of this station's bundles than this
 * station made (as its store knows) finds this station restored from a
 * backup older than the last bundle the sender took, or its files lost:
 * its next bundle for the sender takes the number after that one.
 */
gboolean
tx_sync_restored_ack (TxStore       *store,
                      TxBundleInfo  *info,
                      GError       **error)
{
  g_autoptr(TxStation) from = tx_store_station_get (store, info->sender, error);
  g_autofree char *said = NULL;

  if (from == NULL)
    return FALSE;
  if (info->ack <= from->out_seq)
    return TRUE;
  if (!tx_store_station_out_restored (store, info->sender, info->ack, error))
    return FALSE;
  said = g_strdup_printf (_("This station was restored from a backup older than the last exchange file %s "
                            "received from it; its next file continues from %lld."),
                          info->sender_name, (long long) info->ack + 1);
  if (!info->full)
    {
      /* what the county has of this station's work since the backup is
       * not in a file it made before it knew */
      g_autofree char *more = g_strdup_printf (_("What this station had sent %s since the backup comes back "
                                                 "with the next exchange file from %s, once it has imported "
                                                 "this station's next one."), info->sender_name,
                                               info->sender_name);
      g_autofree char *both = g_strconcat (said, " ", more, NULL);
      g_free (said);
      said = g_steal_pointer (&both);
    }
  if (info->warning)
    {
      g_autofree char *both = g_strconcat (info->warning, " ", said, NULL);
      g_free (info->warning);
      info->warning = g_steal_pointer (&both);
    }
  else
    info->warning = g_steal_pointer (&said);
  return TRUE;
}

/**
 * tx_sync_restored_sender:
 * @info: the header of a bundle being imported that says its sender was
 *   restored from a backup
 * @behind: whether the sender is behind this station: its bundle is
 *   numbered no later than one imported here, or its trail went on from
 *   an earlier entry than this station has
 *
 * After the import (in its transaction): the next bundle for the sender
 * holds everything, what came from it included, to give it back what it
 * lost with the restore.
 */
gboolean
tx_sync_restored_sender (TxStore       *store,
                         TxBundleInfo  *info,
                         gboolean       behind,
                         GError       **error)
{
  g_autofree char *said = NULL;

  if (info->restored == 0 || !behind)
    return TRUE;
  if (!tx_store_station_resend_all (store, info->sender, error))
    return FALSE;
  said = g_strdup_printf (_("%s was restored from a backup older than the last exchange file imported from it; "
                            "its records were merged as usual, and the next exchange file made for it holds "
                            "everything, to give it back what it lost."), info->sender_name);
  g_free (info->warning);
  info->warning = g_steal_pointer (&said);
  return TRUE;
}
