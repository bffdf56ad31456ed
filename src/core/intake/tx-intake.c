/* tx-intake.c — a ledger or a department's list, opened for its rows
 *
 * Opens the workbook, finds the sheet with a header (or takes the one
 * asked for), maps its columns to the form's fields, and reads the rows
 * under the header as records, leaving out blank rows and a 合计 row. The
 * sheet is read again from the top for each pass, so memory stays flat
 * in the file's size.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-intake"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <glib/gstdio.h>

#include "tx-form.h"
#include "tx-intake.h"

/* the rows read to find the header */
#define TOP_ROWS 30

struct _TxIntakeSource {
  char        *path;
  char        *file_name;
  TxWorkbook  *book;
  guint        sheet;
  TxColumnMap *map;
  gint64       mtime;   /* the file as it was opened: changed since, it is opened again */
  goffset      size;
};

static void
file_stamp (const char *path,
            gint64     *mtime,
            goffset    *size)
{
  GStatBuf st;

  *mtime = 0;
  *size = -1;
  if (g_stat (path, &st) == 0)
    {
      *mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      *size = st.st_size;
    }
}

static TxColumnMap *
detect (TxWorkbook  *book,
        guint        sheet,
        GError     **error)
{
  g_autoptr(TxSheetReader) reader = tx_sheet_reader_new (book, sheet, error);
  g_autoptr(GPtrArray) top = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_sheet_row_free);
  const TxSheetRow *row;
  GError *local = NULL;

  if (reader == NULL)
    return NULL;
  while (top->len < TOP_ROWS && (row = tx_sheet_reader_next (reader, &local)))
    g_ptr_array_add (top, tx_sheet_row_copy (row));
  if (local)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  return tx_column_map_detect (top, error);
}

/* Whether the sheet asked for (from 0) is in the workbook; if not, says
 * so as a person counts sheets */
static gboolean
has_sheet (TxWorkbook  *book,
           const char  *file_name,
           guint        sheet,
           GError     **error)
{
  if (sheet < tx_workbook_n_sheets (book))
    return TRUE;
  g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_NO_SHEET,
               _("%s has %u sheets; there is no sheet %d. Sheets are counted from 1."),
               file_name, tx_workbook_n_sheets (book), (int) sheet + 1);
  return FALSE;
}

/**
 * tx_intake_source_open:
 * @sheet: the sheet's index, or -1 for the first sheet with a header
 *
 * Returns: (transfer full) (nullable): the source, its columns mapped
 */
TxIntakeSource *
tx_intake_source_open (const char  *path,
                       int          sheet,
                       GError     **error)
{
  g_autoptr(TxIntakeSource) self = g_new0 (TxIntakeSource, 1);
  g_autoptr(GError) first = NULL;

  self->path = g_strdup (path);
  self->file_name = g_path_get_basename (path);
  file_stamp (path, &self->mtime, &self->size);
  if (!(self->book = tx_workbook_open (path, error)))
    return NULL;
  if (sheet >= 0)
    {
      if (!has_sheet (self->book, self->file_name, sheet, error))
        return NULL;
      self->sheet = sheet;
      if (!(self->map = detect (self->book, sheet, error)))
        return NULL;
      return g_steal_pointer (&self);
    }
  for (guint s = 0; s < tx_workbook_n_sheets (self->book); s++)
    {
      g_autoptr(GError) local = NULL;

      if ((self->map = detect (self->book, s, &local)))
        {
          self->sheet = s;
          return g_steal_pointer (&self);
        }
      if (first == NULL)
        first = g_steal_pointer (&local);
    }
  if (first)
    g_propagate_error (error, g_steal_pointer (&first));
  else
    g_set_error (error, TX_SHEET_ERROR, TX_SHEET_ERROR_NO_SHEET, _("%s has no sheet."), self->file_name);
  return NULL;
}

void
tx_intake_source_free (TxIntakeSource *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->file_name);
  g_clear_pointer (&self->book, tx_workbook_free);
  g_clear_pointer (&self->map, tx_column_map_free);
  g_free (self);
}

const char *
tx_intake_source_path (TxIntakeSource *self)
{
  return self->path;
}

const char *
tx_intake_source_file_name (TxIntakeSource *self)
{
  return self->file_name;
}

const char *
tx_intake_source_sheet_name (TxIntakeSource *self)
{
  return tx_workbook_sheet_name (self->book, self->sheet);
}

guint
tx_intake_source_sheet (TxIntakeSource *self)
{
  return self->sheet;
}

TxWorkbook *
tx_intake_source_workbook (TxIntakeSource *self)
{
  return self->book;
}

/* The columns as found, or as the person set them: change them with
 * tx_column_map_set() */
TxColumnMap *
tx_intake_source_get_map (TxIntakeSource *self)
{
  return self->map;
}

void
tx_intake_source_set_map (TxIntakeSource    *self,
                          const TxColumnMap *map)
{
  TxColumnMap *copy = tx_column_map_copy (map);

  tx_column_map_free (self->map);
  self->map = copy;
}

/**
 * tx_intake_source_map_args:
 * @args: (nullable): "HEADER=KEY" each, as --map gives them; "HEADER="
 *   leaves a column out
 */
gboolean
tx_intake_source_map_args (TxIntakeSource     *self,
                           const char *const  *args,
                           GError            **error)
{
  for (guint i = 0; args && args[i]; i++)
    {
      const char *eq = strrchr (args[i], '=');
      g_autofree char *column = NULL;

      if (eq == NULL || eq == args[i])
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("--map takes HEADER=KEY, as 出生年月=birth_date; “%s” is not that."), args[i]);
          return FALSE;
        }
      column = g_strndup (args[i], eq - args[i]);
      if (!tx_column_map_set (self->map, column, eq + 1, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
has_mapped_value (const TxColumnMap *map,
                  const TxSheetRow  *row)
{
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);

      if (c->field >= 0 && *tx_sheet_row_text (row, c->column))
        return TRUE;
    }
  return FALSE;
}

/* The person went back, changed the spreadsheet and checked it again
 * (seen in the new-user walk: the zip's old directory read the new file
 * as damaged). The file is opened again, its header found again, and the
 * columns the person had set keep their fields where their headers are
 * still there. */
gboolean
tx_intake_source_refresh (TxIntakeSource  *self,
                          GError         **error)
{
  g_autoptr(TxWorkbook) book = NULL;
  g_autoptr(TxColumnMap) map = NULL;
  gint64 mtime;
  goffset size;

  file_stamp (self->path, &mtime, &size);
  if (mtime == self->mtime && size == self->size)
    return TRUE;
  if (!(book = tx_workbook_open (self->path, error)))
    return FALSE;
  if (!has_sheet (book, self->file_name, self->sheet, error))
    return FALSE;
  if (!(map = detect (book, self->sheet, error)))
    return FALSE;
  for (guint i = 0; i < self->map->columns->len; i++)
    {
      const TxColumn *old = g_ptr_array_index (self->map->columns, i);
      const char *key = old->field >= 0 ? tx_form_get ()->fields[old->field].key : "";

      if (old->by_user && *old->header)
        tx_column_map_set (map, old->header, key, NULL);
    }
  tx_workbook_free (self->book);
  self->book = g_steal_pointer (&book);
  tx_column_map_free (self->map);
  self->map = g_steal_pointer (&map);
  self->mtime = mtime;
  self->size = size;
  return TRUE;
}

/**
 * tx_intake_source_foreach:
 * @progress: (nullable): called now and then with the bytes read of the
 *   sheet out of 1,000,000
 *
 * Reads the rows under the header in order. Blank rows, rows with nothing
 * in a mapped column, and a total row (合计) are left out.
 */
gboolean
tx_intake_source_foreach (TxIntakeSource         *self,
                          const TxColumnsContext *ctx,
                          TxIntakeRowFunc         func,
                          gpointer                user_data,
                          GFileProgressCallback   progress,
                          gpointer                progress_data,
                          GCancellable           *cancellable,
                          GError                **error)
{
  g_autoptr(TxSheetReader) reader = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_row_problem_free);
  const TxSheetRow *row;
  GError *local = NULL;
  guint n = 0;

  if (!tx_intake_source_refresh (self, error) || !(reader = tx_sheet_reader_new (self->book, self->sheet, error)))
    return FALSE;
  while ((row = tx_sheet_reader_next (reader, &local)))
    {
      g_autoptr(TxRecord) record = NULL;

      if ((++n & 255) == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress)
            progress (tx_sheet_reader_fraction (reader) * 1000000, 1000000, progress_data);
        }
      if (row->number <= self->map->header_last || tx_columns_is_total_row (row) ||
          !has_mapped_value (self->map, row))
        continue;
      g_ptr_array_set_size (problems, 0);
      record = tx_columns_read_row (self->map, row, ctx, problems);
      if (!func (row, record, problems, user_data))
        return TRUE;
    }
  if (local)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  if (progress)
    progress (1000000, 1000000, progress_data);
  return TRUE;
}
