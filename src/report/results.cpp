#include "runaudit/report/results.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "json_common.hpp"
#include "results_line.hpp"
#include "runaudit/audit/record_fields.hpp"
#include "runaudit/time.hpp"

namespace runaudit::report {
namespace {

using detail::Json;
using namespace audit::fields;
using detail::ResultsRecord;
using detail::RunKey;
using detail::schema_version;

// A field of a results line that is there but cannot be what it names.
struct BadField : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string str(const Json& j, const char* key) {
  const auto it = j.find(key);
  return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

// A line or column of an error record: 0 when unknown (null).
std::size_t position(const Json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return 0;
  if (const auto n = detail::whole_number(*it)) return *n;
  throw BadField(std::string("'") + key + "' is not a whole number from 0");
}

// The enumerator whose name (to_string) is @p text; its values are 0 to @p last.
template <class Enum>
Enum named(const Json& j, Enum last) {
  const std::string text = j.get<std::string>();
  for (int i = 0; i <= static_cast<int>(last); ++i)
    if (to_string(static_cast<Enum>(i)) == text) return static_cast<Enum>(i);
  throw BadField("unknown value '" + text + "'");
}

// A member from its JSON value (null: the member's empty value), by its type and how it reads
// as text (record_fields.hpp): the inverse of json_common's writers.
void from_json(const Json& j, std::string& s, Plain) {
  s = j.is_null() ? std::string() : j.get<std::string>();
}
void from_json(const Json& j, std::size_t& n, Plain) {
  const auto value = detail::whole_number(j);
  if (!value) throw BadField("not a whole number from 0: " + j.dump());
  n = *value;
}
void from_json(const Json& j, bool& b, Plain) {
  b = j.get<bool>();
}
void from_json(const Json& j, double& v, Plain) {
  v = j.is_null() ? 0.0 : j.get<double>();
}
void from_json(const Json& j, std::optional<double>& v, Plain) {
  v = j.is_null() ? std::nullopt : std::optional<double>(j.get<double>());
}
void from_json(const Json& j, std::optional<int>& v, Plain) {
  v = j.is_null() ? std::nullopt : std::optional<int>(j.get<int>());
}
void from_json(const Json& j, Sport& sport, Plain) {
  sport = named(j, Sport::unknown);
}
void from_json(const Json& j, audit::Severity& severity, Plain) {
  severity = named(j, audit::Severity::major);
}
void from_json(const Json& j, audit::UnitKind& unit, Plain) {
  unit = named(j, audit::UnitKind::pct);
}
void from_json(const Json& j, audit::Unjudged& why, Plain) {
  why = named(j, static_cast<audit::Unjudged>(std::size(audit::unjudged_names) - 1));
}
void from_json(const Json& j, std::optional<std::int64_t>& utc_ms, UtcTime) {
  utc_ms.reset();
  if (j.is_null()) return;
  const auto t = parse_rfc3339(j.get<std::string>());
  if (!t) throw BadField("not an RFC 3339 time: '" + j.get<std::string>() + "'");
  utc_ms = t->utc_ms;
}
void from_json(const Json& j, bool& audited, Status) {
  audited = j.get<std::string>() == "audited";
}
void from_json(const Json& j, std::optional<audit::Limit>& limit, Plain) {
  limit.reset();
  if (j.is_null()) return;
  limit = audit::Limit{j.at("value").get<double>(),
                       named(j.at("source"), audit::LimitSource::default_value)};
  // Results of earlier builds have no anchor.
  if (const auto anchor = j.find("anchor"); anchor != j.end() && anchor->is_object()) {
    limit->anchor = named(anchor->at("name"), audit::LimitAnchor::max_hr);
    limit->anchor_value = anchor->at("value").get<double>();
  }
}
void from_json(const Json& j, std::vector<double>& column, Plain) {
  column.clear();
  for (const Json& v : j) column.push_back(v.is_null() ? std::nan("") : v.get<double>());
}
void from_json(const Json& j, std::vector<double>& column, Degrees) {
  from_json(j, column, Plain{});
}
void from_json(const Json& j, std::vector<std::string>& column, Plain) {
  column = j.get<std::vector<std::string>>();
}

// Whether every key of a table must be in its object (else a missing one leaves its member as
// it is: results of an earlier build lack the keys added since).
enum class Keys { required, optional };

// Reads @p table's members of @p owner from the object @p j; Written keys are skipped.
template <class Owner, class Table>
void read_object(const Json& j, Owner& owner, const Table& table, Keys keys = Keys::optional) {
  for_each(table, [&](const auto& entry) {
    using Entry = std::decay_t<decltype(entry)>;
    if constexpr (!std::is_same_v<Entry, Written>) {
      using Member = std::decay_t<decltype(owner.*entry.member)>;
      // Members that may be absent (an optional, a list) may be missing: results of an earlier
      // build lack the keys added since.
      constexpr bool may_miss = requires(Member m) {
        m.reset();
      }
      || std::is_same_v<Member, std::vector<double>>;
      const auto it = j.find(entry.name);
      if (it == j.end() && keys == Keys::required && !may_miss)
        throw BadField("no '" + std::string(entry.name) + "'");
      if (it == j.end()) return;
      try {
        from_json(*it, owner.*entry.member, typename Entry::text{});
      } catch (const BadField& e) {
        throw BadField(std::string(entry.name) + ": " + e.what());
      }
    }
  });
}

// The objects of the list @p key of @p j, each read with @p table.
template <class Item, class Table>
std::vector<Item> read_list(const Json& j, const char* key, const Table& table) {
  std::vector<Item> out;
  for (const Json& item : j.value(key, Json::array())) read_object(item, out.emplace_back(), table);
  return out;
}

audit::RunRecord run_of(const Json& j) {
  audit::RunRecord r;
  read_object(j, r, run_fields, Keys::required);
  read_object(j, r, context_fields);
  read_object(j, r, recording_fields);
  read_object(j.at("metrics"), r.metrics, metric_fields);
  if (const auto e = j.find("elevation_quality"); e != j.end() && !e->is_null())
    read_object(*e, r.elevation.emplace(), elevation_fields);
  if (const auto l = j.find("limits"); l != j.end() && l->is_object())
    read_object(*l, r.limits, limit_fields);
  r.judgement.violations = read_list<audit::Violation>(j, "violations", violation_fields);
  r.judgement.not_judged = read_list<audit::NotJudged>(j, "not_judged", not_judged_fields);
  if (r.audited) {
    r.judgement.score = j.at("score").get<double>();
    r.judgement.verdict = named(j.at("verdict"), audit::Verdict::unjudged);
  }
  if (const auto s = j.find("series"); s != j.end() && s->is_object())
    read_object(*s, r.series.emplace(), series_fields);
  return r;
}

std::optional<ShardMark> shard_of(const Json& j, const std::string& name) {
  const Json& k = j.at("shard");
  const Json& n = j.at("shards");
  if (!k.is_number_unsigned() || !n.is_number_unsigned() || k.get<std::uint64_t>() < 1 ||
      k.get<std::uint64_t>() > n.get<std::uint64_t>() || n.get<std::uint64_t>() > max_shards)
    return std::nullopt;
  return ShardMark{k.get<unsigned>(), n.get<unsigned>(), str(j, "runaudit_version"), name};
}

// Reads a line's first keys as SAX events, up to the run's key (record, schema_version, file,
// activity_index, in any order before any other key), and stops there: the rest of the line
// (metrics, series) is not parsed. Any other key first, or a value of another type: not done.
class KeyScan {
 public:
  std::string file;
  std::size_t activity_index = 0;

  bool done() const { return m_found == all; }

  bool start_object(std::size_t) { return ++m_depth == 1; }
  bool key(Json::string_t& k) {
    m_key = k == "record"           ? record
            : k == "schema_version" ? schema
            : k == "file"           ? file_key
            : k == "activity_index" ? index
                                    : 0;
    return m_key != 0 && !(m_found & m_key);
  }
  bool string(Json::string_t& s) {
    if (m_key == record && s == "run") return found(record);
    if (m_key == file_key) {
      file = std::move(s);
      return found(file_key);
    }
    return false;
  }
  bool null() {
    if (m_key != file_key) return false;
    file.clear();
    return found(file_key);
  }
  bool number_unsigned(Json::number_unsigned_t v) {
    if (m_key == schema && v == static_cast<Json::number_unsigned_t>(schema_version))
      return found(schema);
    if (m_key != index) return false;
    activity_index = static_cast<std::size_t>(v);
    return found(index);
  }
  bool number_integer(Json::number_integer_t) { return false; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return false; }
  bool boolean(bool) { return false; }
  bool binary(Json::binary_t&) { return false; }
  bool end_object() { return false; }
  bool start_array(std::size_t) { return false; }
  bool end_array() { return false; }
  template <class Exception>
  bool parse_error(std::size_t, const std::string&, const Exception&) {
    m_found = 0;  // a line that breaks off before its key: parsed to say where
    return false;
  }

 private:
  static constexpr unsigned record = 1, schema = 2, file_key = 4, index = 8, all = 15;
  // Notes @p part; @return false (stop) once every part is found.
  bool found(unsigned part) {
    m_found |= part;
    return !done();
  }
  int m_depth = 0;
  unsigned m_key = 0, m_found = 0;
};

}  // namespace

namespace detail {

ResultsRecord parse_results_line(const std::string& line, const std::string& name, std::size_t n) {
  if (line.find_first_not_of(" \t\r") == std::string::npos) return {};
  const auto fail = [&](const std::string& why) {
    throw io::ParseError(io::ParseErrc::bad_results, io::SourceLocation{name, n, 0, -1}, why);
  };
  try {
    const Json j = Json::parse(line);
    if (j.value("schema_version", 0) != schema_version)
      fail("not a runaudit results line of schema_version " + std::to_string(schema_version));
    const std::string record = str(j, "record");
    if (record == "shard") {
      const auto mark = shard_of(j, name);
      if (!mark)
        fail("bad shard line: needs shard K and shards N with 1 <= K <= N <= " +
             std::to_string(max_shards));
      return *mark;
    }
    if (record == "run") return run_of(j);
    if (record == "error")
      return io::Diagnostic{
          str(j, "file"),
          str(j, "code"),
          str(j, "message"),
          position(j, "line"),
          position(j, "column"),
          j.contains("offset") && j["offset"].is_number() ? j["offset"].get<std::ptrdiff_t>() : -1};
    if (record == "report") return {};
    fail("unknown record '" + record + "'");
  } catch (const nlohmann::json::exception& e) {
    fail(detail::not_results_line(e));
  } catch (const BadField& e) {
    fail(e.what());
  }
  return {};  // not reached: fail() throws
}

std::optional<RunKey> run_key(const std::string& line) {
  KeyScan scan;
  Json::sax_parse(line, &scan);
  if (!scan.done()) return std::nullopt;
  return RunKey{std::move(scan.file), scan.activity_index};
}

}  // namespace detail

void read_results(std::istream& in, const std::string& name, Results& results) {
  std::string line;
  detail::StreamMarks marks;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    detail::ResultsRecord record = detail::parse_results_line(line, name, n);
    if (auto* run = std::get_if<audit::RunRecord>(&record)) {
      marks.saw_record();
      results.runs.push_back(std::move(*run));
    } else if (auto* error = std::get_if<io::Diagnostic>(&record)) {
      marks.saw_record();
      results.errors.push_back(std::move(*error));
    } else if (auto* mark = std::get_if<ShardMark>(&record)) {
      marks.saw_shard();
      results.shards.push_back(std::move(*mark));
    }
  }
  if (marks.unmarked()) results.unmarked.push_back(name);
}

}  // namespace runaudit::report
