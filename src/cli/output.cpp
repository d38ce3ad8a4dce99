#include "output.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace runaudit::cli {
namespace {

// The temporary file being written, for the signal handler to remove: a fixed buffer and a
// flag, since a handler may only call async-signal-safe functions (unlink, signal, raise).
char partial_path[4096];
volatile std::sig_atomic_t have_partial = 0;
constexpr int fatal_signals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_partial_and_die(int sig) {
  if (have_partial) ::unlink(partial_path);
  ::signal(sig, SIG_DFL);
  ::raise(sig);  // die of the signal as without the handler (exit status 128 + sig)
}

// While alive, SIGINT, SIGTERM and SIGHUP remove the temporary file before the process dies of
// them. Signals ignored when we started (nohup, a background job) stay ignored. SIGKILL cannot
// be caught: the file then stays, named .FILE.tmp-XXXXXX next to FILE.
class PartialFileGuard {
 public:
  PartialFileGuard() {
    struct sigaction action {};
    action.sa_handler = remove_partial_and_die;
    sigemptyset(&action.sa_mask);
    for (std::size_t i = 0; i < std::size(fatal_signals); ++i) {
      sigaction(fatal_signals[i], nullptr, &m_previous[i]);
      if (m_previous[i].sa_handler != SIG_IGN) sigaction(fatal_signals[i], &action, nullptr);
    }
  }
  ~PartialFileGuard() {
    have_partial = 0;
    for (std::size_t i = 0; i < std::size(fatal_signals); ++i)
      sigaction(fatal_signals[i], &m_previous[i], nullptr);
  }
  PartialFileGuard(const PartialFileGuard&) = delete;
  PartialFileGuard& operator=(const PartialFileGuard&) = delete;

  /// Creates the temporary file from @p pattern (mkstemp: its XXXXXX replaced) and arms the
  /// handler for it. Signals are held back meanwhile, so no file is created unguarded.
  /// @return its descriptor, or -1 (errno set).
  int create(const std::string& pattern) {
    if (pattern.size() >= sizeof partial_path) {
      errno = ENAMETOOLONG;
      return -1;
    }
    sigset_t fatal, old;
    sigemptyset(&fatal);
    for (const int sig : fatal_signals) sigaddset(&fatal, sig);
    pthread_sigmask(SIG_BLOCK, &fatal, &old);
    pattern.copy(partial_path, pattern.size());
    partial_path[pattern.size()] = '\0';
    const int fd = ::mkstemp(partial_path);
    const int saved_errno = errno;
    if (fd >= 0) have_partial = 1;
    pthread_sigmask(SIG_SETMASK, &old, nullptr);
    errno = saved_errno;
    return fd;
  }
  std::string path() const { return partial_path; }

 private:
  struct sigaction m_previous[std::size(fatal_signals)]{};
};

// Makes a rename in @p folder durable (best effort: not every file system supports it).
void sync_folder(const std::filesystem::path& folder) {
  const int fd = ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// "write error: <reason>" (a full disk: "No space left on device") for errno @p err of a failed
// write(2) (FdStreamBuf keeps it); only the reasons a write gives are named.
std::string write_error(int err) {
  switch (err) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
    case EIO:
    case EROFS:
    case EPIPE:
      return std::string("write error: ") + std::strerror(err);
    default:
      return "write error";
  }
}

// An output stream buffer over a file descriptor that keeps why its first write failed: errno at
// that moment (by the time the report is finished, the batch's other system calls have
// overwritten errno).
class FdStreamBuf : public std::streambuf {
 public:
  explicit FdStreamBuf(int fd) : m_fd(fd) { setp(m_buffer, m_buffer + sizeof m_buffer); }
  /// @return errno of the first failed write, 0 when none failed.
  int error() const noexcept { return m_error; }

 protected:
  int_type overflow(int_type c) override {
    if (!drain()) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override { return drain() ? 0 : -1; }

 private:
  bool drain() {
    for (const char* p = pbase(); p < pptr();) {
      const ssize_t n = ::write(m_fd, p, static_cast<std::size_t>(pptr() - p));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        if (m_error == 0) m_error = n < 0 ? errno : EIO;
        return false;
      }
      p += n;
    }
    setp(m_buffer, m_buffer + sizeof m_buffer);
    return true;
  }

  int m_fd;
  int m_error = 0;
  char m_buffer[1 << 16];
};

// Writes the report into @p fd. @throws std::runtime_error with write_error() when a write
// failed.
void write_to(int fd, const std::function<void(std::ostream&)>& write) {
  FdStreamBuf buffer(fd);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  if (!out || buffer.error() != 0) throw std::runtime_error(write_error(buffer.error()));
}

}  // namespace

std::filesystem::path follow_symlinks(const std::string& target) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path path = target;
  // 40 hops: Linux's own limit (SYMLOOP_MAX) for a loop.
  for (int hop = 0; fs::is_symlink(fs::symlink_status(path, ec)); ++hop) {
    if (hop == 40) throw std::runtime_error(target + ": " + std::strerror(ELOOP));
    const fs::path link = fs::read_symlink(path, ec);
    if (ec) throw std::runtime_error(target + ": " + ec.message());
    path = link.is_absolute() ? link : path.parent_path() / link;
  }
  return path;
}

void write_output(const std::string& target, const std::function<void(std::ostream&)>& write) {
  if (target == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw std::runtime_error("cannot write to standard output");
    return;
  }
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(target, ec);
  if (fs::exists(status) && fs::is_directory(status))
    throw std::runtime_error(target + ": is a folder; give -o a file name");
  if (fs::exists(status) && !fs::is_regular_file(status)) {
    // A pipe or device (/dev/stdout, a FIFO): write straight into it, never rename over it.
    const int fd = ::open(target.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) throw std::runtime_error(target + ": cannot open for writing");
    try {
      write_to(fd, write);
    } catch (const std::runtime_error& e) {
      ::close(fd);
      throw std::runtime_error(target + ": " + e.what());
    }
    ::close(fd);
    return;
  }
  // Through a symlink, replace the file it points to, not the link; as `>` in a shell, a link to
  // a file not yet there creates it.
  const fs::path path = follow_symlinks(target);
  const auto mode = fs::exists(status) ? status.permissions() : fs::perms(0644);
  const std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  PartialFileGuard guard;
  int fd = guard.create(pattern);
  if (fd < 0)
    throw std::runtime_error(target + ": cannot create a file there: " + std::strerror(errno));
  const std::string tmp = guard.path();
  try {
    write_to(fd, write);  // target added below
    // On the disk before the rename, so that even a power cut never leaves FILE empty or partial.
    if (::fsync(fd) != 0) throw std::runtime_error(write_error(errno));
    ::close(fd);
    fd = -1;
    fs::permissions(tmp, mode);
    fs::rename(tmp, path);
    sync_folder(path.parent_path());
  } catch (const std::exception& e) {
    if (fd >= 0) ::close(fd);
    std::remove(tmp.c_str());
    const auto* fe = dynamic_cast<const fs::filesystem_error*>(&e);
    throw std::runtime_error(target + ": " + (fe ? fe->code().message() : std::string(e.what())));
  }
}

}  // namespace runaudit::cli
