#!/usr/bin/env bash
# CPU seconds and peak resident memory of the tools on synthetic catalogs
# (errcat synth) of 10k, 100k and 1M entries: lint, list, every generator
# and import (of the Markdown page gen writes). Each run is measured by
# /usr/bin/time -v and bounded by TIMEOUT seconds (a run cut short shows
# its limit). Prints one tab-separated line per run:
#   entries  command  cpu-seconds  peak-RSS-MB  exit
# SIZES, GENS (generators) and IMPORT=0 (no import) narrow a run.
set -uo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"10000 100000 1000000"}
timeout=${TIMEOUT:-600}
work=${WORK:-$(mktemp -d)}
bin=$work/errcat
go build -o "$bin" ./cmd/errcat
gens=${GENS:-"go markdown rst text html json openapi schema ts python java vectors"}
run() { # label, command...
  local label=$1; shift
  /usr/bin/time -v -o "$work/time.txt" timeout "$timeout" "$@" >/dev/null 2>"$work/err.txt"
  local rc=$?
  local cpu rss
  cpu=$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{printf "%.1f", u+s}' "$work/time.txt")
  rss=$(awk -F': ' '/Maximum resident/{printf "%.0f", $2/1024}' "$work/time.txt")
  printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$label" "$cpu" "$rss" "$rc"
}
printf 'entries\tcommand\tcpu_s\tpeak_rss_mb\texit\n'
for n in $sizes; do
  dir=$work/c$n
  mkdir -p "$dir"
  "$bin" synth --entries "$n" --seed 1 -o "$dir/synthetic.yaml"
  cat=(--no-builtin --catalog "$dir")
  run lint "$bin" "${cat[@]}" lint
  run list "$bin" "${cat[@]}" list
  for g in $gens; do
    rm -rf "$work/out"
    lang=()
    case $g in markdown | rst | text | html) lang=(--lang en) ;; esac
    run "gen $g" "$bin" "${cat[@]}" gen "$g" "${lang[@]}" -o "$work/out"
  done
  [ "${IMPORT:-1}" = 1 ] || { rm -rf "$dir"; continue; }
  rm -rf "$work/page"
  "$bin" "${cat[@]}" gen markdown --lang en -o "$work/page" >/dev/null 2>&1
  page=$(find "$work/page" -name '*.md' | head -1)
  run import "$bin" import --domain synthetic.api --max-bytes "$(stat -c %s "$page")" -o "$work/imported.yaml" "$page"
  rm -rf "$work/out" "$work/page" "$dir"
done
