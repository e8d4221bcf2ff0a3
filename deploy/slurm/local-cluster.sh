#!/usr/bin/env bash
# A throw-away one-node Slurm cluster on localhost (Debian, as root, no systemd needed), for CI and for trying the
# sbatch scripts: 'install' adds slurm-wlm and munge, 'start' starts munged, slurmctld and slurmd and waits for the
# node to be idle, 'stop' stops exactly the daemons 'start' started (by their recorded pids) and removes the
# config and state it wrote. Packages stay installed.
#
# Process tracking is proctrack/linuxproc: with Debian's default (cgroup) in a container without a writable cgroup
# tree, jobs are reported COMPLETED without having run. Callers check a job's outputs, not only its exit code.
set -Eeuo pipefail
WORK=${SLURM_LOCAL_WORK:-/tmp/clipaudit-slurm}
REC=$WORK/rec
CONF=/etc/slurm/slurm.conf
log() { echo "[slurm $(date -u +%T)] $*"; }
die() { echo "[slurm $(date -u +%T)] ERROR: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (it installs packages and starts daemons)"

install_packages() {
  if command -v slurmctld >/dev/null && command -v munged >/dev/null; then log "slurm-wlm and munge already installed"; return; fi
  mkdir -p "$WORK"
  # Keep the packages' scripts from starting munged themselves (we start and stop it by pid).
  local policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; policy=1; fi
  local rc=0
  { apt-get -o DPkg::Lock::Timeout=120 update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=120 install -y -qq --no-install-recommends slurm-wlm munge; } >"$WORK/apt.log" 2>&1 || rc=$?
  [ "$policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || { tail -5 "$WORK/apt.log" >&2; die "apt-get install slurm-wlm munge failed ($rc)"; }
  log "installed $(slurmd -V) and munge $(dpkg-query -W -f='${Version}' munge)"
}

wait_for() { local i; for ((i=0; i<$2*10; i++)); do [ -s "$1" ] && return 0; sleep 0.1; done; return 1; }

start() {
  mkdir -p "$REC"
  if [ -S /run/munge/munge.socket.2 ] && munge -n >/dev/null 2>&1; then die "a munged is already running; not starting a second one"; fi
  for port in 6817 6818; do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port is in use (another Slurm?)"; done
  if [ ! -s /etc/munge/munge.key ]; then
    install -d -o munge -g munge -m 0700 /etc/munge
    runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key; chmod 0400 /etc/munge/munge.key
  [ -d /run/munge ] || { install -d -o munge -g munge -m 0755 /run/munge; touch "$REC/run-munge"; }
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
  wait_for /run/munge/munged.pid 10 || die "munged did not start"
  cp /run/munge/munged.pid "$REC/munged.pid"
  munge -n | unmunge >/dev/null || die "munge round trip failed"

  local hw cpus mem
  hw=$(slurmd -C | head -1)
  cpus=$(sed -n 's/.* CPUs=\([0-9]*\).*/\1/p' <<<"$hw"); mem=$(sed -n 's/.* RealMemory=\([0-9]*\).*/\1/p' <<<"$hw")
  [ -n "$cpus" ] && [ -n "$mem" ] || die "cannot read 'slurmd -C': $hw"
  rm -rf "$WORK/state" "$WORK/spool" "$WORK/run" "$WORK/log"; mkdir -p "$WORK/state" "$WORK/spool" "$WORK/run" "$WORK/log" /etc/slurm
  [ -e "$CONF" ] && [ ! -e "$REC/slurm.conf.orig" ] && cp -p "$CONF" "$REC/slurm.conf.orig"
  cat > "$CONF" <<CONF
# written by clipaudit deploy/slurm/local-cluster.sh; removed by its 'stop'
ClusterName=clipaudit-ci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
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
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
MinJobAge=600
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$((mem * 9 / 10)) State=UNKNOWN
PartitionName=local Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
  touch "$REC/conf"
  slurmctld; wait_for "$WORK/run/slurmctld.pid" 20 || { tail -20 "$WORK/log/slurmctld.log" >&2; die "slurmctld did not start"; }
  cp "$WORK/run/slurmctld.pid" "$REC/slurmctld.pid"
  slurmd; wait_for "$WORK/run/slurmd.pid" 30 || { tail -20 "$WORK/log/slurmd.log" >&2; die "slurmd did not start"; }
  cp "$WORK/run/slurmd.pid" "$REC/slurmd.pid"
  local state="" i
  for ((i=0; i<600; i++)); do state=$(sinfo -h -n localhost -o %T 2>/dev/null || true); [ "$state" = idle ] && break; sleep 0.1; done
  [ "$state" = idle ] || { sinfo -N -o '%N %T %E' >&2 || true; die "node not idle after 60 s (state '$state')"; }
  log "one-node cluster up: CPUs=$cpus, node idle"
}

stop_daemon() {
  local file="$REC/$1.pid" pid i
  [ -s "$file" ] || return 0
  pid=$(cat "$file")
  if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ]; then
    kill -TERM "$pid"
    for ((i=0; i<200; i++)); do [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] || break; sleep 0.1; done
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$1" ] && kill -KILL "$pid"
    log "stopped $1 (pid $pid)"
  fi
  rm -f "$file"
}

stop() {
  [ -d "$REC" ] || return 0
  if [ -s "$REC/slurmctld.pid" ] && command -v squeue >/dev/null; then
    local jobs; jobs=$(squeue -h -o %A 2>/dev/null | sort -u | tr '\n' ' ' || true)
    [ -n "${jobs// }" ] && { log "cancelling jobs left: $jobs"; scancel $jobs || true; sleep 1; }
  fi
  stop_daemon slurmd; stop_daemon slurmctld; stop_daemon munged
  if [ -e "$REC/conf" ]; then if [ -e "$REC/slurm.conf.orig" ]; then cp -p "$REC/slurm.conf.orig" "$CONF"; else rm -f "$CONF"; fi; fi
  [ -e "$REC/run-munge" ] && rm -rf /run/munge
  rm -rf "$WORK"
}

case "${1:-}" in
  install) install_packages ;;
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop" >&2; exit 2 ;;
esac
