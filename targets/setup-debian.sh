#!/usr/bin/env bash
# Installs everything ride needs to build, test and benchmark on Debian 12, for the x86-64 host and
# for the aarch64 cross target. Run as root. Idempotent: a second run with everything present only
# checks and returns in seconds.
#
#   sudo targets/setup-debian.sh
#
# The arm64 builds of XNNPACK, pthreadpool and cpuinfo cannot be installed beside the amd64 ones by
# apt (their -dev packages are not Multi-Arch: same), so they are downloaded and unpacked into a
# private sysroot that targets/toolchains/aarch64-linux-gnu.cmake searches first:
#   ${RIDE_ARM64_SYSROOT:-/opt/ride/arm64-sysroot}
set -euo pipefail

arm64_sysroot=${RIDE_ARM64_SYSROOT:-/opt/ride/arm64-sysroot}

host_packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  clang libclang-rt-14-dev lld              # libFuzzer and sanitizer runtimes
  libgtest-dev libgmock-dev libbenchmark-dev
  libeigen3-dev liblbfgspp-dev
  libflatbuffers-dev flatbuffers-compiler
  libxnnpack-dev libpthreadpool-dev
  libpng-dev libjpeg62-turbo-dev zlib1g-dev
  libcli11-dev nlohmann-json3-dev libxxhash-dev
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

if [ "$(id -u)" -ne 0 ]; then
  echo "setup-debian.sh: run as root (it calls apt-get and dpkg)" >&2
  exit 1
fi

missing() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q '^install ok installed$' || echo "$pkg"
  done
}

if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  dpkg --add-architecture arm64
  need_update=1
fi

todo=($(missing "${host_packages[@]}" "${arm64_packages[@]}"))
stamp="$arm64_sysroot/.unpacked"
if [ ${#todo[@]} -gt 0 ] || [ ! -f "$stamp" ] || [ "${need_update:-0}" = 1 ]; then
  echo "setup-debian.sh: installing ${todo[*]:-(arm64 sysroot only)}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  if [ ${#todo[@]} -gt 0 ]; then
    apt-get install -y -q --no-install-recommends "${todo[@]}"
  fi
fi

if [ ! -f "$stamp" ]; then
  echo "setup-debian.sh: unpacking arm64 XNNPACK, pthreadpool and cpuinfo into $arm64_sysroot" >&2
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && apt-get download "${arm64_unpacked[@]}")
  mkdir -p "$arm64_sysroot"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$arm64_sysroot"; done
  printf '%s\n' "${arm64_unpacked[@]}" > "$stamp"
fi

echo "setup-debian.sh: all dependencies present" >&2
