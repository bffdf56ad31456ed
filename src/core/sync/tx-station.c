/* tx-station.c — this station's keys and the stations it trusts
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A station signs with Ed25519 and receives with X25519 (libsodium). The
 * secret keys are kept in the store, which is encrypted with the store's
 * key (they were in a file "DB.key" beside it before, which the first
 * login takes in: tx-store-cipher.c), never in a bundle. Its identity is a short text file
 * with the public keys and a fingerprint of 16 letters and digits that two
 * people can read to each other over the phone before trusting it.
 */

#define G_LOG_DOMAIN "tx-station"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "tx-divisions.h"
#include "tx-store-audit.h"
#include "tx-station-private.h"
#include "tx-store-private.h"
#include "tx-store-stations.h"

#define IDENTITY_HEADER "Tongxing station identity 1"
#define KEY_HEADER      "Tongxing station secret keys 1"

/**
 * tx_station_key_path:
 *
 * Returns: (transfer full): the file of the secret keys: the database's
 *   path with ".key" added
 */
char *
tx_station_key_path (TxStore *store)
{
  return g_strconcat (tx_store_get_path (store), ".key", NULL);
}

void
tx_station_key_id (const guchar *sign_pk,
                   guchar       *key_id)
{
  guchar hash[crypto_generichash_BYTES];

  crypto_generichash (hash, sizeof hash, sign_pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
  memcpy (key_id, hash, TX_KEY_ID_BYTES);
}

/* 16 characters of base32 (80 bits) of a hash of both public keys */
static char *
fingerprint (const guchar *sign_pk,
             const guchar *box_pk)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  guchar hash[crypto_generichash_BYTES];
  crypto_generichash_state st;
  GString *s = g_string_new (NULL);
  guint64 bits = 0;
  int have = 0, out = 0;

  crypto_generichash_init (&st, NULL, 0, sizeof hash);
  crypto_generichash_update (&st, sign_pk, crypto_sign_PUBLICKEYBYTES);
  crypto_generichash_update (&st, box_pk, crypto_box_PUBLICKEYBYTES);
  crypto_generichash_final (&st, hash, sizeof hash);
  for (int i = 0; out < 16; )
    {
      if (have < 5)
        {
          bits = (bits << 8) | hash[i++];
          have += 8;
        }
      g_string_append_c (s, alphabet[(bits >> (have - 5)) & 31]);
      have -= 5;
      if (++out % 4 == 0 && out < 16)
        g_string_append_c (s, '-');
    }
  return g_string_free (s, FALSE);
}

/**
 * tx_station_normalize_fingerprint:
 *
 * Returns: (transfer full): @text in capitals without spaces and dashes,
 *   grouped as a fingerprint is printed
 */
char *
tx_station_normalize_fingerprint (const char *text)
{
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = text; p && *p; p++)
    {
      if (*p == '-' || g_ascii_isspace (*p))
        continue;
      if (n && n % 4 == 0)
        g_string_append_c (s, '-');
      g_string_append_c (s, g_ascii_toupper (*p));
      n++;
    }
  return g_string_free (s, FALSE);
}

static char *
b64 (const guchar *data,
     gsize         len)
{
  return g_base64_encode (data, len);
}

static gboolean
unb64 (const char *text,
       guchar     *out,
       gsize       len)
{
  gsize got = 0;
  g_autofree guchar *raw = NULL;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (text, &got);
  if (raw == NULL || got != len)
    return FALSE;
  memcpy (out, raw, len);
  sodium_memzero (raw, got);
  return TRUE;
}

/* "key: value" lines after a first line */
static GHashTable *
parse_lines (const char *text,
             gsize       len,
             const char *header)
{
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  GHashTable *t;

  if (lines[0] == NULL || !g_str_equal (g_strstrip (lines[0]), header))
    return NULL;
  t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 1; lines[i]; i++)
    {
      char *colon = strchr (lines[i], ':');
      if (colon == NULL)
        continue;
      *colon = 0;
      g_hash_table_insert (t, g_strdup (g_strstrip (lines[i])), g_strdup (g_strstrip (colon + 1)));
    }
  return t;
}

/**
 * tx_station_load_keys:
 *
 * Reads this station's keys from their file.
 */
gboolean
tx_station_load_keys (TxStore        *store,
                      TxStationKeys  *keys,
                      GError        **error)
{
  g_autoptr(GBytes) secret = tx_store_get_secret (store, "station-keys");
  g_autoptr(GHashTable) t = NULL;
  gsize len = 0;
  const char *text;
  guchar seed[crypto_sign_SEEDBYTES];

  if (secret == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("This station's keys are missing from %s. Restore the store from a backup; "
                     "without them, exchange files cannot be signed or opened here."),
                   tx_store_get_path (store));
      return FALSE;
    }
  text = g_bytes_get_data (secret, &len);
  t = parse_lines (text, len, KEY_HEADER);
  sodium_memzero ((gpointer) text, len);
  if (t == NULL || g_strcmp0 (g_hash_table_lookup (t, "station"), tx_store_get_station_id (store)) != 0 ||
      !unb64 (g_hash_table_lookup (t, "sign"), seed, sizeof seed) ||
      !unb64 (g_hash_table_lookup (t, "box"), keys->box_sk, sizeof keys->box_sk))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s does not hold the keys of this station. Restore the file that was made with "
                     "this database."), tx_store_get_path (store));
      return FALSE;
    }
  crypto_sign_seed_keypair (keys->sign_pk, keys->sign_sk, seed);
  sodium_memzero (seed, sizeof seed);
  crypto_scalarmult_base (keys->box_pk, keys->box_sk);
  tx_station_key_id (keys->sign_pk, keys->key_id);
  return TRUE;
}

/**
 * tx_station_init_workstation:
 *
 * Sets this workstation up, or changes its place: tx_store_init_workstation(),
 * then the station's own keys, with which it signs and receives bundles.
 */
gboolean
tx_station_init_workstation (TxStore     *store,
                             const char  *county,
                             const char  *township,
                             const char  *name,
                             GError     **error)
{
  return tx_store_init_workstation (store, county, township, name, error) &&
         tx_station_ensure_keys (store, error);
}

/**
 * tx_station_ensure_keys:
 *
 * Makes this station's key pairs the first time: the secret keys into
 * their 0600 file, the public keys into the database.
 */
gboolean
tx_station_ensure_keys (TxStore  *store,
                        GError  **error)
{
  g_autofree char *have = tx_store_get_setting (store, TX_SETTING_SIGN_PK);
  TxStationKeys keys;
  guchar seed[crypto_sign_SEEDBYTES];
  g_autofree char *seed64 = NULL, *box64 = NULL, *text = NULL, *sign_pk = NULL, *box_pk = NULL;
  gboolean ok;
  int depth;

  if (sodium_init () < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The cryptography library cannot start."));
      return FALSE;
    }
  if (have)
    {
      g_autoptr(GBytes) secret = tx_store_get_secret (store, "station-keys");

      if (secret)
        return TRUE;
      /* the database knows its public keys, but the secret ones are gone */
      return tx_station_load_keys (store, &keys, error);
    }

  randombytes_buf (seed, sizeof seed);
  crypto_sign_seed_keypair (keys.sign_pk, keys.sign_sk, seed);
  crypto_box_keypair (keys.box_pk, keys.box_sk);
  seed64 = b64 (seed, sizeof seed);
  box64 = b64 (keys.box_sk, sizeof keys.box_sk);
  text = g_strdup_printf (KEY_HEADER "\nstation: %s\nsign: %s\nbox: %s\n",
                          tx_store_get_station_id (store), seed64, box64);
  sodium_memzero (seed, sizeof seed);
  sodium_memzero (&keys.sign_sk, sizeof keys.sign_sk);
  sodium_memzero (&keys.box_sk, sizeof keys.box_sk);
  sodium_memzero (seed64, strlen (seed64));
  sodium_memzero (box64, strlen (box64));
  sign_pk = b64 (keys.sign_pk, sizeof keys.sign_pk);
  box_pk = b64 (keys.box_pk, sizeof keys.box_pk);
  depth = tx_store_get_depth (store);
  if (!tx_store_begin (store, error))
    {
      sodium_memzero (text, strlen (text));
      return FALSE;
    }
  ok = tx_store_set_secret (store, "station-keys", text, strlen (text), error);
  sodium_memzero (text, strlen (text));
  if (!ok ||
      !tx_store_set_setting (store, TX_SETTING_SIGN_PK, sign_pk, error) ||
      !tx_store_set_setting (store, TX_SETTING_BOX_PK, box_pk, error) ||
      !tx_store_commit (store, error))
    {
      tx_store_rollback_to (store, depth);
      return FALSE;
    }
  return TRUE;
}

static char *
unit_of (const char *county,
         const char *township)
{
  char *unit = tx_division_path_name (township && *township ? township : county, TX_DIVISION_COUNTY);

  return unit ? unit : g_strdup (county ? county : "");
}

/**
 * tx_station_self:
 *
 * Returns: (transfer full): this station, its keys made if they were not yet
 */
TxStation *
tx_station_self (TxStore  *store,
                 GError  **error)
{
  TxStation *s;
  g_autofree char *sign64 = NULL, *box64 = NULL;
  guchar sign_pk[crypto_sign_PUBLICKEYBYTES], box_pk[crypto_box_PUBLICKEYBYTES], key_id[TX_KEY_ID_BYTES];

  if (!tx_store_is_set_up (store))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP,
                           _("This workstation is not set up yet: its county and township must be "
                             "given first."));
      return NULL;
    }
  if (!tx_station_ensure_keys (store, error))
    return NULL;
  sign64 = tx_store_get_setting (store, TX_SETTING_SIGN_PK);
  box64 = tx_store_get_setting (store, TX_SETTING_BOX_PK);
  if (!unb64 (sign64, sign_pk, sizeof sign_pk) || !unb64 (box64, box_pk, sizeof box_pk))
    {
      g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT,
                           _("The station's public keys in the database are damaged."));
      return NULL;
    }
  s = g_new0 (TxStation, 1);
  s->id = g_strdup (tx_store_get_station_id (store));
  s->name = tx_store_get_setting (store, TX_SETTING_STATION_NAME);
  if (s->name == NULL)
    s->name = g_strdup (s->id);
  s->county = tx_store_get_setting (store, TX_SETTING_COUNTY);
  s->township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  s->unit = unit_of (s->county, s->township);
  s->fingerprint = fingerprint (sign_pk, box_pk);
  tx_station_key_id (sign_pk, key_id);
  s->key_id = tx_station_key_id_hex (key_id);
  return s;
}

/**
 * tx_station_identity_text:
 *
 * Returns: (transfer full): this station's identity file: who it is and its
 *   public keys, to give to the stations that will trust it
 */
char *
tx_station_identity_text (TxStore  *store,
                          GError  **error)
{
  g_autoptr(TxStation) s = tx_station_self (store, error);
  g_autofree char *sign64 = NULL, *box64 = NULL;

  if (s == NULL)
    return NULL;
  sign64 = tx_store_get_setting (store, TX_SETTING_SIGN_PK);
  box64 = tx_store_get_setting (store, TX_SETTING_BOX_PK);
  return g_strdup_printf (IDENTITY_HEADER "\n"
                          "id: %s\nname: %s\nunit: %s\ncounty: %s\ntownship: %s\n"
                          "sign: %s\nbox: %s\nfingerprint: %s\n",
                          s->id, s->name, s->unit, s->county ? s->county : "",
                          s->township ? s->township : "", sign64, box64, s->fingerprint);
}

/**
 * tx_station_minisign_pubkey:
 *
 * Returns: (transfer full): the signing key as a minisign public key file,
 *   so that `minisign -V` can check this station's bundles
 */
char *
tx_station_minisign_pubkey (TxStore  *store,
                            GError  **error)
{
  g_autoptr(TxStation) s = tx_station_self (store, error);
  g_autofree char *sign64 = NULL, *key64 = NULL;
  guchar sign_pk[crypto_sign_PUBLICKEYBYTES], blob[2 + TX_KEY_ID_BYTES + crypto_sign_PUBLICKEYBYTES];

  if (s == NULL)
    return NULL;
  sign64 = tx_store_get_setting (store, TX_SETTING_SIGN_PK);
  unb64 (sign64, sign_pk, sizeof sign_pk);
  blob[0] = 'E';
  blob[1] = 'd';
  tx_station_key_id (sign_pk, blob + 2);
  memcpy (blob + 2 + TX_KEY_ID_BYTES, sign_pk, sizeof sign_pk);
  key64 = b64 (blob, sizeof blob);
  return g_strdup_printf ("untrusted comment: minisign public key %s of Tongxing station %s\n%s\n",
                          s->key_id, s->id, key64);
}

/* The identity @identity, checked against the fingerprint @fp read out by
 * phone, into @row (its strings borrowed from @t, its keys in @keys) */
typedef struct {
  guchar sign_pk[crypto_sign_PUBLICKEYBYTES];
  guchar box_pk[crypto_box_PUBLICKEYBYTES];
  guchar key_id[TX_KEY_ID_BYTES];
  char  *fingerprint;
} TxIdentityKeys;

static gboolean
read_identity (TxStore          *store,
               GHashTable       *t,
               const char       *fp,
               TxStationRecord  *row,
               TxIdentityKeys   *keys,
               GError          **error)
{
  g_autofree char *given = NULL;
  const char *id, *township;

  if (!tx_station_ensure_keys (store, error))
    return FALSE;
  if (t == NULL || !(id = g_hash_table_lookup (t, "id")) || !g_uuid_string_is_valid (id) ||
      !g_hash_table_lookup (t, "name") || !*(char *) g_hash_table_lookup (t, "name") ||
      !unb64 (g_hash_table_lookup (t, "sign"), keys->sign_pk, sizeof keys->sign_pk) ||
      !unb64 (g_hash_table_lookup (t, "box"), keys->box_pk, sizeof keys->box_pk))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This is not a station file, or it is damaged. Check that you chose the "
                             "other station's station file, or ask the other station to save it "
                             "for you again."));
      return FALSE;
    }
  keys->fingerprint = fingerprint (keys->sign_pk, keys->box_pk);
  given = tx_station_normalize_fingerprint (fp);
  if (!g_str_equal (keys->fingerprint, given))
    {
      /* never the code the file has: whoever reads this could copy it, and
       * the phone call would check nothing */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The check code does not match this station file. Do not add it: the "
                             "file may have been changed on the way. Phone the other station and read "
                             "the check code again together, and check that you chose that station's "
                             "file."));
      return FALSE;
    }
  if (g_str_equal (id, tx_store_get_station_id (store)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("This is this station's own identity; trust the other station's."));
      return FALSE;
    }
  tx_station_key_id (keys->sign_pk, keys->key_id);
  township = g_hash_table_lookup (t, "township");
  row->id = id;
  row->name = g_hash_table_lookup (t, "name");
  row->unit = g_hash_table_lookup (t, "unit") ? g_hash_table_lookup (t, "unit") : "";
  row->county = g_hash_table_lookup (t, "county");
  row->township = township && *township ? township : NULL;
  row->sign_pk = keys->sign_pk;
  row->box_pk = keys->box_pk;
  row->key_id = keys->key_id;
  row->fingerprint = keys->fingerprint;
  return TRUE;
}

/**
 * tx_station_trust:
 * @identity: the text of another station's identity file
 * @fingerprint: the fingerprint its people read out, to compare
 *
 * Trusts another station: its bundles are accepted and bundles can be made
 * for it. Trusting a station again after it was revoked, with a new
 * identity, starts afresh.
 *
 * Returns: (transfer full) (nullable): the station now trusted
 */
TxStation *
tx_station_trust (TxStore     *store,
                  const char  *identity,
                  gsize        length,
                  const char  *fp,
                  GError     **error)
{
  g_autoptr(GHashTable) t = parse_lines (identity, length, IDENTITY_HEADER);
  TxIdentityKeys keys = { 0 };
  TxStationRecord row = { 0 };
  TxStation *s = NULL;

  if (read_identity (store, t, fp, &row, &keys, error) && tx_store_station_put (store, &row, error))
    s = tx_store_station_get (store, row.id, error);
  g_free (keys.fingerprint);
  return s;
}

/**
 * tx_station_replace:
 * @old_id: the station that lost its store
 * @identity: the text of the identity file of the station set up in its place
 * @fingerprint: the fingerprint its people read out, to compare
 *
 * Trusts a station set up afresh in place of one that lost its store
 * without a backup (tx_store_station_replace()): the old one's exchange
 * files are refused from now, and the first one made for the new station
 * holds everything this station has for its township (docs/recovery.md).
 *
 * Returns: (transfer full) (nullable): the station now trusted
 */
TxStation *
tx_station_replace (TxStore     *store,
                    const char  *old_id,
                    const char  *identity,
                    gsize        length,
                    const char  *fp,
                    GError     **error)
{
  g_autoptr(GHashTable) t = parse_lines (identity, length, IDENTITY_HEADER);
  TxIdentityKeys keys = { 0 };
  TxStationRecord row = { 0 };
  TxStation *s = NULL;

  if (read_identity (store, t, fp, &row, &keys, error) &&
      tx_store_station_replace (store, old_id, &row, error))
    s = tx_store_station_get (store, row.id, error);
  g_free (keys.fingerprint);
  return s;
}

gboolean
tx_station_public (TxStore          *store,
                   const char       *id,
                   TxStationPublic  *pub)
{
  return tx_store_station_public_keys (store, id, pub->sign_pk, pub->box_pk);
}

/**
 * tx_station_by_key_id:
 * @error: set when the stations trusted here cannot be read (a disk
 *   error); a key no station has leaves it unset
 *
 * Returns: (transfer full) (nullable): the station, revoked or not, that
 *   signs with this key
 */
TxStation *
tx_station_by_key_id (TxStore          *store,
                      const guchar     *key_id,
                      TxStationPublic  *pub,
                      GError          **error)
{
  g_autofree char *id = tx_store_station_by_key_id (store, key_id, error);

  if (id == NULL || !tx_station_public (store, id, pub))
    return NULL;
  return tx_store_station_get (store, id, error);
}

static gboolean
sign_checkpoint (const char  *text,
                 gsize        len,
                 guint8      *key_id,
                 guint8      *signature,
                 gpointer     data,
                 GError     **error)
{
  TxStationKeys *keys = data;

  memcpy (key_id, keys->key_id, TX_KEY_ID_BYTES);
  crypto_sign_detached (signature, NULL, (const guchar *) text, len, keys->sign_sk);
  return TRUE;
}

/**
 * tx_station_audit_checkpoint:
 *
 * Signs the audit trail up to its last entry with this station's key,
 * unless it was signed there already (tx_store_audit_checkpoint()). Call
 * it at the end of each session: when the window closes the store, quits
 * or locks, and when tongxing-cli exits after a command that opened one.
 * A station without keys yet (not set up) has nothing to sign with and is
 * left as it is.
 *
 * Returns: %FALSE with @error set if the keys cannot be read or the
 *   checkpoint cannot be written
 */
gboolean
tx_station_audit_checkpoint (TxStore  *store,
                             GError  **error)
{
  g_autofree char *have = tx_store_get_setting (store, TX_SETTING_SIGN_PK);
  TxStationKeys keys;
  gboolean ok;

  if (have == NULL)
    return TRUE;
  if (!tx_station_load_keys (store, &keys, error))
    {
      sodium_memzero (&keys, sizeof keys);
      return FALSE;
    }
  ok = tx_store_audit_checkpoint (store, sign_checkpoint, &keys, NULL, error);
  sodium_memzero (&keys, sizeof keys);
  return ok;
}
