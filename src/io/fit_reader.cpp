#include "fit_reader.hpp"

#include <algorithm>
#include <bitset>
#include <cctype>
#include <cmath>

#include "fit_clock.hpp"
#include "fit_damage.hpp"
#include "fit_passes.hpp"
#include "fit_profile.hpp"
#include "runaudit/format.hpp"
#include "runaudit/io/error.hpp"

namespace runaudit::io::fit {
namespace {

// FIT date_time: seconds since 1989-12-31T00:00:00Z (Unix time 631065600); values below
// 0x10000000 are seconds since the device's power-on ("FIT Protocol", profile type date_time).
constexpr std::int64_t fit_epoch_unix_s = 631065600;
constexpr std::uint32_t min_absolute_time = 0x10000000;
// Semicircles: 2^31 of them make 180 degrees.
constexpr double degrees_per_semicircle = 180.0 / 2147483648.0;
constexpr std::int64_t quarter_hour_s = 15 * 60;

// Whether some time zone is @p offset_s ahead of UTC (a whole number of quarter hours), with
// or without daylight saving: a whole hour from -12 to +14 (beyond that, a clock error), or
// one of the offsets off the hour
// (IANA tz database: Marquesas -9:30, Newfoundland -3:30 and -2:30, Iran +3:30, Afghanistan
// +4:30, India +5:30, Nepal +5:45, Myanmar +6:30, Eucla +8:45, Central Australia +9:30 and
// +10:30, Chatham +12:45 and +13:45).
bool zone_exists(std::int64_t offset_s) {
  if (offset_s % 3600 == 0) return offset_s >= -12 * 3600 && offset_s <= 14 * 3600;
  for (const std::int64_t minutes :
       {-9 * 60 - 30, -3 * 60 - 30, -2 * 60 - 30, 3 * 60 + 30, 4 * 60 + 30, 5 * 60 + 30,
        5 * 60 + 45, 6 * 60 + 30, 8 * 60 + 45, 9 * 60 + 30, 10 * 60 + 30, 12 * 60 + 45,
        13 * 60 + 45})
    if (offset_s == minutes * 60) return true;
  return false;
}
// Messages a file holds a few of (a multisport race has a dozen sessions, a workout a few dozen
// steps): bounded, so that a hostile file cannot multiply work and memory with them (each
// session becomes an Activity carrying the workout and the developer field names).
constexpr std::size_t max_sessions = 256, max_sport_messages = 256, max_workout_steps = 1000,
                      max_developer_fields = 256;

// An accumulated component (FIT profile "accumulate"): each value is the low `bits` bits of a
// running total; the total grows by the difference modulo 2^bits (the SDK's Accumulator).
class Accumulator {
 public:
  std::uint64_t add(std::uint64_t value, unsigned bits) {
    const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
    if (!m_started) reset(value);
    m_total += (value - m_last) & mask;
    m_last = value;
    return m_total;
  }
  void reset(std::uint64_t value) {
    m_started = true;
    m_total = m_last = value;
  }

 private:
  bool m_started = false;
  std::uint64_t m_total = 0, m_last = 0;
};

[[gnu::always_inline]] inline std::optional<double> scaled(const Message& m, std::uint8_t field,
                                                           double scale, double offset = 0) {
  const auto v = m.value(field);
  return v ? std::optional<double>(*v / scale - offset) : std::nullopt;
}

// A value a device leaves unset as 0 (HR settings) is absent.
std::optional<double> set_value(const Message& m, std::uint8_t field) {
  const auto v = m.value(field);
  return v && *v > 0 ? v : std::nullopt;
}

bool contains(std::string_view text, std::string_view word) {
  return std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) ==
                  std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

struct Device {
  std::optional<std::uint64_t> manufacturer, product;
  std::string product_name;
};

// A name field of @p m, safe for reports; empty when it says nothing: blank, or bytes that are no
// text at all (a Zwift file_id's product name: 0xB6 and zeros), each made U+FFFD by clean_text.
std::string name_field(const Message& m, std::uint8_t field) {
  std::string name = clean_text(m.string(field));
  constexpr std::string_view replacement = "\xEF\xBF\xBD";
  std::string_view rest = name;
  while (!rest.empty() && (rest.front() == ' ' || rest.starts_with(replacement)))
    rest.remove_prefix(rest.front() == ' ' ? 1 : replacement.size());
  if (rest.empty()) name.clear();
  return name;
}

// A device as a message names it (its name: @p product_name, else @p fallback_name when given);
// manufacturer 0 (no maker in the profile) and a blank name name nothing.
Device read_device(const Message& m, std::uint8_t manufacturer, std::uint8_t product,
                   std::uint8_t product_name, std::optional<std::uint8_t> fallback_name = {}) {
  Device d{m.unsigned_value(manufacturer), m.unsigned_value(product), name_field(m, product_name)};
  if (d.manufacturer == 0u) d.manufacturer.reset();
  if (d.product_name.empty() && fallback_name) d.product_name = name_field(m, *fallback_name);
  return d;
}

std::string device_name(const Device& d) {
  std::string maker = d.manufacturer ? manufacturer_name(*d.manufacturer) : std::string();
  std::string product = d.product_name;
  const bool garmin_family =
      d.manufacturer &&
      (*d.manufacturer == manufacturer_garmin || *d.manufacturer == manufacturer_dynastream ||
       *d.manufacturer == manufacturer_dynastream_oem || *d.manufacturer == manufacturer_tacx);
  if (product.empty() && garmin_family && d.product)
    product = std::string(garmin_product_name(*d.product));
  // A product number without its maker says nothing; "development" is no maker to name.
  if (maker.empty() || (d.manufacturer == manufacturer_development && !product.empty()))
    return product;
  // Product 0 (Zwift's, Suunto's, Stryd's) names nothing: the maker alone.
  if (product.empty() && d.product && *d.product != 0)
    product = "product " + std::to_string(*d.product);
  if (product.empty() || contains(product, maker)) return product.empty() ? maker : product;
  return maker + " " + product;
}

bool is_bike_computer(const Device& d, const std::string& name) {
  constexpr std::uint64_t hammerhead = 289, bryton = 267;
  if (d.manufacturer && (*d.manufacturer == hammerhead || *d.manufacturer == bryton)) return true;
  return contains(name, "Edge ") || contains(name, "ELEMNT") || contains(name, "BOLT") ||
         contains(name, "ROAM") || contains(name, "Karoo");
}

WorkoutStep read_step(const Message& m) {
  namespace f = workout_step;
  WorkoutStep s;
  s.name = clean_text(m.string(f::name));
  if (const auto i = m.unsigned_value(f::intensity)) s.intensity = intensity_name(*i);
  const auto duration_type = m.unsigned_value(f::duration_type);
  if (const auto v = m.value(f::duration_value); v && duration_type) {
    if (*duration_type == f::duration_time) s.duration_s = *v / 1000;
    if (*duration_type == f::duration_distance) s.duration_m = *v / 100;
  }
  const auto target = m.unsigned_value(f::target_type);
  if (!target) return s;
  s.target = target_type_name(*target);
  if (*target == f::target_open) return s;
  if (const auto zone = m.value(f::target_value); zone && *zone > 0 && *zone < 1000)
    s.target_zone = static_cast<int>(*zone);
  const auto low = m.value(f::custom_target_low), high = m.value(f::custom_target_high);
  if (!low && !high) return s;
  // Custom values (profile wkt_step_target / workout_step subfields): heart rate in % of max
  // HR up to 100, else bpm + 100; power in % FTP up to 1000, else W + 1000; speed in mm/s.
  const auto convert = [&](double v) {
    switch (*target) {
      case f::target_heart_rate:
        return v <= 100 ? v : v - 100;
      case f::target_power:
        return v <= 1000 ? v : v - 1000;
      case f::target_speed:
        return v / 1000;
      default:
        return v;
    }
  };
  const double reference = low ? *low : *high;
  switch (*target) {
    case f::target_heart_rate:
      s.target_unit = reference <= 100 ? "% max HR" : "bpm";
      break;
    case f::target_power:
      s.target_unit = reference <= 1000 ? "% FTP" : "W";
      break;
    case f::target_speed:
      s.target_unit = "m/s";
      break;
    case f::target_cadence:
      s.target_unit = "rpm";
      break;
    default:
      break;
  }
  if (low) s.target_low = convert(*low);
  if (high) s.target_high = convert(*high);
  return s;
}

class Reader {
 public:
  Reader(const std::string& file, const ReadLimits& limits) : m_file(file), m_limits(limits) {}

  void reserve_records(std::size_t n) {
    m_contents.records.reserve(n);
    m_record_times.reserve(n);
  }

  void on(const Message& m) {
    switch (m.global()) {
      case mesg::file_id:
        if (!m_contents.file_type) m_contents.file_type = m.unsigned_value(file_id::type);
        if (!m_time_created)
          if (const auto t = m.unsigned_value(file_id::time_created))
            m_time_created = static_cast<std::uint32_t>(*t);
        if (!m_file_device)
          m_file_device =
              read_device(m, file_id::manufacturer, file_id::product, file_id::product_name);
        break;
      case mesg::device_info: {
        // The recording device has index 0 ("creator"); apps often write no index at all.
        // A sensor linked over ANT, ANT+, Bluetooth or Wi-Fi is none, whatever its index (a
        // Magene bike computer gives its heart-rate strap index 0).
        const auto index = m.unsigned_value(device_info::device_index);
        const auto source = m.unsigned_value(device_info::source_type);
        if (!m_creator && (!index || *index == device_info::creator) &&
            (!source || *source == device_info::local)) {
          Device d = read_device(m, device_info::manufacturer, device_info::product,
                                 device_info::product_name, device_info::descriptor);
          // One that names no maker and no product (a Sigma ROX's, a Polar's; a product number
          // alone says nothing) leaves file_id's standing.
          if (d.manufacturer || !d.product_name.empty()) m_creator = std::move(d);
        }
        break;
      }
      case mesg::record:
        on_record(m);
        break;
      case mesg::event:
        on_event(m);
        break;
      case mesg::lap:
        on_lap(m);
        break;
      case mesg::session:
        on_session(m);
        break;
      case mesg::sport:
        if (m_contents.sports.size() >= max_sport_messages) break;
        m_contents.sports.push_back(SportInfo{m.unsigned_value(sport::sport),
                                              m.unsigned_value(sport::sub_sport),
                                              clean_text(m.string(sport::name))});
        break;
      case mesg::activity:
        if (!m_activity_time) {
          m_activity_time = m.timestamp();
          if (const auto local = m.unsigned_value(activity::local_timestamp))
            m_activity_local = static_cast<std::uint32_t>(*local);
        }
        break;
      case mesg::device_settings:
        if (!m_settings_offset) {
          const auto zone = m.unsigned_value(device_settings::active_time_zone).value_or(0);
          if (const auto offset = m.unsigned_value(device_settings::time_offset, zone))
            m_settings_offset = static_cast<std::int32_t>(static_cast<std::uint32_t>(*offset));
        }
        break;
      case mesg::timestamp_correlation:
        if (const auto system = m.unsigned_value(timestamp_correlation::system_timestamp);
            system && m.timestamp() && *m.timestamp() >= min_absolute_time && !m_correlation)
          m_correlation = std::int64_t{*m.timestamp()} - static_cast<std::int64_t>(*system);
        break;
      case mesg::user_profile:
        if (!m_profile_seen) {
          m_profile_seen = true;
          m_resting = set_value(m, user_profile::resting_heart_rate);
          m_default_max = set_value(m, user_profile::default_max_running_heart_rate);
          if (!m_default_max) m_default_max = set_value(m, user_profile::default_max_heart_rate);
        }
        break;
      case mesg::zones_target:
        if (!m_zones_seen) {
          m_zones_seen = true;
          m_zones_max = set_value(m, zones_target::max_heart_rate);
          m_contents.heart_rate.threshold_bpm = set_value(m, zones_target::threshold_heart_rate);
        }
        break;
      case mesg::workout:
        if (!m_contents.workout)
          m_contents.workout = Workout{clean_text(m.string(workout::name)), {}};
        break;
      case mesg::workout_step:
        if (!m_contents.workout) m_contents.workout = Workout{};
        if (m_contents.workout->steps.size() >= max_workout_steps) break;
        m_contents.workout->steps.push_back(read_step(m));
        break;
      case mesg::field_description: {
        std::string name = clean_text(m.string(field_description::field_name));
        const auto index = m.unsigned_value(field_description::developer_data_index);
        const auto number = m.unsigned_value(field_description::field_definition_number);
        if (!name.empty() && index && number && *index < 256 && *number < 256 &&
            m_described.size() < max_developer_fields)
          m_described.emplace_back(static_cast<std::uint16_t>(*index << 8 | *number),
                                   std::move(name));
        break;
      }
      default:
        break;
    }
    for (const std::uint16_t key : m.developer_keys()) m_developer_present[key] = true;
  }

  Contents finish(Outcome outcome) {
    Contents& c = m_contents;
    c.outcome = std::move(outcome);
    // The developer fields some data message carries, by the names their descriptions give.
    for (auto& [key, name] : m_described)
      if (m_developer_present[key] &&
          std::find(c.developer_fields.begin(), c.developer_fields.end(), name) ==
              c.developer_fields.end())
        c.developer_fields.push_back(std::move(name));
    // The creator device_info, else file_id; a product name only file_id gives is kept.
    Device device = m_creator ? *m_creator : m_file_device.value_or(Device{});
    if (m_creator && m_file_device && device.product_name.empty() &&
        device.manufacturer == m_file_device->manufacturer)
      device.product_name = m_file_device->product_name;
    c.device = device_name(device);
    c.bike_computer = is_bike_computer(device, c.device);
    c.heart_rate.max_bpm = m_zones_max ? m_zones_max : m_default_max;
    c.heart_rate.resting_bpm = m_resting;
    choose_time_base();
    for (std::size_t i = 0; i < c.records.size(); ++i)
      c.records[i].point.time_ms = to_ms(m_record_times[i]);
    for (std::size_t i = 0; i < c.laps.size(); ++i) {
      c.laps[i].lap.start_time_ms = to_ms(m_lap_times[i].first);
      c.laps[i].end_ms = to_ms(m_lap_times[i].second);
    }
    for (std::size_t i = 0; i < c.sessions.size(); ++i) {
      c.sessions[i].start_ms = to_ms(m_session_times[i].first);
      c.sessions[i].end_ms = to_ms(m_session_times[i].second);
    }
    cut_garbage_tail(c);
    mark_damaged_records(c);
    repair_clock(c);
    merge_second_pass(c);
    if (m_activity_local && m_activity_time && *m_activity_local >= min_absolute_time &&
        *m_activity_time >= min_absolute_time) {
      // The watch's two clocks differ by its zone plus what they drift apart (a FR55 file: 225
      // s): the zone is the nearest quarter hour, when some zone has that offset; else (a
      // vivosmart's 18 minutes: +0:15) the difference is no zone at all.
      const std::int64_t offset = std::int64_t{*m_activity_local} - *m_activity_time;
      const std::int64_t zone =
          (offset >= 0 ? offset + quarter_hour_s / 2 : offset - quarter_hour_s / 2) /
          quarter_hour_s * quarter_hour_s;
      // A zone of 0 says nothing: COROS watches write local_timestamp equal to timestamp
      // wherever the run was (a run in Czechia in March, UTC+1). The athlete's time zone then
      // gives the local time, which is UTC's for a London winter run too.
      if (zone != 0 && zone_exists(zone)) c.utc_offset_s = static_cast<int>(zone);
    }
    // Else the watch's setting, written at the start of the file (a Garmin's device_settings):
    // what a file cut before its activity message (the battery died) still has. Only an exact
    // zone: of 110 public files with both, 107 agree with their activity's local time; the
    // other three (an Edge 530's 2100 s beside +2:00) are no zone's.
    if (!c.utc_offset_s && m_settings_offset && *m_settings_offset != 0 &&
        zone_exists(*m_settings_offset))
      c.utc_offset_s = static_cast<int>(*m_settings_offset);
    return std::move(c);
  }

 private:
  // Throws too_large when a list would pass the trackpoint limit (a bound on memory).
  void room(std::size_t size, const Message& m, const char* what) const {
    if (size >= m_limits.max_trackpoints)
      throw ParseError(ParseErrc::too_large, SourceLocation{m_file, 0, 0, m.offset()},
                       "more than " + std::to_string(m_limits.max_trackpoints) + " " + what +
                           " in one FIT file (raise it with --max-trackpoints)");
  }

  void on_record(const Message& m) {
    namespace f = record;
    room(m_contents.records.size(), m, "records");
    Record& r = m_contents.records.emplace_back();  // filled in place: no copy of ~200 bytes
    detail::RawPoint& p = r.point;
    p.offset = m.offset();
    const auto lat = m.value(f::position_lat), lon = m.value(f::position_long);
    if (lat && lon) {
      p.latitude_deg = *lat * degrees_per_semicircle;
      p.longitude_deg = *lon * degrees_per_semicircle;
    }
    p.elevation_m = scaled(m, f::enhanced_altitude, 5, 500);
    if (!p.elevation_m) p.elevation_m = scaled(m, f::altitude, 5, 500);
    p.heart_rate_bpm = m.value(f::heart_rate);
    // FIT cadence is rpm: for running, strides (one leg) per minute; the ActivityBuilder turns
    // it into steps per minute (x2). fractional_cadence adds 1/128ths.
    p.cadence_per_leg = m.value(f::cadence);
    if (p.cadence_per_leg)
      if (const auto fraction = scaled(m, f::fractional_cadence, 128))
        *p.cadence_per_leg += *fraction;
    p.distance_m = scaled(m, f::distance, 100);
    p.speed_m_per_s = scaled(m, f::enhanced_speed, 1000);
    if (!p.speed_m_per_s) p.speed_m_per_s = scaled(m, f::speed, 1000);
    compressed_speed_distance(m, p);
    if (m_resume_pending) {
      r.resumes = true;
      m_resume_pending = false;
    }
    // A record at the stop's own second is its last of the running timer.
    r.timer_stopped = m_paused && !(m.timestamp() && m_stop_time && *m.timestamp() <= *m_stop_time);
    r.timer_ran = timer_ran_to(m.timestamp());
    r.file = m.file();
    m_record_times.push_back(m.timestamp());
  }

  // compressed_speed_distance (old devices, foot pods): 3 bytes holding speed (12 bits, 1/100
  // m/s) and distance (12 bits, 1/16 m, accumulated). A record's own distance resets the total.
  void compressed_speed_distance(const Message& m, detail::RawPoint& p) {
    const std::string_view b = m.bytes(record::compressed_speed_distance);
    if (p.distance_m) m_distance_reset = p.distance_m;  // applied when the total is next used
    if (b.size() != 3 || b == "\xFF\xFF\xFF") return;
    if (m_distance_reset) {
      m_distance.reset(static_cast<std::uint64_t>(std::llround(*m_distance_reset * 16)));
      m_distance_reset.reset();
    }
    const auto byte = [&](std::size_t i) {
      return std::uint64_t{static_cast<unsigned char>(b[i])};
    };
    const std::uint64_t speed = byte(0) | ((byte(1) & 0x0F) << 8);
    const std::uint64_t distance = (byte(1) >> 4) | (byte(2) << 4);
    if (!p.speed_m_per_s) p.speed_m_per_s = double(speed) / 100;
    const std::uint64_t total = m_distance.add(distance, 12);
    if (!p.distance_m) p.distance_m = double(total) / 16;
  }

  void on_event(const Message& m) {
    if (m.unsigned_value(event::event) != event::timer) return;
    const auto type = m.unsigned_value(event::event_type);
    if (!type) return;
    // An event dated before the records already read (an Oregon writes its stops after the
    // records they paused): the records cannot be placed in its pauses by their order.
    const auto last_record = m_record_times.empty() ? std::nullopt : m_record_times.back();
    if (m.timestamp() && last_record && *m.timestamp() + 1 < *last_record)
      m_contents.timer_out_of_order = true;
    if (*type == event::start) {
      if (m_paused) {
        if (m.timestamp() && m_paused_at) m_stopped_s += stopped_to(*m.timestamp(), last_record);
        resume_at(m.timestamp());
      }
      m_paused = false;
      m_contents.timer_events = true;
    } else if (*type == event::stop || *type == event::stop_all || *type == event::stop_disable ||
               *type == event::stop_disable_all) {
      if (!m_paused) m_paused_at = m.timestamp();  // a second stop does not restart the pause
      m_paused = true;
      m_stop_time = m.timestamp();
      m_contents.timer_events = true;
    }
  }

  // The time the timer has stood stopped in the pause begun at m_paused_at, to @p time, since
  // the record at @p record_time (s; 0 when none).
  std::int64_t stopped_to(std::uint32_t time, std::optional<std::uint32_t> record_time) const {
    const std::int64_t since = std::max<std::int64_t>(*m_paused_at, record_time.value_or(0));
    return std::max<std::int64_t>(0, std::int64_t{time} - since);
  }

  // Whether the timer ran through the step from the last record to a record at @p time
  // (Record::timer_ran), from the timer's stops since that record; the count starts again.
  bool timer_ran_to(std::optional<std::uint32_t> time) {
    std::int64_t stopped_s = std::exchange(m_stopped_s, 0);
    const auto before = m_record_times.empty() ? std::nullopt : m_record_times.back();
    if (!time || !before || *time <= *before || (m_paused && !m_paused_at)) return false;
    if (m_paused) stopped_s += stopped_to(*time, before);
    const std::int64_t running_s = std::int64_t{*time} - *before - stopped_s;
    return running_s >= min_timer_ran_s && running_s >= 2 * stopped_s;
  }

  // The timer starts again at @p time after a stop. The records at that very second written
  // before the event are the running timer's first (an Edge 500 writes the record of the
  // resume, then the start: each was dropped as written while stopped, 441 of a ride's 442
  // restarts, and the distance to them with it); else the next record is.
  void resume_at(std::optional<std::uint32_t> time) {
    auto& records = m_contents.records;
    std::size_t k = records.size();
    while (time && k > 0 && records[k - 1].timer_stopped && m_record_times[k - 1] == time) --k;
    if (k == records.size()) {
      m_resume_pending = true;
      return;
    }
    records[k].resumes = true;
    for (; k < records.size(); ++k) records[k].timer_stopped = false;
  }

  void on_lap(const Message& m) {
    room(m_contents.laps.size(), m, "laps");
    LapInfo l;
    l.file = m.file();
    l.records_before = m_contents.records.size();
    l.lap.total_time_s = scaled(m, lap::total_timer_time, 1000);
    l.lap.distance_m = scaled(m, lap::total_distance, 100);
    const auto start = m.unsigned_value(lap::start_time);
    m_lap_times.emplace_back(
        start ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*start)) : std::nullopt,
        m.timestamp());
    m_contents.laps.push_back(l);
  }

  void on_session(const Message& m) {
    namespace f = session;
    if (m_contents.sessions.size() >= max_sessions)
      throw ParseError(ParseErrc::too_large, SourceLocation{m_file, 0, 0, m.offset()},
                       "more than " + std::to_string(max_sessions) + " sessions in one FIT file");
    SessionInfo s;
    s.elapsed_s = scaled(m, f::total_elapsed_time, 1000);
    s.timer_s = scaled(m, f::total_timer_time, 1000);
    s.distance_m = scaled(m, f::total_distance, 100);
    s.ascent_m = scaled(m, f::total_ascent, 1);
    s.sport = m.unsigned_value(f::sport);
    s.sub_sport = m.unsigned_value(f::sub_sport);
    s.sport_index = m.unsigned_value(f::sport_index);
    s.offset = m.offset();
    s.file = m.file();
    s.records_before = m_contents.records.size();
    const auto start = m.unsigned_value(f::start_time);
    m_session_times.emplace_back(
        start ? std::optional<std::uint32_t>(static_cast<std::uint32_t>(*start)) : std::nullopt,
        m.timestamp());
    m_contents.sessions.push_back(s);
  }

  void choose_time_base() {
    Contents& c = m_contents;
    std::size_t relative = 0, absolute = 0;
    const auto count = [&](const std::optional<std::uint32_t>& t) {
      if (t) ++(*t < min_absolute_time ? relative : absolute);
    };
    for (const auto& t : m_record_times) count(t);
    for (const auto& [start, end] : m_lap_times) count(start), count(end);
    for (const auto& [start, end] : m_session_times) count(start), count(end);
    // The activity message's own time only anchors the others (TimeBase::local): a relative
    // one beside absolute records is no reason to move them.
    c.relative_times = relative;
    if (relative == 0) return;
    if (m_correlation) {
      c.time_base = TimeBase::correlated;
      m_anchor_s = *m_correlation;
    } else if (m_activity_local && *m_activity_local >= min_absolute_time && m_activity_time &&
               *m_activity_time < min_absolute_time) {
      c.time_base = TimeBase::local;
      m_anchor_s = std::int64_t{*m_activity_local} - *m_activity_time;
      c.local_anchor_ms = (std::int64_t{*m_activity_local} + fit_epoch_unix_s) * 1000;
    } else if (const std::optional<std::int64_t> anchor = continuation_anchor()) {
      c.time_base = TimeBase::continued;
      m_anchor_s = *anchor;
    } else if (const std::optional<std::int64_t> start = session_anchor()) {
      c.time_base = TimeBase::session_start;
      m_anchor_s = *start;
    } else {
      // Relative times beside real ones cannot be placed among them: they become untimed.
      c.time_base = absolute > 0 ? TimeBase::dropped : TimeBase::unanchored;
    }
  }

  // Records on relative times, then on real ones, never back (a device without a date until
  // its first fix): the anchor that puts the first real-time record one recording interval
  // (the last step of up to 60 s between the relative ones, else 1 s) after the last relative
  // one; nullopt otherwise.
  std::optional<std::int64_t> continuation_anchor() const {
    const auto relative = [](const std::optional<std::uint32_t>& t) {
      return t && *t < min_absolute_time;
    };
    const auto first_real =
        std::find_if(m_record_times.begin(), m_record_times.end(),
                     [](const auto& t) { return t && *t >= min_absolute_time; });
    if (first_real == m_record_times.end() ||
        std::any_of(first_real, m_record_times.end(), relative))
      return std::nullopt;
    std::optional<std::uint32_t> last_relative;
    std::int64_t interval_s = 1;
    for (auto it = m_record_times.begin(); it != first_real; ++it) {
      if (!relative(*it)) continue;
      if (last_relative && **it > *last_relative && **it - *last_relative <= 60)
        interval_s = **it - *last_relative;
      last_relative = *it;
    }
    if (!last_relative) return std::nullopt;  // real times only
    return std::int64_t{**first_real} - interval_s - *last_relative;
  }

  // Every timed record on relative times, and a session's start time real (written when the
  // device knew the date), else the file's time_created: the anchor that puts the first record
  // at the first such start, or at the file's creation; nullopt otherwise.
  std::optional<std::int64_t> session_anchor() const {
    std::optional<std::uint32_t> first;
    for (const auto& t : m_record_times) {
      if (!t) continue;
      if (*t >= min_absolute_time) return std::nullopt;
      if (!first) first = t;
    }
    if (!first) return std::nullopt;
    for (const auto& [start, end] : m_session_times)
      if (start && *start >= min_absolute_time) return std::int64_t{*start} - *first;
    if (m_time_created && *m_time_created >= min_absolute_time)
      return std::int64_t{*m_time_created} - *first;
    return std::nullopt;
  }

  std::optional<std::int64_t> to_ms(const std::optional<std::uint32_t>& raw) const {
    if (!raw) return std::nullopt;
    const std::int64_t t = *raw;
    if (t >= min_absolute_time) return (t + fit_epoch_unix_s) * 1000;
    switch (m_contents.time_base) {
      case TimeBase::correlated:
      case TimeBase::local:
      case TimeBase::continued:
      case TimeBase::session_start:
        return (t + m_anchor_s + fit_epoch_unix_s) * 1000;
      case TimeBase::unanchored:
        return t * 1000;
      case TimeBase::dropped:
      case TimeBase::absolute:
        break;
    }
    return std::nullopt;
  }

  const std::string& m_file;
  const ReadLimits& m_limits;
  Contents m_contents;
  std::vector<std::optional<std::uint32_t>> m_record_times;
  using TimePair = std::pair<std::optional<std::uint32_t>, std::optional<std::uint32_t>>;
  std::vector<TimePair> m_lap_times, m_session_times;
  std::optional<Device> m_file_device, m_creator;
  std::optional<std::uint32_t> m_activity_time, m_activity_local;
  std::optional<std::uint32_t> m_time_created;    // file_id's
  std::optional<std::int64_t> m_settings_offset;  // device_settings' time_offset (s), signed
  std::optional<std::int64_t> m_correlation;
  std::int64_t m_anchor_s = 0;
  bool m_paused = false, m_resume_pending = false;
  std::optional<std::uint32_t> m_stop_time;  // of the last timer stop
  std::optional<std::uint32_t> m_paused_at;  // of the stop that began the pause (not a second)
  std::int64_t m_stopped_s = 0;              // the timer's pauses since the last record, ended (s)
  bool m_profile_seen = false, m_zones_seen = false;
  std::optional<double> m_resting, m_default_max, m_zones_max;
  Accumulator m_distance;
  std::optional<double> m_distance_reset;  // the last record's own distance (m), not yet applied
  // field_description messages: (developer_data_index << 8 | field number, field name)
  std::vector<std::pair<std::uint16_t, std::string>> m_described;
  std::bitset<65536> m_developer_present;  // by the same key: carried by some data message
};

}  // namespace

Contents read_contents(std::string_view bytes, const std::string& file, const ReadLimits& limits) {
  Reader reader(file, limits);
  // A record message with position, altitude, HR, cadence, distance and speed is 24-30 bytes:
  // room for most of them at once, instead of regrowing through a run's thousands.
  reader.reserve_records(std::min(bytes.size() / 24, limits.max_trackpoints));
  Outcome outcome = decode(bytes, [&reader](const Message& m) { reader.on(m); });
  if (outcome.files == 0)
    throw ParseError(ParseErrc::bad_fit, SourceLocation{file, 0, 0, outcome.damage->offset},
                     outcome.damage->reason);
  return reader.finish(std::move(outcome));
}

}  // namespace runaudit::io::fit
