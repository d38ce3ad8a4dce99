#!/usr/bin/env bash
# Formats the C++ sources with .clang-format; with --check, only reports (exit 1 if unformatted).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files -co --exclude-standard -- 'include/*.hpp' 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'tests/*.hpp')
command -v clang-format >/dev/null || { echo "format.sh: clang-format not installed, skipped" >&2; exit 0; }
if [ "${1:-}" = "--check" ]; then
  clang-format --dry-run -Werror "${files[@]}"
else
  clang-format -i "${files[@]}"
fi
