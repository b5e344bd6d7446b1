// Result<T> is either a value or an Error; Status is Result<void>. Functions that can fail
// return one of these across module boundaries instead of throwing, and callers must look:
// value() on an error (or error() on a value) is a programming mistake and aborts.
//
// An Error has a kind (what the caller should do about it, which the HTTP layer maps to a
// status code), a human-readable message, and, for validation failures, one FieldError per bad
// field so a client can fix every problem in one go. Thread-safety: plain values.
#pragma once

#include <cstdlib>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace estate {

// One problem with one input field. `field` is a JSON-pointer-like path such as
// "tenure[1].to" or "rent.amount"; `message` says what is wrong in words a user understands.
struct FieldError {
  std::string field;
  std::string message;
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

  static Error invalid(std::string message, std::vector<FieldError> fields = {}) {
    return Error{ErrorKind::invalid, std::move(message), std::move(fields)};
  }
  static Error invalid_field(std::string field, std::string message) {
    std::string m = message;
    return Error{
        ErrorKind::invalid, std::move(m), {FieldError{std::move(field), std::move(message)}}};
  }
  static Error not_found(std::string message) {
    return Error{ErrorKind::not_found, std::move(message), {}};
  }
  static Error conflict(std::string message) {
    return Error{ErrorKind::conflict, std::move(message), {}};
  }
  static Error forbidden(std::string message) {
    return {ErrorKind::forbidden, std::move(message), {}};
  }
  static Error stale(std::string message) {
    return Error{ErrorKind::stale, std::move(message), {}};
  }
  static Error unavailable(std::string message) {
    return Error{ErrorKind::unavailable, std::move(message), {}};
  }
  static Error aborted(std::string message) {
    return Error{ErrorKind::aborted, std::move(message), {}};
  }
  static Error internal(std::string message) {
    return Error{ErrorKind::internal, std::move(message), {}};
  }
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
