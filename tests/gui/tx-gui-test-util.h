/* tx-gui-test-util.h — driving real widgets in tests and screenshots
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-form-view-private.h"
#include "tx-roster-view-private.h"
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
gboolean          tx_gui_x11_available    (void);
void              tx_gui_x11_key          (GtkWidget  *widget,
                                           guint       keyval,
                                           GdkModifierType modifiers);
void              tx_gui_x11_type         (GtkWidget  *widget,
                                           const char *text);
void              tx_gui_x11_click        (GtkWidget  *widget);

G_END_DECLS
