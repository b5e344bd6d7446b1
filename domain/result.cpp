#include "domain/result.h"

namespace estate {

const char* to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid:
      return "invalid";
    case ErrorKind::not_found:
      return "not_found";
    case ErrorKind::conflict:
      return "conflict";
    case ErrorKind::stale:
      return "stale";
    case ErrorKind::forbidden:
      return "forbidden";
    case ErrorKind::unavailable:
      return "unavailable";
    case ErrorKind::aborted:
      return "aborted";
    case ErrorKind::internal:
      return "internal";
  }
  return "internal";
}

}  // namespace estate
