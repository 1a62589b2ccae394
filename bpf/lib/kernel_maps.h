/* SPDX-License-Identifier: GPL-2.0-only */
/* The maps of the kernel-integrity programs (bpf/vigil_kernel.bpf.c). */
#ifndef VIGIL_KERNEL_MAPS_H
#define VIGIL_KERNEL_MAPS_H

/* Module and legitimate-write events for the agent; small: these are rare. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 << 10);
} vigil_kernel_ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_kernel_settings);
} vigil_kernel_settings_map SEC(".maps");

/* The memory reader's request and its window (see struct vigil_memory_request). */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_memory_request);
} vigil_memory_request_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_memory_window);
} vigil_memory_window_map SEC(".maps");

/* Events the ring could not take (the agent fell behind): slot 0. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} vigil_kernel_drops SEC(".maps");

static __always_inline void count_kernel_drop(void)
{
	__u32 key = 0;
	__u64 *value = bpf_map_lookup_elem(&vigil_kernel_drops, &key);
	if (value)
		*value += 1;
}

static __always_inline struct vigil_kernel_settings *kernel_settings(void)
{
	__u32 key = 0;
	return bpf_map_lookup_elem(&vigil_kernel_settings_map, &key);
}

static __always_inline void fill_writer(__u32 *pid, __u32 *uid, char *comm)
{
	*pid = bpf_get_current_pid_tgid() >> 32;
	*uid = (__u32)bpf_get_current_uid_gid();
	bpf_get_current_comm(comm, VIGIL_COMM_LEN);
}

#endif
