#!/usr/bin/env bash
# Real Slurm check of `temkit slurm defocus` and `temkit slurm particles`: starts a single-node Slurm on localhost (munged, slurmctld, slurmd, all
# as root, state under $WORK), simulates 8 micrographs with known defocus, runs them once in one process and once as a
# 4-task job array with a dependent merge job, and checks that the merged results and junctures are byte-identical to
# the single-process run; then the same for a 6-frame particle series in 3 shards merged by `temkit merge`. Idempotent (stops its own daemons from an earlier run first); stops every daemon it started
# on exit. Needs root and the Debian packages slurm-wlm and munge (installed when missing). Takes 1-3 minutes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${TEMKIT_SLURM_WORK:-/tmp/temkit-slurm-test}"
TIMEOUT="${TEMKIT_SLURM_TIMEOUT:-600}"
PORT_CTLD=16817
PORT_SLURMD=16818

log() { echo "slurm-test: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }
# await_merge WHAT: reads the merge job id from $out (the `temkit slurm ...` output) into merge_id, then waits until the
# queue is empty or TIMEOUT seconds have passed.
await_merge() {
  echo "$out" >&2
  merge_id="$(echo "$out" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')"
  [ -n "$merge_id" ] || fail "no $1 merge job id in the output"
  local deadline=$((SECONDS + TIMEOUT))
  while squeue -h | grep -q .; do
    [ "$SECONDS" -lt "$deadline" ] || fail "$1 jobs still queued after ${TIMEOUT}s: $(squeue | tr '\n' ' ')"
    sleep 1
  done
}

[ "$(id -u)" = 0 ] || fail "must run as root (slurmd and munged are started as root)"

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null || ! command -v sbatch >/dev/null; then
  log "installing slurm-wlm and munge"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
fi

stop_daemons() {
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ] && command -v scancel >/dev/null; then
    scancel --quiet --user=root 2>/dev/null || true
  fi
  for name in slurmd slurmctld munged; do
    pidfile="$WORK/run/$name.pid"
    if [ -f "$pidfile" ]; then
      pid="$(cat "$pidfile" 2>/dev/null || true)"
      if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$pidfile"
    fi
  done
}
trap stop_daemons EXIT

# An earlier run may have left daemons (killed test): stop them, then start from a clean folder.
stop_daemons
rm -rf "$WORK"
mkdir -p "$WORK"/{run,log,state,spool,munge}
chmod 700 "$WORK/munge"

log "starting munged"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$WORK/munge/munge.key"
MUNGE_SOCKET="$WORK/munge/munge.socket"
munged --force --key-file="$WORK/munge/munge.key" --socket="$MUNGE_SOCKET" \
  --pid-file="$WORK/run/munged.pid" --log-file="$WORK/log/munged.log" --seed-file="$WORK/munge/munged.seed"
for _ in $(seq 50); do [ -S "$MUNGE_SOCKET" ] && break; sleep 0.1; done
[ -S "$MUNGE_SOCKET" ] || fail "munged did not start (see $WORK/log/munged.log)"

HOST="$(hostname -s)"
NODE="$(slurmd -C | head -n 1 | sed 's/^NodeName=[^ ]* //')"
export SLURM_CONF="$WORK/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=temkit-test
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$PORT_CTLD
SlurmdPort=$PORT_SLURMD
AuthType=auth/munge
AuthInfo=socket=$MUNGE_SOCKET
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/run/slurmctld.pid
SlurmdPidFile=$WORK/run/slurmd.pid
SlurmctldLogFile=$WORK/log/slurmctld.log
SlurmdLogFile=$WORK/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$HOST $NODE State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF

log "starting slurmctld and slurmd on $HOST ($NODE)"
slurmctld -i
slurmd
for _ in $(seq 100); do
  state="$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)"
  case "$state" in idle*|mixed*|alloc*) break ;; esac
  sleep 0.2
done
case "$(sinfo -h -n "$HOST" -o %T 2>/dev/null || true)" in
  idle*|mixed*|alloc*) ;;
  *) fail "node $HOST did not come up (sinfo: $(sinfo 2>&1 | tr '\n' ' '); see $WORK/log)" ;;
esac

TEMKIT="$ROOT/temkit"
# Byte-identical results need a deterministic FFT: FFTW picks SIMD or scalar codelets by the alignment of managed
# arrays, which can change the last bits of a spectrum between two runs. The managed backend does not.
# sbatch exports the environment to the jobs, so every shard and the merge use it too.
export TEMKIT_FFT=managed
log "simulating 8 micrographs"
"$TEMKIT" defocus-simulate -o "$WORK/data" --count 8 --size-px 512 --seed 3 >/dev/null
log "single-process run"
"$TEMKIT" defocus "$WORK/data" -o "$WORK/single" --threads 2 >/dev/null

log "submitting the 4-shard array and the merge job"
out="$("$TEMKIT" slurm defocus "$WORK/data" -o "$WORK/sharded" --shards 4 --cpus-per-task 1 --time 00:10:00)"
await_merge "defocus"


[ -f "$WORK/sharded/results.csv" ] || fail "merge wrote no results.csv (logs: $(cat "$WORK"/sharded/slurm/*.log 2>/dev/null | tail -n 20))"
for f in results.csv junctures/profiles.csv junctures/smoothed.csv junctures/peaks.csv junctures/fits.csv; do
  cmp -s "$WORK/single/$f" "$WORK/sharded/$f" || fail "$f differs between the single run and the merged shards"
done
[ -f "$WORK/sharded/report.html" ] || fail "merge wrote no report.html"
for k in 0 1 2 3; do [ -f "$WORK/sharded/shards/$k/results.csv" ] || fail "shard $k wrote no results.csv"; done
rows="$(($(wc -l < "$WORK/sharded/results.csv") - 1))"
[ "$rows" = 8 ] || fail "expected 8 result rows, got $rows"
log "PASS: 4 shards merged by job $merge_id equal the single-process run (8 rows, results and junctures identical)"

# temkit slurm particles: 6 frames of a drifting dose series with its exact masks, once in one process and once as a
# 3-task array (all writing parts into one run folder at once) with the dependent `temkit merge RUN`.
log "simulating a 6-frame particle series"
"$TEMKIT" simulate series -o "$WORK/series" --frames 6 --grid 128 --pixel-size-angstrom 0.25 --diameter-nm 1.5 --drift-px-per-frame 1 --seed 4 >/dev/null
log "single-process particles run"
"$TEMKIT" particles "$WORK/series/series.mrc" --masks "$WORK/series/masks.mrc" -o "$WORK/p-single" --report-frames 1 >/dev/null
log "submitting the 3-shard particles array and its merge job"
out="$("$TEMKIT" slurm particles "$WORK/series/series.mrc" --masks "$WORK/series/masks.mrc" -o "$WORK/p-sharded" --report-frames 1 \
  --shards 3 --cpus-per-task 1 --time 00:10:00)"
await_merge "particles"
[ -f "$WORK/p-sharded/particles.csv" ] || fail "particles merge wrote no particles.csv (logs: $(cat "$WORK"/p-sharded/slurm/*.log 2>/dev/null | tail -n 20))"
for f in particles.csv frames.csv tracks.csv select/kept-frames.txt; do
  cmp -s "$WORK/p-single/$f" "$WORK/p-sharded/$f" || fail "particles $f differs between the single run and the merged shards"
done
[ -f "$WORK/p-sharded/report.html" ] || fail "particles merge wrote no report.html"
rows="$(($(wc -l < "$WORK/p-sharded/frames.csv") - 1))"
[ "$rows" = 6 ] || fail "expected 6 frame rows, got $rows"
log "PASS: 3 particles shards merged by job $merge_id equal the single-process run (6 frames; particles, frames, tracks, selection identical)"
