/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Module events and the module-list walk.
 *
 * tp_btf/module_load and tp_btf/module_free are stable tracepoints on both
 * kernels; do_init_module is a plain (traceable) function in
 * kernel/module/main.c. The walk is a task iterator that does its work for the
 * first task only: the agent reads it on demand, and an iterator is the one
 * program type it can run at will that may read kernel memory.
 *
 * struct module's memory layout changed in 6.4 (core_layout became mem[]):
 * both are read through CO-RE, whichever this kernel has.
 */

#define VIGIL_MOD_TEXT 0
#define VIGIL_MOD_RODATA 2
#define VIGIL_MOD_RO_AFTER_INIT 3
#define VIGIL_MAX_LISTED_MODULES 4096

struct module_memory___vigil {
	void *base;
	unsigned int size;
} __attribute__((preserve_access_index));

struct module___vigil {
	struct module_memory___vigil mem[7];
} __attribute__((preserve_access_index));

static __always_inline void read_module_memory(struct vigil_module_event *event, struct module *mod)
{
	struct module___vigil *modern = (void *)mod;
	if (bpf_core_field_exists(modern->mem)) {
		event->text.base = (__u64)BPF_CORE_READ(modern, mem[VIGIL_MOD_TEXT].base);
		event->text.size = BPF_CORE_READ(modern, mem[VIGIL_MOD_TEXT].size);
		event->rodata.base = (__u64)BPF_CORE_READ(modern, mem[VIGIL_MOD_RODATA].base);
		event->rodata.size = BPF_CORE_READ(modern, mem[VIGIL_MOD_RODATA].size);
		event->ro_after_init.base = (__u64)BPF_CORE_READ(modern, mem[VIGIL_MOD_RO_AFTER_INIT].base);
		event->ro_after_init.size = BPF_CORE_READ(modern, mem[VIGIL_MOD_RO_AFTER_INIT].size);
	} else if (bpf_core_field_exists(mod->core_layout)) {
		/* One allocation: text, then rodata, then ro-after-init data, then data. */
		__u64 base = (__u64)BPF_CORE_READ(mod, core_layout.base);
		__u32 text_size = BPF_CORE_READ(mod, core_layout.text_size);
		__u32 ro_size = BPF_CORE_READ(mod, core_layout.ro_size);
		__u32 ro_after_init_size = BPF_CORE_READ(mod, core_layout.ro_after_init_size);
		event->text.base = base;
		event->text.size = text_size;
		event->rodata.base = base + text_size;
		event->rodata.size = ro_size > text_size ? ro_size - text_size : 0;
		event->ro_after_init.base = base + ro_size;
		event->ro_after_init.size = ro_after_init_size > ro_size ? ro_after_init_size - ro_size : 0;
	}
}

static __always_inline void read_module(struct vigil_module_event *event, struct module *mod)
{
	event->module = (__u64)mod;
	event->state = BPF_CORE_READ(mod, state);
	event->list_next = (__u64)BPF_CORE_READ(mod, list.next);
	event->list_prev = (__u64)BPF_CORE_READ(mod, list.prev);
	BPF_CORE_READ_STR_INTO(&event->name, mod, name);
	read_module_memory(event, mod);
	if (bpf_core_field_exists(mod->jump_entries)) {
		event->jump_entries = (__u64)BPF_CORE_READ(mod, jump_entries);
		event->num_jump_entries = BPF_CORE_READ(mod, num_jump_entries);
	}
	if (bpf_core_field_exists(mod->static_call_sites)) {
		event->static_call_sites = (__u64)BPF_CORE_READ(mod, static_call_sites);
		event->num_static_call_sites = BPF_CORE_READ(mod, num_static_call_sites);
	}
}

static __always_inline struct vigil_module_event *reserve_module_event(__u32 action)
{
	struct vigil_module_event *event = bpf_ringbuf_reserve(&vigil_kernel_ring, sizeof(*event), 0);
	if (!event) {
		count_kernel_drop();
		return NULL;
	}
	__builtin_memset(event, 0, sizeof(*event));
	event->header.type = VIGIL_EVENT_MODULE;
	event->header.size = sizeof(*event);
	event->header.boot_ns = bpf_ktime_get_boot_ns();
	event->action = action;
	fill_writer(&event->pid, &event->uid, event->comm);
	return event;
}

SEC("tp_btf/module_load")
int BPF_PROG(vigil_module_loaded, struct module *mod)
{
	struct vigil_module_event *event = reserve_module_event(VIGIL_MODULE_LOADED);
	if (!event)
		return 0;
	read_module(event, mod);
	bpf_ringbuf_submit(event, 0);
	return 0;
}

SEC("fexit/do_init_module")
int BPF_PROG(vigil_module_initialised, struct module *mod, int result)
{
	struct vigil_module_event *event = reserve_module_event(VIGIL_MODULE_INITIALISED);
	if (!event)
		return 0;
	event->module = (__u64)mod;
	event->init_result = result;
	/* A failed init has already freed the module: only its address is meaningful. */
	if (result == 0)
		read_module(event, mod);
	bpf_ringbuf_submit(event, 0);
	return 0;
}

SEC("tp_btf/module_free")
int BPF_PROG(vigil_module_freed, struct module *mod)
{
	struct vigil_module_event *event = reserve_module_event(VIGIL_MODULE_FREED);
	if (!event)
		return 0;
	read_module(event, mod);
	bpf_ringbuf_submit(event, 0);
	return 0;
}

struct module_walk {
	struct list_head *head;
	struct list_head *node;
	__u32 listed;
};

static long walk_one_module(__u32 index, struct module_walk *walk)
{
	struct list_head *node = walk->node;
	if (!node || node == walk->head)
		return 1;
	struct module *mod = (void *)node - bpf_core_field_offset(struct module, list);
	struct vigil_module_event *event = reserve_module_event(VIGIL_MODULE_LISTED);
	if (event) {
		read_module(event, mod);
		event->sequence = walk->listed;
		bpf_ringbuf_submit(event, 0);
	}
	walk->listed++;
	struct list_head *next = NULL;
	if (bpf_probe_read_kernel(&next, sizeof(next), &node->next))
		return 1;
	walk->node = next;
	return 0;
}

SEC("iter/task")
int vigil_walk_modules(struct bpf_iter__task *ctx)
{
	if (ctx->meta->seq_num != 0 || !ctx->task)
		return 0;
	struct vigil_kernel_settings *settings = kernel_settings();
	if (!settings || !settings->modules_head)
		return 0;
	struct module_walk walk = { .head = (struct list_head *)settings->modules_head };
	if (bpf_probe_read_kernel(&walk.node, sizeof(walk.node), &walk.head->next))
		return 0;
	bpf_loop(VIGIL_MAX_LISTED_MODULES, walk_one_module, &walk, 0);
	struct vigil_module_event *end = reserve_module_event(VIGIL_MODULE_LIST_END);
	if (end) {
		end->sequence = walk.listed;
		bpf_ringbuf_submit(end, 0);
	}
	return 0;
}
