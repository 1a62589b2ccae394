/* SPDX-License-Identifier: GPL-2.0-only */
/* Finding the sysctl behind a write to a file under /proc/sys. */
#ifndef VIGIL_SYSCTL_H
#define VIGIL_SYSCTL_H

/*
 * The ctl_table of the /proc/sys file an iocb writes, or NULL. The table is
 * reached from the file's proc inode, which embeds the VFS inode.
 */
static __always_inline struct ctl_table *sysctl_table_of(struct kiocb *iocb)
{
	struct inode *inode = BPF_CORE_READ(iocb, ki_filp, f_inode);
	if (!inode)
		return NULL;
	struct proc_inode *proc = (void *)inode - bpf_core_field_offset(struct proc_inode, vfs_inode);
	return (struct ctl_table *)BPF_CORE_READ(proc, sysctl_entry);
}

#endif
