#!/usr/bin/env bash
# Collect the UI's strings into the .ts files (keeping existing translations) and compile the .qm files.
# Edit translations with pyside6-linguist, then run this again.
set -euo pipefail
cd "$(dirname "$0")/.."
for lang in en; do
  ts="assets/translations/club_kiosk_${lang}.ts"
  pyside6-lupdate pos_app/ui/*.py -source-language da_DK -target-language "${lang}" -ts "$ts"
  pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
