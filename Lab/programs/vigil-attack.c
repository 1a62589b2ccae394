/*
 * vigil-attack MODE [HOLD_SECONDS]
 *
 * The lab's attacker. Uses the deliberately vulnerable driver /dev/vigil_vuln
 * (Lab/modules/vigil_vuln) as a stand-in for a kernel exploit's write primitive,
 * then tries to use what it gained.
 *
 * Starts as root, opens /dev/vigil_vuln, prepares its context (namespaces for
 * nsproxy), drops to uid/gid 1000 with no supplementary groups and no
 * capabilities, verifies the drop, then triggers the driver and tries to use
 * the privilege:
 *
 *   ATTACK mode=M triggered pid=P
 *   ATTACK creds uid=.. euid=.. fsuid=.. gid=.. egid=.. capeff=0x..
 *   ATTACK seccomp-escape=ok getpid=P          (seccomp mode: survived a forbidden syscall)
 *   ATTACK read=ok | ATTACK read=denied errno=N
 *   ATTACK chmod=ok | ATTACK chmod=denied errno=N
 *   ATTACK hostname=H                          (nsproxy mode)
 *   ATTACK done
 *
 * Modes: uid caps commit nsproxy seccomp noop seccomp-noop
 *   noop is the control: the driver does nothing, every use must be denied.
 *   seccomp-noop is seccomp's control: strict mode, the driver is sent "noop",
 *   and the forbidden syscall must get the process SIGKILLed (status 137).
 *   (There is no nsswitch mode: switch_task_namespaces() is not exported.)
 *
 * HOLD_SECONDS (optional, default 0): sleep that long between the trigger and
 * the first use of the privilege, to give a guard that checks periodically
 * time to act.
 *
 * Exit codes: 0 ran to the end (whatever was denied); 1 usage; 2 setup failed
 * (message on stderr); 3 the trigger write(2) to the driver failed.
 * If seccomp mode's escape does not work, the kernel kills the process with
 * SIGKILL at the forbidden syscall (exit status 137 from a shell).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <linux/capability.h>
#include <linux/seccomp.h>

#define DEVICE "/dev/vigil_vuln"
#define SECRET "/root/secret"
#define LOW_ID 1000

static void die_setup(const char *what)
{
	fprintf(stderr, "vigil-attack: setup failed: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void die_setup_msg(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "vigil-attack: setup failed: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static unsigned long long cap_effective(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return ~0ULL;
	return ((unsigned long long)d[1].effective << 32) | d[0].effective;
}

static unsigned long long cap_permitted(void)
{
	struct __user_cap_header_struct h = { .version = _LINUX_CAPABILITY_VERSION_3, .pid = 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return ~0ULL;
	return ((unsigned long long)d[1].permitted << 32) | d[0].permitted;
}

static void drop_privileges(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;

	if (setgroups(0, NULL) != 0)
		die_setup("setgroups(0, NULL)");
	if (setresgid(LOW_ID, LOW_ID, LOW_ID) != 0)
		die_setup("setresgid(1000,1000,1000)");
	if (setresuid(LOW_ID, LOW_ID, LOW_ID) != 0)
		die_setup("setresuid(1000,1000,1000)");
	if (getresuid(&r, &e, &s) != 0)
		die_setup("getresuid");
	if (r != LOW_ID || e != LOW_ID || s != LOW_ID)
		die_setup_msg("getresuid says %u/%u/%u after the drop", r, e, s);
	if (getresgid(&rg, &eg, &sg) != 0)
		die_setup("getresgid");
	if (rg != LOW_ID || eg != LOW_ID || sg != LOW_ID)
		die_setup_msg("getresgid says %u/%u/%u after the drop", rg, eg, sg);
	if (getgroups(0, NULL) != 0)
		die_setup_msg("supplementary groups left after the drop");
	if (cap_effective() != 0 || cap_permitted() != 0)
		die_setup_msg("capabilities left after the drop (eff=%llx perm=%llx)",
			      cap_effective(), cap_permitted());
	if (setresuid(0, 0, 0) == 0)
		die_setup_msg("could regain uid 0 after the drop");
}

static void print_creds(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	getresuid(&r, &e, &s);
	getresgid(&rg, &eg, &sg);
	/* setfsuid(-1) fails and returns the current fsuid */
	unsigned fsuid = (unsigned)setfsuid((uid_t)-1);
	printf("ATTACK creds uid=%u euid=%u suid=%u fsuid=%u gid=%u egid=%u capeff=0x%llx\n",
	       r, e, s, fsuid, rg, eg, cap_effective());
}

static void use_privilege(int show_hostname)
{
	char buf[256];
	int fd = open(SECRET, O_RDONLY);
	if (fd < 0) {
		printf("ATTACK read=denied errno=%d\n", errno);
	} else {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0)
			printf("ATTACK read=denied errno=%d\n", errno);
		else
			printf("ATTACK read=ok bytes=%zd\n", n);
		close(fd);
	}
	if (chmod(SECRET, 0666) == 0)
		printf("ATTACK chmod=ok\n");
	else
		printf("ATTACK chmod=denied errno=%d\n", errno);
	if (show_hostname) {
		struct utsname u;
		if (uname(&u) == 0)
			printf("ATTACK hostname=%s\n", u.nodename);
		else
			printf("ATTACK hostname=? errno=%d\n", errno);
	}
}

/* Writes that are safe in SECCOMP_MODE_STRICT: only write(2), no stdio. */
static void raw_puts(const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t n = syscall(SYS_write, 1, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

static void usage(void)
{
	fprintf(stderr,
		"usage: vigil-attack MODE [HOLD_SECONDS]\n"
		"  MODE: uid caps commit nsproxy seccomp noop seccomp-noop\n"
		"  starts as root, drops to uid 1000, triggers " DEVICE ", uses the result\n");
	exit(1);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	setvbuf(stderr, NULL, _IONBF, 0);
	if (argc < 2 || argc > 3)
		usage();

	const char *mode = argv[1];
	int is_ns = !strcmp(mode, "nsproxy");
	int is_seccomp = !strcmp(mode, "seccomp") || !strcmp(mode, "seccomp-noop");
	if (!is_ns && !is_seccomp && strcmp(mode, "uid") && strcmp(mode, "caps") &&
	    strcmp(mode, "commit") && strcmp(mode, "noop")) {
		fprintf(stderr, "vigil-attack: unknown mode '%s'\n", mode);
		usage();
	}
	unsigned hold = 0;
	if (argc == 3) {
		char *end;
		unsigned long v = strtoul(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || v > 3600) {
			fprintf(stderr, "vigil-attack: bad HOLD_SECONDS '%s'\n", argv[2]);
			usage();
		}
		hold = (unsigned)v;
	}

	if (getuid() != 0 || geteuid() != 0)
		die_setup_msg("must start as root (uid=%u euid=%u)", getuid(), geteuid());

	int dev = open(DEVICE, O_WRONLY | O_CLOEXEC);
	if (dev < 0)
		die_setup("open " DEVICE);

	if (is_ns) {
		if (unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET) != 0)
			die_setup("unshare(NEWNS|NEWUTS|NEWIPC|NEWNET)");
		if (sethostname("jail", 4) != 0)
			die_setup("sethostname(jail)");
		struct utsname u;
		if (uname(&u) != 0 || strcmp(u.nodename, "jail") != 0)
			die_setup_msg("hostname is not 'jail' after sethostname");
	}

	drop_privileges();

	pid_t pid = getpid();
	char cmd[16];
	snprintf(cmd, sizeof(cmd), "%s\n", !strcmp(mode, "seccomp-noop") ? "noop" : mode);

	/*
	 * Name the process and the moment before the trigger: a guard may kill it
	 * inside the trigger, and the lab measures detection latency from here.
	 */
	struct timespec boot;
	clock_gettime(CLOCK_BOOTTIME, &boot);
	printf("ATTACK mode=%s pid=%d boot_ns=%llu\n", mode, (int)pid,
	       (unsigned long long)boot.tv_sec * 1000000000ULL + (unsigned long long)boot.tv_nsec);

	if (is_seccomp) {
		char l_trig[96], l_fail[96];
		snprintf(l_trig, sizeof(l_trig), "ATTACK mode=%s triggered pid=%d\n", mode, (int)pid);
		snprintf(l_fail, sizeof(l_fail), "ATTACK trigger=failed\n");
		printf("ATTACK entering seccomp strict mode pid=%d\n", (int)pid);
		if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) != 0)
			die_setup("prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT)");
		/* From here only read/write/exit/rt_sigreturn until the escape works. */
		long w = syscall(SYS_write, dev, cmd, strlen(cmd));
		if (w != (long)strlen(cmd)) {
			raw_puts(l_fail);
			syscall(SYS_exit, 3); /* exit(2), not exit_group: allowed in strict mode */
		}
		raw_puts(l_trig);
		/* getpid is forbidden in strict mode: SIGKILL unless the escape worked. */
		long p = syscall(SYS_getpid);
		printf("ATTACK seccomp-escape=ok getpid=%ld\n", p);
	} else {
		if (write(dev, cmd, strlen(cmd)) != (ssize_t)strlen(cmd)) {
			fprintf(stderr, "vigil-attack: trigger write '%s' to " DEVICE " failed: %s\n",
				mode, strerror(errno));
			printf("ATTACK trigger=failed errno=%d\n", errno);
			return 3;
		}
		printf("ATTACK mode=%s triggered pid=%d\n", mode, (int)pid);
	}
	close(dev);

	if (hold > 0)
		sleep(hold);

	print_creds();
	use_privilege(is_ns);
	printf("ATTACK done\n");
	return 0;
}
