// The passwords people choose most often: the first 10,000 of the list zxcvbn (Dropbox, MIT
// licence) builds from leaked password sets, as Debian's python3-zxcvbn ships it, most
// common first, lower case. Generated at build time (cmake/common_passwords.cmake).
#pragma once

#include <cstddef>

namespace estate {

extern const char* const kCommonPasswords[];
extern const std::size_t kCommonPasswordCount;

}  // namespace estate
