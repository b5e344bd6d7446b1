// Result<T> is either a value or an Error; Status is Result<void>. Functions that can fail
// return one of these across module boundaries instead of throwing, and callers must look:
// value() on an error (or error() on a value) is a programming mistake and aborts.
//
// An Error has a kind (what the caller should do about it, which the HTTP layer maps to a
// status code), what it says as a Message (a stable code and its arguments, domain/message.h)
// with its English words in `message` for logs and the CLI, and, for validation failures, one
// FieldError per bad field so a client can fix every problem in one go. The answer's words are
// rendered from the Messages in the request's language. Thread-safety: plain values.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/message.h"

namespace estate {

// One problem with one input field. `field` is a JSON-pointer-like path such as
// "tenure[1].to" or "rent.amount"; `what` says what is wrong (code and arguments), `message`
// the same in English.
struct FieldError {
  std::string field;
  std::string message;
  Message what;

  FieldError() = default;
  FieldError(std::string f, Message w)
      : field(std::move(f)), message(render(w, Language::en)), what(std::move(w)) {}
  bool operator==(const FieldError& o) const { return field == o.field && message == o.message; }
};

enum class ErrorKind {
  invalid,      // input is well-formed but breaks a rule (422)
  not_found,    // the record does not exist (404)
  conflict,     // duplicate key, dependent records, illegal state change (409)
  stale,        // optimistic concurrency: the expected version is not the current one (412)
  forbidden,    // this caller may not do this to this record, whatever their role (403)
  unavailable,  // the database or another dependency cannot be reached (503)
  aborted,      // the database aborted the transaction (deadlock, lock wait, certification):
                // nothing was written, and running the whole transaction again may succeed (503)
  internal,     // a bug or an unexpected library failure (500)
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::vector<FieldError> fields;
  Message what;

  Error() = default;
  Error(ErrorKind k, Message w, std::vector<FieldError> f = {})
      : kind(k), message(render(w, Language::en)), fields(std::move(f)), what(std::move(w)) {}

  static Error invalid(Message what, std::vector<FieldError> fields = {}) {
    return Error{ErrorKind::invalid, std::move(what), std::move(fields)};
  }
  static Error invalid_field(std::string field, Message what) {
    Message top = what;
    return Error{ErrorKind::invalid, std::move(top), {FieldError{std::move(field), std::move(what)}}};
  }
  static Error not_found(Message what) { return Error{ErrorKind::not_found, std::move(what)}; }
  static Error conflict(Message what) { return Error{ErrorKind::conflict, std::move(what)}; }
  static Error forbidden(Message what) { return Error{ErrorKind::forbidden, std::move(what)}; }
  static Error stale(Message what) { return Error{ErrorKind::stale, std::move(what)}; }
  static Error unavailable(Message what) { return Error{ErrorKind::unavailable, std::move(what)}; }
  static Error aborted(Message what) { return Error{ErrorKind::aborted, std::move(what)}; }
  static Error internal(Message what) { return Error{ErrorKind::internal, std::move(what)}; }
};

const char* to_string(ErrorKind kind);

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design, like StatusOr
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  const T& value() const& {
    check(true);
    return std::get<0>(v_);
  }
  T& value() & {
    check(true);
    return std::get<0>(v_);
  }
  T&& value() && {
    check(true);
    return std::get<0>(std::move(v_));
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  const Error& error() const {
    check(false);
    return std::get<1>(v_);
  }

 private:
  void check(bool want_value) const {
    if (ok() != want_value) std::abort();
  }
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    if (ok_) std::abort();
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace estate
