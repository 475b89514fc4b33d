#!/bin/bash -e
# pi-gen: copy the ecoboard checkout (placed in files/ecoboard before the build, see image/README.md)
# into the image and run the same installer a running Pi would use. pi-gen runs this from its directory.
install -d "${ROOTFS_DIR}/usr/src/ecoboard"
rsync -a files/ecoboard/ "${ROOTFS_DIR}/usr/src/ecoboard/"
on_chroot <<CHROOT
/usr/src/ecoboard/image/install-on-pi.sh /usr/src/ecoboard
CHROOT
