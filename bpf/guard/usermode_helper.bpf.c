/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The usermode-helper guard. The kernel runs user space programs as root on
 * its own initiative: modprobe for request_module, the core_pattern pipe for
 * a core dump, request-key, poweroff, the uevent helper, ... An exploit that
 * can write kernel memory turns that into root by pointing modprobe_path or
 * core_pattern at its own program and then triggering the call.
 *
 * Every call is observed where the kernel makes it (call_usermodehelper_exec,
 * in the context of the task that caused it) with its path, argv and envp.
 * The helper's exec is judged again in the helper itself: a helper runs in a
 * task the kernel spawned without an mm, so an exec from such a task is a
 * helper's (or a usermode driver's). Refusing that exec with -EPERM means the
 * helper never executes an instruction of its program.
 *
 * A helper may run when its path is on the allowlist, or when it runs from
 * modprobe_path or core_pattern and that variable still holds the value last
 * written through /proc/sys (the administrator configured it). A helper run
 * from either variable while it holds any other value was put there by
 * writing kernel memory directly, and is refused even if allowlisted.
 */

/* Two zero-padded strings of VIGIL_HELPER_PATH_LEN bytes are equal. */
static __always_inline int same_string(const char *a, const char *b)
{
	const __u64 *x = (const __u64 *)a;
	const __u64 *y = (const __u64 *)b;
	for (int i = 0; i < VIGIL_HELPER_PATH_LEN / 8; i++)
		if (x[i] != y[i])
			return 0;
	return 1;
}

static __always_inline int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Whether `path` is the program a core_pattern of the form "|program args"
 * pipes core dumps to (the kernel splits the expanded pattern at white space
 * and runs the first word).
 */
static __always_inline int is_pipe_program(const char *pattern, const char *path)
{
	if (pattern[0] != '|')
		return 0;
	__u32 start = 1;
	for (int i = 0; i < 16; i++) {
		if (!is_space(pattern[start & (VIGIL_CORE_PATTERN_LEN - 1)]))
			break;
		start++;
	}
	for (__u32 i = 0; i < VIGIL_CORE_PATTERN_LEN; i++) {
		__u32 at = start + i;
		if (at >= VIGIL_CORE_PATTERN_LEN)
			return 0;
		char c = pattern[at & (VIGIL_CORE_PATTERN_LEN - 1)];
		char p = path[i & (VIGIL_HELPER_PATH_LEN - 1)];
		if (c == 0 || is_space(c))
			return p == 0;
		if (c != p)
			return 0;
	}
	return 0;
}

/* Scratch for the allowlist key: map keys must live in a map value or on the stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_helper_path);
} vigil_helper_key_scratch SEC(".maps");

static __always_inline int allowlisted(const char *path)
{
	__u32 zero = 0;
	struct vigil_helper_path *key = bpf_map_lookup_elem(&vigil_helper_key_scratch, &zero);
	if (!key)
		return 0;
	bpf_probe_read_kernel(key->path, sizeof(key->path), path);
	return bpf_map_lookup_elem(&vigil_helper_allowlist, key) != NULL;
}

/*
 * Judges the helper in event->path (zero-padded), recording the variable it
 * runs from, that variable's value now and the value last legitimately written.
 */
static __always_inline __u32 judge_helper(struct vigil_helper_event *event, const struct vigil_guard_policy *policy)
{
	struct vigil_helper_expected *expected = helper_expected();
	__u32 known = expected ? expected->known : 0;

	if (policy->modprobe_path) {
		bpf_probe_read_kernel_str(event->variable_at_use, VIGIL_HELPER_PATH_LEN, (const void *)policy->modprobe_path);
		if (same_string(event->variable_at_use, event->path)) {
			event->variable = VIGIL_HELPER_MODPROBE_PATH;
		} else {
			__builtin_memset(event->variable_at_use, 0, VIGIL_HELPER_PATH_LEN);
		}
	}
	if (!event->variable && policy->core_pattern) {
		bpf_probe_read_kernel_str(event->variable_at_use, VIGIL_CORE_PATTERN_LEN, (const void *)policy->core_pattern);
		if (is_pipe_program(event->variable_at_use, event->path)) {
			event->variable = VIGIL_HELPER_CORE_PATTERN;
		} else {
			__builtin_memset(event->variable_at_use, 0, VIGIL_HELPER_PATH_LEN);
		}
	}
	if (expected && (known & event->variable)) {
		if (event->variable == VIGIL_HELPER_MODPROBE_PATH)
			bpf_probe_read_kernel(event->variable_expected, VIGIL_HELPER_PATH_LEN, expected->modprobe_path);
		else
			bpf_probe_read_kernel(event->variable_expected, VIGIL_CORE_PATTERN_LEN, expected->core_pattern);
		if (!same_string(event->variable_at_use, event->variable_expected))
			return VIGIL_HELPER_VARIABLE_TAMPERED;
	}
	if (policy->umh_validate >= 2)
		return VIGIL_HELPER_ALL_BLOCKED;
	if (allowlisted(event->path))
		return VIGIL_HELPER_ALLOWED;
	/* Run from a variable that holds the value written through /proc/sys: configured by the administrator. */
	if (event->variable && (known & event->variable))
		return VIGIL_HELPER_ALLOWED;
	return VIGIL_HELPER_NOT_ALLOWLISTED;
}

static __always_inline __u32 helper_response(__u32 verdict, const struct vigil_guard_policy *policy)
{
	if (verdict == VIGIL_HELPER_ALLOWED)
		return VIGIL_GUARD_NONE;
	if (policy->umh_enforce == 0)
		return VIGIL_GUARD_LOGGED;
	if (policy->umh_enforce >= 2)
		return VIGIL_GUARD_PANIC;
	return VIGIL_GUARD_PREVENTED;
}

/* All zeroes: the event is too large for an inline memset, so it is copied from here. */
static const struct vigil_helper_event empty_helper_event;

static __always_inline struct vigil_helper_event *reserve_helper_event(__u32 stage)
{
	struct vigil_helper_event *event = bpf_ringbuf_reserve(&vigil_guard_ring, sizeof(*event), 0);
	if (!event) {
		count_guard(VIGIL_GUARD_EVENTS_DROPPED);
		return NULL;
	}
	bpf_probe_read_kernel(event, sizeof(*event), &empty_helper_event);
	fill_guard_header(&event->header, VIGIL_EVENT_USERMODE_HELPER, sizeof(*event));
	event->stage = stage;
	event->pid = bpf_get_current_pid_tgid() >> 32;
	event->uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	return event;
}

#define VIGIL_HELPER_ARG_CHUNK 128
#define VIGIL_HELPER_ENV_CHUNK 96

/* Copies up to VIGIL_HELPER_MAX_ARGS strings of a NULL-terminated vector; returns how many. */
static __always_inline __u32 copy_strings(char *out, __u32 out_len, __u32 chunk, char **vector, __u32 *truncated)
{
	__u32 offset = 0, count = 0;
	if (!vector)
		return 0;
	for (int i = 0; i < VIGIL_HELPER_MAX_ARGS; i++) {
		const char *string = NULL;
		if (bpf_probe_read_kernel(&string, sizeof(string), &vector[i]) || !string)
			return count;
		if (offset > out_len - chunk) {
			*truncated = 1;
			return count;
		}
		long copied = bpf_probe_read_kernel_str(out + offset, chunk, string);
		if (copied <= 0)
			return count;
		offset += copied;
		count++;
	}
	const char *more = NULL;
	if (bpf_probe_read_kernel(&more, sizeof(more), &vector[VIGIL_HELPER_MAX_ARGS]) == 0 && more)
		*truncated = 1;
	return count;
}

/* The kernel is about to run a helper: report it, with the verdict its exec will get. */
SEC("fentry/call_usermodehelper_exec")
int BPF_PROG(vigil_helper_called, struct subprocess_info *info, int wait)
{
	struct vigil_guard_policy *policy = guard_policy();
	if (!policy || policy->umh_validate == 0)
		return 0;
	count_guard(VIGIL_GUARD_HELPERS_CALLED);
	struct vigil_helper_event *event = reserve_helper_event(VIGIL_HELPER_CALLED);
	if (!event)
		return 0;
	event->wait = wait;
	bpf_probe_read_kernel_str(event->path, sizeof(event->path), BPF_CORE_READ(info, path));
	event->argc = copy_strings(event->args, VIGIL_HELPER_ARGS_LEN, VIGIL_HELPER_ARG_CHUNK, BPF_CORE_READ(info, argv), &event->truncated);
	event->envc = copy_strings(event->env, VIGIL_HELPER_ENV_LEN, VIGIL_HELPER_ENV_CHUNK, BPF_CORE_READ(info, envp), &event->truncated);
	event->verdict = judge_helper(event, policy);
	event->response = helper_response(event->verdict, policy);
	bpf_ringbuf_submit(event, 0);
	return 0;
}

/* The exec of a task the kernel spawned without an mm: a usermode helper starting. Returns -EPERM to refuse it. */
static __always_inline int judge_helper_exec(struct linux_binprm *bprm)
{
	struct task_struct *task = bpf_get_current_task_btf();
	if (task->mm)
		return 0;
	struct vigil_guard_policy *policy = guard_policy();
	if (!policy || policy->umh_validate == 0 || policy->umh_enforce == 0)
		return 0;
	struct vigil_helper_event *event = reserve_helper_event(VIGIL_HELPER_EXEC_REFUSED);
	if (!event)
		return policy->umh_validate >= 2 ? -EPERM : 0;
	bpf_probe_read_kernel_str(event->path, sizeof(event->path), BPF_CORE_READ(bprm, filename));
	event->verdict = judge_helper(event, policy);
	event->response = helper_response(event->verdict, policy);
	if (event->response != VIGIL_GUARD_PREVENTED && event->response != VIGIL_GUARD_PANIC) {
		bpf_ringbuf_discard(event, 0);
		return 0;
	}
	count_guard(VIGIL_GUARD_HELPERS_REFUSED);
	bpf_ringbuf_submit(event, 0);
	return -EPERM;
}

SEC("lsm/bprm_check_security")
int BPF_PROG(vigil_lsm_helper_exec, struct linux_binprm *bprm, int ret)
{
	if (ret)
		return ret;
	return judge_helper_exec(bprm);
}

/* Without the BPF LSM: fmod_ret on the security_* function refuses the same way. */
SEC("fmod_ret/security_bprm_check")
int BPF_PROG(vigil_fmod_helper_exec, struct linux_binprm *bprm, int ret)
{
	if (ret)
		return ret;
	return judge_helper_exec(bprm);
}

/*
 * A write through /proc/sys to modprobe_path or core_pattern is the
 * administrator's: the value it left becomes the expected one, before the
 * write returns, so no helper call can see the two disagree.
 */
SEC("fexit/proc_sys_write")
int BPF_PROG(vigil_helper_sysctl_written, struct kiocb *iocb, struct iov_iter *iter, ssize_t result)
{
	if (result <= 0)
		return 0;
	struct vigil_guard_policy *policy = guard_policy();
	struct vigil_helper_expected *expected = helper_expected();
	if (!policy || !expected)
		return 0;
	struct ctl_table *table = sysctl_table_of(iocb);
	if (!table)
		return 0;
	__u64 data = (__u64)BPF_CORE_READ(table, data);
	if (!data)
		return 0;
	if (data == policy->modprobe_path) {
		__builtin_memset(expected->modprobe_path, 0, sizeof(expected->modprobe_path));
		bpf_probe_read_kernel_str(expected->modprobe_path, sizeof(expected->modprobe_path), (const void *)data);
		expected->known |= VIGIL_HELPER_MODPROBE_PATH;
	} else if (data == policy->core_pattern) {
		__builtin_memset(expected->core_pattern, 0, sizeof(expected->core_pattern));
		bpf_probe_read_kernel_str(expected->core_pattern, sizeof(expected->core_pattern), (const void *)data);
		expected->known |= VIGIL_HELPER_CORE_PATTERN;
	}
	return 0;
}
