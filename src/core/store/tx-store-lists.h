/* tx-store-lists.h — departments' lists and the comparison rounds with the
 * register, as the store keeps them (tx-store-lists.c)
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-store.h"

G_BEGIN_DECLS

/* The department a list comes from */
typedef enum {
  TX_DEPARTMENT_POLICE,     /* public security (公安): residence permits, temporary residence */
  TX_DEPARTMENT_EDUCATION,  /* education (教育): migrant pupils */
  TX_DEPARTMENT_HEALTH,     /* health (卫健): 0–6 health management */
  TX_DEPARTMENT_CDC,        /* disease control (疾控): vaccinations */
  TX_DEPARTMENT_OTHER,
} TxDepartment;

#define TX_N_DEPARTMENTS (TX_DEPARTMENT_OTHER + 1)

/* A department's list, as imported */
typedef struct {
  gint64        id;
  TxDepartment  department;
  char         *name;
  char         *date;         /* the list's date, ISO */
  char         *file;         /* the file's name, without its folder */
  char         *sheet;
  GStrv         keys;         /* the form's fields its columns filled */
  char         *imported_at;  /* ISO 8601 UTC */
  char         *who;
  guint         rows;         /* entries kept */
} TxDeptList;

/* One entry of a list: a row of its sheet */
typedef struct {
  gint64  list;
  guint   row;                 /* as the sheet numbers it */
  char   *name;
  char   *birth_date;
  char   *id_number;           /* as the list has it: not necessarily valid */
  char   *gender;
  char   *residence_division;
  char   *values;              /* JSON object: every mapped value, by the form's key */
  char   *pinyin;              /* of the name, worked out by the store; not read on adding */
} TxListEntry;

/* What the comparison found for a list entry or a registered child */
typedef enum {
  TX_COMPARE_NOT_REGISTERED,  /* on a list, not in the register: to be screened */
  TX_COMPARE_FOUND,           /* registered, and the list agrees */
  TX_COMPARE_DIFFERENCE,      /* registered, with differences worth a look */
  TX_COMPARE_POSSIBLE,        /* maybe registered: a person decides */
  TX_COMPARE_ON_NO_LIST,      /* registered, on no list of the round: may have moved away */
} TxCompareKind;

#define TX_N_COMPARE_KINDS (TX_COMPARE_ON_NO_LIST + 1)

/* The rule that matched an entry to a child */
typedef enum {
  TX_MATCH_NONE,
  TX_MATCH_ID_NUMBER,        /* the same valid identity number */
  TX_MATCH_NAME_BIRTH,       /* the same name and date of birth */
  TX_MATCH_PINYIN_BIRTH,     /* the same name in pinyin and date of birth */
  TX_MATCH_ID_BIRTH_GENDER,  /* a child of that name whose identity number says that birth date and gender */
} TxMatchRule;

/* A comparison round */
typedef struct {
  gint64  id;
  char   *at;          /* ISO 8601 UTC */
  char   *who;
  char   *division;    /* the village, township or county compared, or NULL: the whole register */
  char   *lists;       /* JSON array: [{"id", "name", "department", "date", "rows"}] as they were */
  guint   counts[TX_N_COMPARE_KINDS];
  guint   children;    /* registered children in scope */
} TxCompareRound;

/* One finding of a round. The list entry is kept as text, so that a round
 * still says what it found once its list was removed. */
typedef struct {
  gint64         id;
  gint64         round;
  TxCompareKind  kind;
  gint64         list;          /* 0 for a child on no list */
  char          *list_name;     /* "name (department)" */
  guint          row;
  char          *name;          /* the entry's, else the child's */
  char          *birth_date;
  char          *id_number;
  char          *child_id;      /* the child matched, or on no list; NULL when not registered */
  char          *child_name;
  char          *residence_division;  /* the child's village, else the entry's */
  TxMatchRule    rule;
  char          *differences;   /* JSON array [{"key", "list_value", "record_value", "list"}], or NULL */
  char          *note;          /* translated, e.g. why an identity number was not used */
  char          *decision;      /* a possible match: "same" or "not_same", or NULL */
  char          *decided_by;
  char          *decided_at;
  gboolean       done;          /* the task is done: screened, checked, looked at */
  char          *done_by;
  char          *done_at;
} TxCompareItem;

/* Reads a registered child for the comparison: uuid, name, birth date,
 * identity number, gender, pinyin of the name, then the fields asked for,
 * each NULL when empty. The strings belong to the store. */
typedef gboolean (*TxRegisterFunc) (const char *const *values,
                                    gpointer           user_data);
typedef gboolean (*TxListEntryFunc) (const TxListEntry *entry,
                                     gpointer           user_data);

const char  *tx_department_code             (TxDepartment     department);
const char  *tx_department_label            (TxDepartment     department);
gboolean     tx_department_guess            (const char      *file_name,
                                             TxDepartment    *department);
gboolean     tx_department_parse            (const char      *code,
                                             TxDepartment    *department);
const char  *tx_compare_kind_code           (TxCompareKind    kind);
const char  *tx_compare_kind_label          (TxCompareKind    kind);
const char  *tx_match_rule_code             (TxMatchRule      rule);
const char  *tx_match_rule_label            (TxMatchRule      rule);

/* Lists */
gint64       tx_store_list_add              (TxStore            *self,
                                             TxDepartment        department,
                                             const char         *name,
                                             const char         *date,
                                             const char         *file,
                                             const char         *sheet,
                                             const char *const  *keys,
                                             GError            **error);
gboolean     tx_store_list_add_entry        (TxStore            *self,
                                             const TxListEntry  *entry,
                                             GError            **error);
gboolean     tx_store_list_set_rows         (TxStore            *self,
                                             gint64              list,
                                             guint               rows,
                                             GError            **error);
GPtrArray   *tx_store_lists                 (TxStore            *self,
                                             GError            **error);
TxDeptList  *tx_store_list_get              (TxStore            *self,
                                             gint64              list,
                                             GError            **error);
gboolean     tx_store_list_remove           (TxStore            *self,
                                             gint64              list,
                                             GError            **error);
TxListEntry *tx_store_list_entry            (TxStore            *self,
                                             gint64              list,
                                             guint               row,
                                             GError            **error);
gboolean     tx_store_list_foreach_entry    (TxStore            *self,
                                             gint64              list,
                                             TxListEntryFunc     func,
                                             gpointer            user_data,
                                             GError            **error);
gboolean     tx_store_register_foreach      (TxStore            *self,
                                             const char         *division,
                                             const int          *fields,
                                             guint               n_fields,
                                             TxRegisterFunc      func,
                                             gpointer            user_data,
                                             GError            **error);
void         tx_dept_list_free              (TxDeptList         *list);
void         tx_list_entry_free             (TxListEntry        *entry);

/* Comparison rounds */
gint64       tx_store_compare_round_new     (TxStore            *self,
                                             const char         *division,
                                             const char         *lists,
                                             GError            **error);
gboolean     tx_store_compare_item_add      (TxStore            *self,
                                             const TxCompareItem *item,
                                             GError            **error);
GHashTable  *tx_store_compare_same_decisions (TxStore           *self,
                                             GError            **error);
gboolean     tx_store_compare_round_done    (TxStore            *self,
                                             gint64              round,
                                             const guint        *counts,
                                             guint               children,
                                             GError            **error);
GPtrArray   *tx_store_compare_rounds        (TxStore            *self,
                                             GError            **error);
TxCompareRound *tx_store_compare_round_get  (TxStore            *self,
                                             gint64              round,
                                             GError            **error);
GPtrArray   *tx_store_compare_items         (TxStore            *self,
                                             gint64              round,
                                             int                 kind,
                                             GError            **error);
GPtrArray   *tx_store_compare_items_page    (TxStore            *self,
                                             gint64              round,
                                             int                 kind,
                                             guint               offset,
                                             guint               limit,
                                             guint              *total,
                                             GError            **error);
TxCompareItem *tx_store_compare_item_get    (TxStore            *self,
                                             gint64              item,
                                             GError            **error);
gboolean     tx_store_compare_item_decide   (TxStore            *self,
                                             gint64              item,
                                             gboolean            same,
                                             GError            **error);
gboolean     tx_store_compare_item_set_done (TxStore            *self,
                                             gint64              item,
                                             const char         *child_id,
                                             GError            **error);
GPtrArray   *tx_store_compare_tasks         (TxStore            *self,
                                             guint               limit,
                                             guint              *total,
                                             GError            **error);
void         tx_compare_round_free          (TxCompareRound     *round);
void         tx_compare_item_free           (TxCompareItem      *item);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxDeptList, tx_dept_list_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxListEntry, tx_list_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCompareRound, tx_compare_round_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxCompareItem, tx_compare_item_free)

G_END_DECLS
