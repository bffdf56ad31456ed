/* tx-core.h — one include for the core library
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-holidays.h"
#include "tx-date.h"
#include "tx-demo.h"
#include "tx-divisions.h"
#include "tx-form.h"
#include "tx-columns.h"
#include "tx-compare.h"
#include "tx-idcard.h"
#include "tx-import.h"
#include "tx-intake.h"
#include "tx-intake-service.h"
#include "tx-lists.h"
#include "tx-lists-service.h"
#include "tx-json.h"
#include "tx-record-json.h"
#include "tx-pinyin.h"
#include "tx-record.h"
#include "tx-rules.h"
#include "tx-schedule.h"
#include "tx-report.h"
#include "tx-report-audit.h"
#include "tx-report-compare.h"
#include "tx-report-export.h"
#include "tx-store.h"
#include "tx-backup.h"
#include "tx-keyring.h"
#include "tx-session.h"
#include "tx-store-accounts.h"
#include "tx-store-audit.h"
#include "tx-store-audit-fork.h"
#include "tx-store-audit-list.h"
#include "tx-sheet.h"
#include "tx-store-exports.h"
#include "tx-store-imports.h"
#include "tx-store-json.h"
#include "tx-store-lists.h"
#include "tx-store-register.h"
#include "tx-store-roles.h"
#include "tx-register.h"
#include "tx-store-services.h"
#include "tx-store-stations.h"
#include "tx-store-urgent.h"
#include "tx-store-visits.h"
#include "tx-station.h"
#include "tx-sync.h"
#include "tx-bundle.h"
#include "tx-store-service.h"
#include "tx-store-service-accounts.h"
#include "tx-store-service-register.h"
#include "tx-sync-service.h"
#include "tx-visit.h"

G_BEGIN_DECLS

void tx_core_init (void);

G_END_DECLS
