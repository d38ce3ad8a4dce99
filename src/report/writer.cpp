#include "runaudit/report/writer.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <string>

#include "writers.hpp"

namespace runaudit::report {

std::string detail::file_stem(const std::string& path) {
  // The last part of a path or of an archive member's name (`export.zip!a/3040.tcx`).
  std::string name = path.substr(path.find_last_of("/!") + 1);
  const auto strip = [&](std::string_view ext) {
    if (name.size() <= ext.size()) return;
    for (std::size_t i = 0; i < ext.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(name[name.size() - ext.size() + i])) != ext[i])
        return;
    name.resize(name.size() - ext.size());
  };
  strip(".gz");
  for (const std::string_view ext : {".gpx", ".tcx", ".fit"}) strip(ext);
  return name;
}

bool detail::AthleteOrder::operator()(const std::string& a, const std::string& b) const {
  const auto folded_less = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) <
           std::tolower(static_cast<unsigned char>(y));
  };
  if (std::ranges::lexicographical_compare(a, b, folded_less)) return true;
  if (std::ranges::lexicographical_compare(b, a, folded_less)) return false;
  return a < b;  // one name in two spellings: side by side, in a fixed order
}

std::string Writer::render(const audit::RunRecord&) const {
  return {};
}

std::unique_ptr<Writer> make_writer(std::string_view format, std::ostream& out,
                                    const ReportOptions& options) {
  if (format == "text") return detail::make_text_writer(out, options);
  if (format == "json") return detail::make_json_writer(out, options, false);
  if (format == "jsonl") return detail::make_json_writer(out, options, true);
  if (format == "csv") return detail::make_csv_writer(out, options);
  if (format == "junit") return detail::make_junit_writer(out, options);
  if (format == "markdown") return detail::make_markdown_writer(out, options);
  if (format == "html") return detail::make_html_writer(out, options);
  throw std::invalid_argument("unknown report format '" + std::string(format) + "'");
}

void write_report(std::string_view format, std::ostream& out, const ReportOptions& options,
                  std::span<const audit::RunRecord> runs, std::span<const io::Diagnostic> errors) {
  const auto writer = make_writer(format, out, options);
  for (const audit::RunRecord& r : runs) writer->run(r);
  writer->finish(errors);
}

bool FailOn::operator()(audit::Verdict verdict) const noexcept {
  switch (verdict) {
    case audit::Verdict::fail:
      return fail;
    case audit::Verdict::warn:
      return warn;
    case audit::Verdict::unjudged:
      return unjudged;
    case audit::Verdict::pass:
      break;
  }
  return false;
}

bool fails(const audit::RunRecord& run, const ReportOptions& options) noexcept {
  if (!run.audited) return false;
  const audit::Judgement& j = run.judgement;
  if (options.fail_on(j.verdict)) return true;
  // An unjudged run that broke a rule judged is at least a warning: --fail-on warn fails it.
  return j.verdict == audit::Verdict::unjudged && options.fail_on.warn &&
         std::any_of(j.violations.begin(), j.violations.end(),
                     [](const audit::Violation& v) { return v.severity != audit::Severity::info; });
}

std::string Tally::words(std::span<const io::Diagnostic> errors) const {
  const auto n = [](std::size_t x) { return std::to_string(x); };
  const auto empty = static_cast<std::size_t>(std::ranges::count_if(errors, io::holds_nothing));
  return n(verdicts[0] + verdicts[1] + verdicts[2] + verdicts[3]) + " audited: " + n(verdicts[0]) +
         " pass, " + n(verdicts[1]) + " warn, " + n(verdicts[2]) + " fail, " + n(verdicts[3]) +
         " unjudged; " + n(skipped) + " skipped; " + n(errors.size() - empty) + " unreadable" +
         (empty == 0
              ? ""
              : ", " + n(empty) + (empty == 1 ? " input" : " inputs") + " with nothing to audit");
}

}  // namespace runaudit::report
