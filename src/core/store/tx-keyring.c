/* tx-keyring.c — the store's key, wrapped for each person and for recovery
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store is encrypted (SQLite3 Multiple Ciphers, ChaCha20-Poly1305 per
 * page) with a random key of 256 bits that nobody types. Beside the
 * database, in "DB.keys" (0600), that key is kept wrapped, once for each
 * person who may open the store and once for the recovery key printed at
 * set-up:
 *
 *   wrapping key = Argon2id (password, salt of 16 bytes, opslimit, memlimit)
 *   wrapped      = XChaCha20-Poly1305 (store key; nonce; data = "tongxing
 *                  store key\n" + the person's name)
 *
 * (libsodium crypto_pwhash and crypto_aead_xchacha20poly1305_ietf; the
 * parameters are kept with each wrap, tuned when it is made to about half a
 * second on the machine). A new password rewraps the same key: the store is
 * never encrypted again. Removing a person removes their wrap. The file
 * also counts each person's wrong passwords in a row (five slow the next
 * tries down) and keeps the failed logins until the store's audit trail
 * takes them at the next login — the store itself cannot be written before
 * somebody opens it.
 *
 * Changes are read, changed and written back under an flock() of the file
 * (never of the database: see tx-store.c), written to a temporary file,
 * synced and renamed over it, so that two programs never lose each other's
 * change and a power cut leaves the old file or the new one.
 */

#define G_LOG_DOMAIN "tx-keyring"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tx-keyring.h"

#define FORMAT          "tongxing-keys 1"
#define SALT_BYTES      crypto_pwhash_SALTBYTES
#define NONCE_BYTES     crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES   (TX_STORE_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define RECOVERY_NAME   "@recovery"
#define FREE_TRIES      5
#define TARGET_SECONDS  0.5

G_DEFINE_QUARK (tx-keyring-error-quark, tx_keyring_error)

struct _TxStoreKey
{
  guint8 *bytes;   /* sodium_malloc'd */
};

TxStoreKey *
tx_store_key_new_random (void)
{
  TxStoreKey *key = g_new0 (TxStoreKey, 1);

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
  key->bytes = sodium_malloc (TX_STORE_KEY_BYTES);
  g_assert (key->bytes != NULL);
  randombytes_buf (key->bytes, TX_STORE_KEY_BYTES);
  return key;
}

static TxStoreKey *
key_new (void)
{
  TxStoreKey *key = g_new0 (TxStoreKey, 1);

  key->bytes = sodium_malloc (TX_STORE_KEY_BYTES);
  g_assert (key->bytes != NULL);
  return key;
}

TxStoreKey *
tx_store_key_copy (const TxStoreKey *key)
{
  TxStoreKey *copy = key_new ();

  memcpy (copy->bytes, key->bytes, TX_STORE_KEY_BYTES);
  return copy;
}

const guint8 *
tx_store_key_bytes (const TxStoreKey *key)
{
  return key->bytes;
}

void
tx_store_key_free (TxStoreKey *key)
{
  if (key == NULL)
    return;
  sodium_free (key->bytes);
  g_free (key);
}

void
tx_keyring_failure_free (TxKeyringFailure *failure)
{
  if (failure == NULL)
    return;
  g_free (failure->name);
  g_free (failure->at);
  g_free (failure->how);
  g_free (failure);
}

struct _TxKeyring
{
  char     *path;
  JsonNode *root;     /* as last read or written */
};

char *
tx_keyring_path_for (const char *store_path)
{
  return g_strconcat (store_path, ".keys", NULL);
}

gboolean
tx_keyring_exists (const char *store_path)
{
  g_autofree char *path = tx_keyring_path_for (store_path);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

void
tx_keyring_free (TxKeyring *keyring)
{
  if (keyring == NULL)
    return;
  g_free (keyring->path);
  g_clear_pointer (&keyring->root, json_node_unref);
  g_free (keyring);
}

/* The failure of a read or write of @path: the disk full, the disk's own
 * error, or anything else (a file that is not the person's) */
static gboolean
io_error (GError     **error,
          const char  *path,
          int          saved)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *name = g_path_get_basename (path);

  if (saved == ENOSPC || saved == EDQUOT)
    g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_IO,
                 _("The disk holding the folder %s is full: the key file %s cannot be written. Free some "
                   "space on that disk and try again."), folder, name);
  else if (saved == EIO)
    g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_IO,
                 _("The disk holding the folder %s reported an error with the key file %s (%s). Copy the "
                   "store and its key file to another disk now, and have the disk checked."),
                 folder, name, g_strerror (saved));
  else
    g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_IO,
                 _("The key file %s cannot be read or written (%s). Check that it and its folder "
                   "are yours and that the disk has room."), path, g_strerror (saved));
  return FALSE;
}

static JsonNode *
parse (const char  *path,
       const char  *text,
       gsize        len,
       GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (!json_parser_load_from_data (parser, text, len, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) ||
      (o = json_node_get_object (json_parser_get_root (parser))) == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (o, "format", ""), FORMAT) != 0 ||
      !json_object_has_member (o, "wraps") ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (o, "wraps")))
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_CORRUPT,
                   _("The key file %s is damaged, so nobody can log in with a password. Open the "
                     "store with its recovery key (“Forgot the password?”), or restore the file "
                     "from a backup."), path);
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

TxKeyring *
tx_keyring_load (const char  *store_path,
                 GError     **error)
{
  g_autofree char *path = tx_keyring_path_for (store_path);
  g_autofree char *text = NULL;
  g_autoptr(GError) local = NULL;
  gsize len = 0;
  TxKeyring *keyring;
  JsonNode *root;

  if (!g_file_get_contents (path, &text, &len, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_MISSING,
                     _("%s has no key file: the store is not protected by passwords yet."),
                     store_path);
      else if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_IO))
        io_error (error, path, EIO);
      else
        g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_IO,
                     _("The key file %s cannot be read (%s). Check that it and its folder are yours."),
                     path, local->message);
      return NULL;
    }
  root = parse (path, text, len, error);
  if (root == NULL)
    return NULL;
  keyring = g_new0 (TxKeyring, 1);
  keyring->path = g_steal_pointer (&path);
  keyring->root = root;
  return keyring;
}

static JsonObject *
wraps_of (JsonNode *root)
{
  return json_object_get_object_member (json_node_get_object (root), "wraps");
}

static JsonObject *
wrap_of (TxKeyring  *keyring,
         const char *name)
{
  JsonObject *wraps = wraps_of (keyring->root);

  return json_object_has_member (wraps, name) ? json_object_get_object_member (wraps, name) : NULL;
}

/* Writes @root to @path: a temporary file in the same folder, synced,
 * renamed over it, the folder synced */
static gboolean
write_root (const char  *path,
            JsonNode    *root,
            GError     **error)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;
  g_autofree char *tmp = g_strconcat (path, ".XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  gsize len;
  int fd, dfd;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, &len);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    return io_error (error, path, errno);
  for (gsize done = 0; done < len; )
    {
      ssize_t n = write (fd, text + done, len - done);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;
          close (fd);
          g_unlink (tmp);
          return io_error (error, path, saved);
        }
      done += n;
    }
  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return io_error (error, path, saved);
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_unlink (tmp);
      return io_error (error, path, saved);
    }
  dfd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dfd >= 0)
    {
      fsync (dfd);
      close (dfd);
    }
  return TRUE;
}

typedef gboolean (*ModifyFunc) (JsonObject *top,
                                gpointer    data,
                                GError    **error);

/* Read, change and write the file back under its lock; @keyring then
 * holds what was written */
static gboolean
modify (TxKeyring   *keyring,
        ModifyFunc   func,
        gpointer     data,
        GError     **error)
{
  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GError) local = NULL;
      JsonNode *root;
      GStatBuf by_name;
      struct stat by_fd;
      gsize len;
      gboolean ok;
      int fd = g_open (keyring->path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);

      if (fd < 0)
        return io_error (error, keyring->path, errno);
      while (flock (fd, LOCK_EX) != 0)
        if (errno != EINTR)
          {
            int saved = errno;
            close (fd);
            return io_error (error, keyring->path, saved);
          }
      /* replaced by another program while we waited: lock the new one */
      if (fstat (fd, &by_fd) != 0 || g_stat (keyring->path, &by_name) != 0 ||
          by_fd.st_ino != by_name.st_ino || by_fd.st_dev != by_name.st_dev)
        {
          close (fd);
          continue;
        }
      if (!g_file_get_contents (keyring->path, &text, &len, &local) ||
          (root = parse (keyring->path, text, len, error)) == NULL)
        {
          if (local)
            g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_IO, "%s", local->message);
          close (fd);
          return FALSE;
        }
      ok = func (json_node_get_object (root), data, error) &&
           write_root (keyring->path, root, error);
      close (fd);   /* and the lock with it */
      if (ok)
        {
          json_node_unref (keyring->root);
          keyring->root = root;
        }
      else
        json_node_unref (root);
      return ok;
    }
  return io_error (error, keyring->path, EAGAIN);
}

/* ---- key derivation ---- */

static gboolean
test_cost (void)
{
  /* the test suite's stores: a key file made in a second, not half a second
   * per login (recorded in the file like any other cost) */
  return g_strcmp0 (g_getenv ("TONGXING_KDF"), "test") == 0;
}

/* Argon2id's cost for about half a second here, measured once a process */
static void
tuned_cost (guint64 *opslimit,
            gsize   *memlimit)
{
  static gsize once = 0;
  static guint64 ops;
  static gsize mem;

  if (test_cost ())
    {
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      return;
    }
  if (g_once_init_enter (&once))
    {
      guint8 out[32], salt[SALT_BYTES] = { 0 };
      gint64 start;
      double seconds;

      mem = 64 * 1024 * 1024;
      start = g_get_monotonic_time ();
      if (crypto_pwhash (out, sizeof out, "tune", 4, salt, 2, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        mem = 16 * 1024 * 1024;   /* little memory free: less, more passes */
      seconds = (g_get_monotonic_time () - start) / 1e6;
      ops = (guint64) (2 * TARGET_SECONDS / MAX (seconds, 0.01) + 0.5);
      ops = CLAMP (ops, 2, 16);
      g_once_init_leave (&once, 1);
    }
  *opslimit = ops;
  *memlimit = mem;
}

static char *
b64 (const guint8 *data, gsize len)
{
  return g_base64_encode (data, len);
}

static gboolean
unb64 (JsonObject *o, const char *member, guint8 *out, gsize len)
{
  const char *text = json_object_get_string_member_with_default (o, member, NULL);
  g_autofree guchar *raw = NULL;
  gsize got = 0;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (text, &got);
  if (raw == NULL || got != len)
    return FALSE;
  memcpy (out, raw, len);
  return TRUE;
}

static char *
additional_data (const char *name)
{
  return g_strconcat ("tongxing store key\n", name, NULL);
}

/* A wrap of @key for @name by @secret (a password or a recovery key) */
static JsonObject *
make_wrap (const TxStoreKey *key,
           const char       *name,
           const char       *secret)
{
  guint8 salt[SALT_BYTES], nonce[NONCE_BYTES], wrapped[WRAPPED_BYTES];
  g_autofree char *ad = additional_data (name);
  guint8 *kek = sodium_malloc (32);
  guint64 ops;
  gsize mem;
  JsonObject *o = json_object_new ();
  char *s;

  tuned_cost (&ops, &mem);
  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  if (crypto_pwhash (kek, 32, secret, strlen (secret), salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    g_error ("Argon2id failed: out of memory");
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, key->bytes, TX_STORE_KEY_BYTES,
                                              (const guint8 *) ad, strlen (ad), NULL, nonce, kek);
  sodium_free (kek);
  json_object_set_string_member (o, "kdf", "argon2id13");
  json_object_set_int_member (o, "opslimit", (gint64) ops);
  json_object_set_int_member (o, "memlimit", (gint64) mem);
  json_object_set_string_member (o, "salt", (s = b64 (salt, sizeof salt)));
  g_free (s);
  json_object_set_string_member (o, "nonce", (s = b64 (nonce, sizeof nonce)));
  g_free (s);
  json_object_set_string_member (o, "wrapped", (s = b64 (wrapped, sizeof wrapped)));
  g_free (s);
  json_object_set_int_member (o, "failures", 0);
  return o;
}

/* The key from a wrap, or %NULL if @secret is not the one */
static TxStoreKey *
open_wrap (JsonObject *o,
           const char *name,
           const char *secret)
{
  guint8 salt[SALT_BYTES], nonce[NONCE_BYTES], wrapped[WRAPPED_BYTES];
  g_autofree char *ad = additional_data (name);
  gint64 ops = json_object_get_int_member_with_default (o, "opslimit", 0);
  gint64 mem = json_object_get_int_member_with_default (o, "memlimit", 0);
  TxStoreKey *key;
  guint8 *kek;

  if (!unb64 (o, "salt", salt, sizeof salt) || !unb64 (o, "nonce", nonce, sizeof nonce) ||
      !unb64 (o, "wrapped", wrapped, sizeof wrapped) ||
      ops < (gint64) crypto_pwhash_OPSLIMIT_MIN || ops > 64 ||
      mem < (gint64) crypto_pwhash_MEMLIMIT_MIN || mem > (gint64) 1 << 31)
    return NULL;
  kek = sodium_malloc (32);
  if (crypto_pwhash (kek, 32, secret, strlen (secret), salt, (guint64) ops, (gsize) mem,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (kek);
      return NULL;
    }
  key = key_new ();
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (key->bytes, NULL, NULL, wrapped, sizeof wrapped,
                                                  (const guint8 *) ad, strlen (ad), nonce, kek) != 0)
    g_clear_pointer (&key, tx_store_key_free);
  sodium_free (kek);
  return key;
}

/* ---- the recovery key ---- */

static const char recovery_alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/* 160 random bits as 32 letters and digits in eight groups of four */
static char *
new_recovery_key (void)
{
  guint8 raw[20];
  GString *s = g_string_new (NULL);
  guint64 bits = 0;
  int have = 0, i = 0;

  randombytes_buf (raw, sizeof raw);
  for (int out = 0; out < 32; out++)
    {
      if (have < 5)
        {
          bits = (bits << 8) | raw[i++];
          have += 8;
        }
      if (out && out % 4 == 0)
        g_string_append_c (s, '-');
      g_string_append_c (s, recovery_alphabet[(bits >> (have - 5)) & 31]);
      have -= 5;
    }
  sodium_memzero (raw, sizeof raw);
  return g_string_free (s, FALSE);
}

/* As typed from the paper: any case, spaces and dashes anywhere */
static char *
normalize_recovery_key (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    if (*p != '-' && !g_ascii_isspace (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  return g_string_free (s, FALSE);
}

/* ---- public ---- */

gboolean
tx_keyring_check_password_quality (const char  *password,
                                   GError     **error)
{
  glong chars = password ? g_utf8_strlen (password, -1) : 0;
  gboolean all_same = TRUE;

  for (const char *p = password; p && *p; p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) != g_utf8_get_char (password))
      all_same = FALSE;
  if (chars < 8 || all_same)
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_WEAK_PASSWORD,
                   _("A password needs at least 8 characters, not all the same. A short sentence "
                     "the person remembers is best."));
      return FALSE;
    }
  return TRUE;
}

/**
 * tx_keyring_create:
 * @store_path: the database file the keys will open
 * @name: the first person (the supervisor or the county officer)
 * @key: (out): a new random store key
 * @recovery_key: (out): the recovery key, to be shown once and printed
 *
 * Writes a new key file; fails if there is one.
 */
TxKeyring *
tx_keyring_create (const char  *store_path,
                   const char  *name,
                   const char  *password,
                   TxStoreKey **key,
                   char       **recovery_key,
                   GError     **error)
{
  g_autofree char *path = tx_keyring_path_for (store_path);
  g_autofree char *recovery = new_recovery_key ();
  g_autofree char *normal = normalize_recovery_key (recovery);
  g_autoptr(TxStoreKey) k = tx_store_key_new_random ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  JsonObject *top = json_object_new (), *wraps = json_object_new ();
  g_autofree char *dir = g_path_get_dirname (store_path);
  TxKeyring *keyring;

  if (!tx_keyring_check_password_quality (password, error))
    return NULL;
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_EXISTS,
                   _("%s is protected already."), store_path);
      json_object_unref (top);
      json_object_unref (wraps);
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      json_object_unref (top);
      json_object_unref (wraps);
      io_error (error, path, errno);
      return NULL;
    }
  json_object_set_string_member (top, "format", FORMAT);
  json_object_set_string_member (top, "cipher", TX_STORE_CIPHER);
  json_object_set_object_member (wraps, name, make_wrap (k, name, password));
  json_object_set_object_member (wraps, RECOVERY_NAME, make_wrap (k, RECOVERY_NAME, normal));
  json_object_set_object_member (top, "wraps", wraps);
  json_object_set_array_member (top, "failed", json_array_new ());
  json_node_take_object (root, top);
  if (!write_root (path, root, error))
    return NULL;
  keyring = g_new0 (TxKeyring, 1);
  keyring->path = g_steal_pointer (&path);
  keyring->root = g_steal_pointer (&root);
  *key = g_steal_pointer (&k);
  *recovery_key = g_steal_pointer (&recovery);
  return keyring;
}

/**
 * tx_keyring_get_names:
 *
 * Returns: (transfer full): the people who have a password, sorted
 */
GStrv
tx_keyring_get_names (TxKeyring *keyring)
{
  g_autoptr(GList) members = json_object_get_members (wraps_of (keyring->root));
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  GStrv names;

  for (GList *l = members; l; l = l->next)
    if (!g_str_equal (l->data, RECOVERY_NAME))
      g_strv_builder_add (b, l->data);
  names = g_strv_builder_end (b);
  qsort (names, g_strv_length (names), sizeof (char *), (GCompareFunc) g_strcmp0);
  return names;
}

gboolean
tx_keyring_has_name (TxKeyring  *keyring,
                     const char *name)
{
  return name && !g_str_equal (name, RECOVERY_NAME) && wrap_of (keyring, name) != NULL;
}

typedef struct
{
  const char *name;
  const char *how;
  gboolean    failed;
} Outcome;

static gboolean
record_outcome (JsonObject *top,
                gpointer    data,
                GError    **error)
{
  Outcome *o = data;
  JsonObject *wraps = json_object_get_object_member (top, "wraps");
  JsonObject *wrap = json_object_has_member (wraps, o->name) ? json_object_get_object_member (wraps, o->name) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);

  if (wrap)
    {
      if (o->failed)
        {
          json_object_set_int_member (wrap, "failures",
                                      json_object_get_int_member_with_default (wrap, "failures", 0) + 1);
          json_object_set_int_member (wrap, "last_failure", g_get_real_time () / G_USEC_PER_SEC);
        }
      else
        {
          json_object_set_int_member (wrap, "failures", 0);
          json_object_remove_member (wrap, "last_failure");
        }
    }
  if (o->failed)
    {
      JsonObject *f = json_object_new ();
      JsonArray *failed;

      if (!json_object_has_member (top, "failed"))
        json_object_set_array_member (top, "failed", json_array_new ());
      failed = json_object_get_array_member (top, "failed");
      json_object_set_string_member (f, "name", o->name);
      json_object_set_string_member (f, "at", at);
      json_object_set_string_member (f, "how", o->how);
      /* bounded: somebody trying names at the keyboard cannot fill the disk */
      if (json_array_get_length (failed) < 1000)
        json_array_add_object_element (failed, f);
      else
        json_object_unref (f);
    }
  return TRUE;
}

/* Seconds still to wait before @name may try again, 0 if none */
static gint64
wait_left (JsonObject *wrap)
{
  gint64 failures = json_object_get_int_member_with_default (wrap, "failures", 0);
  gint64 last = json_object_get_int_member_with_default (wrap, "last_failure", 0);
  gint64 delay, now = g_get_real_time () / G_USEC_PER_SEC;

  if (failures < FREE_TRIES)
    return 0;
  /* 30 s after the fifth, doubling to a quarter of an hour */
  delay = MIN ((gint64) 30 << MIN (failures - FREE_TRIES, 5), 900);
  return last + delay > now ? last + delay - now : 0;
}

/**
 * tx_keyring_unlock:
 *
 * The store's key for @name's @password. A wrong password is counted (and
 * kept for the audit trail); after five in a row the next tries must wait.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
TxStoreKey *
tx_keyring_unlock (TxKeyring   *keyring,
                   const char  *name,
                   const char  *password,
                   GError     **error)
{
  JsonObject *wrap;
  TxStoreKey *key;
  gint64 wait;

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
  /* read again: another program may have counted a failure */
  {
    g_autofree char *text = NULL;
    gsize len;
    JsonNode *root;

    if (g_file_get_contents (keyring->path, &text, &len, NULL) &&
        (root = parse (keyring->path, text, len, NULL)) != NULL)
      {
        json_node_unref (keyring->root);
        keyring->root = root;
      }
  }
  wrap = tx_keyring_has_name (keyring, name) ? wrap_of (keyring, name) : NULL;
  if (wrap == NULL)
    {
      Outcome o = { name ? name : "", "password", TRUE };

      modify (keyring, record_outcome, &o, NULL);
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_UNKNOWN_USER,
                   _("Nobody called “%s” may open this store. Check the name, or ask the "
                     "supervisor to add you."), name ? name : "");
      return NULL;
    }
  wait = wait_left (wrap);
  if (wait > 0)
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_THROTTLED,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Too many wrong passwords for %s in a row. Try again in %d second, "
                                "or ask the supervisor to reset the password.",
                                "Too many wrong passwords for %s in a row. Try again in %d seconds, "
                                "or ask the supervisor to reset the password.", (gulong) wait),
                   name, (int) wait);
      return NULL;
    }
  key = open_wrap (wrap, name, password ? password : "");
  if (key == NULL)
    {
      Outcome o = { name, "password", TRUE };

      modify (keyring, record_outcome, &o, NULL);
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_WRONG_PASSWORD,
                   _("The password for %s is wrong. Type it again (check the keyboard's "
                     "language and Caps Lock), or ask the supervisor to reset it."), name);
      return NULL;
    }
  if (json_object_get_int_member_with_default (wrap, "failures", 0) > 0)
    {
      Outcome o = { name, "password", FALSE };

      modify (keyring, record_outcome, &o, NULL);
    }
  return key;
}

/**
 * tx_keyring_unlock_recovery:
 *
 * The store's key for the recovery key printed at set-up.
 */
TxStoreKey *
tx_keyring_unlock_recovery (TxKeyring   *keyring,
                            const char  *recovery_key,
                            GError     **error)
{
  g_autofree char *normal = normalize_recovery_key (recovery_key);
  JsonObject *wrap = wrap_of (keyring, RECOVERY_NAME);
  TxStoreKey *key = NULL;

  if (sodium_init () < 0)
    g_error ("libsodium cannot be initialised");
  if (wrap && wait_left (wrap) > 0)
    {
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_THROTTLED,
                   _("Too many wrong recovery keys in a row. Try again in %d seconds."),
                   (int) wait_left (wrap));
      return NULL;
    }
  if (wrap)
    key = open_wrap (wrap, RECOVERY_NAME, normal);
  if (key == NULL)
    {
      Outcome o = { RECOVERY_NAME, "recovery-key", TRUE };

      modify (keyring, record_outcome, &o, NULL);
      g_set_error (error, TX_KEYRING_ERROR, TX_KEYRING_ERROR_WRONG_RECOVERY_KEY,
                   _("This is not the store's recovery key. Copy it again from the printed sheet "
                     "(32 letters and digits in groups of four)."));
    }
  return key;
}

typedef struct
{
  const char *name;
  JsonObject *wrap;
} SetWrap;

static gboolean
set_wrap (JsonObject *top,
          gpointer    data,
          GError    **error)
{
  SetWrap *s = data;
  JsonObject *wraps = json_object_get_object_member (top, "wraps");

  if (s->wrap)
    json_object_set_object_member (wraps, s->name, json_object_ref (s->wrap));
  else if (json_object_has_member (wraps, s->name))
    json_object_remove_member (wraps, s->name);
  return TRUE;
}

/**
 * tx_keyring_set_password:
 *
 * Wraps @key for @name with @password (a new person, or a new password):
 * the store itself is not touched.
 */
gboolean
tx_keyring_set_password (TxKeyring        *keyring,
                         const TxStoreKey *key,
                         const char       *name,
                         const char       *password,
                         GError          **error)
{
  SetWrap s = { name, NULL };
  gboolean ok;

  if (!tx_keyring_check_password_quality (password, error))
    return FALSE;
  s.wrap = make_wrap (key, name, password);
  ok = modify (keyring, set_wrap, &s, error);
  json_object_unref (s.wrap);
  return ok;
}

gboolean
tx_keyring_remove (TxKeyring   *keyring,
                   const char  *name,
                   GError     **error)
{
  SetWrap s = { name, NULL };

  return modify (keyring, set_wrap, &s, error);
}

static gboolean
take_failed (JsonObject *top,
             gpointer    data,
             GError    **error)
{
  GPtrArray *out = data;
  JsonArray *failed = json_object_has_member (top, "failed") ? json_object_get_array_member (top, "failed") : NULL;

  for (guint i = 0; failed && i < json_array_get_length (failed); i++)
    {
      JsonObject *o = json_array_get_object_element (failed, i);
      TxKeyringFailure *f = g_new0 (TxKeyringFailure, 1);

      f->name = g_strdup (json_object_get_string_member_with_default (o, "name", ""));
      f->at = g_strdup (json_object_get_string_member_with_default (o, "at", ""));
      f->how = g_strdup (json_object_get_string_member_with_default (o, "how", "password"));
      g_ptr_array_add (out, f);
    }
  json_object_set_array_member (top, "failed", json_array_new ());
  return TRUE;
}

/**
 * tx_keyring_take_failures:
 *
 * The failed logins recorded since the last call, removed from the file
 * (the caller writes them to the audit trail).
 *
 * Returns: (transfer full) (element-type TxKeyringFailure):
 */
GPtrArray *
tx_keyring_take_failures (TxKeyring  *keyring,
                          GError    **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_keyring_failure_free);
  JsonObject *top = json_node_get_object (keyring->root);

  /* nothing to take: do not rewrite the file at every login */
  if (json_object_has_member (top, "failed") &&
      json_array_get_length (json_object_get_array_member (top, "failed")) == 0)
    {
      g_autofree char *text = NULL;
      gsize len;
      g_autoptr(JsonNode) now = NULL;

      if (g_file_get_contents (keyring->path, &text, &len, NULL) &&
          (now = parse (keyring->path, text, len, NULL)) != NULL &&
          json_object_has_member (json_node_get_object (now), "failed") &&
          json_array_get_length (json_object_get_array_member (json_node_get_object (now), "failed")) == 0)
        return g_steal_pointer (&out);
    }
  if (!modify (keyring, take_failed, out, error))
    return NULL;
  return g_steal_pointer (&out);
}

/**
 * tx_keyring_get_cipher:
 *
 * Returns: SQLite3 Multiple Ciphers' name of the store's cipher: "aegis"
 *   (AEGIS-256), or "chacha20" (ChaCha20-Poly1305) for a key file that
 *   says so
 */
const char *
tx_keyring_get_cipher (TxKeyring *keyring)
{
  const char *c = json_object_get_string_member_with_default (json_node_get_object (keyring->root), "cipher", "");

  return g_str_has_prefix (c, "chacha20") ? "chacha20" : TX_STORE_CIPHER;
}
