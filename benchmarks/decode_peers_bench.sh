#!/usr/bin/env bash
# Wall-clock medians of decode.Decode beside goccy/go-json and sonic told
# the shape (BenchmarkDecodeShape). The test binary is built once; each of
# ROUNDS rounds (default 7) runs every format's errcat, goccy and sonic
# rows side by side, so that the compared rows run seconds apart. With
# BASE=<commit>, the errcat rows of that commit's decoder run in the same
# rounds (as "errcat-base"), built from `git archive`.
#   cd benchmarks && ./decode_peers_bench.sh
#   cd benchmarks && BASE=0809d34 ./decode_peers_bench.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/b.test" .
if [ -n "${BASE:-}" ]; then
  mkdir "$tmp/base"
  git -C .. archive "$BASE" | tar -x -C "$tmp/base"
  (cd "$tmp/base/benchmarks" && go test -c -o "$tmp/base.test" .)
fi
uptime
for run in $(seq "${ROUNDS:-7}"); do
  "$tmp/b.test" -test.run XXX -test.bench 'DecodeShape/.*/impl=(errcat|goccy|sonic)$' -test.count 1 \
    -test.benchtime 50ms |
    sed -n "s#^BenchmarkDecodeShape/format=\([^/]*\)/impl=\([a-z]*\)-[0-9]*[[:space:]].*[[:space:]]\([0-9.]*\) ns/op.*#$run \1 \2 \3#p"
  if [ -n "${BASE:-}" ]; then
    "$tmp/base.test" -test.run XXX -test.bench 'DecodeShape/.*/impl=errcat$' -test.count 1 -test.benchtime 50ms |
      sed -n "s#^BenchmarkDecodeShape/format=\([^/]*\)/impl=\([a-z]*\)-[0-9]*[[:space:]].*[[:space:]]\([0-9.]*\) ns/op.*#$run \1 \2-base \3#p"
  fi
done > "$tmp/runs"
uptime
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "| format | errcat-base ns/op | errcat ns/op | goccy ns/op | sonic ns/op | median ratio errcat ÷ faster peer |"
echo "|---|---:|---:|---:|---:|---:|"
for f in $(awk '{print $2}' "$tmp/runs" | awk '!seen[$0]++'); do
  m() { awk -v f="$f" -v i="$1" '$2==f && $3==i {print $4}' "$tmp/runs" | median; }
  r=$(awk -v f="$f" '$2==f {ns[$1" "$3]=$4} END {for (k in ns) {split(k, p, " "); if (p[2]=="errcat") {q=ns[p[1]" goccy"]; if (ns[p[1]" sonic"]<q) q=ns[p[1]" sonic"]; print ns[k]/q}}}' "$tmp/runs" | median)
  printf '| %s | %s | %s | %s | %s | %.2f× |\n' "$f" "$(m errcat-base)" "$(m errcat)" "$(m goccy)" "$(m sonic)" "$r"
done
