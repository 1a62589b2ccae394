/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel memory for the agent when /proc/kcore cannot be read: one window of
 * up to 1 MiB per run, copied with bpf_probe_read_kernel (which faults
 * safely). A task iterator is the program type the agent can run at will
 * that may read kernel memory; the work is done for the first task only.
 */

SEC("iter/task")
int vigil_read_memory(struct bpf_iter__task *ctx)
{
	if (ctx->meta->seq_num != 0 || !ctx->task)
		return 0;
	__u32 zero = 0;
	struct vigil_memory_request *request = bpf_map_lookup_elem(&vigil_memory_request_map, &zero);
	struct vigil_memory_window *window = bpf_map_lookup_elem(&vigil_memory_window_map, &zero);
	if (!request || !window)
		return 0;
	__u32 length = request->length;
	if (length > VIGIL_MEMORY_WINDOW)
		length = VIGIL_MEMORY_WINDOW;
	request->result = bpf_probe_read_kernel(window->bytes, length, (const void *)request->address);
	request->done = request->sequence;
	return 0;
}
