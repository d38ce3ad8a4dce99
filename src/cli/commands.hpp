#pragma once
// The runaudit commands: each returns the exit status (exit_codes.hpp).

#include "options.hpp"

namespace runaudit::cli {

/// Audits every run found under the paths and writes the report.
int run_audit(const AuditOptions& options);

/// Renders JSONL results (several shards) as one report.
int run_report(const ReportCommandOptions& options);

/// Prints what was read from each file.
int run_inspect(const InspectOptions& options);

}  // namespace runaudit::cli
