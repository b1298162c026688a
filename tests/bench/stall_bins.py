#!/usr/bin/env python3
"""Reads a load_generator LOAD_SERIES file and says whether its slow requests come together.

Usage: stall_bins.py SERIES_FILE [BIN_MS] [CONNECTIONS]

Requests slower than the run's p99 are grouped by when they were sent, in bins of BIN_MS
(default 5). A bin holding at least a quarter of CONNECTIONS (default 64) such requests
is a stall: in a closed loop, a server that stops for a few ms delays every request
outstanding at once. Prints p50/p99/p99.9, and each stall as "start_ms:max_latency_ms".
"""
import collections
import sys


def main() -> None:
    path = sys.argv[1]
    bin_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 5.0
    connections = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    rows = [tuple(map(float, line.split())) for line in open(path, encoding="ascii") if line.strip()]
    if not rows:
        sys.exit("no requests in " + path)
    latencies = sorted(latency for _, latency in rows)
    n = len(latencies)
    p99 = latencies[int(0.99 * n)]
    bins = collections.defaultdict(list)
    for sent, latency in rows:
        bins[int(sent // bin_ms)].append(latency)
    stalls = [(b * bin_ms, max(ls)) for b, ls in sorted(bins.items()) if sum(1 for x in ls if x > p99) >= connections / 4]
    slow_in_stalls = sum(sum(1 for x in bins[int(t // bin_ms)] if x > p99) for t, _ in stalls)
    slow = sum(1 for x in latencies if x > p99)
    print(f"requests {n}  p50 {latencies[n // 2]:.2f}  p99 {p99:.2f}  p99.9 {latencies[int(0.999 * n)]:.2f}  "
          f"max {latencies[-1]:.2f} ms")
    print(f"{len(stalls)} stalls hold {slow_in_stalls} of the {slow} requests over p99: "
          + " ".join(f"{t:.0f}:{m:.1f}" for t, m in stalls))


if __name__ == "__main__":
    main()
