#!/usr/bin/env bash
# The Debian package, checked as a technician would meet it: the desktop entries and the AppStream
# metainfo validate, `cargo deb` builds the .deb (from the dev profile that `cargo test` already
# built: --no-build, so CI compiles nothing twice), and the package unpacked into a scratch root
# runs.
# Needs desktop-file-utils, appstream and cargo-deb (tests/prepare installs them when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

desktop-file-validate packaging/linux/cn.bianmin.Bianmin.desktop
desktop-file-validate packaging/kiosk/bianmin-kiosk-session.desktop
desktop-file-validate packaging/display/cn.bianmin.Display.desktop
appstreamcli validate --no-net --pedantic packaging/linux/cn.bianmin.Bianmin.metainfo.xml

deb=$(cargo deb --profile dev --no-build --quiet | tail -n 1)
[ -f "$deb" ] || { echo "deb-check: cargo deb made no package ($deb)" >&2; exit 1; }
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
for path in usr/bin/bianmin usr/bin/bianmin-county \
  usr/share/applications/cn.bianmin.Bianmin.desktop \
  usr/share/applications/cn.bianmin.Display.desktop \
  usr/share/metainfo/cn.bianmin.Bianmin.metainfo.xml \
  usr/share/icons/hicolor/scalable/apps/cn.bianmin.Bianmin.svg \
  usr/share/icons/hicolor/256x256/apps/cn.bianmin.Bianmin.png \
  usr/lib/systemd/system/bianmin-kiosk.service \
  usr/share/doc/bianmin/copyright; do
  [ -e "$root/$path" ] || { echo "deb-check: $path is missing from $deb" >&2; exit 1; }
done
"$root/usr/bin/bianmin" --version
"$root/usr/bin/bianmin-county" --version
dpkg-deb --field "$deb" Package Version Depends Recommends
echo "deb-check: $deb is good"
