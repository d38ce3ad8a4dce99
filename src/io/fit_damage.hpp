#pragma once
// Private: which records of a FIT file are its damage, as far as the records tell. Decoding
// skips a message that cannot be read where the recording goes on after it (Outcome::skipped),
// else stops there (Outcome::damage); damaged bytes before either point may still decode, as
// messages of the local types defined, into records of garbage: dated decades ahead, or
// thousands of kilometres on. They are no part of the run.

#include "fit_reader.hpp"

namespace runaudit::io::fit {

/// In a file whose decoding stopped at damage (Contents::outcome.damage), finds the first record
/// of the chained file read there that is off the recording before it (its time more than 60 s
/// before the record before it or more than 6 h after it, or its device distance or position
/// further from that record's than 30 m/s over the time between them plus 5 m, or going back
/// more than 5 m, unless it starts again from 0 within that reach: a multisport file's next leg;
/// the bounds of fit_clock.hpp) and is followed by fewer than max_garbage_records
/// records that carry on from the one before them; or, before it, the first record whose
/// device distance or position is more than 1000 km from the one before it (no device's step:
/// bytes read out of step with their definitions, whose records may carry on from one another)
/// when none of the next 1024 records returns to the one before it. That record and every
/// message read after it
/// (records, laps, sessions) are dropped, and the damage is placed at its byte offset, the
/// reason saying what was off and where decoding stopped. A clock set mid-run (fit_clock.hpp)
/// or a lone glitch is followed by the rest of a recording, carrying on; an undamaged file is
/// left as it is.
void cut_garbage_tail(Contents& contents);

/// In each chained file whose bytes are known to be damaged (its CRC does not match them, or
/// decoding skipped damage in it or stopped at damage inside it), marks the records decoded from
/// damaged bytes (Record::damaged) that cut_garbage_tail leaves: off the recording (as there), and
///   - a group of at most 1024 records after which a record carries on from the one before the
///     group (garbage in the middle of a run, or records dated by a full timestamp of garbage;
///     messages decoded among them, laps and sessions, are garbage too: dropped);
///   - else, at the first record off, at most max_garbage_records records before it at the
///     start of the file's records, when max_garbage_records or more records carry on from it;
///   - at most max_garbage_records records at the end of them whose first is off by its time
///     (random bytes make a time decades off; a distance starting again is a new leg);
///   - a file of at most max_garbage_records records, none carrying on from the one before it.
/// Sessions of such a file timed longer than they lasted, covering more than 30 m/s, or dated a
/// day or more from every record kept of the file, are dropped as well.
/// A file whose CRC matches is left as it is: a record off the recording there is the device's
/// (a clock set, a GPS jump: fit_clock.hpp and the ActivityBuilder).
void mark_damaged_records(Contents& contents);

/// Fewer records carrying on than this after a record off the recording make it the start of
/// garbage: damaged bytes decode into records off one another (random times, positions,
/// distances) until decoding fails, and a recording goes on for minutes at least.
inline constexpr std::size_t max_garbage_records = 64;

}  // namespace runaudit::io::fit
