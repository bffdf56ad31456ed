/* tx-cli.h
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

int tx_cli_run (int argc, char **argv);
