#pragma once
/// @file
/// The format registry: which decoder reads a source's bytes, chosen by what the bytes are
/// (sniffed), never by the source's name (docs/ARCHITECTURE.md, "Formats").

#include <string>
#include <string_view>
#include <vector>

#include "runaudit/io/read.hpp"
#include "runaudit/model.hpp"

namespace runaudit::io {

/// One format's entry: how to recognise its bytes and how to decode them.
struct FormatDecoder {
  Format format;  ///< its name is to_string(format) (one table, src/core/model.cpp)
  /// What io::sniff says of bytes in this format (the XML root element, the FIT header): the
  /// registry is keyed by it, so a source's bytes are sniffed once.
  DocumentKind kind;
  /// Decodes a whole source. Diagnostics carry byte offsets, turned into line and column by
  /// the decoders of text formats.
  /// @param bytes   the source's bytes; may be modified in place (XML in-situ parsing).
  /// @param source  display name for activities and errors.
  /// @param limits  max_trackpoints applies (the size limits were the reader's).
  /// @return one Activity per activity in the source, in order.
  /// @throws ParseError naming @p source.
  std::vector<Activity> (*decode)(std::string& bytes, const std::string& source,
                                  const ReadLimits& limits);
};

/// @return the format registry (src/io/formats.cpp), in the order formats are tried.
const std::vector<FormatDecoder>& formats();

/// @return the registry entry of the format @p kind names, or nullptr (empty, HTML, binary, text
///         or XML of another root: no format).
const FormatDecoder* format_of(DocumentKind kind) noexcept;

}  // namespace runaudit::io
