#!/bin/bash
# Install ecoboard as a systemd service on 64-bit Raspberry Pi OS Lite (bookworm, arm64), as root.
#   sudo image/install-on-pi.sh [SOURCE_DIR]        (SOURCE_DIR: an ecoboard checkout, default: this repo)
# The dashboard must be built first (web/dist, Node 20.19+, on the build host): see image/README.md.
# Also run inside the pi-gen chroot by stage-ecoboard/00-install/01-run.sh. Not tested in CI (no Pi here).
set -euo pipefail

SRC="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
PREFIX=/opt/ecoboard
RGBMATRIX_REPO="${RGBMATRIX_REPO:-https://github.com/hzeller/rpi-rgb-led-matrix.git}"
# A fixed upstream commit, so every image builds the same binding: the one Adafruit's rgb-matrix.sh used
# for years, with the bindings/python Makefile targets (build-python, install-python) called below.
# Upstream master has since replaced them with a scikit-build/CMake build (hzeller/rpi-rgb-led-matrix#1865).
RGBMATRIX_REF="${RGBMATRIX_REF:-a3eea997a9254b83ab2de97ae80d83588f696387}"

# 64-bit only: psycopg[binary] and numpy publish manylinux aarch64 wheels, none for 32-bit ARM (armv7l)
arch="$(uname -m)"
if [ "$arch" != aarch64 ]; then
  echo "install-on-pi.sh: $arch is not supported: use 64-bit Raspberry Pi OS (arm64)" >&2
  exit 1
fi
if [ ! -f "$SRC/web/dist/index.html" ]; then
  echo "install-on-pi.sh: $SRC/web/dist is not built: run 'cd web && npm ci && npm run build' (Node 20.19+)" \
       "on the build host, copy web/dist here, then run this again" >&2
  exit 1
fi

apt-get update
apt-get install -y --no-install-recommends python3-venv python3-dev build-essential git cython3

# 1. ecoboard in its own virtualenv, with the pinned dependency set
python3 -m venv "$PREFIX/venv"
"$PREFIX/venv/bin/pip" install --upgrade pip
"$PREFIX/venv/bin/pip" install -c "$SRC/constraints.txt" "$SRC"

# 2. rpi-rgb-led-matrix's Python binding, built from source (it is not on PyPI)
build="$(mktemp -d)"
git clone --depth 1 --branch "$RGBMATRIX_REF" "$RGBMATRIX_REPO" "$build/rgbmatrix" \
  || { git clone "$RGBMATRIX_REPO" "$build/rgbmatrix" && git -C "$build/rgbmatrix" checkout "$RGBMATRIX_REF"; }
make -C "$build/rgbmatrix/lib"
make -C "$build/rgbmatrix/bindings/python" build-python PYTHON="$PREFIX/venv/bin/python"
make -C "$build/rgbmatrix/bindings/python" install-python PYTHON="$PREFIX/venv/bin/python"
rm -rf "$build"
"$PREFIX/venv/bin/python" -c "import rgbmatrix" # fails the install if the binding did not build

# 3. the panel's needs: the on-board sound uses the PWM hardware the matrix drives
echo "blacklist snd_bcm2835" > /etc/modprobe.d/ecoboard-no-onboard-sound.conf

# 4. the dashboard the API serves at / (ECOBOARD_WEB_DIST in the unit)
rm -rf "$PREFIX/web/dist"
install -d -m 0755 "$PREFIX/web"
cp -r "$SRC/web/dist" "$PREFIX/web/dist"
chmod -R u=rwX,go=rX "$PREFIX/web/dist"

# 5. configuration (kept when present) and the service
install -d -m 0755 /etc/ecoboard
[ -e /etc/ecoboard/ecoboard.yaml ] || install -m 0644 "$SRC/systemd/ecoboard.yaml" /etc/ecoboard/ecoboard.yaml
[ -e /etc/ecoboard/ecoboard.env ] || install -m 0600 "$SRC/systemd/ecoboard.env" /etc/ecoboard/ecoboard.env
install -m 0644 "$SRC/ecoboard.example.yaml" /etc/ecoboard/ecoboard.example.yaml   # every key, for reference
install -m 0644 "$SRC/systemd/ecoboard.service" /etc/systemd/system/ecoboard.service
systemctl enable ecoboard.service   # works in a chroot too: it only creates the wants/ symlink
echo "ecoboard installed in $PREFIX; edit /etc/ecoboard/ecoboard.yaml, then: systemctl start ecoboard"
