/* tx-report-form.c — the registration form (登记表) on paper
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appendix 1 as a ruled grid on A4 portrait, built from the form
 * declaration like every other view of the form: the header (reporting
 * unit, date, category), the ten sections in order, each field as a label
 * cell and a value cell, choices printed with （√） and （ ）, and the
 * signature line. Short fields go two to a row. Each child starts a page;
 * a section that runs onto the next page repeats its heading there. The
 * blank form prints the same grid with nothing ticked, for field visits.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-register.h"
#include "tx-report-private.h"
#include "tx-store-register.h"

#define PAGE_W   595.28
#define PAGE_H   841.89
#define MARGIN   36.0
#define PAD      2.2
#define LABEL_W  78.0
#define SIZE     7.5
#define FOOT_H   22.0
#define CONTENT_W (PAGE_W - 2 * MARGIN)

typedef enum {
  ROW_TITLE,      /* the form's title and header, and for a child off the
                   * register when and why the child left: starts a child's pages */
  ROW_SECTION,
  ROW_FIELDS,     /* one or two fields */
  ROW_SIGNATURES,
} RowKind;

typedef struct {
  RowKind  kind;
  int      section;
  char    *text[4];   /* label, value (and a second label, value) */
  guint    n_cells;   /* 1 or 2 fields */
  double   height;
  guint    page;
  gboolean continued; /* a section heading repeated at a page's top */
} Row;

static void
row_free (Row *row)
{
  for (guint i = 0; i < G_N_ELEMENTS (row->text); i++)
    g_free (row->text[i]);
  g_free (row);
}

/* Choices with few options are printed all, the chosen ones ticked */
static gboolean
prints_options (const TxField *f)
{
  return (f->type == TX_FIELD_CHOICE || f->type == TX_FIELD_MULTI) && f->n_choices <= 13;
}

static char *
value_text (const TxField  *f,
            const TxRecord *r)
{
  const char *v = r ? r->values[f->index] : NULL;

  if (prints_options (f))
    {
      g_auto(GStrv) codes = g_strsplit (v ? v : "", ",", -1);
      GString *s = g_string_new (NULL);

      for (guint i = 0; i < f->n_choices; i++)
        {
          gboolean on = v && g_strv_contains ((const char *const *) codes, f->choices[i].code);

          if (s->len)
            g_string_append (s, "  ");
          g_string_append_printf (s, "%s%s", on ? "（√）" : "（  ）", tx_choice_label (&f->choices[i]));
        }
      return g_string_free (s, FALSE);
    }
  return r ? tx_record_display_value (r, f->index) : g_strdup ("");
}

/* Whether a field takes a whole row rather than half */
static gboolean
is_long (const TxField *f)
{
  if (f->type == TX_FIELD_MULTI || f->type == TX_FIELD_DIVISION)
    return TRUE;
  if (prints_options (f))
    return f->n_choices > 4;
  return f->type == TX_FIELD_TEXT && f->max_len > 60;
}

struct _TxFormsDoc {
  TxStore   *store;     /* while the rows are made */
  GPtrArray *rows;
  guint      n_pages;
  guint      n_children;
  char      *mark;
  gboolean   blank;
};

typedef TxFormsDoc Forms;

/* For a child off the register, the line that says when and why the child
 * left, as the history words it; %NULL for a child on it. The form itself
 * prints as it was. */
static char *
register_line (Forms          *forms,
               const TxRecord *r)
{
  if (r == NULL || r->register_state == NULL || g_str_equal (r->register_state, TX_REGISTER_ACTIVE))
    return NULL;
  if (g_str_equal (r->register_state, TX_REGISTER_TRANSFERRED))
    {
      g_autoptr(TxTransfer) t = tx_store_transfer_of_child (forms->store, r->id);
      const char *to = t ? tx_division_name (t->to_township) : NULL;

      /* Translators: on the printed form of a child who moved to another township of the county */
      return g_strdup_printf (_("Transferred to %s on %s; this copy is kept for the records."),
                              to ? to : t ? t->to_township : "?", r->exit_date ? r->exit_date : "?");
    }
  return tx_register_describe (r->register_value);
}

static void
add_child (Forms          *forms,
           const TxRecord *r)
{
  const TxForm *form = tx_form_get ();
  Row *title = g_new0 (Row, 1);
  Row *pending = NULL;

  title->kind = ROW_TITLE;
  title->section = -1;
  {
    g_autoptr(TxRecord) none = NULL;
    const TxRecord *src = r;
    g_autofree char *county = NULL, *township = NULL, *date = NULL, *category = NULL;

    for (guint i = 0; i < form->n_fields; i++)
      {
        const TxField *f = &form->fields[i];
        char **slot = g_str_equal (f->key, "reporting_county") ? &county
                    : g_str_equal (f->key, "reporting_township") ? &township
                    : g_str_equal (f->key, "registration_date") ? &date
                    : g_str_equal (f->key, "child_category") ? &category : NULL;
        if (slot)
          *slot = value_text (f, src);
      }
    title->text[0] = g_strdup (_("Registration form of a migrant child"));
    /* Translators: the header line of the paper form: county, township, date */
    /* the township's full name holds its county's */
    title->text[1] = g_strdup_printf (_("Reporting unit: %s    Date: %s"),
                                      township && *township ? township
                                      : county && *county ? county : "____________________",
                                      date && *date ? date : "____年__月__日");
    title->text[2] = g_strdup_printf ("%s：%s", tx_field_label (tx_form_lookup ("child_category")), category);
    title->text[3] = register_line (forms, r);
  }
  g_ptr_array_add (forms->rows, title);

  for (guint s = 0; s < form->n_sections; s++)
    {
      const char *key = form->sections[s].key;
      Row *heading;

      if (g_str_equal (key, "header") || g_str_equal (key, "footer"))
        continue;
      heading = g_new0 (Row, 1);
      heading->kind = ROW_SECTION;
      heading->section = s;
      heading->text[0] = g_strdup (tx_section_label (&form->sections[s]));
      g_ptr_array_add (forms->rows, heading);
      pending = NULL;
      for (guint i = 0; i < form->n_fields; i++)
        {
          const TxField *f = &form->fields[i];

          if (f->section != (int) s)
            continue;
          if (is_long (f))
            {
              Row *row = g_new0 (Row, 1);
              row->kind = ROW_FIELDS;
              row->section = s;
              row->n_cells = 1;
              row->text[0] = g_strdup (tx_field_label (f));
              row->text[1] = value_text (f, r);
              g_ptr_array_add (forms->rows, row);
              pending = NULL;
            }
          else if (pending)
            {
              pending->n_cells = 2;
              pending->text[2] = g_strdup (tx_field_label (f));
              pending->text[3] = value_text (f, r);
              pending = NULL;
            }
          else
            {
              pending = g_new0 (Row, 1);
              pending->kind = ROW_FIELDS;
              pending->section = s;
              pending->n_cells = 1;
              pending->text[0] = g_strdup (tx_field_label (f));
              pending->text[1] = value_text (f, r);
              g_ptr_array_add (forms->rows, pending);
            }
        }
    }
  {
    Row *sign = g_new0 (Row, 1);
    g_autofree char *filler = r ? tx_record_display_value (r, TX_F ("filler")) : NULL;
    g_autofree char *reviewer = r ? tx_record_display_value (r, TX_F ("reviewer")) : NULL;
    g_autofree char *head = r ? tx_record_display_value (r, TX_F ("unit_head")) : NULL;

    sign->kind = ROW_SIGNATURES;
    sign->section = -1;
    sign->text[0] = g_strdup_printf (_("Filled in by: %s    Checked by: %s    Head of unit: %s"),
                                     filler && *filler ? filler : "__________",
                                     reviewer && *reviewer ? reviewer : "__________",
                                     head && *head ? head : "__________");
    g_ptr_array_add (forms->rows, sign);
  }
  forms->n_children++;
}

static double
measure_row (cairo_t *cr,
             Row     *row)
{
  switch (row->kind)
    {
    case ROW_TITLE:
      return tx_report_text_height (cr, row->text[0], CONTENT_W, 15, TRUE) + tx_report_text_height (cr, row->text[1], CONTENT_W, 9, FALSE) +
             tx_report_text_height (cr, row->text[2], CONTENT_W, 9, FALSE) +
             (row->text[3] ? tx_report_text_height (cr, row->text[3], CONTENT_W, 9, TRUE) + 2 : 0) + 18;
    case ROW_SECTION:
      return tx_report_text_height (cr, row->text[0], CONTENT_W - 2 * PAD, 9, TRUE) + 2 * PAD + 2;
    case ROW_SIGNATURES:
      return tx_report_text_height (cr, row->text[0], CONTENT_W, 9, FALSE) + 24;
    case ROW_FIELDS:
    default:
      {
        double cell = row->n_cells == 2 || row->text[2] ? CONTENT_W / 2 : CONTENT_W;
        double h = 0;

        for (guint c = 0; c < (row->text[2] ? 2u : 1u); c++)
          {
            h = MAX (h, tx_report_text_height (cr, row->text[2 * c], LABEL_W - 2 * PAD, SIZE, FALSE));
            h = MAX (h, tx_report_text_height (cr, row->text[2 * c + 1], cell - LABEL_W - 2 * PAD, SIZE, FALSE));
          }
        return h + 2 * PAD;
      }
    }
}

static gboolean
paginate (Forms        *forms,
          cairo_t      *cr,
          GCancellable *cancellable)
{
  double top = MARGIN, bottom = PAGE_H - MARGIN - FOOT_H, y = top;
  guint page = 0;
  int section = -1;
  double heading_h = 0;

  for (guint i = 0; i < forms->rows->len; i++)
    {
      Row *row = forms->rows->pdata[i];

      if (i % 256 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          forms->n_pages = 0;
          return FALSE;
        }
      row->height = measure_row (cr, row);
      if (row->kind == ROW_SECTION)
        {
          section = row->section;
          heading_h = row->height;
        }
      if (row->kind == ROW_TITLE || page == 0)
        {
          page++;
          y = top;
        }
      /* a heading keeps its first row with it */
      else if (y + row->height > bottom ||
               (row->kind == ROW_SECTION && i + 1 < forms->rows->len &&
                y + row->height + measure_row (cr, forms->rows->pdata[i + 1]) > bottom))
        {
          page++;
          y = top;
          /* a section running on repeats its heading */
          if (row->kind == ROW_FIELDS && section == row->section)
            {
              row->continued = TRUE;
              y += heading_h;
            }
        }
      row->page = page;
      y += row->height;
    }
  forms->n_pages = page;
  return TRUE;
}

static void
cell (cairo_t    *cr,
      double      x,
      double      y,
      double      w,
      double      h,
      const char *text,
      gboolean    label)
{
  if (label)
    {
      cairo_set_source_rgb (cr, 0.95, 0.96, 0.97);
      cairo_rectangle (cr, x, y, w, h);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, x, y, w, h);
  cairo_stroke (cr);
  tx_report_show (cr, x + PAD, y + PAD, text, w - 2 * PAD, SIZE, FALSE, PANGO_ALIGN_LEFT);
}

static void
draw_section_heading (cairo_t    *cr,
                      double      y,
                      double      h,
                      const char *text,
                      gboolean    continued)
{
  g_autofree char *heading = continued ? g_strdup_printf (_("%s (continued)"), text) : g_strdup (text);

  cairo_set_source_rgb (cr, 0.87, 0.90, 0.94);
  cairo_rectangle (cr, MARGIN, y, CONTENT_W, h);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN, y, CONTENT_W, h);
  cairo_stroke (cr);
  tx_report_show (cr, MARGIN + PAD, y + PAD + 1, heading, CONTENT_W - 2 * PAD, 9, TRUE, PANGO_ALIGN_LEFT);
}

/* Draws page @page (from 1) on @cr, whose user space is the page in points */
static void
draw_page (Forms   *forms,
           cairo_t *cr,
           guint    page)
{
  const TxForm *form = tx_form_get ();
  double y = MARGIN, heading_h = 0;
  const char *heading = NULL;
  gboolean first = TRUE;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    g_autofree char *footer = g_strdup_printf (_("Page %u of %u"), page, forms->n_pages);
    tx_report_show (cr, MARGIN, PAGE_H - MARGIN - 10, forms->mark, CONTENT_W * 0.7, 7, FALSE, PANGO_ALIGN_LEFT);
    tx_report_show (cr, MARGIN + CONTENT_W * 0.7, PAGE_H - MARGIN - 10, footer, CONTENT_W * 0.3, 8, FALSE,
          PANGO_ALIGN_RIGHT);
  }
  for (guint i = 0; i < forms->rows->len; i++)
    {
      Row *row = forms->rows->pdata[i];

      if (row->kind == ROW_SECTION)
        {
          heading = tx_section_label (&form->sections[row->section]);
          heading_h = row->height;
        }
      if (row->page != page)
        continue;
      if (first && row->continued && heading)
        {
          draw_section_heading (cr, y, heading_h, heading, TRUE);
          y += heading_h;
        }
      first = FALSE;
      switch (row->kind)
        {
        case ROW_TITLE:
          {
            double h0 = tx_report_text_height (cr, row->text[0], CONTENT_W, 15, TRUE);
            double h1 = tx_report_text_height (cr, row->text[1], CONTENT_W, 9, FALSE);
            double h2 = tx_report_text_height (cr, row->text[2], CONTENT_W, 9, FALSE);

            tx_report_show (cr, MARGIN, y, row->text[0], CONTENT_W, 15, TRUE, PANGO_ALIGN_CENTER);
            tx_report_show (cr, MARGIN, y + h0 + 8, row->text[1], CONTENT_W, 9, FALSE, PANGO_ALIGN_LEFT);
            tx_report_show (cr, MARGIN, y + h0 + 8 + h1 + 2, row->text[2], CONTENT_W, 9, FALSE, PANGO_ALIGN_LEFT);
            if (row->text[3])
              tx_report_show (cr, MARGIN, y + h0 + 8 + h1 + 2 + h2 + 2, row->text[3], CONTENT_W, 9, TRUE,
                              PANGO_ALIGN_LEFT);
          }
          break;
        case ROW_SECTION:
          draw_section_heading (cr, y, row->height, heading, FALSE);
          break;
        case ROW_SIGNATURES:
          tx_report_show (cr, MARGIN, y + 14, row->text[0], CONTENT_W, 9, FALSE, PANGO_ALIGN_LEFT);
          break;
        case ROW_FIELDS:
        default:
          {
            double w = row->text[2] ? CONTENT_W / 2 : CONTENT_W;

            cell (cr, MARGIN, y, LABEL_W, row->height, row->text[0], TRUE);
            cell (cr, MARGIN + LABEL_W, y, w - LABEL_W, row->height, row->text[1], FALSE);
            if (row->text[2])
              {
                cell (cr, MARGIN + w, y, LABEL_W, row->height, row->text[2], TRUE);
                cell (cr, MARGIN + w + LABEL_W, y, w - LABEL_W, row->height, row->text[3], FALSE);
              }
          }
          break;
        }
      y += row->height;
    }
  cairo_restore (cr);
}

static gboolean
collect (TxRecord *record,
         gpointer  user_data)
{
  add_child (user_data, record);
  return TRUE;
}

void
tx_forms_doc_free (TxFormsDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->rows);
  g_free (doc->mark);
  g_free (doc);
}

/**
 * tx_forms_doc_new:
 * @child_id: (nullable): one child; else @query chooses them
 * @query: (nullable): which children, when no @child_id; %NULL with no
 *   @child_id is the blank form
 *
 * Reads the children and makes the rows of their forms;
 * tx_forms_doc_paginate() then puts them on pages.
 *
 * Returns: (transfer full) (nullable): the forms
 */
TxFormsDoc *
tx_forms_doc_new (TxStore             *store,
                  const char          *child_id,
                  const TxChildQuery  *query,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  TxFormsDoc *doc;
  gboolean ok = TRUE;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return NULL;
  doc = g_new0 (TxFormsDoc, 1);
  doc->store = store;
  doc->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  doc->mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  doc->blank = child_id == NULL && query == NULL;
  if (child_id)
    {
      g_autoptr(TxRecord) r = tx_store_child_get (store, child_id, error);
      if (r == NULL)
        ok = FALSE;
      else
        add_child (doc, r);
    }
  else if (query)
    ok = tx_store_child_foreach (store, query, collect, doc, cancellable, error);
  else
    add_child (doc, NULL);
  doc->store = NULL;
  if (ok && doc->n_children == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("No child matches; nothing to print. Choose another village, or print the blank form."));
      ok = FALSE;
    }
  if (!ok)
    {
      tx_forms_doc_free (doc);
      return NULL;
    }
  return doc;
}

/**
 * tx_forms_doc_paginate:
 * @cr: a context of the surface the forms are drawn on, for measuring
 * @cancellable: (nullable): stops the measuring
 *
 * Returns: the number of A4 portrait pages; 0 when cancelled
 */
guint
tx_forms_doc_paginate (TxFormsDoc   *doc,
                       cairo_t      *cr,
                       GCancellable *cancellable)
{
  paginate (doc, cr, cancellable);
  return doc->n_pages;
}

/**
 * tx_forms_doc_draw_page:
 * @page: the page, from 1
 *
 * Draws one page: the same for the PDF, the preview and the printer.
 */
void
tx_forms_doc_draw_page (TxFormsDoc *doc,
                        cairo_t    *cr,
                        guint       page)
{
  draw_page (doc, cr, page);
}

guint
tx_forms_doc_get_n_children (TxFormsDoc *doc)
{
  return doc->blank ? 0 : doc->n_children;
}

guint
tx_forms_doc_get_n_pages (TxFormsDoc *doc)
{
  return doc->n_pages;
}

/**
 * tx_forms_doc_write_pdf:
 * @path: the PDF to write; replaced only once it is complete
 *
 * Writes the forms as a PDF and records the export.
 */
gboolean
tx_forms_doc_write_pdf (TxFormsDoc    *doc,
                        TxStore       *store,
                        const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint n = tx_forms_doc_get_n_children (doc);

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  return tx_report_write_pdf (store, path, PAGE_W, PAGE_H, _("Registration form of a migrant child"),
                              (TxReportPaginate) tx_forms_doc_paginate, (TxReportDrawPage) tx_forms_doc_draw_page,
                              doc, doc->blank ? "blank_form" : "forms", &n, cancellable, error);
}

/**
 * tx_report_forms_pdf:
 * @child_id: (nullable): one child; else @query chooses them
 * @query: (nullable): which children, when no @child_id; %NULL with no
 *   @child_id prints the blank form
 * @path: the PDF to write; replaced only once it is complete
 * @n_children: (out) (optional): how many forms it holds
 *
 * Prints registration forms for the paper archive, each child from a new
 * page, marked internal and confidential.
 */
gboolean
tx_report_forms_pdf (TxStore             *store,
                     const char          *child_id,
                     const TxChildQuery  *query,
                     const char          *path,
                     guint               *n_children,
                     GCancellable        *cancellable,
                     GError             **error)
{
  g_autoptr(TxFormsDoc) doc = tx_forms_doc_new (store, child_id, query, cancellable, error);

  if (doc == NULL || !tx_forms_doc_write_pdf (doc, store, path, cancellable, error))
    return FALSE;
  if (n_children)
    *n_children = doc->n_children;
  return TRUE;
}
