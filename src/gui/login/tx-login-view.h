/* tx-login-view.h — before a store opens: who logs in, a forgotten password,
 * protecting a store made before encryption, the recovery key shown once
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tx-core.h"

G_BEGIN_DECLS

typedef enum
{
  TX_LOGIN_FIRST_RUN,   /* no store, no key file: the setup makes both */
  TX_LOGIN_PEOPLE,      /* a protected store: its people and a password */
  TX_LOGIN_PROTECT,     /* a plain store made before encryption */
} TxLoginMode;

#define TX_TYPE_LOGIN_VIEW (tx_login_view_get_type ())

G_DECLARE_FINAL_TYPE (TxLoginView, tx_login_view, TX, LOGIN_VIEW, AdwBin)

TxLoginMode  tx_login_view_start             (TxLoginView *self,
                                              const char  *path);
void         tx_login_view_remember_station  (TxStore     *store);
void         tx_login_view_set_notice        (TxLoginView *self,
                                              const char  *notice);
void         tx_login_view_show_recovery_key (TxLoginView *self,
                                              const char  *recovery_key,
                                              gboolean     then_log_in);
const char  *tx_login_view_get_page          (TxLoginView *self);
GStrv        tx_login_view_dup_names         (TxLoginView *self);
gboolean     tx_login_view_select            (TxLoginView *self,
                                              const char  *name);
GtkWidget   *tx_login_view_get_widget        (TxLoginView *self,
                                              const char  *name);
gboolean     tx_login_view_is_busy           (TxLoginView *self);
void         tx_login_view_print_key         (TxLoginView *self,
                                              const char  *pdf_path);
void         tx_login_draw_key_page          (cairo_t     *cr,
                                              double       width,
                                              const char  *station,
                                              const char  *recovery_key);

G_END_DECLS
