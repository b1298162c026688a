// JSON written straight into a string, field by field, and two targets a view can write
// its fields into: that text (TextFields) or a json::object (TreeFields). Each view is
// written once, as a template over the target.
//
// Why: issuing a ticket builds a ticket view twice and an event message; building those
// as json::object trees and serialising them cost more than everything else the office
// strand did for the request. The text is the same as json::serialize gives.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "net.hpp"

namespace motcua {

// Appends to `out`; the string has its exact length again once the writer is gone.
class JsonWriter {
 public:
  // Writes into what `out` has reserved before it grows it.
  explicit JsonWriter(std::string& out) : out_(out), length_(out.size()) {
    out_.resize(std::max(out_.capacity(), length_ + 64));
  }
  ~JsonWriter() { out_.resize(length_); }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }
  // Keys are the views' own ASCII literals: written as they are, without escaping.
  void key(std::string_view k) {
    char* p = room(k.size() + 4);
    if (needs_comma_) *p++ = ',';
    *p++ = '"';
    p = copy(p, k);
    *p++ = '"';
    *p++ = ':';
    length_ = static_cast<std::size_t>(p - out_.data());
    needs_comma_ = false;
  }
  void value(std::string_view s) {
    separate();
    quoted(s);
    needs_comma_ = true;
  }
  void value(const char* s) { value(std::string_view(s)); }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(std::int64_t n) {
    char* p = room(24);
    if (needs_comma_) *p++ = ',';
    p = std::to_chars(p, p + 21, n).ptr;
    length_ = static_cast<std::size_t>(p - out_.data());
    needs_comma_ = true;
  }
  void value(int n) { value(static_cast<std::int64_t>(n)); }
  void value(bool b) { literal(b ? std::string_view("true") : std::string_view("false")); }
  void value(std::nullptr_t) { literal("null"); }
  // A value that is already JSON text (a view written once and embedded again).
  void raw(std::string_view json) { literal(json); }

 private:
  // Room for `n` more bytes at the end; the caller sets length_ to what it wrote.
  char* room(std::size_t n) {
    if (length_ + n > out_.size()) out_.resize(std::max(out_.size() * 2, length_ + n + 256));
    return out_.data() + length_;
  }
  static char* copy(char* p, std::string_view s) {
    std::memcpy(p, s.data(), s.size());
    return p + s.size();
  }
  void append(std::string_view s) {
    copy(room(s.size()), s);
    length_ += s.size();
  }
  void append(char c) {
    *room(1) = c;
    length_ += 1;
  }
  void separate() {
    if (needs_comma_) append(',');
  }
  void literal(std::string_view s) {
    separate();
    append(s);
    needs_comma_ = true;
  }
  void open(char c) {
    separate();
    append(c);
    needs_comma_ = false;
  }
  void close(char c) {
    append(c);
    needs_comma_ = true;
  }
  // Escapes as json::serialize does: quote, backslash and control characters; UTF-8
  // (Vietnamese names) passes through as it is. Runs of plain bytes are copied whole.
  void quoted(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    append('"');
    const char* p = s.data();
    const char* const end = p + s.size();
    while (p != end) {
      const char* run = p;
      while (p != end && !needs_escape(static_cast<unsigned char>(*p))) ++p;
      append(std::string_view(run, static_cast<std::size_t>(p - run)));
      if (p == end) break;
      const auto c = static_cast<unsigned char>(*p++);
      switch (c) {
        case '"': append("\\\""); break;
        case '\\': append("\\\\"); break;
        case '\b': append("\\b"); break;
        case '\f': append("\\f"); break;
        case '\n': append("\\n"); break;
        case '\r': append("\\r"); break;
        case '\t': append("\\t"); break;
        default: {
          const char escaped[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
          append(std::string_view(escaped, sizeof escaped));
        }
      }
    }
    append('"');
  }
  static bool needs_escape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

  std::string& out_;
  std::size_t length_;  // what is written; out_ may be longer (room to write into)
  bool needs_comma_ = false;
};

class TextItems;

// The fields of one object, as text. Keys must be unique: nothing checks.
class TextFields {
 public:
  explicit TextFields(JsonWriter& w) : w_(w) {}
  template <typename T>
  void put(std::string_view key, const T& v) {
    w_.key(key);
    w_.value(v);
  }
  void put(std::string_view key, const std::optional<std::int64_t>& v) {
    w_.key(key);
    if (v) {
      w_.value(*v);
    } else {
      w_.value(nullptr);
    }
  }
  void put_raw(std::string_view key, std::string_view json) {
    w_.key(key);
    w_.raw(json);
  }
  template <typename Fill>
  void put_object(std::string_view key, Fill&& fill) {
    w_.key(key);
    w_.begin_object();
    TextFields inner(w_);
    fill(inner);
    w_.end_object();
  }
  template <typename Fill>
  void put_array(std::string_view key, Fill&& fill);

 private:
  JsonWriter& w_;
};

class TextItems {
 public:
  explicit TextItems(JsonWriter& w) : w_(w) {}
  void push(std::string_view v) { w_.value(v); }
  template <typename Fill>
  void push_object(Fill&& fill) {
    w_.begin_object();
    TextFields inner(w_);
    fill(inner);
    w_.end_object();
  }

 private:
  JsonWriter& w_;
};

template <typename Fill>
void TextFields::put_array(std::string_view key, Fill&& fill) {
  w_.key(key);
  w_.begin_array();
  TextItems items(w_);
  fill(items);
  w_.end_array();
}

class TreeItems;

// The fields of one object, into a json::object (for views that are composed further).
class TreeFields {
 public:
  explicit TreeFields(json::object& o) : o_(o) {}
  template <typename T>
  void put(std::string_view key, const T& v) {
    o_[key] = v;
  }
  void put(std::string_view key, std::string_view v) { o_[key] = v; }
  void put(std::string_view key, const std::optional<std::int64_t>& v) {
    if (v) {
      o_[key] = *v;
    } else {
      o_[key] = nullptr;
    }
  }
  template <typename Fill>
  void put_object(std::string_view key, Fill&& fill) {
    json::object inner(o_.storage());
    TreeFields fields(inner);
    fill(fields);
    o_[key] = std::move(inner);
  }
  template <typename Fill>
  void put_array(std::string_view key, Fill&& fill);

 private:
  json::object& o_;
};

class TreeItems {
 public:
  explicit TreeItems(json::array& a) : a_(a) {}
  void push(std::string_view v) { a_.emplace_back(v); }
  template <typename Fill>
  void push_object(Fill&& fill) {
    json::object inner(a_.storage());
    TreeFields fields(inner);
    fill(fields);
    a_.push_back(std::move(inner));
  }

 private:
  json::array& a_;
};

template <typename Fill>
void TreeFields::put_array(std::string_view key, Fill&& fill) {
  json::array a(o_.storage());
  TreeItems items(a);
  fill(items);
  o_[key] = std::move(a);
}

// A text written into a per-thread buffer that keeps its capacity, then copied out at
// its exact length. Why: a text that outgrows its first guess is reallocated while it is
// written and keeps the doubled capacity; each event message then sat in the replay ring
// at twice its size, and allocations of 1 KiB or more make glibc consolidate its fast
// bins. Copied out exactly, one allocation per text, and texts of like size reuse the
// same block from glibc's per-thread cache. Each kind of text (each `Write`) has its own
// buffers per thread; one written while another of its kind is being written takes the
// next buffer, and past four a fresh string.
template <typename Write>
std::string exact_text(Write&& write) {
  constexpr std::size_t kBuffers = 4;
  constexpr std::size_t kKeptCapacity = 64 * 1024;  // one huge text does not stay resident
  static thread_local std::string buffers[kBuffers];
  static thread_local std::size_t depth = 0;
  if (depth == kBuffers) {
    std::string out;
    write(out);
    return out;
  }
  std::string& buffer = buffers[depth++];
  buffer.clear();
  struct Release {
    std::string& buffer;
    std::size_t& depth;
    ~Release() {
      --depth;
      if (buffer.capacity() > kKeptCapacity) std::string().swap(buffer);
    }
  } release{buffer, depth};
  write(buffer);
  return std::string(buffer);
}

// One object as text appended to `out`: `fill(TextFields&)` writes its fields.
template <typename Fill>
void append_json_text(std::string& out, Fill&& fill) {
  JsonWriter w(out);
  w.begin_object();
  TextFields fields(w);
  fill(fields);
  w.end_object();
}

// One object as text: `fill(TextFields&)` writes its fields.
template <typename Fill>
std::string json_text(Fill&& fill) {
  return exact_text([&](std::string& out) { append_json_text(out, fill); });
}

// One object as a json::object.
template <typename Fill>
json::object json_tree(Fill&& fill, json::storage_ptr sp = {}) {
  json::object o(std::move(sp));
  TreeFields fields(o);
  fill(fields);
  return o;
}

}  // namespace motcua
