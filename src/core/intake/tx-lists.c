/* tx-lists.c — a department's list imported: its rows kept as entries
 *
 * A list from public security, education, health or disease control is
 * read like a ledger (tx-intake.c finds its header and maps its columns to
 * the form's fields; a list need not have every field), and each row under
 * the header becomes an entry of the list, with the values its columns
 * give. An entry needs a name or an identity number to be matched; a row
 * without either, or with a cell that cannot be read (a date that is not
 * one, an identity number Excel turned into a number), is refused with
 * its row, column and reason, like a ledger's. An identity number whose
 * check digit is wrong is kept as the list has it: the comparison says so.
 *
 * The list and all its entries are written in one transaction: a failed
 * import leaves the store as it was.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-lists"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-date.h"
#include "tx-form.h"
#include "tx-lists.h"
#include "tx-store-accounts.h"

void
tx_list_import_free (TxListImport *result)
{
  if (result == NULL)
    return;
  g_free (result->name);
  g_clear_pointer (&result->refused, g_ptr_array_unref);
  g_free (result);
}

typedef struct {
  TxStore       *store;
  TxListImport  *result;
  const TxColumnMap *map;
  GError        *error;
} Importing;

/* The header of the column that fills @field, or NULL */
static const char *
column_of (const TxColumnMap *map,
           int                field)
{
  int c = tx_column_map_find_field (map, field);

  return c >= 0 ? ((TxColumn *) g_ptr_array_index (map->columns, c))->header : NULL;
}

static char *
values_json (const TxRecord *record)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  for (guint i = 0; i < form->n_fields; i++)
    if (record->values[i] && *record->values[i])
      json_object_set_string_member (o, form->fields[i].key, record->values[i]);
  json_node_set_object (node, o);
  return json_to_string (node, FALSE);
}

static gboolean
import_row (const TxSheetRow *row,
            TxRecord         *record,
            GPtrArray        *problems,
            gpointer          user_data)
{
  Importing *im = user_data;
  const char *name = record->values[TX_F ("name")];
  const char *id_number = record->values[TX_F ("id_number")];
  g_autofree char *values = NULL;
  TxListEntry e = { 0 };

  im->result->rows++;
  /* a value that cannot be read is not guessed: the row waits for the file to be corrected */
  if (problems->len)
    {
      for (guint i = 0; i < problems->len; i++)
        {
          const TxRowProblem *q = g_ptr_array_index (problems, i);

          g_ptr_array_add (im->result->refused, tx_row_problem_new (q->row, q->column, q->key, q->message));
        }
      return TRUE;
    }
  if ((name == NULL || *name == 0) && (id_number == NULL || *id_number == 0))
    {
      g_ptr_array_add (im->result->refused,
                       tx_row_problem_new (row->number, column_of (im->map, TX_F ("name")), "name",
                                           _("An entry of a list needs the child's name or identity number, "
                                             "to be compared with the register; type one of them in the sheet.")));
      return TRUE;
    }
  values = values_json (record);
  e.list = im->result->list;
  e.row = row->number;
  e.name = (char *) name;
  e.birth_date = record->values[TX_F ("birth_date")];
  e.id_number = (char *) id_number;
  e.gender = record->values[TX_F ("gender")];
  e.residence_division = record->values[TX_F ("residence_division")];
  e.values = values;
  if (!tx_store_list_add_entry (im->store, &e, &im->error))
    return FALSE;
  im->result->imported++;
  return TRUE;
}

/**
 * tx_list_import:
 * @source: the list's file, its columns mapped
 * @name: (nullable): what people call the list; the file's name if %NULL
 * @date: (nullable): the list's date (ISO), today if %NULL
 *
 * Imports a department's list: the rows that can be kept as entries, in
 * one transaction; the rows refused are named with their reasons.
 *
 * Returns: (transfer full) (nullable): what the import did
 */
TxListImport *
tx_list_import (TxStore               *store,
                TxIntakeSource        *source,
                TxDepartment           department,
                const char            *name,
                const char            *date,
                GFileProgressCallback  progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  const TxForm *form = tx_form_get ();
  const TxColumnMap *map = tx_intake_source_get_map (source);
  g_autoptr(TxListImport) result = g_new0 (TxListImport, 1);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree char *today = NULL;
  Importing im = { store, result, map, NULL };
  TxRulesContext rules;
  TxColumnsContext ctx;
  GDate day;
  int depth = tx_store_get_depth (store);

  if (!tx_store_require (store, TX_PERMISSION_IMPORT, error))
    return NULL;

  g_date_clear (&day, 1);
  if (date && *date && !tx_date_parse (date, &day))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a date. Give the list's date like 2026-06-30."), date);
      return NULL;
    }
  if (date == NULL || *date == 0)
    {
      tx_date_today (&day);
      date = today = tx_date_format (&day);
    }
  if (tx_column_map_find_field (map, TX_F ("name")) < 0 && tx_column_map_find_field (map, TX_F ("id_number")) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("No column of %s holds the children's names or identity numbers. Name one with "
                     "--map HEADER=name or --map HEADER=id_number, or on the mapping page."),
                   tx_intake_source_file_name (source));
      return NULL;
    }
  for (guint i = 0; i < form->n_fields; i++)
    if (tx_column_map_find_field (map, i) >= 0)
      g_ptr_array_add (keys, (gpointer) form->fields[i].key);
  g_ptr_array_add (keys, NULL);

  result->name = g_strdup (name && *name ? name : tx_intake_source_file_name (source));
  result->refused = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_row_problem_free);
  tx_store_rules_context (store, &rules);
  ctx.county = rules.county;
  ctx.township = rules.township;

  if (!tx_store_begin (store, error))
    return NULL;
  if (!(result->list = tx_store_list_add (store, department, result->name, date,
                                          tx_intake_source_file_name (source), tx_intake_source_sheet_name (source),
                                          (const char *const *) keys->pdata, error)))
    goto failed;
  if (!tx_intake_source_foreach (source, &ctx, import_row, &im, progress, progress_data, cancellable, error))
    goto failed;
  if (im.error)
    {
      g_propagate_error (error, g_steal_pointer (&im.error));
      goto failed;
    }
  if (!tx_store_list_set_rows (store, result->list, result->imported, error) || !tx_store_commit (store, error))
    goto failed;
  return g_steal_pointer (&result);

failed:
  g_clear_error (&im.error);
  /* a commit that failed has rolled itself back already */
  tx_store_rollback_to (store, depth);
  return NULL;
}

/**
 * tx_list_import_to_json:
 *
 * Returns: (transfer full): {"list": id, "name": "…", "rows": N,
 *   "imported": N, "refused": [{"row", "column", "key", "message"}]}
 */
char *
tx_list_import_to_json (const TxListImport *result)
{
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *refused = json_array_new ();

  json_object_set_int_member (o, "list", result->list);
  json_object_set_string_member (o, "name", result->name);
  json_object_set_int_member (o, "rows", result->rows);
  json_object_set_int_member (o, "imported", result->imported);
  for (guint i = 0; i < result->refused->len; i++)
    {
      const TxRowProblem *q = g_ptr_array_index (result->refused, i);
      JsonObject *p = json_object_new ();

      json_object_set_int_member (p, "row", q->row);
      json_object_set_string_member (p, "column", q->column);
      json_object_set_string_member (p, "key", q->key);
      json_object_set_string_member (p, "message", q->message);
      json_array_add_object_element (refused, p);
    }
  json_object_set_array_member (o, "refused", refused);
  json_node_set_object (node, o);
  return json_to_string (node, TRUE);
}

/* On the store service's thread */

typedef struct {
  TxIntakeSource *source;
  TxDepartment    department;
  char           *name;
  char           *date;
  int            *progress;
} ListImportJob;

/**
 * tx_lists_progress_thousandths:
 * @data: (nullable): an int the caller of an _async() call keeps and reads
 *
 * A #GFileProgressCallback that tells how far a job is, in thousandths,
 * through @data.
 */
void
tx_lists_progress_thousandths (goffset  current,
                               goffset  total,
                               gpointer data)
{
  int *progress = data;

  if (progress && total > 0)
    g_atomic_int_set (progress, (int) (MIN (current, total) * 1000 / total));
}

static void
list_import_job_free (ListImportJob *job)
{
  tx_intake_source_free (job->source);
  g_free (job->name);
  g_free (job->date);
  g_free (job);
}

static gpointer
list_import_job (TxStore       *store,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  ListImportJob *job = data;

  return tx_list_import (store, job->source, job->department, job->name, job->date, tx_lists_progress_thousandths, job->progress,
                         cancellable, error);
}

/**
 * tx_list_import_async:
 * @source: (transfer full): the list's file, its columns mapped as the
 *   person confirmed them; read on the service's thread from now on
 * @name: (nullable): as for tx_list_import()
 * @date: (nullable): as for tx_list_import()
 * @progress: (nullable): where the import says how far it is, in
 *   thousandths; the caller keeps it until the callback and reads it
 *
 * Imports a department's list on the store service's thread; a cancelled
 * import changes nothing.
 */
void
tx_list_import_async (TxStoreService      *service,
                      TxIntakeSource      *source,
                      TxDepartment         department,
                      const char          *name,
                      const char          *date,
                      int                 *progress,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  ListImportJob *job = g_new0 (ListImportJob, 1);

  job->progress = progress;
  job->source = source;
  job->department = department;
  job->name = g_strdup (name);
  job->date = g_strdup (date);
  tx_store_service_run_async (service, list_import_job, job, (GDestroyNotify) list_import_job_free,
                              (GDestroyNotify) tx_list_import_free, cancellable, callback, user_data);
}

/**
 * tx_list_import_finish:
 *
 * Returns: (transfer full) (nullable): what the import did
 */
TxListImport *
tx_list_import_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  return tx_store_service_run_finish (service, result, error);
}
