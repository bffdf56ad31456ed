/* tx-sync-line.c — reading a payload's lines: visits scanned directly, the rest by json-glib
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-sync"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-form.h"
#include "tx-rules.h"
#include "tx-sync-private.h"

/* One JSON string at *@p, unescaped to *@out; FALSE for anything json-glib
 * should judge (control characters, a lone surrogate, U+0000, bad UTF-8) */
static gboolean
scan_string (const char **p,
             const char  *end,
             char       **out)
{
  const char *s = *p;
  char *o = *out, *start = *out;

  if (s >= end || *s++ != '"')
    return FALSE;
  while (s < end && *s != '"')
    {
      guchar c = *s++;
      gunichar u;

      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          *o++ = c;
          continue;
        }
      if (s >= end)
        return FALSE;
      switch (*s++)
        {
        case '"': *o++ = '"'; continue;
        case '\\': *o++ = '\\'; continue;
        case '/': *o++ = '/'; continue;
        case 'b': *o++ = '\b'; continue;
        case 'f': *o++ = '\f'; continue;
        case 'n': *o++ = '\n'; continue;
        case 'r': *o++ = '\r'; continue;
        case 't': *o++ = '\t'; continue;
        case 'u': break;
        default: return FALSE;
        }
      u = 0;
      for (int k = 0; k < 4; k++, s++)
        {
          if (s >= end || !g_ascii_isxdigit (*s))
            return FALSE;
          u = u * 16 + g_ascii_xdigit_value (*s);
        }
      if (u >= 0xd800 && u < 0xdc00)
        {
          gunichar low = 0;

          if (end - s < 6 || s[0] != '\\' || s[1] != 'u')
            return FALSE;
          for (int k = 2; k < 6; k++)
            {
              if (!g_ascii_isxdigit (s[k]))
                return FALSE;
              low = low * 16 + g_ascii_xdigit_value (s[k]);
            }
          if (low < 0xdc00 || low >= 0xe000)
            return FALSE;
          s += 6;
          u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
        }
      else if (u == 0 || (u >= 0xdc00 && u < 0xe000))
        return FALSE;
      o += g_unichar_to_utf8 (u, o);
    }
  if (s >= end)
    return FALSE;
  *o++ = '\0';
  if (!g_utf8_validate (start, o - start - 1, NULL))
    return FALSE;
  *p = s + 1;
  *out = o;
  return TRUE;
}

static gboolean
scan_literal (const char **p,
              const char  *end,
              const char  *literal)
{
  gsize n = strlen (literal);

  if ((gsize) (end - *p) < n || memcmp (*p, literal, n) != 0)
    return FALSE;
  *p += n;
  return TRUE;
}

/* {"t":"visit","id":"…","r":["…",null,…]} exactly as the export writes it */
static TxSyncLine *
scan_visit (const char *line,
            gsize       len)
{
  const char *p = line, *end = line + len;
  TxSyncLine *l;
  char *o;

  if (!scan_literal (&p, end, "{\"t\":\"visit\",\"id\":"))
    return NULL;
  /* unescaped, the strings are shorter than the line, with room for their ends */
  l = g_malloc (sizeof (TxSyncLine) + len + 1);
  l->node = NULL;
  l->is_visit = TRUE;
  o = l->text;
  l->visit[0] = o;
  if (!scan_string (&p, end, &o) || !scan_literal (&p, end, ",\"r\":["))
    goto fallback;
  for (guint i = 1; i < TX_SYNC_VISIT_VALUES; i++)
    {
      if (i > 1 && !scan_literal (&p, end, ","))
        goto fallback;
      if (scan_literal (&p, end, "null"))
        l->visit[i] = NULL;
      else
        {
          l->visit[i] = o;
          if (!scan_string (&p, end, &o))
            goto fallback;
        }
    }
  if (scan_literal (&p, end, "]}") && p == end)
    return l;
fallback:
  g_free (l);
  return NULL;
}

/**
 * tx_sync_line_parse:
 * @parser: a parser of the calling thread's own
 *
 * Parses one line of a payload; a thread reading a bundle does this while
 * the store applies the lines before it.
 *
 * Returns: (transfer full): the line, also when it is not JSON (the apply
 *   says so)
 */
TxSyncLine *
tx_sync_line_parse (JsonParser *parser,
                    const char *line,
                    gsize       len)
{
  TxSyncLine *l = scan_visit (line, len);

  if (l)
    return l;
  l = g_new0 (TxSyncLine, 1);
  if (json_parser_load_from_data (parser, line, len, NULL))
    l->node = json_parser_steal_root (parser);
  return l;
}

/**
 * tx_sync_line_visit:
 *
 * For tests: a visit's id and columns (%NULL for null), when its line was
 * read without json-glib.
 *
 * Returns: (nullable) (array fixed-size=26): the values, or %NULL
 */
const char *const *
tx_sync_line_visit (const TxSyncLine *l)
{
  return l->is_visit ? l->visit : NULL;
}

void
tx_sync_line_free (TxSyncLine *l)
{
  if (l == NULL)
    return;
  g_clear_pointer (&l->node, json_node_unref);
  g_free (l);
}
