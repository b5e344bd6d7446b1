#include "domain/unicode_text.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "domain/validation.h"

namespace estate {

namespace {

constexpr int kMaxUserName = 100;  // code points

// Control (Cc), format (Cf: bidi controls, zero-width characters), line and paragraph
// separators (Zl, Zp).
bool invisible(UChar32 c) {
  const auto type = u_charType(c);
  return type == U_CONTROL_CHAR || type == U_FORMAT_CHAR || type == U_LINE_SEPARATOR ||
         type == U_PARAGRAPH_SEPARATOR;
}

}  // namespace

std::string strip_invisible(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c < 0 || invisible(c)) continue;
    out.append(text, static_cast<std::size_t>(start), static_cast<std::size_t>(i - start));
  }
  return out;
}

Result<std::string> normalise_user_name(const std::string& name, const std::string& field) {
  if (!is_valid_utf8(name)) return Error::invalid_field(field, MessageCode::not_utf8);
  // A name far longer than any person's is refused before ICU works on it.
  if (name.size() > 4 * kMaxUserName * 4)
    return Error::invalid_field(
        field, {MessageCode::too_many_characters, {std::to_string(kMaxUserName)}});
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return Error::internal("ICU has no NFKC_Casefold data");
  icu::UnicodeString folded = nfkc_cf->normalize(icu::UnicodeString::fromUTF8(name), status);
  if (U_FAILURE(status)) return Error::invalid_field(field, MessageCode::cannot_normalise);
  int32_t b = 0, e = folded.length();
  while (b < e && u_isUWhiteSpace(folded.char32At(b))) b = folded.moveIndex32(b, 1);
  while (e > b && u_isUWhiteSpace(folded.char32At(folded.moveIndex32(e, -1))))
    e = folded.moveIndex32(e, -1);
  const icu::UnicodeString trimmed(folded, b, e - b);
  folded = trimmed;
  if (folded.isEmpty()) return Error::invalid_field(field, MessageCode::required);
  if (folded.countChar32() > kMaxUserName)
    return Error::invalid_field(
        field, {MessageCode::too_many_characters, {std::to_string(kMaxUserName)}});
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    if (invisible(folded.char32At(i)))
      return Error::invalid_field(field, MessageCode::invisible_characters);
  }
  std::string out;
  folded.toUTF8String(out);
  return out;
}

bool is_nfc(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return false;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::string back;
  u.toUTF8String(back);
  if (back != text) return false;  // not UTF-8
  const UBool normal = nfc->isNormalized(u, status);
  return U_SUCCESS(status) && normal;
}

std::string to_nfc(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return text;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::string back;
  u.toUTF8String(back);
  if (back != text) return text;  // not UTF-8: left for the validator to name
  const icu::UnicodeString normal = nfc->normalize(u, status);
  if (U_FAILURE(status)) return text;
  std::string out;
  normal.toUTF8String(out);
  return out;
}

}  // namespace estate
