/* tx-store-roles.c — which children a person may open, and revealing identity numbers
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A village's child director sees and edits only the children who live in
 * their villages (the residence division of the record). The store
 * enforces it, so that every path follows: the queries of lists, searches,
 * counts, the calendar and the visit lists get a condition on the child's
 * residence (`IN (SELECT value FROM json_each(?))` over the director's
 * villages, which the child_village index answers), and reading, changing
 * or visiting one child checks its village first. Supervisors and county
 * officers have no condition at all: their queries are as before.
 *
 * Full identity numbers are for supervisors and officers, and each time
 * one is shown in full the audit trail gets a "reveal" entry naming the
 * person and the child.
 */

#define G_LOG_DOMAIN "tx-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-session.h"
#include "tx-store-accounts.h"
#include "tx-store-audit.h"
#include "tx-store-private.h"
#include "tx-store-roles.h"

/**
 * tx_store_villages_json:
 *
 * The director's villages as a JSON array, for a query's
 * `f_residence_division IN (SELECT value FROM json_each(?))` (see
 * TX_MINE()); %NULL for a supervisor or an officer, who see every child.
 *
 * Returns: (transfer full) (nullable): the array's text
 */
char *
tx_store_villages_json (TxStore *self)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *const *mine;

  if (tx_store_can (self, TX_PERMISSION_ALL_CHILDREN))
    return NULL;
  mine = tx_session_get_villages (self->session);
  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; mine && mine[i]; i++)
    json_builder_add_string_value (b, mine[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static void
set_other_village (GError **error)
{
  g_set_error_literal (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN,
                       _("This child lives in another village: only that village's child director or "
                         "the supervisor can open the record."));
}

/**
 * tx_store_require_village:
 * @village: (nullable): the village a record gives as the child's residence
 *
 * For a record being saved: a director may register and keep children
 * only in their own villages.
 *
 * Returns: whether the person logged in may keep a child living there
 */
gboolean
tx_store_require_village (TxStore     *self,
                          const char  *village,
                          GError     **error)
{
  const char *const *mine;
  g_autoptr(GString) names = NULL;

  if (tx_store_may_see_village (self, village))
    return TRUE;
  mine = tx_session_get_villages (self->session);
  names = g_string_new (NULL);
  for (guint i = 0; mine && mine[i]; i++)
    {
      const char *name = tx_division_name (mine[i]);
      g_string_append_printf (names, "%s%s", i ? _(", ") : "", name ? name : mine[i]);
    }
  g_set_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN,
               _("A child director keeps only the children who live in their own villages (%s); "
                 "choose one of them as the village of residence, or ask the township's child "
                 "supervisor."), names->len ? names->str : _("no village given"));
  return FALSE;
}

/**
 * tx_store_require_child:
 * @id: a child's id
 *
 * Before a child's record, history or visits are read or changed.
 * An id that is not in the store passes: the caller says it is not found.
 *
 * Returns: whether the person logged in may open the child's record
 */
gboolean
tx_store_require_child (TxStore     *self,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *village = NULL;
  gboolean found = FALSE;

  if (tx_store_can (self, TX_PERMISSION_ALL_CHILDREN))
    return TRUE;
  stmt = tx_store_prepare (self, "SELECT f_residence_division FROM child WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  tx_store_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      found = TRUE;
      village = tx_store_column_text (stmt, 0);
    }
  sqlite3_reset (stmt);
  if (!found || tx_store_may_see_village (self, village))
    return TRUE;
  set_other_village (error);
  return FALSE;
}

static gboolean
audit_reveal (TxStore     *self,
              const char  *id,
              const char  *where,
              GError     **error)
{
  g_autoptr(JsonObject) detail = json_object_new ();

  json_object_set_string_member (detail, "field", "id_number");
  if (where)
    json_object_set_string_member (detail, "in", where);
  return tx_store_audit (self, "reveal", id, detail, error);
}

/**
 * tx_store_child_reveal_id:
 * @id: the child's id
 * @number: (out) (transfer full) (nullable): the full identity number;
 *   %NULL when the record has none
 *
 * Shows one child's identity number in full, as the form's reveal button
 * and `child get --reveal-id` do. Only supervisors and county officers
 * may, and only for a child they may open; each call writes a "reveal"
 * entry ({"field": "id_number"}) to the audit trail with the person and
 * the child, and the number is given only once the entry is written.
 *
 * Returns: %FALSE with @error set (%TX_STORE_ERROR_FORBIDDEN for a child
 *   director or another village's child, %TX_STORE_ERROR_NOT_FOUND) and
 *   nothing written
 */
gboolean
tx_store_child_reveal_id (TxStore     *self,
                          const char  *id,
                          char       **number,
                          GError     **error)
{
  g_autoptr(TxRecord) record = NULL;

  g_return_val_if_fail (number != NULL, FALSE);
  *number = NULL;
  if (!tx_store_require (self, TX_PERMISSION_REVEAL, error) ||
      !(record = tx_store_child_get (self, id, error)) ||
      !audit_reveal (self, id, NULL, error))
    return FALSE;
  *number = g_strdup (record->values[TX_F ("id_number")]);
  return TRUE;
}

/**
 * tx_store_children_reveal_ids:
 * @ids: the ids of the children whose numbers a list shows in full
 * @where: (nullable): what shows them ("list"), for the entries' detail
 *
 * Before a list shows identity numbers in full (`child list --reveal-ids`,
 * the roster's reveal toggle): one "reveal" entry for each child, in one
 * transaction, so that the trail of a child names everybody who saw its
 * number. A spreadsheet exported with full numbers is recorded as its
 * export instead.
 *
 * Returns: %FALSE with @error set (%TX_STORE_ERROR_FORBIDDEN for a child
 *   director) and nothing written
 */
gboolean
tx_store_children_reveal_ids (TxStore            *self,
                              const char *const  *ids,
                              guint               n_ids,
                              const char         *where,
                              GError            **error)
{
  int depth = tx_store_get_depth (self);

  if (!tx_store_require (self, TX_PERMISSION_REVEAL, error))
    return FALSE;
  if (n_ids == 0)
    return TRUE;
  if (!tx_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    if (!tx_store_require_child (self, ids[i], error) || !audit_reveal (self, ids[i], where, error))
      {
        tx_store_rollback_to (self, depth);
        return FALSE;
      }
  if (!tx_store_commit (self, error))
    {
      tx_store_rollback_to (self, depth);
      return FALSE;
    }
  return TRUE;
}
