/* tx-bench-util.h — shared by the benchmarks
 *
 * Copyright 2026 The Tongxing authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* A figure from /proc/self/status in KiB ("VmRSS:", "VmHWM:"), or -1 */
static inline long
tx_bench_status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  p = strstr (status, field);
  return p ? atol (p + strlen (field) + 1) : -1;
}
