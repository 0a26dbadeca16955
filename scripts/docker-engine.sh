#!/usr/bin/env bash
# Ensure a local Docker engine is installed, running and answering.
#
# Usage: scripts/docker-engine.sh [status|start|stop]      (default: start)
#
#   start   install docker.io if dockerd is missing, start dockerd in the
#           background if the socket does not answer, wait (bounded) until
#           `docker info` answers, check that a user-defined bridge network can
#           be created, and print the socket (unix:///var/run/docker.sock).
#   status  print the socket and exit 0 if the engine answers, else exit 1.
#   stop    stop the dockerd this script started (pid from the pidfile).
#
# Idempotent: a running engine is left alone. Starting one needs root (CI runs as root); without
# it, start says why it cannot (no engine, or a socket this user may not use) and what to do.
#
# Environment (all optional):
#   DOCKER_SOCKET          default /var/run/docker.sock
#   DOCKERD_LOG            default /var/log/dockerd.log
#   DOCKERD_PIDFILE        default /var/run/dockerd-local.pid
#   DOCKERD_DATA_ROOT      default /var/lib/docker
#   DOCKERD_STORAGE_DRIVER force a storage driver (overlay2|fuse-overlayfs|vfs);
#                          default: dockerd's choice (overlay2 here), falling
#                          back to fuse-overlayfs, then vfs, if it fails
#   DOCKERD_WAIT_SECONDS   default 60 (per start attempt)
#   DOCKERD_EXTRA_ARGS     extra dockerd flags (word-split)
set -euo pipefail

SOCKET=${DOCKER_SOCKET:-/var/run/docker.sock}
LOG=${DOCKERD_LOG:-/var/log/dockerd.log}
PIDFILE=${DOCKERD_PIDFILE:-/var/run/dockerd-local.pid}
DATA_ROOT=${DOCKERD_DATA_ROOT:-/var/lib/docker}
WAIT=${DOCKERD_WAIT_SECONDS:-60}
export DOCKER_HOST="unix://$SOCKET"

log() { echo "docker-engine: $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }

# No engine answers and this user may not start one: say why, and what to do.
cannot_start() {
  local me group
  me=$(id -un 2>/dev/null || id -u)
  if [ -S "$SOCKET" ] && ! { [ -r "$SOCKET" ] && [ -w "$SOCKET" ]; }; then
    group=$(stat -c %G "$SOCKET" 2>/dev/null || echo docker)
    die "a Docker engine's socket $SOCKET exists, but $me may not use it (owner $(stat -c %U:%G "$SOCKET"), mode $(stat -c %a "$SOCKET")). Add yourself to its group (sudo usermod -aG $group $me, then log in again) or run as root."
  fi
  die "no Docker engine answers on $SOCKET, and starting one needs root ($me is not). Start it as root: sudo scripts/docker-engine.sh start (installs docker.io where missing), or your system's way (sudo systemctl start docker); then run this again."
}

apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "$@" >/tmp/docker-engine-apt.log 2>&1; then
    apt-get update >>/tmp/docker-engine-apt.log 2>&1 || true
    apt-get install -y --no-install-recommends "$@" >>/tmp/docker-engine-apt.log 2>&1 ||
      { tail -20 /tmp/docker-engine-apt.log >&2; die "apt-get install $* failed"; }
  fi
}

ensure_installed() {
  if command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1; then
    return 0
  fi
  [ "$(id -u)" = 0 ] || cannot_start
  log "installing docker.io (dockerd, containerd, runc, iptables) from Debian"
  apt_install docker.io
  command -v dockerd >/dev/null 2>&1 || die "dockerd still missing after installing docker.io"
}

# pid of the dockerd recorded in our pidfile, if that process is alive and is dockerd
our_pid() {
  local pid
  [ -s "$PIDFILE" ] || return 1
  pid=$(cat "$PIDFILE")
  [ -n "$pid" ] && [ -r "/proc/$pid/comm" ] && [ "$(cat "/proc/$pid/comm")" = dockerd ] || return 1
  echo "$pid"
}

# start dockerd with the given extra flags; wait until it answers or dies
start_dockerd() {
  local pid i
  mkdir -p "$(dirname "$LOG")" "$(dirname "$PIDFILE")"
  # shellcheck disable=SC2086
  log "starting: dockerd --host unix://$SOCKET --pidfile $PIDFILE --data-root $DATA_ROOT $* ${DOCKERD_EXTRA_ARGS:-}"
  echo "=== $(date -u +%FT%TZ) dockerd $* ${DOCKERD_EXTRA_ARGS:-}" >>"$LOG"
  # setsid + nohup: keep running after this script / the CI step ends. Every descriptor but the
  # standard three is closed first: a caller's `flock /tmp/docker.lock …` passes its lock down, and
  # a dockerd holding it would keep the machine-wide lock taken for as long as the engine runs.
  # shellcheck disable=SC2086
  setsid nohup bash -c 'for fd in /proc/self/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@"' \
    dockerd dockerd --host "unix://$SOCKET" --pidfile "$PIDFILE" --data-root "$DATA_ROOT" \
    "$@" ${DOCKERD_EXTRA_ARGS:-} </dev/null >>"$LOG" 2>&1 &
  pid=$!
  for ((i = 0; i < WAIT * 2; i++)); do
    if docker_answers; then
      [ -s "$PIDFILE" ] || echo "$pid" >"$PIDFILE"
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "dockerd exited early; last log lines:"
      tail -5 "$LOG" >&2
      return 1
    fi
    sleep 0.5
  done
  log "dockerd did not answer within ${WAIT}s; stopping it"
  kill "$pid" 2>/dev/null || true
  for ((i = 0; i < 20; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  return 1
}

# can dockerd create (and tear down) a user-defined bridge network?
bridge_works() {
  local net="docker-engine-check-$$"
  docker network create --driver bridge "$net" >/dev/null 2>>"$LOG" || return 1
  docker network rm "$net" >/dev/null 2>&1 || true
}

stop_ours() {
  local pid i
  pid=$(our_pid) || { log "no dockerd started by this script is running"; return 0; }
  log "stopping dockerd pid $pid"
  kill "$pid"
  for ((i = 0; i < 60; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  rm -f "$PIDFILE"
}

cmd_start() {
  if docker_answers; then
    echo "unix://$SOCKET"
    return 0
  fi
  [ "$(id -u)" = 0 ] || cannot_start
  ensure_installed

  # a dockerd we started earlier may still be coming up
  local pid i
  if pid=$(our_pid); then
    log "dockerd pid $pid is running but not answering yet; waiting"
    for ((i = 0; i < WAIT * 2; i++)); do
      if docker_answers; then echo "unix://$SOCKET"; return 0; fi
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    stop_ours
  fi
  # dockerd refuses to start over a stale pidfile/socket of a dead daemon
  rm -f "$SOCKET"

  # ip forwarding is needed for published ports / container egress on the bridge;
  # dockerd enables it itself when it manages iptables, do it anyway (harmless)
  sysctl -qw net.ipv4.ip_forward=1 2>/dev/null || true

  local drivers=() d attempt_ok=
  if [ -n "${DOCKERD_STORAGE_DRIVER:-}" ]; then
    drivers=("$DOCKERD_STORAGE_DRIVER")
  else
    drivers=("" fuse-overlayfs vfs) # "" = dockerd's own choice (overlay2)
  fi
  for d in "${drivers[@]}"; do
    local args=()
    if [ -n "$d" ]; then
      args+=(--storage-driver "$d")
      if [ "$d" = fuse-overlayfs ]; then
        [ -e /dev/fuse ] || { log "no /dev/fuse: skipping fuse-overlayfs"; continue; }
        command -v fuse-overlayfs >/dev/null 2>&1 || apt_install fuse-overlayfs || continue
      fi
    fi
    if start_dockerd "${args[@]}"; then attempt_ok=1; break; fi
    # iptables trouble: retry with the legacy backend, then without iptables
    if tail -50 "$LOG" | grep -qiE 'iptables|nf_tables|xtables'; then
      if command -v update-alternatives >/dev/null && [ -x /usr/sbin/iptables-legacy ]; then
        log "iptables failure: switching to iptables-legacy"
        update-alternatives --set iptables /usr/sbin/iptables-legacy >/dev/null 2>&1 || true
        update-alternatives --set ip6tables /usr/sbin/ip6tables-legacy >/dev/null 2>&1 || true
        if start_dockerd "${args[@]}"; then attempt_ok=1; break; fi
      fi
      log "iptables still failing: starting with --iptables=false (published ports go through docker-proxy)"
      if start_dockerd "${args[@]}" --iptables=false --ip-masq=false; then attempt_ok=1; break; fi
    fi
  done
  [ -n "$attempt_ok" ] || die "could not start dockerd; see $LOG"

  if ! bridge_works; then
    log "user-defined bridge network creation failed; restarting dockerd with --iptables=false"
    tail -5 "$LOG" >&2
    local sd
    sd=$(docker info --format '{{.Driver}}' 2>/dev/null || true)
    stop_ours
    rm -f "$SOCKET"
    start_dockerd ${sd:+--storage-driver "$sd"} --iptables=false --ip-masq=false ||
      die "could not restart dockerd; see $LOG"
    bridge_works || die "bridge networks do not work even with --iptables=false; see $LOG"
  fi

  log "dockerd up: $(docker info --format 'server {{.ServerVersion}}, storage {{.Driver}}, cgroup v{{.CgroupVersion}}' 2>/dev/null), log $LOG, pidfile $PIDFILE"
  echo "unix://$SOCKET"
}

case "${1:-start}" in
  start) cmd_start ;;
  status)
    if docker_answers; then echo "unix://$SOCKET"; else log "docker does not answer on $SOCKET"; exit 1; fi ;;
  stop) stop_ours ;;
  -h | --help | help) sed -n '2,25p' "$0" ;;
  *) die "unknown command: $1 (start|status|stop)" ;;
esac
