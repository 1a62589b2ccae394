/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil's kernel-integrity programs, a BPF object of their own so that they
 * load (or fail to) independently of the process-integrity sensor. They do
 * not validate anything in the kernel: they tell the agent, at once, about
 * the events after which it must look (a module loaded, went live or was
 * freed), list the modules as the kernel links them, and report the values
 * legitimate interfaces write into the variables the agent watches.
 */
#define __VIGIL_BPF__ 1
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "vigil_abi.h"
#include "kernel_maps.h"
#include "sysctl.h"

#include "kernel/module_events.bpf.c"
#include "kernel/legitimate_writes.bpf.c"
#include "kernel/memory_reader.bpf.c"

char LICENSE[] SEC("license") = "GPL";
