#!/usr/bin/env bash
# Runs one of the README's two commands on a fresh Debian 12: a minimal bookworm made
# with debootstrap in a folder, nothing else installed, the project cloned into it.
# A machine that already has a newer Node.js, say, hides what Debian's own packages
# would do (session 16 found the browser tests needed Node 20 that way).
#   deploy/fresh-debian-check.sh test [DIR]   CI=true ./.ci/run inside (default DIR /tmp/motcua-fresh)
#   deploy/fresh-debian-check.sh run  [DIR]   ./deploy/run.sh inside, on port 18080, until
#                                             /api/health answers, then stops it
# Needs root, debootstrap and the network; leaves DIR behind to look into (the script
# unmounts what it mounted). Extra CA certificates in /usr/local/share/ca-certificates
# (a TLS-inspecting proxy's) are copied in, since npm must reach its registry.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
what=${1:-}
dir=${2:-/tmp/motcua-fresh}
[[ "$what" == test || "$what" == run ]] || { sed -n '2,12p' "$0" >&2; exit 2; }
[[ $(id -u) -eq 0 ]] || { echo "fresh-debian-check: run as root" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "fresh-debian-check: apt-get install debootstrap" >&2; exit 1; }
[[ ! -e "$dir" ]] || { echo "fresh-debian-check: $dir exists; remove it or name another" >&2; exit 1; }

mkdir -p "$dir"
debootstrap --variant=minbase bookworm "$dir" http://deb.debian.org/debian
cat >"$dir/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
cp /etc/resolv.conf "$dir/etc/resolv.conf"
mkdir -p "$dir/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$dir/usr/local/share/ca-certificates/" 2>/dev/null || true
git clone -q "$ROOT" "$dir/root/motcua"

mount -t proc proc "$dir/proc"
mount -t sysfs sys "$dir/sys"
mount --rbind /dev "$dir/dev"
mount --make-rslave "$dir/dev"
cleanup() {
  umount -R "$dir/dev" 2>/dev/null || umount -lR "$dir/dev" 2>/dev/null || true
  umount "$dir/proc" "$dir/sys" 2>/dev/null || true
}
trap cleanup EXIT

inside=(chroot "$dir" /usr/bin/env -i HOME=/root LANG=C.UTF-8
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [[ "$what" == test ]]; then
  "${inside[@]}" CI=true /bin/bash -c 'cd /root/motcua && ./.ci/run' </dev/null
  exit
fi

# A session of its own, so that stopping it stops ticketd too.
setsid "${inside[@]}" MOTCUA_PORT=18080 /bin/bash -c 'cd /root/motcua && exec ./deploy/run.sh' </dev/null &
runner=$!
stop_runner() { kill -- -"$runner" 2>/dev/null || kill "$runner" 2>/dev/null || true; wait "$runner" 2>/dev/null || true; }
for _ in $(seq 3600); do
  if ! kill -0 "$runner" 2>/dev/null; then echo "fresh-debian-check: run.sh ended before serving" >&2; exit 1; fi
  if curl -fs http://127.0.0.1:18080/api/health; then
    echo
    echo "fresh-debian-check: the demo office answers on a fresh Debian 12"
    stop_runner
    exit 0
  fi
  sleep 1
done
echo "fresh-debian-check: no answer within an hour" >&2
stop_runner
exit 1
