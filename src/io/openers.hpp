#pragma once
// Private: the container openers the registry (containers.cpp) lists, one file each.

#include "runaudit/io/source.hpp"

namespace runaudit::io::detail {

/// The gzip opener (RFC 1952; gzip.cpp).
Container gzip_container();

/// The zip archive (PKWARE APPNOTE; zip.cpp).
Container zip_container();

/// The tar archive, plain or gzip-compressed (libarchive; tar.cpp).
Container tar_container();

}  // namespace runaudit::io::detail
