#!/bin/sh
# Runs every test of roic: the unit tests (cmocka, TAP output), then each
# suite tests/t_*.sh. Ends with the line "N passed, N failed".
# Environment: ROIC (the binary), TESTBIN (unit test binaries), TESTS (their
# names), SUITES (the shell suites to run, such as "t_ingest t_pdf": all
# when unset).
set -u
ROIC=${ROIC:-./roic}
TESTBIN=${TESTBIN:-build/release/tests}
TOPBIN=$(cd "$TESTBIN" && pwd)
TESTS=${TESTS:-}
TOP=$(pwd)
export ROIC TOP TOPBIN
export TZ=UTC LC_ALL=C SOURCE_DATE_EPOCH=1793000000

WORK=$(mktemp -d "${TMPDIR:-/tmp}/roic-test.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export WORK

passed=0
failed=0
ok() { passed=$((passed + 1)); printf 'ok - %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL - %s\n' "$1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/    /'; return 0; }

# Unit tests: cmocka prints TAP when asked.
for t in $TESTS; do
	out=$(CMOCKA_MESSAGE_OUTPUT=tap "$TESTBIN/$t" 2>&1)
	rc=$?
	n=$(printf '%s\n' "$out" | grep -c '^ok ')
	bad=$(printf '%s\n' "$out" | grep -c '^not ok ')
	passed=$((passed + n))
	failed=$((failed + bad))
	printf '%s\n' "$out" | grep -E '^((not )?ok |# [a-z~-]+: [0-9]+/[0-9]+$)' | sed "s/^/$t: /"
	if [ "$bad" -eq 0 ] && { [ "$rc" -ne 0 ] || [ "$n" -eq 0 ]; }; then
		fail "$t exited $rc" "$out"
	elif [ "$bad" -gt 0 ]; then
		printf '%s\n' "$out" | grep -v -E '^(not )?ok ' | sed 's/^/    /'
	fi
done

# Shell suites share ok/fail and the helpers of tests/lib.sh.
. "$TOP/tests/lib.sh"
for s in "$TOP"/tests/t_*.sh; do
	case " ${SUITES:-$(basename "$s" .sh)} " in
	*" $(basename "$s" .sh) "*) ;;
	*) continue ;;
	esac
	echo "# $(basename "$s")"
	suite_t0=$(date +%s)
	. "$s"
	echo "# $(basename "$s"): $(($(date +%s) - suite_t0)) s"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
