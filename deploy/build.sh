#!/usr/bin/env bash
# Configures and builds the release preset into build/release with 2 jobs.
#   deploy/build.sh [targets…]
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
if (($# > 0)); then
  cmake --build --preset release --target "$@"
else
  cmake --build --preset release
fi
