#pragma once
/// @file
/// A training plan (`--plan FILE`): which days were prescribed as recovery runs, so that the
/// runs of those days are audited, the others listed as not planned as recovery, and a planned
/// recovery day without a run reported as missed (docs/ARCHITECTURE.md, "The batch").

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runaudit/audit/limits.hpp"
#include "runaudit/format.hpp"

namespace runaudit::audit {

/// How the skip reason of a planned recovery day without a run begins ("planned recovery run
/// missed: no run on 2026-11-22"); reports tell such records from skipped files by it.
inline constexpr std::string_view missed_day_reason = "planned recovery run missed";

/// @return whether @p skip_reason is that of a missed planned day.
inline bool is_missed_day(std::string_view skip_reason) noexcept {
  return skip_reason.starts_with(missed_day_reason);
}

/// One planned session.
struct PlannedSession {
  std::string athlete;   ///< as written
  std::int64_t day = 0;  ///< local calendar day (days since 1970-01-01)
  std::string session;   ///< as written, e.g. "recovery", "easy", "tempo"
  std::size_t line = 0;  ///< 1-based line of the plan file
  /// The session's own limits (SI), from the plan's limit columns: for the runs of that day
  /// they override the athlete's profile (resolve_limits); empty when the row gives none.
  LimitInputs limits;
  /// @return true for a recovery session: one whose text holds the word `recovery`, `easy`,
  /// `rec` or `regen`/`regeneration`, any case (text::says_recovery: "Recovery run",
  /// "easy 40'", "REC"); "tempo", "long run", "rest", "not easy" are not.
  bool is_recovery() const;
};

/// A plan: sessions by athlete (ignoring case) and day.
class Plan {
 public:
  /// Reads a plan CSV (RFC 4180, header row with `athlete`, `date`, `session` in any order;
  /// dates `YYYY-MM-DD`, in the athlete's local time). Optional columns: the session's limits,
  /// the limit columns of the athletes file (read_athletes: `pace_limit`, `threshold_pace`,
  /// `max_distance`, ..., and `units` for the row's values without a unit suffix), read the
  /// same way; empty cells are absent.
  /// @param units  the units of values without a unit suffix in rows without `units` (--units).
  /// @throws io::ParseError at the file and line: io, bad_csv (no such columns, an unknown
  ///         column, a row of another length), bad_value (a date that is not one, an empty
  ///         athlete or session, a day planned twice, a limit or units as read_athletes refuses
  ///         them, naming the column).
  static Plan read(const std::string& path, Units units = Units::metric);
  /// @return the session planned for @p athlete on @p day, or nullptr.
  const PlannedSession* find(const std::string& athlete, std::int64_t day) const;
  /// @return whether the plan has a session, on any day, for @p athlete (ignoring case and
  ///         surrounding blanks): a plan for some athletes says nothing of the others' runs.
  bool covers(const std::string& athlete) const;
  /// @return every session, in file order.
  const std::vector<PlannedSession>& sessions() const noexcept { return m_sessions; }
  /// @return the plan file's name.
  const std::string& file() const noexcept { return m_file; }

 private:
  std::string m_file;
  std::vector<PlannedSession> m_sessions;
  std::map<std::pair<std::string, std::int64_t>, std::size_t> m_index;  // (lower athlete, day)
};

}  // namespace runaudit::audit
