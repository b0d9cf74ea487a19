#!/usr/bin/env bash
# End-to-end test of recipes/slurm/ on a REAL single-node Slurm cluster started here.
#
# What it does, all under one temp dir and on private ports, leaving the machine's own
# munge and Slurm (if any) alone:
#   1. installs slurm-wlm and munge with apt-get if missing (root only; else says what
#      to install and exits 1);
#   2. makes a fresh munge key and starts a private munged on a private socket;
#   3. writes a minimal slurm.conf (one node named after `hostname -s`, 2 CPUs, no
#      cgroups, no accounting) and starts slurmctld and slurmd in the foreground, as
#      background processes of this script;
#   4. submits recipes/slurm/sweep.sbatch as a 3-task array for a small Erlang C sweep
#      and recipes/slurm/merge.sbatch with --dependency=afterok on it;
#   5. waits (at most RAPPORT_SLURM_TIMEOUT seconds, default 180) for the parts, the
#      merged file and an empty queue;
#   6. checks the merged file is byte-identical to an unsharded `rapport sweep`;
#   7. does the same for `rapport run --uncertainty` (recipes/slurm/uncertainty.sbatch,
#      2 shards of 4 plausible worlds) and checks its merge against the unsharded run.
#   8. does the same for a calibration: recipes/slurm/calibrate.sbatch as a 3-task array,
#      merge.sbatch with --calibrated, against an unsharded `rapport calibrate`.
# Prints "slurm: 1 passed, 0 failed" on success, else "slurm: 0 passed, 1 failed" and
# exits 1. A trap cancels the jobs and stops every process it started, pass or fail.
# Safe to run again (a lock keeps two runs from sharing the ports).
#
# Usage: scripts/test-slurm.sh            (as root on Debian/Ubuntu for the install)
# Env:   RAPPORT_BIN            rapport executable (default .build/release/rapport; built
#                               with --scratch-path .build-slurm if missing)
#        RAPPORT_SLURM_PORT     slurmctld port; slurmd uses the next one (default 16817)
#        RAPPORT_SLURM_TIMEOUT  seconds to wait for the jobs (default 180)
#        RAPPORT_SLURM_KEEP=1   keep the temp dir (logs, slurm.conf) even on success
set -uo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${RAPPORT_SLURM_PORT:-16817}"
TIMEOUT="${RAPPORT_SLURM_TIMEOUT:-180}"
START_TIME=$(date +%s)

say()  { echo "test-slurm: $*"; }
fail() {
    echo "test-slurm: FAIL: $*" >&2
    echo "slurm: 0 passed, 1 failed"
    exit 1
}

# --- 1. Slurm and munge ----------------------------------------------------------------
missing=()
for exe in slurmctld slurmd sbatch squeue scontrol munged; do
    command -v "$exe" >/dev/null 2>&1 || [ -x "/usr/sbin/$exe" ] || missing+=("$exe")
done
if (( ${#missing[@]} > 0 )); then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing slurm-wlm and munge with apt-get (missing: ${missing[*]})"
        # Keep the packages' own services (munge.service, slurmd.service) from being
        # started by the install on a machine with an init system: this test runs its own.
        made_policy=0
        if [ ! -e /usr/sbin/policy-rc.d ]; then
            printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
            chmod 755 /usr/sbin/policy-rc.d
            made_policy=1
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt_log="$(mktemp /tmp/rapport-slurm-apt.XXXXXX)"
        apt-get update -qq >"$apt_log" 2>&1
        apt-get install -y -qq slurm-wlm munge >>"$apt_log" 2>&1
        rc=$?
        (( made_policy )) && rm -f /usr/sbin/policy-rc.d
        if (( rc != 0 )); then
            tail -n 20 "$apt_log" >&2
            fail "apt-get install slurm-wlm munge failed (exit $rc; log $apt_log)"
        fi
        rm -f "$apt_log"
    else
        echo "test-slurm: Slurm and munge are missing (${missing[*]})." >&2
        echo "  Install them, then run this again:  sudo apt-get install -y slurm-wlm munge" >&2
        echo "  (the daemons need root: this test starts slurmctld/slurmd as root)" >&2
        exit 1
    fi
fi
export PATH="$PATH:/usr/sbin:/sbin"
if [ "$(id -u)" != 0 ]; then
    echo "test-slurm: must run as root (it starts slurmd, which runs jobs as their owner)" >&2
    exit 1
fi

# --- the rapport executable --------------------------------------------------------------
RAPPORT_BIN="${RAPPORT_BIN:-$ROOT/.build/release/rapport}"
if [ ! -x "$RAPPORT_BIN" ]; then
    say "$RAPPORT_BIN is missing; building into .build-slurm"
    # shellcheck source=/dev/null
    (cd "$ROOT" && source scripts/ensure-deps.sh &&
        swift build -c release --product rapport --scratch-path .build-slurm) ||
        fail "could not build rapport"
    RAPPORT_BIN="$ROOT/.build-slurm/release/rapport"
fi

# --- one run at a time: the ports are fixed ------------------------------------------
exec 9>/tmp/rapport-test-slurm.lock
flock -n 9 || fail "another scripts/test-slurm.sh is running (lock /tmp/rapport-test-slurm.lock)"
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in "$PORT" "$((PORT + 1))"; do
    port_busy "$p" && fail "port $p on 127.0.0.1 is in use; set RAPPORT_SLURM_PORT to a free pair"
done

# --- temp dir, and the cleanup trap ----------------------------------------------------
T="$(mktemp -d /tmp/rapport-slurm.XXXXXX)"
# munged insists that every directory above its socket be searchable by all.
chmod 755 "$T"
mkdir -p "$T/munge-key" "$T/munge-run" "$T/state" "$T/spool" "$T/log" "$T/work"
chmod 700 "$T/munge-key" "$T/state"
chmod 755 "$T/munge-run"
# Every process this run starts (daemons, slurmstepd, the jobs themselves, which get
# sbatch's copy of this environment) carries this tag, so the trap can find
# stragglers by pid without matching on names.
export RAPPORT_SLURM_TEST_TAG="$T"
export SLURM_CONF="$T/slurm.conf"

MUNGED_PID="" CTLD_PID="" SLURMD_PID="" JOBS=() PASSED=0

# Fills TAGGED with the pids of live processes carrying this run's tag. Runs in this
# shell with builtins only, so it never finds (or later kills) its own helpers.
TAGGED=()
tagged_pids() {
    local f pid e env
    TAGGED=()
    for f in /proc/[0-9]*/environ; do
        pid="${f#/proc/}"; pid="${pid%/environ}"
        [ "$pid" = "$$" ] && continue
        env=()
        { mapfile -d '' -t env < "$f"; } 2>/dev/null || continue
        for e in "${env[@]}"; do
            if [ "$e" = "RAPPORT_SLURM_TEST_TAG=$T" ]; then TAGGED+=("$pid"); break; fi
        done
    done
}

stop_pid() {  # stop_pid PID: TERM, wait up to 10 s, then KILL
    local pid="$1" i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

cleanup() {
    local i pid
    trap - EXIT INT TERM
    # Cancel our jobs and give slurmd a moment to end their steps cleanly.
    if [ -n "$CTLD_PID" ] && kill -0 "$CTLD_PID" 2>/dev/null; then
        (( ${#JOBS[@]} )) && scancel "${JOBS[@]}" 2>/dev/null
        for ((i = 0; i < 25; i++)); do
            [ -z "$(squeue -h 2>/dev/null)" ] && break
            sleep 0.2
        done
    fi
    stop_pid "$SLURMD_PID"
    stop_pid "$CTLD_PID"
    stop_pid "$MUNGED_PID"
    # Anything else started by this run (a slurmstepd or job left behind): by pid.
    tagged_pids
    for pid in "${TAGGED[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    for pid in "${TAGGED[@]}"; do wait "$pid" 2>/dev/null; done
    sleep 0.2
    tagged_pids
    (( ${#TAGGED[@]} )) && echo "test-slurm: warning: processes still running: ${TAGGED[*]}" >&2
    if (( PASSED )) && [ "${RAPPORT_SLURM_KEEP:-0}" != 1 ]; then
        rm -rf "$T"
    else
        echo "test-slurm: logs and config kept in $T" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

show_logs() {
    local f
    for f in "$T"/log/*.log "$T"/work/*.log; do
        [ -f "$f" ] || continue
        echo "----- $f (last 25 lines)" >&2
        tail -n 25 "$f" >&2
    done
    echo "----- squeue" >&2
    squeue 2>&1 >&2
}

# --- 2. munge: a fresh key and a private daemon ----------------------------------------
if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$T/munge-key/munge.key" || fail "mungekey failed"
else
    dd if=/dev/urandom of="$T/munge-key/munge.key" bs=1024 count=1 2>/dev/null
fi
chmod 400 "$T/munge-key/munge.key"
MUNGE_SOCKET="$T/munge-run/munge.socket"
munged --foreground \
    --socket="$MUNGE_SOCKET" \
    --key-file="$T/munge-key/munge.key" \
    --pid-file="$T/munge-run/munged.pid" \
    --seed-file="$T/munge-key/munged.seed" \
    --log-file="$T/log/munged.log" >"$T/log/munged.out" 2>&1 &
MUNGED_PID=$!
for ((i = 0; i < 50; i++)); do
    [ -S "$MUNGE_SOCKET" ] && break
    kill -0 "$MUNGED_PID" 2>/dev/null || break
    sleep 0.1
done
munge -S "$MUNGE_SOCKET" -n 2>/dev/null | unmunge -S "$MUNGE_SOCKET" >/dev/null 2>&1 ||
    { show_logs; fail "munged did not start"; }

# --- 3. slurm.conf, slurmctld, slurmd ------------------------------------------------
NODE="$(hostname -s)"
cat > "$SLURM_CONF" <<EOF
# Minimal single-node Slurm for scripts/test-slurm.sh (written by it; temporary).
ClusterName=rapporttest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/state/slurmctld.pid
SlurmdPidFile=$T/spool/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
MailProg=/bin/true
# No cgroups (they may not exist in a container): track processes through /proc.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
# Trust this file's CPUs=2 whatever the hardware says.
SlurmdParameters=config_overrides
NodeName=$NODE NodeHostname=$NODE NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=debug Nodes=$NODE Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$T/log/slurmctld.out" 2>&1 &
CTLD_PID=$!
slurmd -D -f "$SLURM_CONF" -N "$NODE" >"$T/log/slurmd.out" 2>&1 &
SLURMD_PID=$!
state=""
for ((i = 0; i < 150; i++)); do
    kill -0 "$CTLD_PID" 2>/dev/null || break
    kill -0 "$SLURMD_PID" 2>/dev/null || break
    state="$(sinfo -h -n "$NODE" -o %T 2>/dev/null)"
    [ "$state" = idle ] && break
    sleep 0.2
done
[ "$state" = idle ] || { show_logs; fail "node $NODE did not come up idle (state: '${state:-none}')"; }
say "single-node Slurm up: node $NODE idle, slurmctld pid $CTLD_PID, slurmd pid $SLURMD_PID ($(( $(date +%s) - START_TIME ))s)"

# Submits recipes/slurm/KIND.sbatch as a job array over ARRAY (e.g. 0-2) and merge.sbatch to run
# after it succeeds; both job ids go to JOBS, for the clean-up.
submit_with_merge() {
    local kind=$1 array=$2 shards=$3 job merge
    job="$(sbatch --parsable --array="$array" "$ROOT/recipes/slurm/$kind.sbatch")" ||
        { show_logs; fail "sbatch $kind.sbatch failed"; }
    job="${job%%;*}"
    JOBS+=("$job")
    merge="$(sbatch --parsable --dependency="afterok:$job" "$ROOT/recipes/slurm/merge.sbatch")" ||
        { show_logs; fail "sbatch merge.sbatch ($kind) failed"; }
    merge="${merge%%;*}"
    JOBS+=("$merge")
    say "submitted $kind array job $job ($shards shards) and merge job $merge (afterok)"
}

# --- 4. submit the recipe ---------------------------------------------------------------
export RAPPORT_BIN
export SCENARIO="$ROOT/scenarios/validation/erlang-c.yaml"
export SWEEP_ARGS="--set therapists[0].count=10,11,12,14 --set stop_after_arrivals=5000 --replications 2"
export OUT="$T/work/out"
unset SHARDS MERGED MERGE_ARGS
cd "$T/work" || fail "cd $T/work"
submit_with_merge sweep 0-2 3

# --- 5. wait for the parts, the merge and an empty queue --------------------------------
# wait_for_outputs WHAT FILE...: until the queue is empty and every FILE exists; fails on a
# shard that failed (its merge can never start), an empty queue without the files, or time out.
wait_for_outputs() {
    local what="$1" i file missing queue
    shift
    for ((i = 0; i < TIMEOUT * 2; i++)); do
        queue="$(squeue -h -o '%i %T %r' 2>/dev/null)"
        if grep -q DependencyNeverSatisfied <<<"$queue"; then
            show_logs; fail "a $what shard failed, so its merge job can never start"
        fi
        missing=0
        for file in "$@"; do [ -f "$file" ] || missing=1; done
        [ -z "$queue" ] && (( ! missing )) && return 0
        if [ -z "$queue" ] && (( i > 4 )); then
            show_logs; fail "the queue emptied but the $what parts or merged.json are missing"
        fi
        sleep 0.5
    done
    show_logs; fail "$what jobs did not finish within ${TIMEOUT}s"
}
wait_for_outputs sweep "$OUT/part-0.json" "$OUT/part-1.json" "$OUT/part-2.json" "$OUT/merged.json"
say "array and merge finished ($(( $(date +%s) - START_TIME ))s)"

# --- 6. the merged file must equal an unsharded run --------------------------------------
# shellcheck disable=SC2086  # SWEEP_ARGS is whitespace-separated on purpose; noglob below
(set -f; "$RAPPORT_BIN" sweep "$SCENARIO" $SWEEP_ARGS --output "$T/work/whole.json") \
    >"$T/log/unsharded.log" 2>&1 || { show_logs; fail "the unsharded rapport sweep failed"; }
if ! cmp -s "$OUT/merged.json" "$T/work/whole.json"; then
    diff <(head -c 4000 "$OUT/merged.json") <(head -c 4000 "$T/work/whole.json") | head -20 >&2
    fail "merged.json differs from the unsharded sweep"
fi
# The merge must also refuse an incomplete set of parts.
if "$RAPPORT_BIN" merge "$OUT/part-0.json" "$OUT/part-2.json" --output "$T/work/gap.json" \
    >"$T/log/gap.log" 2>&1; then
    fail "rapport merge accepted parts with a missing shard"
fi
[ -e "$T/work/gap.json" ] && fail "rapport merge wrote a file for an incomplete set of parts"

say "merged 3 Slurm array parts == unsharded sweep, byte for byte ($(( $(date +%s) - START_TIME ))s)"

# --- 7. an uncertainty run as a job array: 2 shards of 4 plausible worlds, then the merge --
export SCENARIO="$ROOT/scenarios/quota-vs-thresholds.yaml"
export DRAWS=4
export RUN_ARGS="--replications 1 --set horizon=26w --set warmup=4w"
export OUT="$T/work/uncertainty-out"
submit_with_merge uncertainty 0-1 2
wait_for_outputs uncertainty "$OUT/part-0.json" "$OUT/part-1.json" "$OUT/merged.json"
# shellcheck disable=SC2086  # RUN_ARGS is whitespace-separated on purpose; noglob below
(set -f; "$RAPPORT_BIN" run "$SCENARIO" $RUN_ARGS --uncertainty "$DRAWS" --format json --output "$T/work/whole-uncertainty.json") \
    >"$T/log/unsharded-uncertainty.log" 2>&1 || { show_logs; fail "the unsharded rapport run --uncertainty failed"; }
if ! cmp -s "$OUT/merged.json" "$T/work/whole-uncertainty.json"; then
    diff <(head -c 4000 "$OUT/merged.json") <(head -c 4000 "$T/work/whole-uncertainty.json") | head -20 >&2
    fail "the merged uncertainty parts differ from the unsharded run"
fi
grep -q '"kind": "uncertainty"' "$OUT/merged.json" || fail "the merged file is not an uncertainty result"
say "merged 2 Slurm array parts == unsharded uncertainty run, byte for byte ($(( $(date +%s) - START_TIME ))s)"

# --- 8. a calibration as a job array: parts merged == an unsharded rapport calibrate -----
cat > "$T/work/platform.yaml" <<'YAML'
# A small platform where therapists burn out (scripts/test-slurm.sh; temporary).
name: slurm calibration platform
horizon: 52w
warmup: 8w
seed: 7
clients:
  arrivals: {rate: 45/week}
  concerns: {anxiety: 0.5, trauma: 0.5}
therapists:
  - group: generalists
    count: 14
    proficiency: {default: 0.8}
    sustainable_level: uniform(4, 6)
wellbeing:
  growth_per_extra_session: 1.6
policy:
  quota: {fixed-quota: 7}
YAML
export SCENARIO="$T/work/platform.yaml"
export CALIBRATE_ARGS="--target burnout_risk_share=0.45±0.1 --target exhaustion_mean=24+-3 --parameter wellbeing.growth_per_extra_session --parameter wellbeing.burnout_threshold --budget 12 --polish 8 --replications 2"
export OUT="$T/work/calibration"
export MERGE_ARGS="--calibrated $OUT/calibrated.yaml"
submit_with_merge calibrate 0-2 3
wait_for_outputs calibration "$OUT/merged.json" "$OUT/calibrated.yaml"
# shellcheck disable=SC2086  # CALIBRATE_ARGS is whitespace-separated on purpose; noglob below
(set -f; "$RAPPORT_BIN" calibrate "$SCENARIO" $CALIBRATE_ARGS --json "$T/work/whole-calibration.json" \
    --output "$T/work/whole-calibrated.yaml") >"$T/log/unsharded-calibration.log" 2>&1 ||
    { show_logs; fail "the unsharded rapport calibrate failed"; }
cmp -s "$OUT/merged.json" "$T/work/whole-calibration.json" || fail "the merged calibration differs from the unsharded one"
cmp -s "$OUT/calibrated.yaml" "$T/work/whole-calibrated.yaml" || fail "the merged calibrated scenario differs from the unsharded one"

PASSED=1
say "merged 3 Slurm array parts of a calibration == unsharded calibration and calibrated scenario, byte for byte ($(( $(date +%s) - START_TIME ))s)"
echo "slurm: 1 passed, 0 failed"
