#!/usr/bin/env bash
# Instructions per decoded body, counted by callgrind: immune to the noise
# of a shared machine. For each format and implementation the benchmark
# runs twice, with N and 2N iterations; the difference divided by N is the
# cost of one body, without start-up.
#   cd benchmarks && ./decode_instructions.sh
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go test -c -o "$tmp/b.test" .
formats="problem google tencent tencent-v2 aliyun huawei zilliz ucloud aws-json azure kubernetes"
n=2000
count() { # format impl iterations → instructions
  GODEBUG=asyncpreemptoff=1 GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" \
    "$tmp/b.test" -test.run XXX -test.bench "Decode/format=$1/impl=$2\$" -test.benchtime "${3}x" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "| format | baseline instr/body | errcat instr/body | ratio |"
echo "|---|---:|---:|---:|"
for f in $formats; do
  b=$(( ($(count "$f" baseline $((2*n))) - $(count "$f" baseline $n)) / n ))
  e=$(( ($(count "$f" errcat $((2*n))) - $(count "$f" errcat $n)) / n ))
  printf '| %s | %d | %d | %s× |\n' "$f" "$b" "$e" "$(awk -v b="$b" -v e="$e" 'BEGIN{printf "%.1f", b/e}')"
done
