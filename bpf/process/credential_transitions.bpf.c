/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Legitimate transitions of a task's security state, which move its shadow:
 *   commit_creds()            every credential change (set*id, capset, prctl, exec, unshare, setns, keyctl)
 *   override_creds()/revert_creds()   temporary subjective credentials (faccessat, overlayfs, NFS)
 *   switch_task_namespaces()  every nsproxy change (unshare, setns, exec of a time namespace, exit)
 * Each is accepted only from the contexts the kernel uses it in; a commit from
 * anywhere else (a driver's ioctl or write handler) is an escalation in itself.
 * All are exported, non-inline functions on 6.1 and 6.12, so fentry/fexit can attach.
 */

SEC("fentry/commit_creds")
int BPF_PROG(vigil_commit_creds, struct cred *new)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_shadow *shadow = shadow_of(task, true);
	if (!shadow)
		return 0;
	struct vigil_policy *pol = policy();
	struct vigil_task_state *state = &shadow->actual;
	read_task_state(state, task);

	if (pol && pol->pint_validate && shadow->initialised && !shadow->condemned && !is_kernel_context(task)) {
		/* The credentials being replaced must be the ones last committed. */
		__u64 mismatch = compare_state(&shadow->state, state, pol->flags & VIGIL_POLICY_TRACKS_OVERRIDES);
		if (mismatch) {
			respond(pol, task, shadow, VIGIL_EVENT_TASK_INTEGRITY, VIGIL_HOOK_COMMIT_CREDS, mismatch, state, false);
			return 0;
		}
		/* And the commit must come from a path that legitimately commits. */
		__u32 compat = 0;
		__s64 nr = current_syscall(&compat);
		if (!shadow->legit_window && !credential_syscall(nr, compat)) {
			read_cred(state, new);
			state->cred = state->real_cred = address_of(new);
			__u64 changed = compare_credentials(&shadow->state, state) | VIGIL_FIELD_REAL_CRED | VIGIL_FIELD_CRED;
			respond(pol, task, shadow, VIGIL_EVENT_ILLEGAL_TRANSITION, VIGIL_HOOK_COMMIT_CREDS, changed, state, false);
			return 0;
		}
	}
	if (shadow->condemned)
		return 0;
	if (!shadow->initialised) {
		__builtin_memcpy(&shadow->state, state, sizeof(*state));
		shadow->initialised = 1;
	}
	read_cred(&shadow->state, new);
	shadow->state.cred = shadow->state.real_cred = address_of(new);
	count(VIGIL_COUNTER_LEGIT_COMMITS);
	return 0;
}

SEC("fexit/override_creds")
int BPF_PROG(vigil_override_creds, const struct cred *new, const struct cred *previous)
{
	struct task_shadow *shadow = shadow_of(bpf_get_current_task_btf(), false);
	if (shadow && shadow->initialised && !shadow->condemned)
		shadow->state.cred = address_of(new);
	return 0;
}

SEC("fexit/revert_creds")
int BPF_PROG(vigil_revert_creds, const struct cred *old)
{
	struct task_shadow *shadow = shadow_of(bpf_get_current_task_btf(), false);
	if (shadow && shadow->initialised && !shadow->condemned)
		shadow->state.cred = address_of(old);
	return 0;
}

SEC("fentry/switch_task_namespaces")
int BPF_PROG(vigil_switch_namespaces, struct task_struct *target, struct nsproxy *new)
{
	struct task_struct *task = bpf_get_current_task_btf();
	if (!new) {
		/*
		 * exit_task_namespaces(): the task is leaving. Record it, or a zombie
		 * waiting to be reaped would look to the sweep like a namespace theft.
		 */
		struct task_shadow *leaving = shadow_of(target, false);
		if (leaving && leaving->initialised)
			read_namespaces(&leaving->state, 0);
		return 0;
	}
	struct task_shadow *shadow = shadow_of(target, true);
	if (!shadow)
		return 0;
	struct vigil_policy *pol = policy();
	bool self = BPF_CORE_READ(target, pid) == BPF_CORE_READ(task, pid);
	if (pol && pol->pint_validate && self && shadow->initialised && !shadow->condemned && !is_kernel_context(task)) {
		__u32 compat = 0;
		__s64 nr = current_syscall(&compat);
		if (!namespace_syscall(nr, compat)) {
			struct vigil_task_state *state = &shadow->actual;
			read_task_state(state, task);
			read_namespaces(state, new);
			__u64 changed = compare_namespaces(&shadow->state, state) | VIGIL_FIELD_NSPROXY;
			respond(pol, task, shadow, VIGIL_EVENT_ILLEGAL_TRANSITION, VIGIL_HOOK_SWITCH_NAMESPACES, changed, state, false);
			return 0;
		}
	}
	if (shadow->condemned)
		return 0;
	if (!shadow->initialised) {
		read_task_state(&shadow->state, target);
		shadow->initialised = 1;
	}
	read_namespaces(&shadow->state, new);
	return 0;
}

/*
 * In-kernel callers that commit credentials outside a credential system call:
 * a keyring handed to the parent by KEYCTL_SESSION_TO_PARENT is committed from
 * task work, and LSM attribute writes (/proc/self/attr/...) commit from write().
 */
static __always_inline void enter_legit_window(void)
{
	struct task_shadow *shadow = shadow_of(bpf_get_current_task_btf(), false);
	if (shadow)
		shadow->legit_window += 1;
}

static __always_inline void leave_legit_window(void)
{
	struct task_shadow *shadow = shadow_of(bpf_get_current_task_btf(), false);
	if (shadow && shadow->legit_window)
		shadow->legit_window -= 1;
}

/*
 * kernel_execve: the kernel executing a program itself, for a usermode helper
 * (modprobe, the core-dump pipe, request-key) or init. The exec commits the
 * program's credentials from a task that is in no system call, after its new
 * mm is installed; the window makes that commit the legitimate one it is.
 * The helper task may not have a shadow yet, so the window creates it.
 */
SEC("fentry/kernel_execve")
int BPF_PROG(vigil_kernel_execve_enter)
{
	struct task_shadow *shadow = shadow_of(bpf_get_current_task_btf(), true);
	if (shadow)
		shadow->legit_window += 1;
	return 0;
}

SEC("fexit/kernel_execve")
int BPF_PROG(vigil_kernel_execve_leave) { leave_legit_window(); return 0; }

SEC("fentry/key_change_session_keyring")
int BPF_PROG(vigil_keyring_window_enter) { enter_legit_window(); return 0; }

SEC("fexit/key_change_session_keyring")
int BPF_PROG(vigil_keyring_window_leave) { leave_legit_window(); return 0; }

SEC("fentry/security_setprocattr")
int BPF_PROG(vigil_setprocattr_window_enter) { enter_legit_window(); return 0; }

SEC("fexit/security_setprocattr")
int BPF_PROG(vigil_setprocattr_window_leave) { leave_legit_window(); return 0; }

/*
 * Seccomp and no_new_privs tighten inside prctl() and seccomp(), after the
 * last LSM hook of those calls has run. Adopting the tighter state as the
 * call returns means a later clearing (a data-only seccomp escape) is seen as
 * the loosening it is, even if no hook ran in between. The syscall wrappers
 * are ordinary traceable functions on x86-64.
 */
static __always_inline void adopt_tightened_confinement(void)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct task_shadow *shadow = shadow_of(task, false);
	if (!shadow || !shadow->initialised || shadow->condemned)
		return;
	struct vigil_task_state *actual = &shadow->actual;
	read_confinement(actual, task);
	if (!compare_confinement(&shadow->state, actual))
		adopt_confinement(shadow, actual);
}

SEC("fexit/__x64_sys_prctl")
int BPF_PROG(vigil_prctl_return) { adopt_tightened_confinement(); return 0; }

SEC("fexit/__x64_sys_seccomp")
int BPF_PROG(vigil_seccomp_return) { adopt_tightened_confinement(); return 0; }

SEC("fexit/__ia32_sys_prctl")
int BPF_PROG(vigil_prctl_return_ia32) { adopt_tightened_confinement(); return 0; }

SEC("fexit/__ia32_sys_seccomp")
int BPF_PROG(vigil_seccomp_return_ia32) { adopt_tightened_confinement(); return 0; }
