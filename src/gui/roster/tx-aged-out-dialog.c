/* tx-aged-out-dialog.c — the children who left the register by age, told in a list
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window tells of them once, on its first start after their birthday
 * (tx_store_service_ageing_out_async() marks them told), and Preferences
 * when new age limits take children off. A list to read, not a question:
 * Close, or Show in Roster, which the caller answers by listing the
 * roster's "Left the register" children who aged out.
 */

#define G_LOG_DOMAIN "tx-aged-out-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-aged-out-dialog.h"

/* Rows listed in the dialog; the roster lists them all */
#define LISTED 100

static GtkWidget *
child_row (const TxChildRow *c)
{
  GtkWidget *row = adw_action_row_new ();
  const char *village = tx_division_name (c->residence_division);
  /* Translators: a child who aged out: the village, the birth date and the day the child left the register */
  g_autofree char *subtitle = g_strdup_printf (_("%s · born %s · left the register on %s"),
                                               village ? village : "—", c->birth_date ? c->birth_date : "?",
                                               c->exit_date ? c->exit_date : "?");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name && *c->name ? c->name : "—");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  return row;
}

/**
 * tx_aged_out_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @rows: (element-type TxChildRow): the children who aged out, at least one
 *
 * A message dialog listing the children by name, village, birth date and
 * the day they left, with the responses "close" and "show" (Show in
 * Roster). The caller connects to #AdwMessageDialog::response and
 * presents it.
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
tx_aged_out_dialog_new (GtkWindow *parent,
                        GPtrArray *rows)
{
  g_autofree char *heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Child Left the Register by Age",
                                                           "%u Children Left the Register by Age", rows->len),
                                              rows->len);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading,
                                              _("Each of them is past the age limit of every category they "
                                                "are in. The exit was recorded on their birthday by the rule, "
                                                "not by a person; their records, visits and history are kept, "
                                                "and a record can be reopened if it was wrong."));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Children who left the register by age"), -1);
  for (guint i = 0; i < rows->len && i < LISTED; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), child_row (rows->pdata[i]));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
  gtk_box_append (GTK_BOX (box), scroller);
  if (rows->len > LISTED)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more: Show in Roster lists them all.",
                                                            "And %u more: Show in Roster lists them all.",
                                                            rows->len - LISTED), rows->len - LISTED);
      GtkWidget *label = gtk_label_new (more);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "close", _("_Close"),
                                    "show", _("_Show in Roster"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  /* a list of up to a hundred names: wider than a question */
  gtk_window_set_default_size (GTK_WINDOW (dialog), 560, -1);
  return dialog;
}
