#!/usr/bin/env bash
# Wall clock, CPU time and peak memory of `errcat import` of a generated
# Markdown error table (Code | Message | HTTP Status, as importTable in
# import_test.go writes it), two binaries taken in turn: each round runs
# the old and then the new binary on the same table, seconds apart. The
# medians over the rounds and the median of the per-round ratios are
# printed, and the two catalogs written are checked to be the same bytes.
#   go build -o /tmp/errcat-old ./cmd/errcat   # at the commit before
#   go build -o /tmp/errcat-new ./cmd/errcat   # at the commit after
#   benchmarks/import_bench.sh /tmp/errcat-old /tmp/errcat-new
# ROUNDS (default 5) and SIZES (default "10000 100000") narrow a run.
set -euo pipefail
old=$1 new=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

table() {
  awk -v n="$1" 'BEGIN {
    print "# Errors\n\n| Code | Message | HTTP Status |\n|---|---|---|"
    split("400 404 500 503", s, " ")
    for (i = 0; i < n; i++) printf "| E%06d | Something went wrong number %d, please retry | %d |\n", i, i, s[i % 4 + 1]
  }'
}

# run IMPL BINARY TABLE prints "wall cpu rss_mb" of one import.
run() {
  /usr/bin/time -v "$2" import -o "$tmp/$1.yaml" "$3" 2> "$tmp/time" > /dev/null || {
    cat "$tmp/time" >&2
    exit 1
  }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { c += $2 } /System time/ { c += $2 }
    /Maximum resident set size/ { r = $2 / 1024 }
    END { printf "%.2f %.2f %.0f\n", w, c, r }' "$tmp/time"
}

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in ${SIZES:-10000 100000}; do
  table "$n" > "$tmp/table$n.md"
  for r in $(seq "${ROUNDS:-5}"); do
    echo "$n $r old $(run old "$old" "$tmp/table$n.md")" >> "$tmp/runs"
    echo "$n $r new $(run new "$new" "$tmp/table$n.md")" >> "$tmp/runs"
    cmp -s "$tmp/old.yaml" "$tmp/new.yaml" || { echo "the two catalogs of $n rows differ" >&2; exit 1; }
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
cat "$tmp/runs"
echo
echo "| rows | old wall s | new wall s | wall ratio (median of rounds) | old CPU s | new CPU s | CPU ratio | old MB | new MB |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in ${SIZES:-10000 100000}; do
  col() { awk -v n="$n" -v i="$1" -v c="$2" '$1==n && $3==i {print $c}' "$tmp/runs" | median; }
  ratio() { awk -v n="$n" -v c="$1" '$1==n {v[$2" "$3]=$c} END {for (k in v) {split(k, p, " "); if (p[2]=="old") print v[k]/v[p[1]" new"]}}' "$tmp/runs" | median; }
  printf "| %s | %s | %s | %.1f× | %s | %s | %.1f× | %s | %s |\n" "$n" \
    "$(col old 4)" "$(col new 4)" "$(ratio 4)" "$(col old 5)" "$(col new 5)" "$(ratio 5)" "$(col old 6)" "$(col new 6)"
done
