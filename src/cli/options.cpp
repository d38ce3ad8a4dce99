#include "options.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <span>
#include <sstream>
#include <thread>
#include <utility>

#include "output.hpp"
#include "runaudit/report/shards.hpp"
#include "runaudit/report/writer.hpp"

namespace runaudit::cli {
namespace po = boost::program_options;
namespace {

// GNU style (`Usage:`, `  or:`, examples with their meaning two spaces apart, after the
// options), which help2man turns into the man page's SYNOPSIS, DESCRIPTION and EXAMPLES
// (cmake/ManPage.cmake).
constexpr const char* audit_usage =
    "Usage: runaudit [audit] [OPTIONS] PATH...\n"
    "  or:  runaudit inspect [OPTIONS] PATH...\n"
    "  or:  runaudit report [OPTIONS] RESULTS.jsonl...\n\n"
    "Audits runners' activity files (GPX, TCX, FIT; plain, .gz, or in .zip/.tar exports;\n"
    "folders are searched recursively) against a recovery-run prescription: slow, flat,\n"
    "short. `runaudit inspect --help` and\n"
    "`runaudit report --help` list the options of the other commands.\n";
constexpr const char* audit_examples =
    "Examples:\n"
    "  runaudit samples/                    audit every run below samples/\n"
    "  runaudit --athletes athletes.csv --format json -o week.json uploads/\n"
    "                                       limits per athlete, a JSON report\n"
    "  runaudit --threshold-pace 4:30 --lthr 168 --fail-on warn run.gpx\n"
    "                                       limits from flags; exit 1 on a warning\n";

// The options a --config file gave (the command line gave the others): the file and their names.
struct FromConfig {
  std::string file;
  std::set<std::string> names;
};

// A folder where @p option's file is read (`--athletes athletes/`, a results folder for
// `runaudit report`): refused by name. Opening a folder as a stream succeeds on Linux and reads
// nothing, so it would pass for an empty file.
void refuse_folder(const std::string& option, const std::string& file) {
  if (std::error_code ec; std::filesystem::is_directory(file, ec))
    throw InputFileError(file + ": is a folder, not the " + option + " file");
}

// The lines of @p in without the comments INI files begin with ';' (at a line's start, or after
// a space): Boost reads '#' comments only, and would take "5:00 ; easy" for the value.
std::stringstream without_semicolon_comments(std::istream& in) {
  std::stringstream out;
  for (std::string line; std::getline(in, line);) {
    const std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line[start] == ';') line.clear();
    for (std::size_t at = line.find(';'); at != std::string::npos; at = line.find(';', at + 1))
      if (at > 0 && (line[at - 1] == ' ' || line[at - 1] == '\t')) {
        line.erase(at);
        break;
      }
    out << line << '\n';
  }
  return out;
}

// The 1-based line of @p file that sets @p name ("name = value"; # starts a comment), or 0.
std::size_t config_line(const std::string& file, const std::string& name) {
  std::ifstream in(file);
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    key.erase(0, key.find_first_not_of(" \t"));
    key.erase(key.find_last_not_of(" \t") + 1);
    if (key == name) return n;
  }
  return 0;
}

// The limits given as options into @p flags, those the --config file gave into @p from_file, in
// SI units: each read by audit::parse_limit, values without a unit in @p units. A bad value
// names its option, and the config file and its line when it came from there.
void limit_values_of(const po::variables_map& vm, Units units, const FromConfig& config,
                     audit::LimitInputs& flags, audit::LimitInputs& from_file) {
  for (const audit::LimitInput& input : audit::limit_inputs) {
    const std::string name(input.option);
    if (name.empty() || !vm.count(name)) continue;
    const std::string text = vm[name].as<std::string>();
    const std::optional<double> v = audit::parse_limit(input, text, units);
    if (v) {
      audit::LimitInputs& given = config.names.count(name) ? from_file : flags;
      given.*input.member = *v;
      continue;
    }
    const std::string problem = " must be " + std::string(input.expected) + ", not '" + text + "'";
    if (config.names.count(name))
      throw UsageError(config.file + ":" + std::to_string(config_line(config.file, name)) + ": " +
                       name + problem);
    throw UsageError("--" + name + problem);
  }
}

// A size such as 64M: a whole number of bytes, or of KiB, MiB, GiB or TiB written K, M, G, T
// (any case, "iB" may follow: 64MiB). Binary units: 1K = 1024 bytes. 0 and more than 1 PiB are
// refused (a limit of 0 would refuse every file; more is no limit at all).
std::size_t byte_size(const std::string& name, const std::string& text) {
  const std::size_t digits = std::min(text.find_first_not_of("0123456789"), text.size());
  std::string unit = text.substr(digits);
  for (char& c : unit) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  constexpr std::pair<std::string_view, int> units[] = {{"", 0},     {"k", 10},   {"kib", 10},
                                                        {"m", 20},   {"mib", 20}, {"g", 30},
                                                        {"gib", 30}, {"t", 40},   {"tib", 40}};
  constexpr std::size_t max_bytes = std::size_t{1} << 50;
  for (const auto& [suffix, shift] : units) {
    if (unit != suffix || digits == 0 || digits > 15) continue;
    const std::size_t value = std::stoull(text.substr(0, digits));
    if (value == 0 || value > max_bytes >> shift) break;
    return value << shift;
  }
  throw UsageError("--" + name +
                   " must be a size above 0 and at most 1024T: bytes, or a number with K, M, G "
                   "or T (1K = 1024), e.g. 64M, not '" +
                   text + "'");
}

po::options_description read_limit_options() {
  const io::ReadLimits defaults;
  const auto mib = [](std::size_t bytes) { return std::to_string(bytes >> 20) + "M"; };
  po::options_description d(
      "Resource limits (per file or archive member; one over a limit is listed as too_large)");
  d.add_options()("max-file-size", po::value<std::string>(),
                  ("largest file read, compressed or not, or archive member as stored (default " +
                   mib(defaults.max_file_bytes) + "; sizes: 4096, 512K, 64M, 1G)")
                      .c_str())(
      "max-inflated-size", po::value<std::string>(),
      ("largest document a .gz or an archive member may inflate to (default " +
       mib(defaults.max_inflated_bytes) + ")")
          .c_str())("max-trackpoints", po::value<std::string>(),
                    ("most trackpoints in one activity, or records in one FIT file (default " +
                     std::to_string(defaults.max_trackpoints) + ")")
                        .c_str())(
      "max-archive-size", po::value<std::string>(),
      ("most bytes the members read from one archive (zip, tar) may inflate to in all, inner "
       "archives included (default " +
       std::to_string(defaults.max_archive_bytes >> 30) + "G)")
          .c_str())(
      "max-archive-members", po::value<std::string>(),
      ("most members in one archive (default " + std::to_string(defaults.max_archive_members) + ")")
          .c_str())(
      "max-archive-depth", po::value<std::string>(),
      ("most archives one member may be nested in, the outermost counting 1 (default " +
       std::to_string(defaults.max_archive_depth) + ")")
          .c_str());
  return d;
}

// A whole number from 1 to 10^15 for --NAME.
std::size_t count_of(const std::string& name, const std::string& text) {
  const bool digits_only = !text.empty() && text.size() <= 15 &&
                           text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits_only || std::stoull(text) == 0)
    throw UsageError("--" + name + " must be a whole number above 0, not '" + text + "'");
  return std::stoull(text);
}

io::ReadLimits read_limits_of(const po::variables_map& vm) {
  io::ReadLimits limits;
  if (vm.count("max-file-size"))
    limits.max_file_bytes = byte_size("max-file-size", vm["max-file-size"].as<std::string>());
  if (vm.count("max-inflated-size"))
    limits.max_inflated_bytes =
        byte_size("max-inflated-size", vm["max-inflated-size"].as<std::string>());
  if (vm.count("max-trackpoints"))
    limits.max_trackpoints = count_of("max-trackpoints", vm["max-trackpoints"].as<std::string>());
  if (vm.count("max-archive-size"))
    limits.max_archive_bytes =
        byte_size("max-archive-size", vm["max-archive-size"].as<std::string>());
  if (vm.count("max-archive-members"))
    limits.max_archive_members =
        count_of("max-archive-members", vm["max-archive-members"].as<std::string>());
  if (vm.count("max-archive-depth"))
    limits.max_archive_depth =
        count_of("max-archive-depth", vm["max-archive-depth"].as<std::string>());
  return limits;
}

std::vector<std::string> paths_of(const po::variables_map& vm) {
  if (!vm.count("path")) throw UsageError("no input PATH given");
  return vm["path"].as<std::vector<std::string>>();
}

std::string choice(const po::variables_map& vm, const std::string& name,
                   std::span<const std::string_view> allowed) {
  const std::string v = vm[name].as<std::string>();
  std::string list;
  for (const std::string_view a : allowed) {
    if (v == a) return v;
    list += (list.empty() ? "" : ", ") + std::string(a);
  }
  throw UsageError("--" + name + " must be one of " + list + ", not '" + v + "'");
}

std::string choice(const po::variables_map& vm, const std::string& name,
                   std::initializer_list<std::string_view> allowed) {
  return choice(vm, name, std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

// The output format among @p allowed: --format given on the command line, else the one the -o
// file's extension names (report.html, week.xml for JUnit, runs.jsonl) when allowed, else
// --format from the --config file (@p config: the options it gave), else text. An -o on the
// command line beats the file's format (`--config week.ini -o page.html` writes the page), but
// not the file's own -o.
std::string output_format(const po::variables_map& vm, std::span<const std::string_view> allowed,
                          const FromConfig& config = {}) {
  const bool format_from_file = config.names.count("format") > 0;
  if (vm.count("format") && (!format_from_file || config.names.count("output")))
    return choice(vm, "format", allowed);
  std::string extension = std::filesystem::path(vm["output"].as<std::string>()).extension();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::pair<std::string_view, std::string_view> by_extension[] = {
      {".html", "html"},   {".htm", "html"},     {".json", "json"},
      {".jsonl", "jsonl"}, {".ndjson", "jsonl"}, {".csv", "csv"},
      {".xml", "junit"},   {".md", "markdown"},  {".markdown", "markdown"}};
  for (const auto& [ext, format] : by_extension)
    if (extension == ext && std::ranges::find(allowed, format) != allowed.end())
      return std::string(format);
  return vm.count("format") ? choice(vm, "format", allowed) : "text";
}

// Parses @p args, then the --config file if one is given; @p from_config (if not null) gets the
// options the file gave.
po::variables_map parse(const std::vector<std::string>& args, const po::options_description& all,
                        FromConfig* from_config = nullptr) {
  po::positional_options_description positional;
  positional.add("path", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    // A config file fills in what the command line did not give (store keeps the first value).
    if (vm.count("config")) {
      const std::string file = vm["config"].as<std::string>();
      refuse_folder("--config", file);
      std::ifstream in(file);
      if (!in) throw UsageError("--config: cannot read '" + file + "': " + std::strerror(errno));
      std::stringstream text = without_semicolon_comments(in);
      // The 1-based line that sets option @p name (config_line; a section's name without it).
      const auto line_of = [&](const std::string& name) {
        return std::to_string(config_line(file, name.substr(name.rfind('.') + 1)));
      };
      try {
        const po::parsed_options parsed = po::parse_config_file(text, all);
        for (const po::option& option : parsed.options)
          if (option.string_key == "config")
            throw UsageError(file + ":" + line_of("config") +
                             ": a config file cannot name another (give one --config)");
        if (from_config) {
          from_config->file = file;
          for (const po::option& option : parsed.options)
            if (!vm.count(option.string_key) || vm[option.string_key].defaulted())
              from_config->names.insert(option.string_key);
        }
        po::store(parsed, vm);
      } catch (const po::unknown_option& e) {
        const std::string name = e.get_option_name();
        throw UsageError(file + ":" + line_of(name) + ": unrecognised option '" + name + "'" +
                         (name.find('.') != std::string::npos
                              ? " ([sections] are not read: write name = value lines outside any "
                                "section)"
                              : ""));
      } catch (const po::error& e) {
        throw UsageError(file + ": " + e.what());
      }
    }
    po::notify(vm);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  return vm;
}

// Whether @p a and @p b name the same file: the same inode where both exist, else the same
// absolute path once symbolic links (a link to a file about to be created too: follow_symlinks)
// and `..` are resolved.
bool same_file(const std::string& a, const std::string& b) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::equivalent(a, b, ec)) return true;
  const auto resolved = [&](const std::string& name) {
    // Absolute first: of a relative name none of whose parts exists, weakly_canonical keeps
    // it relative.
    try {
      return fs::weakly_canonical(fs::absolute(follow_symlinks(name)), ec);
    } catch (const std::runtime_error&) {  // a loop of links: the name as it is
      return fs::weakly_canonical(fs::absolute(name), ec);
    }
  };
  const fs::path ca = resolved(a);
  if (ec) return false;
  const fs::path cb = resolved(b);
  return !ec && ca == cb;
}

// -o naming a file the command reads besides its PATHs (the athletes file, a history, the plan,
// the config) or writes besides the report (--update-history) would replace it with the report:
// refused. Each of @p others is an option and its file (empty: not given). The PATHs are checked
// once found (commands.cpp).
void refuse_output_over(const std::string& output,
                        const std::vector<std::pair<std::string, std::string>>& others) {
  if (output == "-") return;
  for (const auto& [option, file] : others)
    if (!file.empty() && same_file(output, file))
      throw UsageError("-o " + output + " is also the " + option +
                       " file; refusing to overwrite it");
}

// Each of @p files (an option, or "results", and its file; empty: not given) refused when a
// folder (refuse_folder).
void refuse_folders(const std::vector<std::pair<std::string, std::string>>& files) {
  for (const auto& [option, file] : files)
    if (!file.empty()) refuse_folder(option, file);
}

// The help command for `--help` (@p intro, the options, @p epilogue), or nullopt.
std::optional<Command> help_of(const po::variables_map& vm, const std::string& intro,
                               const po::options_description& visible,
                               const std::string& epilogue = "") {
  if (!vm.count("help")) return std::nullopt;
  std::ostringstream h;
  h << intro << '\n' << visible << (epilogue.empty() ? "" : "\n") << epilogue;
  Command c;
  c.kind = Command::help;
  c.help_text = h.str();
  return c;
}

// Parses @p args with @p visible plus the positional input paths (parse()).
po::variables_map parse_with_paths(const std::vector<std::string>& args,
                                   const po::options_description& visible,
                                   FromConfig* from_config = nullptr) {
  po::options_description all;
  all.add(visible).add_options()("path", po::value<std::vector<std::string>>(), "inputs");
  return parse(args, all, from_config);
}

Units units_of(const po::variables_map& vm) {
  return choice(vm, "units", {"metric", "imperial"}) == "imperial" ? Units::imperial
                                                                   : Units::metric;
}

// --fail-on: `never`, or a comma-separated list of fail, warn, unjudged (a failing run always
// fails the batch unless `never`).
report::FailOn fail_on_of(const po::variables_map& vm) {
  const std::string value = vm["fail-on"].as<std::string>();
  report::FailOn f;
  if (value == "never") return report::FailOn{false, false, false};
  std::size_t start = 0;
  for (;;) {
    const std::size_t comma = value.find(',', start);
    const std::string item = value.substr(start, comma - start);
    if (item == "warn")
      f.warn = true;
    else if (item == "unjudged")
      f.unjudged = true;
    else if (item != "fail")
      throw UsageError("--fail-on must be never, or a list of fail, warn, unjudged (got '" + value +
                       "')");
    if (comma == std::string::npos) return f;
    start = comma + 1;
  }
}

Command parse_inspect(const std::vector<std::string>& args) {
  po::options_description visible("inspect options");
  visible.add_options()("help,h", "show this help")(
      "format,f", po::value<std::string>(),
      "text or json (default: json for an -o file named .json, else text)")(
      "output,o", po::value<std::string>()->default_value("-"), "output file (- = stdout)");
  visible.add(read_limit_options());
  const po::variables_map vm = parse_with_paths(args, visible);
  if (auto help = help_of(vm,
                          "Usage: runaudit inspect [OPTIONS] PATH...\n\nPrints what was read "
                          "from each file and the metrics derived from it.\n",
                          visible))
    return *help;
  Command c;
  c.kind = Command::inspect;
  static constexpr std::string_view inspect_formats[] = {"text", "json"};
  c.inspect_options.format = output_format(vm, inspect_formats);
  c.inspect_options.output = vm["output"].as<std::string>();
  c.inspect_options.read_limits = read_limits_of(vm);
  c.inspect_options.paths = paths_of(vm);
  return c;
}

// --history, --update-history, --timezone, --since and --until into @p o.
void time_options_of(const po::variables_map& vm, AuditOptions& o) {
  if (vm.count("history")) o.history_files = vm["history"].as<std::vector<std::string>>();
  if (vm.count("update-history")) o.update_history = vm["update-history"].as<std::string>();
  if (vm.count("plan")) o.plan_file = vm["plan"].as<std::string>();
  if (vm.count("timezone")) {
    const std::string name = vm["timezone"].as<std::string>();
    o.time_zone = TimeZone::find(name);
    if (!o.time_zone)
      throw UsageError("--timezone must be an IANA time zone such as Europe/Berlin, not '" + name +
                       "'");
  }
  // "Nd" counts back from today in --timezone (else UTC).
  const auto now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  const std::int64_t today = local_day(now_ms, o.time_zone ? o.time_zone->utc_offset_s(now_ms) : 0);
  // The days option @p name gives, "Nd" counted back from @p last_day.
  const auto days_of = [&](const char* name, std::int64_t last_day) {
    const std::string text = vm[name].as<std::string>();
    const std::optional<DayRange> range = parse_day_range(text, last_day);
    if (!range)
      throw UsageError(std::string("--") + name +
                       " must be a date (2026-11-23), an ISO week (2026-W48), a number of days "
                       "(7d) or of whole weeks before this one (1w), not '" +
                       text + "'");
    return *range;
  };
  if (vm.count("until")) o.window.last = days_of("until", today).last;
  if (vm.count("since")) {
    // "--since Nd": the N days ending on --until's last day; without --until, ending today (a
    // run dated later is a clock error, not this week's). "--since Nw" alone: those weeks.
    const std::string text = vm["since"].as<std::string>();
    const bool weeks = !text.empty() && (text.back() == 'w' || text.back() == 'W');
    const DayRange since = days_of("since", vm.count("until") && !weeks ? o.window.last : today);
    o.window.first = since.first;
    if (!vm.count("until") && (text.back() == 'd' || text.back() == 'D')) o.window.last = today;
    if (!vm.count("until") && weeks) o.window.last = since.last;
  }
  if (o.window.first > o.window.last) throw UsageError("--since is after --until");
}

Command parse_audit(const std::vector<std::string>& args) {
  po::options_description general("General");
  general.add_options()("help,h", "show this help")("version", "show the version")(
      "format,f", po::value<std::string>(),
      "report format: text, json, jsonl, csv, junit, markdown, html (default: as the -o "
      "file's extension names it, .html .json .jsonl .csv .xml .md; else the --config file's; "
      "else text)")(
      "series", "add each run's curves (one point per 10 s) to json/jsonl, for `runaudit report`")(
      "output,o", po::value<std::string>()->default_value("-"),
      "write the report to FILE (atomically); - = stdout")(
      "units", po::value<std::string>()->default_value("metric"),
      "metric or imperial: the report's units, and the units of limits written without one "
      "(options, --config, --athletes and --plan rows without a units column)")(
      "quiet,q",
      "print nothing on stderr but errors, warnings about --athletes (a name without runs or "
      "a run's athlete without a row), and the runs reported from outside --since/--until "
      "(uploaded late, or from --history)")(
      "list-ignored", "name on stderr each file of the folders and archives passed over, and why")(
      "jobs,j", po::value<unsigned>(), "files read in parallel (default: hardware threads)")(
      "progress", po::value<std::string>()->default_value("auto"),
      "progress bar on stderr: auto (when a terminal), always, never")(
      "shard", po::value<std::string>(),
      "K/N: audit only part K of N (stable split by athlete folder, else by path)")(
      "config", po::value<std::string>(),
      "read options from an INI file (same names and values, e.g. pace-limit = 5:30/km); flags "
      "win")(
      "fail-on", po::value<std::string>()->default_value("fail"),
      "exit 1 when a run's verdict is one of: fail (default), warn, unjudged, as a comma list "
      "(e.g. warn,unjudged); never: only unreadable inputs change the exit status");
  po::options_description who("Athletes and selection");
  who.add_options()("athlete", po::value<std::string>(), "athlete name for all inputs")(
      "athletes", po::value<std::string>(),
      "athletes CSV: name and limit columns (threshold_pace, max_distance, ...; values as the "
      "limit options, an optional units column for the row's plain values; see README)")(
      "sport", po::value<std::string>()->default_value("running"),
      "audit only runs (running) or every activity (any)")(
      "match", po::value<std::string>(),
      "audit only activities whose name, type or workout name matches REGEX (a run done as a "
      "recovery workout always)");
  po::options_description when("History and time");
  when.add_options()(
      "history", po::value<std::vector<std::string>>(),
      "earlier results (JSONL from -f jsonl or --update-history) whose runs count in the "
      "athletes' baselines; may be given several times")(
      "update-history", po::value<std::string>(),
      "add this batch's runs to FILE (JSONL, written atomically; each run once, by athlete and "
      "start time: this window's runs are written anew, a run of an earlier week that --history "
      "holds keeps the record that week's job wrote)")(
      "since", po::value<std::string>(),
      "report only runs starting on or after DATE (YYYY-MM-DD, YYYY-Www, Nd: the N days "
      "ending on --until's last day, else today, or Nw: the N whole ISO weeks before this one, "
      "1w being last week), in the athlete's local time, and earlier runs "
      "that --history does not hold (uploaded after their week's job)")(
      "until", po::value<std::string>(),
      "report only runs starting on or before DATE (as --since)")(
      "plan", po::value<std::string>(),
      "training plan CSV (athlete,date,session, optional limit columns as in --athletes, which "
      "override the athlete's for that day): only runs on days planned as recovery or easy "
      "are audited (and runs done as a recovery workout; athletes the plan does not name are "
      "audited as without one); a planned recovery day without a run is listed as missed")(
      "timezone", po::value<std::string>(),
      "IANA time zone (e.g. Europe/Berlin) of runs whose file gives no offset and whose athlete "
      "has no timezone in --athletes (default UTC)");
  po::options_description lim(
      "Limits (override the plan, the athletes file and the defaults; --config takes them too).\n"
      "Paces, distances and climbing may carry their unit: 4:30/km or 7:15/mi, 8km, 5mi or\n"
      "8000m, 10m/km or 50ft/mi; without one they are in --units (metric: per km, km, m per\n"
      "km; imperial: per mile, miles, ft per mile)");
  lim.add_options()("pace-limit", po::value<std::string>()->value_name("PACE"),
                    "fastest allowed average GAP, M:SS per km or mile (5:40/km, 9:05/mi)")(
      "threshold-pace", po::value<std::string>()->value_name("PACE"),
      "threshold pace M:SS per km or mile (limit = 1.25 x)")(
      "hr-limit", po::value<std::string>()->value_name("BPM"), "heart-rate limit, bpm")(
      "max-hr", po::value<std::string>()->value_name("BPM"),
      "maximal heart rate, bpm (limit = 0.76 x)")(
      "lthr", po::value<std::string>()->value_name("BPM"),
      "lactate-threshold heart rate, bpm (limit = 0.85 x)")(
      "max-duration", po::value<std::string>()->value_name("MIN"),
      "moving-time limit, minutes: 45 or 45min (default 45)")(
      "max-distance", po::value<std::string>()->value_name("DIST"),
      "distance limit: km, mi or m (8km, 5mi); plain: km or miles by --units (default 8 km)")(
      "max-gain-per-km", po::value<std::string>()->value_name("CLIMB"),
      "climbing limit: m/km or ft/mi (10m/km, 50ft/mi); plain: by --units (default 10 m/km)")(
      "max-grade", po::value<std::string>()->value_name("PCT"),
      "steepest sustained climb, percent: 4 or 4% (default 4)");
  po::options_description visible;
  visible.add(general).add(who).add(when).add(lim).add(read_limit_options());
  FromConfig from_config;
  const po::variables_map vm = parse_with_paths(args, visible, &from_config);
  if (auto help = help_of(vm, audit_usage, visible, audit_examples)) return *help;
  Command c;
  if (vm.count("version")) {
    c.kind = Command::version;
    return c;
  }
  AuditOptions& o = c.audit_options;
  o.format = output_format(vm, report::formats, from_config);
  o.series = vm.count("series") > 0;
  o.output = vm["output"].as<std::string>();
  o.units = units_of(vm);
  o.quiet = vm.count("quiet") > 0;
  o.list_ignored = vm.count("list-ignored") > 0;
  o.progress = choice(vm, "progress", {"auto", "always", "never"});
  o.jobs = std::max(1u, std::thread::hardware_concurrency());
  if (vm.count("jobs")) {
    o.jobs = vm["jobs"].as<unsigned>();
    if (o.jobs == 0 || o.jobs > 1024) throw UsageError("--jobs must be 1..1024");
  }
  o.fail_on = fail_on_of(vm);
  o.read_limits = read_limits_of(vm);
  if (vm.count("athlete")) o.athlete = vm["athlete"].as<std::string>();
  if (vm.count("athletes")) o.athletes_file = vm["athletes"].as<std::string>();
  o.selection.any_sport = choice(vm, "sport", {"running", "any"}) == "any";
  if (vm.count("match")) {
    const std::string re = vm["match"].as<std::string>();
    try {
      o.selection.match = std::regex(re, std::regex::ECMAScript | std::regex::icase);
    } catch (const std::regex_error& e) {
      // ECMAScript has no inline flags; matching ignores case already.
      throw UsageError(
          "--match is not a valid regular expression (ECMAScript syntax, any case "
          "without (?i)): '" +
          re + "'");
    }
  }
  limit_values_of(vm, o.units, from_config, o.limits, o.config_limits);
  if (vm.count("shard")) {
    const std::string s = vm["shard"].as<std::string>();
    unsigned k = 0, n = 0;
    char slash = 0, extra = 0;
    std::istringstream in(s);
    if (!(in >> k >> slash >> n) || slash != '/' || in >> extra || k < 1 || k > n ||
        n > report::max_shards)
      throw UsageError("--shard must be K/N with 1 <= K <= N <= " +
                       std::to_string(report::max_shards) + ", not '" + s + "'");
    o.shard = k;
    o.shards = n;
    o.sharded = true;
  }
  time_options_of(vm, o);
  o.paths = paths_of(vm);
  auto& others = o.option_files;
  others = {{"--athletes", o.athletes_file},
            {"--update-history", o.update_history},
            {"--plan", o.plan_file},
            {"--config", from_config.file}};
  for (const std::string& h : o.history_files) others.emplace_back("--history", h);
  refuse_output_over(o.output, others);
  refuse_folders(others);
  return c;
}

Command parse_report(const std::vector<std::string>& args) {
  po::options_description visible("report options");
  visible.add_options()("help,h", "show this help")(
      "format,f", po::value<std::string>(),
      "text, json, jsonl, csv, junit, markdown, html (default: as the -o file's extension "
      "names it, .html .json .jsonl .csv .xml .md; else text)")(
      "output,o", po::value<std::string>()->default_value("-"), "output file (- = stdout)")(
      "units", po::value<std::string>()->default_value("metric"), "metric or imperial")(
      "fail-on", po::value<std::string>()->default_value("fail"),
      "exit 1 when a run's verdict is one of: fail (default), warn, unjudged, as a comma list; "
      "never")("expect-shards", po::value<unsigned>(),
               "N: refuse (exit 64) unless the results hold shards 1..N of --shard K/N audits, "
               "naming the missing ones (default: the N their shard lines give)")(
      "partial", "render the shards given even when some are missing")(
      "quiet,q",
      "print nothing on stderr but errors (not the notes on mixed runaudit versions, results "
      "out of order, or runs without curves)");
  const po::variables_map vm = parse_with_paths(args, visible);
  if (auto help = help_of(vm,
                          "Usage: runaudit report [OPTIONS] RESULTS.jsonl...\n\nRenders results "
                          "written with --format jsonl (e.g. one file per shard) as\none report. "
                          "Results of --shard K/N audits must hold every shard 1..N\n(exit 64 "
                          "otherwise, naming the missing ones). The runs stream through:\nmemory "
                          "does not grow with them, except in html, which holds every\ncard up to "
                          "RUNAUDIT_HTML_LIMIT bytes (512 MiB: about 37 000 six-minute runs\nwith "
                          "curves).\n",
                          visible))
    return *help;
  Command c;
  c.kind = Command::report;
  ReportCommandOptions& o = c.report_options;
  o.format = output_format(vm, report::formats);
  o.output = vm["output"].as<std::string>();
  o.units = units_of(vm);
  o.fail_on = fail_on_of(vm);
  if (vm.count("expect-shards")) {
    o.expect_shards = vm["expect-shards"].as<unsigned>();
    if (o.expect_shards == 0 || o.expect_shards > report::max_shards)
      throw UsageError("--expect-shards must be 1.." + std::to_string(report::max_shards));
  }
  o.partial = vm.count("partial") > 0;
  o.quiet = vm.count("quiet") > 0;
  if (o.partial && o.expect_shards > 0)
    throw UsageError("--partial and --expect-shards contradict each other");
  o.paths = paths_of(vm);
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const std::string& p : o.paths) inputs.emplace_back("results", p);
  refuse_output_over(o.output, inputs);
  refuse_folders(inputs);
  return c;
}

}  // namespace

Command parse_command_line(const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "inspect") return parse_inspect({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "audit") return parse_audit({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "report") return parse_report({args.begin() + 1, args.end()});
  return parse_audit(args);
}

}  // namespace runaudit::cli
