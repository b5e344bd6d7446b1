#include "api/exchange/register_keys.h"

namespace estate::exchange {

std::vector<std::string> key_cells(const SheetSpec& sheet, const std::vector<reports::Cell>& row) {
  std::vector<std::string> key;
  for (const std::string& name : sheet.key) {
    for (std::size_t c = 0; c < sheet.columns.size() && c < row.size(); ++c) {
      if (sheet.columns[c].name == name) key.push_back(row[c].text);
    }
  }
  return key;
}

std::string key_text(const std::vector<std::string>& key) {
  std::string out;
  for (const std::string& part : key) {
    if (!out.empty()) out += " · ";
    out += part;
  }
  return out;
}

std::string key_id(const std::vector<std::string>& key) {
  std::string out;
  for (const std::string& part : key) out += part + '\x1f';
  return out;
}

void RegisterKeys::add(const SheetSpec& sheet, std::int64_t id, std::vector<std::string> key) {
  ids_[sheet.name][key_id(key)].push_back(id);
  keys_[sheet.name][id] = std::move(key);
}

std::optional<std::vector<std::string>> RegisterKeys::key_of(const std::string& sheet,
                                                             std::int64_t id) const {
  auto s = keys_.find(sheet);
  if (s == keys_.end()) return std::nullopt;
  auto k = s->second.find(id);
  if (k == s->second.end()) return std::nullopt;
  return k->second;
}

std::vector<std::int64_t> RegisterKeys::ids_of(const std::string& sheet,
                                               const std::vector<std::string>& key) const {
  auto s = ids_.find(sheet);
  if (s == ids_.end()) return {};
  auto k = s->second.find(key_id(key));
  return k == s->second.end() ? std::vector<std::int64_t>{} : k->second;
}

}  // namespace estate::exchange
