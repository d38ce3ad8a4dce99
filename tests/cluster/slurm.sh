#!/usr/bin/env bash
# A real single-node Slurm cluster runs scripts/cluster/slurm-audit.sh over the cluster batch:
# munged, slurmctld and slurmd are started here (as root, with a generated munge key and
# slurm.conf in WORK_DIR: localhost, one node with this machine's CPUs, free ports) and stopped
# by their process ids when the script ends, however it ends (trap). Checks that
#  1. the merged report, in every format, is byte-identical to the single-process audit;
#  2. an array task killed while it writes its results (SIGKILL) fails, and the merge job
#     refuses (exit 64), naming the missing shard, and writes no report.
# About 25 s here (2 CPUs; 60 s with the sanitizer build of scripts/test.sh).
# Skips (exit 77) when not root or when Slurm or munge is not installed.
#   slurm.sh RUNAUDIT SOURCE_DIR BATCH_DIR WORK_DIR
set -euo pipefail
runaudit=$1 source_dir=$2 batch=$3 work=$4
. "$(dirname "$0")/common.sh"
[ "$(id -u)" -eq 0 ] || skip "starting slurmctld, slurmd and munged needs root"
for tool in munged slurmctld slurmd sbatch scontrol sinfo squeue scancel python3; do
  command -v "$tool" >/dev/null ||
    skip "$tool is not installed (scripts/install-deps.sh installs slurm-wlm and munge)"
done
started=$SECONDS
rm -rf "$work"
mkdir -p "$work/state" "$work/spool" "$work/log"
chmod 755 "$work"  # munged wants its socket's folder searchable by all

daemons=()  # "name pid", in start order
stop_daemons() {
  local status=$?
  if [ ${#daemons[@]} -gt 0 ]; then
    # Jobs first (their steps are slurmstepd processes, not our children): on a failure they
    # may still run.
    if squeue -h -o %i 2>/dev/null | grep -q .; then
      scancel --quiet --user="$(id -un)" 2>/dev/null || true
      for _ in $(seq 50); do squeue -h -o %i 2>/dev/null | grep -q . || break; sleep 0.2; done
    fi
    local i name pid
    for ((i = ${#daemons[@]} - 1; i >= 0; i--)); do
      read -r name pid <<<"${daemons[i]}"
      kill -TERM "$pid" 2>/dev/null || continue
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "$name (pid $pid) did not stop on SIGTERM: SIGKILL" >&2
        kill -KILL "$pid" 2>/dev/null || true
      fi
      wait "$pid" 2>/dev/null || true
    done
    echo "daemons stopped: ${daemons[*]}"
  fi
  if [ "$status" -ne 0 ] && [ "$status" -ne 77 ]; then
    for log in "$work"/log/*.log; do
      echo "--- $log (last lines)" >&2
      tail -n 15 "$log" >&2
    done
  fi
  exit "$status"
}
trap stop_daemons EXIT
trap 'exit 130' INT TERM HUP  # the EXIT trap stops the daemons

# munge: a key of our own, a socket in WORK_DIR (the machine's munged, if any, is not used).
head -c 1024 /dev/urandom >"$work/munge.key"
chmod 400 "$work/munge.key"
munged --foreground --force --key-file="$work/munge.key" --socket="$work/munge.socket" \
  --pid-file="$work/munged.pid" --log-file="$work/log/munged.log" \
  --seed-file="$work/munge.seed" 2>>"$work/log/munged.log" &
daemons+=("munged $!")
for _ in $(seq 100); do [ -S "$work/munge.socket" ] && break; sleep 0.1; done
[ -S "$work/munge.socket" ] || fail "munged did not create its socket"

# Two free TCP ports on the loopback interface for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')
host=$(hostname -s)
export SLURM_CONF=$work/slurm.conf
cat >"$SLURM_CONF" <<CONF
ClusterName=runaudit-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
slurmctld -D -f "$SLURM_CONF" >>"$work/log/slurmctld.out.log" 2>&1 &
daemons+=("slurmctld $!")
slurmd -D -f "$SLURM_CONF" >>"$work/log/slurmd.out.log" 2>&1 &
daemons+=("slurmd $!")
for _ in $(seq 300); do
  [ "$(sinfo -h -o %T 2>/dev/null)" = idle ] && break
  sleep 0.2
done
[ "$(sinfo -h -o %T 2>/dev/null)" = idle ] || fail "the node is not idle: $(sinfo 2>&1)"
echo "slurm up in $((SECONDS - started)) s: $(sinfo -h -o '%P %D node(s) %c CPUs %T')"

# job_state ID: the state of a job, or of every task of an array ("COMPLETED COMPLETED ...").
job_state() {
  scontrol -o show job "$1" | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2 | sort | uniq -c |
    awk '{ printf "%s%s x%d", (NR > 1 ? " " : ""), $2, $1 }'
}
# wait_for ID: waits until job ID has ended (at most 200 s: the whole test stays under CTest's
# timeout, which would kill it without its trap).
wait_for() {
  local state
  for _ in $(seq 1000); do
    state=$(scontrol -o show job "$1" | grep -oE 'JobState=[A-Z_]+' | cut -d= -f2)
    case $state in PENDING | RUNNING | CONFIGURING | COMPLETING | '') sleep 0.2 ;; *) return 0 ;; esac
  done
  fail "job $1 did not end within 200 s: $(scontrol -o show job "$1")"
}

read -ra inputs <<<"$(batch_inputs "$batch")"

# 1. Four shards on the cluster, merged: the single-process reports, byte for byte.
t=$SECONDS
read -r array merge < <(RUNAUDIT=$runaudit "$source_dir/scripts/cluster/slurm-audit.sh" -n 4 \
  -d "$work/run" -f "$(format_list)" -- "${inputs[@]}")
wait_for "$merge"
echo "array $array: $(job_state "$array"); merge $merge: $(job_state "$merge") ($((SECONDS - t)) s)"
[ "$(job_state "$array")" = "COMPLETED x4" ] || fail "array tasks: $(job_state "$array")"
[ "$(job_state "$merge")" = "COMPLETED x1" ] ||
  fail "merge job: $(job_state "$merge"): $(cat "$work/run/logs/merge.log")"
same_reports "$batch" "$work/run"

# 2. Task K, the shard with the most runs in step 1 (the split by athlete may leave a shard
# empty), is killed (SIGKILL) once it has started writing its results: no results-K.jsonl
# (-o is atomic); the merge runs anyway (afterany), refuses and names shard K.
largest=$(ls -S "$work/run"/results-*.jsonl | head -n 1)
victim=${largest##*/results-}
victim=${victim%.jsonl}
killer=$work/runaudit-killing-a-task
cat >"$killer" <<KILLER
#!/bin/bash
# runaudit, but array task $victim's audit is killed while it writes its results.
if [ "\$SLURM_ARRAY_TASK_ID" = $victim ] && [ "\$1" = --shard ]; then
  "$runaudit" "\$@" &
  pid=\$!
  for _ in \$(seq 600); do
    compgen -G "$work/killed/.results-$victim.jsonl.tmp-*" >/dev/null && break
    sleep 0.05
  done
  kill -KILL \$pid || echo "runaudit ended before it could be killed" >&2
  wait \$pid
  exit \$?
fi
exec "$runaudit" "\$@"
KILLER
chmod +x "$killer"
t=$SECONDS
read -r array merge < <(RUNAUDIT=$killer "$source_dir/scripts/cluster/slurm-audit.sh" -n 4 \
  -d "$work/killed" -f html -- "${inputs[@]}")
wait_for "$merge"
echo "array $array: $(job_state "$array"); merge $merge: $(job_state "$merge") ($((SECONDS - t)) s)"
[ "$(job_state "${array}_$victim")" = "FAILED x1" ] ||
  fail "task $victim: $(job_state "${array}_$victim"): $(cat "$work/killed/logs/shard-$victim.log")"
[ ! -e "$work/killed/results-$victim.jsonl" ] || fail "the killed task left results-$victim.jsonl"
[ "$(job_state "$merge")" = "FAILED x1" ] || fail "merge job: $(job_state "$merge")"
scontrol -o show job "$merge" | grep -q 'ExitCode=64:0' ||
  fail "merge exit: $(scontrol -o show job "$merge" | grep -oE 'ExitCode=[^ ]+')"
grep -q "incomplete results: shard $victim of 4 is missing" "$work/killed/logs/merge.log" ||
  fail "the merge log does not name shard $victim: $(cat "$work/killed/logs/merge.log")"
[ ! -e "$work/killed/report.html" ] || fail "the refused merge wrote a report"
echo "killed task $victim: merge refused: $(grep -o 'incomplete results: [^(]*' "$work/killed/logs/merge.log")"
echo "slurm test done in $((SECONDS - started)) s"
