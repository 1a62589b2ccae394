/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The legitimate ways to change the variables Vigil watches, each reporting
 * the value it left behind, so that the agent can tell a write through
 * /proc/sys (or selinuxfs, securityfs, a module parameter) from an exploit
 * writing the same bytes directly.
 *
 * proc_sys_write is the write handler of every file under /proc/sys, reached
 * through its file_operations (never inlined); the sysctl's table is found
 * from the file's proc inode (lib/sysctl.h). The value is read at fexit, after the handler
 * stored it and before the write returns to user space.
 */

static __always_inline void copy_value(struct vigil_kernel_write_event *event, const void *data, __s64 length)
{
	if (!data || length <= 0)
		return;
	if (length > VIGIL_WRITE_VALUE_LEN)
		length = VIGIL_WRITE_VALUE_LEN;
	if (bpf_probe_read_kernel(event->value, length & (2 * VIGIL_WRITE_VALUE_LEN - 1), data) == 0)
		event->length = length;
}

static __always_inline struct vigil_kernel_write_event *reserve_write_event(__u32 source, __s64 result)
{
	struct vigil_kernel_write_event *event = bpf_ringbuf_reserve(&vigil_kernel_ring, sizeof(*event), 0);
	if (!event) {
		count_kernel_drop();
		return NULL;
	}
	__builtin_memset(event, 0, sizeof(*event));
	event->header.type = VIGIL_EVENT_KERNEL_WRITE;
	event->header.size = sizeof(*event);
	event->header.boot_ns = bpf_ktime_get_boot_ns();
	event->source = source;
	event->result = result;
	fill_writer(&event->pid, &event->uid, event->comm);
	return event;
}

SEC("fexit/proc_sys_write")
int BPF_PROG(vigil_sysctl_written, struct kiocb *iocb, struct iov_iter *iter, ssize_t result)
{
	if (result <= 0)
		return 0;
	struct ctl_table *table = sysctl_table_of(iocb);
	if (!table)
		return 0;
	struct vigil_kernel_write_event *event = reserve_write_event(VIGIL_WRITE_SYSCTL, result);
	if (!event)
		return 0;
	void *data = BPF_CORE_READ(table, data);
	event->address = (__u64)data;
	bpf_probe_read_kernel_str(event->name, sizeof(event->name), BPF_CORE_READ(table, procname));
	copy_value(event, data, BPF_CORE_READ(table, maxlen));
	bpf_ringbuf_submit(event, 0);
	return 0;
}

/* Reports the first `length` bytes of a variable whose address the agent supplied. */
static __always_inline void report_variable(__u32 source, __u64 address, __s64 result, __s64 length)
{
	if (result <= 0 || !address)
		return;
	struct vigil_kernel_write_event *event = reserve_write_event(source, result);
	if (!event)
		return;
	event->address = address;
	copy_value(event, (const void *)address, length);
	bpf_ringbuf_submit(event, 0);
}

SEC("fexit/sel_write_enforce")
int BPF_PROG(vigil_selinux_enforce_written, struct file *file, const char *buffer, size_t count, loff_t *position,
	     ssize_t result)
{
	struct vigil_kernel_settings *settings = kernel_settings();
	if (settings)
		report_variable(VIGIL_WRITE_SELINUX_ENFORCE, settings->selinux_state, result, 8);
	return 0;
}

SEC("fexit/lockdown_write")
int BPF_PROG(vigil_lockdown_written, struct file *file, const char *buffer, size_t count, loff_t *position,
	     ssize_t result)
{
	struct vigil_kernel_settings *settings = kernel_settings();
	if (settings)
		report_variable(VIGIL_WRITE_LOCKDOWN, settings->kernel_locked_down, result, 8);
	return 0;
}

/* UEVENT_HELPER_PATH_LEN */
#define VIGIL_UEVENT_HELPER_LEN 256

SEC("fexit/uevent_helper_store")
int BPF_PROG(vigil_uevent_helper_written, struct kobject *kobject, struct kobj_attribute *attribute, const char *buffer,
	     size_t count, ssize_t result)
{
	struct vigil_kernel_settings *settings = kernel_settings();
	if (settings)
		report_variable(VIGIL_WRITE_UEVENT_HELPER, settings->uevent_helper, result, VIGIL_UEVENT_HELPER_LEN);
	return 0;
}

SEC("fexit/param_attr_store")
int BPF_PROG(vigil_module_parameter_written, struct module_attribute *attribute, struct module_kobject *kobject,
	     const char *buffer, size_t length, ssize_t result)
{
	if (result <= 0)
		return 0;
	struct param_attribute *parameter = (void *)attribute - bpf_core_field_offset(struct param_attribute, mattr);
	/* Read through a non-const view: BPF_CORE_READ declares its result with the field's const. */
	struct kernel_param *param = (struct kernel_param *)BPF_CORE_READ(parameter, param);
	if (!param)
		return 0;
	struct vigil_kernel_write_event *event = reserve_write_event(VIGIL_WRITE_MODULE_PARAMETER, result);
	if (!event)
		return 0;
	void *data = NULL;
	const char *name = NULL;
	bpf_core_read(&data, sizeof(data), &param->arg);
	bpf_core_read(&name, sizeof(name), &param->name);
	event->address = (__u64)data;
	bpf_probe_read_kernel_str(event->name, sizeof(event->name), name);
	copy_value(event, data, 8);
	bpf_ringbuf_submit(event, 0);
	return 0;
}
