#!/usr/bin/env bash
# The object store end to end on 127.0.0.1: a dev chain, six storage nodes (on local disk, or with
# --s3 on six buckets of s3proxy, the jar the it module's build fetched from Maven Central), then
# `jing store put` and `jing store get` of a file of --mib MiB (sealed, --coding, default 4+2),
# timed from the shell with the CLI's start included, against `sha256sum` and `cp` of the same
# file in the same run. Everything shares this machine's cores.
#   bin/bench store-e2e [--mib N] [--coding K+M] [--s3]
# See docs/performance.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mib=512
coding=4+2
s3=0
while [ $# -gt 0 ]; do
  case "$1" in
    --mib) mib="$2"; shift 2 ;;
    --coding) coding="$2"; shift 2 ;;
    --s3) s3=1; shift ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
jing="$root/bin/jing"
port=8798
api="http://127.0.0.1:$port"
if curl -fsS "$api/api/v1/status" >/dev/null 2>&1; then
  echo "something already answers at $api: stop it first" >&2
  exit 1
fi
work=$(mktemp -d -t jing-store-e2e.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
export JING_KEY_PASSWORD=store-e2e
"$jing" --version >/dev/null # build before anything is timed
"$jing" dev --data-dir "$work/dev" --api-port "$port" >"$work/dev.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS "$api/api/v1/status" >/dev/null 2>&1 && break; sleep 0.5; done
s3args=()
if [ "$s3" = 1 ]; then
  jar=$(ls "$root"/it/target/s3proxy/s3proxy.jar ~/.m2/repository/org/gaul/s3proxy/*/s3proxy-*-jar-with-dependencies.jar 2>/dev/null | head -1 || true)
  [ -n "$jar" ] || { echo "no s3proxy jar: run ./mvnw verify once (the it module fetches it)" >&2; exit 1; }
  . "$root/bin/lib/find-java.sh"
  java_home="$(find_jdk25)"
  mkdir -p "$work/s3"
  cat >"$work/s3.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:8797
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=e2e
s3proxy.credential=e2e-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3
CONF
  "$java_home/bin/java" -jar "$jar" --properties "$work/s3.conf" >"$work/s3.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do curl -s -o /dev/null http://127.0.0.1:8797/ && break; sleep 0.5; done
  export AWS_ACCESS_KEY_ID=e2e AWS_SECRET_ACCESS_KEY=e2e-secret
fi
for i in 1 2 3 4 5 6; do
  "$jing" keys new --suite intl --out "$work/sn$i.key" >/dev/null
  if [ "$s3" = 1 ]; then
    mkdir -p "$work/s3/sn$i" # a bucket of s3proxy's filesystem provider
    s3args=(--s3-endpoint http://127.0.0.1:8797 --s3-bucket "sn$i")
  fi
  "$jing" storage-node --id "sn$i" --port "871$i" --dir "$work/sn$i" --key "$work/sn$i.key" \
    --api "$api" --no-audit-rounds "${s3args[@]}" >"$work/sn$i.log" 2>&1 &
  pids+=($!)
done
for _ in $(seq 1 240); do
  [ "$("$jing" store nodes --api "$api" 2>/dev/null | grep -c active || true)" = 6 ] && break
  sleep 0.5
done
"$jing" keys new --suite intl --out "$work/owner.key" >/dev/null
head -c "$((mib * 1048576))" /dev/urandom >"$work/file.bin"
seconds() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo "scale=3; ($e - $s) / 1000000000" | bc; }
bytes=$((mib * 1048576))
t_sha=$(seconds sha256sum "$work/file.bin")
t_cp=$(seconds cp "$work/file.bin" "$work/copy.bin")
rm -f "$work/copy.bin"
t_put=$(seconds "$jing" store put "$work/file.bin" --coding "$coding" --key "$work/owner.key" --api "$api")
t_get=$(seconds "$jing" store get file.bin -o "$work/back.bin" --key "$work/owner.key" --api "$api")
cmp "$work/file.bin" "$work/back.bin" || { echo "the file came back different" >&2; exit 1; }
echo "store end to end: $mib MiB, coding $coding, sealed, six storage nodes on $([ "$s3" = 1 ] && echo "s3proxy buckets" || echo "local disk"), all on 127.0.0.1"
printf '%-28s %8s %10s %8s\n' "" "seconds" "MB/s" "x sha256sum"
for row in "sha256sum (baseline):$t_sha" "cp:$t_cp" "jing store put:$t_put" "jing store get:$t_get"; do
  name="${row%%:*}"; t="${row##*:}"
  printf '%-28s %8s %10.1f %8.2f\n' "$name" "$t" "$(echo "$bytes / $t / 1000000" | bc -l)" "$(echo "$t_sha / $t" | bc -l)"
done
