#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages zxdesk needs that pip cannot provide, if missing:
# the libraries Qt's offscreen and xcb platforms load, poppler-utils (pdftotext/pdftoppm
# for PDF tests) and python3-venv. Does nothing on other systems or when all are present.
set -euo pipefail
command -v dpkg-query >/dev/null 2>&1 || exit 0
want=(libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 poppler-utils
      libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
      libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 "$@")
if ! python3 -c "import ensurepip, venv" >/dev/null 2>&1; then
  want+=(python3-venv)
fi
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
