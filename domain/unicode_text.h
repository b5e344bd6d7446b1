// Text people type that must mean one thing: user names, compared as an auditor reading the
// journal would compare them, and file names, shown as they will be opened. Built on ICU.
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "domain/result.h"

namespace estate {

// The one spelling of a user name: NFKC with Unicode case folding (full-width letters become
// ASCII, "Alice" becomes "alice", zero-width and other default-ignorable characters go),
// then white space trimmed at both ends. Errors: invalid naming `field` when the name is not
// UTF-8, is empty afterwards, is longer than 100 characters, or still holds a control,
// format, line or paragraph separator character (a tab, a bidi override).
Result<std::string> normalise_user_name(const std::string& name, const std::string& field = "user");

// `text` (UTF-8) without its control, format (bidi overrides and isolates, zero-width
// characters) and line or paragraph separator characters; bytes that are not UTF-8 go too.
std::string strip_invisible(const std::string& text);

// True when `text` is valid UTF-8 already in Unicode normalisation form C (NFC), the one
// spelling a name is stored and compared in. `to_nfc` gives that spelling (text that is not
// UTF-8 comes back unchanged, for the validator to refuse).
bool is_nfc(const std::string& text);
std::string to_nfc(const std::string& text);

}  // namespace estate
