#!/bin/sh
# check.sh: `make check`: tests/run.sh with the roic as built (ROIC,
# TESTBIN), and at the same time with the roic built with ASan and UBSan
# (SAN_ROIC, SAN_TESTBIN; ROIC_SANITIZED set, so that suites can skip what
# only checks outputs); the second run's lines follow the first's, marked
# "san:". Ends with the line "N passed, N failed" of both together.
set -u
log=$(mktemp "${TMPDIR:-/tmp}/roic-san.XXXXXX")
trap 'rm -f "$log"' EXIT
ROIC=$SAN_ROIC TESTBIN=$SAN_TESTBIN ROIC_SANITIZED=1 \
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    sh tests/run.sh >"$log" 2>&1 &
san=$!
out=$(mktemp "${TMPDIR:-/tmp}/roic-check.XXXXXX")
trap 'rm -f "$log" "$out"' EXIT
sh tests/run.sh 2>&1 | tee "$out"
wait "$san"
sed 's/^/san: /' "$log"
# A run that ended without its summary counts as one failure.
sum() {
	tail -n 1 "$1" | awk '/^[0-9]+ passed, [0-9]+ failed$/ { print $1, $3; ok = 1 }
		END { if (!ok) print 0, 1 }'
}
# shellcheck disable=SC2046
set -- $(sum "$out") $(sum "$log")
echo "$(($1 + $3)) passed, $(($2 + $4)) failed"
[ $(($2 + $4)) -eq 0 ]
