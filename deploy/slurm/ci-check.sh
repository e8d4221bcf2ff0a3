#!/usr/bin/env bash
# CI check of the cluster path on a real scheduler: a one-node Slurm cluster on localhost encodes the demo audit's
# dataset as 'sbatch --array=0-3', a second job audits the shards, and the results are compared file by file with a
# single-process 'clipaudit audit' of the same config. Exit 0 passed, 1 failed, 77 skipped (not root, no apt-get,
# or the packages could not be installed: the machine cannot run the check, which says nothing about ClipAudit).
#
# What may differ, and only that: the recorded command line ('--embeddings DIR' is part of it) in results.json
# (provenance.command_line), summary.md ('- Command:') and report.pdf (its command-line row), so report.pdf is not
# compared here; tests/ClipAudit.Tests/Audits/ShardedAuditTests compares every file, the PDF included, with one command line.
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
log() { echo "[slurm-ci $(date -u +%T)] $*"; }
skip() { log "SKIPPED: $*"; exit 77; }
fail() { log "FAILED: $*"; exit 1; }

[ "$(id -u)" = 0 ] || skip "needs root to install slurm-wlm and munge and start their daemons"
command -v apt-get >/dev/null || skip "no apt-get (the check installs Debian's slurm-wlm and munge)"
dll=$(ls -t src/ClipAudit.Cli/bin/*/net10.0/linux-x64/ClipAudit.Cli.dll 2>/dev/null | head -1)
if [ -z "$dll" ]; then
  dotnet build src/ClipAudit.Cli -c Debug -v q >/dev/null 2>&1 || fail "could not build the CLI"
  dll=$(ls -t src/ClipAudit.Cli/bin/*/net10.0/linux-x64/ClipAudit.Cli.dll | head -1)
fi
export CLIPAUDIT="dotnet $ROOT/$dll"
W=$(mktemp -d /tmp/clipaudit-slurm-ci.XXXXXX)
export SOURCE_DATE_EPOCH=1700000000 # the same generated_utc in both runs

deploy/slurm/local-cluster.sh install || skip "could not install slurm-wlm and munge (see above)"
started=0
cleanup() { if [ "$started" = 1 ]; then "$ROOT/deploy/slurm/local-cluster.sh" stop; fi; rm -rf "$W"; }
trap cleanup EXIT
trap 'exit 143' TERM INT # so a timeout still stops the daemons (the EXIT trap runs)

log "demo dataset and model (synthetic), then the single-process audit"
$CLIPAUDIT demo --output "$W/demo" --samples-per-group 30 >"$W/demo.log" 2>&1 || { tail -5 "$W/demo.log"; fail "clipaudit demo"; }
export CONFIG=$W/demo/work/audit.yaml OUT=$W/shards RESULTS=$W/sharded
$CLIPAUDIT audit "$CONFIG" --output "$W/single" --cache "$W/cache-single" >"$W/single.log" 2>&1 || { tail -5 "$W/single.log"; fail "single-process audit"; }
log "single process: $(grep -E '^audit ' "$W/single.log")"

deploy/slurm/local-cluster.sh start || fail "the one-node cluster did not start"
started=1
cd "$W"
t0=$(date +%s)
jid=$(sbatch --parsable --wait --array=0-3 "$ROOT/deploy/slurm/encode-array.sbatch"); rc=$?
log "sbatch --array=0-3 encode-array.sbatch: job $jid, sbatch --wait exit $rc, $(( $(date +%s) - t0 )) s"
scontrol -o show job "$jid" | tr ' ' '\n' | awk -F= '$1=="ArrayTaskId"{t=$2} $1=="JobState"{s=$2} $1=="ExitCode"{print "[slurm-ci]   task " t ": " s " " $2}' | sort
# Trust the outputs, not the exit code: every shard's status must say done.
rows=0
for i in 0 1 2 3; do
  status=$OUT/status/shard_$i.json
  [ -s "$status" ] || { cat "$W"/clipaudit-encode-*_"$i".out 2>/dev/null | tail -5; fail "shard $i/4 wrote no status file"; }
  state=$(sed -n 's/^  "state": "\(.*\)",/\1/p' "$status"); n=$(sed -n 's/^  "rows": \([0-9]*\),/\1/p' "$status")
  log "  shard $i/4: state $state, $n embeddings, $(stat -c %s "$OUT/img_emb/img_emb_$i.parquet" 2>/dev/null || echo 0) bytes in img_emb_$i.parquet"
  [ "$state" = done ] || fail "shard $i/4 is '$state'"
  rows=$((rows + n))
done
[ "$rc" = 0 ] || fail "sbatch --wait exited $rc although the shards are done"
log "4 shards done, $rows embeddings in all"

ajid=$(sbatch --parsable --wait "$ROOT/deploy/slurm/audit.sbatch"); rc=$?
log "sbatch audit.sbatch: job $ajid, exit $rc; $(grep -E '^audit ' "$W"/clipaudit-audit-"$ajid".out 2>/dev/null)"
[ -s "$RESULTS/results.json" ] || { tail -5 "$W"/clipaudit-audit-*.out 2>/dev/null; fail "the audit job wrote no results.json"; }

compared=0; differ=0
files=$(cd "$W/single" && find . -type f | sort)
[ "$files" = "$(cd "$RESULTS" && find . -type f | sort)" ] || fail "the two output folders hold different files"
for f in $files; do
  case "$f" in
    ./report.pdf) continue ;;
    ./results.json) a=$(grep -v '"command_line":' "$W/single/$f"); b=$(grep -v '"command_line":' "$RESULTS/$f"); [ "$a" = "$b" ] ;;
    ./summary.md) a=$(grep -v '^- Command: ' "$W/single/$f"); b=$(grep -v '^- Command: ' "$RESULTS/$f"); [ "$a" = "$b" ] ;;
    *) cmp -s "$W/single/$f" "$RESULTS/$f" ;;
  esac || { log "  differs: $f"; differ=$((differ + 1)); }
  compared=$((compared + 1))
done
[ "$differ" = 0 ] || fail "$differ of $compared files differ between the Slurm run and the single process"
log "PASSED: $compared files identical to the single-process audit (results.json and summary.md apart from the command line; report.pdf not compared)"
