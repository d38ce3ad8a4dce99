// Writes the FIT files of tests/data/fit with Garmin's FIT SDK encoder (@garmin/fitsdk; run
// scripts/install-fitsdk.sh first), from formulas the unit tests (tests/unit/test_fit.cpp)
// compute again: their truth is set here, not read back from runaudit.
//   node tests/oracle/make-fit-samples.mjs     (from the repository's root)
//
// run_pauses_laps.fit  a 1500 s trail run from 2026-11-16T07:00:00Z, one record a second while
//                      the timer runs: paused (timer stop_all/start) 600-660 s and 1200-1230 s;
//                      laps 0-400, 400-900, 900-1500 s; 3 m/s moving straight north from
//                      48 N 11 E; HR 120 + floor(moving s / 50); cadence 85.5 rpm; enhanced
//                      altitude 500 + moving s mod 20 m; UTC+1; HR anchors; a workout.
// multisport.fit       run 600 s (3 m/s), transition 60 s (1 m/s), ride 600 s (8 m/s) from
//                      2026-11-18T06:00:00Z: three sessions, three sport messages.
// devfields.fit        a 300 s run with two developer fields (Stryd-like "Power", "Form").
// course.fit           a course file (file_id type course) with 10 timed records.
import { writeFileSync } from "node:fs";
import { Encoder, Profile } from "@garmin/fitsdk";

const M = Profile.MesgNum;
const FIT_EPOCH_MS = 631065600000;
const semicircles = (deg) => Math.round((deg * 2 ** 31) / 180);
const at = (start, s) => new Date(start + 1000 * s);

function header(encoder, start, type = "activity") {
  encoder.onMesg(M.FILE_ID, { type, manufacturer: "garmin", product: 4315,
                              serialNumber: 12345, timeCreated: at(start, 0) });
  encoder.onMesg(M.DEVICE_INFO, { timestamp: at(start, 0), deviceIndex: 0,
                                  manufacturer: "garmin", product: 4315, softwareVersion: 22.22 });
}

function runWithPausesAndLaps() {
  const start = Date.UTC(2026, 10, 16, 7, 0, 0);
  const pauses = [[600, 660], [1200, 1230]];
  const end = 1500;
  const e = new Encoder();
  header(e, start);
  e.onMesg(M.USER_PROFILE, { restingHeartRate: 48, defaultMaxHeartRate: 190 });
  e.onMesg(M.ZONES_TARGET, { maxHeartRate: 188, thresholdHeartRate: 172 });
  e.onMesg(M.WORKOUT, { wktName: "Recovery 25 min", sport: "running", numValidSteps: 3 });
  e.onMesg(M.WORKOUT_STEP, { messageIndex: 0, intensity: "warmup", durationType: "time",
                             durationValue: 300000, targetType: "heartRate", targetValue: 1 });
  e.onMesg(M.WORKOUT_STEP, { messageIndex: 1, intensity: "recovery", durationType: "time",
                             durationValue: 1200000, targetType: "heartRate", targetValue: 0,
                             customTargetValueLow: 220, customTargetValueHigh: 235 });
  e.onMesg(M.WORKOUT_STEP, { messageIndex: 2, intensity: "cooldown", durationType: "distance",
                             durationValue: 50000, targetType: "open" });
  e.onMesg(M.EVENT, { timestamp: at(start, 0), event: "timer", eventType: "start" });
  const laps = [[0, 400], [400, 900], [900, 1500]];
  let moving = 0, lap = 0, lapStart = { moving: 0, s: 0 };
  for (let s = 0; s <= end; ++s) {
    const pause = pauses.find(([a, b]) => s > a && s < b);
    if (pause) continue;
    if (pauses.some(([, b]) => s === b))
      e.onMesg(M.EVENT, { timestamp: at(start, s), event: "timer", eventType: "start" });
    moving = s - pauses.reduce((sum, [a, b]) => sum + (s >= b ? b - a : 0), 0);
    e.onMesg(M.RECORD, {
      timestamp: at(start, s),
      positionLat: semicircles(48 + moving * 2.7e-5), positionLong: semicircles(11),
      enhancedAltitude: 500 + (moving % 20), heartRate: 120 + Math.floor(moving / 50),
      cadence: 85, fractionalCadence: 0.5, distance: 3 * moving, enhancedSpeed: 3,
    });
    if (pauses.some(([a]) => s === a) || s === end)
      e.onMesg(M.EVENT, { timestamp: at(start, s), event: "timer", eventType: "stopAll" });
    if (s === laps[lap][1]) {
      e.onMesg(M.LAP, { timestamp: at(start, s), startTime: at(start, lapStart.s),
                        totalElapsedTime: s - lapStart.s, totalTimerTime: moving - lapStart.moving,
                        totalDistance: 3 * (moving - lapStart.moving), sport: "running" });
      lapStart = { moving, s };
      ++lap;
    }
  }
  e.onMesg(M.SESSION, { timestamp: at(start, end), startTime: at(start, 0), sport: "running",
                        subSport: "trail", totalElapsedTime: end, totalTimerTime: moving,
                        totalDistance: 3 * moving, numLaps: 3 });
  e.onMesg(M.ACTIVITY, { timestamp: at(start, end), numSessions: 1, type: "manual",
                         localTimestamp: (start - FIT_EPOCH_MS) / 1000 + end + 3600 });
  return e.close();
}

function multisport() {
  const start = Date.UTC(2026, 10, 18, 6, 0, 0);
  const legs = [["running", "generic", "Run", 600, 3], ["transition", "generic", "Transition", 60, 1],
                ["cycling", "road", "Bike", 600, 8]];
  const e = new Encoder();
  header(e, start);
  e.onMesg(M.EVENT, { timestamp: at(start, 0), event: "timer", eventType: "start" });
  let s = 0, distance = 0;
  for (const [sport, subSport, name, duration, speed] of legs) {
    e.onMesg(M.SPORT, { sport, subSport, name });
    const legStart = s, legDistance = distance;
    for (let i = 0; i < duration; ++i, ++s) {
      e.onMesg(M.RECORD, { timestamp: at(start, s), positionLat: semicircles(45 + s * 1e-5),
                           positionLong: semicircles(7), heartRate: 140, distance, enhancedSpeed: speed });
      distance += speed;
    }
    e.onMesg(M.LAP, { timestamp: at(start, s), startTime: at(start, legStart), sport,
                      totalElapsedTime: duration, totalTimerTime: duration,
                      totalDistance: distance - legDistance });
    e.onMesg(M.SESSION, { timestamp: at(start, s), startTime: at(start, legStart), sport, subSport,
                          totalElapsedTime: duration, totalTimerTime: duration,
                          totalDistance: distance - legDistance, numLaps: 1 });
  }
  e.onMesg(M.EVENT, { timestamp: at(start, s), event: "timer", eventType: "stopAll" });
  e.onMesg(M.ACTIVITY, { timestamp: at(start, s), numSessions: 3, type: "manual" });
  return e.close();
}

function developerFields() {
  const start = Date.UTC(2026, 10, 20, 17, 30, 0);
  const developerDataIdMesg = { developerDataIndex: 0, applicationVersion: 1,
                                applicationId: Array.from({ length: 16 }, (_, i) => i) };
  const power = { developerDataIndex: 0, fieldDefinitionNumber: 0, fitBaseTypeId: 0x84,
                  fieldName: "Power", units: "Watts", nativeMesgNum: M.RECORD, nativeFieldNum: 7 };
  const form = { developerDataIndex: 0, fieldDefinitionNumber: 1, fitBaseTypeId: 0x88,
                 fieldName: "Form", units: "ms" };
  const e = new Encoder({ fieldDescriptions: { 0: { developerDataIdMesg, fieldDescriptionMesg: power },
                                               1: { developerDataIdMesg, fieldDescriptionMesg: form } } });
  header(e, start);
  e.onMesg(M.DEVELOPER_DATA_ID, developerDataIdMesg);
  e.onMesg(M.FIELD_DESCRIPTION, power);
  e.onMesg(M.FIELD_DESCRIPTION, form);
  e.onMesg(M.EVENT, { timestamp: at(start, 0), event: "timer", eventType: "start" });
  for (let s = 0; s < 300; ++s)
    e.onMesg(M.RECORD, { timestamp: at(start, s), positionLat: semicircles(40 + s * 2.5e-5),
                         positionLong: semicircles(-3.7), heartRate: 130 + (s % 7), cadence: 88,
                         distance: 2.5 * s, enhancedSpeed: 2.5,
                         developerFields: { 0: 250 + (s % 10), 1: 240.5 } });
  e.onMesg(M.EVENT, { timestamp: at(start, 299), event: "timer", eventType: "stopAll" });
  e.onMesg(M.SESSION, { timestamp: at(start, 299), startTime: at(start, 0), sport: "running",
                        totalElapsedTime: 299, totalTimerTime: 299, totalDistance: 747.5 });
  return e.close();
}

function course() {
  const start = Date.UTC(2026, 10, 21, 9, 0, 0);
  const e = new Encoder();
  header(e, start, "course");
  e.onMesg(M.COURSE, { name: "Park loop", sport: "running" });
  for (let s = 0; s < 10; ++s)
    e.onMesg(M.RECORD, { timestamp: at(start, 10 * s), positionLat: semicircles(51.5 + s * 1e-4),
                         positionLong: semicircles(-0.1), distance: 11.1 * s });
  return e.close();
}

for (const [name, make] of [["run_pauses_laps", runWithPausesAndLaps], ["multisport", multisport],
                            ["devfields", developerFields], ["course", course]])
  writeFileSync(`tests/data/fit/${name}.fit`, make());
