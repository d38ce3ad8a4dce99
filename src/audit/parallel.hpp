#pragma once
// Running one job per input file on N threads, with results kept in input order so the output
// is byte-identical for any N.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <queue>
#include <span>
#include <thread>
#include <utility>
#include <vector>

namespace runaudit::audit::detail {

/// Which job a worker takes next.
enum class Schedule {
  /// The first one not yet taken: jobs start in index order (an ordered writer can follow them;
  /// for jobs sorted by decreasing size, the longest-processing-time rule).
  in_order,
  /// For jobs sorted by decreasing size: the first worker takes them from the front (largest
  /// first), every other worker from the back (smallest first), until they meet. The largest
  /// jobs' memory then stays on one worker, where taking them in turn makes every worker grow to
  /// the largest job's working set: on a machine where a fresh page costs ~11 µs (scripts/
  /// bench.sh's VM, measured) that was a tenth of a 2-thread batch with four long runs. Can
  /// finish later than in_order when large jobs are much of the work (see choose_schedule).
  two_ended,
};

namespace detail {

/// When the last of jobs lasting @p costs (sorted in decreasing order) ends, on @p threads
/// workers that each, once free, take their next job as @p schedule says (ties: lower worker
/// first). Units: those of @p costs.
inline std::uint64_t simulated_makespan(std::span<const std::uint64_t> costs, unsigned threads,
                                        Schedule schedule) {
  using Event = std::pair<std::uint64_t, unsigned>;  // (time the worker is free, worker)
  std::priority_queue<Event, std::vector<Event>, std::greater<>> free;
  for (unsigned w = 0; w < std::max(1u, threads); ++w) free.emplace(0, w);
  std::size_t front = 0, back = costs.size();
  std::uint64_t end = 0;
  while (front < back) {
    const auto [t, w] = free.top();
    free.pop();
    const bool from_back = schedule == Schedule::two_ended && w > 0;
    const std::uint64_t done = t + costs[from_back ? --back : front++];
    end = std::max(end, done);
    free.emplace(done, w);
  }
  return end;
}

}  // namespace detail

/// The schedule for jobs of known relative @p costs (sorted in decreasing order; file sizes) on
/// @p threads workers: two_ended when, simulated with these costs, it ends within 5 % of
/// in_order (a few long runs among many short ones: their memory stays on one worker), else
/// in_order (two-ended on [4, 4, 1, 1] with two workers ends at 6, largest first at 5).
inline Schedule choose_schedule(std::span<const std::uint64_t> costs, unsigned threads) {
  const std::uint64_t in_order = detail::simulated_makespan(costs, threads, Schedule::in_order);
  const std::uint64_t two_ended = detail::simulated_makespan(costs, threads, Schedule::two_ended);
  return two_ended <= in_order + in_order / 20 ? Schedule::two_ended : Schedule::in_order;
}

/// Calls @p job(i) for i in [0, count) on @p threads worker threads (1 = this thread only, in
/// index order) and @p done() after each (from the worker, must be thread-safe). Each job writes
/// only its own result slot, so no locking is needed around results. The first exception a job
/// throws is rethrown here after all workers stop; workers take no new job once it has been
/// caught (jobs other workers take meanwhile still run).
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

}  // namespace runaudit::audit::detail
