#pragma once
// Private: repairs of a device's clock set in the middle of a recording, on what read_contents
// has read (fit_reader.hpp). A watch sets its clock from GPS time: far forward when its own clock
// had no date (a Forerunner 225 jumps 20 days in a 56-minute run), a little back when its clock
// had run fast. Either way the run went on; the times after the step are moved so that it lasts
// one recording interval, and Contents::clock_jumps says so.

#include "fit_reader.hpp"

namespace runaudit::io::fit {

/// Moves forward the times after each step back of the device's clock. A record is such a step
/// when it is earlier than the timed record before it (of the same chained file) and:
/// - the record after it runs on from its time, not from the one before it, and the records
///   later than it did not begin with a jump ahead of half the step or more that no timer
///   pause explains (one record or a few far behind or far ahead, the times then going on as
///   before, are damaged times, left to the ActivityBuilder and rebase_clock_jumps);
/// - it carries on the track of the record before: its device distance rises from that one's by
///   no more than 30 m/s over the recording interval plus 5 m, or, without distances on both,
///   its position is that close (a second pass of heart-rate-only records restarting at the
///   beginning, as Strava writes a separate strap's data, has neither: its times stay);
/// - it is not an earlier record at its time written again (equal position and distance where
///   both have them: a chunk of records sent twice).
/// The recording interval is the last step forward between records of up to 60 s.
/// At most 16 steps per file are looked for (a watch sets its clock once or twice; each costs
/// a search back through the records). The records after a step move by one amount; a lap or
/// session written after it has its end moved, and its start when it began on the new clock (it
/// follows one that ended after the step, or began before the end of the one it follows).
void rebase_clock_steps_back(Contents& contents);

/// Moves back the times after each forward jump of more than 6 h between two records of one
/// chained file, without a timer pause between them (Record::resumes) and unless a session
/// spanning both lasted that long (then the gap is a pause the device counted). The times before
/// the jump are the ones the file's start is given in (file_id time_created, the session's and
/// first lap's start_time); moving the later ones keeps those and the run's date. A jump needs a
/// record after the first one past it on the same clock: a lone last record far ahead is a
/// damaged time, left to the ActivityBuilder (lone_time_glitches). Records, laps and sessions are
/// moved by their times (a time past the middle of a jump is on its clock): O(n log jumps).
void rebase_clock_jumps(Contents& contents);

}  // namespace runaudit::io::fit
