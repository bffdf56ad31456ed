/* test-audit-core.c — the audit trail's chain, checkpoints and bulk changes, in the core
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chain is checked here entry by entry on copies of a store's entries
 * (changed, removed, moved, renumbered, a forged signature); the command
 * line's tests (test-audit.py) edit an exported file and the store itself.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "tx-store-private.h"
#include "tx-test-login.h"
#include "tx-test-util.h"

typedef struct {
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 sk[crypto_sign_SECRETKEYBYTES];
} Keys;

static gboolean
sign_cb (const char  *text,
         gsize        len,
         guint8      *key_id,
         guint8      *signature,
         gpointer     data,
         GError     **error)
{
  Keys *k = data;
  guint8 digest[crypto_generichash_BYTES];

  crypto_generichash (digest, sizeof digest, k->pk, sizeof k->pk, NULL, 0);
  memcpy (key_id, digest, TX_STATION_KEY_ID_BYTES);
  crypto_sign_detached (signature, NULL, (const guint8 *) text, len, k->sk);
  return TRUE;
}

/* A store with @n entries of its own after its setup's, and a checkpoint */
static TxStore *
store_with_entries (const char *name,
                    guint       n,
                    Keys       *keys)
{
  TxStore *store = tx_test_store_new (name);
  g_autoptr(GError) error = NULL;
  gboolean made = FALSE;

  for (guint i = 0; i < n; i++)
    g_assert_true (tx_store_audit_count_of (store, "test", NULL, "i", i, &error));
  crypto_sign_keypair (keys->pk, keys->sk);
  g_assert_true (tx_store_audit_checkpoint (store, sign_cb, keys, &made, &error));
  g_assert_no_error (error);
  g_assert_true (made);
  /* nothing new since: no second checkpoint */
  g_assert_true (tx_store_audit_checkpoint (store, sign_cb, keys, &made, &error));
  g_assert_false (made);
  return store;
}

/* The store's own trail as a chain to tamper with: entries oldest first */
static GPtrArray *
entries_of (TxStore *store)
{
  TxAuditFilter all = { 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tx_store_audit_find (store, &all, &error);
  GPtrArray *out = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = list->len; i-- > 0; )
    g_ptr_array_add (out, g_ptr_array_steal_index (list, i));
  g_ptr_array_unref (list);
  return out;
}

static TxAuditVerdict *
verdict_of (TxStore   *store,
            GPtrArray *entries,
            Keys      *keys)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) checkpoints = tx_store_audit_checkpoints (store, NULL, 0, &error);
  g_autoptr(TxAuditChain) chain = tx_audit_chain_new (tx_store_get_station_id (store), keys->pk, 0, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    tx_audit_chain_add_entry (chain, entries->pdata[i]);
  g_ptr_array_set_size (entries, 0);
  for (guint i = 0; i < checkpoints->len; i++)
    tx_audit_chain_add_checkpoint (chain, g_steal_pointer (&checkpoints->pdata[i]));
  return tx_audit_chain_verify (chain);
}

static void
test_chain (void)
{
  Keys keys;
  g_autoptr(TxStore) store = store_with_entries ("chain.db", 6, &keys);
  GPtrArray *entries;   /* a copy of the trail to tamper with, each time */
  g_autoptr(TxAuditVerdict) v = NULL;
  gint64 n;

  /* unbroken, with its checkpoint */
  entries = entries_of (store);
  n = entries->len;
  g_assert_cmpint (n, >=, 7);
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_UNBROKEN);
  g_assert_cmpint (v->entries, ==, n);
  g_assert_cmpint (v->checkpoints, ==, 1);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* a changed field */
  entries = entries_of (store);
  g_free (((TxAuditEntry *) entries->pdata[2])->person);
  ((TxAuditEntry *) entries->pdata[2])->person = g_strdup ("别人");
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_CHANGED);
  g_assert_cmpint (v->seq, ==, 3);
  g_assert_nonnull (strstr (v->message, "Entry 3 "));
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* a removed entry */
  entries = entries_of (store);
  tx_audit_entry_free (g_ptr_array_steal_index (entries, 3));
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_MISSING);
  g_assert_cmpint (v->seq, ==, 4);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* two entries in each other's place */
  entries = entries_of (store);
  {
    gpointer a = entries->pdata[3];
    entries->pdata[3] = entries->pdata[4];
    entries->pdata[4] = a;
  }
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_OUT_OF_ORDER);
  g_assert_cmpint (v->seq, ==, 5);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* renumbered: each in the other's place with the other's number */
  entries = entries_of (store);
  ((TxAuditEntry *) entries->pdata[3])->seq = 5;
  ((TxAuditEntry *) entries->pdata[4])->seq = 4;
  {
    gpointer a = entries->pdata[3];
    entries->pdata[3] = entries->pdata[4];
    entries->pdata[4] = a;
  }
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_OUT_OF_ORDER);
  g_assert_cmpint (v->seq, ==, 4);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* changed and hashed again: the next entry names another hash */
  entries = entries_of (store);
  {
    TxAuditEntry *e = entries->pdata[2];
    g_free (e->kind);
    e->kind = g_strdup ("other");
    tx_audit_entry_hash (e, e->hash);
  }
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_CHANGED);
  g_assert_cmpint (v->seq, ==, 3);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* the last entries cut off after the checkpoint signed them */
  entries = entries_of (store);
  tx_audit_entry_free (g_ptr_array_steal_index (entries, entries->len - 1));
  v = verdict_of (store, entries, &keys);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_MISSING);
  g_assert_cmpint (v->seq, ==, n);
  g_clear_pointer (&v, tx_audit_verdict_free);
  g_ptr_array_unref (entries);

  /* signed by another key */
  {
    Keys other;

    crypto_sign_keypair (other.pk, other.sk);
    entries = entries_of (store);
    v = verdict_of (store, entries, &other);
    g_assert_cmpint (v->broken, ==, TX_AUDIT_BAD_SIGNATURE);
    g_assert_cmpint (v->seq, ==, n);
    g_clear_pointer (&v, tx_audit_verdict_free);
    g_ptr_array_unref (entries);
  }
}

static void
test_checkpoint_text (void)
{
  guint8 hash[TX_AUDIT_HASH_BYTES];
  g_autofree char *text = NULL;

  memset (hash, 0xab, sizeof hash);
  text = tx_audit_checkpoint_text ("station-1", 42, hash);
  g_assert_cmpstr (text, ==, "tongxing audit checkpoint 1\nstation-1\n42\n"
                   "abababababababababababababababababababababababababababababababab");
}

static void
test_store_trail (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("own.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxAuditVerdict) v = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TxAuditFilter prints = { .kind = "print" };
  TxAuditEntry *e;
  gint64 count = 0;

  /* a print is audited as one, with its file's name and rows */
  g_assert_true (tx_store_log_export (store, "forms_print", "/home/x/forms.pdf", 3, &error));
  g_assert_true (tx_store_log_export (store, "ledger", "ledger.xlsx", 10, &error));
  list = tx_store_audit_find (store, &prints, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  e = list->pdata[0];
  g_assert_cmpstr (e->detail, ==, "{\"kind\":\"forms_print\",\"file\":\"forms.pdf\",\"rows\":3}");
  g_assert_cmpstr (e->person, ==, tx_test_user ());

  /* a bulk change is one entry */
  g_assert_true (tx_store_audit_find_count (store, &(TxAuditFilter) { 0 }, &count, &error));
  g_assert_true (tx_store_begin (store, &error));
  tx_store_audit_bulk (store);
  for (int i = 0; i < 10; i++)
    g_assert_true (tx_store_audit (store, "child.add", NULL, NULL, &error));
  tx_store_audit_bulk_end (store);
  g_assert_true (tx_store_audit_count_of (store, "import.ledger", NULL, "added", 10, &error));
  g_assert_true (tx_store_commit (store, &error));
  {
    gint64 after = 0;
    g_assert_true (tx_store_audit_find_count (store, &(TxAuditFilter) { 0 }, &after, &error));
    g_assert_cmpint (after, ==, count + 1);
  }
  /* a bulk change ends with its transaction, whatever becomes of it */
  g_assert_true (tx_store_begin (store, &error));
  tx_store_audit_bulk (store);
  tx_store_rollback (store);
  g_assert_true (tx_store_audit (store, "test", NULL, NULL, &error));
  g_assert_true (tx_store_audit_find_count (store, &(TxAuditFilter) { .kind = "test" }, &count, &error));
  g_assert_cmpint (count, ==, 1);

  /* the store's own trail, checked with its own key */
  g_assert_true (tx_station_audit_checkpoint (store, &error));
  g_assert_no_error (error);
  v = tx_store_audit_verify (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->broken, ==, TX_AUDIT_UNBROKEN);
  g_assert_cmpint (v->checkpoints, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  tx_test_init (&argc, &argv);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/audit/checkpoint-text", test_checkpoint_text);
  g_test_add_func ("/audit/chain", test_chain);
  g_test_add_func ("/audit/store-trail", test_store_trail);
  return g_test_run ();
}
