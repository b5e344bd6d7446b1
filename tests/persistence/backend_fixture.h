// A migrated throwaway store per test, on the backend the test is instantiated for.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "persistence/migrations.h"
#include "persistence/store.h"
#include "tests/support/test_database.h"

namespace estate::testing {

class BackendTest : public ::testing::TestWithParam<persistence::Backend> {
 protected:
  void SetUp() override {
    ESTATE_REQUIRE_BACKEND(GetParam());
    database_ = std::make_unique<TestDatabase>(GetParam());
    auto store = persistence::open_store(database_->url(), 4);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    auto applied = persistence::migrate(*store_.db);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
  }
  void TearDown() override {
    store_ = persistence::Store{};
    database_.reset();
  }

  std::unique_ptr<TestDatabase> database_;
  persistence::Store store_;
};

#define ESTATE_ON_BOTH_BACKENDS(Suite) ESTATE_INSTANTIATE_ON_BOTH_BACKENDS(Suite)

}  // namespace estate::testing
