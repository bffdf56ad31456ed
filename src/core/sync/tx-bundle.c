/* tx-bundle.c — signed, encrypted bundles between stations
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout is in docs/bundle-format.md. In short: a fixed head and a JSON
 * header, then the payload (the records as JSON lines, zlib-compressed,
 * encrypted with crypto_secretstream_xchacha20poly1305 under a random key
 * sealed for the recipient with crypto_box_seal); all of that is signed
 * with the sender's Ed25519 key as minisign signs a file (prehashed,
 * BLAKE2b-512), and the minisign signature text follows, with a trailer
 * that says its length.
 *
 * Reading checks the size, the trailer and the signature before anything
 * else is parsed; only a bundle signed by a trusted station is read
 * further. The import is one transaction.
 */

#define G_LOG_DOMAIN "tx-bundle"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-bundle-private.h"
#include "tx-sync-audit.h"
#include "tx-sync-restore.h"

G_DEFINE_QUARK (tx-bundle-error-quark, tx_bundle_error)

void
tx_bundle_info_free (TxBundleInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->sender);
  g_free (info->sender_name);
  g_free (info->sender_unit);
  g_free (info->recipient);
  g_free (info->recipient_name);
  g_free (info->created);
  g_free (info->prev_hash);
  g_free (info->payload_hash);
  g_free (info->hash);
  g_free (info->key_id);
  g_free (info->signature);
  g_free (info->warning);
  g_free (info);
}

char *
tx_bundle_hex (const guchar *data,
               gsize         len)
{
  char *out = g_malloc (len * 2 + 1);

  sodium_bin2hex (out, len * 2 + 1, data, len);
  return out;
}

static void
put_u32 (guchar  *p,
         guint32  v)
{
  for (int i = 0; i < 4; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

guint32
tx_bundle_get_u32 (const guchar *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
put_u64 (guchar  *p,
         guint64  v)
{
  for (int i = 0; i < 8; i++)
    p[i] = (v >> (8 * i)) & 0xff;
}

guint64
tx_bundle_get_u64 (const guchar *p)
{
  guint64 v = 0;

  for (int i = 7; i >= 0; i--)
    v = (v << 8) | p[i];
  return v;
}

gboolean
tx_bundle_io_error (GError    **error,
                    const char *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("%s cannot be written (%s). Check that the disk or USB stick has room and is not "
                 "write-protected; no bundle was made."), path, g_strerror (saved));
  return FALSE;
}

static FILE *
create_private (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  FILE *f;

  if (fd < 0)
    {
      tx_bundle_io_error (error, path);
      return NULL;
    }
  f = fdopen (fd, "w+b");
  if (f == NULL)
    {
      close (fd);
      tx_bundle_io_error (error, path);
    }
  return f;
}

/* Export */

typedef struct {
  FILE                                  *out;
  const char                            *path;
  crypto_secretstream_xchacha20poly1305_state st;
  GConverter                            *zlib;
  guchar                                *plain;   /* compressed bytes waiting to be encrypted */
  gsize                                  fill;
  crypto_generichash_state               hash;    /* of the payload as written */
  gint64                                 size;
} Writer;

static gboolean
writer_put (Writer        *w,
            const guchar  *data,
            gsize          len,
            GError       **error)
{
  if (len && fwrite (data, 1, len, w->out) != len)
    return tx_bundle_io_error (error, w->path);
  crypto_generichash_update (&w->hash, data, len);
  w->size += len;
  return TRUE;
}

static gboolean
writer_encrypt (Writer        *w,
                gboolean       final,
                GError       **error)
{
  guchar len[4];
  g_autofree guchar *c = g_malloc (w->fill + crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long clen;

  crypto_secretstream_xchacha20poly1305_push (&w->st, c, &clen, w->plain, w->fill, NULL, 0,
                                              final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  put_u32 (len, clen);
  w->fill = 0;
  return writer_put (w, len, 4, error) && writer_put (w, c, clen, error);
}

static gboolean
writer_compress (Writer       *w,
                 const char   *data,
                 gsize         len,
                 gboolean      end,
                 GError      **error)
{
  gsize read = 0;

  for (;;)
    {
      gsize in = 0, out = 0;
      GConverterResult r;

      if (w->fill == CHUNK && !writer_encrypt (w, FALSE, error))
        return FALSE;
      r = g_converter_convert (w->zlib, data + read, len - read, w->plain + w->fill, CHUNK - w->fill,
                               end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS, &in, &out, error);
      if (r == G_CONVERTER_ERROR)
        return FALSE;
      read += in;
      w->fill += out;
      if (r == G_CONVERTER_FINISHED)
        return TRUE;
      if (!end && read == len && w->fill < CHUNK)
        return TRUE;
    }
}

static gboolean
line_cb (const char  *line,
         gsize        len,
         gpointer     data,
         GError     **error)
{
  return writer_compress (data, line, len, FALSE, error);
}

gint64
tx_bundle_get_int (JsonObject *o,
                   const char *name,
                   gboolean   *ok)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64)
    {
      *ok = FALSE;
      return 0;
    }
  return json_node_get_int (n);
}

const char *
tx_bundle_get_str (JsonObject *o,
                   const char *name,
                   gboolean   *ok,
                   gboolean    nullable)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n && nullable && JSON_NODE_HOLDS_NULL (n))
    return NULL;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    {
      *ok = FALSE;
      return NULL;
    }
  return json_node_get_string (n);
}

/* The counts a header carries, by name */
const TxBundleCountName tx_bundle_count_names[TX_BUNDLE_N_COUNTS] = {
  { "children", G_STRUCT_OFFSET (TxSyncCounts, children) },
  { "visits", G_STRUCT_OFFSET (TxSyncCounts, visits) },
  { "urgent_cases", G_STRUCT_OFFSET (TxSyncCounts, urgent_cases) },
  { "services", G_STRUCT_OFFSET (TxSyncCounts, services) },
  { "tombstones", G_STRUCT_OFFSET (TxSyncCounts, tombstones) },
  { "transfers", G_STRUCT_OFFSET (TxSyncCounts, transfers), TRUE },
};

static char *
header_json (const TxBundleInfo *i)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "format");
  json_builder_add_string_value (b, "tongxing-bundle");
  json_builder_set_member_name (b, "version");
  json_builder_add_int_value (b, FORMAT_VERSION);
  json_builder_set_member_name (b, "sender");
  json_builder_add_string_value (b, i->sender);
  json_builder_set_member_name (b, "sender_name");
  json_builder_add_string_value (b, i->sender_name);
  json_builder_set_member_name (b, "sender_unit");
  json_builder_add_string_value (b, i->sender_unit);
  json_builder_set_member_name (b, "key_id");
  json_builder_add_string_value (b, i->key_id);
  json_builder_set_member_name (b, "recipient");
  json_builder_add_string_value (b, i->recipient);
  json_builder_set_member_name (b, "recipient_name");
  json_builder_add_string_value (b, i->recipient_name);
  json_builder_set_member_name (b, "created");
  json_builder_add_string_value (b, i->created);
  json_builder_set_member_name (b, "seq");
  json_builder_add_int_value (b, i->seq);
  json_builder_set_member_name (b, "prev");
  if (i->prev_hash)
    json_builder_add_string_value (b, i->prev_hash);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "ack");
  json_builder_add_int_value (b, i->ack);
  json_builder_set_member_name (b, "full");
  json_builder_add_boolean_value (b, i->full);
  /* only after a restore: a reader that does not know it goes on as before */
  if (i->restored > 0)
    {
      json_builder_set_member_name (b, "restored");
      json_builder_add_int_value (b, i->restored);
    }
  json_builder_set_member_name (b, "counts");
  json_builder_begin_object (b);
  for (guint k = 0; k < G_N_ELEMENTS (tx_bundle_count_names); k++)
    {
      json_builder_set_member_name (b, tx_bundle_count_names[k].name);
      json_builder_add_int_value (b, G_STRUCT_MEMBER (guint, &i->counts, tx_bundle_count_names[k].offset));
    }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "payload_size");
  json_builder_add_int_value (b, i->payload_size);
  json_builder_set_member_name (b, "payload_hash");
  json_builder_add_string_value (b, i->payload_hash);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
tx_bundle_trusted_comment (const TxBundleInfo *i)
{
  return g_strdup_printf ("tongxing bundle %" G_GINT64_FORMAT " from %s to %s, %s", i->seq, i->sender,
                          i->recipient, i->created);
}

/* The minisign signature file of the signed bytes' BLAKE2b-512 */
static char *
sign_text (const TxStationKeys *keys,
           const guchar        *prehash,
           const char          *comment,
           const char          *sender_name)
{
  guchar sig[2 + TX_KEY_ID_BYTES + crypto_sign_BYTES];
  g_autofree guchar *global_msg = NULL;
  guchar global[crypto_sign_BYTES];
  g_autofree char *sig64 = NULL, *global64 = NULL;
  gsize clen = strlen (comment);

  sig[0] = 'E';
  sig[1] = 'D';
  memcpy (sig + 2, keys->key_id, TX_KEY_ID_BYTES);
  crypto_sign_detached (sig + 2 + TX_KEY_ID_BYTES, NULL, prehash, crypto_generichash_BYTES_MAX, keys->sign_sk);
  global_msg = g_malloc (crypto_sign_BYTES + clen);
  memcpy (global_msg, sig + 2 + TX_KEY_ID_BYTES, crypto_sign_BYTES);
  memcpy (global_msg + crypto_sign_BYTES, comment, clen);
  crypto_sign_detached (global, NULL, global_msg, crypto_sign_BYTES + clen, keys->sign_sk);
  sig64 = g_base64_encode (sig, sizeof sig);
  global64 = g_base64_encode (global, sizeof global);
  return g_strdup_printf ("untrusted comment: signature from Tongxing station %s\n%s\ntrusted comment: %s\n%s\n",
                          sender_name, sig64, comment, global64);
}

/**
 * tx_bundle_export:
 * @recipient: the id of a trusted station
 * @full: every record, not only what changed since the recipient's last
 *   acknowledgement
 * @path: the bundle to write; it appears only once complete
 *
 * Returns: (transfer full) (nullable): the bundle's header
 */
TxBundleInfo *
tx_bundle_export (TxStore       *store,
                  const char    *recipient,
                  gboolean       full,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(TxBundleInfo) info = g_new0 (TxBundleInfo, 1);
  g_autoptr(TxStation) self = NULL, to = NULL;
  g_autofree char *tmp_payload = g_strconcat (path, ".payload.part", NULL);
  g_autofree char *tmp = g_strconcat (path, ".part", NULL);
  g_autofree char *header = NULL, *comment = NULL, *sig = NULL;
  g_autofree guchar *buf = NULL;
  TxStationKeys keys;
  TxStationPublic pub;
  Writer w = { 0 };
  guchar key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar sealed[SEALED_BYTES], ss_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  guchar payload_hash[crypto_generichash_BYTES], prehash[crypto_generichash_BYTES_MAX];
  guchar bundle_hash[crypto_generichash_BYTES], head[HEAD_BYTES], len8[8], trailer[TRAILER_BYTES];
  crypto_generichash_state sign_state, bundle_state;
  gint64 upto = 0, audit_upto = 0;
  FILE *out = NULL;
  gboolean ok = FALSE;
  guchar prev_hash[TX_STATION_HASH_BYTES];
  gboolean have_prev;

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error))
    return NULL;

  if (!tx_store_check_output (path, error))
    return NULL;
  /* the trail the county gets is signed up to its last entry */
  if (!tx_station_audit_checkpoint (store, error) ||
      !(self = tx_station_self (store, error)) || !tx_station_load_keys (store, &keys, error))
    return NULL;
  to = tx_store_station_get (store, recipient, NULL);
  if (to && to->replaced_by)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_NOT_TRUSTED,
                   _("%s lost its store and was replaced by the station %s; no bundle is made for its "
                     "old identity. Make the exchange file for the station that replaced it."),
                   to->name, to->replaced_by);
      goto wipe;
    }
  if (to == NULL || to->revoked_at || !tx_station_public (store, recipient, &pub))
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_NOT_TRUSTED,
                   to ? _("The trust in %s was revoked; no bundle is made for it.")
                      : _("No station %s is trusted here. Trust it first with its identity file "
                          "(“station trust”)."), to ? to->name : recipient);
      goto wipe;
    }

  info->sender = g_strdup (self->id);
  info->sender_name = g_strdup (self->name);
  info->sender_unit = g_strdup (self->unit);
  info->key_id = g_strdup (self->key_id);
  info->recipient = g_strdup (to->id);
  info->recipient_name = g_strdup (to->name);
  info->created = tx_store_now_iso ();
  info->seq = to->out_seq + 1;
  info->ack = to->in_seq;
  info->full = full;
  if (!tx_sync_restored_since (store, to, &info->restored, error))
    goto wipe;
  if (!tx_store_station_out_hash (store, recipient, prev_hash, &have_prev, error))
    goto wipe;
  if (have_prev)
    info->prev_hash = tx_bundle_hex (prev_hash, sizeof prev_hash);

  /* the payload, into a file of its own first: its size and hash go in the header */
  if (!(w.out = create_private (tmp_payload, error)))
    goto wipe;
  w.path = path;
  w.zlib = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6));
  w.plain = g_malloc (CHUNK);
  crypto_generichash_init (&w.hash, NULL, 0, crypto_generichash_BYTES);
  crypto_secretstream_xchacha20poly1305_keygen (key);
  crypto_box_seal (sealed, key, sizeof key, pub.box_pk);
  crypto_secretstream_xchacha20poly1305_init_push (&w.st, ss_header, key);
  sodium_memzero (key, sizeof key);
  if (!writer_put (&w, sealed, sizeof sealed, error) || !writer_put (&w, ss_header, sizeof ss_header, error) ||
      !tx_sync_export_lines (store, recipient, &info->full, line_cb, &w, &info->counts, &upto, &audit_upto,
                             cancellable, error) ||
      !writer_compress (&w, NULL, 0, TRUE, error) || !writer_encrypt (&w, TRUE, error))
    goto fail;
  if (fflush (w.out) != 0)
    {
      tx_bundle_io_error (error, path);
      goto fail;
    }
  crypto_generichash_final (&w.hash, payload_hash, sizeof payload_hash);
  info->payload_hash = tx_bundle_hex (payload_hash, sizeof payload_hash);
  info->payload_size = w.size;

  /* head, header, payload: the signed bytes */
  header = header_json (info);
  if (!(out = create_private (tmp, error)))
    goto fail;
  crypto_generichash_init (&sign_state, NULL, 0, sizeof prehash);
  crypto_generichash_init (&bundle_state, NULL, 0, sizeof bundle_hash);
  memcpy (head, MAGIC, 8);
  put_u32 (head + 8, FORMAT_VERSION);
  put_u32 (head + 12, strlen (header));
  put_u64 (len8, w.size);
#define EMIT(data, len) G_STMT_START { \
    if ((len) && fwrite ((data), 1, (len), out) != (len)) { tx_bundle_io_error (error, path); goto fail; } \
    crypto_generichash_update (&sign_state, (const guchar *) (data), (len)); \
    crypto_generichash_update (&bundle_state, (const guchar *) (data), (len)); \
  } G_STMT_END
  EMIT (head, sizeof head);
  EMIT (header, strlen (header));
  EMIT (len8, sizeof len8);
  rewind (w.out);
  buf = g_malloc (CHUNK * 4);
  for (;;)
    {
      size_t n = fread (buf, 1, CHUNK * 4, w.out);
      if (n == 0)
        break;
      EMIT (buf, n);
    }
#undef EMIT
  if (ferror (w.out))
    {
      tx_bundle_io_error (error, path);
      goto fail;
    }
  crypto_generichash_final (&sign_state, prehash, sizeof prehash);
  crypto_generichash_final (&bundle_state, bundle_hash, sizeof bundle_hash);
  info->hash = tx_bundle_hex (bundle_hash, sizeof bundle_hash);
  comment = tx_bundle_trusted_comment (info);
  sig = sign_text (&keys, prehash, comment, self->name);
  put_u32 (trailer, strlen (sig));
  memcpy (trailer + 4, END_MAGIC, 8);
  if (fwrite (sig, 1, strlen (sig), out) != strlen (sig) || fwrite (trailer, 1, sizeof trailer, out) != sizeof trailer ||
      fflush (out) != 0 || fsync (fileno (out)) != 0)
    {
      tx_bundle_io_error (error, path);
      goto fail;
    }
  if (fclose (out) != 0)
    {
      out = NULL;
      tx_bundle_io_error (error, path);
      goto fail;
    }
  out = NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;

  /* recorded, then the file takes its name: a bundle never made is never counted */
  if (!tx_store_begin (store, error))
    goto fail;
  if (!tx_store_station_bundle_sent (store, recipient, info->seq, upto, audit_upto, bundle_hash, info->created, error) ||
      !tx_sync_audit_bundle (store, "bundle.export", recipient, &info->counts, error))
    {
      tx_store_rollback (store);
      goto fail;
    }
  if (g_rename (tmp, path) != 0)
    {
      tx_bundle_io_error (error, path);
      tx_store_rollback (store);
      goto fail;
    }
  if (!tx_store_commit (store, error))
    {
      g_unlink (path);
      goto fail;
    }
  ok = TRUE;

fail:
  if (out)
    fclose (out);
  if (w.out)
    fclose (w.out);
  g_clear_object (&w.zlib);
  g_free (w.plain);
  g_unlink (tmp_payload);
  if (!ok)
    g_unlink (tmp);
wipe:
  sodium_memzero (&keys, sizeof keys);
  return ok ? g_steal_pointer (&info) : NULL;
}
