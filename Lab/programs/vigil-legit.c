/*
 * vigil-legit MODE [ARGS]
 *
 * Legitimate privilege activity that a kernel runtime guard must stay silent
 * on. Each mode prints `LEGIT mode=M ok` and exits 0 on success; on failure it
 * prints `LEGIT mode=M FAIL: what (errno text)` on stderr and exits 1.
 *
 * Modes (run as root unless said otherwise):
 *   setuid-binary    installed setuid-root (cp + chmod 4755), run by a non-root
 *                    user: checks euid 0, reads /root/secret, drops back to the
 *                    real uid
 *   setgid-binary    installed setgid-root (chown :0 + chmod 2755), run by a
 *                    non-root user: checks egid 0, creates a file that gets gid 0,
 *                    drops back to the real gid
 *   caps-drop        bounding-set drops, capset down to CAP_NET_BIND_SERVICE,
 *                    PR_SET_KEEPCAPS, setresuid 1000, ambient raise, exec a child
 *                    that binds port 80 as uid 1000
 *   file-caps        copies itself to /tmp/fcap-helper with a security.capability
 *                    xattr (CAP_NET_BIND_SERVICE), runs it as uid 1000, which binds
 *                    port 80
 *   userns           drops to uid 1000, unshare(CLONE_NEWUSER) and maps itself to
 *                    root, unshare(NEWNS|NEWUTS), sethostname
 *   setns            setns(2) into a child's fresh UTS and net namespaces
 *   no-new-privs     PR_SET_NO_NEW_PRIVS, then exec /bin/busybox true
 *   seccomp-filter   a BPF filter making uname fail with EPERM, then a stacked
 *                    second filter in a child
 *   seccomp-strict   a child in SECCOMP_MODE_STRICT writes and exit(2)s
 *   faccessat        access()/faccessat(AT_EACCESS)/faccessat2 with real != effective uid
 *   setuid-family    setresuid/setresgid/setreuid/setregid/setfsuid/setfsgid/setgroups
 *                    round trips, ending unprivileged
 *   keyctl           join a named session keyring; KEYCTL_SESSION_TO_PARENT from a child
 *   stress SECONDS   fork loop: setresuid+exit, exec busybox true, clone(CLONE_NEWUTS),
 *                    setgroups+exit; prints the iteration count
 *   all              every mode above except stress and the setuid/setgid-binary
 *                    ones, each in a forked child
 *   run-as UID GID PROGRAM [ARGS...]
 *                    helper for scenarios: drop to UID/GID (no groups) and exec
 *                    PROGRAM (e.g. a setuid copy of this program)
 *
 * Internal: file-caps-child, caps-drop-child (exec'd by the modes above).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/keyctl.h>
#include <linux/seccomp.h>

#define SECRET "/root/secret"
#define BUSYBOX "/bin/busybox"
#define LOW_ID 1000
#define FCAP_HELPER "/tmp/fcap-helper"
#define FCAP_TMPFS "/tmp/vigil-fcap"

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif
#ifndef PR_CAP_AMBIENT
#define PR_CAP_AMBIENT 47
#define PR_CAP_AMBIENT_IS_SET 1
#define PR_CAP_AMBIENT_RAISE 2
#endif

static const char *g_mode = "?";

static int fail(const char *fmt, ...)
{
	int e = errno;
	va_list ap;
	fprintf(stderr, "LEGIT mode=%s FAIL: ", g_mode);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (errno=%d %s)\n", e, strerror(e));
	return 1;
}

static int ok(void)
{
	printf("LEGIT mode=%s ok\n", g_mode);
	return 0;
}

#define CHECK(cond, ...)                          \
	do {                                      \
		if (!(cond))                      \
			return fail(__VA_ARGS__); \
	} while (0)

/* ---------- helpers ---------- */

struct caps {
	uint64_t eff, perm, inh;
};

static int caps_get(struct caps *c)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return -1;
	c->eff = ((uint64_t)d[1].effective << 32) | d[0].effective;
	c->perm = ((uint64_t)d[1].permitted << 32) | d[0].permitted;
	c->inh = ((uint64_t)d[1].inheritable << 32) | d[0].inheritable;
	return 0;
}

static int caps_set(uint64_t eff, uint64_t perm, uint64_t inh)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2];
	d[0].effective = (uint32_t)eff;
	d[1].effective = (uint32_t)(eff >> 32);
	d[0].permitted = (uint32_t)perm;
	d[1].permitted = (uint32_t)(perm >> 32);
	d[0].inheritable = (uint32_t)inh;
	d[1].inheritable = (uint32_t)(inh >> 32);
	return (int)syscall(SYS_capset, &h, d);
}

#define BIT(c) (1ULL << (c))

/* Finds FIELD ("CapEff:") in /proc/self/status and parses its value in BASE. */
static int status_number(const char *field, int base, unsigned long long *out)
{
	char line[256];
	size_t flen = strlen(field);
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return -1;
	int found = -1;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, field, flen) == 0) {
			*out = strtoull(line + flen, NULL, base);
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

/* A hex field of /proc/self/status (capability sets). */
static int status_hex(const char *field, uint64_t *out)
{
	unsigned long long value = 0;
	if (status_number(field, 16, &value) != 0)
		return -1;
	*out = value;
	return 0;
}

/* A decimal field of /proc/self/status (NoNewPrivs, Seccomp). */
static int status_int(const char *field, long *out)
{
	unsigned long long value = 0;
	if (status_number(field, 10, &value) != 0)
		return -1;
	*out = (long)value;
	return 0;
}

static int drop_to(uid_t uid, gid_t gid)
{
	if (setgroups(0, NULL) != 0)
		return fail("setgroups(0, NULL)");
	if (setresgid(gid, gid, gid) != 0)
		return fail("setresgid(%u)", gid);
	if (setresuid(uid, uid, uid) != 0)
		return fail("setresuid(%u)", uid);
	uid_t r, e, s;
	if (getresuid(&r, &e, &s) != 0 || r != uid || e != uid || s != uid)
		return fail("getresuid after drop: %u/%u/%u", r, e, s);
	return 0;
}

/* Binds a TCP socket to port 80 on 127.0.0.1 (0.0.0.0 when loopback is down). */
static int bind_port_80(void)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return fail("socket(AF_INET)");
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a;
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons(80);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
		if (errno != EADDRNOTAVAIL) {
			close(s);
			return fail("bind 127.0.0.1:80");
		}
		a.sin_addr.s_addr = htonl(INADDR_ANY);
		if (bind(s, (struct sockaddr *)&a, sizeof(a)) != 0) {
			close(s);
			return fail("bind 0.0.0.0:80");
		}
	}
	close(s);
	return 0;
}

/* Waits for pid; returns 0 when it exited 0, else reports and returns 1. */
static int wait_ok(pid_t pid, const char *what)
{
	int st;
	pid_t w;
	do
		w = waitpid(pid, &st, 0);
	while (w < 0 && errno == EINTR);
	if (w != pid)
		return fail("waitpid(%s)", what);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	errno = 0;
	if (WIFSIGNALED(st))
		return fail("%s killed by signal %d", what, WTERMSIG(st));
	return fail("%s exited %d", what, WEXITSTATUS(st));
}

static int read_secret(void)
{
	char buf[128];
	int fd = open(SECRET, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, sizeof(buf));
	int e = errno;
	close(fd);
	errno = e;
	return n < 0 ? -1 : 0;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, text, strlen(text));
	int e = errno;
	close(fd);
	errno = e;
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* ---------- modes ---------- */

static int m_setuid_binary(void)
{
	uid_t ruid = getuid();
	CHECK(ruid != 0, "run me as a non-root user from a setuid-root copy (real uid is 0)");
	CHECK(geteuid() == 0, "euid is %u, not 0: is the binary setuid root (chmod 4755, owner 0)?", geteuid());
	CHECK(read_secret() == 0, "read " SECRET " with euid 0");
	CHECK(setresuid(ruid, ruid, ruid) == 0, "setresuid(%u) to drop back", ruid);
	uid_t r, e, s;
	CHECK(getresuid(&r, &e, &s) == 0 && r == ruid && e == ruid && s == ruid,
	      "getresuid after drop: %u/%u/%u", r, e, s);
	errno = 0;
	CHECK(read_secret() != 0, "could still read " SECRET " after dropping back");
	return ok();
}

static int m_setgid_binary(void)
{
	gid_t rgid = getgid();
	CHECK(rgid != 0, "run me as a non-root group from a setgid-root copy (real gid is 0)");
	CHECK(getegid() == 0, "egid is %u, not 0: is the binary setgid root (chmod 2755, group 0)?", getegid());
	char path[64];
	snprintf(path, sizeof(path), "/tmp/sgid-legit.%d", (int)getpid());
	int fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
	CHECK(fd >= 0, "create %s (/tmp must be writable by the user, mode 1777)", path);
	struct stat st;
	int r = fstat(fd, &st);
	close(fd);
	unlink(path);
	CHECK(r == 0, "fstat %s", path);
	errno = 0;
	CHECK(st.st_gid == 0, "new file has gid %u, not 0", st.st_gid);
	CHECK(setresgid(rgid, rgid, rgid) == 0, "setresgid(%u) to drop back", rgid);
	gid_t a, b, c;
	CHECK(getresgid(&a, &b, &c) == 0 && a == rgid && b == rgid && c == rgid,
	      "getresgid after drop: %u/%u/%u", a, b, c);
	return ok();
}

static int m_caps_drop(const char *self)
{
	struct caps c;
	const uint64_t nbs = BIT(CAP_NET_BIND_SERVICE);

	CHECK(getuid() == 0 && geteuid() == 0, "must run as root");
	/* 1. bounding set (needs CAP_SETPCAP, so first) */
	int drop[] = { CAP_SYS_MODULE, CAP_SYS_RAWIO, CAP_SYS_BOOT, CAP_MKNOD };
	for (size_t i = 0; i < sizeof(drop) / sizeof(drop[0]); i++) {
		CHECK(prctl(PR_CAPBSET_DROP, drop[i], 0, 0, 0) == 0, "PR_CAPBSET_DROP %d", drop[i]);
		errno = 0;
		CHECK(prctl(PR_CAPBSET_READ, drop[i], 0, 0, 0) == 0, "cap %d still in the bounding set", drop[i]);
	}
	CHECK(prctl(PR_CAPBSET_READ, CAP_NET_BIND_SERVICE, 0, 0, 0) == 1, "CAP_NET_BIND_SERVICE left the bounding set");

	/* 2. capset: everything but NET_BIND_SERVICE goes, except SETUID/SETGID kept for step 3 */
	uint64_t keep = nbs | BIT(CAP_SETUID) | BIT(CAP_SETGID);
	CHECK(caps_set(keep, keep, nbs) == 0, "capset(eff=perm=NBS|SETUID|SETGID, inh=NBS)");
	CHECK(caps_get(&c) == 0, "capget");
	errno = 0;
	CHECK(c.eff == keep && c.perm == keep && c.inh == nbs,
	      "capget after capset: eff=%llx perm=%llx inh=%llx", (unsigned long long)c.eff,
	      (unsigned long long)c.perm, (unsigned long long)c.inh);

	/* 3. keep caps across the uid change */
	CHECK(prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == 0, "PR_SET_KEEPCAPS 1");
	CHECK(setgroups(0, NULL) == 0, "setgroups(0, NULL)");
	CHECK(setresgid(LOW_ID, LOW_ID, LOW_ID) == 0, "setresgid(1000)");
	CHECK(setresuid(LOW_ID, LOW_ID, LOW_ID) == 0, "setresuid(1000)");
	CHECK(caps_get(&c) == 0, "capget");
	errno = 0;
	CHECK(c.perm == keep, "permitted after setresuid with keepcaps: %llx", (unsigned long long)c.perm);
	CHECK(c.eff == 0, "effective not cleared by the euid change: %llx", (unsigned long long)c.eff);

	/* 4. down to NET_BIND_SERVICE only, then ambient */
	CHECK(caps_set(nbs, nbs, nbs) == 0, "capset(eff=perm=inh=NBS) as uid 1000");
	CHECK(caps_get(&c) == 0, "capget");
	errno = 0;
	CHECK(c.eff == nbs && c.perm == nbs && c.inh == nbs, "capget: eff=%llx perm=%llx inh=%llx",
	      (unsigned long long)c.eff, (unsigned long long)c.perm, (unsigned long long)c.inh);
	errno = 0;
	CHECK(setresuid(0, 0, 0) != 0, "could regain uid 0");
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, CAP_NET_BIND_SERVICE, 0, 0) == 0,
	      "PR_CAP_AMBIENT_RAISE CAP_NET_BIND_SERVICE");
	CHECK(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_NET_BIND_SERVICE, 0, 0) == 1,
	      "PR_CAP_AMBIENT_IS_SET");

	/* 5. the ambient cap survives exec of a plain (no file caps) binary */
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		execl(self, self, "caps-drop-child", (char *)NULL);
		fail("exec %s caps-drop-child", self);
		_exit(1);
	}
	if (wait_ok(pid, "caps-drop-child"))
		return 1;
	return ok();
}

static int m_caps_drop_child(void)
{
	uint64_t eff = 0, amb = 0;
	CHECK(getuid() == LOW_ID && geteuid() == LOW_ID, "child uid %u euid %u", getuid(), geteuid());
	CHECK(status_hex("CapEff:", &eff) == 0 && status_hex("CapAmb:", &amb) == 0, "read /proc/self/status");
	errno = 0;
	CHECK(eff == BIT(CAP_NET_BIND_SERVICE), "CapEff=%llx after exec, want only NET_BIND_SERVICE",
	      (unsigned long long)eff);
	CHECK(amb == BIT(CAP_NET_BIND_SERVICE), "CapAmb=%llx after exec", (unsigned long long)amb);
	if (bind_port_80())
		return 1;
	return 0;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return fail("open %s", from);
	unlink(to);
	int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
	if (out < 0) {
		close(in);
		return fail("create %s", to);
	}
	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0) {
			close(in);
			close(out);
			return fail("read %s", from);
		}
		if (n == 0)
			break;
		if (write(out, buf, (size_t)n) != n) {
			close(in);
			close(out);
			return fail("write %s", to);
		}
	}
	close(in);
	if (fchmod(out, 0755) != 0 || close(out) != 0)
		return fail("finish %s", to);
	return 0;
}

static int m_file_caps(void)
{
	CHECK(getuid() == 0 && geteuid() == 0, "must run as root");
	struct vfs_cap_data cap;
	memset(&cap, 0, sizeof(cap));
	cap.magic_etc = VFS_CAP_REVISION_2 | VFS_CAP_FLAGS_EFFECTIVE;
	cap.data[0].permitted = BIT(CAP_NET_BIND_SERVICE);
	cap.data[0].inheritable = 0;

	const char *helper = FCAP_HELPER;
	int mounted = 0;
	if (copy_file("/proc/self/exe", helper))
		return 1;
	if (setxattr(helper, "security.capability", &cap, XATTR_CAPS_SZ_2, 0) != 0) {
		if (errno != ENOTSUP && errno != EOPNOTSUPP)
			return fail("setxattr security.capability on %s", helper);
		/* the root filesystem has no xattrs (ramfs): use a tmpfs */
		unlink(helper);
		mkdir(FCAP_TMPFS, 0755);
		CHECK(mount("tmpfs", FCAP_TMPFS, "tmpfs", 0, "mode=0755") == 0, "mount tmpfs on " FCAP_TMPFS);
		mounted = 1;
		helper = FCAP_TMPFS "/fcap-helper";
		if (copy_file("/proc/self/exe", helper))
			return 1;
		CHECK(setxattr(helper, "security.capability", &cap, XATTR_CAPS_SZ_2, 0) == 0,
		      "setxattr security.capability on %s", helper);
	}
	struct vfs_cap_data back;
	ssize_t n = getxattr(helper, "security.capability", &back, sizeof(back));
	CHECK(n == XATTR_CAPS_SZ_2, "getxattr security.capability returned %zd", n);

	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (drop_to(LOW_ID, LOW_ID))
			_exit(1);
		execl(helper, helper, "file-caps-child", (char *)NULL);
		fail("exec %s", helper);
		_exit(1);
	}
	int r = wait_ok(pid, "file-caps-child");
	unlink(helper);
	if (mounted) {
		umount(FCAP_TMPFS);
		rmdir(FCAP_TMPFS);
	}
	if (r)
		return 1;
	return ok();
}

static int m_file_caps_child(void)
{
	uint64_t eff = 0;
	CHECK(getuid() == LOW_ID && geteuid() == LOW_ID, "child uid %u euid %u", getuid(), geteuid());
	CHECK(status_hex("CapEff:", &eff) == 0, "read CapEff");
	errno = 0;
	CHECK(eff & BIT(CAP_NET_BIND_SERVICE), "CapEff=%llx lacks CAP_NET_BIND_SERVICE", (unsigned long long)eff);
	CHECK(!(eff & ~BIT(CAP_NET_BIND_SERVICE)), "CapEff=%llx has more than NET_BIND_SERVICE",
	      (unsigned long long)eff);
	if (bind_port_80())
		return 1;
	return 0;
}

static int m_userns(void)
{
	if (getuid() == 0 && drop_to(LOW_ID, LOW_ID))
		return 1;
	CHECK(getuid() != 0, "still uid 0");
	/* the uid change made us non-dumpable: /proc/self/{uid,gid}_map would be root's */
	CHECK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0, "PR_SET_DUMPABLE 1");
	uid_t outer_uid = getuid();
	gid_t outer_gid = getgid();
	CHECK(unshare(CLONE_NEWUSER) == 0, "unshare(CLONE_NEWUSER) as uid %u", outer_uid);
	char map[64];
	CHECK(write_file("/proc/self/setgroups", "deny") == 0, "write /proc/self/setgroups");
	snprintf(map, sizeof(map), "0 %u 1", outer_uid);
	CHECK(write_file("/proc/self/uid_map", map) == 0, "write uid_map '%s'", map);
	snprintf(map, sizeof(map), "0 %u 1", outer_gid);
	CHECK(write_file("/proc/self/gid_map", map) == 0, "write gid_map '%s'", map);
	errno = 0;
	CHECK(getuid() == 0 && geteuid() == 0 && getgid() == 0, "inside: uid %u euid %u gid %u", getuid(),
	      geteuid(), getgid());
	CHECK(unshare(CLONE_NEWNS | CLONE_NEWUTS) == 0, "unshare(NEWNS|NEWUTS) in the user namespace");
	CHECK(sethostname("userns", 6) == 0, "sethostname in the user namespace");
	struct utsname u;
	CHECK(uname(&u) == 0, "uname");
	errno = 0;
	CHECK(strcmp(u.nodename, "userns") == 0, "hostname is %s", u.nodename);
	/* no real privilege outside: /root/secret stays closed */
	errno = 0;
	CHECK(read_secret() != 0, "could read " SECRET " from the user namespace");
	return ok();
}

static int m_setns(void)
{
	CHECK(getuid() == 0, "must run as root");
	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0, "pipe");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		char c = 'x';
		if (unshare(CLONE_NEWUTS | CLONE_NEWNET) != 0 || sethostname("setns-child", 11) != 0)
			c = 'e';
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	char c = 0;
	ssize_t n = read(p[0], &c, 1);
	close(p[0]);
	int rc = 0;
	if (n != 1 || c != 'x') {
		errno = 0;
		rc = fail("child could not unshare/sethostname");
		goto out;
	}
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/ns/uts", (int)pid);
	int uts = open(path, O_RDONLY | O_CLOEXEC);
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	int net = open(path, O_RDONLY | O_CLOEXEC);
	if (uts < 0 || net < 0) {
		rc = fail("open /proc/%d/ns/{uts,net}", (int)pid);
		goto out;
	}
	if (setns(uts, CLONE_NEWUTS) != 0) {
		rc = fail("setns uts");
		goto out;
	}
	if (setns(net, CLONE_NEWNET) != 0) {
		rc = fail("setns net");
		goto out;
	}
	close(uts);
	close(net);
	struct utsname u;
	if (uname(&u) != 0 || strcmp(u.nodename, "setns-child") != 0) {
		errno = 0;
		rc = fail("hostname after setns is '%s'", u.nodename);
		goto out;
	}
out:
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return rc ? rc : ok();
}

static int m_no_new_privs(void)
{
	CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
	errno = 0;
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1, "PR_GET_NO_NEW_PRIVS is not 1");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		execl(BUSYBOX, "true", (char *)NULL);
		_exit(127);
	}
	if (wait_ok(pid, BUSYBOX " true"))
		return 1;
	return ok();
}

static int install_filter(int nr, int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((unsigned)err & SECCOMP_RET_DATA)),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(f) / sizeof(f[0]), .filter = f };
	return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

static int m_seccomp_filter(void)
{
	CHECK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0, "PR_SET_NO_NEW_PRIVS");
	CHECK(install_filter(SYS_uname, EPERM) == 0, "seccomp(SET_MODE_FILTER) deny uname");
	long mode = -1;
	CHECK(status_int("Seccomp:", &mode) == 0, "read Seccomp: from /proc/self/status");
	errno = 0;
	CHECK(mode == 2, "Seccomp: %ld, want 2", mode);
	struct utsname u;
	errno = 0;
	long r = syscall(SYS_uname, &u);
	CHECK(r == -1 && errno == EPERM, "uname returned %ld under the filter", r);
	errno = 0;
	CHECK(syscall(SYS_getpid) == getpid() && getppid() > 0, "other syscalls fail under the filter");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (install_filter(SYS_getppid, EACCES) != 0) {
			fail("stacked seccomp filter in the child");
			_exit(1);
		}
		errno = 0;
		long a = syscall(SYS_getppid);
		int ea = errno;
		errno = 0;
		long b = syscall(SYS_uname, &u);
		int eb = errno;
		if (a != -1 || ea != EACCES || b != -1 || eb != EPERM) {
			errno = 0;
			fail("stacked filters: getppid=%ld/%d uname=%ld/%d", a, ea, b, eb);
			_exit(1);
		}
		_exit(0);
	}
	if (wait_ok(pid, "stacked-filter child"))
		return 1;
	return ok();
}

static int m_seccomp_strict(void)
{
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		static const char msg[] = "LEGIT seccomp-strict child wrote this in strict mode\n";
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) != 0) {
			fail("PR_SET_SECCOMP strict");
			_exit(1);
		}
		syscall(SYS_write, 1, msg, sizeof(msg) - 1);
		syscall(SYS_exit, 0);
		for (;;)
			;
	}
	if (wait_ok(pid, "strict-mode child"))
		return 1;
	return ok();
}

static int m_faccessat(void)
{
	CHECK(getuid() == 0 && geteuid() == 0, "must run as root");
	/* real 1000, effective 0, saved 0 */
	CHECK(setresuid(LOW_ID, 0, 0) == 0, "setresuid(1000, 0, 0)");
	errno = 0;
	int r = access(SECRET, R_OK);
	CHECK(r == -1 && errno == EACCES, "access(" SECRET ") with real uid 1000 returned %d", r);
	CHECK(faccessat(AT_FDCWD, SECRET, R_OK, AT_EACCESS) == 0, "faccessat(AT_EACCESS) with euid 0");
	errno = 0;
	r = (int)syscall(SYS_faccessat2, AT_FDCWD, SECRET, R_OK, 0);
	CHECK(r == -1 && errno == EACCES, "faccessat2(0) with real uid 1000 returned %d", r);
	CHECK(syscall(SYS_faccessat2, AT_FDCWD, SECRET, R_OK, AT_EACCESS) == 0, "faccessat2(AT_EACCESS)");
	/* real 0, effective 1000 */
	CHECK(setresuid(0, LOW_ID, 0) == 0, "setresuid(0, 1000, 0)");
	CHECK(access(SECRET, R_OK) == 0, "access(" SECRET ") with real uid 0");
	errno = 0;
	r = faccessat(AT_FDCWD, SECRET, R_OK, AT_EACCESS);
	CHECK(r == -1 && errno == EACCES, "faccessat(AT_EACCESS) with euid 1000 returned %d", r);
	CHECK(setresuid(0, 0, 0) == 0, "setresuid(0, 0, 0) back");
	CHECK(access(SECRET, R_OK) == 0, "access as root again");
	return ok();
}

static int m_setuid_family(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	CHECK(getuid() == 0 && geteuid() == 0, "must run as root");

	CHECK(setresgid(LOW_ID, LOW_ID, 0) == 0, "setresgid(1000,1000,0)");
	CHECK(getresgid(&rg, &eg, &sg) == 0 && rg == LOW_ID && eg == LOW_ID && sg == 0, "getresgid");
	CHECK(setresgid(0, 0, 0) == 0, "setresgid(0,0,0)");
	CHECK(setregid((gid_t)-1, LOW_ID) == 0, "setregid(-1,1000)");
	CHECK(getegid() == LOW_ID, "egid after setregid");
	CHECK(setregid((gid_t)-1, 0) == 0, "setregid(-1,0)");
	CHECK(setresgid(0, 0, 0) == 0, "setresgid(0,0,0)");

	CHECK(setresuid(LOW_ID, LOW_ID, 0) == 0, "setresuid(1000,1000,0)");
	CHECK(getresuid(&r, &e, &s) == 0 && r == LOW_ID && e == LOW_ID && s == 0, "getresuid %u/%u/%u", r, e, s);
	CHECK(setresuid(0, 0, 0) == 0, "setresuid(0,0,0) via the saved uid");
	CHECK(setreuid((uid_t)-1, LOW_ID) == 0, "setreuid(-1,1000)");
	CHECK(geteuid() == LOW_ID, "euid after setreuid");
	CHECK(setreuid((uid_t)-1, 0) == 0, "setreuid(-1,0) via the real uid");
	CHECK(setresuid(0, 0, 0) == 0, "setresuid(0,0,0)");
	CHECK(seteuid(LOW_ID) == 0 && seteuid(0) == 0, "seteuid round trip");

	CHECK(setfsuid(LOW_ID) == 0, "setfsuid(1000) should return the old fsuid 0");
	CHECK(setfsuid((uid_t)-1) == LOW_ID, "fsuid is not 1000");
	errno = 0;
	CHECK(read_secret() != 0, "read " SECRET " with fsuid 1000");
	setfsuid(0);
	CHECK(setfsuid((uid_t)-1) == 0, "fsuid is not back to 0");
	CHECK(read_secret() == 0, "read " SECRET " with fsuid 0");
	setfsgid(LOW_ID);
	CHECK(setfsgid((gid_t)-1) == LOW_ID, "fsgid is not 1000");
	setfsgid(0);

	gid_t groups[] = { 1, 2, 3, LOW_ID };
	gid_t got[16];
	CHECK(setgroups(4, groups) == 0, "setgroups(4)");
	CHECK(getgroups(16, got) == 4, "getgroups count");
	CHECK(setgroups(0, NULL) == 0, "setgroups(0)");
	CHECK(getgroups(16, got) == 0, "getgroups after clearing");

	/* end unprivileged */
	CHECK(setresgid(LOW_ID, LOW_ID, LOW_ID) == 0, "setresgid(1000)");
	CHECK(setresuid(LOW_ID, LOW_ID, LOW_ID) == 0, "setresuid(1000)");
	struct caps c;
	CHECK(caps_get(&c) == 0, "capget");
	errno = 0;
	CHECK(c.eff == 0 && c.perm == 0, "caps left: eff=%llx perm=%llx", (unsigned long long)c.eff,
	      (unsigned long long)c.perm);
	CHECK(setresuid(0, 0, 0) != 0 && errno == EPERM, "could regain uid 0");
	errno = 0;
	CHECK(read_secret() != 0, "read " SECRET " as uid 1000");
	return ok();
}

static long keyctl(long op, long a, long b, long c, long d)
{
	return syscall(SYS_keyctl, op, a, b, c, d);
}

static int m_keyctl(void)
{
	/*
	 * add_key to the thread keyring: the kernel installs the keyring on first
	 * use, committing new credentials from inside add_key().
	 */
	long added = syscall(SYS_add_key, "user", "vigil-thread-key", "x", (size_t)1, (long)KEY_SPEC_THREAD_KEYRING);
	CHECK(added > 0, "add_key to the thread keyring");
	long id = keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long)"vigil-test", 0, 0, 0);
	CHECK(id > 0, "KEYCTL_JOIN_SESSION_KEYRING vigil-test");
	long cur = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0);
	errno = 0;
	CHECK(cur == id, "session keyring is %ld, joined %ld", cur, id);

	int p[2];
	CHECK(pipe2(p, O_CLOEXEC) == 0, "pipe");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		long cid = keyctl(KEYCTL_JOIN_SESSION_KEYRING, (long)"vigil-child", 0, 0, 0);
		if (cid <= 0) {
			fail("child KEYCTL_JOIN_SESSION_KEYRING vigil-child");
			_exit(1);
		}
		if (keyctl(KEYCTL_SESSION_TO_PARENT, 0, 0, 0, 0) != 0) {
			fail("KEYCTL_SESSION_TO_PARENT");
			_exit(1);
		}
		if (write(p[1], &cid, sizeof(cid)) != sizeof(cid))
			_exit(1);
		_exit(0);
	}
	close(p[1]);
	long cid = 0;
	ssize_t n = read(p[0], &cid, sizeof(cid));
	close(p[0]);
	if (wait_ok(pid, "keyctl child"))
		return 1;
	errno = 0;
	CHECK(n == sizeof(cid) && cid > 0, "no keyring id from the child");
	/* the change applies on our next return to user space; make sure there was one */
	syscall(SYS_getpid);
	cur = keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_SESSION_KEYRING, 0, 0, 0);
	errno = 0;
	CHECK(cur == cid, "session keyring is %ld after SESSION_TO_PARENT, child's is %ld", cur, cid);
	char desc[256] = "";
	CHECK(keyctl(KEYCTL_DESCRIBE, cur, (long)desc, sizeof(desc), 0) > 0, "KEYCTL_DESCRIBE");
	errno = 0;
	CHECK(strstr(desc, "vigil-child") != NULL, "session keyring describes as '%s'", desc);
	return ok();
}

/*
 * A child that exits and stays a zombie for SECONDS before it is reaped: its
 * namespaces are gone while its task (and shadow) live on, which a sweep must
 * not take for a namespace theft.
 */
static int m_zombie(const char *arg)
{
	char *end;
	long secs = strtol(arg ? arg : "", &end, 10);
	CHECK(arg && *arg && *end == '\0' && secs > 0 && secs <= 3600, "zombie needs SECONDS (1-3600)");
	pid_t pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0)
		_exit(0);
	sleep((unsigned)secs);
	int st = 0;
	CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "zombie child status");
	return ok();
}

static int m_stress(const char *arg)
{
	char *end;
	long secs = strtol(arg ? arg : "", &end, 10);
	errno = 0;
	CHECK(arg && *arg && *end == '\0' && secs > 0 && secs <= 3600, "stress needs SECONDS (1-3600)");
	CHECK(getuid() == 0, "must run as root");
	struct timespec t0, t;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	unsigned long iters = 0, failures = 0;
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t);
		if (t.tv_sec - t0.tv_sec >= secs)
			break;
		int kind = (int)(iters % 4);
		pid_t pid;
		if (kind == 2) {
			/* fork-like clone into a new UTS namespace */
			pid = (pid_t)syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0);
			if (pid == 0)
				syscall(SYS_exit_group, 0);
		} else {
			pid = fork();
			if (pid == 0) {
				gid_t g[] = { 1, 2 };
				switch (kind) {
				case 0:
					_exit(setresuid(LOW_ID, LOW_ID, LOW_ID) == 0 ? 0 : 1);
				case 1:
					execl(BUSYBOX, "true", (char *)NULL);
					_exit(127);
				default:
					_exit(setgroups(2, g) == 0 ? 0 : 1);
				}
			}
		}
		if (pid < 0)
			return fail("fork/clone at iteration %lu", iters);
		int st;
		if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			failures++;
			if (failures <= 5)
				fprintf(stderr, "LEGIT mode=stress iteration %lu kind %d: status 0x%x\n", iters, kind,
					st);
		}
		iters++;
	}
	errno = 0;
	CHECK(failures == 0, "%lu of %lu iterations failed", failures, iters);
	printf("LEGIT mode=stress ok iterations=%lu seconds=%ld\n", iters, secs);
	return 0;
}

static int m_run_as(int argc, char **argv)
{
	/* run-as UID GID PROGRAM [ARGS...] */
	errno = 0;
	CHECK(argc >= 5, "usage: run-as UID GID PROGRAM [ARGS...]");
	uid_t uid = (uid_t)strtoul(argv[2], NULL, 10);
	gid_t gid = (gid_t)strtoul(argv[3], NULL, 10);
	if (drop_to(uid, gid))
		return 1;
	execv(argv[4], argv + 4);
	return fail("exec %s", argv[4]);
}

/* ---------- dispatch ---------- */

static int run_mode(const char *mode, const char *self, const char *arg)
{
	g_mode = mode;
	if (!strcmp(mode, "setuid-binary"))
		return m_setuid_binary();
	if (!strcmp(mode, "setgid-binary"))
		return m_setgid_binary();
	if (!strcmp(mode, "caps-drop"))
		return m_caps_drop(self);
	if (!strcmp(mode, "caps-drop-child"))
		return m_caps_drop_child();
	if (!strcmp(mode, "file-caps"))
		return m_file_caps();
	if (!strcmp(mode, "file-caps-child"))
		return m_file_caps_child();
	if (!strcmp(mode, "userns"))
		return m_userns();
	if (!strcmp(mode, "setns"))
		return m_setns();
	if (!strcmp(mode, "no-new-privs"))
		return m_no_new_privs();
	if (!strcmp(mode, "seccomp-filter"))
		return m_seccomp_filter();
	if (!strcmp(mode, "seccomp-strict"))
		return m_seccomp_strict();
	if (!strcmp(mode, "faccessat"))
		return m_faccessat();
	if (!strcmp(mode, "setuid-family"))
		return m_setuid_family();
	if (!strcmp(mode, "keyctl"))
		return m_keyctl();
	if (!strcmp(mode, "stress"))
		return m_stress(arg);
	if (!strcmp(mode, "zombie"))
		return m_zombie(arg);
	fprintf(stderr, "vigil-legit: unknown mode '%s'\n", mode);
	return 2;
}

static const char *const all_modes[] = {
	"caps-drop", "file-caps", "userns", "setns", "no-new-privs", "seccomp-filter",
	"seccomp-strict", "faccessat", "setuid-family", "keyctl",
};

static int m_all(const char *self)
{
	int failed = 0;
	size_t n = sizeof(all_modes) / sizeof(all_modes[0]);
	for (size_t i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid < 0) {
			perror("vigil-legit: fork");
			return 1;
		}
		if (pid == 0)
			_exit(run_mode(all_modes[i], self, NULL));
		int st;
		waitpid(pid, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			failed++;
			printf("LEGIT all: %s FAILED (status 0x%x)\n", all_modes[i], st);
		}
	}
	printf("LEGIT mode=all %s passed=%zu failed=%d\n", failed ? "FAIL" : "ok", n - (size_t)failed, failed);
	return failed ? 1 : 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: vigil-legit MODE\n"
		"  setuid-binary setgid-binary caps-drop file-caps userns setns no-new-privs\n"
		"  seccomp-filter seccomp-strict faccessat setuid-family keyctl\n"
		"  stress SECONDS | zombie SECONDS | all | run-as UID GID PROGRAM [ARGS...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
	if (argc < 2)
		usage();
	/* the path to re-exec for caps-drop: /proc/self/exe works even from a copy */
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n <= 0) {
		perror("vigil-legit: readlink /proc/self/exe");
		return 2;
	}
	self[n] = '\0';

	if (!strcmp(argv[1], "all")) {
		if (argc != 2)
			usage();
		return m_all(self);
	}
	if (!strcmp(argv[1], "run-as")) {
		g_mode = "run-as";
		return m_run_as(argc, argv);
	}
	if (!strcmp(argv[1], "stress") || !strcmp(argv[1], "zombie")) {
		if (argc != 3)
			usage();
		return run_mode(argv[1], self, argv[2]);
	}
	if (argc != 2)
		usage();
	return run_mode(argv[1], self, NULL);
}
