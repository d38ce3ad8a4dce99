// Unit tests for parse_fit on FIT files built byte by byte (support/fit_bytes.hpp), for what
// Garmin's encoder does not write: big-endian definitions, compressed timestamps, redefined
// local types, invalid values, component fields, device-relative times, and damage (truncation,
// bad CRCs, data size 0, garbage, hostile definitions).
//
// Times: FIT date_time 1'000'000'000 is Unix 1'631'065'600 s (FIT epoch 1989-12-31T00:00:00Z =
// Unix 631'065'600), 2021-09-08T01:46:40Z.

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "io/fit_decoder.hpp"
#include "io/fit_profile.hpp"
#include "report/words.hpp"
#include "runaudit/audit/batch.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/io/fit.hpp"
#include "runaudit/io/parse.hpp"
#include "runaudit/model.hpp"
#include "support/files.hpp"
#include "support/fit_bytes.hpp"
#include "support/printers.hpp"

using Catch::Matchers::Contains;
using runaudit::Activity;
using runaudit::NoteCode;
using runaudit::io::ParseErrc;

namespace {

using namespace testing::fit_bytes;
using testing::error_of;
using testing::find_note;
using testing::val;

// Record @p i of a run (local type 1, record_fields): at t_fit + i s, 48 N + i * 1e-5, 11 E, HR
// @p hr, distance 3 i m, cadence 85 rpm.
FitBytes& run_record(FitBytes& b, std::uint64_t i, std::uint64_t hr) {
  return b.data(1,
                {t_fit + i, semicircles(48 + double(i) * 1e-5), semicircles(11), hr, 300 * i, 85});
}

// A run of @p n records a second apart from t_fit (run_record), HR 140 + i % 10.
// The file CRC of @p bytes (everything before it), as the two bytes that end a FIT file.
std::string crc_of(const std::string& bytes) {
  const std::uint16_t c = protocol_crc(bytes);
  return std::string{static_cast<char>(c & 0xFF), static_cast<char>(c >> 8)};
}

FitBytes run(std::size_t n, bool big_endian = false, std::uint64_t product = 4315) {
  FitBytes b;
  activity_file(b, 4, product).define(1, record, record_fields, big_endian);
  for (std::size_t i = 0; i < n; ++i) run_record(b, i, 140 + i % 10);
  return b;
}

std::vector<Activity> parse(const std::string& bytes, runaudit::io::ReadLimits limits = {}) {
  return runaudit::io::parse_fit(bytes, "test.fit", limits);
}

void check_run_samples(const Activity& a, std::size_t n) {
  REQUIRE(a.samples.size() == n);
  for (std::size_t i = 0; i < n; ++i) {
    INFO("sample " << i);
    CHECK(a.samples[i].time_ms == t_unix_ms + 1000 * std::int64_t(i));
    CHECK(val(a.samples[i].latitude_deg) == degrees(48 + double(i) * 1e-5));
    CHECK(val(a.samples[i].longitude_deg) == degrees(11));
    CHECK(val(a.samples[i].heart_rate_bpm) == double(140 + i % 10));
    CHECK(val(a.samples[i].distance_m) == Approx(3.0 * double(i)));
    CHECK(val(a.samples[i].cadence_spm) == 170);
  }
}

}  // namespace

TEST_CASE("FIT bytes: a little-endian run, with a 14- and a 12-byte header") {
  const FitBytes b = run(120);
  check_run_samples(parse(b.file(14)).at(0), 120);
  check_run_samples(parse(b.file(12)).at(0), 120);
  const Activity a = parse(b.file()).at(0);
  CHECK(a.sport == runaudit::Sport::unknown);  // no session, no sport message
  CHECK(a.device == "Garmin Forerunner 965");
  CHECK(a.notes.size() == 1);  // cadence doubled, nothing else
}

TEST_CASE("FIT bytes: a device of another maker is named by the profile's manufacturers") {
  // file_id.manufacturer, product: Scosche's R24 (83, as its arm band writes runs), 4iiii (51),
  // Magene (107); a maker the profile names that runaudit does not list stays a number.
  const auto device_of = [](std::uint64_t manufacturer) {
    FitBytes b;
    b.define(0, file_id, {{0, 1, enum_t}, {1, 2, uint16_t_}, {2, 2, uint16_t_}})
        .data(0, {4, manufacturer, 7})
        .define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 70; ++i) run_record(b, i, 140);
    return parse(b.file()).at(0).device;
  };
  CHECK(device_of(83) == "Scosche product 7");
  CHECK(device_of(51) == "4iiii product 7");
  CHECK(device_of(107) == "Magene product 7");
  CHECK(device_of(9) == "manufacturer 9 product 7");  // Saris, the profile's 9
}

TEST_CASE("FIT bytes: a sensor's device_info is not the recording device, whatever its index") {
  // A Magene bike computer (file_id) writes its heart-rate strap (a Garmin HRM, linked over
  // ANT+) as device_index 0, the creator's; its own device_info, if any, is local (5).
  const auto device_with = [](std::uint64_t source_type) {
    FitBytes b;
    b.define(0, file_id, {{0, 1, enum_t}, {1, 2, uint16_t_}, {2, 2, uint16_t_}})
        .data(0, {4, 107, 7})
        .define(2, 23, {{0, 1, uint8_t_}, {2, 2, uint16_t_}, {4, 2, uint16_t_}, {25, 1, enum_t}})
        .data(2, {0, 1, 1497, source_type})
        .define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 70; ++i) run_record(b, i, 140);
    return parse(b.file()).at(0).device;
  };
  CHECK(device_with(1) == "Magene product 7");    // ANT+: the strap
  CHECK(device_with(3) == "Magene product 7");    // Bluetooth LE
  CHECK(device_with(5) == "Garmin Edge 800");     // local: the device itself (1497)
  CHECK(device_with(0xFF) == "Garmin Edge 800");  // no source_type: index 0 is the creator
}

TEST_CASE(
    "FIT bytes: cadence of an unnamed sport is per leg from a watch, as written from an Edge") {
  // The same records without session or sport: from a Forerunner 965 (a watch: a run's strides,
  // doubled to 170 steps/min) and from an Edge 530 (a bike computer: 85 rpm of the pedals).
  const FitBytes watch = run(120);
  const FitBytes edge = run(120, false, 3121);
  const Activity from_watch = parse(watch.file()).at(0);
  const Activity from_edge = parse(edge.file()).at(0);
  REQUIRE(from_edge.bike_computer);
  CHECK(from_watch.sport == runaudit::Sport::unknown);
  CHECK(from_edge.sport == runaudit::Sport::unknown);
  CHECK(val(from_watch.samples.at(60).cadence_spm) == 170);
  CHECK(find_note(from_watch, NoteCode::cadence_doubled));
  CHECK(val(from_edge.samples.at(60).cadence_spm) == 85);
  CHECK_FALSE(find_note(from_edge, NoteCode::cadence_doubled));
}

TEST_CASE("FIT bytes: a cadence of an unnamed sport slower than any walk's strides is as written") {
  // Records without session or sport, not from a bike computer, cadence 20/min (a rower's stroke
  // rate, a Nielsen-Kellerman SpeedCoach's; as strides, 40 steps/min: no walk is that slow) or
  // 30/min (60 steps/min as strides: the slowest doubled).
  // Or intervals: 2 minutes running at 85/min, then 3 minutes standing while the wrist writes
  // 10/min (60 % of the records): a run's strides, doubled.
  for (const std::uint64_t cadence : {std::uint64_t{20}, std::uint64_t{30}, std::uint64_t{85}}) {
    INFO("cadence " << cadence);
    FitBytes b;
    activity_file(b, 4, 0).define(1, record, record_fields);
    const bool intervals = cadence == 85;
    for (std::uint64_t i = 0; i < 600; ++i)
      b.data(1, {t_fit + i, semicircles(48 + double(i) * 1e-5), semicircles(11), 140, 150 * i,
                 intervals && i % 300 >= 120 ? 10 : cadence});
    const Activity a = parse(b.file()).at(0);
    REQUIRE_FALSE(a.bike_computer);
    CHECK(a.sport == runaudit::Sport::unknown);
    const bool strides = cadence >= 30;
    CHECK(val(a.samples.at(60).cadence_spm) == double(strides ? 2 * cadence : cadence));
    if (intervals) CHECK(val(a.samples.at(200).cadence_spm) == 20);
    CHECK(bool(find_note(a, NoteCode::cadence_doubled)) == strides);
  }
}

TEST_CASE("FIT bytes: a header of another size than 12 or 14 bytes is said to be one") {
  for (const int size : {13, 16, 255}) {
    std::string bytes = run(120).file();
    bytes[0] = static_cast<char>(size);
    const auto e = error_of([&] { parse(bytes); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
    CHECK(e->where().offset == 0);
    CHECK(e->detail() == "FIT header of " + std::to_string(size) + " bytes (12 or 14 expected)");
  }
}

TEST_CASE("FIT bytes: big-endian definitions read the same values") {
  check_run_samples(parse(run(120, true).file()).at(0), 120);
}

TEST_CASE("FIT bytes: a local type redefined mid-file carries the new layout") {
  FitBytes b;
  activity_file(b);
  b.define(0, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});  // local 0 was file_id
  for (std::uint32_t i = 0; i < 70; ++i) b.data(0, {t_fit + i, 150});
  b.define(0, record, {{3, 1, uint8_t_}, {253, 4, uint32_t_}}, true);  // reordered, big-endian
  for (std::uint32_t i = 70; i < 140; ++i) b.data(0, {160, t_fit + i});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 140);
  CHECK(val(a.samples[69].heart_rate_bpm) == 150);
  CHECK(val(a.samples[70].heart_rate_bpm) == 160);
  CHECK(a.samples[139].time_ms == t_unix_ms + 139'000);
}

TEST_CASE("FIT bytes: compressed timestamps add a 5-bit offset that rolls over") {
  // A full timestamp ending in 0x1C, then offsets 0x1E (+2 s), 0x01 (rolls over: +3 s), 0x01
  // (same: +0 s, a duplicate), 0x10 (+15 s).
  const std::uint32_t base = t_fit - (t_fit & 0x1F) + 0x1C;
  FitBytes b;
  activity_file(b)
      .define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}})
      .data(1, {base, 120})
      .define(2, record, {{3, 1, uint8_t_}})
      .compressed(2, 0x1E, {121})
      .compressed(2, 0x01, {122})
      .compressed(2, 0x01, {123})
      .compressed(2, 0x10, {124});
  for (unsigned i = 0; i < 40; ++i) b.compressed(2, (0x10 + 2 * (i + 1)) & 0x1F, {130});
  const Activity a = parse(b.file()).at(0);
  const std::int64_t base_ms = (std::int64_t{base} + 631'065'600) * 1000;
  REQUIRE(a.samples.size() >= 4);
  CHECK(a.samples[0].time_ms == base_ms);
  CHECK(a.samples[1].time_ms == base_ms + 2000);
  CHECK(a.samples[2].time_ms == base_ms + 5000);
  CHECK(a.samples[3].time_ms == base_ms + 20000);  // the repeated 0x01 was dropped
  CHECK(find_note(a, NoteCode::duplicate_time));
  CHECK(a.samples.back().time_ms == base_ms + 20000 + 80000);
}

TEST_CASE("FIT bytes: developer fields of a data message are skipped by their declared size") {
  FitBytes b;
  activity_file(b).define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}}, false,
                          {{0, 2, 0}, {1, 7, 0}});  // sizes 2 and 7; no field_description
  for (std::uint32_t i = 0; i < 90; ++i) b.data(1, {t_fit + i, 141, 0xBEEF, 0x00FFFFFFFFFFFFFF});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 90);
  CHECK(val(a.samples[89].heart_rate_bpm) == 141);
}

TEST_CASE("FIT bytes: the developer fields named are those a data message carries") {
  // Two field_descriptions (global 206: developer_data_index, field_definition_number, name):
  // field 0 "Power", field 5 "Unused"; the records carry field 0 of developer 0 only.
  FitBytes b;
  activity_file(b).define(2, 206, {{0, 1, uint8_t_}, {1, 1, uint8_t_}, {3, 8, 0x07}});
  b.raw(std::string("\x02\x00\x00Power\0\0\0", 11));
  b.raw(std::string("\x02\x00\x05Unused\0\0", 11));
  b.define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}}, false, {{0, 2, 0}});
  for (std::uint32_t i = 0; i < 90; ++i) b.data(1, {t_fit + i, 141, 250});
  CHECK(parse(b.file()).at(0).developer_fields == std::vector<std::string>{"Power"});
}

TEST_CASE("FIT bytes: each base type's invalid value is absent") {
  FitBytes b;
  activity_file(b).define(1, record,
                          {{253, 4, uint32_t_},
                           {0, 4, sint32_t_},
                           {1, 4, sint32_t_},
                           {2, 2, uint16_t_},  // altitude, scale 5 offset 500
                           {3, 1, uint8_t_},
                           {5, 4, uint32_t_},
                           {6, 2, uint16_t_},
                           {4, 1, 0x0A}});  // cadence as uint8z: 0 is invalid
  b.data(1, {t_fit, 0x7FFFFFFF, 0x7FFFFFFF, 0xFFFF, 0xFF, 0xFFFFFFFF, 0xFFFF, 0});
  b.data(1, {t_fit + 1, semicircles(48), semicircles(11), 2500 + 5 * 12, 150, 1234, 2500, 80});
  for (std::uint32_t i = 2; i < 70; ++i)
    b.data(1, {t_fit + i, semicircles(48), semicircles(11), 2560, 150, 1234, 2500, 80});
  const Activity a = parse(b.file()).at(0);
  // The first record has no position in a positioned track: dropped with its note.
  REQUIRE(find_note(a, NoteCode::no_position));
  const auto& s = a.samples.at(0);
  CHECK(s.time_ms == t_unix_ms + 1000);
  CHECK(val(s.elevation_m) == Approx(12));  // 2560 / 5 - 500
  CHECK(val(s.distance_m) == Approx(12.34));
  CHECK(val(s.speed_m_per_s) == Approx(2.5));
  CHECK(val(s.cadence_spm) == 160);

  FitBytes invalid;
  activity_file(invalid).define(1, record, record_fields);
  for (std::uint32_t i = 0; i < 70; ++i)
    invalid.data(1, {t_fit + i, 0x7FFFFFFF, 0x7FFFFFFF, 0xFF, 0xFFFFFFFF, 0xFF});
  const Activity bare = parse(invalid.file()).at(0);
  REQUIRE(bare.samples.size() == 70);
  const auto c = runaudit::channels(bare);
  CHECK_FALSE(c.position);
  CHECK_FALSE(c.heart_rate);
  CHECK_FALSE(c.device_distance);
  CHECK_FALSE(c.cadence);
}

TEST_CASE("FIT bytes: signed values of every width, whatever type a field is declared as") {
  // Heart rate declared as sint8, sint16, sint64: -1 is a value (out of range: removed with its
  // note), 120 a heart rate; longitude -0.5 degrees as sint32.
  for (const std::uint8_t base : {std::uint8_t(0x01), std::uint8_t(0x83), std::uint8_t(0x8E)}) {
    const std::uint8_t size = base == 0x01 ? 1 : base == 0x83 ? 2 : 8;
    INFO("base type " << int(base));
    FitBytes b;
    activity_file(b).define(
        1, record, {{253, 4, uint32_t_}, {3, size, base}, {1, 4, sint32_t_}, {0, 4, sint32_t_}});
    for (std::uint32_t i = 0; i < 70; ++i)
      b.data(1, {t_fit + i, i == 0 ? ~std::uint64_t{0} : 120, semicircles(-0.5), semicircles(48)});
    const Activity a = parse(b.file()).at(0);
    REQUIRE(a.samples.size() == 70);
    CHECK_FALSE(a.samples[0].heart_rate_bpm);
    CHECK(find_note(a, NoteCode::heart_rate_invalid));
    CHECK(val(a.samples[1].heart_rate_bpm) == 120);
    CHECK(val(a.samples[1].longitude_deg) == degrees(-0.5));
  }
}

TEST_CASE("FIT bytes: a field whose size does not fit its base type is absent, as in the SDK") {
  FitBytes b;
  activity_file(b).define(1, record, {{253, 4, uint32_t_}, {3, 3, uint16_t_}, {5, 4, uint32_t_}});
  for (std::uint32_t i = 0; i < 70; ++i) b.data(1, {t_fit + i, 0x8C, 100 * i});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 70);
  CHECK_FALSE(runaudit::channels(a).heart_rate);
  CHECK(val(a.samples[69].distance_m) == Approx(69));
}

TEST_CASE("FIT bytes: fractional cadence and compressed speed/distance (accumulated)") {
  FitBytes b;
  activity_file(b).define(
      1, record, {{253, 4, uint32_t_}, {4, 1, uint8_t_}, {53, 1, uint8_t_}, {8, 3, byte_t}});
  // 12-bit distances in 1/16 m: 4000, 4090, then 20 (rolled over 4096: 4116) and 100 (4196);
  // speed 12 bits in 1/100 m/s: 250.
  const std::uint64_t distances[] = {4000, 4090, 20, 100};
  for (std::uint32_t i = 0; i < 70; ++i) {
    const std::uint64_t d = distances[std::min<std::uint32_t>(i, 3)] + (i > 3 ? 16 * (i - 3) : 0);
    b.data(1, {t_fit + i, 80, 64, 250 | (d << 12)});
  }
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 70);
  CHECK(val(a.samples[0].cadence_spm) == 161);  // (80 + 64/128) * 2
  CHECK(val(a.samples[0].speed_m_per_s) == Approx(2.5));
  CHECK(val(a.samples[0].distance_m) == Approx(4000.0 / 16));
  CHECK(val(a.samples[1].distance_m) == Approx(4090.0 / 16));
  CHECK(val(a.samples[2].distance_m) == Approx(4116.0 / 16));
  CHECK(val(a.samples[3].distance_m) == Approx(4196.0 / 16));
  CHECK(val(a.samples[69].distance_m) == Approx((4196.0 + 16 * 66) / 16));
}

TEST_CASE("FIT bytes: timer stop/start events make segments") {
  FitBytes b;
  activity_file(b)
      .define(1, record, record_fields)
      .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
  b.data(2, {t_fit, 0, 0});
  for (std::uint32_t i = 0; i < 100; ++i) {
    if (i == 40) b.data(2, {t_fit + 39, 0, 4}).data(2, {t_fit + 50, 0, 0});  // stop_all, start
    b.data(1, {t_fit + i + (i >= 40 ? 11 : 0), semicircles(48), semicircles(11), 140, 3 * i, 85});
  }
  const Activity a = parse(b.file()).at(0);
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 40});
  CHECK(a.pauses_marked);                                 // the watch says where it paused
  CHECK_FALSE(parse(run(3).file()).at(0).pauses_marked);  // no timer events: gaps tell
}

// A phone app's export (HealthFit's of Nike Run Club) writes no record for minutes while the
// timer runs, and its last one after the last stop, with the distance run to it.
TEST_CASE("FIT bytes: a step the timer ran through for the most part is no pause") {
  FitBytes b;
  activity_file(b)
      .define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}})
      .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
  const auto at = [&](std::uint32_t t, std::uint64_t distance_m) {
    b.data(1, {t_fit + t, 150, 100 * distance_m});
  };
  b.data(2, {t_fit, 0, 0});                                  // start
  for (std::uint32_t t = 0; t <= 600; t += 5) at(t, 3 * t);  // 3 m/s
  std::uint32_t start = 640;
  bool stopped_twice = false;
  SECTION("37 s paused in a step of 918 s: the last record 8 s after the last stop") {}
  SECTION("405 s paused in a step of 918 s") {
    start = 1000;
  }
  SECTION("405 s paused, the stop written twice (an iGPSPORT's): paused from the first") {
    start = 1000, stopped_twice = true;
  }
  b.data(2, {t_fit + 603, 0, 4});  // stop_all
  if (stopped_twice) b.data(2, {t_fit + 950, 0, 4});
  b.data(2, {t_fit + start, 0, 0});  // start
  b.data(2, {t_fit + 1510, 0, 4});
  at(1518, 3 * (603 + 1510 - start));
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 122u);
  CHECK(val(a.samples.back().distance_m) == Approx(3 * (603 + 1510 - start)));
  if (start == 640)  // the 2610 m to the last record were run with the timer on: no pause
    CHECK(a.segment_starts == std::vector<std::size_t>{0});
  else  // over a third of the step paused: the step is the pause, as a watch's records make it
    CHECK(a.segment_starts == std::vector<std::size_t>{0, 121});
}

// An Edge 500 writes a record as its timer stops and one as it resumes, inside the pause (a
// 17-minute pause read as a 17-minute stop between them).
TEST_CASE("FIT bytes: records written while the timer is stopped are the watch's pause") {
  const auto add_record = [](FitBytes& b, std::uint32_t t) { run_record(b, t, 140); };
  const auto timer = [](FitBytes& b, std::uint32_t t, std::uint64_t type) {
    b.data(2, {t_fit + t, 0, type});  // event timer: 0 start, 4 stop_all
  };
  const auto begin = [](FitBytes& b) {
    activity_file(b)
        .define(1, record, record_fields)
        .define(2, event, {{253, 4, uint32_t_}, {0, 1, enum_t}, {1, 1, enum_t}});
  };
  FitBytes b;
  begin(b);
  timer(b, 0, 0);
  for (std::uint32_t t = 0; t < 40; ++t) add_record(b, t);
  timer(b, 39, 4);
  add_record(b, 39);    // at the stop's second: the last of the running timer (merged into the one
                        // before: the same time)
  add_record(b, 71);    // inside the pause
  add_record(b, 1058);  // inside the pause
  timer(b, 1059, 0);
  for (std::uint32_t t = 1059; t < 1100; ++t) add_record(b, t);
  timer(b, 1099, 4);
  add_record(b, 1500);  // after the last stop, no start: kept, a segment of its own
  const Activity a = parse(b.file()).at(0);
  CHECK(a.pauses_marked);
  CHECK(a.trackpoints == 40u + 1 + 2 + 41 + 1);
  REQUIRE(a.samples.size() == 40u + 41 + 1);
  CHECK(a.samples[39].time_ms == t_unix_ms + 39'000);
  CHECK(a.samples[40].time_ms == t_unix_ms + 1'059'000);
  CHECK(a.segment_starts == std::vector<std::size_t>{0, 40, 81});
  const auto* n = find_note(a, NoteCode::timer_stopped);
  REQUIRE(n);
  CHECK(n->count == 2u);
  CHECK_THAT(n->message, Contains("2 records written while the timer was stopped dropped"));

  SECTION("timer events written after the records they paused: not placed by order") {
    FitBytes late;
    begin(late);
    timer(late, 0, 0);
    for (std::uint32_t t = 0; t < 40; ++t) add_record(late, t);
    for (std::uint32_t t = 1059; t < 1100; ++t) add_record(late, t);
    timer(late, 39, 4);  // an Oregon's stop, after the records
    timer(late, 1099, 4);
    const Activity o = parse(late.file()).at(0);
    CHECK_FALSE(o.pauses_marked);  // a still gap is a pause, as without events
    CHECK(o.samples.size() == 81u);
    CHECK_FALSE(find_note(o, NoteCode::timer_stopped));
  }
}

TEST_CASE("FIT bytes: device-relative times are anchored where the file allows") {
  // Records at 1000.. s after power-on (below 0x10000000).
  const auto relative_run = [](FitBytes& b) {
    activity_file(b).define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 100; ++i) b.data(1, {1000 + i, 150});
  };
  SECTION("by a timestamp_correlation: real UTC times") {
    FitBytes b;
    relative_run(b);
    b.define(2, timestamp_correlation, {{253, 4, uint32_t_}, {1, 4, uint32_t_}})
        .data(2, {t_fit, 1000});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.samples.front().time_ms == t_unix_ms);
    CHECK(a.start_time_known);
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("timestamp_correlation"));
  }
  SECTION("by the activity's local time: zone unknown, said so") {
    FitBytes b;
    relative_run(b);
    b.define(2, activity, {{253, 4, uint32_t_}, {5, 4, uint32_t_}}).data(2, {1099, t_fit + 99});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.samples.front().time_ms == t_unix_ms);
    // The local clock: no offset known, which a batch with the athlete's zone works out.
    CHECK(a.clock_is_local);
    CHECK_FALSE(a.utc_offset_s);
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("time zone unknown"));
  }
  SECTION("a relative activity time beside real record times moves nothing") {
    FitBytes b = run(70);
    b.define(2, activity, {{253, 4, uint32_t_}, {5, 4, uint32_t_}}).data(2, {1099, t_fit + 99});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.samples.front().time_ms == t_unix_ms);
    CHECK_FALSE(find_note(a, NoteCode::relative_time));
    CHECK_FALSE(a.utc_offset_s);
  }
  SECTION("by nothing: durations kept, start time unknown, never a 1990 date") {
    FitBytes b;
    relative_run(b);
    b.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}}).data(2, {1099, 1000});
    const Activity a = parse(b.file()).at(0);
    CHECK_FALSE(a.start_time_known);
    CHECK(a.samples.front().time_ms == 1'000'000);
    CHECK(a.samples.back().time_ms - a.samples.front().time_ms == 99'000);
    CHECK(a.name == "Activity");
    REQUIRE(find_note(a, NoteCode::relative_time));
    CHECK(find_note(a, NoteCode::relative_time)->count == 102);  // 100 records, the session
  }
  SECTION("followed by real times: the first real one an interval after the last of them") {
    FitBytes b;
    relative_run(b);
    b.define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 70; ++i) b.data(2, {t_fit + i, 140});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.start_time_known);
    REQUIRE(a.samples.size() == 170);
    CHECK(a.samples.front().time_ms == t_unix_ms - 100'000);
    CHECK(a.samples[99].time_ms == t_unix_ms - 1000);
    CHECK(a.samples[100].time_ms == t_unix_ms);
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("dated by the real times that follow them"));
  }
  SECTION("every record relative, a session's start real: the first record at that start") {
    FitBytes b;
    relative_run(b);
    b.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}}).data(2, {1099, t_fit});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.start_time_known);
    REQUIRE(a.samples.size() == 100);
    CHECK(a.samples.front().time_ms == t_unix_ms);
    CHECK(a.samples.back().time_ms == t_unix_ms + 99'000);
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("dated by the session's start time"));
  }
  SECTION("every record relative, no session: the first record at file_id's time_created") {
    FitBytes b;
    b.define(0, 0, {{0, 1, enum_t}, {4, 4, uint32_t_}}).data(0, {4, t_fit});  // file_id
    b.define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 100; ++i) b.data(1, {1000 + i, 150});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.start_time_known);
    REQUIRE(a.samples.size() == 100);
    CHECK(a.samples.front().time_ms == t_unix_ms);
  }
  SECTION("after real times they cannot be placed: dropped as untimed, said so") {
    FitBytes b;
    activity_file(b).define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 70; ++i) b.data(2, {t_fit + i, 140});
    b.define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 100; ++i) b.data(1, {1000 + i, 150});
    const Activity a = parse(b.file()).at(0);
    CHECK(a.start_time_known);
    REQUIRE(a.samples.size() == 70);
    CHECK(a.samples.front().time_ms == t_unix_ms);
    const auto* n = find_note(a, NoteCode::relative_time);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("dropped"));
    CHECK(find_note(a, NoteCode::no_time)->count == 100);
  }
  SECTION("a file_id without its type and records without times: the error says what lacks") {
    FitBytes b;  // as a Bryton app writes: manufacturer and time_created, no type
    b.define(0, file_id, {{1, 2, uint16_t_}, {4, 4, uint32_t_}}).data(0, {267, 1'100'000'000});
    b.define(1, record, {{3, 1, uint8_t_}});
    for (int i = 0; i < 50; ++i) b.data(1, {140});
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::no_timestamps);
    CHECK_THAT(e->detail(), Contains("no file type (file_id.type) and no timed records"));
    // Where: the first record, after the header (14), file_id's definition (6 + 2 fields × 3)
    // and data (1 + 6), the record's definition (6 + 3).
    CHECK(e->where().offset == 14 + 12 + 7 + 9);
  }
  SECTION("neither a file type nor a record (a scale's weight data): no activity, skipped") {
    FitBytes b;
    b.define(0, 30, {{253, 4, uint32_t_}, {0, 2, uint16_t_}}).data(0, {t_fit, 7250});
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::not_an_activity);
    CHECK_THAT(e->detail(), Contains("neither a file type (file_id) nor any record"));
  }
  SECTION("compressed timestamps with no full timestamp before them: the error says so") {
    FitBytes b;
    activity_file(b).define(1, record, {{3, 1, uint8_t_}});
    for (std::uint32_t i = 0; i < 50; ++i) b.compressed(1, i & 0x1F, {140});
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::no_timestamps);
    CHECK_THAT(e->detail(),
               Contains("its 50 compressed-timestamp messages have no full timestamp before them"));
  }
}

TEST_CASE("FIT bytes: a lap without start_time begins where the lap before ended") {
  // 300 records a second apart; three laps written at their ends (99, 199, 299 s) with only a
  // timestamp, as some devices write them. A lap then starts at the end of the one before, as
  // Garmin writes a lap's start_time (equal to the previous lap's timestamp): the record at
  // that second opens the next lap.
  FitBytes b = run(300);
  b.define(2, 19, {{253, 4, uint32_t_}});
  for (std::uint32_t end : {99u, 199u, 299u}) b.data(2, {t_fit + end});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 300);
  REQUIRE(a.laps.size() == 3);
  const std::array<std::size_t, 3> first{0, 99, 199}, count{99, 100, 101};
  for (std::size_t i = 0; i < 3; ++i) {
    INFO("lap " << i);
    CHECK(a.laps[i].first_sample == first[i]);
    CHECK(a.laps[i].sample_count == count[i]);
  }
}

TEST_CASE("FIT bytes: the activity's local timestamp gives the UTC offset") {
  // The local clock minus the UTC one, to the nearest quarter hour (clocks drift apart; zones
  // are whole quarter hours): -5:00 exactly, -5:00 less 225 s of drift, Nepal's +5:45 with 5
  // min of drift, India's +5:30; 225 s alone rounds to 0, which says nothing (COROS writes
  // the two clocks equal wherever the run was): no offset, the athlete's zone decides. 18
  // minutes (a vivosmart's clocks), +1:15, +0:30 and -14:00 are no zone's offset: no offset
  // either; Newfoundland's -3:30 is one.
  for (const auto& [local_minus_utc, zone] :
       std::vector<std::pair<std::int64_t, std::optional<int>>>{
           {-5 * 3600, -5 * 3600},
           {-5 * 3600 - 225, -5 * 3600},
           {5 * 3600 + 45 * 60 + 300, 5 * 3600 + 45 * 60},
           {5 * 3600 + 30 * 60, 5 * 3600 + 30 * 60},
           {225, std::nullopt},
           {1080, std::nullopt},
           {3600 + 15 * 60, std::nullopt},
           {25 * 60, std::nullopt},                            // +0:30: no zone
           {-14 * 3600, std::nullopt},                         // beyond -12:00
           {-(3 * 3600 + 30 * 60), -(3 * 3600 + 30 * 60)}}) {  // Newfoundland
    INFO("local - UTC " << local_minus_utc << " s");
    FitBytes b = run(70);
    b.define(2, activity, {{253, 4, uint32_t_}, {5, 4, uint32_t_}})
        .data(2, {t_fit + 69, static_cast<std::uint64_t>(t_fit + 69 + local_minus_utc)});
    CHECK(parse(b.file()).at(0).utc_offset_s == zone);
  }
}

TEST_CASE(
    "FIT bytes: without an activity message, the watch's time zone setting gives the offset") {
  // device_settings (global 2): active_time_zone (0, uint8) indexes time_offset (2, uint32[],
  // s, local less UTC, two's complement). A file cut before its activity message keeps it.
  constexpr std::uint16_t device_settings = 2;
  const auto with_settings = [](std::uint64_t active, std::vector<std::uint32_t> offsets) {
    FitBytes b = run(70);
    std::uint64_t packed = 0;  // the array's elements, little-endian, as one integer
    for (std::size_t i = 0; i < offsets.size(); ++i)
      packed |= std::uint64_t{offsets[i]} << (32 * i);
    b.define(3, device_settings,
             {{0, 1, uint8_t_}, {2, static_cast<std::uint8_t>(4 * offsets.size()), uint32_t_}})
        .data(3, {active, packed});
    return b;
  };
  SECTION("UTC-4, as 2^32 - 14400 (a fenix 6 in Michigan writes 4294952896)") {
    CHECK(parse(with_settings(0, {4294952896u}).file()).at(0).utc_offset_s == -4 * 3600);
  }
  SECTION("the active zone of two: the second") {
    CHECK(parse(with_settings(1, {3600, 7200}).file()).at(0).utc_offset_s == 7200);
  }
  SECTION("Nepal's +5:45") {
    CHECK(parse(with_settings(0, {5 * 3600 + 45 * 60}).file()).at(0).utc_offset_s ==
          5 * 3600 + 45 * 60);
  }
  SECTION("no zone's offset (an Edge 530's 2100 s), 0 (unset) or invalid: none") {
    // 4294920496 = 2^32 - 46800: -13:00, beyond -12:00.
    for (const std::uint32_t offset : {2100u, 0u, 0xFFFFFFFFu, 4294920496u}) {
      INFO("time_offset " << offset);
      CHECK_FALSE(parse(with_settings(0, {offset}).file()).at(0).utc_offset_s);
    }
  }
  SECTION("the activity's local time, where there is one, before the setting") {
    FitBytes b = with_settings(0, {7200});
    b.define(2, activity, {{253, 4, uint32_t_}, {5, 4, uint32_t_}})
        .data(2, {t_fit + 69, t_fit + 69 + 3600});
    CHECK(parse(b.file()).at(0).utc_offset_s == 3600);
  }
}

TEST_CASE("FIT bytes: a session sets the sport and the device's totals") {
  FitBytes b = run(70);
  b.define(2, session,
           {{253, 4, uint32_t_},
            {2, 4, uint32_t_},
            {5, 1, enum_t},
            {6, 1, enum_t},
            {7, 4, uint32_t_},
            {8, 4, uint32_t_},
            {9, 4, uint32_t_}})
      .data(2, {t_fit + 69, t_fit, 1, 1, 69'000, 68'500, 20'712});  // running / treadmill
  const Activity a = parse(b.file()).at(0);
  CHECK(a.sport == runaudit::Sport::running);
  CHECK(a.sub_sport == "treadmill");
  CHECK(val(a.device_distance_m) == Approx(207.12));
  CHECK(val(a.device_timer_s) == Approx(68.5));
  CHECK(val(a.device_elapsed_s) == Approx(69));
}

// Garmin's "calibrate and save" of a treadmill run changes the session's total alone.
TEST_CASE("FIT bytes: a treadmill run's distance corrected at save scales the records'") {
  FitBytes b;
  activity_file(b).define(1, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}, {5, 4, uint32_t_}});
  for (std::uint32_t t = 0; t < 600; ++t) b.data(1, {t_fit + t, 150, 300 * t});  // to 1797 m
  std::uint64_t sub_sport = 1, total_cm = 150'000;  // treadmill, 1500 m
  double factor = 1500.0 / 1797;
  SECTION("a treadmill run corrected to 1500 m") {}
  SECTION("an indoor run corrected to 2000 m") {
    sub_sport = 45, total_cm = 200'000;
  }
  SECTION("a treadmill run saved as recorded (to the centimetre)") {
    total_cm = 179'700;
  }
  SECTION("a run outdoors with the watch's distance (a foot pod's): the records are its own") {
    sub_sport = 0;
  }
  if (total_cm == 200'000) factor = 2000.0 / 1797;
  if (total_cm == 179'700 || sub_sport == 0) factor = 1;
  b.define(
       2, session,
       {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}, {6, 1, enum_t}, {9, 4, uint32_t_}})
      .data(2, {t_fit + 599, t_fit, 1, sub_sport, total_cm});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 600u);
  CHECK(val(a.samples[300].distance_m) == Approx(900 * factor));
  CHECK(val(a.samples.back().distance_m) == Approx(1797 * factor));
  const auto* note = find_note(a, NoteCode::distance_calibrated);
  CHECK((note != nullptr) == (factor != 1));
  if (note && sub_sport == 1)
    CHECK_THAT(note->message, Contains("the records' distance (1.80 km) scaled by 0.835 to the "
                                       "session's total (1.50 km)"));
}

TEST_CASE("FIT bytes: a UTF-8 character the string field's size cuts is dropped whole") {
  // A sport message (global 12) naming its profile in a 16-byte field: "Laufen üüüüü" is 17
  // bytes, so the field ends inside the last "ü" (0xC3 0xBC): Garmin's SDK reads "Laufen üüüü".
  FitBytes b = run(70);
  b.define(2, 12, {{0, 1, enum_t}, {3, 16, 0x07}});
  b.raw(std::string("\x02\x01") + std::string("Laufen \xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC\xC3", 16));
  CHECK(parse(b.file()).at(0).name == "Laufen \xC3\xBC\xC3\xBC\xC3\xBC\xC3\xBC");
}

// A Forerunner 310XT writes its open-water swims as sport generic, sub_sport open_water: audited
// as a run of unknown sport it was inferred a run by its speed, and passed as a recovery run.
TEST_CASE("FIT bytes: a generic session takes the sport its sub_sport belongs to") {
  const auto session_of = [](std::uint64_t sport, std::uint64_t sub_sport) {
    FitBytes b = run(70);
    b.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}, {6, 1, enum_t}})
        .data(2, {t_fit + 69, t_fit, sport, sub_sport});
    return parse(b.file()).at(0);
  };
  // {sport, sub_sport}: the Sport, sport_raw (the profile's comments: open_water "Swimming",
  // indoor_walking "Walking/Fitness Equipment", road "Cycling", treadmill "Run/Fitness Equipment").
  const Activity swim = session_of(0, 18);
  CHECK(swim.sport == runaudit::Sport::other);
  CHECK(swim.sport_raw == "swimming");
  CHECK(swim.sub_sport == "open_water");
  const Activity walk = session_of(4, 27);  // fitness equipment / indoor_walking
  CHECK(walk.sport == runaudit::Sport::walking);
  CHECK(walk.sport_raw == "fitness_equipment");
  CHECK(session_of(0, 7).sport == runaudit::Sport::cycling);   // road
  CHECK(session_of(0, 1).sport == runaudit::Sport::running);   // treadmill
  CHECK(session_of(4, 45).sport == runaudit::Sport::running);  // indoor_running
  CHECK(session_of(0, 0).sport == runaudit::Sport::unknown);   // generic: inferred later
  CHECK(session_of(0, 58).sport == runaudit::Sport::unknown);  // virtual_activity: any sport
  CHECK(session_of(4, 14).sport == runaudit::Sport::other);    // indoor_rowing: equipment
  const Activity elliptical = session_of(0, 15);  // generic / elliptical: no run to infer
  CHECK(elliptical.sport == runaudit::Sport::other);
  CHECK(elliptical.sport_raw == "fitness_equipment");
  CHECK(session_of(1, 7).sport == runaudit::Sport::running);  // the sport's own word wins
}

// The table's sport numbers, named by the profile's own sport table.
TEST_CASE("FIT profile: the sport of a sub_sport, by the profile's comments") {
  using runaudit::io::fit::sport_name;
  using runaudit::io::fit::sport_of_sub_sport;
  const std::vector<std::pair<std::uint64_t, std::string>> expected{{1, "running"},
                                                                    {3, "running"},
                                                                    {45, "running"},
                                                                    {6, "cycling"},
                                                                    {127, "cycling"},
                                                                    {32, "transition"},
                                                                    {15, "fitness_equipment"},
                                                                    {18, "swimming"},
                                                                    {22, "tennis"},
                                                                    {43, "training"},
                                                                    {27, "walking"},
                                                                    {42, "cross_country_skiing"},
                                                                    {38, "alpine_skiing"},
                                                                    {124, "hiking"},
                                                                    {80, "multisport"},
                                                                    {119, "flying"},
                                                                    {28, "e_biking"},
                                                                    {36, "motorcycling"},
                                                                    {72, "hunting"},
                                                                    {69, "rock_climbing"},
                                                                    {65, "sailing"},
                                                                    {41, "kayaking"},
                                                                    {63, "diving"},
                                                                    {75, "hiit"},
                                                                    {97, "racket"},
                                                                    {91, "hockey"},
                                                                    {125, "motor_sports"}};
  for (const auto& [sub, sport] : expected) {
    INFO("sub_sport " << sub);
    REQUIRE(sport_of_sub_sport(sub));
    CHECK(sport_name(*sport_of_sub_sport(sub)) == sport);
  }
  for (const std::uint64_t none : {0u, 24u, 50u, 58u, 59u, 67u, 128u, 254u})
    CHECK_FALSE(sport_of_sub_sport(none));
}

TEST_CASE("FIT bytes: sport 254 is the profile's 'all', no run") {
  // FIT profile, enum sport: 254 = all ("all is for goals only to include all sports").
  FitBytes b = run(70);
  b.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}})
      .data(2, {t_fit + 69, t_fit, 254});
  const Activity a = parse(b.file()).at(0);
  CHECK(a.sport_raw == "all");
  CHECK(a.sport == runaudit::Sport::other);
}

TEST_CASE("FIT bytes: the decoder's CRC-16 is the protocol's, at every length and split") {
  using runaudit::io::fit::crc16;
  // CRC-16/ARC (poly 0x8005 reflected, init 0): the catalogue's check value of "123456789".
  CHECK(crc16("123456789") == 0xBB3D);
  CHECK(crc16("") == 0);
  std::string bytes;
  std::uint32_t state = 12345;  // a fixed LCG: bytes of every value, no pattern
  for (int i = 0; i < 300; ++i) {
    state = state * 1103515245u + 12345u;
    bytes += static_cast<char>(state >> 23);
  }
  for (std::size_t n = 0; n <= bytes.size(); n += 7) {
    const std::string part = bytes.substr(0, n);
    INFO("length " << n);
    CHECK(crc16(part) == protocol_crc(part));
    // Continued over a split at any point (chained reads of a file).
    const std::size_t cut = n / 3;
    CHECK(crc16(std::string_view(part).substr(cut), crc16(std::string_view(part).substr(0, cut))) ==
          protocol_crc(part));
  }
}

TEST_CASE("FIT bytes: a wrong file CRC or header CRC keeps the data with a note") {
  SECTION("file CRC") {
    std::string bytes = run(70).file();
    bytes.back() = static_cast<char>(bytes.back() ^ 0x55);
    const Activity a = parse(bytes).at(0);
    check_run_samples(a, 70);
    const auto* n = find_note(a, NoteCode::checksum_mismatch);
    REQUIRE(n);
    CHECK_THAT(n->message, Contains("file CRC"));
    // The audit's record carries it to the run's card: its verdict rests on those values.
    const runaudit::audit::RunRecord r =
        runaudit::audit::stage_activity(a, "ann", runaudit::audit::Selection{}).record;
    CHECK(r.file_warning == n->message);
    CHECK(runaudit::audit::stage_activity(parse(run(70).file()).at(0), "ann",
                                          runaudit::audit::Selection{})
              .record.file_warning.empty());
  }
  SECTION("header CRC") {
    std::string bytes = run(70).file();
    bytes[12] = static_cast<char>(bytes[12] ^ 0x01);
    const Activity a = parse(bytes).at(0);
    check_run_samples(a, 70);
    REQUIRE(find_note(a, NoteCode::checksum_mismatch));
  }
  SECTION("the second of two chained files: its activity's note, not the first's") {
    // Each chained file a run with its session (global 18: timestamp, start_time, sport).
    const auto with_session = [](std::uint32_t from) {
      FitBytes b;
      activity_file(b).define(1, record, record_fields);
      for (std::uint32_t i = from; i < from + 120; ++i) run_record(b, i, 140);
      b.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}})
          .data(2, {t_fit + from + 119, t_fit + from, 1});
      return b.file();
    };
    std::string second = with_session(7200);
    second.back() = static_cast<char>(second.back() ^ 0x55);
    const std::vector<Activity> both = parse(with_session(0) + second);
    REQUIRE(both.size() == 2);
    CHECK_FALSE(find_note(both[0], NoteCode::checksum_mismatch));
    REQUIRE(find_note(both[1], NoteCode::checksum_mismatch));
  }
}

TEST_CASE("FIT bytes: a header with data size 0 (never finalised) is read to the end") {
  const FitBytes b = run(90);
  SECTION("without a CRC") {
    const Activity a = parse(b.header(14, 0) + b.bytes()).at(0);
    check_run_samples(a, 90);
    REQUIRE(find_note(a, NoteCode::unfinished_file));
  }
  SECTION("with the CRC of its bytes: checked, not read as a message") {
    const std::string bytes = b.header(14, 0) + b.bytes();
    const Activity a = parse(bytes + crc_of(bytes)).at(0);
    check_run_samples(a, 90);
    REQUIRE(find_note(a, NoteCode::unfinished_file));
    CHECK_FALSE(find_note(a, NoteCode::checksum_mismatch));
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
  }
  SECTION("with the CRC of the file before its data size was zeroed: a CRC that does not match") {
    // A 12-byte header: behind a 14-byte one's own CRC the file's CRC is the data's alone (the
    // CRC of bytes followed by their CRC is 0), whatever the header says.
    const std::string whole = b.file(12);
    const Activity a = parse(b.header(12, 0) + b.bytes() + whole.substr(whole.size() - 2)).at(0);
    check_run_samples(a, 90);
    CHECK(find_note(a, NoteCode::checksum_mismatch));
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
    CHECK_FALSE(find_note(a, NoteCode::trailing_bytes));
  }
}

TEST_CASE("FIT bytes: a header whose data size is not its data's is read to the file's end") {
  // A writer that put a wrong data size in the header, the data whole after it: every record
  // read, with a note naming the size; the file's CRC still checked at its end. The size ends
  // inside a message, at a message boundary (record 80's end: no CRC there, and the records go
  // on), or 1-3 bytes beyond the file (whose last two bytes are its CRC).
  const FitBytes b = run(90);
  const std::size_t record_size = 1 + 18;
  for (const std::size_t stated : {std::size_t{1}, b.size() / 2, b.size() - 10 * record_size - 7,
                                   b.size() - 10 * record_size, b.size() + 1, b.size() + 3}) {
    INFO("data size " << stated);
    const std::string bytes = b.header(14, static_cast<std::uint32_t>(stated)) + b.bytes();
    const Activity a = parse(bytes + crc_of(bytes)).at(0);
    check_run_samples(a, 90);
    const auto* n = find_note(a, NoteCode::unfinished_file);
    REQUIRE(n);
    CHECK(n->message == "the header's data size (" + std::to_string(stated) +
                            " bytes) is not its data's: read to the file's end");
    CHECK_FALSE(find_note(a, NoteCode::checksum_mismatch));
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
    CHECK_FALSE(find_note(a, NoteCode::trailing_bytes));
  }
  // Junk after a whole file whose header is right (CRC where it says): trailing bytes, as ever.
  const std::string junk = b.file() + std::string(40, '\x55');
  const Activity whole = parse(junk).at(0);
  check_run_samples(whole, 90);
  CHECK(find_note(whole, NoteCode::trailing_bytes));
  CHECK_FALSE(find_note(whole, NoteCode::unfinished_file));
  // Zeros padding a file whose CRC was damaged: they would read as messages of local type 0,
  // but no CRC ends them: the CRC's mismatch and trailing bytes, the data as the header says.
  std::string padded = b.file();
  padded.back() = static_cast<char>(padded.back() ^ 0x55);
  padded += std::string(40, '\0');
  const Activity pad = parse(padded).at(0);
  check_run_samples(pad, 90);
  CHECK(find_note(pad, NoteCode::checksum_mismatch));
  CHECK(find_note(pad, NoteCode::trailing_bytes));
  CHECK_FALSE(find_note(pad, NoteCode::unfinished_file));
  // A header that agrees with the file's size but is cut inside a message is a truncated file:
  // its stated end is past the bytes (the test of truncated files), never read on.
}

TEST_CASE("FIT bytes: a truncated file keeps the run before the cut, or is an error") {
  const FitBytes b = run(300);
  const std::string whole = b.file();
  SECTION("cut inside record 200: 200 records kept, with the damage's offset") {
    const std::size_t record_size = 1 + 18;
    const std::size_t first_record = whole.size() - 2 - 300 * record_size;
    const std::size_t cut = first_record + 200 * record_size + 7;
    const Activity a = parse(whole.substr(0, cut)).at(0);
    check_run_samples(a, 200);
    const auto* n = find_note(a, NoteCode::file_damaged);
    REQUIRE(n);
    CHECK(n->first_offset == std::ptrdiff_t(first_record + 200 * record_size));
    CHECK_THAT(n->message, Contains("truncated"));
    // The share read: the whole messages before the cut, of the file its header promises.
    REQUIRE(a.read_share);
    CHECK(*a.read_share == Approx(double(first_record + 200 * record_size) / double(whole.size())));
    // The audit's record carries the damage: on the run's card, and with the reason of a skip,
    // which rests on what was read (here --match, which its name misses).
    runaudit::audit::Selection tempo_only;
    tempo_only.match = std::regex("tempo");
    const runaudit::audit::RunRecord r =
        runaudit::audit::stage_activity(a, "ann", tempo_only).record;
    CHECK(r.file_warning == n->message);
    REQUIRE_FALSE(r.audited);
    const std::string words = runaudit::report::detail::skip_words(r, runaudit::Units::metric);
    CHECK_THAT(words, Contains("do not match --match") && Contains("; " + n->message));
    CHECK(words.find(n->message) == words.rfind(n->message));  // once
  }
  SECTION("cut inside the CRC: every message there, the run whole, the check missing") {
    for (const std::size_t lost : {std::size_t{1}, std::size_t{2}}) {
      const Activity a = parse(whole.substr(0, whole.size() - lost)).at(0);
      check_run_samples(a, 300);
      CHECK_FALSE(find_note(a, NoteCode::file_damaged));
      CHECK_FALSE(a.read_share);
      const auto* n = find_note(a, NoteCode::checksum_mismatch);
      REQUIRE(n);
      CHECK_THAT(n->message, Contains("CRC cut off"));
    }
  }
  SECTION("a header promising more than the file, the session read: the run whole") {
    // The run, its session (global 18: timestamp, start_time, sport running), then a cut inside
    // what the header says follows (a data size of 0xFFFFFFF0, or a chained file cut short).
    FitBytes with_session = run(300);
    with_session.define(2, session, {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}})
        .data(2, {t_fit + 299, t_fit, 1});
    const std::string data = with_session.bytes();
    const Activity a = parse(with_session.header(14, 0xFFFFFFF0) + data).at(0);
    check_run_samples(a, 300);
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
    CHECK_FALSE(a.read_share);
    const auto* n = find_note(a, NoteCode::trailing_bytes);
    REQUIRE(n);
    CHECK_THAT(n->message,
               Contains("after this activity's session message: the activity is whole"));
    // Records after the session (the file cut in the next leg, whose session is lost) go to
    // the session before them: that activity may be cut short, and says so.
    FitBytes more = with_session;
    for (std::uint32_t i = 300; i < 310; ++i) run_record(more, i, 140);
    const Activity cut = parse(more.header(14, 0xFFFFFFF0) + more.bytes()).at(0);
    CHECK(find_note(cut, NoteCode::file_damaged));
  }
  SECTION("cut after 30 s: nothing usable, one error with the offset") {
    const std::size_t cut = whole.size() - 2 - 270 * 19 + 5;
    const auto e = error_of([&] { parse(whole.substr(0, cut)); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
    CHECK(e->where().offset == std::ptrdiff_t(cut - 5));
    CHECK_THAT(e->detail(), Contains("truncated") &&
                                Contains("the 30 records before it span less than a minute"));
  }
  SECTION("cut inside the first record: nothing usable, and why") {
    const std::size_t first_record = whole.size() - 2 - 300 * 19;
    const auto e = error_of([&] { parse(whole.substr(0, first_record + 5)); });
    REQUIRE(e);
    CHECK(e->where().offset == std::ptrdiff_t(first_record));
    CHECK_THAT(e->detail(), Contains("its last whole message ends here (the file holds " +
                                     std::to_string(first_record + 5) + " bytes of the " +
                                     std::to_string(whole.size()) + " its header promises)") &&
                                Contains("; no record before it"));
  }
  SECTION("cut inside the header") {
    const auto e = error_of([&] { parse(whole.substr(0, 13)); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
  }
  SECTION("cut before the signature: too short to tell, said so") {
    std::string cut = whole.substr(0, 8);  // size, versions, data size: binary, no ".FIT" yet
    const auto e = error_of([&] { runaudit::io::parse_document(cut, "test.fit", {}); });
    REQUIRE(e);
    CHECK_THAT(e->detail(), Contains("8 bytes: too short even for a FIT header of 12"));
  }
}

TEST_CASE("FIT bytes: a .fit.gz cut short keeps the run before the cut") {
  // A Strava export's activities/123.fit.gz whose download stopped: the gzip data ends inside
  // record 200 of the FIT file it holds.
  const std::string whole = run(300).file();
  const std::size_t first_record = whole.size() - 2 - 300 * 19;
  const std::size_t cut = first_record + 200 * 19 + 7;
  const testing::TempDir dir("fit_gz_cut");
  const std::string path = dir.write("run.fit.gz", testing::gzip_cut(whole, cut));
  const std::vector<Activity> acts = runaudit::io::read_activities(path);
  REQUIRE(acts.size() == 1u);
  const Activity& a = acts[0];
  check_run_samples(a, 200);
  const auto* damage = find_note(a, NoteCode::file_damaged);
  REQUIRE(damage);
  CHECK(damage->first_offset == std::ptrdiff_t(first_record + 200 * 19));
  REQUIRE(a.read_share);
  CHECK(*a.read_share == Approx(double(first_record + 200 * 19) / double(whole.size())));
  const auto* gz_cut = find_note(a, NoteCode::compressed_truncated);
  REQUIRE(gz_cut);
  CHECK(gz_cut->first_offset == std::ptrdiff_t(cut));
  CHECK_THAT(gz_cut->message,
             Contains("truncated gzip data (ends after " + std::to_string(cut) + " inflated"));
  // 30 s before the cut is no run: one error, the gzip's and the FIT decoder's reasons in it.
  const std::size_t early = first_record + 30 * 19 + 7;
  const std::string early_path = dir.write("early.fit.gz", testing::gzip_cut(whole, early));
  const auto e = error_of([&] { runaudit::io::read_activities(early_path); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::bad_gzip);
  CHECK(e->where().offset == std::ptrdiff_t(first_record + 30 * 19));
  CHECK_THAT(e->detail(), Contains("truncated gzip data (ends after " + std::to_string(early)));
  CHECK_THAT(e->detail(), Contains("truncated FIT file"));
}

namespace {

// @p b's file with its file CRC broken (the last byte flipped): its bytes are damaged somewhere.
std::string crc_broken(const FitBytes& b) {
  std::string bytes = b.file();
  bytes.back() = static_cast<char>(bytes.back() ^ 0x55);
  return bytes;
}

// A record of garbage (local type 1): dated @p years on, at a place and a distance of none of
// the run's.
FitBytes& garbage_record(FitBytes& b, std::uint64_t years, std::uint64_t seed) {
  return b.data(1, {t_fit + years * 365 * 86400 + seed * 7919, semicircles(-40 + double(seed)),
                    semicircles(120), 60 + seed, 400'000'000 + 1000 * seed, 3});
}

// The records of @p a dropped as decoded from damaged bytes (its damaged_record note's count).
std::size_t damaged_records(const Activity& a) {
  const auto* n = find_note(a, NoteCode::damaged_record);
  return n ? n->count : 0;
}

}  // namespace

TEST_CASE("FIT bytes: garbage in the middle is skipped where the recording goes on") {
  const auto garbage_then = [](std::uint64_t first, std::uint64_t count) {
    FitBytes b = run(150);
    b.raw("\x0F\x01\x02garbage");  // a data message of local type 15, never defined
    for (std::uint64_t i = first; i < first + count; ++i) run_record(b, i, 140 + i % 10);
    return b;
  };
  const std::size_t at = 14 + run(150).size();
  SECTION("the run going on after it: read on, the garbage skipped") {
    // 40 records go on from record 150 (a second on): 32 read cleanly, their times near.
    const Activity a = parse(garbage_then(150, 40).file()).at(0);
    check_run_samples(a, 190);
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
    const auto* n = find_note(a, NoteCode::bytes_skipped);
    REQUIRE(n);
    CHECK(n->count == 1);
    CHECK(n->first_offset == std::ptrdiff_t(at));
    CHECK_THAT(n->message, Contains("1 damaged stretch of bytes skipped"));
    CHECK_THAT(n->message, Contains("bytes " + std::to_string(at) + "-" + std::to_string(at + 9)));
    CHECK_THAT(n->message, Contains("before any definition"));
    CHECK(to_string(NoteCode::bytes_skipped) == "bytes_skipped");
  }
  SECTION("stretches as a crashing app writes them: a record dated decades on, then garbage") {
    // Records 0-99, 102-199 and 205-299 of a run; before each stretch of garbage a record
    // dated 64 years on (the Strava Android app's file). The file's CRC matches its bytes: the
    // skipping alone says they are damaged.
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    const auto records = [&](std::uint64_t from, std::uint64_t to) {
      for (std::uint64_t i = from; i < to; ++i) run_record(b, i, 140 + i % 10);
    };
    records(0, 100);
    garbage_record(b, 64, 1).raw("\x0B\x77\x10\x99");
    records(102, 200);
    garbage_record(b, 64, 2).raw("\x0B\x01");
    records(205, 300);
    const Activity a = parse(b.file()).at(0);
    REQUIRE(a.samples.size() == 293);
    CHECK(a.samples[100].time_ms == t_unix_ms + 102'000);
    CHECK(a.samples.back().time_ms == t_unix_ms + 299'000);
    CHECK(find_note(a, NoteCode::bytes_skipped)->count == 2);
    CHECK(damaged_records(a) == 2);
    CHECK_FALSE(find_note(a, NoteCode::file_damaged));
  }
  SECTION("a few records before the file's end: read on too") {
    check_run_samples(parse(garbage_then(150, 3).file()).at(0), 153);
  }
  SECTION("records dated a year on are no recording going on: what precedes is kept") {
    const Activity a = parse(garbage_then(150 + 366 * 86400, 40).file()).at(0);
    check_run_samples(a, 150);
    const auto* n = find_note(a, NoteCode::file_damaged);
    REQUIRE(n);
    CHECK(n->first_offset == std::ptrdiff_t(at));
    CHECK_THAT(n->message, Contains("before any definition"));
    CHECK_FALSE(find_note(a, NoteCode::bytes_skipped));
  }
  SECTION("nothing readable after it: what precedes is kept") {
    FitBytes b = run(150);
    b.raw("\x0F\x01\x02garbage");
    for (int i = 0; i < 50; ++i) b.raw("\x4F\x07\x09junk");
    const Activity a = parse(b.file()).at(0);
    check_run_samples(a, 150);
    REQUIRE(find_note(a, NoteCode::file_damaged));
    CHECK(find_note(a, NoteCode::file_damaged)->first_offset == std::ptrdiff_t(at));
  }
}

namespace {

// A session's timestamp, start_time, sport, total_elapsed_time, total_timer_time (ms) and
// total_distance (cm).
const std::vector<Field> session_totals{{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t},
                                        {7, 4, uint32_t_},   {8, 4, uint32_t_}, {9, 4, uint32_t_}};

}  // namespace

// The file_damaged note of @p a, which keeps the 150 records of run(150), the damage placed at
// byte @p at.
const runaudit::Note* cut_after_150(const Activity& a, std::size_t at) {
  check_run_samples(a, 150);
  const runaudit::Note* n = find_note(a, NoteCode::file_damaged);
  REQUIRE(n);
  CHECK(n->first_offset == std::ptrdiff_t(at));
  return n;
}

TEST_CASE("FIT bytes: records decoded from damaged bytes before decoding stops are cut") {
  // Damaged bytes read as two records of the defined type, dated 50 years on and back a day
  // from there, then a message of a local type never defined stops decoding.
  FitBytes b = run(150);
  const std::size_t at = 14 + b.size();
  const std::uint64_t fifty_years = 50ull * 365 * 86400;
  b.data(1, {t_fit + 150 + fifty_years, semicircles(-12), semicircles(170), 250, 9'999'999, 85});
  b.data(1, {t_fit + 149 + fifty_years - 86400, 0, 0, 0, 1, 0});
  b.raw("\x0F\x01\x02");
  const Activity a = parse(b.file()).at(0);
  const runaudit::Note* n = cut_after_150(a, at);
  CHECK_THAT(n->message, Contains("a record dated 2071-08-"));
  CHECK_THAT(n->message, Contains("50 years after the one before it"));
  CHECK_THAT(n->message, Contains("before any definition"));
  // Distance at 100 km a second after record 149's 447 m (99.553 km on): the same.
  FitBytes far = run(150);
  far.data(1, {t_fit + 150, semicircles(48), semicircles(11), 140, 10'000'000, 85});
  far.raw("\x0F\x01\x02");
  const Activity cut = parse(far.file()).at(0);
  check_run_samples(cut, 150);
  REQUIRE(find_note(cut, NoteCode::file_damaged));
  CHECK_THAT(find_note(cut, NoteCode::file_damaged)->message,
             Contains("a record whose distance is 99.6 km on from the one before it, 0:01 later"));
}

TEST_CASE("FIT bytes: records read out of step after damage are cut however long they go on") {
  // A run's bytes read out of step with their definitions from a deleted byte on: 130 records
  // that carry on from one another (more than max_garbage_records), 3000 km north of record
  // 149 and 2000 km further by their distance, then one 11 m back, then decoding stops.
  FitBytes b = run(150);
  const std::size_t at = 14 + b.size();
  for (std::uint64_t i = 0; i < 130; ++i)
    b.data(1, {t_fit + 150 + i, semicircles(75 + static_cast<double>(i) * 2e-5), semicircles(45),
               140, 200'000'000 + 300 * i, 85});
  b.data(1, {t_fit + 280, semicircles(75.0026), semicircles(45), 140, 200'037'900, 85});
  b.raw("\x0F\x01\x02");
  const Activity a = parse(b.file()).at(0);
  const runaudit::Note* n = cut_after_150(a, at);
  CHECK_THAT(n->message, Contains("a record whose distance is 1999.6 km on from the one before"));
  // Where a record within max_damaged_run of them carries on from record 149 (the watch's
  // recording resumes after garbage), they are a group of garbage among the run's records,
  // which the rest of the run follows.
  FitBytes resumed = run(150);
  for (std::uint64_t i = 0; i < 130; ++i)
    resumed.data(1, {t_fit + 150 + i, semicircles(75 + static_cast<double>(i) * 2e-5),
                     semicircles(45), 140, 200'000'000 + 300 * i, 85});
  for (std::size_t i = 280; i < 400; ++i) run_record(resumed, i, 140);
  resumed.raw("\x0F\x01\x02");
  const Activity kept = parse(resumed.file()).at(0);
  CHECK(kept.samples.size() == 270);
  CHECK(kept.samples.back().time_ms == t_unix_ms + 399'000);
}

TEST_CASE("FIT bytes: records decoded from damaged bytes among a run's are dropped") {
  SECTION("a group in the middle: the run carries on after it") {
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 100; ++i) run_record(b, i, 140 + i % 10);
    const std::size_t at = 14 + b.size();
    for (std::uint64_t g = 0; g < 5; ++g) garbage_record(b, 40 + g, g);
    for (std::uint64_t i = 105; i < 300; ++i) run_record(b, i, 140 + i % 10);
    const Activity a = parse(crc_broken(b)).at(0);
    REQUIRE(a.samples.size() == 295);
    CHECK(a.samples[99].time_ms == t_unix_ms + 99'000);
    CHECK(a.samples[100].time_ms == t_unix_ms + 105'000);
    CHECK(a.samples.back().time_ms == t_unix_ms + 299'000);
    CHECK(val(a.samples.back().distance_m) == Approx(897));
    const auto* n = find_note(a, NoteCode::damaged_record);
    REQUIRE(n);
    CHECK(n->count == 5);
    CHECK(n->first_offset == std::ptrdiff_t(at));
    CHECK(to_string(NoteCode::damaged_record) == "damaged_record");
    // The same records in a file whose CRC matches are the device's: no damage is assumed (the
    // builder drops what is out of time order, and counts it so).
    const Activity whole = parse(b.file()).at(0);
    CHECK(damaged_records(whole) == 0);
  }
  SECTION("records dated by a full timestamp of garbage until the next full one") {
    // 200 records of the run (its distance and heart rate) dated three years back, in order.
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 600; ++i) {
      const std::uint64_t t = i >= 200 && i < 400 ? t_fit + i - 3 * 365 * 86400 : t_fit + i;
      b.data(1, {t, semicircles(48 + double(i) * 1e-5), semicircles(11), 140, 300 * i, 85});
    }
    const Activity a = parse(crc_broken(b)).at(0);
    REQUIRE(a.samples.size() == 400);
    CHECK(a.samples[200].time_ms == t_unix_ms + 400'000);
    CHECK(damaged_records(a) == 200);
  }
  SECTION("a few at the start, then the run") {
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint64_t g = 0; g < 3; ++g) garbage_record(b, 60, g * 1000);
    for (std::uint64_t i = 0; i < 200; ++i) run_record(b, i, 140 + i % 10);
    const Activity a = parse(crc_broken(b)).at(0);
    check_run_samples(a, 200);
    CHECK(damaged_records(a) == 3);
  }
  SECTION("many at the end, a pair of them carrying on now and then: no recording") {
    // Bytes read out of step with their definitions after the run (a deletion mid-file): 150
    // records of garbage decades on, each followed by one a second later at its place, so that
    // the tail carries on in pairs but never for max_garbage_records records running.
    FitBytes b = run(200);
    for (std::uint64_t g = 0; g < 150; ++g)  // pairs 30 000 s apart: more than a clock's jump
      for (std::uint64_t second = 0; second < 2; ++second)
        b.data(1, {t_fit + 50 * 365 * 86400 + g * 30'000 + second, semicircles(-40 + double(g)),
                   semicircles(120), 60 + g, 400'000'000 + 1000 * g, 3});
    const Activity a = parse(crc_broken(b)).at(0);
    check_run_samples(a, 200);
    CHECK(damaged_records(a) == 300);
  }
  SECTION("a few at the end, dated decades on") {
    FitBytes b = run(200);
    garbage_record(b, 50, 0);
    garbage_record(b, 50, 1);
    const Activity a = parse(crc_broken(b)).at(0);
    check_run_samples(a, 200);
    CHECK(damaged_records(a) == 2);
  }
  SECTION("a multisport file's next leg whose distance starts again from 0 is no damage") {
    // A ride of 200 records at 8 m/s (1592 m), then a run of 900 at 3 m/s from distance 0, the
    // same place and clock; two sessions; the CRC broken elsewhere. The run's distance passes
    // the ride's after 531 s, within reach of it: read as carrying on from the ride, the run's
    // first 531 records would be a group of damage.
    FitBytes b;
    activity_file(b).define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 200; ++i)
      b.data(1, {t_fit + i, semicircles(48 + double(i) * 7e-5), semicircles(11), 140, 800 * i, 85});
    for (std::uint64_t i = 0; i < 900; ++i)
      b.data(1, {t_fit + 200 + i, semicircles(48.014 + double(i) * 2.7e-5), semicircles(11), 150,
                 300 * i, 85});
    b.define(2, session,
             {{253, 4, uint32_t_}, {2, 4, uint32_t_}, {5, 1, enum_t}, {7, 4, uint32_t_}})
        .data(2, {t_fit + 199, t_fit, 2, 200'000})
        .data(2, {t_fit + 1099, t_fit + 200, 1, 900'000});
    const std::vector<Activity> legs = parse(crc_broken(b));
    REQUIRE(legs.size() == 2);
    CHECK(legs[0].samples.size() == 200);
    CHECK(legs[1].samples.size() == 900);
    CHECK(damaged_records(legs[0]) + damaged_records(legs[1]) == 0);
  }
  SECTION("a chained file of a few records off one another, and a session timed beyond its span") {
    // A second chained file whose hr messages the damage made records and a session: the run's
    // activity neither ends in 2071 nor gains a second activity of garbage.
    FitBytes second;
    second.define(1, record, record_fields);
    garbage_record(second, 50, 0);
    second.data(1, {t_fit + 300, semicircles(10), semicircles(-100), 61, 300'000'000, 3});
    second.define(2, session, session_totals)
        .data(2, {t_fit + 400, t_fit + 300, 1, 1'000'000, 9'000'000,
                  0xFFFFFFFF});  // elapsed 1000 s, timer 9000 s, no distance
    const std::vector<Activity> all = parse(run(200).file() + crc_broken(second));
    REQUIRE(all.size() == 1);
    check_run_samples(all[0], 200);
    CHECK(damaged_records(all[0]) == 2);
  }
  SECTION("a chained file without records whose damage reads as a session decades on") {
    // A triathlon watch's heart-rate file chained after the run (no record of its own): its
    // damaged bytes decode as a session of 2057, plausible in itself (6 m/s, timer under
    // elapsed), of a sport not running (5, swimming: a pool swim's session without timed
    // records is an activity). Dated a day or more from every record of the recording: no
    // second activity.
    FitBytes second;
    second.define(2, session, session_totals)
        .data(2, {t_fit + 1'200'000'000, t_fit + 1'199'990'000, 5, 10'000'000, 9'000'000,
                  5'400'000});  // 10 000 s elapsed, 9000 s timer, 54 km
    const std::vector<Activity> all = parse(run(200).file() + crc_broken(second));
    REQUIRE(all.size() == 1);
    check_run_samples(all[0], 200);
  }
}

TEST_CASE("FIT bytes: a sensor's records written after the track are merged at their times") {
  // A track of 200 records without heart rate (positions, distance), then the strap's 200
  // records again from the start, heart rate 100 + i % 50 only, at the track's times.
  FitBytes b;
  activity_file(b).define(1, record, record_fields);
  for (std::uint64_t i = 0; i < 200; ++i)
    b.data(1, {t_fit + i, semicircles(48 + double(i) * 1e-5), semicircles(11), 0xFF, 300 * i, 85});
  b.define(2, record, {{253, 4, uint32_t_}, {3, 1, uint8_t_}});
  for (std::uint64_t i = 0; i < 200; ++i) b.data(2, {t_fit + i, 100 + i % 50});
  const Activity a = parse(b.file()).at(0);
  REQUIRE(a.samples.size() == 200);
  for (std::size_t i = 0; i < 200; ++i) {
    INFO("sample " << i);
    CHECK(val(a.samples[i].heart_rate_bpm) == double(100 + i % 50));
    CHECK(val(a.samples[i].latitude_deg) == degrees(48 + double(i) * 1e-5));
  }
  const auto* n = find_note(a, NoteCode::second_pass_merged);
  REQUIRE(n);
  CHECK(n->count == 200);
  CHECK(to_string(NoteCode::second_pass_merged) == "second_pass_merged");
  SECTION("records after a step back that carry positions are no second pass") {
    FitBytes again;
    activity_file(again).define(1, record, record_fields);
    for (std::uint64_t i = 0; i < 200; ++i) run_record(again, i, 140);
    for (std::uint64_t i = 0; i < 100; ++i) run_record(again, i, 150);  // the same times again
    const Activity twice = parse(again.file()).at(0);
    CHECK_FALSE(find_note(twice, NoteCode::second_pass_merged));
    CHECK(val(twice.samples[50].heart_rate_bpm) == 140);
  }
}

TEST_CASE("FIT bytes: bytes after a whole file that are no FIT are ignored, not damage") {
  const std::string whole = run(150).file();
  for (const std::string& tail : {std::string(100, '\0'), std::string("\x0E\x10junk after")}) {
    const std::vector<Activity> acts = parse(whole + tail);
    REQUIRE(acts.size() == 1u);
    check_run_samples(acts[0], 150);
    CHECK_FALSE(find_note(acts[0], NoteCode::file_damaged));  // the run is whole: judged whole
    const auto* n = find_note(acts[0], NoteCode::trailing_bytes);
    REQUIRE(n);
    CHECK(n->first_offset == std::ptrdiff_t(whole.size()));
    CHECK_THAT(n->message, Contains(std::to_string(tail.size()) + " bytes after the end"));
  }
  // What looks like the next chained file but gives no message is no damage either: a 14-byte
  // header cut to 12 bytes, a header of 13 bytes, a whole header promising data not there.
  const std::string header = run(10).file().substr(0, 14);
  std::string bad_size = header;
  bad_size[0] = 13;
  for (const std::string& tail : {header.substr(0, 12), bad_size.substr(0, 13), header}) {
    const std::vector<Activity> acts = parse(whole + tail);
    REQUIRE(acts.size() == 1u);
    check_run_samples(acts[0], 150);
    CHECK_FALSE(find_note(acts[0], NoteCode::file_damaged));
    CHECK(find_note(acts[0], NoteCode::trailing_bytes));
  }
  // A file of 14 records (13 s) before the junk is a short file, not an unreadable one.
  const std::vector<Activity> short_run = parse(run(14).file() + std::string(83, 'x'));
  REQUIRE(short_run.size() == 1u);
  CHECK(short_run[0].samples.size() == 14u);
}

// A damaged record decodes to a latitude beyond the poles (120°: 1 431 655 765 semicircles, a
// valid sint32): no place on Earth, so no position; it would have added thousands of km.
TEST_CASE("FIT bytes: a latitude beyond ±90° is no position") {
  FitBytes b = run(150);
  b.data(1, {t_fit + 150, semicircles(120), semicircles(11), 140, 450, 85});
  const Activity a = parse(b.file()).at(0);
  check_run_samples(a, 150);  // the 151st record had no other position to keep
  const auto* n = find_note(a, NoteCode::position_invalid);
  REQUIRE(n);
  CHECK(n->count == 1u);
  CHECK(n->message == "1 position with a latitude beyond ±90° ignored");
}

TEST_CASE("FIT bytes: hostile definitions end as one error, never a crash or a huge allocation") {
  SECTION("a data message before its definition") {
    FitBytes b;
    b.raw(std::string("\x03\x01\x02\x03", 4));
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
    CHECK(e->where().offset == 14);
  }
  SECTION("255 fields of 255 bytes: a message larger than the file") {
    std::vector<Field> fields;
    for (int i = 0; i < 255; ++i) fields.push_back({std::uint8_t(i), 255, byte_t});
    FitBytes b;
    activity_file(b).define(1, record, fields).raw(std::string(1000, '\x01'));
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
  }
  SECTION("an unknown base type") {
    FitBytes b;
    activity_file(b).define(1, record, {{253, 4, 0x1F}});
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
    CHECK_THAT(e->detail(), Contains("unknown base type"));
  }
  SECTION("an architecture byte that is neither 0 nor 1") {
    FitBytes b;
    activity_file(b).raw(std::string("\x41\x00\x07\x14\x00\x00", 6));
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
  }
  SECTION("a data size beyond the file") {
    const FitBytes b = run(10);
    const std::string bytes = b.header(14, 1'000'000'000) + b.bytes();
    const auto e = error_of([&] { parse(bytes); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::bad_fit);
    CHECK_THAT(e->detail(), Contains("truncated"));
  }
  SECTION("ten thousand chained files without records") {
    FitBytes one;
    activity_file(one);
    std::string bytes;
    for (int i = 0; i < 10000; ++i) bytes += one.file();
    const auto e = error_of([&] { parse(bytes); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::no_timestamps);
  }
  SECTION("more records than --max-trackpoints") {
    runaudit::io::ReadLimits limits;
    limits.max_trackpoints = 100;
    const auto e = error_of([&] { parse(run(101).file(), limits); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::too_large);
    CHECK_THAT(e->detail(), Contains("--max-trackpoints"));
  }
  SECTION("more sessions than any multisport race (each would be an activity)") {
    FitBytes b = run(70);
    b.define(2, session, {{253, 4, uint32_t_}, {5, 1, enum_t}});
    for (std::uint32_t i = 0; i < 257; ++i) b.data(2, {t_fit + i, 1});
    const auto e = error_of([&] { parse(b.file()); });
    REQUIRE(e);
    CHECK(e->code() == ParseErrc::too_large);
    CHECK_THAT(e->detail(), Contains("256 sessions"));
  }
  SECTION("not FIT at all, or no bytes") {
    for (const std::string bytes : {"hello, world: not a FIT file", ""}) {
      const auto e = error_of([&] { parse(bytes); });
      REQUIRE(e);
      CHECK(e->code() == ParseErrc::bad_fit);
      CHECK(e->where().offset == 0);
    }
  }
}

TEST_CASE("FIT bytes: chained files are read in order") {
  const std::string first = run(70).file();
  FitBytes second;
  second.define(1, record, record_fields);
  for (std::uint32_t i = 70; i < 140; ++i) run_record(second, i, 140 + i % 10);
  check_run_samples(parse(first + second.file()).at(0), 140);
  // A second file that defines no local type of its own: the first's definitions hold, as in
  // Garmin's SDK (FitBytes writes the definition; the file is made without its bytes).
  FitBytes undefined;
  undefined.define(1, record, record_fields);
  const std::size_t definition = undefined.size();
  for (std::uint32_t i = 70; i < 140; ++i) run_record(undefined, i, 140 + i % 10);
  const std::string data = undefined.file().substr(14 + definition, undefined.size() - definition);
  std::string chained = FitBytes().header(14, static_cast<std::uint32_t>(data.size())) + data;
  const std::uint16_t crc = testing::fit_bytes::protocol_crc(chained);
  chained += {static_cast<char>(crc & 0xFF), static_cast<char>(crc >> 8)};
  check_run_samples(parse(first + chained).at(0), 140);
}

TEST_CASE("FIT bytes: file types other than activity are not activities") {
  FitBytes b;
  activity_file(b, 5);  // workout
  const auto e = error_of([&] { parse(b.file()); });
  REQUIRE(e);
  CHECK(e->code() == ParseErrc::not_an_activity);
  CHECK(e->detail() == "a FIT workout file, not an activity");
}

TEST_CASE("FIT bytes: heart-rate settings no adult heart has are not used, with a note") {
  // zones_target (global 7): max_heart_rate (field 1), threshold_heart_rate (field 2).
  const auto with_zones = [](std::uint32_t max, std::uint32_t threshold) {
    FitBytes b = run(120);
    b.define(2, 7, {{1, 1, uint8_t_}, {2, 1, uint8_t_}}).data(2, {max, threshold});
    return parse(b.file()).at(0);
  };
  const Activity ok = with_zones(185, 168);  // 91 % of the max
  CHECK(val(ok.device_heart_rate.max_bpm) == 185);
  CHECK(val(ok.device_heart_rate.threshold_bpm) == 168);
  CHECK_FALSE(find_note(ok, NoteCode::hr_setting_implausible));
  // A threshold of 46 bpm beside a max of 185 (a real Forerunner's settings): no threshold.
  const Activity low = with_zones(185, 46);
  CHECK(val(low.device_heart_rate.max_bpm) == 185);
  CHECK_FALSE(low.device_heart_rate.threshold_bpm);
  const auto* note = find_note(low, NoteCode::hr_setting_implausible);
  REQUIRE(note);
  CHECK_THAT(note->message, Contains("threshold HR setting (46 bpm)"));
  // 125 bpm is a threshold heart rate, but not under a max of 185 (68 %); 190 is above it.
  CHECK_FALSE(with_zones(185, 125).device_heart_rate.threshold_bpm);
  CHECK(val(with_zones(185, 130).device_heart_rate.threshold_bpm) == 130);  // 70 %
  CHECK_FALSE(with_zones(185, 190).device_heart_rate.threshold_bpm);
  // A max of 60 bpm is no one's; the threshold then stands on its own range.
  const Activity no_max = with_zones(60, 150);
  CHECK_FALSE(no_max.device_heart_rate.max_bpm);
  CHECK(val(no_max.device_heart_rate.threshold_bpm) == 150);
  CHECK_FALSE(with_zones(240, 170).device_heart_rate.max_bpm);
}

TEST_CASE("FIT bytes: the device is the creator device_info's, else file_id's") {
  // file_id: an O-Synce (manufacturer 38) product 7; then device_info (global 23) messages of
  // the creator (device_index 0) with the given manufacturer and product.
  const auto device_of = [](const std::vector<std::pair<std::uint64_t, std::uint64_t>>& creators) {
    FitBytes b;
    b.define(0, file_id, {{0, 1, enum_t}, {1, 2, uint16_t_}, {2, 2, uint16_t_}})
        .data(0, {4, 38, 7});
    b.define(2, 23, {{0, 1, uint8_t_}, {2, 2, uint16_t_}, {4, 2, uint16_t_}});
    for (const auto& [manufacturer, product] : creators) b.data(2, {0, manufacturer, product});
    b.define(1, record, record_fields);
    for (std::uint32_t i = 0; i < 70; ++i) run_record(b, i, 140);
    return parse(b.file()).at(0).device;
  };
  // Creators naming nothing leave file_id's: manufacturer and product invalid (0xFFFF), a
  // product number without a maker, manufacturer 0 (no maker in the profile).
  CHECK(device_of({{0xFFFF, 0xFFFF}}) == "O-Synce product 7");
  CHECK(device_of({{0xFFFF, 1234}}) == "O-Synce product 7");
  CHECK(device_of({{0, 1234}}) == "O-Synce product 7");
  // The first creator naming a maker: a Garmin (1) Forerunner 965 (4315).
  CHECK(device_of({{0xFFFF, 0xFFFF}, {1, 4315}}) == "Garmin Forerunner 965");
  // Garmin's profile: 3258 descentMk2, 3702 descentMk2Asia ("Mk2 and Mk2i"), 2623 vivoSport.
  CHECK(device_of({{1, 3258}}) == "Garmin Descent Mk2");
  CHECK(device_of({{1, 3702}}) == "Garmin Descent Mk2");
  CHECK(device_of({{1, 2623}}) == "Garmin vivosport");
  // A product without a name: its number, but 0 (Zwift's, Suunto's) names nothing.
  CHECK(device_of({{23, 34}}) == "Suunto product 34");
  CHECK(device_of({{23, 0}}) == "Suunto");
}

TEST_CASE("FIT bytes: a product name that is no text names nothing") {
  // file_id of a Zwift (260) product 1 with a product_name (field 8, a string of 4 bytes)
  // given as a little-endian integer: its bytes in order.
  const auto device_named = [](std::uint64_t name_bytes, std::uint64_t manufacturer = 260) {
    FitBytes b;
    b.define(0, file_id,
             {{0, 1, enum_t}, {1, 2, uint16_t_}, {2, 2, uint16_t_}, {8, 4, 0x07 /* string */}})
        .data(0, {4, manufacturer, 1, name_bytes});
    b.define(1, record, record_fields);
    for (std::uint32_t i = 0; i < 70; ++i) run_record(b, i, 140);
    return parse(b.file()).at(0).device;
  };
  CHECK(device_named(0x6E7552) == "Zwift Run");  // "Run"
  // Zwift's: 0xB6 then zeros, no UTF-8: the product's number, not a replacement character.
  CHECK(device_named(0xB6) == "Zwift product 1");
  CHECK(device_named(0x20B620) == "Zwift product 1");  // " \xB6 "
  // Manufacturer 255, "development" (a Polar, the FIT Cookbook): the product's name alone.
  CHECK(device_named(0x6E7552, 255) == "Run");
  CHECK(device_named(0, 255) == "Development product 1");
}
