/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Task lifecycle: a shadow for every task. Existing tasks are seeded by a task
 * iterator the agent runs once after attaching; new ones get theirs from
 * sched_process_fork, which fires after copy_process() has given the child its
 * final credentials and namespaces and before the child first runs. Shadows
 * live in task storage, so the kernel frees them with the task.
 */

SEC("tp_btf/sched_process_fork")
int BPF_PROG(vigil_task_forked, struct task_struct *parent, struct task_struct *child)
{
	if (BPF_CORE_READ(child, flags) & PF_KTHREAD)
		return 0;
	struct task_shadow *shadow = shadow_of(child, true);
	if (!shadow)
		return 0;
	read_task_state(&shadow->state, child);
	shadow->initialised = 1;
	shadow->condemned = 0;
	shadow->legit_window = 0;
	return 0;
}

SEC("iter/task")
int vigil_seed_tasks(struct bpf_iter__task *ctx)
{
	struct task_struct *task = ctx->task;
	if (!task || (BPF_CORE_READ(task, flags) & PF_KTHREAD))
		return 0;
	struct task_shadow *shadow = shadow_of(task, true);
	if (!shadow || shadow->initialised)
		return 0;
	read_task_state(&shadow->state, task);
	shadow->initialised = 1;
	count(VIGIL_COUNTER_TASKS_SEEDED);
	return 0;
}
