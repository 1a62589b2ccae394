/* SPDX-License-Identifier: GPL-2.0-only */
/* Building and sending task events, with the evidence an operator needs. */
#ifndef VIGIL_EVENTS_H
#define VIGIL_EVENTS_H

#define TS_COMPAT 0x0002

/* The current system call number, or -1 outside one (kernel threads, task work). */
static __always_inline __s64 current_syscall(__u32 *compat)
{
	struct task_struct *task = bpf_get_current_task_btf();
	*compat = 0;
	if (BPF_CORE_READ(task, flags) & PF_KTHREAD)
		return -1;
	if (bpf_core_field_exists(task->thread_info.status))
		*compat = (BPF_CORE_READ(task, thread_info.status) & TS_COMPAT) ? 1 : 0;
	struct pt_regs *regs = (struct pt_regs *)bpf_task_pt_regs(task);
	if (!regs)
		return -1;
	return (__s64)BPF_CORE_READ(regs, orig_ax);
}

static __always_inline void fill_identity(struct vigil_task_event *event, struct task_struct *task)
{
	event->pid = BPF_CORE_READ(task, tgid);
	event->tid = BPF_CORE_READ(task, pid);
	bpf_probe_read_kernel_str(event->comm, sizeof(event->comm), &task->comm);
	const unsigned char *exe = BPF_CORE_READ(task, mm, exe_file, f_path.dentry, d_name.name);
	if (exe)
		bpf_probe_read_kernel_str(event->exe, sizeof(event->exe), exe);
	struct task_struct *parent = BPF_CORE_READ(task, real_parent);
	__u32 count = 0;
	for (int depth = 0; depth < VIGIL_PARENT_DEPTH; depth++) {
		if (!parent)
			break;
		event->parents[depth].pid = BPF_CORE_READ(parent, tgid);
		event->parents[depth].tid = BPF_CORE_READ(parent, pid);
		bpf_probe_read_kernel_str(event->parents[depth].comm, VIGIL_COMM_LEN, &parent->comm);
		count++;
		if (event->parents[depth].tid <= 1)
			break;
		parent = BPF_CORE_READ(parent, real_parent);
	}
	event->parent_count = count;
}

static __always_inline void emit_task_event(__u32 type, struct task_struct *task, __u32 hook, __u32 response,
					    __u64 mismatch, const struct vigil_task_state *expected,
					    const struct vigil_task_state *actual, bool in_task_context)
{
	struct vigil_task_event *event = bpf_ringbuf_reserve(&vigil_event_ring, sizeof(*event), 0);
	if (!event) {
		count(VIGIL_COUNTER_EVENTS_DROPPED);
		return;
	}
	__builtin_memset(event, 0, sizeof(*event));
	event->header.type = type;
	event->header.size = sizeof(*event);
	event->header.boot_ns = bpf_ktime_get_boot_ns();
	event->hook = hook;
	event->response = response;
	event->mismatch = mismatch;
	event->syscall_nr = -1;
	if (in_task_context) {
		__u32 compat = 0;
		event->syscall_nr = current_syscall(&compat);
		event->compat_syscall = compat;
	}
	fill_identity(event, task);
	__builtin_memcpy(&event->expected, expected, sizeof(*expected));
	__builtin_memcpy(&event->actual, actual, sizeof(*actual));
	bpf_ringbuf_submit(event, 0);
}

#endif
