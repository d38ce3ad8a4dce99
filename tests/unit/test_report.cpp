// Every report format parsed back by a real parser (nlohmann-json, pugixml, an RFC 4180 reader)
// and checked against the records written: awkward names survive, counts match, units stay SI.

#include <algorithm>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "audit/csv.hpp"
#include "report/weekly.hpp"
#include "report/writers.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/report/inspect.hpp"
#include "runaudit/report/results.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "support/synth.hpp"

using namespace runaudit;

namespace {

// Three records: a failing run with an awkward name, a passing one, a skipped ride.
std::vector<audit::RunRecord> records() {
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = 360;
  std::vector<audit::RunRecord> out;
  const auto make = [&](double speed, const std::string& name, const std::string& athlete,
                        Sport sport) {
    synth::Options o;
    o.path = synth::straight;
    o.elevation = [](double) { return 0.0; };
    o.legs = {{synth::Leg::move, 1200, speed}, {synth::Leg::move, 240, 1.4}};
    synth::Run run = synth::generate(o);
    run.activity.name = name;
    run.activity.sport = sport;
    run.activity.file = "runs/" + athlete + "/x.gpx";
    out.push_back(
        audit::audit_activity(run.activity, athlete, {}, flags, nullptr, std::nullopt, {}));
  };
  make(3.2, "Run, \"easy\" <1> & more\nline", "ann", Sport::running);
  make(2.6, "Recovery", "ann", Sport::running);
  make(8.0, "Ride", "bob", Sport::cycling);
  return out;
}

std::string render(std::string_view format, const std::vector<audit::RunRecord>& runs,
                   const std::vector<io::Diagnostic>& errors = {}) {
  std::ostringstream out;
  report::write_report(format, out, {}, runs, errors);
  return out.str();
}

const std::vector<io::Diagnostic> one_error{{"bad.gpx", "malformed_xml", "truncated XML", 12, 3}};

}  // namespace

TEST_CASE("report: JSON parses back with every run, violation and error", "[report]") {
  const auto runs = records();
  REQUIRE(runs[0].audited);
  REQUIRE_FALSE(runs[0].judgement.violations.empty());
  const auto doc = nlohmann::json::parse(render("json", runs, one_error));
  CHECK(doc["schema_version"] == 1);
  REQUIRE(doc["runs"].size() == 3);
  CHECK(doc["runs"][0]["name"] == runs[0].name);
  CHECK(doc["runs"][0]["violations"].size() == runs[0].judgement.violations.size());
  CHECK(doc["runs"][0]["limits"]["pace_limit_s_per_km"]["value"] == 360.0);
  CHECK(doc["runs"][0]["limits"]["pace_limit_s_per_km"]["source"] == "flag");
  CHECK(doc["runs"][2]["status"] == "skipped");
  CHECK(doc["runs"][2]["score"].is_null());
  CHECK(doc["errors"][0]["line"] == 12);
  // Streaming output equals nlohmann's own formatting of the same document.
  CHECK(render("json", runs, one_error) ==
        nlohmann::ordered_json::parse(render("json", runs, one_error)).dump(2) + "\n");
  CHECK(nlohmann::json::parse(render("json", {}))["runs"].empty());
}

TEST_CASE("report: every JSON and JSONL report names the version CMake's project() gives",
          "[report]") {
  const std::string expected = RUNAUDIT_EXPECTED_VERSION;  // tests/CMakeLists.txt
  const auto runs = records();
  CHECK(nlohmann::json::parse(render("json", runs, one_error))["runaudit_version"] == expected);
  std::ostringstream inspect;
  report::write_inspect_json(inspect, {}, {}, one_error);
  CHECK(nlohmann::json::parse(inspect.str())["runaudit_version"] == expected);
  // JSONL: its first line, the report line, or a shard's shard line.
  const std::string jsonl = render("jsonl", runs, one_error);
  const auto first = nlohmann::json::parse(jsonl.substr(0, jsonl.find('\n')));
  CHECK(first == nlohmann::json{
                     {"record", "report"}, {"schema_version", 1}, {"runaudit_version", expected}});
  report::ReportOptions sharded;
  sharded.shard = 2;
  sharded.shards = 5;
  std::ostringstream shard;
  report::write_report("jsonl", shard, sharded, runs, {});
  const auto shard_first = nlohmann::json::parse(shard.str().substr(0, shard.str().find('\n')));
  CHECK(shard_first["record"] == "shard");
  CHECK(shard_first["shard"] == 2);
  CHECK(shard_first["runaudit_version"] == expected);
  CHECK(shard.str().find("\"record\":\"report\"") == std::string::npos);
  // Read back with it, and without it (results of earlier versions).
  for (const std::string& text : {jsonl, jsonl.substr(jsonl.find('\n') + 1)}) {
    std::istringstream in(text);
    report::Results back;
    report::read_results(in, "r.jsonl", back);
    CHECK(back.runs.size() == runs.size());
    CHECK(back.errors.size() == one_error.size());
  }
}

TEST_CASE("report: JSONL is one parsable object per run and per error", "[report]") {
  const auto runs = records();
  std::istringstream in(render("jsonl", runs, one_error));
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  REQUIRE(lines.size() == 5);
  CHECK(lines[0]["record"] == "report");
  CHECK(lines[1]["record"] == "run");
  CHECK(lines[1]["name"] == runs[0].name);
  CHECK(lines[4]["record"] == "error");
  CHECK(lines[4]["code"] == "malformed_xml");
  for (const auto& l : lines) CHECK(l["schema_version"] == 1);
}

TEST_CASE("report: CSV round-trips awkward names (RFC 4180)", "[report]") {
  const auto runs = records();
  const auto rows = audit::csv::parse(render("csv", runs), "report.csv");
  REQUIRE(rows.size() == 4);
  const auto& header = rows[0].cells;
  const auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  for (const auto& r : rows) CHECK(r.cells.size() == header.size());
  CHECK(rows[1].cells[column("name")] == runs[0].name);
  CHECK(rows[1].cells[column("verdict")] == "fail");
  CHECK(std::stod(rows[1].cells[column("distance_m")]) ==
        Approx(*runs[0].metrics.distance_m).margin(0.1));
  CHECK(rows[1].cells[column("violations")].find("pace:major") != std::string::npos);
  // A finding that costs nothing (a 1:00 walk at the end, short of the 3:00 cool-down) is
  // "advice", as in the text and HTML reports, not the JSON code "info".
  auto advised = runs;
  advised[1].judgement.violations.push_back(audit::Violation{
      .rule = "cooldown", .severity = audit::Severity::info, .value = 60, .limit = 180});
  const auto advised_rows = audit::csv::parse(render("csv", advised), "report.csv");
  CHECK(advised_rows[2].cells[column("violations")] == "cooldown:advice");
  CHECK(rows[3].cells[column("status")] == "skipped");
  CHECK(rows[3].cells[column("skip_reason")] == "cycling: not a run");

  // An unreadable file is a row too.
  const auto with_error = audit::csv::parse(render("csv", runs, one_error), "report.csv");
  REQUIRE(with_error.size() == 5);
  CHECK(with_error[4].cells.size() == header.size());
  CHECK(with_error[4].cells[column("file")] == "bad.gpx");
  CHECK(with_error[4].cells[column("status")] == "unreadable");
  CHECK(with_error[4].cells[column("skip_reason")] == "malformed_xml: truncated XML:12:3");
}

TEST_CASE("report: JUnit XML is what CI servers read", "[report]") {
  const auto runs = records();
  pugi::xml_document doc;
  REQUIRE(doc.load_string(render("junit", runs, one_error).c_str()));
  const pugi::xml_node root = doc.child("testsuites");
  CHECK(root.attribute("tests").as_int() == 4);
  CHECK(root.attribute("failures").as_int() == 1);
  CHECK(root.attribute("errors").as_int() == 1);
  // Skipped runs are counted per suite: junit-10.xsd (Jenkins xUnit) has no `skipped` here.
  CHECK_FALSE(root.attribute("skipped"));
  CHECK(root.find_child_by_attribute("testsuite", "name", "bob").attribute("skipped").as_int() ==
        1);
  const pugi::xml_node ann = root.find_child_by_attribute("testsuite", "name", "ann");
  REQUIRE(ann);
  CHECK(ann.attribute("tests").as_int() == 2);
  const pugi::xml_node first = ann.child("testcase");
  CHECK(std::string(first.attribute("name").value()).find(runs[0].name) != std::string::npos);
  // What a CI server shows first names the rules broken; the text gives each, and the limits
  // with where they came from. 3.2 m/s is 5:12/km, 13 % faster than the 6:00/km flag: major.
  CHECK_THAT(std::string(first.child("failure").attribute("message").value()),
             Catch::Matchers::StartsWith("not a recovery run: fail, score ") &&
                 Catch::Matchers::EndsWith("; broken: pace (major)"));
  const std::string text = first.child("failure").text().get();
  CHECK(text.find("\nmajor pace: ") != std::string::npos);
  CHECK(text.find("\nlimits pace 6:00/km (the command line)") != std::string::npos);
  CHECK(text.find("reported late") == std::string::npos);
  CHECK(
      root.find_child_by_attribute("testsuite", "name", "bob").child("testcase").child("skipped"));
  CHECK(std::string(root.find_child_by_attribute("testsuite", "name", "unreadable")
                        .child("testcase")
                        .child("error")
                        .attribute("type")
                        .value()) == "malformed_xml");
}

TEST_CASE("report: JUnit groups an athlete's runs that do not come in a row, as one document",
          "[report]") {
  // ann, bob, ann: ann's cases are written apart and joined at the end; her two runs of the same
  // day and name are told apart by file.
  std::vector<audit::RunRecord> runs = records();
  runs[1].athlete = "bob";
  runs.push_back(runs[0]);
  runs.back().file = "runs/ann/y.gpx";
  const std::string out = render("junit", runs, one_error);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(
      out.c_str(), (pugi::parse_default | pugi::parse_declaration) & ~pugi::parse_wconv_attribute));
  const pugi::xml_node ann =
      doc.child("testsuites").find_child_by_attribute("testsuite", "name", "ann");
  CHECK(ann.attribute("tests").as_int() == 2);
  std::vector<std::string> names;
  for (const pugi::xml_node tc : ann.children("testcase"))
    names.push_back(tc.attribute("name").value());
  REQUIRE(names.size() == 2);
  CHECK(names[1] == names[0] + " (runs/ann/y.gpx)");
  CHECK(doc.child("testsuites")
            .find_child_by_attribute("testsuite", "name", "bob")
            .attribute("tests")
            .as_int() == 2);
  // The same bytes as pugixml saving the whole document at once.
  std::ostringstream whole;
  doc.save(whole, "  ", pugi::format_indent, pugi::encoding_utf8);
  CHECK(out == whole.str());
}

TEST_CASE("report: JUnit names runs by their local date, each name once", "[report]") {
  auto runs = records();  // synth runs start 2023-11-14T22:13:20Z
  runs.resize(2);
  runs[1].utc_offset_s = 7200;  // 00:13 on the 15th where the athlete lives
  audit::RunRecord second_session = runs[1];
  second_session.activity_index = 1;  // a multisport file's next session of the same name
  runs.push_back(second_session);
  pugi::xml_document doc;
  REQUIRE(doc.load_string(render("junit", runs).c_str()));
  std::vector<std::string> names;
  for (const pugi::xml_node tc : doc.select_nodes("//testcase").begin()->parent().children())
    names.emplace_back(tc.attribute("name").value());
  REQUIRE(names.size() == 3);
  CHECK(names[0].rfind("2023-11-14 Run", 0) == 0);
  CHECK(names[1] == "2023-11-15 Recovery");
  CHECK(names[2] == "2023-11-15 Recovery (runs/ann/x.gpx #1)");
}

TEST_CASE("report: JUnit lists an athlete's runs in date order, undated last, whatever the input",
          "[report]") {
  // Three runs of one athlete given out of date order (their files' names sort so), one undated.
  auto runs = records();
  runs.resize(1);
  runs[0].utc_offset_s.reset();
  const std::int64_t day_ms = 86'400'000, first = *runs[0].start_time_ms;
  std::vector<audit::RunRecord> given;
  for (const auto& [name, start] :
       std::vector<std::pair<std::string, std::optional<std::int64_t>>>{{"C", first + 2 * day_ms},
                                                                        {"Undated", std::nullopt},
                                                                        {"A", first},
                                                                        {"B", first + day_ms}}) {
    audit::RunRecord r = runs[0];
    r.name = name;
    r.start_time_ms = start;
    given.push_back(r);
  }
  pugi::xml_document doc;
  REQUIRE(doc.load_string(render("junit", given).c_str()));
  std::vector<std::string> names;
  for (const pugi::xpath_node& n : doc.select_nodes("//testcase/@name"))
    names.emplace_back(n.attribute().value());
  CHECK(names == std::vector<std::string>{"2023-11-14 A", "2023-11-15 B", "2023-11-16 C",
                                          "undated Undated"});
}

TEST_CASE("report: an unnamed run is named by its file's stem, archive members included",
          "[report]") {
  using report::detail::file_stem;
  CHECK(file_stem("uploads/ann/2026-11-16-run.gpx") == "2026-11-16-run");
  CHECK(file_stem("export.zip!activities/3010.FIT.gz") == "3010");
  CHECK(file_stem("export.zip!activities/old_uploads.zip!3040.tcx") == "3040");
  CHECK(file_stem("export.zip!3041") == "3041");
  CHECK(file_stem("a/.gpx") == ".gpx");  // nothing left to name it by: kept whole
}

TEST_CASE("report: JUnit and CSV say why a run is unjudged: its pace, or a damaged file's length",
          "[report]") {
  std::vector<audit::RunRecord> runs = records();
  // Run 1 passed; its file now ends early, its pace judged on what was read, its duration not.
  audit::Judgement& j = runs[1].judgement;
  REQUIRE(j.verdict == audit::Verdict::pass);
  j.verdict = audit::Verdict::unjudged;
  j.not_judged = {{"heart_rate", audit::Unjudged::no_heart_rate, ""}};
  runs[0].judgement.not_judged.clear();
  j.not_judged.push_back(
      {"duration", audit::Unjudged::recording_incomplete,
       "at byte 99949 and was read only up to there: the rest of the run is missing"});
  const auto skipped_message = [&] {
    pugi::xml_document doc;
    REQUIRE(doc.load_string(render("junit", runs).c_str()));
    std::vector<std::string> unjudged;  // the skipped test cases that are runs not judged
    for (const pugi::xpath_node& n : doc.select_nodes("//skipped/@message"))
      if (std::string m = n.attribute().value(); m.rfind("could not be judged", 0) == 0)
        unjudged.push_back(m);
    REQUIRE(unjudged.size() == 1u);
    return unjudged[0];
  };
  CHECK(skipped_message() ==
        "could not be judged: duration: the file is damaged at byte 99949 and was read only up to "
        "there: the rest of the run is missing");
  const auto rows = audit::csv::parse(render("csv", runs), "report.csv");
  const auto& header = rows.at(0).cells;
  const auto column = std::find(header.begin(), header.end(), "not_judged") - header.begin();
  REQUIRE(column < std::ptrdiff_t(header.size()));
  CHECK(rows.at(2).cells.at(std::size_t(column)) ==
        "heart_rate: no heart-rate data | duration: the file is damaged at byte 99949 and was "
        "read only up to there: the rest of the run is missing");
  CHECK(rows.at(1).cells.at(std::size_t(column)).empty());  // run 0 now judged every rule
  // Without a pace anchor, the pace says it first.
  j.not_judged.insert(j.not_judged.begin(), {"pace", audit::Unjudged::no_pace_limit, ""});
  CHECK(skipped_message().rfind("could not be judged: pace: no pace anchor", 0) == 0);
}

TEST_CASE("report: JUnit follows --fail-on", "[report]") {
  const auto runs = records();
  for (const auto& [fail_on, failures] :
       {std::pair{report::FailOn{false, false, false}, 0}, {report::FailOn{}, 1}}) {
    std::ostringstream out;
    report::ReportOptions o;
    o.fail_on = fail_on;
    report::write_report("junit", out, o, runs, {});
    pugi::xml_document doc;
    REQUIRE(doc.load_string(out.str().c_str()));
    CHECK(doc.child("testsuites").attribute("failures").as_int() == failures);
  }
}

TEST_CASE("report: an unjudged run that broke a judged rule fails --fail-on warn", "[report]") {
  audit::RunRecord r;
  r.audited = true;
  r.judgement.verdict = audit::Verdict::unjudged;
  r.judgement.not_judged.push_back({"pace", audit::Unjudged::no_distance, ""});
  report::ReportOptions warn;
  warn.fail_on = report::FailOn{true, true, false};
  const report::ReportOptions fail;     // the default: fail only
  CHECK_FALSE(report::fails(r, warn));  // nothing broken of what was judged
  audit::Violation advice;
  advice.rule = "cooldown";
  advice.severity = audit::Severity::info;
  r.judgement.violations.push_back(advice);
  CHECK_FALSE(report::fails(r, warn));  // advice breaks no rule
  audit::Violation hr;
  hr.rule = "heart_rate";
  hr.severity = audit::Severity::minor;
  r.judgement.violations.push_back(hr);
  CHECK(report::fails(r, warn));
  CHECK_FALSE(report::fails(r, fail));
  // JUnit: a failure under --fail-on warn, skipped otherwise; either way naming the breach.
  for (const report::ReportOptions* o : std::array<const report::ReportOptions*, 2>{&warn, &fail}) {
    std::ostringstream out;
    report::write_report("junit", out, *o, std::vector<audit::RunRecord>{r}, {});
    pugi::xml_document doc;
    REQUIRE(doc.load_string(out.str().c_str()));
    const pugi::xml_node tc = doc.child("testsuites").child("testsuite").child("testcase");
    const pugi::xml_node node = tc.child(o == &warn ? "failure" : "skipped");
    REQUIRE(node);
    CHECK_THAT(std::string(node.attribute("message").as_string()),
               Catch::Matchers::StartsWith("could not be judged: pace:") &&
                   Catch::Matchers::EndsWith("; broken: heart rate (minor)"));
  }
}

TEST_CASE("report: JUnit names a run reported late, from before the job's window", "[report]") {
  std::vector<audit::RunRecord> runs = records();
  runs.resize(2);
  // Both of Tuesday 2023-11-14 (synth's day, UTC): the first reported late by the job of the
  // next week, the second from the history in its own week's job: not late.
  REQUIRE(runaudit::format_rfc3339(*runs[0].start_time_ms).substr(0, 10) == "2023-11-14");
  runs[0].late_window = "2023-11-20/2023-11-26";
  runs[1].late_window = "2023-11-13/2023-11-19";
  pugi::xml_document doc;
  REQUIRE(doc.load_string(render("junit", runs).c_str()));
  const pugi::xml_node ann = doc.child("testsuites").child("testsuite");
  std::vector<std::string> names;
  for (const pugi::xml_node tc : ann.children("testcase"))
    names.push_back(tc.attribute("name").value());
  REQUIRE(names.size() == 2);
  CHECK_THAT(names[0], Catch::Matchers::EndsWith(" (late upload)"));
  CHECK_THAT(names[1], !Catch::Matchers::EndsWith(" (late upload)"));
  CHECK(std::string(ann.child("testcase").child("failure").text().get())
            .find("reported late: a run before this job's window (2023-11-20/2023-11-26), "
                  "uploaded after its own week's job") != std::string::npos);
  // Audited early by the job of the week before its own (synced before it ran), its own week's
  // job never ran: not a late upload, a run of an earlier week.
  runs[0].early_window = "2023-11-06/2023-11-12";
  pugi::xml_document skipped;
  REQUIRE(skipped.load_string(render("junit", runs).c_str()));
  const pugi::xml_node first = skipped.child("testsuites").child("testsuite").child("testcase");
  CHECK_THAT(first.attribute("name").value(), Catch::Matchers::EndsWith(" (of an earlier week)"));
  CHECK(std::string(first.child("failure").text().get())
            .find("audited early by the job of 2023-11-06/2023-11-12, and its own week's job did "
                  "not report it") != std::string::npos);
}

TEST_CASE("report: the weekly Markdown summary counts verdicts per ISO week", "[report]") {
  const auto runs = records();
  const std::string md = render("markdown", runs, one_error);
  // synth runs start 2023-11-14T22:13:20Z: ISO week 2023-W46.
  CHECK(md.find("| 2023-W46 | 2 | 1 | 0 | 1 | 0 |") != std::string::npos);
  CHECK(md.find("## ann") != std::string::npos);
  CHECK(md.find("Run, \"easy\" \\<1> & more line") != std::string::npos);
  CHECK(md.find("## Unreadable files") != std::string::npos);
  // A skipped run names its file, as in the text report; the summary line comes last.
  CHECK(md.find(" skipped: Ride, runs/bob/x.gpx #0 (") != std::string::npos);
  CHECK_THAT(md, Catch::Matchers::EndsWith(
                     "\n2 audited: 1 pass, 0 warn, 1 fail, 0 unjudged; 1 skipped; 1 unreadable\n"));
}

TEST_CASE("report: the HTML marks exactly the violation spans the JSON lists", "[report]") {
  std::vector<audit::RunRecord> runs;
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = 360;
  flags.hr_limit_bpm = 130;
  synth::Options o;
  o.path = synth::straight;
  o.elevation = [](double) { return 0.0; };
  o.legs = {{synth::Leg::move, 900, 2.6},
            {synth::Leg::move, 120, 3.6},
            {synth::Leg::move, 900, 2.6},
            {synth::Leg::move, 240, 1.4}};
  const synth::Run run = synth::generate(o);
  runs.push_back(
      audit::audit_activity(run.activity, "ann", {}, flags, nullptr, std::nullopt, {}, true));
  const auto& violations = runs[0].judgement.violations;
  REQUIRE(violations.size() >= 2);  // a surge and heart rate at least

  std::ostringstream out;
  report::write_report("html", out, {}, runs, {});
  const std::string html = out.str();
  CHECK(html.find("<script") == std::string::npos);  // self-contained, no scripts
  CHECK(html.find("http://") == html.find("http://www.w3.org/2000/svg"));  // no links out
  // Parse every inline SVG as XML and collect the shaded spans.
  std::vector<std::tuple<std::string, double, double>> spans;
  std::size_t charts = 0;
  const std::string chart = "<svg class=\"chart\" ";  // a run's charts (not the trends)
  for (std::size_t at = html.find(chart); at != std::string::npos; at = html.find(chart, at + 1)) {
    const std::size_t end = html.find("</svg>", at) + 6;
    pugi::xml_document svg;
    REQUIRE(svg.load_string(html.substr(at, end - at).c_str()));
    ++charts;
    for (const pugi::xml_node rect : svg.child("svg").children("rect"))
      if (std::string(rect.attribute("class").value()).find("violation") == 0)
        spans.emplace_back(rect.attribute("data-rule").value(),
                           rect.attribute("data-start-m").as_double(),
                           rect.attribute("data-end-m").as_double());
  }
  CHECK(charts == 3);  // pace, elevation, heart rate
  REQUIRE(spans.size() == violations.size());
  const auto json = nlohmann::json::parse([&] {
    std::ostringstream j;
    report::write_report("json", j, {}, runs, {});
    return j.str();
  }());
  for (const auto& v : json["runs"][0]["violations"]) {
    const auto found = std::find_if(spans.begin(), spans.end(), [&](const auto& s) {
      return std::get<0>(s) == v["rule"] && std::get<1>(s) == v["start_m"].get<double>() &&
             std::get<2>(s) == v["end_m"].get<double>();
    });
    CHECK(found != spans.end());
  }
}

// Regression: axis ticks were generated with `for (v = first; v <= hi; v += step)`; a pace of
// 1e12 s/km beside 300 s/km (step 300 s) asked for billions of ticks, and a huge value beside a
// small span never advanced (v + step == v): the HTML report hung. Ticks are now at most 50.
TEST_CASE("report: absurd chart values still give a few grid lines per axis",
          "[report][regression]") {
  audit::RunRecord r;
  r.file = "absurd.gpx";
  r.audited = true;
  r.metrics.distance_m = 1e15;  // the x axis
  audit::ChartSeries c;
  for (int i = 0; i < 20; ++i) {
    c.time_s.push_back(i * 10.0);
    c.distance_m.push_back(i * 5e13);
    c.gap_s_per_km.push_back(i % 2 ? 1e12 : 300);
    c.elevation_m.push_back(i % 2 ? 1e17 : 1e17 + 1);
    c.heart_rate_bpm.push_back(120);
    c.state.emplace_back("running");
  }
  r.series = c;
  const std::vector<audit::RunRecord> runs{r};
  std::ostringstream out;
  report::write_report("html", out, {}, runs, {});
  const std::string html = out.str();
  std::size_t grid = 0;
  for (std::size_t at = html.find("class=\"grid\""); at != std::string::npos;
       at = html.find("class=\"grid\"", at + 1))
    ++grid;
  CHECK(grid > 0);
  CHECK(grid <= 3 * 2 * 50);  // three charts, an x and a y axis each
}

// Pass 1 of a batch drops the columns judging does not read before spilling a run; judging it
// then must give the same record as judging it whole (the rules that read the series fire on
// some of the bundled samples: pace, surge, heart rate, duration, distance, grade).
TEST_CASE("batch: a run without its unjudged columns is judged the same", "[report][batch]") {
  const std::string samples = RUNAUDIT_TEST_DATA_DIR "/../../samples/";
  audit::LimitInputs flags;
  flags.pace_limit_s_per_km = 390;
  flags.hr_limit_bpm = 140;
  std::set<std::string> rules;
  for (const char* file :
       {"alice/2026-11-16-recovery.gpx", "alice/2026-11-18-easy-too-fast.gpx",
        "alice/2026-11-20-recovery-surges.tcx", "alice/2026-11-24-recovery-too-long.gpx",
        "bob/2026-11-17-hilly-easy.gpx", "bob/2026-11-19-hot-recovery.gpx",
        "bob/2026-11-22-treadmill.tcx"}) {
    INFO(file);
    for (const Activity& a : io::read_activities(samples + file)) {
      audit::StagedRun whole = audit::stage_activity(a, "ann", {});
      audit::StagedRun lean = whole;
      audit::drop_unjudged_columns(lean);
      CHECK(lean.prepared.series.speed_m_per_s.empty());
      audit::finish_run(whole.record, whole.prepared, flags, nullptr, std::nullopt, {}, false);
      audit::finish_run(lean.record, lean.prepared, flags, nullptr, std::nullopt, {}, false);
      CHECK(render("json", {lean.record}) == render("json", {whole.record}));
      for (const audit::Violation& v : whole.record.judgement.violations) rules.insert(v.rule);
    }
  }
  CHECK(rules == std::set<std::string>{"distance", "duration", "elevation_gain", "grade",
                                       "heart_rate", "pace", "surge"});
}

TEST_CASE("report: runs rendered ahead, out of order and on other threads write the same report",
          "[report]") {
  // A batch renders each run on the worker that audited it, in any order, and writes in order:
  // render() must not depend on what earlier runs left in the writer (HTML card numbers, text
  // counts, JSON separators live in run()).
  std::vector<audit::RunRecord> runs = records();
  const auto more = records();
  runs.insert(runs.end(), more.begin(), more.end());
  for (const std::string_view format : report::formats) {
    CAPTURE(format);
    std::ostringstream out;
    const auto writer = report::make_writer(format, out, {});
    std::vector<std::string> texts(runs.size());
    std::vector<std::thread> threads;
    for (std::size_t k = runs.size(); k-- > 0;)
      threads.emplace_back([&, k] { texts[k] = writer->render(runs[k]); });
    for (std::thread& t : threads) t.join();
    for (std::size_t k = 0; k < runs.size(); ++k) writer->run(runs[k], texts[k]);
    writer->finish(one_error);
    CHECK(out.str() == render(format, runs, one_error));
    const bool per_run = format != "junit" && format != "markdown";
    CHECK(std::all_of(texts.begin(), texts.end(),
                      [&](const std::string& t) { return t.empty() != per_run; }));
  }
}

TEST_CASE("report: a sport the file does not name is said to be inferred", "[report]") {
  std::vector<audit::RunRecord> runs = records();
  runs[1].sport_inferred = "median moving speed 2.6 m/s, the file names no sport";
  const std::string text = render("text", runs);
  CHECK(text.find("  running inferred: median moving speed 2.6 m/s, the file names no sport\n") !=
        std::string::npos);
  CHECK(text.find("inferred") == text.rfind("inferred"));  // only that run says so
  const auto doc = nlohmann::json::parse(render("json", runs));
  CHECK(doc["runs"][1]["sport_inferred"] == runs[1].sport_inferred);
  CHECK(doc["runs"][0]["sport_inferred"].is_null());
}

TEST_CASE("report: a file whose checksum fails says so on its card, in text, HTML and JSON",
          "[report]") {
  std::vector<audit::RunRecord> runs = records();
  runs[0].file_warning = "file CRC does not match the bytes: values may be damaged";
  CHECK(render("text", runs)
            .find("  data  file CRC does not match the bytes: values may be "
                  "damaged\n") != std::string::npos);
  CHECK(render("html", runs).find("data: file CRC does not match the bytes") != std::string::npos);
  const auto doc = nlohmann::json::parse(render("json", runs));
  CHECK(doc["runs"][0]["file_warning"] == runs[0].file_warning);
  CHECK(doc["runs"][1]["file_warning"].is_null());
}

TEST_CASE(
    "report: text, Markdown, HTML and JUnit give the device's distance beside ours when they "
    "differ by more than 3 %",
    "[report]") {
  std::vector<audit::RunRecord> runs = records();
  // Run 0 moves 1200 s at 3.2 m/s and 240 s at 1.4 m/s: 4176 m. A watch that counted 4700 m
  // (12.5 % more) is shown; run 1 with a device figure 1 % off its own is not.
  runs[0].metrics.distance_m = 4176.0;
  runs[0].metrics.device_distance_m = 4700.0;
  runs[1].metrics.device_distance_m = *runs[1].metrics.distance_m * 1.01;
  for (const std::string_view format : {"text", "markdown", "html", "junit"}) {
    INFO(format);
    const std::string out = render(format, runs);
    CHECK(out.find("4.18 km (device 4.70 km)") != std::string::npos);
    CHECK(out.find("(device") == out.rfind("(device"));  // run 1's is not shown
  }
}

TEST_CASE(
    "report: a ride typed as a run is unjudged, loses no points, and stays out of its "
    "week's averages",
    "[report]") {
  std::vector<audit::RunRecord> runs = records();
  {  // the same generated run at 8 m/s (28.8 km/h: no runner's median), typed as a run
    synth::Options o;
    o.path = synth::straight;
    o.elevation = [](double) { return 0.0; };
    o.legs = {{synth::Leg::move, 1200, 8.0}};
    synth::Run ride = synth::generate(o);
    ride.activity.sport = Sport::running;
    ride.activity.file = "runs/ann/ride.gpx";
    audit::LimitInputs flags;
    flags.pace_limit_s_per_km = 360;
    flags.max_distance_m = 5000;  // 9.6 km ridden: a distance finding
    runs.push_back(
        audit::audit_activity(ride.activity, "ann", {}, flags, nullptr, std::nullopt, {}));
  }
  const audit::RunRecord& ride = runs.back();
  REQUIRE(ride.judgement.verdict == audit::Verdict::unjudged);
  REQUIRE(audit::sport_doubtful(ride.judgement));
  REQUIRE(!ride.judgement.violations.empty());  // it broke the distance limit
  const std::string text = render("text", runs);
  const std::size_t at = text.find("ride.gpx");
  REQUIRE(at != std::string::npos);
  const std::string block = text.substr(at, text.find("\n\n", at) - at);
  CHECK(block.find("distance: ") != std::string::npos);  // the finding, without a cost
  CHECK(block.find("point") == std::string::npos);
  // Ann's week counts the ride as its one unjudged run; its average GAP is the mean of her two
  // runs' (records(): 3.2 and 2.6 m/s), not pulled towards the ride's 2:05/km.
  const std::string md = render("markdown", runs);
  CHECK(md.find("| 2023-W46 | 3 | 1 | 0 | 1 | 1 |") != std::string::npos);
  // The Markdown says why it is unjudged, first under its line (as the text and HTML do).
  const std::size_t line = md.find("**UNJUDGED** (not scored)");
  REQUIRE(line != std::string::npos);
  CHECK(md.find("\n  - not judged: **pace**: sport doubtful: ", line) < md.find("\n- ", line));
  report::detail::WeeklySummary weeks;
  for (const audit::RunRecord& r : runs) weeks.add(r);
  // The same ride uploaded twice more: were rides counted, their distance findings (three
  // majors) would cost the week more than run 0's pace; the most frequent rule stays pace.
  for (int copy = 1; copy <= 2; ++copy) {
    audit::RunRecord again = ride;
    again.file = "runs/ann/ride-" + std::to_string(copy) + ".gpx";
    weeks.add(again);
  }
  const auto rows = weeks.rows();
  REQUIRE(rows.at("ann").size() == 1);
  const report::detail::WeekRow& week = rows.at("ann").front();
  // The week's GAP is its runs' judged GAP (walks left out: their baseline_gap_s_per_km).
  REQUIRE(runs[0].baseline_gap_s_per_km);
  REQUIRE(runs[1].baseline_gap_s_per_km);
  const double judged = (*runs[0].baseline_gap_s_per_km + *runs[1].baseline_gap_s_per_km) / 2;
  CHECK(week.avg_gap_s_per_km == Approx(judged));
  CHECK(week.frequent.rfind("pace ", 0) == 0);
  // A run whose pace was not judged because its GPS track reads far longer than its device's
  // distance adds its heart rate to the week, not its (noisy track's) GAP.
  report::detail::WeeklySummary disputed;
  for (const audit::RunRecord& r : records()) disputed.add(r);
  audit::RunRecord noisy = records().front();
  noisy.file = "runs/ann/noisy.fit";
  noisy.metrics.avg_gap_s_per_km = 100;
  noisy.baseline_gap_s_per_km = 100;
  noisy.metrics.avg_hr_bpm = 100;
  noisy.judgement.violations.clear();
  noisy.judgement.not_judged.push_back({"pace", audit::Unjudged::distance_disputed, "x"});
  disputed.add(noisy);
  const auto disputed_rows = disputed.rows();
  const report::detail::WeekRow& with_noisy = disputed_rows.at("ann").front();
  CHECK(with_noisy.avg_gap_s_per_km == Approx(judged));
  CHECK(with_noisy.runs == 3);
  CHECK(with_noisy.avg_hr_bpm < week.avg_hr_bpm);  // its 100 bpm counted
}

TEST_CASE(
    "report: the summary counts an input that held nothing to audit apart from the "
    "unreadable",
    "[report]") {
  // An empty upload folder is no unreadable input (it still sets exit status 2).
  report::Tally tally;
  std::vector<io::Diagnostic> errors(3);
  errors[0].code = "nothing_to_audit";
  errors[1].code = "bad_fit";
  errors[2].code = "nothing_to_audit";
  CHECK(tally.words(errors) ==
        "0 audited: 0 pass, 0 warn, 0 fail, 0 unjudged; 0 skipped; 1 unreadable, 2 inputs with "
        "nothing to audit");
  errors.resize(2);
  errors[0].code = "truncated";
  CHECK(tally.words(errors) ==
        "0 audited: 0 pass, 0 warn, 0 fail, 0 unjudged; 0 skipped; 2 unreadable");
}

TEST_CASE("report: a week's most frequent rule costs no points for a run not scored", "[report]") {
  // One run, unjudged (no pace anchor) and not scored, broke the grade limit: its card shows no
  // points lost, and neither does its week.
  audit::RunRecord r;
  r.athlete = "gus";
  r.audited = true;
  r.start_time_ms = 1'699'833'600'000 + 3'600'000;  // 2023-11-13, W46
  r.judgement.verdict = audit::Verdict::unjudged;
  r.judgement.not_judged.push_back({"pace", audit::Unjudged::no_pace_limit, ""});
  audit::Violation grade;
  grade.rule = "grade";
  grade.severity = audit::Severity::major;
  grade.deduction = 16;
  r.judgement.violations.push_back(grade);
  report::detail::WeeklySummary weeks;
  weeks.add(r);
  CHECK(weeks.rows().at("gus").front().frequent == "grade (1 run)");
  r.judgement.verdict = audit::Verdict::fail;  // scored: its points
  report::detail::WeeklySummary scored;
  scored.add(r);
  CHECK(scored.rows().at("gus").front().frequent == "grade (1 run, −16 points)");
}

TEST_CASE("report: a week's recovery minutes and its change against the week before agree",
          "[report]") {
  // A week with no passing run, then one whose passing run moved 32.5 min: the table and the
  // change both say 33 (whole minutes, half up; printf's "%.0f" would print 32 beside +33).
  const auto run = [](std::int64_t start_ms, audit::Verdict verdict) {
    audit::RunRecord r;
    r.athlete = "ann";
    r.audited = true;
    r.start_time_ms = start_ms;
    r.metrics.moving_time_s = 1950;
    r.judgement.verdict = verdict;
    return r;
  };
  constexpr std::int64_t monday_w46 = 1'699'833'600'000;  // 2023-11-13T00:00:00Z
  constexpr std::int64_t week_ms = 7 * 86'400'000LL;
  report::detail::WeeklySummary weeks;
  weeks.add(run(monday_w46 + 3'600'000, audit::Verdict::fail));
  weeks.add(run(monday_w46 + week_ms + 3'600'000, audit::Verdict::pass));
  const auto rows = weeks.rows().at("ann");
  REQUIRE(rows.size() == 2);
  CHECK(rows[1].week == "2023-W47");
  CHECK(rows[1].recovery_min == 33);
  CHECK(rows[1].change.rfind("+33 recovery min", 0) == 0);
}
