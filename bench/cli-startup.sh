#!/usr/bin/env bash
# CLI start-up: the wall time of common jing commands, from the shell prompt to the exit, each run
# --runs times (median reported) against a dev node this script starts on port 8799 in a temporary
# directory. With --baseline PATH (another checkout's bin/jing) both are measured in the same
# window, alternating, and the ratio printed: compare two commits that way, never with an old
# figure. JING_AOT=off as --baseline-env measures this checkout without its start-up cache.
#   bin/bench cli-startup [--runs N] [--baseline PATH/bin/jing] [--baseline-env VAR=VALUE]
# Results also go to bench/results/<time>-cli-startup.json. See docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=7
baseline=""
baseline_env=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    --baseline-env) baseline_env="$2"; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
if [ -n "$baseline_env" ] && [ -z "$baseline" ]; then
  baseline="$root/bin/jing"
fi
jing="$root/bin/jing"
port=8799
api="http://127.0.0.1:$port"
if curl -fsS "$api/api/v1/status" >/dev/null 2>&1; then
  echo "something already answers at $api: stop it first" >&2
  exit 1
fi
work=$(mktemp -d -t jing-cli-startup.XXXXXX)
node_pid=""
cleanup() {
  if [ -n "$node_pid" ]; then kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
# build (and record the start-up caches) before anything is timed
"$jing" --version >/dev/null
if [ -n "$baseline" ]; then env $baseline_env "$baseline" --version >/dev/null; fi
"$jing" dev --data-dir "$work/dev" --api-port "$port" >"$work/dev.log" 2>&1 &
node_pid=$!
for _ in $(seq 1 120); do
  curl -fsS "$api/api/v1/status" >/dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "$api/api/v1/status" >/dev/null || { echo "the dev node did not start:" >&2; tail "$work/dev.log" >&2; exit 1; }
key="$work/dev/validator.key"
commands=(
  "--help"
  "status --api $api"
  "status --json --api $api"
  "block get 1 --api $api"
  "keys show --key $key"
  "asset balance --help"
)
millis() { # runs the command; prints its wall time in ms
  local s e
  s=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  e=$(date +%s%N)
  echo $(((e - s) / 1000000))
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
stamp=$(date -u +%Y%m%dT%H%M%SZ)
json="$root/bench/results/$stamp-cli-startup.json"
mkdir -p "$root/bench/results"
printf '%-34s %10s' "command" "this (ms)"
[ -n "$baseline" ] && printf ' %14s %8s' "baseline (ms)" "ratio"
echo
echo "{\"commit\":\"$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)\",\"runs\":$runs,\"baseline\":\"${baseline:+$baseline $baseline_env}\",\"commands\":[" >"$json"
first=1
for c in "${commands[@]}"; do
  ours=""
  theirs=""
  for _ in $(seq 1 "$runs"); do
    # shellcheck disable=SC2086 # a command line, split on purpose
    ours="$ours $(millis "$jing" $c)"
    if [ -n "$baseline" ]; then
      # shellcheck disable=SC2086
      theirs="$theirs $(millis env $baseline_env "$baseline" $c)"
    fi
  done
  m=$(echo "$ours" | median)
  label=${c//$api/\$API}
  label=${label//$key/KEY}
  printf '%-34s %10s' "jing $label" "$m"
  entry="{\"command\":\"jing $label\",\"medianMillis\":$m"
  if [ -n "$baseline" ]; then
    b=$(echo "$theirs" | median)
    printf ' %14s %8s' "$b" "$(awk -v a="$m" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
    entry="$entry,\"baselineMedianMillis\":$b"
  fi
  echo
  [ $first -eq 1 ] || echo "," >>"$json"
  first=0
  echo -n "$entry}" >>"$json"
done
echo "]}" >>"$json"
echo "results: ${json#"$root"/}"
