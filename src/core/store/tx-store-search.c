/* tx-store-search.c — finding children: the name grams, the roster's queries and the due lists
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-pinyin.h"
#include "tx-schedule.h"
#include "tx-store-private.h"
#include "tx-store-versions.h"

char *
tx_store_reversed (const char *s)
{
  return s ? g_strreverse (g_strdup (s)) : NULL;
}

/* Steps @stmt — (?1 gram, ?2 sort key, ?3 child) — once for every
 * character of @name and every pair of neighbouring characters */
static gboolean
step_grams (TxStore       *self,
            sqlite3_stmt  *stmt,
            gint64         rowid,
            const char    *name,
            const char    *sort_key,
            GError       **error)
{
  if (stmt == NULL)
    return FALSE;
  for (const char *p = name; p && *p; p = g_utf8_next_char (p))
    {
      const char *q = g_utf8_next_char (p);
      const char *r = *q ? g_utf8_next_char (q) : q;

      for (int len = 0; len < 2; len++)
        {
          const char *end = len == 0 ? q : r;
          if (len == 1 && *q == 0)
            break;
          sqlite3_bind_text (stmt, 1, p, end - p, SQLITE_TRANSIENT);
          tx_store_bind_text (stmt, 2, sort_key);
          sqlite3_bind_int64 (stmt, 3, rowid);
          if (!tx_store_step_done (self, stmt, error))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
tx_store_insert_grams (TxStore     *self,
                       gint64       rowid,
                       const char  *name,
                       const char  *sort_key,
                       GError     **error)
{
  /* whether the child is on the register (schema 27) and a key-care child
   * (28), as the row says now */
  return step_grams (self, tx_store_prepare (self,
      "INSERT OR IGNORE INTO name_gram (gram, sort_key, child, active, key_care) "
      "SELECT ?1, ?2, ?3, register = 'active', f_key_care IS 'yes' FROM child WHERE rowid = ?3", error),
      rowid, name, sort_key, error);
}

/* The stored name and sort key of a child; %FALSE with @error set if the
 * read failed, TRUE with *@name %NULL for a child without a name */
static gboolean
stored_name (TxStore     *self,
             gint64       rowid,
             char       **name,
             char       **sort_key,
             GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT f_name, sort_key FROM child WHERE rowid = ?1", error);
  int rc;

  *name = *sort_key = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, rowid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *name = tx_store_column_text (stmt, 0);
      *sort_key = tx_store_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* Steps @sql, of (?1 gram, ?2 sort key, ?3 child), for each gram of the
 * child's name as stored, by the grams' key: a few lookups whatever the
 * size of the store */
static gboolean
step_name_grams (TxStore     *self,
                 gint64       rowid,
                 const char  *sql,
                 GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *sort_key = NULL;

  if (!stored_name (self, rowid, &name, &sort_key, error))
    return FALSE;
  if (name == NULL)
    return TRUE;
  return step_grams (self, tx_store_prepare (self, sql, error), rowid, name, sort_key, error);
}

/**
 * tx_store_mark_grams:
 *
 * Marks the child's name grams as on the register or not, and key care or
 * not, as the row says now: for a change that leaves the name as it was
 * (an exit, a reopening, a transfer), each gram by its key.
 */
gboolean
tx_store_mark_grams (TxStore     *self,
                     gint64       rowid,
                     GError     **error)
{
  return step_name_grams (self, rowid,
      "UPDATE name_gram SET (active, key_care) = (SELECT register = 'active', f_key_care IS 'yes' "
      "FROM child WHERE rowid = ?3) WHERE gram = ?1 AND sort_key = ?2 AND child = ?3", error);
}

/* Deletes the grams of the child's name as stored: each by the table's key
 * (gram, sort key, child), a few lookups whatever the size of the store.
 * (Asking for "child = ?" instead walked the whole table: its key starts
 * with the gram; issue #18.) The name and sort key are only ever written
 * together with their grams (write_record, tx_store_child_erase). */
gboolean
tx_store_delete_grams (TxStore     *self,
                       gint64       rowid,
                       GError     **error)
{
  return step_name_grams (self, rowid,
      "DELETE FROM name_gram WHERE gram = ?1 AND sort_key = ?2 AND child = ?3", error);
}

/* Fills the search columns and grams of every record; used by migration 2 */
gboolean
tx_store_index_names (TxStore   *self,
                      GError   **error)
{
  sqlite3_stmt *sel = NULL, *upd = NULL;
  int rc;

  if (sqlite3_prepare_v2 (self->db, "SELECT rowid, f_name, f_id_number FROM child "
                          "WHERE deleted = 0", -1, &sel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (self->db, "UPDATE child SET sort_key = ?2, initials = ?3, "
                          "given_initials = ?4, id_rev = ?5 WHERE rowid = ?1",
                          -1, &upd, NULL) != SQLITE_OK)
    {
      rc = sqlite3_errcode (self->db);
      sqlite3_finalize (sel);
      sqlite3_finalize (upd);
      return tx_store_set_error (self, rc, error);
    }

  while ((rc = sqlite3_step (sel)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (sel, 0);
      const char *name = (const char *) sqlite3_column_text (sel, 1);
      g_autofree char *key = tx_pinyin_sort_key (name);
      g_autofree char *ini = tx_pinyin_initials (name);
      g_autofree char *id_rev = tx_store_reversed ((const char *) sqlite3_column_text (sel, 2));

      sqlite3_bind_int64 (upd, 1, rowid);
      tx_store_bind_text (upd, 2, key);
      tx_store_bind_text (upd, 3, ini);
      tx_store_bind_text (upd, 4, ini[0] ? g_utf8_next_char (ini) : ini);
      tx_store_bind_text (upd, 5, id_rev);
      rc = sqlite3_step (upd);
      sqlite3_reset (upd);
      if (rc != SQLITE_DONE)
        break;
      if (name && !step_grams (self, tx_store_prepare (self, "INSERT OR IGNORE INTO name_gram (gram, sort_key, "
                                                         "child) VALUES (?1, ?2, ?3)", error),
                               rowid, name, key, error))
        {
          sqlite3_finalize (sel);
          sqlite3_finalize (upd);
          return FALSE;
        }
    }
  sqlite3_finalize (sel);
  sqlite3_finalize (upd);
  if (rc != SQLITE_DONE)
    return tx_store_set_error (self, rc, error);
  return TRUE;
}

/* Queries */

void
tx_child_row_free (TxChildRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->gender);
  g_free (row->birth_date);
  g_free (row->id_number);
  g_free (row->residence_division);
  g_free (row->category);
  g_free (row->guardianship);
  g_free (row->migration_scope);
  g_free (row->key_care_reasons);
  g_free (row->next_visit_due);
  g_free (row->info_refresh_due);
  g_free (row->eligible_from);
  g_free (row->register_state);
  g_free (row->exit_reason);
  g_free (row->exit_date);
  g_free (row->ages_out);
  g_free (row);
}

static TxChildRow *
read_row (sqlite3_stmt *stmt)
{
  TxChildRow *row = g_new0 (TxChildRow, 1);
  const unsigned char *kc;

  row->rowid = sqlite3_column_int64 (stmt, 0);
  row->id = tx_store_column_text (stmt, 1);
  row->name = tx_store_column_text (stmt, 2);
  row->gender = tx_store_column_text (stmt, 3);
  row->birth_date = tx_store_column_text (stmt, 4);
  row->id_number = tx_store_column_text (stmt, 5);
  row->residence_division = tx_store_column_text (stmt, 6);
  row->category = tx_store_column_text (stmt, 7);
  row->guardianship = tx_store_column_text (stmt, 8);
  row->migration_scope = tx_store_column_text (stmt, 9);
  row->key_care_reasons = tx_store_column_text (stmt, 10);
  kc = sqlite3_column_text (stmt, 11);
  row->key_care = kc && g_str_equal ((const char *) kc, "yes");
  row->complete = sqlite3_column_int (stmt, 12);
  row->eligible = sqlite3_column_int (stmt, 13);
  row->draft = sqlite3_column_int (stmt, 14);
  row->next_visit_due = tx_store_column_text (stmt, 15);
  row->urgent = sqlite3_column_int (stmt, 16);
  row->info_refresh_due = tx_store_column_text (stmt, 17);
  row->eligible_from = tx_store_column_text (stmt, 18);
  row->register_state = tx_store_column_text (stmt, 19);
  row->exit_reason = tx_store_column_text (stmt, 20);
  row->exit_date = tx_store_column_text (stmt, 21);
  row->ages_out = tx_store_column_text (stmt, 22);
  return row;
}

/* The exclusive upper bound of the strings starting with @prefix */
static char *
prefix_end (const char *prefix)
{
  char *end = g_strdup (prefix);
  gsize len = strlen (end);

  if (len > 0)
    end[len - 1]++;
  return end;
}

typedef enum { SEARCH_NONE, SEARCH_ID, SEARCH_LETTERS, SEARCH_GRAM } SearchKind;

static GArray *page_rowids (TxStore *self, const TxChildQuery *query, guint offset, guint limit,
                            GError **error);

typedef struct {
  GString   *sql;
  GPtrArray *params;   /* strings, bound in order */
} Query;

static void
param (Query      *q,
       const char *value)
{
  g_ptr_array_add (q->params, g_strdup (value));
}

static SearchKind
classify (const char *text)
{
  gsize len = text ? strlen (text) : 0;
  gboolean digits = TRUE, letters = TRUE;

  if (len == 0)
    return SEARCH_NONE;
  for (gsize i = 0; i < len; i++)
    {
      char c = text[i];
      if (!g_ascii_isdigit (c) && !(c == 'X' || c == 'x'))
        digits = FALSE;
      if (!g_ascii_isalpha (c))
        letters = FALSE;
    }
  /* a lone x is a letter, 1234x is the end of an identity number */
  if (digits && g_ascii_isdigit (text[0]))
    return SEARCH_ID;
  if (letters)
    return SEARCH_LETTERS;
  return SEARCH_GRAM;
}

/*
 * Builds the query for @q. @what is the column list, or "count(*)".
 * Searches by name go through the gram table, whose primary key already
 * orders by sort key, so the first page needs no sort.
 */
/* Full-width characters become ASCII (NFKC) and spaces go: “张 小明”,
 * “ｚｘｍ” and “１２３４” are what an input method may give */
static char *
normalize_search (const char *text)
{
  g_autofree char *nfkc = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *s;

  if (nfkc == NULL)
    return NULL;
  s = g_string_new (NULL);
  for (const char *p = nfkc; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c))
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

#define GIVEN(s) ((s) != NULL && *(s) != 0)

/* Whether @cq asks none of the filters no tally, gram mark or child_state
 * holds (category, guardianship, completeness, eligibility, due dates,
 * urgency, a comparison's tasks, a past day's register, ageing out); an
 * empty string is no condition, as in build_query() */
static gboolean
asks_no_row_filter (const TxChildQuery *cq)
{
  return !GIVEN (cq->category) && !GIVEN (cq->guardianship) && !cq->incomplete_only &&
         !cq->ineligible_only && !GIVEN (cq->overdue_before) && !cq->urgent_only && !cq->compare_task &&
         !GIVEN (cq->refresh_before) && !GIVEN (cq->registered_on) && !GIVEN (cq->ages_out_before);
}

/* Whether every column of child that @cq's conditions and name order ask
 * for is in child_state (schema 23), so that a search's count and row ids
 * read that index for each child the search finds, not the child's row:
 * a name's first character finds 70,000 children at a million, and their
 * rows lie on as many pages (issue #18) */
static gboolean
state_covers (const TxChildQuery *cq,
              SearchKind          kind,
              const char         *search)
{
  const char *second = kind == SEARCH_GRAM ? g_utf8_next_char (search) : NULL;

  /* three characters or more are matched against the whole name */
  if (kind == SEARCH_NONE || (second && *second && *g_utf8_next_char (second)))
    return FALSE;
  return cq->order == TX_CHILD_ORDER_NAME && asks_no_row_filter (cq) &&
         (cq->register_filter != TX_REGISTER_FILTER_LEFT || (!GIVEN (cq->exit_reason) && !GIVEN (cq->exited_after)));
}

/* Whether a one- or two-character search @search with @cq's conditions
 * is answered by the grams alone: no condition but the register's and key
 * care, in name order, for anybody but a director */
static gboolean
grams_hold (const TxChildQuery *cq,
            const char         *villages,
            const char         *search)
{
  const char *second = g_utf8_next_char (search);

  return !(*second && *g_utf8_next_char (second)) && villages == NULL && cq->order == TX_CHILD_ORDER_NAME &&
         !cq->descending && !GIVEN (cq->division) && asks_no_row_filter (cq) &&
         !GIVEN (cq->exit_reason) && !GIVEN (cq->exited_after);
}

/* The two ranges of identity digits @search asks for: numbers that start
 * with them, and numbers that end with them (id_rev, reversed) */
static void
id_params (Query      *q,
           const char *search)
{
  g_autofree char *up = g_ascii_strup (search, -1);
  g_autofree char *rev = tx_store_reversed (up);

  param (q, up);
  g_ptr_array_add (q->params, prefix_end (up));
  param (q, rev);
  g_ptr_array_add (q->params, prefix_end (rev));
}

static void
build_query (const TxChildQuery *cq,
             const char         *villages,
             const char         *what,
             gboolean            ordered,
             Query              *q)
{
  g_autofree char *search = normalize_search (cq->search);
  SearchKind kind = classify (search);
  /* each order's first key, and whether it runs backwards by nature (the
   * youngest have the latest birth dates); ties are broken by name, then
   * by row, so the order is total */
  static const struct { const char *expr; gboolean reversed; } keys[] = {
    [TX_CHILD_ORDER_NAME] = { NULL, FALSE },
    [TX_CHILD_ORDER_AGE] = { "c.f_birth_date", TRUE },
    [TX_CHILD_ORDER_GENDER] = { "c.f_gender", FALSE },
    [TX_CHILD_ORDER_ID_NUMBER] = { "c.f_id_number", FALSE },
    [TX_CHILD_ORDER_VILLAGE] = { "c.f_residence_division", FALSE },
    [TX_CHILD_ORDER_CATEGORY] = { "c.f_child_category", FALSE },
    [TX_CHILD_ORDER_GUARDIANSHIP] = { "CASE c.f_guardianship WHEN 'good' THEN 0 WHEN 'average' "
                                      "THEN 1 WHEN 'poor' THEN 2 ELSE 3 END", FALSE },
    [TX_CHILD_ORDER_KEY_CARE] = { "c.f_key_care = 'yes'", TRUE },
    [TX_CHILD_ORDER_STATUS] = { "CASE WHEN c.draft THEN 0 WHEN NOT c.complete THEN 1 "
                                "WHEN NOT " ELIGIBLE_NOW " THEN 2 ELSE 3 END", FALSE },
    [TX_CHILD_ORDER_NEXT_VISIT] = { "c.next_visit_due", FALSE },
    [TX_CHILD_ORDER_INFO_REFRESH] = { "c.info_refresh_due", FALSE },
  };
  const char *order = "c.sort_key, c.rowid";
  /* a count or the row ids, not the rows */
  gboolean ids_or_count = g_str_equal (what, "count(*)") || g_str_equal (what, "c.rowid");
  /* whose conditions child_state holds (and for ID digits, the identity
   * number's indexes): read for each child found, where the planner would
   * look the row up by its rowid */
  gboolean covered = ids_or_count && state_covers (cq, kind, search);
  const char *state = covered ? " INDEXED BY child_state" : "";
  gboolean grams_only = kind == SEARCH_GRAM && ids_or_count && grams_hold (cq, villages, search);
  /* with no search, a filter that has an index of its own reads it: with
   * no statistics the planner walks the name order's index instead and
   * looks every child up (the calendar's children ageing out, the overdue
   * filter, a director's roster: 15 s at a million, issue #18); the few
   * matches are then sorted */
  const char *by_filter = kind != SEARCH_NONE || covered ? ""
                          : cq->urgent_only ? " INDEXED BY child_urgent"
                          : GIVEN (cq->ages_out_before) ? " INDEXED BY child_ages_out"
                          : GIVEN (cq->overdue_before) ? " INDEXED BY child_next_visit"
                          : GIVEN (cq->refresh_before) ? " INDEXED BY child_info_refresh"
                          /* those who left: the window's notice of who aged out since it last said
                           * walked every child at a million, holding the worker as the window opened */
                          : cq->register_filter == TX_REGISTER_FILTER_LEFT &&
                            !GIVEN (cq->registered_on) ? " INDEXED BY child_exited"
                          : villages || GIVEN (cq->division) ? " INDEXED BY child_village" : "";

  q->sql = g_string_new (NULL);
  q->params = g_ptr_array_new_with_free_func (g_free);

  if (grams_only)
    {
      /* one or two characters and no condition but the register: the
       * grams of that character, in name order, and nothing else read (a
       * deleted child has no grams; schema 27 marks those on the register) */
      g_string_printf (q->sql, "SELECT %s FROM name_gram g WHERE g.gram = ?%s%s",
                       g_str_equal (what, "c.rowid") ? "g.child" : what,
                       cq->register_filter == TX_REGISTER_FILTER_ACTIVE ? " AND g.active = 1"
                       : cq->register_filter == TX_REGISTER_FILTER_LEFT ? " AND g.active = 0" : "",
                       cq->key_care_only ? " AND g.key_care = 1" : "");
      param (q, search);
      order = "g.sort_key, g.child";
    }
  else if (kind == SEARCH_GRAM)
    {
      g_autofree char *gram = NULL;
      const char *second = g_utf8_next_char (search);
      const char *third = *second ? g_utf8_next_char (second) : second;

      gram = g_strndup (search, third - search);
      g_string_printf (q->sql, "SELECT %s FROM name_gram g CROSS JOIN child c%s "
                       "ON c.rowid = g.child WHERE g.gram = ? AND c.deleted = 0", what, state);
      param (q, gram);
      if (*third)
        {
          g_string_append (q->sql, " AND instr(c.f_name, ?) > 0");
          param (q, search);
        }
      order = "g.sort_key, g.child";
    }
  else if (kind == SEARCH_ID && covered)
    {
      /* the identity number's two indexes hold every condition asked
       * (schema 29): their two ranges are all that is read, not each
       * child found looked up in child_state for its place in name order */
      g_string_printf (q->sql, "SELECT %s FROM ("
                       "SELECT rowid, register, f_key_care, sort_key, f_residence_division "
                       "FROM child INDEXED BY child_id_number "
                       "WHERE deleted = 0 AND f_id_number >= ? AND f_id_number < ? UNION "
                       "SELECT rowid, register, f_key_care, sort_key, f_residence_division "
                       "FROM child INDEXED BY child_id_rev "
                       "WHERE deleted = 0 AND id_rev >= ? AND id_rev < ?) c WHERE 1", what);
      id_params (q, search);
    }
  else
    {
      g_string_printf (q->sql, "SELECT %s FROM child c%s%s WHERE c.deleted = 0", what, state, by_filter);
      if (kind == SEARCH_ID)
        {
          g_string_append (q->sql, " AND c.rowid IN ("
                           "SELECT rowid FROM child WHERE deleted = 0 AND f_id_number >= ? AND f_id_number < ? "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND id_rev >= ? AND id_rev < ?)");
          id_params (q, search);
        }
      else if (kind == SEARCH_LETTERS)
        {
          g_autofree char *low = g_ascii_strdown (search, -1);
          g_autofree char *low_end = prefix_end (low);

          g_string_append (q->sql, " AND c.rowid IN ("
                           "SELECT rowid FROM child WHERE deleted = 0 AND initials >= ?1x AND initials < ?2x "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND given_initials >= ?1x AND given_initials < ?2x "
                           "UNION SELECT rowid FROM child WHERE deleted = 0 AND sort_key >= ?1x AND sort_key < ?2x)");
          /* positional parameters only: repeat the values */
          g_string_replace (q->sql, "?1x", "?", 0);
          g_string_replace (q->sql, "?2x", "?", 0);
          for (int i = 0; i < 3; i++)
            {
              param (q, low);
              param (q, low_end);
            }
        }
    }

  /* a day in the past has its own register (registered_on below); the
   * grams alone said it already */
  if ((cq->registered_on && *cq->registered_on) || grams_only)
    ;
  else if (cq->register_filter == TX_REGISTER_FILTER_ACTIVE)
    g_string_append (q->sql, " AND c.register = 'active'");
  else if (cq->register_filter == TX_REGISTER_FILTER_LEFT)
    {
      g_string_append (q->sql, " AND c.register <> 'active'");
      if (cq->exit_reason && *cq->exit_reason)
        {
          g_string_append (q->sql, " AND c.exit_reason = ?");
          param (q, cq->exit_reason);
        }
      if (cq->exited_after && *cq->exited_after)
        {
          g_string_append (q->sql, " AND c.exit_date > ?");
          param (q, cq->exited_after);
        }
    }
  if (cq->ages_out_before && *cq->ages_out_before)
    {
      g_string_append (q->sql, " AND c.register = 'active' AND c.ages_out < ?");
      param (q, cq->ages_out_before);
    }
  /* a child director's villages (tx-store-roles.c): through the
   * child_village index, and no condition at all for anybody else */
  if (villages)
    {
      g_string_append (q->sql, " AND c.f_residence_division IN (SELECT value FROM json_each(?))");
      param (q, villages);
    }
  if (cq->division && *cq->division)
    {
      g_autofree char *end = prefix_end (cq->division);
      g_string_append (q->sql, " AND c.f_residence_division >= ? AND c.f_residence_division < ?");
      param (q, cq->division);
      param (q, end);
    }
  if (cq->category && *cq->category)
    {
      g_string_append (q->sql, " AND instr(',' || c.f_child_category || ',', ',' || ? || ',') > 0");
      param (q, cq->category);
    }
  if (cq->guardianship && *cq->guardianship)
    {
      g_string_append (q->sql, " AND c.f_guardianship = ?");
      param (q, cq->guardianship);
    }
  if (cq->key_care_only && !grams_only)
    g_string_append (q->sql, " AND c.f_key_care = 'yes'");
  if (cq->incomplete_only)
    g_string_append (q->sql, " AND c.complete = 0");
  if (cq->ineligible_only)
    g_string_append (q->sql, " AND NOT " ELIGIBLE_NOW);
  if (cq->overdue_before && *cq->overdue_before)
    {
      g_string_append (q->sql, " AND c.next_visit_due < ?");
      param (q, cq->overdue_before);
    }
  if (cq->urgent_only)
    g_string_append (q->sql, " AND c.urgent = 1");
  if (cq->compare_task)
    g_string_append (q->sql, " AND c.uuid IN (SELECT child FROM compare_item WHERE round = "
                             "(SELECT MAX(id) FROM compare_round) AND child IS NOT NULL AND done = 0 "
                             "AND kind IN ('difference', 'possible', 'on_no_list') AND (kind <> 'possible' OR decision IS NULL))");
  if (cq->refresh_before && *cq->refresh_before)
    {
      g_string_append (q->sql, " AND c.info_refresh_due < ?");
      param (q, cq->refresh_before);
    }
  if (cq->registered_on && *cq->registered_on)
    {
      /* on the register that day: not aged out by then (the age limits of
       * the child's categories), not left before it, and eligible by then:
       * six months here */
      g_string_append (q->sql, " AND c.draft = 0 AND c.complete = 1 AND c.eligible = 1"
                               " AND (c.ages_out IS NULL OR c.ages_out > ?)"
                               " AND (c.register = 'active' OR c.exit_date > ?)"
                               " AND (c.eligible_from IS NULL OR c.eligible_from <= ?)");
      param (q, cq->registered_on);
      param (q, cq->registered_on);
      param (q, cq->registered_on);
    }
  /* the page after a child in name order: a range of the index from that
   * child's key on, however far down the list it is (an OFFSET walks
   * every entry before it: 29 ms at a million, issue #18) */
  if (cq->after && *cq->after && cq->order == TX_CHILD_ORDER_NAME)
    {
      g_string_append_printf (q->sql, " AND (%s) %s (SELECT sort_key, rowid FROM child WHERE uuid = ?)",
                              order, cq->descending ? "<" : ">");
      param (q, cq->after);
    }
  if (ordered)
    {
      TxChildOrder o = (guint) cq->order < G_N_ELEMENTS (keys) ? cq->order : TX_CHILD_ORDER_NAME;

      if (o == TX_CHILD_ORDER_NAME && cq->descending)
        {
          /* the name order itself, every key reversed */
          g_auto(GStrv) parts = g_strsplit (order, ", ", -1);
          g_autofree char *joined = g_strjoinv (" DESC, ", parts);
          g_string_append_printf (q->sql, " ORDER BY %s DESC", joined);
        }
      else if (o == TX_CHILD_ORDER_NAME)
        g_string_append_printf (q->sql, " ORDER BY %s", order);
      else
        {
          gboolean backwards = keys[o].reversed != cq->descending;
          /* children without a value come last either way */
          g_string_append_printf (q->sql, " ORDER BY %s IS NULL, %s%s, %s", keys[o].expr,
                                  keys[o].expr, backwards ? " DESC" : "", order);
        }
    }
}

static void
query_clear (Query *q)
{
  g_string_free (q->sql, TRUE);
  g_ptr_array_unref (q->params);
}

static sqlite3_stmt *
prepare_query (TxStore  *self,
               Query    *q,
               GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, q->sql->str, error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < q->params->len; i++)
    tx_store_bind_text (stmt, i + 1, q->params->pdata[i]);
  return stmt;
}

static gpointer
read_due_row (sqlite3_stmt *stmt)
{
  TxDueRow *row = g_new0 (TxDueRow, 1);
  const unsigned char *kc = sqlite3_column_text (stmt, 5);

  row->id = tx_store_column_text (stmt, 0);
  row->name = tx_store_column_text (stmt, 1);
  row->due_date = tx_store_column_text (stmt, 2);
  row->residence_division = tx_store_column_text (stmt, 3);
  row->guardianship = tx_store_column_text (stmt, 4);
  row->key_care = kc && g_str_equal ((const char *) kc, "yes");
  row->birth_date = tx_store_column_text (stmt, 6);
  row->phone = tx_store_column_text (stmt, 7);
  row->ages_out = tx_store_column_text (stmt, 8);
  return row;
}

/* Whether @cq asks for the children on the register with no other
 * condition than, perhaps, key care (an empty string is no condition, as
 * in build_query()) */
static gboolean
asks_register_only (const TxChildQuery *cq)
{
  g_autofree char *search = normalize_search (cq->search);

  return !GIVEN (search) && !GIVEN (cq->division) && asks_no_row_filter (cq) &&
         cq->register_filter == TX_REGISTER_FILTER_ACTIVE && !GIVEN (cq->after);
}

/**
 * tx_store_child_list:
 * @query: what to look for; an all-zero query lists everyone
 *
 * Rows in pinyin order of the names.
 *
 * Returns: (transfer full) (element-type TxChildRow): a page of rows
 */
GPtrArray *
tx_store_child_list (TxStore             *self,
                     const TxChildQuery  *query,
                     guint                offset,
                     guint                limit,
                     GError             **error)
{
  g_autoptr(GArray) ids = page_rowids (self, query, offset, limit, error);

  /* the page's row ids first, from the indexes where they hold the
   * conditions, then the page's rows: a search's candidates are not read
   * in full to be sorted (tx_store_child_rows_by_rowid keeps the order) */
  if (ids == NULL)
    return NULL;
  return tx_store_child_rows_by_rowid (self, (const gint64 *) (gpointer) ids->data, ids->len, error);
}

gint64
tx_store_child_count (TxStore             *self,
                      const TxChildQuery  *query,
                      GError             **error)
{
  g_autofree char *mine = tx_store_villages_json (self);
  Query q;
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  /* everybody on the register, or the key-care children among them:
   * the tally the triggers keep (schema 22), not a count of the index */
  if (mine == NULL && asks_register_only (query))
    {
      stmt = tx_store_prepare (self, query->key_care_only ? "SELECT key_care FROM child_tally WHERE id = 1"
                                                          : "SELECT on_register FROM child_tally WHERE id = 1",
                               error);
      if (stmt == NULL)
        return -1;
      rc = sqlite3_step (stmt);
      n = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        n = -1, tx_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return n;
    }

  build_query (query, mine, "count(*)", FALSE, &q);
  stmt = prepare_query (self, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    tx_store_set_error (self, rc, error);
  sqlite3_reset (stmt);
  return n;
}

/**
 * tx_store_child_rowids:
 *
 * The row ids of every match in list order: what a roster needs to page
 * rows on demand (8 bytes a child) without reading them.
 *
 * Returns: (transfer full) (element-type gint64): the row ids
 */
GArray *
tx_store_child_rowids (TxStore             *self,
                       const TxChildQuery  *query,
                       GError             **error)
{
  return page_rowids (self, query, 0, G_MAXUINT, error);
}

/* The row ids of @limit matches from @offset on, in list order;
 * G_MAXUINT for all of them */
static GArray *
page_rowids (TxStore             *self,
             const TxChildQuery  *query,
             guint                offset,
             guint                limit,
             GError             **error)
{
  g_autofree char *mine = tx_store_villages_json (self);
  Query q;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  build_query (query, mine, "c.rowid", TRUE, &q);
  if (limit != G_MAXUINT)
    g_string_append (q.sql, " LIMIT ? OFFSET ?");
  stmt = prepare_query (self, &q, error);
  if (stmt != NULL && limit != G_MAXUINT)
    {
      sqlite3_bind_int64 (stmt, q.params->len + 1, limit);
      sqlite3_bind_int64 (stmt, q.params->len + 2, offset);
    }
  query_clear (&q);
  if (stmt == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_array_unref (ids);
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return ids;
}

/**
 * tx_store_child_foreach:
 * @query: which children, in which order; an all-zero query is everyone
 * @func: called with each record, which it may keep; returns %FALSE to stop
 * @cancellable: (nullable): stops the walk with %G_IO_ERROR_CANCELLED
 *
 * Walks the full records of the children a query finds, one statement
 * stepping through them, so a county's 200,000 cost one record at a time.
 *
 * Returns: %FALSE with @error set if reading failed or was cancelled
 */
gboolean
tx_store_child_foreach (TxStore              *self,
                        const TxChildQuery   *query,
                        TxChildFunc           func,
                        gpointer              user_data,
                        GCancellable         *cancellable,
                        GError              **error)
{
  g_autofree char *mine = tx_store_villages_json (self);
  Query q;
  sqlite3_stmt *stmt;
  int rc;
  guint n = 0;

  build_query (query, mine, self->record_columns, TRUE, &q);
  stmt = prepare_query (self, &q, error);
  query_clear (&q);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(TxRecord) r = tx_store_record_from_row (stmt);

      if ((++n % 256) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      if (!func (r, user_data))
        break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return tx_store_set_error (self, rc, error);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/**
 * tx_store_child_rows_by_rowid:
 *
 * Returns: (transfer full) (element-type TxChildRow): the rows, in the order
 *   asked; a row deleted meanwhile (or, for a child director, of another
 *   village) is left out
 */
GPtrArray *
tx_store_child_rows_by_rowid (TxStore       *self,
                              const gint64  *rowids,
                              guint          n,
                              GError       **error)
{
  /* the row ids come from tx_store_child_rowids(), which a director's
   * villages bound already; a row of another village is left out too */
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ROW_COLUMNS " FROM child c "
                                         "WHERE c.rowid = ?1 AND c.deleted = 0"
                                         TX_MINE ("c.f_residence_division", 2), error);
  g_autofree char *mine = tx_store_villages_json (self);
  GPtrArray *rows;

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 2, mine);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_child_row_free);
  for (guint i = 0; i < n; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, rowids[i]);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        g_ptr_array_add (rows, read_row (stmt));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          g_ptr_array_unref (rows);
          tx_store_set_error (self, rc, error);
          return NULL;
        }
    }
  return rows;
}

void
tx_due_row_free (TxDueRow *row)
{
  if (row == NULL)
    return;
  g_free (row->id);
  g_free (row->name);
  g_free (row->due_date);
  g_free (row->residence_division);
  g_free (row->guardianship);
  g_free (row->birth_date);
  g_free (row->phone);
  g_free (row->ages_out);
  g_free (row);
}

/**
 * tx_store_visits_due:
 * @from: (nullable): the first due date listed, ISO; %NULL for no limit
 * @to: (nullable): the last due date listed, ISO; %NULL for no limit
 *
 * Children whose next home visit falls between the two dates, by due date
 * then name. Reads only those children, through the due-date index.
 *
 * Returns: (transfer full) (element-type TxDueRow): the children
 */
GPtrArray *
tx_store_visits_due (TxStore     *self,
                     const char  *from,
                     const char  *to,
                     GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "SELECT uuid, f_name, next_visit_due, f_residence_division, f_guardianship, f_key_care, "
      "f_birth_date, f_contact_phone, ages_out "
      "FROM child WHERE deleted = 0 AND next_visit_due >= ?1 AND next_visit_due <= ?2"
      TX_MINE ("f_residence_division", 3) " ORDER BY next_visit_due, sort_key", error);
  g_autofree char *mine = tx_store_villages_json (self);

  if (stmt == NULL)
    return NULL;
  tx_store_bind_text (stmt, 1, from ? from : "0000-00-00");
  tx_store_bind_text (stmt, 2, to ? to : "9999-99-99");
  tx_store_bind_text (stmt, 3, mine);
  return tx_store_collect (self, stmt, (TxRowReader) read_due_row,
                           (GDestroyNotify) tx_due_row_free, error);
}

/**
 * tx_store_division_end:
 * @division: (nullable): a division code, as a prefix of residence codes
 *
 * The first code past every code that starts with @division, so that
 * `code >= division AND code < end` reads the prefix through an index.
 *
 * Returns: (transfer full) (nullable): the end, %NULL for no division
 */
char *
tx_store_division_end (const char *division)
{
  char *end;

  if (division == NULL || *division == 0)
    return NULL;
  end = g_strdup (division);
  end[strlen (end) - 1]++;
  return end;
}

/**
 * tx_store_due_page:
 * @from: (nullable): the first due date listed, ISO; %NULL for no limit
 * @to: (nullable): the last due date listed, ISO; %NULL for no limit
 * @division: (nullable): only children living in this village or township
 * @limit: at most this many rows, 0 for all
 * @total: (out) (optional): how many children there are in all
 *
 * The first page of tx_store_visits_due(), read through the due-date index:
 * the oldest due first, so a county's thousands of overdue children cost a
 * page and a count, not a list.
 *
 * Returns: (transfer full) (element-type TxDueRow): the children
 */
GPtrArray *
tx_store_due_page (TxStore     *self,
                   const char  *from,
                   const char  *to,
                   const char  *division,
                   guint        limit,
                   guint       *total,
                   GError     **error)
{
  g_autofree char *end = tx_store_division_end (division);
  sqlite3_stmt *stmts[2] = {
    tx_store_prepare (self,
        "SELECT uuid, f_name, next_visit_due, f_residence_division, f_guardianship, f_key_care, "
        "f_birth_date, f_contact_phone, ages_out "
        "FROM child WHERE deleted = 0 AND next_visit_due >= ?1 AND next_visit_due <= ?2 "
        "AND (?3 IS NULL OR (f_residence_division >= ?3 AND f_residence_division < ?4))"
        TX_MINE ("f_residence_division", 6) " ORDER BY next_visit_due, sort_key LIMIT ?5", error),
    /* the count from the tally of due days (schema 24): a row a day and
     * village, not an index entry a child */
    tx_store_prepare (self,
        "SELECT ifnull (sum(n), 0) FROM due_tally WHERE day >= ?1 AND day <= ?2 "
        "AND (?3 IS NULL OR (village >= ?3 AND village < ?4))"
        TX_MINE ("village", 6), error),
  };
  g_autofree char *mine = tx_store_villages_json (self);

  if (stmts[0] == NULL || stmts[1] == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (stmts); i++)
    {
      tx_store_bind_text (stmts[i], 1, from ? from : "0000-00-00");
      tx_store_bind_text (stmts[i], 2, to ? to : "9999-99-99");
      tx_store_bind_text (stmts[i], 3, end ? division : NULL);
      tx_store_bind_text (stmts[i], 4, end);
      tx_store_bind_text (stmts[i], 6, mine);
    }
  return tx_store_collect_page (self, stmts[0], 5, stmts[1], (TxRowReader) read_due_row,
                                (GDestroyNotify) tx_due_row_free, limit, total, error);
}

/**
 * tx_child_query_copy:
 *
 * A query with its own strings, for another thread.
 *
 * Returns: (transfer full): the copy, freed with tx_child_query_free()
 */
TxChildQuery *
tx_child_query_copy (const TxChildQuery *query)
{
  TxChildQuery *copy = g_memdup2 (query, sizeof *query);

  copy->search = g_strdup (query->search);
  copy->division = g_strdup (query->division);
  copy->category = g_strdup (query->category);
  copy->guardianship = g_strdup (query->guardianship);
  copy->overdue_before = g_strdup (query->overdue_before);
  copy->refresh_before = g_strdup (query->refresh_before);
  copy->registered_on = g_strdup (query->registered_on);
  copy->exit_reason = g_strdup (query->exit_reason);
  copy->ages_out_before = g_strdup (query->ages_out_before);
  copy->exited_after = g_strdup (query->exited_after);
  copy->after = g_strdup (query->after);
  return copy;
}

void
tx_child_query_free (TxChildQuery *query)
{
  g_free ((char *) query->search);
  g_free ((char *) query->division);
  g_free ((char *) query->category);
  g_free ((char *) query->guardianship);
  g_free ((char *) query->overdue_before);
  g_free ((char *) query->refresh_before);
  g_free ((char *) query->registered_on);
  g_free ((char *) query->exit_reason);
  g_free ((char *) query->ages_out_before);
  g_free ((char *) query->exited_after);
  g_free ((char *) query->after);
  g_free (query);
}

/**
 * tx_store_step_count:
 * @stmt: a statement whose one row is a count
 * @count: (out): the count
 *
 * Steps and resets @stmt.
 */
gboolean
tx_store_step_count (TxStore       *self,
                     sqlite3_stmt  *stmt,
                     guint         *count,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return tx_store_set_error (self, rc, error);
    }
  *count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}
