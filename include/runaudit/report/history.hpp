#pragma once
/// @file
/// History files: the JSONL results of earlier audits, kept from week to week, so that a run's
/// baseline (the athlete's runs in the six weeks before it) sees runs audited before
/// (docs/ARCHITECTURE.md, "The batch"; docs/ARCHITECTURE.md, "History").

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/engine.hpp"

namespace runaudit::report {

/// Adds the runs of a history stream to @p store: each run line with an athlete and a start
/// time, with its baseline_gap_s_per_km (runs that count for baselines) or NaN (runs without:
/// skipped, under 1 km, a doubtful sport; held so that a later job knows a job saw them,
/// BatchSink::late), and the watch's HR anchors it carries (device_max_hr_bpm,
/// device_threshold_hr_bpm: BaselineStore::add_device_heart_rate). Other lines (errors, shard
/// lines) are read and left out.
/// @param in    JSONL as `--format jsonl` or `--update-history` writes it.
/// @param name  the stream's name for errors.
/// @throws io::ParseError bad_results naming @p name and the line (as read_results).
void read_history(std::istream& in, const std::string& name, audit::BaselineStore& store);

/// A run in a history file: its athlete and start time (UTC ms), or, for a run without one
/// (RunRecord::start_time_ms unset), its audit::undated_name().
struct HistoryKey {
  std::string athlete;                        ///< as the run line names it (RunRecord::athlete)
  std::optional<std::int64_t> start_time_ms;  ///< UTC ms; unset for a run without a start time
  std::string undated_name;                   ///< audit::undated_name(); empty when start_time_ms
                                              ///< is set
};

/// A line for a history file (JSONL, ending in a newline) and the run it holds.
struct HistoryLine {
  HistoryKey key;
  std::string line;
};

/// Writes a history file: the run lines of @p earlier that stand for no run of @p lines, as they
/// were written, then @p lines (this batch's), then those of @p if_absent for which neither
/// holds a line; in the order of their start times (then athletes, then as given; lines without
/// a start time last), so that the same job run again writes the same bytes. A line stands for
/// a run when it names the same athlete (case and Unicode normalisation aside, as
/// audit::BaselineStore) and starts within audit::same_activity_ms of it: the same
/// activity read from another copy (a FIT from its first record, a GPX export from its first
/// fix) replaces the line, never adds a second; a run without a start time, when it has the same
/// audit::undated_name(). Lines of @p earlier that are not runs are dropped.
/// @param earlier    the current history (may be empty); @p name its name for errors.
/// @param lines      this batch's runs.
/// @param if_absent  runs an earlier job's record stands for (held by --history, outside this
///                   batch's window), with their lines for a file that lacks them (keyed).
/// @throws io::ParseError bad_results for a line of @p earlier that is not JSON.
void write_history(std::istream& earlier, const std::string& name,
                   const std::vector<HistoryLine>& lines, const std::vector<HistoryLine>& if_absent,
                   std::ostream& out);

}  // namespace runaudit::report
