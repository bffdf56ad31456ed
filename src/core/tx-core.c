/* tx-core.c
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tx-core"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <locale.h>

#include "tx-core.h"

/**
 * tx_core_init:
 *
 * Sets up the locale and the translations of the core. Call once at the start of main(). `TONGXING_LOCALEDIR`
 * points at the translations of an uninstalled build.
 */
void
tx_core_init (void)
{
  const char *localedir = g_getenv ("TONGXING_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
