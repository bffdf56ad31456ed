/* tx-store-services.h — the care-service list (tx-store-services.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* An item of the list of care services */
typedef struct {
  char     *id;
  char     *group;   /* one of tx_service_groups() */
  char     *zh;
  char     *en;
  gboolean  retired;
} TxService;

const TxChoice *tx_service_groups          (void);
GPtrArray   *tx_store_services             (TxStore        *self,
                                            gboolean        retired,
                                            GError        **error);
void         tx_service_free               (TxService      *service);
const char  *tx_service_label              (const TxService *service);
char        *tx_store_care_service_add          (TxStore        *self,
                                                 const char     *group,
                                                 const char     *zh,
                                                 const char     *en,
                                                 GError        **error);
gboolean     tx_store_care_service_rename       (TxStore        *self,
                                                 const char     *id,
                                                 const char     *zh,
                                                 const char     *en,
                                                 GError        **error);
gboolean     tx_store_care_service_retire       (TxStore        *self,
                                                 const char     *id,
                                                 gboolean        retired,
                                                 GError        **error);
gboolean     tx_store_care_service_delete       (TxStore        *self,
                                                 const char     *id,
                                                 GError        **error);

G_END_DECLS
