/* tx-store-versions.h — change tracking: field versions and clocks
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the store's own table files and the merge of bundles (sync/); not for
 * the views.
 */

#pragma once

#include "tx-form.h"
#include "tx-store-private.h"

G_BEGIN_DECLS

/* A field's version: the clock of its last change, the station that made
 * it, and the version vector it has seen */
typedef struct {
  gint64  hlc;
  char   *station;   /* "" for the empty version */
  char   *vv;        /* "station=hlc;…" sorted by station, "" when empty */
} TxVersion;

void        tx_version_clear    (TxVersion       *v);
void        tx_version_set      (TxVersion       *v,
                                 gint64           hlc,
                                 const char      *station,
                                 const char      *vv);
void        tx_version_free     (TxVersion       *v);
void        tx_version_copy     (TxVersion       *to,
                                 const TxVersion *from);
int         tx_version_compare  (const TxVersion *a,
                                 const TxVersion *b);

/* Version vectors: "station=hlc;…" */
GHashTable *tx_vv_parse         (const char      *vv);
char       *tx_vv_format        (GHashTable      *t);
gboolean    tx_vv_leq           (const char      *a,
                                 const char      *b);
char       *tx_vv_merge         (const char      *a,
                                 const char      *b);
char       *tx_vv_add           (const char      *vv,
                                 const char      *station,
                                 gint64           hlc);

gboolean    tx_field_synced     (const TxField   *f);

/* The clock and the change counters, kept as settings */
gint64      tx_store_get_setting_int   (TxStore     *self,
                                        const char  *key);
gboolean    tx_store_set_setting_int   (TxStore     *self,
                                        const char  *key,
                                        gint64       value,
                                        GError     **error);
gint64      tx_store_hlc_tick          (TxStore     *self);
gboolean    tx_store_mark_changed_at   (TxStore     *self,
                                        const char  *tbl,
                                        const char  *uuid,
                                        const char  *origin,
                                        gint64       seq,
                                        GError     **error);

/* The field_version table */
GHashTable *tx_store_load_versions     (TxStore     *self,
                                        const char  *tbl,
                                        const char  *uuid);
gboolean    tx_store_save_version      (TxStore         *self,
                                        const char      *tbl,
                                        const char      *uuid,
                                        const char      *field,
                                        const TxVersion *v,
                                        GError         **error);
gboolean    tx_store_forget_fields     (TxStore     *self,
                                        const char  *tbl,
                                        const char  *uuid,
                                        GError     **error);

/* Local changes: called inside the change's transaction */
gboolean    tx_store_touch             (TxStore            *self,
                                        const char         *tbl,
                                        const char         *uuid,
                                        const char *const  *fields,
                                        GError            **error);
gboolean    tx_store_version_child_saved   (TxStore         *self,
                                            const TxRecord  *before,
                                            const TxRecord  *after,
                                            GError         **error);
gboolean    tx_store_version_child_deleted (TxStore         *self,
                                            const char      *uuid,
                                            GError         **error);

G_END_DECLS
