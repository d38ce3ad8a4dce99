#pragma once
/// @file
/// Reading a file's bytes (inflating gzip) and recognising what they hold.

#include <cstddef>
#include <string>
#include <string_view>

namespace runaudit::io {

/// Largest document we accept, after inflation (bytes). The largest real export we know is a
/// few MB (a 6-hour run at 1 s is ~5 MB of GPX, a 24-hour one ~20 MB); 64 MiB leaves room and
/// bounds memory per worker thread against gzip bombs.
inline constexpr std::size_t max_document_bytes = 64u << 20;

/// Reads a whole file. Data starting with the gzip magic bytes (1f 8b) is inflated with zlib,
/// whatever the file is called; concatenated gzip members are all inflated (RFC 1952 §2.2).
/// UTF-16 text with a byte-order mark is converted to UTF-8.
/// @param path  file to read.
/// @return the document bytes.
/// @throws ParseError io (cannot open/read), too_large (> max_document_bytes), bad_gzip
///         (corrupt or truncated compressed data; detail says which).
std::string read_document(const std::string& path);

/// Inflates gzip data held in memory (same rules as read_document).
/// @param data  bytes beginning with the gzip magic.
/// @param file  name used in errors.
/// @throws ParseError bad_gzip or too_large.
std::string gunzip(std::string_view data, const std::string& file);

/// What a document's first bytes say it is.
enum class DocumentKind { gpx, tcx, unknown_xml, html, empty, binary, text };

/// Looks at the start of a document, skipping a UTF-8 BOM, white space, the XML declaration,
/// comments, processing instructions and a DOCTYPE, to find the root element's local name.
/// @param bytes  the document (not modified).
/// @return gpx / tcx for root `gpx` / `TrainingCenterDatabase` (any prefix); html for an
///         `<html>` root or HTML doctype; unknown_xml for another root; empty when there is
///         no element (only white space, a declaration, comments); binary when NUL or control bytes
///         appear before any markup; text otherwise.
DocumentKind sniff(std::string_view bytes) noexcept;

}  // namespace runaudit::io
