/* tx-store.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tx-record.h"
#include "tx-rules.h"
#include "tx-schedule.h"
#include "tx-session.h"
#include "tx-store-monitor.h"

G_BEGIN_DECLS

#define TX_STORE_ERROR (tx_store_error_quark ())

typedef enum {
  TX_STORE_ERROR_IO,          /* the file cannot be opened, read or written */
  TX_STORE_ERROR_FULL,        /* the disk is full */
  TX_STORE_ERROR_CORRUPT,     /* the file is not a Tongxing database or is damaged */
  TX_STORE_ERROR_TOO_NEW,     /* made by a newer version of Tongxing */
  TX_STORE_ERROR_NOT_FOUND,
  TX_STORE_ERROR_DUPLICATE,   /* the identity number is registered already */
  TX_STORE_ERROR_INVALID,     /* the record has errors; see the check */
  TX_STORE_ERROR_INCOMPLETE,  /* required values are missing and no draft was asked for */
  TX_STORE_ERROR_NOT_SET_UP,  /* the workstation has no county yet */
  TX_STORE_ERROR_SETTINGS,    /* a setting has a value that cannot be used */
  TX_STORE_ERROR_NO_NAME,     /* even a draft needs the child's name */
  TX_STORE_ERROR_REGISTER,    /* not possible in the child's place on the register */
  TX_STORE_ERROR_URGENT_OPEN, /* an urgent case of the child is still open */
  TX_STORE_ERROR_LOCKED,      /* encrypted, and nobody is logged in to it */
  TX_STORE_ERROR_NOT_PROTECTED, /* plain, made before encryption: a login protects it */
  TX_STORE_ERROR_ACCOUNT,     /* the person has no active account in the store */
  TX_STORE_ERROR_FORBIDDEN,   /* the person's role does not allow it */
  TX_STORE_ERROR_BACKUP,      /* a backup's copy: restored or previewed, never opened as the store */
} TxStoreError;

typedef enum {
  TX_STORE_FILE_MISSING,
  TX_STORE_FILE_NEW,          /* an empty file */
  TX_STORE_FILE_PLAIN,        /* a store made before stores were encrypted */
  TX_STORE_FILE_ENCRYPTED,
  TX_STORE_FILE_UNREADABLE,   /* see the error */
} TxStoreFileKind;

TxStoreFileKind tx_store_probe_file (const char  *path,
                                     GError     **error);

typedef enum {
  TX_CHILD_ORDER_NAME,          /* pinyin of the name */
  TX_CHILD_ORDER_AGE,           /* youngest first */
  TX_CHILD_ORDER_GENDER,
  TX_CHILD_ORDER_ID_NUMBER,
  TX_CHILD_ORDER_VILLAGE,
  TX_CHILD_ORDER_CATEGORY,
  TX_CHILD_ORDER_GUARDIANSHIP,  /* good, average, poor */
  TX_CHILD_ORDER_KEY_CARE,      /* key-care children first */
  TX_CHILD_ORDER_STATUS,        /* draft, incomplete, not eligible, complete */
  TX_CHILD_ORDER_NEXT_VISIT,    /* soonest due first */
  TX_CHILD_ORDER_INFO_REFRESH,  /* information update soonest due first */
} TxChildOrder;

typedef enum {
  TX_REGISTER_FILTER_ACTIVE,  /* on the register today (the default) */
  TX_REGISTER_FILTER_LEFT,    /* exited or transferred away */
  TX_REGISTER_FILTER_ALL,
} TxRegisterFilter;

typedef struct {
  const char *search;         /* name part, pinyin initials, identity digits */
  const char *division;       /* a village, or a township: its code prefix */
  const char *category;       /* child_category code */
  const char *guardianship;   /* guardianship code */
  gboolean    key_care_only;
  gboolean    incomplete_only;
  gboolean    ineligible_only;
  const char *overdue_before; /* ISO date: only children due before it */
  gboolean    urgent_only;
  gboolean    compare_task;   /* only children with an open task of the latest comparison round */
  const char *refresh_before; /* ISO date: only children whose information update is due before it */
  const char *registered_on;  /* ISO date: only children on the register that day: complete, eligible, under 16 */
  TxRegisterFilter register_filter;  /* active children unless asked */
  const char *exit_reason;    /* with TX_REGISTER_FILTER_LEFT: only this reason */
  const char *ages_out_before; /* ISO date: only active children who age out before it */
  const char *exited_after;   /* with TX_REGISTER_FILTER_LEFT: only those who left after this day */
  const char *after;          /* a child's id: only the children after it (name order only: a page
                               * at any depth through the index, where an offset walks it) */
  TxChildOrder order;
  gboolean    descending;
} TxChildQuery;

/* A query with its own strings, for another thread */
TxChildQuery *tx_child_query_copy (const TxChildQuery *query);
void          tx_child_query_free (TxChildQuery       *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxChildQuery, tx_child_query_free)

/* The settings of a workstation, as people give them (the setup,
 * Preferences, the command line's init) or the station makes them */
typedef enum {
  TX_SETTING_COUNTY,        /* six-digit code of GB/T 2260 */
  TX_SETTING_TOWNSHIP,      /* nine-digit code; none at a county office */
  TX_SETTING_STATION_NAME,
  TX_SETTING_STATION_ID,    /* this station's id, made when the store is */
  TX_SETTING_SUPERVISOR,    /* the township's child supervisor */
  TX_SETTING_DIRECTORS,     /* the village child directors, as typed */
  TX_SETTING_EDITOR,        /* who fills the forms in at this workstation */
  TX_SETTING_AUTOSAVE,      /* the form as typed and not saved, as JSON */
  TX_SETTING_SIGN_PK,       /* this station's public keys (sync/tx-station.c) */
  TX_SETTING_BOX_PK,
} TxSetting;

/* A child due for a home visit */
typedef struct {
  char     *id;
  char     *name;
  char     *due_date;
  char     *residence_division;
  char     *guardianship;
  gboolean  key_care;
  char     *birth_date;
  char     *phone;              /* contact_phone */
  char     *ages_out;           /* the day the child leaves the register by age */
} TxDueRow;

/* One changed field in the history of a record */
typedef struct {
  char *at;          /* ISO 8601 UTC */
  char *station;
  char *editor;      /* the person at the workstation, if set */
  char *field;       /* form key */
  char *old_value;
  char *new_value;
} TxChange;

/* A roster row: the columns a list shows, not the whole form */
typedef struct {
  gint64    rowid;
  char     *id;
  char     *name;
  char     *gender;
  char     *birth_date;
  char     *id_number;
  char     *residence_division;
  char     *category;
  char     *guardianship;
  char     *migration_scope;
  char     *key_care_reasons;
  gboolean  key_care;
  gboolean  complete;
  gboolean  eligible;
  gboolean  draft;
  char     *next_visit_due;
  gboolean  urgent;
  char     *info_refresh_due;
  char     *eligible_from;   /* the day the six months here are up, if after registration */
  char     *register_state;  /* active, exited, transferred */
  char     *exit_reason;
  char     *exit_date;
  char     *ages_out;        /* the day the child leaves the register by age */
} TxChildRow;

#define TX_TYPE_STORE (tx_store_get_type ())

G_DECLARE_FINAL_TYPE (TxStore, tx_store, TX, STORE, GObject)

GQuark       tx_store_error_quark          (void);
char        *tx_store_default_path         (void);
TxStore     *tx_store_open                 (const char     *path,
                                            GError        **error);
const char  *tx_store_get_path             (TxStore        *self);
TxStoreMonitor *tx_store_get_monitor       (TxStore        *self);
gboolean     tx_store_check_output         (const char     *path,
                                            GError        **error);
gboolean     tx_store_check_not_backup     (const char     *path,
                                            GError        **error);
gboolean     tx_store_poll_changes         (TxStore        *self);
void         tx_store_rebase_changes       (TxStore        *self);
gboolean     tx_store_set_read_only        (TxStore        *self,
                                            gboolean        read_only,
                                            GError        **error);
void         tx_store_set_busy_timeout     (TxStore        *self,
                                            int             ms);
int          tx_store_get_schema_version   (TxStore        *self);

char        *tx_store_get_setting          (TxStore        *self,
                                            TxSetting       setting);
gboolean     tx_store_set_setting          (TxStore        *self,
                                            TxSetting       setting,
                                            const char     *value,
                                            GError        **error);
const char  *tx_setting_key                (TxSetting       setting);
const char  *tx_store_get_station_id       (TxStore        *self);
gboolean     tx_store_init_workstation     (TxStore        *self,
                                            const char     *county,
                                            const char     *township,
                                            const char     *name,
                                            GError        **error);
gboolean     tx_store_is_set_up            (TxStore        *self);
void         tx_store_rules_context        (TxStore        *self,
                                            TxRulesContext *ctx);
void         tx_store_get_schedule_settings (TxStore           *self,
                                             TxScheduleSettings *settings);
gboolean     tx_store_set_schedule_settings (TxStore                  *self,
                                             const TxScheduleSettings *settings,
                                             GError                  **error);
TxSession   *tx_store_get_session          (TxStore        *self);
const char  *tx_store_get_person           (TxStore        *self);
char        *tx_store_get_worker           (TxStore        *self);
GStrv        tx_store_get_staff            (TxStore        *self);
gboolean     tx_store_load_holidays        (TxStore        *self,
                                            const char     *json,
                                            gssize          length,
                                            GError        **error);

gboolean     tx_store_begin                (TxStore        *self,
                                            GError        **error);
gboolean     tx_store_commit               (TxStore        *self,
                                            GError        **error);
void         tx_store_rollback             (TxStore        *self);
/* a commit that fails rolls its own level back: after one, undo with
 * tx_store_rollback_to (the depth before tx_store_begin), never rollback */
int          tx_store_get_depth            (TxStore        *self);
void         tx_store_rollback_to          (TxStore        *self,
                                            int             depth);

char        *tx_store_child_add            (TxStore        *self,
                                            TxRecord       *record,
                                            gboolean        draft,
                                            TxCheck       **check,
                                            GError        **error);
gboolean     tx_store_child_update         (TxStore        *self,
                                            TxRecord       *record,
                                            gboolean        draft,
                                            TxCheck       **check,
                                            GError        **error);
TxRecord    *tx_store_child_get            (TxStore        *self,
                                            const char     *id,
                                            GError        **error);
gboolean     tx_store_child_delete         (TxStore        *self,
                                            const char     *id,
                                            GError        **error);
char        *tx_store_child_find_id_number (TxStore        *self,
                                            const char     *id_number,
                                            const char     *except_id);
GPtrArray   *tx_store_child_same_person    (TxStore        *self,
                                            const char     *name,
                                            const char     *birth_date,
                                            const char     *except_id);
GPtrArray   *tx_store_child_same_pinyin    (TxStore        *self,
                                            const char     *name,
                                            const char     *birth_date,
                                            const char     *except_id);
GPtrArray   *tx_store_child_list           (TxStore        *self,
                                            const TxChildQuery *query,
                                            guint           offset,
                                            guint           limit,
                                            GError        **error);
gint64       tx_store_child_count          (TxStore        *self,
                                            const TxChildQuery *query,
                                            GError        **error);
GArray      *tx_store_child_rowids         (TxStore        *self,
                                            const TxChildQuery *query,
                                            GError        **error);
typedef gboolean (*TxChildFunc) (TxRecord *record,
                                 gpointer  user_data);
gboolean     tx_store_child_foreach        (TxStore             *self,
                                            const TxChildQuery  *query,
                                            TxChildFunc          func,
                                            gpointer             user_data,
                                            GCancellable        *cancellable,
                                            GError             **error);
GPtrArray   *tx_store_child_rows_by_rowid  (TxStore        *self,
                                            const gint64   *rowids,
                                            guint           n,
                                            GError        **error);
void         tx_child_row_free             (TxChildRow     *row);
GPtrArray   *tx_store_child_history        (TxStore        *self,
                                            const char     *id,
                                            GError        **error);
void         tx_change_free                (TxChange       *change);
GPtrArray   *tx_store_visits_due           (TxStore        *self,
                                            const char     *from,
                                            const char     *to,
                                            GError        **error);
GPtrArray   *tx_store_due_page             (TxStore        *self,
                                            const char     *from,
                                            const char     *to,
                                            const char     *division,
                                            guint           limit,
                                            guint          *total,
                                            GError        **error);
void         tx_due_row_free               (TxDueRow       *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TxChildRow, tx_child_row_free)

G_END_DECLS
