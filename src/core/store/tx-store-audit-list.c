/* tx-store-audit-list.c — reading the audit trail: filters, pages, words
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trail is read newest first, filtered by person, child, kind and
 * period. The filters are bound parameters of one statement: the lists of
 * children and kinds go in as JSON arrays read with json_each(), so that
 * any number of them shares one prepared statement. Entries keep their
 * time in UTC; a period is of local days, turned into UTC instants here.
 *
 * tx_audit_entry_describe() says an entry in the language of the user
 * interface ("Changed the registration form of 张小明 (Name, Guardianship)"),
 * the child named from the uuid when it is said, so that a name corrected
 * later reads corrected, and the entry itself holds no name.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "tx-form.h"
#include "tx-session.h"
#include "tx-store-audit-list.h"
#include "tx-store-private.h"

#define ENTRY_COLUMNS "seq, at, station, person, kind, child, detail, prev, hash"

TxAuditQuery *
tx_audit_query_copy (const TxAuditQuery *query)
{
  TxAuditQuery *q = g_new0 (TxAuditQuery, 1);

  if (query == NULL)
    return q;
  q->person = g_strdup (query->person);
  q->children = (const char *const *) g_strdupv ((char **) query->children);
  q->kinds = (const char *const *) g_strdupv ((char **) query->kinds);
  q->from = g_strdup (query->from);
  q->to = g_strdup (query->to);
  return q;
}

void
tx_audit_query_free (TxAuditQuery *query)
{
  if (query == NULL)
    return;
  g_free ((char *) query->person);
  g_strfreev ((char **) query->children);
  g_strfreev ((char **) query->kinds);
  g_free ((char *) query->from);
  g_free ((char *) query->to);
  g_free (query);
}

static char *
json_array_of (const char *const *items)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; items[i]; i++)
    json_builder_add_string_value (b, items[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

/* The UTC instant a local day starts, plus @days_after days */
static char *
day_start_utc (const char *day,
               int         days_after)
{
  int y, m, d;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) later = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3 ||
      !(local = g_date_time_new_local (y, m, d, 0, 0, 0)))
    return NULL;
  later = g_date_time_add_days (local, days_after);
  utc = g_date_time_to_utc (later);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* The values of @q's conditions: ?1 person, ?2 children (JSON), ?3 kinds
 * (JSON), ?4 from, ?5 before (UTC instants); %NULL for one not asked */
#define N_VALUES 5

static void
query_values (const TxAuditQuery *q,
              char               *values[N_VALUES])
{
  values[0] = q && q->person && *q->person ? g_strdup (q->person) : NULL;
  values[1] = q && q->children ? json_array_of (q->children) : NULL;
  values[2] = q && q->kinds ? json_array_of (q->kinds) : NULL;
  values[3] = q ? day_start_utc (q->from, 0) : NULL;
  values[4] = q ? day_start_utc (q->to, 1) : NULL;
}

/* @head, the conditions of the values asked, and @tail. Only those asked:
 * "?1 IS NULL OR person = ?1" keeps SQLite from the trail's indexes, and
 * a page of one person's or one child's entries read all of them */
static char *
query_sql (const char *head,
           char       *values[N_VALUES],
           const char *tail)
{
  static const char *const conditions[N_VALUES] = {
    "person = ?1",
    "child IN (SELECT value FROM json_each (?2))",
    "EXISTS (SELECT 1 FROM json_each (?3) k"
    " WHERE audit.kind = k.value OR substr (audit.kind, 1, length (k.value) + 1) = k.value || '.')",
    "at >= ?4",
    "at < ?5",
  };
  const char *asked[N_VALUES];

  for (guint i = 0; i < N_VALUES; i++)
    asked[i] = values[i] ? conditions[i] : NULL;
  return tx_store_sql_where (head, asked, N_VALUES, tail);
}

/* Binds the values asked and frees them all */
static void
bind_values (sqlite3_stmt *stmt,
             char         *values[N_VALUES])
{
  for (guint i = 0; i < N_VALUES; i++)
    {
      if (values[i] && stmt)
        tx_store_bind_text (stmt, i + 1, values[i]);
      g_clear_pointer (&values[i], g_free);
    }
}

static gpointer
read_entry (sqlite3_stmt *stmt)
{
  TxAuditEntry *e = g_new0 (TxAuditEntry, 1);

  e->seq = sqlite3_column_int64 (stmt, 0);
  e->at = tx_store_column_text (stmt, 1);
  e->station = tx_store_column_text (stmt, 2);
  e->person = tx_store_column_text (stmt, 3);
  e->kind = tx_store_column_text (stmt, 4);
  e->child = tx_store_column_text (stmt, 5);
  e->detail = tx_store_column_text (stmt, 6);
  if (sqlite3_column_bytes (stmt, 7) == TX_AUDIT_HASH_BYTES)
    memcpy (e->prev, sqlite3_column_blob (stmt, 7), TX_AUDIT_HASH_BYTES);
  if (sqlite3_column_bytes (stmt, 8) == TX_AUDIT_HASH_BYTES)
    memcpy (e->hash, sqlite3_column_blob (stmt, 8), TX_AUDIT_HASH_BYTES);
  return e;
}

/**
 * tx_store_audit_list:
 * @query: (nullable): which entries; %NULL for all
 * @offset: how many of the newest matching entries to pass over
 * @limit: how many to read at most; 0 for all
 *
 * Reads entries of the trail, newest first.
 *
 * Returns: (transfer full) (element-type TxAuditEntry): the entries, or
 *   %NULL with @error set
 */
GPtrArray *
tx_store_audit_list (TxStore             *self,
                     const TxAuditQuery  *query,
                     guint                offset,
                     guint                limit,
                     GError             **error)
{
  char *values[N_VALUES];
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  query_values (query, values);
  sql = query_sql ("SELECT " ENTRY_COLUMNS " FROM audit", values, " ORDER BY seq DESC LIMIT ?6 OFFSET ?7");
  stmt = tx_store_prepare (self, sql, error);
  bind_values (stmt, values);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 6, limit ? (gint64) limit : -1);
  sqlite3_bind_int64 (stmt, 7, offset);
  return tx_store_collect (self, stmt, read_entry, (GDestroyNotify) tx_audit_entry_free, error);
}

/**
 * tx_store_audit_seqs:
 * @query: (nullable): which entries; %NULL for all
 *
 * The sequence numbers of the matching entries, newest first: 8 bytes an
 * entry, for a list that reads its rows a page at a time with
 * tx_store_audit_get().
 *
 * Returns: (transfer full) (element-type gint64): the numbers, or %NULL
 *   with @error set
 */
GArray *
tx_store_audit_seqs (TxStore             *self,
                     const TxAuditQuery  *query,
                     GError             **error)
{
  char *values[N_VALUES];
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  g_autoptr(GArray) seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  query_values (query, values);
  sql = query_sql ("SELECT seq FROM audit", values, " ORDER BY seq DESC");
  stmt = tx_store_prepare (self, sql, error);
  bind_values (stmt, values);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (seqs, seq);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&seqs);
}

/**
 * tx_store_audit_get:
 *
 * Returns: (transfer full) (nullable): the entry @seq, or %NULL with
 *   @error set when there is none
 */
TxAuditEntry *
tx_store_audit_get (TxStore  *self,
                    gint64    seq,
                    GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT " ENTRY_COLUMNS " FROM audit WHERE seq = ?1", error);
  TxAuditEntry *e = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    e = read_entry (stmt);
  sqlite3_reset (stmt);
  if (e == NULL && rc != SQLITE_DONE)
    tx_store_set_error (self, rc, error);
  else if (e == NULL)
    g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND,
                 _("Entry %u is not in the audit trail."), (guint) seq);
  return e;
}

/**
 * tx_store_audit_count_all:
 *
 * Returns: how many entries the trail holds, or -1 with @error set
 */
gint64
tx_store_audit_count_all (TxStore  *self,
                          GError  **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT count(*) FROM audit", error);
  gint64 n = -1;
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (n < 0)
    tx_store_set_error (self, rc, error);
  return n;
}

static GStrv
collect_strings (TxStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      tx_store_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (b);
}

/**
 * tx_store_audit_children_named:
 * @text: a part of a name
 *
 * The children whose name holds @text, deleted ones too (the trail still
 * tells of them), for the trail's filter by child.
 *
 * Returns: (transfer full): their uuids, or %NULL with @error set
 */
GStrv
tx_store_audit_children_named (TxStore     *self,
                               const char  *text,
                               GError     **error)
{
  sqlite3_stmt *stmt = tx_store_prepare (self, "SELECT uuid FROM child WHERE instr (f_name, ?1) > 0 "
                                               "ORDER BY rowid LIMIT 1000", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, text ? text : "", -1, SQLITE_TRANSIENT);
  return collect_strings (self, stmt, error);
}

/**
 * tx_store_audit_child_name:
 *
 * Returns: (transfer full) (nullable): the name of the child @uuid, or
 *   %NULL when the store has no such child (one of another station)
 */
char *
tx_store_audit_child_name (TxStore    *self,
                           const char *uuid)
{
  sqlite3_stmt *stmt = uuid ? tx_store_prepare (self, "SELECT f_name FROM child WHERE uuid = ?1", NULL) : NULL;
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = tx_store_column_text (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

/**
 * tx_store_audit_people:
 *
 * Everyone the trail names, the accounts first, by name; for the filter
 * by person.
 *
 * Returns: (transfer full): the names, or %NULL with @error set
 */
GStrv
tx_store_audit_people (TxStore  *self,
                       GError  **error)
{
  /* a loose index scan: from one person to the next through audit_person,
   * a lookup a person however long the trail (DISTINCT read all of it) */
  sqlite3_stmt *stmt = tx_store_prepare (self,
      "WITH RECURSIVE someone (p) AS ("
      "  SELECT min (person) FROM audit WHERE person > '' "
      "  UNION ALL "
      "  SELECT (SELECT min (person) FROM audit WHERE person > someone.p) FROM someone WHERE someone.p IS NOT NULL) "
      "SELECT name FROM account UNION SELECT p FROM someone WHERE p IS NOT NULL ORDER BY 1", error);

  return stmt ? collect_strings (self, stmt, error) : NULL;
}

/* Words */

static const char *
detail_string (JsonObject *d,
               const char *member)
{
  JsonNode *n = d ? json_object_get_member (d, member) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
           ? json_node_get_string (n) : NULL;
}

static gint64
detail_int (JsonObject *d,
            const char *member,
            gint64      otherwise)
{
  JsonNode *n = d ? json_object_get_member (d, member) : NULL;

  return n && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64
           ? json_node_get_int (n) : otherwise;
}

/* The form's labels of the field keys the detail names, joined with 、 */
static char *
field_labels (JsonObject *d)
{
  JsonNode *n = d ? json_object_get_member (d, "fields") : NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return NULL;
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      const char *key = json_array_get_string_element (a, i);
      const TxField *f = key ? tx_form_lookup (key) : NULL;

      if (s->len)
        /* Translators: between the names of fields changed, in the audit trail */
        g_string_append (s, _(", "));
      g_string_append (s, f ? tx_field_label (f) : key);
    }
  return s->len ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

/* A report of the export log (tx_store_log_export()'s codes) as the
 * object of a sentence; and whether its count is of children */
static const char *
what_words (const char *what,
            gboolean   *of_children)
{
  static const struct { const char *code, *words; gboolean children; } whats[] = {
    { "ledger", N_("the ledger"), TRUE },
    { "key_care_ledger", N_("the key-care ledger"), TRUE },
    { "left_ledger", N_("the ledger of children who left"), TRUE },
    { "visit_log", N_("the monthly visit log"), FALSE },
    { "forms", N_("registration forms"), TRUE },
    { "blank_form", N_("the blank registration form"), FALSE },
    { "statistics", N_("the statistics"), TRUE },
    { "overdue_list", N_("the list of overdue visits"), FALSE },
    { "urgent_list", N_("the list of urgent cases"), FALSE },
    { "comparison", N_("the comparison with the departments' lists"), FALSE },
    { "audit", N_("the audit trail"), FALSE },
  };
  g_autofree char *code = g_strdup (what ? what : "");

  /* "visit_log_print" is the visit log, printed */
  if (g_str_has_suffix (code, "_print"))
    code[strlen (code) - strlen ("_print")] = '\0';
  *of_children = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (whats); i++)
    if (g_str_equal (whats[i].code, code))
      {
        *of_children = whats[i].children;
        return _(whats[i].words);
      }
  return what ? what : _("a report");
}

/* An export or a print: "Exported the ledger (120 children)" */
static char *
describe_output (const char *kind,
                 JsonObject *d)
{
  gboolean children;
  const char *what = what_words (detail_string (d, "what"), &children);
  gint64 count = detail_int (d, "count", -1);
  gboolean print = g_str_has_prefix (kind, "print") || g_str_has_suffix (detail_string (d, "what") ? detail_string (d, "what") : "", "_print");

  if (count >= 0 && children)
    return g_strdup_printf (print ? g_dngettext (GETTEXT_PACKAGE, "Printed %s (%u child)", "Printed %s (%u children)", count)
                                  : g_dngettext (GETTEXT_PACKAGE, "Exported %s (%u child)", "Exported %s (%u children)", count),
                            what, (guint) count);
  if (count >= 0)
    return g_strdup_printf (print ? g_dngettext (GETTEXT_PACKAGE, "Printed %s (%u row)", "Printed %s (%u rows)", count)
                                  : g_dngettext (GETTEXT_PACKAGE, "Exported %s (%u row)", "Exported %s (%u rows)", count),
                            what, (guint) count);
  return g_strdup_printf (print ? _("Printed %s") : _("Exported %s"), what);
}

static char *
describe_account (const char *kind,
                  JsonObject *d)
{
  const char *name = detail_string (d, "name") ? detail_string (d, "name") : "";
  TxRole role;

  if (g_str_equal (kind, "account.add") && d && json_object_has_member (d, "first"))
    /* Translators: the audit trail: the workstation protected by its first person's account */
    return g_strdup (_("Protected the store with the first account"));
  if (g_str_equal (kind, "account.add") && tx_role_from_string (detail_string (d, "role"), &role))
    /* Translators: the audit trail: an account added, its name and role */
    return g_strdup_printf (_("Added the account of %s (%s)"), name, tx_role_label (role));
  if (g_str_equal (kind, "account.add"))
    return g_strdup_printf (_("Added the account of %s"), name);
  if (g_str_equal (kind, "account.change"))
    return g_strdup_printf (_("Changed the role or villages of %s"), name);
  if (g_str_equal (kind, "account.password"))
    return g_strdup (_("Changed their own password"));
  if (g_str_equal (kind, "account.reset"))
    return g_strdup_printf (_("Set a new password for %s"), name);
  if (g_str_equal (kind, "account.activate"))
    return g_strdup_printf (_("Enabled the account of %s"), name);
  if (g_str_equal (kind, "account.deactivate"))
    return g_strdup_printf (_("Disabled the account of %s"), name);
  return NULL;
}

/* The kinds about one child, in words with its name; %NULL for another kind */
static char *
describe_child (const char *kind,
                const char *child)
{
  if (g_str_equal (kind, "child.add"))
    return g_strdup_printf (_("Registered %s"), child);
  if (g_str_equal (kind, "child.delete"))
    return g_strdup_printf (_("Deleted the registration of %s"), child);
  if (g_str_equal (kind, "child.restore"))
    return g_strdup_printf (_("Restored the registration of %s"), child);
  if (g_str_equal (kind, "child.exit"))
    return g_strdup_printf (_("Recorded that %s left the register"), child);
  if (g_str_equal (kind, "child.reopen"))
    return g_strdup_printf (_("Put %s back on the register"), child);
  if (g_str_equal (kind, "child.transfer") || g_str_equal (kind, "transfer.offer"))
    return g_strdup_printf (_("Offered the transfer of %s"), child);
  if (g_str_equal (kind, "transfer.decide"))
    return g_strdup_printf (_("Decided on the transfer of %s"), child);
  if (g_str_equal (kind, "visit.add"))
    return g_strdup_printf (_("Recorded a visit to %s"), child);
  if (g_str_equal (kind, "visit.update"))
    return g_strdup_printf (_("Changed a visit to %s"), child);
  if (g_str_equal (kind, "visit.delete"))
    return g_strdup_printf (_("Deleted a visit to %s"), child);
  if (g_str_equal (kind, "urgent.open"))
    return g_strdup_printf (_("Opened an urgent case of %s"), child);
  if (g_str_equal (kind, "urgent.close"))
    return g_strdup_printf (_("Closed the urgent case of %s"), child);
  if (g_str_equal (kind, "reveal"))
    /* Translators: the audit trail: a full identity number shown */
    return g_strdup_printf (_("Viewed the identity number of %s"), child);
  return NULL;
}

/* What the work of a whole workstation left in the trail, in words */
static const struct { const char *kind; const char *text; } plain_kinds[] = {
  { "ageing-out.run", N_("Took the children past the age limit off the register") },
  { "audit.fork", N_("Took a station's audit trail on from an earlier entry: it was restored from a backup") },
  { "backup.made", N_("Made a backup") },
  { "backup.restore", N_("Restored a backup") },
  { "bundle.export", N_("Made an exchange file") },
  { "bundle.import", N_("Took in an exchange file") },
  { "compare.same", N_("Decided a finding of the comparison: the same child") },
  { "compare.not-same", N_("Decided a finding of the comparison: not the same child") },
  { "compare.done", N_("Marked a comparison task done") },
  { "demo", N_("Added demo children") },
  { "import.ledger", N_("Imported a ledger") },
  { "import.undo", N_("Undid a ledger import") },
  { "lists.import", N_("Imported a department's list") },
  { "lists.remove", N_("Removed a department's list") },
  { "settings.change", N_("Changed the workstation's settings") },
  { "station.trust", N_("Trusted another station") },
  { "station.revoke", N_("Stopped trusting a station") },
  { "station.replace", N_("Trusted a station in place of one that lost its store") },
  { "transfer.accept", N_("Accepted a transfer") },
  { "transfer.refuse", N_("Refused a transfer") },
};

/**
 * tx_audit_entry_describe:
 *
 * What @entry records, as a sentence in the language of the user
 * interface: "Logged in", "Changed the registration form of 张小明 (Name,
 * Guardianship)", "Exported the ledger (120 children)". A child is named
 * from the store as it is now; a kind without words of its own is shown
 * by its code.
 *
 * Returns: (transfer full): the sentence
 */
char *
tx_audit_entry_describe (TxStore            *store,
                         const TxAuditEntry *e)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *child = e->child ? tx_store_audit_child_name (store, e->child) : NULL;
  g_autofree char *fields = NULL;
  JsonObject *d = NULL;
  const char *kind = e->kind ? e->kind : "";
  char *text;

  if (e->detail && json_parser_load_from_data (parser, e->detail, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    d = json_node_get_object (json_parser_get_root (parser));
  if (e->child && child == NULL)
    /* Translators: a child the trail names, whose record this workstation does not hold */
    child = g_strdup (_("a child of another workstation"));

  if (g_str_equal (kind, "login"))
    return g_strdup (g_strcmp0 (detail_string (d, "with"), "recovery-key") == 0
                       ? _("Logged in with the recovery key") : _("Logged in"));
  if (g_str_equal (kind, "login.failed"))
    return g_strdup (g_strcmp0 (detail_string (d, "with"), "recovery-key") == 0
                       ? _("Tried a wrong recovery key") : _("Tried a wrong password"));
  if (g_str_has_prefix (kind, "account.") && (text = describe_account (kind, d)))
    return text;
  if (g_str_equal (kind, "export") || g_str_has_prefix (kind, "export.") ||
      g_str_equal (kind, "print") || g_str_has_prefix (kind, "print."))
    return describe_output (kind, d);
  if (g_str_equal (kind, "child.update"))
    {
      fields = field_labels (d);
      /* Translators: the audit trail: a child's name, then the fields changed */
      return fields ? g_strdup_printf (_("Changed the registration form of %s (%s)"), child ? child : "", fields)
                    : g_strdup_printf (_("Changed the registration form of %s"), child ? child : "");
    }
  if ((text = describe_child (kind, child ? child : "")))
    return text;
  for (guint i = 0; i < G_N_ELEMENTS (plain_kinds); i++)
    if (g_str_equal (kind, plain_kinds[i].kind))
      return child ? g_strdup_printf ("%s · %s", _(plain_kinds[i].text), child)
                   : g_strdup (_(plain_kinds[i].text));
  /* a kind this version has no words for: its code, and the child */
  return child ? g_strdup_printf ("%s · %s", kind, child) : g_strdup (kind);
}

/**
 * tx_audit_entry_local_time:
 *
 * Returns: (transfer full): when @entry was made, in local time
 *   ("2026-11-30 16:44")
 */
char *
tx_audit_entry_local_time (const TxAuditEntry *entry)
{
  g_autoptr(GDateTime) at = entry->at ? g_date_time_new_from_iso8601 (entry->at, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (entry->at ? entry->at : "");
}
