// Units of limit values (audit::parse_limit, the athletes file, the plan): paces, distances and
// climbing with a unit suffix or in the units of --units (or of a row's `units` column),
// checked against conversions done by hand with the international mile (1609.344 m) and foot
// (0.3048 m).

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>
#include <tuple>

#include "runaudit/audit/limits.hpp"
#include "runaudit/audit/plan.hpp"
#include "runaudit/format.hpp"
#include "support/files.hpp"

using namespace runaudit;
using namespace runaudit::audit;

namespace {

// The row of limit_inputs of @p column.
const LimitInput& input(std::string_view column) {
  for (const LimitInput& i : limit_inputs)
    if (i.column == column) return i;
  FAIL("no column " << column);
  throw;
}

constexpr Units metric = Units::metric, imperial = Units::imperial;

}  // namespace

TEST_CASE("units: a pace is per km, or per mile in imperial units or with /mi", "[limits][units]") {
  const LimitInput& threshold = input("threshold_pace");
  // 7:15/mi = 435 s per 1.609344 km = 270.2965 s/km.
  CHECK(*parse_limit(threshold, "7:15", imperial) == Approx(270.2965).epsilon(1e-6));
  CHECK(*parse_limit(threshold, "7:15/mi", metric) == Approx(270.2965).epsilon(1e-6));
  CHECK(*parse_limit(threshold, "7:15 /MI", metric) == Approx(270.2965).epsilon(1e-6));
  CHECK(*parse_limit(threshold, "4:30", metric) == 270);
  CHECK(*parse_limit(threshold, "4:30/km", imperial) == 270);
  // The limit from it: 1.25 x 435 s/mi = 543.75 s/mi = 337.87 s/km (9:04/mi, not 14:35/mi).
  LimitInputs flags;
  flags.threshold_pace_s_per_km = parse_limit(threshold, "7:15", imperial);
  const Limits l = resolve_limits(flags, nullptr, std::nullopt);
  CHECK(l.pace_limit_s_per_km->value == Approx(337.87).epsilon(1e-4));
  CHECK(l.pace_limit_s_per_km->value * metres_per_mile / 1000 == Approx(543.75));
  CHECK(format_pace(l.pace_limit_s_per_km->value, imperial) == "9:04/mi");
  // Not a pace, or an unknown unit.
  CHECK_FALSE(parse_limit(threshold, "7:15/lap", imperial));
  CHECK_FALSE(parse_limit(threshold, "7:15 min", imperial));
  CHECK_FALSE(parse_limit(threshold, "7:75/mi", imperial));
  CHECK_FALSE(parse_limit(threshold, "/mi", imperial));
}

TEST_CASE("units: a distance in km, mi or m, plain in km, or miles in imperial units",
          "[limits][units]") {
  const LimitInput& distance = input("max_distance");
  CHECK(*parse_limit(distance, "5", imperial) == Approx(8046.72));  // 5 x 1609.344 m
  CHECK(*parse_limit(distance, "5mi", metric) == Approx(8046.72));
  CHECK(*parse_limit(distance, "8", metric) == Approx(8000));
  CHECK(*parse_limit(distance, "8km", imperial) == Approx(8000));
  CHECK(*parse_limit(distance, "8000m", imperial) == Approx(8000));
  CHECK(*parse_limit(distance, "8000 M", imperial) == Approx(8000));
  CHECK(*parse_limit(distance, "6.5", metric) == Approx(6500));
  // Up to 1000 km: 621 mi = 999.4 km is one, 622 mi = 1001.0 km is not.
  CHECK(parse_limit(distance, "621mi", metric));
  CHECK_FALSE(parse_limit(distance, "622mi", metric));
  CHECK_FALSE(parse_limit(distance, "5 parsecs", metric));
  CHECK_FALSE(parse_limit(distance, "5mi/h", metric));
  CHECK_FALSE(parse_limit(distance, "0mi", metric));
  CHECK_FALSE(parse_limit(distance, "km", metric));
  // A column that names its unit keeps it whatever the units say.
  CHECK(*parse_limit(input("max_distance_km"), "10", imperial) == Approx(10000));
  CHECK(*parse_limit(input("max_distance_km"), "5mi", imperial) == Approx(8046.72));
}

TEST_CASE("units: climbing in m/km or ft/mi, plain in ft per mile in imperial units",
          "[limits][units]") {
  const LimitInput& climb = input("max_gain_per_km");
  // 50 ft/mi = 15.24 m per 1.609344 km = 9.4697 m/km.
  CHECK(*parse_limit(climb, "50ft/mi", metric) == Approx(9.4697).epsilon(1e-5));
  CHECK(*parse_limit(climb, "50", imperial) == Approx(9.4697).epsilon(1e-5));
  CHECK(*parse_limit(climb, "10m/km", imperial) == Approx(10));
  CHECK(*parse_limit(climb, "10", metric) == Approx(10));
  CHECK(*parse_limit(input("max_gain_per_km_m"), "10", imperial) == Approx(10));
  CHECK_FALSE(parse_limit(climb, "50ft", metric));
  CHECK_FALSE(parse_limit(climb, "10%", metric));
  // Numbers in the unit their option or column names: plain, or with that unit as the reports
  // print it; no other.
  CHECK(*parse_limit(input("max_hr"), "190", imperial) == 190);
  CHECK(*parse_limit(input("max_hr"), "190bpm", metric) == 190);
  CHECK(*parse_limit(input("hr_limit"), "144.5 BPM", metric) == 144.5);
  CHECK_FALSE(parse_limit(input("max_hr"), "190%", metric));
  CHECK(*parse_limit(input("max_duration_min"), "45", imperial) == 45 * 60);
  CHECK(*parse_limit(input("max_duration_min"), "45min", imperial) == 45 * 60);
  CHECK(*parse_limit(input("max_duration_min"), "45 min", imperial) == 45 * 60);
  CHECK_FALSE(parse_limit(input("max_duration_min"), "45s", metric));
  CHECK_FALSE(parse_limit(input("max_duration_min"), "1h", metric));
  CHECK(*parse_limit(input("max_grade_pct"), "4%", metric) == 4);
  CHECK(*parse_limit(input("max_grade_pct"), "4.5 %", metric) == 4.5);
  CHECK_FALSE(parse_limit(input("max_grade_pct"), "4 min", metric));
  CHECK(parse_units(" Imperial ") == imperial);
  CHECK(parse_units("metric") == metric);
  CHECK_FALSE(parse_units("furlongs"));
}

TEST_CASE("units: a heart rate in whole beats, or to the tenth when it is not whole",
          "[limits][units]") {
  CHECK(runaudit::format_bpm(145) == "145 bpm");
  CHECK(runaudit::format_bpm(0.85 * 170) == "144.5 bpm");  // 145 bpm is above it
  CHECK(runaudit::format_bpm(0.84 * 170) == "142.8 bpm");
  CHECK(runaudit::format_bpm(150.02) == "150 bpm");
  CHECK(runaudit::format_bpm(0.85 * 165) == "140.3 bpm");  // 140.25: half up, as in JSON
}

TEST_CASE("units: a span along the run to the tenth, or the hundredth when short",
          "[limits][units]") {
  CHECK(runaudit::format_span(3100, 3600, runaudit::Units::metric) == "km 3.1–3.6");
  // A 92 m surge at km 2.46: "km 2.5–2.5" said nothing.
  CHECK(runaudit::format_span(2455.3, 2546.9, runaudit::Units::metric) == "km 2.46–2.55");
  CHECK(runaudit::format_span(1609.344, 1609.344 * 2, runaudit::Units::imperial) == "mi 1.0–2.0");
}

TEST_CASE("units: athletes rows written metric and imperial give the same limits",
          "[limits][units]") {
  testing::TempDir dir("units_athletes");
  const std::string path =
      dir.write("athletes.csv",
                "name,units,threshold_pace,max_distance,max_gain_per_km,max_distance_km\n"
                "metric_suffixed,metric,7:15/mi,5mi,50ft/mi,\n"
                "imperial_plain,imperial,7:15,5,50,\n"
                "units_default,,7:15,5,50,\n"
                "metric_plain,metric,4:30,8,10,\n"
                "imperial_suffixed,imperial,4:30/km,8000m,10m/km,\n"
                "legacy_km,,4:30/km,,,8\n");
  // --units imperial: rows without units follow it; a units column overrides it.
  const std::vector<AthleteProfile> a = read_athletes(path, imperial);
  REQUIRE(a.size() == 6);
  for (const std::size_t i : {1u, 2u}) {
    INFO(a[i].name);
    CHECK(*a[i].inputs.threshold_pace_s_per_km ==
          Approx(*a[0].inputs.threshold_pace_s_per_km).epsilon(1e-12));
    CHECK(*a[i].inputs.max_distance_m == Approx(*a[0].inputs.max_distance_m).epsilon(1e-12));
    CHECK(*a[i].inputs.max_gain_per_km_m == Approx(*a[0].inputs.max_gain_per_km_m).epsilon(1e-12));
  }
  CHECK(*a[0].inputs.threshold_pace_s_per_km == Approx(270.2965).epsilon(1e-6));
  CHECK(*a[0].inputs.max_distance_m == Approx(8046.72));
  CHECK(*a[0].inputs.max_gain_per_km_m == Approx(9.4697).epsilon(1e-5));
  for (const std::size_t i : {3u, 4u}) {
    INFO(a[i].name);
    CHECK(*a[i].inputs.threshold_pace_s_per_km == Approx(270));
    CHECK(*a[i].inputs.max_distance_m == Approx(8000));
    CHECK(*a[i].inputs.max_gain_per_km_m == Approx(10));
  }
  CHECK(*a[5].inputs.max_distance_m == Approx(8000));  // max_distance_km: km whatever the units
  // With --units metric the row without units reads 7:15 per km, 5 km and 50 m/km.
  const std::vector<AthleteProfile> m = read_athletes(path, metric);
  CHECK(*m[2].inputs.threshold_pace_s_per_km == 435);
  CHECK(*m[2].inputs.max_distance_m == Approx(5000));
  CHECK(*m[2].inputs.max_gain_per_km_m == Approx(50));
  CHECK(*m[1].inputs.max_distance_m == Approx(8046.72));  // its units column says imperial
}

TEST_CASE("units: bad units in an athletes file name the file, line and column",
          "[limits][units]") {
  testing::TempDir dir("units_bad");
  const auto error_of = [&](const std::string& text) -> std::string {
    try {
      read_athletes(dir.write("athletes.csv", text), imperial);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "no error";
  };
  CHECK_THAT(error_of("name,max_distance\nann,5\nbob,5 parsecs\n"),
             Catch::Contains("athletes.csv:3: bad_value: bad max_distance '5 parsecs' (expected a "
                             "distance above 0 and at most 1000 km, as 8km, 5mi or 8000m"));
  CHECK_THAT(error_of("name,pace_limit\nann,9:00/lap\n"),
             Catch::Contains(":2: bad_value: bad pace_limit '9:00/lap' (expected a pace M:SS"));
  CHECK_THAT(error_of("name,units,lthr\nann,furlongs,160\n"),
             Catch::Contains(":2: bad_value: bad units 'furlongs' (expected metric or imperial)"));
  CHECK_THAT(error_of("name,max_distance,max_distance_km\nann,5,8\n"),
             Catch::Contains(":2: bad_value: both max_distance and max_distance_km given"));
}

TEST_CASE("plan: a session's limits in the athletes file's columns and units", "[plan][units]") {
  testing::TempDir dir("units_plan");
  const std::string path = dir.write("plan.csv",
                                     "athlete,date,session,pace_limit,max_distance,units\n"
                                     "ann,2026-11-17,easy,5:40,,metric\n"
                                     "ann,2026-11-19,recovery,9:55,4,\n"
                                     "ann,2026-11-21,tempo,,,\n");
  const Plan plan = Plan::read(path, imperial);
  REQUIRE(plan.sessions().size() == 3);
  CHECK(*plan.sessions()[0].limits.pace_limit_s_per_km == 340);
  CHECK_FALSE(plan.sessions()[0].limits.max_distance_m);
  // 9:55/mi = 595 s per 1.609344 km = 369.71 s/km; 4 mi = 6437.376 m.
  CHECK(*plan.sessions()[1].limits.pace_limit_s_per_km == Approx(369.71).epsilon(1e-4));
  CHECK(*plan.sessions()[1].limits.max_distance_m == Approx(6437.376));
  CHECK_FALSE(plan.sessions()[2].limits.pace_limit_s_per_km);
  // A session's limit beats the athlete's profile, a flag beats both.
  LimitInputs profile;
  profile.threshold_pace_s_per_km = 280;  // limit 350 s/km
  Limits l = resolve_limits({}, &profile, std::nullopt, {}, &plan.sessions()[0].limits);
  CHECK(l.pace_limit_s_per_km->value == 340);
  CHECK(l.pace_limit_s_per_km->source == LimitSource::plan);
  CHECK(l.max_distance_m->source == LimitSource::default_value);
  LimitInputs flags;
  flags.pace_limit_s_per_km = 330;
  l = resolve_limits(flags, &profile, std::nullopt, {}, &plan.sessions()[0].limits);
  CHECK(l.pace_limit_s_per_km->value == 330);
  CHECK(l.pace_limit_s_per_km->source == LimitSource::flag);
  CHECK(to_string(LimitSource::plan) == "plan");

  const auto error_of = [&](const std::string& text) -> std::string {
    try {
      Plan::read(dir.write("bad.csv", text), metric);
    } catch (const std::exception& e) {
      return e.what();
    }
    return "no error";
  };
  // The coach's notes are allowed (not read); a misspelt limit is not.
  CHECK(error_of("athlete,date,session,notes\nann,2026-11-17,easy,\"hills, slow\"\n") ==
        "no error");
  CHECK_THAT(error_of("athlete,date,session,pace_limt\nann,2026-11-17,easy,5:40\n"),
             Catch::Contains("bad.csv:1: bad_csv: unknown column 'pace_limt'"));
  CHECK_THAT(error_of("athlete,date,session,max_gain_per_km\nann,2026-11-17,easy,50ft\n"),
             Catch::Contains("bad.csv:2: bad_value: bad max_gain_per_km '50ft'"));
}

TEST_CASE("plan: a session is recovery when its text says so in a word", "[plan]") {
  const auto recovery = [](const std::string& session) {
    PlannedSession s;
    s.session = session;
    return s.is_recovery();
  };
  for (const char* yes : {"recovery", "Recovery run", "EASY", "easy 40'", "Easy + strides", "REC",
                          "rec. jog", "regen", "Regeneration", "long run / recovery pace",
                          "easy, not hard", "no rush: easy", "non-stop recovery"})
    CHECK(recovery(yes));
  for (const char* no :
       {"tempo", "Long run", "rest", "intervals 6x800", "race", "recce", "uneasy", "easyish",
        "record attempt", "tempo, not easy", "No recovery", "non-recovery", "Not  Easy"})
    CHECK_FALSE(recovery(no));
}

TEST_CASE("limits: every input is checked against its range at both ends", "[limits][units]") {
  // The bounds of limit_inputs, each just inside and just outside, and values that are no
  // number at all: parse_limit is the one check of limit values, whatever gave them.
  const std::tuple<std::string_view, std::string_view, std::string_view> cases[] = {
      {"pace_limit", "0:01", "0:00"},
      {"threshold_pace", "59:59", "60:00"},
      {"hr_limit", "25", "24.9"},
      {"max_hr", "250", "250.1"},
      {"lthr", "160", "-150"},
      {"lthr", "160", "nan"},
      {"max_duration_min", "1440", "1441"},
      {"max_distance", "1000", "inf"},
      {"max_gain_per_km", "1000", "1000.5"},
      {"max_grade_pct", "100", "-1"}};
  for (const auto& [column, inside, outside] : cases) {
    INFO(column << ": " << inside << " / " << outside);
    CHECK(parse_limit(input(column), inside, metric));
    CHECK_FALSE(parse_limit(input(column), outside, metric));
  }
}
