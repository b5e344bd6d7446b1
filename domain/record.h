// What every stored record carries besides its own fields: the optimistic-concurrency version
// (1 on create, +1 per change) and when it was created and last changed.
#pragma once

#include <cstdint>

#include "domain/calendar.h"

namespace estate {

struct RecordMeta {
  std::int64_t version = 0;
  Instant created_at{};
  Instant updated_at{};
};

}  // namespace estate
