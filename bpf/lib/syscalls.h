/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system calls inside which the kernel legitimately commits new credentials
 * or switches namespaces (x86-64 and ia32 numbering). A commit anywhere else,
 * from an ioctl or a write handler say, is an escalation.
 */
#ifndef VIGIL_SYSCALLS_H
#define VIGIL_SYSCALLS_H

/* x32 system calls are the x86-64 numbers with this bit set. */
#define X32_SYSCALL_BIT 0x40000000

static __always_inline bool credential_syscall(__s64 nr, __u32 compat)
{
	if (!compat) {
		switch (nr & ~(__s64)X32_SYSCALL_BIT) {
		case 59:  /* execve */
		case 322: /* execveat */
		case 520: /* x32 execve */
		case 545: /* x32 execveat */
		case 105: /* setuid */
		case 106: /* setgid */
		case 113: /* setreuid */
		case 114: /* setregid */
		case 116: /* setgroups */
		case 117: /* setresuid */
		case 119: /* setresgid */
		case 122: /* setfsuid */
		case 123: /* setfsgid */
		case 126: /* capset */
		case 157: /* prctl: securebits, keep-caps, ambient, bounding set */
		case 248: /* add_key: installs a thread/process/session keyring on first use */
		case 249: /* request_key: likewise */
		case 250: /* keyctl: join session keyring */
		case 272: /* unshare: CLONE_NEWUSER */
		case 308: /* setns: user namespace */
		case 446: /* landlock_restrict_self */
			return true;
		}
		return false;
	}
	switch (nr) {
	case 11: case 358:                       /* execve, execveat */
	case 23: case 46: case 70: case 71:      /* setuid, setgid, setreuid, setregid */
	case 81: case 164: case 170:             /* setgroups, setresuid, setresgid */
	case 138: case 139:                      /* setfsuid, setfsgid */
	case 203: case 204: case 206: case 208:  /* setreuid32, setregid32, setgroups32, setresuid32 */
	case 210: case 213: case 214: case 215: case 216: /* setresgid32, setuid32, setgid32, setfsuid32, setfsgid32 */
	case 185: case 172: case 288:            /* capset, prctl, keyctl */
	case 286: case 287:                      /* add_key, request_key */
	case 310: case 346: case 446:            /* unshare, setns, landlock_restrict_self */
		return true;
	}
	return false;
}

static __always_inline bool namespace_syscall(__s64 nr, __u32 compat)
{
	if (!compat) {
		nr &= ~(__s64)X32_SYSCALL_BIT;
		return nr == 272 || nr == 308 || nr == 59 || nr == 322 || nr == 520 || nr == 545 || nr == 60 || nr == 231;
	}
	/* unshare, setns, execve, execveat, exit, exit_group */
	return nr == 310 || nr == 346 || nr == 11 || nr == 358 || nr == 1 || nr == 252;
}

#endif
