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

# the reports' first pages, as printed, from a demo township (pdftoppm)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cli="$builddir/src/cli/tongxing-cli"
"$cli" --db "$work/demo.db" init --county 220102 --township 220102001 --supervisor 李春梅 >/dev/null
"$cli" --db "$work/demo.db" demo --children 2000 >/dev/null
"$cli" --db "$work/demo.db" report visits --month 2026-11 --pdf "$work/visits.pdf" >/dev/null
"$cli" --db "$work/demo.db" report form --key-care --pdf "$work/forms.pdf" >/dev/null
"$cli" --db "$work/demo.db" report overdue --pdf "$work/overdue.pdf" >/dev/null
"$cli" --db "$work/demo.db" report stats --from 2026-01-01 --to 2026-11-30 --pdf "$work/stats.pdf" >/dev/null
for r in visits forms overdue stats; do
  pdftoppm -r 80 -f 1 -l 1 -singlefile -png "$work/$r.pdf" "docs/screenshots/report-$r"
done
