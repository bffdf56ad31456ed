#!/bin/bash
# tools/screenshots.sh — render the README's screenshots into docs/screenshots/
#
# The main screens in Chinese, drawn by the real widgets under Xvfb from a
# demo township and the test fixture. Run after a change to what they show.
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}
ninja -C "$builddir"
export TONGXING_LOCALEDIR="$PWD/$builddir/po" GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export LANGUAGE=zh_CN TONGXING_TODAY=2026-11-25 GTK_A11Y=none
xvfb-run -a -s "-screen 0 1400x900x24" \
  "$builddir/tests/gui/tx-screenshot" docs/screenshots tests/data/child-complete.json
