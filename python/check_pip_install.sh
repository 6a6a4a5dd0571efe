#!/usr/bin/env bash
# Installs the Python module as a user would, offline: a virtual environment that sees Debian's
# NumPy and setuptools, `pip install --no-build-isolation .` from the repository, then the module's
# tests run against the installed package (not the build tree), with the programs of BUILD_DIR for
# the command-line comparisons. Prints how long the install took.
#
#   python/check_pip_install.sh [BUILD_DIR]   # default build/host-release, built already
#
# KEEP=1 keeps the temporary directory (the venv).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build/host-release}" && pwd)
python=/usr/bin/python3  # Debian's, with python3-numpy (not a python3 earlier on PATH)
tmp=$(mktemp -d)
if [ "${KEEP:-0}" != 1 ]; then trap 'rm -rf "$tmp"' EXIT; fi

"$python" -m venv --system-site-packages "$tmp/venv"
started=$(date +%s)
(cd "$root" && "$tmp/venv/bin/pip" install --no-build-isolation --no-input --quiet .)
printf 'check_pip_install: pip install . took %d s\n' "$(( $(date +%s) - started ))"

# From a folder outside the repository, so that `import ride` can only find the installed package.
cd "$tmp"
"$tmp/venv/bin/python" -c 'import ride, sys; assert ride.__file__.startswith(sys.prefix), ride.__file__'
RIDE_BIN_DIR="$build/bin" PYTHONDONTWRITEBYTECODE=1 \
  "$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests"
echo "check_pip_install: the installed package passes its tests"
