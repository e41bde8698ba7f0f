#!/bin/sh
# tests/metrics/check.sh: checks the figures of `roic kpis` against values
# worked out by hand. For each case folder tests/metrics/case*/ (or the
# folders given as arguments): ingests its exports (every *.json but
# expected.json, and any *.csv) into a fresh store, then for each month of
# its expected.json runs `roic kpis` and compares every path with
# jcompare (built here from jcompare.c with jansson).
# Prints "ok - CASE MONTH PATH" or "FAIL - CASE MONTH PATH: got X want Y",
# ends with "metrics: N passed, N failed", exits 1 on any failure (2 when
# jcompare cannot be built).
# Environment: ROIC (default: the roic at the top of the repository), CC.
set -u

here=$(cd "$(dirname "$0")" && pwd)
ROIC=${ROIC:-$here/../../roic}
CC=${CC:-cc}
export TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1793000000}"

work=$(mktemp -d "${TMPDIR:-/tmp}/roic-metrics.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
trap 'exit 2' INT TERM HUP

jcompare=$work/jcompare
# shellcheck disable=SC2046 # pkg-config prints words meant to be split
if ! $CC -std=c11 -Wall -Wextra -O1 -o "$jcompare" "$here/jcompare.c" \
    $(pkg-config --cflags --libs jansson 2>/dev/null || echo -ljansson) -lm; then
	echo "FAIL - metrics: cannot build tests/metrics/jcompare.c (needs libjansson-dev)"
	exit 2
fi

passed=0
failed=0

# fail_with LINE FILE: a failure line, then FILE indented.
fail_with() {
	failed=$((failed + 1))
	printf 'FAIL - %s\n' "$1"
	sed 's/^/    /' "$2"
}

# run_case DIR: ingests the case and checks each of its months.
run_case() {
	dir=${1%/}
	name=$(basename "$dir")
	expected=$dir/expected.json
	db=$work/$name.db
	if [ ! -f "$expected" ]; then
		echo "FAIL - $name (no expected.json)"
		failed=$((failed + 1))
		return
	fi
	set --
	for f in "$dir"/*.json "$dir"/*.csv; do
		[ -f "$f" ] || continue
		[ "$f" = "$expected" ] && continue
		set -- "$@" "$f"
	done
	if ! "$ROIC" ingest --db "$db" "$@" >"$work/out" 2>&1; then
		fail_with "$name ingest" "$work/out"
		return
	fi
	if ! "$jcompare" --list "$expected" >"$work/list" 2>"$work/err"; then
		fail_with "$name expected.json" "$work/err"
		return
	fi
	tenant=$(sed -n 1p "$work/list")
	# Months are YYYY-MM: splitting the list on white space is safe.
	# shellcheck disable=SC2013
	for month in $(sed 1d "$work/list"); do
		"$ROIC" kpis --db "$db" --tenant "$tenant" --month "$month" \
		    >"$work/data.json" 2>"$work/err" </dev/null
		rc=$?
		if [ "$rc" -ne 0 ]; then
			fail_with "$name $month (roic kpis exited $rc)" "$work/err"
			continue
		fi
		"$jcompare" "$expected" "$month" "$name" <"$work/data.json" \
		    >"$work/res" 2>"$work/err"
		rc=$?
		cat "$work/res"
		n=$(grep -c '^ok ' "$work/res")
		bad=$(grep -c '^FAIL ' "$work/res")
		passed=$((passed + n))
		failed=$((failed + bad))
		if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then
			fail_with "$name $month (jcompare exited $rc)" "$work/err"
		fi
	done
}

if [ $# -eq 0 ]; then
	for d in "$here"/case*/; do
		[ -d "$d" ] && run_case "$d"
	done
else
	for d in "$@"; do
		run_case "$d"
	done
fi

echo "metrics: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
