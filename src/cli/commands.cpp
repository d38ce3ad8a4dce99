#include "commands.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <set>
#include <system_error>
#include <utility>

#include "discover.hpp"
#include "exit_codes.hpp"
#include "output.hpp"
#include "parallel.hpp"
#include "progress.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/inspect.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/report/writer.hpp"
#include "spill.hpp"

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

std::string lower(std::string s) {
  for (char& c : s) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// The shard of @p in: FNV-1a 64-bit of its athlete's name, else of its file name (no folders: the
// same split on every machine and run, however the path was spelled or mounted).
unsigned shard_of(const Input& in, unsigned shards) {
  const std::string key =
      in.athlete.empty() ? std::filesystem::path(in.path).filename().string() : in.athlete;
  std::uint64_t h = 1469598103934665603ull;
  for (const char c : key) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return static_cast<unsigned>(h % shards);
}

report::ReportOptions report_options_for(Units units, FailOn fail_on) {
  report::ReportOptions r;
  r.units = units;
  if (fail_on == FailOn::never) r.fail_level.reset();
  if (fail_on == FailOn::warn) r.fail_level = audit::Verdict::warn;
  return r;
}

bool reaches(const audit::RunRecord& r, const report::ReportOptions& o) {
  return r.audited && o.fail_level &&
         static_cast<int>(r.judgement.verdict) >= static_cast<int>(*o.fail_level);
}

// -o naming one of the inputs would replace a run file with its own report.
void refuse_output_among_inputs(const std::string& output, const Discovery& found) {
  if (output == "-") return;
  std::error_code ec;
  for (const Input& in : found.files)
    if (std::filesystem::equivalent(output, in.path, ec))
      throw UsageError("-o " + output + " is one of the inputs; refusing to overwrite it");
}

bool has_pace_anchor(const audit::LimitInputs& in) {
  return in.pace_limit_s_per_km || in.threshold_pace_s_per_km;
}

// A file's runs as pass 1 left them: where its staged runs are in the spill, or its error.
struct Staged {
  std::vector<SpillTicket> runs;
  std::optional<io::FileError> error;
};

// RUNAUDIT_SPILL_LIMIT (bytes; 0 = never spill, every file is read twice) overrides the
// default, for tests that compare both paths and for machines with a small temporary directory.
std::uint64_t spill_limit_bytes() {
  const char* v = std::getenv("RUNAUDIT_SPILL_LIMIT");
  if (!v || !*v) return Spill::default_limit_bytes;
  char* end = nullptr;
  errno = 0;
  const unsigned long long bytes = std::strtoull(v, &end, 10);
  if (*end || errno == ERANGE || !std::isdigit(static_cast<unsigned char>(*v)))
    throw UsageError(std::string("RUNAUDIT_SPILL_LIMIT=") + v + " is not a number of bytes");
  return bytes;
}

// Pass 2 for a file pass 1 staged: reads its runs back from the spill (or takes its error) and
// completes each with @p finish. @return false when the file must be read again (not
// staged, or a spilled run cannot be read back).
template <typename Finish>
bool finish_staged(std::optional<Staged>& staged, Spill& spill, std::vector<audit::RunRecord>& runs,
                   std::optional<io::FileError>& error, const Finish& finish) {
  if (!staged) return false;
  if (staged->error) {
    error = std::move(staged->error);
    return true;
  }
  for (const SpillTicket& ticket : staged->runs) {
    std::optional<audit::StagedRun> run = spill.take(ticket);
    if (!run) {
      runs.clear();
      return false;
    }
    finish(run->record, run->prepared);
    runs.push_back(std::move(run->record));
  }
  staged.reset();
  return true;
}

}  // namespace

int run_audit(const AuditOptions& o) {
  std::map<std::string, audit::LimitInputs> profiles;
  if (!o.athletes_file.empty()) {
    try {
      for (audit::AthleteProfile& p : audit::read_athletes(o.athletes_file))
        profiles[lower(p.name)] = p.inputs;
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  Discovery found = discover(o.paths);
  refuse_output_among_inputs(o.output, found);
  if (o.shards > 1)
    std::erase_if(found.files,
                  [&](const Input& in) { return shard_of(in, o.shards) != o.shard - 1; });
  const auto athlete_of = [&](const Input& in) {
    return !o.athlete.empty() ? o.athlete : !in.athlete.empty() ? in.athlete : "default";
  };
  const auto profile_of = [&](const std::string& athlete) -> const audit::LimitInputs* {
    const auto it = profiles.find(lower(athlete));  // folder "Alice" finds row "alice"
    return it == profiles.end() ? nullptr : &it->second;
  };
  if (!o.athletes_file.empty() && !o.quiet) {
    // A name that matches no row is a common slip (a folder named differently, files given
    // without their athlete folder): say so instead of silently using defaults.
    std::set<std::string> missing;
    for (const Input& in : found.files)
      if (!profiles.count(lower(athlete_of(in)))) missing.insert(athlete_of(in));
    for (const std::string& name : missing)
      std::cerr << "runaudit: athlete '" << name << "' has no row in " << o.athletes_file
                << " (names come from --athlete or the first folder below a folder given)\n";
  }
  const auto needs_baseline = [&](const std::string& athlete) {
    const audit::LimitInputs* p = profile_of(athlete);
    return !has_pace_anchor(o.limits) && !(p && has_pace_anchor(*p));
  };

  const bool show_progress = !o.quiet && (o.progress == "always" ||
                                          (o.progress == "auto" && Progress::stderr_is_terminal()));
  const std::size_t n = found.files.size();

  // Pass 1, only for athletes without a pace anchor: their usual pace from all their runs
  // (--match chooses which runs to audit, not which ones say what the athlete usually runs).
  // Each run is staged (read, prepared, selected) once; its prepared series go to the spill
  // file so pass 2 only has to judge it.
  const bool with_series = o.series || report::needs_series(o.format);
  audit::Selection baseline_selection = o.selection;
  baseline_selection.match.reset();
  std::vector<std::vector<double>> file_gaps(n);
  std::vector<std::optional<Staged>> staged(n);
  std::vector<std::size_t> baseline_files;
  for (std::size_t i = 0; i < n; ++i)
    if (needs_baseline(athlete_of(found.files[i]))) baseline_files.push_back(i);
  // Largest files first: no worker reads a four-hour run alone at the end (the
  // longest-processing-time rule) and, where their sizes allow it without ending later, one
  // worker reads the largest files and the others the smallest (two-ended), so only one worker
  // grows to the largest file's memory.
  Schedule pass1_schedule = Schedule::in_order;
  {
    std::vector<std::uint64_t> size(n, 0);
    for (const std::size_t i : baseline_files) {
      std::error_code ec;
      const auto bytes = std::filesystem::file_size(found.files[i].path, ec);
      size[i] = ec ? 0 : bytes;
    }
    std::stable_sort(baseline_files.begin(), baseline_files.end(),
                     [&](std::size_t a, std::size_t b) { return size[a] > size[b]; });
    std::vector<std::uint64_t> costs;
    costs.reserve(baseline_files.size());
    for (const std::size_t i : baseline_files) costs.push_back(size[i]);
    pass1_schedule = choose_schedule(costs, o.jobs);
  }
  Spill spill(baseline_files.empty() ? 0 : spill_limit_bytes());
  if (!baseline_files.empty()) {
    Progress progress(baseline_files.size(), show_progress);
    parallel_for(
        baseline_files.size(), o.jobs,
        [&](std::size_t k) {
          const std::size_t i = baseline_files[k];
          Staged st;
          bool spilled = true;  // else pass 2 reads the file again
          try {
            for (const Activity& a : io::read_activities(found.files[i].path, o.read_limits)) {
              audit::StagedRun run =
                  audit::stage_activity(a, athlete_of(found.files[i]), o.selection);
              // A run skipped only for --match still tells the athlete's usual pace.
              if (run.record.audited || !audit::skip_reason(a, run.prepared, baseline_selection))
                if (const auto g = audit::baseline_gap_s_per_km(run.prepared))
                  file_gaps[i].push_back(*g);
              if (!with_series) audit::drop_unjudged_columns(run);  // a smaller spill
              const auto ticket = spilled ? spill.put(run) : std::nullopt;
              spilled = ticket.has_value();
              if (spilled) st.runs.push_back(*ticket);
            }
          } catch (const io::ParseError& e) {
            st.runs.clear();
            st.error = io::to_file_error(e);
            spilled = true;
          }
          if (spilled) staged[i] = std::move(st);
        },
        [&] { progress.tick(); }, pass1_schedule);
  }
  std::map<std::string, std::vector<double>> gaps;
  for (std::size_t i = 0; i < n; ++i)
    for (const double g : file_gaps[i]) gaps[athlete_of(found.files[i])].push_back(g);
  std::map<std::string, double> usual;
  for (auto& [athlete, list] : gaps)
    if (const auto u = audit::usual_pace(std::move(list))) usual[athlete] = *u;

  // Pass 2: audit. Results are handed to the report writer in input order as soon as all
  // earlier files are done, so the output never depends on --jobs. Each worker renders the runs
  // it audited (Writer::render: JSON, text, charts); one worker at a time writes them, outside
  // the lock: the others go on auditing instead of waiting, but never more than a few files
  // ahead of the writer, so finished runs waiting to be written stay few (the writer can be the
  // slower side: a slow pipe).
  const audit::RuleOptions rules{};
  const report::ReportOptions report_options = report_options_for(o.units, o.fail_on);
  bool findings = false;
  std::vector<io::FileError> errors = problems_as_errors(found);
  write_output(o.output, [&](std::ostream& out) {
    const auto writer = report::make_writer(o.format, out, report_options);
    // A file's runs, each with what the writer renders of it (made by the worker that audited
    // it, so the writer only has to write in order).
    using Rendered = std::vector<std::pair<audit::RunRecord, std::string>>;
    std::vector<std::optional<Rendered>> done(n);
    std::vector<std::optional<io::FileError>> file_errors(n);
    std::size_t next = 0;  // the first file not yet written
    bool writing = false;  // a worker is writing files [next, ...) outside the lock
    std::mutex mutex;
    std::condition_variable written;  // next moved on
    // Job next never waits, so the batch always moves on.
    const std::size_t ahead = 4 * std::max(1u, o.jobs);
    bool abandoned = false;  // a job threw: the batch stops, nobody may wait any more
    const auto audit_file = [&](std::size_t i) {
      const Input& in = found.files[i];
      const std::string athlete = athlete_of(in);
      const auto u = usual.find(athlete);
      const std::optional<double> baseline =
          u == usual.end() ? std::nullopt : std::optional<double>(u->second);
      std::vector<audit::RunRecord> runs;
      std::optional<io::FileError> error;
      if (!finish_staged(staged[i], spill, runs, error,
                         [&](audit::RunRecord& r, const signal::Prepared& p) {
                           audit::finish_run(r, p, o.limits, profile_of(athlete), baseline, rules,
                                             with_series);
                         })) {
        try {
          for (const Activity& a : io::read_activities(in.path, o.read_limits))
            runs.push_back(audit::audit_activity(a, athlete, o.selection, o.limits,
                                                 profile_of(athlete), baseline, rules,
                                                 with_series));
        } catch (const io::ParseError& e) {
          error = io::to_file_error(e);
        }
      }
      Rendered rendered;
      rendered.reserve(runs.size());
      for (audit::RunRecord& r : runs) {
        std::string text = writer->render(r);
        rendered.emplace_back(std::move(r), std::move(text));
      }
      std::unique_lock<std::mutex> lock(mutex);
      done[i] = std::move(rendered);
      file_errors[i] = std::move(error);
      if (writing) return;  // that worker also writes this file when its turn comes
      writing = true;
      while (next < n && done[next]) {
        Rendered ready = std::move(*done[next]);
        std::optional<io::FileError> ready_error = std::move(file_errors[next]);
        done[next].reset();
        ++next;
        lock.unlock();
        written.notify_all();
        for (auto& [r, text] : ready) {
          writer->run(r, std::move(text));
          findings = findings || reaches(r, report_options);
        }
        if (ready_error) errors.push_back(std::move(*ready_error));
        lock.lock();
      }
      writing = false;
    };
    Progress progress(n, show_progress);
    parallel_for(
        n, o.jobs,
        [&](std::size_t i) {
          {
            std::unique_lock<std::mutex> lock(mutex);
            written.wait(lock, [&] { return i < next + ahead || abandoned; });
            if (abandoned) return;
          }
          try {
            audit_file(i);
          } catch (...) {
            {
              const std::lock_guard<std::mutex> lock(mutex);
              abandoned = true;
            }
            written.notify_all();
            throw;
          }
        },
        [&] { progress.tick(); });
    writer->finish(errors);
  });
  if (!o.quiet && found.ignored > 0)
    std::cerr << "runaudit: " << found.ignored << " other files ignored (not .gpx/.tcx[.gz])\n";
  if (!errors.empty()) return exit_unreadable;
  return findings ? exit_findings : exit_ok;
}

int run_report(const ReportCommandOptions& o) {
  report::Results results;
  for (const std::string& path : o.paths) {
    std::ifstream in(path);
    if (!in) throw UsageError(path + ": cannot read results file");
    try {
      report::read_results(in, path, results);
    } catch (const std::runtime_error& e) {
      throw UsageError(e.what());
    }
  }
  results.sort();
  if (report::needs_series(o.format)) {
    const auto without = std::count_if(results.runs.begin(), results.runs.end(),
                                       [](const auto& r) { return r.audited && !r.series; });
    if (without > 0)
      std::cerr << "runaudit: " << without << " runs have no curves (audit the shards with "
                << "--series): their cards have no charts\n";
  }
  const report::ReportOptions options = report_options_for(o.units, o.fail_on);
  write_output(o.output, [&](std::ostream& out) {
    report::write_report(o.format, out, options, results.runs, results.errors);
  });
  if (!results.errors.empty()) return exit_unreadable;
  for (const audit::RunRecord& r : results.runs)
    if (reaches(r, options)) return exit_findings;
  return exit_ok;
}

int run_inspect(const InspectOptions& o) {
  const Discovery found = discover(o.paths);
  refuse_output_among_inputs(o.output, found);
  std::vector<report::InspectRecord> records;
  std::vector<io::FileError> errors = problems_as_errors(found);
  for (const Input& in : found.files) {
    try {
      for (Activity& a : io::read_activities(in.path, o.read_limits))
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
