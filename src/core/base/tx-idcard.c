/* tx-idcard.c — resident identity numbers (GB 11643)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-idcard"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-date.h"
#include "tx-idcard.h"

G_DEFINE_QUARK (tx-id-error-quark, tx_id_error)

static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
static const char check_chars[] = "10X98765432";

/**
 * tx_id_check_digit:
 * @first17: the first 17 digits
 *
 * Returns: the ISO 7064 MOD 11-2 check character
 */
char
tx_id_check_digit (const char *first17)
{
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return check_chars[sum % 11];
}

/**
 * tx_id_normalize:
 *
 * Removes spaces and turns a lower-case x into X.
 *
 * Returns: (transfer full): the normalised text
 */
char *
tx_id_normalize (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; p && *p; p++)
    {
      if (*p == ' ' || *p == '\t')
        continue;
      g_string_append_c (s, *p == 'x' ? 'X' : *p);
    }
  return g_string_free (s, FALSE);
}

static gboolean
all_digits (const char *s, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * tx_id_parse:
 * @text: an identity number as typed
 * @info: (out) (optional): what the number says
 *
 * Checks an 18-character identity number: digits, province code, birth date
 * and check digit. A 15-digit number of the first generation is refused with
 * %TX_ID_ERROR_LEGACY; tx_id_upgrade_legacy() gives its 18-digit form.
 */
gboolean
tx_id_parse (const char  *text,
             TxIdInfo    *info,
             GError     **error)
{
  g_autofree char *id = tx_id_normalize (text);
  gsize len = strlen (id);
  guint y, m, d;
  int province;

  if (len == 15 && all_digits (id, 15))
    {
      g_autofree char *upgraded = tx_id_upgrade_legacy (id);
      g_set_error (error, TX_ID_ERROR, TX_ID_ERROR_LEGACY,
                   _("This is an old 15-digit number; enter the 18-digit number of the "
                     "current identity card (for this number it would be %s)."),
                   upgraded);
      return FALSE;
    }
  if (len != 18)
    {
      g_set_error (error, TX_ID_ERROR, TX_ID_ERROR_LENGTH,
                   _("An identity number has 18 characters, this one has %u; check for a "
                     "missing or extra digit."),
                   (guint) g_utf8_strlen (id, -1));
      return FALSE;
    }
  if (!all_digits (id, 17) || !(g_ascii_isdigit (id[17]) || id[17] == 'X'))
    {
      g_set_error_literal (error, TX_ID_ERROR, TX_ID_ERROR_CHARACTERS,
                           _("Only digits are allowed, and X as the last character."));
      return FALSE;
    }
  province = (id[0] - '0') * 10 + (id[1] - '0');
  if (province < 11 || province > 91)
    {
      g_set_error (error, TX_ID_ERROR, TX_ID_ERROR_REGION,
                   _("The first two digits (%.2s) are not a province code; check them "
                     "against the identity card."),
                   id);
      return FALSE;
    }
  y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
  m = (id[10] - '0') * 10 + (id[11] - '0');
  d = (id[12] - '0') * 10 + (id[13] - '0');
  if (y < 1900 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, TX_ID_ERROR, TX_ID_ERROR_BIRTH_DATE,
                   _("Digits 7 to 14 (%.8s) are not a date of birth; check them against "
                     "the identity card."),
                   id + 6);
      return FALSE;
    }
  if (tx_id_check_digit (id) != id[17])
    {
      g_set_error_literal (error, TX_ID_ERROR, TX_ID_ERROR_CHECK_DIGIT,
                           _("The check digit does not match: at least one character is "
                             "wrong. Compare the number with the identity card digit by "
                             "digit."));
      return FALSE;
    }

  if (info)
    {
      memcpy (info->number, id, 18);
      info->number[18] = 0;
      memcpy (info->region, id, 6);
      info->region[6] = 0;
      g_date_clear (&info->birth, 1);
      g_date_set_dmy (&info->birth, d, m, y);
      info->male = ((id[16] - '0') % 2) == 1;
    }
  return TRUE;
}

/**
 * tx_id_upgrade_legacy:
 * @id15: a 15-digit number (region, YYMMDD, sequence)
 *
 * Returns: (transfer full): the 18-digit number it became (century 19, check digit)
 */
char *
tx_id_upgrade_legacy (const char *id15)
{
  char buf[19];

  g_return_val_if_fail (strlen (id15) == 15, NULL);
  memcpy (buf, id15, 6);
  buf[6] = '1';
  buf[7] = '9';
  memcpy (buf + 8, id15 + 6, 9);
  buf[17] = tx_id_check_digit (buf);
  buf[18] = 0;
  return g_strdup (buf);
}

/**
 * tx_id_mask:
 *
 * Hides the birth date and sequence: 220102********123X. Shown on screen
 * unless the user asks to reveal the number.
 *
 * Returns: (transfer full): the masked number
 */
char *
tx_id_mask (const char *number)
{
  gsize len;
  char *out;

  if (number == NULL)
    return g_strdup ("");
  /* what is not an identity number (a signature row's text, seen in a
   * ledger) is masked by characters, never cut inside one */
  if (!g_str_is_ascii (number))
    {
      glong n = g_utf8_strlen (number, -1);
      GString *s = g_string_new (NULL);
      const char *p = number;

      for (glong i = 0; i < n; i++, p = g_utf8_next_char (p))
        {
          if (n > 2 && (i == 0 || i == n - 1))
            g_string_append_len (s, p, g_utf8_next_char (p) - p);
          else
            g_string_append_c (s, '*');
        }
      return g_string_free (s, FALSE);
    }
  len = strlen (number);
  out = g_strdup (number);
  if (len <= 10)
    {
      for (gsize i = 0; i < len; i++)
        out[i] = '*';
      return out;
    }
  for (gsize i = 6; i < len - 4; i++)
    out[i] = '*';
  return out;
}

/**
 * tx_phone_mask:
 * @phone: (nullable): a mobile or landline number as stored
 *
 * Hides the middle digits of a phone number in lists: 138****5678,
 * 0431-****1234: the area code or the first three digits and the last four
 * stay, enough to tell two children of one name apart; the number in full
 * is on the child's form and in the visit dialog.
 *
 * Returns: (transfer full): the masked number, "" for none
 */
char *
tx_phone_mask (const char *phone)
{
  const char *dash;
  gsize len, start, keep;
  char *out;

  if (phone == NULL)
    return g_strdup ("");
  len = strlen (phone);
  out = g_strdup (phone);
  /* a landline keeps its area code, a mobile its first three digits */
  dash = strchr (phone, '-');
  start = dash ? (gsize) (dash - phone) + 1 : 3;
  keep = 4;
  if (len < start + keep + 2)
    start = 0, keep = MIN (len, 2);
  for (gsize i = start; i + keep < len; i++)
    if (g_ascii_isdigit (out[i]))
      out[i] = '*';
  return out;
}
