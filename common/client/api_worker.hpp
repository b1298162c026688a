// ApiWorker: runs blocking ApiClient calls on one background thread, in submission order,
// so a UI frame never waits for the network. Thread rule: submit() from any thread; jobs
// run on the worker thread with its own ApiClient; hand results back through an inbox.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "client/api_client.hpp"

namespace motcua::client {

class ApiWorker {
 public:
  using Job = std::function<void(ApiClient&)>;

  explicit ApiWorker(ApiClientOptions options);
  // Waits for the running job (bounded by the client's timeouts); queued jobs are dropped.
  ~ApiWorker();
  ApiWorker(const ApiWorker&) = delete;
  ApiWorker& operator=(const ApiWorker&) = delete;

  void submit(Job job);
  // Jobs queued or running.
  std::size_t pending() const;

 private:
  void run(ApiClientOptions options);

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace motcua::client
