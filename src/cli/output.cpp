#include "output.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <vector>

namespace runaudit::cli {

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
    std::ofstream out(target, std::ios::binary);
    if (!out) throw std::runtime_error(target + ": cannot open for writing");
    write(out);
    out.flush();
    if (!out) throw std::runtime_error(target + ": write error");
    return;
  }
  // Through a symlink, replace the file it points to, not the link.
  const fs::path path =
      fs::is_symlink(fs::symlink_status(target, ec)) ? fs::canonical(target, ec) : fs::path(target);
  const auto mode = fs::exists(status) ? status.permissions() : fs::perms(0644);
  const std::string pattern =
      (path.parent_path() / ("." + path.filename().string() + ".tmp-XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  const int fd = ::mkstemp(name.data());
  if (fd < 0)
    throw std::runtime_error(target + ": cannot create a file there: " + std::strerror(errno));
  ::close(fd);
  const std::string tmp(name.data());
  try {
    {
      std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
      write(out);
      out.flush();
      if (!out) throw std::runtime_error(target + ": write error");
    }
    fs::permissions(tmp, mode);
    fs::rename(tmp, path);
  } catch (const std::exception& e) {
    std::remove(tmp.c_str());
    const auto* fe = dynamic_cast<const fs::filesystem_error*>(&e);
    throw std::runtime_error(target + ": " + (fe ? fe->code().message() : std::string(e.what())));
  }
}

}  // namespace runaudit::cli
