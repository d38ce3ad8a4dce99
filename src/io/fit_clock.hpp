#pragma once
// Private: repairs of a device's clock set in the middle of a recording, on what read_contents
// has read (fit_reader.hpp). A watch sets its clock from GPS time: far forward when its own clock
// had no date (a Forerunner 225 jumps 20 days in a 56-minute run), a little or a lot back when
// its clock had run fast. Either way the run went on; the records after the change are moved so
// that it lasts one recording interval, and Contents::clock_jumps says so.

#include <cstddef>
#include <cstdint>

#include "fit_reader.hpp"

namespace runaudit::io::fit {

/// A watch never records for 6 hours without a timer pause and then goes on: a longer forward
/// step between two records is its clock being set (or, in damaged bytes, no time of the
/// recording). A step of a day or more between recording runs is always broken by a timer stop,
/// which Garmin, Wahoo, Suunto and Coros write.
inline constexpr std::int64_t min_clock_jump_ms = 6 * 3600 * 1000;
/// The reach of a track continuing from one record to the next: faster than anything a FIT
/// device records moving (m/s; a fast descent on a bike), plus slack for quantised distances and
/// GPS error (m).
inline constexpr double max_speed_m_per_s = 30, slack_m = 5;
/// The searches through the records (back for a clock's step here, on for the record carrying
/// on after damage in fit_damage.hpp) compare at most this many records per timed record, plus
/// a base: linear in a hostile file of a million records, every other one off.
inline constexpr std::size_t walk_per_record = 4, walk_base = 4096;

/// Finds where the device's clock was set mid-recording and moves the later times of that
/// chained file (records, laps, sessions), in one pass over the records in file order; each
/// change moves every record after it, so changes that follow one another (forward 8 h, then
/// back 2 h) are each seen on the times as repaired so far. The recording interval is the last
/// forward step between two records of up to 60 s (1 s before any). A record far ahead of both
/// its neighbours (over 60 s), or far behind both while they follow one another within 120 s (a
/// record dated a year early between two of the run's), is a damaged time, never a neighbour
/// here; the ActivityBuilder drops it (lone_time_glitches, or as out of time order).
///
/// A **forward jump** is a step of more than 6 h between two records without a timer pause
/// between them (Record::resumes), after which the clock runs on from the new time, unless a
/// session spanning both counted the gap as elapsed time (its end minus start, as written,
/// exceeds its total_elapsed_time by less than half the gap: then it was a pause the device
/// counted).
///
/// A **step back** is a record earlier than the one before it whose device distance (else
/// position) carries on from that one's within 30 m/s over the interval plus 5 m (a second pass
/// of heart-rate-only records restarting at the beginning, as Strava writes a separate strap's
/// data, has neither: its times stay), after which the clock runs on from its time, not from the
/// one before; that is not an earlier record written again (a record at its time with the same
/// values in every channel both have: a chunk sent twice); and before which the records later
/// than it did not begin with a jump ahead, by half the step more than the interval, that no
/// timer pause explains (a group of damaged times far ahead: the jump repairs it). At a timer
/// resume the pause is counted as one interval (its length is unknown). The searches back
/// through the records visit at most 4 times the file's records plus 4096 in all.
///
/// A record that lands, on an earlier clock of the file, just after the record before it (within
/// the interval plus 60 s) is **back on that clock**: a group of records far ahead is over (an
/// Edge 500 ride has 14 records dated two years ahead between two of its own day), and the
/// records from it on take that clock's move again, the real gap kept; no new change.
///
/// Laps and sessions: each time (start, end) goes to the clock whose records' times (as written,
/// ±10 s) contain it; where several do (a small step), to the one its message was written on
/// (the end) or the one the message before it ended on (the start).
void repair_clock(Contents& contents);

}  // namespace runaudit::io::fit
