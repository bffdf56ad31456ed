/* tx-drive-offer.h — a USB stick plugged in while the window is open,
 * offered for a backup or as the second place
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TX_TYPE_DRIVE_OFFER (tx_drive_offer_get_type ())

G_DECLARE_FINAL_TYPE (TxDriveOffer, tx_drive_offer, TX, DRIVE_OFFER, GObject)

TxDriveOffer     *tx_drive_offer_watch      (GtkWindow    *window);
TxDriveOffer     *tx_drive_offer_for        (GtkWindow    *window);
AdwMessageDialog *tx_drive_offer_mounted    (TxDriveOffer *self,
                                             const char   *name,
                                             const char   *root);
gboolean          tx_drive_offer_is_busy    (TxDriveOffer *self);

char             *tx_drive_offer_folder     (const char   *root);
gboolean          tx_backup_place_connected (const char   *folder);

G_END_DECLS
