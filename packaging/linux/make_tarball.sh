#!/usr/bin/env bash
# The Linux download: dist/LicenseApp-<version>-linux-<arch>.tar.gz, holding the one-folder
# bundle (packaging/build.sh, run first), the menu entry, the AppStream metadata, the icons
# in every size, and install.sh. packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x dist/licenseapp/licenseapp ] || { echo "build the bundle first: packaging/build.sh" >&2; exit 1; }
version=$(dist/licenseapp/licenseapp --version | awk '{print $2}')
name="LicenseApp-$version-linux-$(uname -m)"
stage="build/$name"
rm -rf "$stage"
mkdir -p "$stage/share/applications" "$stage/share/metainfo" \
  "$stage/share/icons/hicolor/scalable/apps"
cp -a dist/licenseapp "$stage/licenseapp"
cp packaging/licenseapp.desktop "$stage/share/applications/"
cp packaging/io.licenseapp.LicenseApp.metainfo.xml "$stage/share/metainfo/"
cp resources/icons/licenseapp.svg "$stage/share/icons/hicolor/scalable/apps/"
for png in resources/icons/licenseapp-*.png; do
  size=$(basename "$png" .png); size=${size#licenseapp-}
  mkdir -p "$stage/share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$stage/share/icons/hicolor/${size}x${size}/apps/licenseapp.png"
done
cp packaging/linux/install.sh "$stage/"
tar -C build -czf "dist/$name.tar.gz" "$name"
rm -rf "$stage"
echo "dist/$name.tar.gz ($(du -h "dist/$name.tar.gz" | cut -f1))"
