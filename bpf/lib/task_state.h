/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a task's security state (CO-RE) and comparing it with its shadow.
 * kernel_cap_t is u32[2] on 6.1 and u64 from 6.3: both are 8 bytes, read raw.
 */
#ifndef VIGIL_TASK_STATE_H
#define VIGIL_TASK_STATE_H

#define PF_EXITING 0x00000004
#define PF_KTHREAD 0x00200000
#define PFA_NO_NEW_PRIVS 0
#define SECCOMP_CHAIN_DEPTH 16

static __always_inline __u64 read_caps(const kernel_cap_t *field)
{
	__u64 value = 0;
	bpf_core_read(&value, sizeof(value), field);
	return value;
}

/*
 * The address held by a typed (BTF) pointer, as a plain number. The verifier
 * forbids arithmetic on such pointers, including the xor that compares them,
 * so the value is copied out through a probe read.
 */
static __always_inline __u64 address_of(const void *pointer)
{
	__u64 value = 0;
	bpf_probe_read_kernel(&value, sizeof(value), &pointer);
	return value;
}

/*
 * The readers below copy each field straight into the state with
 * BPF_CORE_READ_INTO, so no temporary per field lands on the 512-byte BPF
 * stack; only pointer hops use one.
 */
static __always_inline void read_cred(struct vigil_task_state *state, const struct cred *subject)
{
	/* Read through a non-const pointer: the CO-RE macros' temporaries must be assignable. */
	struct cred *cred = (struct cred *)subject;
	BPF_CORE_READ_INTO(&state->uid, cred, uid.val);
	BPF_CORE_READ_INTO(&state->euid, cred, euid.val);
	BPF_CORE_READ_INTO(&state->suid, cred, suid.val);
	BPF_CORE_READ_INTO(&state->fsuid, cred, fsuid.val);
	BPF_CORE_READ_INTO(&state->gid, cred, gid.val);
	BPF_CORE_READ_INTO(&state->egid, cred, egid.val);
	BPF_CORE_READ_INTO(&state->sgid, cred, sgid.val);
	BPF_CORE_READ_INTO(&state->fsgid, cred, fsgid.val);
	BPF_CORE_READ_INTO(&state->securebits, cred, securebits);
	bpf_core_read(&state->cap_inheritable, sizeof(__u64), &cred->cap_inheritable);
	bpf_core_read(&state->cap_permitted, sizeof(__u64), &cred->cap_permitted);
	bpf_core_read(&state->cap_effective, sizeof(__u64), &cred->cap_effective);
	bpf_core_read(&state->cap_bset, sizeof(__u64), &cred->cap_bset);
	bpf_core_read(&state->cap_ambient, sizeof(__u64), &cred->cap_ambient);
	BPF_CORE_READ_INTO(&state->user_ns, cred, user_ns);
	BPF_CORE_READ_INTO(&state->group_info, cred, group_info);
	struct group_info *groups = (struct group_info *)state->group_info;
	state->ngroups = 0;
	if (groups)
		BPF_CORE_READ_INTO(&state->ngroups, groups, ngroups);
}

static __always_inline void read_namespaces(struct vigil_task_state *state, struct nsproxy *ns)
{
	state->nsproxy = address_of(ns);
	state->uts_ns = state->ipc_ns = state->mnt_ns = 0;
	state->pid_ns_for_children = state->net_ns = state->cgroup_ns = state->time_ns = 0;
	if (!state->nsproxy)
		return;
	BPF_CORE_READ_INTO(&state->uts_ns, ns, uts_ns);
	BPF_CORE_READ_INTO(&state->ipc_ns, ns, ipc_ns);
	BPF_CORE_READ_INTO(&state->mnt_ns, ns, mnt_ns);
	BPF_CORE_READ_INTO(&state->pid_ns_for_children, ns, pid_ns_for_children);
	BPF_CORE_READ_INTO(&state->net_ns, ns, net_ns);
	BPF_CORE_READ_INTO(&state->cgroup_ns, ns, cgroup_ns);
	if (bpf_core_field_exists(ns->time_ns))
		BPF_CORE_READ_INTO(&state->time_ns, ns, time_ns);
}

/* Seccomp mode and filter, and no_new_privs. */
static __always_inline void read_confinement(struct vigil_task_state *state, struct task_struct *task)
{
	BPF_CORE_READ_INTO(&state->seccomp_mode, task, seccomp.mode);
	BPF_CORE_READ_INTO(&state->seccomp_filter, task, seccomp.filter);
	unsigned long flags = 0;
	BPF_CORE_READ_INTO(&flags, task, atomic_flags);
	state->no_new_privs = (flags >> PFA_NO_NEW_PRIVS) & 1;
}

/* The full state of `task` as the kernel holds it now. */
static __always_inline void read_task_state(struct vigil_task_state *state, struct task_struct *task)
{
	BPF_CORE_READ_INTO(&state->real_cred, task, real_cred);
	BPF_CORE_READ_INTO(&state->cred, task, cred);
	const struct cred *real_cred = (const struct cred *)state->real_cred;
	read_cred(state, real_cred);
	read_namespaces(state, BPF_CORE_READ(task, nsproxy));
	read_confinement(state, task);
}

/*
 * 1 when a != b, computed without a branch: the BPF ISA has no conditional
 * set, so a comparison would fork the verifier's path for every field and
 * the forks multiply. The empty asm keeps clang from turning it back into one.
 */
static __always_inline __u64 differs(__u64 a, __u64 b)
{
	__u64 x = a ^ b;
	__u64 folded = x | (0 - x);
	/* Keep clang from seeing `x != 0` here, and `bit` as 0 or 1 below: it would branch on both. */
	asm volatile("" : "+r"(folded));
	__u64 bit = folded >> 63;
	asm volatile("" : "+r"(bit));
	return bit;
}

#define DIFF(field, bit) mismatch |= differs((__u64)expected->field, (__u64)actual->field) * (bit)

/* Fields that only a credential commit may change: ids, capabilities, user namespace, groups. */
static __always_inline __u64 compare_credentials(const struct vigil_task_state *expected, const struct vigil_task_state *actual)
{
	__u64 mismatch = 0;
	DIFF(uid, VIGIL_FIELD_UID);
	DIFF(euid, VIGIL_FIELD_EUID);
	DIFF(suid, VIGIL_FIELD_SUID);
	DIFF(fsuid, VIGIL_FIELD_FSUID);
	DIFF(gid, VIGIL_FIELD_GID);
	DIFF(egid, VIGIL_FIELD_EGID);
	DIFF(sgid, VIGIL_FIELD_SGID);
	DIFF(fsgid, VIGIL_FIELD_FSGID);
	DIFF(securebits, VIGIL_FIELD_SECUREBITS);
	DIFF(ngroups, VIGIL_FIELD_NGROUPS);
	DIFF(cap_inheritable, VIGIL_FIELD_CAP_INHERITABLE);
	DIFF(cap_permitted, VIGIL_FIELD_CAP_PERMITTED);
	DIFF(cap_effective, VIGIL_FIELD_CAP_EFFECTIVE);
	DIFF(cap_bset, VIGIL_FIELD_CAP_BSET);
	DIFF(cap_ambient, VIGIL_FIELD_CAP_AMBIENT);
	DIFF(user_ns, VIGIL_FIELD_USER_NS);
	DIFF(group_info, VIGIL_FIELD_GROUP_INFO);
	return mismatch;
}

static __always_inline __u64 compare_namespaces(const struct vigil_task_state *expected, const struct vigil_task_state *actual)
{
	__u64 mismatch = 0;
	DIFF(nsproxy, VIGIL_FIELD_NSPROXY);
	DIFF(uts_ns, VIGIL_FIELD_UTS_NS);
	DIFF(ipc_ns, VIGIL_FIELD_IPC_NS);
	DIFF(mnt_ns, VIGIL_FIELD_MNT_NS);
	DIFF(pid_ns_for_children, VIGIL_FIELD_PID_NS_FOR_CHILDREN);
	DIFF(net_ns, VIGIL_FIELD_NET_NS);
	DIFF(cgroup_ns, VIGIL_FIELD_CGROUP_NS);
	DIFF(time_ns, VIGIL_FIELD_TIME_NS);
	return mismatch;
}

/*
 * Whether `filter` descends from `ancestor`: a legitimate seccomp() call only
 * ever pushes a new filter on top of the current chain. A global function, so
 * the verifier checks its loop once instead of at every caller's path.
 */
__noinline int vigil_filter_descends_from(__u64 filter, __u64 ancestor)
{
	struct seccomp_filter *current = (struct seccomp_filter *)filter;
	for (int depth = 0; depth < SECCOMP_CHAIN_DEPTH && current; depth++) {
		if ((__u64)current == ancestor)
			return 1;
		current = BPF_CORE_READ(current, prev);
	}
	return 0;
}

/*
 * Seccomp and no_new_privs only ever tighten: a mode that drops, a filter
 * chain that loses its old top, or a cleared no_new_privs cannot be legitimate.
 * Tightening is adopted into the shadow by the caller.
 */
static __always_inline __u64 compare_confinement(const struct vigil_task_state *expected, const struct vigil_task_state *actual)
{
	__u64 mismatch = 0;
	if (actual->seccomp_mode < expected->seccomp_mode)
		mismatch |= VIGIL_FIELD_SECCOMP_MODE;
	if (expected->seccomp_filter && actual->seccomp_filter != expected->seccomp_filter &&
	    !vigil_filter_descends_from(actual->seccomp_filter, expected->seccomp_filter))
		mismatch |= VIGIL_FIELD_SECCOMP_FILTER;
	if (expected->no_new_privs && !actual->no_new_privs)
		mismatch |= VIGIL_FIELD_NO_NEW_PRIVS;
	return mismatch;
}

#undef DIFF

#endif
