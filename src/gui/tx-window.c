/* tx-window.c — the main window: login, setup, roster, registration form
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tx-aged-out-dialog.h"
#include "tx-audit-view.h"
#include "tx-gui-util.h"
#include "tx-calendar-view.h"
#include "tx-drive-offer.h"
#include "tx-import-dialog.h"
#include "tx-backup-bar.h"
#include "tx-lock-view.h"
#include "tx-login-view.h"
#include "tx-lists-view.h"
#include "tx-preferences-window.h"
#include "tx-reports-view.h"
#include "tx-sync-view.h"
#include "tx-form-view.h"
#include "tx-roster-view.h"
#include "tx-setup-view.h"
#include "tx-window-fields.h"
#include "tx-window-newpc.h"

/* the window's fields are in tx-window-fields.h, shared with tx-window-*.c */

G_DEFINE_FINAL_TYPE (TxWindow, tx_window, ADW_TYPE_APPLICATION_WINDOW)

static void
toast (TxWindow   *self,
       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void update_login_actions (TxWindow *self);
static void start_login (TxWindow *self, const char *path);

static void
update_header (TxWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  /* locked: nothing of the form's child, not even its name in the title */
  gboolean locked = tx_lock_view_is_locked (self->lock_view);
  gboolean form = !locked && g_strcmp0 (page, "form") == 0;
  gboolean ready = !locked && (g_strcmp0 (page, "form") == 0 || g_strcmp0 (page, "roster") == 0);

  gtk_widget_set_visible (self->back_button, form);
  gtk_widget_set_visible (self->history_button, form && tx_form_view_get_id (self->form_view) != NULL);
  gtk_widget_set_visible (self->visits_button, form && tx_form_view_get_id (self->form_view) != NULL);
  gtk_widget_set_visible (self->new_button, ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-child", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", form);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.preferences", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-ledger",
                                 ready && self->store && tx_store_can (self->store, TX_PERMISSION_IMPORT));

  gtk_stack_set_visible_child (self->title_stack, ready && !form ? GTK_WIDGET (self->switcher_title)
                                                                 : GTK_WIDGET (self->window_title));
  if (form)
    {
      g_autofree char *title = tx_form_view_dup_title (self->form_view);
      g_autofree char *full = g_strconcat (title, tx_form_view_is_dirty (self->form_view) ? " •" : "", NULL);
      adw_window_title_set_title (self->window_title, full);
      adw_window_title_set_subtitle (self->window_title, _("Registration form"));
    }
  else if (!ready)
    {
      /* the first-run setup or a store that cannot be opened: no children yet */
      adw_window_title_set_title (self->window_title, _("Tongxing"));
      adw_window_title_set_subtitle (self->window_title, "");
    }
  else
    {
      g_autofree char *station = self->store ? tx_store_get_setting (self->store, TX_SETTING_STATION_NAME) : NULL;
      adw_window_title_set_title (self->window_title, _("Children"));
      adw_window_title_set_subtitle (self->window_title, station ? station : "");
      adw_view_switcher_title_set_subtitle (self->switcher_title, station ? station : "");
    }
  update_login_actions (self);
}

static void
show_page (TxWindow   *self,
           const char *name)
{
  /* the form left: what it registers is no longer a finding's entry */
  if (!g_str_equal (name, "form"))
    self->registering = 0;
  gtk_stack_set_visible_child_name (self->stack, name);
  update_header (self);
}

void
tx_window_show_page (TxWindow   *self,
                     const char *name)
{
  show_page (self, name);
}

/* The unsaved-changes guard: every way out of a changed form comes here */

typedef void (*AfterFunc) (TxWindow *self, const char *arg);

static void
run_after (TxWindow *self)
{
  AfterFunc func = (AfterFunc) self->after_save;
  g_autofree char *arg = g_steal_pointer (&self->after_save_arg);

  self->after_save = NULL;
  if (func)
    func (self, arg);
}

static void
run_after_idle_cb (gpointer data)
{
  g_autoptr(TxWindow) self = data;

  run_after (self);
}

static void
guard_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TxWindow         *self)
{
  if (g_str_equal (response, "discard"))
    {
      tx_form_view_discard (self->form_view);
      /* after the dialog has gone: closing the window from inside its
       * response left the dialog with a parent already destroyed */
      g_idle_add_once (run_after_idle_cb, g_object_ref (self));
    }
  else if (g_str_equal (response, "save"))
    tx_form_view_save (self->form_view, FALSE);  /* form_saved_cb runs the rest */
  else
    {
      self->after_save = NULL;
      g_clear_pointer (&self->after_save_arg, g_free);
    }
}

static void
guarded (TxWindow   *self,
         AfterFunc   func,
         const char *arg)
{
  GtkWidget *dialog;
  g_autofree char *title = NULL;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") != 0 ||
      !tx_form_view_is_dirty (self->form_view))
    {
      func (self, arg);
      return;
    }
  self->after_save = (GCallback) func;
  g_free (self->after_save_arg);
  self->after_save_arg = g_strdup (arg);

  title = tx_form_view_dup_title (self->form_view);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), NULL);
  if (tx_form_view_get_id (self->form_view) == NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("This new registration form has not been saved. If you do not save "
                                   "it, what was typed is lost."));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The form of %s has changes that are not saved. If you do not "
                                      "save them, they are lost."), title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (guard_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
go_roster (TxWindow   *self,
           const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "children");
  tx_roster_view_focus_search (self->roster_view);
}

static void
go_calendar (TxWindow   *self,
             const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "calendar");
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar_view));
}

static void
go_reports (TxWindow   *self,
            const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "reports");
  gtk_widget_grab_focus (GTK_WIDGET (self->reports_view));
}

static void
go_lists (TxWindow   *self,
          const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "lists");
  gtk_widget_grab_focus (GTK_WIDGET (self->lists_view));
}

static void
go_sync (TxWindow   *self,
         const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "sync");
  gtk_widget_grab_focus (GTK_WIDGET (self->sync_view));
}

static void
go_audit (TxWindow   *self,
          const char *arg)
{
  show_page (self, "roster");
  adw_view_stack_set_visible_child_name (self->views, "audit");
  gtk_widget_grab_focus (GTK_WIDGET (self->audit_view));
}

/* What the person logged in may not do is not offered: a child director
 * has no Reports, Lists, Sync or Audit (the roster, the form and the
 * preferences hide their own) */
static void
offer_by_role (TxWindow *self)
{
  const struct { TxPermission permission; const char *action; AdwViewStackPage *page; } pages[] = {
    { TX_PERMISSION_EXPORT, "win.reports", self->reports_page },
    { TX_PERMISSION_IMPORT, "win.lists", self->lists_page },
    { TX_PERMISSION_SYNC, "win.sync", self->sync_page },
    { TX_PERMISSION_AUDIT, "win.audit", self->audit_page },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      gboolean can = tx_store_can (self->store, pages[i].permission);

      adw_view_stack_page_set_visible (pages[i].page, can);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), pages[i].action, can);
    }
}

/* The children who aged out, as "Show in Roster" promises */
static void
go_aged_out (TxWindow   *self,
             const char *arg)
{
  go_roster (self, NULL);
  tx_roster_view_show_register (self->roster_view, TX_ROSTER_REGISTER_LEFT, TX_EXIT_AGED_OUT, NULL);
}

/* The children who age out this month (the calendar's entry), of the
 * village @division if one was chosen */
static void
go_ageing_out (TxWindow   *self,
               const char *division)
{
  go_roster (self, NULL);
  tx_roster_view_show_register (self->roster_view, TX_ROSTER_REGISTER_AGES_OUT, NULL, division);
}

static void
go_child (TxWindow   *self,
          const char *id)
{
  g_autoptr(GError) error = NULL;

  self->registering = 0;
  if (!tx_form_view_load (self->form_view, id, &error))
    {
      toast (self, tx_gui_error_text (error));
      return;
    }
  show_page (self, "form");
  tx_form_view_focus_first (self->form_view);
}

static void
go_close (TxWindow   *self,
          const char *arg)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Callbacks */

static void
child_activated_cb (TxWindow   *self,
                    const char *id)
{
  guarded (self, go_child, id);
}

/* The views hear of what a save, a visit, a deletion or an import changed
 * from the store's monitor; the window only says where to go next */
static void
form_saved_cb (TxWindow   *self,
               const char *id)
{
  if (self->registering)
    {
      tx_lists_view_entry_registered (self->lists_view, self->registering, id);
      self->registering = 0;
    }
  tx_roster_view_select_after_refresh (self->roster_view, id);
  update_header (self);
  run_after (self);
}

/* A list's entry not registered: the form, prefilled from the entry */
static void
go_register (TxWindow   *self,
             const char *arg)
{
  TxRecord *record = g_object_get_data (G_OBJECT (self), "register-record");
  gint64 *item = g_object_get_data (G_OBJECT (self), "register-item");

  if (record == NULL)
    return;
  self->registering = 0;
  tx_form_view_load_record (self->form_view, record, TRUE);
  show_page (self, "form");
  self->registering = item ? *item : 0;
  tx_form_view_focus_first (self->form_view);
  g_object_set_data (G_OBJECT (self), "register-record", NULL);
}

static void
register_entry_cb (TxWindow       *self,
                   gint64          item,
                   const TxRecord *record)
{
  g_object_set_data_full (G_OBJECT (self), "register-record", tx_record_copy (record),
                          (GDestroyNotify) tx_record_free);
  g_object_set_data_full (G_OBJECT (self), "register-item", g_memdup2 (&item, sizeof item), g_free);
  guarded (self, go_register, NULL);
}

/* A comparison task of the calendar's side list: a registered child's
 * form, or the finding of an entry in the Lists view */
static void
compare_task_activated_cb (TxWindow            *self,
                           const TxCompareItem *item)
{
  if (item->child_id && item->kind != TX_COMPARE_NOT_REGISTERED && item->kind != TX_COMPARE_POSSIBLE)
    {
      guarded (self, go_child, item->child_id);
      return;
    }
  tx_lists_view_show_item (self->lists_view, item->round, item->id, item->kind);
  guarded (self, go_lists, NULL);
}

/* The calendar's entry of the children who age out this month */
static void
ageing_out_activated_cb (TxWindow   *self,
                         const char *division)
{
  guarded (self, go_ageing_out, division);
}

static void
visit_recorded_cb (TxWindow   *self,
                   const char *id)
{
  toast (self, _("Visit recorded"));
}

static void
form_dirty_cb (TxWindow *self)
{
  update_header (self);
}

static void
toast_cb (TxWindow   *self,
          const char *text)
{
  toast (self, text);
}

static void
delete_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tx_store_service_delete_child_finish (TX_STORE_SERVICE (source), result, &error))
    {
      toast (self, tx_gui_error_text (error));
      return;
    }
  toast (self, _("Deleted"));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TxWindow         *self)
{
  if (g_str_equal (response, "delete"))
    tx_store_service_delete_child_async (self->service, g_object_get_data (G_OBJECT (dialog), "id"),
                                         NULL, delete_done_cb, g_object_ref (self));
}

static void
delete_requested_cb (TxWindow   *self,
                     const char *id,
                     const char *name)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Child?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The registration of %s and its history are erased. Other "
                                    "workstations learn of the deletion when they next receive "
                                    "data from this one."), name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Ageing out: the children past the age limit leave the register when
 * the window starts and each midnight while it stays open; those who left
 * since the window last told are listed once */

static void
aged_out_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      TxWindow         *self)
{
  if (g_str_equal (response, "show"))
    guarded (self, go_aged_out, NULL);
}

/* Lists the children who left the register by age, if any */
static void
tell_aged_out (TxWindow  *self,
               GPtrArray *rows)
{
  GtkWidget *dialog;

  if (rows->len == 0)
    return;
  dialog = tx_aged_out_dialog_new (GTK_WINDOW (self), rows);
  g_signal_connect_object (dialog, "response", G_CALLBACK (aged_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ageing_out_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(TxWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = tx_store_service_ageing_out_finish (TX_STORE_SERVICE (source), result, &error);

  if (tx_gui_is_cancelled (error))
    return;
  g_clear_object (&self->ageing_cancellable);
  if (rows == NULL)
    {
      toast (self, tx_gui_error_text (error));
      return;
    }
  tell_aged_out (self, rows);
}

static void
age_out (TxWindow *self)
{
  tx_store_service_ageing_out_async (self->service, tx_gui_renew_cancellable (&self->ageing_cancellable),
                                     ageing_out_done_cb, g_object_ref (self));
}

static gboolean
ageing_midnight_cb (gpointer data)
{
  TxWindow *self = data;

  self->ageing_midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), ageing_midnight_cb, self);
  if (self->service && self->store && tx_store_is_set_up (self->store))
    age_out (self);
  return G_SOURCE_REMOVE;
}

static void
connect_views (TxWindow *self)
{
  tx_setup_view_set_service (self->setup_view, self->service);
  if (!tx_store_is_set_up (self->store))
    {
      show_page (self, "setup");
      return;
    }
  tx_roster_view_set_store (self->roster_view, self->store, self->service);
  tx_form_view_set_store (self->form_view, self->store, self->service);
  tx_calendar_view_set_store (self->calendar_view, self->store, self->service);
  /* the views a person's role does not offer are not given the store:
   * they would read (and be refused) what their page is not there for
   * (seen in the new-user walk: a director told they may not exchange
   * data each time the store changed) */
  if (tx_store_can (self->store, TX_PERMISSION_EXPORT))
    tx_reports_view_set_store (self->reports_view, self->store, self->reports_service);
  if (tx_store_can (self->store, TX_PERMISSION_SYNC))
    tx_sync_view_set_store (self->sync_view, self->store, self->service);
  if (tx_store_can (self->store, TX_PERMISSION_IMPORT))
    tx_lists_view_set_store (self->lists_view, self->store, self->service);
  if (tx_store_can (self->store, TX_PERMISSION_AUDIT))
    tx_audit_view_set_store (self->audit_view, self->store, self->service);
  offer_by_role (self);
  show_page (self, "roster");
  tx_roster_view_focus_search (self->roster_view);
  tx_window_offer_autosaved (self);
  age_out (self);
}

static void
setup_done_cb (TxWindow *self)
{
  g_autofree char *key = tx_setup_view_take_recovery_key (self->setup_view);

  /* the first run's account: its recovery key, once, before the roster */
  if (key)
    {
      tx_login_view_show_recovery_key (self->login_view, key, FALSE);
      show_page (self, "login");
      explicit_bzero (key, strlen (key));
      return;
    }
  tx_login_view_remember_station (self->store);
  connect_views (self);
  toast (self, _("This workstation is set up. Press Ctrl+N to register a child."));
}

/* The setup's demo: open, or its people log in (tx-setup-view.c made it) */
static void
demo_ready_cb (TxWindow   *self,
               const char *path)
{
  g_autofree char *text = g_strdup_printf (_("The demo's supervisor %s logs in with the password %s."),
                                           TX_DEMO_SUPERVISOR, TX_DEMO_PASSWORD);

  if (tx_window_open_database (self, path))
    toast (self, _("This is a demo database of made-up children."));
  else
    tx_login_view_select (self->login_view, TX_DEMO_SUPERVISOR);
  toast (self, text);
}

/* Login, lock and log out: the login view before a store opens, the lock
 * view (which hides the rest) when nobody works in the window */

/* The audit trail's checkpoint, signed by the station, at a lock, a log
 * out and the window's end: on the store's thread (the window's own
 * connection only reads), which runs it before the service is let go */
static gpointer
checkpoint_job (TxStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  return tx_station_audit_checkpoint (store, error) ? TX_STORE_JOB_DONE : NULL;
}

static void
audit_checkpoint (TxWindow *self)
{
  if (self->service)
    tx_store_service_run_async (self->service, checkpoint_job, NULL, NULL, NULL, NULL, NULL, NULL);
}

static void
update_login_actions (TxWindow *self)
{
  gboolean open = self->store != NULL && !tx_lock_view_is_locked (self->lock_view);
  const char *actions[] = { "win.lock", "win.log-out", "win.account", "win.children", "win.calendar",
                            "win.reports", "win.lists", "win.sync", "win.history", "win.visits" };
  TxSession *session = self->store ? tx_store_get_session (self->store) : NULL;
  g_autofree char *label = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], open);
  /* and of those, what the person's role offers */
  if (open)
    offer_by_role (self);
  /* "Logged in as 李春梅 · 儿童督导员", the main menu's first line */
  g_menu_remove_all (self->account_section);
  if (session == NULL)
    return;
  label = g_strdup_printf (_("Logged in as %s · %s"), tx_session_get_name (session),
                           tx_role_label (tx_session_get_role (session)));
  g_menu_append (self->account_section, label, "win.account");
}

/* What the store at @path needs before it opens: a login, its protection,
 * or (a first run) the setup with the supervisor's account */
static void
start_login (TxWindow   *self,
             const char *path)
{
  if (tx_login_view_start (self->login_view, path) == TX_LOGIN_FIRST_RUN)
    {
      tx_setup_view_set_path (self->setup_view, path);
      show_page (self, "setup");
      return;
    }
  show_page (self, "login");
}

void
tx_window_start_login_at (TxWindow   *self,
                          const char *path)
{
  start_login (self, path);
}

/* A login, or the first run's account made: the store opens (for the
 * setup to go on, in the second case) */
static void
logged_in_cb (TxWindow *self)
{
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  tx_window_open_database (self, self->path);
}

/* The first run's recovery key kept: the window is ready */
static void
key_kept_cb (TxWindow *self)
{
  gtk_window_set_default_widget (GTK_WINDOW (self), NULL);
  setup_done_cb (self);
}

/* Locked or unlocked: the header shows nothing of a child while locked */
static void
lock_changed_cb (TxWindow *self)
{
  if (tx_lock_view_is_locked (self->lock_view))
    audit_checkpoint (self);
  update_header (self);
}

/* Logging out: the store closes with this window, and a new one asks who
 * logs in (the form's typing is kept by its autosave) */
static void
go_log_out (TxWindow   *self,
            const char *arg)
{
  TxSession *session = self->store ? tx_store_get_session (self->store) : NULL;
  TxWindow *next;

  audit_checkpoint (self);
  if (session)
    tx_session_end (session);
  next = tx_window_new (gtk_window_get_application (GTK_WINDOW (self)), self->path);
  gtk_window_present (GTK_WINDOW (next));
  go_close (self, NULL);
}

static void
switch_user_cb (TxWindow *self)
{
  go_log_out (self, NULL);
}

static void
lock_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  tx_lock_view_lock (TX_WINDOW (widget)->lock_view);
}

static void
log_out_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_log_out, NULL);
}

/* Actions */

static void
new_child_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_child, NULL);
}

static void
reports_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_reports, NULL);
}

static void
lists_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_lists, NULL);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_sync, NULL);
}

static void
audit_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_audit, NULL);
}

static void
calendar_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_calendar, NULL);
}

/* win.back and win.search: both lead to the roster's search field */
static void
roster_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  guarded (TX_WINDOW (widget), go_roster, NULL);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (TX_WINDOW (widget)->form_view), "form.history", NULL);
}

static void
show_aged_out_cb (TxWindow *self)
{
  guarded (self, go_aged_out, NULL);
}

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  TxWindow *self = TX_WINDOW (widget);
  TxPreferencesWindow *prefs;

  if (self->store == NULL || self->service == NULL)
    return;
  prefs = tx_preferences_window_new (GTK_WINDOW (self), self->store, self->service);
  /* new age limits took children off, and Show in Roster was chosen */
  g_signal_connect_object (prefs, "show-aged-out", G_CALLBACK (show_aged_out_cb), self, G_CONNECT_SWAPPED);
  /* the menu's "Logged in as …": the people; the backups' status line */
  if (g_strcmp0 (action_name, "win.account") == 0)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "accounts");
  if (g_strcmp0 (action_name, "win.backups") == 0)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "backups");
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
restore_backup_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  tx_window_restore_backup (TX_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* A ledger brought in: the dialog works through the service, and the
 * roster follows the store's changes by itself */
static void
import_ledger_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  TxWindow *self = TX_WINDOW (widget);
  TxImportDialog *dialog;

  if (self->service == NULL)
    return;
  dialog = tx_import_dialog_new (GTK_WINDOW (self), self->service);
  gtk_window_present (GTK_WINDOW (dialog));
  tx_import_dialog_choose (dialog);
}

static void
visits_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_widget_activate_action (GTK_WIDGET (TX_WINDOW (widget)->form_view), "form.visits", NULL);
}

static gboolean
tx_window_close_request (GtkWindow *window)
{
  TxWindow *self = TX_WINDOW (window);

  if (!self->closing && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "form") == 0 &&
      tx_form_view_is_dirty (self->form_view))
    {
      guarded (self, go_close, NULL);
      return TRUE;
    }
  /* a backup first, when anything changed since the newest */
  if (tx_backup_bar_close_request (self->backup_bar, window))
    return TRUE;
  audit_checkpoint (self);
  if (self->settings)
    {
      int width, height;
      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (tx_window_parent_class)->close_request (window);
}

static void
tx_window_dispose (GObject *object)
{
  TxWindow *self = TX_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_WINDOW);
  g_clear_handle_id (&self->ageing_midnight_id, g_source_remove);
  g_cancellable_cancel (self->ageing_cancellable);
  g_clear_object (&self->ageing_cancellable);
  /* the service finishes queued saves before it goes */
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->service);
  g_clear_object (&self->reports_service);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->after_save_arg, g_free);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->notice, g_free);

  G_OBJECT_CLASS (tx_window_parent_class)->dispose (object);
}

static void
tx_window_class_init (TxWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = tx_window_dispose;
  window_class->close_request = tx_window_close_request;

  g_type_ensure (TX_TYPE_SETUP_VIEW);
  g_type_ensure (TX_TYPE_ROSTER_VIEW);
  g_type_ensure (TX_TYPE_FORM_VIEW);
  g_type_ensure (TX_TYPE_CALENDAR_VIEW);
  g_type_ensure (TX_TYPE_REPORTS_VIEW);
  g_type_ensure (TX_TYPE_SYNC_VIEW);
  g_type_ensure (TX_TYPE_LISTS_VIEW);
  g_type_ensure (TX_TYPE_LOGIN_VIEW);
  g_type_ensure (TX_TYPE_LOCK_VIEW);
  g_type_ensure (TX_TYPE_BACKUP_BAR);

  g_type_ensure (TX_TYPE_AUDIT_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-window.ui");
  gtk_widget_class_bind_template_child (widget_class, TxWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, history_button);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, visits_button);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, views);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, calendar_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, reports_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, sync_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, lists_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, audit_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, lists_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, sync_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, audit_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, setup_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, roster_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, form_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, login_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, lock_view);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, backup_bar);
  gtk_widget_class_bind_template_child (widget_class, TxWindow, account_section);
  gtk_widget_class_bind_template_callback (widget_class, logged_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, key_kept_cb);
  gtk_widget_class_bind_template_callback (widget_class, lock_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, demo_ready_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "backup_restored_cb",
                                                G_CALLBACK (tx_window_backup_restored));
  gtk_widget_class_bind_template_callback (widget_class, switch_user_cb);
  gtk_widget_class_bind_template_callback (widget_class, setup_done_cb);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_requested_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, visit_recorded_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_dirty_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_entry_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_task_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, ageing_out_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.new-child", NULL, new_child_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, roster_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, roster_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.visits", NULL, visits_action);
  gtk_widget_class_install_action (widget_class, "win.children", NULL, roster_action);
  gtk_widget_class_install_action (widget_class, "win.calendar", NULL, calendar_action);
  gtk_widget_class_install_action (widget_class, "win.reports", NULL, reports_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "win.reports", NULL);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "win.sync", NULL);
  gtk_widget_class_install_action (widget_class, "win.lists", NULL, lists_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK, "win.lists", NULL);
  gtk_widget_class_install_action (widget_class, "win.audit", NULL, audit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK, "win.audit", NULL);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.account", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.backups", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.restore-backup", "s", restore_backup_action);
  gtk_widget_class_install_action (widget_class, "win.lock", NULL, lock_action);
  gtk_widget_class_install_action (widget_class, "win.log-out", NULL, log_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_comma, GDK_CONTROL_MASK, "win.preferences", NULL);
  /* Ctrl+I in the roster (tx-roster-view.c); in Sync it imports a bundle */
  gtk_widget_class_install_action (widget_class, "win.import-ledger", NULL, import_ledger_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "win.children", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "win.calendar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-child", NULL);
  /* anywhere in the window, as the menu shows it; the Sync view's own
   * Ctrl+I (a bundle) comes first there */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import-ledger", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
}

static void
tx_window_init (TxWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* an uninstalled build may run without the compiled schema: then the
   * window just does not remember its size */
  if (schema)
    {
      self->settings = g_settings_new (APP_ID);
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  tx_lock_view_watch (self->lock_view, GTK_WINDOW (self), GTK_WIDGET (self->stack), self->settings);
  self->ageing_midnight_id = g_timeout_add_seconds (tx_gui_seconds_to_midnight (), ageing_midnight_cb, self);
  tx_drive_offer_watch (GTK_WINDOW (self));
  update_header (self);
}

/**
 * tx_window_open_database:
 * @path: the database file; created if missing
 *
 * Returns: whether it opened; if not, the window says why, or asks for a
 *   login (no one is logged in to it in this process), or for the
 *   first run's setup
 */
/* tongxing-cli or a backup may change the file while the window is open */
static gboolean
poll_cb (gpointer data)
{
  TxWindow *self = data;

  tx_store_poll_changes (self->store);
  return G_SOURCE_CONTINUE;
}

static void
settings_changed_cb (TxWindow *self)
{
  /* the station's name in the header */
  update_header (self);
}

gboolean
tx_window_open_database (TxWindow   *self,
                         const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStore) store = NULL;
  g_autoptr(TxStoreService) service = NULL;
  g_autoptr(TxStoreService) reports_service = NULL;

  if (self->path != path)
    {
      g_free (self->path);
      self->path = g_strdup (path);
    }
  /* a damaged store is set aside and a backup offered (tx-window-damage.c) */
  if (tx_window_refuse_backup (self, path) || tx_window_check_damage (self, path, NULL))
    return FALSE;
  if (tx_session_lookup (path) == NULL)
    {
      start_login (self, path);
      return FALSE;
    }
  store = tx_store_open (path, &error);
  if (store == NULL && g_error_matches (error, TX_STORE_ERROR, TX_STORE_ERROR_CORRUPT) &&
      tx_window_check_damage (self, path, error))
    return FALSE;
  service = store ? tx_store_service_new (path, &error) : NULL;
  reports_service = service ? tx_store_service_new (path, &error) : NULL;


  /* the window's own connection only reads, so that no frame waits for a
   * writer's lock: every write goes through a service's thread */
  if (reports_service && !tx_store_set_read_only (store, TRUE, &error))
    g_clear_object (&reports_service);
  if (reports_service == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      show_page (self, "error");
      return FALSE;
    }
  g_clear_handle_id (&self->poll_id, g_source_remove);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_set_object (&self->reports_service, reports_service);
  g_signal_connect_object (tx_store_get_monitor (store), "settings-changed",
                           G_CALLBACK (settings_changed_cb), self, G_CONNECT_SWAPPED);
  /* this program's commits are not other programs' changes */
  g_signal_connect_object (tx_store_get_monitor (store), "committed",
                           G_CALLBACK (tx_store_rebase_changes), store, G_CONNECT_SWAPPED);
  tx_store_poll_changes (store);
  self->poll_id = g_timeout_add_seconds (2, poll_cb, self);
  tx_login_view_remember_station (store);
  tx_lock_view_set_session (self->lock_view, tx_store_get_session (store));
  tx_backup_bar_set_store (self->backup_bar, store);
  connect_views (self);
  if (self->notice)
    {
      toast (self, self->notice);
      tx_login_view_set_notice (self->login_view, NULL);
      g_clear_pointer (&self->notice, g_free);
    }
  return TRUE;
}

TxWindow *
tx_window_new (GtkApplication *application,
               const char     *db_path)
{
  TxWindow *self = g_object_new (TX_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *path = db_path ? g_strdup (db_path) : tx_store_default_path ();

  tx_window_open_database (self, path);
  return self;
}

const char *
tx_window_get_page (TxWindow *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

TxRosterView *
tx_window_get_roster_view (TxWindow *self)
{
  return self->roster_view;
}

TxReportsView *
tx_window_get_reports_view (TxWindow *self)
{
  return self->reports_view;
}

TxListsView *
tx_window_get_lists_view (TxWindow *self)
{
  return self->lists_view;
}

TxSyncView *
tx_window_get_sync_view (TxWindow *self)
{
  return self->sync_view;
}

TxAuditView *
tx_window_get_audit_view (TxWindow *self)
{
  return self->audit_view;
}

TxCalendarView *
tx_window_get_calendar_view (TxWindow *self)
{
  return self->calendar_view;
}

TxFormView *
tx_window_get_form_view (TxWindow *self)
{
  return self->form_view;
}

TxStore *
tx_window_get_store (TxWindow *self)
{
  return self->store;
}

TxStoreService *
tx_window_get_service (TxWindow *self)
{
  return self->service;
}

GtkWidget *
tx_window_get_setup_view (TxWindow *self)
{
  return GTK_WIDGET (self->setup_view);
}

gboolean
tx_window_is_ageing_out (TxWindow *self)
{
  return self->ageing_cancellable != NULL;
}
