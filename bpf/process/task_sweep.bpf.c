/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The periodic sweep (pint_validate >= 2): a task iterator the agent runs on a
 * timer compares every task with its shadow, catching tasks that sit idle with
 * forged state. It reads other tasks concurrently with their own transitions,
 * so it only reports candidates (hook SWEEP, response LOGGED); the agent
 * confirms a candidate with a second sweep before it acts, and never checks
 * the subjective cred pointer here, which legitimately flips during overrides.
 * A task whose seccomp or no_new_privs only tightened has that adopted.
 */

SEC("iter/task")
int vigil_sweep_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	/* Kernel threads are not shadowed; exiting tasks and zombies are releasing their state. */
	if (!task || (BPF_CORE_READ(task, flags) & (PF_KTHREAD | PF_EXITING)))
		return 0;
	struct task_shadow *shadow = shadow_of(task, false);
	if (!shadow || !shadow->initialised || shadow->condemned)
		return 0;
	__u32 zero = 0;
	struct vigil_task_state *actual = bpf_map_lookup_elem(&vigil_sweep_scratch, &zero);
	if (!actual)
		return 0;
	count(VIGIL_COUNTER_SWEPT);
	read_task_state(actual, task);
	__u64 mismatch = compare_state(&shadow->state, actual, false);
	if (!mismatch) {
		/* Tightening is always legitimate (threads synced by SECCOMP_FILTER_FLAG_TSYNC, say). */
		adopt_confinement(shadow, actual);
		return 0;
	}
	emit_task_event(VIGIL_EVENT_TASK_INTEGRITY, task, VIGIL_HOOK_SWEEP, VIGIL_RESPONSE_LOGGED, mismatch,
			&shadow->state, actual, false);
	return 0;
}
