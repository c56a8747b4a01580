#!/usr/bin/env bash
# Set-up shared by scripts/kiosk and scripts/test: system libraries Qt needs (Debian/Ubuntu),
# then a virtual environment in .venv with the project installed. Safe to run again: it only
# installs what is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SYSTEM_PACKAGES=(
  python3-venv
  # Qt (PySide6) offscreen and on X11/Wayland:
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 fonts-dejavu-core
  # NFC readers (pyscard is built from source against libpcsclite) and USB printers:
  pcscd libpcsclite1 libpcsclite-dev gcc python3-dev libusb-1.0-0
  ${EXTRA_SYSTEM_PACKAGES:-}
)

if command -v dpkg >/dev/null 2>&1; then
  missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing system packages: ${missing[*]}"
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "not a Debian-like system: install the Qt runtime libraries yourself (see README)" >&2
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
EXTRAS=${1:-}
stamp=".venv/.installed${EXTRAS:+-$EXTRAS}"
# Already installed: a stamp newer than pyproject.toml whose extras include every extra asked for
# (so `setup.sh hub` after `setup.sh test,hub` installs nothing).
installed() {
  local have want
  for have in .venv/.installed*; do
    [ -f "$have" ] && [ ! pyproject.toml -nt "$have" ] || continue
    have=",${have#.venv/.installed}," have="${have/,-/,}"
    for want in ${EXTRAS//,/ }; do
      [[ "$have" == *",$want,"* ]] || continue 2
    done
    return 0
  done
  return 1
}
if ! installed; then
  .venv/bin/python -m pip install -q -e ".${EXTRAS:+[$EXTRAS]}"
  touch "$stamp"
fi
