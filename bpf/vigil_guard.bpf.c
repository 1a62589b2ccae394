/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil's guard of the kernel's own ways to run code as root: the usermode
 * helpers it executes (modprobe_path, core_pattern, ...) and the modules it
 * loads. A BPF object of its own, so that it loads, and its policy applies,
 * independently of the process- and kernel-integrity sensors. Refusals go
 * through the BPF LSM when it is active, and through fmod_ret on the
 * security_* functions when it is not.
 */
#define __VIGIL_BPF__ 1
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "vigil_abi.h"
#include "guard_maps.h"
#include "sysctl.h"

#define EPERM 1

#include "guard/usermode_helper.bpf.c"
#include "guard/module_policy.bpf.c"

char LICENSE[] SEC("license") = "GPL";
