/* tx-store-visits.h — home visits, the calendar month, the visit log (tx-store-visits.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"
#include "tx-visit.h"

G_BEGIN_DECLS

/* One day of the visit calendar */
typedef struct {
  guint due;       /* children whose next home visit falls on the day */
  guint overdue;   /* of those, the ones whose day has passed */
  guint done;      /* visits recorded on the day */
  guint urgent;    /* children with an open urgent case raised by a visit on
                    * the day, or due on the day */
} TxDayCounts;

/* A visit as the monthly log prints it */
typedef struct {
  TxVisit *visit;
  char    *name;            /* the child's */
  char    *residence;       /* the child's village */
  char    *next_visit_due;  /* the child's, now */
} TxLogRow;

/* A visit as the calendar lists it */
typedef struct {
  char     *id;
  char     *child_id;
  char     *name;      /* the child's */
  char     *kind;
  char     *visitor;
  gboolean  urgent;
  char     *birth_date;           /* the child's */
  char     *residence_division;
  char     *phone;
} TxVisitRow;

GPtrArray   *tx_store_visitors             (TxStore        *self,
                                            const char     *since,
                                            GError        **error);
gboolean     tx_store_calendar_month       (TxStore        *self,
                                            guint           year,
                                            guint           month,
                                            const char     *division,
                                            const char     *visitor,
                                            TxDayCounts   days[31],
                                            GError        **error);
GPtrArray   *tx_store_visit_rows           (TxStore        *self,
                                            const char     *day,
                                            const char     *division,
                                            const char     *visitor,
                                            guint           limit,
                                            guint          *total,
                                            GError        **error);
void         tx_visit_row_free             (TxVisitRow     *row);
char           *tx_store_visit_add           (TxStore       *store,
                                              TxVisit       *visit,
                                              gboolean       draft,
                                              GPtrArray    **problems,
                                              GError       **error);
TxVisit        *tx_store_visit_get           (TxStore       *store,
                                              const char    *id,
                                              GError       **error);
GPtrArray      *tx_store_visit_list          (TxStore       *store,
                                              const char    *child_id,
                                              const char    *from,
                                              const char    *to,
                                              GError       **error);
GPtrArray      *tx_store_visit_log           (TxStore       *store,
                                              const char    *from,
                                              const char    *to,
                                              const char    *division,
                                              const char    *visitor,
                                              GError       **error);
void            tx_log_row_free              (TxLogRow      *row);

G_END_DECLS
