// Decodes a FIT file with Garmin's JavaScript FIT SDK (@garmin/fitsdk, installed here by
// scripts/install-fitsdk.sh) and prints every record and session as JSON, in the shape of
// fit_dump (times Unix seconds; positions degrees from semicircles; cadence rpm plus
// fractional_cadence; enhanced_altitude/enhanced_speed, which the SDK expands from altitude and
// speed). Messages read before a decoding error are printed, with the error.
//   node sdk_dump.mjs FILE
import { readFileSync } from "node:fs";
import { Decoder, Stream } from "@garmin/fitsdk";

const bytes = readFileSync(process.argv[2]);
const decoder = new Decoder(Stream.fromByteArray(bytes));
const { messages, errors } = decoder.read({ mergeHeartRates: false });

const value = (v) => (v === undefined || v === null ? null : v);
const seconds = (d) => (d instanceof Date ? d.getTime() / 1000 : null);
const degrees = (s) => (typeof s === "number" ? (s * 180) / 2 ** 31 : null);
const snake = (s) => (typeof s === "string" ? s.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase() : value(s));

const records = (messages.recordMesgs ?? []).map((r) => ({
  time: seconds(r.timestamp),
  lat: r.positionLat !== undefined && r.positionLong !== undefined ? degrees(r.positionLat) : null,
  lon: r.positionLat !== undefined && r.positionLong !== undefined ? degrees(r.positionLong) : null,
  altitude: value(r.enhancedAltitude ?? r.altitude),
  heart_rate: value(r.heartRate),
  cadence: r.cadence === undefined ? null : r.cadence + (r.fractionalCadence ?? 0),
  distance: value(r.distance),
  speed: value(r.enhancedSpeed ?? r.speed),
}));
const sessions = (messages.sessionMesgs ?? []).map((s) => ({
  start_time: seconds(s.startTime),
  sport: snake(s.sport),
  sub_sport: snake(s.subSport),
  total_distance: value(s.totalDistance),
  total_timer_time: value(s.totalTimerTime),
  total_elapsed_time: value(s.totalElapsedTime),
}));
console.log(JSON.stringify({
  records, sessions, laps: (messages.lapMesgs ?? []).length,
  errors: errors.map((e) => e.message),
}, null, 1));
