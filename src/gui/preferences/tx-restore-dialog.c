/* tx-restore-dialog.c — Preferences → Backups → Restore…: the backups
 * listed, one's children previewed, one put in the store's place
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the backups of both places, read on a thread, newest first: the date, size,
 * children, visits, the people of the last changes and the check; a
 * backup that cannot be restored is dimmed with the reason. Preview opens
 * the backup read-only (tx_backup_preview()) and lists its children:
 * names, masked ID numbers, villages. Restore asks first, saying what is
 * kept (the store as it is, as a backup) and what is lost (the changes
 * after the backup's date), then activates win.restore-backup on the main
 * window, which closes its own connections before restoring
 * (tx-window-restore.c).
 */

#define G_LOG_DOMAIN "tx-restore-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-gui-util.h"
#include "tx-register.h"
#include "tx-restore-dialog.h"

/* Children listed in a preview; the count says how many there are */
#define LISTED 200

struct _TxRestoreDialog
{
  AdwWindow       parent_instance;

  GtkWindow      *main_window;   /* the window whose store it is (weak) */
  TxStore        *store;
  GtkListBox     *list;
  GPtrArray      *backups;       /* TxBackupInfo; NULL while they are read */
  GPtrArray      *rows;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (TxRestoreDialog, tx_restore_dialog, ADW_TYPE_WINDOW)

static char *
counts_text (gint64 children,
             gint64 visits)
{
  g_autofree char *c = g_strdup_printf (g_dngettext (NULL, "%lld child", "%lld children", children),
                                        (long long) children);
  g_autofree char *v = g_strdup_printf (g_dngettext (NULL, "%lld visit", "%lld visits", visits),
                                        (long long) visits);

  return g_strdup_printf (_("%s, %s"), c, v);
}

static const TxBackupInfo *
find_backup (TxRestoreDialog *self,
             const char      *path)
{
  for (guint i = 0; self->backups && i < self->backups->len; i++)
    if (g_strcmp0 (((TxBackupInfo *) self->backups->pdata[i])->path, path) == 0)
      return self->backups->pdata[i];
  return NULL;
}

/* Preview */

/* The search as the roster takes it: “ｚｘｍ” and spaces from an input
 * method folded away */
static char *
normalize_search (const char *text)
{
  g_autofree char *nfkc = text ? g_utf8_normalize (text, -1, G_NORMALIZE_NFKC) : NULL;
  GString *s = g_string_new (NULL);

  for (const char *p = nfkc; p && *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  return g_string_free (s, FALSE);
}

/**
 * tx_restore_dialog_child_matches:
 * @search: what was typed, normalized
 *
 * Whether a child of a backup's preview matches, as the roster's search
 * does with what the preview holds: a part of the name; the pinyin's
 * initials (zxm, or xm of the given name) or its start (zhangx); the first
 * or last digits of the identity number (the preview has the masked
 * number only, so the hidden middle matches nothing).
 */
gboolean
tx_restore_dialog_child_matches (const TxBackupChild *c,
                                 const char          *search)
{
  const char *name = c->name ? c->name : "";

  if (search == NULL || *search == '\0')
    return TRUE;
  if (!g_str_is_ascii (search))
    return strstr (name, search) != NULL;
  if (g_ascii_isdigit (search[0]))
    {
      g_autofree char *up = g_ascii_strup (search, -1);
      g_autofree char *id = g_ascii_strup (c->id_masked ? c->id_masked : "", -1);

      return *id && (g_str_has_prefix (id, up) || g_str_has_suffix (id, up));
    }
  {
    g_autofree char *low = g_ascii_strdown (search, -1);
    g_autofree char *initials = tx_pinyin_initials (name);
    g_autofree char *spelled = tx_pinyin_spelled (name);

    return g_str_has_prefix (initials, low) || (*initials && g_str_has_prefix (initials + 1, low)) ||
           g_str_has_prefix (spelled, low) || strstr (name, search) != NULL;
  }
}

/* “left the register 2026-03-01 · ” for a child who left it, or "" */
static char *
left_text (const TxBackupChild *c)
{
  if (c->register_state == NULL || g_str_equal (c->register_state, TX_REGISTER_ACTIVE))
    return g_strdup ("");
  return g_strdup_printf ("%s%s%s · ", g_str_equal (c->register_state, TX_REGISTER_TRANSFERRED)
                                       ? _("transferred away") : _("left the register"),
                          c->exit_date ? " " : "", c->exit_date ? c->exit_date : "");
}

/* The preview's count: the children on the register, as the backup list
 * says, and those who left it; or those matching the search */
static char *
preview_count_text (const TxBackupPreview *preview,
                    guint                  matched,
                    guint                  matched_left,
                    gboolean               searching)
{
  guint left = preview->children->len - preview->on_register;
  g_autofree char *children = NULL;

  if (searching)
    {
      children = g_strdup_printf (g_dngettext (NULL, "%u child matches", "%u children match", matched), matched);
      if (matched_left == 0)
        return g_steal_pointer (&children);
      /* Translators: the children matching a search, and how many of them left the register */
      return g_strdup_printf (_("%s, %u of them left the register"), children, matched_left);
    }
  children = g_strdup_printf (g_dngettext (NULL, "%u child", "%u children", preview->on_register),
                              preview->on_register);
  if (left == 0)
    return g_steal_pointer (&children);
  /* Translators: the children on the register, and the number who left it */
  return g_strdup_printf (_("%s, and %u who left the register (listed after them)"), children, left);
}

/* The preview's rows: the children matching the search, the first LISTED;
 * those who left the register marked so */
static void
fill_preview (GtkWidget *dialog)
{
  TxBackupPreview *preview = g_object_get_data (G_OBJECT (dialog), "tx-preview");
  GtkListBox *list = g_object_get_data (G_OBJECT (dialog), "tx-list");
  GtkLabel *count = g_object_get_data (G_OBJECT (dialog), "tx-count");
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "tx-search");
  GtkStack *stack = g_object_get_data (G_OBJECT (dialog), "tx-stack");
  AdwStatusPage *none = g_object_get_data (G_OBJECT (dialog), "tx-none");
  g_autofree char *search = normalize_search (gtk_editable_get_text (entry));
  g_autofree char *text = NULL;
  guint matched = 0, matched_left = 0;
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, row);
  for (guint i = 0; i < preview->children->len; i++)
    {
      const TxBackupChild *c = preview->children->pdata[i];
      const char *village;
      g_autofree char *subtitle = NULL, *left = NULL;

      if (!tx_restore_dialog_child_matches (c, search))
        continue;
      if (i >= preview->on_register)
        matched_left++;
      if (matched++ >= LISTED)
        continue;
      village = c->village ? tx_division_name (c->village) : NULL;
      left = left_text (c);
      subtitle = g_strdup_printf ("%s%s · %s", left, c->id_masked ? c->id_masked : "—",
                                  village ? village : (c->village ? c->village : "—"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->name && *c->name ? c->name : "—");
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (*left)
        gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (list, row);
    }
  /* nobody: words in the list's place, not an empty box */
  if (*search)
    {
      adw_status_page_set_title (none, _("No Child Matches"));
      adw_status_page_set_description (none, _("Try a part of the name, the pinyin initials or the last digits "
                                               "of the ID number; children who left the register are searched "
                                               "too."));
    }
  else
    {
      adw_status_page_set_title (none, _("No Children"));
      adw_status_page_set_description (none, _("This backup holds no children."));
    }
  gtk_stack_set_visible_child_name (stack, matched ? "list" : "none");
  text = preview_count_text (preview, matched, matched_left, *search != '\0');
  if (matched > LISTED)
    {
      g_autofree char *more = g_strdup_printf (_("%s; the first %d are listed"), text, LISTED);
      gtk_label_set_text (count, more);
    }
  else
    gtk_label_set_text (count, text);
}

/* Escape in the search: clears it, or closes the preview when it is empty
 * (the entry takes the Escape the dialog would close on) */
static void
stop_search_cb (GtkSearchEntry *entry,
                GtkWindow      *dialog)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (entry)))
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
  else
    gtk_window_close (dialog);
}

/**
 * tx_restore_dialog_preview:
 * @path: a backup's folder
 *
 * Lists the backup's children, read-only, as its Preview button does,
 * with a search over them and their count.
 *
 * Returns: (transfer none): the dialog shown
 */
AdwMessageDialog *
tx_restore_dialog_preview (TxRestoreDialog *self,
                           const char      *path)
{
  g_autoptr(GError) error = NULL;
  TxBackupPreview *preview = tx_backup_preview (self->store, path, &error);
  g_autofree char *when = NULL, *heading = NULL, *body = NULL, *counts = NULL;
  GtkWidget *dialog, *scrolled, *list, *box, *entry, *count, *stack, *none;

  if (preview == NULL)
    {
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The Backup Cannot Be Read"), tx_gui_error_text (error));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return ADW_MESSAGE_DIALOG (dialog);
    }
  when = tx_gui_backup_when (preview->info->created);
  /* Translators: the date and time of a backup */
  heading = g_strdup_printf (_("The Backup of %s"), when);
  /* the children on the register, as the backup list counts them */
  counts = counts_text (preview->on_register, preview->visits);
  if (preview->children->len > preview->on_register)
    /* Translators: a backup's counts, then the number of children who left the register */
    body = g_strdup_printf (g_dngettext (NULL, "What the backup holds, read-only: %s. It also holds %u child "
                                         "who left the register, listed after the others, marked as left.",
                                         "What the backup holds, read-only: %s. It also holds %u children "
                                         "who left the register, listed after the others, marked as left.",
                                         preview->children->len - preview->on_register),
                            counts, preview->children->len - preview->on_register);
  else
    body = g_strdup_printf (_("What the backup holds, read-only: %s."), counts);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  g_object_set_data_full (G_OBJECT (dialog), "tx-preview", preview, (GDestroyNotify) tx_backup_preview_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_search_entry_new ();
  g_object_set (entry, "placeholder-text", _("Name, pinyin initials or ID digits"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search the backup's children"), -1);
  gtk_widget_set_name (entry, "preview-search");
  count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (count), 0);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_set_name (count, "preview-count");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, "preview-list");
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (60 * (int) preview->children->len + 12, 360));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), count);
  none = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "edit-find-symbolic");
  gtk_widget_add_css_class (none, "compact");
  gtk_widget_set_name (none, "preview-none");
  stack = gtk_stack_new ();
  gtk_widget_set_name (stack, "preview-stack");
  gtk_stack_add_named (GTK_STACK (stack), scrolled, "list");
  gtk_stack_add_named (GTK_STACK (stack), none, "none");
  gtk_box_append (GTK_BOX (box), stack);
  g_object_set_data (G_OBJECT (dialog), "tx-stack", stack);
  g_object_set_data (G_OBJECT (dialog), "tx-none", none);
  g_object_set_data (G_OBJECT (dialog), "tx-list", list);
  g_object_set_data (G_OBJECT (dialog), "tx-count", count);
  g_object_set_data (G_OBJECT (dialog), "tx-search", entry);
  fill_preview (dialog);
  g_signal_connect_swapped (entry, "search-changed", G_CALLBACK (fill_preview), dialog);
  g_signal_connect (entry, "stop-search", G_CALLBACK (stop_search_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  return ADW_MESSAGE_DIALOG (dialog);
}

/* Restore */

typedef struct {
  GtkWindow *main_window;
  char      *path;
} Chosen;

static void
restore_idle_cb (gpointer data)
{
  Chosen *c = data;

  /* the main window closes its connections, this dialog and Preferences
   * with it */
  if (gtk_widget_get_realized (GTK_WIDGET (c->main_window)))
    gtk_widget_activate_action (GTK_WIDGET (c->main_window), "win.restore-backup", "s", c->path);
  g_object_unref (c->main_window);
  g_free (c->path);
  g_free (c);
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 TxRestoreDialog  *self)
{
  Chosen *c;

  if (!g_str_equal (response, "restore") || self->main_window == NULL)
    return;
  /* after the question has gone */
  c = g_new0 (Chosen, 1);
  c->main_window = g_object_ref (self->main_window);
  c->path = g_strdup (g_object_get_data (G_OBJECT (dialog), "tx-path"));
  g_idle_add_once (restore_idle_cb, c);
}

/**
 * tx_restore_dialog_ask:
 * @path: a backup's folder
 *
 * Asks whether to restore the backup, as its Restore… button does; the
 * response "restore" restores it.
 *
 * Returns: (transfer none): the question shown
 */
AdwMessageDialog *
tx_restore_dialog_ask (TxRestoreDialog *self,
                       const char      *path)
{
  const TxBackupInfo *info = find_backup (self, path);
  g_autofree char *when = tx_gui_backup_when (info ? info->created : NULL);
  g_autofree char *heading = g_strdup_printf (_("Restore the Backup of %s?"), when);
  g_autofree char *counts = info ? counts_text (info->children, info->visits) : g_strdup ("");
  g_autofree char *body = g_strdup_printf (_("The store is replaced by this backup (%s). The store as it is now is "
                                             "kept first, as a backup you can restore. What was changed after %s "
                                             "is lost: children registered, visits and changes since then. The "
                                             "people and passwords become those of the backup, and everybody "
                                             "logs in again."), counts, when);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  g_object_set_data_full (G_OBJECT (dialog), "tx-path", g_strdup (path), g_free);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (ask_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return ADW_MESSAGE_DIALOG (dialog);
}

static void
preview_clicked_cb (GtkButton       *button,
                    TxRestoreDialog *self)
{
  tx_restore_dialog_preview (self, g_object_get_data (G_OBJECT (button), "tx-path"));
}

static void
restore_clicked_cb (GtkButton       *button,
                    TxRestoreDialog *self)
{
  tx_restore_dialog_ask (self, g_object_get_data (G_OBJECT (button), "tx-path"));
}

static GtkWidget *
backup_row (TxRestoreDialog    *self,
            const TxBackupInfo *info)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *when = tx_gui_backup_when (info->created);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *counts = counts_text (info->children, info->visits);
  g_autofree char *who = info->who && info->who[0] ? g_strjoinv (_(", "), info->who) : NULL;
  GString *subtitle = g_string_new (NULL);
  struct { const char *label, *tip; GCallback cb; } buttons[] = {
    { _("_Preview"), _("See the children of this backup, read-only"), G_CALLBACK (preview_clicked_cb) },
    { _("_Restore…"), _("Put this backup in the place of the store"), G_CALLBACK (restore_clicked_cb) },
  };

  g_string_append_printf (subtitle, "%s · %s", counts, size);
  if (who)
    /* Translators: the people who made the last changes in a backup */
    g_string_append_printf (subtitle, " · %s", who);
  g_string_append_printf (subtitle, " · %s", info->verified ? _("check passed") : _("not checked"));
  if (info->before_restore)
    g_string_append_printf (subtitle, " · %s", _("the store before a restore"));
  if (info->unusable)
    {
      /* Translators: why a backup cannot be restored */
      g_string_append_printf (subtitle, "\n%s", info->unusable);
      gtk_widget_add_css_class (row, "dim-label");
    }
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  g_string_free (subtitle, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GtkWidget *b = gtk_button_new_with_mnemonic (buttons[i].label);
      g_autofree char *tip = g_strdup_printf ("%s (%s)", buttons[i].tip, when);

      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (b, buttons[i].tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (b), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tip, -1);
      gtk_widget_set_sensitive (b, info->unusable == NULL);
      gtk_widget_set_name (b, i == 0 ? "preview" : "restore");
      g_object_set_data_full (G_OBJECT (b), "tx-path", g_strdup (info->path), g_free);
      g_signal_connect_object (b, "clicked", buttons[i].cb, self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), b);
    }
  return row;
}

static void
tx_restore_dialog_dispose (GObject *object)
{
  TxRestoreDialog *self = TX_RESTORE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->main_window);
  g_clear_object (&self->store);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (tx_restore_dialog_parent_class)->dispose (object);
}

static void
tx_restore_dialog_class_init (TxRestoreDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tx_restore_dialog_dispose;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
tx_restore_dialog_init (TxRestoreDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (_("Every backup of this station, newest first. Preview one to see its "
                                      "children; restoring one keeps the store as it is now as a backup first."));

  self->rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Restore a Backup"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 560);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "dim-label");
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Backups"), -1);
  gtk_box_append (GTK_BOX (inner), label);
  gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->list));
  gtk_widget_set_margin_top (inner, 18);
  gtk_widget_set_margin_bottom (inner, 18);
  gtk_widget_set_margin_start (inner, 12);
  gtk_widget_set_margin_end (inner, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), inner);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_window_set_content (ADW_WINDOW (self), box);
}

/* A spinner and its words, while the list is read */
static GtkWidget *
reading_placeholder (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *spinner = gtk_spinner_new ();

  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_box_append (GTK_BOX (box), spinner);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("Reading the backups…")));
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_name (box, "reading");
  return box;
}

/* The list read on a thread: a row each, newest first */
static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TxRestoreDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tx_backup_list_finish (result, &error);

  if (self->store == NULL)
    {
      g_clear_pointer (&list, g_ptr_array_unref);
      return;   /* the dialog went */
    }
  if (list == NULL)
    {
      self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_backup_info_free);
      gtk_list_box_set_placeholder (self->list, gtk_label_new (tx_gui_error_text (error)));
      return;
    }
  self->backups = list;
  if (list->len == 0)
    gtk_list_box_set_placeholder (self->list, gtk_label_new (_("No backup yet")));
  for (guint i = 0; i < list->len; i++)
    {
      GtkWidget *row = backup_row (self, list->pdata[i]);
      gtk_list_box_append (self->list, row);
      g_ptr_array_add (self->rows, row);
    }
}

/**
 * tx_restore_dialog_new:
 * @parent: Preferences, whose main window restores
 *
 * Returns: (transfer none): the dialog, to present; the backups are read
 *   on a thread, a spinner meanwhile
 */
TxRestoreDialog *
tx_restore_dialog_new (GtkWindow *parent,
                       TxStore   *store)
{
  TxRestoreDialog *self = g_object_new (TX_TYPE_RESTORE_DIALOG, "transient-for", parent, NULL);
  GtkWindow *main_window = parent ? gtk_window_get_transient_for (parent) : NULL;

  g_set_weak_pointer (&self->main_window, main_window ? main_window : parent);
  self->store = g_object_ref (store);
  self->cancellable = g_cancellable_new ();
  gtk_list_box_set_placeholder (self->list, reading_placeholder ());
  tx_backup_list_async (tx_store_get_path (store), NULL, self->cancellable, listed_cb, g_object_ref (self));
  return self;
}

/* Whether the backups are still being read */
gboolean
tx_restore_dialog_is_loading (TxRestoreDialog *self)
{
  return self->backups == NULL;
}

/* For tests: the row of the i-th backup, newest first */
GtkWidget *
tx_restore_dialog_get_row (TxRestoreDialog *self,
                           guint            i)
{
  return i < self->rows->len ? self->rows->pdata[i] : NULL;
}
