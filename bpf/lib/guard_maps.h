/* SPDX-License-Identifier: GPL-2.0-only */
/* The maps of the usermode-helper and module-load guard (bpf/vigil_guard.bpf.c). */
#ifndef VIGIL_GUARD_MAPS_H
#define VIGIL_GUARD_MAPS_H

/* Helper calls and refusals; rare, so small. */
struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 << 10);
} vigil_guard_ring SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_guard_policy);
} vigil_guard_policy_map SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct vigil_helper_expected);
} vigil_helper_expected_map SEC(".maps");

/* Helper paths that may run (umh_validate 1). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct vigil_helper_path);
	__type(value, __u32);
} vigil_helper_allowlist SEC(".maps");

/* Module names that may load when the policy's module_allowlist is set; zero-padded. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 4096);
	__type(key, char[VIGIL_MODULE_NAME_LEN]);
	__type(value, __u32);
} vigil_module_allowlist SEC(".maps");

/* Counters, one slot each (enum vigil_guard_counter). */
enum vigil_guard_counter {
	VIGIL_GUARD_HELPERS_CALLED = 0,
	VIGIL_GUARD_HELPERS_REFUSED = 1,
	VIGIL_GUARD_MODULES_REFUSED = 2,
	VIGIL_GUARD_EVENTS_DROPPED = 3,
	VIGIL_GUARD_COUNTER_COUNT
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VIGIL_GUARD_COUNTER_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} vigil_guard_counters SEC(".maps");

static __always_inline void count_guard(__u32 counter)
{
	__u64 *value = bpf_map_lookup_elem(&vigil_guard_counters, &counter);
	if (value)
		*value += 1;
}

static __always_inline struct vigil_guard_policy *guard_policy(void)
{
	__u32 key = 0;
	return bpf_map_lookup_elem(&vigil_guard_policy_map, &key);
}

static __always_inline struct vigil_helper_expected *helper_expected(void)
{
	__u32 key = 0;
	return bpf_map_lookup_elem(&vigil_helper_expected_map, &key);
}

static __always_inline void fill_guard_header(struct vigil_event_header *header, __u32 type, __u32 size)
{
	header->type = type;
	header->size = size;
	header->boot_ns = bpf_ktime_get_boot_ns();
}

#endif
