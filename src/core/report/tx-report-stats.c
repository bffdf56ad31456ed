/* tx-report-stats.c — statistics for a period (统计汇总), no names
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per village (per township at a county office) and in total: the children
 * on the register at the period's end (complete, eligible, within the age
 * limits, not gone by then: TxChildQuery.registered_on) by category, age
 * band and gender; how many are in kindergarten or school, hold a residence
 * permit, are in health management, fully vaccinated, insured where they
 * live, receiving rehabilitation, and those as shares; guardianship levels;
 * key-care children by reason; home visits due and made in the period; the
 * children who left the register in the period, by reason. Counted in one
 * pass over the children on the register, and grouped queries for the
 * visits and the exits. No child is named anywhere in it.
 *
 * An exit is counted by the child's place on the register now: a child who
 * left in the period and has been reopened since is not among them, and a
 * copy transferred to another township counts as "transferred" on the day
 * of the move.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-register.h"
#include "tx-report-private.h"
#include "tx-store-private.h"

#define N_AGE_BANDS 5       /* under 3, 3–5, 6–11, 12–15, 16 and over (distressed children) */
#define N_EXIT_REASONS 7    /* tx_exit_reasons() */

typedef enum {
  M_TOTAL,
  M_CATEGORY,         /* + choice index */
  M_AGE = M_CATEGORY + 3,
  M_GENDER = M_AGE + N_AGE_BANDS,
  M_KINDERGARTEN = M_GENDER + 2,
  M_SCHOOL,
  M_PERMIT,
  M_HEALTH_MANAGED,
  M_VACCINATED,
  M_INSURED,
  M_REHAB,
  M_GUARDIANSHIP,     /* + choice index */
  M_KEY_CARE = M_GUARDIANSHIP + 3,
  M_REASON,           /* + choice index */
  M_DUE = M_REASON + 13,
  M_DONE,
  M_URGENT,
  M_LEFT,             /* every child who left in the period */
  M_EXIT,             /* + the reason's index in tx_exit_reasons() */
  N_MEASURES = M_EXIT + N_EXIT_REASONS
} Measure;

typedef struct {
  guint n[N_MEASURES];
} Counts;

typedef struct {
  GHashTable *areas;    /* area code → Counts */
  guint       code_len; /* 12 for villages, 9 for townships */
  GDate       end;
  const char *to;
} Stats;

static Counts *
counts_for (Stats      *st,
            const char *division)
{
  g_autofree char *code = NULL;
  Counts *c;

  code = division && strlen (division) >= st->code_len ? g_strndup (division, st->code_len) : g_strdup ("");
  c = g_hash_table_lookup (st->areas, code);
  if (c == NULL)
    {
      c = g_new0 (Counts, 1);
      g_hash_table_insert (st->areas, g_steal_pointer (&code), c);
    }
  return c;
}

static gboolean
has (const TxRecord *r,
     const char     *key,
     const char     *code)
{
  const char *v = tx_record_get_key (r, key);
  g_auto(GStrv) codes = NULL;

  if (v == NULL)
    return FALSE;
  if (strchr (v, ',') == NULL)
    return g_str_equal (v, code);
  codes = g_strsplit (v, ",", -1);
  return g_strv_contains ((const char *const *) codes, code);
}

static gboolean
count_child (TxRecord *r,
             gpointer  user_data)
{
  Stats *st = user_data;
  const char *reg = tx_record_get_key (r, "registration_date");
  const TxField *category = tx_form_lookup ("child_category");
  const TxField *gender = tx_form_lookup ("gender");
  const TxField *guardianship = tx_form_lookup ("guardianship");
  const TxField *reasons = tx_form_lookup ("key_care_reasons");
  const char *schooling = tx_record_get_key (r, "schooling");
  Counts *c;
  GDate birth;

  /* on the register at the period's end (the query), registered by then */
  if (reg == NULL || strcmp (reg, st->to) > 0)
    return TRUE;
  c = counts_for (st, tx_record_get_key (r, "residence_division"));
  c->n[M_TOTAL]++;
  for (guint i = 0; i < category->n_choices; i++)
    c->n[M_CATEGORY + i] += has (r, "child_category", category->choices[i].code);
  if (tx_date_parse (tx_record_get_key (r, "birth_date"), &birth))
    {
      int age = tx_date_age_on (&birth, &st->end);
      c->n[M_AGE + (age < 3 ? 0 : age < 6 ? 1 : age < 12 ? 2 : age < 16 ? 3 : 4)]++;
    }
  for (guint i = 0; i < gender->n_choices; i++)
    c->n[M_GENDER + i] += has (r, "gender", gender->choices[i].code);
  c->n[M_KINDERGARTEN] += g_strcmp0 (schooling, "kindergarten") == 0;
  c->n[M_SCHOOL] += schooling && (g_str_equal (schooling, "primary") || g_str_equal (schooling, "junior") ||
                                  g_str_equal (schooling, "senior") || g_str_equal (schooling, "vocational"));
  c->n[M_PERMIT] += has (r, "child_permit", "issued");
  c->n[M_HEALTH_MANAGED] += has (r, "health_managed", "yes");
  c->n[M_VACCINATED] += has (r, "vaccination", "complete");
  c->n[M_INSURED] += has (r, "insurance", "residence");
  c->n[M_REHAB] += has (r, "rehab", "receiving");
  for (guint i = 0; i < guardianship->n_choices; i++)
    c->n[M_GUARDIANSHIP + i] += has (r, "guardianship", guardianship->choices[i].code);
  c->n[M_KEY_CARE] += has (r, "key_care", "yes");
  for (guint i = 0; i < reasons->n_choices && i < 13; i++)
    c->n[M_REASON + i] += has (r, "key_care_reasons", reasons->choices[i].code);
  return TRUE;
}

/* The reason's row, or -1 for a reason this version does not know */
static int
exit_measure (const char *reason)
{
  const char *const *reasons = tx_exit_reasons ();

  for (guint i = 0; reasons[i] && i < N_EXIT_REASONS; i++)
    if (g_strcmp0 (reasons[i], reason) == 0)
      return M_EXIT + i;
  return -1;
}

/* The children who left in the period, by area and reason */
static gboolean
count_exits (TxStore     *store,
             Stats       *st,
             const char  *from,
             GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (store,
      "SELECT f_residence_division, exit_reason, count(*) FROM child WHERE deleted = 0 "
      "AND register <> 'active' AND exit_date >= ?1 AND exit_date <= ?2 "
      "GROUP BY f_residence_division, exit_reason", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, from);
  tx_store_bind_text (stmt, 2, st->to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Counts *c = counts_for (st, (const char *) sqlite3_column_text (stmt, 0));
      int m = exit_measure ((const char *) sqlite3_column_text (stmt, 1));
      guint n = sqlite3_column_int (stmt, 2);

      c->n[M_LEFT] += n;
      c->n[m >= 0 ? m : M_EXIT + N_EXIT_REASONS - 1] += n;   /* an unknown reason: "other" */
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (store, rc, error);
  return TRUE;
}

/* Visits due and made in the period, by area: grouped queries. Only the
 * children on the register have a visit due. */
static gboolean
count_visits (TxStore     *store,
              Stats       *st,
              const char  *from,
              GError     **error)
{
  static const struct { const char *sql; Measure m; } queries[] = {
    { "SELECT f_residence_division, count(*) FROM child WHERE deleted = 0 AND register = 'active' "
      "AND next_visit_due >= ?1 AND next_visit_due <= ?2 GROUP BY f_residence_division", M_DUE },
    { "SELECT c.f_residence_division, count(*) FROM visit v JOIN child c ON c.uuid = v.child "
      "WHERE v.deleted = 0 AND v.date >= ?1 AND v.date <= ?2 GROUP BY c.f_residence_division", M_DONE },
    { "SELECT c.f_residence_division, count(*) FROM visit v JOIN child c ON c.uuid = v.child "
      "WHERE v.deleted = 0 AND v.urgent IS NOT NULL AND v.date >= ?1 AND v.date <= ?2 "
      "GROUP BY c.f_residence_division", M_URGENT },
  };

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = tx_store_prepare (store, queries[q].sql, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      tx_store_bind_text (stmt, 1, from);
      tx_store_bind_text (stmt, 2, st->to);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        counts_for (st, (const char *) sqlite3_column_text (stmt, 0))->n[queries[q].m] += sqlite3_column_int (stmt, 1);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return tx_store_set_error (store, rc, error);
    }
  return TRUE;
}

static const char *
measure_label (Measure m)
{
  const TxField *category = tx_form_lookup ("child_category");
  const TxField *gender = tx_form_lookup ("gender");
  const TxField *guardianship = tx_form_lookup ("guardianship");
  const TxField *reasons = tx_form_lookup ("key_care_reasons");
  static const char *const ages[] = { N_("Under 3"), N_("3 to 5"), N_("6 to 11"), N_("12 to 15"),
                                      /* Translators: an age band of the statistics: distressed children are on
                                       * the register until 18 */
                                      N_("16 and over") };

  G_STATIC_ASSERT (G_N_ELEMENTS (ages) == N_AGE_BANDS);
  if (m == M_TOTAL)
    return _("Children on the register at the period's end");
  if (m >= M_CATEGORY && m < M_CATEGORY + 3)
    return tx_choice_label (&category->choices[m - M_CATEGORY]);
  if (m >= M_AGE && m < M_AGE + N_AGE_BANDS)
    return _(ages[m - M_AGE]);
  if (m >= M_GENDER && m < M_GENDER + 2)
    return tx_choice_label (&gender->choices[m - M_GENDER]);
  if (m >= M_GUARDIANSHIP && m < M_GUARDIANSHIP + 3)
    return tx_choice_label (&guardianship->choices[m - M_GUARDIANSHIP]);
  if (m >= M_REASON && m < M_REASON + 13)
    return tx_choice_label (&reasons->choices[m - M_REASON]);
  if (m >= M_EXIT && m < M_EXIT + N_EXIT_REASONS)
    return tx_exit_reason_label (tx_exit_reasons ()[m - M_EXIT]);
  switch (m)
    {
    case M_KINDERGARTEN: return _("In kindergarten");
    case M_SCHOOL: return _("In school");
    case M_PERMIT: return _("Holding a residence permit");
    case M_HEALTH_MANAGED: return _("In health management where they live");
    case M_VACCINATED: return _("Vaccinated on schedule");
    case M_INSURED: return _("Insured where they live");
    case M_REHAB: return _("Receiving rehabilitation assistance");
    case M_KEY_CARE: return _("Key-care children");
    case M_DUE: return _("Home visits due");
    case M_DONE: return _("Visits made");
    case M_URGENT: return _("Visits with an urgent situation");
    case M_LEFT: return _("Children who left the register");
    default: return "";
    }
}

/* The groups of rows, each under its heading */
static const struct {
  const char *heading;
  Measure     first, last;   /* inclusive */
  gboolean    shares;        /* also as a share of the children */
} groups[] = {
  { N_("Registered children"), M_TOTAL, M_TOTAL, FALSE },
  { N_("By category"), M_CATEGORY, M_CATEGORY + 2, FALSE },
  { N_("By age at the period's end"), M_AGE, M_AGE + N_AGE_BANDS - 1, FALSE },
  { N_("By gender"), M_GENDER, M_GENDER + 1, FALSE },
  { N_("Schooling, permits, health and insurance"), M_KINDERGARTEN, M_REHAB, TRUE },
  { N_("Guardianship"), M_GUARDIANSHIP, M_GUARDIANSHIP + 2, FALSE },
  { N_("Key care"), M_KEY_CARE, M_REASON + 12, FALSE },
  { N_("Home visits in the period"), M_DUE, M_URGENT, FALSE },
  { N_("Left the register in the period, by reason"), M_LEFT, M_EXIT + N_EXIT_REASONS - 1, FALSE },
};

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Counts the period into @st and @total; @codes gets the areas in order */
static gboolean
gather (TxStore       *store,
        const char    *from,
        const char    *to,
        Stats         *st,
        Counts        *total,
        GPtrArray     *codes,
        GCancellable  *cancellable,
        GError       **error)
{
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  TxChildQuery on_register = { .registered_on = to };
  GHashTableIter iter;
  gpointer key, value;
  GDate first;

  if (!tx_date_parse (from, &first) || !tx_date_parse (to, &st->end) || g_date_compare (&first, &st->end) > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The period must run from one date to a later one, as YYYY-MM-DD."));
      return FALSE;
    }
  st->to = to;
  st->code_len = township ? 12 : 9;
  st->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!tx_store_child_foreach (store, &on_register, count_child, st, cancellable, error) ||
      !count_visits (store, st, from, error) || !count_exits (store, st, from, error))
    return FALSE;
  g_hash_table_iter_init (&iter, st->areas);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_ptr_array_add (codes, key);
      for (guint m = 0; m < N_MEASURES; m++)
        total->n[m] += ((Counts *) value)->n[m];
    }
  g_ptr_array_sort (codes, compare_codes);
  return TRUE;
}

static const char *
area_name (const char *code)
{
  const char *name = *code ? tx_division_name (code) : NULL;

  return name ? name : _("Not given");
}

/**
 * tx_report_stats_xlsx:
 * @from: the period's first day, ISO
 * @to: the period's last day, ISO
 * @path: the workbook to write; replaced only once it is complete
 * @n_children: (out) (optional): how many children it counts
 *
 * Writes the statistics: a column per village (per township at a county
 * office) and the total, a bar chart of the children by category, and no
 * child's name.
 */
gboolean
tx_report_stats_xlsx (TxStore       *store,
                      const char    *from,
                      const char    *to,
                      const char    *path,
                      guint         *n_children,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *tmp = NULL, *title = NULL, *mark = NULL, *period = NULL;
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  Stats st = { 0 };
  Counts total = { 0 };
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold, *head, *pct, *num;
  lxw_row_t row;
  gboolean ok = TRUE;
  lxw_error rc;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (!gather (store, from, to, &st, &total, codes, cancellable, error))
    {
      g_clear_pointer (&st.areas, g_hash_table_unref);
      return FALSE;
    }

  if (!(tmp = tx_report_make_temp (path, error)))
    {
      g_hash_table_unref (st.areas);
      return FALSE;
    }
  book = workbook_new (tmp);
  sheet = workbook_add_worksheet (book, _("Statistics"));
  bold = workbook_add_format (book);
  format_set_bold (bold);
  head = workbook_add_format (book);
  format_set_bold (head);
  format_set_bg_color (head, 0xDDE6F0);
  format_set_border (head, LXW_BORDER_THIN);
  format_set_text_wrap (head);
  num = workbook_add_format (book);
  format_set_border (num, LXW_BORDER_THIN);
  pct = workbook_add_format (book);
  format_set_num_format (pct, "0.0%");
  format_set_border (pct, LXW_BORDER_THIN);

  title = g_strdup_printf (_("Statistics of migrant children · %s"), unit);
  mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  period = g_strdup_printf (_("Period: %s to %s"), from, to);
  worksheet_write_string (sheet, 0, 0, title, bold);
  worksheet_write_string (sheet, 1, 0, mark, NULL);
  worksheet_write_string (sheet, 2, 0, period, NULL);
  worksheet_set_column (sheet, 0, 0, 34, NULL);
  worksheet_set_column (sheet, 1, codes->len + 1, 12, NULL);

  /* the areas across, the total last */
  worksheet_write_string (sheet, 4, 0, township ? _("Village or community") : _("Township"), head);
  for (guint a = 0; a < codes->len; a++)
    worksheet_write_string (sheet, 4, a + 1, area_name (codes->pdata[a]), head);
  worksheet_write_string (sheet, 4, codes->len + 1, _("Total"), head);
  worksheet_freeze_panes (sheet, 5, 1);

  row = 5;
  for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
    {
      worksheet_write_string (sheet, row++, 0, _(groups[g].heading), bold);
      for (Measure m = groups[g].first; m <= groups[g].last; m++, row++)
        {
          worksheet_write_string (sheet, row, 0, measure_label (m), num);
          for (guint a = 0; a <= codes->len; a++)
            {
              Counts *c = a < codes->len ? g_hash_table_lookup (st.areas, codes->pdata[a]) : &total;
              worksheet_write_number (sheet, row, a + 1, c->n[m], num);
            }
        }
      if (groups[g].shares)
        for (Measure m = groups[g].first; m <= groups[g].last; m++, row++)
          {
            g_autofree char *label = g_strdup_printf (_("%s (share of the children)"), measure_label (m));

            worksheet_write_string (sheet, row, 0, label, num);
            for (guint a = 0; a <= codes->len; a++)
              {
                Counts *c = a < codes->len ? g_hash_table_lookup (st.areas, codes->pdata[a]) : &total;
                worksheet_write_number (sheet, row, a + 1, c->n[M_TOTAL] ? (double) c->n[m] / c->n[M_TOTAL] : 0, pct);
              }
          }
    }

  /* the children by category in each area, as bars */
  if (codes->len > 0)
    {
      lxw_chart *chart = workbook_add_chart (book, LXW_CHART_COLUMN);
      const char *sheet_name = _("Statistics");
      lxw_row_t cat_row = 5 + 1 + 1 + 1;   /* the "By category" rows follow the total's group */

      for (guint i = 0; i < 3; i++)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
          chart_series_set_categories (series, sheet_name, 4, 1, 4, codes->len);
          chart_series_set_values (series, sheet_name, cat_row + i, 1, cat_row + i, codes->len);
          chart_series_set_name_range (series, sheet_name, cat_row + i, 0);
        }
      chart_title_set_name (chart, _("Children by category"));
      worksheet_insert_chart (sheet, 2, codes->len + 3, chart);
    }

  rc = workbook_close (book);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The workbook could not be written into %s (%s). Check that the disk has room "
                     "and the folder is writable."), path, lxw_strerror (rc));
      ok = FALSE;
    }
  ok = tx_report_finish (store, ok, tmp, path, "statistics", total.n[M_TOTAL], error);
  if (ok && n_children)
    *n_children = total.n[M_TOTAL];
  g_hash_table_unref (st.areas);
  return ok;
}

/* The PDF: a table of the main figures per area, and two bar charts */

#define S_PAGE_W  595.28
#define S_PAGE_H  841.89
#define S_MARGIN  40.0

/* What the pages hold, in order: each on the page where it first fits */
typedef enum {
  BLOCK_REGISTER,   /* the register and the visits, a table */
  BLOCK_EXITS,      /* who left, by reason, a table */
  BLOCK_CHARTS,
  N_BLOCKS
} Block;

typedef struct {
  GPtrArray  *codes;
  Stats      *st;
  Counts     *total;
  char       *title;
  char       *mark;
  char       *period;
  guint       page[N_BLOCKS];
  double      y[N_BLOCKS];
  double      head[N_BLOCKS];   /* a table's header row: its longest label */
} StatsDoc;

static const Measure table_measures[] = {
  M_TOTAL, M_CATEGORY, M_CATEGORY + 1, M_CATEGORY + 2, M_KEY_CARE, M_DUE, M_DONE, M_URGENT,
};

static const Measure exit_measures[] = {
  M_LEFT, M_EXIT, M_EXIT + 1, M_EXIT + 2, M_EXIT + 3, M_EXIT + 4, M_EXIT + 5, M_EXIT + 6,
};

G_STATIC_ASSERT (G_N_ELEMENTS (exit_measures) == 1 + N_EXIT_REASONS);

#define TITLE_H    26.0   /* the title, on every page */
#define HEADER_H   34.0   /* the period and the mark, on the first */
#define CAPTION_H  16.0
#define TABLE_HEAD 40.0   /* at least */
#define LABEL_W    120.0
#define TABLE_ROW  16.0
#define CHARTS_H   490.0
#define GAP        24.0

static const Measure *
block_measures (Block  b,
                guint *n)
{
  *n = b == BLOCK_REGISTER ? G_N_ELEMENTS (table_measures) : G_N_ELEMENTS (exit_measures);
  return b == BLOCK_REGISTER ? table_measures : exit_measures;
}

static double
column_width (guint n_measures)
{
  return (S_PAGE_W - 2 * S_MARGIN - LABEL_W) / n_measures;
}

/* The height of a table's header: its longest label wrapped in a column */
static double
head_height (cairo_t *cr,
             Block    b)
{
  guint n;
  const Measure *measures = block_measures (b, &n);
  double h = TABLE_HEAD;

  for (guint m = 0; m < n; m++)
    h = MAX (h, tx_report_text_height (cr, measure_label (measures[m]), column_width (n) - 6, 7, TRUE) + 6);
  return h;
}

static guint
stats_paginate (gpointer      doc,
                cairo_t      *cr,
                GCancellable *cancellable)
{
  StatsDoc *d = doc;
  double top = S_MARGIN + TITLE_H, y = top + HEADER_H;
  guint page = 1;

  for (guint b = 0; b < N_BLOCKS; b++)
    {
      double h;

      if (b == BLOCK_CHARTS)
        h = CHARTS_H;
      else
        {
          d->head[b] = head_height (cr, b);
          h = CAPTION_H + d->head[b] + TABLE_ROW * (d->codes->len + 1);
        }

      if (y + h > S_PAGE_H - S_MARGIN && y > top)
        {
          page++;
          y = top;
        }
      d->page[b] = page;
      d->y[b] = y;
      y += h + GAP;
    }
  return page;
}

/* A table under its caption: an area a row, the total last, a column of
 * each of the block's measures */
static void
stats_table (cairo_t       *cr,
             StatsDoc      *d,
             Block          b,
             const char    *caption)
{
  guint n_measures;
  const Measure *measures = block_measures (b, &n_measures);
  double width = S_PAGE_W - 2 * S_MARGIN, label_w = LABEL_W;
  double col = column_width (n_measures);
  double y = d->y[b];

  tx_report_show (cr, S_MARGIN, y, caption, width, 10, TRUE, PANGO_ALIGN_LEFT);
  y += CAPTION_H;
  for (guint r = 0; r <= d->codes->len + 1; r++)
    {
      double h = r == 0 ? d->head[b] : TABLE_ROW;

      if (r == 0)
        {
          cairo_set_source_rgb (cr, 0.87, 0.90, 0.94);
          cairo_rectangle (cr, S_MARGIN, y, width, h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      for (guint m = 0; m <= n_measures; m++)
        {
          double x = m == 0 ? S_MARGIN : S_MARGIN + label_w + (m - 1) * col;
          double w = m == 0 ? label_w : col;
          Counts *c = r == 0 || r > d->codes->len ? d->total : g_hash_table_lookup (d->st->areas, d->codes->pdata[r - 1]);
          g_autofree char *text = NULL;

          if (r == 0)
            text = g_strdup (m == 0 ? "" : measure_label (measures[m - 1]));
          else if (m == 0)
            text = g_strdup (r > d->codes->len ? _("Total") : area_name (d->codes->pdata[r - 1]));
          else
            text = g_strdup_printf ("%u", c->n[measures[m - 1]]);
          cairo_set_line_width (cr, 0.5);
          cairo_rectangle (cr, x, y, w, h);
          cairo_stroke (cr);
          tx_report_show (cr, x + 3, y + 2, text, w - 6, r == 0 ? 7 : 8, r == 0 || r > d->codes->len,
                          m == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
        }
      y += h;
    }
}

/* Bars of @measures per area, side by side, with their numbers on top */
static void
bar_chart (cairo_t       *cr,
           StatsDoc      *d,
           double         y,
           double         height,
           const char    *caption,
           const Measure *measures,
           guint          n_measures)
{
  static const double colours[][3] = { { 0.11, 0.44, 0.85 }, { 0.15, 0.64, 0.41 }, { 0.90, 0.38, 0.0 } };
  double width = S_PAGE_W - 2 * S_MARGIN, base = y + height - 28, top = y + 22;
  double slot = width / MAX (d->codes->len, 1u), bar = MIN (28.0, (slot - 12) / n_measures);
  guint max = 1;

  for (guint a = 0; a < d->codes->len; a++)
    for (guint m = 0; m < n_measures; m++)
      max = MAX (max, ((Counts *) g_hash_table_lookup (d->st->areas, d->codes->pdata[a]))->n[measures[m]]);
  tx_report_show (cr, S_MARGIN, y, caption, width, 10, TRUE, PANGO_ALIGN_LEFT);
  /* the legend: colour and words */
  for (guint m = 0; m < n_measures; m++)
    {
      double lx = S_MARGIN + width - (n_measures - m) * 110;
      cairo_set_source_rgb (cr, colours[m][0], colours[m][1], colours[m][2]);
      cairo_rectangle (cr, lx, y + 3, 8, 8);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      tx_report_show (cr, lx + 11, y, measure_label (measures[m]), 95, 8, FALSE, PANGO_ALIGN_LEFT);
    }
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, S_MARGIN, base);
  cairo_line_to (cr, S_MARGIN + width, base);
  cairo_stroke (cr);
  for (guint a = 0; a < d->codes->len; a++)
    {
      Counts *c = g_hash_table_lookup (d->st->areas, d->codes->pdata[a]);
      double x = S_MARGIN + a * slot + (slot - bar * n_measures) / 2;

      for (guint m = 0; m < n_measures; m++, x += bar)
        {
          double h = (base - top - 12) * c->n[measures[m]] / max;
          g_autofree char *number = g_strdup_printf ("%u", c->n[measures[m]]);

          cairo_set_source_rgb (cr, colours[m][0], colours[m][1], colours[m][2]);
          cairo_rectangle (cr, x + 1, base - h, bar - 2, h);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          tx_report_show (cr, x - 6, base - h - 11, number, bar + 12, 6.5, FALSE, PANGO_ALIGN_CENTER);
        }
      tx_report_show (cr, S_MARGIN + a * slot, base + 4, area_name (d->codes->pdata[a]), slot, 8, FALSE,
                      PANGO_ALIGN_CENTER);
    }
}

static void
stats_draw_page (gpointer data,
                 cairo_t *cr,
                 guint    page)
{
  static const Measure categories[] = { M_CATEGORY, M_CATEGORY + 1, M_CATEGORY + 2 };
  static const Measure visits[] = { M_DUE, M_DONE };
  StatsDoc *d = data;
  double width = S_PAGE_W - 2 * S_MARGIN;

  cairo_set_source_rgb (cr, 0, 0, 0);
  tx_report_show (cr, S_MARGIN, S_MARGIN, d->title, width, 15, TRUE, PANGO_ALIGN_CENTER);
  if (page == 1)
    {
      tx_report_show (cr, S_MARGIN, S_MARGIN + TITLE_H, d->period, width, 9, FALSE, PANGO_ALIGN_LEFT);
      tx_report_show (cr, S_MARGIN, S_MARGIN + TITLE_H + 14, d->mark, width, 7.5, FALSE, PANGO_ALIGN_LEFT);
    }
  if (d->page[BLOCK_REGISTER] == page)
    stats_table (cr, d, BLOCK_REGISTER, _("The register at the period's end, and home visits in the period"));
  if (d->page[BLOCK_EXITS] == page)
    stats_table (cr, d, BLOCK_EXITS, _("Left the register in the period, by reason"));
  if (d->page[BLOCK_CHARTS] == page)
    {
      double y = d->y[BLOCK_CHARTS];

      bar_chart (cr, d, y, 230, _("Children by category"), categories, G_N_ELEMENTS (categories));
      bar_chart (cr, d, y + 260, 230, _("Home visits due and made in the period"), visits, G_N_ELEMENTS (visits));
    }
}

/**
 * tx_report_stats_pdf:
 * @from: the period's first day, ISO
 * @to: the period's last day, ISO
 * @path: the PDF to write; replaced only once it is complete
 * @n_children: (out) (optional): how many children it counts
 *
 * Writes the statistics on A4 pages: the main figures per area in a
 * table, the children who left by reason in another, the children by
 * category and the visits due and made as bars, with numbers and words
 * beside the colours; on one page while the areas are few. No names.
 */
gboolean
tx_report_stats_pdf (TxStore       *store,
                     const char    *from,
                     const char    *to,
                     const char    *path,
                     guint         *n_children,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  Stats st = { 0 };
  Counts total = { 0 };
  StatsDoc d = { 0 };
  gboolean ok;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (!gather (store, from, to, &st, &total, codes, cancellable, error))
    {
      g_clear_pointer (&st.areas, g_hash_table_unref);
      return FALSE;
    }
  d.codes = codes;
  d.st = &st;
  d.total = &total;
  d.title = g_strdup_printf (_("Statistics of migrant children · %s"), unit);
  d.mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  d.period = g_strdup_printf (_("Period: %s to %s"), from, to);
  ok = tx_report_write_pdf (store, path, S_PAGE_W, S_PAGE_H, d.title, stats_paginate, stats_draw_page, &d,
                            "statistics", &total.n[M_TOTAL], cancellable, error);
  if (ok && n_children)
    *n_children = total.n[M_TOTAL];
  g_free (d.title);
  g_free (d.mark);
  g_free (d.period);
  g_hash_table_unref (st.areas);
  return ok;
}
