#include "domain/alert.h"

namespace estate {

Status validate_email(const std::string& email, const std::string& field) {
  const auto at = email.find('@');
  bool ok = email.size() >= 3 && email.size() <= 254 && at != std::string::npos && at > 0 &&
            at + 1 < email.size() && email.find('@', at + 1) == std::string::npos;
  for (unsigned char c : email) ok = ok && c > 0x20 && c != 0x7F && c != '<' && c != '>';
  if (!ok) return Error::invalid_field(field, "must be an e-mail address such as name@example.org");
  return {};
}

}  // namespace estate
