#!/usr/bin/env bash
# Wall-clock medians of the decoder against the baseline. Ten separate
# runs (-count=1 each) so that every baseline/errcat pair runs side by side,
# seconds apart, instead of ten baselines and then ten errcat runs; the
# medians over the runs and the median of the per-run ratios are printed.
#   cd benchmarks && ./decode_bench.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/b.test" .
for run in 1 2 3 4 5 6 7 8 9 10; do
  "$tmp/b.test" -test.run XXX -test.bench 'Decode/.*/impl=(baseline|errcat)$' -test.count 1 \
    -test.benchtime 100ms -test.benchmem |
    sed -n "s#^BenchmarkDecode/format=\([^/]*\)/impl=\([a-z]*\)-[0-9]*[[:space:]].*[[:space:]]\([0-9.]*\) ns/op.*[[:space:]]\([0-9]*\) allocs/op#$run \1 \2 \3 \4#p"
done > "$tmp/runs"
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
echo "| format | baseline ns/op | errcat ns/op | ratio of medians | median ratio | baseline allocs | errcat allocs |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for f in $(awk '{print $2}' "$tmp/runs" | awk '!seen[$0]++'); do
  b=$(awk -v f="$f" '$2==f && $3=="baseline" {print $4}' "$tmp/runs" | median)
  e=$(awk -v f="$f" '$2==f && $3=="errcat" {print $4}' "$tmp/runs" | median)
  r=$(awk -v f="$f" '$2==f {ns[$1" "$3]=$4} END {for (k in ns) {split(k, p, " "); if (p[2]=="baseline") print ns[k]/ns[p[1]" errcat"]}}' "$tmp/runs" | median)
  ba=$(awk -v f="$f" '$2==f && $3=="baseline" {print $5; exit}' "$tmp/runs")
  ea=$(awk -v f="$f" '$2==f && $3=="errcat" {print $5; exit}' "$tmp/runs")
  awk -v f="$f" -v b="$b" -v e="$e" -v r="$r" -v ba="$ba" -v ea="$ea" \
    'BEGIN {printf "| %s | %.0f | %.0f | %.1f× | %.1f× | %d | %d |\n", f, b, e, b/e, r, ba, ea}'
done
