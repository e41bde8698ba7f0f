# t_metrics.sh: every figure against values worked out by hand
# (tests/metrics/case*/expected.json, arithmetic in ARITHMETIC.md).

out=$(ROIC="$ROIC" sh "$TOP/tests/metrics/check.sh" 2>&1)
rc=$?
printf '%s\n' "$out" | grep '^FAIL' | head -20
summary=$(printf '%s\n' "$out" | sed -n 's/^metrics: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
if [ -z "$summary" ]; then
	fail "hand-computed metrics: the harness did not finish (exit $rc)" "$(printf '%s\n' "$out" | tail -5)"
else
	set -- $summary
	passed=$((passed + $1))
	failed=$((failed + $2))
	echo "hand-computed metrics: $1 passed, $2 failed"
	[ "$rc" -eq 0 ] || [ "$2" -gt 0 ] || fail "hand-computed metrics: exit $rc"
fi
