// SPDX-License-Identifier: GPL-2.0
/*
 * vigil_vuln - a DELIBERATELY VULNERABLE test driver for the Vigil lab.
 *
 * NEVER load this on a real machine. It lets any local user become root,
 * take every capability, leave its namespaces and drop its seccomp sandbox
 * by writing one word to /dev/vigil_vuln (mode 0666). It exists only so the
 * lab's QEMU guests can play the part of a kernel exploit's "write primitive"
 * against Vigil.
 *
 * Commands (write(2) a word, optional trailing newline; each acts on current):
 *   uid      overwrite current's cred in place: all uids and gids = 0
 *   caps     in place: cap_effective, cap_permitted, cap_bset = full (uids kept)
 *   commit   commit_creds(prepare_kernel_cred(&init_task))
 *   nsproxy  current->nsproxy = init_task.nsproxy (plain pointer store; old leaked)
 *   seccomp  seccomp.mode = 0, seccomp.filter = NULL, clear SYSCALL_WORK_SECCOMP
 *   noop     nothing (control)
 * Anything else: -EINVAL. read(2) returns the list of commands.
 *
 * write(2) rather than ioctl(2) so that it also works from SECCOMP_MODE_STRICT,
 * where only read, write, exit and rt_sigreturn are allowed.
 *
 * switch_task_namespaces() is not exported (neither 6.1 nor 6.12), so there
 * is no "nsswitch" command.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <linux/string.h>
#include <linux/ctype.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/cred.h>
#include <linux/capability.h>
#include <linux/nsproxy.h>
#include <linux/seccomp.h>
#include <linux/thread_info.h>
#include <linux/version.h>

#define VV_CMD_MAX 32

static const char vv_help[] = "uid caps commit nsproxy seccomp noop\n";

static void vv_log(const char *cmd)
{
	pr_info("vigil_vuln: cmd=%s pid=%d comm=%s uid=%u euid=%u\n", cmd,
		task_pid_nr(current), current->comm,
		from_kuid(&init_user_ns, current_uid()),
		from_kuid(&init_user_ns, current_euid()));
}

static void vv_cred_zero_ids(struct cred *c)
{
	c->uid = GLOBAL_ROOT_UID;
	c->euid = GLOBAL_ROOT_UID;
	c->suid = GLOBAL_ROOT_UID;
	c->fsuid = GLOBAL_ROOT_UID;
	c->gid = GLOBAL_ROOT_GID;
	c->egid = GLOBAL_ROOT_GID;
	c->sgid = GLOBAL_ROOT_GID;
	c->fsgid = GLOBAL_ROOT_GID;
}

static void vv_cred_full_caps(struct cred *c)
{
	/* CAP_FULL_SET is { {~0, mask} } on 6.1 and { CAP_VALID_MASK } from 6.3 on. */
	c->cap_effective = CAP_FULL_SET;
	c->cap_permitted = CAP_FULL_SET;
	c->cap_bset = CAP_FULL_SET;
}

static int vv_cmd_uid(void)
{
	/* Cast away const: this is the bug being simulated. */
	struct cred *c = (struct cred *)current->cred;
	struct cred *rc = (struct cred *)current->real_cred;

	vv_cred_zero_ids(c);
	if (rc != c)
		vv_cred_zero_ids(rc);
	return 0;
}

static int vv_cmd_caps(void)
{
	struct cred *c = (struct cred *)current->cred;
	struct cred *rc = (struct cred *)current->real_cred;

	vv_cred_full_caps(c);
	if (rc != c)
		vv_cred_full_caps(rc);
	return 0;
}

static int vv_cmd_commit(void)
{
	/* prepare_kernel_cred(NULL) is refused from 6.2 on; &init_task works on both. */
	struct cred *c = prepare_kernel_cred(&init_task);

	if (!c)
		return -ENOMEM;
	return commit_creds(c);
}

static int vv_cmd_nsproxy(void)
{
	struct nsproxy *init_ns = init_task.nsproxy;

	if (!init_ns)
		return -EINVAL;
	get_nsproxy(init_ns);
	/* Plain store, no task_lock, old nsproxy leaked: this is a test. */
	current->nsproxy = init_ns;
	return 0;
}

static int vv_cmd_seccomp(void)
{
#ifdef CONFIG_SECCOMP
	current->seccomp.mode = 0; /* SECCOMP_MODE_DISABLED */
	current->seccomp.filter = NULL; /* leaked */
#ifdef CONFIG_GENERIC_ENTRY
	clear_task_syscall_work(current, SECCOMP);
#else
	clear_tsk_thread_flag(current, TIF_SECCOMP);
#endif
	return 0;
#else
	return -EOPNOTSUPP;
#endif
}

static ssize_t vv_write(struct file *file, const char __user *ubuf,
			size_t count, loff_t *ppos)
{
	char buf[VV_CMD_MAX];
	size_t n;
	int ret;

	if (count == 0 || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	n = count;
	while (n > 0 && isspace(buf[n - 1]))
		buf[--n] = '\0';

	if (!strcmp(buf, "uid"))
		ret = vv_cmd_uid();
	else if (!strcmp(buf, "caps"))
		ret = vv_cmd_caps();
	else if (!strcmp(buf, "commit"))
		ret = vv_cmd_commit();
	else if (!strcmp(buf, "nsproxy"))
		ret = vv_cmd_nsproxy();
	else if (!strcmp(buf, "seccomp"))
		ret = vv_cmd_seccomp();
	else if (!strcmp(buf, "noop"))
		ret = 0;
	else
		return -EINVAL;

	if (ret)
		return ret;
	vv_log(buf);
	return count;
}

static ssize_t vv_read(struct file *file, char __user *ubuf, size_t count,
		       loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, count, ppos, vv_help,
				       sizeof(vv_help) - 1);
}

static const struct file_operations vv_fops = {
	.owner = THIS_MODULE,
	.write = vv_write,
	.read = vv_read,
	.llseek = noop_llseek,
};

static struct miscdevice vv_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vigil_vuln",
	.fops = &vv_fops,
	.mode = 0666,
};

static int __init vv_init(void)
{
	int ret = misc_register(&vv_dev);

	if (ret)
		return ret;
	pr_info("vigil_vuln: loaded (deliberately vulnerable test driver) /dev/vigil_vuln\n");
	return 0;
}

static void __exit vv_exit(void)
{
	misc_deregister(&vv_dev);
	pr_info("vigil_vuln: unloaded\n");
}

module_init(vv_init);
module_exit(vv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Vigil lab: deliberately vulnerable test driver (never load outside a test VM)");
MODULE_AUTHOR("Vigil lab");
