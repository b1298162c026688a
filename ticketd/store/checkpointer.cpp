#include "store/checkpointer.hpp"

namespace motcua::store {

Result<std::unique_ptr<Checkpointer>> Checkpointer::attach(Database& writer, const std::string& path,
                                                           int threshold_pages) {
  auto own = Database::open(path);
  if (!own.is_ok()) return own.status();
  // A connection takes up WAL mode from the file when it first reads it; until then a
  // checkpoint on it does nothing at all (and still reports success).
  if (Status s = own.value()->exec("SELECT count(*) FROM sqlite_master"); !s.is_ok()) return s;
  auto c = std::unique_ptr<Checkpointer>(new Checkpointer(std::move(own.value()), writer, path, threshold_pages));
  // Replaces the hook sqlite3_wal_autocheckpoint() installed, which turns that off.
  sqlite3_wal_hook(writer.handle(), &Checkpointer::on_writer_commit, c.get());
  return c;
}

Checkpointer::Checkpointer(std::unique_ptr<Database> own, Database& writer, const std::string& path,
                           int threshold_pages)
    : own_(std::move(own)),
      writer_(writer),
      threshold_pages_(threshold_pages),
      pacer_(path, kWritebackPace),
      thread_([this] { run(); }) {}

Checkpointer::~Checkpointer() {
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

int Checkpointer::on_writer_commit(void* self, sqlite3* writer, const char* db_name, int wal_pages) {
  auto* c = static_cast<Checkpointer*>(self);
  if (wal_pages >= c->threshold_pages_ * kBacklogFactor) {
    // Far behind (a long report holding an old snapshot, a slow disk): do what SQLite's
    // own automatic checkpoint would, here in the commit.
    sqlite3_wal_checkpoint_v2(writer, db_name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return SQLITE_OK;
  }
  // What the last background checkpoint left behind, not the WAL's length: between a
  // checkpoint and the WAL starting over, every commit would otherwise start another
  // (each with two syncs) for the few frames it added.
  int copied = c->copied_frames_.load(std::memory_order_relaxed);
  if (wal_pages < copied) copied = 0;  // the WAL has started over since
  if (wal_pages - copied >= c->threshold_pages_) {
    {
      std::lock_guard lock(c->mutex_);
      c->wanted_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    // PASSIVE never waits for the writer or readers: it copies what it can. A frame it
    // could not copy is copied next time (or by the writer: take_finish_request), and the
    // writer restarts the WAL from its beginning once everything in it is in the file.
    int wal_frames = 0;
    int copied_frames = 0;
    pacer_.begin();
    const int rc =
        sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &wal_frames, &copied_frames);
    pacer_.end();
    // Counted only when it copied something (SQLite says OK even when it could not).
    if (rc == SQLITE_OK && copied_frames > 0) {
      // SQLite syncs the database file only in a checkpoint that reaches the WAL's end:
      // under load, the writer's copy before the WAL starts over. That one sync then
      // carried every page the background checkpoints had copied since, plus the file's
      // new size, while the next batch waited (writer's copy 2.6 -> 2.2 ms). Synced here,
      // that sync carries only the writer's own few pages. Durability does not depend on
      // it: the frames stay in the WAL until a sync by SQLite has covered them.
      if (pacer_.sync_file()) database_syncs_.fetch_add(1, std::memory_order_relaxed);
      copied_frames_.store(copied_frames, std::memory_order_relaxed);
      done_.fetch_add(1, std::memory_order_relaxed);
      // The writer has most likely committed more while this ran (those frames are not
      // in what SQLite reports here). Once the WAL is long, let it copy that rest.
      if (wal_frames >= threshold_pages_ * kFinishFactor) finish_wanted_.store(true, std::memory_order_release);
    }
    lock.lock();
    // Commits during the checkpoint asked again for what it just did; the next one past
    // the threshold asks anew.
    wanted_ = false;
  }
}

}  // namespace motcua::store
