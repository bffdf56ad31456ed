#!/bin/bash
# tools/install-deps.sh — install the Debian 12 packages Tongxing builds and tests with
#
# Installs only what is missing, so a machine that has everything needs no
# network. Run as root (or with sudo available).
set -euo pipefail

packages=(
  # build
  gcc libc6-dev meson ninja-build pkg-config gettext
  libglib2.0-dev libjson-glib-dev libsqlite3-dev libxlsxwriter-dev libsodium-dev
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
