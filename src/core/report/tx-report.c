/* tx-report.c — the ledger (台账) as an xlsx workbook
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per child with every field of the registration form, under a
 * two-row header that mirrors the form (the section, then the field), both
 * taken from the form declaration. The ledger of children who left the
 * register adds the day, the reason, who recorded it and the note. Identity numbers and phone numbers are
 * text, dates are dates, the header is frozen and filtered. The workbook is
 * written row by row in libxlsxwriter's constant-memory mode, so a county's
 * 200,000 children need no more memory than a township's.
 *
 * The file appears only when it is complete: it is written under a
 * temporary name (mode 0600, it holds personal data) and renamed at the
 * end; a failure or a cancel removes it and leaves any older file alone.
 */

#define G_LOG_DOMAIN "tx-report"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <cairo-pdf.h>
#include <xlsxwriter.h>

#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-register.h"
#include "tx-report-private.h"
#include "tx-store-exports.h"
#include "tx-store-register.h"

/* The columns after the form's: what the workstation knows of each child */
typedef enum {
  EXTRA_LAST_VISIT,
  EXTRA_NEXT_VISIT,
  EXTRA_INFO_UPDATE,
  N_EXTRA
} Extra;

/* The columns of the ledger of children who left, after those */
typedef enum {
  LEFT_DATE,
  LEFT_REASON,
  LEFT_BY,
  LEFT_NOTE,
  N_LEFT
} Left;

/* Columns of the ledger that are not the form's fields */
enum {
  COLUMN_NUMBER = -1,   /* 序号 */
  COLUMN_STATUS = -2,   /* complete, draft, not yet eligible, past the age limit */
  COLUMN_AGE    = -3,   /* on the day the ledger is made, after the birth date */
};

typedef struct {
  lxw_workbook   *book;
  lxw_worksheet  *sheet;
  lxw_format     *date;
  lxw_format     *text;
  GArray         *fields;    /* int: the form's fields shown, in order, and the COLUMN_ ones */
  TxLedgerKind    kind;
  TxStore        *store;
  gboolean        left;      /* children who left the register: the N_LEFT columns too */
  GDate           today;
  int             birth_date;  /* the field */
  lxw_row_t       row;
  guint           n;
  lxw_error       failed;
} Ledger;

static gboolean
shown (const TxField *f,
       TxLedgerKind   kind)
{
  const TxForm *form = tx_form_get ();
  const char *section = form->sections[f->section].key;

  /* the signatures belong on paper, not in a ledger */
  if (g_str_equal (section, "footer"))
    return FALSE;
  if (kind == TX_LEDGER_ALL)
    return TRUE;
  /* the key-care ledger: who the child is and why it needs care */
  return g_str_equal (section, "basic") || g_str_equal (section, "guardianship") ||
         g_str_equal (section, "key_care") || g_str_equal (f->key, "registration_date");
}

static const char *
extra_label (Extra e)
{
  switch (e)
    {
    case EXTRA_LAST_VISIT:
      return _("Last home visit");
    case EXTRA_NEXT_VISIT:
      return _("Next home visit due");
    case EXTRA_INFO_UPDATE:
      return _("Information update due");
    case N_EXTRA:
    default:
      return "";
    }
}

static const char *
left_label (Left e)
{
  static const char *const labels[N_LEFT] = {
    [LEFT_DATE] = N_("Left the register on"), [LEFT_REASON] = N_("Reason"),
    [LEFT_BY] = N_("Recorded by"), [LEFT_NOTE] = N_("Note"),
  };

  return _(labels[e]);
}

static double
width_of (const TxField *f)
{
  switch (f->type)
    {
    case TX_FIELD_DATE:
      return 11;
    case TX_FIELD_ID18:
      return 21;
    case TX_FIELD_PHONE:
      return 14;
    case TX_FIELD_DIVISION:
      return 24;
    case TX_FIELD_MULTI:
      return 22;
    case TX_FIELD_TEXT:
    case TX_FIELD_CHOICE:
    default:
      return CLAMP (g_utf8_strlen (tx_field_label (f), -1) * 2.2 + 2, 8, 24);
    }
}

static void
write_date (Ledger     *l,
            lxw_col_t   col,
            const char *iso)
{
  GDate d;

  if (iso && tx_date_parse (iso, &d))
    {
      lxw_datetime dt = { g_date_get_year (&d), g_date_get_month (&d), g_date_get_day (&d), 0, 0, 0 };
      l->failed = l->failed ? l->failed : worksheet_write_datetime (l->sheet, l->row, col, &dt, l->date);
    }
}

static void
write_text (Ledger     *l,
            lxw_col_t   col,
            const char *text)
{
  if (text && *text)
    l->failed = l->failed ? l->failed : worksheet_write_string (l->sheet, l->row, col, text, l->text);
}

/* The record's status as the roster words it, worked out on the day */
static const char *
ledger_status (const TxRecord *r)
{
  return tx_status_label (tx_status_of (r->draft, r->complete, r->eligible, r->ages_out));
}

/* When and why a child left, who recorded it and the note; a copy
 * transferred away says where to */
static void
write_left (Ledger         *l,
            lxw_col_t       col,
            const TxRecord *r)
{
  g_autoptr(TxRegisterEntry) e = tx_register_entry_parse (r->register_value);
  g_autoptr(TxTransfer) t = NULL;
  g_autofree char *note = NULL;
  const char *by = NULL;

  if (g_strcmp0 (r->register_state, TX_REGISTER_TRANSFERRED) == 0 &&
      (t = tx_store_transfer_of_child (l->store, r->id)))
    {
      const char *to = tx_division_name (t->to_township);

      /* Translators: the note of a transfer in the ledger of children who left */
      note = t->offer_note && *t->offer_note ? g_strdup_printf (_("To %s: %s"), to ? to : t->to_township, t->offer_note)
                                             : g_strdup_printf (_("To %s"), to ? to : t->to_township);
      by = t->offered_by;
    }
  else if (e)
    {
      note = g_strdup (e->note);
      by = g_strcmp0 (e->by, TX_REGISTER_BY_RULE) == 0 ? _("by the rule, not by a person") : e->by;
    }
  write_date (l, col + LEFT_DATE, r->exit_date);
  write_text (l, col + LEFT_REASON, r->exit_reason ? tx_exit_reason_label (r->exit_reason) : NULL);
  write_text (l, col + LEFT_BY, by);
  write_text (l, col + LEFT_NOTE, note);
}

static gboolean
write_child (TxRecord *r,
             gpointer  user_data)
{
  Ledger *l = user_data;
  const TxForm *form = tx_form_get ();
  const char *born = r->values[l->birth_date];
  lxw_col_t col = 0;
  GDate birth;
  int age = born && tx_date_parse (born, &birth) ? tx_date_age_on (&birth, &l->today) : -1;

  for (guint i = 0; i < l->fields->len; i++, col++)
    {
      int k = g_array_index (l->fields, int, i);

      if (k == COLUMN_NUMBER)
        l->failed = l->failed ? l->failed : worksheet_write_number (l->sheet, l->row, col, l->n + 1, NULL);
      else if (k == COLUMN_STATUS)
        write_text (l, col, ledger_status (r));
      else if (k == COLUMN_AGE)
        {
          if (age >= 0)
            l->failed = l->failed ? l->failed : worksheet_write_number (l->sheet, l->row, col, age, NULL);
        }
      else if (form->fields[k].type == TX_FIELD_DATE)
        write_date (l, col, r->values[k]);
      else
        {
          g_autofree char *v = tx_record_display_value (r, k);
          write_text (l, col, v);
        }
    }
  write_date (l, col++, r->last_home_visit);
  write_date (l, col++, r->next_visit_due);
  write_date (l, col++, r->info_refresh_due);
  if (l->left)
    write_left (l, col, r);
  l->row++;
  l->n++;
  return l->failed == LXW_NO_ERROR;
}

/* A temporary file beside @path, 0600, for a report to be written into */
char *
tx_report_make_temp (const char  *path,
                     GError     **error)
{
  if (!tx_store_check_output (path, error))
    return NULL;
  for (int attempt = 0; attempt < 8; attempt++)
    {
      g_autofree char *tmp = g_strdup_printf ("%s.%08x.part", path, g_random_int ());
      int fd = g_open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return g_steal_pointer (&tmp);
        }
      if (errno != EEXIST)
        {
          int saved = errno;
          g_autofree char *dir = g_path_get_dirname (path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Cannot write into %s (%s). Choose a folder you can write to."),
                       dir, g_strerror (saved));
          return NULL;
        }
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS, _("Cannot make a temporary file beside %s."), path);
  return NULL;
}

/* Text on a printed page */

/* A layout of @text in the reports' face; wrapped at @width points, if any */
PangoLayout *
tx_report_layout (cairo_t    *cr,
                  const char *text,
                  double      width,
                  double      size,
                  gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (TX_REPORT_FONT);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* the metrics of the paper everywhere: a preview drawn into an image
   * would otherwise hint its glyphs wider, and wrap or clip text that
   * fits on the page */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (options);

  pango_font_description_set_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

double
tx_report_text_height (cairo_t    *cr,
                       const char *text,
                       double      width,
                       double      size,
                       gboolean    bold)
{
  g_autoptr(PangoLayout) layout = tx_report_layout (cr, text, width, size, bold);
  int h;

  pango_layout_get_size (layout, NULL, &h);
  return (double) h / PANGO_SCALE;
}

void
tx_report_show (cairo_t        *cr,
                double          x,
                double          y,
                const char     *text,
                double          width,
                double          size,
                gboolean        bold,
                PangoAlignment  align)
{
  g_autoptr(PangoLayout) layout = tx_report_layout (cr, text, width, size, bold);

  if (width > 0)
    pango_layout_set_alignment (layout, align);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Cairo's PDF stream into a FILE */
cairo_status_t
tx_report_write_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  return fwrite (data, 1, length, closure) == length ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/**
 * tx_report_write_pdf:
 * @width: the page's width in points
 * @height: the page's height in points
 * @paginate: lays @doc out on the PDF's own context
 * @draw_page: draws a page of @doc
 * @what: what the export log calls it
 * @children: how many children (or visits) it holds, read once laid out
 *
 * Writes a paged report into @path through a temporary 0600 file, and
 * logs the export.
 */
gboolean
tx_report_write_pdf (TxStore           *store,
                     const char        *path,
                     double             width,
                     double             height,
                     const char        *title,
                     TxReportPaginate   paginate,
                     TxReportDrawPage   draw_page,
                     gpointer           doc,
                     const char        *what,
                     const guint       *children,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  FILE *out;
  gboolean ok = TRUE;
  guint pages;

  if (!(tmp = tx_report_make_temp (path, error)))
    return FALSE;
  if (!(out = g_fopen (tmp, "wb")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s."), path);
      g_unlink (tmp);
      return FALSE;
    }
  surface = cairo_pdf_surface_create_for_stream (tx_report_write_cb, out, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tongxing " PACKAGE_VERSION);
  cr = cairo_create (surface);
  pages = paginate (doc, cr, cancellable);
  if (pages == 0)
    ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
  for (guint page = 1; ok && page <= pages; page++)
    {
      draw_page (doc, cr, page);
      cairo_show_page (cr);
      if (page % 32 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (ok && cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be written into %s (%s). Check that the disk has room "
                     "and the folder is writable."), dir, cairo_status_to_string (cairo_surface_status (surface)));
      ok = FALSE;
    }
  cairo_surface_destroy (surface);
  if (fclose (out) != 0 && ok)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write %s."), path);
      ok = FALSE;
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return tx_report_finish (store, ok, tmp, path, what, *children, error);
}

/* The reporting unit: the township, or the county of a county office */
char *
tx_report_unit (TxStore *store)
{
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  g_autofree char *county = tx_store_get_setting (store, TX_SETTING_COUNTY);
  char *unit = tx_division_path_name (township ? township : county, TX_DIVISION_COUNTY);

  return unit ? unit : g_strdup ("");
}

/* Who makes a report: the person at the workstation, or else its supervisor
 * (a store set up by `tongxing-cli init` names no person at first) */
char *
tx_report_maker (TxStore *store)
{
  char *who = tx_store_get_worker (store);

  if (who && *who == '\0')
    g_clear_pointer (&who, g_free);
  return who;
}

/**
 * tx_report_finish:
 * @ok: whether @tmp holds the complete report
 *
 * Logs the export and puts @tmp in @path's place, or removes @tmp.
 */
gboolean
tx_report_finish (TxStore     *store,
                  gboolean     ok,
                  const char  *tmp,
                  const char  *path,
                  const char  *what,
                  guint        children,
                  GError     **error)
{
  /* no export leaves without its line in the log, which names no child */
  if (ok)
    {
      g_autofree char *name = g_path_get_basename (path);
      ok = tx_store_log_export (store, what, name, children, error);
    }
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot save %s (%s)."),
                   path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}

/**
 * tx_report_ledger_xlsx:
 * @kind: the full ledger, or the key-care ledger
 * @query: which children, in which order (the roster's filters); with
 *   %TX_REGISTER_FILTER_LEFT, the ledger of children who left the register
 * @path: the workbook to write; replaced only once it is complete
 * @n_children: (out) (optional): how many children it lists
 *
 * Writes the ledger. It is marked internal and confidential, with the
 * workstation's unit and the person and time it was made.
 */
gboolean
tx_report_ledger_xlsx (TxStore             *store,
                       TxLedgerKind         kind,
                       const TxChildQuery  *query,
                       const char          *path,
                       guint               *n_children,
                       GCancellable        *cancellable,
                       GError             **error)
{
  const TxForm *form = tx_form_get ();
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  g_autofree char *tmp = NULL;
  g_autofree char *unit = tx_report_unit (store);
  g_autofree char *who = tx_report_maker (store);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL, *mark = NULL;
  TxChildQuery q = *query;
  Ledger l = { 0 };
  lxw_format *heading, *section_format, *label;
  g_autofree char *today_iso = NULL, *scope = NULL;
  lxw_col_t n_cols;
  gboolean ok;
  lxw_error rc;

  if (!tx_store_require (store, TX_PERMISSION_EXPORT, error))
    return FALSE;

  if (kind == TX_LEDGER_KEY_CARE)
    q.key_care_only = TRUE;
  l.left = q.register_filter == TX_REGISTER_FILTER_LEFT && !(q.registered_on && *q.registered_on);
  l.store = store;
  if (!(tmp = tx_report_make_temp (path, error)))
    return FALSE;

  l.book = workbook_new_opt (tmp, &options);
  if (l.book == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot start the workbook %s."), path);
      g_unlink (tmp);
      return FALSE;
    }
  l.kind = kind;
  l.sheet = workbook_add_worksheet (l.book, l.left ? _("Left the register")
                                            : kind == TX_LEDGER_KEY_CARE ? _("Key-care ledger") : _("Ledger"));
  l.date = workbook_add_format (l.book);
  format_set_num_format (l.date, "yyyy-mm-dd");
  format_set_align (l.date, LXW_ALIGN_LEFT);
  l.text = workbook_add_format (l.book);
  format_set_num_format (l.text, "@");
  heading = workbook_add_format (l.book);
  format_set_bold (heading);
  format_set_font_size (heading, 14);
  section_format = workbook_add_format (l.book);
  format_set_bold (section_format);
  format_set_align (section_format, LXW_ALIGN_CENTER);
  format_set_border (section_format, LXW_BORDER_THIN);
  format_set_bg_color (section_format, 0xDDE6F0);
  label = workbook_add_format (l.book);
  format_set_bold (label);
  format_set_text_wrap (label);
  format_set_align (label, LXW_ALIGN_CENTER);
  format_set_align (label, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border (label, LXW_BORDER_THIN);
  format_set_bg_color (label, 0xF2F5F9);

  tx_date_today (&l.today);
  l.birth_date = tx_form_lookup ("birth_date")->index;
  today_iso = tx_date_format (&l.today);
  l.fields = g_array_new (FALSE, FALSE, sizeof (int));
  {
    const int number = COLUMN_NUMBER, status = COLUMN_STATUS, age = COLUMN_AGE;

    g_array_append_val (l.fields, number);
    g_array_append_val (l.fields, status);
    for (guint i = 0; i < form->n_fields; i++)
      if (shown (&form->fields[i], kind))
        {
          g_array_append_val (l.fields, form->fields[i].index);
          if (g_str_equal (form->fields[i].key, "birth_date"))
            g_array_append_val (l.fields, age);
        }
  }
  n_cols = l.fields->len + N_EXTRA + (l.left ? N_LEFT : 0);

  /* the title, then who made it: internal, confidential; and which children */
  title = g_strdup_printf ("%s · %s", l.left ? _("Ledger of children who left the register")
                                      : kind == TX_LEDGER_KEY_CARE ? _("Ledger of key-care children")
                                      : _("Ledger of migrant children"),
                           unit ? unit : "");
  mark = g_strdup_printf (_("For internal use — confidential · made by %s at %s"), who ? who : "—", when);
  scope = q.registered_on && *q.registered_on
    /* Translators: which children a ledger lists, after who made it */
    ? g_strdup_printf (_("%s · children on the register on %s: complete records, eligible, within the "
                         "age limits; ages on that day"), mark, q.registered_on)
    : l.left
    /* Translators: which children the ledger of children who left lists, after who made it */
    ? g_strdup_printf (_("%s · children who left the register, with the day, the reason, who recorded it "
                         "and the note; their records as they were; ages on %s"), mark, today_iso)
    : g_strdup_printf (_("%s · every record the filters find, with its status; ages on %s"), mark, today_iso);
  worksheet_write_string (l.sheet, 0, 0, title, heading);
  worksheet_write_string (l.sheet, 1, 0, scope, NULL);

  /* the section over its fields, then the fields (row by row: the sheet
   * is written in constant memory, a row done is gone) */
  for (guint i = 0; i < l.fields->len; )
    {
      int k = g_array_index (l.fields, int, i);
      int section = k == COLUMN_AGE ? tx_form_lookup ("birth_date")->section : k >= 0 ? form->fields[k].section : -1;
      guint j = i;

      if (section < 0)
        {
          worksheet_write_blank (l.sheet, 2, i++, section_format);
          continue;
        }
      while (j + 1 < l.fields->len)
        {
          int next = g_array_index (l.fields, int, j + 1);

          if (next == COLUMN_AGE || (next >= 0 && form->fields[next].section == section))
            j++;
          else
            break;
        }
      if (j > i)
        worksheet_merge_range (l.sheet, 2, i, 2, j, tx_section_label (&form->sections[section]), section_format);
      else
        worksheet_write_string (l.sheet, 2, i, tx_section_label (&form->sections[section]), section_format);
      i = j + 1;
    }
  worksheet_merge_range (l.sheet, 2, l.fields->len, 2, l.fields->len + N_EXTRA - 1, _("Visits and updates"),
                         section_format);
  if (l.left)
    worksheet_merge_range (l.sheet, 2, l.fields->len + N_EXTRA, 2, n_cols - 1, _("Left the register"),
                           section_format);
  for (guint c = 0; c < l.fields->len; c++)
    {
      int k = g_array_index (l.fields, int, c);
      /* Translators: the heading of the ledger's row numbers, 序号 */
      const char *text = k == COLUMN_NUMBER ? _("No.") : k == COLUMN_STATUS ? _("Status") : k == COLUMN_AGE ? _("Age")
                                                                                             : tx_field_label (&form->fields[k]);
      double width = k == COLUMN_NUMBER || k == COLUMN_AGE ? 6 : k == COLUMN_STATUS ? 12 : width_of (&form->fields[k]);

      worksheet_write_string (l.sheet, 3, c, text, label);
      worksheet_set_column (l.sheet, c, c, width, NULL);
    }
  for (guint e = 0; e < N_EXTRA; e++)
    {
      worksheet_write_string (l.sheet, 3, l.fields->len + e, extra_label (e), label);
      worksheet_set_column (l.sheet, l.fields->len + e, l.fields->len + e, 12, NULL);
    }
  for (guint e = 0; l.left && e < N_LEFT; e++)
    {
      lxw_col_t c = l.fields->len + N_EXTRA + e;

      worksheet_write_string (l.sheet, 3, c, left_label (e), label);
      worksheet_set_column (l.sheet, c, c, e == LEFT_NOTE ? 30 : e == LEFT_REASON ? 18 : 12, NULL);
    }
  worksheet_set_row (l.sheet, 3, 45, NULL);
  worksheet_freeze_panes (l.sheet, 4, 2);
  worksheet_set_landscape (l.sheet);
  worksheet_set_paper (l.sheet, 9);  /* A4 */
  {
    g_autofree char *header = g_strdup_printf ("&C%s", _("For internal use — confidential"));
    worksheet_set_header (l.sheet, header);
  }

  l.row = 4;
  ok = tx_store_child_foreach (store, &q, write_child, &l, cancellable, error);
  if (ok && l.failed)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Writing the workbook failed: %s."),
                   lxw_strerror (l.failed));
      ok = FALSE;
    }
  if (l.row > 4)
    worksheet_autofilter (l.sheet, 3, 0, l.row - 1, n_cols - 1);
  else
    worksheet_autofilter (l.sheet, 3, 0, 3, n_cols - 1);
  {
    lxw_doc_properties props = { .title = title, .author = who, .comments = scope };
    workbook_set_properties (l.book, &props);
  }

  rc = workbook_close (l.book);
  g_array_unref (l.fields);
  if (ok && rc != LXW_NO_ERROR)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The workbook could not be written into %s (%s). Check that the disk has room "
                     "and the folder is writable."), dir, lxw_strerror (rc));
      ok = FALSE;
    }
  if (!tx_report_finish (store, ok, tmp, path,
                         l.left ? "left_ledger" : kind == TX_LEDGER_KEY_CARE ? "key_care_ledger" : "ledger",
                         l.n, error))
    return FALSE;
  if (n_children)
    *n_children = l.n;
  return TRUE;
}

/* Roster: the children it lists, exported on the store service's thread */

typedef struct {
  TxChildQuery *query;
  gboolean      forms;
  char         *path;
} ListedExport;

static void
listed_export_free (ListedExport *e)
{
  tx_child_query_free (e->query);
  g_free (e->path);
  g_free (e);
}

static gpointer
listed_export_job (TxStore       *store,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  ListedExport *e = data;
  guint n = 0;
  gboolean ok = e->forms ? tx_report_forms_pdf (store, NULL, e->query, e->path, &n, cancellable, error)
                         : tx_report_ledger_xlsx (store, TX_LEDGER_ALL, e->query, e->path, &n, cancellable, error);

  return ok ? g_memdup2 (&n, sizeof n) : NULL;
}

/**
 * tx_report_listed_export_async:
 * @service: the store service, on whose thread the export runs
 * @forms: the registration forms as a PDF, or else the ledger as a workbook
 * @query: the children, as the roster's search and filters find them, in
 *   its order; copied
 * @path: where it goes
 *
 * Exports the children a roster lists.
 */
void
tx_report_listed_export_async (TxStoreService      *service,
                               gboolean             forms,
                               const TxChildQuery  *query,
                               const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ListedExport *e = g_new0 (ListedExport, 1);

  e->query = tx_child_query_copy (query);
  e->forms = forms;
  e->path = g_strdup (path);
  tx_store_service_run_async (service, listed_export_job, e, (GDestroyNotify) listed_export_free, g_free,
                              cancellable, callback, user_data);
}

/**
 * tx_report_listed_export_finish:
 * @n_children: (out) (optional): the children exported
 *
 * Returns: whether the export was written
 */
gboolean
tx_report_listed_export_finish (TxStoreService  *service,
                                GAsyncResult    *result,
                                guint           *n_children,
                                GError         **error)
{
  g_autofree guint *n = tx_store_service_run_finish (service, result, error);

  if (n == NULL)
    return FALSE;
  if (n_children)
    *n_children = *n;
  return TRUE;
}
