#pragma once
// A progress bar on stderr: files done / total, files per second, time left.

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>

namespace runaudit::cli {

/// When enabled, redraws one status line on stderr at most 10 times a second, and clears it at
/// the end. Thread-safe tick().
class Progress {
 public:
  Progress(std::size_t total, bool enabled);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// One more file done.
  void tick();

  /// True when stderr is a terminal.
  static bool stderr_is_terminal();

 private:
  void draw(std::size_t done);

  std::size_t m_total;
  bool m_enabled;
  std::atomic<std::size_t> m_done{0};
  std::mutex m_mutex;
  std::chrono::steady_clock::time_point m_start, m_last_draw;
};

}  // namespace runaudit::cli
