/* tx-bundle-read.c — reading a bundle: its signature, its header, its payload, the import
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading checks the size, the trailer and the signature before anything
 * else is parsed; only a bundle signed by a trusted station is read
 * further. A thread reads, decrypts and parses the payload while the store
 * merges the batches it hands over; the import is one transaction.
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tx-bundle-private.h"
#include "tx-sync-audit.h"
#include "tx-sync-restore.h"

/* Reading */

typedef struct {
  int              fd;
  const char      *path;
  gint64           size;
  gint64           signed_len;
  char            *sig_text;
  guchar           sig[crypto_sign_BYTES];
  guchar           global[crypto_sign_BYTES];
  guchar           key_id[TX_KEY_ID_BYTES];
  char            *comment;
  guchar           hash[crypto_generichash_BYTES];   /* of the signed bytes */
  TxStation       *station;                          /* the signer, if trusted here */
  TxStationPublic  pub;
} Reader;

static void
reader_clear (Reader *r)
{
  if (r->fd >= 0)
    close (r->fd);
  g_free (r->sig_text);
  g_free (r->comment);
  g_clear_pointer (&r->station, tx_station_free);
}

static gboolean
read_at (Reader   *r,
         gint64    offset,
         void     *buf,
         gsize     len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = pread (r->fd, (char *) buf + done, len - done, offset + done);
      if (n <= 0)
        return FALSE;
      done += n;
    }
  return TRUE;
}

static gboolean
fail (GError     **error,
      int          code,
      const char  *message)
{
  g_set_error_literal (error, TX_BUNDLE_ERROR, code, message);
  return FALSE;
}

/* The file, its trailer and the minisign signature text, parsed strictly */
static gboolean
reader_open (Reader      *r,
             const char  *path,
             GError     **error)
{
  guchar trailer[TRAILER_BYTES], magic[8];
  g_auto(GStrv) lines = NULL;
  GStatBuf st;
  guint32 sig_len;
  gsize n;
  g_autofree guchar *blob = NULL, *global = NULL;

  r->fd = -1;
  r->path = path;
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no bundle at %s. Check the name and that the USB stick is inserted."), path);
      return FALSE;
    }
  r->size = st.st_size;
  if (r->size > MAX_BUNDLE)
    return fail (error, TX_BUNDLE_ERROR_TOO_LARGE,
                 _("The file is larger than any bundle can be (4 GiB); it is not a Tongxing bundle."));
  r->fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (r->fd < 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("%s cannot be read (%s)."), path, g_strerror (saved));
      return FALSE;
    }
  if (r->size < 8 || !read_at (r, 0, magic, 8) || memcmp (magic, MAGIC, 8) != 0)
    return fail (error, TX_BUNDLE_ERROR_NOT_A_BUNDLE,
                 _("This file is not a Tongxing bundle. Choose the .txb file made with "
                   "“Export for…” on the other station."));
  if (r->size < HEAD_BYTES + 8 + TRAILER_BYTES || !read_at (r, r->size - TRAILER_BYTES, trailer, sizeof trailer) ||
      memcmp (trailer + 4, END_MAGIC, 8) != 0)
    return fail (error, TX_BUNDLE_ERROR_TRUNCATED,
                 _("The bundle is incomplete: it was cut short, perhaps when the USB stick was pulled "
                   "out too early. Copy it again from the sending station; nothing was imported."));
  sig_len = tx_bundle_get_u32 (trailer);
  if (sig_len < 16 || sig_len > MAX_SIGNATURE || sig_len > r->size - TRAILER_BYTES - HEAD_BYTES - 8)
    return fail (error, TX_BUNDLE_ERROR_SIGNATURE,
                 _("The bundle's signature is missing or damaged: the file was changed after it was "
                   "signed. Do not use it; ask the sending station for a new bundle."));
  r->signed_len = r->size - TRAILER_BYTES - sig_len;
  r->sig_text = g_malloc0 (sig_len + 1);
  if (!read_at (r, r->signed_len, r->sig_text, sig_len))
    return fail (error, TX_BUNDLE_ERROR_TRUNCATED, _("The bundle cannot be read to its end."));

  /* untrusted comment, signature, trusted comment, global signature */
  lines = g_strsplit (r->sig_text, "\n", -1);
  if (g_strv_length (lines) != 5 || lines[4][0] != 0 ||
      !g_str_has_prefix (lines[0], "untrusted comment: ") || !g_str_has_prefix (lines[2], "trusted comment: ") ||
      !g_utf8_validate (r->sig_text, -1, NULL) ||
      !(blob = g_base64_decode (lines[1], &n)) || n != 2 + TX_KEY_ID_BYTES + crypto_sign_BYTES ||
      blob[0] != 'E' || blob[1] != 'D' ||
      !(global = g_base64_decode (lines[3], &n)) || n != crypto_sign_BYTES)
    return fail (error, TX_BUNDLE_ERROR_SIGNATURE,
                 _("The bundle's signature is missing or damaged: the file was changed after it was "
                   "signed. Do not use it; ask the sending station for a new bundle."));
  /* base64 has spare bits: only the one way of writing the bytes is taken */
  {
    g_autofree char *sig64 = g_base64_encode (blob, 2 + TX_KEY_ID_BYTES + crypto_sign_BYTES);
    g_autofree char *global64 = g_base64_encode (global, crypto_sign_BYTES);
    if (!g_str_equal (sig64, lines[1]) || !g_str_equal (global64, lines[3]))
      return fail (error, TX_BUNDLE_ERROR_SIGNATURE,
                   _("The bundle's signature is missing or damaged: the file was changed after it was "
                     "signed. Do not use it; ask the sending station for a new bundle."));
  }
  memcpy (r->key_id, blob + 2, TX_KEY_ID_BYTES);
  memcpy (r->sig, blob + 2 + TX_KEY_ID_BYTES, crypto_sign_BYTES);
  memcpy (r->global, global, crypto_sign_BYTES);
  r->comment = g_strdup (lines[2] + strlen ("trusted comment: "));
  return TRUE;
}

/* Hashes the signed bytes and checks both signatures with @pub */
static gboolean
reader_verify (Reader        *r,
               GCancellable  *cancellable,
               gboolean      *valid,
               GError       **error)
{
  crypto_generichash_state pre, whole;
  guchar prehash[crypto_generichash_BYTES_MAX];
  g_autofree guchar *buf = g_malloc (1 << 20);
  g_autofree guchar *global_msg = NULL;
  gsize clen = strlen (r->comment);
  gint64 off = 0;

  crypto_generichash_init (&pre, NULL, 0, sizeof prehash);
  crypto_generichash_init (&whole, NULL, 0, sizeof r->hash);
  while (off < r->signed_len)
    {
      gsize n = MIN ((gint64) (1 << 20), r->signed_len - off);
      if (!read_at (r, off, buf, n))
        return fail (error, TX_BUNDLE_ERROR_TRUNCATED, _("The bundle cannot be read to its end."));
      crypto_generichash_update (&pre, buf, n);
      crypto_generichash_update (&whole, buf, n);
      off += n;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
  crypto_generichash_final (&pre, prehash, sizeof prehash);
  crypto_generichash_final (&whole, r->hash, sizeof r->hash);
  global_msg = g_malloc (crypto_sign_BYTES + clen);
  memcpy (global_msg, r->sig, crypto_sign_BYTES);
  memcpy (global_msg + crypto_sign_BYTES, r->comment, clen);
  *valid = crypto_sign_verify_detached (r->sig, prehash, sizeof prehash, r->pub.sign_pk) == 0 &&
           crypto_sign_verify_detached (r->global, global_msg, crypto_sign_BYTES + clen, r->pub.sign_pk) == 0;
  return TRUE;
}

/* The head and the JSON header of a bundle whose signature was checked (or,
 * for inspect, of any bundle: bounded, and parsed as data only) */
static gboolean
reader_header (Reader         *r,
               TxBundleInfo   *info,
               gint64         *payload_offset,
               GError        **error)
{
  guchar head[HEAD_BYTES], len8[8];
  guint32 hlen;
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonObject *o, *counts;
  JsonNode *root, *cn;
  gboolean ok = TRUE;
  const char *format;
  const char *malformed = _("The bundle is signed but its header cannot be read: it was made by a "
                            "newer version of Tongxing, or by another program. Update Tongxing, or ask "
                            "the sending station which version made it.");

  if (!read_at (r, 0, head, sizeof head))
    return fail (error, TX_BUNDLE_ERROR_MALFORMED, malformed);
  hlen = tx_bundle_get_u32 (head + 12);
  if (tx_bundle_get_u32 (head + 8) != FORMAT_VERSION || hlen == 0 || hlen > MAX_HEADER ||
      HEAD_BYTES + (gint64) hlen + 8 > r->signed_len)
    return fail (error, TX_BUNDLE_ERROR_MALFORMED, malformed);
  text = g_malloc0 (hlen + 1);
  if (!read_at (r, HEAD_BYTES, text, hlen) || !read_at (r, HEAD_BYTES + hlen, len8, 8))
    return fail (error, TX_BUNDLE_ERROR_MALFORMED, malformed);
  *payload_offset = HEAD_BYTES + hlen + 8;
  if ((gint64) tx_bundle_get_u64 (len8) != r->signed_len - *payload_offset || !g_utf8_validate (text, hlen, NULL) ||
      !json_parser_load_from_data (parser, text, hlen, NULL) || !(root = json_parser_get_root (parser)) ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return fail (error, TX_BUNDLE_ERROR_MALFORMED, malformed);
  o = json_node_get_object (root);
  format = tx_bundle_get_str (o, "format", &ok, FALSE);
  info->sender = g_strdup (tx_bundle_get_str (o, "sender", &ok, FALSE));
  info->sender_name = g_strdup (tx_bundle_get_str (o, "sender_name", &ok, FALSE));
  info->sender_unit = g_strdup (tx_bundle_get_str (o, "sender_unit", &ok, FALSE));
  info->recipient = g_strdup (tx_bundle_get_str (o, "recipient", &ok, FALSE));
  info->recipient_name = g_strdup (tx_bundle_get_str (o, "recipient_name", &ok, FALSE));
  info->created = g_strdup (tx_bundle_get_str (o, "created", &ok, FALSE));
  info->prev_hash = g_strdup (tx_bundle_get_str (o, "prev", &ok, TRUE));
  info->payload_hash = g_strdup (tx_bundle_get_str (o, "payload_hash", &ok, FALSE));
  info->seq = tx_bundle_get_int (o, "seq", &ok);
  info->ack = tx_bundle_get_int (o, "ack", &ok);
  info->payload_size = tx_bundle_get_int (o, "payload_size", &ok);
  cn = json_object_get_member (o, "full");
  info->full = cn && JSON_NODE_HOLDS_VALUE (cn) && json_node_get_value_type (cn) == G_TYPE_BOOLEAN &&
               json_node_get_boolean (cn);
  if (json_object_has_member (o, "restored"))
    info->restored = tx_bundle_get_int (o, "restored", &ok);
  cn = json_object_get_member (o, "counts");
  counts = cn && JSON_NODE_HOLDS_OBJECT (cn) ? json_node_get_object (cn) : NULL;
  for (guint k = 0; counts && k < G_N_ELEMENTS (tx_bundle_count_names); k++)
    if (!tx_bundle_count_names[k].later || json_object_has_member (counts, tx_bundle_count_names[k].name))
      G_STRUCT_MEMBER (guint, &info->counts, tx_bundle_count_names[k].offset) =
        tx_bundle_get_int (counts, tx_bundle_count_names[k].name, &ok);
  if (!ok || counts == NULL || g_strcmp0 (format, "tongxing-bundle") != 0 || info->seq < 1 || info->ack < 0 ||
      info->restored < 0 || info->payload_size != r->signed_len - *payload_offset)
    return fail (error, TX_BUNDLE_ERROR_MALFORMED, malformed);
  return TRUE;
}

/* The payload is read on a thread of its own: decrypted, decompressed, cut
 * into lines and parsed there, while the store applies the lines before
 * them. The lines travel in batches; a fixed number of batches is in flight
 * (so memory does not grow with the bundle), and the last batch says how
 * the reading ended. */
#define BATCH_LINES  256
#define BATCHES      8

typedef struct {
  GPtrArray  *nodes;      /* TxSyncLine */
  gboolean    last;
  GError     *error;      /* with the last: why the reading stopped */
} Batch;

static void
batch_free (Batch *b)
{
  g_ptr_array_unref (b->nodes);
  g_clear_error (&b->error);
  g_free (b);
}

static Batch *
batch_new (void)
{
  Batch *b = g_new0 (Batch, 1);

  b->nodes = g_ptr_array_new_full (BATCH_LINES, (GDestroyNotify) tx_sync_line_free);
  return b;
}

typedef struct {
  Reader              *r;
  gint64               offset;
  const TxStationKeys *keys;
  const char          *payload_hash;
  GCancellable        *cancellable;
  GAsyncQueue         *full;          /* batches for the store */
  GAsyncQueue         *free;          /* batches back from the store, to fill again */
  int                  stop;          /* the store stopped: read no further */
  int                 *progress;      /* (nullable) in thousandths, read by another thread */

  /* the reading thread's own */
  JsonParser          *parser;
  GConverter          *zlib;
  GString             *line;
  Batch               *batch;
  gint64               inflated;
  gint64               max_inflated;
  gboolean             finished;
} Payload;

static gboolean
damaged (GError **error)
{
  return fail (error, TX_BUNDLE_ERROR_DAMAGED,
               _("The bundle's contents are damaged: they do not decrypt or unpack. Ask the sending "
                 "station for a new bundle; nothing was imported."));
}

/* An import's progress in thousandths, for a window to show while it runs */
#define PROGRESS_READ 900

static void
set_progress (int    *progress,
              gint64  permille)
{
  if (progress)
    g_atomic_int_set (progress, (int) CLAMP (permille, 0, 1000));
}

/* The next batch to fill: one the store is done with, its lines freed here
 * (freeing them takes as long as a tenth of the import) */
static void
next_batch (Payload *p)
{
  p->batch = g_async_queue_pop (p->free);
  g_ptr_array_set_size (p->batch->nodes, 0);
}

/* Sends the batch being filled; FALSE when the store wants no more */
static gboolean
send_batch (Payload *p)
{
  g_async_queue_push (p->full, g_steal_pointer (&p->batch));
  next_batch (p);
  return !g_atomic_int_get (&p->stop);
}

static gboolean
payload_lines (Payload       *p,
               const guchar  *data,
               gsize          len,
               gboolean       end,
               GError       **error)
{
  guchar out[CHUNK];
  gsize read = 0;

  do
    {
      gsize in = 0, made = 0;
      g_autoptr(GError) zerr = NULL;
      GConverterResult res;

      if (p->finished)
        return len == read ? TRUE : damaged (error);
      res = g_converter_convert (p->zlib, data + read, len - read, out, sizeof out,
                                 end ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS, &in, &made, &zerr);
      if (res == G_CONVERTER_ERROR)
        {
          /* more input is needed for the next bytes */
          if (g_error_matches (zerr, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT) && !end)
            return TRUE;
          return damaged (error);
        }
      read += in;
      p->inflated += made;
      if (p->inflated > p->max_inflated)
        return damaged (error);
      for (gsize i = 0; i < made;)
        {
          const guchar *nl = memchr (out + i, '\n', made - i);
          gsize n = (nl ? (gsize) (nl - out) : made) - i;

          if (p->line->len + n > MAX_LINE)
            return damaged (error);
          g_string_append_len (p->line, (const char *) out + i, n);
          i += n;
          if (nl == NULL)
            break;
          i++;
          g_ptr_array_add (p->batch->nodes, tx_sync_line_parse (p->parser, p->line->str, p->line->len));
          g_string_truncate (p->line, 0);
          if (p->batch->nodes->len == BATCH_LINES && !send_batch (p))
            return TRUE;
        }
      if (res == G_CONVERTER_FINISHED)
        p->finished = TRUE;
    }
  while (read < len || (end && !p->finished));
  return TRUE;
}

static gboolean
read_lines (Payload  *p,
            GError  **error)
{
  crypto_secretstream_xchacha20poly1305_state st;
  Reader *r = p->r;
  guchar sealed[SEALED_BYTES], key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guchar ss_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES], len4[4];
  guchar hash[crypto_generichash_BYTES];
  crypto_generichash_state hs;
  g_autofree guchar *c = g_malloc (CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES);
  g_autofree guchar *m = g_malloc (CHUNK);
  g_autofree char *got = NULL;
  gint64 off = p->offset, end = r->signed_len;
  gboolean final = FALSE, ok = FALSE;

  crypto_generichash_init (&hs, NULL, 0, sizeof hash);
  if (end - off < (gint64) (sizeof sealed + sizeof ss_header) || !read_at (r, off, sealed, sizeof sealed) ||
      !read_at (r, off + sizeof sealed, ss_header, sizeof ss_header))
    return damaged (error);
  crypto_generichash_update (&hs, sealed, sizeof sealed);
  crypto_generichash_update (&hs, ss_header, sizeof ss_header);
  off += sizeof sealed + sizeof ss_header;
  if (crypto_box_seal_open (key, sealed, sizeof sealed, p->keys->box_pk, p->keys->box_sk) != 0)
    return fail (error, TX_BUNDLE_ERROR_DAMAGED,
                 _("The bundle cannot be opened with this station's keys: it was made for this station's "
                   "name but with other keys (was this station set up again?). Send this station's "
                   "identity to the sender again, and ask for a new bundle."));
  if (crypto_secretstream_xchacha20poly1305_init_pull (&st, ss_header, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      return damaged (error);
    }
  sodium_memzero (key, sizeof key);

  /* more than a hundred times its packed size is not a bundle but a bomb */
  p->max_inflated = (r->signed_len - p->offset) * 100 + (1 << 20);
  while (off < end)
    {
      guint32 clen;
      unsigned long long mlen;
      guchar tag;

      if (final || end - off < 4 || !read_at (r, off, len4, 4))
        goto damaged;
      clen = tx_bundle_get_u32 (len4);
      if (clen < crypto_secretstream_xchacha20poly1305_ABYTES ||
          clen > CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES || end - off - 4 < clen ||
          !read_at (r, off + 4, c, clen))
        goto damaged;
      crypto_generichash_update (&hs, len4, 4);
      crypto_generichash_update (&hs, c, clen);
      off += 4 + clen;
      if (crypto_secretstream_xchacha20poly1305_pull (&st, m, &mlen, &tag, c, clen, NULL, 0) != 0)
        goto damaged;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      if (!payload_lines (p, m, mlen, final, error))
        goto out;
      /* reading and applying the lines is most of an import: nine tenths */
      set_progress (p->progress, (off - p->offset) * PROGRESS_READ / MAX (end - p->offset, 1));
      /* the store stopped at a line it refused: its error is the one said */
      if (g_atomic_int_get (&p->stop) || g_cancellable_set_error_if_cancelled (p->cancellable, error))
        goto out;
    }
  crypto_generichash_final (&hs, hash, sizeof hash);
  got = tx_bundle_hex (hash, sizeof hash);
  if (!final || !p->finished || p->line->len || g_strcmp0 (got, p->payload_hash) != 0)
    goto damaged;
  ok = TRUE;
  goto out;

damaged:
  damaged (error);
out:
  sodium_memzero (m, CHUNK);
  return ok;
}

static gpointer
reading_thread (gpointer data)
{
  Payload *p = data;
  GError *error = NULL;

  next_batch (p);
  if (!read_lines (p, &error) && error == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
  p->batch->last = TRUE;
  p->batch->error = error;
  g_async_queue_push (p->full, g_steal_pointer (&p->batch));
  return NULL;
}

static gboolean
read_payload (Reader              *r,
              gint64               offset,
              const TxStationKeys *keys,
              TxSyncApply         *apply,
              const char          *payload_hash,
              GCancellable        *cancellable,
              int                 *progress,
              GError             **error)
{
  Payload p = { r, offset, keys, payload_hash, cancellable };
  GThread *thread;
  Batch *b;
  gboolean ok = TRUE;

  p.progress = progress;
  p.full = g_async_queue_new ();
  p.free = g_async_queue_new ();
  for (guint i = 0; i < BATCHES; i++)
    g_async_queue_push (p.free, batch_new ());
  p.parser = json_parser_new_immutable ();
  p.zlib = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
  p.line = g_string_new (NULL);
  thread = g_thread_new ("tx-bundle-read", reading_thread, &p);

  /* every batch is taken until the last, also after a refusal: the
   * reading thread is never left waiting */
  for (;;)
    {
      gboolean last;
      b = g_async_queue_pop (p.full);
      last = b->last;

      for (guint i = 0; ok && i < b->nodes->len; i++)
        ok = tx_sync_apply_parsed (apply, b->nodes->pdata[i], error);
      if (ok && last && b->error)
        {
          g_propagate_error (error, g_steal_pointer (&b->error));
          ok = FALSE;
        }
      if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      if (!ok)
        g_atomic_int_set (&p.stop, 1);
      g_async_queue_push (p.free, b);
      if (last)
        break;
    }
  g_thread_join (thread);

  while ((b = g_async_queue_try_pop (p.free)))
    batch_free (b);
  g_async_queue_unref (p.full);
  g_async_queue_unref (p.free);
  g_object_unref (p.parser);
  g_object_unref (p.zlib);
  g_string_free (p.line, TRUE);
  return ok;
}

static const char *
signature_word (gboolean    known,
                gboolean    valid,
                TxStation  *station)
{
  if (!known)
    return "unknown key";
  if (!valid)
    return "invalid";
  return station->revoked_at ? "revoked" : "valid";
}

/* Drops @table's indexes, but for those of identity numbers and change
 * counters, when a bundle brings at least @least of its records and more
 * than are here */
static gboolean
bulk_indexes (TxStore     *store,
              const char  *table,
              guint        coming,
              guint        least,
              GPtrArray  **dropped,
              GError     **error)
{
  /* the duplicate check reads the one; the change counters fill in order */
  static const char *const keep[] = { "child_id_number", "child_sync", "visit_sync", NULL };
  gint64 have;
  gboolean bulk;

  *dropped = NULL;
  if (coming < least)
    return TRUE;
  if ((have = tx_store_table_count (store, table, error)) < 0)
    return FALSE;
  bulk = coming > have;
  if (bulk)
    *dropped = tx_store_indexes_drop (store, table, keep, error);
  return !bulk || *dropped != NULL;
}

/* The time and memory an import's step took, for G_MESSAGES_DEBUG=tx-bundle */
static void
debug_step (const char *step,
            gint64     *since)
{
  gint64 now = g_get_monotonic_time ();
  g_autofree char *status = NULL;
  const char *hwm;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  hwm = status ? strstr (status, "VmHWM:") : NULL;
  g_debug ("import: %s %.2f s, peak RSS %ld MB", step, (now - *since) / 1e6,
           hwm ? atol (hwm + strlen ("VmHWM:")) / 1024 : -1);
  *since = now;
}

/**
 * tx_bundle_import:
 *
 * Checks a bundle and applies it, all or nothing. A refused bundle changes
 * nothing, and the error says why and what to do.
 *
 * Returns: (transfer full) (nullable): the header, with what the import did
 *   in its counts
 */
TxBundleInfo *
tx_bundle_import (TxStore       *store,
                  const char    *path,
                  GCancellable  *cancellable,
                  GError       **error)
{
  return tx_bundle_import_full (store, path, cancellable, NULL, error);
}

/**
 * tx_bundle_import_full:
 * @progress: (nullable): set as the import goes, in thousandths, with
 *   g_atomic_int_set(): another thread may show it
 *
 * tx_bundle_import(), telling how far it is.
 */
TxBundleInfo *
tx_bundle_import_full (TxStore       *store,
                       const char    *path,
                       GCancellable  *cancellable,
                       int           *progress,
                       GError       **error)
{
  g_autoptr(TxBundleInfo) info = g_new0 (TxBundleInfo, 1);
  g_autoptr(TxStation) self = NULL;
  g_autoptr(TxSyncApply) apply = NULL;
  g_autofree char *want_comment = NULL, *hash_hex = NULL, *now = tx_store_now_iso ();
  g_autofree char *in_hash = NULL, *imported_at = NULL;
  guchar in_hash_bytes[TX_STATION_HASH_BYTES];
  gboolean have_in_hash;
  Reader r = { .fd = -1 };
  TxStationKeys keys;
  gint64 offset = 0, in_seq = 0;
  g_autoptr(GPtrArray) child_indexes = NULL, visit_indexes = NULL;
  gboolean valid = FALSE, ok = FALSE, behind;
  TxSyncCounts did;
  g_autoptr(GError) local = NULL;
  gint64 step = 0;

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error))
    return NULL;

  if (!(self = tx_station_self (store, error)) || !tx_station_load_keys (store, &keys, error))
    return NULL;
  if (!reader_open (&r, path, error))
    goto out;
  r.station = tx_station_by_key_id (store, r.key_id, &r.pub, &local);
  info->key_id = tx_station_key_id_hex (r.key_id);
  if (local)
    {
      /* the disk failed reading the stations trusted here: not a stranger's key */
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  if (r.station == NULL)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_UNKNOWN_KEY,
                   _("The bundle is signed by a station this one does not trust (key %s). If it is one "
                     "of yours, trust it first with its identity file and fingerprint (“station trust”)."),
                   info->key_id);
      goto out;
    }
  if (!reader_verify (&r, cancellable, &valid, error))
    goto out;
  if (!valid)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_SIGNATURE,
                   _("The bundle's signature does not match its contents: the file was changed after %s "
                     "signed it. Do not use it; ask %s for a new bundle."), r.station->name, r.station->name);
      goto out;
    }
  if (r.station->replaced_by)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_REVOKED,
                   _("The bundle is from %s, whose trust was revoked on %.10s when it lost its store; the "
                     "station %s replaced it, and bundles signed with its old keys are refused. Ask the "
                     "township for an exchange file from its new workstation."),
                   r.station->name, r.station->revoked_at, r.station->replaced_by);
      goto out;
    }
  if (r.station->revoked_at)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_REVOKED,
                   _("The bundle is from %s, whose trust was revoked on %.10s; it is refused. Trust the "
                     "station again with a new identity file if it should send bundles again."),
                   r.station->name, r.station->revoked_at);
      goto out;
    }
  if (!reader_header (&r, info, &offset, error))
    goto out;
  want_comment = tx_bundle_trusted_comment (info);
  if (g_strcmp0 (info->sender, r.station->id) != 0 || g_strcmp0 (want_comment, r.comment) != 0)
    {
      g_set_error_literal (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_MALFORMED,
                           _("The bundle's header does not agree with its signature; it is refused."));
      goto out;
    }
  /* minisign does not sign the untrusted comment; this station insists on
   * its exact text all the same, so that no byte of a bundle can change */
  {
    g_autofree char *want = g_strdup_printf ("untrusted comment: signature from Tongxing station %s\n",
                                             info->sender_name);
    if (!g_str_has_prefix (r.sig_text, want))
      {
        g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_SIGNATURE,
                     _("The bundle's signature block was changed after %s signed it. Do not use it; ask "
                       "%s for a new bundle."), r.station->name, r.station->name);
        goto out;
      }
  }
  info->signature = g_strdup ("valid");
  info->hash = tx_bundle_hex (r.hash, sizeof r.hash);
  if (!g_str_equal (info->recipient, self->id))
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_WRONG_RECIPIENT,
                   _("This bundle from %s is for %s, not for this station (%s). Give it to %s; nothing "
                     "was imported."), info->sender_name, info->recipient_name, self->name, info->recipient_name);
      goto out;
    }

  /* imported already, or older than one imported */
  if (!tx_store_bundle_imported_at (store, r.hash, &imported_at, error))
    goto out;
  if (imported_at)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_REPLAYED,
                   _("Bundle %lld from %s was imported already, on %.10s; importing it "
                     "again changes nothing."), (long long) info->seq, info->sender_name, imported_at);
      goto out;
    }
  if (!tx_store_station_in (store, info->sender, &in_seq, in_hash_bytes, &have_in_hash, error))
    goto out;
  if (have_in_hash)
    in_hash = tx_bundle_hex (in_hash_bytes, sizeof in_hash_bytes);
  /* a station restored from an older backup numbers its bundles from where
   * the backup left until it learns (from a bundle of ours) how far we
   * are: one that says so is taken, whatever its number. It is signed, and
   * was never imported (its hash): a merge is the same in any order */
  behind = info->seq <= in_seq;
  if (behind && info->restored == 0)
    {
      g_set_error (error, TX_BUNDLE_ERROR, TX_BUNDLE_ERROR_REPLAYED,
                   _("Bundle %lld from %s is older than bundle %lld, "
                     "imported already; it changes nothing. Import the newest bundle from %s instead."),
                   (long long) info->seq, info->sender_name, (long long) in_seq, info->sender_name);
      goto out;
    }
  /* a gap is said, not refused: every bundle carries all that was not
   * acknowledged yet, so the later one holds what the missing one had */
  if (behind)
    ;
  else if (info->seq > in_seq + 1)
    {
      if (info->seq == in_seq + 2)
        info->warning = g_strdup_printf (_("Bundle %lld from %s is missing; this later one "
                                           "holds everything it had, so nothing is lost."),
                                         (long long) in_seq + 1, info->sender_name);
      else
        info->warning = g_strdup_printf (_("Bundles %lld to %lld from %s are "
                                           "missing; this later one holds everything they had, so nothing "
                                           "is lost."), (long long) in_seq + 1, (long long) info->seq - 1,
                                         info->sender_name);
    }
  /* a sender that says it was restored from a backup is said to be so
   * below, when that matters here (tx-sync-restore.c) */
  else if (in_hash && g_strcmp0 (info->prev_hash, in_hash) != 0 && info->restored == 0)
    info->warning = g_strdup_printf (_("Bundle %lld from %s does not follow the bundle "
                                       "imported before it: %s may have been restored from a backup. Its "
                                       "records are merged as usual."), (long long) info->seq, info->sender_name,
                                     info->sender_name);

  /* all or nothing. A county's bundle inserts millions of rows at random
   * places of the indexes (the ids are random): a larger page cache for the
   * import, of a fixed size whatever the bundle's, keeps their pages */
  tx_store_exec (store, "PRAGMA cache_size = -262144", NULL);
  step = g_get_monotonic_time ();
  if (!tx_store_begin (store, error))
    goto out;
  /* a bundle that brings more children or visits than are here (a
   * county's first) builds their indexes once at the end instead of
   * inserting into them; the import still looks children up by identity
   * number (possible duplicates) */
  if (!bulk_indexes (store, "child", info->counts.children, 10000, &child_indexes, error) ||
      !bulk_indexes (store, "visit", info->counts.visits, 100000, &visit_indexes, error))
    goto rollback;
  apply = tx_sync_apply_new (store, info->sender, info->sender_name);
  tx_sync_apply_set_restored (apply, info->restored, info->seq);
  /* the children's next visits are worked out from the visits' index */
  set_progress (progress, 0);
  if (!read_payload (&r, offset, &keys, apply, info->payload_hash, cancellable, progress, error))
    goto rollback;
  debug_step ("records merged", &step);
  set_progress (progress, PROGRESS_READ);
  if ((visit_indexes && !tx_store_indexes_create (store, visit_indexes, error)))
    goto rollback;
  debug_step ("visit indexes built", &step);
  set_progress (progress, 930);
  if (!tx_sync_apply_finish (apply, &did, error))
    goto rollback;
  debug_step ("children worked out", &step);
  set_progress (progress, 960);
  if (child_indexes && !tx_store_indexes_create (store, child_indexes, error))
    goto rollback;
  debug_step ("child indexes built", &step);
  set_progress (progress, 970);
  {
    g_autofree char *summary = tx_sync_counts_summary (&did);

    /* the header's counts say what came; the import's, what it did */
    did.children = info->counts.children;
    did.visits = info->counts.visits;
    did.urgent_cases = info->counts.urgent_cases;
    did.services = info->counts.services;
    did.tombstones = info->counts.tombstones;
    did.transfers = info->counts.transfers;
    if (!tx_store_station_bundle_received (store, info->sender, info->seq, r.hash, now, info->ack, summary, error) ||
        !tx_sync_restored_ack (store, info, error) ||
        !tx_sync_restored_sender (store, info, behind || tx_sync_apply_forked (apply), error) ||
        !tx_sync_audit_bundle (store, "bundle.import", info->sender, &did, error))
      goto rollback;
  }
  if (!tx_store_commit (store, error))
    goto out;
  debug_step ("committed", &step);
  set_progress (progress, 1000);
  info->counts = did;
  ok = TRUE;
  goto out;

rollback:
  tx_store_rollback (store);
out:
  tx_store_exec (store, "PRAGMA cache_size = -16000; PRAGMA shrink_memory", NULL);
  reader_clear (&r);
  sodium_memzero (&keys, sizeof keys);
  return ok ? g_steal_pointer (&info) : NULL;
}

static gboolean
write_file (const char  *path,
            const void  *data,
            gsize        len,
            GError     **error)
{
  int fd;
  gboolean ok;

  if (!tx_store_check_output (path, error))
    return FALSE;
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  ok = fd >= 0 && write (fd, data, len) == (gssize) len;

  if (fd >= 0 && close (fd) != 0)
    ok = FALSE;
  if (!ok)
    return tx_bundle_io_error (error, path);
  return TRUE;
}

/**
 * tx_bundle_inspect:
 * @extract_dir: (nullable): where to write the signed bytes as signed.bin
 *   and their signature as signed.bin.minisig, for `minisign -V`
 *
 * Reads a bundle's header and checks its signature, without decrypting
 * anything. A bundle from a station not trusted here is shown too, its
 * signature "unknown key".
 *
 * Returns: (transfer full) (nullable): the header and the signature's status
 */
TxBundleInfo *
tx_bundle_inspect (TxStore     *store,
                   const char  *path,
                   const char  *extract_dir,
                   GError     **error)
{
  g_autoptr(TxBundleInfo) info = g_new0 (TxBundleInfo, 1);
  g_autoptr(GError) local = NULL;
  Reader r = { .fd = -1 };
  gint64 offset;
  gboolean valid = FALSE, ok = FALSE;

  if (!tx_store_require (store, TX_PERMISSION_SYNC, error))
    return NULL;

  if (!reader_open (&r, path, error))
    goto out;
  info->key_id = tx_station_key_id_hex (r.key_id);
  r.station = store ? tx_station_by_key_id (store, r.key_id, &r.pub, &local) : NULL;
  if (local)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      goto out;
    }
  if (r.station && !reader_verify (&r, NULL, &valid, error))
    goto out;
  info->signature = g_strdup (signature_word (r.station != NULL, valid, r.station));
  if (r.station)
    info->hash = tx_bundle_hex (r.hash, sizeof r.hash);
  if (!reader_header (&r, info, &offset, error))
    goto out;
  if (extract_dir)
    {
      g_autofree char *bin = g_build_filename (extract_dir, "signed.bin", NULL);
      g_autofree char *sig = g_build_filename (extract_dir, "signed.bin.minisig", NULL);
      g_autofree guchar *buf = g_malloc (1 << 20);
      int fd;
      gint64 off = 0;

      if (g_mkdir_with_parents (extract_dir, 0700) != 0)
        {
          tx_bundle_io_error (error, extract_dir);
          goto out;
        }
      if (!tx_store_check_output (bin, error))
        goto out;
      fd = g_open (bin, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          tx_bundle_io_error (error, bin);
          goto out;
        }
      while (off < r.signed_len)
        {
          gsize n = MIN ((gint64) (1 << 20), r.signed_len - off);
          if (!read_at (&r, off, buf, n) || write (fd, buf, n) != (gssize) n)
            {
              close (fd);
              tx_bundle_io_error (error, bin);
              goto out;
            }
          off += n;
        }
      if (close (fd) != 0 || !write_file (sig, r.sig_text, strlen (r.sig_text), error))
        goto out;
    }
  ok = TRUE;
out:
  reader_clear (&r);
  return ok ? g_steal_pointer (&info) : NULL;
}
