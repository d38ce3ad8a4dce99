// CSV audit report: one row per run, RFC 4180 (CRLF rows, fields with commas, quotes or line
// breaks quoted, quotes doubled), SI units in the column names, violations in two columns, the
// rules not judged and why in one.

#include <cmath>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "runaudit/audit/record_fields.hpp"
#include "runaudit/report/writer.hpp"
#include "runaudit/time.hpp"
#include "words.hpp"
#include "writers.hpp"

namespace runaudit::report::detail {
namespace {

using namespace audit::fields;

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Numbers at 0.1 of their unit, as the JSON report rounds them.
std::string number(const std::optional<double>& v) {
  return v && std::isfinite(*v) ? format_fixed(std::round(*v * 10) / 10, 1) : std::string();
}

// A member's cell, by its type and how it reads as text (record_fields.hpp): the JSON report's
// value, as text.
std::string cell(const std::string& s, Plain) {
  return s;
}
std::string cell(std::size_t n, Plain) {
  return std::to_string(n);
}
std::string cell(double v, Plain) {
  return number(v);
}
std::string cell(const std::optional<double>& v, Plain) {
  return number(v);
}
std::string cell(const std::optional<int>& v, Plain) {
  return v ? std::to_string(*v) : "";
}
std::string cell(bool b, Plain) {
  return b ? "true" : "false";
}
std::string cell(const std::vector<std::string>& texts, Plain) {
  std::string out;
  for (const std::string& t : texts) out += (out.empty() ? "" : "; ") + t;
  return out;
}
std::string cell(const std::vector<double>& values, Plain) {  // "612 1224.5": space-separated
  std::string out;
  for (const double v : values) out += (out.empty() ? "" : " ") + number(v);
  return out;
}
std::string cell(Sport sport, Plain) {
  return std::string(to_string(sport));
}
std::string cell(const std::optional<std::int64_t>& utc_ms, UtcTime) {
  return utc_ms ? format_rfc3339(*utc_ms) : "";
}
std::string cell(bool audited, Status) {
  return audited ? "audited" : "skipped";
}
std::string cell(const std::optional<audit::Limit>& limit, Plain) {
  return limit ? number(limit->value) : "";
}

// Calls @p f(name, cell) for each CSV column of @p table, with the cells of @p owner.
template <class Owner, class Table, class F>
void columns_of(const Owner& owner, const Table& table, F f) {
  for_each(table, [&](const auto& entry) {
    using Entry = std::decay_t<decltype(entry)>;
    if constexpr (!std::is_same_v<Entry, Written>)
      if (entry.csv == Csv::column)
        f(entry.name, cell(owner.*entry.member, typename Entry::text{}));
  });
}

// Calls @p f(name, cell) for each column of the report, with the cells of @p r: the run's
// identity, verdict and score, metrics, limits, then its violations (rule:severity, and in
// words) and the rules it could not judge (in words).
template <class F>
void row_of(const audit::RunRecord& r, Units units, F f) {
  columns_of(r, run_fields, [&](std::string_view name, const std::string& cell) {
    f(name, name == "skip_reason" ? skip_words(r, units) : cell);  // in the report's units
  });
  columns_of(r, context_fields, f);
  columns_of(r, recording_fields, f);
  f("verdict", r.audited ? std::string(audit::to_string(r.judgement.verdict)) : "");
  f("score", r.audited ? format_fixed(r.judgement.score, 0) : "");
  columns_of(r.metrics, metric_fields, f);
  columns_of(r.limits, limit_fields, f);
  std::string rules, messages;
  for (const audit::Violation& v : r.judgement.violations) {
    rules += (rules.empty() ? "" : "; ") + v.rule + ":" + std::string(severity_word(v.severity));
    messages += (messages.empty() ? "" : " | ") + v.rule + ": " + violation_words(v, r, units);
  }
  f("violations", rules);
  f("violation_messages", messages);
  // What could not be judged and why: an unjudged run's reason, any run's gaps.
  std::string not_judged;
  for (const audit::NotJudged& n : r.judgement.not_judged)
    not_judged += (not_judged.empty() ? "" : " | ") + n.rule + ": " + unjudged_words(n, units);
  f("not_judged", not_judged);
}

// Cells joined into one row.
class Row {
 public:
  void add(const std::string& cell) { m_text += (m_cells++ == 0 ? "" : ",") + field(cell); }
  std::string end() { return std::move(m_text) + "\r\n"; }

 private:
  std::string m_text;
  std::size_t m_cells = 0;
};

class CsvWriter final : public Writer {
 public:
  CsvWriter(std::ostream& out, const ReportOptions& o) : m_out(out), m_units(o.units) {
    Row header;
    row_of(audit::RunRecord{}, m_units, [&](std::string_view name, const std::string&) {
      m_columns.push_back(name);
      header.add(std::string(name));
    });
    m_out << header.end();
  }

  std::string render(const audit::RunRecord& r) const override {
    Row row;
    row_of(r, m_units, [&](std::string_view, const std::string& c) { row.add(c); });
    return row.end();
  }

  void run(const audit::RunRecord&, std::string rendered) override { m_out << rendered; }

  // An unreadable file gets a row too (status "unreadable", the reason in skip_reason), so
  // the spreadsheet shows every input.
  void finish(std::span<const io::Diagnostic> errors) override {
    for (const io::Diagnostic& e : errors) {
      Row row;
      for (const std::string_view column : m_columns)
        row.add(column == "file"          ? e.source
                : column == "status"      ? "unreadable"
                : column == "skip_reason" ? e.code + ": " + e.message + io::position(e)
                                          : "");
      m_out << row.end();
    }
  }

 private:
  std::ostream& m_out;
  Units m_units;
  std::vector<std::string_view> m_columns;  // the header's names
};

}  // namespace

std::unique_ptr<Writer> make_csv_writer(std::ostream& out, const ReportOptions& options) {
  return std::make_unique<CsvWriter>(out, options);
}

}  // namespace runaudit::report::detail
