#include "database_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace motcua::store {

namespace {

std::string folder_of(const std::string& db_path) {
  std::filesystem::path folder = std::filesystem::path(db_path).parent_path();
  return folder.empty() ? std::string(".") : folder.string();
}

std::string read_pid(int fd) {
  char buf[32] = {};
  ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid;
}

}  // namespace

Result<std::shared_ptr<DatabaseLock>> DatabaseLock::acquire(const std::string& db_path) {
  const std::string path = db_path + ".lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    const int err = errno;
    const std::string folder = folder_of(db_path);
    if (err == ENOENT) {
      return Status::unavailable("db_folder_missing",
                                 "Thư mục của cơ sở dữ liệu không tồn tại: " + folder +
                                     " (database folder missing); hãy tạo thư mục đó hoặc chọn --db khác");
    }
    if (err == EACCES || err == EROFS || err == EPERM) {
      return Status::unavailable("db_folder_read_only", "Không ghi được vào thư mục " + folder +
                                                            " (" + std::strerror(err) +
                                                            "); ticketd cần quyền ghi ở thư mục của cơ sở dữ liệu");
    }
    return Status::unavailable("db_lock_failed", "Không tạo được " + path + ": " + std::strerror(err));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    std::string owner = read_pid(fd);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      return Status::conflict("db_in_use", "Cơ sở dữ liệu " + db_path + " đang được một ticketd khác dùng" +
                                               (owner.empty() ? std::string() : " (pid " + owner + ")") +
                                               "; hãy dừng ticketd đó trước, hoặc chọn --db khác");
    }
    return Status::unavailable("db_lock_failed", "Không khóa được " + path + ": " + std::strerror(err));
  }
  // Whose lock it is, for the message a second start prints.
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The lock holds without the pid; the message just cannot name the owner.
  }
  return std::shared_ptr<DatabaseLock>(new DatabaseLock(fd, path));
}

DatabaseLock::~DatabaseLock() {
  // The file stays: removing it would race a starting daemon that already opened it.
  ::close(fd_);
}

}  // namespace motcua::store
