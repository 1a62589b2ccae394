# Vigil lab helpers for guard scenarios: /lab/guard.sh, sourced by scenario sections
# (". /lab/guard.sh"). busybox sh only; none of them exits the caller.

VIGIL_EVENTS=/tmp/vigil-events.jsonl
VIGIL_LOG=/tmp/vigil.log
VIGIL_READY=/tmp/vigil.ready
VIGIL_PID_FILE=/tmp/vigil.pid
SECRET=/root/secret
SECRET_TEXT="vigil-lab-secret"

# start_vigil [vigil run options...]: starts `vigil run --json` in the background and waits
# until it reports protection (at most 90 s: loading is slow under TCG).
start_vigil() {
    rm -f "$VIGIL_READY" "$VIGIL_EVENTS"
    vigil run --json --ready-file "$VIGIL_READY" "$@" >"$VIGIL_EVENTS" 2>"$VIGIL_LOG" &
    echo $! >"$VIGIL_PID_FILE"
    if ! wait_for_file "$VIGIL_READY" 90; then
        echo "vigil did not report protection within 90 s:" >&2
        cat "$VIGIL_LOG" >&2
        return 1
    fi
    grep -o 'seconds_to_protection=[0-9.]*' "$VIGIL_LOG"
}

# vigil_running: succeeds while the vigil started by start_vigil is alive.
vigil_running() {
    [ -f "$VIGIL_PID_FILE" ] && kill -0 "$(cat "$VIGIL_PID_FILE")" 2>/dev/null
}

# stop_vigil: SIGTERM, then waits up to 20 s for the orderly stop.
stop_vigil() {
    vigil_running || return 0
    kill -TERM "$(cat "$VIGIL_PID_FILE")"
    stop_deadline=$(( $(lab_now_ms) + 20000 ))
    while vigil_running; do
        [ "$(lab_now_ms)" -lt "$stop_deadline" ] || { echo "vigil did not stop within 20 s" >&2; return 1; }
        usleep 100000
    done
}

# load_test_module NAME: insmod the lab's test module built for this kernel.
load_test_module() {
    module=/lab/modules/$1.ko
    if [ ! -f "$module" ]; then
        echo "test module $module is not in this initramfs" >&2
        return 1
    fi
    insmod "$module" || { echo "insmod $module failed" >&2; return 1; }
}

# make_secret: a root-only file that attacks try to read and change.
make_secret() {
    echo "$SECRET_TEXT" >"$SECRET" && chmod 600 "$SECRET" && chown 0:0 "$SECRET"
}

# secret_intact: succeeds when the secret still has its content, owner and mode.
secret_intact() {
    [ "$(cat "$SECRET" 2>/dev/null)" = "$SECRET_TEXT" ] && [ "$(stat -c '%a %u' "$SECRET")" = "600 0" ]
}

# event_count: the number of events vigil has printed.
event_count() {
    if [ -f "$VIGIL_EVENTS" ]; then grep -c '"schema"' "$VIGIL_EVENTS"; else echo 0; fi
}

# event_for_pid PID: the first event about process PID, or nothing.
event_for_pid() {
    grep "\"pid\":$1," "$VIGIL_EVENTS" 2>/dev/null | head -n 1
}

# json_field LINE KEY: a scalar or array value of KEY in a one-line JSON object.
json_field() {
    printf '%s\n' "$1" | grep -o "\"$2\":\(\[[^]]*\]\|\"[^\"]*\"\|[0-9]*\)" | head -n 1 | cut -d: -f2- | tr -d '"[]'
}

# judge_attack OUTPUT_FILE FIELD...: prints the verdict of an attack run by vigil-attack.
#   blocked   the attacker is dead by SIGKILL, the secret was neither read nor changed, and an
#             event names the attacker and every FIELD
#   detected  an event names the attacker, but the privilege was used (enforce off)
#   missed    no event names it
# Evidence: latency_ms (event time minus trigger time), pid, hook, fields, response.
judge_attack() {
    output=$1
    shift
    # vigil-attack prints "ATTACK mode=M pid=P boot_ns=N" before it triggers the driver.
    pid=$(grep '^ATTACK ' "$output" | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2)
    if [ -z "$pid" ]; then
        echo "setup-failed reason=attack-not-triggered"
        return
    fi
    wait_for_line "$VIGIL_EVENTS" "\"pid\":$pid," 15
    event=$(event_for_pid "$pid")
    if [ -z "$event" ]; then
        echo "missed pid=$pid events=$(event_count)"
        return
    fi
    fields=$(json_field "$event" fields)
    for wanted in "$@"; do
        case ",$fields," in
        *",$wanted,"*) ;;
        *) echo "missed reason=field-$wanted-not-reported pid=$pid fields=$fields"; return ;;
        esac
    done
    trigger_ns=$(grep -o 'boot_ns=[0-9]*' "$output" | head -n 1 | cut -d= -f2)
    event_ns=$(json_field "$event" bootNanoseconds)
    latency=
    [ -n "$trigger_ns" ] && [ -n "$event_ns" ] && latency=" latency_ms=$(( (event_ns - trigger_ns) / 1000000 ))"
    evidence="pid=$pid hook=$(json_field "$event" hook) fields=$fields response=$(json_field "$event" response)$latency"
    if grep -q 'read=ok\|chmod=ok\|escaped=yes' "$output" || ! secret_intact; then
        echo "detected $evidence used=yes"
    elif grep -q '^exit=137$' "$output"; then
        echo "blocked $evidence"
    else
        echo "detected $evidence killed=no"
    fi
}

# alert_lines: vigil's alerts, one a line: process-integrity events, "tampered" kernel-integrity
# events and every record marked "alert":true (usermode-helper and module-policy refusals).
# Informational records (a module load, a legitimate variable write, an allowed helper with
# "alert":false) are not alerts.
alert_lines() {
    grep -F -e '"type":"process-integrity"' -e '"kind":"tampered"' -e '"alert":true' "$VIGIL_EVENTS" 2>/dev/null
}

# alert_count: the number of alerts vigil has printed (alert_lines).
alert_count() {
    if [ -f "$VIGIL_EVENTS" ]; then alert_lines | grep -c .; else echo 0; fi
}

# judge_silence: the verdict for legitimate activity: silent when vigil is still running and
# printed no alert, detected otherwise (with the first alert's fields).
judge_silence() {
    count=$(alert_count)
    if ! vigil_running; then
        echo "fail reason=vigil-died events=$count"
    elif [ "$count" -gt 0 ]; then
        first=$(alert_lines | head -n 1)
        echo "detected events=$count type=$(json_field "$first" type) kind=$(json_field "$first" kind)" \
            "comm=$(json_field "$first" comm) fields=$(json_field "$first" fields) check=$(json_field "$first" check)"
    else
        echo "silent events=0"
    fi
}

# ---- kernel integrity ------------------------------------------------------------------------
# Attacks use the lab's deliberately malicious module vigil_rootkit (Lab/modules/vigil_rootkit);
# vigil reports them as {"type":"kernel-integrity","kind":"tampered","check":"CHECK",...} lines.

ROOTKIT_DEV=/dev/vigil_rootkit
KINT_TRIGGER=/tmp/kint.trigger_ms

# ksym NAME: the address of the core kernel symbol NAME, as /proc/kallsyms prints it (hex without
# 0x): the first line naming it without a [module] tag. Fails when there is none.
ksym() {
    ksym_addr=$(awk -v name="$1" 'NF == 3 && $3 == name { print $1; exit }' /proc/kallsyms)
    if [ -z "$ksym_addr" ] || [ "$ksym_addr" = 0000000000000000 ]; then
        echo "ksym: no core kernel symbol $1 in /proc/kallsyms" >&2
        return 1
    fi
    echo "$ksym_addr"
}

# rootkit COMMAND [ARG...]: writes the command line to /dev/vigil_rootkit, loading the module
# first when its device is missing, and prints the module's log line for it. Fails when the
# module refuses the command (its reason is in dmesg).
rootkit() {
    if [ ! -c "$ROOTKIT_DEV" ]; then
        load_test_module vigil_rootkit || return 1
        wait_for_file "$ROOTKIT_DEV" 10 || { echo "rootkit: $ROOTKIT_DEV did not appear" >&2; return 1; }
    fi
    if ! echo "$*" >"$ROOTKIT_DEV"; then
        echo "rootkit: '$*' refused: $(dmesg | grep 'vigil_rootkit: ' | tail -n 1)" >&2
        return 1
    fi
    dmesg | grep 'vigil_rootkit: cmd=' | tail -n 1
}

# kint_mark_trigger: records the attack's time (lab_now_ms) for judge_kint's latency_ms; call it
# just before the tampering command.
kint_mark_trigger() {
    lab_now_ms >"$KINT_TRIGGER"
}

# kint_events KIND CHECK [SUBSTRING]: vigil's kernel-integrity events of KIND and CHECK (and
# containing SUBSTRING when given), one a line, in vigil's order. Key order does not matter.
kint_events() {
    grep -F '"type":"kernel-integrity"' "$VIGIL_EVENTS" 2>/dev/null |
        grep -F "\"kind\":\"$1\"" | grep -F "\"check\":\"$2\"" |
        if [ -n "$3" ]; then grep -F -- "$3"; else cat; fi
}

# kint_field LINE KEY: the string or number value of KEY in a one-line JSON object (unlike
# json_field, brackets inside strings are kept: "sys_call_table[184]").
kint_field() {
    printf '%s\n' "$1" | grep -o "\"$2\":\(\"[^\"]*\"\|[0-9]*\)" | head -n 1 | cut -d: -f2- | sed 's/^"//; s/"$//'
}

# kint_token VALUE: VALUE as one evidence token value: spaces become _, brackets parentheses
# (the guest init word-splits the verdict line), "-" when empty.
kint_token() {
    if [ -n "$1" ]; then printf '%s\n' "$1" | tr ' \t[]' '__()'; else echo -; fi
}

# kint_first_event KIND CHECK [SUBSTRING [SINCE_MS]]: the first event of kint_events whose
# bootNanoseconds is not before SINCE_MS (guest uptime in ms, as lab_now_ms), or nothing.
kint_first_event() {
    kint_events "$1" "$2" "$3" | while IFS= read -r kint_line; do
        kint_ns=$(kint_field "$kint_line" bootNanoseconds)
        if [ -z "$4" ] || [ -z "$kint_ns" ] || [ $(( kint_ns / 1000000 )) -ge "$4" ]; then
            printf '%s\n' "$kint_line"
            break
        fi
    done
}

# judge_kint CHECK [SUBSTRING] [SECONDS]: the verdict of a kernel-integrity attack. Waits up to
# SECONDS (default 20) for a "tampered" event of CHECK (containing SUBSTRING when given, e.g. a
# symbol name; pass "" to give SECONDS alone) stamped at or after the time kint_mark_trigger
# recorded, so findings vigil already had before the attack (and keeps repeating) do not count.
#   detected  the event came: check, symbol, region, trigger, response and latency_ms (event time
#             minus the time kint_mark_trigger recorded; without bootNanoseconds, the time the
#             judge saw it)
#   missed    it did not
judge_kint() {
    kint_check=$1
    kint_sub=${2:-}
    kint_deadline=$(( $(lab_now_ms) + ${3:-20} * 1000 ))
    kint_trigger_ms=
    [ -s "$KINT_TRIGGER" ] && kint_trigger_ms=$(cat "$KINT_TRIGGER")
    while :; do
        kint_event=$(kint_first_event tampered "$kint_check" "$kint_sub" "$kint_trigger_ms")
        [ -n "$kint_event" ] && break
        if [ "$(lab_now_ms)" -ge "$kint_deadline" ]; then
            echo "missed check=$kint_check events=$(event_count)"
            return
        fi
        usleep 200000
    done
    kint_seen_ms=$(lab_now_ms)
    kint_latency=
    if [ -n "$kint_trigger_ms" ]; then
        kint_event_ns=$(kint_field "$kint_event" bootNanoseconds)
        if [ -n "$kint_event_ns" ]; then
            kint_latency=" latency_ms=$(( kint_event_ns / 1000000 - kint_trigger_ms ))"
        else
            kint_latency=" latency_ms=$(( kint_seen_ms - kint_trigger_ms ))"
        fi
    fi
    echo "detected check=$kint_check symbol=$(kint_token "$(kint_field "$kint_event" symbol)")" \
        "region=$(kint_token "$(kint_field "$kint_event" region)")" \
        "trigger=$(kint_token "$(kint_field "$kint_event" trigger)")" \
        "response=$(kint_token "$(kint_field "$kint_event" response)")$kint_latency"
}

# judge_kint_silence: the verdict for legitimate kernel activity: silent when vigil is still
# running and printed no alert (alert_lines: no "tampered" kernel-integrity event, no
# process-integrity event, no "alert":true record; informational events, counted as info, are
# fine); detected with the first offending event otherwise.
judge_kint_silence() {
    kint_count=$(event_count)
    if ! vigil_running; then
        echo "fail reason=vigil-died events=$kint_count"
        return
    fi
    kint_bad=$(alert_lines)
    if [ -n "$kint_bad" ]; then
        kint_first=$(printf '%s\n' "$kint_bad" | head -n 1)
        echo "detected events=$(printf '%s\n' "$kint_bad" | wc -l)" \
            "type=$(kint_token "$(kint_field "$kint_first" type)")" \
            "kind=$(kint_token "$(kint_field "$kint_first" kind)")" \
            "check=$(kint_token "$(kint_field "$kint_first" check)")" \
            "symbol=$(kint_token "$(kint_field "$kint_first" symbol)")"
    else
        echo "silent events=0 info=$kint_count"
    fi
}

# judge_kint_legit_change NAME...: judge_kint_silence, and each NAME (e.g. modprobe_path) must
# appear in a kernel-integrity "legitimate-change" event of check "variable" (waits up to 20 s
# for each): silent when both hold, fail reason=no-legitimate-change name=NAME otherwise.
judge_kint_legit_change() {
    for kint_name in "$@"; do
        kint_deadline=$(( $(lab_now_ms) + 20000 ))
        until [ -n "$(kint_events legitimate-change variable "$kint_name" | head -n 1)" ]; do
            if [ "$(lab_now_ms)" -ge "$kint_deadline" ]; then
                echo "fail reason=no-legitimate-change name=$kint_name events=$(event_count)"
                return
            fi
            usleep 200000
        done
    done
    kint_silence=$(judge_kint_silence)
    case $kint_silence in
    silent*) echo "$kint_silence legitimate=$(echo "$*" | tr ' ' ',')" ;;
    *) echo "$kint_silence" ;;
    esac
}

# ---- usermode helpers, module policy, CPU state ------------------------------------------
# The guard's records: {"type":"usermode-helper","kind":"call"|"exec-refused",...} and
# {"type":"module-policy","kind":"refused",...}, each with "alert":true|false; CPU state is a
# kernel-integrity record of check "cpu-state". The attack's time is stamped by kint_mark_trigger.

# load_stock_module NAME: insmod the guest kernel's own module NAME (/lab/kmod/NAME.ko, taken
# from the kernel package by vigil-lab); nothing to do when it is already loaded or built in.
load_stock_module() {
    [ -d "/sys/module/$1" ] && return 0
    if [ ! -f "/lab/kmod/$1.ko" ]; then
        echo "stock module /lab/kmod/$1.ko is not in this initramfs (is $1 built into $(uname -r)?)" >&2
        return 1
    fi
    insmod "/lab/kmod/$1.ko" || { echo "insmod /lab/kmod/$1.ko failed" >&2; return 1; }
}

# msr_read CPU MSR: the 64-bit value of MSR (e.g. 0x175) on CPU, in hex without 0x, read
# through /dev/cpu/CPU/msr (load_stock_module msr first).
msr_read() {
    dd if="/dev/cpu/$1/msr" bs=8 count=1 skip=$(($2)) iflag=skip_bytes 2>/dev/null | od -A n -t x8 | tr -d ' \n'
}

# make_unknown_binary PATH: an executable file of no known binary format (it starts with
# ff ff ff ff): executing it makes the kernel call request_module("binfmt-ffff"), i.e. run the
# usermode helper modprobe_path points to, as root. The classic modprobe_path exploit trigger.
make_unknown_binary() {
    printf '\377\377\377\377vigil-lab unknown binary format\n' >"$1" && chmod 755 "$1"
}

# run_unknown_binary PATH: executes it (it fails: no binary format; the shell then also tries it
# as a script, harmlessly). Output and status are dropped.
run_unknown_binary() {
    ( "$1" ) >/dev/null 2>&1
    return 0
}

# make_marker_script PATH MARKER: a #!/bin/sh helper that writes its arguments to MARKER and
# reads its standard input to the end (a core dump, when run from core_pattern).
make_marker_script() {
    printf '#!/bin/sh\necho "ran uid=$(id -u) args=$*" >>%s\ncat >/dev/null\n' "$2" >"$1" && chmod 755 "$1"
}

# make_modprobe_wrapper LOG: replaces /sbin/modprobe (modprobe_path's default, a busybox
# symlink in the guest) by a script that appends its arguments to LOG and then runs busybox
# modprobe with them, so a scenario can tell whether the kernel's modprobe helper ran.
make_modprobe_wrapper() {
    rm -f /sbin/modprobe &&
        printf '#!/bin/sh\necho "$*" >>%s\nexec /bin/busybox modprobe "$@"\n' "$1" >/sbin/modprobe &&
        chmod 755 /sbin/modprobe
}

# umh_events KIND [SUBSTRING]: vigil's usermode-helper records of KIND (call, exec-refused),
# containing SUBSTRING when given (e.g. '"path":"/tmp/x"'), one a line.
umh_events() {
    grep -F '"type":"usermode-helper"' "$VIGIL_EVENTS" 2>/dev/null | grep -F "\"kind\":\"$1\"" |
        if [ -n "$2" ]; then grep -F -- "$2"; else cat; fi
}

# umh_first_call HELPER [SINCE_MS]: the first "call" record of helper path HELPER stamped at or
# after SINCE_MS (guest uptime, as lab_now_ms), or nothing.
umh_first_call() {
    umh_events call "\"path\":\"$1\"" | while IFS= read -r umh_line; do
        umh_ns=$(kint_field "$umh_line" bootNanoseconds)
        if [ -z "$2" ] || [ -z "$umh_ns" ] || [ $(( umh_ns / 1000000 )) -ge "$2" ]; then
            printf '%s\n' "$umh_line"
            break
        fi
    done
}

# umh_wait_call HELPER SECONDS: waits for umh_first_call HELPER (since the trigger mark) and
# prints it; nothing after SECONDS.
umh_wait_call() {
    umh_deadline=$(( $(lab_now_ms) + $2 * 1000 ))
    umh_since=
    [ -s "$KINT_TRIGGER" ] && umh_since=$(cat "$KINT_TRIGGER")
    while :; do
        umh_call=$(umh_first_call "$1" "$umh_since")
        [ -n "$umh_call" ] && { printf '%s\n' "$umh_call"; return 0; }
        [ "$(lab_now_ms)" -lt "$umh_deadline" ] || return 1
        usleep 200000
    done
}

# umh_evidence LINE: key=value tokens of a usermode-helper record.
umh_evidence() {
    printf '%s' "helper=$(kint_token "$(kint_field "$1" path)") verdict_seen=$(kint_token "$(kint_field "$1" verdict)")"
    printf '%s' " response=$(kint_token "$(kint_field "$1" response)") variable=$(kint_token "$(kint_field "$1" variable)")"
    printf '%s\n' " caller=$(kint_token "$(kint_field "$1" comm)")"
}

# judge_umh HELPER MARKER VERDICTS [SECONDS]: the verdict of an attack that makes the kernel run
# the usermode helper HELPER (a script that writes MARKER when it runs). Waits up to SECONDS
# (default 20) for vigil's "call" record of HELPER stamped after kint_mark_trigger's mark, then
# up to 5 s more for MARKER (in case the helper ran after all). VERDICTS: the acceptable values
# of the record's "verdict", comma-separated (variable-tampered,not-allowlisted).
#   blocked   the record is an alert with an acceptable verdict and response "prevented", and
#             the helper never ran (no MARKER)
#   detected  the alert came, but the helper ran (or the response was not "prevented")
#   missed    no record of HELPER, or one that is not an alert with an acceptable verdict
# Evidence: helper, verdict_seen, response, variable, caller, exec_refused (a matching
# "exec-refused" record), helper_ran, latency_ms (record time minus the trigger mark).
judge_umh() {
    umh_helper=$1 umh_marker=$2 umh_verdicts=$3
    umh_event=$(umh_wait_call "$umh_helper" "${4:-20}")
    umh_marker_deadline=$(( $(lab_now_ms) + 5000 ))
    until [ -e "$umh_marker" ] || [ "$(lab_now_ms)" -ge "$umh_marker_deadline" ]; do
        usleep 200000
    done
    umh_ran=no
    [ -e "$umh_marker" ] && umh_ran=yes
    if [ -z "$umh_event" ]; then
        echo "missed reason=no-call-record helper=$(kint_token "$umh_helper") helper_ran=$umh_ran events=$(event_count)"
        return
    fi
    umh_seen=$(kint_field "$umh_event" verdict)
    umh_response=$(kint_field "$umh_event" response)
    umh_refused=no
    [ -n "$(umh_events exec-refused "\"path\":\"$umh_helper\"" | head -n 1)" ] && umh_refused=yes
    umh_latency=
    if [ -s "$KINT_TRIGGER" ] && [ -n "$(kint_field "$umh_event" bootNanoseconds)" ]; then
        umh_latency=" latency_ms=$(( $(kint_field "$umh_event" bootNanoseconds) / 1000000 - $(cat "$KINT_TRIGGER") ))"
    fi
    umh_tokens="$(umh_evidence "$umh_event") exec_refused=$umh_refused helper_ran=$umh_ran$umh_latency"
    case ",$umh_verdicts," in
    *",$umh_seen,"*) ;;
    *) echo "missed reason=verdict-not-$(echo "$umh_verdicts" | tr ',' '-') $umh_tokens"; return ;;
    esac
    if ! printf '%s\n' "$umh_event" | grep -qF '"alert":true'; then
        echo "missed reason=not-an-alert $umh_tokens"
    elif [ "$umh_ran" = no ] && [ "$umh_response" = prevented ]; then
        echo "blocked $umh_tokens"
    else
        echo "detected $umh_tokens"
    fi
}

# judge_umh_allowed HELPER MARKER [SECONDS]: the verdict of a legitimate usermode helper call.
# Waits up to SECONDS (default 20) for MARKER (the helper ran) and for vigil's "call" record of
# HELPER stamped after kint_mark_trigger's mark:
#   silent    the helper ran, the record says "alert":false and "verdict":"allowed", and
#             judge_kint_silence is silent (vigil alive, no alert at all)
#   detected  an alert (judge_kint_silence's evidence)
#   fail      reason=helper-did-not-run, no-call-record or call-not-allowed (vigil stayed quiet
#             but the legitimate thing did not happen as it should), or vigil died
judge_umh_allowed() {
    umh_helper=$1 umh_marker=$2
    umh_event=$(umh_wait_call "$umh_helper" "${3:-20}")
    umh_silence=$(judge_kint_silence)
    case $umh_silence in
    silent*) ;;
    *) echo "$umh_silence"; return ;;
    esac
    if ! wait_for_file "$umh_marker" "${3:-20}"; then
        echo "fail reason=helper-did-not-run helper=$(kint_token "$umh_helper") events=$(event_count)"
    elif [ -z "$umh_event" ]; then
        echo "fail reason=no-call-record helper=$(kint_token "$umh_helper") events=$(event_count)"
    elif ! printf '%s\n' "$umh_event" | grep -qF '"alert":false' ||
        [ "$(kint_field "$umh_event" verdict)" != allowed ]; then
        echo "fail reason=call-not-allowed $(umh_evidence "$umh_event")"
    else
        echo "$umh_silence $(umh_evidence "$umh_event") helper_ran=yes"
    fi
}

# module_events REASON: vigil's module-policy "refused" records of REASON, one a line.
module_events() {
    grep -F '"type":"module-policy"' "$VIGIL_EVENTS" 2>/dev/null | grep -F '"kind":"refused"' |
        grep -F "\"reason\":\"$1\""
}

# try_insmod NAME OUTPUT: insmod /lab/modules/NAME.ko, its output and "exit=N" into OUTPUT.
try_insmod() {
    insmod "/lab/modules/$1.ko" >"$2" 2>&1
    echo "exit=$?" >>"$2"
    cat "$2"
}

# judge_module_refused NAME OUTPUT REASON [SECONDS]: the verdict of a module load (try_insmod NAME
# OUTPUT) the module policy must refuse. Waits up to SECONDS (default 20) for a module-policy
# "refused" record of REASON that is an alert (and names NAME, when it names a module).
#   blocked   insmod failed with EPERM ("Operation not permitted"), NAME is not in /proc/modules
#             and the record came
#   detected  the record came but the module loaded
#   missed    the module loaded without a record, or no record came
#   fail      insmod failed some other way (reason=insmod-error)
# Evidence: reason, name, file, syscall, comm, response (of the first matching record: busybox
# insmod retries a refused finit_module with init_module, which makes a second one), eperm,
# loaded, latency_ms (record time minus kint_mark_trigger's mark, when one was made).
judge_module_refused() {
    mod_name=$1 mod_output=$2 mod_reason=$3
    mod_deadline=$(( $(lab_now_ms) + ${4:-20} * 1000 ))
    while :; do
        mod_event=$(module_events "$mod_reason" | grep -F '"alert":true' | while IFS= read -r mod_line; do
            mod_named=$(kint_field "$mod_line" name)
            if [ -z "$mod_named" ] || [ "$mod_named" = "$mod_name" ]; then
                printf '%s\n' "$mod_line"
                break
            fi
        done)
        [ -n "$mod_event" ] && break
        [ "$(lab_now_ms)" -lt "$mod_deadline" ] || break
        usleep 200000
    done
    mod_loaded=no
    grep -q "^$mod_name " /proc/modules && mod_loaded=yes
    mod_eperm=no
    grep -q 'Operation not permitted' "$mod_output" 2>/dev/null && mod_eperm=yes
    if [ -z "$mod_event" ]; then
        if [ "$mod_loaded" = no ] && [ "$mod_eperm" = no ]; then
            echo "fail reason=insmod-error loaded=no events=$(event_count)"
        else
            echo "missed reason=no-refused-record loaded=$mod_loaded eperm=$mod_eperm events=$(event_count)"
        fi
        return
    fi
    mod_tokens="reason=$(kint_token "$(kint_field "$mod_event" reason)") name=$(kint_token "$(kint_field "$mod_event" name)")"
    mod_tokens="$mod_tokens file=$(kint_token "$(kint_field "$mod_event" file)") syscall=$(kint_token "$(kint_field "$mod_event" syscall)")"
    mod_tokens="$mod_tokens comm=$(kint_token "$(kint_field "$mod_event" comm)") response=$(kint_token "$(kint_field "$mod_event" response)")"
    mod_tokens="$mod_tokens eperm=$mod_eperm loaded=$mod_loaded"
    if [ -s "$KINT_TRIGGER" ] && [ -n "$(kint_field "$mod_event" bootNanoseconds)" ]; then
        mod_tokens="$mod_tokens latency_ms=$(( $(kint_field "$mod_event" bootNanoseconds) / 1000000 - $(cat "$KINT_TRIGGER") ))"
    fi
    if [ "$mod_loaded" = yes ]; then
        echo "detected $mod_tokens"
    elif [ "$mod_eperm" = yes ]; then
        echo "blocked $mod_tokens"
    else
        echo "fail reason=insmod-error $mod_tokens"
    fi
}
