#include "backups.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <system_error>

#include <boost/asio/post.hpp>

#include "backup/backup_plan.hpp"
#include "store/sqlite.hpp"

namespace motcua {
namespace fs = std::filesystem;
namespace {

Status failed(const std::string& why) {
  return Status::unavailable("backup_failed", "Không sao lưu được cơ sở dữ liệu: " + why);
}

// fsync of a file or a folder by path; false when it could not be done.
bool sync_path(const std::string& path, bool directory) {
  const int fd = ::open(path.c_str(), (directory ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

}  // namespace

std::shared_ptr<Backups> Backups::create(Settings settings, std::function<Instant()> now) {
  return std::shared_ptr<Backups>(new Backups(std::move(settings), std::move(now)));
}

Status Backups::folder_status() const {
  std::error_code ec;
  fs::create_directories(settings_.dir, ec);
  if (ec || !fs::is_directory(settings_.dir, ec))
    return Status::unavailable("backup_failed", "Không sao lưu được cơ sở dữ liệu: không tạo được thư mục " +
                                                    settings_.dir + (ec ? " (" + ec.message() + ")" : std::string()));
  return Status::ok();
}

Backups::Backups(Settings settings, std::function<Instant()> now)
    : settings_(std::move(settings)), now_(std::move(now)) {
  // After a restart the last copy is the newest in the folder.
  const auto copies = list();
  if (!copies.empty()) state_.last = copies.front();
}

Backups::~Backups() {
  stop();
  worker_.join();
}

void Backups::make_now(Done done) {
  boost::asio::post(worker_, [this, done = std::move(done)] {
    Result<Copy> made = copy_now();
    {
      std::lock_guard lock(mutex_);
      if (made.is_ok()) {
        state_.last = made.value();
        ++state_.made;
      } else {
        state_.last_failure = Failure{now_(), made.status().message()};
        ++state_.failures;
      }
    }
    if (made.is_ok()) remove_old_copies();
    done(std::move(made));
  });
}

Result<Backups::Copy> Backups::copy_now() {
  const auto started = std::chrono::steady_clock::now();
  // To the second, as the file's name says.
  const Instant at = std::chrono::floor<std::chrono::seconds>(now_());
  Copy copy;
  copy.file = backup::file_name(at, settings_.utc_offset_minutes);
  copy.made_at = at;
  if (Status folder = folder_status(); !folder.is_ok()) return folder;
  const fs::path path = fs::path(settings_.dir) / copy.file;
  std::error_code ec;
  if (fs::exists(path, ec)) {
    // A request in the same second as the schedule: that copy is this one.
    copy.bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
    return copy;
  }
  const std::string partial = path.string() + ".partial";
  fs::remove(partial, ec);
  {
    auto db = store::Database::open(settings_.db_path, true);
    if (!db.is_ok()) return failed(db.status().message());
    auto vacuum = db.value()->prepare("VACUUM INTO ?");
    if (!vacuum.is_ok()) return failed(vacuum.status().message());
    if (Status s = vacuum.value()->bind(1, partial).run(); !s.is_ok()) {
      fs::remove(partial, ec);
      return failed(s.message());
    }
  }
  {
    auto check = store::Database::open(partial, true);
    std::string verdict = check.is_ok() ? "" : check.status().message();
    if (check.is_ok()) {
      auto q = check.value()->prepare("PRAGMA quick_check");
      if (q.is_ok() && q.value()->step()) verdict = q.value()->text(0);
      else verdict = q.is_ok() ? q.value()->status().message() : q.status().message();
    }
    if (verdict != "ok") {
      fs::remove(partial, ec);
      return failed("bản sao không đọc lại được (" + verdict + ")");
    }
  }
  if (!sync_path(partial, false)) {
    fs::remove(partial, ec);
    return failed("không ghi được bản sao xuống đĩa");
  }
  fs::rename(partial, path, ec);
  if (ec) {
    fs::remove(partial, ec);
    return failed("không đổi tên được bản sao: " + ec.message());
  }
  sync_path(settings_.dir, true);
  copy.bytes = static_cast<std::int64_t>(fs::file_size(path, ec));
  copy.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return copy;
}

void Backups::remove_old_copies() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(settings_.dir, ec)) names.push_back(entry.path().filename().string());
  for (const auto& name : backup::to_remove(names, now_(), settings_.keep_days, settings_.utc_offset_minutes))
    fs::remove(fs::path(settings_.dir) / name, ec);
}

void Backups::start(boost::asio::any_io_executor executor) {
  if (settings_.minutes.empty()) return;
  timer_ = std::make_unique<boost::asio::steady_timer>(executor);
  schedule_next();
}

void Backups::stop() {
  if (timer_) timer_->cancel();
}

void Backups::schedule_next() {
  const Instant now = now_();
  const Instant next = backup::next_at(now, settings_.minutes, settings_.utc_offset_minutes);
  {
    std::lock_guard lock(mutex_);
    state_.next_at = next;
  }
  timer_->expires_after(next - now);
  timer_->async_wait([this](const boost::system::error_code& ec) {
    if (ec) return;
    make_now([](Result<Copy> made) {
      if (made.is_ok())
        std::printf("ticketd: đã sao lưu %s (%.1f MB, %.1f giây)\n", made.value().file.c_str(),
                    static_cast<double>(made.value().bytes) / 1e6, made.value().seconds);
      else
        std::fprintf(stderr, "ticketd: %s\n", made.status().message().c_str());
      std::fflush(stdout);
    });
    schedule_next();
  });
}

std::vector<Backups::Copy> Backups::list() const {
  std::vector<Copy> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(settings_.dir, ec)) {
    const std::string name = entry.path().filename().string();
    const auto at = backup::made_at(name, settings_.utc_offset_minutes);
    if (!at) continue;
    std::error_code size_ec;
    out.push_back({name, static_cast<std::int64_t>(entry.file_size(size_ec)), *at, 0});
  }
  std::sort(out.begin(), out.end(), [](const Copy& a, const Copy& b) { return a.made_at > b.made_at; });
  return out;
}

void Backups::list_async(std::function<void(std::vector<Copy>)> done) {
  boost::asio::post(worker_, [this, done = std::move(done)] { done(list()); });
}

Backups::State Backups::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

std::string Backups::metrics_text() const {
  const State s = state();
  std::string out;
  out += "# HELP motcua_backups_total Database copies made since start\n# TYPE motcua_backups_total counter\n";
  out += "motcua_backups_total " + std::to_string(s.made) + "\n";
  out += "# HELP motcua_backup_failures_total Database copies that failed since start\n"
         "# TYPE motcua_backup_failures_total counter\n";
  out += "motcua_backup_failures_total " + std::to_string(s.failures) + "\n";
  if (s.last) {
    out += "# HELP motcua_backup_last_success_timestamp_seconds When the last copy was made\n"
           "# TYPE motcua_backup_last_success_timestamp_seconds gauge\n";
    out += "motcua_backup_last_success_timestamp_seconds " + std::to_string(to_unix_ms(s.last->made_at) / 1000) + "\n";
  }
  return out;
}

}  // namespace motcua
