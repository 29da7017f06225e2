#!/usr/bin/env bash
# Instructions per op of each benchmark, counted by valgrind's callgrind:
# each benchmark runs twice, N and 2N iterations, and the difference of the
# totals divided by N cancels the start-up cost. Needs valgrind.
# Benchmark patterns may be given as arguments; the default is the list
# below. cpu.rdtscp=off keeps the Go runtime off RDTSCP, which valgrind
# 3.19 does not decode.
set -euo pipefail
cd "$(dirname "$0")"
n=${N:-10000}
bin=$(mktemp -d)/bench.test
go test -c -o "$bin" .
benches=(
  'HTTP/errcat$' 'HTTP/nethttp-json$' 'HTTP/by-hand$'
  'Render/huawei/errcat$' 'Render/huawei/struct-json$' 'Render/huawei/fmt-json$' 'Render/huawei/kratos-json$'
  'Render/google/errcat$' 'Render/google/struct-json$' 'Render/google/kratos-json$'
  'Localize/unlocalized$' 'Localize/accept-language$' 'Localize/accept-language-unmemoized$'
  'GRPCStatus/errcat-grpcerr$' 'GRPCStatus/status-withdetails$'
)
if [ $# -gt 0 ]; then benches=("$@"); fi
irefs() {
  GODEBUG=asyncpreemptoff=1,cpu.rdtscp=off GOMAXPROCS=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    "$bin" -test.run '^$' -test.bench "$1" -test.benchtime "${2}x" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}
printf '%-45s %12s\n' benchmark instr/op
for b in "${benches[@]}"; do
  one=$(irefs "$b" "$n")
  two=$(irefs "$b" $((2 * n)))
  printf '%-45s %12d\n' "${b%\$}" $(((two - one) / n))
done
