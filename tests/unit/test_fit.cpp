// Unit tests for parse_fit (runaudit/io/fit.hpp) on FIT files written by Garmin's FIT SDK
// encoder (tests/data/fit, made by tests/oracle/make-fit-samples.mjs): the expected values are
// the formulas that script wrote the files from, computed again here.
//
// Times (python3: datetime(..., tzinfo=timezone.utc).timestamp() * 1000):
// 2026-11-16T07:00:00Z = 1794812400000 ms, 2026-11-18T06:00:00Z = 1794981600000 ms,
// 2026-11-20T17:30:00Z = 1795195800000 ms.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"
#include "runaudit/report/inspect.hpp"
#include "support/printers.hpp"

using Catch::Matchers::Contains;
using runaudit::Activity;
using runaudit::NoteCode;
using runaudit::Sport;
using runaudit::io::ParseErrc;

namespace {

using testing::error_of;
using testing::find_note;
using testing::val;

std::string data_file(const std::string& name) {
  std::ifstream in(std::string(RUNAUDIT_TEST_DATA_DIR) + "/fit/" + name, std::ios::binary);
  REQUIRE(in);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::vector<Activity> fit(const std::string& name) {
  return runaudit::io::parse_fit(data_file(name), name);
}

// Degrees of the semicircles the encoder wrote for @p deg (Math.round(deg * 2^31 / 180)).
double semicircle_degrees(double deg) {
  return std::round(deg * 2147483648.0 / 180) * 180 / 2147483648.0;
}

constexpr std::int64_t run_start_ms = 1794812400000;

}  // namespace

TEST_CASE("FIT run: every record as written, timer pauses are segments, laps are laps") {
  const auto activities = fit("run_pauses_laps.fit");
  REQUIRE(activities.size() == 1);
  const Activity& a = activities[0];
  CHECK(a.format == runaudit::Format::fit);
  CHECK(a.sport == Sport::running);
  CHECK(a.sport_raw == "running");
  CHECK(a.sub_sport == "trail");
  // Records at 0-600, 660-1200 and 1230-1500 s: the timer was stopped in between.
  REQUIRE(a.samples.size() == 601 + 541 + 271);
  CHECK(a.trackpoints == a.samples.size());
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 601, 601 + 541});
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    const int s = i < 601 ? int(i) : i < 1142 ? int(i) - 601 + 660 : int(i) - 1142 + 1230;
    const int moving = s - (s >= 660 ? 60 : 0) - (s >= 1230 ? 30 : 0);
    const auto& p = a.samples[i];
    INFO("sample " << i << " at " << s << " s");
    REQUIRE(p.time_ms == run_start_ms + 1000 * s);
    CHECK(val(p.latitude_deg) == semicircle_degrees(48 + moving * 2.7e-5));
    CHECK(val(p.longitude_deg) == semicircle_degrees(11));
    CHECK(val(p.elevation_m) == Approx(500 + moving % 20).margin(1e-9));
    CHECK(val(p.heart_rate_bpm) == 120 + moving / 50);
    CHECK(val(p.cadence_spm) == 2 * 85.5);  // FIT rpm per leg, doubled
    CHECK(val(p.distance_m) == Approx(3.0 * moving).margin(1e-9));
    CHECK(val(p.speed_m_per_s) == Approx(3.0).margin(1e-9));
  }
  REQUIRE(a.laps.size() == 3);
  // Laps begin at 0, 400 and 900 s: 400 samples, then 201 + 240, then 301 + 271.
  CHECK(a.laps[0].first_sample == 0);
  CHECK(a.laps[0].sample_count == 400);
  CHECK(a.laps[1].first_sample == 400);
  CHECK(a.laps[1].sample_count == 441);
  CHECK(a.laps[2].first_sample == 841);
  CHECK(a.laps[2].sample_count == 572);
  CHECK(a.laps[1].start_time_ms == run_start_ms + 400'000);
  CHECK(val(a.laps[1].total_time_s) == Approx(440));  // 400-900 s less the 60 s pause
  CHECK(val(a.laps[1].distance_m) == Approx(1320));
  CHECK(val(a.device_distance_m) == Approx(3 * 1410));
  CHECK(val(a.device_timer_s) == Approx(1410));
  CHECK(val(a.device_elapsed_s) == Approx(1500));
  CHECK(a.utc_offset_s == 3600);
  CHECK(a.start_time_known);
  CHECK(a.device == "Garmin Forerunner 965");
  CHECK(a.creator == a.device);
  CHECK_FALSE(a.bike_computer);
  CHECK(val(a.device_heart_rate.max_bpm) == 188);  // zones_target before user_profile's 190
  CHECK(val(a.device_heart_rate.threshold_bpm) == 172);
  CHECK(val(a.device_heart_rate.resting_bpm) == 48);
  REQUIRE(find_note(a, NoteCode::cadence_doubled));
  CHECK_FALSE(find_note(a, NoteCode::max_hr_below_observed));  // 148 bpm < 188
  CHECK(a.notes.size() == 1);
}

TEST_CASE("FIT run: the workout, its step intensities and targets, and the name it gives") {
  const Activity a = fit("run_pauses_laps.fit").at(0);
  CHECK(a.name == "Recovery 25 min");
  REQUIRE(a.workout);
  CHECK(a.workout->name == "Recovery 25 min");
  REQUIRE(a.workout->steps.size() == 3);
  const auto& warmup = a.workout->steps[0];
  CHECK(warmup.intensity == "warmup");
  CHECK(val(warmup.duration_s) == 300);
  CHECK(warmup.target == "heart_rate");
  CHECK(warmup.target_zone == 1);
  const auto& recovery = a.workout->steps[1];
  CHECK(recovery.intensity == "recovery");
  CHECK(val(recovery.duration_s) == 1200);
  CHECK_FALSE(recovery.target_zone);
  CHECK(val(recovery.target_low) == 120);  // written as bpm + 100
  CHECK(val(recovery.target_high) == 135);
  CHECK(recovery.target_unit == "bpm");
  const auto& cooldown = a.workout->steps[2];
  CHECK(cooldown.intensity == "cooldown");
  CHECK(val(cooldown.duration_m) == 500);
  CHECK(cooldown.target == "open");
}

TEST_CASE("FIT multisport: one activity per session, every sport kept, named by sport") {
  const auto activities = fit("multisport.fit");
  REQUIRE(activities.size() == 3);
  constexpr std::int64_t start = 1794981600000;
  const struct {
    Sport sport;
    const char *raw, *sub, *name;
    std::size_t samples;
    int first_s;
    double distance;
  } legs[] = {{Sport::running, "running", "generic", "Run", 600, 0, 1800},
              {Sport::other, "transition", "generic", "Transition", 60, 600, 60},
              {Sport::cycling, "cycling", "road", "Bike", 600, 660, 4800}};
  double distance = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const Activity& a = activities[k];
    INFO("session " << k);
    CHECK(a.index == k);
    CHECK(a.sport == legs[k].sport);
    CHECK(a.sport_raw == legs[k].raw);
    CHECK(a.sub_sport == legs[k].sub);
    CHECK(a.sport_name == legs[k].name);
    CHECK(a.name == legs[k].name);
    REQUIRE(a.samples.size() == legs[k].samples);
    CHECK(a.samples.front().time_ms == start + 1000 * legs[k].first_s);
    CHECK(val(a.samples.front().distance_m) == Approx(distance));  // cumulative over legs
    CHECK(val(a.device_distance_m) == Approx(legs[k].distance));
    CHECK(a.laps.size() == 1);
    distance += legs[k].distance;
  }
}

TEST_CASE("FIT developer fields are skipped by their declared size and their names kept") {
  const Activity a = fit("devfields.fit").at(0);
  CHECK(a.developer_fields == std::vector<std::string>{"Power", "Form"});
  REQUIRE(a.samples.size() == 300);
  constexpr std::int64_t start = 1795195800000;
  for (std::size_t s = 0; s < 300; ++s) {
    INFO("record " << s);
    CHECK(a.samples[s].time_ms == start + 1000 * std::int64_t(s));
    CHECK(val(a.samples[s].heart_rate_bpm) == double(130 + s % 7));
    CHECK(val(a.samples[s].distance_m) == Approx(2.5 * double(s)));
    CHECK(val(a.samples[s].cadence_spm) == 176);
  }
  CHECK(a.name == "Run 2026-11-20");  // no workout, no sport name: sport and date
}

TEST_CASE("FIT files that are not activities are skipped with their type named") {
  const auto e = error_of([] { fit("course.fit"); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::not_an_activity);
  CHECK(e->detail() == "a FIT course file, not an activity");
}

TEST_CASE("FIT is recognised by its header and read by parse_document") {
  std::string bytes = data_file("devfields.fit");
  CHECK(runaudit::io::sniff(bytes) == runaudit::io::DocumentKind::fit);
  CHECK(runaudit::io::parse_document(bytes, "devfields.fit").at(0).samples.size() == 300);
  CHECK(runaudit::io::sniff(bytes.substr(0, 11)) != runaudit::io::DocumentKind::fit);
}

TEST_CASE("FIT: inspect shows the device, its settings, the workout and developer fields") {
  const std::vector<runaudit::report::InspectRecord> records{
      runaudit::report::summarise(fit("run_pauses_laps.fit").at(0)),
      runaudit::report::summarise(fit("devfields.fit").at(0))};
  std::ostringstream json_out, text_out;
  runaudit::report::write_inspect_json(json_out, records, {}, {});
  runaudit::report::write_inspect_text(text_out, records, {}, {});
  const auto doc = nlohmann::json::parse(json_out.str());
  const auto& run = doc["activities"][0]["fit"];
  CHECK(run["device"] == "Garmin Forerunner 965");
  CHECK(run["sub_sport"] == "trail");
  CHECK(run["utc_offset_s"] == 3600);
  CHECK(run["device_heart_rate"]["threshold_bpm"] == 172);
  CHECK(run["workout"]["steps"][1]["intensity"] == "recovery");
  CHECK(run["workout"]["steps"][1]["target_low"] == 120);
  CHECK(doc["activities"][1]["fit"]["developer_fields"] == nlohmann::json({"Power", "Form"}));
  const std::string text = text_out.str();
  CHECK_THAT(text, Contains("hr set    max 188 bpm, threshold 172 bpm, resting 48 bpm"));
  CHECK_THAT(text, Contains("workout   \"Recovery 25 min\", 3 steps: warmup recovery cooldown"));
  CHECK_THAT(text, Contains("dev       Power, Form"));
}

TEST_CASE(
    "FIT: inspect gives a ride's cadence in rpm and speed in km/h, a run's in steps/min and pace") {
  std::vector<Activity> legs = fit("multisport.fit");  // run, transition, bike
  for (const std::size_t leg : {std::size_t{0}, std::size_t{2}})
    for (runaudit::Sample& s : legs.at(leg).samples) s.cadence_spm = 84;
  REQUIRE(legs.at(2).sport == Sport::cycling);
  const std::vector<runaudit::report::InspectRecord> records{runaudit::report::summarise(legs[0]),
                                                             runaudit::report::summarise(legs[2])};
  std::ostringstream text_out;
  runaudit::report::write_inspect_text(text_out, records, {}, {});
  const std::string text = text_out.str();
  CHECK_THAT(text, Contains("cadence   avg 84 spm"));
  CHECK_THAT(text, Contains("cadence   avg 84 rpm"));
  // Both legs' positions move 1e-5 degrees of latitude a second at 45 N: 1.1113 m/s (M = 6 367
  // 382 m there), 900 s/km or 4.0 km/h; the ride without GAP (a runner's model).
  CHECK_THAT(text, Contains(", pace 15:00/km, GAP 15:00/km (no elevation)\n"));
  CHECK_THAT(text, Contains(", speed 4.0 km/h\n"));
}

TEST_CASE("FIT: inspect names the device's elapsed time without a timer time") {
  Activity a = fit("run_pauses_laps.fit").at(0);
  a.device_distance_m = 750;
  a.device_timer_s.reset();
  a.device_elapsed_s = 1102;  // a Scosche arm band's session: no total_timer_time
  const auto text = [](const Activity& activity) {
    const std::vector<runaudit::report::InspectRecord> records{
        runaudit::report::summarise(activity)};
    std::ostringstream out;
    runaudit::report::write_inspect_text(out, records, {}, {});
    return out.str();
  };
  CHECK_THAT(text(a), Contains("device    distance 0.75 km, elapsed 18:22\n"));
  a.device_timer_s = 1100;
  CHECK_THAT(text(a), Contains("device    distance 0.75 km, timer 18:20 of 18:22\n"));
}
