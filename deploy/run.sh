#!/usr/bin/env bash
# Run command: installs what is missing, builds, and starts the demo ward office.
#   ./deploy/run.sh                 demo office with simulated citizens and officers
#   MOTCUA_SIMULATE=0 ./deploy/run.sh    demo office, quiet (you act yourself)
#   ./deploy/run.sh --config office.toml  your own office
# Extra arguments go to ticketd (see: build/release/ticketd/ticketd --help).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

./deploy/deps.sh
./deploy/build.sh ticketd display counter-client

mkdir -p "$ROOT/var"
args=(--db "$ROOT/var/motcua-demo.db" --listen "${MOTCUA_LISTEN:-127.0.0.1}" --port "${MOTCUA_PORT:-8080}")
if [[ "${MOTCUA_SIMULATE:-1}" != "0" && " $* " != *" --config "* ]]; then
  args+=(--simulate)
fi

cat <<TXT

  Bảng gọi số (màn hình sảnh), ở máy có màn hình:
    $ROOT/build/release/display/display --server 127.0.0.1:${MOTCUA_PORT:-8080}
  Quầy (cán bộ) và máy đánh giá:
    $ROOT/build/release/counter-client/counter-client --server 127.0.0.1:${MOTCUA_PORT:-8080}
    $ROOT/build/release/counter-client/counter-client --server 127.0.0.1:${MOTCUA_PORT:-8080} --rating-pad --counter 1 --key demo-pad-key-1
    (máy đánh giá trên màn hình thứ hai của máy quầy: thêm --monitor 2 --fullscreen)
  Dừng: Ctrl+C
TXT
exec "$ROOT/build/release/ticketd/ticketd" "${args[@]}" "$@"
