// Data-driven test over the real exports in the corpus folder (RUNAUDIT_CORPUS_DIR): every file
// is read, or rejected with the expected error, and the facts read match values established
// independently of our parser by scripts/corpus-facts.py (a tolerant tokenizer counting
// elements), stored in tests/corpus/expected.tsv.

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/signal/series.hpp"
#include "runaudit/time.hpp"

namespace {

using namespace runaudit;
namespace fs = std::filesystem;

using Row = std::map<std::string, std::string>;

std::vector<Row> read_expected() {
  std::ifstream in(RUNAUDIT_CORPUS_EXPECTED);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  std::vector<std::string> header;
  {
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, '\t');) header.push_back(cell);
  }
  std::vector<Row> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Row row;
    std::size_t start = 0;
    for (const std::string& key : header) {
      const std::size_t tab = line.find('\t', start);
      row[key] = line.substr(start, tab == std::string::npos ? std::string::npos : tab - start);
      start = tab == std::string::npos ? line.size() : tab + 1;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string flag(bool b) {
  return b ? "true" : "false";
}

std::string time_or_empty(const std::optional<std::int64_t>& t) {
  return t ? format_rfc3339(*t) : std::string();
}

}  // namespace

TEST_CASE("Corpus: every real export is read with the independently counted facts, or rejected",
          "[corpus]") {
  const fs::path dir = RUNAUDIT_CORPUS_DIR;
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("real corpus not found (configure with -DRUNAUDIT_CORPUS_DIR=...): test skipped");
    return;
  }
  const std::vector<Row> rows = read_expected();
  std::map<std::string, std::vector<Row>> by_file;
  for (const Row& r : rows) by_file[r.at("file")].push_back(r);

  // Every GPX/TCX file in the folder has expectations, and vice versa.
  std::size_t files_in_dir = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".gpx" && ext != ".tcx") continue;
    ++files_in_dir;
    CHECK(by_file.count(entry.path().filename().string()) == 1);
  }
  CHECK(files_in_dir == by_file.size());

  for (const auto& [file, expected] : by_file) {
    INFO("file: " << file);
    const std::string path = (dir / file).string();
    const std::string& error = expected.front().at("error");
    if (!error.empty()) {
      try {
        io::read_activities(path);
        FAIL("expected error " << error);
      } catch (const io::ParseError& e) {
        CHECK(to_string(e.code()) == error);
        CHECK(e.where().file == path);
      }
      continue;
    }
    std::vector<Activity> activities;
    REQUIRE_NOTHROW(activities = io::read_activities(path));
    REQUIRE(activities.size() == expected.size());
    for (std::size_t i = 0; i < activities.size(); ++i) {
      const Activity& a = activities[i];
      const Row& r = expected[i];
      INFO("activity " << i);
      const Channels ch = channels(a);
      CHECK(std::to_string(a.index) == r.at("activity_index"));
      CHECK(std::string(to_string(a.format)) == r.at("format"));
      CHECK(std::to_string(a.trackpoints) == r.at("points"));
      CHECK(std::to_string(a.laps.size()) == r.at("laps"));
      CHECK(std::to_string(a.segments) == r.at("segments"));
      CHECK(flag(ch.position) == r.at("has_position"));
      CHECK(flag(ch.elevation) == r.at("has_elevation"));
      CHECK(flag(ch.heart_rate) == r.at("has_heart_rate"));
      CHECK(flag(ch.cadence) == r.at("has_cadence"));
      CHECK(flag(ch.device_distance) == r.at("has_device_distance"));
      CHECK(time_or_empty(a.start_time_ms()) == r.at("start_time"));
      CHECK(time_or_empty(a.end_time_ms()) == r.at("end_time"));
    }
  }
}

TEST_CASE("Corpus: device distance without positions is within 0.5 % of the file's own",
          "[corpus][signal]") {
  const fs::path dir = RUNAUDIT_CORPUS_DIR;
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("real corpus not found: test skipped");
    return;
  }
  for (const char* name :
       {"garmin-tcx-treadmill-run-hr-cad-gaps.tcx", "garmin-fr405-indoor-run-footpod-6laps.tcx",
        "garmin-tcx-treadmill-run-doubled-cadence.tcx"}) {
    INFO(name);
    const std::vector<Activity> acts = io::read_activities((dir / name).string());
    REQUIRE(acts.size() == 1);
    const Activity& a = acts.front();
    // The file's own distance: last minus first DistanceMeters over the kept samples.
    std::optional<double> first, last;
    for (const Sample& s : a.samples)
      if (s.distance_m) {
        if (!first) first = s.distance_m;
        last = s.distance_m;
      }
    REQUIRE(first);
    const signal::Prepared p = signal::prepare(a);
    REQUIRE(p.metrics.distance_m);
    CHECK(p.distance_source == "device");
    CHECK(*p.metrics.distance_m == Approx(*last - *first).epsilon(0.005));
  }
}

TEST_CASE("Corpus: GPS distance against the device's and the service's own (docs/distance.md)",
          "[corpus][signal]") {
  const fs::path dir = RUNAUDIT_CORPUS_DIR;
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("real corpus not found: test skipped");
    return;
  }
  // The watch's running total (last minus first trackpoint DistanceMeters), runs of 1 km or more.
  for (const auto& [name, index] : std::vector<std::pair<const char*, std::size_t>>{
           {"garmin-tcx-multisport-bike-run.tcx", 1},
           {"garmin-tcx-run-bom-23laps.tcx", 0},
           {"garmin-tcx-three-activities-one-file.tcx", 0},
           {"garmin-tcx-three-activities-one-file.tcx", 1},
           {"garmin-tcx-three-activities-one-file.tcx", 2},
           {"suunto-movescount-run.tcx", 0},
           {"tcxparser-run-hr-1mile-lap.tcx", 0}}) {
    INFO(name << " #" << index);
    const Activity a = io::read_activities((dir / name).string()).at(index);
    std::optional<double> first, last;
    for (const Sample& s : a.samples)
      if (s.distance_m) {
        if (!first) first = s.distance_m;
        last = s.distance_m;
      }
    REQUIRE(first);
    const signal::Prepared p = signal::prepare(a);
    CHECK(p.distance_source == "gps");
    CHECK(*p.metrics.distance_m == Approx(*last - *first).epsilon(0.02));
  }
  // Strava's own figure for its ~5 s GPX (issue 19): 3.67 km.
  const Activity strava = io::read_activities((dir / "strava-run-hr-cad.gpx").string()).at(0);
  CHECK(*signal::prepare(strava).metrics.distance_m == Approx(3670).epsilon(0.015));
  // Runalyze's expected average cadence for the Wahoo treadmill file: 67 per leg, 134 steps/min.
  const Activity treadmill =
      io::read_activities((dir / "garmin-tcx-treadmill-run-doubled-cadence.tcx").string()).at(0);
  CHECK(*signal::prepare(treadmill).metrics.avg_cadence_spm == Approx(134).epsilon(0.03));
}
