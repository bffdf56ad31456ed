/* tx-report-compare.c — a comparison round printed (PDF) and exported
 * (xlsx), for the county office's half-year report
 *
 * The PDF is a paged list of the visit log's frame (tx-report-pdf.c): the
 * title with the unit and the round, the mark of internal use with who
 * made it and when, an overview (who ran the round, when, over which
 * division and lists, the counts by category), then a table per category.
 * The workbook has the overview on its first sheet and a sheet per
 * category. Identity numbers are masked in both: the findings name the
 * children, the store has the numbers. Both are written in the language
 * of the interface and logged in the export log.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <xlsxwriter.h>

#include "tx-compare.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-idcard.h"
#include "tx-report-compare.h"
#include "tx-report-private.h"
#include "tx-store-lists.h"

#define N_COLUMNS 8

static const TxListColumn columns[] = {
  { N_("List"), 90, TX_LIST_COLUMN_SHORT, 100 }, { N_("Row"), 36, TX_LIST_COLUMN_SHORT, 0 },
  { N_("Name"), 60, TX_LIST_COLUMN_SHORT, 72 }, { N_("Date of birth"), 64, TX_LIST_COLUMN_SHORT, 0 },
  { N_("Identity number"), 110, TX_LIST_COLUMN_SHORT, 0 }, { N_("Village"), 90, TX_LIST_COLUMN_SHORT, 90 },
  { N_("Matched by"), 100, TX_LIST_COLUMN_SHORT, 100 }, { N_("Differences and notes"), 220, TX_LIST_COLUMN_TEXT, 0 },
  { NULL, 0, 0, 0 }
};

/* The order of the categories on paper: what needs doing first */
static const TxCompareKind order[] = {
  TX_COMPARE_NOT_REGISTERED, TX_COMPARE_DIFFERENCE, TX_COMPARE_POSSIBLE, TX_COMPARE_ON_NO_LIST, TX_COMPARE_FOUND,
};

typedef struct {
  TxCompareRound *round;
  GPtrArray      *items;
  char           *title;
  char           *overview;  /* lines */
} Round;

static void
round_clear (Round *r)
{
  tx_compare_round_free (r->round);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_free (r->title);
  g_free (r->overview);
}

/* The lists of the round, as it kept them: "name (department, date, N entries)" */
static char *
lists_text (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *s = g_string_new (NULL);
  JsonArray *a;

  if (!json_parser_load_from_data (parser, json, -1, NULL) || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_string_free (s, FALSE);
  a = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *l = json_array_get_object_element (a, i);
      TxDepartment d = TX_DEPARTMENT_OTHER;
      guint rows = json_object_get_int_member (l, "rows");

      tx_department_parse (json_object_get_string_member (l, "department"), &d);
      if (s->len)
        g_string_append (s, tx_ui_is_chinese () ? "；" : "; ");
      /* Translators: a list compared: its name, department, date and entries */
      g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "%s (%s, %s, %u entry)", "%s (%s, %s, %u entries)",
                                              rows),
                              json_object_get_string_member (l, "name"), tx_department_label (d),
                              json_object_get_string_member (l, "date"), rows);
    }
  return g_string_free (s, FALSE);
}

static gboolean
round_read (TxStore  *store,
            gint64    id,
            Round    *r,
            GError  **error)
{
  g_autofree char *unit = tx_report_unit (store);
  g_autoptr(GDateTime) ran = NULL;
  g_autoptr(GDateTime) ran_local = NULL;
  g_autofree char *ran_at = NULL;
  g_autofree char *at = NULL, *scope = NULL, *lists = NULL, *by = NULL, *compared = NULL;
  g_autoptr(GString) counts = g_string_new (NULL);
  g_autofree char *lists_text_tmp = NULL;

  if (!(r->round = tx_store_compare_round_get (store, id, error)) ||
      !(r->items = tx_store_compare_items (store, r->round->id, -1, error)))
    return FALSE;
  at = tx_date_local_day (r->round->at);
  /* Translators: the title of a comparison round: the unit, the round's number and day */
  r->title = g_strdup_printf (_("%s · comparison with the departments' lists, round %lld of %s"),
                              unit, (long long) r->round->id, at);
  scope = r->round->division ? tx_division_full_name (r->round->division) : NULL;
  /* Translators: the lists a comparison round compared */
  lists = g_strdup_printf (_("Lists: %s"), (lists_text_tmp = lists_text (r->round->lists)));
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    /* Translators: a category of the comparison and how many it found */
    g_string_append_printf (counts, _("%s%s: %u"), k ? (tx_ui_is_chinese () ? "；" : "; ") : "",
                            tx_compare_kind_label (order[k]), r->round->counts[order[k]]);
  ran = g_date_time_new_from_iso8601 (r->round->at, NULL);
  ran_local = ran ? g_date_time_to_local (ran) : NULL;
  ran_at = ran_local ? g_date_time_format (ran_local, "%Y-%m-%d %H:%M") : g_strdup (r->round->at);
  /* Translators: who ran a comparison round, and when */
  by = g_strdup_printf (_("Run by %s at %s"), r->round->who ? r->round->who : "—", ran_at);
  /* Translators: the children a comparison round compared the lists with, and where */
  compared = g_strdup_printf (_("Registered children compared: %u, in %s"), r->round->children,
                              scope ? scope : _("the whole register"));
  r->overview = g_strdup_printf ("%s\n%s\n%s\n%s", by, compared, lists, counts->str);
  return TRUE;
}

/* The cells of a finding, as printed */
static void
item_cells (const TxCompareItem *i,
            char               **cells)
{
  const char *village = tx_division_name (i->residence_division);
  g_autofree char *diffs = tx_compare_differences_text (i->differences);
  GString *details = g_string_new (diffs);

  if (i->child_name && g_strcmp0 (i->child_name, i->name) != 0)
    {
      if (details->len)
        g_string_append_c (details, '\n');
      /* Translators: the registered child a list entry was matched with */
      g_string_append_printf (details, _("Registered as %s"), i->child_name);
    }
  if (i->note)
    g_string_append_printf (details, "%s%s", details->len ? "\n" : "", i->note);
  if (i->decision)
    g_string_append_printf (details, "%s%s", details->len ? "\n" : "",
                            g_str_equal (i->decision, "same") ? _("Decided: the same child")
                                                              : _("Decided: not the same child"));
  cells[0] = g_strdup (i->list_name ? i->list_name : "");
  cells[1] = i->list ? g_strdup_printf ("%u", i->row) : g_strdup ("");
  cells[2] = g_strdup (i->name ? i->name : "");
  cells[3] = g_strdup (i->birth_date ? i->birth_date : "");
  cells[4] = i->id_number ? tx_id_mask (i->id_number) : g_strdup ("");
  cells[5] = g_strdup (village ? village : "");
  cells[6] = g_strdup (tx_match_rule_label (i->rule));
  cells[7] = g_string_free (details, FALSE);
}

/**
 * tx_report_compare_pdf:
 * @round: the round, or 0 for the latest
 * @n_items: (out) (optional): how many findings it lists
 *
 * Prints a comparison round as an A4 landscape PDF.
 */
gboolean
tx_report_compare_pdf (TxStore       *store,
                       gint64         round,
                       const char    *path,
                       guint         *n_items,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Round r = { 0 };
  g_autoptr(GString) summary = g_string_new (NULL);
  TxPagedList *list;
  gboolean ok;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (!round_read (store, round, &r, error))
    {
      round_clear (&r);
      return FALSE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    g_string_append_printf (summary, _("%s%s: %u"), k ? "\n" : "", tx_compare_kind_label (order[k]),
                            r.round->counts[order[k]]);
  list = tx_paged_list_new_plain (store, columns, "comparison", g_strdup (r.title),
                                  g_string_free (g_steal_pointer (&summary), FALSE));
  tx_paged_list_add_heading (list, r.overview);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      /* Translators: a category of a comparison round's findings, and how many */
      g_autofree char *heading = g_strdup_printf (_("%s (%u)"), tx_compare_kind_label (order[k]),
                                                  r.round->counts[order[k]]);

      tx_paged_list_add_heading (list, heading);
      for (guint i = 0; i < r.items->len; i++)
        {
          const TxCompareItem *item = g_ptr_array_index (r.items, i);
          char *cells[N_COLUMNS];

          if (item->kind != order[k])
            continue;
          item_cells (item, cells);
          tx_paged_list_add_row (list, cells, N_COLUMNS);
        }
    }
  tx_paged_list_end (list, _("The round found nothing: no list entry and no registered child in its scope."));
  ok = tx_paged_list_write_pdf (list, store, path, cancellable, error);
  if (ok && n_items)
    *n_items = r.items->len;
  tx_paged_list_free (list);
  round_clear (&r);
  return ok;
}

/**
 * tx_report_compare_xlsx:
 * @round: the round, or 0 for the latest
 * @n_items: (out) (optional): how many findings it lists
 *
 * Exports a comparison round as a workbook: the overview, then a sheet
 * per category.
 */
gboolean
tx_report_compare_xlsx (TxStore       *store,
                        gint64         round,
                        const char    *path,
                        guint         *n_items,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *tmp = NULL, *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—",
                                           when);
  Round r = { 0 };
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *bold, *head, *wrap;
  lxw_error rc;
  gboolean ok;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (!round_read (store, round, &r, error) || !(tmp = tx_report_make_temp (path, error)))
    {
      round_clear (&r);
      return FALSE;
    }
  book = workbook_new (tmp);
  bold = workbook_add_format (book);
  format_set_bold (bold);
  head = workbook_add_format (book);
  format_set_bold (head);
  format_set_bg_color (head, 0xDDE6F0);
  format_set_border (head, LXW_BORDER_THIN);
  wrap = workbook_add_format (book);
  format_set_text_wrap (wrap);

  sheet = workbook_add_worksheet (book, _("Overview"));
  worksheet_write_string (sheet, 0, 0, r.title, bold);
  worksheet_write_string (sheet, 1, 0, mark, NULL);
  {
    g_auto(GStrv) lines = g_strsplit (r.overview, "\n", -1);

    for (guint l = 0; lines[l]; l++)
      worksheet_write_string (sheet, 3 + l, 0, lines[l], NULL);
    for (guint k = 0; k < G_N_ELEMENTS (order); k++)
      {
        worksheet_write_string (sheet, 4 + g_strv_length (lines) + k, 0, tx_compare_kind_label (order[k]), NULL);
        worksheet_write_number (sheet, 4 + g_strv_length (lines) + k, 1, r.round->counts[order[k]], NULL);
      }
  }
  worksheet_set_column (sheet, 0, 0, 40, NULL);

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      lxw_row_t row = 4;

      sheet = workbook_add_worksheet (book, tx_compare_kind_label (order[k]));
      worksheet_write_string (sheet, 0, 0, r.title, bold);
      worksheet_write_string (sheet, 1, 0, mark, NULL);
      for (guint c = 0; c < N_COLUMNS; c++)
        {
          worksheet_write_string (sheet, 3, c, _(columns[c].label), head);
          worksheet_set_column (sheet, c, c, columns[c].width / 5.5, c == N_COLUMNS - 1 ? wrap : NULL);
        }
      worksheet_freeze_panes (sheet, 4, 0);
      for (guint i = 0; i < r.items->len; i++)
        {
          const TxCompareItem *item = g_ptr_array_index (r.items, i);
          char *cells[N_COLUMNS];

          if (item->kind != order[k])
            continue;
          item_cells (item, cells);
          for (guint c = 0; c < N_COLUMNS; c++)
            {
              if (c == 1 && item->list)
                worksheet_write_number (sheet, row, c, item->row, NULL);
              else if (*cells[c])
                worksheet_write_string (sheet, row, c, cells[c], c == N_COLUMNS - 1 ? wrap : NULL);
              g_free (cells[c]);
            }
          row++;
        }
    }
  rc = workbook_close (book);
  if (rc != LXW_NO_ERROR)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("The workbook could not be written into %s (%s). Check that the disk has room "
                   "and the folder is writable."), path, lxw_strerror (rc));
  ok = tx_report_finish (store, rc == LXW_NO_ERROR && !g_cancellable_set_error_if_cancelled (cancellable, error),
                         tmp, path, "comparison", r.items->len, error);
  if (ok && n_items)
    *n_items = r.items->len;
  round_clear (&r);
  return ok;
}

typedef struct {
  gint64    round;
  gboolean  pdf;
  char     *path;
  guint     n;
} ExportRequest;

static void
export_request_free (ExportRequest *r)
{
  g_free (r->path);
  g_free (r);
}

static gpointer
export_job (TxStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportRequest *r = data;
  gboolean ok = r->pdf ? tx_report_compare_pdf (store, r->round, r->path, &r->n, cancellable, error)
                       : tx_report_compare_xlsx (store, r->round, r->path, &r->n, cancellable, error);

  return ok ? g_memdup2 (&r->n, sizeof r->n) : NULL;
}

/**
 * tx_report_compare_export_async:
 * @pdf: the printed round (PDF) if %TRUE, else the workbook (xlsx)
 * @path: the file to write; a cancelled export leaves none
 *
 * Writes a comparison round on the store service's thread, as
 * tx_report_compare_pdf() or tx_report_compare_xlsx() do.
 */
void
tx_report_compare_export_async (TxStoreService      *service,
                                gint64               round,
                                gboolean             pdf,
                                const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ExportRequest *r = g_new0 (ExportRequest, 1);

  r->round = round;
  r->pdf = pdf;
  r->path = g_strdup (path);
  tx_store_service_run_async (service, export_job, r, (GDestroyNotify) export_request_free, g_free, cancellable,
                              callback, user_data);
}

/**
 * tx_report_compare_export_finish:
 * @n_items: (out) (optional): how many findings it holds
 *
 * Returns: whether the file was written
 */
gboolean
tx_report_compare_export_finish (TxStoreService  *service,
                                 GAsyncResult    *result,
                                 guint           *n_items,
                                 GError         **error)
{
  g_autofree guint *n = tx_store_service_run_finish (service, result, error);

  if (n && n_items)
    *n_items = *n;
  return n != NULL;
}
