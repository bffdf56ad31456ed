/* tx-divisions.c — GB/T 2260 administrative divisions
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provinces down to townships (45,000 rows) are read from the embedded
 * divisions.tsv on first use; the 620,000 villages are read per province, and
 * only when a village of that province is asked for, so start-up stays fast.
 */

#define G_LOG_DOMAIN "tx-divisions"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "tx-data-resources.h"
#include "tx-divisions.h"

#define RESOURCE_PREFIX "/io/github/tongxing/Tongxing/data/divisions/"

typedef struct {
  GArray *levels[13];      /* of TxDivision, sorted by code, indexed by code length */
  GArray *villages[100];   /* per province, NULL until loaded */
  GMutex  lock;            /* guards villages */
} Divisions;

static void
parse_tsv (const char *data,
           gsize       len,
           GArray    **levels)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      const char *tab = memchr (p, '\t', end - p);
      const char *nl;
      TxDivision d = { 0 };
      gsize clen;

      if (tab == NULL)
        break;
      nl = memchr (tab, '\n', end - tab);
      if (nl == NULL)
        nl = end;
      clen = tab - p;
      if (clen == 2 || clen == 4 || clen == 6 || clen == 9 || clen == 12)
        {
          memcpy (d.code, p, clen);
          d.name = g_strndup (tab + 1, nl - tab - 1);
          g_array_append_val (levels[clen], d);
        }
      p = nl + 1;
    }
}

static gpointer
load_divisions (gpointer data)
{
  Divisions *self = g_new0 (Divisions, 1);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text;

  g_mutex_init (&self->lock);
  for (guint i = 0; i < G_N_ELEMENTS (self->levels); i++)
    self->levels[i] = g_array_new (FALSE, FALSE, sizeof (TxDivision));

  bytes = g_resource_lookup_data (tx_data_get_resource (), RESOURCE_PREFIX "divisions.tsv", 0, &error);
  if (bytes == NULL)
    g_error ("the division table is missing from the build: %s", error->message);
  text = g_bytes_get_data (bytes, &len);
  parse_tsv (text, len, self->levels);
  return self;
}

static Divisions *
get_divisions (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load_divisions, NULL);
}

static GArray *
province_villages (Divisions *self,
                   const char *code)
{
  int prov;
  GArray *arr;

  if (!g_ascii_isdigit (code[0]) || !g_ascii_isdigit (code[1]))
    return NULL;
  prov = (code[0] - '0') * 10 + (code[1] - '0');

  g_mutex_lock (&self->lock);
  arr = self->villages[prov];
  if (arr == NULL)
    {
      g_autofree char *path = g_strdup_printf (RESOURCE_PREFIX "villages/%02d.tsv.gz", prov);
      g_autoptr(GBytes) gz = g_resource_lookup_data (tx_data_get_resource (), path, 0, NULL);
      GArray *levels[13] = { NULL };

      arr = g_array_new (FALSE, FALSE, sizeof (TxDivision));
      if (gz)
        {
          g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_bytes (gz);
          g_autoptr(GConverter) conv = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
          g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, conv);
          g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
          g_autoptr(GError) error = NULL;

          if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error) < 0)
            g_error ("the village table of province %02d is damaged: %s", prov, error->message);
          levels[12] = arr;
          parse_tsv (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                     g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                     levels);
        }
      self->villages[prov] = arr;
    }
  g_mutex_unlock (&self->lock);
  return arr;
}

static GArray *
level_array (const char *code,
             gsize       len)
{
  Divisions *self = get_divisions ();

  if (len == 12)
    return province_villages (self, code);
  if (len < G_N_ELEMENTS (self->levels))
    return self->levels[len];
  return NULL;
}

/* Index of the first entry whose code is >= key, comparing only strlen(key) characters */
static guint
lower_bound (GArray     *arr,
             const char *key)
{
  guint lo = 0, hi = arr->len;
  gsize klen = strlen (key);

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (strncmp (g_array_index (arr, TxDivision, mid).code, key, klen) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * tx_division_lookup:
 * @code: a code of 2, 4, 6, 9 or 12 digits
 *
 * Returns: (nullable) (transfer none): the division, or %NULL if unknown
 */
const TxDivision *
tx_division_lookup (const char *code)
{
  gsize len;
  GArray *arr;
  guint i;

  if (code == NULL)
    return NULL;
  len = strlen (code);
  if (len != 2 && len != 4 && len != 6 && len != 9 && len != 12)
    return NULL;
  if (strspn (code, "0123456789") != len)
    return NULL;
  arr = level_array (code, len);
  if (arr == NULL)
    return NULL;
  i = lower_bound (arr, code);
  if (i < arr->len && strcmp (g_array_index (arr, TxDivision, i).code, code) == 0)
    return &g_array_index (arr, TxDivision, i);
  return NULL;
}

/**
 * tx_division_placeholder_township:
 * @code: (nullable): a code of 12 digits
 *
 * A township's code followed by "000" is no village: it is the place of
 * residence the county gives a child it transfers to that township, until
 * the township picks the village or community the child lives in.
 *
 * Returns: (nullable) (transfer none): the township of such a code
 */
const TxDivision *
tx_division_placeholder_township (const char *code)
{
  char township[10];

  if (code == NULL || strlen (code) != 12 || !g_str_has_suffix (code, "000") ||
      tx_division_lookup (code) != NULL)
    return NULL;
  memcpy (township, code, 9);
  township[9] = '\0';
  return tx_division_lookup (township);
}

/**
 * tx_division_name:
 *
 * Returns: (nullable) (transfer none): the division's name; for a
 *   township's placeholder (tx_division_placeholder_township()), the
 *   township's
 */
const char *
tx_division_name (const char *code)
{
  const TxDivision *d = tx_division_lookup (code);

  if (d == NULL)
    d = tx_division_placeholder_township (code);
  return d ? d->name : NULL;
}

/**
 * tx_division_path_name:
 * @code: a division code
 * @from: the highest level to include
 *
 * Joins the names from @from down to @code, leaving out the “市辖区” and “县”
 * placeholders of the data set: 吉林省长春市南关区.
 *
 * Returns: (transfer full) (nullable): the name, or %NULL for an unknown code
 */
char *
tx_division_path_name (const char      *code,
                       TxDivisionLevel  from)
{
  static const gsize lens[] = { 2, 4, 6, 9, 12 };
  GString *s;
  gsize len;

  if (tx_division_lookup (code) == NULL && tx_division_placeholder_township (code) == NULL)
    return NULL;
  /* a placeholder is named by its township */
  len = tx_division_lookup (code) ? strlen (code) : 9;
  s = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (lens) && lens[i] <= len; i++)
    {
      char part[13];
      const char *name;

      if (lens[i] < (gsize) from)
        continue;
      memcpy (part, code, lens[i]);
      part[lens[i]] = 0;
      name = tx_division_name (part);
      if (name == NULL)
        continue;
      if (lens[i] == 4 && (g_str_equal (name, "市辖区") || g_str_equal (name, "县") ||
                           g_str_equal (name, "省直辖县级行政区划") ||
                           g_str_equal (name, "自治区直辖县级行政区划")))
        continue;
      g_string_append (s, name);
    }
  return g_string_free (s, FALSE);
}

char *
tx_division_full_name (const char *code)
{
  return tx_division_path_name (code, TX_DIVISION_PROVINCE);
}

/**
 * tx_division_children:
 * @parent: (nullable): a code, or %NULL for the provinces
 *
 * Returns: (transfer container) (element-type TxDivision): the divisions one level below
 */
GPtrArray *
tx_division_children (const char *parent)
{
  static const gsize next[13] = { [0] = 2, [2] = 4, [4] = 6, [6] = 9, [9] = 12 };
  GPtrArray *out = g_ptr_array_new ();
  gsize plen = parent ? strlen (parent) : 0;
  GArray *arr;

  if (plen >= G_N_ELEMENTS (next) || next[plen] == 0)
    return out;
  arr = level_array (parent ? parent : "00", next[plen]);
  if (arr == NULL)
    return out;
  for (guint i = parent ? lower_bound (arr, parent) : 0; i < arr->len; i++)
    {
      TxDivision *d = &g_array_index (arr, TxDivision, i);
      if (parent && strncmp (d->code, parent, plen) != 0)
        break;
      g_ptr_array_add (out, d);
    }
  return out;
}

/**
 * tx_division_search:
 * @text: part of a name, or the first digits of a code
 * @level: the level searched
 * @limit: the most results returned
 *
 * Villages are searched only within the provinces whose villages are loaded.
 *
 * Returns: (transfer container) (element-type TxDivision): matches in code order
 */
GPtrArray *
tx_division_search (const char      *text,
                    TxDivisionLevel  level,
                    guint            limit)
{
  GPtrArray *out = g_ptr_array_new ();
  gboolean digits = text[0] && strspn (text, "0123456789") == strlen (text);
  Divisions *self = get_divisions ();
  GArray *arrs[100] = { NULL };
  guint n_arrs = 0;

  if (level == TX_DIVISION_VILLAGE)
    {
      if (digits && strlen (text) >= 2)
        arrs[n_arrs++] = province_villages (self, text);
      else
        {
          g_mutex_lock (&self->lock);
          for (guint i = 0; i < G_N_ELEMENTS (self->villages); i++)
            if (self->villages[i])
              arrs[n_arrs++] = self->villages[i];
          g_mutex_unlock (&self->lock);
        }
    }
  else
    arrs[n_arrs++] = self->levels[level];

  for (guint a = 0; a < n_arrs && out->len < limit; a++)
    {
      GArray *arr = arrs[a];
      guint start = digits ? lower_bound (arr, text) : 0;

      for (guint i = start; i < arr->len && out->len < limit; i++)
        {
          TxDivision *d = &g_array_index (arr, TxDivision, i);

          if (digits)
            {
              if (!g_str_has_prefix (d->code, text))
                break;
              g_ptr_array_add (out, d);
            }
          else if (strstr (d->name, text))
            g_ptr_array_add (out, d);
        }
    }
  return out;
}

/**
 * tx_division_is_city_district:
 * @county: a six-digit county-level code
 *
 * Whether the code is a 市辖区 (digits 5–6 from 01 to 20) of a prefecture city.
 */
gboolean
tx_division_is_city_district (const char *county)
{
  int n;

  if (county == NULL || strlen (county) < 6)
    return FALSE;
  n = (county[4] - '0') * 10 + (county[5] - '0');
  return n >= 1 && n <= 20;
}

/**
 * tx_division_is_municipality:
 *
 * Whether the code lies in Beijing, Tianjin, Shanghai or Chongqing, whose
 * city-level codes (01 districts, 02 counties) are not separate cities.
 */
gboolean
tx_division_is_municipality (const char *code)
{
  return code && (g_str_has_prefix (code, "11") || g_str_has_prefix (code, "12") ||
                  g_str_has_prefix (code, "31") || g_str_has_prefix (code, "50"));
}
