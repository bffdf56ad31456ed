/* tx-import.c — a ledger imported: the dry run, then the rows chosen
 *
 * The dry run reads every row and says what importing it would do: a new
 * child; an update of a registered child (the same identity number); a
 * possible duplicate of one (the same name, or the same pinyin, and the
 * same birth date) for a person to decide; or a refusal, with the row, the
 * column and the reason in the rules' own words. Nothing is written.
 *
 * Carrying the plan out imports the rows chosen (new and updates, unless
 * the person chose otherwise) in one transaction: all of them or none. A
 * record with values missing is a draft; every child's history says which
 * file, sheet and row it came from; the import can be undone as a whole
 * (tx_store_import_undo) until one of its children is edited.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-form.h"
#include "tx-import.h"
#include "tx-register.h"
#include "tx-pinyin.h"
#include "tx-rules.h"
#include "tx-store-accounts.h"
#include "tx-store-imports.h"

const char *
tx_import_action_code (TxImportAction action)
{
  static const char *codes[] = { "new", "update", "duplicate", "refused" };

  return action <= TX_IMPORT_REFUSED ? codes[action] : "refused";
}

const char *
tx_import_action_label (TxImportAction action)
{
  switch (action)
    {
    case TX_IMPORT_NEW:
      return _("New");
    case TX_IMPORT_UPDATE:
      return _("Update");
    case TX_IMPORT_DUPLICATE:
      return _("Possible duplicate");
    case TX_IMPORT_REFUSED:
    default:
      return _("Refused");
    }
}

static void
change_free (TxImportChange *change)
{
  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change);
}

/**
 * tx_import_change_text:
 *
 * Returns: (transfer full): "姓名：刘宇轩 → 刘 宇轩", the values as a
 *   person reads them
 */
char *
tx_import_change_text (const TxImportChange *change)
{
  const TxField *f = &tx_form_get ()->fields[change->field];
  g_autoptr(TxRecord) before = tx_record_new ();
  g_autoptr(TxRecord) after = tx_record_new ();
  g_autofree char *old_text = NULL, *new_text = NULL;

  tx_record_set (before, change->field, change->old_value);
  tx_record_set (after, change->field, change->new_value);
  old_text = tx_record_display_value (before, change->field);
  new_text = tx_record_display_value (after, change->field);
  /* Translators: a value an import changes: the field, the value before, after */
  return g_strdup_printf (_("%s: %s → %s"), tx_field_label (f), *old_text ? old_text : "—",
                          *new_text ? new_text : "—");
}

static void
import_row_free (TxImportRow *row)
{
  g_ptr_array_unref (row->changes);
  tx_record_free (row->record);
  g_free (row->child_id);
  g_free (row->match);
  g_ptr_array_unref (row->problems);
  g_free (row->note);
  g_free (row);
}

void
tx_import_plan_free (TxImportPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->path);
  g_free (plan->file);
  g_free (plan->sheet);
  tx_column_map_free (plan->map);
  g_ptr_array_unref (plan->rows);
  g_free (plan);
}

typedef struct {
  TxStore          *store;
  TxImportPlan     *plan;
  TxRulesContext    ctx;
  GHashTable       *id_rows;      /* identity number → the first row with it */
  GHashTable       *person_rows;  /* pinyin + birth date → the first row */
} Planning;

/* The header of the column that fills @field, else the field's label */
static const char *
header_of (const TxColumnMap *map,
           int                field)
{
  for (guint i = 0; i < map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (map->columns, i);

      if (c->field == field)
        return c->header;
    }
  return field >= 0 ? tx_field_label (&tx_form_get ()->fields[field]) : NULL;
}

static void
refuse (TxImportRow       *r,
        const TxColumnMap *map,
        int                field,
        const char        *message)
{
  r->action = TX_IMPORT_REFUSED;
  g_ptr_array_add (r->problems, tx_row_problem_new (r->row, header_of (map, field),
                                                    field >= 0 ? tx_form_get ()->fields[field].key : NULL,
                                                    message));
}

/* The record the row would make: a registered child's with the row's
 * values over it, or a new one with the form's defaults */
static TxRecord *
merged_record (TxStore        *store,
               const TxRecord *values,
               const char     *child_id)
{
  const TxForm *form = tx_form_get ();
  TxRecord *r = child_id ? tx_store_child_get (store, child_id, NULL) : tx_record_new_defaults ();

  if (r == NULL)
    return NULL;
  for (guint i = 0; i < form->n_fields; i++)
    if (values->values[i])
      tx_record_set (r, i, values->values[i]);
  return r;
}

static void
check_rules (Planning    *p,
             TxImportRow *r)
{
  g_autoptr(TxRecord) merged = merged_record (p->store, r->record, r->action == TX_IMPORT_UPDATE ? r->child_id : NULL);
  g_autoptr(TxCheck) check = NULL;

  if (merged == NULL)
    {
      refuse (r, p->plan->map, -1, _("The registered child of this identity number cannot be read."));
      return;
    }
  if (r->action == TX_IMPORT_UPDATE)
    {
      g_autoptr(TxRecord) registered = tx_store_child_get (p->store, r->child_id, NULL);

      const TxForm *form = tx_form_get ();

      /* a copy kept after a transfer is not this station's to change */
      if (registered && g_strcmp0 (registered->register_state, TX_REGISTER_TRANSFERRED) == 0)
        {
          g_autofree char *message = g_strdup_printf (_("This child was transferred to another township on "
                                                        "%s; the record there is the one to update. Leave "
                                                        "the row out."),
                                                      registered->exit_date ? registered->exit_date : "?");
          refuse (r, p->plan->map, TX_F ("id_number"), message);
          return;
        }
      /* an update does not bring a child who left back on the register */
      if (registered && g_strcmp0 (registered->register_state, TX_REGISTER_EXITED) == 0)
        {
          g_autofree char *message = g_strdup_printf (_("This child left the register on %s (%s); the record "
                                                        "is updated and stays off the register. Reopen it if "
                                                        "the child is back."),
                                                      registered->exit_date ? registered->exit_date : "?",
                                                      tx_exit_reason_label (registered->exit_reason));
          r->note = g_steal_pointer (&message);
        }
      r->unchanged = registered && tx_record_equal_values (registered, merged);
      for (guint i = 0; registered && i < form->n_fields; i++)
        if (g_strcmp0 (registered->values[i], merged->values[i]) != 0)
          {
            TxImportChange *c = g_new0 (TxImportChange, 1);

            c->field = i;
            c->old_value = g_strdup (registered->values[i]);
            c->new_value = g_strdup (merged->values[i]);
            g_ptr_array_add (r->changes, c);
          }
    }
  check = tx_rules_apply (merged, &p->ctx);
  for (guint i = 0; i < check->problems->len; i++)
    {
      const TxProblem *problem = g_ptr_array_index (check->problems, i);

      if (problem->severity == TX_SEVERITY_ERROR)
        refuse (r, p->plan->map, problem->field, problem->message);
    }
  if (r->action == TX_IMPORT_REFUSED)
    return;
  r->draft = !check->complete;
  for (guint i = 0; r->draft && i < check->problems->len; i++)
    {
      const TxProblem *problem = g_ptr_array_index (check->problems, i);

      if (problem->severity == TX_SEVERITY_MISSING)
        g_ptr_array_add (r->problems,
                         tx_row_problem_new (r->row, header_of (p->plan->map, problem->field),
                                             problem->field >= 0 ? tx_form_get ()->fields[problem->field].key : NULL,
                                             problem->message));
    }
}

static gboolean
plan_row (const TxSheetRow *row,
          TxRecord         *record,
          GPtrArray        *problems,
          gpointer          user_data)
{
  Planning *p = user_data;
  TxImportRow *r = g_new0 (TxImportRow, 1);
  const char *name = record->values[TX_F ("name")];
  const char *birth = record->values[TX_F ("birth_date")];
  const char *id_number = record->values[TX_F ("id_number")];
  g_autofree char *person = NULL;

  r->row = row->number;
  r->record = tx_record_copy (record);
  r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_row_problem_free);
  r->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  r->action = TX_IMPORT_NEW;
  g_ptr_array_add (p->plan->rows, r);

  /* a cell that cannot be read refuses the row: its value is not guessed */
  for (guint i = 0; i < problems->len; i++)
    {
      const TxRowProblem *q = g_ptr_array_index (problems, i);

      g_ptr_array_add (r->problems, tx_row_problem_new (q->row, q->column, q->key, q->message));
      r->action = TX_IMPORT_REFUSED;
    }
  if (name == NULL || *name == 0)
    refuse (r, p->plan->map, TX_F ("name"),
            _("Even a draft needs the child's name, to be found again; type the name in the sheet."));
  if (r->action == TX_IMPORT_REFUSED)
    goto out;

  if (id_number && *id_number)
    {
      gpointer first = g_hash_table_lookup (p->id_rows, id_number);
      g_autofree char *registered = NULL;

      if (first)
        {
          g_autofree char *message = g_strdup_printf (_("The same identity number is on row %u of the sheet. "
                                                        "Keep one of the two rows."),
                                                      GPOINTER_TO_UINT (first));
          refuse (r, p->plan->map, TX_F ("id_number"), message);
          goto out;
        }
      g_hash_table_insert (p->id_rows, g_strdup (id_number), GUINT_TO_POINTER (r->row));
      if ((registered = tx_store_child_find_id_number (p->store, id_number, NULL)))
        {
          r->action = TX_IMPORT_UPDATE;
          r->child_id = g_steal_pointer (&registered);
        }
    }

  if (r->action == TX_IMPORT_NEW && birth)
    {
      g_autoptr(GPtrArray) same = tx_store_child_same_person (p->store, name, birth, NULL);
      g_autofree char *spelled = tx_pinyin_spelled (name);
      gpointer earlier;

      if (same->len == 0)
        {
          g_ptr_array_unref (same);
          same = tx_store_child_same_pinyin (p->store, name, birth, NULL);
          if (same->len)
            r->match = g_strdup (_("the same name in pinyin and the same date of birth"));
        }
      else
        r->match = g_strdup (_("the same name and date of birth"));
      person = g_strconcat (spelled, " ", birth, NULL);
      if (same->len)
        {
          r->action = TX_IMPORT_DUPLICATE;
          r->child_id = g_strdup (same->pdata[0]);
        }
      else if ((earlier = g_hash_table_lookup (p->person_rows, person)))
        {
          r->action = TX_IMPORT_DUPLICATE;
          r->match = g_strdup_printf (_("the same name (or pinyin) and date of birth as row %u"),
                                      GPOINTER_TO_UINT (earlier));
        }
      else
        g_hash_table_insert (p->person_rows, g_steal_pointer (&person), GUINT_TO_POINTER (r->row));
    }
  check_rules (p, r);

out:
  r->chosen = r->action == TX_IMPORT_NEW || r->action == TX_IMPORT_UPDATE;
  p->plan->counts[r->action]++;
  return TRUE;
}

/**
 * tx_import_plan_new:
 *
 * The dry run: what importing each row of @source would do. Reads the
 * store, writes nothing.
 *
 * Returns: (transfer full) (nullable): the plan
 */
TxImportPlan *
tx_import_plan_new (TxStore              *store,
                    TxIntakeSource       *source,
                    GFileProgressCallback progress,
                    gpointer              progress_data,
                    GCancellable         *cancellable,
                    GError              **error)
{
  g_autoptr(TxImportPlan) plan = g_new0 (TxImportPlan, 1);
  g_autoptr(GHashTable) id_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) person_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Planning p = { store, plan, { { 0 } }, id_rows, person_rows };
  TxColumnsContext ctx;

  if (!tx_store_require (store, TX_PERMISSION_IMPORT, error))
    return NULL;

  /* the file changed since it was opened (fixed in Excel and checked again) */
  if (!tx_intake_source_refresh (source, error))
    return NULL;
  plan->path = g_strdup (tx_intake_source_path (source));
  plan->file = g_strdup (tx_intake_source_file_name (source));
  plan->sheet = g_strdup (tx_intake_source_sheet_name (source));
  plan->map = tx_column_map_copy (tx_intake_source_get_map (source));
  plan->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);
  if (tx_column_map_find_field (plan->map, TX_F ("name")) < 0)
    {
      g_set_error (error, TX_COLUMNS_ERROR, TX_COLUMNS_ERROR_NO_NAMES,
                   _("No column of %s holds the children's names. Name it with --map HEADER=name, or on "
                     "the mapping page."), plan->file);
      return NULL;
    }
  tx_store_rules_context (store, &p.ctx);
  ctx.county = p.ctx.county;
  ctx.township = p.ctx.township;
  if (!tx_intake_source_foreach (source, &ctx, plan_row, &p, progress, progress_data, cancellable, error))
    return NULL;
  return g_steal_pointer (&plan);
}

guint
tx_import_plan_n_chosen (const TxImportPlan *plan)
{
  guint n = 0;

  for (guint i = 0; i < plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (plan->rows, i);

      n += r->chosen && r->action != TX_IMPORT_REFUSED && !r->unchanged;
    }
  return n;
}

static gboolean
import_row (TxStore      *store,
            TxImportPlan *plan,
            TxImportRow  *r,
            gint64        batch,
            GError      **error)
{
  g_autoptr(TxRecord) before = NULL;
  g_autoptr(TxRecord) record = NULL;
  g_autofree char *id = NULL;
  g_autofree char *source = g_strdup_printf (_("Imported from %s, sheet %s, row %u"), plan->file, plan->sheet, r->row);
  gboolean update = r->action == TX_IMPORT_UPDATE;

  if (update && !(before = tx_store_child_get (store, r->child_id, error)))
    return FALSE;
  if (!(record = merged_record (store, r->record, update ? r->child_id : NULL)))
    return FALSE;
  if (update)
    {
      if (!tx_store_child_update (store, record, TRUE, NULL, error))
        return FALSE;
      id = g_strdup (r->child_id);
    }
  else if (!(id = tx_store_child_add (store, record, TRUE, NULL, error)))
    return FALSE;
  return tx_store_import_note_child (store, batch, id, r->row, before, source, error);
}

/**
 * tx_import_plan_apply:
 * @batch: (out) (optional): the import's id, to undo it
 *
 * Imports the rows chosen, all of them or none. The plan is looked at
 * again row by row (a child may have been registered since the dry run):
 * a row that fails now stops the import with the row named.
 */
gboolean
tx_import_plan_apply (TxStore              *store,
                      TxImportPlan         *plan,
                      gint64               *batch,
                      GFileProgressCallback progress,
                      gpointer              progress_data,
                      GCancellable         *cancellable,
                      GError              **error)
{
  guint added = 0, updated = 0, done = 0, total = tx_import_plan_n_chosen (plan);

  if (!tx_store_require (store, TX_PERMISSION_IMPORT, error))
    return FALSE;

  /* nothing to write: no import to keep either */
  if (total == 0)
    {
      if (batch)
        *batch = 0;
      return TRUE;
    }
  gint64 id;
  int depth = tx_store_get_depth (store);

  if (!tx_store_begin (store, error))
    return FALSE;
  if (!(id = tx_store_import_batch_new (store, plan->file, plan->sheet, error)))
    goto failed;
  for (guint i = 0; i < plan->rows->len; i++)
    {
      TxImportRow *r = g_ptr_array_index (plan->rows, i);
      g_autoptr(GError) local = NULL;

      if (!r->chosen || r->action == TX_IMPORT_REFUSED || r->unchanged)
        continue;
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto failed;
      if (!import_row (store, plan, r, id, &local))
        {
          g_set_error (error, local->domain, local->code, _("Row %u: %s Nothing was imported."),
                       r->row, local->message);
          goto failed;
        }
      if (r->action == TX_IMPORT_UPDATE)
        updated++;
      else
        added++;
      if (progress && (++done & 63) == 0)
        progress (done, total, progress_data);
    }
  if (!tx_store_import_batch_done (store, id, added, updated, error) || !tx_store_commit (store, error))
    goto failed;
  if (batch)
    *batch = id;
  return TRUE;

failed:
  /* a commit that failed has rolled itself back already */
  tx_store_rollback_to (store, depth);
  return FALSE;
}

/**
 * tx_import_plan_to_json:
 * @dry_run: whether the plan was only looked at
 * @batch: the import's id once carried out, or 0 (nothing was written)
 *
 * Returns: (transfer full): {"rows": N, "new": N, "update": N,
 *   "duplicate": N, "refused": [{"row", "column", "key", "message"}], …}
 */
char *
tx_import_plan_to_json (const TxImportPlan *plan,
                        gboolean            dry_run,
                        gint64              batch)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint drafts = 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, plan->file);
  json_builder_set_member_name (b, "sheet");
  json_builder_add_string_value (b, plan->sheet);
  json_builder_set_member_name (b, "header_rows");
  json_builder_begin_array (b);
  json_builder_add_int_value (b, plan->map->header_first);
  json_builder_add_int_value (b, plan->map->header_last);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "columns");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->map->columns->len; i++)
    {
      const TxColumn *c = g_ptr_array_index (plan->map->columns, i);

      if (*c->header == 0 && c->field < 0)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "column");
      json_builder_add_string_value (b, c->letter);
      json_builder_set_member_name (b, "header");
      json_builder_add_string_value (b, c->header);
      json_builder_set_member_name (b, "key");
      if (c->field >= 0)
        json_builder_add_string_value (b, tx_form_get ()->fields[c->field].key);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "rows");
  json_builder_add_int_value (b, plan->rows->len);
  for (guint a = 0; a < TX_IMPORT_REFUSED; a++)
    {
      json_builder_set_member_name (b, tx_import_action_code (a));
      json_builder_add_int_value (b, plan->counts[a]);
    }
  json_builder_set_member_name (b, "refused");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (plan->rows, i);

      drafts += r->chosen && r->action != TX_IMPORT_REFUSED && r->draft;
      if (r->action != TX_IMPORT_REFUSED)
        continue;
      for (guint k = 0; k < r->problems->len; k++)
        {
          const TxRowProblem *q = g_ptr_array_index (r->problems, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "row");
          json_builder_add_int_value (b, q->row);
          json_builder_set_member_name (b, "column");
          json_builder_add_string_value (b, q->column);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, q->key);
          json_builder_set_member_name (b, "message");
          json_builder_add_string_value (b, q->message);
          json_builder_end_object (b);
        }
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "updates");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (plan->rows, i);

      if (r->action != TX_IMPORT_UPDATE)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, r->row);
      json_builder_set_member_name (b, "child_id");
      json_builder_add_string_value (b, r->child_id);
      json_builder_set_member_name (b, "changes");
      json_builder_begin_array (b);
      for (guint k = 0; k < r->changes->len; k++)
        {
          const TxImportChange *c = g_ptr_array_index (r->changes, k);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "key");
          json_builder_add_string_value (b, tx_form_get ()->fields[c->field].key);
          json_builder_set_member_name (b, "old");
          json_builder_add_string_value (b, c->old_value);
          json_builder_set_member_name (b, "new");
          json_builder_add_string_value (b, c->new_value);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      if (r->note)
        {
          json_builder_set_member_name (b, "note");
          json_builder_add_string_value (b, r->note);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "duplicates");
  json_builder_begin_array (b);
  for (guint i = 0; i < plan->rows->len; i++)
    {
      const TxImportRow *r = g_ptr_array_index (plan->rows, i);

      if (r->action != TX_IMPORT_DUPLICATE)
        continue;
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "row");
      json_builder_add_int_value (b, r->row);
      json_builder_set_member_name (b, "child_id");
      json_builder_add_string_value (b, r->child_id);
      json_builder_set_member_name (b, "match");
      json_builder_add_string_value (b, r->match);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "unchanged");
  {
    guint unchanged = 0;

    for (guint i = 0; i < plan->rows->len; i++)
      unchanged += ((const TxImportRow *) g_ptr_array_index (plan->rows, i))->unchanged;
    json_builder_add_int_value (b, unchanged);
  }
  json_builder_set_member_name (b, "drafts");
  json_builder_add_int_value (b, drafts);
  json_builder_set_member_name (b, "dry_run");
  json_builder_add_boolean_value (b, dry_run);
  if (batch)
    {
      json_builder_set_member_name (b, "import");
      json_builder_add_int_value (b, batch);
    }
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  return json_generator_to_data (gen, NULL);
}
