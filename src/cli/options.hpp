#pragma once
// Command-line options (Boost.Program_options) of the runaudit commands.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "runaudit/audit/audit.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/audit/limits.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/local_time.hpp"
#include "runaudit/report/writer.hpp"

namespace runaudit::cli {

/// A usage or configuration error: one line, exit status 64.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A file the options name (--athletes, --history, --plan, a results file of `runaudit report`)
/// that cannot be read as one: exit status 64 as a usage error, but its line names the file
/// (and line) and not --help: the options were right, the file is not.
struct InputFileError : UsageError {
  using UsageError::UsageError;
};

struct AuditOptions {
  std::vector<std::string> paths;
  std::string format = "text";  ///< one of report::formats
  std::string output = "-";     ///< file, or - for stdout
  Units units = Units::metric;
  std::string athlete;               ///< --athlete: overrides folder names
  std::string athletes_file;         ///< --athletes
  audit::LimitInputs limits;         ///< from flags, SI
  audit::LimitInputs config_limits;  ///< from the --config file, SI (flags win)
  report::FailOn fail_on;            ///< --fail-on
  audit::Selection selection;
  bool quiet = false;
  bool list_ignored = false;       ///< --list-ignored: name the files passed over on stderr
  bool series = false;             ///< --series: add downsampled curves to json/jsonl
  unsigned jobs = 1;               ///< worker threads (default: hardware threads)
  unsigned shard = 1, shards = 1;  ///< --shard K/N: audit only the K-th of N parts
  bool sharded = false;            ///< --shard given: JSONL results start with a shard line
  std::string progress = "auto";   ///< auto | always | never
  io::ReadLimits read_limits;      ///< --max-file-size, --max-inflated-size, --max-trackpoints
  std::vector<std::string> history_files;  ///< --history (JSONL results)
  std::string update_history;              ///< --update-history FILE; empty: none
  std::string plan_file;                   ///< --plan FILE; empty: none
  /// The files the options name, as (option, path): --athletes, --plan, --config, --history,
  /// --update-history (empty paths included); passed over among the inputs.
  std::vector<std::pair<std::string, std::string>> option_files;
  DayRange window;                    ///< --since, --until (local days)
  std::optional<TimeZone> time_zone;  ///< --timezone
};

struct ReportCommandOptions {
  std::vector<std::string> paths;  ///< JSONL results files
  std::string format = "text";
  std::string output = "-";
  Units units = Units::metric;
  report::FailOn fail_on;      ///< --fail-on
  unsigned expect_shards = 0;  ///< --expect-shards N; 0: the N the shard lines give, if any
  bool partial = false;        ///< --partial: render what is there, missing shards or not
  bool quiet = false;          ///< -q: no notes on stderr, only errors
};

struct InspectOptions {
  std::vector<std::string> paths;
  std::string format = "text";
  std::string output = "-";
  io::ReadLimits read_limits;
};

/// What the command line asks for.
struct Command {
  enum Kind { audit, inspect, report, help, version } kind = audit;
  AuditOptions audit_options;
  ReportCommandOptions report_options;
  InspectOptions inspect_options;
  std::string help_text;
};

/// Parses argv (without argv[0]). The first argument may name the command (`audit`,
/// `inspect`); without one, `audit` is meant.
/// @throws UsageError with a one-line message on unknown options and bad values.
Command parse_command_line(const std::vector<std::string>& args);

}  // namespace runaudit::cli
