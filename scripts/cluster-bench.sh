#!/usr/bin/env bash
# Cluster mode against embedded mode, on one file, in one run:
#   [ROUNDS=R] scripts/cluster-bench.sh FILE [N...]     (default N: 1 3, R: 1)
# First one silo in embedded mode (its durable local storage and memory streams, the same GC
# settings as the cluster's silos) taking the file the same way as the clusters: `analytics replay
# --silo` through the HTTP API until caught up. Then for each N: Redis and N silos on loopback
# (scripts/cluster.sh), the same replay to all N silos. Then, in the client's own process, the
# grain path (`replay --embedded --via grains`) and the history import (`replay --embedded`).
# Prints events/s, each beside the embedded silo's, and what each event cost the silos (CPU,
# bytes allocated, GC pause, from their System.Runtime meter) and Redis (its CPU), checks that
# every report equals the embedded one, and for each cluster the grain messages that crossed
# silos (Orleans' own meters on each silo's /metrics: messages sent over the network against
# those sent locally), per event and as a share. With ROUNDS=R the embedded silo and the clusters
# take turns R times and the medians of their ratios close the output. RUN_DIR and REDIS_PORT as
# for cluster.sh; a build is made first if none exists. Benchmark only: it sends traffic to
# 127.0.0.1 alone.
# Its figures count only beside the fault tests, which kill -9 silos and Redis during a replay and
# compare every silo's report with a single-silo run:
#   dotnet test tests/Tests.csproj -c Release --filter "ClusterFaultTests|ClientFailoverTests"
# (2026-11-30, with conversations in no directory and 32 partitions: seeds 101 and 202, 0 events
# lost, 0 counted twice, 0 differences; again at the read-ahead bound, in 3 runs of the Redis suite
# out of 3; and with conversations' addresses cached nowhere, the Redis suite's 41 tests of 41).
set -euo pipefail
cd "$(dirname "$0")/.."
file="${1:?usage: $0 FILE [N...]}"
shift
counts=("${@:-1 3}")
[ $# -eq 0 ] && counts=(1 3)
config="${CONFIGURATION:-Release}"
client="client/bin/$config/net10.0/analytics.dll"
[ -f "$client" ] && [ -f "silo/bin/$config/net10.0/Analytics.Silo.dll" ] || dotnet build -c "$config" -v quiet
out="$(mktemp -d)"
export RUN_DIR="${RUN_DIR:-$out/cluster}" REDIS_PORT="${REDIS_PORT:-6391}"
# The silos read silo/appsettings.json (live as-of, for people watching the page); a report to
# compare with the embedded replay's must follow the events' time, as the replay's does.
export Analytics__AsOf=Replay

# "replayed 300,000 events in 12.3 s: 24,390 events/s" -> 24390
rate() { sed -n 's/^replayed .*: \([0-9,]*\) events\/s$/\1/p' "$1" | tr -d ,; }

replay() { # name, then the replay's arguments
  local name="$1"; shift
  dotnet "$client" replay "$file" "$@" --report "$out/$name.json" >"$out/$name.log" 2>&1 || { cat "$out/$name.log" >&2; exit 1; }
  rate "$out/$name.log"
}

# Sum of a metric over the silos on HTTP ports FIRST.. (all its series); 0 when absent.
metric() { # name, silo count[, first port]
  local total=0 port value
  for port in $(seq "${3:-5080}" $((${3:-5080} + $2 - 1))); do
    value="$(curl -s "http://127.0.0.1:$port/metrics" | awk -v m="$1" 'index($1, m) == 1 && (substr($1, length(m) + 1, 1) == "{" || length($1) == length(m)) { s += $NF } END { print s + 0 }')"
    total="$(awk -v a="$total" -v b="$value" 'BEGIN { print a + b }')"
  done
  echo "$total"
}

# What the silos (and Redis, when there is one) spent so far: CPU seconds, bytes allocated, GC
# pause seconds, Redis CPU seconds. Two of these around a replay give its cost per event, which a
# busy machine disturbs far less than events/s.
spent() { # silo count, first port
  echo "$(metric dotnet_process_cpu_time_seconds_total "$1" "$2") $(metric dotnet_gc_heap_total_allocated_bytes_total "$1" "$2")" \
    "$(metric dotnet_gc_pause_time_seconds_total "$1" "$2")" \
    "$( [ "$2" = 5080 ] && redis-cli -p "$REDIS_PORT" info cpu | awk -F: '/^used_cpu_(user|sys):/ { s += $2 } END { print s + 0 }' || echo 0)"
}
per_event() { # spent before, spent after
  awk -v e="$events" -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    printf "per event: silo CPU %.1f us, allocated %.0f B, GC pause %.1f us", 1e6 * (y[1] - x[1]) / e, (y[2] - x[2]) / e, 1e6 * (y[3] - x[3]) / e;
    if (y[4] > 0) printf ", Redis CPU %.1f us", 1e6 * (y[4] - x[4]) / e }'
}
events="$(grep -c '' "$file")"

# An embedded silo as cluster.sh starts a cluster's (same GC, same as-of), without Redis.
embedded_pid=""
trap 'kill "$embedded_pid" 2>/dev/null || true; scripts/cluster.sh stop >/dev/null 2>&1 || true' EXIT
embedded_silo() { # round
  rm -rf "$out/embedded-data"
  DOTNET_gcServer="${DOTNET_gcServer:-0}" nohup dotnet "silo/bin/$config/net10.0/Analytics.Silo.dll" --urls http://127.0.0.1:5079 \
    --Analytics:DemoFeed=false --Analytics:DataDir="$out/embedded-data" >"$out/embedded-silo-$1.log" 2>&1 &
  embedded_pid=$!
  until curl -sf http://127.0.0.1:5079/health >/dev/null; do sleep 0.2; done
  local before; before="$(spent 1 5079)"
  replay "embedded-silo-$1" --silo http://127.0.0.1:5079
  per_event "$before" "$(spent 1 5079)" >"$out/embedded-silo-$1.cost"
  kill "$embedded_pid"; wait "$embedded_pid" || true
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
median() { tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ROUNDS=R alternates the embedded silo and each cluster R times: on a shared machine one run's
# ratio can be off by a fifth, the median of a few is steadier.
rounds="${ROUNDS:-1}"
declare -A ratios=() scaling=()
status=0
for round in $(seq 1 "$rounds"); do
  embedded="$(embedded_silo "$round")"
  [ "$rounds" -gt 1 ] && echo "round $round"
  printf '%-28s %12s %10s\n' "path" "events/s" "vs silo"
  printf '%-28s %12s %10s   %s\n' "embedded silo, HTTP" "$embedded" "1.00" "$(cat "$out/embedded-silo-$round.cost")"
  if [ "$round" -eq 1 ]; then
    grains="$(replay embedded-grains --embedded --via grains)"
    import="$(replay embedded-import --embedded)"
    printf '%-28s %12s %10s\n' "embedded, grain path" "$grains" "$(ratio "$grains" "$embedded")"
    printf '%-28s %12s %10s\n' "embedded, history import" "$import" "$(ratio "$import" "$embedded")"
  fi
  cmp -s "$out/embedded-grains.json" "$out/embedded-silo-$round.json" || { echo "embedded silo: report differs from the grain path's ($out)" >&2; status=1; }
  first=""
  for n in "${counts[@]}"; do
    rm -rf "$RUN_DIR"
    scripts/cluster.sh start "$n" >/dev/null
    silos="$(seq -s, -f 'http://127.0.0.1:%g' 5080 $((5080 + n - 1)))"
    before="$(spent "$n" 5080)"
    rate="$(replay "cluster-$n-$round" --silo "$silos")"
    cost="$(per_event "$before" "$(spent "$n" 5080)")"
    remote="$(metric orleans_messaging_sent_messages_size_bytes_count "$n")"
    local_sent="$(metric orleans_messaging_sent_local_total "$n")"
    scripts/cluster.sh stop >/dev/null
    first="${first:-$rate}"
    ratios[$n]+="$(ratio "$rate" "$embedded") "
    scaling[$n]+="$(ratio "$rate" "$first") "
    printf '%-28s %12s %10s   %s of the first cluster; cross-silo messages: %.2f per event (a call is a request and a response: about %.2f calls), %.0f%% of all\n%31s %s\n' "cluster, $n silo(s), HTTP" "$rate" "$(ratio "$rate" "$embedded")" \
      "$(ratio "$rate" "$first")" \
      "$(awk -v r="$remote" -v e="$events" 'BEGIN { print r / e }')" "$(awk -v r="$remote" -v e="$events" 'BEGIN { print r / e / 2 }')" \
      "$(awk -v r="$remote" -v l="$local_sent" 'BEGIN { print ((r + l) > 0 ? 100 * r / (r + l) : 0) }')" "" "$cost"
    cmp -s "$out/embedded-grains.json" "$out/cluster-$n-$round.json" || { echo "cluster, $n silo(s): report differs from embedded ($out)" >&2; status=1; }
  done
done
if [ "$rounds" -gt 1 ]; then
  for n in "${counts[@]}"; do
    echo "cluster, $n silo(s), median of $rounds rounds: $(echo ${ratios[$n]} | median) of the embedded silo (${ratios[$n]% }), $(echo ${scaling[$n]} | median) of the first cluster (${scaling[$n]% })"
  done
fi
cmp -s "$out/embedded-grains.json" "$out/embedded-import.json" || { echo "embedded-import: report differs from the grain path's ($out)" >&2; status=1; }
[ "$status" -eq 0 ] && echo "every report equals the embedded one (reports and logs in $out)"
exit "$status"
