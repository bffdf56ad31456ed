/* test-versions.c — the merge's pure parts: version vectors, the clock, the
 * decision for one field
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tx-test-util.h"
#include "tx-store-versions.h"
#include "tx-sync-private.h"

static char *
roundtrip (const char *vv)
{
  g_autoptr(GHashTable) t = tx_vv_parse (vv);

  return tx_vv_format (t);
}

static void
test_vv_parse_format (void)
{
  g_autofree char *empty = roundtrip ("");
  g_autofree char *null = roundtrip (NULL);
  g_autofree char *sorted = roundtrip ("b=2;a=10");
  g_autofree char *skipped = roundtrip ("a=1;junk;c=3");
  g_autoptr(GHashTable) t = tx_vv_parse ("s1=281474976710656;s2=7");

  g_assert_cmpstr (empty, ==, "");
  g_assert_cmpstr (null, ==, "");
  /* stations in order, whatever order they came in */
  g_assert_cmpstr (sorted, ==, "a=10;b=2");
  /* an entry without "=" is not a station's */
  g_assert_cmpstr (skipped, ==, "a=1;c=3");
  /* clocks are 48-bit milliseconds shifted left 16: they need 64 bits */
  g_assert_cmpint ((gint64) (gintptr) g_hash_table_lookup (t, "s1"), ==, G_GINT64_CONSTANT (281474976710656));
  g_assert_cmpint ((gint64) (gintptr) g_hash_table_lookup (t, "s2"), ==, 7);
}

static void
test_vv_leq (void)
{
  /* the empty vector is covered by every vector */
  g_assert_true (tx_vv_leq ("", ""));
  g_assert_true (tx_vv_leq (NULL, "a=1"));
  g_assert_true (tx_vv_leq ("", "a=1"));
  g_assert_false (tx_vv_leq ("a=1", ""));
  /* covered: every station's clock at most the other's */
  g_assert_true (tx_vv_leq ("a=1", "a=1"));
  g_assert_true (tx_vv_leq ("a=1", "a=2"));
  g_assert_true (tx_vv_leq ("a=1", "a=1;b=5"));
  g_assert_false (tx_vv_leq ("a=2", "a=1"));
  g_assert_false (tx_vv_leq ("a=1;b=1", "a=5"));
  /* concurrent: neither covers the other */
  g_assert_false (tx_vv_leq ("a=2;b=1", "a=1;b=2"));
  g_assert_false (tx_vv_leq ("a=1;b=2", "a=2;b=1"));
}

static void
test_vv_merge_add (void)
{
  const char *vs[] = { "", "a=1", "a=3;b=1", "b=4;c=2", "a=2;c=9" };

  for (guint i = 0; i < G_N_ELEMENTS (vs); i++)
    for (guint j = 0; j < G_N_ELEMENTS (vs); j++)
      {
        g_autofree char *ij = tx_vv_merge (vs[i], vs[j]);
        g_autofree char *ji = tx_vv_merge (vs[j], vs[i]);
        g_autofree char *again = tx_vv_merge (ij, vs[j]);

        /* commutative, idempotent, and an upper bound of both */
        g_assert_cmpstr (ij, ==, ji);
        g_assert_cmpstr (again, ==, ij);
        g_assert_true (tx_vv_leq (vs[i], ij));
        g_assert_true (tx_vv_leq (vs[j], ij));
      }
  {
    g_autofree char *m = tx_vv_merge ("a=3;b=1", "b=4;c=2");
    g_autofree char *added = tx_vv_add ("a=3;b=1", "b", 9);
    g_autofree char *fresh = tx_vv_add ("", "z", 5);

    g_assert_cmpstr (m, ==, "a=3;b=4;c=2");
    /* a station's own entry is replaced by its new clock */
    g_assert_cmpstr (added, ==, "a=3;b=9");
    g_assert_cmpstr (fresh, ==, "z=5");
  }
}

static void
test_version_compare (void)
{
  TxVersion a = { 0 }, b = { 0 }, c = { 0 };

  tx_version_set (&a, 100, "s1", "s1=100");
  tx_version_set (&b, 100, "s2", "s2=100");
  tx_version_set (&c, 200, "s0", "s0=200");
  /* the clock first, then the station's id: a total order */
  g_assert_cmpint (tx_version_compare (&a, &b), <, 0);
  g_assert_cmpint (tx_version_compare (&b, &a), >, 0);
  g_assert_cmpint (tx_version_compare (&b, &c), <, 0);
  g_assert_cmpint (tx_version_compare (&a, &a), ==, 0);
  /* a copy is equal and owns its strings */
  tx_version_copy (&c, &a);
  g_assert_cmpint (tx_version_compare (&a, &c), ==, 0);
  g_assert_true (c.station != a.station);
  /* the empty version is before every change */
  tx_version_clear (&c);
  g_assert_cmpint (c.hlc, ==, 0);
  g_assert_null (c.station);
  tx_version_set (&c, 0, NULL, NULL);
  g_assert_cmpstr (c.station, ==, "");
  g_assert_cmpstr (c.vv, ==, "");
  g_assert_cmpint (tx_version_compare (&c, &a), <, 0);
  tx_version_clear (&a);
  tx_version_clear (&b);
  tx_version_clear (&c);
}

/* The field at a station after merging @first, then @second */
static void
merge_in_order (const TxVersion *start,
                const TxVersion *first,
                const TxVersion *second,
                TxVersion       *out)
{
  TxVersion mid = { 0 };

  tx_sync_merge_field (start, first, &mid);
  tx_sync_merge_field (&mid, second, out);
  tx_version_clear (&mid);
}

static void
test_merge_field (void)
{
  TxVersion empty = { 0 }, mine = { 0 }, theirs = { 0 }, later = { 0 }, out = { 0 }, ab = { 0 }, ba = { 0 };

  tx_version_set (&empty, 0, "", "");
  tx_version_set (&mine, 100, "A", "A=100");
  /* B changed the field after seeing A's change: it follows ours */
  tx_version_set (&later, 150, "B", "A=100;B=150");
  /* B changed it without having seen A's: concurrent, and later */
  tx_version_set (&theirs, 120, "B", "B=120");

  g_assert_cmpint (tx_sync_merge_field (&mine, &mine, &out), ==, TX_MERGE_SKIP);
  g_assert_cmpint (out.hlc, ==, 100);
  g_assert_cmpint (tx_sync_merge_field (&mine, &empty, &out), ==, TX_MERGE_SKIP);
  g_assert_cmpint (tx_sync_merge_field (&empty, &mine, &out), ==, TX_MERGE_TAKE);
  g_assert_cmpstr (out.station, ==, "A");
  g_assert_cmpint (tx_sync_merge_field (&mine, &later, &out), ==, TX_MERGE_TAKE);
  g_assert_cmpstr (out.vv, ==, "A=100;B=150");
  /* ours already follows theirs */
  g_assert_cmpint (tx_sync_merge_field (&later, &mine, &out), ==, TX_MERGE_SKIP);
  g_assert_cmpstr (out.station, ==, "B");

  /* concurrent: the later version wins, with both stations' vectors */
  g_assert_cmpint (tx_sync_merge_field (&mine, &theirs, &out), ==, TX_MERGE_REPLACE);
  g_assert_cmpstr (out.station, ==, "B");
  g_assert_cmpint (out.hlc, ==, 120);
  g_assert_cmpstr (out.vv, ==, "A=100;B=120");
  g_assert_cmpint (tx_sync_merge_field (&theirs, &mine, &out), ==, TX_MERGE_KEEP);
  g_assert_cmpstr (out.station, ==, "B");
  g_assert_cmpstr (out.vv, ==, "A=100;B=120");

  /* every order of imports ends with the same version */
  merge_in_order (&empty, &mine, &theirs, &ab);
  merge_in_order (&empty, &theirs, &mine, &ba);
  g_assert_cmpint (tx_version_compare (&ab, &ba), ==, 0);
  g_assert_cmpstr (ab.vv, ==, ba.vv);
  /* and merging it again changes nothing */
  g_assert_cmpint (tx_sync_merge_field (&ab, &ba, &out), ==, TX_MERGE_SKIP);

  tx_version_clear (&empty);
  tx_version_clear (&mine);
  tx_version_clear (&theirs);
  tx_version_clear (&later);
  tx_version_clear (&out);
  tx_version_clear (&ab);
  tx_version_clear (&ba);
}

static void
test_clock (void)
{
  g_autoptr(TxStore) store = tx_test_store_new ("versions.db");
  g_autoptr(GError) error = NULL;
  gint64 before = (g_get_real_time () / 1000) << 16;
  gint64 first = tx_store_hlc_tick (store), far;

  /* physical milliseconds in the high bits */
  g_assert_cmpint (first, >=, before);
  g_assert_true (tx_store_set_setting_int (store, "sync_hlc", first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (tx_store_get_setting_int (store, "sync_hlc"), ==, first);
  g_assert_cmpint (tx_store_hlc_tick (store), >, first);

  /* a clock seen in an import far ahead: the next reading still follows it */
  far = first + (G_GINT64_CONSTANT (3600000) << 16);
  g_assert_true (tx_store_set_setting_int (store, "sync_hlc", far, &error));
  g_assert_cmpint (tx_store_hlc_tick (store), ==, far + 1);
}

int
main (int   argc,
      char *argv[])
{
  tx_test_init (&argc, &argv);
  g_test_add_func ("/versions/vv-parse-format", test_vv_parse_format);
  g_test_add_func ("/versions/vv-leq", test_vv_leq);
  g_test_add_func ("/versions/vv-merge-add", test_vv_merge_add);
  g_test_add_func ("/versions/compare", test_version_compare);
  g_test_add_func ("/versions/merge-field", test_merge_field);
  g_test_add_func ("/versions/clock", test_clock);
  return g_test_run ();
}
