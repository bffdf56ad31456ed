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
#include <xlsxwriter.h>

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

typedef struct {
  const char *label;
  double      width;
} Column;

/* The columns of each list; each set fills the table's 769.89 points */
static const Column visit_columns[] = {
  { N_("Date"), 64 }, { N_("Child"), 56 }, { N_("Village"), 66 }, { N_("Visitor"), 50 },
  { N_("Kind"), 54 }, { N_("What was found"), 258 }, { N_("Actions and needs"), 150 },
  { N_("Next visit due"), 71.89 }, { NULL, 0 }
};

static const Column overdue_columns[] = {
  { N_("Visit due"), 90 }, { N_("Days overdue"), 80 }, { N_("Child"), 140 }, { N_("Village"), 160 },
  { N_("Guardianship"), 150 }, { N_("Key care"), 149.89 }, { NULL, 0 }
};

static const Column urgent_columns[] = {
  { N_("Opened"), 70 }, { N_("Child"), 60 }, { N_("Village"), 66 }, { N_("Urgent situation"), 150 },
  { N_("Reported to the police"), 84 }, { N_("Police station"), 90 }, { N_("Case or receipt number"), 90 },
  { N_("Measures taken"), 159.89 }, { NULL, 0 }
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
draw_page_frame (cairo_t      *cr,
                 const Column *columns,
                 const char   *title,
                 const char   *mark,
                 guint         page,
                 guint         pages)
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
  for (guint c = 0; columns[c].label; c++)
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
  const Column *columns;
  const char   *what;      /* for the export log */
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

/**
 * tx_visit_log_new:
 * @year: the year of the month
 * @month: the month, 1–12
 * @division: (nullable): only children living in this village or township
 * @visitor: (nullable): only the visits this person made
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
                  const char  *visitor,
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
  if (!(rows = tx_store_visit_log (store, from, to, division, visitor, error)) ||
      !tx_store_calendar_month (store, year, month, division, visitor, days, error))
    return NULL;
  for (guint d = 0; d < 31; d++)
    due += days[d].due, overdue += days[d].overdue, done += days[d].done;
  for (guint i = 0; i < rows->len; i++)
    urgent += ((TxLogRow *) rows->pdata[i])->visit->urgent != NULL;

  log = g_new0 (TxVisitLog, 1);
  log->columns = visit_columns;
  log->what = "visit_log";
  log->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  log->n_visits = rows->len;
  /* Translators: the title of the monthly visit log: the unit, the year and month */
  log->title = g_strdup_printf (_("%s · visits of %04u-%02u"), unit, year, month);
  if (visitor)
    {
      /* Translators: the visit log's title, and whose visits it holds */
      char *whose = g_strdup_printf (_("%s · by %s"), log->title, visitor);
      g_free (log->title);
      log->title = whose;
    }
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

/* A list of the same frame: the mark, the heading per village, the summary */
static TxVisitLog *
list_new (TxStore      *store,
          const Column *columns,
          const char   *what,
          char         *title,
          char         *summary)
{
  g_autofree char *who = tx_store_get_setting (store, "editor");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  TxVisitLog *log = g_new0 (TxVisitLog, 1);

  log->columns = columns;
  log->what = what;
  log->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  log->title = title;
  log->summary = summary;
  log->signatures = g_strdup ("");
  log->mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  return log;
}

/* Adds @item under its village's heading, which comes when the village changes */
static void
list_add (TxVisitLog  *log,
          const char **village,
          const char  *residence,
          Item        *item)
{
  if (*village == NULL || g_strcmp0 (*village, residence) != 0)
    {
      Item *heading = g_new0 (Item, 1);
      const char *name = tx_division_name (residence);

      heading->kind = ITEM_VILLAGE;
      heading->cells[0] = g_strdup (name ? name : _("Village not given"));
      g_ptr_array_add (log->items, heading);
      *village = residence ? residence : "";
    }
  g_ptr_array_add (log->items, item);
  log->n_visits++;
}

static void
list_end (TxVisitLog *log,
          const char *none)
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
TxVisitLog *
tx_overdue_list_new (TxStore     *store,
                     const char  *division,
                     GError     **error)
{
  const TxField *g = tx_form_lookup ("guardianship");
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *yesterday = NULL, *today_iso = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const char *village = NULL;
  TxVisitLog *log;
  GDate today, day;

  tx_date_today (&today);
  today_iso = tx_date_format (&today);
  day = today;
  g_date_subtract_days (&day, 1);
  yesterday = tx_date_format (&day);
  if (!(rows = tx_store_due_page (store, NULL, yesterday, division, 0, NULL, error)))
    return NULL;
  g_ptr_array_sort (rows, by_village_then_due);
  log = list_new (store, overdue_columns, "overdue_list",
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
  list_end (log, _("No child is overdue for a home visit."));
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
TxVisitLog *
tx_urgent_list_new (TxStore  *store,
                    GError  **error)
{
  const TxChoice *situations = tx_visit_urgent_situations ();
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *today_iso = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (UrgentRow));
  const char *village = NULL;
  TxVisitLog *log;
  GDate today;

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
  log = list_new (store, urgent_columns, "urgent_list",
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
      item->cells[0] = g_strndup (row->c->opened_at ? row->c->opened_at : "", 10);
      item->cells[1] = g_strdup (row->c->name);
      item->cells[2] = g_strdup (name ? name : "");
      item->cells[3] = tx_choice_labels (situations, row->c->situations, "；");
      item->cells[4] = g_strdup (v ? v->police_reported_at : NULL);
      item->cells[5] = g_strdup (v ? v->police_station : NULL);
      item->cells[6] = g_strdup (v ? v->police_receipt : NULL);
      item->cells[7] = g_strdup (v ? v->police_measures : NULL);
      list_add (log, &village, row->residence, item);
    }
  list_end (log, _("No urgent case is open."));
  for (guint i = 0; i < rows->len; i++)
    g_free (g_array_index (rows, UrgentRow, i).residence);
  return log;
}

/**
 * tx_visit_log_write_xlsx:
 * @path: the workbook to write; replaced only once it is complete
 *
 * Writes the list as a workbook: the title and mark, the column headings,
 * the villages' headings and rows, and the summary.
 */
gboolean
tx_visit_log_write_xlsx (TxVisitLog    *log,
                         TxStore       *store,
                         const char    *path,
                         GError       **error)
{
  g_autofree char *tmp = tx_report_make_temp (path, error);
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold, *head;
  lxw_row_t row = 4;
  lxw_error rc;

  if (tmp == NULL)
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
        worksheet_write_string (sheet, row + 1, 0, log->summary, bold);
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

/**
 * tx_visit_log_paginate:
 * @cr: a context of the surface the log is drawn on, for measuring
 * @cancellable: (nullable): stops the measuring
 *
 * Measures the rows and puts them on A4 landscape pages.
 *
 * Returns: the number of pages; 0 when cancelled
 */
guint
tx_visit_log_paginate (TxVisitLog   *log,
                       cairo_t      *cr,
                       GCancellable *cancellable)
{
  GPtrArray *items = log->items;
  guint pages = 1;
  double y;

  for (guint i = 0; i < items->len; i++)
    {
      Item *item = items->pdata[i];

      if (i % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          log->n_pages = 0;
          return 0;
        }
      item->height = 0;
      if (item->kind == ITEM_VILLAGE)
        item->height = tx_report_text_height (cr, item->cells[0], 0, 9, TRUE) + 2 * PAD;
      else if (item->kind == ITEM_SUMMARY)
        item->height = tx_report_text_height (cr, log->summary, PAGE_W - 2 * MARGIN, 10, FALSE) +
                       tx_report_text_height (cr, log->signatures, PAGE_W - 2 * MARGIN, 10, FALSE) + 40;
      else
        for (guint c = 0; log->columns[c].label; c++)
          item->height = MAX (item->height, tx_report_text_height (cr, item->cells[c], log->columns[c].width - 2 * PAD, 8, FALSE) +
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
  draw_page_frame (cr, log->columns, log->title, log->mark, page, log->n_pages);
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
          for (guint c = 0; log->columns[c].label; c++)
            {
              tx_report_show (cr, x + PAD, y + PAD, item->cells[c], log->columns[c].width - 2 * PAD, 8, FALSE,
                              PANGO_ALIGN_LEFT);
              x += log->columns[c].width;
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
  TxVisitLog *log = tx_visit_log_new (store, year, month, division, visitor, error);
  gboolean ok;

  if (log == NULL)
    return FALSE;
  ok = tx_visit_log_write_pdf (log, store, path, cancellable, error);
  if (ok && n_visits)
    *n_visits = log->n_visits;
  tx_visit_log_free (log);
  return ok;
}
