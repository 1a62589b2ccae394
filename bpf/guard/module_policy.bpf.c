/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The module-load policy. block_modules refuses every load before the kernel
 * reads the image (finit_module: kernel_read_file; init_module:
 * kernel_load_data). With an allowlist, the image is judged once the kernel
 * holds it (kernel_post_read_file / kernel_post_load_data): the name is the
 * one the module will have, read from its own .gnu.linkonce.this_module
 * section, not the file's name. An image whose name cannot be read there (a
 * compressed file the kernel decompresses itself, or not ELF) is refused
 * while an allowlist is set. A refusal is -EPERM and an event.
 */

static __always_inline int refuse_module(__u32 reason, __u32 operation, struct file *file, const char *image, __s64 size);

/*
 * ".gnu.linkonce.this_module" and its NUL (26 bytes) as four little-endian words, the
 * last masked to its two bytes: four comparisons instead of a byte loop, which keeps the
 * verifier's work (and so the guard's load time) small.
 */
#define VIGIL_THIS_MODULE_SECTION_LEN 26
#define VIGIL_THIS_MODULE_WORD0 0x6e696c2e756e672eULL /* ".gnu.lin" */
#define VIGIL_THIS_MODULE_WORD1 0x68742e65636e6f6bULL /* "konce.th" */
#define VIGIL_THIS_MODULE_WORD2 0x6c75646f6d5f7369ULL /* "is_modul" */
#define VIGIL_THIS_MODULE_WORD3 0x65ULL               /* "e", NUL */
/* Sections examined for it; modules have a few dozen. */
#define VIGIL_ELF_SECTION_LIMIT 128

/* Reads the name of the module an ELF image in kernel memory defines into `name`; 0 when found. */
static __always_inline int module_image_name(const char *image, __s64 size, char *name)
{
	unsigned char magic[4] = {};
	if (!image || size < 64 || bpf_probe_read_kernel(magic, sizeof(magic), image))
		return -1;
	if (magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F')
		return -1;
	__u64 shoff = 0;
	__u16 shentsize = 0, shnum = 0, shstrndx = 0;
	bpf_probe_read_kernel(&shoff, sizeof(shoff), image + 0x28);
	bpf_probe_read_kernel(&shentsize, sizeof(shentsize), image + 0x3a);
	bpf_probe_read_kernel(&shnum, sizeof(shnum), image + 0x3c);
	bpf_probe_read_kernel(&shstrndx, sizeof(shstrndx), image + 0x3e);
	if (shentsize != 64 || shstrndx >= shnum || shoff > (__u64)size || (__u64)shnum * 64 > (__u64)size - shoff)
		return -1;
	__u64 strings = 0;
	bpf_probe_read_kernel(&strings, sizeof(strings), image + shoff + (__u64)shstrndx * 64 + 24);
	__u64 name_offset = bpf_core_field_offset(struct module, name);
	for (int i = 0; i < VIGIL_ELF_SECTION_LIMIT; i++) {
		if (i >= shnum)
			break;
		const char *header = image + shoff + (__u64)i * 64;
		__u32 section_name = 0;
		if (bpf_probe_read_kernel(&section_name, sizeof(section_name), header))
			return -1;
		if (strings + section_name + VIGIL_THIS_MODULE_SECTION_LEN > (__u64)size)
			continue;
		__u64 found[4] = {};
		if (bpf_probe_read_kernel(found, VIGIL_THIS_MODULE_SECTION_LEN, image + strings + section_name))
			continue;
		if (found[0] != VIGIL_THIS_MODULE_WORD0 || found[1] != VIGIL_THIS_MODULE_WORD1 ||
		    found[2] != VIGIL_THIS_MODULE_WORD2 || (found[3] & 0xffff) != VIGIL_THIS_MODULE_WORD3)
			continue;
		__u64 offset = 0;
		bpf_probe_read_kernel(&offset, sizeof(offset), header + 24);
		if (offset + name_offset + VIGIL_MODULE_NAME_LEN > (__u64)size)
			return -1;
		if (bpf_probe_read_kernel_str(name, VIGIL_MODULE_NAME_LEN, image + offset + name_offset) <= 1)
			return -1;
		return 0;
	}
	return -1;
}

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, char[VIGIL_MODULE_NAME_LEN]);
} vigil_module_name_scratch SEC(".maps");

/* Judges an image the kernel has read or copied: -EPERM when the allowlist does not name it. */
static __always_inline int judge_module_image(__u32 operation, struct file *file, const char *image, __s64 size)
{
	struct vigil_guard_policy *policy = guard_policy();
	if (!policy || !policy->module_allowlist)
		return 0;
	__u32 zero = 0;
	char *name = bpf_map_lookup_elem(&vigil_module_name_scratch, &zero);
	if (!name)
		return -EPERM;
	__builtin_memset(name, 0, VIGIL_MODULE_NAME_LEN);
	if (module_image_name(image, size, name))
		return refuse_module(VIGIL_MODULE_NAME_UNREADABLE, operation, file, image, size);
	if (bpf_map_lookup_elem(&vigil_module_allowlist, name))
		return 0;
	return refuse_module(VIGIL_MODULE_NOT_ALLOWLISTED, operation, file, image, size);
}

static __always_inline int refuse_module(__u32 reason, __u32 operation, struct file *file, const char *image, __s64 size)
{
	count_guard(VIGIL_GUARD_MODULES_REFUSED);
	struct vigil_module_policy_event *event = bpf_ringbuf_reserve(&vigil_guard_ring, sizeof(*event), 0);
	if (!event) {
		count_guard(VIGIL_GUARD_EVENTS_DROPPED);
		return -EPERM;
	}
	__builtin_memset(event, 0, sizeof(*event));
	fill_guard_header(&event->header, VIGIL_EVENT_MODULE_POLICY, sizeof(*event));
	event->reason = reason;
	event->operation = operation;
	event->pid = bpf_get_current_pid_tgid() >> 32;
	event->uid = (__u32)bpf_get_current_uid_gid();
	event->result = -EPERM;
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	if (file)
		bpf_probe_read_kernel_str(event->file, sizeof(event->file), BPF_CORE_READ(file, f_path.dentry, d_name.name));
	if (image && reason == VIGIL_MODULE_NOT_ALLOWLISTED)
		module_image_name(image, size, event->name);
	bpf_ringbuf_submit(event, 0);
	return -EPERM;
}

static __always_inline int judge_module_file(struct file *file, enum kernel_read_file_id id)
{
	struct vigil_guard_policy *policy = guard_policy();
	if (id != READING_MODULE || !policy || !policy->block_modules)
		return 0;
	return refuse_module(VIGIL_MODULE_BLOCKED, VIGIL_MODULE_FROM_FILE, file, NULL, 0);
}

static __always_inline int judge_module_data(enum kernel_load_data_id id)
{
	struct vigil_guard_policy *policy = guard_policy();
	if (id != LOADING_MODULE || !policy || !policy->block_modules)
		return 0;
	return refuse_module(VIGIL_MODULE_BLOCKED, VIGIL_MODULE_FROM_MEMORY, NULL, NULL, 0);
}

SEC("lsm/kernel_read_file")
int BPF_PROG(vigil_lsm_module_file, struct file *file, enum kernel_read_file_id id, bool contents, int ret)
{
	return ret ? ret : judge_module_file(file, id);
}

SEC("lsm/kernel_load_data")
int BPF_PROG(vigil_lsm_module_data, enum kernel_load_data_id id, bool contents, int ret)
{
	return ret ? ret : judge_module_data(id);
}

SEC("lsm/kernel_post_read_file")
int BPF_PROG(vigil_lsm_module_file_read, struct file *file, char *buf, loff_t size, enum kernel_read_file_id id, int ret)
{
	if (ret || id != READING_MODULE)
		return ret;
	return judge_module_image(VIGIL_MODULE_FROM_FILE, file, buf, size);
}

SEC("lsm/kernel_post_load_data")
int BPF_PROG(vigil_lsm_module_data_copied, char *buf, loff_t size, enum kernel_load_data_id id, char *description, int ret)
{
	if (ret || id != LOADING_MODULE)
		return ret;
	return judge_module_image(VIGIL_MODULE_FROM_MEMORY, NULL, buf, size);
}

/* Without the BPF LSM: the same judgements through fmod_ret on the security_* functions. */
SEC("fmod_ret/security_kernel_read_file")
int BPF_PROG(vigil_fmod_module_file, struct file *file, enum kernel_read_file_id id, bool contents, int ret)
{
	return ret ? ret : judge_module_file(file, id);
}

SEC("fmod_ret/security_kernel_load_data")
int BPF_PROG(vigil_fmod_module_data, enum kernel_load_data_id id, bool contents, int ret)
{
	return ret ? ret : judge_module_data(id);
}

SEC("fmod_ret/security_kernel_post_read_file")
int BPF_PROG(vigil_fmod_module_file_read, struct file *file, char *buf, loff_t size, enum kernel_read_file_id id, int ret)
{
	if (ret || id != READING_MODULE)
		return ret;
	return judge_module_image(VIGIL_MODULE_FROM_FILE, file, buf, size);
}

SEC("fmod_ret/security_kernel_post_load_data")
int BPF_PROG(vigil_fmod_module_data_copied, char *buf, loff_t size, enum kernel_load_data_id id, char *description, int ret)
{
	if (ret || id != LOADING_MODULE)
		return ret;
	return judge_module_image(VIGIL_MODULE_FROM_MEMORY, NULL, buf, size);
}
