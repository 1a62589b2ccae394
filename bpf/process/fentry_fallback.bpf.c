/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The same checks as lsm_validation.bpf.c, for kernels where the BPF LSM is
 * not active (bpf missing from the lsm= list): fentry on the security_*
 * function behind each LSM hook. fentry cannot change the outcome, so a
 * mismatch kills the process instead of refusing the operation; SIGKILL is
 * delivered before the task returns to user space, so it never sees the
 * result. The agent loads these only when the LSM programs cannot attach.
 */

#define KILLING_HOOK(function, hook)                                       \
	SEC("fentry/" #function)                                           \
	int BPF_PROG(vigil_fentry_##function)                              \
	{                                                                  \
		vigil_validate_current((hook) | VIGIL_HOOK_FALLBACK, 0);   \
		return 0;                                                  \
	}

KILLING_HOOK(security_file_open, VIGIL_HOOK_FILE_OPEN)
KILLING_HOOK(security_inode_setattr, VIGIL_HOOK_INODE_SETATTR)
KILLING_HOOK(security_inode_create, VIGIL_HOOK_INODE_CREATE)
KILLING_HOOK(security_inode_unlink, VIGIL_HOOK_INODE_UNLINK)
KILLING_HOOK(security_inode_rename, VIGIL_HOOK_INODE_RENAME)
KILLING_HOOK(security_bprm_check, VIGIL_HOOK_BPRM_CHECK)
KILLING_HOOK(security_task_kill, VIGIL_HOOK_TASK_KILL)
KILLING_HOOK(security_ptrace_access_check, VIGIL_HOOK_PTRACE_ACCESS)
KILLING_HOOK(security_capable, VIGIL_HOOK_CAPABLE)
KILLING_HOOK(security_socket_create, VIGIL_HOOK_SOCKET_CREATE)
KILLING_HOOK(security_socket_bind, VIGIL_HOOK_SOCKET_BIND)
KILLING_HOOK(security_socket_connect, VIGIL_HOOK_SOCKET_CONNECT)
KILLING_HOOK(security_kernel_read_file, VIGIL_HOOK_KERNEL_READ_FILE)
KILLING_HOOK(security_kernel_load_data, VIGIL_HOOK_KERNEL_LOAD_DATA)
KILLING_HOOK(security_task_alloc, VIGIL_HOOK_TASK_ALLOC)
KILLING_HOOK(security_task_fix_setuid, VIGIL_HOOK_TASK_FIX_SETUID)
KILLING_HOOK(security_task_fix_setgid, VIGIL_HOOK_TASK_FIX_SETGID)
KILLING_HOOK(security_task_prctl, VIGIL_HOOK_TASK_PRCTL)
KILLING_HOOK(security_sb_mount, VIGIL_HOOK_SB_MOUNT)
