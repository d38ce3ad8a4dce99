#include "temp_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>

namespace runaudit::detail {

std::string temp_folder() {
  const char* dir = std::getenv("TMPDIR");
  return dir && *dir ? dir : "/tmp";
}

int open_unlinked_temp(std::string_view prefix) {
  std::string path = temp_folder() + "/" + std::string(prefix) + "XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(path.c_str());
  return fd;
}

}  // namespace runaudit::detail
