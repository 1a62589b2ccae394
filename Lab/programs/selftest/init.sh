#!/bin/busybox sh
# Guest /init for a manual check of vigil_vuln + vigil-attack + vigil-legit WITHOUT any guard.
# Used by run-guest.sh; prints RESULT lines on the console and powers off.
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys; mount -t devtmpfs dev /dev
hostname lab-host
echo "=== TEST START $(uname -r)"
chmod 700 /root; chmod 1777 /tmp
insmod /vigil_vuln.ko; echo "insmod rc=$?"
ls -l /dev/vigil_vuln
cat /dev/vigil_vuln
echo bogus > /dev/vigil_vuln; echo "bogus rc=$?"
echo noop > /dev/vigil_vuln; echo "noop rc=$?"
for m in noop uid caps commit nsproxy seccomp seccomp-noop; do
  echo top-secret > /root/secret; chmod 600 /root/secret; chown 0:0 /root/secret
  echo "--- attack $m"
  /bin/vigil-attack $m; echo "RESULT attack=$m rc=$?"
  ls -l /root/secret
done
echo "--- attack bogus modes"
/bin/vigil-attack nsswitch; echo "rc=$?"
/bin/vigil-legit run-as 1000 1000 /bin/vigil-attack uid; echo "nonroot rc=$?"
echo "--- hold"
echo top-secret > /root/secret; chmod 600 /root/secret
/bin/vigil-attack commit 1; echo "RESULT attack=commit-hold rc=$?"
echo top-secret > /root/secret; chmod 600 /root/secret
echo "--- legit"
cp /bin/vigil-legit /tmp/suid; chown 0:0 /tmp/suid; chmod 4755 /tmp/suid
/bin/vigil-legit run-as 1000 1000 /tmp/suid setuid-binary; echo "RESULT legit=setuid-binary rc=$?"
cp /bin/vigil-legit /tmp/sgid; chown 0:0 /tmp/sgid; chmod 2755 /tmp/sgid
/bin/vigil-legit run-as 1000 1000 /tmp/sgid setgid-binary; echo "RESULT legit=setgid-binary rc=$?"
/bin/vigil-legit all; echo "RESULT legit=all rc=$?"
/bin/vigil-legit stress 10; echo "RESULT legit=stress rc=$?"
rmmod vigil_vuln; echo "rmmod rc=$?"
echo "=== DMESG"
dmesg | grep -E 'vigil|BUG:|WARNING:|Oops|general protection|Kernel panic|taint' 
echo "=== TEST END"
poweroff -f
