/* tx-json.h — small helpers for writing JSON
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

void       tx_json_add_string     (JsonBuilder      *builder,
                                   const char       *name,
                                   const char       *value);
void       tx_json_add_codes      (JsonBuilder      *builder,
                                   const char       *name,
                                   const char       *value);
char      *tx_json_to_string      (JsonNode         *node,
                                   gboolean          pretty);

G_END_DECLS
