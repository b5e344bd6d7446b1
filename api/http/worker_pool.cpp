#include "api/http/worker_pool.h"

namespace estate::api {

WorkerPool::WorkerPool(std::size_t threads, std::size_t max_queued) : max_queued_(max_queued) {
  if (threads == 0) threads = 1;
  thread_count_ = threads;
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
  stop();
}

WorkerPool::Submitted WorkerPool::submit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return Submitted::stopped;
    if (max_queued_ > 0 && queue_.size() >= max_queued_) {
      ++rejected_;
      return Submitted::full;
    }
    queue_.push_back(std::move(task));
  }
  wake_.notify_one();
  return Submitted::queued;
}

void WorkerPool::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

std::size_t WorkerPool::queued() {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

std::uint64_t WorkerPool::rejected() {
  std::lock_guard<std::mutex> lock(mutex_);
  return rejected_;
}

void WorkerPool::run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
    completed_.fetch_add(1, std::memory_order_relaxed);
  }
}

}  // namespace estate::api
