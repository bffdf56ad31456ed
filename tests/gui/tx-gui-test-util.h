/* tx-gui-test-util.h — driving real widgets in tests and screenshots
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-form-view-private.h"
#include "tx-roster-view-private.h"
#include "tx-visit-dialog.h"
#include "tx-window-private.h"

G_BEGIN_DECLS

void              tx_gui_test_init        (int        *argc,
                                           char     ***argv);
void              tx_gui_wait             (guint       ms);
gboolean          tx_gui_wait_for         (gboolean  (*cond) (gpointer),
                                           gpointer    data,
                                           guint       timeout_ms);
void              tx_gui_wait_roster      (TxWindow   *window);
void              tx_gui_wait_saved       (TxWindow   *window);
AdwMessageDialog *tx_gui_find_dialog      (void);
AdwMessageDialog *tx_gui_wait_dialog      (void);
void              tx_gui_respond          (AdwMessageDialog *dialog,
                                           const char *response);
void              tx_gui_fill_form        (TxFormView *form,
                                           const TxRecord *record);
GtkWidget        *tx_gui_find_text        (GtkWidget  *root,
                                           const char *text);
gboolean          tx_gui_save_png         (GtkWidget  *widget,
                                           const char *path);
void              tx_gui_screenshot       (GtkWidget  *widget,
                                           const char *name);
gboolean          tx_gui_x11_available    (void);
void              tx_gui_x11_key          (GtkWidget  *widget,
                                           guint       keyval,
                                           GdkModifierType modifiers);
void              tx_gui_x11_type         (GtkWidget  *widget,
                                           const char *text);
void              tx_gui_x11_click        (GtkWidget  *widget);
void              tx_gui_commit_text      (GtkWindow  *window,
                                           const char *text);

GtkWidget *       tx_gui_summary_row      (TxFormView *form,
                                           const char *key);
guint             tx_gui_n_summary_rows   (TxFormView *form);
void              tx_gui_click_row        (GtkWidget *row);
gboolean          tx_gui_focus_in         (TxWindow *window,
                                           TxFormView *form,
                                           const char *key);
void              tx_gui_assert_responsive (void);
GtkWidget *       tx_gui_find_button      (GtkWidget *row);
GPtrArray *       tx_gui_list_child_ids   (GtkWidget *list);
GtkWidget *       tx_gui_find_child_row   (GtkWidget *widget,
                                           const char *child_id);
GtkWindow *       tx_gui_find_window      (GType      type,
                                           gboolean   visible);
TxVisitDialog *   tx_gui_find_visit_dialog (void);
GtkWidget *       tx_gui_find_child_of_type (GtkWidget *widget,
                                           GType type);
GtkWidget *       tx_gui_dropdown_popover (GtkWidget *dd);
const char *      tx_gui_dropdown_shows   (GtkWidget *dd);
void              tx_gui_pick_by_typing   (GtkWindow *window,
                                           GtkWidget *dd,
                                           const char *typed,
                                           const char *committed);

gboolean          tx_gui_wait_text        (GtkWidget  *root,
                                           const char *text,
                                           guint       timeout_ms);
TxRecord         *tx_gui_fixture          (void);
gboolean          tx_gui_calendar_idle    (gpointer    calendar_view);
gboolean          tx_gui_reports_idle     (gpointer    reports_view);
gboolean          tx_gui_sync_idle        (gpointer    sync_view);

TxWindow         *tx_gui_new_window       (const char *name,
                                           guint       demo_children);
TxStore          *tx_gui_writer           (TxWindow   *window);
gboolean          tx_gui_roster_has       (TxWindow   *window,
                                           const char *name);
void              tx_gui_close_window     (TxWindow   *window);
TxFormView       *tx_gui_open_new_form    (TxWindow   *window);
void              tx_gui_assert_file_starts (const char *path,
                                           const char *magic);

G_END_DECLS
