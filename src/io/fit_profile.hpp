#pragma once
// Private: the numbers of the FIT profile runaudit reads (message numbers, field numbers, enum
// values) and the names of its enums. Source: Garmin's FIT SDK profile, version 21.217
// (Profile.xlsx, as generated into the JavaScript SDK's profile.js).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runaudit::io::fit {

/// Global message numbers (profile type `mesg_num`).
namespace mesg {
constexpr std::uint16_t file_id = 0, device_settings = 2, user_profile = 3, zones_target = 7,
                        sport = 12, session = 18, lap = 19, record = 20, event = 21,
                        device_info = 23, workout = 26, workout_step = 27, activity = 34,
                        timestamp_correlation = 162, field_description = 206;
}  // namespace mesg

/// Field numbers, per message. Units are those of the raw value before the scale is applied.
constexpr std::uint8_t field_timestamp = 253;      // date_time, every message
constexpr std::uint8_t field_message_index = 254;  // message_index

namespace file_id {
constexpr std::uint8_t type = 0, manufacturer = 1, product = 2, time_created = 4, product_name = 8;
}
namespace device_settings {
// active_time_zone uint8: the index into time_offset; time_offset uint32[] s: the watch's local
// time less UTC, per time zone (two's complement: 4294952896 is -14400, UTC-4)
constexpr std::uint8_t active_time_zone = 0, time_offset = 2;
}  // namespace device_settings
namespace user_profile {
constexpr std::uint8_t resting_heart_rate = 8, default_max_running_heart_rate = 9,
                       default_max_heart_rate = 11;
}
namespace zones_target {
constexpr std::uint8_t max_heart_rate = 1, threshold_heart_rate = 2;
}
namespace sport {
constexpr std::uint8_t sport = 0, sub_sport = 1, name = 3;
}
namespace session {
// start_time date_time; times uint32 ms (scale 1000); distance uint32 cm (scale 100);
// total_ascent uint16 m
constexpr std::uint8_t start_time = 2, sport = 5, sub_sport = 6, total_elapsed_time = 7,
                       total_timer_time = 8, total_distance = 9, total_ascent = 22,
                       sport_index = 111;
}  // namespace session
namespace lap {
constexpr std::uint8_t start_time = 2, total_elapsed_time = 7, total_timer_time = 8,
                       total_distance = 9, sport = 25, sub_sport = 39;
}
namespace record {
// position sint32 semicircles; altitude uint16 (scale 5, offset 500 m); heart_rate uint8 bpm;
// cadence uint8 rpm; distance uint32 (scale 100 m); speed uint16 (scale 1000 m/s);
// compressed_speed_distance byte[3] (12 bits speed scale 100 m/s, 12 bits distance scale 16 m,
// accumulated); enhanced_speed uint32 (scale 1000); enhanced_altitude uint32 (scale 5, offset
// 500); fractional_cadence uint8 (scale 128 rpm).
constexpr std::uint8_t position_lat = 0, position_long = 1, altitude = 2, heart_rate = 3,
                       cadence = 4, distance = 5, speed = 6, compressed_speed_distance = 8,
                       fractional_cadence = 53, enhanced_speed = 73, enhanced_altitude = 78;
}  // namespace record
namespace event {
constexpr std::uint8_t event = 0, event_type = 1;
constexpr std::uint64_t timer = 0;  // event `timer`
// event_type values
constexpr std::uint64_t start = 0, stop = 1, stop_all = 4, stop_disable = 8, stop_disable_all = 9;
}  // namespace event
namespace device_info {
constexpr std::uint8_t device_index = 0, manufacturer = 2, product = 4, descriptor = 19,
                       source_type = 25, product_name = 27;
constexpr std::uint64_t creator = 0;  // device_index of the recording device
constexpr std::uint64_t local = 5;    // source_type of the device itself (0-4: a sensor's link)
}  // namespace device_info
namespace workout {
constexpr std::uint8_t name = 8;
}
namespace workout_step {
// duration_value: ms for time, cm for distance; custom target values: heart rate in % of max
// HR (0-100) or bpm + 100, speed in mm/s, power in % FTP (0-1000) or W + 1000, cadence rpm.
constexpr std::uint8_t name = 0, duration_type = 1, duration_value = 2, target_type = 3,
                       target_value = 4, custom_target_low = 5, custom_target_high = 6,
                       intensity = 7;
constexpr std::uint64_t duration_time = 0, duration_distance = 1;
constexpr std::uint64_t target_speed = 0, target_heart_rate = 1, target_open = 2,
                        target_cadence = 3, target_power = 4;
}  // namespace workout_step
namespace activity {
constexpr std::uint8_t local_timestamp = 5;
}
namespace timestamp_correlation {
constexpr std::uint8_t system_timestamp = 1;  // device time (s since power-on) at `timestamp`
}
namespace field_description {
constexpr std::uint8_t developer_data_index = 0, field_definition_number = 1, field_name = 3;
}

/// `file` enum: the only file type audited.
constexpr std::uint64_t file_activity = 4;
/// `sport` enum values with a meaning for the reader.
constexpr std::uint64_t sport_generic = 0, sport_fitness_equipment = 4;
/// `manufacturer` values with products named by the profile's `garmin_product` table.
constexpr std::uint64_t manufacturer_garmin = 1, manufacturer_dynastream_oem = 13,
                        manufacturer_dynastream = 15, manufacturer_tacx = 89;
/// `manufacturer` 255: a developer's own build or an app without its own maker number (Polar's
/// watches, the FIT Cookbook's examples write it beside their product's name).
constexpr std::uint64_t manufacturer_development = 255;

/// @return the snake_case name of a `file` enum value ("workout", "course"), else "type N".
std::string file_type_name(std::uint64_t value);
/// @return the snake_case name of a `sport` value ("running", "cycling"), else "sport N".
std::string sport_name(std::uint64_t value);
/// @return the snake_case name of a `sub_sport` value ("treadmill", "trail"), else
///         "sub_sport N".
std::string sub_sport_name(std::uint64_t value);
/// @return the `sport` a `sub_sport` value belongs to, as the comments of Garmin's Profile.xlsx
///         give it ("open_water": swimming, "treadmill": running, "indoor_walking": walking,
///         "indoor_rowing": fitness equipment, "match": tennis; where a comment names fitness
///         equipment beside a sport, the sport), or nullopt for the sub-sports no comment gives
///         a sport (generic, challenge, navigate, virtual_activity, obstacle, ultra, ...) and
///         unknown values.
std::optional<std::uint64_t> sport_of_sub_sport(std::uint64_t value) noexcept;
/// @return the name of an `intensity` value ("active", "rest", "warmup", "cooldown",
///         "recovery", "interval", "other"), else "intensity N".
std::string intensity_name(std::uint64_t value);
/// @return the snake_case name of a `wkt_step_target` value ("heart_rate", "open"), else
///         "target N".
std::string target_type_name(std::uint64_t value);
/// @return a display name of a `manufacturer` value ("Garmin", "COROS", "Wahoo"), else
///         "manufacturer N".
std::string manufacturer_name(std::uint64_t value);
/// @return the display name of a Garmin product ("Forerunner 965", "Edge 530"), or empty when
///         the product is not one of the watches and bike computers we list.
std::string_view garmin_product_name(std::uint64_t product) noexcept;

}  // namespace runaudit::io::fit
