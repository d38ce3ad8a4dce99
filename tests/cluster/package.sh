#!/usr/bin/env bash
# The Debian package: builds it with CPack from BUILD_DIR, checks its name, its Depends (every
# library the binary links, mapped to its Debian package by dpkg, must be there: what
# dpkg-shlibdeps was asked to find) and its files; installs it into a throwaway root
# (dpkg --root, nothing of the machine's own package state is touched) and runs the installed
# binary and man page; as root, asks apt whether `apt-get install ./PACKAGE.deb` would work
# (a simulation: nothing is installed).
#   package.sh BUILD_DIR VERSION SAMPLES_DIR WORK_DIR
set -euo pipefail
build=$1 version=$2 samples=$3 work=$4
. "$(dirname "$0")/common.sh"
for tool in dpkg dpkg-deb dpkg-shlibdeps cpack man; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (a Debian machine: scripts/install-deps.sh)"
done
rm -rf "$work"
mkdir -p "$work"

cpack -G DEB -B "$work" --config "$build/CPackConfig.cmake" >"$work/cpack.log" 2>&1 ||
  fail "cpack failed: $(cat "$work/cpack.log")"
deb=$work/runaudit_${version}_$(dpkg --print-architecture).deb
[ -f "$deb" ] || fail "no $deb; cpack made: $(ls "$work")"

# Depends: each shared library runaudit needs directly, as dpkg knows its package (independently
# of dpkg-shlibdeps: the dynamic section's NEEDED entries, resolved by ldd, looked up by dpkg -S;
# what those libraries need in turn is their packages' own Depends).
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
binary=$build/src/runaudit
while read -r lib path; do
  real=$(readlink -f "$path")
  owner=$(dpkg -S "$real" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)
  owner=${owner%%:*}
  [ -n "$owner" ] || fail "no Debian package owns $path ($lib)"
  [[ ", $depends," == *", $owner "* || ", $depends," == *", $owner,"* ]] ||
    fail "Depends lacks $owner (for $lib): $depends"
done < <(needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
         ldd "$binary" | awk -v needed="$needed" '
           BEGIN { n = split(needed, list, "\n"); for (i = 1; i <= n; ++i) direct[list[i]] = 1 }
           $2 == "=>" && $3 ~ /^\// && ($1 in direct) { print $1, $3 }')
for package in libpugixml1v5 libboost-program-options1.74.0 zlib1g; do
  [[ ", $depends," == *", $package "* ]] || fail "Depends lacks $package: $depends"
done

contents=$(dpkg-deb -c "$deb")
for file in ./usr/bin/runaudit ./usr/share/man/man1/runaudit.1.gz \
  ./usr/share/doc/runaudit/README.md ./usr/share/doc/runaudit/docs/cluster.md; do
  grep -q " $file\$" <<<"$contents" || fail "$file is not in the package:"$'\n'"$contents"
done

# A throwaway root: dpkg's own database there, dependencies taken as present (they are on this
# machine, where the binary will find them).
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
dpkg --root="$root" --force-depends --force-not-root --force-script-chrootless \
  --log=/dev/null -i "$deb" >"$work/dpkg.log" 2>&1 || fail "dpkg --root -i failed: $(cat "$work/dpkg.log")"
dpkg --root="$root" -s runaudit | grep -q '^Status: install ok installed' ||
  fail "dpkg --root does not list runaudit as installed"
installed=$root/usr/bin/runaudit
[ "$("$installed" --version)" = "runaudit $version" ] || fail "--version: $("$installed" --version)"
"$installed" -q --fail-on never "$samples" | grep -q ' audited: ' || fail "the installed runaudit audits nothing"

# `man runaudit` finds the page under the root's man tree, and it lists every option of the
# three commands' --help.
page=$(MANPATH=$root/usr/share/man MANWIDTH=100 man -P cat runaudit 2>/dev/null) ||
  fail "man runaudit finds no page under $root/usr/share/man"
grep -q "^RUNAUDIT(1)" <<<"$page" || fail "man runaudit: not the runaudit(1) page"
for command in "" inspect report; do
  for option in $("$installed" $command --help | grep -oE -- '--[a-z][a-z-]+' | sort -u); do
    grep -qF -- "$option" <<<"$page" || fail "the man page lacks $option of 'runaudit $command'"
  done
done
grep -q "EXIT STATUS" <<<"$page" || fail "the man page has no EXIT STATUS"

if [ "$(id -u)" -eq 0 ]; then
  apt-get install --simulate -o Debug::NoLocking=1 "$deb" >"$work/apt.log" 2>&1 ||
    fail "apt-get install --simulate $deb: $(cat "$work/apt.log")"
  grep -q "^Inst runaudit " "$work/apt.log" || fail "apt would not install runaudit: $(cat "$work/apt.log")"
else
  echo "not root: apt-get install --simulate skipped"
fi
echo "package $(basename "$deb") ok"
