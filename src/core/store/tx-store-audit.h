/* tx-store-audit.h — the audit trail: who did what, hash-chained
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-store.h"
#include "tx-store-stations.h"

G_BEGIN_DECLS

#define TX_AUDIT_HASH_BYTES      32
#define TX_AUDIT_SIGNATURE_BYTES 64   /* Ed25519 */

typedef struct
{
  gint64  seq;
  char   *at;        /* ISO 8601, UTC */
  char   *station;
  char   *person;
  char   *kind;      /* "login", "child.update", "export", … */
  char   *child;     /* the child's uuid, if the entry is about one */
  char   *detail;    /* a JSON object */
  guint8  prev[TX_AUDIT_HASH_BYTES];
  guint8  hash[TX_AUDIT_HASH_BYTES];
} TxAuditEntry;

/* The station's signature over the trail up to an entry, made at the end
 * of a session: over tx_audit_checkpoint_text() */
typedef struct
{
  gint64  seq;
  char   *at;
  char   *station;
  guint8  hash[TX_AUDIT_HASH_BYTES];
  guint8  key_id[TX_STATION_KEY_ID_BYTES];
  guint8  signature[TX_AUDIT_SIGNATURE_BYTES];
} TxAuditCheckpoint;

/* Which entries tx_store_audit_find() returns */
typedef struct
{
  const char *station;  /* NULL: this station's own trail; else one another station sent */
  const char *person;
  const char *child;    /* the child's uuid */
  const char *kind;     /* "child" matches "child" and "child.update", … */
  const char *from;     /* YYYY-MM-DD, local time, inclusive */
  const char *to;       /* YYYY-MM-DD, local time, inclusive */
  guint       limit;    /* 0: all */
  guint       offset;
} TxAuditFilter;

/* How a trail breaks, at its first broken entry */
typedef enum
{
  TX_AUDIT_UNBROKEN,
  TX_AUDIT_CHANGED,        /* the entry is not as it was written */
  TX_AUDIT_MISSING,        /* the entry was removed */
  TX_AUDIT_OUT_OF_ORDER,   /* the entry is not where it was written */
  TX_AUDIT_BAD_SIGNATURE,  /* the checkpoint at the entry is not the station's signature */
} TxAuditBreak;

typedef struct
{
  TxAuditBreak  broken;
  gint64        seq;          /* the first broken entry */
  char         *station;
  gint64        entries;
  gint64        checkpoints;  /* the signed checkpoints that were checked */
  char         *message;      /* what is wrong, in words; NULL when unbroken */
} TxAuditVerdict;

/* Signs @text with the station's key (sync/tx-station.c holds the keys) */
typedef gboolean (*TxAuditSignFunc) (const char  *text,
                                     gsize        len,
                                     guint8      *key_id,
                                     guint8      *signature,
                                     gpointer     data,
                                     GError     **error);

/* Checks entries and checkpoints of one station, in the order they come */
typedef struct _TxAuditChain TxAuditChain;

void     tx_audit_entry_free        (TxAuditEntry      *entry);
void     tx_audit_checkpoint_free   (TxAuditCheckpoint *checkpoint);
void     tx_audit_verdict_free      (TxAuditVerdict    *verdict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditEntry, tx_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditCheckpoint, tx_audit_checkpoint_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditVerdict, tx_audit_verdict_free)

void     tx_audit_entry_hash        (const TxAuditEntry *entry,
                                     guint8             *hash);
char    *tx_audit_checkpoint_text   (const char         *station,
                                     gint64              seq,
                                     const guint8       *hash);
gboolean tx_audit_checkpoint_valid  (const TxAuditCheckpoint *checkpoint,
                                     const guint8            *sign_pk);

gboolean tx_store_audit             (TxStore     *self,
                                     const char  *kind,
                                     const char  *child,
                                     JsonObject  *detail,
                                     GError     **error);
gboolean tx_store_audit_file        (TxStore     *self,
                                     const char  *kind,
                                     const char  *what,
                                     const char  *file,
                                     gint64       rows,
                                     GError     **error);
gboolean tx_store_audit_count_of    (TxStore     *self,
                                     const char  *kind,
                                     const char  *child,
                                     const char  *key,
                                     gint64       count,
                                     GError     **error);
gboolean tx_store_audit_login       (TxStore     *self,
                                     GError     **error);
void     tx_store_audit_bulk        (TxStore     *self);
void     tx_store_audit_bulk_end    (TxStore     *self);
gboolean tx_store_audit_record      (TxStore         *self,
                                     const char      *kind,
                                     const TxRecord  *before,
                                     const TxRecord  *after,
                                     GError         **error);

GPtrArray *tx_store_audit_find        (TxStore             *self,
                                       const TxAuditFilter *filter,
                                       GError             **error);
gboolean   tx_store_audit_find_count  (TxStore             *self,
                                       const TxAuditFilter *filter,
                                       gint64              *count,
                                       GError             **error);
GPtrArray *tx_store_audit_checkpoints (TxStore             *self,
                                       const char          *station,
                                       gint64               after,
                                       GError             **error);
gboolean   tx_store_audit_checkpoint  (TxStore             *self,
                                       TxAuditSignFunc      sign,
                                       gpointer             data,
                                       gboolean            *made,
                                       GError             **error);
gboolean   tx_store_audit_export      (TxStore             *self,
                                       const char          *station,
                                       const char          *path,
                                       gint64              *entries,
                                       GError             **error);

/* Verifying (tx-store-audit-verify.c) */
TxAuditChain   *tx_audit_chain_new            (const char         *station,
                                               const guint8       *sign_pk,
                                               gint64              after_seq,
                                               const guint8       *after_hash);
void            tx_audit_chain_free           (TxAuditChain       *chain);
void            tx_audit_chain_add_entry      (TxAuditChain       *chain,
                                               TxAuditEntry       *entry);
void            tx_audit_chain_add_checkpoint (TxAuditChain       *chain,
                                               TxAuditCheckpoint  *checkpoint);
TxAuditVerdict *tx_audit_chain_verify         (TxAuditChain       *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxAuditChain, tx_audit_chain_free)

TxAuditVerdict *tx_store_audit_verify         (TxStore            *self,
                                               const char         *station,
                                               GError            **error);
TxAuditVerdict *tx_store_audit_verify_file    (TxStore            *self,
                                               const char         *path,
                                               GError            **error);
char           *tx_audit_verdict_describe     (const TxAuditVerdict *verdict);

/* The lines of an export, as a bundle carries them too */
JsonNode          *tx_audit_entry_to_json       (const TxAuditEntry      *entry);
JsonNode          *tx_audit_checkpoint_to_json  (const TxAuditCheckpoint *checkpoint);
TxAuditEntry      *tx_audit_entry_from_json     (JsonObject              *object);
TxAuditCheckpoint *tx_audit_checkpoint_from_json (JsonObject             *object);

G_END_DECLS
