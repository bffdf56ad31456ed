#!/bin/bash
# tools/demo.sh — install what is missing, build, and start Tongxing on a demo database
#
# The demo database is _build/demo.db: the township 南岭街道 of 长春市南关区
# with 2,000 made-up children. Its supervisor 李春梅 and the child directors
# 王建国, 张丽 and 刘洪 (one village each) log in with the password in
# _build/demo-password (made-up children: it is no secret). Without a display
# (a bare server, SSH) the command line shows the roster instead of the window.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh
builddir=${BUILDDIR:-_build}
[ -f "$builddir/build.ninja" ] || meson setup "$builddir"
ninja -C "$builddir"

export TONGXING_LOCALEDIR="$PWD/$builddir/po"
export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export TONGXING_DB="$PWD/$builddir/demo.db"
cli="$PWD/$builddir/src/cli/tongxing-cli"
password_file="$PWD/$builddir/demo-password"
[ -f "$password_file" ] || printf 'nanling-demo-2026\n' > "$password_file"
export TONGXING_USER=李春梅 TONGXING_PASSWORD_FILE="$password_file"

if [ ! -f "$TONGXING_DB" ]; then
  # the recovery key init prints is the demo's: nothing to keep
  "$cli" init --county 220102 --township 220102001 --name "南岭街道儿童督导员工作站" \
    --supervisor 李春梅 --directors "王建国，张丽，刘洪" --admin 李春梅 >/dev/null
  "$cli" user add 王建国 --role director --villages 220102001001 --initial-password-file "$password_file" >/dev/null
  "$cli" user add 张丽 --role director --villages 220102001002 --initial-password-file "$password_file" >/dev/null
  "$cli" user add 刘洪 --role director --villages 220102001003 --initial-password-file "$password_file" >/dev/null
  "$cli" demo --children 2000 --seed 1
fi

echo "Log in as 李春梅 (the supervisor; or 王建国, 张丽, 刘洪, child directors) with the password $(cat "$password_file")."

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec "$PWD/$builddir/src/gui/tongxing" --db "$TONGXING_DB"
fi

echo "No display here, so this is the roster on the command line."
echo "On a desktop, the same command opens the window."
echo
"$cli" child list --limit 25
echo
echo "Demo database: $TONGXING_DB (TONGXING_DB is how the commands find it)."
echo "Try, for example:"
echo "  export TONGXING_DB=$TONGXING_DB TONGXING_LOCALEDIR=$TONGXING_LOCALEDIR"
echo "  export TONGXING_USER=李春梅 TONGXING_PASSWORD_FILE=$password_file"
echo "  $cli child list --search zx"
echo "  $cli check-id 11010519491231002X"
echo "  LANGUAGE=zh_CN $cli --help"
