// RETURN_IF_ERROR and ASSIGN_OR_RETURN (domain/result_macros.h): an error leaves the function
// at once with the same kind, message and field errors; a value is assigned and the function
// goes on; the expression is evaluated once; move-only values and Status both work.
#include "domain/result_macros.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace estate {
namespace {

Result<int> number(bool ok, int value, int& calls) {
  ++calls;
  if (!ok) return Error::invalid("no number", {FieldError{"n", "is missing"}});
  return value;
}

Status check(bool ok, int& calls) {
  ++calls;
  if (!ok) return Error::conflict("taken");
  return {};
}

// Adds two numbers; `reached` counts how far it got.
Result<int> sum(bool first_ok, bool second_ok, int& calls, int& reached) {
  ASSIGN_OR_RETURN(int a, number(first_ok, 40, calls));
  ++reached;
  int b = 0;
  ASSIGN_OR_RETURN(b, number(second_ok, 2, calls));  // into an existing variable
  ++reached;
  return a + b;
}

Status both(bool first_ok, bool second_ok, int& calls, int& reached) {
  RETURN_IF_ERROR(check(first_ok, calls));
  ++reached;
  RETURN_IF_ERROR(number(second_ok, 7, calls));  // a Result<T> as a status
  ++reached;
  return {};
}

Result<std::unique_ptr<std::string>> boxed(bool ok) {
  if (!ok) return Error::not_found("no box");
  return std::make_unique<std::string>("inside");
}

Result<std::size_t> box_length(bool ok) {
  ASSIGN_OR_RETURN(std::unique_ptr<std::string> box, boxed(ok));
  return box->size();
}

TEST(ResultMacros, AssignOrReturnAssignsEachValueAndGoesOn) {
  int calls = 0, reached = 0;
  Result<int> r = sum(true, true, calls, reached);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 42);  // 40 + 2
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(reached, 2);
}

TEST(ResultMacros, AssignOrReturnLeavesAtTheFirstErrorWithItsKindMessageAndFields) {
  int calls = 0, reached = 0;
  Result<int> r = sum(false, true, calls, reached);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  EXPECT_EQ(r.error().message, "no number");
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0], (FieldError{"n", "is missing"}));
  EXPECT_EQ(calls, 1);  // the second number is never asked for
  EXPECT_EQ(reached, 0);

  calls = reached = 0;
  r = sum(true, false, calls, reached);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(reached, 1);
}

TEST(ResultMacros, ReturnIfErrorTakesStatusAndResultAlike) {
  int calls = 0, reached = 0;
  EXPECT_TRUE(both(true, true, calls, reached).ok());
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(reached, 2);

  calls = reached = 0;
  Status s = both(false, true, calls, reached);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::conflict);
  EXPECT_EQ(s.error().message, "taken");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(reached, 0);

  calls = reached = 0;
  s = both(true, false, calls, reached);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::invalid);
  EXPECT_EQ(calls, 2);
  EXPECT_EQ(reached, 1);
}

TEST(ResultMacros, AssignOrReturnMovesAValueThatCannotBeCopied) {
  Result<std::size_t> n = box_length(true);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 6u);  // "inside"
  Result<std::size_t> none = box_length(false);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace estate
