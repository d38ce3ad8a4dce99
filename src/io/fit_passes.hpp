#pragma once
// Private: a separate sensor's records written after the track, as a second pass over the same
// time (an app that records a heart-rate strap apart from the GPS writes the strap's records
// after the track's): merged into the track's records at their times, on what read_contents has
// read (fit_reader.hpp).

#include "fit_reader.hpp"

namespace runaudit::io::fit {

/// In each chained file, finds (among the records not Record::damaged) the records from the
/// first that steps back more than 60 s before
/// the latest time read so far to the end of that file, when none of them has a position or a
/// distance, some have a heart rate, and the records before them have positions or distances (a
/// track): a second pass. Each of its records at the time of a record of the track (to the
/// millisecond) gives that record the heart rate and cadence it lacks and is marked
/// Record::merged (dropped, with a count); the others are left as they are (out of time order:
/// the ActivityBuilder drops them). A file without such a pass is left as it is.
void merge_second_pass(Contents& contents);

}  // namespace runaudit::io::fit
