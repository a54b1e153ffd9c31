#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, smoke-test the frozen executable on a fresh
# station-scale demo database, then (if makensis is present) compile the installer script.
# On Linux this proves the pipeline; the Windows bundle is built the same way on Windows.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}
$PY -m pip install -q "pyinstaller>=6"
$PY -m PyInstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller installer/zxdesk.spec
APP=dist/zxdesk/zxdesk
DB=$(mktemp -d)/smoke.sqlite3
"$APP" demo --scale station --db "$DB"
QT_QPA_PLATFORM=offscreen "$APP" --smoke-test --db "$DB"
if command -v makensis >/dev/null 2>&1; then
  makensis -V2 -DVERSION="$($PY -c 'import zxdesk; print(zxdesk.__version__)')" -DSRCDIR="../dist/zxdesk" installer/zxdesk.nsi
fi
echo "frozen build OK: dist/zxdesk"
