// JUnit XML as CI servers read it (Jenkins, GitLab, GitHub actions): <testsuites>, one
// <testsuite> per athlete, one <testcase> per run named by date and activity name; a <failure>
// per run whose verdict reaches the --fail-on level, <skipped> for skipped runs, and an
// "unreadable" suite with an <error> per file that could not be read.

#include <map>
#include <pugixml.hpp>
#include <sstream>

#include "runaudit/local_time.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

struct Case {
  std::string name, classname, file;
  enum Kind { passed, failed, skipped } kind = passed;
  std::string message, text;
};

class JunitWriter final : public Writer {
 public:
  // Why the pace rule of @p j was not judged, in words ("pace: ...").
  std::string pace_reason(const audit::Judgement& j) const {
    for (const audit::NotJudged& n : j.not_judged)
      if (n.rule == "pace") return "pace: " + unjudged_words(n.why, m_options.units);
    return "pace";
  }

  JunitWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_options(o) {}

  void run(const audit::RunRecord& r, std::string /*rendered: empty*/) override {
    Case c;
    // The day of the run in the athlete's local time, as in every other report.
    const std::string date =
        r.start_time_ms
            ? format_local_rfc3339(*r.start_time_ms, r.utc_offset_s.value_or(0)).substr(0, 10)
            : "undated";
    c.name = date + " " + (r.name.empty() ? file_stem(r.file) : r.name);
    // Two runs with the same date and name (two files, or the sessions of one multisport
    // file): CI servers merge test cases of one name, so the later ones say which they are.
    if (m_seen[r.athlete][c.name]++ > 0)
      c.name += " (" + r.file +
                (r.activity_index > 0 ? " #" + std::to_string(r.activity_index) : "") + ")";
    c.classname = "runaudit." + r.athlete;
    c.file = r.file;
    if (!r.audited) {
      c.kind = Case::skipped;
      c.message = skip_words(r, m_options.units);
    } else {
      const audit::Judgement& j = r.judgement;
      std::ostringstream text;
      text << "verdict " << audit::to_string(j.verdict) << ", score " << format_fixed(j.score, 0)
           << ", " << format_clock(r.metrics.moving_time_s) << " moving\n";
      const std::vector<Finding> found = findings(r, m_options.units);
      for (const Finding& f : found)
        text << audit::to_string(f.severity) << " " << f.rule << ": " << f.words << '\n';
      for (const audit::NotJudged& n : j.not_judged)
        text << "not judged " << n.rule << ": " << unjudged_words(n.why, m_options.units) << '\n';
      c.text = text.str();
      if (fails(r, m_options)) {
        c.kind = Case::failed;
        std::size_t breaches = 0;  // rules broken (advice is none)
        for (const Finding& f : found) breaches += f.severity == audit::Severity::info ? 0 : 1;
        c.message = j.verdict == audit::Verdict::unjudged
                        ? "could not be judged: " + pace_reason(j)
                        : "not a recovery run: " + std::string(audit::to_string(j.verdict)) +
                              ", score " + format_fixed(j.score, 0) + ", " +
                              std::to_string(breaches) + " rule" + (breaches == 1 ? "" : "s") +
                              " broken";
      } else if (j.verdict == audit::Verdict::unjudged) {
        c.kind = Case::skipped;  // never a silent pass: shown as skipped, with why
        c.message = "could not be judged: " + pace_reason(j);
      }
    }
    m_suites[r.athlete].push_back(std::move(c));
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = doc.append_child("testsuites");
    root.append_attribute("name") = "runaudit";
    std::size_t tests = 0, failures = 0, skipped = 0;
    for (const auto& [athlete, cases] : m_suites) {
      pugi::xml_node suite = root.append_child("testsuite");
      suite.append_attribute("name") = athlete.c_str();
      std::size_t f = 0, s = 0;
      for (const Case& c : cases) {
        pugi::xml_node tc = suite.append_child("testcase");
        tc.append_attribute("classname") = c.classname.c_str();
        tc.append_attribute("name") = c.name.c_str();
        tc.append_attribute("file") = c.file.c_str();
        if (c.kind == Case::skipped) {
          ++s;
          tc.append_child("skipped").append_attribute("message") = c.message.c_str();
          if (!c.text.empty()) tc.append_child("system-out").text().set(c.text.c_str());
          continue;
        }
        if (c.kind == Case::failed) {
          ++f;
          pugi::xml_node failure = tc.append_child("failure");
          failure.append_attribute("message") = c.message.c_str();
          failure.append_attribute("type") = "recovery";
          failure.text().set(c.text.c_str());
        } else {
          tc.append_child("system-out").text().set(c.text.c_str());
        }
      }
      suite.append_attribute("tests") = cases.size();
      suite.append_attribute("failures") = f;
      suite.append_attribute("errors") = 0;
      suite.append_attribute("skipped") = s;
      tests += cases.size();
      failures += f;
      skipped += s;
    }
    if (!errors.empty()) {
      pugi::xml_node suite = root.append_child("testsuite");
      suite.append_attribute("name") = "unreadable";
      for (const io::Diagnostic& e : errors) {
        pugi::xml_node tc = suite.append_child("testcase");
        tc.append_attribute("classname") = "runaudit.unreadable";
        tc.append_attribute("name") = e.source.c_str();
        tc.append_attribute("file") = e.source.c_str();
        pugi::xml_node error = tc.append_child("error");
        error.append_attribute("message") = (e.source + io::position(e) + ": " + e.message).c_str();
        error.append_attribute("type") = e.code.c_str();
      }
      suite.append_attribute("tests") = errors.size();
      suite.append_attribute("failures") = 0;
      suite.append_attribute("errors") = errors.size();
      suite.append_attribute("skipped") = 0;
      tests += errors.size();
    }
    root.append_attribute("tests") = tests;
    root.append_attribute("failures") = failures;
    root.append_attribute("errors") = errors.size();
    root.append_attribute("skipped") = skipped;
    doc.save(m_out, "  ", pugi::format_indent, pugi::encoding_utf8);
  }

 private:
  std::ostream& m_out;
  ReportOptions m_options;
  std::map<std::string, std::vector<Case>> m_suites;  // by athlete, runs in input order
  std::map<std::string, std::map<std::string, int>> m_seen;
};

}  // namespace

std::unique_ptr<Writer> make_junit_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<JunitWriter>(out, o);
}

}  // namespace runaudit::report::detail
