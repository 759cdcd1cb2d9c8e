#!/usr/bin/env bash
# Build dist/LicenseApp.app and a disk image on macOS (packaging/README.md, "macOS"), with
# Python 3.13 from python.org (universal2) or Homebrew:
#   bash packaging/macos/build_app.sh
# Signing and notarization need the team's Developer ID certificate in the keychain and a
# notarytool profile; set SIGN_IDENTITY="Developer ID Application: … (TEAMID)" and
# NOTARY_PROFILE=licenseapp to do them; without, the app is built unsigned (for testing).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${LICENSEAPP_BUNDLE_PYTHON:-python3.13}
VENV=build/bundle-venv
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check '.[bundle]'
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN --distpath dist \
  --workpath build/pyinstaller packaging/licenseapp.spec
APP=dist/LicenseApp.app
"$APP/Contents/MacOS/licenseapp" --version
if [ -n "${SIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp \
    --entitlements packaging/macos/entitlements.plist --sign "$SIGN_IDENTITY" "$APP"
  codesign --verify --strict --verbose=2 "$APP"
fi
DMG=dist/LicenseApp-$("$APP/Contents/MacOS/licenseapp" --version | awk '{print $2}').dmg
rm -f "$DMG"
hdiutil create -volname LicenseApp -srcfolder "$APP" -ov -format UDZO "$DMG"
if [ -n "${SIGN_IDENTITY:-}" ] && [ -n "${NOTARY_PROFILE:-}" ]; then
  codesign --sign "$SIGN_IDENTITY" --timestamp "$DMG"
  xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
  xcrun stapler staple "$DMG"
fi
echo "$DMG"
