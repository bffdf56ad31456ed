/* tx-store-audit-verify.c — proving the audit trail unbroken, or where it breaks
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chain is checked entry by entry in the order it is kept: each entry's
 * hash recomputed from its fields, its number one after the one before,
 * its "prev" the hash of the one before; then each checkpoint before the
 * first break: the hash it signs is the entry's, and the signature is the
 * station's. The first broken entry is named with what is wrong with it:
 * changed (its fields or its hash are not as written), missing (the entry
 * before the next one is not there), out of order (it was written
 * elsewhere in the chain), a bad signature. The store's own trail, another
 * station's as it came in its exchange files, and an exported file are
 * checked the same way (tx-store-audit.c writes them).
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "tx-store-audit.h"
#include "tx-store-audit-fork.h"
#include "tx-store-private.h"

/* how far from its place a moved entry is looked for */
#define MOVED_WITHIN 16

struct _TxAuditChain
{
  char      *station;
  guint8     sign_pk[TX_STATION_PK_BYTES];
  gboolean   have_pk;
  gint64     after_seq;
  guint8     after_hash[TX_AUDIT_HASH_BYTES];
  GPtrArray *entries;
  GPtrArray *checkpoints;
  gint64     unreadable;   /* the number of the first line that could not be read, after this entry */
  gboolean   has_unreadable;
};

void
tx_audit_verdict_free (TxAuditVerdict *verdict)
{
  if (verdict == NULL)
    return;
  g_free (verdict->station);
  g_free (verdict->message);
  g_free (verdict);
}

/**
 * tx_audit_chain_new:
 * @station: whose entries
 * @sign_pk: (nullable): the station's public signing key; without it, no
 *   checkpoint is valid
 * @after_seq: the entry the chain continues (0 for the first)
 * @after_hash: (nullable): that entry's hash (zeros for none)
 *
 * Returns: (transfer full): an empty chain to add entries and checkpoints
 *   to, in the order they are kept
 */
TxAuditChain *
tx_audit_chain_new (const char   *station,
                    const guint8 *sign_pk,
                    gint64        after_seq,
                    const guint8 *after_hash)
{
  TxAuditChain *chain = g_new0 (TxAuditChain, 1);

  chain->station = g_strdup (station);
  if (sign_pk)
    {
      memcpy (chain->sign_pk, sign_pk, TX_STATION_PK_BYTES);
      chain->have_pk = TRUE;
    }
  chain->after_seq = after_seq;
  if (after_hash)
    memcpy (chain->after_hash, after_hash, TX_AUDIT_HASH_BYTES);
  chain->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_audit_entry_free);
  chain->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_audit_checkpoint_free);
  return chain;
}

void
tx_audit_chain_free (TxAuditChain *chain)
{
  if (chain == NULL)
    return;
  g_free (chain->station);
  g_ptr_array_unref (chain->entries);
  g_ptr_array_unref (chain->checkpoints);
  g_free (chain);
}

/**
 * tx_audit_chain_add_entry:
 * @entry: (transfer full) (nullable): the next entry; %NULL for one that
 *   could not be read (it counts as changed)
 */
void
tx_audit_chain_add_entry (TxAuditChain *chain,
                          TxAuditEntry *entry)
{
  if (entry == NULL)
    {
      if (!chain->has_unreadable)
        {
          chain->has_unreadable = TRUE;
          chain->unreadable = chain->entries->len;
        }
      return;
    }
  g_ptr_array_add (chain->entries, entry);
}

/**
 * tx_audit_chain_add_checkpoint:
 * @checkpoint: (transfer full)
 */
void
tx_audit_chain_add_checkpoint (TxAuditChain      *chain,
                               TxAuditCheckpoint *checkpoint)
{
  g_ptr_array_add (chain->checkpoints, checkpoint);
}

static TxAuditVerdict *
broken (TxAuditVerdict *v,
        TxAuditBreak    how,
        gint64          seq)
{
  v->broken = how;
  v->seq = seq;
  switch (how)
    {
    case TX_AUDIT_CHANGED:
      v->message = g_strdup_printf (_("Entry %lld of the audit trail of station %s was changed after it was "
                                      "written."), (long long) seq, v->station);
      break;
    case TX_AUDIT_MISSING:
      v->message = g_strdup_printf (_("Entry %lld of the audit trail of station %s is missing: it was "
                                      "removed."), (long long) seq, v->station);
      break;
    case TX_AUDIT_OUT_OF_ORDER:
      v->message = g_strdup_printf (_("Entry %lld of the audit trail of station %s is out of order: it was "
                                      "moved from where it was written."), (long long) seq, v->station);
      break;
    case TX_AUDIT_BAD_SIGNATURE:
      v->message = g_strdup_printf (_("The checkpoint at entry %lld of the audit trail of station %s is not "
                                      "signed with the station's key."), (long long) seq, v->station);
      break;
    case TX_AUDIT_UNBROKEN:
    default:
      break;
    }
  return v;
}

/* Whether @e hashes to its stored hash when its number is @seq */
static gboolean
hashes_as (const TxAuditEntry *e,
           gint64              seq)
{
  TxAuditEntry copy = *e;
  guint8 hash[TX_AUDIT_HASH_BYTES];

  copy.seq = seq;
  tx_audit_entry_hash (&copy, hash);
  return sodium_memcmp (hash, e->hash, TX_AUDIT_HASH_BYTES) == 0;
}

static GBytes *
hash_key (const guint8 *hash)
{
  return g_bytes_new (hash, TX_AUDIT_HASH_BYTES);
}

/* The first broken entry, or G_MAXINT64 with @how unset */
static gint64
first_broken_entry (TxAuditChain *chain,
                    TxAuditBreak *how,
                    gint64       *last_seq)
{
  g_autoptr(GHashTable) by_hash = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                                         (GDestroyNotify) g_bytes_unref, NULL);
  gint64 prev_seq = chain->after_seq;
  const guint8 *prev_hash = chain->after_hash;
  guint n = chain->has_unreadable ? chain->unreadable : chain->entries->len;

  for (guint i = 0; i < chain->entries->len; i++)
    {
      TxAuditEntry *e = chain->entries->pdata[i];
      g_hash_table_insert (by_hash, hash_key (e->hash), GUINT_TO_POINTER (i + 1));
    }
  *last_seq = prev_seq;
  for (guint i = 0; i < n; i++)
    {
      TxAuditEntry *e = chain->entries->pdata[i];
      g_autoptr(GBytes) prev_key = hash_key (e->prev);
      guint elsewhere = GPOINTER_TO_UINT (g_hash_table_lookup (by_hash, prev_key));

      if (!hashes_as (e, e->seq))
        {
          /* renumbered to another place: it hashes as it was written there */
          for (gint64 d = -MOVED_WITHIN; d <= MOVED_WITHIN; d++)
            if (d != 0 && e->seq + d > 0 && hashes_as (e, e->seq + d))
              {
                *how = TX_AUDIT_OUT_OF_ORDER;
                return e->seq;
              }
          *how = TX_AUDIT_CHANGED;
          return e->seq;
        }
      if (sodium_memcmp (e->prev, prev_hash, TX_AUDIT_HASH_BYTES) != 0)
        {
          if (elsewhere && elsewhere != i)   /* the entry it follows is not the one before it */
            {
              *how = TX_AUDIT_OUT_OF_ORDER;
              return e->seq;
            }
          if (e->seq > prev_seq + 1)
            {
              *how = TX_AUDIT_MISSING;
              return prev_seq + 1;
            }
          /* the entry before was changed and its hash made anew, or this
           * one's "prev" was changed */
          *how = TX_AUDIT_CHANGED;
          return i > 0 ? prev_seq : e->seq;
        }
      if (e->seq != prev_seq + 1)
        {
          *how = e->seq <= prev_seq ? TX_AUDIT_OUT_OF_ORDER : TX_AUDIT_MISSING;
          return e->seq <= prev_seq ? e->seq : prev_seq + 1;
        }
      prev_seq = e->seq;
      prev_hash = e->hash;
      *last_seq = prev_seq;
    }
  if (chain->has_unreadable)
    {
      *how = TX_AUDIT_CHANGED;
      return prev_seq + 1;
    }
  return G_MAXINT64;
}

/**
 * tx_audit_chain_verify:
 *
 * Returns: (transfer full): whether the chain is unbroken, or its first
 *   broken entry and what is wrong with it
 */
TxAuditVerdict *
tx_audit_chain_verify (TxAuditChain *chain)
{
  TxAuditVerdict *v = g_new0 (TxAuditVerdict, 1);
  g_autoptr(GHashTable) by_seq = g_hash_table_new (g_int64_hash, g_int64_equal);
  TxAuditBreak how = TX_AUDIT_UNBROKEN;
  gint64 last_seq = 0;
  gint64 first = first_broken_entry (chain, &how, &last_seq);

  v->station = g_strdup (chain->station ? chain->station : "");
  v->entries = chain->entries->len;
  for (guint i = 0; i < chain->entries->len; i++)
    {
      TxAuditEntry *e = chain->entries->pdata[i];
      g_hash_table_insert (by_seq, &e->seq, e);
    }
  /* the checkpoints of the entries before the first break */
  for (guint i = 0; i < chain->checkpoints->len; i++)
    {
      TxAuditCheckpoint *c = chain->checkpoints->pdata[i];
      TxAuditEntry *e;

      if (c->seq >= first || c->seq <= chain->after_seq)
        continue;
      if (c->seq > last_seq)
        /* signed once, and cut off since */
        return broken (v, TX_AUDIT_MISSING, last_seq + 1);
      e = g_hash_table_lookup (by_seq, &c->seq);
      if (e == NULL || sodium_memcmp (e->hash, c->hash, TX_AUDIT_HASH_BYTES) != 0)
        return broken (v, TX_AUDIT_CHANGED, c->seq);
      if (g_strcmp0 (c->station, chain->station) != 0 ||
          !tx_audit_checkpoint_valid (c, chain->have_pk ? chain->sign_pk : NULL))
        return broken (v, TX_AUDIT_BAD_SIGNATURE, c->seq);
      v->checkpoints++;
    }
  if (first != G_MAXINT64)
    return broken (v, how, first);
  return v;
}

/* The public signing key of @station: this station's, or one trusted here */
static gboolean
station_sign_pk (TxStore    *self,
                 const char *station,
                 guint8     *sign_pk)
{
  guint8 box_pk[TX_STATION_PK_BYTES];

  if (station == NULL || g_strcmp0 (station, tx_store_get_station_id (self)) == 0)
    {
      g_autofree char *text = tx_store_get_setting (self, TX_SETTING_SIGN_PK);
      g_autofree guint8 *raw = NULL;
      gsize len = 0;

      if (text == NULL)
        return FALSE;
      raw = g_base64_decode (text, &len);
      if (len != TX_STATION_PK_BYTES)
        return FALSE;
      memcpy (sign_pk, raw, len);
      return TRUE;
    }
  return tx_store_station_public_keys (self, station, sign_pk, box_pk);
}

/**
 * tx_store_audit_verify:
 * @station: (nullable): whose trail: %NULL for this station's own, or the
 *   id of a station whose entries came in its exchange files
 *
 * Returns: (transfer full): the verdict, or %NULL with @error set if the
 *   store cannot be read
 */
TxAuditVerdict *
tx_store_audit_verify (TxStore     *self,
                       const char  *station,
                       GError     **error)
{
  const char *whose = station ? station : tx_store_get_station_id (self);
  guint8 sign_pk[TX_STATION_PK_BYTES];
  gboolean have_pk = station_sign_pk (self, station, sign_pk);
  g_autoptr(TxAuditChain) chain = tx_audit_chain_new (whose, have_pk ? sign_pk : NULL, 0, NULL);
  TxAuditFilter filter = { .station = station };
  g_autoptr(GPtrArray) entries = NULL, checkpoints = NULL;

  entries = tx_store_audit_find (self, &filter, error);
  if (entries == NULL || !(checkpoints = tx_store_audit_checkpoints (self, whose, 0, error)))
    return NULL;
  /* the list is newest first */
  for (guint i = entries->len; i-- > 0; )
    tx_audit_chain_add_entry (chain, g_ptr_array_steal_index (entries, i));
  for (guint i = 0; i < checkpoints->len; i++)
    tx_audit_chain_add_checkpoint (chain, g_steal_pointer (&checkpoints->pdata[i]));
  g_ptr_array_set_free_func (checkpoints, NULL);
  /* another station's trail goes on in the branches it took after restores */
  if (station)
    return tx_store_audit_verify_forks (self, station, have_pk ? sign_pk : NULL, tx_audit_chain_verify (chain),
                                        error);
  return tx_audit_chain_verify (chain);
}

static const char *
member_text (JsonObject *o,
             const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static gboolean
member_int (JsonObject *o,
            const char *name,
            gint64     *value)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (n);
  return TRUE;
}

static gboolean
member_hex (JsonObject *o,
            const char *name,
            guint8     *out,
            gsize       len)
{
  const char *text = member_text (o, name);
  size_t got = 0;

  return text && strlen (text) == len * 2 &&
         sodium_hex2bin (out, len, text, len * 2, NULL, &got, NULL) == 0 && got == len;
}

/**
 * tx_audit_entry_from_json:
 *
 * Returns: (transfer full) (nullable): the entry of an export's line, or
 *   %NULL if the line is not one
 */
TxAuditEntry *
tx_audit_entry_from_json (JsonObject *o)
{
  g_autoptr(TxAuditEntry) e = g_new0 (TxAuditEntry, 1);
  JsonNode *child = json_object_get_member (o, "child");
  JsonNode *detail = json_object_get_member (o, "detail");

  if (!member_int (o, "seq", &e->seq) || !member_text (o, "at") || !member_text (o, "station") ||
      !member_text (o, "person") || !member_text (o, "kind") || detail == NULL ||
      !member_hex (o, "prev", e->prev, TX_AUDIT_HASH_BYTES) || !member_hex (o, "hash", e->hash, TX_AUDIT_HASH_BYTES))
    return NULL;
  e->at = g_strdup (member_text (o, "at"));
  e->station = g_strdup (member_text (o, "station"));
  e->person = g_strdup (member_text (o, "person"));
  e->kind = g_strdup (member_text (o, "kind"));
  if (child && !JSON_NODE_HOLDS_NULL (child))
    {
      if (!member_text (o, "child"))
        return NULL;
      e->child = g_strdup (member_text (o, "child"));
    }
  /* the detail as the store keeps it: json-glib's text of the object */
  if (JSON_NODE_HOLDS_VALUE (detail) && json_node_get_value_type (detail) == G_TYPE_STRING)
    e->detail = g_strdup (json_node_get_string (detail));
  else
    e->detail = json_to_string (detail, FALSE);
  return g_steal_pointer (&e);
}

/**
 * tx_audit_checkpoint_from_json:
 * @object: the object inside a line's "checkpoint"
 *
 * Returns: (transfer full) (nullable): the checkpoint, or %NULL if
 *   @object is not one
 */
TxAuditCheckpoint *
tx_audit_checkpoint_from_json (JsonObject *o)
{
  g_autoptr(TxAuditCheckpoint) c = g_new0 (TxAuditCheckpoint, 1);
  const char *signature = member_text (o, "signature");
  g_autofree guint8 *raw = NULL;
  gsize len = 0;

  if (!member_int (o, "seq", &c->seq) || !member_text (o, "at") || !member_text (o, "station") ||
      !member_hex (o, "hash", c->hash, TX_AUDIT_HASH_BYTES) ||
      !member_hex (o, "key_id", c->key_id, TX_STATION_KEY_ID_BYTES) || signature == NULL)
    return NULL;
  raw = g_base64_decode (signature, &len);
  if (len != TX_AUDIT_SIGNATURE_BYTES)
    return NULL;
  memcpy (c->signature, raw, len);
  c->at = g_strdup (member_text (o, "at"));
  c->station = g_strdup (member_text (o, "station"));
  return g_steal_pointer (&c);
}

/**
 * tx_store_audit_verify_file:
 * @path: a trail tx_store_audit_export() wrote
 *
 * Checks an exported trail. Its checkpoints are checked against the key
 * this store knows for the station (its own, or a trusted station's); the
 * key the file names only for a station unknown here.
 *
 * Returns: (transfer full): the verdict, or %NULL with @error set if the
 *   file cannot be read or is not an audit trail
 */
TxAuditVerdict *
tx_store_audit_verify_file (TxStore     *self,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxAuditChain) chain = NULL;
  g_autofree char *station = NULL;
  guint8 sign_pk[TX_STATION_PK_BYTES];
  gboolean have_pk = FALSE;
  guint i = 0;

  if (!g_file_get_contents (path, &text, NULL, error))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  /* the header: the station and its key */
  if (lines[0] && json_parser_load_from_data (parser, lines[0], -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) &&
      json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "tongxing_audit"))
    {
      JsonObject *h = json_node_get_object (json_parser_get_root (parser));
      const char *key = member_text (h, "sign_pk");

      station = g_strdup (member_text (h, "station"));
      if (station && self && station_sign_pk (self, station, sign_pk))
        have_pk = TRUE;
      else if (key)
        {
          g_autofree guint8 *raw = NULL;
          gsize len = 0;

          raw = g_base64_decode (key, &len);
          if (len == TX_STATION_PK_BYTES)
            {
              memcpy (sign_pk, raw, len);
              have_pk = TRUE;
            }
        }
      i = 1;
    }
  if (station == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s is not an audit trail: its first line does not name the station. Give a file "
                     "that “tongxing-cli audit export” wrote."), path);
      return NULL;
    }
  chain = tx_audit_chain_new (station, have_pk ? sign_pk : NULL, 0, NULL);
  for (; lines[i]; i++)
    {
      JsonObject *o;
      JsonNode *checkpoint;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!json_parser_load_from_data (parser, lines[i], -1, NULL) ||
          !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
        {
          tx_audit_chain_add_entry (chain, NULL);
          continue;
        }
      o = json_node_get_object (json_parser_get_root (parser));
      checkpoint = json_object_get_member (o, "checkpoint");
      if (checkpoint && JSON_NODE_HOLDS_OBJECT (checkpoint))
        {
          TxAuditCheckpoint *c = tx_audit_checkpoint_from_json (json_node_get_object (checkpoint));

          if (c)
            tx_audit_chain_add_checkpoint (chain, c);
          else
            tx_audit_chain_add_entry (chain, NULL);
        }
      else
        tx_audit_chain_add_entry (chain, tx_audit_entry_from_json (o));
    }
  return tx_audit_chain_verify (chain);
}

/**
 * tx_audit_verdict_describe:
 *
 * Returns: (transfer full): the verdict in a sentence: the trail unbroken,
 *   with its entries and checkpoints, or its first broken entry
 */
char *
tx_audit_verdict_describe (const TxAuditVerdict *v)
{
  if (v->broken != TX_AUDIT_UNBROKEN)
    return g_strdup (v->message);
  return g_strdup_printf (_("The audit trail is unbroken: %lld entries, %lld signed checkpoints."),
                          (long long) v->entries, (long long) v->checkpoints);
}
