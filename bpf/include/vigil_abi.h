/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The one definition of every message and table shared by Vigil's BPF programs
 * and the Swift agent. Included by the BPF C (clang -target bpf) and by Swift
 * through the CVigilABI module; both compilers must agree on every layout, so
 * each struct is checked with _Static_assert here and again by the Swift tests.
 */
#ifndef VIGIL_ABI_H
#define VIGIL_ABI_H

#ifdef __VIGIL_BPF__
/* vmlinux.h provides __u32 and friends to BPF programs. */
#else
#include <linux/types.h>
#endif

#define VIGIL_ABI_VERSION 1
#define VIGIL_COMM_LEN 16
#define VIGIL_EXE_LEN 32
#define VIGIL_PARENT_DEPTH 4

/* Every kernel-to-agent message starts with this header. */
enum vigil_event_type {
	/* A task's security state differs from its shadow (caught at a hook or by the sweep). */
	VIGIL_EVENT_TASK_INTEGRITY = 1,
	/* Credentials or namespaces were committed from a context no legitimate path uses. */
	VIGIL_EVENT_ILLEGAL_TRANSITION = 2,
	/* A module was loaded, went live or was freed, or one entry of a module-list walk. */
	VIGIL_EVENT_MODULE = 3,
	/* A watched kernel variable was written through its legitimate interface (sysctl, selinuxfs, ...). */
	VIGIL_EVENT_KERNEL_WRITE = 4,
	/* The kernel called a usermode helper, or a helper's exec was refused. */
	VIGIL_EVENT_USERMODE_HELPER = 5,
	/* A module load was refused by the module-load policy. */
	VIGIL_EVENT_MODULE_POLICY = 6,
};

/* Where a violation was caught. */
enum vigil_hook {
	VIGIL_HOOK_NONE = 0,
	VIGIL_HOOK_FILE_OPEN = 1,
	VIGIL_HOOK_INODE_SETATTR = 2,
	VIGIL_HOOK_INODE_CREATE = 3,
	VIGIL_HOOK_INODE_UNLINK = 4,
	VIGIL_HOOK_INODE_RENAME = 5,
	VIGIL_HOOK_BPRM_CHECK = 6,
	VIGIL_HOOK_TASK_KILL = 7,
	VIGIL_HOOK_PTRACE_ACCESS = 8,
	VIGIL_HOOK_CAPABLE = 9,
	VIGIL_HOOK_SOCKET_CREATE = 10,
	VIGIL_HOOK_SOCKET_BIND = 11,
	VIGIL_HOOK_SOCKET_CONNECT = 12,
	VIGIL_HOOK_KERNEL_READ_FILE = 13,
	VIGIL_HOOK_KERNEL_LOAD_DATA = 14,
	VIGIL_HOOK_TASK_ALLOC = 15,
	VIGIL_HOOK_TASK_FIX_SETUID = 16,
	VIGIL_HOOK_TASK_FIX_SETGID = 17,
	VIGIL_HOOK_TASK_PRCTL = 18,
	VIGIL_HOOK_SB_MOUNT = 19,
	VIGIL_HOOK_COMMIT_CREDS = 20,
	VIGIL_HOOK_SWITCH_NAMESPACES = 21,
	VIGIL_HOOK_SWEEP = 22,
	VIGIL_HOOK_COUNT
};

/*
 * Or'ed into the hook when it was caught by the fentry fallback on the
 * security_* function instead of the BPF LSM hook (the BPF LSM is not active):
 * the operation could not be refused, only the process killed.
 */
#define VIGIL_HOOK_FALLBACK 0x100

/* What the guard did about it. */
enum vigil_response {
	/* Reported; the new state was adopted as the shadow (pint_enforce=0). */
	VIGIL_RESPONSE_LOGGED = 0,
	/* The hooked operation was refused with -EPERM and the process was sent SIGKILL. */
	VIGIL_RESPONSE_BLOCKED = 1,
	/* The process was sent SIGKILL (the hook could not refuse the operation). */
	VIGIL_RESPONSE_KILLED = 2,
};

/* One bit per compared field of struct vigil_task_state, in declaration order. */
enum vigil_field {
	VIGIL_FIELD_UID = 1ULL << 0,
	VIGIL_FIELD_EUID = 1ULL << 1,
	VIGIL_FIELD_SUID = 1ULL << 2,
	VIGIL_FIELD_FSUID = 1ULL << 3,
	VIGIL_FIELD_GID = 1ULL << 4,
	VIGIL_FIELD_EGID = 1ULL << 5,
	VIGIL_FIELD_SGID = 1ULL << 6,
	VIGIL_FIELD_FSGID = 1ULL << 7,
	VIGIL_FIELD_SECUREBITS = 1ULL << 8,
	VIGIL_FIELD_NGROUPS = 1ULL << 9,
	VIGIL_FIELD_CAP_INHERITABLE = 1ULL << 10,
	VIGIL_FIELD_CAP_PERMITTED = 1ULL << 11,
	VIGIL_FIELD_CAP_EFFECTIVE = 1ULL << 12,
	VIGIL_FIELD_CAP_BSET = 1ULL << 13,
	VIGIL_FIELD_CAP_AMBIENT = 1ULL << 14,
	VIGIL_FIELD_CRED = 1ULL << 15,
	VIGIL_FIELD_REAL_CRED = 1ULL << 16,
	VIGIL_FIELD_USER_NS = 1ULL << 17,
	VIGIL_FIELD_GROUP_INFO = 1ULL << 18,
	VIGIL_FIELD_NSPROXY = 1ULL << 19,
	VIGIL_FIELD_UTS_NS = 1ULL << 20,
	VIGIL_FIELD_IPC_NS = 1ULL << 21,
	VIGIL_FIELD_MNT_NS = 1ULL << 22,
	VIGIL_FIELD_PID_NS_FOR_CHILDREN = 1ULL << 23,
	VIGIL_FIELD_NET_NS = 1ULL << 24,
	VIGIL_FIELD_CGROUP_NS = 1ULL << 25,
	VIGIL_FIELD_TIME_NS = 1ULL << 26,
	VIGIL_FIELD_SECCOMP_MODE = 1ULL << 27,
	VIGIL_FIELD_SECCOMP_FILTER = 1ULL << 28,
	VIGIL_FIELD_NO_NEW_PRIVS = 1ULL << 29,
};

/*
 * A task's security state: the shadow the guard keeps, and the actual state it
 * compares against. Pointers identify kernel objects and are never dereferenced
 * by the agent.
 */
struct vigil_task_state {
	__u32 uid, euid, suid, fsuid;
	__u32 gid, egid, sgid, fsgid;
	__u32 securebits;
	__s32 ngroups;
	__u64 cap_inheritable, cap_permitted, cap_effective, cap_bset, cap_ambient;
	__u64 cred, real_cred, user_ns, group_info;
	__u64 nsproxy, uts_ns, ipc_ns, mnt_ns, pid_ns_for_children, net_ns, cgroup_ns, time_ns;
	__u64 seccomp_filter;
	__s32 seccomp_mode;
	__u32 no_new_privs;
};

struct vigil_process_ref {
	__u32 pid;
	__u32 tid;
	char comm[VIGIL_COMM_LEN];
};

struct vigil_event_header {
	__u32 type;       /* enum vigil_event_type */
	__u32 size;       /* of the whole event, header included */
	__u64 boot_ns;    /* bpf_ktime_get_boot_ns() */
};

/* VIGIL_EVENT_TASK_INTEGRITY and VIGIL_EVENT_ILLEGAL_TRANSITION. */
struct vigil_task_event {
	struct vigil_event_header header;
	__u32 pid;              /* thread group id */
	__u32 tid;
	__u32 hook;             /* enum vigil_hook */
	__u32 response;         /* enum vigil_response */
	__s64 syscall_nr;       /* -1 when not in a system call */
	__u64 mismatch;         /* enum vigil_field bits */
	__u32 compat_syscall;   /* 1 when syscall_nr is an ia32 number */
	__u32 parent_count;
	char comm[VIGIL_COMM_LEN];
	char exe[VIGIL_EXE_LEN];
	struct vigil_process_ref parents[VIGIL_PARENT_DEPTH];
	struct vigil_task_state expected;
	struct vigil_task_state actual;
};

/* The runtime policy, in the single slot of the `vigil_policy_map` array. */
struct vigil_policy {
	/* 0 off; 1 validate the current task at hooks; 2 also sweep all tasks; 3 reserved (paranoid). */
	__u32 pint_validate;
	/* 0 log and adopt; 1 block and kill; 2 block, kill and let the agent panic the kernel. */
	__u32 pint_enforce;
	/* enum vigil_policy_flags, set by the agent from what it could attach. */
	__u32 flags;
	/* Must be zero. */
	__u32 reserved;
};

enum vigil_policy_flags {
	/* override_creds/revert_creds are tracked, so the subjective cred pointer can be checked. */
	VIGIL_POLICY_TRACKS_OVERRIDES = 1 << 0,
};

/* Counters in the per-CPU `vigil_counter_map` array, one slot each. */
enum vigil_counter {
	VIGIL_COUNTER_VALIDATIONS = 0,
	VIGIL_COUNTER_VIOLATIONS = 1,
	VIGIL_COUNTER_EVENTS_DROPPED = 2,
	VIGIL_COUNTER_SHADOWS_ADOPTED = 3,
	VIGIL_COUNTER_LEGIT_COMMITS = 4,
	VIGIL_COUNTER_ILLEGAL_TRANSITIONS = 5,
	VIGIL_COUNTER_TASKS_SEEDED = 6,
	VIGIL_COUNTER_SWEPT = 7,
	VIGIL_COUNTER_COUNT
};

/* What a VIGIL_EVENT_MODULE event reports. */
enum vigil_module_action {
	/* tp module_load: relocated, jump labels and init not yet run. */
	VIGIL_MODULE_LOADED = 1,
	/* do_init_module returned: the module is live (or failed its init and is going). */
	VIGIL_MODULE_INITIALISED = 2,
	/* tp module_free: its memory is about to be released. */
	VIGIL_MODULE_FREED = 3,
	/* One module found by walking the kernel's module list. */
	VIGIL_MODULE_LISTED = 4,
	/* The walk ended; `sequence` holds the number of modules listed. */
	VIGIL_MODULE_LIST_END = 5,
};

#define VIGIL_MODULE_NAME_LEN 56

/* A range of kernel virtual memory. */
struct vigil_memory_range {
	__u64 base;
	__u64 size;
};

/* VIGIL_EVENT_MODULE: a module's identity and the memory Vigil validates. */
struct vigil_module_event {
	struct vigil_event_header header;
	__u32 action;           /* enum vigil_module_action */
	__s32 state;            /* enum module_state: 0 live, 1 coming, 2 going, 3 unformed */
	__u64 module;           /* address of its struct module */
	__u64 list_next;        /* its list linkage, as read */
	__u64 list_prev;
	struct vigil_memory_range text;
	struct vigil_memory_range rodata;
	struct vigil_memory_range ro_after_init;
	__u64 jump_entries;     /* its __jump_table */
	__u64 static_call_sites;
	__u32 num_jump_entries;
	__u32 num_static_call_sites;
	__s32 init_result;      /* do_init_module's return (VIGIL_MODULE_INITIALISED) */
	__u32 sequence;         /* position in a walk; the count for VIGIL_MODULE_LIST_END */
	__u32 pid;              /* the task that loaded or freed it */
	__u32 uid;
	char comm[VIGIL_COMM_LEN];
	char name[VIGIL_MODULE_NAME_LEN];
};

/* Where a VIGIL_EVENT_KERNEL_WRITE came from. */
enum vigil_write_source {
	/* A write to a file under /proc/sys. */
	VIGIL_WRITE_SYSCTL = 1,
	/* A write to selinuxfs' enforce file. */
	VIGIL_WRITE_SELINUX_ENFORCE = 2,
	/* A write to securityfs' lockdown file. */
	VIGIL_WRITE_LOCKDOWN = 3,
	/* A write to a module parameter under /sys/module/NAME/parameters. */
	VIGIL_WRITE_MODULE_PARAMETER = 4,
	/* A write to /sys/kernel/uevent_helper. */
	VIGIL_WRITE_UEVENT_HELPER = 5,
};

/*
 * Kernel addresses the agent resolves from kallsyms and hands to the kernel
 * programs, in the single slot of `vigil_kernel_settings_map`.
 */
struct vigil_kernel_settings {
	__u64 modules_head;        /* &modules, the module list */
	__u64 selinux_state;       /* &selinux_state, or 0 */
	__u64 kernel_locked_down;  /* &kernel_locked_down, or 0 */
	__u64 uevent_helper;       /* &uevent_helper, or 0 (CONFIG_UEVENT_HELPER) */
};

#define VIGIL_WRITE_VALUE_LEN 256
#define VIGIL_WRITE_NAME_LEN 32

/* VIGIL_EVENT_KERNEL_WRITE: the value a legitimate interface left in a variable. */
struct vigil_kernel_write_event {
	struct vigil_event_header header;
	__u32 source;           /* enum vigil_write_source */
	__u32 length;           /* bytes of `value` copied from the variable */
	__u64 address;          /* the variable written (the sysctl's data) */
	__s64 result;           /* what the write returned */
	__u32 pid;
	__u32 uid;
	char comm[VIGIL_COMM_LEN];
	char name[VIGIL_WRITE_NAME_LEN];   /* the sysctl's procname */
	__u8 value[VIGIL_WRITE_VALUE_LEN];
};

/*
 * Reading kernel memory without /proc/kcore (CONFIG_PROC_KCORE off, or masked
 * in a container): the agent writes a request into the single slot of
 * `vigil_memory_request_map`, runs the `vigil_read_memory` iterator, and
 * finds the bytes in the single slot of `vigil_memory_window_map`.
 */
#define VIGIL_MEMORY_WINDOW (1 << 20)

struct vigil_memory_request {
	__u64 address;
	__u32 length;   /* at most VIGIL_MEMORY_WINDOW */
	__s32 result;   /* bpf_probe_read_kernel's: 0, or -EFAULT when part of the range is not mapped */
	__u64 sequence; /* echoed into `done` once the read ran */
	__u64 done;
};

struct vigil_memory_window {
	__u8 bytes[VIGIL_MEMORY_WINDOW];
};


/*
 * The usermode-helper and module-load guard (bpf/vigil_guard.bpf.c).
 *
 * umh_validate and umh_enforce keep LKRG's meaning; the policy sits in the
 * single slot of `vigil_guard_policy_map`, written by the agent.
 */
struct vigil_guard_policy {
	__u32 umh_validate;       /* 0 off, 1 allowlist, 2 refuse every helper */
	__u32 umh_enforce;        /* 0 log, 1 prevent (refuse the helper's exec), 2 prevent and panic */
	__u32 block_modules;      /* 1: refuse every module load */
	__u32 module_allowlist;   /* 1: only modules named in `vigil_module_allowlist` may load */
	__u64 modprobe_path;      /* &modprobe_path, or 0 */
	__u64 core_pattern;       /* &core_pattern, or 0 */
};

#define VIGIL_HELPER_PATH_LEN 256
#define VIGIL_CORE_PATTERN_LEN 128   /* CORENAME_MAX_SIZE */
#define VIGIL_HELPER_ARGS_LEN 512
#define VIGIL_HELPER_ENV_LEN 256
#define VIGIL_HELPER_MAX_ARGS 8

/* A usermode helper's path, zero-padded: the key of `vigil_helper_allowlist`. */
struct vigil_helper_path {
	char path[VIGIL_HELPER_PATH_LEN];
};

/*
 * The values of modprobe_path and core_pattern last written through /proc/sys
 * (or found at start), zero-padded, in the single slot of `vigil_helper_expected_map`.
 * The guard's own fexit on proc_sys_write keeps them current.
 */
struct vigil_helper_expected {
	char modprobe_path[VIGIL_HELPER_PATH_LEN];
	char core_pattern[VIGIL_CORE_PATTERN_LEN];
	__u32 known;              /* enum vigil_helper_variable bits: which values are set */
	__u32 reserved;
};

enum vigil_helper_stage {
	/* call_usermodehelper_exec: the kernel is about to run a helper. */
	VIGIL_HELPER_CALLED = 1,
	/* The helper's exec was refused (umh_enforce 1 or 2). */
	VIGIL_HELPER_EXEC_REFUSED = 2,
};

enum vigil_helper_verdict {
	VIGIL_HELPER_ALLOWED = 0,
	/* Not on the allowlist and not the value legitimately configured. */
	VIGIL_HELPER_NOT_ALLOWLISTED = 1,
	/* umh_validate 2: no helper may run. */
	VIGIL_HELPER_ALL_BLOCKED = 2,
	/* Run from modprobe_path or core_pattern whose value was not written through /proc/sys. */
	VIGIL_HELPER_VARIABLE_TAMPERED = 3,
};

/* Bits: the variable a helper was run from, and which expected values are known. */
enum vigil_helper_variable {
	VIGIL_HELPER_MODPROBE_PATH = 1,
	VIGIL_HELPER_CORE_PATTERN = 2,
};

enum vigil_guard_response {
	VIGIL_GUARD_NONE = 0,
	VIGIL_GUARD_LOGGED = 1,
	/* Refused with -EPERM: the helper never runs, the module never loads. */
	VIGIL_GUARD_PREVENTED = 2,
	/* Refused, and the agent panics the kernel. */
	VIGIL_GUARD_PANIC = 3,
};

/* VIGIL_EVENT_USERMODE_HELPER. */
struct vigil_helper_event {
	struct vigil_event_header header;
	__u32 stage;              /* enum vigil_helper_stage */
	__u32 verdict;            /* enum vigil_helper_verdict */
	__u32 variable;           /* enum vigil_helper_variable: the variable it runs from, or 0 */
	__u32 response;           /* enum vigil_guard_response */
	__u32 pid;                /* the task that made the call (CALLED) or the helper (EXEC_REFUSED) */
	__u32 uid;
	__s32 wait;               /* UMH_NO_WAIT, UMH_WAIT_EXEC, UMH_WAIT_PROC, UMH_KILLABLE bits */
	__u32 argc;               /* strings in `args` (at most VIGIL_HELPER_MAX_ARGS) */
	__u32 envc;               /* strings in `env` */
	__u32 truncated;          /* 1 when argv or envp did not fit */
	char comm[VIGIL_COMM_LEN];
	char path[VIGIL_HELPER_PATH_LEN];
	char args[VIGIL_HELPER_ARGS_LEN];          /* argv, each string NUL-terminated */
	char env[VIGIL_HELPER_ENV_LEN];            /* envp, each string NUL-terminated */
	char variable_at_use[VIGIL_HELPER_PATH_LEN];
	char variable_expected[VIGIL_HELPER_PATH_LEN];
};

enum vigil_module_policy_reason {
	VIGIL_MODULE_BLOCKED = 1,          /* block_modules */
	VIGIL_MODULE_NOT_ALLOWLISTED = 2,
	VIGIL_MODULE_NAME_UNREADABLE = 3,  /* an allowlist is set but the image names no module (compressed, not ELF) */
};

enum vigil_module_operation {
	VIGIL_MODULE_FROM_FILE = 1,        /* finit_module */
	VIGIL_MODULE_FROM_MEMORY = 2,      /* init_module */
};

#define VIGIL_MODULE_FILE_LEN 64

/* VIGIL_EVENT_MODULE_POLICY: a module load the policy refused. */
struct vigil_module_policy_event {
	struct vigil_event_header header;
	__u32 reason;             /* enum vigil_module_policy_reason */
	__u32 operation;          /* enum vigil_module_operation */
	__u32 pid;
	__u32 uid;
	__s32 result;             /* what the load was refused with (-EPERM) */
	__u32 reserved;
	char comm[VIGIL_COMM_LEN];
	char name[VIGIL_MODULE_NAME_LEN];   /* from the image's .gnu.linkonce.this_module, when read */
	char file[VIGIL_MODULE_FILE_LEN];   /* the file's name (finit_module) */
};

_Static_assert(sizeof(struct vigil_task_state) == 192, "vigil_task_state layout");
_Static_assert(sizeof(struct vigil_process_ref) == 24, "vigil_process_ref layout");
_Static_assert(sizeof(struct vigil_event_header) == 16, "vigil_event_header layout");
_Static_assert(sizeof(struct vigil_task_event) == 16 + 24 + 8 + 8 + 16 + 32 + 96 + 192 * 2, "vigil_task_event layout");
_Static_assert(sizeof(struct vigil_policy) == 16, "vigil_policy layout");

_Static_assert(sizeof(struct vigil_kernel_settings) == 32, "vigil_kernel_settings layout");
_Static_assert(sizeof(struct vigil_memory_request) == 32, "vigil_memory_request layout");
_Static_assert(sizeof(struct vigil_memory_range) == 16, "vigil_memory_range layout");
_Static_assert(sizeof(struct vigil_module_event) == 16 + 8 + 8 + 16 + 48 + 16 + 8 + 8 + 8 + 16 + 56, "vigil_module_event layout");
_Static_assert(sizeof(struct vigil_kernel_write_event) == 16 + 8 + 8 + 8 + 8 + 16 + 32 + 256, "vigil_kernel_write_event layout");
_Static_assert(sizeof(struct vigil_guard_policy) == 32, "vigil_guard_policy layout");
_Static_assert(sizeof(struct vigil_helper_expected) == 256 + 128 + 8, "vigil_helper_expected layout");
_Static_assert(sizeof(struct vigil_helper_event) == 16 + 40 + 16 + 256 + 512 + 256 + 256 + 256, "vigil_helper_event layout");
_Static_assert(sizeof(struct vigil_module_policy_event) == 16 + 24 + 16 + 56 + 64, "vigil_module_policy_event layout");

#endif
