#include "progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <string>

#include "runaudit/format.hpp"

namespace runaudit::cli {

Progress::Progress(std::size_t total, bool enabled)
    : m_total(total), m_enabled(enabled && total > 0), m_start(std::chrono::steady_clock::now()) {}

Progress::~Progress() {
  if (!m_enabled) return;
  std::fputs("\r\033[K", stderr);  // clear the line: the report follows clean
  std::fflush(stderr);
}

bool Progress::stderr_is_terminal() {
  return ::isatty(STDERR_FILENO) == 1;
}

void Progress::tick() {
  const std::size_t done = ++m_done;
  if (!m_enabled) return;
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard<std::mutex> lock(m_mutex);
  if (done != m_total && now - m_last_draw < std::chrono::milliseconds(100)) return;
  m_last_draw = now;
  draw(done);
}

void Progress::draw(std::size_t done) {
  constexpr int width = 30;
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double left = rate > 0 ? static_cast<double>(m_total - done) / rate : 0;
  const int filled =
      static_cast<int>(width * static_cast<double>(done) / static_cast<double>(m_total));
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  std::fprintf(stderr, "\r[%s] %zu/%zu files  %.1f files/s  %s left\033[K", bar.c_str(), done,
               m_total, rate, format_clock(left).c_str());
  std::fflush(stderr);
}

}  // namespace runaudit::cli
