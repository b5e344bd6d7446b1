// What makes a password too easy to guess, beyond its length (validate_password in
// repository.h holds passwords to these): being one of the 10,000 most common passwords
// (common_passwords.h), or such a password with digits or symbols put before or after it
// ("password1234"); or being trivial — one character repeated ("aaaaaaaaaaaa"), a short unit
// repeated ("abcabcabcabc"), or a run along the digits, the alphabet or a keyboard row, either
// way ("123456789012", "qwertyuiopas", "zyxwvutsrqpo"). Letters are compared without case.
// Thread-safety: pure functions (the list is built once, on first use, thread-safely).
#pragma once

#include <string_view>

namespace estate {

bool is_common_password(std::string_view password);
bool is_trivial_password(std::string_view password);

}  // namespace estate
