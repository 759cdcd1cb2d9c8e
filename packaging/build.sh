#!/usr/bin/env bash
# Build the one-folder bundle in dist/licenseapp, with the newest Python found (3.13, 3.12;
# else python3) in a venv of its own (build/bundle-venv) that holds only the program's run-time
# packages and PyInstaller: no test or dev tool can end up in the bundle. packaging/README.md.
#   LICENSEAPP_BUNDLE_PYTHON=/path/to/python  use that interpreter instead
# The build machine needs libxcb-icccm4 and libxcb-keysyms1, or the bundle ships without them;
# the target needs libgl1 and libegl1 (PLATFORM.md).
set -euo pipefail
cd "$(dirname "$0")/.."

newest_python() {
  local candidate
  for candidate in python3.13 python3.12 /root/.pyenv/versions/3.13*/bin/python3 \
      /root/.pyenv/versions/3.12*/bin/python3 python3; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys, sysconfig; sys.exit(not sysconfig.get_config_var("Py_ENABLE_SHARED") and sys.platform == "linux")' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  echo "no Python with a shared libpython found" >&2
  return 1
}

PYTHON=${LICENSEAPP_BUNDLE_PYTHON:-$(newest_python)}
VENV=build/bundle-venv
want=$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
have=$("$VENV/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || true)
if [ "$want" != "$have" ]; then
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
fi
echo "== bundle venv: $VENV (Python $want from $PYTHON)"
"$VENV/bin/pip" install -q --disable-pip-version-check '.[bundle]' 2>&1 \
  | { grep -v "is ignored: it is neither a file nor a directory" || true; }
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/licenseapp.spec
echo "Bundle: dist/licenseapp/licenseapp (try: dist/licenseapp/licenseapp --version)"
