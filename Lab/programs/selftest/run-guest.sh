#!/bin/bash
# Manual self-test of the lab attack material in a throw-away QEMU guest (no guard).
#   run-guest.sh VMLINUZ KO BINDIR [WORKDIR]
# VMLINUZ  the guest kernel; KO  vigil_vuln.ko built for that kernel;
# BINDIR   holds vigil-attack and vigil-legit (make -C Lab/programs OUT=BINDIR);
# WORKDIR  scratch directory (default: a new mktemp -d). Prints the console's path.
# Needs a static /bin/busybox (busybox-static). Never loads anything on the host.
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 VMLINUZ KO BINDIR [WORKDIR]" >&2; exit 2; }
vmlinuz=$1 ko=$2 bindir=$3 d=${4:-$(mktemp -d)}
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$d/root"; mkdir -p "$d"/root/{bin,proc,sys,dev,tmp,root,etc}
cp /bin/busybox "$bindir/vigil-attack" "$bindir/vigil-legit" "$d/root/bin/"
cp "$ko" "$d/root/vigil_vuln.ko"; cp "$here/init.sh" "$d/root/init"; chmod +x "$d/root/init"
(cd "$d/root" && find . | cpio -o -H newc --owner=0:0 2>/dev/null | gzip -1 > ../initrd.gz)
timeout 300 qemu-system-x86_64 -accel tcg -cpu max -m 1024 -smp 2 -nodefaults -display none \
  -no-reboot -serial stdio -kernel "$vmlinuz" -initrd "$d/initrd.gz" \
  -append "console=ttyS0 quiet loglevel=4 panic=-1" > "$d/console.log" 2>&1 || echo "qemu exit $?"
grep -E 'RESULT|LEGIT mode=(all|stress)|BUG:|WARNING:|Oops|general protection|Kernel panic' "$d/console.log" || true
echo "console: $d/console.log"
