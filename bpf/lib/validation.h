/* SPDX-License-Identifier: GPL-2.0-only */
/* Validating the current task against its shadow, and responding per policy. */
#ifndef VIGIL_VALIDATION_H
#define VIGIL_VALIDATION_H

#define EPERM 1
#define SIGKILL 9

static __always_inline struct task_shadow *shadow_of(struct task_struct *task, bool create)
{
	return bpf_task_storage_get(&vigil_shadow_map, task, 0, create ? BPF_LOCAL_STORAGE_GET_F_CREATE : 0);
}

static __always_inline bool is_kernel_context(struct task_struct *task)
{
	return (BPF_CORE_READ(task, flags) & PF_KTHREAD) || !BPF_CORE_READ(task, mm);
}

/* Every difference between the shadow and the actual state of a task. */
static __always_inline __u64 compare_state(const struct vigil_task_state *expected, const struct vigil_task_state *actual,
					   bool check_subjective_cred)
{
	__u64 mismatch = compare_credentials(expected, actual) | compare_namespaces(expected, actual) |
			 compare_confinement(expected, actual);
	mismatch |= differs(expected->real_cred, actual->real_cred) * VIGIL_FIELD_REAL_CRED;
	if (check_subjective_cred)
		mismatch |= differs(expected->cred, actual->cred) * VIGIL_FIELD_CRED;
	return mismatch;
}

/* Seccomp and no_new_privs only tighten; a tighter state becomes the new shadow. */
static __always_inline void adopt_confinement(struct task_shadow *shadow, const struct vigil_task_state *actual)
{
	shadow->state.seccomp_mode = actual->seccomp_mode;
	shadow->state.seccomp_filter = actual->seccomp_filter;
	shadow->state.no_new_privs = actual->no_new_privs;
}

/*
 * Report a violation by the current task and act on it. Returns the value an
 * LSM hook should return: -EPERM when the operation is refused.
 */
static __always_inline int respond(struct vigil_policy *pol, struct task_struct *task, struct task_shadow *shadow,
				   __u32 type, __u32 hook, __u64 mismatch, const struct vigil_task_state *actual,
				   bool can_block)
{
	count(type == VIGIL_EVENT_ILLEGAL_TRANSITION ? VIGIL_COUNTER_ILLEGAL_TRANSITIONS : VIGIL_COUNTER_VIOLATIONS);
	if (pol->pint_enforce == 0) {
		emit_task_event(type, task, hook, VIGIL_RESPONSE_LOGGED, mismatch, &shadow->state, actual, true);
		__builtin_memcpy(&shadow->state, actual, sizeof(*actual));
		return 0;
	}
	shadow->condemned = 1;
	bpf_send_signal(SIGKILL);
	emit_task_event(type, task, hook, can_block ? VIGIL_RESPONSE_BLOCKED : VIGIL_RESPONSE_KILLED, mismatch,
			&shadow->state, actual, true);
	return can_block ? -EPERM : 0;
}

/*
 * The check every validation hook runs: is the current task's security state
 * the one its last legitimate transition left? A global function, verified
 * once per program rather than inlined into each hook.
 */
__noinline int vigil_validate_current(__u32 hook, __u32 can_block)
{
	struct vigil_policy *pol = policy();
	if (!pol || !pol->pint_validate)
		return 0;
	struct task_struct *task = bpf_get_current_task_btf();
	if (BPF_CORE_READ(task, flags) & PF_KTHREAD)
		return 0;
	struct task_shadow *shadow = shadow_of(task, true);
	if (!shadow)
		return 0;
	if (shadow->condemned)
		return (pol->pint_enforce && can_block) ? -EPERM : 0;
	struct vigil_task_state *actual = &shadow->actual;
	read_task_state(actual, task);
	if (!shadow->initialised) {
		/* A task the seed and fork hooks both missed: adopt it, and count it. */
		__builtin_memcpy(&shadow->state, actual, sizeof(*actual));
		shadow->initialised = 1;
		count(VIGIL_COUNTER_SHADOWS_ADOPTED);
		return 0;
	}
	count(VIGIL_COUNTER_VALIDATIONS);
	__u64 mismatch = compare_state(&shadow->state, actual, pol->flags & VIGIL_POLICY_TRACKS_OVERRIDES);
	if (!mismatch) {
		adopt_confinement(shadow, actual);
		return 0;
	}
	return respond(pol, task, shadow, VIGIL_EVENT_TASK_INTEGRITY, hook, mismatch, actual, can_block);
}

#endif
