#pragma once
// Private: where the damage of a FIT file begins, as far as its records tell. Decoding stops at
// the first message that cannot be read (Outcome::damage); bytes damaged before that point may
// still decode, as messages of the local types defined, into records of garbage: dated decades
// ahead, or thousands of kilometres on. They are no part of the run.

#include "fit_reader.hpp"

namespace runaudit::io::fit {

/// In a file whose decoding stopped at damage (Contents::outcome.damage), finds the first record
/// of the chained file read there that is off the recording before it (its time more than 60 s
/// before the record before it or more than 6 h after it, or its device distance or position
/// further from that record's than 30 m/s over the time between them plus 5 m, or going back
/// more than 5 m: the bounds of fit_clock.hpp) and is followed by fewer than max_garbage_records
/// records that carry on from the one before them. That record and every message read after it
/// (records, laps, sessions) are dropped, and the damage is placed at its byte offset, the
/// reason saying what was off and where decoding stopped. A clock set mid-run (fit_clock.hpp)
/// or a lone glitch is followed by the rest of a recording, carrying on; an undamaged file is
/// left as it is.
void cut_garbage_tail(Contents& contents);

/// Fewer records carrying on than this after a record off the recording make it the start of
/// garbage: damaged bytes decode into records off one another (random times, positions,
/// distances) until decoding fails, and a recording goes on for minutes at least.
inline constexpr std::size_t max_garbage_records = 64;

}  // namespace runaudit::io::fit
