#include "commands.hpp"

#include <iostream>
#include <map>

#include "discover.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "parallel.hpp"
#include "progress.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/audit_report.hpp"
#include "runaudit/report/inspect.hpp"

namespace runaudit::cli {
namespace {

std::vector<io::FileError> problems_as_errors(const Discovery& found) {
  std::vector<io::FileError> errors;
  for (const std::string& problem : found.problems) {
    const auto colon = problem.find(": ");
    errors.push_back(
        io::FileError{problem.substr(0, colon), "io", problem.substr(colon + 2), 0, 0});
  }
  return errors;
}

bool has_pace_anchor(const audit::LimitInputs& in) {
  return in.pace_limit_s_per_km || in.threshold_pace_s_per_km;
}

}  // namespace

int run_audit(const AuditOptions& o) {
  std::map<std::string, audit::LimitInputs> profiles;
  if (!o.athletes_file.empty()) {
    try {
      for (audit::AthleteProfile& p : audit::read_athletes(o.athletes_file))
        profiles[p.name] = p.inputs;
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  const Discovery found = discover(o.paths);
  const auto athlete_of = [&](const Input& in) {
    return !o.athlete.empty() ? o.athlete : !in.athlete.empty() ? in.athlete : "default";
  };
  const auto profile_of = [&](const std::string& athlete) -> const audit::LimitInputs* {
    const auto it = profiles.find(athlete);
    return it == profiles.end() ? nullptr : &it->second;
  };
  const auto needs_baseline = [&](const std::string& athlete) {
    const audit::LimitInputs* p = profile_of(athlete);
    return !has_pace_anchor(o.limits) && !(p && has_pace_anchor(*p));
  };

  const bool show_progress = !o.quiet && (o.progress == "always" ||
                                          (o.progress == "auto" && Progress::stderr_is_terminal()));
  const std::size_t n = found.files.size();

  // Pass 1, only for athletes without a pace anchor: their usual pace from their own runs.
  std::vector<std::vector<double>> file_gaps(n);
  std::vector<std::size_t> baseline_files;
  for (std::size_t i = 0; i < n; ++i)
    if (needs_baseline(athlete_of(found.files[i]))) baseline_files.push_back(i);
  if (!baseline_files.empty()) {
    Progress progress(baseline_files.size(), show_progress);
    parallel_for(
        baseline_files.size(), o.jobs,
        [&](std::size_t k) {
          const std::size_t i = baseline_files[k];
          try {
            for (const Activity& a : io::read_activities(found.files[i].path)) {
              const signal::Prepared p = signal::prepare(a);
              if (audit::skip_reason(a, p, o.selection)) continue;
              if (const auto g = audit::baseline_gap_s_per_km(p)) file_gaps[i].push_back(*g);
            }
          } catch (const io::ParseError&) {
            // reported in pass 2
          }
        },
        [&] { progress.tick(); });
  }
  std::map<std::string, std::vector<double>> gaps;
  for (std::size_t i = 0; i < n; ++i)
    for (const double g : file_gaps[i]) gaps[athlete_of(found.files[i])].push_back(g);
  std::map<std::string, double> usual;
  for (auto& [athlete, list] : gaps)
    if (const auto u = audit::usual_pace(std::move(list))) usual[athlete] = *u;

  // Pass 2: audit, one result slot per file so the order never depends on --jobs.
  audit::RuleOptions rules;
  rules.units = o.units;
  std::vector<std::vector<audit::RunRecord>> file_runs(n);
  std::vector<std::optional<io::FileError>> file_errors(n);
  {
    Progress progress(n, show_progress);
    parallel_for(
        n, o.jobs,
        [&](std::size_t i) {
          const Input& in = found.files[i];
          const std::string athlete = athlete_of(in);
          const auto u = usual.find(athlete);
          const std::optional<double> baseline =
              u == usual.end() ? std::nullopt : std::optional<double>(u->second);
          try {
            for (const Activity& a : io::read_activities(in.path))
              file_runs[i].push_back(audit::audit_activity(a, athlete, o.selection, o.limits,
                                                           profile_of(athlete), baseline, rules));
          } catch (const io::ParseError& e) {
            file_errors[i] = io::to_file_error(e);
          }
        },
        [&] { progress.tick(); });
  }
  std::vector<audit::RunRecord> runs;
  std::vector<io::FileError> errors = problems_as_errors(found);
  for (std::size_t i = 0; i < n; ++i) {
    for (audit::RunRecord& r : file_runs[i]) runs.push_back(std::move(r));
    if (file_errors[i]) errors.push_back(std::move(*file_errors[i]));
  }
  if (!o.quiet && found.ignored > 0)
    std::cerr << "runaudit: " << found.ignored << " other files ignored (not .gpx/.tcx[.gz])\n";

  write_output(o.output, [&](std::ostream& out) {
    if (o.format == "json")
      report::write_audit_json(out, runs, errors);
    else
      report::write_audit_text(out, runs, errors, o.units);
  });

  if (!errors.empty()) return exit_unreadable;
  for (const audit::RunRecord& r : runs) {
    if (!r.audited) continue;
    const audit::Verdict v = r.judgement.verdict;
    if ((o.fail_on == FailOn::fail && v == audit::Verdict::fail) ||
        (o.fail_on == FailOn::warn && v != audit::Verdict::pass))
      return exit_findings;
  }
  return exit_ok;
}

int run_inspect(const InspectOptions& o) {
  const Discovery found = discover(o.paths);
  std::vector<report::InspectRecord> records;
  std::vector<io::FileError> errors = problems_as_errors(found);
  for (const Input& in : found.files) {
    try {
      for (Activity& a : io::read_activities(in.path))
        records.push_back(report::summarise(std::move(a)));
    } catch (const io::ParseError& e) {
      errors.push_back(io::to_file_error(e));
    }
  }
  write_output(o.output, [&](std::ostream& out) {
    if (o.format == "json")
      report::write_inspect_json(out, records, errors);
    else
      report::write_inspect_text(out, records, errors);
  });
  return errors.empty() ? exit_ok : exit_unreadable;
}

}  // namespace runaudit::cli
