/* tx-compare.c — the comparison of departments' lists with the register
 *
 * A round matches every entry of the lists compared (all of them, or
 * those chosen) against the registered children in scope — drafts
 * included, deleted children not; a child who left the register is not
 * looked for, but an entry that matches one is a task, to see whether the
 * child is back — by these rules, in this order:
 *
 *   1. the identity number: a number whose check digit is right is a
 *      strong key (an entry without a birth date or gender takes them
 *      from it); a wrong one is said so in the finding's note, and the
 *      matching goes on by the other rules;
 *   2. the name and the date of birth: one child is a match found;
 *      several, or a child whose own valid identity number differs from
 *      the entry's, are possible matches;
 *   3. the pinyin of the name and the date of birth (张晓明 and 章小明):
 *      possible matches;
 *   4. children of the same name (or pinyin) whose identity number says
 *      the entry's birth date and gender (an entry without a birth date,
 *      or a child whose record lacks one): possible matches.
 *
 * An entry whose village (where the list gives one) is outside the
 * division compared — the one asked for, else the workstation's
 * township — is left out: another township screens it. An entry matched
 * by none is "not registered": to be screened. A match
 * found compares the fields the list has with the record, and reports
 * each value that differs (with both values and both sources): a school
 * on the education list for a child the record says is out of school, a
 * residence permit on the police list the record lacks (a police list is
 * taken as one of residence permits), another address or village. The
 * children in scope no entry matched, not even possibly, are "on no
 * list": they may have moved away.
 *
 * The register is read once into hash tables (identity number, name and
 * birth date, pinyin and birth date, name, pinyin) and the entries are
 * streamed: no query per entry. The round is written in one transaction.
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tongxing-compare"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tx-compare.h"
#include "tx-register.h"
#include "tx-date.h"
#include "tx-form.h"
#include "tx-idcard.h"
#include "tx-lists.h"
#include "tx-pinyin.h"
#include "tx-store-accounts.h"

/* The columns of a registered child read for the comparison; the fields
 * asked for follow, the village first */
enum { R_UUID, R_NAME, R_BIRTH, R_ID, R_GENDER, R_PINYIN, R_DIVISION };

typedef struct _Reg Reg;
struct _Reg {
  Reg        *next_name_birth;    /* the chains of children sharing a key */
  Reg        *next_pinyin_birth;
  Reg        *next_name;
  Reg        *next_pinyin;
  gboolean    seen;               /* matched, or possibly, by an entry */
  const char *left_on;            /* a child off the register: the day and the reason */
  const char *left_reason;
  const char *v[];                /* R_* then the fields read, in the string chunk */
};

typedef struct {
  TxStore       *store;
  gint64         round;
  GStringChunk  *strings;
  GPtrArray     *children;        /* of Reg, as read */
  GHashTable    *by_id;
  GHashTable    *by_name_birth;
  GHashTable    *by_pinyin_birth;
  GHashTable    *by_name;
  GHashTable    *by_pinyin;
  const char    *scope;           /* the division compared: entries elsewhere are left out */
  int           *fields;          /* the form's fields read, from R_DIVISION on */
  guint          left;            /* children read who left the register */
  guint          n_fields;
  int           *slot;            /* a form field's column in Reg.v, or -1 */
  const TxDeptList *list;         /* the list being compared */
  GHashTable    *same;            /* possible matches decided the same child before */
  JsonParser    *parser;
  guint          counts[TX_N_COMPARE_KINDS];
  guint          done;
  guint          total;
  GFileProgressCallback progress;
  gpointer       progress_data;
  GCancellable  *cancellable;
  GError        *error;
} Comparing;

/* Hash tables over the children themselves, each keyed by some of their columns */

static guint
name_birth_hash (gconstpointer p)
{
  const Reg *r = p;

  return g_str_hash (r->v[R_NAME]) * 31 + g_str_hash (r->v[R_BIRTH]);
}

static gboolean
name_birth_equal (gconstpointer a,
                  gconstpointer b)
{
  const Reg *x = a, *y = b;

  return g_str_equal (x->v[R_NAME], y->v[R_NAME]) && g_str_equal (x->v[R_BIRTH], y->v[R_BIRTH]);
}

static guint
pinyin_birth_hash (gconstpointer p)
{
  const Reg *r = p;

  return g_str_hash (r->v[R_PINYIN]) * 31 + g_str_hash (r->v[R_BIRTH]);
}

static gboolean
pinyin_birth_equal (gconstpointer a,
                    gconstpointer b)
{
  const Reg *x = a, *y = b;

  return g_str_equal (x->v[R_PINYIN], y->v[R_PINYIN]) && g_str_equal (x->v[R_BIRTH], y->v[R_BIRTH]);
}

static guint
name_hash (gconstpointer p)
{
  return g_str_hash (((const Reg *) p)->v[R_NAME]);
}

static gboolean
name_equal (gconstpointer a,
            gconstpointer b)
{
  return g_str_equal (((const Reg *) a)->v[R_NAME], ((const Reg *) b)->v[R_NAME]);
}

static guint
pinyin_hash (gconstpointer p)
{
  return g_str_hash (((const Reg *) p)->v[R_PINYIN]);
}

static gboolean
pinyin_equal (gconstpointer a,
              gconstpointer b)
{
  return g_str_equal (((const Reg *) a)->v[R_PINYIN], ((const Reg *) b)->v[R_PINYIN]);
}

/* Puts @r in the chain of its key: after the chain's first child, which
 * stays the table's key */
#define CHAIN(table, r, next)                                   \
  G_STMT_START {                                                \
    Reg *head_ = g_hash_table_lookup ((table), (r));            \
    if (head_)                                                  \
      {                                                         \
        (r)->next = head_->next;                                \
        head_->next = (r);                                      \
      }                                                         \
    else                                                        \
      g_hash_table_insert ((table), (r), (r));                  \
  } G_STMT_END

static gboolean
read_child (const char *const *values,
            gpointer           user_data)
{
  Comparing *c = user_data;
  Reg *r = g_malloc0 (sizeof (Reg) + (R_DIVISION + c->n_fields) * sizeof (char *));

  for (guint i = 0; i < R_DIVISION + c->n_fields; i++)
    r->v[i] = values[i] ? g_string_chunk_insert_const (c->strings, values[i]) : NULL;
  if (values[R_DIVISION + c->n_fields])
    {
      r->left_on = g_string_chunk_insert_const (c->strings, values[R_DIVISION + c->n_fields]);
      r->left_reason = values[R_DIVISION + c->n_fields + 1]
                       ? g_string_chunk_insert_const (c->strings, values[R_DIVISION + c->n_fields + 1]) : NULL;
      /* gone already: not a child to look for on the lists, nor counted */
      r->seen = TRUE;
      c->left++;
    }
  g_ptr_array_add (c->children, r);
  if (r->v[R_ID] && !g_hash_table_contains (c->by_id, r->v[R_ID]))
    g_hash_table_insert (c->by_id, (gpointer) r->v[R_ID], r);
  if (r->v[R_NAME] && r->v[R_BIRTH])
    CHAIN (c->by_name_birth, r, next_name_birth);
  if (r->v[R_PINYIN] && r->v[R_BIRTH])
    CHAIN (c->by_pinyin_birth, r, next_pinyin_birth);
  if (r->v[R_NAME])
    CHAIN (c->by_name, r, next_name);
  if (r->v[R_PINYIN])
    CHAIN (c->by_pinyin, r, next_pinyin);
  return TRUE;
}

/* Differences */

static gboolean
is_out_of_school (const char *schooling)
{
  return g_strcmp0 (schooling, "dropped_out") == 0 || g_strcmp0 (schooling, "not_in_school") == 0 ||
         g_strcmp0 (schooling, "home") == 0;
}

/* A value as compared: free text without spaces and punctuation, in one case */
static char *
normalized (const TxField *f,
            const char    *value)
{
  GString *s;

  if (value == NULL)
    return g_strdup ("");
  if (f->type != TX_FIELD_TEXT && f->type != TX_FIELD_PHONE)
    return g_strstrip (g_strdup (value));
  s = g_string_new (NULL);
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (!g_unichar_isspace (ch) && !g_unichar_ispunct (ch))
        g_string_append_unichar (s, g_unichar_tolower (ch));
    }
  return g_string_free (s, FALSE);
}

static void
add_difference (JsonArray  *out,
                const char *key,
                const char *list_value,
                const char *record_value,
                gint64      list)
{
  JsonObject *d = json_object_new ();

  json_object_set_string_member (d, "key", key);
  json_object_set_string_member (d, "list_value", list_value ? list_value : "");
  json_object_set_string_member (d, "record_value", record_value ? record_value : "");
  json_object_set_int_member (d, "list", list);
  json_array_add_object_element (out, d);
}

static const char *
entry_value (JsonObject *values,
             const char *key)
{
  JsonNode *n = values ? json_object_get_member (values, key) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) ? json_node_get_string (n) : NULL;
}

/* The differences between what the list says and the record, as JSON, or
 * NULL when they agree */
static char *
differences (Comparing         *c,
             const TxListEntry *e,
             const Reg         *r)
{
  const TxForm *form = tx_form_get ();
  g_autoptr(JsonArray) out = json_array_new ();
  JsonObject *values = NULL;
  gboolean permit_listed = FALSE;

  if (e->values && json_parser_load_from_data (c->parser, e->values, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (c->parser)))
    values = json_node_get_object (json_parser_get_root (c->parser));
  for (guint k = 0; c->list->keys[k]; k++)
    {
      const char *key = c->list->keys[k];
      int field = tx_form_index (key);
      const char *said = entry_value (values, key), *has;
      g_autofree char *a = NULL, *b = NULL;

      if (field < 0 || c->slot[field] < 0 || said == NULL || *said == 0)
        continue;
      has = r->v[c->slot[field]];
      permit_listed |= field == TX_F ("child_permit");
      /* the list's wrong identity number is told in the note, not as a difference */
      if (field == TX_F ("id_number") && !tx_id_parse (said, NULL, NULL))
        continue;
      if (field == TX_F ("school_name") && is_out_of_school (r->v[c->slot[TX_F ("schooling")]]))
        {
          add_difference (out, "schooling", said, r->v[c->slot[TX_F ("schooling")]], e->list);
          continue;
        }
      a = normalized (&form->fields[field], said);
      b = normalized (&form->fields[field], has);
      if (!g_str_equal (a, b))
        add_difference (out, key, said, has, e->list);
    }
  /* a police list is one of residence permits */
  if (c->list->department == TX_DEPARTMENT_POLICE && !permit_listed &&
      g_strcmp0 (r->v[c->slot[TX_F ("child_permit")]], "issued") != 0)
    add_difference (out, "child_permit", "issued", r->v[c->slot[TX_F ("child_permit")]], e->list);
  if (json_array_get_length (out) == 0)
    return NULL;
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

    json_node_set_array (node, out);
    return json_to_string (node, FALSE);
  }
}

/* Findings */

static void
add_item (Comparing         *c,
          TxCompareKind      kind,
          const TxListEntry *e,
          const Reg         *r,
          TxMatchRule        rule,
          const char        *note)
{
  g_autofree char *diffs = NULL;
  g_autofree char *decided_by = NULL;
  g_autofree char *left = NULL;
  TxCompareItem item = { 0 };

  if (c->error)
    return;
  if (e && r)
    diffs = differences (c, e, r);
  if (kind == TX_COMPARE_FOUND && diffs)
    kind = TX_COMPARE_DIFFERENCE;
  /* a department still lists a child who left the register: a task, to
   * see whether the child is back */
  if (r && r->left_on && e && (kind == TX_COMPARE_FOUND || kind == TX_COMPARE_DIFFERENCE))
    {
      left = g_strdup_printf (_("%s%sLeft the register on %s (%s), yet on this list: check whether the child "
                                "is back, and reopen the record if so."),
                              note ? note : "", note ? " " : "", r->left_on, tx_exit_reason_label (r->left_reason));
      note = left;
      kind = TX_COMPARE_DIFFERENCE;
    }
  /* a person said before that this entry is this child: not asked again */
  if (kind == TX_COMPARE_POSSIBLE && e && r && c->same)
    {
      g_autofree char *key = g_strdup_printf ("%s|%s|%s", e->name ? e->name : "",
                                              e->birth_date ? e->birth_date : "", r->v[R_UUID]);
      const char *who_when = g_hash_table_lookup (c->same, key);

      if (who_when)
        {
          const char *bar = strchr (who_when, '|');

          kind = diffs ? TX_COMPARE_DIFFERENCE : TX_COMPARE_FOUND;
          item.decision = (char *) "same";
          decided_by = g_strndup (who_when, bar - who_when);
          item.decided_by = *decided_by ? decided_by : NULL;
          item.decided_at = (char *) (bar + 1);
        }
    }
  item.round = c->round;
  item.kind = kind;
  item.list = e ? e->list : 0;
  item.list_name = e ? c->list->name : NULL;
  item.row = e ? e->row : 0;
  item.name = (char *) (e ? e->name : r->v[R_NAME]);
  item.birth_date = (char *) (e ? e->birth_date : r->v[R_BIRTH]);
  item.id_number = (char *) (e ? e->id_number : r->v[R_ID]);
  item.child_id = (char *) (r ? r->v[R_UUID] : NULL);
  item.child_name = (char *) (r ? r->v[R_NAME] : NULL);
  item.residence_division = (char *) (r ? r->v[R_DIVISION] : e->residence_division);
  item.rule = rule;
  item.differences = diffs;
  item.note = (char *) note;
  c->counts[kind]++;
  tx_store_compare_item_add (c->store, &item, &c->error);
}

static gboolean
same_valid_id (const char *a,
               const char *b)
{
  return a && b && g_str_equal (a, b);
}

/* Rule 4: children of the entry's name, or its pinyin, whose identity
 * number says the entry's birth date (when it has one) and gender (when
 * it has one) */
static guint
match_by_id_birth (Comparing         *c,
                   const TxListEntry *e,
                   const char        *birth,
                   const char        *gender,
                   const char        *note)
{
  g_autofree Reg *probe = g_malloc0 (sizeof (Reg) + R_DIVISION * sizeof (char *));
  Reg *head;
  GHashTable *table;
  guint n = 0;
  gboolean by_pinyin = e->pinyin != NULL;

  if (!e->name)
    return 0;
  table = by_pinyin ? c->by_pinyin : c->by_name;
  probe->v[R_NAME] = e->name;
  probe->v[R_PINYIN] = e->pinyin;
  head = g_hash_table_lookup (table, probe);
  for (Reg *r = head; r; r = by_pinyin ? r->next_pinyin : r->next_name)
    {
      TxIdInfo info;
      g_autofree char *born = NULL;

      if (r->v[R_ID] == NULL || !tx_id_parse (r->v[R_ID], &info, NULL))
        continue;
      born = tx_date_format (&info.birth);
      if ((birth && !g_str_equal (birth, born)) ||
          (gender && g_strcmp0 (gender, info.male ? "male" : "female") != 0))
        continue;
      r->seen = TRUE;
      add_item (c, TX_COMPARE_POSSIBLE, e, r, TX_MATCH_ID_BIRTH_GENDER, note);
      n++;
    }
  return n;
}

static gboolean
compare_entry (const TxListEntry *e,
               gpointer           user_data)
{
  Comparing *c = user_data;
  g_autoptr(GError) invalid = NULL;
  g_autofree char *note = NULL, *id_birth = NULL;
  const char *birth = e->birth_date, *gender = e->gender;
  g_autofree Reg *probe = g_malloc0 (sizeof (Reg) + R_DIVISION * sizeof (char *));
  gboolean id_valid = FALSE;
  TxIdInfo info;
  Reg *head, *r;
  guint n = 0;

  if ((++c->done & 1023) == 0)
    {
      if (g_cancellable_set_error_if_cancelled (c->cancellable, &c->error))
        return FALSE;
      if (c->progress)
        c->progress (c->done, c->total, c->progress_data);
    }

  /* an entry of another village or township, where the list says so */
  if (c->scope && e->residence_division && !g_str_has_prefix (e->residence_division, c->scope))
    return TRUE;

  /* 1. the identity number */
  if (e->id_number)
    {
      if ((id_valid = tx_id_parse (e->id_number, &info, &invalid)))
        {
          if (birth == NULL)
            birth = id_birth = tx_date_format (&info.birth);
          if (gender == NULL)
            gender = info.male ? "male" : "female";
          if ((r = g_hash_table_lookup (c->by_id, info.number)))
            {
              r->seen = TRUE;
              add_item (c, TX_COMPARE_FOUND, e, r, TX_MATCH_ID_NUMBER, NULL);
              return c->error == NULL;
            }
        }
      else
        {
          g_autofree char *masked = tx_id_mask (e->id_number);
          /* Translators: the note of a finding: an identity number and why it is not valid */
          note = g_strdup_printf (_("The list's identity number %s is not valid: %s"), masked, invalid->message);
        }
    }

  /* 2. the name and the date of birth */
  probe->v[R_NAME] = e->name;
  probe->v[R_BIRTH] = birth;
  probe->v[R_PINYIN] = e->pinyin;
  if (e->name && birth && (head = g_hash_table_lookup (c->by_name_birth, probe)))
    {
      guint candidates = 0;

      for (r = head; r; r = r->next_name_birth)
        candidates++;
      for (r = head; r; r = r->next_name_birth)
        {
          /* both with a valid identity number, and not the same one: not the same child, maybe */
          gboolean other_id = id_valid && r->v[R_ID] && tx_id_parse (r->v[R_ID], NULL, NULL) &&
                              !same_valid_id (info.number, r->v[R_ID]);

          r->seen = TRUE;
          if (candidates == 1 && !other_id)
            add_item (c, TX_COMPARE_FOUND, e, r, TX_MATCH_NAME_BIRTH, note);
          else if (other_id)
            {
              g_autofree char *why = g_strdup_printf ("%s%s%s", note ? note : "", note ? " " : "",
                                                      _("The registered child has another identity number."));
              add_item (c, TX_COMPARE_POSSIBLE, e, r, TX_MATCH_NAME_BIRTH, why);
            }
          else
            add_item (c, TX_COMPARE_POSSIBLE, e, r, TX_MATCH_NAME_BIRTH, note);
        }
      return c->error == NULL;
    }

  /* 3. the pinyin of the name and the date of birth */
  if (e->pinyin && birth && (head = g_hash_table_lookup (c->by_pinyin_birth, probe)))
    {
      for (r = head; r; r = r->next_pinyin_birth)
        {
          r->seen = TRUE;
          add_item (c, TX_COMPARE_POSSIBLE, e, r, TX_MATCH_PINYIN_BIRTH, note);
        }
      return c->error == NULL;
    }

  /* 4. the birth date and gender an identity number says */
  n = match_by_id_birth (c, e, birth, gender, note);
  if (n == 0)
    add_item (c, TX_COMPARE_NOT_REGISTERED, e, NULL, TX_MATCH_NONE, note);
  return c->error == NULL;
}

static char *
lists_json (GPtrArray *lists)
{
  g_autoptr(JsonArray) a = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < lists->len; i++)
    {
      const TxDeptList *l = g_ptr_array_index (lists, i);
      JsonObject *o = json_object_new ();

      json_object_set_int_member (o, "id", l->id);
      json_object_set_string_member (o, "name", l->name);
      json_object_set_string_member (o, "department", tx_department_code (l->department));
      json_object_set_string_member (o, "date", l->date);
      json_object_set_int_member (o, "rows", l->rows);
      json_array_add_object_element (a, o);
    }
  json_node_set_array (node, a);
  return json_to_string (node, FALSE);
}

/* The lists of the round: all, or those chosen */
static GPtrArray *
round_lists (TxStore       *store,
             const gint64  *ids,
             guint          n,
             GError       **error)
{
  g_autoptr(GPtrArray) lists = NULL;

  if (n == 0)
    {
      if (!(lists = tx_store_lists (store, error)))
        return NULL;
    }
  else
    {
      lists = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_dept_list_free);
      for (guint i = 0; i < n; i++)
        {
          TxDeptList *l = tx_store_list_get (store, ids[i], error);

          if (l == NULL)
            return NULL;
          g_ptr_array_add (lists, l);
        }
    }
  if (lists->len == 0)
    {
      g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                   _("No department's list has been imported, so there is nothing to compare. Import one "
                     "with `tongxing-cli lists import --department police FILE`."));
      return NULL;
    }
  return g_steal_pointer (&lists);
}

/* The form's fields the round reads of each child: the village, the
 * fields the lists have, and what their differences look at */
static void
fields_to_read (Comparing *c,
                GPtrArray *lists)
{
  const TxForm *form = tx_form_get ();
  int always[] = { TX_F ("residence_division"), TX_F ("schooling"), TX_F ("child_permit") };

  c->slot = g_new (int, form->n_fields);
  c->fields = g_new (int, form->n_fields);
  for (guint i = 0; i < form->n_fields; i++)
    c->slot[i] = -1;
  c->slot[TX_F ("name")] = R_NAME;
  c->slot[TX_F ("birth_date")] = R_BIRTH;
  c->slot[TX_F ("id_number")] = R_ID;
  c->slot[TX_F ("gender")] = R_GENDER;
  for (guint i = 0; i < G_N_ELEMENTS (always); i++)
    {
      c->slot[always[i]] = R_DIVISION + c->n_fields;
      c->fields[c->n_fields++] = always[i];
    }
  for (guint l = 0; l < lists->len; l++)
    {
      const TxDeptList *list = g_ptr_array_index (lists, l);

      for (guint k = 0; list->keys[k]; k++)
        {
          int f = tx_form_index (list->keys[k]);

          if (f >= 0 && c->slot[f] < 0)
            {
              c->slot[f] = R_DIVISION + c->n_fields;
              c->fields[c->n_fields++] = f;
            }
        }
    }
}

/**
 * tx_compare_run:
 * @division: (nullable): the village, township or county compared (a
 *   code prefix), or %NULL for the whole register
 * @lists: (array length=n_lists) (nullable): the lists compared, or none
 *   for all of them
 * @progress: (nullable): called now and then with the entries compared
 *
 * Runs a comparison round and keeps what it found, in one transaction.
 *
 * Returns: the round's id, 0 on an error
 */
gint64
tx_compare_run (TxStore               *store,
                const char            *division,
                const gint64          *lists,
                guint                  n_lists,
                GFileProgressCallback  progress,
                gpointer               progress_data,
                GCancellable          *cancellable,
                GError               **error)
{
  g_autoptr(GPtrArray) chosen = NULL;
  g_autofree char *listed = NULL, *township = NULL;
  Comparing c = { store };
  gint64 round = 0;
  int depth = tx_store_get_depth (store);

  if (!tx_store_require (store, TX_PERMISSION_IMPORT, error) ||
      !(chosen = round_lists (store, lists, n_lists, error)))
    return 0;
  c.strings = g_string_chunk_new (1 << 20);
  c.children = g_ptr_array_new_with_free_func (g_free);
  c.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  c.by_name_birth = g_hash_table_new (name_birth_hash, name_birth_equal);
  c.by_pinyin_birth = g_hash_table_new (pinyin_birth_hash, pinyin_birth_equal);
  c.by_name = g_hash_table_new (name_hash, name_equal);
  c.by_pinyin = g_hash_table_new (pinyin_hash, pinyin_equal);
  c.parser = json_parser_new ();
  c.progress = progress;
  c.progress_data = progress_data;
  c.cancellable = cancellable;
  township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  c.scope = division && *division ? division : township && *township ? township : NULL;
  fields_to_read (&c, chosen);
  for (guint i = 0; i < chosen->len; i++)
    c.total += ((TxDeptList *) g_ptr_array_index (chosen, i))->rows;
  listed = lists_json (chosen);

  if (!tx_store_begin (store, error))
    goto out;
  if (!(c.same = tx_store_compare_same_decisions (store, error)))
    goto failed;
  if (!tx_store_register_foreach (store, division, c.fields, c.n_fields, read_child, &c, error) ||
      !(c.round = tx_store_compare_round_new (store, division, listed, error)))
    goto failed;
  for (guint i = 0; i < chosen->len && c.error == NULL; i++)
    {
      c.list = g_ptr_array_index (chosen, i);
      if (!tx_store_list_foreach_entry (store, c.list->id, compare_entry, &c, error))
        goto failed;
    }
  if (progress)
    progress (c.total, c.total, progress_data);
  for (guint i = 0; i < c.children->len && c.error == NULL; i++)
    {
      Reg *r = g_ptr_array_index (c.children, i);

      if (!r->seen)
        add_item (&c, TX_COMPARE_ON_NO_LIST, NULL, r, TX_MATCH_NONE, NULL);
    }
  if (c.error)
    {
      g_propagate_error (error, g_steal_pointer (&c.error));
      goto failed;
    }
  if (!tx_store_compare_round_done (store, c.round, c.counts, c.children->len - c.left, error) ||
      !tx_store_commit (store, error))
    goto failed;
  round = c.round;
  goto out;

failed:
  /* a commit that failed has rolled itself back already */
  tx_store_rollback_to (store, depth);
out:
  g_clear_error (&c.error);
  g_object_unref (c.parser);
  g_hash_table_unref (c.by_id);
  g_hash_table_unref (c.by_name_birth);
  g_hash_table_unref (c.by_pinyin_birth);
  g_hash_table_unref (c.by_name);
  g_hash_table_unref (c.by_pinyin);
  g_clear_pointer (&c.same, g_hash_table_unref);
  g_ptr_array_unref (c.children);
  g_string_chunk_free (c.strings);
  g_free (c.fields);
  g_free (c.slot);
  return round;
}

/* On the store service's thread */

typedef struct {
  char   *division;
  GArray *lists;
  int    *progress;
} CompareJob;

static void
compare_job_free (CompareJob *job)
{
  g_free (job->division);
  g_array_unref (job->lists);
  g_free (job);
}

static gpointer
compare_job (TxStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  CompareJob *job = data;
  gint64 round = tx_compare_run (store, job->division, (const gint64 *) job->lists->data, job->lists->len,
                                 tx_lists_progress_thousandths, job->progress, cancellable, error);

  return round ? g_memdup2 (&round, sizeof round) : NULL;
}

/**
 * tx_compare_run_async:
 * @lists: (array length=n_lists) (nullable): copied
 * @progress: (nullable): where the round says how far it is, in
 *   thousandths of the entries compared; the caller keeps it until the
 *   callback and reads it
 *
 * Runs a comparison round on the store service's thread; a cancelled
 * round is not kept.
 */
void
tx_compare_run_async (TxStoreService      *service,
                      const char          *division,
                      const gint64        *lists,
                      guint                n_lists,
                      int                 *progress,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  CompareJob *job = g_new0 (CompareJob, 1);

  job->progress = progress;
  job->division = g_strdup (division);
  job->lists = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (n_lists)
    g_array_append_vals (job->lists, lists, n_lists);
  tx_store_service_run_async (service, compare_job, job, (GDestroyNotify) compare_job_free, g_free,
                              cancellable, callback, user_data);
}

/**
 * tx_compare_run_finish:
 *
 * Returns: the round's id, 0 on an error
 */
gint64
tx_compare_run_finish (TxStoreService  *service,
                       GAsyncResult    *result,
                       GError         **error)
{
  g_autofree gint64 *round = tx_store_service_run_finish (service, result, error);

  return round ? *round : 0;
}

/* The round as JSON */

static const char *const kind_members[] = { "not_registered", "found", "differences", "possible", "on_no_list" };

static void
set_string_or_null (JsonObject *o,
                    const char *member,
                    const char *value)
{
  if (value)
    json_object_set_string_member (o, member, value);
  else
    json_object_set_null_member (o, member);
}

static JsonObject *
item_json (const TxCompareItem *i,
           JsonParser          *parser)
{
  JsonObject *o = json_object_new ();

  json_object_set_int_member (o, "item", i->id);
  if (i->list)
    {
      json_object_set_int_member (o, "list", i->list);
      json_object_set_int_member (o, "row", i->row);
    }
  set_string_or_null (o, "name", i->name);
  set_string_or_null (o, "birth_date", i->birth_date);
  set_string_or_null (o, "child_id", i->child_id);
  if (i->rule != TX_MATCH_NONE)
    json_object_set_string_member (o, "rule", tx_match_rule_code (i->rule));
  if (i->differences && json_parser_load_from_data (parser, i->differences, -1, NULL))
    json_object_set_member (o, "differences", json_node_copy (json_parser_get_root (parser)));
  if (i->note)
    json_object_set_string_member (o, "note", i->note);
  if (i->decision)
    json_object_set_string_member (o, "decision", i->decision);
  json_object_set_boolean_member (o, "done", i->done);
  return o;
}

/**
 * tx_compare_round_to_json:
 * @round: the round, or 0 for the latest
 *
 * Returns: (transfer full) (nullable): {"round": id, "at", "division",
 *   "lists": […], "children": N, "not_registered": […], "found": […],
 *   "differences": […], "possible": […], "on_no_list": […]}, each finding
 *   naming its list entry ("list", "row", "name") and/or its child
 *   ("child_id"), and for a match the "rule"
 */
char *
tx_compare_round_to_json (TxStore  *store,
                          gint64    round,
                          GError  **error)
{
  g_autoptr(TxCompareRound) r = tx_store_compare_round_get (store, round, error);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonObject) o = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonArray *arrays[TX_N_COMPARE_KINDS];

  if (r == NULL || !(items = tx_store_compare_items (store, r->id, -1, error)))
    return NULL;
  json_object_set_int_member (o, "round", r->id);
  json_object_set_string_member (o, "at", r->at);
  set_string_or_null (o, "who", r->who);
  set_string_or_null (o, "division", r->division);
  if (json_parser_load_from_data (parser, r->lists, -1, NULL))
    json_object_set_member (o, "lists", json_node_copy (json_parser_get_root (parser)));
  json_object_set_int_member (o, "children", r->children);
  {
    JsonObject *counts = json_object_new ();

    for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
      json_object_set_int_member (counts, kind_members[k], r->counts[k]);
    json_object_set_object_member (o, "counts", counts);
  }
  for (guint k = 0; k < TX_N_COMPARE_KINDS; k++)
    {
      arrays[k] = json_array_new ();
      json_object_set_array_member (o, kind_members[k], arrays[k]);
    }
  for (guint i = 0; i < items->len; i++)
    {
      const TxCompareItem *item = g_ptr_array_index (items, i);

      json_array_add_object_element (arrays[item->kind], item_json (item, parser));
    }
  json_node_set_object (node, o);
  return json_to_string (node, TRUE);
}

/**
 * tx_compare_entry_record:
 *
 * The record a list's entry gives, for the form to open with when a child
 * not registered is registered from the list: the form's defaults with
 * the entry's values over them (and a police list's residence permit).
 *
 * Returns: (transfer full) (nullable): the record, not saved
 */
TxRecord *
tx_compare_entry_record (TxStore  *store,
                         gint64    list,
                         guint     row,
                         GError  **error)
{
  g_autoptr(TxDeptList) l = tx_store_list_get (store, list, error);
  g_autoptr(TxListEntry) e = l ? tx_store_list_entry (store, list, row, error) : NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(TxRecord) record = NULL;
  const TxForm *form = tx_form_get ();
  JsonObject *values;

  if (e == NULL)
    return NULL;
  if (!json_parser_load_from_data (parser, e->values, -1, error))
    return NULL;
  values = json_node_get_object (json_parser_get_root (parser));
  record = tx_record_new_defaults ();
  for (guint i = 0; i < form->n_fields; i++)
    {
      const char *v = entry_value (values, form->fields[i].key);

      if (v && *v)
        tx_record_set (record, i, v);
    }
  if (l->department == TX_DEPARTMENT_POLICE && entry_value (values, "child_permit") == NULL)
    tx_record_set (record, TX_F ("child_permit"), "issued");
  return g_steal_pointer (&record);
}

/**
 * tx_compare_value_text:
 * @key: the form's key of the value, or "schooling" for a school's name
 *   against the record's schooling
 *
 * Returns: (transfer full): a value of a difference as people read it: a
 *   choice's label, the value as it is otherwise, "—" for none
 */
char *
tx_compare_value_text (const char *key,
                       const char *value)
{
  const TxField *f = tx_form_lookup (key);
  const TxChoice *choice;

  if (value == NULL || *value == 0)
    return g_strdup ("—");
  if (f && f->type == TX_FIELD_MULTI)
    return tx_choice_labels (f->choices, value, "、");
  if (f && f->choices && (choice = tx_field_choice (f, value)))
    return g_strdup (tx_choice_label (choice));
  return g_strdup (value);
}

/**
 * tx_compare_differences_text:
 * @differences: (nullable): a finding's differences, as JSON
 *
 * Returns: (transfer full): "Field: list X; register Y" for each, one
 *   per line, in the language printed
 */
char *
tx_compare_differences_text (const char *differences)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  GString *s = g_string_new (NULL);
  JsonArray *a;

  if (differences == NULL || !json_parser_load_from_data (parser, differences, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    return g_string_free (s, FALSE);
  a = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonObject *d = json_array_get_object_element (a, i);
      const char *key = json_object_get_string_member (d, "key");
      const TxField *f = tx_form_lookup (key);
      g_autofree char *listed = tx_compare_value_text (key, json_object_get_string_member (d, "list_value"));
      g_autofree char *recorded = tx_compare_value_text (key, json_object_get_string_member (d, "record_value"));

      if (s->len)
        g_string_append_c (s, '\n');
      if (g_strcmp0 (key, "schooling") == 0 && tx_field_choice (f, json_object_get_string_member (d, "list_value")) == NULL)
        /* Translators: a difference: the list names a school, the register says the child is out of school */
        g_string_append_printf (s, _("Schooling: the list says school %s; the register says %s"), listed, recorded);
      else if (g_strcmp0 (key, "child_permit") == 0 && g_strcmp0 (json_object_get_string_member (d, "list_value"),
                                                                    "issued") == 0)
        /* Translators: a difference: a residence permit on the police list the record lacks */
        g_string_append_printf (s, _("A residence permit the record lacks: the list says %s; the register says %s"),
                                listed, recorded);
      else
        /* Translators: a difference: the field, the list's value, the register's value */
        g_string_append_printf (s, _("%s: the list says %s; the register says %s"),
                                f ? tx_field_label (f) : key, listed, recorded);
    }
  return g_string_free (s, FALSE);
}
