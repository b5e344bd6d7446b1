#include "api/http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <future>

namespace estate::api {
namespace {

TEST(WorkerPool, RunsEveryQueuedTaskBeforeStopping) {
  std::atomic<int> ran{0};
  WorkerPool pool(2);
  for (int i = 0; i < 100; ++i) {
    ASSERT_EQ(pool.submit([&] { ++ran; }), WorkerPool::Submitted::queued);
  }
  pool.stop();
  EXPECT_EQ(ran.load(), 100);
  EXPECT_EQ(pool.submit([] {}), WorkerPool::Submitted::stopped);
}

TEST(WorkerPool, ShedsLoadWhenTheQueueIsFull) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> started;
  WorkerPool pool(1, 2);
  // The one worker is busy; two tasks may wait; the third is refused.
  ASSERT_EQ(pool.submit([&] {
    started.set_value();
    released.wait();
  }),
            WorkerPool::Submitted::queued);
  started.get_future().wait();
  EXPECT_EQ(pool.submit([] {}), WorkerPool::Submitted::queued);
  EXPECT_EQ(pool.submit([] {}), WorkerPool::Submitted::queued);
  EXPECT_EQ(pool.submit([] {}), WorkerPool::Submitted::full);
  release.set_value();
  pool.stop();
}

}  // namespace
}  // namespace estate::api
