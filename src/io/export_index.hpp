#pragma once
// Private: what bulk exports say of their activities (docs/ARCHITECTURE.md, "Data flow", "export
// metadata"): Strava's activities.csv (name and type by file name) and Garmin Connect's summarized
// activities JSON (name and type by start time).

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "runaudit/io/source.hpp"
#include "runaudit/model.hpp"

namespace runaudit::io::detail {

/// Which export file a name (a path or member name, folders included) is.
enum class ExportFile { none, strava_activities, garmin_summary };

/// @return strava_activities for `activities.csv`, garmin_summary for a
///         `*summarizedActivities*.json` (any case), else none.
ExportFile export_file_kind(std::string_view name);

/// A row of Strava's activities.csv that names a file.
struct StravaRow {
  ExportEntry entry;     ///< its `Activity Name` and `Activity Type`
  std::size_t line = 0;  ///< the CSV line the row starts on (1-based; a quoted cell may span more)
};

/// Strava's activities.csv: each row with a file, keyed by its `Filename` (relative to the
/// folder the CSV is in, e.g. `activities/123.gpx.gz`, in Unicode NFC), with its `Activity Name`
/// and `Activity Type` (the first column of each name: some names appear twice). Rows without a
/// file (manual entries) are left out.
/// @throws ParseError bad_csv naming @p source (no header row, no `Filename` column, an
///         unterminated quote).
std::map<std::string, StravaRow> read_strava_activities(std::string_view text,
                                                        const std::string& source);

/// Garmin Connect's summarized activities (`DI_CONNECT/DI-Connect-Fitness/*_summarizedActivities
/// .json`): every object with a numeric `startTimeGmt` (else `beginTimestamp`), in ms since
/// 1970 UTC, gives its `name` and `activityType` (a string, or an object with `typeKey`).
/// @throws ParseError bad_value naming @p source when the text is not JSON.
std::shared_ptr<const ExportTimeIndex> read_garmin_summary(std::string_view text,
                                                           const std::string& source);

/// Gives @p activity the name and type its export chose (@p source's export_entry, else the
/// entry of export_by_time nearest its start within kExportTimeTolerance): name when not
/// empty, sport_raw and sport when the type is not empty. An entry found by file name is one
/// type for the whole file: for a file of several activities (a multisport FIT's sessions, a
/// TCX of several activities) each keeps its own sport and takes only the name.
/// @param activities_in_file  how many activities @p source decoded to (>= 1).
void apply_export(const Source& source, Activity& activity, std::size_t activities_in_file);

}  // namespace runaudit::io::detail
