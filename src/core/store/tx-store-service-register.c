/* tx-store-service-register.c — the window's calls for a child's time on the register
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run on the store service's thread, like every other write of the window.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <string.h>

#include "tx-date.h"
#include "tx-pinyin.h"
#include "tx-store-private.h"
#include "tx-store-service-register.h"

/* The day the window last listed the children who aged out */
#define AGEING_OUT_TOLD "ageing_out_told"

TxRegisterChange *
tx_register_change_new (TxRegisterChangeKind  kind,
                        const char           *id)
{
  TxRegisterChange *c = g_new0 (TxRegisterChange, 1);

  c->kind = kind;
  c->id = g_strdup (id);
  return c;
}

void
tx_register_change_free (TxRegisterChange *c)
{
  if (c == NULL)
    return;
  g_free (c->id);
  g_free (c->reason);
  g_free (c->date);
  g_free (c->note);
  g_free (c->township);
  g_free (c);
}

static gpointer
change_register_job (TxStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  TxRegisterChange *c = data;
  gboolean ok = FALSE;

  switch (c->kind)
    {
    case TX_REGISTER_CHANGE_EXIT:
      ok = tx_store_child_exit (store, c->id, c->reason, c->date, c->note, error);
      break;
    case TX_REGISTER_CHANGE_REOPEN:
      ok = tx_store_child_reopen (store, c->id, c->note, error);
      break;
    case TX_REGISTER_CHANGE_TRANSFER:
      {
        g_autofree char *id = tx_store_child_transfer (store, c->id, c->township, c->date, c->note, error);
        ok = id != NULL;
      }
      break;
    case TX_REGISTER_CHANGE_ACCEPT:
    case TX_REGISTER_CHANGE_REFUSE:
      ok = tx_store_transfer_decide (store, c->id, c->kind == TX_REGISTER_CHANGE_ACCEPT, c->note, error);
      break;
    }
  return ok ? TX_STORE_JOB_DONE : NULL;
}

/**
 * tx_store_service_change_register_async:
 * @change: (transfer full): what changes
 */
void
tx_store_service_change_register_async (TxStoreService      *self,
                                        TxRegisterChange    *change,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  tx_store_service_run_async (self, change_register_job, change, (GDestroyNotify) tx_register_change_free,
                              NULL, cancellable, callback, user_data);
}

gboolean
tx_store_service_change_register_finish (TxStoreService  *self,
                                         GAsyncResult    *result,
                                         GError         **error)
{
  return tx_store_service_run_finish_boolean (self, result, error);
}

/* The most children the window lists at once; the roster lists them all */
#define TOLD_MAX 1000

static int
by_name (gconstpointer a,
         gconstpointer b)
{
  const TxChildRow *x = *(TxChildRow *const *) a, *y = *(TxChildRow *const *) b;
  g_autofree char *kx = tx_pinyin_sort_key (x->name ? x->name : "");
  g_autofree char *ky = tx_pinyin_sort_key (y->name ? y->name : "");

  return strcmp (kx, ky);
}

/**
 * tx_store_ageing_out_tell:
 * @today: the day to age children out by
 *
 * Runs the ageing out (tx_store_ageing_out_run()) and lists the children
 * who aged out since the window last told of them: those whose exit by age
 * is dated after the day it last told (a birthday since then; `ageing-out
 * run` or another station may have recorded it), and those this run took
 * off whatever the day of their exit (a lowered age limit takes off
 * children whose birthday is long past). From now on they count as told.
 *
 * Returns: (transfer full) (element-type TxChildRow): the children, by
 *   name, at most 1,000, or %NULL with @error set
 */
GPtrArray *
tx_store_ageing_out_tell (TxStore      *store,
                          const GDate  *today,
                          GError      **error)
{
  g_autofree char *told = tx_store_get_setting_by_key (store, AGEING_OUT_TOLD);
  g_autofree char *today_iso = tx_date_format (today);
  g_autoptr(GPtrArray) exited = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) more = g_array_new (FALSE, FALSE, sizeof (gint64));
  TxChildQuery q = { 0 };

  if (!tx_store_ageing_out_run (store, today, &exited, NULL, error))
    return NULL;
  q.register_filter = TX_REGISTER_FILTER_LEFT;
  q.exit_reason = TX_EXIT_AGED_OUT;
  q.exited_after = told;
  q.order = TX_CHILD_ORDER_NAME;
  if (!(rows = tx_store_child_list (store, &q, 0, TOLD_MAX, error)))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    g_hash_table_add (listed, ((TxChildRow *) rows->pdata[i])->id);
  for (guint i = 0; i < exited->len && rows->len + more->len < TOLD_MAX; i++)
    {
      g_autoptr(TxRecord) r = NULL;
      gint64 rowid = 0;

      if (g_hash_table_contains (listed, exited->pdata[i]) ||
          !(r = tx_store_read_record_at (store, exited->pdata[i], &rowid)))
        continue;
      g_array_append_val (more, rowid);
    }
  if (more->len > 0)
    {
      g_autoptr(GPtrArray) extra = tx_store_child_rows_by_rowid (store, (gint64 *) more->data, more->len, error);

      if (extra == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (rows, g_steal_pointer (&extra));
      g_ptr_array_sort (rows, by_name);
    }
  if (!tx_store_set_setting_by_key (store, AGEING_OUT_TOLD, today_iso, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gpointer
ageing_out_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  GDate today;

  tx_date_today (&today);
  return tx_store_ageing_out_tell (store, &today, error);
}

void
tx_store_service_ageing_out_async (TxStoreService      *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  tx_store_service_run_async (self, ageing_out_job, NULL, NULL, (GDestroyNotify) g_ptr_array_unref,
                              cancellable, callback, user_data);
}

/**
 * tx_store_service_ageing_out_finish:
 *
 * Returns: (transfer full) (element-type TxChildRow): the children who aged
 *   out since the window last told of them (tx_store_ageing_out_tell())
 */
GPtrArray *
tx_store_service_ageing_out_finish (TxStoreService  *self,
                                    GAsyncResult    *result,
                                    GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}

static gpointer
transfers_job (TxStore       *store,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return tx_store_transfers_list (store, data, error);
}

void
tx_store_service_transfers_async (TxStoreService      *self,
                                  const char          *state,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  tx_store_service_run_async (self, transfers_job, g_strdup (state), g_free, (GDestroyNotify) g_ptr_array_unref,
                              cancellable, callback, user_data);
}

/**
 * tx_store_service_transfers_finish:
 *
 * Returns: (transfer full) (element-type TxTransfer): the transfers
 */
GPtrArray *
tx_store_service_transfers_finish (TxStoreService  *self,
                                   GAsyncResult    *result,
                                   GError         **error)
{
  return tx_store_service_run_finish (self, result, error);
}
