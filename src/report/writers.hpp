#pragma once
// Private: the factories behind report::make_writer, one per format file.

#include <memory>
#include <ostream>
#include <string>

#include "runaudit/report/writer.hpp"

namespace runaudit::report::detail {

/// The file name without folders and activity extensions ("a/b/run.gpx.gz" -> "run"): what
/// names a run that has no name of its own.
std::string file_stem(const std::string& path);

/// Orders athletes as a reader looks for a name in a list: ignoring ASCII case ("alice" before
/// "Smith, Ann"), then as written (two spellings of one name stay apart, side by side).
struct AthleteOrder {
  bool operator()(const std::string& a, const std::string& b) const;
};

std::unique_ptr<Writer> make_text_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Writer> make_json_writer(std::ostream& out, const ReportOptions& options,
                                         bool lines);
std::unique_ptr<Writer> make_csv_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Writer> make_junit_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Writer> make_markdown_writer(std::ostream& out, const ReportOptions& options);
std::unique_ptr<Writer> make_html_writer(std::ostream& out, const ReportOptions& options);

}  // namespace runaudit::report::detail
