#include "store/wal_gathering_vfs.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <mutex>
#include <new>
#include <vector>

namespace motcua::store {
namespace {

// The WAL file format (sqlite.org/fileformat.html, "WAL File Format").
constexpr int kWalHeaderBytes = 32;
constexpr int kFrameHeaderBytes = 24;
// The most one write hands the default VFS: its unix write masks the length to 17 bits
// (a 128 KiB write would write nothing). Gathered frames that would not leave room for
// another go out before the commit frame.
constexpr std::size_t kMaxWriteBytes = 96 * 1024;

std::atomic<std::uint64_t> g_writes{0};
std::atomic<std::uint64_t> g_bytes{0};

std::uint32_t big_endian_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
}

struct Gathered {
  std::vector<unsigned char> bytes;
  sqlite3_int64 offset = 0;        // of bytes[0] in the file
  sqlite3_int64 written_end = -1;  // where the last write to the file ended
  std::uint32_t page_size = 0;     // from the WAL header; 0 until known
  // Off from the first write that is not a frame appended in order until the WAL starts
  // over: a transaction that rewrites frames in place (it spilled pages, then changed
  // them again) also rewrites their headers, its commit frame's last, after that frame
  // was written, with no page following.
  bool on = true;

  sqlite3_int64 end() const { return offset + static_cast<sqlite3_int64>(bytes.size()); }
};

// What a WAL file opened through this VFS is: the default VFS's file, wrapped.
struct WalFile {
  sqlite3_file base;
  sqlite3_file* real;  // lives in the same allocation, after this struct
  Gathered* gathered;
};

sqlite3_vfs* g_parent = nullptr;
sqlite3_vfs g_vfs{};
sqlite3_io_methods g_wal_methods{};

constexpr int wal_file_room() {
  return static_cast<int>((sizeof(WalFile) + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) *
                          alignof(std::max_align_t));
}

WalFile* as_wal(sqlite3_file* f) { return reinterpret_cast<WalFile*>(f); }
sqlite3_file* real_of(sqlite3_file* f) { return as_wal(f)->real; }

int write_to_file(WalFile* f, const void* bytes, std::size_t amount, sqlite3_int64 offset) {
  const auto* from = static_cast<const unsigned char*>(bytes);
  for (std::size_t done = 0; done < amount;) {
    const std::size_t piece = std::min(amount - done, kMaxWriteBytes);
    const sqlite3_int64 at = offset + static_cast<sqlite3_int64>(done);
    const int rc = f->real->pMethods->xWrite(f->real, from + done, static_cast<int>(piece), at);
    g_writes.fetch_add(1, std::memory_order_relaxed);
    g_bytes.fetch_add(piece, std::memory_order_relaxed);
    if (rc != SQLITE_OK) return rc;
    done += piece;
    f->gathered->written_end = at + static_cast<sqlite3_int64>(piece);
  }
  return SQLITE_OK;
}

int write_out(WalFile* f) {
  Gathered& g = *f->gathered;
  if (g.bytes.empty()) return SQLITE_OK;
  const int rc = write_to_file(f, g.bytes.data(), g.bytes.size(), g.offset);
  // Written or not, these bytes are done with: on failure SQLite abandons the transaction.
  g.bytes.clear();
  return rc;
}

std::uint32_t page_size_in(const unsigned char* wal_header) {
  const std::uint32_t size = big_endian_u32(wal_header + 8);
  if (size == 1) return 65536;  // how the header writes 65536
  if (size < 512 || size > 65536 || (size & (size - 1)) != 0) return 0;
  return size;
}

// The page size, from the WAL header already in the file (frames come after it).
void learn_page_size_from_file(WalFile* f) {
  unsigned char header[kWalHeaderBytes];
  if (f->real->pMethods->xRead(f->real, header, kWalHeaderBytes, 0) == SQLITE_OK)
    f->gathered->page_size = page_size_in(header);
}

enum class Shape { wal_header, frame_header, page, frame, other };

Shape shape_of(const Gathered& g, int amount, sqlite3_int64 offset) {
  if (offset == 0 && amount == kWalHeaderBytes) return Shape::wal_header;
  if (g.page_size == 0 || offset < kWalHeaderBytes) return Shape::other;
  const sqlite3_int64 frame = kFrameHeaderBytes + static_cast<sqlite3_int64>(g.page_size);
  const sqlite3_int64 into_frame = (offset - kWalHeaderBytes) % frame;
  if (into_frame == 0 && amount == kFrameHeaderBytes) return Shape::frame_header;
  if (into_frame == 0 && amount == frame) return Shape::frame;
  if (into_frame == kFrameHeaderBytes && amount == static_cast<int>(g.page_size)) return Shape::page;
  return Shape::other;
}

// Whether the whole frame the gathered bytes end with is marked as the last frame of a
// transaction (a non-zero database size), or might be: its header is not among them.
bool ends_with_commit_frame(const Gathered& g) {
  const sqlite3_int64 header_at = g.end() - kFrameHeaderBytes - static_cast<sqlite3_int64>(g.page_size);
  if (header_at < g.offset) return true;
  return big_endian_u32(g.bytes.data() + (header_at - g.offset) + 4) != 0;
}

bool ends_with_whole_frame(const Gathered& g) {
  const sqlite3_int64 frame = kFrameHeaderBytes + static_cast<sqlite3_int64>(g.page_size);
  return g.end() >= kWalHeaderBytes + frame && (g.end() - kWalHeaderBytes) % frame == 0;
}

int wal_close(sqlite3_file* file) {
  WalFile* f = as_wal(file);
  const int written = write_out(f);
  const int closed = f->real->pMethods->xClose(f->real);
  delete f->gathered;
  f->gathered = nullptr;
  return written != SQLITE_OK ? written : closed;
}

int wal_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xRead(real_of(file), buffer, amount, offset);
}

int wal_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
  WalFile* f = as_wal(file);
  Gathered& g = *f->gathered;
  const auto* bytes = static_cast<const unsigned char*>(buffer);
  if (offset == 0 && amount == kWalHeaderBytes) {
    // The WAL starts over (or for the first time): nothing before it is pending any more.
    if (int rc = write_out(f); rc != SQLITE_OK) return rc;
    g.page_size = page_size_in(bytes);
    g.on = g.page_size != 0;
  } else if (g.on && g.page_size == 0) {
    learn_page_size_from_file(f);
    g.on = g.page_size != 0;
  }
  const Shape shape = shape_of(g, amount, offset);
  const bool follows = offset == (g.bytes.empty() ? g.written_end : g.end());
  const bool gather = g.on && (shape == Shape::wal_header || shape == Shape::frame_header || shape == Shape::frame ||
                               (shape == Shape::page && follows));
  if (!gather) {
    if (int rc = write_out(f); rc != SQLITE_OK) return rc;
    g.on = false;
    return write_to_file(f, buffer, static_cast<std::size_t>(amount), offset);
  }
  // A transaction's first frame goes wherever SQLite puts it (after a rollback, over
  // frames of the one rolled back): what is gathered before it goes out first.
  if (!g.bytes.empty() && !follows)
    if (int rc = write_out(f); rc != SQLITE_OK) return rc;
  if (g.bytes.empty()) g.offset = offset;
  g.bytes.insert(g.bytes.end(), bytes, bytes + amount);
  if (ends_with_whole_frame(g) &&
      (ends_with_commit_frame(g) || g.bytes.size() + kFrameHeaderBytes + g.page_size > kMaxWriteBytes))
    return write_out(f);
  return SQLITE_OK;
}

int wal_truncate(sqlite3_file* file, sqlite3_int64 size) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xTruncate(real_of(file), size);
}

int wal_sync(sqlite3_file* file, int flags) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xSync(real_of(file), flags);
}

int wal_file_size(sqlite3_file* file, sqlite3_int64* size) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xFileSize(real_of(file), size);
}

int wal_lock(sqlite3_file* file, int level) { return real_of(file)->pMethods->xLock(real_of(file), level); }
int wal_unlock(sqlite3_file* file, int level) { return real_of(file)->pMethods->xUnlock(real_of(file), level); }
int wal_check_reserved_lock(sqlite3_file* file, int* out) {
  return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}

int wal_file_control(sqlite3_file* file, int op, void* arg) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}

int wal_sector_size(sqlite3_file* file) { return real_of(file)->pMethods->xSectorSize(real_of(file)); }
int wal_device_characteristics(sqlite3_file* file) {
  return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}

// The shared-memory methods belong to the database file; a WAL file never gets these
// calls, but the table must be complete.
int wal_shm_map(sqlite3_file* file, int page, int size, int extend, void volatile** out) {
  return real_of(file)->pMethods->xShmMap(real_of(file), page, size, extend, out);
}
int wal_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
  return real_of(file)->pMethods->xShmLock(real_of(file), offset, n, flags);
}
void wal_shm_barrier(sqlite3_file* file) { real_of(file)->pMethods->xShmBarrier(real_of(file)); }
int wal_shm_unmap(sqlite3_file* file, int delete_flag) {
  return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}
int wal_fetch(sqlite3_file* file, sqlite3_int64 offset, int amount, void** out) {
  if (int rc = write_out(as_wal(file)); rc != SQLITE_OK) return rc;
  return real_of(file)->pMethods->xFetch(real_of(file), offset, amount, out);
}
int wal_unfetch(sqlite3_file* file, sqlite3_int64 offset, void* page) {
  return real_of(file)->pMethods->xUnfetch(real_of(file), offset, page);
}

int vfs_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
  if ((flags & SQLITE_OPEN_WAL) == 0) {
    // Everything but a WAL is the default VFS's own file, methods and all.
    return g_parent->xOpen(g_parent, name, file, flags, out_flags);
  }
  WalFile* f = as_wal(file);
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + wal_file_room());
  f->gathered = nullptr;
  const int rc = g_parent->xOpen(g_parent, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real->pMethods) f->real->pMethods->xClose(f->real);
    return rc;
  }
  f->gathered = new (std::nothrow) Gathered;
  if (!f->gathered) {
    f->real->pMethods->xClose(f->real);
    return SQLITE_NOMEM;
  }
  f->base.pMethods = &g_wal_methods;
  return SQLITE_OK;
}

int vfs_delete(sqlite3_vfs*, const char* name, int sync_dir) { return g_parent->xDelete(g_parent, name, sync_dir); }
int vfs_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_parent->xAccess(g_parent, name, flags, out);
}
int vfs_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
  return g_parent->xFullPathname(g_parent, name, size, out);
}
void* vfs_dl_open(sqlite3_vfs*, const char* name) { return g_parent->xDlOpen(g_parent, name); }
void vfs_dl_error(sqlite3_vfs*, int size, char* out) { g_parent->xDlError(g_parent, size, out); }
void (*vfs_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
  return g_parent->xDlSym(g_parent, handle, symbol);
}
void vfs_dl_close(sqlite3_vfs*, void* handle) { g_parent->xDlClose(g_parent, handle); }
int vfs_randomness(sqlite3_vfs*, int size, char* out) { return g_parent->xRandomness(g_parent, size, out); }
int vfs_sleep(sqlite3_vfs*, int microseconds) { return g_parent->xSleep(g_parent, microseconds); }
int vfs_current_time(sqlite3_vfs*, double* out) { return g_parent->xCurrentTime(g_parent, out); }
int vfs_get_last_error(sqlite3_vfs*, int size, char* out) { return g_parent->xGetLastError(g_parent, size, out); }
int vfs_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
  return g_parent->xCurrentTimeInt64(g_parent, out);
}

void register_once() {
  sqlite3_initialize();
  g_parent = sqlite3_vfs_find(nullptr);
  g_wal_methods.iVersion = 3;
  g_wal_methods.xClose = wal_close;
  g_wal_methods.xRead = wal_read;
  g_wal_methods.xWrite = wal_write;
  g_wal_methods.xTruncate = wal_truncate;
  g_wal_methods.xSync = wal_sync;
  g_wal_methods.xFileSize = wal_file_size;
  g_wal_methods.xLock = wal_lock;
  g_wal_methods.xUnlock = wal_unlock;
  g_wal_methods.xCheckReservedLock = wal_check_reserved_lock;
  g_wal_methods.xFileControl = wal_file_control;
  g_wal_methods.xSectorSize = wal_sector_size;
  g_wal_methods.xDeviceCharacteristics = wal_device_characteristics;
  g_wal_methods.xShmMap = wal_shm_map;
  g_wal_methods.xShmLock = wal_shm_lock;
  g_wal_methods.xShmBarrier = wal_shm_barrier;
  g_wal_methods.xShmUnmap = wal_shm_unmap;
  g_wal_methods.xFetch = wal_fetch;
  g_wal_methods.xUnfetch = wal_unfetch;

  g_vfs.iVersion = 2;
  g_vfs.szOsFile = std::max(g_parent->szOsFile, wal_file_room() + g_parent->szOsFile);
  g_vfs.mxPathname = g_parent->mxPathname;
  g_vfs.zName = "motcua-wal-gathering";
  g_vfs.xOpen = vfs_open;
  g_vfs.xDelete = vfs_delete;
  g_vfs.xAccess = vfs_access;
  g_vfs.xFullPathname = vfs_full_pathname;
  g_vfs.xDlOpen = vfs_dl_open;
  g_vfs.xDlError = vfs_dl_error;
  g_vfs.xDlSym = vfs_dl_sym;
  g_vfs.xDlClose = vfs_dl_close;
  g_vfs.xRandomness = vfs_randomness;
  g_vfs.xSleep = vfs_sleep;
  g_vfs.xCurrentTime = vfs_current_time;
  g_vfs.xGetLastError = vfs_get_last_error;
  g_vfs.xCurrentTimeInt64 = vfs_current_time_int64;
  sqlite3_vfs_register(&g_vfs, 0);
}

}  // namespace

const char* wal_gathering_vfs() {
  static std::once_flag once;
  std::call_once(once, register_once);
  return g_vfs.zName;
}

WalGatheringCounts wal_gathering_counts() {
  return {g_writes.load(std::memory_order_relaxed), g_bytes.load(std::memory_order_relaxed)};
}

}  // namespace motcua::store
