/* tx-transfers-group.c — the transfers of children between townships of the
 * county, in the Sync view
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A township offers a transfer when a child moves to another township of
 * the county; the offer reaches the county in the township's exchange file,
 * and the county's decision goes back, and the record to the new township,
 * in the county's. So the list sits where the files come and go. At the
 * county office (no township set) the transfers waiting for the county come
 * first, each with Accept and Refuse… (a refusal says why), and the decided
 * ones below; at a township, its own transfers and what the county decided,
 * to read. Everything is read and written on the store service's thread.
 */

#define G_LOG_DOMAIN "tx-transfers-group"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-gui-util.h"
#include "tx-transfers-group.h"

struct _TxTransfersGroup
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *waiting_group;
  GtkListBox          *waiting_list;
  AdwPreferencesGroup *decided_group;
  GtkListBox          *decided_list;

  /* Owned */
  TxStore             *store;
  TxStoreService      *service;
  GCancellable        *cancellable;   /* the latest reading */
  char                *township;      /* this station's; NULL at the county office */
  guint                busy;
};

G_DEFINE_FINAL_TYPE (TxTransfersGroup, tx_transfers_group, ADW_TYPE_BIN)

enum {
  TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
toast (TxTransfersGroup *self,
       const char       *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

static const char *
township_name (const char *code)
{
  const char *name = code ? tx_division_name (code) : NULL;

  return name ? name : code ? code : "?";
}

static const char *
child_name (const TxTransfer *t)
{
  return t->child_name && *t->child_name ? t->child_name : "—";
}

/* When, who and why, in one line */
static char *
transfer_subtitle (const TxTransfer *t)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *offered_on = tx_date_local_day (t->offered_at);
  g_autofree char *decided_on = t->decided_at ? tx_date_local_day (t->decided_at) : NULL;
  gboolean offered_by = t->offered_by && *t->offered_by, decided_by = t->decided_by && *t->decided_by;
  gboolean accepted = g_strcmp0 (t->state, TX_TRANSFER_ACCEPTED) == 0;

  g_string_printf (s, _("Moved on %s"), t->date ? t->date : "?");
  g_string_append (s, " · ");
  /* a workstation with nobody named says no one */
  if (offered_by)
    /* Translators: who offered a transfer, and on which day */
    g_string_append_printf (s, _("offered by %s on %s"), t->offered_by, offered_on ? offered_on : "?");
  else
    g_string_append_printf (s, _("offered on %s"), offered_on ? offered_on : "?");
  if (t->offer_note && *t->offer_note)
    g_string_append_printf (s, _(": %s"), t->offer_note);
  g_string_append (s, " · ");
  if (g_strcmp0 (t->state, TX_TRANSFER_OFFERED) == 0 || decided_on == NULL)
    g_string_append (s, _("waiting for the county"));
  else if (decided_by)
    g_string_append_printf (s, accepted ? _("accepted by %s on %s") : _("refused by %s on %s"), t->decided_by,
                            decided_on);
  else
    g_string_append_printf (s, accepted ? _("accepted on %s") : _("refused on %s"), decided_on);
  if (decided_on && t->note && *t->note)
    g_string_append_printf (s, _(": %s"), t->note);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void decide (TxTransfersGroup *self, const TxTransfer *t, gboolean accept, const char *note);

static void
accept_clicked_cb (GtkButton        *button,
                   TxTransfersGroup *self)
{
  decide (self, g_object_get_data (G_OBJECT (button), "transfer"), TRUE, NULL);
}

static void
refuse_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    TxTransfersGroup *self)
{
  g_autofree char *reason = tx_gui_note_dialog_get_note (dialog);

  if (g_str_equal (response, "refuse") && *reason)
    decide (self, g_object_get_data (G_OBJECT (dialog), "transfer"), FALSE, reason);
}

/* What a decision needs of a transfer: its id and the names it says */
static TxTransfer *
transfer_copy (const TxTransfer *t)
{
  TxTransfer *copy = g_new0 (TxTransfer, 1);

  copy->id = g_strdup (t->id);
  copy->child_name = g_strdup (t->child_name);
  copy->from_township = g_strdup (t->from_township);
  copy->to_township = g_strdup (t->to_township);
  return copy;
}

/**
 * tx_transfers_group_ask_refusal:
 * @button: the row's Refuse… button
 *
 * Asks why the transfer is refused (a refusal goes back to the township
 * with its reason), then refuses it.
 *
 * Returns: (transfer none): the question, shown
 */
GtkWidget *
tx_transfers_group_ask_refusal (TxTransfersGroup *self,
                                GtkWidget        *button)
{
  TxTransfer *t = g_object_get_data (G_OBJECT (button), "transfer");
  g_autofree char *heading = g_strdup_printf (_("Refuse the Transfer of %s?"), child_name (t));
  g_autofree char *body = g_strdup_printf (_("%s stays at %s, which gets the child back on its register with "
                                             "the county's next exchange file. Say why, for the township."),
                                           child_name (t), township_name (t->from_township));
  GtkWidget *dialog = tx_gui_note_dialog_new (GTK_WIDGET (self), heading, body, _("Why the transfer is refused"),
                                              "refuse", _("_Refuse Transfer"), ADW_RESPONSE_DESTRUCTIVE);

  /* the row goes when the list is read again: the dialog keeps its own */
  g_object_set_data_full (G_OBJECT (dialog), "transfer", transfer_copy (t), (GDestroyNotify) tx_transfer_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (refuse_response_cb), self, 0);
  return dialog;
}

static void
refuse_clicked_cb (GtkButton        *button,
                   TxTransfersGroup *self)
{
  tx_transfers_group_ask_refusal (self, GTK_WIDGET (button));
}

/* @name: (transfer full): what a screen reader says of the button */
static GtkWidget *
action_button (TxTransfersGroup *self,
               TxTransfer       *t,
               const char       *label,
               char             *name,
               GCallback         clicked)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_free (name);
  /* the row's transfer, for as long as the button lives */
  g_object_set_data (G_OBJECT (button), "transfer", t);
  g_signal_connect (button, "clicked", clicked, self);
  return button;
}

/* @t: (transfer full) */
static GtkWidget *
transfer_row (TxTransfersGroup *self,
              TxTransfer       *t,
              gboolean          actions)
{
  GtkWidget *row = adw_action_row_new ();
  /* Translators: a transfer: the child, the township it leaves and the one it goes to */
  g_autofree char *title = g_strdup_printf (_("%s · %s → %s"), child_name (t), township_name (t->from_township),
                                            township_name (t->to_township));
  g_autofree char *subtitle = transfer_subtitle (t);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data_full (G_OBJECT (row), "transfer", t, (GDestroyNotify) tx_transfer_free);
  g_object_set_data_full (G_OBJECT (row), "transfer-id", g_strdup (t->id), g_free);
  if (actions)
    {
      const char *child = child_name (t), *to = township_name (t->to_township);
      GtkWidget *accept = action_button (self, t, _("_Accept"),
                                         g_strdup_printf (_("Accept the transfer of %s to %s"), child, to),
                                         G_CALLBACK (accept_clicked_cb));
      GtkWidget *refuse = action_button (self, t, _("_Refuse…"),
                                         g_strdup_printf (_("Refuse the transfer of %s to %s"), child, to),
                                         G_CALLBACK (refuse_clicked_cb));

      gtk_widget_add_css_class (accept, "suggested-action");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), accept);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), refuse);
      g_object_set_data (G_OBJECT (row), "accept", accept);
      g_object_set_data (G_OBJECT (row), "refuse", refuse);
    }
  return row;
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))))
    gtk_list_box_remove (list, child);
}

static void
show_transfers (TxTransfersGroup *self,
                GPtrArray        *transfers)
{
  guint waiting = 0, decided = 0;

  clear_list (self->waiting_list);
  clear_list (self->decided_list);
  for (guint i = 0; i < transfers->len; i++)
    {
      TxTransfer *t = transfers->pdata[i];
      gboolean offered = g_strcmp0 (t->state, TX_TRANSFER_OFFERED) == 0;

      /* a township reads its own: from it or to it */
      if (self->township && g_strcmp0 (t->from_township, self->township) != 0 &&
          g_strcmp0 (t->to_township, self->township) != 0)
        continue;
      /* the row takes the transfer */
      transfers->pdata[i] = NULL;
      if (self->township == NULL && !offered)
        {
          gtk_list_box_append (self->decided_list, transfer_row (self, t, FALSE));
          decided++;
        }
      else
        {
          gtk_list_box_append (self->waiting_list, transfer_row (self, t, self->township == NULL));
          waiting++;
        }
    }
  if (self->township == NULL && waiting == 0)
    gtk_list_box_append (self->waiting_list, placeholder_row (_("No transfer is waiting for the county.")));
  gtk_widget_set_visible (GTK_WIDGET (self->decided_group), decided > 0);
  /* the county always shows where transfers are decided; a township, its own if it has any */
  gtk_widget_set_visible (GTK_WIDGET (self), self->township == NULL || waiting > 0);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TxTransfersGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transfers = tx_store_service_transfers_finish (TX_STORE_SERVICE (source), result, &error);

  self->busy--;
  if (tx_gui_is_cancelled (error))
    return;
  if (transfers == NULL)
    {
      toast (self, tx_gui_error_text (error));
      return;
    }
  show_transfers (self, transfers);
}

/**
 * tx_transfers_group_refresh:
 *
 * Reads the transfers again.
 */
void
tx_transfers_group_refresh (TxTransfersGroup *self)
{
  if (self->service == NULL)
    return;
  self->busy++;
  tx_store_service_transfers_async (self->service, NULL, tx_gui_renew_cancellable (&self->cancellable),
                                    load_done_cb, g_object_ref (self));
}

/* A decision, and what to say when it is written */
typedef struct {
  TxTransfersGroup *self;
  char             *done;
} Decision;

static void
decide_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Decision *d = user_data;
  g_autoptr(TxTransfersGroup) self = d->self;
  g_autofree char *done = d->done;
  g_autoptr(GError) error = NULL;

  g_free (d);
  self->busy--;
  if (!tx_store_service_change_register_finish (TX_STORE_SERVICE (source), result, &error))
    toast (self, tx_gui_error_text (error));
  else
    toast (self, done);
  tx_transfers_group_refresh (self);
}

static void
decide (TxTransfersGroup *self,
        const TxTransfer *t,
        gboolean          accept,
        const char       *note)
{
  TxRegisterChange *c = tx_register_change_new (accept ? TX_REGISTER_CHANGE_ACCEPT : TX_REGISTER_CHANGE_REFUSE,
                                                t->id);
  Decision *d = g_new0 (Decision, 1);

  c->note = g_strdup (note);
  d->self = g_object_ref (self);
  d->done = accept ? g_strdup_printf (_("Transfer accepted: %s goes to %s with the county's next exchange file"),
                                      child_name (t), township_name (t->to_township))
                   : g_strdup_printf (_("Transfer refused: %s stays at %s"), child_name (t),
                                      township_name (t->from_township));
  self->busy++;
  tx_store_service_change_register_async (self->service, c, NULL, decide_done_cb, d);
}

static void
tx_transfers_group_dispose (GObject *object)
{
  TxTransfersGroup *self = TX_TRANSFERS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), TX_TYPE_TRANSFERS_GROUP);
  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_clear_object (&self->store);
  g_clear_object (&self->service);
  g_clear_pointer (&self->township, g_free);
  G_OBJECT_CLASS (tx_transfers_group_parent_class)->dispose (object);
}

static void
tx_transfers_group_class_init (TxTransfersGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_transfers_group_dispose;

  /**
   * TxTransfersGroup::toast:
   *
   * What a decision did, or why it was not made.
   */
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/tongxing/Tongxing/ui/tx-transfers-group.ui");
  gtk_widget_class_bind_template_child (widget_class, TxTransfersGroup, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, TxTransfersGroup, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, TxTransfersGroup, decided_group);
  gtk_widget_class_bind_template_child (widget_class, TxTransfersGroup, decided_list);
}

static void
tx_transfers_group_init (TxTransfersGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A transfer offered, decided or come in an exchange file, here or by
 * tongxing-cli */
static void
store_changed_cb (TxTransfersGroup *self,
                  guint             what)
{
  if (what & TX_STORE_CHANGE_SYNC)
    tx_transfers_group_refresh (self);
}

/**
 * tx_transfers_group_set_store:
 * @store: the main thread's store, for the workstation's settings
 * @service: where the transfers are read and decided
 */
void
tx_transfers_group_set_store (TxTransfersGroup *self,
                              TxStore          *store,
                              TxStoreService   *service)
{
  gboolean county;

  if (self->store)
    g_signal_handlers_disconnect_by_data (tx_store_get_monitor (self->store), self);
  g_set_object (&self->store, store);
  g_set_object (&self->service, service);
  g_free (self->township);
  self->township = tx_store_get_setting (store, TX_SETTING_TOWNSHIP);
  county = self->township == NULL;
  adw_preferences_group_set_title (self->waiting_group, county ? _("Transfers Waiting for the County")
                                                               : _("Transfers"));
  adw_preferences_group_set_description (self->waiting_group, county
    ? _("A township moved a child to another township of this county. Accept, and the child's whole record "
        "goes to the new township with your next exchange file for it; refuse, saying why, and the child "
        "stays at the old township.")
    : _("Children who moved from or to this township within the county. The county decides each transfer; "
        "its decision arrives with the county's exchange file."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->waiting_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  county ? _("Transfers waiting for the county") : _("Transfers"), -1);
  g_signal_connect_object (tx_store_get_monitor (store), "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  tx_transfers_group_refresh (self);
}

gboolean
tx_transfers_group_is_busy (TxTransfersGroup *self)
{
  return self->busy > 0;
}

/**
 * tx_transfers_group_get_list:
 * @which: "waiting" (at a township: its transfers) or "decided"
 *
 * For tests: the rows, each with the data "transfer-id" and, waiting at
 * the county, "accept" and "refuse" (the buttons).
 *
 * Returns: (transfer none): the list
 */
GtkListBox *
tx_transfers_group_get_list (TxTransfersGroup *self,
                             const char       *which)
{
  return g_str_equal (which, "decided") ? self->decided_list : self->waiting_list;
}
