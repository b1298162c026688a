#!/usr/bin/env bash
# ticketd benchmark (issue 2). Not a test: prints a Markdown table for BENCHMARKS.md.
#  - durable POST /api/tickets (synchronous=FULL) and GET /api/queue at 64 connections,
#    each as a ratio to a bare Beast server built in the tree, measured in alternating
#    rounds in this same script run (median of ROUNDS). The bare server runs with one
#    and with two threads each round, and the faster is the baseline: which one wins
#    depends on the machine (on 2 cores, one thread beside the load generator did).
#  - ticketd's RSS and restart time on a database holding 1,000,000 tickets of history.
#  - the disk's sync latency each round (200 synced 40 KiB overwrites, as a commit's WAL
#    pages are): ticketd waits for one per commit and the bare server for none, so on a
#    shared host the ratio moves with it (BENCHMARKS.md, session 15).
# Usage: tests/bench/run_ticketd_bench.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${1:-$ROOT/build/release}
ROUNDS=${ROUNDS:-5}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-4}
CONNS=${CONNS:-64}
HISTORY=${HISTORY:-1000000}
WORK=$(mktemp -d /tmp/motcua-bench-XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

cmake --build "$BUILD" --target ticketd bare_beast_server load_generator history_seed >/dev/null

cat > "$WORK/bench.toml" <<'TOML'
office_name = "Văn phòng đo hiệu năng"
[[services]]
code = "bench"
name = "Đo hiệu năng"
first_number = 1
last_number = 99999999
[[counters]]
number = 1
services = ["bench"]
[[officers]]
username = "u"
password = "benchmark"
[[devices]]
id = "kiosk"
kind = "kiosk"
key = "bench-kiosk-key"
TOML

start_ticketd() {  # $1 = db
  rm -f "$WORK/port"
  "$BUILD/ticketd/ticketd" --config "$WORK/bench.toml" --db "$1" --port 0 --port-file "$WORK/port" \
    --synchronous FULL >"$WORK/ticketd.log" 2>&1 &
  TICKETD=$!
  for _ in $(seq 500); do [[ -s "$WORK/port" ]] && break; sleep 0.01; done
  PORT=$(cat "$WORK/port")
}
start_bare() {  # $1 = threads
  coproc BARE { exec "$BUILD/tests/bench/bare_beast_server" "$1"; }
  read -r PORT <&"${BARE[0]}"
}
load() {  # port method path [body] [header]
  "$BUILD/tests/bench/load_generator" "$1" "$CONNS" "$SECONDS_PER_RUN" "${@:2}"
}
disk_sync_us() {  # mean latency of a synced 40 KiB overwrite of a file that does not grow
  local f="$WORK/disk-probe" t0 t1
  [[ -f "$f" ]] || { dd if=/dev/zero of="$f" bs=40k count=200 status=none; sync; }
  t0=$(date +%s%N)
  dd if=/dev/zero of="$f" bs=40k count=200 oflag=dsync conv=notrunc status=none
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 200000 ))
}
field() { sed -E "s/.*\"$1\":([0-9.]+).*/\1/" <<<"$2"; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$WORK/issue.txt"
: >"$WORK/queue.txt"
faster() {  # two load results: the one with more req/s
  if awk -v a="$(field rps "$1")" -v b="$(field rps "$2")" 'BEGIN {exit !(a >= b)}'; then echo "$1"; else echo "$2"; fi
}
for round in $(seq "$ROUNDS"); do
  for threads in 1 2; do
    start_bare "$threads"
    printf -v "bare${threads}_post" '%s' "$(load "$PORT" POST /api/tickets '{"service":"bench"}' "X-Device-Key: bench-kiosk-key")"
    printf -v "bare${threads}_get" '%s' "$(load "$PORT" GET /api/queue)"
    kill "$BARE_PID"; wait "$BARE_PID" 2>/dev/null || true
  done
  bare_post=$(faster "$bare1_post" "$bare2_post")
  bare_get=$(faster "$bare1_get" "$bare2_get")
  disk_us=$(disk_sync_us)
  start_ticketd "$WORK/round$round.db"
  td_post=$(load "$PORT" POST /api/tickets '{"service":"bench"}' "X-Device-Key: bench-kiosk-key")
  # The queue read is measured on the live office with today's tickets in it.
  td_get=$(load "$PORT" GET /api/queue)
  kill "$TICKETD"; wait "$TICKETD" 2>/dev/null || true
  echo "$(field rps "$td_post") $(field rps "$bare_post") $(field p50_ms "$td_post") $(field p99_ms "$td_post") $(field errors "$td_post") $(field rps "$bare1_post") $(field rps "$bare2_post") $disk_us" >>"$WORK/issue.txt"
  echo "$(field rps "$td_get") $(field rps "$bare_get") $(field p50_ms "$td_get") $(field p99_ms "$td_get") $(field errors "$td_get") $(field rps "$bare1_get") $(field rps "$bare2_get")" >>"$WORK/queue.txt"
  echo "round $round: disk sync ${disk_us} us; issue $td_post vs bare (1 thread) $bare1_post, (2 threads) $bare2_post; queue $td_get vs bare (1) $bare1_get, (2) $bare2_get" >&2
done

summary() {  # file label
  local ratio rps bare p50 p99 errs by_threads
  ratio=$(awk '{printf "%.3f\n", $1/$2}' "$1" | median)
  by_threads=$(printf '%s / %s' "$(awk '{print $6}' "$1" | median)" "$(awk '{print $7}' "$1" | median)")
  rps=$(awk '{print $1}' "$1" | median)
  bare=$(awk '{print $2}' "$1" | median)
  p50=$(awk '{print $3}' "$1" | median)
  p99=$(awk '{print $4}' "$1" | median)
  errs=$(awk '{s+=$5} END {print s}' "$1")
  echo "| $2 | $rps | $bare ($by_threads) | **$ratio** | $p50 | $p99 | $errs |"
}

# History: seed, then time a cold start to the first answered request, and read RSS.
"$BUILD/tests/bench/history_seed" "$WORK/history.db" "$HISTORY" 30 >&2
sync
t0=$(date +%s%N)
start_ticketd "$WORK/history.db"
until curl -fs "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1; do sleep 0.005; done
t1=$(date +%s%N)
load "$PORT" GET /api/queue >/dev/null
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$TICKETD/status")
hwm_kb=$(awk '/VmHWM/ {print $2}' "/proc/$TICKETD/status")
kill "$TICKETD"; wait "$TICKETD" 2>/dev/null || true

echo
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, $ROUNDS alternating rounds of ${SECONDS_PER_RUN} s, $CONNS connections."
echo
echo "| what | ticketd req/s | bare Beast req/s, the faster each round (1 thread / 2 threads) | ratio (median) | ticketd p50 ms | ticketd p99 ms | errors |"
echo "|---|---|---|---|---|---|---|"
summary "$WORK/issue.txt" "POST /api/tickets (synchronous=FULL)"
summary "$WORK/queue.txt" "GET /api/queue"
echo
echo "Disk sync latency before each ticketd round (synced 40 KiB overwrite, mean of 200): median $(awk '{print $8}' "$WORK/issue.txt" | median) µs, rounds: $(awk '{printf "%s%s", sep, $8; sep=", "}' "$WORK/issue.txt") µs."
echo "Per round (ratio, ticketd req/s, disk sync µs): $(awk '{printf "%s%.3f / %d / %d", sep, $1/$2, $1, $8; sep="; "}' "$WORK/issue.txt")."
echo
echo "| with $HISTORY tickets of history | value |"
echo "|---|---|"
echo "| restart: exec to first answered request | $(( (t1 - t0) / 1000000 )) ms |"
echo "| RSS after start and a queue read | $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB) |"
