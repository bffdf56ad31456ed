/* tx-conflict-row.c — a conflict in the Sync view: one item changed here
 * and at another station, the two values in the form's words, and Keep
 * Here's and Take Theirs
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-conflict-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-conflict-row.h"

struct _TxConflictRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkWidget    *keep_button;
  GtkWidget    *take_button;

  gint64        conflict_id;
};

G_DEFINE_FINAL_TYPE (TxConflictRow, tx_conflict_row, ADW_TYPE_ACTION_ROW)

enum {
  RESOLVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Values as the form shows them: a choice by its label, an exit in words */
static char *
display_value (const TxConflict *c,
               const char       *value)
{
  char *text = tx_conflict_value_text (c, value);

  return text ? text : g_strdup (_("(empty)"));
}

static void
keep_clicked_cb (GtkButton     *button,
                 TxConflictRow *self)
{
  g_signal_emit (self, signals[RESOLVE], 0, TRUE);
}

static void
take_clicked_cb (GtkButton     *button,
                 TxConflictRow *self)
{
  g_signal_emit (self, signals[RESOLVE], 0, FALSE);
}

static void
tx_conflict_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_CONFLICT_ROW);
  G_OBJECT_CLASS (tx_conflict_row_parent_class)->dispose (object);
}

static void
tx_conflict_row_class_init (TxConflictRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_conflict_row_dispose;

  /**
   * TxConflictRow::resolve:
   * @keep_mine: %TRUE for Keep Here's, %FALSE for Take Theirs
   *
   * A person chose the value the record is to have.
   */
  signals[RESOLVE] = g_signal_new ("resolve", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-conflict-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TxConflictRow, keep_button);
  gtk_widget_class_bind_template_child (widget_class, TxConflictRow, take_button);
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, take_clicked_cb);
}

static void
tx_conflict_row_init (TxConflictRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_conflict_row_new:
 *
 * Returns: (transfer floating): the row of @conflict
 */
GtkWidget *
tx_conflict_row_new (const TxConflict *c)
{
  TxConflictRow *self = g_object_new (TX_TYPE_CONFLICT_ROW, NULL);
  g_autofree char *title = g_strdup_printf ("%s · %s", c->name && *c->name ? c->name : c->uuid,
                                            tx_conflict_field_title (c));
  g_autofree char *mine = display_value (c, c->mine);
  g_autofree char *theirs = display_value (c, c->theirs);
  /* what the record holds until a person chooses: the later change,
   * at both stations (the merge of docs/bundle-format.md) */
  g_autofree char *sub = g_strdup_printf (_("Here: %s · %s: %s · in use for now: %s (the later change)"),
                                          mine, c->station, theirs,
                                          g_str_equal (c->kept, "mine") ? mine : theirs);
  g_autofree char *a11y_mine = g_strdup_printf (_("Keep this station's value of %s"), title);
  g_autofree char *a11y_theirs = g_strdup_printf (_("Take the other station's value of %s"), title);

  self->conflict_id = c->id;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_mine, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->take_button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y_theirs,
                                  -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), sub);
  return GTK_WIDGET (self);
}

/**
 * tx_conflict_row_get_conflict_id:
 *
 * Returns: the conflict's id, for tx_conflict_resolve_async()
 */
gint64
tx_conflict_row_get_conflict_id (TxConflictRow *self)
{
  g_return_val_if_fail (TX_IS_CONFLICT_ROW (self), 0);
  return self->conflict_id;
}
