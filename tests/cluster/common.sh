# Sourced by the cluster tests. The batch and the single-process reference live in BATCH_DIR
# (made once by batch.sh, the CTest fixture cluster.batch):
#   BATCH_DIR/gpx/ATHLETE/*.gpx, BATCH_DIR/tcx/ATHLETE/*.tcx   the runs (make-batch.py)
#   BATCH_DIR/single.jsonl      one audit of everything (--series)
#   BATCH_DIR/report.FORMAT     `runaudit report` of single.jsonl: what a merge must give
#   BATCH_DIR/direct.FORMAT     one audit straight to FORMAT, for the formats in exact_formats
formats=(text json jsonl csv junit markdown html)
# The formats in which `runaudit report` of JSONL equals the direct audit byte for byte. Text,
# Markdown and HTML round some metrics a second time after the JSONL's 0.1 (an HR of 120.47
# bpm is 120.5 there, then printed 120, where the direct audit prints 121): docs/cluster.md.
exact_formats=(json jsonl csv junit)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# Exit 77: CTest's SKIP_RETURN_CODE for these tests. Says why on stdout (ctest shows it).
skip() {
  echo "SKIP: $*"
  exit 77
}

# The inputs of the batch, as every test gives them.
batch_inputs() {
  echo "$1/gpx" "$1/tcx"
}

# The formats as a comma-separated list (shard.sh merge).
format_list() {
  local IFS=,
  echo "${formats[*]}"
}

# same_reports BATCH_DIR RESULT_DIR: every format's RESULT_DIR/report.FORMAT is byte-identical
# to BATCH_DIR/report.FORMAT, the single-process audit's.
same_reports() {
  local format
  for format in "${formats[@]}"; do
    [ -s "$2/report.$format" ] || fail "$2/report.$format is missing or empty"
    cmp "$1/report.$format" "$2/report.$format" ||
      fail "$2/report.$format differs from the single-process $1/report.$format"
  done
  echo "merged reports identical to the single-process audit's: ${formats[*]}"
}
