#!/usr/bin/env bash
# Build the one-folder bundle in dist/licenseapp (needs the dev extras: pip install -e '.[dev]').
# The build machine needs libxcb-icccm4 and libxcb-keysyms1, or the bundle ships without them;
# the target needs libgl1 and libegl1 (PLATFORM.md).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
"$VENV/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/licenseapp.spec
echo "Bundle: dist/licenseapp/licenseapp (try: dist/licenseapp/licenseapp --version)"
