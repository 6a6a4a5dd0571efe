#!/usr/bin/env bash
# Uses ride the way an embedder does: installs a build into a temporary prefix and builds
# examples/c against the installed package, or builds it through add_subdirectory(), then runs
# the example on the golden image and checks the round trip.
#
#   examples/check_installed.sh host [BUILD_DIR]      # default build/host-release
#   examples/check_installed.sh aarch64 [BUILD_DIR]   # default build/aarch64-release, run under qemu
#   examples/check_installed.sh subdirectory          # examples/subdirectory, from source
#
# host:    checks the installed files, then builds the example through find_package(ride 0.2)
#          (ride::runtime, libride.so) and through pkg-config (libride.so, and --static).
# aarch64: the same with aarch64-linux-gnu-gcc, statically (find_package and pkg-config), and runs
#          the programs under qemu-aarch64 -L /usr/aarch64-linux-gnu.
# Every run must decode the golden PGM exactly and write the bytes of the golden .rim, which the
# x86-64 build made (tests/data/golden/README.md). BUILD_DIR must be built already (for example
# by cmake --workflow --preset host-release). KEEP=1 keeps the temporary directory.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-}
pgm="$root/tests/data/golden/bsds300-crop-96x64.pgm"
golden_rim="$root/tests/data/golden/bsds300-crop-96x64.v3.rim"
qemu=(qemu-aarch64 -L /usr/aarch64-linux-gnu)
generator=()
if command -v ninja >/dev/null; then generator=(-G Ninja); fi

say() { printf 'check_installed: %s\n' "$*"; }
fail() { printf 'check_installed: FAILED: %s\n' "$*" >&2; exit 1; }
# logged LOG COMMAND...: runs COMMAND with its output in LOG, shown if it fails.
logged() {
  local log=$1; shift
  "$@" >> "$log" 2>&1 || { tail -n 40 "$log" >&2; fail "$* (the end of $log is above)"; }
}
# version_is VERSION COMMAND...: COMMAND --version starts with "ride VERSION ".
version_is() {
  local version=$1 line; shift
  line=$("$@" --version) || fail "$* --version failed"
  case "$line" in "ride $version "*) ;; *) fail "$* --version says \"$line\", not ride $version" ;; esac
}

work=$(mktemp -d "${TMPDIR:-/tmp}/ride-check.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  trap 'say "kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi

# run_example SLUG LABEL [RUNNER...] EXECUTABLE: compresses the golden PGM; checks the exit status,
# the exact round trip the example reports and the bytes of the file it wrote.
run_example() {
  local slug=$1 label=$2; shift 2
  local rim="$work/$slug.rim" out="$work/$slug.out"
  "$@" "$pgm" "$rim" > "$out" 2>&1 || { cat "$out" >&2; fail "$label: the example failed"; }
  grep -q "round trip exact" "$out" || { cat "$out" >&2; fail "$label: no exact round trip"; }
  cmp -s "$rim" "$golden_rim" || fail "$label: $rim differs from $golden_rim"
  say "$label: exact round trip, $(wc -c < "$rim") bytes, the golden .rim's bytes"
}

# install_build BUILD_DIR: installs into $work/prefix and checks what is there.
install_build() {
  local build=$1
  [ -f "$build/CMakeCache.txt" ] || fail "$build is not a configured build tree (build it first)"
  prefix="$work/prefix"
  logged "$work/install.log" cmake --install "$build" --prefix "$prefix"
  libdir=$(dirname "$(find "$prefix" -name libride.a -print -quit)")
  [ -n "$libdir" ] && [ "$libdir" != . ] || fail "no libride.a under $prefix"
  version=$(sed -n 's/^#define RIDE_VERSION_STRING "\(.*\)"$/\1/p' "$prefix/include/ride/ride_version.h")
  [ -n "$version" ] || fail "include/ride/ride_version.h gives no RIDE_VERSION_STRING"
  local lib=${libdir#"$prefix"/}
  local expected=(
    include/ride/ride.h include/ride/ride_version.h
    "$lib/libride.a" "$lib/pkgconfig/ride.pc"
    "$lib/cmake/ride/rideConfig.cmake" "$lib/cmake/ride/rideConfigVersion.cmake" "$lib/cmake/ride/rideTargets.cmake"
    bin/ride share/doc/ride/LICENSE)
  shared=0
  if grep -q '^RIDE_BUILD_SHARED:BOOL=ON' "$build/CMakeCache.txt"; then
    shared=1
    expected+=("$lib/libride.so.$version" "$lib/libride.so.${version%%.*}" "$lib/libride.so")
  fi
  if [ -x "$build/bin/ride-train" ]; then expected+=(bin/ride-train bin/ride-compile); fi
  local file
  for file in "${expected[@]}"; do
    [ -e "$prefix/$file" ] || fail "not installed: $file"
  done
  local headers
  headers=$(cd "$prefix/include" && find . -type f | sort | tr '\n' ' ')
  [ "$headers" = "./ride/ride.h ./ride/ride_version.h " ] || fail "installed headers beyond the public two: $headers"
  if [ "$shared" = 1 ]; then
    readelf -d "$libdir/libride.so.$version" | grep -q "(SONAME).*\[libride\.so\.${version%%.*}\]" ||
      fail "libride.so.$version has no soname libride.so.${version%%.*}"
  fi
  export PKG_CONFIG_LIBDIR="$libdir/pkgconfig"  # this package only, not the host's
  unset PKG_CONFIG_PATH
  [ "$(pkg-config --modversion ride)" = "$version" ] || fail "ride.pc says $(pkg-config --modversion ride), not $version"
  say "installed $build into $prefix: ride $version, $(find "$prefix" -type f | wc -l) files"
}

# needs FILE SONAME: FILE's dynamic section lists SONAME (or, with SONAME "", is fully static).
needs() {
  local needed
  needed=$(readelf -d "$1" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
  if [ -z "$2" ]; then
    [ -z "$needed" ] || fail "$1 should be static but needs $needed"
  else
    case " $needed" in *" $2 "*) ;; *) fail "$1 does not link $2 (it needs: $needed)" ;; esac
  fi
}

case "$mode" in
  host)
    install_build "${2:-$root/build/host-release}"
    version_is "$version" "$prefix/bin/ride"
    soname=libride.so.${version%%.*}

    logged "$work/find-package.log" cmake -S "$root/examples/c" -B "$work/find-package" "${generator[@]}" \
           -DCMAKE_BUILD_TYPE=Release -DCMAKE_PREFIX_PATH="$prefix"
    logged "$work/find-package.log" cmake --build "$work/find-package"
    if [ "$shared" = 1 ]; then
      needs "$work/find-package/compress_pgm" "$soname"
      run_example find-package "find_package(ride 0.2), ride::runtime = $soname" "$work/find-package/compress_pgm"
    else
      run_example find-package "find_package(ride 0.2), ride::runtime = libride.a" "$work/find-package/compress_pgm"
    fi

    if [ "$shared" = 1 ]; then
      mkdir -p "$work/pkg-config"
      logged "$work/pkg-config.log" make -f "$root/examples/c/Makefile" -C "$work/pkg-config" \
             LDFLAGS="-Wl,-rpath,$libdir"
      needs "$work/pkg-config/compress_pgm" "$soname"
      run_example pkg-config "pkg-config ride, $soname" "$work/pkg-config/compress_pgm"
    fi
    mkdir -p "$work/pkg-config-static"
    logged "$work/pkg-config.log" make -f "$root/examples/c/Makefile" -C "$work/pkg-config-static" STATIC=1
    needs "$work/pkg-config-static/compress_pgm" ""
    run_example pkg-config-static "pkg-config --static ride, fully static" "$work/pkg-config-static/compress_pgm"
    ;;

  aarch64)
    install_build "${2:-$root/build/aarch64-release}"
    version_is "$version" "${qemu[@]}" "$prefix/bin/ride"

    logged "$work/find-package.log" cmake -S "$root/examples/c" -B "$work/find-package" "${generator[@]}" \
           -DCMAKE_BUILD_TYPE=Release -DCMAKE_TOOLCHAIN_FILE="$root/targets/toolchains/aarch64-linux-gnu.cmake" \
           -DCMAKE_PREFIX_PATH="$prefix" -DRIDE_EXAMPLE_STATIC=ON -DCMAKE_EXE_LINKER_FLAGS=-static
    logged "$work/find-package.log" cmake --build "$work/find-package"
    needs "$work/find-package/compress_pgm" ""
    run_example find-package "aarch64, find_package(ride 0.2), fully static, qemu" "${qemu[@]}" \
                "$work/find-package/compress_pgm"

    mkdir -p "$work/pkg-config-static"
    logged "$work/pkg-config.log" make -f "$root/examples/c/Makefile" -C "$work/pkg-config-static" \
           CC=aarch64-linux-gnu-gcc STATIC=1
    needs "$work/pkg-config-static/compress_pgm" ""
    run_example pkg-config-static "aarch64, pkg-config --static ride, qemu" "${qemu[@]}" \
                "$work/pkg-config-static/compress_pgm"
    ;;

  subdirectory)
    logged "$work/subdirectory.log" cmake -S "$root/examples/subdirectory" -B "$work/subdirectory" \
           "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DRIDE_SOURCE_DIR="$root"
    logged "$work/subdirectory.log" cmake --build "$work/subdirectory"
    run_example subdirectory "add_subdirectory(ride), ride::runtime" "$work/subdirectory/compress_pgm"
    ;;

  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
say "$mode: passed"
