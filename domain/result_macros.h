// RETURN_IF_ERROR and ASSIGN_OR_RETURN: abseil's pattern for the `if (!x.ok()) return
// x.error();` chains over Result<T> and Status (domain/result.h).
//
//   RETURN_IF_ERROR(store.missions->remove(work, id));       // a Status or any Result<T>
//   ASSIGN_OR_RETURN(Mission m, store.missions->get(id));    // declares m
//   ASSIGN_OR_RETURN(out.total, sum.total());                // assigns to an lvalue
//
// Each evaluates its expression exactly once. On an error, the enclosing function returns
// that Error, which converts to whatever Result<U> or Status the function returns;
// on a value, ASSIGN_OR_RETURN moves the value into `lhs`. The left-hand side may be a
// declaration (`auto x`, `const T& x`: the temporary holding the result lives to the end of
// the enclosing scope) or any assignable expression. Both expand to statements, not
// expressions: use them inside braces, not as the body of an unbraced if or loop.
#pragma once

#include <utility>

#include "domain/result.h"

#define ESTATE_RESULT_CONCAT_INNER(a, b) a##b
#define ESTATE_RESULT_CONCAT(a, b) ESTATE_RESULT_CONCAT_INNER(a, b)

#define RETURN_IF_ERROR(expr)                                                 \
  do {                                                                        \
    auto&& estate_status_ = (expr);                                           \
    if (!estate_status_.ok()) return ::estate::Error(estate_status_.error()); \
  } while (false)

#define ASSIGN_OR_RETURN(lhs, expr) \
  ESTATE_ASSIGN_OR_RETURN_IMPL(ESTATE_RESULT_CONCAT(estate_result_, __LINE__), lhs, expr)

#define ESTATE_ASSIGN_OR_RETURN_IMPL(result, lhs, expr)     \
  auto result = (expr);                                     \
  if (!result.ok()) return ::estate::Error(result.error()); \
  lhs = std::move(result).value()
