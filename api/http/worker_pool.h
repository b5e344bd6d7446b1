// WorkerPool runs submitted tasks on a fixed number of threads. The HTTP layer hands every
// request that touches the database to it, so Pistache's reactor threads only parse and
// write bytes and never wait on SQL while other connections need them.
// Thread-safety: submit() may be called from any thread; stop() once, from one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace estate::api {

class WorkerPool {
 public:
  // `threads` workers; at most `max_queued` tasks wait for one (0: no limit).
  explicit WorkerPool(std::size_t threads, std::size_t max_queued = 0);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  enum class Submitted { queued, full, stopped };
  // Queues `task`. Drops it, and says why, when max_queued tasks are already waiting (the
  // caller should shed load) or once stop() has begun.
  Submitted submit(std::function<void()> task);

  // Runs every queued task to completion, then joins the threads.
  void stop();

  // Tasks waiting for a thread now; tasks refused because the queue was full, ever; tasks
  // run to their end, ever.
  std::size_t queued();
  std::uint64_t rejected();
  std::uint64_t completed() const { return completed_.load(std::memory_order_relaxed); }
  std::size_t threads() const { return thread_count_; }

 private:
  void run();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  std::size_t max_queued_ = 0;
  std::size_t thread_count_ = 0;
  std::uint64_t rejected_ = 0;
  std::atomic<std::uint64_t> completed_{0};
  bool stopping_ = false;
};

}  // namespace estate::api
