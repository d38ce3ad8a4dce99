#pragma once
// Running one job per input file on N threads, with results kept in input order so the output
// is byte-identical for any N.

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace runaudit::cli {

/// Which job a worker takes next.
enum class Schedule {
  /// The first one not yet taken: jobs start in index order (an ordered writer can follow them).
  in_order,
  /// For jobs sorted by decreasing size: the first worker takes them from the front (largest
  /// first), every other worker from the back (smallest first), until they meet. Only the first
  /// worker ever holds the largest jobs' memory, where taking them in turn (largest first for
  /// all) makes each worker grow to the largest job's working set; on a machine where a fresh
  /// page costs ~11 µs (measured: scripts/bench.sh's VM) that was a tenth of a 2-thread batch.
  /// The jobs taken last are the middle-sized ones, so the workers still finish together.
  two_ended,
};

/// Calls @p job(i) for i in [0, count) on @p threads worker threads (1 = this thread only, in
/// index order) and @p done() after each (from the worker, must be thread-safe). Each job writes
/// only its own result slot, so no locking is needed around results. The first exception a job
/// throws is rethrown here after all workers stop (no new job starts once one has thrown).
inline void parallel_for(std::size_t count, unsigned threads,
                         const std::function<void(std::size_t)>& job,
                         const std::function<void()>& done,
                         Schedule schedule = Schedule::in_order) {
  std::mutex taking;
  std::size_t front = 0, back = count;  // jobs [front, back) are not taken yet
  const auto take = [&](bool from_back) -> std::optional<std::size_t> {
    const std::lock_guard<std::mutex> lock(taking);
    if (front == back) return std::nullopt;
    return from_back ? --back : front++;
  };
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto worker = [&](bool from_back) {
    while (!failed) {
      const std::optional<std::size_t> i = take(from_back);
      if (!i) break;
      try {
        job(*i);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
      done();
    }
  };
  if (threads <= 1 || count <= 1) {
    worker(false);
  } else {
    std::vector<std::thread> pool;
    const std::size_t n = std::min<std::size_t>(threads, count);
    pool.reserve(n);
    for (std::size_t t = 0; t < n; ++t)
      pool.emplace_back(worker, schedule == Schedule::two_ended && t > 0);
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace runaudit::cli
