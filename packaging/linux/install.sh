#!/usr/bin/env sh
# Install LicenseApp for this user (no root): the program in ~/.local/opt/licenseapp, the
# command ~/.local/bin/licenseapp, the menu entry, the AppStream metadata and the icons in
# ~/.local/share. Run it from the unpacked tarball:  ./install.sh   (./install.sh --remove)
# PREFIX=/opt INSTALL_SHARE=/usr/local/share ./install.sh  as root installs for everyone.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local/opt}
BIN=${INSTALL_BIN:-$HOME/.local/bin}
SHARE=${INSTALL_SHARE:-${XDG_DATA_HOME:-$HOME/.local/share}}
APP=$PREFIX/licenseapp

remove() {
  rm -rf "$APP" "$BIN/licenseapp" "$SHARE/applications/licenseapp.desktop" \
    "$SHARE/metainfo/io.licenseapp.LicenseApp.metainfo.xml" \
    "$SHARE/icons/hicolor/scalable/apps/licenseapp.svg"
  for icon in "$SHARE"/icons/hicolor/*x*/apps/licenseapp.png; do rm -f "$icon"; done
}

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = "--remove" ]; then
  remove
  refresh
  echo "LicenseApp removed (your databases and settings are kept)."
  exit 0
fi

remove
mkdir -p "$PREFIX" "$BIN" "$SHARE/applications" "$SHARE/metainfo"
cp -a "$HERE/licenseapp" "$APP"
ln -s "$APP/licenseapp" "$BIN/licenseapp"
# The menu entry starts the installed program by its full path (~/.local/bin may not be on
# the desktop session's PATH).
sed -e "s|^Exec=licenseapp |Exec=\"$APP/licenseapp\" |" -e "s|^TryExec=licenseapp|TryExec=$APP/licenseapp|" \
  "$HERE/share/applications/licenseapp.desktop" > "$SHARE/applications/licenseapp.desktop"
cp "$HERE/share/metainfo/io.licenseapp.LicenseApp.metainfo.xml" "$SHARE/metainfo/"
cp -R "$HERE/share/icons" "$SHARE/"
refresh
echo "LicenseApp installed in $APP; start it from the menu or with: $BIN/licenseapp"
