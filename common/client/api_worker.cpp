#include "client/api_worker.hpp"

namespace motcua::client {

ApiWorker::ApiWorker(ApiClientOptions options) : thread_([this, options] { run(options); }) {}

ApiWorker::~ApiWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    jobs_.clear();
  }
  wake_.notify_all();
  thread_.join();
}

void ApiWorker::submit(Job job) {
  {
    std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
}

std::size_t ApiWorker::pending() const {
  std::lock_guard lock(mutex_);
  return jobs_.size() + running_;
}

void ApiWorker::run(ApiClientOptions options) {
  ApiClient client(std::move(options));
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
      running_ = 1;
    }
    job(client);
    std::lock_guard lock(mutex_);
    running_ = 0;
  }
}

}  // namespace motcua::client
