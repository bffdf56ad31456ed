/* tx-gui-util.c — small pieces the views share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"

/**
 * tx_gui_village_filter:
 * @codes: emptied, then given the division code of each item, %NULL first
 *
 * The choices of a village filter: everyone, then the villages of the
 * township (the townships, at a county office).
 *
 * Returns: (transfer full): the names, "All villages" first
 */
GtkStringList *
tx_gui_village_filter (TxStore   *store,
                       GPtrArray *codes)
{
  g_autofree char *township = tx_store_get_setting (store, "township");
  g_autofree char *county = tx_store_get_setting (store, "county");
  g_autoptr(GPtrArray) list = tx_division_children (township ? township : county);
  GtkStringList *names = gtk_string_list_new (NULL);

  g_ptr_array_set_size (codes, 0);
  g_ptr_array_add (codes, NULL);
  gtk_string_list_append (names, township ? _("All villages") : _("All townships"));
  for (guint i = 0; list && i < list->len; i++)
    {
      const TxDivision *d = list->pdata[i];
      g_ptr_array_add (codes, g_strdup (d->code));
      gtk_string_list_append (names, d->name);
    }
  return names;
}

typedef struct {
  GtkWidget    *widget;
  TxFileChosen  chosen;
  gpointer      data;
} Ask;

static void
chosen_cb (GtkNativeDialog *chooser,
           int              response,
           Ask             *ask)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file)
        ask->chosen (ask->widget, file, ask->data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (ask->widget);
  g_free (ask);
  g_object_unref (chooser);
}

/**
 * tx_gui_ask_file:
 * @action: open or save
 * @accept: the label of the button that accepts
 * @suggested: (nullable): the file name offered, when saving
 * @folder: (nullable): the folder the dialog starts in
 * @chosen: called with the file, if one is chosen
 *
 * Asks for a file, in the desktop's own dialog.
 */
void
tx_gui_ask_file (GtkWidget            *widget,
                 const char           *title,
                 GtkFileChooserAction  action,
                 const char           *accept,
                 const char           *suggested,
                 GFile                *folder,
                 TxFileChosen          chosen,
                 gpointer              data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                               action, accept, _("_Cancel"));
  Ask *ask = g_new0 (Ask, 1);

  ask->widget = g_object_ref (widget);
  ask->chosen = chosen;
  ask->data = data;
  if (folder)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (suggested)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chosen_cb), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * tx_gui_ask_save_file:
 * @suggested: the file name offered
 * @chosen: called with the file, if one is chosen
 *
 * Asks where to save, in the desktop's own dialog.
 */
void
tx_gui_ask_save_file (GtkWidget    *widget,
                      const char   *title,
                      const char   *suggested,
                      TxFileChosen  chosen,
                      gpointer      data)
{
  tx_gui_ask_file (widget, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), suggested, NULL, chosen, data);
}

/**
 * tx_gui_child_details:
 * @birth_date: (nullable): the child's, ISO
 * @residence_division: (nullable): the village the child lives in
 * @phone: (nullable): the contact phone
 * @today: the day the age is counted on
 * @mask_phone: whether the phone is masked, as lists show it
 *
 * What tells a child from another of the same name, in a line: age,
 * village and contact phone ("8 岁 · 恒安社区 · 138****6677"). Lists mask
 * the phone as they mask identity numbers; the visit dialog, about one
 * child whose family the supervisor may call, shows it in full.
 *
 * Returns: (transfer full): the line, "" when nothing is known
 */
char *
tx_gui_child_details (const char  *birth_date,
                      const char  *residence_division,
                      const char  *phone,
                      const GDate *today,
                      gboolean     mask_phone)
{
  GString *s = g_string_new (NULL);
  const char *village = tx_division_name (residence_division);
  GDate birth;

  if (tx_date_parse (birth_date, &birth) && tx_date_age_on (&birth, today) >= 0)
    g_string_append_printf (s, _("Age %d"), tx_date_age_on (&birth, today));
  if (village)
    g_string_append_printf (s, "%s%s", s->len ? " · " : "", village);
  if (phone && *phone)
    {
      g_autofree char *shown = mask_phone ? tx_phone_mask (phone) : g_strdup (phone);
      g_string_append_printf (s, "%s%s", s->len ? " · " : "", shown);
    }
  return g_string_free (s, FALSE);
}

/**
 * tx_gui_seconds_to_midnight:
 *
 * For views whose words depend on today (overdue, due): when to read again
 * so that a window left open overnight moves on with the date.
 *
 * Returns: the seconds until just past the next local midnight
 */
guint
tx_gui_seconds_to_midnight (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

  /* past the second for which tx_date_today() keeps the date */
  return (guint) (g_date_time_difference (next, now) / G_USEC_PER_SEC) + 2;
}
