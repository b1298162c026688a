#!/usr/bin/env bash
# Test command: installs what is missing, builds, and runs the whole suite with ctest.
#   ./deploy/test.sh            everything
#   ./deploy/test.sh -R Store   only tests matching a ctest regex
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

./deploy/deps.sh --test
./deploy/build.sh

# Browser tests use playwright-core from npm with Debian's chromium; install their
# locked dependencies inside the tree (no browser download).
for dir in tests/*/; do
  if [[ -f "$dir/package-lock.json" ]]; then
    (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  fi
done

(cd "$ROOT/build/release" && ctest --output-on-failure --no-tests=error --timeout 600 -j2 "$@")

# The pure core once more under AddressSanitizer and UBSan (debug preset): cheap to
# build, and where a memory or arithmetic slip in the domain would hide.
if (($# == 0)); then
  cmake --preset debug >/dev/null
  cmake --build --preset debug --target domain_tests stats_tests speech_tests screen_tests backup_plan_tests
  for t in tests/common/domain_tests tests/common/stats/stats_tests tests/common/speech/speech_tests \
    tests/common/screen/screen_tests tests/common/backup/backup_plan_tests; do
    "$ROOT/build/debug/$t" --gtest_brief=1
  done
fi
