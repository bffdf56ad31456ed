/* tx-store-roles.h — which children a person may open, and revealing identity numbers
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

gboolean tx_store_require_village     (TxStore            *self,
                                       const char         *village,
                                       GError            **error);
gboolean tx_store_require_child       (TxStore            *self,
                                       const char         *id,
                                       GError            **error);

/*
 * tx_store_child_reveal_id() is what a "show the full number" control
 * calls (the form's eye button, `child get --reveal-id`): it checks that
 * the person may see full identity numbers (supervisors and county
 * officers; never a child director) and may open the child, writes a
 * "reveal" entry to the audit trail naming the person and the child, and
 * only then gives the number. Call it each time the number is shown in
 * full, not once a session: every reveal is one entry. Everywhere else a
 * number is shown masked, with tx_id_mask().
 */
gboolean tx_store_child_reveal_id     (TxStore            *self,
                                       const char         *id,
                                       char              **number,
                                       GError            **error);
gboolean tx_store_children_reveal_ids (TxStore            *self,
                                       const char *const  *ids,
                                       guint               n_ids,
                                       const char         *where,
                                       GError            **error);

G_END_DECLS
