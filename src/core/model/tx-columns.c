/* tx-columns.c — a spreadsheet's columns mapped to the form's fields, and
 * its cells read as the form's values
 *
 * The form declaration is the mapping's source: a column is a field when
 * its header is the field's Chinese label, its English label (as written
 * or as translated: our own ledger in either language), its key, or one
 * of the usual variants offices write (姓名 / 儿童姓名, 身份证号 /
 * 公民身份证号码, 出生年月, 现住址, …). A two-row header with merged
 * section cells above (our own ledger; 父亲 over 姓名 | 身份证号 | 电话)
 * is read as the section's cell and the cell below it together.
 *
 * Values are read as people type them: dates in any of the usual styles
 * or as date cells and serial numbers, full-width digits and spaces,
 * 是/否 and √/×, choices by code or label, divisions by code or by name.
 * An identity number that a spreadsheet kept as a number has lost its last
 * digits; it is refused with the fix, never guessed.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-columns"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "tx-columns.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-idcard.h"

/* How many rows from the top are looked at for the header */
#define HEADER_SEARCH_ROWS 30

/* Headers offices write for the form's fields, besides the form's own
 * labels. Compared after normalize_header(): no spaces, punctuation or
 * brackets, full-width folded, ASCII lower case. */
static const struct {
  const char *key;
  const char *headers;   /* separated by | */
} variants[] = {
  { "name", "姓名|儿童姓名|学生姓名|幼儿姓名|儿童名字|name" },
  { "gender", "性别|儿童性别|sex" },
  { "ethnicity", "民族" },
  { "birth_date", "出生日期|出生年月|出生年月日|生日|出生时间|birthdate|dateofbirth" },
  { "id_type", "证件类型|身份证件类型" },
  { "id_number", "身份证号|身份证号码|公民身份证号码|公民身份证号|公民身份号码|身份号码|身份证|证件号码|证件号|"
                 "身份证件号码|儿童身份证号|儿童身份证号码|学生身份证号|学生身份证号码|居民身份证号码|"
                 "居民身份证号|idnumber" },
  { "hukou_registered", "是否登记户口|户口登记" },
  { "hukou_division", "户籍地|户籍所在地|户籍所在地区|户籍地区|户口所在地" },
  { "hukou_address", "户籍地址|户籍详细地址|户籍住址|户口地址|户籍地详细地址" },
  { "residence_division", "现居住地|村社区|所在村社区|村居|所属村居|所在社区|所在村|社区|居住村社区" },
  { "residence_address", "现住址|现居住地址|现居住详细地址|居住地址|住址|现住地址|暂住地址|居住地详址|"
                         "现居住地详细地址|家庭住址|实际居住地址" },
  { "arrival_date", "来本地时间|来本地居住时间|来本地日期|居住起始日期|来本地居住日期|暂住时间|"
                    "居住起始时间|来现居住地时间" },
  { "migration_scope", "流动范围|流动类型" },
  { "accompanied_by", "随迁情况|随迁" },
  { "contact_phone", "联系电话|电话|联系方式|手机|手机号|手机号码|监护人电话|家长电话|监护人联系电话|"
                     "家长联系电话|phone" },
  { "health", "身体状况|健康状况" },
  { "schooling", "就学情况|就读情况|在校情况|入学情况|学段" },
  { "school_name", "学校|学校名称|就读学校|学校幼儿园名称|在读学校|就读学校名称|所在学校|就读学校幼儿园" },
  { "school_kind", "学校性质|办学性质" },
  { "child_permit", "居住证|儿童居住证|是否办理居住证|居住证办理情况|儿童居住证办理情况" },
  { "guardian_permit", "监护人居住证|监护人居住证办理情况" },
  { "health_managed", "是否纳入健康管理|健康管理|纳入健康管理" },
  { "vaccination_card", "预防接种证|是否有预防接种证|接种证" },
  { "vaccination", "疫苗接种情况|接种情况|预防接种情况" },
  { "vaccination_site", "接种单位|接种点" },
  { "insurance", "参保情况|医保参保情况|医保" },
  { "child_category", "儿童类别|类别|儿童类型" },
  { "guardianship", "监护状况|监护状况评估|监护评估|监护情况评估" },
  { "father_name", "父亲姓名|父亲" },
  { "father_id_number", "父亲身份证号|父亲身份证号码|父亲身份证" },
  { "father_phone", "父亲联系电话|父亲电话|父亲手机" },
  { "mother_name", "母亲姓名|母亲" },
  { "mother_id_number", "母亲身份证号|母亲身份证号码|母亲身份证" },
  { "mother_phone", "母亲联系电话|母亲电话|母亲手机" },
  { "other_guardian_name", "其他监护人姓名|监护人姓名|受委托照护人姓名" },
  { "key_care", "是否重点关爱|重点关爱对象|重点关爱" },
  { "remarks", "备注|说明" },
};

G_DEFINE_QUARK (tx-columns-error-quark, tx_columns_error)

static GHashTable *header_index;   /* normalized header → field index + 1 */
static GHashTable **choice_index;  /* by field: normalized label → TxChoice */

/* Full-width folded (NFKC), no spaces, punctuation or brackets, ASCII
 * lower case: 公民身份证号码（18位） and "ID number" compare by their words */
static char *
normalize_header (const char *text)
{
  g_autofree char *folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  GString *s = g_string_new (NULL);
  int depth = 0;

  if (folded == NULL)
    return g_string_free (s, FALSE);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* what is in brackets explains the header: 出生日期(年月日) */
      if (c == '(' || c == '[' || c == 0x3010 /* 【 */)
        {
          depth++;
          continue;
        }
      if (c == ')' || c == ']' || c == 0x3011 /* 】 */)
        {
          depth = MAX (depth - 1, 0);
          continue;
        }
      if (depth > 0 || g_unichar_isspace (c) || g_unichar_ispunct (c) || c == '*')
        continue;
      g_string_append_unichar (s, g_unichar_tolower (c));
    }
  return g_string_free (s, FALSE);
}

static void
index_header (const char *header,
              int         field)
{
  g_autofree char *n = normalize_header (header);

  if (*n && !g_hash_table_contains (header_index, n))
    g_hash_table_insert (header_index, g_steal_pointer (&n), GINT_TO_POINTER (field + 1));
}

static void
ensure_index (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      const TxForm *form = tx_form_get ();

      header_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      /* the form's own labels first: they win over a variant */
      for (guint i = 0; i < form->n_fields; i++)
        {
          const TxField *f = &form->fields[i];

          if (f->derived && !g_str_equal (f->key, "key_care"))
            continue;
          index_header (f->zh, i);
          index_header (f->en, i);
          index_header (_(f->en), i);
          index_header (f->key, i);
        }
      /* the choices' labels, normalized once: a ledger has thousands of cells */
      choice_index = g_new0 (GHashTable *, form->n_fields);
      for (guint i = 0; i < form->n_fields; i++)
        {
          const TxField *f = &form->fields[i];

          if (f->choices == NULL)
            continue;
          choice_index[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint c = 0; f->choices[c].code; c++)
            {
              const char *labels[] = { f->choices[c].zh, f->choices[c].en, _(f->choices[c].en) };

              for (guint l = 0; l < G_N_ELEMENTS (labels); l++)
                {
                  char *n = normalize_header (labels[l]);

                  if (*n && !g_hash_table_contains (choice_index[i], n))
                    g_hash_table_insert (choice_index[i], n, (gpointer) &f->choices[c]);
                  else
                    g_free (n);
                }
            }
        }
      for (guint v = 0; v < G_N_ELEMENTS (variants); v++)
        {
          g_auto(GStrv) headers = g_strsplit (variants[v].headers, "|", -1);
          int field = tx_form_index (variants[v].key);

          g_assert (field >= 0);
          for (guint h = 0; headers[h]; h++)
            index_header (headers[h], field);
        }
      g_once_init_leave (&done, 1);
    }
}

/**
 * tx_columns_match_header:
 * @header: a column's header as the sheet shows it
 *
 * Returns: the form field the header names, or -1
 */
int
tx_columns_match_header (const char *header)
{
  g_autofree char *n = NULL;

  if (header == NULL || *header == 0)
    return -1;
  int field;

  ensure_index ();
  n = normalize_header (header);
  if ((field = GPOINTER_TO_INT (g_hash_table_lookup (header_index, n)) - 1) >= 0)
    return field;
  /* any other way of writing the child's identity number (公民身份证号 was
   * not a variant, seen in the new-user walk): one that names no parent,
   * guardian or contact */
  if ((strstr (n, "身份证") || strstr (n, "身份号")) && !strstr (n, "父") && !strstr (n, "母") &&
      !strstr (n, "监护") && !strstr (n, "家长") && !strstr (n, "联系") && !strstr (n, "照护"))
    return tx_form_index ("id_number");
  return -1;
}

static char *
column_letter (guint column)
{
  char buf[8];
  int i = G_N_ELEMENTS (buf) - 1;

  buf[i] = 0;
  column++;
  while (column > 0 && i > 0)
    {
      buf[--i] = 'A' + (column - 1) % 26;
      column = (column - 1) / 26;
    }
  return g_strdup (buf + i);
}

static void
column_free (gpointer data)
{
  TxColumn *c = data;

  g_free (c->letter);
  g_free (c->header);
  g_free (c);
}

static char *
cell_text (const TxSheetRow *row,
           guint             column)
{
  return g_strstrip (g_strdup (tx_sheet_row_text (row, column)));
}

/* The columns of a header of one row (@upper NULL) or two: a cell of the
 * upper row heads the cells below it up to the next one (a merged
 * section). Returns how many columns name a field, each field once. */
static guint
map_header (const TxSheetRow *upper,
            const TxSheetRow *lower,
            GPtrArray        *columns)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  g_autofree char *section = NULL;
  guint n = lower->n_cells;
  guint matched = 0;

  if (upper)
    n = MAX (n, upper->n_cells);
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *below = cell_text (lower, c);
      g_autofree char *above = upper ? cell_text (upper, c) : NULL;
      TxColumn *col;
      int field = -1;

      if (above && *above)
        { g_free (section); section = g_strdup (above); }
      col = g_new0 (TxColumn, 1);
      col->column = c;
      col->letter = column_letter (c);
      if (*below && section && *section)
        {
          /* 父亲 over 姓名 is 父亲姓名; 一、儿童基本信息 over 姓名 is 姓名 */
          g_autofree char *both = g_strconcat (section, below, NULL);

          field = tx_columns_match_header (both);
          if (field < 0)
            field = tx_columns_match_header (below);
          col->header = g_strdup_printf ("%s · %s", section, below);
        }
      else if (*below)
        {
          field = tx_columns_match_header (below);
          col->header = g_steal_pointer (&below);
        }
      else if (above && *above)
        {
          /* a cell merged down over both rows */
          field = tx_columns_match_header (above);
          col->header = g_strdup (above);
        }
      else
        col->header = g_strdup ("");
      if (field >= 0 && !g_hash_table_contains (seen, GINT_TO_POINTER (field + 1)))
        {
          g_hash_table_add (seen, GINT_TO_POINTER (field + 1));
          col->field = field;
          matched++;
        }
      else
        col->field = -1;
      g_ptr_array_add (columns, col);
    }
  return matched;
}

/**
 * tx_column_map_detect:
 * @rows: (element-type TxSheetRow): the first rows of the sheet
 *
 * Finds the header among the first rows: the row (or two rows, a merged
 * section row above) whose cells name the most fields of the form. A title
 * row above it and blank rows do not matter.
 *
 * Returns: (transfer full) (nullable): the columns, or %NULL when no row
 *   names two fields
 */
TxColumnMap *
tx_column_map_detect (GPtrArray  *rows,
                      GError    **error)
{
  TxColumnMap *best = NULL;
  guint best_matched = 0;

  for (guint r = 0; r < rows->len && r < HEADER_SEARCH_ROWS; r++)
    for (guint two = 0; two < 2; two++)
      {
        const TxSheetRow *lower = g_ptr_array_index (rows, r);
        const TxSheetRow *upper = NULL;
        g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (column_free);
        guint matched;

        if (two)
          {
            /* the row just above, when the sheet has no blank row between */
            if (r == 0)
              continue;
            upper = g_ptr_array_index (rows, r - 1);
            if (upper->number + 1 != lower->number)
              continue;
          }
        matched = map_header (upper, lower, columns);
        /* a section row above that names no more fields is still the header's */
        if (matched > best_matched ||
            (upper && best && matched == best_matched && best->header_last == lower->number))
          {
            g_clear_pointer (&best, tx_column_map_free);
            best = g_new0 (TxColumnMap, 1);
            best->header_first = upper ? upper->number : lower->number;
            best->header_last = lower->number;
            best->columns = g_steal_pointer (&columns);
            best_matched = matched;
          }
      }
  if (best == NULL || best_matched < 2)
    {
      g_clear_pointer (&best, tx_column_map_free);
      g_set_error (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_HEADER,
                   _("No header row was found in the first %d rows: no row names two fields of the form "
                     "(such as 姓名 and 出生日期). Check that this is the sheet of the children, or name the "
                     "columns with --map HEADER=KEY."), HEADER_SEARCH_ROWS);
      return NULL;
    }
  return best;
}

TxColumnMap *
tx_column_map_copy (const TxColumnMap *map)
{
  TxColumnMap *copy = g_new0 (TxColumnMap, 1);

  copy->header_first = map->header_first;
  copy->header_last = map->header_last;
  copy->columns = g_ptr_array_new_with_free_func (column_free);
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);
      TxColumn *d = g_memdup2 (c, sizeof *c);

      d->letter = g_strdup (c->letter);
      d->header = g_strdup (c->header);
      g_ptr_array_add (copy->columns, d);
    }
  return copy;
}

void
tx_column_map_free (TxColumnMap *map)
{
  if (map == NULL)
    return;
  g_ptr_array_unref (map->columns);
  g_free (map);
}

/**
 * tx_column_map_set:
 * @column: the column's header as the sheet shows it, or its letter ("C")
 * @key: (nullable): a field's key, or %NULL or "" to leave the column out
 *
 * The person's choice for a column. A field another column had goes to
 * this one.
 */
gboolean
tx_column_map_set (TxColumnMap  *map,
                   const char   *column,
                   const char   *key,
                   GError      **error)
{
  TxColumn *target = NULL;
  int field = -1;

  if (key && *key && (field = tx_form_index (key)) < 0)
    {
      g_set_error (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_FIELD,
                   _("“%s” is not a field of the form. `tongxing-cli form describe` lists the keys."), key);
      return FALSE;
    }
  for (guint i = 0; i < map->columns->len && !target; i++)
    {
      TxColumn *c = g_ptr_array_index (map->columns, i);
      g_autofree char *below = NULL;
      const char *dot = strstr (c->header, " · ");

      below = g_strdup (dot ? dot + strlen (" · ") : c->header);
      if (g_str_equal (c->header, column) || g_str_equal (below, column) ||
          g_ascii_strcasecmp (c->letter, column) == 0)
        target = c;
    }
  if (target == NULL)
    {
      g_set_error (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_COLUMN,
                   _("The sheet has no column “%s”. Give the header as the sheet shows it, or the "
                     "column's letter."), column);
      return FALSE;
    }
  if (field >= 0)
    for (guint i = 0; i < map->columns->len; i++)
      {
        TxColumn *c = g_ptr_array_index (map->columns, i);

        if (c != target && c->field == field)
          c->field = -1;
      }
  target->field = field;
  target->by_user = TRUE;
  return TRUE;
}

/* The column that fills @field, or -1 */
int
tx_column_map_find_field (const TxColumnMap *map,
                          int                field)
{
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);

      if (c->field == field)
        return (int) c->column;
    }
  return -1;
}

guint
tx_column_map_n_mapped (const TxColumnMap *map)
{
  guint n = 0;

  for (guint i = 0; i < map->columns->len; i++)
    n += ((const TxColumn *) g_ptr_array_index (map->columns, i))->field >= 0;
  return n;
}

/**
 * tx_column_map_describe:
 *
 * Returns: (transfer full): the mapping in lines, "C 出生年月 → Date of
 *   birth", then the columns not imported, for the command line
 */
char *
tx_column_map_describe (const TxColumnMap *map)
{
  const TxForm *form = tx_form_get ();
  GString *s = g_string_new (NULL);
  GString *left = g_string_new (NULL);

  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);

      if (c->field >= 0)
        g_string_append_printf (s, "  %s  %s → %s (%s)\n", c->letter, c->header,
                                tx_field_label (&form->fields[c->field]), form->fields[c->field].key);
      else if (*c->header)
        g_string_append_printf (left, "%s%s %s", left->len ? ", " : "", c->letter, c->header);
    }
  if (left->len)
    g_string_append_printf (s, _("  Not imported: %s\n"), left->str);
  g_string_free (left, TRUE);
  return g_string_free (s, FALSE);
}

static const char *const signatures[] = {
  "填表人", "填报人", "制表人", "审核人", "复核人", "负责人", "单位负责人", "分管领导", "填表日期", "制表日期",
  "填报日期", "填表单位", "填报单位盖章", "盖章",
};

/**
 * tx_columns_is_total_row:
 *
 * Whether the row sums the ones above (合计, 总计, 小计 in its first
 * cells), or holds the signatures at the foot of the sheet (填表人：…,
 * 审核人：…), rather than being a child.
 */
gboolean
tx_columns_is_total_row (const TxSheetRow *row)
{
  for (guint c = 0; c < MIN (row->n_cells, 3); c++)
    {
      g_autofree char *n = normalize_header (tx_sheet_row_text (row, c));

      if (g_str_has_prefix (n, "合计") || g_str_has_prefix (n, "总计") ||
          g_str_has_prefix (n, "小计") || g_str_equal (n, "total"))
        return TRUE;
      /* the signatures at a ledger's foot: 填表人：李红梅 … 审核人：张国庆 */
      for (guint k = 0; k < G_N_ELEMENTS (signatures); k++)
        if (g_str_has_prefix (n, signatures[k]))
          return TRUE;
    }
  return FALSE;
}

/* Full-width letters, digits and spaces folded, ends trimmed */
static char *
fold_text (const char *text)
{
  char *folded;

  /* most cells have nothing full-width (U+FF01–FF5E, U+3000): no need to fold */
  if (strstr (text, "\xef\xbc") == NULL && strstr (text, "\xef\xbd") == NULL && strstr (text, "\xe3\x80\x80") == NULL)
    return g_strstrip (g_strdup (text));
  folded = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (folded == NULL)
    return g_strdup ("");
  /* the ideographic space is a space */
  {
    GString *s = g_string_new (NULL);

    for (const char *p = folded; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        g_string_append_unichar (s, c == 0x3000 ? ' ' : c);
      }
    g_free (folded);
    return g_strstrip (g_string_free (s, FALSE));
  }
}

/* 刘 宇轩 is 刘宇轩: a space typed between two Chinese characters of a
 * name is not part of it (Latin names keep theirs) */
static char *
join_han_spaces (const char *text)
{
  GString *s = g_string_new (NULL);
  gunichar last = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) && last && g_unichar_get_script (last) == G_UNICODE_SCRIPT_HAN)
        {
          const char *q = p;

          while (*q && g_unichar_isspace (g_utf8_get_char (q)))
            q = g_utf8_next_char (q);
          if (*q && g_unichar_get_script (g_utf8_get_char (q)) == G_UNICODE_SCRIPT_HAN)
            {
              p = g_utf8_prev_char (q);
              continue;
            }
        }
      g_string_append_unichar (s, c);
      last = c;
    }
  return g_string_free (s, FALSE);
}

/* A number as a person sees it in the cell: whole numbers in full */
static char *
number_text (const TxCell *cell)
{
  if (cell->number == floor (cell->number) && fabs (cell->number) < 1e15)
    return g_strdup_printf ("%.0f", cell->number);
  return g_strdup (cell->text);
}

/* 5.11323E+17: what a spreadsheet shows of a long number it keeps as one */
static gboolean
looks_like_exponent (const char *text)
{
  g_autoptr(GRegex) re = g_regex_new ("^[0-9](\\.[0-9]+)?[eE][+]?[0-9]+$", 0, 0, NULL);

  return g_regex_match (re, text, 0, NULL);
}

static const char *yes_words[] = { "是", "√", "✓", "✔", "y", "yes", "有", "true", "1", "☑", NULL };
static const char *no_words[] = { "否", "×", "✗", "✘", "x", "n", "no", "无", "false", "0", "☐", NULL };

static gboolean
word_in (const char        *text,
         const char *const *words)
{
  for (guint i = 0; words[i]; i++)
    if (g_ascii_strcasecmp (text, words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A choice by code or label; a label's bracketed part may be left out
 * (散居 for 散居（未入园）); √ and 是 for yes, × and 否 for no */
static const TxChoice *
parse_choice (const TxField *f,
              const char    *text)
{
  const TxChoice *c = tx_field_choice_parse (f, text);
  g_autofree char *n = NULL;

  if (c)
    return c;
  /* √ and 是 tick yes, or the first of two choices (已办理 of 已办理/未办理) */
  if (word_in (text, yes_words))
    return (c = tx_field_choice (f, "yes")) ? c : f->n_choices == 2 ? &f->choices[0] : NULL;
  if (word_in (text, no_words))
    return (c = tx_field_choice (f, "no")) ? c : f->n_choices == 2 ? &f->choices[1] : NULL;
  ensure_index ();
  n = normalize_header (text);
  if (*n == 0)
    return NULL;
  if ((c = g_hash_table_lookup (choice_index[f->index], n)))
    return c;
  /* 汉 for 汉族, 回 for 回族 */
  {
    g_autofree char *with_zu = g_strconcat (n, "族", NULL);

    for (guint i = 0; f->choices[i].code; i++)
      if (g_str_equal (f->choices[i].zh, with_zu))
        return &f->choices[i];
  }
  return NULL;
}

static char *
choices_listed (const TxField *f)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; f->choices[i].code; i++)
    g_string_append_printf (s, "%s%s", i ? "、" : "", tx_choice_label (&f->choices[i]));
  return g_string_free (s, FALSE);
}

/* A division by code, by its full name (四川省…恒安社区), or by its own
 * name within the workstation's township or county */
static char *parse_division_uncached (const TxField          *f,
                                       const char             *text,
                                       const TxColumnsContext *ctx);

/* A ledger names the same few villages thousands of times: what a text
 * resolved to is kept, by thread, for the field's level and the context */
static char *
parse_division (const TxField          *f,
                const char             *text,
                const TxColumnsContext *ctx)
{
  static GPrivate cache_key = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);
  GHashTable *cache = g_private_get (&cache_key);
  g_autofree char *key = g_strdup_printf ("%u|%s|%s|%s", f->max_len, ctx && ctx->township ? ctx->township : "",
                                          ctx && ctx->county ? ctx->county : "", text);
  const char *known;
  char *code;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_private_set (&cache_key, cache);
    }
  if (g_hash_table_lookup_extended (cache, key, NULL, (gpointer *) &known))
    return known ? g_strdup (known) : NULL;
  code = parse_division_uncached (f, text, ctx);
  if (g_hash_table_size (cache) > 4096)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_steal_pointer (&key), g_strdup (code));
  return code;
}

static char *
parse_division_uncached (const TxField          *f,
                         const char             *text,
                         const TxColumnsContext *ctx)
{
  g_autofree char *n = normalize_header (text);
  char *code = NULL;
  const char *rest = n;
  const char *parent = NULL;
  g_autofree char *parent_code = NULL;

  if (*n && strspn (n, "0123456789") == strlen (n))
    return tx_division_lookup (n) && strlen (n) == f->max_len ? g_strdup (n) : NULL;
  /* down from the province, a name at each level; a level full names
   * leave out (天津市河东区: 市辖区; 新疆维吾尔自治区双河市: 自治区直辖县级
   *行政区划) is looked through */
  while (*rest)
    {
      g_autoptr(GPtrArray) children = tx_division_children (parent);
      const TxDivision *found = NULL;
      gsize found_len = 0;

      for (guint pass = 0; pass < 2 && found == NULL; pass++)
        for (guint i = 0; i < children->len; i++)
          {
            const TxDivision *d = g_ptr_array_index (children, i);
            g_autoptr(GPtrArray) below = pass ? tx_division_children (d->code) : NULL;

            for (guint j = 0; j < (pass ? below->len : 1); j++)
              {
                const TxDivision *e = pass ? g_ptr_array_index (below, j) : d;
                g_autofree char *name = normalize_header (e->name);
                gsize len = strlen (name);

                if (len > found_len && strncmp (rest, name, len) == 0)
                  {
                    found = e;
                    found_len = len;
                  }
              }
          }
      if (found == NULL)
        break;
      g_free (parent_code);
      parent_code = g_strdup (found->code);
      parent = parent_code;
      rest += found_len;
    }
  if (*rest == 0 && parent_code && strlen (parent_code) == f->max_len)
    return g_steal_pointer (&parent_code);
  /* a village named alone: in the township, else the county */
  if (parent_code == NULL && f->max_len == 12)
    {
      const char *within[] = { ctx ? ctx->township : NULL, ctx ? ctx->county : NULL };

      for (guint w = 0; w < G_N_ELEMENTS (within) && code == NULL; w++)
        {
          g_autoptr(GPtrArray) towns = NULL;

          if (within[w] == NULL || *within[w] == 0)
            continue;
          if (strlen (within[w]) == 9)
            {
              towns = g_ptr_array_new ();
              g_ptr_array_add (towns, (gpointer) tx_division_lookup (within[w]));
            }
          else
            towns = tx_division_children (within[w]);
          for (guint t = 0; t < towns->len && code == NULL; t++)
            {
              const TxDivision *town = g_ptr_array_index (towns, t);
              g_autoptr(GPtrArray) villages = town ? tx_division_children (town->code) : NULL;

              for (guint v = 0; villages && v < villages->len; v++)
                {
                  const TxDivision *d = g_ptr_array_index (villages, v);
                  g_autofree char *name = normalize_header (d->name);

                  if (g_str_equal (name, n))
                    {
                      code = g_strdup (d->code);
                      break;
                    }
                }
            }
        }
    }
  return code;
}

/**
 * tx_columns_read_value:
 * @field: the field the cell fills
 * @cell: the cell
 * @message: (out): why the value cannot be taken, when it cannot
 *
 * Returns: (transfer full) (nullable): the value as the form stores it;
 *   %NULL for an empty cell (no @message) or a refused one (@message set)
 */
char *
tx_columns_read_value (const TxField          *field,
                       const TxCell           *cell,
                       const TxColumnsContext *ctx,
                       char                  **message)
{
  g_autofree char *text = NULL;

  *message = NULL;
  if (cell == NULL || cell->kind == TX_CELL_EMPTY)
    return NULL;
  text = cell->kind == TX_CELL_NUMBER ? number_text (cell) : fold_text (cell->text);
  if (*text == 0)
    return NULL;

  switch (field->type)
    {
    case TX_FIELD_ID18:
      if ((cell->kind == TX_CELL_NUMBER && fabs (cell->number) >= 1e15) || looks_like_exponent (text))
        {
          *message = g_strdup (_("The spreadsheet kept this identity number as a number and lost its last "
                                 "digits. Format the column as text and type the number again."));
          return NULL;
        }
      return tx_id_normalize (text);

    case TX_FIELD_DATE:
      {
        GDate d;

        if (cell->kind == TX_CELL_DATE)
          return g_strdup (cell->text);
        if (cell->kind == TX_CELL_NUMBER && cell->number >= 1 && cell->number < 2958466 &&
            !(cell->number >= 19000101 && cell->number <= 21001231))
          {
            /* a serial number: days since 1899-12-30 (Excel's 1900 leap-year bug included) */
            g_date_clear (&d, 1);
            g_date_set_dmy (&d, 30, G_DATE_DECEMBER, 1899);
            g_date_add_days (&d, (guint) cell->number);
            return tx_date_format (&d);
          }
        if (tx_date_parse (text, &d))
          return tx_date_format (&d);
        *message = g_strdup_printf (_("“%s” is not a date. Write it like 2015-03-02."), text);
        return NULL;
      }

    case TX_FIELD_CHOICE:
      {
        const TxChoice *c = parse_choice (field, text);
        g_autofree char *listed = NULL;

        if (c)
          return g_strdup (c->code);
        listed = choices_listed (field);
        *message = g_strdup_printf (_("“%s” is not one of the choices of %s: %s."), text,
                                    tx_field_label (field), listed);
        return NULL;
      }

    case TX_FIELD_MULTI:
      {
        /* 、 and commas part the choices; spaces too, when the labels have none */
        g_auto(GStrv) parts = g_regex_split_simple ("\\s*[、,，;；/]\\s*", text, 0, 0);
        g_autoptr(GPtrArray) codes = g_ptr_array_new ();

        if (g_strv_length (parts) == 1 && parse_choice (field, parts[0]) == NULL)
          {
            g_strfreev (parts);
            parts = g_regex_split_simple ("\\s+", text, 0, 0);
          }

        for (guint i = 0; parts[i]; i++)
          {
            const TxChoice *c;

            if (*parts[i] == 0)
              continue;
            if (!(c = parse_choice (field, parts[i])))
              {
                g_autofree char *listed = choices_listed (field);

                *message = g_strdup_printf (_("“%s” is not one of the choices of %s: %s."), parts[i],
                                            tx_field_label (field), listed);
                return NULL;
              }
            g_ptr_array_add (codes, (gpointer) c->code);
          }
        g_ptr_array_add (codes, NULL);
        return tx_multi_join (field, (const char *const *) codes->pdata);
      }

    case TX_FIELD_DIVISION:
      {
        char *code = parse_division (field, text, ctx);

        if (code == NULL)
          *message = g_strdup_printf (_("“%s” is not a division this workstation knows. Write its code "
                                        "(%u digits) or its full name, as 吉林省长春市南关区…."),
                                      text, field->max_len);
        return code;
      }

    case TX_FIELD_PHONE:
      {
        GString *s = g_string_new (NULL);

        /* spaces and dashes people type between the digits' groups */
        for (const char *p = text; *p; p++)
          if (*p != ' ' && *p != '-')
            g_string_append_c (s, *p);
        return g_string_free (s, FALSE);
      }

    case TX_FIELD_TEXT:
    default:
      if (g_str_has_suffix (field->key, "name"))
        {
          char *joined = join_han_spaces (text);

          g_free (text);
          text = joined;
        }
      if (field->max_len && (guint) g_utf8_strlen (text, -1) > field->max_len)
        {
          *message = g_strdup_printf (_("%s holds at most %u characters; this cell has %ld. Shorten it."),
                                      tx_field_label (field), field->max_len, g_utf8_strlen (text, -1));
          return NULL;
        }
      return g_steal_pointer (&text);
    }
}

/**
 * tx_columns_read_row:
 * @problems: (element-type TxRowProblem): where the cells that cannot be
 *   taken are told
 *
 * Returns: (transfer full): the row's values as a new record; fields of
 *   columns not in the sheet are left as they are (empty), so an update
 *   keeps them
 */
TxRecord *
tx_columns_read_row (const TxColumnMap      *map,
                     const TxSheetRow       *row,
                     const TxColumnsContext *ctx,
                     GPtrArray              *problems)
{
  const TxForm *form = tx_form_get ();
  TxRecord *record = tx_record_new ();

  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);
      const TxField *f;
      g_autofree char *message = NULL;
      char *value;

      if (c->field < 0)
        continue;
      f = &form->fields[c->field];
      value = tx_columns_read_value (f, tx_sheet_row_cell (row, c->column), ctx, &message);
      if (message)
        g_ptr_array_add (problems, tx_row_problem_new (row->number, c->header, f->key, message));
      tx_record_take (record, c->field, value);
    }
  return record;
}

TxRowProblem *
tx_row_problem_new (guint       row,
                    const char *column,
                    const char *key,
                    const char *message)
{
  TxRowProblem *p = g_new0 (TxRowProblem, 1);

  p->row = row;
  p->column = g_strdup (column);
  p->key = g_strdup (key);
  p->message = g_strdup (message);
  return p;
}

void
tx_row_problem_free (TxRowProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->column);
  g_free (problem->key);
  g_free (problem->message);
  g_free (problem);
}
