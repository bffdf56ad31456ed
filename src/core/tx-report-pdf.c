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
#include <pango/pangocairo.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-report-private.h"
#include "tx-visit.h"

/* A4 landscape, in points */
#define PAGE_W    841.89
#define PAGE_H    595.28
#define MARGIN    36.0
#define PAD       3.0
#define HEAD_H    52.0     /* the page header, above the table */
#define FOOT_H    24.0

typedef enum {
  ITEM_VILLAGE,   /* a village's heading */
  ITEM_VISIT,
  ITEM_SUMMARY,   /* the month in numbers, and the signatures */
} ItemKind;

typedef struct {
  ItemKind  kind;
  char     *cells[8];
  double    height;
  guint     page;
} Item;

static const struct { const char *label; double width; } columns[] = {
  { N_("Date"), 64 }, { N_("Child"), 56 }, { N_("Village"), 66 }, { N_("Visitor"), 50 },
  { N_("Kind"), 54 }, { N_("What was found"), 258 }, { N_("Actions and needs"), 150 },
  { N_("Next visit due"), 71.89 },
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
  const TxChoice *kinds = tx_visit_kinds ();

  for (guint k = 0; kinds[k].code; k++)
    if (g_strcmp0 (kinds[k].code, code) == 0)
      return tx_choice_label (&kinds[k]);
  return code ? code : "";
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
draw_page_frame (cairo_t    *cr,
                 const char *title,
                 const char *mark,
                 guint       page,
                 guint       pages)
{
  g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page, pages);
  double x = MARGIN;

  tx_report_show (cr, MARGIN, MARGIN - 6, title, PAGE_W - 2 * MARGIN, 14, TRUE, PANGO_ALIGN_CENTER);
  tx_report_show (cr, MARGIN, MARGIN + 20, mark, PAGE_W - 2 * MARGIN, 8, FALSE, PANGO_ALIGN_LEFT);
  tx_report_show (cr, MARGIN, PAGE_H - MARGIN + 4, footer, PAGE_W - 2 * MARGIN, 9, FALSE, PANGO_ALIGN_CENTER);

  /* the table's header */
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.97);
  cairo_rectangle (cr, MARGIN, MARGIN + HEAD_H - 18, PAGE_W - 2 * MARGIN, 18);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      tx_report_show (cr, x + PAD, MARGIN + HEAD_H - 16, _(columns[c].label), columns[c].width - 2 * PAD, 8, TRUE,
                 PANGO_ALIGN_LEFT);
      x += columns[c].width;
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

struct _TxVisitLog
{
  GPtrArray *items;
  char      *title;
  char      *mark;
  char      *summary;
  char      *signatures;
  guint      n_visits;
  guint      n_pages;
};

void
tx_visit_log_free (TxVisitLog *log)
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
tx_visit_log_get_n_pages (TxVisitLog *log)
{
  return log->n_pages;
}

guint
tx_visit_log_get_n_visits (TxVisitLog *log)
{
  return log->n_visits;
}

const char *
tx_visit_log_get_title (TxVisitLog *log)
{
  return log->title;
}

/**
 * tx_visit_log_new:
 * @year: the year of the month
 * @month: the month, 1–12
 * @division: (nullable): only children living in this village or township
 *
 * Reads the month's visits and makes the log's rows; tx_visit_log_paginate()
 * then puts them on pages.
 *
 * Returns: (transfer full) (nullable): the log
 */
TxVisitLog *
tx_visit_log_new (TxStore     *store,
                  guint        year,
                  guint        month,
                  const char  *division,
                  GError     **error)
{
  g_autofree char *from = NULL, *to = NULL;
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *who = tx_store_get_setting (store, "editor");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autoptr(GPtrArray) rows = NULL;
  TxCalendarDay days[31];
  guint due = 0, overdue = 0, done = 0, urgent = 0;
  const char *village = NULL;
  TxVisitLog *log;

  if (month < 1 || month > 12 || year < 1900 || year > 9999)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("There is no month %u."), month);
      return NULL;
    }
  from = g_strdup_printf ("%04u-%02u-01", year, month);
  to = g_strdup_printf ("%04u-%02u-%02u", year, month, g_date_get_days_in_month (month, year));
  if (!(rows = tx_store_visit_log (store, from, to, division, error)) ||
      !tx_store_calendar_month (store, year, month, division, NULL, days, error))
    return NULL;
  for (guint d = 0; d < 31; d++)
    due += days[d].due, overdue += days[d].overdue, done += days[d].done;
  for (guint i = 0; i < rows->len; i++)
    urgent += ((TxLogRow *) rows->pdata[i])->visit->urgent != NULL;

  log = g_new0 (TxVisitLog, 1);
  log->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  log->n_visits = rows->len;
  /* Translators: the title of the monthly visit log: the unit, the year and month */
  log->title = g_strdup_printf (_("%s · visits of %04u-%02u"), unit, year, month);
  log->mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  log->summary = g_strdup_printf (_("In the month: %u children due for a home visit, %u of them overdue; "
                                    "%u visits made, %u of them with an urgent situation."),
                                  due, overdue, done, urgent);
  log->signatures = g_strdup (_("Filled in by: ____________    Checked by: ____________    "
                                "Head of unit: ____________    Date: ____________"));

  for (guint i = 0; i < rows->len; i++)
    {
      TxLogRow *row = rows->pdata[i];

      if (g_strcmp0 (village, row->residence) != 0)
        {
          Item *heading = g_new0 (Item, 1);
          const char *name = tx_division_name (row->residence);

          heading->kind = ITEM_VILLAGE;
          heading->cells[0] = g_strdup (name ? name : _("Village not given"));
          g_ptr_array_add (log->items, heading);
          village = row->residence;
        }
      g_ptr_array_add (log->items, visit_item (row));
    }
  if (rows->len == 0)
    {
      Item *none = g_new0 (Item, 1);
      none->kind = ITEM_VILLAGE;
      none->cells[0] = g_strdup (_("No visit was recorded in this month."));
      g_ptr_array_add (log->items, none);
    }
  {
    Item *end = g_new0 (Item, 1);
    end->kind = ITEM_SUMMARY;
    g_ptr_array_add (log->items, end);
  }
  return log;
}

#define TABLE_TOP    (MARGIN + HEAD_H)
#define TABLE_BOTTOM (PAGE_H - MARGIN - FOOT_H)

/**
 * tx_visit_log_paginate:
 * @cr: a context of the surface the log is drawn on, for measuring
 *
 * Measures the rows and puts them on A4 landscape pages.
 *
 * Returns: the number of pages
 */
guint
tx_visit_log_paginate (TxVisitLog *log,
                       cairo_t    *cr)
{
  GPtrArray *items = log->items;
  guint pages = 1;
  double y;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      item->height = 0;
      if (item->kind == ITEM_VILLAGE)
        item->height = tx_report_text_height (cr, item->cells[0], 0, 9, TRUE) + 2 * PAD;
      else if (item->kind == ITEM_SUMMARY)
        item->height = tx_report_text_height (cr, log->summary, PAGE_W - 2 * MARGIN, 10, FALSE) +
                       tx_report_text_height (cr, log->signatures, PAGE_W - 2 * MARGIN, 10, FALSE) + 40;
      else
        for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
          item->height = MAX (item->height, tx_report_text_height (cr, item->cells[c], columns[c].width - 2 * PAD, 8, FALSE) +
                                            2 * PAD);
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
        }
      item->page = pages;
      y += item->height;
    }
  log->n_pages = pages;
  return pages;
}

/**
 * tx_visit_log_draw_page:
 * @cr: a context whose user space is the page, in points
 * @page: the page, from 1
 *
 * Draws one page: the same for the PDF, the preview and the printer.
 */
void
tx_visit_log_draw_page (TxVisitLog *log,
                        cairo_t    *cr,
                        guint       page)
{
  double y = TABLE_TOP;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_page_frame (cr, log->title, log->mark, page, log->n_pages);
  for (guint i = 0; i < log->items->len; i++)
    {
      Item *item = log->items->pdata[i];
      double x = MARGIN;

      if (item->page != page)
        continue;
      switch (item->kind)
        {
        case ITEM_VILLAGE:
          cairo_set_source_rgb (cr, 0.97, 0.97, 0.97);
          cairo_rectangle (cr, MARGIN, y, PAGE_W - 2 * MARGIN, item->height);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
          tx_report_show (cr, MARGIN + PAD, y + PAD, item->cells[0], 0, 9, TRUE, PANGO_ALIGN_LEFT);
          break;
        case ITEM_VISIT:
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            {
              tx_report_show (cr, x + PAD, y + PAD, item->cells[c], columns[c].width - 2 * PAD, 8, FALSE,
                         PANGO_ALIGN_LEFT);
              x += columns[c].width;
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
 * tx_visit_log_write_pdf:
 * @path: the PDF to write; replaced only once it is complete
 *
 * Writes the log as a PDF and records the export.
 */
gboolean
tx_visit_log_write_pdf (TxVisitLog    *log,
                        TxStore       *store,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return tx_report_write_pdf (store, path, PAGE_W, PAGE_H, log->title,
                              (TxReportPaginate) tx_visit_log_paginate, (TxReportDrawPage) tx_visit_log_draw_page,
                              log, "visit_log", &log->n_visits, cancellable, error);
}

/**
 * tx_report_visit_log_pdf:
 * @year: the year of the month
 * @month: the month, 1–12
 * @division: (nullable): only children living in this village or township
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
                         const char    *path,
                         guint         *n_visits,
                         GCancellable  *cancellable,
                         GError       **error)
{
  TxVisitLog *log = tx_visit_log_new (store, year, month, division, error);
  gboolean ok;

  if (log == NULL)
    return FALSE;
  ok = tx_visit_log_write_pdf (log, store, path, cancellable, error);
  if (ok && n_visits)
    *n_visits = log->n_visits;
  tx_visit_log_free (log);
  return ok;
}
