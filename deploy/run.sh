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

own_config=0
for a in "$@"; do
  if [[ "$a" == --config || "$a" == --config=* ]]; then own_config=1; fi
done

if [[ $own_config == 1 ]]; then
  # Your own office: its [server] db, listen and port hold; a flag here would override them.
  args=()
  if [[ -n "${MOTCUA_LISTEN:-}" ]]; then args+=(--listen "$MOTCUA_LISTEN"); fi
  if [[ -n "${MOTCUA_PORT:-}" ]]; then args+=(--port "$MOTCUA_PORT"); fi
  server="ĐỊA-CHỈ-MÁY-CHỦ:CỔNG"
  pad_key="KHÓA-MÁY-ĐÁNH-GIÁ-QUẦY-1"
else
  mkdir -p "$ROOT/var"
  args=(--db "$ROOT/var/motcua-demo.db" --listen "${MOTCUA_LISTEN:-127.0.0.1}" --port "${MOTCUA_PORT:-8080}")
  if [[ "${MOTCUA_SIMULATE:-1}" != "0" ]]; then args+=(--simulate); fi
  server="127.0.0.1:${MOTCUA_PORT:-8080}"
  pad_key="demo-pad-key-1"
fi

cat <<TXT

  Bảng gọi số (màn hình sảnh), ở máy có màn hình:
    $ROOT/build/release/display/display --server $server
  Quầy (cán bộ) và máy đánh giá:
    $ROOT/build/release/counter-client/counter-client --server $server
    $ROOT/build/release/counter-client/counter-client --server $server --rating-pad --counter 1 --key $pad_key
    (máy đánh giá trên màn hình thứ hai của máy quầy: thêm --monitor 2 --fullscreen)
  Dừng: Ctrl+C
TXT
exec "$ROOT/build/release/ticketd/ticketd" "${args[@]}" "$@"
