// How records are named in a workbook: by the values of their sheet's key columns (a
// mission's code; a lease's property code and start). RegisterKeys maps those keys to ids and
// back for every sheet, so a reference is written as its target's key on export and resolved
// to an id on import (including records the same import has just created).
// Thread-safety: one per export or import run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/exchange/register_layout.h"

namespace estate::exchange {

// The key column values of a record sheet's row, in key order.
std::vector<std::string> key_cells(const SheetSpec& sheet, const std::vector<reports::Cell>& row);

// A key as people read it ("SYD-OFF-1 · 2015-07-01"), for messages and reports.
std::string key_text(const std::vector<std::string>& key);
// A key as one string for maps: parts that contain the separator of key_text cannot collide.
std::string key_id(const std::vector<std::string>& key);

class RegisterKeys {
 public:
  void add(const SheetSpec& sheet, std::int64_t id, std::vector<std::string> key);
  std::optional<std::vector<std::string>> key_of(const std::string& sheet, std::int64_t id) const;
  // The ids with this key, in id order (more than one only where keys are not unique).
  std::vector<std::int64_t> ids_of(const std::string& sheet,
                                   const std::vector<std::string>& key) const;

 private:
  std::map<std::string, std::map<std::int64_t, std::vector<std::string>>> keys_;
  std::map<std::string, std::map<std::string, std::vector<std::int64_t>>> ids_;
};

}  // namespace estate::exchange
