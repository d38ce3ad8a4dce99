#!/usr/bin/env bash
# -o through a symlink writes the file the link names, as a shell's `>` does: an existing file
# is replaced, a file not yet there is created, a relative link is read from the link's folder;
# the link itself stays a link. A loop of links is an error (exit 2), and nothing is written. A
# link to the --update-history file, there or not yet, is refused as that file is (exit 64).
#   output_symlinks.sh RUNAUDIT SAMPLE.gpx WORKDIR
set -euo pipefail
runaudit=$1 sample=$2 work=$3
rm -rf "$work"
mkdir -p "$work/reports"

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
audit() { "$runaudit" -q --fail-on never -f json -o "$1" "$sample"; }
is_report() { grep -q '"schema_version": 1' "$1" || fail "$1 is not the report"; }

echo old >"$work/reports/existing.json"
ln -s "$work/reports/existing.json" "$work/to-existing.json"
audit "$work/to-existing.json"
[ -L "$work/to-existing.json" ] || fail "the link to an existing file was replaced"
is_report "$work/reports/existing.json"

ln -s "$work/reports/new.json" "$work/to-new.json"
audit "$work/to-new.json"
[ -L "$work/to-new.json" ] || fail "the link to a file not yet there was replaced"
is_report "$work/reports/new.json"

ln -s reports/relative.json "$work/relative.json"
ln -s relative.json "$work/chain.json"
audit "$work/chain.json"
[ -L "$work/chain.json" ] && [ -L "$work/relative.json" ] || fail "a link of the chain was replaced"
is_report "$work/reports/relative.json"

ln -s loop-b.json "$work/loop-a.json"
ln -s loop-a.json "$work/loop-b.json"
rc=0
err=$(audit "$work/loop-a.json" 2>&1) || rc=$?
[ "$rc" = 2 ] || fail "a loop of links: exit $rc, expected 2"
[[ $err == *"loop-a.json: Too many levels of symbolic links"* ]] || fail "a loop of links: '$err'"
[ -L "$work/loop-a.json" ] && [ -L "$work/loop-b.json" ] || fail "a link of the loop was replaced"
[ -z "$(find "$work" -name '.*tmp-*')" ] || fail "a temporary file was left"

ln -s history.jsonl "$work/to-history.json"
rc=0
(cd "$work" && "$runaudit" -q -o to-history.json --update-history history.jsonl "$sample") \
  2>/dev/null || rc=$?
[ "$rc" = 64 ] || fail "-o through a link to the --update-history file: exit $rc, expected 64"
[ ! -e "$work/history.jsonl" ] || fail "the history was written"
echo "ok"
