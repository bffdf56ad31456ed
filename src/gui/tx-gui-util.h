/* tx-gui-util.h — small pieces the views share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

GtkStringList *tx_gui_village_filter (TxStore    *store,
                                      GPtrArray  *codes);

typedef void (*TxFileChosen) (GtkWidget *widget,
                              GFile     *file,
                              gpointer   data);

void           tx_gui_ask_file       (GtkWidget            *widget,
                                      const char           *title,
                                      GtkFileChooserAction  action,
                                      const char           *accept,
                                      const char           *suggested,
                                      GFile                *folder,
                                      TxFileChosen          chosen,
                                      gpointer              data);
void           tx_gui_ask_save_file  (GtkWidget    *widget,
                                      const char   *title,
                                      const char   *suggested,
                                      TxFileChosen  chosen,
                                      gpointer      data);
char          *tx_gui_backup_when    (const char   *iso);
guint          tx_gui_seconds_to_midnight (void);
char          *tx_gui_next_month     (void);

void           tx_gui_dropdown_set_searchable (GtkDropDown *dropdown);
const char    *tx_gui_error_text     (const GError *error);

GtkWidget     *tx_gui_note_dialog_new (GtkWidget             *widget,
                                       const char            *heading,
                                       const char            *body,
                                       const char            *label,
                                       const char            *response,
                                       const char            *response_label,
                                       AdwResponseAppearance  appearance);
char          *tx_gui_note_dialog_get_note (AdwMessageDialog *dialog);

GCancellable  *tx_gui_renew_cancellable (GCancellable **cancellable);
gboolean       tx_gui_is_cancelled   (const GError *error);
GtkWidget     *tx_gui_find_descendant (GtkWidget   *widget,
                                       GType        type);
void           tx_gui_trim_memory_soon (void);

G_END_DECLS
