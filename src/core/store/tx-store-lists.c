/* tx-store-lists.c — departments' lists and the comparison rounds (the
 * dept_list, list_entry, compare_round and compare_item tables)
 *
 * A list is written with its entries in the caller's transaction (the
 * import in intake/tx-lists.c holds it: a failed import leaves nothing).
 * Removing a list removes its entries; the rounds that compared it keep
 * what they found as text. The comparison itself (intake/tx-compare.c)
 * reads the register once through tx_store_register_foreach() and the
 * entries through tx_store_list_foreach_entry(), and writes a round's
 * items with one prepared statement in one transaction.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-store-lists.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"

static const char *const department_codes[] = { "police", "education", "health", "cdc", "other" };
static const char *const kind_codes[] = { "not_registered", "found", "difference", "possible", "on_no_list" };
static const char *const rule_codes[] = { NULL, "id_number", "name_birth", "pinyin_birth", "id_birth_gender" };

const char *
tx_department_code (TxDepartment department)
{
  return (guint) department < TX_N_DEPARTMENTS ? department_codes[department] : "other";
}

const char *
tx_department_label (TxDepartment department)
{
  switch (department)
    {
    case TX_DEPARTMENT_POLICE:
      return _("Public security");
    case TX_DEPARTMENT_EDUCATION:
      return _("Education department");
    case TX_DEPARTMENT_HEALTH:
      return _("Health commission");
    case TX_DEPARTMENT_CDC:
      return _("Disease control");
    case TX_DEPARTMENT_OTHER:
    default:
      return _("Other department");
    }
}

/**
 * tx_department_guess:
 * @file_name: a list's file name, as departments name them
 * @department: (out): the department the name suggests
 *
 * 公安居住证名单.xlsx is public security's, 教育局流动学生名单.csv
 * education's (seen in the new-user walk: an education list imported as
 * a police one, the default).
 *
 * Returns: whether the name suggests one
 */
gboolean
tx_department_guess (const char   *file_name,
                     TxDepartment *department)
{
  static const struct { const char *word; TxDepartment department; } words[] = {
    { "疾控", TX_DEPARTMENT_CDC }, { "接种", TX_DEPARTMENT_CDC }, { "疫苗", TX_DEPARTMENT_CDC },
    { "公安", TX_DEPARTMENT_POLICE }, { "派出所", TX_DEPARTMENT_POLICE }, { "居住证", TX_DEPARTMENT_POLICE },
    { "暂住", TX_DEPARTMENT_POLICE }, { "教育", TX_DEPARTMENT_EDUCATION }, { "学校", TX_DEPARTMENT_EDUCATION },
    { "学生", TX_DEPARTMENT_EDUCATION }, { "学籍", TX_DEPARTMENT_EDUCATION }, { "卫健", TX_DEPARTMENT_HEALTH },
    { "卫生", TX_DEPARTMENT_HEALTH }, { "健康", TX_DEPARTMENT_HEALTH }, { "妇幼", TX_DEPARTMENT_HEALTH },
  };

  for (guint i = 0; file_name && i < G_N_ELEMENTS (words); i++)
    if (strstr (file_name, words[i].word))
      {
        *department = words[i].department;
        return TRUE;
      }
  return FALSE;
}

/**
 * tx_department_parse:
 * @code: police, education, health, cdc or other
 *
 * Returns: whether @code names a department
 */
gboolean
tx_department_parse (const char   *code,
                     TxDepartment *department)
{
  for (guint i = 0; i < TX_N_DEPARTMENTS; i++)
    if (g_strcmp0 (code, department_codes[i]) == 0)
      {
        *department = i;
        return TRUE;
      }
  return FALSE;
}

const char *
tx_compare_kind_code (TxCompareKind kind)
{
  return (guint) kind < TX_N_COMPARE_KINDS ? kind_codes[kind] : "found";
}

const char *
tx_compare_kind_label (TxCompareKind kind)
{
  switch (kind)
    {
    case TX_COMPARE_NOT_REGISTERED:
      return _("Not registered");
    case TX_COMPARE_FOUND:
      return _("Registered and found");
    case TX_COMPARE_DIFFERENCE:
      return _("Found, with differences");
    case TX_COMPARE_POSSIBLE:
      return _("Possible match");
    case TX_COMPARE_ON_NO_LIST:
    default:
      return _("Registered, on no list");
    }
}

const char *
tx_match_rule_code (TxMatchRule rule)
{
  return (guint) rule < G_N_ELEMENTS (rule_codes) ? rule_codes[rule] : NULL;
}

const char *
tx_match_rule_label (TxMatchRule rule)
{
  switch (rule)
    {
    case TX_MATCH_ID_NUMBER:
      return _("Same identity number");
    case TX_MATCH_NAME_BIRTH:
      return _("Same name and date of birth");
    case TX_MATCH_PINYIN_BIRTH:
      return _("Same name in pinyin and date of birth");
    case TX_MATCH_ID_BIRTH_GENDER:
      return _("Birth date and gender in the identity number");
    case TX_MATCH_NONE:
    default:
      return "";
    }
}

static int
code_index (const char *const *codes,
            guint              n,
            const char        *code,
            int                fallback)
{
  for (guint i = 0; i < n; i++)
    if (codes[i] && g_strcmp0 (codes[i], code) == 0)
      return i;
  return fallback;
}

void
tx_dept_list_free (TxDeptList *list)
{
  if (list == NULL)
    return;
  g_free (list->name);
  g_free (list->date);
  g_free (list->file);
  g_free (list->sheet);
  g_strfreev (list->keys);
  g_free (list->imported_at);
  g_free (list->who);
  g_free (list);
}

void
tx_list_entry_free (TxListEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->name);
  g_free (entry->birth_date);
  g_free (entry->id_number);
  g_free (entry->gender);
  g_free (entry->residence_division);
  g_free (entry->values);
  g_free (entry->pinyin);
  g_free (entry);
}

/* Lists */

/**
 * tx_store_list_add:
 * @name: what people call the list
 * @date: the list's date, ISO
 * @file: the file's name, without its folder
 * @keys: the form's fields its columns fill
 *
 * Adds a list, in the caller's transaction; its entries follow with
 * tx_store_list_add_entry(), its count with tx_store_list_set_rows().
 *
 * Returns: the list's id, 0 on an error
 */
gint64
tx_store_list_add (TxStore            *self,
                   TxDepartment        department,
                   const char         *name,
                   const char         *date,
                   const char         *file,
                   const char         *sheet,
                   const char *const  *keys,
                   GError            **error)
{
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  g_autofree char *joined = g_strjoinv (",", (char **) keys);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO dept_list (department, name, date, file, sheet, keys, imported_at, station, who) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return 0;

  if (stmt == NULL)
    return 0;
  tx_store_bind_text (stmt, 1, tx_department_code (department));
  tx_store_bind_text (stmt, 2, name);
  tx_store_bind_text (stmt, 3, date);
  tx_store_bind_text (stmt, 4, file);
  tx_store_bind_text (stmt, 5, sheet);
  tx_store_bind_text (stmt, 6, joined);
  tx_store_bind_text (stmt, 7, now);
  tx_store_bind_text (stmt, 8, tx_store_get_station_id (self));
  tx_store_bind_text (stmt, 9, who);
  if (!tx_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (tx_store_get_db (self));
}

/**
 * tx_store_list_add_entry:
 *
 * Adds an entry to a list, in the caller's transaction. The pinyin of the
 * name is worked out here.
 */
gboolean
tx_store_list_add_entry (TxStore            *self,
                         const TxListEntry  *e,
                         GError            **error)
{
  g_autofree char *spelled = e->name ? tx_pinyin_spelled (e->name) : NULL;
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO list_entry (list, row, name, birth_date, id_number, gender, pinyin, residence_division, mapped) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e->list);
  sqlite3_bind_int (stmt, 2, e->row);
  tx_store_bind_text (stmt, 3, e->name);
  tx_store_bind_text (stmt, 4, e->birth_date);
  tx_store_bind_text (stmt, 5, e->id_number);
  tx_store_bind_text (stmt, 6, e->gender);
  tx_store_bind_text (stmt, 7, spelled && *spelled ? spelled : NULL);
  tx_store_bind_text (stmt, 8, e->residence_division);
  tx_store_bind_text (stmt, 9, e->values ? e->values : "{}");
  return tx_store_step_done (self, stmt, error);
}

/* A list's audit entry: its department, file and rows, never its names */
static gboolean
audit_list (TxStore     *self,
            const char  *kind,
            gint64       list,
            guint        rows,
            GError     **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT department, file FROM dept_list WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, list);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *base = sqlite3_column_text (stmt, 1)
                              ? g_path_get_basename ((const char *) sqlite3_column_text (stmt, 1)) : NULL;

      json_object_set_string_member (detail, "department", (const char *) sqlite3_column_text (stmt, 0));
      if (base)
        json_object_set_string_member (detail, "file", base);
    }
  sqlite3_reset (stmt);
  json_object_set_int_member (detail, "list", list);
  json_object_set_int_member (detail, "rows", rows);
  return tx_store_audit (self, kind, NULL, detail, error);
}

gboolean
tx_store_list_set_rows (TxStore  *self,
                        gint64    list,
                        guint     rows,
                        GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "UPDATE dept_list SET rows = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, list);
  sqlite3_bind_int (stmt, 2, rows);
  return tx_store_step_done (self, stmt, error) && audit_list (self, "lists.import", list, rows, error);
}

#define LIST_COLUMNS "id, department, name, date, file, sheet, keys, imported_at, who, rows"

static gpointer
read_list (sqlite3_stmt *stmt)
{
  TxDeptList *l = g_new0 (TxDeptList, 1);
  TxDepartment d = TX_DEPARTMENT_OTHER;
  const char *keys = (const char *) sqlite3_column_text (stmt, 6);

  l->id = sqlite3_column_int64 (stmt, 0);
  tx_department_parse ((const char *) sqlite3_column_text (stmt, 1), &d);
  l->department = d;
  l->name = tx_store_column_text (stmt, 2);
  l->date = tx_store_column_text (stmt, 3);
  l->file = tx_store_column_text (stmt, 4);
  l->sheet = tx_store_column_text (stmt, 5);
  l->keys = keys && *keys ? g_strsplit (keys, ",", -1) : g_new0 (char *, 1);
  l->imported_at = tx_store_column_text (stmt, 7);
  l->who = tx_store_column_text (stmt, 8);
  l->rows = sqlite3_column_int (stmt, 9);
  return l;
}

/**
 * tx_store_lists:
 *
 * Returns: (transfer full) (element-type TxDeptList): the lists, by date
 *   then as imported
 */
GPtrArray *
tx_store_lists (TxStore  *self,
                GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " LIST_COLUMNS " FROM dept_list ORDER BY date, id", error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (self, stmt, read_list, (GDestroyNotify) tx_dept_list_free, error);
}

/**
 * tx_store_list_get:
 *
 * Returns: (transfer full) (nullable): the list, or %NULL with
 *   %TX_STORE_ERROR_NOT_FOUND
 */
TxDeptList *
tx_store_list_get (TxStore  *self,
                   gint64    list,
                   GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " LIST_COLUMNS " FROM dept_list WHERE id = ?1", error);
  g_autoptr(GPtrArray) found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, list);
  if (!(found = tx_store_collect (self, stmt, read_list, (GDestroyNotify) tx_dept_list_free, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no list %lld; `tongxing-cli lists list` shows them."), (long long) list);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/**
 * tx_store_list_remove:
 *
 * Removes a list and its entries. The rounds that compared it keep what
 * they found.
 */
gboolean
tx_store_list_remove (TxStore  *self,
                      gint64    list,
                      GError  **error)
{
  g_autoptr(TxDeptList) found = tx_store_list_get (self, list, error);
  sqlite3_stmt *stmt;
  int depth = tx_store_get_depth (self);

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return FALSE;

  if (found == NULL || !tx_store_begin (self, error))
    return FALSE;
  if (!audit_list (self, "lists.remove", list, found->rows, error))
    goto failed;
  if (!(stmt = tx_store_prepare (self, "DELETE FROM list_entry WHERE list = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, list);
  if (!tx_store_step_done (self, stmt, error))
    goto failed;
  if (!(stmt = tx_store_prepare (self, "DELETE FROM dept_list WHERE id = ?1", error)))
    goto failed;
  sqlite3_bind_int64 (stmt, 1, list);
  if (!tx_store_step_done (self, stmt, error) || !tx_store_commit (self, error))
    goto failed;
  return TRUE;

failed:
  tx_store_rollback_to (self, depth);
  return FALSE;
}

#define ENTRY_COLUMNS "list, row, name, birth_date, id_number, gender, residence_division, mapped, pinyin"

static TxListEntry *
read_entry (sqlite3_stmt *stmt)
{
  TxListEntry *e = g_new0 (TxListEntry, 1);

  e->list = sqlite3_column_int64 (stmt, 0);
  e->row = sqlite3_column_int (stmt, 1);
  e->name = tx_store_column_text (stmt, 2);
  e->birth_date = tx_store_column_text (stmt, 3);
  e->id_number = tx_store_column_text (stmt, 4);
  e->gender = tx_store_column_text (stmt, 5);
  e->residence_division = tx_store_column_text (stmt, 6);
  e->values = tx_store_column_text (stmt, 7);
  e->pinyin = tx_store_column_text (stmt, 8);
  return e;
}

/**
 * tx_store_list_entry:
 *
 * Returns: (transfer full) (nullable): a list's entry by its sheet row,
 *   or %NULL with %TX_STORE_ERROR_NOT_FOUND (the list may have been removed)
 */
TxListEntry *
tx_store_list_entry (TxStore  *self,
                     gint64    list,
                     guint     row,
                     GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " ENTRY_COLUMNS " FROM list_entry WHERE list = ?1 AND row = ?2", error);
  TxListEntry *e = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, list);
  sqlite3_bind_int (stmt, 2, row);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    e = read_entry (stmt);
  sqlite3_reset (stmt);
  if (e == NULL && rc != SQLITE_DONE)
    tx_store_set_error (self, rc, error);
  else if (e == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("List %lld has no entry of row %u; the list may have been removed. "
                   "Import it again to register children from it."), (long long) list, row);
  return e;
}

/**
 * tx_store_list_foreach_entry:
 * @func: called with each entry, in the order of the sheet; return
 *   %FALSE to stop
 *
 * Reads a list's entries one at a time.
 */
gboolean
tx_store_list_foreach_entry (TxStore          *self,
                             gint64            list,
                             TxListEntryFunc   func,
                             gpointer          user_data,
                             GError          **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* a statement of its own: the caller may write while it reads */
  if ((rc = sqlite3_prepare_v2 (tx_store_get_db (self),
                                "SELECT " ENTRY_COLUMNS " FROM list_entry WHERE list = ?1 ORDER BY row",
                                -1, &stmt, NULL)) != SQLITE_OK)
    return tx_store_set_error (self, rc, error);
  sqlite3_bind_int64 (stmt, 1, list);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TxListEntry) e = read_entry (stmt);

      if (!func (e, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/**
 * tx_store_register_foreach:
 * @division: (nullable): only children living in this village, township
 *   or county (a code prefix)
 * @fields: the form's fields to read besides the six every child gives
 * @func: called with each registered child (drafts included; deleted
 *   ones not): uuid, name, birth date, identity number, gender, the
 *   pinyin of the name, then @fields' values, then for a child off the
 *   register the day and the reason it left (%NULL for a child on it)
 *
 * Reads the register once, in one statement, for the comparison.
 */
gboolean
tx_store_register_foreach (TxStore         *self,
                           const char      *division,
                           const int       *fields,
                           guint            n_fields,
                           TxRegisterFunc   func,
                           gpointer         user_data,
                           GError         **error)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(GString) sql = g_string_new ("SELECT uuid, f_name, f_birth_date, f_id_number, f_gender, sort_key");
  g_autofree const char **values = g_new0 (const char *, 8 + n_fields);
  g_autoptr(GString) pinyin = g_string_new (NULL);
  g_autofree char *end = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* column names come from the compiled-in declaration, never from input */
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", f_%s", form->fields[fields[i]].key);
  g_string_append (sql, ", CASE WHEN register <> 'active' THEN exit_date END, "
                        "CASE WHEN register <> 'active' THEN exit_reason END FROM child WHERE deleted = 0");
  if (division && *division)
    g_string_append (sql, " AND f_residence_division >= ?1 AND f_residence_division < ?2");
  if ((rc = sqlite3_prepare_v2 (tx_store_get_db (self), sql->str, -1, &stmt, NULL)) != SQLITE_OK)
    return tx_store_set_error (self, rc, error);
  if (division && *division)
    {
      end = tx_store_division_end (division);
      tx_store_bind_text (stmt, 1, division);
      tx_store_bind_text (stmt, 2, end);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cut;

      for (guint c = 0; c < 8 + n_fields; c++)
        {
          const char *v = (const char *) sqlite3_column_text (stmt, c);

          values[c] = v && *v ? v : NULL;
        }
      /* the pinyin part of the sort key: "zhangxiaoming\x01张小明" */
      g_string_truncate (pinyin, 0);
      if (values[5] && (cut = strchr (values[5], '\x01')))
        g_string_append_len (pinyin, values[5], cut - values[5]);
      else if (values[5])
        g_string_append (pinyin, values[5]);
      values[5] = pinyin->len ? pinyin->str : NULL;
      if (!func (values, user_data))
        break;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* Comparison rounds */

void
tx_compare_round_free (TxCompareRound *round)
{
  if (round == NULL)
    return;
  g_free (round->at);
  g_free (round->who);
  g_free (round->division);
  g_free (round->lists);
  g_free (round);
}

void
tx_compare_item_free (TxCompareItem *item)
{
  if (item == NULL)
    return;
  g_free (item->list_name);
  g_free (item->name);
  g_free (item->birth_date);
  g_free (item->id_number);
  g_free (item->child_id);
  g_free (item->child_name);
  g_free (item->residence_division);
  g_free (item->differences);
  g_free (item->note);
  g_free (item->decision);
  g_free (item->decided_by);
  g_free (item->decided_at);
  g_free (item->done_by);
  g_free (item->done_at);
  g_free (item);
}

/**
 * tx_store_compare_round_new:
 * @division: (nullable): the scope compared
 * @lists: JSON array of the lists compared, as they are now
 *
 * Starts a round, in the caller's transaction.
 *
 * Returns: the round's id, 0 on an error
 */
gint64
tx_store_compare_round_new (TxStore     *self,
                            const char  *division,
                            const char  *lists,
                            GError     **error)
{
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO compare_round (at, station, who, division, lists) VALUES (?1, ?2, ?3, ?4, ?5)", error);

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return 0;

  if (stmt == NULL)
    return 0;
  tx_store_bind_text (stmt, 1, now);
  tx_store_bind_text (stmt, 2, tx_store_get_station_id (self));
  tx_store_bind_text (stmt, 3, who);
  tx_store_bind_text (stmt, 4, division && *division ? division : NULL);
  tx_store_bind_text (stmt, 5, lists);
  if (!tx_store_step_done (self, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (tx_store_get_db (self));
}

/**
 * tx_store_compare_item_add:
 *
 * Adds a finding to its round, in the caller's transaction.
 */
gboolean
tx_store_compare_item_add (TxStore              *self,
                           const TxCompareItem  *item,
                           GError              **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "INSERT INTO compare_item (round, kind, list, list_name, row, name, birth_date, id_number, child, "
      "child_name, residence_division, rule, differences, note, decision, decided_by, decided_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item->round);
  tx_store_bind_text (stmt, 2, tx_compare_kind_code (item->kind));
  if (item->list)
    {
      sqlite3_bind_int64 (stmt, 3, item->list);
      sqlite3_bind_int (stmt, 5, item->row);
    }
  else
    {
      sqlite3_bind_null (stmt, 3);
      sqlite3_bind_null (stmt, 5);
    }
  tx_store_bind_text (stmt, 4, item->list_name);
  tx_store_bind_text (stmt, 6, item->name);
  tx_store_bind_text (stmt, 7, item->birth_date);
  tx_store_bind_text (stmt, 8, item->id_number);
  tx_store_bind_text (stmt, 9, item->child_id);
  tx_store_bind_text (stmt, 10, item->child_name);
  tx_store_bind_text (stmt, 11, item->residence_division);
  tx_store_bind_text (stmt, 12, tx_match_rule_code (item->rule));
  tx_store_bind_text (stmt, 13, item->differences);
  tx_store_bind_text (stmt, 14, item->note);
  tx_store_bind_text (stmt, 15, item->decision);
  tx_store_bind_text (stmt, 16, item->decided_by);
  tx_store_bind_text (stmt, 17, item->decided_at);
  return tx_store_step_done (self, stmt, error);
}

/**
 * tx_store_compare_same_decisions:
 *
 * The possible matches a person decided were the same child, in any
 * round: a later round takes the decision over rather than asking again
 * (seen in the new-user walk). Keyed "name|birth date|child id" of the
 * entry and the child; the value is "who|when" (the latest decision).
 *
 * Returns: (transfer full): the decisions
 */
GHashTable *
tx_store_compare_same_decisions (TxStore  *self,
                                 GError  **error)
{
  g_autoptr(GHashTable) out = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT name, birth_date, child, decided_by, decided_at FROM compare_item "
      "WHERE decision = 'same' AND child IS NOT NULL ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (out,
                         g_strdup_printf ("%s|%s|%s", (const char *) sqlite3_column_text (stmt, 0) ?: "",
                                          (const char *) sqlite3_column_text (stmt, 1) ?: "",
                                          (const char *) sqlite3_column_text (stmt, 2)),
                         g_strdup_printf ("%s|%s", (const char *) sqlite3_column_text (stmt, 3) ?: "",
                                          (const char *) sqlite3_column_text (stmt, 4) ?: ""));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&out);
}

gboolean
tx_store_compare_round_done (TxStore      *self,
                             gint64        round,
                             const guint  *counts,
                             guint         children,
                             GError      **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "UPDATE compare_round SET not_registered = ?2, found = ?3, difference = ?4, possible = ?5, "
      "on_no_list = ?6, children = ?7 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    sqlite3_bind_int (stmt, 2 + k, counts[k]);
  sqlite3_bind_int (stmt, 7, children);
  return tx_store_step_done (self, stmt, error);
}

#define ROUND_COLUMNS "id, at, who, division, lists, not_registered, found, difference, possible, on_no_list, children"

static gpointer
read_round (sqlite3_stmt *stmt)
{
  TxCompareRound *r = g_new0 (TxCompareRound, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->at = tx_store_column_text (stmt, 1);
  r->who = tx_store_column_text (stmt, 2);
  r->division = tx_store_column_text (stmt, 3);
  r->lists = tx_store_column_text (stmt, 4);
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    r->counts[k] = sqlite3_column_int (stmt, 5 + k);
  r->children = sqlite3_column_int (stmt, 10);
  return r;
}

/**
 * tx_store_compare_rounds:
 *
 * Returns: (transfer full) (element-type TxCompareRound): the rounds,
 *   newest first
 */
GPtrArray *
tx_store_compare_rounds (TxStore  *self,
                         GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ROUND_COLUMNS " FROM compare_round ORDER BY id DESC",
                                         error);

  if (stmt == NULL)
    return NULL;
  return tx_store_collect (self, stmt, read_round, (GDestroyNotify) tx_compare_round_free, error);
}

/**
 * tx_store_compare_round_get:
 * @round: the round's id, or 0 for the latest
 *
 * Returns: (transfer full) (nullable): the round, or %NULL with
 *   %TX_STORE_ERROR_NOT_FOUND
 */
TxCompareRound *
tx_store_compare_round_get (TxStore  *self,
                            gint64    round,
                            GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " ROUND_COLUMNS " FROM compare_round WHERE id = ?1 OR (?1 = 0 AND id = (SELECT MAX(id) FROM compare_round))",
      error);
  g_autoptr(GPtrArray) found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round);
  if (!(found = tx_store_collect (self, stmt, read_round, (GDestroyNotify) tx_compare_round_free, error)))
    return NULL;
  if (found->len == 0)
    {
      if (round)
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("There is no comparison round %lld."), (long long) round);
      else
        g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                     _("No comparison has been run yet. Run one with `tongxing-cli compare`."));
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

#define ITEM_COLUMNS "id, round, kind, list, list_name, row, name, birth_date, id_number, child, child_name, " \
  "residence_division, rule, differences, note, decision, decided_by, decided_at, done, done_by, done_at"

static gpointer
read_item (sqlite3_stmt *stmt)
{
  TxCompareItem *i = g_new0 (TxCompareItem, 1);

  i->id = sqlite3_column_int64 (stmt, 0);
  i->round = sqlite3_column_int64 (stmt, 1);
  i->kind = code_index (kind_codes, G_N_ELEMENTS (kind_codes), (const char *) sqlite3_column_text (stmt, 2),
                        TX_COMPARE_FOUND);
  i->list = sqlite3_column_int64 (stmt, 3);
  i->list_name = tx_store_column_text (stmt, 4);
  i->row = sqlite3_column_int (stmt, 5);
  i->name = tx_store_column_text (stmt, 6);
  i->birth_date = tx_store_column_text (stmt, 7);
  i->id_number = tx_store_column_text (stmt, 8);
  i->child_id = tx_store_column_text (stmt, 9);
  i->child_name = tx_store_column_text (stmt, 10);
  i->residence_division = tx_store_column_text (stmt, 11);
  i->rule = code_index (rule_codes, G_N_ELEMENTS (rule_codes), (const char *) sqlite3_column_text (stmt, 12),
                        TX_MATCH_NONE);
  i->differences = tx_store_column_text (stmt, 13);
  i->note = tx_store_column_text (stmt, 14);
  i->decision = tx_store_column_text (stmt, 15);
  i->decided_by = tx_store_column_text (stmt, 16);
  i->decided_at = tx_store_column_text (stmt, 17);
  i->done = sqlite3_column_int (stmt, 18);
  i->done_by = tx_store_column_text (stmt, 19);
  i->done_at = tx_store_column_text (stmt, 20);
  return i;
}

/**
 * tx_store_compare_items:
 * @kind: a #TxCompareKind, or -1 for all
 *
 * Returns: (transfer full) (element-type TxCompareItem): a round's
 *   findings, in the order they were found
 */
GPtrArray *
tx_store_compare_items (TxStore  *self,
                        gint64    round,
                        int       kind,
                        GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT " ITEM_COLUMNS " FROM compare_item WHERE round = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, round);
  tx_store_bind_text (stmt, 2, kind >= 0 ? tx_compare_kind_code (kind) : NULL);
  return tx_store_collect (self, stmt, read_item, (GDestroyNotify) tx_compare_item_free, error);
}

/**
 * tx_store_compare_items_page:
 * @kind: a #TxCompareKind, or -1 for all
 * @offset: the findings to skip
 * @limit: at most this many, 0 for all
 * @total: (out) (optional): how many findings of @kind the round has
 *
 * A page of a round's findings, for a list in the window.
 *
 * Returns: (transfer full) (element-type TxCompareItem): the findings,
 *   in the order they were found
 */
GPtrArray *
tx_store_compare_items_page (TxStore  *self,
                             gint64    round,
                             int       kind,
                             guint     offset,
                             guint     limit,
                             guint    *total,
                             GError  **error)
{
#define ROUND_ITEMS " FROM compare_item WHERE round = ?1 AND (?2 IS NULL OR kind = ?2)"
  sqlite3_stmt *page = tx_store_prepare (self, "SELECT " ITEM_COLUMNS ROUND_ITEMS " ORDER BY id LIMIT ?3 OFFSET ?4",
                                         error);
  sqlite3_stmt *count = page ? tx_store_prepare (self, "SELECT count(*)" ROUND_ITEMS, error) : NULL;
  const char *code = kind >= 0 ? tx_compare_kind_code (kind) : NULL;

  g_autoptr(GPtrArray) items = NULL;

  if (count == NULL)
    return NULL;
  sqlite3_bind_int64 (page, 1, round);
  tx_store_bind_text (page, 2, code);
  sqlite3_bind_int64 (page, 3, limit ? (gint64) limit : -1);
  sqlite3_bind_int64 (page, 4, offset);
  if (!(items = tx_store_collect (self, page, read_item, (GDestroyNotify) tx_compare_item_free, error)))
    return NULL;
  if (total)
    {
      sqlite3_bind_int64 (count, 1, round);
      tx_store_bind_text (count, 2, code);
      if (!tx_store_step_count (self, count, total, error))
        return NULL;
    }
  return g_steal_pointer (&items);
#undef ROUND_ITEMS
}

/**
 * tx_store_compare_item_get:
 *
 * Returns: (transfer full) (nullable): a finding, or %NULL with
 *   %TX_STORE_ERROR_NOT_FOUND
 */
TxCompareItem *
tx_store_compare_item_get (TxStore  *self,
                           gint64    item,
                           GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ITEM_COLUMNS " FROM compare_item WHERE id = ?1", error);
  g_autoptr(GPtrArray) found = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item);
  if (!(found = tx_store_collect (self, stmt, read_item, (GDestroyNotify) tx_compare_item_free, error)))
    return NULL;
  if (found->len == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("There is no finding %lld of a comparison; `tongxing-cli compare "
                     "tasks` shows the open ones."), (long long) item);
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

/* A round's counts by category, again from its findings: a possible
 * match decided moves (seen in the new-user walk: the counts stayed) */
static gboolean
recount (TxStore  *self,
         gint64    round,
         GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "UPDATE compare_round SET "
      "not_registered = (SELECT count(*) FROM compare_item WHERE round = ?1 AND kind = 'not_registered'), "
      "found = (SELECT count(*) FROM compare_item WHERE round = ?1 AND kind = 'found'), "
      "difference = (SELECT count(*) FROM compare_item WHERE round = ?1 AND kind = 'difference'), "
      "possible = (SELECT count(*) FROM compare_item WHERE round = ?1 AND kind = 'possible'), "
      "on_no_list = (SELECT count(*) FROM compare_item WHERE round = ?1 AND kind = 'on_no_list') "
      "WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, round);
  return tx_store_step_done (self, stmt, error);
}

/* A comparison's decision: the finding and its round, the child if one */
static gboolean
audit_item (TxStore              *self,
            const char           *kind,
            const TxCompareItem  *item,
            GError              **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_int_member (detail, "item", item->id);
  json_object_set_int_member (detail, "round", item->round);
  return tx_store_audit (self, kind, item->child_id, detail, error);
}

/**
 * tx_store_compare_item_decide:
 * @same: whether the entry is the registered child
 *
 * Decides a possible match. "Same" makes it a match found (with its
 * differences, if it has any); "not the same" leaves the entry to be
 * screened like one not registered.
 */
gboolean
tx_store_compare_item_decide (TxStore  *self,
                              gint64    item,
                              gboolean  same,
                              GError  **error)
{
  g_autoptr(TxCompareItem) found = tx_store_compare_item_get (self, item, error);
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  TxCompareKind kind;
  sqlite3_stmt *stmt;
  int depth;

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return FALSE;

  if (found == NULL)
    return FALSE;
  if (found->kind != TX_COMPARE_POSSIBLE && found->decision == NULL)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_INVALID,
                   _("Finding %lld is not a possible match; only those are decided."), (long long) item);
      return FALSE;
    }
  /* not the same child: an entry to be screened, like one not registered */
  kind = !same ? TX_COMPARE_NOT_REGISTERED
       : found->differences && g_strcmp0 (found->differences, "[]") != 0 ? TX_COMPARE_DIFFERENCE
       : TX_COMPARE_FOUND;
  if (!(stmt = tx_store_prepare (self, "UPDATE compare_item SET kind = ?2, decision = ?3, decided_by = ?4, "
                                       "decided_at = ?5, child = CASE WHEN ?3 = 'same' THEN child END "
                                       "WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  tx_store_bind_text (stmt, 2, tx_compare_kind_code (kind));
  tx_store_bind_text (stmt, 3, same ? "same" : "not_same");
  tx_store_bind_text (stmt, 4, who);
  tx_store_bind_text (stmt, 5, now);
  depth = tx_store_get_depth (self);
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!tx_store_step_done (self, stmt, error) || !recount (self, found->round, error) ||
      !audit_item (self, same ? "compare.same" : "compare.not-same", found, error) ||
      !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}

/* the task done, and the same child's other rows of the round */
static gboolean
set_done (TxStore              *self,
          const TxCompareItem  *found,
          gint64                item,
          const char           *child_id,
          const char           *who,
          const char           *now,
          GError              **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = tx_store_prepare (self, "UPDATE compare_item SET done = 1, done_by = ?2, done_at = ?3, "
                                       "child = coalesce(?4, child) WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item);
  tx_store_bind_text (stmt, 2, who);
  tx_store_bind_text (stmt, 3, now);
  tx_store_bind_text (stmt, 4, child_id);
  if (!tx_store_step_done (self, stmt, error))
    return FALSE;
  /* the same child on another list of the round is registered too (seen in
   * the new-user walk: the education list's row stayed to be screened after
   * the police list's row was registered) */
  if (child_id && found->kind == TX_COMPARE_NOT_REGISTERED)
    {
      if (!(stmt = tx_store_prepare (self,
              "UPDATE compare_item SET done = 1, done_by = ?2, done_at = ?3, child = ?4 "
              "WHERE round = ?5 AND kind = 'not_registered' AND done = 0 AND id <> ?1 AND "
              "((?6 IS NOT NULL AND id_number = ?6) OR (name = ?7 AND birth_date = ?8))", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, item);
      tx_store_bind_text (stmt, 2, who);
      tx_store_bind_text (stmt, 3, now);
      tx_store_bind_text (stmt, 4, child_id);
      sqlite3_bind_int64 (stmt, 5, found->round);
      tx_store_bind_text (stmt, 6, found->id_number && *found->id_number ? found->id_number : NULL);
      tx_store_bind_text (stmt, 7, found->name);
      tx_store_bind_text (stmt, 8, found->birth_date);
      if (!tx_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * tx_store_compare_item_set_done:
 * @child_id: (nullable): the child registered from an entry not
 *   registered, if one was
 *
 * Marks a task done: an entry screened (and registered), a difference
 * looked at, a child on no list checked.
 */
gboolean
tx_store_compare_item_set_done (TxStore     *self,
                                gint64       item,
                                const char  *child_id,
                                GError     **error)
{
  g_autoptr(TxCompareItem) found = tx_store_compare_item_get (self, item, error);
  g_autofree char *now = tx_store_now_iso ();
  g_autofree char *who = tx_store_get_worker (self);
  int depth;

  if (!tx_store_require (self, TX_PERMISSION_IMPORT, error))
    return FALSE;
  if (found == NULL)
    return FALSE;
  depth = tx_store_get_depth (self);
  if (!tx_store_begin (self, error))
    return FALSE;
  if (!set_done (self, found, item, child_id, who, now, error) ||
      !audit_item (self, "compare.done", found, error) || !tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}

/**
 * tx_store_compare_tasks:
 * @limit: at most this many, 0 for all
 * @total: (out) (optional): how many tasks are open in all
 *
 * The open tasks of the latest round: entries not registered and not yet
 * screened, differences not looked at, possible matches not decided
 * (or decided "not the same": to be screened), children on no list not
 * yet checked. The roster's filter of the same is
 * TxChildQuery.compare_task.
 *
 * Returns: (transfer full) (element-type TxCompareItem): the tasks
 */
GPtrArray *
tx_store_compare_tasks (TxStore  *self,
                        guint     limit,
                        guint    *total,
                        GError  **error)
{
#define OPEN_TASKS " FROM compare_item WHERE round = (SELECT MAX(id) FROM compare_round) AND done = 0 " \
  "AND kind IN ('not_registered', 'difference', 'possible', 'on_no_list') " \
  "AND (kind <> 'possible' OR decision IS NULL OR decision = 'not_same')"
  sqlite3_stmt *page = tx_store_prepare (self, "SELECT " ITEM_COLUMNS OPEN_TASKS " ORDER BY id LIMIT ?1", error);
  sqlite3_stmt *count = page ? tx_store_prepare (self, "SELECT count(*)" OPEN_TASKS, error) : NULL;

  if (count == NULL)
    return NULL;
  return tx_store_collect_page (self, page, 1, count, read_item, (GDestroyNotify) tx_compare_item_free,
                                limit, total, error);
}
