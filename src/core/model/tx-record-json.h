/* tx-record-json.h — records in the public JSON form
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "tx-record.h"
#include "tx-rules.h"
#include "tx-json.h"

G_BEGIN_DECLS

typedef struct {
  char *key;       /* the JSON key concerned */
  char *message;
} TxInputProblem;

gboolean   tx_json_apply_object   (JsonObject       *object,
                                   TxRecord         *record,
                                   GPtrArray        *problems);
JsonNode  *tx_json_from_record    (const TxRecord   *record,
                                   const TxCheck    *check);
void       tx_json_add_problems   (JsonBuilder      *builder,
                                   const TxCheck    *check);
GPtrArray *tx_input_problems_new  (void);
void       tx_input_problem_add   (GPtrArray        *problems,
                                   const char       *key,
                                   const char       *message);

G_END_DECLS
