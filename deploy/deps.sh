#!/usr/bin/env bash
# Installs the Debian 12 packages motcua needs, only those missing.
#   deploy/deps.sh          build + run
#   deploy/deps.sh --test   also what the test suite and benchmarks need
set -euo pipefail

packages=(
  # toolchain
  g++ make cmake pkg-config git ca-certificates
  # core libraries (Boost 1.81 must be named: plain libboost-dev is 1.74 and conflicts)
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev sqlite3 libsodium-dev
  libtoml11-dev libcli11-dev zlib1g-dev libpng-dev libqrencode-dev libicu-dev libxlsxwriter-dev
  # SDL programs, fonts and the Vietnamese voice
  libsdl2-dev libsdl2-ttf-dev fonts-dejavu-core libespeak-ng-dev espeak-ng-data libimgui-dev
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(
    libgtest-dev libgmock-dev libbenchmark-dev
    xvfb xauth chromium zbar-tools tesseract-ocr tesseract-ocr-vie sox curl procps python3-openpyxl
    # a real X server with two monitors, for the --monitor tests (Xvfb shows SDL only one)
    xserver-xorg-core xserver-xorg-video-dummy x11-xserver-utils libx11-dev
  )
  # Node.js runs the browser tests; keep an existing installation if there is one.
  command -v node >/dev/null 2>&1 || packages+=(nodejs)
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "deps: run as root (or install sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
