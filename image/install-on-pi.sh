#!/bin/bash
# Install ecoboard as a systemd service on Raspberry Pi OS (Lite, bookworm), as root.
#   sudo image/install-on-pi.sh [SOURCE_DIR]        (SOURCE_DIR: an ecoboard checkout, default: this repo)
# Also run inside the pi-gen chroot by stage-ecoboard/00-install/01-run.sh. Not tested in CI (no Pi here).
set -euo pipefail

SRC="$(cd "${1:-$(dirname "$0")/..}" && pwd)"
PREFIX=/opt/ecoboard
RGBMATRIX_REPO="${RGBMATRIX_REPO:-https://github.com/hzeller/rpi-rgb-led-matrix.git}"
RGBMATRIX_REF="${RGBMATRIX_REF:-master}"   # pin a commit for reproducible images

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

# 4. configuration and the service
install -d -m 0755 /etc/ecoboard
[ -e /etc/ecoboard/ecoboard.env ] || install -m 0600 "$SRC/systemd/ecoboard.env" /etc/ecoboard/ecoboard.env
install -m 0644 "$SRC/systemd/ecoboard.service" /etc/systemd/system/ecoboard.service
systemctl enable ecoboard.service   # works in a chroot too: it only creates the wants/ symlink
echo "ecoboard installed in $PREFIX; edit /etc/ecoboard/ecoboard.env, then: systemctl start ecoboard"
