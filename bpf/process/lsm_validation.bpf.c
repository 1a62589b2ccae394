/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Validation where a forged privilege would be used. Each BPF LSM hook checks
 * the current task against its shadow before the kernel grants the operation,
 * so a mismatch refuses it with -EPERM: the forged privilege is never used.
 * The hooks cover opening and changing files, executing, signalling, tracing,
 * capability checks, sockets, module loading, forking, set*id, prctl and mount.
 * None fires on system calls that touch no privilege (getppid, read, write).
 * LSM hook names are the kernel's stable security_* interface.
 */

#define VALIDATING_HOOK(name, hook)            \
	SEC("lsm/" #name)                      \
	int BPF_PROG(vigil_lsm_##name)         \
	{                                      \
		/* A global function's result is opaque to the verifier: */ \
		/* restate it as a value an LSM hook may return. */          \
		long verdict = vigil_validate_current(hook, 1);             \
		asm volatile("" : "+r"(verdict));                           \
		if (verdict < 0)                                            \
			return -EPERM;                                      \
		return 0;                                                   \
	}

VALIDATING_HOOK(file_open, VIGIL_HOOK_FILE_OPEN)
VALIDATING_HOOK(inode_setattr, VIGIL_HOOK_INODE_SETATTR)
VALIDATING_HOOK(inode_create, VIGIL_HOOK_INODE_CREATE)
VALIDATING_HOOK(inode_unlink, VIGIL_HOOK_INODE_UNLINK)
VALIDATING_HOOK(inode_rename, VIGIL_HOOK_INODE_RENAME)
VALIDATING_HOOK(bprm_check_security, VIGIL_HOOK_BPRM_CHECK)
VALIDATING_HOOK(task_kill, VIGIL_HOOK_TASK_KILL)
VALIDATING_HOOK(ptrace_access_check, VIGIL_HOOK_PTRACE_ACCESS)
VALIDATING_HOOK(capable, VIGIL_HOOK_CAPABLE)
VALIDATING_HOOK(socket_create, VIGIL_HOOK_SOCKET_CREATE)
VALIDATING_HOOK(socket_bind, VIGIL_HOOK_SOCKET_BIND)
VALIDATING_HOOK(socket_connect, VIGIL_HOOK_SOCKET_CONNECT)
VALIDATING_HOOK(kernel_read_file, VIGIL_HOOK_KERNEL_READ_FILE)
VALIDATING_HOOK(kernel_load_data, VIGIL_HOOK_KERNEL_LOAD_DATA)
VALIDATING_HOOK(task_alloc, VIGIL_HOOK_TASK_ALLOC)
VALIDATING_HOOK(task_fix_setuid, VIGIL_HOOK_TASK_FIX_SETUID)
VALIDATING_HOOK(task_fix_setgid, VIGIL_HOOK_TASK_FIX_SETGID)
VALIDATING_HOOK(task_prctl, VIGIL_HOOK_TASK_PRCTL)
VALIDATING_HOOK(sb_mount, VIGIL_HOOK_SB_MOUNT)
