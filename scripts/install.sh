#!/bin/sh
# Installs animatic under PREFIX (make install PREFIX=...): PREFIX/libexec/animatic/ holds
# the `animatic` launcher, the `animatic-commands` front end it runs for every command it
# does not run itself, the `animatic-media` helper that one runs for media work, and the
# resource bundles they find beside themselves; PREFIX/bin/animatic links to the launcher.
#
#   scripts/install.sh PREFIX [PRODUCTS [FRONT_END]]
#
# PRODUCTS is the folder `swift build` put the programs in (default: .build/release);
# FRONT_END, when given, the folder of a separately built `animatic` and `animatic-commands`
# (make build links them with --static-swift-stdlib in a build folder of its own).
set -eu
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: scripts/install.sh PREFIX [PRODUCTS [FRONT_END]]" >&2
    exit 64
fi
prefix=$1
products=${2:-.build/release}
front_end=${3:-$products}
folder="$prefix/libexec/animatic"
mkdir -p "$folder" "$prefix/bin"
for program in animatic animatic-commands animatic-media; do
    from=$products
    [ "$program" != animatic-media ] && from=$front_end
    if [ ! -x "$from/$program" ]; then
        echo "install.sh: $from/$program is missing; build both programs first (make build)" >&2
        exit 66
    fi
    # A new file renamed into place: a running copy of the old one keeps working.
    cp "$from/$program" "$folder/.$program.new"
    chmod 755 "$folder/.$program.new"
    mv -f "$folder/.$program.new" "$folder/$program"
done
for bundle in "$products"/*.resources; do
    [ -d "$bundle" ] || continue
    name=$(basename "$bundle")
    rm -rf "$folder/.$name.new"
    cp -R "$bundle" "$folder/.$name.new"
    rm -rf "$folder/$name"
    mv "$folder/.$name.new" "$folder/$name"
done
ln -sfn ../libexec/animatic/animatic "$prefix/bin/animatic"
echo "installed $prefix/bin/animatic (put $prefix/bin on PATH)"
