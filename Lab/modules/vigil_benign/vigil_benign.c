// SPDX-License-Identifier: GPL-2.0
/*
 * vigil_benign - a harmless test module for the Vigil lab.
 *
 * Loading and unloading it is the "legitimate module load" a kernel-integrity
 * guard must accept: it has text, read-only data and a jump table, and its
 * init flips its own static key (so the kernel patches the module's text
 * through text_poke, as it does for any module using static branches) and
 * flips it back. It touches nothing outside itself and makes no device.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/jump_label.h>

/* rodata */
static const char vb_greeting[] = "vigil_benign: hello from a harmless module";

/* One static key, so the module has a __jump_table entry. */
static DEFINE_STATIC_KEY_FALSE(vb_key);

/* One real function, with the key's branch in it. */
static noinline int vb_compute(int x)
{
	if (static_branch_unlikely(&vb_key))
		return x * 3;
	return x + 1;
}

static int __init vb_init(void)
{
	int off, on;

	off = vb_compute(41);
	static_branch_enable(&vb_key);
	on = vb_compute(41);
	static_branch_disable(&vb_key);
	pr_info("%s: loaded, key off=%d on=%d\n", vb_greeting, off, on);
	return 0;
}

static void __exit vb_exit(void)
{
	pr_info("vigil_benign: unloaded, key %s\n",
		static_key_enabled(&vb_key) ? "on" : "off");
}

module_init(vb_init);
module_exit(vb_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Vigil lab: harmless test module (text, rodata, a static key)");
MODULE_AUTHOR("Vigil lab");
