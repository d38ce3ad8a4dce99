// Data-driven test over the real FIT files of ../shared/corpus/fit (RUNAUDIT_FIT_CORPUS_DIR):
// each file is handled as its row of MANIFEST.md says (run, run leg, skip as another sport,
// skip as not an activity, reject), and what we read agrees with reference.json, whose values
// were decoded independently of runaudit (python-fitparse, cross-checked with fitdecode,
// Garmin's JavaScript SDK and GPSBabel): record counts, session sports and totals, laps, the
// device's distance, heart rates, UTC offsets, HR anchors, workouts, developer fields.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/model.hpp"
#include "runaudit/time.hpp"
#include "support/printers.hpp"

using Catch::Matchers::Contains;
using nlohmann::json;
using runaudit::Activity;
using runaudit::NoteCode;
using runaudit::Sport;
using runaudit::io::ParseErrc;

namespace {

namespace fs = std::filesystem;
using testing::error_of;
using testing::find_note;
using testing::val;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A reference value that may be null: NaN then (comparisons with it fail).
double number(const json& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

// reference.json's HR settings: absent, or 0 ("not set"), both mean absent.
std::optional<double> setting(const json& list_or_object, const char* key) {
  const json& o =
      list_or_object.is_array() && !list_or_object.empty() ? list_or_object[0] : list_or_object;
  if (!o.is_object() || !o.contains(key) || !o[key].is_number() || o[key].get<double>() == 0)
    return std::nullopt;
  return o[key].get<double>();
}

// reference.json writes intensities as python-fitparse names them: raw "4" (recovery, unknown
// to its older profile) and "None" (not written, repeat steps).
std::string intensity(const std::string& reference) {
  return reference == "4" ? "recovery" : reference == "None" ? "" : reference;
}

void check_activities(const std::vector<Activity>& activities, const json& ref) {
  const json& records = ref["records"];
  const json& sessions = ref["sessions"];
  REQUIRE(activities.size() == sessions.size());
  std::size_t trackpoints = 0, laps = 0, with_hr = 0;
  double hr_sum = 0;
  for (std::size_t i = 0; i < activities.size(); ++i) {
    const Activity& a = activities[i];
    const json& s = sessions[i];
    INFO("session " << i << " (" << s["sport"] << ")");
    CHECK(a.sport_raw == s["sport"].get<std::string>());
    if (s["sub_sport"].is_string()) CHECK(a.sub_sport == s["sub_sport"].get<std::string>());
    CHECK(val(a.device_distance_m) == Approx(number(s["total_distance_m"])).margin(0.005));
    CHECK(val(a.device_timer_s) == Approx(number(s["total_timer_time_s"])).margin(0.0005));
    CHECK(val(a.device_elapsed_s) == Approx(number(s["total_elapsed_time_s"])).margin(0.0005));
    if (s["total_ascent_m"].is_number())
      CHECK(val(a.device_elevation_gain_m) == s["total_ascent_m"].get<double>());
    else
      CHECK_FALSE(a.device_elevation_gain_m);
    trackpoints += a.trackpoints;
    laps += a.laps.size();
    for (const auto& p : a.samples) {
      // Never a date from a device-relative time (1989-1990) or an invalid one (2085).
      const std::string date = runaudit::format_rfc3339(p.time_ms);
      CHECK(date.substr(0, 4) >= "2000");
      CHECK(date.substr(0, 4) <= "2030");
      if (p.heart_rate_bpm) {
        ++with_hr;
        hr_sum += *p.heart_rate_bpm;
      }
    }
    const json& activity = ref["activity"];
    // The file's own local - UTC; 0 says nothing (the COROS file's clocks are equal for a run
    // in UTC+1): no offset then.
    if (activity.is_object() && activity["local_offset_s"].is_number()) {
      const int offset = activity["local_offset_s"].get<int>();
      CHECK(a.utc_offset_s == (offset == 0 ? std::nullopt : std::optional<int>(offset)));
    }
    CHECK(a.device_heart_rate.max_bpm == setting(ref["zones_target"], "max_heart_rate"));
    CHECK(a.device_heart_rate.threshold_bpm ==
          setting(ref["zones_target"], "threshold_heart_rate"));
    CHECK(a.device_heart_rate.resting_bpm == setting(ref["user_profile"], "resting_heart_rate"));
    std::vector<std::string> names = a.developer_fields;
    std::sort(names.begin(), names.end());
    CHECK(names ==
          ref["developer_fields"]["field_description_names"].get<std::vector<std::string>>());
  }
  CHECK(trackpoints == records["count"].get<std::size_t>());
  CHECK(laps == ref["laps"].get<std::size_t>());
  // Samples drop records the builder repairs (no position in a positioned track, repeated
  // times): the mean HR stays within a beat of all records'.
  if (records["hr_mean"].is_number())
    CHECK(hr_sum / double(with_hr) == Approx(number(records["hr_mean"])).margin(1.0));
  if (records["last_record_distance_m"].is_number()) {
    const auto& last = activities.back().samples.back();
    CHECK(val(last.distance_m) == Approx(number(records["last_record_distance_m"])).margin(0.005));
  }
  if (ref["workout"].is_array()) {
    const Activity& a = activities.front();
    REQUIRE(a.workout);
    CHECK(a.workout->name == ref["workout"][0]["wkt_name"].get<std::string>());
    CHECK(a.workout->steps.size() == ref["workout_steps"].size());
    std::vector<std::string> ours, theirs;
    for (const auto& step : a.workout->steps) ours.push_back(step.intensity);
    for (const auto& i : ref["workout_step_intensities"])
      theirs.push_back(intensity(i.get<std::string>()));
    std::sort(ours.begin(), ours.end());
    ours.erase(std::unique(ours.begin(), ours.end()), ours.end());
    std::sort(theirs.begin(), theirs.end());
    CHECK(ours == theirs);
  }
}

// Moving time from the watch's pauses: the samples' spans within their segments (s).
double segment_time_s(const Activity& a) {
  double total = 0;
  for (std::size_t k = 0; k < a.segment_starts.size(); ++k) {
    const std::size_t first = a.segment_starts[k];
    const std::size_t last =
        (k + 1 < a.segment_starts.size() ? a.segment_starts[k + 1] : a.samples.size()) - 1;
    total += double(a.samples[last].time_ms - a.samples[first].time_ms) / 1000;
  }
  return total;
}

}  // namespace

TEST_CASE("FIT corpus: every file handled as MANIFEST.md says, read as reference.json says",
          "[fit-corpus]") {
  const fs::path dir = RUNAUDIT_FIT_CORPUS_DIR;
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("FIT corpus not found (configure with -DRUNAUDIT_FIT_CORPUS_DIR=...): test skipped");
    return;
  }
  std::ifstream in(dir / "reference.json");
  REQUIRE(in);
  const json reference = json::parse(in)["files"];
  std::size_t fit_files = 0;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".fit") {
      ++fit_files;
      CHECK(reference.contains(entry.path().filename().string()));
    }
  CHECK(fit_files == reference.size());

  for (const auto& [name, ref] : reference.items()) {
    INFO(name);
    const std::string bytes = read_file(dir / name);
    const std::string expected = ref["expected"]["reader"].get<std::string>();
    if (expected == "skip_not_activity") {
      const auto e = error_of([&] { runaudit::io::parse_fit(bytes, name); });
      REQUIRE(e);
      CHECK(e->code() == ParseErrc::not_an_activity);
      CHECK(e->detail() ==
            "a FIT " + ref["file_id"][0]["type"].get<std::string>() + " file, not an activity");
      continue;
    }
    if (expected == "reject") {
      const auto e = error_of([&] { runaudit::io::parse_fit(bytes, name); });
      REQUIRE(e);
      CHECK(e->code() == ParseErrc::bad_fit);
      CHECK_THAT(e->detail(), Contains("truncated"));
      CHECK(e->where().offset > 0);
      CHECK(e->where().offset <= std::ptrdiff_t(bytes.size()));
      continue;
    }
    const auto activities = runaudit::io::parse_fit(bytes, name);
    check_activities(activities, ref);
    const auto running = std::count_if(activities.begin(), activities.end(),
                                       [](const Activity& a) { return a.sport == Sport::running; });
    if (expected == "run") {
      CHECK(activities.size() == 1);
      CHECK(running == 1);
    } else if (expected == "run_leg") {
      CHECK(activities.size() > 1);
      CHECK(running == 1);
    } else {
      REQUIRE(expected == "skip_sport");
      CHECK(running == 0);
    }
  }
}

TEST_CASE("FIT corpus: what the MANIFEST asks of particular files", "[fit-corpus]") {
  const fs::path dir = RUNAUDIT_FIT_CORPUS_DIR;
  if (dir.empty() || !fs::is_directory(dir)) {
    WARN("FIT corpus not found: test skipped");
    return;
  }
  const auto read = [&](const char* name) {
    return runaudit::io::parse_fit(read_file(dir / name), name);
  };
  SECTION("FR310XT auto-pause: moving time from the timer events, not the record span") {
    const Activity a = read("garmin-fr310xt-run-2014-autopause.fit").at(0);
    CHECK(a.segment_starts.size() == 11);  // 11 timer start/stop_all pairs
    // The device's timer time is 3192.1 s of a 3648 s record span; the time within segments
    // misses the second or so between a stop and its last record, per pause.
    CHECK(segment_time_s(a) == Approx(3192.133).margin(15));
  }
  SECTION("fenix 5X: the max HR setting below the observed max is noted") {
    const Activity a = read("garmin-fenix5x-run-devfields.fit").at(0);
    const auto* n = find_note(a, NoteCode::max_hr_below_observed);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("172 bpm") && Contains("177 bpm"));
  }
  SECTION("FR70: relative times anchored to the local time, zone unknown; never 1990") {
    const Activity a = read("garmin-fr70-footpod-run-compressed-timestamps.fit").at(0);
    CHECK(a.start_time_known);
    CHECK(runaudit::format_rfc3339(*a.start_time_ms()).substr(0, 10) == "2012-02-13");
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("time zone unknown"));
  }
  SECTION("Edge 530: a bike computer; the workout's intensity 4 is recovery") {
    const Activity a = read("garmin-edge530-indoor-ride-with-workout-steps.fit").at(0);
    CHECK(a.bike_computer);
    CHECK(a.device == "Garmin Edge 530");
    CHECK(a.name == "HIIT 20 X 0:30/0:15");
    CHECK(a.sport == Sport::cycling);
  }
  SECTION("COROS and IpBike: devices named from their product names") {
    CHECK(read("coros-apexpro-run.fit").at(0).device == "COROS APEX Pro");
    CHECK(read("ipbike-android-run-bigendian-hrv.fit").at(0).device ==
          "iforPowell IpBike_samsung_SM-A320FL");
    CHECK_FALSE(read("coros-apexpro-run.fit").at(0).bike_computer);
  }
}
