/* tx-pinyin.c — pinyin of names, for sorting and for search by initials
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-pinyin"

#include "config.h"

#include <string.h>

#include "tx-pinyin-private.h"
#include "tx-pinyin.h"

/* Surnames read otherwise than the character's most common reading */
static const struct { gunichar c; const char *py; } surnames[] = {
  { 0x66FE, "zeng" },  /* 曾 */
  { 0x5355, "shan" },  /* 单 */
  { 0x89E3, "xie" },   /* 解 */
  { 0x4EC7, "qiu" },   /* 仇 */
  { 0x6734, "piao" },  /* 朴 */
  { 0x533A, "ou" },    /* 区 */
  { 0x67E5, "zha" },   /* 查 */
  { 0x4E50, "yue" },   /* 乐 */
  { 0x7F2A, "miao" },  /* 缪 */
  { 0x7FDF, "zhai" },  /* 翟 */
  { 0x76D6, "ge" },    /* 盖 */
  { 0x5C09, "yu" },    /* 尉 */
  { 0x91CD, "chong" }, /* 重 */
  { 0x8D3E, "jia" },   /* 贾 */
  { 0x4FDE, "yu" },    /* 俞 */
  { 0x6C88, "shen" },  /* 沈 */
  { 0x5DEE, "chai" },  /* 差 */
  { 0x79D8, "bi" },    /* 秘 */
  { 0x8584, "bo" },    /* 薄 */
  { 0x5C45, "ju" },    /* 居 */
};

/**
 * tx_pinyin_of:
 * @c: a character
 * @as_surname: whether @c begins a name
 *
 * Returns: (nullable): the toneless pinyin, or %NULL for a character without one
 */
const char *
tx_pinyin_of (gunichar c,
              gboolean as_surname)
{
  guint16 idx;

  if (as_surname)
    for (guint i = 0; i < G_N_ELEMENTS (surnames); i++)
      if (surnames[i].c == c)
        return surnames[i].py;
  if (c < TX_PINYIN_FIRST || c > TX_PINYIN_LAST)
    return NULL;
  idx = tx_pinyin_table[c - TX_PINYIN_FIRST];
  return idx ? tx_pinyin_syllables[idx] : NULL;
}

/**
 * tx_pinyin_spelled:
 *
 * 张小明 → zhangxiaoming: the name as it sounds, without tones; two
 * spellings of one name (张晓明 and 章小明) give the same. Letters of
 * other scripts are folded to lower case, other characters dropped.
 *
 * Returns: (transfer full): the pinyin
 */
char *
tx_pinyin_spelled (const char *name)
{
  GString *s = g_string_new (NULL);
  gboolean first = TRUE;

  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *py = tx_pinyin_of (c, first);

      if (py)
        g_string_append (s, py);
      else if (g_unichar_isalnum (c))
        g_string_append_unichar (s, g_unichar_tolower (c));
      first = FALSE;
    }
  return g_string_free (s, FALSE);
}

/**
 * tx_pinyin_sort_key:
 *
 * A key that sorts names the way a Chinese reader expects: by pinyin, then
 * by the characters. Letters of other scripts are folded to lower case.
 *
 * Returns: (transfer full): the key
 */
char *
tx_pinyin_sort_key (const char *name)
{
  g_autofree char *spelled = tx_pinyin_spelled (name);
  GString *s = g_string_new (spelled);

  /* the name itself breaks ties between homophones */
  g_string_append_c (s, '\x01');
  g_string_append (s, name ? name : "");
  return g_string_free (s, FALSE);
}

/**
 * tx_pinyin_initials:
 *
 * 张小明 → zxm. Letters of Latin names are kept word by word (Anna Li → al).
 *
 * Returns: (transfer full): the initials, lower case
 */
char *
tx_pinyin_initials (const char *name)
{
  GString *s = g_string_new (NULL);
  gboolean first = TRUE, in_word = FALSE;

  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *py = tx_pinyin_of (c, first);

      if (py)
        {
          g_string_append_c (s, py[0]);
          in_word = FALSE;
        }
      else if (g_unichar_isalpha (c))
        {
          if (!in_word)
            g_string_append_unichar (s, g_unichar_tolower (c));
          in_word = TRUE;
        }
      else
        in_word = FALSE;
      first = FALSE;
    }
  return g_string_free (s, FALSE);
}
