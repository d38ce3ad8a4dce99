// JUnit XML as CI servers read it (Jenkins, GitLab, GitHub actions): <testsuites>, one
// <testsuite> per athlete, one <testcase> per run named by date and activity name; a <failure>
// per run whose verdict reaches the --fail-on level, <skipped> for skipped runs, and an
// "unreadable" suite with an <error> per file that could not be read.
//
// The suites come in athlete order and carry their counts before their cases, which come in
// date order, so nothing can be written before the end: each case is written as XML to a
// temporary file as it comes, and only each athlete's counts, each case's start time and place
// in the file, and a hash of each run's name (two runs of a day with the same name are told
// apart) stay in memory. The XML is pugixml's, as one document saved whole would be.

#include <cstdint>
#include <map>
#include <pugixml.hpp>
#include <sstream>
#include <unordered_set>
#include <vector>

#include "runaudit/local_time.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "text_spill.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

constexpr const char* indent = "  ";

// @p node as pugixml saves it at @p depth of a document.
std::string xml(const pugi::xml_node& node, unsigned depth) {
  std::ostringstream out;
  node.print(out, indent, pugi::format_indent, pugi::encoding_utf8, depth);
  return out.str();
}

// The start tag of @p node (with its attributes) as saved at @p depth with children.
std::string start_tag(pugi::xml_node node, unsigned depth) {
  node.append_child("x");
  const std::string text = xml(node, depth);
  return text.substr(0, text.find('\n') + 1);
}

class JunitWriter final : public Writer {
 public:
  // "could not be judged: " and why @p j is unjudged ("pace: no pace anchor ...", "duration:
  // the file is damaged ...").
  std::string unjudged_message(const audit::Judgement& j) const {
    const audit::NotJudged* n = audit::unknowable_rule(j);
    return "could not be judged" +
           (n ? ": " + n->rule + ": " + unjudged_words(*n, m_options.units) : std::string());
  }

  JunitWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_options(o) {}

  void run(const audit::RunRecord& r, std::string /*rendered: empty*/) override {
    Suite& suite = m_suites[r.athlete];
    // The day of the run in the athlete's local time, as in every other report.
    const std::string date =
        r.start_time_ms
            ? format_local_rfc3339(*r.start_time_ms, r.utc_offset_s.value_or(0)).substr(0, 10)
            : "undated";
    std::string name = date + " " + (r.name.empty() ? file_stem(r.file) : r.name);
    // A run of an earlier week that this job reports: said, or it would read as one of the
    // week's. Uploaded after its week's job, or synced before an earlier job (which audited it
    // early: RunRecord::early_window) and its week's job never ran. Its window's first day, as
    // format_day_range writes it.
    const bool late = !r.late_window.empty() && date < r.late_window.substr(0, 10);
    const bool week_skipped = late && !r.early_window.empty();
    if (late) name += week_skipped ? " (of an earlier week)" : " (late upload)";
    // Two runs with the same date and name (two files, or the sessions of one multisport
    // file): CI servers merge test cases of one name, so the later ones say which they are.
    if (!suite.names.insert(std::hash<std::string>{}(name)).second)
      name += " (" + r.file +
              (r.activity_index > 0 ? " #" + std::to_string(r.activity_index) : "") + ")";
    pugi::xml_document doc;
    pugi::xml_node tc = doc.append_child("testcase");
    tc.append_attribute("classname") = ("runaudit." + r.athlete).c_str();
    tc.append_attribute("name") = name.c_str();
    tc.append_attribute("file") = r.file.c_str();
    ++suite.tests;
    if (!r.audited) {
      ++suite.skipped;
      tc.append_child("skipped").append_attribute("message") =
          skip_words(r, m_options.units).c_str();
    } else {
      const audit::Judgement& j = r.judgement;
      std::ostringstream text;
      text << "verdict " << audit::to_string(j.verdict) << ", " << score_words(j) << ", "
           << format_clock(r.metrics.moving_time_s) << " moving";
      // Which distance the rules judged: the device's where the GPS track read short of it.
      if (r.metrics.distance_m) text << ", " << distance_words(r, m_options.units);
      text << '\n';
      if (late)
        text << "reported late: a run before this job's window (" << r.late_window << "), "
             << (week_skipped ? "audited early by the job of " + r.early_window +
                                    ", and its own week's job did not report it"
                              : std::string("uploaded after its own week's job"))
             << "\n";
      // Each limit with where it came from (flag, plan, athletes file, config file, watch, ...).
      if (const std::string limits = limits_words(r, m_options.units); !limits.empty())
        text << "limits " << limits << '\n';
      const std::vector<Finding> found = findings(r, m_options.units);
      for (const Finding& f : found)
        text << severity_word(f.severity) << " " << rule_words(f.rule) << ": " << f.words << '\n';
      for (const audit::NotJudged& n : j.not_judged)
        text << "not judged " << rule_words(n.rule) << ": " << unjudged_words(n, m_options.units)
             << '\n';
      // The rules broken (advice is none), by name and severity: what a CI server shows first.
      std::string broken;
      for (const Finding& f : found)
        if (f.severity != audit::Severity::info)
          broken += (broken.empty() ? "" : ", ") + rule_words(f.rule) + " (" +
                    std::string(severity_word(f.severity)) + ")";
      // An unjudged run's message names what was broken of what was judged, too.
      const std::string unjudged =
          unjudged_message(j) + (broken.empty() ? "" : "; broken: " + broken);
      if (fails(r, m_options)) {
        ++suite.failures;
        pugi::xml_node failure = tc.append_child("failure");
        failure.append_attribute("message") =
            (j.verdict == audit::Verdict::unjudged
                 ? unjudged
                 : "not a recovery run: " + std::string(audit::to_string(j.verdict)) + ", " +
                       score_words(j) + (broken.empty() ? "" : "; broken: " + broken))
                .c_str();
        failure.append_attribute("type") = "recovery";
        failure.text().set(text.str().c_str());
      } else if (j.verdict == audit::Verdict::unjudged) {
        ++suite.skipped;  // never a silent pass: shown as skipped, with why
        tc.append_child("skipped").append_attribute("message") = unjudged.c_str();
        tc.append_child("system-out").text().set(text.str().c_str());
      } else {
        tc.append_child("system-out").text().set(text.str().c_str());
      }
    }
    suite.cases.add(m_cases, r.start_time_ms, xml(tc, 2));
  }

  void finish(std::span<const io::Diagnostic> errors) override {
    std::size_t tests = errors.size(), failures = 0;
    for (const auto& [athlete, suite] : m_suites) {
      tests += suite.tests;
      failures += suite.failures;
    }
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root = doc.append_child("testsuites");
    root.append_attribute("name") = "runaudit";
    root.append_attribute("tests") = tests;
    root.append_attribute("failures") = failures;
    root.append_attribute("errors") = errors.size();
    // No `skipped` here: junit-10.xsd (Jenkins xUnit) allows it on <testsuite> only.
    if (m_suites.empty() && errors.empty()) {
      doc.save(m_out, indent, pugi::format_indent, pugi::encoding_utf8);  // <testsuites ... />
      return;
    }
    m_out << xml(decl, 0) << start_tag(root, 0);
    for (auto& [athlete, suite] : m_suites) {
      pugi::xml_node node = root.append_child("testsuite");
      node.append_attribute("name") = athlete.c_str();
      node.append_attribute("tests") = suite.tests;
      node.append_attribute("failures") = suite.failures;
      node.append_attribute("errors") = 0;
      node.append_attribute("skipped") = suite.skipped;
      m_out << start_tag(node, 1);
      // The athlete's runs in date order, as the other reports list them.
      suite.cases.write(m_cases, m_out);
      m_out << indent << "</testsuite>\n";
      root.remove_child(node);
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
      m_out << xml(suite, 1);
    }
    m_out << "</testsuites>\n";
  }

 private:
  struct Suite {
    std::size_t tests = 0, failures = 0, skipped = 0;
    DatedPieces cases;  // its runs' <testcase>s, in m_cases
    // Hashes of its cases' names before any " (file)": 64 bits a run, not the name (a collision,
    // a chance of about 3 in 10^8 among a million runs, only adds a file to a case's name).
    std::unordered_set<std::size_t> names;
  };
  std::ostream& m_out;
  ReportOptions m_options;
  TextSpill m_cases;                                    // the cases, as written
  std::map<std::string, Suite, AthleteOrder> m_suites;  // by athlete
};

}  // namespace

std::unique_ptr<Writer> make_junit_writer(std::ostream& out, const ReportOptions& o) {
  return std::make_unique<JunitWriter>(out, o);
}

}  // namespace runaudit::report::detail
