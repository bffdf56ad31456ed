/* tx-schedule.h — when a child is due for a visit and an information update
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int good_months;       /* guardianship 较好: every 3 months */
  int average_months;    /* guardianship 一般: every month */
  int key_care_days;     /* key-care children: more often than monthly */
  int first_visit_days;  /* the first visit after registration */
} TxScheduleSettings;

void tx_schedule_settings_init         (TxScheduleSettings       *settings);
void tx_schedule_previous_working_day  (GDate                    *date);
void tx_schedule_next_visit            (const TxScheduleSettings *settings,
                                        const char               *guardianship,
                                        gboolean                  key_care,
                                        const GDate              *registration,
                                        const GDate              *last_home_visit,
                                        GDate                    *due);
void tx_schedule_info_refresh          (const char               *categories,
                                        const GDate              *last_update,
                                        GDate                    *due);

G_END_DECLS
