#!/bin/bash
# tools/check.sh — install what is missing, build, and run every test
#
# What CI runs (.ci/run). BUILDDIR chooses the build folder (default
# _build); SANITIZE=1 builds with AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh

builddir=${BUILDDIR:-_build}
options=()
if [ "${SANITIZE:-0}" = 1 ]; then
  builddir=${BUILDDIR:-_build-sanitize}
  options+=(-Db_sanitize=address,undefined -Db_lundef=false)
fi

if [ -f "$builddir/build.ninja" ]; then
  meson setup --reconfigure "$builddir" "${options[@]}" >/dev/null
else
  meson setup "$builddir" "${options[@]}"
fi
ninja -C "$builddir"
status=0
meson test -C "$builddir" --print-errorlogs --num-processes 2 || status=$?

# one closing line that any reader of the log understands
/usr/bin/python3 - "$builddir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)['result']
    if r in ('OK', 'EXPECTEDFAIL'):
        passed += 1
    elif r == 'SKIP':
        skipped += 1
    else:
        failed += 1
print(f'tests: {passed} passed, {failed} failed, {skipped} skipped')
PY
exit $status
