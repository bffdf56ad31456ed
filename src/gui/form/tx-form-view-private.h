/* tx-form-view-private.h — shared by the form view's files, and for tests
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tx-form-view.h"
#include "tx-register-dialog.h"

G_BEGIN_DECLS

/* One input of the form, with its caption and message */
typedef struct {
  const TxField *field;
  GtkWidget     *cell;
  GtkWidget     *caption;
  GtkWidget     *input;
  GtkWidget     *entry;
  GtkWidget     *calendar;
  GPtrArray     *checks;
  GtkWidget     *dd[3];
  GPtrArray     *dd_codes[3];
  int            dd_levels;
  GtkWidget     *message;
  gboolean       touched;
  gboolean       read_only;
  gboolean       left;      /* the focus left it: show the date as stored */
} TxFormEditor;

struct _TxFormView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkRevealer    *summary_revealer;
  GtkLabel       *summary_title;
  GtkListBox     *summary_list;
  GtkScrolledWindow *scroller;
  GtkBox         *sections_box;
  GtkLabel       *derived_label;
  GtkBox         *banner;
  GtkLabel       *banner_label;
  GtkButton      *banner_button;
  GtkLabel       *ages_out_label;
  GtkMenuButton  *register_button;
  GtkWidget      *save_button;
  GtkWidget      *draft_button;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  TxFormEditor         *editors;
  guint           n_editors;
  TxRecord       *loaded;      /* id and bookkeeping of the record shown */
  TxRecord       *baseline;    /* values as loaded or last saved */
  char           *county;
  char           *township;
  guint           autosave_id;
  gboolean        autosave_failed; /* told once, until an autosave works again */
  guint           update_id;   /* an update waiting for the focus to settle */
  guint           reveal_id;   /* showing the focused field whole */
  int             reveal_frames;
  TxFormEditor         *focused;
  gboolean        activating;  /* a row of the problem list is being activated */
  gboolean        show_all;
  gboolean        populating;
  gboolean        saving;
  gboolean        dirty;
  gboolean        locked;      /* a transferred copy: nothing to change */
  GtkWidget      *reveal_button;  /* Show, beside the identity number */
  GCancellable   *reveal_cancellable;
  gboolean        id_masked;   /* the number shows masked: not read back */
};

enum {
  TX_FORM_VIEW_SAVED,
  TX_FORM_VIEW_OPEN_CHILD,
  TX_FORM_VIEW_TOAST,
  TX_FORM_VIEW_N_SIGNALS
};

extern guint tx_form_view_signals[TX_FORM_VIEW_N_SIGNALS];

/* tx-form-view.c */
void             tx_form_view_update         (TxFormView    *self);
TxCheck         *tx_form_view_judge          (TxFormView    *self,
                                              TxRecord      *record);
const TxProblem *tx_form_view_worst_problem  (const TxCheck *check,
                                              int            field);

/* tx-form-view-fields.c */
char            *tx_form_editor_get          (TxFormEditor  *e);
void             tx_form_editor_set          (TxFormEditor  *e,
                                              const char    *value);
GtkWidget       *tx_form_editor_focus_target (TxFormEditor  *e);
void             tx_form_view_queue_update   (TxFormView    *self);
void             tx_form_view_build_form     (TxFormView    *self);

/* tx-form-view-autosave.c */
void             tx_form_view_write_autosave (TxFormView    *self,
                                              gboolean       clear);
void             tx_form_view_start_autosave (TxFormView    *self);

/* tx-form-view-save.c */
void             tx_form_view_show_message   (TxFormView    *self,
                                              const char    *heading,
                                              const char    *body);
void             tx_form_view_save_action    (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);

/* tx-form-view-history.c */
void             tx_form_view_visits_action  (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);
void             tx_form_view_history_action (GtkWidget     *widget,
                                              const char    *action_name,
                                              GVariant      *parameter);

/* tx-form-view-register.c */
void             tx_form_view_update_register (TxFormView   *self);
void             tx_form_view_register_action (GtkWidget    *widget,
                                               const char   *action_name,
                                               GVariant     *parameter);

/* tx-form-view-reveal.c */
GtkWidget       *tx_form_view_make_id_input  (TxFormView     *self,
                                              GtkWidget      *entry);
void             tx_form_view_mask_id        (TxFormView     *self,
                                              const TxRecord *record);
gboolean         tx_form_view_id_is_masked   (TxFormView     *self);

/* Also for tests */

/* The input of a field: GtkEntry, GtkDropDown, or a box of check buttons
 * (choices with few options and multi choices, in the order of the codes),
 * or for divisions a box of drop-downs from the top level down */
GtkWidget *tx_form_view_get_input    (TxFormView *self,
                                      const char *key);
GtkWidget *tx_form_view_get_message  (TxFormView *self,
                                      const char *key);
GtkWidget *tx_form_view_get_summary  (TxFormView *self);
TxRecord  *tx_form_view_collect      (TxFormView *self);
void       tx_form_view_set_value    (TxFormView *self,
                                      const char *key,
                                      const char *value);
gboolean   tx_form_view_is_saving    (TxFormView *self);
char      *tx_form_view_problem_text (const TxProblem *problem);
GtkWidget *tx_form_view_get_banner   (TxFormView *self);
GtkWidget *tx_form_view_get_ages_out_label (TxFormView *self);
gboolean   tx_form_view_is_locked    (TxFormView *self);
GtkWidget *tx_form_view_get_reveal_button (TxFormView *self);

G_END_DECLS
