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

# alert_count: the number of alerts vigil has printed: process-integrity events and "tampered"
# kernel-integrity events (informational kernel-integrity events, e.g. a module load, are not alerts).
alert_count() {
    if [ -f "$VIGIL_EVENTS" ]; then grep -c -e '"type":"process-integrity"' -e '"kind":"tampered"' "$VIGIL_EVENTS"; else echo 0; fi
}

# judge_silence: the verdict for legitimate activity: silent when vigil is still running and
# printed no alert, detected otherwise (with the first alert's fields).
judge_silence() {
    count=$(alert_count)
    if ! vigil_running; then
        echo "fail reason=vigil-died events=$count"
    elif [ "$count" -gt 0 ]; then
        first=$(grep -e '"type":"process-integrity"' -e '"kind":"tampered"' "$VIGIL_EVENTS" | head -n 1)
        echo "detected events=$count comm=$(json_field "$first" comm) fields=$(json_field "$first" fields) check=$(json_field "$first" check)"
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
# running and printed neither a "tampered" kernel-integrity event nor a process-integrity event
# (informational kernel-integrity events, counted as info, are fine); detected with the first
# offending event otherwise.
judge_kint_silence() {
    kint_count=$(event_count)
    if ! vigil_running; then
        echo "fail reason=vigil-died events=$kint_count"
        return
    fi
    kint_bad=$(grep -F -e '"kind":"tampered"' -e '"type":"process-integrity"' "$VIGIL_EVENTS" 2>/dev/null)
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
