#!/usr/bin/env bash
# Load test of the error center (errcat serve), loopback only, bounded in time.
#
# Part 1, side by side in one run: wrk against the entry endpoint and the
# search endpoint of errcat serve (built-in catalogs), each alternated with
# a trivial net/http handler (baseline/) writing the same bytes; ROUNDS
# rounds, medians reported.
# Part 2: errcat serve over a synthetic catalog of N entries (errcat synth):
# start-up time to the first healthy answer and to search ready (the
# index is built in the background), resident memory, and wrk
# latency percentiles of a mix of searches (synth-queries.txt), one
# connection at a time and four at once (SEARCH_CONNS).
#
#   benchmarks/serve/run.sh                  # defaults below
#   ROUNDS=5 DUR=10s N=1000000 benchmarks/serve/run.sh
#   PARTS=2 N=1000000 benchmarks/serve/run.sh   # only the large catalog
#   STORE=catalog PARTS=1 benchmarks/serve/run.sh  # part 1 on --catalog
#   START_WAIT=600 PARTS=2 benchmarks/serve/run.sh # a busy machine
#
# STORE picks what part 1 serves the built-in catalogs from: sqlite (the
# default: a registry store in a scratch directory, seeded on start),
# catalog (today's read-only mirror, --catalog catalogs) or a
# postgres://… URL (a registry store there).
#
# Needs wrk (Debian package wrk). Every process it starts is stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${ROUNDS:-3}
DUR=${DUR:-10s}
CONNS=${CONNS:-32}
THREADS=${THREADS:-2}
N=${N:-1000000}
SEARCH_CONNS=${SEARCH_CONNS:-1 4}
PARTS=${PARTS:-12} # which parts to run: 1, 2 or 12
STORE=${STORE:-sqlite}
START_WAIT=${START_WAIT:-60} # seconds a server may take to start (more on a busy machine)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "run.sh: wrk is missing (apt-get install wrk)" >&2; exit 2; }
go build -o "$work/errcat" ./cmd/errcat
(cd benchmarks && go build -o "$work/baseline" ./serve/baseline)

# start NAME CMD... runs CMD, waits for the URL it prints on its first line
# and sets $url.
start() {
  local name=$1; shift
  "$@" >"$work/$name.out" 2>"$work/$name.log" &
  pids+=($!)
  pid=$!
  for _ in $(seq 1 $((START_WAIT * 10))); do
    url=$(head -n1 "$work/$name.out" 2>/dev/null | grep -o 'http://[^ ]*' || true)
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/$name.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "run.sh: $name did not start" >&2; exit 1
}

# bench URL [wrk args...] prints "requests/s p50 p99".
bench() {
  local u=$1; shift
  wrk -t"$THREADS" -c"$CONNS" -d"$DUR" --latency "$@" "$u" >"$work/wrk.txt"
  awk '/Requests\/sec/ {rps=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} /Non-2xx/ {bad=$4} END {printf "%s %s %s %s\n", rps, p50, p99, bad+0}' "$work/wrk.txt"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

if [[ $PARTS == *1* ]]; then
echo "== part 1: errcat serve vs a trivial net/http handler writing the same bytes"
echo "   $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), wrk -t$THREADS -c$CONNS -d$DUR, $ROUNDS rounds"
case $STORE in
  sqlite) source_args=(--store "sqlite:$work/registry.db") ;;
  catalog) source_args=(--catalog catalogs) ;;
  postgres://*|postgresql://*) source_args=(--store "$STORE") ;;
  *) echo "run.sh: STORE=$STORE: want sqlite, catalog or postgres://…" >&2; exit 2 ;;
esac
echo "   errcat serves the built-in catalogs from: $STORE"
start errcat "$work/errcat" serve --addr 127.0.0.1:0 --rate-limit 0 --log-level warn "${source_args[@]}"
errcat_url=${url%/}
# Searches are answered once the search index is built (/readyz).
until curl -sf "$errcat_url/readyz" >/dev/null; do sleep 0.05; done
entry=/v1/domains/huaweicloud.css/errors/CSS.0001
search='/v1/search?q=parameter&limit=20'
curl -sf "$errcat_url$entry" >"$work/entry.json"
curl -sf "$errcat_url$search" >"$work/search.json"
start base-entry "$work/baseline" -body "$work/entry.json"
base_entry=${url%/}
start base-search "$work/baseline" -body "$work/search.json"
base_search=${url%/}

: >"$work/results"
for r in $(seq 1 "$ROUNDS"); do
  echo "errcat-entry $(bench "$errcat_url$entry")" >>"$work/results"
  echo "baseline-entry $(bench "$base_entry$entry")" >>"$work/results"
  echo "errcat-search $(bench "$errcat_url$search")" >>"$work/results"
  echo "baseline-search $(bench "$base_search$search")" >>"$work/results"
  echo "   round $r done"
done
printf "%-16s %12s %10s %10s %s\n" target "req/s(med)" "p50" "p99" "non-2xx"
for t in errcat-entry baseline-entry errcat-search baseline-search; do
  rps=$(awk -v t=$t '$1==t {print $2}' "$work/results" | median)
  p50=$(awk -v t=$t '$1==t {print $3}' "$work/results" | tr '\n' ' ')
  p99=$(awk -v t=$t '$1==t {print $4}' "$work/results" | tr '\n' ' ')
  bad=$(awk -v t=$t '$1==t {s+=$5} END {print s+0}' "$work/results")
  printf "%-16s %12s   p50 [%s]  p99 [%s]  %s\n" "$t" "$rps" "$p50" "$p99" "$bad"
  eval "rps_${t//-/_}=$rps"
done
awk -v a="$rps_errcat_entry" -v b="$rps_baseline_entry" -v c="$rps_errcat_search" -v d="$rps_baseline_search" \
  'BEGIN {printf "entry look-up: %.0f%% of the baseline; search: %.0f%% of the baseline\n", 100*a/b, 100*c/d}'
kill "${pids[@]}" 2>/dev/null || true
pids=()
fi

[[ $PARTS == *2* ]] || exit 0
echo "== part 2: $N synthetic entries"
mkdir -p "$work/synth"
"$work/errcat" synth --entries "$N" -o "$work/synth/synthetic.api.yaml"
echo "   catalog file: $(du -h "$work/synth/synthetic.api.yaml" | cut -f1)"
t0=$(date +%s.%N)
start big "$work/errcat" serve --addr 127.0.0.1:0 --no-builtin --catalog "$work/synth" --reload 0 --rate-limit 0 --no-lint --log-level info
big_url=${url%/}
until curl -sf "$big_url/healthz" >/dev/null; do sleep 0.05; done
t1=$(date +%s.%N)
echo "   start-up to the first healthy answer: $(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f s", b-a}')"
until curl -sf "$big_url/readyz" >/dev/null; do sleep 0.05; done
t2=$(date +%s.%N)
echo "   start-up to search ready (/readyz): $(awk -v a="$t0" -v b="$t2" 'BEGIN {printf "%.1f s", b-a}')"
grep -o '"msg":"catalogs loaded".*' "$work/big.log" | head -1 | sed 's/^/   /'
curl -sf "$big_url/healthz" | sed 's/^/   healthz: /'
for c in $SEARCH_CONNS; do
  QUERIES=benchmarks/serve/synth-queries.txt THREADS=1 CONNS=$c bench "$big_url/" -s benchmarks/serve/search.lua >"$work/big-search"
  read -r rps p50 p99 bad <"$work/big-search"
  echo "   search mix, $c connection(s): $rps req/s, p50 $p50, p99 $p99, non-2xx $bad (wrk -t1 -c$c -d$DUR)"
done
grep -E 'VmRSS|VmHWM' "/proc/$pid/status" | sed 's/^/   /'
