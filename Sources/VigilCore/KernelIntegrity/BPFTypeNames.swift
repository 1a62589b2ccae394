/// Names for the numbers of the kernel's `enum bpf_prog_type`,
/// `enum bpf_link_type` and `enum bpf_attach_type`, spelt as libbpf and
/// bpftool spell them (`libbpf_bpf_prog_type_str` and friends).
///
/// The tables follow the upstream UAPI header (libbpf, mid-2026), newer than
/// the 6.1 headers Vigil builds against, so a newer kernel's programs are
/// named too; a number the table does not know becomes `"unknown(N)"`.
public enum BPFTypeNames {
    public static func programType(_ value: UInt32) -> String {
        name(value, in: programTypes)
    }

    public static func linkType(_ value: UInt32) -> String {
        name(value, in: linkTypes)
    }

    public static func attachType(_ value: UInt32) -> String {
        name(value, in: attachTypes)
    }

    /// `enum bpf_prog_type`, from `BPF_PROG_TYPE_UNSPEC` (0) to `BPF_PROG_TYPE_NETFILTER` (32).
    public static let programTypes: [String] = [
        "unspec", "socket_filter", "kprobe", "sched_cls", "sched_act", "tracepoint", "xdp",
        "perf_event", "cgroup_skb", "cgroup_sock", "lwt_in", "lwt_out", "lwt_xmit", "sock_ops",
        "sk_skb", "cgroup_device", "sk_msg", "raw_tracepoint", "cgroup_sock_addr", "lwt_seg6local",
        "lirc_mode2", "sk_reuseport", "flow_dissector", "cgroup_sysctl", "raw_tracepoint_writable",
        "cgroup_sockopt", "tracing", "struct_ops", "ext", "lsm", "sk_lookup", "syscall", "netfilter",
    ]

    /// `enum bpf_link_type`, from `BPF_LINK_TYPE_UNSPEC` (0) to `BPF_LINK_TYPE_TRACING_MULTI` (15).
    public static let linkTypes: [String] = [
        "unspec", "raw_tracepoint", "tracing", "cgroup", "iter", "netns", "xdp", "perf_event",
        "kprobe_multi", "struct_ops", "netfilter", "tcx", "uprobe_multi", "netkit", "sockmap",
        "tracing_multi",
    ]

    /// `enum bpf_attach_type`, from `BPF_CGROUP_INET_INGRESS` (0) to `BPF_TRACE_FSESSION_MULTI` (61).
    public static let attachTypes: [String] = [
        "cgroup_inet_ingress", "cgroup_inet_egress", "cgroup_inet_sock_create", "cgroup_sock_ops",
        "sk_skb_stream_parser", "sk_skb_stream_verdict", "cgroup_device", "sk_msg_verdict",
        "cgroup_inet4_bind", "cgroup_inet6_bind", "cgroup_inet4_connect", "cgroup_inet6_connect",
        "cgroup_inet4_post_bind", "cgroup_inet6_post_bind", "cgroup_udp4_sendmsg", "cgroup_udp6_sendmsg",
        "lirc_mode2", "flow_dissector", "cgroup_sysctl", "cgroup_udp4_recvmsg", "cgroup_udp6_recvmsg",
        "cgroup_getsockopt", "cgroup_setsockopt", "trace_raw_tp", "trace_fentry", "trace_fexit",
        "modify_return", "lsm_mac", "trace_iter", "cgroup_inet4_getpeername", "cgroup_inet6_getpeername",
        "cgroup_inet4_getsockname", "cgroup_inet6_getsockname", "xdp_devmap", "cgroup_inet_sock_release",
        "xdp_cpumap", "sk_lookup", "xdp", "sk_skb_verdict", "sk_reuseport_select",
        "sk_reuseport_select_or_migrate", "perf_event", "trace_kprobe_multi", "lsm_cgroup", "struct_ops",
        "netfilter", "tcx_ingress", "tcx_egress", "trace_uprobe_multi", "cgroup_unix_connect",
        "cgroup_unix_sendmsg", "cgroup_unix_recvmsg", "cgroup_unix_getpeername", "cgroup_unix_getsockname",
        "netkit_primary", "netkit_peer", "trace_kprobe_session", "trace_uprobe_session", "trace_fsession",
        "trace_fentry_multi", "trace_fexit_multi", "trace_fsession_multi",
    ]

    private static func name(_ value: UInt32, in table: [String]) -> String {
        value < table.count ? table[Int(value)] : "unknown(\(value))"
    }
}
