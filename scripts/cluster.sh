#!/usr/bin/env bash
# Starts Redis (append-only, fsync always) and N silos in cluster mode on loopback, logs under a run folder.
#   scripts/cluster.sh start [N]   Redis on $REDIS_PORT (default 6390), silo i on HTTP 5080+i, silo port 11111+i, gateway 30000+i
#   scripts/cluster.sh stop        stops what "start" started (by the pids it recorded)
#   scripts/cluster.sh status      pids, health of each silo, queue backlog and dead letters in Redis
# Silos use workstation GC (DOTNET_gcServer=0): several server-GC processes on few cores fight for them.
# RUN_DIR (default /tmp/analytics-cluster) holds redis/ (data + redis.log), silo<i>.log and the pid files.
set -euo pipefail
cd "$(dirname "$0")/.."
run="${RUN_DIR:-/tmp/analytics-cluster}"
port="${REDIS_PORT:-6390}"
config="${CONFIGURATION:-Release}"
silo_dll="silo/bin/$config/net10.0/Analytics.Silo.dll"

start() {
  local n="${1:-3}"
  mkdir -p "$run/redis"
  [ -f "$silo_dll" ] || dotnet build silo -c "$config" -v quiet
  redis-server --port "$port" --bind 127.0.0.1 --dir "$run/redis" --appendonly yes --appendfsync always \
    --save "" --logfile redis.log --daemonize yes --pidfile "$run/redis.pid"
  until redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; do sleep 0.1; done
  for ((i = 0; i < n; i++)); do
    DOTNET_gcServer="${DOTNET_gcServer:-0}" Analytics__Redis="127.0.0.1:$port" Orleans__SiloPort=$((11111 + i)) Orleans__GatewayPort=$((30000 + i)) \
      Urls="http://127.0.0.1:$((5080 + i))" nohup dotnet "$silo_dll" >"$run/silo$i.log" 2>&1 &
    echo $! >"$run/silo$i.pid"
  done
  for ((i = 0; i < n; i++)); do
    until curl -sf "http://127.0.0.1:$((5080 + i))/health" >/dev/null; do sleep 0.2; done
    echo "silo$i: http://127.0.0.1:$((5080 + i)) (log $run/silo$i.log)"
  done
}

stop() {
  # Silos first, while Redis still serves their goodbye to the membership table; kill -9 after 30 s.
  local pids=()
  for f in "$run"/silo*.pid; do [ -f "$f" ] && { pids+=("$(cat "$f")"); kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; }; done
  for ((t = 0; t < 300; t++)); do
    local alive=0
    for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -f "$run/redis.pid" ] && { redis-cli -p "$port" shutdown >/dev/null 2>&1 || true; rm -f "$run/redis.pid"; }
  echo stopped
}

status() {
  for f in "$run"/silo*.pid; do
    [ -f "$f" ] || continue
    i="${f##*/silo}"; i="${i%.pid}"
    health="$(curl -sf -m 2 "http://127.0.0.1:$((5080 + i))/health" || echo down)"
    echo "silo$i pid $(cat "$f"): $health"
  done
  for key in $(redis-cli -p "$port" --scan --pattern '*:ingest:queue:*'); do
    echo "$key: length $(redis-cli -p "$port" xlen "$key"), $(redis-cli -p "$port" xpending "$key" silos | head -1) pending"
  done
  echo "dead letters: $(redis-cli -p "$port" xlen analytics:ingest:dead)"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | stop | status" >&2; exit 2 ;;
esac
