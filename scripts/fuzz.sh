#!/usr/bin/env bash
# fuzz.sh runs every fuzz target of the module, one at a time, and prints
# a table: package, target, executions, executions per second, result.
#
#   scripts/fuzz.sh [FUZZTIME] [REGEXP]
#
# FUZZTIME is a go test -fuzztime value (default 10s, or $FUZZTIME).
# REGEXP, when given, keeps only the targets whose "package target" line
# matches it (grep -E), e.g. scripts/fuzz.sh 30s importer.
#
# Environment:
#   FUZZMINIMIZETIME  -fuzzminimizetime (default 1000x): how much a new
#                     interesting input or a failure is minimized. A count,
#                     not a time: when a time runs out in the middle of a
#                     minimization, go test kills and restarts the worker,
#                     and on a busy machine that takes most of the run.
#   FUZZPARALLEL      fuzzing workers per target (default 1)
#   FUZZCACHEDIR      a corpus cache of its own instead of $GOCACHE/fuzz
#                     (for runs that must not reuse earlier inputs)
#   FUZZLOGDIR        where each target's go test output is kept (default
#                     a temporary directory, removed when every target passed)
#
# A failing target writes its input under its package's testdata/fuzz, as
# go test does; the table names that file. The script exits 1 when any
# target fails. A bare "context deadline exceeded" at the end of -fuzztime,
# with no failing input, is a race in Go's fuzzing coordinator fixed in
# Go 1.27 (go.dev/issue/75804), not a finding: the table says so and the
# target counts as passed.
set -euo pipefail

# Directories given relative to where the script was started.
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
[ -z "${FUZZCACHEDIR:-}" ] || FUZZCACHEDIR=$(abs "$FUZZCACHEDIR")
[ -z "${FUZZLOGDIR:-}" ] || FUZZLOGDIR=$(abs "$FUZZLOGDIR")
cd "$(dirname "$0")/.."

fuzztime=${1:-${FUZZTIME:-10s}}
filter=${2:-}
minimize=${FUZZMINIMIZETIME:-1000x}
parallel=${FUZZPARALLEL:-1}
logdir=${FUZZLOGDIR:-}
keeplogs=1
if [ -z "$logdir" ]; then
	logdir=$(mktemp -d "${TMPDIR:-/tmp}/errcat-fuzz.XXXXXX")
	keeplogs=0
fi
mkdir -p "$logdir"

# Every test file of every package of the module (go list leaves out
# testdata and the nested benchmarks module), then every func FuzzXxx in it.
root=$(pwd)
# shellcheck disable=SC2016 # a Go template, not a shell expansion
testfiles=$(go list -f '{{$d := .Dir}}{{range .TestGoFiles}}{{$d}}{{"\t"}}{{.}}{{"\n"}}{{end}}{{range .XTestGoFiles}}{{$d}}{{"\t"}}{{.}}{{"\n"}}{{end}}' ./...)
targets=()
while IFS=$'\t' read -r dir file; do
	[ -n "$file" ] || continue
	rel=${dir#"$root"}
	pkg=".$rel"
	while read -r name; do
		line="$pkg $name"
		if [ -z "$filter" ] || grep -qE -- "$filter" <<<"$line"; then
			targets+=("$line")
		fi
	done < <(sed -nE 's/^func (Fuzz[[:alnum:]_]*)\([[:alnum:]_]+ \*testing\.F\).*/\1/p' "$dir/$file")
done <<<"$testfiles"

if [ ${#targets[@]} -eq 0 ]; then
	echo "fuzz.sh: no fuzz target matches ${filter:-anything}" >&2
	exit 1
fi

# seconds turns a time.Duration string as go test prints it (10s, 1m5s,
# 1h0m0s) into seconds.
seconds() {
	awk -v d="$1" 'BEGIN {
		s = 0
		while (match(d, /^[0-9.]+(h|ms|m|s)/)) {
			part = substr(d, 1, RLENGTH); d = substr(d, RLENGTH + 1)
			n = part + 0
			if (part ~ /ms$/) s += n / 1000
			else if (part ~ /h$/) s += n * 3600
			else if (part ~ /m$/) s += n * 60
			else s += n
		}
		print s
	}'
}

echo "fuzzing ${#targets[@]} targets for $fuzztime each (minimize $minimize, $parallel worker(s)); logs in $logdir" >&2
rows=()
failed=0
for t in "${targets[@]}"; do
	pkg=${t% *}
	name=${t#* }
	log="$logdir/$(tr '/.' '__' <<<"${pkg#./}").$name.log"
	args=(test "$pkg" -run '^$' -fuzz "^$name\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" -parallel "$parallel")
	if [ -n "${FUZZCACHEDIR:-}" ]; then
		args+=(-args "-test.fuzzcachedir=$FUZZCACHEDIR/${pkg#./}")
	fi
	printf '%s %s ... ' "$pkg" "$name" >&2
	rc=0
	go "${args[@]}" >"$log" 2>&1 || rc=$?

	# The last progress line holds the totals:
	# fuzz: elapsed: 10s, execs: 123456 (12345/sec), new interesting: 3 (total: 12)
	execs=- rate=-
	last=$(grep -E '^fuzz: elapsed: [^,]+, execs: [0-9]+ ' "$log" | tail -n 1 || true)
	if [ -n "$last" ]; then
		execs=$(sed -E 's/.*, execs: ([0-9]+) .*/\1/' <<<"$last")
		elapsed=$(seconds "$(sed -E 's/^fuzz: elapsed: ([^,]+),.*/\1/' <<<"$last")")
		rate=$(awk -v n="$execs" -v s="$elapsed" -v r="$(sed -E 's/.*\(([0-9]+)\/sec\).*/\1/' <<<"$last")" \
			'BEGIN { if (s > 0) printf "%.0f", n / s; else print r }')
	fi

	if [ "$rc" -eq 0 ] && [ -n "$last" ]; then
		result=pass
	elif [ -n "$last" ] && ! grep -q 'Failing input written to' "$log" &&
		[ "$(grep -A1 -E "^--- FAIL: $name " "$log" | tail -n 1 | sed -E 's/^[[:space:]]+//')" = "context deadline exceeded" ]; then
		result="pass (stop race at the deadline, go.dev/issue/75804)"
	else
		failed=1
		input=$(sed -nE 's/.*Failing input written to ([^[:space:]]+).*/\1/p' "$log" | tail -n 1)
		if [ -n "$input" ]; then
			result="FAIL ${pkg#./}/$input"
		elif [ "$rc" -eq 0 ]; then
			result="FAIL did not fuzz, see $log"
		else
			result="FAIL see $log"
		fi
	fi
	echo "$result" >&2
	rows+=("$pkg"$'\t'"$name"$'\t'"$execs"$'\t'"$rate"$'\t'"$result")
done

# A Markdown table, aligned so that it also reads well in a terminal.
{
	printf 'package\ttarget\texecs\texecs/s\tresult\n'
	printf -- '---\t---\t--:\t--:\t---\n'
	printf '%s\n' "${rows[@]}"
} | awk -F '\t' '
	{ for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } }
	END {
		for (r = 1; r <= NR; r++) {
			line = "|"
			for (i = 1; i <= 5; i++) {
				c = cell[r, i]
				if (r == 2) {
					c = (i == 3 || i == 4) ? sprintf("%" (w[i] - 1) "s:", "") : sprintf("%" w[i] "s", "")
					gsub(/ /, "-", c)
				} else if (i == 3 || i == 4) {
					c = sprintf("%" w[i] "s", c)
				} else {
					c = sprintf("%-" w[i] "s", c)
				}
				line = line " " c " |"
			}
			print line
		}
	}'

if [ "$failed" -ne 0 ]; then
	echo "fuzz.sh: some targets failed; go test output is in $logdir" >&2
	exit 1
fi
if [ "$keeplogs" -eq 0 ]; then
	rm -rf "$logdir"
fi
