/* test-backups.c — Preferences → Backups, the status line and the
 * automatic backups, driven through the real widgets under Xvfb
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tx-backup-bar.h"
#include "tx-backups-page.h"
#include "tx-drive-offer.h"
#include "tx-gui-test-util.h"
#include "tx-gui-util.h"
#include "tx-login-view.h"
#include "tx-preferences-window.h"
#include "tx-restore-dialog.h"
#include "../tx-test-login.h"

static gboolean
page_idle (gpointer data)
{
  return !tx_backups_page_is_busy (data);
}

static gboolean
bar_idle (gpointer data)
{
  return !tx_backup_bar_is_busy (data);
}

static TxBackupBar *
window_bar (TxWindow *window)
{
  return TX_BACKUP_BAR (tx_gui_find_child_of_type (GTK_WIDGET (window), TX_TYPE_BACKUP_BAR));
}

static gboolean
line_shown (TxBackupBar *bar)
{
  GtkWidget *revealer = gtk_widget_get_first_child (GTK_WIDGET (bar));

  return gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

static const char *
line_text (TxBackupBar *bar)
{
  return gtk_label_get_text (GTK_LABEL (tx_backup_bar_get_label (bar)));
}

static GPtrArray *
backups_of (TxStore *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tx_backup_list (store, NULL, &error);

  g_assert_no_error (error);
  return list;
}

/* A change in the store, as another program's (the CLI's) would be */
static void
change_something (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = tx_test_open (path, &error);
  g_autoptr(JsonObject) detail = json_object_new ();

  g_assert_no_error (error);
  json_object_set_string_member (detail, "key", "test");
  g_assert_true (tx_store_begin (store, &error));
  g_assert_true (tx_store_audit (store, "settings", NULL, detail, &error));
  g_assert_true (tx_store_commit (store, &error));
}

/* The manifest's date moved back @days days, as if it had been made then */
static void
age_backup (const TxBackupInfo *info,
            int                 days)
{
  g_autofree char *manifest = g_build_filename (info->path, "manifest.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (info->created, NULL);
  g_autoptr(GDateTime) before = g_date_time_add_days (at, -days);
  g_autofree char *then = g_date_time_format_iso8601 (before);
  g_auto(GStrv) parts = NULL;
  g_autofree char *aged = NULL;

  g_assert_true (g_file_get_contents (manifest, &text, NULL, NULL));
  parts = g_strsplit (text, info->created, -1);
  g_assert_cmpuint (g_strv_length (parts), >=, 2);
  aged = g_strjoinv (then, parts);
  g_assert_true (g_file_set_contents (manifest, aged, -1, NULL));
}

static TxBackupsPage *
open_backups_page (TxWindow             *window,
                   TxPreferencesWindow **prefs_out)
{
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.backups", NULL);
  tx_gui_wait (100);
  prefs = TX_PREFERENCES_WINDOW (tx_gui_find_window (TX_TYPE_PREFERENCES_WINDOW, TRUE));
  g_assert_nonnull (prefs);
  page = TX_BACKUPS_PAGE (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  g_assert_true (TX_IS_BACKUPS_PAGE (page));
  /* the list is read on a thread */
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  *prefs_out = prefs;
  return page;
}

/* No backup: the status line says so; the page makes one, which it shows,
 * and the line goes; the rotation and the second place are kept */
static void
test_page (void)
{
  TxWindow *window = tx_gui_new_window ("backups-page.db", 5);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *second = g_build_filename (g_get_user_data_dir (), "stick", NULL);
  g_autofree char *stored_second = NULL;
  GtkWidget *last;
  TxBackupKeep keep;
  gint64 on_register;

  g_assert_nonnull (bar);
  g_assert_true (line_shown (bar));
  g_assert_cmpstr (line_text (bar), ==,
                   _("This store has no backup yet: back up now, and keep a copy in a second place."));

  page = open_backups_page (window, &prefs);
  last = tx_backups_page_get_widget (page, "last_row");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, _("No backup yet"));

  /* every control of the page is labelled for a screen reader */
  {
    const char *spins[] = { "days_spin", "weeks_spin", "months_spin" };

    for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
      {
        GtkWidget *spin = tx_backups_page_get_widget (page, spins[i]);
        g_assert_true (gtk_widget_get_focusable (spin) || gtk_widget_get_first_child (spin));
        g_assert_true (gtk_widget_is_visible (spin));
      }
  }

  /* the rotation: changed by its spin button, stored by the service */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (tx_backups_page_get_widget (page, "days_spin")), 10);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  tx_store_poll_changes (store);
  tx_backup_get_keep (store, &keep);
  g_assert_cmpint (keep.days, ==, 10);

  /* a second place */
  g_assert_cmpint (g_mkdir_with_parents (second, 0700), ==, 0);
  tx_backups_page_set_second_place (page, second);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  stored_second = tx_backup_get_second_place (store);
  g_assert_cmpstr (stored_second, ==, second);
  g_assert_true (gtk_widget_get_sensitive (tx_backups_page_get_widget (page, "remove_button")));

  /* Back Up Now: into both places, shown on the page; the page keeps its
   * layout while the progress shows */
  {
    GtkWidget *button = tx_backups_page_get_widget (page, "backup_button");
    GtkWidget *places = tx_backups_page_get_widget (page, "places_group");
    graphene_rect_t before, during, places_before, places_during;

    tx_gui_wait (50);
    g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (page), &before));
    g_assert_true (gtk_widget_compute_bounds (places, GTK_WIDGET (page), &places_before));
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (gtk_widget_get_visible (tx_backups_page_get_widget (page, "progress")));
    tx_gui_wait (30);
    g_assert_true (gtk_widget_compute_bounds (button, GTK_WIDGET (page), &during));
    g_assert_true (gtk_widget_compute_bounds (places, GTK_WIDGET (page), &places_during));
    g_test_message ("button %g,%g %gx%g -> %g,%g %gx%g; places y %g -> %g", before.origin.x, before.origin.y,
                    before.size.width, before.size.height, during.origin.x, during.origin.y, during.size.width,
                    during.size.height, places_before.origin.y, places_during.origin.y);
    g_assert_cmpfloat (places_before.origin.y, ==, places_during.origin.y);
    g_assert_cmpfloat (before.origin.y, ==, during.origin.y);
  }
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  g_assert_false (gtk_widget_get_visible (tx_backups_page_get_widget (page, "progress")));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 2);
  /* the roster's count: the children on the register */
  {
    TxChildQuery roster = { 0 };
    on_register = tx_store_child_count (store, &roster, NULL);
    g_assert_cmpint (on_register, >, 0);
  }
  for (guint i = 0; i < list->len; i++)
    {
      TxBackupInfo *info = list->pdata[i];
      g_assert_true (info->verified);
      g_assert_cmpint (info->children, ==, on_register);
      g_assert_cmpint (info->children_total, ==, 5);
      g_assert_false (info->automatic);
    }
  {
    g_autofree char *when = tx_gui_backup_when (((TxBackupInfo *) list->pdata[0])->created);
    g_autofree char *children = g_strdup_printf (g_dngettext (NULL, "%lld child", "%lld children", on_register),
                                                 (long long) on_register);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, when);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), children));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)), _("check passed")));
  }
  /* the line went with it */
  g_assert_false (line_shown (bar));
  g_assert_false (gtk_widget_get_visible (tx_backups_page_get_widget (page, "failed_row")));

  /* Remove: the second place no longer set, its backups stay */
  tx_backups_page_set_second_place (page, NULL);
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  g_clear_pointer (&stored_second, g_free);
  stored_second = tx_backup_get_second_place (store);
  g_assert_null (stored_second);
  g_assert_false (gtk_widget_get_sensitive (tx_backups_page_get_widget (page, "remove_button")));

  tx_gui_screenshot (GTK_WIDGET (prefs), "backups.png");
  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

/* The only backup 8 days old: the line says so and offers the page; a
 * backup made goes with it; a failed attempt brings it back */
static void
test_status_line (void)
{
  TxWindow *window = tx_gui_new_window ("backups-stale.db", 3);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  g_autoptr(GPtrArray) list = NULL;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;

  {
    g_autoptr(TxStore) own = tx_test_open (tx_store_get_path (store), &error);
    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
  }
  tx_store_poll_changes (store);
  tx_backup_bar_refresh (bar);
  g_assert_false (line_shown (bar));

  age_backup (made, 8);
  tx_backup_bar_refresh (bar);
  g_assert_true (line_shown (bar));
  {
    g_autoptr(TxBackupInfo) aged = tx_backup_read (made->path, &error);
    g_autofree char *when = tx_gui_backup_when (aged->created);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (line_text (bar), when));
  }
  /* its button opens the Backups page, whose Back Up Now ends it */
  page = open_backups_page (window, &prefs);
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_false (line_shown (bar));

  /* a second place that cannot be written: the attempt fails, the page and
   * the line say why */
  tx_backups_page_set_second_place (page, "/proc/tongxing-no-such-place");
  g_assert_true (tx_gui_wait_for (page_idle, page, 10000));
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  tx_store_poll_changes (store);
  tx_backup_bar_refresh (bar);
  g_assert_true (gtk_widget_get_visible (tx_backups_page_get_widget (page, "failed_row")));
  g_assert_true (line_shown (bar));
  g_assert_nonnull (strstr (line_text (bar), "/proc/tongxing-no-such-place"));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The timer's backup when one is due, none when nothing changed, and one
 * at the close after a change, the close waiting for it */
static void
test_automatic (void)
{
  TxWindow *window = tx_gui_new_window ("backups-auto.db", 3);
  TxStore *store = tx_window_get_store (window);
  TxBackupBar *bar = window_bar (window);
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.tongxing.TestBackups", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  gpointer weak = window;
  g_autofree char *first = NULL;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  gtk_window_set_application (GTK_WINDOW (window), app);

  /* due: none yet */
  g_assert_true (tx_backup_bar_tick (bar));
  g_assert_true (tx_gui_wait_for (bar_idle, bar, 60000));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((TxBackupInfo *) list->pdata[0])->automatic);
  first = g_strdup (((TxBackupInfo *) list->pdata[0])->created);
  g_assert_false (line_shown (bar));
  /* not due: nothing changed */
  g_assert_false (tx_backup_bar_tick (bar));

  /* the close after a change waits for one more */
  change_something (path);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_nonnull (weak);
  g_assert_true (line_shown (bar));
  g_assert_cmpstr (line_text (bar), ==, _("Backing up…"));
  g_assert_true (tx_gui_wait_for (window_gone, &weak, 60000));
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    g_autoptr(GPtrArray) after = NULL;

    g_assert_no_error (error);
    after = backups_of (own);
    /* a newer one (rotation keeps the newest of the day) */
    g_assert_cmpuint (after->len, >=, 1);
    g_assert_cmpstr (((TxBackupInfo *) after->pdata[0])->created, >, first);
    g_assert_true (((TxBackupInfo *) after->pdata[0])->automatic);
  }
}

static gboolean
dialog_listed (gpointer data)
{
  return !tx_restore_dialog_is_loading (data);
}

/* Many backups: the page and Restore… show at once, saying they read the
 * list, whose rows come after, on a thread */
static void
test_reading (void)
{
  TxWindow *window = tx_gui_new_window ("backups-many.db", 3);
  TxStore *store = tx_window_get_store (window);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify) tx_backup_info_free);
  g_autoptr(GError) error = NULL;
  TxBackupsPage *page;
  TxRestoreDialog *dialog;
  GtkWidget *last, *placeholder;
  guint n = 0;

  {
    g_autoptr(TxStore) own = tx_test_open (tx_store_get_path (store), &error);

    g_assert_no_error (error);
    for (guint i = 0; i < 12; i++)
      {
        TxBackupInfo *info = tx_backup_make (own, NULL, TX_BACKUP_MANUAL | TX_BACKUP_NO_ROTATE, NULL, NULL, NULL,
                                             &error);
        g_assert_no_error (error);
        g_ptr_array_add (made, info);
      }
  }
  tx_store_poll_changes (store);

  /* the page: shown before the list, which says so; then the newest */
  page = g_object_ref_sink (tx_backups_page_new (store, tx_window_get_service (window)));
  last = tx_backups_page_get_widget (page, "last_row");
  g_assert_true (tx_backups_page_is_busy (page));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, _("Reading the backups…"));
  g_assert_true (tx_gui_wait_for (page_idle, page, 30000));
  {
    g_autofree char *when = tx_gui_backup_when (((TxBackupInfo *) made->pdata[made->len - 1])->created);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, when);
  }
  g_object_unref (page);

  /* Restore…: a spinner first, no rows; then every backup */
  dialog = tx_restore_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (tx_restore_dialog_is_loading (dialog));
  g_assert_null (tx_restore_dialog_get_row (dialog, 0));
  placeholder = tx_gui_find_child_of_type (GTK_WIDGET (dialog), GTK_TYPE_SPINNER);
  g_assert_nonnull (placeholder);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (placeholder)));
  g_assert_true (tx_gui_wait_for (dialog_listed, dialog, 30000));
  while (tx_restore_dialog_get_row (dialog, n))
    n++;
  g_assert_cmpuint (n, ==, made->len);
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

/* The rows of a preview: their titles */
static GPtrArray *
preview_titles (AdwMessageDialog *preview)
{
  GtkWidget *list = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), GTK_TYPE_LIST_BOX);
  GPtrArray *titles = g_ptr_array_new ();

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_ACTION_ROW (c))
      g_ptr_array_add (titles, (gpointer) adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)));
  return titles;
}

static const char *
preview_search (AdwMessageDialog *preview,
                const char       *text)
{
  GtkWidget *extra = adw_message_dialog_get_extra_child (preview);
  GtkWidget *entry = tx_gui_find_child_of_type (extra, GTK_TYPE_SEARCH_ENTRY);
  GtkWidget *count = NULL;

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* the search entry's delay */
  tx_gui_wait (400);
  for (GtkWidget *c = gtk_widget_get_first_child (extra); c; c = gtk_widget_get_next_sibling (c))
    if (g_strcmp0 (gtk_widget_get_name (c), "preview-count") == 0)
      count = c;
  g_assert_nonnull (count);
  return gtk_label_get_text (GTK_LABEL (count));
}

static gboolean
has_title (GPtrArray  *titles,
           const char *name)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (titles->pdata[i], name) == 0)
      return TRUE;
  return FALSE;
}

/* The preview's rows and the state they say */
static const char *
preview_subtitle (AdwMessageDialog *preview,
                  const char       *name)
{
  GtkWidget *list = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), GTK_TYPE_LIST_BOX);

  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_ACTION_ROW (c) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (c)), name) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (c));
  return NULL;
}

/* The count a search should show, from what the core's preview holds */
static char *
expected_count (const TxBackupPreview *read,
                const char            *search)
{
  guint matched = 0, left = 0;
  g_autofree char *n = NULL;

  for (guint i = 0; i < read->children->len; i++)
    if (tx_restore_dialog_child_matches (read->children->pdata[i], search))
      {
        matched++;
        left += i >= read->on_register;
      }
  n = g_strdup_printf (g_dngettext (NULL, "%u child matches", "%u children match", matched), matched);
  return left ? g_strdup_printf (_("%s, %u of them left the register"), n, left) : g_steal_pointer (&n);
}

static const char *
preview_stack_page (AdwMessageDialog *preview)
{
  GtkWidget *stack = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* The preview's search: by a name, the pinyin initials, the last digits of
 * the identity number, with the count; what matches nobody says so in
 * words, not an empty box. The count is the roster's, as the backup list
 * says; two children who left the register are listed after the others,
 * marked as left, and found by the search */
static void
test_preview_search (void)
{
  TxWindow *window = tx_gui_new_window ("backups-preview.db", 12);
  TxStore *store = tx_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  g_autoptr(TxBackupPreview) read = NULL;
  TxRestoreDialog *dialog;
  AdwMessageDialog *preview;
  const TxBackupChild *child;
  g_autofree char *left_name = NULL;
  guint total;

  {
    g_autoptr(TxStore) own = tx_test_open (tx_store_get_path (store), &error);
    TxChildQuery roster = { 0 };
    g_autoptr(GPtrArray) rows = tx_store_child_list (own, &roster, 0, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 2);
    for (guint i = 0; i < rows->len; i++)
      {
        TxChildRow *row = rows->pdata[i];

        g_assert_true (tx_store_child_exit (own, row->id, i ? "moved-away" : "returned-home", "2026-11-02",
                                            "回老家了", &error));
        g_assert_no_error (error);
      }
    left_name = g_strdup (((TxChildRow *) rows->pdata[0])->name);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    /* what the preview holds, read by the core */
    read = tx_backup_preview (own, made->path, &error);
    g_assert_no_error (error);
  }
  total = read->children->len;
  g_assert_cmpuint (total, >=, 10);
  /* the list's count, and those who left after them */
  g_assert_cmpint (read->on_register, ==, made->children);
  g_assert_cmpuint (read->on_register, <=, total - 2);
  for (guint i = 0; i < total; i++)
    g_assert_true ((i < read->on_register) ==
                   (g_strcmp0 (((TxBackupChild *) read->children->pdata[i])->register_state, "active") == 0));
  child = read->children->pdata[read->on_register / 2];

  dialog = tx_restore_dialog_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (tx_gui_wait_for (dialog_listed, dialog, 30000));
  preview = tx_restore_dialog_preview (dialog, made->path);

  /* the heading counts as the list does */
  {
    g_autofree char *children = g_strdup_printf (g_dngettext (NULL, "%lld child", "%lld children", made->children),
                                                 (long long) made->children);

    g_test_message ("%s", adw_message_dialog_get_body (preview));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (preview), children));
  }

  /* everybody, counted: those on the register, and those who left */
  {
    g_autofree char *on = g_strdup_printf (g_dngettext (NULL, "%u child", "%u children", read->on_register),
                                           read->on_register);
    g_autofree char *all = g_strdup_printf (_("%s, and %u who left the register (listed after them)"), on,
                                            total - read->on_register);
    g_autoptr(GPtrArray) titles = NULL;

    g_assert_cmpstr (preview_search (preview, ""), ==, all);
    titles = preview_titles (preview);
    g_assert_cmpuint (titles->len, ==, total);
    g_assert_cmpstr (preview_stack_page (preview), ==, "list");
    /* the last rows: who left, marked */
    g_assert_true (has_title (titles, left_name));
    g_assert_true (g_str_has_prefix (preview_subtitle (preview, left_name), _("left the register")));
    g_assert_nonnull (strstr (preview_subtitle (preview, left_name), "2026-11-02"));
    g_assert_null (strstr (preview_subtitle (preview, child->name), _("left the register")));
  }

  /* a child who left, found by the name, counted as left */
  {
    g_autofree char *expected = expected_count (read, left_name);
    g_autoptr(GPtrArray) titles = NULL;

    g_assert_cmpstr (preview_search (preview, left_name), ==, expected);
    g_assert_nonnull (strstr (expected, _("left the register")));
    titles = preview_titles (preview);
    g_assert_true (has_title (titles, left_name));
  }

  /* by the whole name, the initials and the last four of the number: the
   * child among the rows, each row matching, the count saying how many */
  {
    g_autofree char *initials = tx_pinyin_initials (child->name);
    const char *id = child->id_masked;
    g_autofree char *last4 = g_strdup (id + strlen (id) - 4);
    const char *searches[] = { child->name, initials, last4 };

    for (guint s = 0; s < G_N_ELEMENTS (searches); s++)
      {
        const char *count = preview_search (preview, searches[s]);
        g_autoptr(GPtrArray) titles = preview_titles (preview);
        g_autofree char *expected = expected_count (read, searches[s]);

        g_assert_true (has_title (titles, child->name));
        g_assert_cmpuint (titles->len, <, total);
        g_assert_cmpstr (count, ==, expected);
        for (guint i = 0; s == 0 && i < titles->len; i++)
          g_assert_nonnull (strstr (titles->pdata[i], child->name));
      }
  }

  /* nobody: said in words in the list's place */
  {
    g_autofree char *none = g_strdup_printf (g_dngettext (NULL, "%u child matches", "%u children match", 0), 0);
    g_autoptr(GPtrArray) titles = NULL;
    GtkWidget *status;

    g_assert_cmpstr (preview_search (preview, "qqqqzzzz"), ==, none);
    titles = preview_titles (preview);
    g_assert_cmpuint (titles->len, ==, 0);
    g_assert_cmpstr (preview_stack_page (preview), ==, "none");
    status = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), ADW_TYPE_STATUS_PAGE);
    g_assert_true (gtk_widget_is_visible (status));
    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (status)), ==, _("No Child Matches"));
    tx_gui_screenshot (GTK_WIDGET (preview), "preview-no-match.png");
    /* and back */
    preview_search (preview, "");
    g_assert_cmpstr (preview_stack_page (preview), ==, "list");
  }

  gtk_window_destroy (GTK_WINDOW (preview));
  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static char *new_stick (const char *name);

#define DIRECTOR "李村主任"
#define DIRECTOR_PASSWORD "director password 1"

/* A child director's page: the last backup, and in words what is the
 * supervisor's (no Back Up Now, places or rotation); no stick offered */
static void
test_director (void)
{
  TxWindow *window = tx_gui_new_window ("backups-director.db", 4);
  g_autofree char *path = g_strdup (tx_store_get_path (tx_window_get_store (window)));
  g_autofree char *stick = new_stick ("DIRECTOR-STICK");
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  GtkWidget *refusal;

  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    const char *villages[] = { "220102001001", NULL };

    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (tx_store_account_add (own, DIRECTOR, TX_ROLE_DIRECTOR, villages, DIRECTOR_PASSWORD, &error));
  }
  tx_gui_close_window (window);
  tx_session_end (tx_session_lookup (path));
  {
    g_autoptr(TxSession) session = tx_session_unlock (path, DIRECTOR, DIRECTOR_PASSWORD, &error);
    g_assert_no_error (error);
  }
  window = g_object_new (TX_TYPE_WINDOW, NULL);
  g_assert_true (tx_window_open_database (window, path));
  gtk_window_present (GTK_WINDOW (window));
  tx_gui_wait_roster (window);
  g_assert_cmpstr (tx_store_get_person (tx_window_get_store (window)), ==, DIRECTOR);

  page = open_backups_page (window, &prefs);
  {
    g_autofree char *when = tx_gui_backup_when (made->created);
    GtkWidget *last = tx_backups_page_get_widget (page, "last_row");

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, when);
  }
  refusal = tx_backups_page_get_widget (page, "refusal_label");
  g_assert_true (gtk_widget_is_visible (refusal));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (refusal)), ==,
                   _("Backups are made by themselves while you work and when the window closes. Making one now, "
                     "choosing where they go and restoring one are for the township's child supervisor: ask them."));
  g_assert_false (gtk_widget_is_visible (tx_backups_page_get_widget (page, "backup_button")));
  g_assert_false (gtk_widget_is_visible (tx_backups_page_get_widget (page, "restore_button")));
  g_assert_false (gtk_widget_is_visible (tx_backups_page_get_widget (page, "places_group")));
  g_assert_false (gtk_widget_is_visible (tx_backups_page_get_widget (page, "keep_group")));
  /* the core refuses them too */
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    g_autoptr(TxBackupInfo) none = NULL;

    g_assert_no_error (error);
    none = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, TX_STORE_ERROR, TX_STORE_ERROR_FORBIDDEN);
  }
  /* a stick is not offered to them */
  g_assert_null (tx_drive_offer_mounted (tx_drive_offer_for (GTK_WINDOW (window)), "DIRECTOR-STICK", stick));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_session_end (tx_session_lookup (path));
  tx_gui_wait (50);
}

/* Tab until @target has the focus; whether it got it */
static gboolean
tab_to (GtkWidget *window,
        GtkWidget *target)
{
  for (guint i = 0; i < 40; i++)
    {
      if (gtk_widget_has_focus (target))
        return TRUE;
      tx_gui_x11_key (window, GDK_KEY_Tab, 0);
    }
  return gtk_widget_has_focus (target);
}

static GtkWidget *
named_in (GtkWidget  *widget,
          const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = named_in (c, name);
      if (found)
        return found;
    }
  return NULL;
}

/* By the keyboard alone: Tab to Back Up Now and Enter makes one; Tab to
 * Restore… and Enter opens the list, Tab to a backup's Preview and Enter
 * previews it; Escape closes the preview, then the list */
static void
test_keyboard (void)
{
  TxWindow *window;
  TxStore *store;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  TxRestoreDialog *dialog;
  GtkWidget *preview_button;
  AdwMessageDialog *preview;
  g_autoptr(GPtrArray) list = NULL;

  if (!tx_gui_x11_available ())
    {
      g_test_skip ("no X display to type on");
      return;
    }
  window = tx_gui_new_window ("backups-keys.db", 3);
  store = tx_window_get_store (window);
  page = open_backups_page (window, &prefs);

  g_assert_true (tab_to (GTK_WIDGET (prefs), tx_backups_page_get_widget (page, "backup_button")));
  tx_gui_x11_key (GTK_WIDGET (prefs), GDK_KEY_Return, 0);
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  list = backups_of (store);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (tab_to (GTK_WIDGET (prefs), tx_backups_page_get_widget (page, "restore_button")));
  tx_gui_x11_key (GTK_WIDGET (prefs), GDK_KEY_Return, 0);
  tx_gui_wait (100);
  dialog = TX_RESTORE_DIALOG (tx_gui_find_window (TX_TYPE_RESTORE_DIALOG, TRUE));
  g_assert_nonnull (dialog);
  /* over Preferences, which the window manager centres it on */
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (prefs));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (tx_gui_wait_for (dialog_listed, dialog, 30000));
  preview_button = named_in (tx_restore_dialog_get_row (dialog, 0), "preview");
  g_assert_nonnull (preview_button);
  g_assert_true (tab_to (GTK_WIDGET (dialog), preview_button));
  tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Return, 0);
  tx_gui_wait (200);
  preview = ADW_MESSAGE_DIALOG (tx_gui_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE));
  g_assert_nonnull (preview);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preview)) == GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (preview)));

  /* typed into its search, which has the focus; Escape clears it, the
   * next closes the preview, the next the list */
  {
    GtkWidget *entry = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview),
                                                  GTK_TYPE_SEARCH_ENTRY);

    tx_gui_x11_type (GTK_WIDGET (preview), "qq");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "qq");
    tx_gui_x11_key (GTK_WIDGET (preview), GDK_KEY_Escape, 0);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_nonnull (tx_gui_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE));
  }
  tx_gui_x11_key (GTK_WIDGET (preview), GDK_KEY_Escape, 0);
  tx_gui_wait (200);
  g_assert_null (tx_gui_find_window (ADW_TYPE_MESSAGE_DIALOG, TRUE));
  g_assert_nonnull (tx_gui_find_window (TX_TYPE_RESTORE_DIALOG, TRUE));
  tx_gui_x11_key (GTK_WIDGET (dialog), GDK_KEY_Escape, 0);
  tx_gui_wait (200);
  g_assert_null (tx_gui_find_window (TX_TYPE_RESTORE_DIALOG, TRUE));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
login_shown (gpointer data)
{
  TxWindow *w = TX_WINDOW (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));

  return w && g_strcmp0 (tx_window_get_page (w), "login") == 0;
}

/* Restore…: the backups listed, one previewed, restored after asking; a
 * change made after it is gone, the store as it was kept as a backup, and
 * the window back at the login, its notice naming the backup to the
 * second; then the page's last backup is the newest there is (the one kept
 * before the restore), not the one the restored copy remembers */
static void
test_restore (void)
{
  TxWindow *window = tx_gui_new_window ("backups-restore.db", 4);
  TxStore *store = tx_window_get_store (window);
  g_autofree char *path = g_strdup (tx_store_get_path (store));
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.tongxing.TestRestore", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(TxBackupInfo) made = NULL;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  TxRestoreDialog *dialog;
  AdwMessageDialog *preview, *ask;
  GtkWidget *row, *list;
  guint n = 0;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  gtk_window_set_application (GTK_WINDOW (window), app);
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);

    g_assert_no_error (error);
    made = tx_backup_make (own, NULL, TX_BACKUP_MANUAL, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    /* a change after the backup */
    g_assert_true (tx_store_set_setting (own, TX_SETTING_SUPERVISOR, "后来的名字", &error));
  }

  page = open_backups_page (window, &prefs);
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "restore_button"), "clicked");
  tx_gui_wait (100);
  dialog = TX_RESTORE_DIALOG (tx_gui_find_window (TX_TYPE_RESTORE_DIALOG, TRUE));
  g_assert_nonnull (dialog);
  g_assert_true (tx_gui_wait_for (dialog_listed, dialog, 10000));
  row = tx_restore_dialog_get_row (dialog, 0);
  g_assert_nonnull (row);
  {
    g_autofree char *when = tx_gui_backup_when (made->created);
    g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (made->created, NULL);
    g_autoptr(GDateTime) local = g_date_time_to_local (at);
    g_autofree char *seconds = g_date_time_format (local, ":%M:%S");
    g_autofree char *day = g_date_time_format (local, "%Y");

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, when);
    /* to the second, with the year */
    g_assert_true (g_str_has_suffix (when, seconds));
    g_assert_nonnull (strstr (when, day));
  }
  g_assert_null (tx_restore_dialog_get_row (dialog, 1));

  /* its children, read-only */
  preview = tx_restore_dialog_preview (dialog, made->path);
  list = tx_gui_find_child_of_type (adw_message_dialog_get_extra_child (preview), GTK_TYPE_LIST_BOX);
  for (GtkWidget *c = gtk_widget_get_first_child (list); c; c = gtk_widget_get_next_sibling (c))
    n += ADW_IS_ACTION_ROW (c);
  g_assert_cmpuint (n, ==, 4);
  gtk_window_destroy (GTK_WINDOW (preview));

  /* asked, and restored: the window goes, a new one asks who logs in */
  ask = tx_restore_dialog_ask (dialog, made->path);
  tx_gui_respond (ask, "restore");
  g_assert_true (tx_gui_wait_for (login_shown, NULL, 60000));
  g_assert_null (tx_session_lookup (path));
  {
    g_autofree char *when = tx_gui_backup_when (made->created);
    GtkWidget *login = tx_gui_find_child_of_type (GTK_WIDGET (tx_gui_find_window (TX_TYPE_WINDOW, TRUE)),
                                                  TX_TYPE_LOGIN_VIEW);
    const char *notice = gtk_label_get_text (GTK_LABEL (tx_login_view_get_widget (TX_LOGIN_VIEW (login),
                                                                                  "notice_label")));

    g_test_message ("%s", notice);
    g_assert_nonnull (strstr (notice, when));
  }
  {
    g_autoptr(TxStore) own = tx_test_open (path, &error);
    g_autofree char *supervisor = NULL;
    g_autoptr(GPtrArray) list2 = NULL;
    g_autoptr(TxBackupInfo) kept = NULL;

    g_assert_no_error (error);
    supervisor = tx_store_get_setting (own, TX_SETTING_SUPERVISOR);
    g_assert_cmpstr (supervisor, !=, "后来的名字");
    list2 = backups_of (own);
    for (guint i = 0; i < list2->len; i++)
      if (((TxBackupInfo *) list2->pdata[i])->before_restore)
        kept = tx_backup_read (((TxBackupInfo *) list2->pdata[i])->path, NULL);
    g_assert_nonnull (kept);
    g_assert_cmpstr (kept->created, >, made->created);
    gtk_window_destroy (tx_gui_find_window (TX_TYPE_WINDOW, TRUE));
    tx_gui_wait (50);

    /* logged in again: the page names the newest backup, kept before the restore */
    window = g_object_new (TX_TYPE_WINDOW, NULL);
    g_assert_true (tx_window_open_database (window, path));
    gtk_window_present (GTK_WINDOW (window));
    tx_gui_wait_roster (window);
    page = open_backups_page (window, &prefs);
    {
      g_autofree char *when = tx_gui_backup_when (kept->created);
      GtkWidget *last = tx_backups_page_get_widget (page, "last_row");

      g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (last)), ==, when);
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (last)),
                                _("the store before a restore")));
    }
    gtk_window_destroy (GTK_WINDOW (prefs));
  }
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

static gboolean
offer_idle (gpointer data)
{
  return !tx_drive_offer_is_busy (data);
}

/* A folder standing for a USB stick mounted at @name */
static char *
new_stick (const char *name)
{
  char *root = g_build_filename (g_get_user_data_dir (), "media", name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (root, 0700), ==, 0);
  return root;
}

static GPtrArray *
backups_in (TxStore    *store,
            const char *folder)
{
  const char *folders[] = { folder, NULL };
  g_autoptr(GError) error = NULL;
  GPtrArray *list = tx_backup_list (store, folders, &error);

  g_assert_no_error (error);
  return list;
}

/* A USB stick plugged in (the monitor's input fed by hand): offered once,
 * backed up to, made the second place; not offered when it is the second
 * place; unplugged, the page says so and a backup leaves it out */
static void
test_drive_offer (void)
{
  TxWindow *window = tx_gui_new_window ("backups-stick.db", 3);
  TxStore *store = tx_window_get_store (window);
  TxDriveOffer *offer = tx_drive_offer_for (GTK_WINDOW (window));
  g_autofree char *stick = new_stick ("KINGSTON");
  g_autofree char *stick_folder = tx_drive_offer_folder (stick);
  g_autofree char *other = new_stick ("SANDISK");
  g_autofree char *other_folder = tx_drive_offer_folder (other);
  g_autofree char *unplugged = g_strconcat (other, ".unplugged", NULL);
  g_autofree char *second = NULL;
  g_autofree char *backup_label = g_strdup_printf (_("_Back Up to %s"), "KINGSTON");
  g_autofree char *use_label = g_strdup_printf (_("_Use %s as the Second Place"), "KINGSTON");
  g_autofree char *heading = g_strdup_printf (_("%s Plugged In"), "KINGSTON");
  g_autoptr(GPtrArray) on_stick = NULL;
  g_autoptr(GPtrArray) on_other = NULL;
  g_autoptr(GPtrArray) beside = NULL;
  AdwMessageDialog *dialog;
  TxPreferencesWindow *prefs;
  TxBackupsPage *page;
  GtkWidget *second_row;

  g_assert_nonnull (offer);

  /* the offer: its words and its three answers */
  dialog = tx_drive_offer_mounted (offer, "KINGSTON", stick);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "backup"), ==, backup_label);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "second"), ==, use_label);
  g_assert_true (adw_message_dialog_has_response (dialog, "cancel"));

  /* Back up to it, once: a checked backup in its folder, no second place */
  tx_gui_respond (dialog, "backup");
  g_assert_true (tx_gui_wait_for (offer_idle, offer, 60000));
  on_stick = backups_in (store, stick_folder);
  g_assert_cmpuint (on_stick->len, ==, 1);
  g_assert_true (((TxBackupInfo *) on_stick->pdata[0])->verified);
  g_assert_cmpint (((TxBackupInfo *) on_stick->pdata[0])->children_total, ==, 3);
  {
    TxChildQuery roster = { 0 };
    g_assert_cmpint (((TxBackupInfo *) on_stick->pdata[0])->children, ==,
                     tx_store_child_count (store, &roster, NULL));
  }
  tx_store_poll_changes (store);
  second = tx_backup_get_second_place (store);
  g_assert_null (second);

  /* the same stick again in this session: not offered */
  g_assert_null (tx_drive_offer_mounted (offer, "KINGSTON", stick));

  /* another one, made the second place: set, and backed up to */
  dialog = tx_drive_offer_mounted (offer, "SANDISK", other);
  g_assert_nonnull (dialog);
  tx_gui_respond (dialog, "second");
  g_assert_true (tx_gui_wait_for (offer_idle, offer, 60000));
  tx_store_poll_changes (store);
  second = tx_backup_get_second_place (store);
  g_assert_cmpstr (second, ==, other_folder);
  on_other = backups_in (store, other_folder);
  g_assert_cmpuint (on_other->len, ==, 1);
  g_assert_true (((TxBackupInfo *) on_other->pdata[0])->verified);

  /* a stick that holds the second place is not offered: its backups come
   * by themselves */
  {
    g_autofree char *third = new_stick ("TOSHIBA");
    g_autofree char *third_folder = tx_drive_offer_folder (third);
    g_autoptr(GError) error = NULL;
    g_autoptr(TxStore) own = tx_test_open (tx_store_get_path (store), &error);

    g_assert_no_error (error);
    g_assert_true (tx_backup_set_second_place (own, third_folder, &error));
    tx_store_poll_changes (store);
    g_assert_null (tx_drive_offer_mounted (offer, "TOSHIBA", third));
    g_assert_true (tx_backup_set_second_place (own, other_folder, &error));
    tx_store_poll_changes (store);
  }

  /* unplugged: the page says so; Back Up Now makes the backup beside the
   * store and leaves the stick out without failing */
  g_assert_cmpint (g_rename (other, unplugged), ==, 0);
  page = open_backups_page (window, &prefs);
  second_row = tx_backups_page_get_widget (page, "second_row");
  {
    g_autofree char *text = g_strdup_printf (_("%s — not connected: plug the drive in, and backups go there "
                                               "again"), other_folder);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (second_row)), ==, text);
  }
  g_signal_emit_by_name (tx_backups_page_get_widget (page, "backup_button"), "clicked");
  g_assert_true (tx_gui_wait_for (page_idle, page, 60000));
  beside = backups_of (store);
  g_assert_cmpuint (beside->len, ==, 1);
  g_assert_false (gtk_widget_get_visible (tx_backups_page_get_widget (page, "failed_row")));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (window));
  tx_gui_wait (50);
}

int
main (int argc, char *argv[])
{
  tx_gui_test_init (&argc, &argv);
  /* the other widget tests turn them off */
  g_setenv ("TONGXING_AUTO_BACKUP", "1", TRUE);
  g_test_add_func ("/gui/backups/page", test_page);
  g_test_add_func ("/gui/backups/status-line", test_status_line);
  g_test_add_func ("/gui/backups/automatic", test_automatic);
  g_test_add_func ("/gui/backups/restore", test_restore);
  g_test_add_func ("/gui/backups/drive-offer", test_drive_offer);
  g_test_add_func ("/gui/backups/reading", test_reading);
  g_test_add_func ("/gui/backups/preview-search", test_preview_search);
  g_test_add_func ("/gui/backups/director", test_director);
  g_test_add_func ("/gui/backups/keyboard", test_keyboard);
  return g_test_run ();
}
