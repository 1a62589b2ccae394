# Vigil lab guest helpers: /lab/lib.sh, sourced by /init and before every scenario section.
# busybox sh only. Functions are prefixed by what they do; none of them exits the caller.

# lab_now_ms: guest uptime in milliseconds (from /proc/uptime, 10 ms resolution).
lab_now_ms() {
    awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# lab_elapsed_ms START_MS: milliseconds since START_MS (a value of lab_now_ms).
lab_elapsed_ms() {
    echo $(( $(lab_now_ms) - $1 ))
}

# wait_for_file PATH SECONDS: succeeds as soon as PATH exists, fails after SECONDS.
wait_for_file() {
    wait_deadline=$(( $(lab_now_ms) + $2 * 1000 ))
    while [ ! -e "$1" ]; do
        [ "$(lab_now_ms)" -lt "$wait_deadline" ] || return 1
        usleep 50000
    done
}

# wait_for_line FILE PATTERN SECONDS: succeeds as soon as FILE has a line matching the
# extended regular expression PATTERN, fails after SECONDS.
wait_for_line() {
    wait_deadline=$(( $(lab_now_ms) + $3 * 1000 ))
    until grep -Eq -- "$2" "$1" 2>/dev/null; do
        [ "$(lab_now_ms)" -lt "$wait_deadline" ] || return 1
        usleep 50000
    done
}

# need_vigil: fails with a clear message when the initramfs has no vigil binary
# (vigil-lab was run with --no-vigil). Use it in the setup section of scenarios that run vigil.
need_vigil() {
    if ! command -v vigil >/dev/null 2>&1; then
        echo "vigil is not in this initramfs: run vigil-lab with --vigil PATH (a static build), not --no-vigil" >&2
        return 1
    fi
}

# as_user USER COMMAND...: runs the sh command line COMMAND as USER (`lab` is uid 1000).
as_user() {
    as_user_name=$1
    shift
    su -s /bin/sh "$as_user_name" -c "$*"
}

# kernel_series: MAJOR.MINOR of the running kernel (6.1, 6.12).
kernel_series() {
    uname -r | cut -d. -f1,2
}
