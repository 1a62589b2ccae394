/*
 * Compiles the BPF/agent ABI header for the host, so that its _Static_asserts
 * check the layouts the Swift agent sees, exactly as clang -target bpf checks
 * them for the BPF programs.
 */
#include "vigil_abi.h"
