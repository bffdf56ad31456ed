/* tx-duplicate-row.c — a possible duplicate in the Sync view: one identity
 * number on two records, and Keep 1 and Keep 2
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-duplicate-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tx-duplicate-row.h"

struct _TxDuplicateRow
{
  AdwActionRow  parent_instance;

  /* Template widgets */
  GtkWidget    *keep_buttons[2];

  /* Owned */
  gint64        duplicate_id;
  char         *child_ids[2];
};

G_DEFINE_FINAL_TYPE (TxDuplicateRow, tx_duplicate_row, ADW_TYPE_ACTION_ROW)

enum {
  KEEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
keep_clicked_cb (GtkButton      *button,
                 TxDuplicateRow *self)
{
  guint k = GTK_WIDGET (button) == self->keep_buttons[1];

  g_signal_emit (self, signals[KEEP], 0, self->child_ids[k]);
}

static void
tx_duplicate_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TX_TYPE_DUPLICATE_ROW);
  G_OBJECT_CLASS (tx_duplicate_row_parent_class)->dispose (object);
}

static void
tx_duplicate_row_finalize (GObject *object)
{
  TxDuplicateRow *self = TX_DUPLICATE_ROW (object);

  g_free (self->child_ids[0]);
  g_free (self->child_ids[1]);
  G_OBJECT_CLASS (tx_duplicate_row_parent_class)->finalize (object);
}

static void
tx_duplicate_row_class_init (TxDuplicateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tx_duplicate_row_dispose;
  object_class->finalize = tx_duplicate_row_finalize;

  /**
   * TxDuplicateRow::keep:
   * @child_id: the id of the record to keep; the other is to be deleted
   *
   * A person chose the record that stays.
   */
  signals[KEEP] = g_signal_new ("keep", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/tongxing/Tongxing/ui/tx-duplicate-row.ui");
  gtk_widget_class_bind_template_child_full (widget_class, "keep_a_button", FALSE,
                                             G_STRUCT_OFFSET (TxDuplicateRow, keep_buttons[0]));
  gtk_widget_class_bind_template_child_full (widget_class, "keep_b_button", FALSE,
                                             G_STRUCT_OFFSET (TxDuplicateRow, keep_buttons[1]));
  gtk_widget_class_bind_template_callback (widget_class, keep_clicked_cb);
}

static void
tx_duplicate_row_init (TxDuplicateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * tx_duplicate_row_new:
 *
 * Returns: (transfer floating): the row of @duplicate
 */
GtkWidget *
tx_duplicate_row_new (const TxDuplicate *d)
{
  TxDuplicateRow *self = g_object_new (TX_TYPE_DUPLICATE_ROW, NULL);
  g_autofree char *masked = tx_id_mask (d->id_number);
  g_autofree char *sub = g_strdup_printf (_("1: %s (%.8s) · 2: %s (%.8s)"), d->name_a ? d->name_a : "", d->a,
                                          d->name_b ? d->name_b : "", d->b);

  self->duplicate_id = d->id;
  self->child_ids[0] = g_strdup (d->a);
  self->child_ids[1] = g_strdup (d->b);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), masked);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), sub);
  for (guint k = 0; k < 2; k++)
    {
      g_autofree char *label = g_strdup_printf (_("Keep %u"), k + 1);
      g_autofree char *a11y = g_strdup_printf (_("Keep record %u of %s and delete the other"), k + 1,
                                               k ? d->name_b : d->name_a);

      gtk_button_set_label (GTK_BUTTON (self->keep_buttons[k]), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->keep_buttons[k]), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y,
                                      -1);
    }
  return GTK_WIDGET (self);
}

/**
 * tx_duplicate_row_get_duplicate_id:
 *
 * Returns: the duplicate's id, for tx_duplicate_resolve_async()
 */
gint64
tx_duplicate_row_get_duplicate_id (TxDuplicateRow *self)
{
  g_return_val_if_fail (TX_IS_DUPLICATE_ROW (self), 0);
  return self->duplicate_id;
}
