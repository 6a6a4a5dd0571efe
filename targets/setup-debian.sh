#!/usr/bin/env bash
# Installs what ride needs on Debian 12. Idempotent: a run with everything present only checks (as
# any user, without root) and returns in a second. Installing needs root: run by a user, the script
# runs itself again through sudo, which asks for that user's password.
#
#   targets/setup-debian.sh           everything: build, test, benchmark, train, the Python module,
#                                     and cross builds for aarch64 (345 packages, 364 MB to download
#                                     onto a system of only Debian's required packages)
#   targets/setup-debian.sh --codec   only what configuring, building and running the ride program
#                                     needs (the codec-release preset): compiler, CMake, Ninja,
#                                     FlatBuffers, xxHash, libpng, libjpeg, CLI11 (92 packages, 108 MB)
#
# The arm64 builds of XNNPACK, pthreadpool and cpuinfo cannot be installed beside the amd64 ones by
# apt (their -dev packages are not Multi-Arch: same), so they are downloaded and unpacked into a
# private sysroot that targets/toolchains/aarch64-linux-gnu.cmake searches first:
#   ${RIDE_ARM64_SYSROOT:-/opt/ride/arm64-sysroot}
set -euo pipefail

usage() { echo "usage: setup-debian.sh [--codec]" >&2; exit 2; }
codec_only=0
case $# in
  0) ;;
  1) [ "$1" = --codec ] && codec_only=1 || usage ;;
  *) usage ;;
esac

arm64_sysroot=${RIDE_ARM64_SYSROOT:-/opt/ride/arm64-sysroot}

# The codec: the runtime and the ride program (the codec-release preset builds just these).
codec_packages=(
  build-essential cmake ninja-build
  libflatbuffers-dev flatbuffers-compiler   # the model schema: headers, and flatc on the build host
  libxxhash-dev                             # model fingerprints and pixel checksums
  libpng-dev libjpeg62-turbo-dev zlib1g-dev # image files
  libcli11-dev                              # the command line
)
host_packages=(
  "${codec_packages[@]}"
  pkg-config git ca-certificates
  clang libclang-rt-14-dev lld              # libFuzzer and sanitizer runtimes
  libgtest-dev libgmock-dev libbenchmark-dev
  libeigen3-dev liblbfgspp-dev nlohmann-json3-dev
  libxnnpack-dev libpthreadpool-dev
  libopenmpi-dev openmpi-bin                # ride-train over MPI (docs/trainer.md, "Several machines")
  g++-aarch64-linux-gnu qemu-user
  libjxl-tools webp optipng libcharls-dev   # peer codecs for bench/
  python3
  python3-dev pybind11-dev python3-numpy     # the Python module (python/, docs/python.md)
  python3-pytest python3-xxhash              # its tests
  python3-venv python3-pip python3-setuptools python3-wheel  # pip install . into a venv, offline
)
arm64_packages=(
  libgtest-dev:arm64 libgmock-dev:arm64 libflatbuffers-dev:arm64
  libpng-dev:arm64 libjpeg62-turbo-dev:arm64 zlib1g-dev:arm64 libstdc++-12-dev:arm64
)
# Unpacked, not installed (see above).
arm64_unpacked=(
  libxnnpack0:arm64 libxnnpack-dev:arm64
  libpthreadpool0:arm64 libpthreadpool-dev:arm64
  libcpuinfo0:arm64 libcpuinfo-dev:arm64
)

missing() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' || echo "$pkg"
  done
}

# What is missing, found without root, so that a run with nothing to do asks for no password.
stamp="$arm64_sysroot/.unpacked"
add_arm64=0
if [ $codec_only = 1 ]; then
  todo=($(missing "${codec_packages[@]}"))
  nothing_to_do() { [ ${#todo[@]} -eq 0 ]; }
else
  dpkg --print-foreign-architectures | grep -qx arm64 || add_arm64=1
  todo=($(missing "${host_packages[@]}" "${arm64_packages[@]}"))
  nothing_to_do() { [ ${#todo[@]} -eq 0 ] && [ -f "$stamp" ] && [ $add_arm64 = 0 ]; }
fi
if nothing_to_do; then
  if [ $codec_only = 1 ]; then
    echo "setup-debian.sh: the codec's dependencies are present (cmake --workflow --preset codec-release)" >&2
  else
    echo "setup-debian.sh: all dependencies present" >&2
  fi
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo > /dev/null 2>&1; then
    echo "setup-debian.sh: installing packages needs root; running again with sudo" >&2
    exec sudo -- bash "$(readlink -f "$0")" "$@"
  fi
  {
    echo "setup-debian.sh: installing packages needs root, and this is neither root nor has sudo."
    echo "  Run it as root instead:  su -c 'bash $(readlink -f "$0")${1:+ $1}'"
    echo "  (or, as root, 'apt-get install sudo' and 'adduser $(id -un) sudo', log in again, and rerun)"
  } >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $add_arm64 = 1 ]; then
  dpkg --add-architecture arm64
fi
if [ ${#todo[@]} -gt 0 ] || [ $add_arm64 = 1 ]; then
  echo "setup-debian.sh: installing ${todo[*]:-(the arm64 architecture only)}" >&2
  apt-get update -q
  if [ ${#todo[@]} -gt 0 ]; then
    apt-get install -y -q --no-install-recommends "${todo[@]}"
  fi
fi

if [ $codec_only = 0 ] && [ ! -f "$stamp" ]; then
  echo "setup-debian.sh: unpacking arm64 XNNPACK, pthreadpool and cpuinfo into $arm64_sysroot" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download "${arm64_unpacked[@]}")
  mkdir -p "$arm64_sysroot"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$arm64_sysroot"; done
  printf '%s\n' "${arm64_unpacked[@]}" > "$stamp"
fi

echo "setup-debian.sh: all dependencies present" >&2
