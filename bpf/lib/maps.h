/* SPDX-License-Identifier: GPL-2.0-only */
/* The maps every hook family shares. */
#ifndef VIGIL_MAPS_H
#define VIGIL_MAPS_H

/* Per-task security state recorded at the last legitimate transition. */
struct task_shadow {
	struct vigil_task_state state;
	/* Set once the shadow holds a snapshot (storage is zeroed on creation). */
	__u32 initialised;
	/* Set when the task was caught: every later hook refuses it without a new event. */
	__u32 condemned;
	/* Depth of legitimate in-kernel callers of commit_creds now on this task's stack. */
	__u32 legit_window;
	__u32 reserved;
	/*
	 * Scratch for the task's actual state while one of its own hooks checks
	 * it: too large for the 512-byte BPF stack, and private to the task, so
	 * no other task's hook can overwrite it midway.
	 */
	struct vigil_task_state actual;
};

/* Scratch for the sweep, which only the agent's single thread runs. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_task_state);
} vigil_sweep_scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, struct task_shadow);
} vigil_shadow_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);
} vigil_event_ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_policy);
} vigil_policy_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VIGIL_COUNTER_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} vigil_counter_map SEC(".maps");

static __always_inline void count(enum vigil_counter counter)
{
	__u32 key = counter;
	__u64 *value = bpf_map_lookup_elem(&vigil_counter_map, &key);
	if (value)
		*value += 1;
}

static __always_inline struct vigil_policy *policy(void)
{
	__u32 key = 0;
	return bpf_map_lookup_elem(&vigil_policy_map, &key);
}

#endif
