// A VFS for the store's writer connection: the default one, except that what a
// transaction writes into the WAL goes to the file in one write instead of two per page.
//
// Why: SQLite writes each WAL frame as its 24-byte header and then its page, each with a
// pwrite of its own; a batch of tickets touches a handful of pages, so every commit made
// ten or more system calls, and on a virtual machine each costs several microseconds on
// the path of every request in the batch.
//
// What makes it safe: the bytes are only gathered while SQLite writes frames one after
// the other. They reach the file, and any failure is reported from that very write, as
// soon as the gathered bytes end with a whole commit frame, which SQLite writes before it
// publishes the transaction to other connections and before COMMIT returns. Anything
// else done with the WAL file (a read, a sync, its size, a truncation, a write that is not
// the next one in line, closing it) writes out what is gathered first. A crash loses at
// most frames of a transaction that has not committed, which recovery ignores anyway.
#pragma once

#include <cstdint>

namespace motcua::store {

// Registers the VFS on first use (not as the default) and returns its name, for
// sqlite3_open_v2().
const char* wal_gathering_vfs();

// Writes the VFS passed on to the file, over all connections: how many calls, and how many
// bytes they carried. For tests.
struct WalGatheringCounts {
  std::uint64_t writes = 0;
  std::uint64_t bytes = 0;
};
WalGatheringCounts wal_gathering_counts();

}  // namespace motcua::store
