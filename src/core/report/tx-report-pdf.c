/* tx-report-pdf.c — the monthly visit log (月度走访记录) as a PDF
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document supervisors sign: an A4 landscape table of every visit of a
 * month, grouped by village then date, the unit and month in each page's
 * header, "第 x 页 共 y 页" in each footer, and at the end a summary of the
 * month and the signature lines. Drawn with Pango on a Cairo PDF surface,
 * which embeds the subset of each font it uses.
 *
 * Laid out in two passes: the rows are measured and put on pages first, so
 * every footer knows the number of pages; then each page is drawn.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <xlsxwriter.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-report-private.h"
#include "tx-store-urgent.h"
#include "tx-store-visits.h"
#include "tx-visit.h"

/* A4 landscape, in points */
#define PAGE_W    841.89
#define PAGE_H    595.28
#define MARGIN    36.0
#define PAD       3.0
#define HEAD_H    52.0     /* the page header, above the table */
#define FOOT_H    12.0
#define CELL_SIZE 7.0      /* the table's text: Pango's 7 points, 9⅓ points on paper (五号 is 10½) */

/* the kinds of columns (tx-report-private.h), short */
#define COL_SHORT TX_LIST_COLUMN_SHORT
#define COL_TEXT  TX_LIST_COLUMN_TEXT
#define COL_GROUP TX_LIST_COLUMN_GROUP

typedef enum {
  ITEM_VILLAGE,   /* a village's heading */
  ITEM_VISIT,
  ITEM_SUMMARY,   /* the month in numbers, and the signatures */
} ItemKind;

#define N_CELLS 8

typedef struct _Item Item;
struct _Item {
  ItemKind  kind;
  char     *cells[N_CELLS];
  Item     *heading;          /* a row's village heading */
  float     natural[N_CELLS]; /* each cell's width on one line, in points */
  float     natural_h[N_CELLS];
  double    height;
  guint     page;
  gboolean  continued;        /* first on its page: its village's heading comes again above it */
};

/* The columns of each list, in the order of the cells */
static const TxListColumn visit_columns[] = {
  { N_("Date"), 64, COL_SHORT, 0 }, { N_("Child"), 56, COL_SHORT, 72 }, { N_("Village"), 66, COL_GROUP, 0 },
  { N_("Visitor"), 50, COL_SHORT, 64 }, { N_("Kind"), 54, COL_SHORT, 64 },
  { N_("What was found"), 258, COL_TEXT, 0 }, { N_("Actions and needs"), 150, COL_TEXT, 0 },
  { N_("Next visit due"), 71.89, COL_SHORT, 0 }, { NULL, 0, 0, 0 }
};

static const TxListColumn overdue_columns[] = {
  { N_("Visit due"), 90, COL_SHORT, 0 }, { N_("Days overdue"), 80, COL_SHORT, 0 },
  { N_("Child"), 140, COL_SHORT, 90 }, { N_("Village"), 160, COL_GROUP, 0 },
  { N_("Guardianship"), 150, COL_SHORT, 0 }, { N_("Key care"), 149.89, COL_SHORT, 0 }, { NULL, 0, 0, 0 }
};

static const TxListColumn urgent_columns[] = {
  { N_("Opened"), 70, COL_SHORT, 0 }, { N_("Child"), 60, COL_SHORT, 72 }, { N_("Village"), 66, COL_GROUP, 0 },
  { N_("Urgent situation"), 150, COL_TEXT, 0 }, { N_("Reported to the police"), 84, COL_SHORT, 96 },
  { N_("Police station"), 90, COL_SHORT, 96 }, { N_("Case or receipt number"), 90, COL_SHORT, 96 },
  { N_("Measures taken"), 159.89, COL_TEXT, 0 }, { NULL, 0, 0, 0 }
};

static void
item_free (Item *item)
{
  for (guint i = 0; i < G_N_ELEMENTS (item->cells); i++)
    g_free (item->cells[i]);
  g_free (item);
}

/* "home" → 入户走访, in the language printed */
static const char *
kind_label (const char *code)
{
  const TxChoice *kind = tx_choice_find (tx_visit_kinds (), code);

  return kind ? tx_choice_label (kind) : code ? code : "";
}

/* Joins the non-empty parts, cut to @max characters: a log line, not the record */
static char *
short_text (const char *const *parts,
            guint               n,
            guint               max)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    if (parts[i] && *parts[i])
      {
        if (s->len)
          g_string_append (s, tx_ui_is_chinese () ? "；" : "; ");
        g_string_append (s, parts[i]);
      }
  if (g_utf8_strlen (s->str, -1) > max)
    {
      const char *cut = g_utf8_offset_to_pointer (s->str, max - 1);
      g_string_truncate (s, cut - s->str);
      g_string_append (s, "…");
    }
  return g_string_free (s, FALSE);
}

static Item *
visit_item (const TxLogRow *row)
{
  Item *item = g_new0 (Item, 1);
  const TxVisit *v = row->visit;
  const char *village = tx_division_name (row->residence);
  const char *found[] = { v->living, v->guardianship_found, v->medical_schooling, v->care_services };
  const char *done[] = { v->actions, v->needs, v->follow_up };

  item->kind = ITEM_VISIT;
  item->cells[0] = g_strdup (v->date);
  item->cells[1] = g_strdup (row->name);
  item->cells[2] = g_strdup (village ? village : "");
  item->cells[3] = g_strdup (v->visitor);
  item->cells[4] = g_strdup (kind_label (v->kind));
  item->cells[5] = short_text (found, G_N_ELEMENTS (found), 160);
  if (v->urgent)
    {
      char *urgent = g_strconcat (_("Urgent situation, reported to the police. "), item->cells[5], NULL);
      g_free (item->cells[5]);
      item->cells[5] = urgent;
    }
  item->cells[6] = short_text (done, G_N_ELEMENTS (done), 100);
  item->cells[7] = g_strdup (row->next_visit_due);
  return item;
}

static void
draw_page_frame (cairo_t            *cr,
                 const TxListColumn *columns,
                 const double       *widths,
                 const char         *title,
                 const char         *mark,
                 gboolean            table,
                 guint               page,
                 guint               pages)
{
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page, pages);
  double x = MARGIN;

  tx_report_show (cr, MARGIN, MARGIN - 6, title, PAGE_W - 2 * MARGIN, 14, TRUE, PANGO_ALIGN_CENTER);
  tx_report_show (cr, MARGIN, MARGIN + 20, mark, PAGE_W - 2 * MARGIN, 8, FALSE, PANGO_ALIGN_LEFT);
  tx_report_show (cr, MARGIN, PAGE_H - MARGIN + 4, footer, PAGE_W - 2 * MARGIN, 9, FALSE, PANGO_ALIGN_CENTER);
  if (!table)
    return;

  /* the table's header */
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.97);
  cairo_rectangle (cr, MARGIN, MARGIN + HEAD_H - 18, PAGE_W - 2 * MARGIN, 18);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; columns[c].label; c++)
    {
      if (widths[c] <= 0)
        continue;
      tx_report_show (cr, x + PAD, MARGIN + HEAD_H - 16, _(columns[c].label), widths[c] - 2 * PAD, CELL_SIZE, TRUE,
                      PANGO_ALIGN_LEFT);
      x += widths[c];
    }
}

static void
rule (cairo_t *cr,
      double   y)
{
  cairo_set_line_width (cr, 0.4);
  cairo_move_to (cr, MARGIN, y);
  cairo_line_to (cr, PAGE_W - MARGIN, y);
  cairo_stroke (cr);
}

/* A village's heading: a grey band with its name */
static void
draw_heading (cairo_t    *cr,
              double      y,
              double      height,
              const char *text)
{
  cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
  cairo_rectangle (cr, MARGIN, y, PAGE_W - 2 * MARGIN, height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  tx_report_show (cr, MARGIN + PAD, y + PAD, text, 0, 9, TRUE, PANGO_ALIGN_LEFT);
}

struct _TxPagedList
{
  const TxListColumn *columns;
  const char   *what;      /* for the export log */
  GPtrArray *items;
  char      *title;
  char      *mark;
  char      *summary;     /* lines */
  char      *signatures;
  double     widths[N_CELLS];  /* the columns on paper, sized by what they hold */
  guint      n_visits;
  guint      n_pages;
};

void
tx_paged_list_free (TxPagedList *log)
{
  if (log == NULL)
    return;
  g_ptr_array_unref (log->items);
  g_free (log->title);
  g_free (log->mark);
  g_free (log->summary);
  g_free (log->signatures);
  g_free (log);
}

guint
tx_paged_list_get_n_pages (TxPagedList *log)
{
  return log->n_pages;
}

guint
tx_paged_list_get_n_rows (TxPagedList *log)
{
  return log->n_visits;
}

#define INDENT "    "

/* The month's figures, each saying what it counts and over which days:
 * the visits are the month's; the overdue children are the state on the day
 * the log is made, for everyone (a visit due belongs to no one person) */
static char *
visit_log_summary (TxStore     *store,
                   GPtrArray   *rows,
                   const char  *from,
                   const char  *to,
                   const char  *division,
                   const char  *visitor,
                   GError     **error)
{
  const TxChoice *kinds = tx_visit_kinds ();
  g_autoptr(GHashTable) children = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) by_kind = g_string_new (NULL);
  g_autofree char *unit = NULL, *today_iso = NULL, *visits = NULL, *scope = NULL, *overdue_line = NULL;
  g_autofree char *seen = NULL, *found = NULL, *state = NULL;
  guint n_kinds = 0, urgent = 0;
  guint per_kind[8] = { 0 };
  TxChildQuery q = { .division = division };
  gint64 overdue;
  GDate today;

  for (const TxChoice *k = kinds; k->code; k++)
    n_kinds++;
  for (guint i = 0; i < rows->len; i++)
    {
      const TxVisit *v = ((TxLogRow *) rows->pdata[i])->visit;

      g_hash_table_add (children, v->child_id);
      urgent += v->urgent != NULL;
      for (guint k = 0; k < n_kinds && k < G_N_ELEMENTS (per_kind); k++)
        if (g_strcmp0 (kinds[k].code, v->kind) == 0)
          per_kind[k]++;
    }
  for (guint k = 0; k < n_kinds && k < G_N_ELEMENTS (per_kind); k++)
    if (per_kind[k])
      {
        if (by_kind->len)
          g_string_append (by_kind, tx_ui_is_chinese () ? "、" : ", ");
        /* Translators: a kind of visit and how many of it, in the visit log's summary: 入户走访 12 次 */
        g_string_append_printf (by_kind, _("%s %u"), tx_choice_label (&kinds[k]), per_kind[k]);
      }

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  q.overdue_before = today_iso;
  if ((overdue = tx_store_child_count (store, &q, error)) < 0)
    return NULL;
  if (division)
    {
      const char *name = tx_division_name (division);
      unit = g_strdup (name ? name : division);
    }
  else
    unit = tx_report_unit (store);

  visits = rows->len && by_kind->len
    /* Translators: the visit log's summary: visits recorded in the month, by kind */
    ? g_strdup_printf (_("Visits recorded: %u (%s)"), rows->len, by_kind->str)
    : g_strdup_printf (_("Visits recorded: %u"), rows->len);
  scope = visitor
    /* Translators: the visit log's summary: the month's days, and whose visits */
    ? g_strdup_printf (_("In the month, %s to %s, visits by %s:"), from, to, visitor)
    : g_strdup_printf (_("In the month, %s to %s:"), from, to);
  /* Translators: the visit log's summary: how many different children the month's visits saw */
  seen = g_strdup_printf (_("Children visited: %u (each counted once)"), g_hash_table_size (children));
  found = g_strdup_printf (_("Visits that found an urgent situation: %u"), urgent);
  state = visitor
    /* Translators: the visit log's summary: the overdue children are everyone's, not one visitor's */
    ? g_strdup_printf (_("On %s, the day this log was made, in %s (all staff):"), today_iso, unit)
    : g_strdup_printf (_("On %s, the day this log was made, in %s:"), today_iso, unit);
  overdue_line = g_strdup_printf (_("Children overdue for a home visit (due before that day and not visited): "
                                    "%lld"), (long long) overdue);
  return g_strdup_printf ("%s\n%s%s\n%s%s\n%s%s\n%s\n%s%s", scope, INDENT, visits, INDENT, seen, INDENT, found,
                          state, INDENT, overdue_line);
}
/**
 * tx_paged_list_new_plain:
 * @columns: the columns, ended by one without a label; at most 8
 * @what: what the export log calls it
 * @title: (transfer full): the title on every page
 * @summary: (transfer full): the lines at the end
 *
 * A list of the frame of the visit log (the mark of internal use with
 * who made it and when, the headings, the summary), to be filled with
 * tx_paged_list_add_heading() and tx_paged_list_add_row() and ended
 * with tx_paged_list_end().
 *
 * Returns: (transfer full): the list
 */
TxPagedList *
tx_paged_list_new_plain (TxStore            *store,
                         const TxListColumn *columns,
                         const char         *what,
                         char               *title,
                         char               *summary)
{
  g_autofree char *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  TxPagedList *log = g_new0 (TxPagedList, 1);

  log->columns = columns;
  log->what = what;
  log->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  log->title = title;
  log->summary = summary;
  log->signatures = g_strdup ("");
  log->mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  return log;
}

/**
 * tx_paged_list_add_heading:
 *
 * Starts a group of rows under a heading (a village, a category), which
 * comes again at the top of a page its rows run on to.
 */
void
tx_paged_list_add_heading (TxPagedList *log,
                           const char  *text)
{
  Item *heading = g_new0 (Item, 1);

  heading->kind = ITEM_VILLAGE;
  heading->cells[0] = g_strdup (text);
  g_ptr_array_add (log->items, heading);
}

static void
add_item (TxPagedList *log,
          Item        *item)
{
  Item *last = log->items->len ? log->items->pdata[log->items->len - 1] : NULL;

  item->heading = last == NULL ? NULL : last->kind == ITEM_VILLAGE ? last : last->heading;
  g_ptr_array_add (log->items, item);
  log->n_visits++;
}

/**
 * tx_paged_list_add_row:
 * @cells: (array length=n): the row's cells, in the order of the columns;
 *   taken
 *
 * Adds a row under the latest heading.
 */
void
tx_paged_list_add_row (TxPagedList  *log,
                       char        **cells,
                       guint         n)
{
  Item *item = g_new0 (Item, 1);

  item->kind = ITEM_VISIT;
  for (guint c = 0; c < n && c < N_CELLS; c++)
    item->cells[c] = cells[c];
  for (guint c = N_CELLS; c < n; c++)
    g_free (cells[c]);
  add_item (log, item);
}

/* Adds @item under its village's heading, which comes when the village changes */
static void
list_add (TxPagedList  *log,
          const char **village,
          const char  *residence,
          Item        *item)
{
  if (*village == NULL || g_strcmp0 (*village, residence ? residence : "") != 0)
    {
      const char *name = tx_division_name (residence);

      tx_paged_list_add_heading (log, name ? name : _("Village not given"));
      *village = residence ? residence : "";
    }
  add_item (log, item);
}

/**
 * tx_paged_list_end:
 * @none: what the list says when it has no row
 *
 * Ends the rows: the summary follows them.
 */
void
tx_paged_list_end (TxPagedList *log,
                   const char  *none)
{
  Item *end = g_new0 (Item, 1);

  if (log->n_visits == 0)
    {
      Item *empty = g_new0 (Item, 1);
      empty->kind = ITEM_VILLAGE;
      empty->cells[0] = g_strdup (none);
      g_ptr_array_add (log->items, empty);
    }
  end->kind = ITEM_SUMMARY;
  g_ptr_array_add (log->items, end);
}

/**
 * tx_visit_log_new:
 * @year: the year of the month
 * @month: the month, 1–12
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only the visits this person made
 *
 * Reads the month's visits and makes the log's rows; tx_paged_list_paginate()
 * then puts them on pages.
 *
 * Returns: (transfer full) (nullable): the log
 */
TxPagedList *
tx_visit_log_new (TxStore     *store,
                  guint        year,
                  guint        month,
                  const char  *division,
                  const char  *visitor,
                  GError     **error)
{
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *title = NULL, *summary = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *village = NULL;
  TxPagedList *log;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return NULL;

  if (month < 1 || month > 12 || year < 1900 || year > 9999)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no month %u."), month);
      return NULL;
    }
  from = g_strdup_printf ("%04u-%02u-01", year, month);
  to = g_strdup_printf ("%04u-%02u-%02u", year, month, g_date_get_days_in_month (month, year));
  if (!(rows = tx_store_visit_log (store, from, to, division, visitor, error)) ||
      !(summary = visit_log_summary (store, rows, from, to, division, visitor, error)))
    return NULL;

  /* Translators: the title of the monthly visit log: the unit, the year and month */
  title = g_strdup_printf (_("%s · visits of %04u-%02u"), unit, year, month);
  if (visitor)
    {
      /* Translators: the visit log's title, and whose visits it holds */
      char *whose = g_strdup_printf (_("%s · by %s"), title, visitor);
      g_free (title);
      title = whose;
    }
  log = tx_paged_list_new_plain (store, visit_columns, "visit_log", g_steal_pointer (&title),
                                 g_steal_pointer (&summary));
  g_free (log->signatures);
  log->signatures = g_strdup (_("Filled in by: ____________    Checked by: ____________    "
                                "Head of unit: ____________    Date: ____________"));
  for (guint i = 0; i < rows->len; i++)
    {
      TxLogRow *row = rows->pdata[i];

      list_add (log, &village, row->residence, visit_item (row));
    }
  tx_paged_list_end (log, _("No visit was recorded in this month."));
  return log;
}

static int
by_village_then_due (gconstpointer a,
                     gconstpointer b)
{
  const TxDueRow *x = *(TxDueRow *const *) a, *y = *(TxDueRow *const *) b;
  int c = g_strcmp0 (x->residence_division, y->residence_division);

  return c ? c : g_strcmp0 (x->due_date, y->due_date);
}

/**
 * tx_overdue_list_new:
 * @division: (nullable): only children living in this village or township
 *
 * The children whose home visit is overdue, by village then oldest first,
 * laid out and drawn like the visit log.
 *
 * Returns: (transfer full) (nullable): the list
 */
TxPagedList *
tx_overdue_list_new (TxStore     *store,
                     const char  *division,
                     GError     **error)
{
  const TxField *g = tx_form_lookup ("guardianship");
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *yesterday = NULL, *today_iso = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *village = NULL;
  TxPagedList *log;
  GDate today, day;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return NULL;

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  day = today;
  g_date_subtract_days (&day, 1);
  yesterday = tx_date_format (&day);
  if (!(rows = tx_store_due_page (store, NULL, yesterday, division, 0, NULL, error)))
    return NULL;
  g_ptr_array_sort (rows, by_village_then_due);
  log = tx_paged_list_new_plain (store, overdue_columns, "overdue_list",
                  /* Translators: the title of the overdue list: the unit and the day */
                  g_strdup_printf (_("%s · home visits overdue on %s"), unit, today_iso),
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u child is overdue for a home visit.",
                                                "%u children are overdue for a home visit.", rows->len),
                                   rows->len));
  for (guint i = 0; i < rows->len; i++)
    {
      TxDueRow *r = rows->pdata[i];
      Item *item = g_new0 (Item, 1);
      const char *name = tx_division_name (r->residence_division);
      const TxChoice *level = tx_field_choice (g, r->guardianship);
      GDate due;

      item->kind = ITEM_VISIT;
      item->cells[0] = g_strdup (r->due_date);
      item->cells[1] = tx_date_parse (r->due_date, &due) ? g_strdup_printf ("%d", g_date_days_between (&due, &today))
                                                          : g_strdup ("");
      item->cells[2] = g_strdup (r->name);
      item->cells[3] = g_strdup (name ? name : "");
      item->cells[4] = g_strdup (level ? tx_choice_label (level) : "");
      item->cells[5] = g_strdup (r->key_care ? _("Key care") : "");
      list_add (log, &village, r->residence_division, item);
    }
  tx_paged_list_end (log, _("No child is overdue for a home visit."));
  return log;
}

typedef struct {
  TxUrgentCase *c;
  char         *residence;
} UrgentRow;

static int
by_village_then_opened (gconstpointer a,
                        gconstpointer b)
{
  const UrgentRow *x = a, *y = b;
  int c = g_strcmp0 (x->residence, y->residence);

  return c ? c : g_strcmp0 (x->c->opened_at, y->c->opened_at);
}

/**
 * tx_urgent_list_new:
 *
 * The urgent cases still open, with their police reports, by village,
 * laid out and drawn like the visit log.
 *
 * Returns: (transfer full) (nullable): the list
 */
TxPagedList *
tx_urgent_list_new (TxStore  *store,
                    GError  **error)
{
  const TxChoice *situations = tx_visit_urgent_situations ();
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *today_iso = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (UrgentRow));
  const char *village = NULL;
  TxPagedList *log;
  GDate today;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return NULL;

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  if (!(cases = tx_store_urgent_open (store, error)))
    return NULL;
  for (guint i = 0; i < cases->len; i++)
    {
      g_autoptr(TxRecord) child = tx_store_child_get (store, ((TxUrgentCase *) cases->pdata[i])->child_id, NULL);
      UrgentRow row = { cases->pdata[i], g_strdup (child ? tx_record_get_key (child, "residence_division") : NULL) };
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, by_village_then_opened);
  log = tx_paged_list_new_plain (store, urgent_columns, "urgent_list",
                  /* Translators: the title of the urgent list: the unit and the day */
                  g_strdup_printf (_("%s · urgent cases open on %s"), unit, today_iso),
                  g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u urgent case is open.",
                                                "%u urgent cases are open.", rows->len), rows->len));
  for (guint i = 0; i < rows->len; i++)
    {
      UrgentRow *row = &g_array_index (rows, UrgentRow, i);
      g_autoptr(TxVisit) v = tx_store_visit_get (store, row->c->visit_id, NULL);
      Item *item = g_new0 (Item, 1);
      const char *name = tx_division_name (row->residence);

      item->kind = ITEM_VISIT;
      item->cells[0] = tx_date_local_day (row->c->opened_at);  /* kept in UTC */
      item->cells[1] = g_strdup (row->c->name);
      item->cells[2] = g_strdup (name ? name : "");
      item->cells[3] = tx_choice_labels (situations, row->c->situations, "；");
      item->cells[4] = g_strdup (v ? v->police_reported_at : NULL);
      item->cells[5] = g_strdup (v ? v->police_station : NULL);
      item->cells[6] = g_strdup (v ? v->police_receipt : NULL);
      item->cells[7] = g_strdup (v ? v->police_measures : NULL);
      list_add (log, &village, row->residence, item);
    }
  tx_paged_list_end (log, _("No urgent case is open."));
  for (guint i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, UrgentRow, i).residence);
  return log;
}

/**
 * tx_paged_list_write_xlsx:
 * @path: the workbook to write; replaced only once it is complete
 *
 * Writes the list as a workbook: the title and mark, the column headings,
 * the villages' headings and rows, and the summary.
 */
gboolean
tx_paged_list_write_xlsx (TxPagedList    *log,
                         TxStore       *store,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *tmp = NULL;
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold, *head;
  lxw_row_t row = 4;
  lxw_error rc;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error) ||
      !(tmp = tx_report_make_temp (path, error)))
    return FALSE;
  book = workbook_new (tmp);
  sheet = workbook_add_worksheet (book, NULL);
  bold = workbook_add_format (book);
  format_set_bold (bold);
  head = workbook_add_format (book);
  format_set_bold (head);
  format_set_bg_color (head, 0xDDE6F0);
  format_set_border (head, LXW_BORDER_THIN);
  worksheet_write_string (sheet, 0, 0, log->title, bold);
  worksheet_write_string (sheet, 1, 0, log->mark, NULL);
  for (guint c = 0; log->columns[c].label; c++)
    {
      worksheet_write_string (sheet, 3, c, _(log->columns[c].label), head);
      worksheet_set_column (sheet, c, c, log->columns[c].width / 5.5, NULL);
    }
  worksheet_freeze_panes (sheet, 4, 0);
  for (guint i = 0; i < log->items->len; i++, row++)
    {
      Item *item = log->items->pdata[i];

      if (item->kind == ITEM_SUMMARY)
        {
          g_auto(GStrv) lines = g_strsplit (log->summary, "\n", -1);

          for (guint l = 0; lines[l]; l++)
            worksheet_write_string (sheet, ++row, 0, g_strstrip (lines[l]), l == 0 ? bold : NULL);
        }
      else if (item->kind == ITEM_VILLAGE)
        worksheet_write_string (sheet, row, 0, item->cells[0], bold);
      else
        for (guint c = 0; log->columns[c].label; c++)
          if (item->cells[c] && *item->cells[c])
            worksheet_write_string (sheet, row, c, item->cells[c], NULL);
    }
  rc = workbook_close (book);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The workbook could not be written into %s (%s). Check that the disk has room "
                     "and the folder is writable."), path, lxw_strerror (rc));
    }
  return tx_report_finish (store, rc == LXW_NO_ERROR, tmp, path, log->what, log->n_visits, error);
}

#define TABLE_TOP    (MARGIN + HEAD_H)
#define TABLE_BOTTOM (PAGE_H - MARGIN - FOOT_H)

/* Lines of a text @natural points wide (on @lines lines of its own) in
 * @avail points: an estimate for sizing the columns, not for drawing; a
 * wrapped line loses up to a character at its end */
static double
lines_in (double natural,
          double natural_h,
          double line_h,
          double avail)
{
  double own = natural_h > 0 ? MAX (1, round (natural_h / line_h)) : 0;

  if (natural <= 0)
    return 0;
  if (natural <= avail)
    return own;
  return own * ceil (natural / MAX (avail - 8, 1));
}

/* Sizes the columns by what they hold: a short column as wide as its
 * longest text (up to its most), the village none (its heading says it),
 * and the free-text columns share what is left so that the rows take the
 * fewest lines; a column with little to say gets little room */
static void
size_columns (TxPagedList *log,
              cairo_t    *cr)
{
  const TxListColumn *columns = log->columns;
  double table = PAGE_W - 2 * MARGIN, rest = table, line_h = tx_report_text_height (cr, "国", 0, CELL_SIZE, FALSE);
  double least[N_CELLS] = { 0 }, total[N_CELLS] = { 0 };
  guint text[N_CELLS], n_text = 0, n_cols = 0;

  for (guint c = 0; columns[c].label; c++, n_cols++)
    {
      g_autoptr(PangoLayout) head = tx_report_layout (cr, _(columns[c].label), 0, CELL_SIZE, TRUE);
      int w;

      pango_layout_get_size (head, &w, NULL);
      least[c] = (double) w / PANGO_SCALE + 2 * PAD;
      log->widths[c] = columns[c].kind == COL_GROUP ? 0 : least[c];
    }
  for (guint i = 0; i < log->items->len; i++)
    {
      Item *item = log->items->pdata[i];

      if (item->kind != ITEM_VISIT)
        continue;
      for (guint c = 0; c < n_cols; c++)
        {
          total[c] += item->natural[c];
          if (columns[c].kind == COL_SHORT)
            log->widths[c] = MAX (log->widths[c], item->natural[c] + 2 * PAD);
        }
    }
  for (guint c = 0; c < n_cols; c++)
    {
      if (columns[c].kind == COL_SHORT && columns[c].most > 0)
        log->widths[c] = MIN (log->widths[c], MAX (columns[c].most, least[c]));
      if (columns[c].kind == COL_TEXT)
        {
          text[n_text++] = c;
          /* an empty column only as wide as its heading */
          log->widths[c] = total[c] > 0 ? MAX (least[c], 60) : least[c];
        }
      rest -= log->widths[c];
    }

  if (rest <= 0)
    {
      /* wider than the page (long English headings): everything narrower */
      for (guint c = 0; c < n_cols; c++)
        log->widths[c] *= table / (table - rest);
      return;
    }
  if (n_text == 0)
    {
      /* a list of short columns spreads over the page */
      guint shown = 0;
      for (guint c = 0; c < n_cols; c++)
        shown += log->widths[c] > 0;
      for (guint c = 0; c < n_cols; c++)
        if (log->widths[c] > 0)
          log->widths[c] += rest / shown;
    }
  else if (n_text == 2)
    {
      /* every split, in steps of 4 points: the fewest lines of rows, then
       * the fewest lines in all, then the split nearest to what each holds */
      guint a = text[0], b = text[1];
      double start_a = log->widths[a], start_b = log->widths[b], room = rest;
      double best = -1, best_cost = G_MAXDOUBLE, best_lines = G_MAXDOUBLE, best_off = G_MAXDOUBLE;
      double fair = total[a] + total[b] > 0 ? room * total[a] / (total[a] + total[b]) : room;

      for (double extra = 0; extra <= room; extra += 4)
        {
          double wa = start_a + extra, wb = start_b + room - extra, cost = 0, lines = 0;

          for (guint i = 0; i < log->items->len; i++)
            {
              Item *item = log->items->pdata[i];
              double la, lb;

              if (item->kind != ITEM_VISIT)
                continue;
              la = lines_in (item->natural[a], item->natural_h[a], line_h, wa - 2 * PAD);
              lb = lines_in (item->natural[b], item->natural_h[b], line_h, wb - 2 * PAD);
              cost += MAX (MAX (la, lb), 1);
              lines += la + lb;
            }
          if (cost < best_cost || (cost == best_cost && lines < best_lines) ||
              (cost == best_cost && lines == best_lines && fabs (extra - fair) < best_off))
            {
              best = extra;
              best_cost = cost;
              best_lines = lines;
              best_off = fabs (extra - fair);
            }
        }
      log->widths[a] = start_a + best;
      log->widths[b] = start_b + room - best;
    }
  else
    {
      double all = 0;
      for (guint t = 0; t < n_text; t++)
        all += total[text[t]];
      for (guint t = 0; t < n_text; t++)
        log->widths[text[t]] += all > 0 ? rest * total[text[t]] / all : rest / n_text;
    }
}

/**
 * tx_paged_list_paginate:
 * @cr: a context of the surface the log is drawn on, for measuring
 * @cancellable: (nullable): stops the measuring
 *
 * Measures the rows, sizes the columns by what they hold and puts the rows
 * on A4 landscape pages, as many as fit.
 *
 * Returns: the number of pages; 0 when cancelled
 */
guint
tx_paged_list_paginate (TxPagedList   *log,
                       cairo_t      *cr,
                       GCancellable *cancellable)
{
  GPtrArray *items = log->items;
  guint pages = 1;
  double y;

  /* each cell on one line first: what the columns are sized by */
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      if (i % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          log->n_pages = 0;
          return 0;
        }
      if (item->kind != ITEM_VISIT)
        continue;
      for (guint c = 0; log->columns[c].label; c++)
        {
          g_autoptr(PangoLayout) layout = NULL;
          int w, h;

          if (item->cells[c] == NULL || *item->cells[c] == '\0')
            {
              item->natural[c] = item->natural_h[c] = 0;
              continue;
            }
          layout = tx_report_layout (cr, item->cells[c], 0, CELL_SIZE, FALSE);
          pango_layout_get_size (layout, &w, &h);
          item->natural[c] = (double) w / PANGO_SCALE;
          item->natural_h[c] = (double) h / PANGO_SCALE;
        }
    }
  size_columns (log, cr);

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      if (i % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          log->n_pages = 0;
          return 0;
        }
      item->height = 0;
      item->continued = FALSE;
      if (item->kind == ITEM_VILLAGE)
        item->height = tx_report_text_height (cr, item->cells[0], 0, 9, TRUE) + 2 * PAD;
      else if (item->kind == ITEM_SUMMARY)
        item->height = tx_report_text_height (cr, log->summary, PAGE_W - 2 * MARGIN, 10, FALSE) +
                       tx_report_text_height (cr, log->signatures, PAGE_W - 2 * MARGIN, 10, FALSE) + 40;
      else
        for (guint c = 0; log->columns[c].label; c++)
          {
            double avail = log->widths[c] - 2 * PAD, h = item->natural_h[c];

            if (log->widths[c] <= 0)
              continue;
            /* only a cell too wide for its column is laid out again, wrapped */
            if (item->natural[c] > avail)
              h = tx_report_text_height (cr, item->cells[c], avail, CELL_SIZE, FALSE);
            item->height = MAX (item->height, h + 2 * PAD);
          }
    }
  y = TABLE_TOP;
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      /* a village's heading never ends a page */
      if (y + item->height > TABLE_BOTTOM ||
          (item->kind == ITEM_VILLAGE && i + 1 < items->len &&
           y + item->height + ((Item *) items->pdata[i + 1])->height > TABLE_BOTTOM))
        {
          pages++;
          y = TABLE_TOP;
          /* a village's rows running on: its heading again, as continued */
          if (item->kind == ITEM_VISIT && item->heading)
            {
              item->continued = TRUE;
              y += item->heading->height;
            }
        }
      item->page = pages;
      y += item->height;
    }
  log->n_pages = pages;
  return pages;
}

/**
 * tx_paged_list_draw_page:
 * @cr: a context whose user space is the page, in points
 * @page: the page, from 1
 *
 * Draws one page: the same for the PDF, the preview and the printer.
 */
void
tx_paged_list_draw_page (TxPagedList *log,
                        cairo_t    *cr,
                        guint       page)
{
  double y = TABLE_TOP;
  guint first = 0, end = log->items->len;

  /* the page's first item: the items are in the order of their pages */
  while (first < end)
    {
      guint mid = first + (end - first) / 2;

      if (((Item *) log->items->pdata[mid])->page < page)
        first = mid + 1;
      else
        end = mid;
    }
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  /* a page of the summary alone has no table header */
  draw_page_frame (cr, log->columns, log->widths, log->title, log->mark,
                   first < log->items->len && ((Item *) log->items->pdata[first])->page == page &&
                   ((Item *) log->items->pdata[first])->kind != ITEM_SUMMARY,
                   page, log->n_pages);
  for (guint i = first; i < log->items->len; i++)
    {
      Item *item = log->items->pdata[i];
      double x = MARGIN;

      if (item->page != page)
        break;
      if (item->continued)
        {
          /* Translators: a village's heading again at the top of a page its rows run on to */
          g_autofree char *again = g_strdup_printf (_("%s (continued)"), item->heading->cells[0]);

          draw_heading (cr, y, item->heading->height, again);
          y += item->heading->height;
          rule (cr, y);
        }
      switch (item->kind)
        {
        case ITEM_VILLAGE:
          draw_heading (cr, y, item->height, item->cells[0]);
          break;
        case ITEM_VISIT:
          for (guint c = 0; log->columns[c].label; c++)
            {
              if (log->widths[c] <= 0)
                continue;
              tx_report_show (cr, x + PAD, y + PAD, item->cells[c], log->widths[c] - 2 * PAD, CELL_SIZE, FALSE,
                              PANGO_ALIGN_LEFT);
              x += log->widths[c];
            }
          break;
        case ITEM_SUMMARY:
        default:
          {
            double h = tx_report_text_height (cr, log->summary, PAGE_W - 2 * MARGIN, 10, FALSE);

            tx_report_show (cr, MARGIN, y + 12, log->summary, PAGE_W - 2 * MARGIN, 10, FALSE, PANGO_ALIGN_LEFT);
            tx_report_show (cr, MARGIN, y + 28 + h, log->signatures, PAGE_W - 2 * MARGIN, 10, FALSE, PANGO_ALIGN_LEFT);
          }
          break;
        }
      y += item->height;
      if (item->kind != ITEM_SUMMARY)
        rule (cr, y);
    }
  cairo_restore (cr);
}

/**
 * tx_paged_list_write_pdf:
 * @path: the PDF to write; replaced only once it is complete
 *
 * Writes the log as a PDF and records the export.
 */
gboolean
tx_paged_list_write_pdf (TxPagedList    *log,
                        TxStore       *store,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;
  return tx_report_write_pdf (store, path, PAGE_W, PAGE_H, log->title,
                              (TxReportPaginate) tx_paged_list_paginate, (TxReportDrawPage) tx_paged_list_draw_page,
                              log, log->what, &log->n_visits, cancellable, error);
}

/**
 * tx_report_visit_log_pdf:
 * @year: the year of the month
 * @month: the month, 1–12
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only the visits this person made
 * @path: the PDF to write; replaced only once it is complete
 * @n_visits: (out) (optional): how many visits it lists
 *
 * Writes the month's visit log for signing, marked internal and
 * confidential with who made it and when.
 */
gboolean
tx_report_visit_log_pdf (TxStore       *store,
                         guint          year,
                         guint          month,
                         const char    *division,
                         const char    *visitor,
                         const char    *path,
                         guint         *n_visits,
                         GCancellable  *cancellable,
                         GError       **error)
{
  TxPagedList *log = tx_visit_log_new (store, year, month, division, visitor, error);
  gboolean ok;

  if (log == NULL)
    return FALSE;
  ok = tx_paged_list_write_pdf (log, store, path, cancellable, error);
  if (ok && n_visits)
    *n_visits = log->n_visits;
  tx_paged_list_free (log);
  return ok;
}
