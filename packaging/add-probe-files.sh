#!/usr/bin/env bash
# Adds the probe service's files outside /opt to the .deb jpackage made (jpackage puts everything under its
# install dir and knows no conffiles):
#   /usr/lib/systemd/system/gapwatch-probe.service   the unit (installed disabled; postinst creates its user)
#   /etc/gapwatch/probe.json                         example config, a dpkg conffile: an upgrade keeps local edits
# Usage: packaging/add-probe-files.sh DEB     (run by the installer profile after jpackage; needs fakeroot, dpkg-deb)
set -euo pipefail
DEB=$(readlink -f "$1")
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

fakeroot -- sh -e -c '
    dpkg-deb -R "$1" "$2/root"
    install -D -m 644 "$3/probe/gapwatch-probe.service" "$2/root/usr/lib/systemd/system/gapwatch-probe.service"
    install -D -m 644 "$3/probe/probe.json" "$2/root/etc/gapwatch/probe.json"
    echo /etc/gapwatch/probe.json >> "$2/root/DEBIAN/conffiles"
    chmod 644 "$2/root/DEBIAN/conffiles"
    size=$(du -sk --exclude=DEBIAN "$2/root" | cut -f1)
    sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$2/root/DEBIAN/control"
    dpkg-deb --root-owner-group -Zxz -b "$2/root" "$1" >/dev/null
' sh "$DEB" "$WORK" "$HERE"
echo "add-probe-files: $DEB has gapwatch-probe.service and the conffile /etc/gapwatch/probe.json"
