#include "spill.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../core/temp_file.hpp"
#include "runaudit/audit/record_fields.hpp"

namespace runaudit::audit::detail {
namespace {

// The byte layout is private to one process run, so it is the in-memory one: no endianness or
// versioning concerns: raw() copies the bytes of trivially copyable values.

class Encoder {
 public:
  explicit Encoder(std::size_t capacity) { m_bytes.reserve(capacity); }
  template <typename T>
  void raw(const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&value);
    m_bytes.append(p, sizeof value);
  }
  template <typename T>
  void column(const std::vector<T>& values) {
    raw(values.size());
    m_bytes.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T));
  }
  void text(const std::string& s) {
    raw(s.size());
    m_bytes.append(s);
  }
  // A member of the record's field tables.
  template <typename T>
  void member(const T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      text(value);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      raw(value.size());
      for (const std::string& s : value) text(s);
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
      column(value);
    } else {
      raw(value);
    }
  }
  const std::string& bytes() const noexcept { return m_bytes; }

 private:
  std::string m_bytes;
};

class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : m_bytes(bytes) {}
  template <typename T>
  void raw(T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    take(&value, sizeof value);
  }
  template <typename T>
  void column(std::vector<T>& values) {
    std::size_t n = 0;
    raw(n);
    if (n > (m_bytes.size() - m_at) / sizeof(T)) throw std::out_of_range("spill: bad column");
    values.resize(n);
    take(values.data(), n * sizeof(T));  // memcpy: the bytes may not be aligned for T
  }
  void text(std::string& s) {
    std::size_t n = 0;
    raw(n);
    if (n > m_bytes.size() - m_at) throw std::out_of_range("spill: bad text");
    s.assign(m_bytes.substr(m_at, n));
    m_at += n;
  }
  template <typename T>
  void member(T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      text(value);
    } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
      std::size_t n = 0;
      raw(n);
      if (n > m_bytes.size() - m_at) throw std::out_of_range("spill: bad list");
      value.resize(n);
      for (std::string& s : value) text(s);
    } else if constexpr (std::is_same_v<T, std::vector<double>>) {
      column(value);
    } else {
      raw(value);
    }
  }

 private:
  void take(void* out, std::size_t n) {
    if (n > m_bytes.size() - m_at) throw std::out_of_range("spill: truncated");
    if (n == 0) return;  // an empty column's data() may be null, which memcpy must not get
    std::memcpy(out, m_bytes.data() + m_at, n);
    m_at += n;
  }
  std::string_view m_bytes;
  std::size_t m_at = 0;
};

// One list of the StagedRun fields for both directions, so they cannot drift apart; the
// record's own follow its field tables. The record's metrics and elevation are the prepared
// activity's (stage_activity copies them).
template <typename Coder, typename S>
void code(Coder& c, S& run) {
  auto& r = run.record;
  audit::fields::for_each(audit::fields::run_fields,
                          [&](const auto& field) { c.member(r.*field.member); });
  audit::fields::for_each(audit::fields::context_fields, [&](const auto& field) {
    if constexpr (!std::is_same_v<std::decay_t<decltype(field)>, audit::fields::Written>)
      c.member(r.*field.member);
  });
  audit::fields::for_each(audit::fields::recording_fields,
                          [&](const auto& field) { c.member(r.*field.member); });
  auto& p = run.prepared;
  auto& s = p.series;
  c.column(s.time_s);
  c.column(s.distance_m);
  c.column(s.speed_m_per_s);
  c.column(s.elevation_m);
  c.column(s.grade);
  c.column(s.gap_speed_m_per_s);
  c.column(s.heart_rate_bpm);
  c.column(s.cadence_spm);
  c.column(s.latitude_deg);
  c.column(s.longitude_deg);
  c.column(s.state);
  c.raw(p.metrics);
  c.text(p.distance_source);
  c.raw(p.channels);
  c.text(p.sport_doubt);
  c.text(p.sport_conflict);
  c.text(p.elevation_implausible);
  c.raw(p.track_over_device);
  c.raw(p.damaged_at_byte);
  c.raw(p.read_share);
  c.raw(p.dropped_out_of_order);
  c.raw(p.out_of_order_at_byte);
  c.raw(p.unmeasured_start_s);
  c.raw(p.unmeasured_end_s);
  bool has_elevation = p.elevation.has_value();
  c.raw(has_elevation);
  if (!has_elevation) return;
  if constexpr (!std::is_const_v<S>) p.elevation.emplace();
  auto& e = *p.elevation;
  audit::fields::for_each(audit::fields::elevation_fields,
                          [&](const auto& field) { c.member(e.*field.member); });
}

}  // namespace

Spill::Spill(std::uint64_t limit_bytes) : m_limit(limit_bytes) {
  if (m_limit > 0) m_fd = runaudit::detail::open_unlinked_temp("runaudit-spill-");
}

Spill::~Spill() {
  if (m_fd >= 0) ::close(m_fd);
}

std::optional<SpillTicket> Spill::put(const audit::StagedRun& run) {
  if (m_fd < 0 || m_end.load(std::memory_order_relaxed) >= m_limit) return std::nullopt;
  // The columns (some may have been dropped) plus a little for sizes, metrics and texts:
  // appended without regrowing.
  const signal::Series& s = run.prepared.series;
  const std::size_t doubles = s.time_s.size() + s.distance_m.size() + s.speed_m_per_s.size() +
                              s.elevation_m.size() + s.grade.size() + s.gap_speed_m_per_s.size() +
                              s.heart_rate_bpm.size() + s.cadence_spm.size() +
                              s.latitude_deg.size() + s.longitude_deg.size();
  Encoder e(doubles * sizeof(double) + s.state.size() * sizeof(signal::MotionState) + 1024 +
            run.record.file.size() + run.record.name.size() + run.record.skip_reason.size());
  code(e, run);
  const std::string& bytes = e.bytes();
  // Reserve [at, at + size) only if it fits: a run too big for what is left does not use it up
  // for the smaller runs after it.
  std::uint64_t at = m_end.load(std::memory_order_relaxed);
  do {
    if (at + bytes.size() > m_limit) return std::nullopt;
  } while (!m_end.compare_exchange_weak(at, at + bytes.size(), std::memory_order_relaxed));
  for (std::size_t done = 0; done < bytes.size();) {
    const ssize_t n =
        ::pwrite(m_fd, bytes.data() + done, bytes.size() - done, static_cast<off_t>(at + done));
    if (n <= 0) return std::nullopt;  // disk full or I/O error: the run is read again instead
    done += static_cast<std::size_t>(n);
  }
  return SpillTicket{at, bytes.size()};
}

std::optional<audit::StagedRun> Spill::take(const SpillTicket& ticket) {
  const std::unique_ptr<char[]> bytes(new char[ticket.bytes]);  // not zero-filled: read over
  for (std::size_t done = 0; done < ticket.bytes;) {
    const ssize_t n = ::pread(m_fd, bytes.get() + done, ticket.bytes - done,
                              static_cast<off_t>(ticket.offset + done));
    if (n <= 0) return std::nullopt;
    done += static_cast<std::size_t>(n);
  }
  // Best effort: where holes cannot be punched the pages are freed when the file is closed.
  (void)::fallocate(m_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
                    static_cast<off_t>(ticket.offset), static_cast<off_t>(ticket.bytes));
  audit::StagedRun run;
  Decoder d({bytes.get(), ticket.bytes});
  try {
    code(d, run);
  } catch (const std::out_of_range&) {
    return std::nullopt;
  }
  run.record.metrics = run.prepared.metrics;
  run.record.elevation = run.prepared.elevation;
  return run;
}

}  // namespace runaudit::audit::detail
