/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Vigil's BPF programs, compiled as one object so that every hook family shares
 * the same maps without pinning. Each family lives in its own file under
 * process/ and is included here; lib/ holds what they share.
 */
#define __VIGIL_BPF__ 1
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#include "vigil_abi.h"
#include "maps.h"
#include "task_state.h"
#include "events.h"
#include "syscalls.h"
#include "validation.h"

#include "process/task_lifecycle.bpf.c"
#include "process/credential_transitions.bpf.c"
#include "process/lsm_validation.bpf.c"
#include "process/fentry_fallback.bpf.c"
#include "process/task_sweep.bpf.c"

char LICENSE[] SEC("license") = "GPL";
