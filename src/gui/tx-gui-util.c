/* tx-gui-util.c — small pieces the views share
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

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
  g_autofree char *township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  g_autofree char *county = tx_store_get_setting (store, TX_SETTING_COUNTY);
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

/**
 * tx_gui_error_text:
 *
 * What the window says of an error. The core's messages serve the command
 * line too, and some of those tell what command to run; the window says
 * what to do in the window instead.
 *
 * Returns: (transfer none): the message
 */
const char *
tx_gui_error_text (const GError *error)
{
  if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_SET_UP))
    return _("This workstation is not set up yet. Open Tongxing again to choose its county and "
             "township.");
  /* the core names the record by its id and the command that lists them */
  if (g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_NOT_FOUND))
    return _("This record is no longer in the database; it may have been deleted meanwhile.");
  return error->message;
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
 * tx_gui_backup_when:
 * @iso: (nullable): a backup's moment (or a moment of its making), ISO 8601 UTC
 *
 * Everywhere a backup is named (the restore list, the backups page, the
 * login's notice, the damaged store's dialog) it is named the same way.
 *
 * Returns: (transfer full): its date and time to the second (two backups
 *   of one minute differ), as this language writes a date
 */
char *
tx_gui_backup_when (const char *iso)
{
  g_autoptr(GDateTime) at = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = at ? g_date_time_to_local (at) : NULL;

  if (local == NULL)
    return g_strdup (iso ? iso : "");
  /* TRANSLATORS: a backup's date and time, a strftime format */
  return g_date_time_format (local, _("%B %-d, %Y %H:%M:%S"));
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

/**
 * tx_gui_next_month:
 *
 * For "this month" on today: the children who age out before it.
 *
 * Returns: (transfer full): the first day of next month, ISO
 */
char *
tx_gui_next_month (void)
{
  GDate day;

  tx_date_today (&day);
  g_date_set_day (&day, 1);
  g_date_add_months (&day, 1);
  return tx_date_format (&day);
}

/* Questions that need a note: the response stays off until one is typed */

static void
note_changed_cb (GtkEditable      *entry,
                 AdwMessageDialog *dialog)
{
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, g_object_get_data (G_OBJECT (dialog), "note-response"),
                                           *note != 0);
}

/**
 * tx_gui_note_dialog_new:
 * @widget: a widget of the window the question belongs to
 * @label: what the note says: the input's placeholder and its name for
 *   screen readers
 * @response: the response the note is needed for, enabled once one is
 *   typed; the other is "cancel"
 * @response_label: its button's label
 *
 * A question with an input for a note, the focus in it, Enter for
 * @response. Read the note with tx_gui_note_dialog_get_note().
 *
 * Returns: (transfer none): the dialog, shown
 */
GtkWidget *
tx_gui_note_dialog_new (GtkWidget             *widget,
                        const char            *heading,
                        const char            *body,
                        const char            *label,
                        const char            *response,
                        const char            *response_label,
                        AdwResponseAppearance  appearance)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, appearance);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "note-response", g_strdup (response), g_free);
  g_signal_connect (entry, "changed", G_CALLBACK (note_changed_cb), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return dialog;
}

/**
 * tx_gui_note_dialog_get_note:
 *
 * Returns: (transfer full): the note typed, without the spaces around it
 */
char *
tx_gui_note_dialog_get_note (AdwMessageDialog *dialog)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

/* Searchable drop-downs. GTK 4.8's GtkDropDown shows a search entry in its
 * list, but typing on the closed drop-down does nothing, the list takes the
 * focus when it opens (not the search), and Enter in the search picks
 * nothing. These follow its widgets: a toggle button that opens a popover
 * holding a GtkSearchEntry over a GtkListView of the matches. */

/* The first of @widget and its descendants of @type, or NULL */
GtkWidget *
tx_gui_find_descendant (GtkWidget *widget,
                        GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = tx_gui_find_descendant (c, type);
      if (found)
        return found;
    }
  return NULL;
}

static GtkWidget *
dropdown_part (GtkDropDown *dd,
               GType        type)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (dd)); c; c = gtk_widget_get_next_sibling (c))
    if (G_TYPE_CHECK_INSTANCE_TYPE (c, type))
      return c;
  return NULL;
}

static char *
search_key (const char *text)
{
  g_autofree char *normal = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal ? normal : text, -1);
}

/* Enter in the search: the first match, usually the only one. The matches
 * are worked out here, as the list's filter does (the start of the text,
 * in any case), since the filter waits for a pause in the typing */
static void
search_activate_cb (GtkSearchEntry *entry,
                    GtkDropDown    *dd)
{
  GtkWidget *popover = dropdown_part (dd, GTK_TYPE_POPOVER);
  GListModel *all = gtk_drop_down_get_model (dd);
  g_autofree char *want = search_key (gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (all == NULL)
    return;
  if (*want == 0)
    {
      /* nothing typed: the choice stays as it was */
      if (popover)
        gtk_popover_popdown (GTK_POPOVER (popover));
      gtk_widget_grab_focus (GTK_WIDGET (dd));
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (all, i);
      g_autofree char *have = NULL;

      if (!GTK_IS_STRING_OBJECT (item))
        continue;
      have = search_key (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
      if (g_str_has_prefix (have, want))
        {
          gtk_drop_down_set_selected (dd, i);
          if (popover)
            gtk_popover_popdown (GTK_POPOVER (popover));
          gtk_widget_grab_focus (GTK_WIDGET (dd));
          return;
        }
    }
}

/* Down in the search goes to the matches; Escape closes the list, as it
 * does from the matches (the search would only clear itself) */
static gboolean
search_key_cb (GtkEventControllerKey *controller,
               guint                  keyval,
               guint                  keycode,
               GdkModifierType        state,
               GtkDropDown           *dd)
{
  GtkWidget *popover = dropdown_part (dd, GTK_TYPE_POPOVER);
  GtkWidget *view = popover ? tx_gui_find_descendant (popover, GTK_TYPE_LIST_VIEW) : NULL;

  if (popover && keyval == GDK_KEY_Escape)
    {
      gtk_popover_popdown (GTK_POPOVER (popover));
      gtk_widget_grab_focus (GTK_WIDGET (dd));
      return TRUE;
    }
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) || view == NULL)
    return FALSE;
  return gtk_widget_child_focus (view, GTK_DIR_TAB_FORWARD);
}

/* Typing on the closed drop-down opens it and types into its search; the
 * key is handed to the search's text, so an input method gets it too */
static gboolean
dropdown_key_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkDropDown           *dd)
{
  GtkWidget *button = dropdown_part (dd, GTK_TYPE_TOGGLE_BUTTON);
  GtkWidget *popover = dropdown_part (dd, GTK_TYPE_POPOVER);
  GtkWidget *search = popover ? tx_gui_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  GtkWidget *text = search ? tx_gui_find_descendant (search, GTK_TYPE_TEXT) : NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);

  if (c == 0 || !g_unichar_isgraph (c) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) ||
      text == NULL || gtk_widget_get_visible (popover) || !gtk_drop_down_get_enable_search (dd))
    return FALSE;

  /* as a click on the button opens it */
  if (button)
    g_signal_emit_by_name (button, "clicked");
  else
    gtk_popover_popup (GTK_POPOVER (popover));
  if (!gtk_widget_get_visible (popover))
    return FALSE;
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  gtk_widget_grab_focus (text);
  if (!gtk_event_controller_key_forward (GTK_EVENT_CONTROLLER_KEY (controller), text))
    {
      char utf8[7] = { 0 };
      int pos = -1;
      g_unichar_to_utf8 (c, utf8);
      gtk_editable_insert_text (GTK_EDITABLE (search), utf8, -1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (search), -1);
    }
  return TRUE;
}

static gboolean
focus_search_cb (gpointer data)
{
  g_autoptr(GtkDropDown) dd = data;
  GtkWidget *popover = dropdown_part (dd, GTK_TYPE_POPOVER);
  GtkWidget *search = popover ? tx_gui_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  GtkWidget *text = search ? tx_gui_find_descendant (search, GTK_TYPE_TEXT) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (dd));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (text && gtk_widget_get_visible (popover) && (focus == NULL || !gtk_widget_is_ancestor (focus, search)))
    gtk_text_grab_focus_without_selecting (GTK_TEXT (text));
  return G_SOURCE_REMOVE;
}

/* However the list was opened (a click, Enter, a mnemonic), typing goes to
 * its search; GTK gives the list the focus after showing it */
static void
popover_map_cb (GtkWidget   *popover,
                GtkDropDown *dd)
{
  g_idle_add (focus_search_cb, g_object_ref (dd));
}

/**
 * tx_gui_dropdown_set_searchable:
 * @dropdown: a drop-down of #GtkStringObject items
 *
 * Lets a person find an item by typing: typing on the drop-down opens its
 * list with the search holding what was typed (matches start with it), an
 * open list has the focus in its search, Down goes from the search to the
 * matches, and Enter picks the first match.
 */
void
tx_gui_dropdown_set_searchable (GtkDropDown *dropdown)
{
  GtkWidget *popover, *search;
  GtkEventController *keys;

  gtk_drop_down_set_expression (dropdown,
                                gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string"));
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (dropdown_key_cb), dropdown);
  gtk_widget_add_controller (GTK_WIDGET (dropdown), keys);

  popover = dropdown_part (dropdown, GTK_TYPE_POPOVER);
  search = popover ? tx_gui_find_descendant (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  if (search == NULL)
    {
      g_debug ("This GtkDropDown has no search entry where it was expected");
      return;
    }
  g_signal_connect (search, "activate", G_CALLBACK (search_activate_cb), dropdown);
  g_signal_connect (popover, "map", G_CALLBACK (popover_map_cb), dropdown);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_cb), dropdown);
  gtk_widget_add_controller (search, keys);
}

/**
 * tx_gui_renew_cancellable:
 * @cancellable: (inout): where a view keeps the cancellable of its latest
 *   request of one kind
 *
 * Starts a request in place of the previous one of the same kind: that one
 * is cancelled, so its result is dropped when it arrives (its _finish()
 * reports %G_IO_ERROR_CANCELLED), and a new cancellable takes its place.
 * This is how a view uses only the answer to the latest question it asked.
 *
 * Returns: (transfer none): the new cancellable, owned by @cancellable
 */
GCancellable *
tx_gui_renew_cancellable (GCancellable **cancellable)
{
  if (*cancellable)
    {
      g_cancellable_cancel (*cancellable);
      g_object_unref (*cancellable);
    }
  *cancellable = g_cancellable_new ();
  return *cancellable;
}

/**
 * tx_gui_is_cancelled:
 *
 * Returns: whether @error says the request was superseded or the view went
 *   away, in which case nothing is to be shown
 */
gboolean
tx_gui_is_cancelled (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static guint trim_id;

static gboolean
trim_cb (gpointer data)
{
  trim_id = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

/**
 * tx_gui_trim_memory_soon:
 *
 * Gives the memory freed by a large change (the row ids of a million
 * children, their pages) back to the system a few seconds after the last
 * such change: glibc keeps freed memory in its arenas, some 30 MB after a
 * few searches of a district (bench-gui, issue #18). Once for a burst of
 * changes, off the keystrokes' path.
 */
void
tx_gui_trim_memory_soon (void)
{
  g_clear_handle_id (&trim_id, g_source_remove);
  trim_id = g_timeout_add_seconds (3, trim_cb, NULL);
}
