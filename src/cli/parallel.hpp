#pragma once
// Running one job per input file on N threads, with results kept in input order so the output
// is byte-identical for any N.

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace runaudit::cli {

/// Calls @p job(i) for i in [0, count) on @p threads worker threads (1 = this thread only) and
/// @p done() after each (from the worker, must be thread-safe). Each job writes only its own
/// result slot, so no locking is needed around results. The first exception a job throws is
/// rethrown here after all workers stop.
inline void parallel_for(std::size_t count, unsigned threads,
                         const std::function<void(std::size_t)>& job,
                         const std::function<void()>& done) {
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
  const auto worker = [&] {
    for (std::size_t i; !failed && (i = next++) < count;) {
      try {
        job(i);
      } catch (...) {
        if (!failed.exchange(true)) failure = std::current_exception();
      }
      done();
    }
  };
  if (threads <= 1 || count <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    const std::size_t n = std::min<std::size_t>(threads, count);
    pool.reserve(n);
    for (std::size_t t = 0; t < n; ++t) pool.emplace_back(worker);
    for (std::thread& t : pool) t.join();
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace runaudit::cli
