#!/bin/bash
# tools/install-deps.sh — install the Debian 12 packages Tongxing builds and tests with
#
# Installs only what is missing, so a machine that has everything needs no
# network. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # build
  gcc libc6-dev meson ninja-build pkg-config gettext
  libglib2.0-dev libjson-glib-dev libxlsxwriter-dev libsodium-dev
  # reading ledgers and lists: the xlsx container (libgsf) streamed through
  # libxml2's reader, Excel 97-2003 workbooks (libfreexl)
  libgsf-1-dev libxml2-dev libfreexl-dev
  # the application
  libgtk-4-dev libadwaita-1-dev
  # running it: SVG icons, the MIME database, a font with Chinese characters
  librsvg2-common shared-mime-info adwaita-icon-theme fonts-wqy-microhei
  # tests: Debian's python3 (not another one first on PATH), a virtual
  # display for the widget tests, validators of the desktop and metainfo files,
  # LibreOffice Calc to open our workbooks as the county office will
  python3 python3-openpyxl qpdf poppler-utils xvfb xauth desktop-file-utils appstream
  libreoffice-calc-nogui
  # minisign checks our bundles' signatures as a county office would
  minisign
  # the widget tests press keys and click through the X server's XTest
  libxtst6
)

missing=()
for p in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != "installed" ]; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# SQLite3 Multiple Ciphers: SQLite with page-level authenticated encryption
# (ChaCha20-Poly1305 in each page's reserved bytes, the write-ahead log
# encrypted too). Debian 12 has no package of it (its SQLCipher is 3.4.1, on
# SQLite 3.15), so its amalgamation comes from the npm package that ships it,
# pinned, and checked against the registry's integrity hash before a byte of it
# is used; the build compiles it as a static library (third_party/sqlite3mc).
mc_version=13.0.3   # better-sqlite3-multiple-ciphers 13.0.3 = SQLite3MC 2.4.0, SQLite 3.53.4
mc_integrity=sha512-UYabM82r1J84TLWc/SszoHs6XopWpl/2HCg3Nui1JUaFXg/VLswzkPowYiRhK/4CftI8dgtikwyZQecMldrGxQ==
mc_dir="$(cd "$(dirname "$0")/.." && pwd)/third_party/sqlite3mc"
if [ ! -f "$mc_dir/sqlite3.c" ] || [ "$(cat "$mc_dir/.integrity" 2>/dev/null)" != "$mc_integrity" ]; then
  if ! command -v npm >/dev/null; then
    echo "Installing: npm"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends npm
  fi
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  echo "Fetching better-sqlite3-multiple-ciphers@$mc_version (the SQLite3 Multiple Ciphers amalgamation)"
  (cd "$tmp" && npm pack --silent "better-sqlite3-multiple-ciphers@$mc_version" >/dev/null)
  tarball="$tmp/better-sqlite3-multiple-ciphers-$mc_version.tgz"
  got="sha512-$(openssl dgst -sha512 -binary "$tarball" 2>/dev/null | base64 -w0 ||
                /usr/bin/python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$tarball")"
  if [ "$got" != "$mc_integrity" ]; then
    echo "better-sqlite3-multiple-ciphers@$mc_version does not match its pinned integrity hash:" >&2
    echo "  expected $mc_integrity" >&2
    echo "  got      $got" >&2
    echo "Nothing was installed. Check the network (a proxy rewriting downloads?) and try again." >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$tmp" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h package/LICENSE
  mkdir -p "$mc_dir"
  cp "$tmp/package/deps/sqlite3/sqlite3.c" "$tmp/package/deps/sqlite3/sqlite3.h" "$mc_dir/"
  cp "$tmp/package/LICENSE" "$mc_dir/LICENSE.better-sqlite3-multiple-ciphers"
  echo "$mc_integrity" > "$mc_dir/.integrity"
fi
