/* tx-station-row.c — a partner station in the Sync view: what went to it
 * and came from it, and Send… and Revoke while it is a partner
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-station-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-station-row.h"

struct _TxStationRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkWidget    *send_button;
  GtkWidget    *revoke_button;

  /* Owned */
  char         *station_id;
  char         *name;
};

G_DEFINE_FINAL_TYPE (TxStationRow, tx_station_row, ADW_TYPE_ACTION_ROW)

enum {
  SEND,
  REVOKE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
send_clicked_cb (GtkButton    *button,
                 TxStationRow *self)
{
  g_signal_emit (self, signals[SEND], 0);
}

static void
revoke_clicked_cb (GtkButton    *button,
                   TxStationRow *self)
{
  g_signal_emit (self, signals[REVOKE], 0);
}

static void
tx_station_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_STATION_ROW);
  G_OBJECT_CLASS (tx_station_row_parent_class)->dispose (object);
}

static void
tx_station_row_finalize (GObject *object)
{
  TxStationRow *self = TX_STATION_ROW (object);

  g_free (self->station_id);
  g_free (self->name);
  G_OBJECT_CLASS (tx_station_row_parent_class)->finalize (object);
}

static void
tx_station_row_class_init (TxStationRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_station_row_dispose;
  object_class->finalize = tx_station_row_finalize;

  /**
   * TxStationRow::send:
   *
   * Send… was pressed: an exchange file for this station is wanted.
   */
  signals[SEND] = g_signal_new ("send", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  /**
   * TxStationRow::revoke:
   *
   * Revoke was pressed: stopping the exchange with this station is asked.
   */
  signals[REVOKE] = g_signal_new ("revoke", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-station-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxStationRow, send_button);
  gtk_widget_class_bind_template_child (widget_class, TxStationRow, revoke_button);
  gtk_widget_class_bind_template_callback (widget_class, send_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, revoke_clicked_cb);
}

static void
tx_station_row_init (TxStationRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_station_row_new:
 * @station: a partner station, or one that was
 *
 * Returns: (transfer floating): the row of @station
 */
GtkWidget *
tx_station_row_new (const TxStation *s)
{
  TxStationRow *self = g_object_new (TX_TYPE_STATION_ROW, NULL);
  g_autofree char *sub = NULL;
  g_autofree char *in = s->in_seq ? g_strdup_printf (_("file %lld received %.10s"), (long long) s->in_seq, s->in_at)
                                  : g_strdup (_("nothing received yet"));
  g_autofree char *out = s->out_seq ? g_strdup_printf (_("file %lld sent %.10s"), (long long) s->out_seq, s->out_at)
                                    : g_strdup (_("nothing sent yet"));

  self->station_id = g_strdup (s->id);
  self->name = g_strdup (s->name);
  if (s->replaced_by)
    sub = g_strdup_printf (_("%s · no longer a partner since %.10s: lost its store, replaced by a new "
                             "workstation"), s->unit, s->revoked_at);
  else if (s->revoked_at)
    sub = g_strdup_printf (_("%s · no longer a partner since %.10s"), s->unit, s->revoked_at);
  else
    sub = g_strdup_printf ("%s · %s · %s", s->unit, in, out);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), s->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), sub);
  if (!s->revoked_at)
    {
      g_autofree char *a11y = g_strdup_printf (_("Send an exchange file to %s"), s->name);
      g_autofree char *a11y_revoke = g_strdup_printf (_("Stop exchanging files with %s"), s->name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->send_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->revoke_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      a11y_revoke, -1);
    }
  /* a station no longer a partner gets no files, and cannot be revoked twice */
  gtk_widget_set_visible (self->send_button, s->revoked_at == NULL);
  gtk_widget_set_visible (self->revoke_button, s->revoked_at == NULL);
  return GTK_WIDGET (self);
}

/**
 * tx_station_row_get_station_id:
 *
 * Returns: the station's id
 */
const char *
tx_station_row_get_station_id (TxStationRow *self)
{
  g_return_val_if_fail (TX_IS_STATION_ROW (self), NULL);
  return self->station_id;
}

/**
 * tx_station_row_get_name:
 *
 * Returns: the station's name, as its people chose it
 */
const char *
tx_station_row_get_name (TxStationRow *self)
{
  g_return_val_if_fail (TX_IS_STATION_ROW (self), NULL);
  return self->name;
}
