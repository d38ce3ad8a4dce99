#pragma once
// A temporary file that holds staged runs (record and prepared activity) between the two passes
// of a batch audit that needs a baseline: pass 1 stages every run once and spills it here, pass 2
// reads it back to judge it with the athlete's usual pace, instead of parsing and preparing the
// file again (which doubled the time of such batches). Memory stays flat in the batch size: only
// a ticket per run is kept; the data lives in the page cache or on disk.

#include <atomic>
#include <cstdint>
#include <optional>

#include "runaudit/audit/batch.hpp"

namespace runaudit::audit::detail {

/// Where one spilled activity is in the spill file.
struct SpillTicket {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
};

/// An unlinked temporary file in $TMPDIR (else /tmp), written and read from several threads.
class Spill {
 public:
  /// A one-hour run at 1 s spills ~250 kB with all its columns, ~160 kB without the ones judging
  /// skips (audit::drop_unjudged_columns); 1 GiB holds 4 000 to 6 500 such runs. Runs beyond it (or
  /// when the temporary directory is full or missing) are parsed again in pass 2 instead.
  static constexpr std::uint64_t default_limit_bytes = std::uint64_t{1} << 30;

  /// @param limit_bytes  most bytes to write; 0 disables spilling (every put() returns nullopt).
  explicit Spill(std::uint64_t limit_bytes = default_limit_bytes);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  /// Writes @p run (as stage_activity leaves it: no limits, judgement or series; some columns
  /// may have been dropped, and come back empty). Thread-safe.
  /// @return its ticket, or nullopt when it does not fit in the limit or cannot be written.
  std::optional<SpillTicket> put(const audit::StagedRun& run);

  /// Reads back what put() wrote, once: its bytes are then released (a hole punched in the
  /// file, where the file system can), so pass 2 frees the spill as it goes instead of all at
  /// the end, and a spill on tmpfs does not hold the whole batch in memory. Thread-safe.
  /// @return the run exactly as put (bit-identical numbers), or nullopt on a read error.
  std::optional<audit::StagedRun> take(const SpillTicket& ticket);

 private:
  int m_fd = -1;
  std::uint64_t m_limit;
  std::atomic<std::uint64_t> m_end{0};
};

}  // namespace runaudit::audit::detail
