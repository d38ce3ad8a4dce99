#include "runaudit/audit/plan.hpp"

#include <algorithm>
#include <fstream>
#include <limits>
#include <sstream>

#include "csv.hpp"
#include "limit_columns.hpp"
#include "runaudit/io/error.hpp"
#include "runaudit/local_time.hpp"
#include "text.hpp"

namespace runaudit::audit {

using text::athlete_key;
using text::lower;
using text::trimmed;

bool PlannedSession::is_recovery() const {
  return text::says_recovery(session);
}

Plan Plan::read(const std::string& path, Units units) {
  const auto fail = [&](io::ParseErrc code, std::size_t line, const std::string& msg) {
    throw io::ParseError(code, io::SourceLocation{path, line, 0, -1}, msg);
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(io::ParseErrc::io, 0, "cannot open plan file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::vector<csv::Row> rows = csv::parse(buffer.str(), path);
  if (rows.empty()) fail(io::ParseErrc::bad_csv, 0, "empty plan file (needs a header row)");
  std::size_t athlete = SIZE_MAX, date = SIZE_MAX, session = SIZE_MAX;
  LimitColumns limits;
  for (std::size_t c = 0; c < rows[0].cells.size(); ++c) {
    const std::string name = lower(trimmed(rows[0].cells[c]));
    if (name == "athlete")
      athlete = c;
    else if (name == "date")
      date = c;
    else if (name == "session")
      session = c;
    else if (name == "notes" || name == "description" || name == "comment")
      continue;  // the coach's words for the athlete: not read
    else if (!limits.take(c, name))
      fail(io::ParseErrc::bad_csv, rows[0].line,
           "unknown column '" + name + "' (known: athlete, date, session, notes, " +
               LimitColumns::names() + ")");
  }
  if (athlete == SIZE_MAX || date == SIZE_MAX || session == SIZE_MAX)
    fail(io::ParseErrc::bad_csv, rows[0].line, "the header needs athlete, date and session");
  Plan plan;
  plan.m_file = path;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const csv::Row& row = rows[r];
    if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
    if (row.cells.size() != rows[0].cells.size())
      fail(io::ParseErrc::bad_csv, row.line,
           std::to_string(row.cells.size()) + " cells, the header has " +
               std::to_string(rows[0].cells.size()));
    PlannedSession s{std::string(trimmed(row.cells[athlete])), 0,
                     std::string(trimmed(row.cells[session])), row.line,
                     limits.read(row, units, path)};
    const std::string when(trimmed(row.cells[date]));
    const auto day = parse_day_range(when, 0);
    if (!day || day->first != day->last || when.size() != 10)
      fail(io::ParseErrc::bad_value, row.line, "bad date '" + when + "' (expected YYYY-MM-DD)");
    s.day = day->first;
    if (s.athlete.empty() || s.session.empty())
      fail(io::ParseErrc::bad_value, row.line, "empty athlete or session");
    const auto [it, added] =
        plan.m_index.try_emplace({athlete_key(s.athlete), s.day}, plan.m_sessions.size());
    if (!added)
      fail(io::ParseErrc::bad_value, row.line,
           "athlete '" + s.athlete + "' has two sessions on " + when);
    plan.m_sessions.push_back(std::move(s));
  }
  return plan;
}

const PlannedSession* Plan::find(const std::string& athlete, std::int64_t day) const {
  const auto it = m_index.find({athlete_key(athlete), day});
  return it == m_index.end() ? nullptr : &m_sessions[it->second];
}

bool Plan::covers(const std::string& athlete) const {
  const std::string key = athlete_key(athlete);
  const auto it = m_index.lower_bound({key, std::numeric_limits<std::int64_t>::min()});
  return it != m_index.end() && it->first.first == key;
}

}  // namespace runaudit::audit
