#!/usr/bin/env bash
# Builds a Debian package of asic with dpkg-deb: the binary (Swift runtime linked in statically, so
# only Debian's own libraries are needed), the man page, bash/zsh/fish completions, the copyright and
# changelog; Depends computed from the libraries the binary links (dpkg -S, as dpkg-shlibdeps would).
# Usage: scripts/make-deb.sh BINARY OUTPUT_DIR     (make deb builds the static binary first)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$1
OUT=$2
VERSION=$("$BIN" --version)
ARCH=$(dpkg --print-architecture)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
PKG=$STAGE/asic
install -d "$PKG/DEBIAN" "$PKG/usr/bin" "$PKG/usr/share/man/man1" "$PKG/usr/share/doc/asic" \
    "$PKG/usr/share/bash-completion/completions" "$PKG/usr/share/zsh/vendor-completions" "$PKG/usr/share/fish/vendor_completions.d"
# `asic serve` runs asic-serve, which must sit beside asic.
SERVE_BIN=$(dirname "$BIN")/asic-serve
install -m 755 "$BIN" "$PKG/usr/bin/asic"
install -m 755 "$SERVE_BIN" "$PKG/usr/bin/asic-serve"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$PKG/usr/bin/asic" "$PKG/usr/bin/asic-serve"
gzip -9n < "$ROOT/man/asic.1" > "$PKG/usr/share/man/man1/asic.1.gz"
# bash-completion sources the file: no interpreter line.
"$BIN" --generate-completion-script bash | sed '1{/^#!/d}' > "$PKG/usr/share/bash-completion/completions/asic"
"$BIN" --generate-completion-script zsh > "$PKG/usr/share/zsh/vendor-completions/_asic"
"$BIN" --generate-completion-script fish > "$PKG/usr/share/fish/vendor_completions.d/asic.fish"
chmod 644 "$PKG"/usr/share/*/completions/* "$PKG"/usr/share/zsh/vendor-completions/* "$PKG"/usr/share/fish/vendor_completions.d/*
cat > "$PKG/usr/share/doc/asic/copyright" <<COPYRIGHT
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: asic

Files: *
Copyright: 2026 the asic authors
License: Apache-2.0
 On Debian systems, the full text of the Apache License, Version 2.0, can be
 found in /usr/share/common-licenses/Apache-2.0.
COPYRIGHT
printf 'asic (%s-1) unstable; urgency=medium\n\n  * Release %s.\n\n -- asic maintainers <asic@example.org>  %s\n' \
    "$VERSION" "$VERSION" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" | gzip -9n > "$PKG/usr/share/doc/asic/changelog.Debian.gz"
# The Debian packages of the libraries the binary names (its NEEDED entries, as dpkg-shlibdeps reads
# them), with the installed versions as minimums; and libcurl, which it opens only when it fetches
# (dlopen of libcurl.so.4, so not among its NEEDED entries).
DEPENDS=$( (readelf -d "$BIN" "$SERVE_BIN" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'; echo libcurl.so.4) | while read -r soname; do
        dpkg -S "*/$soname" 2>/dev/null | head -1 | cut -d: -f1 || true
    done | sort -u | while read -r package; do
        [ -n "$package" ] && echo "$package (>= $(dpkg-query -W -f='${Version}' "$package" | sed 's/-[^-]*$//'))"
    done | paste -sd, - | sed 's/,/, /g')
SIZE=$(du -sk "$PKG/usr" | cut -f1)
cat > "$PKG/DEBIAN/control" <<CONTROL
Package: asic
Version: $VERSION-1
Architecture: $ARCH
Maintainer: asic maintainers <asic@example.org>
Installed-Size: $SIZE
Depends: $DEPENDS
Section: utils
Priority: optional
Homepage: https://example.org/asic
Description: validate, inspect and extract signed ASiC-E and BDOC containers
 asic gives the ETSI EN 319 102-1 verdict on every signature of an ASiC-E,
 ASiC-S or BDOC container (the files Estonian ID-card, Mobile-ID and Smart-ID
 signing and e-seal services produce), against the EU trusted lists, with
 text, JSON, HTML and ETSI XML reports; it also inspects, safely extracts,
 creates and signs such containers.
CONTROL
# Not a Debian upload: there is no ITP bug for the first changelog entry to close.
install -d "$PKG/usr/share/lintian/overrides"
echo "asic: initial-upload-closes-no-bugs" > "$PKG/usr/share/lintian/overrides/asic"
find "$PKG" -type d -exec chmod 755 {} +
mkdir -p "$OUT"
dpkg-deb --root-owner-group --build "$PKG" "$OUT/asic_${VERSION}-1_${ARCH}.deb" >/dev/null
echo "$OUT/asic_${VERSION}-1_${ARCH}.deb"
