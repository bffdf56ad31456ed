/* tx-store-service-register.c — the window's calls for a child's time on the register
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run on the store service's thread, like every other write of the window.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include "tx-date.h"
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

static gpointer
ageing_out_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autofree char *told = tx_store_get_setting_by_key (store, AGEING_OUT_TOLD);
  g_autofree char *today_iso = NULL;
  TxChildQuery q = { 0 };
  GPtrArray *rows;
  GDate today;

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  if (!tx_store_ageing_out_run (store, &today, NULL, NULL, error))
    return NULL;
  q.register_filter = TX_REGISTER_FILTER_LEFT;
  q.exit_reason = TX_EXIT_AGED_OUT;
  q.exited_after = told;
  q.order = TX_CHILD_ORDER_NAME;
  rows = tx_store_child_list (store, &q, 0, 1000, error);
  if (rows == NULL)
    return NULL;
  if (!tx_store_set_setting_by_key (store, AGEING_OUT_TOLD, today_iso, error))
    {
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
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
 *   out since the window last told of them (at most 1,000, by name)
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
