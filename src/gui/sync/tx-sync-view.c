/* tx-sync-view.c — this station, the stations it trusts, bundles in and out,
 * and what imports leave for a person
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything that reads or writes the store runs on the store service's
 * thread; bundles in and out show a progress bar and can be cancelled
 * without effect.
 */

#define G_LOG_DOMAIN "tx-sync-view"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tx-conflict-row.h"
#include "tx-duplicate-row.h"
#include "tx-gui-util.h"
#include "tx-station-row.h"
#include "tx-sync-view.h"
#include "tx-transfers-group.h"

struct _TxSyncView
{
  AdwBin          parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *guide_group;
  GtkLabel       *guide_label;
  AdwActionRow   *self_row;
  AdwActionRow   *fingerprint_row;
  GtkLabel       *identity_result;
  GtkListBox     *stations_list;
  GtkBox         *send_progress_box;
  GtkProgressBar *send_progress_bar;
  GtkLabel       *partners_result;
  GtkBox         *progress_box;
  GtkProgressBar *progress_bar;
  GtkLabel       *result_label;
  AdwActionRow   *station_id_row;
  AdwActionRow   *key_id_row;
  AdwPreferencesGroup *conflicts_group;
  GtkListBox     *conflicts_list;
  AdwPreferencesGroup *duplicates_group;
  GtkListBox     *duplicates_list;
  TxTransfersGroup *transfers_group;

  /* Owned */
  TxStore        *store;
  TxStoreService *service;
  GCancellable   *load_cancellable;  /* the latest reading of the view */
  GCancellable   *cancellable;   /* the bundle in progress */
  gboolean        importing;     /* the bundle in progress is an import */
  TxStation      *self_station;
  GtkProgressBar *active_bar;    /* of the bundle in progress */
  guint           pulse_id;
  guint           busy;
  int             progress;      /* of an import, in thousandths, set on the store's thread */
};

G_DEFINE_FINAL_TYPE (TxSyncView, tx_sync_view, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TxSyncView *self,
       const char *message)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

/* The folder a bundle most likely goes to or comes from: a USB stick */
static GFile *
removable_folder (void)
{
  const char *user = g_get_user_name ();
  g_autofree char *media_user = g_build_filename ("/media", user, NULL);
  g_autofree char *run_media = g_build_filename ("/run/media", user, NULL);
  const char *bases[] = { run_media, media_user, "/media" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_autoptr(GDir) dir = g_dir_open (bases[i], 0, NULL);
      const char *name;

      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (bases[i], name, NULL);
          if (g_file_test (path, G_FILE_TEST_IS_DIR) && g_access (path, W_OK) == 0)
            return g_file_new_for_path (path);
        }
    }
  return NULL;
}

static void export_for (TxSyncView *self, const char *station_id, const char *station_name);
static void revoke_station (TxSyncView *self, const char *station_id);
static void resolve_conflict (TxSyncView *self, gint64 id, gboolean keep_mine);
static void resolve_duplicate (TxSyncView *self, gint64 id, const char *keep);

static void
station_send_cb (TxStationRow *row,
                 TxSyncView   *self)
{
  export_for (self, tx_station_row_get_station_id (row), tx_station_row_get_name (row));
}

/* Who asked to stop exchanging files, with which station */
typedef struct {
  TxSyncView *self;
  char       *station_id;
} RevokeAsk;

static void
revoke_ask_free (gpointer  data,
                 GClosure *closure)
{
  RevokeAsk *ask = data;

  g_object_unref (ask->self);
  g_free (ask->station_id);
  g_free (ask);
}

static void
revoke_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    RevokeAsk        *ask)
{
  if (g_str_equal (response, "revoke"))
    revoke_station (ask->self, ask->station_id);
}

/* Stopping is undone only with the other station's file and its check
 * code read over the phone again: asked first (seen in the new-user walk,
 * one click beside Send… did it) */
static void
station_revoke_cb (TxStationRow *row,
                   TxSyncView   *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *name = tx_station_row_get_name (row);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Stop Exchanging Files?"), NULL);
  RevokeAsk *ask = g_new0 (RevokeAsk, 1);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("Exchange files from %s are refused from now on, and none are made "
                                    "for it. To exchange files again, %s's station file and its check "
                                    "code are needed again."), name, name);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "revoke", _("_Stop Exchanging"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "revoke", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  ask->self = g_object_ref (self);
  ask->station_id = g_strdup (tx_station_row_get_station_id (row));
  g_signal_connect_data (dialog, "response", G_CALLBACK (revoke_response_cb), ask, revoke_ask_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
conflict_resolve_cb (TxConflictRow *row,
                     gboolean       keep_mine,
                     TxSyncView    *self)
{
  resolve_conflict (self, tx_conflict_row_get_conflict_id (row), keep_mine);
}

static void
duplicate_keep_cb (TxDuplicateRow *row,
                   const char     *child_id,
                   TxSyncView     *self)
{
  resolve_duplicate (self, tx_duplicate_row_get_duplicate_id (row), child_id);
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

/* The first steps, until this workstation has a partner: a township's
 * with its county, a county's with its townships */
static char *
guide_text (const TxStation *me)
{
  const char *steps[3];

  if (me->township)
    {
      steps[0] = _("1. Tell the county who you are: save this workstation's station file to a USB stick "
                   "for the county civil-affairs office and read them the check code below by phone. "
                   "Then add the county's station file with “Add a Station…” and type the check code "
                   "they read to you.");
      steps[1] = _("2. Send your data to the county: press “Send…” beside the county and take the "
                   "exchange file to them on the USB stick.");
      steps[2] = _("3. Take the county's file: import the exchange file the county gives you with "
                   "“Import Exchange File…”.");
    }
  else
    {
      steps[0] = _("1. Get to know each township: give it this workstation's station file and read its "
                   "supervisor the check code below by phone. Then add the township's station file with "
                   "“Add a Station…” and type the check code its supervisor reads to you.");
      steps[1] = _("2. Take the townships' files: import each exchange file a township brings with "
                   "“Import Exchange File…”.");
      steps[2] = _("3. Send the data back: press “Send…” beside each township, so that it sees the "
                   "county's corrections.");
    }
  return g_strjoin ("\n", steps[0], steps[1], steps[2], NULL);
}

static void
show_loaded (TxSyncView     *self,
             TxSyncOverview *l)
{
  gboolean partner = FALSE;

  g_clear_pointer (&self->self_station, tx_station_free);
  self->self_station = g_steal_pointer (&l->self_station);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->self_row), self->self_station->name);
  adw_action_row_set_subtitle (self->self_row, self->self_station->unit);
  adw_action_row_set_subtitle (self->fingerprint_row, self->self_station->fingerprint);
  adw_action_row_set_subtitle (self->station_id_row, self->self_station->id);
  adw_action_row_set_subtitle (self->key_id_row, self->self_station->key_id);

  for (guint i = 0; i < l->stations->len; i++)
    partner |= ((TxStation *) l->stations->pdata[i])->revoked_at == NULL;
  if (!partner)
    {
      g_autofree char *guide = guide_text (self->self_station);
      gtk_label_set_text (self->guide_label, guide);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->guide_group), !partner);

  clear_list (self->stations_list);
  if (l->stations->len == 0)
    gtk_list_box_append (self->stations_list,
                         placeholder_row (_("No partner station yet: follow the first steps above.")));
  for (guint i = 0; i < l->stations->len; i++)
    {
      GtkWidget *row = tx_station_row_new (l->stations->pdata[i]);

      g_signal_connect (row, "send", G_CALLBACK (station_send_cb), self);
      g_signal_connect (row, "revoke", G_CALLBACK (station_revoke_cb), self);
      gtk_list_box_append (self->stations_list, row);
    }

  clear_list (self->conflicts_list);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), l->conflicts->len > 0);
  for (guint i = 0; i < l->conflicts->len; i++)
    {
      GtkWidget *row = tx_conflict_row_new (l->conflicts->pdata[i]);

      g_signal_connect (row, "resolve", G_CALLBACK (conflict_resolve_cb), self);
      gtk_list_box_append (self->conflicts_list, row);
    }

  clear_list (self->duplicates_list);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), l->duplicates->len > 0);
  for (guint i = 0; i < l->duplicates->len; i++)
    {
      GtkWidget *row = tx_duplicate_row_new (l->duplicates->pdata[i]);

      g_signal_connect (row, "keep", G_CALLBACK (duplicate_keep_cb), self);
      gtk_list_box_append (self->duplicates_list, row);
    }
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxSyncOverview) l = tx_sync_overview_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (l == NULL)
    {
      toast (self, tx_gui_error_text (error));
      return;
    }
  show_loaded (self, l);
}

/**
 * tx_sync_view_refresh:
 *
 * Reads the station, the trusted stations, the conflicts and the possible
 * duplicates again.
 */
void
tx_sync_view_refresh (TxSyncView *self)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_sync_overview_async (self->service, tx_gui_renew_cancellable (&self->load_cancellable), load_done_cb,
                          g_object_ref (self));
}

/* A small change, then everything read again */

static void
show_in (GtkLabel   *label,
         const char *text)
{
  gtk_label_set_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* Revoking, settling a conflict or a duplicate: only a failure is told */
static void
changed (TxSyncView   *self,
         gboolean      ok,
         const GError *error)
{
  self->busy--;
  if (!ok)
    toast (self, tx_gui_error_text (error));
  tx_sync_view_refresh (self);
}

static void
revoke_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;

  changed (self, tx_station_revoke_finish (TX_STORE_SERVICE (source), result, &error), error);
}

static void
conflict_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;

  changed (self, tx_conflict_resolve_finish (TX_STORE_SERVICE (source), result, &error), error);
}

static void
duplicate_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;

  changed (self, tx_duplicate_resolve_finish (TX_STORE_SERVICE (source), result, &error), error);
}

static void
revoke_station (TxSyncView *self,
                const char *station_id)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_station_revoke_async (self->service, station_id, NULL, revoke_done_cb, g_object_ref (self));
}

static void
resolve_conflict (TxSyncView *self,
                  gint64      id,
                  gboolean    keep_mine)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_conflict_resolve_async (self->service, id, keep_mine, NULL, conflict_done_cb, g_object_ref (self));
}

static void
resolve_duplicate (TxSyncView *self,
                   gint64      id,
                   const char *keep)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_duplicate_resolve_async (self->service, id, keep, NULL, duplicate_done_cb, g_object_ref (self));
}

/* Adding a station and saving the station file say how it went under
 * their own heading, where the person looks */
static void
trust_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TxStation) station = tx_station_trust_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *said = NULL;

  self->busy--;
  if (station)
    said = g_strdup_printf (_("%s is a partner station now: send it your data with “Send…”."), station->name);
  else
    said = g_strdup_printf (_("The station was not added: %s"), tx_gui_error_text (error));
  show_in (self->partners_result, said);
  toast (self, station ? _("Station added") : _("The station was not added"));
  tx_sync_view_refresh (self);
}

/**
 * tx_sync_view_trust_file:
 * @fingerprint: what the other station's people read out
 *
 * Trusts the station of an identity file, if its keys have @fingerprint.
 */
void
tx_sync_view_trust_file (TxSyncView *self,
                         GFile      *file,
                         const char *fingerprint)
{
  g_autofree char *text = NULL;
  gsize len = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_load_contents (file, NULL, &text, &len, NULL, &error) || len > 64 * 1024)
    {
      g_autofree char *failed = g_strdup_printf (_("The station was not added: %s"),
                                                 error ? error->message
                                                       : _("This file is too large to be a station file."));
      show_in (self->partners_result, failed);
      toast (self, _("The station was not added"));
      return;
    }
  if (self->service == NULL)
    return;
  self->busy++;
  tx_station_trust_async (self->service, text, len, fingerprint, NULL, trust_done_cb, g_object_ref (self));
}

/* Who waits for the station file, and what it says when it is saved */
typedef struct {
  TxSyncView *self;
  char       *path;
  char       *fingerprint;
} IdentitySave;

static void
identity_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  IdentitySave *save = user_data;
  g_autoptr(TxSyncView) self = save->self;
  g_autofree char *path = save->path;
  g_autofree char *fingerprint = save->fingerprint;
  g_autoptr(GError) error = NULL;
  gboolean ok = tx_station_save_identity_finish (TX_STORE_SERVICE (source), result, &error);
  g_autofree char *said = NULL;

  g_free (save);
  self->busy--;
  if (ok)
    said = g_strdup_printf (_("Saved %s. Give it to the other station on a USB stick and read them "
                              "the check code %s by phone. The .minisign.pub file beside it is for "
                              "technical checks (see Advanced)."), path, fingerprint);
  else
    said = g_strdup_printf (_("The station file was not saved: %s"), tx_gui_error_text (error));
  show_in (self->identity_result, said);
  toast (self, ok ? _("Station file saved") : _("The station file was not saved"));
  tx_sync_view_refresh (self);
}

/**
 * tx_sync_view_save_identity:
 *
 * Writes this station's identity file, and beside it (name.minisign.pub)
 * its signing key for minisign.
 */
void
tx_sync_view_save_identity (TxSyncView *self,
                            GFile      *file)
{
  IdentitySave *save;

  if (self->service == NULL)
    return;
  save = g_new0 (IdentitySave, 1);
  save->self = g_object_ref (self);
  save->path = g_file_get_path (file);
  save->fingerprint = g_strdup (self->self_station ? self->self_station->fingerprint : "");
  self->busy++;
  tx_station_save_identity_async (self->service, save->path, NULL, identity_done_cb, save);
}

/* Bundles in and out: on the thread, with progress and Cancel */

/* An import says how far it is once it reads the records; before, and
 * for an export, the bar pulses */
static gboolean
pulse_cb (gpointer data)
{
  TxSyncView *self = data;
  int progress = g_atomic_int_get (&self->progress);

  if (progress > 0)
    gtk_progress_bar_set_fraction (self->active_bar, progress / 1000.0);
  else
    gtk_progress_bar_pulse (self->active_bar);
  return G_SOURCE_CONTINUE;
}

/* An import's result under Receive, an export's under Partner Stations */
static void
show_result (TxSyncView *self,
             gboolean    import,
             const char *text)
{
  show_in (import ? self->result_label : self->partners_result, text);
}

static void
bundle_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TxSyncView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean import = self->importing;
  g_autoptr(TxBundleInfo) info = import ? tx_bundle_import_finish (TX_STORE_SERVICE (source), result, &error)
                                        : tx_bundle_export_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->send_progress_box), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.cancel", FALSE);
  if (info == NULL)
    {
      g_autofree char *text = NULL;
      if (tx_gui_is_cancelled (error))
        text = g_strdup (import ? _("Import cancelled; nothing was changed.")
                                : _("Sending cancelled; no exchange file was saved."));
      else
        text = g_strdup_printf (import ? _("The exchange file was refused: %s")
                                       : _("No exchange file was saved: %s"),
                                tx_gui_error_text (error));
      show_result (self, import, text);
      toast (self, import ? _("The exchange file was refused") : _("No exchange file was saved"));
      tx_sync_view_refresh (self);
      return;
    }
  if (import)
    {
      g_autofree char *summary = tx_sync_counts_summary (&info->counts);
      /* what a person is to settle is listed below the result */
      const char *settle = info->counts.conflicts || info->counts.duplicates
                           ? _(" Settle them under Conflicts and Possible Duplicates below.") : "";
      g_autofree char *text = g_strdup_printf (_("Exchange file %lld from %s imported: %s.%s%s%s"),
                                               (long long) info->seq, info->sender_name, summary, settle,
                                               info->warning ? "\n" : "", info->warning ? info->warning : "");
      show_result (self, import, text);
      toast (self, _("Exchange file imported"));
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Exchange file %lld for %s saved: %u children "
                                                 "(%u deleted), %u visits, %u urgent cases, %u services, "
                                                 "%u transfers. Take it to %s and import it there."),
                                               (long long) info->seq, info->recipient_name, info->counts.children,
                                               info->counts.tombstones, info->counts.visits,
                                               info->counts.urgent_cases, info->counts.services,
                                               info->counts.transfers, info->recipient_name);
      show_result (self, import, text);
      toast (self, _("Exchange file saved"));
    }
  tx_sync_view_refresh (self);
}

/* An import of @path, or an export to @path for @station */
static void
run_bundle (TxSyncView *self,
            gboolean    import,
            const char *station,
            const char *path)
{
  if (self->service == NULL || self->cancellable)
    return;
  self->importing = import;
  self->cancellable = g_cancellable_new ();
  self->busy++;
  show_result (self, import, NULL);
  self->active_bar = import ? self->progress_bar : self->send_progress_bar;
  gtk_progress_bar_set_fraction (self->active_bar, 0);
  gtk_progress_bar_set_text (self->active_bar, import ? _("Checking and importing the exchange file…")
                                                     : _("Saving the exchange file…"));
  gtk_widget_set_visible (GTK_WIDGET (import ? self->progress_box : self->send_progress_box), TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.cancel", TRUE);
  g_atomic_int_set (&self->progress, 0);
  self->pulse_id = g_timeout_add (100, pulse_cb, self);
  /* self->progress outlives the call: the callback holds the view */
  if (import)
    tx_bundle_import_async (self->service, path, &self->progress, self->cancellable, bundle_done_cb,
                            g_object_ref (self));
  else
    tx_bundle_export_async (self->service, station, path, self->cancellable, bundle_done_cb, g_object_ref (self));
}

/**
 * tx_sync_view_import_file:
 *
 * Imports a bundle, as the Import button does after its dialog.
 */
void
tx_sync_view_import_file (TxSyncView *self,
                          GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);

  run_bundle (self, TRUE, NULL, path);
}

/**
 * tx_sync_view_export_to:
 * @station: the id of a trusted station
 *
 * Writes a bundle for @station, as Export For does after its dialog.
 */
void
tx_sync_view_export_to (TxSyncView *self,
                        const char *station,
                        GFile      *file)
{
  g_autofree char *path = g_file_get_path (file);

  run_bundle (self, FALSE, station, path);
}

static void
export_chosen (GtkWidget *widget,
               GFile     *file,
               gpointer   data)
{
  tx_sync_view_export_to (TX_SYNC_VIEW (widget), data, file);
  g_free (data);
}

static void
export_for (TxSyncView *self,
            const char *station_id,
            const char *station_name)
{
  g_autoptr(GFile) folder = removable_folder ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *day = g_date_time_format (now, "%Y%m%d");
  /* Translators: the file name offered for a bundle: this station, the other, the day */
  g_autofree char *suggested = g_strdup_printf (_("%s-to-%s-%s.txb"),
                                                self->self_station ? self->self_station->name : "tongxing",
                                                station_name, day);
  g_autofree char *title = g_strdup_printf (_("Send to %s"), station_name);

  tx_gui_ask_file (GTK_WIDGET (self), title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), suggested, folder,
                   export_chosen, g_strdup (station_id));
}

/* Actions */

static void
import_chosen (GtkWidget *widget,
               GFile     *file,
               gpointer   data)
{
  tx_sync_view_import_file (TX_SYNC_VIEW (widget), file);
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  g_autoptr(GFile) folder = removable_folder ();

  tx_gui_ask_file (widget, _("Import an Exchange File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL, folder,
                   import_chosen, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  TxSyncView *self = TX_SYNC_VIEW (widget);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
}

static void
identity_chosen (GtkWidget *widget,
                 GFile     *file,
                 gpointer   data)
{
  tx_sync_view_save_identity (TX_SYNC_VIEW (widget), file);
}

static void
save_identity_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  TxSyncView *self = TX_SYNC_VIEW (widget);
  g_autoptr(GFile) folder = removable_folder ();
  /* Translators: the file name offered for this workstation's station file */
  g_autofree char *suggested = g_strdup_printf (_("%s.identity"), self->self_station ? self->self_station->name
                                                                                   : "tongxing");

  tx_gui_ask_file (widget, _("Save This Workstation's Station File"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                   suggested, folder, identity_chosen, NULL);
}

typedef struct {
  TxSyncView *self;
  GFile      *file;
  GtkEntry   *entry;
} TrustAsk;

static void
trust_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TrustAsk         *ask)
{
  if (g_str_equal (response, "trust"))
    tx_sync_view_trust_file (ask->self, ask->file, gtk_editable_get_text (GTK_EDITABLE (ask->entry)));
  g_object_unref (ask->self);
  g_object_unref (ask->file);
  g_free (ask);
}

static void
fingerprint_changed_cb (GtkEditable      *entry,
                        AdwMessageDialog *dialog)
{
  g_autofree char *fp = tx_station_normalize_fingerprint (gtk_editable_get_text (entry));

  adw_message_dialog_set_response_enabled (dialog, "trust", strlen (fp) == 19);
}

static void
trust_chosen (GtkWidget *widget,
              GFile     *file,
              gpointer   data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *name = g_file_get_basename (file);
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Add This Station?"), NULL));
  GtkWidget *entry = gtk_entry_new ();
  TrustAsk *ask = g_new0 (TrustAsk, 1);

  adw_message_dialog_format_body (dialog, _("Phone the other station and ask them to read you their check code "
                                            "(it is shown in their Sync view). Type it here: the station in %s "
                                            "is added only if the code matches."), name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "XXXX-XXXX-XXXX-XXXX");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Check code"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "trust", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "trust", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "trust");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_response_enabled (dialog, "trust", FALSE);
  g_signal_connect (entry, "changed", G_CALLBACK (fingerprint_changed_cb), dialog);
  ask->self = g_object_ref (TX_SYNC_VIEW (widget));
  ask->file = g_object_ref (file);
  ask->entry = GTK_ENTRY (entry);
  g_signal_connect (dialog, "response", G_CALLBACK (trust_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
trust_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  g_autoptr(GFile) folder = removable_folder ();

  tx_gui_ask_file (widget, _("Choose the Other Station's File"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                   NULL, folder, trust_chosen, NULL);
}

/* The class */

static void
tx_sync_view_dispose (GObject *object)
{
  TxSyncView *self = TX_SYNC_VIEW (object);

  if (self->load_cancellable)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_SYNC_VIEW);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->self_station, tx_station_free);
  G_OBJECT_CLASS (tx_sync_view_parent_class)->dispose (object);
}

static void
tx_sync_view_class_init (TxSyncViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_sync_view_dispose;
  g_type_ensure (TX_TYPE_TRANSFERS_GROUP);

  /**
   * TxSyncView::toast:
   *
   * Something to tell in passing.
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-sync-view.ui");
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, guide_group);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, guide_label);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, self_row);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, fingerprint_row);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, identity_result);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, stations_list);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, send_progress_box);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, send_progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, partners_result);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, station_id_row);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, key_id_row);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, progress_box);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, result_label);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, duplicates_list);
  gtk_widget_class_bind_template_child (widget_class, TxSyncView, transfers_group);

  gtk_widget_class_install_action (widget_class, "sync.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "sync.trust", NULL, trust_action);
  gtk_widget_class_install_action (widget_class, "sync.save-identity", NULL, save_identity_action);
  gtk_widget_class_install_action (widget_class, "sync.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "sync.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "sync.cancel", NULL);
}

static void
tx_sync_view_init (TxSyncView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sync.cancel", FALSE);
  g_signal_connect_swapped (self->transfers_group, "toast", G_CALLBACK (toast), self);
}

/* Stations trusted or revoked, exchange files sent or taken, conflicts
 * settled — here, on another thread or by tongxing-cli */
static void
sync_changed_cb (TxSyncView *self)
{
  tx_sync_view_refresh (self);
}

void
tx_sync_view_set_store (TxSyncView     *self,
                        TxStore        *store,
                        TxStoreService *service)
{
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_signal_connect_object (tx_store_get_monitor (store), "sync-changed",
                           G_CALLBACK (sync_changed_cb), self, G_CONNECT_SWAPPED);
  tx_transfers_group_set_store (self->transfers_group, store, service);
  tx_sync_view_refresh (self);
}

gboolean
tx_sync_view_is_busy (TxSyncView *self)
{
  return self->busy > 0 || tx_transfers_group_is_busy (self->transfers_group);
}

/* For tests: the county's list of transfers */
TxTransfersGroup *
tx_sync_view_get_transfers (TxSyncView *self)
{
  return self->transfers_group;
}

/* For tests: what the last action said under its heading: "station"
 * (the station file saved), "partners" (a station added, an exchange file
 * sent) or "receive" (an exchange file imported) */
const char *
tx_sync_view_get_result (TxSyncView *self,
                         const char *which)
{
  GtkLabel *label = g_str_equal (which, "station") ? self->identity_result
                    : g_str_equal (which, "partners") ? self->partners_result : self->result_label;

  return gtk_widget_get_visible (GTK_WIDGET (label)) ? gtk_label_get_text (label) : NULL;
}

/* For tests: the first steps, or NULL while they are hidden */
const char *
tx_sync_view_get_guide (TxSyncView *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->guide_group)) ? gtk_label_get_text (self->guide_label) : NULL;
}

/* For tests: "stations", "conflicts" or "duplicates" */
GtkListBox *
tx_sync_view_get_list (TxSyncView *self,
                       const char *which)
{
  if (g_str_equal (which, "stations"))
    return self->stations_list;
  if (g_str_equal (which, "conflicts"))
    return self->conflicts_list;
  return self->duplicates_list;
}
