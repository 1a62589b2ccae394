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

# judge_silence: the verdict for legitimate activity: silent when vigil is still running and
# printed no event, detected otherwise (with the first event's fields).
judge_silence() {
    count=$(event_count)
    if ! vigil_running; then
        echo "fail reason=vigil-died events=$count"
    elif [ "$count" -gt 0 ]; then
        first=$(head -n 1 "$VIGIL_EVENTS")
        echo "detected events=$count comm=$(json_field "$first" comm) fields=$(json_field "$first" fields)"
    else
        echo "silent events=0"
    fi
}
